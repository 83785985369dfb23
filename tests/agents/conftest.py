"""Agent fixtures: real services (embedded Online Boutique, real Redis), ADK Runners on them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

import pytest
from google.adk.agents.base_agent import BaseAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.runners import Runner
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from google.genai import types

from cartmate.agent_runtime.services import AgentServices, StaticServices, open_agent_services
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.models.selection import close_models
from cartmate.store.redis_client import RedisConnection

APP = "cartmate-test"


def offline_settings(addresses: Any, redis_url: str, prefix: str, **overrides: Any) -> Settings:
    """Settings for the offline model on an embedded boutique (its `addresses`) and Redis."""
    return Settings(
        product_catalog_service_addr=addresses.catalog,
        cart_service_addr=addresses.cart,
        currency_service_addr=addresses.currency,
        recommendation_service_addr=addresses.recommendation,
        redis_url=redis_url,
        redis_prefix=prefix,
        model="offline",
        **overrides,
    )


def with_settings(services: AgentServices, **update: Any) -> AgentServices:
    """The same open services under settings changed by `update` (the catalog index is not
    carried over: it may depend on the settings)."""
    return replace(
        services,
        settings=services.settings.model_copy(update=update),
        _index=None,
        _indexed=None,
    )


@pytest.fixture
async def settings(
    redis: RedisConnection, redis_url: str, key_prefix: str
) -> AsyncIterator[Settings]:
    async with serve_boutique(
        redis, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
    ) as addresses:
        yield offline_settings(addresses, redis_url, key_prefix)


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[AgentServices]:
    async with open_agent_services(settings) as opened:
        yield opened


@pytest.fixture
def provider(services: AgentServices) -> StaticServices:
    return StaticServices(services)


def tool_context(
    user_id: str = "shopper",
    state: dict[str, Any] | None = None,
    images: list[tuple[bytes, str]] | None = None,
) -> Any:
    """What the tools read from ADK's ToolContext: the user, the state, the user's message."""
    parts = [
        types.Part(inline_data=types.Blob(data=data, mime_type=mime)) for data, mime in images or []
    ]
    return SimpleNamespace(
        user_id=user_id,
        invocation_id="e-test-turn",  # one turn: what it added is one "last add"
        state={} if state is None else state,
        user_content=types.Content(role="user", parts=parts or [types.Part(text="hi")]),
    )


@dataclass
class Turn:
    """What one shopper message produced, as the gateway would see it."""

    events: list[Any]
    text: str = ""
    partial_text: str = ""
    tool_calls: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    tool_results: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    transfers: list[str] = field(default_factory=list)
    thoughts: list[str] = field(default_factory=list)

    def calls(self, name: str) -> list[dict[str, Any]]:
        return [args for _, called, args in self.tool_calls if called == name]

    def result(self, name: str) -> dict[str, Any]:
        return next(r for called, r in reversed(self.tool_results) if called == name)


class Conversation:
    """A shopper's session with an agent through ADK's Runner, streaming like the gateway."""

    def __init__(self, runner: Runner, user_id: str, session_id: str) -> None:
        self.runner, self.user_id, self.session_id = runner, user_id, session_id

    async def say(self, text: str = "", images: list[tuple[bytes, str]] | None = None) -> Turn:
        parts = [types.Part(text=text)] if text else []
        parts += [types.Part(inline_data=types.Blob(data=d, mime_type=m)) for d, m in images or []]
        events = []
        async for event in self.runner.run_async(
            user_id=self.user_id,
            session_id=self.session_id,
            new_message=types.Content(role="user", parts=parts),
            run_config=RunConfig(streaming_mode=StreamingMode.SSE),
        ):
            events.append(event)
        return _turn(events)

    async def state(self) -> dict[str, Any]:
        session = await self.runner.session_service.get_session(
            app_name=APP, user_id=self.user_id, session_id=self.session_id
        )
        assert session is not None
        return dict(session.state)


def _turn(events: list[Any]) -> Turn:
    turn = Turn(events=events)
    for event in events:
        for part in event.content.parts if event.content and event.content.parts else []:
            if part.function_call:
                name = part.function_call.name or ""
                if name == "transfer_to_agent":
                    turn.transfers.append(str((part.function_call.args or {})["agent_name"]))
                else:
                    turn.tool_calls.append(
                        (event.author, name, dict(part.function_call.args or {}))
                    )
            elif part.function_response and part.function_response.name != "transfer_to_agent":
                turn.tool_results.append(
                    (part.function_response.name or "", dict(part.function_response.response or {}))
                )
            elif part.text and part.thought:
                turn.thoughts.append(part.text)
            elif part.text:
                if event.partial:
                    turn.partial_text += part.text
                else:
                    turn.text += part.text
    return turn


ConversationFactory = Callable[..., Awaitable[Conversation]]


@pytest.fixture
async def converse() -> AsyncIterator[ConversationFactory]:
    """`await converse(agent, user_id="u")` opens a session with that root agent."""
    runners: list[Runner] = []

    async def open_conversation(agent: BaseAgent, user_id: str = "shopper") -> Conversation:
        runner = Runner(app_name=APP, agent=agent, session_service=InMemorySessionService())
        runners.append(runner)
        session = await runner.session_service.create_session(app_name=APP, user_id=user_id)
        return Conversation(runner, user_id, session.id)

    yield open_conversation
    for runner in runners:
        await runner.close()
        await close_models(runner.agent)


def png_bytes(colour: tuple[int, int, int], size: int = 64) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
async def shopper(
    converse: ConversationFactory, provider: StaticServices, settings: Settings
) -> Conversation:
    """The orchestrator with its specialists, talking to one shopper ("shopper")."""
    return await converse(build_orchestrator_agent(provider, settings), user_id="shopper")
