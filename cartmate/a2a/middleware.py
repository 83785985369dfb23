"""ASGI middleware of the A2A servers: credentials, body limits and trace context.

- `BearerAuthMiddleware`: with CARTMATE_A2A_TOKEN set, every JSON-RPC and REST call needs
  `Authorization: Bearer <token>` (401 otherwise); the public card, `/docs`, `/healthz` and
  `/readyz` stay open. An accepted caller is an authenticated Starlette user (`a2a-peer`),
  which the SDK sees as its `ServerCallContext.user`.
- `ShopperAssertionMiddleware`: with CARTMATE_A2A_SHOPPER_SECRET set, a request carrying
  `X-CartMate-Shopper` must carry a valid, unused assertion (401 otherwise), and its user
  becomes that shopper (see `assertions`).
- `BodyLimitMiddleware`: a body over CARTMATE_A2A_MAX_BODY_BYTES gets 413 as soon as that is
  known (its Content-Length, or the bytes read so far), never buffered past the limit; bytes
  that are not text, or JSON nested too deeply to parse, get 400 instead of an internal error.
- `TraceContextMiddleware`: continues the caller's W3C trace (`traceparent`, which the
  orchestrator's instrumented httpx client sends) in a SERVER span around each request, so
  the agent's own spans and its gRPC calls to Online Boutique share the caller's trace id.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Sequence

from opentelemetry import propagate, trace
from starlette.authentication import AuthCredentials, SimpleUser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartmate.a2a.assertions import HEADER, SHOPPER_SCOPE, ShopperAssertions, ShopperUser
from cartmate.config import Settings
from cartmate.errors import UnavailableError
from cartmate.gateway.tokens import TokenError

__all__ = [
    "PEER_USER",
    "BearerAuthMiddleware",
    "BodyLimitMiddleware",
    "ShopperAssertionMiddleware",
    "TraceContextMiddleware",
    "a2a_token",
    "error_response",
    "is_public_path",
]

log = logging.getLogger(__name__)

PEER_USER = "a2a-peer"
_BEARER_CHALLENGE = ((b"www-authenticate", b'Bearer realm="cartmate-a2a"'),)
_PUBLIC_SUFFIXES = ("/.well-known/agent-card.json", "/docs", "/healthz", "/readyz")


def a2a_token(settings: Settings) -> str | None:
    """CARTMATE_A2A_TOKEN, None when unset or empty."""
    token = settings.a2a_token.get_secret_value() if settings.a2a_token is not None else ""
    return token or None


def is_public_path(path: str) -> bool:
    """Paths anyone may GET: the public card, the docs and the health checks."""
    return path.endswith(_PUBLIC_SUFFIXES)


def _is_public(scope: Scope) -> bool:
    return scope["method"] in ("GET", "HEAD") and is_public_path(scope["path"])


async def error_response(
    send: Send,
    status: int,
    reason: str,
    message: str,
    headers: Sequence[tuple[bytes, bytes]] = (),
) -> None:
    """A typed error in A2A's HTTP+JSON shape: {"error": {code, status, message}}."""
    body = json.dumps({"error": {"code": status, "status": reason, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BearerAuthMiddleware:
    """Requires `Authorization: Bearer <token>` on everything but the public paths."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        if not token:
            raise ValueError("an empty token would let everybody in")
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _is_public(scope):
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or []).get(b"authorization", b"")
        if not hmac.compare_digest(sent, self._expected):
            await error_response(
                send,
                401,
                "UNAUTHENTICATED",
                "send Authorization: Bearer <CARTMATE_A2A_TOKEN>",
                _BEARER_CHALLENGE,
            )
            return
        scope["user"] = SimpleUser(PEER_USER)
        scope["auth"] = AuthCredentials(["authenticated"])
        await self.app(scope, receive, send)


class ShopperAssertionMiddleware:
    """Makes a request with a valid `X-CartMate-Shopper` assertion that shopper's request.

    Runs inside `BearerAuthMiddleware`: the bearer token still gets a caller in; the
    assertion says for whom it acts. A request without the header keeps its principal.
    """

    def __init__(self, app: ASGIApp, assertions: ShopperAssertions, agent: str) -> None:
        self.app = app
        self._assertions = assertions
        self._agent = agent
        self._header = HEADER.lower().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _is_public(scope):
            await self.app(scope, receive, send)
            return
        sent = [value for key, value in scope.get("headers") or [] if key == self._header]
        if not sent:
            await self.app(scope, receive, send)
            return
        try:
            if len(sent) > 1:
                raise TokenError("more than one assertion")
            user_id = await self._assertions.verify(sent[0].decode("latin-1"), self._agent)
        except TokenError as exc:
            log.warning("shopper assertion refused", extra={"reason": str(exc)})
            await error_response(
                send, 401, "UNAUTHENTICATED", f"{HEADER} refused: {exc}", _BEARER_CHALLENGE
            )
            return
        except UnavailableError as exc:
            await error_response(send, 503, "UNAVAILABLE", exc.message)
            return
        scope["user"] = ShopperUser(user_id)
        scope["auth"] = AuthCredentials(["authenticated", SHOPPER_SCOPE])
        await self.app(scope, receive, send)


class _TooLargeError(Exception):
    pass


class _DisconnectedError(Exception):
    pass


class BodyLimitMiddleware:
    """413 for bodies over `max_bytes`; 400 for bodies no JSON parser could read (see
    `_malformed`).

    The body is read here (as the SDK would read it whole anyway), counted as it arrives,
    and handed on unchanged. Past the limit nothing more is kept: the rest is read and
    dropped (at most `drain_factor` times the limit, for `drain_s` seconds), so the client,
    which is still sending, gets to read the 413; a body declared bigger than that gets its
    413 at once, unread, and the connection is closed.
    """

    # Fewer brackets than this cannot reach the parser's recursion limit: not checked.
    _DEPTH_CHECK_BRACKETS = 900

    def __init__(
        self, app: ASGIApp, max_bytes: int, drain_factor: int = 4, drain_s: float = 5.0
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._drain_bytes = max_bytes * drain_factor
        self._drain_s = drain_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self._drain_bytes):
            await self._too_large(send)
            return
        try:
            body = await self._read(receive)
        except _DisconnectedError:
            return  # nobody to answer
        except _TooLargeError:
            await self._drain(receive)
            await self._too_large(send)
            return
        problem = _malformed(body, self._DEPTH_CHECK_BRACKETS)
        if problem is not None:
            await error_response(send, 400, "INVALID_ARGUMENT", problem)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: the disconnect, for streams

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _DisconnectedError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise _TooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _drain(self, receive: Receive) -> None:
        """Read and drop the rest of an oversized body, within bounds."""
        dropped = 0
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._drain_s):
                while dropped <= self._drain_bytes:
                    message = await receive()
                    dropped += len(message.get("body", b""))
                    if message["type"] == "http.disconnect" or not message.get("more_body"):
                        return

    async def _too_large(self, send: Send) -> None:
        await error_response(
            send,
            413,
            "PAYLOAD_TOO_LARGE",
            f"the request body is over {self.max_bytes} bytes (CARTMATE_A2A_MAX_BODY_BYTES)",
            [(b"connection", b"close")],
        )


def _malformed(body: bytes, min_brackets: int) -> str | None:
    """Why the body can be no JSON the handler could read, where it would fail internally.

    The SDK answers other bad JSON with a parse error itself; these two would reach it as
    exceptions ("internal error"): bytes that are not text, and nesting beyond the parser's
    recursion limit.
    """
    try:
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except UnicodeDecodeError:
        return "the body is not UTF-8 text"
    if body.count(b"[") + body.count(b"{") < min_brackets:
        return None
    try:
        json.loads(text)
    except RecursionError:
        return "the JSON body is nested too deeply"
    except ValueError:
        return None  # not JSON at all: the handler answers with a parse error
    return None


class TraceContextMiddleware:
    """A SERVER span per HTTP request, child of the caller's `traceparent` when it sent one."""

    def __init__(
        self, app: ASGIApp, agent: str, tracer_provider: trace.TracerProvider | None = None
    ) -> None:
        self.app = app
        self.agent = agent
        self._tracer = trace.get_tracer(__name__, tracer_provider=tracer_provider)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {
            key.decode("latin-1"): value.decode("latin-1")
            for key, value in scope.get("headers") or []
        }
        parent = propagate.extract(carrier)
        method, path = scope["method"], scope["path"]
        status: list[int] = []

        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        with self._tracer.start_as_current_span(
            f"A2A {method} {path}",
            context=parent,
            kind=trace.SpanKind.SERVER,
            attributes={
                "http.request.method": method,
                "url.path": path,
                "cartmate.agent": self.agent,
            },
        ) as span:
            await self.app(scope, receive, send_status)
            if status:
                span.set_attribute("http.response.status_code", status[0])
                if status[0] >= 500:
                    span.set_status(trace.StatusCode.ERROR)
