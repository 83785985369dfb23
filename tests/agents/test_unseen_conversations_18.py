"""An eighteenth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tool, which product, which quantity, currency and alert target, what the cart holds afterwards)
and the essential facts of its answers, not their wording. Their theme is a busy shopper typing
fast on a phone, five to seven turns each: no capitals and little punctuation; run-on messages
with several asks at once ("add 2 mugs n the jar then show cart", "how much r the shakers n what
r they made of", "take out the candle holder n add the shakers", "ok add 1 n a tank top w/
it"); text-speak ("pls", "thx", "ty", "u", "r", "n", "2" for "to", "w/", "tho", "rn", "idk",
"gr8"); autocorrect slips ("sun glasses", "hair dryer", "loafer's"); dropped words ("how much
watch", "how much"); quantities in digits and words ("five jars", "3 more", "1 pair"); prices
and budgets with and without symbols ("under 20", "<30", "under 10$", "under €15", "in £",
"in cad", "in yen"); corrections inside one message ("add the mug no wait the jar", "make it 3
jars" then "nvm just 2"); "nvm" cancelling what was just done (an add, an alert); questions
about product facts (material, colour, what a jar holds, heat settings, the mug's inside);
alerts ("ping me if watch < 90", "ping me if it drops 2 100", in euros), listed and cancelled;
a display currency switched to euros and back; and polite closings that must change nothing.
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 3 of 12 passed (two mugs n the jar then the cart, the jar in euros, 3 jars then
"nvm just 2"; "ping me if watch < 90" and the loafer's under 70, listed, the watch one
cancelled; accessories <30, what colour, 2 of them, "how much watch", "ping me if it drops 2
100"). No expectation was found to be the test's own mistake. The nine failures are the
assistant's (each conversation stops at its first wrong turn, so later turns were not reached):
- "add the mug no wait the jar" called add_to_cart(product="mug", quantity=1) and
  add_to_cart(product="jar", quantity=1) ("Your cart has 2 items: 1 × Mug and 1 × Bamboo
  Glass Jar. Total: $14.48.") instead of adding only the jar;
- "idk whats cheapest of those" after "only kitchen stuff" (shakers, jar, mug) called
  search_products(query="idk", sort="price_asc") and answered "I couldn't find anything
  matching that. ..." instead of naming the Bamboo Glass Jar at $5.49;
- "does the hair dryer have diff heat settings" called search_products(query="hair dryer diff
  heat settings", category="hair") and answered "Sorry, I don't have anything for "diff". The
  closest I have: Hairdryer ($24.99)." instead of saying it has three heat and speed levels;
- "add 2 of the black 1 n 1 of the other" after the kitchen products under $10 (jar and mug)
  and "which 1 is black" (which had searched the whole catalog for black: mug, sunglasses,
  hairdryer, tank top) called no tool and asked "Which product do you mean? Recently we
  looked at: 1. Mug, 2. Sunglasses, 3. Hairdryer, 4. Tank Top." instead of adding two mugs
  and one jar;
- "oh nvm" right after "add 1 pair" (of the loafers) called no tool and answered "No problem.
  Anything else I can help you find?", leaving the loafers in the cart, instead of taking them
  out again;
- "nvm" right after "ping me when hair dryer is under 20" (an alert at $20 rightly made) called
  no tool and answered "No problem. Anything else I can help you find?", leaving the alert,
  instead of cancelling it;
- "add 2 pls n 3 mugs" after asking about the shakers called only add_to_cart(product="mugs",
  quantity=3) ("Your cart has 3 items: 3 × Mug. Total: $26.97.") instead of also adding two
  Salt & Pepper Shakers;
- "back 2 dollars thx" after euros were set as the display currency called no tool and
  answered "Happy to help! Anything else I can find for you?" instead of
  set_display_currency("USD");
- "actually 3 jars is enough" after five jars and a candle holder were added called
  get_product_details(product="jars") and described the jar ("... 3 × Bamboo Glass Jar come
  to $16.47.") instead of setting the jars to three (the cart kept five).

All nine were then fixed by general rules (the same session), and the later turns they had
hidden then passed or were fixed too: "no wait" takes back what comes before it without a
comma; "idk", "tbh" and the like are asides; "whats cheapest of those" names the cheapest
shown; "hair dryer" and "sun glasses" typed as two words; "which 1 is black" picks among those
shown, and "2 of the black 1" is the one it singled out; "oh nvm" / "scratch that" right after
an add takes it back, right after an alert cancels it; "add 2 pls n 3 mugs" is two of the
product in focus and three mugs ("w/ it" after an add names no line); "back 2 dollars" and
"2 cart" are "to"; "actually 3 jars is enough" sets the jars to three; "is the top black too"
is a yes or no about the top; "is the candle holder silver or gold" says which; "how much is
everything in yen" is the cart's total.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    LOAFERS,
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    alerts_of,
    assert_alert,
    cart_of,
    changes_cart,
    result_of,
    shown_names,
    switched_to,
    tools_of,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: Amounts as the shop's currency service (its EUR-based rate table) converts them: the total
#: converted, or its lines converted and added up (the same for all of these).
EUR_JAR = "€4.86"  # $5.49
GBP_FOUR_JARS = "£16.70"  # $21.96
EUR_HAIRDRYER_AND_TANK_TOP = "€38.90"  # $43.98
CAD_CANDLE_HOLDER = "25.41"  # $18.99, CA$
EUR_TWO_JARS = "€9.71"  # $10.98
EUR_WATCH = "€97.29"  # $109.99
JPY_THREE_JARS_AND_SHAKERS = "3,909"  # $34.96, ¥


async def test_two_mugs_n_the_jar_then_cart_jar_in_euros_3_jars_nvm_just_2(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("add 2 mugs n the jar then show cart")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart
    for fact in ("Mug", "Bamboo Glass Jar", usd_total(cart)):  # $23.47
        assert fact in first.text, (fact, first.text)

    euros = await shopper.say("thx. how much is the jar in €")
    assert EUR_JAR in euros.text, euros.text
    assert not writes_of(euros), euros.tool_calls

    three = await shopper.say("make it 3 jars pls")
    assert not three.calls("empty_cart"), three.tool_calls
    assert await cart_of(services) == {MUG: 2, JAR: 3}

    two = await shopper.say("nvm just 2")
    assert not two.calls("empty_cart"), two.tool_calls
    cart = {MUG: 2, JAR: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("whats the total rn")
    assert usd_total(cart) in total.text, total.text  # $28.96
    assert not changes_cart(total), total.tool_calls

    bye = await shopper.say("ok ty")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == cart


async def test_the_mug_no_wait_the_jar_what_its_made_of_3_more_n_1_mug(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add the mug no wait the jar")
    assert await cart_of(services) == {JAR: 1}

    made = await shopper.say("what is it made of")
    text = made.text.lower()
    assert "glass" in text and "bamboo" in text, made.text
    assert not writes_of(made), made.tool_calls

    holds = await shopper.say("how much does it hold tho")
    assert "57 oz" in holds.text or "1.7 l" in holds.text, holds.text
    assert not writes_of(holds), holds.tool_calls

    more = await shopper.say("k add 3 more")
    assert not more.calls("empty_cart"), more.tool_calls
    assert await cart_of(services) == {JAR: 4}

    await shopper.say("n 1 mug too")
    cart = {JAR: 4, MUG: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("total pls")
    assert usd_total(cart) in total.text, total.text  # $30.95
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_ping_me_if_watch_under_90_n_loafers_listed_the_watch_one_cancelled(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("ping me if watch < 90")
    assert_alert(watch, "Watch", "USD", 90)
    assert result_of(watch, "create_price_alert")["already_met"] is False  # $109.99 today
    assert not changes_cart(watch), watch.tool_calls

    loafers = await shopper.say("n loafer's under 70 pls")
    assert_alert(loafers, "Loafers", "USD", 70)
    assert not changes_cart(loafers), loafers.tool_calls
    assert await alerts_of(services) == {("Watch", "USD", 90), ("Loafers", "USD", 70)}

    listed = await shopper.say("what alerts do i have")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert {a["product_name"] for a in alerts} == {"Watch", "Loafers"}, alerts
    for fact in ("Watch", "$90", "Loafers", "$70"):
        assert fact in listed.text, (fact, listed.text)
    assert not writes_of(listed), listed.tool_calls

    cancel = await shopper.say("cancel the watch one")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert not cancel.calls("create_price_alert") and not changes_cart(cancel), cancel.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 70)}

    price = await shopper.say("how much r loafer's rn")
    assert "$89.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    thanks = await shopper.say("thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 70)}
    assert await cart_of(services) == {}


async def test_anything_under_20_only_kitchen_idk_whats_cheapest_4_of_it_total_in_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("anything under 20")
    names = shown_names(under)
    assert set(names) == {
        "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar",
        "Mug",
    }, names  # fmt: skip
    assert not writes_of(under), under.tool_calls

    kitchen = await shopper.say("only kitchen stuff")
    names = shown_names(kitchen)
    assert set(names) == {"Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug"}, names
    assert not writes_of(kitchen), kitchen.tool_calls

    cheapest = await shopper.say("idk whats cheapest of those")
    assert "Bamboo Glass Jar" in cheapest.text and "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("add 4 of that 1 pls")
    assert await cart_of(services) == {JAR: 4}

    pounds = await shopper.say("n whats the total in £")
    assert GBP_FOUR_JARS in pounds.text, pounds.text  # $21.96
    assert not changes_cart(pounds), pounds.tool_calls

    bye = await shopper.say("cool thx bye")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == {JAR: 4}


async def test_accessories_under_30_what_colour_2_of_them_how_much_watch_ping_2_100(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("accessories <30")
    assert shown_names(cheap) == ["Sunglasses"], shown_names(cheap)  # not the $109.99 watch
    assert not writes_of(cheap), cheap.tool_calls

    colour = await shopper.say("what colour r they")
    assert "black" in colour.text.lower(), colour.text  # a slim black metal frame
    assert not writes_of(colour), colour.tool_calls

    await shopper.say("add 2")
    assert await cart_of(services) == {SUNGLASSES: 2}

    watch = await shopper.say("how much watch")
    assert "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    alert = await shopper.say("2 much. ping me if it drops 2 100")
    assert_alert(alert, "Watch", "USD", 100)
    assert not changes_cart(alert), alert.tool_calls

    thanks = await shopper.say("thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 2}
    assert await alerts_of(services) == {("Watch", "USD", 100)}


async def test_hair_dryer_heat_settings_colour_1_n_a_tank_top_w_it_total_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    heat = await shopper.say("does the hair dryer have diff heat settings")
    text = heat.text.lower()
    assert "three" in text or re.search(r"(?<![\d.$])3(?![\d.])", text), heat.text
    assert not writes_of(heat), heat.tool_calls

    colour = await shopper.say("what colour is it")
    assert "black" in colour.text.lower(), colour.text  # matte black with copper accents
    assert not writes_of(colour), colour.tool_calls

    await shopper.say("ok add 1 n a tank top w/ it")
    cart = {HAIRDRYER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    top = await shopper.say("wait is the top black too")
    assert "black" in top.text.lower(), top.text  # a fitted black crop top
    assert not writes_of(top), top.tool_calls

    euros = await shopper.say("k whats my total in euros")
    assert EUR_HAIRDRYER_AND_TANK_TOP in euros.text, euros.text  # $43.98
    assert not changes_cart(euros), euros.tool_calls

    thanks = await shopper.say("ty")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == cart


async def test_kitchen_under_10_dollars_which_1_is_black_2_of_it_n_1_of_the_other(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("got anything for the kitchen under 10$")
    names = shown_names(kitchen)
    assert set(names) == {"Bamboo Glass Jar", "Mug"}, names  # $5.49 and $8.99
    assert not writes_of(kitchen), kitchen.tool_calls

    black = await shopper.say("which 1 is black")
    assert "Mug" in black.text, black.text
    assert not writes_of(black), black.tool_calls

    await shopper.say("add 2 of the black 1 n 1 of the other")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    out = await shopper.say("remove the jar pls")
    assert not out.calls("empty_cart") and not out.calls("add_to_cart"), out.tool_calls
    assert await cart_of(services) == {MUG: 2}

    look = await shopper.say("show cart")
    assert viewed(look) == {MUG: 2}, look.tool_results
    assert usd_total({MUG: 2}) in look.text, look.text  # $17.98
    assert not changes_cart(look), look.tool_calls

    thanks = await shopper.say("perfect thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {MUG: 2}


async def test_what_r_loafers_made_of_how_much_1_pair_oh_nvm_the_candle_holder_in_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    made = await shopper.say("what r loafer's made of")
    assert "suede" in made.text.lower(), made.text
    assert not writes_of(made), made.tool_calls

    price = await shopper.say("how much")
    assert "$89.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    await shopper.say("add 1 pair")
    assert await cart_of(services) == {LOAFERS: 1}

    nvm = await shopper.say("oh nvm")
    assert not nvm.calls("add_to_cart"), nvm.tool_calls
    assert await cart_of(services) == {}

    await shopper.say("add the candle holder instead")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    cad = await shopper.say("how much is it in cad")
    assert CAD_CANDLE_HOLDER in cad.text, cad.text  # $18.99
    assert not changes_cart(cad), cad.tool_calls

    thanks = await shopper.say("ok thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 1}


async def test_hair_dryer_alert_nvm_the_watch_at_90_euros_instead_n_sun_glasses_2_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    dryer = await shopper.say("ping me when hair dryer is under 20")
    assert_alert(dryer, "Hairdryer", "USD", 20)
    assert not changes_cart(dryer), dryer.tool_calls

    nvm = await shopper.say("nvm")
    assert "delete_price_alert" in tools_of(nvm), nvm.tool_calls
    assert not nvm.calls("create_price_alert") and not changes_cart(nvm), nvm.tool_calls
    assert await alerts_of(services) == set()

    watch = await shopper.say("set 1 for the watch at €90 instead")
    assert_alert(watch, "Watch", "EUR", 90)
    assert not changes_cart(watch), watch.tool_calls

    listed = await shopper.say("what r my alerts")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in alerts] == ["Watch"], alerts
    assert "€90" in listed.text, listed.text
    assert not writes_of(listed), listed.tool_calls

    await shopper.say("n add the sun glasses 2 cart")
    assert await cart_of(services) == {SUNGLASSES: 1}

    thanks = await shopper.say("thx!!")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 1}
    assert await alerts_of(services) == {("Watch", "EUR", 90)}


async def test_how_much_r_the_shakers_n_what_r_they_made_of_2_n_3_mugs_mugs_to_2(
    shopper: Conversation, services: AgentServices
) -> None:
    shakers = await shopper.say("how much r the shakers n what r they made of")
    assert "$18.49" in shakers.text, shakers.text
    assert "acrylic" in shakers.text.lower(), shakers.text  # clear acrylic, chrome caps
    assert not writes_of(shakers), shakers.tool_calls

    await shopper.say("add 2 pls n 3 mugs")
    assert await cart_of(services) == {SHAKERS: 2, MUG: 3}

    mugs = await shopper.say("wait make the mugs 2")
    assert not mugs.calls("empty_cart"), mugs.tool_calls
    cart = {SHAKERS: 2, MUG: 2}
    assert await cart_of(services) == cart

    inside = await shopper.say("whats the mug like inside")
    text = inside.text.lower()
    assert "mustard" in text or "yellow" in text, inside.text
    assert not writes_of(inside), inside.tool_calls

    look = await shopper.say("ok show me my cart")
    assert viewed(look) == cart, look.tool_results
    assert usd_total(cart) in look.text, look.text  # $54.96
    assert not changes_cart(look), look.tool_calls

    thanks = await shopper.say("gr8 thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == cart


async def test_euros_pls_under_15_euros_2_of_the_cheaper_watch_alert_then_back_2_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("can u show prices in euros pls")
    assert switched_to(euros, "EUR"), euros.tool_results
    assert not writes_of(euros), euros.tool_calls

    under = await shopper.say("anything under €15")
    names = shown_names(under)
    assert set(names) == {"Bamboo Glass Jar", "Mug"}, names  # €4.86 and €7.95
    assert not writes_of(under), under.tool_calls

    await shopper.say("add 2 of the cheaper 1")
    assert await cart_of(services) == {JAR: 2}

    watch = await shopper.say("how much is the watch")
    assert EUR_WATCH in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    alert = await shopper.say("ping me if it goes under 90")
    assert_alert(alert, "Watch", "EUR", 90)  # the display currency: euros
    assert not changes_cart(alert), alert.tool_calls

    total = await shopper.say("total?")
    assert EUR_TWO_JARS in total.text, total.text  # $10.98, still in euros
    assert not changes_cart(total), total.tool_calls

    back = await shopper.say("back 2 dollars thx")
    assert switched_to(back, "USD"), back.tool_results
    assert not writes_of(back), back.tool_calls
    assert await cart_of(services) == {JAR: 2}
    assert await alerts_of(services) == {("Watch", "EUR", 90)}


async def test_five_jars_n_a_candle_holder_3_is_enough_holder_swapped_total_in_yen_cleared(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add five jars n a candle holder")
    assert await cart_of(services) == {JAR: 5, CANDLE_HOLDER: 1}

    three = await shopper.say("actually 3 jars is enough")
    assert not three.calls("empty_cart") and not three.calls("add_to_cart"), three.tool_calls
    assert await cart_of(services) == {JAR: 3, CANDLE_HOLDER: 1}

    silver = await shopper.say("is the candle holder silver or gold")
    assert "silver" in silver.text.lower(), silver.text  # hammered silver-tone ceramic
    assert not writes_of(silver), silver.tool_calls

    swap = await shopper.say("take out the candle holder n add the shakers")
    assert not swap.calls("empty_cart"), swap.tool_calls
    assert await cart_of(services) == {JAR: 3, SHAKERS: 1}

    yen = await shopper.say("how much is everything in yen")
    assert JPY_THREE_JARS_AND_SHAKERS in yen.text, yen.text  # $34.96
    assert not changes_cart(yen), yen.tool_calls

    await shopper.say("actually clear my cart pls")
    assert await cart_of(services) == {}

    thanks = await shopper.say("k thx")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await cart_of(services) == {}
