"""Typo correction of known words, and loose matching of mentions against names.

Only words the planner knows are correction targets: cue-phrase words, shopping nouns,
colours, category, currency and number words. A typed word is corrected when it is unknown
(not a target, filler or common English word), at least 4 letters long, and exactly one
target is close enough by optimal-string-alignment distance (a transposition counts 1):

- 4-5 letters: distance 1, and the same first letter ("shwo" -> "show", "alret" -> "alert");
- 6-8 letters: distance 1, or 2 with the same first letter ("compair" -> "compare");
- 9+ letters: distance 2 ("reccomend" -> "recommend", "sunglases" -> "sunglasses").

Ties are broken in favour of an anagram (a swapped pair of letters is the commonest typo);
a remaining tie means no correction, so the word is kept as typed for the catalog resolver.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from cartmate.planner import lexicon
from cartmate.planner.cue_phrases import CUES, MACROS
from cartmate.planner.text import Token

__all__ = ["correct_tokens", "known_words", "name_matches"]

#: Everyday words that are not cue words but sit close to one ("hats" ~ "hate", "coat" ~
#: "cost"): known words are never corrected.
_COMMON = frozenset(
    """
    hats coat coats cap caps sock socks rug rugs sofa chair chairs table desk pen pens book
    books toy toys phone case cases laptop headphones speaker camera soap towel towels lamp
    lamps vase vases ring rings gloves boot mitts pan pans pot pots knife knives fork forks
    spoon spoons glass glasses dish dishes tray trays frame frames lens lenses strap straps
    band bands case shape sized match mate late cute core care card cards part dart mall
    male date rice nice mice lime time mine line fine wine wife life like bike hike gate
    gave save same came name game fame tame cake bake lake make rake sake wake fake take
    show shoe shop stop step slow snow know now new news view vibe vine vote note nose
    rose hose pose host most post cost lost list mist fist gift lift left felt belt bolt
    hold holder fold gold bold cold told sold solo silk milk mild wild wide wine kind mind
    find bind rind wind hand band land sand want went wind word work worn warm farm form
    dark park bark mark marks hair pair fair chair heir dear bear wear year near hear tear
    sale tale pale male hale kale dale mule rule role roll doll dull full fill pill bill
    will well wall tall ball call hall fall mall price prize pride bride ride wide side
    tide time tile mile pile file fire hire wire tire tired more mode code node rode lode
    cheap cheat chest check cheek chick thick think thing things thin than that then them
    these those there their where were here hero herb hers user used uses sure pure cure
    order older elder alder under wonder ponder power tower lower mower mover cover lover
    clear clean cream dream great greet green grey prey pray play plan plant pleat please
    items item stem steam team tea eat seat sweat sweet sheet shirt skirt short sport spot
    times tomes tiles alert alter after filter bitter butter better letter setter sitter
    winter painter
    budget widget gadget target market basket bucket rocket pocket locket jacket ticket
    """.split()
)


def _cue_words() -> set[str]:
    words: set[str] = set()
    for pattern in [p for _, p in CUES] + list(MACROS.values()):
        words.update(w for w in re.split(r"[\s|()?~*]+", pattern) if w.isalpha())
    return words


@cache
def _targets() -> frozenset[str]:
    """Words a typo may be corrected to."""
    words = _cue_words()
    words |= lexicon.SHOPPING_NOUNS | lexicon.COLOURS | lexicon.STYLE_WORDS
    words |= set(lexicon.CATEGORY_WORDS) | set(lexicon.UNITS) | set(lexicon.TENS)
    words |= set(lexicon.ORDINALS) | set(lexicon.VAGUE_NUMBERS) | set(lexicon.SCALES)
    words |= lexicon.CURRENCY_CUE_WORDS
    words |= {w for name in lexicon.CURRENCY_NAMES for w in name.split()}
    return frozenset(w for w in words if len(w) >= 3 and w.isalpha())


@cache
def known_words() -> frozenset[str]:
    """Every word the planner knows (targets, fillers, common words): never corrected."""
    extra = {
        w for v in (*lexicon.CONTRACTIONS.values(), *lexicon.ALIASES.values()) for w in v.split()
    }
    return (
        _targets()
        | lexicon.FILLERS
        | lexicon.QUERY_GENERIC
        | _COMMON
        | extra
        | set(lexicon.ALIASES)
        | set(lexicon.CURRENCY_CODES)
        | set(lexicon.WEAK_CURRENCY_WORDS)
    )


def _allowed(word: str, target: str, distance: int) -> bool:
    n = len(word)
    same_first = word[0] == target[0]
    if n <= 5:
        return distance == 1 and same_first
    if n <= 8:
        return distance == 1 or (distance == 2 and same_first)
    return distance <= 2


def correct(word: str) -> str | None:
    """The unique close known word for a typo, or None (see module docstring)."""
    if len(word) < 4 or not word.isalpha() or word in known_words():
        return None
    best: list[tuple[int, str]] = []
    for target in _targets():
        if abs(len(target) - len(word)) > 2:
            continue
        d = OSA.distance(word, target, score_cutoff=2)
        if d <= 2 and _allowed(word, target, d):
            best.append((d, target))
    if not best:
        return None
    lowest = min(d for d, _ in best)
    candidates = [t for d, t in best if d == lowest]
    if len(candidates) > 1:
        candidates = [t for t in candidates if sorted(t) == sorted(word)]
    return candidates[0] if len(candidates) == 1 else None


def correct_tokens(tokens: Iterable[Token]) -> list[Token]:
    """Returns the tokens with typos of known words corrected (`corrected_from` set)."""
    out: list[Token] = []
    for token in tokens:
        fixed = correct(token.text) if token.is_word else None
        out.append(replace(token, text=fixed, corrected_from=token.text) if fixed else token)
    return out


def name_matches(mention: str, name: str) -> bool:
    """Whether a mention plausibly names a product ("mugs" ~ "Mug", "jar" ~ "Bamboo Glass Jar").

    Used only to disambiguate with the conversation context, never to resolve products.
    """
    a, b = mention.lower().strip(), name.lower().strip()
    if not a or not b:
        return False
    a_words = {w.rstrip("s") for w in re.findall(r"[a-z]+", a) if len(w) > 2}
    b_words = {w.rstrip("s") for w in re.findall(r"[a-z]+", b) if len(w) > 2}
    return bool(a_words & b_words) or fuzz.partial_ratio(a, b) >= 85
