"""A thirty-third set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is typos, misspellings and
sloppy typing everywhere a real shopper makes them, six to eight turns each: product names
("sunglases", "sun glasses", "hair drier", "hairdrier", "candel holder", "loafer", "lofers",
"tanktop", "tank-top", "salt n pepper shakers", "salt & peper", "bambo jar", "galss jar",
"wacth", "mugg"), commands ("ad", "remvoe", "shwo my cart", "chnage it to 3", "emtpy my
cart"), currencies ("euors", "eur", "pounds sterling", "quid", "yen", "jpy", "canadian
dollers", "usd"), numbers ("to" for "two", "3x", "x2", "a cuple"), missing spaces and
punctuation ("addthe mugg", "whats", "hows", "i'd like 2mugs"), capitals and no capitals
("ADD THE WATCH", "remove the Sunglasses"), repeated letters ("pleaseee", "thxxx") and earlier
results referred to sloppily ("teh first one", "the secnd one", "that 1"). They mix searches,
adds, removals, quantity changes, prices and totals in other currencies (in passing, or from
now on), price alerts ("tel me if the wacth drops below 100") and their removal. Two requests
are genuinely ambiguous and must be asked about, nothing written: "ad it pleaseee" right after
the hairdryer and the tank top were both priced, and "remvoe it" right after the salt and
pepper shakers and the glass jar were both added. One word is not a product of this shop: "ad
a toaster aswell" must be answered plainly that there is none, nothing written, and never
"corrected" into another product (nor offered as a "did you mean"). Every conversation ends
with a check of the cart (product id -> quantity) in Online Boutique, and of the alerts where
any were set. Conversions are computed in the test by the shop's currency service (the
embedded one, over its EUR-based rate table): the total converted, or its lines (or unit
prices) converted and added up, any of which the answer may show.

First run: 4 of 12 passed. No expectation was found to be the test's own mistake; the eight
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run). One
oversight of the test that made no failure: the loafers' alert at 70 quid is above their
price today (£68.43), which the assistant rightly pointed out while making the alert.
- "also addthe mugg" (after the sunglasses found, two added and their €35.36 in euros, all
  rightly done) called get_product_details(product="addthe mug") ("Mug costs $8.99. ...") and
  added nothing, instead of adding one mug;
- "whats the wacth cost in quid?" (after the loafers at $89.99 and the loafers alert at £70,
  rightly done) called set_display_currency(currency="GBP", just_this_answer=True) only ("At
  what price should I alert you?") instead of telling the watch's price in pounds (£83.64),
  nothing written;
- "tel me if the salt n pepper shakers go under 15 eur" (after "remvoe it" rightly asked which,
  the shakers out, the jars made two and the total in Canadian dollars, CA$14.69, all rightly
  done) called search_products(query="tel salt and pepper shakers", max_price="15",
  price_currency="EUR") ("I couldn't find any tel salt and pepper shakers under €15.00.")
  instead of making an alert on the Salt & Pepper Shakers at €15;
- "and 2 of the secnd one" (after the kitchen list Salt & Pepper Shakers, Bamboo Glass Jar, Mug
  and "ad teh first one" rightly adding the shakers) called add_to_cart(product="secnd",
  quantity=2) (failed: "I couldn't find a product matching 'secnd' in the catalog.") instead of
  adding two of the second one shown, the Bamboo Glass Jar;
- "i'd like 2mugs" called search_products(query="mugs") ("Here's one: Mug ($8.99).") instead
  of putting two mugs in the cart;
- "ad that 1 x3" (after the cheapest thing, the Bamboo Glass Jar at $5.49, rightly shown) called
  add_to_cart(product="9SIQT8TOJO", quantity=1) ("Added 1 × Bamboo Glass Jar ...") instead of
  adding three jars;
- "tel me when the candel holder is under 15 dollers" (after the sunglasses and candle holder
  added, the sunglasses removed, a mug added, "chnage it to 3" making three mugs and the total
  in pounds, £34.95, all rightly done) called search_products(query="tel candle holder",
  max_price="15", price_currency="USD") ("I couldn't find any tel candle holder under
  $15.00.") instead of making an alert on the Candle Holder at $15;
- "add to tank tops" (after the tank top at $18.99 rightly shown) called add_to_cart(product=
  "tank tops", quantity=1) ("Added 1 × Tank Top ...") instead of adding two ("to" for "two").
Passed on the way, though not checked as failures: "ad 2 of them pleaseee" also tried
add_to_cart(product="pleaseee") (refused, "I couldn't find a product matching 'pleaseee'"), and
"actualy cancel the wacth alert" also tried delete_price_alert(alert="actualy") before
cancelling the watch alert; neither wrote anything.

Worked on since by general rules (the same session): two words typed together are split
when one is a short function word ("addthe", "showmy"); a count typed onto its word ("2mugs")
is a count; a held-down letter is let go ("pleaseee", "thxxx"); "tel", "secnd", "hows",
"dollers" are read as meant; "to" before a plural product after an ordering verb is "two"
("add to tank tops", "and to mugs"); "x3" after "that 1" is three of it; "what's the watch
cost" asks a price ("watch" after "the" is the product, not "watch the price"); "just a
tank-top then" settles on one. 12 of 12 pass.
"""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
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
    cart_of,
    in_passing,
    listed_alerts,
    said_no,
    says_amount,
    shown_names,
    switched_for_good,
    switched_to,
    understood,
    usd_total,
    writes_of,
    wrote_nothing,
)

#: Words by which an answer says the shop has no such product.
_NONE = (
    "couldn't find", "could not find", "can't find", "cannot find", "don't have", "do not have",
    "don't sell", "do not sell", "don't carry", "do not carry", "not sell", "not carry",
    "no toaster", "not in our", "not in the catalog", "no product", "no such", "isn't in",
    "is not in", "not available", "doesn't have", "does not have", "no match", "nothing",
)  # fmt: skip
NONE = tuple({w for base in _NONE for w in (base, base.replace("'", "\u2019"))})


async def assert_states_amount(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str
) -> None:
    """The answer states what `cart` (or one product) costs in `code`, nothing written."""
    candidates = await amounts_in(services, cart, code)
    assert any(says_amount(turn.text, c) for c in candidates), (candidates, turn.text)
    assert not writes_of(turn), turn.tool_calls


async def assert_says_price(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str
) -> None:
    """The answer states what `cart` (or one product) costs in `code`, in passing."""
    await assert_states_amount(turn, services, cart, code)
    assert in_passing(turn), turn.tool_calls


async def test_sunglases_ad_2_in_euors_addthe_mugg_chnage_to_3_wacth_alert_shwo_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    found = await shopper.say("do u have sunglases?")
    assert shown_names(found)[0] == "Sunglasses", shown_names(found)
    assert "$19.99" in found.text, found.text
    assert not writes_of(found), found.tool_calls

    await shopper.say("ad 2 of them pleaseee")
    assert await cart_of(services) == {SUNGLASSES: 2}

    euros = await shopper.say("hows much is that in euors?")
    await assert_says_price(euros, services, {SUNGLASSES: 2}, "EUR")  # $39.98

    await shopper.say("also addthe mugg")
    assert await cart_of(services) == {SUNGLASSES: 2, MUG: 1}

    await shopper.say("chnage the sunglases to 3")
    cart = {SUNGLASSES: 3, MUG: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("tel me if the wacth drops below 100 usd")
    assert_alert(alert, "Watch", "USD", 100)
    alerts = {("Watch", "USD", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("shwo my cart and alerts thxxx")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $68.96


async def test_hair_drier_and_tanktop_ad_it_asked_hairdrier_pounds_sterling_tank_top_x2_remvoe(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("how much is the hair drier and the tanktop?")
    assert "$24.99" in prices.text and "$18.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("ad it pleaseee")
    assert_asked(which)  # the hairdryer or the tank top?
    assert await cart_of(services) == {}

    await shopper.say("the hairdrier")
    assert await cart_of(services) == {HAIRDRYER: 1}

    pounds = await shopper.say("whats that in pounds sterling?")
    await assert_says_price(pounds, services, {HAIRDRYER: 1}, "GBP")  # $24.99

    await shopper.say("ADD THE TANK-TOP TOO, x2")
    assert await cart_of(services) == {HAIRDRYER: 1, TANK_TOP: 2}

    await shopper.say("remvoe the hair drier")
    cart = {TANK_TOP: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("whats in my cart now")
    await assert_final_cart(final, services, cart)  # $37.98


async def test_2_candel_holders_toaster_is_none_yen_price_make_it_3x_cuple_bambo_jars_jpy(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("i'd like 2 candel holders in my cart")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    toaster = await shopper.say("ad a toaster aswell")
    assert understood(toaster), toaster.text
    assert said_no(toaster, NONE), toaster.text  # the shop sells no toaster
    assert "did you mean" not in toaster.text.lower(), toaster.text  # no "correction"
    assert wrote_nothing(toaster), toaster.tool_results
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    yen = await shopper.say("ok whats the price of one candel holder in yen?")
    await assert_says_price(yen, services, {CANDLE_HOLDER: 1}, "JPY")  # $18.99

    await shopper.say("make it 3x candel holders")
    assert await cart_of(services) == {CANDLE_HOLDER: 3}

    await shopper.say("and a cuple of bambo jars")
    cart = {CANDLE_HOLDER: 3, JAR: 2}
    assert await cart_of(services) == cart

    jpy = await shopper.say("total in jpy?")
    await assert_says_price(jpy, services, cart, "JPY")  # $67.95

    final = await shopper.say("shwo my cart")
    await assert_final_cart(final, services, cart)  # $67.95


async def test_lofers_price_alert_below_70_quid_wacth_in_quid_add_watch_to_mugs_remove_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("lofers - how much r they?")
    assert "$89.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    alert = await shopper.say("tel me if the lofers drop below 70 quid")
    assert_alert(alert, "Loafers", "GBP", 70)
    alerts = {("Loafers", "GBP", 70)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    quid = await shopper.say("whats the wacth cost in quid?")
    await assert_says_price(quid, services, {WATCH: 1}, "GBP")  # $109.99

    await shopper.say("ADD THE WATCH")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("and to mugs")
    assert await cart_of(services) == {WATCH: 1, MUG: 2}

    await shopper.say("remove the Watch actually")
    cart = {MUG: 2}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("show me my cart and alerts pls")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $17.98


async def test_salt_n_pepper_and_galss_jar_remvoe_it_asked_salt_peper_jar_x2_cad_eur_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("ad the salt n pepper shakers and the galss jar")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1}

    which = await shopper.say("remvoe it")
    assert_asked(which)  # the shakers or the jar?
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1}

    await shopper.say("the salt & peper ones")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("make the jar x2")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    cad = await shopper.say("whats the total in canadian dollers?")
    await assert_says_price(cad, services, cart, "CAD")  # $10.98

    alert = await shopper.say("tel me if the salt n pepper shakers go under 15 eur")
    assert_alert(alert, "Salt & Pepper Shakers", "EUR", 15)
    alerts = {("Salt & Pepper Shakers", "EUR", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("whats in my cart + my alerts")
    assert listed_alerts(final) == ["Salt & Pepper Shakers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $10.98


async def test_kitchen_secton_teh_first_one_2_of_secnd_one_eur_emtpy_cart_just_a_tank_top(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("whats in the kitchen secton?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls
    first, second = ID[names[0]], ID[names[1]]  # as they were shown

    await shopper.say("ad teh first one")
    assert await cart_of(services) == {first: 1}

    await shopper.say("and 2 of the secnd one")
    both = {first: 1, second: 2}
    assert await cart_of(services) == both

    euros = await shopper.say("hows much is all that in eur")
    await assert_says_price(euros, services, both, "EUR")

    await shopper.say("emtpy my cart")
    assert await cart_of(services) == {}

    await shopper.say("ok just a tank-top then")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("shwo my cart")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_wacth_below_100_sun_glasses_below_15_jpy_3x_cancel_wacth_alert_one_less(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("tel me if the wacth drops below 100")
    assert_alert(watch, "Watch", "USD", 100)
    assert await alerts_of(services) == {("Watch", "USD", 100)}

    sun = await shopper.say("and the sun glasses below 15")
    assert_alert(sun, "Sunglasses", "USD", 15)
    assert await alerts_of(services) == {("Watch", "USD", 100), ("Sunglasses", "USD", 15)}

    yen = await shopper.say("wats the sun glasses in jpy?")
    await assert_says_price(yen, services, {SUNGLASSES: 1}, "JPY")  # $19.99

    await shopper.say("ad the sun glasses, 3x")
    assert await cart_of(services) == {SUNGLASSES: 3}

    cancel = await shopper.say("actualy cancel the wacth alert")
    assert "delete_price_alert" in writes_of(cancel), cancel.tool_calls
    alerts = {("Sunglasses", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {SUNGLASSES: 3}

    await shopper.say("take one sunglases out")
    cart = {SUNGLASSES: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("cart + alerts pls")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $39.98


async def test_2mugs_eur_from_now_on_whats_my_total_bambo_jar_lofers_in_eur_back_to_usd(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("i'd like 2mugs")
    assert await cart_of(services) == {MUG: 2}

    euros = await shopper.say("set my currency to eur from now on")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    total = await shopper.say("whats my total")
    await assert_states_amount(total, services, {MUG: 2}, "EUR")  # $17.98, in euros still

    await shopper.say("ad a bambo jar")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart

    loafers = await shopper.say("hows much is the lofers?")
    await assert_states_amount(loafers, services, {LOAFERS: 1}, "EUR")  # $89.99
    assert await cart_of(services) == cart

    back = await shopper.say("back to usd pleaseee")
    assert switched_to(back, "USD"), back.tool_results
    assert not writes_of(back), back.tool_calls

    final = await shopper.say("shwo my cart")
    await assert_final_cart(final, services, cart)  # $23.47


async def test_teh_cheapest_thing_that_1_x3_hairdrier_under_30_dollers_jars_to_1_pounds_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("whats teh cheapest thing u sell")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("ad that 1 x3")
    assert await cart_of(services) == {JAR: 3}

    dryer = await shopper.say("do u have a hairdrier under 30 dollers?")
    assert shown_names(dryer)[0] == "Hairdryer", shown_names(dryer)
    assert "$24.99" in dryer.text, dryer.text
    assert not writes_of(dryer), dryer.tool_calls

    await shopper.say("ok ad the hair drier")
    assert await cart_of(services) == {JAR: 3, HAIRDRYER: 1}

    await shopper.say("chnage the jars to 1")
    cart = {JAR: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("tel me if the hairdrier goes below 20 pounds")
    assert_alert(alert, "Hairdryer", "GBP", 20)
    alerts = {("Hairdryer", "GBP", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("whats my cart lookin like? and my alerts")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $30.48


async def test_loafer_price_in_euros_caps_add_swap_for_sunglasses_cuple_more_cad_total_usd(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("LOAFER PRICE IN EUROS?")
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99

    await shopper.say("ADD THE LOAFERS")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("remove the Loafers and add the Sunglasses instead")
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("add a cuple more sunglases")
    cart = {SUNGLASSES: 3}
    assert await cart_of(services) == cart

    cad = await shopper.say("hows much is it all in canadian dollers")
    await assert_says_price(cad, services, cart, "CAD")  # $59.97

    usd = await shopper.say("whats my total in usd")
    assert usd_total(cart) in usd.text, usd.text  # $59.97
    assert not writes_of(usd), usd.tool_calls

    final = await shopper.say("shwo cart")
    await assert_final_cart(final, services, cart)  # $59.97


async def test_sun_glasses_and_candel_holder_remove_sunglasses_mugg_chnage_it_to_3_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("ad sun glasses and a candel holder pls")
    assert await cart_of(services) == {SUNGLASSES: 1, CANDLE_HOLDER: 1}

    await shopper.say("remove the Sunglasses")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("ad a mugg")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, MUG: 1}

    await shopper.say("chnage it to 3")
    cart = {CANDLE_HOLDER: 1, MUG: 3}  # "it": the mug just added
    assert await cart_of(services) == cart

    pounds = await shopper.say("whats teh total in pounds sterling?")
    await assert_says_price(pounds, services, cart, "GBP")  # $45.96

    alert = await shopper.say("tel me when the candel holder is under 15 dollers")
    assert_alert(alert, "Candle Holder", "USD", 15)
    alerts = {("Candle Holder", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("shwo my cart and alerts")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $45.96


async def test_tank_tops_add_to_tank_tops_alert_under_2000_yen_wacth_in_yen_remvoe_one_caps(
    shopper: Conversation, services: AgentServices
) -> None:
    tops = await shopper.say("do u sell tank-tops? hows much")
    assert shown_names(tops)[0] == "Tank Top", shown_names(tops)
    assert "$18.99" in tops.text, tops.text
    assert not writes_of(tops), tops.tool_calls

    await shopper.say("add to tank tops")
    assert await cart_of(services) == {TANK_TOP: 2}

    alert = await shopper.say("alert me if the tanktop drops under 2000 yen")
    assert_alert(alert, "Tank Top", "JPY", 2000)
    alerts = {("Tank Top", "JPY", 2000)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {TANK_TOP: 2}

    yen = await shopper.say("and whats the wacth in yen")
    await assert_says_price(yen, services, {WATCH: 1}, "JPY")  # $109.99
    assert await alerts_of(services) == alerts

    await shopper.say("remvoe one tank top")
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("ADD THE HAIRDRYER")
    cart = {TANK_TOP: 1, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("shwo my cart + alerts thxxx")
    assert listed_alerts(final) == ["Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $43.98
