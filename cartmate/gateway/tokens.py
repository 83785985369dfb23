"""Signed tokens: HMAC-signed, binding a user to a session, with an optional expiry.

A token is `base64url(json{"u", "s", "e"[, "n"]}) "." base64url(HMAC-SHA256(secret, payload))`.
Verification is constant-time and checks the binding and the expiry; nothing else is trusted.
The gateway's session tokens bind a shopper to a session id; the A2A shopper assertions
(`cartmate.a2a.assertions`) bind one to an agent (`a2a:<agent>`) with a single-use nonce `n`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

__all__ = ["TokenError", "TokenSigner"]


class TokenError(Exception):
    """A token that is malformed, forged, expired or for another session."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    session_id: str
    expires_at: int | None
    nonce: str | None = None


class TokenSigner:
    def __init__(self, secret: bytes, ttl_s: int = 0) -> None:
        if len(secret) < 16:
            raise ValueError("the session secret must be at least 16 bytes")
        self._secret = secret
        self._ttl_s = ttl_s

    def issue(
        self, user_id: str, session_id: str, now: float | None = None, nonce: str | None = None
    ) -> str:
        expires = int((now or time.time()) + self._ttl_s) if self._ttl_s else None
        claims: dict[str, object] = {"u": user_id, "s": session_id, "e": expires}
        if nonce is not None:  # only when asked: session tokens stay as they were
            claims["n"] = nonce
        payload = json.dumps(claims, separators=(",", ":"))
        body = _b64(payload.encode())
        return f"{body}.{self._sign(body)}"

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._secret, body.encode(), hashlib.sha256).digest())

    def verify(self, token: str, session_id: str, now: float | None = None) -> TokenClaims:
        """The claims of a valid token for `session_id`; TokenError otherwise."""
        try:
            body, signature = token.split(".", 1)
        except (AttributeError, ValueError):
            raise TokenError("malformed token") from None
        # Bytes: compare_digest refuses non-ASCII text, which a header may well carry.
        if not hmac.compare_digest(signature.encode(), self._sign(body).encode()):
            raise TokenError("bad signature")
        try:
            claims = json.loads(_unb64(body))
            user_id, bound, expires = str(claims["u"]), str(claims["s"]), claims["e"]
            nonce = claims.get("n")
            if nonce is not None and not isinstance(nonce, str):
                raise TypeError("nonce")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise TokenError("malformed token") from None
        if bound != session_id:
            raise TokenError("token is for another session")
        if expires is not None and (now or time.time()) > int(expires):
            raise TokenError("token expired")
        return TokenClaims(user_id, bound, expires, nonce)
