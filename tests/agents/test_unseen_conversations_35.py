"""A thirty-fifth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is comparing Online Boutique's
prices with other retailers when the web search DOES answer: a fake Perplexity server on
loopback (the real wire format) returns offers chosen per conversation (the watch at "Acme
Watches" for $99.50 and at "Time Store" for $119.00, the loafers at "Shoe Barn" for $79.00 and
at "Footloose" for £66.00 - more than Shoe Barn once converted -, the mug at "Kaffeehaus" for
€7.20 and at "Mug World" for $9.50, the sunglasses at "Sunny Days" for $14.99 but out of stock
and at "Shade Co" for $17.49, the hairdryer at "Beauty Hub" for $27.99, above the shop's own
price, the shakers at "Kitchen Corner" for $21.00), mixed with price alerts and the cart, six
to eight turns each: "Is the watch cheaper anywhere else?", "Where's the cheapest place to get
the loafers?" (two shops), "Compare the mug's price with other shops in euros", the loafers
compared in pounds, "which shop was that?", "how much would I save buying it there?", "is 95
dollars for the watch a good deal?" (below both prices: yes), "is 100 dollars for the watch a
good deal?" (below the shop's, above Acme's), "tell me if yours drops to what Acme charges" (an
alert at the cheapest offer's price, to the cent, in dollars or in euros when the shopper
switched to euros), "ok add it here anyway", "compare the sunglasses too", "and the first thing
I compared?", "is anything in my cart cheaper elsewhere?". The cheapest place to buy is one
that has the product in stock (an out-of-stock shop may be named only as out of stock), and
savings "there" are against that shop. Two conversations have a web search that fails (the fake
answers 500, or too slowly for the client's timeout): the assistant must still give the shop's
own price and say plainly that the comparison could not be done, naming no retailer and stating
no other price. Two requests are genuinely ambiguous and must be asked about, nothing written
nor compared: "Compare it with other shops." right after the watch and the sunglasses were both
priced, and "Tell me if yours drops to the cheapest price you found." right after the watch and
the loafers were both compared. Every conversation ends with a check of the cart (product id ->
quantity) in Online Boutique, and of the alerts where any were set. Amounts are computed in the
test from the catalog and the offers; conversions by the shop's currency service (the embedded
one), to the nearest cent.

First run: 2 of 12 passed (the two whose web search fails: the hairdryer with the fake answering
500, and the candle holder with the fake answering too slowly; both gave the shop's own price
and said plainly that other retailers' prices could not be fetched, naming no shop). One
expectation was the test's own mistake and was fixed, made stricter, not weaker: the check of
the two ambiguous requests accepted any question with nothing written, so "Tell me if yours
drops to the cheapest price you found." passed when answered "At what price should I alert
you?" (the wrong question: the price was given, the product was not); it now requires asking
which product (a "which", or both candidates named), and no comparison run. The ten failures
are the assistant's (each conversation stops at its first wrong turn; the tool calls were read
from a traced replay of the same run, which failed at the same turns):
- "Which shop was that?" right after the watch comparison (Acme Watches $99.50, Time Store
  $119.00, rightly shown) called get_product_details(product="1YMWWN1N4O") ("Watch costs
  $109.99. A slim analogue wristwatch ...") instead of answering Acme Watches;
- "Where's the cheapest place to get the loafers?" called search_products(among=["where",
  "loafers"], sort="price_asc") ("I couldn't find a product matching 'where' in the catalog.
  Which product do you mean? ...") instead of comparing the loafers with other shops (Shoe Barn
  at $79.00 the cheapest);
- "Which shop was cheapest?" right after the mug was rightly compared in euros (€7.95 here,
  Kaffeehaus €7.20, Mug World €8.40, in passing) called search_products(sort="price_asc") ("9
  products match: Bamboo Glass Jar ($5.49), Mug ($8.99), ...") instead of answering Kaffeehaus;
- "And tell me if your watch drops to Acme's price." (after "Compare it with other shops."
  rightly asked which, "The watch." compared at Acme Watches $99.50 and the sunglasses added,
  all rightly) called no tool ("At what price should I alert you?") instead of an alert on the
  watch at $99.50;
- "Tell me if yours drops to the cheapest price you found." right after the watch and the
  loafers were both compared (rightly) called no tool ("At what price should I alert you?"),
  nothing written, but asked for the price it had been given instead of which product (the
  next turn, "The loafers.", got the same question instead of an alert at Shoe Barn's $79.00);
- "Is 95 dollars for the watch a good deal?" called analyse_deal(product="watch",
  offered_price="95", price_currency="USD") ("Watch: $95.00 is a good deal: $14.99 (13.6%) less
  than Online Boutique's $109.99, and no cheaper offer was found elsewhere.") - rightly a good
  deal, but without what the web search found (Acme Watches at $99.50, which the shopper asks
  about next);
- "Where's the cheapest place to get the sunglasses?" called search_products(among=["where",
  "sunglasses"], sort="price_asc") ("I couldn't find a product matching 'where' ...") instead of
  comparing (Shade Co at $17.49, Sunny Days' $14.99 being out of stock);
- "How much would I save buying it there?" (after euros from now on and the watch rightly
  compared in euros: €97.29 here, Acme Watches €88.01) called no tool ("Which product do you
  mean? You can name it, for example "the watch".") instead of €9.28;
- "Is anything in my cart cheaper at other shops?" (the watch and the loafers rightly added)
  called search_products(sort="price_asc", max_price="89.98", price_currency="USD") ("7
  products match: Bamboo Glass Jar ($5.49), ...") instead of comparing the watch and the
  loafers (Acme Watches $99.50, Shoe Barn $79.00);
- "Which shop was the cheapest?" right after the loafers were rightly compared in pounds
  (£68.43 here, Shoe Barn £60.08, Footloose £66.00, in passing) called search_products(sort=
  "price_asc") ("9 products match: Bamboo Glass Jar ($5.49), ...") instead of answering Shoe
  Barn.

The conversations still failing are marked xfail(strict) with the turn they fail at (the
first run's failures above; 2 of 12 passed), so a fix shows as an unexpected pass.

Worked on since (the same session), by general rules: the products compared with other
shops are kept in the state (`compared`: our price and each offer, exact), so "which shop was
that?", "which shop was the cheapest?" and "how much would I save buying it there?" compare
again and are answered from the offers, "where's the cheapest place to get the loafers?" and
"is anything in my cart cheaper at other shops?" (each line) are comparisons, an offer out of
stock is listed as such and never the cheapest, a good deal names the cheapest offer found
elsewhere, and "tell me if your watch drops to Acme's price" / "to what Acme charges" / "to
the cheapest price you found" / "to their price" set the alert at that shop's price (two
compared in one turn: asked which, then "the loafers" sets it). 6 of 12 pass; the others now
fail later, at a total saving over several products or counts ("how much would I have saved
on the two pairs at the cheapest shop?", "how much would I save in total buying both
there?", "how much would I save there, in pounds?"), a saving at a named shop ("how much
would I save on the watch at Acme?") and "how much less than yours is that?" after a deal; the
xfail reasons name those turns. Later the same session "back to dollars, and show me my cart
and my alerts" was mended too (a clause naming only a currency is a switch, not a story):
7 of 12 pass. Then savings after a comparison are worked out (our price less the shop's, the
one named or the cheapest in stock, times the count said, "in total" over several: "how much
would I save on the watch at Acme?", "... on the two pairs at the cheapest shop?", "... in
total buying both there?", "... there, in pounds?"), "add one pair here anyway, and the
shakers" adds one of the product in focus beside the shakers, "I'll get them at Shoe Barn" is
bought elsewhere (no add), "the first thing I compared" is the first product compared with
other shops, and "how much less than yours is that?" right after a price was judged judges it
again: 12 of 12 pass.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.money import Money
from cartmate.pricing.perplexity import open_perplexity
from tests.agents.conftest import Conversation, ConversationFactory, Turn, with_settings
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    LOAFERS,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    WATCH,
    alerts_of,
    amounts_in,
    assert_alert,
    assert_asked,
    assert_final_cart,
    cart_of,
    in_currency,
    in_passing,
    listed_alerts,
    result_of,
    says_amount,
    switched_for_good,
    switched_to,
    tools_of,
    understood,
    usd_total,
    wrote_nothing,
)
from tests.pricing.conftest import configured, fake, fake_url  # noqa: F401
from tests.pricing.fake_perplexity import FakePerplexity, Fault


def _offer(
    retailer: str, title: str, price: str, currency: str = "USD", stock: str = "in_stock"
) -> dict[str, Any]:
    slug = retailer.lower().replace(" ", "-")
    return {
        "retailer": retailer,
        "product_title": title,
        "price": price,
        "currency": currency,
        "url": f"https://www.{slug}.example/item",
        "availability": stock,
        "date": "2026-07-01",
    }


ACME = _offer("Acme Watches", "Classic Gold Watch", "99.50")
TIME_STORE = _offer("Time Store", "Gold Mesh Watch", "119.00")
SHOE_BARN = _offer("Shoe Barn", "Beige Suede Loafers", "79.00")
FOOTLOOSE = _offer("Footloose", "Suede Tassel Loafers", "66.00", "GBP")
KAFFEEHAUS = _offer("Kaffeehaus", "Black Ceramic Coffee Mug", "7.20", "EUR")
MUG_WORLD = _offer("Mug World", "Black Coffee Mug", "9.50")
SUNNY_DAYS = _offer("Sunny Days", "Aviator Sunglasses", "14.99", stock="out_of_stock")
SHADE_CO = _offer("Shade Co", "Aviator Sunglasses, black", "17.49")
BEAUTY_HUB = _offer("Beauty Hub", "Matte Black Hairdryer", "27.99")
KITCHEN_CORNER = _offer("Kitchen Corner", "Acrylic Salt & Pepper Shakers", "21.00")
EVERY_OFFER = [
    ACME, TIME_STORE, SHOE_BARN, FOOTLOOSE, KAFFEEHAUS, MUG_WORLD, SUNNY_DAYS, SHADE_CO,
    BEAUTY_HUB, KITCHEN_CORNER,
]  # fmt: skip
RETAILERS = {o["retailer"] for o in EVERY_OFFER}

#: Words by which an answer says plainly that the comparison could not be done.
_COULD_NOT = (
    "couldn't", "could not", "can't", "cannot", "unable", "not available", "unavailable",
    "failed", "didn't work", "not reach", "isn't working", "not working", "no prices",
    "wasn't able", "was not able", "not able",
)  # fmt: skip
COULD_NOT = tuple({w for base in _COULD_NOT for w in (base, base.replace("'", "\u2019"))})
_OUT_OF_STOCK = ("out of stock", "sold out", "not in stock", "unavailable", "not available")
#: An amount of money as the shopper reads it ("$8.99", "€15.90").
_AMOUNT = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?")
_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
#: An answer saying a price is no deal ("No, ...", "that's not a good deal", "isn't worth it").
_NOT_A_DEAL = re.compile(
    r"\b(?:not|isn['\u2019]t)\b[^.!?]*\b(?:deal|worth|good|bargain)\b|^\W*no\b|\bnope\b",
    re.IGNORECASE,
)


async def _open_shopper(converse: ConversationFactory, services: AgentServices) -> Conversation:
    return await converse(
        build_orchestrator_agent(StaticServices(services), services.settings), user_id="shopper"
    )


OpenShopper = Callable[[AgentServices], Awaitable[Conversation]]


@pytest.fixture
async def web_shoppers(converse: ConversationFactory) -> AsyncIterator[OpenShopper]:
    """`await web_shoppers(services)`: the orchestrator on services that own a Perplexity
    client, as the product's do, closed after the test (no connection outlives it)."""
    async with AsyncExitStack() as stack:

        async def open_shopper(services: AgentServices) -> Conversation:
            client = await stack.enter_async_context(
                open_perplexity(services.settings, services.redis)
            )
            return await _open_shopper(converse, replace(services, perplexity=client))

        yield open_shopper


@pytest.fixture
async def web_shopper(
    web_shoppers: OpenShopper,
    configured: AgentServices,  # noqa: F811
) -> Conversation:
    """The orchestrator on services whose Perplexity key points at the fake."""
    return await web_shoppers(configured)


def usd(amount: str) -> str:
    return Money.from_decimal(Decimal(amount), "USD").format()


async def to_usd(services: AgentServices, offer: dict[str, Any]) -> Money:
    """An offer's price in dollars as the shop's currency service converts it."""
    price = Money.from_decimal(Decimal(offer["price"]), offer["currency"])
    return await services.boutique.currency.convert(price, "USD")


async def offer_in(services: AgentServices, offer: dict[str, Any], code: str) -> Money:
    """An offer's price in `code` as the shop's currency service converts it."""
    price = Money.from_decimal(Decimal(offer["price"]), offer["currency"])
    if offer["currency"] == code:
        return price
    return await services.boutique.currency.convert(price, code)


def compared(turn: Turn) -> set[str]:
    """The ids of the products compare_prices (successfully) compared this turn."""
    return {
        r["product"]["id"]
        for name, r in turn.tool_results
        if name == "compare_prices" and r.get("status") == "ok"
    }


def amounts(turn: Turn) -> set[str]:
    """Every amount of money the answer states (quoted examples left out)."""
    said = _QUOTED.sub("", turn.text)
    return {a.replace(" ", "") for a in _AMOUNT.findall(said)}


def assert_said_it_could_not(turn: Turn, own_price: str) -> None:
    """The web search failed: the shop's own price, a plain "couldn't compare", no retailer
    named and no other price stated, nothing written."""
    assert understood(turn), turn.text
    assert own_price in turn.text, turn.text
    assert any(w in turn.text.lower() for w in COULD_NOT), turn.text
    assert not [r for r in RETAILERS if r.lower() in turn.text.lower()], turn.text
    assert "http" not in turn.text and ".example" not in turn.text, turn.text
    assert amounts(turn) <= {own_price}, turn.text
    assert wrote_nothing(turn), turn.tool_results


def assert_answered(turn: Turn, *facts: str) -> None:
    """A question answered: every fact in the text, nothing written."""
    for fact in facts:
        assert fact in turn.text, (fact, turn.text)
    assert wrote_nothing(turn), turn.tool_results


def assert_asked_which(turn: Turn, *names: str) -> None:
    """Asked which product was meant (by asking "which" or naming the candidates), nothing
    written and nothing compared."""
    assert_asked(turn)
    text = turn.text.lower()
    assert "which" in text or all(n.lower() in text for n in names), turn.text
    assert not {"compare_prices", "analyse_deal"} & set(tools_of(turn)), turn.tool_calls


def assert_alert_at(turn: Turn, product: str, target: Money) -> None:
    """The turn made a price alert for `product` at exactly `target` (to the cent)."""
    alert = assert_alert(turn, product, target.currency_code, target.units)
    assert alert["display_target"] == target.format(), alert


async def test_watch_cheaper_elsewhere_which_shop_savings_alert_at_acme_price_add_here_anyway(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, TIME_STORE]

    cheaper = await web_shopper.say("Is the watch cheaper anywhere else?")
    assert compared(cheaper) == {WATCH}, cheaper.tool_calls
    assert_answered(cheaper, "Acme Watches", "$99.50", "$109.99")

    which = await web_shopper.say("Which shop was that?")
    assert_answered(which, "Acme Watches")

    save = await web_shopper.say("How much would I save buying it there?")
    assert_answered(save, "$10.49")  # $109.99 - $99.50

    alert = await web_shopper.say("Tell me if yours drops to what Acme charges.")
    assert_alert_at(alert, "Watch", Money.from_decimal(Decimal("99.50"), "USD"))
    alerts = {("Watch", "USD", 99)}
    assert await alerts_of(configured) == alerts
    assert await cart_of(configured) == {}

    await web_shopper.say("Ok, add it here anyway.")
    cart = {WATCH: 1}
    assert await cart_of(configured) == cart
    assert await alerts_of(configured) == alerts

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $109.99


async def test_cheapest_place_for_loafers_95_not_a_deal_two_pairs_savings_sunglasses_then_first(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [SHOE_BARN, FOOTLOOSE, SHADE_CO]

    cheapest = await web_shopper.say("Where's the cheapest place to get the loafers?")
    assert compared(cheapest) == {LOAFERS}, cheapest.tool_calls
    assert_answered(cheapest, "Shoe Barn", "$79.00")

    deal = await web_shopper.say("Is 95 dollars for them a good deal?")
    assert {"analyse_deal", "compare_prices"} & set(tools_of(deal)), deal.tool_calls
    assert_answered(deal, "$89.99")  # the shop's own price is already below $95
    assert _NOT_A_DEAL.search(deal.text), deal.text  # not a good deal

    await web_shopper.say("Add two pairs here anyway.")
    cart = {LOAFERS: 2}
    assert await cart_of(configured) == cart

    saved = await web_shopper.say(
        "How much would I have saved on the two pairs at the cheapest shop?"
    )
    assert_answered(saved, "$21.98")  # 2 x ($89.99 - $79.00)
    assert await cart_of(configured) == cart

    sunglasses = await web_shopper.say("Compare the sunglasses too.")
    assert compared(sunglasses) == {SUNGLASSES}, sunglasses.tool_calls
    assert_answered(sunglasses, "Shade Co", "$17.49", "$19.99")

    first = await web_shopper.say("And the first thing I compared?")
    assert_answered(first, "Loafers", "Shoe Barn", "$79.00")
    assert await cart_of(configured) == cart

    final = await web_shopper.say("What's in my cart?")
    await assert_final_cart(final, configured, cart)  # $179.98


async def test_mug_compared_in_euros_cheapest_shop_savings_three_mugs_total_in_euros(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [KAFFEEHAUS, MUG_WORLD]
    ours_eur = await in_currency(configured, PRICE[MUG], "EUR")  # €7.95
    mug_world_eur = await offer_in(configured, MUG_WORLD, "EUR")  # €8.40

    euros = await web_shopper.say("Compare the mug's price with other shops in euros.")
    assert compared(euros) == {MUG}, euros.tool_calls
    assert switched_to(euros, "EUR") and in_passing(euros), euros.tool_calls
    assert_answered(euros, ours_eur.format(), "Kaffeehaus", "€7.20", mug_world_eur.format())

    which = await web_shopper.say("Which shop was cheapest?")
    assert_answered(which, "Kaffeehaus")

    save = await web_shopper.say("How much would I save buying it there?")
    kaffeehaus_usd = await to_usd(configured, KAFFEEHAUS)  # $8.14
    savings = {
        (Money.from_decimal(PRICE[MUG], "USD") - kaffeehaus_usd).format(),  # $0.85
        (ours_eur - Money.from_decimal(Decimal("7.20"), "EUR")).format(),  # €0.75
    }
    assert any(s in save.text for s in savings), (savings, save.text)
    assert wrote_nothing(save), save.tool_results

    await web_shopper.say("Ok, add three mugs here anyway.")
    cart = {MUG: 3}
    assert await cart_of(configured) == cart

    total = await web_shopper.say("What's my total in euros?")
    candidates = await amounts_in(configured, cart, "EUR")
    assert any(says_amount(total.text, c) for c in candidates), (candidates, total.text)
    assert in_passing(total), total.tool_calls
    assert wrote_nothing(total), total.tool_results

    final = await web_shopper.say("Show me my cart.")
    await assert_final_cart(final, configured, cart)  # $26.97


async def test_hairdryer_web_search_down_own_price_no_shop_invented_add_it_alert_watch_also_down(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, BEAUTY_HUB]
    fake.then(*[Fault(500)] * 200)  # every request to the web search fails

    hairdryer = await web_shopper.say("Is the hairdryer cheaper anywhere else?")
    assert "compare_prices" in tools_of(hairdryer), hairdryer.tool_calls
    assert result_of(hairdryer, "compare_prices")["external"] != "ok"
    assert_said_it_could_not(hairdryer, "$24.99")

    await web_shopper.say("Add it to my cart anyway.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(configured) == cart

    alert = await web_shopper.say("Let me know if it drops below 20 dollars.")
    assert_alert(alert, "Hairdryer", "USD", 20)
    alerts = {("Hairdryer", "USD", 20)}
    assert await alerts_of(configured) == alerts

    watch = await web_shopper.say("Can you compare the watch with other shops instead?")
    assert compared(watch) == {WATCH}, watch.tool_calls
    assert_said_it_could_not(watch, "$109.99")

    which = await web_shopper.say("So which shop is cheapest for the watch?")
    assert understood(which), which.text
    assert not [r for r in RETAILERS if r.lower() in which.text.lower()], which.text
    assert amounts(which) <= {"$109.99"}, which.text
    assert wrote_nothing(which), which.tool_results

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $24.99


async def test_candle_holder_web_search_too_slow_own_price_two_added_jar_too_slow_total(
    web_shoppers: OpenShopper,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = EVERY_OFFER
    fake.then(*[Fault(delay_s=2.0)] * 100)  # every answer comes after the client gave up
    slow = with_settings(
        configured, perplexity_timeout_s=0.3, perplexity_retries=0, perplexity_cache_ttl_s=0
    )
    shopper = await web_shoppers(slow)

    candle = await shopper.say("Does any other shop sell the candle holder for less?")
    assert compared(candle) == {CANDLE_HOLDER}, candle.tool_calls
    assert result_of(candle, "compare_prices")["external"] != "ok"
    assert_said_it_could_not(candle, "$18.99")

    await shopper.say("Add two of them here then.")
    assert await cart_of(slow) == {CANDLE_HOLDER: 2}

    jar = await shopper.say("And the bamboo jar - is it cheaper elsewhere?")
    assert compared(jar) == {JAR}, jar.tool_calls
    assert_said_it_could_not(jar, "$5.49")

    await shopper.say("Put one jar in too.")
    cart = {CANDLE_HOLDER: 2, JAR: 1}
    assert await cart_of(slow) == cart

    total = await shopper.say("What's my total?")
    assert_answered(total, usd_total(cart))  # $43.47

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, slow, cart)


async def test_watch_and_sunglasses_priced_compare_it_asked_the_watch_at_acme_sunglasses_added(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, SHADE_CO]

    prices = await web_shopper.say("How much are the watch and the sunglasses?")
    assert_answered(prices, "$109.99", "$19.99")

    which = await web_shopper.say("Compare it with other shops.")
    assert_asked_which(which, "Watch", "Sunglasses")

    watch = await web_shopper.say("The watch.")
    assert compared(watch) == {WATCH}, watch.tool_calls
    assert_answered(watch, "Acme Watches", "$99.50")

    await web_shopper.say("Fine, just add the sunglasses here.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(configured) == cart

    alert = await web_shopper.say("And tell me if your watch drops to Acme's price.")
    assert_alert_at(alert, "Watch", Money.from_decimal(Decimal("99.50"), "USD"))
    alerts = {("Watch", "USD", 99)}
    assert await alerts_of(configured) == alerts
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $19.99


async def test_watch_and_loafers_compared_alert_at_cheapest_asked_loafers_at_shoe_barn_add_watch(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, SHOE_BARN, FOOTLOOSE]

    both = await web_shopper.say("Compare the watch and the loafers with other shops.")
    assert compared(both) == {WATCH, LOAFERS}, both.tool_calls
    assert_answered(both, "Acme Watches", "$99.50", "Shoe Barn", "$79.00")

    which = await web_shopper.say("Tell me if yours drops to the cheapest price you found.")
    assert_asked_which(which, "Watch", "Loafers")
    assert await alerts_of(configured) == set()

    alert = await web_shopper.say("The loafers.")
    assert_alert_at(alert, "Loafers", Money.from_decimal(Decimal("79.00"), "USD"))
    alerts = {("Loafers", "USD", 79)}
    assert await alerts_of(configured) == alerts

    save = await web_shopper.say("How much would I save on the watch at Acme?")
    assert_answered(save, "$10.49")

    await web_shopper.say("I'll take the watch here anyway, add it.")
    cart = {WATCH: 1}
    assert await cart_of(configured) == cart
    assert await alerts_of(configured) == alerts

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $109.99


async def test_95_dollars_for_watch_good_deal_how_much_less_which_shop_add_it_mug_compared_two(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, TIME_STORE, KAFFEEHAUS, MUG_WORLD]

    deal = await web_shopper.say("Is 95 dollars for the watch a good deal?")
    assert {"analyse_deal", "compare_prices"} & set(tools_of(deal)), deal.tool_calls
    assert_answered(deal, "$109.99", "$99.50")  # below ours and below the cheapest elsewhere
    assert not _NOT_A_DEAL.search(deal.text), deal.text  # a good deal

    less = await web_shopper.say("How much less than yours is that?")
    assert_answered(less, "$14.99")  # $109.99 - $95.00

    shop = await web_shopper.say("Which shop had it for 99.50?")
    assert_answered(shop, "Acme Watches")

    await web_shopper.say("Ok, add the watch here anyway.")
    assert await cart_of(configured) == {WATCH: 1}

    mug = await web_shopper.say("Compare the mug too.")
    assert compared(mug) == {MUG}, mug.tool_calls
    kaffeehaus_usd = (await to_usd(configured, KAFFEEHAUS)).format()  # $8.14
    assert_answered(mug, "$8.99", "Kaffeehaus")
    assert kaffeehaus_usd in mug.text or "€7.20" in mug.text, mug.text

    await web_shopper.say("Add two mugs too.")
    cart = {WATCH: 1, MUG: 2}
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Show me my cart.")
    await assert_final_cart(final, configured, cart)  # $127.97


async def test_cheapest_sunglasses_out_of_stock_shop_not_it_savings_alert_two_pairs_hairdryer(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [SUNNY_DAYS, SHADE_CO, BEAUTY_HUB]

    cheapest = await web_shopper.say("Where's the cheapest place to get the sunglasses?")
    assert compared(cheapest) == {SUNGLASSES}, cheapest.tool_calls
    assert_answered(cheapest, "Shade Co", "$17.49")  # Sunny Days has none in stock
    if "Sunny Days" in cheapest.text:
        assert any(w in cheapest.text.lower() for w in _OUT_OF_STOCK), cheapest.text

    save = await web_shopper.say("How much would I save buying them there?")
    assert_answered(save, "$2.50")  # $19.99 - $17.49

    alert = await web_shopper.say("Tell me if yours drop to that price.")
    assert_alert_at(alert, "Sunglasses", Money.from_decimal(Decimal("17.49"), "USD"))
    alerts = {("Sunglasses", "USD", 17)}
    assert await alerts_of(configured) == alerts

    await web_shopper.say("Ok, add two pairs here anyway.")
    cart = {SUNGLASSES: 2}
    assert await cart_of(configured) == cart

    hairdryer = await web_shopper.say("Compare the hairdryer too.")
    assert compared(hairdryer) == {HAIRDRYER}, hairdryer.tool_calls
    assert_answered(hairdryer, "$24.99", "$27.99")  # ours is the cheaper one
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $39.98


async def test_euros_from_now_on_watch_elsewhere_in_euros_savings_alert_at_acme_euro_price_add(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, TIME_STORE]
    ours_eur = await in_currency(configured, PRICE[WATCH], "EUR")  # €97.29
    acme_eur = await offer_in(configured, ACME, "EUR")  # €88.01
    acme_eur = Money.from_decimal(
        acme_eur.to_decimal().quantize(Decimal("0.01")), "EUR"
    )  # to the cent, as shown

    euros = await web_shopper.say("Switch me to euros from now on, please.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert wrote_nothing(euros), euros.tool_results

    cheaper = await web_shopper.say("Is the watch cheaper anywhere else?")
    assert compared(cheaper) == {WATCH}, cheaper.tool_calls
    assert_answered(cheaper, "Acme Watches", acme_eur.format(), ours_eur.format())

    save = await web_shopper.say("How much would I save buying it there?")
    savings = {
        (ours_eur - acme_eur).format(),
        (await in_currency(configured, PRICE[WATCH] - Decimal("99.50"), "EUR")).format(),
    }  # €9.28
    assert any(s in save.text for s in savings), (savings, save.text)
    assert wrote_nothing(save), save.tool_results

    alert = await web_shopper.say("Tell me if yours drops to what Acme charges.")
    assert_alert_at(alert, "Watch", acme_eur)
    alerts = {("Watch", "EUR", acme_eur.units)}
    assert await alerts_of(configured) == alerts

    await web_shopper.say("Add it to my cart here anyway.")
    cart = {WATCH: 1}
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Back to dollars, and show me my cart and my alerts.")
    assert switched_to(final, "USD"), final.tool_results
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $109.99


async def test_watch_and_loafers_in_cart_cheaper_elsewhere_total_savings_loafers_out_alert_100(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [ACME, TIME_STORE, SHOE_BARN, FOOTLOOSE]

    await web_shopper.say("Add the watch and the loafers to my cart.")
    assert await cart_of(configured) == {WATCH: 1, LOAFERS: 1}

    cheaper = await web_shopper.say("Is anything in my cart cheaper at other shops?")
    assert compared(cheaper) == {WATCH, LOAFERS}, cheaper.tool_calls
    assert_answered(cheaper, "Acme Watches", "$99.50", "Shoe Barn", "$79.00")

    both = await web_shopper.say("How much would I save in total buying both there?")
    assert_answered(both, "$21.48")  # $10.49 + $10.99

    await web_shopper.say("Take the loafers out then, I'll get them at Shoe Barn.")
    cart = {WATCH: 1}
    assert await cart_of(configured) == cart

    alert = await web_shopper.say("But tell me if your loafers drop to Shoe Barn's price.")
    assert_alert_at(alert, "Loafers", Money.from_decimal(Decimal("79.00"), "USD"))
    alerts = {("Loafers", "USD", 79)}
    assert await alerts_of(configured) == alerts
    assert await cart_of(configured) == cart

    hundred = await web_shopper.say("And is 100 dollars for the watch a good deal?")
    assert_answered(hundred, "$109.99", "$99.50")  # less than ours, but Acme is cheaper
    assert "Acme" in hundred.text, hundred.text
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, configured, cart, alerts)  # $109.99


async def test_loafers_compared_in_pounds_cheapest_not_the_pound_shop_savings_pair_and_shakers(
    web_shopper: Conversation,
    configured: AgentServices,  # noqa: F811
    fake: FakePerplexity,  # noqa: F811
) -> None:
    fake.offers = [SHOE_BARN, FOOTLOOSE, KITCHEN_CORNER]
    ours_gbp = await in_currency(configured, PRICE[LOAFERS], "GBP")  # £68.43
    shoe_barn_gbp = await offer_in(configured, SHOE_BARN, "GBP")  # £60.08

    pounds = await web_shopper.say("Compare the loafers with other shops in pounds.")
    assert compared(pounds) == {LOAFERS}, pounds.tool_calls
    assert switched_to(pounds, "GBP") and in_passing(pounds), pounds.tool_calls
    assert_answered(pounds, ours_gbp.format(), "Shoe Barn", shoe_barn_gbp.format(), "£66.00")

    which = await web_shopper.say("Which shop was the cheapest?")
    assert_answered(which, "Shoe Barn")  # £66.00 at Footloose is more than $79.00

    save = await web_shopper.say("How much would I save there, in pounds?")
    savings = {
        (ours_gbp - shoe_barn_gbp).format(),
        (await in_currency(configured, PRICE[LOAFERS] - Decimal("79.00"), "GBP")).format(),
    }  # £8.35 or £8.36
    assert any(s in save.text for s in savings), (savings, save.text)
    assert in_passing(save), save.tool_calls
    assert wrote_nothing(save), save.tool_results

    await web_shopper.say("Add one pair here anyway, and the salt and pepper shakers.")
    cart = {LOAFERS: 1, SHAKERS: 1}
    assert await cart_of(configured) == cart

    shakers = await web_shopper.say("Compare the shakers too.")
    assert compared(shakers) == {SHAKERS}, shakers.tool_calls
    assert_answered(shakers, "$18.49", usd("21.00"))  # ours is the cheaper one
    assert await cart_of(configured) == cart

    final = await web_shopper.say("Show me my cart.")
    await assert_final_cart(final, configured, cart)  # $108.48
