"""The orchestrator's own tools: the shopper's display currency."""

from __future__ import annotations

from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import ServiceProvider
from cartmate.errors import UnknownCurrencyError

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
        key = st.ANSWER_CURRENCY if just_this_answer else st.DISPLAY_CURRENCY
        tool_context.state[key] = code
        return {
            "status": "ok",
            "currency": code,
            "previous": previous,
            "just_this_answer": just_this_answer,
        }
