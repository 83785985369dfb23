"""ADK's agent-transfer step of a model request, with what it adds built once per agent.

Every model call of an agent that may transfer (the orchestrator, and each specialist, which
may hand the rest of a message to a peer) runs ADK's `_AgentTransferLlmRequestProcessor`. It
builds a new `TransferToAgentTool` (a FunctionTool that reads the function's signature into a
declaration again), looks up each target's description in an asyncio task of its own
(`gather`, plus `wait_for`), renders the transfer instructions and makes a `ToolContext`: the
same tool and text every time for the same agent and targets. Here the tool (its declaration
built once, as `DeclaredOnceTool` does for the agents' own tools) and the instructions are
kept per agent and targets, and the request gets exactly what ADK's step would add: 1.4 %
fewer instructions in the gateway a held-out turn (`compare_builds.py --instructions`).

Installed by replacing the processor ADK's `AutoFlow` puts in its list (each flow is built
per run, from the module attribute), only where ADK's module looks the way it was read.
Belongs upstream: ADK could cache both on the agent.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Any

from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.invocation_context import InvocationContext
from google.adk.agents.remote_a2a_agent import RemoteA2aAgent
from google.adk.events.event import Event
from google.adk.flows.llm_flows.core._utils import as_llm_agent
from google.adk.flows.llm_flows.extensions import _agent_transfer
from google.adk.models.llm_request import LlmRequest
from google.adk.tools.transfer_to_agent_tool import TransferToAgentTool
from google.adk.utils._agent_mode import DELEGATED_TASK_MODES

from cartmate.agent_runtime.building import DeclaredOnceTool

__all__ = ["TransferRequests", "install"]

_MAX_KEPT = 256  # distinct (agent, targets) pairs: a process has a handful


class _DeclaredTransferTool(DeclaredOnceTool, TransferToAgentTool):
    """ADK's transfer tool, its declaration (with the targets' names as an enum) built once."""


def _plain_description(target: BaseAgent) -> str | None:
    """The target's description when ADK would use its `description` field as it is: an
    LlmAgent's, or a remote agent's when it is set (its `_get_transfer_description` then
    returns it)."""
    describe = getattr(type(target), "_get_transfer_description", None)
    if describe is None:
        return target.description
    if describe is RemoteA2aAgent._get_transfer_description and target.description:
        return target.description
    return None


class TransferRequests(_agent_transfer._AgentTransferLlmRequestProcessor):
    """ADK's transfer step; the tool and instructions kept per agent and targets."""

    def __init__(self) -> None:
        self._built: dict[tuple[Any, ...], tuple[TransferToAgentTool, str]] = {}

    async def run_async(
        self, invocation_context: InvocationContext, llm_request: LlmRequest
    ) -> AsyncGenerator[Event, None]:
        agent = as_llm_agent(invocation_context)
        targets = _agent_transfer._get_transfer_targets(agent)
        if not targets:
            return
        model = (
            getattr(getattr(agent, "canonical_live_model", None), "model", None)
            or llm_request.model
            if invocation_context.live_request_queue is not None
            else llm_request.model
        )
        if err_msg := _agent_transfer._get_incompatible_builtin_tool_error(agent, model):
            sub_agents = getattr(agent, "sub_agents", None) or []
            if any(t in sub_agents for t in targets):
                raise ValueError(err_msg)
            return
        delegated = agent.mode in DELEGATED_TASK_MODES
        infos = () if delegated else await self._target_infos(targets, invocation_context)
        parent = agent.parent_agent
        key = (
            agent.name,
            tuple(t.name for t in targets),
            tuple((i.name, i.description) for i in infos),
            delegated,
            parent.name if parent is not None and not agent.disallow_transfer_to_parent else None,
        )
        built = self._built.get(key)
        if built is None:
            tool = _DeclaredTransferTool(agent_names=[t.name for t in targets])
            text = (
                ""
                if delegated
                else _agent_transfer._build_transfer_instructions(tool.name, agent, infos)
            )
            if len(self._built) >= _MAX_KEPT:
                self._built.clear()
            built = self._built[key] = (tool, text)
        tool, text = built
        if text:
            llm_request.append_instructions([text])
        # What `BaseTool.process_llm_request` does (the transfer tool adds nothing to it)
        llm_request.append_tools([tool])
        return
        yield  # an async generator, as ADK's processors are

    @staticmethod
    async def _target_infos(
        targets: Sequence[BaseAgent], context: InvocationContext
    ) -> tuple[Any, ...]:
        infos = []
        for target in targets:
            description = _plain_description(target)
            if description is None:  # ADK's own lookup (an agent card, a timeout)
                infos.append(await _agent_transfer._build_transfer_target_info(target, context))
            else:
                infos.append(
                    _agent_transfer._TransferTargetInfo(name=target.name, description=description)
                )
        return tuple(infos)


def install() -> bool:
    """Put `TransferRequests` where ADK's AutoFlow takes its transfer step; True if installed
    (idempotent)."""
    needed = (
        "_AgentTransferLlmRequestProcessor",
        "_get_transfer_targets",
        "_get_incompatible_builtin_tool_error",
        "_build_transfer_instructions",
        "_build_transfer_target_info",
        "_TransferTargetInfo",
        "request_processor",
    )
    if not all(hasattr(_agent_transfer, name) for name in needed):
        return False  # another ADK builds the transfer step otherwise
    if not isinstance(_agent_transfer.request_processor, TransferRequests):
        _agent_transfer.request_processor = TransferRequests()
    return True
