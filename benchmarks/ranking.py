"""Discovery ranking on generated catalogs of 1k, 10k and 100k products: prints a table.

Run: `.venv/bin/python benchmarks/ranking.py [sizes...]`. Catalogs come from
`cartmate.style.synthetic.synthetic_catalog`; the index is `cartmate.discovery.ranking.
ProductIndex`. Times: building the index once, then the median of up to REPEATS searches
per query (each query at most QUERY_BUDGET_S), all results ranked (no limit) as the
search tool asks for them before cutting.
"""

from __future__ import annotations

import statistics
import sys
import time

from _common import rss_mib, table, write_section

from cartmate.discovery.ranking import ProductIndex
from cartmate.style.synthetic import synthetic_catalog

QUERIES = [
    ("query", "something for the kitchen", {}),
    ("query", "black leather boots", {}),
    ("query (typo)", "sunglases", {}),
    ("query + category", "navy wool", {"category": "clothing"}),
    ("empty query (all products)", "", {}),
]
REPEATS = 20
QUERY_BUDGET_S = 10.0


def timed(call) -> tuple[float, int]:
    """(median seconds, result count) of up to REPEATS calls."""
    samples, count = [], 0
    deadline = time.monotonic() + QUERY_BUDGET_S
    for _ in range(REPEATS):
        started = time.perf_counter()
        count = len(call())
        samples.append(time.perf_counter() - started)
        if time.monotonic() > deadline:
            break
    return statistics.median(samples), count


def run(size: int) -> list[str]:
    products = synthetic_catalog(size)
    before = rss_mib()[0]
    started = time.perf_counter()
    index = ProductIndex(products)
    build_s = time.perf_counter() - started
    grown = rss_mib()[0] - before
    cells = [f"{size:,}", f"{build_s:.3f}", f"{grown:.0f}"]
    for _, text, kwargs in QUERIES:
        seconds, count = timed(lambda text=text, kwargs=kwargs: index.search(text, **kwargs))
        cells.append(f"{seconds * 1000:,.2f} ({count:,})")
    seconds, count = timed(lambda: index.resolve("the navy wool scarf"))
    cells.append(f"{seconds * 1000:,.2f} ({count:,})")
    return cells


def main(sizes: list[int]) -> None:
    if any(n < 1 or n > 1_000_000 for n in sizes):
        raise SystemExit("sizes must be between 1 and 1,000,000")
    labels = [(f'{kind} "{text}"' if text else kind) + (f" {kw}" if kw else "")
              for kind, text, kw in QUERIES]  # fmt: skip
    headers = ["products", "build s", "RSS growth MiB", *labels, 'resolve "the navy wool scarf"']
    rows = []
    for size in sizes:
        rows.append(run(size))
        print(" | ".join(f"{h}: {c}" for h, c in zip(headers, rows[-1], strict=True)))
    body = f"""
`ProductIndex(products)` built once per catalog (RSS growth: this process's VmRSS after the
build minus before it, a rough size of the index), then each search
timed as the median of up to {REPEATS} calls. Search cells: median ms (results returned).

{table(headers, rows)}
"""
    write_section("ranking", "Discovery ranking (`ranking.py`)", body)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
