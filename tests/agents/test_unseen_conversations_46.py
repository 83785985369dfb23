"""A forty-sixth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart, the alerts and the style profile hold
afterwards) and the essential facts of its answers, not their wording. Their theme is repairs:
the shopper correcting the assistant or themselves, six to eight turns each. Some corrections
must undo or change what was already done: a wrong add replaced by the right product ("No, I
meant the jar." after a mug was added, "Scratch that, make it the sunglasses instead." after
the watch, "No no, the black one." after the watch among the accessories, "No no, the candle
holder, not the tank top." after the tank top, "Actually no, not the mug - a bamboo jar."),
a wrong quantity set right ("Hmm, I said two, not three.", "Oops, typo - I meant 4.", "Sorry,
I meant two mugs, not one."), an alert moved to the right currency ("Sorry, I meant euros not
pounds.") or product ("I asked about the watch, not the loafers! Move the alert to the
watch."), an alert target corrected ("Oops, typo - I meant 16."), and a taste taken back and
replaced ("No no, I meant black, not brown.", "Sorry, I meant silver, not gold - gold is
fine."). Others only redirect, nothing having been done: "That's not what I asked - I wanted
the price in euros.", "Not that candle holder thing, the shakers - what do they cost?",
"Sorry, I meant euros not pounds." of a total asked in pounds, "Sorry, I meant in yen.",
"Sorry, I meant the hairdryer alone, not the whole cart.", and "Hmm, I think you
misunderstood: I don't want to buy it, I just want to know if it's cheaper elsewhere." (a
comparison, nothing added; with no outside price source offline, the answer says it cannot
check other shops and gives the shop's own price). Three corrections are themselves unclear
and must be asked about, nothing written: "Wrong one, the other mug... I mean the other one."
with the mug added after three kitchen products were shown (the shakers or the jar?), "Oh
wait, I meant 2, not 1." right after the tank top and the hairdryer were added, and "Hmm, no,
one of those should be 14." with alerts at $16 on both the candle holder and the tank top.
Every conversation ends with a check of the cart (product id -> quantity) in Online Boutique,
and of the alerts where any were set. Conversions are computed in the test by the shop's
currency service (the embedded one, over its EUR-based rate table): the total converted, or
its lines (or unit prices) converted and added up, any of which the answer may show.

First run: 2 of 12 passed (the mug-then-jar conversation and the three-mugs-said-two one). No
expectation was found to be the test's own mistake, but one check was too loose and was made
stricter after the run: an unclear correction counted as asked about whenever the answer had a
question mark, so "No problem. Anything else I can help you find?" passed as asking which
alert; the answer must now also name a candidate or ask "which" (that conversation failed on
the next turn anyway). The ten failures are the assistant's (each conversation stops at its
first wrong turn, so later turns were not reached; the tool calls were read from a traced
replay of the set, which failed at the same turns):
- "Oops, typo - I meant 16." right after the sunglasses alert at €15 (rightly made) called no
  tool ("Sorry, I didn't understand that. ...") instead of moving the alert to €16;
- "Wrong one, the other mug... I mean the other one." (after the three kitchen products were
  shown and the mug added) called add_to_cart(product="mug") and remove_from_cart(product=
  "mug") ("Added 1 × Mug to your cart. Removed Mug from your cart. Your cart is empty.")
  instead of asking which, the shakers or the jar, with nothing written;
- "Sorry, I meant euros not pounds." right after the hairdryer alert at £18 called
  set_display_currency(currency="EUR") for good ("Done: I'll show prices in EUR from now on.")
  instead of moving the alert to €18 (the pounds alert was left as it was);
- "No no, the black one." (after the accessories, Sunglasses and Watch, were shown and the
  watch added) called remove_from_cart(product="black") (refused: "Did you mean Mug or
  Sunglasses or Hairdryer or Tank Top?") and remove_from_cart(product="OLJCESPC7Z") (failed:
  "Sunglasses is not in your cart.") instead of swapping the watch for the sunglasses;
- "Not that candle holder thing, the shakers - what do they cost?" described the candle holder
  again as well as the shakers (three get_product_details calls; $18.49 rightly said), and
  then "Add two of them." called no tool ("Which product do you mean? Recently we looked at:
  1. Salt & Pepper Shakers, 2. Candle Holder.") instead of adding two shakers;
- "I asked about the watch, not the loafers! Move the alert to the watch." (after the loafers
  alert at $80) called no tool ("At what price should I alert you?") instead of moving the
  alert to the watch at the same $80 (the loafers one cancelled);
- "Scratch that, make it the sunglasses instead." (after the watch was added) called
  remove_from_cart(product="1YMWWN1N4O") and get_product_details(product="sunglasses")
  ("Removed Watch from your cart. Your cart is empty.Sunglasses costs $19.99. ...") instead of
  also adding the sunglasses: the cart was left empty;
- "Hmm, I think you misunderstood: I don't want to buy it, I just want to know if it's cheaper
  elsewhere." (after the watch was described, $109.99) called compare_prices(product=
  "misunderstood") ("I couldn't find a product matching 'misunderstood' in the catalog.")
  instead of comparing the watch (saying it cannot check other shops, $109.99 here);
- "Sorry, I meant the hairdryer alone, not the whole cart." right after the cart total in
  euros (€55.70, rightly) called get_product_details(product="hairdryer") ("Hairdryer costs
  $24.99. ...") instead of the hairdryer's price in euros, €22.11;
- "Hmm, no, one of those should be 14." with alerts at $16 on the candle holder and the tank
  top (both rightly made) called no tool ("No problem. Anything else I can help you find?")
  instead of asking which alert; then "The candle holder one." called add_to_cart(product=
  "candle holder") (the cart now 1 × Candle Holder) instead of moving the candle holder's
  alert to $14.

Worked on since by general rules (the same session), 11 of 12 pass: "I meant 16" / "oops,
typo - I meant 4" is "make it 16" (an alert's target or a line's count); "sorry, I meant euros
not pounds" right after an alert moves it to euros at the same amount; "no no, the black one",
"no no, the candle holder, not the tank top", "not that candle holder thing, the shakers" and
"scratch that, make it the sunglasses instead" say what was meant (after an add, a swap);
"move the alert to the watch" moves it at the same target; "I meant black, not brown" right
after a taste corrects it on the same side (brown forgotten, its boost taken back); "you
misunderstood" is no product; "I meant the hairdryer alone" keeps the currency just asked in;
"one of those should be 14" after two alerts asks which, and the answer replaces that one.

Still failing, by judgement rather than by a missing rule: "wrong one, the other mug... I mean
the other one" after the mug was added from three kitchen products takes the mug out at once
and asks which of the other two instead (as "no, not that one" does in the older sets:
`answered_questions.chosen_instead`); this set expects the mug kept until the shopper answers.
It is marked xfail (strict) until one of the two readings is chosen for both.
"""

from __future__ import annotations

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
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
    result_of,
    said_no,
    shown_names,
    tastes_said,
    tools_of,
    understood,
    usd_total,
    writes_of,
)

#: Words by which an answer says it cannot check or do something.
_NO = (
    "can't", "cannot", "can not", "unable", "not able", "don't have", "do not have",
    "no access", "not something", "isn't something", "only help", "don't know", "do not know",
    "not possible", "not available", "couldn't", "could not", "not configured", "not set up",
    "no other", "only show", "i'm afraid",
)  # fmt: skip
NEGATIVE = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})


def own_style(turn: Turn) -> tuple[list[str], list[str]]:
    """The likes and dislikes show_style_profile showed this turn (lower case); nothing
    written."""
    profile = result_of(turn, "show_style_profile")["profile"]
    assert not writes_of(turn), turn.tool_calls
    return [w.lower() for w in profile["likes"]], [w.lower() for w in profile["dislikes"]]


def assert_asked_which(turn: Turn, *candidates: str) -> None:
    """The assistant asked which was meant: a question, nothing written, naming one of the
    `candidates` or asking "which"."""
    assert_asked(turn)
    text = turn.text.lower()
    assert "which" in text or any(c.lower() in text for c in candidates), turn.text


def compared(turn: Turn) -> list[str]:
    """The products the turn compared with other shops (compare_prices or analyse_deal)."""
    return [
        str(call.get("product", ""))
        for name in ("compare_prices", "analyse_deal")
        for call in turn.calls(name)
    ]


async def test_mug_no_i_meant_the_jar_price_make_it_two_pounds_sorry_euros_not_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug to my cart.")
    assert await cart_of(services) == {MUG: 1}

    jar = await shopper.say("No, I meant the jar.")
    assert await cart_of(services) == {JAR: 1}  # the mug out, the jar in
    assert "Bamboo Glass Jar" in jar.text or "jar" in jar.text.lower(), jar.text

    price = await shopper.say("How much is it?")
    assert "$5.49" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    await shopper.say("Make that two.")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $10.98

    euros = await shopper.say("Sorry, I meant euros not pounds.")
    await assert_says_price(euros, services, cart, "EUR")  # $10.98
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $10.98


async def test_show_sunglasses_not_what_i_asked_price_in_euros_alert_15_typo_16_add_them(
    shopper: Conversation, services: AgentServices
) -> None:
    show = await shopper.say("Show me the sunglasses.")
    assert "Sunglasses" in show.text, show.text
    assert not writes_of(show), show.tool_calls

    euros = await shopper.say("That's not what I asked - I wanted the price in euros.")
    await assert_says_price(euros, services, {SUNGLASSES: 1}, "EUR")  # $19.99
    assert await cart_of(services) == {}

    alert = await shopper.say("Alert me if they drop under 15 euros.")
    assert_alert(alert, "Sunglasses", "EUR", 15)
    assert await alerts_of(services) == {("Sunglasses", "EUR", 15)}

    typo = await shopper.say("Oops, typo - I meant 16.")
    assert_alert(typo, "Sunglasses", "EUR", 16)
    alerts = {("Sunglasses", "EUR", 16)}
    assert await alerts_of(services) == alerts  # the 15 one replaced, not kept beside it
    assert await cart_of(services) == {}

    await shopper.say("Put a pair in my cart too.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_three_mugs_i_said_two_not_three_tank_top_total_sorry_i_meant_in_yen_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add three mugs.")
    assert await cart_of(services) == {MUG: 3}

    await shopper.say("Hmm, I said two, not three.")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("And a tank top.")
    cart = {MUG: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("How much is that altogether?")
    assert usd_total(cart) in total.text, total.text  # $36.97
    assert not writes_of(total), total.tool_calls

    yen = await shopper.say("Sorry, I meant in yen.")
    await assert_says_price(yen, services, cart, "JPY")  # $36.97
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $36.97


@pytest.mark.xfail(strict=True, reason="judgement: see the module docstring's last paragraph")
async def test_kitchen_add_mug_wrong_one_the_other_one_asked_shakers_instead_euros_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("What do you have for the kitchen?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add the mug.")
    assert await cart_of(services) == {MUG: 1}

    which = await shopper.say("Wrong one, the other mug... I mean the other one.")
    assert_asked_which(which, "shakers", "jar")  # the shakers or the jar?
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("The salt and pepper shakers.")
    cart = {SHAKERS: 1}
    assert await cart_of(services) == cart  # the mug out, the shakers in

    euros = await shopper.say("What do they cost in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $18.49

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.49


async def test_hairdryer_alert_18_pounds_sorry_euros_not_pounds_price_add_it_mug_not_mug_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    alert = await shopper.say("Alert me when the hairdryer drops below 18 pounds.")
    assert_alert(alert, "Hairdryer", "GBP", 18)
    assert await alerts_of(services) == {("Hairdryer", "GBP", 18)}

    euros = await shopper.say("Sorry, I meant euros not pounds.")
    assert_alert(euros, "Hairdryer", "EUR", 18)
    alerts = {("Hairdryer", "EUR", 18)}
    assert await alerts_of(services) == alerts  # moved, the pounds one gone
    assert await cart_of(services) == {}

    price = await shopper.say("How much is it in euros right now?")
    await assert_says_price(price, services, {HAIRDRYER: 1}, "EUR")  # $24.99
    assert await alerts_of(services) == alerts

    await shopper.say("Add it to my cart, and a mug.")
    assert await cart_of(services) == {HAIRDRYER: 1, MUG: 1}

    await shopper.say("Actually no, not the mug - a bamboo jar.")
    cart = {HAIRDRYER: 1, JAR: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $30.48


async def test_accessories_add_watch_no_no_the_black_one_love_brown_no_black_not_brown_style(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("Show me your accessories.")
    assert set(shown_names(accessories)) == {"Sunglasses", "Watch"}, shown_names(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    await shopper.say("Add the watch.")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("No no, the black one.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart  # the watch out, the (black) sunglasses in

    brown = await shopper.say("By the way, I love brown.")
    assert "brown" in tastes_said(brown)[0], brown.tool_calls
    assert await cart_of(services) == cart

    black = await shopper.say("No no, I meant black, not brown.")
    assert "black" in tastes_said(black)[0], black.tool_calls
    assert await cart_of(services) == cart  # a taste corrected, not the cart

    style = await shopper.say("What do you know about my style now?")
    likes, dislikes = own_style(style)
    assert "black" in likes, (likes, dislikes)
    assert "brown" not in likes and "brown" not in dislikes, (likes, dislikes)  # a slip, no dislike

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_candle_holder_price_not_that_thing_the_shakers_add_two_alert_under_15_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    candle = await shopper.say("How much is the candle holder?")
    assert "$18.99" in candle.text, candle.text
    assert not writes_of(candle), candle.tool_calls

    shakers = await shopper.say("Not that candle holder thing, the shakers - what do they cost?")
    assert "$18.49" in shakers.text, shakers.text
    assert not writes_of(shakers), shakers.tool_calls

    await shopper.say("Add two of them.")
    cart = {SHAKERS: 2}
    assert await cart_of(services) == cart

    alert = await shopper.say("Tell me if they drop below 15 dollars.")
    assert_alert(alert, "Salt & Pepper Shakers", "USD", 15)
    alerts = {("Salt & Pepper Shakers", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $36.98

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Salt & Pepper Shakers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $36.98


async def test_loafers_alert_80_i_asked_about_the_watch_move_it_watch_price_add_loafers_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    alert = await shopper.say("Set an alert for the loafers at 80 dollars.")
    assert_alert(alert, "Loafers", "USD", 80)
    assert await alerts_of(services) == {("Loafers", "USD", 80)}

    moved = await shopper.say(
        "I asked about the watch, not the loafers! Move the alert to the watch."
    )
    assert_alert(moved, "Watch", "USD", 80)
    alerts = {("Watch", "USD", 80)}
    assert await alerts_of(services) == alerts  # the loafers one gone
    assert await cart_of(services) == {}

    price = await shopper.say("How much is the watch now?")
    assert "$109.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    await shopper.say("Add the loafers to the cart anyway.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    euros = await shopper.say("What's that in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $89.99

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $89.99


async def test_watch_scratch_that_sunglasses_3_pairs_typo_4_hate_gold_meant_silver_style(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the watch to my cart.")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("Scratch that, make it the sunglasses instead.")
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("Make it 3 pairs.")
    assert await cart_of(services) == {SUNGLASSES: 3}

    typo = await shopper.say("Oops, typo - I meant 4.")
    cart = {SUNGLASSES: 4}
    assert await cart_of(services) == cart  # four in all, not four more
    assert understood(typo), typo.text

    gold = await shopper.say("By the way, I can't stand gold.")
    assert "gold" in tastes_said(gold)[1], gold.tool_calls
    assert await cart_of(services) == cart

    silver = await shopper.say("Sorry, I meant silver, not gold - gold is fine.")
    assert "silver" in tastes_said(silver)[1], silver.tool_calls
    assert await cart_of(services) == cart

    style = await shopper.say("What do you know about my style?")
    likes, dislikes = own_style(style)
    assert "silver" in dislikes and "gold" not in dislikes, (likes, dislikes)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $79.96


async def test_watch_opinion_you_misunderstood_cheaper_elsewhere_alert_95_mug_two_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    opinion = await shopper.say("What do you think of the watch?")
    assert "Watch" in opinion.text, opinion.text
    assert not writes_of(opinion), opinion.tool_calls

    elsewhere = await shopper.say(
        "Hmm, I think you misunderstood: I don't want to buy it, I just want to know if it's "
        "cheaper elsewhere."
    )
    products = compared(elsewhere)
    assert products and all(p == WATCH or "watch" in p.lower() for p in products), (
        elsewhere.tool_calls
    )
    assert "$109.99" in elsewhere.text, elsewhere.text
    assert said_no(elsewhere, NEGATIVE), elsewhere.text  # no outside prices to compare with
    assert not writes_of(elsewhere), elsewhere.tool_calls
    assert await cart_of(services) == {}

    alert = await shopper.say("Okay. Then tell me if it drops below 95 dollars.")
    assert_alert(alert, "Watch", "USD", 95)
    alerts = {("Watch", "USD", 95)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("And put the mug in my cart.")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("Sorry, I meant two mugs, not one.")
    cart = {MUG: 2}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my cart total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $17.98

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $17.98


async def test_tank_top_and_hairdryer_i_meant_2_asked_tank_top_euros_the_hairdryer_alone(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the tank top and the hairdryer.")
    assert await cart_of(services) == {TANK_TOP: 1, HAIRDRYER: 1}

    which = await shopper.say("Oh wait, I meant 2, not 1.")
    assert_asked_which(which, "tank top", "hairdryer")  # two of which, or of both?
    assert await cart_of(services) == {TANK_TOP: 1, HAIRDRYER: 1}

    await shopper.say("The tank top.")
    cart = {TANK_TOP: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $62.97

    alone = await shopper.say("Sorry, I meant the hairdryer alone, not the whole cart.")
    await assert_says_price(alone, services, {HAIRDRYER: 1}, "EUR")  # $24.99
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $62.97


async def test_alerts_candle_holder_and_tank_top_16_one_should_be_14_asked_wrong_add_fixed(
    shopper: Conversation, services: AgentServices
) -> None:
    candle = await shopper.say("Alert me if the candle holder drops below 16 dollars.")
    assert_alert(candle, "Candle Holder", "USD", 16)

    tank = await shopper.say("And the tank top below 16 dollars too.")
    assert_alert(tank, "Tank Top", "USD", 16)
    assert await alerts_of(services) == {("Candle Holder", "USD", 16), ("Tank Top", "USD", 16)}

    which = await shopper.say("Hmm, no, one of those should be 14.")
    assert_asked_which(which, "candle holder", "tank top")  # the candle holder's or the tank top's?
    assert await alerts_of(services) == {("Candle Holder", "USD", 16), ("Tank Top", "USD", 16)}

    fixed = await shopper.say("The candle holder one.")
    assert_alert(fixed, "Candle Holder", "USD", 14)
    alerts = {("Candle Holder", "USD", 14), ("Tank Top", "USD", 16)}
    assert await alerts_of(services) == alerts

    await shopper.say("Add the tank top to my cart.")
    assert await cart_of(services) == {TANK_TOP: 1}

    swap = await shopper.say("No no, the candle holder, not the tank top.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart  # the cart fixed, the alerts left alone
    assert "create_price_alert" not in tools_of(swap), swap.tool_calls
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder", "Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $18.99
