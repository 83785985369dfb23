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

__all__ = ["gateway_server", "run_gateway", "tcp_socket"]

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


def tcp_socket(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A bound TCP socket for uvicorn's `serve(sockets=[...])`, with Nagle off.

    Made with proto IPPROTO_TCP: asyncio sets TCP_NODELAY only on accepted sockets of such a
    listener, and with Nagle on, a response or a burst of frames written in pieces waits
    ~40 ms for the client's delayed ACK. TCP_NODELAY is also set on the listener (Linux
    passes it on to accepted sockets, whichever event loop accepts them).

    With `reuse_port` (SO_REUSEPORT) other processes may bind the same port and the kernel
    spreads new connections over them: several gateway processes (one per core) serve one
    port without a proxy in front.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
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
    sock = tcp_socket(server.config.host, server.config.port, reuse_port=True)
    try:
        await server.serve(sockets=[sock])
    finally:
        sock.close()
