"""What CartMate's A2A messages carry besides the shopper's words.

- `user_id`: the shopper whose cart, style profile and price alerts the agent uses.
- `cartmate_state`: the conversation state (display currency, products last shown, ...),
  sent with each request and returned on the task's final status update, so state changes
  flow both ways across the A2A boundary as they do between in-process sub-agents.

Only the conversation keys cross: never ADK's `app:`/`user:` state, which reaches beyond
one shopper's session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cartmate.agent_runtime import state as conversation

__all__ = [
    "STATE_KEY",
    "STATE_KEYS",
    "USER_ID_KEY",
    "conversation_state",
    "integral_numbers",
]

USER_ID_KEY = "user_id"
STATE_KEY = "cartmate_state"
STATE_KEYS = frozenset(
    {
        conversation.DISPLAY_CURRENCY,
        conversation.ANSWER_CURRENCY,  # a `temp:` key: the specialist keeps it for its turn
        conversation.BUDGET,
        conversation.RECENT_PRODUCTS,
        conversation.FOCUS_PRODUCT,
        conversation.CART_LINES,
        conversation.ALERTS,
        conversation.LAST_SEARCH,
        conversation.EMPTIED,
        conversation.ASKED_ABOUT,
        conversation.LAST_ADDED,
        conversation.SHOWN_LISTS,
        conversation.ADDED_ORDER,
        conversation.GIFTS,
        conversation.COMPARED,
        conversation.REMOVED,
        conversation.CURRENCIES,
        conversation.QUANTITY_CHANGES,
        conversation.WEIGHED,
        conversation.SEQ,
        conversation.CHANGES,
        conversation.SHOPPING_LIST,
    }
)


def integral_numbers(value: Any) -> Any:
    """`value` with whole-number floats as ints, nested (lists and dicts).

    protobuf's Struct, which carries A2A data parts and metadata, holds every number as a
    double: a money amount's units 17 and nanos 980000000 come back as 17.0 and 980000000.0,
    and money is exact integers everywhere else in CartMate.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [integral_numbers(item) for item in value]
    if isinstance(value, dict):
        return {key: integral_numbers(item) for key, item in value.items()}
    return value


def conversation_state(state: Mapping[str, Any] | None) -> dict[str, Any]:
    """The conversation keys of `state` (a session's, or a peer's metadata), numbers restored."""
    if not isinstance(state, Mapping):
        return {}
    return {key: integral_numbers(value) for key, value in state.items() if key in STATE_KEYS}
