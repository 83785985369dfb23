"""A forty-fifth set of twelve held-out shopping conversations through the orchestrator, offline.

These conversations were written in full, expectations included, before they were first run,
without reading the planner's implementation (only the tools' names, arguments and result
shapes, and the catalog facts): they check what a careful human shop assistant would do (which
tools ran and that nothing was written on a question or an unclear request, which products and
quantities, currencies and alert targets, what the cart and the alerts hold afterwards) and the
essential facts of its answers, not their wording. Their theme is a shopper asking about
products before buying, six to eight turns each: what a product is made of ("What's the tank
top made of?", "What are the salt and pepper shakers made of?"), its colour ("What colour are
the loafers?", "What colour is it inside?", "Does the watch come in gold?", "Do they come in
black?"), what it is for ("What is the bamboo glass jar for?", "Is it good for travel?"), its
category, its size, weight or capacity ("How much does the mug hold?"), its description ("Tell
me more about the second one"), and which of a list are for the kitchen; interleaved with
buying: "ok add it", "Add two of the mustard one.", "The one made of bamboo, please.", "Nice -
add the gold one.", prices in pounds, euros, yen and Canadian dollars, and price alerts on a
product just asked about. Every question must write nothing (no cart change, no alert). The
answers are checked against the catalog the embedded Online Boutique serves (the project's own
descriptions, read in the test from its catalog service): a material, colour, size or capacity
the catalog states must be said; one it does not state must not be invented (no material or
colour word outside the product's name, description and categories, beyond the one the shopper
asked about), and the assistant must then say that it doesn't know or that the catalog doesn't
say, never a plain "yes". A few facts the conversations build on (the loafers are beige, the
watch gold, the mug's inside mustard) are checked as catalog facts first. One request is
genuinely ambiguous and must be asked about, nothing written: "ok add it" right after the mug
and the bamboo glass jar were described together. Every conversation ends with a check of the
cart (product id -> quantity) in Online Boutique, and of the alerts where any were set.
Conversions are computed in the test by the shop's currency service (the embedded one, over
its EUR-based rate table): the total converted, or its lines (or unit prices) converted and
added up, any of which the answer may show.

First run: 4 of 12 passed. Three expectations were the test's own mistakes and were fixed (read
against the descriptions the embedded catalog serves, which the test itself reads): the
material words did not know "knit", so "What's the tank top made of?" answered rightly from the
catalog ("a fitted black crop top in soft stretch knit ...") was taken for a "doesn't know"
that was missing; the colour words did not know "clear", "chrome" or "see-through", so the
shakers' colour, rightly given ("clear acrylic ... chrome-finish caps ... see-through bodies"),
failed the same way; and "What is the bamboo glass jar for?" (twice) required the word "kitchen"
while the answer rightly gave the uses its description states ("Keeps coffee, pasta, flour or
snacks fresh ... in the pantry or on the counter"), now accepted too. Those four conversations
pass since, 8 of 12. The four failures left are the assistant's (each conversation stops at its
first wrong turn, so later turns were not reached):
- "What else do you have in the same category?" (after "Is the mug ceramic?" and "What colour
  is it inside?" were rightly answered from the catalog: ceramic, mustard-yellow inside) called
  search_products(exclude=["6E92ZMYYFZ"]) with no category, showing all eight other products
  (Sunglasses, Tank Top, Watch, Loafers, ...) instead of the other kitchen products, the Salt &
  Pepper Shakers and the Bamboo Glass Jar;
- "The one made of bamboo, please." (after the mug and the bamboo glass jar were described
  together and "ok add it" rightly asked which) called no tool ("Which product do you mean?
  Recently we looked at: 1. Mug, 2. Bamboo Glass Jar.") instead of adding the Bamboo Glass Jar;
- "Which of those is for the kitchen?" right after "What do you have in black?" (rightly the four
  black products) called search_products(query="kitchen", category="kitchen") ("Here are 3
  products: Salt & Pepper Shakers ($18.49), Bamboo Glass Jar ($5.49) and Mug ($8.99).") instead of
  answering among the black ones: the Mug alone;
- "How big is it?" about the candle holder called get_product_details(product="0PUK6V6EV0") and
  repeated the description ("Candle Holder costs $18.99. A round tea-light holder in textured,
  hammered silver-tone ceramic ... It's available.") without saying that the catalog gives no
  size or dimensions (none made up, rightly).

Worked on since by general rules (the same session), all 12 pass: "what else do you have in
the same category?" searches the category of the product talked about, without it; "which of
those is for the kitchen?" answers among the products just shown, every one that is; "the one
made of bamboo" answering "which product do you mean?" names the one whose name says it; and
a question about a size, dimensions, a capacity ("how much does the mug hold?") or a weight
("is it heavy?") that the description does not answer says so before reading it out.
"""

from __future__ import annotations

import re

from cartmate.agent_runtime.services import AgentServices
from tests.agents.conftest import Conversation, Turn
from tests.agents.held_out import (
    BLACK,
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
    WATCH,
    alerts_of,
    assert_alert,
    assert_asked,
    assert_final_cart,
    assert_says_price,
    cart_of,
    listed_alerts,
    shown_names,
    understood,
    writes_of,
    wrote_nothing,
)

MATERIALS = (
    "cotton", "linen", "wool", "silk", "polyester", "nylon", "denim", "leather", "suede",
    "canvas", "rubber", "plastic", "acrylic", "ceramic", "porcelain", "stoneware", "earthenware",
    "glass", "bamboo", "wood", "wooden", "metal", "steel", "stainless", "aluminium", "aluminum",
    "brass", "copper", "titanium", "resin", "marble", "clay", "acetate", "fabric", "knit",
    "jersey", "mesh", "chrome", "fleece", "satin", "velvet", "cork", "stone",
)  # fmt: skip
COLOURS = (
    "black", "white", "grey", "gray", "silver", "gold", "golden", "beige", "brown", "tan", "red",
    "blue", "navy", "green", "yellow", "mustard", "orange", "pink", "purple", "cream", "ivory",
    "clear", "transparent", "see-through", "chrome", "champagne", "copper",
)  # fmt: skip
CERAMIC = {"ceramic", "porcelain", "stoneware", "earthenware"}
SIZES = ("small", "large", "big", "tall", "mini", "compact", "tiny", "cm", "mm", "inch", "inches")
#: Words by which an answer says it doesn't know, or that the catalog doesn't say.
UNKNOWN = (
    "can't", "cannot", "can not", "unable", "not able", "don't have", "do not have",
    "don't know", "do not know", "not sure", "doesn't say", "does not say", "doesn't mention",
    "does not mention", "not mentioned", "doesn't state", "does not state", "not stated",
    "doesn't specify", "does not specify", "not specified", "doesn't list", "does not list",
    "not listed", "no mention", "no information", "no details", "doesn't include",
    "does not include", "isn't stated", "isn't mentioned", "doesn't tell", "does not tell",
    "doesn't give", "does not give", "not given", "i'm afraid",
)  # fmt: skip
#: How an answer names each product (lower case, singular or plural).
_KEYS = {
    "Sunglasses": "sunglasses", "Tank Top": "tank top", "Watch": "watch", "Loafers": "loafers",
    "Hairdryer": "hairdryer", "Candle Holder": "candle holder", "Salt & Pepper Shakers": "shakers",
    "Bamboo Glass Jar": "jar", "Mug": "mug",
}  # fmt: skip
_NAMES = re.compile("|".join(re.escape(n) for n in sorted(ID, key=len, reverse=True)), re.I)
_CAPACITY = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:oz|ounces?|l|ml|cl|litres?|liters?)\b", re.I)
_STOP = {"these", "those", "there", "their", "which", "would", "about", "every", "other"}


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").lower()


def found(vocab: tuple[str, ...] | set[str], text: str) -> set[str]:
    """The words of `vocab` the text has, as whole words."""
    plain = _plain(text)
    return {w for w in vocab if re.search(rf"\b{re.escape(w)}\b", plain)}


def without_names(text: str) -> str:
    """The text with every catalog product name taken out ("Bamboo Glass Jar" names no
    material of another product)."""
    return _NAMES.sub(" ", text)


def says_unknown(turn: Turn) -> bool:
    """A real answer that says it doesn't know, or that the catalog doesn't say."""
    return understood(turn) and any(w in _plain(turn.text) for w in UNKNOWN)


def affirms(turn: Turn) -> bool:
    """The answer opens with a plain yes."""
    return (
        re.match(r"\s*(?:yes|yep|yeah|sure|absolutely|definitely)\b", _plain(turn.text)) is not None
    )


def denies(turn: Turn) -> bool:
    """The answer opens with a plain no."""
    return re.match(r"\s*(?:no|nope)\b", _plain(turn.text)) is not None


def mentioned(text: str) -> set[str]:
    """The catalog names of the products the text names."""
    plain = _plain(text)
    return {n for n, k in _KEYS.items() if re.search(rf"\b{re.escape(k)}s?\b", plain)}


def listed_order(text: str, names: set[str] | list[str]) -> list[str]:
    """`names` in the order the text first names them (those it does not name left out)."""
    plain = _plain(text)
    where = {}
    for name in names:
        hit = re.search(rf"\b{re.escape(_KEYS[name])}s?\b", plain)
        if hit:
            where[name] = hit.start()
    return sorted(where, key=where.__getitem__)


def usd(product_id: str) -> str:
    return f"${PRICE[product_id]}"


async def facts_of(services: AgentServices, product_id: str) -> str:
    """Everything the catalog states about the product: its name, description, categories."""
    product = await services.boutique.catalog.get_product(product_id)
    return " ".join([product.name, product.description, *product.categories])


async def description_of(services: AgentServices, product_id: str) -> str:
    return (await services.boutique.catalog.get_product(product_id)).description


async def assert_catalog_says(services: AgentServices, product_id: str, word: str) -> None:
    """A catalog fact the conversation builds on (the test's own premise, not the answer's)."""
    facts = await facts_of(services, product_id)
    assert found((word,), facts), f"premise: the catalog says {word!r} of {facts!r}"


def assert_question(turn: Turn) -> None:
    """A question: a real answer, nothing written (no write even tried)."""
    assert understood(turn), turn.text
    assert not writes_of(turn) and wrote_nothing(turn), turn.tool_calls


async def assert_attribute(
    turn: Turn,
    services: AgentServices,
    product_id: str,
    vocab: tuple[str, ...],
    asked: tuple[str, ...] = (),
) -> set[str]:
    """An answer about the product's material (or colour, by `vocab`): what the catalog states
    is said, nothing outside it is (`asked`: the words the shopper's own question used), and
    when the catalog states none, the answer says it doesn't know. Returns what is stated."""
    assert_question(turn)
    facts = await facts_of(services, product_id)
    known = found(vocab, facts)
    invented = found(vocab, without_names(turn.text)) - known - set(asked)
    assert not invented, (invented, facts, turn.text)
    if known:
        assert found(vocab, turn.text) & known, (known, facts, turn.text)
    else:
        assert says_unknown(turn), (facts, turn.text)
    return known


async def assert_described(turn: Turn, services: AgentServices, product_id: str) -> None:
    """The answer tells the product's description: a word of it (not of its name) is said."""
    product = await services.boutique.catalog.get_product(product_id)
    name_words = set(_plain(product.name).split())
    words = {
        w
        for w in re.findall(r"[a-z]+", _plain(product.description))
        if len(w) >= 5 and w not in _STOP and w not in name_words
    }
    assert found(words, turn.text), (product.description, turn.text)


async def assert_use(turn: Turn, services: AgentServices, product_id: str) -> None:
    """A question of what the product is for: answered by its category ("kitchen") or by
    what its description says it is for; nothing written."""
    assert_question(turn)
    if "kitchen" not in turn.text.lower():
        await assert_described(turn, services, product_id)


async def test_tank_top_made_of_colour_in_pounds_add_it_category_alert_below_12_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    made = await shopper.say("What's the tank top made of?")
    await assert_attribute(made, services, TANK_TOP, MATERIALS)

    colour = await shopper.say("And what colour is it?")
    assert "Tank Top" in BLACK
    await assert_attribute(colour, services, TANK_TOP, COLOURS)

    pounds = await shopper.say("How much is it in pounds?")
    await assert_says_price(pounds, services, {TANK_TOP: 1}, "GBP")  # $18.99
    assert await cart_of(services) == {}

    await shopper.say("ok add it")
    cart = {TANK_TOP: 1}
    assert await cart_of(services) == cart

    category = await shopper.say("What category is it in?")
    assert_question(category)
    assert found(("clothing", "tops"), category.text), category.text
    assert await cart_of(services) == cart

    alert = await shopper.say("Tell me if it drops below 12 pounds.")
    assert_alert(alert, "Tank Top", "GBP", 12)
    alerts = {("Tank Top", "GBP", 12)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $18.99


async def test_is_the_mug_ceramic_inside_colour_same_category_two_of_mustard_one_bamboo_yen(
    shopper: Conversation, services: AgentServices
) -> None:
    ceramic = await shopper.say("Is the mug ceramic?")
    known = await assert_attribute(ceramic, services, MUG, MATERIALS, asked=("ceramic",))
    if known & CERAMIC:
        assert not denies(ceramic), ceramic.text
    else:
        assert not affirms(ceramic), ceramic.text  # not ceramic by the catalog, or unknown
    assert await cart_of(services) == {}

    await assert_catalog_says(services, MUG, "mustard")
    for other in (SHAKERS, JAR):
        assert not found(("mustard",), await facts_of(services, other)), "premise"
    inside = await shopper.say("What colour is it inside?")
    await assert_attribute(inside, services, MUG, COLOURS)
    assert "mustard" in inside.text.lower(), inside.text

    same = await shopper.say("What else do you have in the same category?")
    assert_question(same)
    names = shown_names(same)
    assert {"Salt & Pepper Shakers", "Bamboo Glass Jar"} <= set(names) <= KITCHEN, same.tool_calls

    await shopper.say("Add two of the mustard one.")
    assert await cart_of(services) == {MUG: 2}

    jar = await shopper.say("What's the jar made of?")
    known = await assert_attribute(jar, services, JAR, MATERIALS)
    assert {"bamboo", "glass"} <= known
    assert found(("bamboo", "glass"), jar.text) == {"bamboo", "glass"}, jar.text
    assert await cart_of(services) == {MUG: 2}

    await shopper.say("The one made of bamboo, please - just one.")
    cart = {MUG: 2, JAR: 1}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's my total in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $23.47

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.47


async def test_loafers_colour_made_of_in_black_euros_alert_below_70_euros_watch_gold_add_it(
    shopper: Conversation, services: AgentServices
) -> None:
    await assert_catalog_says(services, LOAFERS, "beige")
    colour = await shopper.say("What colour are the loafers?")
    await assert_attribute(colour, services, LOAFERS, COLOURS)
    assert "beige" in colour.text.lower(), colour.text

    made = await shopper.say("What are they made of?")
    await assert_attribute(made, services, LOAFERS, MATERIALS)

    black = await shopper.say("Do they come in black?")
    assert_question(black)
    colours = found(COLOURS, without_names(black.text)) - {"black"}
    assert colours <= found(COLOURS, await facts_of(services, LOAFERS)), black.text
    assert not affirms(black), black.text  # one pair of loafers in the catalog, beige
    assert "beige" in black.text.lower() or says_unknown(black) or denies(black), black.text

    euros = await shopper.say("How much are they in euros?")
    await assert_says_price(euros, services, {LOAFERS: 1}, "EUR")  # $89.99

    alert = await shopper.say("Let me know if they drop below 70 euros.")
    assert_alert(alert, "Loafers", "EUR", 70)
    alerts = {("Loafers", "EUR", 70)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await assert_catalog_says(services, WATCH, "gold")
    watch = await shopper.say("What's the watch made of - and is it gold?")
    await assert_attribute(watch, services, WATCH, MATERIALS)
    await assert_attribute(watch, services, WATCH, COLOURS, asked=("gold",))
    assert "gold" in watch.text.lower(), watch.text
    assert await alerts_of(services) == alerts

    await shopper.say("Nice - add the gold one.")
    cart = {WATCH: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Loafers"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $109.99


async def test_under_20_dollars_which_for_kitchen_second_one_add_it_jar_for_two_more_euros(
    shopper: Conversation, services: AgentServices
) -> None:
    cheap = await shopper.say("What do you have under 20 dollars?")
    assert_question(cheap)
    under_20 = {"Sunglasses", "Tank Top", "Candle Holder", *KITCHEN}
    assert set(shown_names(cheap)) == under_20, shown_names(cheap)

    kitchen = await shopper.say("Which of them are for the kitchen?")
    assert_question(kitchen)
    assert mentioned(kitchen.text) == KITCHEN, kitchen.text
    order = listed_order(kitchen.text, KITCHEN)

    more = await shopper.say("Tell me more about the second one.")
    second = order[1]
    assert_question(more)
    assert second in mentioned(more.text), (second, more.text)
    assert usd(ID[second]) in more.text, more.text
    await assert_described(more, services, ID[second])
    assert await cart_of(services) == {}

    await shopper.say("ok add it")
    cart = {ID[second]: 1}
    assert await cart_of(services) == cart

    use = await shopper.say("What is the bamboo glass jar for?")
    await assert_use(use, services, JAR)
    assert await cart_of(services) == cart

    await shopper.say("Add two of those too.")
    cart = {**cart, JAR: cart.get(JAR, 0) + 2}
    assert await cart_of(services) == cart

    euros = await shopper.say("How much is all that in euros?")
    await assert_says_price(euros, services, cart, "EUR")

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)


async def test_hairdryer_tell_me_about_it_travel_colour_candle_holder_made_of_alert_15_add(
    shopper: Conversation, services: AgentServices
) -> None:
    about = await shopper.say("What is the hairdryer like? Tell me about it.")
    assert_question(about)
    await assert_described(about, services, HAIRDRYER)
    assert "$24.99" in about.text, about.text

    travel = await shopper.say("Is it good for travel?")
    assert_question(travel)
    if found(("travel", "travelling", "traveling", "trips"), await facts_of(services, HAIRDRYER)):
        assert "travel" in travel.text.lower(), travel.text  # what the description says
        assert not denies(travel), travel.text
    assert await cart_of(services) == {}

    colour = await shopper.say("What colour is it?")
    assert "Hairdryer" in BLACK
    await assert_attribute(colour, services, HAIRDRYER, COLOURS)

    holder = await shopper.say("Tell me about the candle holder - what's it made of?")
    await assert_attribute(holder, services, CANDLE_HOLDER, MATERIALS)
    assert "$18.99" in holder.text, holder.text

    alert = await shopper.say("Alert me if it drops below 15 dollars.")
    assert_alert(alert, "Candle Holder", "USD", 15)
    alerts = {("Candle Holder", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("Add the hairdryer.")
    cart = {HAIRDRYER: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $24.99


async def test_watch_in_gold_in_silver_too_cad_sunglasses_made_of_add_both_watch_category(
    shopper: Conversation, services: AgentServices
) -> None:
    await assert_catalog_says(services, WATCH, "gold")
    gold = await shopper.say("Does the watch come in gold?")
    await assert_attribute(gold, services, WATCH, COLOURS, asked=("gold",))
    assert "gold" in gold.text.lower(), gold.text
    assert not denies(gold), gold.text

    silver = await shopper.say("Does it come in silver too?")
    await assert_attribute(silver, services, WATCH, COLOURS, asked=("silver",))
    assert not affirms(silver), silver.text  # one watch in the catalog, gold-tone
    assert says_unknown(silver) or denies(silver) or "only" in silver.text.lower(), silver.text

    cad = await shopper.say("How much is it in Canadian dollars?")
    await assert_says_price(cad, services, {WATCH: 1}, "CAD")  # $109.99

    made = await shopper.say("What are the sunglasses made of?")
    await assert_attribute(made, services, SUNGLASSES, MATERIALS)
    assert await cart_of(services) == {}

    await shopper.say("Add the watch and the sunglasses.")
    cart = {WATCH: 1, SUNGLASSES: 1}
    assert await cart_of(services) == cart

    category = await shopper.say("What category is the watch in?")
    assert_question(category)
    assert "accessories" in category.text.lower(), category.text
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $129.98


async def test_shakers_made_of_dishwasher_colour_add_two_kitchen_things_cheapest_of_those_eur(
    shopper: Conversation, services: AgentServices
) -> None:
    made = await shopper.say("What are the salt and pepper shakers made of?")
    await assert_attribute(made, services, SHAKERS, MATERIALS)

    dishwasher = await shopper.say("Are they dishwasher safe?")
    assert_question(dishwasher)
    if not found(("dishwasher",), await facts_of(services, SHAKERS)):
        assert says_unknown(dishwasher), dishwasher.text  # the catalog doesn't say
        assert not affirms(dishwasher), dishwasher.text

    colour = await shopper.say("What colour are they?")
    await assert_attribute(colour, services, SHAKERS, COLOURS)
    assert await cart_of(services) == {}

    await shopper.say("Add two of them.")
    assert await cart_of(services) == {SHAKERS: 2}

    kitchen = await shopper.say("Which of the things you sell are for the kitchen?")
    assert_question(kitchen)
    assert set(shown_names(kitchen)) == KITCHEN, shown_names(kitchen)

    await shopper.say("Add the cheapest of those.")
    cart = {SHAKERS: 2, JAR: 1}
    assert await cart_of(services) == cart

    euros = await shopper.say("What's my total in euros?")
    await assert_says_price(euros, services, cart, "EUR")  # $42.47

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $42.47


async def test_mug_and_jar_described_add_it_asked_bamboo_one_capacities_two_mugs_then(
    shopper: Conversation, services: AgentServices
) -> None:
    both = await shopper.say("Tell me about the mug and the bamboo glass jar.")
    assert_question(both)
    assert {"Mug", "Bamboo Glass Jar"} <= mentioned(both.text), both.text
    assert "$8.99" in both.text and "$5.49" in both.text, both.text

    which = await shopper.say("ok add it")
    assert_asked(which)  # the mug or the jar?
    assert await cart_of(services) == {}

    bamboo = await shopper.say("The one made of bamboo, please.")
    assert await cart_of(services) == {JAR: 1}, (bamboo.tool_calls, bamboo.text)

    jar_facts = await description_of(services, JAR)
    mug_facts = await description_of(services, MUG)
    stated = {n.replace(",", ".") for n in _CAPACITY.findall(jar_facts + " " + mug_facts)}

    jar = await shopper.say("How much does the jar hold?")
    assert_question(jar)
    jar_holds = {n.replace(",", ".") for n in _CAPACITY.findall(jar_facts)}
    if jar_holds:
        assert any(n in jar.text for n in jar_holds), (jar_facts, jar.text)
    else:
        assert says_unknown(jar), (jar_facts, jar.text)

    mug = await shopper.say("And how much does the mug hold?")
    assert_question(mug)
    said = {n.replace(",", ".") for n in _CAPACITY.findall(mug.text)}
    assert said <= stated, (said, mug.text)  # no capacity made up
    if not _CAPACITY.findall(mug_facts):
        assert says_unknown(mug), (mug_facts, mug.text)
        assert not affirms(mug), mug.text

    await assert_catalog_says(services, MUG, "mustard")
    inside = await shopper.say("What colour is the mug inside?")
    await assert_attribute(inside, services, MUG, COLOURS)
    assert "mustard" in inside.text.lower(), inside.text
    assert await cart_of(services) == {JAR: 1}

    await shopper.say("Add two mugs then.")
    cart = {JAR: 1, MUG: 2}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $23.47


async def test_black_things_which_for_kitchen_two_of_it_hairdryer_for_heavy_euros_put_it_in(
    shopper: Conversation, services: AgentServices
) -> None:
    black = await shopper.say("What do you have in black?")
    assert_question(black)
    names = shown_names(black)
    assert set(names[: len(BLACK)]) == BLACK, names

    kitchen = await shopper.say("Which of those is for the kitchen?")
    assert_question(kitchen)
    assert mentioned(kitchen.text) == BLACK & KITCHEN, (kitchen.tool_calls, kitchen.text)

    await shopper.say("Nice, add two of the kitchen one.")
    assert await cart_of(services) == {MUG: 2}

    use = await shopper.say("What's the hairdryer for, exactly?")
    assert_question(use)
    await assert_described(use, services, HAIRDRYER)

    heavy = await shopper.say("Is it heavy?")
    assert_question(heavy)
    assert not affirms(heavy), heavy.text
    if found(("lightweight", "light"), await facts_of(services, HAIRDRYER)):
        assert "light" in heavy.text.lower(), heavy.text
    else:
        assert says_unknown(heavy), heavy.text
    assert await cart_of(services) == {MUG: 2}

    euros = await shopper.say("How much is it in euros?")
    await assert_says_price(euros, services, {HAIRDRYER: 1}, "EUR")  # $24.99

    await shopper.say("Put it in too.")
    cart = {MUG: 2, HAIRDRYER: 1}
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart.")
    await assert_final_cart(final, services, cart)  # $42.97


async def test_accessories_second_one_made_of_alert_euros_add_other_one_footwear_like(
    shopper: Conversation, services: AgentServices
) -> None:
    accessories = await shopper.say("Show me your accessories.")
    assert_question(accessories)
    assert set(shown_names(accessories)) == {"Sunglasses", "Watch"}, shown_names(accessories)
    first, second = listed_order(accessories.text, shown_names(accessories))

    more = await shopper.say("Tell me more about the second one.")
    assert_question(more)
    assert second in mentioned(more.text), (second, more.text)
    assert usd(ID[second]) in more.text, more.text
    await assert_described(more, services, ID[second])

    made = await shopper.say("What's it made of?")
    await assert_attribute(made, services, ID[second], MATERIALS)

    target = 90 if second == "Watch" else 15  # below €97.29 / €17.68
    alert = await shopper.say(f"Tell me if it drops below {target} euros.")
    assert_alert(alert, second, "EUR", target)
    alerts = {(second, "EUR", target)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == {}

    await shopper.say("And add the other one to my cart.")
    cart = {ID[first]: 1}
    assert await cart_of(services) == cart
    assert await alerts_of(services) == alerts

    footwear = await shopper.say("What's in the footwear category?")
    assert_question(footwear)
    assert shown_names(footwear) == ["Loafers"], shown_names(footwear)

    like = await shopper.say("What are they like?")
    assert_question(like)
    await assert_described(like, services, LOAFERS)
    assert "$89.99" in like.text, like.text
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == [second], final.tool_results
    await assert_final_cart(final, services, cart, alerts)


async def test_candle_holder_about_size_made_of_category_add_three_pounds_alert_13_pounds(
    shopper: Conversation, services: AgentServices
) -> None:
    about = await shopper.say("What can you tell me about the candle holder?")
    assert_question(about)
    await assert_described(about, services, CANDLE_HOLDER)
    assert "$18.99" in about.text, about.text

    size = await shopper.say("How big is it?")
    assert_question(size)
    facts = await facts_of(services, CANDLE_HOLDER)
    sizes = found(SIZES, facts)
    if sizes:
        assert found(SIZES, size.text) & sizes, (facts, size.text)
    else:
        assert says_unknown(size), (size.tool_calls, size.text)
    dimensions = re.findall(r"\d+(?:\.\d+)?\s*(?:cm|mm|inch|inches|in\b|\")", size.text)
    assert all(d in facts for d in dimensions), (dimensions, size.text)  # none made up

    made = await shopper.say("What's it made of?")
    await assert_attribute(made, services, CANDLE_HOLDER, MATERIALS)

    category = await shopper.say("Which category is it in?")
    assert_question(category)
    assert found(("decor", "home"), category.text), category.text
    assert await cart_of(services) == {}

    await shopper.say("Ok, add three of them.")
    cart = {CANDLE_HOLDER: 3}
    assert await cart_of(services) == cart

    pounds = await shopper.say("What's that in pounds?")
    await assert_says_price(pounds, services, cart, "GBP")  # $56.97

    alert = await shopper.say("Alert me if the candle holder drops below 13 pounds.")
    assert_alert(alert, "Candle Holder", "GBP", 13)
    alerts = {("Candle Holder", "GBP", 13)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Candle Holder"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $56.97


async def test_cheapest_thing_made_of_what_for_tank_top_cotton_add_both_yen_alert_15_dollars(
    shopper: Conversation, services: AgentServices
) -> None:
    cheapest = await shopper.say("What's the cheapest thing you sell?")
    assert_question(cheapest)
    assert shown_names(cheapest)[0] == "Bamboo Glass Jar", shown_names(cheapest)
    assert "$5.49" in cheapest.text, cheapest.text

    made = await shopper.say("What is it made of?")
    await assert_attribute(made, services, JAR, MATERIALS)
    assert found(("bamboo", "glass"), made.text) == {"bamboo", "glass"}, made.text

    use = await shopper.say("And what's it for?")
    await assert_use(use, services, JAR)
    assert await cart_of(services) == {}

    cotton = await shopper.say("Is the tank top made of cotton?")
    known = await assert_attribute(cotton, services, TANK_TOP, MATERIALS, asked=("cotton",))
    if "cotton" in known:
        assert "cotton" in cotton.text.lower() and not denies(cotton), cotton.text
    else:
        assert not affirms(cotton), cotton.text
    assert await cart_of(services) == {}

    await shopper.say("Add the tank top and four of the jars.")
    cart = {TANK_TOP: 1, JAR: 4}
    assert await cart_of(services) == cart

    yen = await shopper.say("What's that in yen?")
    await assert_says_price(yen, services, cart, "JPY")  # $40.95

    alert = await shopper.say("Tell me when the tank top goes under 15 dollars.")
    assert_alert(alert, "Tank Top", "USD", 15)
    alerts = {("Tank Top", "USD", 15)}
    assert await alerts_of(services) == alerts
    assert await cart_of(services) == cart

    final = await shopper.say("Show me my cart and my alerts.")
    assert listed_alerts(final) == ["Tank Top"], final.tool_results
    await assert_final_cart(final, services, cart, alerts)  # $40.95
