"""Requests hanging on the shop's services, and service questions beside real requests."""

from __future__ import annotations

import pytest

from cartmate.planner import understand
from cartmate.planner.service_conditions import hangs_on_service, without_service_condition


@pytest.mark.parametrize(
    "text",
    [
        "if delivery to Ireland is free, put the loafers in my basket",
        "do you do next day delivery? if you do, add two jars",
        "I'll take the sunglasses if you accept apple pay",
        "if there's a discount code for new customers add the watch",
    ],
)
def test_a_request_hanging_on_a_service_is_declined_whole(text: str) -> None:
    assert hangs_on_service(text)
    assert understand(text).kind == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    ["add the jar if it's less than 6 dollars", "if the mug is black, add two", "add the watch"],
)
def test_price_and_product_conditions_are_not_services(text: str) -> None:
    assert not hangs_on_service(text)
    assert understand(text).kind != "out_of_scope"


def test_the_request_without_its_condition() -> None:
    said = "can you gift wrap? if yes, add the hairdryer for my sister"
    assert without_service_condition(said) == "add the hairdryer for my sister"
    assert without_service_condition("add the hairdryer") is None


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("add a mug - do you deliver on sundays?", ["add_to_cart", "out_of_scope"]),
        ("what's the total in pounds? is tax included?", ["view_cart", "out_of_scope"]),
        ("got any voucher codes?", ["out_of_scope"]),
        ("when do you close on fridays?", ["out_of_scope"]),
        ("my jar arrived damaged, can you replace it?", ["out_of_scope"]),
    ],
)  # fmt: skip
def test_service_questions_beside_requests(text: str, kinds: list[str]) -> None:
    intent = understand(text)
    assert [i.kind for i in (intent, *intent.secondary)] == kinds
