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

from google.adk.models.base_llm import BaseLlm
from google.adk.models.google_llm import Gemini
from google.adk.models.registry import LLMRegistry
from google.genai import types

from cartmate.config import Settings
from cartmate.models.offline.llm import OfflinePlannerLlm

__all__ = ["model_for", "register_models"]

_RETRYABLE_STATUS = [408, 429, 500, 502, 503, 504]


@functools.cache
def register_models() -> None:
    """Make "offline" resolvable by name anywhere ADK resolves models (once per process)."""
    LLMRegistry.register(OfflinePlannerLlm)


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
            retry_options=types.HttpRetryOptions(
                attempts=settings.model_retries + 1,
                initial_delay=1.0,
                max_delay=20.0,
                exp_base=2.0,
                jitter=1.0,
                http_status_codes=_RETRYABLE_STATUS,
            ),
        )
    return LLMRegistry.new_llm(name)
