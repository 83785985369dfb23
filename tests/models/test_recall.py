"""The shopper talking about the assistant's answers: what it did, said and showed."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.recall import recalled_message, told_from_state, verdict
from cartmate.models.offline.request_view import RequestView, ToolOutcome

STATE: dict[str, Any] = {
    "focus_product": {"id": "J", "name": "Bamboo Glass Jar"},
    "recent_products": [{"id": "J", "name": "Bamboo Glass Jar"}, {"id": "M", "name": "Mug"}],
    "changes": [{"turn": "t", "lines": [{"id": "J", "name": "Bamboo Glass Jar", "before": 1,
                                         "after": 3}]}],
    "alerts": [{"id": "al", "product_id": "W", "product_name": "Watch",
                "target": {"currency_code": "USD", "units": 100, "nanos": 0}}],
}  # fmt: skip


def view(text: str, state: dict[str, Any] | None = None, *outcomes: ToolOutcome,
         history: tuple[str, ...] = ()) -> RequestView:  # fmt: skip
    return RequestView(
        agent_name="orchestrator", user_text=text, images=[], outcomes=list(outcomes),
        tools=frozenset(), transfer_targets=frozenset(), state=STATE if state is None else state,
        history_texts=list(history),
    )  # fmt: skip


def test_questions_about_what_was_done_are_put_as_the_planner_reads_them() -> None:
    assert recalled_message(view("Did you add it?")) == "is the Bamboo Glass Jar in my cart?"
    alerted = {**STATE, "changes": [{"turn": "t", "alerts_made": [{"id": "al"}]}]}
    assert recalled_message(view("Did that go through?", alerted)) == "what alerts do I have?"
    assert recalled_message(view("How many hairdryers did you put in?")) == (
        "how many hairdryers do I have in my cart?"
    )
    assert recalled_message(view("Say that again in pounds.", history=("what's my total?",))) == (
        "what's my total in GBP?"
    )
    assert recalled_message(view("You said the jar was $5.49 - is that right?")) == (
        "how much is the jar?"
    )
    assert recalled_message(view("Wait, I thought the mug was cheaper than the jar?")) == (
        "which is cheaper, the mug or the jar?"
    )
    assert recalled_message(view("OK, I'll take the one you recommended.")) == (
        "add the Bamboo Glass Jar"
    )
    assert recalled_message(view("add two mugs")) is None


def test_what_was_just_done_and_the_names_shown_need_no_tool() -> None:
    assert told_from_state(view("What did you just change?")) == (
        "I just added 2 more Bamboo Glass Jar, so you have 3."
    )
    made = {**STATE, "changes": [{"turn": "t", "alerts_made": [{"id": "al", "product_name":
                                                                  "Watch"}]}]}  # fmt: skip
    assert told_from_state(view("what did you just do?", made)) == (
        "I just set a price alert for Watch at $100.00."
    )
    assert "haven't changed" in (told_from_state(view("What did you just add?", {})) or "")
    assert told_from_state(view("Just the names please.")) == "Bamboo Glass Jar and Mug."


def test_what_the_shopper_says_is_checked_against_the_facts() -> None:
    jar = {"status": "ok", "product": {"name": "Bamboo Glass Jar", "price": {
        "currency_code": "USD", "units": 5, "nanos": 490000000}}}  # fmt: skip
    looked = ToolOutcome("get_product_details", {}, jar)
    assert verdict(view("You said the jar was $5.49 - is that right?", None, looked)) == (
        "Yes, that's right: Bamboo Glass Jar is $5.49."
    )
    assert verdict(view("are you sure the jar is $4.99?", None, looked)) == (
        "No: Bamboo Glass Jar is $5.49."
    )
    ranked = ToolOutcome("search_products", {}, {"status": "ok", "products": [
        {"name": "Bamboo Glass Jar"}, {"name": "Mug"}]})  # fmt: skip
    assert verdict(view("I thought the mug was cheaper than the jar?", None, ranked)) == (
        "No, it's the other way round."
    )
