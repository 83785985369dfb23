"""The style profiler agent (`root_agent` for `adk web` / `adk run`)."""

from __future__ import annotations

from google.adk.agents.llm_agent import LlmAgent

from cartmate.agent_runtime.building import build_agent
from cartmate.agent_runtime.services import DEFAULT_PROVIDER, ServiceProvider
from cartmate.agents.style_profiler.prompt import DESCRIPTION, INSTRUCTION
from cartmate.agents.style_profiler.tools import StyleTools
from cartmate.config import Settings, load_settings

NAME = "style_profiler"


def build_style_profiler_agent(provider: ServiceProvider, settings: Settings) -> LlmAgent:
    tools = StyleTools(provider)
    return build_agent(
        name=NAME,
        description=DESCRIPTION,
        instruction=INSTRUCTION,
        tools=[
            tools.analyse_style_photo,
            tools.show_style_profile,
            tools.reset_style_profile,
            tools.record_style_preferences,
        ],
        provider=provider,
        settings=settings,
    )


root_agent = build_style_profiler_agent(DEFAULT_PROVIDER, load_settings())
