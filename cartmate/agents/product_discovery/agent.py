"""The product discovery agent (`root_agent` for `adk web` / `adk run`)."""

from __future__ import annotations

from google.adk.agents.llm_agent import LlmAgent

from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import DEFAULT_PROVIDER, ServiceProvider
from cartmate.agents.product_discovery.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.product_discovery.tools import DiscoveryTools
from cartmate.config import Settings, load_settings

NAME = "product_discovery"


def build_product_discovery_agent(provider: ServiceProvider, settings: Settings) -> LlmAgent:
    tools = DiscoveryTools(provider)
    return build_agent(
        name=NAME,
        description=DESCRIPTION,
        instruction=INSTRUCTION,
        tools=[
            tools.search_products,
            tools.get_product_details,
            tools.list_categories,
            tools.suggest_complements,
            tools.suggest_bundle,
        ],
        provider=provider,
        settings=settings,
    )


root_agent = build_product_discovery_agent(DEFAULT_PROVIDER, load_settings())
