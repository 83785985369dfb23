"""ProductIndex.categories, match_category and complements over the bundled catalog."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cartmate.boutique.models import Product
from cartmate.discovery import ProductIndex, ScoredProduct

SUNGLASSES, TANK_TOP, WATCH, LOAFERS = "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM"
HAIRDRYER, CANDLE_HOLDER = "2ZYFJ3GM2N", "0PUK6V6EV0"
SHAKERS, JAR, MUG = "LS4PSXUNUM", "9SIQT8TOJO", "6E92ZMYYFZ"


def ids(results: list[ScoredProduct]) -> list[str]:
    return [r.product.id for r in results]


def test_categories_are_sorted_and_distinct(index: ProductIndex) -> None:
    assert index.categories() == [
        "accessories",
        "beauty",
        "clothing",
        "decor",
        "footwear",
        "hair",
        "home",
        "kitchen",
        "tops",
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("kitchen", "kitchen"),
        ("Kitchen", "kitchen"),
        ("kitchen stuff", "kitchen"),
        ("kitchenware", "kitchen"),
        ("something for cooking", "kitchen"),
        ("kitchn", "kitchen"),  # typo
        ("shoes", "footwear"),
        ("FOOTWEAR", "footwear"),
        ("decor", "decor"),
        ("decorations", "decor"),
        ("home", "home"),
        ("for the living room", "home"),
        ("tops", "tops"),
        ("top", "tops"),
        ("t-shirts", "tops"),
        ("clothes", "clothing"),
        ("apparel", "clothing"),
        ("accessory", "accessories"),
        ("hair", "hair"),
        ("grooming", "beauty"),
        ("beauty and hair", "beauty"),  # the first one named
    ],
)
def test_match_category(index: ProductIndex, text: str, category: str) -> None:
    assert index.match_category(text) == category


@pytest.mark.parametrize("text", ["", "watch", "timepiece", "xyzzy", "something", "chair"])
def test_match_category_none(index: ProductIndex, text: str) -> None:
    assert index.match_category(text) is None


def test_every_category_matches_itself(index: ProductIndex) -> None:
    for category in index.categories():
        assert index.match_category(category) == category
        assert index.match_category(category.upper()) == category


def test_match_category_returns_the_catalog_spelling(products: list[Product]) -> None:
    shouting = [replace(p, categories=("Kitchen",)) for p in products[6:]]
    index = ProductIndex(shouting)
    assert index.match_category("kitchenware") == "Kitchen"
    assert len(index.search(category="kitchen")) == 3


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([LOAFERS], [TANK_TOP, SUNGLASSES, WATCH]),
        ([TANK_TOP], [LOAFERS, SUNGLASSES, WATCH]),
        ([SUNGLASSES], [TANK_TOP, LOAFERS, HAIRDRYER]),
        ([MUG], [SHAKERS, JAR, CANDLE_HOLDER]),
        ([CANDLE_HOLDER], [SHAKERS, JAR, MUG]),
        ([HAIRDRYER], [SUNGLASSES, WATCH]),
        ([LOAFERS, MUG], [TANK_TOP, SHAKERS, JAR]),
        ([MUG, SHAKERS], [JAR, CANDLE_HOLDER]),
    ],
)
def test_complements(index: ProductIndex, given: list[str], expected: list[str]) -> None:
    results = index.complements(given)
    assert ids(results) == expected
    assert all(r.score > 0 and r.matched for r in results)


def test_complements_explain_the_pairing(index: ProductIndex) -> None:
    first = index.complements([LOAFERS])[0]
    assert first.matched == ("goes with Loafers (footwear → clothing)",)


def test_complements_of_a_cart_add_up(index: ProductIndex) -> None:
    # The jar goes with both kitchen items; the candle holder with each a little less.
    results = index.complements([MUG, SHAKERS], limit=10)
    assert [r.score for r in results] == [2.0, 1.4]
    assert len(results[0].matched) == 2


def test_complements_never_return_the_given_products(index: ProductIndex) -> None:
    every = [p.id for p in index.products]
    for product_id in every:
        assert product_id not in ids(index.complements([product_id], limit=100))
    assert index.complements(every, limit=100) == []


def test_complements_edge_cases(index: ProductIndex) -> None:
    assert index.complements([]) == []
    assert index.complements(["NOPE"]) == []
    assert index.complements([LOAFERS], limit=0) == []
    assert ids(index.complements([LOAFERS.lower(), "NOPE"])) == [TANK_TOP, SUNGLASSES, WATCH]
    assert ids(index.complements([LOAFERS], limit=1)) == [TANK_TOP]
    assert index.complements([LOAFERS, LOAFERS]) == index.complements([LOAFERS])
