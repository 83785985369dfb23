"""`adk web cartmate/agents` (ADK's dev UI, as the README documents it) lists and runs agents.

The server is ADK's own console script in a child process, on a free loopback port, with the
offline model; Redis and the embedded Online Boutique come from this test, passed by the same
environment variables a developer would set (REDIS_URL, *_SERVICE_ADDR).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from cartmate.embedded_boutique.server import serve_boutique
from cartmate.store.redis_client import RedisConnection
from tests.helpers import cartmate_env, free_port

REPO = Path(__file__).resolve().parents[2]
ADK = Path(sys.executable).with_name("adk")
AGENTS = ["cart_manager", "orchestrator", "price_comparison", "product_discovery", "style_profiler"]

pytestmark = pytest.mark.skipif(not ADK.exists(), reason=f"no adk console script at {ADK}")


@contextlib.asynccontextmanager
async def adk_web(env: dict[str, str]) -> AsyncIterator[str]:
    """Run `adk web cartmate/agents`; yield its base URL once /list-apps answers."""
    port = free_port()
    # In-memory sessions and artifacts: nothing is written under cartmate/agents/.adk.
    process = await asyncio.create_subprocess_exec(
        str(ADK),
        "web",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-reload",
        "--session_service_uri",
        "memory://",
        "--artifact_service_uri",
        "memory://",
        "cartmate/agents",
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, so stopping it stops only it
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(timeout=2.0) as http:
            for _ in range(300):
                if process.returncode is not None:
                    stderr = await process.stderr.read() if process.stderr else b""
                    raise AssertionError(f"adk web exited: {stderr.decode()[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{base}/list-apps")).status_code == 200:
                        break
                await asyncio.sleep(0.2)
            else:
                raise AssertionError("adk web did not answer /list-apps within 60 s")
        yield base
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGTERM)  # uvicorn shuts down cleanly on SIGTERM
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
        if process.stderr:
            await process.stderr.read()


@pytest.fixture
async def web_env(redis: RedisConnection, redis_url: str, key_prefix: str) -> AsyncIterator[dict]:
    """The environment of a developer running `adk web` against live services."""
    async with serve_boutique(
        redis, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
    ) as addresses:
        yield cartmate_env(
            CARTMATE_MODEL="offline",
            REDIS_URL=redis_url,
            CARTMATE_REDIS_PREFIX=key_prefix,
            PRODUCT_CATALOG_SERVICE_ADDR=str(addresses.catalog),
            CART_SERVICE_ADDR=str(addresses.cart),
            CURRENCY_SERVICE_ADDR=str(addresses.currency),
            RECOMMENDATION_SERVICE_ADDR=str(addresses.recommendation),
        )


@pytest.mark.slow
async def test_adk_web_lists_and_runs_the_agents(web_env: dict[str, str]) -> None:
    async with adk_web(web_env) as base, httpx.AsyncClient(base_url=base, timeout=60.0) as http:
        listed = await http.get("/list-apps")
        assert listed.json() == AGENTS

        info = (await http.get("/apps/orchestrator/app-info")).json()
        assert info["rootAgentName"] == "orchestrator"
        assert set(info["agents"]) >= set(AGENTS) - {"orchestrator"}

        # One real turn through the orchestrator to the cart manager, on the live services.
        session = (await http.post("/apps/orchestrator/users/dev/sessions", json={})).json()
        ran = await http.post(
            "/run",
            json={
                "app_name": "orchestrator",
                "user_id": "dev",
                "session_id": session["id"],
                "new_message": {"role": "user", "parts": [{"text": "add two mugs"}]},
            },
        )
        assert ran.status_code == 200, ran.text
        calls = [
            part["functionCall"]
            for event in ran.json()
            for part in (event.get("content") or {}).get("parts") or []
            if part.get("functionCall")
        ]
        assert [c["name"] for c in calls] == ["transfer_to_agent", "add_to_cart"]
        assert calls[1]["args"]["quantity"] == 2
