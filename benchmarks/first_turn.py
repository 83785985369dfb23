"""A fresh product's first turns, with and without the start-up warm-up (CARTMATE_WARM_UP).

    .venv/bin/python benchmarks/first_turn.py [runs]   # default 3 runs of each

Starts the product as `overhead.py` does for (c) (boutique, gateway and the four
`serve-agent` processes, CARTMATE_DELEGATION=a2a), waits until every process answers, and
sends one turn through each specialist (`MESSAGES`, a new shopper each), in ROUNDS rounds.
Round 1 is the first turn the processes ever serve; the later rounds are warm. Runs alternate
between warm-up off and on, each on a new product, so the machine's drift hits both alike.
Times are the client's, from sending the message to `turn_end`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import overhead
from _common import conversation, median, product, redis_url, table, write_section

MESSAGES = {
    "price_comparison": "tell me when the watch drops below 100 dollars",
    "style_profiler": "I like black and leather",
    "product_discovery": "something for the kitchen",
    "cart_manager": "add two mugs to my cart",
}
ROUNDS = 4


async def one_run(warm_up: bool) -> list[list[float]]:
    """Seconds of each message's turn, per round, on a fresh product."""
    from cartmate.agent_runtime.topology import SPECIALISTS

    env = {**overhead.ENV, "CARTMATE_DELEGATION": "a2a", "CARTMATE_WARM_UP": str(warm_up)}
    with redis_url() as url, tempfile.TemporaryDirectory(prefix="first-turn-") as logs:
        with product(url, Path(logs), env=env, agents=SPECIALISTS) as (port, _):
            base = f"http://127.0.0.1:{port}"
            rounds = []
            for _ in range(ROUNDS):
                # each message a new shopper's one-turn conversation
                rounds.append([(await conversation(base, [text]))[0] for text in MESSAGES.values()])
            return rounds


async def main_async(runs: int) -> None:
    results: dict[bool, list[list[list[float]]]] = {False: [], True: []}
    for n in range(runs):
        for warm_up in (False, True) if n % 2 == 0 else (True, False):
            rounds = await one_run(warm_up)
            results[warm_up].append(rounds)
            first = " ".join(f"{s * 1000:7.1f}" for s in rounds[0])
            print(f"run {n + 1}, warm-up {'on ' if warm_up else 'off'}: first turns {first} ms")
    rows = []
    for i, agent in enumerate(MESSAGES):
        cells = [agent]
        for warm_up in (False, True):
            firsts = [run[0][i] for run in results[warm_up]]
            later = [r[i] for run in results[warm_up] for r in run[1:]]
            cells += [f"{median(firsts) * 1000:,.1f}", f"{median(later) * 1000:,.1f}"]
        rows.append(cells)
    headers = ["specialist (message)", "off: first ms", "off: later ms", "on: first ms",
               "on: later ms"]  # fmt: skip
    messages = "; ".join(f'{agent}: "{text}"' for agent, text in MESSAGES.items())
    body = f"""
A fresh product (c) (boutique, gateway, four `serve-agent` processes), one turn through each
specialist per round, a new shopper each ({messages}); {ROUNDS} rounds, round 1 the first
turns the processes ever serve. {runs} runs with CARTMATE_WARM_UP=false and {runs} with
true, alternating, each on a new product. Cells: medians over the runs of round 1 ("first")
and of rounds 2-{ROUNDS} ("later"), client time from sending to `turn_end`.

{table(headers, rows)}

With the warm-up each process runs read-only turns on the offline model before it serves
(the gateway) or registers (a specialist), then freezes what they loaded
(`cartmate/agent_runtime/warm_up.py`). What it leaves cold is the A2A request path itself.
"""
    write_section("first_turn", "First turns of a fresh product (`first_turn.py`)", body)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if runs < 1:
        raise SystemExit("runs must be at least 1")
    os.environ.pop("CARTMATE_WARM_UP", None)
    asyncio.run(main_async(runs))


if __name__ == "__main__":
    main()
