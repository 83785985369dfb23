"""The products the conversation state knows with their catalog price in dollars (shown,
in focus, in the cart, alerted), found by id or by the shopper's words."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.request_view import RequestView

__all__ = ["known_priced", "priced_in_state"]


def known_priced(view: RequestView) -> list[dict[str, Any]]:
    """Every product the state knows with its catalog price in dollars."""
    entries = [view.state.get("focus_product") or {}, *(view.state.get("recent_products") or []),
               *(view.state.get("cart") or []), *(view.state.get("alerts") or [])]  # fmt: skip
    for shown in view.state.get("shown_lists") or []:
        entries += list(shown.get("items") or []) if isinstance(shown, dict) else []
    return [e for e in entries if isinstance(e, dict) and "price_usd_nanos" in e]


def priced_in_state(view: RequestView, said: str | None) -> dict[str, Any] | None:
    """The product an id or words name ("the mug") among those the state knows with a
    price, when exactly one fits; None otherwise."""
    if not said:
        return None
    known = known_priced(view)
    by_id = [e for e in known if e.get("id") == said or e.get("product_id") == said]
    if by_id:
        return by_id[0]
    words = [w.rstrip("s") for w in said.lower().split() if w not in {"the", "a", "one"}]
    named = [e for e in known if all(w in _label(e) for w in words)]
    ids = {e.get("id") or e.get("product_id") for e in named}
    return named[0] if len(ids) == 1 else None


def _label(entry: dict[str, Any]) -> str:
    return str(entry.get("name") or entry.get("product_name") or "").lower()
