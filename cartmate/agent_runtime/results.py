"""The shape of every tool result: a dict with `status`, so a model can recover from errors.

`@tool_result` wraps a tool: a CartMateError becomes `{"status": "error", "code", "message",
"retryable", ...}` (plus safe details such as ambiguous candidates) instead of an exception,
and is logged once here. Anything else is a bug and propagates.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec

from cartmate.errors import CartMateError, to_payload

__all__ = ["error_result", "tool_result"]

log = logging.getLogger(__name__)

P = ParamSpec("P")

# Details a model may see (never internals such as gRPC status names).
_PUBLIC_DETAILS = ("candidates", "reference", "currency", "product_id", "supported")


def error_result(exc: CartMateError) -> dict[str, Any]:
    payload = to_payload(exc)
    payload.update({k: exc.details[k] for k in _PUBLIC_DETAILS if k in exc.details})
    return payload


def tool_result(
    fn: Callable[P, Awaitable[dict[str, Any]]],
) -> Callable[P, Awaitable[dict[str, Any]]]:
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        try:
            return await fn(*args, **kwargs)
        except CartMateError as exc:
            log.info("tool returned an error", extra={"tool": fn.__name__, "code": exc.code})
            return error_result(exc)

    return wrapper
