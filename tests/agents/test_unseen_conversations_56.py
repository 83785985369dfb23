"""A fifty-sixth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, that nothing is written on a
question or an unclear request, which products are shown for a relative request, currencies)
and the essential facts of its answers (names, exact prices, differences), not their wording.
Their theme is requests made relative to a product already talked about, six to eight turns
each: "something like the mug but cheaper", "something like them (the shakers) but cheaper",
"anything in the same price range as the sunglasses?" (and as the candle holder), "anything a
bit more expensive than the tank top / the candle holder?", "what's the next cheapest thing
after the mug, going up in price?", "is there anything between the mug and the sunglasses in
price?", "something that costs about the same as two mugs", "anything cheaper than everything in
my cart?", "what's closest in price to 20 dollars?" (to 10 dollars, to 20 euros), "the one just
above it in price" (and "just below it"), "how much more than the jar is the mug?", "anything
under half the watch's price?" (the hairdryer's), mixed with adds, removes, swaps and totals in
dollars and in euros, pounds, yen and Canadian dollars.

How each relative request is judged (catalog prices: Bamboo Glass Jar $5.49, Mug $8.99, Salt &
Pepper Shakers $18.49, Tank Top $18.99, Candle Holder $18.99, Sunglasses $19.99, Hairdryer
$24.99, Loafers $89.99, Watch $109.99). For a request whose answer is a list, the products shown
are those of the turn's last product-showing tool: the ones named must all be among them, the
ones ruled out must not be; for a request whose answer is one product, the answer's text must
name it with its exact price, and must not name the products ruled out. The product the request
is relative to (the mug in "cheaper than the mug") is never ruled out, nor is anything a careful
assistant might fairly mention beside the answer (a tie, the next one along):
- "like the mug but cheaper": the Bamboo Glass Jar ($5.49) shown; nothing dearer than the mug;
- "like the shakers but cheaper": the jar and the mug shown; nothing at $18.99 or more;
- "the same price range as X" means within about two dollars: as the sunglasses ($19.99), the
  Tank Top, the Candle Holder and the Shakers shown ($18.49-$18.99), not the jar, the mug, the
  loafers or the watch (the hairdryer, $5 away, is left open); as the candle holder ($18.99),
  the Tank Top, the Shakers and the Sunglasses shown, the same four not;
- "a bit more expensive than the tank top / the candle holder" ($18.99): the Sunglasses
  ($19.99), and nothing cheaper than $18.99 nor the loafers or the watch (no "bit" dearer);
- "the next cheapest after the mug, going up in price": the Shakers ($18.49), not the
  sunglasses, the hairdryer, the loafers or the watch;
- "between the mug and the sunglasses in price": the Shakers, the Tank Top and the Candle
  Holder shown, not the jar, the hairdryer, the loafers or the watch;
- "about the same as two mugs" ($17.98): the Shakers ($18.49, the closest) shown, not the jar,
  the hairdryer, the loafers or the watch;
- "cheaper than everything in my cart" may be read per item or against the cart's total: only
  what both readings agree on is checked (with the shakers and the sunglasses in the cart, the
  jar and the mug shown, the loafers and the watch not);
- "closest in price to 20 dollars": the Sunglasses ($19.99); "to 10 dollars": the Mug ($8.99);
  "to 20 euros": the Hairdryer (its euro price is about 2.1 from 20, the sunglasses' about
  2.3; the test checks this premise on the currency service's own conversions); "the one
  just above it": the next dearer product alone (above the sunglasses the Hairdryer, $24.99;
  above the jar the Mug; above the mug the Shakers);
- "under half the watch's price" (under $55): all seven but the loafers and the watch shown,
  those two not; "under half the hairdryer's price" (under $12.50): the jar and the mug shown,
  nothing else;
- differences in dollars exactly: the mug is $3.50 more than the jar, the hairdryer $5 more than
  the sunglasses, the tank top 50 cents more than the shakers, the sunglasses $1 more than the
  tank top, the candle holder $13.50 more than the jar; in euros, either the dollar difference
  converted or the difference of the converted prices.
Three requests are genuinely ambiguous and must be asked about, nothing written: "Add the one
just above the shakers in price." (the tank top and the candle holder are both $18.99), "Now
put the one closest in price to the sunglasses in my cart." (the same tie, a dollar below), and
"Take the dearer one out." with the tank top and the candle holder in the cart (the same price).
Every conversation ends with a check of the cart (product id -> quantity) in Online Boutique and
its total. Conversions are computed in the test by the shop's currency service (the embedded
one, over its EUR-based rate table): the total converted, or its lines (or unit prices)
converted and added up, any of which the answer may show.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run, which failed
at the same turns):
- "Do you have something like the mug but cheaper?" (after the mug rightly priced at $8.99)
  called search_products(query="mug", sort="price_asc") ("I found one match: Mug ($8.99).")
  instead of showing the Bamboo Glass Jar at $5.49;
- "Anything in the same price range as the sunglasses?" (after $19.99, rightly) called
  search_products(query="sunglasses") ("I found one match: Sunglasses ($19.99).") instead of
  showing the Tank Top, the Candle Holder and the Shakers ($18.49-$18.99);
- "What's closest in price to 20 dollars?" called get_product_details(product="closest")
  (failed: "I couldn't find a product matching 'closest' in the catalog.") instead of answering
  the Sunglasses at $19.99;
- "What's the next cheapest thing after the mug, going up in price?" (after the mug rightly
  added) called search_products(query="after mug", sort="price_asc", limit=1) ("Sorry, I don't
  have anything for "after". The closest I have: Mug ($8.99).") instead of answering the Salt &
  Pepper Shakers at $18.49;
- "Is there anything between the mug and the sunglasses in price?" (after the sunglasses and
  the hairdryer rightly added) called search_products(query="mug sunglasses") ("2 products
  match: Sunglasses ($19.99) and Mug ($8.99). ...") instead of showing the Shakers, the Tank Top
  and the Candle Holder;
- "Do you have something that costs about the same as two mugs?" (after the mug rightly priced)
  called search_products(query="mugs") ("I found one match: Mug ($8.99).") instead of showing
  the Shakers ($18.49, closest to $17.98);
- "Anything under half the watch's price?" (after the watch rightly priced at $109.99) called
  search_products(query="under half watch") ("Sorry, I don't have anything for "half". The
  closest I have: Watch ($109.99).") instead of showing the seven products under $55, not the
  loafers nor the watch;
- "What's closest in price to 20 euros?" (after euros from now on, rightly set) called
  get_product_details(product="closest") (failed: "I couldn't find a product matching
  'closest' in the catalog.") instead of answering the Hairdryer at its euro price;
- "Take the dearer one out." with the tank top and the candle holder (both $18.99) in the cart
  called remove_from_cart(product="dearer", quantity=1) (failed, nothing removed: "I couldn't
  find a product matching 'dearer' in the catalog.") instead of asking which, as they cost the
  same;
- "And the one just above it in price?" (after the cheapest thing, rightly the Bamboo Glass Jar
  at $5.49) called get_product_details(product="9SIQT8TOJO") and get_product_details(product=
  "above") (failed) ("Bamboo Glass Jar costs $5.49. ... I couldn't find a product matching
  'above' in the catalog.") instead of answering the Mug at $8.99;
- "Add the dearer of those two." (after "Something like them but cheaper?" about the shakers
  rightly showed the jar and the mug) called add_to_cart(product="dearer") (failed),
  add_to_cart(product="9SIQT8TOJO") and add_to_cart(product="6E92ZMYYFZ") ("... Added 1 × Bamboo
  Glass Jar to your cart. Added 1 × Mug to your cart. ... Total: $14.48.") instead of adding
  the mug alone;
- "Anything under half its price?" right after the hairdryer was (rightly) added called
  search_products(query="under half") (no products: "I couldn't find anything matching that.
  ...") instead of showing the jar and the mug (under $12.50).

Worked on since by general rules (the same session), 10 of 12 pass: each relative request is
read by `planner/price_relations.py` and searched with bounds worked out from the catalog
prices the conversation has shown (`models/offline/price_searches.py`; a product not seen yet
is looked up first); a search that picks one ("the next one up", "the closest in price") looks
at that one so it is "it", and asks when two cost the same; "take the dearer one out" with two
at the same price asks; "and two of the cheapest" after an add is of the list shown; "how much
more than the jar is the mug?". A later session: "add it, and the one just below it in price"
adds both (the add's "it" is the product the search is measured from, which the search
records), so 11 of 12 pass. Marked xfail (strict), still failing: "add one of each of those
three" after three turns of "the one just above that" (the three picked are no list the state
keeps).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cartmate.agent_runtime.services import AgentServices
from cartmate.money import Money
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    in_currency,
    shown_names,
    switched_for_good,
    switched_to,
    usd_total,
    writes_of,
)

#: How an answer's text may name each product ("tank tops", "salt and pepper shakers").
_NAMED = {
    "Sunglasses": re.compile(r"\bsunglasses\b", re.IGNORECASE),
    "Tank Top": re.compile(r"\btank[- ]tops?\b", re.IGNORECASE),
    "Watch": re.compile(r"\bwatch(?:es)?\b", re.IGNORECASE),
    "Loafers": re.compile(r"\bloafers?\b", re.IGNORECASE),
    "Hairdryer": re.compile(r"\bhair[- ]?dryers?\b", re.IGNORECASE),
    "Candle Holder": re.compile(r"\bcandle[- ]holders?\b", re.IGNORECASE),
    "Salt & Pepper Shakers": re.compile(r"\bshakers?\b", re.IGNORECASE),
    "Bamboo Glass Jar": re.compile(r"\bjars?\b", re.IGNORECASE),
    "Mug": re.compile(r"\bmugs?\b", re.IGNORECASE),
}
ALL = set(ID)
UNDER_HALF_THE_WATCH = ALL - {"Loafers", "Watch"}  # under $55


def named(turn: Turn) -> set[str]:
    """The catalog products the answer's text names."""
    return {name for name, pattern in _NAMED.items() if pattern.search(turn.text)}


def assert_lists(turn: Turn, must: set[str], must_not: set[str]) -> None:
    """A list answer to a relative request: the products shown include every one of `must`
    and none of `must_not`; nothing written."""
    names = set(shown_names(turn))
    assert must <= names, (sorted(must - names), shown_names(turn), turn.text)
    assert not names & must_not, (sorted(names & must_not), shown_names(turn), turn.text)
    assert not writes_of(turn), turn.tool_calls


def assert_answers(turn: Turn, product: str, price: str, must_not: set[str]) -> None:
    """A one-product answer to a relative request: the text names `product` with its `price`
    and names none of `must_not`; nothing written."""
    said = named(turn)
    assert product in said and price in turn.text, (product, price, turn.text)
    assert not said & must_not, (sorted(said & must_not), turn.text)
    assert not writes_of(turn), turn.tool_calls


def says_usd(text: str, amount: Decimal) -> bool:
    """The text states `amount` dollars exactly ("$3.50"; a whole "$5" may be "$5.00")."""
    if amount == amount.to_integral_value():
        pattern = rf"\${int(amount)}(?:\.00)?(?![\d.,]*\d)"
    else:
        pattern = re.escape(f"${amount:.2f}") + r"(?!\d)"
    return bool(re.search(pattern, text))


def assert_difference(turn: Turn, dearer: str, cheaper: str) -> None:
    """The answer states how much more `dearer` costs than `cheaper`, in dollars; nothing
    written."""
    difference = PRICE[dearer] - PRICE[cheaper]
    assert says_usd(turn.text, difference), (difference, turn.text)
    assert not writes_of(turn), turn.tool_calls


async def test_mug_price_like_the_mug_but_cheaper_two_jars_how_much_more_mug_added_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much is the mug?")
    assert "$8.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    cheaper = await shopper.say("Do you have something like the mug but cheaper?")
    assert_lists(cheaper, {"Bamboo Glass Jar"}, ALL - {"Bamboo Glass Jar", "Mug"})
    assert "$5.49" in cheaper.text, cheaper.text

    await shopper.say("Add two of those.")
    assert await cart_of(services) == {JAR: 2}

    more = await shopper.say("How much more than the jar is the mug?")
    assert_difference(more, MUG, JAR)  # $3.50
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("Add one mug too.")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $19.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.97


async def test_sunglasses_same_price_range_cheapest_of_those_sunglasses_cheaper_than_cart_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much are the sunglasses?")
    assert "$19.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    same = await shopper.say("Anything in the same price range as the sunglasses?")
    assert_lists(
        same,
        {"Tank Top", "Candle Holder", "Salt & Pepper Shakers"},
        {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"},
    )

    await shopper.say("Add the cheapest of those.")
    assert await cart_of(services) == {SHAKERS: 1}  # $18.49

    await shopper.say("And the sunglasses themselves.")
    assert await cart_of(services) == {SHAKERS: 1, SUNGLASSES: 1}

    cheaper = await shopper.say("Is there anything cheaper than everything in my cart?")
    assert_lists(cheaper, {"Bamboo Glass Jar", "Mug"}, {"Loafers", "Watch"})
    assert await cart_of(services) == {SHAKERS: 1, SUNGLASSES: 1}

    await shopper.say("Remove the shakers.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $19.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_closest_to_20_dollars_just_above_it_add_that_sunglasses_how_much_more_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    closest = await shopper.say("What's closest in price to 20 dollars?")
    assert_answers(closest, "Sunglasses", "$19.99", {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"})

    above = await shopper.say("And the one just above it in price?")
    assert_answers(
        above,
        "Hairdryer",
        "$24.99",
        {"Loafers", "Watch", "Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers"},
    )

    await shopper.say("Add that one.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("Put the sunglasses in too.")
    cart = {HAIRDRYER: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    more = await shopper.say("How much more is the hairdryer than the sunglasses?")
    assert_difference(more, HAIRDRYER, SUNGLASSES)  # $5
    assert await cart_of(services) == cart

    yen = await shopper.say("What's the total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $44.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $44.98


async def test_mug_next_cheapest_after_it_just_above_shakers_asked_candle_bit_dearer_swap_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a mug in my cart.")
    assert await cart_of(services) == {MUG: 1}

    after = await shopper.say("What's the next cheapest thing after the mug, going up in price?")
    assert_answers(
        after, "Salt & Pepper Shakers", "$18.49", {"Sunglasses", "Hairdryer", "Loafers", "Watch"}
    )

    which = await shopper.say("Add the one just above the shakers in price.")
    assert_asked(which)  # the tank top and the candle holder are both $18.99
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {MUG: 1, CANDLE_HOLDER: 1}

    dearer = await shopper.say("Is there anything a bit more expensive than the candle holder?")
    assert_answers(
        dearer,
        "Sunglasses",
        "$19.99",
        {"Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers", "Loafers", "Watch"},
    )
    assert await cart_of(services) == {MUG: 1, CANDLE_HOLDER: 1}

    await shopper.say("Swap the mug for the sunglasses then.")
    cart = {CANDLE_HOLDER: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $38.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $38.98


async def test_sunglasses_hairdryer_between_mug_and_sunglasses_cheapest_closest_to_10_two_mugs(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the sunglasses and the hairdryer.")
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1}

    between = await shopper.say("Is there anything between the mug and the sunglasses in price?")
    assert_lists(
        between,
        {"Salt & Pepper Shakers", "Tank Top", "Candle Holder"},
        {"Bamboo Glass Jar", "Hairdryer", "Loafers", "Watch"},
    )

    await shopper.say("Add the cheapest of those.")
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1, SHAKERS: 1}

    ten = await shopper.say("What's closest in price to 10 dollars?")
    assert_answers(ten, "Mug", "$8.99", {"Tank Top", "Candle Holder", "Loafers", "Watch"})
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1, SHAKERS: 1}

    await shopper.say("Remove the hairdryer and add two mugs.")
    cart = {SUNGLASSES: 1, SHAKERS: 1, MUG: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $56.46
    assert not writes_of(total), total.tool_calls

    yen = await shopper.say("And in Japanese yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $56.46

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $56.46


async def test_same_as_two_mugs_shakers_closest_to_sunglasses_asked_tank_top_50_cents_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much is a mug?")
    assert "$8.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    two = await shopper.say("Do you have something that costs about the same as two mugs?")
    assert_lists(
        two, {"Salt & Pepper Shakers"}, {"Bamboo Glass Jar", "Hairdryer", "Loafers", "Watch"}
    )

    await shopper.say("Add the salt and pepper shakers.")
    assert await cart_of(services) == {SHAKERS: 1}

    which = await shopper.say("Now put the one closest in price to the sunglasses in my cart.")
    assert_asked(which)  # the tank top and the candle holder, both $18.99, a dollar below
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("The tank top.")
    cart = {SHAKERS: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    more = await shopper.say("How much more is the tank top than the shakers?")
    assert re.search(r"\$0\.50(?!\d)|\b50 ?(?:cents|¢)", more.text), more.text
    assert not writes_of(more), more.tool_calls

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $37.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $37.48


async def test_watch_price_under_half_of_it_dearest_two_cheapest_still_under_half_one_jar_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much is the watch?")
    assert "$109.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    half = await shopper.say("Anything under half the watch's price?")
    assert_lists(half, UNDER_HALF_THE_WATCH, {"Loafers", "Watch"})

    await shopper.say("Add the dearest of those.")
    assert await cart_of(services) == {HAIRDRYER: 1}  # $24.99

    await shopper.say("And two of the cheapest.")
    assert await cart_of(services) == {HAIRDRYER: 1, JAR: 2}

    still = await shopper.say("Is my cart still under half the watch's price?")
    assert usd_total({HAIRDRYER: 1, JAR: 2}) in still.text, still.text  # $35.97 < $55
    assert not writes_of(still), still.tool_calls

    await shopper.say("Remove one jar.")
    cart = {HAIRDRYER: 1, JAR: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("Total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $30.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $30.48


async def test_euros_for_good_closest_to_20_euros_it_and_just_below_difference_two_mugs_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Show me everything in euros from now on.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    in_eur = {pid: await in_currency(services, PRICE[pid], "EUR") for pid in PRICE}
    distance = {pid: abs(m.to_decimal() - 20) for pid, m in in_eur.items()}
    assert min(distance, key=distance.__getitem__) == HAIRDRYER  # the test's own premise
    closest = await shopper.say("What's closest in price to 20 euros?")
    assert_answers(
        closest,
        "Hairdryer",
        in_eur[HAIRDRYER].format(),
        {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"},
    )

    await shopper.say("Add it, and the one just below it in price.")
    assert await cart_of(services) == {HAIRDRYER: 1, SUNGLASSES: 1}

    more = await shopper.say("How much more is the hairdryer than the sunglasses?")
    converted = (await in_currency(services, PRICE[HAIRDRYER] - PRICE[SUNGLASSES], "EUR")).format()
    apart = in_eur[HAIRDRYER].to_decimal() - in_eur[SUNGLASSES].to_decimal()
    subtracted = Money.from_decimal(apart, "EUR").format()
    assert converted in more.text or subtracted in more.text, (converted, subtracted, more.text)
    assert not writes_of(more), more.tool_calls

    await shopper.say("Remove the sunglasses.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("Add two mugs.")
    cart = {HAIRDRYER: 1, MUG: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # $42.97, in euros

    final = await shopper.say("Back to dollars, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $42.97


async def test_tank_top_and_candle_holder_dearer_one_out_asked_bit_dearer_add_those_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a tank top and a candle holder.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    which = await shopper.say("Take the dearer one out.")
    assert_asked(which)  # both are $18.99
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {TANK_TOP: 1}

    dearer = await shopper.say("Anything a bit more expensive than the tank top?")
    assert_answers(
        dearer,
        "Sunglasses",
        "$19.99",
        {"Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers", "Loafers", "Watch"},
    )
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("Add those.")
    cart = {TANK_TOP: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    more = await shopper.say("How much more are the sunglasses than the tank top?")
    assert_difference(more, SUNGLASSES, TANK_TOP)  # $1

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $38.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $38.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_cheapest_thing_just_above_it_just_above_that_one_of_each_middle_out_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("What's the cheapest thing you sell?")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    above = await shopper.say("And the one just above it in price?")
    assert_answers(above, "Mug", "$8.99", ALL - {"Mug", "Bamboo Glass Jar"})

    next_up = await shopper.say("And the one just above that?")
    assert_answers(
        next_up, "Salt & Pepper Shakers", "$18.49", {"Sunglasses", "Hairdryer", "Loafers", "Watch"}
    )

    await shopper.say("Add one of each of those three.")
    assert await cart_of(services) == {JAR: 1, MUG: 1, SHAKERS: 1}

    await shopper.say("Take the middle one out.")
    cart = {JAR: 1, SHAKERS: 1}
    assert await cart_of(services) == cart  # the mug, the middle one in price and in order

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $23.98
    assert not writes_of(total), total.tool_calls

    pounds = await shopper.say("And in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $23.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.98


async def test_shakers_price_like_them_but_cheaper_dearer_of_two_mug_jar_three_one_fewer_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("I'm looking at the salt and pepper shakers - how much are they?")
    assert "$18.49" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    cheaper = await shopper.say("Something like them but cheaper?")
    assert_lists(
        cheaper,
        {"Bamboo Glass Jar", "Mug"},
        {"Tank Top", "Candle Holder", "Sunglasses", "Hairdryer", "Loafers", "Watch"},
    )

    await shopper.say("Add the dearer of those two.")
    assert await cart_of(services) == {MUG: 1}

    more = await shopper.say("How much more than the jar is the mug?")
    assert_difference(more, MUG, JAR)  # $3.50
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("Add three jars as well.")
    assert await cart_of(services) == {MUG: 1, JAR: 3}

    await shopper.say("Actually, one jar fewer.")
    cart = {MUG: 1, JAR: 2}
    assert await cart_of(services) == cart

    euros = await shopper.say("What does that come to in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $19.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.97


async def test_hairdryer_under_half_its_price_both_same_range_as_candle_swap_difference_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the hairdryer.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    half = await shopper.say("Anything under half its price?")
    assert_lists(half, {"Bamboo Glass Jar", "Mug"}, ALL - {"Bamboo Glass Jar", "Mug"})

    await shopper.say("Add both.")
    assert await cart_of(services) == {HAIRDRYER: 1, JAR: 1, MUG: 1}

    same = await shopper.say("What's in the same price range as the candle holder?")
    assert_lists(
        same,
        {"Tank Top", "Salt & Pepper Shakers", "Sunglasses"},
        {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"},
    )
    assert await cart_of(services) == {HAIRDRYER: 1, JAR: 1, MUG: 1}

    await shopper.say("Remove the hairdryer and add the candle holder.")
    cart = {JAR: 1, MUG: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    more = await shopper.say("How much more than the jar is the candle holder?")
    assert_difference(more, CANDLE_HOLDER, JAR)  # $13.50

    both = await shopper.say("What's my total in dollars, and in euros?")
    assert usd_total(cart) in both.text, both.text  # $33.47
    await assert_says_price(both, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $33.47
