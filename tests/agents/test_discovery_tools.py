"""Product discovery tools: ranking, price filters after conversion, details, complements."""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.product_discovery.tools import DiscoveryTools
from tests.agents.conftest import tool_context


def _names(result: dict) -> list[str]:
    return [p["name"] for p in result["products"]]


async def test_synonyms_and_categories(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    assert _names(await tools.search_products(ctx, query="shades"))[0] == "Sunglasses"
    kitchen = await tools.search_products(ctx, query="something for the kitchen")
    assert set(_names(kitchen)) == {"Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug"}
    assert ctx.state["recent_products"][0]["name"] in _names(kitchen)


async def test_price_limits_apply_after_conversion(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context(state={"display_currency": "EUR"})
    cheap = await tools.search_products(ctx, query="", max_price="10", price_currency="USD")
    assert set(_names(cheap)) == {"Bamboo Glass Jar", "Mug"}
    assert all(p["price"]["currency_code"] == "EUR" for p in cheap["products"])
    # 17 EUR is about 19.2 USD: the 18.49 and 18.99 products qualify, the 19.99 sunglasses don't.
    euros = await tools.search_products(ctx, query="", max_price="17", price_currency="EUR")
    assert "Sunglasses" not in _names(euros) and "Tank Top" in _names(euros)


async def test_cheapest_first(provider: StaticServices) -> None:
    tools = DiscoveryTools(provider)
    result = await tools.search_products(tool_context(), query="accessories", sort="price_asc")
    assert _names(result) == ["Sunglasses", "Watch"]
    # "the cheapest thing": one product, which becomes "it"
    ctx = tool_context()
    one = await tools.search_products(ctx, sort="price_asc", limit=1)
    assert _names(one) == ["Bamboo Glass Jar"] and one["total_matches"] == 9
    assert ctx.state["focus_product"]["name"] == "Bamboo Glass Jar"


async def test_ranking_only_the_products_being_weighed(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    weighed = ["candle holder", "LS4PSXUNUM"]  # a name and an id
    best = await tools.search_products(ctx, query="housewarming gift", among=weighed, limit=1)
    assert _names(best) == ["Candle Holder"] and best["filters"]["among"] == 2
    # both stay "those" ("I'll get both"), the best fit first and in focus
    assert [p["name"] for p in ctx.state["recent_products"]] == [
        "Candle Holder",
        "Salt & Pepper Shakers",
    ]
    assert ctx.state["focus_product"]["name"] == "Candle Holder"
    neither = await tools.search_products(tool_context(), query="waterproof", among=weighed)
    assert neither["relaxed"] and set(_names(neither)) == {"Candle Holder", "Salt & Pepper Shakers"}
    unknown = await tools.search_products(tool_context(), query="gift", among=["surfboard"])
    assert unknown["status"] == "error" and unknown["code"] == "unknown_product"


async def test_bad_filters_are_clear_errors(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    assert (await tools.search_products(ctx, max_price="cheap"))["code"] == "bad_request"
    assert (await tools.search_products(ctx, max_price="5", price_currency="XYZ"))["code"] == (
        "unknown_currency"
    )
    assert (await tools.search_products(ctx, category="spaceships"))["code"] == "not_found"
    for limit in (0, 21, -1):
        assert (await tools.search_products(ctx, limit=limit))["code"] == "bad_request"


async def test_details_and_availability(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    result = await tools.get_product_details("the watch", ctx)
    assert result["product"]["name"] == "Watch" and result["available"] is True
    assert result["product"]["display_price"] == "$109.99"
    assert ctx.state["focus_product"]["name"] == "Watch"
    assert (await tools.get_product_details("unicorn", ctx))["code"] == "unknown_product"


async def test_products_asked_about_are_kept_in_the_order_first_asked(
    provider: StaticServices,
) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    for product in ("tank top", "loafers", "tank top", "hairdryer"):
        await tools.get_product_details(product, ctx)
    assert [a["name"] for a in ctx.state["asked_about"]] == ["Tank Top", "Loafers", "Hairdryer"]
    # looked at together in one turn: all of them are "those", none alone is "it"
    assert {p["name"] for p in ctx.state["recent_products"]} == {"Tank Top", "Loafers", "Hairdryer"}
    assert ctx.state["focus_product"] is None


async def test_categories_and_complements(provider: StaticServices) -> None:
    tools, ctx = DiscoveryTools(provider), tool_context()
    categories = {c["name"]: c["count"] for c in (await tools.list_categories(ctx))["categories"]}
    assert categories["kitchen"] == 3 and categories["accessories"] == 2
    complements = await tools.suggest_complements(ctx, product="loafers")
    assert complements["for"] == ["Loafers"] and complements["products"]
    assert "Loafers" not in _names(complements)
    empty_cart = await tools.suggest_complements(ctx)
    assert empty_cart["products"] == []


async def test_style_profile_reorders_close_matches_and_says_why(
    provider: StaticServices, services: AgentServices
) -> None:
    from datetime import UTC, datetime

    from cartmate.style.profile import StyleProfile

    def taste(profile: StyleProfile) -> StyleProfile:
        profile.record_statement(likes=["kitchen"], dislikes=["black"])
        profile.learn_from_cart_item(["kitchen"], ["white"], datetime.now(UTC))
        return profile

    await services.profiles.update("styled", taste)
    tools = DiscoveryTools(provider)
    plain = _names(await tools.search_products(tool_context("plain"), query=""))
    styled = await tools.search_products(tool_context("styled"), query="")
    # Liked (white, kitchen) first; the disliked black products sink to the end.
    assert styled["products"][0].get("why")
    assert set(_names(styled)[-3:]) == {"Sunglasses", "Tank Top", "Hairdryer"}
    assert _names(styled) != plain and sorted(_names(styled)) == sorted(plain)
    assert styled["styled"] is True
    assert any("kitchen" in p.get("why", "") for p in styled["products"])
    # Relevance still comes first: a clear query is not overruled by taste.
    assert _names(await tools.search_products(tool_context("styled"), query="watch"))[0] == "Watch"


async def test_a_disliked_category_is_left_out_of_browsing_only(
    provider: StaticServices, services: AgentServices
) -> None:
    from cartmate.style.profile import StyleProfile

    def taste(profile: StyleProfile) -> StyleProfile:
        profile.record_statement(likes=["black"], dislikes=["kitchen"])
        return profile

    await services.profiles.update("no-kitchen", taste)
    tools, ctx = DiscoveryTools(provider), tool_context("no-kitchen")
    kitchen = {"Mug", "Salt & Pepper Shakers", "Bamboo Glass Jar"}
    # "what's nice under $20?": no kitchen things, even the black mug
    browsed = await tools.search_products(ctx, query="", max_price="20", price_currency="USD")
    assert _names(browsed) and not kitchen & set(_names(browsed)), _names(browsed)
    assert browsed["filters"]["not_wanted"] == 3 and browsed["filters"]["excluded"] == 0
    # Asked for by name or by category, they are shown.
    assert _names(await tools.search_products(ctx, query="mug")) == ["Mug"]
    by_category = await tools.search_products(ctx, query="", category="kitchen")
    assert set(_names(by_category)) == kitchen and by_category["filters"]["not_wanted"] == 0


async def test_products_are_left_out_by_id_or_by_name(provider: StaticServices) -> None:
    tools = DiscoveryTools(provider)
    kitchen = await tools.search_products(tool_context(), category="kitchen")
    mug = next(p["id"] for p in kitchen["products"] if p["name"] == "Mug")
    by_id = await tools.search_products(tool_context(), category="kitchen", exclude=[mug])
    by_name = await tools.search_products(tool_context(), category="kitchen", exclude=["the jar"])
    assert "Mug" not in _names(by_id) and len(_names(by_id)) == 2
    assert "Bamboo Glass Jar" not in _names(by_name) and len(_names(by_name)) == 2
    # a name that fits nothing or several products leaves nothing out
    vague = await tools.search_products(
        tool_context(), category="kitchen", exclude=["black", "xyz"]
    )
    assert len(_names(vague)) == 3


async def test_a_bag_is_only_mentioned_by_the_hairdryer(provider: StaticServices) -> None:
    result = await DiscoveryTools(provider).search_products(tool_context(), query="bag")
    assert _names(result) == ["Hairdryer"] and result["mentioned_only"] == ["bag"]
    beach = await DiscoveryTools(provider).search_products(tool_context(), query="sunglasses")
    assert beach["mentioned_only"] == []


async def test_with_a_budget_results_say_what_fits_in_what_the_cart_leaves(
    provider: StaticServices,
) -> None:
    from cartmate.agent_runtime import state as st
    from cartmate.agents.cart_manager.tools import CartTools

    budget = {"currency_code": "EUR", "units": 40, "nanos": 0}
    tools, ctx = DiscoveryTools(provider), tool_context("budget-fits", {st.BUDGET: budget})
    assert "budget" not in await tools.search_products(tool_context("budget-fits"), query="mug")
    await CartTools(provider).add_to_cart("2ZYFJ3GM2N", ctx)  # the hairdryer, $24.99 = €22.11
    kitchen = await tools.search_products(ctx, category="kitchen")
    status = kitchen["budget"]
    assert status["display_cart_total"] == "€22.11" and status["display_left"] == "€17.89"
    # the shakers ($18.49) are €16.36, the jar €4.86, the mug €7.95: all fit in €17.89
    assert set(status["fits"]) == {"LS4PSXUNUM", "9SIQT8TOJO", "6E92ZMYYFZ"}
    watch = await tools.get_product_details("watch", ctx)
    assert watch["budget"]["fits"] == [] and watch["budget"]["display_left"] == "€17.89"
    await CartTools(provider).add_to_cart("1YMWWN1N4O", ctx)  # the watch: over now
    over = await tools.search_products(ctx, query="jar")
    assert over["budget"]["display_over"] and "fits" not in over["budget"]


async def test_a_search_without_a_colour_or_a_category(provider: StaticServices) -> None:
    tools = DiscoveryTools(provider)
    not_black = await tools.search_products(tool_context(), max_price="20", without=["black"])
    assert set(_names(not_black)) == {"Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar"}
    not_kitchen = await tools.search_products(tool_context(), without=["kitchen"])
    assert not {"Mug", "Bamboo Glass Jar", "Salt & Pepper Shakers"} & set(_names(not_kitchen))
    assert len(_names(not_kitchen)) == 6


async def test_what_the_shopper_never_wants_is_kept_out_of_lists(
    provider: StaticServices, services: AgentServices
) -> None:
    from cartmate.style.profile import StyleProfile

    def never_gold(profile: StyleProfile) -> StyleProfile:
        profile.never_show(["gold"])
        return profile

    await services.profiles.update("gold-free", never_gold)
    tools = DiscoveryTools(provider)
    accessories = await tools.search_products(tool_context("gold-free"), category="accessories")
    assert _names(accessories) == ["Sunglasses"]  # the gold-tone watch is kept out
    asked = await tools.search_products(tool_context("gold-free"), query="gold watch")
    assert "Watch" in _names(asked)  # asked for by that very word
