"""A forty-first set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products were
shown and which were NOT, quantities, currencies and alert targets, what the cart and the alerts
hold afterwards) and the essential facts of its answers, not their wording. Their theme is
negation, exclusion and constraints, six to eight turns each: searches that leave things out
("Show me something under 20 dollars that isn't black.": the candle holder, the shakers and the
jar, no black thing; "Anything but kitchen stuff.": the six others, no kitchen thing; "Show me
accessories, not the watch.": the sunglasses alone; "What do you have that's not in
accessories?": the seven others; "Any gifts without a price over 25 dollars?": the seven at
$24.99 or less, not the watch nor the loafers); a search for what the shop does not have ("Not
the loafers - what other footwear do you have?": there is none, say so, pass nothing off as
footwear); picks by exclusion ("Which of those is the most expensive that isn't the watch?": the
loafers at $89.99; "Which is the cheapest one that isn't a mug?" of the black things: the tank
top at $18.99; "Add the cheapest one that isn't a mug."); cart changes by exclusion and
correction ("Add everything except the mug.", "Remove everything except the jar.", "I don't
need the sunglasses anymore.", "Sorry, not two - three.", "Put two mugs in. Actually no, not
two - three.", "Add two of them. No - not two, just one.", "No, not that one - the glass jar."
right after the black one was added, "No, not that one." right after the mug was added: the
mug out and nothing guessed in its place); questions that must write nothing ("Don't add them
yet, just tell me the price in euros.", "How much is the mug? Don't add it, just the price.",
"Don't add anything yet - what would two more jars come to?"); currency corrections ("Hmm, no,
not in euros - in pounds." for one answer, "No, not in euros - in pounds, from now on." for
good); style statements that must be recorded as dislikes and then respected ("I don't want
anything black, ever.", "And nothing shiny please, either.", "Never show me gold things.": no
black thing under $20 afterwards, no watch among the accessories or under $150); and "No alerts
for now, just the cart." (the cart, no alert listing). Three requests are genuinely ambiguous
and must be asked about, nothing written: "Not the jar - add the other one." after three
products were shown, "Hmm, take the black one out." with the tank top and the sunglasses (both
black) in the cart, and "Take one of them out - not the mug." with the sunglasses, the
hairdryer and the mug in the cart. Every conversation ends with a check of the cart (product id
-> quantity) in Online Boutique and of the alerts. Conversions are computed in the test by the
shop's currency service (the embedded one, over its EUR-based rate table): the total converted,
or its lines (or unit prices) converted and added up, any of which the answer may show.

First run: 0 of 12 passed. One expectation was the test's own mistake and was fixed: the words
by which an answer says the shop has no other footwear left out "That's all I have ... you've
seen every match", which says so (that conversation still fails at a later turn). The twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run):
- "Show me something under 20 dollars that isn't black." called search_products(query="black",
  max_price="20", price_currency="USD") ("Here are 3 products: Mug ($8.99), Sunglasses ($19.99)
  and Tank Top ($18.99).") instead of the three that are not black: Candle Holder, Salt & Pepper
  Shakers and Bamboo Glass Jar;
- "What have you got? Anything but kitchen stuff." called search_products() and
  search_products(query="kitchen", category="kitchen") ("9 products match: ... 3 products match:
  Salt & Pepper Shakers ($18.49), Bamboo Glass Jar ($5.49) and Mug ($8.99).") instead of the six
  that are not kitchen things, none of the kitchen ones;
- "What do you have that's not in accessories?" called search_products(query="accessories",
  category="accessories") ("Here are 2 products: Sunglasses ($19.99) and Watch ($109.99).")
  instead of the seven products outside accessories;
- "What can I get for under 20 dollars?" (after "I don't want anything black, ever." rightly
  recorded black as a dislike) called search_products(max_price="20", price_currency="USD") and
  showed six, the black Sunglasses, Tank Top and Mug among them ("... Sunglasses clashes with
  your dislike of black.") instead of only the candle holder, the shakers and the jar;
- "Don't add anything yet - what would two more jars come to?" (after "Remove everything except
  the jar." rightly removed the other three lines) called get_product_details(product="yet")
  (failed) and get_product_details(product="jars") ("I couldn't find a product matching 'yet'
  ... Bamboo Glass Jar costs $5.49. ...") instead of quoting $16.47 for three jars (or $10.98
  for the two), nothing written;
- "Okay, how much are the loafers in euros? Don't add them yet." (after the loafers shown and
  "Not the loafers - what other footwear do you have?" rightly answered: none) called
  set_display_currency(EUR, just_this_answer), get_product_details("loafers"),
  add_to_cart(product="L9ECAV7KIM") and add_to_cart(product="yet") (failed) ("Loafers costs
  €79.60. ... Added 1 × Loafers to your cart. ...") instead of giving €79.60 and adding nothing;
- "Any gifts without a price over 25 dollars?" called search_products(query="gifts without",
  min_price="25", price_currency="USD") ("Nothing matched "gifts without" exactly, but these fit
  your budget: Watch ($109.99) and Loafers ($89.99).") instead of the seven at $25 or less, and
  not the watch nor the loafers;
- "Which is the cheapest one that isn't a mug?" (after the four black things, rightly shown)
  called search_products(among=["6E92ZMYYFZ", "mug"], sort="price_asc") ("I don't know your
  style yet, so I can't say whether Mug suits you. ...") instead of answering the Tank Top at
  $18.99, nothing written;
- "Put two mugs in. Actually no, not two - three." (after the watch alert at $100 and "I don't
  need the sunglasses anymore." rightly done) called add_to_cart(product="mugs", quantity=2)
  ("Added 2 × Mug to your cart. ...") instead of adding three mugs;
- "Never show me gold things." called search_products(query="never gold") ("Sorry, I don't have
  anything for "never". The closest I have: Watch ($109.99).") instead of recording gold as a
  dislike (and showing no gold thing);
- "No, not in euros - in pounds, from now on." (after euros from now on, rightly set) called no
  tool ("No problem. Anything else I can help you find?") instead of setting pounds as the
  display currency for good;
- "What's good for the kitchen?" called get_product_details(product="kitchen") (refused as
  ambiguous: "Did you mean Salt & Pepper Shakers or Bamboo Glass Jar or Mug?") instead of
  showing the three kitchen products.

Worked on since (the same session), by general rules: "... that isn't black", "that's not in
accessories", "anything but kitchen stuff", "accessories, not the watch" leave those out of
the search (`search_products(without=...)` for colours, materials and categories, `exclude`
for products), and "the cheapest one that isn't a mug" ranks the others shown; "without a price
over 25" is at most 25; "never show me gold things" is a dislike; "don't add it yet, just the
price" and "I'm not buying it" write nothing; "not two - three" is three; "no, not in euros -
in pounds" asks that again in pounds (for good when "from now on" is said); "nothing shiny
please, either" dislikes shiny; "what's good for the kitchen?" shows the kitchen; "what would
two more jars come to?" quotes the cart, and "okay, add them" makes that change; "no alerts for
now, just the cart" shows the cart only; "take the black one out" with two black lines asks
which; "no, not that one" right after an add takes it out and asks which instead ("the
shakers" then adds them). Then a dislike said as never to be shown ("never show me gold
things", "I don't want anything black, ever", "nothing shiny") is kept in the style profile
(`StyleProfile.never`, `record_style_preferences(never=...)`) and left out of browsing, of
category lists and of "what else under 20?" too, unless asked for by that very word; "add the
cheapest one that isn't a mug" picks among the others. 12 of 12 pass.
"""

from __future__ import annotations

from typing import Any

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
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    amounts_in,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    result_of,
    said_no,
    says_amount,
    shown_names,
    switched_for_good,
    switched_to,
    tastes_said,
    tools_of,
    usd_total,
    writes_of,
)

#: Words by which an answer says the shop has no (other) such thing.
_NONE = (
    "only", "no other", "don't have", "do not have", "don't carry", "do not carry", "none",
    "nothing else", "no more", "not have", "aren't any", "isn't any", "there are no",
    "there is no", "no further", "don't sell", "do not sell", "just the one", "just one",
    "that's all", "all i have", "all we have", "every match",
)  # fmt: skip
NONE_WORDS = tuple({w for base in _NONE for w in (base, base.replace("'", "\u2019"))})

EVERYTHING = set(ID)
NOT_KITCHEN = EVERYTHING - KITCHEN
NOT_ACCESSORIES = EVERYTHING - {"Sunglasses", "Watch"}
UNDER_20_NOT_BLACK = {"Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar"}
AT_MOST_25 = EVERYTHING - {"Watch", "Loafers"}  # the Hairdryer is $24.99
NOT_GOLD = EVERYTHING - {"Watch"}  # the watch's case is gold-tone


def all_shown(turn: Turn) -> set[str]:
    """The names of every product any (ok) tool showed or described this turn."""
    names: set[str] = set()
    for _, result in turn.tool_results:
        if result.get("status") != "ok":
            continue
        for product in result.get("products") or []:
            names.add(product["name"])
        single: Any = result.get("product")
        if isinstance(single, dict) and single.get("name"):
            names.add(single["name"])
    return names


async def test_under_20_not_black_not_the_jar_other_one_asked_candle_two_jars_not_two_three(
    shopper: Conversation, services: AgentServices
) -> None:
    search = await shopper.say("Show me something under 20 dollars that isn't black.")
    assert set(shown_names(search)) == UNDER_20_NOT_BLACK, shown_names(search)
    assert not all_shown(search) & BLACK, all_shown(search)
    assert not writes_of(search), search.tool_calls

    which = await shopper.say("Not the jar - add the other one.")
    assert_asked(which)  # the candle holder or the shakers?
    assert await cart_of(services) == {}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("And two bamboo jars.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, JAR: 2}

    await shopper.say("Sorry, not two - three.")
    cart = {CANDLE_HOLDER: 1, JAR: 3}
    assert await cart_of(services) == cart  # three in all, not five

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $35.46

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $35.46


async def test_anything_but_kitchen_priciest_not_watch_price_in_euros_accessories_not_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    browse = await shopper.say("What have you got? Anything but kitchen stuff.")
    assert set(shown_names(browse)) == NOT_KITCHEN, shown_names(browse)
    assert not all_shown(browse) & KITCHEN, all_shown(browse)
    assert not writes_of(browse), browse.tool_calls

    priciest = await shopper.say("Which of those is the most expensive that isn't the watch?")
    assert "loafers" in priciest.text.lower(), priciest.text
    assert "$89.99" in priciest.text, priciest.text
    assert not writes_of(priciest), priciest.tool_calls

    euros = await shopper.say("Don't add them yet, just tell me the price in euros.")
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99
    assert await cart_of(services) == {}

    accessories = await shopper.say("Okay. Show me accessories, not the watch.")
    assert shown_names(accessories) == ["Sunglasses"], shown_names(accessories)
    assert "Watch" not in all_shown(accessories), all_shown(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    await shopper.say("Put them in my cart.")
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("Actually, I don't need the sunglasses anymore.")
    assert await cart_of(services) == {}

    await shopper.say("Add the loafers instead.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $89.99


async def test_not_in_accessories_kitchen_everything_except_mug_mug_price_not_euros_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    others = await shopper.say("What do you have that's not in accessories?")
    assert set(shown_names(others)) == NOT_ACCESSORIES, shown_names(others)
    assert not all_shown(others) & {"Sunglasses", "Watch"}, all_shown(others)
    assert not writes_of(others), others.tool_calls

    kitchen = await shopper.say("Just the kitchen things, please.")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add everything except the mug.")
    cart = {SHAKERS: 1, JAR: 1}
    assert await cart_of(services) == cart

    price = await shopper.say("How much is the mug, by the way? Don't add it, just the price.")
    assert "$8.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls
    assert await cart_of(services) == cart

    euros = await shopper.say("What's that in euros?")
    await assert_says_price(euros, services, {MUG: 1}, "EUR")  # $8.99

    pounds = await shopper.say("Hmm, no, not in euros - in pounds.")
    await assert_says_price(pounds, services, {MUG: 1}, "GBP")  # $8.99
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.98


async def test_nothing_black_ever_under_20_nothing_shiny_two_jars_hairdryer_price_only_style(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("I don't want anything black, ever.")
    likes, dislikes = tastes_said(black)
    assert "black" in dislikes and "black" not in likes, black.tool_calls
    assert await cart_of(services) == {}

    cheap = await shopper.say("What can I get for under 20 dollars?")
    assert set(shown_names(cheap)) == UNDER_20_NOT_BLACK, shown_names(cheap)
    assert not all_shown(cheap) & BLACK, all_shown(cheap)
    assert not writes_of(cheap), cheap.tool_calls

    shiny = await shopper.say("And nothing shiny please, either.")
    likes, dislikes = tastes_said(shiny)
    assert "shiny" in dislikes and "shiny" not in likes, shiny.tool_calls
    assert await cart_of(services) == {}

    await shopper.say("Add the bamboo jar, two of them.")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    price = await shopper.say("How much is the hairdryer? Just the price, I'm not buying it.")
    assert "$24.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls
    assert await cart_of(services) == cart

    style = await shopper.say("What do you know about my style now?")
    profile = result_of(style, "show_style_profile")["profile"]
    assert "black" in profile["dislikes"] and "black" not in profile["likes"], profile
    assert not writes_of(style), style.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $10.98


async def test_mug_jar_shakers_tank_top_total_remove_everything_except_jar_two_more_quoted(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put a mug, a bamboo glass jar and the salt and pepper shakers in my cart.")
    assert await cart_of(services) == {MUG: 1, JAR: 1, SHAKERS: 1}

    await shopper.say("And a tank top.")
    full = {MUG: 1, JAR: 1, SHAKERS: 1, TANK_TOP: 1}
    assert await cart_of(services) == full

    total = await shopper.say("What's my total?")
    assert usd_total(full) in total.text, total.text  # $51.96
    assert not writes_of(total), total.tool_calls

    await shopper.say("Too much. Remove everything except the jar.")
    assert await cart_of(services) == {JAR: 1}

    quote = await shopper.say("Don't add anything yet - what would two more jars come to?")
    # three jars in all ($16.47), or the two more on their own ($10.98)
    assert "$16.47" in quote.text or "$10.98" in quote.text, quote.text
    assert not writes_of(quote), quote.tool_calls
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("Okay, add them.")
    cart = {JAR: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $16.47


async def test_shoes_not_the_loafers_other_footwear_none_euros_add_never_gold_no_alerts_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    shoes = await shopper.say("Do you sell shoes?")
    assert shown_names(shoes)[0] == "Loafers", shown_names(shoes)
    assert not writes_of(shoes), shoes.tool_calls

    other = await shopper.say("Not the loafers - what other footwear do you have?")
    assert said_no(other, NONE_WORDS), other.text  # the loafers are the only footwear
    assert all_shown(other) <= {"Loafers"}, all_shown(other)  # nothing passed off as shoes
    assert not writes_of(other), other.tool_calls

    euros = await shopper.say("Okay, how much are the loafers in euros? Don't add them yet.")
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99
    assert await cart_of(services) == {}

    await shopper.say("Alright, add them.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    gold = await shopper.say("Never show me gold things.")
    likes, dislikes = tastes_said(gold)
    assert "gold" in dislikes and "gold" not in likes, gold.tool_calls
    assert await cart_of(services) == cart

    accessories = await shopper.say("What accessories do you have?")
    assert "Sunglasses" in shown_names(accessories), shown_names(accessories)
    assert "Watch" not in all_shown(accessories), all_shown(accessories)  # gold-tone
    assert not writes_of(accessories), accessories.tool_calls

    final = await shopper.say("No alerts for now - just show me the cart.")
    assert "list_price_alerts" not in tools_of(final), final.tool_calls
    await assert_final_cart(final, services, cart)  # $89.99


async def test_gifts_nothing_over_25_tank_top_sunglasses_take_black_one_out_asked_yen_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    gifts = await shopper.say("Any gifts without a price over 25 dollars?")
    assert set(shown_names(gifts)) == AT_MOST_25, shown_names(gifts)
    assert not all_shown(gifts) & {"Watch", "Loafers"}, all_shown(gifts)
    assert not writes_of(gifts), gifts.tool_calls

    await shopper.say("Add the tank top and the sunglasses.")
    assert await cart_of(services) == {TANK_TOP: 1, SUNGLASSES: 1}

    which = await shopper.say("Hmm, take the black one out.")
    assert_asked(which)  # both are black: which?
    assert await cart_of(services) == {TANK_TOP: 1, SUNGLASSES: 1}

    await shopper.say("The tank top.")
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("Add the candle holder as well.")
    cart = {SUNGLASSES: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $38.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $38.98


async def test_black_things_cheapest_not_a_mug_pounds_add_kitchen_black_one_no_not_that_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("What do you have in black?")
    names = shown_names(black)
    assert set(names[: len(BLACK)]) == BLACK, names
    assert not writes_of(black), black.tool_calls

    cheapest = await shopper.say("Which is the cheapest one that isn't a mug?")
    assert "tank top" in cheapest.text.lower(), cheapest.text
    assert "$18.99" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    pounds = await shopper.say("Don't add it yet, just tell me the price in pounds.")
    await assert_says_price(pounds, services, {TANK_TOP: 1}, "GBP")  # $18.99
    assert await cart_of(services) == {}

    await shopper.say("Add it.")
    assert await cart_of(services) == {TANK_TOP: 1}

    kitchen = await shopper.say("Now show me something for the kitchen.")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add the black one.")
    assert await cart_of(services) == {TANK_TOP: 1, MUG: 1}  # the only black kitchen thing

    await shopper.say("No, not that one - the glass jar.")
    cart = {TANK_TOP: 1, JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $24.48


async def test_two_sunglasses_watch_alert_dont_need_sunglasses_not_two_three_mugs_euros_cancel(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add two pairs of sunglasses and a watch.")
    assert await cart_of(services) == {SUNGLASSES: 2, WATCH: 1}

    alert = await shopper.say("Let me know if the watch drops below 100 dollars.")
    assert_alert(alert, "Watch", "USD", 100)
    assert await alerts_of(services) == {("Watch", "USD", 100)}
    assert await cart_of(services) == {SUNGLASSES: 2, WATCH: 1}

    await shopper.say("I don't need the sunglasses anymore.")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("Put two mugs in. Actually no, not two - three.")
    cart = {WATCH: 1, MUG: 3}
    assert await cart_of(services) == cart

    euros = await shopper.say("Not in dollars - what's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $136.96

    cancel = await shopper.say("Cancel my watch alert, I'm buying it anyway.")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert await alerts_of(services) == set()
    assert await cart_of(services) == cart

    final = await shopper.say("No alerts for now, just the cart.")
    assert "list_price_alerts" not in tools_of(final), final.tool_calls
    await assert_final_cart(final, services, cart)  # $136.96


async def test_never_gold_under_150_sunglasses_hairdryer_mug_one_out_not_mug_asked_cad_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    gold = await shopper.say("Never show me gold things.")
    likes, dislikes = tastes_said(gold)
    assert "gold" in dislikes and "gold" not in likes, gold.tool_calls
    assert await cart_of(services) == {}

    browse = await shopper.say("What can I get for under 150 dollars?")
    assert set(shown_names(browse)) == NOT_GOLD, shown_names(browse)
    assert "Watch" not in all_shown(browse), all_shown(browse)
    assert not writes_of(browse), browse.tool_calls

    await shopper.say("Add the sunglasses and the hairdryer.")
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1}

    await shopper.say("And the mug.")
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1, MUG: 1}

    which = await shopper.say("Take one of them out - not the mug.")
    assert_asked(which)  # the sunglasses or the hairdryer?
    assert await cart_of(services) == {SUNGLASSES: 1, HAIRDRYER: 1, MUG: 1}

    await shopper.say("The hairdryer.")
    cart = {SUNGLASSES: 1, MUG: 1}
    assert await cart_of(services) == cart

    cad = await shopper.say("How much are they in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $28.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $28.98


async def test_euros_no_pounds_for_good_candle_holder_not_two_one_home_not_candle_shakers_usd(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Show me prices in euros from now on.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    pounds = await shopper.say("No, not in euros - in pounds, from now on.")
    assert switched_for_good(pounds, "GBP"), pounds.tool_calls
    assert not writes_of(pounds), pounds.tool_calls

    price = await shopper.say("How much is the candle holder?")
    candidates = await amounts_in(services, {CANDLE_HOLDER: 1}, "GBP")  # $18.99
    assert any(says_amount(price.text, c) for c in candidates), (candidates, price.text)
    assert not writes_of(price), price.tool_calls

    await shopper.say("Add two of them. No - not two, just one.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    home = await shopper.say("Anything else for the home that isn't a candle holder?")
    assert "Candle Holder" not in all_shown(home), all_shown(home)
    assert not writes_of(home), home.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("Add the salt and pepper shakers.")
    cart = {CANDLE_HOLDER: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Back to dollars, please, and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $37.48


async def test_kitchen_mug_no_not_that_one_shakers_nothing_black_else_under_20_cheapest_not_mug(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("What's good for the kitchen?")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add the mug.")
    assert await cart_of(services) == {MUG: 1}

    undo = await shopper.say("No, not that one.")
    assert await cart_of(services) == {}  # the mug out, nothing guessed in its place
    assert "add_to_cart" not in tools_of(undo), undo.tool_calls
    assert "?" in undo.text, undo.text  # the jar or the shakers, then?

    await shopper.say("The shakers.")
    assert await cart_of(services) == {SHAKERS: 1}

    black = await shopper.say("I don't want anything black, by the way.")
    likes, dislikes = tastes_said(black)
    assert "black" in dislikes and "black" not in likes, black.tool_calls
    assert await cart_of(services) == {SHAKERS: 1}

    other = await shopper.say("What else do you have under 20 dollars?")
    names = set(shown_names(other))
    assert {"Candle Holder", "Bamboo Glass Jar"} <= names <= UNDER_20_NOT_BLACK, names
    assert not all_shown(other) & BLACK, all_shown(other)
    assert not writes_of(other), other.tool_calls

    await shopper.say("Add the cheapest one that isn't a mug.")
    cart = {SHAKERS: 1, JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.98
