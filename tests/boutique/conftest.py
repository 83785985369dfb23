"""Fixtures: the embedded Online Boutique on ephemeral ports and clients connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from cartmate.boutique._rpc import RpcPolicy
from cartmate.boutique.clients import BoutiqueClients, ClientOptions, open_boutique_clients
from cartmate.embedded_boutique.server import BoutiqueAddresses, serve_boutique
from cartmate.store.redis_client import RedisConnection

FAST = ClientOptions(
    policy=RpcPolicy(timeout_s=2.0, retries=2, backoff_base_s=0.01, backoff_max_s=0.05),
    breaker_failures=3,
    breaker_reset_s=0.3,
)


@pytest.fixture
async def boutique(redis: RedisConnection) -> AsyncIterator[BoutiqueAddresses]:
    async with serve_boutique(
        redis, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
    ) as addresses:
        yield addresses


@pytest.fixture
async def clients(
    boutique: BoutiqueAddresses, redis: RedisConnection
) -> AsyncIterator[BoutiqueClients]:
    async with open_boutique_clients(boutique.served(), redis, FAST) as opened:
        yield opened
