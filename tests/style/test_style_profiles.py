"""Style profiles in a real Redis: round trips, TTL, reset, and atomic concurrent updates."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from redis import Redis as SyncRedis

from cartmate.errors import ConflictError, UnavailableError
from cartmate.store.redis_client import RedisConnection, open_redis
from cartmate.store.style_profiles import ProfileChange, StyleProfileStore
from cartmate.style.analysis import AestheticScore, ColourShare, StyleAnalysis
from cartmate.style.profile import StyleProfile
from tests.helpers import free_port

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def photo(colour: str) -> StyleAnalysis:
    return StyleAnalysis(
        colours=[ColourShare(name=colour, hex="#000000", share=1.0)],
        aesthetics=[AestheticScore(name="minimalist", confidence=0.5)],
        patterns=["solid"],
    )


async def test_an_unknown_shopper_has_an_empty_profile(redis: RedisConnection) -> None:
    profile = await StyleProfileStore(redis).get("nobody")
    assert profile == StyleProfile(user_id="nobody")
    assert profile.is_empty()


async def test_save_get_and_reset(redis: RedisConnection) -> None:
    store = StyleProfileStore(redis)
    profile = StyleProfile(user_id="u:1")
    profile.learn_from_analysis(photo("navy"), NOW)
    profile.record_statement(dislikes=["yellow"])
    await store.save(profile)
    assert await store.get("u:1") == profile
    raw = await redis.client.get(redis.keys.key("style", "profile", "u:1"))
    assert json.loads(raw)["colours"] == {"navy": 1.0}
    assert await redis.client.ttl(store.key("u:1")) == -1  # no TTL unless asked
    await store.reset("u:1")
    assert (await store.get("u:1")).is_empty()
    assert await redis.client.exists(store.key("u:1")) == 0


async def test_profiles_expire_when_a_ttl_is_set(redis: RedisConnection) -> None:
    store = StyleProfileStore(redis, ttl_s=60)
    await store.save(StyleProfile(user_id="u1"))
    assert 0 < await redis.client.ttl(store.key("u1")) <= 60
    await redis.client.persist(store.key("u1"))
    await store.update("u1", lambda p: p.record_statement(likes=["navy"]))
    assert 0 < await redis.client.ttl(store.key("u1")) <= 60  # every write refreshes it
    with pytest.raises(ValueError):
        StyleProfileStore(redis, ttl_s=0)


async def test_update_mutates_or_replaces(redis: RedisConnection) -> None:
    store = StyleProfileStore(redis)
    stored = await store.update("u1", lambda p: p.learn_from_analysis(photo("red"), NOW))
    assert stored.colours == {"red": 1.0}
    assert await store.get("u1") == stored
    fresh = StyleProfile(user_id="u1", likes=["linen"])
    assert await store.update("u1", lambda p: fresh) == fresh
    assert (await store.get("u1")).likes == ["linen"]
    with pytest.raises(ValueError):
        await store.update("u1", lambda p: StyleProfile(user_id="someone else"))
    assert (await store.get("u1")).likes == ["linen"]


async def test_concurrent_updates_are_all_counted(redis: RedisConnection) -> None:
    store = StyleProfileStore(redis)
    colours = [f"colour {i}" for i in range(20)]
    calls = 0

    def learn(colour: str) -> ProfileChange:
        def change(profile: StyleProfile) -> None:
            nonlocal calls
            calls += 1
            profile.learn_from_cart_item([colour], [colour], NOW)
            profile.learn_from_analysis(photo("navy"), NOW)

        return change

    await asyncio.gather(*(store.update("u1", learn(c)) for c in colours))
    profile = await store.get("u1")
    assert calls > 20  # they really did collide, and were re-applied
    assert set(profile.categories) == set(colours)
    assert sum(profile.categories.values()) == pytest.approx(20.0)
    assert profile.images_analysed == 20
    assert profile.colours["navy"] == pytest.approx(20.0)


async def test_update_gives_up_with_a_conflict_when_always_beaten(
    redis: RedisConnection, redis_url: str
) -> None:
    store = StyleProfileStore(redis, max_attempts=3)
    calls = 0
    with SyncRedis.from_url(redis_url) as rival:

        def beaten(profile: StyleProfile) -> None:
            nonlocal calls
            calls += 1
            rival.set(  # a new document each time: each attempt is beaten
                store.key("u1"),
                StyleProfile(user_id="u1", likes=[f"rival {calls}"]).model_dump_json(),
            )
            profile.record_statement(likes=["mine"])

        with pytest.raises(ConflictError) as exc:
            await store.update("u1", beaten)
    assert calls == 3
    assert exc.value.retryable
    assert (await store.get("u1")).likes == ["rival 3"]


async def test_an_unreadable_record_is_replaced_not_fatal(redis: RedisConnection) -> None:
    store = StyleProfileStore(redis)
    await redis.client.set(store.key("u1"), '{"user_id": "u1", "colours": "oops"}')
    assert (await store.get("u1")).is_empty()
    stored = await store.update("u1", lambda p: p.record_statement(likes=["navy"]))
    assert stored.likes == ["navy"]


async def test_redis_failures_become_unavailable_errors() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    async with open_redis(url, "cartmate-test:down:", check=False, timeout_s=0.2) as conn:
        store = StyleProfileStore(conn)
        with pytest.raises(UnavailableError) as exc:
            await store.get("u1")
        assert "style profile store" in exc.value.message
        with pytest.raises(UnavailableError):
            await store.update("u1", lambda p: None)
        with pytest.raises(UnavailableError):
            await store.save(StyleProfile(user_id="u1"))


async def test_a_profile_survives_into_another_process(
    redis: RedisConnection, redis_url: str, key_prefix: str
) -> None:
    import asyncio
    import subprocess
    import sys
    from datetime import UTC, datetime

    store = StyleProfileStore(redis)

    def learn(profile: StyleProfile) -> StyleProfile:
        profile.record_statement(likes=["leather"], dislikes=["yellow"])
        profile.learn_from_cart_item(["footwear"], ["tan"], datetime.now(UTC))
        return profile

    await store.update("traveller", learn)
    script = (
        "import asyncio\n"
        "from cartmate.store.redis_client import open_redis\n"
        "from cartmate.store.style_profiles import StyleProfileStore\n"
        "async def main():\n"
        f"    async with open_redis({redis_url!r}, {key_prefix!r}) as redis:\n"
        "        profile = await StyleProfileStore(redis).get('traveller')\n"
        "        p = profile\n"
        "        print(sorted(p.likes), sorted(p.dislikes), sorted(p.categories))\n"
        "asyncio.run(main())\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert out.decode().strip() == "['leather'] ['yellow'] ['footwear']"
