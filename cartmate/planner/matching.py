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


@dataclass(frozen=True)
class _Plan:
    """How to look for one cue cheaply before matching it word by word."""

    required: tuple[tuple[tuple[str, ...], ...], ...]  # alternatives of unskippable elements
    starts: frozenset[str] | None  # words a match must start at (None: anywhere)
    # `required` split for a set test per element: its one-word alternatives, and the rest
    needs: tuple[tuple[frozenset[str], tuple[tuple[str, ...], ...]], ...] = ()

    def possible(self, words: set[str]) -> bool:
        """Whether every word the cue cannot do without is among the message's `words`."""
        for singles, longer in self.needs:
            if singles.isdisjoint(words) and not any(
                all(w in words for w in alt) for alt in longer
            ):
                return False
        return True


@cache
def _plan(pattern: str) -> _Plan:
    elements = compile_pattern(pattern)
    required = tuple(e.alternatives for e in elements if e.alternatives and not e.optional)
    head = elements[0]
    fixed_head = head.alternatives and not head.optional
    starts = frozenset(alt[0] for alt in head.alternatives) if fixed_head else None
    needs = tuple(
        (
            frozenset(alt[0] for alt in alternatives if len(alt) == 1),
            tuple(alt for alt in alternatives if len(alt) > 1),
        )
        for alternatives in required
    )
    return _Plan(required, starts, needs)


@cache
def _cue_index() -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """Which cues (positions in CUES) a message word can start: each cue is filed under the
    words of its most selective required element, so a cue is tried only when a word it
    cannot do without is in the message. Cues with no required word are always tried."""
    index: dict[str, set[int]] = {}
    always: set[int] = set()
    for n, (_, pattern) in enumerate(CUES):
        required = _plan(pattern).required
        if not required:
            always.add(n)
            continue
        for alt in min(required, key=len):
            index.setdefault(alt[0], set()).add(n)
    return {word: frozenset(ns) for word, ns in index.items()}, frozenset(always)


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
    index, always = _cue_index()
    # where each word is, so a cue with fixed first words is tried only where one stands
    at: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        at.setdefault(token.text, []).append(i)
        if token.is_number:
            at.setdefault("#", []).append(i)
    words = set(at)
    candidates = set(always)
    for word in words:
        candidates.update(index.get(word, ()))
    for n in sorted(candidates):  # CUES order is priority order
        signal, pattern = CUES[n]
        plan = _plan(pattern)
        if not plan.possible(words):
            continue  # a word it cannot do without is not in the message
        elements = compile_pattern(pattern)
        if plan.starts is None:
            starts: Sequence[int] = range(len(tokens))
        else:
            starts = sorted({i for word in plan.starts for i in at.get(word, ())})
        after = 0  # a match starts after the one before it
        for i in starts:
            if i < after:
                continue
            used = _match(elements, 0, tokens, i, lambda j: j not in taken)
            if used:
                taken.update(used)
                fuzzy = any(tokens[j].corrected_from for j in used)
                matches.append(CueMatch(signal, min(used), max(used) + 1, frozenset(used), fuzzy))
                after = max(used) + 1
    return matches
