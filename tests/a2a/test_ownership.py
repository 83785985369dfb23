"""Shoppers' data over A2A: with CARTMATE_A2A_SHOPPER_SECRET, a caller acting for shopper A
never reads or changes shopper B's cart, style profile, price alerts or A2A tasks.

Every call is a real HTTP request to a served agent; each assertion is signed as the
orchestrator signs it (`tests.a2a.conftest.shopper_headers`), one per request.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from cartmate.a2a.assertions import HEADER, ShopperAssertions
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from tests.a2a.conftest import Gate, gated_agent, serve_agent, shopper_headers
from tests.agents.conftest import ConversationFactory, converse, png_bytes
from tests.helpers import free_port

__all__ = ["converse"]

SECRET = "shopper-assertion-secret-0123456789"
TOKEN = "peer-bearer-token-0123456789"
MUG = "6E92ZMYYFZ"
V1 = {"A2A-Version": "1.0"}
NOT_FOUND = -32001


@pytest.fixture
def secured(settings: Settings) -> Settings:
    """Shopper assertions on, and the bearer token every peer needs."""
    return settings.model_copy(
        update={"a2a_shopper_secret": SecretStr(SECRET), "a2a_token": SecretStr(TOKEN)}
    )


@dataclass
class Caller:
    """One caller of one agent: a shopper's assertion on every request, or none."""

    http: httpx.AsyncClient
    settings: Settings
    agent: str
    shopper: str | None = None  # None: the bearer token only (an external peer)

    def headers(self, version: bool = True) -> dict[str, str]:
        headers = dict(V1) if version else {}
        token = self.settings.a2a_token
        if token is not None:
            headers["Authorization"] = f"Bearer {token.get_secret_value()}"
        if self.shopper is not None:
            headers.update(shopper_headers(self.settings, self.shopper, self.agent))
        return headers

    async def rpc(self, method: str, params: dict[str, Any], *, v03: bool = False) -> Any:
        body = {"jsonrpc": "2.0", "id": uuid.uuid4().hex, "method": method, "params": params}
        response = await self.http.post("/", json=body, headers=self.headers(version=not v03))
        assert response.status_code == 200, response.text
        if response.text.startswith("data:"):  # a stream's (0.3 resubscribe) first event
            return json.loads(response.text.splitlines()[0].removeprefix("data:"))
        return response.json()

    async def send(self, text: str, **message: Any) -> dict[str, Any]:
        """SendMessage; the task it made (or the JSON-RPC error)."""
        metadata = message.pop("metadata", None)
        msg = {"messageId": uuid.uuid4().hex, "role": "ROLE_USER", "parts": [{"text": text}]}
        msg.update(message)
        if metadata is not None:
            msg["metadata"] = metadata
        reply = await self.rpc("SendMessage", {"message": msg})
        return reply.get("result", {}).get("task") or reply

    async def rest(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        # The /v1/ routes are 0.3's: no A2A-Version header.
        headers = self.headers(version=not path.startswith("/v1/"))
        return await self.http.request(method, path, headers=headers, **kwargs)


def answer(task: dict[str, Any]) -> str:
    return " ".join(p.get("text", "") for a in task.get("artifacts", []) for p in a["parts"])


@contextlib.asynccontextmanager
async def callers(
    served_url: str, settings: Settings, agent: str, *shoppers: str | None
) -> AsyncIterator[list[Caller]]:
    async with httpx.AsyncClient(base_url=served_url, timeout=60) as http:
        yield [Caller(http, settings, agent, shopper) for shopper in shoppers]


async def _cart(services: AgentServices, user_id: str) -> dict[str, int]:
    cart = await services.boutique.cart.get_cart(user_id)
    return {item.product_id: item.quantity for item in cart.items}


def _leaks(reply: Any, *secrets: str) -> bool:
    text = json.dumps(reply)
    return any(secret in text for secret in secrets)


async def test_a_shopper_cannot_reach_another_shoppers_cart_or_tasks(
    secured: Settings, services: AgentServices
) -> None:
    alice, bob = f"alice-{uuid.uuid4().hex[:6]}", f"bob-{uuid.uuid4().hex[:6]}"
    async with (
        serve_agent("cart_manager", secured, services) as served,
        callers(served.url, secured, "cart_manager", alice, bob, None) as (a, b, peer),
    ):
        task = await a.send("add two mugs")
        assert task["status"]["state"] == "TASK_STATE_COMPLETED", task
        assert await _cart(services, alice) == {MUG: 2}
        task_id, context_id = task["id"], task["contextId"]

        # Alice's own task is hers: read and listed.
        assert (await a.rpc("GetTask", {"id": task_id}))["result"]["id"] == task_id
        listed = (await a.rpc("ListTasks", {}))["result"]["tasks"]
        assert [t["id"] for t in listed] == [task_id]

        # Bob, with his own valid assertion: not found, nothing of Alice's in the answers.
        for method in ("GetTask", "CancelTask", "SubscribeToTask"):
            reply = await b.rpc(method, {"id": task_id})
            assert reply["error"]["code"] == NOT_FOUND, (method, reply)
            assert not _leaks(reply["error"], context_id, "Mug")
        assert (await b.rpc("ListTasks", {}))["result"].get("tasks", []) == []
        for method in ("tasks/get", "tasks/cancel", "tasks/resubscribe"):  # the 0.3 methods
            reply = await b.rpc(method, {"id": task_id}, v03=True)
            assert "error" in reply and not _leaks(reply["error"], context_id, "Mug"), reply
        for verb, path in (
            ("GET", f"/tasks/{task_id}"),
            ("POST", f"/tasks/{task_id}:cancel"),
            ("POST", f"/tasks/{task_id}:subscribe"),
            ("GET", f"/v1/tasks/{task_id}"),
        ):
            response = await b.rest(verb, path)
            assert response.status_code == 404, (path, response.text)
            assert not _leaks(response.text, context_id, "Mug")
        listed_rest = await b.rest("GET", "/tasks")
        assert listed_rest.status_code == 200 and task_id not in listed_rest.text

        # Follow-ups on Alice's ids: her task is not found; her context is not her session.
        reply = await b.send("add a mug", taskId=task_id)
        assert reply["error"]["code"] == NOT_FOUND and not _leaks(reply, context_id, "Mug")
        bobs = await b.send("what's in my cart?", contextId=context_id)
        assert bobs["status"]["state"] == "TASK_STATE_COMPLETED", bobs
        assert "Mug" not in answer(bobs), answer(bobs)
        bobs = await b.send("empty my cart", contextId=context_id)
        assert bobs["status"]["state"] == "TASK_STATE_COMPLETED", bobs

        # Bob naming Alice in the metadata: refused, whatever the message.
        reply = await b.send("empty my cart", metadata={"user_id": alice})
        assert reply["error"]["code"] == -32602 and "user_id" in reply["error"]["message"]

        # The bearer token alone (no assertion) acts in the peer's own namespace.
        for asked in ("empty my cart", "add a mug"):
            done = await peer.send(asked, metadata={"user_id": alice})
            assert done["status"]["state"] == "TASK_STATE_COMPLETED", done
        assert (await peer.rpc("GetTask", {"id": task_id}))["error"]["code"] == NOT_FOUND
        assert task_id not in json.dumps(await peer.rpc("ListTasks", {}))

        assert await _cart(services, alice) == {MUG: 2}
        assert await _cart(services, bob) == {}
        assert await _cart(services, f"ext:a2a-peer/{alice}") == {MUG: 1}
        # ... and Alice still owns and reads her task.
        assert (await a.rpc("GetTask", {"id": task_id}))["result"]["id"] == task_id


async def test_a_running_task_is_its_shoppers_only(
    secured: Settings, services: AgentServices
) -> None:
    alice, bob = f"alice-{uuid.uuid4().hex[:6]}", f"bob-{uuid.uuid4().hex[:6]}"
    gate = Gate()
    agent = gated_agent("cart_manager", secured, services, gate)
    async with (
        serve_agent("cart_manager", secured, services, agent=agent) as served,
        callers(served.url, secured, "cart_manager", alice, bob) as (a, b),
    ):
        msg = {"messageId": uuid.uuid4().hex, "role": "ROLE_USER", "parts": [{"text": "add a mug"}]}
        started = await a.rpc(
            "SendMessage", {"message": msg, "configuration": {"returnImmediately": True}}
        )
        task_id = started["result"]["task"]["id"]
        await asyncio.wait_for(gate.reached.wait(), 30)
        for method in ("SubscribeToTask", "CancelTask", "GetTask"):
            assert (await b.rpc(method, {"id": task_id}))["error"]["code"] == NOT_FOUND, method
        reply = await b.rpc("tasks/resubscribe", {"id": task_id}, v03=True)
        assert "error" in reply, reply
        # Alice cancels her own running task; the tool never runs.
        cancelled = await a.rpc("CancelTask", {"id": task_id})
        assert cancelled["result"]["status"]["state"] == "TASK_STATE_CANCELED", cancelled
        gate.opened.set()
    assert await _cart(services, alice) == {}


async def test_style_profiles_and_price_alerts_stay_with_their_shopper(
    secured: Settings, services: AgentServices
) -> None:
    alice, bob = f"alice-{uuid.uuid4().hex[:6]}", f"bob-{uuid.uuid4().hex[:6]}"
    photo = {
        "raw": base64.b64encode(png_bytes((200, 40, 40))).decode(),
        "mediaType": "image/png",
    }
    async with serve_agent("style_profiler", secured, services) as served:
        async with callers(served.url, secured, "style_profiler", alice, bob, None) as (a, b, p):
            done = await a.send("what's my style?", parts=[{"text": "my outfit"}, photo])
            assert done["status"]["state"] == "TASK_STATE_COMPLETED", done
            assert (await b.send("what's my style?"))["status"]["state"] == "TASK_STATE_COMPLETED"
            reply = await b.send("what's my style?", metadata={"user_id": alice})
            assert reply["error"]["code"] == -32602
            stolen = await p.send(
                "my outfit", parts=[{"text": "mine"}, photo], metadata={"user_id": alice}
            )
            assert stolen["status"]["state"] == "TASK_STATE_COMPLETED", stolen
    assert (await services.profiles.get(alice)).images_analysed == 1
    assert (await services.profiles.get(bob)).images_analysed == 0
    assert (await services.profiles.get(f"ext:a2a-peer/{alice}")).images_analysed == 1

    async with serve_agent("price_comparison", secured, services) as served:
        async with callers(served.url, secured, "price_comparison", alice, bob, None) as (a, b, p):
            made = await a.send("tell me if the loafers drop below $80")
            assert made["status"]["state"] == "TASK_STATE_COMPLETED", made
            listed = await b.send("my alerts")
            assert "Loafers" not in answer(listed), answer(listed)
            peer_made = await p.send(
                "tell me if the watch drops below $50", metadata={"user_id": alice}
            )
            assert peer_made["status"]["state"] == "TASK_STATE_COMPLETED", peer_made
            peer_listed = await p.send("my alerts", metadata={"user_id": alice})
            assert "Loafers" not in answer(peer_listed), answer(peer_listed)
    assert [alert.product_name for alert in await services.alerts.list(alice)] == ["Loafers"]
    assert await services.alerts.list(bob) == []
    assert len(await services.alerts.list(f"ext:a2a-peer/{alice}")) == 1


async def test_forged_expired_replayed_and_misdirected_assertions_are_refused(
    secured: Settings, services: AgentServices
) -> None:
    alice = f"alice-{uuid.uuid4().hex[:6]}"
    await services.boutique.cart.add_item(alice, MUG, 3)
    auth = {"Authorization": f"Bearer {TOKEN}", **V1}
    signer = ShopperAssertions(SECRET.encode())
    body, signature = signer.issue(alice, "cart_manager").split(".")
    other_body = signer.issue("mallory", "cart_manager").split(".")[0]
    refused = {
        "forged with another secret": ShopperAssertions(b"not-the-secret-0123456789").issue(
            alice, "cart_manager"
        ),
        "another body under a real signature": f"{other_body}.{signature}",
        "expired": signer.issue(alice, "cart_manager", now=time.time() - 3600),
        "for another agent": signer.issue(alice, "style_profiler"),
        "garbage": "not-a-token",
        "empty": "",
        "huge": "x" * 100_000,
        "non-ascii": "é.é",
    }
    send = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "SendMessage",
        "params": {
            "message": {"messageId": "m", "role": "ROLE_USER", "parts": [{"text": "empty my cart"}]}
        },
    }
    async with (
        serve_agent("cart_manager", secured, services) as served,
        httpx.AsyncClient(base_url=served.url, timeout=60) as http,
    ):
        for why, token in refused.items():
            response = await http.post("/", json=send, headers={**auth, HEADER: token.encode()})
            assert response.status_code == 401, (why, response.text)
            error = response.json()["error"]
            assert error["status"] == "UNAUTHENTICATED" and HEADER in error["message"], why
        # A good one works once; the same one again (a replay) is refused.
        good = f"{body}.{signature}"
        first = await http.post("/", json=send, headers={**auth, HEADER: good})
        assert first.status_code == 200 and "result" in first.json(), first.text
        again = await http.post("/", json=send, headers={**auth, HEADER: good})
        assert again.status_code == 401 and "already used" in again.text
        # Two assertions on one request: refused, not "the first one wins".
        two = [(HEADER, signer.issue(alice, "cart_manager")), (HEADER, signer.issue("m", "x"))]
        response = await http.post("/", json=send, headers=[*auth.items(), *two])
        assert response.status_code == 401
        # Without the bearer token, even a valid assertion does not get in.
        response = await http.post(
            "/", json=send, headers={**V1, **shopper_headers(secured, alice, "cart_manager")}
        )
        assert response.status_code == 401
    assert await _cart(services, alice) == {}  # only the one good request emptied it


async def test_the_orchestrator_asserts_its_shopper(
    secured: Settings, services: AgentServices, converse: ConversationFactory
) -> None:
    shopper = f"u-{uuid.uuid4().hex[:12]}"
    secured = secured.model_copy(update={"delegation": "a2a", "agent_base_port": free_port()})
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(
            serve_agent("cart_manager", secured, services, register=True)
        )
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=60))
        provider = StaticServices(services)
        chat = await converse(build_orchestrator_agent(provider, secured, http), user_id=shopper)
        turn = await chat.say("add two mugs")
        assert "unavailable" not in turn.text, turn.text
        turn = await chat.say("make it 3")  # a second request: a fresh assertion, same shopper
        assert await _cart(services, shopper) == {MUG: 3}
        # An orchestrator without the secret is only a peer: its shopper is not the real one.
        unsigned = secured.model_copy(update={"a2a_shopper_secret": None})
        chat = await converse(build_orchestrator_agent(provider, unsigned, http), user_id=shopper)
        turn = await chat.say("empty my cart")
        assert "unavailable" not in turn.text, turn.text
    assert await _cart(services, shopper) == {MUG: 3}


async def test_without_the_secret_user_id_is_believed_and_it_is_logged(
    settings: Settings, services: AgentServices, caplog: pytest.LogCaptureFixture
) -> None:
    alice = f"alice-{uuid.uuid4().hex[:6]}"
    with caplog.at_level("WARNING", logger="cartmate.a2a.server"):
        async with (
            serve_agent("cart_manager", settings, services) as served,
            callers(served.url, settings, "cart_manager", None) as (anyone,),
        ):
            done = await anyone.send("add a mug", metadata={"user_id": alice})
            assert done["status"]["state"] == "TASK_STATE_COMPLETED", done
    assert await _cart(services, alice) == {MUG: 1}
    assert any("CARTMATE_A2A_SHOPPER_SECRET is not set" in r.getMessage() for r in caplog.records)
