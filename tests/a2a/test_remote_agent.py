"""How the orchestrator calls a served agent: ADK's RemoteA2aAgent from its AgentCard."""

from __future__ import annotations

import httpx
from google.adk.runners import Runner
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.genai import types

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.remote import remote_agent
from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.a2a.conftest import serve_agent

MUG = "6E92ZMYYFZ"


async def _say(runner: Runner, user_id: str, session_id: str, text: str) -> list[str]:
    texts = []
    async for event in runner.run_async(
        user_id=user_id,
        session_id=session_id,
        new_message=types.Content(role="user", parts=[types.Part(text=text)]),
    ):
        for part in event.content.parts if event.content and event.content.parts else []:
            if part.text and not part.thought and not event.partial:
                texts.append(part.text)
    return texts


async def test_a_remote_agent_acts_for_the_sessions_shopper_and_shares_state(
    settings: Settings, services: AgentServices, shopper_id: str
) -> None:
    async with (
        serve_agent("cart_manager", settings, services) as served,
        httpx.AsyncClient(timeout=30) as http,
    ):
        card = build_agent_card("cart_manager", settings, url=served.url)
        remote = remote_agent("cart_manager", settings, http, card=card)
        runner = Runner(
            app_name="orchestrator", agent=remote, session_service=InMemorySessionService()
        )
        try:
            session = await runner.session_service.create_session(
                app_name="orchestrator", user_id=shopper_id, state={"display_currency": "EUR"}
            )
            # The caller's display currency went over; the specialist's cart lines came back.
            said = await _say(runner, shopper_id, session.id, "add two mugs")
            assert any("Mug" in text and "€" in text for text in said), said
            state = (
                await runner.session_service.get_session(
                    app_name="orchestrator", user_id=shopper_id, session_id=session.id
                )
            ).state
            assert state["cart_lines"] == [
                {
                    "id": MUG,
                    "name": "Mug",
                    "quantity": 2,
                    "price_usd_nanos": 8_990_000_000,
                    "categories": ["kitchen"],
                    "traits": ["black", "ceramic", "glossy", "mustard", "yellow"],
                }
            ]
            assert state["display_currency"] == "EUR"
            # The next turn continues the remote conversation ("it" is the mug).
            said = await _say(runner, shopper_id, session.id, "make it 3")
            assert any("3" in text for text in said), said
        finally:
            await runner.close()
    cart = await services.boutique.cart.get_cart(shopper_id)
    assert {item.product_id: item.quantity for item in cart.items} == {MUG: 3}


def test_adk_a2a_debug_logs_are_built_when_emitted_not_before() -> None:
    from a2a.types import Message, Part, Role
    from google.adk.a2a.agent import _remote_a2a_agent as adk_remote

    message = Message(message_id="m-42", role=Role.ROLE_USER, parts=[Part(text="hi")])
    log = adk_remote.build_a2a_request_log(message)  # what ADK hands to logger.debug
    assert not isinstance(log, str)  # nothing built yet: DEBUG is off in production
    assert "m-42" in str(log)  # a handler that emits it gets ADK's full text


def test_adks_copies_of_requests_and_tasks_are_the_ids_cartmate_keeps() -> None:
    from a2a.types import Artifact, Message, Part, Role, Task, TaskState, TaskStatus
    from google.adk.a2a import _compat
    from google.adk.a2a.agent import _remote_a2a_agent as adk_remote
    from google.protobuf import json_format

    from cartmate.a2a import remote as remote_module

    said = Message(message_id="m-1", context_id="c-1", task_id="t-1", role=Role.ROLE_USER)
    said.parts.append(Part(text="add two mugs"))
    said.metadata.update({"user_id": "u-1", "cartmate_state": {"budget": 80}})
    answer = Message(message_id="m-2", context_id="c-1", role=Role.ROLE_AGENT)
    answer.parts.append(Part(text="Added."))
    task = Task(
        id="t-1",
        context_id="c-1",
        status=TaskStatus(state=TaskState.TASK_STATE_INPUT_REQUIRED, message=answer),
        history=[said, answer],
        artifacts=[Artifact(artifact_id="a-1", parts=[Part(text="Added.")])],
    )
    task.metadata.update({"k": "v"})
    unset = Task(id="t-2", context_id="c-2")
    # What ADK's remote agent now records is what `_relayed` kept of its full copies.
    for obj, keys in [
        (said, remote_module._REQUEST_KEPT),
        (answer, remote_module._RESPONSE_KEPT),
        (task, remote_module._RESPONSE_KEPT),
        (unset, remote_module._RESPONSE_KEPT),
    ]:
        full = json_format.MessageToDict(obj)
        assert adk_remote._compat.a2a_to_dict(obj) == remote_module._kept(full, keys)
    assert adk_remote._compat.a2a_to_dict(task)["status"] == {"state": "TASK_STATE_INPUT_REQUIRED"}
    # Only the remote agent's module sees the slim copies; ADK's own module is untouched.
    assert _compat.a2a_to_dict(task) == json_format.MessageToDict(task)
    assert adk_remote._compat.ROLE_USER is _compat.ROLE_USER
