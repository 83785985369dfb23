"""`cartmate up`: run CartMate's processes side by side and stop them together.

Each component (the embedded Online Boutique now; agents and the gateway as they land) runs
as its own `python -m cartmate ...` process, as it would in its own container. The supervisor
starts them in order, restarts one that dies (with backoff, a bounded number of times), and on
Ctrl-C or SIGTERM sends SIGTERM to every child, waits for a grace period, then kills what is
left.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ChildSpec", "Supervisor"]

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent() -> Callable[[], None] | None:
    """What a child runs before exec so it gets SIGTERM when `up` dies (Linux only).

    `up` killed outright (SIGKILL, the OOM killer) cannot stop its children; without this
    they live on as orphans holding the ports, and the next `up` cannot start. With it they
    stop as on Ctrl-C (agents deregister, the gateway drains).
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    libc = ctypes.CDLL(None, use_errno=True)

    def arrange() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # `up` died before the line above took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return arrange


def listens(pid: int, port: int) -> bool | None:
    """Whether process `pid` holds a listening TCP socket on `port` (Linux, from /proc).

    None where /proc cannot tell (another OS). Several processes share a port with
    SO_REUSEPORT, so an answer on the port does not say that this one serves.
    """
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return None if not os.path.isdir("/proc/self/fd") else False
    owned = set()
    for fd in fds:
        with contextlib.suppress(OSError):  # closed meanwhile (the listing's own fd is)
            owned.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
    for table in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            listening = state == "0A" and int(local.rsplit(":", 1)[1], 16) == port
            if listening and f"socket:[{inode}]" in owned:
                return True
    return False


@dataclass(frozen=True)
class ChildSpec:
    """One process to run: `python -m cartmate <args>` with extra environment."""

    name: str
    args: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    # Awaited after start with the child's pid; returns when the child serves (raises on
    # timeout).
    ready: Callable[[int], Awaitable[None]] | None = None


@dataclass
class _Child:
    spec: ChildSpec
    process: asyncio.subprocess.Process
    restarts: list[float] = field(default_factory=list)


class Supervisor:
    """Starts children, watches them, and stops them all on a signal or a fatal failure."""

    def __init__(
        self,
        grace_s: float = 10.0,
        max_restarts: int = 5,
        restart_window_s: float = 60.0,
    ) -> None:
        self._grace_s = grace_s
        self._max_restarts = max_restarts
        self._window_s = restart_window_s
        self._children: dict[str, _Child] = {}
        self._stopping = asyncio.Event()
        self._failed: str | None = None

    async def _spawn(self, spec: ChildSpec) -> asyncio.subprocess.Process:
        env = {**os.environ, **spec.env}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cartmate", *spec.args, env=env, preexec_fn=_die_with_parent()
        )
        log.info("started", extra={"child": spec.name, "pid": process.pid})
        return process

    async def start(self, spec: ChildSpec, ready_timeout_s: float = 30.0) -> None:
        """Start a child and wait until it is ready."""
        process = await self._spawn(spec)
        self._children[spec.name] = _Child(spec, process)
        if spec.ready is not None:
            ready = asyncio.ensure_future(spec.ready(process.pid))
            exited = asyncio.ensure_future(process.wait())
            stopping = asyncio.ensure_future(self._stopping.wait())
            done, _ = await asyncio.wait(
                {ready, exited, stopping},
                timeout=ready_timeout_s,
                return_when=asyncio.FIRST_COMPLETED,
            )
            for task in (ready, exited, stopping):
                if task not in done:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            if stopping in done:
                raise RuntimeError(f"stopped while {spec.name} was starting")
            if ready in done and ready.exception() is None:
                return
            # Say which: an operator looks for the child's own error (a port in use, a bad
            # setting) in the first case and for what it waits on in the others.
            if exited in done:
                reason = f"exited with code {process.returncode} before it was ready"
            elif ready in done:
                reason = f"failed its readiness check: {ready.exception()!r}"
            else:
                reason = f"was not ready after {ready_timeout_s:.0f} s"
            raise RuntimeError(f"{spec.name} {reason}")

    async def start_all(self, specs: list[ChildSpec], ready_timeout_s: float = 30.0) -> None:
        """Start several children at once and wait until all are ready."""
        results = await asyncio.gather(
            *(self.start(spec, ready_timeout_s) for spec in specs), return_exceptions=True
        )
        failed = [str(r) for r in results if isinstance(r, BaseException)]
        if failed:
            raise RuntimeError("; ".join(failed))

    def request_stop(self) -> None:
        self._stopping.set()

    @property
    def stop_requested(self) -> bool:
        return self._stopping.is_set()

    def install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_stop)

    async def run(self) -> int:
        """Watch the children until a stop is requested; returns the exit code for `up`."""
        watchers = [asyncio.create_task(self._watch(name)) for name in self._children]
        await self._stopping.wait()
        for task in watchers:
            task.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
        await self.stop_all()
        return 1 if self._failed else 0

    async def _watch(self, name: str) -> None:
        child = self._children[name]
        while not self._stopping.is_set():
            code = await child.process.wait()
            if self._stopping.is_set():
                return
            now = time.monotonic()
            child.restarts = [t for t in child.restarts if now - t < self._window_s]
            if len(child.restarts) >= self._max_restarts:
                log.error(
                    "exited too often; stopping everything",
                    extra={"child": name, "exit_code": code},
                )
                self._failed = name
                self._stopping.set()
                return
            delay = min(0.5 * 2 ** len(child.restarts), 10.0)
            log.warning(
                "exited; restarting", extra={"child": name, "exit_code": code, "delay_s": delay}
            )
            child.restarts.append(now)
            await asyncio.sleep(delay)
            if self._stopping.is_set():
                return
            child.process = await self._spawn(child.spec)

    async def stop_all(self) -> None:
        """SIGTERM every child in reverse start order, then SIGKILL after the grace period."""
        for child in reversed(list(self._children.values())):
            if child.process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    child.process.terminate()
        for child in reversed(list(self._children.values())):
            try:
                await asyncio.wait_for(child.process.wait(), self._grace_s)
            except TimeoutError:
                log.warning("did not stop in time; killing", extra={"child": child.spec.name})
                with contextlib.suppress(ProcessLookupError):
                    child.process.kill()
                await child.process.wait()
            log.info(
                "stopped", extra={"child": child.spec.name, "exit_code": child.process.returncode}
            )
