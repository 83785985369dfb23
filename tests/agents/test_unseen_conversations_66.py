"""A sixty-sixth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question, a change to the list alone or an unclear
request, which products and quantities the cart holds after every change) and the essential
facts of its answers (product names, totals from the catalog prices), not their wording. Their
theme is the shopper's own shopping list compared with the cart, six to eight turns each: the
cart is first filled with ordinary adds ("Put 2 mugs in my cart", "also a candel holder"), then
the shopper gives a list with quantities in one message, inline with commas ("6 mugs, 3 candle
holders, 2 bamboo glass jars, and a box of balloons"), one item per line ("sunglasses x2",
"Candle holder - 2", "- travel adapter"), as "2 x mug" or "mugs x4", in words ("two candle
holders, a hairdryer, three mugs"), loosely named ("hair dryer", "jars", "salt and pepper
shakers"), and called many things (my shopping list, what I wrote down, what I need, the stuff
I need, things I need for my trip, the things I need for the party). Then they work with it
across turns: what on the list is not in the cart yet ("What am I missing?"), whether the cart
has everything ("Do I have everything?", and once it does), what in the cart is not on the list
("Which things in my cart aren't for the party?", "or more of it than I need?"), adding only
what is missing (a line already holding more than the list wants is left as it is), making the
cart exactly match the list (what is not on it goes), taking a product off the list only ("take
the hairdryer off my list. Leave my cart alone though."), changing a quantity on the list
("change the jars on my list to 5"), and what the whole list would cost (in dollars, once in
euros). Every list holds something the shop does not sell (balloons, a phone charger, a shower
curtain, a yoga mat, a travel adapter and sunscreen, napkins, a kettle, a leather belt, a
birthday cake, an umbrella, party hats): the assistant must say it does not sell it and handle
the rest. Three requests are genuinely ambiguous and must be asked about, nothing written:
"cross the 18.99 one off my list" with the candle holder and the tank tops (both $18.99) on
it, "Just add one of them for now." after the sunglasses and the hairdryer were named missing,
and "bump the kitchen thing on my list up to 3" with the mug and the bamboo jars on it. Every
conversation ends with a check of the cart (product id -> quantity) in Online Boutique and its
total, computed from the catalog prices with Decimal.

First run: 0 of 12 passed. One message was the test's own mistake and was rewritten: "Here's
what I need: loafers, one mug, two bamboo glass jars, sunglasses, and a leather belt", given with
no question, could be read as a request to add them, so it now says "Just so you have it, here's
my list of what I need: ..." (the assistant did the same with both). The twelve failures are
the assistant's (each conversation stops at its first wrong turn, so later turns, two of the
three ambiguous requests among them, were not reached; the tool calls were read from a
verbose replay of the set, which failed at the same turns, and a trace of the turns before):
- "Ok so here's what I need for the party: 6 mugs, 3 candle holders, 2 bamboo glass jars, and
  a box of balloons. What's not in my cart yet?" (after 2 mugs and a candle holder, rightly
  added) called add_to_cart(product="party", quantity=1) (failed), add_to_cart(product="mugs",
  quantity=6), add_to_cart(product="candle holders", quantity=3), add_to_cart(product="bamboo
  glass jars", quantity=2), add_to_cart(product="box balloons", quantity=1) (failed) and
  view_cart() ("I couldn't find a product matching 'party' in the catalog. Added 6 × Mug to your
  cart. ... Your cart has 14 items: 8 × Mug, 4 × Candle Holder and 2 × Bamboo Glass Jar. Total:
  $158.86.") instead of writing nothing and answering that 4 more mugs, 2 more candle holders
  and 2 bamboo jars are missing, and that the shop sells no balloons;
- "Make my cart match the list exactly." (after the list "sunglasses x2 / loafers x1 / tank top
  x3 / phone charger x1", which note_shopping_list(products=["sunglasses", "loafers", "tank",
  "phone charger"], quantities=[2, 1, 1, 1]) had taken as one tank top, the watch and the
  hairdryer rightly named as extras and the charger as not sold) called match_cart_to_list()
  ("Added 1 × Loafers and 1 × Tank Top. Took out 1 × Watch and 1 × Hairdryer. ... Total:
  $148.96.") instead of making the cart 2 sunglasses, 1 loafers and 3 tank tops ($186.94);
- "what would everything on my list come to now?" called compare_with_list() ("Missing from
  your cart: 1 × Candle Holder and 2 × Tank Top. Nothing in your cart is off your list. We
  don't sell "wer curtain", so it stays off your cart.") instead of the list's total without
  the tank tops, $53.95 (3 jars, the shakers, a candle holder); the list turn ("does my cart
  have everything on it?") and "cross the 18.99 one off my list" (rightly asked: "Candle Holder
  or Tank Top?") were right, but the answer "the tank tops" had called search_products(query=
  "tank tops", category="tops") ("I found one match: Tank Top ($18.99).") instead of taking
  the tank tops off the list (the cart rightly untouched);
- "Here's what I wrote down: 2 x mug, 1 x loafers, 2 x sunglasses, 1 x yoga mat. Just add
  whatever's missing - only what's missing." (after four mugs and the loafers) called
  note_shopping_list(products=["x mug", "x loafers", "x sunglasses", "x yoga mat"],
  quantities=[1, 1, 1, 1]) ("Got your list: 1 × Mug, 1 × Loafers and 1 × Sunglasses. We don't
  sell "x yoga mat", ... Missing from your cart: 1 × Sunglasses.") and added nothing instead of
  reading "2 x mug" as two mugs and adding the two missing sunglasses (the four mugs left);
- "Things I need for my trip: / - sunglasses / - hairdryer / - tank top / - travel adapter /
  - sunscreen / What am I missing?" (one item a line, after a tank top and the watch) called
  search_products(query="trip sunglasses hairdryer tank top travel adapter sunscreen",
  category="tops") ("Sorry, I don't have anything for "trip". The closest I have: Tank Top
  ($18.99).") instead of taking the list and answering the sunglasses and the hairdryer, with
  no travel adapters or sunscreen sold;
- "Here's my list - two candle holders, a hairdryer, three mugs and some napkins." called
  search_products(query="candle holders hairdryer mugs napkins") ("I found 3 products: Candle
  Holder ($18.99), Hairdryer ($24.99) and Mug ($8.99). ...") instead of keeping it as the
  shopper's list and saying the shop sells no napkins (nothing written, rightly);
- "my shopping list: mugs x4, salt and pepper shakers x1, bamboo jars x3, a kettle x1" (after
  the shakers and 2 mugs) called add_to_cart(product="mugs", quantity=4), add_to_cart(product=
  "salt and pepper shakers", quantity=1), add_to_cart(product="bamboo jars", quantity=3),
  add_to_cart(product="kettle", quantity=1) (failed) and note_shopping_list(products=["mugs",
  "salt and pepper shakers", "bamboo jars", "kettle"], quantities=[4, 1, 3, 1]) ("Added 4 × Mug
  to your cart. ... Total: $107.39. I couldn't find a product matching 'kettle' in the catalog.
  I've kept that as your list, ...") instead of only keeping the list (no kettles sold),
  nothing added: the cart became 6 mugs, 2 shakers and 3 jars, which no reading of the list is;
- "Just so you have it, here's my list of what I need: loafers, one mug, two bamboo glass jars,
  sunglasses, and a leather belt" (after the loafers and a mug) called add_to_cart(product=
  "loafers", quantity=1), add_to_cart(product="mug", quantity=1), add_to_cart(product="bamboo
  glass jars", quantity=2), add_to_cart(product="sunglasses", quantity=1) and add_to_cart(
  product="leather belt", quantity=1) (failed) ("Added 1 × Loafers to your cart. ... Total:
  $228.93. I couldn't find a product matching 'leather belt' in the catalog.") instead of only
  keeping the list, saying no belts are sold, nothing added;
- "I wrote a list earlier: two tank tops, one sunglasses, three jars. Does my cart have
  everything on it?" (the cart holding exactly those) called search_products(query="wrote tank
  tops sunglasses jars", category="tops") and view_cart() ("Sorry, I don't have anything for
  "wrote". The closest I have: Tank Top ($18.99).Your cart has 6 items: ...") instead of
  answering yes, everything on the list is in the cart;
- "What I need for Mum's birthday weekend: / Candle holder - 2 / Salt and pepper shakers - 1 /
  Hairdryer - 1 / Birthday cake - 1 / How much will all that cost?" called get_product_details
  for "candle holder", "salt and pepper shakers", "hairdryer", "cake" (failed), "2ZYFJ3GM2N" and
  "1YMWWN1N4O" (the watch, not on the list) ("Candle Holder costs $18.99. ... I couldn't find a
  product matching 'cake' in the catalog. Watch costs $109.99. ...") instead of the list's
  total, $81.46 (2 candle holders, the shakers, the hairdryer), with no cakes sold;
- "Now here's the stuff I need: sunglasses x1, mugs x6, candle holder x1, umbrella x1. Compare
  it with my cart?" called compare_with_list() ("There is no shopping list in this
  conversation yet: tell me what's on it, ...") instead of taking the list given in that very
  message and answering that 4 more mugs and the candle holder are missing, no umbrellas sold;
- "The things I need for the party are: three candle holders, four bamboo jars, two salt &
  pepper shakers, party hats. Do I have everything?" called search_products(query="candle
  holders bamboo jars salt and pepper shakers hats") and get_product_details for "66VCHSJNUP",
  "0PUK6V6EV0" and "L9ECAV7KIM" ("Tank Top costs $18.99. A fitted black crop top ... Loafers
  costs $89.99. ...") instead of answering no: 2 more candle holders, 4 bamboo jars and 2
  shakers are missing, and the shop sells no party hats.

Worked on since by general rules (2026-11-28, the same session as set 63's list feature was
built; this set was written without seeing set 63), 10 of 12 pass: a list handed over while
the cart already holds some of it, or "just so you have it", is kept, not bought; lists
introduced as "things I need for my trip:", "here's what I need for the party:", "I wrote a
list earlier:", "now here's the stuff I need:", after a comma; "2 x mug", "tank top x3",
"Candle holder - 2"; what the list costs ("how much would my whole list be in euros?",
`list_total`); changing a count on the list only (`set_list_quantity`: "change the jars on
my list to 5", "make it 4 mugs on the list", "bump the kitchen thing on my list up to 3"
asks which); "add only what I'm still missing", "add the bits I don't have yet", "fill in
the cart with whatever's missing"; "... just add whatever's missing" said with the list;
"which things in my cart aren't for the party?" (the extras become "those"). The two still
failing are marked xfail (strict): "Just add one of them for now." after the trip list's
missing two (it added the watch in focus instead of asking which), and "Get rid of those and
add whatever's missing" (only the loafers of the two extras came out).
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
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    changes_cart,
    said_no,
    tools_of,
    understood,
    usd_total,
    writes_of,
)

pytestmark = pytest.mark.asyncio

#: Words by which an answer says the shop does not sell something, or cannot find it.
_NOT_SOLD = (
    "don't sell", "do not sell", "doesn't sell", "does not sell", "don't carry",
    "do not carry", "doesn't carry", "not sold", "don't stock", "do not stock", "don't have",
    "do not have", "doesn't have", "not in the catalog", "not in our catalog",
    "isn't in the catalog", "aren't in the catalog", "not in the shop", "couldn't find",
    "could not find", "can't find", "cannot find", "no match", "not available",
    "isn't available", "aren't available", "not something we", "isn't something",
    "aren't something", "can't add", "cannot add", "we have no", "there's no", "there is no",
    "no product", "not one of our", "unavailable", "not offer", "don't offer",
)  # fmt: skip
NOT_SOLD = tuple({w for base in _NOT_SOLD for w in (base, base.replace("'", "\u2019"))})

#: Words by which an answer says the cart already has everything on the list.
ALL_THERE = (
    "yes", "everything", "all of", "all the", "nothing missing", "nothing is missing",
    "nothing's missing", "complete", "covered", "got it all", "all there", "all in",
)  # fmt: skip

_NOT_WRITTEN_ON_ADD = {"remove_from_cart", "empty_cart"}


def seen(turn: Turn) -> str:
    """What the turn did and said, for a failure's message."""
    calls = "; ".join(f"{name}({args})" for _, name, args in turn.tool_calls)
    return f"tools: [{calls}] text: {turn.text!r}"


def mentions(turn: Turn, *words: str) -> bool:
    """The answer names every one of `words` (as a word, singular or plural, any case)."""
    return all(re.search(rf"\b{re.escape(w)}(?:e?s)?\b", turn.text, re.IGNORECASE) for w in words)


async def assert_cart(turn: Turn, services: AgentServices, cart: dict[str, int]) -> None:
    """Online Boutique holds exactly `cart` (product id -> quantity) after the turn."""
    held = await cart_of(services)
    assert held == cart, (held, seen(turn))


def assert_answered(turn: Turn, *names: str) -> None:
    """A question: a real answer naming `names`, nothing written."""
    assert understood(turn), seen(turn)
    assert mentions(turn, *names), (names, seen(turn))
    assert not writes_of(turn), seen(turn)


def assert_not_sold(turn: Turn, *items: str) -> None:
    """The answer says the shop does not sell `items` (naming them)."""
    assert mentions(turn, *items), (items, seen(turn))
    assert said_no(turn, NOT_SOLD), seen(turn)


def assert_list_only(turn: Turn) -> None:
    """A change to the shopper's list alone: a real answer, the cart not written."""
    assert understood(turn), seen(turn)
    assert not changes_cart(turn), seen(turn)
    assert not writes_of(turn), seen(turn)


def assert_only_added(turn: Turn) -> None:
    """Adding what is missing: nothing taken out of the cart."""
    assert not _NOT_WRITTEN_ON_ADD & set(tools_of(turn)), seen(turn)


def assert_asked_which(turn: Turn) -> None:
    """Asked back which one was meant, nothing written."""
    try:
        assert_asked(turn)
    except AssertionError as exc:
        raise AssertionError(seen(turn)) from exc


def assert_says_total(turn: Turn, cart: dict[str, int]) -> None:
    """The answer states what `cart` costs in dollars; nothing written."""
    assert usd_total(cart) in turn.text, (usd_total(cart), seen(turn))
    assert not writes_of(turn), seen(turn)


async def test_two_mugs_candle_holder_party_list_inline_balloons_cost_four_mugs_add_missing(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Hi! Can you put 2 mugs in my cart?")
    await assert_cart(first, services, {MUG: 2})

    second = await shopper.say("and a candle holder too")
    cart = {MUG: 2, CANDLE_HOLDER: 1}
    await assert_cart(second, services, cart)

    missing = await shopper.say(
        "Ok so here's what I need for the party: 6 mugs, 3 candle holders, 2 bamboo glass "
        "jars, and a box of balloons. What's not in my cart yet?"
    )
    assert_answered(missing, "mug", "candle holder", "jar")  # 4 mugs, 2 holders, 2 jars
    assert_not_sold(missing, "balloon")
    await assert_cart(missing, services, cart)

    cost = await shopper.say("how much would the whole party list cost?")
    assert_says_total(cost, {MUG: 6, CANDLE_HOLDER: 3, JAR: 2})  # $121.89
    await assert_cart(cost, services, cart)

    fewer = await shopper.say(
        "Hmm that's a lot. Make it 4 mugs on the list instead of 6, don't touch the cart."
    )
    assert_list_only(fewer)
    await assert_cart(fewer, services, cart)

    fill = await shopper.say("Right, now add whatever's still missing")
    cart = {MUG: 4, CANDLE_HOLDER: 3, JAR: 2}
    await assert_cart(fill, services, cart)
    assert_only_added(fill)

    final = await shopper.say("Show me the cart please")
    await assert_final_cart(final, services, cart)  # $103.91


async def test_watch_sunglasses_hairdryer_list_per_line_charger_extras_match_exactly_all_there(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("Add the watch to my cart")
    await assert_cart(watch, services, {WATCH: 1})

    shades = await shopper.say("And two pairs of sunglasses")
    await assert_cart(shades, services, {WATCH: 1, SUNGLASSES: 2})

    dryer = await shopper.say("Put the hairdryer in too.")
    cart = {WATCH: 1, SUNGLASSES: 2, HAIRDRYER: 1}
    await assert_cart(dryer, services, cart)

    extras = await shopper.say(
        "This is my shopping list:\n"
        "sunglasses x2\n"
        "loafers x1\n"
        "tank top x3\n"
        "phone charger x1\n"
        "What's in my cart that isn't on it?"
    )
    assert_answered(extras, "watch", "hairdryer")
    assert_not_sold(extras, "charger")
    await assert_cart(extras, services, cart)

    match = await shopper.say("Make my cart match the list exactly.")
    cart = {SUNGLASSES: 2, LOAFERS: 1, TANK_TOP: 3}
    await assert_cart(match, services, cart)

    check = await shopper.say("Does it have everything from my list now?")
    assert understood(check) and said_no(check, ALL_THERE), seen(check)
    assert not writes_of(check), seen(check)
    await assert_cart(check, services, cart)

    final = await shopper.say("Show me my cart")
    await assert_final_cart(final, services, cart)  # $186.94


async def test_three_jars_shakers_flat_list_shower_curtain_cross_off_1899_one_asked_add_missing(
    shopper: Conversation, services: AgentServices
) -> None:
    jars = await shopper.say("can u add 3 bamboo jars")
    await assert_cart(jars, services, {JAR: 3})

    shakers = await shopper.say("also the salt and pepper shakers pls")
    cart = {JAR: 3, SHAKERS: 1}
    await assert_cart(shakers, services, cart)

    everything = await shopper.say(
        "ok my list for the new flat: 3 bamboo jars, 1 salt & pepper shakers, 1 candle holder, "
        "2 tank tops, a shower curtain. does my cart have everything on it?"
    )
    assert_answered(everything, "candle holder", "tank top")  # not yet
    assert_not_sold(everything, "curtain")
    await assert_cart(everything, services, cart)

    which = await shopper.say("cross the 18.99 one off my list")
    assert_asked_which(which)  # the candle holder or the tank tops, both $18.99?
    await assert_cart(which, services, cart)

    tops = await shopper.say("the tank tops")
    assert_list_only(tops)
    await assert_cart(tops, services, cart)

    cost = await shopper.say("what would everything on my list come to now?")
    assert_says_total(cost, {JAR: 3, SHAKERS: 1, CANDLE_HOLDER: 1})  # $53.95
    await assert_cart(cost, services, cart)

    fill = await shopper.say("ok add what's missing")
    cart = {JAR: 3, SHAKERS: 1, CANDLE_HOLDER: 1}
    await assert_cart(fill, services, cart)
    assert_only_added(fill)

    final = await shopper.say("show cart")
    await assert_final_cart(final, services, cart)  # $53.95


async def test_four_mugs_loafers_written_down_2_x_yoga_mat_only_missing_more_than_needed_match(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("Add four mugs please.")
    await assert_cart(mugs, services, {MUG: 4})

    loafers = await shopper.say("Add one pair of loafers")
    await assert_cart(loafers, services, {MUG: 4, LOAFERS: 1})

    fill = await shopper.say(
        "Here's what I wrote down: 2 x mug, 1 x loafers, 2 x sunglasses, 1 x yoga mat. Just add "
        "whatever's missing \u2014 only what's missing."
    )
    cart = {MUG: 4, LOAFERS: 1, SUNGLASSES: 2}  # four mugs are more than two: left as they are
    await assert_cart(fill, services, cart)
    assert_only_added(fill)
    assert_not_sold(fill, "yoga mat")

    extra = await shopper.say(
        "Is there anything in my cart that's not on my list, or more of it than I need?"
    )
    assert_answered(extra, "mug")  # two more than the list's two
    await assert_cart(extra, services, cart)

    match = await shopper.say("Ok, make the cart the same as my list then.")
    cart = {MUG: 2, LOAFERS: 1, SUNGLASSES: 2}
    await assert_cart(match, services, cart)

    cost = await shopper.say("What's the whole list cost?")
    assert_says_total(cost, cart)  # $147.95
    await assert_cart(cost, services, cart)

    final = await shopper.say("Show me what's in my cart.")
    await assert_final_cart(final, services, cart)  # $147.95


@pytest.mark.xfail(
    strict=True, reason="still failing: see this conversation's bullet in the module docstring"
)
async def test_tank_top_watch_trip_list_adapter_sunscreen_add_one_of_them_asked_watch_not_trip(
    shopper: Conversation, services: AgentServices
) -> None:
    top = await shopper.say("Put a tank top in my cart.")
    await assert_cart(top, services, {TANK_TOP: 1})

    watch = await shopper.say("And the watch.")
    cart = {TANK_TOP: 1, WATCH: 1}
    await assert_cart(watch, services, cart)

    missing = await shopper.say(
        "Things I need for my trip:\n"
        "- sunglasses\n"
        "- hairdryer\n"
        "- tank top\n"
        "- travel adapter\n"
        "- sunscreen\n"
        "What am I missing?"
    )
    assert_answered(missing, "sunglasses", "hairdryer")
    assert_not_sold(missing, "adapter", "sunscreen")
    await assert_cart(missing, services, cart)

    which = await shopper.say("Just add one of them for now.")
    assert_asked_which(which)  # the sunglasses or the hairdryer?
    await assert_cart(which, services, cart)

    dryer = await shopper.say("The hairdryer.")
    cart = {TANK_TOP: 1, WATCH: 1, HAIRDRYER: 1}
    await assert_cart(dryer, services, cart)

    not_trip = await shopper.say("And what's in my cart that's not for the trip?")
    assert_answered(not_trip, "watch")
    await assert_cart(not_trip, services, cart)

    rest = await shopper.say(
        "Ok take the watch out, and add the rest of what's missing for the trip."
    )
    cart = {TANK_TOP: 1, HAIRDRYER: 1, SUNGLASSES: 1}
    await assert_cart(rest, services, cart)

    final = await shopper.say("Let me see my cart.")
    await assert_final_cart(final, services, cart)  # $63.97


async def test_two_candle_holders_hair_dryer_list_in_words_napkins_hairdryer_off_list_only_match(
    shopper: Conversation, services: AgentServices
) -> None:
    holders = await shopper.say("I'd like 2 candle holders in my basket")
    await assert_cart(holders, services, {CANDLE_HOLDER: 2})

    dryer = await shopper.say("plus 1 hair dryer")
    cart = {CANDLE_HOLDER: 2, HAIRDRYER: 1}
    await assert_cart(dryer, services, cart)

    given = await shopper.say(
        "Here's my list \u2014 two candle holders, a hairdryer, three mugs and some napkins."
    )
    assert understood(given), seen(given)
    assert not writes_of(given), seen(given)  # a list given, nothing asked of the cart
    assert_not_sold(given, "napkin")
    await assert_cart(given, services, cart)

    off = await shopper.say("Actually take the hairdryer off my list. Leave my cart alone though.")
    assert_list_only(off)
    await assert_cart(off, services, cart)

    missing = await shopper.say("What's missing from my cart now, going by the list?")
    assert_answered(missing, "mug")  # three
    await assert_cart(missing, services, cart)

    extra = await shopper.say("And is there anything in the cart that isn't on the list?")
    assert_answered(extra, "hairdryer")  # off the list, still in the cart
    await assert_cart(extra, services, cart)

    match = await shopper.say("Make the cart exactly match my list.")
    cart = {CANDLE_HOLDER: 2, MUG: 3}
    await assert_cart(match, services, cart)

    final = await shopper.say("What's in my cart now?")
    await assert_final_cart(final, services, cart)  # $64.95


async def test_shakers_two_mugs_list_x4_kettle_jars_changed_to_five_cost_in_euros_add_missing(
    shopper: Conversation, services: AgentServices
) -> None:
    shakers = await shopper.say("add a salt and pepper shaker set")
    await assert_cart(shakers, services, {SHAKERS: 1})

    mugs = await shopper.say("And 2 mugs")
    cart = {SHAKERS: 1, MUG: 2}
    await assert_cart(mugs, services, cart)

    given = await shopper.say(
        "my shopping list: mugs x4, salt and pepper shakers x1, bamboo jars x3, a kettle x1"
    )
    assert understood(given), seen(given)
    assert not writes_of(given), seen(given)
    assert_not_sold(given, "kettle")
    await assert_cart(given, services, cart)

    five = await shopper.say("change the jars on my list to 5")
    assert_list_only(five)
    await assert_cart(five, services, cart)

    euros = await shopper.say("How much would my whole list be in euros?")
    await assert_says_price(euros, services, {MUG: 4, SHAKERS: 1, JAR: 5}, "EUR")  # $81.90
    await assert_cart(euros, services, cart)

    fill = await shopper.say("Alright, add only what I'm still missing.")
    cart = {SHAKERS: 1, MUG: 4, JAR: 5}
    await assert_cart(fill, services, cart)
    assert_only_added(fill)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $81.90


async def test_loafers_mug_what_i_need_belt_kitchen_thing_to_3_asked_mug_missing_fill_to_match(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("Add the loafers to my cart.")
    await assert_cart(loafers, services, {LOAFERS: 1})

    mug = await shopper.say("And a mug.")
    cart = {LOAFERS: 1, MUG: 1}
    await assert_cart(mug, services, cart)

    given = await shopper.say(
        "Just so you have it, here's my list of what I need: loafers, one mug, two bamboo "
        "glass jars, sunglasses, and a leather belt"
    )
    assert understood(given), seen(given)
    assert not writes_of(given), seen(given)
    assert_not_sold(given, "belt")
    await assert_cart(given, services, cart)

    which = await shopper.say("bump the kitchen thing on my list up to 3")
    assert_asked_which(which)  # the mug or the jars?
    await assert_cart(which, services, cart)

    three = await shopper.say("the mug")
    assert_list_only(three)
    await assert_cart(three, services, cart)

    missing = await shopper.say("so what's still missing from my cart?")
    assert_answered(missing, "mug", "jar", "sunglasses")  # 2 mugs, 2 jars, the sunglasses
    await assert_cart(missing, services, cart)

    fill = await shopper.say("Add it all in so the cart matches the list")
    cart = {LOAFERS: 1, MUG: 3, JAR: 2, SUNGLASSES: 1}
    await assert_cart(fill, services, cart)

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $147.93


async def test_tank_tops_sunglasses_jars_list_in_words_all_there_watch_list_cost_one_top_match(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Please add two tank tops and one pair of sunglasses")
    await assert_cart(first, services, {TANK_TOP: 2, SUNGLASSES: 1})

    jars = await shopper.say("Oh and three bamboo glass jars")
    cart = {TANK_TOP: 2, SUNGLASSES: 1, JAR: 3}
    await assert_cart(jars, services, cart)

    check = await shopper.say(
        "I wrote a list earlier: two tank tops, one sunglasses, three jars. Does my cart have "
        "everything on it?"
    )
    assert understood(check) and said_no(check, ALL_THERE), seen(check)
    assert not writes_of(check), seen(check)
    await assert_cart(check, services, cart)

    watch = await shopper.say("Great. Add a watch too, just because.")
    cart = {TANK_TOP: 2, SUNGLASSES: 1, JAR: 3, WATCH: 1}
    await assert_cart(watch, services, cart)

    cost = await shopper.say("How much is my list on its own, without the extra watch?")
    assert_says_total(cost, {TANK_TOP: 2, SUNGLASSES: 1, JAR: 3})  # $74.44
    await assert_cart(cost, services, cart)

    match = await shopper.say(
        "Change the tank tops on my list to just one, and make the cart match the list exactly"
    )
    cart = {TANK_TOP: 1, SUNGLASSES: 1, JAR: 3}
    await assert_cart(match, services, cart)

    final = await shopper.say("What does my cart look like?")
    await assert_final_cart(final, services, cart)  # $55.45


async def test_hairdryer_watch_birthday_list_dashes_cake_cost_add_bits_shakers_off_list_extras(
    shopper: Conversation, services: AgentServices
) -> None:
    dryer = await shopper.say("Could you add a hairdryer for me?")
    await assert_cart(dryer, services, {HAIRDRYER: 1})

    watch = await shopper.say("and the watch")
    cart = {HAIRDRYER: 1, WATCH: 1}
    await assert_cart(watch, services, cart)

    cost = await shopper.say(
        "What I need for Mum's birthday weekend:\n"
        "Candle holder - 2\n"
        "Salt and pepper shakers - 1\n"
        "Hairdryer - 1\n"
        "Birthday cake - 1\n"
        "How much will all that cost?"
    )
    assert_says_total(cost, {CANDLE_HOLDER: 2, SHAKERS: 1, HAIRDRYER: 1})  # $81.46
    assert_not_sold(cost, "cake")
    await assert_cart(cost, services, cart)

    fill = await shopper.say("Add the bits I don't have yet.")
    cart = {HAIRDRYER: 1, WATCH: 1, CANDLE_HOLDER: 2, SHAKERS: 1}
    await assert_cart(fill, services, cart)
    assert_only_added(fill)

    off = await shopper.say(
        "Actually scratch the shakers from my list - but keep them in the cart, I'll use them "
        "myself"
    )
    assert_list_only(off)
    await assert_cart(off, services, cart)

    extras = await shopper.say("What's in the cart that's not on my list now?")
    assert_answered(extras, "watch", "shakers")
    await assert_cart(extras, services, cart)

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $191.45


async def test_sunglasses_two_mugs_stuff_i_need_umbrella_compare_holder_off_list_4_mugs_fill(
    shopper: Conversation, services: AgentServices
) -> None:
    shades = await shopper.say("Add the sunglasses.")
    await assert_cart(shades, services, {SUNGLASSES: 1})

    mugs = await shopper.say("Put 2 mugs in too")
    cart = {SUNGLASSES: 1, MUG: 2}
    await assert_cart(mugs, services, cart)

    compare = await shopper.say(
        "Now here's the stuff I need: sunglasses x1, mugs x6, candle holder x1, umbrella x1. "
        "Compare it with my cart?"
    )
    assert_answered(compare, "mug", "candle holder")  # 4 more mugs, the candle holder
    assert_not_sold(compare, "umbrella")
    await assert_cart(compare, services, cart)

    off = await shopper.say("Take the candle holder off the list, I've got one at home.")
    assert_list_only(off)
    await assert_cart(off, services, cart)

    cost = await shopper.say("ok what's the total for my list?")
    assert_says_total(cost, {SUNGLASSES: 1, MUG: 6})  # $73.93
    await assert_cart(cost, services, cart)

    four = await shopper.say("Too much. Change mugs on the list to 4.")
    assert_list_only(four)
    await assert_cart(four, services, cart)

    fill = await shopper.say("Fill in the cart with whatever's missing from the list.")
    cart = {SUNGLASSES: 1, MUG: 4}
    await assert_cart(fill, services, cart)
    assert_only_added(fill)

    final = await shopper.say("Show me my cart")
    await assert_final_cart(final, services, cart)  # $55.95


@pytest.mark.xfail(
    strict=True, reason="still failing: see this conversation's bullet in the module docstring"
)
async def test_three_tank_tops_candel_holder_loafers_party_list_hats_not_for_party_swap_to_list(
    shopper: Conversation, services: AgentServices
) -> None:
    tops = await shopper.say("hey, 3 tank tops in my cart please")
    await assert_cart(tops, services, {TANK_TOP: 3})

    holder = await shopper.say("also a candel holder")
    await assert_cart(holder, services, {TANK_TOP: 3, CANDLE_HOLDER: 1})

    loafers = await shopper.say("and the loafers")
    cart = {TANK_TOP: 3, CANDLE_HOLDER: 1, LOAFERS: 1}
    await assert_cart(loafers, services, cart)

    everything = await shopper.say(
        "The things I need for the party are: three candle holders, four bamboo jars, two salt "
        "& pepper shakers, party hats. Do I have everything?"
    )
    assert_answered(everything, "jar", "shakers")  # 2 more holders, 4 jars, 2 shakers
    assert_not_sold(everything, "hat")
    await assert_cart(everything, services, cart)

    extras = await shopper.say("Which things in my cart aren't for the party?")
    assert_answered(extras, "tank top", "loafers")
    await assert_cart(extras, services, cart)

    swap = await shopper.say("Get rid of those and add whatever's missing for the party")
    cart = {CANDLE_HOLDER: 3, JAR: 4, SHAKERS: 2}
    await assert_cart(swap, services, cart)

    final = await shopper.say("Show me my cart now.")
    await assert_final_cart(final, services, cart)  # $115.91
