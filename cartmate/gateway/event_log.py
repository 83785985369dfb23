"""Every frame of a session, in a bounded Redis Stream, numbered by `seq`.

A frame's `seq` is its stream entry id (`<seq>-0`), assigned atomically by one Lua script
(INCRBY the session's counter, XADD each frame with its id, trim to the newest `max_len`,
PUBLISH the session id and its last seq). Sockets read the stream from the last `seq` they
delivered, so replay after a reconnect, live delivery, several sockets on one session and
notifications for offline sessions are one mechanism, on any gateway replica.

Writes are coalesced per session: frames posted while an earlier write of the same session is
in flight go together in the next script call (one round trip, one announcement), in order.
A streamed answer's partials therefore cost a few writes, not one each.

Live delivery does not hold a Redis connection per socket: one `LogHub` per process holds
one Pub/Sub connection, subscribed to the announcement channel of each session it has sockets
for (and only those: a replica never hears about other replicas' sessions, so what it parses
grows with its own sockets, not with the number of replicas), and reads (XRANGE) those
sessions' logs, fanning frames out to each socket's queue. Frames this process wrote itself
go to its sockets straight from the write (same text as the stream returns), so the log is
read only for other replicas' frames, replays, and gaps. A slow safety poll covers
notifications lost while the Pub/Sub connection reconnects: it reads the counters of the
sessions with sockets here (one MGET per 500) and the log only of those that moved past what
their sockets have seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio.client import PubSub

from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["EventLog", "LogHub", "Release"]

log = logging.getLogger(__name__)

# KEYS: counter, stream, the session's announcement channel[, lock]. ARGV: max_len, ttl
# seconds, session id, lock holder ('' without a lock), then one frame json (without seq) per
# frame. Frames are stored as given (never re-encoded in Lua: cjson would turn [] into {} and
# big ints into floats); a frame's seq is its entry id and is put back into the JSON when
# read. With a lock key, the lock is released (if the holder still has it) in the same call,
# after the frames: whoever sees the last frame (a turn_end) also finds the lock free.
# Returns the last frame's seq (the batch is last-n+1 .. last).
_APPEND = """
local n = #ARGV - 4
local last = redis.call('INCRBY', KEYS[1], n)
for i = 1, n do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], (last - n + i) .. '-0', 'f', ARGV[4 + i])
end
if KEYS[4] and redis.call('GET', KEYS[4]) == ARGV[4] then
  redis.call('DEL', KEYS[4])
end
redis.call('PUBLISH', KEYS[3], ARGV[3] .. ' ' .. last)
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return last
"""
_MAX_BATCH = 64  # frames per script call: bounds one call's size and the server's time in it
_CHECK_BATCH = 500  # sessions whose counters one safety-poll MGET reads (and channels a
# resubscription names in one SUBSCRIBE)
# How long a new socket waits for Redis to confirm its session's subscription before reading
# the log; past it (Redis slow or reconnecting) the safety poll covers what was announced.
_CONFIRM_S = 2.0

Written = Callable[[str, list[tuple[int, str]]], None]


def _with_seq(frame: str, seq: int | str) -> str:
    """`{"type": ...}` stored, `{"seq": N, "type": ...}` delivered (exact text, no re-encoding)."""
    inner = frame[1:].lstrip()
    return f'{{"seq":{seq}' + ("," + inner if inner != "}" else "}")


def _seq_of(entry_id: str) -> int:
    return int(entry_id.split("-", 1)[0])


def _logged(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("event hub task failed", exc_info=task.exception())


def _retrieved(future: asyncio.Future[int]) -> None:
    # A partial's write may fail with nobody awaiting it (the turn fails on a later frame):
    # that must not log "exception was never retrieved".
    if not future.cancelled():
        future.exception()


@dataclass(frozen=True)
class Release:
    """A lock to release in the same write as a frame: delete `key` if it holds `holder`."""

    key: str
    holder: str


@dataclass(frozen=True)
class _Posted:
    text: str
    future: asyncio.Future[int]
    release: Release | None = None


def _next_batch(queue: list[_Posted]) -> list[_Posted]:
    """The next frames to write together: at most _MAX_BATCH, ending at a releasing frame."""
    size = min(len(queue), _MAX_BATCH)
    for i in range(size):
        if queue[i].release is not None:
            size = i + 1
            break
    batch = queue[:size]
    del queue[:size]
    return batch


@dataclass
class _Writer:
    """One session's frames waiting to be written, and whether a write is running."""

    queue: list[_Posted] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    in_flight: asyncio.Future[None] | None = None


class EventLog:
    def __init__(self, redis: RedisConnection, max_len: int = 2000, ttl_s: int = 7 * 24 * 3600):
        self._redis = redis
        self._max_len = max_len
        self._ttl_s = ttl_s
        self._append = redis.client.register_script(_APPEND)
        self._writers: dict[str, _Writer] = {}
        # Told (synchronously, in seq order) about every batch this process wrote: LogHub
        # delivers them to local sockets without reading them back.
        self.on_written: Written | None = None

    def _keys(self, session_id: str) -> tuple[str, str]:
        return (
            self._redis.keys.key("gw", "seq", session_id),
            self._redis.keys.key("gw", "log", session_id),
        )

    def channel_for(self, session_id: str) -> str:
        """The channel announcing the session's writes (one per session: see LogHub)."""
        return self._redis.keys.key("gw", "appended", session_id)

    @property
    def cancel_channel(self) -> str:
        return self._redis.keys.key("gw", "cancel")

    async def request_cancel(self, session_id: str) -> None:
        """Ask whichever replica runs the session's turn to cancel it."""
        with redis_errors("session event log"):
            await self._redis.client.publish(self.cancel_channel, session_id)

    async def append(self, session_id: str, frame: dict[str, Any]) -> int:
        """Store a frame (its `seq` is assigned here), announce it, and return its seq."""
        return await self.post(session_id, frame)

    def post(
        self, session_id: str, frame: dict[str, Any], release: Release | None = None
    ) -> asyncio.Future[int]:
        """Queue a frame for the session's log without waiting for Redis.

        The future is the frame's seq, or the CartMateError its write failed with. Frames of
        one session are written in the order they were posted. With `release`, that lock is
        released in the same atomic write, right after the frame is stored.
        """
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieved)
        writer = self._writers.get(session_id)
        if writer is None:
            writer = self._writers[session_id] = _Writer()
        writer.queue.append(_Posted(json.dumps(frame, separators=(",", ":")), future, release))
        if writer.task is None:
            writer.task = asyncio.create_task(self._drain(session_id, writer))
        return future

    async def settled(self, session_id: str) -> None:
        """Wait until the session's write in flight now (if any) has finished."""
        writer = self._writers.get(session_id)
        if writer is not None and writer.in_flight is not None:
            await asyncio.wait({writer.in_flight})

    async def _drain(self, session_id: str, writer: _Writer) -> None:
        """Write the session's queue, batch after batch, until it is empty."""
        loop = asyncio.get_running_loop()
        batch: list[_Posted] = []
        try:
            while writer.queue:
                batch = _next_batch(writer.queue)
                flight = writer.in_flight = loop.create_future()
                try:
                    last = await self._write(
                        session_id, [posted.text for posted in batch], batch[-1].release
                    )
                except Exception as exc:  # CartMateError from redis_errors, or a bug: tell them
                    for posted in batch:
                        if not posted.future.done():
                            posted.future.set_exception(exc)
                    batch = []
                    continue
                finally:
                    flight.set_result(None)
                    writer.in_flight = None
                first = last - len(batch) + 1
                written = [
                    (first + i, _with_seq(posted.text, first + i)) for i, posted in enumerate(batch)
                ]
                if self.on_written is not None:
                    try:
                        self.on_written(session_id, written)
                    except Exception:
                        log.exception("local frame delivery failed")
                for (seq, _), posted in zip(written, batch, strict=True):
                    if not posted.future.done():
                        posted.future.set_result(seq)
                batch = []
        finally:
            for posted in [*batch, *writer.queue]:  # only when cancelled (shutdown)
                posted.future.cancel()
            writer.queue.clear()
            writer.task = None
            if self._writers.get(session_id) is writer:
                del self._writers[session_id]

    async def _write(self, session_id: str, frames: list[str], release: Release | None) -> int:
        counter, stream = self._keys(session_id)
        channel = self.channel_for(session_id)
        keys = [counter, stream, channel] + ([release.key] if release else [])
        holder = release.holder if release else ""
        with redis_errors("session event log"):
            return int(
                await self._append(
                    keys=keys, args=[self._max_len, self._ttl_s, session_id, holder, *frames]
                )
            )

    async def read_after(
        self, session_id: str, after: int, count: int = 500
    ) -> list[tuple[int, str]]:
        """Frames (seq, JSON text with seq) after `after`, oldest first."""
        _, stream = self._keys(session_id)
        with redis_errors("session event log"):
            entries = await self._redis.client.xrange(stream, min=f"({after}-0", count=count)
        return [
            (_seq_of(entry_id), _with_seq(fields["f"], _seq_of(entry_id)))
            for entry_id, fields in entries
        ]

    async def last_seq(self, session_id: str) -> int:
        counter, _ = self._keys(session_id)
        with redis_errors("session event log"):
            value = await self._redis.client.get(counter)
        return int(value or 0)

    async def last_seqs(self, session_ids: list[str]) -> list[int]:
        """Each session's last seq (0 for none), in one round trip."""
        if not session_ids:
            return []
        counters = [self._keys(session_id)[0] for session_id in session_ids]
        with redis_errors("session event log"):
            values = await self._redis.client.mget(counters)
        return [int(value or 0) for value in values]

    async def oldest_seq(self, session_id: str) -> int | None:
        """The first seq still retained (older frames were trimmed)."""
        _, stream = self._keys(session_id)
        with redis_errors("session event log"):
            first = await self._redis.client.xrange(stream, count=1)
        return _seq_of(first[0][0]) if first else None


class _Subscriber:
    def __init__(self, after: int) -> None:
        self.cursor = after
        self.queue: asyncio.Queue[str] = asyncio.Queue()


class LogHub:
    """Fans a process's sessions' new frames out to their sockets (one Pub/Sub connection).

    The connection is subscribed to each session with a socket here: a session's first socket
    subscribes (and reads the log only once Redis confirmed, so nothing announced in between
    is missed), its last socket leaving unsubscribes. SUBSCRIBE and UNSUBSCRIBE go out in the
    order sockets came and went (one lock), so a socket leaving and another arriving for the
    same session end subscribed. After a reconnect every session here is subscribed again,
    then the logs of those behind are read.
    """

    def __init__(
        self,
        log: EventLog,
        redis: RedisConnection,
        safety_poll_s: float = 5.0,
        on_cancel: Callable[[str], None] | None = None,
    ) -> None:
        self._log = log
        self.on_cancel = on_cancel
        self._redis = redis
        self._poll_s = safety_poll_s
        self._subscribers: dict[str, set[_Subscriber]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._task: asyncio.Task[None] | None = None
        self._pubsub: PubSub | None = None  # while the listener is connected
        self._channel_prefix = log.channel_for("")
        # Per session with sockets here: resolved when Redis confirms its subscription.
        self._confirmed: dict[str, asyncio.Future[None]] = {}
        self._subscribing = asyncio.Lock()  # SUBSCRIBE/UNSUBSCRIBE in the order asked
        # Sessions subscribed again (a reconnect) whose logs are still to be checked.
        self._resubscribed: set[str] = set()
        self._checking: asyncio.Task[None] | None = None
        log.on_written = self._written

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @contextlib.asynccontextmanager
    async def subscribe(self, session_id: str, after: int) -> AsyncIterator[asyncio.Queue[str]]:
        """A queue receiving every frame of the session after `after`, in order, no gaps."""
        subscriber = _Subscriber(after)
        subscribers = self._subscribers.get(session_id)
        if subscribers is None:
            subscribers = self._subscribers[session_id] = set()
            self._watch(session_id)
        subscribers.add(subscriber)
        try:
            await self._until_confirmed(session_id)
            await self.fetch(session_id)  # the replay, and anything appended meanwhile
            yield subscriber.queue
        finally:
            subscribers = self._subscribers.get(session_id)
            if subscribers is not None:
                subscribers.discard(subscriber)
                if not subscribers:
                    del self._subscribers[session_id]
                    self._locks.pop(session_id, None)
                    self._unwatch(session_id)

    def _watch(self, session_id: str) -> None:
        """Subscribe to the session's announcements (its first socket here)."""
        self._confirmed[session_id] = asyncio.get_running_loop().create_future()
        self._command("SUBSCRIBE", session_id)

    def _unwatch(self, session_id: str) -> None:
        """Unsubscribe from them (its last socket here left)."""
        confirmed = self._confirmed.pop(session_id, None)
        if confirmed is not None and not confirmed.done():
            confirmed.set_result(None)
        self._command("UNSUBSCRIBE", session_id)

    def _command(self, command: str, session_id: str) -> None:
        # A task each, started in the order asked and serialised by one lock: the socket's
        # own task may be cancelled (the socket closed) while the command is still needed.
        task = asyncio.create_task(self._send(command, session_id))
        task.add_done_callback(_logged)

    async def _send(self, command: str, session_id: str) -> None:
        async with self._subscribing:
            pubsub = self._pubsub
            if pubsub is None:
                return  # not connected: the listener subscribes every session when it is
            wanted = session_id in self._subscribers
            if (command == "SUBSCRIBE") != wanted:
                return  # asked again since: the later command decides
            channel = self._log.channel_for(session_id)
            try:
                if wanted:
                    await pubsub.subscribe(channel)
                else:
                    await pubsub.unsubscribe(channel)
            except Exception:
                # The listener reconnects and subscribes every session then; until it has,
                # the safety poll delivers.
                log.warning("event hub could not %s", command.lower(), exc_info=True)

    async def _until_confirmed(self, session_id: str) -> None:
        """Wait (bounded) until Redis confirmed the session's subscription."""
        confirmed = self._confirmed.get(session_id)
        if confirmed is None or confirmed.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(confirmed), _CONFIRM_S)
        except TimeoutError:
            log.warning("event hub subscription not confirmed", extra={"session_id": session_id})

    def _on_subscribed(self, channel: str) -> None:
        session_id = channel.removeprefix(self._channel_prefix)
        confirmed = self._confirmed.get(session_id)
        if confirmed is None:
            return  # the cancel channel, or a session whose sockets have left
        if not confirmed.done():
            confirmed.set_result(None)  # a new socket's: it reads the log itself
            return
        # Confirmed before: subscribed again, mostly because the connection came back (our
        # listener's or redis-py's own reconnect). What was announced in between is read now,
        # for all such sessions together.
        self._resubscribed.add(session_id)
        if self._checking is None or self._checking.done():
            self._checking = asyncio.create_task(self._check_resubscribed())

    async def _check_resubscribed(self) -> None:
        while self._resubscribed:
            await asyncio.sleep(0)  # the confirmations read with this one join the batch
            sessions = list(self._resubscribed)
            self._resubscribed.clear()
            await self._fetch_behind(sessions)

    def _written(self, session_id: str, frames: list[tuple[int, str]]) -> None:
        """Frames this process just wrote: hand them to local sockets that are up to them.

        Synchronous, so no read of the log interleaves. A socket behind (another replica's
        frame in between, or its replay still running) gets them from the log instead.
        """
        subscribers = self._subscribers.get(session_id)
        if not subscribers:
            return
        behind = False
        for seq, text in frames:
            for subscriber in subscribers:
                if seq == subscriber.cursor + 1:
                    subscriber.queue.put_nowait(text)
                    subscriber.cursor = seq
                elif seq > subscriber.cursor:
                    behind = True
        if behind:
            asyncio.create_task(self._safe_fetch(session_id))

    async def fetch(self, session_id: str) -> None:
        """Deliver what each of the session's subscribers has not seen yet."""
        lock = self._locks.setdefault(session_id, asyncio.Lock())
        async with lock:  # one reader per session, so cursors never go backwards
            subscribers = list(self._subscribers.get(session_id, ()))
            if not subscribers:
                return
            after = min(s.cursor for s in subscribers)
            while True:
                frames = await self._log.read_after(session_id, after)
                for seq, text in frames:
                    for subscriber in subscribers:
                        if seq > subscriber.cursor:
                            subscriber.queue.put_nowait(text)
                            subscriber.cursor = seq
                if len(frames) < 500:
                    return
                after = frames[-1][0]

    async def _announced(self, session_id: str, last: int | None) -> None:
        """A batch ending at `last` was written (by any replica): read it unless delivered."""
        # Our own write's announcement can overtake the write's reply: let that land first.
        await self._log.settled(session_id)
        subscribers = self._subscribers.get(session_id, ())
        if last is None or any(s.cursor < last for s in subscribers):
            await self._safe_fetch(session_id)

    async def _run(self) -> None:
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("event hub lost its Pub/Sub connection; reconnecting", exc_info=True)
                await asyncio.sleep(0.5)

    async def _listen(self) -> None:
        pubsub = self._redis.client.pubsub()
        try:
            async with self._subscribing:
                await pubsub.subscribe(self._log.cancel_channel)
                # After a reconnect: every session here again (their confirmations, read
                # below, have the logs checked for what was announced in between).
                sessions = list(self._subscribers)
                for start in range(0, len(sessions), _CHECK_BATCH):
                    chunk = sessions[start : start + _CHECK_BATCH]
                    await pubsub.subscribe(*(self._log.channel_for(s) for s in chunk))
                self._pubsub = pubsub
            last_poll = asyncio.get_running_loop().time()
            while True:
                message = await pubsub.get_message(timeout=1.0)
                if message is not None:
                    self._handle(message)
                now = asyncio.get_running_loop().time()
                if now - last_poll >= self._poll_s:
                    last_poll = now
                    await self._fetch_behind()
        finally:
            self._pubsub = None
            with contextlib.suppress(Exception):
                await pubsub.aclose()

    def _handle(self, message: dict[str, Any]) -> None:
        kind, channel, data = message["type"], message["channel"], message["data"]
        if kind == "subscribe":
            self._on_subscribed(channel)
        elif kind != "message":
            return  # an unsubscribe confirmation
        elif channel == self._log.cancel_channel:
            if self.on_cancel is not None:
                self.on_cancel(data)
        else:
            # "<session id> <last seq>"; a bare session id (older replicas) always means a read.
            session_id, _, last = data.partition(" ")
            subscribers = self._subscribers.get(session_id)
            if not subscribers:
                return
            seq = int(last) if last.isdigit() else None
            if seq is not None and all(s.cursor >= seq for s in subscribers):
                return  # delivered already: usually our own write, handed over as written
            asyncio.create_task(self._announced(session_id, seq))

    async def _fetch_behind(self, sessions: list[str] | None = None) -> None:
        """Read the log of each session (of `sessions`, else all with sockets here) whose
        counter is past what its sockets have seen.

        One MGET per _CHECK_BATCH sessions instead of an XRANGE per session: with thousands of
        sockets and nothing missed, the safety poll costs a few round trips.
        """
        sessions = list(self._subscribers) if sessions is None else sessions
        for start in range(0, len(sessions), _CHECK_BATCH):
            chunk = sessions[start : start + _CHECK_BATCH]
            try:
                lasts = await self._log.last_seqs(chunk)
            except Exception:
                log.warning("event log check failed", exc_info=True)
                return
            behind = [
                session_id
                for session_id, last in zip(chunk, lasts, strict=True)
                if any(s.cursor < last for s in self._subscribers.get(session_id, ()))
            ]
            await asyncio.gather(*(self._safe_fetch(session_id) for session_id in behind))

    async def _safe_fetch(self, session_id: str) -> None:
        try:
            await self.fetch(session_id)
        except Exception:
            log.warning("event log read failed", extra={"session_id": session_id})
