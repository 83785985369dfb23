"""A sixty-fifth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is questions about the shop's
services mixed with real shopping, six to eight turns each, often in the same message: shipping
abroad and its cost ("add two mugs - and do you ship to Canada?", "Do you ship to Japan, and how
much would it be?", "what does shipping cost for the two?", express shipping), delivery times
("Can it be delivered before Tuesday?", "How long does standard delivery take to
Manchester"), payment methods ("what's the total, and can I pay with PayPal?", Apple Pay, cash
on delivery, split payments, "What payment methods do you accept?"), discount and promo codes
("I have a code WELCOME10, can you apply it?", a student discount, a discount for buying two),
gift wrapping and gift cards' notes ("do you gift wrap? if so add the candle holder as a present
for my mum", "can you wrap them separately?"), opening hours and shops ("Are you open on
Sundays?", "do you have a store in London?", picking up in store), returns and exchanges of
past orders ("I bought loafers from you last month and they're too small. Can I exchange
them?", a chipped mug to replace, a refund), order tracking, customs and VAT, a loyalty scheme,
a sale to come, talking to a human or a manager, and "are you a bot?". The assistant must do the
real requests exactly (products, quantities, totals, prices in euros, pounds, yen, Canadian
dollars and Swiss francs as the shop's currency service converts them) and answer each service
question plainly, with a "can't" or the like, inventing no policy, shipping cost, delivery time,
opening time, discount, phone number or e-mail address; a service question alone writes nothing;
and a request that hangs on a service answer it cannot give ("If shipping's free over $25, add
another jar", "If you take bitcoin I'll get the watch, add it if so", "If you can get it to me by
Christmas, add a second candle holder") is not carried out as if the condition held. Asked
whether it is a bot, it says it is an assistant, never that it is a person. Three requests are
genuinely ambiguous and must be asked about, nothing written, the service question in the same
message still answered plainly: "I'll take one of those too" after the three kitchen products
were shown, "Take the kitchen thing out" with the shakers and a mug in the cart, and "Add the
one that's 18.99" after the candle holder and the tank top were both priced at $18.99. Every
conversation ends with a check of the cart (product id -> quantity) and its total, and of the
alerts where one was set. Conversions are computed in the test by the shop's currency service
(the embedded one, over its EUR-based rate table): the total converted, or its lines (or unit
prices) converted and added up, any of which the answer may show.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same file, which failed
at the same turns):
- "If shipping's free over $25, add another jar to get me over the line." (after two mugs
  added with Canada shipping declined, the total in Canadian dollars, CA$24.06, PayPal
  declined and a jar added, all rightly done) called add_to_cart(product="jar", quantity=1)
  and add_to_cart(product="line", quantity=1) (failed) ("Added 1 × Bamboo Glass Jar to your
  cart. ... Total: $28.96. I couldn't find a product matching 'line' in the catalog. I can't
  tell you delivery times or costs, ...") instead of saying it cannot tell whether shipping is
  free over $25 and adding nothing, since the condition is not known to hold;
- "Do you have any promo codes for first-time customers?" (after the exchange of last month's
  loafers declined, their price, $89.99, and a pair added with the returns window declined,
  all rightly done) called search_products(query="promo codes time customers") ("I couldn't
  find anything matching that. Try other words, ...") instead of saying plainly that it has no
  promo codes to give;
- "do you gift wrap? if so add the candle holder as a present for my mum" called
  add_to_cart(product="candle holder present", quantity=1, for_whom="mum") ("Added 1 × Candle
  Holder to your cart (for mum). ... I can't arrange gift wrapping or gift messages ...")
  instead of declining the gift wrapping and, the condition not holding, adding nothing;
- "are you a bot?" (after the tracking question and "Can I talk to a real person please",
  both rightly declined) called no tool ("I'm doing well, thanks for asking! I'm CartMate:
  helping you shop is what I do best. ...") instead of saying plainly that it is the shop's
  automated assistant;
- "Hi, what time do you close today?" called no tool ("Hello! I'm CartMate. What are you looking
  for today? I can search the catalog ...") instead of saying that it cannot tell the shop's
  opening hours;
- "I have a code WELCOME10, can you apply it?" (after the shakers and a mug added) called
  get_product_details(product="code welcome") (failed: "I couldn't find a product matching
  'code welcome' in the catalog.") instead of saying plainly that it cannot apply discount
  codes, nothing written;
- "If you take bitcoin I'll get the watch, add it if so" (after the payment methods rightly
  declined) called add_to_cart(product="bitcoin", quantity=1) (failed), then
  add_to_cart(product="watch", quantity=1) twice ("I couldn't find a product matching 'bitcoin'
  in the catalog. Added 1 × Watch to your cart. Added 1 × Watch to your cart. ... 2 × Watch.
  Total: $219.98.") instead of saying it cannot tell which payment methods are taken and
  adding nothing;
- "Add the one that's 18.99 - is shipping free on that?" (after the candle holder and the tank
  top both priced at $18.99, the London store rightly declined) called no tool ("I can't tell
  you delivery times or costs, or promise a delivery date. I can search the catalog ...")
  rightly declining the shipping question but not asking which of the two $18.99 products to
  add;
- "hey, i ordered a mug last week and it arrived chipped. can you send a replacement?" called
  no tool ("Hi! I'm CartMate, your shopping assistant. What are you looking for today? ...")
  instead of saying that it cannot look up orders or send replacements (nothing written,
  rightly);
- "Tell me when they drop below 70 euros. Also, have you got a Black Friday sale coming?"
  (after "are you an AI or a real person?" answered as the shop's assistant, and "Ok robot 😄
  how much are the loafers in euros" answered €79.60, though with a failed
  get_product_details(product="robot") beside it) called no tool ("Which one: robot or
  Loafers? I can't tell you about sales or loyalty schemes ...") instead of making the
  loafers alert at €70 ("they" are the loafers; "robot" is no product) and declining the sale
  question;
- "would I have to pay customs on that?" (after Japan shipping declined and the hairdryer, the
  candle holder and four jars added) called search_products(query="customs") ("I couldn't find
  anything matching that. Try other words, ...") instead of saying plainly that it cannot
  tell customs charges;
- "Add 2, one for me and one for my brother. Is there a discount for buying two?" (after the
  loyalty scheme rightly declined and "What's your cheapest accessory?" answered with
  search_products(query="accessory", category="accessories", sort="price_asc"): "2 products
  match: Sunglasses ($19.99) and Watch ($109.99).") called no tool ("Which product do you mean?
  Recently we looked at: 1. Sunglasses, 2. Watch. I can't change prices or give discounts
  ...") instead of adding two sunglasses, the cheapest accessory the shopper asked for, and
  declining the multi-buy discount.

Worked on since by general rules (2026-11-28), 12 of 12 pass: a request that hangs on a
service fact ("if shipping's free ...", "do you gift wrap? if so ...", "if you take bitcoin
...", "if you can get it to me by Friday ...") is declined whole, and "add it anyway" after it
is that request without its condition (`planner/service_conditions.py`); promo and discount
codes, closing times, customs, VAT, damaged deliveries and replacements, crypto and cards
with a message are declined plainly; "are you a bot?" is answered as the shop's automated
assistant ("robot" and "bot" name no product); a dash before a question ends the request
before it ("add the one that's 18.99 - is shipping free on that?" asks which); "the tank top"
answering "which?" completes the add; "is there a hairdryer that's good for travel?" is a
search; "your cheapest accessory" is one product; "two of the cheapest kitchen item" after an
add adds two; "I'll just buy a new one. Add a mug." is one add.
"""

from __future__ import annotations

import re

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
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    said_no,
    shown_names,
    understood,
    usd_total,
    writes_of,
)

#: Words by which an answer declines, or says it cannot know or do something.
_NO = (
    "can't", "cannot", "can not", "unable", "not able", "don't have", "do not have",
    "no access", "not something", "isn't something", "only help", "don't know", "do not know",
    "not possible", "won't", "not available", "don't handle", "not allowed", "i'm afraid",
    "don't offer", "do not offer", "no information", "not in a position",
)  # fmt: skip
NEGATIVE = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})

#: A delivery time, a return window or a date the shop never gave ("3-5 business days",
#: "within 30 days", "tomorrow", "next-day").
_TIMING = re.compile(
    r"\b(?:\d+\s*(?:-|\u2013|to)\s*)?\d+\s*(?:business\s+|working\s+)?(?:days?|weeks?|hours?)\b"
    r"|\btomorrow\b|\bnext[- ]day\b|\bsame[- ]day\b|\bovernight\b",
    re.IGNORECASE,
)
#: An opening time ("9am", "10:00 pm", "24/7").
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\b24/7\b", re.IGNORECASE)
#: A run of digits that could be a phone number (nine digits or more).
_DIGITS = re.compile(r"\+?\d[\d\s().-]{6,}\d")
#: An e-mail address.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
#: An amount of money as the shopper reads it ("$8.99", "€15.90", "¥2,010").
_AMOUNT = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?")
_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
#: A sentence saying how the shopper can pay, and what makes it no statement of fact.
_ACCEPTS = re.compile(r"\bwe (?:do )?(?:accept|take|support)\b|\byou can pay (?:with|by|in)\b")
_HEDGED = re.compile(r"n't|\bnot\b|\bno\b|\bwhether\b|\bwhich\b|\bwhat\b|\bif\b|\bcannot\b")
#: What an answer to "are you a bot?" says it is.
_A_BOT = re.compile(
    r"\b(?:assistant|bot|chatbot|automated|virtual|ai|a\.i\.|artificial|program)\b",
    re.IGNORECASE,
)
#: What it must never claim.
_A_PERSON = re.compile(
    r"\bi(?:'m|\u2019m| am) (?:a )?(?:real )?(?:human|person)\b|\bi(?:'m|\u2019m| am) not a bot\b",
    re.IGNORECASE,
)


def declined(turn: Turn) -> bool:
    """The answer plainly declines (or says it can't know): a real answer with a no in it."""
    return understood(turn) and said_no(turn, NEGATIVE)


def invents_timing(turn: Turn) -> bool:
    """The answer states a delivery time, a return window or a day the shop never gave."""
    return bool(_TIMING.search(turn.text))


def gives_contact(turn: Turn) -> bool:
    """The answer gives a phone number or an e-mail address the shop never gave."""
    phone = any(len(re.sub(r"\D", "", run)) >= 9 for run in _DIGITS.findall(turn.text))
    return phone or bool(_EMAIL.search(turn.text))


def amounts(turn: Turn) -> set[str]:
    """Every amount of money the answer states as a fact, as written ("$8.99"): quoted
    examples of what the shopper could ask ("sunglasses under $25") are not."""
    said = _QUOTED.sub("", turn.text)
    return {a.replace(" ", "") for a in _AMOUNT.findall(said)}


def says_we_accept(turn: Turn) -> bool:
    """The answer states, as a fact, that the shop takes some way of paying: a sentence with
    "we accept" or "you can pay with" (or the like) and no negation nor "whether" in it."""
    text = turn.text.lower().replace("\u2019", "'")
    return any(
        _ACCEPTS.search(sentence) and not _HEDGED.search(sentence)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text)
    )


def owns_up_to_being_a_bot(turn: Turn) -> bool:
    """Asked whether it is a bot: it says it is an assistant, never that it is a person."""
    return bool(_A_BOT.search(turn.text)) and not _A_PERSON.search(turn.text)


async def test_two_mugs_ship_to_canada_cad_paypal_jar_free_shipping_if_over_25_one_mug_out(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("add two mugs - and do you ship to Canada?")
    assert await cart_of(services) == {MUG: 2}
    assert "Mug" in first.text, first.text
    assert said_no(first, NEGATIVE), first.text  # no shipping destinations to state
    assert amounts(first) <= {"$8.99", "$17.98"}, first.text  # no shipping cost made up

    cad = await shopper.say("how much is that in canadian dollars?")
    await assert_says_price(cad, services, {MUG: 2}, "CAD")  # $17.98

    total = await shopper.say("ok cool. what's the total, and can I pay with PayPal?")
    assert usd_total({MUG: 2}) in total.text, total.text  # $17.98
    assert said_no(total, NEGATIVE), total.text
    assert not says_we_accept(total), total.text
    assert not writes_of(total), total.tool_calls

    await shopper.say("Throw in a bamboo jar too.")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    condition = await shopper.say(
        "If shipping's free over $25, add another jar to get me over the line."
    )
    assert await cart_of(services) == {MUG: 2, JAR: 1}  # the condition is not known to hold
    assert declined(condition), condition.text
    assert not writes_of(condition), condition.tool_calls
    assert amounts(condition) <= {"$25", "$25.00", "$23.47", "$5.49", "$28.96"}, condition.text

    await shopper.say("Fine, forget it. Take one mug out.")
    cart = {MUG: 1, JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart please")
    await assert_final_cart(final, services, cart)  # $14.48


async def test_exchange_last_months_loafers_price_add_pair_returns_window_promo_sunglasses_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    exchange = await shopper.say(
        "I bought loafers from you last month and they're too small. Can I exchange them for "
        "a bigger size?"
    )
    assert declined(exchange), exchange.text  # no orders, no exchanges here
    assert not invents_timing(exchange), exchange.text
    assert not writes_of(exchange), exchange.tool_calls
    assert await cart_of(services) == {}

    price = await shopper.say("ugh ok. how much are the loafers anyway?")
    assert "$89.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    window = await shopper.say(
        "Put a pair in my cart then. What's your returns window if these don't fit either?"
    )
    assert await cart_of(services) == {LOAFERS: 1}
    assert said_no(window, NEGATIVE), window.text  # no returns policy to state
    assert not invents_timing(window), window.text

    promo = await shopper.say("Do you have any promo codes for first-time customers?")
    assert declined(promo), promo.text
    assert "%" not in promo.text, promo.text  # no discount made up
    assert amounts(promo) <= {"$89.99"}, promo.text
    assert not writes_of(promo), promo.tool_calls
    assert await cart_of(services) == {LOAFERS: 1}

    shipping = await shopper.say(
        "Alright. Add sunglasses as well, and what does shipping cost for the two?"
    )
    cart = {LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert said_no(shipping, NEGATIVE), shipping.text
    assert amounts(shipping) <= {"$89.99", "$19.99", "$109.98"}, shipping.text

    euros = await shopper.say("What does everything come to in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $109.98

    final = await shopper.say("Show me the cart.")
    await assert_final_cart(final, services, cart)  # $109.98


async def test_gift_wrap_if_so_candle_holder_for_mum_card_kitchen_one_of_those_asked_sundays(
    shopper: Conversation, services: AgentServices
) -> None:
    wrap = await shopper.say(
        "do you gift wrap? if so add the candle holder as a present for my mum"
    )
    assert declined(wrap), wrap.text  # no gift wrapping to offer
    assert not writes_of(wrap), wrap.tool_calls  # the condition does not hold
    assert await cart_of(services) == {}

    await shopper.say("oh well, add it anyway, she'll love it")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    card = await shopper.say("Can you put a little card in saying happy birthday mum?")
    assert declined(card), card.text
    assert not writes_of(card), card.tool_calls
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    kitchen = await shopper.say("What kitchen things do you have? She cooks a lot.")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    which = await shopper.say(
        "I'll take one of those too. Are you open on Sundays? I might come in person."
    )
    assert_asked(which)  # the shakers, the jar or the mug?
    assert said_no(which, NEGATIVE), which.text  # no opening hours to state
    assert not _CLOCK.search(which.text), which.text
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("The salt and pepper shakers.")
    cart = {CANDLE_HOLDER: 1, SHAKERS: 1}
    assert await cart_of(services) == cart

    arrive = await shopper.say("What's my total? And when will it arrive if I order now?")
    assert usd_total(cart) in arrive.text, arrive.text  # $37.48
    assert said_no(arrive, NEGATIVE), arrive.text  # no delivery date to give
    assert not invents_timing(arrive), arrive.text
    assert not writes_of(arrive), arrive.tool_calls

    final = await shopper.say("Show me my cart")
    await assert_final_cart(final, services, cart)  # $37.48


async def test_where_is_my_order_tracking_real_person_are_you_a_bot_watch_apple_pay_jars_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    order = await shopper.say(
        "Where's my order?? Tracking number 1Z999AA10123456784, it was due on Monday"
    )
    assert declined(order), order.text  # no orders to look up
    assert not invents_timing(order), order.text
    assert not writes_of(order), order.tool_calls
    assert await cart_of(services) == {}

    human = await shopper.say("Can I talk to a real person please")
    assert declined(human), human.text
    assert not gives_contact(human), human.text
    assert not writes_of(human), human.tool_calls

    bot = await shopper.say("are you a bot?")
    assert understood(bot), bot.text
    assert owns_up_to_being_a_bot(bot), bot.text
    assert not writes_of(bot), bot.tool_calls

    watch = await shopper.say("Fine. I need a watch, what have you got")
    assert "Watch" in shown_names(watch), shown_names(watch)
    assert "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    pay = await shopper.say("Add it. Do you take Apple Pay?")
    assert await cart_of(services) == {WATCH: 1}
    assert said_no(pay, NEGATIVE), pay.text
    assert not says_we_accept(pay), pay.text

    await shopper.say("Also 3 bamboo jars")
    cart = {WATCH: 1, JAR: 3}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's the total in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $126.46

    final = await shopper.say("Cart please")
    await assert_final_cart(final, services, cart)  # $126.46


async def test_closing_time_travel_hairdryer_before_tuesday_express_cost_sunglasses_two_one_jpy(
    shopper: Conversation, services: AgentServices
) -> None:
    hours = await shopper.say("Hi, what time do you close today?")
    assert declined(hours), hours.text
    assert not _CLOCK.search(hours.text), hours.text
    assert not writes_of(hours), hours.tool_calls

    travel = await shopper.say(
        "ok. I'm travelling next week, is there a hairdryer thats good for travel?"
    )
    assert shown_names(travel)[0] == "Hairdryer", shown_names(travel)
    assert "$24.99" in travel.text, travel.text
    assert not writes_of(travel), travel.tool_calls

    before = await shopper.say("Great, add it. Can it be delivered before Tuesday?")
    assert await cart_of(services) == {HAIRDRYER: 1}
    assert said_no(before, NEGATIVE), before.text  # no delivery promise to make
    assert not invents_timing(before), before.text

    express = await shopper.say("What about express shipping, how much extra is that?")
    assert declined(express), express.text
    assert amounts(express) <= {"$24.99"}, express.text  # no shipping cost made up
    assert not invents_timing(express), express.text
    assert not writes_of(express), express.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("Forget it. Add the sunglasses as well, 2 pairs")
    assert await cart_of(services) == {HAIRDRYER: 1, SUNGLASSES: 2}

    await shopper.say("actually just one pair of sunglasses")
    cart = {HAIRDRYER: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("whats my total in yen")
    await assert_says_price(yen, services, cart, "JPY")  # $44.98

    final = await shopper.say("show cart")
    await assert_final_cart(final, services, cart)  # $44.98


async def test_shakers_and_mug_code_welcome10_student_discount_kitchen_thing_asked_watch_returns(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put the salt and pepper shakers and a mug in my basket.")
    assert await cart_of(services) == {SHAKERS: 1, MUG: 1}

    code = await shopper.say("I have a code WELCOME10, can you apply it?")
    assert declined(code), code.text
    assert not writes_of(code), code.tool_calls
    assert "$24.73" not in code.text and "$2.75" not in code.text, code.text  # no 10 % off
    assert await cart_of(services) == {SHAKERS: 1, MUG: 1}

    student = await shopper.say("Is there a student discount at least?")
    assert declined(student), student.text
    assert "%" not in student.text, student.text
    assert not writes_of(student), student.tool_calls

    which = await shopper.say(
        "Ok. Take the kitchen thing out, I changed my mind. Oh and do you ship to Ireland?"
    )
    assert_asked(which)  # the shakers or the mug?
    assert said_no(which, NEGATIVE), which.text  # no shipping destinations to state
    assert await cart_of(services) == {SHAKERS: 1, MUG: 1}

    await shopper.say("The mug.")
    assert await cart_of(services) == {SHAKERS: 1}

    returns = await shopper.say("And add the watch. Do you offer free returns on watches?")
    cart = {SHAKERS: 1, WATCH: 1}
    assert await cart_of(services) == cart
    assert said_no(returns, NEGATIVE), returns.text  # no returns policy to state
    assert not invents_timing(returns), returns.text

    owe = await shopper.say("what do I owe")
    assert usd_total(cart) in owe.text, owe.text  # $128.48
    assert not writes_of(owe), owe.tool_calls

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $128.48


async def test_payment_methods_if_bitcoin_add_watch_accessories_under_30_cash_tank_tops_vat_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    methods = await shopper.say("What payment methods do you accept?")
    assert declined(methods), methods.text
    assert not says_we_accept(methods), methods.text
    assert not writes_of(methods), methods.tool_calls

    bitcoin = await shopper.say("If you take bitcoin I'll get the watch, add it if so")
    assert declined(bitcoin), bitcoin.text
    assert not writes_of(bitcoin), bitcoin.tool_calls  # the condition is not known to hold
    assert await cart_of(services) == {}

    accessories = await shopper.say("Whatever. Show me accessories under 30 dollars")
    assert shown_names(accessories) == ["Sunglasses"], shown_names(accessories)
    assert "$19.99" in accessories.text, accessories.text
    assert not writes_of(accessories), accessories.tool_calls

    cash = await shopper.say("Add those. Can I pay cash on delivery?")
    assert await cart_of(services) == {SUNGLASSES: 1}
    assert said_no(cash, NEGATIVE), cash.text
    assert not says_we_accept(cash), cash.text

    await shopper.say("and 2 tank tops")
    cart = {SUNGLASSES: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much is all that in euros? And is VAT included?")
    await assert_says_price(euros, services, cart, "EUR")  # $57.97
    assert said_no(euros, NEGATIVE), euros.text  # no tax rules to state
    assert "%" not in euros.text, euros.text

    final = await shopper.say("Cart")
    await assert_final_cart(final, services, cart)  # $57.97


async def test_candle_holder_and_tank_top_store_in_london_the_1899_one_asked_return_wrap_two(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say(
        "How much are the candle holder and the tank top? And do you have a store in London?"
    )
    assert "Candle Holder" in prices.text and "Tank Top" in prices.text, prices.text
    assert "$18.99" in prices.text, prices.text  # both
    assert said_no(prices, NEGATIVE), prices.text  # no shops to name
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("Add the one that's 18.99 - is shipping free on that?")
    assert_asked(which)  # both are $18.99: which?
    assert said_no(which, NEGATIVE), which.text  # no shipping policy to state
    assert await cart_of(services) == {}

    await shopper.say("the tank top")
    assert await cart_of(services) == {TANK_TOP: 1}

    returns = await shopper.say("can i return it if it doesnt fit? how long do I have")
    assert declined(returns), returns.text
    assert not invents_timing(returns), returns.text
    assert not writes_of(returns), returns.tool_calls
    assert await cart_of(services) == {TANK_TOP: 1}

    wrap = await shopper.say(
        "Ok add the candle holder too, 2 of them, they're gifts. Can you wrap them separately?"
    )
    cart = {TANK_TOP: 1, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart
    assert said_no(wrap, NEGATIVE), wrap.text  # no gift wrapping to offer

    total = await shopper.say("Total in dollars please")
    assert usd_total(cart) in total.text, total.text  # $56.97
    assert not writes_of(total), total.tool_calls

    final = await shopper.say("Show me the cart")
    await assert_final_cart(final, services, cart)  # $56.97


async def test_chipped_mug_replacement_refund_new_mug_two_cheapest_kitchen_manchester_gbp(
    shopper: Conversation, services: AgentServices
) -> None:
    chipped = await shopper.say(
        "hey, i ordered a mug last week and it arrived chipped. can you send a replacement?"
    )
    assert declined(chipped), chipped.text  # no orders to act on
    assert not writes_of(chipped), chipped.tool_calls  # not an order for a new mug
    assert await cart_of(services) == {}

    refund = await shopper.say("Can I at least get a refund?")
    assert declined(refund), refund.text
    assert amounts(refund) <= {"$8.99"}, refund.text
    assert not invents_timing(refund), refund.text
    assert not writes_of(refund), refund.tool_calls

    await shopper.say("Fine, I'll just buy a new one. Add a mug.")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("Also two of the cheapest kitchen item you have.")
    cart = {MUG: 1, JAR: 2}
    assert await cart_of(services) == cart

    delivery = await shopper.say("How long does standard delivery take to Manchester")
    assert declined(delivery), delivery.text
    assert not invents_timing(delivery), delivery.text
    assert not writes_of(delivery), delivery.tool_calls

    pounds = await shopper.say("What's my total in pounds")
    await assert_says_price(pounds, services, cart, "GBP")  # $19.97

    final = await shopper.say("show my cart")
    await assert_final_cart(final, services, cart)  # $19.97


async def test_ai_or_real_person_loafers_eur_alert_70_black_friday_watch_manager_second_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    bot = await shopper.say("Quick question before I shop: are you an AI or a real person?")
    assert understood(bot), bot.text
    assert owns_up_to_being_a_bot(bot), bot.text
    assert not writes_of(bot), bot.tool_calls

    euros = await shopper.say("Ok robot \U0001f604 how much are the loafers in euros")
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99

    alert = await shopper.say(
        "Tell me when they drop below 70 euros. Also, have you got a Black Friday sale coming?"
    )
    assert_alert(alert, "Loafers", "EUR", 70)
    alerts = {("Loafers", "EUR", 70)}
    assert await alerts_of(services) == alerts
    assert said_no(alert, NEGATIVE), alert.text  # no sales to announce
    assert "%" not in alert.text, alert.text
    assert await cart_of(services) == {}

    await shopper.say("Put the watch in my cart meanwhile")
    assert await cart_of(services) == {WATCH: 1}
    assert await alerts_of(services) == alerts

    manager = await shopper.say("Can I speak to a manager about a bulk order discount?")
    assert declined(manager), manager.text
    assert not gives_contact(manager), manager.text
    assert "%" not in manager.text, manager.text
    assert not writes_of(manager), manager.tool_calls

    await shopper.say("Add a second watch then.")
    cart = {WATCH: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("cart and alerts please")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $219.98


async def test_ship_to_japan_cost_hairdryer_candle_four_jars_customs_jpy_two_jars_out_christmas(
    shopper: Conversation, services: AgentServices
) -> None:
    japan = await shopper.say("Do you ship to Japan, and how much would it be?")
    assert declined(japan), japan.text
    assert amounts(japan) == set(), japan.text  # no shipping cost made up
    assert not writes_of(japan), japan.tool_calls

    await shopper.say("Hmm OK. add 1 hairdryer, 1 candle holder and 4 bamboo jars")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1, JAR: 4}

    customs = await shopper.say("would I have to pay customs on that?")
    assert declined(customs), customs.text
    assert "%" not in customs.text, customs.text
    assert not writes_of(customs), customs.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1, JAR: 4}

    yen = await shopper.say("how much is teh total in yen")
    await assert_says_price(yen, services, {HAIRDRYER: 1, CANDLE_HOLDER: 1, JAR: 4}, "JPY")

    await shopper.say("Remove 2 of the jars")
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 1, JAR: 2}
    assert await cart_of(services) == cart

    christmas = await shopper.say(
        "If you can get it to me by Christmas, add a second candle holder."
    )
    assert await cart_of(services) == cart  # the condition is not known to hold
    assert declined(christmas), christmas.text
    assert not invents_timing(christmas), christmas.text
    assert not writes_of(christmas), christmas.tool_calls

    final = await shopper.say("Show me my cart")
    await assert_final_cart(final, services, cart)  # $54.96


async def test_loyalty_points_cheapest_accessory_two_discount_for_two_pickup_shakers_split_chf(
    shopper: Conversation, services: AgentServices
) -> None:
    loyalty = await shopper.say("Do you have a loyalty card or a points scheme?")
    assert declined(loyalty), loyalty.text
    assert not writes_of(loyalty), loyalty.tool_calls

    cheapest = await shopper.say("What's your cheapest accessory?")
    assert shown_names(cheapest)[0] == "Sunglasses", shown_names(cheapest)
    assert "$19.99" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    two = await shopper.say(
        "Add 2, one for me and one for my brother. Is there a discount for buying two?"
    )
    assert await cart_of(services) == {SUNGLASSES: 2}
    assert said_no(two, NEGATIVE), two.text  # no multi-buy discount to state
    assert amounts(two) <= {"$19.99", "$39.98"}, two.text

    pickup = await shopper.say("Can I pick them up in store instead of delivery?")
    assert declined(pickup), pickup.text
    assert not writes_of(pickup), pickup.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 2}

    split = await shopper.say(
        "and add the salt and pepper shakers. whats the total now, and can i split the "
        "payment between two cards?"
    )
    cart = {SUNGLASSES: 2, SHAKERS: 1}
    assert await cart_of(services) == cart
    assert usd_total(cart) in split.text, split.text  # $58.47
    assert said_no(split, NEGATIVE), split.text
    assert not says_we_accept(split), split.text

    francs = await shopper.say("What's that in Swiss francs?")
    await assert_says_price(francs, services, cart, "CHF")  # $58.47

    final = await shopper.say("one last look at my cart")
    await assert_final_cart(final, services, cart)  # $58.47
