"""The gateway's HTTP routes beside the socket, and graceful shutdown."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import websockets

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.servers import serve


async def test_health_readiness_agents_openapi(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as http:
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
        assert ready.status_code == 200
        body = ready.json()
        assert body["redis"]["ok"] is True
        assert set(body["online_boutique"].values()) == {"SERVING"}
        agents = (await http.get("/agents")).json()["agents"]
        assert {a["name"] for a in agents} >= {"orchestrator", "cart_manager"}
        spec = (await http.get("/openapi.json")).json()
        assert spec["openapi"].startswith("3.") and {"/healthz", "/readyz", "/agents"} <= set(
            spec["paths"]
        )


async def test_readiness_fails_when_a_service_is_down(settings: Settings) -> None:
    broken = settings.model_copy(update={"currency_service_addr": "127.0.0.1:1"})
    async with serve(create_app(broken), lifespan="on") as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            ready = await http.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["online_boutique"]["currency"] == "UNAVAILABLE"


async def test_drain_cancels_turns_and_closes_with_1001(settings: Settings) -> None:
    app = create_app(settings)
    async with serve(app, lifespan="on") as url:
        client = await Client.connect(url)
        await client.recv()
        await client.send({"type": "message", "text": "something for the kitchen"})
        await client.recv()  # turn_start
        await app.state.gateway.drain()
        frames = []
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                frames.append(await client.recv(wait_s=10))
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
        ends = [f for f in frames if f["type"] == "turn_end"]
        assert len(ends) == 1 and ends[0]["status"] in ("cancelled", "ok")
        await asyncio.sleep(0)


async def test_readiness_needs_the_remote_specialists(settings: Settings) -> None:
    remote = settings.model_copy(update={"delegation": "a2a", "agent_base_port": 1})
    async with serve(create_app(remote), lifespan="on") as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            ready = await http.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["agents"] == dict.fromkeys(
        ["product_discovery", "cart_manager", "style_profiler", "price_comparison"], False
    )


async def test_http_errors_are_problem_json(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as http:
        missing = await http.get("/no/such/route")
        wrong = await http.post("/healthz")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    body = missing.json()
    assert body["code"] == "not_found" and body["status"] == 404 and body["retryable"] is False
    assert wrong.status_code == 405 and wrong.json()["code"] == "method_not_allowed"
