"""Running the gateway under uvicorn with a graceful shutdown.

On SIGTERM or Ctrl-C the gateway first drains (running turns end `cancelled`, sockets close
with 1001 "going away"), then uvicorn stops; uvicorn alone would close sockets with 1012.
"""

from __future__ import annotations

import asyncio
import logging
from types import FrameType

import uvicorn

from cartmate.config import Settings
from cartmate.gateway.app import create_app

__all__ = ["gateway_server", "run_gateway"]

log = logging.getLogger(__name__)


class _GatewayServer(uvicorn.Server):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        app = self.config.loaded_app
        gateway = getattr(getattr(getattr(app, "app", app), "state", None), "gateway", None)
        if gateway is None or self.should_exit:
            super().handle_exit(sig, frame)
            return
        log.info("draining the gateway before stopping")
        loop = asyncio.get_running_loop()

        async def drain_then_exit() -> None:
            try:
                await asyncio.wait_for(gateway.drain(), timeout=15)
            finally:
                super(_GatewayServer, self).handle_exit(sig, frame)

        loop.create_task(drain_then_exit())


def gateway_server(settings: Settings, port: int | None = None) -> uvicorn.Server:
    """The uvicorn server `cartmate gateway` runs (drains on SIGTERM)."""
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.gateway_port if port is None else port,
        lifespan="on",
        log_config=None,  # our JSON logging
        ws_max_size=2 * settings.max_frame_bytes,  # we answer too_large ourselves below this
        ws_ping_interval=settings.ws_ping_interval_s,
        ws_ping_timeout=settings.ws_ping_interval_s,
        ws_per_message_deflate=settings.ws_compression,
        proxy_headers=True,
        timeout_graceful_shutdown=20,
    )
    return _GatewayServer(config)


async def run_gateway(settings: Settings, port: int | None = None) -> None:
    await gateway_server(settings, port).serve()
