"""What the offline planner decides for one model call: call tools, hand over, or reply;
which specialist owns each intent and how progress notes name the tools."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CallTools",
    "Decision",
    "OWNER",
    "Reply",
    "SPECIALIST_NAMES",
    "TOOL_NOTES",
    "ToolCall",
    "one_call",
    "Transfer",
]

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
    "note_list": "cart_manager",
    "check_list": "cart_manager",
    "fill_list": "cart_manager",
    "match_list": "cart_manager",
    "cross_off_list": "cart_manager",
    "list_quantity": "cart_manager",
    "price_list": "cart_manager",
}


# How progress notes and apologies name the specialists.
SPECIALIST_NAMES = {
    "product_discovery": "the product finder",
    "cart_manager": "the cart manager",
    "style_profiler": "the style profiler",
    "price_comparison": "the price specialist",
}


# Progress notes for tool calls, as a person would say them.
TOOL_NOTES = {
    "search_products": "Searching the catalog",
    "get_product_details": "Looking up the product",
    "list_categories": "Listing the categories",
    "suggest_complements": "Finding things that go together",
    "view_cart": "Opening your cart",
    "add_to_cart": "Adding to your cart",
    "remove_from_cart": "Removing from your cart",
    "set_cart_quantity": "Changing the quantity",
    "empty_cart": "Emptying your cart",
    "set_display_currency": "Switching the currency",
    "set_budget": "Noting your budget",
    "compare_prices": "Comparing prices",
    "analyse_deal": "Weighing up the deal",
    "create_price_alert": "Setting up the price alert",
    "list_price_alerts": "Checking your alerts",
    "delete_price_alert": "Cancelling the alert",
    "analyse_style_photo": "Looking at your photo",
    "show_style_profile": "Reading your style profile",
    "reset_style_profile": "Resetting your style profile",
    "record_style_preferences": "Noting your preferences",
    "suggest_bundle": "Putting an outfit together",
    "note_shopping_list": "Reading your list",
    "compare_with_list": "Comparing your cart with your list",
    "match_cart_to_list": "Making your cart match your list",
    "cross_off_list": "Crossing it off your list",
    "set_list_quantity": "Changing your list",
    "check_cart_coherence": "Checking how your cart goes together",
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


def one_call(name: str, **args: Any) -> CallTools:
    """One tool call, leaving out the arguments that are None (the tool's defaults)."""
    return CallTools((ToolCall(name, {k: v for k, v in args.items() if v is not None}),))
