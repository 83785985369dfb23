"""Cart manager tools against the embedded Online Boutique and real Redis."""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.cart_manager.tools import CartTools
from tests.agents.conftest import tool_context

SUNGLASSES, MUG, WATCH = "OLJCESPC7Z", "6E92ZMYYFZ", "1YMWWN1N4O"


async def test_add_by_name_and_id_with_totals(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context()
    first = await tools.add_to_cart("the sunglasses", ctx, quantity=2)
    assert first["status"] == "ok" and first["product"] == {"id": SUNGLASSES, "name": "Sunglasses"}
    result = await tools.add_to_cart(MUG, ctx)
    cart = result["cart"]
    assert {i["product_id"]: i["quantity"] for i in cart["items"]} == {SUNGLASSES: 2, MUG: 1}
    assert cart["total"] == {"currency_code": "USD", "units": 48, "nanos": 970_000_000}
    assert cart["display_total"] == "$48.97"
    assert ctx.state["focus_product"]["id"] == MUG
    # each line's colour and material words, kept for "take out everything black"
    kept = {line["id"]: line["traits"] for line in ctx.state["cart_lines"]}
    assert kept[SUNGLASSES] == ["black", "grey", "metal"] and "ceramic" in kept[MUG]


async def test_cart_in_the_display_currency(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context(state={"display_currency": "EUR"})
    await tools.add_to_cart(WATCH, ctx, quantity=1)
    view = await tools.view_cart(ctx)
    line = view["cart"]["items"][0]
    assert line["unit_price"]["currency_code"] == "EUR"
    assert view["cart"]["display_total"].startswith("€")
    assert [p["id"] for p in ctx.state["recent_products"]] == [WATCH]


async def test_remove_set_quantity_and_empty(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context()
    await tools.add_to_cart(SUNGLASSES, ctx, quantity=1)
    await tools.add_to_cart(MUG, ctx, quantity=1)
    changed = await tools.set_cart_quantity("mug", 4, ctx)
    assert {i["product_id"]: i["quantity"] for i in changed["cart"]["items"]} == {
        SUNGLASSES: 1,
        MUG: 4,
    }
    removed = await tools.remove_from_cart("sunglasses", ctx)
    assert [i["product_id"] for i in removed["cart"]["items"]] == [MUG]
    # some of a line: "one less mug" takes one; taking as many as it holds takes the line
    fewer = await tools.remove_from_cart("mug", ctx, quantity=1)
    assert fewer["action"] == "quantity_set" and fewer["cart"]["items"][0]["quantity"] == 3
    assert ctx.state["focus_product"]["removed_quantity"] == 1
    bad = await tools.remove_from_cart("mug", ctx, quantity=0)
    assert bad["status"] == "error" and bad["code"] == "bad_request"
    gone = await tools.remove_from_cart("mug", ctx, quantity=3)
    assert gone["action"] == "removed" and gone["cart"]["items"] == []
    await tools.add_to_cart(MUG, ctx, quantity=1)
    emptied = await tools.empty_cart(ctx)
    assert emptied["cart"]["items"] == [] and emptied["cart"]["display_total"] == "$0.00"


async def test_errors_are_results_the_model_can_read(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context()
    unknown = await tools.add_to_cart("a flying carpet", ctx)
    assert unknown["status"] == "error" and unknown["code"] == "unknown_product"
    too_many = await tools.add_to_cart(MUG, ctx, quantity=5000)
    assert too_many["code"] == "bad_request"
    missing = await tools.remove_from_cart(WATCH, ctx)
    assert missing["code"] == "not_found" and missing["message"] == "Watch is not in your cart."
    # A product the catalog does not have is never swapped for a loosely similar one.
    lens = await tools.add_to_cart("vintage camera lens", ctx)
    assert lens["code"] == "unknown_product"


async def test_carts_belong_to_the_session_user(
    provider: StaticServices, services: AgentServices
) -> None:
    tools = CartTools(provider)
    await tools.add_to_cart(MUG, tool_context("alice"), quantity=3)
    bob = await tools.view_cart(tool_context("bob"))
    assert bob["cart"]["items"] == []
    assert (await services.boutique.cart.get_cart("alice")).quantity_of(MUG) == 3


async def test_what_goes_in_the_cart_teaches_the_style_profile(
    provider: StaticServices, services: AgentServices
) -> None:
    await CartTools(provider).add_to_cart("loafers", tool_context("stylish"), quantity=1)
    profile = await services.profiles.get("stylish")
    assert profile.categories.get("footwear", 0) > 0
    assert profile.price_band is not None


async def test_a_quote_prices_supposed_changes_and_changes_nothing(
    provider: StaticServices, services: AgentServices
) -> None:
    tools, ctx = CartTools(provider), tool_context()
    await tools.add_to_cart(MUG, ctx, quantity=2)
    await tools.add_to_cart(SUNGLASSES, ctx, quantity=1)
    quoted = await tools.quote_cart(["mug", "sunglasses", WATCH], [3, -999, 1], ctx)
    assert quoted["status"] == "ok" and quoted["action"] == "quoted"
    assert [(c["product"]["id"], c["change"]) for c in quoted["changes"]] == [
        (MUG, 3), (SUNGLASSES, -1), (WATCH, 1),
    ]  # fmt: skip
    # 5 x $8.99 + $109.99 = $154.94; the cart itself is still 2 mugs and the sunglasses
    assert quoted["cart"]["total"] == {"currency_code": "USD", "units": 154, "nanos": 940_000_000}
    assert quoted["display_current_total"] == "$37.97"
    cart = await services.boutique.cart.get_cart("shopper")
    assert {i.product_id: i.quantity for i in cart.items} == {MUG: 2, SUNGLASSES: 1}
    uneven = await tools.quote_cart(["mug"], [], ctx)
    assert uneven["status"] == "error" and uneven["code"] == "bad_request"
    unknown = await tools.quote_cart(["a flying carpet"], [1], ctx)
    assert unknown["code"] == "unknown_product"


async def test_a_cart_viewed_for_one_product_puts_it_in_focus(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context()
    await tools.add_to_cart(MUG, ctx, quantity=3)
    await tools.add_to_cart(SUNGLASSES, ctx, quantity=1)
    assert ctx.state["focus_product"]["id"] == SUNGLASSES
    viewed = await tools.view_cart(ctx, product="mugs")
    assert viewed["status"] == "ok" and len(viewed["cart"]["items"]) == 2
    assert ctx.state["focus_product"]["id"] == MUG  # "I only need 2 of those"


async def test_a_gift_is_marked_for_its_person_and_teaches_no_style(
    provider: StaticServices, services: AgentServices
) -> None:
    tools, ctx = CartTools(provider), tool_context("giver")
    added = await tools.add_to_cart("loafers", ctx, quantity=1, for_whom="dad")
    assert added["status"] == "ok" and added["for_whom"] == "dad"
    # one more with no one named is the shopper's own unit, but the line still holds dad's
    # gift, so it teaches nothing of the shopper's style either
    again = await tools.add_to_cart("loafers", ctx, quantity=1)
    assert "for_whom" not in again
    [line] = again["cart"]["items"]
    assert line["gifts"] == {"dad": 1} and line["for_whom"] == "dad"
    profile = await services.profiles.get("giver")
    assert not profile.categories and profile.price_band is None
    await tools.add_to_cart(MUG, ctx, quantity=1)  # the shopper's own: learnt from
    viewed = await tools.view_cart(ctx)
    whose = {i["product_id"]: i.get("for_whom") for i in viewed["cart"]["items"]}
    assert whose == {"L9ECAV7KIM": "dad", MUG: None}
    assert (await services.profiles.get("giver")).categories.get("kitchen", 0) > 0
    await tools.remove_from_cart("loafers", ctx)  # gone from the cart: no gift kept
    assert ctx.state["gifts"] == {}


async def test_one_line_holds_gifts_for_several_people(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context("household")
    await tools.add_to_cart("sunglasses", ctx, quantity=1, for_whom="dad")
    await tools.add_to_cart("sunglasses", ctx, quantity=2, for_whom="Cousin")
    shared = await tools.add_to_cart("sunglasses", ctx, quantity=1, for_whom="cousin")
    [line] = shared["cart"]["items"]
    assert line["quantity"] == 4 and line["gifts"] == {"dad": 1, "Cousin": 3}
    # "take my cousin's out": only theirs, whatever the case they were named in
    taken = await tools.remove_from_cart("sunglasses", ctx, for_whom="cousin")
    assert taken["removed"] == 3 and taken["for_whom"] == "Cousin"
    [line] = taken["cart"]["items"]
    assert line["quantity"] == 1 and line["gifts"] == {"dad": 1}
    # nobody else's units are in the line: a typed error, nothing taken out
    missing = await tools.remove_from_cart("sunglasses", ctx, for_whom="mum")
    assert missing["status"] == "error" and missing["code"] == "not_found"
    assert (await tools.view_cart(ctx))["cart"]["items"][0]["quantity"] == 1
    # a line set below what its marks count loses the gifts marked last
    await tools.add_to_cart("sunglasses", ctx, quantity=1, for_whom="sister")
    await tools.add_to_cart("sunglasses", ctx, quantity=1)  # the shopper's own
    cut = await tools.set_cart_quantity("sunglasses", 1, ctx)
    assert cut["cart"]["items"][0]["gifts"] == {"dad": 1}


async def test_each_write_is_recorded_for_undo(provider: StaticServices) -> None:
    tools, ctx = CartTools(provider), tool_context()
    await tools.add_to_cart("mug", ctx, quantity=2)
    await tools.add_to_cart("mug", ctx, quantity=1)  # same turn: one line, from 0 to 3
    await tools.set_cart_quantity("jar", 0, ctx)  # not in the cart: no change to undo
    [turn] = ctx.state["changes"]
    assert turn["lines"] == [{"id": "6E92ZMYYFZ", "name": "Mug", "before": 0, "after": 3}]
    ctx.invocation_id = "e-next-turn"
    await tools.remove_from_cart("mug", ctx)
    assert ctx.state["changes"][-1]["lines"] == [
        {"id": "6E92ZMYYFZ", "name": "Mug", "before": 3, "after": 0}
    ]
