"""Model selection: offline without credentials, Gemini with them, per-agent overrides."""

from __future__ import annotations

from google.adk.models.google_llm import Gemini
from google.adk.models.registry import LLMRegistry

from cartmate.config import Settings
from cartmate.models.offline.llm import OfflinePlannerLlm
from cartmate.models.selection import model_for


def test_offline_without_credentials() -> None:
    assert isinstance(model_for("orchestrator", Settings()), OfflinePlannerLlm)


def test_gemini_with_an_api_key_or_vertex() -> None:
    model = model_for("orchestrator", Settings(google_api_key="key"))
    assert isinstance(model, Gemini) and model.model == "gemini-2.5-flash"
    assert model.retry_options is not None and 429 in (model.retry_options.http_status_codes or [])
    vertex = Settings(google_genai_use_vertexai=True, google_cloud_project="p")
    assert isinstance(model_for("cart_manager", vertex), Gemini)


def test_per_agent_override() -> None:
    settings = Settings(google_api_key="key", model_cart_manager="offline")
    assert isinstance(model_for("cart_manager", settings), OfflinePlannerLlm)
    assert isinstance(model_for("orchestrator", settings), Gemini)


def test_offline_is_in_adks_registry() -> None:
    model_for("orchestrator", Settings())
    assert LLMRegistry.resolve("offline") is OfflinePlannerLlm
    assert isinstance(LLMRegistry.new_llm("offline"), OfflinePlannerLlm)
