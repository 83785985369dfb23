"""Inter-agent credentials: with CARTMATE_A2A_TOKEN every call needs the bearer token, the card
says so, and the extended card is for authenticated callers only."""

from __future__ import annotations

import contextlib
import json

import httpx
import pytest
from a2a.client import ClientConfig, create_client
from a2a.types import GetExtendedAgentCardRequest
from pydantic import SecretStr

from cartmate.a2a.cards import METADATA_EXTENSION_URI, build_agent_card, card_json
from cartmate.a2a.middleware import BearerAuthMiddleware
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from tests.a2a.conftest import collect, outcome, send_request, serve_agent, user_message
from tests.agents.conftest import ConversationFactory, converse
from tests.helpers import free_port

__all__ = ["converse"]

TOKEN = "s3cret-inter-agent-token"
SEND = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "SendMessage",
    "params": {
        "message": {
            "messageId": "m1",
            "role": "ROLE_USER",
            "parts": [{"text": "what's in my cart?"}],
        }
    },
}
V1 = {"A2A-Version": "1.0"}


@pytest.fixture
def secured(settings: Settings) -> Settings:
    return settings.model_copy(update={"a2a_token": SecretStr(TOKEN)})


def test_cards_declare_the_bearer_scheme_only_with_a_token(
    settings: Settings, secured: Settings
) -> None:
    plain = json.loads(card_json(build_agent_card("cart_manager", settings)))
    assert "securitySchemes" not in plain and "security" not in plain
    assert "supportsAuthenticatedExtendedCard" not in plain
    card = json.loads(card_json(build_agent_card("cart_manager", secured)))
    assert card["securitySchemes"]["bearer"]["httpAuthSecurityScheme"]["scheme"] == "Bearer"
    assert card["securityRequirements"] == [{"schemes": {"bearer": {}}}]
    assert card["capabilities"]["extendedAgentCard"] is True
    assert card["supportsAuthenticatedExtendedCard"] is True  # the 0.3 field
    assert TOKEN not in card_json(build_agent_card("cart_manager", secured))
    with pytest.raises(ValueError):
        BearerAuthMiddleware(lambda *_: None, token="")  # type: ignore[arg-type]


async def test_calls_need_the_token_when_it_is_set(
    secured: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with (
        serve_agent("cart_manager", secured, services) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        # Public: the card, the docs, the health checks.
        assert (await http.get("/.well-known/agent-card.json")).status_code == 200
        assert (await http.get("/docs")).status_code == 200
        assert (await http.get("/healthz")).status_code == 200
        # Everything else: 401 without the token or with a wrong one.
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            response = await http.post("/", json=SEND, headers={**V1, **headers})
            assert response.status_code == 401, headers
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert (
            await http.post("/message:send", json=SEND["params"], headers=V1)
        ).status_code == 401
        assert (await http.get("/tasks", headers=V1)).status_code == 401
        assert (await http.get("/extendedAgentCard", headers=V1)).status_code == 401
        # With it: JSON-RPC answers.
        auth = {"Authorization": f"Bearer {TOKEN}"}
        response = await http.post("/", json=SEND, headers={**V1, **auth})
        assert response.status_code == 200 and "result" in response.json(), response.text

        # The SDK's client with the token: messages and the extended card.
        async with httpx.AsyncClient(headers=auth, timeout=30) as authed:
            client = await create_client(
                served.url, client_config=ClientConfig(httpx_client=authed)
            )
            try:
                message = user_message("add a mug", user_id=shopper_id)
                result = outcome(await collect(client, send_request(message)))
                assert result.state == "TASK_STATE_COMPLETED", result
                extended = await client.get_extended_agent_card(GetExtendedAgentCardRequest())
            finally:
                await client.close()
        uris = [extension.uri for extension in extended.capabilities.extensions]
        assert uris == [METADATA_EXTENSION_URI]
        public = (await http.get("/.well-known/agent-card.json")).json()
        assert not public["capabilities"].get("extensions")
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert [item.quantity for item in cart.items] == [1]


async def test_without_a_token_everything_is_open(
    settings: Settings, services: AgentServices
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        response = await http.post("/", json=SEND, headers=V1)
        assert response.status_code == 200 and "result" in response.json(), response.text
        extended = await http.post(
            "/", json={**SEND, "method": "GetExtendedAgentCard", "params": {}}, headers=V1
        )
        assert extended.status_code == 200 and "error" in extended.json()


async def test_the_orchestrator_sends_the_token(
    secured: Settings, services: AgentServices, converse: ConversationFactory, shopper_id: str
) -> None:
    secured = secured.model_copy(update={"delegation": "a2a", "agent_base_port": free_port()})
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(
            serve_agent("product_discovery", secured, services, register=True)
        )
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=30))
        provider = StaticServices(services)
        chat = await converse(build_orchestrator_agent(provider, secured, http), user_id=shopper_id)
        turn = await chat.say("show me sunglasses")
        assert "Sunglasses" in turn.text, turn.text
        # An orchestrator without the token is refused, and says the agent is unavailable.
        tokenless = secured.model_copy(update={"a2a_token": None})
        chat = await converse(
            build_orchestrator_agent(provider, tokenless, http), user_id=shopper_id
        )
        turn = await chat.say("show me sunglasses")
        assert "unavailable right now" in turn.text, turn.text
