"""Session store benchmark: append_event and get_session at 10, 100 and 1,000 events.

Compares ADK's `google.adk.integrations.redis.RedisSessionService` (one JSON blob per session,
rewritten on every append) with CartMate's `RedisSessionService` (one list element per event).

    .venv/bin/python benchmarks/session_store.py

Uses the Redis at REDIS_URL, or starts an embedded Valkey. Keys go under a prefix of their own
and are deleted afterwards. Times are medians of wall-clock milliseconds per call, from this
process (so they include the client's parsing of what it reads).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions
from google.adk.sessions.base_session_service import (
    BaseSessionService,
    GetSessionConfig,
)
from google.adk.sessions.session import Session
from google.genai import types

from cartmate.store.embedded_valkey import embedded_valkey
from cartmate.store.redis_client import RedisConnection, open_redis
from cartmate.store.redis_session_service import RedisSessionService

APP = "bench"
SIZES = (10, 100, 1_000)
APPENDS = 30  # timed appends per size
GETS = 20  # timed reads per size and kind
RECENT = 20  # events in the "recent" read

_PRODUCTS = [
    {"id": f"P{i:04d}", "name": f"Product {i}", "price": "USD 19.99", "colour": "red"}
    for i in range(12)
]


def make_event(i: int) -> Event:
    """The i-th event of a plausible conversation: ask, call a tool, get results, answer."""
    kind = i % 4
    if kind == 0:
        role, part = "user", types.Part(text=f"show me red sunglasses under $50, take {i}")
    elif kind == 1:
        call = types.FunctionCall(id=f"c{i}", name="search_products", args={"q": "red"})
        role, part = "model", types.Part(function_call=call)
    elif kind == 2:
        result = {"status": "ok", "items": _PRODUCTS}
        response = types.FunctionResponse(id=f"c{i - 1}", name="search_products", response=result)
        role, part = "user", types.Part(function_response=response)
    else:
        role, part = "model", types.Part(text="Here are a few red sunglasses I found. " * 8)
    return Event(
        author="user" if role == "user" else "product_discovery",
        invocation_id=f"inv-{i // 4}",
        content=types.Content(role=role, parts=[part]),
        actions=EventActions(state_delta={"turn": i}),
    )


async def seed_adk(service: Any, session: Session, count: int) -> None:
    """Writes ADK's blob as `count` appends would leave it (appending 1,000 is O(n^2))."""
    client = service._get_redis()
    key = service._session_key(session.app_name, session.user_id, session.id)
    events = [make_event(i) for i in range(count)]
    stored = Session(
        id=session.id,
        app_name=APP,
        user_id=session.user_id,
        state={"turn": count - 1},
        events=events,
        last_update_time=events[-1].timestamp,
    )
    await client.set(key, stored.model_dump_json(), ex=service.config.ttl_seconds)
    session.events = list(events)
    session.last_update_time = stored.last_update_time


async def seed_ours(service: RedisSessionService, session: Session, count: int) -> None:
    for i in range(count):
        await service.append_event(session, make_event(i))


async def median_ms(calls: int, make: Callable[[int], Awaitable[object]]) -> float:
    """Median wall-clock milliseconds of `calls` awaited calls."""
    samples = []
    for i in range(calls):
        started = time.perf_counter()
        await make(i)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def measure(
    service: BaseSessionService,
    seed: Callable[[Any, Session, int], Awaitable[None]],
) -> list[tuple[int, float, float, float]]:
    """(events, append ms, get ms, get recent ms) per size."""
    # Warm up first (script loading, pydantic's first validations), outside the timings.
    warm = await service.create_session(app_name=APP, user_id="warm-up")
    await seed(service, warm, 8)
    await service.get_session(app_name=APP, user_id="warm-up", session_id=warm.id)
    rows = []
    for size in SIZES:
        session = await service.create_session(app_name=APP, user_id=f"u{size}")
        await seed(service, session, size)

        async def append(i: int, session: Session = session, size: int = size) -> None:
            await service.append_event(session, make_event(size + i))

        async def get(_: int, session: Session = session, recent: bool = False) -> None:
            config = GetSessionConfig(num_recent_events=RECENT) if recent else None
            got = await service.get_session(
                app_name=APP, user_id=session.user_id, session_id=session.id, config=config
            )
            assert got is not None

        # Reads first, so they see exactly `size` events (the appends add APPENDS more).
        whole = await median_ms(GETS, get)
        recent = await median_ms(GETS, lambda i, get=get: get(i, recent=True))
        appended = await median_ms(APPENDS, append)
        rows.append((size, appended, whole, recent))
    return rows


@contextlib.contextmanager
def redis_url() -> Iterator[str]:
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    with embedded_valkey(None, persist=False) as server:
        yield server.connection_url


async def run(url: str) -> None:
    prefix = f"cartmate-bench:{uuid.uuid4().hex[:8]}:"
    async with open_redis(url, prefix) as conn:
        try:
            await report(conn, prefix)
        finally:
            keys = [k async for k in conn.client.scan_iter(match=prefix + "*", count=500)]
            if keys:
                await conn.client.delete(*keys)


async def report(conn: RedisConnection, prefix: str) -> None:
    server = await conn.client.info("server")
    print(
        f"python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs; server {server.get('server_name', 'redis')} "
        f"{server.get('valkey_version') or server.get('redis_version')}"
    )
    print(f"median ms per call ({APPENDS} appends, {GETS} reads; recent = last {RECENT} events)\n")
    results: list[tuple[str, list[tuple[int, float, float, float]]]] = []
    try:
        from google.adk.integrations.redis import (
            RedisSessionService as AdkRedisSessionService,
        )
        from google.adk.integrations.redis import RedisSessionServiceConfig
    except ImportError as exc:
        print(f"skipping ADK's RedisSessionService: {exc}")
    else:
        config = RedisSessionServiceConfig(key_prefix=prefix + "adk:")
        adk = AdkRedisSessionService(config=config, redis_client=conn.client)
        results.append(("adk RedisSessionService", await measure(adk, seed_adk)))
    ours = RedisSessionService(conn)
    results.append(("cartmate RedisSessionService", await measure(ours, seed_ours)))

    print(f"{'service':<30} {'events':>7} {'append':>9} {'get all':>9} {'get recent':>11}")
    for name, rows in results:
        for size, appended, whole, recent in rows:
            print(f"{name:<30} {size:>7,} {appended:>9.2f} {whole:>9.2f} {recent:>11.2f}")


def main() -> None:
    with redis_url() as url:
        asyncio.run(run(url))


if __name__ == "__main__":
    main()
