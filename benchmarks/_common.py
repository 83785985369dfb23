"""Shared pieces of the benchmark scripts: machine details, RESULTS.md sections, percentiles,
the product started in-process (Valkey, embedded Online Boutique, uvicorn on loopback) and a
WebSocket chat client. Not a benchmark itself."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import re
import socket
import statistics
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("RESULTS.md")
_HEADER = (
    "# Benchmark results\n\n"
    "Written by the scripts in `benchmarks/` (each replaces its own section). Numbers are from "
    "one run on the machine described in each section; compare runs only on the same machine.\n"
)


# ------------------------------------------------------------------ machine and results


def machine() -> dict[str, str]:
    """CPU model, cores, memory, Python and OS of this machine."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
    }


def machine_markdown() -> str:
    details = machine()
    return "Machine: " + "; ".join(f"{k} {v}" for k, v in details.items()) + "."


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or append) benchmark `name`'s section of RESULTS.md."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = "`.venv/bin/python " + " ".join(["benchmarks/" + Path(sys.argv[0]).name,
                                               *sys.argv[1:]]) + "`"  # fmt: skip
    section = (
        f"{start}\n## {title}\n\n{stamp}, {command}.\n\n{machine_markdown()}\n\n"
        f"{body.strip()}\n{end}"
    )
    text = RESULTS.read_text() if RESULTS.exists() else _HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text if text.endswith("\n") else text + "\n")
    print(f"\nwrote section {name!r} of {RESULTS}")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `samples`; nan when there are none."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def rss_mib() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MiB, from /proc/self/status."""
    values = {"VmRSS": float("nan"), "VmHWM": float("nan")}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            key = line.split(":", 1)[0]
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


# ------------------------------------------------------------------ the product in-process


@contextlib.contextmanager
def redis_url() -> Iterator[str]:
    """REDIS_URL, or an embedded Valkey (not persisted) for the block."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    from cartmate.store.embedded_valkey import embedded_valkey

    with embedded_valkey(None, persist=False) as server:
        yield server.connection_url


@contextlib.asynccontextmanager
async def product_settings(url: str, **overrides: Any) -> AsyncIterator[Any]:
    """The embedded Online Boutique on loopback, and Settings for the offline model on it.

    Keys go under a prefix of their own and are deleted afterwards.
    """
    from cartmate.config import Settings
    from cartmate.embedded_boutique.server import serve_boutique
    from cartmate.store.redis_client import open_redis

    prefix = f"cartmate-bench:{uuid.uuid4().hex[:8]}:"
    async with open_redis(url, prefix) as conn:
        try:
            async with serve_boutique(
                conn, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
            ) as addresses:
                yield Settings(
                    product_catalog_service_addr=addresses.catalog,
                    cart_service_addr=addresses.cart,
                    currency_service_addr=addresses.currency,
                    recommendation_service_addr=addresses.recommendation,
                    redis_url=url,
                    redis_prefix=prefix,
                    model="offline",
                    **overrides,
                )
        finally:
            keys = [k async for k in conn.client.scan_iter(match=prefix + "*", count=1000)]
            for i in range(0, len(keys), 1000):
                await conn.client.delete(*keys[i : i + 1000])


@contextlib.asynccontextmanager
async def serve(app: Any, *, lifespan: str = "on") -> AsyncIterator[str]:
    """Run `app` under uvicorn on a free loopback port; yields http://127.0.0.1:PORT."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                lifespan=lifespan,
                log_level="warning",
                log_config=None,
                timeout_graceful_shutdown=5,
                backlog=4096,
            )
        )
        task = asyncio.create_task(server.serve(sockets=[sock]))
        deadline = time.monotonic() + 60
        while not server.started:
            if task.done():
                await task
            if time.monotonic() > deadline:
                raise TimeoutError("uvicorn did not start within 60 s")
            await asyncio.sleep(0.01)
        try:
            yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        finally:
            server.should_exit = True
            await task


class Chat:
    """One chat session over the gateway's WebSocket (docs/websocket.md)."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket

    @classmethod
    async def connect(cls, base: str, wait_s: float = 60.0) -> tuple[Chat, dict[str, Any]]:
        import websockets

        url = base.replace("http://", "ws://") + "/ws"
        chat = cls(await asyncio.wait_for(websockets.connect(url, max_size=2**26), wait_s))
        first = await chat.recv(wait_s)
        return chat, first

    async def recv(self, wait_s: float = 60.0) -> dict[str, Any]:
        return json.loads(await asyncio.wait_for(self.socket.recv(), wait_s))

    async def turn(self, text: str, wait_s: float = 60.0) -> tuple[float, float, str, int]:
        """(seconds to the first frame, seconds to turn_end, status, frames) of one turn."""
        started = time.perf_counter()
        await self.socket.send(json.dumps({"type": "message", "text": text}))
        first = None
        frames = 0
        deadline = started + wait_s
        while True:
            frame = await self.recv(max(0.1, deadline - time.perf_counter()))
            frames += 1
            if first is None:
                first = time.perf_counter() - started
            if frame["type"] == "error":
                return first, time.perf_counter() - started, "error:" + frame["code"], frames
            if frame["type"] == "turn_end":
                return first, time.perf_counter() - started, frame["status"], frames

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.socket.close()
