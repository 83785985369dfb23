"""The price-alert checker: one leader across replicas re-checks prices on a schedule.

Every replica may run a checker; only the holder of a Redis lock (`SET NX PX` with a random
token, renewed every third of its TTL, released on stop) checks. If the leader dies its lock
expires and another replica takes over within one TTL. Each check walks the products with
active alerts, asks a price source for the current price in each alert's currency (Online
Boutique's, optionally the best external offer), fires the alerts it meets through
`PriceAlertStore.mark_triggered` (atomic: an alert fires once even if two checkers race) and
hands each fired alert to `notify(user_id, "price_alert", **fields)` (`Gateway.notify`).
Checks are spaced by the interval plus or minus a random jitter so replicas and restarts do
not hit the services in lockstep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cartmate.agent_runtime.services import AgentServices
from cartmate.boutique.clients import BoutiqueClients
from cartmate.errors import CartMateError
from cartmate.money import Money
from cartmate.pricing.comparison import BOUTIQUE
from cartmate.pricing.finder import OfferFinder
from cartmate.pricing.perplexity import build_client
from cartmate.store.price_alerts import PriceAlert, PriceAlertStore
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = [
    "AlertChecker",
    "LeaderLock",
    "Notify",
    "PriceSource",
    "SeenPrice",
    "boutique_price_source",
    "open_alert_checker",
]

log = logging.getLogger(__name__)

# Take the lock when free, extend it when ours; never touch another holder's.
_ACQUIRE_OR_RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


@dataclass(frozen=True)
class SeenPrice:
    """A current price and where it is offered."""

    price: Money
    retailer: str = BOUTIQUE
    url: str | None = None


PriceSource = Callable[[str, str], Awaitable[SeenPrice | None]]
"""`await source(product_id, currency)`: the price to judge alerts by, None if unknown."""

Notify = Callable[..., Awaitable[Any]]
"""`await notify(user_id, kind, **fields)`, as `Gateway.notify`."""


class LeaderLock:
    """A lease in Redis held by at most one process at a time."""

    def __init__(self, redis: RedisConnection, name: str, ttl_s: float) -> None:
        self._key = redis.keys.key("lock", name)
        self._token = secrets.token_hex(16)
        self._ttl_ms = max(1, int(ttl_s * 1000))
        self._acquire = redis.client.register_script(_ACQUIRE_OR_RENEW)
        self._release = redis.client.register_script(_RELEASE)

    async def acquire_or_renew(self) -> bool:
        """Take the lock if it is free, extend it if it is ours; whether we hold it now."""
        with redis_errors("leader lock"):
            return bool(await self._acquire(keys=[self._key], args=[self._token, self._ttl_ms]))

    async def release(self) -> None:
        """Give the lock up at once (if still ours), so another replica need not wait."""
        with redis_errors("leader lock"):
            await self._release(keys=[self._key], args=[self._token])


def boutique_price_source(
    boutique: BoutiqueClients, finder: OfferFinder | None = None
) -> PriceSource:
    """Online Boutique's price in the alert's currency, or a cheaper external offer.

    Args:
        boutique: The Online Boutique clients.
        finder: When given, the cheapest credible offer elsewhere (not known out of stock)
            counts too when it is lower (each check then costs Perplexity requests).
    """

    async def current(product_id: str, currency: str) -> SeenPrice | None:
        product = await boutique.catalog.get_product(product_id)
        ours = await boutique.currency.convert(product.price_usd, currency)
        if finder is not None:
            external = await finder.find(product, currency, ours)
            offers = [q for q in external.offers if q.in_stock is not False]
            if offers and offers[0].price < ours:
                return SeenPrice(offers[0].price, offers[0].retailer, offers[0].url)
        return SeenPrice(ours)

    return current


class AlertChecker:
    """Re-checks the prices of products with active alerts while it leads."""

    def __init__(
        self,
        alerts: PriceAlertStore,
        redis: RedisConnection,
        price_source: PriceSource,
        notify: Notify,
        *,
        interval_s: float = 300.0,
        jitter_s: float = 30.0,
        lock_ttl_s: float = 30.0,
        lock_name: str = "price-alert-checker",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._alerts = alerts
        self._price_source = price_source
        self._notify = notify
        self._interval_s = interval_s
        self._jitter_s = min(jitter_s, interval_s / 2)
        self._lock_ttl_s = lock_ttl_s
        self._lock = LeaderLock(redis, lock_name, lock_ttl_s)
        self._clock = clock
        self._leading = False
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def is_leader(self) -> bool:
        """Whether this checker held the lock at its last renewal."""
        return self._leading

    async def start(self) -> None:
        """Start competing for leadership and checking (in background tasks)."""
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._keep_lock(), name="alert-checker-lock"),
                asyncio.create_task(self._schedule(), name="alert-checker"),
            ]

    async def stop(self) -> None:
        """Stop checking and give the lock up so another replica takes over at once."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._leading:
            self._leading = False
            with contextlib.suppress(CartMateError):
                await self._lock.release()

    async def check_once(self) -> list[PriceAlert]:
        """Check every active alert once; the alerts that fired (each notified once)."""
        fired: list[PriceAlert] = []
        for product_id in await self._alerts.products_with_active_alerts():
            try:
                fired += await self._check_product(product_id)
            except CartMateError as exc:
                # One product's failure (gone from the catalog, a service down) skips it only.
                log.warning(
                    "price alert check failed",
                    extra={"product_id": product_id, "error": exc.code},
                )
        return fired

    async def _check_product(self, product_id: str) -> list[PriceAlert]:
        now = self._clock()
        seen: dict[str, SeenPrice | None] = {}
        fired = []
        for alert in await self._alerts.active_for_product(product_id):
            currency = alert.target.currency_code
            if currency not in seen:
                seen[currency] = await self._price_source(product_id, currency)
            current = seen[currency]
            if current is None:
                continue
            if not alert.is_met_by(current.price):
                await self._alerts.record_check(alert.id, current.price, now)
                continue
            triggered = await self._alerts.mark_triggered(alert.id, current.price, now)
            if triggered is not None:  # None: another checker fired it first
                fired.append(triggered)
                await self._deliver(triggered, current)
        return fired

    async def _deliver(self, alert: PriceAlert, current: SeenPrice) -> None:
        fields: dict[str, Any] = {
            "alert_id": alert.id,
            "product_id": alert.product_id,
            "product_name": alert.product_name,
            "price": current.price.to_dict(),
            "display_price": current.price.format(),
            "target": alert.target.to_dict(),
            "display_target": alert.target.format(),
            "retailer": current.retailer,
            "url": current.url,
        }
        try:
            await self._notify(alert.user_id, "price_alert", **fields)
        except Exception:
            # The alert stays triggered (it must not fire twice); the failure is logged.
            log.exception("price alert notification failed", extra={"alert_id": alert.id})

    async def _keep_lock(self) -> None:
        while True:
            try:
                leading = await self._lock.acquire_or_renew()
            except CartMateError:
                leading = False  # Redis unreachable: assume someone else may lead
            if leading != self._leading:
                log.info("price alert checker leadership", extra={"leading": leading})
            self._leading = leading
            await asyncio.sleep(self._lock_ttl_s / 3)

    async def _schedule(self) -> None:
        # A first check soon after start, spread by the jitter across replicas and restarts.
        await asyncio.sleep(random.uniform(0, self._jitter_s) + 0.05)
        while True:
            if self._leading:
                try:
                    fired = await self.check_once()
                except CartMateError as exc:
                    log.warning("price alert check failed", extra={"error": exc.code})
                else:
                    if fired:
                        log.info("price alerts fired", extra={"count": len(fired)})
            jitter = random.uniform(-self._jitter_s, self._jitter_s)
            await asyncio.sleep(max(0.05, self._interval_s + jitter))


@contextlib.asynccontextmanager
async def open_alert_checker(
    services: AgentServices,
    notify: Notify,
    *,
    start: bool = True,
    price_source: PriceSource | None = None,
) -> AsyncIterator[AlertChecker]:
    """A checker configured from the settings, running until the block ends.

    With CARTMATE_PRICE_ALERT_USE_EXTERNAL and a Perplexity key, external offers count too.
    For a gateway lifespan: `async with open_alert_checker(services, gateway.notify): ...`.

    Args:
        services: The process's services (alerts, Redis, Online Boutique, settings).
        notify: Where fired alerts go (`Gateway.notify`).
        start: Start the background tasks (False: call `check_once` yourself).
        price_source: Overrides the default price source (Online Boutique, maybe external).
    """
    settings = services.settings
    client = build_client(settings, services.redis) if settings.price_alert_use_external else None
    finder = (
        OfferFinder(client, services.boutique.currency, max_offers=settings.perplexity_max_offers)
        if client is not None
        else None
    )
    checker = AlertChecker(
        services.alerts,
        services.redis,
        price_source or boutique_price_source(services.boutique, finder),
        notify,
        interval_s=settings.price_alert_check_interval_s,
        jitter_s=settings.price_alert_check_jitter_s,
        lock_ttl_s=settings.price_alert_leader_ttl_s,
    )
    try:
        if start:
            await checker.start()
        yield checker
    finally:
        await checker.stop()
        if client is not None:
            await client.aclose()
