"""Products and carts as the chat contract shapes them, priced in the shopper's currency.

Product: {id, name, description, picture, categories, price, display_price}.
Cart: {user_id, currency, items: [{product_id, name, quantity, unit_price, line_total}], total}.
Every price goes through the CurrencyService; amounts stay exact (Money), and
`display_price` is the formatted string.
"""

from __future__ import annotations

import logging
from typing import Any

from cartmate.agent_runtime.services import AgentServices
from cartmate.boutique.models import Cart, Product
from cartmate.errors import UnavailableError
from cartmate.money import Money
from cartmate.style.affinity import product_traits

__all__ = ["CURRENCY_FALLBACK_NOTE", "present_cart", "present_product", "present_products"]

log = logging.getLogger(__name__)


def present_product(product: Product, price: Money) -> dict[str, Any]:
    return {
        "id": product.id,
        "name": product.name,
        "description": product.description,
        "picture": product.picture,
        "categories": list(product.categories),
        "price": price.to_dict(),
        "display_price": price.format(),
    }


CURRENCY_FALLBACK_NOTE = "Prices are in USD: the currency service is unavailable right now."


async def _convert_or_usd(
    services: AgentServices, amounts: list[Money], currency: str
) -> tuple[list[Money], str | None]:
    """The amounts in `currency`, or as they are (USD) with a note when conversion is down."""
    try:
        return await services.boutique.currency.convert_many(amounts, currency), None
    except UnavailableError:
        log.warning("currency service down; showing USD", extra={"currency": currency})
        return amounts, CURRENCY_FALLBACK_NOTE


async def present_products(
    services: AgentServices, products: list[Product], currency: str
) -> list[dict[str, Any]]:
    prices, note = await _convert_or_usd(services, [p.price_usd for p in products], currency)
    shown = [present_product(p, price) for p, price in zip(products, prices, strict=True)]
    if note:
        for product in shown:
            product["currency_note"] = note
    return shown


async def present_cart(services: AgentServices, cart: Cart, currency: str) -> dict[str, Any]:
    """The cart with names, unit prices, line totals and the total in `currency`."""
    index = await services.catalog_index()
    by_id = {p.id: p for p in index.products}
    known = [item for item in cart.items if item.product_id in by_id]
    prices, note = await _convert_or_usd(
        services, [by_id[item.product_id].price_usd for item in known], currency
    )
    if note:
        currency = "USD"
    unit_prices = {item.product_id: price for item, price in zip(known, prices, strict=True)}
    items: list[dict[str, Any]] = []
    total = Money.zero(currency)
    for item in cart.items:
        product = by_id.get(item.product_id)
        if product is None:
            # Still in the cart service but gone from the catalog: show it, price unknown.
            items.append(
                {
                    "product_id": item.product_id,
                    "name": f"Unavailable product {item.product_id}",
                    "quantity": item.quantity,
                    "unit_price": None,
                    "line_total": None,
                    "available": False,
                }
            )
            continue
        unit = unit_prices[item.product_id]
        line_total = unit * item.quantity
        total = total + line_total
        items.append(
            {
                "product_id": item.product_id,
                "name": product.name,
                "quantity": item.quantity,
                "unit_price": unit.to_dict(),
                "line_total": line_total.to_dict(),
                "display_unit_price": unit.format(),
                "display_line_total": line_total.format(),
                "unit_price_usd_nanos": product.price_usd.total_nanos,  # for price questions
                "categories": list(product.categories),  # "remove all the kitchen stuff"
                "traits": sorted(product_traits(product)[0]),  # "take out everything black"
            }
        )
    return {
        "user_id": cart.user_id,
        "currency": currency,
        "items": items,
        "total": total.to_dict(),
        "display_total": total.format(),
        "item_count": sum(item.quantity for item in cart.items),
        **({"currency_note": note} if note else {}),
    }
