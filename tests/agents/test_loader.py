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


async def test_the_dev_ui_graph_shows_each_specialists_tools(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An agent's tools sit in one ToolList; the graph `adk web` draws still names each tool.
    from google.adk.cli.agent_graph import get_agent_graph

    monkeypatch.chdir(AGENTS_DIR.parent)
    monkeypatch.setenv("CARTMATE_MODEL", "offline")
    agent = AgentLoader("agents").load_agent("orchestrator")
    graph = (await get_agent_graph(agent, [], dark_mode=False)).source
    edges = {
        ("orchestrator", "set_budget"),
        ("cart_manager", "add_to_cart"),
        ("product_discovery", "search_products"),
        ("price_comparison", "compare_prices"),
    }
    for owner, tool in edges:
        assert f"\t{owner} -> {tool} " in graph, (owner, tool)
