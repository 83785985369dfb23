"""A forty-ninth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question, a fragment or an unclear request, which
products and quantities, currencies and alert targets, what the cart and the alerts hold
afterwards) and the essential facts of its answers, not their wording. Their theme is
voice-dictated messages, speech to text, six to eight turns each: all lower case, run-on
sentences with little or no punctuation, fillers ("um", "uh", "like", "you know", "so yeah",
"okay so"), false starts and corrections in mid-sentence ("add the uh the mug no wait the jar",
"and the watch no wait the sunglasses", "no wait not the mug the salt n pepper shakers"),
numbers as spoken words ("twenty two fifty", "a hundred and ten dollars", "a couple",
"ninety five", "down by ten dollars"), the homophones a dictation engine produces ("add to of
them" for two, "for bamboo jars" for four, "won pair" for one, "there price" for their, "i
want to by" for buy, "do you sale tank tops" for sell, "are they on sell" for sale), words run
together or split ("sun glasses", "hair dryer", "tanktop", "salt n pepper shakers") and
transcription noise ("um what's the price of the watch in euros please thank you"). All the
specialists are used: searches and prices, cart changes (adds, removes, quantities set),
prices and totals in euros, pounds, yen and Canadian dollars in passing, price alerts (in
dollars and euros, replaced, cancelled, "down by" an amount) and style preferences. Six
dictation fragments say nothing actionable ("um so yeah", "uh", "you know what", "okay and",
"okay so um", "i also like you know") and must change nothing; two requests are genuinely
ambiguous and must be asked about, nothing written: "and the jars to" right after the mug was
taken out of a cart of four jars and a mug (all the jars too, or two of them?) and "add to"
right after the jar and the mug were both shown (add two, or add to the cart, and of which?).
Every conversation ends with a check of the cart (product id -> quantity) in Online Boutique
and its total, and of the alerts where any were set. Conversions are computed in the test by
the shop's currency service (the embedded one, over its EUR-based rate table): the total
converted, or its lines (or unit prices) converted and added up, any of which the answer may
show.

First run: 4 of 12 passed. No expectation was found to be the test's own mistake; the eight
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run):
- "cool add to of them please" (after the sunglasses search rightly showed the Sunglasses at
  $19.99) called add_to_cart(product="OLJCESPC7Z", quantity=1) ("Added 1 × Sunglasses ...")
  instead of adding two pairs ("to" is two);
- "actually make that for of them" (after "add the uh the mug no wait the jar" rightly added one
  jar, not the mug) called get_product_details(product="9SIQT8TOJO") ("Bamboo Glass Jar costs
  $5.49. ...") instead of setting the jars to four, the cart left at one jar;
- "and uh to black mugs" (after the black likes and gold dislikes rightly recorded, the four
  black products rightly recommended first and the hairdryer added) called add_to_cart(
  product="black mugs", quantity=1) ("Added 1 × Mug ...") instead of adding two mugs;
- "what's there price in canadian dollars" (after the candle holder added from "i want to by the
  candle holder" and the Tank Top shown for "do you sale tank tops", both rightly) called
  set_display_currency(currency="CAD") for good ("Done: I'll show prices in CAD from now on.")
  and gave no price, instead of the tank top's price in Canadian dollars (CA$25.41) in
  passing;
- "okay so add for bamboo jars and a mug" called add_to_cart(product="bamboo jars",
  quantity=1) and add_to_cart(product="mug") ("Added 1 × Bamboo Glass Jar ... Added 1 × Mug
  ...") instead of adding four jars ("for" is four) and a mug;
- "okay can you let me know when it drops to like twenty two fifty" (after the hairdryer's price,
  $24.99) called create_price_alert(product="2ZYFJ3GM2N", target_price="22") ("... at or below
  $22.00") instead of an alert at $22.50;
- "no wait not the mug the salt n pepper shakers" (after the watch rightly at $109.99 and "okay
  so add it and uh a mug" rightly adding both) called remove_from_cart(product="mug salt and
  pepper shakers") (failed: "Salt & Pepper Shakers is not in your cart.") instead of taking the
  mug out and adding the shakers, the mug left in;
- "add a couple tanktops and uh to hair dryers" called add_to_cart(product="tank tops",
  quantity=2) and add_to_cart(product="hairdryers", quantity=1) ("Added 2 × Tank Top ... Added
  1 × Hairdryer ...") instead of two tank tops and two hairdryers ("to" is two).

Worked on since by general rules (the same session), all 12 pass: dictation's homophones are
put back where a count stands (`planner/dictation.py`: "add to of them" is two, "make that for
of them" four, "and uh to black mugs", "take won pair of the sunglasses out" one pair), "there
price" is "their price", and an amount said as two numbers after a price word ("drops to like
twenty two fifty") is one amount with cents; "no wait not the mug the salt n pepper shakers"
is the swap it would be with commas; "no wait, I said that wrong, make it ninety" right after
an alert changes its target, not a cart line; "and the jars to" asks whether all the jars or
two of them are meant.
"""

from __future__ import annotations

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
    assert_nothing_changed,
    assert_says_price,
    cart_of,
    listed_alerts,
    shown_names,
    tastes_said,
    understood,
    usd_total,
    writes_of,
)


async def assert_did_nothing(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    alerts: set[tuple[str, str, int]] | None = None,
) -> None:
    """A dictation fragment that says nothing actionable: no write tried, nothing changed."""
    assert not writes_of(turn), turn.tool_calls
    await assert_nothing_changed(services, cart, alerts)


def assert_target_nanos(turn: Turn, nanos: int) -> None:
    """The alert the turn made has `nanos` as the cents of its target (e.g. $22.50)."""
    (_, result) = next((n, r) for n, r in reversed(turn.tool_results) if n == "create_price_alert")
    assert result["alert"]["target"]["nanos"] == nanos, result


async def test_sun_glasses_add_to_of_them_tanktop_euros_um_so_yeah_won_pair_out_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    glasses = await shopper.say("um okay so like do you have any sun glasses")
    assert shown_names(glasses)[0] == "Sunglasses", shown_names(glasses)
    assert "$19.99" in glasses.text, glasses.text
    assert not writes_of(glasses), glasses.tool_calls

    await shopper.say("cool add to of them please")
    assert await cart_of(services) == {SUNGLASSES: 2}  # "to" is two

    await shopper.say("and uh add the tanktop as well")
    cart = {SUNGLASSES: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("what's that come to in euros please thank you")
    await assert_says_price(euros, services, cart, "EUR")  # $58.97

    filler = await shopper.say("um so yeah")
    await assert_did_nothing(filler, services, cart)

    await shopper.say("actually take won pair of the sun glasses out")
    cart = {SUNGLASSES: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart  # one pair out of two, not the line

    final = await shopper.say("okay show me my cart")
    await assert_final_cart(final, services, cart)  # $38.98


async def test_kitchen_under_twenty_mug_no_wait_the_jar_for_of_them_shakers_pounds_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say(
        "okay so i'm looking for like kitchen stuff you know under twenty dollars"
    )
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert all(PRICE[ID[n]] <= 20 for n in names), names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("add the uh the mug no wait the jar")
    assert await cart_of(services) == {JAR: 1}  # the jar, not the mug

    await shopper.say("actually make that for of them")
    assert await cart_of(services) == {JAR: 4}  # "for" is four

    await shopper.say("and uh put in the salt n pepper shakers just the one")
    cart = {JAR: 4, SHAKERS: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("how much is all that in pounds")
    await assert_says_price(pounds, services, cart, "GBP")  # $40.45

    alert = await shopper.say("um let me know if the shakers go down to like fifteen bucks")
    assert_alert(alert, "Salt & Pepper Shakers", "USD", 15)
    alerts = {("Salt & Pepper Shakers", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("so yeah what's in my cart and what alerts have i got")
    assert listed_alerts(final) == ["Salt & Pepper Shakers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $40.45


async def test_watch_in_euros_noise_alert_a_hundred_euros_make_that_ninety_five_loafers_uh(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("um what's the price of the watch in euros please thank you")
    assert "Watch" in watch.text, watch.text
    await assert_says_price(watch, services, {WATCH: 1}, "EUR")  # $109.99

    alert = await shopper.say("okay uh tell me when it drops below a hundred euros")
    assert_alert(alert, "Watch", "EUR", 100)
    assert await alerts_of(services) == {("Watch", "EUR", 100)}

    await shopper.say("no wait make that ninety five")
    alerts = {("Watch", "EUR", 95)}
    assert await alerts_of(services) == alerts  # replaced, not a second alert

    loafers = await shopper.say("and um the loafers how much are those")
    assert "$89.99" in loafers.text, loafers.text  # back in dollars
    assert not writes_of(loafers), loafers.tool_calls

    await shopper.say("add them")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    filler = await shopper.say("uh")
    await assert_did_nothing(filler, services, cart, alerts)

    final = await shopper.say("okay show me my cart and my alerts")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $89.99


async def test_like_black_not_gold_recommend_black_hair_dryer_to_mugs_won_not_to_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    tastes = await shopper.say(
        "okay so like i really like black stuff but i'm not into gold you know"
    )
    likes, dislikes = tastes_said(tastes)
    assert any("black" in w for w in likes), tastes.tool_calls
    assert any("gold" in w for w in dislikes), tastes.tool_calls
    assert writes_of(tastes) == {"record_style_preferences"}, tastes.tool_calls
    assert await cart_of(services) == {}

    picks = await shopper.say("so yeah what would you recommend for me")
    names = shown_names(picks)
    assert set(names[: len(BLACK)]) == BLACK, names  # what they like first
    assert not writes_of(picks), picks.tool_calls

    await shopper.say("add the black hair dryer")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("and uh to black mugs")
    assert await cart_of(services) == {HAIRDRYER: 1, MUG: 2}  # "to" is two

    await shopper.say("wait no i meant won mug not to")
    cart = {HAIRDRYER: 1, MUG: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("what's the total in yen")
    await assert_says_price(yen, services, cart, "JPY")  # $33.98

    final = await shopper.say("okay cart please")
    await assert_final_cart(final, services, cart)  # $33.98


async def test_want_to_by_candle_holder_sale_tank_tops_there_price_cad_add_won_alert_fragment(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("i want to by the candle holder")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}  # "by" is buy; "to" is no number

    tops = await shopper.say("do you sale tank tops")
    assert shown_names(tops)[0] == "Tank Top", shown_names(tops)  # "sale" is sell
    assert "$18.99" in tops.text, tops.text
    assert not writes_of(tops), tops.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    cad = await shopper.say("what's there price in canadian dollars")
    await assert_says_price(cad, services, {TANK_TOP: 1}, "CAD")  # $18.99 (as the candle holder)

    await shopper.say("okay add won of those")
    cart = {CANDLE_HOLDER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("and um tell me if the candle holder gets down to fifteen dollars")
    assert_alert(alert, "Candle Holder", "USD", 15)
    alerts = {("Candle Holder", "USD", 15)}
    assert await alerts_of(services) == alerts

    filler = await shopper.say("you know what")
    await assert_did_nothing(filler, services, cart, alerts)

    final = await shopper.say("so yeah my cart and alerts please")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $37.98


async def test_for_bamboo_jars_and_a_mug_mug_out_and_the_jars_to_asked_two_out_yen_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("okay so add for bamboo jars and a mug")
    assert await cart_of(services) == {JAR: 4, MUG: 1}  # "for" is four

    await shopper.say("um actually no take the mug out")
    assert await cart_of(services) == {JAR: 4}

    which = await shopper.say("and the jars to")
    assert_asked(which)  # all the jars too, or two of them?
    assert await cart_of(services) == {JAR: 4}

    await shopper.say("two i mean take two of the jars out")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    yen = await shopper.say("how much is that in japanese yen")
    await assert_says_price(yen, services, cart, "JPY")  # $10.98

    await shopper.say("okay and add the watch")
    cart = {JAR: 2, WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("okay show me the cart")
    await assert_final_cart(final, services, cart)  # $120.97


async def test_hair_dryer_price_alert_twenty_two_fifty_sun_glasses_euros_cancel_the_won_add(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("um how much is the hair dryer")
    assert "$24.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    alert = await shopper.say("okay can you let me know when it drops to like twenty two fifty")
    assert_alert(alert, "Hairdryer", "USD", 22)
    assert_target_nanos(alert, 500_000_000)  # $22.50
    assert await alerts_of(services) == {("Hairdryer", "USD", 22)}

    euros = await shopper.say("and the sun glasses if they go under fifteen euros")
    assert_alert(euros, "Sunglasses", "EUR", 15)
    alerts = {("Hairdryer", "USD", 22), ("Sunglasses", "EUR", 15)}
    assert await alerts_of(services) == alerts

    listed = await shopper.say("what alerts do i have")
    assert listed_alerts(listed) == ["Hairdryer", "Sunglasses"], listed.tool_results
    assert not writes_of(listed), listed.tool_calls

    await shopper.say("uh cancel the won for the sun glasses")
    alerts = {("Hairdryer", "USD", 22)}
    assert await alerts_of(services) == alerts  # "won" is the one, the hairdryer's kept
    assert await cart_of(services) == {}

    await shopper.say("add the hair dryer to my cart anyway")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("my cart and alerts please")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99


async def test_watch_under_a_hundred_and_ten_add_it_and_a_mug_no_the_shakers_euros_silver(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("is the watch like under a hundred and ten dollars")
    assert "$109.99" in under.text, under.text  # yes, just
    assert not writes_of(under), under.tool_calls

    await shopper.say("okay so add it and uh a mug")
    assert await cart_of(services) == {WATCH: 1, MUG: 1}

    await shopper.say("no wait not the mug the salt n pepper shakers")
    cart = {WATCH: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("how much is that all together")
    assert usd_total(cart) in total.text, total.text  # $128.48
    assert not writes_of(total), total.tool_calls

    euros = await shopper.say("what's that in euros")
    await assert_says_price(euros, services, cart, "EUR")

    silver = await shopper.say("okay so like remember i don't like silver stuff")
    _, dislikes = tastes_said(silver)
    assert any("silver" in w for w in dislikes), silver.tool_calls
    assert writes_of(silver) == {"record_style_preferences"}, silver.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("cart please")
    await assert_final_cart(final, services, cart)  # $128.48


async def test_minimalist_no_bright_colours_tops_to_tanktops_and_sun_glasses_okay_and_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    tastes = await shopper.say(
        "so um i love like minimalist stuff you know simple clean and uh i hate bright colors"
    )
    likes, dislikes = tastes_said(tastes)
    assert any("minimal" in w for w in likes), tastes.tool_calls
    assert any("bright" in w for w in dislikes), tastes.tool_calls
    assert writes_of(tastes) == {"record_style_preferences"}, tastes.tool_calls

    tops = await shopper.say("show me some tops")
    assert shown_names(tops)[0] == "Tank Top", shown_names(tops)
    assert not writes_of(tops), tops.tool_calls

    await shopper.say("add to tanktops um and a pair of sun glasses")
    cart = {TANK_TOP: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("so what's my total")
    assert usd_total(cart) in total.text, total.text  # $57.97
    assert not writes_of(total), total.tool_calls

    filler = await shopper.say("okay and")
    await assert_did_nothing(filler, services, cart)

    await shopper.say("make it three tank tops")
    cart = {TANK_TOP: 3, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("what's that in pounds please")
    await assert_says_price(pounds, services, cart, "GBP")  # $76.96

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $76.96


async def test_shoes_like_loafers_on_sell_down_by_ten_dollars_add_watch_no_sunglasses_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    shoes = await shopper.say("hi um do you have any shoes like loafers or something")
    assert shown_names(shoes)[0] == "Loafers", shown_names(shoes)
    assert "$89.99" in shoes.text, shoes.text
    assert not writes_of(shoes), shoes.tool_calls

    sale = await shopper.say("are they on sell")
    assert understood(sale), sale.text  # "sell" is sale: no sale to announce
    assert "%" not in sale.text, sale.text  # no discount made up
    assert not writes_of(sale), sale.tool_calls

    alert = await shopper.say("okay tell me when there down by ten dollars")
    assert_alert(alert, "Loafers", "USD", 79)
    assert_target_nanos(alert, 990_000_000)  # $89.99 less $10: $79.99
    alerts = {("Loafers", "USD", 79)}
    assert await alerts_of(services) == alerts

    await shopper.say("add a pair to my cart")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("and the watch no wait the sunglasses")
    cart = {LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart  # the sunglasses, not the watch

    euros = await shopper.say("what's the total in euros")
    await assert_says_price(euros, services, cart, "EUR")  # $109.98

    final = await shopper.say("cart and alerts")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.98


async def test_okay_so_um_under_ten_dollars_add_to_asked_two_mugs_candle_holder_euros_too(
    shopper: Conversation, services: AgentServices
) -> None:
    filler = await shopper.say("okay so um")
    await assert_did_nothing(filler, services, {})

    cheap = await shopper.say("show me stuff under ten dollars")
    assert set(shown_names(cheap)) == {"Bamboo Glass Jar", "Mug"}, shown_names(cheap)
    assert not writes_of(cheap), cheap.tool_calls

    which = await shopper.say("add to")
    assert_asked(which)  # two of which, or which to the cart?
    assert await cart_of(services) == {}

    await shopper.say("to mugs i mean two mugs")
    assert await cart_of(services) == {MUG: 2}

    euros = await shopper.say("uh what's the price of the candle holder in euros")
    await assert_says_price(euros, services, {CANDLE_HOLDER: 1}, "EUR")  # $18.99
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("add it too")
    cart = {MUG: 2, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart  # "too" after a product: one of it

    final = await shopper.say("so yeah that's it show me the cart")
    await assert_final_cart(final, services, cart)  # $36.97


async def test_a_couple_tanktops_to_hair_dryers_just_won_rid_of_tops_watch_for_a_hundred_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a couple tanktops and uh to hair dryers")
    assert await cart_of(services) == {TANK_TOP: 2, HAIRDRYER: 2}

    await shopper.say("um actually just won hair dryer")
    assert await cart_of(services) == {TANK_TOP: 2, HAIRDRYER: 1}

    await shopper.say("and get rid of the tank tops")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart

    fragment = await shopper.say("i also like you know")
    await assert_did_nothing(fragment, services, cart)  # no taste said either

    alert = await shopper.say("alert me when the watch goes for a hundred dollars")
    assert_alert(alert, "Watch", "USD", 100)
    assert await alerts_of(services) == {("Watch", "USD", 100)}

    await shopper.say("no wait i said that wrong make it ninety")
    alerts = {("Watch", "USD", 90)}
    assert await alerts_of(services) == alerts  # replaced
    assert await cart_of(services) == cart

    cad = await shopper.say("what's my cart in canadian dollars")
    await assert_says_price(cad, services, cart, "CAD")  # $24.99

    final = await shopper.say("show me my cart and alerts")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99
