"""Faults during a real conversation over the socket: the cart service goes away and comes
back; the shopper is told, nothing is lost or added twice, and the conversation goes on."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.gateway.app import create_app
from cartmate.store.embedded_valkey import start_valkey
from cartmate.store.redis_client import RedisConnection
from tests.gateway.conftest import Client
from tests.helpers import free_port
from tests.servers import serve

MUG = "6E92ZMYYFZ"


async def _message(frames: list[dict]) -> dict:
    return next(f for f in frames if f["type"] == "message")


async def test_cart_service_outage_mid_conversation(
    settings: Settings, redis: RedisConnection, services: AgentServices
) -> None:
    port = free_port()
    own = settings.model_copy(
        update={"cart_service_addr": f"127.0.0.1:{port}", "breaker_reset_s": 0.2}
    )
    cart = serve_boutique(redis, services=("cart",), cart_port=port)
    await cart.__aenter__()
    async with serve(create_app(own), lifespan="on") as url:
        client = await Client.connect(url)
        session = await client.recv()
        first = await client.turn("add a mug")
        assert (await _message(first))["data"]["cart"]["items"][0]["quantity"] == 1

        await cart.__aexit__(None, None, None)  # the cart service goes down
        down = await client.turn("add two mugs")
        assert down[-1]["status"] == "ok"  # the turn ends normally, with an explanation
        assert "unavailable" in (await _message(down))["text"]

        cart = serve_boutique(redis, services=("cart",), cart_port=port)
        await cart.__aenter__()  # ... and comes back on the same address
        try:
            for _ in range(50):
                again = await client.turn("add two mugs")
                if "Added 2" in (await _message(again))["text"]:
                    break
                await asyncio.sleep(0.1)
            real = await services.boutique.cart.get_cart(session["user_id"])
            # 1 + 2: the failed attempt added nothing, the retry added exactly two.
            assert real.quantity_of(MUG) == 3
            view = await client.turn("show my cart")
            assert "3 × Mug" in (await _message(view))["text"]
        finally:
            await client.close()
            await cart.__aexit__(None, None, None)


async def test_redis_outage_keeps_the_socket_and_recovers(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    valkey = start_valkey(tmp_path / "valkey", port)
    own = settings.model_copy(update={"redis_url": valkey.connection_url})
    try:
        async with serve(create_app(own), lifespan="on") as url:
            client = await Client.connect(url)
            await client.recv()
            assert (await client.turn("hi"))[-1]["status"] == "ok"

            valkey.stop()  # Redis goes away
            await client.send({"type": "message", "text": "show my cart"})
            error = await client.recv(wait_s=60)
            assert error["type"] == "error" and error["retryable"] is True
            await client.send({"type": "ping"})
            assert (await client.recv(wait_s=30))["type"] == "pong"  # the socket lives on

            valkey = start_valkey(tmp_path / "valkey", port)  # ... and comes back
            for _ in range(60):
                await client.send({"type": "message", "text": "show my cart"})
                frame = await client.recv(wait_s=60)
                if frame["type"] == "turn_start":
                    rest = await client.until("turn_end", wait_s=60)
                    assert rest[-1]["status"] == "ok"
                    break
                await asyncio.sleep(0.5)
            else:
                raise AssertionError("the conversation did not resume after Redis came back")
            await client.close()
    finally:
        with contextlib.suppress(Exception):
            valkey.stop()
