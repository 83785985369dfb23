"""Searches relative to a price ("in the same price range as the sunglasses", "the one just
above it in price", "closest in price to 20 euros", "between the mug and the sunglasses",
"under half the watch's price"): the bounds worked out from the prices the conversation has
shown, as `search_products` arguments, and the one product such a search picks.

Prices the state keeps are catalog prices in US dollars; an amount said in another currency
is searched in that currency (`price_currency`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cartmate.models.offline.decisions import CallTools, Decision, Reply, ToolCall, one_call
from cartmate.models.offline.known_prices import priced_in_state
from cartmate.models.offline.request_view import RequestView
from cartmate.money import Money
from cartmate.planner import Intent, ProductRef

__all__ = ["PICKS_ONE", "price_search", "single_pick"]

_CENT = 10_000_000  # nanos
_RANGE = 2_000_000_000  # "the same price range": within two dollars
_NEAR_SHARE = Decimal("0.25")  # "closest in price to 20": looked for within a quarter of it
_BIT_MORE = Decimal("1.25")  # "a bit more expensive": up to a quarter more
#: relations answered with one product ("the next one up", "the closest in price")
PICKS_ONE = frozenset({"above", "below", "near"})


def price_search(view: RequestView, intent: Intent) -> Decision | None:
    """The search for a request relative to a price, or None when the request is not one."""
    relation = intent.relative
    if relation not in {"near", "above", "below", "between"} and not (
        relation == "cheaper" and (intent.divisor or intent.about_cart)
    ):
        return None
    if relation == "near" and intent.price is not None and not intent.products:
        return _near_amount(view, intent)
    if relation == "cheaper" and intent.about_cart:
        lines = [int(line["price_usd_nanos"]) for line in view.state.get("cart") or []
                 if "price_usd_nanos" in line]  # fmt: skip
        if not lines:
            return Reply("Your cart is empty, so there's nothing to be cheaper than.")
        return one_call("search_products", sort="price_asc", **_bounds(high=min(lines) - _CENT))
    refs = [_reference(view, r) for r in intent.products]
    unknown = [r.text for r, found in zip(intent.products, refs, strict=True)
               if found is None and r.text]  # fmt: skip
    if unknown and not view.acted:
        # "between the mug and the sunglasses" with the mug not seen yet: its price first
        return CallTools(tuple(ToolCall("get_product_details", {"product": t}) for t in unknown))
    if not refs or any(r is None for r in refs):
        return Reply("Which product do you mean? I need one we've looked at to go by its price.")
    prices = [int(r["price_usd_nanos"]) for r in refs if r is not None]
    exclude = [r["id"] for r in refs if r is not None]
    if relation == "cheaper":
        bound = prices[0] // (intent.divisor or 1) - _CENT
        return one_call("search_products", sort="price_asc", **_bounds(high=bound))
    if relation == "between":
        low, high = sorted(prices[:2])
        return one_call("search_products", sort="price_asc",
                        **_bounds(low=low + _CENT, high=high - _CENT))  # fmt: skip
    if relation == "above":
        high = int(prices[0] * _BIT_MORE) if intent.limit is None else None
        return one_call("search_products", sort="price_asc", exclude=exclude,
                        limit=2 if intent.limit else None,
                        **_bounds(low=prices[0] + _CENT, high=high))  # fmt: skip
    if relation == "below":
        return one_call("search_products", sort="price_desc", exclude=exclude,
                        limit=2 if intent.limit else None,
                        **_bounds(high=prices[0] - _CENT))  # fmt: skip
    center = prices[0] * (intent.factor or 1)
    spread = int(center * _NEAR_SHARE) if intent.limit else _RANGE
    return one_call("search_products", sort="price_asc",
                    exclude=exclude if not intent.factor else None,
                    **_bounds(low=max(center - spread, 0), high=center + spread))  # fmt: skip


def single_pick(
    view: RequestView, intent: Intent, products: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """For a search that picks one ("the next one up", "the closest in price"): the one, or
    None with the products tied for it."""
    if intent.relative not in PICKS_ONE or intent.limit != 1 or not products:
        return None, []
    if intent.relative in {"above", "below"}:
        first = products[0]
        tied = [p for p in products if p.get("price") == first.get("price")]
        return (first, []) if len(tied) == 1 else (None, tied)
    target = _target(view, intent)
    if target is None:
        return None, []
    ranked = sorted(products, key=lambda p: abs(_amount(p) - target))
    best = abs(_amount(ranked[0]) - target)
    tied = [p for p in ranked if abs(_amount(p) - target) == best]
    return (ranked[0], []) if len(tied) == 1 else (None, tied)


def _target(view: RequestView, intent: Intent) -> Decimal | None:
    """What "closest in price to ..." is measured from, in the results' currency (an amount
    said; a product's price when the results are in dollars)."""
    if intent.price is not None:
        return intent.price.amount
    ref = _reference(view, intent.products[0]) if intent.products else None
    if ref is None:
        return None
    return Money.from_nanos("USD", int(ref["price_usd_nanos"]) * (intent.factor or 1)).to_decimal()


def _amount(product: dict[str, Any]) -> Decimal:
    return Money.from_dict(product["price"]).to_decimal()


def _near_amount(view: RequestView, intent: Intent) -> Decision:
    """ "what's closest in price to 20 euros?": what there is around it, in its currency."""
    said = intent.price
    assert said is not None
    currency = said.currency or view.state.get("display_currency") or "USD"
    spread = said.amount * _NEAR_SHARE
    return one_call(
        "search_products",
        sort="price_asc",
        min_price=str(max(said.amount - spread, Decimal(0)).quantize(Decimal("0.01"))),
        max_price=str((said.amount + spread).quantize(Decimal("0.01"))),
        price_currency=currency,
    )


def _reference(view: RequestView, ref: ProductRef) -> dict[str, Any] | None:
    """The product a relation is to, with its price: named, or "it" (the one in focus, else
    the one shown)."""
    if ref.text:
        return priced_in_state(view, ref.text)
    focus = view.state.get("focus_product") or {}
    if "price_usd_nanos" in focus:
        return focus
    recent = [p for p in view.state.get("recent_products") or [] if "price_usd_nanos" in p]
    return recent[0] if len(recent) == 1 else None


def _bounds(low: int | None = None, high: int | None = None) -> dict[str, str]:
    args = {}
    if low is not None:
        args["min_price"] = str(Money.from_nanos("USD", max(low, 0)).to_decimal()
                                .quantize(Decimal("0.01")))  # fmt: skip
    if high is not None:
        args["max_price"] = str(Money.from_nanos("USD", max(high, 0)).to_decimal()
                                .quantize(Decimal("0.01")))  # fmt: skip
    if args:
        args["price_currency"] = "USD"
    return args
