"""Building an LlmAgent the CartMate way: model, state-aware instruction, guards.

Every agent gets the same callbacks (the user-scope check before tools, the model quota and
fallback) and an instruction that ends with the conversation state as JSON, so any model sees
the shopper's currency, the products last shown and the cart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from google.adk.agents.llm_agent import LlmAgent
from google.adk.agents.readonly_context import ReadonlyContext
from google.adk.tools.base_tool import BaseTool
from google.adk.tools.base_toolset import BaseToolset
from google.adk.tools.function_tool import FunctionTool
from google.genai.types import FunctionDeclaration

from cartmate.agent_runtime.callbacks import refuse_other_users
from cartmate.agent_runtime.services import ServiceProvider
from cartmate.agent_runtime.state import render_state_block, snapshot
from cartmate.config import Settings
from cartmate.models.guard import ModelGuard
from cartmate.models.selection import model_for

__all__ = ["build_agent", "state_instruction"]


def state_instruction(base: str) -> Callable[[ReadonlyContext], str]:
    """An instruction provider: `base`, then the conversation state block."""

    def provide(context: ReadonlyContext) -> str:
        return (
            f"{base.strip()}\n\n## Conversation state (JSON)\n"
            'Use it to resolve references such as "the second one" or "it" and to show '
            "prices in the shopper's display currency.\n"
            f"{render_state_block(snapshot(context.state))}"
        )

    return provide


# Said to every specialist: the part of a message another specialist owns is handed on.
HANDOVER = """
- If the shopper's message also asks for something another specialist handles (see
  transfer_to_agent), first do your part and say what you did, then transfer_to_agent to that
  specialist. Never hand over what you can do yourself, and never to go back to the front
  agent.
"""


def _bare_function(tool: Any) -> bool:
    return callable(tool) and not isinstance(tool, (BaseTool, BaseToolset))


class DeclaredOnceTool(FunctionTool):
    """A FunctionTool that hands every model request the same declaration.

    ADK's FunctionTool deep-copies its cached declaration for each request (a toolset that
    prefixes names edits it in place): 27 us a call, for each of a dozen tools twice a turn,
    about 2 % of a specialist's CPU. Nothing CartMate gives a model edits a declaration (its
    one toolset, `ToolList`, prefixes nothing; no live mode, which marks declarations
    non-blocking), so one declaration per tool serves every request. Upstream, the copy
    belongs in the toolsets that edit.
    The declaration is built on the first request: the API variant and ADK's feature flags it
    depends on are read from the environment, which a process sets before it builds agents;
    reading them for every tool of every request took 7 us a call, against 0.1 us now.
    """

    _declared: tuple[FunctionDeclaration | None] | None = None

    def _get_declaration(self) -> FunctionDeclaration | None:
        if self._declared is None:
            self._declared = (super()._get_declaration(),)
        return self._declared[0]


class ToolList(BaseToolset):
    """An agent's tools as one entry of `agent.tools`.

    For every model request ADK resolves each entry of `agent.tools` in an asyncio task of
    its own (one `gather`) and makes a `ReadonlyContext` and a `ToolContext` for it: for a
    specialist's dozen tools, a dozen tasks and two dozen contexts a model call. One toolset
    makes that one of each; the tools, their declarations and their order are the same.
    """

    def __init__(self, tools: Sequence[BaseTool]) -> None:
        super().__init__()
        self.tools = tuple(tools)

    async def get_tools(self, readonly_context: ReadonlyContext | None = None) -> list[BaseTool]:
        return list(self.tools)


def build_agent(
    *,
    name: str,
    description: str,
    instruction: str,
    tools: Sequence[Any],
    provider: ServiceProvider,
    settings: Settings,
    sub_agents: Sequence[Any] = (),
) -> LlmAgent:
    """An LlmAgent with CartMate's model selection, callbacks and state-aware instruction.

    Specialists (no sub-agents) hand control back to the orchestrator after each turn, so the
    next message always starts at the front agent; within a turn, one may hand over to a peer
    for a request of the same message it does not serve.
    """
    guard = ModelGuard(provider)
    specialist = not sub_agents
    return LlmAgent(
        name=name,
        description=description,
        model=model_for(name, settings),
        instruction=state_instruction(instruction + (HANDOVER if specialist else "")),
        # FunctionTools made once here: given bare functions, ADK wraps each again (and reads
        # its signature) on every model call.
        tools=[ToolList([DeclaredOnceTool(t) if _bare_function(t) else t for t in tools])],
        sub_agents=list(sub_agents),
        before_tool_callback=refuse_other_users,
        before_model_callback=guard.before_model,
        on_model_error_callback=guard.on_model_error,
        disallow_transfer_to_parent=specialist,
        # A specialist may hand over to another for the rest of a message ("add the watch and
        # tell me if the loafers drop under 80"); the next message still starts at the front.
        disallow_transfer_to_peers=False,
    )
