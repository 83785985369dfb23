"""Gemini photo analysis against a local fake Gemini API: the schema, 429 retries, fallbacks."""

from __future__ import annotations

import logging

import pytest
from PIL import Image
from pydantic import SecretStr

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.style_profiler.tools import StyleTools
from cartmate.config import Settings
from cartmate.style.gemini_analysis import analyse_photo, gemini_style_model
from tests.agents.conftest import png_bytes, tool_context
from tests.fake_gemini import gemini_services
from tests.servers import serve
from tests.style.fake_gemini import FakeGeminiJson


def gemini_settings(url: str, retries: int = 2, **extra: object) -> Settings:
    return Settings(
        model="auto",
        google_api_key=SecretStr("test-key"),
        gemini_base_url=url,
        model_retries=retries,
        model_retry_initial_delay_s=0.05,
        **extra,
    )


def red_square() -> Image.Image:
    return Image.new("RGB", (64, 64), (200, 30, 30))


def test_gemini_is_used_only_when_configured() -> None:
    assert gemini_style_model(Settings(model="offline")) is None
    assert gemini_style_model(Settings(model="offline", model_style_profiler="gemini-x")) == (
        "gemini-x"
    )
    assert gemini_style_model(gemini_settings("http://x")) == "gemini-2.5-flash"
    forced = Settings(model="offline", style_gemini_model="gemini-2.5-pro")
    assert gemini_style_model(forced) == "gemini-2.5-pro"


async def test_a_429_is_retried_and_the_answer_becomes_a_style_analysis() -> None:
    fake = FakeGeminiJson(statuses=[429])
    async with serve(fake.app) as url:
        analysis = await analyse_photo(red_square(), gemini_settings(url))
    assert len(fake.requests) == 2
    first = fake.requests[0]
    assert first["path"] == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert first["key"] == "test-key"
    parts = first["body"]["contents"][0]["parts"]
    inline = parts[0]["inlineData"]
    assert inline.get("mimeType", inline.get("mime_type")) == "image/jpeg" and inline["data"]
    config = first["body"]["generationConfig"]
    assert config["responseMimeType"] == "application/json" and "responseSchema" in config
    assert analysis.source == "gemini"
    assert analysis.items == ["blazer", "trousers", "loafers"]
    # "cream" is our "ivory"; an invalid hex takes the named colour's.
    assert [(c.name, c.hex, c.share) for c in analysis.colours] == [
        ("navy", "#1f2a44", 0.6),
        ("ivory", "#f6f1e0", 0.3),
        ("tan", "#c8a27a", 0.1),
    ]
    # "boho" is bohemian; an aesthetic we do not know is dropped.
    assert [(a.name, a.confidence) for a in analysis.aesthetics] == [
        ("classic", 0.9),
        ("bohemian", 0.2),
    ]
    assert analysis.materials == ["wool", "leather"] and analysis.formality == "smart-casual"
    assert analysis.occasions == ["work", "dinner"]


@pytest.mark.parametrize(
    "answer",
    ["this is not JSON", {"colours": "red"}, {"items": [], "colours": []}],
    ids=["not-json", "wrong-shape", "empty"],
)
async def test_a_malformed_answer_falls_back_to_offline(
    answer: object, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeGeminiJson(answer=answer)
    with caplog.at_level(logging.WARNING, logger="cartmate.style.gemini_analysis"):
        async with serve(fake.app) as url:
            analysis = await analyse_photo(red_square(), gemini_settings(url))
    assert len(fake.requests) == 1
    assert analysis.source == "offline" and analysis.colour_names()[0] == "red"
    assert "offline" in caplog.text


async def test_quota_exhausted_after_retries_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeGeminiJson(statuses=[429, 429, 429])
    with caplog.at_level(logging.WARNING, logger="cartmate.style.gemini_analysis"):
        async with serve(fake.app) as url:
            analysis = await analyse_photo(red_square(), gemini_settings(url, retries=1))
    assert len(fake.requests) == 2  # the first try and one retry
    assert analysis.source == "offline"
    assert "429" in caplog.text


async def test_the_style_tool_learns_from_gemini(services: AgentServices) -> None:
    fake = FakeGeminiJson()
    async with gemini_services(fake, services, retries=0) as gemini:
        tools = StyleTools(StaticServices(gemini))
        result = await tools.analyse_style_photo(
            tool_context(images=[(png_bytes((30, 40, 70)), "image/png")])
        )
    assert result["status"] == "ok"
    assert result["analyses"][0]["source"] == "gemini"
    assert result["summary"] == "A tailored navy and cream work look."
    assert result["profile"]["leading_aesthetics"][0]["name"] == "classic"
