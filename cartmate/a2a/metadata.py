"""What CartMate's A2A messages carry besides the shopper's words.

- `user_id`: the shopper whose cart, style profile and price alerts the agent uses.
- `cartmate_state`: the conversation state (display currency, products last shown, ...),
  sent with each request and returned on the task's final status update, so state changes
  flow both ways across the A2A boundary as they do between in-process sub-agents.

Only the conversation keys cross: never ADK's `app:`/`user:` state, which reaches beyond
one shopper's session.

Of ADK's event actions (`adk_actions`), streamed events carry only what a caller may take
from a peer (`escalate`, `skipSummarization`): ADK's clients drop the rest, the state delta
included, so sending it only cost both sides its encoding and parsing on every event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf.struct_pb2 import Struct

from cartmate.agent_runtime import state as conversation

__all__ = [
    "ACTIONS_KEY",
    "STATE_KEY",
    "STATE_KEYS",
    "USER_ID_KEY",
    "conversation_state",
    "integral_numbers",
    "keep_peer_actions",
]

ACTIONS_KEY = "adk_actions"  # ADK's `_get_adk_metadata_key("actions")`
# What ADK's remote agent takes from a peer's actions (`to_adk_event.
# _PEER_SETTABLE_ACTION_FIELDS`); both spellings, as serialised metadata uses the aliases.
PEER_ACTIONS = ("escalate", "skipSummarization", "skip_summarization")
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


def keep_peer_actions(metadata: Struct) -> None:
    """Cut an outgoing event's ADK actions down to what a caller takes from a peer.

    The state delta in particular is dropped by every ADK caller (with a warning); the
    conversation state travels once, on the final status (`STATE_KEY`).
    """
    if ACTIONS_KEY not in metadata:
        return
    actions = metadata[ACTIONS_KEY]
    if not isinstance(actions, Struct):
        return  # not the object ADK writes: leave it as it is
    kept = {key: actions[key] for key in PEER_ACTIONS if key in actions}
    del metadata[ACTIONS_KEY]
    if kept:
        metadata.update({ACTIONS_KEY: kept})
