"""`MetricsPlugin`: model, token, tool and agent metrics for every ADK Runner (see `runners`).

| Instrument | Kind | Unit | Attributes |
| --- | --- | --- | --- |
| `cartmate.agent.model.duration` | histogram | s | `agent`, `model`, `status` (`ok`, `error`) |
| `cartmate.agent.model.tokens` | counter | 1 | `agent`, `model`, `type` (prompt/candidates/total) |
| `cartmate.agent.tool.duration` | histogram | s | `tool`, `status` (`ok`, `error`, `cancelled`) |
| `cartmate.agent.duration` | histogram | s | `agent`, `status` (`ok`, `error`) |

Model latency runs from the request to the call's first complete (non-partial) response; a
tool returning `{"status": "error"}` (see `results`) counts as `error`. In the gateway
process a specialist's `cartmate.agent.duration` is the whole delegation (over A2A, the
round trip); in the specialist's own process it is its local run. Only runs that finish
(ADK's after-agent callback) or fail are recorded: an agent that hands the turn over by
transferring it (the orchestrator, usually) ends without either, and its time is the turn's
(`cartmate.gateway.turn.duration`).

Per-call state is kept by the identity of objects ADK hands to both the "before" and the
"after" callback of one call and dropped with them, so nothing leaks when a call is cancelled
or a callback short-circuits it, and no event history is read.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.callback_context import CallbackContext
from google.adk.models.llm_request import LlmRequest
from google.adk.models.llm_response import LlmResponse
from google.adk.plugins.base_plugin import BasePlugin
from google.adk.tools.base_tool import BaseTool
from google.adk.tools.tool_context import ToolContext
from google.genai import types
from opentelemetry import metrics

from cartmate.telemetry import get_meter

__all__ = ["MetricsPlugin"]

V = TypeVar("V")


class _ByIdentity(Generic[V]):
    """Values keyed by an object's identity, forgotten when the object goes.

    ADK's contexts are pydantic models (unhashable), so a WeakKeyDictionary cannot hold them.
    """

    def __init__(self) -> None:
        self._values: dict[int, tuple[V, weakref.finalize]] = {}

    def put(self, owner: object, value: V) -> None:
        self.pop(owner)
        key = id(owner)
        # The finalizer runs before the id can be reused by another object.
        self._values[key] = (value, weakref.finalize(owner, self._values.pop, key, None))

    def get(self, owner: object) -> V | None:
        found = self._values.get(id(owner))
        return None if found is None else found[0]

    def pop(self, owner: object) -> V | None:
        found = self._values.pop(id(owner), None)
        if found is None:
            return None
        found[1].detach()
        return found[0]

    def __len__(self) -> int:
        return len(self._values)


@dataclass
class _ModelCall:
    started: float
    model: str
    timed: bool = False
    # Streamed usage is cumulative within a call: remember what was already counted.
    prompt: int = 0
    candidates: int = 0
    total: int = 0


class MetricsPlugin(BasePlugin):
    """Records model, token, tool and agent metrics; one instance serves concurrent turns."""

    def __init__(self, meter: metrics.Meter | None = None) -> None:
        super().__init__(name="cartmate_metrics")
        meter = meter or get_meter("cartmate.agents")
        self.model_duration = meter.create_histogram(
            "cartmate.agent.model.duration", unit="s", description="Model call latency"
        )
        self.model_tokens = meter.create_counter(
            "cartmate.agent.model.tokens", description="Model tokens, from usage metadata"
        )
        self.tool_duration = meter.create_histogram(
            "cartmate.agent.tool.duration", unit="s", description="Tool call latency"
        )
        self.agent_duration = meter.create_histogram(
            "cartmate.agent.duration", unit="s", description="Agent run (delegation) latency"
        )
        # The model call's EventActions is shared by its before/after/error callbacks.
        self._models: _ByIdentity[_ModelCall] = _ByIdentity()
        self._tools: _ByIdentity[float] = _ByIdentity()
        self._agents: _ByIdentity[float] = _ByIdentity()

    # ------------------------------------------------------------------ models

    async def before_model_callback(
        self, *, callback_context: CallbackContext, llm_request: LlmRequest
    ) -> LlmResponse | None:
        call = _ModelCall(time.perf_counter(), llm_request.model or "unknown")
        self._models.put(callback_context.actions, call)
        return None

    async def after_model_callback(
        self, *, callback_context: CallbackContext, llm_response: LlmResponse
    ) -> LlmResponse | None:
        if llm_response.partial:
            return None  # streamed pieces: the complete response carries the usage
        call = self._models.get(callback_context.actions)
        if call is None:
            return None  # a response another callback made after an error: already counted
        labels = {"agent": callback_context.agent_name, "model": call.model}
        if not call.timed:
            call.timed = True
            status = "error" if llm_response.error_code else "ok"
            self.model_duration.record(
                time.perf_counter() - call.started, {**labels, "status": status}
            )
        if llm_response.usage_metadata is not None:
            self._count_tokens(call, llm_response.usage_metadata, labels)
        return None

    async def on_model_error_callback(
        self, *, callback_context: CallbackContext, llm_request: LlmRequest, error: Exception
    ) -> LlmResponse | None:
        call = self._models.pop(callback_context.actions)
        if call is not None and not call.timed:
            self.model_duration.record(
                time.perf_counter() - call.started,
                {"agent": callback_context.agent_name, "model": call.model, "status": "error"},
            )
        return None

    def _count_tokens(
        self, call: _ModelCall, usage: types.GenerateContentResponseUsageMetadata, labels: dict
    ) -> None:
        for kind, seen in (
            ("prompt", usage.prompt_token_count),
            ("candidates", usage.candidates_token_count),
            ("total", usage.total_token_count),
        ):
            new = (seen or 0) - getattr(call, kind)
            if new > 0:
                setattr(call, kind, seen)
                self.model_tokens.add(new, {**labels, "type": kind})

    # ------------------------------------------------------------------ tools

    async def before_tool_callback(
        self, *, tool: BaseTool, tool_args: dict[str, Any], tool_context: ToolContext
    ) -> dict[str, Any] | None:
        self._tools.put(tool_context, time.perf_counter())
        return None

    async def after_tool_callback(
        self,
        *,
        tool: BaseTool,
        tool_args: dict[str, Any],
        tool_context: ToolContext,
        result: dict[str, Any],
    ) -> dict[str, Any] | None:
        failed = isinstance(result, dict) and result.get("status") == "error"
        self._end_tool(tool, tool_context, "error" if failed else "ok")
        return None

    async def on_tool_error_callback(
        self,
        *,
        tool: BaseTool,
        tool_args: dict[str, Any],
        tool_context: ToolContext,
        error: Exception,
    ) -> dict[str, Any] | None:
        # ADK also reports a cancelled call here (with asyncio.CancelledError).
        cancelled = isinstance(error, asyncio.CancelledError)
        self._end_tool(tool, tool_context, "cancelled" if cancelled else "error")
        return None

    def _end_tool(self, tool: BaseTool, tool_context: ToolContext, status: str) -> None:
        started = self._tools.pop(tool_context)
        if started is not None:
            self.tool_duration.record(
                time.perf_counter() - started, {"tool": tool.name, "status": status}
            )

    # ------------------------------------------------------------------ agents

    async def before_agent_callback(
        self, *, agent: BaseAgent, callback_context: CallbackContext
    ) -> types.Content | None:
        self._agents.put(_agent_run(callback_context), time.perf_counter())
        return None

    async def after_agent_callback(
        self, *, agent: BaseAgent, callback_context: CallbackContext
    ) -> types.Content | None:
        self._end_agent(agent, callback_context, "ok")
        return None

    async def on_agent_error_callback(
        self, *, agent: BaseAgent, callback_context: CallbackContext, error: Exception
    ) -> None:
        self._end_agent(agent, callback_context, "error")

    def _end_agent(self, agent: BaseAgent, callback_context: CallbackContext, status: str) -> None:
        started = self._agents.pop(_agent_run(callback_context))
        if started is not None:
            self.agent_duration.record(
                time.perf_counter() - started, {"agent": agent.name, "status": status}
            )


def _agent_run(callback_context: CallbackContext) -> Any:
    """The agent run's InvocationContext: ADK makes one per run and wraps it in a fresh
    CallbackContext for each callback, so it is what links "before" to "after"."""
    return callback_context._invocation_context  # no public accessor keeps identity
