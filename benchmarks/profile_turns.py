"""Where a turn's CPU goes in each process of the product, by package: cProfile, not sampling.

    .venv/bin/python benchmarks/profile_turns.py [turns] [b|c]   # default 100 turns, way c

Starts the product as `overhead.py` does for (b) (boutique and gateway) or (c) (plus the four
`serve-agent` processes, CARTMATE_DELEGATION=a2a), each with `benchmarks/profiling` on
PYTHONPATH so its `sitecustomize` installs a cProfile switch on SIGUSR1/SIGUSR2. After five
untimed turns it switches profiling on in every product process, runs `turns` turns of
overhead's "add two mugs to my cart" (a new shopper each), switches it off and prints, per
process, the self time per turn by package and the functions of CartMate and the libraries
that take most. cProfile slows Python code about twofold, so the numbers are shares, and the
profiles are left in a temporary folder for `python -m pstats`. Nothing is written to
RESULTS.md: profiles are read, then summarised there by hand.
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
from _common import product, product_processes, redis_url

HERE = Path(__file__).resolve().parent


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


async def main_async(turns: int, way: str) -> tuple[Path, float]:
    """Runs the turns with every product process profiled: (the profiles' folder, ms a
    turn under the profiler)."""
    from cartmate.agent_runtime.topology import SPECIALISTS

    with redis_url() as url, tempfile.TemporaryDirectory(prefix="profile-") as logs:
        out = Path(tempfile.mkdtemp(prefix="cartmate-profiles-"))
        os.environ["CARTMATE_CPROFILE_DIR"] = str(out)
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
            for _ in range(turns):
                await overhead.socket_turn(base)
            took = (time.perf_counter() - started) / turns * 1000
            for pid in pids:
                os.kill(pid, signal.SIGUSR2)
            await asyncio.sleep(2.0)
    return out, took


def main() -> None:
    turns = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    way = sys.argv[2] if len(sys.argv) > 2 else "c"
    if way not in {"b", "c"}:
        raise SystemExit("way must be b (gateway) or c (A2A delegation)")
    out, took = asyncio.run(main_async(turns, way))
    print(f"way ({way}), {turns} turns, {took:.1f} ms a turn profiled; profiles in {out}")
    for path in sorted(out.glob("*.pstats")):
        print(summarise(path, turns))


if __name__ == "__main__":
    main()
