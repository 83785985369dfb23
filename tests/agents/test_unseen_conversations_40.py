"""A fortieth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies, what the cart holds afterwards) and the essential facts of its answers
(exact prices and differences, names, which one is cheaper), not their wording. Their theme is
a shopper deciding between products, six to eight turns each: which of two is cheaper ("which
is cheaper, the mug or the jar?", the tank top or the sunglasses, the candle holder or the
shakers, and the tank top or the candle holder, which cost the same), by how much ("by how
much?", "how much more is the hairdryer than the sunglasses?": $5.00, the watch than the
loafers: $20.00, the watch than the jar: $104.50, in dollars, and in pounds and euros after a
switch for good), what tells two apart ("what's the difference between the candle holder and
the jar?": prices and what each one is), a yes/no on prices ("is the watch more than twice the
price of the loafers?": no, $109.99 against $179.98), the cheapest or dearest of what was just
shown ("which of those is the cheapest?", "and the most expensive?" after the kitchen search),
the cheapest of a kind ("the cheapest black thing you have": the mug, not the cheaper jar;
"what other black things are there?": not the mug again), filtered and sorted searches
("everything under 20 dollars, cheapest first", "anything in accessories under 50?", then "and
over 50?"), a pick for a use ("which one would you pick for a beach holiday?": the sunglasses
over the hairdryer), the choice made by reference ("I'll go with the cheaper one", "ok get me
that one", "both of them", "remove the expensive one", "ok, do that"), both compared or added
up in another currency in passing ("compare the two in euros", "what would both together cost
in pounds?"), and hypotheticals that must not write ("and if I take two of the cheaper one?",
"what would the loafers and two mugs together cost?"). Adds, removals and display-currency
switches (for good, and back to dollars) are mixed in. Five requests are genuinely ambiguous
and must be asked about, nothing written: "Add it." right after the candle holder and the jar
were compared, "Add the black one." after a list holding three black things, "I'll take the
cheaper one then." right after the tank top and the candle holder were found to cost the same,
"Remove one of them, I only need one." with the mug and the jar in the cart, and "I'll take
one of them." right after the watch and the loafers were weighed. Every conversation ends with
a check of the cart (product id -> quantity) in Online Boutique. Conversions are computed in
the test by the shop's currency service (the embedded one, over its EUR-based rate table): a
total converted, or its lines (or unit prices) converted and added up; a difference as the
dollar difference converted, or the converted prices subtracted.

First run: 0 of 12 passed. Two expectations were the test's own mistakes and were fixed: the
check that "what's the difference between the candle holder and the jar?" says what each one
is looked for the demo catalog's words ("kitchen", "decor", "home"), while the project writes
its own descriptions ("a clear glass storage canister ... in the pantry"), and now also takes
"storage", "canister" or "pantry" (that conversation still fails at a later turn); and the
check that "which one would you pick for a beach holiday?" picks the sunglasses was satisfied
by an answer that only asked back which product was meant, naming both (it now also requires
that the answer is not a question of which product; the conversation failed at the next turn
before, now at this one). The twelve failures are the assistant's (each conversation stops at
its first wrong turn, so later turns were not reached; the tool calls were read from a traced
replay of the set, which failed at the same turns):
- "By how much?" right after "Which is cheaper, the mug or the jar?" (rightly the jar, $5.49
  against $8.99) called get_product_details(product="9SIQT8TOJO") ("Bamboo Glass Jar costs
  $5.49. A clear glass storage canister ...") instead of saying the jar is $3.50 cheaper;
- "Is the watch more than twice the price of the loafers?" (after the candle holder and the jar
  rightly compared, "Add it." rightly asked about and the candle holder added) called
  get_product_details for "watch", "twice" (failed) and "loafers" ("The description of Watch
  doesn't mention more, than, twice, price and loafers. ... Watch costs $109.99. ... I couldn't
  find a product matching 'twice' in the catalog. Loafers costs $89.99. ...") instead of
  answering no: twice the loafers is $179.98;
- "Which one would you pick for a beach holiday?" right after "How much more is the hairdryer
  than the sunglasses?" (rightly $5.00) called no tool (handed to the cart manager: "Which
  product do you mean? Recently we looked at: 1. Hairdryer, 2. Sunglasses.") instead of
  picking the sunglasses, nothing written;
- "And the most expensive?" after the kitchen search (Salt & Pepper Shakers, Bamboo Glass Jar,
  Mug) and "Which of those is the cheapest?" (rightly the jar at $5.49) called
  search_products(sort="price_desc") over the whole catalog ("Here are 9 products: Watch
  ($109.99), Loafers ($89.99), ...") instead of answering the Salt & Pepper Shakers at $18.49
  among those;
- "What other black things are there?" after the cheapest black thing (rightly the Mug, $8.99)
  was added, called search_products(query="black") with no exclude ("I found 4 products: Mug
  ($8.99), Sunglasses ($19.99), Hairdryer ($24.99) and Tank Top ($18.99). ...") instead of
  the other three (Sunglasses, Tank Top, Hairdryer) without the mug just bought;
- "I'll take the cheaper one then." right after "Tank Top and Candle Holder cost the same:
  $18.99 each." called add_to_cart(product="66VCHSJNUP", quantity=1) (a second tank top, cart
  $37.98) instead of asking which one, since neither is cheaper;
- "And over 50?" right after "Anything in accessories under 50?" (rightly the Sunglasses,
  $19.99) called search_products(min_price="50") without the category ("2 products match: Watch
  ($109.99) and Loafers ($89.99).") instead of the accessories over 50: the Watch alone;
- "Is the watch more than twice the price of the loafers?" (after pounds from now on, rightly
  set) called get_product_details for "watch", "twice" (failed) and "loafers" ("... Watch costs
  £83.64. ... I couldn't find a product matching 'twice' in the catalog. Loafers costs £68.43.
  ...") instead of answering no, with both prices in pounds;
- "Which of the two is cheaper?" with the mug and the jar just added called
  get_product_details(product="9SIQT8TOJO") ("Bamboo Glass Jar costs $5.49. A clear glass
  storage canister ...") instead of saying the jar is the cheaper, $5.49 against the mug's
  $8.99;
- "Compare the two in euros." right after the candle holder and the shakers were compared
  (rightly the shakers, $18.49 against $18.99) called set_display_currency(currency="EUR",
  just_this_answer=True) and compare_prices(product="LS4PSXUNUM") ("Online Boutique sells Salt
  & Pepper Shakers for €16.36. Comparison with other retailers isn't configured here ...")
  instead of both prices in euros, the candle holder's €16.80 and the shakers' €16.36;
- "Is the watch more than twice the price of the loafers?" (after the cheapest, the most
  expensive and "how much more is the watch than the jar?", $104.50, all rightly answered)
  called get_product_details for "watch", "twice" (failed) and "loafers" (the descriptions and
  prices) instead of answering no;
- "How much more are the sunglasses?" (after euros from now on and the tank top rightly the
  cheaper, €16.80 against €17.68) called get_product_details(product="sunglasses") and
  get_product_details(product="OLJCESPC7Z") ("Sunglasses and Sunglasses cost the same.")
  instead of saying the sunglasses cost €0.88 more than the tank top.

Worked on since (the same session), by general rules: "is X more than twice (double, three
times, half) the price of Y?" weighs the two prices and answers yes or no with both prices,
the multiple worked out and the real ratio; "by how much?" is the gap of the two just weighed;
"how much more are the sunglasses?" is against the other one weighed, not the sunglasses again;
"which one would you pick for a beach holiday?" ranks those just shown for that use; "compare
the two (in euros)" with no shop named puts the two just weighed side by side; "which of the
two / of those is the cheapest?" ranks those shown and names the others' prices, and "and the
most expensive?" then stays in that list; "what other black things are there?" leaves out the
ones already shown; "and over 50?" is the last search with the new bound; "the cheaper one" of
two at the same price, "one of them" (to take or to remove) ask which; "if I take two of the
cheaper one" prices the cheaper one weighed, two in all when one is already in the cart, and
"do that" makes that change; "both (of them)." after two were weighed takes both. 12 of 12
pass.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    KITCHEN,
    LOAFERS,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    amounts_in,
    assert_asked,
    assert_final_cart,
    cart_of,
    in_currency,
    in_passing,
    says_amount,
    shown_names,
    switched_for_good,
    switched_to,
    understood,
    writes_of,
)

#: Everything under 20 dollars, cheapest first (the tank top and the candle holder tie).
UNDER_20_CHEAPEST_FIRST = [
    "Bamboo Glass Jar", "Mug", "Salt & Pepper Shakers", "Tank Top", "Candle Holder", "Sunglasses",
]  # fmt: skip

#: Words by which an answer says "no" to a yes/no question.
_NO = re.compile(r"\bno\b|\bnot\b|isn't|isn\u2019t|is not|less than twice|under twice", re.I)
#: Words by which an answer says two prices are the same.
_SAME = ("same", "equal", "identical", "neither", "both cost", "both are", "tie")


def says_usd(text: str, amount: Decimal) -> bool:
    """The text states `amount` dollars ("$5.00", or "$5" for a whole amount)."""
    if f"${amount:,.2f}" in text:
        return True
    whole = amount == amount.to_integral_value()
    return whole and re.search(rf"\${int(amount):,}(?![.,]?\d)", text) is not None


def assert_question(turn: Turn) -> None:
    """A question about products or prices: a real answer, nothing written."""
    assert understood(turn), turn.text
    assert not writes_of(turn), turn.tool_calls


def assert_cheaper(turn: Turn, cheaper: str, cheap: str, dear: str) -> None:
    """The answer names the cheaper product and states both prices, nothing written."""
    assert cheaper.lower() in turn.text.lower(), turn.text
    assert cheap in turn.text and dear in turn.text, turn.text
    assert_question(turn)


def assert_picked(turn: Turn, chosen: str) -> None:
    """The answer picks `chosen`: named, not a question back of which product is meant, and
    first of any products it showed."""
    assert chosen.lower() in turn.text.lower(), turn.text
    assert not ("?" in turn.text and "which" in turn.text.lower()), turn.text
    if any(r.get("status") == "ok" and r.get("products") for _, r in turn.tool_results):
        assert shown_names(turn)[0] == chosen, shown_names(turn)
    assert_question(turn)


def assert_said_no(turn: Turn) -> None:
    """A yes/no question answered no, nothing written."""
    assert _NO.search(turn.text), turn.text
    assert not turn.text.lower().lstrip().startswith("yes"), turn.text
    assert_question(turn)


async def eur(services: AgentServices, product_id: str) -> str:
    return (await in_currency(services, PRICE[product_id], "EUR")).format()


async def gbp(services: AgentServices, product_id: str) -> str:
    return (await in_currency(services, PRICE[product_id], "GBP")).format()


async def difference_in(services: AgentServices, dear: str, cheap: str, code: str) -> set[str]:
    """How much more `dear` costs than `cheap` in `code`: the dollar difference converted, or
    the converted prices subtracted."""
    converted = await in_currency(services, PRICE[dear] - PRICE[cheap], code)
    subtracted = (await in_currency(services, PRICE[dear], code)) - (
        await in_currency(services, PRICE[cheap], code)
    )
    return {converted.format(), subtracted.format()}


async def assert_says_total(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str, passing: bool = True
) -> None:
    """The answer states what `cart` costs in `code` (in passing, unless the shopper's
    display currency is already `code`), nothing written."""
    candidates = await amounts_in(services, cart, code)
    assert any(says_amount(turn.text, c) for c in candidates), (candidates, turn.text)
    if passing:
        assert in_passing(turn), turn.tool_calls
    assert not writes_of(turn), turn.tool_calls


async def test_mug_or_jar_cheaper_by_how_much_two_of_the_cheaper_get_me_two_mug_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    cheaper = await shopper.say("Which is cheaper, the mug or the jar?")
    assert_cheaper(cheaper, "jar", "$5.49", "$8.99")

    by = await shopper.say("By how much?")
    assert "$3.50" in by.text, by.text  # $8.99 - $5.49
    assert_question(by)

    two = await shopper.say("And if I take two of the cheaper one, what would that cost?")
    assert "$10.98" in two.text, two.text  # 2 x $5.49
    assert_question(two)
    assert await cart_of(services) == {}

    await shopper.say("OK, get me two of them then.")
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("Add the mug too.")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_total(pounds, services, cart, "GBP")  # $19.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.97


async def test_candle_holder_vs_jar_add_it_asked_watch_twice_loafers_how_much_more_swap(
    shopper: Conversation, services: AgentServices
) -> None:
    difference = await shopper.say("What's the difference between the candle holder and the jar?")
    text = difference.text.lower()
    assert "candle" in text and "jar" in text, difference.text
    assert "$18.99" in difference.text and "$5.49" in difference.text, difference.text
    # what each one is: a holder for a candle, a jar to keep food in
    assert any(w in text for w in ("kitchen", "storage", "canister", "pantry")), difference.text
    assert_question(difference)

    which = await shopper.say("Add it.")
    assert_asked(which)  # the candle holder or the jar?
    assert await cart_of(services) == {}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    twice = await shopper.say("Is the watch more than twice the price of the loafers?")
    assert "$109.99" in twice.text and "$89.99" in twice.text, twice.text
    assert_said_no(twice)  # twice the loafers is $179.98

    more = await shopper.say("How much more is the watch than the loafers?")
    assert says_usd(more.text, Decimal("20.00")), more.text
    assert_question(more)

    await shopper.say("Then put the loafers in, and take the candle holder out.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $89.99


async def test_hairdryer_more_than_sunglasses_beach_pick_compare_euros_both_pounds_both_out(
    shopper: Conversation, services: AgentServices
) -> None:
    more = await shopper.say("How much more is the hairdryer than the sunglasses?")
    assert says_usd(more.text, Decimal("5.00")), more.text  # $24.99 - $19.99
    assert_question(more)

    beach = await shopper.say("Which one would you pick for a beach holiday?")
    assert_picked(beach, "Sunglasses")

    euros = await shopper.say("Compare the two in euros.")
    eur_hairdryer, eur_sunglasses = await eur(services, HAIRDRYER), await eur(services, SUNGLASSES)
    assert eur_hairdryer in euros.text and eur_sunglasses in euros.text, euros.text
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    pounds = await shopper.say("What would both together cost in pounds?")
    await assert_says_total(pounds, services, {HAIRDRYER: 1, SUNGLASSES: 1}, "GBP")  # $44.98
    assert await cart_of(services) == {}

    await shopper.say("Both of them, please.")
    assert await cart_of(services) == {HAIRDRYER: 1, SUNGLASSES: 1}

    await shopper.say("Actually, take the hairdryer back out.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_kitchen_which_of_those_cheapest_most_expensive_three_jars_euros_for_good_back(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("Show me what you have in the kitchen.")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert_question(kitchen)

    cheapest = await shopper.say("Which of those is the cheapest?")
    assert "Bamboo Glass Jar" in cheapest.text and "$5.49" in cheapest.text, cheapest.text
    assert_question(cheapest)

    dearest = await shopper.say("And the most expensive?")
    assert "shakers" in dearest.text.lower() and "$18.49" in dearest.text, dearest.text
    assert_question(dearest)

    more = await shopper.say("How much more are the shakers than the jar?")
    assert says_usd(more.text, Decimal("13.00")), more.text  # $18.49 - $5.49
    assert_question(more)

    await shopper.say("Ok get me the cheapest one, three of them.")
    cart = {JAR: 3}
    assert await cart_of(services) == cart

    euros = await shopper.say("Switch to euros from now on.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    total = await shopper.say("What's my total?")
    await assert_says_total(total, services, cart, "EUR", passing=False)  # $16.47

    final = await shopper.say("Back to dollars, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $16.47


async def test_cheapest_black_thing_get_me_that_other_black_tank_top_or_sunglasses_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("What's the cheapest black thing you have?")
    assert "Mug" in black.text and "$8.99" in black.text, black.text
    assert "Bamboo" not in black.text, black.text  # cheaper, but not black
    assert shown_names(black)[0] == "Mug", shown_names(black)
    assert_question(black)

    await shopper.say("Ok get me that one.")
    assert await cart_of(services) == {MUG: 1}

    others = await shopper.say("What other black things are there?")
    assert set(shown_names(others)) == {"Sunglasses", "Tank Top", "Hairdryer"}, shown_names(others)
    assert_question(others)

    cheaper = await shopper.say("Which is cheaper, the tank top or the sunglasses?")
    assert_cheaper(cheaper, "tank top", "$18.99", "$19.99")

    await shopper.say("I'll go with the cheaper one.")
    cart = {MUG: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_total(yen, services, cart, "JPY")  # $27.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $27.98


async def test_under_20_cheapest_first_the_black_one_asked_tank_top_same_price_asked_candle(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("Show me everything under 20 dollars, cheapest first.")
    names = shown_names(cheap)
    assert names[:3] == UNDER_20_CHEAPEST_FIRST[:3], names
    assert set(names[3:5]) == {"Tank Top", "Candle Holder"}, names  # $18.99 both
    assert names[5:] == ["Sunglasses"], names
    assert_question(cheap)

    which = await shopper.say("Add the black one.")
    assert_asked(which)  # the mug, the tank top or the sunglasses?
    assert await cart_of(services) == {}

    await shopper.say("The tank top.")
    assert await cart_of(services) == {TANK_TOP: 1}

    same = await shopper.say("Which is cheaper, the tank top or the candle holder?")
    assert "$18.99" in same.text, same.text
    assert any(w in same.text.lower() for w in _SAME), same.text  # the same price
    assert_question(same)

    tie = await shopper.say("I'll take the cheaper one then.")
    assert_asked(tie)  # neither is cheaper: which?
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("The candle holder.")
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $37.98


async def test_accessories_under_50_and_over_watch_more_compare_euros_both_drop_expensive(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("Anything in accessories under 50?")
    assert shown_names(under) == ["Sunglasses"], shown_names(under)
    assert "$19.99" in under.text, under.text
    assert_question(under)

    over = await shopper.say("And over 50?")
    assert shown_names(over) == ["Watch"], shown_names(over)
    assert "$109.99" in over.text, over.text
    assert_question(over)

    more = await shopper.say("How much more is the watch than the sunglasses?")
    assert says_usd(more.text, Decimal("90.00")), more.text  # $109.99 - $19.99
    assert_question(more)

    euros = await shopper.say("Compare the two in euros.")
    eur_watch, eur_sunglasses = await eur(services, WATCH), await eur(services, SUNGLASSES)
    assert eur_watch in euros.text and eur_sunglasses in euros.text, euros.text
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    await shopper.say("Both of them.")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1}

    await shopper.say("Hmm, that's too much. Remove the expensive one.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    two = await shopper.say("And if I take two of the sunglasses, what would that come to?")
    assert "$39.98" in two.text, two.text  # 2 x $19.99
    assert_question(two)
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_pounds_for_good_watch_twice_loafers_how_much_more_loafers_two_mugs_quote_add(
    shopper: Conversation, services: AgentServices
) -> None:
    pounds = await shopper.say("Switch to pounds from now on, please.")
    assert switched_for_good(pounds, "GBP"), pounds.tool_calls
    assert not writes_of(pounds), pounds.tool_calls

    twice = await shopper.say("Is the watch more than twice the price of the loafers?")
    gbp_watch, gbp_loafers = await gbp(services, WATCH), await gbp(services, LOAFERS)
    assert gbp_watch in twice.text and gbp_loafers in twice.text, twice.text
    assert_said_no(twice)

    more = await shopper.say("How much more is the watch than the loafers?")
    candidates = await difference_in(services, WATCH, LOAFERS, "GBP")  # $20.00
    assert any(c in more.text for c in candidates), (candidates, more.text)
    assert_question(more)

    await shopper.say("Ok get me the loafers.")
    assert await cart_of(services) == {LOAFERS: 1}

    quote = await shopper.say("And what would the loafers and two mugs together cost?")
    await assert_says_total(quote, services, {LOAFERS: 1, MUG: 2}, "GBP", passing=False)
    assert await cart_of(services) == {LOAFERS: 1}  # a question

    await shopper.say("Add the two mugs then.")
    cart = {LOAFERS: 1, MUG: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Back to dollars - what's in my cart?")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $107.97


async def test_mug_and_jar_which_cheaper_remove_one_asked_mug_jar_vs_shakers_more_add_shakers(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a mug and a bamboo jar in my cart.")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    cheaper = await shopper.say("Which of the two is cheaper?")
    assert_cheaper(cheaper, "jar", "$5.49", "$8.99")

    which = await shopper.say("Remove one of them, I only need one.")
    assert_asked(which)  # the mug or the jar?
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    await shopper.say("The mug.")
    assert await cart_of(services) == {JAR: 1}

    difference = await shopper.say(
        "What's the difference between the jar and the salt and pepper shakers?"
    )
    text = difference.text.lower()
    assert "jar" in text and "shakers" in text, difference.text
    assert "$5.49" in difference.text and "$18.49" in difference.text, difference.text
    assert_question(difference)

    more = await shopper.say("How much more are the shakers?")
    assert says_usd(more.text, Decimal("13.00")), more.text  # $18.49 - $5.49
    assert_question(more)

    await shopper.say("Add the shakers.")
    cart = {JAR: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.98


async def test_candle_holder_or_shakers_cheaper_compare_euros_both_pounds_both_two_of_cheaper(
    shopper: Conversation, services: AgentServices
) -> None:
    cheaper = await shopper.say(
        "Which is cheaper, the candle holder or the salt and pepper shakers?"
    )
    assert_cheaper(cheaper, "shakers", "$18.49", "$18.99")

    euros = await shopper.say("Compare the two in euros.")
    eur_candle, eur_shakers = await eur(services, CANDLE_HOLDER), await eur(services, SHAKERS)
    assert eur_candle in euros.text and eur_shakers in euros.text, euros.text
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    pounds = await shopper.say("What would both together cost in pounds?")
    await assert_says_total(pounds, services, {CANDLE_HOLDER: 1, SHAKERS: 1}, "GBP")  # $37.48
    assert await cart_of(services) == {}

    await shopper.say("Both of them, please.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 1}

    two = await shopper.say("And if I take two of the cheaper one?")
    # the cart with a second shakers ($55.97), or the two shakers alone ($36.98)
    assert "$55.97" in two.text or "$36.98" in two.text, two.text
    assert_question(two)
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 1}

    await shopper.say("Ok, do that.")
    cart = {CANDLE_HOLDER: 1, SHAKERS: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $55.97


async def test_cheapest_and_dearest_watch_more_than_jar_twice_loafers_one_of_them_asked_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("What's the cheapest thing you have?")
    assert "Bamboo Glass Jar" in cheapest.text and "$5.49" in cheapest.text, cheapest.text
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert_question(cheapest)

    dearest = await shopper.say("And the most expensive?")
    assert "Watch" in dearest.text and "$109.99" in dearest.text, dearest.text
    assert_question(dearest)

    more = await shopper.say("How much more is the watch than the jar?")
    assert says_usd(more.text, Decimal("104.50")), more.text  # $109.99 - $5.49
    assert_question(more)

    twice = await shopper.say("Is the watch more than twice the price of the loafers?")
    assert "$109.99" in twice.text and "$89.99" in twice.text, twice.text
    assert_said_no(twice)

    which = await shopper.say("I'll take one of them.")
    assert_asked(which)  # the watch or the loafers?
    assert await cart_of(services) == {}

    await shopper.say("The loafers.")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("And two jars.")
    cart = {LOAFERS: 1, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $100.97


async def test_euros_for_good_tank_top_or_sunglasses_how_much_more_accessories_under_50_back(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Switch me to euros, please.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    cheaper = await shopper.say("Which is cheaper, the tank top or the sunglasses?")
    eur_tank_top, eur_sunglasses = await eur(services, TANK_TOP), await eur(services, SUNGLASSES)
    assert_cheaper(cheaper, "tank top", eur_tank_top, eur_sunglasses)

    more = await shopper.say("How much more are the sunglasses?")
    candidates = await difference_in(services, SUNGLASSES, TANK_TOP, "EUR")  # $1.00
    assert any(c in more.text for c in candidates), (candidates, more.text)
    assert_question(more)

    await shopper.say("I'll go with the cheaper one.")
    assert await cart_of(services) == {TANK_TOP: 1}

    under = await shopper.say("Anything in accessories under 50?")
    assert shown_names(under) == ["Sunglasses"], shown_names(under)  # the watch is over €50
    assert_question(under)

    await shopper.say("Ok get me that one.")
    cart = {TANK_TOP: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    await assert_says_total(total, services, cart, "EUR", passing=False)  # $38.98

    final = await shopper.say("Back to dollars, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $38.98
