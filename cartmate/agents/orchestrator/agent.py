"""The orchestrator (`root_agent` for `adk web` / `adk run`): the app's front agent.

Delegation is chosen by CARTMATE_DELEGATION: "local" builds the four specialists in this
process as sub-agents; "a2a" reaches each one over A2A (`cartmate serve-agent NAME`, one
container each) with a RemoteA2aAgent built from its agent card.
"""

from __future__ import annotations

import httpx
from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.llm_agent import LlmAgent

from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import DEFAULT_PROVIDER, ServiceProvider
from cartmate.agent_runtime.topology import SPECIALISTS
from cartmate.agents.cart_manager.agent import build_cart_manager_agent
from cartmate.agents.orchestrator.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.orchestrator.tools import OrchestratorTools
from cartmate.agents.price_comparison.agent import build_price_comparison_agent
from cartmate.agents.product_discovery.agent import build_product_discovery_agent
from cartmate.agents.style_profiler.agent import build_style_profiler_agent
from cartmate.config import Settings, load_settings

NAME = "orchestrator"

_LOCAL_BUILDERS = {
    "product_discovery": build_product_discovery_agent,
    "cart_manager": build_cart_manager_agent,
    "style_profiler": build_style_profiler_agent,
    "price_comparison": build_price_comparison_agent,
}


def build_specialists(
    provider: ServiceProvider, settings: Settings, http: httpx.AsyncClient | None = None
) -> list[BaseAgent]:
    """The four specialists, in-process or remote as CARTMATE_DELEGATION says.

    Remote specialists share `http` (the owner closes it; traced, so `traceparent` goes
    along); they receive the shopper's user id and the conversation state with every call.
    Each run finds its specialist in the agent registry (a live instance's card) and falls
    back to the configured URL (`agent_url`); with CARTMATE_A2A_TOKEN every call carries it.
    """
    if settings.delegation == "a2a":
        from cartmate.a2a.failover import PeerClient
        from cartmate.a2a.remote import remote_agent
        from cartmate.telemetry import instrument_httpx

        peers = http or PeerClient(timeout=60.0, hold_s=settings.a2a_registry_ttl_s)
        client = instrument_httpx(peers)
        return [remote_agent(name, settings, client, services=provider) for name in SPECIALISTS]
    return [_LOCAL_BUILDERS[name](provider, settings) for name in SPECIALISTS]


def build_orchestrator_agent(
    provider: ServiceProvider, settings: Settings, http: httpx.AsyncClient | None = None
) -> LlmAgent:
    tools = OrchestratorTools(provider)
    return build_agent(
        name=NAME,
        description=DESCRIPTION,
        instruction=INSTRUCTION,
        tools=[tools.set_display_currency, tools.set_budget],
        provider=provider,
        settings=settings,
        sub_agents=build_specialists(provider, settings, http),
    )


root_agent = build_orchestrator_agent(DEFAULT_PROVIDER, load_settings())
