"""CartService: the real one's semantics, with each cart a Redis hash under the prefix."""

from __future__ import annotations

import asyncio

from cartmate.boutique.pb import demo_pb2


def _add(user: str, product: str, quantity: int) -> demo_pb2.AddItemRequest:
    return demo_pb2.AddItemRequest(
        user_id=user, item=demo_pb2.CartItem(product_id=product, quantity=quantity)
    )


async def _lines(stub, user: str) -> list[tuple[str, int]]:
    cart = await stub.GetCart(demo_pb2.GetCartRequest(user_id=user))
    assert cart.user_id == user
    return [(item.product_id, item.quantity) for item in cart.items]


async def test_unknown_user_gets_an_empty_cart(cart_stub) -> None:
    cart = await cart_stub.GetCart(demo_pb2.GetCartRequest(user_id="nobody"))
    assert cart.user_id == "nobody"
    assert list(cart.items) == []


async def test_add_item_accumulates_quantities(cart_stub) -> None:
    await cart_stub.AddItem(_add("u1", "OLJCESPC7Z", 2))
    await cart_stub.AddItem(_add("u1", "OLJCESPC7Z", 3))
    assert await _lines(cart_stub, "u1") == [("OLJCESPC7Z", 5)]


async def test_items_come_back_sorted_by_product_id(cart_stub) -> None:
    for product in ("L9ECAV7KIM", "0PUK6V6EV0", "6E92ZMYYFZ"):
        await cart_stub.AddItem(_add("u1", product, 1))
    assert [pid for pid, _ in await _lines(cart_stub, "u1")] == [
        "0PUK6V6EV0",
        "6E92ZMYYFZ",
        "L9ECAV7KIM",
    ]


async def test_add_item_validates_nothing(cart_stub) -> None:
    # Like the real service: an id that is in no catalog is accepted as is.
    await cart_stub.AddItem(_add("u1", "NOT-A-PRODUCT", 1))
    assert await _lines(cart_stub, "u1") == [("NOT-A-PRODUCT", 1)]


async def test_lines_at_zero_or_below_are_not_shown(cart_stub) -> None:
    await cart_stub.AddItem(_add("u1", "A", 2))
    await cart_stub.AddItem(_add("u1", "A", -2))
    await cart_stub.AddItem(_add("u1", "B", 0))
    await cart_stub.AddItem(_add("u1", "C", -1))
    await cart_stub.AddItem(_add("u1", "D", 4))
    await cart_stub.AddItem(_add("u1", "D", -1))
    assert await _lines(cart_stub, "u1") == [("D", 3)]


async def test_empty_cart(cart_stub) -> None:
    await cart_stub.AddItem(_add("u1", "OLJCESPC7Z", 1))
    await cart_stub.EmptyCart(demo_pb2.EmptyCartRequest(user_id="u1"))
    assert await _lines(cart_stub, "u1") == []
    # Emptying a cart that does not exist is fine too.
    await cart_stub.EmptyCart(demo_pb2.EmptyCartRequest(user_id="never-seen"))


async def test_carts_are_isolated_per_user(cart_stub) -> None:
    await cart_stub.AddItem(_add("alice", "OLJCESPC7Z", 1))
    await cart_stub.AddItem(_add("bob", "66VCHSJNUP", 2))
    await cart_stub.EmptyCart(demo_pb2.EmptyCartRequest(user_id="bob"))
    assert await _lines(cart_stub, "alice") == [("OLJCESPC7Z", 1)]
    assert await _lines(cart_stub, "bob") == []


async def test_carts_live_in_redis_under_the_prefix(cart_stub, redis) -> None:
    await cart_stub.AddItem(_add("u:1 with spaces", "OLJCESPC7Z", 2))
    key = redis.keys.key("boutique", "cart", "u:1 with spaces")
    assert key.startswith(redis.keys.prefix)
    assert await redis.client.exists(key) == 1
    assert await redis.client.hgetall(key) == {"OLJCESPC7Z": "2"}
    await cart_stub.EmptyCart(demo_pb2.EmptyCartRequest(user_id="u:1 with spaces"))
    assert await redis.client.exists(key) == 0


async def test_concurrent_adds_are_not_lost(cart_stub) -> None:
    await asyncio.gather(*(cart_stub.AddItem(_add("u1", "9SIQT8TOJO", 1)) for _ in range(50)))
    assert await _lines(cart_stub, "u1") == [("9SIQT8TOJO", 50)]
