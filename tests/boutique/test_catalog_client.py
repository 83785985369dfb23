"""CatalogClient against the embedded ProductCatalogService over loopback."""

from __future__ import annotations

import pytest

from cartmate.boutique.clients import BoutiqueClients, open_boutique_clients
from cartmate.boutique.models import Product
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.errors import NotFoundError, UnavailableError
from cartmate.money import Money
from cartmate.store.redis_client import RedisConnection
from tests.boutique.conftest import FAST


async def test_lists_typed_products(clients: BoutiqueClients) -> None:
    products = await clients.catalog.list_products()
    assert len(products) == 9
    assert all(isinstance(p, Product) for p in products)
    sunglasses = next(p for p in products if p.id == "OLJCESPC7Z")
    assert sunglasses.name == "Sunglasses"
    assert sunglasses.price_usd == Money("USD", 19, 990_000_000)
    assert sunglasses.categories == ("accessories",)


async def test_gets_one_product(clients: BoutiqueClients) -> None:
    mug = await clients.catalog.get_product("6E92ZMYYFZ")
    assert mug.name == "Mug" and "kitchen" in mug.categories


async def test_unknown_product_is_a_typed_not_found(clients: BoutiqueClients) -> None:
    with pytest.raises(NotFoundError) as caught:
        await clients.catalog.get_product("NOPE000000")
    assert caught.value.details["product_id"] == "NOPE000000"
    assert not caught.value.retryable


async def test_search_is_the_services_substring_search(clients: BoutiqueClients) -> None:
    found = await clients.catalog.search_products("SUNGLASSES")
    assert [p.id for p in found] == ["OLJCESPC7Z"]
    assert await clients.catalog.search_products("no such thing anywhere") == ()


async def test_cached_catalog_answers_while_the_service_is_down(redis: RedisConnection) -> None:
    others = dict.fromkeys(("cart", "currency", "recommendation"), "127.0.0.1:1")
    server = serve_boutique(redis, services=("catalog",), catalog_port=0)
    addresses = await server.__aenter__()
    try:
        assert addresses.catalog is not None
        async with open_boutique_clients(
            {**others, "catalog": addresses.catalog}, redis, FAST
        ) as c:
            assert len(await c.catalog.list_products()) == 9
            await server.__aexit__(None, None, None)
            server = None
            # The service is gone: the cached catalog still answers lists and lookups.
            assert len(await c.catalog.list_products()) == 9
            assert (await c.catalog.get_product("1YMWWN1N4O")).name == "Watch"
            # Past its time to live the last good catalog still answers, marked stale.
            c.catalog.invalidate()
            assert len(await c.catalog.list_products()) == 9 and c.catalog.stale
            # With no copy at all, the outage shows as a typed, retryable error.
            c.catalog.invalidate(forget_last_good=True)
            with pytest.raises(UnavailableError) as caught:
                await c.catalog.list_products()
            assert caught.value.retryable
    finally:
        if server is not None:
            await server.__aexit__(None, None, None)
