"""A fifty-fifth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
products and quantities end up in the cart after every change, that nothing is written on a
question or an unclear request, currencies and alert targets, what the cart and the alerts hold
afterwards) and the essential facts of its answers (names, exact prices, the real colour or
size), not their wording. Their theme is what the shop does not have, and substitutes, six to
eight turns each: brands ("Any Nike trainers?", "Do you have any Ray-Ban sunglasses?", "Do you
have a Dyson hairdryer?", "an Apple Watch or any smartwatch?"), colours ("Do you have a red
mug?": the only mug is black with a mustard-yellow inside; "the watch in silver?": it is
gold-tone; the loafers in black, the tank top in white, a blue candle holder, the shakers in
black), sizes ("Do you have a tank top in size XL?", "Do the loafers come in size 44?": the
catalog gives no sizes, so none may be promised; "a bigger one?" of the jar: one size, 57 oz),
variants and accessories (a cheaper hairdryer, a diffuser for it, a bamboo lid on its own, a
matching saucer, scented candles, shorts or a skirt to match) and kinds of goods the shop does
not sell at all (phone cases, laptops, books, a teapot or a kettle, sandals, cushions).
A careful assistant says plainly that the thing asked for is not there (an answer with a "no",
"not", "n't" or "only" in it, not a bare list of products), states the real colour or size
when it has one, never passes another product off as the thing asked for (no sentence that
gives the asked-for brand, colour, size or kind to a catalog product without a negation),
never invents a variant or a size, and writes nothing on these questions; then it offers or
accepts what there is ("what's the closest thing, then?", "ok, what do you have instead?",
"fine, add the loafers then"): prices of the substitutes in dollars, euros, pounds, yen and
Canadian dollars (in passing: the display currency not changed for good), cart changes, and
alerts on a substitute. Three requests are genuinely ambiguous and must be asked about, nothing
written: "I'll take one of those." after the three kitchen products were shown instead of a
teapot, "Alert me if it drops below 15 dollars." right after the sunglasses and the tank top
were both priced, and "Take one of them out." with the loafers and a mug in the cart. Every
conversation ends with a check of the cart (product id -> quantity) in Online Boutique and its
total, and of the alerts where any were set. Conversions are computed in the test by the shop's
currency service (the embedded one, over its EUR-based rate table): the total converted, or its
lines (or unit prices) converted and added up, any of which the answer may show.

First run: 3 of 12 passed. No expectation was found to be the test's own mistake; the nine
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run, which failed at
the same turns). One check proved more lenient than meant and was left as written: "What else
do you have in silver, then?" called search_products(exclude=[the watch]) with no query and
listed all eight other products ("I found 8 products: Sunglasses ($19.99), Tank Top ($18.99),
..."), which passes (the Candle Holder shown, the Watch not) although it offers the sunglasses,
the tank top and the rest as silver things.
- "Do you have a red mug?" called search_products(query="red mug") ("Sorry, I don't have
  anything for "red". The closest I have: Mug ($8.99)."): rightly no red mug and nothing
  written, but it does not say what colour the mug really is (black, mustard-yellow inside);
- "What's the closest thing you have, then?" after "Any Nike trainers?" (rightly none) called
  get_product_details(product="closest") ("I couldn't find a product matching 'closest' in the
  catalog.") instead of offering the Loafers at $89.99, the only footwear;
- "Do you also sell a spare bamboo lid on its own?" (after the jar's 57 oz, "a bigger one?"
  rightly not found and three jars added) called get_product_details(product="spare bamboo
  lid") and quoted the jar's description ("On that, the description of Bamboo Glass Jar says:
  ... Bamboo Glass Jar costs $5.49. ... It's available.") instead of saying no lid is sold on
  its own;
- "Do you have it in white?" of the tank top (after the XL size rightly not promised and its
  colour, black, rightly given) called search_products(query="white") ("One product fits:
  Loafers ($89.99).") instead of saying the tank top comes only in black, offering the loafers
  as if they were it;
- "Laptops? Or books?" (after "Do you sell phone cases?" rightly answered with a no) called no
  tool ("Sorry, I didn't understand that. What would you like me to do? ...") instead of saying
  the shop sells neither;
- "Then what's the closest thing?" after "Do you have any sandals?" (rightly none) called
  get_product_details(product="closest") ("I couldn't find a product matching 'closest' in the
  catalog.") instead of offering the Loafers at $89.99;
- "Is there a cheaper hairdryer?" (after no Dyson and the hairdryer at €22.11, rightly
  answered) called search_products(query="hairdryer", sort="price_asc") ("Here's one:
  Hairdryer ($24.99).") instead of saying it is the only hairdryer: the same one offered as
  a cheaper one;
- "Too much. Anything cheaper in accessories?" (after no smartwatch, the gold-tone watch and
  ¥12,298, rightly answered) called analyse_deal(product="1YMWWN1N4O") and search_products(
  query="apple watch smartwatch", category="accessories", max_price="109.98") ("... I couldn't
  find any apple watch smartwatch under $109.98.") instead of showing the Sunglasses at $19.99;
- "Do you have a blue candle holder?" called search_products(query="blue candle holder")
  ("Sorry, I don't have anything for "blue". The closest I have: Candle Holder ($18.99)."):
  rightly no blue one and nothing written, but it does not say the holder is silver-tone.

Worked on since by general rules (the same session), 12 of 12 pass: "do you have a red mug?"
says there is no red one and the colours the mug comes in; "what's the closest thing you
have, then?" / "what do you have instead?" search again for the kind only, without the brand,
colour or size the shop lacks ("trainers", "sandals": the footwear there is); a lookup of
"scented candles" or "a spare bamboo lid" that finds another product says it is not sold as
such; "Laptops? Or books?" are searched and not found; "is there a cheaper hairdryer?" looks
below the one there is; "do you have it in white?" asks of the product in focus; "too much."
before a request is a reaction; "what do you actually sell?" lists the categories.
"""

from __future__ import annotations

import re

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
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    shown_names,
    understood,
    writes_of,
)

#: A word by which an answer says something is not there (or not known): "we don't have",
#: "there's no red mug", "it's not listed", "the only mug is black", "none".
_ABSENT = re.compile(
    r"n['\u2019]t\b|\bno\b|\bnot\b|\bnone\b|\bonly\b|\bcannot\b|\bunable\b|\bunavailable\b",
    re.IGNORECASE,
)
#: A sentence boundary (a full stop inside a price, "$8.99", is none).
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
CATEGORIES = ("accessories", "clothing", "footwear", "hair", "beauty", "decor", "home", "kitchen")


def says_absent(turn: Turn) -> bool:
    """A real answer that says the thing is not there (or not known), not a bare listing."""
    return understood(turn) and bool(_ABSENT.search(turn.text))


def passes_off(turn: Turn, asked: str, product: str) -> bool:
    """Some sentence of the answer gives what was `asked` (a regex: a brand, a colour, a size,
    a kind) to `product` (a name, any case) without a negation: "Our Mug is red."."""
    for sentence in _SENTENCE.split(turn.text):
        if (
            re.search(asked, sentence, re.IGNORECASE)
            and product.lower() in sentence.lower()
            and not _ABSENT.search(sentence)
        ):
            return True
    return False


def says_yes(turn: Turn) -> bool:
    return bool(re.match(r"\W*(?:yes|yep|sure|of course|absolutely)\b", turn.text, re.IGNORECASE))


def assert_not_there(turn: Turn, asked: str, product: str) -> None:
    """The answer says the thing asked for is not there, does not give it to `product`, and
    nothing is written."""
    assert says_absent(turn), turn.text
    assert not says_yes(turn), turn.text
    assert not passes_off(turn, asked, product), turn.text
    assert not writes_of(turn), turn.tool_calls


async def test_red_mug_none_black_instead_euros_two_of_them_red_saucer_alert_under_7(
    shopper: Conversation, services: AgentServices
) -> None:
    red = await shopper.say("Do you have a red mug?")
    assert_not_there(red, r"\bred\b", "mug")
    assert "black" in red.text.lower(), red.text  # the colour it really is
    assert await cart_of(services) == {}

    instead = await shopper.say("Ok, what do you have instead?")
    assert "Mug" in instead.text and "$8.99" in instead.text, instead.text
    assert not passes_off(instead, r"\bred\b", "mug"), instead.text
    assert not writes_of(instead), instead.tool_calls

    euros = await shopper.say("How much is it in euros?")
    await assert_says_price(euros, services, {MUG: 1}, "EUR")  # $8.99

    await shopper.say("Fine, I'll take two of those black mugs then.")
    cart = {MUG: 2}
    assert await cart_of(services) == cart

    saucer = await shopper.say("Do you have a matching red saucer?")
    assert_not_there(saucer, r"\bred\b", "mug")
    assert await cart_of(services) == cart

    alert = await shopper.say("Tell me if the mug drops below 7 dollars.")
    assert_alert(alert, "Mug", "USD", 7)
    alerts = {("Mug", "USD", 7)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Mug"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $17.98


async def test_nike_trainers_none_closest_loafers_brand_unknown_pounds_add_them_black_beige(
    shopper: Conversation, services: AgentServices
) -> None:
    nike = await shopper.say("Any Nike trainers?")
    assert_not_there(nike, r"\bnike\b", "loafers")
    assert await cart_of(services) == {}

    closest = await shopper.say("What's the closest thing you have, then?")
    assert "Loafers" in closest.text and "$89.99" in closest.text, closest.text
    assert not passes_off(closest, r"\bnike\b|\btrainers?\b", "loafers"), closest.text
    assert not writes_of(closest), closest.tool_calls

    brand = await shopper.say("What brand are they?")
    assert_not_there(brand, r"\bnike\b", "loafers")  # the catalog names no brand

    pounds = await shopper.say("How much are they in pounds?")
    await assert_says_price(pounds, services, {LOAFERS: 1}, "GBP")  # $89.99

    await shopper.say("Fine, add the loafers then.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    black = await shopper.say("Do you have them in black?")
    assert_not_there(black, r"\bblack\b", "loafers")
    assert "beige" in black.text.lower(), black.text
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $89.99


async def test_watch_in_silver_gold_tone_only_silver_things_candle_take_watch_alert_eur_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("How much is the watch?")
    assert "$109.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    silver = await shopper.say("Do you have the watch in silver?")
    assert_not_there(silver, r"\bsilver\b", "watch")
    assert "gold" in silver.text.lower(), silver.text  # gold-tone

    others = await shopper.say("What else do you have in silver, then?")
    names = shown_names(others)
    assert "Candle Holder" in names, names  # silver-tone ceramic
    assert "Watch" not in names, names  # gold-tone: not silver
    assert not writes_of(others), others.tool_calls

    await shopper.say("Alright, I'll take the gold watch anyway.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("Alert me if the candle holder goes under 15 euros.")
    assert_alert(alert, "Candle Holder", "EUR", 15)
    alerts = {("Candle Holder", "EUR", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $109.99

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.99


async def test_jar_size_no_bigger_one_three_jars_no_lid_alone_one_less_canadian_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    size = await shopper.say("How big is the bamboo glass jar?")
    assert "57" in size.text or "1.7" in size.text, size.text  # 57 oz (1.7 l)
    assert not writes_of(size), size.tool_calls

    bigger = await shopper.say("Do you have a bigger one?")
    assert_not_there(bigger, r"\bbigger\b|\blarger\b", "jar")  # one size only
    assert await cart_of(services) == {}

    await shopper.say("Ok, add three of them then.")
    assert await cart_of(services) == {JAR: 3}

    lid = await shopper.say("Do you also sell a spare bamboo lid on its own?")
    assert_not_there(lid, r"\bspare\b|\bon its own\b|\bseparately\b", "lid")
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("Remove one jar, please.")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $10.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $10.98


async def test_tank_top_size_xl_unknown_colour_black_not_white_add_anyway_no_shorts_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    xl = await shopper.say("Do you have a tank top in size XL?")
    assert_not_there(xl, r"\bXL\b", "tank top")  # the catalog gives no sizes
    assert await cart_of(services) == {}

    colour = await shopper.say("What colour is it?")
    assert "black" in colour.text.lower(), colour.text
    assert not writes_of(colour), colour.tool_calls

    white = await shopper.say("Do you have it in white?")
    assert_not_there(white, r"\bwhite\b", "tank top")

    await shopper.say("OK, add it anyway, just one.")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    shorts = await shopper.say("Any matching shorts or a skirt?")
    assert_not_there(shorts, r"\bshorts\b|\bskirts?\b", "tank top")
    assert await cart_of(services) == cart

    euros = await shopper.say("What's the tank top in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $18.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_phone_cases_laptops_books_none_what_you_sell_two_sunglasses_candle_holder(
    shopper: Conversation, services: AgentServices
) -> None:
    cases = await shopper.say("Do you sell phone cases?")
    assert_not_there(cases, r"\bphone cases?\b", "sunglasses")
    assert await cart_of(services) == {}

    laptops = await shopper.say("Laptops? Or books?")
    assert_not_there(laptops, r"\blaptops?\b|\bbooks?\b", "watch")
    assert await cart_of(services) == {}

    sell = await shopper.say("Alright, what do you actually sell?")
    text = sell.text.lower()
    named = sum(name.lower() in text for name in ID)
    categories = sum(category in text for category in CATEGORIES)
    assert named >= 5 or categories >= 5, sell.text  # the catalog, not nothing
    assert not writes_of(sell), sell.tool_calls

    price = await shopper.say("Then the sunglasses - how much are they?")
    assert "$19.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    await shopper.say("Add two pairs.")
    assert await cart_of(services) == {SUNGLASSES: 2}

    await shopper.say("And a candle holder.")
    cart = {SUNGLASSES: 2, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $58.97


async def test_teapot_or_kettle_none_kitchen_things_one_of_those_asked_shakers_not_black_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    teapot = await shopper.say("Do you have a teapot or a kettle?")
    assert_not_there(teapot, r"\bteapots?\b|\bkettles?\b", "mug")
    assert await cart_of(services) == {}

    kitchen = await shopper.say("What kitchen things do you have then?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    which = await shopper.say("I'll take one of those.")
    assert_asked(which)  # the shakers, the jar or the mug?
    assert await cart_of(services) == {}

    await shopper.say("The salt and pepper shakers.")
    assert await cart_of(services) == {SHAKERS: 1}

    black = await shopper.say("Do they come in black?")
    assert_not_there(black, r"\bblack\b", "shaker")  # clear acrylic, chrome caps
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("Add a mug too.")
    cart = {SHAKERS: 1, MUG: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's my total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $27.48

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $27.48


async def test_ray_ban_none_sunglasses_and_tank_top_prices_alert_on_it_asked_polarised_unknown(
    shopper: Conversation, services: AgentServices
) -> None:
    rayban = await shopper.say("Do you have any Ray-Ban sunglasses?")
    assert_not_there(rayban, r"ray[- ]?ban", "sunglasses")
    assert await cart_of(services) == {}

    prices = await shopper.say("How much are your sunglasses and the tank top?")
    assert "$19.99" in prices.text and "$18.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("Alert me if it drops below 15 dollars.")
    assert_asked(which)  # the sunglasses or the tank top?
    assert await alerts_of(services) == set()

    alert = await shopper.say("The tank top.")
    assert_alert(alert, "Tank Top", "USD", 15)
    alerts = {("Tank Top", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("Add the sunglasses to my cart.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    polarised = await shopper.say("Are they polarised?")
    assert_not_there(polarised, r"polari[sz]ed", "sunglasses")  # the catalog doesn't say
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_sandals_none_closest_loafers_add_them_and_mug_one_of_them_out_asked_size_44(
    shopper: Conversation, services: AgentServices
) -> None:
    sandals = await shopper.say("Do you have any sandals?")
    assert_not_there(sandals, r"\bsandals?\b", "loafers")
    assert await cart_of(services) == {}

    closest = await shopper.say("Then what's the closest thing?")
    assert "Loafers" in closest.text and "$89.99" in closest.text, closest.text
    assert not passes_off(closest, r"\bsandals?\b", "loafers"), closest.text
    assert not writes_of(closest), closest.tool_calls

    await shopper.say("Add them, and a mug.")
    assert await cart_of(services) == {LOAFERS: 1, MUG: 1}

    which = await shopper.say("Take one of them out.")
    assert_asked(which)  # the loafers or the mug?
    assert await cart_of(services) == {LOAFERS: 1, MUG: 1}

    await shopper.say("The mug.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    size = await shopper.say("Do the loafers come in size 44?")
    assert_not_there(size, r"\b44\b", "loafers")  # the catalog gives no sizes
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $89.99


async def test_dyson_none_hairdryer_euros_no_cheaper_one_alert_under_20_add_no_diffuser(
    shopper: Conversation, services: AgentServices
) -> None:
    dyson = await shopper.say("Do you have a Dyson hairdryer?")
    assert_not_there(dyson, r"\bdyson\b", "hairdryer")
    assert await cart_of(services) == {}

    euros = await shopper.say("How much is your hairdryer in euros?")
    await assert_says_price(euros, services, {HAIRDRYER: 1}, "EUR")  # $24.99

    cheaper = await shopper.say("Is there a cheaper hairdryer?")
    assert_not_there(cheaper, r"\bcheaper\b", "hairdryer")  # the only one

    alert = await shopper.say("Alert me when it's under 20 dollars.")
    assert_alert(alert, "Hairdryer", "USD", 20)
    alerts = {("Hairdryer", "USD", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("Add it to my cart anyway.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart

    diffuser = await shopper.say("And do you sell a diffuser attachment for it?")
    assert_not_there(diffuser, r"\bdiffuser\b", "hairdryer")
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99


async def test_smartwatch_none_analogue_gold_watch_yen_cheaper_accessories_two_then_one(
    shopper: Conversation, services: AgentServices
) -> None:
    smart = await shopper.say("Do you have an Apple Watch or any smartwatch?")
    assert_not_there(smart, r"\bapple\b|\bsmart ?watch", "watch")
    assert await cart_of(services) == {}

    looks = await shopper.say("What does your watch look like?")
    assert "gold" in looks.text.lower(), looks.text
    assert not writes_of(looks), looks.tool_calls

    yen = await shopper.say("How much is it in yen?")
    await assert_says_price(yen, services, {WATCH: 1}, "JPY")  # $109.99

    cheaper = await shopper.say("Too much. Anything cheaper in accessories?")
    assert shown_names(cheaper) == ["Sunglasses"], shown_names(cheaper)
    assert "$19.99" in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    await shopper.say("Add them, two pairs.")
    assert await cart_of(services) == {SUNGLASSES: 2}

    await shopper.say("Actually make it one.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_blue_candle_holder_silver_no_candles_two_holders_no_cushions_eur_alert_one_less(
    shopper: Conversation, services: AgentServices
) -> None:
    blue = await shopper.say("Do you have a blue candle holder?")
    assert_not_there(blue, r"\bblue\b", "candle holder")
    assert "silver" in blue.text.lower(), blue.text  # silver-tone ceramic
    assert await cart_of(services) == {}

    candles = await shopper.say("And scented candles to go in it?")
    assert_not_there(candles, r"\bscented\b", "candle holder")
    assert await cart_of(services) == {}

    await shopper.say("OK, add two candle holders then.")
    cart = {CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    cushions = await shopper.say("Any cushions or throws for the sofa?")
    assert_not_there(cushions, r"\bcushions?\b|\bthrows?\b", "candle holder")
    assert await cart_of(services) == cart

    euros = await shopper.say("How much are the two candle holders in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $37.98

    alert = await shopper.say("Let me know if the candle holder drops below 15 dollars.")
    assert_alert(alert, "Candle Holder", "USD", 15)
    alerts = {("Candle Holder", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    await shopper.say("Remove one candle holder.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $18.99
