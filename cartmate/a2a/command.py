"""`cartmate serve-agent NAME`: one agent as its own A2A server, as in its own container.

Register it in the CLI with `main.add_command(serve_agent_command)`.
"""

from __future__ import annotations

import logging
import warnings
from types import FrameType

import click
import uvicorn

from cartmate.agent_runtime.services import AgentServices, open_agent_services
from cartmate.agent_runtime.topology import AGENTS, agent_port
from cartmate.config import Settings

__all__ = ["run_agent_server", "serve_agent_command"]

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn re-raises SIGTERM/SIGINT after its graceful shutdown, ending the process by the
    signal (exit -15); a clean stop should exit 0, as the other commands do."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


async def run_agent_server(
    name: str, settings: Settings, services: AgentServices, port: int | None = None
) -> None:
    """Serve agent `name` until SIGINT/SIGTERM; uvicorn's lifespan closes the app."""
    from cartmate.a2a.server import build_a2a_app

    listen = agent_port(settings, name) if port is None else port
    # On another port than the topology's, the card must say so (a public base URL wins).
    url = None if port is None or settings.public_base_url else f"http://{settings.host}:{port}"
    app = build_a2a_app(name, settings, services, url=url)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=listen,
        lifespan="on",
        log_config=None,  # our JSON logging
        proxy_headers=True,
        timeout_graceful_shutdown=10,  # running streams get this long to finish
    )
    log.info("serving agent over A2A", extra={"agent": name, "port": listen})
    await _Server(config).serve()


async def _serve(settings: Settings, name: str, port: int | None) -> None:
    from cartmate.cli import _redis_url

    async with _redis_url(settings) as url:
        settings = settings.model_copy(update={"redis_url": url})
        async with open_agent_services(settings) as services:
            await run_agent_server(name, settings, services, port)


@click.command("serve-agent")
@click.argument("name", type=click.Choice(AGENTS))
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port (default CARTMATE_AGENT_BASE_PORT + the agent's place: 8101 to 8105).",
)
def serve_agent_command(name: str, port: int | None) -> None:
    """Serve one agent (NAME) over A2A: JSON-RPC and HTTP+JSON, streaming, tasks in Redis.

    The agent card is at /.well-known/agent-card.json and advertises
    CARTMATE_PUBLIC_BASE_URL/agents/NAME when that is set. Needs Redis (REDIS_URL, or an
    embedded Valkey when unset) and the Online Boutique services (*_SERVICE_ADDR, or the
    embedded defaults on 127.0.0.1).
    """
    from cartmate.cli import _init_process, _run, _settings

    # ADK warns on every use of its A2A classes that they are experimental; once is plenty.
    warnings.filterwarnings("once", message=r"\[EXPERIMENTAL\]", category=UserWarning)
    settings = _settings()
    _init_process(settings, f"agent-{name}")
    _run(_serve(settings, name, port), settings)
