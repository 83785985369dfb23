"""Searches relative to a price, and figures the shopper works out: what the planner reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.planner import Claim, PriceLimit, ProductRef, ShownEarlier, understand
from cartmate.planner.claims import claim_said
from cartmate.planner.price_relations import price_relation


@pytest.mark.parametrize(
    ("text", "relative", "products", "extra"),
    [
        ("something like the mug but cheaper?", "cheaper", ("mug",), {}),
        ("anything in the same price range as the sunglasses?", "near", ("sunglasses",), {}),
        ("something that costs about the same as two mugs", "near", ("mugs",), {"factor": 2}),
        ("anything a bit more expensive than the tank top?", "above", ("tank top",), {}),
        ("what's the next cheapest thing after the mug, going up in price?", "above", ("mug",),
         {"limit": 1}),
        ("and the one just above it in price?", "above", (None,), {"limit": 1}),
        ("the one just below the hairdryer", "below", ("hairdryer",), {"limit": 1}),
        ("is there anything between the mug and the sunglasses in price?", "between",
         ("mug", "sunglasses"), {}),
        ("anything under half the watch's price?", "cheaper", ("watch",), {"divisor": 2}),
        ("now put the one closest in price to the sunglasses in my cart", "near",
         ("sunglasses",), {"limit": 1}),
    ],
)  # fmt: skip
def test_searches_relative_to_a_price(
    text: str, relative: str, products: tuple[str | None, ...], extra: dict[str, int]
) -> None:
    intent = price_relation(text)
    assert intent is not None and intent.kind == "search" and intent.relative == relative
    assert tuple(r.text for r in intent.products) == products
    for name, value in extra.items():
        assert getattr(intent, name) == value


@pytest.mark.parametrize(
    ("text", "before"),
    [
        # "it" before the search is what the search is measured from
        ("add it, and the one just below it in price", (ShownEarlier(which="anchor"),)),
        ("put two of those in, plus the one right above it in price",
         (ShownEarlier(which="anchor"),)),
        # a product named by name stays named
        ("add the watch, and the one just below it in price", ("watch",)),
        # no add before the relation: only the one found is added
        ("add the one just below it in price", ()),
    ],
)  # fmt: skip
def test_an_add_said_before_a_relative_search_adds_both(
    text: str, before: tuple[ShownEarlier | str, ...]
) -> None:
    intent = understand(text)
    assert intent.kind == "search" and intent.limit == 1
    [added] = intent.secondary
    assert added.kind == "add_to_cart"
    *said, found = added.products
    assert found == ProductRef(anaphora=True)
    assert tuple(r.shown or r.text for r in said) == before


def test_an_amount_and_the_cart() -> None:
    closest = price_relation("what's closest in price to 20 euros?")
    assert closest is not None and closest.price == PriceLimit(Decimal("20"), "EUR")
    cart = price_relation("anything cheaper than everything in my cart?")
    assert cart is not None and cart.about_cart and cart.relative == "cheaper"


@pytest.mark.parametrize(
    "text",
    ["what's the difference between the mug and the jar", "anything between twenty and forty "
     "dollars?", "show me mugs", "is the mug cheaper than the jar?"],
)  # fmt: skip
def test_no_relation(text: str) -> None:
    assert price_relation(text) is None


def test_an_add_of_the_one_found() -> None:
    intent = understand("Add the one just above the shakers in price.")
    assert (intent.kind, intent.relative) == ("search", "above")
    assert [x.kind for x in intent.secondary] == ["add_to_cart"]


@pytest.mark.parametrize(
    ("text", "asked", "claim"),
    [
        ("Add 2 mugs at 8.99 each, that's 17.98 right?", "Add 2 mugs at 8.99 each",
         Claim((Decimal("17.98"),))),
        ("So 3 jars would be 16.47?", "how much would 3 jars come to?", Claim((Decimal("16.47"),))),
        ("So my total is 34.45 now?", "what's my total?", Claim((Decimal("34.45"),))),
        ("And a mug. Is my total 45 or 46 now?", "And a mug",
         Claim((Decimal("45"), Decimal("46")))),
        ("In euros that's about 180, right?", "what's that in euros?",
         Claim((Decimal("180"),), approximate=True)),
        ("Oh right. And five jars - 5.49 times five is 27.45?", "Oh right. And five jars",
         Claim((Decimal("27.45"),), worked_out=Decimal("27.45"))),
        ("If I take one mug out I save 8.99?", "If I take one mug out, what would it come to?",
         Claim((Decimal("8.99"),))),
    ],
)  # fmt: skip
def test_figures_worked_out(text: str, asked: str, claim: Claim) -> None:
    assert claim_said(text) == (asked, claim)


@pytest.mark.parametrize(
    "text",
    ["the mug is 8.99", "tell me if the mug is 7", "is the watch 100?", "set an alert at 90",
     "My budget for the two of them is 65 dollars in total. Am I still under that?"],
)  # fmt: skip
def test_no_figure_to_check(text: str) -> None:
    assert claim_said(text) is None


def test_the_request_carries_the_figure() -> None:
    intent = understand("The shakers are 18.49, so four of them is 73.96, add them.")
    assert intent.kind == "add_to_cart" and intent.quantity == 4
    assert intent.claim == Claim((Decimal("73.96"),))
    assert intent.products[0] == ProductRef(text="shakers", quantity=4)
