"""A sixty-third set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, what the cart holds after every change) and the essential facts of its answers
(product names, totals from the catalog prices), not their wording. Their theme is the
shopper's own list against the cart, six to eight turns each, the cart first built by ordinary
adds: a list typed in one line with commas ("ok here's my list: 2 mugs, a bamboo jar, the
sunglasses. what's missing from my cart?"), with "x2"/"2x" ("mug x3, hairdryer, 2x bamboo glass
jar", "loafers x2, hairdryer x1, 3x salt and pepper shakers"), with dashes or newlines as
bullets, quantities in words and digits ("four mugs, 1 candle holder, two bamboo jars"); the
list compared with the cart and answered from it, nothing written ("what's missing from my
cart?", "is everything on my list in there?", "anything in my cart that's not on my list?",
"how does that compare with my cart?"); "add whatever's missing" right after such a comparison
(exactly the missing products and quantities); "make my cart match my list" (adds, removals and
quantity changes so that the cart equals the list, nothing else touched); "I've got 1 mug in
there but the list says 3, fix it"; "cross the jar off my list, I don't need it after all"
(the list changes, not the cart) then "now make the cart match"; list items the shop does not
carry (a toaster, an umbrella: said so, the rest added) and items named loosely ("shades", "the
salt and pepper thing", "a hair dryer", "2 jars"). Three requests are genuinely ambiguous and
must be asked about, nothing written: "Cross the 18.99 one off my list." with the tank top and
the candle holder (both $18.99) on it, "I've got 1 in there but my list says 3, fix it." with
one jar and one candle holder in the cart and no list given yet, and "Just add the kitchen
thing from my list for now." with a mug and a bamboo jar on it. Every conversation ends with a
check of the cart (product id -> quantity) in Online Boutique and its total. The checks of a
comparison's answer are on the product names it must state (what is missing, or extra), so an
answer that only lists the cart, or search results, holding those names passes them: four such
answers did in the first run (a cart view after the weekend list, search results after the new
flat list, search results and a cart view after the list with the watch, search results and
price comparisons after the words-and-digits list), and those conversations failed at the next
turn.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a replay of the same turns, which failed at the
same places with the same answers):
- "ok here's my list: 2 mugs, a bamboo jar, the sunglasses. what's missing from my cart?" (one
  mug and the sunglasses in the cart) called check_cart_coherence() ("Your cart scores 60/100
  for going together. ... To round it off: Tank Top ($18.99), Loafers ($89.99) and Salt &
  Pepper Shakers ($18.49).") instead of answering from the cart: one more Mug and a Bamboo Glass
  Jar are missing, nothing written;
- "Make my cart match my list." (3 tank tops, the watch and 2 candle holders in the cart; the
  list 1 tank top, 2 candle holders, salt and pepper shakers) called suggest_complements() ("To
  go with Candle Holder, Watch and Tank Top, you could try Loafers ($89.99), ...") and changed
  nothing, instead of setting the tank tops to 1, removing the watch and adding the Salt &
  Pepper Shakers;
- "here's what I wrote down: mug x3, hairdryer, 2x bamboo glass jar. which of those do I still
  need to get?" (one mug and the hairdryer in the cart) called add_to_cart(product="wrote"),
  add_to_cart(product="mug", quantity=3), add_to_cart(product="hairdryer", quantity=1),
  add_to_cart(product="bamboo glass jar", quantity=2) and search_products(query="mug hairdryer
  bamboo glass jar", among=[...]) ("I couldn't find a product matching 'wrote' ... Added 3 ×
  Mug ... 4 × Mug, 2 × Hairdryer and 2 × Bamboo Glass Jar. Total: $96.92.") instead of
  answering, nothing written, that two more mugs and two Bamboo Glass Jars are still needed;
- "cross the jar off my list, I don't need it after all" (after "List for my new flat: 2 mugs, 2
  jars, a candle holder, the salt and pepper thing. What am I missing?", answered by a search:
  "Sorry, I don't have anything for "flat". The closest I have: ...") called
  remove_from_cart(product="cross jar") ("Removed Bamboo Glass Jar from your cart.") instead of
  taking the jar off the list only, the cart untouched until "now make the cart match";
- "Add whatever's missing." (after the list loafers, sunglasses, a toaster, two tank tops, with
  the loafers in the cart) called add_to_cart(product="whatever") ("I couldn't find a product
  matching 'whatever' in the catalog.") instead of adding the Sunglasses and two Tank Tops and
  saying the shop has no toaster;
- "ok my list is: shades, the salt and pepper thing, one tank top, a hair dryer. is everything
  on my list in there?" (the shakers and 2 tank tops in the cart) called search_products(query=
  "sunglasses salt and pepper tank top hairdryer", category="tops") and view_cart() ("I found
  one match: Tank Top ($18.99). ... Your cart has 3 items: 1 × Salt & Pepper Shakers and 2 ×
  Tank Top. Total: $56.47.") instead of saying no: the Sunglasses and the Hairdryer are missing;
- "Cross the 18.99 one off my list." (the list tank top, candle holder, 2 mugs, a watch) called
  search_products(query="cross") ("I couldn't find anything matching that. Try other words,
  ...") instead of asking which, the Tank Top or the Candle Holder (both $18.99), nothing
  written (nothing was written, rightly);
- "I've got 1 in there but my list says 3, fix it." (one jar and one candle holder in the
  cart) called search_products(query="says fix") ("I couldn't find anything matching that.
  ...") instead of asking which one, the jar or the candle holder (nothing was written,
  rightly);
- "My shopping list: sunglasses, a mug, a bamboo jar, a tank top. What's missing in my cart?"
  (the sunglasses in the cart) called search_products(query="sunglasses mug bamboo jar tank
  top", category="tops") and view_cart() ("One product fits: Tank Top ($18.99). ... Your cart
  has 1 item: 1 × Sunglasses. Total: $19.99.") instead of naming the Mug, the Bamboo Glass Jar
  and the Tank Top as missing;
- "make my cart match my list" (3 mugs, the hairdryer and 2 candle holders in the cart; the
  list four mugs, 1 candle holder, two bamboo jars) called suggest_complements() ("To go with
  Candle Holder, Hairdryer and Mug, you could try Salt & Pepper Shakers ($18.49), ...") and
  changed nothing, instead of a fourth mug, one candle holder fewer, two Bamboo Glass Jars in and
  the hairdryer out;
- "3 mugs, a jar, the sunglasses, an umbrella - that's my list. what's missing from my cart?"
  (the watch in the cart) called check_cart_coherence() ("Your cart scores 60/100 for going
  together. nothing clashes To round it off: Tank Top ($18.99), Loafers ($89.99) and Hairdryer
  ($24.99).") instead of answering from the cart: three Mugs, a Bamboo Glass Jar and the
  Sunglasses are missing (and no umbrellas are sold), nothing written;
- "my list: loafers x2, hairdryer x1, 3x salt and pepper shakers. whats missing from my cart"
  (2 hairdryers and the loafers in the cart) called check_cart_coherence() ("Your cart scores
  60/100 for going together. nothing clashes To round it off: Sunglasses ($19.99), Watch
  ($109.99) and Tank Top ($18.99).") instead of answering: one more pair of Loafers and three
  Salt & Pepper Shakers, nothing written.

Worked on since (2026-11-28), 12 of 12 pass: the shopper's list is a feature of its own now
(the cart manager's `note_shopping_list`, `compare_with_list`, `match_cart_to_list` and
`cross_off_list`, the list kept in the session; `planner/shopping_lists.py` reads a list in
any of these shapes and the requests about it), and "I've got 1 in there but my list says 3"
with two lines at one asks which.
"""

from __future__ import annotations

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
    assert_asked,
    assert_final_cart,
    cart_of,
    said_no,
    understood,
    usd_total,
    writes_of,
)

#: Words by which an answer says the shop has no such product.
_NOT_CARRIED = (
    "don't carry", "do not carry", "doesn't carry", "don't sell", "do not sell", "don't have",
    "do not have", "don't stock", "couldn't find", "could not find", "can't find",
    "cannot find", "not in the catalog", "not in our catalog", "no product", "isn't something",
    "not something", "not available", "no match", "not carry", "not sell",
)  # fmt: skip
NOT_CARRIED = tuple({w for base in _NOT_CARRIED for w in (base, base.replace("'", "\u2019"))})

#: How an answer may name a product besides its catalog name, lower case.
_ALSO_NAMED = {"Salt & Pepper Shakers": ("salt and pepper shakers",)}


def names(turn: Turn, *products: str) -> bool:
    """Every one of `products` (catalog names) is named in the answer."""
    text = turn.text.lower()
    return all(
        p.lower() in text or any(a in text for a in _ALSO_NAMED.get(p, ())) for p in products
    )


async def assert_compared(
    turn: Turn, services: AgentServices, cart: dict[str, int], *products: str
) -> None:
    """A question comparing the list with the cart: answered, naming `products` (what is
    missing, or extra), and nothing written: the cart is still `cart`."""
    assert understood(turn), turn.text
    assert names(turn, *products), (products, turn.text)
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart


async def assert_all_there(turn: Turn, services: AgentServices, cart: dict[str, int]) -> None:
    """A question "is everything on my list in there?" when it is: a yes, nothing written."""
    assert understood(turn), turn.text
    text = turn.text.lower()
    assert any(w in text for w in ("yes", "everything", "all of", "nothing is missing")), text
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart


async def assert_nothing_extra(turn: Turn, services: AgentServices, cart: dict[str, int]) -> None:
    """A question "anything in my cart that's not on my list?" when there is nothing: a no,
    nothing written."""
    assert understood(turn), turn.text
    text = turn.text.lower()
    assert any(w in text for w in ("no,", "no.", "no ", "nothing", "everything")), text
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart


def says_not_carried(turn: Turn, what: str) -> bool:
    """The answer says the shop has no `what` (names it, with a "don't carry" or the like)."""
    return what in turn.text.lower() and said_no(turn, NOT_CARRIED)


async def test_one_line_list_whats_missing_add_whatevers_missing_all_there_total(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug please")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("and the sunglasses")
    cart = {MUG: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "ok here's my list: 2 mugs, a bamboo jar, the sunglasses. what's missing from my cart?"
    )
    await assert_compared(missing, services, cart, "Mug", "Bamboo Glass Jar")

    await shopper.say("add whatever's missing")
    cart = {MUG: 2, SUNGLASSES: 1, JAR: 1}
    assert await cart_of(services) == cart

    there = await shopper.say("so is everything on my list in there now?")
    await assert_all_there(there, services, cart)

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $43.46
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $43.46


async def test_dashed_list_watch_not_on_it_make_cart_match_tank_tops_down_shakers_in(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put 3 tank tops in my cart")
    assert await cart_of(services) == {TANK_TOP: 3}

    await shopper.say("Also the watch and two candle holders.")
    cart = {TANK_TOP: 3, WATCH: 1, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    extra = await shopper.say(
        "My list for the weekend:\n- 1 tank top\n- 2 candle holders\n- salt and pepper "
        "shakers\nAnything in my cart that's not on my list?"
    )
    await assert_compared(extra, services, cart, "Watch")

    await shopper.say("Make my cart match my list.")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 2, SHAKERS: 1}
    assert await cart_of(services) == cart  # the watch out, two tank tops fewer, shakers in

    total = await shopper.say("How much is it all now?")
    assert usd_total(cart) in total.text, total.text  # $75.46
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $75.46


async def test_mug_x3_2x_jar_list_one_mug_but_list_says_three_fix_it_jars_too_all_there(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Can you add one mug and a hairdryer?")
    cart = {MUG: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "here's what I wrote down: mug x3, hairdryer, 2x bamboo glass jar. which of those do "
        "I still need to get?"
    )
    await assert_compared(missing, services, cart, "Mug", "Bamboo Glass Jar")

    await shopper.say("I've got 1 mug in there but the list says 3, fix it")
    cart = {MUG: 3, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    await shopper.say("now the jars too, as many as the list says")
    cart = {MUG: 3, HAIRDRYER: 1, JAR: 2}
    assert await cart_of(services) == cart

    there = await shopper.say("is everything on my list in my cart now?")
    await assert_all_there(there, services, cart)

    total = await shopper.say("total?")
    assert usd_total(cart) in total.text, total.text  # $62.94
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart")
    await assert_final_cart(final, services, cart)  # $62.94


async def test_new_flat_list_salt_and_pepper_thing_cross_the_jar_off_then_make_cart_match(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add two bamboo glass jars and a mug")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "List for my new flat: 2 mugs, 2 jars, a candle holder, the salt and pepper thing. "
        "What am I missing?"
    )
    await assert_compared(missing, services, cart, "Mug", "Candle Holder", "Salt & Pepper Shakers")

    crossed = await shopper.say("cross the jar off my list, I don't need it after all")
    assert understood(crossed), crossed.text
    assert not writes_of(crossed), crossed.tool_calls  # the list changes, not the cart
    assert await cart_of(services) == cart

    await shopper.say("now make the cart match")
    cart = {MUG: 2, CANDLE_HOLDER: 1, SHAKERS: 1}
    assert await cart_of(services) == cart  # the jars out, a second mug, the two new ones in

    total = await shopper.say("what's the total now?")
    assert usd_total(cart) in total.text, total.text  # $55.46
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart please.")
    await assert_final_cart(final, services, cart)  # $55.46


async def test_newline_list_with_a_toaster_add_whatevers_missing_says_no_toaster_nothing_extra(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Hi! Could you put the loafers in my cart?")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "My list:\nloafers\nsunglasses\na toaster\ntwo tank tops\nWhat's not in my cart yet?"
    )
    await assert_compared(missing, services, cart, "Sunglasses", "Tank Top")

    added = await shopper.say("Add whatever's missing.")
    cart = {LOAFERS: 1, SUNGLASSES: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart
    assert says_not_carried(added, "toaster"), added.text  # the shop sells no toasters

    extra = await shopper.say("anything in my cart that isn't on the list?")
    await assert_nothing_extra(extra, services, cart)

    total = await shopper.say("how much does that come to")
    assert usd_total(cart) in total.text, total.text  # $147.96
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Let me see the cart.")
    await assert_final_cart(final, services, cart)  # $147.96


async def test_shades_salt_and_pepper_thing_hair_dryer_everything_there_extra_tank_top_match(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add the salt and pepper shakers")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("and 2 tank tops")
    cart = {SHAKERS: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    there = await shopper.say(
        "ok my list is: shades, the salt and pepper thing, one tank top, a hair dryer. is "
        "everything on my list in there?"
    )
    await assert_compared(there, services, cart, "Sunglasses", "Hairdryer")

    extra = await shopper.say("Anything in my cart that's not on my list?")
    await assert_compared(extra, services, cart, "Tank Top")  # one tank top too many

    await shopper.say("make my cart match my list")
    cart = {SHAKERS: 1, TANK_TOP: 1, SUNGLASSES: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("whats the total")
    assert usd_total(cart) in total.text, total.text  # $82.46
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("show cart")
    await assert_final_cart(final, services, cart)  # $82.46


async def test_list_with_watch_four_mugs_too_many_cross_the_18_99_one_off_asked_then_match(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a tank top and a candle holder in my basket.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("And 4 mugs.")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 1, MUG: 4}
    assert await cart_of(services) == cart

    extra = await shopper.say(
        "here's my list - tank top, candle holder, 2 mugs, a watch. anything in my cart "
        "that's not on the list?"
    )
    await assert_compared(extra, services, cart, "Mug")  # two mugs more than the list

    which = await shopper.say("Cross the 18.99 one off my list.")
    assert_asked(which)  # the tank top and the candle holder are both $18.99
    assert names(which, "Tank Top", "Candle Holder"), which.text
    assert await cart_of(services) == cart

    crossed = await shopper.say("The candle holder.")
    assert understood(crossed), crossed.text
    assert not writes_of(crossed), crossed.tool_calls  # the list changes, not the cart
    assert await cart_of(services) == cart

    await shopper.say("Now make the cart match the list.")
    cart = {TANK_TOP: 1, MUG: 2, WATCH: 1}
    assert await cart_of(services) == cart  # the candle holder out, two mugs, the watch in

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $146.96


async def test_one_in_there_but_list_says_three_asked_the_jar_full_list_put_missing_ones_in(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a bamboo glass jar.")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("and one of the candle holders")
    cart = {JAR: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    which = await shopper.say("I've got 1 in there but my list says 3, fix it.")
    assert_asked(which)  # the jar or the candle holder? both are at one
    assert await cart_of(services) == cart

    await shopper.say("The jar.")
    cart = {JAR: 3, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "My full list is 3 jars, 1 candle holder, 2 mugs and a watch - what's missing from my cart?"
    )
    await assert_compared(missing, services, cart, "Mug", "Watch")

    await shopper.say("Put the missing ones in.")
    cart = {JAR: 3, CANDLE_HOLDER: 1, MUG: 2, WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $163.43


async def test_list_with_two_kitchen_things_add_the_kitchen_thing_asked_two_mugs_tank_top(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add sunglasses")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "My shopping list: sunglasses, a mug, a bamboo jar, a tank top. What's missing in my cart?"
    )
    await assert_compared(missing, services, cart, "Mug", "Bamboo Glass Jar", "Tank Top")

    which = await shopper.say("Just add the kitchen thing from my list for now.")
    assert_asked(which)  # the mug or the bamboo jar?
    assert names(which, "Mug", "Bamboo Glass Jar"), which.text
    assert await cart_of(services) == cart

    await shopper.say("The mug, two of them actually")
    cart = {SUNGLASSES: 1, MUG: 2}
    assert await cart_of(services) == cart

    there = await shopper.say("is everything on the list in there now?")
    await assert_compared(there, services, cart, "Bamboo Glass Jar", "Tank Top")

    await shopper.say("add the tank top, forget the jar")
    cart = {SUNGLASSES: 1, MUG: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in my cart now?")
    await assert_final_cart(final, services, cart)  # $56.96


async def test_words_and_digits_list_compare_with_cart_make_it_match_owe_now(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I'd like three mugs and one hairdryer please")
    assert await cart_of(services) == {MUG: 3, HAIRDRYER: 1}

    await shopper.say("plus 2 candle holders")
    cart = {MUG: 3, HAIRDRYER: 1, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    compared = await shopper.say(
        "ok my list actually says: four mugs, 1 candle holder, two bamboo jars. how does that "
        "compare with my cart?"
    )
    # a mug short, a candle holder over, no jars yet, a hairdryer that is not on the list
    await assert_compared(
        compared, services, cart, "Mug", "Candle Holder", "Bamboo Glass Jar", "Hairdryer"
    )

    await shopper.say("make my cart match my list")
    cart = {MUG: 4, CANDLE_HOLDER: 1, JAR: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("what do I owe now?")
    assert usd_total(cart) in total.text, total.text  # $65.93
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $65.93


async def test_comma_list_with_an_umbrella_watch_not_on_it_add_missing_take_watch_out(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Throw the watch in my cart.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "3 mugs, a jar, the sunglasses, an umbrella - that's my list. what's missing from my cart?"
    )
    await assert_compared(missing, services, cart, "Mug", "Bamboo Glass Jar", "Sunglasses")

    extra = await shopper.say("And is there anything in my cart that isn't on it?")
    await assert_compared(extra, services, cart, "Watch")

    added = await shopper.say("ok add whatever's missing, and take the watch out")
    cart = {MUG: 3, JAR: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert says_not_carried(added, "umbrella"), added.text  # the shop sells no umbrellas

    total = await shopper.say("How much is that?")
    assert usd_total(cart) in total.text, total.text  # $52.45
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $52.45


async def test_x2_x1_3x_list_add_missing_but_leave_hairdryers_then_match_after_all_total(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("pls add 2 hairdryers")
    assert await cart_of(services) == {HAIRDRYER: 2}

    await shopper.say("and a pair of loafers")
    cart = {HAIRDRYER: 2, LOAFERS: 1}
    assert await cart_of(services) == cart

    missing = await shopper.say(
        "my list: loafers x2, hairdryer x1, 3x salt and pepper shakers. whats missing from my cart"
    )
    await assert_compared(missing, services, cart, "Loafers", "Salt & Pepper Shakers")

    extra = await shopper.say("is there anything in my cart thats not on the list?")
    await assert_compared(extra, services, cart, "Hairdryer")  # one hairdryer too many

    await shopper.say("add whats missing but leave the hairdryers alone")
    cart = {HAIRDRYER: 2, LOAFERS: 2, SHAKERS: 3}
    assert await cart_of(services) == cart

    await shopper.say("ok actually make the cart match my list after all")
    cart = {HAIRDRYER: 1, LOAFERS: 2, SHAKERS: 3}
    assert await cart_of(services) == cart

    total = await shopper.say("total please")
    assert usd_total(cart) in total.text, total.text  # $260.44
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("show me the cart")
    await assert_final_cart(final, services, cart)  # $260.44
