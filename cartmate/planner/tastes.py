"""Likes and dislikes in a style statement ("I love earthy tones and leather").

Rules: each like/dislike cue ("I love", "I don't like", "no more", "I hate") governs the words
after it, up to the next such cue or a contrast word ("but", "though", "whereas"...). Inside,
"over"/"rather than"/"instead of"/"not" flips the polarity for what follows ("I prefer gold
over silver" -> likes gold, dislikes silver). Items are split on "and", "or", ","; filler
words are dropped, and so are generic tails ("minimalist stuff" -> "minimalist").
"""

from __future__ import annotations

from collections.abc import Sequence

from cartmate.planner import lexicon
from cartmate.planner.matching import CueMatch
from cartmate.planner.text import Token

__all__ = ["TASTE_SIGNALS", "extract_tastes"]

TASTE_SIGNALS: dict[str, bool] = {"LIKE": True, "DISLIKE": False, "DONT_WANT": False}
_STOP = frozenset(
    {"but", "though", "although", "whereas", "while", "however", "except", "so", "because", "since",
     "got", "enough"}  # "no more kitchen stuff, got enough mugs": the reason, not more tastes
)  # fmt: skip
_FLIP = frozenset({"over", "not", "than", "instead", "vs", "versus", "never"})
_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those", "they", "one", "ones"})
_DROP = (lexicon.STYLE_FILLERS | lexicon.FILLERS | _PRONOUNS) - lexicon.STYLE_WORDS


def _items(words: list[str]) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    for w in [*words, ","]:
        if w in lexicon.LIST_SEPARATORS:
            if current:
                items.append(" ".join(current))
            current = []
        elif w not in _DROP:
            current.append(w)
    return items


def extract_tastes(
    tokens: Sequence[Token], cues: Sequence[CueMatch], taken: frozenset[int]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Returns (likes, dislikes) said in one clause (rules in the module docstring).

    Args:
        tokens: The clause's tokens.
        cues: Its cue matches; those of `TASTE_SIGNALS` start a like or dislike.
        taken: Token indices used by any cue or price phrase.

    Returns:
        Likes and dislikes, each in the order said, without duplicates.
    """
    markers = sorted((c for c in cues if c.signal in TASTE_SIGNALS), key=lambda c: c.start)
    likes: list[str] = []
    dislikes: list[str] = []
    for n, marker in enumerate(markers):
        polarity = TASTE_SIGNALS[marker.signal]
        stop = markers[n + 1].start if n + 1 < len(markers) else len(tokens)
        words: list[str] = []
        for i in range(marker.end, stop):
            w = tokens[i].text
            if w in _STOP or tokens[i].is_boundary:
                break
            if w == "never" and not polarity:
                words.append(",")  # "I'm not into bright colours, and never yellow": still not
            elif w in _FLIP:
                (likes if polarity else dislikes).extend(_items(words))
                polarity, words = not polarity, []
            elif i in taken and i not in marker.used:
                words.append(",")
            elif tokens[i].is_word:
                words.append(w)
        (likes if polarity else dislikes).extend(_items(words))
    return tuple(dict.fromkeys(likes)), tuple(dict.fromkeys(dislikes))
