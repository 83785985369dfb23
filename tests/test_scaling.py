"""Horizontal scaling: two gateway processes and two cart_manager processes, sharing one Redis
and one embedded Online Boutique, serve one shopper's conversation; losing a replica loses
nothing. Plus, in process: a registered replica that died is skipped, not called."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import grpc
import pytest

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.failover import PeerClient
from cartmate.a2a.registry import AgentRegistry
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.config import Settings
from cartmate.store.redis_client import RedisConnection
from tests.a2a.conftest import serve_agent, shopper_id
from tests.agents.conftest import ConversationFactory, converse, services, settings
from tests.gateway.conftest import Client
from tests.helpers import consecutive_free_ports, free_port, free_ports, port_closed
from tests.up_helpers import (  # noqa: F401 - the `start_command` fixture
    Started,
    serving,
    start_command_fixture,
    until_ready,
)

__all__ = ["converse", "services", "settings", "shopper_id"]

MUG = "6E92ZMYYFZ"
# The line each cart_manager replica's access log writes for one A2A call (JSON-RPC at "/").
_A2A_CALL = '\\"POST / HTTP/1.1\\" 200'


@pytest.mark.timeout(400)
async def test_two_gateways_and_two_cart_managers_serve_one_conversation(
    start_command: Callable[..., Started], redis: RedisConnection, redis_url: str, key_prefix: str
) -> None:
    catalog, cart, currency, recommendation, gw_one, gw_two, cm_one, cm_two = free_ports(8)
    env = {
        "REDIS_URL": redis_url,
        "CARTMATE_REDIS_PREFIX": key_prefix,
        "CARTMATE_DELEGATION": "a2a",
        "CARTMATE_CATALOG_PORT": str(catalog),
        "CARTMATE_CART_PORT": str(cart),
        "CARTMATE_CURRENCY_PORT": str(currency),
        "CARTMATE_RECOMMENDATION_PORT": str(recommendation),
        "PRODUCT_CATALOG_SERVICE_ADDR": f"127.0.0.1:{catalog}",
        "CART_SERVICE_ADDR": f"127.0.0.1:{cart}",
        "CURRENCY_SERVICE_ADDR": f"127.0.0.1:{currency}",
        "RECOMMENDATION_SERVICE_ADDR": f"127.0.0.1:{recommendation}",
        # Only cart_manager runs: the other specialists' configured ports stay closed.
        "CARTMATE_AGENT_BASE_PORT": str(consecutive_free_ports(5)),
        # A killed replica stays listed for the rest of the test, so every turn after the
        # kill has to get past its stale entry.
        "CARTMATE_A2A_REGISTRY_TTL_S": "600",
    }
    start_command("boutique", **env)
    await asyncio.gather(*(serving(str(p)) for p in (catalog, cart, currency, recommendation)))
    replicas = {
        port: start_command("serve-agent", "cart_manager", "--port", str(port), **env)
        for port in (cm_one, cm_two)
    }
    gateway_processes = [
        start_command("gateway", "--port", str(port), **env) for port in (gw_one, gw_two)
    ]
    gateways = [f"http://127.0.0.1:{p}" for p in (gw_one, gw_two)]
    await asyncio.gather(
        *(until_ready(f"http://127.0.0.1:{p}/healthz", process) for p, process in replicas.items())
    )
    # /healthz: /readyz wants every specialist, and only cart_manager runs here.
    await asyncio.gather(
        *(
            until_ready(f"{url}/healthz", process)
            for url, process in zip(gateways, gateway_processes, strict=True)
        )
    )
    registry = AgentRegistry(redis)
    listed = {i.url for i in await registry.instances_of("cart_manager")}
    assert listed == {f"http://127.0.0.1:{p}" for p in replicas}

    chat = _Conversation(gateways)
    # Alternate gateways until both replicas have served (each call picks a live replica at
    # random: 20 turns leave a one-in-a-million chance that one replica got none).
    added = 0
    while added < 4 or not all(_calls(r) for r in replicas.values()):
        assert added < 20, {port: _calls(r) for port, r in replicas.items()}
        text = await chat.say("add a mug")
        assert "Added 1 × Mug" in text, text
        added += 1
        await _until_logged(replicas.values(), added)
    served = {port: _calls(replica) for port, replica in replicas.items()}
    assert chat.resumed >= added - 1 and set(chat.served_by) == set(gateways)
    assert all(served.values()) and sum(served.values()) == added, served
    assert await _cart(cart, chat.user_id) == [(MUG, added)]

    # One cart_manager replica dies without deregistering: the other serves every turn.
    dead, survivor = cm_one, cm_two
    replicas[dead].process.kill()
    replicas[dead].process.wait(30)
    assert port_closed(dead)
    for _ in range(3):
        text = await chat.say("add a mug")
        assert "Added 1 × Mug" in text, text  # never "cart_manager is unavailable"
        added += 1
    await _until_logged(replicas.values(), added)
    assert _calls(replicas[dead]) == served[dead]
    assert _calls(replicas[survivor]) == served[survivor] + 3
    # ... although the registry still lists the dead one.
    listed = {i.url for i in await registry.instances_of("cart_manager")}
    assert f"http://127.0.0.1:{dead}" in listed
    assert await _cart(cart, chat.user_id) == [(MUG, added)]
    assert f"{added} × Mug" in await chat.say("show my cart")


class _Conversation:
    """One shopper's conversation, each turn on the next gateway (a fresh socket resuming
    the session with its token), as a client behind a load balancer would see it."""

    def __init__(self, gateways: list[str]) -> None:
        self._gateways = gateways
        self._session: dict[str, Any] | None = None
        self._last_seq = 0
        self.resumed = 0
        self.served_by: list[str] = []

    @property
    def user_id(self) -> str:
        assert self._session is not None
        return str(self._session["user_id"])

    async def say(self, text: str) -> str:
        gateway = self._gateways[len(self.served_by) % len(self._gateways)]
        params = {}
        if self._session is not None:
            params = {
                "session_id": self._session["session_id"],
                "token": self._session["token"],
                "last_seq": self._last_seq,
            }
        client = await Client.connect(gateway, **params)
        try:
            session = await client.recv(wait_s=60)
            assert session["type"] == "session", session
            if self._session is not None:
                assert session["resumed"] and session["user_id"] == self.user_id, session
                self.resumed += 1
            else:
                self._session = session
            await client.send({"type": "message", "text": text})
            frames = await client.until("turn_end", wait_s=120)
        finally:
            await client.close()
        self.served_by.append(gateway)
        self._last_seq = max(int(f.get("seq", 0)) for f in frames)
        assert frames[-1]["status"] == "ok", frames
        assert ("cart_manager", "completed") in {
            (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
        }, frames
        return str(next(f for f in frames if f["type"] == "message")["text"])


def _calls(replica: Started) -> int:
    """A2A calls this replica answered, from its own access log."""
    return replica.output().count(_A2A_CALL)


async def _until_logged(replicas: Any, total: int) -> None:
    """Wait until the replicas' access logs show `total` calls (a line is written just after
    its streamed response ends, so it may trail the turn's last frame)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while sum(_calls(r) for r in replicas) < total:
        assert loop.time() < deadline, [_calls(r) for r in replicas]
        await asyncio.sleep(0.1)


async def _cart(port: int, user_id: str) -> list[tuple[str, int]]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await demo_pb2_grpc.CartServiceStub(channel).GetCart(
            demo_pb2.GetCartRequest(user_id=user_id), timeout=10
        )
    return [(i.product_id, i.quantity) for i in reply.items]


async def test_a_registered_replica_that_died_is_skipped(
    settings: Settings,
    services: AgentServices,
    redis: RedisConnection,
    converse: ConversationFactory,
    shopper_id: str,
) -> None:
    # Configured URLs where nothing listens: only the registry can lead to cart_manager.
    settings = settings.model_copy(update={"delegation": "a2a", "agent_base_port": free_port()})
    registry = AgentRegistry(redis, ttl_s=settings.a2a_registry_ttl_s)
    # A replica killed before it could deregister: listed, but nothing answers there.
    dead_url = f"http://127.0.0.1:{free_port()}"
    dead = build_agent_card("cart_manager", settings, url=dead_url)
    await registry.register(dead, instance_id="killed")
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(
            serve_agent("cart_manager", settings, services, register=True)
        )
        assert len(await registry.instances_of("cart_manager")) == 2
        http = await stack.enter_async_context(PeerClient(timeout=30))
        orchestrator = build_orchestrator_agent(StaticServices(services), settings, http)
        chat = await converse(orchestrator, user_id=shopper_id)
        # A blind pick would fail about every other turn; the refused call goes on to the
        # live replica instead, and the dead one is tried last from then on.
        turns = 0
        while turns < 3 or not http.refusals.recently_refused(dead_url):
            assert turns < 16, "the dead replica was never tried"
            turn = await chat.say("add a mug")
            assert "Added 1 × Mug" in turn.text and "unavailable" not in turn.text, turn.text
            turns += 1
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert cart.quantity_of(MUG) == turns
