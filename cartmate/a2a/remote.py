"""Calling a served CartMate agent from another ADK agent: `RemoteA2aAgent`, CartMate's way.

`remote_agent(name, settings)` is the sub-agent the orchestrator uses when
CARTMATE_DELEGATION=a2a. It is built from the AgentCard object (no card fetch on first use).
Each request is the shopper's latest message, in the remote agent's own A2A context (so it
keeps its conversation), and carries the shopper (`user_id`: the orchestrator session's user)
and the conversation state; the state the specialist leaves behind comes back on the task's
final status and lands in the orchestrator's session, as with an in-process sub-agent.

Given the services (`services=`), the agent looks the specialist up in the agent registry on
every run (reusing a read for up to REGISTRY_FRESH_S) and calls a live instance (a random
replica's card), falling back to the configured
URL (`agent_url`) when none is registered. On a `PeerClient` (`failover`), a replica that
refuses the connection (killed without deregistering) passes the call to the next one, and
is tried last until the hold runs out, so no turn pays for a probe.

With CARTMATE_A2A_TOKEN set, every call carries `Authorization: Bearer <token>`; with
CARTMATE_A2A_SHOPPER_SECRET, a fresh assertion of the session's shopper
(`X-CartMate-Shopper`, see `assertions`). A specialist that cannot be reached ends the turn
with a clear message ("cart_manager is unavailable right now ..."), marked with an error
code, instead of a silent or failed turn.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import AsyncGenerator
from typing import Any

import httpx
from a2a.types import AgentCard, Message, Task, TaskState
from a2a.types import Part as A2APart
from google.adk.a2a import _compat as _adk_compat
from google.adk.a2a.agent import _remote_a2a_agent as _adk_remote
from google.adk.a2a.agent.config import A2aRemoteAgentConfig, ParametersConfig, RequestInterceptor
from google.adk.a2a.converters.part_converter import GenAIPartToA2APartConverter
from google.adk.agents.invocation_context import InvocationContext
from google.adk.agents.remote_a2a_agent import A2A_METADATA_PREFIX, RemoteA2aAgent
from google.adk.events.event import Event
from google.genai import types
from google.protobuf import json_format
from google.protobuf.message import Message as ProtoMessage
from pydantic import PrivateAttr

from cartmate.a2a import proto_json
from cartmate.a2a.assertions import assertion_interceptor
from cartmate.a2a.cards import build_agent_card
from cartmate.a2a.failover import PeerClient, RefusalLog
from cartmate.a2a.metadata import STATE_KEY, USER_ID_KEY, conversation_state, integral_numbers
from cartmate.a2a.middleware import a2a_token
from cartmate.a2a.registry import AgentRegistry, card_url
from cartmate.agent_runtime.services import ServiceProvider
from cartmate.config import Settings
from cartmate.errors import UnavailableError

__all__ = [
    "UNAVAILABLE_CODE",
    "CartMateRemoteAgent",
    "adopt_returned_state",
    "bearer_token",
    "latest_user_turn",
    "remote_agent",
    "shopper_metadata",
    "unavailable_text",
]

log = logging.getLogger(__name__)


class _PeerStateDeltaNotice(logging.Filter):
    """Drops ADK's per-call warning that a peer's state delta is ignored.

    CartMate carries the specialist's conversation state back on purpose, in the final
    status metadata (`adopt_returned_state`), so the warning would fire on every delegated
    turn and say nothing an operator can act on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Ignoring a session state delta")


logging.getLogger("google_adk.google.adk.a2a.converters.to_adk_event").addFilter(
    _PeerStateDeltaNotice()
)


class _LazyLog:
    """A log message built only when a handler emits it."""

    __slots__ = ("_arg", "_build")

    def __init__(self, build: Any, arg: Any) -> None:
        self._build, self._arg = build, arg

    def __str__(self) -> str:
        return str(self._build(self._arg))


def _lazily(build: Any) -> Any:
    return lambda arg: _LazyLog(build, arg)


# ADK's remote agent builds a debug log of every A2A request and response eagerly
# (`logger.debug(build_a2a_response_log(...))`), whether DEBUG is on or not: ~9 % of a
# delegating gateway's CPU. Built on emit instead; belongs upstream.
for _name in ("build_a2a_request_log", "build_a2a_response_log"):
    if hasattr(_adk_remote, _name):  # another ADK may log differently: then nothing to do
        setattr(_adk_remote, _name, _lazily(getattr(_adk_remote, _name)))

UNAVAILABLE_CODE = "A2A_UNAVAILABLE"
# How long one agent object reuses its last registry read: a turn then costs no registry
# round trips; a replica that registers is called this much later at most.
REGISTRY_FRESH_S = 1.0


def unavailable_text(name: str) -> str:
    """What the shopper reads when specialist `name` cannot be reached."""
    return (
        f"Sorry, the {name.replace('_', ' ')} service ({name}) is unavailable right now, so I "
        "could not do that. Please try again in a moment; everything else still works."
    )


def bearer_token(token: str) -> RequestInterceptor:
    """Sends `Authorization: Bearer <token>` with every A2A request (CARTMATE_A2A_TOKEN)."""

    async def before_request(
        ctx: InvocationContext, request: Any, parameters: ParametersConfig
    ) -> tuple[Any, ParametersConfig]:
        del ctx
        call = parameters.client_call_context
        if call is not None:
            call.service_parameters = {
                **(call.service_parameters or {}),
                "Authorization": f"Bearer {token}",
            }
        return request, parameters

    return RequestInterceptor(before_request=before_request)


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


# What ADK reads back from a relayed event's `a2a:request` / `a2a:response` metadata: that
# they are there, and the task's state (a paused task is resumed on the next turn).
_REQUEST_KEPT = ("messageId", "contextId", "taskId")
_RESPONSE_KEPT = ("id", "contextId", "taskId", "messageId")


def _kept(wire: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """What CartMate keeps of ADK's dict copy of an A2A request or response."""
    slim = {k: wire[k] for k in keys if k in wire}
    status = wire.get("status")
    if isinstance(status, dict) and "state" in status:
        slim["status"] = {"state": status["state"]}
    return slim or {"kept": False}


def _wire_ids(obj: Any, *, exclude_file_bytes: bool = False) -> dict[str, Any]:
    """`_kept` of ADK's `a2a_to_dict(obj)`, read off the protobuf without converting the rest.

    ADK's remote agent copies the whole request and the whole task so far (history,
    artifacts, tool data) into every relayed event's metadata, through protobuf's JSON
    conversion: about 5 % of a delegating gateway's CPU, for dicts `_relayed` then cuts down
    to these ids. Installed as ADK's `a2a_to_dict` in its remote agent module only; belongs
    upstream (an option to record less).
    """
    if isinstance(obj, Task):
        wire: dict[str, Any] = {"id": obj.id, "contextId": obj.context_id}
        if obj.status.state:
            wire["status"] = {"state": TaskState.Name(obj.status.state)}
        return _kept({k: v for k, v in wire.items() if v}, _RESPONSE_KEPT)
    if isinstance(obj, Message):
        wire = {"messageId": obj.message_id, "contextId": obj.context_id, "taskId": obj.task_id}
        return _kept({k: v for k, v in wire.items() if v}, _RESPONSE_KEPT)
    full = _adk_compat.a2a_to_dict(obj, exclude_file_bytes=exclude_file_bytes)
    return _kept(full, _RESPONSE_KEPT)


class _CompatWithSlimCopies:
    """ADK's `_compat` module as its remote agent module sees it, `a2a_to_dict` aside."""

    def __init__(self, compat: Any) -> None:
        self._compat = compat

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compat, name)

    a2a_to_dict = staticmethod(_wire_ids)


if getattr(_adk_remote, "_compat", None) is _adk_compat:  # another ADK: `_relayed` still slims
    _adk_remote._compat = _CompatWithSlimCopies(_adk_compat)  # type: ignore[assignment]


def _relayed(event: Event) -> Event:
    """A relayed event as this side keeps it: tool data with its whole numbers as ints, and
    without the whole A2A request and task that ADK copies into its metadata.

    The data crossed as protobuf Struct, where every number is a double (money's units and
    nanos, quantities); they are ints again, as in-process. The metadata copy (history,
    artifacts, data) made each stored relayed event 2-6 KB, parsed again on every later turn;
    the content is in the event itself. Kept: the ids, and the task's state (`_wire_ids`
    already made them so, unless this ADK builds the copies another way).
    """
    for part in event.content.parts if event.content and event.content.parts else []:
        if part.function_response is not None and part.function_response.response:
            part.function_response.response = integral_numbers(part.function_response.response)
        if part.function_call is not None and part.function_call.args:
            part.function_call.args = integral_numbers(part.function_call.args)
    metadata = event.custom_metadata
    if not metadata:
        return event
    request = metadata.get(A2A_METADATA_PREFIX + "request")
    if isinstance(request, dict):
        metadata[A2A_METADATA_PREFIX + "request"] = _kept(request, _REQUEST_KEPT)
    response = metadata.get(A2A_METADATA_PREFIX + "response")
    if isinstance(response, dict):
        metadata[A2A_METADATA_PREFIX + "response"] = _kept(response, _RESPONSE_KEPT)
    return event


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


class CartMateRemoteAgent(RemoteA2aAgent):
    """A RemoteA2aAgent that finds its agent in the registry on each run (when given the
    services) and turns an unreachable agent into a clear answer."""

    _cartmate_settings: Settings = PrivateAttr()
    _cartmate_services: ServiceProvider | None = PrivateAttr(default=None)
    # A box, not the registry itself: ADK runs a shallow copy of the agent on every turn, and
    # copies share the box, so the registry's last read (REGISTRY_FRESH_S) outlives the turn.
    _cartmate_registry: list[AgentRegistry] = PrivateAttr(default_factory=list)

    def __init__(
        self,
        *args: Any,
        settings: Settings,
        services: ServiceProvider | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._cartmate_settings = settings
        self._cartmate_services = services

    async def _discovered_cards(self) -> list[AgentCard]:
        """The live instances' cards from the registry, one per URL, in the order to try
        them: random (spreading the load), peers that refused a connection lately last.
        Empty when none is registered (or the registry does not answer)."""
        if self._cartmate_services is None:
            return []
        try:
            instances = await (await self._registry()).instances_of(
                self.name, max_age_s=REGISTRY_FRESH_S
            )
        except UnavailableError:
            log.warning("agent registry unavailable", extra={"agent": self.name})
            return []
        by_url = {instance.url: instance for instance in instances}  # restarts reuse a URL
        shuffled = random.sample(list(by_url.values()), len(by_url))
        refusals = self._refusals()
        if refusals is not None:
            shuffled.sort(key=lambda instance: refusals.recently_refused(instance.url))
        return [instance.agent_card() for instance in shuffled]

    async def _registry(self) -> AgentRegistry:
        """This agent's view of the registry, made once for the agent and the copies ADK runs
        (it keeps the last read)."""
        if not self._cartmate_registry:
            assert self._cartmate_services is not None
            services = await self._cartmate_services.get()
            self._cartmate_registry.append(
                AgentRegistry(services.redis, ttl_s=self._cartmate_settings.a2a_registry_ttl_s)
            )
        return self._cartmate_registry[0]

    def _refusals(self) -> RefusalLog | None:
        http = self._httpx_client
        return http.refusals if isinstance(http, PeerClient) else None

    async def _use_card(self, card: AgentCard) -> None:
        current = self._agent_card
        if current is not None and card_url(current) == card_url(card):
            return
        # ADK resolves a card once and keeps its client; another instance needs another client
        # (on the same shared httpx client, which the owner closes).
        self._agent_card = card
        self._a2a_client = None
        self._is_resolved = False

    async def _run_async_impl(self, ctx: InvocationContext) -> AsyncGenerator[Event, None]:
        cards: list[AgentCard] = []
        if self._cartmate_services is not None:
            cards = await self._discovered_cards() or [
                build_agent_card(self.name, self._cartmate_settings)
            ]
        refusals = self._refusals()
        for attempt, card in enumerate(cards or [None]):
            if card is not None:
                await self._use_card(card)
            started = time.monotonic()
            last = card is None or refusals is None or attempt == len(cards) - 1
            failed_over = False
            held: Event | None = None  # a progress text, until the next event shows it is
            async with contextlib.aclosing(super()._run_async_impl(ctx)) as events:
                async for event in events:
                    if not last and _refused(event, card, refusals, started):
                        # The request never reached that replica: another may do it.
                        log.warning(
                            "agent instance refused the connection; trying another",
                            extra={"agent": self.name, "url": card_url(card)},
                        )
                        failed_over = True
                        break
                    last = True  # once anything came back, this attempt is the answer
                    if held is not None and not _same_text(held, event):
                        yield self._explained(_relayed(held))
                    held = None
                    if _thought_text(event) is not None:
                        held = event
                        continue
                    yield self._explained(_relayed(event))
            if held is not None:
                yield self._explained(_relayed(held))
            if not failed_over:
                return

    def _explained(self, event: Event) -> Event:
        """A failed call's event, given the text the shopper reads and an error code."""
        if event.error_message and not (event.content and event.content.parts):
            log.warning(
                "remote agent unavailable",
                extra={"agent": self.name, "error": event.error_message},
            )
            event.error_code = event.error_code or UNAVAILABLE_CODE
            event.content = types.Content(
                role="model", parts=[types.Part(text=unavailable_text(self.name))]
            )
        return event


def _thought_text(event: Event) -> str | None:
    """The text of an event made only of thought text (ADK shows a working task's status
    message as a thought), else None."""
    parts = event.content.parts if event.content and event.content.parts else []
    if not parts or not all(p.thought and p.text for p in parts):
        return None
    return "".join(p.text or "" for p in parts)


def _same_text(held: Event, event: Event) -> bool:
    """Whether `event` is the answer `held` already said: the specialist's last status
    message comes again as its task's artifact, which ADK relays as a thought and then as the
    answer; the thought would show the answer twice (as "thinking", then as the message)."""
    parts = event.content.parts if event.content and event.content.parts else []
    text = "".join(p.text or "" for p in parts if p.text and not p.thought)
    return bool(text) and text == _thought_text(held)


def _refused(
    event: Event, card: AgentCard | None, refusals: RefusalLog | None, since: float
) -> bool:
    """Whether `event` is the error of a call whose connection `card`'s peer refused."""
    return (
        card is not None
        and refusals is not None
        and bool(event.error_message)
        and not (event.content and event.content.parts)
        and refusals.refused_since(card_url(card), since)
    )


def remote_agent(
    name: str,
    settings: Settings,
    httpx_client: httpx.AsyncClient,
    *,
    card: AgentCard | None = None,
    services: ServiceProvider | None = None,
) -> RemoteA2aAgent:
    """A sub-agent that runs agent `name` over A2A at the URL its card gives.

    Args:
      name: One of the agents (the sub-agent gets the same name, so transfers still work).
      settings: Where the agent is (`agent_url`, CARTMATE_PUBLIC_BASE_URL).
      httpx_client: The HTTP client for the calls (its timeout applies), owned and closed by
        the caller. ADK clones an agent's sub-agents for every run, so a client a
        RemoteA2aAgent made for itself would be made again, and never closed, on every turn.
      card: The card to use instead of the one built from `settings`.
      services: With them (and no `card`), the agent is looked up in the agent registry on
        every run, a live instance's card used, the configured one when none is registered.
    """
    proto_json.install()  # the streamed events' data and metadata, parsed directly
    interceptors = [RequestInterceptor(after_request=adopt_returned_state)]
    token = a2a_token(settings)
    if token is not None:
        interceptors.append(bearer_token(token))
    assertion = assertion_interceptor(settings, name)  # CARTMATE_A2A_SHOPPER_SECRET
    if assertion is not None:
        interceptors.append(assertion)
    discover = services if card is None else None
    card = card or build_agent_card(name, settings)
    return CartMateRemoteAgent(
        name=name,
        agent_card=card,
        description=card.description,
        httpx_client=httpx_client,
        a2a_request_meta_provider=shopper_metadata,
        context_builder=latest_user_turn,
        config=A2aRemoteAgentConfig(request_interceptors=interceptors),
        settings=settings,
        services=discover,
    )
