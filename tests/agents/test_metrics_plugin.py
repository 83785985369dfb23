"""The metrics plugin on real turns: model latency and tokens, tool and agent latency.

Turns run through an ADK Runner on the real services (embedded Online Boutique, real Redis),
on the offline model and on Gemini's wire format (a local fake, as in tests/models).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from google.adk.agents.base_agent import BaseAgent
from google.adk.apps.app import App
from google.adk.runners import Runner
from google.adk.sessions.in_memory_session_service import InMemorySessionService
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from cartmate.agent_runtime.metrics_plugin import MetricsPlugin
from cartmate.agent_runtime.runners import runner_plugins
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.models.selection import close_models
from tests.agents.conftest import APP, Conversation
from tests.fake_gemini import FakeGemini, gemini_services


class Measured:
    """A runner whose plugin records into an in-memory reader of the test's own."""

    def __init__(self) -> None:
        self.reader = InMemoryMetricReader()
        self.provider = MeterProvider(metric_readers=[self.reader])
        self.plugin = MetricsPlugin(self.provider.get_meter("test"))
        self.runners: list[Runner] = []

    async def conversation(self, agent: BaseAgent) -> Conversation:
        app = App(name=APP, root_agent=agent, plugins=[self.plugin])
        runner = Runner(app=app, session_service=InMemorySessionService())
        self.runners.append(runner)
        session = await runner.session_service.create_session(app_name=APP, user_id="shopper")
        return Conversation(runner, "shopper", session.id)

    def points(self, name: str) -> list[Any]:
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else []:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name == name:
                        return list(metric.data.data_points)
        return []

    def counts(self, name: str, *keys: str) -> dict[tuple[str, ...], int]:
        """Histogram counts (or counter values) by the given attributes."""
        found: dict[tuple[str, ...], int] = {}
        for point in self.points(name):
            key = tuple(str(point.attributes[k]) for k in keys)
            value = point.count if hasattr(point, "count") else point.value
            found[key] = found.get(key, 0) + value
        return found


@pytest.fixture
async def measured() -> AsyncIterator[Measured]:
    measured = Measured()
    yield measured
    for runner in measured.runners:
        await runner.close()
        await close_models(runner.agent)
    measured.provider.shutdown()


def test_every_runner_gets_the_plugin() -> None:
    assert any(isinstance(plugin, MetricsPlugin) for plugin in runner_plugins())


async def test_a_delegated_turn_measures_models_tools_and_agents(
    measured: Measured, services: AgentServices
) -> None:
    agent = build_orchestrator_agent(StaticServices(services), services.settings)
    conversation = await measured.conversation(agent)
    turn = await conversation.say("add two mugs to my cart")
    assert turn.transfers == ["cart_manager"], turn

    models = measured.counts("cartmate.agent.model.duration", "agent", "status")
    assert {agent for agent, _ in models} == {"orchestrator", "cart_manager"}
    assert {status for _, status in models} == {"ok"}
    tokens = measured.counts("cartmate.agent.model.tokens", "agent", "type")
    for agent_name in ("orchestrator", "cart_manager"):
        assert tokens[(agent_name, "prompt")] > 0
        assert tokens[(agent_name, "total")] >= tokens[(agent_name, "prompt")]
    tools = measured.counts("cartmate.agent.tool.duration", "tool", "status")
    assert tools[("add_to_cart", "ok")] == 1
    agents = measured.counts("cartmate.agent.duration", "agent", "status")
    # The delegation; the orchestrator handed the turn over, so its run never "finished".
    assert agents == {("cart_manager", "ok"): 1}
    assert all(p.sum >= 0 for p in measured.points("cartmate.agent.duration"))


async def test_a_tool_error_result_is_an_error(measured: Measured, services: AgentServices) -> None:
    agent = build_orchestrator_agent(StaticServices(services), services.settings)
    conversation = await measured.conversation(agent)
    await conversation.say("remove the mug from my cart")
    tools = measured.counts("cartmate.agent.tool.duration", "tool", "status")
    assert any(status == "error" for _, status in tools), tools


async def test_streamed_gemini_tokens_are_counted_once(
    measured: Measured, services: AgentServices
) -> None:
    fake = FakeGemini()  # streams word by word; usage on the last chunk (10 + 4 = 14)
    async with gemini_services(fake, services, retries=0) as gemini:
        conversation = await measured.conversation(
            build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        )
        turn = await conversation.say("hello")
    assert turn.partial_text == "Hello from Gemini!"
    tokens = measured.counts("cartmate.agent.model.tokens", "agent", "model", "type")
    assert tokens == {
        ("orchestrator", "gemini-2.5-flash", "prompt"): 10,
        ("orchestrator", "gemini-2.5-flash", "candidates"): 4,
        ("orchestrator", "gemini-2.5-flash", "total"): 14,
    }
    models = measured.counts("cartmate.agent.model.duration", "agent", "model", "status")
    assert models == {("orchestrator", "gemini-2.5-flash", "ok"): 1}


async def test_a_failing_model_is_measured_as_an_error(
    measured: Measured, services: AgentServices
) -> None:
    fake = FakeGemini(statuses=[503, 503])
    async with gemini_services(fake, services, retries=1) as gemini:
        conversation = await measured.conversation(
            build_orchestrator_agent(StaticServices(gemini), gemini.settings)
        )
        await conversation.say("hello")  # the guard answers with its fallback
    models = measured.counts("cartmate.agent.model.duration", "agent", "status")
    assert models == {("orchestrator", "error"): 1}
    assert measured.points("cartmate.agent.model.tokens") == []
