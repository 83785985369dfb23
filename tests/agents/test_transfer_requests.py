"""The transfer step of a model request is built once per agent, and adds what ADK's adds.

A real conversation (orchestrator and specialists, offline model, embedded Online Boutique,
Redis sessions through `make_runner`) runs twice, with ADK's own transfer step and with
`TransferRequests`; every model request of both runs is compared: instructions, tool
declarations and callable tools.
"""

from __future__ import annotations

import difflib
import re
from types import SimpleNamespace
from typing import Any

import pytest
from google.adk.flows.llm_flows.auto_flow import AutoFlow
from google.adk.flows.llm_flows.extensions import _agent_transfer
from google.adk.models.llm_request import LlmRequest

from cartmate.agent_runtime import transfer_requests
from cartmate.agent_runtime.runners import make_runner
from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.orchestrator.agent import build_orchestrator_agent, build_specialists
from cartmate.config import Settings
from cartmate.models.offline.llm import OfflinePlannerLlm
from cartmate.models.selection import close_models
from cartmate.store.redis_session_service import RedisSessionService
from tests.agents.conftest import APP, Conversation

_INVOCATION_ID = re.compile(r"e-[0-9a-f]{8}-[0-9a-f-]{27}")
SAID = ("something for the kitchen", "add the first one and show my cart", "thanks")


def _request_view(request: LlmRequest) -> dict[str, Any]:
    """What the transfer step can change in a request, comparable across runs."""
    # Turns are named by their invocation ids in the state block: random in each run
    instruction = _INVOCATION_ID.sub("e-<id>", str(request.config.system_instruction))
    return {
        "instruction": instruction,
        "tools": [t.model_dump(exclude_none=True) for t in request.config.tools or []],
        "callable": sorted(request.tools_dict),
    }


def _differences(mine: dict[str, Any], theirs: dict[str, Any]) -> str:
    lines = []
    for key in mine:
        if mine[key] != theirs[key]:
            ours, adks = (str(x[key]).splitlines() for x in (mine, theirs))
            lines += difflib.unified_diff(adks, ours, "ADK's", "ours", lineterm="", n=1)
    return "\n".join(lines)


async def _requests_of_a_conversation(
    settings: Settings, services: AgentServices, user: str
) -> list[dict[str, Any]]:
    agent = build_orchestrator_agent(StaticServices(services), settings)
    sessions = RedisSessionService(services.redis)
    runner = make_runner(APP, agent, sessions, settings)
    seen: list[dict[str, Any]] = []
    original = OfflinePlannerLlm.generate_content_async

    def recording(self: OfflinePlannerLlm, request: LlmRequest, stream: bool = False) -> Any:
        seen.append(_request_view(request))
        return original(self, request, stream)

    OfflinePlannerLlm.generate_content_async = recording  # type: ignore[method-assign]
    try:
        session = await sessions.create_session(app_name=APP, user_id=user)
        chat = Conversation(runner, user, session.id)
        for text in SAID:
            await chat.say(text)
    finally:
        OfflinePlannerLlm.generate_content_async = original  # type: ignore[method-assign]
        await runner.close()
        await close_models(agent)
    return seen


async def test_requests_are_those_of_adks_own_step(
    settings: Settings, services: AgentServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert transfer_requests.install()
    ours = await _requests_of_a_conversation(settings, services, "transfer-ours")
    with monkeypatch.context() as patch:
        patch.setattr(
            _agent_transfer,
            "request_processor",
            _agent_transfer._AgentTransferLlmRequestProcessor(),
        )
        # make_runner installs it again: keep ADK's for this run
        patch.setattr(transfer_requests, "install", lambda: True)
        adks = await _requests_of_a_conversation(settings, services, "transfer-adk")
    assert len(ours) == len(adks) >= 6
    for mine, theirs in zip(ours, adks, strict=True):
        assert mine == theirs, _differences(mine, theirs)
    # The requests did offer transfers: the orchestrator's names its specialists
    assert any("transfer_to_agent" in r["callable"] for r in ours)
    assert any("Agent name: cart_manager" in r["instruction"] for r in ours)


def test_installed_where_adks_flow_takes_its_steps() -> None:
    assert transfer_requests.install()
    assert transfer_requests.install()  # idempotent
    processors = AutoFlow().request_processors
    assert sum(isinstance(p, transfer_requests.TransferRequests) for p in processors) == 1
    assert not any(type(p) is _agent_transfer._AgentTransferLlmRequestProcessor for p in processors)


async def test_tool_and_instructions_are_built_once_per_agent(
    settings: Settings, services: AgentServices
) -> None:
    agent = build_orchestrator_agent(StaticServices(services), settings)
    steps = transfer_requests.TransferRequests()
    context = SimpleNamespace(agent=agent, live_request_queue=None, _private_metadata={})
    try:
        built = []
        for _ in range(2):
            request = LlmRequest(model="offline")
            async for _event in steps.run_async(context, request):  # type: ignore[arg-type]
                pass
            built.append(request)
        first, second = (r.tools_dict["transfer_to_agent"] for r in built)
        assert first is second
        assert first._get_declaration() is second._get_declaration()
        declaration = first._get_declaration()
        schema = declaration.parameters_json_schema
        assert schema["properties"]["agent_name"]["enum"] == [s.name for s in agent.sub_agents]
        assert built[0].config.system_instruction == built[1].config.system_instruction
    finally:
        await close_models(agent)


async def test_remote_specialists_are_described_as_adk_describes_them(
    settings: Settings, services: AgentServices
) -> None:
    remote = build_specialists(
        StaticServices(services), settings.model_copy(update={"delegation": "a2a"})
    )
    context = SimpleNamespace(_private_metadata={})
    try:
        ours = await transfer_requests.TransferRequests._target_infos(remote, context)  # type: ignore[arg-type]
        for target, info in zip(remote, ours, strict=True):
            theirs = await _agent_transfer._build_transfer_target_info(target, context)  # type: ignore[arg-type]
            assert (info.name, info.description) == (theirs.name, theirs.description)
            assert info.description  # from the agent card
    finally:
        for agent in remote:
            await agent.cleanup()  # type: ignore[attr-defined]
