"""The orchestrator's own tools: the shopper's display currency and budget."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.budget import budget_status
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import ServiceProvider
from cartmate.errors import BadRequestError, UnknownCurrencyError
from cartmate.money import Money

__all__ = ["OrchestratorTools"]


class OrchestratorTools:
    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider

    @tool_result
    async def set_display_currency(
        self, currency: str, tool_context: ToolContext, just_this_answer: bool = False
    ) -> dict[str, Any]:
        """Show every price in this currency from now on (converted by the currency service).

        Args:
          currency: ISO 4217 code such as "EUR", "JPY" or "GBP".
          just_this_answer: True when the shopper only asks for a price in that currency in
            passing ("how much is that in euros?", "what's my total in yen?"): this answer
            uses it, and the next one is back in the shopper's display currency.
        """
        services = await self._provider.get()
        try:
            code = await services.boutique.currency.check(currency)
        except UnknownCurrencyError as exc:
            supported = sorted(await services.boutique.currency.supported_currencies())
            raise UnknownCurrencyError(
                f"I can't show prices in {currency!r}. I can use: {', '.join(supported)}.",
                currency=currency,
            ) from exc
        previous = st.display_currency(tool_context.state)
        st.remember_currency(tool_context.state, code, for_good=not just_this_answer)
        key = st.ANSWER_CURRENCY if just_this_answer else st.DISPLAY_CURRENCY
        tool_context.state[key] = code
        return {
            "status": "ok",
            "currency": code,
            "previous": previous,
            "just_this_answer": just_this_answer,
        }

    @tool_result
    async def set_budget(
        self, tool_context: ToolContext, amount: str | None = None, currency: str | None = None
    ) -> dict[str, Any]:
        """Keep to a budget the shopper states ("I've got 50 dollars to spend", "make it 80"),
        or stop keeping to one (no amount: "forget the budget"). Later answers say what the
        cart leaves of it, or how far it goes over.

        Args:
          amount: The budget as a decimal string, e.g. "50" or "39.99"; omit to clear it.
          currency: ISO 4217 code of the amount; defaults to the shopper's display currency.
        """
        services = await self._provider.get()
        if amount is None or not amount.strip():
            tool_context.state[st.BUDGET] = None
            return {"status": "ok", "action": "cleared"}
        try:
            value = Decimal(amount.strip())
        except InvalidOperation:
            raise BadRequestError(f"{amount!r} is not an amount of money.") from None
        if not value.is_finite() or value <= 0 or value > 1_000_000:
            raise BadRequestError("A budget must be more than 0 and at most 1,000,000.")
        code = await services.boutique.currency.check(
            currency or st.display_currency(tool_context.state)
        )
        budget = Money.from_decimal(value, code)
        tool_context.state[st.BUDGET] = budget.to_dict()
        cart = await services.boutique.cart.get_cart(tool_context.user_id)
        return {
            "status": "ok",
            "action": "set",
            **await budget_status(services, cart, budget),
        }
