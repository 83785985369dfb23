"""A figure the shopper worked out ("that's 17.98, right?", "is my total 45 or 46?"), checked
against the figures this turn's tools returned: the cart's total, a quote's total, what an
add or a removal came to, a line's total, a product's price (times the count asked about), and
the sum the shopper said ("5.49 times five"). The figure nearest the one said is the one the
shopper was working out: the answer confirms it or gives it instead."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cartmate.models.offline.request_view import RequestView
from cartmate.money import Money
from cartmate.planner import Claim, Intent

__all__ = ["claim_sentence"]

_NEAR_ENOUGH = Decimal("0.05")  # "about 180": within 5 %


def claim_sentence(view: RequestView, intent: Intent) -> str | None:
    """ "Yes, that's right: $17.98." / "Not quite: it comes to $26.97, not 24.97." or None
    when the turn has no figure to check against."""
    claim = next((x.claim for x in (intent, *intent.secondary) if x.claim), None)
    if claim is None:
        return None
    figures = _figures(view, intent)
    if claim.currency:
        figures = [f for f in figures if f.currency_code == claim.currency] or figures
    if claim.worked_out is not None and figures:
        code = figures[-1].currency_code
        figures.append(Money.from_decimal(claim.worked_out, code))
    if not figures:
        return None
    return _verdict(claim, figures)


def _verdict(claim: Claim, figures: list[Money]) -> str:
    said = list(claim.amounts)
    best = min(
        ((f, a) for f in figures for a in said), key=lambda fa: abs(fa[0].to_decimal() - fa[1])
    )
    figure, amount = best
    value = figure.to_decimal()
    if value == amount:
        if len(said) > 1:
            return f"It's {figure.format()}."
        return f"Yes, that's right: {figure.format()}."
    if claim.approximate and amount and abs(value - amount) <= abs(amount) * _NEAR_ENOUGH:
        return f"Yes, about that: {figure.format()}."
    if len(said) > 1:
        return f"Neither: it's {figure.format()}."
    return f"Not quite: it's {figure.format()}, not {amount}."


def _figures(view: RequestView, intent: Intent) -> list[Money]:
    """The amounts this turn's tools returned, in the order they came."""
    found: list[Money] = []
    for outcome in view.outcomes:
        r = outcome.response
        if r.get("status") != "ok":
            continue
        cart = r.get("cart") or {}
        if isinstance(r.get("current_total"), dict):
            found.append(Money.from_dict(r["current_total"]))
        if isinstance(cart.get("total"), dict):
            found.append(Money.from_dict(cart["total"]))
        if isinstance(r.get("current_total"), dict) and isinstance(cart.get("total"), dict):
            # "if I take one mug out I save 8.99?": what the change takes off (or adds)
            now, then = Money.from_dict(r["current_total"]), Money.from_dict(cart["total"])
            found.append(now - then if now > then else then - now)
        found += _changed_lines(outcome.name, r, cart)
        asked = outcome.args.get("product")
        if outcome.name == "view_cart" and asked:  # "six jars - is that 32.94 or 33.94?"
            found += [
                Money.from_dict(i["line_total"]) for i in cart.get("items") or []
                if i.get("product_id") == asked and isinstance(i.get("line_total"), dict)
            ]  # fmt: skip
        product = r.get("product") or {}
        if outcome.name == "get_product_details" and isinstance(product.get("price"), dict):
            price = Money.from_dict(product["price"])
            found.append(price)
            count = intent.quantity or next((p.quantity for p in intent.products if p.quantity),
                                            None)  # fmt: skip
            if count and count > 1:
                found.append(price * count)
    looked = [Money.from_dict(o.response["product"]["price"]) for o in view.outcomes
              if o.name == "get_product_details" and o.response.get("status") == "ok"
              and isinstance((o.response.get("product") or {}).get("price"), dict)]  # fmt: skip
    if len(looked) > 1 and len({m.currency_code for m in looked}) == 1:
        # "so together they come to 200?": the ones looked at, added up
        total = looked[0]
        for price in looked[1:]:
            total = total + price
        found.append(total)
    return found


def _changed_lines(name: str, result: dict[str, Any], cart: dict[str, Any]) -> list[Money]:
    """What an add came to (its count times the unit price) and the line it changed."""
    product = (result.get("product") or {}).get("id")
    line = next((i for i in cart.get("items") or [] if i.get("product_id") == product), None)
    if line is None:
        return []
    unit = Money.from_dict(line["unit_price"])
    amounts = [Money.from_dict(line["line_total"])]
    if name == "add_to_cart" and result.get("quantity"):
        amounts.append(unit * int(result["quantity"]))
    return amounts
