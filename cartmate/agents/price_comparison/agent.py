"""The price comparison agent (`root_agent` for `adk web` / `adk run`)."""

from __future__ import annotations

from google.adk.agents.llm_agent import LlmAgent

from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import DEFAULT_PROVIDER, ServiceProvider
from cartmate.agents.price_comparison.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.price_comparison.tools import PriceTools
from cartmate.config import Settings, load_settings

NAME = "price_comparison"


def build_price_comparison_agent(provider: ServiceProvider, settings: Settings) -> LlmAgent:
    tools = PriceTools(provider)
    return build_agent(
        name=NAME,
        description=DESCRIPTION,
        instruction=INSTRUCTION,
        tools=[
            tools.compare_prices,
            tools.analyse_deal,
            tools.create_price_alert,
            tools.list_price_alerts,
            tools.delete_price_alert,
        ],
        provider=provider,
        settings=settings,
    )


root_agent = build_price_comparison_agent(DEFAULT_PROVIDER, load_settings())
