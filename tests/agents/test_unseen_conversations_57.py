"""A fifty-seventh set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, that nothing is written on a
question or an unclear request, alerts made only when asked for) and the essential facts of
its answers (exact amounts), not their wording. Their theme is a shopper who works the numbers
out themselves and checks the assistant, six to eight turns each, messages full of numbers and
quantities in words and digits mixed ("two candle holders and 1 hairdryer", "half a dozen
jars", "three of them"): sums the shopper got right, to be confirmed with the real figure
("add 2 mugs at 8.99 each, that's 17.98 right?", "the shakers are 18.49, so four of them is
73.96, add them", "109.99 plus 37.98 plus 26.97 - that's 174.94?"), sums they got wrong, to
be corrected with the real figure and never confirmed ("the watch and the loafers come to 200
exactly, yes?": $199.98; "my total is 209.97 then?": $219.97; "one jar fewer saves me 5.94,
yes?": $5.49), what-ifs that are questions and write nothing ("so 3 jars would be 16.47?",
"if I take one mug out I save 8.99?", "if I only kept two I'd pay 36.98, right?"), the total
between two guesses ("is my total 45 or 46 now?": $45.97), a price the shopper misremembers
("you said the tank top was 17.99 - it's 18.99 isn't it?"), a percentage ("that's 10 percent
off the sunglasses if they drop to 18, isn't it?": 9.95 %, about 10 %, and no alert made from
the what-if), what is left of a budget ("two cents?"), products named by their price ("the
thing that costs 5.49", "the 24.99 one": one product each), and rough figures in other
currencies ("in euros that's about 20, right?", "in pounds - under 35?", "in yen, roughly
10,000?"), checked against what the shop's currency service computes (the embedded one, over
its EUR-based rate table), which the answer must state: the total converted, or its lines (or
unit prices) converted and added up. When the shopper's wrong figure comes with an add ("Add 3
mugs, that's 24.97."), a careful assistant does not let the wrong figure hold up the add (the
shopper plainly wants three mugs; the figure is their arithmetic, not a condition): it adds
them and states the real figure ($26.97), and the cart is not changed to fit the wrong one.
Three requests are genuinely ambiguous and must be asked about, nothing written: "Add the one
that's 18.99." (the tank top and the candle holder both cost $18.99), "Make it three." right
after two tank tops and one candle holder were added in one message, and "Take one out." with
three mugs and five jars in the cart. Every conversation ends with a check of the cart
(product id -> quantity) in Online Boutique and its total, and of the alerts where one was set.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake (the catalog
prices, ids and sums were checked again); the twelve failures are the assistant's (each
conversation stops at its first wrong turn, so later turns were not reached; the tool calls
were read from a logged replay of the same run, which failed at the same turns):
- "So 3 jars would be 16.47?" (after "Add 2 mugs at 8.99 each, that's 17.98 right?" rightly
  added two mugs, total $17.98) called add_to_cart(product="jars", quantity=3) ("Added 3 ×
  Bamboo Glass Jar to your cart. ... Total: $34.45.") instead of confirming $16.47 and writing
  nothing (a what-if);
- "So together they come to 200 exactly, yes?" (after the watch and the loafers rightly priced
  at $109.99 and $89.99) called no tool ("Which product do you mean? Recently we looked at: 1.
  Watch, 2. Loafers.") instead of saying they come to $199.98, not exactly 200;
- "The shakers are 18.49, so four of them is 73.96, add them." called get_product_details(
  product="shakers") and add_to_cart(product="shakers", quantity=1) ("... Added 1 × Salt &
  Pepper Shakers to your cart. ... Total: $18.49.") instead of adding four, $73.96;
- "So five things at 18.99 is 94.95?" (after the clothes, "You said the tank top was 17.99 -
  it's 18.99, isn't it?" answered with search_products(query="said tank top") ("Sorry, I don't
  have anything for "said". The closest I have: Tank Top ($18.99)."), two tank tops and a
  candle holder added at $56.97, "Make it three." rightly asked which and three candle holders
  set, all passing) called no tool ("Sorry, I didn't understand that. ...") instead of
  confirming $94.95, nothing written;
- "That's 10 percent off the sunglasses if they drop to 18, isn't it?" (after the sunglasses
  at $19.99) called create_price_alert(product="sunglasses", drop_percent="10") ("I'll let you
  know when Sunglasses is at or below $17.99 (it's $19.99 now).") instead of answering that
  $18 is about 10 % (9.95 %) off and making no alert;
- "Oh right. And five jars - 5.49 times five is 27.45?" (after "Add 3 mugs, that's 24.97."
  rightly added three mugs and stated $26.97) called no tool ("I can only help with shopping
  here, so I can't answer that. ...") instead of adding five jars, $27.45;
- "That should be 62.97, right?" (after two candle holders and one hairdryer rightly added,
  total $62.97) called no tool (handed to the cart manager: "Another of which: Candle Holder
  or Hairdryer?") instead of confirming $62.97, nothing written;
- "Now add the watch. My total is 209.97 then, or did I get that wrong?" (after the $20.00
  difference, the loafers and two sunglasses added at $129.97 (with a stray "I can only help
  with shopping here, so I can't answer that."), the loafers at £68.43, the what-if of one
  pair fewer at $109.98 quoted and one pair dropped, all passing) called add_to_cart(product=
  "watch", quantity=1), view_cart() and add_to_cart(product="watch", quantity=1) again
  ("Added 1 × Watch to your cart. Added 1 × Watch to your cart. ... 2 × Watch, ... Total:
  $329.96.") instead of adding one watch and saying the total is $219.97;
- "I've got 50 dollars. Two hairdryers would be 49.98, so they'd fit?" called set_budget(
  amount="50", currency="USD") and add_to_cart(product="hairdryers", quantity=2) ("Added 2 ×
  Hairdryer to your cart. ... Total: $49.98. That leaves $0.02 of your $50.00 budget.")
  instead of confirming they would fit at $49.98 and adding nothing yet;
- "Hm. Add one, and four bamboo jars - that's 18.99 and 21.96, so 40.95 in dollars?" (after
  the candle holder rightly at €16.80) called add_to_cart(product="bamboo jars", quantity=4)
  only ("Added 4 × Bamboo Glass Jar to your cart. ... Total: $21.96.") instead of adding the
  candle holder too and confirming $40.95;
- "Let me check: 109.99 plus 37.98 plus 26.97 - that's 174.94?" (after one watch, two tank
  tops and three mugs rightly added, total $174.94) called no tool ("I can only help with
  shopping here, so I can't answer that. ...") instead of confirming $174.94;
- "Add the thing that costs 5.49 - three of them." called no tool (handed to the cart manager:
  "Which product do you mean? You can name it, for example "the watch".") instead of adding
  three Bamboo Glass Jars (the only product at $5.49).

Worked on since by general rules (the same session), 3 of 12 pass: a figure the shopper works
out is split from its request (`planner/claims.py`) and confirmed or corrected from the
figures the turn's tools returned (`models/offline/claims_checked.py`): "that's 17.98 right?",
"so 3 jars would be 16.47?" (a price question, nothing added), "is my total 45 or 46?", "in
euros that's about 180?", "5.49 times five is 27.45?", "if I take one mug out I save 8.99?" (a
quote). The other nine are marked xfail (strict); what they still need: a what-if said as
"if I only kept two I'd pay 36.98" and "two hairdryers would be 49.98, so they'd fit?" (read as
changes, not quotes); "that's 10 percent off if they drop to 18, isn't it?" (a percentage
checked, no alert); "add one, and four jars - 40.95?" after a look at the candle holder (the
"one" is the candle holder); "half a dozen jars" (six); "add the watch. my total is 209.97
then" (one add, the figure corrected); "the thing that costs 5.49 - three of them" (a product
named by its price); "take one out" with mugs and jars (asked); sums with "minus" of two
products' prices.
"""

from __future__ import annotations

import re

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
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
    assert_nothing_changed,
    assert_says_price,
    cart_of,
    listed_alerts,
    usd_total,
    writes_of,
)

#: How an answer opens when it agrees with the shopper's figure.
_AGREES = ("yes", "yep", "yeah", "right", "correct", "exactly", "that's right", "spot on")
#: About ten percent: 9.95 % (rounded 9.9, 9.95, 9.96) or 10 %.
_TEN_PERCENT = re.compile(r"(?:\b9\.9\d?|\b10(?:\.0+)?)\s*(?:%|percent|per cent)", re.IGNORECASE)
#: Twenty dollars exactly, not $20.xx.
_TWENTY_DOLLARS = re.compile(r"\$20(?:\.00)?(?![\d.]*\d)")
#: Two cents.
_TWO_CENTS = re.compile(r"\$0\.02\b|\b(?:2|two)\s*(?:cents|¢)|\b2¢", re.IGNORECASE)


def agrees(turn: Turn) -> bool:
    """The answer opens by agreeing with the shopper ("Yes, ...", "Right, ...")."""
    return turn.text.strip().lower().lstrip("*_ ").startswith(_AGREES)


def assert_states(turn: Turn, *amounts: str) -> None:
    """The answer states every one of these exact amounts ("$17.98")."""
    for amount in amounts:
        assert amount in turn.text, (amount, turn.text)


def assert_corrects(turn: Turn, real: str) -> None:
    """The shopper's figure was wrong: the answer states the real one and does not agree."""
    assert_states(turn, real)
    assert not agrees(turn), turn.text


def assert_question(turn: Turn) -> None:
    """A question or a what-if: nothing written."""
    assert not writes_of(turn), turn.tool_calls


async def test_two_mugs_17_98_three_jars_would_be_16_47_total_34_45_one_mug_out_saves_do_it(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("Add 2 mugs at 8.99 each, that's 17.98 right?")
    assert await cart_of(services) == {MUG: 2}
    assert_states(mugs, "$17.98")

    jars = await shopper.say("So 3 jars would be 16.47?")
    assert_question(jars)  # a what-if: nothing added yet
    assert_states(jars, "$16.47")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("Good, add three jars then.")
    assert await cart_of(services) == {MUG: 2, JAR: 3}

    total = await shopper.say("So my total is 34.45 now?")
    assert_question(total)
    assert_states(total, "$34.45")  # $17.98 + $16.47: right

    save = await shopper.say("If I take one mug out I save 8.99?")
    assert_question(save)  # a what-if: the mug stays
    assert_states(save, "$8.99")
    assert await cart_of(services) == {MUG: 2, JAR: 3}

    await shopper.say("Do it.")
    cart = {MUG: 1, JAR: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and the total.")
    await assert_final_cart(final, services, cart)  # $25.46


async def test_watch_and_loafers_200_exactly_is_199_98_add_both_euros_18_99_one_asked_tank_tops(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the watch and the loafers?")
    assert_question(prices)
    assert_states(prices, "$109.99", "$89.99")

    together = await shopper.say("So together they come to 200 exactly, yes?")
    assert_question(together)
    assert_corrects(together, "$199.98")  # not exactly 200

    await shopper.say("Close enough. Add both.")
    cart = {WATCH: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("In euros that's about 180, right?")
    await assert_says_price(euros, services, cart, "EUR")  # $199.98
    assert await cart_of(services) == cart

    out = await shopper.say("Take the watch out - that leaves exactly 89.99, doesn't it?")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart
    assert_states(out, "$89.99")

    which = await shopper.say("Add the one that's 18.99.")
    assert_asked(which)  # the tank top or the candle holder?
    assert await cart_of(services) == cart

    await shopper.say("The tank top, two of them.")
    cart = {LOAFERS: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Final check: my cart and the total.")
    await assert_final_cart(final, services, cart)  # $127.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_four_shakers_73_96_keep_two_36_98_mug_45_or_46_pounds_under_35_three_mugs_wrong(
    shopper: Conversation, services: AgentServices
) -> None:
    four = await shopper.say("The shakers are 18.49, so four of them is 73.96, add them.")
    assert await cart_of(services) == {SHAKERS: 4}
    assert_states(four, "$73.96")

    two = await shopper.say("Hmm, that's a lot. If I only kept two I'd pay 36.98, right?")
    assert_question(two)  # a what-if
    assert_states(two, "$36.98")
    assert await cart_of(services) == {SHAKERS: 4}

    await shopper.say("Yes, take two out.")
    assert await cart_of(services) == {SHAKERS: 2}

    mug = await shopper.say("And a mug. Is my total 45 or 46 now?")
    cart = {SHAKERS: 2, MUG: 1}
    assert await cart_of(services) == cart
    assert_states(mug, "$45.97")  # neither: $45.97

    pounds = await shopper.say("What's that in pounds - under 35?")
    await assert_says_price(pounds, services, cart, "GBP")  # $45.97

    more = await shopper.say("Add 3 more mugs, that's another 24.97.")
    cart = {SHAKERS: 2, MUG: 4}
    assert await cart_of(services) == cart  # added: the wrong figure is no condition
    assert_corrects(more, "$26.97")  # three mugs are $26.97, not $24.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $72.94


async def test_tank_top_was_17_99_its_18_99_two_tops_and_candle_56_97_make_it_three_asked_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    clothes = await shopper.say("What clothes do you have?")
    assert_question(clothes)
    assert "Tank Top" in clothes.text and "$18.99" in clothes.text, clothes.text

    price = await shopper.say("You said the tank top was 17.99 - it's 18.99, isn't it?")
    assert_question(price)
    assert_states(price, "$18.99")

    both = await shopper.say(
        "Add two tank tops and one candle holder - same price each, so 56.97 all in?"
    )
    assert await cart_of(services) == {TANK_TOP: 2, CANDLE_HOLDER: 1}
    assert_states(both, "$56.97")  # 3 x $18.99: right

    which = await shopper.say("Make it three.")
    assert_asked(which)  # three tank tops, or three candle holders?
    assert await cart_of(services) == {TANK_TOP: 2, CANDLE_HOLDER: 1}

    await shopper.say("Three candle holders.")
    cart = {TANK_TOP: 2, CANDLE_HOLDER: 3}
    assert await cart_of(services) == cart

    five = await shopper.say("So five things at 18.99 is 94.95?")
    assert_question(five)
    assert_states(five, "$94.95")

    yen = await shopper.say("How much is that in yen, roughly 10,000?")
    await assert_says_price(yen, services, cart, "JPY")  # $94.95

    final = await shopper.say("Show me my cart with the total.")
    await assert_final_cart(final, services, cart)  # $94.95


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_sunglasses_to_18_is_10_percent_off_alert_add_with_hairdryer_euros_if_dropped(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much are the sunglasses?")
    assert_question(price)
    assert_states(price, "$19.99")

    percent = await shopper.say(
        "That's 10 percent off the sunglasses if they drop to 18, isn't it?"
    )
    assert_question(percent)  # a what-if: no alert asked for yet
    assert _TEN_PERCENT.search(percent.text), percent.text  # $1.99 of $19.99: 9.95 %
    assert await alerts_of(services) == set()

    alert = await shopper.say("Then tell me when they drop to 18 dollars.")
    assert_alert(alert, "Sunglasses", "USD", 18)
    alerts = {("Sunglasses", "USD", 18)}
    await assert_nothing_changed(services, {}, alerts)

    both = await shopper.say("Add one pair now anyway, and a hairdryer - that's 44.98?")
    cart = {SUNGLASSES: 1, HAIRDRYER: 1}
    await assert_nothing_changed(services, cart, alerts)
    assert_states(both, "$44.98")  # right

    euros = await shopper.say("In euros the hairdryer is about 20, right?")
    await assert_says_price(euros, services, {HAIRDRYER: 1}, "EUR")  # $24.99

    dropped = await shopper.say("If the sunglasses did drop to 18, my total would be 42.99?")
    assert_question(dropped)
    assert_states(dropped, "$42.99")  # $18 + $24.99: right
    await assert_nothing_changed(services, cart, alerts)

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $44.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_three_mugs_24_97_wrong_five_jars_27_45_54_42_take_one_out_asked_jar_48_93_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("Add 3 mugs, that's 24.97.")
    assert await cart_of(services) == {MUG: 3}  # added: the wrong figure is no condition
    assert_corrects(mugs, "$26.97")

    jars = await shopper.say("Oh right. And five jars - 5.49 times five is 27.45?")
    assert await cart_of(services) == {MUG: 3, JAR: 5}
    assert_states(jars, "$27.45")  # right

    total = await shopper.say("So altogether I'm at 54.42?")
    assert_question(total)
    assert_states(total, "$54.42")  # right

    which = await shopper.say("Take one out.")
    assert_asked(which)  # a mug or a jar?
    assert await cart_of(services) == {MUG: 3, JAR: 5}

    jar = await shopper.say("A jar. So I'm down to 48.93?")
    cart = {MUG: 3, JAR: 4}
    assert await cart_of(services) == cart
    assert_states(jar, "$48.93")  # right

    cad = await shopper.say("What would it be in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $48.93

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $48.93


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_two_candle_holders_1_hairdryer_62_97_half_a_dozen_jars_swap_same_total_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put two candle holders and 1 hairdryer in my cart.")
    assert await cart_of(services) == {CANDLE_HOLDER: 2, HAIRDRYER: 1}

    check = await shopper.say("That should be 62.97, right?")
    assert_question(check)
    assert_states(check, "$62.97")  # right

    await shopper.say("Add half a dozen jars too.")
    assert await cart_of(services) == {CANDLE_HOLDER: 2, HAIRDRYER: 1, JAR: 6}

    six = await shopper.say("Six jars at 5.49 - is that 32.94 or 33.94?")
    assert_question(six)
    assert_states(six, "$32.94")

    swap = await shopper.say(
        "Swap one candle holder for a tank top - same price, so the total stays the same?"
    )
    cart = {CANDLE_HOLDER: 1, TANK_TOP: 1, HAIRDRYER: 1, JAR: 6}
    assert await cart_of(services) == cart
    assert_states(swap, usd_total(cart))  # $95.91 still

    pounds = await shopper.say("How much is that in pounds - about 73?")
    await assert_says_price(pounds, services, cart, "GBP")  # $95.91

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $95.91


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_watch_minus_loafers_is_20_loafers_two_sunglasses_129_97_pounds_watch_209_wrong(
    shopper: Conversation, services: AgentServices
) -> None:
    gap = await shopper.say(
        "What's the difference in price between the watch and the loafers - 20 dollars?"
    )
    assert_question(gap)
    assert _TWENTY_DOLLARS.search(gap.text), gap.text  # $109.99 - $89.99

    both = await shopper.say(
        "Add the loafers and two pairs of sunglasses. 89.99 plus 39.98 is 129.97, yes?"
    )
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 2}
    assert_states(both, "$129.97")  # right

    pounds = await shopper.say("In pounds the loafers are about 70, right?")
    await assert_says_price(pounds, services, {LOAFERS: 1}, "GBP")  # $89.99

    drop = await shopper.say("If I dropped one pair of sunglasses, I'd be at 109.98?")
    assert_question(drop)  # a what-if
    assert_states(drop, "$109.98")  # right
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 2}

    await shopper.say("Ok, drop one pair.")
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 1}

    watch = await shopper.say(
        "Now add the watch. My total is 209.97 then, or did I get that wrong?"
    )
    cart = {LOAFERS: 1, SUNGLASSES: 1, WATCH: 1}
    assert await cart_of(services) == cart
    assert_corrects(watch, "$219.97")  # $109.98 + $109.99

    final = await shopper.say("Show me everything in my cart with the total.")
    await assert_final_cart(final, services, cart)  # $219.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_50_dollars_two_hairdryers_49_98_jar_55_47_over_two_cents_left_swap_for_mugs_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    fit = await shopper.say("I've got 50 dollars. Two hairdryers would be 49.98, so they'd fit?")
    assert_question(fit)  # a what-if: nothing added yet
    assert_states(fit, "$49.98")
    assert await cart_of(services) == {}

    await shopper.say("Great, add two hairdryers.")
    assert await cart_of(services) == {HAIRDRYER: 2}

    jar = await shopper.say("Could I squeeze in a jar? That'd be 55.47, so 5.47 over, right?")
    assert_question(jar)  # a what-if: no jar added
    assert_states(jar, "$55.47", "$5.47")  # right
    assert await cart_of(services) == {HAIRDRYER: 2}

    left = await shopper.say("Then no jar. What's left of my 50 - two cents?")
    assert_question(left)
    assert _TWO_CENTS.search(left.text), left.text  # $50 - $49.98
    assert await cart_of(services) == {HAIRDRYER: 2}

    swap = await shopper.say("Swap one hairdryer for 2 mugs - 24.99 minus 17.98 saves me 7.01?")
    cart = {HAIRDRYER: 1, MUG: 2}
    assert await cart_of(services) == cart
    assert_states(swap, "$7.01")  # right

    yen = await shopper.say("And in yen my total is about 4,800?")
    await assert_says_price(yen, services, cart, "JPY")  # $42.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $42.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_candle_holder_about_20_euros_four_jars_40_95_six_jars_33_94_wrong_candle_out_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("The candle holder in euros is about 20, right?")
    await assert_says_price(euros, services, {CANDLE_HOLDER: 1}, "EUR")  # $18.99
    assert await cart_of(services) == {}

    both = await shopper.say(
        "Hm. Add one, and four bamboo jars - that's 18.99 and 21.96, so 40.95 in dollars?"
    )
    assert await cart_of(services) == {CANDLE_HOLDER: 1, JAR: 4}
    assert_states(both, "$40.95")  # right

    total = await shopper.say("What's that in euros?")
    await assert_says_price(total, services, {CANDLE_HOLDER: 1, JAR: 4}, "EUR")  # $40.95

    more = await shopper.say("Add two more jars, so six jars come to 33.94?")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, JAR: 6}  # added all the same
    assert_corrects(more, "$32.94")  # 6 x $5.49

    out = await shopper.say("Then take the candle holder out - I'm left with just the 32.94?")
    cart = {JAR: 6}
    assert await cart_of(services) == cart
    assert_states(out, "$32.94")  # right

    jars = await shopper.say("And 32.94 in euros is what, 29?")
    await assert_says_price(jars, services, cart, "EUR")  # $32.94

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $32.94


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_watch_2_tank_tops_three_mugs_174_94_one_mug_fewer_then_loafers_euros_watch_out(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add one watch, 2 tank tops and three mugs.")
    assert await cart_of(services) == {WATCH: 1, TANK_TOP: 2, MUG: 3}

    check = await shopper.say("Let me check: 109.99 plus 37.98 plus 26.97 - that's 174.94?")
    assert_question(check)
    assert_states(check, "$174.94")  # right

    fewer = await shopper.say("What would it come to with one mug fewer - 165.95?")
    assert_question(fewer)  # a what-if
    assert_states(fewer, "$165.95")  # right
    assert await cart_of(services) == {WATCH: 1, TANK_TOP: 2, MUG: 3}

    loafers = await shopper.say("Do that, and add a pair of loafers - 165.95 plus 89.99 is 255.94?")
    cart = {WATCH: 1, TANK_TOP: 2, MUG: 2, LOAFERS: 1}
    assert await cart_of(services) == cart
    assert_states(loafers, "$255.94")  # right

    euros = await shopper.say("What's that in euros - over 220?")
    await assert_says_price(euros, services, cart, "EUR")  # $255.94

    out = await shopper.say("Take the watch out. That brings me to 145.95, right?")
    cart = {TANK_TOP: 2, MUG: 2, LOAFERS: 1}
    assert await cart_of(services) == cart
    assert_states(out, "$145.95")  # right

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $145.95


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_the_5_49_thing_three_the_24_99_one_41_46_francs_two_shakers_jar_saves_5_94_wrong(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the thing that costs 5.49 - three of them.")
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("And the 24.99 one.")
    assert await cart_of(services) == {JAR: 3, HAIRDRYER: 1}

    total = await shopper.say("That's 41.46 in total, isn't it?")
    assert_question(total)
    assert_states(total, "$41.46")  # right

    francs = await shopper.say("The hairdryer in Swiss francs is roughly 25, right?")
    await assert_says_price(francs, services, {HAIRDRYER: 1}, "CHF")  # $24.99

    shakers = await shopper.say(
        "Add two salt and pepper shakers - 2 x 18.49 = 36.98, so I'm at 78.44?"
    )
    assert await cart_of(services) == {JAR: 3, HAIRDRYER: 1, SHAKERS: 2}
    assert_states(shakers, "$78.44")  # right

    saves = await shopper.say("One jar fewer saves me 5.94, yes?")
    assert_question(saves)  # a what-if
    assert_corrects(saves, "$5.49")
    assert await cart_of(services) == {JAR: 3, HAIRDRYER: 1, SHAKERS: 2}

    await shopper.say("OK, take one jar out.")
    cart = {JAR: 2, HAIRDRYER: 1, SHAKERS: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $72.95
