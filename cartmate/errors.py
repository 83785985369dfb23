"""The one error model: a CartMateError tree with stable codes and a retryable flag.

Every edge translates to these once (gRPC in boutique/_rpc.py, Redis in store/redis_client.py)
and presents them once (tools return `to_payload(exc)`, the gateway sends an error frame, A2A
fails the task). Messages are written for people: no stack traces or internals.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "BadRequestError",
    "CartMateError",
    "ConflictError",
    "NotFoundError",
    "UnavailableError",
    "UnknownCurrencyError",
    "UpstreamTimeoutError",
    "to_payload",
]


class CartMateError(Exception):
    """Base of every error CartMate reports to a shopper, an agent or a client."""

    code: ClassVar[str] = "internal"
    retryable: ClassVar[bool] = False

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"


class BadRequestError(CartMateError):
    """The caller asked for something malformed or out of range."""

    code = "bad_request"


class NotFoundError(CartMateError):
    """The thing asked for does not exist (an unknown product id, say)."""

    code = "not_found"


class UnknownCurrencyError(BadRequestError):
    """A currency code the currency service does not support."""

    code = "unknown_currency"


class ConflictError(CartMateError):
    """Another change got there first (a cart lock that could not be taken in time)."""

    code = "conflict"
    retryable = True


class UnavailableError(CartMateError):
    """A backing service (gRPC service, Redis) cannot be reached or its breaker is open."""

    code = "unavailable"
    retryable = True


class UpstreamTimeoutError(UnavailableError):
    """A backing service did not answer within its deadline."""

    code = "timeout"


def to_payload(exc: CartMateError) -> dict[str, Any]:
    """The JSON-able shape of an error, as tools return it to a model and clients see it."""
    return {
        "status": "error",
        "code": exc.code,
        "message": exc.message,
        "retryable": exc.retryable,
    }
