"""A sixty-second set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities are in the cart after every change, who a present was marked for) and the essential
facts of its answers (names, exact prices, totals), not their wording. Their theme is one
household shopper buying for several people in one long session, eight turns each, who says
who each thing is for and later refers to products by that person: "a watch for my dad and two
mugs for my flatmates", "what did I pick for my dad again?", "take my sister's stuff out, she
already has it" (every line of hers), "make my dad's present the sunglasses instead" (an
exchange: the watch out, the sunglasses in), "make my mum's present the hairdryer instead" when
mum and dad both got loafers (one pair out, not both), "how much am I spending on the kids?",
"add another one for my brother too" (another of what the brother got), "the same for my mum
as for my dad", "take my cousin's out" when the cousin's sunglasses share a line with dad's
(one fewer). Also plain exchanges without people: "swap the loafers for the tank top", "trade
the jar for a mug", "replace the hairdryer with the watch", "instead of two mugs I'll have two
jars", "trade one of the tank tops for a mug". The shop has no order history and no returns:
"can I return the watch I bought last month?" (and its kin: the hairdryer that broke, the
loafers of the wrong size, the sunglasses ordered weeks ago, a returns policy for tank tops
that may not fit) must be declined plainly, with nothing written (the loafers in the cart stay
there) and no return window or refund invented. Three requests are genuinely ambiguous and
must be asked about, nothing written: "Hmm, take out the present." with dad's watch and the
sister's shakers both in the cart (and the shopper's own tank top), "Swap it for the candle
holder." right after mum's hairdryer and the sister's tank top were added together, and "Add
one more of those for my cousin." right after dad's sunglasses and mum's mug were added
together. Every conversation ends with a check of the cart (product id -> quantity) in Online
Boutique and its total; every expected amount is computed from the catalog prices with
Decimal.

First run: 0 of 12 passed. No expectation was found to be the test's own mistake; the twelve
failures are the assistant's (each conversation stops at its first wrong turn, so later turns,
the three ambiguous requests and the return questions among them, were not reached; the tool
calls were read from a traced replay of the same module, which failed at the same turns).
Eleven fail at their first message; in eight of those the message names two or three people
and the assistant marked every product for the first person named (and said so in its answer):
- "Hi! I'm doing the family shopping today. A watch for my dad and two mugs for my flatmates,
  please." called search_products(query="doing family"), add_to_cart(product="watch",
  quantity=1, for_whom="dad") and add_to_cart(product="mugs", quantity=2, for_whom="dad") ("I
  couldn't find anything matching that. ...Added 1 × Watch to your cart (for dad). Added 2 ×
  Mug to your cart (for dad). ...") instead of the two mugs for the flatmates, and no search;
- "I need a watch for my dad and the salt and pepper shakers for my sister." called
  add_to_cart(product="watch", for_whom="dad") and add_to_cart(product="salt and pepper
  shakers", for_whom="dad") ("Added 1 × Watch to your cart (for dad). Added 1 × Salt & Pepper
  Shakers to your cart (for dad). ...") instead of the shakers for the sister;
- "Two tank tops for the kids, one each, and the hairdryer for my wife." called only
  add_to_cart(product="tank tops", quantity=2, for_whom="kids") ("Added 2 × Tank Top to your
  cart (for kids). ... Total: $37.98.") instead of also adding the hairdryer for the wife;
- "Instead of two mugs I'll have two jars." (after the loafers and the jar added, the loafers
  swapped for the tank top, the jar traded for a mug and "Make that two mugs.", all rightly
  done) called set_cart_quantity(product="mugs", quantity=2) and set_cart_quantity(product=
  "jars", quantity=2) ("Updated Mug to 2. Updated Bamboo Glass Jar to 2. ... 1 × Tank Top, 2 ×
  Mug and 2 × Bamboo Glass Jar. Total: $47.95.") instead of taking the two mugs out and putting
  two jars in (1 × Tank Top, 2 × Bamboo Glass Jar);
- "Hello. My mum's birthday and my sister's graduation are both this month. The hairdryer for
  mum and the tank top for my sister, please." called add_to_cart(product="hairdryer",
  for_whom="mum") and add_to_cart(product="tank top", for_whom="mum") ("Added 1 × Hairdryer to
  your cart (for mum). Added 1 × Tank Top to your cart (for mum). ...") instead of the tank top
  for the sister;
- "I'm sorting out presents. Sunglasses for my dad and a mug for my mum." called
  search_products(query="sorting presents"), add_to_cart(product="sunglasses", for_whom="dad")
  and add_to_cart(product="mug", for_whom="dad") ("Sorry, I don't have anything for
  "sorting". The closest I have: Candle Holder ($18.99).Added 1 × Sunglasses to your cart (for
  dad). Added 1 × Mug to your cart (for dad). ...") instead of the mug for the mum, and no
  search;
- "A mug for my brother, the candle holder for my grandma, and the loafers for me." called
  add_to_cart for the mug, the candle holder and the loafers, each with for_whom="brother"
  ("Added 1 × Mug to your cart (for brother). Added 1 × Candle Holder to your cart (for
  brother). Added 1 × Loafers to your cart (for brother). ...") instead of the candle holder for
  the grandma and the loafers for the shopper (no for_whom);
- "Shopping for the whole family today! Let's start with the salt and pepper shakers and a
  bamboo jar for my sister - she just moved in." called only search_products(query="family")
  ("I couldn't find anything matching that. Try other words, or ask what's in a category.")
  instead of adding the shakers and the jar for the sister;
- "Loafers for my dad, please - he lives in them." called only search_products(query="loafers
  lives") ("I found one match: Loafers ($89.99).") instead of adding the loafers for the dad;
- "Add the sunglasses for my son and the tank top for my daughter." called add_to_cart(product=
  "sunglasses", for_whom="son") and add_to_cart(product="tank top", for_whom="son") ("Added 1 ×
  Sunglasses to your cart (for son). Added 1 × Tank Top to your cart (for son). ...") instead
  of the tank top for the daughter;
- "Grabbing a few gifts. The watch for my dad and the sunglasses for my brother." called
  add_to_cart(product="grabbing") and add_to_cart(product="gifts", quantity=3) (both failed),
  add_to_cart(product="watch", for_whom="dad") and add_to_cart(product="sunglasses",
  for_whom="dad") ("I couldn't find a product matching 'grabbing' in the catalog. I couldn't
  find a product matching 'gifts' in the catalog. Added 1 × Watch to your cart (for dad).
  Added 1 × Sunglasses to your cart (for dad). ...") instead of the sunglasses for the brother
  and no attempt on "grabbing" or "gifts";
- "Could you add a hairdryer for my sister and two tank tops for the twins?" called
  add_to_cart(product="hairdryer", for_whom="sister") and add_to_cart(product="tank tops",
  quantity=2, for_whom="sister") ("Added 1 × Hairdryer to your cart (for sister). Added 2 × Tank
  Top to your cart (for sister). ...") instead of the two tank tops for the twins.

Worked on since by general rules (a later session), 11 of 12 pass. Gifts are now kept per
person and unit (one cart line may hold a watch for dad and one for the cousin); a list says
one add per person; what the shopper is out doing ("I'm sorting out presents.") and remarks
after a request ("- she just moved in", ", summer's nearly over anyway") are no requests;
"Loafers for my dad, please" orders them; "make my dad's present the sunglasses instead",
"instead of two mugs I'll have two jars (for them)", "replace X with Y", "trade one of the
tank tops for a mug"; "the same for my mum as for my dad"; "add another one for my sister";
"take my sister's stuff out" (all of hers), "take my cousin's out" (only his units of a shared
line); "how much am I spending on the kids?" (a group), "the presents for dad and my cousin",
"and on my wife?", "what am I getting my grandma?"; "my sister's" or "Sorry - my sister's
present" answering which gift. Marked xfail (strict), still failing: "Add a mug for each of
the kids too." adds one mug with no one marked: how many kids there are is only implied by
"two tank tops for the kids, one each" earlier, which nothing keeps.
"""

from __future__ import annotations

import re

import pytest

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    CANDLE_HOLDER,
    HAIRDRYER,
    JAR,
    LOAFERS,
    MUG,
    SHAKERS,
    SUNGLASSES,
    TANK_TOP,
    WATCH,
    assert_asked,
    assert_final_cart,
    cart_of,
    said_no,
    understood,
    usd_total,
    writes_of,
    wrote_nothing,
)

#: Words by which an answer declines, or says it cannot know or do something.
_NO = (
    "can't", "cannot", "can not", "unable", "not able", "don't have", "do not have",
    "no access", "not something", "isn't something", "only help", "don't know", "do not know",
    "not possible", "won't", "not available", "don't handle", "not allowed", "i'm afraid",
    "don't offer", "do not offer", "no order history", "don't keep", "do not keep",
)  # fmt: skip
NEGATIVE = tuple({w for base in _NO for w in (base, base.replace("'", "\u2019"))})

#: A return window or refund promise the shop never gave ("30 days", "within 2 weeks",
#: "free returns", "full refund").
_POLICY = re.compile(
    r"\b(?:\d+\s*(?:-|\u2013|to)\s*)?\d+\s*(?:business\s+|working\s+)?(?:days?|weeks?|months?)\b"
    r"|\bfree returns?\b|\bfull refund\b|\brefund within\b|\breturn window\b",
    re.IGNORECASE,
)


def declined(turn: Turn) -> bool:
    """The answer plainly declines (or says it can't know): a real answer with a no in it."""
    return understood(turn) and said_no(turn, NEGATIVE)


def assert_no_return(turn: Turn) -> None:
    """A return of a past order: declined plainly, no policy made up, nothing written."""
    assert declined(turn), turn.text
    assert not _POLICY.search(turn.text), turn.text
    assert wrote_nothing(turn) and not writes_of(turn), turn.tool_calls


def marked_for(turn: Turn, product_id: str) -> str:
    """Who the product's cart line is marked for in the last cart the turn's tools showed
    ("" when it is not a gift or not in that cart)."""
    for name, result in reversed(turn.tool_results):
        if name != "quote_cart" and result.get("status") == "ok" and result.get("cart"):
            for item in result["cart"].get("items", []):
                if item["product_id"] == product_id:
                    return str(item.get("for_whom") or "").lower()
            return ""
    raise AssertionError(f"no cart shown; tools: {turn.tool_calls}, text: {turn.text!r}")


def assert_answered(turn: Turn, *facts: str) -> None:
    """A question: every fact (a name, an amount) is in the answer, nothing written."""
    for fact in facts:
        assert fact.lower() in turn.text.lower(), (fact, turn.text)
    assert not writes_of(turn), turn.tool_calls


async def test_watch_for_dad_two_mugs_flatmates_recall_dads_present_sunglasses_instead_return(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Hi! I'm doing the family shopping today. A watch for my dad and two mugs for my "
        "flatmates, please."
    )
    assert await cart_of(services) == {WATCH: 1, MUG: 2}
    assert "dad" in marked_for(first, WATCH), first.tool_results
    assert "flatmate" in marked_for(first, MUG), first.tool_results

    recall = await shopper.say("What did I pick for my dad again?")
    assert_answered(recall, "Watch")
    assert await cart_of(services) == {WATCH: 1, MUG: 2}

    swap = await shopper.say("Hmm, that's a lot. Make my dad's present the sunglasses instead.")
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 2}  # the watch out, sunglasses in
    assert "dad" in marked_for(swap, SUNGLASSES), swap.tool_results

    sister = await shopper.say("And a candle holder for my sister.")
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 2, CANDLE_HOLDER: 1}
    assert "sister" in marked_for(sister, CANDLE_HOLDER), sister.tool_results

    ret = await shopper.say("Can I return the watch I bought last month?")
    assert_no_return(ret)
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 2, CANDLE_HOLDER: 1}

    flatmates = await shopper.say("How much am I spending on the flatmates?")
    assert_answered(flatmates, usd_total({MUG: 2}))  # $17.98

    await shopper.say("Add another one for my sister too.")
    cart = {SUNGLASSES: 1, MUG: 2, CANDLE_HOLDER: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and the total.")
    await assert_final_cart(final, services, cart)  # $75.95


async def test_watch_dad_shakers_sister_tank_top_me_take_out_the_present_asked_same_for_mum(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "I need a watch for my dad and the salt and pepper shakers for my sister."
    )
    assert await cart_of(services) == {WATCH: 1, SHAKERS: 1}
    assert "dad" in marked_for(first, WATCH), first.tool_results
    assert "sister" in marked_for(first, SHAKERS), first.tool_results

    mine = await shopper.say("And a tank top for me.")
    assert await cart_of(services) == {WATCH: 1, SHAKERS: 1, TANK_TOP: 1}
    assert marked_for(mine, TANK_TOP) == "", mine.tool_results  # the shopper's own

    which = await shopper.say("Hmm, take out the present.")
    assert_asked(which)  # dad's watch or the sister's shakers?
    assert await cart_of(services) == {WATCH: 1, SHAKERS: 1, TANK_TOP: 1}

    await shopper.say("My sister's - she already has some.")
    assert await cart_of(services) == {WATCH: 1, TANK_TOP: 1}

    dad = await shopper.say("How much is my dad's present?")
    assert_answered(dad, "$109.99")

    await shopper.say("Replace the watch with the sunglasses, it's too pricey.")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1}

    await shopper.say("The same for my mum as for my dad.")
    cart = {SUNGLASSES: 2, TANK_TOP: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Okay, what's in my cart?")
    await assert_final_cart(final, services, cart)  # $58.97


@pytest.mark.xfail(
    strict=True,
    reason="still failing: see this conversation's bullet in the module docstring",
)
async def test_two_tank_tops_kids_hairdryer_wife_spending_swap_wifes_return_broken_mugs_kids(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Two tank tops for the kids, one each, and the hairdryer for my wife."
    )
    assert await cart_of(services) == {TANK_TOP: 2, HAIRDRYER: 1}
    assert marked_for(first, TANK_TOP), first.tool_results  # a gift, for the kids
    assert "wife" in marked_for(first, HAIRDRYER), first.tool_results

    kids = await shopper.say("How much am I spending on the kids?")
    assert_answered(kids, usd_total({TANK_TOP: 2}))  # $37.98

    wife = await shopper.say("And on my wife?")
    assert_answered(wife, "$24.99")

    await shopper.say(
        "Actually swap my wife's present for the candle holder, she's got a hairdryer."
    )
    assert await cart_of(services) == {TANK_TOP: 2, CANDLE_HOLDER: 1}

    ret = await shopper.say("Can I return the hairdryer I bought here last month? It broke.")
    assert_no_return(ret)
    assert await cart_of(services) == {TANK_TOP: 2, CANDLE_HOLDER: 1}

    await shopper.say("Add a mug for each of the kids too.")
    cart = {TANK_TOP: 2, CANDLE_HOLDER: 1, MUG: 2}
    assert await cart_of(services) == cart

    now = await shopper.say("So what am I spending on the kids now?")
    assert_answered(now, usd_total({TANK_TOP: 2, MUG: 2}))  # $55.96

    final = await shopper.say("Show me the cart please.")
    await assert_final_cart(final, services, cart)  # $74.95


async def test_loafers_jar_swap_for_tank_top_trade_jar_for_mug_two_jars_instead_hairdryer_watch(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Put the loafers and a bamboo glass jar in my basket.")
    assert await cart_of(services) == {LOAFERS: 1, JAR: 1}

    await shopper.say("Swap the loafers for the tank top.")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 1}

    await shopper.say("Trade the jar for a mug.")
    assert await cart_of(services) == {TANK_TOP: 1, MUG: 1}

    await shopper.say("Make that two mugs.")
    assert await cart_of(services) == {TANK_TOP: 1, MUG: 2}

    await shopper.say("Instead of two mugs I'll have two jars.")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 2}

    total = await shopper.say("Add the hairdryer too - what's the total?")
    assert await cart_of(services) == {TANK_TOP: 1, JAR: 2, HAIRDRYER: 1}
    assert usd_total({TANK_TOP: 1, JAR: 2, HAIRDRYER: 1}) in total.text, total.text  # $54.96

    await shopper.say("Replace the hairdryer with the watch.")
    cart = {TANK_TOP: 1, JAR: 2, WATCH: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Let me see the cart.")
    await assert_final_cart(final, services, cart)  # $139.96


async def test_hairdryer_mum_tank_top_sister_swap_it_asked_sisters_aunt_same_as_mum_send_back(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Hello. My mum's birthday and my sister's graduation are both this month. The "
        "hairdryer for mum and the tank top for my sister, please."
    )
    assert await cart_of(services) == {HAIRDRYER: 1, TANK_TOP: 1}
    assert "mum" in marked_for(first, HAIRDRYER), first.tool_results
    assert "sister" in marked_for(first, TANK_TOP), first.tool_results

    which = await shopper.say("Swap it for the candle holder.")
    assert_asked(which)  # mum's hairdryer or the sister's tank top?
    assert await cart_of(services) == {HAIRDRYER: 1, TANK_TOP: 1}

    swap = await shopper.say("Sorry - my sister's present.")
    assert await cart_of(services) == {HAIRDRYER: 1, CANDLE_HOLDER: 1}
    assert "sister" in marked_for(swap, CANDLE_HOLDER), swap.tool_results

    recall = await shopper.say("What did I get for mum again?")
    assert_answered(recall, "Hairdryer")

    await shopper.say("Get my aunt the same as my mum.")
    cart = {HAIRDRYER: 2, CANDLE_HOLDER: 1}
    assert await cart_of(services) == cart

    both = await shopper.say("How much am I spending on mum and my aunt together?")
    assert_answered(both, usd_total({HAIRDRYER: 2}))  # $49.98

    ret = await shopper.say("Can I send back the sunglasses I ordered from you a few weeks ago?")
    assert_no_return(ret)
    assert await cart_of(services) == cart

    final = await shopper.say("Right, show me everything in my cart.")
    await assert_final_cart(final, services, cart)  # $68.97


async def test_sunglasses_dad_mug_mum_one_more_for_cousin_asked_trade_mums_take_cousins_out(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "I'm sorting out presents. Sunglasses for my dad and a mug for my mum."
    )
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 1}
    assert "dad" in marked_for(first, SUNGLASSES), first.tool_results
    assert "mum" in marked_for(first, MUG), first.tool_results

    which = await shopper.say("Add one more of those for my cousin.")
    assert_asked(which)  # the sunglasses or the mug?
    assert await cart_of(services) == {SUNGLASSES: 1, MUG: 1}

    await shopper.say("The sunglasses.")
    assert await cart_of(services) == {SUNGLASSES: 2, MUG: 1}

    recall = await shopper.say("What did I pick for my mum?")
    assert_answered(recall, "Mug")

    await shopper.say("Trade my mum's mug for the salt and pepper shakers.")
    assert await cart_of(services) == {SUNGLASSES: 2, SHAKERS: 1}

    two = await shopper.say("How much are the presents for dad and my cousin?")
    assert_answered(two, usd_total({SUNGLASSES: 2}))  # $39.98

    await shopper.say("Take my cousin's out, actually - he already has sunglasses.")
    cart = {SUNGLASSES: 1, SHAKERS: 1}  # dad's pair stays
    assert await cart_of(services) == cart

    final = await shopper.say("Final cart and total, please.")
    await assert_final_cart(final, services, cart)  # $38.48


async def test_mug_brother_candle_grandma_loafers_me_another_for_brother_grandma_jar_return(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "A mug for my brother, the candle holder for my grandma, and the loafers for me."
    )
    assert await cart_of(services) == {MUG: 1, CANDLE_HOLDER: 1, LOAFERS: 1}
    assert "brother" in marked_for(first, MUG), first.tool_results
    assert "grandma" in marked_for(first, CANDLE_HOLDER), first.tool_results
    assert marked_for(first, LOAFERS) == "", first.tool_results  # the shopper's own

    await shopper.say("Add another one for my brother too.")
    assert await cart_of(services) == {MUG: 2, CANDLE_HOLDER: 1, LOAFERS: 1}

    grandma = await shopper.say("What am I getting my grandma?")
    assert_answered(grandma, "Candle Holder")

    await shopper.say("Make grandma's present the bamboo jar instead.")
    assert await cart_of(services) == {MUG: 2, JAR: 1, LOAFERS: 1}

    brother = await shopper.say("How much am I spending on my brother?")
    assert_answered(brother, usd_total({MUG: 2}))  # $17.98

    await shopper.say("Swap the loafers for the sunglasses, summer's nearly over anyway.")
    cart = {MUG: 2, JAR: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    ret = await shopper.say("Oh - can I return the watch I bought last month?")
    assert_no_return(ret)
    assert await cart_of(services) == cart

    final = await shopper.say("What does my cart look like now?")
    await assert_final_cart(final, services, cart)  # $43.46


async def test_shakers_jar_sister_watch_husband_mugs_parents_sisters_stuff_out_two_jars_instead(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Shopping for the whole family today! Let's start with the salt and pepper shakers "
        "and a bamboo jar for my sister - she just moved in."
    )
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1}
    assert "sister" in marked_for(first, SHAKERS), first.tool_results
    assert "sister" in marked_for(first, JAR), first.tool_results

    husband = await shopper.say("And the watch for my husband.")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1, WATCH: 1}
    assert "husband" in marked_for(husband, WATCH), husband.tool_results

    parents = await shopper.say("Two mugs for my parents as well.")
    assert await cart_of(services) == {SHAKERS: 1, JAR: 1, WATCH: 1, MUG: 2}
    assert "parents" in marked_for(parents, MUG), parents.tool_results

    await shopper.say("Take my sister's stuff out, she already has it.")
    assert await cart_of(services) == {WATCH: 1, MUG: 2}  # both of hers out

    recall = await shopper.say("What's my husband getting again?")
    assert_answered(recall, "Watch")

    spend = await shopper.say("How much am I spending on my parents?")
    assert_answered(spend, usd_total({MUG: 2}))  # $17.98

    await shopper.say("Instead of two mugs I'll have two jars for them.")
    cart = {WATCH: 1, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $120.97


async def test_loafers_dad_mug_flatmate_same_for_mum_mums_hairdryer_instead_loafers_return(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Loafers for my dad, please - he lives in them.")
    assert await cart_of(services) == {LOAFERS: 1}
    assert "dad" in marked_for(first, LOAFERS), first.tool_results

    flatmate = await shopper.say("And a mug for my flatmate.")
    assert await cart_of(services) == {LOAFERS: 1, MUG: 1}
    assert "flatmate" in marked_for(flatmate, MUG), flatmate.tool_results

    await shopper.say("The same for my mum as for my dad.")
    assert await cart_of(services) == {LOAFERS: 2, MUG: 1}

    await shopper.say(
        "Actually the loafers are too much. Make my mum's present the hairdryer instead."
    )
    assert await cart_of(services) == {LOAFERS: 1, HAIRDRYER: 1, MUG: 1}  # dad's pair stays

    recall = await shopper.say("What did I pick for my dad again?")
    assert_answered(recall, "Loafers")

    ret = await shopper.say(
        "Can I return the loafers I got from you last month? They were the wrong size."
    )
    assert_no_return(ret)
    assert await cart_of(services) == {LOAFERS: 1, HAIRDRYER: 1, MUG: 1}  # dad's still in

    parents = await shopper.say("How much am I spending on my parents?")
    assert_answered(parents, usd_total({LOAFERS: 1, HAIRDRYER: 1}))  # $114.98

    final = await shopper.say("Cart and total, please.")
    await assert_final_cart(final, services, {LOAFERS: 1, HAIRDRYER: 1, MUG: 1})  # $123.97


async def test_sunglasses_son_tank_top_daughter_watch_me_kids_watch_to_loafers_returns_policy(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say("Add the sunglasses for my son and the tank top for my daughter.")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1}
    assert "son" in marked_for(first, SUNGLASSES), first.tool_results
    assert "daughter" in marked_for(first, TANK_TOP), first.tool_results

    mine = await shopper.say("And a watch for myself - I deserve it.")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1, WATCH: 1}
    assert marked_for(mine, WATCH) == "", mine.tool_results  # the shopper's own

    kids = await shopper.say("How much am I spending on the kids?")
    assert_answered(kids, usd_total({SUNGLASSES: 1, TANK_TOP: 1}))  # $38.98

    await shopper.say("Replace the watch with the loafers.")
    assert await cart_of(services) == {SUNGLASSES: 1, TANK_TOP: 1, LOAFERS: 1}

    await shopper.say("Add another one for my daughter too.")
    cart = {SUNGLASSES: 1, TANK_TOP: 2, LOAFERS: 1}
    assert await cart_of(services) == cart

    son = await shopper.say("What did I get for my son?")
    assert_answered(son, "Sunglasses")

    policy = await shopper.say("Is there a returns policy if the tank tops don't fit her?")
    assert_no_return(policy)
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart, please.")
    await assert_final_cart(final, services, cart)  # $147.96


async def test_watch_dad_sunglasses_brother_same_for_uncle_dads_loafers_candle_for_two_jars(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Grabbing a few gifts. The watch for my dad and the sunglasses for my brother."
    )
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 1}
    assert "dad" in marked_for(first, WATCH), first.tool_results
    assert "brother" in marked_for(first, SUNGLASSES), first.tool_results

    recall = await shopper.say("Remind me, which one was for my brother?")
    assert_answered(recall, "Sunglasses")

    await shopper.say("Same for my uncle as for my brother.")
    assert await cart_of(services) == {WATCH: 1, SUNGLASSES: 2}

    swap = await shopper.say("Make my dad's present the loafers instead.")
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 2}
    assert "dad" in marked_for(swap, LOAFERS), swap.tool_results

    two = await shopper.say("How much is that for my brother and my uncle together?")
    assert_answered(two, usd_total({SUNGLASSES: 2}))  # $39.98

    await shopper.say("Throw in a candle holder for the house.")
    assert await cart_of(services) == {LOAFERS: 1, SUNGLASSES: 2, CANDLE_HOLDER: 1}

    await shopper.say("Swap the candle holder for two bamboo jars.")
    cart = {LOAFERS: 1, SUNGLASSES: 2, JAR: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("What's in the cart and what does it come to?")
    await assert_final_cart(final, services, cart)  # $140.95


async def test_hairdryer_sister_tank_tops_twins_candle_sister_sisters_stuff_out_trade_one_mug(
    shopper: Conversation, services: AgentServices
) -> None:
    first = await shopper.say(
        "Could you add a hairdryer for my sister and two tank tops for the twins?"
    )
    assert await cart_of(services) == {HAIRDRYER: 1, TANK_TOP: 2}
    assert "sister" in marked_for(first, HAIRDRYER), first.tool_results
    assert "twin" in marked_for(first, TANK_TOP), first.tool_results

    candle = await shopper.say("Oh, and the candle holder for my sister as well.")
    assert await cart_of(services) == {HAIRDRYER: 1, TANK_TOP: 2, CANDLE_HOLDER: 1}
    assert "sister" in marked_for(candle, CANDLE_HOLDER), candle.tool_results

    twins = await shopper.say("How much am I spending on the twins?")
    assert_answered(twins, usd_total({TANK_TOP: 2}))  # $37.98

    recall = await shopper.say("What have I got for my sister so far?")
    assert_answered(recall, "Hairdryer", "Candle Holder")

    await shopper.say("Take my sister's stuff out, she already has it.")
    assert await cart_of(services) == {TANK_TOP: 2}

    ret = await shopper.say("Can I return the watch I bought last month instead?")
    assert_no_return(ret)
    assert await cart_of(services) == {TANK_TOP: 2}

    await shopper.say("Trade one of the tank tops for a mug.")
    cart = {TANK_TOP: 1, MUG: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $27.98
