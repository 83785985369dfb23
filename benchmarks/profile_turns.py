"""Where a turn's CPU goes in each process of the product, by package: cProfile, not sampling.

    .venv/bin/python benchmarks/profile_turns.py [turns] [b|c]   # default 100 turns, way c
    .venv/bin/python benchmarks/profile_turns.py --conversations [count] [b|c]  # default 40
    .venv/bin/python benchmarks/profile_turns.py --cpu ...   # CPU time, not wall time

Starts the product as `overhead.py` does for (b) (boutique and gateway) or (c) (plus the four
`serve-agent` processes, CARTMATE_DELEGATION=a2a), each with `benchmarks/profiling` on
PYTHONPATH so its `sitecustomize` installs a cProfile switch on SIGUSR1/SIGUSR2. After five
untimed turns it switches profiling on in every product process, runs `turns` turns of
overhead's "add two mugs to my cart" (a new shopper each), switches it off and prints, per
process, the self time per turn by package and the functions of CartMate and the libraries
that take most. cProfile slows Python code about twofold, so the numbers are shares, and the
profiles are left in a temporary folder for `python -m pstats`. Nothing is written to
RESULTS.md: profiles are read, then summarised there by hand.

The repeated turn hides what every real turn pays: its session has a history (read and
parsed each turn, up to CARTMATE_HISTORY_EVENTS events), its message is new (the planner
reads it; the offline model remembers readings, so repeats cost nothing), and shoppers ask
for more than one thing at a time. `--conversations` profiles the first `count` held-out
conversations instead (`_common.held_out_conversations`, shoppers' own words, one shopper
each, one conversation after another), and also prints, per process, the planner's readings
and the session events built per turn.
"""

from __future__ import annotations

import asyncio
import collections
import os
import pstats
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

import overhead
from _common import conversation, held_out_conversations, product, product_processes, redis_url

HERE = Path(__file__).resolve().parent


def calls_per_turn(path: Path, turns: int) -> str:
    """The planner's readings and the session events parsed, per turn, in one profile."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    counted = {
        ("planner/understanding.py", "understand"): 0,
        ("events/event.py", "_accept_convenience_kwargs"): 0,
    }
    for (filename, _, name), (_, calls, _, _, _) in stats.items():
        for key in counted:
            if filename.endswith(key[0]) and name == key[1]:
                counted[key] += calls
    readings, events = counted.values()
    return (
        f"  per turn: {readings / turns:.2f} messages read by the planner, "
        f"{events / turns:.1f} ADK events built (the session's history parsed, and new ones)"
    )


def package(filename: str) -> str:
    """A profile entry's package: "google/adk", "a2a/server", "cartmate/gateway", "std/..."."""
    if filename == "~":
        return "builtins (C functions)"
    found = re.search(r"site-packages/([^/]+)/([^/.]+)", filename)
    if found:
        top = found.group(1)
        return f"{top}/{found.group(2)}" if top in {"google", "a2a", "opentelemetry"} else top
    found = re.search(r"/cartmate/([^/.]+)", filename)
    if found:
        return f"cartmate/{found.group(1)}"
    found = re.search(r"python3\.\d+/([^/]+)", filename)
    return f"std/{found.group(1)}" if found else filename


def summarise(path: Path, turns: int, top: int = 14) -> str:
    stats = pstats.Stats(str(path))
    by_package: collections.Counter[str] = collections.Counter()
    for (filename, _, _), (_, _, self_time, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package(filename)] += self_time
    total = sum(by_package.values()) or 1.0
    lines = [f"{path.name}: {total / turns * 1000:.1f} ms per turn (profiled)"]
    lines += [f"  {t / turns * 1000:6.2f} ms {t / total * 100:5.1f} %  {name}"
              for name, t in by_package.most_common(top)]  # fmt: skip
    return "\n".join(lines)


async def main_async(
    turns: int, way: str, conversations: int = 0, cpu: bool = False
) -> tuple[Path, float, int]:
    """Runs the turns (or `conversations` conversations) with every product process
    profiled (by CPU time with `cpu`): (the profiles' folder, ms a turn under the profiler,
    turns run)."""
    from cartmate.agent_runtime.topology import SPECIALISTS

    with redis_url() as url, tempfile.TemporaryDirectory(prefix="profile-") as logs:
        out = Path(tempfile.mkdtemp(prefix="cartmate-profiles-"))
        os.environ["CARTMATE_CPROFILE_DIR"] = str(out)
        os.environ["CARTMATE_CPROFILE_CLOCK"] = "cpu" if cpu else "wall"
        os.environ["PYTHONPATH"] = os.pathsep.join(
            [str(HERE / "profiling"), os.environ.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        env = dict(overhead.ENV)
        agents: tuple[str, ...] = ()
        if way == "c":
            env["CARTMATE_DELEGATION"] = "a2a"
            agents = tuple(SPECIALISTS)
        with product(url, Path(logs), env=env, agents=agents) as (port, _):
            base = f"http://127.0.0.1:{port}"
            for _ in range(5):
                await overhead.socket_turn(base)
            pids = [pid for pid, name in product_processes().items()
                    if pid != os.getpid() and "valkey" not in name]  # fmt: skip
            for pid in pids:
                os.kill(pid, signal.SIGUSR1)
            await asyncio.sleep(0.5)
            started = time.perf_counter()
            if conversations:
                turns = 0
                for talk in held_out_conversations()[:conversations]:
                    turns += len(await conversation(base, talk))
            else:
                for _ in range(turns):
                    await overhead.socket_turn(base)
            took = (time.perf_counter() - started) / turns * 1000
            for pid in pids:
                os.kill(pid, signal.SIGUSR2)
            await asyncio.sleep(2.0)
    return out, took, turns


def main() -> None:
    args = sys.argv[1:]
    cpu = "--cpu" in args
    args = [a for a in args if a != "--cpu"]
    conversations = args[:1] == ["--conversations"]
    args = args[1:] if conversations else args
    count = int(args[0]) if args else (40 if conversations else 100)
    way = args[1] if len(args) > 1 else "c"
    if way not in {"b", "c"} or count < 1:
        raise SystemExit("usage: profile_turns.py [--cpu] [--conversations] [count >= 1] [b|c]")
    out, took, turns = asyncio.run(
        main_async(count, way, conversations=count if conversations else 0, cpu=cpu)
    )
    what = f"{count} conversations, {turns} turns" if conversations else f"{turns} turns"
    clock = "CPU" if cpu else "wall"
    print(f"way ({way}), {what}, {took:.1f} ms a turn profiled ({clock} clock); profiles in {out}")
    for path in sorted(out.glob("*.pstats")):
        print(summarise(path, turns))
        if conversations:
            print(calls_per_turn(path, turns))


if __name__ == "__main__":
    main()
