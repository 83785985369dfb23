"""RedisTaskStore and RedisTaskEventStream against a real Redis: the SDK's contracts."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from a2a.auth.user import User
from a2a.server.cluster import ConcurrentTaskModificationError, TaskVersion, VersionedEvent
from a2a.server.context import ServerCallContext
from a2a.server.events import Event
from a2a.server.id_generator import IDGeneratorContext
from a2a.server.tasks import InMemoryTaskStore
from a2a.types import (
    Artifact,
    ListTasksRequest,
    Message,
    Part,
    Role,
    StreamResponse,
    Task,
    TaskArtifactUpdateEvent,
    TaskState,
    TaskStatus,
    TaskStatusUpdateEvent,
)
from google.protobuf import json_format

from cartmate.a2a.task_store import MAX_STORED_BYTES, RedisTaskEventStream, RedisTaskStore
from cartmate.errors import UnavailableError
from cartmate.store.redis_client import RedisConnection, open_redis
from tests.helpers import free_port

ANON = ServerCallContext()
WORKING = TaskState.TASK_STATE_WORKING


class _Named(User):
    def __init__(self, name: str) -> None:
        self._name = name

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def user_name(self) -> str:
        return self._name


def _ctx(owner: str) -> ServerCallContext:
    return ServerCallContext(user=_Named(owner))


def _task(task_id: str, state: TaskState = WORKING, context_id: str = "c1", at: int = 0) -> Task:
    task = Task(id=task_id, context_id=context_id, status=TaskStatus(state=state))
    task.status.timestamp.FromDatetime(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=at))
    return task


@pytest.fixture
def store(redis: RedisConnection) -> RedisTaskStore:
    return RedisTaskStore(redis, "cart_manager")


async def _insert(store: RedisTaskStore, task: Task, ctx: ServerCallContext = ANON) -> TaskVersion:
    return await store.save(
        task, event=None, prev=None, prev_version=TaskVersion.MISSING, context=ctx
    )


async def _save(
    store: RedisTaskStore, task: Task, version: TaskVersion, event: Event | None = None
) -> TaskVersion:
    return await store.save(task, event=event, prev=None, prev_version=version, context=ANON)


async def test_versions_are_compared_and_bumped(store: RedisTaskStore) -> None:
    v1 = await _insert(store, _task("t1", TaskState.TASK_STATE_SUBMITTED))
    stored = await store.get("t1", ANON)
    assert stored is not None and stored.version == v1 and not v1.is_missing
    assert stored.task == _task("t1", TaskState.TASK_STATE_SUBMITTED)

    v2 = await store.save(_task("t1"), event=None, prev=stored.task, prev_version=v1, context=ANON)
    assert v2.is_after(v1)
    with pytest.raises(ConcurrentTaskModificationError):  # written from a stale read
        await store.save(_task("t1"), event=None, prev=None, prev_version=v1, context=ANON)
    with pytest.raises(ConcurrentTaskModificationError):  # a second first write
        await _insert(store, _task("t1"))
    assert (await store.get("t1", ANON)).version == v2  # type: ignore[union-attr]


async def test_a_task_named_here_is_read_from_redis_only_once_written(
    store: RedisTaskStore, redis: RedisConnection
) -> None:
    task_id = store.task_ids().generate(IDGeneratorContext())
    other = RedisTaskStore(redis, "cart_manager")  # another replica, same Redis
    # Before its first write the task is nowhere: answered here, and truly absent there.
    assert await store.get(task_id, ANON) is None and await other.get(task_id, ANON) is None
    version = await _insert(store, _task(task_id))
    # Once written, reads go to Redis again (another replica may change it from now on).
    await other.save(
        _task(task_id, TaskState.TASK_STATE_COMPLETED),
        event=None,
        prev=None,
        prev_version=version,
        context=ANON,
    )
    stored = await store.get(task_id, ANON)
    assert stored is not None and stored.task.status.state == TaskState.TASK_STATE_COMPLETED


async def test_cancel_overwrites_a_live_task_but_not_a_finished_or_absent_one(
    store: RedisTaskStore,
) -> None:
    v1 = await _insert(store, _task("t1"))
    await store.save(_task("t1"), event=None, prev=None, prev_version=v1, context=ANON)
    # Stale version, still cancelled: cancelling must win over a busy writer.
    v3 = await store.save(
        _task("t1", TaskState.TASK_STATE_CANCELED),
        event=None,
        prev=None,
        prev_version=v1,
        context=ANON,
    )
    stored = await store.get("t1", ANON)
    assert stored is not None and stored.version == v3
    assert stored.task.status.state == TaskState.TASK_STATE_CANCELED
    for task_id in ("t1", "absent"):
        with pytest.raises(ConcurrentTaskModificationError):
            await store.save(
                _task(task_id, TaskState.TASK_STATE_CANCELED),
                event=None,
                prev=None,
                prev_version=TaskVersion.MISSING,
                context=ANON,
            )


async def test_a_finished_task_is_never_written_again(store: RedisTaskStore) -> None:
    v1 = await _insert(store, _task("t1"))
    cancelled = await _save(store, _task("t1", TaskState.TASK_STATE_CANCELED), v1)
    # Saved from the version the cancel produced (the SDK reloaded it), still refused.
    with pytest.raises(ConcurrentTaskModificationError):
        await _save(store, _task("t1"), cancelled)
    stored = await store.get("t1", ANON)
    assert stored is not None and stored.task.status.state == TaskState.TASK_STATE_CANCELED


async def test_concurrent_writers_from_one_version_exactly_one_wins(store: RedisTaskStore) -> None:
    v1 = await _insert(store, _task("t1"))
    results = await asyncio.gather(
        *(
            store.save(_task("t1", at=i), event=None, prev=None, prev_version=v1, context=ANON)
            for i in range(10)
        ),
        return_exceptions=True,
    )
    assert sum(isinstance(r, TaskVersion) for r in results) == 1
    assert sum(isinstance(r, ConcurrentTaskModificationError) for r in results) == 9


async def test_tasks_belong_to_their_owner(store: RedisTaskStore) -> None:
    await _insert(store, _task("t1"), _ctx("ann"))
    assert await store.get("t1", _ctx("ann")) is not None
    assert await store.get("t1", _ctx("bob")) is None
    assert await store.get("t1", ANON) is None
    # Another owner's task of the same id is another task.
    await _insert(store, _task("t1", context_id="bob's"), _ctx("bob"))
    assert (await store.get("t1", _ctx("ann"))).task.context_id == "c1"  # type: ignore[union-attr]
    # Owners with separators cannot reach each other's keys.
    await _insert(store, _task("x"), _ctx("a:b"))
    assert await store.get("b:x", _ctx("a")) is None


async def test_list_matches_the_sdks_in_memory_store(store: RedisTaskStore) -> None:
    reference = InMemoryTaskStore()
    tasks = [
        _task(f"t{i}", state, context_id=f"c{i % 2}", at=i)
        for i, state in enumerate([WORKING, TaskState.TASK_STATE_COMPLETED] * 4)
    ]
    for task in tasks:
        await _insert(store, task)
        await reference.save(task, ANON)
    cut = Task()
    cut.status.timestamp.FromDatetime(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=3))
    for request in (
        ListTasksRequest(),
        ListTasksRequest(context_id="c0"),
        ListTasksRequest(status=TaskState.TASK_STATE_COMPLETED),
        ListTasksRequest(page_size=3),
        ListTasksRequest(status_timestamp_after=cut.status.timestamp),
    ):
        assert await store.list(request, ANON) == await reference.list(request, ANON)
    first = await store.list(ListTasksRequest(page_size=3), ANON)
    second = await store.list(ListTasksRequest(page_size=3, page_token=first.next_page_token), ANON)
    assert [t.id for t in first.tasks] == ["t7", "t6", "t5"]
    assert [t.id for t in second.tasks] == ["t4", "t3", "t2"]
    assert (await store.list(ListTasksRequest(), _ctx("someone"))).tasks == []


async def test_delete_and_expiry(redis: RedisConnection) -> None:
    store = RedisTaskStore(redis, "cart_manager", ttl_s=1)
    await _insert(store, _task("t1"))
    await _insert(store, _task("t2"))
    await store.delete("t1", ANON)
    assert await store.get("t1", ANON) is None
    assert [t.id for t in (await store.list(ListTasksRequest(), ANON)).tasks] == ["t2"]
    await asyncio.sleep(1.2)
    assert await store.get("t2", ANON) is None
    assert (await store.list(ListTasksRequest(), ANON)).tasks == []


async def test_tasks_survive_a_new_connection(
    redis_url: str, key_prefix: str, redis: RedisConnection
) -> None:
    await _insert(RedisTaskStore(redis, "cart_manager"), _task("t1"))
    async with open_redis(redis_url, key_prefix) as reopened:
        stored = await RedisTaskStore(reopened, "cart_manager").get("t1", ANON)
    assert stored is not None and stored.task.id == "t1"
    # Agents sharing Redis keep apart.
    assert await RedisTaskStore(redis, "style_profiler").get("t1", ANON) is None


async def test_the_unversioned_view_is_a_plain_task_store(store: RedisTaskStore) -> None:
    plain = store.as_task_store
    await plain.save(_task("t1"), ANON)
    await plain.save(_task("t1", TaskState.TASK_STATE_COMPLETED), ANON)  # last writer wins
    assert (await plain.get("t1", ANON)).status.state == TaskState.TASK_STATE_COMPLETED  # type: ignore[union-attr]
    assert [t.id for t in (await plain.list(ListTasksRequest(), ANON)).tasks] == ["t1"]
    await plain.delete("t1", ANON)
    assert await plain.get("t1", ANON) is None


def _status(state: TaskState) -> TaskStatusUpdateEvent:
    return TaskStatusUpdateEvent(task_id="t1", context_id="c1", status=TaskStatus(state=state))


async def _next(events: AsyncIterator[VersionedEvent]) -> VersionedEvent:
    return await asyncio.wait_for(anext(events), 5)


async def test_events_are_streamed_after_a_version(store: RedisTaskStore) -> None:
    stream = RedisTaskEventStream(store, block_ms=50)
    v1 = await store.save(
        _task("t1", TaskState.TASK_STATE_SUBMITTED),
        event=_task("t1", TaskState.TASK_STATE_SUBMITTED),
        prev=None,
        prev_version=TaskVersion.MISSING,
        context=ANON,
    )
    v2 = await store.save(
        _task("t1"), event=_status(WORKING), prev=None, prev_version=v1, context=ANON
    )
    replay = stream.subscribe("t1", after=TaskVersion.MISSING)
    tail = stream.subscribe("t1", after=v2)
    try:
        first = await _next(replay)
        assert first.version == v1
        assert first.event == _task("t1", TaskState.TASK_STATE_SUBMITTED)
        assert (await _next(replay)).event == _status(WORKING)
        waiting = asyncio.create_task(_next(tail))
        await asyncio.sleep(0.2)  # the subscriber is blocked on Redis by now
        assert not waiting.done()
        artifact = TaskArtifactUpdateEvent(
            task_id="t1",
            context_id="c1",
            artifact=Artifact(artifact_id="a", parts=[Part(text="hi")]),
        )
        v3 = await store.save(_task("t1"), event=artifact, prev=None, prev_version=v2, context=ANON)
        got = await waiting
        assert got.version == v3 and got.event == artifact
    finally:
        await replay.aclose()
        await tail.aclose()
    await stream.publish("t1", got)  # a no-op: the store wrote it already
    await stream.destroy("t1")
    assert 0 < await store._redis.client.ttl(store.events_key("t1")) <= 60


async def test_tasks_and_events_written_as_json_by_earlier_versions_are_read(
    store: RedisTaskStore,
) -> None:
    task = _task("t1")
    task.history.append(Message(message_id="m1", role=Role.ROLE_USER, parts=[Part(text="hi")]))
    version = await _insert(store, task)
    key = store._task_key("", "t1")
    stored = await store._redis.client.hget(key, "data")
    assert not stored.startswith("{")  # written as binary now
    # What the earlier versions wrote: protobuf JSON, the task and a stream event.
    await store._redis.client.hset(key, "data", json_format.MessageToJson(task, indent=None))
    event = json_format.MessageToJson(StreamResponse(status_update=_status(WORKING)), indent=None)
    await store._redis.client.xadd(store.events_key("t1"), {"v": 1, "e": event})
    got = await store.get("t1", ANON)
    assert got is not None and got.task == task and got.version == version
    assert [t.id for t in (await store.list(ListTasksRequest(), ANON)).tasks] == ["t1"]
    stream = RedisTaskEventStream(store, block_ms=50)
    events = stream.subscribe("t1", after=TaskVersion.MISSING)
    try:
        assert (await _next(events)).event == _status(WORKING)
    finally:
        await events.aclose()


async def test_event_streams_are_bounded(redis: RedisConnection) -> None:
    store = RedisTaskStore(redis, "cart_manager", max_events=10)
    version = await _insert(store, _task("t1"))
    for _ in range(300):
        version = await store.save(
            _task("t1"), event=_status(WORKING), prev=None, prev_version=version, context=ANON
        )
    assert await redis.client.xlen(store.events_key("t1")) < 150  # "~": trimmed by whole nodes


async def test_redis_failures_are_unavailable_errors() -> None:
    async with open_redis(
        f"redis://127.0.0.1:{free_port()}", "x:", timeout_s=0.1, check=False
    ) as dead:
        store = RedisTaskStore(dead, "cart_manager")
        with pytest.raises(UnavailableError, match="A2A task store"):
            await store.get("t1", ANON)
        with pytest.raises(UnavailableError):
            await _insert(store, _task("t1"))


async def test_large_files_are_not_kept(store: RedisTaskStore) -> None:
    photo = Part(raw=b"\xff" * (MAX_STORED_BYTES + 1), media_type="image/jpeg", filename="me.jpg")
    small = Part(raw=b"\x89PNG", media_type="image/png")
    task = _task("t1")
    task.history.append(Message(message_id="m1", role=Role.ROLE_USER, parts=[photo, small]))
    await store.save(task, event=task, prev=None, prev_version=TaskVersion.MISSING, context=ANON)
    stored = await store.get("t1", ANON)
    assert stored is not None
    kept, untouched = stored.task.history[0].parts
    assert kept.text == f"[image/jpeg me.jpg of {MAX_STORED_BYTES + 1} bytes, not kept]"
    assert kept.metadata["cartmate_omitted_bytes"] == MAX_STORED_BYTES + 1
    assert untouched == small
    assert task.history[0].parts[0] == photo  # the caller's task is not changed
    events = RedisTaskEventStream(store, block_ms=50).subscribe("t1", after=TaskVersion.MISSING)
    try:
        replayed = (await _next(events)).event
    finally:
        await events.aclose()
    assert isinstance(replayed, Task) and replayed.history[0].parts[0] == kept


# ------------------------------------------------------------ held-back progress (write delay)

COMPLETED = TaskState.TASK_STATE_COMPLETED
CANCELED = TaskState.TASK_STATE_CANCELED
SUBMITTED = TaskState.TASK_STATE_SUBMITTED


async def _stored_events(store: RedisTaskStore) -> list[tuple[int, str | None]]:
    """(version, kind) of every event in t1's stream, as another replica reads them."""
    rows = await store.redis.client.xrange(store.events_key("t1"))
    return [
        (
            int(fields["v"]),
            StreamResponse.FromString(base64.b64decode(fields["e"])).WhichOneof("payload"),
        )
        for _entry, fields in rows
    ]


async def _elsewhere(redis: RedisConnection) -> tuple[TaskState, TaskVersion] | None:
    """t1's state and version as another replica reads them."""
    stored = await RedisTaskStore(redis, "cart_manager").get("t1", ANON)
    return None if stored is None else (stored.task.status.state, stored.version)


async def test_progress_is_held_back_and_written_with_the_tasks_end(
    redis: RedisConnection,
) -> None:
    store = RedisTaskStore(redis, "cart_manager", write_delay_s=60)
    v1 = await _save(store, _task("t1", SUBMITTED), TaskVersion.MISSING)
    assert await _elsewhere(redis) == (SUBMITTED, TaskVersion(1))  # created at once

    artifact = TaskArtifactUpdateEvent(
        task_id="t1", context_id="c1", artifact=Artifact(artifact_id="a", parts=[Part(text="hi")])
    )
    v2 = await _save(store, _task("t1"), v1, _status(WORKING))
    v3 = await _save(store, _task("t1"), v2, artifact)
    v4 = await _save(store, _task("t1"), v3)  # a save without an event still counts
    assert (v2, v3, v4) == (TaskVersion(2), TaskVersion(3), TaskVersion(4))
    assert await _elsewhere(redis) == (SUBMITTED, TaskVersion(1))  # held back
    here = await store.get("t1", ANON)  # this replica reads its own progress
    assert here is not None and here.version == v4 and here.task.status.state == WORKING

    v5 = await _save(store, _task("t1", COMPLETED), v4, _status(COMPLETED))
    assert v5 == TaskVersion(5)
    assert await _elsewhere(redis) == (COMPLETED, TaskVersion(5))  # the end wrote it all at once
    assert await _stored_events(store) == [
        (2, "status_update"),
        (3, "artifact_update"),
        (5, "status_update"),
    ]


async def test_held_back_progress_is_written_after_the_delay(redis: RedisConnection) -> None:
    store = RedisTaskStore(redis, "cart_manager", write_delay_s=0.02)
    v1 = await _insert(store, _task("t1", SUBMITTED))
    await _save(store, _task("t1"), v1, _status(WORKING))
    for _ in range(500):
        if await _elsewhere(redis) == (WORKING, TaskVersion(2)):
            break
        await asyncio.sleep(0.01)
    assert await _elsewhere(redis) == (WORKING, TaskVersion(2))


@pytest.mark.parametrize("delay_s", [60, 0.01])  # written with the next save, or by its timer
async def test_a_cancel_from_another_replica_fails_the_next_save(
    redis: RedisConnection, delay_s: float
) -> None:
    store = RedisTaskStore(redis, "cart_manager", write_delay_s=delay_s)
    other = RedisTaskStore(redis, "cart_manager")
    v1 = await _insert(store, _task("t1", SUBMITTED))
    v2 = await _save(store, _task("t1"), v1, _status(WORKING))
    seen = await other.get("t1", ANON)
    assert seen is not None and seen.version == v1
    await _save(other, _task("t1", CANCELED), seen.version, _status(CANCELED))
    if delay_s < 1:  # the timer's write is refused; the refusal waits for the next save
        key, deferred = store._task_key(store._owner(ANON), "t1"), store._deferred
        assert deferred is not None
        for _ in range(500):
            if deferred.failed(key):
                break
            await asyncio.sleep(0.01)
        assert deferred.failed(key)

    with pytest.raises(ConcurrentTaskModificationError):
        await _save(store, _task("t1", COMPLETED), v2, _status(COMPLETED))
    stored = await store.get("t1", ANON)  # the SDK reloads: the cancel stands
    assert stored is not None and stored.task.status.state == CANCELED
    assert await _stored_events(store) == [(2, "status_update")]  # the cancel's only


async def test_a_cancel_here_writes_the_held_back_progress_first(redis: RedisConnection) -> None:
    store = RedisTaskStore(redis, "cart_manager", write_delay_s=60)
    v1 = await _insert(store, _task("t1", SUBMITTED))
    v2 = await _save(store, _task("t1"), v1, _status(WORKING))
    cancelled = await _save(store, _task("t1", CANCELED), v2, _status(CANCELED))
    assert cancelled == TaskVersion(3)
    assert await _elsewhere(redis) == (CANCELED, TaskVersion(3))
    assert [version for version, _ in await _stored_events(store)] == [2, 3]


async def test_pausing_writes_at_once_and_flush_writes_what_is_held_back(
    redis: RedisConnection,
) -> None:
    store = RedisTaskStore(redis, "cart_manager", write_delay_s=60)
    v1 = await _insert(store, _task("t1", SUBMITTED))
    v2 = await _save(store, _task("t1"), v1, _status(WORKING))
    paused = TaskState.TASK_STATE_INPUT_REQUIRED
    v3 = await _save(store, _task("t1", paused), v2)  # the request ends: the caller may go on
    assert await _elsewhere(redis) == (paused, TaskVersion(3))  # elsewhere, at once

    await _save(store, _task("t1"), v3, _status(WORKING))  # the caller's answer
    assert await _elsewhere(redis) == (paused, TaskVersion(3))
    await store.flush()  # as the server does when it stops
    assert await _elsewhere(redis) == (WORKING, TaskVersion(4))
