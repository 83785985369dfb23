"""The process's Redis connection: one pool, retries with backoff, a key prefix, health.

Whoever opens the pool closes it (`open_redis` as an async context manager); every store
borrows the `RedisConnection` it is handed. redis-py does the reconnecting: a connection the
server dropped (CLIENT KILL, a restart) is replaced and the command retried with exponential
backoff and jitter on ConnectionError and TimeoutError.

Failures are counted where redis-py meets them, not at every call site (OpenTelemetry):
`cartmate.redis.errors` (`command`, `error`) counts commands that failed after those retries
(a pipeline counts as `PIPELINE` or `MULTI`); `cartmate.redis.connection_errors` (`command`,
`error`) counts every connection or timeout error on a connection (each failed attempt, also
the retried ones, reconnects and idle health checks; `command` is `-` outside a command, e.g.
on the Pub/Sub connection). Redis' own flow control (NOSCRIPT before a script is loaded,
WATCH conflicts) is not an error.
"""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from opentelemetry import metrics
from redis.asyncio import BlockingConnectionPool, ConnectionPool, Redis
from redis.asyncio.client import Pipeline
from redis.asyncio.retry import Retry
from redis.backoff import AbstractBackoff, ExponentialWithJitterBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, RedisError, WatchError
from redis.exceptions import TimeoutError as RedisTimeoutError

from cartmate.errors import UnavailableError
from cartmate.library_versions import checked
from cartmate.store.redis_connection import lean_connection_class
from cartmate.telemetry import get_meter

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


T = TypeVar("T")

# The command running in this task, for connection errors met while it runs.
_command: ContextVar[str] = ContextVar("cartmate_redis_command", default="-")
_NOT_ERRORS = (NoScriptError, WatchError)  # redis-py loads the script; WATCH retries


class RedisErrorMetrics:
    """The two failure counters (see the module docstring)."""

    def __init__(self, meter: metrics.Meter | None = None) -> None:
        meter = meter or get_meter("cartmate.store")
        self.errors = meter.create_counter(
            "cartmate.redis.errors", description="Redis commands that failed after retries"
        )
        self.connection_errors = meter.create_counter(
            "cartmate.redis.connection_errors",
            description="Connection and timeout errors on Redis connections, each attempt",
        )

    def command_failed(self, command: str, error: BaseException) -> None:
        if not isinstance(error, _NOT_ERRORS):
            self.errors.add(1, {"command": command, "error": type(error).__name__})


class _CountingRetry(Retry):
    """redis-py's Retry, counting each failed attempt it sees (commands, connects, health
    checks) before handing the error to redis-py's own failure handler."""

    def __init__(self, backoff: AbstractBackoff, retries: int, counts: RedisErrorMetrics) -> None:
        super().__init__(backoff, retries)
        self._counts = counts

    def __deepcopy__(self, memo: dict[int, Any]) -> _CountingRetry:
        # Every connection deep-copies the pool's Retry: share the counters, copy the rest.
        clone = copy.copy(self)
        clone._backoff = copy.deepcopy(self._backoff, memo)
        return clone

    async def call_with_retry(
        self,
        do: Callable[[], Awaitable[T]],
        fail: Callable[..., Any],
        is_retryable: Callable[[Exception], bool] | None = None,
        with_failure_count: bool = False,
    ) -> T:
        async def counted(error: Exception, *count: int) -> Any:
            labels = {"command": _command.get(), "error": type(error).__name__}
            self._counts.connection_errors.add(1, labels)
            return await fail(error, *count)

        return await super().call_with_retry(do, counted, is_retryable, with_failure_count)


class _CountingPipeline(Pipeline):
    """A pipeline whose failed `execute` counts as one `PIPELINE` (or `MULTI`) error."""

    _counts: RedisErrorMetrics

    async def execute(self, raise_on_error: bool = True) -> list[Any]:
        name = "MULTI" if self.is_transaction else "PIPELINE"
        token = _command.set(name)
        try:
            return await super().execute(raise_on_error)
        except RedisError as exc:
            self._counts.command_failed(name, exc)
            raise
        finally:
            _command.reset(token)


class _LeanPool(BlockingConnectionPool):
    """redis-py's blocking pool, with a fast path for the common case: a free connection.

    redis-py 8 wraps every checkout and return in an asyncio.Condition, a timeout, a
    deprecation-argument check, pool-state metrics and a re-auth event, about 40 % of a
    command's client CPU here (benchmarks/RESULTS.md). While a connection is free, nobody
    waits, the pool is not in maintenance mode and no streaming credential provider needs
    re-auth on release, the fast path takes and returns it directly (the same bookkeeping
    of the two connection sets, the same connection check). Everything else goes through
    redis-py's own code. redis-py's pool metrics (its own OpenTelemetry, which CartMate
    does not enable) miss the fast path's checkouts. Belongs upstream; kept to these two
    methods.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._waiting = 0  # tasks in redis-py's slow path: a release must notify them
        # The fast path uses the pool's own bookkeeping, as redis-py 8.1 keeps it (`build_client`
        # uses this pool only on the series `library_versions` names).
        self._lean = self.connection_kwargs.get("credential_provider") is None

    async def get_connection(self, *args: Any, **options: Any) -> Any:
        if self._lean and self._available_connections and not self._in_maintenance:
            connection = self._available_connections.pop()
            self._in_use_connections.add(connection)
            try:
                await self.ensure_connection(connection)
            except BaseException:
                await self.release(connection)
                raise
            return connection
        self._waiting += 1
        try:
            return await super().get_connection()
        finally:
            self._waiting -= 1

    async def release(self, connection: Any) -> None:
        if not self._lean or self._waiting or self._in_maintenance:
            await super().release(connection)
            return
        self._in_use_connections.remove(connection)
        if connection.should_reconnect():
            await connection.disconnect()
        self._available_connections.append(connection)


class _CountingRedis(Redis):
    """The process's client: counts the commands that fail (one override, no call site)."""

    _counts: RedisErrorMetrics

    async def execute_command(self, *args: Any, **options: Any) -> Any:
        name = str(args[0]).upper() if args else "-"
        token = _command.set(name)
        try:
            return await super().execute_command(*args, **options)
        except RedisError as exc:
            self._counts.command_failed(name, exc)
            raise
        finally:
            _command.reset(token)

    def pipeline(self, transaction: bool = True, shard_hint: str | None = None) -> Pipeline:
        pipe = _CountingPipeline(
            self.connection_pool, self.response_callbacks, transaction, shard_hint
        )
        pipe._counts = self._counts
        return pipe


def build_client(
    url: str,
    *,
    max_connections: int = 256,
    timeout_s: float = 2.0,
    retries: int = 3,
    health_check_interval_s: int = 15,
    meter: metrics.Meter | None = None,
) -> Redis:
    """A Redis client owning a new pool: retries, socket deadlines and idle health checks.

    `meter` receives the error counters (the global one by default).
    """
    counts = RedisErrorMetrics(meter)
    retry = _CountingRetry(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries, counts)
    # Blocking: a burst beyond max_connections waits (up to timeout_s) for a free connection
    # instead of failing with MaxConnectionsError.
    lean = checked("redis", what="redis_connection")
    pool = (_LeanPool if lean else BlockingConnectionPool).from_url(
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
    if lean:  # hiredis packing, no task per write
        pool.connection_class = lean_connection_class(pool.connection_class)
    client = _CountingRedis(connection_pool=pool)  # borrows: open_redis closes the pool
    client._counts = counts
    return client


@contextlib.asynccontextmanager
async def open_redis(
    url: str,
    prefix: str = "cartmate:",
    *,
    max_connections: int = 256,
    timeout_s: float = 2.0,
    check: bool = True,
    meter: metrics.Meter | None = None,
) -> AsyncIterator[RedisConnection]:
    """Open the process's pool, optionally check it answers, and close it on exit."""
    client = build_client(url, max_connections=max_connections, timeout_s=timeout_s, meter=meter)
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
