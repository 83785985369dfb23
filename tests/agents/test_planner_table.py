"""The offline planner through the real agents: utterances in, transfers and tool calls out.

Each case runs in a fresh session: the `before` messages first (for references to earlier
results), then the utterance, and checks which specialist got it and which tools it called
with which arguments (a subset match: only the arguments named are compared).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from tests.agents.conftest import ConversationFactory

SUNGLASSES, TANK, WATCH, LOAFERS = "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM"
DRYER, CANDLE, SHAKERS, JAR, MUG = (
    "2ZYFJ3GM2N",
    "0PUK6V6EV0",
    "LS4PSXUNUM",
    "9SIQT8TOJO",
    "6E92ZMYYFZ",
)
KITCHEN_SEARCH = "something for the kitchen"  # shows Salt & Pepper Shakers, Jar, Mug (some order)


@dataclass(frozen=True)
class Case:
    utterance: str
    agent: str | None  # the specialist it goes to; None: the orchestrator answers itself
    calls: tuple[tuple[str, dict[str, Any]], ...] = ()
    before: tuple[str, ...] = ()
    text: str | None = None  # a phrase the answer must contain
    extra: dict[str, Any] = field(default_factory=dict)


def c(
    utterance: str,
    agent: str | None,
    *calls: tuple[str, dict[str, Any]],
    before: tuple[str, ...] = (),
    text: str | None = None,
) -> Case:
    return Case(utterance, agent, calls, before, text)


D, CM, P, S = "product_discovery", "cart_manager", "price_comparison", "style_profiler"

CASES = [
    # --- small talk, help, out of scope (the orchestrator answers)
    c("hi", None, text="CartMate"),
    c("add 0 mugs", CM, text="haven't added anything"),
    c("Hello there!", None, text="CartMate"),
    c("good morning :)", None, text="CartMate"),
    c("what can you do?", None, text="search the catalog"),
    c("HELP", None, text="search the catalog"),
    c("how does this work", None, text="search the catalog"),
    c("thanks!", None),
    c("cheers, that's all", None),
    c("bye", None, text="Goodbye"),
    c("what's the weather tomorrow?", None, text="shopping"),
    c("tell me a joke", None, text="shopping"),
    c("asdf qwerty", None, text="didn't understand"),
    # --- search
    c(
        "sunglasses under 25 dollars",
        D,
        ("search_products", {"query": "sunglasses", "max_price": "25", "price_currency": "USD"}),
    ),
    c("something for the kitchen", D, ("search_products", {"category": "kitchen"})),
    c("cheapest accessories", D, ("search_products", {"sort": "price_asc"})),
    c("show me shoes", D, ("search_products", {})),
    c("do you have any mugs?", D, ("search_products", {})),
    c("anything below 20 bucks?", D, ("search_products", {"max_price": "20"})),
    c(
        "find me a watch between $50 and $150",
        D,
        ("search_products", {"min_price": "50", "max_price": "150"}),
    ),
    c("items under fifty dollars", D, ("search_products", {"max_price": "50"})),
    c(
        "I'm looking for a gift under €30",
        D,
        ("search_products", {"max_price": "30", "price_currency": "EUR"}),
    ),
    c("SHADES", D, ("search_products", {})),
    c("chepest sunglasses", D, ("search_products", {"sort": "price_asc"})),
    c("what's in the kitchen category", D, ("search_products", {"category": "kitchen"})),
    c("most expensive thing you have", D, ("search_products", {"sort": "price_desc"})),
    c("black shoes", D, ("search_products", {})),
    # --- product questions
    c("tell me about the watch", D, ("get_product_details", {"product": "watch"})),
    c("describe the sunglasses", D, ("get_product_details", {"product": "sunglasses"})),
    c("how much is the hairdryer?", D, ("get_product_details", {"product": "hairdryer"})),
    c("is the candle holder available?", D, ("get_product_details", {"product": "candle holder"})),
    c("more details on the second one", D, ("get_product_details", {}), before=(KITCHEN_SEARCH,)),
    c("more details on the second one", D, before=("shades",), text="Which product"),
    c("what categories do you have?", D, ("list_categories", {})),
    # --- complements
    c("what goes with the loafers?", D, ("suggest_complements", {"product": "loafers"})),
    c("what matches my cart?", D, ("suggest_complements", {})),
    c("complete the look", D, ("suggest_complements", {}), before=("tell me about the loafers",)),
    # --- add to cart
    c("I'll take the mug", CM, ("add_to_cart", {"product": "mug", "quantity": 1})),
    c("add the mug", CM, ("add_to_cart", {"product": "mug", "quantity": 1})),
    c("put 3 mugs in my cart", CM, ("add_to_cart", {"quantity": 3})),
    c("ADD TWO MUGS", CM, ("add_to_cart", {"quantity": 2})),
    c("add a dozen jars", CM, ("add_to_cart", {"quantity": 12})),
    c("buy the watch", CM, ("add_to_cart", {"product": "watch"})),
    c("add the sunglases", CM, ("add_to_cart", {"product": "sunglasses"})),
    c("ad the mug", CM, ("add_to_cart", {"product": "mug"})),
    c("add it", CM, ("add_to_cart", {"product": WATCH}), before=("tell me about the watch",)),
    c(
        "add two of those",
        CM,
        ("add_to_cart", {"product": WATCH, "quantity": 2}),
        before=("tell me about the watch",),
    ),
    c("add the first one", CM, ("add_to_cart", {"quantity": 1}), before=(KITCHEN_SEARCH,)),
    c(
        "i want three of the second one",
        CM,
        ("add_to_cart", {"quantity": 3}),
        before=(KITCHEN_SEARCH,),
    ),
    c("add both", CM, ("add_to_cart", {}), ("add_to_cart", {}), before=("accessories",)),
    c(
        "add all of them to my cart",
        CM,
        ("add_to_cart", {}),
        ("add_to_cart", {}),
        ("add_to_cart", {}),
        before=(KITCHEN_SEARCH,),
    ),
    c("add the cheapest one", CM, ("add_to_cart", {"product": JAR}), before=(KITCHEN_SEARCH,)),
    c(
        "add 2 mugs and a jar",
        CM,
        ("add_to_cart", {"quantity": 2}),
        ("add_to_cart", {"quantity": 1}),
    ),
    c("get me a couple of candle holders", CM, ("add_to_cart", {"quantity": 2})),
    # --- remove, change quantity
    c("remove the watch", CM, ("remove_from_cart", {"product": "watch"})),
    c("take the mug out", CM, ("remove_from_cart", {"product": "mug"})),
    c("drop the loafers from my cart", CM, ("remove_from_cart", {"product": "loafers"})),
    c("I don't want the sunglasses anymore", CM, ("remove_from_cart", {"product": "sunglasses"})),
    c("remvoe the watch", CM, ("remove_from_cart", {"product": "watch"})),
    c("remove it", CM, ("remove_from_cart", {"product": MUG}), before=("add the mug",)),
    c(
        "delete the second item",
        CM,
        ("remove_from_cart", {}),
        before=("add the mug", "add the watch", "show my cart"),
    ),
    c("change the mug to 4", CM, ("set_cart_quantity", {"product": "mug", "quantity": 4})),
    c(
        "make it three",
        CM,
        ("set_cart_quantity", {"product": MUG, "quantity": 3}),
        before=("add the mug",),
    ),
    c("set sunglasses quantity to 2", CM, ("set_cart_quantity", {"quantity": 2})),
    c("only one watch please", CM, ("set_cart_quantity", {"product": "watch", "quantity": 1})),
    c("update the loafers to five", CM, ("set_cart_quantity", {"quantity": 5})),
    # --- view and empty
    c("show my cart", CM, ("view_cart", {})),
    c("shwo my cart", CM, ("view_cart", {})),
    c("what's in my basket?", CM, ("view_cart", {})),
    c("cart", CM, ("view_cart", {})),
    c("how much is my total", CM, ("view_cart", {})),
    c("empty my cart", CM, ("empty_cart", {})),
    c("clear the basket", CM, ("empty_cart", {})),
    c("remove everything", CM, ("empty_cart", {})),
    # --- currency
    c("show prices in euros", None, ("set_display_currency", {"currency": "EUR"})),
    c("in JPY", None, ("set_display_currency", {"currency": "JPY"})),
    c("switch to pounds", None, ("set_display_currency", {"currency": "GBP"})),
    c("can I see that in yen?", None, ("set_display_currency", {"currency": "JPY"})),
    c("use Canadian dollars", None, ("set_display_currency", {"currency": "CAD"})),
    c("convert to sek", None, ("set_display_currency", {"currency": "SEK"})),
    c(
        "prices in bitcoin",
        None,
        ("set_display_currency", {"currency": "BITCOIN"}),
        text="can't show prices",
    ),
    # --- comparison and deals
    c("is the watch cheaper elsewhere?", P, ("compare_prices", {"product": "watch"})),
    c("compare prices for the loafers", P, ("compare_prices", {"product": "loafers"})),
    c("compair prices for the mug", P, ("compare_prices", {"product": "mug"})),
    c("where can I find the sunglasses cheaper", P, ("compare_prices", {"product": "sunglasses"})),
    c("check other stores for the mug", P, ("compare_prices", {"product": "mug"})),
    c(
        "is $109 a fair price for the watch?",
        P,
        ("analyse_deal", {"product": "watch", "offered_price": "109"}),
    ),
    c(
        "is this a good deal?",
        P,
        ("analyse_deal", {"product": WATCH}),
        before=("tell me about the watch",),
    ),
    # --- alerts
    c(
        "tell me if the loafers drop below $80",
        P,
        (
            "create_price_alert",
            {"product": "loafers", "target_price": "80", "price_currency": "USD"},
        ),
    ),
    c(
        "let me know when the watch is under 100",
        P,
        ("create_price_alert", {"product": "watch", "target_price": "100"}),
    ),
    c(
        "alert me when the mug costs less than five euros",
        P,
        ("create_price_alert", {"product": "mug", "target_price": "5", "price_currency": "EUR"}),
    ),
    c(
        "track the hairdryer, ping me once it's 15 per cent cheaper",
        P,
        ("create_price_alert", {"product": "hairdryer", "drop_percent": "15"}),
        before=("tell me about the watch",),
    ),
    c(
        "alert me when the watch drops 20%",
        P,
        ("create_price_alert", {"product": "watch", "drop_percent": "20"}),
    ),
    c("my alerts", P, ("list_price_alerts", {})),
    c("show my price alerts", P, ("list_price_alerts", {})),
    c(
        "cancel that alert",
        P,
        ("delete_price_alert", {}),
        before=("tell me if the loafers drop below $80",),
    ),
    c("delete the loafers alert", P, ("delete_price_alert", {"alert": "loafers"})),
    c("remove all my alerts", P, ("delete_price_alert", {"alert": "all"})),
    # --- outfits: bundles within a budget, coherence of the cart
    c(
        "put together an outfit under $150",
        D,
        ("suggest_bundle", {"budget": "150", "price_currency": "USD"}),
        text="outfit",
    ),
    c(
        "build me a look for work under 100 euros",
        D,
        ("suggest_bundle", {"budget": "100", "price_currency": "EUR", "occasion": "work"}),
    ),
    c("I need an outfit", D, text="budget"),
    c(
        "does my cart go together?",
        CM,
        ("check_cart_coherence", {}),
        before=("add the loafers", "add the tank top"),
    ),
    c(
        "what's missing from my outfit?",
        CM,
        ("check_cart_coherence", {}),
        before=("add the tank top",),
    ),
    # --- follow-ups that lean on the previous request
    c("the jar too", CM, ("add_to_cart", {"product": "jar"}), before=("add the mug",)),
    c("yes please", None, text="next"),
    c("never mind", None, text="No problem"),
    # --- style
    c("what's my style?", S, ("show_style_profile", {})),
    c("forget my style", S, ("reset_style_profile", {})),
    c("reset my style profile", S, ("reset_style_profile", {})),
    c("I don't like yellow", S, ("record_style_preferences", {"dislikes": ["yellow"]})),
    c("I love minimalist stuff", S, ("record_style_preferences", {})),
]


def _matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    return all(actual.get(key) == value for key, value in expected.items())


@pytest.mark.parametrize("case", CASES, ids=[case.utterance for case in CASES])
async def test_utterance(
    case: Case, converse: ConversationFactory, provider: StaticServices, settings: Settings
) -> None:
    conversation = await converse(build_orchestrator_agent(provider, settings))
    for earlier in case.before:
        await conversation.say(earlier)
    turn = await conversation.say(case.utterance)
    assert turn.transfers == ([case.agent] if case.agent else []), turn.text
    actual = [(name, args) for _, name, args in turn.tool_calls]
    assert [name for name, _ in actual] == [name for name, _ in case.calls], actual
    for (_, want), (_, got) in zip(case.calls, actual, strict=True):
        assert _matches(want, got), f"{got} does not match {want}"
    assert turn.text and turn.partial_text == turn.text
    if case.text:
        assert case.text in turn.text


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80
