"""Which product a reference to an earlier list means, from the lists the state keeps.

`ShownEarlier` says how the shopper pointed ("the first thing you showed me", "the one you
showed before that", "that watch from earlier", "the last one from that kitchen list", "the
first thing I added"); the state keeps the lists shown lately (`shown_lists`, oldest first)
and the order products were first added (`added_order`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cartmate.planner import ShownEarlier
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.lexicon import CATEGORY_WORDS

__all__ = ["shown_earlier"]


def shown_earlier(state: Mapping[str, Any], shown: ShownEarlier, focus: str | None) -> str | None:
    """The id of the product meant, or None when the lists kept do not single one out."""
    entries = [e for e in state.get("shown_lists") or [] if isinstance(e, dict) and e.get("items")]
    lists = [list(e["items"]) for e in entries]
    if shown.which == "earlier":
        return _described_earlier(state, lists, shown, focus)
    if shown.which == "first":
        chosen = lists[:1]
    elif shown.which == "before":  # the latest list is what "that" was
        chosen = lists[-2:-1]
    elif shown.which == "added":  # the cart's lines in the order first added
        held = {line["id"] for line in state.get("cart") or []}
        chosen = [[{"id": i} for i in state.get("added_order") or [] if i in held]]
    else:  # "list": the latest list the words describe
        said = shown.text or ""
        chosen = [items for entry, items in zip(entries, lists, strict=True)
                  if _describes_list(said, entry.get("about") or "", items)][-1:]  # fmt: skip
    if not chosen or not chosen[0]:
        return None
    items = chosen[0]
    if shown.ordinal is None:
        return str(items[0]["id"]) if len(items) == 1 else None
    position = shown.ordinal - 1 if shown.ordinal > 0 else len(items) + shown.ordinal
    return str(items[position]["id"]) if 0 <= position < len(items) else None


def _described_earlier(
    state: Mapping[str, Any], lists: list[list[dict[str, Any]]], shown: ShownEarlier,
    focus: str | None,
) -> str | None:  # fmt: skip
    """ "that watch from earlier", "the kitchen one from before": the one product of the
    lists kept the words describe; "the other accessory you showed me": not the one in focus,
    nor one in the cart."""
    seen: dict[str, dict[str, Any]] = {}
    for items in reversed(lists):
        for item in items:
            if _describes_item(shown.text or "", item):
                seen.setdefault(item["id"], item)
    if shown.other:
        in_cart = {line["id"] for line in state.get("cart") or []}
        seen = {k: v for k, v in seen.items() if k != focus and k not in in_cart}
    return next(iter(seen)) if len(seen) == 1 else None


def _describes_item(text: str, item: dict[str, Any]) -> bool:
    """ "watch" names the Watch; "kitchen" / "accessory" is its category."""
    category = CATEGORY_WORDS.get(text) or CATEGORY_WORDS.get(text.rstrip("s"))
    return name_matches(text, item.get("name") or "") or category in (item.get("categories") or [])


def _describes_list(text: str, about: str, items: list[dict[str, Any]]) -> bool:
    """ "that kitchen list": searched for as "kitchen", or all of a kind; "that list": one
    of several products."""
    if not text:
        return len(items) > 1
    return text in about.split() or all(_describes_item(text, item) for item in items)
