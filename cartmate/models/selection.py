"""Which model each agent runs on.

`CARTMATE_MODEL` (default "auto") or a per-agent `CARTMATE_MODEL_<AGENT>` names it:
- "auto": Gemini (`CARTMATE_GEMINI_MODEL`, default gemini-2.5-flash) when Google credentials
  exist (a GOOGLE_API_KEY, or Vertex AI with GOOGLE_GENAI_USE_VERTEXAI and
  GOOGLE_CLOUD_PROJECT using Application Default Credentials), otherwise "offline";
- "offline": the deterministic planner (`OfflinePlannerLlm`), registered in ADK's LLMRegistry;
- "gemini-...": ADK's Gemini with retries and exponential backoff on 429 and 5xx;
- anything else is handed to ADK's LLMRegistry (LiteLLM strings such as "openai/gpt-4o" work
  when the litellm extra is installed).
"""

from __future__ import annotations

import functools
from typing import Any

from google.adk.agents.base_agent import BaseAgent
from google.adk.models.base_llm import BaseLlm
from google.adk.models.google_llm import Gemini
from google.adk.models.registry import LLMRegistry
from google.genai import types

from cartmate.config import Settings
from cartmate.models.offline.llm import OfflinePlannerLlm

__all__ = ["client_kwargs_for", "close_models", "model_for", "register_models"]

_RETRYABLE_STATUS = [408, 429, 500, 502, 503, 504]


@functools.cache
def register_models() -> None:
    """Make "offline" resolvable by name anywhere ADK resolves models (once per process)."""
    LLMRegistry.register(OfflinePlannerLlm)


def client_kwargs_for(settings: Settings) -> dict[str, Any]:
    """Credentials from our settings, not whatever the process environment happens to hold."""
    if settings.google_genai_use_vertexai and settings.google_cloud_project:
        # Vertex AI with Application Default Credentials.
        return {
            "vertexai": True,
            "project": settings.google_cloud_project,
            "location": settings.google_cloud_location,
        }
    if settings.google_api_key is not None:
        return {"api_key": settings.google_api_key.get_secret_value()}
    return {}


def model_for(agent: str, settings: Settings) -> BaseLlm:
    """The model instance `agent` should use under `settings`."""
    register_models()
    name = settings.model_name_for(agent)
    if name in ("offline", "offline-planner"):
        return OfflinePlannerLlm(model=name)
    if name.startswith("gemini"):
        return Gemini(
            model=name,
            base_url=settings.gemini_base_url,
            client_kwargs=client_kwargs_for(settings),
            retry_options=types.HttpRetryOptions(
                attempts=settings.model_retries + 1,
                initial_delay=settings.model_retry_initial_delay_s,
                max_delay=20.0,
                exp_base=2.0,
                jitter=1.0,
                http_status_codes=_RETRYABLE_STATUS,
            ),
        )
    return LLMRegistry.new_llm(name)


async def close_models(root: BaseAgent) -> None:
    """Close the HTTP clients of every Gemini model under `root`, in the running loop.

    google-genai clients otherwise close themselves when collected, possibly after their event
    loop has ended. Call this where the agents' owner shuts down (a lifespan, a test).
    """
    pending = [root]
    while pending:
        agent = pending.pop()
        pending.extend(agent.sub_agents)
        model = getattr(agent, "model", None)
        if isinstance(model, Gemini):
            await model.api_client.aio.aclose()
