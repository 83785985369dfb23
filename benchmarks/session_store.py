"""Session store benchmark: append_event and get_session at 10, 100 and 1,000 events.

Compares ADK's `google.adk.integrations.redis.RedisSessionService` (one JSON blob per session,
rewritten on every append) with CartMate's `RedisSessionService` (one list element per event).

    .venv/bin/python benchmarks/session_store.py

Uses the Redis at REDIS_URL, or starts an embedded Valkey. Keys go under a prefix of their own
and are deleted afterwards. Times are medians of wall-clock milliseconds per call, from this
process (so they include the client's parsing of what it reads). Writes its section of
`benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from _common import median, redis_url, table, write_section
from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions
from google.adk.sessions.base_session_service import (
    BaseSessionService,
    GetSessionConfig,
)
from google.adk.sessions.session import Session
from google.genai import types

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
    return median(samples)


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
    info = await conn.client.info("server")
    server = (
        f"{info.get('server_name', 'redis')} "
        f"{info.get('valkey_version') or info.get('redis_version')}"
    )
    results: list[tuple[str, list[tuple[int, float, float, float]]]] = []
    skipped = ""
    try:
        from google.adk.integrations.redis import (
            RedisSessionService as AdkRedisSessionService,
        )
        from google.adk.integrations.redis import RedisSessionServiceConfig
    except ImportError as exc:
        skipped = f"ADK's RedisSessionService was not measured: {exc}.\n\n"
    else:
        config = RedisSessionServiceConfig(key_prefix=prefix + "adk:")
        adk = AdkRedisSessionService(config=config, redis_client=conn.client)
        results.append(("ADK `RedisSessionService`", await measure(adk, seed_adk)))
    ours = RedisSessionService(conn)
    results.append(("CartMate `RedisSessionService`", await measure(ours, seed_ours)))

    rows = [
        [name, f"{size:,}", f"{appended:.2f}", f"{whole:.2f}", f"{recent:.2f}"]
        for name, measured in results
        for size, appended, whole, recent in measured
    ]
    headers = ["service", "events", "append ms", "get all ms", f"get last {RECENT} ms"]
    body = (
        f"Server {server}, client in this process over loopback. Each session is seeded to its\n"
        f"size (ADK's blob written whole, as that many appends would leave it; ours appended\n"
        f"one by one), then {GETS} reads of the whole session, {GETS} reads of the last\n"
        f"{RECENT} events and {APPENDS} appends of a conversation's events (a question, a tool\n"
        f"call, its result with 12 products, an answer), each timed alone; medians of wall ms.\n\n"
        f"{skipped}{table(headers, rows)}\n\n"
        "ADK's service stores a session as one JSON value, so an append reads, parses and\n"
        "rewrites the whole history; ours appends one list element per event, so an append\n"
        "does not grow with the session."
    )
    print(body)
    write_section("session_store", "Session store (`session_store.py`)", body)


def main() -> None:
    with redis_url() as url:
        asyncio.run(run(url))


if __name__ == "__main__":
    main()
