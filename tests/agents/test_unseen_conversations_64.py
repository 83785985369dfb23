"""A sixty-fourth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is interrupted and resumed
threads, six to eight turns each: the shopper starts one thing, breaks off for something else
(a price check on another product, a currency switch for one answer or for good, telling the
assistant their taste, a price alert, a look at the cart, a question about a product's
details) and then comes back to the first thing: "anyway, back to the mugs - add two", "going
back to the kitchen stuff: I'll take the second one please", "ok, the sunglasses from before:
how much were they again?", "sorry, got distracted. the candle holder - is it still
available? if so add one", "forget the watch question, just add the loafers I looked at
first", "ok the first thing you showed me, before I asked about the euros - add that", "right,
back to the accessories - add the cheaper of the two", "ok back to the loafers, put them in my
cart" (after prices in Canadian dollars from then on). What the shopper refers back to must
resolve to what was shown before the interruption, not to whatever was shown last, unless
they clearly mean the latest ("add them" right after asking about the sunglasses again,
"fine, add it too" right after the candle holder's price). Questions, searches and currency
switches in between write nothing. Three requests are genuinely ambiguous and must be asked
about, nothing written: "ok back to those two from before - add one of them to my cart" (the
tank top and the candle holder, both priced before a hair question), "cool. ok where were
we? add it" (the mug and the bamboo jar compared before a watch alert) and "ok, back to the
kitchen things. I'll take one of those" (three kitchen products listed before a hairdryer
question). Every conversation ends with a check of the cart (product id -> quantity) in
Online Boutique and its total, and of the alerts where any were set. Conversions are computed
in the test by the shop's currency service (the embedded one, over its EUR-based rate table):
the total converted, or its lines (or unit prices) converted and added up, any of which the
answer may show.

First run: 5 of 12 passed. One expectation was the test's own mistake and was fixed: the
hairdryer's heat settings were looked for only as the digit "3" (as the reference catalog
writes it), but the served description says "three heat and speed levels", and the answer
quoted that; "three" is now accepted too. That conversation still fails, at a later turn. The
seven failures are the assistant's (each conversation stops at its first wrong turn, so later
turns were not reached; the tool calls were read from a traced replay of the same set, which
failed at the same turns):
- "Going back to the kitchen stuff: I'll take the second one please." (after the kitchen list,
  Salt & Pepper Shakers, Bamboo Glass Jar and Mug, euros from now on and the watch at €97.29,
  all rightly done) called no tool ("Which product do you mean? Recently we looked at: 1.
  Watch.") instead of adding the second product of the kitchen list, the Bamboo Glass Jar;
- "forget the watch question, just add the loafers I looked at first" (after the summer shoes,
  the Loafers, the watch at $109.99, gold-tone stainless steel, and in yen, ¥12,298, all
  rightly answered) called remove_from_cart(product="watch"), remove_from_cart(product=
  "loafers") and remove_from_cart(product="1YMWWN1N4O") (all failed: "Watch is not in your
  cart. Loafers is not in your cart.") instead of adding the loafers;
- "ok the first thing you showed me, before I asked about the euros - add that" (after the
  cheapest thing, the Bamboo Glass Jar at $5.49, and the jar and the hairdryer in euros, all
  rightly answered) called set_display_currency(currency="EUR", just_this_answer=True),
  get_product_details(product="9SIQT8TOJO"), get_product_details(product="asked") (failed)
  and add_to_cart(product="asked") (failed) ("Bamboo Glass Jar costs €4.86 ($5.49). ... I
  couldn't find a product matching 'asked' in the catalog.") instead of adding the jar;
- "ok back to those two from before - add one of them to my cart" (after the tank top and the
  candle holder were both priced at $18.99, then the hair search showed the Hairdryer) called
  get_product_details(product="2ZYFJ3GM2N") and add_to_cart(product="2ZYFJ3GM2N", quantity=1)
  ("Added 1 × Hairdryer to your cart. ...") instead of asking which of the two, the tank top
  or the candle holder, with nothing written;
- "what was the other one called again, and how much?" (after the accessories, Sunglasses and
  Watch, the dislike of gold, the hairdryer and the cheaper of the two accessories, the
  sunglasses, added, all rightly done) called no tool ("Which product do you mean? Recently we
  looked at: 1. Sunglasses.") instead of answering the other accessory, the Watch at $109.99;
- "cool. ok where were we? add it" (after the mug and the bamboo glass jar were compared and a
  watch alert at $100 was rightly made) called add_to_cart(product="1YMWWN1N4O", quantity=1)
  ("Added 1 × Watch to your cart. ...") instead of asking which of the two compared, the mug
  or the jar, with nothing written;
- "hmm, and also the cheapest one from that kitchen list" (after the kitchen list, the
  hairdryer question, "I'll take one of those" rightly asked about and the mug rightly added)
  called search_products(query="kitchen", category="kitchen", sort="price_asc", limit=1) ("I
  found one match: Bamboo Glass Jar ($5.49). ...") instead of also adding the Bamboo Glass Jar.

Worked on since by general rules (2026-11-28), 10 of 12 pass: "going back to the kitchen
stuff: the second one" is of that list; "forget the watch question" lets a question go (no
removal); "before I asked about the euros" and "the loafers I looked at first" qualify what
they follow, naming nothing; "what was the other one called?" is the other of the pair the
one in focus was picked from ("called" names no product); "and also the cheapest one from
that kitchen list" right after an add is found, then added. The two still failing are marked
xfail (strict): "ok back to those two from before - add one of them" (the two priced before
the hair search are not read as "those two"), and "cool. ok where were we? add it" (read as
the watch just alerted, not the mug or the jar compared before the alert).
"""

from __future__ import annotations

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    KITCHEN,
    LOAFERS,
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    shown_names,
    switched_for_good,
    switched_to,
    tastes_said,
    usd_total,
    viewed,
    writes_of,
)


async def test_mugs_then_sunglasses_price_in_euros_back_to_the_mugs_add_two_and_a_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("looking for mugs, what've you got?")
    assert shown_names(mugs)[0] == "Mug", shown_names(mugs)
    assert "$8.99" in mugs.text, mugs.text
    assert not writes_of(mugs), mugs.tool_calls

    glasses = await shopper.say("oh btw how much are the sunglasses?")
    assert "$19.99" in glasses.text, glasses.text
    assert not writes_of(glasses), glasses.tool_calls

    euros = await shopper.say("and what's that in euros?")
    await assert_says_price(euros, services, {SUNGLASSES: 1}, "EUR")  # $19.99
    assert await cart_of(services) == {}

    await shopper.say("anyway, back to the mugs - add two")
    assert await cart_of(services) == {MUG: 2}  # the mugs, not the sunglasses

    total = await shopper.say("what's my total now?")
    assert usd_total({MUG: 2}) in total.text, total.text  # $17.98, back in dollars
    assert not writes_of(total), total.tool_calls

    await shopper.say("Throw in a bamboo jar as well.")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.47


async def test_kitchen_list_euros_for_good_watch_price_back_to_kitchen_the_second_one_two(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("Show me your kitchen stuff please")
    names = shown_names(kitchen)
    assert set(names) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls
    second = ID[names[1]]

    euros = await shopper.say("Actually, can you switch everything to euros from now on?")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    watch = await shopper.say("How much is the watch?")
    await assert_says_price(watch, services, {WATCH: 1}, "EUR", passing=False)  # $109.99
    assert await cart_of(services) == {}

    await shopper.say("Going back to the kitchen stuff: I'll take the second one please.")
    assert await cart_of(services) == {second: 1}  # the list's second, not the watch

    await shopper.say("Make that two.")
    cart = {second: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # still in euros

    final = await shopper.say("Back to dollars please, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)


async def test_sunglasses_price_then_gold_not_beige_watch_sunglasses_again_add_them_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    glasses = await shopper.say("How much are your sunglasses?")
    assert "$19.99" in glasses.text, glasses.text
    assert not writes_of(glasses), glasses.tool_calls

    taste = await shopper.say("btw, I really love gold, and I can't stand beige.")
    likes, dislikes = tastes_said(taste)
    assert "gold" in likes and "beige" in dislikes, taste.tool_calls
    assert await cart_of(services) == {}

    watch = await shopper.say("Do you have a watch?")
    assert "Watch" in watch.text and "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    again = await shopper.say("ok, the sunglasses from before: how much were they again?")
    assert "$19.99" in again.text, again.text
    assert not writes_of(again), again.tool_calls
    assert await cart_of(services) == {}

    await shopper.say("add them")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart  # the sunglasses just asked about again

    pounds = await shopper.say("What's my cart total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $19.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_candle_holder_then_loafers_alert_and_price_got_distracted_add_one_make_it_three(
    shopper: Conversation, services: AgentServices
) -> None:
    candle = await shopper.say(
        "I'm looking for something for the living room, like a candle holder?"
    )
    assert "Candle Holder" in candle.text and "$18.99" in candle.text, candle.text
    assert not writes_of(candle), candle.tool_calls

    alert = await shopper.say(
        "wait, before I forget - set an alert for when the loafers drop under 75 dollars"
    )
    assert_alert(alert, "Loafers", "USD", 75)
    alerts = {("Loafers", "USD", 75)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    loafers = await shopper.say("and what do the loafers cost right now?")
    assert "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls

    await shopper.say(
        "sorry, got distracted. the candle holder - is it still available? if so add one"
    )
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("Actually make it three.")
    cart = {CANDLE_HOLDER: 3}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    assert usd_total(cart) in total.text, total.text  # $56.97
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $56.97


async def test_summer_shoes_then_watch_gold_and_yen_forget_the_watch_add_loafers_sunglasses(
    shopper: Conversation, services: AgentServices
) -> None:
    shoes = await shopper.say("I need some shoes for the summer. What do you have?")
    assert shown_names(shoes)[0] == "Loafers", shown_names(shoes)
    assert not writes_of(shoes), shoes.tool_calls

    watch = await shopper.say("hmm, and how much is the watch? is it real gold?")
    assert "$109.99" in watch.text, watch.text
    assert "gold-tone" in watch.text.lower() or "stainless" in watch.text.lower(), watch.text
    assert not writes_of(watch), watch.tool_calls

    yen = await shopper.say("what's that in yen?")
    await assert_says_price(yen, services, {WATCH: 1}, "JPY")  # $109.99
    assert await cart_of(services) == {}

    await shopper.say("forget the watch question, just add the loafers I looked at first")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("Add the sunglasses too.")
    cart = {LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much is that all together in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $109.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $109.98


async def test_cheapest_thing_in_euros_hairdryer_in_euros_first_thing_before_euros_four_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("What's the cheapest thing you sell?")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    euros = await shopper.say("How much is that in euros?")
    await assert_says_price(euros, services, {JAR: 1}, "EUR")  # $5.49

    hairdryer = await shopper.say("And the hairdryer - what's that in euros?")
    await assert_says_price(hairdryer, services, {HAIRDRYER: 1}, "EUR")  # $24.99
    assert await cart_of(services) == {}

    await shopper.say("ok the first thing you showed me, before I asked about the euros - add that")
    assert await cart_of(services) == {JAR: 1}  # the jar, not the hairdryer

    await shopper.say("actually make it 4")
    assert await cart_of(services) == {JAR: 4}

    await shopper.say("and the hairdryer as well")
    cart = {JAR: 4, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart?")
    await assert_final_cart(final, services, cart)  # $46.95


@pytest.mark.xfail(
    strict=True, reason="still failing: see this conversation's bullet in the module docstring"
)
async def test_tank_top_and_candle_holder_priced_hair_products_add_one_of_them_asked_both(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the tank top and the candle holder?")
    assert "Tank Top" in prices.text and "Candle Holder" in prices.text, prices.text
    assert "$18.99" in prices.text, prices.text  # both
    assert not writes_of(prices), prices.tool_calls

    hair = await shopper.say("Unrelated, but do you have anything for hair?")
    assert shown_names(hair)[0] == "Hairdryer", shown_names(hair)
    assert "$24.99" in hair.text, hair.text
    assert not writes_of(hair), hair.tool_calls

    which = await shopper.say("ok back to those two from before - add one of them to my cart")
    assert_asked(which)  # the tank top or the candle holder?
    text = which.text.lower()
    assert "tank top" in text and "candle holder" in text, which.text
    assert await cart_of(services) == {}

    await shopper.say("the tank top")
    assert await cart_of(services) == {TANK_TOP: 1}

    again = await shopper.say("and what did the candle holder cost again?")
    assert "$18.99" in again.text, again.text
    assert not writes_of(again), again.tool_calls

    await shopper.say("fine, add it too")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $37.98


async def test_two_tank_tops_kitchen_list_whats_in_my_cart_jar_size_shakers_one_top_less(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add 2 tank tops please")
    assert await cart_of(services) == {TANK_TOP: 2}

    kitchen = await shopper.say("now show me what you've got for the kitchen")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    cart_check = await shopper.say("wait, what's in my cart right now?")
    assert viewed(cart_check) == {TANK_TOP: 2}, cart_check.tool_results
    assert "$37.98" in cart_check.text, cart_check.text
    assert not writes_of(cart_check), cart_check.tool_calls

    jar = await shopper.say("oh and how much does the bamboo jar hold?")
    assert "57" in jar.text or "1.7" in jar.text, jar.text  # 57 oz (1.7 l)
    assert not writes_of(jar), jar.tool_calls
    assert await cart_of(services) == {TANK_TOP: 2}

    await shopper.say("ok. from the kitchen list, the salt and pepper shakers - add them")
    assert await cart_of(services) == {TANK_TOP: 2, SHAKERS: 1}

    await shopper.say("and take one tank top out")
    cart = {TANK_TOP: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $37.48


async def test_accessories_not_into_gold_hairdryers_back_to_the_cheaper_of_the_two_other_one(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("Show me your accessories")
    assert set(shown_names(accessories)) == {"Sunglasses", "Watch"}, shown_names(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    taste = await shopper.say("I should say, I'm not into gold at all.")
    likes, dislikes = tastes_said(taste)
    assert "gold" in dislikes and "gold" not in likes, taste.tool_calls
    assert await cart_of(services) == {}

    hairdryer = await shopper.say("do you sell hairdryers?")
    assert "Hairdryer" in hairdryer.text and "$24.99" in hairdryer.text, hairdryer.text
    assert not writes_of(hairdryer), hairdryer.tool_calls

    await shopper.say("right, back to the accessories - add the cheaper of the two")
    assert await cart_of(services) == {SUNGLASSES: 1}  # $19.99 < $109.99

    other = await shopper.say("what was the other one called again, and how much?")
    assert "Watch" in other.text and "$109.99" in other.text, other.text
    assert not writes_of(other), other.tool_calls

    await shopper.say("ok. and put the hairdryer in too")
    cart = {SUNGLASSES: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $44.98


@pytest.mark.xfail(
    strict=True, reason="still failing: see this conversation's bullet in the module docstring"
)
async def test_mug_vs_jar_then_watch_alert_where_were_we_add_it_asked_two_jars_mug_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    compare = await shopper.say("What's the difference between the mug and the bamboo glass jar?")
    assert "$8.99" in compare.text and "$5.49" in compare.text, compare.text
    assert not writes_of(compare), compare.tool_calls

    alert = await shopper.say("oh, also: alert me if the watch falls below 100 dollars")
    assert_alert(alert, "Watch", "USD", 100)
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    which = await shopper.say("cool. ok where were we? add it")
    assert_asked(which)  # the mug or the jar?
    text = which.text.lower()
    assert "mug" in text and "jar" in text, which.text
    assert await cart_of(services) == {}
    assert await alerts_of(services) == alerts

    await shopper.say("the jar. two of them")
    assert await cart_of(services) == {JAR: 2}

    pounds = await shopper.say("what's the mug in pounds?")
    await assert_says_price(pounds, services, {MUG: 1}, "GBP")  # $8.99
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("fine, one mug too")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.97


async def test_loafers_price_canadian_dollars_for_good_tank_top_back_to_loafers_two_tops(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("how much r the loafers")
    assert "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls

    cad = await shopper.say("can u show prices in canadian dollars from now on")
    assert switched_for_good(cad, "CAD"), cad.tool_calls
    assert not writes_of(cad), cad.tool_calls

    top = await shopper.say("whats the tank top cost")
    await assert_says_price(top, services, {TANK_TOP: 1}, "CAD", passing=False)  # $18.99
    assert await cart_of(services) == {}

    await shopper.say("ok back to the loafers, put them in my cart")
    assert await cart_of(services) == {LOAFERS: 1}  # the loafers, not the tank top

    await shopper.say("and the tank top, 2 of them")
    cart = {LOAFERS: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("total?")
    await assert_says_price(total, services, cart, "CAD", passing=False)  # $127.97

    final = await shopper.say("switch back to US dollars and show me the cart")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $127.97


async def test_kitchen_redo_then_hairdryer_settings_take_one_of_those_asked_mug_cheapest_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("I want to redo my kitchen a bit, what have you got?")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    settings = await shopper.say(
        "sorry, unrelated - how many heat settings does the hairdryer have?"
    )
    said = settings.text.lower()
    assert "3" in said or "three" in said, settings.text  # 3 heat and speed settings
    assert not writes_of(settings), settings.tool_calls

    which = await shopper.say("ok, back to the kitchen things. I'll take one of those")
    assert_asked(which)  # the shakers, the jar or the mug?
    text = which.text.lower()
    assert "shaker" in text and "jar" in text and "mug" in text, which.text
    assert await cart_of(services) == {}

    await shopper.say("the mug")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("hmm, and also the cheapest one from that kitchen list")
    cart = {MUG: 1, JAR: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("how much is my cart in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $14.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $14.48
