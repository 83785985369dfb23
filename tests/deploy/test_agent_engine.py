"""The object deployed to Vertex AI Agent Engine works: `AdkApp` run locally, offline model.

`cartmate.deploy.agent_engine.build_adk_app` is what the deploy script pickles and uploads; here
it runs in-process (`async_stream_query`, as Agent Engine calls it) on live services: the
embedded Online Boutique and Redis. Skipped only when the optional `agent-engine` extra
(google-cloud-aiplatform[agent-engines,adk]) is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip(
    "vertexai.agent_engines",
    reason="the agent-engine extra is not installed: pip install -c constraints.txt "
    "'.[agent-engine]'",
)

import cloudpickle
import vertexai
from vertexai.agent_engines import AdkApp

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.config import Settings
from cartmate.deploy.agent_engine import (
    AGENT_ENGINE_REQUIREMENT,
    build_adk_app,
    main,
    requirements,
)

MUG = "6E92ZMYYFZ"


@pytest.fixture(autouse=True)
def local_vertex() -> Iterator[None]:
    """A project for AdkApp (no API is called) and the environment restored afterwards:
    AdkApp.set_up() writes GOOGLE_GENAI_USE_VERTEXAI and friends into os.environ."""
    saved = dict(os.environ)
    vertexai.init(project="cartmate-local", location="us-central1")
    yield
    os.environ.clear()
    os.environ.update(saved)


def _calls(events: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (part["function_call"]["name"], part["function_call"].get("args") or {})
        for event in events
        for part in (event.get("content") or {}).get("parts") or []
        if part.get("function_call")
    ]


def _text(events: list[dict[str, Any]]) -> str:
    final = [e for e in events if not e.get("partial")]
    return "".join(
        part.get("text") or ""
        for event in final
        for part in (event.get("content") or {}).get("parts") or []
        if not part.get("thought")
    )


async def test_the_adk_app_runs_a_conversation_offline(
    settings: Settings, provider: StaticServices, services: AgentServices
) -> None:
    app = build_adk_app(settings, provider)
    assert isinstance(app, AdkApp)
    session = await app.async_create_session(user_id="engine-shopper")
    session_id = session["id"] if isinstance(session, dict) else session.id

    events = [
        e
        async for e in app.async_stream_query(
            message="add two mugs", user_id="engine-shopper", session_id=session_id
        )
    ]
    assert _calls(events) == [
        ("transfer_to_agent", {"agent_name": "cart_manager"}),
        ("add_to_cart", {"product": "mugs", "quantity": 2}),
    ]
    cart = await services.boutique.cart.get_cart("engine-shopper")
    assert {item.product_id: item.quantity for item in cart.items} == {MUG: 2}

    # The same session goes on: the state from the first turn resolves "it".
    events = [
        e
        async for e in app.async_stream_query(
            message="make it three", user_id="engine-shopper", session_id=session_id
        )
    ]
    assert ("set_cart_quantity", {"product": MUG, "quantity": 3}) in [
        (name, {k: args.get(k) for k in ("product", "quantity")}) for name, args in _calls(events)
    ]
    assert _text(events)


def test_the_deployed_object_pickles_with_lazy_services() -> None:
    # Agent Engine uploads the app with cloudpickle; its services open where it runs.
    app = build_adk_app(Settings(_env_file=None, model="offline"))  # type: ignore[call-arg]
    restored = cloudpickle.loads(cloudpickle.dumps(app))
    assert isinstance(restored, AdkApp)
    agent = restored._tmpl_attrs["agent"]
    assert agent.name == "orchestrator" and len(agent.sub_agents) == 4


def test_requirements_pin_cartmate_and_the_extra() -> None:
    reqs = requirements()
    assert any(r.startswith("google-adk==") for r in reqs)
    assert any(r.startswith("a2a-sdk==") for r in reqs)
    assert reqs[-1] == AGENT_ENGINE_REQUIREMENT


def test_dry_run_builds_the_app_without_google_cloud(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--project", "p", "--staging-bucket", "gs://b", "--env", "REDIS_URL=redis://r:6379/0"]
        + ["--secret-env", "CARTMATE_A2A_TOKEN=cartmate-a2a-token", "--dry-run"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "REDIS_URL" in out and "CARTMATE_A2A_TOKEN" in out
