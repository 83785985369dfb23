"""Faults injected into `cartmate up` (CARTMATE_DELEGATION=a2a) during a real conversation:
a process is SIGKILLed, the shopper is told, the supervisor restarts it, the conversation goes
on on the same socket and the cart is exactly what the successful turns said.

While a process is down the `up` process itself is held with SIGSTOP, so the supervisor
cannot restart it before the test's turn runs (however slow the machine); SIGCONT lets it
notice the death and restart the child as it would have."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import pytest

from cartmate.a2a.remote import unavailable_text
from cartmate.agent_runtime.topology import AGENTS
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.store.redis_client import RedisConnection
from tests.gateway.conftest import Client
from tests.up_helpers import (  # noqa: F401 - the `ports` and `start_up` fixtures
    Started,
    killed_while_held,
    ports_fixture,
    serving,
    start_up_fixture,
    until_ready,
)

MUG = "6E92ZMYYFZ"

Opened = tuple[Started, Client, dict[str, Any]]
OpenConversation = Callable[[], contextlib.AbstractAsyncContextManager[Opened]]


@contextlib.asynccontextmanager
async def _conversation(
    start_up: Callable[..., Started], ports: dict[str, str], redis_url: str, key_prefix: str
) -> AsyncIterator[Opened]:
    """`up` (A2A) with a shopper connected for the block; then `up` must stop cleanly."""
    up = start_up(
        REDIS_URL=redis_url,
        CARTMATE_REDIS_PREFIX=key_prefix,
        CARTMATE_DELEGATION="a2a",
        **ports,
    )
    await until_ready(f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}/readyz", up)
    client = await Client.connect(f"http://127.0.0.1:{ports['CARTMATE_GATEWAY_PORT']}")
    session = await client.recv(wait_s=60)
    try:
        yield up, client, session
    finally:
        await client.close()
    assert up.stop() == 0, up.output()[-3000:]


@pytest.fixture
def conversation(
    start_up: Callable[..., Started],
    ports: dict[str, str],
    redis: RedisConnection,
    redis_url: str,
    key_prefix: str,
) -> OpenConversation:
    """`_conversation` on this test's ports and keys: what both fault tests start with."""
    del redis  # requested for its teardown: it deletes the keys under key_prefix
    return functools.partial(_conversation, start_up, ports, redis_url, key_prefix)


async def _say(client: Client, text: str) -> tuple[str, list[dict[str, Any]]]:
    """One turn; it must end normally. Returns the answer's text and the frames."""
    await client.send({"type": "message", "text": text})
    frames = await client.until("turn_end", wait_s=120)
    assert frames[-1]["status"] == "ok", frames
    return str(next(f for f in frames if f["type"] == "message")["text"]), frames


async def _alive(client: Client) -> None:
    await client.send({"type": "ping"})
    assert (await client.until("pong", wait_s=30))[-1]["type"] == "pong"


async def _cart(port: str, user_id: str) -> list[tuple[str, int]]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await demo_pb2_grpc.CartServiceStub(channel).GetCart(
            demo_pb2.GetCartRequest(user_id=user_id), timeout=10
        )
    return [(i.product_id, i.quantity) for i in reply.items]


@pytest.mark.timeout(400)
async def test_the_boutique_killed_mid_conversation_comes_back_with_the_cart_intact(
    conversation: OpenConversation,
    ports: dict[str, str],
) -> None:
    cart_port = ports["CARTMATE_CART_PORT"]
    async with conversation() as (up, client, session):
        text, _ = await _say(client, "add a mug")
        assert "Added 1 × Mug" in text, text

        # The supervisor restarts the boutique once the block ends.
        async with killed_while_held(up, int(cart_port), "boutique"):
            text, _ = await _say(client, "add two mugs")  # needs the cart, which is gone
            assert "unavailable" in text, text  # told so, in words; the turn ends normally
            await _alive(client)  # ... and the socket stays open

        await serving(cart_port)
        # Carts live in Redis: the restarted boutique still has the first mug. The caller's
        # circuit breaker may hold calls back a few seconds more: ask until it lets them by.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while "unavailable" in (text := (await _say(client, "show my cart"))[0]):
            assert loop.time() < deadline, text
            await asyncio.sleep(1)
        assert "1 × Mug" in text, text
        text, _ = await _say(client, "add two mugs")
        assert "Added 2 × Mug" in text, text
        # 1 + 2: the turn that failed added nothing, no turn added twice, nothing was lost.
        assert await _cart(cart_port, session["user_id"]) == [(MUG, 3)]
        text, _ = await _say(client, "show my cart")
        assert "3 × Mug" in text, text


@pytest.mark.timeout(400)
async def test_a_specialist_killed_mid_conversation_is_reported_and_comes_back(
    conversation: OpenConversation,
    ports: dict[str, str],
) -> None:
    agent_port = int(ports["CARTMATE_AGENT_BASE_PORT"]) + AGENTS.index("cart_manager")
    async with conversation() as (up, client, session):
        text, _ = await _say(client, "add a mug")
        assert "Added 1 × Mug" in text, text

        async with killed_while_held(up, agent_port, "serve-agent", "cart_manager"):
            text, frames = await _say(client, "add a mug")
            assert text == unavailable_text("cart_manager"), text
            assert ("cart_manager", "failed") in {
                (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
            }, frames
            await _alive(client)
            # The orchestrator carries on with the other specialists.
            text, _ = await _say(client, "show me sunglasses")
            assert "Sunglasses" in text, text

        await until_ready(f"http://127.0.0.1:{agent_port}/healthz", up)
        text, frames = await _say(client, "add a mug")  # delegation works again
        assert "Added 1 × Mug" in text, text
        assert ("cart_manager", "completed") in {
            (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
        }, frames
        # The mug of the failed turn was never added.
        assert await _cart(ports["CARTMATE_CART_PORT"], session["user_id"]) == [(MUG, 2)]
