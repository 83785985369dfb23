"""Which cart lines a wholesale change means, and a count answering "1 or 2?"."""

from __future__ import annotations

from typing import Any

import pytest

from cartmate.models.offline.answered_questions import count_answered
from cartmate.models.offline.cart_calls import lines_of_category
from cartmate.models.offline.request_view import RequestView
from cartmate.planner import ConversationContext, understand

CART = [
    {"id": "T", "name": "Tank Top", "quantity": 1, "categories": ["clothing", "tops"],
     "traits": ["black", "metallic", "sparkle"]},
    {"id": "M", "name": "Mug", "quantity": 3, "categories": ["kitchen"],
     "traits": ["black", "ceramic", "glossy", "mustard", "yellow"]},
    {"id": "J", "name": "Bamboo Glass Jar", "quantity": 1, "categories": ["kitchen"],
     "traits": ["bamboo", "glass"]},
    {"id": "C", "name": "Candle Holder", "quantity": 1, "categories": ["home"],
     "traits": ["ceramic", "metal", "polished", "silver"]},
]  # fmt: skip


def view(text: str, history: list[str] | None = None, **state: Any) -> RequestView:
    history = history or []
    return RequestView(
        agent_name="cart_manager", user_text=text, images=[], outcomes=[], tools=frozenset(),
        transfer_targets=frozenset(), state={"cart": CART, **state}, history_texts=history,
        history_tools=[()] * len(history),
    )  # fmt: skip


def lines_for(text: str) -> list[str]:
    intent = understand(text, context=ConversationContext(last_intent="view_cart"))
    return lines_of_category(view(text), intent)


@pytest.mark.parametrize(
    ("text", "ids"),
    [("Take out everything black.", ["T", "M"]), ("remove all the black stuff", ["T", "M"]),
     ("get rid of anything ceramic", ["M", "C"]), ("Take out all the kitchen stuff", ["M", "J"]),
     ("remove everything silver", ["C"])],
)  # fmt: skip
def test_every_line_so_described(text: str, ids: list[str]) -> None:
    assert lines_for(text) == ids


@pytest.mark.parametrize("text", ["take out the black one", "remove the mug", "remove it"])
def test_one_thing_is_not_every_line(text: str) -> None:
    assert lines_for(text) == []


@pytest.mark.parametrize(
    ("text", "quantity"),
    [("Make it one.", 1), ("2", 2), ("two please", 2), ("round down", 1), ("round it up", 2)],
)
def test_a_count_answers_one_or_two(text: str, quantity: int) -> None:
    intent = understand(text, context=ConversationContext(last_intent="set_quantity"))
    answered = count_answered(view(text, ["Halve the mugs."]), intent)
    assert answered is not None
    assert (answered.kind, answered.products[0].text, answered.quantity) == (
        "set_quantity", "M", quantity,
    )  # fmt: skip


def test_a_count_after_anything_else_is_its_own_request() -> None:
    intent = understand("make it one", context=ConversationContext(last_intent="add_to_cart"))
    assert count_answered(view("make it one", ["add three mugs"]), intent) is None


def test_swapping_one_of_a_line_takes_one_out() -> None:
    from cartmate.models.offline.decisions import CallTools, ToolCall
    from cartmate.models.offline.policy import decide

    text = "Swap one candle holder for a tank top."
    held = RequestView(
        agent_name="cart_manager", user_text=text, images=[], outcomes=[],
        tools=frozenset({"add_to_cart", "remove_from_cart", "set_cart_quantity", "view_cart"}),
        transfer_targets=frozenset(),
        state={"cart": [{**CART[3], "quantity": 2, "price_usd_nanos": 18_990_000_000}]},
    )  # fmt: skip
    decision = decide(held, understand(text))
    assert isinstance(decision, CallTools)
    assert decision.calls[0] == ToolCall("set_cart_quantity", {"product": "C", "quantity": 1})
    assert decision.calls[1].name == "add_to_cart"
