"""WebSocket load: N concurrent chat sessions, each a scripted four-turn conversation.

    .venv/bin/python benchmarks/websocket_load.py            # 100 and 500 sessions
    .venv/bin/python benchmarks/websocket_load.py 50 200     # other levels
    .venv/bin/python benchmarks/websocket_load.py --max      # 100, 500 and 1,000
    .venv/bin/python benchmarks/websocket_load.py --workers 2 500  # two gateway processes
    .venv/bin/python benchmarks/websocket_load.py --loop asyncio 500  # the standard loop
    .venv/bin/python benchmarks/websocket_load.py --held-out 500  # shoppers' own words

The product runs as `cartmate up` runs it, minus the supervisor: `cartmate boutique` (the
embedded Online Boutique, gRPC on loopback) and `cartmate gateway` (one process, or --workers
processes sharing the port as CARTMATE_GATEWAY_WORKERS does), with Redis at REDIS_URL or an
embedded Valkey, and the offline model. This process is the load generator (the `websockets`
client); on a 2-core machine everything shares the two cores. Gateway memory is the gateway
processes' summed VmRSS and VmHWM (peak) from /proc/PID/status.

Per level: all N sessions connect at once; each sends "hi", "something for the kitchen",
"add the first one", "show my cart", one after the other. Reported: time to the `session`
frame after connecting, per turn time to its first frame and to `turn_end`, turns per second
over the level's wall time, and errors (failed connects, error frames, turns not ending `ok`,
timeouts). Each turn waits at most TURN_WAIT_S, each level at most LEVEL_BUDGET_S.

The script repeats four messages, so after the first session the offline model reads none
of them again (it remembers readings per process). `--held-out` runs the held-out
conversations instead (`_common.held_out_conversations`: 792 of them, 2-16 turns, written
as shoppers would write): session i runs conversation i, so at up to 792 sessions no two
sessions say the same thing, and the planner reads every message as a real gateway would.
Its results go to a section of their own, with latency per turn number.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _common import (
    Chat,
    cpu_seconds,
    held_out_conversations,
    median,
    memory_mib,
    pct,
    product,
    redis_url,
    table,
    write_section,
)

SCRIPT = ("hi", "something for the kitchen", "add the first one", "show my cart")
TURN_WAIT_S = 120.0
LEVEL_BUDGET_S = 300.0
# Lifted for the benchmark: the default all-users model call limit (6,000 a minute) would
# throttle 500 sessions x 4 turns x ~3 model calls, and the offline model costs nothing.
MODEL_CALLS = 10_000_000


# ------------------------------------------------------------------ the server processes


def gateways_memory_mib(pids: list[int]) -> tuple[float, float]:
    """Summed VmRSS and VmHWM of the gateway processes."""
    values = [memory_mib(pid) for pid in pids]
    return sum(v[0] for v in values), sum(v[1] for v in values)


# ------------------------------------------------------------------ the load


@dataclass
class Level:
    sessions: int
    connect_s: list[float] = field(default_factory=list)
    first_s: list[float] = field(default_factory=list)
    turn_s: list[float] = field(default_factory=list)
    per_turn: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    turns_ok: int = 0
    planned: int = 0  # turns the sessions' scripts hold
    frames: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0  # the gateway processes' CPU over the level
    rss_mib: float = 0.0
    hwm_mib: float = 0.0


async def session(
    base: str, level: Level, start: asyncio.Event, script: Sequence[str] = SCRIPT
) -> None:
    await start.wait()
    chat = None
    try:
        began = time.perf_counter()
        chat, first = await Chat.connect(base, TURN_WAIT_S)
        if first.get("type") != "session":
            level.errors[f"first frame {first.get('type')}"] += 1
            return
        level.connect_s.append(time.perf_counter() - began)
        for number, text in enumerate(script, 1):
            first_s, turn_s, status, frames = await chat.turn(text, TURN_WAIT_S)
            level.frames += frames
            level.first_s.append(first_s)
            level.turn_s.append(turn_s)
            level.per_turn.setdefault(text if script is SCRIPT else str(number), []).append(turn_s)
            if status != "ok":
                level.errors[f"turn {status}"] += 1
                return
            level.turns_ok += 1
    except TimeoutError:
        level.errors["timeout"] += 1
    except Exception as exc:
        level.errors[type(exc).__name__] += 1
    finally:
        if chat is not None:
            await chat.close()


async def run_level(
    base: str, pids: list[int], sessions: int, scripts: Sequence[Sequence[str]] = (SCRIPT,)
) -> Level:
    """`sessions` sessions at once, session i running scripts[i % len(scripts)]."""
    level = Level(sessions)
    level.planned = sum(len(scripts[i % len(scripts)]) for i in range(sessions))
    start = asyncio.Event()
    tasks = [
        asyncio.create_task(session(base, level, start, scripts[i % len(scripts)]))
        for i in range(sessions)
    ]
    peak = [0.0]

    async def sample() -> None:
        while True:
            peak[0] = max(peak[0], gateways_memory_mib(pids)[0])
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    began = time.perf_counter()
    start.set()
    done, pending = await asyncio.wait(tasks, timeout=LEVEL_BUDGET_S)
    level.wall_s = time.perf_counter() - began
    level.cpu_s = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    for task in pending:
        task.cancel()
    if pending:
        level.errors["level budget exceeded"] += len(pending)
        await asyncio.gather(*pending, return_exceptions=True)
    sampler.cancel()
    level.rss_mib, level.hwm_mib = peak[0], gateways_memory_mib(pids)[1]
    return level


def ms(value: float) -> str:
    return f"{value * 1000:,.0f}"


async def main_async(levels: list[int], loop: str, workers: int, held_out: bool) -> None:
    scripts: Sequence[Sequence[str]] = held_out_conversations() if held_out else (SCRIPT,)
    env = {"CARTMATE_EVENT_LOOP": loop, "CARTMATE_MODEL_CALLS_PER_MINUTE": str(MODEL_CALLS)}
    with (
        redis_url() as url,
        tempfile.TemporaryDirectory(prefix="websocket-load-") as logs,
        product(url, Path(logs), workers=workers, env=env) as (port, pids),
    ):
        base = f"http://127.0.0.1:{port}"
        idle_rss, _ = gateways_memory_mib(pids)
        print(f"gateway at {base} (pids {pids}), idle RSS {idle_rss:.0f} MiB")
        warm = Level(1)
        await session(base, warm, _set(asyncio.Event()))  # imports, first model build
        if warm.errors:
            raise SystemExit(f"warm-up failed: {dict(warm.errors)}")
        results = []
        for sessions in levels:
            level = await run_level(base, pids, sessions, scripts)
            results.append(level)
            print(
                f"{sessions} sessions: {level.turns_ok} turns ok in {level.wall_s:.1f} s "
                f"({level.turns_ok / level.wall_s:.1f}/s, gateway CPU "
                f"{level.cpu_s * 1000 / max(level.turns_ok, 1):.1f} ms/turn), "
                f"errors {dict(level.errors) or 0}, "
                f"turn p50/p95/p99 {ms(pct(level.turn_s, 50))}/{ms(pct(level.turn_s, 95))}/"
                f"{ms(pct(level.turn_s, 99))} ms, peak RSS {level.rss_mib:.0f} MiB"
            )
            await asyncio.sleep(2)  # let the gateway settle between levels
    report(levels, results, idle_rss, loop, workers, len(scripts) if held_out else 0)


def _set(event: asyncio.Event) -> asyncio.Event:
    event.set()
    return event


def report(
    levels: list[int],
    results: list[Level],
    idle_rss: float,
    loop: str,
    workers: int,
    held_out: int,
) -> None:
    """Writes the level's section; `held_out` is how many held-out conversations the
    sessions ran (0: the script)."""
    rows = []
    for level in results:
        rows.append((
            f"{level.sessions:,}",
            f"{level.turns_ok:,} / {level.planned:,}",
            f"{sum(level.errors.values())}" + (f" ({dict(level.errors)})" if level.errors else ""),
            f"{level.wall_s:.1f}",
            f"{level.turns_ok / level.wall_s:.1f}",
            f"{level.cpu_s * 1000 / max(level.turns_ok, 1):.1f}",
            " / ".join(ms(pct(level.connect_s, p)) for p in (50, 95, 99)),
            " / ".join(ms(pct(level.first_s, p)) for p in (50, 95, 99)),
            " / ".join(ms(pct(level.turn_s, p)) for p in (50, 95, 99)),
            f"{level.rss_mib:.0f} / {level.hwm_mib:.0f}",
        ))  # fmt: skip
    columns = list(SCRIPT) if not held_out else [str(n) for n in range(1, 9)]
    per_turn = []
    for level in results:
        per_turn.append((f"{level.sessions:,}", *(ms(median(level.per_turn.get(t, [])))
                                                  for t in columns)))  # fmt: skip
    what = (
        f"each runs a held-out conversation of its own (session i the i-th of {held_out:,}, "
        "2-16 turns of shoppers' own words, `_common.held_out_conversations`), so the planner "
        "reads every message anew"
        if held_out
        else "each runs the script " + ", ".join(f'"{t}"' for t in SCRIPT)
    )
    by = "turn number (1st to 8th turn of a session)" if held_out else "scripted message"
    body = f"""
The product as `cartmate up` runs it: `cartmate boutique` (embedded Online Boutique, gRPC on
loopback) and {workers} `cartmate gateway` process(es) ({loop} event loop{
", sharing one port with --reuse-port" if workers > 1 else ""}), Redis
{"at REDIS_URL" if os.environ.get("REDIS_URL") else "embedded Valkey"}, offline model, load
from this process over loopback. All sessions start at once; {what}. Model call limit per
minute lifted for the run.
Client and server share the machine's {os.cpu_count()} cores. Gateway idle RSS
{idle_rss:.0f} MiB (all gateway processes, after one warm-up session; RSS columns likewise).

{table(["sessions", "turns ok", "errors", "wall s", "turns/s", "gateway CPU ms/turn",
        "session frame p50/p95/p99 ms",
        "first frame p50/p95/p99 ms", "turn p50/p95/p99 ms", "gateway RSS peak / HWM MiB"],
       rows)}

Median turn latency (ms) per {by}:

{table(["sessions", *columns], per_turn)}

"First frame" is from sending a message to the first frame back (`turn_start`); "turn" is to
`turn_end`. Errors must be 0. "Gateway CPU ms/turn" is the gateway processes' user and
system CPU over the level (/proc) divided by the turns: steadier than turns/s on a shared
machine, since other work on it slows the wall clock but not this.
"""  # fmt: skip
    if held_out:
        title = "WebSocket load, held-out conversations (`websocket_load.py --held-out`)"
        write_section("websocket_load_held_out", title, body)
    else:
        write_section("websocket_load", "WebSocket load (`websocket_load.py`)", body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("levels", nargs="*", type=int, help="concurrent sessions per level")
    parser.add_argument("--max", action="store_true", help="add a level of 1,000 sessions")
    parser.add_argument(
        "--loop", choices=["uvloop", "asyncio"], default="uvloop", help="the event loop"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="gateway processes (CARTMATE_GATEWAY_WORKERS)"
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="sessions run the held-out conversations instead of the four-turn script",
    )
    args = parser.parse_args()
    levels = args.levels or [100, 500]
    if args.max and 1_000 not in levels:
        levels.append(1_000)
    if any(n < 1 or n > 5_000 for n in levels):
        parser.error("levels must be between 1 and 5,000 sessions")
    asyncio.run(main_async(levels, args.loop, args.workers, args.held_out))


if __name__ == "__main__":
    main()
