"""Session tokens: bound to user and session, tamper-proof, optionally expiring."""

from __future__ import annotations

import pytest

from cartmate.gateway.tokens import TokenError, TokenSigner

SECRET = b"0123456789abcdef0123456789abcdef"


def test_a_token_binds_user_and_session() -> None:
    signer = TokenSigner(SECRET)
    token = signer.issue("u-1", "s-1")
    claims = signer.verify(token, "s-1")
    assert (claims.user_id, claims.session_id, claims.expires_at) == ("u-1", "s-1", None)
    with pytest.raises(TokenError, match="another session"):
        signer.verify(token, "s-2")


@pytest.mark.parametrize("bad", ["", "nodot", "a.b", "x" * 500])
def test_malformed_tokens_are_refused(bad: str) -> None:
    with pytest.raises(TokenError):
        TokenSigner(SECRET).verify(bad, "s-1")


def test_tampering_and_other_secrets_are_detected() -> None:
    token = TokenSigner(SECRET).issue("u-1", "s-1")
    body, signature = token.split(".")
    forged_body = TokenSigner(SECRET).issue("u-2", "s-1").split(".")[0]
    with pytest.raises(TokenError, match="signature"):
        TokenSigner(SECRET).verify(f"{forged_body}.{signature}", "s-1")
    with pytest.raises(TokenError, match="signature"):
        TokenSigner(b"another-secret-of-32-bytes-long!").verify(token, "s-1")


def test_expiry() -> None:
    signer = TokenSigner(SECRET, ttl_s=60)
    token = signer.issue("u-1", "s-1", now=1_000.0)
    assert signer.verify(token, "s-1", now=1_059.0).expires_at == 1_060
    with pytest.raises(TokenError, match="expired"):
        signer.verify(token, "s-1", now=1_061.0)


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenSigner(b"short")
