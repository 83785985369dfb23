"""The shopping-list tools' results said as sentences: the list noted, the cart compared
with it, the changes that made the cart match, a product crossed off."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.wording import join_and

__all__ = ["LIST_TOOLS", "list_sentence"]

LIST_TOOLS = frozenset(
    {"note_shopping_list", "compare_with_list", "match_cart_to_list", "cross_off_list",
     "set_list_quantity"}
)  # fmt: skip


def list_sentence(
    name: str, r: dict[str, Any], cart_sentence: str, *, cost_asked: bool = False
) -> str:
    """What one list tool's result says; `cart_sentence` is the cart as it stands, said;
    `cost_asked`: the shopper asked what the list would cost."""
    unsold = _not_sold(r)
    if cost_asked and r.get("list"):
        listed = [f"{x['quantity']} × {x['product']['name']}" for x in r["list"]]
        said = f"Your list comes to {r['display_list_total']}: {join_and(listed)}."
        return " ".join(x for x in (said, unsold) if x)
    if name == "set_list_quantity":
        listed = [f"{x['quantity']} × {x['product']['name']}" for x in r.get("list") or []]
        changed = (r.get("product") or {}).get("name", "it")
        rest = f" Your list now: {join_and(listed)}." if listed else " Your list is empty now."
        said = f"Your list now asks for {r.get('quantity')} × {changed}"
        return f"{said}; your cart stays as it is.{rest}"
    if name == "note_shopping_list":
        listed = [f"{x['quantity']} × {x['product']['name']}" for x in r.get("list") or []]
        head = f"Got your list: {join_and(listed)}." if listed else "Got your list."
        unclear = [u["said"] for u in r.get("unclear") or []]
        if unclear:
            head += f" I'm not sure which product you mean by {join_and(unclear)}."
        return " ".join(x for x in (head, unsold, comparison(r)) if x)
    if name == "compare_with_list":
        return " ".join(x for x in (comparison(r), unsold) if x)
    if name == "cross_off_list":
        crossed = (r.get("product") or {}).get("name", "that")
        listed = [f"{x['quantity']} × {x['product']['name']}" for x in r.get("list") or []]
        rest = f" Your list now: {join_and(listed)}." if listed else " Your list is empty now."
        return f"Crossed {crossed} off your list; your cart stays as it is.{rest}"
    changes = r.get("changes") or []
    added = [f"{c['change']} × {c['product']['name']}" for c in changes if c["change"] > 0]
    taken = [f"{-c['change']} × {c['product']['name']}" for c in changes if c["change"] < 0]
    parts = []
    if added:
        parts.append(f"Added {join_and(added)}.")
    if taken:
        parts.append(f"Took out {join_and(taken)}.")
    if not changes:
        parts.append(
            "Your cart already matches your list."
            if r.get("matches")
            else "Nothing on your list is missing from your cart."
        )
    return " ".join(x for x in (*parts, unsold, cart_sentence) if x)


def comparison(r: dict[str, Any]) -> str:
    """What is missing from the cart, and what it holds beyond the list."""
    missing = [_missing(x) for x in r.get("missing") or []]
    extra = [_extra(x) for x in r.get("extra") or []]
    if not missing and not extra:
        return "Everything on your list is in your cart, and nothing else is."
    said = (
        f"Missing from your cart: {join_and(missing)}."
        if missing
        else "Everything on your list is in your cart."
    )
    beyond = (
        f" Beyond your list: {join_and(extra)}."
        if extra
        else " Nothing in your cart is off your list."
    )
    return said + beyond


def _missing(x: dict[str, Any]) -> str:
    name = x["product"]["name"]
    if x["in_cart"]:
        return f"{x['quantity']} more {name} ({x['on_list']} listed, {x['in_cart']} in the cart)"
    return f"{x['quantity']} × {name}"


def _extra(x: dict[str, Any]) -> str:
    name = x["product"]["name"]
    if x["on_list"]:
        return f"{x['quantity']} more {name} ({x['in_cart']} in the cart, {x['on_list']} listed)"
    return f"{x['in_cart']} × {name}"


def _not_sold(r: dict[str, Any]) -> str:
    unsold = r.get("not_carried") or []
    if not unsold:
        return ""
    quoted = [f'"{x}"' for x in unsold]
    return f"We don't sell {join_and(quoted)}, so it stays off your cart."
