"""Style profiles in Redis: one JSON document per shopper, changed atomically.

Each profile lives at `<prefix>style:profile:<user_id>`. `update` is optimistic: read the
profile, apply the change, and write it with a script that checks the stored document is still
the one read (compare-and-set); if another writer got in between, the change is re-applied to
the fresh profile, so two photos analysed at once never lose each other's signals. Two round
trips, where WATCH/GET/MULTI-EXEC took three and held a connection throughout.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable

from pydantic import ValidationError

from cartmate.errors import ConflictError
from cartmate.store.redis_client import RedisConnection, redis_errors
from cartmate.style.profile import StyleProfile

__all__ = ["ProfileChange", "StyleProfileStore"]

log = logging.getLogger(__name__)

ProfileChange = Callable[[StyleProfile], StyleProfile | None]
"""A change to a profile: mutate the one given (return None) or return a replacement."""

_WHAT = "style profile store"

# KEYS[1] the profile. ARGV: 1 if a profile was read (0: there was none), the document read,
# the new document, TTL seconds (0: none). Returns 1 when written, 0 when the stored profile is
# no longer the one read.
_SWAP_LUA = """
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if tonumber(ARGV[4]) > 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[3])
end
return 1
"""


class StyleProfileStore:
    """Reads and writes shoppers' `StyleProfile`s through the process's Redis connection."""

    def __init__(
        self, redis: RedisConnection, ttl_s: int | None = None, *, max_attempts: int = 100
    ) -> None:
        """Borrow a Redis connection.

        Args:
            redis: The process's connection (the store never closes it).
            ttl_s: Forget a profile this many seconds after its last write (None: keep).
            max_attempts: How many times `update` re-applies a change under contention.
        """
        if ttl_s is not None and ttl_s < 1:
            raise ValueError("ttl_s must be a positive number of seconds")
        self._redis = redis
        self._ttl_s = ttl_s
        self._max_attempts = max_attempts
        self._swap = redis.client.register_script(_SWAP_LUA)

    def key(self, user_id: str) -> str:
        """The Redis key of a shopper's profile."""
        return self._redis.keys.key("style", "profile", user_id)

    async def get(self, user_id: str) -> StyleProfile:
        """The shopper's profile, or an empty one if nothing has been learned yet.

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        with redis_errors(_WHAT):
            raw = await self._redis.client.get(self.key(user_id))
        return self._parse(user_id, raw)

    async def save(self, profile: StyleProfile) -> None:
        """Replace the stored profile with this one (last writer wins; see `update`).

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        with redis_errors(_WHAT):
            await self._redis.client.set(
                self.key(profile.user_id), profile.model_dump_json(), ex=self._ttl_s
            )

    async def reset(self, user_id: str) -> None:
        """Forget everything learned about the shopper.

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        with redis_errors(_WHAT):
            await self._redis.client.delete(self.key(user_id))

    async def update(self, user_id: str, fn: ProfileChange) -> StyleProfile:
        """Apply a change atomically and return the profile as stored.

        `fn` may run more than once (once per attempt, each time on a freshly read profile),
        so it must only change the profile it is given: no other side effects.

        Args:
            user_id: Whose profile.
            fn: The change: mutate the profile and return None, or return a new one.

        Raises:
            ConflictError: Other writers won `max_attempts` times in a row.
            UnavailableError: Redis cannot be reached.
        """
        key = self.key(user_id)
        for attempt in range(self._max_attempts):
            with redis_errors(_WHAT):
                raw = await self._redis.client.get(key)
            profile = self._parse(user_id, raw)
            changed = fn(profile)
            result = profile if changed is None else changed
            if result.user_id != user_id:
                raise ValueError("a profile change may not change its user_id")
            written = result.model_dump_json()
            if written == raw:
                return result  # nothing changed: nothing to write
            with redis_errors(_WHAT):
                swapped = await self._swap(
                    keys=[key],
                    args=[int(raw is not None), raw or "", written, self._ttl_s or 0],
                )
            if int(swapped):
                return result
            log.debug("style profile changed meanwhile; re-applying", extra={"attempt": attempt})
            # Someone wrote between our read and our write: back off a little (jittered, so the
            # losers do not collide again in lockstep) and re-apply to fresh data.
            await asyncio.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))
        raise ConflictError(
            "Your style profile is busy being updated; please try again.", user_id=user_id
        )

    def _parse(self, user_id: str, raw: str | None) -> StyleProfile:
        if raw is None:
            return StyleProfile(user_id=user_id)
        try:
            return StyleProfile.model_validate_json(raw)
        except ValidationError:
            # A record we cannot read (an old or damaged shape) must not lock the shopper out;
            # they start afresh and the next write replaces it.
            log.warning(
                "unreadable style profile replaced by an empty one",
                exc_info=True,
                extra={"user_id": user_id},
            )
            return StyleProfile(user_id=user_id)
