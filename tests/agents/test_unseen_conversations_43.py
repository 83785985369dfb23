"""A forty-third set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is ordinary everyday sessions as
real shoppers type them, seven to ten turns each, mixing everything naturally: browsing a
category ("accessories", "what kitchen stuff do you have?") or a price range ("What's under 20
dollars?", "between 15 and 20 dollars"); asking about one product's details as its description
gives them (the bamboo jar's capacity, the watch's mesh strap and steel case, the sunglasses'
black frame and grey lenses, the loafers' suede, the candle holder's silver-tone ceramic and
tea lights, the shakers' acrylic, the mug's yellow inside, the hairdryer's three heat levels);
comparing two ("the price difference between the mug and the jar", "which is cheaper, the tank
top or the candle holder" - the same $18.99); adding with counts, changing a count ("make that
2 jars", "drop it to four", "take two mugs off"), removing and swapping; asking the total in
another currency in passing (euros, yen, Canadian dollars) and switching currency for good
(pounds, euros, yen) and back to dollars; stating a taste ("I like silver, and I'm not really
into black") and asking for a recommendation (the candle holder, nothing black); setting price
alerts (in dollars, pounds and, after a switch for good, in euros from a bare "under 70") and
cancelling them; and closing with thanks or a goodbye, answered briefly with nothing written.
The shoppers are varied: chatty ones, a terse one ("accessories", "cart"), a polite and formal
one ("Would you be so kind as to ..."), one in a hurry ("quick - 2 mugs and a hairdryer pls"),
with everyday slips (lowercase messages, missing question marks, "pls", "u", a typo of a
product name: "sunglases"). Four requests are genuinely ambiguous and must be asked about,
nothing written: "ok I'll take the one that's 18.99" right after the tank top and the candle
holder were both priced at $18.99, "Make it 3." right after a mug and a bamboo jar were added
together, "Set an alert at 18 dollars." right after the hairdryer and the sunglasses were
compared, and "add one pls" as the very first message. Every conversation ends with a check of
the cart (product id -> quantity) in Online Boutique, and of the alerts. Conversions are
computed in the test by the shop's currency service (the embedded one, over its EUR-based rate
table): the total converted, or its lines (or unit prices) converted and added up, any of
which the answer may show.

First run: 2 of 12 passed (the kitchen redo and the shopper in a hurry). No expectation was
found to be the test's own mistake; the ten failures are the assistant's (each conversation
stops at its first wrong turn, so later turns were not reached; the tool calls were read from a
traced replay of the same set, which failed at the same turns):
- "sunglasses frame colour" (after the watch alert at $100, rightly made) called no tool (handed
  to the price specialist: "At what price should I alert you?") instead of saying the frame is
  black, nothing written;
- "Thank you. I should prefer to see prices in pounds sterling from now on, if that is
  possible." called set_display_currency(currency="GBP", just_this_answer=True) and
  record_style_preferences(likes=["possible"]) ("Noted: you like possible.") instead of
  switching to pounds for good and recording no taste;
- "Is it real silver?" right after the recommendation (rightly the Candle Holder first, "matches
  your silver palette", nothing black) called no tool ("Which product do you mean? Recently we
  looked at: 1. Candle Holder, 2. Watch, ...") instead of saying the candle holder is
  silver-tone ceramic, not real silver;
- "ok I'll take the one that's 18.99" right after "Tank Top and Candle Holder cost the same:
  $18.99 each." called add_to_cart(product="66VCHSJNUP") (the Tank Top added) instead of asking
  which of the two, nothing written;
- "actually nevermind the alert, cancel it" (after the sunglasses alert at £15 and the
  sunglasses added) called list_price_alerts(), delete_price_alert(alert=...) and
  remove_from_cart(product="OLJCESPC7Z") ("Cancelled your alert for Sunglasses.Removed
  Sunglasses from your cart. Your cart is empty.") instead of only cancelling the alert, the
  sunglasses kept in the cart;
- "Are those glass?" right after the shakers were shown as the other kitchen thing called
  get_product_details(product="glass") (the Bamboo Glass Jar's description) instead of saying
  the shakers are clear acrylic, nothing written;
- "Set an alert at 18 dollars." right after the hairdryer ($24.99) and the sunglasses ($19.99)
  were compared called create_price_alert(product="OLJCESPC7Z", target_price="18",
  price_currency="USD") (a Sunglasses alert at $18.00) instead of asking which of the two;
- "hmm it's pricey. anything cheaper in accessories?" (about the watch just added) called
  search_products(category="accessories", sort="price_desc") ("2 products match: Watch
  ($109.99) and Sunglasses ($19.99). Watch matches your gold palette ...") instead of showing
  only what is cheaper than the watch: the Sunglasses;
- "Ooh the candle holders would be nice on the tables. I'll take five." (after the four products
  between $15 and $20, the Candle Holder among them) called no tool ("Which product do you
  mean? Recently we looked at: 1. Sunglasses, 2. Tank Top, 3. Candle Holder, ...") instead of
  adding five candle holders;
- "Oh I don't need the alert anymore then, delete it." (after euros for good, the loafers alert
  at €70 from a bare "under 70", and the tank top and the loafers added, all rightly done)
  called delete_price_alert(alert=...) and remove_from_cart(product="L9ECAV7KIM") ("Cancelled
  your alert for Loafers.Removed Loafers from your cart.") instead of only cancelling the alert,
  the loafers kept in the cart.

Worked on since (the same session), by general rules: cancelling an alert ("actually
nevermind the alert, cancel it", "I don't need the alert anymore, delete it") no longer takes
the product out of the cart as well (a removal read again after the alert went is not
handed on) and cancels once; ", if that is possible" and other polite tails ask nothing (so
"prices in pounds sterling from now on, if that is possible" switches for good); two products
at the same price ("the one that's 18.99") and an alert with two products just weighed are
asked about; "I believe I shall return to US dollars after all" goes back to dollars (no
return of goods); "sunglasses frame colour" right after an alert is a question about them, not
a target; "hmm it's pricey. anything cheaper in accessories?" is the cheaper search (the remark
is its reason). 7 of 12 passed then.

Worked on in a later session by general rules: an alert with no product named, right after
two products were weighed together ("compare the hairdryer and the sunglasses", or "how much
candle holder" then "n tank top"), asks which of the two; a recommendation whose one fitting
pick comes first makes it "it" ("is it real silver?", "I'll take two"); "the one that's 18.99"
is the one shown at that price, asked about when two are; "are those glass?" asks what the
product talked about is made of; a remark that names one of the products shown ("the candle
holders would be nice on the tables") says what "I'll take five" is of; "tea lights it is" is
agreed in passing (it names nothing "drop it to four" means); "a few mugs - let's say six" is
six; "that's more than I wanted" before a cart change is its reason. All 12 pass.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
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
    amounts_in,
    assert_alert,
    assert_asked,
    assert_final_cart,
    cart_of,
    in_currency,
    in_passing,
    listed_alerts,
    says_amount,
    shown_names,
    switched_for_good,
    switched_to,
    tastes_said,
    tools_of,
    understood,
    usd_total,
    writes_of,
)

UNDER_20_DOLLARS = {
    "Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug",
}  # fmt: skip
FROM_15_TO_20_DOLLARS = {"Sunglasses", "Tank Top", "Candle Holder", "Salt & Pepper Shakers"}
ACCESSORIES = {"Sunglasses", "Watch"}
_THREE = re.compile(r"\b(?:three|3)\b", re.IGNORECASE)


def assert_chatted(turn: Turn) -> None:
    """Thanks or a goodbye: a short (a few sentences), friendly, real answer, nothing written."""
    assert understood(turn), turn.text
    assert len(turn.text) < 600, turn.text
    assert not writes_of(turn), turn.tool_calls


def assert_told(turn: Turn, *words: str) -> None:
    """A question about a product: the answer says one of `words` (from its description), and
    nothing was written."""
    assert any(w in turn.text.lower() for w in words), (words, turn.text)
    assert not writes_of(turn), turn.tool_calls


async def assert_says_price(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    code: str,
    passing: bool = True,
) -> None:
    """The answer states what `cart` costs in `code` (in passing, unless the shopper switched
    to it for good), nothing written."""
    candidates = await amounts_in(services, cart, code)
    assert any(says_amount(turn.text, c) for c in candidates), (candidates, turn.text)
    if passing:
        assert in_passing(turn), turn.tool_calls
    else:
        assert not switched_to(turn, "USD"), turn.tool_calls  # still in the chosen currency
    assert not writes_of(turn), turn.tool_calls


async def test_kitchen_redo_jar_capacity_price_difference_three_jars_make_that_two_euros_thanks(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("hi! I'm redoing my kitchen, what kitchen stuff do you have?")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    size = await shopper.say("How big is the bamboo jar?")
    assert_told(size, "1.7", "57")  # 57 oz (1.7 l)

    difference = await shopper.say("What's the price difference between the mug and the jar?")
    assert "$3.50" in difference.text, difference.text  # $8.99 - $5.49
    assert not writes_of(difference), difference.tool_calls

    await shopper.say("ok put 3 jars in and one mug")
    assert await cart_of(services) == {JAR: 3, MUG: 1}

    await shopper.say("Actually make that 2 jars")
    cart = {JAR: 2, MUG: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("what's that in euros")
    await assert_says_price(euros, services, cart, "EUR")  # $19.97

    thanks = await shopper.say("Perfect, thanks so much!")
    assert_chatted(thanks)

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $19.97


async def test_terse_accessories_strap_leather_watch_alert_frame_colour_add_cancel_alert_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("accessories")
    assert set(shown_names(accessories)) == ACCESSORIES, shown_names(accessories)
    assert not writes_of(accessories), accessories.tool_calls

    strap = await shopper.say("watch strap leather?")
    assert_told(strap, "mesh")  # a fine mesh strap, not leather

    alert = await shopper.say("alert me if watch under 100 dollars")
    assert_alert(alert, "Watch", "USD", 100)
    assert await alerts_of(services) == {("Watch", "USD", 100)}
    assert await cart_of(services) == {}

    frame = await shopper.say("sunglasses frame colour")
    assert_told(frame, "black")

    await shopper.say("add sunglasses")
    assert await cart_of(services) == {SUNGLASSES: 1}

    cancel = await shopper.say("cancel the watch alert")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert await alerts_of(services) == set()
    assert await cart_of(services) == {SUNGLASSES: 1}

    await shopper.say("2 more sunglasses")
    cart = {SUNGLASSES: 3}
    assert await cart_of(services) == cart

    final = await shopper.say("cart")
    await assert_final_cart(final, services, cart)  # $59.97


async def test_formal_watch_and_loafers_prices_pounds_for_good_suede_basket_back_to_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say(
        "Good afternoon. Would you be so kind as to tell me the price of the watch and of the "
        "loafers?"
    )
    assert "$109.99" in prices.text and "$89.99" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    pounds = await shopper.say(
        "Thank you. I should prefer to see prices in pounds sterling from now on, if that is "
        "possible."
    )
    assert switched_for_good(pounds, "GBP"), pounds.tool_calls
    assert not writes_of(pounds), pounds.tool_calls

    material = await shopper.say("And might I ask what the loafers are made of?")
    assert_told(material, "suede")

    await shopper.say("Splendid. Kindly add the loafers to my basket.")
    assert await cart_of(services) == {LOAFERS: 1}

    total = await shopper.say("What does my basket come to?")
    await assert_says_price(total, services, {LOAFERS: 1}, "GBP", passing=False)  # $89.99

    dollars = await shopper.say("I believe I shall return to US dollars after all.")
    assert switched_for_good(dollars, "USD"), dollars.tool_calls
    assert not writes_of(dollars), dollars.tool_calls

    await shopper.say("Would you also be so good as to add a candle holder?")
    cart = {LOAFERS: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    bye = await shopper.say("That will be all, thank you very much. Good day.")
    assert_chatted(bye)

    final = await shopper.say("Ah, one moment: may I see my basket before I go?")
    await assert_final_cart(final, services, cart)  # $108.98


async def test_in_a_hurry_two_mugs_hairdryer_yen_remove_it_tank_top_black_make_it_2_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("quick - 2 mugs and a hairdryer pls")
    assert await cart_of(services) == {MUG: 2, HAIRDRYER: 1}

    yen = await shopper.say("total in yen")
    await assert_says_price(yen, services, {MUG: 2, HAIRDRYER: 1}, "JPY")  # $42.97

    await shopper.say("remove hairdryer")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("add tank top")
    assert await cart_of(services) == {MUG: 2, TANK_TOP: 1}

    black = await shopper.say("is the tank top black")
    assert_told(black, "black")
    assert await cart_of(services) == {MUG: 2, TANK_TOP: 1}

    await shopper.say("make it 2")  # the tank top, just talked about
    cart = {MUG: 2, TANK_TOP: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("ok done. cart?")
    await assert_final_cart(final, services, cart)  # $55.96


async def test_i_like_silver_not_black_recommend_candle_holder_real_silver_two_euros_watch_bye(
    shopper: Conversation, services: AgentServices
) -> None:
    taste = await shopper.say("I like silver, and I'm not really into black.")
    likes, dislikes = tastes_said(taste)
    assert "silver" in likes and "black" in dislikes, taste.tool_calls
    assert await cart_of(services) == {}

    recommend = await shopper.say("What would you recommend for me?")
    names = shown_names(recommend)
    assert names[0] == "Candle Holder", names  # the one silver thing
    assert not set(names) & BLACK, names  # nothing black for them
    assert not writes_of(recommend), recommend.tool_calls

    silver = await shopper.say("Is it real silver?")
    assert_told(silver, "ceramic", "silver-tone", "silver tone")  # silver-tone ceramic

    await shopper.say("Lovely, I'll take two.")
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    euros = await shopper.say("How much is that in euros?")
    await assert_says_price(euros, services, {CANDLE_HOLDER: 2}, "EUR")  # $37.98

    alert = await shopper.say("Tell me when the watch gets below 90 dollars")
    assert_alert(alert, "Watch", "USD", 90)
    alerts = {("Watch", "USD", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {CANDLE_HOLDER: 2}

    await shopper.say("Oh and add the salt and pepper shakers")
    cart = {CANDLE_HOLDER: 2, SHAKERS: 1}
    assert await cart_of(services) == cart

    bye = await shopper.say("thanks, bye")
    assert_chatted(bye)

    final = await shopper.say("wait, show me my cart first")
    await assert_final_cart(final, services, cart, alerts)  # $56.47


async def test_under_20_tank_top_or_candle_holder_the_one_for_1899_asked_mug_euros_and_back(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("What's under 20 dollars?")
    assert set(shown_names(cheap)) == UNDER_20_DOLLARS, shown_names(cheap)
    assert not writes_of(cheap), cheap.tool_calls

    cheaper = await shopper.say("which is cheaper, the tank top or the candle holder")
    assert "$18.99" in cheaper.text, cheaper.text  # both: the same price
    assert "$19.99" not in cheaper.text and "$18.49" not in cheaper.text, cheaper.text
    assert not writes_of(cheaper), cheaper.tool_calls

    which = await shopper.say("ok I'll take the one that's 18.99")
    assert_asked(which)  # both are $18.99: which?
    assert await cart_of(services) == {}

    await shopper.say("the candle holder")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    made = await shopper.say("what's it made of?")
    assert_told(made, "ceramic")

    await shopper.say("add a mug too")
    cart = {CANDLE_HOLDER: 1, MUG: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("Can you show prices in euros from now on?")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    total = await shopper.say("What's my total now?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # $27.98

    final = await shopper.say("Ok back to dollars and show me my cart")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $27.98


async def test_sunglases_typo_lenses_pounds_alert_add_them_cancel_alert_shoes_suede_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    found = await shopper.say("do u have sunglases")
    assert shown_names(found)[0] == "Sunglasses", shown_names(found)
    assert not writes_of(found), found.tool_calls

    lenses = await shopper.say("what colour are the lenses")
    assert_told(lenses, "grey", "gray")  # dark grey lenses

    pounds = await shopper.say("how much in pounds")
    await assert_says_price(pounds, services, {SUNGLASSES: 1}, "GBP")  # $19.99

    alert = await shopper.say("let me know if they go under 15 pounds")
    assert_alert(alert, "Sunglasses", "GBP", 15)
    assert await alerts_of(services) == {("Sunglasses", "GBP", 15)}

    await shopper.say("add them pls")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    cancel = await shopper.say("actually nevermind the alert, cancel it")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert await alerts_of(services) == set()
    assert await cart_of(services) == cart

    shoes = await shopper.say("do u have any shoes")
    assert shown_names(shoes)[0] == "Loafers", shown_names(shoes)
    assert not writes_of(shoes), shoes.tool_calls

    suede = await shopper.say("what are they made of")
    assert_told(suede, "suede")
    assert await cart_of(services) == cart

    final = await shopper.say("cool. whats in my cart")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_mug_and_jar_make_it_3_asked_the_jars_yellow_inside_mug_out_shakers_acrylic_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug and a bamboo jar to my cart, please.")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    which = await shopper.say("Make it 3.")
    assert_asked(which)  # three mugs or three jars?
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    await shopper.say("The jars.")
    assert await cart_of(services) == {MUG: 1, JAR: 3}

    inside = await shopper.say("What colour is the mug inside?")
    assert_told(inside, "yellow", "mustard")

    await shopper.say("Hmm, I'm not keen on yellow. Take the mug out.")
    assert await cart_of(services) == {JAR: 3}

    other = await shopper.say("Anything else for the kitchen that isn't the mug or the jar?")
    names = shown_names(other)
    assert names[0] == "Salt & Pepper Shakers", names
    assert not {"Mug", "Bamboo Glass Jar"} & set(names), names
    assert not writes_of(other), other.tool_calls

    glass = await shopper.say("Are those glass?")
    assert_told(glass, "acrylic")

    await shopper.say("Fine, add one.")
    cart = {JAR: 3, SHAKERS: 1}
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $34.96

    final = await shopper.say("Great, thank you. Show me the cart.")
    await assert_final_cart(final, services, cart)  # $34.96


async def test_hairdryer_or_sunglasses_alert_at_18_asked_the_hairdryer_heat_two_pairs_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    compare = await shopper.say(
        "Compare the hairdryer and the sunglasses for me - which is cheaper?"
    )
    assert "$24.99" in compare.text and "$19.99" in compare.text, compare.text
    assert not writes_of(compare), compare.tool_calls

    which = await shopper.say("Set an alert at 18 dollars.")
    assert_asked(which)  # for which of the two?
    assert await alerts_of(services) == set()

    alert = await shopper.say("For the hairdryer.")
    assert_alert(alert, "Hairdryer", "USD", 18)
    alerts = {("Hairdryer", "USD", 18)}
    assert await alerts_of(services) == alerts

    heat = await shopper.say("Does it have different heat settings?")
    assert _THREE.search(heat.text), heat.text  # three heat and speed levels
    assert not writes_of(heat), heat.tool_calls

    await shopper.say("Throw the sunglasses in my cart, two pairs.")
    cart = {SUNGLASSES: 2}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $39.98

    mine = await shopper.say("And my alerts?")
    assert listed_alerts(mine) == ["Hairdryer"], mine.tool_results
    assert not writes_of(mine), mine.tool_calls

    final = await shopper.say("Thanks! Show me my cart.")
    await assert_final_cart(final, services, cart, alerts)  # $39.98


async def test_add_one_pls_asked_a_watch_steel_case_cheaper_accessory_swap_yen_for_good_back(
    shopper: Conversation, services: AgentServices
) -> None:
    which = await shopper.say("add one pls")
    assert_asked(which)  # one of what?
    assert await cart_of(services) == {}

    await shopper.say("sorry - a watch")
    assert await cart_of(services) == {WATCH: 1}

    case = await shopper.say("what's the case made of")
    assert_told(case, "steel")  # gold-tone stainless steel

    cheaper = await shopper.say("hmm it's pricey. anything cheaper in accessories?")
    assert shown_names(cheaper) == ["Sunglasses"], shown_names(cheaper)
    assert not writes_of(cheaper), cheaper.tool_calls
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("swap the watch for those")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("I'd like prices in yen from now on")
    assert switched_for_good(yen, "JPY"), yen.tool_calls
    assert not writes_of(yen), yen.tool_calls

    total = await shopper.say("How much is my cart?")
    await assert_says_price(total, services, cart, "JPY", passing=False)  # $19.99

    final = await shopper.say("back to dollars pls, and show me the cart")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $19.99


async def test_party_15_to_20_five_candle_holders_tea_lights_four_six_mugs_two_off_euros_cheers(
    shopper: Conversation, services: AgentServices
) -> None:
    party = await shopper.say(
        "Hey there! I'm throwing a little party this weekend. What have you got between 15 and "
        "20 dollars?"
    )
    assert set(shown_names(party)) == FROM_15_TO_20_DOLLARS, shown_names(party)
    assert not writes_of(party), party.tool_calls

    await shopper.say("Ooh the candle holders would be nice on the tables. I'll take five.")
    assert await cart_of(services) == {CANDLE_HOLDER: 5}

    candles = await shopper.say("Wait, is it for tea lights or for big candles?")
    assert_told(candles, "tea-light", "tea light")

    await shopper.say("Fine, tea lights it is. Actually drop it to four.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4}

    await shopper.say("And a few mugs for the coffee - let's say six.")
    assert await cart_of(services) == {CANDLE_HOLDER: 4, MUG: 6}

    owe = await shopper.say("How much does it all come to?")
    assert usd_total({CANDLE_HOLDER: 4, MUG: 6}) in owe.text, owe.text  # $129.90
    assert not writes_of(owe), owe.tool_calls

    await shopper.say("Hmm, that's more than I wanted. Take two mugs off.")
    cart = {CANDLE_HOLDER: 4, MUG: 4}
    assert await cart_of(services) == cart

    euros = await shopper.say("And in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $111.92

    cheers = await shopper.say("Brilliant, cheers!")
    assert_chatted(cheers)

    final = await shopper.say("Show me the cart one last time.")
    await assert_final_cart(final, services, cart)  # $111.92


async def test_euros_in_lisbon_loafers_leather_alert_under_70_tank_top_delete_it_total_back(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("Can we do everything in euros? I'm in Lisbon.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    loafers = await shopper.say("what do the loafers cost")
    await assert_says_price(loafers, services, {LOAFERS: 1}, "EUR", passing=False)  # $89.99

    leather = await shopper.say("Are they leather?")
    assert_told(leather, "suede")

    alert = await shopper.say("Tell me if they drop under 70.")
    assert_alert(alert, "Loafers", "EUR", 70)  # in euros, as everything is now
    assert await alerts_of(services) == {("Loafers", "EUR", 70)}
    assert await cart_of(services) == {}

    tank = await shopper.say("Also, how much is the tank top?")
    eur_tank_top = (await in_currency(services, PRICE[TANK_TOP], "EUR")).format()
    assert eur_tank_top in tank.text, (eur_tank_top, tank.text)
    assert not writes_of(tank), tank.tool_calls

    await shopper.say("Add one tank top and the loafers.")
    cart = {TANK_TOP: 1, LOAFERS: 1}
    assert await cart_of(services) == cart

    delete = await shopper.say("Oh I don't need the alert anymore then, delete it.")
    assert "delete_price_alert" in tools_of(delete), delete.tool_calls
    assert await alerts_of(services) == set()
    assert await cart_of(services) == cart

    total = await shopper.say("ok, total?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # $108.98

    final = await shopper.say("Back to dollars please. What's in my cart?")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $108.98
