"""The Redis connection: one pool reused, reconnect after CLIENT KILL, prefix, health,
and the embedded Valkey server."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from cartmate.errors import UnavailableError
from cartmate.store.embedded_valkey import embedded_valkey
from cartmate.store.redis_client import KeySpace, RedisConnection, open_redis, redis_errors
from tests.helpers import free_port


def _pool_size(conn: RedisConnection) -> int:
    pool = conn.pool
    return len(pool._available_connections) + len(pool._in_use_connections)


async def test_sequential_commands_reuse_one_connection(redis: RedisConnection) -> None:
    ids = {await redis.client.client_id() for _ in range(20)}
    assert len(ids) == 1
    assert _pool_size(redis) == 1


async def test_concurrent_commands_share_a_bounded_pool(redis_url: str, key_prefix: str) -> None:
    async with open_redis(redis_url, key_prefix, max_connections=4) as conn:
        await asyncio.gather(*(conn.client.incr(conn.keys.key("n")) for _ in range(50)))
        assert await conn.client.get(conn.keys.key("n")) == "50"
        assert _pool_size(conn) <= 4
        # Every connection came back, whether its waiter took redis-py's path or the fast one.
        assert not conn.pool._in_use_connections
        await conn.client.delete(conn.keys.key("n"))


async def test_waiters_for_a_full_pool_are_woken_as_connections_return(
    redis_url: str, key_prefix: str
) -> None:
    async with open_redis(redis_url, key_prefix, max_connections=1) as conn:
        # Each BLPOP holds the only connection for 0.1 s; the rest wait for it in turn.
        empty = conn.keys.key("empty")
        started = asyncio.get_running_loop().time()
        replies = await asyncio.wait_for(
            asyncio.gather(*(conn.client.blpop([empty], timeout=0.1) for _ in range(5))), 10
        )
        assert replies == [None] * 5
        assert asyncio.get_running_loop().time() - started >= 0.45  # one after the other
        assert _pool_size(conn) == 1 and not conn.pool._in_use_connections


async def test_reconnects_after_the_server_kills_the_connection(
    redis: RedisConnection, redis_url: str
) -> None:
    before = await redis.client.client_id()
    await redis.client.set(redis.keys.key("k"), "v")
    admin = Redis.from_url(redis_url)
    try:
        assert await admin.execute_command("CLIENT", "KILL", "ID", before) == 1
    finally:
        await admin.aclose()
    # The next command finds the socket closed, reconnects and retries.
    assert await redis.client.get(redis.keys.key("k")) == "v"
    assert await redis.client.client_id() != before


async def test_keys_live_under_the_prefix(redis: RedisConnection, key_prefix: str) -> None:
    assert KeySpace("cartmate:").key("cart", "user 1") == "cartmate:cart:user 1"
    await redis.client.set(redis.keys.key("a", "b"), "1")
    found = [k async for k in redis.client.scan_iter(match=redis.keys.pattern("a"))]
    assert found == [f"{key_prefix}a:b"]


async def test_health_reports_latency(redis: RedisConnection) -> None:
    health = await redis.health()
    assert health.ok and health.latency_ms is not None and health.latency_ms >= 0


async def test_unreachable_redis_is_a_clear_unavailable_error() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(UnavailableError) as caught:
        async with open_redis(url, timeout_s=0.5):
            pass
    assert caught.value.retryable and "does not answer" in caught.value.message


async def test_health_of_a_dead_server_says_so_without_raising() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    async with open_redis(url, timeout_s=0.5, check=False) as conn:
        health = await conn.health()
    assert not health.ok and health.error


def test_redis_errors_become_unavailable() -> None:
    with pytest.raises(UnavailableError), redis_errors("session store"):
        raise RedisConnectionError("boom")


async def test_embedded_valkey_starts_serves_persists_and_stops(tmp_path: Path) -> None:
    data = tmp_path / "valkey"
    with embedded_valkey(data) as server:
        url = server.connection_url
        client = Redis.from_url(url, decode_responses=True)
        await client.set("cartmate:probe", "kept")
        assert (await client.info("server"))["server_name"] == "valkey"
        await client.aclose()
    # Stopped: nothing answers on its port any more.
    host, port = url.removeprefix("redis://").split(":")
    with pytest.raises(OSError), socket.create_connection((host, int(port)), timeout=1):
        pass
    # Its data folder keeps what was written (append-only file).
    with embedded_valkey(data) as server:
        client = Redis.from_url(server.connection_url, decode_responses=True)
        assert await client.get("cartmate:probe") == "kept"
        await client.aclose()


def test_a_running_embedded_valkey_is_found_for_its_folder(tmp_path: Path) -> None:
    from cartmate.store.embedded_valkey import running_valkey_url

    assert running_valkey_url(tmp_path / "valkey") is None
    with embedded_valkey(tmp_path / "valkey") as server:
        assert running_valkey_url(tmp_path / "valkey") == server.connection_url
    assert running_valkey_url(tmp_path / "valkey") is None  # stopped: not shared any more
