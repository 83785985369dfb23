"""The outfit tools (suggest_bundle, check_cart_coherence) and style-aware conversations."""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.cart_manager.tools import CartTools
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.agents.product_discovery.tools import DiscoveryTools
from cartmate.config import Settings
from tests.agents.conftest import ConversationFactory, png_bytes, tool_context

TANK, LOAFERS, SUNGLASSES = "66VCHSJNUP", "L9ECAV7KIM", "OLJCESPC7Z"


def _names(result: dict) -> set[str]:
    return {p["name"] for p in result["products"]}


async def test_suggest_bundle_within_budget(provider: StaticServices) -> None:
    tools = DiscoveryTools(provider)
    ctx = tool_context()
    result = await tools.suggest_bundle(ctx, budget="130", price_currency="USD")
    assert result["status"] == "ok" and result["method"] == "exact"
    assert _names(result) == {"Tank Top", "Loafers", "Sunglasses"}
    assert result["total"]["display"] == "$128.97" and result["coherence"]["completeness"] == 1.0
    assert [p["id"] for p in ctx.state["recent_products"]] == [TANK, LOAFERS, SUNGLASSES]
    euros = await tools.suggest_bundle(tool_context(state={"display_currency": "EUR"}), "50")
    assert euros["budget"]["currency_code"] == "EUR"
    assert all(p["price"]["currency_code"] == "EUR" for p in euros["products"])
    broke = await tools.suggest_bundle(ctx, budget="1")
    assert broke["products"] == [] and broke["message"]
    assert (await tools.suggest_bundle(ctx, budget="lots"))["status"] == "error"


async def test_suggest_bundle_follows_the_style_profile(
    provider: StaticServices, services: AgentServices
) -> None:
    from cartmate.style.profile import StyleProfile

    def likes_gold(profile: StyleProfile) -> None:
        profile.record_statement(likes=["gold", "steel"])

    await services.profiles.update("styled", likes_gold)
    result = await DiscoveryTools(provider).suggest_bundle(tool_context("styled"), budget="300")
    watch = next(p for p in result["products"] if p["name"] == "Watch")
    assert "gold" in watch["why"] and result["styled"] is True


async def test_check_cart_coherence(provider: StaticServices, services: AgentServices) -> None:
    tools = CartTools(provider)
    empty = await tools.check_cart_coherence(tool_context("c"))
    assert empty["status"] == "ok" and empty["items"] == []
    await services.boutique.cart.add_item("c", TANK, 1)
    ctx = tool_context("c")
    verdict = await tools.check_cart_coherence(ctx)
    assert verdict["items"] == ["Tank Top"] and verdict["missing"] == ["footwear", "accessories"]
    assert 0 < verdict["score"] < 1 and verdict["reasons"]
    assert "add footwear to complete the outfit" in verdict["advice"]
    suggested = [p["name"] for p in verdict["suggestions"]]
    assert suggested and suggested[0] in {"Loafers", "Sunglasses", "Watch"}
    assert ctx.state["recent_products"]


async def test_a_photo_then_style_aware_suggestions(
    converse: ConversationFactory, provider: StaticServices, settings: Settings
) -> None:
    shopper = await converse(build_orchestrator_agent(provider, settings), user_id="photo")
    photo = await shopper.say(
        "this is my style", images=[(png_bytes((15, 15, 15), size=96), "image/png")]
    )
    assert [name for _, name, _ in photo.tool_calls] == ["analyse_style_photo"]
    # "suggest something for me" goes to suggest_complements (the cart's), which the offline
    # planner routes; these two search, ranked by the photo's style.
    for ask in ("show me something I'd like", "show me accessories"):
        turn = await shopper.say(ask)
        assert turn.transfers == ["product_discovery"], ask
        result = turn.result("search_products")
        assert result["styled"] is True, ask
        assert result["products"][0]["why"] == "matches your black palette", ask
        assert "matches your black palette" in turn.text, ask
