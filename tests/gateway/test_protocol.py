"""The chat contract over a real socket: frame types and fields, seq order, one turn_end per
turn, partials equal to the message, resume, auth, and the cart changed end to end."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import sys
from typing import Any

import httpx
import pytest
import websockets

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.helpers import cartmate_env, free_ports
from tests.servers import serve

MONEY_KEYS = {"currency_code", "units", "nanos"}
TURN_FRAMES = {
    "turn_start",
    "thinking",
    "delegation",
    "tool",
    "partial",
    "message",
    "turn_end",
    "error",
}


def check_turn(frames: list[dict[str, Any]]) -> dict[str, Any]:
    """Contract checks for one turn's frames; returns its message frame."""
    assert frames[0]["type"] == "turn_start" and frames[-1]["type"] == "turn_end"
    assert [f["type"] for f in frames].count("turn_end") == 1
    seqs = [f["seq"] for f in frames]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    turn_id = frames[0]["turn_id"]
    for frame in frames:
        assert frame["type"] in TURN_FRAMES
        assert frame["turn_id"] == turn_id
        if frame["type"] == "delegation":
            assert frame["status"] in ("started", "completed", "failed") and frame["agent"]
        if frame["type"] == "tool":
            assert frame["status"] in ("started", "completed", "failed") and frame["name"]
    message = next(f for f in frames if f["type"] == "message")
    partials = "".join(f["text"] for f in frames if f["type"] == "partial")
    assert partials == message["text"] and message["text"]
    assert isinstance(message["data"], dict)
    return message


async def test_session_frame_comes_first(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    assert set(session) >= {"type", "session_id", "user_id", "token", "resumed", "seq"}
    assert session["type"] == "session" and session["resumed"] is False and session["seq"] == 0
    await client.close()


async def test_search_turn_has_every_frame_kind(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    await client.recv()
    frames = await client.turn("sunglasses under 25 dollars", id="m1")
    assert frames[0]["message_id"] == "m1"
    message = check_turn(frames)
    kinds = {f["type"] for f in frames}
    assert {"thinking", "delegation", "tool", "partial", "message"} <= kinds
    assert ("product_discovery", "completed") in {
        (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
    }
    (product,) = message["data"]["products"]
    assert set(product) >= {
        "id",
        "name",
        "description",
        "picture",
        "categories",
        "price",
        "display_price",
    }
    assert set(product["price"]) == MONEY_KEYS and product["display_price"] == "$19.99"
    await client.close()


async def test_add_two_mugs_changes_that_users_cart(
    gateway_url: str, services: AgentServices
) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    message = check_turn(await client.turn("add two mugs to my cart"))
    cart = message["data"]["cart"]
    assert cart["user_id"] == session["user_id"]
    assert set(cart) >= {"user_id", "currency", "items", "total"}
    (line,) = cart["items"]
    assert set(line) >= {"product_id", "name", "quantity", "unit_price", "line_total"}
    real = await services.boutique.cart.get_cart(session["user_id"])
    assert [(i.product_id, i.quantity) for i in real.items] == [("6E92ZMYYFZ", 2)]
    await client.close()


async def test_a_shopping_list_fills_the_cart_and_the_answer_carries_it(
    gateway_url: str, services: AgentServices
) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    check_turn(await client.turn("add a mug"))
    compared = check_turn(await client.turn("my list: 3 mugs, a jar. what's missing?"))
    assert "2 more Mug" in compared["text"] and "Bamboo Glass Jar" in compared["text"]
    filled = check_turn(await client.turn("add whatever's missing"))
    lines = {i["product_id"]: i["quantity"] for i in filled["data"]["cart"]["items"]}
    assert lines == {"6E92ZMYYFZ": 3, "9SIQT8TOJO": 1}
    real = await services.boutique.cart.get_cart(session["user_id"])
    assert {i.product_id: i.quantity for i in real.items} == lines
    await client.close()


async def test_two_agents_answers_read_as_two_sentences(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    await client.recv()
    check_turn(await client.turn("add the loafers"))
    frames = await client.turn("set an alert for them at 80 and take them out for now")
    message = check_turn(frames)
    text = message["text"]
    assert "$80.00" in text and "Removed Loafers" in text, text
    assert re.search(r"[.!?] Removed Loafers", text), text  # not "now).Removed"
    partials = "".join(f["text"] for f in frames if f["type"] == "partial")
    assert partials == text  # a streaming client reads the same
    await client.close()


async def test_a_message_sent_the_moment_turn_end_arrives_is_not_busy(gateway_url: str) -> None:
    # turn_end and the release of the turn's lock are one Redis write: a client answering
    # turn_end at once finds the lock free instead of being told "busy".
    client = await Client.connect(gateway_url)
    try:
        await client.recv()
        for i in range(12):
            frames = await client.turn("hi" if i % 2 else "show my cart")
            assert frames[-1]["type"] == "turn_end" and frames[-1]["status"] == "ok", frames
            assert not [f for f in frames if f["type"] == "error"], frames
    finally:
        await client.close()


async def test_seq_keeps_increasing_across_turns(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    await client.recv()
    first = await client.turn("hi")
    second = await client.turn("show my cart")
    check_turn(first)
    check_turn(second)
    assert second[0]["seq"] > first[-1]["seq"]
    await client.close()


async def test_resume_replays_exactly_the_missed_frames(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    await client.send({"type": "message", "text": "something for the kitchen"})
    seen = [await client.recv(), await client.recv()]  # drop the socket mid-turn
    await client.close()
    await asyncio.sleep(0.5)  # the turn goes on without a socket
    again = await Client.connect(
        gateway_url,
        session_id=session["session_id"],
        token=session["token"],
        last_seq=seen[-1]["seq"],
    )
    hello = await again.recv()
    assert hello["resumed"] is True and hello["user_id"] == session["user_id"]
    rest = await again.until("turn_end")
    assert rest[0]["seq"] == seen[-1]["seq"] + 1
    check_turn(seen + rest)
    await again.close()


async def test_resume_on_another_gateway_process(gateway_url: str, settings: Settings) -> None:
    client = await Client.connect(gateway_url)
    session = await client.recv()
    frames = await client.turn("show my cart")
    await client.close()
    # A second replica in its own process (`cartmate gateway`), sharing only Redis.
    (port,) = free_ports(1)
    env = cartmate_env(
        REDIS_URL=str(settings.redis_url),
        CARTMATE_REDIS_PREFIX=settings.redis_prefix,
        PRODUCT_CATALOG_SERVICE_ADDR=str(settings.product_catalog_service_addr),
        CART_SERVICE_ADDR=str(settings.cart_service_addr),
        CURRENCY_SERVICE_ADDR=str(settings.currency_service_addr),
        RECOMMENDATION_SERVICE_ADDR=str(settings.recommendation_service_addr),
        CARTMATE_MODEL="offline",
        CARTMATE_LOG_LEVEL="WARNING",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cartmate", "gateway", "--port", str(port), env=env
    )
    try:
        second = f"http://127.0.0.1:{port}"
        await _until_alive(f"{second}/healthz")
        other = await Client.connect(
            second,
            session_id=session["session_id"],
            token=session["token"],
            last_seq=frames[2]["seq"],
        )
        assert (await other.recv())["resumed"] is True
        replayed = [await other.recv() for _ in range(len(frames) - 3)]
        assert replayed == frames[3:]
        more = await other.turn("add the mug")
        assert check_turn(more)["data"]["cart"]["user_id"] == session["user_id"]
        await other.close()
    finally:
        process.terminate()
        # uvicorn re-raises the signal after a clean shutdown, as process managers expect.
        assert await asyncio.wait_for(process.wait(), 30) in (0, -signal.SIGTERM)


async def _until_alive(url: str) -> None:
    async with httpx.AsyncClient(timeout=2) as http:
        for _ in range(300):
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


@pytest.mark.parametrize("token", ["", "garbage", "x.y"])
async def test_wrong_token_cannot_attach(gateway_url: str, token: str) -> None:
    owner = await Client.connect(gateway_url)
    session = await owner.recv()
    intruder = await Client.connect(gateway_url, session_id=session["session_id"], token=token)
    error = await intruder.recv()
    assert error["type"] == "error" and error["code"] == "unauthorized"
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await intruder.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    await owner.close()


async def test_another_sessions_token_cannot_attach(gateway_url: str) -> None:
    alice = await Client.connect(gateway_url)
    a = await alice.recv()
    bob = await Client.connect(gateway_url)
    b = await bob.recv()
    intruder = await Client.connect(gateway_url, session_id=a["session_id"], token=b["token"])
    assert (await intruder.recv())["code"] == "unauthorized"
    await alice.close()
    await bob.close()


async def test_ping_pong_and_cancel(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    await client.recv()
    await client.send({"type": "ping"})
    assert (await client.recv())["type"] == "pong"
    await client.send({"type": "message", "text": "something for the kitchen"})
    await client.send({"type": "cancel"})
    frames = await client.until("turn_end")
    assert frames[-1]["status"] in ("cancelled", "ok")  # a fast turn may finish first
    assert [f["type"] for f in frames].count("turn_end") == 1
    await client.close()


async def test_one_turn_at_a_time(gateway_url: str) -> None:
    client = await Client.connect(gateway_url)
    await client.recv()
    await client.send({"type": "message", "text": "something for the kitchen"})
    await client.send({"type": "message", "text": "show my cart"})
    frames = await client.until("turn_end")
    busy = [f for f in frames if f["type"] == "error"]
    if busy:  # the second message arrived while the first ran
        assert busy[0]["code"] == "busy" and busy[0]["retryable"] is True
    await client.close()


async def test_foreign_browser_origins_are_refused(gateway_url: str, settings: Settings) -> None:
    ws = gateway_url.replace("http://", "ws://") + "/ws"
    host = gateway_url.split("://", 1)[1]
    async with websockets.connect(ws, origin=f"http://{host}") as same:  # the page itself
        assert json.loads(await same.recv())["type"] == "session"
    async with websockets.connect(ws, origin="https://evil.example") as foreign:
        error = json.loads(await foreign.recv())
        assert error["code"] == "unauthorized"
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await foreign.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
    allowed = settings.model_copy(update={"allowed_origins": "https://shop.example"})
    async with serve(create_app(allowed), lifespan="on") as url:
        target = url.replace("http://", "ws://") + "/ws"
        async with websockets.connect(target, origin="https://shop.example") as partner:
            assert json.loads(await partner.recv())["type"] == "session"
