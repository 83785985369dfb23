"""CartService client, with remove-item and set-quantity built on AddItem/GetCart/EmptyCart.

The real CartService has only AddItem (adds to the existing quantity), GetCart and EmptyCart.
Removing a line or changing its quantity therefore means: read the cart, empty it, add back
the lines that should stay. Every change to one user's cart, including a plain AddItem, runs
under a per-user Redis lock, so two concurrent changes from any CartMate replica are applied
one after the other and neither loses an item.

Crash safety: before emptying, the intended cart is written to a Redis journal; it is deleted
once every line is back. If a process dies (or AddItem fails) half-way, the next change or
read of that cart finds the journal and finishes the rewrite, so items are not lost.

What stays non-atomic against a real CartService: writers that bypass CartMate (Online
Boutique's own frontend, checkout emptying the cart) do not take the lock, and an AddItem
from them that lands between our EmptyCart and the re-adds is kept but may be merged with a
line we re-add. AddItem is not idempotent, so when its answer is lost the cart is read
before any retry (`_add_once`): an add is applied exactly once unless an outside writer
changed that line meanwhile, which is reported as a conflict.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator

from redis.asyncio.lock import Lock
from redis.exceptions import LockError, RedisError

from cartmate.boutique._rpc import ServiceCaller
from cartmate.boutique.models import Cart, CartItem
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.errors import BadRequestError, ConflictError, NotFoundError, UnavailableError
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = ["MAX_LINE_QUANTITY", "CartClient"]

log = logging.getLogger(__name__)

MAX_LINE_QUANTITY = 999  # per product line; far below the proto's int32
_ADD_ATTEMPTS = 3  # AddItem tries when its answer is lost and the cart shows it was not applied
_JOURNAL_TTL_S = 7 * 24 * 3600


class CartClient:
    """A user's Online Boutique cart: view, add, remove, set quantity, empty."""

    def __init__(
        self,
        stub: demo_pb2_grpc.CartServiceStub,
        caller: ServiceCaller,
        redis: RedisConnection,
        lock_timeout_s: float = 5.0,
        lock_ttl_s: float = 15.0,
    ) -> None:
        self._stub = stub
        self._caller = caller
        self._redis = redis
        self._lock_timeout_s = lock_timeout_s
        self._lock_ttl_s = lock_ttl_s

    # ------------------------------------------------------------------ reads

    async def get_cart(self, user_id: str) -> Cart:
        """The user's cart (an unknown user has an empty one)."""
        _check_user(user_id)
        # The journal check and the read go out together (one wait, not two): the read is
        # kept unless a rewrite was pending, which is rare. The check itself stays: a rewrite
        # running on (or left by) another replica is visible only in Redis.
        fetch = asyncio.ensure_future(self._fetch(user_id))
        try:
            with redis_errors("cart storage"):
                pending = await self._redis.client.exists(self._journal_key(user_id))
        except BaseException:
            _discard(fetch)
            raise
        if not pending:
            return await fetch
        _discard(fetch)  # read while a rewrite was pending: stale
        async with self._locked(user_id):
            await self._finish_pending(user_id)
        return await self._fetch(user_id)

    async def _fetch(self, user_id: str) -> Cart:
        response = await self._caller.call(
            "GetCart",
            self._stub.GetCart,
            demo_pb2.GetCartRequest(user_id=user_id),
            idempotent=True,
        )
        return Cart.from_proto(response, user_id)

    # ------------------------------------------------------------------ changes

    async def add_item(self, user_id: str, product_id: str, quantity: int = 1) -> Cart:
        """Add `quantity` of a product (on top of what the cart has). Returns the new cart."""
        _check_user(user_id)
        _check_product(product_id)
        _check_quantity(quantity, minimum=1)
        async with self._locked(user_id):
            await self._finish_pending(user_id)
            current = await self._fetch(user_id)
            if current.quantity_of(product_id) + quantity > MAX_LINE_QUANTITY:
                raise BadRequestError(
                    f"At most {MAX_LINE_QUANTITY} of one product fit in a cart.",
                    product_id=product_id,
                )
            await self._add_once(user_id, product_id, quantity, current.quantity_of(product_id))
            return await self._fetch(user_id)

    async def set_quantity(self, user_id: str, product_id: str, quantity: int) -> Cart:
        """Make the cart hold exactly `quantity` of a product (0 removes it)."""
        _check_user(user_id)
        _check_product(product_id)
        _check_quantity(quantity, minimum=0)
        async with self._locked(user_id):
            await self._finish_pending(user_id)
            current = await self._fetch(user_id)
            have = current.quantity_of(product_id)
            if have == quantity:
                return current
            if have == 0:
                # Growing from nothing needs no rewrite: AddItem alone is enough.
                await self._add(user_id, product_id, quantity)
                return await self._fetch(user_id)
            desired = [
                CartItem(i.product_id, quantity if i.product_id == product_id else i.quantity)
                for i in current.items
            ]
            await self._rewrite(user_id, [i for i in desired if i.quantity > 0])
            return await self._fetch(user_id)

    async def remove_item(self, user_id: str, product_id: str) -> Cart:
        """Remove a product's line; NotFoundError if the cart does not hold it."""
        _check_user(user_id)
        async with self._locked(user_id):
            await self._finish_pending(user_id)
            current = await self._fetch(user_id)
            if current.quantity_of(product_id) == 0:
                raise NotFoundError(
                    f"Product {product_id!r} is not in the cart.", product_id=product_id
                )
            await self._rewrite(user_id, [i for i in current.items if i.product_id != product_id])
            return await self._fetch(user_id)

    async def empty_cart(self, user_id: str) -> None:
        """Remove everything from the cart."""
        _check_user(user_id)
        async with self._locked(user_id):
            await self._empty(user_id)
            with redis_errors("cart storage"):
                await self._redis.client.delete(self._journal_key(user_id))

    # ------------------------------------------------------------------ internals

    async def _add(self, user_id: str, product_id: str, quantity: int) -> None:
        request = demo_pb2.AddItemRequest(
            user_id=user_id, item=demo_pb2.CartItem(product_id=product_id, quantity=quantity)
        )
        # Never retried blindly: a lost answer may mean the item was added.
        await self._caller.call("AddItem", self._stub.AddItem, request, idempotent=False)

    async def _add_once(self, user_id: str, product_id: str, quantity: int, before: int) -> None:
        """AddItem exactly once, even when its answer is lost.

        AddItem is not idempotent, so a lost answer is never retried blindly: the cart is read
        first. We hold the cart's lock, so only a writer outside CartMate could have changed
        it meanwhile. Applied (before + quantity): done. Unchanged: try again. Anything else:
        a conflict, reported rather than guessed.
        """
        for attempt in range(_ADD_ATTEMPTS):
            try:
                await self._add(user_id, product_id, quantity)
                return
            except UnavailableError as lost:
                try:
                    now = (await self._fetch(user_id)).quantity_of(product_id)
                except UnavailableError:
                    raise lost from None
                if now == before + quantity:
                    log.info("AddItem answer lost but applied", extra={"product_id": product_id})
                    return
                if now != before:
                    raise ConflictError(
                        "The cart changed while an item was being added; please check it.",
                        product_id=product_id,
                    ) from lost
                if attempt == _ADD_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.05 * 2**attempt)

    async def _empty(self, user_id: str) -> None:
        await self._caller.call(
            "EmptyCart",
            self._stub.EmptyCart,
            demo_pb2.EmptyCartRequest(user_id=user_id),
            idempotent=True,
        )

    async def _rewrite(self, user_id: str, items: list[CartItem]) -> None:
        """Make the cart exactly `items`: journal, empty, re-add, clear the journal."""
        journal = json.dumps([[i.product_id, i.quantity] for i in items])
        with redis_errors("cart storage"):
            await self._redis.client.set(self._journal_key(user_id), journal, ex=_JOURNAL_TTL_S)
        await self._empty(user_id)
        for item in items:
            await self._add_once(user_id, item.product_id, item.quantity, before=0)
        with redis_errors("cart storage"):
            await self._redis.client.delete(self._journal_key(user_id))

    async def _finish_pending(self, user_id: str) -> None:
        """Complete a rewrite an earlier call left half-done (lock held by the caller)."""
        with redis_errors("cart storage"):
            journal = await self._redis.client.get(self._journal_key(user_id))
        if journal is None:
            return
        items = [CartItem(str(pid), int(qty)) for pid, qty in json.loads(journal)]
        await self._rewrite(user_id, items)

    def _journal_key(self, user_id: str) -> str:
        return self._redis.keys.key("cart", "pending", user_id)

    @contextlib.asynccontextmanager
    async def _locked(self, user_id: str) -> AsyncIterator[None]:
        lock = Lock(
            self._redis.client,
            self._redis.keys.key("lock", "cart", user_id),
            timeout=self._lock_ttl_s,
            blocking_timeout=self._lock_timeout_s,
            sleep=0.01,
            raise_on_release_error=False,
        )
        with redis_errors("cart storage"):
            acquired = await lock.acquire()
        if not acquired:
            raise ConflictError(
                "The cart is busy with another change; please try again.", user_id=user_id
            )
        try:
            yield
        finally:
            # A lock we cannot release expires on its own after lock_ttl_s.
            with contextlib.suppress(LockError, RedisError):
                await lock.release()


def _discard(task: asyncio.Future[Cart]) -> None:
    """Cancel a read whose answer is not wanted; its failure, if any, is not an error."""
    task.cancel()
    task.add_done_callback(lambda t: t.cancelled() or t.exception())


def _check_user(user_id: str) -> None:
    if not user_id or len(user_id) > 256:
        raise BadRequestError("A cart needs a user id of 1 to 256 characters.")


def _check_product(product_id: str) -> None:
    if not product_id or len(product_id) > 128:
        raise BadRequestError("A product id of 1 to 128 characters is needed.")


def _check_quantity(quantity: int, minimum: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise BadRequestError("The quantity must be a whole number.")
    if not minimum <= quantity <= MAX_LINE_QUANTITY:
        raise BadRequestError(f"The quantity must be between {minimum} and {MAX_LINE_QUANTITY}.")
