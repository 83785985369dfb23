"""Taking the last change back: which messages are a plain undo, and what undoes a record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.undo import said_undo, undo_request, undone_intent
from cartmate.planner import PriceLimit, ProductRef

CART_CHANGE = {"turn": "t1", "lines": [{"id": "M", "name": "Mug", "before": 1, "after": 3}]}
TAKEN_OUT = {"turn": "t2", "lines": [
    {"id": "M", "name": "Mug", "before": 1, "after": 0},
    {"id": "S", "name": "Salt & Pepper Shakers", "before": 2, "after": 0},
]}  # fmt: skip


def view(text: str, *records: dict[str, Any], wrote: bool = False) -> RequestView:
    outcomes = [ToolOutcome("add_to_cart", {}, {"status": "ok"})] if wrote else []
    return RequestView(
        agent_name="cart_manager", user_text=text, images=[], outcomes=outcomes,
        tools=frozenset(), transfer_targets=frozenset(), state={"changes": list(records)},
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["Undo that.", "undo", "Too much. Undo that last change.", "oops, scratch that last one",
     "Scratch that last one.", "revert it please", "ok undo it", "Can you undo that?"],
)  # fmt: skip
def test_plain_undos(text: str) -> None:
    assert said_undo(text)
    assert undo_request(view(text, CART_CHANGE)) == ("undo", CART_CHANGE)


@pytest.mark.parametrize(
    "text",
    ["undo that and add a mug", "how do I undo an order?", "scratch that, show me watches",
     "Put the mug back."],
)  # fmt: skip
def test_messages_that_say_more_are_left_to_the_planner(text: str) -> None:
    assert undo_request(view(text, CART_CHANGE)) is None


def test_nothing_changed_yet_and_the_undo_of_an_undo() -> None:
    assert undo_request(view("Undo that.")) == ("undo", None)
    # this turn already wrote (the undo itself): its record is the newest, the one before
    # is what the shopper took back
    assert undo_request(view("undo that", CART_CHANGE, TAKEN_OUT, wrote=True)) == (
        "undo", CART_CHANGE,
    )  # fmt: skip


def test_putting_back_and_keeping_what_was_taken_out() -> None:
    assert undo_request(view("Actually, never mind - put them all back.", TAKEN_OUT)) == (
        "undo", TAKEN_OUT,
    )  # fmt: skip
    assert undo_request(view("Oh no, put it back.", TAKEN_OUT)) == ("ask", TAKEN_OUT)  # which?
    assert undo_request(view("On second thought, keep them.", TAKEN_OUT)) == ("undo", TAKEN_OUT)
    assert undo_request(view("put them back", CART_CHANGE)) is None  # nothing was taken out


def test_never_mind_the_alert_takes_back_only_the_alert_made() -> None:
    record = {"turn": "t", "alerts_made": [{"id": "al_1", "product_id": "W"}],
              "lines": [{"id": "M", "name": "Mug", "before": 0, "after": 1}]}  # fmt: skip
    assert undo_request(view("Actually, never mind the alert.", record)) == (
        "alert", {"alerts_made": record["alerts_made"]},
    )  # fmt: skip


def test_what_undoes_a_record_exactly() -> None:
    intent = undone_intent(CART_CHANGE)
    assert intent is not None and intent.kind == "set_quantity" and intent.quantity == 1
    back = undone_intent(TAKEN_OUT)
    assert back is not None and back.kind == "add_to_cart"
    assert [(r.text, r.quantity) for r in back.products] == [("M", 1), ("S", 2)]
    added = undone_intent({"lines": [{"id": "J", "name": "Jar", "before": 0, "after": 2}]})
    assert added is not None and added.kind == "remove_from_cart"
    alerts = undone_intent({
        "alerts_made": [{"id": "al_2", "product_id": "S", "product_name": "Sunglasses"}],
        "alerts_cancelled": [{"product_id": "S", "product_name": "Sunglasses",
                              "target": {"currency_code": "EUR", "units": 15, "nanos": 500000000}}],
    })  # fmt: skip
    assert alerts is not None and alerts.kind == "delete_alert"
    assert alerts.alert_ref == ProductRef(text="al_2")
    [again] = alerts.secondary
    assert again.kind == "create_alert" and again.products == (ProductRef(text="S"),)
    assert again.max_price == PriceLimit(Decimal("15.5"), "EUR")
    assert undone_intent({"turn": "t", "lines": []}) is None
