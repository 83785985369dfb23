"""ProductIndex over a generated catalog of 1,000 products plus the bundled nine."""

from __future__ import annotations

import itertools
import random

import pytest

from cartmate.boutique.models import Product
from cartmate.discovery import ProductIndex
from cartmate.money import Money

from .conftest import bundled_products

NOUNS = {
    "Wallet": ("accessories",),
    "Belt": ("accessories",),
    "Scarf": ("clothing", "accessories"),
    "Jacket": ("clothing",),
    "Blouse": ("clothing", "tops"),
    "Sneakers": ("footwear",),
    "Boots": ("footwear",),
    "Plate": ("kitchen",),
    "Bowl": ("kitchen",),
    "Teapot": ("kitchen",),
    "Lamp": ("home", "decor"),
    "Vase": ("decor", "home"),
    "Comb": ("hair", "beauty"),
}
MATERIALS = ["Leather", "Cotton", "Ceramic", "Bamboo", "Steel", "Wool", "Linen", "Oak"]
STYLES = ["Classic", "Modern", "Rustic", "Urban", "Vintage", "Nordic", "Coastal", "Studio"]
STYLES += ["Heritage", "Everyday"]
COLOURS = ["black", "white", "navy", "red", "green", "beige", "grey", "brown", "pink"]


def synthetic_products(count: int = 1000) -> list[Product]:
    """`count` products with unique names "<Style> <Material> <Noun>", deterministic."""
    rng = random.Random(20240607)
    combos = itertools.islice(itertools.product(STYLES, MATERIALS, NOUNS), count)
    products = []
    for i, (style, material, noun) in enumerate(combos):
        colour = rng.choice(COLOURS)
        description = (
            f"A {colour} {noun.lower()} in {material.lower()}, {style.lower()} in spirit "
            f"and made to last. {rng.choice(['Hand finished.', 'Easy care.', 'Gift boxed.'])}"
        )
        price = Money("USD", rng.randint(5, 300), rng.choice([0, 490_000_000, 990_000_000]))
        products.append(
            Product(
                id=f"SYN{i:05d}",
                name=f"{style} {material} {noun}",
                description=description,
                picture=f"/static/img/products/syn-{i}.jpg",
                price_usd=price,
                categories=NOUNS[noun],
            )
        )
    return products


@pytest.fixture(scope="module")
def big() -> ProductIndex:
    products = synthetic_products()
    assert len(products) == 1000
    return ProductIndex(products + bundled_products())


def test_builds_over_the_whole_catalog(big: ProductIndex) -> None:
    assert len(big.products) == 1009
    assert "kitchen" in big.categories() and "footwear" in big.categories()


def test_name_words_rank_first(big: ProductIndex) -> None:
    results = big.search("leather wallet")
    top = [r.product.name for r in results[:10]]
    assert all("Leather" in name and "Wallet" in name for name in top)
    assert len(results) > 10  # other wallets and leather goods follow
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)


def test_typos_still_find_the_product(big: ProductIndex) -> None:
    assert "Wallet" in big.search("walet")[0].product.name
    assert "Sneakers" in big.search("sneekers")[0].product.name
    assert big.search("sunglases")[0].product.name == "Sunglasses"


def test_synonyms_and_categories(big: ProductIndex) -> None:
    assert big.search("shades")[0].product.name == "Sunglasses"
    assert big.search("timepiece")[0].product.name == "Watch"
    kitchen = big.search("something for the kitchen")
    assert kitchen and all("kitchen" in r.product.categories for r in kitchen)
    shoes = big.search("shoes", limit=20)
    assert shoes[0].product.name == "Loafers"
    assert all("footwear" in r.product.categories for r in shoes)


def test_colour_attribute(big: ProductIndex) -> None:
    results = big.search("navy")
    assert results and all("navy" in r.product.description for r in results)
    # "blue" finds navy products too (one-way equivalence).
    assert {r.product.id for r in big.search("blue")} == {r.product.id for r in results}


def test_category_filter_and_limit(big: ProductIndex) -> None:
    results = big.search("ceramic", category="kitchenware", limit=5)
    assert len(results) == 5
    assert all("kitchen" in r.product.categories for r in results)
    everything = big.search(category="decor")
    assert [r.product for r in everything] == [p for p in big.products if "decor" in p.categories]


def test_resolve(big: ProductIndex) -> None:
    product = big.products[123]
    assert [r.product for r in big.resolve(product.id.lower())] == [product]
    assert [r.product for r in big.resolve(f"the {product.name.lower()}")] == [product]
    # "wallet" names many products: all of them come back, as close candidates.
    wallets = big.resolve("wallet")
    expected = {p.id for p in big.products if p.name.endswith(" Wallet")}
    assert len(expected) > 50 and {r.product.id for r in wallets} == expected
    assert wallets[0].score == 1.0 and min(r.score for r in wallets) > 0.9


def test_complements(big: ProductIndex) -> None:
    boots = next(p for p in big.products if p.name.endswith("Boots"))
    results = big.complements([boots.id], limit=5)
    assert len(results) == 5 and boots.id not in {r.product.id for r in results}
    assert all("clothing" in r.product.categories for r in results)


def test_deterministic(big: ProductIndex) -> None:
    again = ProductIndex(list(big.products))
    for query in ["leather wallet", "black", "walet", "kitchen", "oak lamp"]:
        assert again.search(query) == big.search(query)
