"""Bundle optimisation on generated catalogs of 1k, 10k and 100k products: prints a table.

Run: `.venv/bin/python benchmarks/bundles.py [sizes...]`. Traits are text-only (generated
products have no photos); the budget is $150. Writes its section of `benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import sys
import time

from _common import rss_mib, table, write_section

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
    rows = []
    for size in sizes:
        before, _ = rss_mib()
        n, traits_s, optimise_s, method, evals, objective, count = run(size)
        after, _ = rss_mib()
        rows.append([f"{n:,}", f"{traits_s:.3f}", f"{optimise_s:.3f}", method, f"{evals:,}",
                     f"{objective:.4f}", count, f"{after - before:.0f}"])  # fmt: skip
        print(" | ".join(str(c) for c in rows[-1]))
    headers = ["products", "traits s", "optimise s", "method", "evaluations", "objective",
               "items", "RSS growth MiB"]  # fmt: skip
    body = (
        "`optimise_bundle` over a generated catalog (`synthetic_catalog`), budget $150.\n"
        '"traits" '
        "is reading every product's text traits (generated products have no photos), done once\n"
        'per catalog; "optimise" is the search for the most coherent bundle within the budget\n'
        '("method" says whether it was exact or the bounded heuristic, "evaluations" how many\n'
        "candidate bundles it scored). RSS growth is this process's, a rough size of the catalog\n"
        "and its traits.\n\n" + table(headers, rows)
    )
    write_section("bundles", "Bundle optimisation (`bundles.py`)", body)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
