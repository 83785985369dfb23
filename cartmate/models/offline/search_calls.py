"""Product searches as the discovery tools take them: price bounds, what to leave out, searches
relative to something shown, and alternatives after a narrow result."""

from __future__ import annotations

import re
from typing import Any

from cartmate.models.offline.decisions import CallTools, Decision, ToolCall
from cartmate.models.offline.reading import understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.retailer_offers import CENT
from cartmate.models.offline.targets import excluded_ids, narrow_to
from cartmate.money import Money
from cartmate.planner import ConversationContext, Intent, ProductRef
from cartmate.planner.lexicon import CATEGORY_WORDS, STYLE_WORDS

__all__ = [
    "alternatives_in_category",
    "left_out_of_search",
    "other_search",
    "price_args",
    "relative_search",
    "settled_by_focus",
    "traits_left_out",
    "weighed_products",
]

_TRAITS = STYLE_WORDS | CATEGORY_WORDS.keys()


_TRAIT_FILLER = frozenset({"stuff", "things", "ones", "products", "items", "colour", "color"})


def _trait(ref: ProductRef) -> str | None:
    """ "black", "kitchen stuff", "accessories": what a product is, not which one."""
    words = (ref.text or "").split()
    kept = [w for w in words if w not in _TRAIT_FILLER]
    return " ".join(kept) if kept and all(w in _TRAITS for w in kept) else None


def traits_left_out(intent: Intent) -> list[str]:
    """ "something under 20 that isn't black", "anything but kitchen stuff": the colours,
    materials and categories a search leaves out (`search_products(without=...)`)."""
    return [t for r in intent.excluded if (t := _trait(r)) is not None]


def left_out_of_search(view: RequestView, intent: Intent) -> list[str]:
    known = list(view.state.get("recent_products") or []) + list(view.state.get("cart") or [])
    named = [r.text for r in intent.excluded
             if r.text and not narrow_to(known, r.text) and _trait(r) is None]  # fmt: skip
    seen: set[str] = set()
    if intent.query and re.search(r"\bother\b", view.user_text.lower()):
        # "what other black things are there?": not the ones already shown or talked about
        focus = (view.state.get("focus_product") or {}).get("id")
        seen = {p["id"] for p in view.state.get("recent_products") or [] if "id" in p}
        seen |= {focus} if focus else set()
    return sorted(excluded_ids(view, intent) | seen) + named


def price_args(intent: Intent) -> dict[str, Any]:
    args: dict[str, Any] = {}
    currency = None
    if intent.max_price is not None:
        args["max_price"] = str(intent.max_price.amount)
        currency = intent.max_price.currency
    if intent.min_price is not None:
        args["min_price"] = str(intent.min_price.amount)
        currency = currency or intent.min_price.currency
    if currency:
        args["price_currency"] = currency
    return args


def other_search(view: RequestView, intent: Intent) -> Decision:
    """ "show me something else": the last search again, without the products it showed."""
    last = view.state.get("last_search") or {}
    shown = [p["id"] for p in view.state.get("recent_products") or [] if "id" in p]
    args: dict[str, Any] = {
        "query": last.get("query") or None,
        "category": intent.category or last.get("category"),
        "exclude": shown or None,
    }
    if price_args(intent):  # "what else do you have under 20?": anything not in the cart
        held = [line["id"] for line in view.state.get("cart") or []]
        args = {"category": intent.category, "exclude": held or None, **price_args(intent)}
    return CallTools(
        (ToolCall("search_products", {k: v for k, v in args.items() if v is not None}),)
    )


def weighed_products(view: RequestView) -> list[str]:
    """The products a "which is better ..." question is about: those the shopper named in the
    message before ("the difference between the candle holder and the shakers"), else those
    just shown."""
    if view.history_texts:
        before = understand_once(view.history_texts[-1], False, ConversationContext())
        named = [r.text for i in (before, *before.secondary) for r in i.products if r.text]
        if len(named) > 1:
            return named
    return [p["id"] for p in view.state.get("recent_products") or []]


def relative_search(view: RequestView, intent: Intent) -> Decision:
    """ "any cheaper ones?": the last search again, below (or above) what was shown.

    The bound is the focus product's price, else the cheapest (or dearest) one shown, in USD
    nanos as the state keeps it; one cent off so the product itself is not shown again.
    """
    focus = view.state.get("focus_product") or {}
    recent = [p for p in view.state.get("recent_products") or [] if "price_usd_nanos" in p]
    prices = (
        [focus["price_usd_nanos"]]
        if "price_usd_nanos" in focus
        else [p["price_usd_nanos"] for p in recent]
    )
    last = view.state.get("last_search") or {}
    category = intent.category or last.get("category")
    named = _priced_as_said(view, intent)
    if named is not None:
        # "anything cheaper than the shakers": below the shakers, among things of their kind
        prices, last = [named["price_usd_nanos"]], {}
        category = intent.category or next(iter(named.get("categories") or []), None)
    args: dict[str, Any] = {
        "query": last.get("query") or None,
        "category": category,
        "sort": "price_asc" if intent.relative == "cheaper" else "price_desc",
    }
    if intent.max_price is not None and intent.relative == "cheaper":
        # "too pricey for me, anything under 30 AUD?": the shopper's own budget is the bound
        args.update(price_args(intent))
    elif prices:
        cent = 10_000_000
        bound = min(prices) - cent if intent.relative == "cheaper" else max(prices) + cent
        key = "max_price" if intent.relative == "cheaper" else "min_price"
        args[key] = str(Money.from_nanos("USD", max(bound, 0)).to_decimal().quantize(CENT))
        args["price_currency"] = "USD"
    args = {k: v for k, v in args.items() if v is not None}
    return CallTools((ToolCall("search_products", args),))


def _priced_as_said(view: RequestView, intent: Intent) -> dict[str, Any] | None:
    """The product a comparison names ("cheaper than the shakers"), with its price, from the
    cart or the products shown; None when none is named or its price is not known here."""
    said = next((r.text for r in intent.products if r.text), None)
    if said is None:
        return None
    known = [*(view.state.get("cart") or []), *(view.state.get("recent_products") or [])]
    focus = view.state.get("focus_product")
    known += [focus] if focus else []
    found = {p["id"]: p for p in narrow_to(known, said) if "price_usd_nanos" in p}
    return next(iter(found.values())) if len(found) == 1 else None


def alternatives_in_category(view: RequestView, intent: Intent) -> Decision | None:
    """ "too expensive, any cheaper alternatives?" about the watch, when no cheaper watch
    exists: cheaper products of the watch's category instead (with a budget said, or no
    product in focus, anything within the budget). Once per turn."""
    if intent.relative != "cheaper" or len(view.outcomes) != 1:
        return None
    (last,) = view.outcomes
    categories = (view.state.get("focus_product") or {}).get("categories") or []
    if (
        last.name != "search_products"
        or last.response.get("status") != "ok"
        or last.response.get("products")
        or not last.args.get("query")
        or not (categories or last.args.get("max_price"))
    ):
        return None
    args = {k: v for k, v in last.args.items() if k not in {"query", "category"}}
    if intent.max_price is not None or not categories:
        # "hmm bit pricey, anything under 15 dollars?" after housewarming ideas, none of them
        # that cheap: whatever fits the budget the shopper said
        return CallTools((ToolCall("search_products", args),))
    return CallTools((ToolCall("search_products", {**args, "category": categories[0]}),))


def settled_by_focus(view: RequestView) -> Decision | None:
    """ "what's the strap like?" with the watch in focus: "strap" could be the tank top's or
    the watch's, and the product being talked about is one of them, so it is that one; else
    the one product just shown among them. Only once per turn, and only when the call that
    failed named no product of its own."""
    if not view.outcomes:
        return None
    last = view.outcomes[-1]
    if last.response.get("code") != "ambiguous_product":
        return None
    candidates = {c.get("id") for c in last.response.get("candidates") or []}
    held = {line["id"] for line in view.state.get("cart") or []}
    if last.name in {"remove_from_cart", "set_cart_quantity"} and len(candidates & held) > 1:
        return None  # "take the black one out" with two black lines: which? (asked)
    focus = (view.state.get("focus_product") or {}).get("id")
    # "I'll take the black one" after the mug and the candle holder were shown: of the
    # black products, the one shown
    shown = [p["id"] for p in view.state.get("recent_products") or [] if p["id"] in candidates]
    chosen = focus if focus in candidates else shown[0] if len(shown) == 1 else None
    if chosen is None or any(o.args.get("product") == chosen for o in view.outcomes):
        return None
    return CallTools((ToolCall(last.name, {**last.args, "product": chosen}),))
