"""Gateway fixtures: the app served by uvicorn on loopback, and a real WebSocket client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import websockets

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.agents.conftest import services, settings
from tests.servers import serve

__all__ = ["Client", "gateway_url", "services", "settings"]


@pytest.fixture
async def gateway_url(settings: Settings) -> AsyncIterator[str]:
    async with serve(create_app(settings), lifespan="on") as url:
        yield url


class Client:
    """A chat client speaking the protocol over a real WebSocket."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.frames: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, base: str, **params: Any) -> Client:
        query = "&".join(f"{k}={v}" for k, v in params.items() if v is not None)
        url = base.replace("http://", "ws://") + "/ws" + (f"?{query}" if query else "")
        return cls(await websockets.connect(url, max_size=64 * 1024 * 1024))

    async def send(self, frame: dict[str, Any] | str) -> None:
        await self.socket.send(frame if isinstance(frame, str) else json.dumps(frame))

    async def recv(self, wait_s: float = 15.0) -> dict[str, Any]:
        frame = json.loads(await asyncio.wait_for(self.socket.recv(), wait_s))
        self.frames.append(frame)
        return frame

    async def until(self, kind: str, wait_s: float = 15.0) -> list[dict[str, Any]]:
        """Frames up to and including the next one of type `kind`."""
        seen = []
        while True:
            frame = await self.recv(wait_s)
            seen.append(frame)
            if frame["type"] == kind:
                return seen

    async def turn(self, text: str, **extra: Any) -> list[dict[str, Any]]:
        await self.send({"type": "message", "text": text, **extra})
        return await self.until("turn_end")

    async def close(self) -> None:
        await self.socket.close()
