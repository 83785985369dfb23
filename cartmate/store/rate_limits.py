"""Token buckets in Redis, shared by every replica (model-call quotas, later the API limits).

One Lua script refills and takes atomically, on the server's clock, so replicas with skewed
clocks agree. A bucket of `capacity` tokens refills at `refill_per_s`; `take` answers whether a
token was available and, if not, how long until one will be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["JointBuckets", "JointDecision", "RateDecision", "TokenBucket"]

# KEYS[1] bucket hash; ARGV: capacity, refill per second, tokens to take.
# Returns {allowed (0/1), tokens left * 1000, milliseconds until enough tokens}.
_TAKE = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
local wait_ms = 0
if tokens >= want then
  tokens = tokens - want
  allowed = 1
else
  wait_ms = math.ceil((want - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return {allowed, math.floor(tokens * 1000), wait_ms}
"""


# KEYS: one bucket hash per bucket. ARGV: tokens to take, then capacity and refill per second
# for each bucket, then (optional) the most tokens to take when every bucket has them. Takes
# the same number from every bucket or from none. Returns {index (1-based) of the first bucket
# short of tokens, or 0 when all gave them; milliseconds until that bucket has enough; tokens
# taken}.
_TAKE_ALL = """
local want = tonumber(ARGV[1])
local most = tonumber(ARGV[2 * #KEYS + 2] or want)
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local levels = {}
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i])
  local rate = tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil then tokens = capacity; at = now end
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
  if tokens < want then
    return {i, math.ceil((want - tokens) / rate * 1000)}
  end
  levels[i] = tokens
  most = math.min(most, math.floor(tokens))
end
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i])
  local rate = tonumber(ARGV[2 * i + 1])
  redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - most), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(capacity / rate * 1000) + 1000)
end
return {0, 0, most}
"""


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    remaining: float
    retry_after_s: float


class TokenBucket:
    """A named family of buckets (one per key) with the same capacity and refill rate."""

    def __init__(
        self, redis: RedisConnection, name: str, capacity: int, refill_per_s: float
    ) -> None:
        if capacity < 1 or refill_per_s <= 0:
            raise ValueError("a token bucket needs capacity >= 1 and a positive refill rate")
        self._redis = redis
        self._name = name
        self._capacity = capacity
        self._rate = refill_per_s
        self._script = redis.client.register_script(_TAKE)

    @classmethod
    def per_minute(cls, redis: RedisConnection, name: str, per_minute: int) -> TokenBucket:
        """`per_minute` calls a minute, with bursts up to that many."""
        return cls(redis, name, per_minute, per_minute / 60.0)

    async def take(self, key: str, tokens: int = 1) -> RateDecision:
        with redis_errors("rate limiter"):
            allowed, left, wait_ms = await self._script(
                keys=[self._redis.keys.key("rate", self._name, key)],
                args=[self._capacity, self._rate, tokens],
            )
        return RateDecision(bool(allowed), int(left) / 1000, int(wait_ms) / 1000)


@dataclass(frozen=True)
class JointDecision:
    """What `take_together` decided: `refused` is the index of the bucket that had no token
    (None when every bucket gave one), `retry_after_s` how long until it will have one."""

    refused: int | None
    retry_after_s: float
    taken: int = 0  # tokens taken from each bucket


class JointBuckets:
    """Several bucket families taken from together: one token from each, or none.

    One round trip instead of one per bucket, and a refusal by a later bucket (the global
    quota) does not use up a token of an earlier one (the shopper's).
    """

    def __init__(self, redis: RedisConnection, buckets: Sequence[TokenBucket]) -> None:
        self._redis = redis
        self._buckets = tuple(buckets)
        self._script = redis.client.register_script(_TAKE_ALL)

    async def take(
        self, keys: Sequence[str], tokens: int = 1, *, up_to: int | None = None
    ) -> JointDecision:
        """`tokens` from each bucket (`keys[i]` in `buckets[i]`), in one atomic script call;
        with `up_to`, as many more, up to that many, as every bucket has to spare."""
        if len(keys) != len(self._buckets):
            raise ValueError("one key per bucket")
        if up_to is not None and up_to < tokens:
            raise ValueError("up_to must be at least tokens")
        args: list[float] = [tokens]
        for bucket in self._buckets:
            args += [bucket._capacity, bucket._rate]
        if up_to is not None:
            args.append(up_to)
        names = [
            self._redis.keys.key("rate", bucket._name, key)
            for bucket, key in zip(self._buckets, keys, strict=True)
        ]
        with redis_errors("rate limiter"):
            index, wait_ms, *taken = await self._script(keys=names, args=args)
        if int(index):
            return JointDecision(int(index) - 1, int(wait_ms) / 1000)
        return JointDecision(None, 0.0, int(taken[0]))
