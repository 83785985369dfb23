"""Shared pieces of the benchmark scripts: machine details, RESULTS.md sections, percentiles,
the product started in-process (Valkey, embedded Online Boutique, uvicorn on loopback) or as
separate processes (`cartmate boutique`, `serve-agent` and `gateway`, as `cartmate up` runs
them), and a WebSocket chat client. Not a benchmark itself."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from functools import partial
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


def memory_mib(pid: int | str = "self") -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process (default: this one) in MiB, from /proc/PID/status."""
    values = {"VmRSS": float("nan"), "VmHWM": float("nan")}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":", 1)[0]
            if key in values:
                values[key] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


def cpu_seconds(pid: int | str = "self") -> float:
    """User plus system CPU a process has used, in seconds, from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def product_processes() -> dict[int, str]:
    """This process and its children (the product `product` started, and an embedded
    Valkey), by pid: a short name each ("client", "gateway", "boutique", "cart_manager"...)."""
    names = {os.getpid(): "client (this process)"}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if parent != os.getpid():
            continue
        words = [w.decode(errors="replace") for w in command if w]
        if "serve-agent" in words:
            names[int(entry.name)] = words[words.index("serve-agent") + 1]
        elif "cartmate" in words:
            names[int(entry.name)] = words[words.index("cartmate") + 1]
        else:
            # a server that rewrites its title ("valkey-server 127.0.0.1:16379"): its name
            names[int(entry.name)] = Path(words[0].split()[0]).name if words else "?"
    return names


def rss_mib() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MiB."""
    return memory_mib()


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
async def serve(app: Any, *, lifespan: str = "on", **config: Any) -> AsyncIterator[str]:
    """Run `app` under uvicorn on a free loopback port; yields http://127.0.0.1:PORT.

    `config`: more uvicorn.Config settings (e.g. ws_per_message_deflate=False).
    """
    import uvicorn

    from cartmate.gateway.serve import tcp_socket

    with tcp_socket("127.0.0.1", 0) as sock:
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                lifespan=lifespan,
                log_level="warning",
                log_config=None,
                timeout_graceful_shutdown=5,
                backlog=4096,
                **config,
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


async def conversation(base: str, texts: Sequence[str], wait_s: float = 60.0) -> list[float]:
    """One new shopper's conversation over the gateway: the seconds each turn took to its
    `turn_end`; a turn that does not end `ok` raises."""
    chat, _first = await Chat.connect(base, wait_s)
    took = []
    try:
        for text in texts:
            _, seconds, status, _ = await chat.turn(text, wait_s)
            if status != "ok":
                raise RuntimeError(f"{text!r} ended {status}")
            took.append(seconds)
    finally:
        await chat.close()
    return took


# ------------------------------------------------------------------ shoppers' words


def held_out_conversations() -> list[list[str]]:
    """The shopper messages of each held-out conversation, in order: one conversation per
    test function of `tests/agents/test_unseen_conversations_*.py`, its `say("...")` texts
    as written (calls with a photo, or whose text is computed, are left out). Written
    before the planner ever read them, they are the nearest thing here to real shoppers."""
    conversations = []
    for path in sorted((ROOT / "tests" / "agents").glob("test_unseen_conversations*.py")):
        for test in ast.parse(path.read_text()).body:
            if not (isinstance(test, ast.AsyncFunctionDef) and test.name.startswith("test_")):
                continue
            calls = [
                node
                for node in ast.walk(test)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "say"
                and len(node.args) == 1
                and not node.keywords
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value.strip()
            ]
            calls.sort(key=lambda node: (node.lineno, node.col_offset))
            if calls:
                conversations.append([call.args[0].value for call in calls])
    return conversations


# ------------------------------------------------------------------ instruction counts

# Instrumented code runs ~50x slower: deadlines that a turn meets natively would not be met.
CALLGRIND_ENV = {
    "PYTHONHASHSEED": "0",  # the same set and dict orders in every run
    "CARTMATE_REDIS_TIMEOUT_S": "60",
    "CARTMATE_RPC_TIMEOUT_S": "60",
    "CARTMATE_CART_LOCK_TIMEOUT_S": "60",
}


def callgrind_command(out_dir: Path) -> list[str]:
    """valgrind's callgrind with instrumentation off until `callgrind_control --instr=on`;
    dumps go to `out_dir/callgrind.PID.N` (N counts the dumps)."""
    return ["valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={out_dir}/callgrind.%p"]  # fmt: skip


def require_callgrind() -> None:
    """Stops with a clear message when valgrind is not installed."""
    if not shutil.which("callgrind_control"):
        raise SystemExit("counting instructions needs valgrind (Debian's package valgrind)")


async def callgrind_control(pids: Sequence[int], action: str) -> None:
    """`callgrind_control ACTION PID` for each process (they answer in turn, not at once)."""
    for pid in pids:
        done = await asyncio.create_subprocess_exec(
            "callgrind_control", action, str(pid),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await done.communicate()
        if done.returncode:
            raise SystemExit(f"callgrind_control {action} {pid}: {err.decode()}")


def dumped_instructions(dump: Path) -> int:
    """The instructions in a process's first callgrind dump (`callgrind.PID.1`): what ran
    while instrumentation was on. Later dumps of one process did not reliably hold only
    what came after the previous one, so callers read the first dump only."""
    for line in dump.read_text().splitlines():
        if line.startswith(("summary:", "totals:")) and int(line.split()[1]):
            return int(line.split()[1])
    raise SystemExit(f"no instruction count in {dump}")


# ------------------------------------------------------------------ the product as processes

START_WAIT_S = 180.0
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bindable(port: int) -> bool:
    """Whether a loopback TCP socket can bind `port` now (no SO_REUSEADDR: stricter)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(count: int, low: int = 20_000, high: int = 32_768, tries: int = 500) -> int:
    """The first of `count` consecutive loopback ports that are all free now, from a random
    start in [low, high). Below Linux's ephemeral range (32768 up): a port from bind-to-0 may be
    handed to some client's connection before the server that was meant to take it binds it."""
    for _ in range(tries):
        base = random.randrange(low, high - count + 1)
        if all(bindable(port) for port in range(base, base + count)):
            return base
    raise SystemExit(f"no {count} consecutive free ports in {low}-{high - 1}")


def wait_until(check: Any, what: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited {process.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not start within {START_WAIT_S:.0f} s")


def port_open(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def healthz(port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def product(
    url: str,
    logs: Path,
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
    agents: Sequence[str] = (),
    root: Path = ROOT,
    wrap: Sequence[str] = (),
) -> Iterator[tuple[int, list[int]]]:
    """`cartmate boutique`, one `cartmate serve-agent NAME` per name in `agents` and `workers`
    `cartmate gateway` processes, as `cartmate up` runs them (several gateways share one port
    with --reuse-port); yields (gateway port, the gateways' pids). `env` adds CARTMATE_*
    variables. JSON logs go to files in `logs`. The processes run the `cartmate` of the
    checkout at `root` (their working directory comes first on their import path), so
    `compare_builds.py` can run another revision from a git worktree. `wrap` is a command
    every product process runs under (`compare_builds.py --instructions`: callgrind); it must
    exec the Python it is given in its own pid, as valgrind does.

    Agents listen on consecutive ports from a CARTMATE_AGENT_BASE_PORT chosen here (in the
    order of topology's AGENTS, as `agent_port` has it; the gateway gets the same base) and
    register in the agent registry under the run's Redis prefix, where a gateway with
    CARTMATE_DELEGATION=a2a finds them. Each answers GET /healthz before the gateway starts."""
    from cartmate.agent_runtime.topology import AGENTS
    from cartmate.supervisor import listens

    unknown = [name for name in agents if name not in AGENTS]
    if unknown or len(set(agents)) != len(agents):
        raise ValueError(f"agents must be distinct names from {AGENTS}, not {list(agents)}")
    prefix = f"cartmate-bench:{uuid.uuid4().hex[:8]}:"
    ports = {s: free_port() for s in ("catalog", "cart", "currency", "recommendation")}
    extra = dict(env or {})
    if agents:
        extra["CARTMATE_AGENT_BASE_PORT"] = str(free_port_run(len(AGENTS)))
    env = {
        **os.environ,
        "REDIS_URL": url,
        "CARTMATE_REDIS_PREFIX": prefix,
        "CARTMATE_MODEL": "offline",
        "CARTMATE_LOG_LEVEL": "WARNING",
        **extra,
        **{f"CARTMATE_{s.upper()}_PORT": str(p) for s, p in ports.items()},
        "PRODUCT_CATALOG_SERVICE_ADDR": f"127.0.0.1:{ports['catalog']}",
        "CART_SERVICE_ADDR": f"127.0.0.1:{ports['cart']}",
        "CURRENCY_SERVICE_ADDR": f"127.0.0.1:{ports['currency']}",
        "RECOMMENDATION_SERVICE_ADDR": f"127.0.0.1:{ports['recommendation']}",
    }
    processes: list[subprocess.Popen[bytes]] = []  # stopped in reverse: gateways first
    gateways: list[subprocess.Popen[bytes]] = []
    try:
        boutique_log = logs / "boutique.log"
        boutique_env = {
            k: v for k, v in env.items() if not k.endswith("_SERVICE_ADDR")
        }  # unset: served here
        with boutique_log.open("wb") as out:
            processes.append(
                subprocess.Popen(
                    [*wrap, sys.executable, "-m", "cartmate", "boutique"],
                    env=boutique_env, cwd=root, stdout=out, stderr=out,
                )
            )  # fmt: skip
        wait_until(lambda: all(port_open(p) for p in ports.values()), "the boutique",
                   processes[0], boutique_log)  # fmt: skip
        started = []  # all at once: their start-ups (imports, mostly) overlap
        for name in agents:
            agent_port = int(extra["CARTMATE_AGENT_BASE_PORT"]) + AGENTS.index(name)
            agent_log = logs / f"agent-{name}.log"
            with agent_log.open("wb") as out:
                processes.append(
                    subprocess.Popen(
                        [*wrap, sys.executable, "-m", "cartmate", "serve-agent", name,
                         "--port", str(agent_port)],
                        env=env, cwd=root, stdout=out, stderr=out,
                    )
                )  # fmt: skip
            started.append((name, agent_port, processes[-1], agent_log))
        for name, agent_port, process, agent_log in started:
            # Its own socket (not another process's on that port), then alive. uvicorn runs
            # the lifespan start-up, where the agent registers, before it listens.
            wait_until(partial(listens, process.pid, agent_port), f"agent {name}", process,
                       agent_log)  # fmt: skip
            wait_until(partial(healthz, agent_port), f"agent {name}", process, agent_log)
        gateway_port = free_port()
        command = [*wrap, sys.executable, "-m", "cartmate", "gateway", "--port", str(gateway_port)]
        for i in range(workers):
            gateway_log = logs / f"gateway-{i + 1}.log"
            with gateway_log.open("wb") as out:
                gateways.append(
                    subprocess.Popen(
                        command + (["--reuse-port"] if workers > 1 else []),
                        env=env, cwd=root, stdout=out, stderr=out,
                    )
                )  # fmt: skip
                processes.append(gateways[-1])
            # Its own socket: with --reuse-port another process may answer /healthz.
            wait_until(partial(listens, processes[-1].pid, gateway_port), "the gateway",
                       processes[-1], gateway_log)  # fmt: skip
            wait_until(lambda: healthz(gateway_port), "the gateway", processes[-1], gateway_log)
        yield gateway_port, [process.pid for process in gateways]
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        _delete_prefix(url, prefix)


def _delete_prefix(url: str, prefix: str) -> None:
    """Delete the run's keys (a plain client: this may run inside an event loop)."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=prefix + "*", count=1000))
        for i in range(0, len(keys), 1000):
            client.delete(*keys[i : i + 1000])
    finally:
        client.close()
