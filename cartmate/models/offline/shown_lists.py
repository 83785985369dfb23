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

__all__ = ["describes_list", "removed_line", "shown_earlier"]


def shown_earlier(
    state: Mapping[str, Any], shown: ShownEarlier, focus: str | None, sort: str | None = None
) -> str | None:
    """The id of the product meant, or None when the lists kept do not single one out;
    with `sort` ("the cheapest of the kitchen stuff from earlier"), the cheapest (or dearest)
    of those the words describe."""
    entries = [e for e in state.get("shown_lists") or [] if isinstance(e, dict) and e.get("items")]
    lists = [list(e["items"]) for e in entries]
    if shown.which == "earlier":
        return _described_earlier(state, lists, shown, focus, sort)
    if shown.which == "removed":  # the last line taken out that is not back in the cart
        line = removed_line(state)
        return str(line["id"]) if line else None
    if shown.which == "weighed":  # "the second of the two you compared (at the start)"
        weighed = [w for w in state.get("weighed") or [] if w]
        if not weighed or shown.ordinal is None:
            return None
        chosen = weighed[0] if shown.text == "start" else weighed[-1]
        position = shown.ordinal - 1 if shown.ordinal > 0 else len(chosen) + shown.ordinal
        return str(chosen[position]) if 0 <= position < len(chosen) else None
    if shown.which == "cart":  # "the second thing in my cart": as the cart is listed
        lines = [line for line in state.get("cart") or [] if isinstance(line, dict)]
        if not lines or shown.ordinal is None:
            return None
        if shown.ordinal == 0:  # the middle one: one only when the count is odd
            return str(lines[len(lines) // 2]["id"]) if len(lines) % 2 else None
        at = shown.ordinal - 1 if shown.ordinal > 0 else len(lines) + shown.ordinal
        return str(lines[at]["id"]) if 0 <= at < len(lines) else None
    if shown.which == "anchor":  # the one product the latest search was measured from
        measured_from = (state.get("last_search") or {}).get("excluded") or []
        return str(measured_from[0]) if len(measured_from) == 1 else None
    if shown.which == "alerted":  # the product of the alert, when the alerts name one
        alerted = {a.get("product_id") for a in state.get("alerts") or []} - {None}
        return str(alerted.pop()) if len(alerted) == 1 else None
    if shown.which == "first":
        chosen = lists[:1]
    elif shown.which == "before":  # the latest list is what "that" was
        chosen = lists[-2:-1]
    elif shown.which == "added":  # the cart's lines in the order first added
        lines = {line["id"]: line for line in state.get("cart") or []}
        order = [i for i in state.get("added_order") or [] if i in lines]
        if shown.text:  # "the thing I added before the mugs": next to the line named
            at = next((n for n, i in enumerate(order)
                       if name_matches(shown.text, lines[i].get("name", ""))), None)  # fmt: skip
            step = shown.ordinal or -1
            if at is None or not 0 <= at + step < len(order):
                return None
            return str(order[at + step])
        chosen = [[{"id": i} for i in order]]
    else:  # "list": the latest list the words describe
        said = shown.text or ""
        chosen = [items for entry, items in zip(entries, lists, strict=True)
                  if describes_list(said, entry.get("about") or "", items)][-1:]  # fmt: skip
    if not chosen or not chosen[0]:
        return None
    items = chosen[0]
    if shown.ordinal is None:
        return str(items[0]["id"]) if len(items) == 1 else None
    position = shown.ordinal - 1 if shown.ordinal > 0 else len(items) + shown.ordinal
    return str(items[position]["id"]) if 0 <= position < len(items) else None


def removed_line(state: Mapping[str, Any]) -> dict[str, Any] | None:
    """The last line taken out of the cart that is not back in it ("what I took out")."""
    held = {line.get("id") for line in state.get("cart") or []}
    out = [line for line in state.get("removed_lines") or [] if line.get("id") not in held]
    return out[-1] if out else None


def _described_earlier(
    state: Mapping[str, Any], lists: list[list[dict[str, Any]]], shown: ShownEarlier,
    focus: str | None, sort: str | None,
) -> str | None:  # fmt: skip
    """ "that watch from earlier", "the kitchen one from before": the one product of the
    lists kept the words describe; "the other accessory you showed me": not the one in focus,
    nor one in the cart."""
    if not shown.text and not shown.other:
        return None  # "the one from earlier": of every list kept, nothing says which
    seen: dict[str, dict[str, Any]] = {}
    for items in reversed(lists):
        for item in items:
            if _describes_item(shown.text or "", item):
                seen.setdefault(item["id"], item)
    if shown.other:
        in_cart = {line["id"] for line in state.get("cart") or []}
        seen = {k: v for k, v in seen.items() if k != focus and k not in in_cart}
    priced = [item for item in seen.values() if "price_usd_nanos" in item]
    if sort in ("price_asc", "price_desc") and priced and len(priced) == len(seen):
        pick = min if sort == "price_asc" else max
        return str(pick(priced, key=lambda item: item["price_usd_nanos"])["id"])
    return next(iter(seen)) if len(seen) == 1 else None


#: Words that name no product in "the kitchen stuff", "those accessory things".
_GENERIC = frozenset({"stuff", "things", "thing", "items", "item", "ones", "bits", "products"})


def _describes_item(text: str, item: dict[str, Any]) -> bool:
    """ "watch" names the Watch; "kitchen" / "accessory" is its category."""
    text = " ".join(w for w in text.split() if w not in _GENERIC) or text
    category = CATEGORY_WORDS.get(text) or CATEGORY_WORDS.get(text.rstrip("s"))
    return name_matches(text, item.get("name") or "") or category in (item.get("categories") or [])


def describes_list(text: str, about: str, items: list[dict[str, Any]]) -> bool:
    """ "that kitchen list": searched for as "kitchen", or all of a kind; "that list": one
    of several products."""
    if not text:
        return len(items) > 1
    return text in about.split() or all(_describes_item(text, item) for item in items)
