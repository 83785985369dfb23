"""A first conversation over the real socket."""

from __future__ import annotations

from tests.gateway.conftest import Client


async def test_hello_over_the_socket(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    assert session["type"] == "session" and session["resumed"] is False
    frames = await client.turn("add two mugs to my cart")
    kinds = [f["type"] for f in frames]
    assert kinds[0] == "turn_start" and kinds[-1] == "turn_end"
    message = next(f for f in frames if f["type"] == "message")
    assert "".join(f["text"] for f in frames if f["type"] == "partial") == message["text"]
    assert message["data"]["cart"]["items"][0]["quantity"] == 2
    await client.close()
