"""A budget kept across the conversation: stated once, raised, checked, and what is left of it
read into later requests."""

from __future__ import annotations

import functools
from dataclasses import replace
from decimal import Decimal

from cartmate.models.offline.reading import THREAD, previous_kind, understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.money import Money
from cartmate.planner import Intent, PriceLimit
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.money_phrases import extract_money

__all__ = [
    "after_budget_check",
    "budget_raised",
    "budget_thread",
    "open_within_budget",
    "within_what_is_left",
]

_BUDGET_TALK = frozenset({"paid", "budget", "limit", "spend", "afford"})


_CAN_GET = frozenset({"get", "buy", "afford", "have"})


def open_within_budget(view: RequestView, intent: Intent) -> bool:
    """ "what can I get?" with a budget kept and no bound of its own: within what is left."""
    if not view.state.get("budget") or intent.max_price is not None or intent.relative:
        return False
    words = set(view.user_text.lower().replace("?", " ").split())
    return "can" in words and bool(words & _CAN_GET)


def budget_raised(view: RequestView, intent: Intent) -> bool:
    """ "make it 80" about the budget: one is kept, no product is named, and the message
    talks money ("I got paid") or the budget was what was just set."""
    if not view.state.get("budget") or intent.kind != "set_quantity" or not intent.quantity:
        return False
    if any(r.text for r in intent.products):
        return False
    words = set(view.user_text.lower().replace(",", " ").replace("-", " ").split())
    return bool(words & _BUDGET_TALK) or previous_kind(view) == "set_budget"


def within_what_is_left(view: RequestView, intent: Intent) -> Intent:
    """ "what can I still afford?": a search up to what the budget said earlier leaves after
    the cart (in dollars, from the catalog prices of the cart's lines)."""
    budget = _stated_budget(view)
    display = view.state.get("display_currency") or "USD"
    held = view.cart_usd()
    if budget is not None and held is not None and held.is_zero():
        return replace(intent, max_price=budget)  # nothing in the cart: all of it, as said
    if budget is None or held is None or (budget.currency or display) != "USD":
        return intent
    left = Money.from_decimal(budget.amount, "USD") - held
    if left.total_nanos <= 0:
        return replace(intent, max_price=PriceLimit(Decimal(0), "USD"))
    cents = left.to_decimal().quantize(Decimal("0.01"))  # catalog prices are whole cents
    return replace(intent, max_price=PriceLimit(cents, "USD"))


def after_budget_check(view: RequestView) -> bool:
    """The previous message checked a budget ("and the loafers on their own?" goes on)."""
    if not view.history_texts:
        return False
    said = understand_once(view.history_texts[-1], False, None)
    return any(i.budget_check for i in (said, *said.secondary))


def budget_thread(view: RequestView, intent: Intent) -> Intent:
    """A budget check that goes on from earlier ones: "how much more would I need?" (their
    budget and products), "and if I add the sunglasses too?" (those as well), "and the
    loafers on their own?" (the budget, these products)."""
    budget, before = intent.max_price, ()
    for text in reversed(view.history_texts[-THREAD:]):
        said = understand_once(text, False, None)
        earlier = next((i for i in (said, *said.secondary) if i.budget_check), None)
        if earlier is None:
            break  # the thread of budget questions ends here
        before = before or tuple(r for r in earlier.products if r.text)
        budget = budget or earlier.max_price
        if budget and before:
            break
    budget = budget or _stated_budget(view)
    named = tuple(r for r in intent.products if r.text)
    words = set(view.user_text.lower().split())
    if named and words & {"too", "also", "add", "plus"}:
        products = before + named  # "and if I add the sunglasses too"
    else:
        products = named or before
    # "how much of my 40 quid is left?": the answer in the budget's currency
    currency = intent.currency or (budget.currency if budget is not None else None)
    return replace(
        intent, budget_check=True, max_price=budget, products=products, currency=currency
    )


#: Words that make an amount said earlier the shopper's budget ("keep it under 100 total").
_BUDGET_WORDS = frozenset({"budget", "total", "keep", "spend", "spending", "got", "max"})


_BUDGET_LOOKBACK = 8


def _stated_budget(view: RequestView) -> PriceLimit | None:
    """The budget the shopper set (`set_budget`, kept in the state), else the one stated
    earlier in the conversation ("I want to keep it under 100 dollars total"), the latest
    one, when no budget question since carried it."""
    kept = view.state.get("budget")
    if isinstance(kept, dict) and kept:
        money = Money.from_dict(kept)
        return PriceLimit(money.to_decimal(), money.currency_code)
    for text in reversed(view.history_texts[-_BUDGET_LOOKBACK:]):
        budget = _budget_in(text)
        if budget is not None:
            return budget
    return None


@functools.lru_cache(maxsize=2048)
def _budget_in(text: str) -> PriceLimit | None:
    """The budget one message states, if any; remembered, as each later turn of the
    conversation reads the same earlier messages again."""
    if not set(text.lower().replace(",", " ").split()) & _BUDGET_WORDS:
        return None
    said = extract_money(prepare_tokens(text))
    return said.max_price or said.price  # "I've got 60 dollars for the whole shop"
