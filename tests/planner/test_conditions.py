"""Requests that wait on a price: what is split off and what it weighs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.planner import Condition, PriceLimit, ProductRef, understand
from cartmate.planner.conditions import condition_said

USD = "USD"


def limit(amount: str, currency: str | None = USD) -> PriceLimit:
    return PriceLimit(Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "action", "condition"),
    [
        ("If the watch is under 100 dollars, add it.", "add it.",
         Condition("price", True, ProductRef(text="watch"), limit("100"))),
        ("Add the mug if it's less than 10 bucks.", "Add the mug",
         Condition("price", True, amount=limit("10"))),
        ("Put two sunglasses in unless that takes me past 50 dollars.", "Put two sunglasses in",
         Condition("after", False, amount=limit("50"), unless=True)),
        ("If my total is over 100, take out the loafers.", "take out the loafers.",
         Condition("total", False, amount=limit("100", None))),
        ("Only add the hairdryer if it's cheaper than 30 euros.", "Only add the hairdryer",
         Condition("price", True, amount=limit("30", "EUR"))),
        ("If the jar costs more than the mug, skip it, otherwise add one.", "add one.",
         Condition("price", False, ProductRef(text="jar"), than=ProductRef(text="mug"),
                   unless=True)),
        ("Add the tank top unless it costs more than the sunglasses.", "Add the tank top",
         Condition("price", False, than=ProductRef(text="sunglasses"), unless=True)),
        ("If I'm now over 100 dollars in total, swap the loafers for the sunglasses.",
         "swap the loafers for the sunglasses.", Condition("total", False, amount=limit("100"))),
        ("If there's anything under 6 dollars, add it.", "add it.",
         Condition("any", True, amount=limit("6"))),
    ],
)  # fmt: skip
def test_what_a_request_waits_on(text: str, action: str, condition: Condition) -> None:
    assert condition_said(text) == (action, condition)


@pytest.mark.parametrize(
    "text",
    ["tell me if it drops under 80", "let me know if the watch is under 100",
     "and if I take two of the cheaper one?", "what if I add 2 mugs",
     "alert me if the loafers go below 70 euros", "add it if you can", "is the mug under 10?"],
)  # fmt: skip
def test_alerts_suppositions_and_questions_wait_on_nothing(text: str) -> None:
    assert condition_said(text) is None


def test_the_request_carries_its_condition() -> None:
    intent = understand("If the tank top is cheaper than the sunglasses, add it too.")
    assert intent.kind == "add_to_cart" and intent.products[0].text == "tank top"
    assert intent.condition == Condition(
        "price", True, ProductRef(text="tank top"), than=ProductRef(text="sunglasses")
    )
    # an alert's target is the level the price is over now: no condition left to check
    alert = understand("Set an alert for the watch if it's more than 100 dollars right now.")
    assert alert.kind == "create_alert" and alert.condition is None
    assert alert.price == limit("100")


def test_something_found_first_then_added() -> None:
    intent = understand("If there's anything under 6 dollars, add it.")
    assert (intent.kind, intent.max_price, intent.sort) == ("search", limit("6"), "price_asc")
    assert [x.kind for x in intent.secondary] == ["add_to_cart"]


def test_the_request_after_a_look_waits() -> None:
    intent = understand("What about the sunglasses - add them if they're under 20 euros.")
    assert intent.kind == "add_to_cart" and intent.condition is not None
    assert intent.condition.amount == limit("20", "EUR")
