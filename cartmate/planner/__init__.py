"""The offline planner's language understanding: shopper messages -> intents with slots.

Pure, synchronous and deterministic: no I/O and no catalog access. Product mentions are
returned as text (or ordinals/anaphora) for a catalog-aware tool to resolve.

    >>> from cartmate.planner import understand
    >>> understand("put 3 mugs in my cart").kind
    'add_to_cart'
"""

from cartmate.planner.intents import (
    CART_CHANGES,
    Claim,
    Condition,
    ConversationContext,
    Intent,
    IntentKind,
    PriceLimit,
    ProductRef,
    ShownEarlier,
    SortOrder,
)
from cartmate.planner.understanding import is_agent_context_message, understand

__all__ = [
    "CART_CHANGES",
    "Claim",
    "Condition",
    "ConversationContext",
    "Intent",
    "IntentKind",
    "PriceLimit",
    "ProductRef",
    "ShownEarlier",
    "SortOrder",
    "is_agent_context_message",
    "understand",
]
