"""The orchestrator's tools: the display currency and the budget."""

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
    # (it is remembered as asked about: "my total in the first currency I asked about")
    assert ctx.state == {
        "display_currency": "GBP",
        "temp:answer_currency": "JPY",
        st.CURRENCIES: {"asked": ["JPY"]},
    }
    assert st.display_currency(ctx.state) == "JPY"
    del ctx.state["temp:answer_currency"]
    assert st.display_currency(ctx.state) == "GBP"
    await tools.set_display_currency("eur", ctx)  # for good: GBP is the one before
    assert ctx.state[st.CURRENCIES] == {"asked": ["JPY", "EUR"], "before": "GBP"}


async def test_a_budget_is_kept_exactly_and_the_cart_told_against_it(
    provider: StaticServices,
) -> None:
    from cartmate.agents.cart_manager.tools import CartTools

    tools, ctx = OrchestratorTools(provider), tool_context(user_id="budgeter")
    await CartTools(provider).add_to_cart("6E92ZMYYFZ", ctx, quantity=2)  # 2 x $8.99
    kept = await tools.set_budget(ctx, amount="20", currency="usd")
    assert kept["status"] == "ok" and kept["display_budget"] == "$20.00"
    assert kept["display_cart_total"] == "$17.98" and kept["display_left"] == "$2.02"
    assert ctx.state[st.BUDGET] == {"currency_code": "USD", "units": 20, "nanos": 0}
    # a cart change now says what the budget leaves, or how far over it goes
    added = await CartTools(provider).add_to_cart("6E92ZMYYFZ", ctx, quantity=1)
    assert added["budget"]["display_over"] == "$6.97"
    for bad in ("-5", "lots", "0"):
        refused = await tools.set_budget(ctx, amount=bad)
        assert refused["code"] == "bad_request", bad
    assert ctx.state[st.BUDGET]["units"] == 20  # unchanged by the refusals
    cleared = await tools.set_budget(ctx)
    assert cleared == {"status": "ok", "action": "cleared"} and ctx.state[st.BUDGET] is None
    assert "budget" not in await CartTools(provider).view_cart(ctx)


async def test_a_budget_in_another_currency_is_priced_in_it(provider: StaticServices) -> None:
    tools, ctx = OrchestratorTools(provider), tool_context(state={"display_currency": "EUR"})
    kept = await tools.set_budget(ctx, amount="40")  # the display currency by default
    assert kept["budget"]["currency_code"] == "EUR" and kept["display_left"] == "€40.00"
    unknown = await tools.set_budget(ctx, amount="40", currency="BITCOIN")
    assert unknown["code"] == "unknown_currency"
