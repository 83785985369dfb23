"""The cart manager agent (`root_agent` for `adk web` / `adk run`)."""

from __future__ import annotations

from google.adk.agents.llm_agent import LlmAgent

from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import DEFAULT_PROVIDER, ServiceProvider
from cartmate.agents.cart_manager.list_tools import ShoppingListTools
from cartmate.agents.cart_manager.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.cart_manager.tools import CartTools
from cartmate.config import Settings, load_settings

NAME = "cart_manager"


def build_cart_manager_agent(provider: ServiceProvider, settings: Settings) -> LlmAgent:
    tools = CartTools(provider)
    lists = ShoppingListTools(tools)
    return build_agent(
        name=NAME,
        description=DESCRIPTION,
        instruction=INSTRUCTION,
        tools=[
            tools.view_cart,
            tools.quote_cart,
            tools.add_to_cart,
            tools.remove_from_cart,
            tools.set_cart_quantity,
            tools.empty_cart,
            tools.check_cart_coherence,
            lists.note_shopping_list,
            lists.compare_with_list,
            lists.match_cart_to_list,
            lists.cross_off_list,
            lists.set_list_quantity,
        ],
        provider=provider,
        settings=settings,
    )


root_agent = build_cart_manager_agent(DEFAULT_PROVIDER, load_settings())
