"""The wire as other clients use it: no A2A-Version header (0.3), trailing slashes, paths
under CARTMATE_PUBLIC_BASE_URL, plain HTTP+JSON."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.a2a.conftest import a2a_client, collect, outcome, send_request, serve_agent, user_message

MUG = "6E92ZMYYFZ"
V1 = {"A2A-Version": "1.0"}


async def _cart(services: AgentServices, user_id: str) -> dict[str, int]:
    cart = await services.boutique.cart.get_cart(user_id)
    return {item.product_id: item.quantity for item in cart.items}


def _v1_send(text: str, user_id: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "SendMessage",
        "params": {
            "message": {
                "messageId": uuid.uuid4().hex,
                "role": "ROLE_USER",
                "parts": [{"text": text}],
                "metadata": {"user_id": user_id},
            }
        },
    }


def _v03_send(text: str, user_id: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": "req-1",
        "method": "message/send",
        "params": {
            "message": {
                "kind": "message",
                "messageId": uuid.uuid4().hex,
                "role": "user",
                "parts": [{"kind": "text", "text": text}],
                "metadata": {"user_id": user_id},
            }
        },
    }


async def test_a_0_3_client_without_a_version_header_is_served(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with serve_agent("cart_manager", settings, services) as served:
        async with httpx.AsyncClient(timeout=30) as http:
            card = (await http.get(f"{served.url}/.well-known/agent-card.json")).json()
            # A 0.3 client reads these fields.
            assert card["url"] == served.url
            assert card["preferredTransport"] == "JSONRPC"
            assert card["protocolVersion"] == "0.3"

            response = await http.post(served.url, json=_v03_send("add a mug", shopper_id))
            body = response.json()
            assert "A2A-Version" not in response.request.headers
            assert body["result"]["kind"] == "task", body
            assert body["result"]["status"]["state"] == "completed"
            task_id = body["result"]["id"]
            got = await http.post(
                served.url,
                json={"jsonrpc": "2.0", "id": 2, "method": "tasks/get", "params": {"id": task_id}},
            )
            assert got.json()["result"]["status"]["state"] == "completed"

            # 0.3 HTTP+JSON: the 0.3 proto's JSON under /v1.
            message = {
                "messageId": uuid.uuid4().hex,
                "role": "ROLE_USER",
                "content": [{"text": "add a mug"}],
                "metadata": {"user_id": shopper_id},
            }
            rest = await http.post(f"{served.url}/v1/message:send", json={"message": message})
            assert rest.status_code == 200, rest.text
            assert rest.json()["task"]["status"]["state"] == "TASK_STATE_COMPLETED", rest.text

            stream = _v03_send("add a mug", shopper_id) | {"method": "message/stream"}
            async with http.stream("POST", served.url, json=stream) as response:
                events = [line async for line in response.aiter_lines() if line.startswith("data:")]
            assert '"state":"completed"' in events[-1].replace(" ", ""), events[-1]

            # A 1.0 method needs the header; the SDK reads its absence as 0.3.
            refused = await http.post(served.url, json=_v1_send("add a mug", shopper_id))
            assert "error" in refused.json()
    assert await _cart(services, shopper_id) == {MUG: 3}


async def test_json_rpc_and_rest_under_the_public_path_with_and_without_slash(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with serve_agent("cart_manager", settings, services, public=True) as served:
        base = served.url.removesuffix("/agents/cart_manager")
        async with httpx.AsyncClient(timeout=30, headers=V1) as http:
            card = (await http.get(f"{served.url}/.well-known/agent-card.json")).json()
            assert card["supportedInterfaces"][0]["url"] == served.url
            assert (await http.get(f"{base}/.well-known/agent-card.json")).status_code == 200
            for url in (served.url, f"{served.url}/", base, f"{base}/"):
                response = await http.post(url, json=_v1_send("add a mug", shopper_id))
                assert response.status_code == 200, (url, response.text)
                task = response.json()["result"]["task"]
                assert task["status"]["state"] == "TASK_STATE_COMPLETED", (url, task)
            for url in (f"{served.url}/message:send", f"{base}/message:send"):
                message = _v1_send("add a mug", shopper_id)["params"]["message"]
                response = await http.post(url, json={"message": message})
                assert response.status_code == 200, (url, response.text)
                assert response.json()["task"]["status"]["state"] == "TASK_STATE_COMPLETED"
        # The SDK's client, from the card at the public path.
        async with a2a_client(served.url) as client:
            result = outcome(
                await collect(client, send_request(user_message("add a mug", user_id=shopper_id)))
            )
            assert result.state == "TASK_STATE_COMPLETED"
    assert await _cart(services, shopper_id) == {MUG: 7}


@pytest.mark.parametrize("path", ["/", ""])
async def test_streaming_over_plain_http(
    settings: Settings, services: AgentServices, shopper_id: str, path: str
) -> None:
    request = _v1_send("add a mug", shopper_id) | {"method": "SendStreamingMessage"}
    async with (
        serve_agent("cart_manager", settings, services) as served,
        httpx.AsyncClient(timeout=30, headers=V1) as http,
        http.stream("POST", served.url + path, json=request) as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line async for line in response.aiter_lines() if line.startswith("data:")]
    assert len(events) >= 4  # the task, working updates, the artifact, completed
    assert "TASK_STATE_COMPLETED" in events[-1]
