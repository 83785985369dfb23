"""Idle sockets: one gateway process holding 10,000 open, idle chat sockets, and its memory.

    .venv/bin/python benchmarks/idle_sockets.py                  # 1,000, 5,000, 10,000
    .venv/bin/python benchmarks/idle_sockets.py 2000 4000         # other levels
    .venv/bin/python benchmarks/idle_sockets.py --no-compression  # clients refuse deflate

The gateway runs as `cartmate up` runs it: `python -m cartmate gateway` in its own process
(uvicorn as `cartmate.gateway.serve` configures it), with `python -m cartmate boutique` beside
it and Redis at REDIS_URL or an embedded Valkey, on the offline model. Sockets come from
CLIENT_PROCESSES client processes (the `websockets` client, which offers per-message deflate
as browsers do); each socket is fully opened (its `session` frame received) and then sends
nothing. RLIMIT_NOFILE is raised to its hard limit here and inherited by every child.

At 0 sockets and at each level the gateway's VmRSS and VmHWM (peak) come from
/proc/PID/status, after SETTLE_S without new sockets. At the last level a few held sockets
send `ping` and must get `pong` (the gateway still serves them). Target: 10,000 sockets under
1 GiB of gateway RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import resource
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from _common import memory_mib, product, redis_url, table, write_section

CLIENT_PROCESSES = 4
CONNECTING = 50  # handshakes in flight per client process (idle memory, not a connect storm)
CONNECT_WAIT_S = 60.0  # per socket, to its session frame
SETTLE_S = 3.0
TARGET_MIB = 1024


# ------------------------------------------------------------------ the client processes


def _client(conn: Connection, url: str, compression: bool) -> None:
    asyncio.run(_client_main(conn, url, compression))


async def _client_main(conn: Connection, url: str, compression: bool) -> None:
    """Holds sockets; commands from the pipe: ("open", total), ("ping", n), ("close",)."""
    import websockets

    sockets: list[Any] = []
    errors: Counter[str] = Counter()
    loop = asyncio.get_running_loop()

    async def open_one(gate: asyncio.Semaphore) -> None:
        async with gate:
            try:
                ws = await asyncio.wait_for(
                    websockets.connect(
                        url,
                        compression="deflate" if compression else None,
                        open_timeout=CONNECT_WAIT_S,
                        max_size=2**24,
                    ),
                    CONNECT_WAIT_S,
                )
            except Exception as exc:
                errors[f"connect {type(exc).__name__}"] += 1
                return
            try:
                first = json.loads(await asyncio.wait_for(ws.recv(), CONNECT_WAIT_S))
            except Exception as exc:
                errors[f"session frame {type(exc).__name__}"] += 1
                await ws.close()
                return
            if first.get("type") != "session":
                errors[f"first frame {first.get('type')}:{first.get('code')}"] += 1
                await ws.close()
                return
            sockets.append(ws)

    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command[0] == "open":
            gate = asyncio.Semaphore(CONNECTING)
            await asyncio.gather(
                *(open_one(gate) for _ in range(max(0, command[1] - len(sockets))))
            )
            conn.send((len(sockets), dict(errors)))
        elif command[0] == "ping":
            answered = 0
            for ws in sockets[: command[1]]:
                with contextlib.suppress(Exception):
                    await ws.send(json.dumps({"type": "ping"}))
                    while True:  # the next frame meant for us is the pong
                        frame = json.loads(await asyncio.wait_for(ws.recv(), CONNECT_WAIT_S))
                        if frame.get("type") == "pong":
                            answered += 1
                            break
            conn.send(answered)
        else:
            await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
            conn.send(len(sockets))
            return


# ------------------------------------------------------------------ the product processes


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def log_summary(path: Path) -> Counter[str]:
    """The gateway's warnings and errors, counted by message."""
    counts: Counter[str] = Counter()
    with contextlib.suppress(OSError):
        for line in path.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if record.get("level") in ("WARNING", "ERROR", "CRITICAL"):
                    counts[f"{record['level']} {record.get('message')}"] += 1
    return counts


def threads_and_fds(pid: int) -> tuple[int, int]:
    threads = len(os.listdir(f"/proc/{pid}/task"))
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return threads, fds


# ------------------------------------------------------------------ the run


def run(levels: list[int], compression: bool) -> None:
    nofile = raise_nofile()
    if nofile < max(levels) + 1000:
        raise SystemExit(f"RLIMIT_NOFILE is {nofile}: too low for {max(levels):,} sockets")
    rows: list[tuple[Any, ...]] = []
    with (
        redis_url() as url,
        tempfile.TemporaryDirectory(prefix="idle-sockets-") as logs,
        product(url, Path(logs)) as (port, (pid,)),
    ):
        context = multiprocessing.get_context("spawn")
        pipes: list[Connection] = []
        clients = []
        for _ in range(CLIENT_PROCESSES):
            parent, child = context.Pipe()
            process = context.Process(
                target=_client, args=(child, f"ws://127.0.0.1:{port}/ws", compression)
            )
            process.start()
            pipes.append(parent)
            clients.append(process)
        try:
            time.sleep(SETTLE_S)
            rss, hwm = memory_mib(pid)
            base = rss
            rows.append(("0", "0", "-", f"{rss:.0f}", f"{hwm:.0f}", "-", "-"))
            print(f"gateway pid {pid} on port {port}: 0 sockets, RSS {rss:.0f} MiB")
            previous = (0, rss)
            errors: Counter[str] = Counter()
            for level in levels:
                began = time.monotonic()
                share = [level // CLIENT_PROCESSES + (i < level % CLIENT_PROCESSES)
                         for i in range(CLIENT_PROCESSES)]  # fmt: skip
                for pipe, count in zip(pipes, share, strict=True):
                    pipe.send(("open", count))
                opened = 0
                errors.clear()
                for pipe in pipes:
                    count, errs = pipe.recv()
                    opened += count
                    errors.update(errs)
                took = time.monotonic() - began
                time.sleep(SETTLE_S)
                rss, hwm = memory_mib(pid)
                threads, fds = threads_and_fds(pid)
                step = (rss - previous[1]) * 1024 / max(1, opened - previous[0])
                rows.append((
                    f"{level:,}", f"{opened:,}",
                    f"{sum(errors.values())}" + (f" ({dict(errors)})" if errors else ""),
                    f"{rss:.0f}", f"{hwm:.0f}", f"{step:.1f}",
                    f"{(rss - base) * 1024 / max(1, opened):.1f}",
                ))  # fmt: skip
                print(f"{opened:,} sockets open (of {level:,}; errors {dict(errors) or 0}) in "
                      f"{took:.1f} s: RSS {rss:.0f} MiB, HWM {hwm:.0f} MiB, threads {threads}, "
                      f"fds {fds}")  # fmt: skip
                previous = (opened, rss)
            for pipe in pipes:
                pipe.send(("ping", 5))
            pongs = sum(pipe.recv() for pipe in pipes)
            print(f"{pongs} of {5 * CLIENT_PROCESSES} pings answered with the sockets held")
            warnings = log_summary(Path(logs) / "gateway-1.log")
            print(f"gateway warnings and errors: {dict(warnings) or 0}")
        finally:
            for pipe in pipes:
                with contextlib.suppress(OSError):
                    pipe.send(("close",))
            for pipe in pipes:
                with contextlib.suppress(OSError, EOFError):
                    if pipe.poll(120):
                        pipe.recv()
            for process in clients:
                process.join(30)
                if process.is_alive():
                    process.terminate()
    last_rss = float(rows[-1][3])
    verdict = "meets" if last_rss < TARGET_MIB else "misses"
    body = f"""
`python -m cartmate gateway` (as `cartmate up` runs it: one uvicorn worker, offline model)
with `python -m cartmate boutique` beside it and Redis
{"at REDIS_URL" if os.environ.get("REDIS_URL") else "embedded Valkey"}. {CLIENT_PROCESSES}
client processes (`websockets`, per-message deflate
{"offered, as browsers do" if compression else "refused (`--no-compression`)"}) open the
sockets, {CONNECTING} handshakes at a time each; every socket gets its `session` frame and
then sends nothing. Memory is the gateway process's, from /proc, {SETTLE_S:.0f} s after the
last socket of a level opened. RLIMIT_NOFILE {nofile:,}.

{table(["sockets", "open", "errors", "gateway VmRSS MiB", "VmHWM MiB",
        "KiB per socket (this step)", "KiB per socket (from 0)"], rows)}

{pongs} of {5 * CLIENT_PROCESSES} `ping` frames sent on held sockets at the end were answered.
Gateway warnings and errors logged: {", ".join(f"{k} x{v}" for k, v in warnings.items()) or "none"}.
Target: {max(levels):,} sockets under {TARGET_MIB:,} MiB: **{verdict}** ({last_rss:.0f} MiB).
"""  # fmt: skip
    name = "idle_sockets" + ("" if compression else "_no_compression")
    title = "Idle sockets (`idle_sockets.py`" + ("" if compression else " --no-compression") + ")"
    write_section(name, title, body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("levels", nargs="*", type=int, help="open sockets per level")
    parser.add_argument("--no-compression", action="store_true", help="clients refuse deflate")
    args = parser.parse_args()
    levels = sorted(args.levels or [1_000, 5_000, 10_000])
    if any(n < 1 or n > 15_000 for n in levels):
        parser.error("levels must be between 1 and 15,000 sockets")
    run(levels, compression=not args.no_compression)


if __name__ == "__main__":
    main()
