"""A twelfth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human would expect the assistant to
do (which tool, which product, which quantity and currency, what the cart holds afterwards)
and the essential facts of its answers, not their wording. They cover situations the first
eleven sets barely do: earlier results named in many forms ("no. 2", "#3", "#1 as well, x2",
"the cheaper of those", "the last one you showed" and "the one you showed before that" across
two searches, "the 2nd cheapest", "both" after a comparison, "no. 2" and "the priciest one"
after the cart was shown); quantities as "a couple", "three more", "one less", "double it",
"x2" and "just one"; currencies as "in pounds", "in GBP", "£", "in yen" and "in euros please",
and unknown ones ("in bitcoin", "in XYZ") that must be refused plainly and change nothing;
slang and misspelt names ("sunnies", "shades", "hair dryer", "salt n pepper", "candle holdr",
"a loafer"); products the shop does not sell ("a toaster", "a skateboard"), alone and next to
one it does; polite and indirect requests ("would you mind popping two mugs in my basket",
"I think I'd like the watch after all"); and a mind changed within one message ("add a mug,
actually make that two", "the watch - no wait, the sunglasses instead", "a tank top. no, make
it a pair of loafers", "remove the mug - oh actually, just take one of them out").
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 3 of 12 passed (one hairdryer price in pounds, yen, euros and GBP with bitcoin and
XYZ refused; a toaster and a skateboard not sold next to mugs and a jar; "both" after a
comparison then a couple more of the cheaper one in GBP). No expectation was found to be the
test's own mistake. The nine failures are the assistant's:
- "how much is no. 2?" after the kitchen list asked "Which product do you mean? Recently we
  looked at: 1. Salt & Pepper Shakers, 2. Bamboo Glass Jar, 3. Mug." without a tool call;
- "and the last one you showed, what's that in yen?" (sunglasses, then the watch) switched to
  yen and showed the cart ("1 x Sunglasses. Total: ¥2,235") instead of the watch's ¥12,298;
- "hmm, one less actually" (5 mugs) called add_to_cart(product="less", quantity=1);
- "and the watch - no wait, the sunglasses instead" added nothing;
- "the cheapest of those, three please" after the list under £15 added nothing;
- "shades x2" did not add the sunglasses;
- "how much is no. 2 in yen?" (the cart's mugs) described the mug at $8.99, not in yen;
- "and the one you showed before that too" (the tank top, then the loafers, loafers added)
  added a second pair of loafers instead of the tank top;
- "the second one looks nice, how much is it in pounds?" after the kitchen list switched the
  display currency to GBP and asked which product.

Then fixed by general rules (the same session): "no. 2", "Nr.3" are "number 2" (not a
sentence end); a pronoun after an ordinal in one clause is that product ("the second one looks
nice, how much is it in pounds?"), and "that" in a currency question after a cart change is
the product an ordinal points at, not the cart; "one less actually", "one less of the first
one" take one out; a product or request taken back in the same message is replaced by what
follows ("the watch - no wait, the sunglasses instead", "a tank top. no, make it a pair of
loafers", "remove the mug - oh actually, just take one of them out"), and "X instead of Y"
swaps Y for X; "shades x2" (an order line with a multiplier) adds; "the cheapest of those,
three please" adds three of the cheapest shown, and "the 2nd cheapest" is that place in price
order; "take the priciest one out" after the cart picks among its lines, the whole line; a
closing "then please" connects no clause ("in yen then please" after an unknown currency
shows the total again). The one still wrong was marked xfail; a later session keeps the
lists shown lately, and "the one you showed before that" (the tank top, after the loafers)
passes: 12 of 12.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    KITCHEN,
    LOAFERS,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    cart_of,
    changes_cart,
    names_of,
    result_of,
    said_no,
    switched_to,
    usd_total,
    writes_of,
)

NEGATIVE = (
    "not ", "n't", "no ", "sorry", "unable", "cannot", "unfortunately", "unknown", "unsupported",
)  # fmt: skip
#: Prices as the shop's currency service converts them (EUR-based rate table, rounded).
GBP = {
    "Hairdryer": "£19.00", "Salt & Pepper Shakers": "£14.06", "Bamboo Glass Jar": "£4.17",
    "Mug": "£6.84",
}  # fmt: skip
JPY = {"Watch": "¥12,298", "Sunglasses": "¥2,235", "Mug": "¥1,005", "Hairdryer": "¥2,794"}
EUR = {"Watch": "€97.29", "Hairdryer": "€22.11"}
#: Under £15 (£15 is $19.72): everything but the sunglasses (£15.20), hairdryer, watch, loafers.
UNDER_15_POUNDS = {"Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug"}


def _yen(cart: dict[str, int]) -> str:
    """What `cart` costs in yen, its dollar total converted through the euro."""
    usd = sum(PRICE[p] * q for p, q in cart.items())
    yen = (usd / Decimal("1.1305") * Decimal("126.40")).quantize(Decimal(1), ROUND_HALF_UP)
    return f"¥{yen:,}"


def _price(name: str) -> str:
    return f"${PRICE[ID[name]]}"


def _added(turn: Turn) -> list[str]:
    """What the turn asked add_to_cart to add, lower-cased (ids or names)."""
    return [str(call.get("product", "")).lower() for call in turn.calls("add_to_cart")]


async def test_numbered_picks_from_a_kitchen_list(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("what do you have for the kitchen?")
    names = names_of(kitchen)
    assert set(names) == KITCHEN, names
    for name in names:
        assert name in kitchen.text, (name, kitchen.text)
    assert not changes_cart(kitchen)
    first, second, third = names

    two = await shopper.say("how much is no. 2?")
    assert _price(second) in two.text, (second, two.text)
    assert not changes_cart(two)

    await shopper.say("pop #3 in my basket please")
    assert await cart_of(services) == {ID[third]: 1}

    await shopper.say("and a couple of the first one")
    cart = {ID[third]: 1, ID[first]: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    assert usd_total(cart) in total.text, (cart, total.text)
    assert not changes_cart(total)


async def test_the_cheaper_of_those_the_last_one_in_yen_then_the_watch_after_all(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("show me your accessories")
    names = names_of(accessories)
    assert set(names) == {"Sunglasses", "Watch"}, names
    assert not changes_cart(accessories)

    await shopper.say("I'll have the cheaper of those")
    assert await cart_of(services) == {SUNGLASSES: 1}

    last = await shopper.say("and the last one you showed, what's that in yen?")
    assert JPY[names[-1]] in last.text, (names[-1], last.text)
    assert not changes_cart(last)

    watch = await shopper.say(
        "Actually, I think I'd like the watch after all, instead of the sunglasses"
    )
    assert not watch.calls("empty_cart")
    assert await cart_of(services) == {WATCH: 1}

    basket = await shopper.say("what's in my basket in euros please?")
    assert "Watch" in basket.text and EUR["Watch"] in basket.text, basket.text
    assert not changes_cart(basket)
    assert await cart_of(services) == {WATCH: 1}


async def test_polite_quantities_three_more_one_less_x2_double_it_just_one(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Would you mind popping two mugs in my basket?")
    assert await cart_of(services) == {MUG: 2}

    more = await shopper.say("Lovely, and three more of them")
    assert not more.calls("empty_cart")
    assert await cart_of(services) == {MUG: 5}

    less = await shopper.say("hmm, one less actually")
    assert not less.calls("add_to_cart") and not less.calls("empty_cart")
    assert await cart_of(services) == {MUG: 4}

    await shopper.say("bamboo jars x2")
    assert await cart_of(services) == {MUG: 4, JAR: 2}

    double = await shopper.say("double it")  # the jars just added
    assert not double.calls("empty_cart")
    assert await cart_of(services) == {MUG: 4, JAR: 4}

    one = await shopper.say("on second thought, just one jar")
    assert not one.calls("empty_cart")
    assert await cart_of(services) == {MUG: 4, JAR: 1}

    pounds = await shopper.say("what's the total in pounds?")
    assert "£31.52" in pounds.text, pounds.text  # $41.45
    assert not changes_cart(pounds)
    assert await cart_of(services) == {MUG: 4, JAR: 1}


async def test_minds_changed_within_one_message(
    shopper: Conversation, services: AgentServices
) -> None:
    two = await shopper.say("add a mug, actually make that two")
    assert not two.calls("empty_cart")
    assert await cart_of(services) == {MUG: 2}

    instead = await shopper.say("and the watch - no wait, the sunglasses instead")
    assert not any(p == WATCH.lower() or "watch" in p for p in _added(instead)), instead.tool_calls
    assert await cart_of(services) == {MUG: 2, SUNGLASSES: 1}

    loafers = await shopper.say("put in a tank top. no, make it a pair of loafers")
    assert await cart_of(services) == {MUG: 2, SUNGLASSES: 1, LOAFERS: 1}  # one pair
    assert not loafers.calls("empty_cart")

    one = await shopper.say("remove the mug - oh actually, just take one of them out")
    assert not one.calls("empty_cart")
    cart = {MUG: 1, SUNGLASSES: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    assert usd_total(cart) in total.text, total.text  # $118.97
    assert not changes_cart(total)


async def test_one_price_in_pounds_yen_bitcoin_euros_xyz_and_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    pounds = await shopper.say("how much is the hair dryer in pounds?")
    assert GBP["Hairdryer"] in pounds.text, pounds.text
    assert not changes_cart(pounds)

    yen = await shopper.say("and in yen?")
    assert JPY["Hairdryer"] in yen.text, yen.text
    assert not changes_cart(yen)

    bitcoin = await shopper.say("what about in bitcoin?")
    # Not a currency the shop knows: said plainly, nothing changed.
    assert not switched_to(bitcoin), bitcoin.tool_results
    assert said_no(bitcoin, NEGATIVE), bitcoin.text
    assert not writes_of(bitcoin), bitcoin.tool_calls

    euros = await shopper.say("ok, in euros please")
    assert EUR["Hairdryer"] in euros.text, euros.text
    assert not changes_cart(euros)

    await shopper.say("add it to my basket")
    assert await cart_of(services) == {HAIRDRYER: 1}

    xyz = await shopper.say("what's my total in XYZ?")
    assert not switched_to(xyz), xyz.tool_results
    assert said_no(xyz, NEGATIVE), xyz.text
    assert not writes_of(xyz), xyz.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    gbp = await shopper.say("fine, in GBP then")
    assert GBP["Hairdryer"] in gbp.text, gbp.text  # the cart is the one hairdryer
    assert not changes_cart(gbp)
    assert await cart_of(services) == {HAIRDRYER: 1}


async def test_under_15_pounds_the_cheapest_and_the_2nd_cheapest_then_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("anything under £15?")
    call = under.calls("search_products")[-1]
    assert Decimal(call["max_price"]) == 15 and call.get("price_currency") == "GBP", call
    assert set(names_of(under)) == UNDER_15_POUNDS, names_of(under)
    assert not changes_cart(under)

    await shopper.say("the cheapest of those, three please")
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("and the 2nd cheapest, just one")
    assert await cart_of(services) == {JAR: 3, MUG: 1}

    euros = await shopper.say("could I see my basket in euros please?")
    assert "€22.52" in euros.text, euros.text  # $25.46
    assert not changes_cart(euros)
    assert await cart_of(services) == {JAR: 3, MUG: 1}


async def test_sunnies_hair_dryer_salt_n_pepper_candle_holdr_a_loafer_and_shades(
    shopper: Conversation, services: AgentServices
) -> None:
    sunnies = await shopper.say("got any sunnies?")
    assert names_of(sunnies)[0] == "Sunglasses", names_of(sunnies)
    assert "$19.99" in sunnies.text, sunnies.text
    assert not changes_cart(sunnies)

    await shopper.say("add a hair dryer and the salt n pepper thing pls")
    assert await cart_of(services) == {HAIRDRYER: 1, SHAKERS: 1}

    await shopper.say("oh and a candle holdr")
    assert await cart_of(services) == {HAIRDRYER: 1, SHAKERS: 1, CANDLE_HOLDER: 1}

    loafer = await shopper.say("how much is a loafer")
    assert "$89.99" in loafer.text, loafer.text
    assert not changes_cart(loafer)

    await shopper.say("shades x2")
    cart = {HAIRDRYER: 1, SHAKERS: 1, CANDLE_HOLDER: 1, SUNGLASSES: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("wats the total")
    assert usd_total(cart) in total.text, total.text  # $102.45
    assert not changes_cart(total)


async def test_a_toaster_and_a_skateboard_are_not_sold_next_to_mugs_and_a_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    toaster = await shopper.say("do you have a toaster?")
    assert said_no(toaster, NEGATIVE), toaster.text
    assert not writes_of(toaster), toaster.tool_calls

    skateboard = await shopper.say("ok, add a skateboard then")
    assert said_no(skateboard, NEGATIVE), skateboard.text
    assert await cart_of(services) == {}

    await shopper.say("would you mind popping two mugs in my basket?")
    assert await cart_of(services) == {MUG: 2}

    both = await shopper.say("and a toaster and a bamboo jar")
    assert await cart_of(services) == {MUG: 2, JAR: 1}
    # The jar went in; the answer says the toaster is not sold.
    assert "toaster" in both.text.lower() and said_no(both, NEGATIVE), both.text

    cart = await shopper.say("what's in my cart?")
    items = result_of(cart, "view_cart")["cart"]["items"]
    assert {i["product_id"]: i["quantity"] for i in items} == {MUG: 2, JAR: 1}, items
    assert "$23.47" in cart.text, cart.text
    assert not changes_cart(cart)


async def test_no_2_in_yen_and_the_priciest_one_after_the_cart_is_shown(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a watch, sunglasses and 2 mugs please")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1, MUG: 2}

    shown = await shopper.say("what's in my cart?")
    items = result_of(shown, "view_cart")["cart"]["items"]
    assert len(items) == 3, items
    second = items[1]["product_id"]
    assert not changes_cart(shown)

    two = await shopper.say("how much is no. 2 in yen?")
    by_id = {WATCH: "Watch", SUNGLASSES: "Sunglasses", MUG: "Mug"}
    # The mugs: each (¥1,005) or the line of two (¥2,010).
    wanted = {JPY[by_id[second]]} | ({"¥2,010"} if second == MUG else set())
    assert any(w in two.text for w in wanted), (by_id[second], two.text)
    assert not changes_cart(two)

    out = await shopper.say("take the priciest one out")
    assert not out.calls("add_to_cart") and not out.calls("empty_cart")
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 2}

    await shopper.say("and double the mugs")
    cart = {SUNGLASSES: 1, MUG: 4}
    assert await cart_of(services) == cart

    total = await shopper.say("how much is that in total, in dollars?")
    assert usd_total(cart) in total.text, total.text  # $55.95
    assert not changes_cart(total)


async def test_both_after_a_comparison_then_a_couple_more_of_the_cheaper_in_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    compared = await shopper.say(
        "what's the difference between the candle holder and the salt and pepper shakers?"
    )
    assert "$18.99" in compared.text and "$18.49" in compared.text, compared.text
    assert not changes_cart(compared)

    await shopper.say("I'll take both")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 1}

    await shopper.say("and a couple more of the cheaper one")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 3}

    gbp = await shopper.say("what does that come to in GBP?")
    assert "£56.62" in gbp.text, gbp.text  # $74.46
    assert not changes_cart(gbp)
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 3}


async def test_the_last_one_you_showed_and_the_one_before_that_across_searches(
    shopper: Conversation, services: AgentServices
) -> None:
    tops = await shopper.say("got any tops?")
    assert names_of(tops) == ["Tank Top"], names_of(tops)
    assert not changes_cart(tops)

    shoes = await shopper.say("what about shoes?")
    assert names_of(shoes) == ["Loafers"], names_of(shoes)
    assert not changes_cart(shoes)

    await shopper.say("add the last one you showed")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("and the one you showed before that too")
    assert await cart_of(services) == {LOAFERS: 1, TANK_TOP: 1}

    euros = await shopper.say("what's the total in euros please?")
    assert "€96.40" in euros.text, euros.text  # $108.98
    assert not changes_cart(euros)


async def test_a_visit_with_a_toaster_the_second_one_in_pounds_and_a_total_in_xyz(
    shopper: Conversation, services: AgentServices
) -> None:
    toaster = await shopper.say("hiya! do you have a toaster by any chance?")
    assert said_no(toaster, NEGATIVE), toaster.text
    assert not writes_of(toaster), toaster.tool_calls

    kitchen = await shopper.say("no worries. what kitchen bits have you got then?")
    names = names_of(kitchen)
    assert set(names) == KITCHEN, names
    assert not changes_cart(kitchen)
    first, second, _ = names

    pounds = await shopper.say("the second one looks nice, how much is it in pounds?")
    assert GBP[second] in pounds.text, (second, pounds.text)
    assert not changes_cart(pounds)

    await shopper.say("go on then, pop a couple in my basket")
    assert await cart_of(services) == {ID[second]: 2}

    await shopper.say("and #1 as well, x2")
    assert await cart_of(services) == {ID[second]: 2, ID[first]: 2}

    less = await shopper.say("hmm, one less of the first one")
    assert not less.calls("add_to_cart") and not less.calls("empty_cart")
    cart = {ID[second]: 2, ID[first]: 1}
    assert await cart_of(services) == cart

    xyz = await shopper.say("what's my total in XYZ?")
    assert not switched_to(xyz), xyz.tool_results
    assert said_no(xyz, NEGATIVE), xyz.text
    assert not writes_of(xyz), xyz.tool_calls
    assert await cart_of(services) == cart

    yen = await shopper.say("in yen then please")
    assert _yen(cart) in yen.text, (cart, yen.text)
    assert not changes_cart(yen)

    await shopper.say("oh, and would you mind adding a watch too?")
    cart[WATCH] = 1
    assert await cart_of(services) == cart

    bye = await shopper.say("thanks, that's all!")
    assert not writes_of(bye), bye.tool_calls
    assert bye.text.strip()
    assert await cart_of(services) == cart
