"""A twenty-third set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tool, which product, which quantity, currency and alert target, what the cart and alerts hold
afterwards) and the essential facts of its answers, not their wording. Their theme is shoppers
who write English as a second language, six to eight turns each, whose meaning is clear to a
careful human: simple or non-standard grammar and word order ("is possible to see kitchen
things?", "how much cost the watch?", "is from what material?", "mug inside is what color?",
"what i can keep in the jar?"); missing articles and plurals ("i want buy two mug and three
jar", "please give me one sunglass", "what is total?", "in pound"); wrong verb forms ("when
watch price go down to 90 dollar", "he like very much to cook"); "he" for a thing ("this jar,
how much he can hold?", "he can grind or only shake?"); literal translations ("make it three
piece", "four piece", "only one mug i need", "the most expensive from this, i take", "i search
gift for my father, maximum 30 dollar", "show me all what you have under 20", "which is more
cheap"); and words from other Englishes ("kindly share the rate of the hair dryer", "one piece",
"kindly reduce", "my trolley", "got cheaper thing for kitchen?"). They cover searching and
filters (a category, a price limit, the cheapest, the dearest of a list, kitchen things other
than two named ones), product questions answered from the catalog description (the jar's size
and use, the mug's inside, the shakers' grinding, the sunglasses' lenses, the tank top's
fabric, the hairdryer for travel, the candle holder's material, the watch's colour), adding
with quantities and by reference to results just shown ("the second one, i take it", "the first
one", "that one also, two piece", "the more cheap one"), changing and removing quantities
("remove one jar from basket", "one less", "i don't want the tank top anymore, delete",
"kindly reduce the candle holders to one only"), price alerts in dollars, totals asked in
passing in pounds, rupees and Singapore dollars, euros set as the display currency, two
products' prices compared, and checks of the cart and its total. Two requests are genuinely
ambiguous and must be asked about with nothing written: "i want two of this" after two
accessories were shown (two of which one, or one of each?) and "delete one" right after two
mugs and two jars were added (one of which?).
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 2 of 12 passed (everything under 20, "the second one, i take it", "which is more
cheap, mug or jar?", four jars and the total; shoes, "this loafers have other color?", euros
from now on, the loafers and the sunglasses and the total in euros). No expectation was found
to be the test's own mistake. The ten failures are the assistant's (each conversation stops at
its first wrong turn, so later turns were not reached; the tool calls were read from a replay
of the turns up to the failing one):
- "which one is most cheap?" after the kitchen products were shown (search_products(query=
  "possible kitchen", category="kitchen"), answered "Sorry, I don't have anything for
  "possible". The closest I have: ..." with the three) called search_products(query="most",
  sort="price_asc", limit=1) ("I couldn't find anything matching that. ...") instead of
  naming the Bamboo Glass Jar at $5.49;
- "the salt pepper, he can grind or only shake?" with two mugs, two jars and the shakers in
  the cart called add_to_cart(product="salt pepper", quantity=1), add_to_cart(product="grind",
  quantity=1) and add_to_cart(product="shake", quantity=1) ("... 4 × Salt & Pepper Shakers.
  Total: $102.92.") instead of saying they grind, with nothing added;
- "the glass is dark or clear?" right after one pair of sunglasses was added called
  add_to_cart(product="glass", quantity=1), add_to_cart(product="clear", quantity=1) and
  add_to_cart(product="9SIQT8TOJO", quantity=1) ("... 2 × Bamboo Glass Jar and 1 ×
  Sunglasses. Total: $30.97.") instead of saying the lenses are dark grey, with nothing added;
- "the hair dryer is small for travel?" after two tank tops and a hairdryer were added called
  add_to_cart(product="hairdryer", quantity=1) ("... 2 × Hairdryer and 2 × Tank Top. Total:
  $87.96.") instead of saying it is compact enough for a suitcase, with nothing added;
- "how much is difference?" after "which is more cheap, the candle holder or the salt and
  pepper?" (rightly the shakers at $18.49 and the candle holder at $18.99) called no tool and
  asked "Which product do you mean? Recently we looked at: 1. Salt & Pepper Shakers, 2.
  Candle Holder." instead of the $0.50 between them;
- "the watch, is gold or silver colour?" after "i want two of this" (rightly asked about) and
  two pairs of sunglasses added called add_to_cart(product="watch", quantity=1) ("... 1 ×
  Watch and 2 × Sunglasses. Total: $149.97.") instead of saying it is gold-tone, with nothing
  added;
- "hmm, is too much. delete one" right after two mugs and two jars were added called
  set_cart_quantity(product="9SIQT8TOJO", quantity=1) ("Updated Bamboo Glass Jar to 1. ...")
  instead of asking whether a mug or a jar, with nothing changed;
- "Hello, kindly share the rate of the hair dryer." called no tool and answered with the
  greeting ("Hello! I'm CartMate. What are you looking for today? I can search the catalog
  ...") instead of the Hairdryer's price, $24.99;
- "he like very much to cook. you have kitchen things under 30?" after the gifts under $30
  and the first one's price called get_product_details(product="kitchen") and asked "Did you
  mean Salt & Pepper Shakers or Bamboo Glass Jar or Mug?" instead of showing the three
  kitchen products (all under $30);
- "hi, you have mug? how much for one?" called no tool and asked "Which product do you mean?
  You can name it, for example "the watch"." instead of the Mug's price, $8.99.

Fixed since by general rules (the same session), 12 of 12 pass: second-language wordings are
put the usual way before reading ("most cheap" / "more cheap", "how much cost ...", "kindly
share the rate of", "is difference", "final amount", "two piece", "what i can keep" -> "what
can i keep", "you have mug?" -> "do you have mug?"); a question after an add, however it is
worded ("the glass is dark or clear?", "the watch, is gold or silver colour?"), is never
another add; "X is A or B?" asks about X, and a word inside the name of the product in focus
("glass" of the Sunglasses) is that product; "how much is the difference?" after two were
compared gives the gap; "delete one" or "one for my brother too" right after several products
were added asks which; "... ? not mug, not jar" leaves those out of the search; "the cheaper
one, give me two" adds two of it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

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
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WRITES,
    alerts_of,
    assert_alert,
    cart_of,
    changes_cart,
    result_of,
    shown_names,
    switched_to,
    understood,
    usd_total,
    viewed,
    writes_of,
)

#: Amounts as the shop's currency service (its EUR-based rate table) converts them: the total
#: converted, or its lines converted and added up (the same for all of these).
EUR_LOAFERS = "€79.60"  # $89.99
EUR_LOAFERS_AND_SUNGLASSES = "€97.28"  # $109.98
GBP_WATCH = "£83.64"  # $109.99
GBP_TWO_SHAKERS_AND_CANDLE_HOLDER = "£42.56"  # $55.97
INR_HAIRDRYER_AND_TWO_CANDLE_HOLDERS = "₹4,424.44"  # $62.97
SGD_TWO_MUGS_AND_TWO_JARS = "SGD39.32"  # $28.96
_WORDS = {4: "four"}


def _under(limit: int) -> set[str]:
    """The names of the products that cost less than `limit` dollars."""
    return {name for name, pid in ID.items() if PRICE[pid] < limit}


UNDER_20 = _under(20)  # sunglasses, tank top, candle holder, shakers, jar, mug
UNDER_30 = _under(30)  # and the hairdryer: all but the watch and the loafers


def _dollars(name: str) -> str:
    """The catalog price of the product called `name`, as the shopper reads it."""
    return f"${PRICE[ID[name]]}"


def searched(turn: Turn, arg: str) -> list[Any]:
    """Every value the turn's search_products calls passed as `arg`."""
    return [c[arg] for c in turn.calls("search_products") if c.get(arg) is not None]


def wrote_nothing(turn: Turn) -> bool:
    """No tool that changes what CartMate keeps succeeded this turn (a refused one may run)."""
    return not any(r.get("status") == "ok" for name, r in turn.tool_results if name in WRITES)


def says_count(turn: Turn, n: int) -> bool:
    """The answer states the number `n` on its own (not inside a price such as $5.49)."""
    digit = re.search(rf"(?<![\d.,$£€¥]){n}(?!\d|[.,]\d)", turn.text)
    return bool(digit) or re.search(rf"\b{_WORDS[n]}\b", turn.text.lower()) is not None


async def test_is_possible_to_see_kitchen_things_most_cheap_jar_three_piece_how_many_things(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("hello. is possible to see kitchen things?")
    names = shown_names(kitchen)
    assert set(names) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    cheap = await shopper.say("which one is most cheap?")
    assert "Bamboo Glass Jar" in cheap.text and "$5.49" in cheap.text, cheap.text
    assert not writes_of(cheap), cheap.tool_calls

    size = await shopper.say("this jar, how much he can hold?")
    assert "57 oz" in size.text or "1.7 l" in size.text, size.text
    assert not writes_of(size), size.tool_calls

    three = await shopper.say("ok i take it. make it three piece")
    assert not three.calls("empty_cart"), three.tool_calls
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("and one mug also please")
    cart = {JAR: 3, MUG: 1}
    assert await cart_of(services) == cart

    count = await shopper.say("how many things is in my basket now?")
    assert says_count(count, 4), count.text  # three jars and one mug
    assert not writes_of(count), count.tool_calls

    total = await shopper.say("what is total?")
    assert usd_total(cart) in total.text, total.text  # $25.46
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_i_want_buy_two_mug_and_three_jar_remove_one_jar_put_also_salt_and_pepper(
    shopper: Conversation, services: AgentServices
) -> None:
    buy = await shopper.say("i want buy two mug and three jar please")
    assert not buy.calls("empty_cart"), buy.tool_calls
    assert await cart_of(services) == {MUG: 2, JAR: 3}

    inside = await shopper.say("mug inside is what color?")
    text = inside.text.lower()
    assert "mustard" in text or "yellow" in text, inside.text
    assert not writes_of(inside), inside.tool_calls

    one = await shopper.say("remove one jar from basket please")
    assert not one.calls("empty_cart") and not one.calls("add_to_cart"), one.tool_calls
    assert await cart_of(services) == {MUG: 2, JAR: 2}

    await shopper.say("put also salt and pepper")
    cart = {MUG: 2, JAR: 2, SHAKERS: 1}
    assert await cart_of(services) == cart

    grind = await shopper.say("the salt pepper, he can grind or only shake?")
    assert understood(grind) and "grind" in grind.text.lower(), grind.text
    assert not writes_of(grind), grind.tool_calls

    total = await shopper.say("how much cost all together?")
    assert usd_total(cart) in total.text, total.text  # $47.45
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_please_give_me_one_sunglass_the_glass_is_dark_watch_go_down_to_90_dollar(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("please give me one sunglass")
    assert await cart_of(services) == {SUNGLASSES: 1}

    lenses = await shopper.say("the glass is dark or clear?")
    text = lenses.text.lower()
    assert "grey" in text or "gray" in text, lenses.text  # dark grey teardrop lenses
    assert not writes_of(lenses), lenses.tool_calls

    watch = await shopper.say("how much cost the watch?")
    assert "Watch" in watch.text and "$109.99" in watch.text, watch.text
    assert not writes_of(watch), watch.tool_calls

    alert = await shopper.say(
        "too expensive for me. please tell me when watch price go down to 90 dollar"
    )
    assert_alert(alert, "Watch", "USD", 90)
    assert result_of(alert, "create_price_alert")["already_met"] is False  # $109.99 today
    assert not changes_cart(alert), alert.tool_calls
    assert await alerts_of(services) == {("Watch", "USD", 90)}

    listed = await shopper.say("which alert i have now?")
    alerts = result_of(listed, "list_price_alerts")["alerts"]
    assert [a["product_name"] for a in alerts] == ["Watch"], alerts
    assert "Watch" in listed.text and "$90" in listed.text, listed.text
    assert not writes_of(listed), listed.tool_calls

    basket = await shopper.say("ok. and how much is my basket?")
    assert "$19.99" in basket.text, basket.text
    assert not changes_cart(basket), basket.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 1}
    assert await alerts_of(services) == {("Watch", "USD", 90)}


async def test_show_me_all_what_you_have_under_20_the_second_one_i_take_it_more_cheap_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    under = await shopper.say("show me all what you have under 20")
    assert [Decimal(m) for m in searched(under, "max_price")][-1:] == [20], under.tool_calls
    names = shown_names(under)
    assert set(names) == UNDER_20, names
    assert not writes_of(under), under.tool_calls

    await shopper.say("the second one, i take it")
    second = ID[names[1]]
    assert await cart_of(services) == {second: 1}

    price = await shopper.say("how much it cost?")
    assert _dollars(names[1]) in price.text, (names, price.text)
    assert not writes_of(price), price.tool_calls

    cheaper = await shopper.say("which is more cheap, mug or jar?")
    assert "Jar" in cheaper.text and "$5.49" in cheaper.text, cheaper.text  # the mug is $8.99
    assert not writes_of(cheaper), cheaper.tool_calls

    four = await shopper.say("give me the more cheap one, four piece")
    assert not four.calls("empty_cart"), four.tool_calls
    cart = {second: 1}
    cart[JAR] = cart.get(JAR, 0) + 4
    assert await cart_of(services) == cart

    total = await shopper.say("what is total?")
    assert usd_total(cart) in total.text, total.text
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_you_have_shoes_this_loafers_have_other_color_all_price_in_euro_from_now(
    shopper: Conversation, services: AgentServices
) -> None:
    shoes = await shopper.say("good day. you have shoes?")
    assert shown_names(shoes) == ["Loafers"], shoes.tool_results
    assert not writes_of(shoes), shoes.tool_calls

    colour = await shopper.say("this loafers have other color?")
    assert "beige" in colour.text.lower(), colour.text  # only beige suede
    assert not writes_of(colour), colour.tool_calls

    euros = await shopper.say("from now please show me all price in euro, i live in Spain")
    assert switched_to(euros, "EUR"), euros.tool_results
    calls = euros.calls("set_display_currency")
    assert not any(c.get("just_this_answer") for c in calls), calls
    assert not changes_cart(euros), euros.tool_calls

    price = await shopper.say("so how much cost the loafers?")
    assert EUR_LOAFERS in price.text, price.text  # $89.99
    assert not writes_of(price), price.tool_calls

    await shopper.say("ok i take one pair")
    assert await cart_of(services) == {LOAFERS: 1}

    await shopper.say("put also the sunglass")
    cart = {LOAFERS: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("what is in my basket and total?")
    assert viewed(total) == cart, total.tool_results
    assert EUR_LOAFERS_AND_SUNGLASSES in total.text, total.text  # $109.98, still in euros
    assert not changes_cart(total), total.tool_calls

    bye = await shopper.say("thank you, is all for today")
    assert understood(bye), bye.text
    assert not writes_of(bye), bye.tool_calls
    assert await cart_of(services) == cart


async def test_some_top_for_summer_is_from_what_material_two_hair_dryer_tank_top_delete(
    shopper: Conversation, services: AgentServices
) -> None:
    tops = await shopper.say("hello, i look for some top for summer, what you have?")
    assert "Tank Top" in shown_names(tops), tops.tool_results
    assert not writes_of(tops), tops.tool_calls

    fabric = await shopper.say("is from what material?")
    assert "knit" in fabric.text.lower(), fabric.text  # soft stretch knit
    assert not writes_of(fabric), fabric.tool_calls

    await shopper.say("ok, put two in my basket")
    assert await cart_of(services) == {TANK_TOP: 2}

    await shopper.say("and one hair dryer for my wife")
    assert await cart_of(services) == {TANK_TOP: 2, HAIRDRYER: 1}

    travel = await shopper.say("the hair dryer is small for travel?")
    text = travel.text.lower()
    assert "compact" in text or "suitcase" in text, travel.text
    assert not writes_of(travel), travel.tool_calls

    delete = await shopper.say("i don't want the tank top anymore, delete")
    assert not delete.calls("empty_cart") and not delete.calls("add_to_cart"), delete.tool_calls
    assert await cart_of(services) == {HAIRDRYER: 1}

    recap = await shopper.say("what is in my basket and total?")
    assert viewed(recap) == {HAIRDRYER: 1}, recap.tool_results
    assert "$24.99" in recap.text, recap.text
    assert not changes_cart(recap), recap.tool_calls


async def test_which_is_more_cheap_candle_holder_or_salt_and_pepper_difference_in_pound(
    shopper: Conversation, services: AgentServices
) -> None:
    compare = await shopper.say("which is more cheap, the candle holder or the salt and pepper?")
    assert "Shakers" in compare.text and "$18.49" in compare.text, compare.text  # vs $18.99
    assert not writes_of(compare), compare.tool_calls

    gap = await shopper.say("how much is difference?")
    assert "$0.50" in gap.text or "50 cents" in gap.text, gap.text
    assert not writes_of(gap), gap.tool_calls

    await shopper.say("ok the more cheap one, give me two")
    assert await cart_of(services) == {SHAKERS: 2}

    material = await shopper.say("the candle holder is from metal or what?")
    assert "ceramic" in material.text.lower(), material.text
    assert not writes_of(material), material.tool_calls

    await shopper.say("ok put also one candle holder")
    cart = {SHAKERS: 2, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("how much cost everything in pound?")
    assert GBP_TWO_SHAKERS_AND_CANDLE_HOLDER in pounds.text, pounds.text  # $55.97
    assert not changes_cart(pounds), pounds.tool_calls

    recap = await shopper.say("and what is in my basket now, and total in dollar?")
    assert viewed(recap) == cart, recap.tool_results
    assert usd_total(cart) in recap.text, recap.text  # $55.97
    assert not changes_cart(recap), recap.tool_calls


async def test_what_accessory_you_have_i_want_two_of_this_asked_which_watch_in_pound(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("what accessory you have?")
    assert set(shown_names(accessories)) == {"Sunglasses", "Watch"}, accessories.tool_results
    assert not writes_of(accessories), accessories.tool_calls

    which = await shopper.say("i want two of this")
    # Two of which one, or one of each? A careful assistant asks instead of guessing.
    assert wrote_nothing(which), which.tool_results
    assert "?" in which.text, which.text
    assert await cart_of(services) == {}

    await shopper.say("sorry, i mean two sunglass, for me and my husband")
    assert await cart_of(services) == {SUNGLASSES: 2}

    gold = await shopper.say("the watch, is gold or silver colour?")
    assert understood(gold) and "gold" in gold.text.lower(), gold.text  # gold-tone case
    assert not writes_of(gold), gold.tool_calls

    pounds = await shopper.say("how much is watch in pound?")
    assert GBP_WATCH in pounds.text, pounds.text  # $109.99
    assert not changes_cart(pounds), pounds.tool_calls

    total = await shopper.say("ok, too much, no watch. what is my total?")
    # The pounds were only asked in passing: the total is in dollars.
    assert usd_total({SUNGLASSES: 2}) in total.text, total.text  # $39.98
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 2}


async def test_two_mug_and_two_jar_delete_one_asked_which_other_kitchen_not_mug_not_jar(
    shopper: Conversation, services: AgentServices
) -> None:
    flat = await shopper.say("i need 2 mug and 2 jar for my new flat")
    assert not flat.calls("empty_cart"), flat.tool_calls
    assert await cart_of(services) == {MUG: 2, JAR: 2}

    which = await shopper.say("hmm, is too much. delete one")
    # One mug or one jar? A careful assistant asks instead of guessing.
    assert wrote_nothing(which), which.tool_results
    text = which.text.lower()
    assert "mug" in text and "jar" in text, which.text
    assert await cart_of(services) == {MUG: 2, JAR: 2}

    one = await shopper.say("the mug. only one mug i need")
    assert not one.calls("empty_cart") and not one.calls("add_to_cart"), one.tool_calls
    cart = {MUG: 1, JAR: 2}
    assert await cart_of(services) == cart

    keep = await shopper.say("what i can keep in the jar?")
    text = keep.text.lower()
    assert any(w in text for w in ("coffee", "pasta", "flour", "snack")), keep.text
    assert not writes_of(keep), keep.tool_calls

    other = await shopper.say("you have other thing for kitchen? not mug, not jar")
    assert shown_names(other) == ["Salt & Pepper Shakers"], other.tool_results
    assert not writes_of(other), other.tool_calls

    total = await shopper.say("no thank you. what is total now?")
    assert usd_total(cart) in total.text, total.text  # $19.97
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_kindly_share_the_rate_of_hair_dryer_two_candle_holders_rupees_reduce_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    rate = await shopper.say("Hello, kindly share the rate of the hair dryer.")
    assert "Hairdryer" in rate.text and "$24.99" in rate.text, rate.text
    assert not writes_of(rate), rate.tool_calls

    await shopper.say("Please add one piece to my cart.")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("Also I want to purchase two candle holders for Diwali, kindly add them.")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 2}

    rupees = await shopper.say("What is the total amount in rupees?")
    assert INR_HAIRDRYER_AND_TWO_CANDLE_HOLDERS in rupees.text, rupees.text  # $62.97
    assert not changes_cart(rupees), rupees.tool_calls

    reduce = await shopper.say("Kindly reduce the candle holders to one only.")
    assert not reduce.calls("empty_cart") and not reduce.calls("add_to_cart"), reduce.tool_calls
    cart = {HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say(
        "Please inform me when the candle holder price comes down to 15 dollars."
    )
    assert_alert(alert, "Candle Holder", "USD", 15)
    assert result_of(alert, "create_price_alert")["already_met"] is False  # $18.99 today
    assert not changes_cart(alert), alert.tool_calls
    assert await alerts_of(services) == {("Candle Holder", "USD", 15)}

    final = await shopper.say("Ok, what is the final amount in dollars?")
    assert usd_total(cart) in final.text, final.text  # $43.98
    assert not changes_cart(final), final.tool_calls
    assert await cart_of(services) == cart
    assert await alerts_of(services) == {("Candle Holder", "USD", 15)}


async def test_i_search_gift_for_my_father_maximum_30_dollar_the_most_expensive_from_this(
    shopper: Conversation, services: AgentServices
) -> None:
    gift = await shopper.say("good evening. i search gift for my father, maximum 30 dollar")
    assert [Decimal(m) for m in searched(gift, "max_price")][-1:] == [30], gift.tool_calls
    names = shown_names(gift)
    assert names and set(names) <= UNDER_30, names
    assert not writes_of(gift), gift.tool_calls

    first = await shopper.say("the first one, how much it cost?")
    assert _dollars(names[0]) in first.text, (names, first.text)
    assert not writes_of(first), first.tool_calls

    kitchen = await shopper.say("he like very much to cook. you have kitchen things under 30?")
    assert set(shown_names(kitchen)) == KITCHEN, kitchen.tool_results  # all three are
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("the most expensive from this, i take")
    assert await cart_of(services) == {SHAKERS: 1}  # $18.49, the mug $8.99, the jar $5.49

    await shopper.say("also mug for me, make two")
    assert await cart_of(services) == {SHAKERS: 1, MUG: 2}

    one = await shopper.say("i change my mind, only one mug")
    assert not one.calls("empty_cart") and not one.calls("add_to_cart"), one.tool_calls
    cart = {SHAKERS: 1, MUG: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("how much is all together?")
    assert usd_total(cart) in total.text, total.text  # $27.48
    assert not changes_cart(total), total.tool_calls
    assert await cart_of(services) == cart


async def test_can_add_three_to_my_trolley_got_cheaper_thing_for_kitchen_singapore_dollar(
    shopper: Conversation, services: AgentServices
) -> None:
    mug = await shopper.say("hi, you have mug? how much for one?")
    assert "Mug" in mug.text and "$8.99" in mug.text, mug.text
    assert not writes_of(mug), mug.tool_calls

    await shopper.say("can add three to my trolley?")
    assert await cart_of(services) == {MUG: 3}

    cheaper = await shopper.say("got cheaper thing for kitchen?")
    # Cheaper than the mug, for the kitchen: only the jar (the shakers are $18.49).
    assert "Bamboo Glass Jar" in cheaper.text and "$5.49" in cheaper.text, cheaper.text
    assert "Salt & Pepper Shakers" not in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    await shopper.say("ok, that one also, two piece")
    assert await cart_of(services) == {MUG: 3, JAR: 2}

    less = await shopper.say("the mug, one less please")
    assert not less.calls("empty_cart"), less.tool_calls
    cart = {MUG: 2, JAR: 2}
    assert await cart_of(services) == cart

    sgd = await shopper.say("how much is my trolley in singapore dollar?")
    assert SGD_TWO_MUGS_AND_TWO_JARS in sgd.text, sgd.text  # $28.96
    assert not changes_cart(sgd), sgd.tool_calls

    recap = await shopper.say("ok. what is inside my trolley now, and total in US dollar?")
    assert viewed(recap) == cart, recap.tool_results
    assert usd_total(cart) in recap.text, recap.text  # $28.96
    assert not changes_cart(recap), recap.tool_calls
    assert await cart_of(services) == cart
