"""Other agents' events are presented to the model once, and exactly as ADK presents them.

A real conversation (orchestrator and specialists, offline model, embedded Online Boutique,
Redis sessions through `make_runner`), then the model contents ADK builds from the stored
events compared with and without the memo.
"""

from __future__ import annotations

from typing import Any

import pytest
from google.adk.events.event import Event
from google.adk.flows.llm_flows.context import _contents
from google.genai import types

from cartmate.agent_runtime import relayed_context
from cartmate.agent_runtime.runners import make_runner
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import NAME as ORCHESTRATOR_NAME
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.models.selection import close_models
from cartmate.store.redis_session_service import RedisSessionService
from tests.agents.conftest import APP, Conversation


@pytest.fixture
async def stored(settings: Settings, services: AgentServices) -> Any:
    """A three-turn conversation's stored events, read back from Redis."""
    agent = build_orchestrator_agent(StaticServices(services), settings)
    sessions = RedisSessionService(services.redis)
    runner = make_runner(APP, agent, sessions, settings)
    session = await sessions.create_session(app_name=APP, user_id="relay")
    chat = Conversation(runner, "relay", session.id)
    for text in ("something for the kitchen", "add the first one", "show my cart"):
        await chat.say(text)
    read = await sessions.get_session(app_name=APP, user_id="relay", session_id=session.id)
    yield read.events
    await runner.close()
    await close_models(agent)


def _texts(contents: list[types.Content]) -> list[str]:
    return [p.text or "" for c in contents for p in c.parts or []]


def _contents_for(events: list[Event], agent_name: str) -> list[types.Content]:
    return _contents._get_contents(None, events, agent_name)


async def test_requests_match_adk_unmemoised(stored: list[Event]) -> None:
    assert relayed_context.install()
    memo = _contents._present_other_agent_message
    plain = memo.__wrapped__
    for agent_name in (ORCHESTRATOR_NAME, "cart_manager", "product_discovery"):
        cached = [_contents_for(stored, agent_name) for _ in range(2)]
        _contents._present_other_agent_message = plain
        try:
            expected = _contents_for(stored, agent_name)
        finally:
            _contents._present_other_agent_message = memo
        assert cached[0] == expected and cached[1] == expected, agent_name
    # The conversation did relay other agents' words, fenced as ADK fences them.
    relayed = [t for t in _texts(_contents_for(stored, ORCHESTRATOR_NAME)) if "] said:" in t]
    assert relayed, "the orchestrator's request should carry the specialists' replies"


async def test_a_stored_event_is_presented_once(stored: list[Event]) -> None:
    relayed_context.install()
    present = _contents._present_other_agent_message
    event = next(e for e in stored if e.author not in ("user", ORCHESTRATOR_NAME) and e.content)
    first = present(event)
    assert first is not None and first.content.role == "user"
    assert present(event) is first  # the same presentation, not rebuilt
    # Read again from the store (a new object, as every turn's read is): still the memo.
    assert present(event.model_copy(deep=True)) is first
    # Thoughts shown or not are different presentations.
    assert present(event, include_thoughts=True) is not first


async def test_an_event_without_id_or_with_another_timestamp_is_not_confused() -> None:
    relayed_context.install()
    present = _contents._present_other_agent_message
    said = types.Content(role="model", parts=[types.Part(text="the mug is $8.99")])
    event = Event(author="cart_manager", content=said, timestamp=1.0)
    later = event.model_copy(update={"timestamp": 2.0, "content": types.Content(
        role="model", parts=[types.Part(text="the mug is $9.99")])})  # fmt: skip
    assert "8.99" in _texts([present(event).content])[1]
    assert "9.99" in _texts([present(later).content])[1]
    anonymous = event.model_copy(update={"id": ""})
    assert present(anonymous) is not present(anonymous)  # nothing to key it by: not kept


def test_the_memo_is_bounded_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relayed_context, "MAX_PRESENTED", 8)
    present = relayed_context._memoised(_contents._present_other_agent_message.__wrapped__)
    said = [
        Event(author="cart_manager", timestamp=float(i),
              content=types.Content(role="model", parts=[types.Part(text=f"reply {i}")]))
        for i in range(12)
    ]  # fmt: skip
    first = [present(e) for e in said]
    assert present(said[-1]) is first[-1]  # the newest are kept
    assert present(said[0]) is not first[0]  # the oldest were dropped, so built again
