"""A fifty-eighth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers (names, exact prices, totals), not their wording. Their theme is
an English-speaking shop whose shoppers mix in a few words of their own language, six to eight
turns each, the way bilingual people really type: courtesy and small words in Spanish, French,
German, Italian and Portuguese ("hola! dos mugs por favor", "merci! and the tank top,
combien?", "Hallo! Bitte zwei jars and drei mugs", "ciao! quanto costa the hairdryer?",
"obrigado, that's all"), numbers in those languages for quantities ("dos", "tres", "cuatro",
"deux", "zwei", "drei", "vier", "due", "tre", "duas", "dois", "três"), "sí"/"oui"/"ja"/"sim" as
a yes before what the shopper wants ("sí, cuatro", "Ja, bitte, add them"), "no, gracias"/"não,
obrigado"/"nein", currencies as they say them ("en euros", "in Euro bitte", "e in euro?", "em
reais", "en libras", "en yenes", "in Franken"), product words in English but for two close
loanwords a careful shop assistant understands ("la taza" is the mug, "die Sonnenbrille" the
sunglasses); mixed with adds, removes, quantities set, totals in dollars and in another currency
(in passing, or euros from now on and then back to dollars), and price alerts in dollars, euros
and Swiss francs. Three requests are genuinely ambiguous and must be asked about, nothing
written: "Danke. Bitte take one out." with two jars and three mugs in the cart, "dos, por
favor" right after the mug and the bamboo jar were both priced, and "merci. Tell me if it drops
under 15 euros" right after the sunglasses and the tank top were both priced. Every
conversation ends with a check of the cart (product id -> quantity) in Online Boutique and its
total, and of the alerts where any were set. Conversions are computed in the test by the shop's
currency service (the embedded one, over its EUR-based rate table): the total converted, or its
lines (or unit prices) converted and added up, any of which the answer may show; Swiss francs
and reais may be written with a space or the code ("CHF 110.53", "BRL 75.47").

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns,
two of the three ambiguous requests among them, were not reached; the tool calls were read from
a traced replay of the set, which failed the same twelve at the same turns):
- "hola! dos mugs por favor" called search_products(query="dos mugs por favor") ("Sorry, I
  don't have anything for "dos". The closest I have: Mug ($8.99).") instead of adding two mugs;
- "et en euros?" (after the watch rightly priced at $109.99) called search_products(query="et
  en") ("I couldn't find anything matching that. ...") instead of the watch's price in euros,
  €97.29, in passing;
- "Hallo! Bitte zwei jars and drei mugs" called search_products(query="bitte zwei jars drei
  mugs") ("Sorry, I don't have anything for "zwei" or "drei". The closest I have: Mug ($8.99)
  and Bamboo Glass Jar ($5.49).") instead of adding two jars and three mugs;
- "e in euro?" (after "ciao! quanto costa the hairdryer?" answered with $24.99 by a search for
  "quanto costa hairdryer": "Sorry, I don't have anything for "costa". The closest I have:
  Hairdryer ($24.99).") rightly called set_display_currency(currency="EUR",
  just_this_answer=True) but then get_product_details(product="e") (failed: "I couldn't find a
  product matching 'e' in the catalog.") instead of the hairdryer's price in euros;
- "quanto é em reais?" (after the sunglasses rightly shown at $19.99) called
  search_products(query="quanto é") ("I couldn't find anything matching that. ...") instead of
  the sunglasses' price in reais, R$75.47, in passing;
- "dos, por favor" right after the mug ($8.99) and the bamboo jar ($5.49) were rightly priced
  called get_product_details(product="dos") and get_product_details(product="por favor") (both
  failed: "I couldn't find a product matching 'dos' in the catalog. I couldn't find a product
  matching 'por favor' in the catalog.") instead of asking two of which (nothing written,
  rightly, but no question);
- "salut! combien for the sunglasses and the tank top?" called search_products(query="salt")
  and search_products(query="combien sunglasses tank top", category="tops") ("I found one
  match: Salt & Pepper Shakers ($18.49). Sorry, I don't have anything for "combien". The
  closest I have: Tank Top ($18.99).") instead of pricing the sunglasses ($19.99) and the tank
  top ($18.99);
- "Guten Tag! How much is the watch in Franken, bitte?" called get_product_details(product=
  "watch") and get_product_details(product="bitte") (failed) ("Watch costs $109.99. ... I
  couldn't find a product matching 'bitte' in the catalog.") instead of the watch's price in
  Swiss francs, CHF110.53, in passing;
- "perfetto, due" (after the kitchen products rightly shown and the shakers priced at $18.49,
  by get_product_details(product="quanto costa salt and pepper shakers"): "Sorry, I don't have
  quanto costa salt and pepper shakers as such; the closest is Salt & Pepper Shakers. ...")
  called no tool ("Sorry, I didn't understand that. ...") instead of adding two shakers;
- "oi! três candle holders, por favor" called search_products(query="três candle holders por
  favor") ("Sorry, I don't have anything for "tres". The closest I have: Candle Holder
  ($18.99).") instead of adding three candle holders;
- "cuánto son en yenes?" (after "buenas! I'd like the loafers, por favor" rightly added the
  loafers, though it also called add_to_cart(product="por favor"), failed: "... I couldn't find
  a product matching 'por favor' in the catalog.") called search_products(query="cuánto en
  yenes") ("I couldn't find anything matching that. ...") instead of the loafers' price in
  yen, ¥10,062, in passing;
- "Hallo! All prices in Euro bitte, from now on." called no tool ("Sorry, I didn't understand
  that. ...") instead of switching the display currency to euros for good.

Worked on since by general rules (the same session), 6 of 12 pass: the words of other
languages bilingual shoppers mix in are said in English before anything else reads the
message (`planner/other_languages.py`: courtesy, small words, question words, numbers, yes and
no, currency names, a few product words; a word that is English too only beside another of its
language, or as a count alone in a short message). The six still failing are marked xfail
(strict); the turns they stop at are in the bullets above, and what they still need is
mostly of other kinds: "bitte take one out" with two lines added together (asked, not
guessed), "die mug, bitte" as the answer, "dos, por favor" after two products priced (which?),
and "all prices in euros from now on" said with a greeting.
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
    LOAFERS,
    MUG,
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
    switched_for_good,
    switched_to,
    usd_total,
    writes_of,
)


async def test_hola_dos_mugs_jar_tambien_en_euros_sunglasses_no_gracias_one_mug_less(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("hola! dos mugs por favor")
    assert await cart_of(services) == {MUG: 2}
    assert "Mug" in first.text, first.text

    await shopper.say("y un bamboo jar también")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    euros = await shopper.say("cuánto es en euros?")
    await assert_says_price(euros, services, {MUG: 2, JAR: 1}, "EUR")  # $23.47

    sunglasses = await shopper.say("gracias. And how much are the sunglasses?")
    assert "$19.99" in sunglasses.text, sunglasses.text
    assert not writes_of(sunglasses), sunglasses.tool_calls

    await shopper.say("no, gracias. One mug less, por favor.")
    cart = {MUG: 1, JAR: 1}
    assert await cart_of(services) == cart  # no sunglasses

    final = await shopper.say("perfecto, show me my cart por favor")
    await assert_final_cart(final, services, cart)  # $14.48


async def test_bonjour_watch_et_en_euros_alert_90_euros_deux_candle_holders_oui_tank_top(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("bonjour! how much is the watch?")
    assert "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    euros = await shopper.say("et en euros?")
    await assert_says_price(euros, services, {WATCH: 1}, "EUR")  # $109.99

    alert = await shopper.say("trop cher. Tell me if it drops under 90 euros, merci")
    assert_alert(alert, "Watch", "EUR", 90)
    alerts = {("Watch", "EUR", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("deux candle holders, s'il vous plaît")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    tank = await shopper.say("merci! and the tank top, combien?")
    assert "$18.99" in tank.text, tank.text
    assert not writes_of(tank), tank.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    await shopper.say("oui, un tank top aussi")
    cart = {CANDLE_HOLDER: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("c'est tout. Show me my cart and my alerts")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $56.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_hallo_zwei_jars_drei_mugs_in_euro_take_one_out_asked_die_mug_sunglasses_ja(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Hallo! Bitte zwei jars and drei mugs")
    assert await cart_of(services) == {JAR: 2, MUG: 3}

    euros = await shopper.say("Total in Euro bitte")
    await assert_says_price(euros, services, {JAR: 2, MUG: 3}, "EUR")  # $37.95

    which = await shopper.say("Danke. Bitte take one out.")
    assert_asked(which)  # a jar or a mug?
    assert await cart_of(services) == {JAR: 2, MUG: 3}

    await shopper.say("Die mug, bitte.")
    assert await cart_of(services) == {JAR: 2, MUG: 2}

    sunglasses = await shopper.say("Und the sunglasses - how much?")
    assert "$19.99" in sunglasses.text, sunglasses.text
    assert not writes_of(sunglasses), sunglasses.tool_calls

    await shopper.say("Ja, add them")
    cart = {JAR: 2, MUG: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Danke schön, show me my cart")
    await assert_final_cart(final, services, cart)  # $48.95


async def test_ciao_quanto_costa_hairdryer_e_in_euro_due_candle_holder_loafers_alert_just_one(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("ciao! quanto costa the hairdryer?")
    assert "$24.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    euros = await shopper.say("e in euro?")
    await assert_says_price(euros, services, {HAIRDRYER: 1}, "EUR")  # $24.99

    await shopper.say("ok, due please")
    assert await cart_of(services) == {HAIRDRYER: 2}

    await shopper.say("grazie. And a candle holder")
    assert await cart_of(services) == {HAIRDRYER: 2, CANDLE_HOLDER: 1}

    alert = await shopper.say("per favore, alert me if the loafers drop below 80 dollars")
    assert_alert(alert, "Loafers", "USD", 80)
    alerts = {("Loafers", "USD", 80)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {HAIRDRYER: 2, CANDLE_HOLDER: 1}

    await shopper.say("mmm, just one hairdryer, per favore")
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("grazie mille! cart and alerts please")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $43.98


async def test_ola_sunglasses_em_reais_sim_duas_mug_obrigado_total_dollars_only_one_pair(
    shopper: Conversation, services: AgentServices
) -> None:
    found = await shopper.say("olá! do you have sunglasses?")
    assert shown_names(found)[0] == "Sunglasses", shown_names(found)
    assert "$19.99" in found.text, found.text
    assert not writes_of(found), found.tool_calls

    reais = await shopper.say("quanto é em reais?")
    await assert_says_price(reais, services, {SUNGLASSES: 1}, "BRL")  # $19.99

    await shopper.say("sim, duas, por favor")
    assert await cart_of(services) == {SUNGLASSES: 2}

    await shopper.say("and one mug, obrigado")
    cart = {SUNGLASSES: 2, MUG: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("what is my total in dollars?")
    assert usd_total(cart) in total.text, total.text  # $48.97
    assert not writes_of(total), total.tool_calls

    await shopper.say("only one pair of sunglasses, por favor")
    cart = {SUNGLASSES: 1, MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("obrigado, that's all. Show me the cart")
    await assert_final_cart(final, services, cart)  # $28.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_hola_mug_and_jar_prices_dos_asked_la_taza_tres_jars_en_libras_one_jar_less(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("hola, how much are the mug and the bamboo jar?")
    assert "$8.99" in prices.text and "$5.49" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("dos, por favor")
    assert_asked(which)  # two mugs or two jars?
    assert await cart_of(services) == {}

    await shopper.say("la taza, dos")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("y tres jars")
    assert await cart_of(services) == {MUG: 2, JAR: 3}

    pounds = await shopper.say("total en libras, por favor")
    await assert_says_price(pounds, services, {MUG: 2, JAR: 3}, "GBP")  # $34.45

    await shopper.say("no, gracias, one jar less")
    cart = {MUG: 2, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("vale, show me my cart")
    await assert_final_cart(final, services, cart)  # $28.96


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_salut_sunglasses_and_tank_top_alert_on_it_asked_les_sunglasses_deux_tank_tops(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("salut! combien for the sunglasses and the tank top?")
    assert "$19.99" in prices.text and "$18.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("merci. Tell me if it drops under 15 euros")
    assert_asked(which)  # the sunglasses or the tank top?
    assert await alerts_of(services) == set()

    alert = await shopper.say("les sunglasses")
    assert_alert(alert, "Sunglasses", "EUR", 15)
    alerts = {("Sunglasses", "EUR", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("et le tank top: deux, s'il vous plaît")
    assert await cart_of(services) == {TANK_TOP: 2}

    euros = await shopper.say("total en euros?")
    await assert_says_price(euros, services, {TANK_TOP: 2}, "EUR")  # $37.98

    await shopper.say("oui, and one candle holder too")
    cart = {TANK_TOP: 2, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("parfait, merci. My cart and my alerts?")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $56.97


async def test_guten_tag_watch_in_franken_alert_100_franken_loafers_ja_vier_jars_only_zwei(
    shopper: Conversation, services: AgentServices
) -> None:
    francs = await shopper.say("Guten Tag! How much is the watch in Franken, bitte?")
    await assert_says_price(francs, services, {WATCH: 1}, "CHF")  # $109.99

    alert = await shopper.say("Zu teuer. Alert me when it falls below 100 Franken, bitte.")
    assert_alert(alert, "Watch", "CHF", 100)
    alerts = {("Watch", "CHF", 100)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    loafers = await shopper.say("Und the loafers - wie viel?")
    assert "$89.99" in loafers.text, loafers.text
    assert not writes_of(loafers), loafers.tool_calls

    await shopper.say("Ja, bitte, add them")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("und vier jars")
    assert await cart_of(services) == {LOAFERS: 1, JAR: 4}

    await shopper.say("Nein, sorry - only zwei jars.")
    cart = {LOAFERS: 1, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Danke! Show me my cart and my alerts, bitte.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $100.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_buongiorno_kitchen_shakers_perfetto_due_tre_mugs_scusi_shakers_out_in_euro(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("buongiorno! what do you have for the kitchen?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    shakers = await shopper.say("quanto costa the salt and pepper shakers?")
    assert "$18.49" in shakers.text, shakers.text
    assert not writes_of(shakers), shakers.tool_calls

    await shopper.say("perfetto, due")
    assert await cart_of(services) == {SHAKERS: 2}

    await shopper.say("e tre mugs")
    assert await cart_of(services) == {SHAKERS: 2, MUG: 3}

    await shopper.say("no, scusi, take the shakers out")
    cart = {MUG: 3}
    assert await cart_of(services) == cart

    euros = await shopper.say("e il totale in euro?")
    await assert_says_price(euros, services, cart, "EUR")  # $26.97

    final = await shopper.say("grazie, basta così. Show me my cart.")
    await assert_final_cart(final, services, cart)  # $26.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_oi_tres_candle_holders_watch_nao_obrigado_alert_90_just_dois_euros_hairdryer(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("oi! três candle holders, por favor")
    assert await cart_of(services) == {CANDLE_HOLDER: 3}

    watch = await shopper.say("e o watch, quanto custa?")
    assert "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 3}

    alert = await shopper.say("não, obrigado, too expensive. Tell me if it drops under 90 dollars.")
    assert_alert(alert, "Watch", "USD", 90)
    alerts = {("Watch", "USD", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {CANDLE_HOLDER: 3}

    await shopper.say("just dois candle holders, por favor")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    euros = await shopper.say("quanto é em euros?")
    await assert_says_price(euros, services, {CANDLE_HOLDER: 2}, "EUR")  # $37.98

    await shopper.say("e um hairdryer, obrigado")
    cart = {CANDLE_HOLDER: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("obrigado, that's all - show me my cart and alerts")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $62.97


async def test_buenas_loafers_en_yenes_el_mug_si_cuatro_hairdryer_alert_loafers_out_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("buenas! I'd like the loafers, por favor")
    assert await cart_of(services) == {LOAFERS: 1}

    yen = await shopper.say("cuánto son en yenes?")
    await assert_says_price(yen, services, {LOAFERS: 1}, "JPY")  # $89.99

    mug = await shopper.say("¿y el mug? how much?")
    assert "$8.99" in mug.text, mug.text
    assert not writes_of(mug), mug.tool_calls

    await shopper.say("sí, cuatro")
    assert await cart_of(services) == {LOAFERS: 1, MUG: 4}

    alert = await shopper.say("and tell me if the hairdryer goes under 20 dollars, gracias")
    assert_alert(alert, "Hairdryer", "USD", 20)
    alerts = {("Hairdryer", "USD", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {LOAFERS: 1, MUG: 4}

    await shopper.say("mmm, no - take the loafers out, por favor.")
    cart = {MUG: 4}
    assert await cart_of(services) == cart

    total = await shopper.say("vale. What's my total in dollars?")
    assert usd_total(cart) in total.text, total.text  # $35.96
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("gracias! show me my cart and my alerts")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $35.96


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_hallo_euro_bitte_from_now_on_tank_top_drei_die_sonnenbrille_zwei_only_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Hallo! All prices in Euro bitte, from now on.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    tank = await shopper.say("Wie viel ist the tank top?")
    await assert_says_price(tank, services, {TANK_TOP: 1}, "EUR", passing=False)  # $18.99

    await shopper.say("Gut, drei bitte")
    assert await cart_of(services) == {TANK_TOP: 3}

    await shopper.say("und die Sonnenbrille")
    assert await cart_of(services) == {TANK_TOP: 3, SUNGLASSES: 1}

    total = await shopper.say("What is my total?")
    await assert_says_price(
        total, services, {TANK_TOP: 3, SUNGLASSES: 1}, "EUR", passing=False
    )  # $76.96, in euros still

    await shopper.say("Nein, zwei tank tops only")
    cart = {TANK_TOP: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Danke. Back to dollars bitte, and show me my cart")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $57.97
