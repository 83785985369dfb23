"""The event log's coalesced writes and local delivery, over a real Redis.

Two `LogHub`s on one Redis stand for two gateway replicas: frames one replica writes reach
its own subscribers straight from the write and the other's through the log, identical.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from cartmate.gateway.event_log import EventLog, LogHub, Release
from cartmate.store.redis_client import RedisConnection

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
    await pubsub.subscribe(log.channel)
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
