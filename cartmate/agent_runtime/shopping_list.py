"""The shopper's own shopping list, kept in the session state, and how the cart stands to it.

A list is what the shopper typed ("here's my list: 2 mugs, a jar, the sunglasses"), resolved
to catalog products once when it is given (`state.SHOPPING_LIST`): its lines by product id
with the count the list asks for, and the words the catalog has nothing for ("a toaster").
The cart is compared with it line by line: what is missing (the list asks for more than the
cart holds) and what is extra (the cart holds more than the list asks for, or a product the
list does not name).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from cartmate.agent_runtime import state as st

__all__ = ["compare_with_cart", "list_lines", "not_carried", "save_list"]


def list_lines(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The list's lines, [{"id", "name", "quantity"}], in the order the shopper wrote them."""
    kept = state.get(st.SHOPPING_LIST) or {}
    return [dict(line) for line in kept.get("items") or [] if isinstance(line, Mapping)]


def not_carried(state: Mapping[str, Any]) -> list[str]:
    """What the list names that the shop does not sell, as the shopper wrote it."""
    return list((state.get(st.SHOPPING_LIST) or {}).get("not_carried") or [])


def save_list(
    state: MutableMapping[str, Any], lines: list[dict[str, Any]], missing_words: list[str]
) -> None:
    state[st.SHOPPING_LIST] = {"items": lines, "not_carried": missing_words}


def compare_with_cart(
    lines: list[dict[str, Any]], cart_items: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """How the cart (its presented lines: "product_id", "name", "quantity") stands to the list.

    Returns "missing" (list lines the cart holds fewer of: how many more, the list's and the
    cart's counts), "extra" (cart lines beyond the list: how many too many, both counts; a
    product the list does not name has `on_list` 0), "all_there" and "matches".
    """
    held = {str(i["product_id"]): int(i["quantity"]) for i in cart_items}
    names = {str(i["product_id"]): str(i.get("name") or "") for i in cart_items}
    wanted = {line["id"]: int(line["quantity"]) for line in lines}
    missing = [
        {
            "product": {"id": line["id"], "name": line["name"]},
            "quantity": wanted[line["id"]] - held.get(line["id"], 0),
            "on_list": wanted[line["id"]],
            "in_cart": held.get(line["id"], 0),
        }
        for line in lines
        if held.get(line["id"], 0) < wanted[line["id"]]
    ]
    extra = [
        {
            "product": {"id": pid, "name": names[pid]},
            "quantity": count - wanted.get(pid, 0),
            "on_list": wanted.get(pid, 0),
            "in_cart": count,
        }
        for pid, count in held.items()
        if count > wanted.get(pid, 0)
    ]
    return {
        "missing": missing,
        "extra": extra,
        "all_there": not missing,
        "matches": not missing and not extra,
    }
