"""A2A tasks and their events in Redis, shared by every replica of an agent.

`RedisTaskStore` is the SDK's `VersionedTaskStore` (a2a.server.cluster): each task carries a
version that every write compares and bumps atomically (one Lua script), so two replicas
cannot overwrite each other's progress; a write that lost the race raises
`ConcurrentTaskModificationError` and the SDK reloads. Cancelling overwrites any non-terminal
task, as the interface requires; a finished task (completed, cancelled, failed, rejected) is
never written again, so a cancel stands even against events the agent queued before it
stopped. The same script appends the event that produced the write to
the task's bounded Redis Stream, which `RedisTaskEventStream` tails, so a replica that is not
running a task can still stream it to a subscriber (the SDK's `DatabaseTaskEventStream`
design, on Redis).

Layout, under the connection's prefix and the store's namespace (the agent's name):

- `a2a:<ns>:task:<owner>:<task_id>`: hash with `data` (the Task), `version`, `state`.
- `a2a:<ns>:tasks:<owner>`: sorted set of the owner's task ids, scored by last write (ms).
- `a2a:<ns>:events:<task_id>`: stream of `v` (version) and `e` (the StreamResponse),
  capped at about `max_events` entries.

Tasks and events are stored as binary protobuf in base64 (about 20x cheaper to write and to read
than protobuf's JSON form, which a task is written in on every event); JSON written by
earlier versions (it starts with `{`, base64 never does) is still read.

With `write_delay_s` above 0 a task's progress (updates that leave it submitted or working)
is written together, one script call for all of them, at most that long after the first;
creating a task, an update that ends or pauses it (completed, failed, input required...) and
cancelling write at once, with what is pending before them, so a request's answer is never
ahead of Redis. This replica reads its own pending writes back; another replica sees them (and
streams their events) up to `write_delay_s` later, and a concurrent write from it (a cancel)
surfaces as `ConcurrentTaskModificationError` on this replica's next save, as without delay.

Everything expires `ttl_s` after its last write: tasks are conversation turns, not records.
Photos are not kept: a file part bigger than `MAX_STORED_BYTES` is stored as a short text
saying what it was (the agent has already read it), so a task stays small.

The three keys of a write go through one script, so on Redis Cluster they would need one hash
slot; CartMate runs on a single Redis (Memorystore standard tier).
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from a2a.server.cluster import (
    ConcurrentTaskModificationError,
    StoredTask,
    TaskEventStream,
    TaskVersion,
    VersionedEvent,
    VersionedTaskStore,
)
from a2a.server.context import ServerCallContext
from a2a.server.events import Event
from a2a.server.id_generator import IDGenerator, IDGeneratorContext
from a2a.server.owner_resolver import OwnerResolver, resolve_user_scope
from a2a.server.tasks import InMemoryTaskStore, TaskStore
from a2a.types import (
    Artifact,
    ListTasksRequest,
    ListTasksResponse,
    Message,
    Part,
    StreamResponse,
    Task,
    TaskArtifactUpdateEvent,
    TaskState,
    TaskStatusUpdateEvent,
)
from a2a.utils.proto_utils import to_stream_response
from google.protobuf import json_format
from google.protobuf.message import Message as ProtoMessage

from cartmate.store.redis_client import RedisConnection, redis_errors
from cartmate.store.write_behind import WriteBehind

__all__ = [
    "DEFAULT_MAX_EVENTS",
    "DEFAULT_TASK_TTL_S",
    "MAX_STORED_BYTES",
    "RedisTaskEventStream",
    "RedisTaskStore",
]

DEFAULT_TASK_TTL_S = 86_400  # CARTMATE_A2A_TASK_TTL_S
DEFAULT_MAX_EVENTS = 1_000  # per task; a turn produces a handful
_FRESH_S = 60.0  # how long a new task id is known unwritten (a request writes it at once)
_FRESH_MAX = 1_000  # ids remembered before stale ones are dropped
MAX_STORED_BYTES = 64 * 1024  # larger file parts are replaced by a note
_WHAT = "A2A task store"
# States whose saves may be held back: the request goes on, nobody is waiting on Redis.
_HELD_BACK = (TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING)
_TERMINAL = (
    TaskState.TASK_STATE_COMPLETED,
    TaskState.TASK_STATE_CANCELED,
    TaskState.TASK_STATE_FAILED,
    TaskState.TASK_STATE_REJECTED,
)

# KEYS: task hash, owner index, event stream.
# ARGV: mode (insert|update|cancel), expected version, task, state, ttl s, now ms,
#       task id, max events, terminal states (space separated), saves (how far the version
#       advances), then per event: its version's offset (1..saves) and its text.
# Returns the new version, or -1 when the stored version says another writer got there first
# (or the task has finished: a finished task is never written again, whatever version a
# writer read; the SDK goes on saving an agent's queued events after it saw a cancel).
_SAVE_LUA = """
local stored = redis.call('HGET', KEYS[1], 'version')
local mode = ARGV[1]
if mode == 'cancel' then
  if not stored then return -1 end
  local state = ' ' .. (redis.call('HGET', KEYS[1], 'state') or '') .. ' '
  if string.find(' ' .. ARGV[9] .. ' ', state, 1, true) then return -1 end
elseif mode == 'insert' then
  if stored then return -1 end
  stored = 0
else
  if (not stored) or tonumber(stored) ~= tonumber(ARGV[2]) then return -1 end
  local state = ' ' .. (redis.call('HGET', KEYS[1], 'state') or '') .. ' '
  if string.find(' ' .. ARGV[9] .. ' ', state, 1, true) then return -1 end
end
local base = tonumber(stored)
local new = base + tonumber(ARGV[10])
local ttl = tonumber(ARGV[5])
local now = tonumber(ARGV[6])
redis.call('HSET', KEYS[1], 'data', ARGV[3], 'version', new, 'state', ARGV[4])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], now, ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl * 1000)
redis.call('EXPIRE', KEYS[2], ttl)
for i = 11, #ARGV, 2 do
  local version = base + tonumber(ARGV[i])
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'v', version, 'e', ARGV[i + 1])
end
if #ARGV > 10 then redis.call('EXPIRE', KEYS[3], ttl) end
return new
"""


_M = TypeVar("_M", bound=ProtoMessage)


def _version_int(version: TaskVersion) -> int:
    value = version._value  # the SDK offers no accessor; its own stores read it too
    if not isinstance(value, int):
        raise TypeError(f"RedisTaskStore versions are integers, got {value!r}")
    return value


def _slim_parts(parts: Iterable[Part]) -> None:
    for part in parts:
        if part.WhichOneof("content") == "raw" and len(part.raw) > MAX_STORED_BYTES:
            size = len(part.raw)
            what = " ".join(filter(None, [part.media_type or "file", part.filename]))
            part.text = f"[{what} of {size} bytes, not kept]"
            part.metadata.update({"cartmate_omitted_bytes": size})


def _slim(message: _M) -> _M:
    """A copy of a task or event without large file bytes in its messages and artifacts."""
    copy = type(message)()
    copy.CopyFrom(message)
    messages: list[Message] = []
    artifacts: list[Artifact] = []
    if isinstance(copy, Task):
        messages += [*copy.history, copy.status.message]
        artifacts += copy.artifacts
    elif isinstance(copy, TaskStatusUpdateEvent):
        messages.append(copy.status.message)
    elif isinstance(copy, TaskArtifactUpdateEvent):
        artifacts.append(copy.artifact)
    elif isinstance(copy, Message):
        messages.append(copy)
    for item in [*messages, *artifacts]:
        _slim_parts(item.parts)
    return copy


def _encoded(message: ProtoMessage) -> str:
    """Binary protobuf as base64 text (the connection decodes replies as text)."""
    return base64.b64encode(message.SerializeToString()).decode("ascii")


def _decoded(text: str, message: _M) -> _M:
    """Fill `message` from stored text: base64 binary, or JSON from earlier versions."""
    if text.startswith("{"):
        return json_format.Parse(text, message)
    message.ParseFromString(base64.b64decode(text))
    return message


def _event_text(event: Event) -> str:
    return _encoded(to_stream_response(_slim(event)))


def _event_from_text(text: str) -> Event:
    response = _decoded(text, StreamResponse())
    kind = response.WhichOneof("payload")
    if kind is None:
        raise ValueError("stored A2A event has no payload")
    event: Event = getattr(response, kind)
    return event


class FreshTaskIds(IDGenerator):
    """New task ids (random UUIDs), remembered until the task is first written.

    a2a-sdk reads a new task three times before it writes it (setting up the active task,
    the producer, the first event); a random id this replica just made up cannot be in Redis
    yet, on any replica, so those reads are answered here. Ids never written (a request that
    failed first) are forgotten after `_FRESH_S`.
    """

    def __init__(self, fresh: dict[str, float]) -> None:
        self._fresh = fresh

    def generate(self, context: IDGeneratorContext) -> str:
        del context
        now = time.monotonic()
        if len(self._fresh) > _FRESH_MAX:  # a backlog of failed requests: drop the stale
            for task_id, since in list(self._fresh.items()):
                if now - since > _FRESH_S:
                    del self._fresh[task_id]
        task_id = str(uuid.uuid4())
        self._fresh[task_id] = now
        return task_id


class RedisTaskStore(VersionedTaskStore):
    """The SDK's versioned task store on Redis; see the module docstring for the layout."""

    def __init__(
        self,
        redis: RedisConnection,
        namespace: str,
        *,
        owner_resolver: OwnerResolver = resolve_user_scope,
        ttl_s: int = DEFAULT_TASK_TTL_S,
        max_events: int = DEFAULT_MAX_EVENTS,
        write_delay_s: float = 0.0,
    ) -> None:
        """Store tasks under `a2a:<namespace>:` (one namespace per agent).

        Args:
          redis: The process's connection (borrowed, not closed here).
          namespace: Usually the agent's name, so agents sharing Redis keep apart.
          owner_resolver: Who owns a task, from the call context (the SDK's default: the
            authenticated user's name, "" for anonymous callers).
          ttl_s: Seconds a task and its events live after their last write.
          max_events: About how many events each task's stream keeps.
          write_delay_s: 0 writes each save at once; above 0 a task's progress is written
            together at most this long after the first of it (see the module docstring).
        """
        if ttl_s <= 0 or max_events <= 0:
            raise ValueError("ttl_s and max_events must be positive")
        if write_delay_s < 0:
            raise ValueError("write_delay_s must not be negative")
        self._redis = redis
        self._namespace = namespace
        self._owner = owner_resolver
        self._ttl_s = ttl_s
        self._max_events = max_events
        self._save_script = redis.client.register_script(_SAVE_LUA)
        # Task ids this replica just made up and has not written yet (see `FreshTaskIds`).
        self._fresh: dict[str, float] = {}
        # Task key -> its progress saved here and not written yet.
        self._deferred: WriteBehind[_Progress] | None = (
            WriteBehind(
                write_delay_s,
                self._write,
                "A2A task progress",
                describe=lambda progress: {"task": progress.task.id},
            )
            if write_delay_s > 0
            else None
        )

    @property
    def namespace(self) -> str:
        return self._namespace

    def task_ids(self) -> FreshTaskIds:
        """The generator to name new tasks with (a request context builder's
        `task_id_generator`), so reads of a task before its first write skip Redis."""
        return FreshTaskIds(self._fresh)

    @property
    def redis(self) -> RedisConnection:
        return self._redis

    def _task_key(self, owner: str, task_id: str) -> str:
        # Quoted so an owner holding ":" cannot collide with another owner's task.
        return self._redis.keys.key("a2a", self._namespace, "task", quote(owner, safe=""), task_id)

    def _index_key(self, owner: str) -> str:
        return self._redis.keys.key("a2a", self._namespace, "tasks", quote(owner, safe=""))

    def events_key(self, task_id: str) -> str:
        """The Redis Stream holding the task's events (read by RedisTaskEventStream)."""
        return self._redis.keys.key("a2a", self._namespace, "events", task_id)

    async def save(
        self,
        task: Task,
        *,
        event: Event | None,
        prev: Task | None,
        prev_version: TaskVersion,
        context: ServerCallContext,
    ) -> TaskVersion:
        """Write `task` if the stored version is still `prev_version`; returns the new one.

        With a write delay, progress is held back and written with the task's next saves
        (see the module docstring); a held-back write that failed is raised here, next.
        """
        del prev  # the whole task is written; no diffing
        if task.status.state == TaskState.TASK_STATE_CANCELED:
            mode, expected = "cancel", 0
        elif prev_version.is_missing:
            mode, expected = "insert", 0
        else:
            mode, expected = "update", _version_int(prev_version)
        owner = self._owner(context)
        key = self._task_key(owner, task.id)
        deferred = self._deferred
        pending = deferred.pending(key) if deferred is not None else None
        if mode == "update" and pending is not None and pending.version == expected:
            assert deferred is not None
            pending.task = _slim(task)  # the same task, later
            pending.add(event)
            if task.status.state not in _HELD_BACK:  # it ends or pauses: written now
                await deferred.flush(key)
                deferred.raise_failed(key)
            return TaskVersion(pending.version)
        progress = _Progress(owner, mode, expected, _slim(task))
        progress.add(event)
        if deferred is None:
            return TaskVersion(await self._write(progress))
        await deferred.flush(key)  # what was held back goes first
        if mode == "cancel":
            deferred.forget(key)  # a cancel overwrites whatever happened to the task
        else:
            deferred.raise_failed(key)
        if mode == "update" and task.status.state in _HELD_BACK:
            deferred.hold(key, progress)
            return TaskVersion(progress.version)
        return TaskVersion(await self._write(progress))

    async def _write(self, progress: _Progress) -> int:
        """One script call: the task as last saved and the events of every save since."""
        args: list[Any] = [
            progress.mode,
            progress.expected,
            _encoded(progress.task),
            int(progress.task.status.state),
            self._ttl_s,
            int(time.time() * 1000),
            progress.task.id,
            self._max_events,
            " ".join(str(int(state)) for state in _TERMINAL),
            progress.saves,
        ]
        for offset, text in progress.events:
            args += [offset, text]
        keys = [
            self._task_key(progress.owner, progress.task.id),
            self._index_key(progress.owner),
            self.events_key(progress.task.id),
        ]
        with redis_errors(_WHAT):
            new = int(await self._save_script(keys=keys, args=args))
        self._fresh.pop(progress.task.id, None)
        if new < 0:
            raise ConcurrentTaskModificationError(progress.task.id)
        return new

    async def get(self, task_id: str, context: ServerCallContext) -> StoredTask | None:
        """The task with the version it was read at, or None."""
        if task_id in self._fresh:
            return None  # named here a moment ago, never written: nowhere yet
        key = self._task_key(self._owner(context), task_id)
        if self._deferred is not None:
            pending = self._deferred.pending(key)
            if pending is not None:  # this replica's own progress, not written yet
                copy = Task()
                copy.CopyFrom(pending.task)
                return StoredTask(copy, TaskVersion(pending.version))
            await self._deferred.flush(key)  # a write in flight lands before the read
        with redis_errors(_WHAT):
            data, version = await self._redis.client.hmget(key, ["data", "version"])
        if data is None or version is None:
            return None
        return StoredTask(_decoded(data, Task()), TaskVersion(int(version)))

    async def flush(self) -> None:
        """Writes every task's held-back progress (at shutdown); failures are logged."""
        if self._deferred is not None:
            await self._deferred.flush_all()

    async def list(self, params: ListTasksRequest, context: ServerCallContext) -> ListTasksResponse:
        """The owner's tasks, filtered, ordered and paged exactly as the SDK's in-memory store."""
        owner = self._owner(context)
        index = self._index_key(owner)
        await self.flush()  # this replica's held-back progress is listed
        with redis_errors(_WHAT):
            ids = await self._redis.client.zrange(index, 0, -1)
            async with self._redis.client.pipeline(transaction=False) as pipe:
                for task_id in ids:
                    pipe.hget(self._task_key(owner, task_id), "data")
                rows = await pipe.execute() if ids else []
            expired = [task_id for task_id, data in zip(ids, rows, strict=True) if data is None]
            if expired:
                await self._redis.client.zrem(index, *expired)
        # Reuse the SDK's own filtering, ordering and page tokens on this owner's tasks.
        scratch = InMemoryTaskStore(owner_resolver=lambda _ctx: "", use_copying=False)
        for data in rows:
            if data is not None:
                await scratch.save(_decoded(data, Task()), context)
        return await scratch.list(params, context)

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        """Forget the task and its events."""
        owner = self._owner(context)
        if self._deferred is not None:
            self._deferred.forget(self._task_key(owner, task_id))
        with redis_errors(_WHAT):
            async with self._redis.client.pipeline(transaction=True) as pipe:
                pipe.delete(self._task_key(owner, task_id), self.events_key(task_id))
                pipe.zrem(self._index_key(owner), task_id)
                await pipe.execute()

    @property
    def as_task_store(self) -> TaskStore:
        """This store as a plain, unversioned `TaskStore` (last writer wins)."""
        return _UnversionedView(self)


@dataclass
class _Progress:
    """Saves of one task written by one script call: the task as last saved, and the events
    of every save (a save without an event still advances the version)."""

    owner: str
    mode: str  # how the first save writes: insert, update or cancel
    expected: int  # the stored version the first save was made over (update)
    task: Task  # a slimmed copy: the SDK goes on changing the task it saved
    saves: int = 0
    events: list[tuple[int, str]] = field(default_factory=list)  # (version offset, event)

    @property
    def version(self) -> int:
        """The task's version once these saves are written (not for a cancel)."""
        return self.expected + self.saves

    def add(self, event: Event | None) -> None:
        self.saves += 1
        if event is not None:
            self.events.append((self.saves, _event_text(event)))


class _UnversionedView(TaskStore):
    """A plain TaskStore over RedisTaskStore, for code that only knows that interface."""

    _ATTEMPTS = 10

    def __init__(self, store: RedisTaskStore) -> None:
        self._store = store

    async def save(self, task: Task, context: ServerCallContext) -> None:
        for _ in range(self._ATTEMPTS):
            stored = await self._store.get(task.id, context)
            version = stored.version if stored is not None else TaskVersion.MISSING
            try:
                await self._store.save(
                    task, event=None, prev=None, prev_version=version, context=context
                )
                return
            except ConcurrentTaskModificationError:
                continue  # somebody wrote in between: re-read and write over it
        raise ConcurrentTaskModificationError(task.id)

    async def get(self, task_id: str, context: ServerCallContext) -> Task | None:
        stored = await self._store.get(task_id, context)
        return stored.task if stored is not None else None

    async def list(self, params: ListTasksRequest, context: ServerCallContext) -> ListTasksResponse:
        return await self._store.list(params, context)

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        await self._store.delete(task_id, context)


class RedisTaskEventStream(TaskEventStream):
    """Tails the event streams `RedisTaskStore` writes, for replicas not running the task."""

    def __init__(
        self,
        store: RedisTaskStore,
        *,
        block_ms: int | None = None,
        linger_s: int = 60,
    ) -> None:
        """Read `store`'s event streams.

        Args:
          store: The task store whose writes carry the events.
          block_ms: How long one XREAD waits; by default half the connection's socket
            timeout (capped at 1 s) so a quiet stream never trips that timeout.
          linger_s: How long a finished task's events stay for late subscribers.
        """
        self._store = store
        self._redis = store.redis
        self._linger_s = linger_s
        if block_ms is None:
            timeout = self._redis.pool.connection_kwargs.get("socket_timeout") or 2.0
            block_ms = int(min(1.0, float(timeout) / 2) * 1000)
        self._block_ms = max(10, block_ms)

    async def publish(self, task_id: str, event: VersionedEvent) -> None:
        """Nothing to do: the store appended the event in the same script as the write."""
        del task_id, event

    async def subscribe(  # type: ignore[override]  # an async generator, as the SDK's own
        self, task_id: str, *, after: TaskVersion
    ) -> AsyncGenerator[VersionedEvent, None]:
        """Yield the task's events newer than `after`, then wait for more (until closed)."""
        key = self._store.events_key(task_id)
        cursor = "0-0"  # the stream is bounded, so replaying it from the start is cheap
        while True:
            with redis_errors(_WHAT):
                reply = await self._redis.client.xread(
                    {key: cursor}, count=100, block=self._block_ms
                )
            for entry_id, fields in _entries(reply):
                cursor = entry_id
                version = TaskVersion(int(fields["v"]))
                if version.is_after(after):
                    yield VersionedEvent(event=_event_from_text(fields["e"]), version=version)

    async def destroy(self, task_id: str) -> None:
        """Let a finished task's events go after a short while."""
        with redis_errors(_WHAT):
            await self._redis.client.expire(self._store.events_key(task_id), self._linger_s)


def _entries(reply: Any) -> list[tuple[str, dict[str, str]]]:
    """XREAD's entries from a RESP2 list or a RESP3 dict reply."""
    if not reply:
        return []
    streams: Any = reply.values() if isinstance(reply, dict) else (item[1] for item in reply)
    out: list[tuple[str, dict[str, str]]] = []
    for entries in streams:
        for entry in entries:
            out.append((entry[0], entry[1]))
    return out
