"""An ADK session service on Redis whose append cost does not grow with the history.

ADK's own `google.adk.integrations.redis.RedisSessionService` keeps a session as one JSON blob
and rewrites all of it on every event, so a long conversation gets slower with each turn. Here
every event is one list element. Layout (parts are escaped so that `:` never appears in them):

- `session:<app>:<user>:<id>`: hash; `m:rev` (revision, +1 per event), `m:ts` (last update
  time) and one `s:<key>` field per session-state key, its value as JSON.
- `session:<app>:<user>:<id>:events`: list of the events as JSON, oldest first.
- `session:<app>:<user>:<id>:ts`: list of the same events' timestamps, in step with the
  events, so `after_timestamp` reads are found without parsing any event.
- `session-app-state:<app>` and `session-user-state:<app>:<user>`: hashes of the `app:` and
  `user:` state (keys without the prefix, JSON values). `temp:` state is never stored.
- `session-index:<app>:<user>`: sorted set of the user's session ids by last update time;
  `session-users:<app>`: sorted set of the app's users, for `list_sessions` without a user.

Each write is one Lua script, so it is atomic and one round trip; appending checks the
caller's revision and raises `StaleSessionError` when another replica appended since the
session was read (optimistic concurrency, as ADK's database services do). A session's keys,
the user's state and the user's index expire after `idle_ttl_s` without an append or a read;
the app state never expires. Index entries of expired sessions are pruned by `list_sessions`.
Not for Redis Cluster: a script touches several keys without a common hash tag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from google.adk.errors import StaleSessionError
from google.adk.errors.already_exists_error import AlreadyExistsError
from google.adk.errors.session_not_found_error import SessionNotFoundError
from google.adk.events.event import Event
from google.adk.platform import time as platform_time
from google.adk.platform import uuid as platform_uuid
from google.adk.sessions import _session_util
from google.adk.sessions.base_session_service import (
    BaseSessionService,
    GetSessionConfig,
    ListSessionsResponse,
)
from google.adk.sessions.session import Session
from google.adk.sessions.state import State
from typing_extensions import override

from cartmate.config import Settings
from cartmate.store.event_reads import parse_events
from cartmate.store.redis_client import RedisConnection, redis_errors
from cartmate.store.write_behind import WriteBehind

__all__ = ["RedisSessionService"]


_CLOCK_STEP_S = 1e-3  # how far past a compacted range a late-stamped event is put

_WHAT = "session store"
_STATE = "s:"  # session-state fields in the session hash; meta fields start with "m:"
_PAGE = 64  # timestamps read per step when walking back for after_timestamp
_MAX_BATCH = 64  # events stored by one script call at most
_MAX_REMEMBERED = 1_000  # sessions whose last state (or deletion) is kept
_STALE = (
    "The session has been modified in storage since it was loaded. "
    "Please reload the session before appending more events."
)

# HSETs `head` plus n field/value pairs from ARGV[at]; returns the index after them.
_HSET_LUA = """
local function hset(key, at, n, head)
  local args = head or {}
  for j = at, at + 2 * n - 1 do args[#args + 1] = ARGV[j] end
  if #args > 0 then redis.call('HSET', key, unpack(args)) end
  return at + 2 * n
end
"""

# KEYS: session, events, ts, app state, user state, index, users.
# ARGV: ttl, now, session id, user id, #session fields, #app fields, #user fields, pairs...
_CREATE_LUA = (
    _HSET_LUA
    + """
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
redis.call('DEL', KEYS[2], KEYS[3])
local ttl = tonumber(ARGV[1])
local i = hset(KEYS[1], 8, tonumber(ARGV[5]), {'m:rev', '0', 'm:ts', ARGV[2]})
i = hset(KEYS[4], i, tonumber(ARGV[6]))
hset(KEYS[5], i, tonumber(ARGV[7]))
redis.call('ZADD', KEYS[6], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[7], ARGV[2], ARGV[4])
for _, k in ipairs({KEYS[1], KEYS[5], KEYS[6]}) do redis.call('EXPIRE', k, ttl) end
return {redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5])}
"""
)

# KEYS: session, events, ts, app state, user state, index, users.
# ARGV: expected rev ('' = none), caller's last_update_time, ttl, max events (0 = all),
# session id, user id, n events, then per event: JSON, timestamp, #session fields, #app fields,
# #user fields, pairs... Appends the n events in order, atomically.
_APPEND_LUA = (
    _HSET_LUA
    + """
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local rev = redis.call('HGET', KEYS[1], 'm:rev')
local n = tonumber(ARGV[7])
local at, events = 8, {}
for k = 1, n do
  local fields = tonumber(ARGV[at + 2]) + tonumber(ARGV[at + 3]) + tonumber(ARGV[at + 4])
  events[k] = at
  at = at + 5 + 2 * fields
end
-- The same events again (a retried call) are not stored twice.
if redis.call('LINDEX', KEYS[2], -1) == ARGV[events[n]] then return {'duplicate', rev} end
if ARGV[1] ~= '' then
  if ARGV[1] ~= rev then return {'stale'} end
elseif tonumber(redis.call('HGET', KEYS[1], 'm:ts')) > tonumber(ARGV[2]) then
  return {'stale'}
end
local texts, stamps = {}, {}
for k = 1, n do
  local e = events[k]
  local i = hset(KEYS[1], e + 5, tonumber(ARGV[e + 2]), {'m:ts', ARGV[e + 1]})
  i = hset(KEYS[4], i, tonumber(ARGV[e + 3]))
  hset(KEYS[5], i, tonumber(ARGV[e + 4]))
  texts[k] = ARGV[e]
  stamps[k] = ARGV[e + 1]
end
rev = redis.call('HINCRBY', KEYS[1], 'm:rev', n)
redis.call('RPUSH', KEYS[2], unpack(texts))
redis.call('RPUSH', KEYS[3], unpack(stamps))
local keep = tonumber(ARGV[4])
if keep > 0 then
  redis.call('LTRIM', KEYS[2], -keep, -1)
  redis.call('LTRIM', KEYS[3], -keep, -1)
end
local last = ARGV[events[n] + 1]
redis.call('ZADD', KEYS[6], last, ARGV[5])
redis.call('ZADD', KEYS[7], last, ARGV[6])
local ttl = tonumber(ARGV[3])
for _, k in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6]}) do
  redis.call('EXPIRE', k, ttl)
end
return {'ok', tostring(rev)}
"""
)

# KEYS: session, events, ts, app state, user state, index.
# ARGV: ttl, num_recent_events ('' = all), after_timestamp ('' = none), page size, '1' to
# return the events' timestamps too.
_READ_LUA = """
local meta = redis.call('HGETALL', KEYS[1])
if #meta == 0 then return false end
local ttl = tonumber(ARGV[1])
for _, k in ipairs({KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[6]}) do
  redis.call('EXPIRE', k, ttl)
end
local n = redis.call('LLEN', KEYS[2])
local start = 0
if ARGV[2] ~= '' then start = math.max(n - tonumber(ARGV[2]), 0) end
if ARGV[3] ~= '' then
  -- Walk back from the newest event to the first one older than after_timestamp.
  local after, page, hi = tonumber(ARGV[3]), tonumber(ARGV[4]), n - 1
  while hi >= start do
    local lo = math.max(hi - page + 1, start)
    local stamps = redis.call('LRANGE', KEYS[3], lo, hi)
    local found = false
    for j = #stamps, 1, -1 do
      if tonumber(stamps[j]) < after then start = lo + j; found = true; break end
    end
    if found then break end
    hi = lo - 1
  end
end
local events, stamps = {}, {}
if start < n then
  events = redis.call('LRANGE', KEYS[2], start, n - 1)
  if ARGV[5] == '1' then stamps = redis.call('LRANGE', KEYS[3], start, n - 1) end
end
return {meta, redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]), events, stamps}
"""

# KEYS: a sorted set, then one key per member in ARGV. Removes each member whose key is gone,
# checked inside the script so a session (or user) created meanwhile is never dropped.
_PRUNE_LUA = """
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('ZREM', KEYS[1], ARGV[i - 1]) end
end
return 1
"""


def _escape(part: str) -> str:
    """A key part without `:`, so that `a:b` + `c` and `a` + `b:c` name different keys."""
    return part.replace("%", "%25").replace(":", "%3A")


def _state_args(deltas: dict[str, dict[str, Any]]) -> list[Any]:
    """Script arguments for state deltas: three counts, then field/value pairs (JSON values)."""
    scopes = [(deltas["session"], _STATE), (deltas["app"], ""), (deltas["user"], "")]
    args: list[Any] = [len(fields) for fields, _ in scopes]
    for fields, prefix in scopes:
        for key, value in fields.items():
            args += [prefix + key, json.dumps(value)]
    return args


def _decode(raw: dict[str, str] | list[str], prefix: str = "") -> dict[str, Any]:
    """The JSON-valued fields under `prefix` of an HGETALL reply (flat from a script)."""
    items = raw.items() if isinstance(raw, dict) else zip(raw[::2], raw[1::2], strict=True)
    return {k[len(prefix) :]: json.loads(v) for k, v in items if k.startswith(prefix)}


def _merged(session: dict[str, Any], app: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """Session state with app and user state under their prefixes, as ADK presents it."""
    state = dict(session)
    state.update({State.APP_PREFIX + k: v for k, v in app.items()})
    state.update({State.USER_PREFIX + k: v for k, v in user.items()})
    return state


class RedisSessionService(BaseSessionService):
    """ADK sessions in Redis: O(1) appends, bounded reads, shared by every replica.

    Behaves as ADK's `InMemorySessionService` does, except that appending to a session
    object another writer has appended to since it was read raises `StaleSessionError`
    (re-read the session and retry), where the in-memory service silently merges.
    """

    def __init__(
        self,
        redis: RedisConnection,
        *,
        idle_ttl_s: int = 7 * 24 * 3600,
        max_events: int | None = None,
        write_delay_s: float = 0.0,
        remember_last_state: bool = False,
    ) -> None:
        """Borrows the process's Redis connection.

        Args:
            redis: The connection (its pool is not closed here).
            idle_ttl_s: Seconds without an append or a read after which a session expires.
            max_events: Keep only this many newest events per session (state is kept whole).
            write_delay_s: 0 stores each event before `append_event` returns. Above 0, a
                session's events are stored together (one round trip) at most this long
                after the first of them, or when `flush_session` is awaited (the runner does at
                the end of each turn) or the session is read, listed or deleted here.
            remember_last_state: Keep each session's state as this process last appended to
                it, for `take_last_state` (an A2A server returns it after each task).
        """
        if idle_ttl_s <= 0:
            raise ValueError("idle_ttl_s must be positive")
        if max_events is not None and max_events <= 0:
            raise ValueError("max_events must be positive")
        if write_delay_s < 0:
            raise ValueError("write_delay_s must not be negative")
        self._client = redis.client
        self._keys = redis.keys
        self.idle_ttl_s = idle_ttl_s
        self.max_events = max_events
        self._create = self._client.register_script(_CREATE_LUA)
        self._append = self._client.register_script(_APPEND_LUA)
        self._read = self._client.register_script(_READ_LUA)
        self._prune = self._client.register_script(_PRUNE_LUA)
        self.write_delay_s = write_delay_s
        # Session key -> its events not stored yet (only when writes are deferred).
        self._deferred: WriteBehind[_Batch] | None = (
            WriteBehind(
                write_delay_s,
                self._write,
                "session events",
                describe=lambda batch: {"session": batch.ids[2]},
            )
            if write_delay_s > 0
            else None
        )
        # Sessions deleted here, so that appending to one fails at once, not at its write.
        self._deleted: dict[str, None] = {}
        self._remember = remember_last_state
        self._last_states: dict[str, dict[str, Any]] = {}  # session key -> state, newest last

    @classmethod
    def for_settings(
        cls, redis: RedisConnection, settings: Settings, *, remember_last_state: bool = False
    ) -> RedisSessionService:
        """The service as CartMate's processes run it (idle expiry, coalesced writes)."""
        return cls(
            redis,
            idle_ttl_s=settings.session_idle_ttl_s,
            write_delay_s=settings.session_write_delay_ms / 1000,
            remember_last_state=remember_last_state,
        )

    # ------------------------------------------------------------------------------ keys

    def _session_keys(self, app_name: str, user_id: str, session_id: str) -> list[str]:
        """[session, events, ts, app state, user state, index, users] for a session."""
        app, user = _escape(app_name), _escape(user_id)
        base = self._keys.key("session", app, user, _escape(session_id))
        return [base, base + ":events", base + ":ts", *self._scope_keys(app_name, user_id)]

    def _scope_keys(self, app_name: str, user_id: str) -> list[str]:
        """[app state, user state, index, users] for a user of an app."""
        app, user = _escape(app_name), _escape(user_id)
        return [
            self._keys.key("session-app-state", app),
            self._keys.key("session-user-state", app, user),
            self._keys.key("session-index", app, user),
            self._keys.key("session-users", app),
        ]

    # ------------------------------------------------------------------------- interface

    @override
    async def create_session(
        self,
        *,
        app_name: str,
        user_id: str,
        state: dict[str, Any] | None = None,
        session_id: str | None = None,
    ) -> Session:
        """Creates a session; `app:`/`user:` keys of `state` go to the shared state.

        Raises:
            AlreadyExistsError: A session with `session_id` exists.
        """
        session_id = (session_id.strip() if session_id else None) or platform_uuid.new_uuid()
        deltas = _session_util.extract_json_safe_state_delta(state or {})
        now = platform_time.get_time()
        args = [self.idle_ttl_s, repr(now), session_id, user_id, *_state_args(deltas)]
        with redis_errors(_WHAT):
            reply = await self._create(
                keys=self._session_keys(app_name, user_id, session_id), args=args
            )
        if reply is None:
            raise AlreadyExistsError(f"Session with id {session_id} already exists.")
        self._deleted.pop(self._session_keys(app_name, user_id, session_id)[0], None)
        session = Session(
            id=session_id,
            app_name=app_name,
            user_id=user_id,
            state=_merged(deltas["session"], _decode(reply[0]), _decode(reply[1])),
            last_update_time=now,
        )
        session._storage_update_marker = "0"
        return session

    @override
    async def get_session(
        self,
        *,
        app_name: str,
        user_id: str,
        session_id: str,
        config: GetSessionConfig | None = None,
    ) -> Session | None:
        """The session with the events `config` asks for (all by default), or None.

        A config with a true `whole_invocations` attribute (`history.WholeTurns`) gets whole
        invocations only: when the window starts inside one, that invocation's events are
        left out, so no function call is read without its response. One with a true
        `skip_compacted` gets the events a compaction covers left out (`event_reads`: the
        model's request is the same). Reading refreshes the session's expiry.
        """
        session_id = session_id.strip() if session_id else session_id
        recent = after = ""
        whole = skip_compacted = False
        if config is not None:
            if config.num_recent_events is not None:
                # One event more shows whether the window starts inside an invocation.
                whole = bool(getattr(config, "whole_invocations", False))
                recent = str(config.num_recent_events + whole)
            if config.after_timestamp is not None:
                after = repr(float(config.after_timestamp))
            skip_compacted = bool(getattr(config, "skip_compacted", False))
        keys = self._session_keys(app_name, user_id, session_id)
        await self._flush_key(keys[0])  # what this process appended is read back
        with redis_errors(_WHAT):
            reply = await self._read(
                keys=keys[:6],
                args=[self.idle_ttl_s, recent, after, _PAGE, "1" if skip_compacted else ""],
            )
        if reply is None:
            return None
        meta, app_state, user_state, raw_events, stamps = reply
        fields = dict(zip(meta[::2], meta[1::2], strict=True))
        window = config.num_recent_events if config is not None else None
        events = parse_events(
            raw_events,
            stamps,
            cut_partial=whole and len(raw_events) > (window or 0),
            skip_compacted=skip_compacted,
        )
        session = Session(
            id=session_id,
            app_name=app_name,
            user_id=user_id,
            state=_merged(_decode(meta, _STATE), _decode(app_state), _decode(user_state)),
            events=events,
            last_update_time=float(fields["m:ts"]),
        )
        session._storage_update_marker = fields["m:rev"]
        return session

    @override
    async def list_sessions(
        self, *, app_name: str, user_id: str | None = None
    ) -> ListSessionsResponse:
        """The sessions of a user (or of every user of the app), oldest update first.

        Sessions come without events, their state merged with app and user state.
        """
        if self._deferred is not None:  # what this process appended is listed
            for key in self._deferred.keys():
                await self._deferred.flush(key)
        app_key, _, _, users_key = self._scope_keys(app_name, "")
        with redis_errors(_WHAT):
            if user_id is not None:
                users = [user_id]
            else:
                users = await self._client.zrange(users_key, 0, -1)
            async with self._client.pipeline(transaction=False) as pipe:
                pipe.hgetall(app_key)
                for user in users:
                    pipe.zrange(self._scope_keys(app_name, user)[2], 0, -1)
                    pipe.hgetall(self._scope_keys(app_name, user)[1])
                replies = await pipe.execute()
            owned = [(u, sid) for u, ids in zip(users, replies[1::2], strict=True) for sid in ids]
            async with self._client.pipeline(transaction=False) as pipe:
                for user, sid in owned:
                    pipe.hgetall(self._session_keys(app_name, user, sid)[0])
                metas = await pipe.execute()
            await self._prune_index(app_name, users, owned, metas, prune_users=user_id is None)
        app_state = _decode(replies[0])
        user_states = {u: _decode(raw) for u, raw in zip(users, replies[2::2], strict=True)}
        sessions = [
            Session(
                id=sid,
                app_name=app_name,
                user_id=user,
                state=_merged(_decode(meta, _STATE), app_state, user_states[user]),
                last_update_time=float(meta["m:ts"]),
            )
            for (user, sid), meta in zip(owned, metas, strict=True)
            if meta  # expired since the index was read
        ]
        sessions.sort(key=lambda s: (s.last_update_time, s.user_id, s.id))
        return ListSessionsResponse(sessions=sessions)

    async def _prune_index(
        self,
        app_name: str,
        users: list[str],
        owned: list[tuple[str, str]],
        metas: list[dict[str, str]],
        *,
        prune_users: bool,
    ) -> None:
        """Drops the index entries of expired sessions (and of users left with none)."""
        gone: dict[str, list[str]] = {}
        for (user, sid), meta in zip(owned, metas, strict=True):
            if not meta:
                gone.setdefault(user, []).append(sid)
        for user, sids in gone.items():
            keys = [self._session_keys(app_name, user, sid)[0] for sid in sids]
            index_key = self._scope_keys(app_name, user)[2]
            await self._prune(keys=[index_key, *keys], args=sids)
        if prune_users and users:
            index_keys = [self._scope_keys(app_name, user)[2] for user in users]
            await self._prune(keys=[self._scope_keys(app_name, "")[3], *index_keys], args=users)

    @override
    async def delete_session(self, *, app_name: str, user_id: str, session_id: str) -> None:
        """Removes the session, its events and its index entry (shared state stays)."""
        session_id = session_id.strip() if session_id else session_id
        session_key, events_key, ts_key, _, _, index_key, _ = self._session_keys(
            app_name, user_id, session_id
        )
        if self._deferred is not None:
            self._deferred.forget(session_key)  # nothing left to store
            self._deleted[session_key] = None
            while len(self._deleted) > _MAX_REMEMBERED:
                del self._deleted[next(iter(self._deleted))]
        with redis_errors(_WHAT):
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.delete(session_key, events_key, ts_key)
                pipe.zrem(index_key, session_id)
                await pipe.execute()

    @override
    async def get_user_state(self, *, app_name: str, user_id: str) -> dict[str, Any]:
        """The user's `user:` state, keys without the prefix."""
        with redis_errors(_WHAT):
            raw = await self._client.hgetall(self._scope_keys(app_name, user_id)[1])
        return _decode(raw)

    @override
    async def append_event(self, session: Session, event: Event) -> Event:
        """Stores the event and its state delta in one atomic step, then applies them to `session`.

        With `write_delay_s` > 0 the event is applied at once and stored with the session's
        other events of the next `write_delay_s` (one script call for all of them), or at the
        latest when `flush_session` is awaited or the session is read here; the errors below
        are then raised by `flush_session` (or by the session's next append).

        Raises:
            SessionNotFoundError: The session does not exist (or has expired).
            StaleSessionError: Another writer appended since `session` was read.
        """
        if event.partial:
            return event
        if session.events and session.events[-1].id == event.id:
            return event  # the same event again (a retried call) is not stored twice
        key = self._session_keys(session.app_name, session.user_id, session.id)[0]
        if key in self._deleted:
            raise SessionNotFoundError(f"Session {session.id} not found.")
        if self._deferred is not None:  # a deferred write of it failed: its events were lost
            self._deferred.raise_failed(key)
        # temp: state reaches this invocation's session object but is never stored.
        self._apply_temp_state(session, event)
        event = self._trim_temp_delta_state(event)
        deltas = _session_util.extract_json_safe_state_delta(
            event.actions.state_delta if event.actions else {}
        )
        _after_compactions(session, event)
        stored = [event.model_dump_json(exclude_none=True), repr(event.timestamp)]
        stored += _state_args(deltas)
        marker = session._storage_update_marker
        ids = (session.app_name, session.user_id, session.id)
        if self._deferred is None:
            batch = _Batch(*ids, marker, session.last_update_time, [stored])
            status, revision = await self._write(batch)
            if status == "duplicate":
                return event
        else:
            batch = self._deferred.pending(key)
            if batch is None:
                batch = _Batch(*ids, marker, session.last_update_time)
                self._deferred.hold(key, batch)
            elif marker != batch.revision():
                # Another Session object of this session appended since this one was read.
                raise StaleSessionError(_STALE)
            batch.events.append(stored)
            revision = batch.revision()
            if len(batch.events) >= _MAX_BATCH:
                self._deferred.start(key)
        self._commit_event_to_session(session, event)
        session.last_update_time = event.timestamp
        session._storage_update_marker = revision
        if self._remember:
            self._last_states.pop(key, None)
            self._last_states[key] = session.state
            while len(self._last_states) > _MAX_REMEMBERED:
                del self._last_states[next(iter(self._last_states))]  # the oldest
        return event

    def take_last_state(
        self, *, app_name: str, user_id: str, session_id: str
    ) -> dict[str, Any] | None:
        """The session's state as this process last appended to it (and forgets it), without a
        read; None when it did not (or `remember_last_state` is off). `temp:` keys, which are
        never stored, are left out, as a read would."""
        key = self._session_keys(app_name, user_id, session_id)[0]
        state = self._last_states.pop(key, None)
        if state is None:
            return None
        return {k: v for k, v in state.items() if not k.startswith(State.TEMP_PREFIX)}

    async def flush_session(self, *, app_name: str, user_id: str, session_id: str) -> None:
        """Stores the session's appended events not stored yet, and waits for that.

        Raises what storing them raised (also when a deferred write failed earlier).
        """
        if self._deferred is not None:
            key = self._session_keys(app_name, user_id, session_id)[0]
            await self._deferred.flush(key)
            self._deferred.raise_failed(key)

    @override
    async def flush(self) -> None:
        """Stores every session's pending events (ADK's runner does when it closes); what
        fails is logged, not raised: the process is stopping."""
        if self._deferred is not None:
            await self._deferred.flush_all()

    async def _flush_key(self, key: str) -> None:
        """Stores what this process appended to the session `key` and has not stored yet."""
        if self._deferred is not None:
            await self._deferred.flush(key)

    async def _write(self, batch: _Batch) -> tuple[str, str | None]:
        """One script call storing `batch`: ('ok' or 'duplicate', the revision after it)."""
        app_name, user_id, session_id = batch.ids
        args: list[Any] = ["" if batch.expected is None else batch.expected, repr(batch.since)]
        args += [self.idle_ttl_s, self.max_events or 0, session_id, user_id, len(batch.events)]
        for stored in batch.events:
            args += stored
        keys = self._session_keys(app_name, user_id, session_id)
        with redis_errors(_WHAT):
            reply = await self._append(keys=keys, args=args)
        if reply[0] == "missing":
            raise SessionNotFoundError(f"Session {session_id} not found.")
        if reply[0] == "stale":
            raise StaleSessionError(_STALE)
        return str(reply[0]), reply[1]


@dataclass
class _Batch:
    """Events of one session appended here and not stored yet, stored together in order."""

    app_name: str
    user_id: str
    session_id: str
    expected: str | None  # the stored revision the first of them was appended to
    since: float  # the session's last_update_time then
    events: list[list[Any]] = field(default_factory=list)

    @property
    def ids(self) -> tuple[str, str, str]:
        return self.app_name, self.user_id, self.session_id

    def revision(self) -> str | None:
        """The session's revision once these events are stored (None: revisions unknown)."""
        if self.expected is None or not self.expected.isdigit():
            return None
        return str(int(self.expected) + len(self.events))


def _after_compactions(session: Session, event: Event) -> None:
    """Moves an event stamped inside an already compacted time range to just after it.

    ADK hides the events a compaction covers by timestamp. An event appended after the
    compaction was not compacted, but a replica whose clock runs behind the one that compacted
    would stamp it inside the range, and the model would never see it (a shopper's message
    lost). Only such events move; other timestamps are kept as given.
    """
    if event.actions is not None and event.actions.compaction is not None:
        return  # a compaction itself keeps its stamp
    covered = max(
        (
            e.actions.compaction.end_timestamp
            for e in session.events
            if e.actions is not None and e.actions.compaction is not None
        ),
        default=None,
    )
    if covered is not None and event.timestamp <= covered:
        event.timestamp = covered + _CLOCK_STEP_S
