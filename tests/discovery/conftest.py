"""Fixtures for discovery tests: the bundled catalog as `cartmate.boutique.models.Product`s."""

from __future__ import annotations

import pytest

from cartmate.boutique.models import Product
from cartmate.discovery import ProductIndex
from cartmate.embedded_boutique import catalog_data

# The shorter descriptions of upstream Online Boutique's products.json, so ranking is also
# checked against the terse text the real ProductCatalogService serves.
UPSTREAM_DESCRIPTIONS = {
    "OLJCESPC7Z": "Add a modern touch to your outfits with these sleek aviator sunglasses.",
    "66VCHSJNUP": "Perfectly cropped cotton tank, with a scooped neckline.",
    "1YMWWN1N4O": "This gold-tone stainless steel watch will work with most of your outfits.",
    "L9ECAV7KIM": "A neat addition to your summer wardrobe.",
    "2ZYFJ3GM2N": (
        "This lightweight hairdryer has 3 heat and speed settings. It's perfect for travel."
    ),
    "0PUK6V6EV0": "This small but intricate candle holder is an excellent gift.",
    "LS4PSXUNUM": "Add some flavor to your kitchen.",
    "9SIQT8TOJO": "This bamboo glass jar can hold 57 oz (1.7 l) and is perfect for any kitchen.",
    "6E92ZMYYFZ": "A simple mug with a mustard interior.",
}


def to_model(entry: catalog_data.Product) -> Product:
    """A products.json entry (pydantic) as the boutique boundary's `Product` dataclass."""
    return Product(
        id=entry.id,
        name=entry.name,
        description=entry.description,
        picture=entry.picture,
        price_usd=entry.price_usd.to_money(),
        categories=tuple(entry.categories),
    )


def bundled_products() -> list[Product]:
    """The nine products of the bundled catalog, in file order."""
    return [to_model(entry) for entry in catalog_data.load_catalog().products]


def upstream_products() -> list[Product]:
    """The bundled products with upstream Online Boutique's descriptions."""
    return [
        Product(p.id, p.name, UPSTREAM_DESCRIPTIONS[p.id], p.picture, p.price_usd, p.categories)
        for p in bundled_products()
    ]


@pytest.fixture(scope="session")
def products() -> list[Product]:
    return bundled_products()


@pytest.fixture(scope="session")
def index(products: list[Product]) -> ProductIndex:
    return ProductIndex(products)


@pytest.fixture(scope="session", params=["bundled", "upstream"])
def any_index(request: pytest.FixtureRequest) -> ProductIndex:
    """An index over the bundled catalog, then over the same products with upstream text."""
    return ProductIndex(bundled_products() if request.param == "bundled" else upstream_products())
