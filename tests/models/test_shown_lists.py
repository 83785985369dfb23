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
