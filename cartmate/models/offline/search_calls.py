"""Product searches as the discovery tools take them: price bounds, what to leave out, searches
relative to something shown, and alternatives after a narrow result."""

from __future__ import annotations

import re
from typing import Any

from cartmate.discovery.synonyms import lookup_attribute, lookup_concept
from cartmate.models.offline.decisions import CallTools, Decision, ToolCall, one_call
from cartmate.models.offline.known_prices import priced_in_state
from cartmate.models.offline.price_searches import price_search
from cartmate.models.offline.reading import previous_kind, understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.retailer_offers import CENT
from cartmate.models.offline.targets import CART_SHOWN, IN_CART, excluded_ids, narrow_to
from cartmate.money import Money
from cartmate.planner import ConversationContext, Intent, ProductRef
from cartmate.planner.lexicon import CATEGORY_WORDS, SHOPPING_NOUNS, STYLE_WORDS

__all__ = [
    "search_call",
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


#: "which of those ...", "which ones of them ...": a question about the products just shown
_WHICH_OF_THOSE = re.compile(r"\bwhich (?:ones? )?of (?:those|them|these|the ones|em)\b")
#: "in the same category", "of the same kind", "like it": the product talked about's category
_SAME_KIND = re.compile(r"\bsame (category|kind|type|section|department)\b|\bsimilar\b")


def other_search(view: RequestView, intent: Intent) -> Decision:
    """ "show me something else": the last search again, without the products it showed;
    "what else do you have in the same category?": the category of the product talked about,
    without it."""
    focus = view.state.get("focus_product") or {}
    if _SAME_KIND.search(view.user_text.lower()) and focus.get("categories"):
        return one_call(
            "search_products", category=focus["categories"][0], exclude=[focus["id"]],
            **price_args(intent),
        )  # fmt: skip
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
    return one_call("search_products", **args)


def closest_search(view: RequestView) -> Decision:
    """ "what's the closest thing you have, then?" after "any Nike trainers?" or "a red
    mug?": the search asked for last, without the words the shop has nothing for (a brand, a
    colour, a size): the kind of thing only ("trainers": the footwear there is)."""
    asked: Intent | None = None
    for earlier in reversed(view.history_texts[-2:]):
        said = understand_once(earlier, False, ConversationContext())
        if said.kind in {"search", "product_info"} and (said.query or said.products):
            asked = said
            break
    last = view.state.get("last_search") or {}
    words = (asked.query or " ".join(r.text or "" for r in asked.products)) if asked else (
        last.get("query") or "")  # fmt: skip
    kinds = [w for w in words.lower().split()
             if (lookup_concept((w,)) is not None or w in SHOPPING_NOUNS)
             and lookup_attribute((w,)) is None and w not in STYLE_WORDS
             and w not in CATEGORY_WORDS]  # fmt: skip
    category = (asked.category if asked else None) or last.get("category")
    return one_call("search_products", query=" ".join(kinds) or None, category=category)


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
        # "anything cheaper in accessories?": that category, whatever was searched before
        "query": None if intent.category else last.get("query") or None,
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
    return one_call("search_products", **args)


def _priced_as_said(view: RequestView, intent: Intent) -> dict[str, Any] | None:
    """The product a comparison names ("cheaper than the shakers"), with its price, from
    what the state knows; None when none is named or its price is not known here."""
    said = next((r.text for r in intent.products if r.text), None)
    return priced_in_state(view, said)


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


def search_call(view: RequestView, intent: Intent) -> Decision:
    """The `search_products` call for a search request: a new search, the last one again with
    new limits, one relative to what was shown, or a pick among the products shown or weighed."""
    if intent.relative == "other":
        return other_search(view, intent)
    if intent.relative == "closest":
        return closest_search(view)
    reordered = _reordered(view, intent)
    if intent.relative == "narrow" or reordered:  # the last search again: new limits or order
        last = view.state.get("last_search") or {}
        limits = price_args(intent) or {
            k: last.get(k) for k in ("max_price", "min_price", "price_currency")
        }
        return one_call(
            "search_products",
            query=last.get("query") or None,
            category=intent.category or last.get("category"),
            sort=intent.sort or last.get("sort"),
            limit=1 if reordered == "one" else intent.limit,
            **limits,
        )
    priced = price_search(view, intent)  # "the same price range as the sunglasses"
    if priced is not None:
        return priced
    if intent.relative:
        return relative_search(view, intent)
    lines = [line["id"] for line in view.state.get("cart") or []]
    said = view.user_text.lower()
    in_cart = (
        intent.about_cart
        or any(w in said for w in IN_CART)
        or ("in there" in said and previous_kind(view) in CART_SHOWN)
        # "what's the most expensive thing now?" after changing the cart: of its lines
        or (re.search(r"\bnow\b", said) is not None and previous_kind(view) in CART_SHOWN)
    )
    if intent.sort and in_cart and len(lines) > 1:
        # "what's the most expensive thing in there?" right after the cart: of its lines
        return one_call("search_products", among=lines, sort=intent.sort, limit=1)
    recent = [p["id"] for p in view.state.get("recent_products") or []]
    said = view.user_text.lower()
    if (
        intent.colours
        and len(recent) > 1
        and (intent.query or "") in ("", " ".join(intent.colours))
        and (
            any(
                w in said
                for w in (
                    " one in ",
                    " ones in ",
                    "any in ",
                    "them in ",
                    "those in ",
                    "these in ",
                )
            )  # fmt: skip
            or said.lstrip().startswith("which ")
        )
    ):
        # "is there one in black?", "which one is black?" after a list: which of those
        return one_call("search_products", query=" ".join(intent.colours), among=recent, limit=1)
    if (intent.query or intent.category) and len(recent) > 1 and _WHICH_OF_THOSE.search(said):
        # "which of those is for the kitchen?" after the black things: those that are
        return one_call("search_products", query=intent.query or None,
                        category=intent.category, among=recent)  # fmt: skip
    weighed = weighed_products(view)
    if intent.among_shown and len(weighed) > 1:
        # "which would make a better gift?": the best fit of the products being weighed
        return one_call("search_products", query=intent.query or None, among=weighed, limit=1,
                    for_shopper=intent.for_shopper or None)  # fmt: skip
    return one_call(
        "search_products",
        query=intent.query or None,
        category=intent.category,
        sort=intent.sort,
        limit=intent.limit,
        for_shopper=intent.for_shopper or None,
        recipient_likes=list(intent.likes) or None,
        recipient_dislikes=list(intent.dislikes) or None,
        # "other kitchen things, not the mug, not the jar": those shown or in the cart by
        # id, others by name
        exclude=left_out_of_search(view, intent) or None,
        without=traits_left_out(intent) or None,
        **price_args(intent),
    )


#: The words of a message that only orders the last list ("cheapest first", "sort by price").
_ORDER_WORDS = frozenset(
    {
        "cheapest",
        "priciest",
        "dearest",
        "most",
        "least",
        "expensive",
        "lowest",
        "highest",
        "price",
        "prices",
        "first",
        "sort",
        "sorted",
        "order",
        "by",
        "from",
        "low",
        "high",
        "to",
        "show",
        "them",
        "those",
        "the",
        "one",
        "ones",
        "pls",
        "please",
        "plz",
        "which",
        "is",
        "what",
        "whats",
        "s",
        "then",
        "ok",
        "okay",
        "and",
    }
)
#: Of those, the words that ask for a list back, not the one product at the top of it.
_LIST_WORDS = frozenset({"first", "sort", "sorted", "order", "by", "them", "those", "ones", "to"})


def _reordered(view: RequestView, intent: Intent) -> str | None:
    """Right after a search, a message that only names an order ("cheapest first", "sort by
    price") is that search again in that order ("list"); a bare superlative ("cheapest",
    "the priciest one?") is the one product at the top of it ("one")."""
    if (
        intent.sort is None
        or intent.query
        or intent.category
        or price_args(intent)
        or previous_kind(view) != "search"
        or not view.state.get("last_search")
    ):
        return None
    words = set(re.findall(r"[a-z]+", view.user_text.lower()))
    if not words or not words <= _ORDER_WORDS:
        return None
    return "list" if words & _LIST_WORDS else "one"
