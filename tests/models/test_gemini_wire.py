"""The Gemini path end to end against a local server speaking the Gemini API's wire format
(Vertex AI and the Gemini API cannot be reached from here): retries on 429 and the fallback
answer when the model keeps failing."""

from __future__ import annotations

import json

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.models.guard import FALLBACK_TEXT
from tests.agents.conftest import ConversationFactory
from tests.fake_gemini import FakeGemini, gemini_services


async def test_gemini_is_retried_on_429_and_streams(
    converse: ConversationFactory, services: AgentServices
) -> None:
    fake = FakeGemini(statuses=[429, 200])
    async with gemini_services(fake, services, retries=2) as gemini:
        agent = build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        conversation = await converse(agent)
        turn = await conversation.say("hello")
    assert turn.text == "Hello from Gemini!" and turn.partial_text == turn.text
    assert len(fake.requests) == 2
    first = fake.requests[0]
    assert first["path"].endswith("gemini-2.5-flash:streamGenerateContent")
    assert first["key"] == "test-key"
    declared = {f["name"] for tool in first["body"]["tools"] for f in tool["functionDeclarations"]}
    assert {"transfer_to_agent", "set_display_currency"} <= declared
    system = json.dumps(first["body"]["systemInstruction"])
    assert "cartmate_state" in system  # the conversation state reaches Gemini too


async def test_a_model_that_keeps_failing_gets_the_fallback(
    converse: ConversationFactory, services: AgentServices
) -> None:
    fake = FakeGemini(statuses=[503, 503, 503, 503])
    async with gemini_services(fake, services, retries=1) as gemini:
        agent = build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        conversation = await converse(agent)
        turn = await conversation.say("hello")
    assert turn.text == FALLBACK_TEXT
    assert len(fake.requests) == 2  # the first try and one retry
