"""Price alerts in Redis: ownership, dedupe, limits, exact money, trigger-once, indexes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from cartmate.errors import BadRequestError, NotFoundError, UnavailableError
from cartmate.money import Money, MoneyError
from cartmate.store.price_alerts import PriceAlert, PriceAlertStore, TooManyAlertsError
from cartmate.store.redis_client import RedisConnection, open_redis
from tests.helpers import free_port

USD_99_99 = Money("USD", 99, 990_000_000)
USD_100 = Money("USD", 100, 0)
JPY_10000 = Money("JPY", 10_000, 0)
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def ticking_clock() -> Callable[[], datetime]:
    """A clock one second further on at every call, so "newest first" is deterministic."""
    state = {"now": T0}

    def now() -> datetime:
        state["now"] += timedelta(seconds=1)
        return state["now"]

    return now


@pytest.fixture
def store(redis: RedisConnection) -> PriceAlertStore:
    return PriceAlertStore(redis, clock=ticking_clock())


async def _index_state(redis: RedisConnection, product_id: str) -> tuple[set[str], set[str]]:
    """(ids in the product's active set, product ids with active alerts)."""
    client, keys = redis.client, redis.keys
    return (
        await client.smembers(keys.key("alerts", "product", product_id)),
        await client.smembers(keys.key("alerts", "products")),
    )


# ---------------------------------------------------------------------------- CRUD


async def test_create_get_list(store: PriceAlertStore) -> None:
    alert = await store.create("u1", "OLJCESPC7Z", "Sunglasses", USD_99_99, note="for summer")
    assert alert.id.startswith("al_") and len(alert.id) == 11
    assert (alert.user_id, alert.product_id, alert.product_name) == (
        "u1",
        "OLJCESPC7Z",
        "Sunglasses",
    )
    assert alert.target == USD_99_99
    assert alert.direction == "at_or_below"
    assert alert.status == "active"
    assert alert.created_at.tzinfo is not None
    assert alert.triggered_at is None and alert.last_checked_at is None
    assert alert.last_seen_price is None
    assert alert.note == "for summer"
    assert await store.get("u1", alert.id) == alert
    assert await store.list("u1") == [alert]
    assert await store.list("someone-else") == []


async def test_model_is_frozen(store: PriceAlertStore) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    with pytest.raises(ValueError):
        alert.status = "cancelled"  # type: ignore[misc]


async def test_list_is_newest_first(store: PriceAlertStore) -> None:
    first = await store.create("u1", "P1", "Watch", USD_100)
    second = await store.create("u1", "P2", "Mug", USD_100)
    third = await store.create("u1", "P3", "Tank top", USD_100)
    assert [a.id for a in await store.list("u1")] == [third.id, second.id, first.id]


async def test_delete_cancels_and_hides_from_the_active_list(
    store: PriceAlertStore, redis: RedisConnection
) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    cancelled = await store.delete("u1", alert.id)
    assert cancelled.status == "cancelled"
    assert cancelled.id == alert.id
    assert await store.list("u1") == []
    assert await store.list("u1", include_inactive=True) == [cancelled]
    assert (await store.get("u1", alert.id)).status == "cancelled"
    # Deleting again is idempotent.
    assert await store.delete("u1", alert.id) == cancelled
    assert await _index_state(redis, "P1") == (set(), set())


async def test_unknown_or_malformed_ids_are_not_found(store: PriceAlertStore) -> None:
    for alert_id in ("al_missing1", "", "x:../../cart:u1", "al_" + "a" * 100):
        with pytest.raises(NotFoundError):
            await store.get("u1", alert_id)
        with pytest.raises(NotFoundError):
            await store.delete("u1", alert_id)
        assert await store.mark_triggered(alert_id, USD_100, T0) is None
        assert await store.record_check(alert_id, USD_100, T0) is None


async def test_delete_all(store: PriceAlertStore, redis: RedisConnection) -> None:
    a = await store.create("u1", "P1", "Watch", USD_100)
    await store.create("u1", "P2", "Mug", USD_100)
    await store.create("u1", "P2", "Mug", JPY_10000)
    other = await store.create("u2", "P1", "Watch", USD_100)
    await store.delete("u1", a.id)
    assert await store.delete_all("u1") == 2
    assert await store.delete_all("u1") == 0
    assert await store.list("u1") == []
    assert {x.status for x in await store.list("u1", include_inactive=True)} == {"cancelled"}
    assert len(await store.list("u1", include_inactive=True)) == 3
    # The other user's alert and its indexes are untouched.
    assert await store.list("u2") == [other]
    assert await _index_state(redis, "P1") == ({other.id}, {"P1"})
    assert await _index_state(redis, "P2") == (set(), {"P1"})


# ---------------------------------------------------------------------------- ownership


async def test_another_user_cannot_see_or_delete_an_alert(store: PriceAlertStore) -> None:
    alert = await store.create("alice", "P1", "Watch", USD_100)
    with pytest.raises(NotFoundError) as theirs:
        await store.get("bob", alert.id)
    with pytest.raises(NotFoundError) as missing:
        await store.get("bob", "al_nosuchid")
    # Same message either way: nothing tells Bob the id exists.
    assert theirs.value.message == missing.value.message
    with pytest.raises(NotFoundError):
        await store.delete("bob", alert.id)
    assert await store.delete_all("bob") == 0
    assert await store.list("bob", include_inactive=True) == []
    assert (await store.get("alice", alert.id)).status == "active"


# ---------------------------------------------------------------------------- dedupe and limits


async def test_replace_changes_the_users_alert_on_the_product(
    store: PriceAlertStore, redis: RedisConnection
) -> None:
    old = await store.create("u1", "P1", "Watch", USD_100)
    kept = await store.create("u1", "P2", "Mug", USD_100)
    theirs = await store.create("u2", "P1", "Watch", USD_100)
    changed = await store.create("u1", "P1", "Watch", USD_99_99, replace=True)
    active = {a.id for a in await store.list("u1")}
    assert active == {changed.id, kept.id}  # the old target went, the other product stayed
    assert (await store.get("u1", old.id)).status == "cancelled"
    assert {a.id for a in await store.active_for_product("P1")} == {changed.id, theirs.id}
    # Asking for the target an active alert already has keeps it and drops the rest.
    extra = await store.create("u1", "P1", "Watch", USD_100)
    assert await store.create("u1", "P1", "Watch", USD_99_99, replace=True) == changed
    assert (await store.get("u1", extra.id)).status == "cancelled"


async def test_identical_active_alert_is_deduplicated(store: PriceAlertStore) -> None:
    first = await store.create("u1", "P1", "Watch", USD_100)
    assert await store.create("u1", "P1", "Watch (new name)", Money("USD", 100, 0)) == first
    # Any difference makes a new alert.
    different = [
        await store.create("u1", "P1", "Watch", USD_100, "below"),
        await store.create("u1", "P1", "Watch", USD_99_99),
        await store.create("u1", "P2", "Watch", USD_100),
        await store.create("u2", "P1", "Watch", USD_100),
    ]
    assert len({first.id, *(a.id for a in different)}) == 5
    assert len(await store.list("u1")) == 4
    # Once cancelled, the same alert can be created again (as a new one).
    await store.delete("u1", first.id)
    again = await store.create("u1", "P1", "Watch", USD_100)
    assert again.id != first.id


async def test_concurrent_identical_creates_make_one_alert(store: PriceAlertStore) -> None:
    alerts = await asyncio.gather(*(store.create("u1", "P1", "Watch", USD_100) for _ in range(20)))
    assert len({a.id for a in alerts}) == 1
    assert len(await store.list("u1", include_inactive=True)) == 1


async def test_limit_of_active_alerts(redis: RedisConnection) -> None:
    store = PriceAlertStore(redis, max_per_user=3)
    made = [await store.create("u1", f"P{i}", "Thing", USD_100) for i in range(3)]
    with pytest.raises(TooManyAlertsError) as exc:
        await store.create("u1", "P9", "Thing", USD_100)
    assert exc.value.code == "too_many_alerts"
    assert isinstance(exc.value, BadRequestError)
    assert "3" in exc.value.message
    # A duplicate of an existing alert is not a new one, so it is still answered.
    assert await store.create("u1", "P0", "Thing", USD_100) == made[0]
    # Other users have their own allowance.
    await store.create("u2", "P9", "Thing", USD_100)
    # Cancelled and triggered alerts do not count.
    await store.delete("u1", made[0].id)
    await store.mark_triggered(made[1].id, USD_100, T0)
    await store.create("u1", "P7", "Thing", USD_100)
    await store.create("u1", "P8", "Thing", USD_100)
    with pytest.raises(TooManyAlertsError):
        await store.create("u1", "P9", "Thing", USD_100)


async def test_limit_holds_under_concurrent_creates(redis: RedisConnection) -> None:
    store = PriceAlertStore(redis, max_per_user=3)
    results = await asyncio.gather(
        *(store.create("u1", f"P{i}", "Thing", USD_100) for i in range(12)),
        return_exceptions=True,
    )
    created = [r for r in results if isinstance(r, PriceAlert)]
    refused = [r for r in results if isinstance(r, TooManyAlertsError)]
    assert (len(created), len(refused)) == (3, 9)
    assert len(await store.list("u1", include_inactive=True)) == 3
    assert await store.products_with_active_alerts() == sorted(a.product_id for a in created)


@pytest.mark.parametrize(
    "target", [Money("USD", 0, 0), Money("USD", -1, 0), Money("USD", 0, -1), Money("JPY", 0, 0)]
)
async def test_non_positive_target_is_refused(store: PriceAlertStore, target: Money) -> None:
    with pytest.raises(BadRequestError):
        await store.create("u1", "P1", "Watch", target)
    assert await store.list("u1", include_inactive=True) == []


async def test_other_bad_requests(store: PriceAlertStore) -> None:
    with pytest.raises(BadRequestError):
        await store.create("", "P1", "Watch", USD_100)
    with pytest.raises(BadRequestError):
        await store.create("u1", "", "Watch", USD_100)
    with pytest.raises(BadRequestError):
        await store.create("u1", "P1", "Watch", USD_100, "above")  # type: ignore[arg-type]
    with pytest.raises(BadRequestError):
        await store.create("u1", "P1", "Watch", USD_100, note="x" * 501)
    with pytest.raises(BadRequestError):
        await store.mark_triggered("al_whatever", USD_100, datetime(2025, 1, 1))


# ---------------------------------------------------------------------------- exact money


@pytest.mark.parametrize(
    "target",
    [USD_99_99, JPY_10000, Money("EUR", 0, 1), Money("USD", 9_007_199_254_740_993, 999_999_999)],
)
async def test_money_round_trips_exactly(
    store: PriceAlertStore, redis: RedisConnection, target: Money
) -> None:
    alert = await store.create("u1", "P1", "Watch", target)
    stored = await store.get("u1", alert.id)
    assert stored.target == target
    assert isinstance(stored.target, Money)
    raw = json.loads(await redis.client.get(redis.keys.key("alerts", "alert", alert.id)))
    assert raw["target"] == target.to_dict()
    triggered = await store.mark_triggered(alert.id, target, T0)
    assert triggered is not None
    assert (await store.get("u1", alert.id)).last_seen_price == target


def test_model_round_trip_and_strict_money() -> None:
    alert = PriceAlert(
        id="al_abcdefgh",
        user_id="u1",
        product_id="P1",
        product_name="Watch",
        target=USD_99_99,
        created_at=T0,
        last_seen_price=JPY_10000,
    )
    dumped = alert.model_dump()
    assert dumped["target"] == {"currency_code": "USD", "units": 99, "nanos": 990_000_000}
    assert PriceAlert.model_validate(dumped) == alert
    assert PriceAlert.model_validate_json(alert.model_dump_json()) == alert
    assert "target" in PriceAlert.model_json_schema()["properties"]
    for bad in (
        {"currency_code": "USD", "units": 99.99, "nanos": 0},  # a float would be truncated
        {"currency_code": "usd", "units": 1, "nanos": 0},
        {"currency_code": "USD", "units": 1, "nanos": -5},
        "USD 99.99",
    ):
        with pytest.raises(ValueError):
            PriceAlert.model_validate({**dumped, "target": bad})


def test_is_met_by() -> None:
    base = {"id": "al_x", "user_id": "u", "product_id": "P", "product_name": "W"}
    at_or_below = PriceAlert(**base, target=USD_100, created_at=T0)
    below = PriceAlert(**base, target=USD_100, direction="below", created_at=T0)
    assert at_or_below.is_met_by(USD_100) and at_or_below.is_met_by(USD_99_99)
    assert not below.is_met_by(USD_100) and below.is_met_by(USD_99_99)
    assert not at_or_below.is_met_by(Money("USD", 100, 1))
    with pytest.raises(MoneyError):
        at_or_below.is_met_by(JPY_10000)


# ---------------------------------------------------------------------------- trigger and checks


async def test_mark_triggered_only_once_under_concurrency(
    store: PriceAlertStore, redis: RedisConnection
) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    results = await asyncio.gather(
        *(store.mark_triggered(alert.id, USD_99_99, T0 + timedelta(seconds=i)) for i in range(20))
    )
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    won = winners[0]
    assert won.status == "triggered"
    assert won.last_seen_price == USD_99_99
    assert won.triggered_at is not None and won.triggered_at == won.last_checked_at
    assert await store.get("u1", alert.id) == won
    assert await store.mark_triggered(alert.id, USD_99_99, T0) is None
    assert await _index_state(redis, "P1") == (set(), set())
    assert await store.active_for_product("P1") == []
    assert await store.list("u1") == []
    assert await store.list("u1", include_inactive=True) == [won]
    # Deleting a triggered alert leaves it as it is.
    assert await store.delete("u1", alert.id) == won


async def test_cancelled_alert_never_triggers(store: PriceAlertStore) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    await store.delete("u1", alert.id)
    assert await store.mark_triggered(alert.id, USD_99_99, T0) is None
    assert (await store.get("u1", alert.id)).status == "cancelled"


async def test_cancel_and_trigger_race_leaves_one_outcome(
    store: PriceAlertStore, redis: RedisConnection
) -> None:
    alerts = [await store.create(f"u{i}", "P1", "Watch", USD_100) for i in range(10)]
    await asyncio.gather(
        *(store.delete(a.user_id, a.id) for a in alerts),
        *(store.mark_triggered(a.id, USD_99_99, T0) for a in alerts),
    )
    for a in alerts:
        assert (await store.get(a.user_id, a.id)).status in ("cancelled", "triggered")
    assert await _index_state(redis, "P1") == (set(), set())


async def test_indexes_follow_active_alerts(store: PriceAlertStore, redis: RedisConnection) -> None:
    a = await store.create("u1", "P1", "Watch", USD_100)
    b = await store.create("u2", "P1", "Watch", USD_99_99, "below")
    c = await store.create("u2", "P2", "Mug", JPY_10000)
    assert await store.products_with_active_alerts() == ["P1", "P2"]
    assert await store.active_for_product("P1") == [a, b]
    assert await _index_state(redis, "P1") == ({a.id, b.id}, {"P1", "P2"})

    await store.delete("u1", a.id)
    assert await store.active_for_product("P1") == [b]
    assert await store.products_with_active_alerts() == ["P1", "P2"]

    await store.mark_triggered(b.id, USD_99_99, T0)
    assert await store.active_for_product("P1") == []
    assert await store.products_with_active_alerts() == ["P2"]

    await store.delete("u2", c.id)
    assert await store.products_with_active_alerts() == []
    assert await store.active_for_product("P2") == []
    assert await _index_state(redis, "P2") == (set(), set())


async def test_record_check(store: PriceAlertStore) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    checked = await store.record_check(alert.id, Money("USD", 120, 500_000_000), T0)
    assert checked is not None
    assert checked.status == "active"
    assert checked.last_checked_at == T0
    assert checked.last_seen_price == Money("USD", 120, 500_000_000)
    assert await store.get("u1", alert.id) == checked
    assert await store.active_for_product("P1") == [checked]
    # Only active alerts are updated: history stays as it was.
    await store.delete("u1", alert.id)
    assert await store.record_check(alert.id, USD_99_99, T0 + timedelta(hours=1)) is None
    assert (await store.get("u1", alert.id)).last_seen_price == Money("USD", 120, 500_000_000)


async def test_naive_timestamps_are_refused(store: PriceAlertStore) -> None:
    alert = await store.create("u1", "P1", "Watch", USD_100)
    naive = datetime(2025, 1, 1, 12, 0)
    with pytest.raises(BadRequestError):
        await store.record_check(alert.id, USD_100, naive)
    with pytest.raises(BadRequestError):
        await store.mark_triggered(alert.id, USD_100, naive)
    assert (await store.get("u1", alert.id)).status == "active"


# ---------------------------------------------------------------------------- history


async def test_history_expires_and_active_alerts_do_not(
    store: PriceAlertStore, redis: RedisConnection
) -> None:
    active = await store.create("u1", "P1", "Watch", USD_100)
    gone = await store.create("u1", "P2", "Mug", USD_100)
    await store.delete("u1", gone.id)
    client, keys = redis.client, redis.keys
    assert await client.ttl(keys.key("alerts", "alert", active.id)) == -1
    assert 0 < await client.ttl(keys.key("alerts", "alert", gone.id)) <= 30 * 86400
    # When the history record expires, listing drops its id from the user's index.
    await client.delete(keys.key("alerts", "alert", gone.id))
    assert await store.list("u1", include_inactive=True) == [active]
    assert await client.zrange(keys.key("alerts", "user", "u1"), 0, -1) == [active.id]


async def test_history_can_be_kept_forever(redis: RedisConnection) -> None:
    store = PriceAlertStore(redis, history_ttl=None)
    alert = await store.create("u1", "P1", "Watch", USD_100)
    await store.mark_triggered(alert.id, USD_100, T0)
    assert await redis.client.ttl(redis.keys.key("alerts", "alert", alert.id)) == -1


async def test_keys_live_under_the_prefix(
    store: PriceAlertStore, redis: RedisConnection, key_prefix: str
) -> None:
    await store.create("u1", "P1", "Watch", USD_100)
    found = {k async for k in redis.client.scan_iter(match="*alerts*")}
    assert found and all(k.startswith(key_prefix) for k in found)


# ---------------------------------------------------------------------------- failures


async def test_redis_down_is_unavailable() -> None:
    async with open_redis(
        f"redis://127.0.0.1:{free_port()}", "t:", timeout_s=0.2, check=False
    ) as conn:
        store = PriceAlertStore(conn)
        with pytest.raises(UnavailableError) as exc:
            await store.create("u1", "P1", "Watch", USD_100)
        assert "price alert store" in exc.value.message
        with pytest.raises(UnavailableError):
            await store.list("u1")
        with pytest.raises(UnavailableError):
            await store.mark_triggered("al_abcdefgh", USD_100, T0)
