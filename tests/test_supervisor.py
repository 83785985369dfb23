"""The supervisor behind `cartmate up`: restarts a child that dies, gives up on one that keeps
dying, and stops everything on request. Real child processes throughout."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cartmate.boutique.health import wait_serving
from cartmate.store.redis_client import RedisConnection
from cartmate.supervisor import ChildSpec, Supervisor, listens
from tests.helpers import cartmate_env, consecutive_free_ports, free_ports, port_closed
from tests.up_helpers import (
    Started,
    child_processes,
    is_running,
    kill_child,
    until_up,
    wait_for_new_child,
)


async def test_a_child_that_keeps_failing_stops_everything() -> None:
    supervisor = Supervisor(grace_s=5, max_restarts=2, restart_window_s=60)
    # `cartmate boutique --services nothing` exits at once with a usage error.
    await supervisor.start(ChildSpec("broken", ["boutique", "--services", "nothing"]))
    code = await asyncio.wait_for(supervisor.run(), timeout=60)
    assert code == 1


async def test_a_child_that_cannot_start_says_it_exited() -> None:
    (port,) = free_ports(1)
    with socket.socket() as taken:  # the child's port is in use
        taken.bind(("127.0.0.1", port))
        taken.listen()
        supervisor = Supervisor(grace_s=5)
        env = {**cartmate_env(), "CARTMATE_CATALOG_PORT": str(port)}
        spec = ChildSpec(
            "catalog",
            ["boutique", "--services", "catalog"],
            env,
            ready=lambda _pid: wait_serving(f"127.0.0.1:{port}", timeout_s=60),
        )
        with pytest.raises(
            RuntimeError, match=r"^catalog exited with code \d+ before it was ready$"
        ):
            await supervisor.start(spec, ready_timeout_s=90)
        await supervisor.stop_all()


async def test_a_child_that_is_never_ready_says_how_long_it_waited() -> None:
    supervisor = Supervisor(grace_s=5)

    async def never(_pid: int) -> None:
        await asyncio.Event().wait()

    # Runs until stopped; its readiness check never passes.
    (port,) = free_ports(1)
    env = {**cartmate_env(), "CARTMATE_CATALOG_PORT": str(port)}
    spec = ChildSpec("idle", ["boutique", "--services", "catalog"], env, ready=never)
    with pytest.raises(RuntimeError, match=r"^idle was not ready after 2 s$"):
        await supervisor.start(spec, ready_timeout_s=2)
    await supervisor.stop_all()


async def test_stop_request_terminates_children() -> None:
    (port,) = free_ports(1)
    supervisor = Supervisor(grace_s=5)
    env = {**cartmate_env(), "CARTMATE_CATALOG_PORT": str(port)}
    await supervisor.start(
        ChildSpec(
            "catalog",
            ["boutique", "--services", "catalog"],
            env,
            ready=lambda _pid: wait_serving(f"127.0.0.1:{port}", timeout_s=30),
        )
    )
    running = asyncio.create_task(supervisor.run())
    await asyncio.sleep(0.2)
    supervisor.request_stop()
    assert await asyncio.wait_for(running, timeout=30) == 0


async def _until(condition: Callable[[], bool], what: str, timeout_s: float = 150) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.1)


@pytest.mark.timeout(400)
async def test_up_restarts_a_boutique_process_that_dies(tmp_path: Path) -> None:
    ports = free_ports(5)
    names = ("CATALOG", "CART", "CURRENCY", "RECOMMENDATION")
    env = dict(
        CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"),
        CARTMATE_GATEWAY_PORT=str(ports.pop()),
        CARTMATE_AGENT_BASE_PORT=str(consecutive_free_ports(5)),
        **{f"CARTMATE_{name}_PORT": str(port) for name, port in zip(names, ports, strict=True)},
    )
    up = Started(["up"], tmp_path, env, tmp_path / "up.log")
    try:
        await until_up(up)
        first = kill_child(up.pid, "boutique")
        await wait_for_new_child(up.pid, first, "boutique")
        await asyncio.gather(*(wait_serving(f"127.0.0.1:{p}", timeout_s=30) for p in ports))
    finally:
        code = up.stop(signal.SIGTERM, timeout_s=60)
    assert code == 0, up.output()
    assert "restarting" in up.output()


@pytest.mark.timeout(400)
async def test_children_stop_when_up_itself_is_killed(
    tmp_path: Path, redis: RedisConnection, redis_url: str, key_prefix: str
) -> None:
    del redis  # requested for its teardown: it deletes the keys under key_prefix
    ports = free_ports(5)
    names = ("CATALOG", "CART", "CURRENCY", "RECOMMENDATION")
    env = dict(
        REDIS_URL=redis_url,
        CARTMATE_REDIS_PREFIX=key_prefix,
        CARTMATE_GATEWAY_PORT=str(ports.pop()),
        CARTMATE_AGENT_BASE_PORT=str(consecutive_free_ports(5)),
        **{f"CARTMATE_{name}_PORT": str(port) for name, port in zip(names, ports, strict=True)},
    )
    up = Started(["up"], tmp_path, env, tmp_path / "up.log")
    try:
        await until_up(up)
        children = list(child_processes(up.pid))
        assert len(children) == 7  # boutique, five agents, gateway
    finally:
        up.process.kill()  # no chance to stop anything itself (as with the OOM killer)
        up.process.wait(30)
    # Orphans would keep the ports, and the next `up` could not start.
    await _until(lambda: not any(is_running(pid) for pid in children), "children outlived up")
    await _until(lambda: all(port_closed(p) for p in ports), "a port is still taken")


def test_listens_tells_which_process_holds_a_listening_socket() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
        assert listens(os.getpid(), port) is False  # bound, not listening yet
        server.listen()
        assert listens(os.getpid(), port) is True
        assert listens(os.getppid(), port) is False  # another process: not its socket
