"""ProductCatalogService: list, get and search behave like Online Boutique's."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique import serve_boutique
from cartmate.embedded_boutique.catalog_data import DEFAULT_CATALOG_FILE

SUNGLASSES = "OLJCESPC7Z"


def _bundled() -> list[dict]:
    return json.loads(DEFAULT_CATALOG_FILE.read_text(encoding="utf-8"))["products"]


async def _search(stub: demo_pb2_grpc.ProductCatalogServiceStub, query: str) -> list[str]:
    response = await stub.SearchProducts(demo_pb2.SearchProductsRequest(query=query))
    return [product.id for product in response.results]


async def test_list_products_serves_the_bundled_catalog_in_file_order(catalog_stub) -> None:
    response = await catalog_stub.ListProducts(demo_pb2.Empty())
    expected = _bundled()
    assert [p.id for p in response.products] == [p["id"] for p in expected]
    for message, raw in zip(response.products, expected, strict=True):
        assert message.name == raw["name"]
        assert message.description == raw["description"]
        assert message.picture == raw["picture"]
        assert list(message.categories) == raw["categories"]
        assert message.price_usd.currency_code == raw["priceUsd"]["currencyCode"]
        assert message.price_usd.units == raw["priceUsd"]["units"]
        assert message.price_usd.nanos == raw["priceUsd"]["nanos"]


async def test_get_product(catalog_stub) -> None:
    product = await catalog_stub.GetProduct(demo_pb2.GetProductRequest(id=SUNGLASSES))
    assert product.id == SUNGLASSES
    assert product.name == "Sunglasses"
    assert (product.price_usd.currency_code, product.price_usd.units) == ("USD", 19)
    assert product.price_usd.nanos == 990_000_000
    assert list(product.categories) == ["accessories"]


async def test_get_unknown_product_is_not_found_with_the_real_message(catalog_stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await catalog_stub.GetProduct(demo_pb2.GetProductRequest(id="NOPE123"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    assert caught.value.details() == "no product with ID NOPE123"


async def test_search_is_case_insensitive_on_the_name(catalog_stub) -> None:
    assert await _search(catalog_stub, "SUNGLASSES") == [SUNGLASSES]
    assert await _search(catalog_stub, "sUnGlAsS") == [SUNGLASSES]


async def test_search_matches_substrings_of_the_description(catalog_stub) -> None:
    # "aviator" is only in the sunglasses' description, not in any name.
    assert await _search(catalog_stub, "AVIATOR") == [SUNGLASSES]
    expected = [
        p["id"]
        for p in _bundled()
        if "glass" in p["name"].lower() or "glass" in p["description"].lower()
    ]
    assert len(expected) >= 2  # the sunglasses and the glass jar at least
    assert await _search(catalog_stub, "Glass") == expected


async def test_search_with_no_match_and_empty_query(catalog_stub) -> None:
    assert await _search(catalog_stub, "no-such-thing-xyz") == []
    assert len(await _search(catalog_stub, "")) == len(_bundled())  # "" is in every string


async def test_search_does_not_look_at_categories(redis, tmp_path: Path) -> None:
    products = {
        "products": [
            {
                "id": "P1",
                "name": "Teapot",
                "description": "A round stoneware teapot.",
                "picture": "/static/img/products/teapot.jpg",
                "priceUsd": {"currencyCode": "USD", "units": 12, "nanos": 0},
                "categories": ["zzcategory"],
            }
        ]
    }
    path = tmp_path / "products.json"
    path.write_text(json.dumps(products), encoding="utf-8")
    async with serve_boutique(
        redis, catalog_port=0, catalog_file=path, services=("catalog",), grace_s=0
    ) as addresses:
        assert addresses.catalog is not None
        async with grpc.aio.insecure_channel(addresses.catalog) as channel:
            stub = demo_pb2_grpc.ProductCatalogServiceStub(channel)
            assert await _search(stub, "zzcategory") == []
            assert await _search(stub, "STONEWARE") == ["P1"]
