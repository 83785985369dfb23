"""Bundle optimisation on generated catalogs of 1k, 10k and 100k products: prints a table.

Run: `.venv/bin/python benchmarks/bundles.py [sizes...]`. Traits are text-only (generated
products have no photos); the budget is $150.
"""

from __future__ import annotations

import sys
import time

from cartmate.money import Money
from cartmate.style.bundles import BundleItem, optimise_bundle
from cartmate.style.catalog_traits import text_traits
from cartmate.style.coherence import Piece
from cartmate.style.synthetic import synthetic_catalog

BUDGET = Money.from_decimal("150", "USD").total_nanos


def run(size: int) -> tuple[int, float, float, str, int, float, int]:
    """(size, traits seconds, optimise seconds, method, evaluations, objective, items)."""
    products = synthetic_catalog(size)
    start = time.perf_counter()
    items = [BundleItem(Piece(p, text_traits(p)), p.price_usd.total_nanos) for p in products]
    traits_s = time.perf_counter() - start
    start = time.perf_counter()
    result = optimise_bundle(items, BUDGET)
    optimise_s = time.perf_counter() - start
    return (size, traits_s, optimise_s, result.method, result.evaluated, result.objective,
            len(result.items))  # fmt: skip


def main(sizes: list[int]) -> None:
    print(f"{'products':>9} {'traits s':>9} {'optimise s':>11} {'method':>9} "
          f"{'evals':>7} {'objective':>9} {'items':>5}")  # fmt: skip
    for size in sizes:
        n, traits_s, optimise_s, method, evals, objective, count = run(size)
        print(f"{n:>9} {traits_s:>9.3f} {optimise_s:>11.3f} {method:>9} "
              f"{evals:>7} {objective:>9.4f} {count:>5}")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
