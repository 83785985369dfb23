"""Which units of each cart line are gifts, and for whom, kept in the session state.

A cart line holds one product in some quantity (Online Boutique keeps nothing else), but a
household shopper buys "a pair of sunglasses for my dad" and later "one more for my cousin":
one line, two people. The marks are counts per person and line, `{product id: {person:
count}}` under `state.GIFTS`, so "what did I pick for dad?" reads back one pair, "take my
cousin's out" takes out only the cousin's, and the units nobody was named for are the
shopper's own. Marks never count more units than the line holds: when a line shrinks without
a person said, the shopper's own units go first, then the gifts marked last.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from cartmate.agent_runtime.state import GIFTS

__all__ = ["fit_marks", "gift_marks", "mark_gift", "marked_person", "unmark_gift"]

#: An earlier version marked a whole line for one person ({id: "dad"}): all of it, capped
#: to the line's quantity by `fit_marks`.
_WHOLE_LINE = 999


def gift_marks(state: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """The marks, as a new dict the caller may change."""
    marks: dict[str, dict[str, int]] = {}
    for product_id, held in (state.get(GIFTS) or {}).items():
        if isinstance(held, str):
            marks[product_id] = {held: _WHOLE_LINE}
        elif isinstance(held, Mapping):
            counts = {str(p): int(n) for p, n in held.items() if int(n) > 0}
            if counts:
                marks[product_id] = counts
    return marks


def marked_person(marks: Mapping[str, int], said: str) -> str | None:
    """The person of a line's marks `said` names (case and spacing aside), else None."""
    wanted = said.strip().lower()
    return next((person for person in marks if person.lower() == wanted), None)


def mark_gift(state: MutableMapping[str, Any], product_id: str, person: str, count: int) -> str:
    """`count` more units of the line are `person`'s; returns the person as kept."""
    marks = gift_marks(state)
    line = marks.setdefault(product_id, {})
    kept = marked_person(line, person) or person.strip()[:40]
    line[kept] = line.get(kept, 0) + count
    state[GIFTS] = marks
    return kept


def unmark_gift(
    state: MutableMapping[str, Any], product_id: str, person: str, count: int | None = None
) -> int:
    """Takes `count` (all, with None) of `person`'s units off the line's marks; returns how
    many were theirs before."""
    marks = gift_marks(state)
    line = marks.get(product_id) or {}
    kept = marked_person(line, person)
    if kept is None:
        return 0
    theirs = line[kept]
    left = 0 if count is None else max(0, theirs - count)
    if left:
        line[kept] = left
    else:
        del line[kept]
    if not line:
        marks.pop(product_id, None)
    state[GIFTS] = marks
    return theirs


def fit_marks(
    state: MutableMapping[str, Any], held: Mapping[str, int]
) -> dict[str, dict[str, int]]:
    """The marks fitted to the cart as it is (`held`: product id -> quantity): lines gone
    lose theirs, and a line marked for more units than it holds loses the last marked first
    (the shopper's own units went first). Stored back only when that changed them."""
    fitted: dict[str, dict[str, int]] = {}
    for product_id, line in gift_marks(state).items():
        room = held.get(product_id, 0)
        kept: dict[str, int] = {}
        for person, count in line.items():
            if room <= 0:
                break
            kept[person] = min(count, room)
            room -= kept[person]
        if kept:
            fitted[product_id] = kept
    if fitted != (state.get(GIFTS) or {}):
        state[GIFTS] = fitted
    return fitted
