"""Typo correction of known words, and loose matching of mentions against names.

Only words the planner knows are correction targets: cue-phrase words, shopping nouns,
colours, category, currency and number words. A typed word is corrected when it is unknown
(not a target, filler or common English word), at least 4 letters long, and exactly one
target is reachable by *plausible typing slips*, at most 1 for words up to 5 letters and 2
from 6 letters on:

- two neighbouring letters swapped ("shwo" -> "show", "remvoe" -> "remove");
- a letter left out ("chepest" -> "cheapest", "sunglases" -> "sunglasses");
- a letter typed twice or an extra letter inside the word ("mugg"-like, "shoow" -> "show");
  an extra letter at the end is not a slip but an inflection ("heard" is not "hear");
- a letter replaced by a neighbour on a QWERTY keyboard ("cqrt" -> "cart"), never any other
  letter ("world" is not "would"). Real words that are one slip from a known word ("head",
  "hear") are listed as common words, so they are never corrected.

The first letter must match (or be swapped with the second). A plural or "-ed" form of a
known word is not a typo ("pastels"). Ties are broken in favour of a swap; a remaining tie
means no correction, so the word is kept as typed for the catalog resolver. Three-letter
typos are too ambiguous: the common ones are aliases in `lexicon.ALIASES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from cartmate.discovery.synonyms import lookup_concept
from cartmate.discovery.text import tokenize
from cartmate.planner import lexicon
from cartmate.planner.common_words import COMMON_WORDS
from cartmate.planner.cue_phrases import CUES, MACROS
from cartmate.planner.text import Token

__all__ = ["correct_tokens", "known_words", "name_matches"]


@cache
def _cue_words() -> frozenset[str]:
    words: set[str] = set()
    for pattern in [p for _, p in CUES] + list(MACROS.values()):
        words.update(w for w in re.split(r"[\s|()?~*]+", pattern) if w.isalpha())
    return frozenset(words)


@cache
def _targets() -> frozenset[str]:
    """Words a typo may be corrected to."""
    words = set(_cue_words())
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
        | COMMON_WORDS
        | extra
        | set(lexicon.ALIASES)
        | set(lexicon.CURRENCY_CODES)
        | set(lexicon.WEAK_CURRENCY_WORDS)
    )


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_POS = {ch: (row, col) for row, keys in enumerate(_KEYBOARD) for col, ch in enumerate(keys)}


def _neighbours(a: str, b: str) -> bool:
    """Whether two letters are next to each other on a QWERTY keyboard."""
    if a not in _KEY_POS or b not in _KEY_POS:
        return False
    (ra, ca), (rb, cb) = _KEY_POS[a], _KEY_POS[b]
    return abs(ra - rb) <= 1 and abs(ca - cb) <= 1 and (ra, ca) != (rb, cb)


_FAR = 9  # the cost of an edit that is not a plausible slip


def _slip_cost(word: str, target: str) -> int:
    """Fewest plausible slips that turn `target` into the typed `word` (module docstring).

    A Damerau-Levenshtein distance where each slip costs 1 and any other edit costs `_FAR`.
    """
    n, m = len(word), len(target)
    prev2: list[int] = []
    prev = list(range(m + 1))  # leaving out letters of the target is always plausible
    for i in range(1, n + 1):
        cur = [prev[0] + (1 if 1 < i < n or word[i - 1] == word[i - 2] else _FAR)]
        for j in range(1, m + 1):
            a, b = word[i - 1], target[j - 1]
            extra = 1 if (i < n and i > 1) or (i > 1 and a == word[i - 2]) else _FAR
            swap = 0 if a == b else (1 if _neighbours(a, b) else _FAR)
            best = min(prev[j] + extra, cur[j - 1] + 1, prev[j - 1] + swap)
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                best = min(best, prev2[j - 2] + 1)  # two letters swapped
            cur.append(best)
        prev2, prev = prev, cur
    return prev[m]


_SUFFIXES = ("ings", "ing", "ers", "est", "ed", "es", "er", "ly", "en", "s", "d", "r", "n", "y")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _slip(word: str, target: str) -> bool:
    """Same first letter (or first two swapped), and not another form of the same word.

    "needed" is not a typo of "need", nor "looked" of "looks", nor "close" of "closer".
    """
    if not (word[0] == target[0] or word[:2] == target[1::-1]):
        return False
    short, long_ = sorted((word, target), key=len)
    if long_.startswith(short) and long_[len(short) :] in _SUFFIXES:
        return False
    return _stem(word) != _stem(target)


@lru_cache(maxsize=16_384)
def correct(word: str) -> str | None:
    """The unique known word a typo stands for, or None (see module docstring).

    Remembered per word: an unknown word is weighed against every known one, and the same
    unknown words (product names, "pls", names of people) come back message after message."""
    if len(word) < 4 or not word.isalpha() or word in known_words():
        return None
    if word.endswith("s") and (
        word[:-1] in _targets() or (word.endswith("es") and word[:-2] in _targets())
    ):
        return None  # a plural of a known word ("pastels", "boxes"), not a typo ("muggs")
    limit = 1 if len(word) <= 5 else 2
    best: list[tuple[int, str]] = []
    for target in _targets():
        if abs(len(target) - len(word)) > limit:
            continue
        if OSA.distance(word, target, score_cutoff=limit) > limit or not _slip(word, target):
            continue  # cheap filters first
        d = _slip_cost(word, target)
        if d <= limit:
            best.append((d, target))
    if not best:
        return None
    lowest = min(d for d, _ in best)
    candidates = [t for d, t in best if d == lowest]
    if len(candidates) > 1:
        candidates = [t for t in candidates if sorted(t) == sorted(word)]
    return candidates[0] if len(candidates) == 1 else None


#: Short words typed onto the next or the previous one: "addthe mug", "showmy cart".
_GLUED = frozenset("add ad the a my to of and in show remove put get".split())


def unglued(word: str) -> list[str] | None:
    """ "addthe" -> ["add", "the"]: two known words typed without the space, one of them a
    short function word; None when `word` is known or splits no such way."""
    if len(word) < 5 or not word.isalpha() or word in known_words():
        return None
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        head = lexicon.ALIASES.get(head, head)
        if (head in _GLUED or tail in _GLUED) and {head, tail} <= known_words():
            return [head, tail]
    return None


_STRETCH = re.compile(r"([a-z])\1{2,}")


def _unstretched(word: str) -> str | None:
    """ "pleaseee" -> "please", "coool" -> "cool": a letter held down, the known word it
    stands for (two of the letter, else one); None when nothing is stretched."""
    if not _STRETCH.search(word):
        return None
    for keep in (r"\1\1", r"\1"):
        plain = _STRETCH.sub(keep, word)
        if plain in known_words() or plain in lexicon.ALIASES:
            return plain
    return None


def correct_tokens(tokens: Iterable[Token]) -> list[Token]:
    """Returns the tokens with typos of known words corrected (`corrected_from` set), and
    two words typed together split ("addthe")."""
    out: list[Token] = []
    for token in tokens:
        stretched = _unstretched(token.text) if token.is_word else None
        if stretched:  # "pleaseee", "thxxx", "sooo": said with feeling
            token = replace(token, text=lexicon.ALIASES.get(stretched, stretched))
        parts = unglued(token.text) if token.is_word else None
        if parts:
            out += [replace(token, text=part) for part in parts]  # spaced, not guessed
            continue
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
    return bool(a_words & b_words) or fuzz.partial_ratio(a, b) >= 85 or _same_concept(a, b)


#: Words discovery takes for a product that name what it is for, not the product: "how much
#: coffee does the jar hold" mentions no mug.
_USES = frozenset({"coffee", "tea"})


@cache
def _same_concept(mention: str, name: str) -> bool:
    """ "coffee cup" names the Mug, "shades" the Sunglasses: the shopper's word for the
    product, as discovery's synonyms have it."""
    tokens = tuple(tokenize(mention))
    concept = lookup_concept(tokens) if tokens and not set(tokens) <= _USES else None
    return concept is not None and any(term in name for term in concept.terms)
