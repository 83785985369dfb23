"""The conversation state's bookkeeping: lists shown lately, products added and "them"."""

from __future__ import annotations

from typing import Any

from cartmate.agent_runtime import state as st
from cartmate.boutique.models import Product
from cartmate.money import Money


def product(pid: str, name: str, dollars: int, *categories: str) -> Product:
    price = Money(currency_code="USD", units=dollars, nanos=0)
    return Product(pid, name, "", "", price, categories)


MUG, JAR, WATCH = (
    product("M", "Mug", 9, "kitchen"), product("J", "Jar", 5, "kitchen"),
    product("W", "Watch", 110, "accessories"),
)  # fmt: skip


def test_lists_shown_are_kept_newest_last_and_bounded() -> None:
    state: dict[str, Any] = {}
    st.remember_products(state, [MUG, JAR], new_topic=True, about="kitchen")
    st.remember_products(state, [MUG, JAR], new_topic=True, about="kitchen")  # the same again
    st.remember_products(state, [WATCH])
    lists = state[st.SHOWN_LISTS]
    assert [entry["about"] for entry in lists] == ["kitchen", ""]
    assert lists[0]["items"][0] == {
        "id": "M", "name": "Mug", "categories": ["kitchen"], "price_usd_nanos": 9_000_000_000
    }  # fmt: skip
    for n in range(20):
        st.remember_products(state, [[MUG, JAR, WATCH][n % 3]], about=str(n))
    kept = state[st.SHOWN_LISTS]
    assert len(kept) == 8 and kept[0]["about"] == "kitchen"  # the first stays: "the very first"
    assert [entry["about"] for entry in kept[1:]] == [str(n) for n in range(13, 20)]
    assert [entry["seq"] for entry in kept] == sorted(entry["seq"] for entry in kept)


def test_what_later_turns_point_back_to_is_kept_bounded() -> None:
    state: dict[str, Any] = {}
    st.remember_removed(state, MUG, 3)
    st.remember_removed(state, JAR, None)
    st.remember_removed(state, MUG, 1)  # the mug again: one entry, newest last
    assert state[st.REMOVED] == [
        {"id": "J", "name": "Jar", "quantity": None}, {"id": "M", "name": "Mug", "quantity": 1}
    ]  # fmt: skip
    st.remember_quantity_change(state, MUG, 4, 2)
    assert state[st.QUANTITY_CHANGES] == [{"id": "M", "name": "Mug", "before": 4, "after": 2}]
    st.remember_currency(state, "EUR", for_good=True)
    state[st.DISPLAY_CURRENCY] = "EUR"
    st.remember_currency(state, "JPY", for_good=False)  # in passing: "before" stays
    st.remember_currency(state, "GBP", for_good=True)
    assert state[st.CURRENCIES] == {"asked": ["EUR", "JPY", "GBP"], "before": "EUR"}
    for n in range(10):
        st.remember_weighed(state, [f"a{n}", f"b{n}"])
    assert len(state[st.WEIGHED]) == 4 and state[st.WEIGHED][0] == ["a0", "b0"]
    st.remember_asked_about(state, WATCH)
    assert state[st.ASKED_ABOUT][0]["seq"] == state[st.SEQ]
    snapshot = st.snapshot(state)
    for key in ("removed_lines", "quantity_changes", "currencies", "weighed", "seq"):
        assert key in snapshot, key


def test_products_added_together_are_them_and_the_order_first_added_is_kept() -> None:
    state: dict[str, Any] = {}
    st.remember_products(state, [WATCH], new_topic=True)
    st.remember_added(state, MUG, 1, "turn-1")
    assert [p["id"] for p in state[st.RECENT_PRODUCTS]] == ["W"]  # one add: the list stays
    st.remember_added(state, JAR, 2, "turn-1")
    assert [p["id"] for p in state[st.RECENT_PRODUCTS]] == ["M", "J"]  # "them"
    st.remember_added(state, MUG, 1, "turn-2")
    assert state[st.ADDED_ORDER] == ["M", "J"]  # more of the mug keeps its place


def test_adds_picked_from_the_list_shown_leave_it() -> None:
    state: dict[str, Any] = {}
    st.remember_products(state, [MUG, JAR, WATCH], new_topic=True)
    st.remember_added(state, MUG, 1, "turn-1")
    st.remember_added(state, JAR, 1, "turn-1")  # "the first and second ones"
    assert [p["id"] for p in state[st.RECENT_PRODUCTS]] == ["M", "J", "W"]


def test_each_turn_that_writes_is_one_change_record_bounded() -> None:
    state: dict[str, Any] = {}
    line = {"id": "M", "name": "Mug"}
    st.remember_change(state, "t1", line={**line, "before": 0, "after": 2})
    st.remember_change(state, "t1", line={**line, "before": 2, "after": 3})  # same turn
    st.remember_change(state, "t1", line={"id": "J", "name": "Jar", "before": 1, "after": 0})
    assert state[st.CHANGES] == [{"turn": "t1", "lines": [
        {**line, "before": 0, "after": 3}, {"id": "J", "name": "Jar", "before": 1, "after": 0},
    ]}]  # fmt: skip
    # added and taken out again in one turn: no change left for that line
    st.remember_change(state, "t2", line={**line, "before": 3, "after": 4})
    st.remember_change(state, "t2", line={**line, "before": 4, "after": 3})
    assert state[st.CHANGES][-1] == {"turn": "t2", "lines": []}
    made = {"id": "al_1", "product_id": "W", "product_name": "Watch"}
    st.remember_change(state, "t3", alert_made=made)
    cancelled = {"product_id": "W", "product_name": "Watch", "target": {"currency_code": "GBP"}}
    st.remember_change(state, "t4", alert_cancelled=cancelled)
    assert [r["turn"] for r in state[st.CHANGES]] == ["t2", "t3", "t4"]  # the last three
    assert state[st.CHANGES][1]["alerts_made"] == [made]
    assert state[st.CHANGES][2]["alerts_cancelled"] == [cancelled]
    assert st.snapshot(state)["changes"] == state[st.CHANGES]


def test_gift_marks_of_an_earlier_version_count_the_whole_line() -> None:
    from cartmate.agent_runtime.gift_marks import fit_marks, gift_marks

    state: dict[str, object] = {"gifts": {"L9ECAV7KIM": "dad", "GONE": "mum"}}
    assert gift_marks(state) == {"L9ECAV7KIM": {"dad": 999}, "GONE": {"mum": 999}}
    # fitted to the cart: as many as the line holds, lines gone dropped, stored back
    assert fit_marks(state, {"L9ECAV7KIM": 2}) == {"L9ECAV7KIM": {"dad": 2}}
    assert state["gifts"] == {"L9ECAV7KIM": {"dad": 2}}
