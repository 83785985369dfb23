"""A seventeenth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tool, which product, which quantity, currency and alert target, what the cart holds afterwards)
and the essential facts of its answers, not their wording. Their theme is a returning shopper
with a long session, six to ten turns each, leaning on what was said and shown before: "tell me
more about the second one", "and the first?", "go back to the sunglases", "a couple of those",
"add the last thing I looked at", "and the first thing I asked about too", "the one you showed
me first", "the cheaper of the two", "and the other one too", "same again", "add another",
"remove the last one", "that mug", "cancel the second one" (of the alerts listed), "what did I
leave in my cart last time?" (a cart kept from an earlier visit); quantities in words and digits
("a couple", "half a dozen", "one less", "3 more", "a pair", "change the jars to two"); totals
and prices in currencies named in words or symbols (£, yen, euros, "Canadian", Australian
dollars), a display currency switched to euros and back, and unknown ones ("in bitcoin", "in
dogecoin") that must get a clear answer and change nothing; typos ("sunglases", "hairdrier",
"candel holder", "mugg"); asides and small talk that must change nothing ("brb", "haha nice",
"thanks!", "brb, kettle's boiling"); lines removed, swapped and changed; price alerts set (in
dollars and euros), listed and cancelled; and a stated taste (silver but never gold; no black,
natural materials) followed by recommendations that honour it.
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 4 of 12 passed (the accessories again, the second one, back to the sunglases, a
couple of them in pounds; under 20 dollars, the cheaper of the cheapest two, back to the
sunglasses, the jars changed to two; no black and natural materials, the bamboo jar first, a
couple then 3 more; euros from now on, an alert in euros, bitcoin refused, back to dollars). No
expectation was found to be the test's own mistake. The eight failures are the assistant's
(each conversation stops at its first wrong turn, so later turns were not reached):
- "great, half a dozen please" after "do you still have that black mugg?" called no tool and
  answered "Great! What would you like to do next?" instead of adding six mugs;
- "what's left?" after three alerts were set and listed and "cancel the second one" rightly
  cancelled the loafers alert called view_cart and answered "Your cart is empty." instead of
  listing the alerts left (hairdryer at $20, watch at €90);
- "nice. how much is the one you showed me first?" after the silver-not-gold recommendations
  (candle holder first) called no tool and asked "Which product do you mean? Recently we
  looked at: 1. Candle Holder, 2. Sunglasses, ..." instead of giving its price, $18.99;
- "what's the total in Canadian?" (two jars) called view_cart and answered "No, there's no
  canadian in your cart. ... Total: $10.98." instead of the total in Canadian dollars,
  CA$14.69;
- "what about the hairdryer, how many heat settings does it have?" after asking about the
  loafers called get_product_details(product="L9ECAV7KIM") and described the loafers instead
  of saying the hairdryer has three heat and speed levels;
- "hey, I'm back. what did I leave in my cart last time?" (loafers and two mugs kept from an
  earlier visit) called add_to_cart(product="leave") and add_to_cart(product="time"), both
  failing ("I couldn't find a product matching 'leave' in the catalog. ..."), instead of
  view_cart showing the loafers, two mugs and $107.97;
- "actually remove the last one" after adding 2 mugs, a tank top and the shakers called no
  tool and asked "Which product do you mean? You can name it, for example "the watch"."
  instead of removing the shakers, the last one named and added;
- "and on the other at 100" after an alert on the cheaper of the watch and the loafers (the
  loafers at $70) called no tool and answered "Sorry, I didn't understand that. ..." instead
  of an alert on the watch at $100.

All eight were then fixed by general rules (the same session), and the later turns they had
hidden then passed or were fixed too: a search whose words some product matches together
shows only those ("black mug" is the mug); an acknowledgement before a count goes ("great,
half a dozen please" adds six); a thanks or "haha" between requests keeps the thread ("what's
left?" after cancelling an alert lists the alerts); "the one you showed me first" is the first
one; "in Canadian", "in swiss" name currencies; "what about the hairdryer, how many heat
settings does it have?" asks about the hairdryer; "what did I leave in my cart last time?"
views the cart ("last time" names no product); products asked about are remembered in order,
so "the first thing I asked about" resolves and "the last thing I looked at" is "it"; "the
last one" right after adding several is the last one added; "the other" (without "one") is
the other product; "get me the cheaper of the two" adds it; "remind me what the loafers are
made of?" asks; "and in bitcoin?" is an unknown currency; and a specialist hands on only the
later requests of a message, so "cancel all of them" does not also empty the cart once the
alerts are gone.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    LOAFERS,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    assert_alert,
    cart_of,
    changes_cart,
    result_of,
    said_no,
    shown_names,
    switched_to,
    tastes_said,
    tools_of,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: Words of a clear "I can't do that" for a currency the shop does not know.
CANNOT = (
    "can't", "cannot", "not ", "n't", "unsupported", "unknown", "sorry", "unfortunately",
    "only ",
)  # fmt: skip
#: Amounts as the shop's currency service (its EUR-based rate table) converts them: the total
#: converted, or its lines converted and added up (the same here, or as noted).
GBP_TWO_SUNGLASSES = ("£30.40",)  # $39.98
JPY_EIGHT_MUGS = ("8,041", "8,040")  # $71.92; or eight times ¥1,005
EUR_SHAKERS_AND_CANDLE_HOLDER = ("€33.15",)  # $37.48
CAD_TWO_JARS = ("14.69",)  # $10.98
EUR_THREE_MUGS = ("€23.86",)  # $26.97
EUR_WATCH = "€97.29"  # $109.99
EUR_SUNGLASSES_AND_WATCH = ("€114.98",)  # $129.98
AUD_THREE_MUGS_AND_SUNGLASSES = ("66.76",)  # $46.96


def price_of(name: str) -> str:
    """The catalog price of the product called `name`, as the shopper reads it: `$19.99`."""
    return f"${PRICE[ID[name]]}"


async def test_accessories_again_the_second_one_back_to_the_sunglases_a_couple_in_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    again = await shopper.say("hi, I'm back! can you show me your accessories again?")
    names = shown_names(again)
    assert set(names) == {"Sunglasses", "Watch"}, names
    assert not writes_of(again), again.tool_calls

    second = await shopper.say("tell me more about the second one")
    assert names[1] in second.text and price_of(names[1]) in second.text, second.text
    assert not writes_of(second), second.tool_calls

    first = await shopper.say("and the first?")
    assert price_of(names[0]) in first.text, first.text
    assert not writes_of(first), first.tool_calls

    frame = await shopper.say("ok go back to the sunglases - what colour is the frame?")
    assert "black" in frame.text.lower(), frame.text  # a slim black metal frame
    assert not writes_of(frame), frame.tool_calls

    brb = await shopper.say("brb")
    assert understood(brb), brb.text
    assert not writes_of(brb), brb.tool_calls

    await shopper.say("ok back. put a couple of those in my cart")
    assert await cart_of(services) == {SUNGLASSES: 2}

    pounds = await shopper.say("what's that in £?")
    assert any(t in pounds.text for t in GBP_TWO_SUNGLASSES), pounds.text
    assert not changes_cart(pounds), pounds.tool_calls

    thanks = await shopper.say("thanks!")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 2}


async def test_that_black_mugg_half_a_dozen_one_less_3_more_yen_and_not_bitcoin(
    shopper: Conversation, services: AgentServices
) -> None:
    still = await shopper.say("do you still have that black mugg?")
    assert "Mug" in still.text and "$8.99" in still.text, still.text
    assert not writes_of(still), still.tool_calls

    await shopper.say("great, half a dozen please")
    assert await cart_of(services) == {MUG: 6}

    haha = await shopper.say("haha nice, that's a lot of coffee")
    assert not writes_of(haha), haha.tool_calls
    assert await cart_of(services) == {MUG: 6}

    less = await shopper.say("actually one less")
    assert not less.calls("empty_cart") and not less.calls("add_to_cart"), less.tool_calls
    assert await cart_of(services) == {MUG: 5}

    more = await shopper.say("hmm, and 3 more of them for the office")
    assert not more.calls("empty_cart"), more.tool_calls
    assert await cart_of(services) == {MUG: 8}

    yen = await shopper.say("how much is that in yen?")
    assert any(t in yen.text for t in JPY_EIGHT_MUGS), yen.text  # $71.92
    assert not changes_cart(yen), yen.tool_calls

    bitcoin = await shopper.say("and in bitcoin?")
    assert said_no(bitcoin, CANNOT), bitcoin.text
    assert not switched_to(bitcoin), bitcoin.tool_results
    assert not writes_of(bitcoin), bitcoin.tool_calls
    assert await cart_of(services) == {MUG: 8}


async def test_three_alerts_the_second_one_cancelled_then_another_by_name(
    shopper: Conversation, services: AgentServices
) -> None:
    dryer = await shopper.say(
        "keep an eye on the hairdrier for me and tell me if it drops under 20 dollars"
    )
    assert_alert(dryer, "Hairdryer", "USD", 20)
    assert result_of(dryer, "create_price_alert")["already_met"] is False  # $24.99 today
    assert not changes_cart(dryer), dryer.tool_calls

    loafers = await shopper.say("and the loafers too, at 75")
    assert_alert(loafers, "Loafers", "USD", 75)
    assert not changes_cart(loafers), loafers.tool_calls

    watch = await shopper.say("oh and the watch at 90 euros")
    assert_alert(watch, "Watch", "EUR", 90)
    assert not changes_cart(watch), watch.tool_calls
    three = {("Hairdryer", "USD", 20), ("Loafers", "USD", 75), ("Watch", "EUR", 90)}
    assert await alerts_of(services) == three

    listed = await shopper.say("what alerts do I have now?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert {a["product_name"] for a in alerts} == {"Hairdryer", "Loafers", "Watch"}, alerts
    for fact in ("Hairdryer", "$20", "Loafers", "$75", "Watch", "€90"):
        assert fact in listed.text, (fact, listed.text)
    assert not writes_of(listed), listed.tool_calls

    second = alerts[1]["product_name"]  # the second of the list as shown
    cancel = await shopper.say("cancel the second one")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert not cancel.calls("create_price_alert") and not changes_cart(cancel), cancel.tool_calls
    left = {a for a in three if a[0] != second}
    assert await alerts_of(services) == left

    thanks = await shopper.say("thanks!")
    assert not writes_of(thanks), thanks.tool_calls
    assert await alerts_of(services) == left

    remaining = await shopper.say("what's left?")
    for name, _, _ in left:
        assert name in remaining.text, (name, remaining.text)
    assert not writes_of(remaining), remaining.tool_calls

    other = sorted(name for name, _, _ in left)[0]
    drop = await shopper.say(f"and drop the {other.lower()} one too")
    assert "delete_price_alert" in tools_of(drop), drop.tool_calls
    assert not drop.calls("create_price_alert"), drop.tool_calls
    assert await alerts_of(services) == {a for a in left if a[0] != other}
    assert await cart_of(services) == {}


async def test_silver_never_gold_the_first_shown_then_the_cheaper_of_two_and_the_other(
    shopper: Conversation, services: AgentServices
) -> None:
    taste = await shopper.say("just so you know, I love silver and can't stand gold")
    likes, dislikes = tastes_said(taste)
    assert any("silver" in w for w in likes), taste.tool_calls
    assert any("gold" in w for w in dislikes), taste.tool_calls
    assert not changes_cart(taste), taste.tool_calls

    picks = await shopper.say("what would you recommend for me?")
    names = shown_names(picks)
    assert "Watch" not in names, names  # a gold-tone case
    # The silver-tone candle holder (or the chrome-capped shakers) first.
    assert names[0] in {"Candle Holder", "Salt & Pepper Shakers"}, names
    assert names[0] in picks.text, picks.text
    assert not writes_of(picks), picks.tool_calls

    first = await shopper.say("nice. how much is the one you showed me first?")
    assert price_of(names[0]) in first.text, first.text
    assert not writes_of(first), first.tool_calls

    cheaper = await shopper.say(
        "and the salt and pepper shakers vs the candle holder, which is cheaper?"
    )
    assert "Salt & Pepper Shakers" in cheaper.text and "$18.49" in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    await shopper.say("ok get me the cheaper of the two")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("and the other one too")
    cart = {SHAKERS: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("what's my total in euros?")
    assert any(t in euros.text for t in EUR_SHAKERS_AND_CANDLE_HOLDER), euros.text
    assert not changes_cart(euros), euros.tool_calls
    assert await cart_of(services) == cart


async def test_candel_holder_another_a_jar_same_again_then_canadian_and_not_dogecoin(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a candel holder to my cart")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    another = await shopper.say("add another")
    assert not another.calls("empty_cart"), another.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    await shopper.say("and a bamboo jar")
    assert await cart_of(services) == {CANDLE_HOLDER: 2, JAR: 1}

    same = await shopper.say("same again")
    assert not same.calls("empty_cart"), same.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2, JAR: 2}

    lol = await shopper.say("lol ok thanks")
    assert not writes_of(lol), lol.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2, JAR: 2}

    out = await shopper.say("take the candle holders out")
    assert not out.calls("empty_cart") and not out.calls("add_to_cart"), out.tool_calls
    assert await cart_of(services) == {JAR: 2}

    cad = await shopper.say("what's the total in Canadian?")
    assert any(t in cad.text for t in CAD_TWO_JARS), cad.text  # $10.98
    assert not changes_cart(cad), cad.tool_calls

    doge = await shopper.say("can you do it in dogecoin?")
    assert said_no(doge, CANNOT), doge.text
    assert not switched_to(doge), doge.tool_results
    assert not writes_of(doge), doge.tool_calls
    assert await cart_of(services) == {JAR: 2}


async def test_three_prices_asked_brb_then_the_last_thing_looked_at_and_the_first(
    shopper: Conversation, services: AgentServices
) -> None:
    top = await shopper.say("how much is the tank top?")
    assert "$18.99" in top.text, top.text
    assert not writes_of(top), top.tool_calls

    loafers = await shopper.say("and the loafers?")
    assert "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls

    dryer = await shopper.say("what about the hairdryer, how many heat settings does it have?")
    text = dryer.text.lower()
    assert "three" in text or re.search(r"(?<![\d.$])3(?![\d.])", text), dryer.text
    assert not writes_of(dryer), dryer.tool_calls

    brb = await shopper.say("brb, kettle's boiling")
    assert understood(brb), brb.text
    assert not writes_of(brb), brb.tool_calls

    await shopper.say("ok I'm back. add the last thing I looked at")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("and the first thing I asked about too")
    cart = {HAIRDRYER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    assert usd_total(cart) in total.text, total.text  # $43.98
    assert not changes_cart(total), total.tool_calls


async def test_under_20_the_cheaper_of_the_cheapest_two_back_to_the_sunglasses_jars_to_two(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("show me stuff under 20 dollars")
    names = shown_names(under)
    assert set(names) == {
        "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar",
        "Mug",
    }, names  # fmt: skip
    assert not writes_of(under), under.tool_calls

    two = await shopper.say("which two of those are the cheapest?")
    for fact in ("Bamboo Glass Jar", "$5.49", "Mug", "$8.99"):
        assert fact in two.text, (fact, two.text)
    assert "Watch" not in two.text and "Loafers" not in two.text, two.text
    assert not writes_of(two), two.tool_calls

    await shopper.say("add three of the cheaper of the two")
    assert await cart_of(services) == {JAR: 3}

    lenses = await shopper.say("ok go back to the sunglasses, what are the lenses like?")
    text = lenses.text.lower()
    assert "grey" in text or "gray" in text, lenses.text  # dark grey teardrop lenses
    assert not writes_of(lenses), lenses.tool_calls

    await shopper.say("put a pair in")
    assert await cart_of(services) == {JAR: 3, SUNGLASSES: 1}

    jars = await shopper.say("change the jars to two")
    assert not jars.calls("empty_cart"), jars.tool_calls
    assert await cart_of(services) == {JAR: 2, SUNGLASSES: 1}

    look = await shopper.say("what does my cart look like now?")
    cart = {JAR: 2, SUNGLASSES: 1}
    assert viewed(look) == cart, look.tool_results
    assert usd_total(cart) in look.text, look.text  # $30.97
    assert not changes_cart(look), look.tool_calls


async def test_the_cart_left_last_time_one_less_mug_loafers_swapped_for_an_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    # What the shopper left in their cart on an earlier visit.
    await services.boutique.cart.add_item("shopper", LOAFERS, 1)
    await services.boutique.cart.add_item("shopper", MUG, 2)
    left = {LOAFERS: 1, MUG: 2}

    back = await shopper.say("hey, I'm back. what did I leave in my cart last time?")
    assert viewed(back) == left, back.tool_results
    assert "Loafers" in back.text and "Mug" in back.text, back.text
    assert usd_total(left) in back.text, back.text  # $107.97
    assert not changes_cart(back), back.tool_calls

    less = await shopper.say("one less mug")
    assert not less.calls("empty_cart") and not less.calls("add_to_cart"), less.tool_calls
    assert await cart_of(services) == {LOAFERS: 1, MUG: 1}

    suede = await shopper.say("and remind me what the loafers are made of?")
    assert "suede" in suede.text.lower(), suede.text
    assert not writes_of(suede), suede.tool_calls

    swap = await shopper.say("hmm set an alert for them at 80 and take them out for now")
    assert_alert(swap, "Loafers", "USD", 80)
    assert not swap.calls("empty_cart"), swap.tool_calls
    assert await cart_of(services) == {MUG: 1}

    haha = await shopper.say("haha nice, thanks")
    assert not writes_of(haha), haha.tool_calls
    assert await cart_of(services) == {MUG: 1}

    listed = await shopper.say("what alerts have I got?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in alerts] == ["Loafers"], alerts
    assert "$80" in listed.text, listed.text
    assert not writes_of(listed), listed.tool_calls

    await shopper.say("ok, add 2 more mugs")
    assert await cart_of(services) == {MUG: 3}

    euros = await shopper.say("total in euros please")
    assert any(t in euros.text for t in EUR_THREE_MUGS), euros.text  # $26.97
    assert not changes_cart(euros), euros.tool_calls
    assert await cart_of(services) == {MUG: 3}
    assert await alerts_of(services) == {("Loafers", "USD", 80)}


async def test_no_black_natural_materials_the_bamboo_jar_first_a_couple_then_3_more(
    shopper: Conversation, services: AgentServices
) -> None:
    taste = await shopper.say(
        "I'm not a fan of black at all, I prefer natural stuff like bamboo and wood"
    )
    likes, dislikes = tastes_said(taste)
    assert any("black" in w for w in dislikes), taste.tool_calls
    assert any(w in like for like in likes for w in ("bamboo", "wood", "natural")), likes
    assert not any("black" in w for w in likes), taste.tool_calls
    assert not changes_cart(taste), taste.tool_calls

    picks = await shopper.say("what would you suggest for me then?")
    names = shown_names(picks)
    assert not set(names) & BLACK, names  # no black mug, sunglasses, tank top or hairdryer
    assert names[0] == "Bamboo Glass Jar", names  # the one bamboo product
    assert len(names) >= 2, names
    assert names[0] in picks.text, picks.text
    assert not writes_of(picks), picks.tool_calls

    second = await shopper.say("tell me about the second one")
    assert names[1] in second.text and price_of(names[1]) in second.text, second.text
    assert not writes_of(second), second.tool_calls

    holds = await shopper.say("ok and how much does the jar hold?")
    assert "57 oz" in holds.text or "1.7 l" in holds.text, holds.text
    assert not writes_of(holds), holds.tool_calls

    await shopper.say("I'll take a couple")
    assert await cart_of(services) == {JAR: 2}

    more = await shopper.say("3 more")
    assert not more.calls("empty_cart"), more.tool_calls
    assert await cart_of(services) == {JAR: 5}

    total = await shopper.say("perfect, that's it. how much in total?")
    assert usd_total({JAR: 5}) in total.text, total.text  # $27.45
    assert not changes_cart(total), total.tool_calls


async def test_euros_from_now_on_an_alert_in_euros_not_bitcoin_then_back_to_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("can you show prices in euros from now on please?")
    assert switched_to(euros, "EUR"), euros.tool_results
    assert not writes_of(euros), euros.tool_calls

    watch = await shopper.say("how much is the watch now?")
    assert EUR_WATCH in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    alert = await shopper.say("hmm. set an alert for it at 90")
    assert_alert(alert, "Watch", "EUR", 90)  # the display currency: euros
    assert not changes_cart(alert), alert.tool_calls

    bitcoin = await shopper.say("could you show everything in bitcoin instead?")
    assert said_no(bitcoin, CANNOT), bitcoin.text
    assert not switched_to(bitcoin), bitcoin.tool_results
    assert not writes_of(bitcoin), bitcoin.tool_calls

    await shopper.say("fine. add the sunglases and the watch")
    cart = {SUNGLASSES: 1, WATCH: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    assert any(t in total.text for t in EUR_SUNGLASSES_AND_WATCH), total.text  # still euros
    assert not changes_cart(total), total.tool_calls

    back = await shopper.say("back to dollars please")
    assert switched_to(back, "USD"), back.tool_results
    assert not writes_of(back), back.tool_calls

    listed = await shopper.say("and my alerts?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in alerts] == ["Watch"], alerts
    assert "€90" in listed.text, listed.text
    assert not writes_of(listed), listed.tool_calls
    assert await cart_of(services) == cart
    assert await alerts_of(services) == {("Watch", "EUR", 90)}


async def test_mugs_a_top_and_shakers_the_last_one_out_that_mug_tank_top_swapped(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("put 2 mugs, a tank top and the salt & pepper shakers in my basket")
    assert await cart_of(services) == {MUG: 2, TANK_TOP: 1, SHAKERS: 1}

    last = await shopper.say("actually remove the last one")
    assert not last.calls("empty_cart") and not last.calls("add_to_cart"), last.tool_calls
    assert await cart_of(services) == {MUG: 2, TANK_TOP: 1}

    thanks = await shopper.say("thanks!")
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {MUG: 2, TANK_TOP: 1}

    inside = await shopper.say("what's that mug like inside again?")
    text = inside.text.lower()
    assert "mustard" in text or "yellow" in text, inside.text
    assert not writes_of(inside), inside.tool_calls

    four = await shopper.say("cute. make it 4 mugs")
    assert not four.calls("empty_cart"), four.tool_calls
    assert await cart_of(services) == {MUG: 4, TANK_TOP: 1}

    swap = await shopper.say("and swap the tank top for the sunglasses")
    assert not swap.calls("empty_cart"), swap.tool_calls
    assert await cart_of(services) == {MUG: 4, SUNGLASSES: 1}

    less = await shopper.say("one less mug")
    assert not less.calls("empty_cart") and not less.calls("add_to_cart"), less.tool_calls
    assert await cart_of(services) == {MUG: 3, SUNGLASSES: 1}

    aud = await shopper.say("what's the total in australian dollars?")
    assert any(t in aud.text for t in AUD_THREE_MUGS_AND_SUNGLASSES), aud.text  # $46.96
    assert not changes_cart(aud), aud.tool_calls
    assert await cart_of(services) == {MUG: 3, SUNGLASSES: 1}


async def test_watch_vs_loafers_alerts_on_the_cheaper_and_the_other_all_cancelled_a_pair(
    shopper: Conversation, services: AgentServices
) -> None:
    compared = await shopper.say("compare the watch and the loafers for me")
    assert "$109.99" in compared.text and "$89.99" in compared.text, compared.text
    assert not writes_of(compared), compared.tool_calls

    cheaper = await shopper.say("which of the two is cheaper?")
    assert "Loafers" in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    first = await shopper.say("set an alert on the cheaper one at 70 dollars")
    assert_alert(first, "Loafers", "USD", 70)
    assert not changes_cart(first), first.tool_calls

    other = await shopper.say("and on the other at 100")
    assert_alert(other, "Watch", "USD", 100)
    assert not changes_cart(other), other.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 70), ("Watch", "USD", 100)}

    brb = await shopper.say("brb")
    assert understood(brb), brb.text
    assert not writes_of(brb), brb.tool_calls

    listed = await shopper.say("ok. list my alerts")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert {a["product_name"] for a in alerts} == {"Loafers", "Watch"}, alerts
    for fact in ("Loafers", "$70", "Watch", "$100"):
        assert fact in listed.text, (fact, listed.text)
    assert not writes_of(listed), listed.tool_calls

    cancel = await shopper.say("cancel all of them")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert not cancel.calls("create_price_alert") and not changes_cart(cancel), cancel.tool_calls
    assert await alerts_of(services) == set()

    await shopper.say("actually I'll just buy a pair of the loafers now")
    assert await cart_of(services) == {LOAFERS: 1}  # a pair of loafers is one

    bye = await shopper.say("thanks, bye!")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == {LOAFERS: 1}
    assert await alerts_of(services) == set()
