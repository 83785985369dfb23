"""A twenty-fifth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tool, which product, which quantity and currency, what the cart holds afterwards) and the
essential facts of its answers, not their wording. Their theme is a busy shopper on a phone,
six to eight turns each: terse, lowercase, little or odd punctuation ("hmm whats the total",
"+ a bamboo jar", "watch + loafers pls"); abbreviations ("pls", "thx", "u", "rn", "tbh",
"ngl", "n" for and, "w/" for with, "k"); typos and autocorrect slips ("sunglases", "muggs",
"candel holder", "hairdyer", "lofers", "jus the mug"); several requests in one message ("add 2
n show my cart", "add 2 mugs and show my cart", "shakers + a jar pls, then tell me the total",
"add watch w/ a candle holder"); corrections and interruptions ("wait no, 1", "wait no, 3",
"actually make it 3 muggs", "actually 2 jars", "nvm the jar", "nvm the candel holder", "wait
nvm the sunglases", "actually dont" right after an add, "ugh too pricey tbh, empty it", "swap
the mug for that"); short follow-ups that lean on context ("how much tho", "and in euros?",
"in euros?", "2 more", "3 more", "the cheaper one pls", "total in quid?", "hows that in
pounds", "total in yen?", "in aud?", "u got anything cheaper"); euros set as the display
currency and set back to dollars; and a final check of the cart in every conversation.
Three requests are genuinely ambiguous and must be asked about with nothing written: "add it"
after the three kitchen products were listed, "that one pls" after the four black things were
listed, and "remove it" right after the tank top and the sunglasses were both added.
Conversions are what the shop's currency service computes from its EUR-based rate table (run
against the embedded service), to the nearest cent or yen.
Any the assistant gets wrong are left failing, never weakened to pass nor marked xfail.

First run: 2 of 12 passed ("whats in the kitchen section", "add it" rightly asked which, the
jar, 3 more and the cart; the tank top or the sunglasses, both added, "remove it" rightly
asked which, the sunglases removed, 2 more tank tops, the total in Australian dollars and the
cart). No expectation was found to be the test's own mistake. The ten failures are the
assistant's (each conversation stops at its first wrong turn, so later turns were not reached;
the tool calls were read from a replay of the turns up to the failing one, which failed at the
same turns):
- "wait no, 1" right after "add 2 n show my cart" (rightly add_to_cart(product="OLJCESPC7Z",
  quantity=2) and view_cart(), $39.98) called no tool and answered "No problem. Anything else
  I can help you find?" instead of setting the Sunglasses to 1 (the cart kept 2);
- "2 muggs pls" called add_to_cart(product="muggs", quantity=2) ("I couldn't find a product
  matching 'muggs' in the catalog.") instead of adding two Mugs;
- "nvm the jar" right after "+ a bamboo jar" (rightly added to the four mugs) called no tool
  and answered "No problem. Anything else I can help you find?" instead of removing the
  Bamboo Glass Jar (the cart kept it);
- "in euros?" right after "hairdyer how much" (rightly the Hairdryer, $24.99) called
  set_display_currency(currency="EUR") and answered "Done: I'll show prices in EUR from now
  on." instead of the Hairdryer's price in euros, €22.11, for that answer only;
- "wait nvm the sunglases" right after "ngl throw in sunglases too" (rightly added next to
  the loafers) called no tool and answered "No problem. Anything else I can help you find?"
  instead of removing the Sunglasses (the cart kept them);
- "muggs price?" with euros set as the display currency called no tool and answered "Sorry, I
  didn't understand that. I can search the catalog ..." instead of the Mug's price, €7.95;
- "add watch w/ a candle holder" called add_to_cart(product="watch candle holder",
  quantity=1) ("Added 1 × Candle Holder to your cart. ... Total: $18.99.") instead of adding
  the Watch and the Candle Holder ($128.98);
- "shakers + a jar pls, then tell me the total" called view_cart() ("No, there's no shakers
  in your cart. No, there's no jar in your cart. Your cart is empty.") instead of adding the
  Salt & Pepper Shakers and a Bamboo Glass Jar and saying the total, $23.98;
- "jus the mug then" right after "ugh too pricey tbh, empty it" (rightly empty_cart(), the
  watch and the loafers gone) called search_products(query="jus mug") ("Sorry, I don't have
  anything for "jus". The closest I have: Mug ($8.99).") instead of adding one Mug;
- "wait no, 3" right after "add 4" (rightly four Bamboo Glass Jars, the cheapest thing) called
  no tool and answered "No problem. Anything else I can help you find?" instead of setting the
  jars to 3 (the cart kept 4).

Worked on since by general rules (the same session), all 12 pass: right after a change,
"wait no, 1" / "no, 3" set that line's count and "nvm the jar" / "actually dont" take the
change back; "actually 2 jars" with a jar just added is a count; a look at the cart after a
change ("add 2 n show my cart") keeps the change as what later corrections act on, and a
message's kind is taken from the tools its turn ran when reading its words again would miss
it ("3 pls" after a price); "+" and "w/" between two products are "and"; an order ("shakers +
a jar pls") is not merged with the request after it; "muggs" is "mugs" (only "-es" endings
are plurals of known words); "mug price?" asks the price; "in euros?" after a price is that
price in euros; "jus the mug then" / "ok just a mug for now then" order one; "that one pls"
after a list of several asks which (an earlier "it" is let go by a new search) and the answer
is added; "thats a lot, nvm the watch" drops the remark; "swap the mug for that" brings in the
one product just shown.
"""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation
from tests.agents.held_out import (
    BLACK,
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
    assert_asked,
    cart_of,
    changes_cart,
    in_passing,
    shown_names,
    switched_to,
    usd_total,
    viewed,
    writes_of,
)

#: Amounts as the shop's currency service (its EUR-based rate table) converts them, to the
#: nearest cent (or yen): the total converted, or its lines converted and added up (the same
#: for all of these).
EUR_SUNGLASSES = "€17.68"  # $19.99
GBP_FOUR_MUGS = "£27.35"  # $35.96
EUR_HAIRDRYER = "€22.11"  # $24.99
EUR_LOAFERS = "€79.60"  # $89.99
EUR_MUG = "€7.95"  # $8.99
EUR_TWO_MUGS = "€15.90"  # $17.98
JPY_THREE_CANDLE_HOLDERS = "¥6,370"  # $56.97
AUD_THREE_TANK_TOPS = "A$80.99"  # $56.97
GBP_SHAKERS_AND_TWO_JARS = "£22.41"  # $29.47
AUD_THREE_JARS_AND_MUG = "A$36.20"  # $25.46


async def test_got_sunglases_how_much_tho_add_2_n_show_cart_wait_no_1_and_in_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    seen = await shopper.say("got sunglases?")
    assert "Sunglasses" in seen.text, seen.text
    assert not writes_of(seen), seen.tool_calls

    price = await shopper.say("how much tho")
    assert "$19.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    two = await shopper.say("add 2 n show my cart")
    assert await cart_of(services) == {SUNGLASSES: 2}
    assert usd_total({SUNGLASSES: 2}) in two.text, two.text  # $39.98

    await shopper.say("wait no, 1")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("and in euros?")
    assert EUR_SUNGLASSES in euros.text, euros.text  # $19.99
    assert in_passing(euros), euros.tool_calls
    assert not changes_cart(euros), euros.tool_calls

    final = await shopper.say("ok thx whats in my cart rn")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $19.99, back in dollars
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_2_muggs_pls_and_a_candel_holder_make_it_3_muggs_nvm_the_candel_how_much_rn(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("2 muggs pls")
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("and a candel holder")
    assert await cart_of(services) == {MUG: 2, CANDLE_HOLDER: 1}

    await shopper.say("actually make it 3 muggs")
    assert await cart_of(services) == {MUG: 3, CANDLE_HOLDER: 1}

    await shopper.say("nvm the candel holder")
    cart = {MUG: 3}
    assert await cart_of(services) == cart

    total = await shopper.say("how much rn")
    assert usd_total(cart) in total.text, total.text  # $26.97
    assert not changes_cart(total), total.tool_calls

    final = await shopper.say("cart?")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_add_2_mugs_and_show_my_cart_2_more_plus_a_jar_nvm_the_jar_total_in_quid(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("add 2 mugs and show my cart")
    assert await cart_of(services) == {MUG: 2}
    assert "Mug" in first.text and usd_total({MUG: 2}) in first.text, first.text  # $17.98

    await shopper.say("2 more")
    assert await cart_of(services) == {MUG: 4}

    await shopper.say("+ a bamboo jar")
    assert await cart_of(services) == {MUG: 4, JAR: 1}

    await shopper.say("nvm the jar")
    cart = {MUG: 4}
    assert await cart_of(services) == cart

    quid = await shopper.say("total in quid?")
    assert GBP_FOUR_MUGS in quid.text, quid.text  # $35.96
    assert in_passing(quid), quid.tool_calls
    assert not changes_cart(quid), quid.tool_calls

    final = await shopper.say("k thx cart pls")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $35.96
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_whats_in_the_kitchen_section_add_it_asked_which_the_jar_lol_3_more_show_cart(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("whats in the kitchen section")
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    which = await shopper.say("add it")
    # Three products were listed, none singled out: a careful assistant asks which.
    assert_asked(which)
    assert await cart_of(services) == {}

    await shopper.say("the jar lol")
    assert await cart_of(services) == {JAR: 1}

    price = await shopper.say("how much tho")
    assert "$5.49" in price.text, price.text
    assert not changes_cart(price), price.tool_calls

    await shopper.say("3 more")
    cart = {JAR: 4}
    assert await cart_of(services) == cart

    final = await shopper.say("show cart")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $21.96
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_hairdyer_how_much_in_euros_add_it_actually_dont_black_stuff_that_one_asked(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("hairdyer how much")
    assert "Hairdryer" in price.text and "$24.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    euros = await shopper.say("in euros?")
    assert EUR_HAIRDRYER in euros.text, euros.text  # $24.99
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    await shopper.say("ok add it")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("actually dont")
    assert await cart_of(services) == {}

    black = await shopper.say("show me black stuff")
    assert set(shown_names(black)) == BLACK, shown_names(black)
    assert not writes_of(black), black.tool_calls

    which = await shopper.say("that one pls")
    # Four black things were listed, none singled out: which one? Ask, add nothing.
    assert_asked(which)
    assert await cart_of(services) == {}

    await shopper.say("the tank top")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("cart?")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $18.99
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_lofers_or_the_watch_cheaper_one_pls_in_euros_tbh_sunglases_too_nvm_them(
    shopper: Conversation, services: AgentServices
) -> None:
    which = await shopper.say("lofers or the watch, which is cheaper")
    assert "Loafers" in which.text and "$89.99" in which.text, which.text
    assert not writes_of(which), which.tool_calls

    await shopper.say("the cheaper one pls")
    assert await cart_of(services) == {LOAFERS: 1}

    euros = await shopper.say("how much is that in euros tbh")
    assert EUR_LOAFERS in euros.text, euros.text  # $89.99
    assert in_passing(euros), euros.tool_calls
    assert not changes_cart(euros), euros.tool_calls

    await shopper.say("ngl throw in sunglases too")
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 1}

    await shopper.say("wait nvm the sunglases")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("final cart pls")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $89.99
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_euros_from_now_on_muggs_price_3_pls_wait_no_2_cart_total_back_to_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    euros = await shopper.say("can u show everything in euros from now on pls")
    assert switched_to(euros, "EUR"), euros.tool_results
    calls = euros.calls("set_display_currency")
    assert not any(c.get("just_this_answer") for c in calls), calls
    assert not changes_cart(euros), euros.tool_calls

    price = await shopper.say("muggs price?")
    assert "Mug" in price.text and EUR_MUG in price.text, price.text  # $8.99
    assert not writes_of(price), price.tool_calls

    await shopper.say("3 pls")
    assert await cart_of(services) == {MUG: 3}

    await shopper.say("wait no, 2")
    cart = {MUG: 2}
    assert await cart_of(services) == cart

    total = await shopper.say("cart total?")
    assert EUR_TWO_MUGS in total.text, total.text  # $17.98
    assert not changes_cart(total), total.tool_calls

    dollars = await shopper.say("back to dollars pls")
    assert switched_to(dollars, "USD"), dollars.tool_results
    assert not changes_cart(dollars), dollars.tool_calls

    final = await shopper.say("cart")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $17.98
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_add_watch_w_a_candle_holder_total_nvm_the_watch_2_more_candle_holders_in_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add watch w/ a candle holder")
    assert await cart_of(services) == {WATCH: 1, CANDLE_HOLDER: 1}

    total = await shopper.say("hmm whats the total")
    assert usd_total({WATCH: 1, CANDLE_HOLDER: 1}) in total.text, total.text  # $128.98
    assert not changes_cart(total), total.tool_calls

    await shopper.say("thats a lot, nvm the watch")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}

    await shopper.say("2 more candle holders")
    cart = {CANDLE_HOLDER: 3}
    assert await cart_of(services) == cart

    yen = await shopper.say("total in yen?")
    assert JPY_THREE_CANDLE_HOLDERS in yen.text, yen.text  # $56.97
    assert in_passing(yen), yen.tool_calls
    assert not changes_cart(yen), yen.tool_calls

    final = await shopper.say("k cart pls")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $56.97
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_tank_top_or_sunglases_add_both_remove_it_asked_2_more_tank_tops_total_in_aud(
    shopper: Conversation, services: AgentServices
) -> None:
    which = await shopper.say("tank top or sunglases which is cheaper")
    assert "Tank Top" in which.text and "$18.99" in which.text, which.text
    assert not writes_of(which), which.tool_calls

    await shopper.say("ok add both")
    assert await cart_of(services) == {TANK_TOP: 1, SUNGLASSES: 1}

    it = await shopper.say("remove it")
    # Both were just added: which one goes? Ask, change nothing.
    assert_asked(it)
    assert await cart_of(services) == {TANK_TOP: 1, SUNGLASSES: 1}

    await shopper.say("the sunglases")
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("2 more tank tops pls")
    cart = {TANK_TOP: 3}
    assert await cart_of(services) == cart

    aud = await shopper.say("total in aud?")
    assert AUD_THREE_TANK_TOPS in aud.text, aud.text  # $56.97
    assert in_passing(aud), aud.tool_calls
    assert not changes_cart(aud), aud.tool_calls

    final = await shopper.say("cart thx")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $56.97
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_shakers_plus_a_jar_then_total_actually_2_jars_in_pounds_nvm_the_shakers(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("shakers + a jar pls, then tell me the total")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1}
    assert usd_total({SHAKERS: 1, JAR: 1}) in first.text, first.text  # $23.98

    await shopper.say("actually 2 jars")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 2}

    quid = await shopper.say("hows that in pounds")
    assert GBP_SHAKERS_AND_TWO_JARS in quid.text, quid.text  # $29.47
    assert in_passing(quid), quid.tool_calls
    assert not changes_cart(quid), quid.tool_calls

    await shopper.say("nvm the shakers")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    price = await shopper.say("jar price again?")
    assert "$5.49" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    final = await shopper.say("ok whats my cart look like")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $10.98
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_watch_plus_loafers_too_pricey_empty_it_jus_the_mug_anything_cheaper_swap(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("watch + loafers pls")
    assert await cart_of(services) == {WATCH: 1, LOAFERS: 1}

    empty = await shopper.say("ugh too pricey tbh, empty it")
    assert changes_cart(empty), empty.tool_calls
    assert await cart_of(services) == {}

    await shopper.say("jus the mug then")
    assert await cart_of(services) == {MUG: 1}

    price = await shopper.say("how much is it")
    assert "$8.99" in price.text, price.text
    assert not changes_cart(price), price.tool_calls

    cheaper = await shopper.say("u got anything cheaper")
    # Only the Bamboo Glass Jar ($5.49) costs less than the mug.
    assert "Bamboo Glass Jar" in cheaper.text and "$5.49" in cheaper.text, cheaper.text
    assert not changes_cart(cheaper), cheaper.tool_calls
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("swap the mug for that")
    cart = {JAR: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("cart?")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $5.49
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart


async def test_cheapest_thing_u_have_add_4_wait_no_3_a_mug_w_it_how_much_all_up_in_aud(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("whats the cheapest thing u have")
    assert "Bamboo Glass Jar" in cheapest.text and "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("add 4")
    assert await cart_of(services) == {JAR: 4}

    await shopper.say("wait no, 3")
    assert await cart_of(services) == {JAR: 3}

    await shopper.say("and a mug w/ it")
    cart = {JAR: 3, MUG: 1}
    assert await cart_of(services) == cart

    total = await shopper.say("how much all up rn")
    assert usd_total(cart) in total.text, total.text  # $25.46
    assert not changes_cart(total), total.tool_calls

    aud = await shopper.say("in aud?")
    assert AUD_THREE_JARS_AND_MUG in aud.text, aud.text  # $25.46
    assert in_passing(aud), aud.tool_calls
    assert not changes_cart(aud), aud.tool_calls

    final = await shopper.say("thx, cart one last time")
    assert viewed(final) == cart, final.tool_results
    assert usd_total(cart) in final.text, final.text  # $25.46
    assert not writes_of(final), final.tool_calls
    assert await cart_of(services) == cart
