"""CartService keeping each cart in Redis, with the real service's (lack of) validation.

One hash per user, `<prefix>boutique:cart:<user_id>`, product id -> quantity. AddItem is a
single HINCRBY, so concurrent adds to one cart never lose an update and need no lock.
"""

from __future__ import annotations

import logging
from typing import NoReturn

import grpc
from redis.exceptions import RedisError

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.store.redis_client import RedisConnection

__all__ = ["FULL_NAME", "CartService"]

logger = logging.getLogger(__name__)

FULL_NAME = demo_pb2.DESCRIPTOR.services_by_name["CartService"].full_name

_INT32_MAX = 2**31 - 1  # CartItem.quantity is an int32


class CartService(demo_pb2_grpc.CartServiceServicer):
    """AddItem / GetCart / EmptyCart: no remove or update, as in Online Boutique."""

    def __init__(self, redis: RedisConnection) -> None:
        self._redis = redis

    def cart_key(self, user_id: str) -> str:
        return self._redis.keys.key("boutique", "cart", user_id)

    async def AddItem(  # noqa: N802 - gRPC method name
        self, request: demo_pb2.AddItemRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Empty:
        # Like the real one: no check of the user, the product or the quantity's sign.
        item = request.item
        try:
            await self._redis.client.hincrby(
                self.cart_key(request.user_id), item.product_id, item.quantity
            )
        except RedisError as exc:
            await _storage_failed(context, "AddItem", exc)
        return demo_pb2.Empty()

    async def GetCart(  # noqa: N802
        self, request: demo_pb2.GetCartRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Cart:
        try:
            lines = await self._redis.client.hgetall(self.cart_key(request.user_id))
        except RedisError as exc:
            await _storage_failed(context, "GetCart", exc)
        items = []
        for product_id in sorted(lines):  # a stable order for clients and tests
            quantity = int(lines[product_id])
            if quantity <= 0:  # removed by negative adds: not shown
                continue
            items.append(
                demo_pb2.CartItem(product_id=product_id, quantity=min(quantity, _INT32_MAX))
            )
        return demo_pb2.Cart(user_id=request.user_id, items=items)

    async def EmptyCart(  # noqa: N802
        self, request: demo_pb2.EmptyCartRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Empty:
        try:
            await self._redis.client.delete(self.cart_key(request.user_id))
        except RedisError as exc:
            await _storage_failed(context, "EmptyCart", exc)
        return demo_pb2.Empty()


async def _storage_failed(
    context: grpc.aio.ServicerContext, method: str, exc: RedisError
) -> NoReturn:
    # The real cart service answers FAILED_PRECONDITION "Can't access cart storage" too.
    logger.warning("cart %s: Redis failed: %s", method, type(exc).__name__)
    await context.abort(grpc.StatusCode.FAILED_PRECONDITION, "Can't access cart storage")
