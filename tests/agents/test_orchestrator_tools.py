"""The orchestrator's display-currency tool."""

from __future__ import annotations

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.orchestrator.tools import OrchestratorTools
from tests.agents.conftest import tool_context


async def test_display_currency_is_checked_and_kept(provider: StaticServices) -> None:
    tools, ctx = OrchestratorTools(provider), tool_context()
    result = await tools.set_display_currency("eur", ctx)
    assert result == {
        "status": "ok",
        "currency": "EUR",
        "previous": "USD",
        "just_this_answer": False,
    }
    assert ctx.state["display_currency"] == "EUR"
    refused = await tools.set_display_currency("BITCOIN", ctx)
    assert refused["code"] == "unknown_currency" and "JPY" in refused["message"]
    assert ctx.state["display_currency"] == "EUR"


async def test_a_currency_for_just_this_answer_leaves_the_display_currency(
    provider: StaticServices,
) -> None:
    tools, ctx = OrchestratorTools(provider), tool_context(state={"display_currency": "GBP"})
    result = await tools.set_display_currency("jpy", ctx, just_this_answer=True)
    assert result["currency"] == "JPY" and result["just_this_answer"] is True
    assert result["previous"] == "GBP"
    # ADK drops `temp:` keys after the turn: the shopper's own currency is untouched.
    assert ctx.state == {"display_currency": "GBP", "temp:answer_currency": "JPY"}
    assert st.display_currency(ctx.state) == "JPY"
    del ctx.state["temp:answer_currency"]
    assert st.display_currency(ctx.state) == "GBP"
