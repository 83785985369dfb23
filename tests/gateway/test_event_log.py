"""The event log's coalesced writes and local delivery, over a real Redis.

Two `LogHub`s on one Redis stand for two gateway replicas: frames one replica writes reach
its own subscribers straight from the write and the other's through the log, identical. Each
replica is subscribed only to the sessions it has sockets for, and subscribed again after its
Pub/Sub connection drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from cartmate.gateway.event_log import EventLog, LogHub, Release
from cartmate.store.embedded_valkey import start_valkey
from cartmate.store.redis_client import RedisConnection, open_redis
from tests.helpers import free_port

WAIT_S = 15.0


async def _next_message(pubsub: Any) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while asyncio.get_running_loop().time() < deadline:
        message = await pubsub.get_message(timeout=1.0)
        if message is not None:
            return dict(message)
    raise TimeoutError("no Pub/Sub message")


async def _take(queue: asyncio.Queue[str], count: int) -> list[str]:
    return [await asyncio.wait_for(queue.get(), WAIT_S) for _ in range(count)]


async def test_frames_posted_together_share_writes_and_keep_their_order(
    redis: RedisConnection,
) -> None:
    log = EventLog(redis)
    announcements: list[str] = []
    pubsub = redis.client.pubsub()
    await pubsub.subscribe(log.channel_for("s1"))
    confirmed = await _next_message(pubsub)  # subscribed before anything is published
    assert confirmed["type"] == "subscribe"
    try:
        futures = [log.post("s1", {"type": "partial", "text": str(i)}) for i in range(50)]
        seqs = [await asyncio.wait_for(f, WAIT_S) for f in futures]
        assert seqs == list(range(1, 51))
        assert await log.last_seq("s1") == 50
        frames = await log.read_after("s1", 0)
        assert [json.loads(text) for _, text in frames] == [
            {"seq": i + 1, "type": "partial", "text": str(i)} for i in range(50)
        ]
        while not announcements or announcements[-1] != "s1 50":
            announcements.append((await _next_message(pubsub))["data"])
        # One announcement per write: fewer than the frames, the last one naming seq 50.
        assert len(announcements) < 50
        assert all(a.startswith("s1 ") for a in announcements)
    finally:
        await pubsub.aclose()


async def test_both_replicas_deliver_every_frame_in_order_with_the_logs_text(
    redis: RedisConnection,
) -> None:
    log_a, log_b = EventLog(redis), EventLog(redis)
    hub_a, hub_b = LogHub(log_a, redis), LogHub(log_b, redis)
    await hub_a.start()
    await hub_b.start()
    try:
        async with (
            hub_a.subscribe("s2", 0) as on_a,
            hub_b.subscribe("s2", 0) as on_b,
        ):
            # Both replicas write, interleaved, some frames without waiting.
            for i in range(10):
                log_a.post("s2", {"type": "partial", "text": f"a{i}"})
                await log_b.append("s2", {"type": "thinking", "text": f"b{i}"})
            await log_a.append("s2", {"type": "turn_end", "status": "ok"})
            seen_a, seen_b = await _take(on_a, 21), await _take(on_b, 21)
            stored = [text for _, text in await log_a.read_after("s2", 0)]
            assert seen_a == seen_b == stored
            assert [json.loads(t)["seq"] for t in seen_a] == list(range(1, 22))
            assert on_a.empty() and on_b.empty()
    finally:
        await hub_a.stop()
        await hub_b.stop()


async def test_a_late_subscriber_replays_then_goes_live(redis: RedisConnection) -> None:
    log = EventLog(redis)
    hub = LogHub(log, redis)
    await hub.start()
    try:
        for i in range(5):
            await log.append("s3", {"type": "partial", "text": str(i)})
        async with hub.subscribe("s3", 2) as queue:
            replayed = await _take(queue, 3)
            assert [json.loads(t)["seq"] for t in replayed] == [3, 4, 5]
            futures = [log.post("s3", {"type": "partial", "text": "x"}) for _ in range(3)]
            await asyncio.gather(*futures)
            live = await _take(queue, 3)
            assert [json.loads(t)["seq"] for t in live] == [6, 7, 8]
    finally:
        await hub.stop()


class _CountingReads(EventLog):
    """An EventLog counting its log reads per session."""

    def __init__(self, redis: RedisConnection) -> None:
        super().__init__(redis)
        self.reads: dict[str, int] = {}

    async def read_after(self, session_id: str, after: int, count: int = 500) -> list:
        self.reads[session_id] = self.reads.get(session_id, 0) + 1
        return await super().read_after(session_id, after, count)


async def test_the_safety_poll_reads_only_sessions_with_unseen_frames(
    redis: RedisConnection,
) -> None:
    log = _CountingReads(redis)
    hub = LogHub(log, redis, safety_poll_s=0.2)
    await hub.start()
    try:
        async with hub.subscribe("quiet", 0), hub.subscribe("missed", 0) as queue:
            before = dict(log.reads)
            # A frame whose announcement never came (a replica's PUBLISH lost in a Pub/Sub
            # reconnect): stored as the append script stores it, without the PUBLISH.
            counter, stream = log._keys("missed")
            await redis.client.incr(counter)
            await redis.client.xadd(stream, {"f": '{"type":"partial","text":"late"}'}, id="1-0")
            (frame,) = await _take(queue, 1)
            assert json.loads(frame) == {"seq": 1, "type": "partial", "text": "late"}
            await asyncio.sleep(0.5)  # more polls: nothing new anywhere
            assert log.reads.get("quiet", 0) == before.get("quiet", 0)
            assert log.reads["missed"] == before.get("missed", 0) + 1
    finally:
        await hub.stop()


async def test_a_releasing_frame_frees_the_lock_in_its_own_write(redis: RedisConnection) -> None:
    log = EventLog(redis)
    lock = redis.keys.key("gw", "turn", "s-release")
    await redis.client.set(lock, "holder-a")
    batches: list[int] = []

    def written(session_id: str, frames: list[tuple[int, str]]) -> None:
        del session_id
        batches.append(len(frames))

    log.on_written = written
    frames = [log.post("s-release", {"type": "partial", "text": str(i)}) for i in range(3)]
    end = log.post("s-release", {"type": "turn_end"}, Release(lock, "holder-a"))
    after = log.post("s-release", {"type": "notification"})  # not part of the releasing write
    seqs = await asyncio.gather(*frames, end, after)
    assert seqs == sorted(seqs) and len(set(seqs)) == 5
    assert await redis.client.get(lock) is None
    assert batches == [4, 1]  # the write ends at the releasing frame


async def test_a_release_by_another_holder_leaves_the_lock(redis: RedisConnection) -> None:
    log = EventLog(redis)
    lock = redis.keys.key("gw", "turn", "s-other")
    await redis.client.set(lock, "holder-b")
    await log.post("s-other", {"type": "turn_end"}, Release(lock, "holder-a"))
    assert await redis.client.get(lock) == "holder-b"
    assert [json.loads(text)["type"] for _, text in await log.read_after("s-other", 0)] == [
        "turn_end"
    ]


async def _subscribers_of(redis: RedisConnection, log: EventLog, session_id: str) -> int:
    """How many Pub/Sub connections Redis has on the session's announcement channel."""
    ((_, count),) = await redis.client.pubsub_numsub(log.channel_for(session_id))
    return int(count)


async def _until_subscribers(
    redis: RedisConnection, log: EventLog, session_id: str, count: int
) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while await _subscribers_of(redis, log, session_id) != count:
        assert asyncio.get_running_loop().time() < deadline, f"never {count} subscribers"
        await asyncio.sleep(0.02)


async def test_a_replica_listens_only_to_the_sessions_it_has_sockets_for(
    redis: RedisConnection,
) -> None:
    # A long safety poll: every frame below arrives through its announcement.
    log_a, log_b = EventLog(redis), EventLog(redis)
    hub_a, hub_b = LogHub(log_a, redis, safety_poll_s=60), LogHub(log_b, redis, safety_poll_s=60)
    await hub_a.start()
    await hub_b.start()
    try:
        async with hub_a.subscribe("only-a", 0) as on_a:
            # Subscribed before the replay was read: nothing is announced to nobody.
            assert await _subscribers_of(redis, log_a, "only-a") == 1
            async with hub_b.subscribe("both", 0) as on_b, hub_a.subscribe("both", 0) as on_ab:
                assert await _subscribers_of(redis, log_a, "both") == 2
                await log_b.append("only-a", {"type": "partial", "text": "from b"})
                await log_a.append("both", {"type": "partial", "text": "from a"})
                (frame,) = await _take(on_a, 1)
                assert json.loads(frame)["text"] == "from b"
                assert [json.loads(f)["text"] for f in await _take(on_b, 1)] == ["from a"]
                assert [json.loads(f)["text"] for f in await _take(on_ab, 1)] == ["from a"]
            await _until_subscribers(redis, log_a, "both", 0)  # the last socket left
            assert await _subscribers_of(redis, log_a, "only-a") == 1
        await _until_subscribers(redis, log_a, "only-a", 0)
    finally:
        await hub_a.stop()
        await hub_b.stop()


@contextlib.asynccontextmanager
async def _replica(redis: RedisConnection) -> AsyncIterator[tuple[EventLog, LogHub]]:
    """A replica's log and started hub, with a safety poll too slow to deliver anything in a
    test: what arrives came through an announcement."""
    log = EventLog(redis)
    hub = LogHub(log, redis, safety_poll_s=60)
    await hub.start()
    try:
        yield log, hub
    finally:
        await hub.stop()


async def _announced_and_delivered(
    redis: RedisConnection, log: EventLog, session_id: str, queue: asyncio.Queue[str]
) -> None:
    """Once the replica is subscribed again, another replica's frame reaches its socket."""
    await _until_subscribers(redis, log, session_id, 1)
    await EventLog(redis).append(session_id, {"type": "partial", "text": "announced"})
    (frame,) = await _take(queue, 1)
    assert json.loads(frame)["text"] == "announced"


async def test_a_socket_leaving_as_another_arrives_leaves_the_session_subscribed(
    redis: RedisConnection,
) -> None:
    async with _replica(redis) as (log, hub):
        for _ in range(5):  # leave and come back at once, repeatedly
            async with hub.subscribe("flapping", 0):
                pass
        async with hub.subscribe("flapping", 0) as queue:
            await _announced_and_delivered(redis, log, "flapping", queue)


async def _pubsub_client_ids(redis: RedisConnection) -> set[str]:
    return {str(c["id"]) for c in await redis.client.client_list(_type="pubsub")}


async def test_after_its_connection_drops_a_replica_subscribes_its_sessions_again(
    redis: RedisConnection,
) -> None:
    async with _replica(redis) as (log, hub), hub.subscribe("dropped", 0) as queue:
        before = await _pubsub_client_ids(redis)
        pubsub = hub._pubsub
        assert pubsub is not None and pubsub.connection is not None
        await pubsub.connection.disconnect()  # as a network failure would
        # Announced while this replica was not listening: read once it is subscribed again.
        await EventLog(redis).append("dropped", {"type": "partial", "text": "in the gap"})
        (frame,) = await _take(queue, 1)
        assert json.loads(frame)["text"] == "in the gap"
        deadline = asyncio.get_running_loop().time() + WAIT_S
        while not (await _pubsub_client_ids(redis) - before):
            assert asyncio.get_running_loop().time() < deadline, "never reconnected"
            await asyncio.sleep(0.05)
        await _announced_and_delivered(redis, log, "dropped", queue)


async def test_after_redis_comes_back_a_replica_subscribes_its_sessions_again(
    tmp_path: Path,
) -> None:
    port = free_port()
    valkey = start_valkey(tmp_path / "valkey", port)
    try:
        async with (
            open_redis(valkey.connection_url, "hub-outage:") as redis,
            _replica(redis) as (log, hub),
            hub.subscribe("outage", 0) as queue,
        ):
            await _until_subscribers(redis, log, "outage", 1)
            valkey.stop()  # the hub's connection fails; it retries until Redis is back
            await asyncio.sleep(1.5)
            valkey = start_valkey(tmp_path / "valkey", port)
            await _announced_and_delivered(redis, log, "outage", queue)
    finally:
        with contextlib.suppress(Exception):
            valkey.stop()
