"""Running the gateway under uvicorn with a graceful shutdown.

On SIGTERM or Ctrl-C the gateway first drains (running turns end `cancelled`, sockets close
with 1001 "going away"), then uvicorn stops; uvicorn alone would close sockets with 1012.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from types import FrameType

import uvicorn

from cartmate.config import Settings
from cartmate.gateway.app import create_app

__all__ = ["gateway_server", "reuse_port_socket", "run_gateway"]

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


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A listening-ready socket on (host, port) that other processes may bind too.

    With SO_REUSEPORT on every gateway process's socket, the kernel spreads new connections
    over them: several processes (one per core) serve one port without a proxy in front.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


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


async def run_gateway(
    settings: Settings, port: int | None = None, *, reuse_port: bool = False
) -> None:
    """Serve the gateway until stopped; with `reuse_port`, beside other processes on the port."""
    server = gateway_server(settings, port)
    if not reuse_port:
        await server.serve()
        return
    sock = reuse_port_socket(server.config.host, server.config.port)
    try:
        await server.serve(sockets=[sock])
    finally:
        sock.close()
