"""Shopping-list tools against the embedded Online Boutique and real Redis."""

from __future__ import annotations

from typing import Any

from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.cart_manager.list_tools import ShoppingListTools
from cartmate.agents.cart_manager.tools import CartTools
from tests.agents.conftest import tool_context

MUG, JAR, WATCH, TANK_TOP, CANDLE_HOLDER, HAIRDRYER = (
    "6E92ZMYYFZ", "9SIQT8TOJO", "1YMWWN1N4O", "66VCHSJNUP", "0PUK6V6EV0", "2ZYFJ3GM2N",
)  # fmt: skip


def held(result: dict[str, Any]) -> dict[str, int]:
    return {i["product_id"]: i["quantity"] for i in result["cart"]["items"]}


def counts(entries: list[dict[str, Any]]) -> dict[str, int]:
    return {e["product"]["id"]: e["quantity"] for e in entries}


async def test_a_list_is_kept_and_compared_with_the_cart_without_changing_it(
    provider: StaticServices,
) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("mug", ctx)
    await cart.add_to_cart("watch", ctx)
    noted = await lists.note_shopping_list(
        ["mugs", "the bamboo jar", "a toaster", "mug"], ctx, quantities=[2, 1, 1, 1]
    )
    assert noted["status"] == "ok" and noted["action"] == "list_noted"
    # "mugs" and "mug" are one line of three; the shop sells no toaster
    assert counts(noted["list"]) == {MUG: 3, JAR: 1}
    assert noted["not_carried"] == ["a toaster"]
    assert counts(noted["missing"]) == {MUG: 2, JAR: 1}
    assert counts(noted["extra"]) == {WATCH: 1}
    assert [e["on_list"] for e in noted["extra"]] == [0]
    assert not noted["all_there"] and not noted["matches"]
    assert held(noted) == {MUG: 1, WATCH: 1}  # nothing written
    # the list's products are those just shown: "the kitchen thing from my list"
    assert [p["id"] for p in ctx.state["recent_products"]] == [MUG, JAR]
    again = await lists.compare_with_list(ctx)
    assert counts(again["missing"]) == {MUG: 2, JAR: 1} and held(again) == {MUG: 1, WATCH: 1}


async def test_add_only_what_is_missing_then_match_keeping_a_line(
    provider: StaticServices,
) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("tank top", ctx, quantity=3)
    await cart.add_to_cart("hairdryer", ctx, quantity=2)
    await lists.note_shopping_list(["tank top", "hairdryer", "candle holder"], ctx)
    filled = await lists.match_cart_to_list(ctx, only_missing=True)
    assert filled["action"] == "list_matched"
    assert held(filled) == {TANK_TOP: 3, HAIRDRYER: 2, CANDLE_HOLDER: 1}
    assert [(c["product"]["id"], c["change"]) for c in filled["changes"]] == [(CANDLE_HOLDER, 1)]
    assert filled["all_there"] and not filled["matches"]
    # "make it match, but leave the hairdryers alone", a turn of its own
    ctx.invocation_id = "e-next-turn"
    matched = await lists.match_cart_to_list(ctx, keep=["the hairdryers"])
    assert held(matched) == {TANK_TOP: 1, HAIRDRYER: 2, CANDLE_HOLDER: 1}
    assert [(c["product"]["id"], c["change"]) for c in matched["changes"]] == [(TANK_TOP, -2)]
    # the change is recorded like any other, for "undo that"
    line = {"id": TANK_TOP, "name": "Tank Top", "before": 3, "after": 1}
    assert ctx.state["changes"][-1]["lines"] == [line]
    whole = await lists.match_cart_to_list(ctx)
    assert held(whole) == {TANK_TOP: 1, HAIRDRYER: 1, CANDLE_HOLDER: 1} and whole["matches"]


async def test_match_one_product_only_and_remove_what_the_list_lacks(
    provider: StaticServices,
) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("watch", ctx)
    await cart.add_to_cart("mug", ctx)
    await lists.note_shopping_list(["jars", "mug"], ctx, quantities=[3, 2])
    jars = await lists.match_cart_to_list(ctx, products=["the jars"])
    assert held(jars) == {WATCH: 1, MUG: 1, JAR: 3}  # the jars only
    rest = await lists.match_cart_to_list(ctx)
    assert held(rest) == {MUG: 2, JAR: 3}
    assert ctx.state["removed_lines"][-1]["id"] == WATCH  # "put back what I took out"


async def test_cross_off_by_name_or_price_never_touches_the_cart(
    provider: StaticServices,
) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("candle holder", ctx)
    await lists.note_shopping_list(["tank top", "candle holder", "mugs"], ctx, [1, 1, 2])
    both = await lists.cross_off_list("18.99", ctx)  # the tank top and the candle holder
    assert both["status"] == "error" and both["code"] == "ambiguous_product"
    assert {c["name"] for c in both["candidates"]} == {"Tank Top", "Candle Holder"}
    crossed = await lists.cross_off_list("the candle holder", ctx)
    assert crossed["action"] == "list_crossed_off"
    assert counts(crossed["list"]) == {TANK_TOP: 1, MUG: 2}
    assert held(crossed) == {CANDLE_HOLDER: 1}  # the cart stays
    assert counts(crossed["extra"]) == {CANDLE_HOLDER: 1}
    one = await lists.cross_off_list("mug", ctx, quantity=1)
    assert counts(one["list"]) == {TANK_TOP: 1, MUG: 1}
    missing = await lists.cross_off_list("the watch", ctx)
    assert missing["status"] == "error" and "not on your list" in missing["message"]


async def test_without_a_list_and_bad_input(provider: StaticServices) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    for result in (
        await lists.compare_with_list(ctx),
        await lists.match_cart_to_list(ctx),
        await lists.cross_off_list("mug", ctx),
    ):
        assert result["status"] == "error" and result["code"] == "not_found"
        assert "no shopping list" in result["message"]
    uneven = await lists.note_shopping_list(["mug", "jar"], ctx, quantities=[1])
    assert uneven["status"] == "error" and uneven["code"] == "bad_request"
    too_many = await lists.note_shopping_list(["mug"], ctx, quantities=[1000])
    assert too_many["status"] == "error" and too_many["code"] == "bad_request"
    assert "shopping_list" not in ctx.state  # nothing kept from a refused list


async def test_each_shopper_has_their_own_list(provider: StaticServices) -> None:
    cart = CartTools(provider)
    lists = ShoppingListTools(cart)
    ana, ben = tool_context("ana"), tool_context("ben")
    await lists.note_shopping_list(["mug"], ana, quantities=[2])
    await cart.add_to_cart("watch", ben)
    filled = await lists.match_cart_to_list(ana, only_missing=True)
    assert held(filled) == {MUG: 2}
    ben_cart = await cart.view_cart(ben)
    assert held(ben_cart) == {WATCH: 1}  # another shopper's cart is never touched
    assert (await lists.compare_with_list(ben))["status"] == "error"


async def test_a_list_count_changed_and_what_the_list_costs(provider: StaticServices) -> None:
    cart, ctx = CartTools(provider), tool_context(state={"display_currency": "EUR"})
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("mug", ctx)
    noted = await lists.note_shopping_list(["mug", "jar"], ctx, quantities=[2, 1])
    assert noted["display_list_total"].startswith("€")  # in the shopper's currency
    changed = await lists.set_list_quantity("the jars", 5, ctx)
    assert changed["action"] == "list_changed" and counts(changed["list"]) == {MUG: 2, JAR: 5}
    assert held(changed) == {MUG: 1}  # the list changes, never the cart
    added = await lists.set_list_quantity("watch", 1, ctx)  # not on it yet: put on it
    assert counts(added["list"]) == {MUG: 2, JAR: 5, WATCH: 1}
    gone = await lists.set_list_quantity("mug", 0, ctx)
    assert counts(gone["list"]) == {JAR: 5, WATCH: 1}
    in_dollars = tool_context(state={"shopping_list": ctx.state["shopping_list"]})
    priced = await lists.compare_with_list(in_dollars)
    # 5 jars at $5.49 and the watch at $109.99
    assert priced["list_total"] == {"currency_code": "USD", "units": 137, "nanos": 440_000_000}
    bad = await lists.set_list_quantity("mug", 1000, ctx)
    assert bad["status"] == "error" and bad["code"] == "bad_request"


async def test_what_was_asked_about_becomes_those(provider: StaticServices) -> None:
    cart, ctx = CartTools(provider), tool_context()
    lists = ShoppingListTools(cart)
    await cart.add_to_cart("watch", ctx)
    await lists.note_shopping_list(["mug", "jar", "watch"], ctx, about="missing")
    assert [p["id"] for p in ctx.state["recent_products"]] == [MUG, JAR]
    await cart.add_to_cart("tank top", ctx)
    await lists.compare_with_list(ctx, about="extra")
    assert [p["id"] for p in ctx.state["recent_products"]] == [TANK_TOP]
