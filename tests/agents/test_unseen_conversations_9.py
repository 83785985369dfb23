"""A ninth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human would expect the assistant to
do (which tool, which product, which quantity and currency, which alert target, what the cart
holds afterwards) and the essential facts of its answers, not their wording. They read like a
shopper typing on a phone and cover situations the first eight sets do not: a correction in
the middle of a message ("add 3 mugs no wait 2"), "undo that" after an add and "put them back"
after a removal, emptying the cart then "put it all back", a kitchen budget in "bucks" checked
again after adding ("is that within my budget?", "anything else i can squeeze in?"), an outfit
put together within a budget and its first two pieces taken, what tells two named products
apart and which of two (named by synonyms) is cheaper, then "both of them" and "that one",
questions about the cart ("do i have any mugs in there", "how many items in total", the most
expensive line) and "remove everything except" two products, an alert as a percentage drop,
asked about by product and changed by "that one", several cart requests in one message with
small talk between ("lol ok thanks!!", "sorry my bad"), a brand the shop does not sell, "?",
"..." and gibberish that must change nothing, "the cheapest one you showed" and "the first
two" after a price-limited search, two prices in pounds then "the cheaper one" and an alert on
"the other one", and a ten-turn visit mixing all of these.
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 1 of 12 passed ("the cheapest one you showed" and "the first two" after a search
under $20). No expectation was found to be the test's own mistake. The eleven failures are the
assistant's: "add 3 mugs no wait 2" added three mugs; "i have 40 bucks, what can i get for the
kitchen" tried to add a product named "kitchen" and asked which of the three; "love it, add the
first two" after an outfit went to the style profiler and recorded nothing (an error), adding
nothing; "ok get me both of them" (the mug and the jar just compared) added only the jar; "do i
have any mugs in there" searched the catalog instead of reading the cart; "do i have an alert on
the loafers?" listed the one watch alert without saying there is none on the loafers; "sorry my
bad, i wanted 2 jars" described the jar and quoted two instead of setting the line to two; "got
any nike shoes" answered "I found one match: Loafers" without saying the shop has no Nike; "the
cheaper one, add 2" (hairdryer vs candle holder, quoted in pounds) listed products under $18.98
and added nothing; "nooo put it all back 😭" after emptying the cart tried to remove a product
named "nooo"; "k add both of them" (the sunglasses and the tank top just compared) added only
the tank top.

All eleven were then fixed by general rules (the same session): a count taken back in passing
("no wait, just 1", "3 mugs, no 2 jars"); "what can I get ..." searches; a reaction before a
cart change ("love it, add ...") is its reason; products looked at together in one turn are
"both of them"; "do I have any mugs in there?" looks at the cart; a yes or no for the product
named in "do I have an alert on the loafers?" (and "and on the watch?" asks again); "sorry, I
wanted 2 jars" with a jar in the cart sets it to two; a word no product matches said before
one that does is named in the answer ("nothing for "nike""); "the cheaper one, add 2" and "the
other one" of two just shown; "which is cheaper, the hair dryer or the shades?" ranks the two
and "that one then, add it" adds it; emptying the cart keeps what it took out, so "nooo put it
all back" restores every line; "put them back" after a removal puts back as many as went; "my
bad" is an apology; and a keyboard run ("asdfgh") is no product.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    ID,
    JAR,
    KITCHEN,
    MUG,
    PRICE,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    assert_alert,
    cart_of,
    changes_cart,
    names_of,
    result_of,
    said_no,
    usd_total,
    writes_of,
)

#: The kitchen category.
#: What an outfit can be made of (clothing, footwear, accessories).
WEARABLE = {"Sunglasses", "Tank Top", "Watch", "Loafers"}
#: Everything at $20 or less.
UNDER_20 = {
    "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug",
}  # fmt: skip
#: Catalog prices in pounds, as the shop's currency service (its RateTable) converts them.
GBP_PRICE = {"Hairdryer": "£19.00", "Candle Holder": "£14.44"}
NEGATIVE = ("not ", "n't", "no ", "nothing", "sorry", "unable", "cannot", "unfortunately")


def _says_number(turn: Turn, *numbers: str) -> bool:
    """The answer says one of these counts as a word of its own ("2", "two")."""
    text = turn.text.lower()
    return any(re.search(rf"(?<![\d.$£€,]){re.escape(n)}(?![\d.,]\d)\b", text) for n in numbers)


async def _alerts(shopper: Conversation) -> list[dict]:
    listed = await shopper.say("show me my alerts")
    assert not writes_of(listed), listed.tool_calls
    return result_of(listed, "list_price_alerts")["alerts"]


async def test_a_correction_mid_message_then_undo_and_put_them_back(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("add 3 mugs no wait 2")
    assert not first.calls("empty_cart")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("and a bamboo jar pls")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    undo = await shopper.say("undo that")
    assert not undo.calls("add_to_cart") and not undo.calls("empty_cart")
    assert await cart_of(services) == {MUG: 2}

    gone = await shopper.say("lol ok. get rid of the mugs too")
    assert not gone.calls("add_to_cart")
    assert await cart_of(services) == {}

    back = await shopper.say("hmm no put them back")
    assert not back.calls("empty_cart")
    assert await cart_of(services) == {MUG: 2}

    total = await shopper.say("whats the total now")
    assert usd_total({MUG: 2}) in total.text, total.text  # $17.98
    assert not changes_cart(total)
    assert await cart_of(services) == {MUG: 2}


async def test_forty_bucks_for_the_kitchen_and_whether_it_fits(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("i have 40 bucks, what can i get for the kitchen")
    names = names_of(kitchen)
    assert set(names) == KITCHEN, names  # all three are under $40
    for name in KITCHEN:
        assert f"${PRICE[ID[name]]}" in kitchen.text, kitchen.text
    assert not changes_cart(kitchen)

    await shopper.say("ok add the salt and pepper shakers and 2 mugs")
    assert await cart_of(services) == {SHAKERS: 1, MUG: 2}

    within = await shopper.say("is that within my budget?")
    assert usd_total({SHAKERS: 1, MUG: 2}) in within.text, within.text  # $36.47 of $40
    assert not changes_cart(within)

    more = await shopper.say("sweet 🙌 anything else i can squeeze in?")
    # $3.53 left, and the cheapest thing in the shop (the jar) is $5.49.
    assert not writes_of(more), more.tool_calls
    assert said_no(more, NEGATIVE), more.text
    assert await cart_of(services) == {SHAKERS: 1, MUG: 2}


async def test_an_outfit_within_a_budget_then_its_first_two_pieces(
    shopper: Conversation, services: AgentServices
) -> None:
    outfit = await shopper.say("can u put together an outfit for me under 150 dollars? 👗")
    call = outfit.calls("suggest_bundle")[-1] if outfit.calls("suggest_bundle") else {}
    bundle = result_of(outfit, "suggest_bundle")
    assert Decimal(call["budget"]) == 150, call
    assert call.get("price_currency") in (None, "USD"), call
    names = [p["name"] for p in bundle["products"]]
    assert len(names) >= 2 and set(names) <= WEARABLE, names
    assert sum(PRICE[ID[n]] for n in names) <= 150, names
    for name in names:
        assert name in outfit.text, outfit.text
    assert bundle["total"]["display"] in outfit.text, outfit.text
    assert not changes_cart(outfit)

    await shopper.say("love it, add the first two")
    cart = {ID[names[0]]: 1, ID[names[1]]: 1}
    assert await cart_of(services) == cart

    within = await shopper.say("and is that within my budget?")
    assert usd_total(cart) in within.text, within.text
    assert not changes_cart(within)
    assert await cart_of(services) == cart


async def test_what_tells_two_apart_both_of_them_and_that_one(
    shopper: Conversation, services: AgentServices
) -> None:
    diff = await shopper.say("whats the difference between the mug and the jar")
    assert "$8.99" in diff.text and "$5.49" in diff.text, diff.text
    text = diff.text.lower()
    assert any(w in text for w in ("ceramic", "handle", "coffee mug")), diff.text
    assert any(w in text for w in ("airtight", "storage", "lid", "pantry", "57", "1.7")), diff.text
    assert not changes_cart(diff)

    both = await shopper.say("ok get me both of them")
    assert not both.calls("empty_cart")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    cheaper = await shopper.say("which is cheaper, the hair dryer or the shades")
    assert "Sunglasses" in cheaper.text, cheaper.text  # $19.99 against $24.99
    assert not changes_cart(cheaper)

    await shopper.say("that one then, add it")
    assert await cart_of(services) == {MUG: 1, JAR: 1, SUNGLASSES: 1}


async def test_questions_about_the_cart_then_everything_but_two(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add the watch, sunglasses, 2 mugs and a candle holder")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1, MUG: 2, CANDLE_HOLDER: 1}

    mugs = await shopper.say("do i have any mugs in there")
    assert _says_number(mugs, "2", "two"), mugs.text
    assert not changes_cart(mugs)

    count = await shopper.say("how many items in total")
    assert _says_number(count, "5", "five"), count.text  # 4 lines, 5 items
    assert not changes_cart(count)

    top = await shopper.say("whats the most expensive thing in my cart")
    assert "Watch" in top.text and "$109.99" in top.text, top.text
    assert not changes_cart(top)

    trim = await shopper.say("ok remove everything except the watch and the sunglasses")
    assert not trim.calls("add_to_cart"), trim.tool_calls
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1}

    total = await shopper.say("total?")
    assert usd_total({WATCH: 1, SUNGLASSES: 1}) in total.text, total.text  # $129.98
    assert not changes_cart(total)


async def test_an_alert_as_a_percentage_asked_about_then_changed(
    shopper: Conversation, services: AgentServices
) -> None:
    drop = await shopper.say("tell me if the watch gets 20% cheaper")
    alert = assert_alert(drop, "Watch", "USD", 87)
    assert alert["target"]["nanos"] == 990_000_000, alert  # $109.99 less 20 %: $87.99
    assert "$87.99" in drop.text, drop.text
    assert not changes_cart(drop)

    loafers = await shopper.say("do i have an alert on the loafers?")
    assert not writes_of(loafers), loafers.tool_calls
    assert said_no(loafers, NEGATIVE), loafers.text

    watch = await shopper.say("and on the watch?")
    assert not writes_of(watch), watch.tool_calls
    assert "$87.99" in watch.text, watch.text

    change = await shopper.say("change that one to 80 bucks")
    alert = assert_alert(change, "Watch", "USD", 80)
    assert alert["target"]["nanos"] == 0, alert
    assert not changes_cart(change)

    alerts = await _alerts(shopper)
    assert [a["product_name"] for a in alerts] == ["Watch"], alerts
    assert alerts[0]["target"]["units"] == 80 and alerts[0]["target"]["nanos"] == 0, alerts
    assert await cart_of(services) == {}


async def test_several_cart_requests_in_one_message_with_small_talk(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("add a mug and a jar and show my cart")
    assert await cart_of(services) == {MUG: 1, JAR: 1}
    assert usd_total({MUG: 1, JAR: 1}) in both.text, both.text  # $14.48

    thanks = await shopper.say("lol ok thanks!!")
    assert not writes_of(thanks), thanks.tool_calls
    assert thanks.text.strip()

    jars = await shopper.say("sorry my bad, i wanted 2 jars")
    assert not jars.calls("empty_cart")
    assert await cart_of(services) == {MUG: 1, JAR: 2}

    last = await shopper.say("remove the mug and tell me the total")
    assert await cart_of(services) == {JAR: 2}
    assert usd_total({JAR: 2}) in last.text, last.text  # $10.98


async def test_a_brand_not_sold_and_inputs_that_say_nothing(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add sunglasses pls")
    assert await cart_of(services) == {SUNGLASSES: 1}

    nike = await shopper.say("got any nike shoes")
    assert not writes_of(nike), nike.tool_calls
    assert said_no(nike, NEGATIVE), nike.text

    for text in ("?", "..."):
        blank = await shopper.say(text)
        assert not writes_of(blank), (text, blank.tool_calls)
        assert blank.text.strip(), text

    gibberish = await shopper.say("asdfgh")
    assert not writes_of(gibberish), gibberish.tool_calls
    assert gibberish.text.strip()
    assert said_no(gibberish, NEGATIVE), gibberish.text
    assert await cart_of(services) == {SUNGLASSES: 1}


async def test_the_cheapest_one_shown_then_the_first_two(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("show me stuff under 20 bucks")
    call = cheap.calls("search_products")[-1]
    assert Decimal(call["max_price"]) == 20, call
    names = names_of(cheap)
    assert set(names) == UNDER_20, names
    assert not changes_cart(cheap)

    await shopper.say("add the cheapest one you showed")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("and the first two as well")
    cart = {JAR: 1}
    for name in names[:2]:
        cart[ID[name]] = cart.get(ID[name], 0) + 1
    assert await cart_of(services) == cart

    total = await shopper.say("k whats that come to")
    assert usd_total(cart) in total.text, total.text
    assert not changes_cart(total)


async def test_two_prices_in_pounds_the_cheaper_one_and_the_other_one(
    shopper: Conversation, services: AgentServices
) -> None:
    quote = await shopper.say("how much r the hairdryer and the candle holder in pounds")
    for name, price in GBP_PRICE.items():
        assert price in quote.text, (name, quote.text)
    assert not changes_cart(quote)

    await shopper.say("the cheaper one, add 2")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    other = await shopper.say("and put an alert on the other one for 15 quid")
    assert_alert(other, "Hairdryer", "GBP", 15)  # £19.00 today
    assert not changes_cart(other)

    total = await shopper.say("total in pounds?")
    assert "£28.88" in total.text, total.text  # two candle holders, $37.98
    assert not changes_cart(total)
    assert await cart_of(services) == {CANDLE_HOLDER: 2}


async def test_emptied_by_mistake_then_put_all_back(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add 2 hairdryers and a candle holder")
    assert await cart_of(services) == {HAIRDRYER: 2, CANDLE_HOLDER: 1}

    await shopper.say("empty my cart")
    assert await cart_of(services) == {}

    back = await shopper.say("nooo put it all back 😭")
    assert not back.calls("empty_cart")
    assert await cart_of(services) == {HAIRDRYER: 2, CANDLE_HOLDER: 1}

    one = await shopper.say("sorry my bad lol. just take one hairdryer out")
    assert not one.calls("empty_cart")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1}

    total = await shopper.say("total?")
    assert usd_total({HAIRDRYER: 1, CANDLE_HOLDER: 1}) in total.text, total.text  # $43.98
    assert not changes_cart(total)


async def test_a_ten_turn_visit_mixing_everything(
    shopper: Conversation, services: AgentServices
) -> None:
    diff = await shopper.say("hiya! whats the difference between the sunglasses and the tank top")
    assert "$19.99" in diff.text and "$18.99" in diff.text, diff.text
    assert not changes_cart(diff)

    await shopper.say("k add both of them")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1}

    mugs = await shopper.say("and 3 mugs no wait just 1")
    assert not mugs.calls("empty_cart")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1, MUG: 1}

    cat = await shopper.say("asdfgh sorry cat on my keyboard 🐱")
    assert not writes_of(cat), cat.tool_calls
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1, MUG: 1}

    top = await shopper.say("whats the most expensive thing in my cart")
    assert "Sunglasses" in top.text, top.text
    assert not changes_cart(top)

    drop = await shopper.say("tell me if it gets 10% cheaper")
    alert = assert_alert(drop, "Sunglasses", "USD", 17)
    assert alert["target"]["nanos"] == 990_000_000, alert  # $19.99 less 10 %: $17.99
    assert not changes_cart(drop)

    out = await shopper.say("actually remove the tank top")
    assert not out.calls("add_to_cart")
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 1}

    back = await shopper.say("lol ok put it back")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1, MUG: 1}
    assert not writes_of(back) - {"add_to_cart", "set_cart_quantity"}, back.tool_calls

    exists = await shopper.say("do i have an alert for the sunglasses?")
    assert not writes_of(exists), exists.tool_calls
    assert "$17.99" in exists.text, exists.text

    total = await shopper.say("thanks!! whats my total")
    assert usd_total({SUNGLASSES: 1, TANK_TOP: 1, MUG: 1}) in total.text, total.text  # $47.97
    assert not changes_cart(total)
