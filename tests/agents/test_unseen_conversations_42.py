"""A forty-second set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers (exact prices and totals, names, counts, the order of a list),
not their wording. Their theme is the shopper talking about the assistant's own answers and
actions, six to eight turns each: checking what was done ("Did you add it?", "What did you just
add?", "How many mugs did you put in?", "Did that go through?" after a cart change and after a
price alert, "What did you just change?", "What did you just do?" after a swap); asking for an
answer again or differently ("Can you repeat the total?", "Say that again in euros / in yen /
in pounds", "Sorry, say that again - which was which?", "List them again, cheapest first.",
"Just the names please." - the names and no prices); questioning an answer ("You said the jar
was $5.49 - is that right?", "Wait, I thought the mug was cheaper than the jar?", "Are you sure
the watch is $109.99?", "Why is my total so high?" - the watch at $109.99, the loafers at
$89.99); asking about its earlier pick ("Why that one?", "What else did you find?", "Which one
did you recommend, again?", "I'll take the one you recommended", "Add the second one." of its
own cheapest-first list); and mild frustration or confusion ("I said two, not one." - two mugs
in all, not three; "No wait, I asked about the candle holder ... Swap them."; "That's not what
I asked - I meant in pounds."). Questions about answers and actions must write nothing (reading
the cart or the last result again is fine). Three requests are genuinely ambiguous and must be
asked about, nothing written: "Add the one that's $18.99." when the tank top and the candle
holder were both priced at $18.99, "Make it three." right after a mug and a jar were added
together, and "Add the one that was under ten dollars." when both the jar ($5.49) and the mug
($8.99) were. Every conversation ends with a check of the cart (product id -> quantity) in
Online Boutique, and of the alerts where one was set. Conversions are computed in the test by
the shop's currency service (the embedded one, over its EUR-based rate table): the total
converted, or its lines (or unit prices) converted and added up, any of which the answer may
show.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced run of the same set):
- "Did you add it?" (after "Add a mug to my cart." rightly added one) called add_to_cart(
  product="6E92ZMYYFZ", quantity=1) ("Added 1 × Mug to your cart. ... 2 × Mug. Total: $17.98.")
  instead of confirming the one mug already added, nothing written;
- "Just the names please." (after the kitchen products, then rightly listed again cheapest
  first: jar, mug, shakers) called get_product_details(product="names") ("I couldn't find a
  product matching 'names' in the catalog.") instead of giving the three names again, no prices;
- "Wait, I thought the mug was cheaper than the jar?" (after the jar at $5.49 and the mug at
  $8.99, rightly priced) called search_products(sort="price_asc", max_price="8.98",
  price_currency="USD") ("I found one match: Bamboo Glass Jar ($5.49).") instead of saying that
  no, the mug is $8.99 and the jar $5.49, nothing written;
- "Why is my total so high?" (after the watch and a candle holder, $128.98) called view_cart()
  ("Your cart has 2 items: 1 × Candle Holder and 1 × Watch. Total: $128.98.") instead of
  saying it is mostly the watch, at $109.99;
- "Sorry, say that again - which was which?" (after the tank top and the candle holder were
  rightly both priced at $18.99) called no tool ("Which product do you mean? Recently we looked
  at: 1. Tank Top, 2. Candle Holder.") instead of repeating both names with their $18.99;
- "What did you just change?" (after "Make it three." rightly asked which and "The jars." rightly
  set the jars to 3) called no tool ("Sorry, I didn't understand that. ...") instead of saying
  it set the Bamboo Glass Jar to 3;
- "Why that one?" (after "keep my coffee fresh" rightly showed the Bamboo Glass Jar first)
  called no tool ("Sorry, I didn't understand that. ...") instead of explaining the pick (an
  airtight jar that keeps coffee fresh);
- "No wait, I asked about the candle holder - that's the one I want, not the shakers. Swap
  them." (after the shakers were rightly added) called add_to_cart(product="asked candle
  holder", quantity=1) and add_to_cart(product="LS4PSXUNUM", quantity=1) ("... 1 × Candle
  Holder and 2 × Salt & Pepper Shakers. Total: $55.97.") instead of taking the shakers out and
  putting the candle holder in (cart: one candle holder);
- "Did that go through?" (after the watch alert at $100, rightly made) called view_cart()
  ("Your cart is empty.") instead of confirming the watch alert at $100.00, nothing written;
- "Just the names please." (after the four black products, rightly shown) called
  get_product_details(product="names") ("I couldn't find a product matching 'names' in the
  catalog.") instead of giving the four names, no prices;
- "How many hairdryers did you put in?" (after the loafers and two hairdryers, rightly added)
  called get_product_details(product="hairdryers") ("Hairdryer costs $24.99. ...") instead of
  answering two, nothing written;
- "List them again, cheapest first." (after the six products under $20, rightly found) called
  search_products(sort="price_asc", max_price="20", price_currency="USD") ("I found 6 products:
  Bamboo Glass Jar ($5.49), Mug ($8.99), Salt & Pepper Shakers ($18.49), Tank Top ($18.99) and
  Candle Holder ($18.99), and 1 more.") instead of listing all six, the Sunglasses ($19.99) last.

Worked on since (the same session), by general rules (`models/offline/recall.py`): "did you
add it?", "did that go through?", "is it in my cart?" check the last change (the cart for the
product, or the alerts), nothing written; "how many hairdryers did you put in?" counts the
line; "what did you just add / change / do?" tells the last change record; "just the names
please" gives the names just shown; "say that again (in pounds)", "which was which?" and
"that's not what I asked - I meant in pounds" ask the previous request again (in that
currency); "you said the jar was $5.49 - is that right?" / "are you sure the watch is
$109.99?" look the price up and answer yes or no; "I thought the mug was cheaper than the
jar?" ranks the two and says whether it is so; "why is my total so high?" names the line that
makes most of it; "which one did you recommend?", "why that one?" and "I'll take the one you
recommended" mean the product picked; "what else did you find?" is the last search without
what it showed; a list of up to eight is read out whole. 10 of 12 pass; the xfail reasons name
the turns the other two fail at ("what else did you find?" after a search with one match,
where the shopper expects the mug for coffee too, and "no wait, I asked about the candle
holder, not the shakers - swap them").
"""

from __future__ import annotations

import re

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
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
    alerts_of,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    shown_names,
    usd_total,
    writes_of,
)

#: Everything at or under $20.
UNDER_20 = {
    "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug",
}  # fmt: skip
#: An amount of money in dollars as the shopper reads it ("$8.99").
_DOLLARS = re.compile(r"\$\s?\d")


def says_count(turn: Turn, number: int, word: str) -> bool:
    """The answer states the count, as a figure or a word ("2", "two")."""
    return bool(re.search(rf"\b(?:{number}|{word})\b", turn.text.lower()))


def assert_cheapest_first(turn: Turn, names: set[str]) -> None:
    """Every one of `names` is in the answer, each cheaper one before each dearer one (equal
    prices in either order)."""
    at = {name: turn.text.find(name) for name in names}
    assert all(i >= 0 for i in at.values()), (at, turn.text)
    for a in names:
        for b in names:
            if PRICE[ID[a]] < PRICE[ID[b]]:
                assert at[a] < at[b], (a, b, turn.text)


def assert_just_names(turn: Turn, names: set[str]) -> None:
    """The names asked for, and no prices."""
    for name in names:
        assert name in turn.text, (name, turn.text)
    assert not _DOLLARS.search(turn.text), turn.text
    assert not writes_of(turn), turn.tool_calls


async def test_add_a_mug_did_you_add_it_how_many_i_said_two_total_repeat_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug to my cart.")
    assert await cart_of(services) == {MUG: 1}

    did = await shopper.say("Did you add it?")
    assert "mug" in did.text.lower(), did.text
    assert not writes_of(did), did.tool_calls
    assert await cart_of(services) == {MUG: 1}

    many = await shopper.say("How many mugs did you put in?")
    assert says_count(many, 1, "one"), many.text
    assert not writes_of(many), many.tool_calls

    await shopper.say("I said two, not one.")
    cart = {MUG: 2}
    assert await cart_of(services) == cart  # two in all, not three

    total = await shopper.say("What's the total now?")
    assert usd_total(cart) in total.text, total.text  # $17.98
    assert not writes_of(total), total.tool_calls

    euros = await shopper.say("Can you repeat the total in euros?")
    await assert_says_price(euros, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $17.98


async def test_kitchen_list_again_cheapest_first_just_names_cheapest_again_two_what_did_you_add(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("What do you have for the kitchen?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    again = await shopper.say("List them again, cheapest first.")
    assert_cheapest_first(again, KITCHEN)  # jar $5.49, mug $8.99, shakers $18.49
    assert "$5.49" in again.text and "$18.49" in again.text, again.text
    assert not writes_of(again), again.tool_calls

    just = await shopper.say("Just the names please.")
    assert_just_names(just, KITCHEN)

    cheapest = await shopper.say("Which one is the cheapest again?")
    assert "Bamboo Glass Jar" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("Add two of that one.")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    added = await shopper.say("What did you just add?")
    assert "jar" in added.text.lower() and says_count(added, 2, "two"), added.text
    assert not writes_of(added), added.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $10.98


async def test_jar_price_mug_price_thought_mug_cheaper_add_cheaper_you_said_549_went_through(
    shopper: Conversation, services: AgentServices
) -> None:
    jar = await shopper.say("How much is the bamboo glass jar?")
    assert "$5.49" in jar.text, jar.text
    assert not writes_of(jar), jar.tool_calls

    mug = await shopper.say("And the mug?")
    assert "$8.99" in mug.text, mug.text
    assert not writes_of(mug), mug.tool_calls

    thought = await shopper.say("Wait, I thought the mug was cheaper than the jar?")
    assert "$8.99" in thought.text and "$5.49" in thought.text, thought.text  # the jar is
    assert not writes_of(thought), thought.tool_calls

    await shopper.say("OK, add the cheaper one.")
    cart = {JAR: 1}
    assert await cart_of(services) == cart

    sure = await shopper.say("You said the jar was $5.49 - is that right?")
    assert "$5.49" in sure.text, sure.text
    assert not writes_of(sure), sure.tool_calls

    through = await shopper.say("Did that go through? Is it in my cart?")
    assert "jar" in through.text.lower(), through.text
    assert not writes_of(through), through.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $5.49


async def test_watch_and_candle_holder_why_so_high_are_you_sure_take_it_out_repeat_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put the watch and a candle holder in my cart.")
    assert await cart_of(services) == {WATCH: 1, CANDLE_HOLDER: 1}

    total = await shopper.say("What's my total?")
    assert "$128.98" in total.text, total.text
    assert not writes_of(total), total.tool_calls

    high = await shopper.say("Why is my total so high?")
    assert "watch" in high.text.lower() and "$109.99" in high.text, high.text
    assert not writes_of(high), high.tool_calls

    sure = await shopper.say("Are you sure the watch is $109.99?")
    assert "$109.99" in sure.text, sure.text
    assert not writes_of(sure), sure.tool_calls

    await shopper.say("Take it out then.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart  # the watch, talked about just now

    repeat = await shopper.say("Can you repeat the total?")
    assert usd_total(cart) in repeat.text, repeat.text  # $18.99
    assert not writes_of(repeat), repeat.tool_calls

    pounds = await shopper.say("Say that again in pounds.")
    await assert_says_price(pounds, services, cart, "GBP")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_tank_top_and_candle_holder_both_1899_say_again_add_that_one_asked_how_many(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the tank top and the candle holder?")
    assert "Tank Top" in prices.text and "Candle Holder" in prices.text, prices.text
    assert "$18.99" in prices.text, prices.text  # both
    assert not writes_of(prices), prices.tool_calls

    again = await shopper.say("Sorry, say that again - which was which?")
    assert "Tank Top" in again.text and "Candle Holder" in again.text, again.text
    assert "$18.99" in again.text, again.text
    assert not writes_of(again), again.tool_calls

    which = await shopper.say("Add the one that's $18.99.")
    assert_asked(which)  # both are $18.99: which?
    assert await cart_of(services) == {}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    did = await shopper.say("Did you add the candle holder or the tank top?")
    assert "candle holder" in did.text.lower(), did.text
    assert not writes_of(did), did.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("Add two tank tops as well.")
    cart = {CANDLE_HOLDER: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    many = await shopper.say("How many tank tops did you put in?")
    assert says_count(many, 2, "two"), many.text
    assert not writes_of(many), many.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $56.97


async def test_mug_and_jar_make_it_three_asked_the_jars_what_did_you_change_total_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug and a bamboo jar.")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    which = await shopper.say("Make it three.")
    assert_asked(which)  # three mugs or three jars?
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    await shopper.say("The jars.")
    cart = {MUG: 1, JAR: 3}
    assert await cart_of(services) == cart

    changed = await shopper.say("What did you just change?")
    assert "jar" in changed.text.lower() and says_count(changed, 3, "three"), changed.text
    assert not writes_of(changed), changed.tool_calls

    total = await shopper.say("How much is my total now?")
    assert usd_total(cart) in total.text, total.text  # $25.46
    assert not writes_of(total), total.tool_calls

    yen = await shopper.say("Say that again in yen.")
    await assert_says_price(yen, services, cart, "JPY")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $25.46


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'What else did you find?' "
        "(see this conversation's bullet in the module docstring)"
    ),
)
async def test_keep_coffee_fresh_why_that_one_what_else_which_did_you_recommend_take_both(
    shopper: Conversation, services: AgentServices
) -> None:
    fresh = await shopper.say("I need something to keep my coffee fresh. What would you suggest?")
    assert shown_names(fresh)[0] == "Bamboo Glass Jar", shown_names(fresh)
    assert not writes_of(fresh), fresh.tool_calls

    why = await shopper.say("Why that one?")
    text = why.text.lower()
    assert "jar" in text, why.text
    assert any(w in text for w in ("fresh", "airtight", "coffee")), why.text
    assert not writes_of(why), why.tool_calls

    other = await shopper.say("What else did you find?")
    assert "Mug" in other.text, other.text  # the other one for coffee
    assert not writes_of(other), other.tool_calls

    recommended = await shopper.say("Which one did you recommend, again?")
    assert "Bamboo Glass Jar" in recommended.text, recommended.text
    assert not writes_of(recommended), recommended.tool_calls

    await shopper.say("OK, I'll take the one you recommended.")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("And the mug you mentioned too.")
    cart = {JAR: 1, MUG: 1}
    assert await cart_of(services) == cart

    through = await shopper.say("Did that go through?")
    assert "mug" in through.text.lower(), through.text
    assert not writes_of(through), through.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $14.48


@pytest.mark.xfail(
    strict=True,
    reason=(
        "fails at 'Add the shakers to my cart.' "
        "(see this conversation's bullet in the module docstring)"
    ),
)
async def test_candle_holder_then_shakers_added_no_i_asked_about_candle_holder_swap_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    holder = await shopper.say("How much is the candle holder?")
    assert "$18.99" in holder.text, holder.text
    assert not writes_of(holder), holder.tool_calls

    shakers = await shopper.say("And the salt and pepper shakers?")
    assert "$18.49" in shakers.text, shakers.text
    assert not writes_of(shakers), shakers.tool_calls

    await shopper.say("Add the shakers to my cart.")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say(
        "No wait, I asked about the candle holder - that's the one I want, not the shakers. "
        "Swap them."
    )
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    done = await shopper.say("What did you just do?")
    text = done.text.lower()
    assert "candle holder" in text and "shaker" in text, done.text
    assert not writes_of(done), done.tool_calls

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $18.99
    assert not writes_of(total), total.tool_calls

    euros = await shopper.say("Say that again in euros.")
    await assert_says_price(euros, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_watch_alert_under_100_did_that_go_through_are_you_sure_sunglasses_pounds_add(
    shopper: Conversation, services: AgentServices
) -> None:
    alert = await shopper.say("Let me know if the watch drops below 100 dollars.")
    assert_alert(alert, "Watch", "USD", 100)
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts

    through = await shopper.say("Did that go through?")
    assert "watch" in through.text.lower() and "$100" in through.text, through.text
    assert not writes_of(through), through.tool_calls
    assert await alerts_of(services) == alerts

    at = await shopper.say("What price did you set it at again?")
    assert "$100" in at.text, at.text
    assert not writes_of(at), at.tool_calls

    sure = await shopper.say("Are you sure the watch is $109.99 right now?")
    assert "$109.99" in sure.text, sure.text
    assert not writes_of(sure), sure.tool_calls

    sunglasses = await shopper.say("How much are the sunglasses?")
    assert "$19.99" in sunglasses.text, sunglasses.text
    assert not writes_of(sunglasses), sunglasses.tool_calls

    pounds = await shopper.say("That's not what I asked - I meant in pounds.")
    await assert_says_price(pounds, services, {SUNGLASSES: 1}, "GBP")

    await shopper.say("Add them to my cart.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_black_things_just_names_cheapest_first_add_the_second_thought_sunglasses_cheaper(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("What do you have in black?")
    names = shown_names(black)
    assert set(names[: len(BLACK)]) == BLACK, names
    assert not writes_of(black), black.tool_calls

    just = await shopper.say("Just the names please.")
    assert_just_names(just, BLACK)

    again = await shopper.say("List them again, cheapest first.")
    assert_cheapest_first(again, BLACK)  # mug, tank top, sunglasses, hairdryer
    assert not writes_of(again), again.tool_calls

    await shopper.say("Add the second one.")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart  # the second of the cheapest-first list

    added = await shopper.say("What did you just add?")
    assert "Tank Top" in added.text, added.text
    assert not writes_of(added), added.tool_calls

    thought = await shopper.say("Wait, I thought the sunglasses were cheaper than the tank top?")
    assert "$19.99" in thought.text and "$18.99" in thought.text, thought.text
    assert not writes_of(thought), thought.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_loafers_and_two_hairdryers_how_many_only_one_why_so_high_repeat_total_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the loafers and two hairdryers.")
    assert await cart_of(services) == {LOAFERS: 1, HAIRDRYER: 2}

    many = await shopper.say("How many hairdryers did you put in?")
    assert says_count(many, 2, "two"), many.text
    assert not writes_of(many), many.tool_calls

    await shopper.say("Hmm, I only need one hairdryer actually.")
    cart = {LOAFERS: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    high = await shopper.say("Why is my total so high?")
    assert "loafers" in high.text.lower() and "$89.99" in high.text, high.text
    assert not writes_of(high), high.tool_calls

    repeat = await shopper.say("Can you repeat the total?")
    assert usd_total(cart) in repeat.text, repeat.text  # $114.98
    assert not writes_of(repeat), repeat.tool_calls

    euros = await shopper.say("Say that again in euros.")
    await assert_says_price(euros, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $114.98


async def test_under_20_cheapest_first_add_the_one_under_ten_asked_how_many_what_else_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("What's there under 20 dollars?")
    assert set(shown_names(under)) == UNDER_20, shown_names(under)
    assert not writes_of(under), under.tool_calls

    again = await shopper.say("List them again, cheapest first.")
    assert_cheapest_first(again, UNDER_20)
    assert not writes_of(again), again.tool_calls

    which = await shopper.say("Add the one that was under ten dollars.")
    assert_asked(which)  # the jar ($5.49) or the mug ($8.99)?
    assert await cart_of(services) == {}

    await shopper.say("The cheaper one.")
    cart = {JAR: 1}
    assert await cart_of(services) == cart

    many = await shopper.say("How many jars did you put in?")
    assert says_count(many, 1, "one"), many.text
    assert not writes_of(many), many.tool_calls

    other = await shopper.say("What else was under ten dollars?")
    assert "Mug" in other.text and "$8.99" in other.text, other.text
    assert not writes_of(other), other.tool_calls
    assert await cart_of(services) == cart

    cad = await shopper.say("How much is the jar in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $5.49
