"""`cartmate serve-agent NAME` as its own process, as it runs in its own container."""

from __future__ import annotations

import asyncio
import signal
import sys

import httpx
from click.testing import CliRunner

from cartmate.a2a.command import serve_agent_command
from cartmate.a2a.registry import AgentRegistry
from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.a2a.conftest import a2a_client, collect, outcome, send_request, user_message
from tests.helpers import cartmate_env, free_port

_RUN = "from cartmate.a2a.command import serve_agent_command; serve_agent_command()"


def test_help_and_unknown_agents() -> None:
    runner = CliRunner()
    result = runner.invoke(serve_agent_command, ["--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert "cart_manager" in result.output
    result = runner.invoke(serve_agent_command, ["cashier"])
    assert result.exit_code == 2 and "cashier" in result.output


async def test_serves_an_agent_until_sigterm(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    port = free_port()
    env = cartmate_env(
        REDIS_URL=settings.redis_url or "",
        CARTMATE_REDIS_PREFIX=settings.redis_prefix,
        CARTMATE_MODEL="offline",
        CARTMATE_LOG_FORMAT="text",
        PRODUCT_CATALOG_SERVICE_ADDR=settings.product_catalog_service_addr or "",
        CART_SERVICE_ADDR=settings.cart_service_addr or "",
        CURRENCY_SERVICE_ADDR=settings.currency_service_addr or "",
        RECOMMENDATION_SERVICE_ADDR=settings.recommendation_service_addr or "",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _RUN,
        "cart_manager",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    logs = asyncio.create_task(process.stderr.read())  # drained as it runs: a full pipe blocks
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            for _ in range(300):
                assert process.returncode is None, await logs
                try:
                    if (await http.get(f"{url}/readyz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
            card = (await http.get(f"{url}/.well-known/agent-card.json")).json()
        assert card["supportedInterfaces"][0]["url"] == url  # the port it was given
        async with a2a_client(url) as client:
            result = outcome(
                await collect(client, send_request(user_message("add a mug", user_id=shopper_id)))
            )
        assert result.state == "TASK_STATE_COMPLETED", result
        # Registered while it runs (its lifespan did it), gone after a clean stop.
        registry = AgentRegistry(services.redis)
        assert [i.url for i in (await registry.live_agents())["cart_manager"]] == [url]
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 30) == 0, (await logs).decode()
        assert await registry.live_agents() == {}
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await logs
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert [item.quantity for item in cart.items] == [1]
