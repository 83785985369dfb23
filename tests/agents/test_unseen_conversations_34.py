"""A thirty-fourth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, the catalog and the currency service's rate table): they check what a careful human
shop assistant would do (which tools ran and that nothing was written on a question or an
unclear request, which products and quantities, what the cart holds afterwards) and the
essential facts of its answers (exact amounts), not their wording. Their theme is a budget kept
across the conversation, six to eight turns each: the shopper states it once ("I've got 50
dollars to spend today.", "My budget is 40 euros.", "I can spend up to £30 today.", "100 bucks
max today.") and later turns rely on it without repeating it: "What can I get?" and "Show me
something for the kitchen." (what fits in what is left, or the answer says what fits), "How much
do I have left?", "Can I still afford the sunglasses?", "What's left in euros?", "I got paid,
make it 80." (the budget changes, nothing is written: it is no quantity), "Forget the budget."
(later answers no longer mention it), a budget in one currency while prices are shown in
another (a budget in euros or pounds with prices in dollars, a budget in dollars with prices
shown in euros from now on).

The behaviour chosen when an add would go over the budget: the assistant does what it was told
and says by exactly how much the cart is now over ("Add the watch too." adds the watch and says
"$102.96 over your $50"). A budget is the shopper's own guide, not a rule of the shop: an
unconditional "add X" is a clear instruction, and asking first would make the shopper repeat
it; a careful human adds it and tells them plainly where they stand, so they can take it out
again. What is written is exactly what was asked, never more nor less. A conditional or a
question ("Can I still afford two mugs?", "What about just one?") writes nothing.

Two requests are genuinely ambiguous and must be asked about, nothing written: "Add the one for
18.99." after a 20-dollar list that holds two products at $18.99 (the tank top and the candle
holder), and "Take one thing out so I'm back under budget." with the sunglasses, the tank top
and the hairdryer in the cart ($63.97 against $50: taking any one of them out gets back under).
Every conversation ends with a check of the cart (product id -> quantity) in Online Boutique.

Amounts left (or over) are exact to the cent: computed in the test from the catalog prices and,
for other currencies, by the shop's currency service (the embedded one, over its EUR-based rate
table), in every way a careful answer may arrive at them: the spend converted to the budget's
currency (as a total, line by line, or unit price by unit price) and taken from the budget, or
the budget converted to dollars, the spend taken from it and what is left converted back. For
every amount here, all of those ways agree.

First run: 0 of 12 passed. One expectation was the test's own mistake and was fixed (made
stricter, never weaker): the "no" of an affordability question was any negative word, so "The
description of Mug doesn't mention afford and two. ..." passed as a no to "Can I still afford two
mugs?"; such a no must now also state an exact fact (by how much it would go over, or what is
left). The twelve failures are the assistant's (each conversation stops at its first wrong turn;
the tool calls were read from a traced replay of the same set, which failed at the same turns):
- "I've got 50 dollars to spend today." called no tool ("Sorry, I didn't understand that. I can
  search the catalog ...") instead of taking note of the $50 budget, nothing written;
- "My budget is 40 euros." called search_products(max_price="40", price_currency="EUR") ("7
  products match: Sunglasses ($19.99), Tank Top ($18.99), ...") and said nothing of the budget
  instead of acknowledging the €40, nothing written (rightly nothing written; with this check
  left out, the replay went on to fail at "Can I still afford a bamboo jar?", answered "Yes:
  Bamboo Glass Jar costs €4.86, within your €40.00, with €35.14 to spare." with the €39.79 cart
  ignored, instead of no: €0.21 left);
- "What's left in pounds?" (after "I can spend up to £30 today. What's there for the
  kitchen?" rightly showed the three kitchen products and the shakers were added) called
  set_display_currency("GBP", just_this_answer=True) and view_cart() ("Your cart has 1 item: 1 ×
  Salt & Pepper Shakers. Total: £14.06.") instead of what is left of the £30: £15.94;
- "I've got 50 bucks max for today." called search_products(max_price="50", price_currency=
  "USD") ("Here are 7 products: ...") without acknowledging the $50 (with that check left out,
  the replay failed at "Can I still afford the hairdryer?": get_product_details(product=
  "hairdryer") "The description of Hairdryer doesn't mention afford. Hairdryer costs $24.99.
  ..." instead of no, $13.97 over with the tank top and sunglasses ($11.02 left));
- "I've got 20 dollars. What can I get?" called search_products() with no price limit ("I
  found 9 products: Sunglasses ($19.99), Tank Top ($18.99), Watch ($109.99), Loafers ($89.99)
  ...") instead of the six products at $20 or less;
- "My budget is 50 dollars. Add the sunglasses, a tank top and the hairdryer." rightly added
  the three but said only "... Total: $63.97." instead of also saying the cart is $13.97 over
  the $50;
- "Back to dollars, and show me my cart." (after euros for good, the hairdryer at €22.11, what
  is left, $17.03 of $60, the sunglasses rightly not affordable, $2.96 more, and "Forget the
  budget. Add them anyway." adding them with no mention of the budget) called view_cart() only
  ("... Total: €55.69.") instead of switching back to dollars and showing $62.96;
- "What can I get with the rest?" (after "100 bucks max. Can I afford the watch?", rightly no,
  $9.99 more, the loafers rightly yes, $10.01 to spare, and added) called search_products(
  query="rest") ("I couldn't find anything matching that. ...") instead of showing what fits
  the $10.01 left: the Bamboo Glass Jar and the Mug;
- "Good news, I got paid - make it 80." (after $2.52 of the $30 rightly said to be left) called
  set_cart_quantity(product="6E92ZMYYFZ", quantity=80) ("Updated Mug to 80. Your cart has 81
  items ... Total: $737.69. I can only help with shopping here, so I can't answer that.")
  instead of raising the budget to $80 with nothing written;
- "My budget is 40 euros." (another conversation) called search_products(max_price="40",
  price_currency="EUR") ("7 products match: ...") without acknowledging the €40 (with that
  check left out, the replay failed at "What's left in euros?": "Your cart has 3 items: 1 × Mug
  and 2 × Bamboo Glass Jar. Total: €17.66." instead of €22.34 left);
- "Can I still afford two mugs?" (after "I can spend up to 60 dollars. Put the hairdryer and
  the candle holder in." rightly added both) called get_product_details(product="afford") and
  get_product_details(product="mugs") ("The description of Mug doesn't mention afford and two.
  I couldn't find a product matching 'afford' ... Mug costs $8.99. ...") instead of no: $17.98
  against $16.02 left, $1.96 over (the next turn, "What about just one?", then called
  set_cart_quantity(product="6E92ZMYYFZ", quantity=1), writing a mug into the cart for a
  question);
- "100 bucks max today. How many mugs could I get with that?" called search_products(
  max_price="100", price_currency="USD") and get_product_details(product="mugs") ("I found 8
  products: ... Mug costs $8.99. ...") instead of answering 11 ($98.89), nothing written.

Worked on since (the same session): the budget is kept (the orchestrator's new `set_budget`,
exact Money in the state, in the currency said); every cart change and cart view then says
what the cart leaves of it or by exactly how much it goes over; "What can I get?" with a
budget just said searches within it; "can I afford the watch?" said with it is checked
against it; "forget the budget" clears it and "I got paid - make it 80" raises it; "what can I get?"
later keeps within what is left, and "can I still afford the hairdryer?" adds it to the cart
against the budget. Then (the next session): a search or a product's details while a budget
is kept carry where the cart stands against it, so "show me something for the kitchen" says
which of the products shown fit in what is left ("You have $7.03 left of your $50.00 budget:
only Bamboo Glass Jar fits."), and "can I (still / now) afford the jar?" counts the cart in the
budget's own currency (€4.64 over with €0.21 left); "back to dollars, and show me my cart"
switches back before the cart is shown. 7 of 12 pass; the xfail reason on each
other conversation names the turn that now fails.
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
    KITCHEN,
    LOAFERS,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    assert_asked,
    cart_of,
    in_passing,
    shown_names,
    switched_to,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: A "no" in an answer: it does not fit, it would go over, there is nothing.
_NO = re.compile(
    r"\b(?:no|not|nothing|none|over|exceeds?|exceeding|short|more than|beyond|too much"
    r"|can['\u2019]t|cannot|won['\u2019]t|wouldn['\u2019]t|isn['\u2019]t|doesn['\u2019]t"
    r"|don['\u2019]t)\b",
    re.IGNORECASE,
)
#: Any mention of a budget (after "forget the budget" there should be none).
_BUDGET = re.compile(
    r"budget|over by|left to spend|you have [^.]{0,20}left|remaining|within your|afford",
    re.IGNORECASE,
)


def said_no(turn: Turn) -> bool:
    return understood(turn) and bool(_NO.search(turn.text))


def mentions_budget(turn: Turn) -> bool:
    return bool(_BUDGET.search(turn.text))


def names_up_to(limit: str) -> set[str]:
    """The catalog products priced at most `limit` dollars."""
    return {name for name, pid in ID.items() if PRICE[pid] <= Decimal(limit)}


def shown_or_none(turn: Turn) -> list[str]:
    """The names of the products the turn last showed, or none."""
    try:
        return shown_names(turn)
    except AssertionError:
        return []


def switched_for_good(turn: Turn, code: str) -> bool:
    calls = [
        c for c in turn.calls("set_display_currency") if str(c.get("currency")).upper() == code
    ]
    return switched_to(turn, code) and not any(c.get("just_this_answer") for c in calls)


def assert_noted(turn: Turn, amount: str) -> None:
    """A budget stated or changed: understood and acknowledged (the amount), nothing written."""
    assert understood(turn), turn.text
    assert amount in turn.text, turn.text
    assert not writes_of(turn), turn.tool_calls


def assert_question(turn: Turn) -> None:
    """A question: understood, nothing written."""
    assert understood(turn), turn.text
    assert not writes_of(turn), turn.tool_calls


def says_any(turn: Turn, amounts: set[str]) -> bool:
    return any(a in turn.text for a in amounts)


async def assert_cannot_afford(
    turn: Turn,
    services: AgentServices,
    budget: Money,
    cart: dict[str, int],
    extra: dict[str, int],
    codes: tuple[str, ...] = (),
) -> None:
    """A "can I still afford ...?" whose answer is no: a no with an exact fact behind it (by
    how much `extra` would take `cart` over `budget`, or what is left of it), in the budget's
    currency or in `codes`; nothing written, the cart as it was."""
    with_extra = {p: cart.get(p, 0) + extra.get(p, 0) for p in cart.keys() | extra.keys()}
    facts: set[str] = set()
    for code in (budget.currency_code, *codes):
        facts |= await over_of(services, budget, with_extra, code)
        facts |= await left_of(services, budget, cart, code)
    assert said_no(turn) and says_any(turn, facts), (facts, turn.text)
    assert_question(turn)
    assert await cart_of(services) == cart


# ------------------------------------------------------------------ exact money


def money(amount: str, code: str) -> Money:
    return Money.from_decimal(Decimal(amount), code)


def usd_of(cart: dict[str, int]) -> Money:
    return Money.from_decimal(sum((PRICE[p] * q for p, q in cart.items()), Decimal(0)), "USD")


async def convert(services: AgentServices, amount: Money, code: str) -> Money:
    """`amount` as the shop's currency service converts it to `code`."""
    if amount.currency_code == code:
        return amount
    return await services.boutique.currency.convert(amount, code)


async def spent_in(services: AgentServices, cart: dict[str, int], code: str) -> list[Money]:
    """What `cart` costs in `code`: the total converted, its lines converted and added up, its
    unit prices converted, multiplied and added up."""
    total = await convert(services, usd_of(cart), code)
    lines = [await convert(services, usd_of({p: q}), code) for p, q in cart.items()]
    units = [(await convert(services, usd_of({p: 1}), code)) * q for p, q in cart.items()]
    return [total, Money.sum(lines, code), Money.sum(units, code)]


async def left_of(
    services: AgentServices, budget: Money, cart: dict[str, int], code: str | None = None
) -> set[str]:
    """What is left of `budget` after `cart`, shown in `code` (the budget's currency unless
    given), every way a careful answer may compute it (see the module docstring)."""
    code = code or budget.currency_code
    ways: list[Money] = []
    left_usd = await convert(services, budget, "USD") - usd_of(cart)
    if not left_usd.is_negative():
        ways.append(await convert(services, left_usd, code))
    for spent in await spent_in(services, cart, budget.currency_code):
        left = budget - spent
        if not left.is_negative():
            ways.append(await convert(services, left, code))
    in_code = await convert(services, budget, code)
    for spent in await spent_in(services, cart, code):
        left = in_code - spent
        if not left.is_negative():
            ways.append(left)
    assert ways, "the cart is over the budget"
    return {m.format() for m in ways}


async def over_of(
    services: AgentServices, budget: Money, cart: dict[str, int], code: str | None = None
) -> set[str]:
    """By how much `cart` goes over `budget`, in `code`, every way it may be computed."""
    code = code or budget.currency_code
    ways: list[Money] = []
    over_usd = usd_of(cart) - await convert(services, budget, "USD")
    if not over_usd.is_negative():
        ways.append(await convert(services, over_usd, code))
    in_code = await convert(services, budget, code)
    for spent in await spent_in(services, cart, code):
        over = spent - in_code
        if not over.is_negative():
            ways.append(over)
    assert ways, "the cart is within the budget"
    return {m.format() for m in ways}


async def assert_final_cart(turn: Turn, services: AgentServices, cart: dict[str, int]) -> None:
    """The last check: the cart shown and its total in dollars, nothing written."""
    assert viewed(turn) == cart, turn.tool_results
    assert usd_total(cart) in turn.text, turn.text
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart


# ------------------------------------------------------------------ conversations


async def test_50_dollars_what_can_i_get_hairdryer_two_mugs_left_kitchen_watch_goes_over(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("50", "USD")
    stated = await shopper.say("I've got 50 dollars to spend today.")
    assert_noted(stated, "50")
    assert await cart_of(services) == {}

    what = await shopper.say("What can I get?")
    assert set(shown_names(what)) == names_up_to("50"), shown_names(what)  # not watch, loafers
    assert_question(what)

    await shopper.say("Add the hairdryer and two mugs.")
    cart = {HAIRDRYER: 1, MUG: 2}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $7.03
    assert_question(left)

    kitchen = await shopper.say("Show me something for the kitchen.")
    names = shown_names(kitchen)
    assert set(names) <= KITCHEN and "Bamboo Glass Jar" in names, names
    # within the $7.03 left only the jar ($5.49) fits: shown alone, or the answer says so
    assert names == ["Bamboo Glass Jar"] or "$7.03" in kitchen.text, (names, kitchen.text)
    assert_question(kitchen)

    over = await shopper.say("Add the watch too.")
    cart = {HAIRDRYER: 1, MUG: 2, WATCH: 1}
    assert await cart_of(services) == cart  # done as told ...
    assert says_any(over, await over_of(services, budget, cart)), over.text  # ... $102.96 over

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $152.96


async def test_40_euros_afford_sunglasses_and_hairdryer_add_both_left_jar_no_total_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("40", "EUR")
    stated = await shopper.say("My budget is 40 euros.")
    assert_noted(stated, "40")

    both = {SUNGLASSES: 1, HAIRDRYER: 1}
    afford = await shopper.say("Can I afford the sunglasses and the hairdryer?")
    facts = await left_of(services, budget, both) | await left_of(services, budget, both, "USD")
    facts |= {m.format() for m in await spent_in(services, both, "EUR")}
    assert says_any(afford, facts), (facts, afford.text)  # €39.79 of €40: €0.21 left
    assert_question(afford)
    assert await cart_of(services) == {}

    await shopper.say("Great, add both.")
    cart = both
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # €0.21
    assert_question(left)

    jar = await shopper.say("Can I still afford a bamboo jar?")
    await assert_cannot_afford(jar, services, budget, cart, {JAR: 1}, ("USD",))  # €4.86: €0.21

    total = await shopper.say("OK, what's my total in dollars?")
    assert usd_total(cart) in total.text, total.text  # $44.98
    assert_question(total)

    final = await shopper.say("Show me my cart, please.")
    await assert_final_cart(final, services, cart)  # $44.98


async def test_30_pounds_kitchen_shakers_left_in_pounds_afford_sunglasses_add_them_left_again(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("30", "GBP")
    kitchen = await shopper.say("I can spend up to £30 today. What's there for the kitchen?")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)  # all three fit
    assert_question(kitchen)

    await shopper.say("Add the salt and pepper shakers.")
    cart = {SHAKERS: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("What's left in pounds?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # £15.94
    assert in_passing(left), left.tool_calls
    assert_question(left)

    afford = await shopper.say("Can I still afford the sunglasses?")
    with_them = {SHAKERS: 1, SUNGLASSES: 1}
    facts = await left_of(services, budget, with_them)  # £0.74
    facts.add((await convert(services, usd_of({SUNGLASSES: 1}), "GBP")).format())  # £15.20
    assert says_any(afford, facts), (facts, afford.text)
    assert_question(afford)
    assert await cart_of(services) == cart

    await shopper.say("Add them.")
    cart = with_them
    assert await cart_of(services) == cart

    again = await shopper.say("How much do I have left now?")
    assert says_any(again, await left_of(services, budget, cart)), again.text  # £0.74
    assert_question(again)

    final = await shopper.say("What's in my cart?")
    await assert_final_cart(final, services, cart)  # $38.48


async def test_50_bucks_tank_top_sunglasses_hairdryer_no_got_paid_make_it_80_now_yes_add_left(
    shopper: Conversation, services: AgentServices
) -> None:
    stated = await shopper.say("I've got 50 bucks max for today.")
    assert_noted(stated, "50")

    await shopper.say("Put a tank top and the sunglasses in my cart.")
    cart = {TANK_TOP: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    hairdryer = await shopper.say("Can I still afford the hairdryer?")
    with_it = {TANK_TOP: 1, SUNGLASSES: 1, HAIRDRYER: 1}
    facts = await over_of(services, money("50", "USD"), with_it)  # $13.97 over
    facts |= await left_of(services, money("50", "USD"), cart)  # $11.02 left
    assert said_no(hairdryer) and says_any(hairdryer, facts), (facts, hairdryer.text)
    assert_question(hairdryer)
    assert await cart_of(services) == cart

    paid = await shopper.say("I got paid, make it 80.")
    assert_noted(paid, "80")  # the budget, not a quantity
    assert await cart_of(services) == cart

    budget = money("80", "USD")
    now = await shopper.say("Now can I afford the hairdryer?")
    facts = await left_of(services, budget, with_it) | await left_of(services, budget, cart)
    assert says_any(now, facts), (facts, now.text)  # $16.03 left after it ($41.02 before)
    assert_question(now)
    assert await cart_of(services) == cart

    await shopper.say("Add it.")
    cart = with_it
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $16.03
    assert_question(left)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $63.97


async def test_20_dollars_add_the_one_for_18_99_asked_candle_holder_left_jar_no_forget_budget(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("20", "USD")
    what = await shopper.say("I've got 20 dollars. What can I get?")
    assert set(shown_names(what)) == names_up_to("20"), shown_names(what)
    assert_question(what)

    which = await shopper.say("Add the one for 18.99.")
    assert_asked(which)  # the tank top or the candle holder?
    assert await cart_of(services) == {}

    await shopper.say("The candle holder.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $1.01
    assert_question(left)

    jar = await shopper.say("Can I still afford a bamboo jar?")
    await assert_cannot_afford(jar, services, budget, cart, {JAR: 1})  # $5.49 against $1.01

    forget = await shopper.say("Forget the budget, add two jars anyway.")
    cart = {CANDLE_HOLDER: 1, JAR: 2}
    assert await cart_of(services) == cart
    assert not mentions_budget(forget), forget.text

    mug = await shopper.say("And a mug.")
    cart = {CANDLE_HOLDER: 1, JAR: 2, MUG: 1}
    assert await cart_of(services) == cart
    assert not mentions_budget(mug), mug.text

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $38.96
    assert not mentions_budget(final), final.text


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at \"Take one thing out so I'm back under budget.\" (see this conversation's "
        "bullet in the module docstring)"
    ),
)
async def test_50_dollar_budget_three_added_over_take_one_out_asked_tank_top_left_nothing_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("50", "USD")
    first = await shopper.say(
        "My budget is 50 dollars. Add the sunglasses, a tank top and the hairdryer."
    )
    cart = {SUNGLASSES: 1, TANK_TOP: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart  # done as told ...
    assert says_any(first, await over_of(services, budget, cart)), first.text  # ... $13.97 over

    which = await shopper.say("Take one thing out so I'm back under budget.")
    assert_asked(which)  # any of the three would do: which?
    assert await cart_of(services) == cart

    await shopper.say("The tank top.")
    cart = {SUNGLASSES: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $5.02
    assert_question(left)

    nothing = await shopper.say("What can I get for that?")
    assert said_no(nothing), nothing.text  # the cheapest, the jar, is $5.49
    assert set(shown_or_none(nothing)) <= {"Bamboo Glass Jar"}, shown_or_none(nothing)
    assert_question(nothing)

    euros = await shopper.say("What's left in euros?")
    assert says_any(euros, await left_of(services, budget, cart, "EUR")), euros.text  # €4.44
    assert in_passing(euros), euros.tool_calls
    assert_question(euros)

    final = await shopper.say("What's in my cart now?")
    await assert_final_cart(final, services, cart)  # $44.98


async def test_euros_for_good_60_dollars_hairdryer_two_mugs_left_sunglasses_no_forget_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("60", "USD")
    euros = await shopper.say("Switch me to euros from now on, please.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    hairdryer = await shopper.say("I've got 60 dollars to spend. Is the hairdryer within that?")
    price = (await convert(services, usd_of({HAIRDRYER: 1}), "EUR")).format()
    assert price in hairdryer.text, (price, hairdryer.text)  # €22.11
    assert_question(hairdryer)

    await shopper.say("Add it and two mugs.")
    cart = {HAIRDRYER: 1, MUG: 2}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    facts = await left_of(services, budget, cart) | await left_of(services, budget, cart, "EUR")
    assert says_any(left, facts), (facts, left.text)  # $17.03, or €15.06
    assert_question(left)

    sunglasses = await shopper.say("Can I still afford the sunglasses?")
    await assert_cannot_afford(sunglasses, services, budget, cart, {SUNGLASSES: 1}, ("EUR",))
    # $19.99 against $17.03: $2.96 over

    forget = await shopper.say("Forget the budget. Add them anyway.")
    cart = {HAIRDRYER: 1, MUG: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert not mentions_budget(forget), forget.text

    final = await shopper.say("Back to dollars, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $62.96
    assert not mentions_budget(final), final.text


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at \"What's that in yen?\" (see this conversation's bullet in the module docstring)"
    ),
)
async def test_100_bucks_watch_no_loafers_fit_add_rest_jar_or_mug_add_mug_left_in_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("100", "USD")
    watch = await shopper.say("100 bucks max. Can I afford the watch?")
    assert said_no(watch), watch.text
    assert says_any(watch, {"$109.99", "$9.99"}), watch.text  # its price, or how much over
    assert_question(watch)

    loafers = await shopper.say("What about the loafers?")
    assert says_any(loafers, await left_of(services, budget, {LOAFERS: 1})), loafers.text  # $10.01
    assert_question(loafers)
    assert await cart_of(services) == {}

    await shopper.say("Add them.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    rest = await shopper.say("What can I get with the rest?")
    assert set(shown_names(rest)) == {"Bamboo Glass Jar", "Mug"}, shown_names(rest)  # <= $10.01
    assert_question(rest)

    await shopper.say("Add the mug.")
    cart = {LOAFERS: 1, MUG: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("How much is left now?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $1.02
    assert_question(left)

    yen = await shopper.say("What's that in yen?")
    assert says_any(yen, await left_of(services, budget, cart, "JPY")), yen.text  # ¥114
    assert in_passing(yen), yen.tool_calls
    assert_question(yen)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $98.98


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'Good news, I got paid - make it 80.' (see this conversation's bullet "
        "in the module docstring)"
    ),
)
async def test_30_dollars_kitchen_shakers_and_mug_left_got_paid_80_what_now_two_added_left(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("My budget is 30 dollars. What can I get for the kitchen?")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)  # all three fit
    assert_question(kitchen)

    await shopper.say("Add the shakers and the mug.")
    cart = {SHAKERS: 1, MUG: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left?")
    assert says_any(left, await left_of(services, money("30", "USD"), cart)), left.text  # $2.52
    assert_question(left)

    paid = await shopper.say("Good news, I got paid - make it 80.")
    assert_noted(paid, "80")  # the budget, not a quantity
    assert await cart_of(services) == cart

    budget = money("80", "USD")
    now = await shopper.say("What can I get now?")
    names = set(shown_names(now))
    fits = names_up_to("52.52")  # $80 less $27.48: not the watch, not the loafers
    assert names <= fits and fits - {"Salt & Pepper Shakers", "Mug"} <= names, names
    assert_question(now)

    await shopper.say("Add the hairdryer and the candle holder.")
    cart = {SHAKERS: 1, MUG: 1, HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    under = await shopper.say("Am I still under budget? What's left?")
    assert says_any(under, await left_of(services, budget, cart)), under.text  # $8.54
    assert_question(under)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $71.46


async def test_40_euros_kitchen_two_jars_and_mug_left_in_euros_watch_goes_over_forget_total(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("40", "EUR")
    stated = await shopper.say("My budget is 40 euros.")
    assert_noted(stated, "40")

    kitchen = await shopper.say("Show me something for the kitchen.")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)  # all three fit
    assert_question(kitchen)

    await shopper.say("Add two jars and the mug.")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("What's left in euros?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # €22.34
    assert_question(left)

    over = await shopper.say("Add the watch.")
    cart = {JAR: 2, MUG: 1, WATCH: 1}
    assert await cart_of(services) == cart  # done as told ...
    facts = await over_of(services, budget, cart) | await over_of(services, budget, cart, "USD")
    assert says_any(over, facts), (facts, over.text)  # ... €74.96 (or $84.74) over

    forget = await shopper.say("Forget the budget.")
    assert understood(forget), forget.text
    assert not writes_of(forget), forget.tool_calls
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $129.96
    assert not mentions_budget(total) and not re.search(r"\bover\b", total.text, re.I), total.text
    assert_question(total)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $129.96
    assert not mentions_budget(final), final.text


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'Can I still afford two mugs?' (see this conversation's bullet in the "
        "module docstring)"
    ),
)
async def test_60_dollars_hairdryer_candle_two_mugs_no_one_yes_swap_for_sunglasses_left_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("60", "USD")
    await shopper.say("I can spend up to 60 dollars. Put the hairdryer and the candle holder in.")
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    two = await shopper.say("Can I still afford two mugs?")
    await assert_cannot_afford(two, services, budget, cart, {MUG: 2})  # $17.98 against $16.02

    one = await shopper.say("What about just one?")
    with_one = {**cart, MUG: 1}
    facts = await left_of(services, budget, with_one) | await left_of(services, budget, cart)
    assert says_any(one, facts), (facts, one.text)  # yes: $7.03 left after it ($16.02 before)
    assert_question(one)
    assert await cart_of(services) == cart

    await shopper.say("Add one then.")
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 1, MUG: 1}
    assert await cart_of(services) == cart

    await shopper.say("Swap the candle holder for the sunglasses.")
    cart = {HAIRDRYER: 1, MUG: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    left = await shopper.say("How much do I have left, and what's that in pounds?")
    assert says_any(left, await left_of(services, budget, cart)), left.text  # $6.03
    assert says_any(left, await left_of(services, budget, cart, "GBP")), left.text  # £4.59
    assert in_passing(left), left.tool_calls
    assert_question(left)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $53.97


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at '100 bucks max today. How many mugs could I get with that?' (see this "
        "conversation's bullet in the module docstring)"
    ),
)
async def test_100_bucks_how_many_mugs_three_and_loafers_over_down_to_one_left_euros_forget(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = money("100", "USD")
    mugs = await shopper.say("100 bucks max today. How many mugs could I get with that?")
    assert re.search(r"\b11\b", mugs.text), mugs.text  # $8.99 each: 11 for $98.89
    assert_question(mugs)

    over = await shopper.say("Ha, no. Add three mugs and the loafers.")
    cart = {MUG: 3, LOAFERS: 1}
    assert await cart_of(services) == cart  # done as told ...
    assert says_any(over, await over_of(services, budget, cart)), over.text  # ... $16.96 over

    await shopper.say("Take the mugs down to one.")
    cart = {MUG: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    under = await shopper.say("Am I under budget now?")
    assert says_any(under, await left_of(services, budget, cart)), under.text  # $1.02 left
    assert_question(under)

    euros = await shopper.say("What's left in euros?")
    assert says_any(euros, await left_of(services, budget, cart, "EUR")), euros.text  # €0.90
    assert in_passing(euros), euros.tool_calls
    assert_question(euros)

    forget = await shopper.say("Forget the budget.")
    assert understood(forget), forget.text
    assert not writes_of(forget), forget.tool_calls

    sunglasses = await shopper.say("Add the sunglasses.")
    cart = {MUG: 1, LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert not mentions_budget(sunglasses), sunglasses.text

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $118.97
    assert not mentions_budget(final), final.text
