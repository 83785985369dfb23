"""The process's Redis connection: one pool, retries with backoff, a key prefix, health.

Whoever opens the pool closes it (`open_redis` as an async context manager); every store
borrows the `RedisConnection` it is handed. redis-py does the reconnecting: a connection the
server dropped (CLIENT KILL, a restart) is replaced and the command retried with exponential
backoff and jitter on ConnectionError and TimeoutError.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

from redis.asyncio import BlockingConnectionPool, ConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from cartmate.errors import UnavailableError

__all__ = ["KeySpace", "RedisConnection", "RedisHealth", "open_redis", "redis_errors", "safe_url"]


@dataclass(frozen=True)
class KeySpace:
    """Builds every key CartMate writes, all under one prefix (default `cartmate:`)."""

    prefix: str

    def key(self, *parts: str) -> str:
        """`key("cart", "u1")` -> `cartmate:cart:u1`. Parts may hold any characters."""
        return self.prefix + ":".join(parts)

    def pattern(self, *parts: str) -> str:
        """A SCAN/KEYS pattern for keys under these parts."""
        return self.key(*parts) + "*"


@dataclass(frozen=True)
class RedisHealth:
    ok: bool
    latency_ms: float | None
    error: str | None = None


class RedisConnection:
    """A borrowed view of the process's Redis pool plus its key space."""

    def __init__(self, client: Redis, keys: KeySpace) -> None:
        self.client = client
        self.keys = keys

    @property
    def pool(self) -> ConnectionPool:
        return self.client.connection_pool

    async def health(self) -> RedisHealth:
        """PING with its latency; never raises."""
        started = time.perf_counter()
        try:
            await self.client.ping()
        except RedisError as exc:
            return RedisHealth(ok=False, latency_ms=None, error=type(exc).__name__)
        return RedisHealth(ok=True, latency_ms=(time.perf_counter() - started) * 1000)


def build_client(
    url: str,
    *,
    max_connections: int = 256,
    timeout_s: float = 2.0,
    retries: int = 3,
    health_check_interval_s: int = 15,
) -> Redis:
    """A Redis client owning a new pool: retries, socket deadlines and idle health checks."""
    retry = Retry(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries)
    # Blocking: a burst beyond max_connections waits (up to timeout_s) for a free connection
    # instead of failing with MaxConnectionsError.
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        # Waiting for a free connection is queueing under load, not a dead server: allow longer.
        timeout=max(10.0, 5 * timeout_s),
        socket_timeout=timeout_s,
        socket_connect_timeout=timeout_s,
        health_check_interval=health_check_interval_s,
        retry=retry,
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
        decode_responses=True,
    )
    return Redis(connection_pool=pool)  # borrows: open_redis closes the pool


@contextlib.asynccontextmanager
async def open_redis(
    url: str,
    prefix: str = "cartmate:",
    *,
    max_connections: int = 256,
    timeout_s: float = 2.0,
    check: bool = True,
) -> AsyncIterator[RedisConnection]:
    """Open the process's pool, optionally check it answers, and close it on exit."""
    client = build_client(url, max_connections=max_connections, timeout_s=timeout_s)
    try:
        if check:
            try:
                await client.ping()
            except RedisError as exc:
                raise UnavailableError(f"Redis at {safe_url(url)} does not answer") from exc
        yield RedisConnection(client, KeySpace(prefix))
    finally:
        await client.aclose()
        await client.connection_pool.disconnect()


def safe_url(url: str) -> str:
    """A URL without its password, for messages and logs."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rpartition('@')[2]}"


@contextlib.contextmanager
def redis_errors(what: str = "storage") -> Iterator[None]:
    """Translate redis-py failures (after its own retries) into UnavailableError."""
    try:
        yield
    except RedisError as exc:
        raise UnavailableError(
            f"The {what} is unavailable right now; please try again shortly.", service="redis"
        ) from exc
