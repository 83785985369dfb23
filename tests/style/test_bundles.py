"""Coherence rules and bundle optimisation: exact on the demo catalog, bounded on big ones."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from cartmate.boutique.models import Product
from cartmate.money import Money
from cartmate.style.bundles import (
    BundleItem,
    bundle_objective,
    feasible,
    optimise_bundle,
)
from cartmate.style.catalog_traits import ProductTraits, text_traits
from cartmate.style.coherence import Piece, coherence, slot_of
from cartmate.style.synthetic import synthetic_catalog

CATALOG = Path(__file__).resolve().parents[2] / "cartmate/embedded_boutique/data/products.json"


def demo_products() -> list[Product]:
    raw = json.loads(CATALOG.read_text())["products"]
    return [
        Product(
            id=p["id"],
            name=p["name"],
            description=p["description"],
            picture=p["picture"],
            price_usd=Money.from_dict(p["priceUsd"]),
            categories=tuple(p["categories"]),
        )
        for p in raw
    ]


def items_of(products: list[Product], affinity: dict[str, float] | None = None) -> list[BundleItem]:
    return [
        BundleItem(
            Piece(p, text_traits(p)), p.price_usd.total_nanos, (affinity or {}).get(p.name, 0)
        )
        for p in products
    ]


def usd(amount: str) -> int:
    return Money.from_decimal(amount, "USD").total_nanos


def brute_force(items: list[BundleItem], budget: int) -> float:
    best = 0.0
    for size in range(1, 5):
        for subset in combinations(items, size):
            if feasible(subset, budget):
                best = max(best, bundle_objective(subset))
    return best


def names(result) -> set[str]:
    return {i.piece.product.name for i in result.items}


@pytest.mark.parametrize("budget", ["0", "10", "19.99", "25", "40", "110", "128.97", "129", "250"])
def test_the_exact_bundle_is_optimal_within_budget(budget: str) -> None:
    items = items_of(demo_products())
    result = optimise_bundle(items, usd(budget))
    assert result.method == "exact"
    assert result.total_nanos <= usd(budget) and feasible(result.items, usd(budget))
    assert result.objective == pytest.approx(brute_force(items, usd(budget)), abs=1e-9)


def test_a_complete_outfit_when_the_budget_allows() -> None:
    result = optimise_bundle(items_of(demo_products()), usd("128.97"))
    assert names(result) == {"Tank Top", "Loafers", "Sunglasses"}
    assert result.total_nanos == usd("128.97")  # 18.99 + 89.99 + 19.99, exactly
    assert result.coherence.completeness == 1.0 and result.coherence.missing == ()
    # One cent less: footwear no longer fits beside the rest.
    cheaper = optimise_bundle(items_of(demo_products()), usd("128.96"))
    assert "Loafers" not in names(cheaper) or "Sunglasses" not in names(cheaper)


def test_affinity_decides_between_equally_coherent_bundles() -> None:
    products = demo_products()
    plain = optimise_bundle(items_of(products), usd("250"))
    assert "Watch" not in names(plain)  # ties go to the cheaper set
    liked = optimise_bundle(items_of(products, {"Watch": 1.0}), usd("250"))
    assert "Watch" in names(liked)
    brute = brute_force(items_of(products, {"Watch": 1.0}), usd("250"))
    assert liked.objective == pytest.approx(brute, abs=1e-9)


def test_a_generated_5000_product_catalog_is_handled() -> None:
    products = synthetic_catalog(5000)
    items = [BundleItem(Piece(p, text_traits(p)), p.price_usd.total_nanos) for p in products]
    result = optimise_bundle(items, usd("120"), max_iterations=3000)
    assert result.method == "heuristic"
    assert feasible(result.items, usd("120"))
    assert result.coherence.completeness == 1.0 and result.coherence.harmony == 1.0
    # Small enough for the exact solver: the heuristic agrees with it there.
    few = items[:40]
    exact = optimise_bundle(few, usd("120"))
    bounded = optimise_bundle(few, usd("120"), exact_max=0)
    assert bounded.method == "heuristic"
    assert bounded.objective == pytest.approx(exact.objective, abs=1e-9)


def piece(name: str, categories: tuple[str, ...], **traits: object) -> Piece:
    product = Product(
        id=name.upper().replace(" ", ""),
        name=name,
        description="",
        picture="",
        price_usd=Money("USD", 10, 0),
        categories=categories,
    )
    return Piece(product, ProductTraits(categories=list(categories), **traits))


def test_coherence_reasons() -> None:
    top = piece("Red Top", ("clothing",), colours=["red"], aesthetics={"romantic": 0.8})
    boots = piece("Pink Boots", ("footwear",), colours=["pink"], aesthetics={"edgy": 0.7})
    verdict = coherence([top, boots])
    assert verdict.harmony == pytest.approx(0.6)
    assert "Red Top's red clashes with Pink Boots's pink" in verdict.reasons
    assert "Red Top is romantic but Pink Boots is edgy" in verdict.reasons
    assert verdict.missing == ("accessories",)
    assert verdict.advice == ("add an accessory to finish the look",)
    assert verdict.score == pytest.approx(0.6 * 2 / 3 + 0.4 * 0.6)

    calm = coherence([piece("Black Tee", ("clothing", "tops"), colours=["black", "white"])])
    assert calm.missing == ("footwear", "accessories") and calm.harmony == 1.0
    assert calm.reasons == ("nothing clashes",)

    formal = piece("Suit", ("clothing",), formality="formal", colours=["navy"])
    flip = piece("Flip Flops", ("footwear",), formality="casual", colours=["navy"])
    mixed = coherence([formal, flip])
    assert "mixes formal and casual pieces" in mixed.reasons

    loud = [
        piece(f"{c} Scarf", ("accessories",), colours=[c])
        for c in ("green", "blue", "yellow", "teal", "purple")
    ]
    assert any("too many accent colours" in r for r in coherence(loud).reasons)

    kitchen = coherence([piece("Mug", ("kitchen",))])
    assert kitchen.completeness is None and kitchen.score == 1.0


def test_slots() -> None:
    assert [slot_of(p) for p in demo_products()[:5]] == [
        "accessories", "clothing", "accessories", "footwear", None
    ]  # fmt: skip
