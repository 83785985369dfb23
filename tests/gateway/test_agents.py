"""`GET /agents`: the gateway's agents, and the live A2A instances in the registry with health."""

from __future__ import annotations

import httpx

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.registry import AgentRegistry
from cartmate.agent_runtime.services import AgentServices
from cartmate.agent_runtime.topology import AGENTS, agent_url
from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.a2a.conftest import serve_agent
from tests.helpers import free_port
from tests.servers import serve


async def test_in_process_agents_and_registered_instances_with_health(
    settings: Settings, services: AgentServices
) -> None:
    registry = AgentRegistry(services.redis)
    dead = f"http://127.0.0.1:{free_port()}"
    await registry.register(
        build_agent_card("cart_manager", settings, url=dead), instance_id="dead-one"
    )
    async with (
        serve_agent("cart_manager", settings, services, register=True) as served,
        serve(create_app(settings), lifespan="on") as url,
        httpx.AsyncClient(base_url=url, timeout=10) as http,
    ):
        body = (await http.get("/agents")).json()
    assert body["registry"] == "ok"
    agents = {agent["name"]: agent for agent in body["agents"]}
    assert list(agents) == list(AGENTS)
    assert {agent["delegation"] for agent in agents.values()} == {"in-process"}
    instances = {i["url"]: i for i in agents["cart_manager"]["instances"]}
    assert set(instances) == {served.url, dead}
    assert instances[served.url]["healthy"] is True
    assert instances[dead]["healthy"] is False
    assert "edit_cart" in instances[served.url]["skills"]
    assert instances[served.url]["last_seen"] >= instances[served.url]["registered_at"]
    assert agents["product_discovery"]["instances"] == []


async def test_a2a_delegation_shows_registered_specialists_or_their_configured_url(
    settings: Settings, services: AgentServices
) -> None:
    settings = settings.model_copy(update={"delegation": "a2a", "agent_base_port": free_port()})
    async with (
        serve_agent("price_comparison", settings, services, register=True) as served,
        serve(create_app(settings), lifespan="on") as url,
        httpx.AsyncClient(base_url=url, timeout=10) as http,
    ):
        agents = {a["name"]: a for a in (await http.get("/agents")).json()["agents"]}
    assert agents["orchestrator"]["delegation"] == "in-process"  # the gateway runs it
    assert agents["price_comparison"]["delegation"] == "a2a"
    assert [i["url"] for i in agents["price_comparison"]["instances"]] == [served.url]
    assert "url" not in agents["price_comparison"]
    assert agents["cart_manager"]["instances"] == []
    assert agents["cart_manager"]["url"] == agent_url(settings, "cart_manager")
