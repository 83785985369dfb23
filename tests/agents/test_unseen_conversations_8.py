"""An eighth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human would expect the assistant to
do (which tool, which product, which quantity and currency, which alert target, what the cart
holds afterwards) and the essential facts of its answers, not their wording. They read like a
shopper typing on a phone and cover situations the first seven sets do not: "the second one
you showed" and "the pricier of the two" after a category was listed, quantities changed with
"make that five", "one less" and "double it", a removal with a typo ("the lofers") and "the
last thing I added" then "take that out", a whole visit in yen (a price limit in yen, the cart
total in yen) and back to dollars, a real ISO code the shop does not support (ARS) followed by
one it does (KRW), alerts set in pounds, euros and yen then one deleted by its position in the
list, "i only wear black" and "no more kitchen stuff" respected by later searches, questions
about a product's category, material and size mixed with things the shop does not sell
(headphones, yoga mats), comparing two products with other retailers then taking the cheaper,
a six-turn gift conversation mixing a search, a price in euros, a quantity, an alert and a
change of mind, a colour the product does not come in, and cart lines named by their colour
("the silver one", "the black one", "the gold thing").
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 2 of 12 passed (a visit in yen, alerts in three currencies deleted by position). No
expectation was found to be the test's own mistake. The ten failures are the assistant's: "nah
too much. add the cheaper one" (sunglasses vs watch) ran analyse_deal on the watch and added
nothing; "actually double it, theyre for the office" (4 mugs) called no tool ("There is no
theyre office in your cart to multiply"); "wait what was the last thing i added?" asked which
product without a tool call; "hmm ok what about in KRW?" (the hairdryer, after ARS was refused)
switched the display currency without giving the price (₩28,185); "whats nice under 20
dollars?" after "no more kitchen stuff" (recorded as the dislike "kitchen enough mugs") listed
the mug, shakers and jar; "what category is the candle holder in" searched for it and gave no
category; "ok so which of the two is cheaper here" (watch vs loafers) listed 7 products under
$89.98 without naming the loafers; "actually make it just one of the gift, she lives alone
lol" (2 bamboo jars) failed on "gift" and set a product "lives alone" (the tank top) to 1,
adding it; "got them in gold?" (the sunglasses) described the sunglasses and the watch without
saying they do not come in gold; "take out the black one" (cart: watch, mug, candle holder)
asked which of the four black products in the catalog instead of removing the mug.

Eleven were then fixed by general rules (the same session): a remark on the price before a
cart change is its reason ("nah too much. add the cheaper one"); "they're"/"theyre" and what
it is for ("double it, they are for the office"); "the last thing I added" is the product the
add put in focus, and "what was it?" is a question, not another add; "whats that in ARS" right
after a cart change is the cart, so "what about in KRW?" after the refusal shows it in won;
"tbh" and "got enough mugs" are no tastes, and a disliked category ("no more kitchen stuff")
is left out of browsing (still shown when asked for by name or category); "what category is
the candle holder in" answers with its categories; "which of the two is cheaper" compares the
two just talked about; what is said about someone after a request ("she lives alone lol") is
left out and "the gift" in a cart change is the cart's one line; "what alert did I set
again?" lists the alerts; a colour asked of a product ("got them in gold?") is answered yes or
no from its description; and words that fit several products in a cart change mean the one
the cart holds ("take out the black one"). The one still wrong is marked xfail below.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    KITCHEN,
    LOAFERS,
    MUG,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    assert_alert,
    cart_of,
    changes_cart,
    names_of,
    result_of,
    said_no,
    tools_of,
    usd_total,
    writes_of,
)

#: The kitchen category.
#: Catalog prices in euros, as the shop's currency service converts them.
EUR_PRICE = {
    "Sunglasses": "€17.68", "Tank Top": "€16.80", "Watch": "€97.29", "Loafers": "€79.60",
    "Hairdryer": "€22.11", "Candle Holder": "€16.80", "Salt & Pepper Shakers": "€16.36",
    "Bamboo Glass Jar": "€4.86", "Mug": "€7.95",
}  # fmt: skip
NEGATIVE = ("not ", "n't", "no ", "sorry", "unable", "cannot", "unfortunately")


async def _display_currency(shopper: Conversation) -> str:
    return (await shopper.state()).get("display_currency", "USD")


async def test_second_one_shown_and_the_pricier_of_the_two(
    shopper: Conversation, services: AgentServices
) -> None:
    listed = await shopper.say("show me ur accessories")
    names = names_of(listed)
    assert set(names) == {"Sunglasses", "Watch"}, names
    assert not changes_cart(listed)

    second = await shopper.say("whats the second one you showed?")
    assert names[1] in second.text, second.text
    assert not changes_cart(second)

    pounds = await shopper.say("and the pricier of the two, how much is it in pounds")
    assert "£83.64" in pounds.text, pounds.text  # the watch, $109.99
    assert not changes_cart(pounds)

    await shopper.say("nah too much. add the cheaper one")
    assert await cart_of(services) == {SUNGLASSES: 1}


async def test_make_that_five_one_less_double_it(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("can i get three mugs")
    assert await cart_of(services) == {MUG: 3}

    five = await shopper.say("make that five")
    assert not five.calls("empty_cart")
    assert await cart_of(services) == {MUG: 5}

    await shopper.say("hmm one less")
    assert await cart_of(services) == {MUG: 4}

    await shopper.say("actually double it, theyre for the office")
    assert await cart_of(services) == {MUG: 8}

    total = await shopper.say("whats that come to")
    assert "view_cart" in tools_of(total)
    assert "$71.92" in total.text, total.text
    assert not changes_cart(total)


async def test_typo_removal_and_the_last_thing_added(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a tank top, the loafers and 2 bamboo jars")
    assert await cart_of(services) == {TANK_TOP: 1, LOAFERS: 1, JAR: 2}

    removed = await shopper.say("remove the lofers")
    assert not removed.calls("add_to_cart") and not removed.calls("empty_cart")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 2}

    await shopper.say("add sunglases too")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 2, SUNGLASSES: 1}

    last = await shopper.say("wait what was the last thing i added?")
    assert "Sunglasses" in last.text, last.text
    assert not changes_cart(last)

    out = await shopper.say("take that out actually")
    assert not out.calls("add_to_cart") and not out.calls("empty_cart")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 2}

    total = await shopper.say("total?")
    assert "view_cart" in tools_of(total)
    assert usd_total({TANK_TOP: 1, JAR: 2}) in total.text, total.text  # $29.97


async def test_a_visit_in_yen_then_back_to_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    yen = await shopper.say("can you show prices in yen from now on")
    assert yen.calls("set_display_currency"), yen.tool_calls
    assert await _display_currency(shopper) == "JPY"
    assert not changes_cart(yen)

    kitchen = await shopper.say("any kitchen stuff under 1500 yen?")
    call = kitchen.calls("search_products")[-1]
    assert Decimal(call["max_price"]) == 1500, call
    assert call.get("price_currency", "JPY") == "JPY", call
    assert set(names_of(kitchen)) == {"Bamboo Glass Jar", "Mug"}
    assert "¥1,005" in kitchen.text and "¥614" in kitchen.text, kitchen.text
    assert not changes_cart(kitchen)

    await shopper.say("add the mug")
    assert await cart_of(services) == {MUG: 1}

    total = await shopper.say("whats my total")
    assert "view_cart" in tools_of(total)
    assert "¥1,005" in total.text, total.text

    back = await shopper.say("back to usd pls")
    assert await _display_currency(shopper) == "USD"
    assert not changes_cart(back)

    again = await shopper.say("total again?")
    assert "view_cart" in tools_of(again)
    assert "$8.99" in again.text, again.text
    assert await cart_of(services) == {MUG: 1}


async def test_an_unsupported_iso_code_then_a_supported_one(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a hairdryer pls")
    assert await cart_of(services) == {HAIRDRYER: 1}

    ars = await shopper.say("whats that in ARS")
    assert "ARS" in ars.text, ars.text
    assert said_no(ars, NEGATIVE), ars.text
    assert await _display_currency(shopper) == "USD"
    assert not writes_of(ars), ars.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    krw = await shopper.say("hmm ok what about in KRW?")
    assert "28,185" in krw.text, krw.text  # ₩28,185 for $24.99
    assert not changes_cart(krw)

    back = await shopper.say("cool, switch back to usd")
    assert await _display_currency(shopper) == "USD"
    assert not changes_cart(back)

    total = await shopper.say("total?")
    assert "view_cart" in tools_of(total)
    assert "$24.99" in total.text, total.text
    assert await cart_of(services) == {HAIRDRYER: 1}


async def test_alerts_in_pounds_euros_and_yen_then_one_deleted_by_position(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("tell me when the loafers drop below 60 quid")
    assert_alert(loafers, "Loafers", "GBP", 60)  # £68.43 today

    watch = await shopper.say("and the watch if it goes under 90 euros")
    assert_alert(watch, "Watch", "EUR", 90)  # €97.29 today

    dryer = await shopper.say("hairdryer below 2000 yen pls")
    assert_alert(dryer, "Hairdryer", "JPY", 2000)  # ¥2,794 today

    listed = await shopper.say("what alerts have i got?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert sorted(a["product_name"] for a in alerts) == ["Hairdryer", "Loafers", "Watch"]
    for name in ("Loafers", "Watch", "Hairdryer"):
        assert name in listed.text, listed.text
    assert not writes_of(listed), listed.tool_calls
    second = alerts[1]["product_name"]

    gone = await shopper.say("delete the second one")
    deleted = result_of(gone, "delete_price_alert")
    assert deleted["deleted"] == [second] and deleted["remaining"] == 2, deleted
    assert not changes_cart(gone)

    again = await shopper.say("show them again")
    left = result_of(again, "list_price_alerts")["alerts"]
    assert sorted(a["product_name"] for a in left) == sorted(
        a["product_name"] for a in alerts if a["product_name"] != second
    )
    assert await cart_of(services) == {}


async def test_only_black_and_no_more_kitchen_stuff_respected(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("i only wear black tbh")
    calls = black.calls("record_style_preferences")
    likes = [w for c in calls for w in c.get("likes") or []]
    assert any("black" in w for w in likes), calls
    assert not changes_cart(black)

    accessories = await shopper.say("any accessories for me?")
    names = names_of(accessories)
    assert names[0] == "Sunglasses", names  # black frame; the watch is gold-tone
    assert not changes_cart(accessories)

    kitchen = await shopper.say("and pls no more kitchen stuff, got enough mugs lol")
    calls = kitchen.calls("record_style_preferences")
    dislikes = [w for c in calls for w in c.get("dislikes") or []]
    assert any("kitchen" in w for w in dislikes), calls
    assert not changes_cart(kitchen)

    cheap = await shopper.say("whats nice under 20 dollars?")
    call = cheap.calls("search_products")[-1]
    assert Decimal(call["max_price"]) == 20, call
    names = names_of(cheap)
    assert names and not KITCHEN & set(names), names
    assert names[0] in BLACK, names  # sunglasses or the tank top
    assert await cart_of(services) == {}


async def test_product_questions_and_things_not_sold(
    shopper: Conversation, services: AgentServices
) -> None:
    phones = await shopper.say("do u have any headphones?")
    assert not writes_of(phones), phones.tool_calls
    assert said_no(phones, NEGATIVE), phones.text

    category = await shopper.say("what category is the candle holder in")
    text = category.text.lower()
    assert "decor" in text or "home" in text, category.text
    assert not changes_cart(category)

    made = await shopper.say("whats the tank top made of")
    text = made.text.lower()
    assert "knit" in text or "stretch" in text, made.text
    assert not changes_cart(made)

    size = await shopper.say("how big is the bamboo jar")
    assert "1.7" in size.text or "57" in size.text, size.text
    assert not changes_cart(size)

    yoga = await shopper.say("got yoga mats?")
    assert not writes_of(yoga), yoga.tool_calls
    assert said_no(yoga, NEGATIVE), yoga.text
    assert await cart_of(services) == {}


async def test_comparing_two_with_other_shops_then_the_cheaper(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("is the watch cheaper anywhere else?")
    assert "price_comparison" in watch.transfers
    assert result_of(watch, "compare_prices")["product"]["name"] == "Watch"
    assert "$109.99" in watch.text, watch.text
    assert not changes_cart(watch)

    loafers = await shopper.say("and the loafers?")
    assert result_of(loafers, "compare_prices")["product"]["name"] == "Loafers"
    assert "$89.99" in loafers.text, loafers.text
    assert not changes_cart(loafers)

    which = await shopper.say("ok so which of the two is cheaper here")
    assert "Loafers" in which.text, which.text
    assert not changes_cart(which)

    await shopper.say("get me the cheaper one then")
    assert await cart_of(services) == {LOAFERS: 1}


async def test_a_gift_for_a_sister_who_cooks_in_six_turns(
    shopper: Conversation, services: AgentServices
) -> None:
    ideas = await shopper.say("hey! need a gift for my sister, shes really into cooking 🍳")
    names = names_of(ideas)
    assert len(names) >= 2 and set(names[:2]) <= KITCHEN, names
    assert not changes_cart(ideas)
    pick = names[1]

    euros = await shopper.say("how much is the second one in euros?")
    assert EUR_PRICE[pick] in euros.text, euros.text
    assert not changes_cart(euros)

    await shopper.say("grab two of that one")
    assert await cart_of(services) == {ID[pick]: 2}

    alert = await shopper.say("and ping me if the salt and pepper shakers go under 15 dollars")
    assert_alert(alert, "Salt & Pepper Shakers", "USD", 15)
    assert not changes_cart(alert)

    await shopper.say("actually make it just one of the gift, she lives alone lol")
    assert await cart_of(services) == {ID[pick]: 1}

    total = await shopper.say("whats my total in euros")
    assert EUR_PRICE[pick] in total.text, total.text
    assert not changes_cart(total)

    alerts = await shopper.say("thx! and what alert did i set again?")
    listed = result_of(alerts, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in listed] == ["Salt & Pepper Shakers"]
    assert not writes_of(alerts), alerts.tool_calls
    assert await cart_of(services) == {ID[pick]: 1}


async def test_a_colour_the_sunglasses_do_not_come_in(
    shopper: Conversation, services: AgentServices
) -> None:
    colour = await shopper.say("what colour are the sunglasses")
    assert "black" in colour.text.lower(), colour.text
    assert not changes_cart(colour)

    gold = await shopper.say("got them in gold?")
    assert not writes_of(gold), gold.tool_calls
    assert said_no(gold, NEGATIVE), gold.text

    watch = await shopper.say("what colour is the watch then")
    assert "gold" in watch.text.lower(), watch.text
    assert not changes_cart(watch)

    await shopper.say("ok add the watch, and the sunglasses in black are fine too")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1}


@pytest.mark.xfail(
    strict=True,
    reason="'the gold thing, is it real gold?' searches for gold; a currency asked in passing "
    "stays the display currency, so the last total is in CAD",
)
async def test_cart_lines_named_by_their_colour(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add the watch, a mug and a candle holder pls")
    assert await cart_of(services) == {WATCH: 1, MUG: 1, CANDLE_HOLDER: 1}

    silver = await shopper.say("how much is the silver one in canadian dollars?")
    assert "25.41" in silver.text, silver.text  # the candle holder, CA$25.41
    assert not changes_cart(silver)

    removed = await shopper.say("take out the black one")
    assert not removed.calls("add_to_cart") and not removed.calls("empty_cart")
    assert await cart_of(services) == {WATCH: 1, CANDLE_HOLDER: 1}

    gold = await shopper.say("the gold thing, is it real gold?")
    text = gold.text.lower()
    assert "stainless" in text or "gold-tone" in text or "gold tone" in text, gold.text
    assert not changes_cart(gold)

    total = await shopper.say("ok total?")
    assert "view_cart" in tools_of(total)
    assert usd_total({WATCH: 1, CANDLE_HOLDER: 1}) in total.text, total.text  # $128.98
    assert await cart_of(services) == {WATCH: 1, CANDLE_HOLDER: 1}
