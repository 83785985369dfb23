"""Callbacks every agent installs.

`refuse_other_users` (before-tool): the shopper's user id always comes from the session. Tools
take no user argument, but a model may still try to pass one ("show bob's cart"); any call
naming another user is refused before the tool runs, and logged.
"""

from __future__ import annotations

import logging
from typing import Any

from google.adk.tools.base_tool import BaseTool
from google.adk.tools.tool_context import ToolContext

__all__ = ["USER_ARGUMENTS", "refuse_other_users"]

log = logging.getLogger(__name__)

# Argument names a model might use to act for somebody.
USER_ARGUMENTS = frozenset(
    {"user_id", "userid", "user", "shopper_id", "customer_id", "for_user", "owner", "account_id"}
)


def refuse_other_users(
    tool: BaseTool, args: dict[str, Any], tool_context: ToolContext
) -> dict[str, Any] | None:
    """Return an error result (skipping the tool) when the call names another user."""
    session_user = tool_context.user_id
    for name, value in args.items():
        if name.lower() in USER_ARGUMENTS and value not in (None, "", session_user):
            log.warning(
                "tool call for another user refused",
                extra={"tool": tool.name, "argument": name, "user_id": session_user},
            )
            return {
                "status": "error",
                "code": "forbidden",
                "message": "I can only see and change your own cart, profile and alerts.",
                "retryable": False,
            }
    return None
