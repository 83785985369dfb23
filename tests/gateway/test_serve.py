"""The gateway as `cartmate gateway` serves it: uvicorn configured from Settings."""

from __future__ import annotations

import asyncio

import pytest
import websockets

from cartmate.config import Settings
from cartmate.gateway.serve import gateway_server
from tests.helpers import free_port


@pytest.mark.parametrize("compression", [False, True])
async def test_per_message_deflate_only_when_configured(
    settings: Settings, compression: bool
) -> None:
    port = free_port()
    server = gateway_server(
        settings.model_copy(update={"host": "127.0.0.1", "ws_compression": compression}), port
    )
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            assert not task.done(), "the gateway did not start"
            await asyncio.sleep(0.05)
        # The client offers deflate, as browsers do; the gateway accepts it only when told to.
        async with websockets.connect(f"ws://127.0.0.1:{port}/ws") as socket:
            assert '"session"' in str(await asyncio.wait_for(socket.recv(), 15))
            extensions = socket.response.headers.get("Sec-WebSocket-Extensions") or ""
        assert ("permessage-deflate" in extensions) is compression
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)
