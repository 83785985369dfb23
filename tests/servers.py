"""Serving an ASGI app with uvicorn on a loopback port chosen by the OS, inside a test."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import uvicorn
from starlette.types import ASGIApp

from cartmate.gateway.serve import tcp_socket

__all__ = ["serve"]


@contextlib.asynccontextmanager
async def serve(app: ASGIApp, *, lifespan: str = "auto") -> AsyncIterator[str]:
    """Run `app` until the block ends; yields its base URL (http://127.0.0.1:PORT).

    A failing lifespan start-up raises here instead of hanging.
    """
    with tcp_socket("127.0.0.1", 0) as sock:  # bound before serving: no port race
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                lifespan=lifespan,
                log_level="warning",
                log_config=None,
                timeout_graceful_shutdown=5,  # a test that left a socket open cannot hang
            )
        )
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if task.done():
                await task  # a failed start raises here
            await asyncio.sleep(0.01)
        try:
            yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        finally:
            server.should_exit = True
            await task
