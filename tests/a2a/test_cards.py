"""Agent cards: built from code, published in agent_cards/, served as built."""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
from pathlib import Path
from typing import Any

import pytest
from a2a.client.card_resolver import parse_agent_card
from a2a.types import AgentCard
from a2a.utils.proto_utils import validate_proto_required_fields

from cartmate.a2a import cards
from cartmate.a2a.cards import (
    PUBLISHED_DIR,
    SKILLS,
    build_agent_card,
    build_agent_cards,
    card_json,
    published_settings,
    stale_cards,
)
from cartmate.agent_runtime.services import AgentServices
from cartmate.agent_runtime.topology import AGENTS
from cartmate.config import Settings


class _NoServices:
    """Building an agent never opens services; running one would."""

    async def get(self) -> AgentServices:
        raise AssertionError("not used")


def _tool_names(name: str) -> set[str]:
    module = importlib.import_module(f"cartmate.agents.{name}.agent")
    agent = getattr(module, f"build_{name}_agent")(
        _NoServices(), Settings.model_construct(model="offline")
    )
    names = {tool.name for tool in asyncio.run(agent.canonical_tools())}
    if agent.sub_agents:
        names.add("transfer_to_agent")  # ADK adds it for agents with sub-agents
    return names


def test_published_cards_match_the_code() -> None:
    stale = stale_cards(published_settings(), PUBLISHED_DIR)
    assert stale == [], f"regenerate with `python -m cartmate.a2a.cards` ({stale})"
    assert sorted(p.stem for p in PUBLISHED_DIR.glob("*.json")) == sorted(AGENTS)


@pytest.mark.parametrize("name", AGENTS)
def test_skills_cover_every_tool_of_the_agent(name: str) -> None:
    covered = [tool for skill in SKILLS[name] for tool in skill.tools]
    assert sorted(covered) == sorted(_tool_names(name))


@pytest.mark.parametrize("name", AGENTS)
def test_card_fields(name: str) -> None:
    card = build_agent_card(name, published_settings())
    validate_proto_required_fields(card)  # raises on a missing REQUIRED field
    assert card.name == name
    assert card.version == importlib.metadata.version("cartmate")
    assert card.provider.organization == "CartMate"
    assert card.documentation_url == f"{card.supported_interfaces[0].url}/docs"
    assert card.capabilities.streaming and not card.capabilities.push_notifications
    assert [(i.protocol_binding, i.protocol_version) for i in card.supported_interfaces] == [
        ("JSONRPC", "1.0"),
        ("HTTP+JSON", "1.0"),
        ("JSONRPC", "0.3"),
        ("HTTP+JSON", "0.3"),
    ]
    images = name in ("orchestrator", "style_profiler")
    assert ("image/png" in card.default_input_modes) is images
    assert "text/plain" in card.default_input_modes
    assert list(card.default_output_modes) == ["text/plain"]
    assert card.skills and all(s.description and s.tags and s.examples for s in card.skills)


def test_card_urls_follow_the_topology_and_the_public_base_url() -> None:
    local = build_agent_cards(published_settings())
    assert [c.supported_interfaces[0].url for c in local.values()] == [
        f"http://127.0.0.1:{port}" for port in range(8101, 8106)
    ]
    public = build_agent_card(
        "cart_manager", Settings.model_construct(public_base_url="https://shop.example/")
    )
    assert {i.url for i in public.supported_interfaces} == {
        "https://shop.example/agents/cart_manager"
    }
    assert public.provider.url == "https://shop.example/"


@pytest.mark.parametrize("name", AGENTS)
def test_published_json_parses_back_into_the_same_card(name: str) -> None:
    text = (PUBLISHED_DIR / f"{name}.json").read_text(encoding="utf-8")
    assert parse_agent_card(json.loads(text)) == build_agent_card(name, published_settings())
    data = json.loads(text)  # parse_agent_card consumed the 0.3 fields of its copy
    # What a 0.3 client reads.
    assert data["url"] == data["supportedInterfaces"][0]["url"]
    assert data["preferredTransport"] == "JSONRPC"


def test_script_writes_checks_and_reads_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    assert cards.main(["--check", "--out", str(tmp_path)]) == 1
    assert cards.main(["--out", str(tmp_path)]) == 0
    assert cards.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "cart_manager.json").write_text("{}", encoding="utf-8")
    assert cards.main(["--check", "--out", str(tmp_path)]) == 1
    assert "cart_manager.json" in capsys.readouterr().err

    monkeypatch.setenv("CARTMATE_PUBLIC_BASE_URL", "https://shop.example")
    deployed = tmp_path / "deployed"
    assert cards.main(["--from-env", "--out", str(deployed)]) == 0
    card = AgentCard()
    card.CopyFrom(parse_agent_card(json.loads((deployed / "style_profiler.json").read_text())))
    assert card.supported_interfaces[0].url == "https://shop.example/agents/style_profiler"
    assert card_json(card) == (deployed / "style_profiler.json").read_text()
