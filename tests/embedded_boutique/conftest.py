"""Fixtures for the embedded Online Boutique: all four services on ephemeral loopback ports,
and raw gRPC stubs to them (as any Online Boutique client would use)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest

from cartmate.boutique.pb import demo_pb2_grpc
from cartmate.embedded_boutique import BoutiqueAddresses, serve_boutique
from cartmate.store.redis_client import RedisConnection

EPHEMERAL = {"catalog_port": 0, "cart_port": 0, "currency_port": 0, "recommendation_port": 0}


@pytest.fixture
async def boutique(redis: RedisConnection) -> AsyncIterator[BoutiqueAddresses]:
    async with serve_boutique(redis, **EPHEMERAL, grace_s=0) as addresses:
        yield addresses


@pytest.fixture
async def catalog_stub(
    boutique: BoutiqueAddresses,
) -> AsyncIterator[demo_pb2_grpc.ProductCatalogServiceStub]:
    assert boutique.catalog is not None
    async with grpc.aio.insecure_channel(boutique.catalog) as channel:
        yield demo_pb2_grpc.ProductCatalogServiceStub(channel)


@pytest.fixture
async def cart_stub(boutique: BoutiqueAddresses) -> AsyncIterator[demo_pb2_grpc.CartServiceStub]:
    assert boutique.cart is not None
    async with grpc.aio.insecure_channel(boutique.cart) as channel:
        yield demo_pb2_grpc.CartServiceStub(channel)


@pytest.fixture
async def currency_stub(
    boutique: BoutiqueAddresses,
) -> AsyncIterator[demo_pb2_grpc.CurrencyServiceStub]:
    assert boutique.currency is not None
    async with grpc.aio.insecure_channel(boutique.currency) as channel:
        yield demo_pb2_grpc.CurrencyServiceStub(channel)


@pytest.fixture
async def recommendation_stub(
    boutique: BoutiqueAddresses,
) -> AsyncIterator[demo_pb2_grpc.RecommendationServiceStub]:
    assert boutique.recommendation is not None
    async with grpc.aio.insecure_channel(boutique.recommendation) as channel:
        yield demo_pb2_grpc.RecommendationServiceStub(channel)
