"""Every frame of a session, in a bounded Redis Stream, numbered by `seq`.

A frame's `seq` is its stream entry id (`<seq>-0`), assigned atomically by one Lua script
(INCR the session's counter, XADD with that id, trim to the newest `max_len`). Every socket
of a session tails the stream from the last `seq` it delivered, so replay after a reconnect,
live delivery, several sockets on one session and notifications for offline sessions are one
mechanism, on any gateway replica.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["EventLog"]

# KEYS: counter, stream. ARGV: frame json (without seq), max_len, ttl seconds. The frame is
# stored as given (never re-encoded in Lua: cjson would turn [] into {} and big ints into
# floats); its seq is the entry id and is put back into the JSON when read.
_APPEND = """
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'f', ARGV[1])
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

    async def append(self, session_id: str, frame: dict[str, Any]) -> int:
        """Store a frame (its `seq` is assigned here) and return its seq."""
        counter, stream = self._keys(session_id)
        with redis_errors("session event log"):
            return int(
                await self._append(
                    keys=[counter, stream],
                    args=[json.dumps(frame, separators=(",", ":")), self._max_len, self._ttl_s],
                )
            )

    async def last_seq(self, session_id: str) -> int:
        counter, _ = self._keys(session_id)
        with redis_errors("session event log"):
            value = await self._redis.client.get(counter)
        return int(value or 0)

    async def tail(
        self, session_id: str, after: int, block_ms: int = 15_000
    ) -> AsyncIterator[list[str]]:
        """Batches of frames (JSON text) with seq > `after`, forever (until cancelled)."""
        _, stream = self._keys(session_id)
        cursor = f"{after}-0"
        while True:
            with redis_errors("session event log"):
                reply = await self._redis.client.xread({stream: cursor}, block=block_ms, count=200)
            if not reply:
                continue
            entries = reply[0][1]
            cursor = entries[-1][0]
            yield [_with_seq(fields["f"], entry_id) for entry_id, fields in entries]

    async def oldest_seq(self, session_id: str) -> int | None:
        """The first seq still retained (older frames were trimmed)."""
        _, stream = self._keys(session_id)
        with redis_errors("session event log"):
            first = await self._redis.client.xrange(stream, count=1)
        return int(first[0][0].split("-")[0]) if first else None
