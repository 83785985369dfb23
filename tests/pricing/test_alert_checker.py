"""The price-alert checker: one leader, alerts fire once, notifications reach the gateway."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import Any

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from cartmate.gateway.app import create_app
from cartmate.money import Money
from cartmate.pricing.alert_checker import (
    AlertChecker,
    LeaderLock,
    SeenPrice,
    boutique_price_source,
    open_alert_checker,
)
from cartmate.store.redis_client import RedisConnection
from tests.gateway.conftest import Client
from tests.pricing.fake_perplexity import FakePerplexity
from tests.servers import serve

WATCH = "1YMWWN1N4O"  # $109.99 in the bundled catalog


@dataclass
class Outbox:
    """A `notify` that records what it was handed."""

    sent: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    async def __call__(self, user_id: str, kind: str, **fields: Any) -> int:
        self.sent.append((user_id, kind, fields))
        return 1


def fixed(amount: Money) -> Any:
    async def source(product_id: str, currency: str) -> SeenPrice | None:
        return SeenPrice(amount, "Acme", "https://acme.example/watch")

    return source


async def test_the_lock_has_one_holder(redis: RedisConnection) -> None:
    first, second = LeaderLock(redis, "t", 5), LeaderLock(redis, "t", 5)
    assert await first.acquire_or_renew() and not await second.acquire_or_renew()
    assert await first.acquire_or_renew()  # renewing is fine
    await first.release()
    assert await second.acquire_or_renew()


async def test_two_checkers_one_leader_then_failover(
    services: AgentServices, redis: RedisConnection
) -> None:
    source, outbox = fixed(Money("USD", 200, 0)), Outbox()
    checkers = [
        AlertChecker(services.alerts, redis, source, outbox, interval_s=60, lock_ttl_s=1)
        for _ in range(2)
    ]
    for checker in checkers:
        await checker.start()
    try:
        await asyncio.sleep(0.5)
        assert sorted(c.is_leader for c in checkers) == [False, True]
        leader = next(c for c in checkers if c.is_leader)
        other = next(c for c in checkers if not c.is_leader)
        await leader.stop()  # releases the lock: the other takes over at its next renewal
        for _ in range(40):
            if other.is_leader:
                break
            await asyncio.sleep(0.05)
        assert other.is_leader
    finally:
        for checker in checkers:
            await checker.stop()


async def test_an_alert_fires_once(services: AgentServices, redis: RedisConnection) -> None:
    watch = await services.boutique.catalog.get_product(WATCH)
    alert = await services.alerts.create("ann", WATCH, watch.name, Money("USD", 100, 0))
    waiting = await services.alerts.create("bob", WATCH, watch.name, Money("USD", 50, 0))
    outbox = Outbox()
    checkers = [
        AlertChecker(services.alerts, redis, fixed(Money("USD", 95, 0)), outbox) for _ in range(2)
    ]
    # Even two checkers racing (say, during a leadership change) deliver it once.
    fired = await asyncio.gather(*(c.check_once() for c in checkers))
    assert [a.id for a in fired[0] + fired[1]] == [alert.id]
    assert await checkers[0].check_once() == []
    [(user, kind, fields)] = outbox.sent
    assert (user, kind) == ("ann", "price_alert")
    assert fields["alert_id"] == alert.id and fields["product_id"] == WATCH
    assert fields["product_name"] == "Watch" and fields["display_price"] == "$95.00"
    assert fields["price"] == {"currency_code": "USD", "units": 95, "nanos": 0}
    assert fields["target"] == {"currency_code": "USD", "units": 100, "nanos": 0}
    [still] = await services.alerts.active_for_product(WATCH)
    assert still.id == waiting.id and still.last_seen_price == Money("USD", 95, 0)


async def test_boutique_price_in_the_alerts_currency(services: AgentServices) -> None:
    watch = await services.boutique.catalog.get_product(WATCH)
    euro = await services.boutique.currency.convert(watch.price_usd, "EUR")
    met = await services.alerts.create("ann", WATCH, watch.name, euro)
    unmet = await services.alerts.create("bob", WATCH, watch.name, Money("USD", 100, 0))
    outbox = Outbox()
    source = boutique_price_source(services.boutique)
    checker = AlertChecker(services.alerts, services.redis, source, outbox)
    assert [a.id for a in await checker.check_once()] == [met.id]
    assert outbox.sent[0][2]["price"]["currency_code"] == "EUR"
    assert outbox.sent[0][2]["retailer"] == "Online Boutique"
    [left] = await services.alerts.active_for_product(WATCH)
    assert left.id == unmet.id


async def test_a_failing_notify_does_not_stop_the_checker(services: AgentServices) -> None:
    for user in ("ann", "bob"):
        await services.alerts.create(user, WATCH, "Watch", Money("USD", 100, 0))

    async def broken(user_id: str, kind: str, **fields: Any) -> int:
        raise RuntimeError("gateway down")

    checker = AlertChecker(services.alerts, services.redis, fixed(Money("USD", 90, 0)), broken)
    assert len(await checker.check_once()) == 2


async def test_the_gateway_delivers_live_and_after_reconnect(settings: Settings) -> None:
    app = create_app(settings)
    async with serve(app, lifespan="on") as url:
        gateway = app.state.gateway
        client = await Client.connect(url)
        session = await client.recv()
        services: AgentServices = gateway.services
        alert = await services.alerts.create(
            session["user_id"], WATCH, "Watch", Money("USD", 100, 0)
        )
        drop = fixed(Money("USD", 95, 0))
        async with open_alert_checker(
            services, gateway.notify, start=False, price_source=drop
        ) as checker:
            assert [a.id for a in await checker.check_once()] == [alert.id]
        live = await client.recv()
        assert live["type"] == "notification" and live["kind"] == "price_alert"
        assert live["alert_id"] == alert.id and live["display_price"] == "$95.00"
        await client.close()
        back = await Client.connect(
            url, session_id=session["session_id"], token=session["token"], last_seq=0
        )
        assert (await back.recv())["resumed"] is True
        again = await back.recv()
        assert again["type"] == "notification" and again["alert_id"] == alert.id
        await back.close()


async def test_an_external_offer_below_the_target_fires(
    configured: AgentServices, fake: FakePerplexity
) -> None:
    services = replace(
        configured,
        settings=configured.settings.model_copy(update={"price_alert_use_external": True}),
    )
    alert = await services.alerts.create("ann", WATCH, "Watch", Money("USD", 100, 0))
    outbox = Outbox()
    async with open_alert_checker(services, outbox, start=False) as checker:
        assert [a.id for a in await checker.check_once()] == [alert.id]
    [(_, _, fields)] = outbox.sent
    assert fields["retailer"] == "Acme Watches" and fields["display_price"] == "$99.50"
    assert fields["url"] == "https://www.acme-watches.example/classic-watch"
