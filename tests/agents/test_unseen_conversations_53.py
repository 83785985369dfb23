"""A fifty-third set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, that nothing is written on a
question, an unmet condition or an unclear request, currencies and alert targets, what the
cart and the alerts hold afterwards) and the essential facts of its answers (names, exact
prices), not their wording. Their theme is conditional and comparative requests, six to eight
turns each, where the shopper makes an action depend on a fact the assistant has to look up:
a price against a limit in dollars or in euros ("If the watch is under 100 dollars, add it.":
it is $109.99, so nothing is added and the answer says why with the price; "Add the mug if
it's less than 10 bucks", "Only add the hairdryer if it's cheaper than 30 euros", "add them if
they're under 20 euros"), one product's price against another's ("Add the cheaper of the mug
and the jar", "If the jar costs more than the mug, skip it, otherwise add one", "Add the tank
top unless it costs more than the sunglasses", "If the watch costs more than the loafers, set
an alert for it at 90 dollars"), the cart's total against a limit ("If my total is over 100,
take out the loafers", "Put two sunglasses in unless that takes me past 50 dollars", "If my
total is over 100 dollars, take one jar out", "If my total is under 30, add another mug"), an
alert made only if the price is above a level ("Set an alert for the watch if it's more than
100 dollars right now"), and superlatives to look up ("Add the cheapest thing in
accessories", "Add the most expensive kitchen item", "If there's anything under 6 dollars, add
it", "Add the cheapest of those"). They are mixed with plain requests and totals in dollars
and in euros, pounds, yen and Canadian dollars. Three requests are genuinely ambiguous and
must be asked about, nothing written: "Add whichever is cheaper, the candle holder or the tank
top." (both $18.99), "If it's under 20, add it." right after the candle holder and the salt and
pepper shakers were both priced (both under $20), and "Now take out whichever of the tank top
and the candle holder costs more." with both in the cart at $18.99. Every conversation ends
with a check of the cart (product id -> quantity) in Online Boutique and its total, and of the
alerts where any were set. Conversions are computed in the test by the shop's currency
service (the embedded one, over its EUR-based rate table): the total converted, or its lines
(or unit prices) converted and added up, any of which the answer may show.

First run: 2 of 12 passed. No expectation was found to be the test's own mistake; the ten
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same set, which failed
at the same turns):
- "If the watch is under 100 dollars, add it." called search_products(query="watch",
  max_price="100", price_currency="USD") and then add_to_cart(product="watch") ("I couldn't
  find any watch under $100.00.Added 1 × Watch to your cart. ... Total: $109.99.") instead of
  adding nothing and saying the watch is $109.99;
- "Add whichever is cheaper, the candle holder or the tank top." called search_products(among=
  ["whichever", "candle holder", "tank top"], sort="price_asc") ("I couldn't find a product
  matching 'whichever' in the catalog.Which product do you mean? You can name it, for example
  "the watch".") - nothing written and a question, but not saying that both cost $18.99 nor
  naming the two to choose from;
- "If the jar costs more than the mug, skip it, otherwise add one." (after the kitchen
  products, rightly shown) called no tool ("Which product do you mean? Recently we looked at:
  1. Salt & Pepper Shakers, 2. Bamboo Glass Jar, 3. Mug.") instead of adding one jar ($5.49,
  cheaper than the mug's $8.99);
- "Put two sunglasses in unless that takes me past 50 dollars." (with the hairdryer in the
  cart) called add_to_cart(product="sunglasses", quantity=2) and add_to_cart(product="takes
  past") (failed) ("Added 2 × Sunglasses ... Total: $64.97. I couldn't find a product matching
  'takes past' ...") instead of adding nothing and saying it would come to $64.97;
- "Add the cheapest thing in accessories." (after "If it's under 20, add it." rightly asked
  which of the candle holder and the shakers, and "The shakers." added) called add_to_cart(
  product="accessories") (refused: "Did you mean Sunglasses or Watch?") instead of adding the
  sunglasses ($19.99);
- "Now take out whichever of the tank top and the candle holder costs more." (both in the
  cart at $18.99, with the mug) called remove_from_cart(product="whichever tank top") and
  remove_from_cart(product="candle holder") ("Removed Tank Top ... Removed Candle Holder ...
  Total: $8.99.") instead of asking which, as they cost the same, with nothing written;
- "Set an alert for the watch if it's more than 100 dollars right now." (after the watch in
  euros, €97.29, rightly in passing) called no tool ("At what price should I alert you?")
  instead of checking the watch is $109.99, over 100, and making the alert at $100;
- "Only add the hairdryer if it's cheaper than 20 euros." called add_to_cart(product=
  "hairdryer") ("Added 1 × Hairdryer ... Total: $24.99.") instead of adding nothing and saying
  it is about €22.11;
- "If the candle holder is under 15 dollars, add it too." (after the mug rightly found
  cheaper than the shakers and three added) called add_to_cart(product="candle holder")
  ("Added 1 × Candle Holder ... Total: $45.96.") instead of adding nothing and saying it is
  $18.99;
- "If the watch costs more than the loafers, set an alert for it at 90 dollars." (with the
  loafers in the cart) called add_to_cart(product="watch"), add_to_cart(product="loafers")
  and create_price_alert(product="L9ECAV7KIM", target_price="90", price_currency="USD")
  ("Added 1 × Watch ... Added 1 × Loafers ... Total: $289.97.I'll let you know when Loafers is
  at or below $90.00 ...") instead of making only a watch alert at $90 (the watch, $109.99,
  costs more than the loafers, $89.99), the cart unchanged.

Worked on since by general rules (the same session), 12 of 12 pass: a request that waits on a
price is split from its condition (`planner/conditions.py`) and the cart manager checks it with
`quote_cart`, in the condition's currency, before acting or saying why not
(`models/offline/waiting_requests.py`); "skip it, otherwise add one" and "unless" invert it;
"then just one pair if that stays under 50" retries the declined add; "set an alert for the
watch if it's more than 100 dollars right now" is an alert at 100; "whichever is cheaper, X or
Y" is "the cheaper of X and Y" and equal prices are said and asked about (in an add or a
removal); "add the cheapest thing in accessories" and "the most expensive kitchen item" find it
first; "if there's anything under 6 dollars, add it" searches, then adds the one found.
"""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
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
    alerts_of,
    amounts_in,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    says_amount,
    shown_names,
    usd_total,
    writes_of,
    wrote_nothing,
)

UNDER_20_DOLLARS = {
    "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug",
}  # fmt: skip


async def assert_unmet(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    product: str,
    why: tuple[str, ...],
) -> None:
    """The condition was not met: nothing written, the cart as it was, and the answer names
    `product` and says why with one of the amounts in `why` (a price or a total)."""
    assert wrote_nothing(turn), turn.tool_results
    assert await cart_of(services) == cart
    assert product.lower() in turn.text.lower(), turn.text
    assert any(says_amount(turn.text, amount) for amount in why), (why, turn.text)


async def test_watch_if_under_100_not_added_alert_if_over_100_mug_under_10_two_sunglasses_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("If the watch is under 100 dollars, add it.")
    await assert_unmet(watch, services, {}, "watch", ("$109.99",))

    alert = await shopper.say(
        "Okay. Set an alert for the watch if it's more than 100 dollars right now."
    )
    assert_alert(alert, "Watch", "USD", 100)  # it is $109.99: over 100
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("Add the mug if it's less than 10 bucks.")
    assert await cart_of(services) == {MUG: 1}  # $8.99

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, {MUG: 1}, "EUR")  # $8.99

    await shopper.say("Put two sunglasses in unless that takes me past 50 dollars.")
    cart = {MUG: 1, SUNGLASSES: 2}  # $8.99 + $39.98 = $48.97: not past 50
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $48.97


async def test_whichever_cheaper_candle_or_tank_asked_tank_cheaper_of_mug_and_jar_total_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    which = await shopper.say("Add whichever is cheaper, the candle holder or the tank top.")
    assert_asked(which)  # both $18.99: which?
    assert "$18.99" in which.text, which.text
    assert await cart_of(services) == {}

    await shopper.say("The tank top then.")
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("Add the cheaper of the mug and the jar.")
    cart = {TANK_TOP: 1, JAR: 1}  # the jar, $5.49
    assert await cart_of(services) == cart

    kept = await shopper.say("If my total is over 30 dollars, take the jar out again.")
    assert wrote_nothing(kept), kept.tool_results  # $24.48: not over 30
    assert await cart_of(services) == cart
    assert usd_total(cart) in kept.text, kept.text

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $24.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $24.48


async def test_loafers_and_shakers_over_100_take_out_loafers_hairdryer_under_30_eur_kitchen_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the loafers and the salt and pepper shakers.")
    assert await cart_of(services) == {LOAFERS: 1, SHAKERS: 1}

    out = await shopper.say("If my total is over 100, take out the loafers.")
    assert await cart_of(services) == {SHAKERS: 1}  # $108.48: over 100
    assert "loafers" in out.text.lower(), out.text

    await shopper.say("Only add the hairdryer if it's cheaper than 30 euros.")
    assert await cart_of(services) == {SHAKERS: 1, HAIRDRYER: 1}  # $24.99: about €22

    await shopper.say("Add the most expensive kitchen item.")
    cart = {SHAKERS: 2, HAIRDRYER: 1}  # the shakers, $18.49: one more
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $61.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $61.97


async def test_kitchen_jar_not_dearer_than_mug_add_mug_under_8_not_shakers_under_20_eur_two(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("What do you have for the kitchen?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("If the jar costs more than the mug, skip it, otherwise add one.")
    assert await cart_of(services) == {JAR: 1}  # $5.49 against $8.99

    mug = await shopper.say("And add the mug only if it's under 8 dollars.")
    await assert_unmet(mug, services, {JAR: 1}, "mug", ("$8.99",))

    euros = await shopper.say("Tell me the price of the salt and pepper shakers in euros.")
    await assert_says_price(euros, services, {SHAKERS: 1}, "EUR")  # $18.49

    await shopper.say("Add two of them if they're under 20 euros each.")
    cart = {JAR: 1, SHAKERS: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total?")
    assert usd_total(cart) in total.text, total.text  # $42.47
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $42.47


async def test_hairdryer_two_sunglasses_past_50_not_one_pair_tank_cheaper_cad_hairdryer_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put the hairdryer in my cart.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    two = await shopper.say("Put two sunglasses in unless that takes me past 50 dollars.")
    # $24.99 + $39.98 = $64.97: past 50
    await assert_unmet(two, services, {HAIRDRYER: 1}, "sunglasses", ("$64.97", "$39.98", "$19.99"))

    await shopper.say("Okay, then just one pair if that stays under 50.")
    assert await cart_of(services) == {HAIRDRYER: 1, SUNGLASSES: 1}  # $44.98

    await shopper.say("If the tank top is cheaper than the sunglasses, add it too.")
    cart = {HAIRDRYER: 1, SUNGLASSES: 1, TANK_TOP: 1}  # $18.99 against $19.99
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $63.97

    alert = await shopper.say(
        "Set an alert for the hairdryer if it's more than 20 dollars right now."
    )
    assert_alert(alert, "Hairdryer", "USD", 20)  # it is $24.99
    alerts = {("Hairdryer", "USD", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $63.97


async def test_candle_and_shakers_priced_if_under_20_add_it_asked_cheapest_accessory_40_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the candle holder and the salt and pepper shakers?")
    assert "$18.99" in prices.text and "$18.49" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("If it's under 20, add it.")
    assert_asked(which)  # both are under 20: which one?
    assert await cart_of(services) == {}

    await shopper.say("The shakers.")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("Add the cheapest thing in accessories.")
    cart = {SHAKERS: 1, SUNGLASSES: 1}  # the sunglasses, $19.99
    assert await cart_of(services) == cart

    kept = await shopper.say("If my total is over 40 dollars, remove the shakers.")
    assert wrote_nothing(kept), kept.tool_results  # $38.48: not over 40
    assert await cart_of(services) == cart
    assert usd_total(cart) in kept.text, kept.text

    euros = await shopper.say("What is that in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $38.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $38.48


async def test_tank_and_candle_mug_under_10_take_out_dearer_asked_candle_under_30_mug_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a tank top and a candle holder.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("Add the mug if it's less than 10 bucks.")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1, MUG: 1}

    which = await shopper.say(
        "Now take out whichever of the tank top and the candle holder costs more."
    )
    assert_asked(which)  # both $18.99: which one?
    assert "$18.99" in which.text, which.text
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1, MUG: 1}

    await shopper.say("The candle holder.")
    assert await cart_of(services) == {TANK_TOP: 1, MUG: 1}

    await shopper.say("If my total is under 30, add another mug.")
    cart = {TANK_TOP: 1, MUG: 2}  # $27.98: under 30
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $36.97

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $36.97


async def test_watch_in_euros_alert_over_100_loafers_under_90_shakers_swap_over_100_two_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("How much is the watch in euros?")
    await assert_says_price(euros, services, {WATCH: 1}, "EUR")  # $109.99

    alert = await shopper.say("Set an alert for the watch if it's more than 100 dollars right now.")
    assert_alert(alert, "Watch", "USD", 100)
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("If the loafers are under 90 dollars, add them.")
    assert await cart_of(services) == {LOAFERS: 1}  # $89.99

    await shopper.say("Add the most expensive kitchen item.")
    assert await cart_of(services) == {LOAFERS: 1, SHAKERS: 1}  # $18.49

    await shopper.say("If I'm now over 100 dollars in total, swap the loafers for the sunglasses.")
    assert await cart_of(services) == {SHAKERS: 1, SUNGLASSES: 1}  # $108.48: over 100

    await shopper.say("Add the cheaper of the mug and the jar, two of them.")
    cart = {SHAKERS: 1, SUNGLASSES: 1, JAR: 2}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $49.46


async def test_hairdryer_under_20_euros_not_sunglasses_yes_dearest_accessory_under_6_over_120(
    shopper: Conversation, services: AgentServices
) -> None:
    hairdryer = await shopper.say("Only add the hairdryer if it's cheaper than 20 euros.")
    why = (*await amounts_in(services, {HAIRDRYER: 1}, "EUR"), "$24.99")  # about €22.11
    await assert_unmet(hairdryer, services, {}, "hairdryer", why)

    await shopper.say("What about the sunglasses - add them if they're under 20 euros.")
    assert await cart_of(services) == {SUNGLASSES: 1}  # $19.99: about €17.68

    await shopper.say("Add the most expensive thing in accessories if it's under 150 dollars.")
    assert await cart_of(services) == {SUNGLASSES: 1, WATCH: 1}  # the watch, $109.99

    await shopper.say("If there's anything under 6 dollars, add it.")
    assert await cart_of(services) == {SUNGLASSES: 1, WATCH: 1, JAR: 1}  # the jar, $5.49

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, {SUNGLASSES: 1, WATCH: 1, JAR: 1}, "EUR")  # $135.47

    await shopper.say("Take the watch out if the total is over 120 dollars.")
    cart = {SUNGLASSES: 1, JAR: 1}  # $135.47: over 120
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $25.48


async def test_cheaper_mug_or_shakers_three_candle_under_15_not_dearest_kitchen_past_70_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    cheaper = await shopper.say("Which is cheaper, the mug or the salt and pepper shakers?")
    assert "Mug" in cheaper.text and "$8.99" in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    await shopper.say("Add the cheaper one, three of them.")
    assert await cart_of(services) == {MUG: 3}

    candle = await shopper.say("If the candle holder is under 15 dollars, add it too.")
    await assert_unmet(candle, services, {MUG: 3}, "candle holder", ("$18.99",))

    await shopper.say("Add the most expensive kitchen item.")
    cart = {MUG: 3, SHAKERS: 1}  # the shakers, $18.49
    assert await cart_of(services) == cart

    two = await shopper.say("Put two sunglasses in unless that takes me past 70 dollars.")
    # $45.46 + $39.98 = $85.44: past 70
    await assert_unmet(two, services, cart, "sunglasses", ("$85.44", "$39.98", "$19.99"))

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $45.46

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $45.46


async def test_loafers_watch_dearer_alert_at_90_two_cheapest_over_100_one_jar_out_eur_tank(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the loafers.")
    assert await cart_of(services) == {LOAFERS: 1}

    alert = await shopper.say(
        "If the watch costs more than the loafers, set an alert for it at 90 dollars."
    )
    assert_alert(alert, "Watch", "USD", 90)  # $109.99 against $89.99
    alerts = {("Watch", "USD", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("Add the cheapest thing you sell, two of them.")
    assert await cart_of(services) == {LOAFERS: 1, JAR: 2}  # $100.97

    await shopper.say("If my total is over 100 dollars, take one jar out.")
    assert await cart_of(services) == {LOAFERS: 1, JAR: 1}

    euros = await shopper.say("How much is my total in euros now?")
    await assert_says_price(euros, services, {LOAFERS: 1, JAR: 1}, "EUR")  # $95.48

    await shopper.say("Add the tank top unless it costs more than the sunglasses.")
    cart = {LOAFERS: 1, JAR: 1, TANK_TOP: 1}  # $18.99 against $19.99
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $114.47


async def test_under_20_cheapest_and_dearest_of_those_hairdryer_under_25_over_50_out_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("Show me everything under 20 dollars.")
    assert set(shown_names(cheap)) == UNDER_20_DOLLARS, shown_names(cheap)
    assert not writes_of(cheap), cheap.tool_calls

    await shopper.say("Add the cheapest of those.")
    assert await cart_of(services) == {JAR: 1}  # $5.49

    await shopper.say("Add the most expensive of them too.")
    assert await cart_of(services) == {JAR: 1, SUNGLASSES: 1}  # $19.99

    await shopper.say("If the hairdryer is under 25 dollars, add it.")
    assert await cart_of(services) == {JAR: 1, SUNGLASSES: 1, HAIRDRYER: 1}  # $24.99

    await shopper.say("If my total is over 50, take out the sunglasses.")
    cart = {JAR: 1, HAIRDRYER: 1}  # $50.47: over 50
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's that in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $30.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $30.48
