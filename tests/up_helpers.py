"""Running CartMate's processes in tests: `cartmate up` (and single commands) on free ports,
waiting for them, and finding their children through /proc (psutil is not a dependency).

The fixtures `ports`, `start_up` and `start_command` are defined as `<name>_fixture`; a test
module imports those (`# noqa: F401`) to use them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import httpx
import pytest

from cartmate.boutique.health import wait_serving
from tests.helpers import cartmate_env, consecutive_free_ports, free_ports, port_closed

__all__ = [
    "GRPC_PORTS",
    "Started",
    "child_processes",
    "find_child",
    "is_running",
    "kill_child",
    "killed_while_held",
    "ports_fixture",
    "serving",
    "start_command_fixture",
    "start_up_fixture",
    "until_ready",
    "wait_for_new_child",
]

GRPC_PORTS = (
    "CARTMATE_CATALOG_PORT",
    "CARTMATE_CART_PORT",
    "CARTMATE_CURRENCY_PORT",
    "CARTMATE_RECOMMENDATION_PORT",
)

# Generous: a loaded 2-core machine starting a dozen Python processes is slow.
_READY_DEADLINE_S = 240.0


@pytest.fixture(name="ports")
def ports_fixture() -> dict[str, str]:
    catalog, cart, currency, recommendation, gateway = free_ports(5)
    return {
        "CARTMATE_AGENT_BASE_PORT": str(consecutive_free_ports(5)),
        "CARTMATE_GATEWAY_PORT": str(gateway),
        "CARTMATE_CATALOG_PORT": str(catalog),
        "CARTMATE_CART_PORT": str(cart),
        "CARTMATE_CURRENCY_PORT": str(currency),
        "CARTMATE_RECOMMENDATION_PORT": str(recommendation),
    }


class Started:
    """A `python -m cartmate ...` process a test started; its stdout and stderr (and those of
    its children, which inherit them) go to a file, never a pipe: a pipe nobody reads fills
    after 64 KiB of logs and then blocks every process writing to it."""

    def __init__(self, args: Sequence[str], cwd: Path, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cartmate", *args],
                cwd=cwd,
                env=cartmate_env(**env),
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        """Everything the process (and its children) wrote so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 90.0) -> int:
        """Send `sig`, wait for the exit (SIGKILL after `timeout_s`); the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(10)


def _starter(tmp_path: Path) -> tuple[Callable[..., Started], list[Started]]:
    started: list[Started] = []

    def start(args: Sequence[str], env: dict[str, str]) -> Started:
        name = "-".join(args).replace("/", "_")
        process = Started(args, tmp_path, env, tmp_path / f"{len(started)}-{name}.log")
        started.append(process)
        return process

    return start, started


def _reap(started: list[Started]) -> None:
    """Stop what a test left running: SIGTERM first (so `up` stops its children), all at once."""
    for process in started:
        if process.process.poll() is None:
            process.process.send_signal(signal.SIGCONT)  # in case a test left it stopped
            process.process.send_signal(signal.SIGTERM)
    for process in started:
        process.stop()


@pytest.fixture(name="start_up")
def start_up_fixture(tmp_path: Path) -> Iterator[Callable[..., Started]]:
    """Starts `cartmate up` with the given environment; stops it if a test left it running."""
    spawn, started = _starter(tmp_path)

    def start(**env: str) -> Started:
        return spawn(["up"], env)

    yield start
    _reap(started)


@pytest.fixture(name="start_command")
def start_command_fixture(tmp_path: Path) -> Iterator[Callable[..., Started]]:
    """Starts `python -m cartmate <args>` (one component) with the given environment; stops
    every one a test left running."""
    spawn, started = _starter(tmp_path)

    def start(*args: str, **env: str) -> Started:
        return spawn(args, env)

    yield start
    _reap(started)


async def until_up(up: Started, deadline_s: float = _READY_DEADLINE_S) -> None:
    """Return once `cartmate up` said it is up: every process it started is ready (each
    gateway worker listening, each agent warmed up), not just the first to answer."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + deadline_s
    while "CartMate is up" not in up.output():
        assert up.process.poll() is None, f"`up` ended:\n{up.output()[-3000:]}"
        assert loop.time() < deadline, f"`up` never said it is up:\n{up.output()[-3000:]}"
        await asyncio.sleep(0.2)


async def until_ready(
    url: str, process: Started | None = None, deadline_s: float = _READY_DEADLINE_S
) -> None:
    """Return once `url` answers 200. With the `process` that serves it, fail at once if it
    ended, and say on failure what it wrote and what `url` last answered (a readiness probe
    says what it waits for)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + deadline_s
    last = "no answer"
    async with httpx.AsyncClient(timeout=5) as http:
        while loop.time() < deadline:
            if process is not None:
                assert process.process.poll() is None, f"it ended:\n{process.output()[-5000:]}"
            try:
                response = await http.get(url)
            except httpx.HTTPError as error:
                last = f"{type(error).__name__}: {error}"
            else:
                if response.status_code == 200:
                    return
                last = f"{response.status_code} {response.text[:2000]}"
            await asyncio.sleep(0.2)
    output = f"\noutput:\n{process.output()[-5000:]}" if process is not None else ""
    raise AssertionError(f"{url} never became ready; it last answered: {last}{output}")


async def serving(port: str) -> None:
    """Return once the gRPC service on loopback `port` reports SERVING."""
    await wait_serving(f"127.0.0.1:{port}", timeout_s=60)


def child_processes(parent: int) -> dict[int, list[str]]:
    """pid -> argv of every live (not zombie) child of `parent`, read from /proc."""
    found: dict[int, list[str]] = {}
    try:
        tasks = list(Path(f"/proc/{parent}/task").iterdir())
    except (FileNotFoundError, ProcessLookupError):  # gone while read
        return found  # the parent is gone
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):  # gone while read
            continue  # a thread that just ended
        for child in map(int, children):
            if not is_running(child):
                continue
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except (FileNotFoundError, ProcessLookupError):  # gone while read
                continue  # exited while we looked
            found[child] = [a.decode() for a in cmdline.split(b"\0") if a]
    return found


def is_running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (dead, waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):  # gone while read
        return False
    # "pid (comm) state ...": comm may hold spaces and parentheses, so split after the last ")".
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def find_child(parent: int, *command: str) -> int | None:
    """The pid of `parent`'s child running `python -m cartmate <command...>`, if any."""
    wanted = ["-m", "cartmate", *command]
    for pid, argv in child_processes(parent).items():
        if any(argv[i : i + len(wanted)] == wanted for i in range(len(argv))):
            return pid
    return None


def kill_child(parent: int, *command: str) -> int:
    """SIGKILL `parent`'s child running `python -m cartmate <command...>`; returns its pid."""
    pid = find_child(parent, *command)
    assert pid is not None, f"no child `cartmate {' '.join(command)}` of {parent}"
    os.kill(pid, signal.SIGKILL)
    return pid


async def wait_for_new_child(parent: int, old_pid: int, *command: str) -> int:
    """Poll until `parent` runs `cartmate <command...>` again in a process other than
    `old_pid` (the supervisor restarted it); returns the new pid."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _READY_DEADLINE_S
    while loop.time() < deadline:
        pid = find_child(parent, *command)
        if pid is not None and pid != old_pid:
            return pid
        await asyncio.sleep(0.2)
    raise AssertionError(f"`cartmate {' '.join(command)}` was not restarted")


@contextlib.asynccontextmanager
async def killed_while_held(up: Started, port: int, *command: str) -> AsyncIterator[None]:
    """Kill `up`'s `cartmate <command...>`, `up` held (SIGSTOP) for the block; await the restart."""
    os.kill(up.pid, signal.SIGSTOP)
    try:
        old = kill_child(up.pid, *command)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while not port_closed(port):
            assert loop.time() < deadline, f"port {port} still open"
            await asyncio.sleep(0.1)
        yield
    finally:
        os.kill(up.pid, signal.SIGCONT)
    await wait_for_new_child(up.pid, old, *command)
