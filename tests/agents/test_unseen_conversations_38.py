"""A thirty-eighth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, what a price alert is, and the catalog facts): they check what a careful human shop
assistant would do (which tools ran and that nothing was written on a question, an unclear
request or a nonsense target, which alerts exist afterwards with which exact targets, what the
cart holds) and the essential facts of its answers, not their wording. Their theme is a shopper
managing many price alerts over a conversation, six to eight turns each: alerts in dollars,
euros, pounds and yen (the yen ones in yen from now on, so the display currency); absolute
targets ("below 80 dollars", "under £70", "below 9000" in yen) and relative ones ("when it's 20%
cheaper", "15% cheaper" in yen, "20% cheaper, in pounds too": the tool's `drop_percent`, today's
price in the alert's currency less the percentage, to the cent below; "if the loafers drop by 10
dollars": $89.99 - $10 = $79.99 exactly, "move the cheaper one down by 5": five of that alert's
currency off its target); several alerts in one message ("alert me for the watch at 90 and the
loafers at 75", three at once in three currencies, "the candle holder or the tank top ... 15
dollars"); listing them ("what alerts do I have?": the targets stated) and "which one is closest
to its target?" (chosen so that the answer is the same in dollars, in percent, or comparing the
raw gaps across currencies); changing one by description ("make the euro one 70", "the watch
one to 95 instead", "change the one in euros to 16", "move the cheaper one down by 5", "make it
60" right after a single alert); cancelling by description ("cancel the one in pounds", "cancel
the one in dollars", "delete the first one" of the list just shown, "drop all of them except the
watch", "cancel all my alerts"); alerts whose target today's price already meets (the mug under
10 dollars at $8.99, the candle holder at 15 pounds at £14.44, the loafers under £70 at £68.43:
the answer says plainly that it is already there, with today's price); products the shop does
not sell (a leather handbag, a leather jacket next to a real watch alert in the same message);
and nonsense targets (zero dollars, negative 5 dollars, a million yen for a ¥12,298 watch, zero
pounds, zero euros) rejected plainly with nothing written; plus adding alerted products to the
cart. Two requests are genuinely ambiguous and must be asked about, nothing written: "Hmm, make
it 60." right after the watch and loafers alerts were made in one message, and "Cancel that
alert." with three alerts and none of them just talked about (two mugs were added in between).
Every conversation ends with a check of the alerts (product name, currency, whole units; exact
targets also checked where the percentage or the arithmetic gives cents) and of the cart in
Online Boutique. Conversions are computed in the test by the shop's currency service (the
embedded one, over its EUR-based rate table). Any the assistant gets wrong are left failing,
never weakened to pass nor marked xfail.

First run: 1 of 12 passed (the yen one: yen from now on, the loafers below ¥9,000, the watch 15 %
cheaper at ¥10,453, the loafers one cancelled, the cart, back to dollars). No expectation was
found to be the test's own mistake; the eleven failures are the assistant's (each conversation
stops at its first wrong turn, so later turns were not reached; the tool calls were read from a
traced second run, which failed at the same turns):
- "Hmm, make it 60." right after "Alert me for the watch at 90 and the loafers at 75." (both
  rightly made) called create_price_alert(product="L9ECAV7KIM", target_price="60",
  replace=True) ("I'll let you know when Loafers is at or below $60.00 (it's $89.99 now).")
  instead of asking which of the two alerts, nothing written;
- "Which one is closest to its target?" (after the watch at $105, the loafers at €60 and the
  sunglasses at £10, all rightly made) went to the product finder and called
  get_product_details(product="OLJCESPC7Z") and get_product_details(product="closest") (failed)
  ("Sunglasses costs $19.99. Aviator-style sunglasses ... I couldn't find a product matching
  'closest' in the catalog.") instead of answering the watch ($4.99 above its $105);
- "And tell me if the loafers drop by 10 dollars." (after the watch 20 % cheaper, $87.99,
  rightly made) called create_price_alert(product="loafers", target_price="10",
  price_currency="USD") ("I'll let you know when Loafers is at or below $10.00 (it's $89.99
  now).") instead of an alert at $79.99 ($89.99 less $10);
- "Okay, no alert for that one then - add a candle holder to my cart instead." (after the mug
  under $10 rightly said to be already met at $8.99 and then dropped for two mugs, the leather
  handbag rightly not found, the hairdryer at $20, and the candle holder at £15 rightly said to
  be already met at £14.44) called list_price_alerts() and add_to_cart(product="candle
  holder") ("You have 2 price alerts: Candle Holder at or below $19.72 (£15.00) and Hairdryer
  at or below $20.00. Added 1 × Candle Holder ...") instead of also cancelling the candle
  holder alert, which stays;
- "Then negative 5 dollars." (after the watch at 0 dollars rightly rejected: "The target price
  must be more than zero.") called create_price_alert(product="negative", target_price="5",
  price_currency="USD") (failed) ("I couldn't find a product matching 'negative' in the
  catalog.") instead of plainly rejecting a negative target (nothing written, rightly);
- "Cancel that alert." with three alerts (the watch at $100, the loafers at €70, the hairdryer
  at £15, made in one message) and two mugs just added called delete_price_alert(alert=<the
  watch alert's id>) ("Cancelled your alert for Watch.") instead of asking which, nothing
  written;
- "Drop all of them except the watch." (after the watch at $95, the sunglasses at £12 and the
  tank top at ¥1,500 rightly made in one message and listed) called
  delete_price_alert(alert="all") ("Cancelled your alerts for Tank Top, Sunglasses and
  Watch.") instead of cancelling the sunglasses and tank top alerts and keeping the watch's;
- "Move the cheaper one down by 5." (after the loafers at $80, the hairdryer at €20 and "Change
  the one in euros to 16." rightly done) called search_products(query="move",
  sort="price_asc", limit=1) ("I couldn't find anything matching that. ...") instead of moving
  the hairdryer alert from €16 to €11;
- "The watch one to 95 instead." (after the watch at $90 made and the leather jacket rightly
  not found, the loafers at $75, "Make it 60." rightly the loafers' alert, and the watch added
  to the cart) called set_cart_quantity(product="watch", quantity=95) ("Updated Watch to 95.
  Your cart has 95 items: 95 × Watch. Total: $10,449.05.") instead of changing the watch alert
  to $95 and leaving one watch in the cart;
- "Cancel the one in dollars." (after the loafers under £70 rightly said to be already met at
  £68.43 and then moved to £60, the watch 20 % cheaper in pounds at £66.91 and the sunglasses
  at $10) called delete_price_alert(alert=<the loafers alert's id>) ("Cancelled your alert for
  Loafers.") instead of cancelling the sunglasses alert, the only one in dollars;
- "Put both in my cart as well." right after the candle holder and tank top alerts at $15
  (rightly made) called no tool (handed to the cart manager: "Which product do you mean? You
  can name it, for example "the watch".") instead of adding the candle holder and the tank top.

The conversations still failing are marked xfail(strict) with the turn they fail at (the
first run's failures above; 1 of 12 passed), so a fix shows as an unexpected pass.

Worked on since (the same session): "make it 60" right after two alerts were made in one message
asks which alert ("the loafers" then changes that one: the earlier message is re-read as it was
meant then), "cancel that alert" with several and none just made, listed or in focus asks
which, "cancel the one in dollars" cancels the alert set in dollars (asks when several are),
"drop all of them except the watch" cancels the others, "the watch one to 95 instead" changes
the watch's alert whatever came before, "which one is closest to its target?" lists the alerts
with how far each is, "then negative 5 dollars" after a refused target is a target (refused
plainly), and "put both in my cart" after alerts on two products adds both. Then "make the
euro one 70" / "cancel the pound one" name an alert by its currency, "the one in euros"
answering "which alert?" cancels that one, "how far is the watch from its target now?" says
it, and "tell me if the loafers drop by 10 dollars" is an alert 10 dollars below today's price
(`create_price_alert(drop_amount=...)`). 6 of 12 pass; the xfail reasons name the turns the
others now fail at ("move the cheaper one down by 5", "no alert for that one then", "what
about a million yen then?", "which ones are left?" after a cancellation, "make the tank top one
14 instead and delete the candle holder one").

Worked on since (a later session): "a million" is a number (the planner's numbers go to the
millions), "what about <an amount> then?" right after an alert was asked for is that alert at
another target, and a target more than twice today's price is refused plainly with today's
price ("already far below ¥1,000,000"), nothing made; "which ones are left?" lists what was
last worked on (the alerts after one was cancelled, even when the cancelled one was named by
its currency), and "delete the first one" right after the alerts were listed cancels the first
listed. Then "move the cheaper one down by 5" moves that alert's target (the cheaper product
of those alerted; `create_price_alert(target_change=...)`, in the alert's currency), "no alert
for that one then" cancels it, "make the tank top one 14 instead and delete the candle holder
one" changes the tank top's alert and cancels the candle holder's (its cart line stays: "the
tank top one" is no "top one", the first shown), and "zero euros for the shakers, actually"
after that is the shakers' alert, refused. 12 of 12 pass.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from cartmate.agent_runtime.services import AgentServices
from cartmate.money import Money
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    LOAFERS,
    MUG,
    PRICE,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    alerts_of,
    assert_alert,
    assert_asked,
    assert_final_cart,
    cart_of,
    in_currency,
    listed_alerts,
    said_no,
    switched_for_good,
    switched_to,
    understood,
    writes_of,
    wrote_nothing,
)

#: Words by which an answer declines or rejects a request.
_NO = (
    "can't", "cannot", "can not", "unable", "not able", "won't", "not possible", "i'm afraid",
    "must be", "has to be", "needs to be", "more than zero", "above zero", "greater than zero",
    "more than 0", "above 0", "positive", "not a valid", "isn't a valid", "invalid",
    "makes no sense", "doesn't make sense", "not a real", "isn't a real",
)  # fmt: skip
REFUSAL = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})
#: Words by which an answer says the shop has no such product.
_MISSING = (
    "couldn't find", "could not find", "can't find", "cannot find", "don't have", "do not have",
    "don't sell", "do not sell", "don't carry", "do not carry", "no product", "not in the catalog",
    "isn't in the catalog", "not in our catalog", "no such", "not found", "doesn't have",
    "does not have", "not something we", "isn't something we", "no leather",
)  # fmt: skip
NOT_FOUND = tuple({w for base in _MISSING for w in (base, base.replace("'", "\u2019"))})


def created(turn: Turn) -> set[tuple[str, str, int]]:
    """The alerts create_price_alert made (or returned) this turn: (name, currency, units)."""
    return {
        (
            r["alert"]["product_name"],
            r["alert"]["target"]["currency_code"],
            r["alert"]["target"]["units"],
        )
        for name, r in turn.tool_results
        if name == "create_price_alert" and r.get("status") == "ok"
    }


async def targets_of(services: AgentServices) -> set[tuple[str, str, Decimal]]:
    """The shopper's active alerts with their exact targets: (name, currency, amount)."""
    return {
        (a.product_name, a.target.currency_code, a.target.to_decimal())
        for a in await services.alerts.list("shopper")
    }


async def cheaper_by(services: AgentServices, product: str, code: str, percent: int) -> Decimal:
    """Today's price of `product` in `code` less `percent` %, to the cent below."""
    today = (await in_currency(services, PRICE[product], code)).to_decimal()
    return (today * (100 - percent) / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def money(amount: str | int | Decimal, code: str) -> Money:
    return Money.from_decimal(Decimal(amount), code)


def says(text: str, amount: Money) -> bool:
    """The amount is in the text as the shop formats it ("£12.00"), or without ".00"."""
    shown = amount.format()
    return shown in text or (shown.endswith(".00") and shown.removesuffix(".00") in text)


def refused(turn: Turn) -> bool:
    """A real answer that plainly rejects the request."""
    return understood(turn) and said_no(turn, REFUSAL)


def says_already(turn: Turn) -> bool:
    """The answer says plainly that today's price already meets the target."""
    return "already" in turn.text.lower()


def first_named(text: str, names: list[str]) -> str:
    """Which of `names` the text mentions first (all must be mentioned)."""
    where = {name: text.find(name) for name in names}
    assert all(i >= 0 for i in where.values()), (names, text)
    return min(where, key=lambda name: where[name])


def names_closest(turn: Turn, product: str, gap: str, others: tuple[str, ...]) -> bool:
    """The answer names `product` as the closest: it names it, and when it names the others
    too it says how far `product` is from its target (`gap`)."""
    text = turn.text
    return product in text and (gap in text or not any(o in text for o in others))


async def test_watch_at_90_and_loafers_at_75_make_it_60_asked_loafers_list_add_watch_to_95(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("Alert me for the watch at 90 and the loafers at 75.")
    assert created(both) == {("Watch", "USD", 90), ("Loafers", "USD", 75)}, both.tool_results
    assert await alerts_of(services) == {("Watch", "USD", 90), ("Loafers", "USD", 75)}
    assert says(both.text, money(90, "USD")) and says(both.text, money(75, "USD")), both.text
    assert await cart_of(services) == {}

    which = await shopper.say("Hmm, make it 60.")
    assert_asked(which)  # the watch one or the loafers one?
    assert await alerts_of(services) == {("Watch", "USD", 90), ("Loafers", "USD", 75)}

    await shopper.say("The loafers.")
    alerts = {("Watch", "USD", 90), ("Loafers", "USD", 60)}
    assert await alerts_of(services) == alerts

    listing = await shopper.say("What alerts do I have?")
    assert listed_alerts(listing) == ["Loafers", "Watch"], listing.tool_results
    assert says(listing.text, money(90, "USD")), listing.text
    assert says(listing.text, money(60, "USD")), listing.text
    assert not writes_of(listing), listing.tool_calls

    await shopper.say("Add the loafers to my cart.")
    cart = {LOAFERS: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    await shopper.say("And the watch one to 95 instead.")
    alerts = {("Watch", "USD", 95), ("Loafers", "USD", 60)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $89.99


async def test_watch_105_dollars_loafers_60_euros_sunglasses_10_pounds_closest_cancel_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("Tell me when the watch drops below 105 dollars.")
    assert_alert(watch, "Watch", "USD", 105)

    loafers = await shopper.say("And the loafers under 60 euros.")
    assert_alert(loafers, "Loafers", "EUR", 60)

    sunglasses = await shopper.say("Also the sunglasses if they go under £10.")
    assert_alert(sunglasses, "Sunglasses", "GBP", 10)
    alerts = {("Watch", "USD", 105), ("Loafers", "EUR", 60), ("Sunglasses", "GBP", 10)}
    assert await alerts_of(services) == alerts

    closest = await shopper.say("Which one is closest to its target?")
    # The watch: $4.99 off (4.5 %), the sunglasses £5.20 (34 %), the loafers €19.60 (25 %).
    assert names_closest(closest, "Watch", "$4.99", ("Loafers", "Sunglasses")), closest.text
    assert not writes_of(closest), closest.tool_calls
    assert await alerts_of(services) == alerts

    await shopper.say("Cancel the one in pounds.")
    assert await alerts_of(services) == {("Watch", "USD", 105), ("Loafers", "EUR", 60)}

    await shopper.say("Make the euro one 70.")
    alerts = {("Watch", "USD", 105), ("Loafers", "EUR", 70)}
    assert await alerts_of(services) == alerts

    await shopper.say("Add the sunglasses to my cart anyway.")
    cart = {SUNGLASSES: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $19.99


async def test_watch_20_percent_cheaper_loafers_drop_by_10_dollars_cheaper_down_5_add_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    watch = await shopper.say("Let me know when the watch is 20% cheaper.")
    watch_target = await cheaper_by(services, WATCH, "USD", 20)  # $87.99
    assert_alert(watch, "Watch", "USD", int(watch_target))
    assert await targets_of(services) == {("Watch", "USD", watch_target)}

    loafers = await shopper.say("And tell me if the loafers drop by 10 dollars.")
    assert_alert(loafers, "Loafers", "USD", 79)
    exact = {("Watch", "USD", watch_target), ("Loafers", "USD", Decimal("79.99"))}
    assert await targets_of(services) == exact  # $89.99 - $10, exactly

    listing = await shopper.say("What alerts do I have now?")
    assert listed_alerts(listing) == ["Loafers", "Watch"], listing.tool_results
    assert says(listing.text, money(watch_target, "USD")), listing.text
    assert "$79.99" in listing.text, listing.text
    assert not writes_of(listing), listing.tool_calls

    await shopper.say("Move the cheaper one down by 5.")  # the loafers: cheaper, lower target
    exact = {("Watch", "USD", watch_target), ("Loafers", "USD", Decimal("74.99"))}
    assert await targets_of(services) == exact

    await shopper.say("Add the watch to my cart.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart
    assert await targets_of(services) == exact

    await shopper.say("I'm buying it now, so drop the watch alert.")
    alerts = {("Loafers", "USD", 74)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.99


async def test_mug_under_10_already_met_two_mugs_handbag_not_sold_hairdryer_candle_15_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    mug = await shopper.say("Alert me when the mug is under 10 dollars.")
    assert says_already(mug), mug.text  # it is $8.99 today
    assert "$8.99" in mug.text, mug.text
    assert await alerts_of(services) <= {("Mug", "USD", 10)}
    assert await cart_of(services) == {}

    await shopper.say("Oh nice, then just put two mugs in my cart and forget about that alert.")
    assert await cart_of(services) == {MUG: 2}
    assert await alerts_of(services) == set()

    handbag = await shopper.say("Tell me if the leather handbag drops under 50 dollars.")
    assert said_no(handbag, NOT_FOUND), handbag.text
    assert wrote_nothing(handbag), handbag.tool_results
    assert await alerts_of(services) == set()

    hairdryer = await shopper.say("What about the hairdryer, below 20 dollars?")
    assert_alert(hairdryer, "Hairdryer", "USD", 20)
    assert await alerts_of(services) == {("Hairdryer", "USD", 20)}

    candle = await shopper.say("And the candle holder at 15 pounds.")
    gbp_candle = await in_currency(services, PRICE[CANDLE_HOLDER], "GBP")  # £14.44
    assert says_already(candle), candle.text
    assert gbp_candle.format() in candle.text, candle.text
    after = await alerts_of(services)
    assert ("Hairdryer", "USD", 20) in after, after
    assert after <= {("Hairdryer", "USD", 20), ("Candle Holder", "GBP", 15)}, after

    await shopper.say("Okay, no alert for that one then - add a candle holder to my cart instead.")
    cart = {MUG: 2, CANDLE_HOLDER: 1}
    alerts = {("Hairdryer", "USD", 20)}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $36.97


async def test_watch_at_zero_dollars_negative_5_million_yen_rejected_90_euros_hairdryer_zero(
    shopper: Conversation, services: AgentServices
) -> None:
    zero = await shopper.say("Alert me if the watch drops to 0 dollars.")
    assert refused(zero), zero.text
    assert wrote_nothing(zero), zero.tool_results
    assert await alerts_of(services) == set()

    negative = await shopper.say("Then negative 5 dollars.")
    assert refused(negative), negative.text
    assert wrote_nothing(negative), negative.tool_results
    assert await alerts_of(services) == set()

    million = await shopper.say("What about a million yen, then?")
    # The watch is ¥12,298 today: an alert at ¥1,000,000 is no alert at all.
    assert understood(million) and (says_already(million) or refused(million)), million.text
    assert wrote_nothing(million), million.tool_results
    assert await alerts_of(services) == set()

    euros = await shopper.say("Okay, seriously: alert me when the watch is under 90 euros.")
    assert_alert(euros, "Watch", "EUR", 90)
    alerts = {("Watch", "EUR", 90)}
    assert await alerts_of(services) == alerts

    pounds = await shopper.say("And the hairdryer at zero pounds.")
    assert refused(pounds), pounds.text
    assert wrote_nothing(pounds), pounds.tool_results
    assert await alerts_of(services) == alerts

    await shopper.say("Put the hairdryer in my cart then.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99


async def test_three_alerts_at_once_two_mugs_cancel_that_alert_asked_euros_left_delete_first(
    shopper: Conversation, services: AgentServices
) -> None:
    three = await shopper.say(
        "Set three alerts: the watch under 100 dollars, the loafers under 70 euros and the "
        "hairdryer under 15 pounds."
    )
    alerts = {("Watch", "USD", 100), ("Loafers", "EUR", 70), ("Hairdryer", "GBP", 15)}
    assert created(three) == alerts, three.tool_results
    assert await alerts_of(services) == alerts

    await shopper.say("Now add two mugs to my cart.")
    assert await cart_of(services) == {MUG: 2}
    assert await alerts_of(services) == alerts

    which = await shopper.say("Cancel that alert.")
    assert_asked(which)  # three alerts, none just talked about: which?
    assert await alerts_of(services) == alerts

    await shopper.say("The one in euros.")
    alerts = {("Watch", "USD", 100), ("Hairdryer", "GBP", 15)}
    assert await alerts_of(services) == alerts

    left = await shopper.say("Which ones are left?")
    assert listed_alerts(left) == ["Hairdryer", "Watch"], left.tool_results
    assert not writes_of(left), left.tool_calls
    first = first_named(left.text, ["Hairdryer", "Watch"])  # as the shopper read the list

    await shopper.say("Delete the first one.")
    alerts = {a for a in alerts if a[0] != first}
    assert await alerts_of(services) == alerts

    await shopper.say("Add a hairdryer too.")
    cart = {MUG: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == sorted(a[0] for a in alerts), final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $42.97


async def test_watch_95_dollars_sunglasses_12_pounds_tank_top_1500_yen_all_but_watch_dropped(
    shopper: Conversation, services: AgentServices
) -> None:
    three = await shopper.say(
        "Alert me when the watch hits 95 dollars, the sunglasses 12 pounds and the tank top "
        "1500 yen."
    )
    alerts = {("Watch", "USD", 95), ("Sunglasses", "GBP", 12), ("Tank Top", "JPY", 1500)}
    assert created(three) == alerts, three.tool_results
    assert await alerts_of(services) == alerts

    listing = await shopper.say("What alerts do I have?")
    assert listed_alerts(listing) == ["Sunglasses", "Tank Top", "Watch"], listing.tool_results
    assert says(listing.text, money(95, "USD")), listing.text
    assert says(listing.text, money(12, "GBP")), listing.text
    assert says(listing.text, money(1500, "JPY")), listing.text
    assert not writes_of(listing), listing.tool_calls

    await shopper.say("Drop all of them except the watch.")
    alerts = {("Watch", "USD", 95)}
    assert await alerts_of(services) == alerts

    await shopper.say("Add the watch to my cart.")
    assert await cart_of(services) == {WATCH: 1}

    await shopper.say("And the tank top, two of them.")
    cart = {WATCH: 1, TANK_TOP: 2}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    far = await shopper.say("How far is the watch from its target now?")
    assert "$14.99" in far.text, far.text  # $109.99 against $95
    assert not writes_of(far), far.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $147.97


async def test_loafers_80_dollars_hairdryer_20_euros_euro_one_16_cheaper_down_5_closest_add(
    shopper: Conversation, services: AgentServices
) -> None:
    loafers = await shopper.say("Alert me when the loafers drop below 80 dollars.")
    assert_alert(loafers, "Loafers", "USD", 80)

    hairdryer = await shopper.say("And the hairdryer below 20 euros.")
    assert_alert(hairdryer, "Hairdryer", "EUR", 20)
    assert await alerts_of(services) == {("Loafers", "USD", 80), ("Hairdryer", "EUR", 20)}

    await shopper.say("Change the one in euros to 16.")
    assert await alerts_of(services) == {("Loafers", "USD", 80), ("Hairdryer", "EUR", 16)}

    await shopper.say("Move the cheaper one down by 5.")  # the hairdryer: €16 -> €11
    alerts = {("Loafers", "USD", 80), ("Hairdryer", "EUR", 11)}
    assert await alerts_of(services) == alerts

    closest = await shopper.say("Which one is closest to its target now?")
    # The loafers: $9.99 off (11 %); the hairdryer €11.11 off (50 %, about $12.56).
    assert names_closest(closest, "Loafers", "$9.99", ("Hairdryer",)), closest.text
    assert not writes_of(closest), closest.tool_calls
    assert await alerts_of(services) == alerts

    await shopper.say("Add the hairdryer to my cart.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Hairdryer", "Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99


async def test_yen_from_now_on_loafers_below_9000_watch_15_percent_cheaper_cancel_loafers_add(
    shopper: Conversation, services: AgentServices
) -> None:
    yen = await shopper.say("Switch to yen from now on, please.")
    assert switched_for_good(yen, "JPY"), yen.tool_calls
    assert not writes_of(yen), yen.tool_calls

    loafers = await shopper.say("Alert me when the loafers are below 9000.")
    assert_alert(loafers, "Loafers", "JPY", 9000)  # in yen, the shopper's currency now

    watch = await shopper.say("And the watch when it's 15% cheaper.")
    watch_target = await cheaper_by(services, WATCH, "JPY", 15)  # ¥12,297.86 less 15 %
    assert_alert(watch, "Watch", "JPY", int(watch_target))
    alerts = {("Loafers", "JPY", 9000), ("Watch", "JPY", int(watch_target))}
    assert await alerts_of(services) == alerts

    listing = await shopper.say("What alerts do I have?")
    assert listed_alerts(listing) == ["Loafers", "Watch"], listing.tool_results
    assert says(listing.text, money(9000, "JPY")), listing.text
    assert not writes_of(listing), listing.tool_calls

    await shopper.say("Cancel the loafers one.")
    alerts = {("Watch", "JPY", int(watch_target))}
    assert await alerts_of(services) == alerts

    await shopper.say("Add the loafers and a bamboo jar to my cart.")
    cart = {LOAFERS: 1, JAR: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Back to dollars - show me my cart and my alerts.")
    assert switched_to(final, "USD"), final.tool_results
    assert listed_alerts(final) == ["Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $95.48


async def test_watch_at_90_and_leather_jacket_not_sold_loafers_75_make_it_60_watch_one_to_95(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Alert me for the watch at 90 and the leather jacket at 50.")
    assert created(first) == {("Watch", "USD", 90)}, first.tool_results
    assert said_no(first, NOT_FOUND), first.text  # no jacket in the shop
    assert await alerts_of(services) == {("Watch", "USD", 90)}

    loafers = await shopper.say("Okay, and the loafers at 75 then.")
    assert_alert(loafers, "Loafers", "USD", 75)
    assert await alerts_of(services) == {("Watch", "USD", 90), ("Loafers", "USD", 75)}

    await shopper.say("Make it 60.")  # "it": the loafers alert, just made on its own
    assert await alerts_of(services) == {("Watch", "USD", 90), ("Loafers", "USD", 60)}

    await shopper.say("Add the watch to my cart.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart

    await shopper.say("The watch one to 95 instead.")
    alerts = {("Watch", "USD", 95), ("Loafers", "USD", 60)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    listing = await shopper.say("What alerts do I have?")
    assert listed_alerts(listing) == ["Loafers", "Watch"], listing.tool_results
    assert says(listing.text, money(95, "USD")), listing.text
    assert says(listing.text, money(60, "USD")), listing.text
    assert not writes_of(listing), listing.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.99


async def test_loafers_under_70_pounds_already_met_60_watch_20_percent_in_pounds_cancel_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    met = await shopper.say("Tell me when the loafers go under £70.")
    gbp_loafers = await in_currency(services, PRICE[LOAFERS], "GBP")  # £68.43
    assert says_already(met), met.text
    assert gbp_loafers.format() in met.text, met.text
    assert await alerts_of(services) <= {("Loafers", "GBP", 70)}

    await shopper.say("Oh, then make it £60.")
    assert await alerts_of(services) == {("Loafers", "GBP", 60)}

    watch = await shopper.say("And the watch when it's 20% cheaper, in pounds too.")
    watch_target = await cheaper_by(services, WATCH, "GBP", 20)  # £83.64 less 20 %
    assert_alert(watch, "Watch", "GBP", int(watch_target))
    exact = {("Loafers", "GBP", Decimal(60)), ("Watch", "GBP", watch_target)}
    assert await targets_of(services) == exact

    sunglasses = await shopper.say("Plus the sunglasses under 10 dollars.")
    assert_alert(sunglasses, "Sunglasses", "USD", 10)

    await shopper.say("Cancel the one in dollars.")
    alerts = {("Loafers", "GBP", 60), ("Watch", "GBP", int(watch_target))}
    assert await alerts_of(services) == alerts

    await shopper.say("Add the sunglasses and the loafers to my cart.")
    cart = {SUNGLASSES: 1, LOAFERS: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    left = await shopper.say("What alerts do I have left?")
    assert listed_alerts(left) == ["Loafers", "Watch"], left.tool_results
    assert says(left.text, money(60, "GBP")), left.text
    assert not writes_of(left), left.tool_calls

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers", "Watch"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.98


async def test_candle_holder_or_tank_top_at_15_both_added_shakers_12_euros_zero_cancel_all(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("Alert me when the candle holder or the tank top drops to 15 dollars.")
    alerts = {("Candle Holder", "USD", 15), ("Tank Top", "USD", 15)}
    assert created(both) == alerts, both.tool_results
    assert await alerts_of(services) == alerts

    await shopper.say("Put both in my cart as well.")
    cart = {CANDLE_HOLDER: 1, TANK_TOP: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    shakers = await shopper.say("Also alert me if the salt and pepper shakers fall below 12 euros.")
    assert_alert(shakers, "Salt & Pepper Shakers", "EUR", 12)
    alerts = alerts | {("Salt & Pepper Shakers", "EUR", 12)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    await shopper.say("Make the tank top one 14 instead and delete the candle holder one.")
    alerts = {("Tank Top", "USD", 14), ("Salt & Pepper Shakers", "EUR", 12)}
    assert await alerts_of(services) == alerts

    zero = await shopper.say("Zero euros for the shakers, actually.")
    assert refused(zero), zero.text
    assert wrote_nothing(zero), zero.tool_results
    assert await alerts_of(services) == alerts

    await shopper.say("Cancel all my alerts.")
    assert await alerts_of(services) == set()
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == [], final.tool_results
    await assert_final_cart(final, services, cart)  # $37.98
