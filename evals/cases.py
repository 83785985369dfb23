"""What the evalsets ask: each case is the shopper's messages, in order, to one agent.

The expected tool calls and answers in `<set>/<set>.evalset.json` are recorded from these
with the offline model (`python evals/run.py --record`) and reviewed; the planner's own
table (tests/agents/test_planner_table.py) pins the same utterances to the same tools.
Every set names the agent that is its root: the specialists alone (as they are served over
A2A) and the orchestrator, for routing and whole conversations.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from io import BytesIO

__all__ = ["EVALSETS", "Case", "EvalSetSpec", "photo"]


def photo(colour: tuple[int, int, int], size: int = 64) -> tuple[str, str]:
    """A small PNG of one colour, as (base64, mime type): a shopper's outfit photo."""
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode(), "image/png"


@dataclass(frozen=True)
class Turn:
    text: str
    images: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Case:
    eval_id: str
    turns: tuple[Turn, ...]
    capability: str


@dataclass(frozen=True)
class EvalSetSpec:
    name: str  # the directory and eval_set_id
    agent: str  # the root agent
    description: str
    cases: list[Case] = field(default_factory=list)


def case(eval_id: str, capability: str, *messages: str | Turn) -> Case:
    turns = tuple(m if isinstance(m, Turn) else Turn(m) for m in messages)
    return Case(eval_id, turns, capability)


RED_OUTFIT = Turn("here's an outfit I like", (photo((200, 30, 40)),))
NAVY_OUTFIT = Turn("this is my style", (photo((20, 30, 90)),))

EVALSETS = [
    EvalSetSpec(
        "product_discovery",
        "product_discovery",
        "Search, product details, categories and complements, the specialist alone.",
        [
            case("search_price_limit", "search", "sunglasses under 25 dollars"),
            case("search_category", "search", "something for the kitchen"),
            case("search_cheapest", "search", "cheapest accessories"),
            case("search_range_eur", "search", "I'm looking for a gift under €30"),
            case("details_watch", "details", "tell me about the watch"),
            case("details_availability", "details", "is the candle holder available?"),
            case(
                "details_by_position",
                "details",
                "something for the kitchen",
                "more details on the second one",
            ),
            case("categories", "categories", "what categories do you have?"),
            case("complements_product", "complements", "what goes with the loafers?"),
        ],
    ),
    EvalSetSpec(
        "cart_manager",
        "cart_manager",
        "Adding, removing, changing quantities, viewing and emptying the cart.",
        [
            case("add_quantity", "cart add", "add two mugs"),
            case("add_several", "cart add", "add 2 mugs and a jar", "show my cart"),
            case("remove", "cart remove", "add the mug", "add the watch", "remove the watch"),
            case("quantity_reference", "cart quantity", "add the mug", "make it three"),
            case("quantity_named", "cart quantity", "add the watch", "only one watch please"),
            case("view_empty", "cart view", "what's in my basket?"),
            case("empty", "cart empty", "add the sunglasses", "empty my cart", "show my cart"),
        ],
    ),
    EvalSetSpec(
        "price_comparison",
        "price_comparison",
        "Comparing prices, deal analysis and price alerts (create, list, delete).",
        [
            case("compare", "compare", "is the watch cheaper elsewhere?"),
            case("deal", "deal", "is $109 a fair price for the watch?"),
            case("alert_create", "alerts create", "tell me if the loafers drop below $80"),
            case(
                "alert_list",
                "alerts list",
                "alert me when the mug costs less than five euros",
                "show my price alerts",
            ),
            case(
                "alert_delete",
                "alerts delete",
                "tell me if the loafers drop below $80",
                "delete the loafers alert",
            ),
            case(
                "alert_delete_all",
                "alerts delete",
                "let me know when the watch is under 100",
                "remove all my alerts",
                "my alerts",
            ),
        ],
    ),
    EvalSetSpec(
        "style_profiler",
        "style_profiler",
        "Style photos, stated preferences, showing and resetting the profile.",
        [
            case("photo", "style photo", RED_OUTFIT),
            case("dislike", "style statement", "I don't like yellow"),
            case("like", "style statement", "I love minimalist stuff"),
            case("show", "style show", "I don't like yellow", "what's my style?"),
            case("reset", "style reset", "I love minimalist stuff", "forget my style"),
        ],
    ),
    EvalSetSpec(
        "orchestrator",
        "orchestrator",
        "The front agent: greetings, help, out of scope, currency, and routing to specialists.",
        [
            case("greeting", "greetings", "hi"),
            case("help", "greetings", "what can you do?"),
            case("goodbye", "greetings", "bye"),
            case("joke", "out of scope", "tell me a joke"),
            case("weather", "out of scope", "what's the weather tomorrow?"),
            case("gibberish", "out of scope", "asdf qwerty"),
            case("currency_eur", "currency", "show prices in euros"),
            case("currency_gbp", "currency", "switch to pounds"),
            case("currency_unknown", "currency", "prices in bitcoin"),
            case("route_search", "search", "show me shoes"),
            case("route_cart", "cart view", "show my cart"),
            case("route_style", "style show", "what's my style?"),
            case("route_compare", "compare", "compare prices for the loafers"),
        ],
    ),
    EvalSetSpec(
        "conversations",
        "orchestrator",
        "Whole conversations through the orchestrator: several specialists, shared state.",
        [
            case(
                "kitchen_to_cart",
                "search, cart add, cart view",
                "hi",
                "something for the kitchen",
                "add the cheapest one",
                "show my cart",
            ),
            case(
                "euro_watch",
                "currency, details, cart add, cart quantity",
                "show prices in euros",
                "tell me about the watch",
                "add it",
                "make it three",
                "show my cart",
            ),
            case(
                "style_then_shop",
                "style statement, search, cart add, complements",
                "I don't like yellow",
                "show me shoes",
                "add the loafers",
                "what goes with the loafers?",
            ),
            case(
                "watch_deal_alert",
                "details, deal, alerts create, alerts list, alerts delete",
                "tell me about the watch",
                "is this a good deal?",
                "let me know when the watch is under 100",
                "my alerts",
                "delete the watch alert",
            ),
            case(
                "cart_edits",
                "cart add, cart remove, cart empty, greetings",
                "add two mugs",
                "the jar too",
                "remove the mug",
                "empty my cart",
                "thanks!",
            ),
            case(
                "photo_profile_reset",
                "style photo, style show, style reset",
                NAVY_OUTFIT,
                "what's my style?",
                "reset my style profile",
            ),
            case(
                "accessories_in_yen",
                "search, cart add, currency, cart view",
                "accessories",
                "add both",
                "in JPY",
                "show my cart",
            ),
        ],
    ),
]
