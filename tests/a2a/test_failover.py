"""PeerClient records refused connections, and only those, per peer."""

from __future__ import annotations

import time

import httpx
import pytest

from cartmate.a2a.failover import PeerClient, RefusalLog
from tests.gateway.conftest import gateway_url
from tests.helpers import free_port

__all__ = ["gateway_url"]


async def test_a_refused_connection_is_recorded_for_its_peer_only() -> None:
    closed = free_port()
    async with PeerClient(timeout=2) as http:
        before = time.monotonic()
        with pytest.raises(httpx.ConnectError):
            await http.post(f"http://127.0.0.1:{closed}/", json={})
        assert http.refusals.refused_since(f"http://127.0.0.1:{closed}/agents/x", before)
        assert http.refusals.recently_refused(f"http://127.0.0.1:{closed}")
        assert not http.refusals.recently_refused(f"http://127.0.0.1:{free_port()}")
        assert not http.refusals.refused_since(f"http://127.0.0.1:{closed}", time.monotonic())


async def test_an_answered_request_is_not_a_refusal(gateway_url: str) -> None:
    async with PeerClient(timeout=10) as http:
        before = time.monotonic()
        assert (await http.get(f"{gateway_url}/healthz")).status_code == 200
        assert not http.refusals.refused_since(gateway_url, before)


def test_a_refusal_is_forgotten_after_the_hold() -> None:
    refusals = RefusalLog(hold_s=0.0)
    refusals.record("http://127.0.0.1:1/")
    time.sleep(0.001)
    assert not refusals.recently_refused("http://127.0.0.1:1")
