"""ASGI middleware of the A2A servers: inter-agent credentials and trace context.

- `BearerAuthMiddleware`: with CARTMATE_A2A_TOKEN set, every JSON-RPC and REST call needs
  `Authorization: Bearer <token>` (401 otherwise); the public card, `/docs`, `/healthz` and
  `/readyz` stay open. An accepted caller is an authenticated Starlette user (`a2a-peer`),
  which the SDK sees as its `ServerCallContext.user`.
- `TraceContextMiddleware`: continues the caller's W3C trace (`traceparent`, which the
  orchestrator's instrumented httpx client sends) in a SERVER span around each request, so
  the agent's own spans and its gRPC calls to Online Boutique share the caller's trace id.
"""

from __future__ import annotations

import hmac
import json

from opentelemetry import propagate, trace
from starlette.authentication import AuthCredentials, SimpleUser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartmate.config import Settings

__all__ = [
    "PEER_USER",
    "BearerAuthMiddleware",
    "TraceContextMiddleware",
    "a2a_token",
    "is_public_path",
]

PEER_USER = "a2a-peer"
_PUBLIC_SUFFIXES = ("/.well-known/agent-card.json", "/docs", "/healthz", "/readyz")


def a2a_token(settings: Settings) -> str | None:
    """CARTMATE_A2A_TOKEN, None when unset or empty."""
    token = settings.a2a_token.get_secret_value() if settings.a2a_token is not None else ""
    return token or None


def is_public_path(path: str) -> bool:
    """Paths anyone may GET: the public card, the docs and the health checks."""
    return path.endswith(_PUBLIC_SUFFIXES)


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
        if scope["method"] in ("GET", "HEAD") and is_public_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or []).get(b"authorization", b"")
        if not hmac.compare_digest(sent, self._expected):
            await _unauthorized(send)
            return
        scope["user"] = SimpleUser(PEER_USER)
        scope["auth"] = AuthCredentials(["authenticated"])
        await self.app(scope, receive, send)


async def _unauthorized(send: Send) -> None:
    body = json.dumps(
        {"error": "unauthorized", "detail": "send Authorization: Bearer <CARTMATE_A2A_TOKEN>"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="cartmate-a2a"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


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
