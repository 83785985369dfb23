"""Calling a served CartMate agent from another ADK agent: `RemoteA2aAgent`, CartMate's way.

`remote_agent(name, settings)` is the sub-agent the orchestrator uses when
CARTMATE_DELEGATION=a2a. It is built from the AgentCard object (no card fetch on first use).
Each request is the shopper's latest message, in the remote agent's own A2A context (so it
keeps its conversation), and carries the shopper (`user_id`: the orchestrator session's user)
and the conversation state; the state the specialist leaves behind comes back on the task's
final status and lands in the orchestrator's session, as with an in-process sub-agent.
"""

from __future__ import annotations

from typing import Any

import httpx
from a2a.types import AgentCard
from a2a.types import Part as A2APart
from google.adk.a2a.agent.config import A2aRemoteAgentConfig, RequestInterceptor
from google.adk.a2a.converters.part_converter import GenAIPartToA2APartConverter
from google.adk.agents.invocation_context import InvocationContext
from google.adk.agents.remote_a2a_agent import A2A_METADATA_PREFIX, RemoteA2aAgent
from google.adk.events.event import Event
from google.protobuf import json_format
from google.protobuf.message import Message as ProtoMessage

from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.metadata import STATE_KEY, USER_ID_KEY, conversation_state
from cartmate.config import Settings

__all__ = ["adopt_returned_state", "latest_user_turn", "remote_agent", "shopper_metadata"]


def shopper_metadata(ctx: InvocationContext, message: Any) -> dict[str, Any]:
    """The request metadata: whose session this is, and its conversation state."""
    del message
    return {
        USER_ID_KEY: ctx.session.user_id,
        STATE_KEY: conversation_state(ctx.session.state),
    }


def latest_user_turn(
    ctx: InvocationContext, agent_name: str, part_converter: GenAIPartToA2APartConverter
) -> tuple[list[A2APart], str | None]:
    """The message to send: what the shopper just said, in the remote agent's context.

    ADK's default sends every event since the remote agent last answered, earlier shopper
    turns and other agents' relays included, as one message; the specialist would read them
    all as the shopper's words. The conversation state travels in the metadata instead, and
    the remote agent keeps its own history per context.
    """
    parts: list[A2APart] = []
    for part in ctx.user_content.parts if ctx.user_content and ctx.user_content.parts else []:
        if part.text or part.inline_data or part.file_data:
            converted = part_converter(part)
            parts += converted if isinstance(converted, list) else [converted] if converted else []
    context_id = None
    for event in reversed(ctx.session.events):
        found = (event.custom_metadata or {}).get(A2A_METADATA_PREFIX + "context_id")
        if event.author == agent_name and isinstance(found, str) and found:
            context_id = found
            break
    return parts, context_id


def _returned_state(response: Any) -> dict[str, Any]:
    """`cartmate_state` from a streamed update, or from the task when it came whole."""
    if isinstance(response, tuple):
        task, update = response
        source = update if update is not None else task
    else:
        source = response
    metadata = getattr(source, "metadata", None)
    if not isinstance(metadata, ProtoMessage) or STATE_KEY not in metadata:
        return {}
    return conversation_state(json_format.MessageToDict(metadata).get(STATE_KEY))


async def adopt_returned_state(ctx: InvocationContext, response: Any, event: Event) -> Event | None:
    """Apply the state the remote agent returned to this session (a state delta)."""
    del ctx
    state = _returned_state(response)
    if state:
        event.actions.state_delta.update(state)
    return event


def remote_agent(
    name: str,
    settings: Settings,
    httpx_client: httpx.AsyncClient,
    *,
    card: AgentCard | None = None,
) -> RemoteA2aAgent:
    """A sub-agent that runs agent `name` over A2A at the URL its card gives.

    Args:
      name: One of the agents (the sub-agent gets the same name, so transfers still work).
      settings: Where the agent is (`agent_url`, CARTMATE_PUBLIC_BASE_URL).
      httpx_client: The HTTP client for the calls (its timeout applies), owned and closed by
        the caller. ADK clones an agent's sub-agents for every run, so a client a
        RemoteA2aAgent made for itself would be made again, and never closed, on every turn.
      card: The card to use instead of the one built from `settings`.
    """
    card = card or build_agent_card(name, settings)
    return RemoteA2aAgent(
        name=name,
        agent_card=card,
        description=card.description,
        httpx_client=httpx_client,
        a2a_request_meta_provider=shopper_metadata,
        context_builder=latest_user_turn,
        config=A2aRemoteAgentConfig(
            request_interceptors=[RequestInterceptor(after_request=adopt_returned_state)]
        ),
    )
