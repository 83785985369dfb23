"""The offline planner's decisions: from the shopper's intent to the next step of one agent.

Given what the agent sees (`RequestView`) the planner either
- calls this agent's tools (`CallTools`),
- hands the request to the specialist that owns it (`Transfer`), or
- answers in words (`Reply`): after its tools ran, for greetings and help, to ask which
  product is meant, or when nothing fits.
Which agent owns an intent is a fixed table (`OWNER`); which tool serves it depends on the
tools the agent was actually offered, as it would for a real model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cartmate.models.offline.request_view import RequestView
from cartmate.planner import ConversationContext, Intent, ProductRef, understand

__all__ = ["OWNER", "CallTools", "Decision", "Reply", "Transfer", "decide", "intent_of"]

# Which specialist owns each intent; the orchestrator answers the rest itself.
OWNER: dict[str, str] = {
    "search": "product_discovery",
    "product_info": "product_discovery",
    "list_categories": "product_discovery",
    "complements": "product_discovery",
    "add_to_cart": "cart_manager",
    "remove_from_cart": "cart_manager",
    "set_quantity": "cart_manager",
    "view_cart": "cart_manager",
    "empty_cart": "cart_manager",
    "compare_prices": "price_comparison",
    "deal_analysis": "price_comparison",
    "create_alert": "price_comparison",
    "list_alerts": "price_comparison",
    "delete_alert": "price_comparison",
    "analyse_style": "style_profiler",
    "show_style": "style_profiler",
    "reset_style": "style_profiler",
    "style_statement": "style_profiler",
}


@dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class CallTools:
    calls: tuple[ToolCall, ...]
    note: str = ""  # a short progress note (streamed as a thought)


@dataclass(frozen=True)
class Transfer:
    agent: str
    note: str = ""


@dataclass(frozen=True)
class Reply:
    text: str
    data: dict[str, Any] = field(default_factory=dict)


Decision = CallTools | Transfer | Reply


def _context(view: RequestView) -> ConversationContext:
    state = view.state
    return ConversationContext(
        recent_product_names=tuple(p["name"] for p in state.get("recent_products") or []),
        focus_product_name=(state.get("focus_product") or {}).get("name"),
        cart_product_names=tuple(line["name"] for line in state.get("cart") or []),
        display_currency=state.get("display_currency"),
        alert_product_names=tuple(a["product_name"] for a in state.get("alerts") or []),
    )


def intent_of(view: RequestView) -> Intent:
    return understand(view.user_text, has_image=bool(view.images), context=_context(view))


class _UnresolvedError(Exception):
    """A reference the state cannot resolve ("the third one" after two results)."""


def _products(view: RequestView, refs: tuple[ProductRef, ...]) -> list[str]:
    """Product arguments for tools: ids from the state for references, the words otherwise."""
    recent = [p["id"] for p in view.state.get("recent_products") or []]
    focus = (view.state.get("focus_product") or {}).get("id")
    found: list[str] = []
    for ref in refs:
        if ref.all_recent:
            if not recent:
                raise _UnresolvedError("all")
            found += recent
        elif ref.ordinal is not None:
            position = ref.ordinal - 1 if ref.ordinal > 0 else len(recent) + ref.ordinal
            if not 0 <= position < len(recent):
                raise _UnresolvedError(str(ref.ordinal))
            found.append(recent[position])
        elif ref.text:
            found.append(ref.text)
        elif ref.anaphora:
            if focus:
                found.append(focus)
            elif len(recent) == 1:
                found.append(recent[0])
            else:
                raise _UnresolvedError("it")
    return list(dict.fromkeys(found))  # the same product twice is one


def _price_args(intent: Intent) -> dict[str, Any]:
    args: dict[str, Any] = {}
    currency = None
    if intent.max_price is not None:
        args["max_price"] = str(intent.max_price.amount)
        currency = intent.max_price.currency
    if intent.min_price is not None:
        args["min_price"] = str(intent.min_price.amount)
        currency = currency or intent.min_price.currency
    if currency:
        args["price_currency"] = currency
    return args


def _specialist_calls(view: RequestView, intent: Intent) -> Decision:
    kind = intent.kind
    offered = view.tools

    def call(name: str, **args: Any) -> CallTools:
        return CallTools((ToolCall(name, {k: v for k, v in args.items() if v is not None}),))

    if kind == "search" and "search_products" in offered:
        return call(
            "search_products",
            query=intent.query or None,
            category=intent.category,
            sort=intent.sort,
            **_price_args(intent),
        )
    if kind == "list_categories" and "list_categories" in offered:
        return call("list_categories")
    if kind == "view_cart" and "view_cart" in offered:
        return call("view_cart")
    if kind == "empty_cart" and "empty_cart" in offered:
        return call("empty_cart")
    if kind == "list_alerts" and "list_price_alerts" in offered:
        return call("list_price_alerts")
    if kind == "show_style" and "show_style_profile" in offered:
        return call("show_style_profile")
    if kind == "reset_style" and "reset_style_profile" in offered:
        return call("reset_style_profile")
    if kind == "analyse_style" and "analyse_style_photo" in offered:
        return call("analyse_style_photo", note=view.user_text or None)
    if kind == "style_statement" and "record_style_preferences" in offered:
        return call(
            "record_style_preferences", likes=list(intent.likes), dislikes=list(intent.dislikes)
        )
    if kind == "delete_alert" and "delete_price_alert" in offered:
        return _delete_alert(view, intent)

    try:
        products = _products(view, intent.products)
    except _UnresolvedError:
        return Reply(_which_product(view))

    if kind == "complements" and "suggest_complements" in offered:
        return call("suggest_complements", product=products[0] if products else None)
    if not products:
        return Reply(_which_product(view))
    if kind == "product_info" and "get_product_details" in offered:
        return CallTools(tuple(ToolCall("get_product_details", {"product": p}) for p in products))
    if kind == "add_to_cart" and "add_to_cart" in offered:
        quantity = intent.quantity or 1
        return CallTools(
            tuple(ToolCall("add_to_cart", {"product": p, "quantity": quantity}) for p in products)
        )
    if kind == "remove_from_cart" and "remove_from_cart" in offered:
        return CallTools(tuple(ToolCall("remove_from_cart", {"product": p}) for p in products))
    if kind == "set_quantity" and "set_cart_quantity" in offered:
        if intent.quantity is None:
            return Reply("How many would you like?")
        return CallTools(
            tuple(
                ToolCall("set_cart_quantity", {"product": p, "quantity": intent.quantity})
                for p in products
            )
        )
    if kind == "compare_prices" and "compare_prices" in offered:
        return CallTools(tuple(ToolCall("compare_prices", {"product": p}) for p in products))
    if kind == "deal_analysis" and "analyse_deal" in offered:
        args: dict[str, Any] = {"product": products[0]}
        if intent.max_price is not None:
            args["offered_price"] = str(intent.max_price.amount)
            if intent.max_price.currency:
                args["price_currency"] = intent.max_price.currency
        return CallTools((ToolCall("analyse_deal", args),))
    if kind == "create_alert" and "create_price_alert" in offered:
        if intent.max_price is None:
            return Reply("At what price should I alert you?")
        args = {"product": products[0], "target_price": str(intent.max_price.amount)}
        if intent.max_price.currency:
            args["price_currency"] = intent.max_price.currency
        return CallTools((ToolCall("create_price_alert", args),))
    return Reply("")  # not this agent's job: the caller falls back to a plain answer


def _delete_alert(view: RequestView, intent: Intent) -> Decision:
    ref = intent.alert_ref
    alerts = view.state.get("alerts") or []
    if ref is not None and ref.all_recent:
        return CallTools((ToolCall("delete_price_alert", {"alert": "all"}),))
    if ref is not None and ref.text:
        return CallTools((ToolCall("delete_price_alert", {"alert": ref.text}),))
    if len(alerts) == 1 or (ref is not None and ref.anaphora and alerts):
        return CallTools((ToolCall("delete_price_alert", {"alert": alerts[-1]["id"]}),))
    if ref is not None and ref.ordinal is not None and 0 < ref.ordinal <= len(alerts):
        return CallTools(
            (ToolCall("delete_price_alert", {"alert": alerts[ref.ordinal - 1]["id"]}),)
        )
    return CallTools((ToolCall("list_price_alerts", {}),), note="which alert")


def _which_product(view: RequestView) -> str:
    recent = [p["name"] for p in view.state.get("recent_products") or []]
    if recent:
        listed = ", ".join(f"{i}. {name}" for i, name in enumerate(recent, 1))
        return f"Which product do you mean? Recently we looked at: {listed}."
    return 'Which product do you mean? You can name it, for example "the watch".'


def decide(view: RequestView, intent: Intent) -> Decision:
    """The next step for this agent, before any of its tools ran this turn."""
    owner = OWNER.get(intent.kind)
    if view.transfer_targets:  # the orchestrator (or any agent with specialists below it)
        if intent.kind == "set_currency" and "set_display_currency" in view.tools:
            return CallTools(
                (ToolCall("set_display_currency", {"currency": intent.currency or ""}),)
            )
        if owner is not None:
            if owner in view.transfer_targets:
                return Transfer(owner, note=f"Handing this to the {owner.replace('_', ' ')}.")
            return Reply(
                f"Sorry, the {owner.replace('_', ' ')} is not available right now. "
                "Please try again in a moment."
            )
        return Reply("")  # greetings, help, out of scope: answered by replies.small_talk
    if owner is None and intent.kind != "set_currency":
        return Reply("")
    return _specialist_calls(view, intent)
