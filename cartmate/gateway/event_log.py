"""Every frame of a session, in a bounded Redis Stream, numbered by `seq`.

A frame's `seq` is its stream entry id (`<seq>-0`), assigned atomically by one Lua script
(INCR the session's counter, XADD with that id, trim to the newest `max_len`, PUBLISH the
session id). Sockets read the stream from the last `seq` they delivered, so replay after a
reconnect, live delivery, several sockets on one session and notifications for offline
sessions are one mechanism, on any gateway replica.

Live delivery does not hold a Redis connection per socket: one `LogHub` per process listens
to the publish channel and reads (XRANGE) only the sessions it has sockets for, fanning frames
out to each socket's queue. A slow safety poll covers notifications lost while the Pub/Sub
connection reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["EventLog", "LogHub"]

log = logging.getLogger(__name__)

# KEYS: counter, stream. ARGV: frame json (without seq), max_len, ttl seconds. The frame is
# stored as given (never re-encoded in Lua: cjson would turn [] into {} and big ints into
# floats); its seq is the entry id and is put back into the JSON when read.
_APPEND = """
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'f', ARGV[1])
redis.call('PUBLISH', KEYS[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seq
"""


def _with_seq(frame: str, entry_id: str) -> str:
    """`{"type": ...}` stored, `{"seq": N, "type": ...}` delivered (exact text, no re-encoding)."""
    seq = entry_id.split("-", 1)[0]
    inner = frame[1:].lstrip()
    return f'{{"seq":{seq}' + ("," + inner if inner != "}" else "}")


class EventLog:
    def __init__(self, redis: RedisConnection, max_len: int = 2000, ttl_s: int = 7 * 24 * 3600):
        self._redis = redis
        self._max_len = max_len
        self._ttl_s = ttl_s
        self._append = redis.client.register_script(_APPEND)

    def _keys(self, session_id: str) -> tuple[str, str]:
        return (
            self._redis.keys.key("gw", "seq", session_id),
            self._redis.keys.key("gw", "log", session_id),
        )

    @property
    def channel(self) -> str:
        return self._redis.keys.key("gw", "appended")

    @property
    def cancel_channel(self) -> str:
        return self._redis.keys.key("gw", "cancel")

    async def request_cancel(self, session_id: str) -> None:
        """Ask whichever replica runs the session's turn to cancel it."""
        with redis_errors("session event log"):
            await self._redis.client.publish(self.cancel_channel, session_id)

    async def append(self, session_id: str, frame: dict[str, Any]) -> int:
        """Store a frame (its `seq` is assigned here), announce it, and return its seq."""
        counter, stream = self._keys(session_id)
        with redis_errors("session event log"):
            return int(
                await self._append(
                    keys=[counter, stream, self.channel],
                    args=[
                        json.dumps(frame, separators=(",", ":")),
                        self._max_len,
                        self._ttl_s,
                        session_id,
                    ],
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
            (int(entry_id.split("-")[0]), _with_seq(fields["f"], entry_id))
            for entry_id, fields in entries
        ]

    async def last_seq(self, session_id: str) -> int:
        counter, _ = self._keys(session_id)
        with redis_errors("session event log"):
            value = await self._redis.client.get(counter)
        return int(value or 0)

    async def oldest_seq(self, session_id: str) -> int | None:
        """The first seq still retained (older frames were trimmed)."""
        _, stream = self._keys(session_id)
        with redis_errors("session event log"):
            first = await self._redis.client.xrange(stream, count=1)
        return int(first[0][0].split("-")[0]) if first else None


class _Subscriber:
    def __init__(self, after: int) -> None:
        self.cursor = after
        self.queue: asyncio.Queue[str] = asyncio.Queue()


class LogHub:
    """Fans a process's sessions' new frames out to their sockets (one Pub/Sub connection)."""

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
        self._subscribers.setdefault(session_id, set()).add(subscriber)
        try:
            await self.fetch(session_id)  # the replay, and anything appended meanwhile
            yield subscriber.queue
        finally:
            subscribers = self._subscribers.get(session_id)
            if subscribers is not None:
                subscribers.discard(subscriber)
                if not subscribers:
                    del self._subscribers[session_id]
                    self._locks.pop(session_id, None)

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
        pubsub = self._redis.client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self._log.channel, self._log.cancel_channel)
            await self._fetch_all()  # whatever was announced while we were not listening
            last_poll = asyncio.get_running_loop().time()
            while True:
                message = await pubsub.get_message(timeout=1.0)
                if message is not None:
                    session_id = message["data"]
                    if message["channel"] == self._log.cancel_channel:
                        if self.on_cancel is not None:
                            self.on_cancel(session_id)
                    elif session_id in self._subscribers:
                        asyncio.create_task(self._safe_fetch(session_id))
                now = asyncio.get_running_loop().time()
                if now - last_poll >= self._poll_s:
                    last_poll = now
                    await self._fetch_all()
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()

    async def _fetch_all(self) -> None:
        await asyncio.gather(*(self._safe_fetch(s) for s in list(self._subscribers)))

    async def _safe_fetch(self, session_id: str) -> None:
        try:
            await self.fetch(session_id)
        except Exception:
            log.warning("event log read failed", extra={"session_id": session_id})
