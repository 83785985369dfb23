"""A fifty-first set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, and that nothing was written on a
question or an unclear request, which currencies, what the cart holds afterwards) and the
essential facts of its answers (a total, a count, a name), not their wording. Their theme is
bulk cart operations on a full cart, six to eight turns each: a cart of four to seven different
products built in one or two messages and then changed wholesale: "Remove everything except the
watch.", "Take out all the kitchen stuff", "Double everything.", "Make every line just one.",
"Set all the mugs and jars to 3.", "Clear the cart but keep the sunglasses.", "Add one more of
each.", "Remove the two cheapest things.", "Drop anything over 50 dollars.", "Get rid of the
accessories.", "Halve the mugs.", "Swap all the kitchen things for the hairdryer.", "Take out
everything black.", "Remove everything except the loafers and the mugs."; questions about the
cart in between ("How many things are in my cart now, counting each one?", "How many different
products are in my cart?", "What's the most expensive line?", the line with the largest line
total, which is not always the dearest product: three mugs at $26.97 over a tank top at
$18.99), and totals after the changes, in dollars and in euros, pounds, yen and Canadian
dollars. Four requests are genuinely unclear and must be asked about, nothing written: "Remove
the cheap one." with the tank top and the candle holder both at $18.99 the cheapest lines,
"Take out the kitchen thing." with a mug and a bamboo jar in the cart, "Halve the mugs." with
three mugs, and "Double it." right after the watch and the sunglasses were added together
(nothing single in focus). Every conversation ends with a check of the cart (product id ->
quantity) in Online Boutique and its total. Conversions are computed in the test by the shop's
currency service (the embedded one, over its EUR-based rate table): the total converted, or its
lines (or unit prices) converted and added up, any of which the answer may show.

First run: 1 of 12 passed. No expectation was found to be the test's own mistake; the eleven
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run):
- "What's the most expensive line?" (after the shakers, three mugs, two jars and a tank top,
  rightly added at $75.43) called search_products(query="line", sort="price_desc") ("I
  couldn't find anything matching that. ...") instead of naming the mugs' line, $26.97, from
  the cart;
- "What's my total now, and in yen?" (after "Double everything." rightly made every line two,
  $145.92) called set_display_currency(JPY, just this answer) and view_cart ("... Total:
  ¥16,315.") but gave no dollar total, when both were asked;
- "Drop anything over 50 dollars." (after "Set all the mugs and jars to 3." rightly done,
  $152.42) called search_products(min_price="50") ("Here are 2 products: Loafers ($89.99) and
  Watch ($109.99). ...") instead of removing the loafers from the cart;
- "What's the most expensive line?" (after "Add one more of each." rightly done, $131.41)
  called search_products(query="line") ("I couldn't find anything matching that. ...")
  instead of naming the sunglasses' line, $39.98;
- "Remove the two cheapest things." (watch, hairdryer, mug, jar, shakers) called only
  remove_from_cart(jar) ("Removed Bamboo Glass Jar ... Total: $162.46.") instead of removing
  the jar and the mug ($153.47 left);
- "What's the most expensive line?" (after "Halve the mugs." rightly four to two and the count,
  5, rightly given) called search_products(query="line") ("I couldn't find anything matching
  that. ...") instead of naming the loafers, $89.99;
- "Swap all the kitchen things for the hairdryer." (after the total in pounds, £46.35, rightly
  given) called remove_from_cart(product="hairdryer") (failed: "Hairdryer is not in your
  cart.") instead of removing the shakers, the jar and the mugs and adding one hairdryer;
- "Take out the kitchen thing." with a mug and a bamboo jar (and the watch and the sunglasses)
  in the cart called remove_from_cart for both the mug and the jar ("Removed Mug ... Removed
  Bamboo Glass Jar ...") instead of asking which one, nothing written;
- "How many different products are in my cart?" (loafers, three mugs, candle holder,
  hairdryer, sunglasses) called view_cart ("Your cart has 7 items: ... Total: $180.93.")
  giving the number of pieces, 7, instead of the five different products;
- "Take out everything black." (tank top, hairdryer, two mugs, candle holder, jar) called
  remove_from_cart on all five lines and on "black" (refused) ("... Your cart is empty. Did you
  mean Mug or Sunglasses or Hairdryer or Tank Top?") instead of removing only the tank top,
  the hairdryer and the mugs (the candle holder and the jar kept);
- "What's my total in dollars and in euros?" (after "Double it." rightly asked about, though
  worded "Take one out of which: Watch or Sunglasses?", and "Clear the cart but keep the
  sunglasses." rightly leaving one pair) called set_display_currency(EUR, just this answer)
  and view_cart ("... Total: €17.68.") but gave no dollar total, $19.99, when both were
  asked.

Worked on since by general rules (the same session), 10 of 12 pass (the two left were
marked xfail): "what's the most expensive line?" names the line with the highest line total;
"how many different products" counts lines; "drop anything over 50 dollars" with a cart takes
those lines out; "remove the two cheapest things" takes two lines; "clear the cart but keep the
sunglasses" keeps that line as it is; "take out the kitchen thing" with two asks which; "swap
all the kitchen things for the hairdryer"; "make every line just one"; "make it one pair" when
the product last talked about was just taken out is the one line left; "halve the mugs" with
three asks one or two; "what's my total now, and in yen?" gives yen and the dollars it is
worked out from. A later session made the last two pass, 12 of 12: the answer to "1 or 2?"
after a halving ("make it one") sets that line, and "take out everything black" takes out the
lines whose colour and material words (now kept with each cart line) say black.
"""

from __future__ import annotations

import re

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
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    shown_names,
    usd_total,
    writes_of,
)

_WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten",
}  # fmt: skip


def says_count(turn: Turn, n: int) -> bool:
    """The answer states the number `n` (as digits standing alone, not inside a price, or as a
    word)."""
    if re.search(rf"(?<![\d.,$€£¥]){n}(?!\d|[.,]\d)", turn.text):
        return True
    word = _WORDS.get(n)
    return word is not None and re.search(rf"\b{word}\b", turn.text, re.IGNORECASE) is not None


def assert_answered_total(turn: Turn, cart: dict[str, int]) -> None:
    """The answer states the cart's dollar total; nothing written."""
    assert usd_total(cart) in turn.text, (usd_total(cart), turn.text)
    assert not writes_of(turn), turn.tool_calls


def assert_counted(turn: Turn, n: int) -> None:
    """The answer states the count `n`; nothing written."""
    assert says_count(turn, n), (n, turn.text)
    assert not writes_of(turn), turn.tool_calls


def assert_dearest_line(turn: Turn, name: str, line_total: str) -> None:
    """The answer names the line with the largest line total and that total; nothing written."""
    assert name in turn.text and line_total in turn.text, (name, line_total, turn.text)
    assert not writes_of(turn), turn.tool_calls


async def test_watch_mugs_jar_sunglasses_count_remove_all_but_the_watch_euros_mug_back(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a watch, two mugs, a bamboo glass jar and the sunglasses to my cart.")
    cart = {WATCH: 1, MUG: 2, JAR: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    assert_answered_total(total, cart)  # $153.45

    count = await shopper.say("How many things are in my cart now, counting each one?")
    assert_counted(count, 5)

    await shopper.say("Remove everything except the watch.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros now?")
    await assert_says_price(euros, services, cart, "EUR")  # $109.99

    await shopper.say("Put the mugs back, just one this time.")
    cart = {WATCH: 1, MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $118.98


async def test_shakers_mugs_jars_tank_top_dearest_line_kitchen_out_cheap_one_asked_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "I'd like the salt and pepper shakers, three mugs, two bamboo jars and a tank top."
    )
    cart = {SHAKERS: 1, MUG: 3, JAR: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart  # $75.43

    dearest = await shopper.say("What's the most expensive line?")
    assert_dearest_line(dearest, "Mug", "$26.97")  # three mugs, over the tank top's $18.99

    kitchen = await shopper.say("Take out all the kitchen stuff and tell me the new total.")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart
    assert usd_total(cart) in kitchen.text, kitchen.text  # $18.99

    await shopper.say("Add the candle holder and the hairdryer.")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart  # $62.97

    which = await shopper.say("Remove the cheap one.")
    assert_asked(which)  # the tank top and the candle holder are both $18.99
    assert await cart_of(services) == cart

    await shopper.say("The tank top.")
    cart = {CANDLE_HOLDER: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $43.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $43.98


async def test_mug_candle_sunglasses_hairdryer_count_double_everything_yen_dearest_one_each(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug, a candle holder, a pair of sunglasses and the hairdryer.")
    single = {MUG: 1, CANDLE_HOLDER: 1, SUNGLASSES: 1, HAIRDRYER: 1}
    assert await cart_of(services) == single  # $72.96

    count = await shopper.say("How many things are in my cart now?")
    assert_counted(count, 4)

    await shopper.say("Double everything.")
    cart = {MUG: 2, CANDLE_HOLDER: 2, SUNGLASSES: 2, HAIRDRYER: 2}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total now, and in yen?")
    assert usd_total(cart) in yen.text, yen.text  # $145.92
    await assert_says_price(yen, services, cart, "JPY")

    dearest = await shopper.say("What's the most expensive line?")
    assert_dearest_line(dearest, "Hairdryer", "$49.98")

    await shopper.say("Make every line just one.")
    assert await cart_of(services) == single

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, single)  # $72.96


async def test_mugs_jar_loafers_tank_top_set_mugs_and_jars_to_3_drop_over_50_count_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add two mugs, a bamboo jar, the loafers and a tank top.")
    cart = {MUG: 2, JAR: 1, LOAFERS: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart  # $132.45

    await shopper.say("Set all the mugs and jars to 3.")
    cart = {MUG: 3, JAR: 3, LOAFERS: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total now?")
    assert_answered_total(total, cart)  # $152.42

    await shopper.say("Drop anything over 50 dollars.")
    cart = {MUG: 3, JAR: 3, TANK_TOP: 1}  # only the loafers ($89.99); no line is over $50
    assert await cart_of(services) == cart

    count = await shopper.say("How many things are in my cart now, counting each one?")
    assert_counted(count, 7)

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $62.43

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $62.43


async def test_sunglasses_candle_shakers_jars_one_more_of_each_clear_but_sunglasses_cad_one(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "Put the sunglasses, a candle holder, the salt and pepper shakers and two bamboo jars "
        "in my cart."
    )
    cart = {SUNGLASSES: 1, CANDLE_HOLDER: 1, SHAKERS: 1, JAR: 2}
    assert await cart_of(services) == cart  # $68.45

    await shopper.say("Add one more of each.")
    cart = {SUNGLASSES: 2, CANDLE_HOLDER: 2, SHAKERS: 2, JAR: 3}
    assert await cart_of(services) == cart  # $131.41

    dearest = await shopper.say("What's the most expensive line?")
    assert_dearest_line(dearest, "Sunglasses", "$39.98")

    await shopper.say("Clear the cart but keep the sunglasses.")
    cart = {SUNGLASSES: 2}
    assert await cart_of(services) == cart

    cad = await shopper.say("What do I owe now in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $39.98

    await shopper.say("Make it one pair.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_watch_hairdryer_mug_jar_shakers_two_cheapest_out_accessories_one_more_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the watch, the hairdryer, a mug, a bamboo jar and the shakers.")
    cart = {WATCH: 1, HAIRDRYER: 1, MUG: 1, JAR: 1, SHAKERS: 1}
    assert await cart_of(services) == cart  # $167.95

    await shopper.say("Remove the two cheapest things.")
    cart = {WATCH: 1, HAIRDRYER: 1, SHAKERS: 1}  # the jar ($5.49) and the mug ($8.99)
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total now?")
    assert_answered_total(total, cart)  # $153.47

    await shopper.say("Get rid of the accessories.")
    cart = {HAIRDRYER: 1, SHAKERS: 1}  # the watch
    assert await cart_of(services) == cart

    more = await shopper.say("Add one more of each and tell me the total.")
    cart = {HAIRDRYER: 2, SHAKERS: 2}
    assert await cart_of(services) == cart
    assert usd_total(cart) in more.text, more.text  # $86.96

    yen = await shopper.say("What's that in yen?")
    await assert_says_price(yen, services, cart, "JPY")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $86.96


async def test_four_mugs_two_candles_loafers_halve_the_mugs_count_dearest_drop_over_50_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add four mugs, two candle holders and the loafers.")
    cart = {MUG: 4, CANDLE_HOLDER: 2, LOAFERS: 1}
    assert await cart_of(services) == cart  # $163.93

    await shopper.say("Halve the mugs.")
    cart = {MUG: 2, CANDLE_HOLDER: 2, LOAFERS: 1}
    assert await cart_of(services) == cart  # $145.95

    count = await shopper.say("How many things are in my cart now, counting each one?")
    assert_counted(count, 5)

    dearest = await shopper.say("What's the most expensive line?")
    assert_dearest_line(dearest, "Loafers", "$89.99")

    await shopper.say("Drop anything over 50 dollars.")
    cart = {MUG: 2, CANDLE_HOLDER: 2}  # the loafers; no other line is over $50
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $55.96

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $55.96


async def test_shakers_jar_mugs_tank_top_pounds_swap_kitchen_for_hairdryer_double_cheapest(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I want the shakers, a bamboo jar, two mugs and a tank top.")
    cart = {SHAKERS: 1, JAR: 1, MUG: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $60.95

    await shopper.say("Swap all the kitchen things for the hairdryer.")
    cart = {TANK_TOP: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total now?")
    assert_answered_total(total, cart)  # $43.98

    await shopper.say("Double everything.")
    cart = {TANK_TOP: 2, HAIRDRYER: 2}
    assert await cart_of(services) == cart  # $87.96

    await shopper.say("Remove the cheapest thing.")
    cart = {HAIRDRYER: 2}  # the tank tops, by unit price and by line
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $49.98


async def test_watch_mug_jar_sunglasses_kitchen_thing_asked_jar_accessories_out_every_one(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the watch, a mug, a bamboo jar and the sunglasses.")
    cart = {WATCH: 1, MUG: 1, JAR: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # $144.46

    which = await shopper.say("Take out the kitchen thing.")
    assert_asked(which)  # the mug or the jar?
    assert await cart_of(services) == cart

    await shopper.say("The jar.")
    cart = {WATCH: 1, MUG: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    await shopper.say("Get rid of the accessories.")
    cart = {MUG: 1}  # the watch and the sunglasses
    assert await cart_of(services) == cart

    await shopper.say("Add the candle holder, the hairdryer and two tank tops.")
    cart = {MUG: 1, CANDLE_HOLDER: 1, HAIRDRYER: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart  # $90.95

    await shopper.say("Make every line just one.")
    cart = {MUG: 1, CANDLE_HOLDER: 1, HAIRDRYER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $71.96

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $71.96


async def test_loafers_mugs_candle_hairdryer_sunglasses_products_all_but_two_halve_asked_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "Add the loafers, three mugs, a candle holder, the hairdryer and a pair of sunglasses."
    )
    cart = {LOAFERS: 1, MUG: 3, CANDLE_HOLDER: 1, HAIRDRYER: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # $180.93

    products = await shopper.say("How many different products are in my cart?")
    assert_counted(products, 5)

    await shopper.say("Remove everything except the loafers and the mugs.")
    cart = {LOAFERS: 1, MUG: 3}
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total now, and in Canadian dollars?")
    assert usd_total(cart) in cad.text, cad.text  # $116.96
    await assert_says_price(cad, services, cart, "CAD")

    which = await shopper.say("Halve the mugs.")
    assert_asked(which)  # three mugs: one or two?
    assert await cart_of(services) == cart

    await shopper.say("Make it one.")
    cart = {LOAFERS: 1, MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $98.98


async def test_tank_hairdryer_mugs_candle_jar_yen_everything_black_out_jars_candles_to_3(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "Add a tank top, the hairdryer, two mugs, the candle holder and a bamboo jar."
    )
    cart = {TANK_TOP: 1, HAIRDRYER: 1, MUG: 2, CANDLE_HOLDER: 1, JAR: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $86.44

    await shopper.say("Take out everything black.")
    cart = {CANDLE_HOLDER: 1, JAR: 1}  # the tank top, the hairdryer and the mugs
    assert await cart_of(services) == cart

    await shopper.say("Set all the jars and candle holders to 3.")
    cart = {CANDLE_HOLDER: 3, JAR: 3}
    assert await cart_of(services) == cart

    dearest = await shopper.say("What's the most expensive line?")
    assert_dearest_line(dearest, "Candle Holder", "$56.97")

    more = await shopper.say("Add one more of each - what's the total now?")
    cart = {CANDLE_HOLDER: 4, JAR: 4}
    assert await cart_of(services) == cart
    assert usd_total(cart) in more.text, more.text  # $97.92

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $97.92


async def test_kitchen_two_of_each_watch_and_sunglasses_double_it_asked_keep_sunglasses_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("Show me the kitchen things.")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add two of each.")
    cart = {SHAKERS: 2, JAR: 2, MUG: 2}
    assert await cart_of(services) == cart  # $65.94

    await shopper.say("And the watch and the sunglasses.")
    cart = {SHAKERS: 2, JAR: 2, MUG: 2, WATCH: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # $195.92

    which = await shopper.say("Double it.")
    assert_asked(which)  # the watch, the sunglasses, everything?
    assert await cart_of(services) == cart

    await shopper.say("Never mind. Clear the cart but keep the sunglasses.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    both = await shopper.say("What's my total in dollars and in euros?")
    assert usd_total(cart) in both.text, both.text  # $19.99
    await assert_says_price(both, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99
