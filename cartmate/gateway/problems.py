"""HTTP errors as RFC 9457 problem+json, with CartMate's error codes and retryable flag.

The same codes as the WebSocket error frames (`cartmate.errors`); no stack trace or internal
detail ever reaches a client.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cartmate.errors import CartMateError

__all__ = ["EXCEPTION_HANDLERS", "problem"]

log = logging.getLogger(__name__)

_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
    503: "unavailable",
}
_STATUS_BY_CODE = {
    "bad_request": 400,
    "unknown_currency": 400,
    "not_found": 404,
    "unauthorized": 401,
    "conflict": 409,
    "rate_limited": 429,
    "unavailable": 503,
    "timeout": 504,
}


def problem(status: int, code: str, detail: str, retryable: bool = False) -> Response:
    return JSONResponse(
        {
            "type": f"https://cartmate.dev/errors/{code}",
            "title": code.replace("_", " "),
            "status": status,
            "detail": detail,
            "code": code,
            "retryable": retryable,
        },
        status_code=status,
        media_type="application/problem+json",
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _BY_STATUS.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal")
    return problem(exc.status_code, code, str(exc.detail), exc.status_code in (429, 503))


async def _cartmate_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CartMateError)
    return problem(_STATUS_BY_CODE.get(exc.code, 500), exc.code, exc.message, exc.retryable)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error", extra={"path": request.url.path})
    return problem(500, "internal", "Something went wrong on our side.")


EXCEPTION_HANDLERS = {
    HTTPException: _http_error,
    CartMateError: _cartmate_error,
    Exception: _unexpected,
}
