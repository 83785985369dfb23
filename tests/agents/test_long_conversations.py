"""Long conversations: a turn reads a bounded window of history and the model request stays
bounded, yet references ("the second one"), the cart and the shopper's currency still hold.

Real Runner from `make_runner`, real Redis sessions, the offline model, the embedded Online
Boutique. Hundreds of events of history are built by copying real turns through the session
service (fresh ids), then real turns run on top.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import pytest
from google.adk.agents.callback_context import CallbackContext
from google.adk.events.event import Event
from google.adk.models.llm_request import LlmRequest
from google.adk.plugins.base_plugin import BasePlugin
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import GetSessionConfig
from google.adk.sessions.session import Session
from google.genai import types

from cartmate.agent_runtime.history import (
    SUMMARY_HEADING,
    KeepLastTurn,
    RecapSummarizer,
    WholeTurns,
)
from cartmate.agent_runtime.runners import make_runner
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.models.selection import close_models
from cartmate.store.redis_session_service import RedisSessionService
from tests.agents.conftest import APP, Conversation

WINDOW = 40
_ids = itertools.count()


class RequestLog(BasePlugin):
    """Keeps every model request the runner builds (observes; changes nothing)."""

    def __init__(self) -> None:
        super().__init__(name="request_log")
        self.requests: list[list[types.Content]] = []  # each request's contents

    async def before_model_callback(
        self, *, callback_context: CallbackContext, llm_request: LlmRequest
    ) -> None:
        self.requests.append([c.model_copy(deep=True) for c in llm_request.contents])


class ReadLog(RedisSessionService):
    """Our Redis service, noting how many events each read returned and with what config."""

    reads: list[tuple[GetSessionConfig | None, int]]

    async def get_session(self, **kwargs: Any) -> Session | None:
        session = await super().get_session(**kwargs)
        self.reads.append((kwargs.get("config"), len(session.events) if session else -1))
        return session


@pytest.fixture
async def setup(settings: Settings, services: AgentServices) -> Any:
    bounded = settings.model_copy(update={"history_events": WINDOW})
    agent = build_orchestrator_agent(StaticServices(services), bounded)
    sessions = ReadLog(services.redis)
    sessions.reads = []
    runner = make_runner(APP, agent, sessions, bounded)
    log = RequestLog()
    runner.plugin_manager.register_plugin(log)
    yield runner, sessions, log
    await runner.close()
    await close_models(agent)


def _copy(turn: list[Event]) -> list[Event]:
    """A stored turn again, with fresh event, invocation and function-call ids."""
    invocation = Event.new_id()
    ids: dict[str, str] = {}
    copies = []
    for event in turn:
        copy = event.model_copy(
            deep=True, update={"id": Event.new_id(), "invocation_id": invocation}
        )
        for part in copy.content.parts if copy.content and copy.content.parts else []:
            for call in (part.function_call, part.function_response):
                if call is not None and call.id:
                    call.id = ids.setdefault(call.id, f"copy-{next(_ids)}")
        copies.append(copy)
    return copies


async def _pad(sessions: RedisSessionService, session: Session, events: int) -> None:
    """Appends copies of the session's own turns until it holds at least `events` events."""
    full = await sessions.get_session(app_name=APP, user_id=session.user_id, session_id=session.id)
    assert full is not None
    turns: dict[str, list[Event]] = {}
    for event in full.events:
        turns.setdefault(event.invocation_id, []).append(event)
    for turn in itertools.cycle(list(turns.values())):
        if len(full.events) >= events:
            # Padded events are stamped 1 ms apart, which can run ahead of the clock; the
            # next real turn must come after them, as it always does in a real session.
            await asyncio.sleep(max(0.0, full.last_update_time - time.time()) + 0.01)
            return
        for event in _copy(turn):
            event.timestamp = max(event.timestamp, full.last_update_time + 0.001)
            await sessions.append_event(full, event)


def _orphans(request: list[types.Content]) -> list[str]:
    """Ids of function responses in the request whose call does not come before them."""
    called: set[str] = set()
    orphans = []
    for content in request:
        for part in content.parts or []:
            if part.function_call and part.function_call.id:
                called.add(part.function_call.id)
            if part.function_response and part.function_response.id not in called:
                orphans.append(str(part.function_response.id))
    return orphans


def _text(request: list[types.Content]) -> str:
    return "\n".join(p.text or "" for c in request for p in c.parts or [])


async def test_a_long_conversation_keeps_references_cart_and_currency(
    setup: Any, services: AgentServices
) -> None:
    runner, sessions, log = setup
    assert isinstance(runner, Runner)
    session = await sessions.create_session(app_name=APP, user_id="long-talker")
    shopper = Conversation(runner, "long-talker", session.id)
    await shopper.say("show prices in euros")
    await shopper.say("add the sunglasses")
    search = await shopper.say("something for the kitchen")
    shown = [p["id"] for p in search.result("search_products")["products"]]

    await _pad(sessions, session, 400)
    log.requests.clear()
    sessions.reads.clear()

    add = await shopper.say("add two of the second one")
    assert add.calls("add_to_cart") == [{"product": shown[1], "quantity": 2}]
    cart = await shopper.say("show my cart")
    assert cart.calls("view_cart") == [{}]
    lines = {
        item.product_id: item.quantity
        for item in (await services.boutique.cart.get_cart("long-talker")).items
    }
    assert lines == {"OLJCESPC7Z": 1, shown[1]: 2}
    assert "€" in cart.text and "$" not in cart.text  # the display currency still holds
    assert (await shopper.state())["display_currency"] == "EUR"

    # Each turn read the window, not the 400 events; the window is whole invocations.
    turn_reads = [(config, n) for config, n in sessions.reads if isinstance(config, WholeTurns)]
    assert len(turn_reads) == 2
    assert all(config.num_recent_events == WINDOW and 0 < n <= WINDOW for config, n in turn_reads)

    # Every model request carries at most the window plus the current turn, never a
    # function response without its call, and (after the padding) a summary of older turns.
    assert log.requests
    turn_events = max(len(add.events), len(cart.events))
    for request in log.requests:
        assert len(request) <= WINDOW + turn_events
        assert _orphans(request) == []
    assert any(SUMMARY_HEADING in _text(r) for r in log.requests[-3:])


async def test_the_window_keeps_the_previous_message_for_follow_ups(setup: Any) -> None:
    """The offline planner reads the shopper's previous message for "and the ..." follow-ups;
    compaction leaves the newest turn raw, so it is there on every turn."""
    runner, sessions, log = setup
    session = await sessions.create_session(app_name=APP, user_id="follow-up")
    shopper = Conversation(runner, "follow-up", session.id)
    await shopper.say("something for the kitchen")
    await _pad(sessions, session, 200)
    for text in (
        "hi there",
        "show my cart",
        "tell me about the watch",
        "what sunglasses do you have",
        "hello again",
    ):
        log.requests.clear()
        await shopper.say(text)
        first = log.requests[0]
        shopper_texts = [
            " ".join(p.text or "" for p in c.parts or [])
            for c in first
            if c.role == "user"
            and any(p.text and not p.text.startswith("For context:") for p in c.parts or [])
        ]
        assert shopper_texts[-1].strip() == text
        assert len(shopper_texts) >= 2, "the previous shopper message is in the request"


def _event(author: str, invocation: str, ts: float, part: types.Part) -> Event:
    role = "user" if author == "user" else "model"
    return Event(
        author=author,
        invocation_id=invocation,
        timestamp=ts,
        content=types.Content(role=role, parts=[part]),
    )


async def test_recap_summary_is_deterministic_and_keeps_the_last_turn_raw() -> None:
    call = types.FunctionCall(id="c1", name="search_products", args={"query": "mug"})
    events = [
        _event("user", "i1", 1.0, types.Part(text="something for the kitchen")),
        _event(
            "orchestrator",
            "i1",
            2.0,
            types.Part(function_call=types.FunctionCall(id="t", name="transfer_to_agent")),
        ),
        _event("product_discovery", "i1", 3.0, types.Part(function_call=call)),
        _event("product_discovery", "i1", 4.0, types.Part(text="Here are three.")),
        _event("user", "i2", 5.0, types.Part(text="add the second one")),
    ]
    summarizer = KeepLastTurn(RecapSummarizer())
    first = await summarizer.maybe_summarize_events(events=events)
    again = await summarizer.maybe_summarize_events(events=events)
    assert first is not None and again is not None
    compaction = first.actions.compaction
    assert compaction is not None and compaction.compacted_content is not None
    assert compaction.compacted_content == again.actions.compaction.compacted_content
    text = compaction.compacted_content.parts[0].text
    assert text == f'{SUMMARY_HEADING}\n- shopper: "something for the kitchen" → search_products'
    assert (compaction.start_timestamp, compaction.end_timestamp) == (1.0, 4.0)
    assert await summarizer.maybe_summarize_events(events=events[-1:]) is None
