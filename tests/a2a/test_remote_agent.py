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
            assert state["cart_lines"] == [{"id": MUG, "name": "Mug", "quantity": 2}]
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
