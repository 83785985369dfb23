"""A second set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation: they check what a careful human would expect the
assistant to do (which tool, which product, which quantity and currency) and the essential
facts of its answers, not its wording. They cover situations the first set does not: weighing
two products before choosing, building an outfit around one piece, a budget for the whole
cart, alerts changed and cleared over several turns, stated tastes used for picks,
corrections ("the other one", "3 not 2"), currencies asked in many forms, several removals in
one message, availability and details, politeness mixed into requests, and texting-style typos.
Any the assistant gets wrong are marked `xfail(strict=True)` with what it did wrong, and were
not weakened to pass.

First run: 1 of 12 passed (the texting-style typos). Nine failures were then fixed by general
rules, none by a special case for the text (a closing "then" as a choice, browsing within a
budget, "the other one", follow-ups read along the thread of earlier messages, "put it back"
after a removal, "what does that come to", a price said with "is yours a good deal", an alert
changed in place, an ambiguous mention settled by the product in focus); the two still wrong
are marked xfail below.
"""

from __future__ import annotations

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
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
    assert_alert,
    assert_tastes,
    cart_of,
    changes_cart,
    names_of,
    result_of,
    usd_total,
)


async def test_weighing_the_mug_against_the_jar_then_choosing(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("i'm torn between the mug and the bamboo jar, how much is each?")
    assert "$8.99" in both.text and "$5.49" in both.text
    assert not changes_cart(both)

    cheaper = await shopper.say("which one's cheaper?")
    assert "Bamboo Glass Jar" in cheaper.text
    assert not changes_cart(cheaper)

    await shopper.say("ok the jar then")
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("actually make it 2")
    assert await cart_of(services) == {JAR: 2}

    goes = await shopper.say("what would go well with it?")
    complements = result_of(goes, "suggest_complements")
    assert complements["for"] == ["Bamboo Glass Jar"]
    assert complements["products"]
    assert not changes_cart(goes)


@pytest.mark.xfail(
    reason='"tell me about it" searches "building outfit around tank top", no details', strict=True
)
async def test_building_an_outfit_around_the_tank_top(
    shopper: Conversation, services: AgentServices
) -> None:
    about = await shopper.say("I'm building an outfit around the tank top, tell me about it")
    assert result_of(about, "get_product_details")["product"]["name"] == "Tank Top"
    assert "Tank Top" in about.text

    goes = await shopper.say("what goes with it?")
    complements = result_of(goes, "suggest_complements")
    assert complements["for"] == ["Tank Top"]
    suggested = complements["products"]
    assert suggested and "Tank Top" not in [p["name"] for p in suggested]

    await shopper.say("add the tank top and the first thing you suggested")
    assert await cart_of(services) == {TANK_TOP: 1, suggested[0]["id"]: 1}

    check = await shopper.say("does that work as an outfit?")
    assert set(result_of(check, "check_cart_coherence")["items"]) == {
        "Tank Top",
        suggested[0]["name"],
    }

    shoes = await shopper.say("show me some shoes to go with it")
    assert "Loafers" in names_of(shoes)

    before = await cart_of(services)
    await shopper.say("add them")
    assert await cart_of(services) == {**before, LOAFERS: before.get(LOAFERS, 0) + 1}


async def test_fifty_dollars_for_the_wholecart_of(
    shopper: Conversation, services: AgentServices
) -> None:
    budget = await shopper.say("I have 50 dollars, what can I get?")
    (call,) = budget.calls("search_products")
    assert call["max_price"] == "50" and call.get("price_currency", "USD") == "USD"
    names = names_of(budget)
    assert names and not {"Watch", "Loafers"} & set(names)

    await shopper.say("add the hairdryer and the candle holder")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1}

    total = await shopper.say("what's my total so far?")
    assert total.calls("view_cart") == [{}]
    assert "$43.98" in total.text

    small = await shopper.say("anything else I can get for under 6 dollars?")
    (call,) = small.calls("search_products")
    assert call["max_price"] == "6"
    assert names_of(small) == ["Bamboo Glass Jar"]

    await shopper.say("add it")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1, JAR: 1}

    fits = await shopper.say("will that fit my budget?")
    assert fits.calls("view_cart") == [{}]
    assert "$49.47" in fits.text
    assert not changes_cart(fits)


async def test_alerts_listed_changed_and_all_deleted(shopper: Conversation) -> None:
    hairdryer = await shopper.say("set an alert for the hairdryer at 20 dollars")
    assert hairdryer.transfers == ["price_comparison"]
    assert_alert(hairdryer, "Hairdryer", "USD", 20)

    candle = await shopper.say("and one for the candle holder at 15")
    assert_alert(candle, "Candle Holder", "USD", 15)

    listed = await shopper.say("what alerts do I have?")
    assert listed.calls("list_price_alerts") == [{}]
    assert "Hairdryer" in listed.text and "Candle Holder" in listed.text

    await shopper.say("change the hairdryer one to 18")

    again = await shopper.say("list them again")
    alerts = result_of(again, "list_price_alerts")["alerts"]
    targets = sorted((a["product_name"], a["target"]["units"]) for a in alerts)
    assert targets == [("Candle Holder", 15), ("Hairdryer", 18)]

    cleared = await shopper.say("delete all my alerts")
    deleted = result_of(cleared, "delete_price_alert")
    assert sorted(deleted["deleted"]) == ["Candle Holder", "Hairdryer"]
    assert deleted["remaining"] == 0


@pytest.mark.xfail(
    reason='"is it in stock?" after the styled picks asks which product', strict=True
)
async def test_loves_gold_hates_black_then_picks_for_them(
    shopper: Conversation, services: AgentServices
) -> None:
    said = await shopper.say("just so you know, I love gold and hate black")
    assert_tastes(said, "gold", "black")

    picks = await shopper.say("show me accessories I'd like")
    result = result_of(picks, "search_products")
    assert result["styled"] is True
    names = [p["name"] for p in result["products"]]
    assert set(names) <= {"Watch", "Sunglasses"}
    assert names[0] == "Watch"  # gold-tone; the sunglasses have a black frame

    stock = await shopper.say("is it in stock?")
    details = result_of(stock, "get_product_details")
    assert details["product"]["name"] == "Watch" and details["available"] is True

    await shopper.say("put it in my bag")
    assert await cart_of(services) == {WATCH: 1}

    profile = await shopper.say("what's in my style profile now?")
    shown = result_of(profile, "show_style_profile")["profile"]
    assert "gold" in shown["likes"] and "black" in shown["dislikes"]

    reset = await shopper.say("ok forget my preferences")
    assert reset.calls("reset_style_profile") == [{}]


async def test_corrections_the_other_one_and_three_not_two(
    shopper: Conversation, services: AgentServices
) -> None:
    shown = await shopper.say("got any watches or sunglasses?")
    names = names_of(shown)
    assert set(names) == {"Watch", "Sunglasses"}

    await shopper.say("add the first one")
    assert await cart_of(services) == {ID[names[0]]: 1}

    other = await shopper.say("no, I meant the other one")
    assert other.calls("remove_from_cart") and other.calls("add_to_cart")
    assert await cart_of(services) == {ID[names[1]]: 1}

    await shopper.say("and 2 candle holders")
    assert await cart_of(services) == {ID[names[1]]: 1, CANDLE_HOLDER: 2}

    await shopper.say("sorry, 3 not 2")
    assert await cart_of(services) == {ID[names[1]]: 1, CANDLE_HOLDER: 3}

    total = await shopper.say("what's the total?")
    assert total.calls("view_cart") == [{}]
    assert usd_total({ID[names[1]]: 1, CANDLE_HOLDER: 3}) in total.text


async def test_one_price_in_yen_francs_and_pounds_then_back_to_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    yen = await shopper.say("how much is the hairdryer in yen?")
    product = result_of(yen, "get_product_details")["product"]
    assert product["name"] == "Hairdryer" and product["price"]["currency_code"] == "JPY"
    assert "¥" in yen.text

    francs = await shopper.say("and in swiss francs?")
    product = result_of(francs, "get_product_details")["product"]
    assert product["name"] == "Hairdryer" and product["price"]["currency_code"] == "CHF"
    assert product["display_price"] in francs.text

    pounds = await shopper.say("what about pounds sterling")
    assert pounds.calls("set_display_currency") == [{"currency": "GBP", "just_this_answer": True}]
    assert "£" in pounds.text

    back = await shopper.say("ok switch back to dollars")
    assert back.calls("set_display_currency") == [{"currency": "USD"}]
    assert (await shopper.state())["display_currency"] == "USD"

    await shopper.say("add it to my cart then")
    assert await cart_of(services) == {HAIRDRYER: 1}

    total = await shopper.say("total?")
    assert total.calls("view_cart") == [{}]
    assert "$24.99" in total.text


async def test_several_removals_in_one_message(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "hi, I'm kitting out my new flat - add a mug, a bamboo jar, "
        "the salt and pepper shakers and a candle holder please"
    )
    assert await cart_of(services) == {MUG: 1, JAR: 1, SHAKERS: 1, CANDLE_HOLDER: 1}

    removed = await shopper.say("remove the mug and the jar")
    assert len(removed.calls("remove_from_cart")) == 2
    assert not removed.calls("add_to_cart")
    assert await cart_of(services) == {SHAKERS: 1, CANDLE_HOLDER: 1}

    await shopper.say("hmm, put the mug back")
    assert await cart_of(services) == {SHAKERS: 1, CANDLE_HOLDER: 1, MUG: 1}

    rid = await shopper.say("actually get rid of the shakers and the candle holder as well")
    assert not rid.calls("add_to_cart") and not rid.calls("empty_cart")
    assert await cart_of(services) == {MUG: 1}

    left = await shopper.say("what's left?")
    assert left.calls("view_cart") == [{}]
    assert "Mug" in left.text and "$8.99" in left.text


async def test_availability_and_details_before_buying(
    shopper: Conversation, services: AgentServices
) -> None:
    stock = await shopper.say("is the watch in stock?")
    details = result_of(stock, "get_product_details")
    assert details["product"]["name"] == "Watch" and details["available"] is True
    assert "Watch" in stock.text

    strap = await shopper.say("what's the strap like?")
    assert result_of(strap, "get_product_details")["product"]["name"] == "Watch"
    assert "mesh" in strap.text.lower()

    loafers = await shopper.say("and the loafers, are they available?")
    details = result_of(loafers, "get_product_details")
    assert details["product"]["name"] == "Loafers" and details["available"] is True

    colour = await shopper.say("what colour are they?")
    assert "beige" in colour.text.lower()
    assert not changes_cart(colour)

    await shopper.say("great, I'll take them in size 43")
    assert await cart_of(services) == {LOAFERS: 1}


async def test_politeness_and_small_talk_around_requests(
    shopper: Conversation, services: AgentServices
) -> None:
    mugs = await shopper.say("good morning! hope you're well. could you show me your mugs?")
    assert "Mug" in names_of(mugs)
    assert not changes_cart(mugs)

    await shopper.say("lovely, thanks! could you add two of them please")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("thanks! also could you add a bamboo jar")
    assert await cart_of(services) == {MUG: 2, JAR: 1}

    total = await shopper.say("you're a star. what does that come to?")
    assert total.calls("view_cart") == [{}]
    assert "$23.47" in total.text

    bye = await shopper.say("brilliant, that's all for now, thank you!")
    assert not changes_cart(bye)
    assert bye.text
    assert await cart_of(services) == {MUG: 2, JAR: 1}


async def test_lower_case_texting_with_typos(
    shopper: Conversation, services: AgentServices
) -> None:
    found = await shopper.say("hey do u hav any sunglasess")
    assert found.transfers == ["product_discovery"]
    assert "Sunglasses" in found.text

    price = await shopper.say("how much r they")
    assert "$19.99" in price.text

    await shopper.say("ok add 2 pls")
    assert await cart_of(services) == {SUNGLASSES: 2}

    await shopper.say("n a wach too")
    assert await cart_of(services) == {SUNGLASSES: 2, WATCH: 1}

    total = await shopper.say("wats my totl")
    assert total.calls("view_cart") == [{}]
    assert "$149.97" in total.text

    thanks = await shopper.say("thx u r the best")
    assert not changes_cart(thanks)
    assert await cart_of(services) == {SUNGLASSES: 2, WATCH: 1}


async def test_weekend_outfit_within_a_budget_then_a_deal_and_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    outfit = await shopper.say("can you put together a weekend outfit for under 150 dollars?")
    (call,) = outfit.calls("suggest_bundle")
    assert call["budget"] == "150" and call.get("price_currency", "USD") == "USD"
    assert call.get("occasion") == "weekend"
    bundle = result_of(outfit, "suggest_bundle")
    chosen = bundle["products"]
    assert chosen
    assert sum(PRICE[p["id"]] for p in chosen) <= 150

    await shopper.say("add all of it to my cart")
    assert await cart_of(services) == {p["id"]: 1 for p in chosen}

    deal = await shopper.say("I saw the loafers for 75 bucks somewhere else, is yours a good deal?")
    assert deal.transfers == ["price_comparison"]
    (call,) = deal.calls("analyse_deal")
    assert call["product"] in (LOAFERS, "loafers")
    assert call["offered_price"] == "75" and call.get("price_currency", "USD") == "USD"
    assert "Loafers" in deal.text

    euros = await shopper.say("how much is the whole lot in euros?")
    assert euros.calls("set_display_currency") == [{"currency": "EUR", "just_this_answer": True}]
    assert result_of(euros, "view_cart")["cart"]["currency"] == "EUR"
    assert "€" in euros.text
