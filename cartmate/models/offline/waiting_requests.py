"""Requests that wait on a price ("add the mug if it's under 10 bucks", "put two sunglasses in
unless that takes me past 50", "if my total is over 100, take out the loafers"), checked
before anything is done.

The cart manager asks the cart service with `quote_cart` what the products cost and what the
cart comes to, now or once the request is done, in the currency the condition is said in (the
orchestrator sets it for the answer, as for any price asked in passing); then it acts, or says
why not with the prices. An agent without that tool (the price specialist: "if the watch costs
more than the loafers, set an alert for it at 90") weighs the catalog prices the conversation
state already holds, in dollars.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cartmate.models.offline.decisions import OWNER, CallTools, Decision, Reply, ToolCall
from cartmate.models.offline.known_prices import priced_in_state
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.targets import Target, UnresolvedError, cart_line, targets_of
from cartmate.models.offline.wording import join_and as _join_and
from cartmate.money import Money
from cartmate.planner import Condition, Intent

__all__ = [
    "checked_first",
    "condition_checks",
    "settled_condition",
    "verdict_sentence",
    "waiting_request",
]

_UNIT_QUOTE = 1  # a quote of one more of a product shows its unit price, whatever the cart


def checked_first(view: RequestView, intent: Intent) -> Decision | None:
    """Before anything is done: the quote the condition needs (cart manager), or the verdict
    from the state's prices (None when the condition holds: then the request is done)."""
    condition = intent.condition
    if condition is None:
        return None
    try:
        targets = targets_of(view, replace(intent, condition=None, secondary=()))
    except UnresolvedError as unresolved:  # "if it's under 20, add it" with two in focus
        names = list(unresolved.among) or [
            p["name"] for p in view.state.get("recent_products") or []
        ]
        return Reply(f"Which one: {' or '.join(names)}?" if names else "Which product?")
    if condition.about == "price" and condition.product is None and len(targets) > 1:
        names = [_name_of(view, t.product) for t in targets]
        return Reply(f"Which one do you mean: {' or '.join(names)}?")
    if "quote_cart" in view.tools:
        return CallTools((_quote(view, intent, condition, targets),))
    held = _from_state(view, condition, targets)
    if held is None:
        return None  # nothing to weigh it by: the request as asked (its tool says the price)
    met, said = held
    return None if met else Reply(f"{said}, so {_not_done(intent)}.")


def waiting_request(view: RequestView, intent: Intent) -> Intent | None:
    """This agent's request of the message that waits on a price ("add the priciest thing
    in accessories if it's under 150 dollars": the add, after the search found it)."""
    return next(
        (x for x in (intent, *intent.secondary)
         if x.condition is not None and OWNER.get(x.kind) == view.agent_name),
        None,
    )  # fmt: skip


def condition_checks(view: RequestView, intent: Intent) -> list[ToolOutcome]:
    """This turn's quotes that checked the condition (not answers of their own)."""
    if waiting_request(view, intent) is None:
        return []
    return [o for o in view.outcomes if o.name == "quote_cart" and o.response.get("status") == "ok"]


def settled_condition(view: RequestView, intent: Intent) -> tuple[bool, str] | None:
    """Whether the condition holds, with the sentence saying so, once its quote ran."""
    waiting = waiting_request(view, intent)
    checks = condition_checks(view, intent)
    if waiting is None or waiting.condition is None or not checks:
        return None
    return _from_quote(waiting.condition, checks[-1].response)


def verdict_sentence(view: RequestView, intent: Intent) -> str | None:
    """What the check found, said before the request's own answer ("The Mug is $8.99,
    under $10.00."), or why nothing was done."""
    settled = settled_condition(view, intent)
    waiting = waiting_request(view, intent)
    if settled is None or waiting is None:
        return None
    met, said = settled
    return f"{said}." if met else f"{said}, so {_not_done(waiting)}."


def _quote(
    view: RequestView, intent: Intent, condition: Condition, targets: list[Target]
) -> ToolCall:
    if condition.about == "price":
        named = [condition.product.text] if condition.product and condition.product.text else []
        weighed = named or [t.product for t in targets[:1]]
        if condition.than is not None and condition.than.text:
            weighed.append(condition.than.text)
        return ToolCall(
            "quote_cart", {"products": weighed, "changes": [_UNIT_QUOTE] * len(weighed)}
        )
    products = [t.product for t in targets] or [""]
    if condition.about == "total":
        return ToolCall("quote_cart", {"products": products[:1], "changes": [0]})
    changes = [_change(view, intent, t) for t in targets]
    return ToolCall("quote_cart", {"products": products, "changes": changes})


def _change(view: RequestView, intent: Intent, target: Target) -> int:
    """How the request changes the target's line, for the total once it is done."""
    count = target.quantity or intent.quantity or 1
    if intent.kind == "add_to_cart":
        return count
    line = cart_line(view, target.product)
    held = int(line["quantity"]) if line else 0
    if intent.kind == "set_quantity":
        return (intent.quantity or count) - held
    return -count if intent.quantity else -999  # a removal: that many, else the line


def _from_quote(condition: Condition, quote: dict[str, Any]) -> tuple[bool, str] | None:
    cart = quote.get("cart") or {}
    currency = str(cart.get("currency") or "USD")
    bound = _bound(condition, currency)
    if condition.about == "total":
        now = Money.from_dict(quote["current_total"])
        return _weighed(condition, now, bound, f"Your total is {now.format()}")
    if condition.about == "after":
        after = Money.from_dict(cart["total"])
        changed = _join_and(
            [_change_said(c) for c in quote.get("changes") or [] if c.get("change")]
        )
        said = f"With {changed} your total would be" if changed else "Your total would be"
        return _weighed(condition, after, bound, f"{said} {after.format()}")
    changes = quote.get("changes") or []
    prices = {i["product_id"]: Money.from_dict(i["unit_price"]) for i in cart.get("items") or []}
    weighed = [(c["product"]["name"], prices.get(c["product"]["id"])) for c in changes]
    if not weighed or weighed[0][1] is None:
        return None
    name, price = weighed[0]
    if condition.than is None:
        return _weighed(condition, price, bound, f"{name} is {price.format()}")
    if len(weighed) < 2 or weighed[1][1] is None:
        return None
    other, other_price = weighed[1]
    said = f"{name} is {price.format()} and {other} is {other_price.format()}"
    return _weighed(condition, price, other_price, said)


def _change_said(change: dict[str, Any]) -> str:
    """ "2 more Sunglasses", "no Loafers", "1 fewer Mug"."""
    n, name = int(change["change"]), change["product"]["name"]
    if n <= -999:
        return f"no {name}"
    return f"{abs(n)} {'more' if n > 0 else 'fewer'} {name}"


def _from_state(
    view: RequestView, condition: Condition, targets: list[Target]
) -> tuple[bool, str] | None:
    """The condition weighed in dollars with the catalog prices the state holds."""
    if condition.amount is not None and (condition.amount.currency or "USD") != "USD":
        return None
    if condition.about == "total":
        total = view.cart_usd()
        if total is None:
            return None
        return _weighed(
            condition, total, _bound(condition, "USD"), f"Your total is {total.format()}"
        )
    if condition.about != "price":
        return None
    subject = condition.product.text if condition.product and condition.product.text else (
        targets[0].product if targets else None)  # fmt: skip
    price = _usd_price(view, subject)
    if price is None:
        return None
    name = _name_of(view, subject or "")
    if condition.than is None:
        return _weighed(condition, price, _bound(condition, "USD"), f"{name} is {price.format()}")
    other = _usd_price(view, condition.than.text)
    if other is None:
        return None
    said = (f"{name} is {price.format()} and {_name_of(view, condition.than.text or '')} is "
            f"{other.format()}")  # fmt: skip
    return _weighed(condition, price, other, said)


def _weighed(
    condition: Condition, value: Money, bound: Money | None, said: str
) -> tuple[bool, str] | None:
    if bound is None or bound.currency_code != value.currency_code:
        return None
    holds = value < bound if condition.below else value > bound
    if value == bound:
        relation = "the same" if condition.than is not None else f"exactly {bound.format()}"
    elif value < bound:
        relation = "less" if condition.than is not None else f"under {bound.format()}"
    else:
        relation = "more" if condition.than is not None else f"over {bound.format()}"
    if condition.than is None:
        said = f"{said}, {relation}"
    return holds != condition.unless, said


def _bound(condition: Condition, currency: str) -> Money | None:
    if condition.amount is None:
        return None
    return Money.from_decimal(condition.amount.amount, condition.amount.currency or currency)


def _usd_price(view: RequestView, said: str | None) -> Money | None:
    found = priced_in_state(view, said)
    return None if found is None else Money.from_nanos("USD", int(found["price_usd_nanos"]))


def _name_of(view: RequestView, said: str) -> str:
    found = priced_in_state(view, said)
    return str(found.get("name") or found.get("product_name")) if found else said


def _not_done(intent: Intent) -> str:
    return {
        "add_to_cart": "I haven't added anything",
        "remove_from_cart": "I've left your cart as it is",
        "set_quantity": "I've left your cart as it is",
        "create_alert": "I haven't set the alert",
    }.get(intent.kind, "I haven't changed anything")
