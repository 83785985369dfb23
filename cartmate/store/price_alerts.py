"""Price alerts per user, in Redis: "tell me when the watch is under $100".

A shopper creates alerts; a checker scans the active alerts of each product and fires the ones
whose target the current price meets. Layout (all under the connection's key prefix):

- `alerts:alert:<id>`: the alert as JSON (`PriceAlert`). Active alerts never expire; cancelled
  and triggered ones are kept as history for `history_ttl` (30 days by default).
- `alerts:user:<user_id>`: sorted set of the user's alert ids (active and history), scored by
  creation time in microseconds.
- `alerts:product:<product_id>`: set of the ids of the product's *active* alerts.
- `alerts:products`: set of the product ids that have at least one active alert.

Every change touching more than one key runs in one MULTI/EXEC under WATCH (optimistic
locking, retried on conflict), so the indexes never disagree with the records, the per-user
limit and the deduplication hold under concurrent requests, and an alert triggers only once.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import random
import re
import secrets
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
)
from redis.asyncio.client import Pipeline
from redis.exceptions import WatchError

from cartmate.errors import BadRequestError, ConflictError, NotFoundError
from cartmate.money import Money
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = [
    "AlertDirection",
    "AlertStatus",
    "MoneyField",
    "PriceAlert",
    "PriceAlertStore",
    "TooManyAlertsError",
]

log = logging.getLogger(__name__)

AlertDirection = Literal["below", "at_or_below"]
AlertStatus = Literal["active", "triggered", "cancelled"]

_WHAT = "price alert store"
_ID_PREFIX = "al_"
# Ids we issue are "al_" + 8 url-safe characters; anything else cannot name an alert, so it is
# rejected before it reaches a key (no probing of other keys through crafted ids).
_ID_RE = re.compile(r"^al_[A-Za-z0-9_-]{1,64}$")
_MAX_ATTEMPTS = 25
_MAX_NOTE_CHARS = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Removes an id from a product's active set and, when that leaves it empty, the product from
# the set of products with alerts. Queued inside MULTI, so it runs atomically with the record
# update without having to WATCH the (shared, busy) product sets.
_UNINDEX_LUA = """
redis.call('SREM', KEYS[1], ARGV[1])
if redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[2])
end
return 1
"""

T = TypeVar("T")


# ---------------------------------------------------------------------------- Money for pydantic


def _money_from_wire(value: Any) -> Money:
    """A `Money`, or its `{currency_code, units, nanos}` dict, validated strictly."""
    if isinstance(value, Money):
        return value
    if not isinstance(value, Mapping):
        raise ValueError("expected Money or a {currency_code, units, nanos} object")
    units, nanos = value.get("units", 0), value.get("nanos", 0)
    # Money.from_dict would int() a float and silently truncate it; amounts must be exact.
    for name, part in (("units", units), ("nanos", nanos)):
        if isinstance(part, bool) or not isinstance(part, int):
            raise ValueError(f"{name} must be an integer")
    return Money.from_dict(value)  # MoneyError is a ValueError: pydantic reports it


def _money_to_wire(value: Money) -> dict[str, Any]:
    return value.to_dict()


MoneyField = Annotated[
    Money,
    PlainValidator(_money_from_wire),
    PlainSerializer(_money_to_wire, return_type=dict[str, Any]),
    WithJsonSchema(
        {
            "type": "object",
            "properties": {
                "currency_code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                "units": {"type": "integer"},
                "nanos": {"type": "integer", "minimum": -999999999, "maximum": 999999999},
            },
            "required": ["currency_code", "units", "nanos"],
        }
    ),
]
"""A pydantic field type holding `cartmate.money.Money`, stored as `Money.to_dict()`; exact."""


# ---------------------------------------------------------------------------- model and errors


class TooManyAlertsError(BadRequestError):
    """The user already has as many active price alerts as allowed."""

    code = "too_many_alerts"


class PriceAlert(BaseModel):
    """One shopper's price alert on one product.

    Attributes:
        id: Short url-safe id, `al_` followed by 8 characters.
        user_id: The owner; only they can see or cancel it.
        product_id: The Online Boutique product watched.
        product_name: The product's name when the alert was created (for messages).
        target: The price to reach.
        direction: `at_or_below` fires when price <= target, `below` when price < target.
        status: `active` until it is `triggered` (once) or `cancelled`.
        created_at: When it was created (UTC).
        triggered_at: When it fired, if it has.
        last_checked_at: When the checker last looked at the price, if ever.
        last_seen_price: The price the checker last saw, if any.
        note: An optional note from the shopper.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    user_id: str
    product_id: str
    product_name: str
    target: MoneyField
    direction: AlertDirection = "at_or_below"
    status: AlertStatus = "active"
    created_at: AwareDatetime
    triggered_at: AwareDatetime | None = None
    last_checked_at: AwareDatetime | None = None
    last_seen_price: MoneyField | None = None
    note: str | None = None

    @property
    def is_active(self) -> bool:
        """Whether the alert is still waiting for its price."""
        return self.status == "active"

    def is_met_by(self, price: Money) -> bool:
        """Whether `price` satisfies this alert's target and direction.

        Args:
            price: The product's current price, in the target's currency.

        Returns:
            True when the alert should fire at this price.

        Raises:
            MoneyError: `price` is in another currency than the target.
        """
        return price < self.target if self.direction == "below" else price <= self.target


# ---------------------------------------------------------------------------- store


def _utc(at: datetime) -> datetime:
    """`at` in UTC; naive datetimes are refused rather than guessed at."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise BadRequestError("Timestamps must be timezone-aware.")
    return at.astimezone(UTC)


def _score(at: datetime) -> int:
    """Integer microseconds since the epoch: exact as a Redis score (< 2**53)."""
    return (at - _EPOCH) // timedelta(microseconds=1)


def _new_id() -> str:
    return _ID_PREFIX + secrets.token_urlsafe(6)


def _now() -> datetime:
    return datetime.now(UTC)


class PriceAlertStore:
    """Creates, lists, cancels and triggers price alerts kept in Redis.

    Args:
        redis: The process's Redis connection (borrowed, not closed here).
        max_per_user: How many *active* alerts one user may have.
        history_ttl: How long cancelled and triggered alerts stay listable (None: forever).
        clock: Returns the current time (aware); tests may pass a fake one.
    """

    _not_found: ClassVar[str] = "No such price alert."

    def __init__(
        self,
        redis: RedisConnection,
        max_per_user: int = 20,
        *,
        history_ttl: timedelta | None = timedelta(days=30),
        clock: Callable[[], datetime] = _now,
    ) -> None:
        if max_per_user < 1:
            raise ValueError("max_per_user must be at least 1")
        if history_ttl is not None and history_ttl < timedelta(seconds=1):
            raise ValueError("history_ttl must be at least one second (or None)")
        self._redis = redis
        self._client = redis.client
        self.max_per_user = max_per_user
        self._history_ttl_s = None if history_ttl is None else int(history_ttl.total_seconds())
        self._clock = clock

    # ------------------------------------------------------------------------ keys

    def _alert_key(self, alert_id: str) -> str:
        return self._redis.keys.key("alerts", "alert", alert_id)

    def _user_key(self, user_id: str) -> str:
        return self._redis.keys.key("alerts", "user", user_id)

    def _product_key(self, product_id: str) -> str:
        return self._redis.keys.key("alerts", "product", product_id)

    def _products_key(self) -> str:
        return self._redis.keys.key("alerts", "products")

    # ------------------------------------------------------------------------ public API

    async def create(
        self,
        user_id: str,
        product_id: str,
        product_name: str,
        target: Money,
        direction: AlertDirection = "at_or_below",
        *,
        note: str | None = None,
        replace: bool = False,
    ) -> PriceAlert:
        """Create an active alert, or return the identical active one the user already has.

        Args:
            user_id: The shopper.
            product_id: The product to watch.
            product_name: Its display name, kept for messages.
            target: The price to reach; must be positive.
            direction: `at_or_below` (default) or `below`.
            note: An optional note (at most 500 characters).
            replace: Change the user's alert on this product: their other active alerts on
                it are cancelled in the same transaction ("change the hairdryer one to 18").

        Returns:
            The new alert, or the existing active alert with the same product, target and
            direction (creating is idempotent).

        Raises:
            BadRequestError: Empty ids, a non-positive target, an unknown direction or a long
                note.
            TooManyAlertsError: The user already has `max_per_user` active alerts.
            ConflictError: Too many concurrent changes to this user's alerts; retry.
            UnavailableError: Redis cannot be reached.
        """
        if not user_id or not product_id:
            raise BadRequestError("A price alert needs a user and a product.")
        if not isinstance(target, Money):
            raise BadRequestError("The target price must be an amount of money.")
        if target.is_zero() or target.is_negative():
            raise BadRequestError("The target price must be more than zero.")
        if direction not in ("below", "at_or_below"):
            raise BadRequestError("The direction must be 'below' or 'at_or_below'.")
        if note is not None and len(note) > _MAX_NOTE_CHARS:
            raise BadRequestError(f"The note is too long (at most {_MAX_NOTE_CHARS} characters).")
        user_key = self._user_key(user_id)

        async def attempt(pipe: Pipeline) -> PriceAlert:
            new_id = _new_id()
            new_key = self._alert_key(new_id)
            await pipe.watch(user_key, new_key)
            ids, raws = await self._read_user(pipe, user_key, watch=True)
            alerts = self._parse_owned(user_id, raws)
            active = [a for a in alerts if a.is_active]
            same = next(
                (
                    a
                    for a in active
                    if (a.product_id, a.target, a.direction) == (product_id, target, direction)
                ),
                None,
            )
            stale = [a for a in active if replace and a.product_id == product_id and a is not same]
            if same is not None and not stale:
                return same  # dedupe: same request twice (a retried turn, say)
            if same is None and len(active) - len(stale) >= self.max_per_user:
                raise TooManyAlertsError(
                    f"You already have {len(active)} active price alerts, the most allowed; "
                    "cancel one before adding another.",
                    limit=self.max_per_user,
                )
            if same is not None:  # the alert asked for exists: only the others go
                pipe.multi()
                for old in stale:
                    self._queue_deactivate(pipe, old.model_copy(update={"status": "cancelled"}))
                await pipe.execute()
                return same
            if await pipe.exists(new_key):
                raise WatchError("alert id collision")  # 48 random bits: vanishingly rare
            alert = PriceAlert(
                id=new_id,
                user_id=user_id,
                product_id=product_id,
                product_name=product_name,
                target=target,
                direction=direction,
                created_at=_utc(self._clock()),
                note=note,
            )
            pipe.multi()
            for old in stale:
                self._queue_deactivate(pipe, old.model_copy(update={"status": "cancelled"}))
            pipe.set(new_key, alert.model_dump_json())
            pipe.zadd(user_key, {new_id: _score(alert.created_at)})
            pipe.sadd(self._product_key(product_id), new_id)
            pipe.sadd(self._products_key(), product_id)
            self._queue_prune(pipe, user_key, ids, raws)
            await pipe.execute()
            return alert

        return await self._optimistic(attempt)

    async def list(
        self, user_id: str, *, include_inactive: bool = False
    ) -> builtins.list[PriceAlert]:
        """The user's alerts, newest first.

        Args:
            user_id: The shopper.
            include_inactive: Also list triggered and cancelled alerts still kept as history.

        Returns:
            The alerts, newest first (possibly empty).

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        user_key = self._user_key(user_id)
        with redis_errors(_WHAT):
            ids, raws = await self._read_user(self._client, user_key, watch=False)
            gone = [alert_id for alert_id, raw in zip(ids, raws, strict=True) if raw is None]
            if gone:
                # History whose record expired: ids are never reused, so this is always safe.
                await self._client.zrem(user_key, *gone)
        alerts = self._parse_owned(user_id, raws)
        return [a for a in alerts if include_inactive or a.is_active]

    async def get(self, user_id: str, alert_id: str) -> PriceAlert:
        """One of the user's alerts, whatever its status.

        Args:
            user_id: The shopper asking.
            alert_id: The alert's id.

        Returns:
            The alert.

        Raises:
            NotFoundError: No such alert, or it belongs to someone else (indistinguishable).
            UnavailableError: Redis cannot be reached.
        """
        alert = await self._load(alert_id) if _ID_RE.match(alert_id) else None
        if alert is None or alert.user_id != user_id:
            raise NotFoundError(self._not_found, alert_id=alert_id)
        return alert

    async def delete(self, user_id: str, alert_id: str) -> PriceAlert:
        """Cancel one of the user's alerts and drop it from the active indexes.

        An alert already triggered or cancelled is returned unchanged (deleting is idempotent;
        its `status` says what happened to it).

        Args:
            user_id: The shopper asking.
            alert_id: The alert's id.

        Returns:
            The alert as it now stands (normally `cancelled`).

        Raises:
            NotFoundError: No such alert, or it belongs to someone else (indistinguishable).
            ConflictError: Too many concurrent changes to this alert; retry.
            UnavailableError: Redis cannot be reached.
        """
        if not _ID_RE.match(alert_id):
            raise NotFoundError(self._not_found, alert_id=alert_id)
        key = self._alert_key(alert_id)

        async def attempt(pipe: Pipeline) -> PriceAlert:
            await pipe.watch(key)
            alert = self._parse(await pipe.get(key))
            if alert is None or alert.user_id != user_id:
                raise NotFoundError(self._not_found, alert_id=alert_id)
            if not alert.is_active:
                return alert
            cancelled = alert.model_copy(update={"status": "cancelled"})
            pipe.multi()
            self._queue_deactivate(pipe, cancelled)
            await pipe.execute()
            return cancelled

        return await self._optimistic(attempt)

    async def delete_all(self, user_id: str) -> int:
        """Cancel every active alert of the user.

        Args:
            user_id: The shopper.

        Returns:
            How many alerts were cancelled (0 when none was active).

        Raises:
            ConflictError: Too many concurrent changes to this user's alerts; retry.
            UnavailableError: Redis cannot be reached.
        """
        user_key = self._user_key(user_id)

        async def attempt(pipe: Pipeline) -> int:
            await pipe.watch(user_key)
            ids, raws = await self._read_user(pipe, user_key, watch=True)
            active = [a for a in self._parse_owned(user_id, raws) if a.is_active]
            pipe.multi()
            for alert in active:
                self._queue_deactivate(pipe, alert.model_copy(update={"status": "cancelled"}))
            self._queue_prune(pipe, user_key, ids, raws)
            await pipe.execute()
            return len(active)

        return await self._optimistic(attempt)

    async def active_for_product(self, product_id: str) -> builtins.list[PriceAlert]:
        """Every active alert on a product, oldest first (for the checker).

        Args:
            product_id: The product.

        Returns:
            Its active alerts, all users together.

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        with redis_errors(_WHAT):
            ids = sorted(await self._client.smembers(self._product_key(product_id)))
            raws = await self._client.mget([self._alert_key(i) for i in ids]) if ids else []
        alerts = [self._parse(raw) for raw in raws]
        found = [a for a in alerts if a is not None and a.is_active]
        return sorted(found, key=lambda a: (a.created_at, a.id))

    async def products_with_active_alerts(self) -> builtins.list[str]:
        """The ids of the products with at least one active alert, sorted.

        Raises:
            UnavailableError: Redis cannot be reached.
        """
        with redis_errors(_WHAT):
            return sorted(await self._client.smembers(self._products_key()))

    async def mark_triggered(self, alert_id: str, price: Money, at: datetime) -> PriceAlert | None:
        """Mark an active alert triggered, atomically and only once.

        Concurrent calls for the same alert (two checkers, a retry) race safely: exactly one
        gets the triggered alert back, every other gets None.

        Args:
            alert_id: The alert.
            price: The price that met the target.
            at: When it was seen (timezone-aware).

        Returns:
            The triggered alert, or None when it is missing or no longer active.

        Raises:
            BadRequestError: `at` is naive.
            ConflictError: Too many concurrent changes to this alert; retry.
            UnavailableError: Redis cannot be reached.
        """
        at = _utc(at)
        update = {
            "status": "triggered",
            "triggered_at": at,
            "last_checked_at": at,
            "last_seen_price": price,
        }
        # Deactivating unindexes it, so a second trigger finds it inactive: fires once.
        return await self._change_active(alert_id, update, deactivate=True)

    async def record_check(self, alert_id: str, price: Money, at: datetime) -> PriceAlert | None:
        """Note that the checker saw `price` for an active alert at `at`.

        Args:
            alert_id: The alert.
            price: The price seen.
            at: When it was seen (timezone-aware).

        Returns:
            The updated alert, or None when it is missing or no longer active (history is
            left as it was).

        Raises:
            BadRequestError: `at` is naive.
            ConflictError: Too many concurrent changes to this alert; retry.
            UnavailableError: Redis cannot be reached.
        """
        at = _utc(at)
        update = {"last_checked_at": at, "last_seen_price": price}
        return await self._change_active(alert_id, update, deactivate=False)

    # ------------------------------------------------------------------------ internals

    async def _change_active(
        self, alert_id: str, update: dict[str, Any], *, deactivate: bool
    ) -> PriceAlert | None:
        """Apply `update` to an active alert atomically; None if missing or not active.

        WATCH makes it lose (and re-read) against a concurrent trigger or cancel, so it never
        overwrites one.
        """
        if not _ID_RE.match(alert_id):
            return None
        key = self._alert_key(alert_id)

        async def attempt(pipe: Pipeline) -> PriceAlert | None:
            await pipe.watch(key)
            alert = self._parse(await pipe.get(key))
            if alert is None or not alert.is_active:
                return None
            changed = alert.model_copy(update=update)
            pipe.multi()
            if deactivate:
                self._queue_deactivate(pipe, changed)
            else:
                pipe.set(key, changed.model_dump_json())
            await pipe.execute()
            return changed

        return await self._optimistic(attempt)

    async def _optimistic(self, attempt: Callable[[Pipeline], Awaitable[T]]) -> T:
        """Run `attempt` (WATCH, read, MULTI, EXEC) until no watched key changed under it."""
        with redis_errors(_WHAT):
            for n in range(_MAX_ATTEMPTS):
                async with self._client.pipeline(transaction=True) as pipe:
                    try:
                        return await attempt(pipe)
                    except WatchError:
                        pass
                # Jittered backoff so a crowd of writers does not collide in lockstep again.
                await asyncio.sleep(random.uniform(0, 0.002 * 2 ** min(n, 6)))
        raise ConflictError("Price alerts are being changed by another request; please retry.")

    async def _read_user(
        self, client: Any, user_key: str, *, watch: bool
    ) -> tuple[builtins.list[str], builtins.list[str | None]]:
        """The user's alert ids (newest first) and their raw records (None where expired)."""
        ids: builtins.list[str] = await client.zrevrange(user_key, 0, -1)
        if not ids:
            return [], []
        keys = [self._alert_key(i) for i in ids]
        if watch:
            # Watched before reading, so a concurrent cancel/trigger aborts our EXEC.
            await client.watch(*keys)
        return ids, await client.mget(keys)

    def _queue_prune(
        self,
        pipe: Pipeline,
        user_key: str,
        ids: builtins.list[str],
        raws: builtins.list[str | None],
    ) -> None:
        """Queue removing ids whose history record expired from the user's index."""
        gone = [alert_id for alert_id, raw in zip(ids, raws, strict=True) if raw is None]
        if gone:
            pipe.zrem(user_key, *gone)

    def _queue_deactivate(self, pipe: Pipeline, alert: PriceAlert) -> None:
        """Queue writing an inactive alert (with its history TTL) and unindexing it."""
        pipe.set(self._alert_key(alert.id), alert.model_dump_json(), ex=self._history_ttl_s)
        pipe.eval(
            _UNINDEX_LUA,
            2,
            self._product_key(alert.product_id),
            self._products_key(),
            alert.id,
            alert.product_id,
        )

    async def _load(self, alert_id: str) -> PriceAlert | None:
        with redis_errors(_WHAT):
            raw = await self._client.get(self._alert_key(alert_id))
        return self._parse(raw)

    @staticmethod
    def _parse(raw: str | None) -> PriceAlert | None:
        if raw is None:
            return None
        try:
            return PriceAlert.model_validate_json(raw)
        except ValidationError:
            # A corrupt record is skipped, not fatal: one bad key must not break every listing.
            log.warning("unreadable price alert record skipped", exc_info=True)
            return None

    def _parse_owned(
        self, user_id: str, raws: builtins.list[str | None]
    ) -> builtins.list[PriceAlert]:
        """The readable records that belong to `user_id` (defence in depth), in order."""
        alerts = [self._parse(raw) for raw in raws]
        return [a for a in alerts if a is not None and a.user_id == user_id]
