"""The gateway as `cartmate gateway` serves it: uvicorn configured from Settings."""

from __future__ import annotations

import asyncio
import socket

import pytest
import websockets

from cartmate.config import Settings
from cartmate.gateway.serve import gateway_server, tcp_socket
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


@pytest.mark.parametrize("reuse_port", [False, True])
def test_serving_sockets_have_nagle_off(reuse_port: bool) -> None:
    # asyncio turns Nagle off on accepted sockets only when the listener's proto is TCP;
    # with it on, a burst of frames waits ~40 ms for the client's delayed ACK.
    with tcp_socket("127.0.0.1", 0, reuse_port=reuse_port) as sock:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT)) is reuse_port
        if reuse_port:  # another gateway process binds the same port
            port = sock.getsockname()[1]
            with tcp_socket("127.0.0.1", port, reuse_port=True) as other:
                assert other.getsockname()[1] == port
