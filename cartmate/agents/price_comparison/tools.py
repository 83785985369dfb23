"""Price tools: compare with other retailers, analyse a deal, and manage price alerts.

External prices come from Perplexity (`cartmate.pricing`). Without a PERPLEXITY_API_KEY the
tools say so plainly and still answer with Online Boutique's own price. Offers found on the
web are returned as data fields only (cleaned text, URLs to show, never to follow).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from google.adk.tools.tool_context import ToolContext

from cartmate.agent_runtime import state as st
from cartmate.agent_runtime.amounts import parse_amount
from cartmate.agent_runtime.call_order import in_call_order
from cartmate.agent_runtime.resolution import resolve_product
from cartmate.agent_runtime.results import tool_result
from cartmate.agent_runtime.services import AgentServices, ServiceProvider
from cartmate.boutique.models import Product
from cartmate.errors import BadRequestError, CartMateError, NotFoundError
from cartmate.money import Money
from cartmate.pricing.comparison import Comparison, analyse_deal, boutique_quote
from cartmate.pricing.finder import NOTES, ExternalOffers, OfferFinder
from cartmate.pricing.perplexity import build_client
from cartmate.pricing.untrusted import UNTRUSTED_NOTE
from cartmate.store.price_alerts import PriceAlert

__all__ = ["PriceTools"]

NOT_CONFIGURED = NOTES["not_configured"]
#: A target more than this many times today's price is no alert (it would go off at once, and
#: is most likely a slip: "a million yen"); up to it, the alert is made and said to be met.
_NO_ALERT_ABOVE = 2

FinderFactory = Callable[[AgentServices], OfferFinder | None]


def _alert_view(alert: PriceAlert) -> dict[str, Any]:
    return {
        "id": alert.id,
        "product_id": alert.product_id,
        "product_name": alert.product_name,
        "target": alert.target.to_dict(),
        "display_target": alert.target.format(),
        "status": alert.status,
    }


async def _remember_alerts(services: AgentServices, state: Any, alerts: list[PriceAlert]) -> None:
    """The alerts in the state, each with its product's catalog price ("move the cheaper one
    down by 5" picks by it); without prices when the catalog cannot be read."""
    try:
        prices = {
            p.id: p.price_usd.total_nanos for p in await services.boutique.catalog.list_products()
        }
    except CartMateError:
        prices = {}
    st.remember_alerts(
        state,
        [
            {**_alert_view(a), **({"price_usd_nanos": prices[a.product_id]}
                                   if a.product_id in prices else {})}
            for a in alerts
        ],
    )  # fmt: skip


def _changed(
    tool_context: ToolContext,
    *,
    made: PriceAlert | None = None,
    cancelled: PriceAlert | None = None,
) -> None:
    """An alert made or cancelled, for "undo that" (see `state.CHANGES`)."""
    st.remember_change(
        tool_context.state,
        tool_context.invocation_id,
        alert_made=(
            {"id": made.id, "product_id": made.product_id, "product_name": made.product_name}
            if made
            else None
        ),
        alert_cancelled=(
            {
                "product_id": cancelled.product_id,
                "product_name": cancelled.product_name,
                "target": cancelled.target.to_dict(),
            }
            if cancelled
            else None
        ),
    )


async def _with_distance(
    services: AgentServices, views: list[dict[str, Any]], alerts: list[PriceAlert]
) -> None:
    """Each alert's product price today in the alert's currency, and how far above the
    target it is ("which one is closest to its target?"). Left out when the catalog or the
    currency service cannot say (the list itself still answers)."""
    by_id = {p.id: p for p in (await services.catalog_index()).products}
    for currency in {a.target.currency_code for a in alerts}:
        mine = [(v, a) for v, a in zip(views, alerts, strict=True)
                if a.target.currency_code == currency and a.product_id in by_id]  # fmt: skip
        try:
            today = await services.boutique.currency.convert_many(
                [by_id[a.product_id].price_usd for _, a in mine], currency
            )
        except CartMateError:
            continue
        for (view, alert), price in zip(mine, today, strict=True):
            view["current_price"] = price.to_dict()
            gap = price - alert.target
            view["above_target_by"] = (
                gap if not gap.is_negative() else Money.zero(currency)
            ).to_dict()


class PriceTools:
    """The price comparison agent's tools, bound to the process's services."""

    def __init__(self, provider: ServiceProvider, finder: FinderFactory | None = None) -> None:
        """Bind the tools.

        Args:
            provider: The process's services.
            finder: Builds the offer finder for a set of services (None: not configured);
                by default a Perplexity client made once per services from their settings.
        """
        self._provider = provider
        self._finder_factory = finder or self._default_finder
        self._finders: list[tuple[AgentServices, OfferFinder | None]] = []

    def _default_finder(self, services: AgentServices) -> OfferFinder | None:
        # The process's shared client when the services opened one; else one of our own.
        client = services.perplexity or build_client(services.settings, services.redis)
        if client is None:
            return None
        return OfferFinder(
            client,
            services.boutique.currency,
            max_offers=services.settings.perplexity_max_offers,
        )

    def _finder(self, services: AgentServices) -> OfferFinder | None:
        # One finder (one HTTP connection pool) per services object, made on first use.
        for known, finder in self._finders:
            if known is services:
                return finder
        finder = self._finder_factory(services)
        self._finders.append((services, finder))
        return finder

    async def aclose(self) -> None:
        """Close the HTTP clients the tools opened."""
        finders, self._finders = self._finders, []
        for services, finder in finders:
            # Never close the client the services own (they close it themselves).
            if finder is not None and services.perplexity is None:
                await finder.aclose()

    async def _price_in(self, services: AgentServices, product: Product, currency: str) -> Money:
        return await services.boutique.currency.convert(product.price_usd, currency)

    async def _offers(
        self, services: AgentServices, product: Product, currency: str, reference: Money
    ) -> ExternalOffers:
        finder = self._finder(services)
        if finder is None:
            return ExternalOffers("not_configured")
        return await finder.find(product, currency, reference)

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
        external = await self._offers(services, item, display, price)
        comparison = Comparison(item, boutique_quote(item, price), external)
        deal = analyse_deal(item.name, price, external.offers)
        result = {"status": "ok", **comparison.to_dict(), "analysis": deal.to_dict()}
        if external.offers:
            st.remember_comparison(tool_context.state, result, tool_context.invocation_id)
        return _mark_untrusted(result, external)

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
        external = await self._offers(services, item, currency, ours)
        deal = analyse_deal(item.name, ours, external.offers, offered)
        result: dict[str, Any] = {
            "status": "ok",
            "product": {"id": item.id, "name": item.name},
            "boutique_price": ours.to_dict(),
            "display_boutique_price": ours.format(),
            **deal.to_dict(),
            "external": external.status,
            "offers": [q.to_dict() for q in external.offers],
            "sources": external.sources,
        }
        if offered is not None:
            result["offered_price"] = offered.to_dict()
        if external.status == "not_configured" and offered is None:
            result["verdict"] += " " + NOT_CONFIGURED.replace("only show", "not compare it with")
        elif external.status != "ok":
            result["external_note"] = external.note
        return _mark_untrusted(result, external)

    @tool_result
    @in_call_order
    async def create_price_alert(
        self,
        product: str,
        tool_context: ToolContext,
        target_price: str | None = None,
        price_currency: str | None = None,
        drop_percent: str | None = None,
        replace: bool = False,
        drop_amount: str | None = None,
        target_change: str | None = None,
    ) -> dict[str, Any]:
        """Alert the shopper when a product's price drops to a target or below.

        Args:
          product: The product's catalog id or name.
          target_price: The price to wait for, as a decimal string, e.g. "80".
          price_currency: ISO code of `target_price`; defaults to the currency of the alert
            being replaced (with `replace`: "make it 17" of a £15 alert is £17), else the
            display currency.
          drop_percent: Instead of a target price: how far below today's price, in percent,
            e.g. "20" for "when it drops 20%" (the target is today's price less 20 %, to
            the cent below).
          replace: True when the shopper changes their alert on this product ("make the
            hairdryer one 18"): their other alerts on it are cancelled.
          drop_amount: Instead of a target price: how far below today's price, as an amount
            in `price_currency`, e.g. "10" for "if the loafers drop by 10 dollars".
          target_change: Instead of a target price: move the shopper's alert on this product
            by a signed amount, e.g. "-5" for "move it down by 5" (in the alert's currency,
            or in `price_currency` converted to it); the alert is replaced.
        """
        services = await self._provider.get()
        item = await resolve_product(services, product)
        # the product talked about, even if the target is refused: "then 90 dollars"
        st.remember_focus(tool_context.state, item)
        st.remember_alerted(tool_context.state, item, tool_context.invocation_id)
        if replace and price_currency is None and target_price is not None:
            price_currency = await self._replaced_currency(services, tool_context.user_id, item.id)
        said = (target_price, drop_percent, drop_amount, target_change)
        if sum(x is not None for x in said) != 1:
            raise BadRequestError(
                "Give one of a target price, a drop in percent, a drop by an amount or a "
                "change to the alert's target."
            )
        moved = None
        if target_change is not None:  # "move it down by 5": from the alert's own target
            moved = await self._moved_target(services, tool_context.user_id, item, target_change,
                                             price_currency)  # fmt: skip
            price_currency, replace = moved.currency_code, True
        currency = await services.boutique.currency.check(
            price_currency or st.display_currency(tool_context.state)
        )
        current = await self._price_in(services, item, currency)
        if moved is not None:
            target: Money | None = moved
        elif drop_percent is not None:
            target = _dropped(current, drop_percent)
        elif drop_amount is not None:  # "if it drops by 10 dollars": today's price less that
            drop = parse_amount(drop_amount, currency, "drop_amount")
            assert drop is not None
            target = current - drop
            if target.is_negative() or target.is_zero():
                raise BadRequestError(
                    f"{item.name} costs {current.format()}: it can't drop by {drop.format()}."
                )
        else:
            target = parse_amount(target_price, currency, "target_price")
        if target is None or target.is_zero():
            raise BadRequestError("The target price must be more than zero.")
        if target > current * _NO_ALERT_ABOVE:  # "a million yen" for a ¥12,298 watch
            raise BadRequestError(
                f"{item.name} costs {current.format()} today, already far below "
                f"{target.format()}: an alert there would go off at once, so I can't set it. "
                "Give a target below today's price."
            )
        replaced = (
            [a for a in await services.alerts.list(tool_context.user_id) if a.product_id == item.id]
            if replace
            else []
        )  # cancelled by the new one: "undo that" makes them again
        alert = await services.alerts.create(
            tool_context.user_id, item.id, item.name, target, replace=replace
        )
        for old in replaced:
            _changed(tool_context, cancelled=old)
        _changed(tool_context, made=alert)
        alerts = await services.alerts.list(tool_context.user_id)
        await _remember_alerts(services, tool_context.state, alerts)
        st.remember_focus(tool_context.state, item)
        return {
            "status": "ok",
            "alert": _alert_view(alert),
            "current_price": current.to_dict(),
            "display_current_price": current.format(),
            "already_met": alert.is_met_by(current),
        }

    @staticmethod
    async def _moved_target(
        services: AgentServices,
        user_id: str,
        item: Product,
        change: str,
        change_currency: str | None,
    ) -> Money:
        """The target of the shopper's latest alert on `item`, moved by `change` (signed,
        in `change_currency` converted to the alert's, else in the alert's own)."""
        mine = [a for a in await services.alerts.list(user_id) if a.product_id == item.id]
        if not mine:
            raise NotFoundError(f"You have no price alert on {item.name} to change.")
        old = mine[0].target
        try:
            value = Decimal(str(change).strip().replace(",", ""))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise BadRequestError(f"target_change must be a number, got {change!r}.") from None
        step = Money.from_decimal(abs(value), change_currency or old.currency_code)
        step = await services.boutique.currency.convert(step, old.currency_code)
        moved = old - step if value < 0 else old + step
        if moved.is_negative() or moved.is_zero():
            raise BadRequestError(
                f"Your {item.name} alert is at {old.format()}: it can't go down by {step.format()}."
            )
        return moved

    @staticmethod
    async def _replaced_currency(
        services: AgentServices, user_id: str, product_id: str
    ) -> str | None:
        """The currency of the shopper's latest alert on the product, if they have one
        (`list` gives the newest first)."""
        mine = [a for a in await services.alerts.list(user_id) if a.product_id == product_id]
        return mine[0].target.currency_code if mine else None

    @tool_result
    @in_call_order
    async def list_price_alerts(self, tool_context: ToolContext) -> dict[str, Any]:
        """The shopper's active price alerts, targets also shown in the display currency."""
        services = await self._provider.get()
        stored = await services.alerts.list(tool_context.user_id)
        alerts = [_alert_view(a) for a in stored]
        display = st.display_currency(tool_context.state)
        foreign = [(view, a.target) for view, a in zip(alerts, stored, strict=True)
                   if a.target.currency_code != display]  # fmt: skip
        if foreign:
            try:  # "show me my alerts in euros": €70.77 ($80.00)
                converted = await services.boutique.currency.convert_many(
                    [target for _, target in foreign], display
                )
            except CartMateError:
                converted = []  # the currency service is down: as they were set
            for (view, target), shown in zip(foreign, converted, strict=False):
                view["display_target"] = f"{shown.format()} ({target.format()})"
        await _with_distance(services, alerts, stored)
        await _remember_alerts(services, tool_context.state, stored)
        return {"status": "ok", "alerts": alerts}

    @tool_result
    @in_call_order
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
            _changed(tool_context, cancelled=each)
        remaining = await services.alerts.list(user)
        await _remember_alerts(services, tool_context.state, remaining)
        return {
            "status": "ok",
            "deleted": [a.product_name for a in chosen],
            "remaining": len(remaining),
        }


def _dropped(current: Money, percent: str) -> Money:
    """Today's price less `percent` %, to the cent below (exact decimal arithmetic)."""
    try:
        value = Decimal(percent.strip().rstrip("%"))
    except (InvalidOperation, AttributeError):
        raise BadRequestError(f"drop_percent must be a number, not {percent!r}.") from None
    if not Decimal(0) < value < Decimal(100):
        raise BadRequestError("drop_percent must be more than 0 and less than 100.")
    lowered = current.scale((Decimal(100) - value) / Decimal(100), ROUND_DOWN)
    cents = lowered.to_decimal().quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return Money.from_decimal(cents, current.currency_code)


def _mark_untrusted(result: dict[str, Any], external: ExternalOffers) -> dict[str, Any]:
    """Say, in the result a model reads, that web offers are data (when there are any)."""
    if external.offers or external.sources:
        result["untrusted"] = UNTRUSTED_NOTE
    return result
