"""Warming a process up before it serves (`agent_runtime.warm_up`): read-only turns on the
offline model, real services (embedded Online Boutique, Redis), nothing left behind."""

from __future__ import annotations

from typing import Any

import pytest

from cartmate.a2a.server import build_agent
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agent_runtime.warm_up import MESSAGES, warm_up
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.gateway.app import _warm_up_messages
from cartmate.store.redis_client import RedisConnection

READ_TOOLS = {
    "product_discovery": "search_products",
    "cart_manager": "view_cart",
    "price_comparison": "list_price_alerts",
    "style_profiler": "show_style_profile",
}


async def _keys_of(redis: RedisConnection, prefix: str, user_id: str) -> list[str]:
    return [k async for k in redis.client.scan_iter(match=f"{prefix}*{user_id}*", count=500)]


@pytest.mark.parametrize("name", sorted(READ_TOOLS))
async def test_a_specialist_warms_up_on_reads_that_leave_nothing_behind(
    name: str, services: AgentServices, redis: RedisConnection, key_prefix: str
) -> None:
    settings = services.settings
    done = await warm_up(name, lambda s: build_agent(name, s, services), MESSAGES[name], settings)

    assert done.failure is None
    assert READ_TOOLS[name] in done.tools
    assert done.seconds > 0
    cart = await services.boutique.cart.get_cart(done.user_id)
    assert not cart.items
    # Only the model-call quota of its made-up shopper (an expiring bucket) may remain.
    left = await _keys_of(redis, key_prefix, done.user_id)
    assert all(":rate:" in key or "bucket" in key for key in left), left


async def test_the_gateway_warms_every_in_process_specialist_through_the_orchestrator(
    services: AgentServices,
) -> None:
    settings = services.settings
    assert settings.delegation == "local"
    messages = _warm_up_messages(settings)
    done = await warm_up(
        "cartmate",
        lambda s: build_orchestrator_agent(StaticServices(services), s),
        messages,
        settings,
    )

    assert done.failure is None
    assert set(READ_TOOLS.values()) <= set(done.tools)
    assert "transfer_to_agent" in done.tools


def test_with_a2a_delegation_the_gateway_only_greets() -> None:
    # Its specialists are other processes: asking them would be real A2A calls.
    assert _warm_up_messages(Settings(delegation="a2a")) == MESSAGES["orchestrator"]
    local = _warm_up_messages(Settings(delegation="local"))
    assert set(MESSAGES["orchestrator"]) < set(local)  # in-process, every agent is warmed


async def test_a_process_configured_for_gemini_warms_up_offline(services: AgentServices) -> None:
    # A Gemini that cannot be reached: a warm-up that called it would fail.
    gemini = services.settings.model_copy(
        update={"model": "gemini-2.5-flash", "gemini_base_url": "http://127.0.0.1:9"}
    )
    seen: list[str] = []

    def build(offline: Settings) -> Any:
        seen.append(offline.model_name_for("cart_manager"))
        return build_agent("cart_manager", offline, services)

    done = await warm_up("cart_manager", build, MESSAGES["cart_manager"], gemini)

    assert done.failure is None and "view_cart" in done.tools
    assert seen == ["offline"]


async def test_a_failed_or_slow_warm_up_is_reported_never_raised(
    services: AgentServices,
) -> None:
    def broken(_settings: Settings) -> Any:
        raise RuntimeError("no agent today")

    failed = await warm_up("cart_manager", broken, ["hi"], services.settings)
    assert failed.failure == "RuntimeError: no agent today"

    hurried = services.settings.model_copy(update={"warm_up_timeout_s": 1e-6})
    slow = await warm_up(
        "cart_manager",
        lambda s: build_agent("cart_manager", s, services),
        MESSAGES["cart_manager"],
        hurried,
    )
    assert slow.failure == "TimeoutError"


async def test_warm_up_can_be_switched_off(services: AgentServices) -> None:
    off = services.settings.model_copy(update={"warm_up": False})

    def never(_settings: Settings) -> Any:
        raise AssertionError("built an agent while switched off")

    done = await warm_up("cart_manager", never, MESSAGES["cart_manager"], off)
    assert done.tools == [] and done.failure is None and done.seconds == 0
