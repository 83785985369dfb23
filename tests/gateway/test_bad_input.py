"""Bad input gets its error frame and loses nothing: the connection and other sessions go on."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from collections.abc import AsyncIterator

import pytest
from PIL import Image

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.servers import serve


def _png(size: tuple[int, int] = (32, 32)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 10, 10)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _png_bomb(width: int = 20_000, height: int = 20_000) -> str:
    """A tiny PNG whose header claims 400 megapixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = zlib.compress(b"\x00" * 1024)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return base64.b64encode(png).decode()


@pytest.fixture
async def client(gateway_url: str) -> AsyncIterator[Client]:
    connected = await Client.connect(gateway_url)
    await connected.recv()
    yield connected
    await connected.close()


async def _error_then_still_works(client: Client, frame: dict | str, code: str) -> None:
    await client.send(frame)
    error = await client.recv()
    assert error["type"] == "error" and error["code"] == code, error
    assert isinstance(error["seq"], int) and error["message"]
    await client.send({"type": "ping"})
    assert (await client.recv())["type"] == "pong"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("this is not json", "bad_request"),
        ("[1, 2, 3]", "bad_request"),
        ({"type": "dance"}, "bad_request"),
        ({"text": "no type"}, "bad_request"),
        ({"type": "message"}, "bad_request"),
        ({"type": "message", "text": "   "}, "bad_request"),
        ({"type": "message", "text": 42}, "bad_request"),
        ({"type": "message", "images": [{"mime_type": "image/png", "data": "!!!"}]}, "bad_request"),
        (
            {"type": "message", "images": [{"mime_type": "image/gif", "data": _png()}]},
            "bad_request",
        ),
        (
            {
                "type": "message",
                "images": [
                    {"mime_type": "image/png", "data": base64.b64encode(b"not an image").decode()}
                ],
            },
            "bad_request",
        ),
    ],
)
async def test_malformed_frames(client: Client, frame: dict | str, code: str) -> None:
    await _error_then_still_works(client, frame, code)


async def test_decompression_bomb_is_refused(client: Client) -> None:
    frame = {"type": "message", "images": [{"mime_type": "image/png", "data": _png_bomb()}]}
    await _error_then_still_works(client, frame, "too_large")


async def test_huge_frame_is_refused(client: Client) -> None:
    await _error_then_still_works(client, "x" * (13 * 1024 * 1024), "too_large")


async def test_binary_frame_is_refused(client: Client) -> None:
    await client.socket.send(b"\x00\x01binary")
    error = await client.recv()
    assert error["code"] == "bad_request"


async def test_a_valid_photo_is_accepted(client: Client) -> None:
    frames = await client.turn(
        "what's my style?", images=[{"mime_type": "image/png", "data": _png()}]
    )
    assert frames[-1] == {**frames[-1], "type": "turn_end", "status": "ok"}


async def test_flood_is_rate_limited_and_other_sessions_are_fine(settings: Settings) -> None:
    limited = settings.model_copy(update={"messages_per_minute": 3})
    async with serve(create_app(limited), lifespan="on") as url:
        flooder = await Client.connect(url)
        await flooder.recv()
        for _ in range(3):
            await flooder.turn("hi")
        await flooder.send({"type": "message", "text": "hi again"})
        error = await flooder.recv()
        assert error["code"] == "rate_limited" and error["retryable"] is True
        calm = await Client.connect(url)
        await calm.recv()
        assert (await calm.turn("hi"))[-1]["status"] == "ok"
        await flooder.close()
        await calm.close()


async def test_too_many_connections(settings: Settings) -> None:
    tight = settings.model_copy(update={"max_connections": 1})
    async with serve(create_app(tight), lifespan="on") as url:
        first = await Client.connect(url)
        await first.recv()
        second = await Client.connect(url)
        error = await second.recv()
        assert error["code"] == "unavailable" and error["retryable"] is True
        await first.close()
