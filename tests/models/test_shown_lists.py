"""Resolving references to earlier lists against the state the tools keep."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.shown_lists import shown_earlier
from cartmate.planner import ShownEarlier


def item(pid: str, name: str, *categories: str) -> dict[str, Any]:
    return {"id": pid, "name": name, "categories": list(categories)}


STATE = {
    "shown_lists": [
        {"about": "kitchen", "items": [item("J", "Bamboo Glass Jar", "kitchen"),
                                       item("M", "Mug", "kitchen")]},
        {"about": "accessories", "items": [item("S", "Sunglasses", "accessories"),
                                           item("W", "Watch", "accessories")]},
        {"about": "", "items": [item("L", "Loafers", "footwear")]},
    ],
    "cart": [{"id": "W"}, {"id": "M"}],
    "added_order": ["M", "J", "W"],
}  # fmt: skip


def test_each_way_of_pointing_back() -> None:
    assert shown_earlier(STATE, ShownEarlier("first", ordinal=1), None) == "J"
    assert shown_earlier(STATE, ShownEarlier("before", ordinal=2), None) == "W"
    assert shown_earlier(STATE, ShownEarlier("list", "kitchen", -1), None) == "M"
    assert shown_earlier(STATE, ShownEarlier("list", None, 1), None) == "S"  # latest of several
    assert shown_earlier(STATE, ShownEarlier("earlier", "watch"), None) == "W"
    # "the other accessory you showed me": not the watch in the cart
    assert shown_earlier(STATE, ShownEarlier("earlier", "accessory", other=True), "W") == "S"
    assert shown_earlier(STATE, ShownEarlier("added", ordinal=1), None) == "M"  # J is gone


def test_what_does_not_single_one_out() -> None:
    assert shown_earlier(STATE, ShownEarlier("earlier", "kitchen"), None) is None  # jar or mug
    assert shown_earlier(STATE, ShownEarlier("before"), None) is None  # two in that list
    assert shown_earlier(STATE, ShownEarlier("list", "kitchen", 5), None) is None
    assert shown_earlier({}, ShownEarlier("first", ordinal=1), None) is None


def test_what_the_conversation_did_earlier() -> None:
    priced = {
        "shown_lists": [
            {"about": "kitchen", "items": [
                {**item("J", "Bamboo Glass Jar", "kitchen"), "price_usd_nanos": 5_490_000_000},
                {**item("M", "Mug", "kitchen"), "price_usd_nanos": 8_990_000_000},
            ]},
        ],
        "cart": [{"id": "M"}],
        "removed_lines": [{"id": "C", "name": "Candle Holder", "quantity": 2},
                          {"id": "M", "name": "Mug", "quantity": 1}],
        "alerts": [{"id": "a1", "product_id": "W", "product_name": "Watch"}],
        "weighed": [["S", "H"], ["S", "T"]],
    }  # fmt: skip
    # "the cheapest of the kitchen stuff from earlier"
    cheapest = ShownEarlier("earlier", "kitchen stuff")
    assert shown_earlier(priced, cheapest, None, "price_asc") == "J"
    assert shown_earlier(priced, cheapest, None, "price_desc") == "M"
    # "what I took out earlier": the mug is back in the cart, so the candle holder
    assert shown_earlier(priced, ShownEarlier("removed"), None) == "C"
    assert shown_earlier(priced, ShownEarlier("alerted"), None) == "W"
    # "the second of the two you compared (at the start)"
    assert shown_earlier(priced, ShownEarlier("weighed", ordinal=2), None) == "T"
    assert shown_earlier(priced, ShownEarlier("weighed", "start", 2), None) == "H"
    # "the one from earlier": nothing says which
    assert shown_earlier(priced, ShownEarlier("earlier"), None) is None
    two_alerts = {"alerts": [{"product_id": "W"}, {"product_id": "L"}]}
    assert shown_earlier(two_alerts, ShownEarlier("alerted"), None) is None
