"""The agent registry: registration with heartbeats, discovery, and the orchestrator finding
its specialists through it (and carrying on when one is down)."""

from __future__ import annotations

import asyncio
import contextlib

import httpx

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.registry import (
    AgentRegistration,
    AgentRegistry,
    card_url,
    resolve_specialist_cards,
)
from cartmate.a2a.remote import UNAVAILABLE_CODE
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agent_runtime.topology import agent_url
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.store.redis_client import RedisConnection
from tests.a2a.conftest import serve_agent
from tests.agents.conftest import ConversationFactory, converse
from tests.helpers import free_port

__all__ = ["converse"]


async def test_replicas_register_separately_and_are_found_by_skill_and_tag(
    redis: RedisConnection, settings: Settings
) -> None:
    registry = AgentRegistry(redis, ttl_s=15)
    cart = build_agent_card("cart_manager", settings, url="http://10.0.0.1:8103")
    await registry.register(cart, instance_id="cart-a")
    await registry.register(cart, instance_id="cart-b", url="http://10.0.0.2:8103/")
    prices = build_agent_card("price_comparison", settings, url="http://10.0.0.3:8105")
    await registry.register(prices, instance_id="prices-a")

    live = await registry.live_agents()
    assert sorted(live) == ["cart_manager", "price_comparison"]
    assert [(i.instance_id, i.url) for i in live["cart_manager"]] == [
        ("cart-a", "http://10.0.0.1:8103"),
        ("cart-b", "http://10.0.0.2:8103"),
    ]
    instance = live["cart_manager"][0]
    assert instance.agent_card() == cart and instance.last_seen >= instance.registered_at

    assert {i.name for i in await registry.find(skill="edit_cart")} == {"cart_manager"}
    assert [i.instance_id for i in await registry.find(tag="alerts")] == ["prices-a"]
    assert await registry.find(skill="edit_cart", tag="alerts") == []
    assert await registry.find(skill="no-such-skill") == []
    assert len(await registry.find()) == 3

    await registry.deregister("cart_manager", "cart-a")
    live = await registry.live_agents()
    assert [i.instance_id for i in live["cart_manager"]] == ["cart-b"]


async def test_a_recent_read_is_reused_only_when_asked_and_while_fresh(
    redis: RedisConnection, settings: Settings
) -> None:
    registry = AgentRegistry(redis, ttl_s=15)
    card = build_agent_card("cart_manager", settings, url="http://10.0.0.1:8103")
    await registry.register(card, instance_id="cart-a")
    assert len(await registry.instances_of("cart_manager", max_age_s=0.3)) == 1
    await registry.register(card, instance_id="cart-b", url="http://10.0.0.2:8103")
    # Within max_age_s the last read stands; without it, and after it, Redis is read.
    assert len(await registry.instances_of("cart_manager", max_age_s=0.3)) == 1
    assert len(await registry.instances_of("cart_manager")) == 2
    await registry.register(card, instance_id="cart-c", url="http://10.0.0.3:8103")
    await asyncio.sleep(0.35)
    assert len(await registry.instances_of("cart_manager", max_age_s=0.3)) == 3


async def test_an_entry_without_heartbeat_expires(
    redis: RedisConnection, settings: Settings
) -> None:
    registry = AgentRegistry(redis, ttl_s=0.3)
    await registry.register(build_agent_card("cart_manager", settings), instance_id="gone")
    assert "cart_manager" in await registry.live_agents()
    await asyncio.sleep(0.5)
    assert await registry.live_agents() == {}
    assert await redis.client.zcard(redis.keys.key("registry", "agents")) == 0


async def test_the_heartbeat_keeps_a_registration_alive_until_stopped(
    redis: RedisConnection, settings: Settings
) -> None:
    registry = AgentRegistry(redis, ttl_s=0.45)
    registration = AgentRegistration(
        registry, build_agent_card("style_profiler", settings), interval_s=5
    )
    assert registration.interval_s == 0.15  # three beats per TTL at least
    await registration.start()
    try:
        first = (await registry.live_agents())["style_profiler"][0]
        await asyncio.sleep(1.0)  # over twice the TTL
        again = (await registry.live_agents())["style_profiler"][0]
        assert again.instance_id == registration.instance_id
        assert again.registered_at == first.registered_at and again.last_seen > first.last_seen
    finally:
        await registration.stop()
    assert await registry.live_agents() == {}


async def test_a_served_agent_registers_on_start_and_deregisters_on_shutdown(
    settings: Settings, services: AgentServices
) -> None:
    registry = AgentRegistry(services.redis)
    async with serve_agent("cart_manager", settings, services, register=True) as served:
        live = await registry.live_agents()
        assert [i.url for i in live["cart_manager"]] == [served.url]
        async with httpx.AsyncClient() as http:
            assert (await http.get(f"{live['cart_manager'][0].url}/healthz")).status_code == 200
    assert await registry.live_agents() == {}


async def test_specialist_cards_come_from_the_registry_or_the_configuration(
    settings: Settings, services: AgentServices
) -> None:
    registry = AgentRegistry(services.redis)
    await registry.register(
        build_agent_card("cart_manager", settings, url="http://cart.internal:9000"),
        instance_id="one",
    )
    cards = await resolve_specialist_cards(settings, services.redis)
    assert list(cards) == [
        "product_discovery",
        "cart_manager",
        "style_profiler",
        "price_comparison",
    ]
    assert card_url(cards["cart_manager"]) == "http://cart.internal:9000"
    assert card_url(cards["price_comparison"]) == agent_url(settings, "price_comparison")


def _a2a_settings(settings: Settings) -> Settings:
    # Configured URLs where nothing listens: only what the registry says can work.
    return settings.model_copy(update={"delegation": "a2a", "agent_base_port": free_port()})


async def test_the_orchestrator_finds_specialists_in_the_registry(
    settings: Settings, services: AgentServices, converse: ConversationFactory, shopper_id: str
) -> None:
    settings = _a2a_settings(settings)
    async with contextlib.AsyncExitStack() as stack:
        for name in ("product_discovery", "cart_manager"):
            await stack.enter_async_context(serve_agent(name, settings, services, register=True))
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        orchestrator = build_orchestrator_agent(StaticServices(services), settings, http)
        chat = await converse(orchestrator, user_id=shopper_id)
        turn = await chat.say("show me sunglasses")
        assert "product_discovery" in turn.transfers and "Sunglasses" in turn.text, turn.text
        turn = await chat.say("add the first one to my cart")
        assert "cart_manager" in turn.transfers, turn.transfers
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert [item.quantity for item in cart.items] == [1]


async def test_a_dead_specialist_gets_a_clear_answer_and_the_others_still_work(
    settings: Settings, services: AgentServices, converse: ConversationFactory, shopper_id: str
) -> None:
    settings = _a2a_settings(settings)
    async with contextlib.AsyncExitStack() as stack:
        # cart_manager is neither registered nor at its configured URL.
        await stack.enter_async_context(
            serve_agent("product_discovery", settings, services, register=True)
        )
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        orchestrator = build_orchestrator_agent(StaticServices(services), settings, http)
        chat = await converse(orchestrator, user_id=shopper_id)
        turn = await chat.say("what's in my cart?")
        assert "cart_manager" in turn.transfers, turn.transfers
        assert "cart manager service (cart_manager) is unavailable right now" in turn.text
        assert any(e.error_code == UNAVAILABLE_CODE for e in turn.events)
        turn = await chat.say("show me sunglasses")
        assert "product_discovery" in turn.transfers and "Sunglasses" in turn.text, turn.text


async def test_behind_a_public_base_url_the_registered_url_answers_health_checks(
    settings: Settings, services: AgentServices
) -> None:
    registry = AgentRegistry(services.redis)
    async with serve_agent(
        "cart_manager", settings, services, public=True, register=True
    ) as served:
        [instance] = (await registry.live_agents())["cart_manager"]
        assert instance.url == served.url and served.url.endswith("/agents/cart_manager")
        async with httpx.AsyncClient() as http:
            assert (await http.get(f"{instance.url}/healthz")).status_code == 200
