"""Outfit bundles: the most coherent set of products within a budget (exact money).

The objective of a set S of outfit pieces (empty set: 0):

    0.6 completeness(S) + 0.4 harmony(S)                      (`coherence`'s outfit score)
    + (AFFINITY_WEIGHT * sum of style affinities + OCCASION_WEIGHT * pieces fitting the
       occasion) / MAX_ITEMS

subject to: total price <= budget (integer nanos of one currency, never floats), at most
`SLOT_CAPACITY` pieces per slot (one clothing, one footwear, two accessories). Ties go to the
cheaper set. Harmony only falls as pieces are added, which gives an admissible bound.

- **Exact** (<= `exact_max` candidates): depth-first branch-and-bound over include/exclude
  decisions, pieces ordered by slot and value; a branch is cut when its optimistic bound
  (every slot still affordable covered, harmony as now, the best remaining affinities) cannot
  beat the best set found.
- **Heuristic** (larger catalogs): keep per slot the `keep` best-valued and `keep` cheapest
  affordable candidates, build greedily (best objective gain first), then local search
  (add, remove or swap one piece; best improvement) for at most `max_iterations` evaluations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cartmate.style.coherence import (
    OUTFIT_NEUTRALS,
    SLOT_CAPACITY,
    SLOTS,
    Coherence,
    Piece,
    clash_penalty,
    coherence,
)

__all__ = [
    "AFFINITY_WEIGHT",
    "MAX_ITEMS",
    "OCCASION_WEIGHT",
    "BundleItem",
    "BundleResult",
    "bundle_objective",
    "feasible",
    "optimise_bundle",
]

AFFINITY_WEIGHT = 0.3
OCCASION_WEIGHT = 0.1
MAX_ITEMS = sum(SLOT_CAPACITY.values())
_ACCENT_LIMIT, _EXTRA_ACCENT, _FORMALITY = 3, 0.1, 0.2  # as in `coherence`


@dataclass(frozen=True)
class BundleItem:
    """A candidate piece: its traits, exact price (nanos, budget currency) and fit."""

    piece: Piece
    price_nanos: int
    affinity: float = 0.0  # -1..1, from the shopper's style profile
    occasion: bool = False  # fits the requested occasion

    @property
    def bonus(self) -> float:
        """Its own contribution to the objective, whatever it is combined with."""
        return (AFFINITY_WEIGHT * self.affinity + OCCASION_WEIGHT * self.occasion) / MAX_ITEMS


@dataclass(frozen=True)
class BundleResult:
    """The chosen bundle."""

    items: tuple[BundleItem, ...]
    objective: float
    coherence: Coherence
    total_nanos: int
    method: str  # "exact" or "heuristic"
    evaluated: int  # search nodes or objective evaluations, for benchmarks


class _Evaluator:
    """The objective over index sets of `items`, with pair penalties precomputed."""

    def __init__(self, items: Sequence[BundleItem]) -> None:
        self.items = items
        self.slots = [SLOTS.index(i.piece.slot) for i in items]  # type: ignore[arg-type]
        self.accents = [frozenset(i.piece.traits.colour_names()) for i in items]
        self.formality = [i.piece.traits.formality for i in items]
        self._pairs: dict[tuple[int, int], float] = {}
        self.evaluations = 0

    def pair(self, a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            self._pairs[key] = clash_penalty(self.items[a].piece, self.items[b].piece)[0]
        return self._pairs[key]

    def harmony(self, chosen: Sequence[int]) -> float:
        penalty = sum(self.pair(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :])
        accents = {c for i in chosen for c in self.accents[i]} - OUTFIT_NEUTRALS
        penalty += _EXTRA_ACCENT * max(0, len(accents) - _ACCENT_LIMIT)
        if {"formal", "casual"} <= {self.formality[i] for i in chosen}:
            penalty += _FORMALITY
        return max(0.0, 1.0 - penalty)

    def value(self, chosen: Sequence[int]) -> float:
        self.evaluations += 1
        if not chosen:
            return 0.0
        covered = len({self.slots[i] for i in chosen})
        score = 0.6 * covered / len(SLOTS) + 0.4 * self.harmony(chosen)
        return round(score + sum(self.items[i].bonus for i in chosen), 9)


def feasible(items: Sequence[BundleItem], budget_nanos: int) -> bool:
    """Whether a set respects the budget, the slot capacities and holds outfit pieces only."""
    if sum(i.price_nanos for i in items) > budget_nanos:
        return False
    counts: dict[str | None, int] = {}
    for item in items:
        counts[item.piece.slot] = counts.get(item.piece.slot, 0) + 1
    return None not in counts and all(n <= SLOT_CAPACITY[s] for s, n in counts.items() if s)


def bundle_objective(items: Sequence[BundleItem]) -> float:
    """The objective of one set (see the module docstring)."""
    return _Evaluator(items).value(list(range(len(items))))


def _better(value: float, price: int, best: tuple[float, int]) -> bool:
    return value > best[0] + 1e-9 or (abs(value - best[0]) <= 1e-9 and price < best[1])


def _exact(ev: _Evaluator, order: list[int], budget: int) -> list[int]:
    items = ev.items
    best: tuple[float, int] = (0.0, 0)
    best_set: list[int] = []
    chosen: list[int] = []
    counts = [0] * len(SLOTS)

    def bound(start: int, remaining: int) -> float:
        slots = {ev.slots[i] for i in chosen}
        rest = [i for i in order[start:] if items[i].price_nanos <= remaining]
        slots |= {
            ev.slots[i] for i in rest if counts[ev.slots[i]] < SLOT_CAPACITY[SLOTS[ev.slots[i]]]
        }
        room = MAX_ITEMS - len(chosen)
        extra = sorted((items[i].bonus for i in rest if items[i].bonus > 0), reverse=True)[:room]
        own = sum(items[i].bonus for i in chosen)
        return 0.6 * len(slots) / len(SLOTS) + 0.4 * ev.harmony(chosen) + own + sum(extra)

    def search(start: int, spent: int) -> None:
        nonlocal best, best_set
        value = ev.value(chosen)
        if _better(value, spent, best):
            best, best_set = (value, spent), list(chosen)
        if start >= len(order) or len(chosen) >= MAX_ITEMS:
            return
        if bound(start, budget - spent) < best[0] - 1e-9:
            return
        for k in range(start, len(order)):
            i = order[k]
            slot = ev.slots[i]
            if counts[slot] >= SLOT_CAPACITY[SLOTS[slot]] or spent + items[i].price_nanos > budget:
                continue
            chosen.append(i)
            counts[slot] += 1
            search(k + 1, spent + items[i].price_nanos)
            chosen.pop()
            counts[slot] -= 1

    search(0, 0)
    return best_set


def _shortlist(ev: _Evaluator, budget: int, keep: int) -> list[int]:
    items = ev.items
    picked: dict[int, None] = {}
    for s in range(len(SLOTS)):
        pool = [i for i in range(len(items)) if ev.slots[i] == s and items[i].price_nanos <= budget]
        for i in sorted(pool, key=lambda i: (-items[i].bonus, items[i].price_nanos, i))[:keep]:
            picked[i] = None
        for i in sorted(pool, key=lambda i: (items[i].price_nanos, -items[i].bonus, i))[:keep]:
            picked[i] = None
    return list(picked)


def _fits(ev: _Evaluator, chosen: Iterable[int], budget: int) -> bool:
    chosen = list(chosen)
    if sum(ev.items[i].price_nanos for i in chosen) > budget or len(chosen) > MAX_ITEMS:
        return False
    return all(
        sum(1 for i in chosen if ev.slots[i] == s) <= SLOT_CAPACITY[SLOTS[s]]
        for s in range(len(SLOTS))
    )


def _heuristic(ev: _Evaluator, pool: list[int], budget: int, max_iterations: int) -> list[int]:
    def price(chosen: Iterable[int]) -> int:
        return sum(ev.items[i].price_nanos for i in chosen)

    current: list[int] = []
    current_value = 0.0
    while True:  # greedy: the best gain first, until nothing adds value
        options = [
            (ev.value(current + [i]), -ev.items[i].price_nanos, -i, i)
            for i in pool
            if i not in current and _fits(ev, current + [i], budget)
        ]
        if not options or max(options)[0] <= current_value + 1e-9:
            break
        current_value, *_, chosen = max(options)
        current.append(chosen)
    evaluations = 0
    improved = True
    while improved and evaluations < max_iterations:  # local search: add, remove, swap one
        improved = False
        best = (current_value, price(current))
        best_move = current
        moves: list[list[int]] = [[*current, i] for i in pool if i not in current]
        moves += [[c for c in current if c != r] for r in current]
        moves += [
            [*(c for c in current if c != r), i] for r in current for i in pool if i not in current
        ]
        for move in moves:
            if evaluations >= max_iterations:
                break
            if not _fits(ev, move, budget):
                continue
            evaluations += 1
            value = ev.value(move)
            if _better(value, price(move), best):
                best, best_move, improved = (value, price(move)), move, True
        current, current_value = best_move, best[0]
    return current


def optimise_bundle(
    items: Sequence[BundleItem],
    budget_nanos: int,
    *,
    exact_max: int = 60,
    max_iterations: int = 2000,
    keep: int = 25,
) -> BundleResult:
    """The best outfit bundle within the budget.

    Args:
        items: Candidates (products in no outfit slot are ignored).
        budget_nanos: The budget in nanos of the items' price currency.
        exact_max: Up to this many affordable candidates, solve exactly (branch-and-bound).
        max_iterations: The local search's bound on objective evaluations (heuristic).
        keep: Per slot, how many best and how many cheapest candidates the heuristic keeps.

    Returns:
        The bundle (possibly empty when nothing fits the budget).
    """
    if budget_nanos < 0:
        raise ValueError("budget must not be negative")
    usable = [i for i in items if i.piece.slot is not None and i.price_nanos <= budget_nanos]
    ev = _Evaluator(usable)
    indices = list(range(len(usable)))
    if len(usable) <= exact_max:
        order = sorted(
            indices, key=lambda i: (ev.slots[i], -usable[i].bonus, usable[i].price_nanos)
        )
        chosen, method = _exact(ev, order, budget_nanos), "exact"
    else:
        pool = _shortlist(ev, budget_nanos, keep)
        chosen, method = _heuristic(ev, pool, budget_nanos, max_iterations), "heuristic"
    chosen.sort(key=lambda i: (ev.slots[i], i))
    picked = tuple(usable[i] for i in chosen)
    return BundleResult(
        items=picked,
        objective=ev.value(chosen),
        coherence=coherence([i.piece for i in picked]),
        total_nanos=sum(i.price_nanos for i in picked),
        method=method,
        evaluated=ev.evaluations,
    )
