"""PeerClient records refused connections, and only those, per peer; over its aiohttp
transport a streamed reply arrives as it is sent, and a stream broken after the connection
was made is an error of its own, not a refusal."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from cartmate.a2a.failover import PeerClient, RefusalLog
from tests.gateway.conftest import gateway_url
from tests.helpers import free_port

__all__ = ["gateway_url"]


async def test_a_refused_connection_is_recorded_for_its_peer_only() -> None:
    closed = free_port()
    async with PeerClient(timeout=2) as http:
        before = time.monotonic()
        with pytest.raises(httpx.ConnectError):
            await http.post(f"http://127.0.0.1:{closed}/", json={})
        assert http.refusals.refused_since(f"http://127.0.0.1:{closed}/agents/x", before)
        assert http.refusals.recently_refused(f"http://127.0.0.1:{closed}")
        assert not http.refusals.recently_refused(f"http://127.0.0.1:{free_port()}")
        assert not http.refusals.refused_since(f"http://127.0.0.1:{closed}", time.monotonic())


async def test_an_answered_request_is_not_a_refusal(gateway_url: str) -> None:
    async with PeerClient(timeout=10) as http:
        before = time.monotonic()
        assert (await http.get(f"{gateway_url}/healthz")).status_code == 200
        assert not http.refusals.refused_since(gateway_url, before)


def test_a_refusal_is_forgotten_after_the_hold() -> None:
    refusals = RefusalLog(hold_s=0.0)
    refusals.record("http://127.0.0.1:1/")
    time.sleep(0.001)
    assert not refusals.recently_refused("http://127.0.0.1:1")


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def _raw_server(handle: Handler) -> AsyncIterator[str]:
    """An HTTP/1.1 peer written by hand, to break a reply where a test wants it."""
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()
        await server.wait_closed()


async def _stream_head(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    )


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


async def test_a_streamed_reply_arrives_event_by_event() -> None:
    release = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _stream_head(reader, writer)
        writer.write(_chunk(b"data: first\n\n"))
        await writer.drain()
        await release.wait()  # the second event only after the client saw the first
        writer.write(_chunk(b"data: second\n\n") + b"0\r\n\r\n")
        await writer.drain()
        writer.close()

    async with _raw_server(handle) as url, PeerClient(timeout=10) as http:
        async with http.stream("POST", url, json={}) as response:
            lines = response.aiter_lines()
            assert await asyncio.wait_for(anext(lines), 10) == "data: first"
            release.set()
            rest = [line async for line in lines]
        assert [line for line in rest if line] == ["data: second"]


async def test_a_stream_broken_after_connecting_is_not_a_refusal() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _stream_head(reader, writer)
        writer.write(_chunk(b"data: partial\n\n"))
        await writer.drain()
        writer.close()  # mid-stream: the specialist may have acted

    async with _raw_server(handle) as url, PeerClient(timeout=10) as http:
        before = time.monotonic()
        with pytest.raises(httpx.TransportError) as raised:
            async with http.stream("POST", url, json={}) as response:
                async for _ in response.aiter_lines():
                    pass
        assert not isinstance(raised.value, httpx.ConnectError)
        assert not http.refusals.refused_since(url, before)
