"""Bounding what one turn reads and sends to the model, however long the conversation is.

ADK's per-turn work grows with the session's history: the Runner reads every event, the
request builder copies each one into every model call and telemetry serialises them again.
Two ADK settings bound it (issue 10, item 6):

- A read window: the Runner reads the session with `GetSessionConfig(num_recent_events=N)`
  (`CARTMATE_HISTORY_EVENTS`), as `WholeTurns`, which our Redis session service widens to whole
  invocations by dropping the oldest, partly read one, so a function call is never read
  without its response. The session *state* is always read whole, and it holds what
  references need (products last shown, cart, currency, budget; see `state.py`).
- A summary: ADK's sliding-window events compaction every `COMPACT_EVERY` turns. Compacted
  events are replaced in the model request by one summary event. Offline the summary is
  deterministic (`RecapSummarizer`); on Gemini it is ADK's `LlmEventSummarizer` on the
  agent's own model. Either way the newest turn is left raw (`KeepLastTurn`), so "the same
  again" or "3" still sees the message it follows up.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any

from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.llm_agent import LlmAgent
from google.adk.agents.run_config import RunConfig
from google.adk.apps.app import EventsCompactionConfig
from google.adk.apps.base_events_summarizer import BaseEventsSummarizer
from google.adk.apps.llm_event_summarizer import LlmEventSummarizer
from google.adk.events.event import Event
from google.adk.events.event_actions import EventActions, EventCompaction
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import GetSessionConfig
from google.adk.telemetry import ContentCapturingMode, TelemetryConfig
from google.genai import types

from cartmate.agent_runtime import genai_validation, relayed_context, transfer_requests
from cartmate.models.offline.llm import OfflinePlannerLlm
from cartmate.store.redis_session_service import RedisSessionService
from cartmate.telemetry import spans_exported

__all__ = [
    "COMPACT_EVERY",
    "BoundedRunner",
    "KeepLastTurn",
    "RecapSummarizer",
    "WholeTurns",
    "compaction_config",
]

COMPACT_EVERY = 4  # turns between summaries: one summariser call per 4 turns at most
_MAX_LINES = 8  # a summary names at most this many turns (the newest ones)
_MAX_QUOTE = 120  # characters of a shopper message quoted in a summary
SUMMARY_HEADING = "Summary of earlier turns (the conversation state is current):"

# Before any turn builds an event or a part (the module every runner comes from).
genai_validation.install()


class WholeTurns(GetSessionConfig):
    """`num_recent_events` that a service may shorten to whole invocations, leaving out
    the events a compaction covers.

    A plain `GetSessionConfig` (what ADK's services understand) with markers our Redis
    session service honours; others read exactly `num_recent_events`, and ADK's request
    builder drops any function response left without its call, and the compacted events.
    """

    whole_invocations: bool = True
    skip_compacted: bool = True


class ResolvedTelemetryConfig(TelemetryConfig):
    """ADK's TelemetryConfig, with its private attributes read without pydantic's slow path.

    TelemetryConfig keeps the environment's answers in pydantic private attributes, and
    ADK reads them for every model response, partials included. pydantic 2.14 answers a
    private attribute through `BaseModel.__getattr__`, which first asks the attribute's
    `ModelPrivateAttr` for `__get__` and so raises and catches an AttributeError on every
    read: ~4 % of a gateway's CPU at saturation. None of TelemetryConfig's private
    attributes is a descriptor, so reading the stored value directly answers the same.
    Belongs upstream (pydantic, or ADK caching its resolved answers).
    """

    def __getattr__(self, item: str) -> Any:
        private = object.__getattribute__(self, "__pydantic_private__")
        if private is not None and item in private:
            return private[item]
        return super().__getattr__(item)


# ADK's stable GenAI semconv without message content: spans keep their names and timings.
_LEAN_TELEMETRY = ResolvedTelemetryConfig(
    genai_semconv_stability_opt_in="stable",
    capture_message_content=ContentCapturingMode.NO_CONTENT,
)


class BoundedRunner(Runner):
    """A Runner whose turns read at most `history_events` events of the session (None: all).

    The bound is ADK's own `RunConfig.get_session_config`, set here when the caller (the
    gateway, the A2A executor) leaves it unset, so no entry point has to remember it.

    The same goes for `RunConfig.telemetry`: without one, ADK builds a TelemetryConfig (which
    reads seven environment variables) on every model and tool call. One built here, when the
    runner is, answers the same (the OTEL_* and ADK_* variables as they are at start-up).
    While no span leaves the process (no OTLP endpoint), the lean one is used instead: ADK's
    default (experimental GenAI semconv) converts the whole model request into span
    attributes on every model call, about 15 % of an offline turn, for nobody to read.

    Building one also memoises how other agents' events are presented to the model
    (`relayed_context`), which ADK otherwise redoes for every event on every model call,
    drops two validation costs google-genai's models add to every event parsed and every part
    built (`genai_validation`), and builds the transfer tool and instructions once per agent
    instead of on every model call (`transfer_requests`).
    """

    def __init__(self, *, history_events: int | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        relayed_context.install()
        transfer_requests.install()
        self.history_events = history_events
        self.telemetry = ResolvedTelemetryConfig()

    def _telemetry(self) -> TelemetryConfig:
        return self.telemetry if spans_exported() else _LEAN_TELEMETRY

    def run_async(  # type: ignore[override]
        self, *, run_config: RunConfig | None = None, **kwargs: Any
    ) -> AsyncGenerator[Event, None]:
        run_config = run_config or RunConfig()
        update: dict[str, Any] = {}
        if run_config.get_session_config is None and self.history_events:
            update["get_session_config"] = WholeTurns(num_recent_events=self.history_events)
        if run_config.telemetry is None:
            update["telemetry"] = self._telemetry()
        if update:
            run_config = run_config.model_copy(update=update)
        return self._stored_when_done(super().run_async(run_config=run_config, **kwargs), kwargs)

    async def _stored_when_done(
        self, events: AsyncGenerator[Event, None], kwargs: dict[str, Any]
    ) -> AsyncGenerator[Event, None]:
        """The turn's events; once they are all out, they are stored (a session service that
        coalesces writes holds some back) before the caller says the turn is over: the next
        turn may run on another replica."""
        async with aclosing(events):
            async for event in events:
                yield event
        if isinstance(self.session_service, RedisSessionService):
            await self.session_service.flush_session(
                app_name=self.app_name, user_id=kwargs["user_id"], session_id=kwargs["session_id"]
            )


def _text_of(event: Event) -> str:
    parts = event.content.parts if event.content and event.content.parts else []
    return " ".join(p.text for p in parts if p.text and not p.thought).strip()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "…"


class RecapSummarizer(BaseEventsSummarizer):
    """A deterministic summary: per turn, what the shopper said and which tools ran.

    No model call, so it works offline and costs microseconds. Replies are left out: what
    they showed is in the session state (recent products, cart), which every instruction has.
    """

    async def maybe_summarize_events(self, *, events: list[Event]) -> Event | None:
        lines: list[str] = []
        tools: list[str] = []
        for event in events:
            if event.author == "user" and not event.get_function_responses():
                text = _text_of(event)
                if text:
                    lines.append(f'- shopper: "{_quote(text)}"')
                    tools = []
            for call in event.get_function_calls():
                if call.name and call.name != "transfer_to_agent" and call.name not in tools:
                    tools.append(call.name)
                    if lines:
                        lines[-1] = lines[-1].split(" → ")[0] + " → " + ", ".join(tools)
        if not lines:
            return None
        body = "\n".join([SUMMARY_HEADING, *lines[-_MAX_LINES:]])
        return Event(
            author="user",
            invocation_id=Event.new_id(),
            actions=EventActions(
                compaction=EventCompaction(
                    start_timestamp=events[0].timestamp,
                    end_timestamp=events[-1].timestamp,
                    compacted_content=types.Content(role="model", parts=[types.Part(text=body)]),
                )
            ),
        )


class KeepLastTurn(BaseEventsSummarizer):
    """Summarises all but the newest invocation, which stays raw in the next request.

    ADK compacts every turn of its window, the one just finished included; the offline
    planner (and a shopper's "3" or "the jar too") needs that turn's message verbatim. The
    next window starts with the turn left out, so summaries stay contiguous.
    """

    def __init__(self, inner: BaseEventsSummarizer) -> None:
        self.inner = inner

    async def maybe_summarize_events(self, *, events: list[Event]) -> Event | None:
        newest = events[-1].invocation_id if events else None
        older = [e for e in events if e.invocation_id != newest]
        if not older:
            return None
        return await self.inner.maybe_summarize_events(events=older)


def compaction_config(agent: BaseAgent) -> EventsCompactionConfig:
    """Sliding-window compaction, summarised by the agent's Gemini model or deterministically."""
    model = agent.canonical_model if isinstance(agent, LlmAgent) else None
    inner: BaseEventsSummarizer
    # ADK marks compaction experimental and warns on every object; the version is pinned
    # (constraints.txt) and tests/agents/test_long_conversations.py checks the behaviour.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if model is None or isinstance(model, OfflinePlannerLlm):
            inner = RecapSummarizer()
        else:
            inner = LlmEventSummarizer(llm=model)
        return EventsCompactionConfig(
            summarizer=KeepLastTurn(inner), compaction_interval=COMPACT_EVERY, overlap_size=0
        )
