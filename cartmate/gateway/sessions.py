"""Gateway sessions in Redis: who owns a session, and the one-turn-at-a-time lock.

A session's owner (the anonymous user created with it) is kept in a hash with an idle TTL, so
any replica can check a resuming client's token against it. The turn lock is a Redis key with
a lease, so two replicas never run two turns of one session at once.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from cartmate.gateway.event_log import Release
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["GatewaySessions", "SessionRecord"]


@dataclass(frozen=True)
class SessionRecord:
    session_id: str
    user_id: str
    created_at: float


class GatewaySessions:
    def __init__(self, redis: RedisConnection, idle_ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = idle_ttl_s

    def _key(self, session_id: str) -> str:
        return self._redis.keys.key("gw", "session", session_id)

    async def create(self) -> SessionRecord:
        record = SessionRecord(f"s-{uuid.uuid4().hex}", f"u-{uuid.uuid4().hex[:20]}", time.time())
        user_sessions = self._user_key(record.user_id)
        with redis_errors("session store"):
            async with self._redis.client.pipeline(transaction=True) as pipe:
                pipe.hset(
                    self._key(record.session_id),
                    mapping={"user_id": record.user_id, "created_at": str(record.created_at)},
                )
                pipe.expire(self._key(record.session_id), self._ttl_s)
                pipe.sadd(user_sessions, record.session_id)
                pipe.expire(user_sessions, self._ttl_s)
                await pipe.execute()
        return record

    def _user_key(self, user_id: str) -> str:
        return self._redis.keys.key("gw", "user-sessions", user_id)

    async def of_user(self, user_id: str) -> list[str]:
        """The user's live sessions (expired ones are dropped from the index here)."""
        with redis_errors("session store"):
            ids = sorted(await self._redis.client.smembers(self._user_key(user_id)))
            live = [i for i in ids if await self._redis.client.exists(self._key(i))]
            gone = set(ids) - set(live)
            if gone:
                await self._redis.client.srem(self._user_key(user_id), *gone)
        return live

    async def get(self, session_id: str) -> SessionRecord | None:
        if not session_id or len(session_id) > 128:
            return None
        with redis_errors("session store"):
            data = await self._redis.client.hgetall(self._key(session_id))
            if data:
                await self._redis.client.expire(self._key(session_id), self._ttl_s)
        if not data:
            return None
        return SessionRecord(session_id, data["user_id"], float(data["created_at"]))

    def turn_lock(self, session_id: str, holder: str) -> Release:
        """The turn lock as the event log releases it, together with the turn's last frame."""
        return Release(self._redis.keys.key("gw", "turn", session_id), holder)

    async def try_lock_turn(self, session_id: str, holder: str, lease_s: int = 600) -> bool:
        lock = self.turn_lock(session_id, holder)
        with redis_errors("session store"):
            return bool(await self._redis.client.set(lock.key, holder, nx=True, ex=lease_s))

    async def unlock_turn(self, session_id: str, holder: str) -> None:
        key = self.turn_lock(session_id, holder).key
        with redis_errors("session store"):
            # Only the holder releases (compare-and-delete).
            await self._redis.client.eval(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then "
                "return redis.call('DEL', KEYS[1]) else return 0 end",
                1,
                key,
                holder,
            )
