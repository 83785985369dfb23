"""Serving: health, one server per service, data files (bundled, custom, malformed)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.config import Settings
from cartmate.embedded_boutique import (
    BoutiqueAddresses,
    BoutiqueDataError,
    embedded_services,
    load_catalog,
    load_currency_table,
    run_boutique,
    serve_boutique,
)
from cartmate.embedded_boutique.catalog_data import DEFAULT_CATALOG_FILE, DEFAULT_CURRENCY_FILE

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "online-boutique"
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is not on this machine"
)

FULL_NAMES = {
    "catalog": "hipstershop.ProductCatalogService",
    "cart": "hipstershop.CartService",
    "currency": "hipstershop.CurrencyService",
    "recommendation": "hipstershop.RecommendationService",
}


def _product(pid: str, **overrides: object) -> dict:
    product = {
        "id": pid,
        "name": f"Product {pid}",
        "description": "Plain.",
        "picture": f"/static/img/products/{pid}.jpg",
        "priceUsd": {"currencyCode": "USD", "units": 3, "nanos": 250_000_000},
        "categories": ["misc"],
    }
    product.update(overrides)
    return product


def _write(tmp_path: Path, content: object, name: str = "products.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


# ---------------------------------------------------------------------------- health & serving


async def test_every_service_reports_serving(boutique: BoutiqueAddresses) -> None:
    assert set(boutique.served()) == set(FULL_NAMES)
    assert len(set(boutique.served().values())) == 4  # one port each
    for name, address in boutique.served().items():
        async with grpc.aio.insecure_channel(address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            for service in ("", FULL_NAMES[name]):
                reply = await health.Check(health_pb2.HealthCheckRequest(service=service))
                assert reply.status == health_pb2.HealthCheckResponse.SERVING
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await health.Check(health_pb2.HealthCheckRequest(service="hipstershop.Nope"))
            assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_single_service_can_be_stopped_and_restarted(redis) -> None:
    request = demo_pb2.AddItemRequest(
        user_id="u1", item=demo_pb2.CartItem(product_id="OLJCESPC7Z", quantity=2)
    )
    async with serve_boutique(redis, cart_port=0, services=["cart"], grace_s=0) as first:
        assert first.served().keys() == {"cart"}
        assert first.cart is not None
        async with grpc.aio.insecure_channel(first.cart) as channel:
            await demo_pb2_grpc.CartServiceStub(channel).AddItem(request)
    port = int(first.cart.rsplit(":", 1)[1])
    async with serve_boutique(redis, cart_port=port, services=["cart"], grace_s=0) as second:
        assert second.cart == first.cart
        async with grpc.aio.insecure_channel(second.cart) as channel:
            cart = await demo_pb2_grpc.CartServiceStub(channel).GetCart(
                demo_pb2.GetCartRequest(user_id="u1")
            )
    assert [(i.product_id, i.quantity) for i in cart.items] == [("OLJCESPC7Z", 2)]  # in Redis


async def test_a_port_in_use_is_a_clear_error(redis) -> None:
    async with serve_boutique(None, currency_port=0, services=["currency"], grace_s=0) as taken:
        assert taken.currency is not None
        port = int(taken.currency.rsplit(":", 1)[1])
        with pytest.raises(OSError, match="currency service cannot listen"):
            async with serve_boutique(None, currency_port=port, services=["currency"]):
                pass


async def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown boutique services"):
        async with serve_boutique(None, services=["shipping"]):
            pass
    with pytest.raises(ValueError, match="needs a Redis"):
        async with serve_boutique(None, services=["cart"]):
            pass


async def test_run_boutique_serves_from_settings_until_cancelled(redis) -> None:
    settings = Settings(catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0)
    ready: asyncio.Future[BoutiqueAddresses] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(run_boutique(settings, redis, on_ready=ready.set_result))
    try:
        addresses = await asyncio.wait_for(ready, 10)
        assert addresses.currency is not None
        async with grpc.aio.insecure_channel(addresses.currency) as channel:
            reply = await demo_pb2_grpc.CurrencyServiceStub(channel).GetSupportedCurrencies(
                demo_pb2.Empty()
            )
        assert "EUR" in reply.currency_codes
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


def test_embedded_services_are_those_without_an_address() -> None:
    settings = Settings(CART_SERVICE_ADDR="cartservice:7070", PRODUCT_CATALOG_SERVICE_ADDR="")
    assert embedded_services(settings) == ("catalog", "currency", "recommendation")


# ---------------------------------------------------------------------------- catalog files


async def test_a_custom_products_file_is_served(redis, tmp_path: Path) -> None:
    path = _write(tmp_path, {"products": [_product("C1"), _product("C2", name="Lamp")]})
    async with serve_boutique(
        redis, catalog_port=0, catalog_file=path, services=("catalog",), grace_s=0
    ) as addresses:
        assert addresses.catalog is not None
        async with grpc.aio.insecure_channel(addresses.catalog) as channel:
            stub = demo_pb2_grpc.ProductCatalogServiceStub(channel)
            listed = await stub.ListProducts(demo_pb2.Empty())
            lamp = await stub.GetProduct(demo_pb2.GetProductRequest(id="C2"))
    assert [p.id for p in listed.products] == ["C1", "C2"]
    assert (lamp.name, lamp.price_usd.units, lamp.price_usd.nanos) == ("Lamp", 3, 250_000_000)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("{not json", "not JSON"),
        ({"items": []}, "products"),
        ({"products": [_product("A1", priceUsd=None)]}, "products[0] (id 'A1').priceUsd"),
        (
            {"products": [_product("A1"), _product("A2", priceUsd={"currencyCode": "USD"})]},
            "",  # units/nanos default to 0: valid
        ),
        (
            {
                "products": [
                    _product("A1"),
                    _product("A2", priceUsd={"currencyCode": "USD", "units": 1, "nanos": -1}),
                ]
            },
            "products[1] (id 'A2').priceUsd",
        ),
        ({"products": [_product("A1"), _product("A1")]}, "duplicate product id 'A1'"),
        ({"products": [_product("")]}, "products[0] (id '').id"),
        ({"products": [_product("A1", categroies=["typo"])]}, "categroies"),
        ({"products": [_product("A1", categories="kitchen")]}, "categories"),
    ],
)
def test_a_malformed_products_file_names_the_file_and_the_problem(
    tmp_path: Path, content: object, complaint: str
) -> None:
    path = _write(tmp_path, content)
    if not complaint:
        assert len(load_catalog(path)) == 2
        return
    with pytest.raises(BoutiqueDataError) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)
    assert complaint in str(caught.value)


def test_a_missing_products_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(BoutiqueDataError, match="cannot read product catalog .*missing.json"):
        load_catalog(tmp_path / "missing.json")


async def test_serve_fails_before_listening_on_a_bad_catalog(redis, tmp_path: Path) -> None:
    path = _write(tmp_path, {"products": [{"id": "X"}]})
    with pytest.raises(BoutiqueDataError, match=str(path)):
        async with serve_boutique(redis, catalog_port=0, catalog_file=path):
            pass


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("[]", "JSON object"),
        ({"USD": "1.1"}, "EUR-based"),
        ({"EUR": "1.0", "usd": "1.1"}, "'usd'"),
        ({"EUR": "1.0", "USD": "abc"}, "rate of USD is not a number"),
        ({"EUR": "1.0", "USD": True}, "rate of USD is not a number"),
        ({"EUR": "1.0", "USD": "-2"}, "positive"),
    ],
)
def test_a_malformed_currency_file_names_the_file(
    tmp_path: Path, content: object, complaint: str
) -> None:
    path = _write(tmp_path, content, "rates.json")
    with pytest.raises(BoutiqueDataError) as caught:
        load_currency_table(path)
    assert str(path) in str(caught.value)
    assert complaint in str(caught.value)


def test_unquoted_rates_keep_every_digit(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"EUR": 1.0, "USD": 1.13050000000000000001}', "rates.json")
    table = load_currency_table(path)
    assert table.codes == ("EUR", "USD")
    assert str(table.rates.rate("USD")) == "1.13050000000000000001"


# ---------------------------------------------------------------------------- bundled data


def test_bundled_files_load() -> None:
    assert len(load_catalog()) == 9
    assert len(load_currency_table().codes) == 33


@needs_reference
def test_bundled_catalog_matches_the_reference_facts_with_our_own_descriptions() -> None:
    ours = json.loads(DEFAULT_CATALOG_FILE.read_text(encoding="utf-8"))["products"]
    theirs = json.loads((REFERENCE / "products.json").read_text(encoding="utf-8"))["products"]
    facts = ("id", "name", "picture", "priceUsd", "categories")
    assert [{k: p[k] for k in facts} for p in ours] == [{k: p[k] for k in facts} for p in theirs]
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine["description"].strip()
        assert mine["description"] != reference["description"]
        assert reference["description"].lower() not in mine["description"].lower()


@needs_reference
def test_bundled_rate_table_is_the_reference_table() -> None:
    ours = json.loads(DEFAULT_CURRENCY_FILE.read_text(encoding="utf-8"))
    theirs = json.loads((REFERENCE / "currency_conversion.json").read_text(encoding="utf-8"))
    assert list(ours.items()) == list(theirs.items())
