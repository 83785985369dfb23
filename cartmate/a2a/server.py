"""One CartMate agent served over A2A (a2a-sdk 1.3: protocol 1.0, and 0.3 for older clients).

`build_a2a_app(name, settings, services)` returns a Starlette app with:

- the agent card at `/.well-known/agent-card.json`, and `/docs` describing it;
- JSON-RPC at `/` and HTTP+JSON (`/message:send`, `/message:stream`, `/tasks/{id}`,
  `/tasks/{id}:cancel`, `/tasks/{id}:subscribe`, `/tasks`), both with streaming (SSE), plus
  the 0.3 methods (`message/send`, ...) and REST routes (`/v1/...`); a request without an
  `A2A-Version` header is 0.3, as the SDK decides;
- every route also under the path of CARTMATE_PUBLIC_BASE_URL (`/agents/<name>`, with and
  without a trailing slash), so a proxy may forward with or without stripping it;
- `/healthz` for liveness, `/readyz` for readiness (Redis and Online Boutique answer; the
  active resource alerts are listed, see `cartmate.resources`);
- with CARTMATE_A2A_TOKEN, a bearer token required on every call but the public card, `/docs`
  and the health checks, and an extended card (GetExtendedAgentCard) for authenticated callers;
- with CARTMATE_A2A_SHOPPER_SECRET, shopper assertions: only a caller holding a valid assertion
  acts for a real shopper (and owns that shopper's tasks); others act in their own namespace
  (see `assertions`). Without it, `user_id` is believed as sent (development mode, logged);
- bodies over CARTMATE_A2A_MAX_BODY_BYTES refused with 413, and typed JSON errors for unknown
  routes and methods (404, 405) like the SDK's own;
- a SERVER span per request continuing the caller's `traceparent` (see `middleware`).

Started under its lifespan (or `start_a2a_app`), the server registers its card in the agent
registry (see `registry`) with a heartbeat, and deregisters on shutdown.

The agent runs under ADK's `A2aAgentExecutor` and `Runner` (app name = agent name), so status
updates stream while it works and its answer arrives as an artifact. Whose cart, profile and
alerts it touches comes from the shopper assertion, else the message metadata (`user_id`,
falling back to the request metadata, then to the A2A context id); `cartmate_state` there
carries the caller's conversation state (display currency, products last shown, ...) into the
ADK session, and the session's state comes back in the final status update's metadata (see
`metadata`). The ADK session is the A2A context, so a conversation continues across tasks of
one context.

Tasks and their events live in Redis (`RedisTaskStore`), so any replica can read, cancel and
stream any task.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import re
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from a2a.server.agent_execution import RequestContext, RequestContextBuilder
from a2a.server.agent_execution.simple_request_context_builder import (
    SimpleRequestContextBuilder,
)
from a2a.server.cluster import LegacyTaskStoreAdapter, TaskEventStream, VersionedTaskStore
from a2a.server.context import ServerCallContext
from a2a.server.request_handlers import DefaultRequestHandler
from a2a.server.routes import create_agent_card_routes, create_jsonrpc_routes, create_rest_routes
from a2a.server.tasks import TaskStore
from a2a.types import AgentCard, Message, SendMessageRequest, Task, TaskStatusUpdateEvent
from a2a.utils.errors import InvalidParamsError
from google.adk.a2a.converters.part_converter import A2APartToGenAIPartConverter
from google.adk.a2a.converters.request_converter import (
    AgentRunRequest,
    convert_a2a_request_to_agent_run_request,
)
from google.adk.a2a.executor.a2a_agent_executor import A2aAgentExecutor
from google.adk.a2a.executor.config import A2aAgentExecutorConfig, ExecuteInterceptor
from google.adk.a2a.executor.executor_context import ExecutorContext
from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.remote_a2a_agent import RemoteA2aAgent
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import BaseSessionService, GetSessionConfig
from google.adk.sessions.session import Session
from google.protobuf import json_format
from opentelemetry import trace
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from cartmate.a2a import event_queues, proto_json, required_fields
from cartmate.a2a.assertions import (
    HEADER,
    ShopperAssertions,
    asserted_shopper,
    shopper_for,
    shopper_secret,
)
from cartmate.a2a.cards import build_agent_card, build_extended_card
from cartmate.a2a.metadata import (
    STATE_KEY,
    USER_ID_KEY,
    conversation_state,
    keep_peer_actions,
)
from cartmate.a2a.middleware import (
    BearerAuthMiddleware,
    BodyLimitMiddleware,
    ShopperAssertionMiddleware,
    TraceContextMiddleware,
    a2a_token,
)
from cartmate.a2a.registry import AgentRegistration, AgentRegistry
from cartmate.a2a.task_store import RedisTaskEventStream, RedisTaskStore
from cartmate.agent_runtime.runners import make_runner
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agent_runtime.topology import AGENTS, agent_url
from cartmate.agent_runtime.warm_up import MESSAGES, warm_up
from cartmate.config import Settings
from cartmate.models.selection import close_models
from cartmate.resources import ResourceMonitor
from cartmate.store.redis_session_service import RedisSessionService

__all__ = [
    "ShopperRequestContextBuilder",
    "build_a2a_app",
    "build_agent",
    "close_a2a_app",
    "shopper_run_request",
    "start_a2a_app",
]

log = logging.getLogger(__name__)

_INTERRUPTED_TASK_TIMEOUT_S = 600.0
_USER_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,128}$")


def build_agent(name: str, settings: Settings, services: AgentServices) -> BaseAgent:
    """The ADK agent `name`, on services somebody else opened."""
    if name not in AGENTS:
        raise ValueError(f"unknown agent {name!r}; expected one of {', '.join(AGENTS)}")
    module = importlib.import_module(f"cartmate.agents.{name}.agent")
    builder = getattr(module, f"build_{name}_agent")
    agent: BaseAgent = builder(StaticServices(services), settings)
    return agent


def _metadata(request_metadata: Mapping[str, Any], message: Message | None) -> dict[str, Any]:
    """Request metadata overlaid with the message's own (the message says it closest)."""
    merged = dict(request_metadata)
    if message is not None:
        merged.update(json_format.MessageToDict(message.metadata))
    return merged


def _check_metadata(metadata: Mapping[str, Any], asserted: str | None = None) -> None:
    user_id = metadata.get(USER_ID_KEY)
    if user_id is not None and not (isinstance(user_id, str) and _USER_ID.match(user_id)):
        raise InvalidParamsError(
            message=f"metadata.{USER_ID_KEY} must be a string of 1 to 128 printable characters"
        )
    if asserted is not None and user_id is not None and user_id != asserted:
        # One request, one shopper: never the assertion's for one and the metadata's for another.
        raise InvalidParamsError(
            message=f"metadata.{USER_ID_KEY} is not the shopper the {HEADER} assertion names"
        )
    state = metadata.get(STATE_KEY)
    if state is not None and not isinstance(state, dict):
        raise InvalidParamsError(message=f"metadata.{STATE_KEY} must be an object")


class ShopperRequestContextBuilder(RequestContextBuilder):
    """Builds each request's context: checks CartMate's metadata and fills a missing context id.

    A follow-up naming only its `taskId` would otherwise get a fresh random `contextId`, and
    the next such follow-up fails the task (a2a-python issue #1206). The task's own context
    id is looked up in the store instead.
    """

    def __init__(self, store: VersionedTaskStore) -> None:
        self._store = store
        ids = store.task_ids() if isinstance(store, RedisTaskStore) else None
        self._inner = SimpleRequestContextBuilder(task_id_generator=ids)

    async def build(
        self,
        context: ServerCallContext,
        params: SendMessageRequest | None = None,
        task_id: str | None = None,
        context_id: str | None = None,
        task: Task | None = None,
    ) -> RequestContext:
        if params is not None:
            _check_metadata(
                _metadata(json_format.MessageToDict(params.metadata), params.message),
                asserted_shopper(context),
            )
        if task_id and not context_id:
            stored = await self._store.get(task_id, context)
            if stored is not None and stored.task.context_id:
                context_id = stored.task.context_id
        return await self._inner.build(
            context=context, params=params, task_id=task_id, context_id=context_id, task=task
        )


def shopper_run_request(
    request: RequestContext,
    part_converter: A2APartToGenAIPartConverter,
    *,
    verified: bool = False,
) -> AgentRunRequest:
    """ADK's conversion of an A2A request, run as the shopper it is for.

    That is the asserted shopper; else the one the metadata names (or the context id), as
    is in development mode and inside the caller's namespace when assertions are verified.
    """
    run = convert_a2a_request_to_agent_run_request(request, part_converter)
    metadata = _metadata(request.metadata, request.message)
    user_id = metadata.get(USER_ID_KEY)
    claimed = user_id if isinstance(user_id, str) and user_id else str(request.context_id)
    run.user_id = shopper_for(claimed, request.call_context, verified=verified)
    delta = conversation_state(metadata.get(STATE_KEY))
    if delta:
        run.state_delta = delta
    return run


# A session read for its state: no events are read or parsed.
_STATE_ONLY = GetSessionConfig(num_recent_events=0)


async def _only_peer_actions(context: ExecutorContext, event: Any, adk_event: Any) -> Any:
    """Streamed events without the actions no caller takes from a peer (`keep_peer_actions`)."""
    del context, adk_event
    metadata = getattr(event, "metadata", None)
    if metadata is not None:
        keep_peer_actions(metadata)
    return event


async def _return_state(
    context: ExecutorContext, final: TaskStatusUpdateEvent
) -> TaskStatusUpdateEvent:
    """Put the session's conversation state on the final status, for the caller to adopt."""
    service = context.runner.session_service
    ids = {"app_name": context.app_name, "user_id": context.user_id}
    known = (
        service.take_last_state(**ids, session_id=context.session_id)
        if isinstance(service, RedisSessionService)
        else None
    )  # this process just ran the turn: its state is at hand, no read needed
    if known is None:
        session = await service.get_session(
            **ids, session_id=context.session_id, config=_STATE_ONLY
        )
        known = session.state if session is not None else None
    state = conversation_state(known)
    if state:
        final.metadata.update({STATE_KEY: state})
    return final


class _SessionNamingExecutor(A2aAgentExecutor):
    """ADK's executor, without reading the session before the run.

    ADK reads the whole session before each run only to know it exists (creating it if not)
    and to name it in the events' metadata; the runner then reads it again for the turn. Here
    the runner creates a missing session itself (`auto_create_session`), so the executor only
    names it: one Redis round trip and one session parse fewer per request. Same steps
    otherwise; belongs upstream.
    """

    async def _prepare_session(
        self, context: RequestContext, run_request: Any, runner: Runner
    ) -> Session:
        if not run_request.session_id:  # ADK names the session after the A2A context
            return await super()._prepare_session(context, run_request, runner)
        # What the executor uses it for: the ids in each event's metadata
        return Session(
            id=run_request.session_id, app_name=runner.app_name, user_id=run_request.user_id
        )


async def _close_remote_agents(root: BaseAgent) -> None:
    """Close the HTTP clients of the remote agents under `root` (the orchestrator's, on A2A)."""
    pending = [root]
    while pending:
        agent = pending.pop()
        pending.extend(agent.sub_agents)
        if isinstance(agent, RemoteA2aAgent):
            await agent.cleanup()


def _rpc_prefix(url: str) -> str:
    """The path part of the agent's advertised URL ("" when served at a host's root)."""
    return urlsplit(url).path.rstrip("/")


def _docs(card: AgentCard) -> str:
    lines = [
        f"# {card.name}",
        "",
        card.description,
        "",
        f"A2A agent card: {card.supported_interfaces[0].url}/.well-known/agent-card.json",
        "Bindings: JSON-RPC at the agent URL, HTTP+JSON under it (/message:send, "
        "/message:stream, /tasks/{id}, /tasks/{id}:cancel, /tasks/{id}:subscribe); protocol "
        "1.0 (send `A2A-Version: 1.0`) and 0.3.",
        "",
        f"Message metadata: `{USER_ID_KEY}` names the shopper whose cart, style profile and "
        f"price alerts are used (default: the context id); `{STATE_KEY}` carries the "
        "conversation state (display_currency, recent_products, focus_product, cart_lines, "
        "recent_alerts, budget). Continue a conversation with the same `contextId`.",
        "",
        "## Skills",
    ]
    for skill in card.skills:
        lines += ["", f"### {skill.name} (`{skill.id}`)", "", skill.description, ""]
        lines += [f"- {example}" for example in skill.examples]
    return "\n".join(lines) + "\n"


def build_a2a_app(
    name: str,
    settings: Settings,
    services: AgentServices,
    *,
    session_service: BaseSessionService | None = None,
    task_store: TaskStore | VersionedTaskStore | None = None,
    event_stream: TaskEventStream | None = None,
    agent: BaseAgent | None = None,
    url: str | None = None,
    registry: AgentRegistry | None = None,
    instance_id: str | None = None,
    tracer_provider: trace.TracerProvider | None = None,
) -> Starlette:
    """Serve agent `name` over A2A.

    Args:
      name: One of AGENTS.
      settings: Where the card says the agent is (and everything the agent reads).
      services: Opened by the caller, who also closes them after the app.
      session_service: ADK sessions; Redis by default (shared by replicas, kept on restart).
      task_store: A2A tasks; Redis by default (with `event_stream`, shared by replicas).
      event_stream: Cross-replica task events; Redis by default with the default store.
      agent: The ADK agent to serve instead of `build_<name>_agent` (tests, custom wiring).
      url: The URL the card advertises, when not `agent_url(settings, name)` (another port).
      registry: Where the server registers on start; the Redis one of `services` by default.
      instance_id: This replica's id in the registry (default: host, pid and a random part).
      tracer_provider: For the server spans; the global provider by default.

    Returns:
      The app. Its lifespan (or `start_a2a_app` / `close_a2a_app`) registers it, and on
      shutdown deregisters it, stops running tasks and closes the runner.
    """
    event_queues.install()  # asyncio queues for a2a-sdk's, not culsans (Python < 3.13)
    proto_json.install()  # events' data and metadata printed and parsed directly
    required_fields.install()  # REQUIRED fields checked without walking every Struct
    url = (url or agent_url(settings, name)).rstrip("/")
    card = build_agent_card(name, settings, url=url)
    own_agent = agent is None  # a given agent (tests, custom wiring) is not warmed up
    agent = agent or build_agent(name, settings, services)
    if task_store is None:
        redis_store = RedisTaskStore(
            services.redis,
            name,
            ttl_s=settings.a2a_task_ttl_s,
            write_delay_s=settings.a2a_task_write_delay_ms / 1000,
        )
        task_store = redis_store
        event_stream = event_stream or RedisTaskEventStream(redis_store)
    versioned = (
        task_store
        if isinstance(task_store, VersionedTaskStore)
        else LegacyTaskStoreAdapter(task_store)
    )
    secret = shopper_secret(settings)
    if secret is None:
        log.warning(
            "CARTMATE_A2A_SHOPPER_SECRET is not set: user_id in A2A metadata is believed as "
            "sent, any caller may act for any shopper (development mode)",
            extra={"agent": name},
        )
    # ADK sessions in Redis like the gateway's: a follow-up on the same context may reach any
    # replica, and a restarted specialist keeps its conversations.
    sessions = session_service or RedisSessionService.for_settings(
        services.redis, settings, remember_last_state=True
    )
    runner = make_runner(name, agent, sessions, settings, auto_create_session=True)
    executor = _SessionNamingExecutor(
        runner=runner,
        config=A2aAgentExecutorConfig(
            request_converter=functools.partial(shopper_run_request, verified=secret is not None),
            execute_interceptors=[
                ExecuteInterceptor(after_event=_only_peer_actions, after_agent=_return_state)
            ],
        ),
    )
    handler = DefaultRequestHandler(
        agent_executor=executor,
        task_store=task_store,
        agent_card=card,
        request_context_builder=ShopperRequestContextBuilder(versioned),
        # Only for callers the bearer middleware let in (CARTMATE_A2A_TOKEN).
        extended_agent_card=(
            build_extended_card(card) if card.capabilities.extended_agent_card else None
        ),
        event_stream=event_stream,
        # A task waiting for input is let go of after a while; a follow-up reloads it.
        interrupted_task_timeout=_INTERRUPTED_TASK_TIMEOUT_S,
    )

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok", "agent": name})

    async def readyz(_request: Request) -> Response:
        redis = await services.redis.health()
        boutique = await services.boutique.health(timeout_s=1.0)
        ready = redis.ok and all(status == "SERVING" for status in boutique.values())
        body = {"ready": ready, "agent": name, "redis": redis.ok, "boutique": boutique}
        # Resource alerts degrade but do not unready the server (see cartmate/resources.py).
        body.update(degraded=bool(monitor.active), alerts=monitor.report())
        return JSONResponse(body, status_code=200 if ready else 503)

    docs_text = _docs(card)

    async def docs(_request: Request) -> Response:
        return PlainTextResponse(docs_text, media_type="text/markdown")

    routes: list[BaseRoute] = []
    prefix = _rpc_prefix(url)
    # Most specific first: the REST routes end with a catch-all "/{tenant}/..." mount.
    for base in ([prefix] if prefix else []) + [""]:
        # Health under the agent URL too: the registry lists that URL and /agents checks it.
        routes.append(Route(f"{base}/healthz", healthz, methods=["GET"]))
        routes.append(Route(f"{base}/readyz", readyz, methods=["GET"]))
        routes.append(Route(f"{base}/docs", docs, methods=["GET"]))
        routes += create_agent_card_routes(card, card_url=f"{base}/.well-known/agent-card.json")
        for rpc_path in dict.fromkeys([base or "/", f"{base}/"]):
            routes += create_jsonrpc_routes(handler, rpc_path, enable_v0_3_compat=True)
    if prefix:
        routes += create_rest_routes(handler, enable_v0_3_compat=True, path_prefix=prefix)
    routes += create_rest_routes(handler, enable_v0_3_compat=True)

    registration = AgentRegistration(
        registry or AgentRegistry(services.redis, ttl_s=settings.a2a_registry_ttl_s),
        card,
        instance_id=instance_id,
        url=url,
        interval_s=settings.a2a_heartbeat_s,
    )
    closed = False
    monitor = ResourceMonitor.for_settings(settings, services.redis.pool)
    monitoring = contextlib.AsyncExitStack()

    async def astart() -> None:
        await monitoring.enter_async_context(monitor.running())
        if own_agent:  # warm before registering: callers find it only once it is fast
            await warm_up(
                name,
                lambda offline: build_agent(name, offline, services),
                MESSAGES.get(name, ()),
                settings,
            )
        await registration.start()

    async def aclose() -> None:
        nonlocal closed
        if closed:
            return
        closed = True
        try:
            await registration.stop()  # callers stop finding it before it stops answering
            await handler.aclose()  # stops running tasks before their runner goes
            if isinstance(task_store, RedisTaskStore):
                await task_store.flush()  # their held-back progress is not lost
        finally:
            await monitoring.aclose()
            await runner.close()
            await close_models(agent)
            await _close_remote_agents(agent)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            await astart()
            yield
        finally:
            await aclose()

    # Outermost first: the span covers the auth check too (a 401 is traced); credentials are
    # checked before a byte of the body is read.
    middleware = [Middleware(TraceContextMiddleware, agent=name, tracer_provider=tracer_provider)]
    token = a2a_token(settings)
    if token is not None:
        middleware.append(Middleware(BearerAuthMiddleware, token=token))
    if secret is not None:
        assertions = ShopperAssertions(secret, services.redis)
        middleware.append(Middleware(ShopperAssertionMiddleware, assertions=assertions, agent=name))
    middleware.append(Middleware(BodyLimitMiddleware, max_bytes=settings.a2a_max_body_bytes))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error},
    )
    app.state.agent_name = name
    app.state.agent_card = card
    app.state.request_handler = handler
    app.state.runner = runner
    app.state.astart = astart
    app.state.aclose = aclose
    app.state.registration = registration
    app.state.resources = monitor
    return app


_REASONS = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


async def _http_error(_request: Request, exc: Exception) -> Response:
    """Unknown routes and methods as typed JSON errors, in the SDK's HTTP+JSON shape."""
    assert isinstance(exc, HTTPException)
    reason = _REASONS.get(exc.status_code, "INVALID_ARGUMENT" if exc.status_code < 500 else "")
    body = {
        "error": {"code": exc.status_code, "status": reason or "INTERNAL", "message": exc.detail}
    }
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def start_a2a_app(app: Starlette) -> None:
    """What the app's lifespan does on start-up (register it), for servers run without it."""
    await app.state.astart()


async def close_a2a_app(app: Starlette) -> None:
    """What the app's lifespan does on shutdown, for servers run without lifespan."""
    await app.state.aclose()
