"""RedisSessionService: ADK's in-memory semantics, shared by replicas, flat per-event writes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, AsyncIterator

import pytest
from google.adk.agents import LlmAgent
from google.adk.errors import StaleSessionError
from google.adk.errors.already_exists_error import AlreadyExistsError
from google.adk.errors.session_not_found_error import SessionNotFoundError
from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions, EventCompaction
from google.adk.flows.llm_flows.context._compaction import _process_compaction_events
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import BaseSessionService, GetSessionConfig
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.adk.sessions.session import Session
from google.genai import types
from pydantic import Field

from cartmate.agent_runtime.history import WholeTurns
from cartmate.agent_runtime.runners import make_runner
from cartmate.errors import UnavailableError
from cartmate.store.redis_client import RedisConnection, open_redis
from cartmate.store.redis_session_service import RedisSessionService
from tests.helpers import free_port

APP = "cartmate-test"


def _event(text: str = "hi", *, ts: float | None = None, **delta: object) -> Event:
    """A user event with text and an optional state delta (and timestamp)."""
    event = Event(
        author="user",
        invocation_id="inv-1",
        content=types.Content(role="user", parts=[types.Part(text=text)]),
        actions=EventActions(state_delta=dict(delta)),
    )
    if ts is not None:
        event.timestamp = ts
    return event


def _texts(session: Session) -> list[str]:
    return [e.content.parts[0].text or "" for e in session.events if e.content and e.content.parts]


async def _get(service: BaseSessionService, session: Session, **config: object) -> Session:
    """Re-reads a session that must exist."""
    got = await service.get_session(
        app_name=session.app_name,
        user_id=session.user_id,
        session_id=session.id,
        config=GetSessionConfig.model_validate(config) if config else None,
    )
    assert got is not None
    return got


# ------------------------------------------------------------------ conformance suite


@pytest.fixture(params=["memory", "redis", "redis-coalesced"])
def service(request: pytest.FixtureRequest) -> BaseSessionService:
    """ADK's reference service and ours (storing each event at once, or coalescing a
    session's writes as CartMate's processes do), run through the same tests."""
    if request.param == "memory":
        return InMemorySessionService()
    delay = 60.0 if request.param == "redis-coalesced" else 0.0  # stored when read or flushed
    return RedisSessionService(request.getfixturevalue("redis"), write_delay_s=delay)


async def test_create_and_get(service: BaseSessionService) -> None:
    created = await service.create_session(
        app_name=APP, user_id="u1", session_id=" s1 ", state={"currency": "EUR", "n": [1, 2]}
    )
    assert (created.id, created.user_id, created.app_name) == ("s1", "u1", APP)
    assert created.state == {"currency": "EUR", "n": [1, 2]}
    assert created.events == []
    got = await _get(service, created)
    assert got.state == created.state
    assert got.events == []
    assert got.last_update_time == pytest.approx(created.last_update_time)

    generated = await service.create_session(app_name=APP, user_id="u1")
    assert generated.id and generated.id != "s1"
    assert (await _get(service, generated)).id == generated.id


async def test_duplicate_id_is_rejected(service: BaseSessionService) -> None:
    await service.create_session(app_name=APP, user_id="u1", session_id="s1")
    with pytest.raises(AlreadyExistsError):
        await service.create_session(app_name=APP, user_id="u1", session_id="s1")
    # The same id is free for another user or app.
    await service.create_session(app_name=APP, user_id="u2", session_id="s1")
    await service.create_session(app_name="other", user_id="u1", session_id="s1")


async def test_get_missing_is_none(service: BaseSessionService) -> None:
    await service.create_session(app_name=APP, user_id="u1", session_id="s1")
    for app, user, sid in [(APP, "u1", "nope"), (APP, "u2", "s1"), ("other", "u1", "s1")]:
        assert await service.get_session(app_name=app, user_id=user, session_id=sid) is None


async def test_state_prefixes(service: BaseSessionService) -> None:
    s1 = await service.create_session(
        app_name=APP,
        user_id="u1",
        state={"k": 1, "app:theme": "dark", "user:currency": "EUR", "temp:scratch": 1},
    )
    assert s1.state == {"k": 1, "app:theme": "dark", "user:currency": "EUR"}
    s2 = await service.create_session(app_name=APP, user_id="u1")
    assert s2.state == {"app:theme": "dark", "user:currency": "EUR"}
    s3 = await service.create_session(app_name=APP, user_id="u2")
    assert s3.state == {"app:theme": "dark"}

    event = _event(k=2, **{"app:theme": "light", "user:currency": "USD", "temp:x": 5})
    await service.append_event(s1, event)
    # temp: reaches the live session object only; it is stripped from the stored event.
    assert s1.state == {"k": 2, "app:theme": "light", "user:currency": "USD", "temp:x": 5}
    assert "temp:x" not in event.actions.state_delta

    got = await _get(service, s1)
    assert got.state == {"k": 2, "app:theme": "light", "user:currency": "USD"}
    assert got.events[0].actions.state_delta == {
        "k": 2,
        "app:theme": "light",
        "user:currency": "USD",
    }
    assert (await _get(service, s2)).state == {"app:theme": "light", "user:currency": "USD"}
    assert (await _get(service, s3)).state == {"app:theme": "light"}
    assert await service.get_user_state(app_name=APP, user_id="u1") == {"currency": "USD"}
    assert await service.get_user_state(app_name=APP, user_id="u3") == {}


async def test_append_event(service: BaseSessionService) -> None:
    session = await service.create_session(app_name=APP, user_id="u1")
    first, second = _event("one", cart=["P1"]), _event("two", cart=["P1", "P2"])
    assert await service.append_event(session, first) is first
    await service.append_event(session, second)
    partial = _event("streaming", ignored=True)
    partial.partial = True
    await service.append_event(session, partial)  # partial events are never stored

    assert _texts(session) == ["one", "two"]
    assert session.last_update_time == second.timestamp
    got = await _get(service, session)
    assert _texts(got) == ["one", "two"]
    assert got.events == [first, second]
    assert got.state == {"cart": ["P1", "P2"]}
    assert got.last_update_time == pytest.approx(second.timestamp)


async def test_redelivered_event_is_stored_once(service: BaseSessionService) -> None:
    session = await service.create_session(app_name=APP, user_id="u1")
    event = _event("once")
    await service.append_event(session, event)
    await service.append_event(session, event)
    assert _texts(session) == ["once"]
    assert _texts(await _get(service, session)) == ["once"]


async def test_num_recent_events_and_after_timestamp(service: BaseSessionService) -> None:
    session = await service.create_session(app_name=APP, user_id="u1")
    for i in range(5):
        await service.append_event(session, _event(f"e{i}", ts=10.0 + i))

    assert _texts(await _get(service, session, num_recent_events=2)) == ["e3", "e4"]
    assert _texts(await _get(service, session, num_recent_events=0)) == []
    assert len((await _get(service, session, num_recent_events=50)).events) == 5
    assert _texts(await _get(service, session, after_timestamp=12.0)) == ["e2", "e3", "e4"]
    assert _texts(await _get(service, session, after_timestamp=12.5)) == ["e3", "e4"]
    assert _texts(await _get(service, session, after_timestamp=100.0)) == []
    assert len((await _get(service, session, after_timestamp=0.0)).events) == 5
    both = await _get(service, session, num_recent_events=4, after_timestamp=11.5)
    assert _texts(both) == ["e2", "e3", "e4"]
    with pytest.raises(ValueError):
        GetSessionConfig(num_recent_events=-1)


async def test_after_timestamp_walks_back_from_the_newest(service: BaseSessionService) -> None:
    """Out-of-order timestamps: events after the newest one that is older are returned."""
    session = await service.create_session(app_name=APP, user_id="u1")
    for i, ts in enumerate([10.0, 20.0, 15.0, 30.0]):
        await service.append_event(session, _event(f"e{i}", ts=ts))
    assert _texts(await _get(service, session, after_timestamp=16.0)) == ["e3"]
    assert _texts(await _get(service, session, after_timestamp=12.0)) == ["e1", "e2", "e3"]


async def test_after_timestamp_over_a_long_history(service: BaseSessionService) -> None:
    """More events than one page of the backwards walk."""
    session = await service.create_session(app_name=APP, user_id="u1")
    for i in range(150):
        await service.append_event(session, _event(f"e{i}", ts=1000.0 + i))
    got = await _get(service, session, after_timestamp=1020.5)
    assert _texts(got) == [f"e{i}" for i in range(21, 150)]
    got = await _get(service, session, after_timestamp=1020.5, num_recent_events=10)
    assert _texts(got) == [f"e{i}" for i in range(140, 150)]


async def test_list_sessions(service: BaseSessionService) -> None:
    s1 = await service.create_session(
        app_name=APP, user_id="u1", session_id="s1", state={"k": 1, "user:lang": "fr"}
    )
    await service.create_session(app_name=APP, user_id="u1", session_id="s2")
    await service.create_session(app_name=APP, user_id="u2", session_id="s3")
    await service.create_session(app_name="other", user_id="u1", session_id="s4")
    await service.append_event(s1, _event(ts=time.time() + 60))  # s1 is now the newest

    listed = (await service.list_sessions(app_name=APP, user_id="u1")).sessions
    assert [s.id for s in listed] == ["s2", "s1"]
    assert all(s.events == [] for s in listed)
    assert listed[1].state == {"k": 1, "user:lang": "fr"}
    assert listed[0].state == {"user:lang": "fr"}
    assert listed[1].last_update_time == pytest.approx(s1.last_update_time)

    everyone = (await service.list_sessions(app_name=APP)).sessions
    assert [(s.user_id, s.id) for s in everyone] == [("u1", "s2"), ("u2", "s3"), ("u1", "s1")]
    assert everyone[1].state == {}
    assert (await service.list_sessions(app_name=APP, user_id="nobody")).sessions == []
    assert (await service.list_sessions(app_name="none")).sessions == []


async def test_delete_session(service: BaseSessionService) -> None:
    s1 = await service.create_session(
        app_name=APP, user_id="u1", session_id="s1", state={"user:lang": "fr"}
    )
    await service.append_event(s1, _event())
    await service.create_session(app_name=APP, user_id="u1", session_id="s2")
    await service.delete_session(app_name=APP, user_id="u1", session_id="s1")
    await service.delete_session(app_name=APP, user_id="u1", session_id="never")

    assert await service.get_session(app_name=APP, user_id="u1", session_id="s1") is None
    listed = (await service.list_sessions(app_name=APP, user_id="u1")).sessions
    assert [s.id for s in listed] == ["s2"]
    assert listed[0].state == {"user:lang": "fr"}  # user state outlives the session
    with pytest.raises(SessionNotFoundError):
        await service.append_event(s1, _event())
    # The id can be used again, and starts empty.
    again = await service.create_session(app_name=APP, user_id="u1", session_id="s1")
    assert (await _get(service, again)).events == []


async def test_stale_session_append(
    service: BaseSessionService, request: pytest.FixtureRequest
) -> None:
    """A session object read before another writer appended.

    ADK 2.13's InMemorySessionService accepts the append and merges it into storage; ours
    (like ADK's SQLite, database, MongoDB and Firestore services) refuses it with
    StaleSessionError, leaving storage untouched, until the session is read again.
    """
    created = await service.create_session(app_name=APP, user_id="u1")
    replica_a, replica_b = await _get(service, created), await _get(service, created)
    await service.append_event(replica_a, _event("from a", who="a"))

    if request.node.callspec.params["service"] == "memory":
        await service.append_event(replica_b, _event("from b", who="b"))
        stored = await _get(service, created)
        assert (_texts(stored), stored.state) == (["from a", "from b"], {"who": "b"})
    else:
        with pytest.raises(StaleSessionError):
            await service.append_event(replica_b, _event("from b", who="b"))
        assert _texts(replica_b) == [] and replica_b.state == {}
        stored = await _get(service, created)
        assert (_texts(stored), stored.state) == (["from a"], {"who": "a"})

    # Re-reading the session makes it current again; its own appends never go stale.
    fresh = await _get(service, created)
    await service.append_event(fresh, _event("fresh 1"))
    await service.append_event(fresh, _event("fresh 2"))
    assert _texts(await _get(service, created))[-2:] == ["fresh 1", "fresh 2"]


# --------------------------------------------------------------------- Redis only


@pytest.fixture
def sessions(redis: RedisConnection) -> RedisSessionService:
    return RedisSessionService(redis)


def _key(redis: RedisConnection, user: str, sid: str, suffix: str = "") -> str:
    return redis.keys.key("session", APP, user, sid) + suffix


async def test_replicas_share_sessions(redis: RedisConnection) -> None:
    replica_a, replica_b = RedisSessionService(redis), RedisSessionService(redis)
    on_a = await replica_a.create_session(app_name=APP, user_id="u1", state={"k": 0})
    await replica_a.append_event(on_a, _event("turn 1 on a", k=1))

    on_b = await _get(replica_b, on_a)
    assert (_texts(on_b), on_b.state) == (["turn 1 on a"], {"k": 1})
    await replica_b.append_event(on_b, _event("turn 2 on b", k=2))
    with pytest.raises(StaleSessionError):  # a's copy predates b's append
        await replica_a.append_event(on_a, _event("late on a"))

    again_on_a = await _get(replica_a, on_a)
    assert (_texts(again_on_a), again_on_a.state) == (["turn 1 on a", "turn 2 on b"], {"k": 2})


async def test_sessions_survive_a_restart(redis_url: str, key_prefix: str) -> None:
    async with open_redis(redis_url, key_prefix) as conn:
        before = RedisSessionService(conn)
        session = await before.create_session(
            app_name=APP, user_id="u1", state={"app:a": 1, "user:b": 2, "c": 3}
        )
        await before.append_event(session, _event("remember me", d=4))
    async with open_redis(redis_url, key_prefix) as conn:
        after = await _get(RedisSessionService(conn), session)
    assert after.events == session.events
    assert after.state == {"app:a": 1, "user:b": 2, "c": 3, "d": 4}
    assert after.last_update_time == session.last_update_time


async def test_idle_expiry_is_set_and_refreshed(redis: RedisConnection) -> None:
    service = RedisSessionService(redis, idle_ttl_s=1000)
    session = await service.create_session(
        app_name=APP, user_id="u1", session_id="s1", state={"user:x": 1}
    )
    await service.append_event(session, _event())
    keys = [_key(redis, "u1", "s1", suffix) for suffix in ("", ":events", ":ts")]
    keys += [redis.keys.key("session-user-state", APP, "u1")]
    keys += [redis.keys.key("session-index", APP, "u1")]

    async def ttls() -> list[int]:
        return [await redis.client.ttl(key) for key in keys]

    async def nearly_expire() -> None:
        for key in keys:
            await redis.client.expire(key, 5)

    assert all(990 <= ttl <= 1000 for ttl in await ttls())
    await nearly_expire()
    session = await _get(service, session)  # a read refreshes
    assert all(990 <= ttl <= 1000 for ttl in await ttls())
    await nearly_expire()
    await service.append_event(session, _event())  # so does an append
    assert all(990 <= ttl <= 1000 for ttl in await ttls())
    # App state is shared by every user, so it never expires.
    await service.append_event(session, _event(**{"app:flag": True}))
    assert await redis.client.ttl(redis.keys.key("session-app-state", APP)) == -1


async def test_expired_sessions_leave_the_index(
    sessions: RedisSessionService, redis: RedisConnection
) -> None:
    await sessions.create_session(app_name=APP, user_id="u1", session_id="gone")
    await sessions.create_session(app_name=APP, user_id="u1", session_id="kept")
    await sessions.create_session(app_name=APP, user_id="u2", session_id="gone too")
    # What expiry does: the session's keys vanish, and u2's index with its last session.
    await redis.client.delete(_key(redis, "u1", "gone"), _key(redis, "u2", "gone too"))
    await redis.client.delete(redis.keys.key("session-index", APP, "u2"))

    listed = (await sessions.list_sessions(app_name=APP)).sessions
    assert [s.id for s in listed] == ["kept"]
    assert await redis.client.zrange(redis.keys.key("session-index", APP, "u1"), 0, -1) == ["kept"]
    assert await redis.client.zrange(redis.keys.key("session-users", APP), 0, -1) == ["u1"]
    assert await sessions.get_session(app_name=APP, user_id="u1", session_id="gone") is None


async def test_max_events_keeps_the_newest(redis: RedisConnection) -> None:
    service = RedisSessionService(redis, max_events=3)
    session = await service.create_session(app_name=APP, user_id="u1", session_id="s1")
    for i in range(5):
        await service.append_event(session, _event(f"e{i}", ts=100.0 + i, **{f"k{i}": i}))
    got = await _get(service, session)
    assert _texts(got) == ["e2", "e3", "e4"]
    assert got.state == {f"k{i}": i for i in range(5)}  # state is never trimmed
    assert _texts(await _get(service, session, after_timestamp=0.0)) == ["e2", "e3", "e4"]
    assert await redis.client.llen(_key(redis, "u1", "s1", ":events")) == 3
    assert await redis.client.llen(_key(redis, "u1", "s1", ":ts")) == 3


async def test_event_json_round_trip(sessions: RedisSessionService) -> None:
    session = await sessions.create_session(app_name=APP, user_id="u1")
    photo = types.Part(inline_data=types.Blob(mime_type="image/png", data=b"\x89PNG\r\n\x00\xff"))
    asked = Event(
        author="user",
        invocation_id="inv-1",
        content=types.Content(role="user", parts=[types.Part(text="like this?"), photo]),
    )
    call = types.FunctionCall(id="call-1", name="search_products", args={"q": "red", "n": 2})
    calling = Event(
        author="product_discovery",
        invocation_id="inv-1",
        content=types.Content(role="model", parts=[types.Part(function_call=call)]),
    )
    response = types.FunctionResponse(
        id="call-1", name="search_products", response={"status": "ok", "items": [{"id": "P1"}]}
    )
    answered = Event(
        author="product_discovery",
        invocation_id="inv-1",
        content=types.Content(role="user", parts=[types.Part(function_response=response)]),
        actions=EventActions(state_delta={"recent_products": ["P1"]}, transfer_to_agent="x"),
    )
    for event in (asked, calling, answered):
        await sessions.append_event(session, event)

    got = await _get(sessions, session)
    assert got.events == [asked, calling, answered]
    assert got.events[0].content.parts[1].inline_data.data == b"\x89PNG\r\n\x00\xff"
    assert got.events[1].get_function_calls()[0].args == {"q": "red", "n": 2}
    assert got.events[2].get_function_responses()[0].response["items"] == [{"id": "P1"}]


async def test_ids_with_colons_do_not_collide(sessions: RedisSessionService) -> None:
    one = await sessions.create_session(app_name="a:b", user_id="c", session_id="s", state={"n": 1})
    two = await sessions.create_session(app_name="a", user_id="b:c", session_id="s", state={"n": 2})
    assert (await _get(sessions, one)).state == {"n": 1}
    assert (await _get(sessions, two)).state == {"n": 2}


async def test_redis_down_is_unavailable() -> None:
    async with open_redis(
        f"redis://127.0.0.1:{free_port()}", "t:", timeout_s=0.2, check=False
    ) as conn:
        service = RedisSessionService(conn)
        session = Session(id="s1", app_name=APP, user_id="u1")
        calls = [
            service.create_session(app_name=APP, user_id="u1"),
            service.get_session(app_name=APP, user_id="u1", session_id="s1"),
            service.list_sessions(app_name=APP),
            service.delete_session(app_name=APP, user_id="u1", session_id="s1"),
            service.get_user_state(app_name=APP, user_id="u1"),
            service.append_event(session, _event()),
        ]
        for call in calls:
            with pytest.raises(UnavailableError) as exc:
                await call
            assert "session store" in exc.value.message


def test_rejects_bad_settings(redis: RedisConnection) -> None:
    with pytest.raises(ValueError):
        RedisSessionService(redis, write_delay_s=-1)
    with pytest.raises(ValueError):
        RedisSessionService(redis, idle_ttl_s=0)
    with pytest.raises(ValueError):
        RedisSessionService(redis, max_events=0)


async def test_whole_turns_window_never_starts_inside_an_invocation(redis: RedisConnection) -> None:
    """`WholeTurns` reads at most N events, dropping the invocation the window cuts into, so a
    function response is never read without its call; a plain config reads exactly N."""
    service = RedisSessionService(redis)
    session = await service.create_session(app_name=APP, user_id="u1")
    for turn in range(50):  # user, call, response, reply: four events per invocation
        call = types.FunctionCall(id=f"c{turn}", name="view_cart", args={})
        response = types.FunctionResponse(id=f"c{turn}", name="view_cart", response={"n": turn})
        parts = [
            ("user", types.Part(text=f"message {turn}")),
            ("agent", types.Part(function_call=call)),
            ("user", types.Part(function_response=response)),
            ("agent", types.Part(text=f"reply {turn}")),
        ]
        for author, part in parts:
            role = "user" if author == "user" else "model"
            await service.append_event(
                session,
                Event(
                    author=author,
                    invocation_id=f"inv-{turn}",
                    content=types.Content(role=role, parts=[part]),
                ),
            )
    for window in (1, 4, 5, 6, 7, 8, 9, 30, 199):
        got = await service.get_session(
            app_name=APP,
            user_id="u1",
            session_id=session.id,
            config=WholeTurns(num_recent_events=window),
        )
        assert got is not None and len(got.events) == window // 4 * 4
        if got.events:
            assert got.events[0].content.parts[0].text == f"message {50 - window // 4}"
        called = {c.id for e in got.events for c in e.get_function_calls()}
        answered = {r.id for e in got.events for r in e.get_function_responses()}
        assert called == answered
        plain = await _get(service, session, num_recent_events=window)
        assert len(plain.events) == window
    everything = await service.get_session(
        app_name=APP, user_id="u1", session_id=session.id, config=WholeTurns(num_recent_events=200)
    )
    assert everything is not None and len(everything.events) == 200


async def _compacted_session(service: RedisSessionService) -> Session:
    """12 invocations of four events (t = 10 * turn + k), compacted after the 4th and the
    8th (each summary covering those four turns), with a covered event carrying an A2A
    context id, a message that quotes `"compaction":`, and a compaction hiding nothing."""
    session = await service.create_session(app_name=APP, user_id="u1")

    async def add(event: Event, ts: float) -> None:
        event.timestamp = ts
        await service.append_event(session, event)

    for turn in range(1, 13):
        call = types.FunctionCall(id=f"c{turn}", name="view_cart", args={})
        response = types.FunctionResponse(id=f"c{turn}", name="view_cart", response={"n": turn})
        said = 'the key "compaction": here' if turn == 6 else f"message {turn}"
        parts = [
            ("user", types.Part(text=said)),
            ("agent", types.Part(function_call=call)),
            ("user", types.Part(function_response=response)),
            ("agent", types.Part(text=f"reply {turn}")),
        ]
        for k, (author, part) in enumerate(parts):
            event = Event(
                author=author,
                invocation_id=f"inv-{turn}",
                content=types.Content(role="user" if author == "user" else "model", parts=[part]),
            )
            if turn == 2 and k == 3:
                event.custom_metadata = {"a2a:context_id": "ctx-1"}
            await add(event, 10.0 * turn + k)
        if turn in (4, 8):
            first = 10.0 * (turn - 3)
            summary = types.Content(role="model", parts=[types.Part(text=f"summary to {turn}")])
            compaction = EventCompaction(
                start_timestamp=first, end_timestamp=10.0 * turn + 3, compacted_content=summary
            )
            await add(
                Event(author="user", actions=EventActions(compaction=compaction)), 10.0 * turn + 5
            )
    backwards = types.Content(role="model", parts=[types.Part(text="backwards")])
    nothing = EventCompaction(
        start_timestamp=200.0, end_timestamp=100.0, compacted_content=backwards
    )
    await add(Event(author="user", actions=EventActions(compaction=nothing)), 130.0)
    return session


def _requested(events: list[Event]) -> list[dict[str, object]]:
    """What ADK's request builder makes of a session's events (compactions applied)."""
    return [e.model_dump(exclude={"id"}) for e in _process_compaction_events(events, "agent")]


async def test_whole_turns_skip_what_a_compaction_covers_and_the_request_is_the_same(
    redis: RedisConnection,
) -> None:
    service = RedisSessionService(redis)
    session = await _compacted_session(service)
    for window in (200, 30, 9):
        read = {}
        for skip in (True, False):
            got = await service.get_session(
                app_name=APP,
                user_id="u1",
                session_id=session.id,
                config=WholeTurns(num_recent_events=window, skip_compacted=skip),
            )
            assert got is not None
            read[skip] = got.events
        assert _requested(read[True]) == _requested(read[False]), window
        assert len(read[True]) < len(read[False]) or window == 9
    everything = await _get(service, session)
    skipped = await service.get_session(
        app_name=APP, user_id="u1", session_id=session.id, config=WholeTurns(num_recent_events=200)
    )
    assert skipped is not None
    texts = [
        p.text for e in skipped.events for p in (e.content.parts if e.content else []) if p.text
    ]
    # Turns 1-8 are summarised: only the summaries, and turn 2's reply (its A2A context),
    # are read of them; the message quoting the key is not mistaken for a compaction.
    assert texts[:2] == ["reply 2", "message 9"] and "summary to 4" not in texts
    assert sum(1 for e in skipped.events if e.actions.compaction) == 3
    assert len(skipped.events) == len(everything.events) - 8 * 4 + 1
    assert skipped.events[0].custom_metadata == {"a2a:context_id": "ctx-1"}


# --------------------------------------------------------------------------- Runner


class _ScriptedModel(BaseLlm):
    """Answers "reply N" to the Nth request, and keeps every request it was sent."""

    model: str = "scripted"
    requests: list[LlmRequest] = Field(default_factory=list)

    async def generate_content_async(
        self, llm_request: LlmRequest, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        self.requests.append(llm_request)
        text = f"reply {len(self.requests)}"
        yield LlmResponse(content=types.Content(role="model", parts=[types.Part(text=text)]))


async def _turn(runner: Runner, session_id: str, text: str) -> AsyncIterator[Event]:
    message = types.Content(role="user", parts=[types.Part(text=text)])
    async for event in runner.run_async(user_id="u1", session_id=session_id, new_message=message):
        yield event


async def test_runner_keeps_history_across_turns_and_replicas(redis: RedisConnection) -> None:
    model = _ScriptedModel()
    agent = LlmAgent(name="helper", model=model, instruction="Answer briefly.")
    session = await RedisSessionService(redis).create_session(app_name=APP, user_id="u1")

    # Each turn is served by a different replica (its own service instance).
    for text in ("hello", "and again"):
        runner = Runner(app_name=APP, agent=agent, session_service=RedisSessionService(redis))
        replies = [e async for e in _turn(runner, session.id, text) if e.content]
        assert replies[-1].content.parts[0].text == f"reply {len(model.requests)}"

    second = model.requests[1]
    history = [(c.role, p.text) for c in second.contents for p in c.parts or [] if p.text]
    assert history == [("user", "hello"), ("model", "reply 1"), ("user", "and again")]
    stored = await _get(RedisSessionService(redis), session)
    assert _texts(stored) == ["hello", "reply 1", "and again", "reply 2"]


async def test_an_event_stamped_inside_a_compacted_range_moves_after_it(
    sessions: RedisSessionService,
) -> None:
    # Replica A (clock ahead) compacted up to `ahead`; replica B (clock behind) then appends
    # the shopper's next message: it must not fall inside the range and be hidden.
    session = await sessions.create_session(app_name=APP, user_id="clocks")
    ahead = time.time() + 30
    await sessions.append_event(session, _event("old turn", ts=ahead - 1))
    summary = Event(
        author="user",
        invocation_id="inv-1",
        actions=EventActions(
            compaction=EventCompaction(
                start_timestamp=ahead - 1,
                end_timestamp=ahead,
                compacted_content=types.Content(role="model", parts=[types.Part(text="recap")]),
            )
        ),
    )
    summary.timestamp = ahead
    await sessions.append_event(session, summary)
    on_b = await _get(sessions, session)
    late = await sessions.append_event(on_b, _event("next message", ts=time.time()))
    assert late.timestamp > ahead
    stored = await _get(sessions, session)
    assert _texts(stored)[-1] == "next message" and stored.events[-1].timestamp > ahead


# ------------------------------------------------------------------ coalesced writes


class _ScriptCalls:
    """Counts the append script's calls (each one round trip), passing them on."""

    def __init__(self, service: RedisSessionService) -> None:
        self.calls = 0
        self._script = service._append
        service._append = self  # type: ignore[assignment]

    async def __call__(self, **kwargs: object) -> object:
        self.calls += 1
        return await self._script(**kwargs)


async def test_a_sessions_events_are_stored_together(redis: RedisConnection) -> None:
    writer = RedisSessionService(redis, write_delay_s=60)
    other_replica = RedisSessionService(redis)
    calls = _ScriptCalls(writer)
    session = await writer.create_session(app_name=APP, user_id="u1", state={"k": 0})
    for i in range(1, 4):
        await writer.append_event(session, _event(f"event {i}", k=i, **{"user:seen": i}))
    assert (_texts(session), session.state["k"]) == (["event 1", "event 2", "event 3"], 3)

    held = await _get(other_replica, session)
    assert (_texts(held), held.state) == ([], {"k": 0})  # not stored yet
    await writer.flush_session(app_name=APP, user_id="u1", session_id=session.id)
    stored = await _get(other_replica, session)
    assert _texts(stored) == ["event 1", "event 2", "event 3"]
    assert stored.state == {"k": 3, "user:seen": 3}
    assert calls.calls == 1

    # The writer's session object is current: it goes on appending without a re-read.
    await writer.append_event(session, _event("event 4"))
    assert _texts(await _get(writer, session))[-1] == "event 4"  # a read here stores first
    assert calls.calls == 2


async def test_coalesced_events_are_stored_after_the_delay(redis: RedisConnection) -> None:
    writer = RedisSessionService(redis, write_delay_s=0.02)
    session = await writer.create_session(app_name=APP, user_id="u1")
    await writer.append_event(session, _event("one"))
    await writer.append_event(session, _event("two"))
    reader = RedisSessionService(redis)
    for _ in range(1000):  # the timer stores them; a read here would store them itself
        if _texts(await _get(reader, session)):
            break
        await asyncio.sleep(0.01)
    assert _texts(await _get(reader, session)) == ["one", "two"]


async def test_a_failed_coalesced_write_is_raised_once(redis: RedisConnection) -> None:
    writer = RedisSessionService(redis, write_delay_s=60)
    other_replica = RedisSessionService(redis)
    session = await writer.create_session(app_name=APP, user_id="u1")
    ids = {"app_name": APP, "user_id": "u1", "session_id": session.id}
    await writer.append_event(session, _event("held back"))
    await other_replica.append_event(await _get(other_replica, session), _event("other"))

    with pytest.raises(StaleSessionError):
        await writer.flush_session(**ids)
    await writer.flush_session(**ids)  # raised once; nothing is left to store
    fresh = await _get(writer, session)
    assert _texts(fresh) == ["other"]
    await writer.append_event(fresh, _event("after a re-read"))
    await writer.flush_session(**ids)
    assert _texts(await _get(other_replica, session)) == ["other", "after a re-read"]


async def test_a_deferred_write_that_failed_is_raised_by_the_next_append(
    redis: RedisConnection,
) -> None:
    writer = RedisSessionService(redis, write_delay_s=0.01)
    session = await writer.create_session(app_name=APP, user_id="u1")
    await writer.append_event(session, _event("lost"))
    await RedisSessionService(redis).delete_session(
        app_name=APP, user_id="u1", session_id=session.id
    )  # by another replica, before the write
    key = writer._session_keys(APP, "u1", session.id)[0]
    assert writer._deferred is not None
    for _ in range(1000):
        if writer._deferred.failed(key):
            break
        await asyncio.sleep(0.01)
    with pytest.raises(SessionNotFoundError):
        await writer.append_event(session, _event("next"))


async def test_two_session_objects_of_one_session_cannot_both_append(
    redis: RedisConnection,
) -> None:
    writer = RedisSessionService(redis, write_delay_s=60)
    session = await writer.create_session(app_name=APP, user_id="u1")
    first, second = await _get(writer, session), await _get(writer, session)
    await writer.append_event(first, _event("first"))
    with pytest.raises(StaleSessionError):
        await writer.append_event(second, _event("second"))
    assert _texts(second) == []
    assert _texts(await _get(writer, session)) == ["first"]


async def test_a_runners_turn_is_stored_before_it_ends(redis: RedisConnection) -> None:
    """The next turn may go to another replica the moment this one ends."""
    agent = LlmAgent(name="helper", model=_ScriptedModel(), instruction="Answer briefly.")
    coalescing = RedisSessionService(redis, write_delay_s=60)  # only the turn's end stores
    runner = make_runner(APP, agent, coalescing)
    session = await coalescing.create_session(app_name=APP, user_id="u1")
    calls = _ScriptCalls(coalescing)
    [e async for e in _turn(runner, session.id, "hello")]
    assert _texts(await _get(RedisSessionService(redis), session)) == ["hello", "reply 1"]
    assert calls.calls == 1
    await runner.close()


async def test_the_last_state_appended_is_taken_once_without_a_read(
    redis: RedisConnection,
) -> None:
    service = RedisSessionService(redis, remember_last_state=True)
    session = await service.create_session(app_name="cart_manager", user_id="u1", state={"a": 1})
    ids = {"app_name": "cart_manager", "user_id": "u1", "session_id": session.id}
    assert service.take_last_state(**ids) is None  # nothing appended here yet
    await service.append_event(session, _event(b=2, **{"temp:c": 3}))
    # As a read would give it (never the turn's temp: keys), and only once.
    assert (
        service.take_last_state(**ids) == {"a": 1, "b": 2} == (await _get(service, session)).state
    )
    assert service.take_last_state(**ids) is None
    off = RedisSessionService(redis)
    await off.append_event(await _get(off, session), _event(d=4))
    assert off.take_last_state(**ids) is None
