"""A thirty-first set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written for a question or an ambiguous request, which products
and quantities, what the cart holds afterwards) and the essential facts of its answers (a
count, an amount), not their wording. Their theme is quantities and arithmetic on the cart as
real shoppers say them, six to eight turns each: numbers as digits and as words ("six", "6",
"seven of them", "half a dozen", "a dozen", "a couple of", "a pair of sunglasses" - one pair),
relative changes ("make it a dozen", "half as many", "halve it", "double the mugs", "one more
of each", "three more mugs", "add another", "same again", "take one shaker off", "one fewer
hairdryer", "remove all but one", "I only need 2 of those, not 3", "bump the jars up to four",
"drop the candle holders to one", "the same number of mugs", "add six jars, no wait, 5"),
quantities in the same message as a product named with a typo ("Add four mgus and two bambo
jars", "a couple of salt and peper shakers", "add 2 wacthes", "a pair of sunglases too, and one
candel holder"), references to earlier results ("the second one" and "the third" of a list
sorted cheapest first, "those", "both", "them"), and questions that must write nothing: "how
many mugs do I have?", "how much would 4 of them cost?", "how much would it come to with one
more of each?", "what would it come to in euros with two more jars?", "how many items do I
have altogether?". Three requests are genuinely ambiguous and must be asked about with nothing
written: "Add one more." right after a tank top and a candle holder were added together, "Make
it 3." right after the sunglasses and a hairdryer were added together, and "Take one off."
with one pair of loafers and one watch in the cart. Every conversation ends with a check of
the cart's exact contents (product id -> quantity) in Online Boutique, its total, and that no
price alert was made along the way. Conversions are what the shop's currency service computes
from its EUR-based rate table (USD 1.1305 to the euro), to the nearest cent; the whole-total,
line-by-line and unit-price-times-quantity conversions agree for both of them. Any the
assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 1 of 12 passed (the cheapest kitchen thing, three of those, only 2 not 3, a
couple of shakers, four of them priced, one taken off). No expectation was found to be the
test's own mistake (every amount was checked against the catalog and, for euros, the shop's
rate table). The eleven failures are the assistant's (each conversation stops at its first
wrong turn, so later turns were not reached; the tool calls were read from a replay of the
set, which failed at the same turns):
- "Hmm, that's too many - half as many, please." (after a dozen mugs, rightly set) called
  get_product_details(product="6E92ZMYYFZ") and get_product_details(product="half") ("Mug
  costs $8.99. ... I couldn't find a product matching 'half' in the catalog.") instead of
  setting the mugs to 6;
- "Actually, one more of each." (after the tank top and the candle holder were added, "Add
  one more." rightly asked "Another of which: Tank Top or Candle Holder?" and "The candle
  holder." rightly added one) called add_to_cart(product="0PUK6V6EV0", quantity=1) only
  (cart 1 tank top, 3 candle holders) instead of one more tank top and one more candle
  holder (2 and 3);
- "What would it come to in euros with two more jars?" (8 mugs and 4 jars, all rightly
  done) called set_display_currency(currency="EUR", just_this_answer=True) and view_cart()
  ("Yes, you have 4 × Bamboo Glass Jar. ... Total: €83.04. 4 × Bamboo Glass Jar come to
  €19.43.") instead of the total with six jars, €92.76 ($104.86) (nothing written, rightly);
- "Hmm, drop the candle holders to one." (4 candle holders and 2 watches: "Same again." and
  "Add another." rightly done) called set_cart_quantity(product="0PUK6V6EV0", quantity=3)
  ("Updated Candle Holder to 3.") instead of setting them to 1;
- "Remove all but one of the hairdryers." (3 sunglasses, 4 hairdryers: "Make it 3." rightly
  asked "Which should be 3: Sunglasses or Hairdryer?", "How much would 4 of them cost?"
  rightly $79.96) called remove_from_cart(product="OLJCESPC7Z") ("Removed Sunglasses from
  your cart.") instead of setting the hairdryers to 1 and keeping the sunglasses;
- "How much would it come to with one more of each?" (6 mugs and 2 shakers, "the second one"
  and "the third" of the kitchen list rightly resolved) called view_cart() ("Your cart has 8
  items: 6 × Mug and 2 × Salt & Pepper Shakers. Total: $90.92.") instead of the hypothetical
  total with 7 mugs and 3 shakers, $118.40 (nothing written, rightly);
- "How much would two of each cost?" (the loafers and the watch in the cart) called
  get_product_details for both ("Loafers costs $89.99. ... Watch costs $109.99. ...") instead
  of saying two of each come to $399.96 (nothing written, rightly);
- "How much would it be with one less tank top?" (3 tank tops, 1 sunglasses, 1 candle holder:
  "halve it", "a pair of sunglases" as one pair and "one candel holder" rightly done) called
  get_product_details(product="0PUK6V6EV0") and get_product_details(product="less tank top")
  (the candle holder's and the tank top's prices and descriptions) instead of the total with
  two tank tops, $76.96 (nothing written, rightly);
- "I only need 2 of those, not 3." right after "How many mugs do I have?" (rightly: 3 × Mug)
  called set_cart_quantity(product="2ZYFJ3GM2N", quantity=2) ("Updated Hairdryer to 2.")
  instead of setting the mugs to 2 (the hairdryer, one of it, left as it was);
- "Too pricey. Remove all but one." (2 watches, added as "add 2 wacthes", rightly) called
  empty_cart() ("Your cart is now empty.") instead of setting the watches to 1;
- "And the same number of mugs." (after seven jars, rightly added) called
  get_product_details(product="mugs") ("Mug costs $8.99. ...") instead of adding 7 mugs.

Worked on since by general rules (the same session): "half as many" and "twice as many"
change the line; "drop ... to one", "take ... down to 2" and "remove all but one (of ...)" set
it; "one more of each" adds to each cart line after the cart was changed, shown or priced;
"the same number of mugs" takes the last add's count; changes a price question only supposes
("with two more jars", "with one less tank top", "with one more of each") are priced by the
cart manager's new `quote_cart` and made on "do it"; "how much would 4 more of them cost?" is
the price of four, "two of each" adds the lines up; "how many candle holders is that?" reads
the cart and puts that product in focus; "clear out the sunglasses" removes them; "take the
second watch back out" takes one of two. 12 of 12 pass.
"""

from __future__ import annotations

import re

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
    assert_asked,
    cart_of,
    in_passing,
    shown_names,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: Amounts as the shop's currency service (its EUR-based rate table) converts them, to the
#: nearest cent: the total converted, its lines converted and added up, or each unit price
#: converted times its quantity (the same for both of these).
EUR_EIGHT_MUGS_SIX_JARS = "€92.76"  # $104.86
EUR_TWO_TANK_TOPS_SUNGLASSES_CANDLE_HOLDER = "€68.08"  # $76.96

_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen",
    15: "fifteen", 16: "sixteen", 17: "seventeen",
}  # fmt: skip


def says_number(turn: Turn, n: int) -> bool:
    """The answer states the count `n`, as digits (not part of an amount like "$8.99" or
    "12.50") or as a word."""
    digits = re.compile(rf"(?<![\d.,$€£¥]){n}(?![\d]|[.,]\d)")
    word = re.compile(rf"\b{_NUMBER_WORDS[n]}\b", re.IGNORECASE)
    return bool(digits.search(turn.text) or word.search(turn.text))


def assert_answered(turn: Turn) -> None:
    """A question about the cart or a price: a real answer, and no write tool called at all."""
    assert understood(turn), turn.text
    assert not writes_of(turn), turn.tool_calls


async def assert_final_cart(turn: Turn, services: AgentServices, cart: dict[str, int]) -> None:
    """The last check: the cart shown and its total, nothing written, no alert made."""
    assert viewed(turn) == cart, turn.tool_results
    assert usd_total(cart) in turn.text, turn.text
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart
    assert await alerts_of(services) == set()


async def test_a_mug_make_it_a_dozen_half_as_many_how_many_four_more_cost_a_pair_of_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Add a mug to my cart.")
    assert await cart_of(services) == {MUG: 1}
    assert "Mug" in first.text, first.text

    dozen = await shopper.say("Actually, make it a dozen.")
    assert await cart_of(services) == {MUG: 12}
    assert says_number(dozen, 12), dozen.text

    await shopper.say("Hmm, that's too many - half as many, please.")
    assert await cart_of(services) == {MUG: 6}

    count = await shopper.say("How many mugs do I have now?")
    assert_answered(count)
    assert says_number(count, 6), count.text
    assert await cart_of(services) == {MUG: 6}

    cost = await shopper.say("How much would 4 more of them cost?")
    assert_answered(cost)
    assert "$35.96" in cost.text, cost.text  # 4 × $8.99
    assert await cart_of(services) == {MUG: 6}

    await shopper.say("Add a pair of bamboo jars too.")
    cart = {MUG: 6, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $64.92


async def test_tank_top_and_candle_holder_add_one_more_asked_one_more_of_each_take_one_off(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a tank top and a candle holder in my cart.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    which = await shopper.say("Add one more.")
    assert_asked(which)  # one more of which?
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 2}

    await shopper.say("Actually, one more of each.")
    assert await cart_of(services) == {TANK_TOP: 2, CANDLE_HOLDER: 3}

    count = await shopper.say("How many candle holders is that?")
    assert_answered(count)
    assert says_number(count, 3), count.text

    await shopper.say("Take one off the tank tops.")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart?")
    await assert_final_cart(final, services, cart)  # $75.96


async def test_four_mgus_two_bambo_jars_double_the_mugs_jars_up_to_four_euros_with_two_more(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Add four mgus and two bambo jars.")
    assert await cart_of(services) == {MUG: 4, JAR: 2}
    assert "Mug" in first.text and "Bamboo Glass Jar" in first.text, first.text

    await shopper.say("Double the mugs.")
    assert await cart_of(services) == {MUG: 8, JAR: 2}

    await shopper.say("Bump the jars up to four.")
    assert await cart_of(services) == {MUG: 8, JAR: 4}

    total = await shopper.say("How much is that altogether?")
    assert_answered(total)
    assert "$93.88" in total.text, total.text  # 8 × $8.99 + 4 × $5.49

    euros = await shopper.say("What would it come to in euros with two more jars?")
    assert_answered(euros)
    assert EUR_EIGHT_MUGS_SIX_JARS in euros.text, euros.text  # $104.86
    assert in_passing(euros), euros.tool_calls
    assert await cart_of(services) == {MUG: 8, JAR: 4}

    await shopper.say("Okay, skip that. Remove all but one of the mugs.")
    cart = {MUG: 1, JAR: 4}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $30.95


async def test_cheapest_kitchen_thing_three_of_those_only_need_2_couple_of_peper_shakers(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("What's the cheapest thing you have for the kitchen?")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("Add three of those.")
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("Sorry, I only need 2 of those, not 3.")
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("And a couple of salt and peper shakers.")
    assert await cart_of(services) == {JAR: 2, SHAKERS: 2}

    cost = await shopper.say("How much would 4 of the shakers cost?")
    assert_answered(cost)
    assert "$73.96" in cost.text, cost.text  # 4 × $18.49
    assert await cart_of(services) == {JAR: 2, SHAKERS: 2}

    await shopper.say("Too much. Take one shaker off.")
    cart = {JAR: 2, SHAKERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart now?")
    await assert_final_cart(final, services, cart)  # $29.47


async def test_two_candle_holders_same_again_a_watch_add_another_drop_candles_to_one_count(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add two candle holders.")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    await shopper.say("Same again.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4}

    await shopper.say("And a watch.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, WATCH: 1}

    await shopper.say("Add another.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, WATCH: 2}  # another watch

    await shopper.say("Hmm, drop the candle holders to one.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, WATCH: 2}

    await shopper.say("Actually, take the second watch back out.")
    cart = {CANDLE_HOLDER: 1, WATCH: 1}
    assert await cart_of(services) == cart

    count = await shopper.say("How many things are in my cart in total?")
    assert_answered(count)
    assert says_number(count, 2), count.text

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $128.98


async def test_sunglasses_and_hairdryer_make_it_3_asked_four_of_them_cost_all_but_one(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I'd like some sunglasses and a hairdryer.")
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1}

    which = await shopper.say("Make it 3.")
    assert_asked(which)  # three of which?
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1}

    await shopper.say("The sunglasses.")
    assert await cart_of(services) == {SUNGLASSES: 3, HAIRDRYER: 1}

    cost = await shopper.say("How much would 4 of them cost?")
    assert_answered(cost)
    assert "$79.96" in cost.text, cost.text  # 4 × $19.99
    assert await cart_of(services) == {SUNGLASSES: 3, HAIRDRYER: 1}

    await shopper.say("Three more hairdryers.")
    assert await cart_of(services) == {SUNGLASSES: 3, HAIRDRYER: 4}

    await shopper.say("Remove all but one of the hairdryers.")
    cart = {SUNGLASSES: 3, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    count = await shopper.say("How many sunglasses do I have?")
    assert_answered(count)
    assert says_number(count, 3), count.text

    final = await shopper.say("Let me see my cart.")
    await assert_final_cart(final, services, cart)  # $84.96


async def test_kitchen_cheapest_first_half_dozen_of_the_second_pair_of_the_third_one_more_each(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("What kitchen things do you have, cheapest first?")
    assert shown_names(kitchen) == ["Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers"], (
        shown_names(kitchen)
    )
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add half a dozen of the second one.")
    assert await cart_of(services) == {MUG: 6}

    await shopper.say("And a pair of the third.")
    assert await cart_of(services) == {MUG: 6, SHAKERS: 2}

    cost = await shopper.say("How much would it come to with one more of each?")
    assert_answered(cost)
    assert "$118.40" in cost.text, cost.text  # 7 × $8.99 + 3 × $18.49
    assert await cart_of(services) == {MUG: 6, SHAKERS: 2}

    await shopper.say("Okay, one more of each then.")
    assert await cart_of(services) == {MUG: 7, SHAKERS: 3}

    await shopper.say("Hmm, bring the mugs down to 5.")
    cart = {MUG: 5, SHAKERS: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart?")
    await assert_final_cart(final, services, cart)  # $100.42


async def test_loafers_and_watch_prices_add_both_two_of_each_take_one_off_asked_six_no_five(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the loafers and the watch?")
    assert "$89.99" in prices.text and "$109.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    await shopper.say("Add both.")
    assert await cart_of(services) == {LOAFERS: 1, WATCH: 1}

    cost = await shopper.say("How much would two of each cost?")
    assert_answered(cost)
    assert "$399.96" in cost.text, cost.text  # 2 × ($89.99 + $109.99)
    assert await cart_of(services) == {LOAFERS: 1, WATCH: 1}

    which = await shopper.say("Take one off.")
    assert_asked(which)  # one of each line: which?
    assert await cart_of(services) == {LOAFERS: 1, WATCH: 1}

    await shopper.say("The watch.")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("Add six jars, no wait, 5.")
    cart = {LOAFERS: 1, JAR: 5}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart, please.")
    await assert_final_cart(final, services, cart)  # $117.44


async def test_half_a_dozen_tank_tops_halve_it_pair_of_sunglases_one_less_do_it_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put half a dozen tank tops in my cart.")
    assert await cart_of(services) == {TANK_TOP: 6}

    await shopper.say("That's a lot - halve it.")
    assert await cart_of(services) == {TANK_TOP: 3}

    await shopper.say("Add a pair of sunglases too, and one candel holder.")
    assert await cart_of(services) == {TANK_TOP: 3, SUNGLASSES: 1, CANDLE_HOLDER: 1}

    cost = await shopper.say("How much would it be with one less tank top?")
    assert_answered(cost)
    assert "$76.96" in cost.text, cost.text  # $95.95 - $18.99
    assert await cart_of(services) == {TANK_TOP: 3, SUNGLASSES: 1, CANDLE_HOLDER: 1}

    await shopper.say("Do it.")
    cart = {TANK_TOP: 2, SUNGLASSES: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    assert_answered(euros)
    assert EUR_TWO_TANK_TOPS_SUNGLASSES_CANDLE_HOLDER in euros.text, euros.text  # $76.96
    assert in_passing(euros), euros.tool_calls

    final = await shopper.say("And my cart in dollars, please.")
    await assert_final_cart(final, services, cart)  # $76.96


async def test_three_mugs_and_a_hairdryer_how_many_only_need_2_four_hairdryers_cost_one_fewer(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Three mugs and a hairdryer, please.")
    assert await cart_of(services) == {MUG: 3, HAIRDRYER: 1}

    count = await shopper.say("How many mugs do I have?")
    assert_answered(count)
    assert says_number(count, 3), count.text

    await shopper.say("I only need 2 of those, not 3.")
    assert await cart_of(services) == {MUG: 2, HAIRDRYER: 1}

    cost = await shopper.say("How much would 4 hairdryers cost?")
    assert_answered(cost)
    assert "$99.96" in cost.text, cost.text  # 4 × $24.99
    assert await cart_of(services) == {MUG: 2, HAIRDRYER: 1}

    await shopper.say("Fine, bump the hairdryers up to four then.")
    assert await cart_of(services) == {MUG: 2, HAIRDRYER: 4}

    await shopper.say("Actually, one fewer hairdryer.")
    cart = {MUG: 2, HAIRDRYER: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me what's in my cart.")
    await assert_final_cart(final, services, cart)  # $92.95


async def test_two_wacthes_how_much_all_but_one_couple_of_mugs_pair_of_sunglasses_three_more(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("add 2 wacthes")
    assert await cart_of(services) == {WATCH: 2}
    assert "Watch" in first.text, first.text

    cost = await shopper.say("how much is that?")
    assert_answered(cost)
    assert "$219.98" in cost.text, cost.text  # 2 × $109.99

    await shopper.say("Too pricey. Remove all but one.")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("Put in a couple of mugs and a pair of sunglasses.")
    assert await cart_of(services) == {WATCH: 1, MUG: 2, SUNGLASSES: 1}  # one pair

    await shopper.say("Three more mugs.")
    assert await cart_of(services) == {WATCH: 1, MUG: 5, SUNGLASSES: 1}

    count = await shopper.say("How many mugs is that now?")
    assert_answered(count)
    assert says_number(count, 5), count.text

    await shopper.say("Clear out the sunglasses.")
    cart = {WATCH: 1, MUG: 5}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart?")
    await assert_final_cart(final, services, cart)  # $154.94


async def test_seven_jars_same_number_of_mugs_double_jars_cost_make_them_a_dozen_how_many(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I need some bamboo glass jars - seven of them.")
    assert await cart_of(services) == {JAR: 7}

    await shopper.say("And the same number of mugs.")
    assert await cart_of(services) == {JAR: 7, MUG: 7}

    await shopper.say("Double the jars.")
    assert await cart_of(services) == {JAR: 14, MUG: 7}

    cost = await shopper.say("How much do the jars come to?")
    assert_answered(cost)
    assert "$76.86" in cost.text, cost.text  # 14 × $5.49
    assert await cart_of(services) == {JAR: 14, MUG: 7}

    await shopper.say("Too many. Make them a dozen.")
    assert await cart_of(services) == {JAR: 12, MUG: 7}

    await shopper.say("And take two mugs off.")
    cart = {JAR: 12, MUG: 5}
    assert await cart_of(services) == cart

    count = await shopper.say("How many items do I have altogether?")
    assert_answered(count)
    assert says_number(count, 17), count.text  # 12 jars and 5 mugs

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $110.83
