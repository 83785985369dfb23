"""Searches relative to a price worked out from the state, and figures checked against what
the tools returned."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.claims_checked import claim_sentence
from cartmate.models.offline.decisions import CallTools, ToolCall
from cartmate.models.offline.price_searches import price_search, single_pick
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.planner import understand

MUG = {"id": "M", "name": "Mug", "price_usd_nanos": 8_990_000_000}
SUNGLASSES = {"id": "S", "name": "Sunglasses", "price_usd_nanos": 19_990_000_000}
WATCH = {"id": "W", "name": "Watch", "price_usd_nanos": 109_990_000_000}


def view(text: str, outcomes: list[ToolOutcome] | None = None, **state: Any) -> RequestView:
    return RequestView(
        agent_name="product_discovery", user_text=text, images=[], outcomes=outcomes or [],
        tools=frozenset({"search_products", "get_product_details"}),
        transfer_targets=frozenset(), state=state,
    )  # fmt: skip


def usd(units: int, nanos: int = 0) -> dict[str, Any]:
    return {"currency_code": "USD", "units": units, "nanos": nanos}


def search_args(text: str, **state: Any) -> dict[str, Any]:
    decision = price_search(view(text, **state), understand(text))
    assert isinstance(decision, CallTools) and decision.calls[0].name == "search_products"
    return decision.calls[0].args


def test_bounds_from_the_prices_shown() -> None:
    shown = {"recent_products": [MUG, SUNGLASSES, WATCH]}
    assert search_args("anything in the same price range as the sunglasses?", **shown) == {
        "sort": "price_asc", "exclude": ["S"], "min_price": "17.99", "max_price": "21.99",
        "price_currency": "USD",
    }  # fmt: skip
    between = search_args("anything between the mug and the sunglasses in price?", **shown)
    assert (between["min_price"], between["max_price"]) == ("9.00", "19.98")
    half = search_args("anything under half the watch's price?", **shown)
    assert half["max_price"] == "54.98"
    above = search_args("and the one just above it in price?", focus_product=MUG)
    assert (above["min_price"], above["limit"], above["sort"]) == ("9.00", 2, "price_asc")


def test_a_price_not_seen_yet_is_looked_up_first() -> None:
    text = "anything between the mug and the sunglasses in price?"
    decision = price_search(view(text, recent_products=[SUNGLASSES]), understand(text))
    assert decision == CallTools((ToolCall("get_product_details", {"product": "mug"}),))


def test_the_one_picked_and_a_tie() -> None:
    found = [
        {"id": "T", "name": "Tank Top", "price": usd(18, 990_000_000)},
        {"id": "C", "name": "Candle Holder", "price": usd(18, 990_000_000)},
    ]
    text = "add the one just above the shakers in price"
    pick, tied = single_pick(view(text), understand(text), found)
    assert pick is None and [p["id"] for p in tied] == ["T", "C"]
    closest = "what's closest in price to 20 dollars?"
    near = [{"id": "S", "name": "Sunglasses", "price": usd(19, 990_000_000)},
            {"id": "H", "name": "Hairdryer", "price": usd(24, 990_000_000)}]  # fmt: skip
    assert single_pick(view(closest), understand(closest), near)[0] == near[0]


def test_a_figure_confirmed_or_corrected() -> None:
    added = ToolOutcome("add_to_cart", {}, {
        "status": "ok", "product": {"id": "M", "name": "Mug"}, "quantity": 3,
        "cart": {"total": usd(35, 960_000_000), "items": [
            {"product_id": "M", "unit_price": usd(8, 990_000_000),
             "line_total": usd(35, 960_000_000)}]},
    })  # fmt: skip
    wrong = "Add 3 more mugs, that's another 24.97."
    assert claim_sentence(view(wrong, [added]), understand(wrong)) == (
        "Not quite: it's $26.97, not 24.97."
    )
    right = "Add 3 more mugs, that's another 26.97."
    assert claim_sentence(view(right, [added]), understand(right)) == ("Yes, that's right: $26.97.")
