"""Notifications reach online sockets and wait for offline sessions; cancel works across
replicas."""

from __future__ import annotations

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from tests.gateway.conftest import Client
from tests.servers import serve


async def test_notification_online_and_after_reconnect(settings: Settings) -> None:
    app = create_app(settings)
    async with serve(app, lifespan="on") as url:
        client = await Client.connect(url)
        session = await client.recv()
        gateway = app.state.gateway
        assert await gateway.notify(session["user_id"], "price_alert", product="Watch") == 1
        live = await client.recv()
        assert live["type"] == "notification" and live["kind"] == "price_alert"
        assert live["product"] == "Watch" and live["seq"] == 1
        await client.close()
        # Offline now: the next one waits in the session's log.
        await gateway.notify(session["user_id"], "price_alert", product="Mug")
        back = await Client.connect(
            url, session_id=session["session_id"], token=session["token"], last_seq=live["seq"]
        )
        assert (await back.recv())["resumed"] is True
        waiting = await back.recv()
        assert waiting["kind"] == "price_alert" and waiting["product"] == "Mug"
        await back.close()


async def test_unknown_user_has_no_sessions(settings: Settings) -> None:
    app = create_app(settings)
    async with serve(app, lifespan="on"):
        assert await app.state.gateway.notify("nobody", "price_alert") == 0


async def test_cancel_reaches_the_replica_running_the_turn(settings: Settings) -> None:
    first, second = create_app(settings), create_app(settings)
    async with serve(first, lifespan="on") as url_a, serve(second, lifespan="on") as url_b:
        runner = await Client.connect(url_a)
        session = await runner.recv()
        watcher = await Client.connect(
            url_b, session_id=session["session_id"], token=session["token"]
        )
        await watcher.recv()
        await runner.send({"type": "message", "text": "something for the kitchen"})
        await watcher.until("turn_start")
        await watcher.send({"type": "cancel"})  # sent to the other replica
        frames = await watcher.until("turn_end")
        assert frames[-1]["status"] in ("cancelled", "ok")
        await runner.close()
        await watcher.close()


async def test_a_cancel_request_reaches_every_replica(settings: Settings) -> None:
    import asyncio

    first, second = create_app(settings), create_app(settings)
    async with serve(first, lifespan="on"), serve(second, lifespan="on"):
        running = asyncio.Event()  # stands for a turn running on the second replica
        second.state.gateway.cancels["s-elsewhere"] = running
        await first.state.gateway.log.request_cancel("s-elsewhere")
        await asyncio.wait_for(running.wait(), timeout=10)
        second.state.gateway.cancels.pop("s-elsewhere")
