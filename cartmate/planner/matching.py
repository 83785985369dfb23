"""A tiny matcher for cue phrases over tokens (pattern language described in `cue_phrases.py`).

Cue phrases are matched in priority order and each token is used by at most one cue, so a
more specific phrase listed earlier wins its words. Words a `*` skips over are not used up:
they stay available for the product mention ("take [the mug] out").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from cartmate.planner.cue_phrases import CUES, MACROS
from cartmate.planner.text import Token

__all__ = ["CueMatch", "compile_pattern", "find_cues"]

_GAP_WIDTH = 4  # how many words a `*` may skip
_ELEMENT_RE = re.compile(r"\(([^)]*)\)(\?)?|(~)?([^\s()]+?)(\?)?(?=\s|$)")


@dataclass(frozen=True)
class _Element:
    """One position of a pattern: alternatives (each a word sequence), or a gap."""

    alternatives: tuple[tuple[str, ...], ...] = ()
    optional: bool = False
    lookahead: bool = False  # must match (even if used), but is not used up
    gap: bool = False
    anchor: bool = False  # only at the start of the clause


@dataclass(frozen=True)
class CueMatch:
    """A cue phrase found in a message.

    Attributes:
        signal: The cue's signal, e.g. "ADD".
        start: Index of its first token.
        end: Index after its last token.
        used: Indices of the tokens it used up (not those a `*` skipped).
        fuzzy: Whether one of its words was a corrected typo.
    """

    signal: str
    start: int
    end: int
    used: frozenset[int]
    fuzzy: bool = False


def _expand(pattern: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: MACROS[m.group(1)], pattern)


@cache
def compile_pattern(pattern: str) -> tuple[_Element, ...]:
    """Parses a pattern string into elements.

    Args:
        pattern: A pattern, e.g. "take * out|off" or "(do not|no longer) want".

    Returns:
        The elements, in order.
    """
    elements: list[_Element] = []
    for m in _ELEMENT_RE.finditer(_expand(pattern)):
        group, group_opt, look, word, word_opt = m.groups()
        if group is not None:
            alts = tuple(tuple(alt.split()) for alt in group.split("|"))
            elements.append(_Element(alts, optional=bool(group_opt)))
        elif word == "*":
            elements.append(_Element(gap=True))
        elif word == "^":
            elements.append(_Element(anchor=True))
        else:
            alts = tuple((alt,) for alt in word.split("|"))
            elements.append(_Element(alts, optional=bool(word_opt), lookahead=bool(look)))
    return tuple(elements)


def _accepts(word: str, token: Token) -> bool:
    return token.is_number if word == "#" else token.text == word


def _match(
    elements: Sequence[_Element],
    k: int,
    tokens: Sequence[Token],
    i: int,
    free: Callable[[int], bool],
) -> list[int] | None:
    """Matches elements[k:] from token i; returns the used indices, or None."""
    if k == len(elements):
        return []
    element = elements[k]
    if element.anchor:
        return _match(elements, k + 1, tokens, i, free) if i == 0 else None
    if element.gap:
        for j in range(i, min(i + _GAP_WIDTH, len(tokens)) + 1):
            if j > i and tokens[j - 1].is_boundary:
                break
            rest = _match(elements, k + 1, tokens, j, free)
            if rest is not None:
                return rest
        return None
    for alt in element.alternatives:
        span = range(i, i + len(alt))
        if span.stop <= len(tokens) and all(
            (element.lookahead or free(j)) and _accepts(w, tokens[j])
            for j, w in zip(span, alt, strict=True)
        ):
            rest = _match(elements, k + 1, tokens, span.stop, free)
            if rest is not None:
                return rest if element.lookahead else [*span, *rest]
    if element.optional:
        return _match(elements, k + 1, tokens, i, free)
    return None


def find_cues(tokens: Sequence[Token], blocked: frozenset[int] = frozenset()) -> list[CueMatch]:
    """Finds every cue phrase in the tokens, in priority order, each token used at most once.

    Args:
        tokens: The message's tokens.
        blocked: Tokens already used (e.g. by a price phrase) that no cue may use.

    Returns:
        The matches, in the order of `CUES` (then left to right).
    """
    taken = set(blocked)
    matches: list[CueMatch] = []
    first_words = {t.text for t in tokens} | {"#"}
    for signal, pattern in CUES:
        elements = compile_pattern(pattern)
        head = elements[0]
        if not (head.optional or head.gap or head.anchor) and not any(
            alt[0] in first_words for alt in head.alternatives
        ):
            continue  # cheap pre-check: its first word is nowhere in the message
        i = 0
        while i < len(tokens):
            used = _match(elements, 0, tokens, i, lambda j: j not in taken)
            if used:
                taken.update(used)
                fuzzy = any(tokens[j].corrected_from for j in used)
                matches.append(CueMatch(signal, min(used), max(used) + 1, frozenset(used), fuzzy))
                i = max(used) + 1
            else:
                i += 1
    return matches
