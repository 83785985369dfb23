"""A sixteenth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tool, which product, which quantity, currency and alert target, what the cart holds afterwards)
and the essential facts of its answers, not their wording. They are an everyday mix, the
ordinary traffic of a day in the shop: browsing a category and narrowing it by price and colour
("show me your kitchen range please", "only the ones under 10 bucks", "any of those in
black?", "got any accessories?", "any of those for under 30 dollars?", "show me black stuff",
"under 20 dollars only", "which is the cheapest of those?"); asking about one product and then
adding a number of it ("tell me about teh hairdryer", "does it have more than one heat setting?",
"ok I'll take two", "what can I keep in the bamboo jar?", "I'll take 6"); changing quantities
("actually make it 4", "one fewer actually", "one fewer jar", "make the candle holders 5",
"remove the jars", "make it 3, getting some for my friends too"); the total, also in another
currency named in words (Swiss francs, Canadian dollars, euros, yen, Australian dollars,
British pounds); setting, listing and cancelling price alerts; comparing two products and
acting on the comparison; recommendations after a stated taste ("I mostly wear black and I'm
not into anything gold"); and polite closings that must change nothing. Small typos ("teh",
"sunglases", "candel") are part of the traffic.
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 5 of 12 passed (three jars, a mug and shakers with the jars removed and the total
in Canadian dollars; black-but-never-gold recommendations; candle holders and jars changed
several times; watch vs loafers with an alert and the total in British pounds; just browsing,
an alert on the loafers, cancelled). No expectation was found to be the test's own mistake.
The seven failures are the assistant's:
- "any of those in black?" after the kitchen products under $10 (mug and jar) searched the
  whole catalog: "Here are 4 products: Mug ($8.99), Sunglasses ($19.99), Hairdryer ($24.99)
  and Tank Top ($18.99)." instead of naming only the mug;
- "does it have more than one heat setting?" (the hairdryer) answered "One product fits:
  Hairdryer ($24.99)." without its three heat and speed levels;
- "and set one for the sunglases at 15" after a loafers alert called set_cart_quantity
  ("Updated Sunglasses to 1. Your cart has 1 item: 1 × Sunglasses. Total: $19.99.") instead
  of creating an alert at $15, and put the sunglasses in the cart;
- "make it two, one's for my mum" after one candle holder was added left one in the cart;
- "are they black?" (the sunglasses just shown) searched the catalog for black ("4 products
  match: Mug ($8.99), Sunglasses ($19.99), Hairdryer ($24.99) and Tank Top ($18.99).")
  without saying yes, the frame is black;
- "what can I keep in the bamboo jar?" answered "Here's one: Bamboo Glass Jar ($5.49)."
  without what the description says it keeps (coffee, pasta, flour or snacks);
- "under 20 dollars only" after "show me black stuff" dropped the colour and showed six
  products under $20 (the candle holder, shakers and jar among them) instead of the
  sunglasses, tank top and mug.

All seven were then fixed by general rules (the same session): "any of those in black?" picks
among the products shown; "does it have ...?" and "what can I keep in the jar?" ask about the
product in focus (its description answers); "are they black?" about what was just shown gets a
yes or no from the description; "and set one for the sunglasses at 15" right after an alert is
another alert; "make it two, one's for my mum" sets two (who the second is for names no
product); "under 20 dollars only" narrows the last search; "great, 3 of that one please" and
"put two of the cheapest one in my cart" add; "getting"/"buying" name no product.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    KITCHEN,
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
    tastes_said,
    tools_of,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: Totals in other currencies as the shop's currency service (its EUR-based rate table)
#: converts them: the total converted, or its lines converted and added up.
CHF_FOUR_MUGS = ("36.12", "36.13")  # $35.96
CAD_MUG_AND_SHAKERS = ("36.77",)  # $27.48
EUR_TWO_CANDLE_HOLDERS = ("€33.60",)  # $37.98
JPY_THREE_SUNGLASSES = ("¥6,705",)  # $59.97
AUD_SIX_JARS_AND_A_MUG = ("59.61", "59.58")  # $41.93
GBP_LOAFERS = ("£68.43",)  # $89.99


def any_shown(turn: Turn) -> list[str]:
    """Like `shown_names`, but empty when no tool showed products this turn."""
    try:
        return shown_names(turn)
    except AssertionError:
        return []


async def test_kitchen_range_narrowed_to_under_10_then_the_black_one_in_swiss_francs(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("show me your kitchen range please")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    cheap = await shopper.say("only the ones under 10 bucks")
    names = shown_names(cheap)
    assert set(names) == {"Mug", "Bamboo Glass Jar"}, names  # $8.99 and $5.49
    assert "$8.99" in cheap.text and "$5.49" in cheap.text, cheap.text
    assert not writes_of(cheap), cheap.tool_calls

    black = await shopper.say("any of those in black?")
    # Of the two, only the mug is black (glossy black ceramic); the jar is clear glass.
    assert "Mug" in black.text, black.text
    assert "Bamboo Glass Jar" not in any_shown(black), black.tool_results
    for elsewhere in ("Sunglasses", "Tank Top", "Hairdryer"):
        assert elsewhere not in black.text, (elsewhere, black.text)  # not in the kitchen
    assert not writes_of(black), black.tool_calls

    await shopper.say("great, 3 of that one please")
    assert await cart_of(services) == {MUG: 3}

    four = await shopper.say("actually make it 4")
    assert not four.calls("empty_cart"), four.tool_calls
    assert await cart_of(services) == {MUG: 4}

    francs = await shopper.say("what's the total in Swiss francs?")
    assert any(t in francs.text for t in CHF_FOUR_MUGS), francs.text
    assert not changes_cart(francs), francs.tool_calls
    assert await cart_of(services) == {MUG: 4}


async def test_teh_hairdryer_its_heat_settings_two_then_one_fewer_and_goodbye(
    shopper: Conversation, services: AgentServices
) -> None:
    about = await shopper.say("tell me about teh hairdryer")
    assert "$24.99" in about.text, about.text
    assert not writes_of(about), about.tool_calls

    heat = await shopper.say("does it have more than one heat setting?")
    text = heat.text.lower()
    assert "three" in text or re.search(r"(?<![\d.$])3(?![\d.])", text), heat.text
    assert not writes_of(heat), heat.tool_calls

    await shopper.say("ok I'll take two")
    assert await cart_of(services) == {HAIRDRYER: 2}

    fewer = await shopper.say("hmm, one fewer actually")
    assert not fewer.calls("empty_cart") and not fewer.calls("add_to_cart"), fewer.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    bye = await shopper.say("that's all for today, thanks a lot!")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}


async def test_three_jars_a_mug_and_shakers_remove_the_jars_total_in_canadian_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("can you add 3 bamboo jars, a mug and the salt and pepper shakers")
    cart = {JAR: 3, MUG: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    basket = await shopper.say("what's in my basket right now?")
    assert viewed(basket) == cart, basket.tool_results
    for name in ("Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers"):
        assert name in basket.text, (name, basket.text)
    assert usd_total(cart) in basket.text, basket.text  # $43.95
    assert not changes_cart(basket)

    jars = await shopper.say("remove the jars")
    assert not jars.calls("empty_cart") and not jars.calls("add_to_cart"), jars.tool_calls
    assert await cart_of(services) == {MUG: 1, SHAKERS: 1}

    cad = await shopper.say("and how much is it now in Canadian dollars?")
    assert any(t in cad.text for t in CAD_MUG_AND_SHAKERS), cad.text  # $27.48
    assert not changes_cart(cad), cad.tool_calls

    cheers = await shopper.say("perfect, cheers!")
    assert understood(cheers), cheers.text
    assert not writes_of(cheers), cheers.tool_calls
    assert await cart_of(services) == {MUG: 1, SHAKERS: 1}


async def test_alerts_on_the_loafers_and_the_sunglases_then_listed(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("let me know when the loafers go under 80 dollars")
    assert_alert(loafers, "Loafers", "USD", 80)
    assert result_of(loafers, "create_price_alert")["already_met"] is False  # $89.99 today
    assert "$80" in loafers.text, loafers.text
    assert not changes_cart(loafers), loafers.tool_calls

    sunglasses = await shopper.say("and set one for the sunglases at 15")
    assert_alert(sunglasses, "Sunglasses", "USD", 15)
    assert not changes_cart(sunglasses), sunglasses.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 80), ("Sunglasses", "USD", 15)}

    listed = await shopper.say("what price alerts have I got?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert {a["product_name"] for a in alerts} == {"Loafers", "Sunglasses"}, alerts
    for fact in ("Loafers", "$80", "Sunglasses", "$15"):
        assert fact in listed.text, (fact, listed.text)
    assert not writes_of(listed), listed.tool_calls

    now = await shopper.say("how much are the loafers right now?")
    assert "$89.99" in now.text, now.text
    assert not writes_of(now), now.tool_calls

    thanks = await shopper.say("ok, thanks for setting those up")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 80), ("Sunglasses", "USD", 15)}
    assert await cart_of(services) == {}


async def test_candle_holder_against_shakers_the_housewarming_one_twice_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    compared = await shopper.say("compare the candle holder and the salt and pepper shakers for me")
    assert "$18.99" in compared.text and "$18.49" in compared.text, compared.text
    assert not writes_of(compared), compared.tool_calls

    gift = await shopper.say("which one would make a better housewarming gift?")
    # The candle holder's description calls it "a thoughtful housewarming present".
    assert "Candle Holder" in gift.text, gift.text
    names = any_shown(gift)
    assert not names or names[0] == "Candle Holder", names
    assert not writes_of(gift), gift.tool_calls

    await shopper.say("alright, get me that one")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    two = await shopper.say("make it two, one's for my mum")
    assert not two.calls("empty_cart"), two.tool_calls
    assert not two.calls("record_style_preferences"), two.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    euros = await shopper.say("how much is that in euros altogether?")
    assert any(t in euros.text for t in EUR_TWO_CANDLE_HOLDERS), euros.text  # $37.98
    assert not changes_cart(euros), euros.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2}


async def test_black_but_never_gold_recommendations_then_the_tank_top_and_sunglasses(
    shopper: Conversation, services: AgentServices
) -> None:
    taste = await shopper.say("I mostly wear black and I'm not into anything gold")
    likes, dislikes = tastes_said(taste)
    assert any("black" in w for w in likes), taste.tool_calls
    assert any("gold" in w for w in dislikes), taste.tool_calls
    assert not changes_cart(taste), taste.tool_calls

    picks = await shopper.say("so what would you suggest for me?")
    names = shown_names(picks)
    assert "Watch" not in names, names  # a gold-tone case
    assert names[0] in BLACK, names
    assert names[0] in picks.text, picks.text
    assert not writes_of(picks), picks.tool_calls

    price = await shopper.say("how much is the tank top?")
    assert "$18.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    await shopper.say("add that plus the sunglasses")
    cart = {TANK_TOP: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("what does that come to?")
    assert usd_total(cart) in total.text, total.text  # $38.98
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_accessories_under_30_are_the_sunglasses_a_pair_then_three_in_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("got any accessories?")
    assert set(shown_names(accessories)) == {"Sunglasses", "Watch"}, shown_names(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    under = await shopper.say("any of those for under 30 dollars?")
    assert shown_names(under) == ["Sunglasses"], shown_names(under)  # the watch is $109.99
    assert "$19.99" in under.text, under.text
    assert not writes_of(under), under.tool_calls

    black = await shopper.say("are they black?")
    assert "black" in black.text.lower(), black.text  # a slim black metal frame
    assert not black.text.lower().lstrip().startswith("no"), black.text
    assert not writes_of(black), black.tool_calls

    await shopper.say("sweet, add a pair")
    assert await cart_of(services) == {SUNGLASSES: 1}  # a pair of sunglasses is one

    three = await shopper.say("hmm make it 3, getting some for my friends too")
    assert not three.calls("empty_cart"), three.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 3}

    yen = await shopper.say("what does that come to in yen?")
    assert any(t in yen.text for t in JPY_THREE_SUNGLASSES), yen.text  # $59.97
    assert not changes_cart(yen), yen.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 3}


async def test_candel_holders_and_jars_one_fewer_five_then_no_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("put 2 candel holders in my cart")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    await shopper.say("plus 4 jars")
    assert await cart_of(services) == {CANDLE_HOLDER: 2, JAR: 4}

    fewer = await shopper.say("one fewer jar")
    assert not fewer.calls("empty_cart") and not fewer.calls("add_to_cart"), fewer.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2, JAR: 3}

    five = await shopper.say("make the candle holders 5")
    assert not five.calls("empty_cart"), five.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 5, JAR: 3}

    jars = await shopper.say("ok remove the jars")
    assert not jars.calls("empty_cart") and not jars.calls("add_to_cart"), jars.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 5}

    total = await shopper.say("how much is my cart now?")
    assert usd_total({CANDLE_HOLDER: 5}) in total.text, total.text  # $94.95
    assert not changes_cart(total), total.tool_calls


async def test_what_the_bamboo_jar_keeps_six_of_them_a_mug_in_australian_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    keeps = await shopper.say("what can I keep in the bamboo jar?")
    text = keeps.text.lower()
    assert any(w in text for w in ("coffee", "pasta", "flour", "snacks")), keeps.text
    assert not writes_of(keeps), keeps.tool_calls

    size = await shopper.say("how big is it")
    assert "57 oz" in size.text or "1.7 l" in size.text, size.text
    assert not writes_of(size), size.tool_calls

    await shopper.say("I'll take 6")
    assert await cart_of(services) == {JAR: 6}

    await shopper.say("and a mug")
    assert await cart_of(services) == {JAR: 6, MUG: 1}

    aud = await shopper.say("whats the total in australian dollars")
    assert any(t in aud.text for t in AUD_SIX_JARS_AND_A_MUG), aud.text  # $41.93
    assert not changes_cart(aud), aud.tool_calls

    bye = await shopper.say("great, thank you, bye!")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == {JAR: 6, MUG: 1}


async def test_watch_vs_loafers_an_alert_on_the_watch_loafers_bought_in_british_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    dearer = await shopper.say("watch vs loafers, which is more expensive?")
    assert "$109.99" in dearer.text and "$89.99" in dearer.text, dearer.text
    assert "Watch" in dearer.text, dearer.text
    assert not writes_of(dearer), dearer.tool_calls

    alert = await shopper.say("set an alert for the watch at 95 dollars")
    assert_alert(alert, "Watch", "USD", 95)
    assert not changes_cart(alert), alert.tool_calls

    add = await shopper.say("add the loafers though")
    assert not add.calls("create_price_alert") and not add.calls("delete_price_alert")
    assert await cart_of(services) == {LOAFERS: 1}

    shown = await shopper.say("can I see my alerts?")
    alerts = result_of(shown, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in alerts] == ["Watch"], alerts
    assert "$95" in shown.text, shown.text
    assert not writes_of(shown), shown.tool_calls

    pounds = await shopper.say("and what's the cart total in british pounds?")
    assert any(t in pounds.text for t in GBP_LOAFERS), pounds.text  # $89.99
    assert not changes_cart(pounds), pounds.tool_calls
    assert await cart_of(services) == {LOAFERS: 1}
    assert await alerts_of(services) == {("Watch", "USD", 95)}


async def test_black_stuff_under_20_the_cheapest_twice_and_the_tank_top(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("show me black stuff")
    assert set(shown_names(black)) == BLACK, shown_names(black)
    assert not writes_of(black), black.tool_calls

    under = await shopper.say("under 20 dollars only")
    names = shown_names(under)
    assert set(names) == {"Sunglasses", "Tank Top", "Mug"}, names  # not the $24.99 hairdryer
    assert not writes_of(under), under.tool_calls

    cheapest = await shopper.say("which is the cheapest of those?")
    assert "Mug" in cheapest.text and "$8.99" in cheapest.text, cheapest.text
    assert "Bamboo Glass Jar" not in cheapest.text, cheapest.text  # not black
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("put two of the cheapest one in my cart")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("and the tank top")
    cart = {MUG: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("total please")
    assert usd_total(cart) in total.text, total.text  # $36.97
    assert not changes_cart(total), total.tool_calls


async def test_just_browsing_footwear_an_alert_on_the_loafers_then_cancelled(
    shopper: Conversation, services: AgentServices
) -> None:
    categories = await shopper.say("hi there, just browsing. what categories do you have?")
    text = categories.text.lower()
    for category in ("kitchen", "footwear", "accessories"):
        assert category in text, (category, categories.text)
    assert not writes_of(categories), categories.tool_calls

    footwear = await shopper.say("what's in footwear?")
    assert "Loafers" in footwear.text and "$89.99" in footwear.text, footwear.text
    assert not writes_of(footwear), footwear.tool_calls

    alert = await shopper.say("bit pricey. tell me if they drop to 70")
    assert_alert(alert, "Loafers", "USD", 70)
    assert not changes_cart(alert), alert.tool_calls
    assert await alerts_of(services) == {("Loafers", "USD", 70)}

    cancel = await shopper.say("actually cancel that alert")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert not cancel.calls("create_price_alert"), cancel.tool_calls
    assert await alerts_of(services) == set()

    bye = await shopper.say("ok thanks, that's it for now, have a good one")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == {}
    assert await alerts_of(services) == set()
