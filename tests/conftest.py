"""Shared fixtures: a real Redis for every test that needs one.

Redis is the machine's when REDIS_URL is set (CI: 127.0.0.1:6379), otherwise an embedded
Valkey started once per test session. Each test gets its own key prefix, and its keys are
deleted afterwards, so tests never see each other's data.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from cartmate.store.embedded_valkey import embedded_valkey
from cartmate.store.redis_client import RedisConnection, open_redis


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of the Redis server tests use."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    with embedded_valkey(None, persist=False) as server:
        yield server.connection_url


@pytest.fixture
def key_prefix() -> str:
    """A key prefix of this test's own."""
    return f"cartmate-test:{uuid.uuid4().hex[:12]}:"


@pytest.fixture
async def redis(redis_url: str, key_prefix: str) -> AsyncIterator[RedisConnection]:
    """A RedisConnection under this test's prefix; its keys are deleted after the test."""
    async with open_redis(redis_url, key_prefix) as conn:
        yield conn
        keys = [key async for key in conn.client.scan_iter(match=key_prefix + "*", count=500)]
        if keys:
            await conn.client.delete(*keys)
