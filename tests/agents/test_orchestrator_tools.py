"""The orchestrator's display-currency tool."""

from __future__ import annotations

from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.orchestrator.tools import OrchestratorTools
from tests.agents.conftest import tool_context


async def test_display_currency_is_checked_and_kept(provider: StaticServices) -> None:
    tools, ctx = OrchestratorTools(provider), tool_context()
    result = await tools.set_display_currency("eur", ctx)
    assert result == {"status": "ok", "currency": "EUR", "previous": "USD"}
    assert ctx.state["display_currency"] == "EUR"
    refused = await tools.set_display_currency("BITCOIN", ctx)
    assert refused["code"] == "unknown_currency" and "JPY" in refused["message"]
    assert ctx.state["display_currency"] == "EUR"
