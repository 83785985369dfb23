"""Price tools: compare with other retailers, analyse a deal, and manage price alerts.

External prices come from Perplexity (the price-comparison issue adds that client). Until a
PERPLEXITY_API_KEY is configured the tools say so plainly and still answer with Online
Boutique's own price.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.amounts import parse_amount
from cartmate.agent_runtime.resolution import resolve_product
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import AgentServices, ServiceProvider
from cartmate.boutique.models import Product
from cartmate.errors import BadRequestError
from cartmate.money import Money
from cartmate.store.price_alerts import PriceAlert

__all__ = ["PriceTools"]

NOT_CONFIGURED = (
    "Comparison with other retailers isn't configured here (no Perplexity API key), so I can "
    "only show Online Boutique's own price."
)


def _alert_view(alert: PriceAlert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "product_id": alert.product_id,
        "product_name": alert.product_name,
        "target": alert.target.to_dict(),
        "display_target": alert.target.format(),
        "status": alert.status,
    }


class PriceTools:
    """The price comparison agent's tools, bound to the process's services."""

    def __init__(self, provider: ServiceProvider) -> None:
        self._provider = provider

    async def _price_in(self, services: AgentServices, product: Product, currency: str) -> Money:
        return await services.boutique.currency.convert(product.price_usd, currency)

    @tool_result
    async def compare_prices(self, product: str, tool_context: ToolContext) -> dict[str, Any]:
        """Compare a product's Online Boutique price with other retailers' prices.

        Args:
          product: The product's catalog id or its name as the shopper said it.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        st.remember_focus(tool_context.state, item)
        display = st.display_currency(tool_context.state)
        price = await self._price_in(services, item, display)
        configured = services.settings.perplexity_api_key is not None
        return {
            "status": "ok",
            "product": {
                "id": item.id,
                "name": item.name,
                "price": price.to_dict(),
                "display_price": price.format(),
            },
            "offers": [],
            "external": "unavailable" if configured else "not_configured",
            "external_note": "Other retailers' prices could not be fetched right now."
            if configured
            else NOT_CONFIGURED,
        }

    @tool_result
    async def analyse_deal(
        self,
        product: str,
        tool_context: ToolContext,
        offered_price: str | None = None,
        price_currency: str | None = None,
    ) -> dict[str, Any]:
        """Judge whether a price for a product is a good deal.

        Args:
          product: The product's catalog id or name.
          offered_price: A price the shopper saw elsewhere, as a decimal string (optional).
          price_currency: ISO code of `offered_price`; defaults to the display currency.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        st.remember_focus(tool_context.state, item)
        currency = await services.boutique.currency.check(
            price_currency or st.display_currency(tool_context.state)
        )
        ours = await self._price_in(services, item, currency)
        offered = parse_amount(offered_price, currency, "offered_price")
        result: dict[str, Any] = {
            "status": "ok",
            "product": {"id": item.id, "name": item.name},
            "boutique_price": ours.to_dict(),
            "display_boutique_price": ours.format(),
        }
        if offered is None:
            result["verdict"] = (
                f"Online Boutique sells {item.name} for {ours.format()}. "
                + NOT_CONFIGURED.replace("only show", "not compare it with")
            )
            return result
        difference = offered - ours
        percent = (difference.to_decimal() / ours.to_decimal() * 100).quantize(
            Decimal("0.1"), ROUND_HALF_EVEN
        )
        if difference.is_zero():
            verdict = f"{offered.format()} is exactly Online Boutique's price for {item.name}."
        elif difference.is_negative():
            verdict = (
                f"{offered.format()} is a good deal: {(-difference).format()} "
                f"({-percent}%) less than Online Boutique's {ours.format()}."
            )
        else:
            verdict = (
                f"{offered.format()} is not a deal: Online Boutique sells {item.name} for "
                f"{ours.format()}, {difference.format()} ({percent}%) less."
            )
        result.update(
            {
                "offered_price": offered.to_dict(),
                "difference": difference.to_dict(),
                "percent": str(percent),
                "verdict": verdict,
            }
        )
        return result

    @tool_result
    async def create_price_alert(
        self,
        product: str,
        target_price: str,
        tool_context: ToolContext,
        price_currency: str | None = None,
    ) -> dict[str, Any]:
        """Alert the shopper when a product's price drops to a target or below.

        Args:
          product: The product's catalog id or name.
          target_price: The price to wait for, as a decimal string, e.g. "80".
          price_currency: ISO code of `target_price`; defaults to the display currency.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        currency = await services.boutique.currency.check(
            price_currency or st.display_currency(tool_context.state)
        )
        target = parse_amount(target_price, currency, "target_price")
        if target is None or target.is_zero():
            raise BadRequestError("The target price must be more than zero.")
        alert = await services.alerts.create(tool_context.user_id, item.id, item.name, target)
        current = await self._price_in(services, item, currency)
        alerts = await services.alerts.list(tool_context.user_id)
        st.remember_alerts(tool_context.state, [_alert_view(a) for a in alerts])
        st.remember_focus(tool_context.state, item)
        return {
            "status": "ok",
            "alert": _alert_view(alert),
            "current_price": current.to_dict(),
            "display_current_price": current.format(),
            "already_met": alert.is_met_by(current),
        }

    @tool_result
    async def list_price_alerts(self, tool_context: ToolContext) -> dict[str, Any]:
        """The shopper's active price alerts."""
        services = await self._provider.get()
        alerts = [_alert_view(a) for a in await services.alerts.list(tool_context.user_id)]
        st.remember_alerts(tool_context.state, alerts)
        return {"status": "ok", "alerts": alerts}

    @tool_result
    async def delete_price_alert(self, alert: str, tool_context: ToolContext) -> dict[str, Any]:
        """Cancel price alerts.

        Args:
          alert: An alert id (from list_price_alerts), a product name or id to cancel that
            product's alerts, or "all" to cancel every alert.
        """
        services = await self._provider.get()
        user = tool_context.user_id
        mine = await services.alerts.list(user)
        if alert.strip().lower() == "all":
            chosen = mine
        elif any(a.id == alert for a in mine):
            chosen = [a for a in mine if a.id == alert]
        else:
            item = await resolve_product(services, alert)
            chosen = [a for a in mine if a.product_id == item.id]
        for each in chosen:
            await services.alerts.delete(user, each.id)
        remaining = await services.alerts.list(user)
        st.remember_alerts(tool_context.state, [_alert_view(a) for a in remaining])
        return {
            "status": "ok",
            "deleted": [a.product_name for a in chosen],
            "remaining": len(remaining),
        }
