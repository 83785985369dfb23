"""ADK's own loader (what `adk web cartmate/agents` uses) finds every agent's root_agent."""

from __future__ import annotations

from pathlib import Path

import pytest
from google.adk.agents.llm_agent import LlmAgent
from google.adk.cli.utils.agent_loader import AgentLoader

AGENTS_DIR = Path(__file__).resolve().parents[2] / "cartmate" / "agents"
EXPECTED = [
    "cart_manager",
    "orchestrator",
    "price_comparison",
    "product_discovery",
    "style_profiler",
]


def test_adk_lists_exactly_our_agents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(AGENTS_DIR.parent)
    assert AgentLoader("agents").list_agents() == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_adk_loads_each_root_agent(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(AGENTS_DIR.parent)
    monkeypatch.setenv("CARTMATE_MODEL", "offline")
    agent = AgentLoader("agents").load_agent(name)
    assert isinstance(agent, LlmAgent) and agent.name == name
    assert agent.tools, f"{name} has no tools"


def test_the_orchestrator_has_the_four_specialists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(AGENTS_DIR.parent)
    agent = AgentLoader("agents").load_agent("orchestrator")
    assert isinstance(agent, LlmAgent)
    assert sorted(a.name for a in agent.sub_agents) == [
        "cart_manager",
        "price_comparison",
        "product_discovery",
        "style_profiler",
    ]
