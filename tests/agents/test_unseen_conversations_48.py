"""A forty-eighth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is money as people write it,
six to eight turns each: amounts and currencies in every everyday form - "$19.99", "19.99
dollars", "20 bucks", "a tenner", "fifteen quid", "£15-ish", "15 pounds 50", "12 pounds 50",
"twenty euros fifty", "€22,50" (a decimal comma), "1.5k yen", "2,000 yen", "three thousand
yen", "100 CHF", "CHF 100", "in Swiss francs", "in kronor", "200 SEK", "A$30", "30 AUD",
"Aussie dollars", "Canadian", "under a fiver", "between 10 and 20 quid", "no more than 25
dollars", "at most 80 euros", "less than a hundred", "around 20 dollars", "half price", "a
dollar cheaper", "the $19.99 one" - in searches with price limits (what is shown must fit the
limit as the shop's currency service converts it, and everything that fits is shown when the
shopper asks what there is), price alerts (the target's currency and amount exactly, cents
included: "a dollar cheaper" than $19.99 is $18.99, "12 pounds 50" is £12.50), prices and cart
totals in another currency asked in passing, and budgets ("I've got 40 quid to spend": what is
left, and no mug added when it would not fit; "if it keeps me under three thousand yen, add a
bamboo jar": added; "and the hairdryer too, if it still fits": not added). Five turns must be
asked about or declined, nothing written: "Alert me if they drop below 15." right after the
sunglasses were priced in euros and in pounds (and are in dollars), "Alert me when it's under
140." right after the watch was priced in Canadian and in Australian dollars, and prices "in
bitcoin", "in Argentine pesos" and "everything in bitcoin from now on" (currencies the shop
does not support: no switch, nothing written). Every conversation ends with a check of the
cart (product id -> quantity) in Online Boutique, and of the alerts where any were set.
Conversions are computed in the test by the shop's currency service (the embedded one, over
its EUR-based rate table): the total converted, or its lines (or unit prices) converted and
added up, any of which the answer may show, by its formatted amount or by its number next to
the currency's symbol, code or name.

First run: 2 of 12 passed. One mistake was the test's own and was fixed: the set of catalog
products the price-limit checks convert was built from the names instead of the ids (a
KeyError at the first such check in seven conversations). With it fixed, 4 of 12 pass (the yen,
Swiss franc, kronor and 40-quid conversations). Two of those pass on answers weaker than a
careful assistant's, which the expectations did not pin down: "And the hairdryer too, if it
still fits in the three thousand." only called get_product_details ("Hairdryer costs $24.99.
...") without saying it does not fit (nothing added, rightly), and "Could I also afford a mug
with what's left?" answered "No, there's no afford mug in your cart. ..." (no mug added,
rightly, but not because £6.84 is more than the £5.79 left). The eight failures are the
assistant's (each conversation stops at its first wrong turn; the tool calls were read from a
logged replay of the same run):
- "Tell me if they get a dollar cheaper." (after the search for 20 bucks or less and "the
  $19.99 one" added, both rightly done) called no tool ("At what price should I alert you?")
  instead of an alert on the sunglasses at $18.99;
- "I'm counting in pounds today. Anything under a fiver?" called search_products(max_price="5")
  in dollars ("I couldn't find any products under $5.00.") instead of looking under £5 (the
  Bamboo Glass Jar);
- "Alert me if they go half price." (euros from now on, the loafers at €79.60 for at most 80
  euros, both rightly done) called no tool ("At what price should I alert you?") instead of an
  alert on the loafers at half price (€39.80);
- "What about in Argentine pesos?" (after A$30, the 30 AUD alert, two candle holders and their
  total in Aussie and Canadian dollars, all rightly done) called set_display_currency("MXN",
  just_this_answer) and get_product_details(product="argentine") ("I couldn't find a product
  matching 'argentine' in the catalog.") instead of saying it cannot show Argentine pesos;
- "How much are the sunglasses in euros and in pounds?" switched to GBP only ("Sunglasses costs
  £15.20. ...") instead of giving both prices (€17.68 and £15.20);
- "What can I get for 15 pounds 50?" (after the accessories for less than a hundred, the
  hairdryer for no more than 25 dollars and its alert at 19.99 dollars, all rightly done)
  called search_products(max_price="15", price_currency="GBP") (five products, no Sunglasses)
  instead of a limit of £15.50, which the Sunglasses (£15.20) fit;
- "Show me things that are £15-ish." called search_products(query="ish", max_price="15",
  price_currency="GBP") ("Nothing matched "ish" exactly, but these fit your budget: Tank Top,
  Candle Holder, Salt & Pepper Shakers, Bamboo Glass Jar and Mug") instead of the things around
  £15, the Sunglasses (£15.20) among them and not the jar and the mug;
- "How much is the watch in Canadian dollars? And in Australian?" called set_display_currency(
  "AUD") for good and answered only "Watch costs A$156.37. ..." instead of both prices in
  passing (CA$147.19 and A$156.37).

Worked on since by general rules (the same session), 7 of 12 pass; the five still failing are
marked xfail (strict), their first wrong turns possibly later than the bullets above: "a dollar
cheaper" is a $1 drop, "if they go half price" a 50 % drop, "Argentine pesos" ARS (refused by
the shop, never Mexican pesos), "15 pounds 50" £15.50. Left: a budget said in another
currency for the day ("I'm counting in pounds today. Anything under a fiver?"); two currencies
asked in one message for a product's price ("in euros and in pounds", "in Canadian dollars?
And in Australian?": the tools convert into one currency per answer); "£15-ish" as about £15;
and "would a $5.49 jar keep me under 45?" after a budget question.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

import pytest

from cartmate.agent_runtime.services import AgentServices
from cartmate.money import Money
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
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
    cart_of,
    costs_in,
    in_currency,
    in_passing,
    listed_alerts,
    result_of,
    said_no,
    shown_names,
    switched_for_good,
    switched_to,
    understood,
    usd_total,
    writes_of,
)

#: Words by which an answer declines, or says it cannot do something.
_NO = (
    "can't", "cannot", "can not", "unable", "not able", "don't have", "do not have",
    "not something", "isn't something", "only help", "not possible", "won't", "not available",
    "not allowed", "i'm afraid", "don't support", "do not support", "not supported",
    "isn't supported", "unsupported", "only show", "only use", "don't offer", "do not offer",
)  # fmt: skip
NEGATIVE = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})

#: How an answer may name a currency next to a bare number ("110.52 CHF", "A$ 54.00").
_MARKS = {
    "USD": ("$", "USD", "dollar"),
    "EUR": ("€", "EUR", "euro"),
    "GBP": ("£", "GBP", "pound"),
    "JPY": ("¥", "JPY", "yen"),
    "CHF": ("CHF", "Swiss franc"),
    "SEK": ("SEK", "kr", "kronor", "krona"),
    "AUD": ("A$", "AU$", "AUD", "Australian"),
    "CAD": ("CA$", "C$", "CAD", "Canadian"),
}
NAME = {product_id: name for name, product_id in ID.items()}
EVERYTHING = set(ID.values())


def says_money(text: str, amount: Money) -> bool:
    """The text states `amount`: as the shop formats it, or its number (not part of a longer
    one) with the currency's symbol, code or name somewhere in the answer."""
    formatted = amount.format()
    if formatted in text:
        return True
    found = re.search(r"\d[\d,]*(?:\.\d+)?", formatted)
    assert found, formatted
    number = re.escape(found.group())
    if not re.search(rf"(?<![\d.,]){number}(?!\d|[.,]\d)", text):
        return False
    lowered = text.lower()
    return any(m.lower() in lowered for m in _MARKS.get(amount.currency_code, ()))


async def assert_price_in(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str, passing: bool = True
) -> None:
    """The answer states what `cart` (or one product) costs in `code`; the display currency is
    not changed for good unless `passing` is False; nothing written."""
    candidates = await costs_in(services, cart, code)
    assert any(says_money(turn.text, c) for c in candidates), (
        [c.format() for c in candidates],
        turn.text,
    )
    if passing:
        assert in_passing(turn), turn.tool_calls
    assert not writes_of(turn), turn.tool_calls


async def fitting(
    services: AgentServices, code: str, high: str, low: str | None = None
) -> set[str]:
    """The names of the catalog products whose price in `code` is within the limits."""
    names = set()
    for product_id in EVERYTHING:
        price = (await in_currency(services, PRICE[product_id], code)).to_decimal()
        if price <= Decimal(high) and (low is None or price >= Decimal(low)):
            names.add(NAME[product_id])
    return names


async def assert_all_fit(
    turn: Turn, services: AgentServices, code: str, high: str, low: str | None = None
) -> list[str]:
    """Every product shown costs within the limits in `code`; their names, in order."""
    allowed = await fitting(services, code, high, low)
    names = shown_names(turn)
    assert set(names) <= allowed, (names, allowed)
    assert not writes_of(turn), turn.tool_calls
    return names


async def exact_alerts(services: AgentServices) -> set[tuple[str, str, Decimal]]:
    """The shopper's alerts with their targets to the cent: (name, currency, amount)."""
    return {
        (a.product_name, a.target.currency_code, a.target.to_decimal())
        for a in await services.alerts.list("shopper")
    }


def assert_refused_currency(turn: Turn) -> None:
    """A currency the shop does not support: said so (or asked), no switch, nothing written."""
    assert understood(turn), turn.text
    assert said_no(turn, NEGATIVE) or "?" in turn.text, turn.text
    assert not switched_to(turn), turn.tool_results
    assert not writes_of(turn), turn.tool_calls


def half_price(price: Money) -> Decimal:
    """Half of `price`, to the cent below."""
    return (price.to_decimal() / 2).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_20_bucks_or_less_the_1999_one_a_dollar_cheaper_euros_under_40_would_a_549_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("What have you got for 20 bucks or less?")
    names = await assert_all_fit(cheap, services, "USD", "20")
    assert set(names) == await fitting(services, "USD", "20"), names  # the sunglasses included

    await shopper.say("Put the $19.99 one in my cart.")
    assert await cart_of(services) == {SUNGLASSES: 1}

    cheaper = await shopper.say("Tell me if they get a dollar cheaper.")
    assert_alert(cheaper, "Sunglasses", "USD", 18)
    assert await exact_alerts(services) == {("Sunglasses", "USD", Decimal("18.99"))}
    assert await cart_of(services) == {SUNGLASSES: 1}

    euros = await shopper.say("How much are they in euros?")
    await assert_price_in(euros, services, {SUNGLASSES: 1}, "EUR")  # $19.99

    under = await shopper.say("Add a tank top too. Am I still under 40 dollars?")
    cart = {SUNGLASSES: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart
    assert usd_total(cart) in under.text, under.text  # $38.98: yes

    jar = await shopper.say("And would a $5.49 jar keep me under 45?")
    assert "$44.47" in jar.text, jar.text  # $38.98 + $5.49: yes, only asked
    assert not writes_of(jar), jar.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, {("Sunglasses", "USD", 18)})  # $38.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_pounds_under_a_fiver_between_10_and_20_quid_hairdryer_tenner_alert_mugs_for_15(
    shopper: Conversation, services: AgentServices
) -> None:
    fiver = await shopper.say("I'm counting in pounds today. Anything under a fiver?")
    names = await assert_all_fit(fiver, services, "GBP", "5")
    assert set(names) == await fitting(services, "GBP", "5"), names  # the bamboo jar

    between = await shopper.say("And between 10 and 20 quid?")
    names = await assert_all_fit(between, services, "GBP", "20", "10")
    assert set(names) == await fitting(services, "GBP", "20", "10"), names

    await shopper.say("Add the hairdryer, if it's really under twenty quid.")
    assert await cart_of(services) == {HAIRDRYER: 1}  # £19.00

    tenner = await shopper.say("Let me know when the candle holder drops to a tenner.")
    assert_alert(tenner, "Candle Holder", "GBP", 10)
    alerts = {("Candle Holder", "GBP", 10)}
    assert await alerts_of(services) == alerts

    mugs = await shopper.say("How many mugs could I get for fifteen quid?")
    assert re.search(r"\b(?:two|2)\b(?![.,]\d)", mugs.text, re.IGNORECASE), mugs.text  # £6.84
    assert not writes_of(mugs), mugs.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("Add two then.")
    cart = {HAIRDRYER: 1, MUG: 2}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my cart in pounds?")
    await assert_price_in(pounds, services, cart, "GBP", passing=False)  # $42.97

    final = await shopper.say("Back to dollars now - show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $42.97


async def test_yen_under_1_5k_up_to_three_thousand_alert_2000_yen_mugs_jar_fits_hairdryer_not(
    shopper: Conversation, services: AgentServices
) -> None:
    small = await shopper.say("Show me things under 1.5k yen.")
    names = await assert_all_fit(small, services, "JPY", "1500")
    assert set(names) == await fitting(services, "JPY", "1500"), names  # the jar and the mug

    more = await shopper.say("What about up to three thousand yen?")
    names = await assert_all_fit(more, services, "JPY", "3000")
    assert set(names) == await fitting(services, "JPY", "3000"), names

    alert = await shopper.say("Alert me if the sunglasses drop under 2,000 yen.")
    assert_alert(alert, "Sunglasses", "JPY", 2000)
    alerts = {("Sunglasses", "JPY", 2000)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("Add two mugs.")
    assert await cart_of(services) == {MUG: 2}

    yen = await shopper.say("What's my total in yen?")
    await assert_price_in(yen, services, {MUG: 2}, "JPY")  # $17.98

    await shopper.say("If it keeps me under three thousand yen, add a bamboo jar.")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart  # about ¥2,624: it fits

    over = await shopper.say("And the hairdryer too, if it still fits in the three thousand.")
    assert await cart_of(services) == cart  # about ¥2,794 more: it does not
    assert "hairdryer" in over.text.lower(), over.text
    assert not writes_of(over), over.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $23.47


async def test_euros_for_good_shoes_at_most_80_half_price_sunglasses_20_50_seen_at_22_comma_50(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Switch me to euros from now on, please.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    shoes = await shopper.say("Any shoes for at most 80 euros?")
    names = await assert_all_fit(shoes, services, "EUR", "80")
    assert names[0] == "Loafers", names
    eur_loafers = await in_currency(services, PRICE[LOAFERS], "EUR")
    assert says_money(shoes.text, eur_loafers), (eur_loafers.format(), shoes.text)

    half = await shopper.say("Alert me if they go half price.")
    alert = result_of(half, "create_price_alert")["alert"]
    assert alert["product_name"] == "Loafers", alert
    usd_loafers = Money.from_decimal(PRICE[LOAFERS], "USD")
    assert (alert["target"]["currency_code"], alert["target"]["units"]) in {
        ("EUR", int(half_price(eur_loafers))),  # €39.80
        ("USD", int(half_price(usd_loafers))),  # $44.99
    }, alert
    assert await cart_of(services) == {}

    sunglasses = await shopper.say("Do you have sunglasses for twenty euros fifty or less?")
    names = await assert_all_fit(sunglasses, services, "EUR", "20.50")
    assert names[0] == "Sunglasses", names
    eur_sunglasses = await in_currency(services, PRICE[SUNGLASSES], "EUR")
    assert says_money(sunglasses.text, eur_sunglasses), sunglasses.text

    seen = await shopper.say("I saw them for €22,50 somewhere else - is yours cheaper?")
    assert says_money(seen.text, eur_sunglasses), (eur_sunglasses.format(), seen.text)
    assert "2,250" not in seen.text and "2250" not in seen.text, seen.text  # €22.50
    assert not writes_of(seen), seen.tool_calls

    await shopper.say("Add them.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    hairdryer = await shopper.say("Alert me when the hairdryer is at most 20 euros.")
    assert_alert(hairdryer, "Hairdryer", "EUR", 20)
    alerts = {
        ("Hairdryer", "EUR", 20),
        ("Loafers", alert["target"]["currency_code"], alert["target"]["units"]),
    }
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Back to dollars, and show me my cart and my alerts.")
    assert switched_to(final, "USD"), final.tool_results
    assert listed_alerts(final) == ["Hairdryer", "Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_watch_in_swiss_francs_below_100_chf_what_for_chf_100_loafers_total_move_to_105(
    shopper: Conversation, services: AgentServices
) -> None:
    francs = await shopper.say("How much is the watch in Swiss francs?")
    await assert_price_in(francs, services, {WATCH: 1}, "CHF")  # $109.99

    alert = await shopper.say("Alert me if it drops below 100 CHF.")
    assert_alert(alert, "Watch", "CHF", 100)
    assert await alerts_of(services) == {("Watch", "CHF", 100)}

    hundred = await shopper.say("What can I get for CHF 100 or less?")
    names = await assert_all_fit(hundred, services, "CHF", "100")
    assert set(names) == await fitting(services, "CHF", "100"), names  # all but the watch

    await shopper.say("Add the loafers.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("What's my cart total in Swiss francs?")
    await assert_price_in(total, services, cart, "CHF")  # $89.99

    moved = await shopper.say("Make the watch alert CHF 105 instead.")
    assert_alert(moved, "Watch", "CHF", 105)
    alerts = {("Watch", "CHF", 105)}
    assert await alerts_of(services) == alerts  # replaced, not one more
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $89.99


async def test_hairdryer_in_kronor_in_bitcoin_refused_add_it_under_200_sek_mug_total_mug_70(
    shopper: Conversation, services: AgentServices
) -> None:
    kronor = await shopper.say("How much is the hairdryer in kronor?")
    await assert_price_in(kronor, services, {HAIRDRYER: 1}, "SEK")  # $24.99

    bitcoin = await shopper.say("And in bitcoin?")
    assert_refused_currency(bitcoin)

    await shopper.say("OK, add it then.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    alert = await shopper.say("Alert me if it drops under 200 SEK.")
    assert_alert(alert, "Hairdryer", "SEK", 200)
    assert await alerts_of(services) == {("Hairdryer", "SEK", 200)}

    total = await shopper.say("Add a mug too. What's my total in Swedish kronor now?")
    cart = {HAIRDRYER: 1, MUG: 1}
    assert await cart_of(services) == cart
    candidates = await costs_in(services, cart, "SEK")  # $33.98
    assert any(says_money(total.text, c) for c in candidates), total.text
    assert in_passing(total), total.tool_calls

    mug = await shopper.say("Tell me if the mug drops below 70 kronor.")
    assert_alert(mug, "Mug", "SEK", 70)
    alerts = {("Hairdryer", "SEK", 200), ("Mug", "SEK", 70)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer", "Mug"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $33.98


async def test_under_a30_hairdryer_at_30_aud_two_candle_holders_aussie_canadian_pesos_refused(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("What have you got under A$30?")
    names = await assert_all_fit(under, services, "AUD", "30")
    assert set(names) == await fitting(services, "AUD", "30"), names

    alert = await shopper.say("Alert me if the hairdryer drops to 30 AUD.")
    assert_alert(alert, "Hairdryer", "AUD", 30)
    alerts = {("Hairdryer", "AUD", 30)}
    assert await alerts_of(services) == alerts

    await shopper.say("Put two candle holders in my cart.")
    cart = {CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    aussie = await shopper.say("What's that in Aussie dollars?")
    await assert_price_in(aussie, services, cart, "AUD")  # $37.98

    canadian = await shopper.say("And in Canadian?")
    await assert_price_in(canadian, services, cart, "CAD")

    pesos = await shopper.say("What about in Argentine pesos?")
    assert_refused_currency(pesos)
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $37.98


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_sunglasses_in_euros_and_pounds_below_15_asked_pounds_around_20_closest_watch_90(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("How much are the sunglasses in euros and in pounds?")
    eur = await in_currency(services, PRICE[SUNGLASSES], "EUR")
    gbp = await in_currency(services, PRICE[SUNGLASSES], "GBP")
    assert says_money(both.text, eur) and says_money(both.text, gbp), both.text
    assert in_passing(both), both.tool_calls
    assert not writes_of(both), both.tool_calls

    which = await shopper.say("Alert me if they drop below 15.")
    assert_asked(which)  # 15 euros, pounds or dollars?
    assert await alerts_of(services) == set()

    pounds = await shopper.say("Pounds.")
    assert_alert(pounds, "Sunglasses", "GBP", 15)
    assert await alerts_of(services) == {("Sunglasses", "GBP", 15)}

    around = await shopper.say("Now, what have you got around 20 dollars?")
    names = set(shown_names(around))
    assert {"Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers"} <= names, names
    assert not names & {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"}, names
    assert not writes_of(around), around.tool_calls

    await shopper.say("Add the one closest to 20 bucks.")
    cart = {SUNGLASSES: 1}  # $19.99
    assert await cart_of(services) == cart

    watch = await shopper.say("And tell me if the watch drops under 90 euros.")
    assert_alert(watch, "Watch", "EUR", 90)
    alerts = {("Sunglasses", "GBP", 15), ("Watch", "EUR", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_40_quid_budget_hairdryer_sunglasses_left_no_mug_swap_for_jar_left_now_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = await shopper.say("I've got 40 quid to spend.")
    assert understood(budget), budget.text
    assert not writes_of(budget), budget.tool_calls
    for call in budget.calls("set_budget"):
        assert str(call.get("currency")).upper() == "GBP", call
        assert Decimal(str(call.get("amount"))) == 40, call
    assert await cart_of(services) == {}

    await shopper.say("Add the hairdryer and the sunglasses.")
    cart = {HAIRDRYER: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    forty = Money.from_decimal(Decimal(40), "GBP")
    left = await shopper.say("How much have I got left?")
    lefts = [forty - spent for spent in await costs_in(services, cart, "GBP")]  # about £5.80
    assert any(says_money(left.text, m) for m in lefts), ([m.format() for m in lefts], left.text)
    assert not writes_of(left), left.tool_calls

    mug = await shopper.say("Could I also afford a mug with what's left?")
    assert await cart_of(services) == cart  # about £6.84: no
    assert "mug" in mug.text.lower(), mug.text
    assert not writes_of(mug), mug.tool_calls

    await shopper.say("Then swap the sunglasses for a bamboo jar.")
    cart = {HAIRDRYER: 1, JAR: 1}
    assert await cart_of(services) == cart

    now = await shopper.say("How much of my 40 quid is left now?")
    lefts = [forty - spent for spent in await costs_in(services, cart, "GBP")]  # about £16.83
    assert any(says_money(now.text, m) for m in lefts), ([m.format() for m in lefts], now.text)
    assert not writes_of(now), now.tool_calls

    final = await shopper.say("Show me my cart in dollars.")
    await assert_final_cart(final, services, cart)  # $30.48


async def test_accessories_less_than_a_hundred_hair_25_dollars_at_19_99_15_pounds_50_tank_12_50(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("What accessories do you have for less than a hundred?")
    assert set(shown_names(accessories)) == {"Sunglasses"}, shown_names(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    hair = await shopper.say("Anything for your hair for no more than 25 dollars?")
    names = await assert_all_fit(hair, services, "USD", "25")
    assert names[0] == "Hairdryer", names

    await shopper.say("Add it.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    alert = await shopper.say("Tell me when it's 19.99 dollars.")
    assert_alert(alert, "Hairdryer", "USD", 19)
    assert await exact_alerts(services) == {("Hairdryer", "USD", Decimal("19.99"))}

    fifteen = await shopper.say("What can I get for 15 pounds 50?")
    names = await assert_all_fit(fifteen, services, "GBP", "15.50")
    assert set(names) == await fitting(services, "GBP", "15.50"), names
    assert await cart_of(services) == {HAIRDRYER: 1}

    tank = await shopper.say("Alert me if the tank top drops to 12 pounds 50.")
    assert_alert(tank, "Tank Top", "GBP", 12)
    assert await exact_alerts(services) == {
        ("Hairdryer", "USD", Decimal("19.99")),
        ("Tank Top", "GBP", Decimal("12.50")),
    }

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer", "Tank Top"], final.tool_results
    alerts = {("Hairdryer", "USD", 19), ("Tank Top", "GBP", 12)}
    await assert_final_cart(final, services, {HAIRDRYER: 1}, alerts)  # $24.99


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_15ish_pounds_closest_to_fifteen_quid_and_shakers_pounds_tenner_watch_half_price(
    shopper: Conversation, services: AgentServices
) -> None:
    ish = await shopper.say("Show me things that are £15-ish.")
    names = set(shown_names(ish))
    assert {"Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers"} <= names, names
    assert not names & {"Bamboo Glass Jar", "Mug", "Loafers", "Watch"}, names
    assert not writes_of(ish), ish.tool_calls

    closest = await shopper.say("Which one is closest to fifteen quid?")
    assert "Sunglasses" in closest.text, closest.text  # £15.20
    assert not writes_of(closest), closest.tool_calls

    await shopper.say("Put that in my cart, and the salt and pepper shakers too.")
    cart = {SUNGLASSES: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_price_in(pounds, services, cart, "GBP")  # $38.48

    tenner = await shopper.say("Alert me if the shakers drop to a tenner.")
    assert_alert(tenner, "Salt & Pepper Shakers", "GBP", 10)
    assert await alerts_of(services) == {("Salt & Pepper Shakers", "GBP", 10)}

    half = await shopper.say("And the watch - let me know if it's ever half price.")
    alert = result_of(half, "create_price_alert")["alert"]
    assert alert["product_name"] == "Watch", alert
    gbp_watch = await in_currency(services, PRICE[WATCH], "GBP")
    usd_watch = Money.from_decimal(PRICE[WATCH], "USD")
    watch = (alert["target"]["currency_code"], alert["target"]["units"])
    assert watch in {("USD", int(half_price(usd_watch))), ("GBP", int(half_price(gbp_watch)))}
    alerts = {("Salt & Pepper Shakers", "GBP", 10), ("Watch", *watch)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Salt & Pepper Shakers", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $38.48


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_watch_in_canadian_and_australian_under_140_asked_canadian_jars_bitcoin_refused(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("How much is the watch in Canadian dollars? And in Australian?")
    cad = await in_currency(services, PRICE[WATCH], "CAD")
    aud = await in_currency(services, PRICE[WATCH], "AUD")
    assert says_money(both.text, cad) and says_money(both.text, aud), both.text
    assert in_passing(both), both.tool_calls
    assert not writes_of(both), both.tool_calls

    which = await shopper.say("Alert me when it's under 140.")
    assert_asked(which)  # Canadian or Australian dollars?
    assert await alerts_of(services) == set()

    canadian = await shopper.say("Canadian.")
    assert_alert(canadian, "Watch", "CAD", 140)
    alerts = {("Watch", "CAD", 140)}
    assert await alerts_of(services) == alerts

    cheap = await shopper.say("What's cheaper than 10 Canadian dollars?")
    names = await assert_all_fit(cheap, services, "CAD", "10")
    assert set(names) == await fitting(services, "CAD", "10"), names  # the bamboo jar

    await shopper.say("Add three of those.")
    cart = {JAR: 3}
    assert await cart_of(services) == cart

    bitcoin = await shopper.say("Show me everything in bitcoin from now on.")
    assert_refused_currency(bitcoin)
    assert await cart_of(services) == cart

    total = await shopper.say("What's my total in Canadian?")
    await assert_price_in(total, services, cart, "CAD")  # $16.47

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $16.47
