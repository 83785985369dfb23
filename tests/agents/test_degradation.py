"""Backing services down: the tools degrade with a plain note instead of failing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from cartmate.agent_runtime.presenters import CURRENCY_FALLBACK_NOTE
from cartmate.agent_runtime.services import AgentServices, StaticServices, open_agent_services
from cartmate.agents.cart_manager.tools import CartTools
from cartmate.agents.product_discovery.tools import DiscoveryTools
from cartmate.config import Settings
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.store.redis_client import RedisConnection
from tests.agents.conftest import tool_context
from tests.helpers import free_port


@pytest.fixture
async def no_currency(settings: Settings) -> AsyncIterator[AgentServices]:
    down = settings.model_copy(update={"currency_service_addr": f"127.0.0.1:{free_port()}"})
    async with open_agent_services(down) as services:
        yield services


async def test_currency_down_shows_usd_with_a_note(no_currency: AgentServices) -> None:
    ctx = tool_context(state={"display_currency": "EUR"})
    found = await DiscoveryTools(StaticServices(no_currency)).search_products(ctx, query="shades")
    (product,) = found["products"]
    assert product["price"]["currency_code"] == "USD"
    assert product["currency_note"] == CURRENCY_FALLBACK_NOTE
    added = await CartTools(StaticServices(no_currency)).add_to_cart("mug", ctx, quantity=2)
    assert added["status"] == "ok"
    assert added["cart"]["currency"] == "USD" and added["cart"]["currency_note"]


async def test_catalog_down_answers_from_the_last_copy(
    settings: Settings, redis: RedisConnection
) -> None:
    server = serve_boutique(redis, services=("catalog",), catalog_port=0)
    addresses = await server.__aenter__()
    try:
        own = settings.model_copy(update={"product_catalog_service_addr": addresses.catalog})
        async with open_agent_services(own) as services:
            tools = DiscoveryTools(StaticServices(services))
            fresh = await tools.search_products(tool_context(), query="mug")
            assert fresh["catalog_stale"] is False
            await server.__aexit__(None, None, None)  # the catalog service goes down
            server = None
            services.boutique.catalog.invalidate()  # and the cache has expired
            stale = await tools.search_products(tool_context(), query="mug")
    finally:
        if server is not None:
            await server.__aexit__(None, None, None)
    assert stale["status"] == "ok" and stale["catalog_stale"] is True
    assert [p["name"] for p in stale["products"]] == ["Mug"]
