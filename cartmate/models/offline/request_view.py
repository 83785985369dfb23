"""What the offline planner reads from an LlmRequest, exactly what a real model would see.

- The shopper's latest message: the last user content with text or images that is not a
  function response and not ADK's "For context:" relay of another agent's turn.
- This agent's own tool results since that message (function responses after it).
- The tools offered (`tools_dict`) and the agents it may transfer to (listed by ADK in the
  system instruction).
- The conversation state, which CartMate's instruction providers render as JSON between
  `<cartmate_state>` tags.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from google.adk.models.llm_request import LlmRequest
from google.genai import types

from cartmate.agent_runtime.state import STATE_CLOSE, STATE_OPEN
from cartmate.agent_runtime.topology import SPECIALISTS
from cartmate.money import Money

__all__ = ["RequestView", "ToolOutcome", "read_request"]

_STATE_RE = re.compile(re.escape(STATE_OPEN) + r"\s*(\{.*?\})\s*" + re.escape(STATE_CLOSE), re.S)
_AGENT_NAME_RE = re.compile(r'Your internal name is "([^"]+)"')
_TRANSFER_TARGET_RE = re.compile(r"^Agent name: (\S+)", re.M)
_CONTEXT_PREFIX = "For context:"
_RELAYED_CALL_RE = re.compile(r"^\[[A-Za-z_][\w-]*\] called tool `([\w-]+)`", re.M)
_RELAYED_AGENT_RE = re.compile(r"^\[([A-Za-z_][\w-]*)\] (?:said|called tool|tool )", re.M)
# What every match of the two patterns above holds: texts without it are not searched line
# by line (most parts of a long history).
_RELAYED_MARK = re.compile(r"\] (?:said|called tool|tool )")


@dataclass(frozen=True)
class ToolOutcome:
    """One of this agent's tool calls since the shopper spoke, with its result."""

    name: str
    args: dict[str, Any]
    response: dict[str, Any]


@dataclass
class RequestView:
    agent_name: str
    user_text: str
    images: list[types.Blob]
    outcomes: list[ToolOutcome]
    tools: frozenset[str]
    transfer_targets: frozenset[str]
    state: dict[str, Any] = field(default_factory=dict)
    history_texts: list[str] = field(default_factory=list)  # earlier shopper messages
    # The tools called after each earlier message, by any agent (its own calls, and other
    # agents' relayed "called tool" notes), in order: what a message led to, which a
    # re-reading of its words without that turn's state may miss.
    history_tools: list[tuple[str, ...]] = field(default_factory=list)
    # Other agents that acted since the shopper spoke (ADK relays their turns "For context:"):
    # in "add the watch and tell me if the loafers drop under 80" the cart manager served the
    # add before handing over, so the price specialist does not hand it back.
    served: frozenset[str] = frozenset()
    # A specialist's peers it may hand the rest of a message to (its `transfer_targets` stay
    # empty: only the front agent routes requests).
    peers: frozenset[str] = frozenset()
    # The ids of this turn's own tool calls whose results are in the request: what the
    # planner can find its first reading of the message by (`llm.first_readings`).
    call_ids: tuple[str, ...] = ()

    @property
    def acted(self) -> bool:
        return bool(self.outcomes)

    def cart_usd(self) -> Money | None:
        """What the cart holds in US dollars, from the state's cart lines (catalog prices);
        None when a line's price is not known."""
        lines = self.state.get("cart") or []
        if not all("price_usd_nanos" in line for line in lines):
            return None
        nanos = sum(int(line["price_usd_nanos"]) * int(line["quantity"]) for line in lines)
        return Money.from_nanos("USD", nanos)


def _is_relay(content: types.Content) -> bool:
    first = next((p.text for p in content.parts or [] if p.text), None)
    return bool(first) and first.lstrip().startswith(_CONTEXT_PREFIX)


def _is_shopper_message(content: types.Content) -> bool:
    if content.role != "user" or not content.parts or _is_relay(content):
        return False
    if any(p.function_response for p in content.parts):
        return False
    return any(p.text or (p.inline_data and p.inline_data.data) for p in content.parts)


def read_request(request: LlmRequest) -> RequestView:
    contents = request.contents
    said = [_is_shopper_message(c) for c in contents]
    last = max((i for i, shopper in enumerate(said) if shopper), default=-1)
    user_text, images = "", []
    if last >= 0:
        parts = contents[last].parts or []
        user_text = " ".join(p.text for p in parts if p.text and not p.thought).strip()
        images = [p.inline_data for p in parts if p.inline_data and p.inline_data.data]
    history: list[str] = []
    history_tools: list[list[str]] = []
    for content, shopper in zip(contents[: max(last, 0)], said, strict=False):
        if shopper:
            history.append(" ".join(p.text for p in content.parts or [] if p.text))
            history_tools.append([])
        elif history_tools:
            history_tools[-1] += _tools_called(content)
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    outcomes: list[ToolOutcome] = []
    for content in contents[last + 1 :]:
        for part in content.parts or []:
            if part.function_call and content.role == "model":
                call = part.function_call
                calls[call.id or call.name or ""] = (call.name or "", dict(call.args or {}))
            elif part.function_response:
                response = part.function_response
                name, args = calls.get(response.id or "", (response.name or "", {}))
                outcomes.append(
                    ToolOutcome(name or response.name or "", args, dict(response.response or {}))
                )
    served = frozenset(
        name
        for content in contents[last + 1 :]
        if _is_relay(content)
        for part in content.parts or []
        if part.text and _RELAYED_MARK.search(part.text)
        for name in _RELAYED_AGENT_RE.findall(part.text)
        if name in SPECIALISTS  # the orchestrator's "Asking the cart manager." serves nothing
    )
    system = _system_text(request.config.system_instruction)
    match = _STATE_RE.search(system)
    state = json.loads(match.group(1)) if match else {}
    name_match = _AGENT_NAME_RE.search(system)
    agent_name = name_match.group(1) if name_match else ""
    targets = (
        frozenset(_TRANSFER_TARGET_RE.findall(system))
        if "transfer_to_agent" in request.tools_dict
        else frozenset()
    )
    specialist = agent_name in SPECIALISTS
    return RequestView(
        agent_name=agent_name,
        user_text=user_text,
        images=images,
        outcomes=outcomes,
        tools=frozenset(request.tools_dict),
        transfer_targets=frozenset() if specialist else targets,
        state=state,
        history_texts=history,
        history_tools=[tuple(names) for names in history_tools],
        served=served,
        peers=targets if specialist else frozenset(),
        call_ids=tuple(call_id for call_id in calls if call_id),
    )


def _tools_called(content: types.Content) -> list[str]:
    """The tools a model turn called, or another agent's relayed calls in a context note."""
    names = []
    for part in content.parts or []:
        if part.function_call and content.role == "model" and part.function_call.name:
            names.append(part.function_call.name)
        elif part.text and content.role == "user" and "] called tool `" in part.text:
            names += _RELAYED_CALL_RE.findall(part.text)
    return [name for name in names if name != "transfer_to_agent"]  # a hand-over, no action


def _system_text(instruction: types.ContentUnion | None) -> str:
    if instruction is None:
        return ""
    if isinstance(instruction, str):
        return instruction
    if isinstance(instruction, types.Content):
        return "\n".join(p.text or "" for p in instruction.parts or [])
    if isinstance(instruction, list):
        return "\n".join(_system_text(item) for item in instruction)  # type: ignore[arg-type]
    if isinstance(instruction, types.Part):
        return instruction.text or ""
    return str(instruction)
