"""A fiftieth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question, a pure reaction or an unclear request,
which products and quantities, currencies and alert targets, what the cart and the alerts hold
afterwards) and the essential facts of its answers, not their wording. Their theme is young
shoppers' slang and internet speak, six to eight turns each: "lowkey need some shades" (the
sunglasses shown, nothing added), "fr fr add it" and "bet, cop 2" (the product just shown, one
or two of it), "no cap that mug is fire, grab me 3", "yeet the candle holder outta my cart",
"yeet one of the shades" (one fewer), "yeet everything outta my cart", "slay, what's the
damage?" (the cart total), "how much is that in euros tho" (in passing, the display currency
kept), "that's bussin, lmk if it drops under 15" (an alert on the product talked about, in
dollars), "drip check: i'm into black and gold" and "not feeling silver tbh" (likes and a
dislike recorded), "ok bestie show me kitchen stuff", "idc just the cheapest" (answering which
of three to add: the cheapest), "ngl the watch is kinda mid" and "its giving expensive"
(opinions, nothing written), and pure reactions when nothing is pending ("💀💀", "lmaooo",
"iykyk 🔥", "ok and?", "😭😭😭", "nah im good"), where the careful answer writes nothing and
leaves the cart and the alerts as they were. One request is genuinely ambiguous and must be
asked about, nothing written: "yeet it" right after the tank top and the candle holder were
both added; "cop one" right after the three kitchen products were shown is asked about too.
Every conversation ends with a check of the cart (product id -> quantity) in Online Boutique,
and of the alerts where any were set. Conversions are computed in the test by the shop's
currency service (the embedded one, over its EUR-based rate table): the total converted, or its
lines (or unit prices) converted and added up, any of which the answer may show.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns
were not reached; the tool calls were read from a traced replay of the same run):
- "no cap that mug is fire, grab me 3" (after the sunglasses and the kitchen list, rightly done)
  called add_to_cart(product="cap", quantity=3) and add_to_cart(product="mug", quantity=3)
  ("Added 3 × Salt & Pepper Shakers to your cart. Added 3 × Mug to your cart. ... Total:
  $102.43.") instead of adding three mugs only;
- "lmk if it drops under 90" (after the watch at $109.99) called create_price_alert(product=
  "lmk", target_price="90") (failed: "I couldn't find a product matching 'lmk' in the
  catalog.") instead of a watch alert at $90;
- "yeet the candle holder outta my cart" (after the candle holder and the shakers were added)
  called view_cart() only ("No, there's no yeet candle holder in your cart. ...") instead of
  removing the candle holder;
- "not feeling silver tbh" (after the likes black and gold, the four black products and the
  tank top added, all rightly done) called remove_from_cart(product="feeling silver")
  (failed: "Candle Holder is not in your cart.") instead of recording a dislike of silver;
- "idc just the cheapest" (after the three kitchen products were shown and "cop one" got "Sorry,
  I didn't understand that. What would you like me to do? ...", nothing written) called
  search_products(sort="price_asc") ("Here are 9 products: Bamboo Glass Jar ($5.49), ...")
  instead of adding the cheapest of the three, the Bamboo Glass Jar;
- "lmk if it drops under 20 euros" (after the hairdryer at $24.99 and €22.11 in passing, rightly
  done) called create_price_alert(product="lmk", target_price="20", price_currency="EUR")
  (failed) instead of a hairdryer alert at €20;
- "no cap that mug is fire, grab me 3" (the first message) called add_to_cart(product="cap",
  quantity=3) and add_to_cart(product="mug", quantity=3) ("Added 3 × Salt & Pepper Shakers
  ... Added 3 × Mug ...") instead of adding three mugs only;
- "yeet it" right after the tank top and the candle holder were both added called add_to_cart(
  product="yeet") (failed: "I couldn't find a product matching 'yeet' in the catalog.")
  instead of asking which of the two to take out;
- "ngl the loafers are kinda mid anyway, lmk if they drop under 70 tho" rightly made the
  loafers alert at $70 but also called create_price_alert(product="lmk", target_price="70")
  (failed) ("I'll let you know when Loafers is at or below $70.00 (it's $89.99 now). I
  couldn't find a product matching 'lmk' in the catalog.") instead of one alert and no
  attempt on "lmk";
- "not feeling silver tbh" (the first message) called search_products(query="feeling silver")
  ("Sorry, I don't have anything for "feeling". The closest I have: Candle Holder ($18.99).")
  instead of recording a dislike of silver;
- "yeet everything outta my cart" (after the watch and the sunglasses, $129.98, rightly added
  and totalled) called view_cart() only ("Your cart has 2 items: ... Total: $129.98.")
  instead of emptying the cart;
- "the salt and pepper shakers are fire, cop 2" (after "💀💀" and "ok and?", rightly nothing
  written, and the kitchen list) called get_product_details(product="salt and pepper
  shakers") ("Salt & Pepper Shakers costs $18.49. ...") instead of adding two shakers.

Also seen on turns that passed: "💀💀" and "cop one" got "Sorry, I didn't understand that.",
"its giving expensive" called search_products(query="giving", sort="price_desc"), and "iykyk
🔥" called add_to_cart(product="iykyk") (failed); nothing was written on any of them.

Worked on since by general rules (the same session), all 12 pass: internet speak is said
plainly before the message is read (`planner/plainly.py`: "lmk" is "let me know", "yeet" is
remove and "yeet everything" empties the cart, "cop 2" / "grab me 3" add, "not feeling silver"
is a dislike, "what's the damage?" the total, "its giving expensive" a remark on the price,
and "no cap", "ngl", "fr", "tbh", "bestie", "iykyk", "slay", "is fire", "kinda mid" go);
"idc just the cheapest" answering "which product do you mean?" is the cheapest of those.
"""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    KITCHEN,
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    amounts_in,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_nothing_changed,
    assert_says_price,
    cart_of,
    changes_cart,
    in_passing,
    listed_alerts,
    result_of,
    says_amount,
    shown_names,
    tastes_said,
    usd_total,
    writes_of,
    wrote_nothing,
)


async def assert_reacted(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    alerts: set[tuple[str, str, int]] | None = None,
) -> None:
    """A pure reaction with nothing pending: some answer, nothing written, the cart and the
    alerts as they were."""
    assert turn.text.strip(), turn.events
    assert wrote_nothing(turn), turn.tool_results
    await assert_nothing_changed(services, cart, alerts)


async def test_lowkey_shades_fr_fr_add_it_skulls_kitchen_three_mugs_damage_euros_tho(
    shopper: Conversation, services: AgentServices
) -> None:
    shades = await shopper.say("lowkey need some shades")
    assert shown_names(shades)[0] == "Sunglasses", shown_names(shades)
    assert "$19.99" in shades.text, shades.text
    assert not writes_of(shades), shades.tool_calls  # shown, not added

    await shopper.say("fr fr add it")
    assert await cart_of(services) == {SUNGLASSES: 1}

    skulls = await shopper.say("💀💀")
    await assert_reacted(skulls, services, {SUNGLASSES: 1})

    kitchen = await shopper.say("ok bestie show me kitchen stuff")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("no cap that mug is fire, grab me 3")
    cart = {SUNGLASSES: 1, MUG: 3}
    assert await cart_of(services) == cart

    damage = await shopper.say("slay, what's the damage?")
    assert usd_total(cart) in damage.text, damage.text  # $46.96
    assert not writes_of(damage), damage.tool_calls

    euros = await shopper.say("how much is that in euros tho")
    await assert_says_price(euros, services, cart, "EUR")  # $46.96, in passing

    final = await shopper.say("show me my cart fr")
    await assert_final_cart(final, services, cart)  # $46.96, back in dollars


async def test_watch_price_giving_expensive_lmk_under_90_kinda_mid_cheaper_cop_2_lmaooo(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("yo how much is the watch")
    assert "$109.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    expensive = await shopper.say("its giving expensive 😭")
    await assert_reacted(expensive, services, {})

    alert = await shopper.say("lmk if it drops under 90")
    assert_alert(alert, "Watch", "USD", 90)
    alerts = {("Watch", "USD", 90)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    mid = await shopper.say("ngl the watch is kinda mid. anything cheaper in accessories?")
    names = shown_names(mid)
    assert names[0] == "Sunglasses" and "Watch" not in names, names
    assert "$19.99" in mid.text, mid.text
    assert not changes_cart(mid), mid.tool_calls
    assert await alerts_of(services) == alerts  # an opinion, not a cancellation

    await shopper.say("bet, cop 2")
    cart = {SUNGLASSES: 2}
    assert await cart_of(services) == cart

    lol = await shopper.say("lmaooo")
    await assert_reacted(lol, services, cart, alerts)

    final = await shopper.say("show me my cart and my alerts rq")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $39.98


async def test_candle_holder_and_shakers_iykyk_yeet_candle_holder_two_jars_make_it_4_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a candle holder and the salt and pepper shakers pls")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, SHAKERS: 1}

    iykyk = await shopper.say("iykyk 🔥")
    await assert_reacted(iykyk, services, {CANDLE_HOLDER: 1, SHAKERS: 1})

    await shopper.say("yeet the candle holder outta my cart")
    assert await cart_of(services) == {SHAKERS: 1}

    await shopper.say("also throw in 2 bamboo jars")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 2}

    await shopper.say("actually make it 4 jars")
    cart = {SHAKERS: 1, JAR: 4}
    assert await cart_of(services) == cart

    pounds = await shopper.say("what's the damage in pounds tho")
    await assert_says_price(pounds, services, cart, "GBP")  # $40.45, in passing

    ok_and = await shopper.say("ok and?")
    await assert_reacted(ok_and, services, cart)

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $40.45


async def test_drip_check_black_and_gold_black_things_tank_top_vibe_no_silver_watch_style(
    shopper: Conversation, services: AgentServices
) -> None:
    drip = await shopper.say("drip check: i'm into black and gold")
    likes, dislikes = tastes_said(drip)
    assert {"black", "gold"} <= set(likes), drip.tool_calls
    assert not {"black", "gold"} & set(dislikes), drip.tool_calls
    assert not changes_cart(drip), drip.tool_calls
    assert await cart_of(services) == {}

    black = await shopper.say("what u got in black tho")
    names = shown_names(black)
    assert set(names[: len(BLACK)]) == BLACK, names
    assert not changes_cart(black), black.tool_calls

    await shopper.say("the tank top is a vibe, add it")
    assert await cart_of(services) == {TANK_TOP: 1}

    silver = await shopper.say("not feeling silver tbh")
    likes, dislikes = tastes_said(silver)
    assert "silver" in dislikes and "silver" not in likes, silver.tool_calls
    assert not changes_cart(silver), silver.tool_calls
    assert await cart_of(services) == {TANK_TOP: 1}

    await shopper.say("cop the watch too")
    cart = {TANK_TOP: 1, WATCH: 1}
    assert await cart_of(services) == cart

    style = await shopper.say("wait what do u know about my style")
    profile = result_of(style, "show_style_profile")["profile"]
    assert {"black", "gold"} <= set(profile["likes"]), profile
    assert "silver" in profile["dislikes"], profile
    assert not writes_of(style), style.tool_calls

    final = await shopper.say("💀 ok show me my cart")
    await assert_final_cart(final, services, cart)  # $128.98


async def test_bestie_kitchen_cop_one_asked_idc_cheapest_two_more_lmk_under_5_sob_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("ok bestie show me kitchen stuff")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    which = await shopper.say("cop one")
    assert_asked(which)  # the shakers, the jar or the mug?
    assert await cart_of(services) == {}

    await shopper.say("idc just the cheapest")
    assert await cart_of(services) == {JAR: 1}  # $5.49, the cheapest of the three

    await shopper.say("bet, cop 2 more")
    cart = {JAR: 3}
    assert await cart_of(services) == cart

    alert = await shopper.say("that's bussin, lmk if it drops under 5")
    assert_alert(alert, "Bamboo Glass Jar", "USD", 5)
    alerts = {("Bamboo Glass Jar", "USD", 5)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    sob = await shopper.say("😭😭😭")
    await assert_reacted(sob, services, cart, alerts)

    yen = await shopper.say("how much is my cart in yen tho")
    await assert_says_price(yen, services, cart, "JPY")  # $16.47, in passing

    final = await shopper.say("show me my cart and my alerts pls")
    assert listed_alerts(final) == ["Bamboo Glass Jar"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $16.47


async def test_hairdryer_price_euros_tho_lmk_under_20_euros_nah_im_good_add_it_mug_damage(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("yo what's the hairdryer go for")
    assert "$24.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    euros = await shopper.say("how much is that in euros tho")
    await assert_says_price(euros, services, {HAIRDRYER: 1}, "EUR")  # $24.99, in passing

    alert = await shopper.say("lmk if it drops under 20 euros")
    assert_alert(alert, "Hairdryer", "EUR", 20)
    alerts = {("Hairdryer", "EUR", 20)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    good = await shopper.say("nah im good")
    await assert_reacted(good, services, {}, alerts)

    await shopper.say("wait actually fr fr add it")
    assert await cart_of(services) == {HAIRDRYER: 1}

    await shopper.say("and a mug, no cap")
    cart = {HAIRDRYER: 1, MUG: 1}
    assert await cart_of(services) == cart

    damage = await shopper.say("slay, what's the damage?")
    assert usd_total(cart) in damage.text, damage.text  # $33.98: the euros were in passing
    assert not writes_of(damage), damage.tool_calls

    final = await shopper.say("cart and alerts rn")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $33.98


async def test_no_cap_three_mugs_make_it_2_lmaooo_shades_too_cop_2_yeet_one_of_the_shades(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("no cap that mug is fire, grab me 3")
    assert await cart_of(services) == {MUG: 3}

    await shopper.say("nvm thats too many, make it 2")
    assert await cart_of(services) == {MUG: 2}

    lol = await shopper.say("lmaooo")
    await assert_reacted(lol, services, {MUG: 2})

    shades = await shopper.say("lowkey need some shades too")
    assert shown_names(shades)[0] == "Sunglasses", shown_names(shades)
    assert not writes_of(shades), shades.tool_calls  # shown, not added
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("bet, cop 2")
    assert await cart_of(services) == {MUG: 2, SUNGLASSES: 2}

    await shopper.say("yeet one of the shades")
    cart = {MUG: 2, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    damage = await shopper.say("slay, what's the damage?")
    assert usd_total(cart) in damage.text, damage.text  # $37.97
    assert not writes_of(damage), damage.tool_calls

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $37.97


async def test_tank_top_and_candle_holder_yeet_it_asked_ok_and_pounds_lmk_under_12_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add the tank top and the candle holder")
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    which = await shopper.say("yeet it")
    assert_asked(which)  # the tank top or the candle holder?
    assert await cart_of(services) == {TANK_TOP: 1, CANDLE_HOLDER: 1}

    await shopper.say("the candle holder lol")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    ok_and = await shopper.say("ok and?")
    await assert_reacted(ok_and, services, cart)

    pounds = await shopper.say("how much is the tank top in pounds tho")
    await assert_says_price(pounds, services, cart, "GBP")  # $18.99, in passing

    alert = await shopper.say("that's bussin, lmk if it drops under 12 pounds")
    assert_alert(alert, "Tank Top", "GBP", 12)
    alerts = {("Tank Top", "GBP", 12)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    skull = await shopper.say("💀")
    await assert_reacted(skull, services, cart, alerts)

    final = await shopper.say("show me my cart and my alerts")
    assert listed_alerts(final) == ["Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $18.99


async def test_loafers_giving_expensive_idc_cheapest_add_it_mid_lmk_under_70_euros_nah_good(
    shopper: Conversation, services: AgentServices
) -> None:
    price = await shopper.say("how much are the loafers")
    assert "$89.99" in price.text, price.text
    assert not writes_of(price), price.tool_calls

    expensive = await shopper.say("its giving expensive 💀")
    await assert_reacted(expensive, services, {})

    cheapest = await shopper.say("idc just show me the cheapest thing u got")
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text
    assert not writes_of(cheapest), cheapest.tool_calls

    await shopper.say("fr fr add it")
    cart = {JAR: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("ngl the loafers are kinda mid anyway, lmk if they drop under 70 tho")
    assert_alert(alert, "Loafers", "USD", 70)
    alerts = {("Loafers", "USD", 70)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    euros = await shopper.say("how much is my cart in euros tho")
    await assert_says_price(euros, services, cart, "EUR")  # $5.49, in passing

    good = await shopper.say("nah im good")
    await assert_reacted(good, services, cart, alerts)

    final = await shopper.say("show me my cart and my alerts")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $5.49


async def test_no_silver_black_and_gold_cheapest_black_mug_iykyk_yeet_it_two_tank_tops(
    shopper: Conversation, services: AgentServices
) -> None:
    silver = await shopper.say("not feeling silver tbh")
    likes, dislikes = tastes_said(silver)
    assert "silver" in dislikes and "silver" not in likes, silver.tool_calls
    assert not changes_cart(silver), silver.tool_calls

    drip = await shopper.say("drip check: i'm into black and gold")
    likes, dislikes = tastes_said(drip)
    assert {"black", "gold"} <= set(likes), drip.tool_calls
    assert not changes_cart(drip), drip.tool_calls
    assert await cart_of(services) == {}

    cheapest = await shopper.say("what's the cheapest black thing u got")
    assert shown_names(cheapest)[0] == "Mug", shown_names(cheapest)  # $8.99
    assert "$8.99" in cheapest.text, cheapest.text
    assert not changes_cart(cheapest), cheapest.tool_calls

    await shopper.say("the mug is fire, cop it")
    assert await cart_of(services) == {MUG: 1}

    iykyk = await shopper.say("iykyk")
    await assert_reacted(iykyk, services, {MUG: 1})

    await shopper.say("yeet it, changed my mind 😭")
    assert await cart_of(services) == {}

    await shopper.say("ok grab me 2 tank tops instead")
    cart = {TANK_TOP: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $37.98


async def test_watch_and_shades_damage_giving_expensive_yeet_everything_just_shades_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("grab me a watch and some shades")
    cart = {WATCH: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    damage = await shopper.say("slay, what's the damage?")
    assert usd_total(cart) in damage.text, damage.text  # $129.98
    assert not writes_of(damage), damage.tool_calls

    expensive = await shopper.say("its giving expensive ngl 😭")
    await assert_reacted(expensive, services, cart)

    await shopper.say("yeet everything outta my cart")
    assert await cart_of(services) == {}

    lol = await shopper.say("lmaooo ok")
    await assert_reacted(lol, services, {})

    await shopper.say("ok just cop the shades then fr")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("how much is that in yen tho")
    await assert_says_price(yen, services, cart, "JPY")  # $19.99, in passing

    final = await shopper.say("show me my cart")
    await assert_final_cart(final, services, cart)  # $19.99


async def test_skulls_ok_and_kitchen_two_shakers_lmk_under_15_euros_tho_damage_alerts(
    shopper: Conversation, services: AgentServices
) -> None:
    skulls = await shopper.say("💀💀")
    await assert_reacted(skulls, services, {})

    ok_and = await shopper.say("ok and?")
    await assert_reacted(ok_and, services, {})

    kitchen = await shopper.say("ok bestie show me kitchen stuff")
    names = shown_names(kitchen)
    assert set(names[: len(KITCHEN)]) == KITCHEN, names
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("the salt and pepper shakers are fire, cop 2")
    cart = {SHAKERS: 2}
    assert await cart_of(services) == cart

    alert = await shopper.say("that's bussin, lmk if it drops under 15")
    assert_alert(alert, "Salt & Pepper Shakers", "USD", 15)
    alerts = {("Salt & Pepper Shakers", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    euros = await shopper.say("how much is that in euros tho")
    # "that": the shakers' price or the two in the cart; either, in passing
    candidates = await amounts_in(services, {SHAKERS: 1}, "EUR") | await amounts_in(
        services, cart, "EUR"
    )
    assert any(says_amount(euros.text, c) for c in candidates), (candidates, euros.text)
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    damage = await shopper.say("bet. what's the damage")
    assert usd_total(cart) in damage.text, damage.text  # $36.98
    assert not writes_of(damage), damage.tool_calls

    final = await shopper.say("show me my cart and my alerts")
    assert listed_alerts(final) == ["Salt & Pepper Shakers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $36.98
