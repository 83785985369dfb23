"""Style profiler tools: photos from the shopper's message, the profile in real Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.style_profiler.tools import StyleTools
from tests.agents.conftest import png_bytes, tool_context

PHOTOS = Path(__file__).resolve().parents[3] / "shared/reference/online-boutique/img"


async def test_a_photo_is_analysed_and_learned(provider: StaticServices) -> None:
    tools = StyleTools(provider)
    ctx = tool_context(images=[(png_bytes((200, 30, 30)), "image/png")])
    result = await tools.analyse_style_photo(ctx)
    assert result["status"] == "ok"
    assert "red" in result["summary"].lower()
    assert result["profile"]["images_analysed"] == 1
    shown = await tools.show_style_profile(tool_context())
    assert shown["profile"]["images_analysed"] == 1 and shown["explanation"]


@pytest.mark.skipif(not PHOTOS.exists(), reason="reference photos not present")
async def test_real_product_photos_differ(provider: StaticServices) -> None:
    tools = StyleTools(provider)
    loafers = await tools.analyse_style_photo(
        tool_context("a", images=[((PHOTOS / "loafers.jpg").read_bytes(), "image/jpeg")])
    )
    tank = await tools.analyse_style_photo(
        tool_context("b", images=[((PHOTOS / "tank-top.jpg").read_bytes(), "image/jpeg")])
    )
    assert loafers["summary"] != tank["summary"]
    assert "black" in tank["summary"].lower()


async def test_without_a_photo_or_with_a_bad_one(provider: StaticServices) -> None:
    tools = StyleTools(provider)
    assert (await tools.analyse_style_photo(tool_context()))["code"] == "bad_request"
    broken = tool_context(images=[(b"not an image at all", "image/png")])
    assert (await tools.analyse_style_photo(broken))["code"] == "bad_image"


async def test_one_taste_taken_back_leaves_the_rest(provider: StaticServices) -> None:
    tools = StyleTools(provider)
    await tools.record_style_preferences(tool_context(), likes=["silver"], dislikes=["gold"])
    taken = await tools.record_style_preferences(tool_context(), forget=["Gold"])
    assert (
        taken["forgotten"] == ["gold"] and "forgotten what you said about gold" in taken["summary"]
    )
    profile = (await tools.show_style_profile(tool_context()))["profile"]
    assert profile["dislikes"] == [] and profile["likes"] == ["silver"]


async def test_statements_and_reset(provider: StaticServices) -> None:
    tools = StyleTools(provider)
    said = await tools.record_style_preferences(tool_context(), dislikes=["Yellow"])
    # Nothing else is known yet, so the reply does not echo the profile back.
    assert said["dislikes"] == ["yellow"] and said["explanation"] == ""
    more = await tools.record_style_preferences(tool_context(), likes=["linen"])
    assert more["summary"] == "Noted: you like linen." and "avoid yellow" in more["explanation"]
    assert (await tools.record_style_preferences(tool_context()))["code"] == "bad_request"
    await tools.reset_style_profile(tool_context())
    after = await tools.show_style_profile(tool_context())
    assert after["profile"]["dislikes"] == [] and after["profile"]["images_analysed"] == 0
    other = await tools.show_style_profile(tool_context("someone-else"))
    assert other["profile"]["images_analysed"] == 0
