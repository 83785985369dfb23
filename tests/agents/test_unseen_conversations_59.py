"""A fifty-ninth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, that nothing is written on a
question or an unclear request, currencies and alert targets, what the cart and the alerts hold
afterwards) and the essential facts of its answers (names, exact prices, totals), not their
wording. Their theme is shoppers who type with emoji and symbols standing for words, as people
do in chat apps, six to eight turns each, mixed with plain words: "2x ☕ mugs pls", "👍 add it"
(after one product was shown), "😍😍 add 2", "👍 x3", "x3 jars", "jar ×2", "➕ one more mug",
"➖ one mug", "❌ remove the shakers", "→ swap the mug for the jar", "🛒?" (show my cart),
"💰 total?", "€?" right after the total (that total in euros), "£ pls" right after the
sunglasses were added (their price in pounds), "total in ¥ too", "❤️ the watch 😍 how much?"
(a liking and a price question, nothing added), "$$$ too much 😩" (nothing written), "🔔 when the
loafers < $80" and "🔔 sunglasses < €15" (alerts), "🤔 which is cheaper, mug or jar?", "👎 not
that one, next cheapest?", "👀 show me sunglasses", "anything @ 18.99?" (the tank top and the
candle holder), "shakers @ 18.49?" (yes, $18.49), "🤔 total if I add the watch?" then "✅ yes, do
it", "🙏 thanks". Prices in another currency are asked in passing (the display currency is not
changed for good). Three requests are genuinely ambiguous and must be asked about, nothing
written: "👍 add it" after the three kitchen products were shown, "➖ one" with two jars and a
mug in the cart, and "→ swap it for the jar" right after the mug and the shakers were added
together. Every conversation ends with a check of the cart (product id -> quantity) in Online
Boutique and its total in dollars, and of the alerts where any were set. Conversions are
computed in the test by the shop's currency service (the embedded one, over its EUR-based rate
table): the total converted, or its lines (or unit prices) converted and added up, any of which
the answer may show.

First run: 1 of 12 passed (the kitchen conversation: "👍 add it" after the three kitchen
products rightly asked which). No expectation was found to be the test's own mistake; the eleven
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the set, which failed at the
same turns):
- "➖ one mug" (after "2x ☕ mugs pls", "➕ one more mug" and "jar ×2", all rightly done: three
  mugs, two jars) called add_to_cart(product="mug", quantity=1) ("Added 1 × Mug to your cart.
  ... 4 × Mug and 2 × Bamboo Glass Jar. Total: $46.94.") instead of taking one mug out (two
  left);
- "£ pls" right after the sunglasses were added called set_display_currency(currency="GBP")
  for good ("Done: I'll show prices in GBP from now on.") and stated no price, instead of giving
  the sunglasses' price in pounds, £15.20, in passing;
- "❤️ the watch 😍 how much?" called record_style_preferences(likes=["watch"]) ("Noted: you
  like watch.") and never gave the price, instead of answering $109.99 (nothing added);
- "➖ one" with two jars and a mug in the cart (after "🤔 which is cheaper, mug or jar?" rightly
  answered the jar at $5.49, "👍 that one, x2" and "☕ mug too" rightly added) called
  set_cart_quantity(product="6E92ZMYYFZ", quantity=1) ("Updated Mug to 1. ... Total: $19.97.")
  instead of asking which, with nothing written;
- "the mug" answering which to swap for the jar (after "→ swap it for the jar" with the mug and
  the shakers just added rightly asked: "Take one out of which: Mug or Salt & Pepper
  Shakers?") called remove_from_cart(product="6E92ZMYYFZ") only ("Removed Mug from your cart.
  ... 1 × Salt & Pepper Shakers. Total: $18.49.") instead of swapping the mug for the jar
  (shakers and a jar);
- "$$$ 😬 🔔 me when the loafers < $80" (after "👀 loafers?" rightly showed them at $89.99)
  called search_products(query="loafers", max_price="80", price_currency="USD") ("I couldn't
  find any loafers under $80.00.") instead of making a loafers alert at $80;
- "➖ one mug" (after the two mugs and a jar, the watch at $109.99, "🤔 total if I add the
  watch?" rightly quoted at $133.46, "✅ yes, do it" adding the watch and the total in pounds,
  £101.49, all rightly done) called add_to_cart(product="mug", quantity=1) ("Added 1 × Mug
  ... 3 × Mug ... Total: $142.45.") instead of taking one mug out;
- "🔔 when the hairdryer < $20" (after the hairdryer and two candle holders, €55.70, and "$$$
  too much → ❌ remove the hairdryer", all rightly done) called add_to_cart(product=
  "hairdryer", quantity=1) ("Added 1 × Hairdryer to your cart. ... Total: $62.97.") instead of
  making a hairdryer alert at $20 with the cart left alone;
- "🔔 sunglasses < €15" (after two tank tops and the sunglasses, rightly added) called
  add_to_cart(product="sunglasses", quantity=1) ("Added 1 × Sunglasses to your cart. ...
  Total: $77.96.") instead of making a sunglasses alert at €15 with the cart left alone;
- "👎 not that one, next cheapest?" (after "🤔 cheapest thing in the kitchen?" rightly showed
  the Bamboo Glass Jar at $5.49) called search_products(sort="price_asc", limit=1) ("Here's
  one: Bamboo Glass Jar ($5.49).") instead of showing the next cheapest kitchen product, the
  Mug at $8.99;
- "☕ mug pls" called search_products(query="coffee mug") ("One product fits: Mug ($8.99).")
  instead of adding a mug.

Worked on since by general rules (the same session), 4 of 12 pass: more emoji are read as
words ("➕" add, "➖" remove, "🔔" alert me, "👀" show me, "🔁" / "→" swap; "🤔", "😬" dropped).
The eight still failing are marked xfail (strict): "£ pls" right after an add (read as a
switch for good), "➖ one" with two lines (asked,
not guessed), "the mug" answering "swap which?" and "$$$ 😬 🔔 me when ...".

Later (2026-11-28), 6 of 12 pass: "👎 not that one, next cheapest?" is the next one up in price
from the one shown ("next cheapest?", "next one up?" with no product named), and "❤️ the watch
😍 how much?" is a liking and the watch's price ("I love the watch, how much is it?": a short
price question after a liking asks apart, of the one liked).
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
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_nothing_changed,
    assert_says_price,
    cart_of,
    changes_cart,
    listed_alerts,
    shown_names,
    understood,
    usd_total,
    writes_of,
)


async def test_2x_coffee_mugs_plus_one_jar_x2_minus_one_mug_total_euros_thanks_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("2x ☕ mugs pls")
    assert await cart_of(services) == {MUG: 2}
    assert "Mug" in mugs.text, mugs.text

    await shopper.say("➕ one more mug")
    assert await cart_of(services) == {MUG: 3}

    await shopper.say("jar ×2")
    assert await cart_of(services) == {MUG: 3, JAR: 2}

    await shopper.say("➖ one mug")
    cart = {MUG: 2, JAR: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("💰 total?")
    assert usd_total(cart) in total.text, total.text  # $28.96
    assert not writes_of(total), total.tool_calls

    euros = await shopper.say("€?")
    await assert_says_price(euros, services, cart, "EUR")  # $28.96 in euros

    thanks = await shopper.say("🙏 thanks")
    assert understood(thanks), thanks.text
    assert not writes_of(thanks), thanks.tool_calls
    await assert_nothing_changed(services, cart)

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $28.96


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_show_me_sunglasses_thumbs_up_add_it_pounds_x3_jars_remove_sunglasses_total(
    shopper: Conversation, services: AgentServices
) -> None:
    shades = await shopper.say("👀 show me sunglasses")
    assert shown_names(shades)[0] == "Sunglasses", shown_names(shades)
    assert "$19.99" in shades.text, shades.text
    assert not writes_of(shades), shades.tool_calls

    await shopper.say("👍 add it")
    assert await cart_of(services) == {SUNGLASSES: 1}

    pounds = await shopper.say("£ pls")
    await assert_says_price(pounds, services, {SUNGLASSES: 1}, "GBP")  # $19.99 in pounds
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("x3 jars")
    assert await cart_of(services) == {SUNGLASSES: 1, JAR: 3}

    await shopper.say("❌ remove the sunglasses")
    cart = {JAR: 3}
    assert await cart_of(services) == cart

    total = await shopper.say("💰 total?")
    assert usd_total(cart) in total.text, total.text  # $16.47
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $16.47


async def test_love_the_watch_how_much_too_much_alert_under_100_sunglasses_add_2_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("❤️ the watch 😍 how much?")
    assert "$109.99" in watch.text, watch.text
    assert not changes_cart(watch), watch.tool_calls  # a liking, not an add
    await assert_nothing_changed(services, {})

    dear = await shopper.say("$$$ too much 😩")
    assert understood(dear), dear.text
    assert not writes_of(dear), dear.tool_calls
    await assert_nothing_changed(services, {})

    alert = await shopper.say("🔔 me when it's < $100")
    assert_alert(alert, "Watch", "USD", 100)
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    shades = await shopper.say("👀 sunglasses?")
    assert shown_names(shades)[0] == "Sunglasses", shown_names(shades)
    assert "$19.99" in shades.text, shades.text
    assert not writes_of(shades), shades.tool_calls

    await shopper.say("😍😍 add 2")
    cart = {SUNGLASSES: 2}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    euros = await shopper.say("total in €?")
    await assert_says_price(euros, services, cart, "EUR")  # $39.98 in euros

    final = await shopper.say("🛒 + my 🔔 alerts?")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $39.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_which_is_cheaper_mug_or_jar_that_one_x2_mug_too_minus_one_asked_the_jar_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    cheaper = await shopper.say("🤔 which is cheaper, mug or jar?")
    assert "jar" in cheaper.text.lower(), cheaper.text
    assert "$5.49" in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls
    await assert_nothing_changed(services, {})

    await shopper.say("👍 that one, x2")
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("☕ mug too")
    assert await cart_of(services) == {JAR: 2, MUG: 1}

    which = await shopper.say("➖ one")
    assert_asked(which)  # one jar fewer, or the mug out?
    await assert_nothing_changed(services, {JAR: 2, MUG: 1})

    await shopper.say("the jar")
    cart = {JAR: 1, MUG: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("💰 total in € pls")
    await assert_says_price(euros, services, cart, "EUR")  # $14.48 in euros

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $14.48


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_mug_and_shakers_swap_it_asked_the_mug_total_swap_shakers_candle_pounds_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("☕ mug + 🧂 shakers pls")
    assert await cart_of(services) == {MUG: 1, SHAKERS: 1}

    which = await shopper.say("→ swap it for the jar")
    assert_asked(which)  # the mug or the shakers?
    await assert_nothing_changed(services, {MUG: 1, SHAKERS: 1})

    await shopper.say("the mug")
    cart = {SHAKERS: 1, JAR: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("💰 total?")
    assert usd_total(cart) in total.text, total.text  # $23.98
    assert not writes_of(total), total.tool_calls

    await shopper.say("→ swap the shakers for the candle holder")
    cart = {JAR: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("in £?")
    await assert_says_price(pounds, services, cart, "GBP")  # $24.48 in pounds

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $24.48


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_loafers_alert_under_80_anything_at_18_99_two_tops_pounds_minus_one_top_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("👀 loafers?")
    assert shown_names(loafers)[0] == "Loafers", shown_names(loafers)
    assert "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls

    alert = await shopper.say("$$$ 😬 🔔 me when the loafers < $80")
    assert_alert(alert, "Loafers", "USD", 80)
    alerts = {("Loafers", "USD", 80)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    same = await shopper.say("anything @ 18.99?")
    assert "Tank Top" in same.text and "Candle Holder" in same.text, same.text
    assert "$18.99" in same.text, same.text
    assert not writes_of(same), same.tool_calls

    await shopper.say("👍 the tank top, x2")
    assert await cart_of(services) == {TANK_TOP: 2}

    pounds = await shopper.say("total in £ pls")
    await assert_says_price(pounds, services, {TANK_TOP: 2}, "GBP")  # $37.98 in pounds

    await shopper.say("➖ 1 top")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("🛒 + my 🔔 alerts?")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $18.99


async def test_kitchen_stuff_add_it_asked_shakers_a_jar_too_remove_shakers_x4_jars_total(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("👀 kitchen stuff?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    which = await shopper.say("👍 add it")
    assert_asked(which)  # three were shown: which one?
    await assert_nothing_changed(services, {})

    await shopper.say("🧂 the shakers")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("➕ a jar too")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1}

    await shopper.say("❌ remove the shakers")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("make it x4 jars")
    cart = {JAR: 4}
    assert await cart_of(services) == cart

    total = await shopper.say("💰 total? 🙏")
    assert usd_total(cart) in total.text, total.text  # $21.96
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $21.96


async def test_two_mugs_and_a_jar_watch_price_total_if_i_add_it_yes_do_it_pounds_minus_mug(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("2x ☕ mugs + 1 jar pls")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    watch = await shopper.say("💰 the watch?")
    assert "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    quote = await shopper.say("🤔 total if I add the watch?")
    assert "$133.46" in quote.text, quote.text  # $17.98 + $5.49 + $109.99
    assert not writes_of(quote), quote.tool_calls
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    await shopper.say("✅ yes, do it")
    cart = {MUG: 2, JAR: 1, WATCH: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("total in £?")
    await assert_says_price(pounds, services, cart, "GBP")  # $133.46 in pounds

    await shopper.say("➖ one mug")
    cart = {MUG: 1, JAR: 1, WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $124.47


async def test_hairdryer_add_it_two_candle_holders_euros_too_much_remove_it_alert_under_20(
    shopper: Conversation, services: AgentServices
) -> None:
    dryer = await shopper.say("👀 hairdryer?")
    assert "Hairdryer" in dryer.text and "$24.99" in dryer.text, dryer.text
    assert not writes_of(dryer), dryer.tool_calls

    await shopper.say("😍 add it")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("🕯️ candle holder x2")
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    euros = await shopper.say("💰 total in €?")
    await assert_says_price(euros, services, cart, "EUR")  # $62.97 in euros

    await shopper.say("$$$ too much → ❌ remove the hairdryer")
    cart = {CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    alert = await shopper.say("🔔 when the hairdryer < $20")
    assert_alert(alert, "Hairdryer", "USD", 20)
    alerts = {("Hairdryer", "USD", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("🙏 thanks! 🛒 + my 🔔 alerts?")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $37.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_tops_add_2_sunglasses_alert_under_15_euros_minus_one_top_total_and_yen_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    tops = await shopper.say("👀 tops?")
    assert shown_names(tops)[0] == "Tank Top", shown_names(tops)
    assert "$18.99" in tops.text, tops.text
    assert not writes_of(tops), tops.tool_calls

    await shopper.say("😍😍 add 2")
    assert await cart_of(services) == {TANK_TOP: 2}

    await shopper.say("+ 🕶️ sunglasses")
    assert await cart_of(services) == {TANK_TOP: 2, SUNGLASSES: 1}

    alert = await shopper.say("🔔 sunglasses < €15")
    assert_alert(alert, "Sunglasses", "EUR", 15)
    alerts = {("Sunglasses", "EUR", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {TANK_TOP: 2, SUNGLASSES: 1}

    await shopper.say("➖ one top")
    cart = {TANK_TOP: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("💰 total? in ¥ too")
    assert usd_total(cart) in total.text, total.text  # $38.98
    await assert_says_price(total, services, cart, "JPY")

    final = await shopper.say("🛒 + my 🔔 alerts?")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $38.98


async def test_cheapest_kitchen_not_that_one_next_mug_x3_minus_one_shakers_at_18_49_add_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("🤔 cheapest thing in the kitchen?")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    following = await shopper.say("👎 not that one, next cheapest?")
    assert "Mug" in following.text and "$8.99" in following.text, following.text
    assert not writes_of(following), following.tool_calls
    await assert_nothing_changed(services, {})

    await shopper.say("👍 x3")
    assert await cart_of(services) == {MUG: 3}

    await shopper.say("➖ one mug")
    assert await cart_of(services) == {MUG: 2}

    shakers = await shopper.say("shakers @ 18.49?")
    assert "$18.49" in shakers.text, shakers.text
    assert not writes_of(shakers), shakers.tool_calls
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("👍 ➕ them")
    cart = {MUG: 2, SHAKERS: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("€ total?")
    await assert_says_price(euros, services, cart, "EUR")  # $36.47 in euros

    final = await shopper.say("🛒?")
    await assert_final_cart(final, services, cart)  # $36.47


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_mug_swap_the_mug_for_the_jar_two_more_jars_watch_alert_under_90_euros_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("☕ mug pls")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("→ swap the mug for the jar")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("➕ 2 more jars")
    assert await cart_of(services) == {JAR: 3}

    watch = await shopper.say("👀 watch")
    assert "Watch" in watch.text and "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    alert = await shopper.say("🔔 if the watch < €90")
    assert_alert(alert, "Watch", "EUR", 90)
    alerts = {("Watch", "EUR", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("❌ remove 1 jar")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    pounds = await shopper.say("£ total?")
    await assert_says_price(pounds, services, cart, "GBP")  # $10.98 in pounds

    final = await shopper.say("🛒 + my 🔔 alerts pls")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $10.98
