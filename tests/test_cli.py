"""The `cartmate` command as a person runs it: --help everywhere, `boutique`, and `up`
starting embedded Valkey and Online Boutique and stopping cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import httpx
import pytest

from cartmate.boutique.health import wait_serving
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from tests.gateway.conftest import Client
from tests.helpers import cartmate_env, consecutive_free_ports, free_ports, port_closed


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


_GRPC_PORTS = (
    "CARTMATE_CATALOG_PORT",
    "CARTMATE_CART_PORT",
    "CARTMATE_CURRENCY_PORT",
    "CARTMATE_RECOMMENDATION_PORT",
)


@pytest.fixture
def ports() -> dict[str, str]:
    catalog, cart, currency, recommendation, gateway = free_ports(5)
    return {
        "CARTMATE_AGENT_BASE_PORT": str(consecutive_free_ports(5)),
        "CARTMATE_GATEWAY_PORT": str(gateway),
        "CARTMATE_CATALOG_PORT": str(catalog),
        "CARTMATE_CART_PORT": str(cart),
        "CARTMATE_CURRENCY_PORT": str(currency),
        "CARTMATE_RECOMMENDATION_PORT": str(recommendation),
    }


@pytest.fixture
def start_up(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Starts `cartmate up` with the given environment; kills it if a test left it running."""
    started: list[subprocess.Popen[str]] = []

    def start(**env: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "cartmate", "up"],
            cwd=tmp_path,
            env=cartmate_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(10)


async def _until_ready(url: str) -> None:
    # Generous: `up` starts a dozen processes, which on a loaded 2-core machine takes a while.
    async with httpx.AsyncClient(timeout=5) as http:
        for _ in range(750):
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"{url} never became ready")


async def _serving(port: str) -> None:
    await wait_serving(f"127.0.0.1:{port}", timeout_s=60)


@pytest.mark.timeout(400)
async def test_up_runs_the_product_and_stops_cleanly_on_sigterm(
    start_up: Callable[..., subprocess.Popen[str]], ports: dict[str, str], tmp_path: Path
) -> None:
    # Nothing configured: embedded Valkey and embedded Online Boutique.
    up = start_up(CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"), **ports)
    await asyncio.gather(*(_serving(p) for k, p in ports.items() if k in _GRPC_PORTS))
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
    await _until_ready(f"{gateway}/readyz")
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

    up.send_signal(signal.SIGTERM)
    _, stderr = up.communicate(timeout=60)
    assert up.returncode == 0, stderr
    assert "CartMate is up" in stderr
    deadline = time.monotonic() + 10
    while not all(port_closed(int(p)) for p in ports.values()):
        assert time.monotonic() < deadline, "a boutique process outlived `up`"
        await asyncio.sleep(0.1)


@pytest.mark.timeout(400)
async def test_up_uses_configured_services_and_embeds_the_rest(
    start_up: Callable[..., subprocess.Popen[str]], ports: dict[str, str], redis_url: str
) -> None:
    external_catalog = ports.pop("CARTMATE_CATALOG_PORT")
    process = start_up(
        REDIS_URL=redis_url,
        CARTMATE_REDIS_PREFIX=f"cartmate-test-up-{os.getpid()}:",
        PRODUCT_CATALOG_SERVICE_ADDR=f"127.0.0.1:{external_catalog}",
        **ports,
    )
    try:
        await asyncio.gather(*(_serving(p) for k, p in ports.items() if k in _GRPC_PORTS))
        assert port_closed(int(external_catalog))  # not embedded: it was configured
        # The gateway starts even though the configured catalog is down.
        await _until_ready(f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}/healthz")
        await asyncio.sleep(0.5)  # `up` polls the same endpoint before announcing itself
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert f"127.0.0.1:{external_catalog} (external)" in stderr


@pytest.mark.timeout(400)
async def test_up_with_a2a_runs_each_specialist_as_its_own_process(
    start_up: Callable[..., subprocess.Popen[str]], ports: dict[str, str], tmp_path: Path
) -> None:
    base = int(ports["CARTMATE_AGENT_BASE_PORT"])
    up = start_up(
        CARTMATE_VALKEY_DATA_DIR=str(tmp_path / "valkey"),
        CARTMATE_DELEGATION="a2a",
        **ports,
    )
    try:
        gateway = f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}"
        await _until_ready(f"{gateway}/readyz")
        for offset in range(1, 5):  # the four specialists answer on their own ports
            await _until_ready(f"http://127.0.0.1:{base + offset}/healthz")
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
        up.send_signal(signal.SIGTERM)
        _, stderr = up.communicate(timeout=90)
    assert up.returncode == 0, stderr[-3000:]
