"""A sixty-first set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities the cart holds after every change) and the essential facts of its answers (names,
counts, exact prices and totals), not their wording. Their theme is questions about what is
already in the cart, answered from the cart without changing it, six to eight turns each: is
something there ("do I have any mugs in there?", "is the watch still in my cart?" after it was
taken out, "is the watch still in my cart? And the sunglasses?"), how many ("how many jars did
I put in?", "have I got more mugs or more jars?"), which line is the most expensive or the
cheaper of two ("what's the priciest thing in my cart?", "which is cheaper, the tank top or the
candle holder?" when both are $18.99), a line's share of the total ("how much of my total is
the watch?"), sums of some lines ("how much are the kitchen things together?" with the candle
holder, which is decor, left out), what dropping a line would save ("how much would I save if I
dropped the loafers?", "and if I dropped only one pair?"), the total without a line in another
currency ("what would my total be in euros without the sunglasses?", in Canadian dollars, Swiss
francs and pounds too), and the cart filtered by price or colour ("anything in my cart under 10
dollars?", "is there anything black in my cart?", answered from the cart: a cheap or black
product that is not in it is not named). The questions are interleaved with real adds,
quantity changes, swaps and removals, so that each answer depends on the cart as it is then.
Every question is checked to have written nothing and to leave the cart as it was, and
each one that only the cart can answer to have looked in it (view_cart, quote_cart for the
"what if" ones, or a search among exactly the cart's products). Three requests are
genuinely ambiguous and must be asked about, nothing written: "OK, take one out." right after
"have I got more mugs or more jars?" (three mugs, two jars), "Then drop one of them." right
after the tank top and the candle holder were found to cost the same, and "Make it two." right
after the watch and the sunglasses (one of each) were both confirmed to be in the cart. Every
conversation ends with a check of the cart in Online Boutique (product id -> quantity) and its
total. Amounts in dollars are the catalog prices added up with Decimal; amounts in other
currencies are computed in the test by the shop's currency service (the embedded one, over its
EUR-based rate table): the total converted, or its lines (or unit prices) converted and added
up, any of which the answer may show.

First run: 0 of 12 passed. One expectation was the test's own mistake and was fixed: a
question about the cart had to read it through view_cart or quote_cart, but "what's the most
expensive thing in my cart?" was rightly answered by search_products(among=<exactly the ids the
cart held>, sort="price_desc", limit=1) ("Of those, the pricier is Watch ($109.99).", and
Sunglasses ($19.99) in the other conversation), which is looking in the cart. A search among
exactly the cart's products now counts as looking in it. The two conversations that failed
there then fail at a later turn, and those failures are the assistant's, as are the other ten
(each conversation stops at its first wrong turn, so later turns were not reached):
- "And how many jars did I put in?" (three mugs and two jars in the cart; "do I have any mugs
  in there?" rightly answered) called add_to_cart(product="jars", quantity=1) ("Added 1 ×
  Bamboo Glass Jar to your cart. ... 3 × Mug and 3 × Bamboo Glass Jar. Total: $43.44.")
  instead of answering two, with nothing written;
- "Anything black in there?" (the watch rightly said to be the most expensive and $109.99 of
  the $129.98, then removed and rightly said to be gone, the tank top added) called
  search_products(query="black") ("4 products match: Sunglasses ($19.99), Tank Top ($18.99),
  Mug ($8.99) and Hairdryer ($24.99). ...") instead of naming only the cart's sunglasses and
  tank top (the mug and the hairdryer are not in it);
- "How much would I save if I dropped the loafers?" (the loafers and two pairs of sunglasses in
  the cart) called get_product_details(product="loafers") and get_product_details(product=
  "OLJCESPC7Z") ("You'd save $70.00 with Sunglasses ($19.99 against $89.99 for Loafers).")
  instead of reading the cart and answering $89.99, what the loafers' line comes to;
- "Which is cheaper in my cart, the tank top or the candle holder?" called view_cart() ("Yes,
  you have 1 × Tank Top. Yes, you have 1 × Candle Holder. Your cart has 4 items: ... 1 ×
  Candle Holder comes to $18.99. 1 × Tank Top comes to $18.99.") instead of answering the
  question: neither, both cost $18.99 (it answered "do I have them" instead). So "Then drop
  one of them." was not reached;
- "Anything in my cart under 10 dollars?" (the watch, a mug and the shakers in the cart) called
  search_products(max_price="10", price_currency="USD") ("I found 2 products: Mug ($8.99) and
  Bamboo Glass Jar ($5.49). ...") instead of answering from the cart: only the mug (the jar
  is not in it);
- "Is there anything black in my cart?" (the hairdryer and the loafers in it) called
  search_products(query="black") ("4 products match: Hairdryer ($24.99), Tank Top ($18.99),
  Mug ($8.99) and Sunglasses ($19.99). ...") instead of naming only the hairdryer;
- "Make it two." right after "Is the watch still in my cart? And the sunglasses?" (one of
  each, both rightly confirmed) called set_cart_quantity(product="OLJCESPC7Z", quantity=2)
  ("Updated Sunglasses to 2. ... Total: $155.46.") instead of asking whether two watches or
  two pairs of sunglasses, with nothing written;
- "How many jars did I put in again?" (five jars and a mug added, then "Actually I only need
  three jars." rightly set to three) called add_to_cart(product="jars", quantity=1) ("Added 1
  × Bamboo Glass Jar to your cart. ... 1 × Mug and 4 × Bamboo Glass Jar. Total: $30.95.")
  instead of answering three, with nothing written;
- "how much would I save if I dropped the loafers?" (two pairs of loafers and the watch in the
  cart) called get_product_details(product="loafers") and get_product_details(product=
  "1YMWWN1N4O") ("You'd save $20.00 with Loafers ($89.99 against $109.99 for Watch).")
  instead of reading the cart and answering $179.98, both pairs;
- "OK. How about the candle holder, is it still there?" (the mugs removed, and "Do I have any
  mugs in there?" rightly answered no) called get_product_details(product="candle holder")
  ("Candle Holder costs $18.99. ... It's available.") instead of looking in the cart and
  saying it is there;
- "Anything in my cart under 10 dollars?" (the tank top and two mugs in it; the priciest, the
  Swiss-franc total without the sunglasses and the black things rightly answered, the
  sunglasses rightly taken out) called search_products(max_price="10", price_currency="USD")
  ("I found 2 products: Mug ($8.99) and Bamboo Glass Jar ($5.49). ...") instead of naming only
  the cart's mugs;
- "How many jars did I put in?" (four jars and the hairdryer in the cart) called
  add_to_cart(product="jars", quantity=1) ("Added 1 × Bamboo Glass Jar to your cart. ... 1 ×
  Hairdryer and 5 × Bamboo Glass Jar. Total: $52.44.") instead of answering four, with
  nothing written.

Worked on since by general rules (a later session), 12 of 12 pass: questions about the cart
are answered from it without changing it ("how many jars did I put in?", "is the candle holder
still there?", "anything black in my cart?" by each line's traits, "anything in my cart under
10 dollars?", "have I got more mugs or more jars?", "which is cheaper in my cart, the tank top
or the candle holder?" with equal prices said, "how much would I save if I dropped the
loafers?" as a quote with the saving said, "and if I dropped only one pair?"), "And now?
Anything black?" after a change looks in the cart again, "Is the watch still in my cart? And
the sunglasses?" asks of both, and a count change right after a question that named several
lines ("make it two", "take one out", "drop one of them") asks which.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    LOAFERS,
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    assert_asked,
    assert_final_cart,
    assert_nothing_changed,
    assert_says_price,
    cart_of,
    tools_of,
    usd_total,
    writes_of,
)

#: The tools that read the cart: as it is, or as it would be after some changes.
_CART_READS = {"view_cart", "quote_cart"}
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
#: A plain no ("No, ...", "isn't", "not in your cart", "none", "nothing").
_NO = re.compile(r"\b(?:no|not|none|nothing)\b|n['\u2019]t\b", re.IGNORECASE)


def looked_in(turn: Turn, cart: dict[str, int]) -> bool:
    """The turn read the cart, or searched among exactly the products the cart holds."""
    return bool(_CART_READS & set(tools_of(turn))) or any(
        set(call.get("among") or ()) == set(cart) for call in turn.calls("search_products")
    )


def assert_looked(turn: Turn, cart: dict[str, int]) -> None:
    """A question about `cart`: it was looked in, and nothing was written."""
    assert looked_in(turn, cart), (turn.tool_calls, turn.text)
    assert not writes_of(turn), turn.tool_calls


def says_count(text: str, n: int, noun: str) -> bool:
    """The answer says there are `n` of `noun` ("3 mugs", "3 × Mug", "two bamboo glass jars",
    "Mug: 3", "jars (2)")."""
    number = rf"(?:{n}|{_NUMBER_WORDS[n]})"
    before = rf"\b{number}\b\s*(?:[×x]\s*)?(?:[\w&']+\s+){{0,3}}?{noun}"
    after = rf"\b{noun}s?\b[^.\d\n]{{0,25}}?\b{number}\b"
    return bool(re.search(before, text, re.IGNORECASE) or re.search(after, text, re.IGNORECASE))


def says_no(turn: Turn) -> bool:
    return bool(_NO.search(turn.text))


def names_only(turn: Turn, named: set[str], not_named: set[str]) -> None:
    """The answer names every product of `named` and none of `not_named` (catalog names)."""
    for name in named:
        assert name.lower() in turn.text.lower(), (name, turn.text)
    for name in not_named:
        assert name.lower() not in turn.text.lower(), (name, turn.text)


def black_in(cart: dict[str, int]) -> set[str]:
    """The names of the black products the cart holds."""
    return {name for name in BLACK if ID[name] in cart}


async def test_three_mugs_two_jars_any_mugs_how_many_jars_more_of_which_take_one_out_asked(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Hi! Can you put three mugs and two bamboo jars in my basket?")
    cart = {MUG: 3, JAR: 2}
    assert await cart_of(services) == cart

    mugs = await shopper.say("do I have any mugs in there?")
    assert_looked(mugs, cart)
    assert says_count(mugs.text, 3, "mug"), mugs.text
    await assert_nothing_changed(services, cart)

    jars = await shopper.say("And how many jars did I put in?")
    assert_looked(jars, cart)
    assert says_count(jars.text, 2, "jar"), jars.text
    await assert_nothing_changed(services, cart)

    more = await shopper.say("Have I got more mugs or more jars?")
    assert_looked(more, cart)
    assert says_count(more.text, 3, "mug") and says_count(more.text, 2, "jar"), more.text
    await assert_nothing_changed(services, cart)

    which = await shopper.say("OK, take one out.")
    assert_asked(which)  # one mug or one jar?
    await assert_nothing_changed(services, cart)

    await shopper.say("One of the mugs.")
    cart = {MUG: 2, JAR: 2}
    assert await cart_of(services) == cart

    kitchen = await shopper.say("How much are the kitchen things together now?")
    assert_looked(kitchen, cart)
    assert usd_total(cart) in kitchen.text, kitchen.text  # all kitchen: $28.96
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $28.96


async def test_watch_and_sunglasses_most_expensive_share_of_total_removed_still_there_black(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the watch and the sunglasses, please.")
    cart = {WATCH: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    priciest = await shopper.say("What's the most expensive thing in my cart?")
    assert_looked(priciest, cart)
    assert "Watch" in priciest.text and "$109.99" in priciest.text, priciest.text
    await assert_nothing_changed(services, cart)

    share = await shopper.say("How much of my total is the watch?")
    assert_looked(share, cart)
    assert "$109.99" in share.text, share.text
    assert usd_total(cart) in share.text, share.text  # of $129.98
    await assert_nothing_changed(services, cart)

    await shopper.say("Ugh, that's a lot. Remove the watch.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    still = await shopper.say("Wait, is the watch still in my cart?")
    assert_looked(still, cart)
    assert "watch" in still.text.lower() and says_no(still), still.text
    await assert_nothing_changed(services, cart)

    await shopper.say("Fine. Add the tank top then.")
    cart = {SUNGLASSES: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    black = await shopper.say("Anything black in there?")
    assert_looked(black, cart)
    names_only(black, black_in(cart), BLACK - black_in(cart))  # the sunglasses, the tank top
    await assert_nothing_changed(services, cart)

    final = await shopper.say("What's in my cart now?")
    await assert_final_cart(final, services, cart)  # $38.98


async def test_loafers_two_sunglasses_save_without_loafers_euros_without_sunglasses_cheaper(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I'd like the loafers and two pairs of sunglasses.")
    cart = {LOAFERS: 1, SUNGLASSES: 2}
    assert await cart_of(services) == cart

    save = await shopper.say("How much would I save if I dropped the loafers?")
    assert_looked(save, cart)
    assert usd_total({LOAFERS: 1}) in save.text, save.text  # $89.99
    await assert_nothing_changed(services, cart)

    euros = await shopper.say("And what would my total be in euros without the sunglasses?")
    assert looked_in(euros, cart), euros.tool_calls
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99
    await assert_nothing_changed(services, cart)

    await shopper.say("Hmm, let's just do one pair of sunglasses.")
    cart = {LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total now?")
    assert_looked(total, cart)
    assert usd_total(cart) in total.text, total.text  # $109.98, back in dollars
    await assert_nothing_changed(services, cart)

    await shopper.say("Throw in a candle holder too.")
    cart = {LOAFERS: 1, SUNGLASSES: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    cheaper = await shopper.say("Which is cheaper, the sunglasses or the candle holder?")
    assert not writes_of(cheaper), cheaper.tool_calls
    assert "candle holder" in cheaper.text.lower() and "$18.99" in cheaper.text, cheaper.text
    await assert_nothing_changed(services, cart)

    final = await shopper.say("OK show me everything in the cart")
    await assert_final_cart(final, services, cart)  # $128.97


async def test_tank_top_candle_two_hairdryers_same_price_drop_one_of_them_asked_share_of_total(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Can you add a tank top and a candle holder for me?")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("add two hairdryers too")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 1, HAIRDRYER: 2}
    assert await cart_of(services) == cart

    cheaper = await shopper.say("Which is cheaper in my cart, the tank top or the candle holder?")
    assert not writes_of(cheaper), cheaper.tool_calls
    assert "$18.99" in cheaper.text, cheaper.text
    said = cheaper.text.lower()
    assert any(w in said for w in ("same", "both", "equal", "neither")), cheaper.text
    await assert_nothing_changed(services, cart)

    which = await shopper.say("Then drop one of them.")
    assert_asked(which)  # the tank top or the candle holder?
    await assert_nothing_changed(services, cart)

    await shopper.say("The candle holder.")
    cart = {TANK_TOP: 1, HAIRDRYER: 2}
    assert await cart_of(services) == cart

    priciest = await shopper.say("What's the most expensive thing in my cart?")
    assert_looked(priciest, cart)
    assert "Hairdryer" in priciest.text, priciest.text
    assert "$24.99" in priciest.text or "$49.98" in priciest.text, priciest.text
    await assert_nothing_changed(services, cart)

    share = await shopper.say("How much of my total are the hairdryers?")
    assert_looked(share, cart)
    assert usd_total({HAIRDRYER: 2}) in share.text, share.text  # $49.98
    assert usd_total(cart) in share.text, share.text  # of $68.97
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me my cart please.")
    await assert_final_cart(final, services, cart)  # $68.97


async def test_watch_mug_shakers_under_10_dollars_two_jars_under_10_again_kitchen_priciest(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put the watch, a mug and the salt and pepper shakers in my cart.")
    cart = {WATCH: 1, MUG: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    cheap = await shopper.say("Anything in my cart under 10 dollars?")
    assert_looked(cheap, cart)
    names_only(cheap, {"Mug"}, {"Bamboo Glass Jar"})  # the jar is cheap but not in the cart
    assert "$8.99" in cheap.text, cheap.text
    await assert_nothing_changed(services, cart)

    await shopper.say("Cool, add two bamboo jars.")
    cart = {WATCH: 1, MUG: 1, SHAKERS: 1, JAR: 2}
    assert await cart_of(services) == cart

    cheap = await shopper.say("and now, what's under 10 bucks in there?")
    assert_looked(cheap, cart)
    names_only(cheap, {"Mug", "Bamboo Glass Jar"}, set())
    assert "$8.99" in cheap.text and "$5.49" in cheap.text, cheap.text
    await assert_nothing_changed(services, cart)

    kitchen = await shopper.say("How much are the kitchen things together?")
    assert_looked(kitchen, cart)
    assert usd_total({MUG: 1, SHAKERS: 1, JAR: 2}) in kitchen.text, kitchen.text  # $38.46
    await assert_nothing_changed(services, cart)

    await shopper.say("remove the watch")
    cart = {MUG: 1, SHAKERS: 1, JAR: 2}
    assert await cart_of(services) == cart

    priciest = await shopper.say("Whats the most expensive thing in my cart now?")
    assert_looked(priciest, cart)
    assert "Salt & Pepper Shakers" in priciest.text and "$18.49" in priciest.text, priciest.text
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Let me see the cart.")
    await assert_final_cart(final, services, cart)  # $38.46


async def test_hairdryer_loafers_anything_black_swap_loafers_for_tank_top_black_pounds_share(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a hairdryer and the loafers.")
    cart = {HAIRDRYER: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    black = await shopper.say("Is there anything black in my cart?")
    assert_looked(black, cart)
    names_only(black, black_in(cart), BLACK - black_in(cart))  # the hairdryer only
    await assert_nothing_changed(services, cart)

    await shopper.say("Swap the loafers for a tank top.")
    cart = {HAIRDRYER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    black = await shopper.say("And now? Anything black?")
    assert_looked(black, cart)
    names_only(black, black_in(cart), BLACK - black_in(cart))  # the hairdryer, the tank top
    await assert_nothing_changed(services, cart)

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $43.98
    await assert_nothing_changed(services, cart)

    await shopper.say("Make it two tank tops.")
    cart = {HAIRDRYER: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    share = await shopper.say("How much of my total is the tank tops?")
    assert_looked(share, cart)
    assert usd_total({TANK_TOP: 2}) in share.text, share.text  # $37.98
    assert usd_total(cart) in share.text, share.text  # of $62.97
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $62.97


async def test_watch_sunglasses_jar_both_still_there_make_it_two_asked_cad_without_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I need the watch and some sunglasses in my cart please")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1}

    await shopper.say("Add a bamboo jar as well.")
    cart = {WATCH: 1, SUNGLASSES: 1, JAR: 1}
    assert await cart_of(services) == cart

    still = await shopper.say("Is the watch still in my cart? And the sunglasses?")
    assert_looked(still, cart)
    names_only(still, {"Watch", "Sunglasses"}, set())  # both are
    await assert_nothing_changed(services, cart)

    which = await shopper.say("Make it two.")
    assert_asked(which)  # two watches or two pairs of sunglasses?
    await assert_nothing_changed(services, cart)

    await shopper.say("The sunglasses.")
    cart = {WATCH: 1, SUNGLASSES: 2, JAR: 1}
    assert await cart_of(services) == cart

    cad = await shopper.say("What would my total be in Canadian dollars without the watch?")
    assert looked_in(cad, cart), cad.tool_calls
    await assert_says_price(cad, services, {SUNGLASSES: 2, JAR: 1}, "CAD")  # $45.47
    await assert_nothing_changed(services, cart)

    await shopper.say("Okay, take the watch out.")
    cart = {SUNGLASSES: 2, JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("What does my cart look like now?")
    await assert_final_cart(final, services, cart)  # $45.47


async def test_five_jars_a_mug_only_three_jars_how_many_jars_more_of_which_yen_two_more_mugs(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Five bamboo jars, please.")
    assert await cart_of(services) == {JAR: 5}

    await shopper.say("And a mug.")
    assert await cart_of(services) == {JAR: 5, MUG: 1}

    await shopper.say("Actually I only need three jars.")
    cart = {JAR: 3, MUG: 1}
    assert await cart_of(services) == cart

    jars = await shopper.say("How many jars did I put in again?")
    assert_looked(jars, cart)
    assert says_count(jars.text, 3, "jar"), jars.text
    await assert_nothing_changed(services, cart)

    more = await shopper.say("have i got more mugs or more jars")
    assert_looked(more, cart)
    assert says_count(more.text, 3, "jar") and says_count(more.text, 1, "mug"), more.text
    await assert_nothing_changed(services, cart)

    yen = await shopper.say("What's the total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $25.46
    await assert_nothing_changed(services, cart)

    await shopper.say("add two more mugs")
    cart = {JAR: 3, MUG: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $43.44


async def test_two_loafers_and_watch_save_all_loafers_save_one_pair_drop_one_euros_watch_share(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Hey, could you add two pairs of loafers and a watch?")
    cart = {LOAFERS: 2, WATCH: 1}
    assert await cart_of(services) == cart

    save = await shopper.say("how much would I save if I dropped the loafers?")
    assert_looked(save, cart)
    assert usd_total({LOAFERS: 2}) in save.text, save.text  # $179.98, both pairs
    await assert_nothing_changed(services, cart)

    one = await shopper.say("And if I dropped only one pair?")
    assert_looked(one, cart)
    assert usd_total({LOAFERS: 1}) in one.text, one.text  # $89.99
    await assert_nothing_changed(services, cart)

    await shopper.say("Alright, drop one pair.")
    cart = {LOAFERS: 1, WATCH: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("Whats my total in euros without the watch?")
    assert looked_in(euros, cart), euros.tool_calls
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99
    await assert_nothing_changed(services, cart)

    still = await shopper.say("Is the watch still in my cart?")
    assert_looked(still, cart)
    assert "watch" in still.text.lower(), still.text  # it is: nothing was taken out
    await assert_nothing_changed(services, cart)

    share = await shopper.say("How much of my total is the watch?")
    assert_looked(share, cart)
    assert "$109.99" in share.text, share.text
    assert usd_total(cart) in share.text, share.text  # of $199.98
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $199.98


async def test_candle_and_three_mugs_mugs_out_any_mugs_no_candle_still_there_kitchen_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a candle holder and three mugs in my cart.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, MUG: 3}

    await shopper.say("Remove the mugs, I changed my mind.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    mugs = await shopper.say("Do I have any mugs in there?")
    assert_looked(mugs, cart)
    assert "mug" in mugs.text.lower() and says_no(mugs), mugs.text
    await assert_nothing_changed(services, cart)

    candle = await shopper.say("OK. How about the candle holder, is it still there?")
    assert_looked(candle, cart)
    assert "candle holder" in candle.text.lower(), candle.text
    await assert_nothing_changed(services, cart)

    await shopper.say("Add the shakers and a jar.")
    cart = {CANDLE_HOLDER: 1, SHAKERS: 1, JAR: 1}
    assert await cart_of(services) == cart

    kitchen = await shopper.say("How much are the kitchen things together?")
    assert_looked(kitchen, cart)
    assert usd_total({SHAKERS: 1, JAR: 1}) in kitchen.text, kitchen.text  # $23.98, no candle
    await assert_nothing_changed(services, cart)

    pounds = await shopper.say("What would my total be in pounds without the candle holder?")
    assert looked_in(pounds, cart), pounds.tool_calls
    await assert_says_price(pounds, services, {SHAKERS: 1, JAR: 1}, "GBP")  # $23.98
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $42.97


async def test_sunglasses_tank_top_two_mugs_priciest_francs_without_sunglasses_black_under_10(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Good morning! I'd like the sunglasses, a tank top and two mugs.")
    cart = {SUNGLASSES: 1, TANK_TOP: 1, MUG: 2}
    assert await cart_of(services) == cart

    priciest = await shopper.say("what's the priciest thing in my cart?")
    assert_looked(priciest, cart)
    assert "Sunglasses" in priciest.text and "$19.99" in priciest.text, priciest.text
    await assert_nothing_changed(services, cart)

    francs = await shopper.say("What would my total be in Swiss francs without the sunglasses?")
    assert looked_in(francs, cart), francs.tool_calls
    await assert_says_price(francs, services, {TANK_TOP: 1, MUG: 2}, "CHF")  # $36.97
    await assert_nothing_changed(services, cart)

    black = await shopper.say("Is there anything black in there?")
    assert_looked(black, cart)
    names_only(black, black_in(cart), BLACK - black_in(cart))  # all three, no hairdryer
    await assert_nothing_changed(services, cart)

    await shopper.say("Take the sunglasses out then.")
    cart = {TANK_TOP: 1, MUG: 2}
    assert await cart_of(services) == cart

    cheap = await shopper.say("Anything in my cart under 10 dollars?")
    assert_looked(cheap, cart)
    names_only(cheap, {"Mug"}, {"Bamboo Glass Jar"})
    assert "$8.99" in cheap.text or "$17.98" in cheap.text, cheap.text
    await assert_nothing_changed(services, cart)

    share = await shopper.say("And how much of my total is the mugs?")
    assert_looked(share, cart)
    assert usd_total({MUG: 2}) in share.text, share.text  # $17.98
    assert usd_total(cart) in share.text, share.text  # of $36.97
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Great, show me the cart one last time.")
    await assert_final_cart(final, services, cart)  # $36.97


async def test_four_jars_hairdryer_how_many_jars_save_hairdryer_two_jars_less_kitchen_priciest(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add four bamboo jars and the hairdryer.")
    cart = {JAR: 4, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    jars = await shopper.say("How many jars did I put in?")
    assert_looked(jars, cart)
    assert says_count(jars.text, 4, "jar"), jars.text
    await assert_nothing_changed(services, cart)

    save = await shopper.say("how much would i save if i dropped the hairdryer?")
    assert_looked(save, cart)
    assert "$24.99" in save.text, save.text
    await assert_nothing_changed(services, cart)

    await shopper.say("Remove two jars.")
    cart = {JAR: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    await shopper.say("Add the salt and pepper shakers.")
    cart = {JAR: 2, HAIRDRYER: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    kitchen = await shopper.say("How much are the kitchen things together?")
    assert_looked(kitchen, cart)
    assert usd_total({JAR: 2, SHAKERS: 1}) in kitchen.text, kitchen.text  # $29.47
    await assert_nothing_changed(services, cart)

    priciest = await shopper.say("What's the most expensive thing in my cart?")
    assert_looked(priciest, cart)
    assert "Hairdryer" in priciest.text and "$24.99" in priciest.text, priciest.text
    await assert_nothing_changed(services, cart)

    final = await shopper.say("Show me the cart, thanks.")
    await assert_final_cart(final, services, cart)  # $54.46
