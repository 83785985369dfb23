"""The shopper's budget against the cart: what it leaves, or how far the cart goes over.

The budget is kept in the conversation state (`state.BUDGET`, exact Money) by the
orchestrator's `set_budget`; the cart is priced in the budget's own currency (converted by
the currency service), so "40 euros" stays 40 euros whatever the display currency is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.presenters import present_cart
from cartmate.agent_runtime.services import AgentServices
from cartmate.boutique.models import Cart, Product
from cartmate.errors import CartMateError
from cartmate.money import Money

__all__ = ["budget_for", "budget_status", "stated_budget"]


def stated_budget(state: Mapping[str, Any]) -> Money | None:
    """The budget the shopper set, if any."""
    kept = state.get(st.BUDGET)
    return Money.from_dict(kept) if isinstance(kept, Mapping) and kept else None


async def budget_status(
    services: AgentServices, cart: Cart, budget: Money, priced: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The budget, the cart's total in its currency, and what is left or how much over.

    `priced` is the cart as already presented, reused when it is in the budget's currency.
    """
    if priced is None or priced.get("currency") != budget.currency_code:
        priced = await present_cart(services, cart, budget.currency_code)
    total = Money.from_dict(priced["total"])
    status: dict[str, Any] = {
        "budget": budget.to_dict(),
        "display_budget": budget.format(),
        "cart_total": total.to_dict(),
        "display_cart_total": total.format(),
    }
    if total.currency_code != budget.currency_code:  # the currency service was unavailable
        return status
    rest = budget - total
    if rest.is_negative():
        status.update(over=(-rest).to_dict(), display_over=(-rest).format())
    else:
        status.update(left=rest.to_dict(), display_left=rest.format())
    return status


async def budget_for(
    services: AgentServices, user_id: str, state: Mapping[str, Any], products: Sequence[Product]
) -> dict[str, Any] | None:
    """For a tool that shows products while the shopper has a budget: where the cart stands
    against it and, under `fits`, the ids of `products` that fit in what it leaves.

    None without a budget. A cart or currency service that is down leaves the budget out
    (the products are still worth showing), never fails the tool.
    """
    budget = stated_budget(state)
    if budget is None:
        return None
    try:
        cart = await services.boutique.cart.get_cart(user_id)
        status = await budget_status(services, cart, budget)
        if "left" in status and products:
            left = Money.from_dict(status["left"])
            prices = await services.boutique.currency.convert_many(
                [p.price_usd for p in products], budget.currency_code
            )
            status["fits"] = [
                p.id for p, price in zip(products, prices, strict=True) if price <= left
            ]
    except CartMateError:
        return None
    return status
