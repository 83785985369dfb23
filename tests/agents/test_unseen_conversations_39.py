"""A thirty-ninth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is a shopper who changes their
mind and undoes things, six to eight turns each, across every specialist: quantities taken back
("no wait, make that three" of the shakers just added, "just one, not two", "just one jar, not
two"); lines put back after they were taken out ("hmm, put the mug back", "on second thought,
keep it" of the tank top just removed, "actually, never mind - put them all back" after "oh,
take them all out except the jar"); swaps ("forget the watch, I'll take the loafers instead",
"sorry, I meant the candle holder, not the shakers", "no, the other one" after the mug was
picked of the mug and the jar); the last change undone ("too much. Undo that last change." of
three shakers, "undo that" of an add and of an alert just made, "scratch that last one" of the
jar, "actually, never mind, I don't need sunglasses"); alerts taken back or changed ("cancel
that alert, I changed my mind" right after making it, "no wait, make that 16" of a 15-euro
alert, "actually, never mind the alert"); style statements taken back ("forget what I said
about gold, I like silver now", "I don't mind beige after all - forget that too": forgotten,
never turned into a dislike); currency switches undone ("switch back to dollars"); and the undo
that has nothing to undo ("undo that" as the very first message, and again after a mere
search: said so, nothing written). Three requests are genuinely ambiguous and must be asked
about, nothing written: "Add it." after the mug and the bamboo jar were both priced, "No wait,
make that three." right after a mug and a jar were added in one message, and "Oh no, put it
back." right after the mug and the shakers were taken out in one message. Every conversation
ends with a check of the cart (product id -> quantity) in Online Boutique, and of the alerts
where any were set. Conversions are computed in the test by the shop's currency service (the
embedded one, over its EUR-based rate table): the total converted, or its lines (or unit
prices) converted and added up, any of which the answer may show.

First run: 3 of 12 passed (the mug put back under euros and back to dollars, the watch alert
cancelled and the sunglasses alert changed to 16 euros, and the candle holder meant instead of
the shakers with the alert undone). No expectation was found to be the test's own mistake; the
nine failures are the assistant's (each conversation stops at its first wrong turn, so later
turns were not reached; the tool calls were read from a traced replay of the same run, which
failed at the same turns):
- "Too much. Undo that last change." (after "No wait, make that three." rightly set the
  shakers just added to 3, and the total rightly $64.46) called remove_from_cart(product=
  "LS4PSXUNUM") ("Removed Salt & Pepper Shakers from your cart. ... Total: $8.99.") instead of
  setting the shakers back to 1 (the mug kept, $27.48);
- "On second thought, keep it." right after "Remove the tank top." called remove_from_cart(
  product="66VCHSJNUP") (failed: "Tank Top is not in your cart.") instead of putting the tank
  top back (loafers and tank top, $108.98);
- "Forget what I said about gold, I like silver now." called record_style_preferences(likes=[],
  dislikes=[], forget=["gold", "silver"]) ("Noted: I've forgotten what you said about gold,
  silver.") instead of forgetting gold and recording silver as a like;
- "No, the other one." (after the mug and the jar were priced, "Add it." rightly asked which
  and "The mug." rightly added it) called remove_from_cart(product="9SIQT8TOJO") (failed:
  "Bamboo Glass Jar is not in your cart.") instead of swapping the mug for the jar;
- "Actually, never mind - put them all back." (after "Oh, take them all out except the jar."
  rightly removed the candle holder, the mug and the shakers) called add_to_cart(product=
  "9SIQT8TOJO", quantity=1) ("Added 1 × Bamboo Glass Jar ... 2 × Bamboo Glass Jar. Total:
  $10.98.") instead of putting back the mug, the shakers and the candle holder (one jar);
- "Undo that." as the very first message called no tool (handed to the cart manager: "Which
  product do you mean? You can name it, for example "the watch".") instead of saying there is
  nothing to undo yet (nothing written, rightly);
- "Actually, never mind the alert." right after the sunglasses alert at 15 euros was made
  (and "No wait, make that three." after a mug and a jar were added rightly asked which)
  called list_price_alerts() ("You have 1 price alert: Sunglasses at or below $16.96
  (€15.00).") instead of cancelling that alert;
- "Oh no, put it back." right after "Remove the mug and the shakers." called add_to_cart(
  product="LS4PSXUNUM", quantity=1) ("Added 1 × Salt & Pepper Shakers ...") instead of asking
  which of the two to put back, nothing written;
- "Scratch that last one." right after "And the jar." added the jar (the mug added before it)
  called no tool ("No problem. Anything else I can help you find?") instead of taking the jar
  back out (the mug kept).

Worked on since (the same session), by general rules: the tools keep one change record per turn
that wrote (cart lines from and to, alerts made and cancelled: `state.CHANGES`), and a plain
"undo that", "scratch that last one", "put them all back", "on second thought, keep it", "I do
want it" or "never mind the alert" takes the last one back exactly (a line set from 1 to 3
goes back to 1, a removed line of 2 comes back as 2, an alert moved from 15 to 16 is at 15
again), whatever was said since; with nothing changed yet the answer says there is nothing to
undo; "put it back" after two lines went asks which (and "the shakers" then puts that one
back); "no, the other one" right after an add swaps it for the other one shown; "forget what
I said about gold, I like silver now" forgets gold and records silver; "I don't mind beige
after all - forget that too" takes the dislike back. 12 of 12 pass.
"""

from __future__ import annotations

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
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
    assert_says_price,
    cart_of,
    in_currency,
    in_passing,
    listed_alerts,
    result_of,
    said_no,
    shown_names,
    switched_for_good,
    switched_to,
    tastes_said,
    tools_of,
    understood,
    usd_total,
    writes_of,
)

#: Words by which an answer says there is nothing to undo.
_NOTHING = (
    "nothing", "haven't", "have not", "hasn't", "has not", "didn't", "did not", "no change",
    "no recent", "no previous", "no earlier", "not made", "isn't anything", "is no ",
    "there's no", "no action", "not changed",
)  # fmt: skip
NOTHING_DONE = tuple({w for base in _NOTHING for w in (base, base.replace("'", "\u2019"))})


def nothing_to_undo(turn: Turn) -> bool:
    """A real answer saying there is nothing to undo, with nothing written."""
    return understood(turn) and said_no(turn, NOTHING_DONE) and not writes_of(turn)


def assert_profile(turn: Turn, likes: tuple[str, ...], dislikes: tuple[str, ...]) -> None:
    """show_style_profile ran and holds exactly these likes and dislikes; nothing written."""
    profile = result_of(turn, "show_style_profile")["profile"]
    assert sorted(profile["likes"]) == sorted(likes), profile
    assert sorted(profile["dislikes"]) == sorted(dislikes), profile
    assert not writes_of(turn), turn.tool_calls


def forgotten(turn: Turn) -> list[str]:
    """Every word whose like or dislike the turn took back."""
    calls = turn.calls("record_style_preferences")
    return [w.lower() for c in calls for w in c.get("forget") or []]


async def test_two_mugs_just_one_not_two_shakers_make_that_three_total_undo_last_change(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put two mugs in my cart.")
    assert await cart_of(services) == {MUG: 2}

    one = await shopper.say("Just one, not two.")
    assert await cart_of(services) == {MUG: 1}
    assert "mug" in one.text.lower(), one.text

    await shopper.say("And the salt and pepper shakers.")
    assert await cart_of(services) == {MUG: 1, SHAKERS: 1}

    await shopper.say("No wait, make that three.")  # the shakers, just added
    assert await cart_of(services) == {MUG: 1, SHAKERS: 3}

    total = await shopper.say("What's my total?")
    assert "$64.46" in total.text, total.text  # $8.99 + 3 x $18.49
    assert not writes_of(total), total.tool_calls

    await shopper.say("Too much. Undo that last change.")
    cart = {MUG: 1, SHAKERS: 1}
    assert await cart_of(services) == cart  # back to one shaker set, the mug kept

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $27.48


async def test_mug_and_jar_euros_for_good_mug_out_put_the_mug_back_total_switch_back_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug and a bamboo glass jar.")
    cart = {MUG: 1, JAR: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("Show me everything in euros from now on.")
    assert switched_for_good(euros, "EUR"), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    await shopper.say("Take the mug out.")
    assert await cart_of(services) == {JAR: 1}

    back = await shopper.say("Hmm, put the mug back.")
    assert await cart_of(services) == cart
    assert "mug" in back.text.lower(), back.text

    total = await shopper.say("What's my total?")
    await assert_says_price(total, services, cart, "EUR", passing=False)  # $14.48, in euros

    dollars = await shopper.say("Switch back to dollars.")
    assert switched_for_good(dollars, "USD"), dollars.tool_calls
    assert not writes_of(dollars), dollars.tool_calls
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $14.48, in dollars again


async def test_watch_forget_it_loafers_instead_tank_top_out_on_second_thought_keep_it_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the watch to my cart.")
    assert await cart_of(services) == {WATCH: 1}

    swap = await shopper.say("Forget the watch, I'll take the loafers instead.")
    assert await cart_of(services) == {LOAFERS: 1}
    assert "loafers" in swap.text.lower(), swap.text

    await shopper.say("And a tank top.")
    cart = {LOAFERS: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart

    await shopper.say("Remove the tank top.")
    assert await cart_of(services) == {LOAFERS: 1}

    keep = await shopper.say("On second thought, keep it.")
    assert await cart_of(services) == cart  # the tank top back
    assert "tank top" in keep.text.lower(), keep.text

    pounds = await shopper.say("How much is that in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $108.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $108.98


async def test_watch_alert_cancel_that_changed_my_mind_sunglasses_15_euros_make_that_16_add(
    shopper: Conversation, services: AgentServices
) -> None:
    alert = await shopper.say("Tell me when the watch drops below 100 dollars.")
    assert_alert(alert, "Watch", "USD", 100)
    assert await alerts_of(services) == {("Watch", "USD", 100)}

    cancel = await shopper.say("Cancel that alert, I changed my mind.")
    assert "delete_price_alert" in tools_of(cancel), cancel.tool_calls
    assert await alerts_of(services) == set()
    assert await cart_of(services) == {}

    sunglasses = await shopper.say("Alert me if the sunglasses go under 15 euros instead.")
    assert_alert(sunglasses, "Sunglasses", "EUR", 15)
    assert await alerts_of(services) == {("Sunglasses", "EUR", 15)}

    await shopper.say("No wait, make that 16.")
    alerts = {("Sunglasses", "EUR", 16)}
    assert await alerts_of(services) == alerts  # changed, not a second alert

    await shopper.say("Add the sunglasses to my cart anyway.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    mine = await shopper.say("What alerts do I have?")
    assert listed_alerts(mine) == ["Sunglasses"], mine.tool_results
    assert not writes_of(mine), mine.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Sunglasses"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_i_like_gold_no_beige_forget_gold_silver_now_profile_beige_too_candle_profile(
    shopper: Conversation, services: AgentServices
) -> None:
    gold = await shopper.say("I really like gold.")
    likes, _ = tastes_said(gold)
    assert "gold" in likes, gold.tool_calls

    beige = await shopper.say("And I can't stand beige.")
    _, dislikes = tastes_said(beige)
    assert "beige" in dislikes, beige.tool_calls

    silver = await shopper.say("Forget what I said about gold, I like silver now.")
    likes, dislikes = tastes_said(silver)
    assert "gold" in forgotten(silver), silver.tool_calls  # taken back, not disliked
    assert "silver" in likes and "gold" not in dislikes, silver.tool_calls
    assert await cart_of(services) == {}

    style = await shopper.say("What do you know about my style?")
    assert_profile(style, likes=("silver",), dislikes=("beige",))

    mind = await shopper.say("Actually, I don't mind beige after all - forget that too.")
    likes, dislikes = tastes_said(mind)
    assert "beige" in forgotten(mind), mind.tool_calls
    assert "beige" not in likes, mind.tool_calls  # not minding it is no like

    await shopper.say("Add the candle holder.")
    cart = {CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    again = await shopper.say("What's in my style profile now?")
    assert_profile(again, likes=("silver",), dislikes=())

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $18.99


async def test_mug_and_jar_priced_add_it_asked_the_mug_no_the_other_one_make_that_two_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    prices = await shopper.say("How much are the mug and the bamboo glass jar?")
    assert "$8.99" in prices.text and "$5.49" in prices.text, prices.text
    assert not writes_of(prices), prices.tool_calls

    which = await shopper.say("Add it.")
    assert_asked(which)  # the mug or the jar?
    assert await cart_of(services) == {}

    await shopper.say("The mug.")
    assert await cart_of(services) == {MUG: 1}

    other = await shopper.say("No, the other one.")
    assert await cart_of(services) == {JAR: 1}  # the mug swapped for the jar
    assert "jar" in other.text.lower(), other.text

    await shopper.say("Make that two.")
    cart = {JAR: 2}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $10.98

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $10.98


async def test_shakers_i_meant_the_candle_holder_two_jars_just_one_alert_undo_that_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the salt and pepper shakers.")
    assert await cart_of(services) == {SHAKERS: 1}

    meant = await shopper.say("Sorry, I meant the candle holder, not the shakers.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1}
    assert "candle holder" in meant.text.lower(), meant.text

    await shopper.say("Add two bamboo jars as well.")
    assert await cart_of(services) == {CANDLE_HOLDER: 1, JAR: 2}

    await shopper.say("Just one jar, not two.")
    cart = {CANDLE_HOLDER: 1, JAR: 1}
    assert await cart_of(services) == cart

    alert = await shopper.say("Alert me when the candle holder drops under 15 dollars.")
    assert_alert(alert, "Candle Holder", "USD", 15)
    assert await alerts_of(services) == {("Candle Holder", "USD", 15)}
    assert await cart_of(services) == cart

    undo = await shopper.say("Undo that.")
    assert await alerts_of(services) == set()  # the alert just made, gone
    assert await cart_of(services) == cart  # the cart untouched
    assert "delete_price_alert" in tools_of(undo), undo.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == [], final.tool_results
    await assert_final_cart(final, services, cart)  # $24.48


async def test_four_things_take_them_all_out_except_jar_never_mind_put_back_shakers_out_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say(
        "Put a mug, a bamboo glass jar, the salt and pepper shakers and a candle holder in my cart."
    )
    everything = {MUG: 1, JAR: 1, SHAKERS: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == everything

    await shopper.say("Oh, take them all out except the jar.")
    assert await cart_of(services) == {JAR: 1}

    back = await shopper.say("Actually, never mind - put them all back.")
    assert await cart_of(services) == everything
    assert usd_total(everything) in back.text or "mug" in back.text.lower(), back.text

    await shopper.say("OK, now remove just the shakers.")
    cart = {MUG: 1, JAR: 1, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $33.47

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $33.47


async def test_undo_with_nothing_done_watches_undo_after_search_add_watch_undo_never_mind(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Undo that.")
    assert nothing_to_undo(first), (first.text, first.tool_calls)
    assert await cart_of(services) == {}
    assert await alerts_of(services) == set()

    watches = await shopper.say("What watches do you have?")
    assert "Watch" in watches.text and "$109.99" in watches.text, watches.text
    assert not writes_of(watches), watches.tool_calls

    again = await shopper.say("Undo that.")
    assert nothing_to_undo(again), (again.text, again.tool_calls)  # a search changed nothing
    assert await cart_of(services) == {}

    await shopper.say("Add the watch.")
    assert await cart_of(services) == {WATCH: 1}

    undo = await shopper.say("Undo that.")
    assert await cart_of(services) == {}
    assert "watch" in undo.text.lower(), undo.text

    await shopper.say("Actually, never mind - I do want it.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $109.99


async def test_mug_and_jar_make_that_three_asked_jars_sunglasses_euros_alert_never_mind_alert(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug and a bamboo glass jar.")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    which = await shopper.say("No wait, make that three.")
    assert_asked(which)  # three mugs or three jars?
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    await shopper.say("The jars.")
    cart = {MUG: 1, JAR: 3}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much are the sunglasses in euros?")
    eur_sunglasses = (await in_currency(services, PRICE[SUNGLASSES], "EUR")).format()
    assert eur_sunglasses in euros.text, (eur_sunglasses, euros.text)
    assert in_passing(euros), euros.tool_calls
    assert not writes_of(euros), euros.tool_calls

    alert = await shopper.say("Alert me if they drop below 15 euros.")
    assert_alert(alert, "Sunglasses", "EUR", 15)
    assert await alerts_of(services) == {("Sunglasses", "EUR", 15)}
    assert await cart_of(services) == cart

    never = await shopper.say("Actually, never mind the alert.")
    assert await alerts_of(services) == set()
    assert await cart_of(services) == cart
    assert "delete_price_alert" in tools_of(never), never.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == [], final.tool_results
    await assert_final_cart(final, services, cart)  # $25.46


async def test_mug_shakers_two_jars_remove_two_put_it_back_asked_shakers_pounds_back_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add the mug, the salt and pepper shakers and two bamboo jars.")
    assert await cart_of(services) == {MUG: 1, SHAKERS: 1, JAR: 2}

    await shopper.say("Remove the mug and the shakers.")
    assert await cart_of(services) == {JAR: 2}

    which = await shopper.say("Oh no, put it back.")
    assert_asked(which)  # the mug or the shakers?
    assert await cart_of(services) == {JAR: 2}

    await shopper.say("The shakers.")
    cart = {JAR: 2, SHAKERS: 1}
    assert await cart_of(services) == cart

    pounds = await shopper.say("Switch me to pounds from now on.")
    assert switched_for_good(pounds, "GBP"), pounds.tool_calls
    assert not writes_of(pounds), pounds.tool_calls

    total = await shopper.say("What's my total?")
    await assert_says_price(total, services, cart, "GBP", passing=False)  # $29.47, in pounds

    final = await shopper.say("Switch back to dollars and show me my cart.")
    assert switched_to(final, "USD"), final.tool_results
    await assert_final_cart(final, services, cart)  # $29.47


async def test_kitchen_under_10_mug_jar_scratch_that_last_one_sunglasses_never_mind_cad(
    shopper: Conversation, services: AgentServices
) -> None:
    kitchen = await shopper.say("Show me something for the kitchen under 10 dollars.")
    assert set(shown_names(kitchen)) == {"Bamboo Glass Jar", "Mug"}, shown_names(kitchen)
    assert not writes_of(kitchen), kitchen.tool_calls

    await shopper.say("Add the mug.")
    assert await cart_of(services) == {MUG: 1}

    await shopper.say("And the jar.")
    assert await cart_of(services) == {MUG: 1, JAR: 1}

    scratch = await shopper.say("Scratch that last one.")
    assert await cart_of(services) == {MUG: 1}  # the jar, added last, out
    assert "jar" in scratch.text.lower(), scratch.text

    await shopper.say("Now the sunglasses, please.")
    assert await cart_of(services) == {MUG: 1, SUNGLASSES: 1}

    await shopper.say("Actually, never mind, I don't need sunglasses.")
    cart = {MUG: 1}
    assert await cart_of(services) == cart

    cad = await shopper.say("What's my total in Canadian dollars?")
    await assert_says_price(cad, services, cart, "CAD")  # $8.99

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $8.99
