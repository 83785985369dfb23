"""Generated catalogs of any size, for bundle benchmarks and tests (deterministic by seed)."""

from __future__ import annotations

import random

from cartmate.boutique.models import Product
from cartmate.money import Money

__all__ = ["synthetic_catalog"]

_KINDS = [
    ("Tee", ("clothing", "tops")), ("Shirt", ("clothing", "tops")), ("Dress", ("clothing",)),
    ("Chinos", ("clothing",)), ("Sneakers", ("footwear",)), ("Boots", ("footwear",)),
    ("Loafers", ("footwear",)), ("Watch", ("accessories",)), ("Scarf", ("accessories",)),
    ("Belt", ("accessories",)), ("Sunglasses", ("accessories",)), ("Mug", ("kitchen",)),
    ("Candle", ("home", "decor")),
]  # fmt: skip
_COLOURS = ["black", "white", "navy", "grey", "beige", "red", "pink", "orange", "purple",
            "green", "blue", "yellow", "brown", "olive", "burgundy"]  # fmt: skip
_MATERIALS = ["cotton", "leather", "wool", "linen", "suede", "steel"]


def synthetic_catalog(n: int, seed: int = 7) -> list[Product]:
    """`n` products across clothing, footwear, accessories and home, priced $5-$300.

    Args:
        n: How many products.
        seed: The random seed (same seed, same catalog).
    """
    rng = random.Random(seed)
    products = []
    for i in range(n):
        kind, categories = rng.choice(_KINDS)
        colour, material = rng.choice(_COLOURS), rng.choice(_MATERIALS)
        cents = rng.randrange(500, 30_000)
        products.append(
            Product(
                id=f"GEN{i:07d}",
                name=f"{colour.title()} {material} {kind}",
                description=f"A {colour} {material} {kind.lower()} for every day.",
                picture="",
                price_usd=Money.from_nanos("USD", cents * 10_000_000),
                categories=categories,
            )
        )
    return products
