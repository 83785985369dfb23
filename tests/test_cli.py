"""The `cartmate` command as a person runs it: --help everywhere, `boutique`, and `up`
starting embedded Valkey and Online Boutique and stopping cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
import websockets

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from tests.gateway.conftest import Client
from tests.helpers import cartmate_env, port_closed
from tests.up_helpers import (  # noqa: F401 - the `ports` and `start_up` fixtures
    GRPC_PORTS,
    Started,
    child_processes,
    ports_fixture,
    serving,
    start_up_fixture,
    until_ready,
    until_up,
)


@pytest.mark.parametrize(
    "command", [[], ["config"], ["boutique"], ["gateway"], ["serve-agent"], ["up"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cartmate", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=cartmate_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


@pytest.mark.timeout(400)
async def test_up_runs_the_product_and_stops_cleanly_on_sigterm(
    start_up: Callable[..., Started], ports: dict[str, str], tmp_path: Path
) -> None:
    # Nothing configured: embedded Valkey and embedded Online Boutique.
    up = start_up(CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"), **ports)
    await asyncio.gather(*(serving(p) for k, p in ports.items() if k in GRPC_PORTS))
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ports['CARTMATE_CART_PORT']}") as ch:
        cart = demo_pb2_grpc.CartServiceStub(ch)
        await cart.AddItem(
            demo_pb2.AddItemRequest(
                user_id="shopper", item=demo_pb2.CartItem(product_id="OLJCESPC7Z", quantity=2)
            )
        )
        reply = await cart.GetCart(demo_pb2.GetCartRequest(user_id="shopper"))
    assert [(i.product_id, i.quantity) for i in reply.items] == [("OLJCESPC7Z", 2)]
    assert (tmp_path / "valkey").is_dir()  # the embedded Valkey keeps its data here

    # The whole product: a chat turn through the gateway changes a cart.
    gateway = f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}"
    await until_ready(f"{gateway}/readyz", up)
    client = await Client.connect(gateway)
    session = await client.recv()
    frames = await client.turn("add two mugs to my cart")
    assert frames[-1]["status"] == "ok"
    await client.close()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ports['CARTMATE_CART_PORT']}") as ch:
        reply = await demo_pb2_grpc.CartServiceStub(ch).GetCart(
            demo_pb2.GetCartRequest(user_id=session["user_id"])
        )
    assert [(i.product_id, i.quantity) for i in reply.items] == [("6E92ZMYYFZ", 2)]
    await until_up(up)  # the gateway serves before every agent has warmed up and said so

    code = up.stop(signal.SIGTERM, timeout_s=60)
    stderr = up.output()
    assert code == 0, stderr
    deadline = time.monotonic() + 10
    while not all(port_closed(int(p)) for p in ports.values()):
        assert time.monotonic() < deadline, "a boutique process outlived `up`"
        await asyncio.sleep(0.1)


@pytest.mark.timeout(400)
async def test_up_uses_configured_services_and_embeds_the_rest(
    start_up: Callable[..., Started], ports: dict[str, str], redis_url: str
) -> None:
    external_catalog = ports.pop("CARTMATE_CATALOG_PORT")
    process = start_up(
        REDIS_URL=redis_url,
        CARTMATE_REDIS_PREFIX=f"cartmate-test-up-{os.getpid()}:",
        PRODUCT_CATALOG_SERVICE_ADDR=f"127.0.0.1:{external_catalog}",
        **ports,
    )
    try:
        await asyncio.gather(*(serving(p) for k, p in ports.items() if k in GRPC_PORTS))
        assert port_closed(int(external_catalog))  # not embedded: it was configured
        # The gateway starts even though the configured catalog is down.
        await until_ready(f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}/healthz", process)
        await asyncio.sleep(0.5)  # `up` polls the same endpoint before announcing itself
    finally:
        code = process.stop(signal.SIGINT, timeout_s=60)
    stderr = process.output()
    assert code == 0, stderr
    assert f"127.0.0.1:{external_catalog} (external)" in stderr


@pytest.mark.timeout(400)
async def test_up_with_a2a_runs_each_specialist_as_its_own_process(
    start_up: Callable[..., Started], ports: dict[str, str], tmp_path: Path
) -> None:
    base = int(ports["CARTMATE_AGENT_BASE_PORT"])
    up = start_up(
        CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"),
        CARTMATE_DELEGATION="a2a",
        **ports,
    )
    try:
        gateway = f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}"
        await until_ready(f"{gateway}/readyz", up)
        for offset in range(1, 5):  # the four specialists answer on their own ports
            await until_ready(f"http://127.0.0.1:{base + offset}/healthz", up)
        client = await Client.connect(gateway)
        session = await client.recv()
        frames = await client.turn("add two mugs to my cart")
        await client.close()
        assert frames[-1]["status"] == "ok", frames
        assert ("cart_manager", "started") in {
            (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
        }
        async with grpc.aio.insecure_channel(f"127.0.0.1:{ports['CARTMATE_CART_PORT']}") as ch:
            reply = await demo_pb2_grpc.CartServiceStub(ch).GetCart(
                demo_pb2.GetCartRequest(user_id=session["user_id"])
            )
        assert [(i.product_id, i.quantity) for i in reply.items] == [("6E92ZMYYFZ", 2)]
    finally:
        code = up.stop(signal.SIGTERM)
    assert code == 0, up.output()[-3000:]


@pytest.mark.timeout(400)
async def test_up_with_two_gateway_workers_serves_one_port_from_two_processes(
    start_up: Callable[..., Started], ports: dict[str, str], tmp_path: Path
) -> None:
    up = start_up(
        CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"), CARTMATE_GATEWAY_WORKERS="2", **ports
    )
    try:
        gateway = f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}"
        await until_ready(f"{gateway}/readyz", up)
        # One worker answering is not both listening: a worker listens once warmed up.
        await until_up(up)
        workers = [
            pid
            for pid, argv in child_processes(up.pid).items()
            if argv[-2:] == ["gateway", "--reuse-port"]
        ]
        assert len(workers) == 2, child_processes(up.pid)

        refusals: list[str] = []

        async def chat(retries: int = 0) -> str:
            # A client told "try again later" (close 1013) reconnects, as the protocol
            # says; each refusal is kept so a failure shows why.
            for _ in range(retries + 1):
                client = await Client.connect(gateway)
                try:
                    first = await client.recv()
                    if first["type"] == "session":
                        frames = await client.turn("add a mug")
                        return frames[-1]["status"]
                    refusals.append(str(first))
                except websockets.ConnectionClosedError as exc:
                    refusals.append(repr(exc))
                    if exc.rcvd is None or exc.rcvd.code != 1013:
                        raise
                finally:
                    await client.close()
                await asyncio.sleep(0.5)
            return "refused"

        def why() -> str:
            return f"refusals: {refusals}\n{up.output()[-6000:]}"

        assert await asyncio.gather(*(chat() for _ in range(6))) == ["ok"] * 6, why()
        # One worker dies: the other goes on serving the port, and the supervisor
        # starts a new one. (Connections the kernel queued for the dying one while it
        # was still listening are reset with it; clients reconnect and resume.)
        os.kill(workers[0], signal.SIGKILL)
        loop = asyncio.get_running_loop()
        # Gone, not just a zombie: its other threads may still hold the listening socket.
        while _exists(workers[0]):  # noqa: ASYNC110 - polling /proc
            await asyncio.sleep(0.05)
        assert await asyncio.gather(*(chat(retries=3) for _ in range(4))) == ["ok"] * 4, why()
        deadline = loop.time() + 90
        while True:
            now = {
                pid
                for pid, argv in child_processes(up.pid).items()
                if argv[-2:] == ["gateway", "--reuse-port"]
            }
            if len(now) == 2 and workers[0] not in now:
                break
            assert loop.time() < deadline, now
            await asyncio.sleep(0.2)
    finally:
        code = up.stop(signal.SIGTERM, timeout_s=60)
    assert code == 0, up.output()


def _exists(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()
