"""Shopper assertions: which shopper a trusted A2A caller acts for, signed and single-use.

With CARTMATE_A2A_SHOPPER_SECRET set, the orchestrator (in the gateway, which authenticated
the shopper with a session token) sends every A2A request with an `X-CartMate-Shopper`
header: a `TokenSigner` token (the gateway's signer, one implementation) naming the shopper,
bound to the agent it is for (`a2a:<agent>`), expiring after `ASSERTION_TTL_S` and carrying a
random nonce that the agent accepts once (Redis `SET NX`), so a captured assertion cannot be
replayed, sent to another agent or stretched to another shopper.

The agent's middleware turns a valid assertion into the request's user (`ShopperUser`,
owner `shopper:<user_id>` of the A2A tasks it creates); a caller without one keeps its own
principal (`a2a-peer` with the bearer token, anonymous otherwise) and acts only in that
principal's namespace (`shopper_for` below). Without the secret nothing is verified
(development mode, as before).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from a2a.server.context import ServerCallContext
from google.adk.a2a.agent.config import ParametersConfig, RequestInterceptor
from google.adk.agents.invocation_context import InvocationContext
from starlette.authentication import BaseUser

from cartmate.config import Settings
from cartmate.gateway.tokens import TokenError, TokenSigner
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = [
    "ASSERTION_TTL_S",
    "HEADER",
    "SHOPPER_SCOPE",
    "ShopperAssertions",
    "ShopperUser",
    "TokenError",
    "asserted_shopper",
    "assertion_interceptor",
    "shopper_for",
    "shopper_secret",
]

HEADER = "X-CartMate-Shopper"
ASSERTION_TTL_S = 60  # one request's worth: the orchestrator signs one per call
SHOPPER_SCOPE = "shopper"
_OWNER_PREFIX = "shopper:"
_MAX_TOKEN_CHARS = 2048  # a real one is ~200; longer is not worth verifying


def shopper_secret(settings: Settings) -> bytes | None:
    """CARTMATE_A2A_SHOPPER_SECRET, None when unset (development mode)."""
    secret = settings.a2a_shopper_secret
    return secret.get_secret_value().encode() if secret is not None else None


def _audience(agent: str) -> str:
    # Gateway session ids are "s-...": an assertion can never pass as a session token.
    return f"a2a:{agent}"


class ShopperAssertions:
    """Issues (the orchestrator) and verifies (the agents) shopper assertions."""

    def __init__(
        self, secret: bytes, redis: RedisConnection | None = None, ttl_s: int = ASSERTION_TTL_S
    ) -> None:
        """`redis` records used nonces; only the verifying side needs it."""
        self._signer = TokenSigner(secret, ttl_s)
        self._redis = redis

    def issue(self, user_id: str, agent: str, now: float | None = None) -> str:
        """An assertion that the caller acts for `user_id`, for one request to `agent`."""
        return self._signer.issue(user_id, _audience(agent), now=now, nonce=secrets.token_hex(16))

    async def verify(self, token: str, agent: str, now: float | None = None) -> str:
        """The shopper a valid, unused assertion for `agent` names; TokenError otherwise.

        Raises UnavailableError when Redis cannot say whether the nonce was used.
        """
        if self._redis is None:
            raise RuntimeError("verifying assertions needs Redis (used nonces)")
        if len(token) > _MAX_TOKEN_CHARS:
            raise TokenError("malformed token")
        try:
            claims = self._signer.verify(token, _audience(agent), now=now)
        except (UnicodeError, TypeError):
            raise TokenError("malformed token") from None
        if claims.expires_at is None or not claims.nonce or not claims.user_id:
            raise TokenError("not a shopper assertion")
        ttl = max(1, claims.expires_at - int(now or time.time()) + 1)
        key = self._redis.keys.key("a2a", "assertion", claims.nonce)
        with redis_errors("A2A shopper assertions"):
            first = await self._redis.client.set(key, "1", nx=True, ex=ttl)
        if not first:
            raise TokenError("assertion already used")
        return claims.user_id


def assertion_interceptor(settings: Settings, agent: str) -> RequestInterceptor | None:
    """Sends a fresh assertion for the session's shopper with every request to `agent`;
    None in development mode (no CARTMATE_A2A_SHOPPER_SECRET)."""
    secret = shopper_secret(settings)
    if secret is None:
        return None
    assertions = ShopperAssertions(secret)

    async def before_request(
        ctx: InvocationContext, request: Any, parameters: ParametersConfig
    ) -> tuple[Any, ParametersConfig]:
        call = parameters.client_call_context
        if call is not None:  # ADK always makes one; it becomes the request's headers
            call.service_parameters = {
                **(call.service_parameters or {}),
                HEADER: assertions.issue(ctx.session.user_id, agent),
            }
        return request, parameters

    return RequestInterceptor(before_request=before_request)


class ShopperUser(BaseUser):
    """The request's user when it carried a valid assertion."""

    def __init__(self, user_id: str) -> None:
        self.user_id = user_id

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        # The SDK's task owner: prefixed so no peer principal ("a2a-peer", "") can match it.
        return _OWNER_PREFIX + self.user_id

    @property
    def identity(self) -> str:
        return self.user_id


def asserted_shopper(context: ServerCallContext | None) -> str | None:
    """The shopper the request's assertion named, None when it carried none."""
    if context is None:
        return None
    auth = context.state.get("auth")
    if auth is None or SHOPPER_SCOPE not in getattr(auth, "scopes", ()):
        return None
    name = context.user.user_name
    return name[len(_OWNER_PREFIX) :] if name.startswith(_OWNER_PREFIX) else None


def shopper_for(claimed: str, context: ServerCallContext | None, *, verified: bool) -> str:
    """Whose cart, profile and alerts a request uses.

    The asserted shopper when there is one. Otherwise, in development mode (`verified`
    false), the shopper the caller claims; with verification on, the claim inside the
    caller's own namespace (`ext:<principal>/<claim>`), which no gateway shopper ("u-...")
    can be: holding only the bearer token (or nothing) never reaches a real shopper.
    """
    asserted = asserted_shopper(context)
    if asserted is not None:
        return asserted
    if not verified:
        return claimed
    user = context.user if context is not None else None
    principal = user.user_name if user is not None and user.is_authenticated else ""
    return f"ext:{principal or 'anonymous'}/{claimed}"
