"""A sixtieth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities the cart holds after every change) and the essential facts of its answers (names,
exact prices and totals), not their wording. Their theme is the cart as a list the shopper
points into, by position and by history, six to eight turns each: by position in the cart
("take out the second thing in my cart", "what was the third thing again?", "double the top
line", "make the bottom line three", "the first line, make it two instead of four", "what's
in the middle?", "everything except the first item can go"), by what was added when ("the
last thing I added - make it three" after one more watch, where the last line is the tank top;
"remove whatever I added first"; "the thing I added before the mugs"; "remove the last thing I
added" and "what did I add just before it?" - the two more mugs; "the two things I added
together"), by price ("the most expensive thing in my cart, take it out", "change the cheapest
line to three"), and "undo that" after a removal by position. Ordinary searches and adds
(several products in one message, quantities) fill the cart to three to six lines first.
Positions are the cart's lines as the shop lists them, which every reply showed: Online
Boutique lists a cart by product id, not in the order things were added, so "the second thing
in my cart" (the second line shown) and "the thing I added before the mugs" (history) can name
different products. Each conversation checks that listing before it is pointed into. Three
requests are genuinely ambiguous and must be asked about, with nothing written: "Actually, take
out the last one." right after the hairdryer and the candle holder were added in one message
(and the shakers are listed last), "Take the cheapest thing out of my cart." when the tank top
and the candle holder are both the cheapest at $18.99, and "Remove the middle one." with four
lines in the cart. Every conversation ends with a check of the cart (product id -> quantity) in
Online Boutique and its total. Totals are computed with Decimal from the catalog prices, and
conversions by the shop's currency service (held_out's helpers).

First run: 1 of 12 passed. One premise was the test's own mistake and was fixed. The
expectations read positions in the order the lines were added, but the shop lists the cart by
product id (Candle Holder, Watch, Hairdryer, Tank Top, Mug, Bamboo Glass Jar, Loafers, Salt &
Pepper Shakers, Sunglasses), and every reply showed the cart in that order. The top, bottom,
first, second, third and middle lines are now those of that listing, and each conversation
checks the listing first. Because of this fix:
- "What was the third thing again?" (no "in my cart") accepts the third line (the Bamboo
  Glass Jar) or the third thing named (the Candle Holder);
- the question asked about "the last one" no longer has to name exactly the hairdryer and the
  candle holder.
The fix swapped which conversation passes. The mug-sunglasses-candle conversation had passed
only on the wrong premise; it now fails at "Take out the second thing in my cart.". The tank
top-candle-watch-loafers conversation now passes: its "The first line - make it two." made the
watch two, though it took an add_to_cart(product="1YMWWN1N4O", quantity=1) and then a
set_cart_quantity(product="1YMWWN1N4O", quantity=2). So it is still 1 of 12, and the eleven
failures are the assistant's. Each conversation stops at its first wrong turn, so later turns
were not reached. The tool calls were read from a traced replay of the same run, which failed
at the same turns:
- "Take out the second thing in my cart." (listed: Candle Holder, Mug, 2 × Bamboo Glass Jar,
  Sunglasses) called remove_from_cart(product="OLJCESPC7Z") ("Removed Sunglasses from your
  cart. ...") instead of taking out the Mug. It removed the second thing added, not the
  second line shown. Before that, "What was the third thing again?" was rightly answered
  "Candle Holder" (through get_product_details);
- "Remove whatever I added first." (after the hairdryer, then the watch and a tank top, then
  one more watch, and "the last thing I added - make it three" rightly making three watches)
  called remove_from_cart(product="whatever") (failed) and remove_from_cart(product=
  "1YMWWN1N4O") ("I couldn't find a product matching 'whatever' in the catalog. Removed Watch
  from your cart. ...") instead of taking out the hairdryer;
- "Actually, take out the last one." right after "And a hairdryer and a candle holder." called
  remove_from_cart(product="0PUK6V6EV0") ("Removed Candle Holder from your cart. ...")
  instead of asking which one and writing nothing;
- "The thing I added before the mugs - I don't need it any more." (added in turn: loafers, a
  candle holder, two mugs, the sunglasses) called remove_from_cart(product="mugs") ("Removed
  Mug from your cart. ...") instead of taking out the candle holder;
- "Hmm, that's too much. Everything except the first item can go." (listed: Watch, 2 × Tank
  Top, Bamboo Glass Jar, Sunglasses) called add_to_cart(product="1YMWWN1N4O", quantity=1),
  add_to_cart(product="66VCHSJNUP", quantity=1) and add_to_cart(product="9SIQT8TOJO",
  quantity=1) ("Added 1 × Watch to your cart. Added 1 × Tank Top ... Total: $307.92.")
  instead of removing every line but the first. Under either reading (the first line, the
  watch, or the first thing added, the sunglasses), it added where it should have removed;
- "Remove the middle one." (after "Show me my cart." rightly listed Hairdryer, 2 × Mug, 3 ×
  Bamboo Glass Jar, Salt & Pepper Shakers, $77.93) called remove_from_cart(product="middle",
  quantity=1) (failed: "I couldn't find a product matching 'middle' in the catalog.") instead
  of asking whether the mugs or the jars. It wrote nothing, but it asked nothing either;
- "Take one of those out." after "What was the third thing in my cart again?" (answered with
  view_cart only: the whole cart, 4 × Candle Holder, 1 × Watch, 2 × Tank Top and 1 × Loafers,
  which names the tank top among the rest but does not single it out) called
  remove_from_cart(product="L9ECAV7KIM") ("Removed Loafers from your cart. ...") instead of
  taking one tank top out (2 -> 1);
- "Take those two back out." (after two more mugs, then a jar, "Remove the last thing I
  added." rightly taking out the jar, and "And what did I add just before it?" answered with
  view_cart only, the whole cart) called remove_from_cart on the Candle Holder, the Mug and the
  Sunglasses ("... Your cart is empty.") instead of taking the two mugs out (3 -> 1);
- "Add the cheapest two of those." (after the six products under $20, rightly shown) called
  add_to_cart(product="9SIQT8TOJO", quantity=2) ("Added 2 × Bamboo Glass Jar to your cart.")
  instead of one Bamboo Glass Jar and one Mug;
- "Wait, how much are the two things I added together?" (after the hairdryer, then a watch and
  a pair of loafers in one message, then a candle holder) called get_product_details(product=
  "0PUK6V6EV0") ("Candle Holder costs $18.99. ...") instead of the watch and the loafers,
  $109.99 and $89.99, $199.98 together;
- "What's the most expensive thing now, and what's my total?" (after the loafers, the most
  expensive in the cart, rightly taken out, "Undo that." rightly putting them back and one pair
  of sunglasses taken out) called search_products(sort="price_desc", limit=1) over the whole
  catalog and view_cart ("One product fits: Watch ($109.99). ... Total: $124.46.") instead of
  the Loafers at $89.99, the most expensive thing in the cart (the total was right).

Worked on since by general rules (a later session), 10 of 12 pass. The cart is now listed in
the order its lines were first added (as Online Boutique's own cart service keeps them; the
embedded service sorted them by id), so the listing and the order of adding agree. This set's
positions were then read again in that order, as first written (the session changed the
listing checks, which had asserted the service's id order, and the expected line for "the
second thing in my cart", "the top line", "the bottom line", "the first line", "the first
item", "the middle one" and "the second line", and the totals that follow from them; no turn
was added or removed). Rules added: lines named by place ("the first line", "the top item",
"the second thing in my cart", "the middle one", asked which of the two middle lines when
their number is even, "what's in the middle now?"), "whatever I added first", "the thing I
added before the mugs", "X can go" as a removal, "change the cheapest line to three", "the most
expensive thing now" of the cart after a change, "add the cheapest two of those" (two
products, one each), "how much are the two things I added together?" (from the change
records), "take the watch and the loafers out", "double everything that's left". Marked xfail
(strict), still failing:
- "Actually, take out the last one." right after "And a hairdryer and a candle holder." takes
  out the candle holder (the last one named) instead of asking: an earlier set settled "remove
  the last one" after an add of several as the last one put in, so the two sets disagree on
  this judgement;
- "And what did I add just before it?" is answered with the whole cart, not "two more mugs",
  and "Take those two back out." then empties the cart: what each earlier turn added is kept
  (the change records) but not read for these.
"""

from __future__ import annotations

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
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
    viewed,
    writes_of,
)

UNDER_20_DOLLARS = {
    "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug",
}  # fmt: skip


async def test_mug_sunglasses_candle_jars_third_thing_remove_second_undo_most_expensive(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug, a pair of sunglasses and a candle holder to my cart.")
    assert await cart_of(services) == {MUG: 1, SUNGLASSES: 1, CANDLE_HOLDER: 1}

    await shopper.say("Also two bamboo jars, please.")
    cart = {MUG: 1, SUNGLASSES: 1, CANDLE_HOLDER: 1, JAR: 2}
    assert await cart_of(services) == cart

    third = await shopper.say("What was the third thing again?")
    # the third line as listed, the third thing the shopper named
    assert "Candle Holder" in third.text, third.text
    assert not writes_of(third), third.tool_calls
    assert await cart_of(services) == cart

    second = await shopper.say("Take out the second thing in my cart.")
    assert await cart_of(services) == {MUG: 1, CANDLE_HOLDER: 1, JAR: 2}  # the sunglasses
    assert "Sunglasses" in second.text, second.text

    await shopper.say("Undo that.")
    assert await cart_of(services) == cart

    dearest = await shopper.say("How much is the most expensive thing in my cart?")
    assert "Sunglasses" in dearest.text and "$19.99" in dearest.text, dearest.text
    assert not writes_of(dearest), dearest.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $58.95


async def test_hairdryer_watch_tank_top_one_more_watch_last_added_three_remove_first_added(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a hairdryer in my cart.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("And the watch and a tank top.")
    assert await cart_of(services) == {HAIRDRYER: 1, WATCH: 1, TANK_TOP: 1}

    await shopper.say("Oh, and one more watch.")
    assert await cart_of(services) == {HAIRDRYER: 1, WATCH: 2, TANK_TOP: 1}

    last = await shopper.say("The last thing I added - make it three.")
    assert await cart_of(services) == {HAIRDRYER: 1, WATCH: 3, TANK_TOP: 1}  # the watch
    assert "Watch" in last.text, last.text

    first = await shopper.say("Remove whatever I added first.")
    cart = {WATCH: 3, TANK_TOP: 1}
    assert await cart_of(services) == cart  # the hairdryer
    assert "Hairdryer" in first.text, first.text

    total = await shopper.say("What's my total now?")
    assert usd_total(cart) in total.text, total.text  # $348.96
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $348.96


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_kitchen_shakers_three_mugs_hairdryer_and_candle_last_one_asked_double_top_line(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("Can I see your kitchen stuff?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add the shakers and three mugs.")
    assert await cart_of(services) == {SHAKERS: 1, MUG: 3}

    await shopper.say("And a hairdryer and a candle holder.")
    before = {SHAKERS: 1, MUG: 3, HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == before

    which = await shopper.say("Actually, take out the last one.")
    assert_asked(which)  # both came in the last message (and the shakers are listed last)
    assert await cart_of(services) == before

    await shopper.say("The hairdryer.")
    assert await cart_of(services) == {SHAKERS: 1, MUG: 3, CANDLE_HOLDER: 1}

    await shopper.say("Double the top line.")
    cart = {SHAKERS: 2, MUG: 3, CANDLE_HOLDER: 1}  # the shakers, listed first
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $82.94


async def test_loafers_candle_two_mugs_sunglasses_before_the_mugs_goes_cheapest_line_to_three(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the loafers, please.")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("Now a candle holder.")
    assert await cart_of(services) == {LOAFERS: 1, CANDLE_HOLDER: 1}

    await shopper.say("Two mugs too.")
    assert await cart_of(services) == {LOAFERS: 1, CANDLE_HOLDER: 1, MUG: 2}

    await shopper.say("And the sunglasses.")
    assert await cart_of(services) == {LOAFERS: 1, CANDLE_HOLDER: 1, MUG: 2, SUNGLASSES: 1}

    before = await shopper.say("The thing I added before the mugs - I don't need it any more.")
    cart = {LOAFERS: 1, MUG: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # the candle holder
    assert "Candle Holder" in before.text, before.text

    total = await shopper.say("What's my total now?")
    assert usd_total(cart) in total.text, total.text  # $127.96
    assert not writes_of(total), total.tool_calls

    cheapest = await shopper.say("Change the cheapest line to three.")
    cart = {LOAFERS: 1, MUG: 3, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # the mugs: $8.99 each, $17.98 the line
    assert "Mug" in cheapest.text, cheapest.text

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $136.95


async def test_sunglasses_watch_two_tank_tops_jar_all_but_first_go_put_jar_back_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    sunglasses = await shopper.say("What sunglasses do you have?")
    assert "Sunglasses" in sunglasses.text and "$19.99" in sunglasses.text, sunglasses.text
    assert not writes_of(sunglasses), sunglasses.tool_calls

    await shopper.say("Add them, plus a watch and two tank tops.")
    assert await cart_of(services) == {SUNGLASSES: 1, WATCH: 1, TANK_TOP: 2}

    await shopper.say("And a bamboo jar.")
    assert await cart_of(services) == {SUNGLASSES: 1, WATCH: 1, TANK_TOP: 2, JAR: 1}
    await shopper.say("Hmm, that's too much. Everything except the first item can go.")
    assert await cart_of(services) == {SUNGLASSES: 1}  # the first line, added first

    await shopper.say("Actually put the jar back.")
    cart = {SUNGLASSES: 1, JAR: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much is that altogether in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $25.48, in passing

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $25.48


async def test_tank_top_candle_watch_loafers_cheapest_out_asked_dearest_out_undo_first_two(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a tank top, a candle holder and the watch to my cart.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1, WATCH: 1}

    await shopper.say("And the loafers.")
    before = {TANK_TOP: 1, CANDLE_HOLDER: 1, WATCH: 1, LOAFERS: 1}
    assert await cart_of(services) == before

    which = await shopper.say("Take the cheapest thing out of my cart.")
    assert_asked(which)  # the tank top and the candle holder are both $18.99
    assert "Tank Top" in which.text and "Candle Holder" in which.text, which.text
    assert await cart_of(services) == before

    await shopper.say("The candle holder.")
    cart = {TANK_TOP: 1, WATCH: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    dearest = await shopper.say("The most expensive thing in my cart, take it out.")
    assert await cart_of(services) == {TANK_TOP: 1, LOAFERS: 1}  # the watch
    assert "Watch" in dearest.text, dearest.text

    await shopper.say("Undo that.")
    assert await cart_of(services) == cart

    await shopper.say("The first line - make it two.")
    cart = {TANK_TOP: 2, WATCH: 1, LOAFERS: 1}  # the tank top, added first
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $237.96


async def test_jars_mugs_shakers_hairdryer_view_remove_middle_asked_mugs_whats_middle_make_two(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Three jars and two mugs please.")
    assert await cart_of(services) == {JAR: 3, MUG: 2}

    await shopper.say("Add the salt and pepper shakers and a hairdryer as well.")
    before = {JAR: 3, MUG: 2, SHAKERS: 1, HAIRDRYER: 1}
    assert await cart_of(services) == before

    view = await shopper.say("Show me my cart.")
    assert viewed(view) == before, view.tool_results
    assert list(viewed(view)) == [JAR, MUG, SHAKERS, HAIRDRYER], view.tool_results  # as added
    assert usd_total(before) in view.text, view.text  # $77.93
    assert not writes_of(view), view.tool_calls

    which = await shopper.say("Remove the middle one.")
    assert_asked(which)  # four lines: the mugs or the shakers?
    assert await cart_of(services) == before

    await shopper.say("The mugs.")
    assert await cart_of(services) == {JAR: 3, SHAKERS: 1, HAIRDRYER: 1}

    middle = await shopper.say("So what's in the middle now?")
    assert "Salt & Pepper Shakers" in middle.text, middle.text  # jars, shakers, hairdryer
    assert not writes_of(middle), middle.tool_calls

    await shopper.say("Make it two.")
    cart = {JAR: 3, SHAKERS: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $78.44


async def test_four_candles_watch_two_tank_tops_loafers_third_thing_one_out_first_line_two(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I need four candle holders and a watch.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, WATCH: 1}

    await shopper.say("Throw in two tank tops.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, WATCH: 1, TANK_TOP: 2}

    await shopper.say("And the loafers.")
    cart = {CANDLE_HOLDER: 4, WATCH: 1, TANK_TOP: 2, LOAFERS: 1}
    assert await cart_of(services) == cart

    third = await shopper.say("What was the third thing in my cart again?")
    assert "Tank Top" in third.text, third.text
    assert not writes_of(third), third.tool_calls
    assert await cart_of(services) == cart

    await shopper.say("Take one of those out.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, WATCH: 1, TANK_TOP: 1, LOAFERS: 1}

    await shopper.say("And the first line, make it two instead of four.")
    cart = {CANDLE_HOLDER: 2, WATCH: 1, TANK_TOP: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's the total?")
    assert usd_total(cart) in total.text, total.text  # $256.95
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $256.95


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_mug_sunglasses_candle_two_more_mugs_jar_remove_last_added_before_it_back_out(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug.")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("Put in the sunglasses and a candle holder.")
    assert await cart_of(services) == {MUG: 1, SUNGLASSES: 1, CANDLE_HOLDER: 1}

    await shopper.say("Two more mugs, please.")
    assert await cart_of(services) == {MUG: 3, SUNGLASSES: 1, CANDLE_HOLDER: 1}

    await shopper.say("Add a bamboo jar.")
    assert await cart_of(services) == {MUG: 3, SUNGLASSES: 1, CANDLE_HOLDER: 1, JAR: 1}

    last = await shopper.say("Remove the last thing I added.")
    assert await cart_of(services) == {MUG: 3, SUNGLASSES: 1, CANDLE_HOLDER: 1}  # the jar
    assert "Bamboo Glass Jar" in last.text, last.text

    before = await shopper.say("And what did I add just before it?")
    assert "Mug" in before.text, before.text  # the two more mugs
    assert not writes_of(before), before.tool_calls

    await shopper.say("Take those two back out.")
    cart = {MUG: 1, SUNGLASSES: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $47.97


async def test_under_20_cheapest_two_tank_top_shakers_remove_top_item_bottom_line_three_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("Show me everything under 20 dollars.")
    assert set(shown_names(cheap)) == UNDER_20_DOLLARS, shown_names(cheap)
    assert not writes_of(cheap), cheap.tool_calls

    await shopper.say("Add the cheapest two of those.")
    assert await cart_of(services) == {JAR: 1, MUG: 1}

    await shopper.say("And a tank top and the shakers.")
    assert await cart_of(services) == {JAR: 1, MUG: 1, TANK_TOP: 1, SHAKERS: 1}
    top = await shopper.say("Remove the top item.")
    assert await cart_of(services) == {MUG: 1, TANK_TOP: 1, SHAKERS: 1}  # the jar, added first
    assert "Bamboo Glass Jar" in top.text, top.text

    await shopper.say("Make the bottom line three.")
    cart = {MUG: 1, TANK_TOP: 1, SHAKERS: 3}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $83.45, in passing

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $83.45


async def test_hairdryer_watch_and_loafers_candle_two_added_together_out_double_rest_2nd_line(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the hairdryer.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("I'll also take a watch and a pair of loafers.")
    assert await cart_of(services) == {HAIRDRYER: 1, WATCH: 1, LOAFERS: 1}

    await shopper.say("And one candle holder.")
    cart = {HAIRDRYER: 1, WATCH: 1, LOAFERS: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    together = await shopper.say("Wait, how much are the two things I added together?")
    both = "$199.98" in together.text  # $109.99 + $89.99
    each = "$109.99" in together.text and "$89.99" in together.text
    assert both or each, together.text
    assert not writes_of(together), together.tool_calls
    assert await cart_of(services) == cart

    await shopper.say("Take both of those out.")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1}

    await shopper.say("Double everything that's left.")
    cart = {HAIRDRYER: 2, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart
    second = await shopper.say("What's the second line now?")
    assert "Candle Holder" in second.text, second.text  # hairdryer, candle holder
    assert not writes_of(second), second.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $87.96


async def test_shoes_loafers_two_sunglasses_mug_jar_dearest_out_undo_one_pair_less_dearest(
    shopper: Conversation, services: AgentServices
) -> None:
    shoes = await shopper.say("Do you have any shoes?")
    assert shown_names(shoes)[0] == "Loafers", shown_names(shoes)
    assert not writes_of(shoes), shoes.tool_calls

    await shopper.say("Add them, and two pairs of sunglasses.")
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 2}

    await shopper.say("Plus a mug and a bamboo jar.")
    cart = {LOAFERS: 1, SUNGLASSES: 2, MUG: 1, JAR: 1}
    assert await cart_of(services) == cart

    dearest = await shopper.say("The most expensive thing in my cart - take it out.")
    assert await cart_of(services) == {SUNGLASSES: 2, MUG: 1, JAR: 1}  # the loafers
    assert "Loafers" in dearest.text, dearest.text

    await shopper.say("Undo that.")
    assert await cart_of(services) == cart

    await shopper.say("Take one pair of sunglasses out instead.")
    cart = {LOAFERS: 1, SUNGLASSES: 1, MUG: 1, JAR: 1}
    assert await cart_of(services) == cart

    now = await shopper.say("What's the most expensive thing now, and what's my total?")
    assert "Loafers" in now.text and "$89.99" in now.text, now.text
    assert usd_total(cart) in now.text, now.text  # $124.46
    assert not writes_of(now), now.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $124.46
