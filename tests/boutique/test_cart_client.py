"""CartClient against the embedded CartService: add, view, remove, set quantity, empty,
concurrency under the per-user lock, and recovery of a half-done rewrite."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest

from cartmate.boutique.cart import MAX_LINE_QUANTITY
from cartmate.boutique.clients import BoutiqueClients
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.server import BoutiqueAddresses
from cartmate.errors import BadRequestError, NotFoundError
from cartmate.store.redis_client import RedisConnection

SUNGLASSES, MUG, WATCH, JAR = "OLJCESPC7Z", "6E92ZMYYFZ", "1YMWWN1N4O", "9SIQT8TOJO"


def _lines(cart: object) -> dict[str, int]:
    return {item.product_id: item.quantity for item in cart.items}  # type: ignore[attr-defined]


async def test_unknown_user_has_an_empty_cart(clients: BoutiqueClients) -> None:
    cart = await clients.cart.get_cart("nobody")
    assert cart.user_id == "nobody" and cart.items == ()


async def test_add_accumulates_and_carts_are_per_user(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("alice", SUNGLASSES, 1)
    cart = await clients.cart.add_item("alice", SUNGLASSES, 2)
    await clients.cart.add_item("bob", MUG, 4)
    assert _lines(cart) == {SUNGLASSES: 3}
    assert _lines(await clients.cart.get_cart("bob")) == {MUG: 4}


async def test_set_quantity_and_remove_keep_the_other_lines(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("u", SUNGLASSES, 2)
    await clients.cart.add_item("u", MUG, 1)
    await clients.cart.add_item("u", WATCH, 1)
    assert _lines(await clients.cart.set_quantity("u", SUNGLASSES, 5)) == {
        SUNGLASSES: 5,
        MUG: 1,
        WATCH: 1,
    }
    assert _lines(await clients.cart.set_quantity("u", MUG, 0)) == {SUNGLASSES: 5, WATCH: 1}
    assert _lines(await clients.cart.remove_item("u", WATCH)) == {SUNGLASSES: 5}
    assert _lines(await clients.cart.set_quantity("u", JAR, 2)) == {SUNGLASSES: 5, JAR: 2}


async def test_empty_cart(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("u", MUG, 2)
    await clients.cart.empty_cart("u")
    assert (await clients.cart.get_cart("u")).items == ()


async def test_removing_what_is_not_there_is_not_found(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("u", MUG, 1)
    with pytest.raises(NotFoundError):
        await clients.cart.remove_item("u", SUNGLASSES)
    assert _lines(await clients.cart.get_cart("u")) == {MUG: 1}


@pytest.mark.parametrize("quantity", [0, -1, MAX_LINE_QUANTITY + 1])
async def test_bad_quantities_are_refused_and_change_nothing(
    clients: BoutiqueClients, quantity: int
) -> None:
    await clients.cart.add_item("u", MUG, 1)
    with pytest.raises(BadRequestError):
        await clients.cart.add_item("u", MUG, quantity)
    assert _lines(await clients.cart.get_cart("u")) == {MUG: 1}


async def test_a_line_cannot_grow_past_the_maximum(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("u", MUG, MAX_LINE_QUANTITY)
    with pytest.raises(BadRequestError):
        await clients.cart.add_item("u", MUG, 1)


async def test_concurrent_changes_to_one_cart_lose_nothing(clients: BoutiqueClients) -> None:
    await clients.cart.add_item("u", SUNGLASSES, 1)
    await clients.cart.add_item("u", WATCH, 1)
    # Rewrites (remove, set) race with adds of other products; without the lock an add that
    # lands between a rewrite's EmptyCart and its re-adds would be lost.
    changes = [clients.cart.add_item("u", MUG, 1) for _ in range(10)]
    changes += [clients.cart.set_quantity("u", SUNGLASSES, n) for n in range(2, 7)]
    changes += [clients.cart.add_item("u", JAR, 1) for _ in range(5)]
    changes.append(clients.cart.remove_item("u", WATCH))
    await asyncio.gather(*changes)
    lines = _lines(await clients.cart.get_cart("u"))
    assert lines[MUG] == 10 and lines[JAR] == 5 and WATCH not in lines
    assert 2 <= lines[SUNGLASSES] <= 6


async def test_a_half_done_rewrite_is_finished_on_the_next_read(
    clients: BoutiqueClients, boutique: BoutiqueAddresses, redis: RedisConnection
) -> None:
    await clients.cart.add_item("u", SUNGLASSES, 2)
    await clients.cart.add_item("u", MUG, 3)
    # What a process that died after EmptyCart, mid-rewrite, leaves behind: the journal of
    # the intended cart and a cart missing its lines.
    await redis.client.set(
        redis.keys.key("cart", "pending", "u"), json.dumps([[SUNGLASSES, 1], [MUG, 3]])
    )
    assert boutique.cart is not None
    async with grpc.aio.insecure_channel(boutique.cart) as channel:
        await demo_pb2_grpc.CartServiceStub(channel).EmptyCart(
            demo_pb2.EmptyCartRequest(user_id="u")
        )
    assert _lines(await clients.cart.get_cart("u")) == {SUNGLASSES: 1, MUG: 3}
    assert not await redis.client.exists(redis.keys.key("cart", "pending", "u"))
