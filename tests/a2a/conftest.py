"""A2A tests: each agent served over real HTTP on the real services of the agent tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from a2a.client import Client, ClientConfig, create_client
from a2a.types import (
    GetTaskRequest,
    Message,
    Part,
    Role,
    SendMessageRequest,
    StreamResponse,
    Task,
    TaskState,
)
from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.llm_agent import LlmAgent
from google.protobuf import json_format
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from cartmate.a2a.assertions import HEADER, ShopperAssertions, shopper_secret
from cartmate.a2a.server import build_a2a_app, build_agent, close_a2a_app, start_a2a_app
from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from tests.agents.conftest import provider, services, settings
from tests.servers import serve

__all__ = [
    "Gate",
    "gated_agent",
    "Outcome",
    "ServedAgent",
    "a2a_client",
    "collect",
    "outcome",
    "provider",
    "send_request",
    "serve_agent",
    "services",
    "settings",
    "shopper_headers",
    "shopper_id",
    "task_reaching",
    "user_message",
]


class _Deferred:
    """An ASGI app whose real app is set once the server's port is known."""

    def __init__(self) -> None:
        self.app: Starlette | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is None:  # only uvicorn's own probes could arrive this early
            raise RuntimeError("app not ready")
        await self.app(scope, receive, send)


@dataclass
class ServedAgent:
    name: str
    url: str
    app: Starlette
    settings: Settings


@contextlib.asynccontextmanager
async def serve_agent(
    name: str,
    settings: Settings,
    services: AgentServices,
    *,
    public: bool = False,
    register: bool = False,
    **kwargs: Any,
) -> AsyncIterator[ServedAgent]:
    """Serve agent `name` on a free port, its card advertising that very server.

    With `public`, the server stands for CARTMATE_PUBLIC_BASE_URL: the card says
    `<server>/agents/<name>` and the routes answer there too. With `register`, it registers
    in the agent registry as its lifespan would (and deregisters when the block ends).
    """
    deferred = _Deferred()
    async with serve(deferred) as base:
        if public:
            settings = settings.model_copy(update={"public_base_url": base})
            url = f"{base}/agents/{name}"
            app = build_a2a_app(name, settings, services, **kwargs)
        else:
            url = base
            app = build_a2a_app(name, settings, services, url=url, **kwargs)
        deferred.app = app
        if register:
            await start_a2a_app(app)
        try:
            yield ServedAgent(name, url, app, settings)
        finally:
            await close_a2a_app(app)


@contextlib.asynccontextmanager
async def a2a_client(
    url: str, *, streaming: bool = True, binding: str = "JSONRPC"
) -> AsyncIterator[Client]:
    """The SDK's client for the agent at `url` (its card fetched from there)."""
    client = await create_client(
        url,
        client_config=ClientConfig(streaming=streaming, supported_protocol_bindings=[binding]),
    )
    try:
        yield client
    finally:
        await client.close()


def user_message(
    text: str,
    *,
    user_id: str | None = None,
    context_id: str = "",
    task_id: str = "",
    state: dict[str, Any] | None = None,
    parts: list[Part] | None = None,
) -> Message:
    metadata: dict[str, Any] = {}
    if user_id is not None:
        metadata["user_id"] = user_id
    if state is not None:
        metadata["cartmate_state"] = state
    message = Message(
        message_id=f"m-{abs(hash((text, context_id, task_id, user_id)))}",
        role=Role.ROLE_USER,
        parts=[Part(text=text), *(parts or [])],
        context_id=context_id,
        task_id=task_id,
    )
    if metadata:
        json_format.ParseDict(metadata, message.metadata)
    return message


def send_request(message: Message, **configuration: Any) -> SendMessageRequest:
    request = SendMessageRequest(message=message)
    for key, value in configuration.items():
        setattr(request.configuration, key, value)
    return request


async def collect(client: Client, request: SendMessageRequest) -> list[StreamResponse]:
    return [item async for item in client.send_message(request)]


@dataclass
class Outcome:
    """What one SendMessage/SendStreamingMessage produced, as the client saw it."""

    task_id: str
    context_id: str
    states: list[str]  # every state seen, in order (the first task's, then each update's)
    text: str  # the artifacts' text
    kinds: list[str]  # payload kinds in order: task, status_update, artifact_update, message

    @property
    def state(self) -> str:
        return self.states[-1]


def outcome(responses: list[StreamResponse]) -> Outcome:
    task_id = context_id = text = ""
    states: list[str] = []
    kinds: list[str] = []
    for response in responses:
        kind = response.WhichOneof("payload")
        kinds.append(str(kind))
        if kind == "task":
            task = response.task
            task_id, context_id = task.id, task.context_id
            states.append(TaskState.Name(task.status.state))
            for artifact in task.artifacts:
                text += "".join(p.text for p in artifact.parts)
        elif kind == "status_update":
            task_id, context_id = response.status_update.task_id, response.status_update.context_id
            states.append(TaskState.Name(response.status_update.status.state))
        elif kind == "artifact_update":
            text += "".join(p.text for p in response.artifact_update.artifact.parts)
    return Outcome(task_id, context_id, states, text, kinds)


async def task_reaching(
    client: Client, task_id: str, state: TaskState, wait_s: float = 5.0
) -> Task:
    """The task as `client` reads it once it is in `state`: another replica writes a task's
    progress up to CARTMATE_A2A_TASK_WRITE_DELAY_MS late (RedisTaskStore)."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        task = await client.get_task(GetTaskRequest(id=task_id))
        if task.status.state == state or asyncio.get_running_loop().time() > deadline:
            return task
        await asyncio.sleep(0.005)


class Gate:
    """Holds an agent's model calls until opened: a turn that is still running."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.opened = asyncio.Event()

    async def before_model(self, callback_context: Any, llm_request: Any) -> None:
        del callback_context, llm_request
        self.reached.set()
        await self.opened.wait()


def gated_agent(name: str, settings: Settings, services: AgentServices, gate: Gate) -> BaseAgent:
    """The real agent `name`, its model calls held by `gate`."""
    agent = build_agent(name, settings, services)
    assert isinstance(agent, LlmAgent)
    agent.before_model_callback = [gate.before_model, *agent.canonical_before_model_callbacks]
    return agent


def shopper_headers(
    settings: Settings, user_id: str, agent: str, *, now: float | None = None
) -> dict[str, str]:
    """A fresh `X-CartMate-Shopper` assertion for one request, as the orchestrator signs it."""
    secret = shopper_secret(settings)
    assert secret is not None, "set a2a_shopper_secret"
    return {HEADER: ShopperAssertions(secret).issue(user_id, agent, now=now)}


@pytest.fixture
def shopper_id() -> str:
    import uuid

    return f"shopper-{uuid.uuid4().hex[:8]}"
