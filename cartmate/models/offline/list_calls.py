"""The cart manager's calls for the shopper's own shopping list (`planner.shopping_lists`):
note it, compare the cart with it, make the cart match it, cross a product off it."""

from __future__ import annotations

from decimal import Decimal

from cartmate.models.offline.decisions import CallTools, Decision, Reply, ToolCall, one_call
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.wording import join_or
from cartmate.planner import Intent
from cartmate.planner.lexicon import CATEGORY_WORDS

__all__ = ["LIST_KINDS", "list_call"]

LIST_KINDS = frozenset(
    {"note_list", "check_list", "fill_list", "match_list", "cross_off_list", "list_quantity",
     "price_list"}
)  # fmt: skip
_TOOL = {
    "note_list": "note_shopping_list",
    "check_list": "compare_with_list",
    "fill_list": "match_cart_to_list",
    "match_list": "match_cart_to_list",
    "cross_off_list": "cross_off_list",
    "list_quantity": "set_list_quantity",
    "price_list": "compare_with_list",
}


def list_call(view: RequestView, intent: Intent) -> Decision | None:
    """The call for a list request, a question back when it is unclear which product is
    meant, or None when this agent has no list tools."""
    tool = _TOOL[intent.kind]
    if tool not in view.tools:
        return None
    if intent.kind == "note_list":
        named = [r for r in intent.products if r.text]
        return one_call(
            tool,
            products=[str(r.text) for r in named],
            quantities=[r.quantity or 1 for r in named],
            about=intent.list_side,
        )
    if intent.kind in {"check_list", "price_list"}:
        return one_call(tool, about=intent.list_side)
    if intent.kind == "list_quantity":
        return _list_count(view, intent)
    if intent.kind == "fill_list":
        return one_call(tool, only_missing=True)
    if intent.kind == "match_list":
        return one_call(
            tool,
            products=[str(r.text) for r in intent.products if r.text] or None,
            keep=[str(r.text) for r in intent.excluded if r.text] or None,
        )
    return _crossed_off(view, intent)


def _crossed_off(view: RequestView, intent: Intent) -> Decision:
    """ "cross the jar off my list"; "the 18.99 one" is the list's product at that price
    (asked which when several are)."""
    lines = (view.state.get("shopping_list") or {}).get("items") or []
    named = next((r.text for r in intent.products if r.text), None)
    if named:
        return one_call("cross_off_list", product=named)
    if intent.price is not None:
        nanos = int(intent.price.amount * Decimal(1_000_000_000))
        at = [x for x in lines if x.get("price_usd_nanos") == nanos]
        if len(at) == 1:
            return one_call("cross_off_list", product=at[0]["id"])
        if at:
            names = [x["name"] for x in at]
            return Reply(f"Which one should I cross off your list: {join_or(names)}?")
        return Reply(f"Nothing on your list costs ${intent.price.amount}.")
    if len(lines) == 1:
        return CallTools((ToolCall("cross_off_list", {"product": lines[0]["id"]}),))
    names = [x["name"] for x in lines]
    return Reply(f"Which one should I cross off your list: {join_or(names)}?")


def _list_count(view: RequestView, intent: Intent) -> Decision:
    """ "change the jars on my list to 5"; "the kitchen thing on my list" is the list's
    product of that kind (asked which when several are)."""
    named = next((r for r in intent.products if r.text), None)
    count = intent.quantity if intent.quantity is not None else 1
    if named is None:
        return Reply("Which product on your list should I change?")
    lines = (view.state.get("shopping_list") or {}).get("items") or []
    kind = CATEGORY_WORDS.get(str(named.text).split()[0])
    if kind is not None:  # "the kitchen thing"
        of_kind = [x for x in lines if kind in (x.get("categories") or [])]
        if len(of_kind) > 1:
            names = [x["name"] for x in of_kind]
            return Reply(f"Which one on your list should be {count}: {join_or(names)}?")
        if of_kind:
            return one_call("set_list_quantity", product=of_kind[0]["id"], quantity=count)
    return one_call("set_list_quantity", product=str(named.text), quantity=count)
