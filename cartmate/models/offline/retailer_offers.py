"""Other retailers' offers from earlier comparisons, read back: the lowest offer, 'their price',
the shop named, and the offer's price for an alert."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.shops import shop_word, words_of
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.fuzzy import name_matches

__all__ = ["CENT", "a_retailer", "compared_offers", "compared_together", "offer_price"]

CENT = Decimal("0.01")


#: "the cheapest price you found", "the best offer": the lowest offer still in stock
_LOWEST_OFFER = re.compile(r"\b(cheapest|lowest|best)\b.*\b(price|offer|deal|one|found)\b")


#: "their price", "what they charge": the shop the comparison found cheapest
_THAT_SHOP = re.compile(r"\b(their|that shop'?s?|that store'?s?|there|they charge|that price)\b")


def _price_words(view: RequestView) -> str:
    """The words that say which shop's price: this message's, or after "which one?" (no tool
    ran) the message that was asked about ("... the cheapest price you found", "the loafers")."""
    said = view.user_text.lower()
    if _LOWEST_OFFER.search(said) or _THAT_SHOP.search(said) or not view.history_texts:
        return said
    if view.history_tools and view.history_tools[-1]:
        return said
    return f"{said} {view.history_texts[-1].lower()}"


def compared_offers(view: RequestView) -> list[dict[str, Any]]:
    return [c for c in view.state.get("compared") or [] if c.get("offers")]


def compared_together(view: RequestView, intent: Intent) -> str | None:
    """ "tell me if yours drops to the cheapest price you found" after the watch and the
    loafers were compared in one turn: which of them (None when it names one, or one was
    compared)."""
    said = view.user_text.lower()
    if any(r.text and not a_retailer(view, r.text) for r in intent.products) or not (
        _LOWEST_OFFER.search(said) or _THAT_SHOP.search(said) or _retailer_said(view)
    ):
        return None
    compared = compared_offers(view)
    last = [c for c in compared if c.get("turn") == compared[-1].get("turn")]
    if len(last) < 2:
        return None
    return " or ".join(f"the {c['name']}" for c in last)


def a_retailer(view: RequestView, mention: str) -> bool:
    """The mention is a shop from a comparison ("acme" in "Acme's price"), not a product."""
    first = shop_word(mention)
    return any(
        first == shop_word(o["retailer"])
        for c in compared_offers(view) for o in c["offers"]
    )  # fmt: skip


def _retailer_said(view: RequestView, text: str | None = None) -> list[dict[str, Any]]:
    """The offers of the shops the message names ("Acme's price"), by their first word."""
    said = words_of(text or view.user_text)
    return [
        o for c in compared_offers(view) for o in c["offers"]
        if shop_word(o["retailer"]) in said
    ]  # fmt: skip


def offer_price(view: RequestView, products: list[str]) -> dict[str, Any] | None:
    """An alert's target as another shop's price from the comparison of that product: the
    shop named ("Acme's price"), or the lowest offer in stock ("the cheapest price you
    found", "their price")."""
    products = [p for p in products if not a_retailer(view, p)]  # "Acme's price": no product
    if not products and _retailer_said(view):
        # "tell me if yours drops to what Acme charges": the product Acme was found selling
        products = [c["id"] for c in compared_offers(view)
                    if any(o in c["offers"] for o in _retailer_said(view))][-1:]  # fmt: skip
    if len(products) != 1:
        return None
    entry = next(
        (c for c in reversed(compared_offers(view))
         if products[0] == c["id"] or name_matches(products[0], c["name"])),
        None,
    )  # fmt: skip
    if entry is None:
        return None
    said = _price_words(view)
    named = [o for o in _retailer_said(view, said) if o in entry["offers"]]
    buyable = [o for o in entry["offers"] if o.get("in_stock") is not False]
    if named:
        chosen = named[0]
    elif buyable and (_LOWEST_OFFER.search(said) or _THAT_SHOP.search(said)):
        chosen = min(buyable, key=lambda o: Money.from_dict(o["price"]).total_nanos)
    else:
        return None
    price = Money.from_dict(chosen["price"])
    cents = price.to_decimal().quantize(CENT)
    return {"target_price": str(cents), "price_currency": price.currency_code,
            "product": entry["id"]}  # fmt: skip
