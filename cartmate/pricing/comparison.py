"""The comparison table and the deal analysis, exact throughout.

A comparison puts Online Boutique's price first, then other retailers' credible offers
(cheapest first), all in the shopper's currency. A deal analysis judges one price (the one the
shopper saw, or Online Boutique's own) against every other known price: the cheapest credible
offer, absolute and percentage savings, the spread of prices, a rating and a verdict with its
reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

from cartmate.boutique.models import Product
from cartmate.money import Money
from cartmate.pricing.finder import ExternalOffers
from cartmate.pricing.offers import PriceQuote

__all__ = ["Comparison", "DealAnalysis", "Rating", "analyse_deal", "boutique_quote"]

Rating = Literal["good_deal", "fair_price", "not_a_deal", "no_comparison"]

BOUTIQUE = "Online Boutique"
# Within this share above the lowest known price a price is still "fair".
_FAIR_MARGIN = Decimal("0.05")


def boutique_quote(product: Product, price: Money) -> PriceQuote:
    """Online Boutique's own row (no URL: it is this shop)."""
    return PriceQuote(
        retailer=BOUTIQUE,
        url=None,
        price=price,
        product_name=product.name,
        in_stock=True,
        source="online_boutique",
    )


def _percent(part: Money, whole: Money) -> Decimal:
    """part / whole as a percentage with one decimal (half-even); 0 for a zero whole."""
    if whole.is_zero():
        return Decimal(0)
    return (part.to_decimal() / whole.to_decimal() * 100).quantize(Decimal("0.1"), ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Comparison:
    """A product's comparison table: Online Boutique first, then other retailers."""

    product: Product
    boutique: PriceQuote
    external: ExternalOffers

    @property
    def rows(self) -> list[PriceQuote]:
        return [self.boutique, *self.external.offers]

    def to_dict(self) -> dict[str, Any]:
        return {
            "product": {
                "id": self.product.id,
                "name": self.product.name,
                "price": self.boutique.price.to_dict(),
                "display_price": self.boutique.price.format(),
            },
            "table": [row.to_dict() for row in self.rows],
            **self.external.to_dict(),
        }


@dataclass(frozen=True)
class DealAnalysis:
    """How a price compares with every other known price for the same product."""

    judged: Money
    boutique: Money
    cheapest_offer: PriceQuote | None  # the cheapest credible offer elsewhere
    savings: Money | None  # boutique - cheapest_offer (positive: cheaper elsewhere)
    savings_percent: Decimal | None  # of the boutique price
    spread: Money | None  # highest - lowest of every known price
    rating: Rating
    verdict: str
    reasons: list[str] = field(default_factory=list)
    difference: Money | None = None  # offered - boutique, when a price was offered
    percent: Decimal | None = None  # difference as a share of the boutique price

    def to_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "rating": self.rating,
            "verdict": self.verdict,
            "reasons": self.reasons,
        }
        if self.cheapest_offer is not None:
            shown["cheapest_offer"] = self.cheapest_offer.to_dict()
        if self.savings is not None:
            shown["savings"] = self.savings.to_dict()
            shown["display_savings"] = self.savings.format()
            shown["savings_percent"] = str(self.savings_percent)
        if self.spread is not None:
            shown["spread"] = self.spread.to_dict()
            shown["display_spread"] = self.spread.format()
        if self.difference is not None:
            shown["difference"] = self.difference.to_dict()
            shown["percent"] = str(self.percent)
        return shown


def _rate(price: Money, lowest: Money) -> Rating:
    if price <= lowest:
        return "good_deal"
    if price <= lowest + lowest.scale(_FAIR_MARGIN):
        return "fair_price"
    return "not_a_deal"


def analyse_deal(
    product_name: str,
    boutique: Money,
    offers: Sequence[PriceQuote] = (),
    offered: Money | None = None,
) -> DealAnalysis:
    """Judge `offered` (or, without it, Online Boutique's price) against the known prices.

    Args:
        product_name: For the verdict.
        boutique: Online Boutique's price, in the currency of every other amount.
        offers: Credible offers from other retailers (same currency).
        offered: A price the shopper saw, if any.
    """
    judged = offered if offered is not None else boutique
    # an offer known to be out of stock is no price the shopper can pay
    buyable = [q for q in offers if q.in_stock is not False]
    cheapest = min(buyable, key=lambda q: q.price.total_nanos) if buyable else None
    prices = [boutique, *(q.price for q in offers), *([offered] if offered else [])]
    spread = max(prices) - min(prices) if len(prices) > 1 else None
    savings = boutique - cheapest.price if cheapest else None
    reasons = _reasons(offers, cheapest, spread)
    common: dict[str, Any] = {
        "judged": judged,
        "boutique": boutique,
        "cheapest_offer": cheapest,
        "savings": savings,
        "savings_percent": _percent(savings, boutique) if savings is not None else None,
        "spread": spread,
        "reasons": reasons,
    }
    if offered is None:
        return DealAnalysis(**common, **_judge_boutique(product_name, boutique, cheapest))
    difference = offered - boutique
    percent = _percent(difference, boutique)
    others = [boutique, *([cheapest.price] if cheapest else [])]
    rating = _rate(offered, min(others))
    if difference.is_negative() and rating == "good_deal":
        verdict = (
            f"{offered.format()} is a good deal: {(-difference).format()} "
            f"({-percent}%) less than Online Boutique's {boutique.format()}"
            + (
                f", and the cheapest found elsewhere is {cheapest.retailer} at "
                f"{cheapest.price.format()}."
                if cheapest
                else "."
            )
        )
    elif difference.is_negative() or difference.is_zero():
        verdict = (
            f"{offered.format()} is exactly Online Boutique's price for {product_name}."
            if difference.is_zero()
            else f"{offered.format()} is less than Online Boutique's {boutique.format()}."
        )
        if cheapest is not None and cheapest.price < offered:
            verdict += f" But {cheapest.retailer} sells it for {cheapest.price.format()}."
    else:
        fair = "a fair price but " if rating == "fair_price" else ""
        verdict = (
            f"{offered.format()} is {fair}not a deal: Online Boutique sells {product_name} for "
            f"{boutique.format()}, {difference.format()} ({percent}%) less."
        )
    return DealAnalysis(
        **common, rating=rating, verdict=verdict, difference=difference, percent=percent
    )


def _judge_boutique(
    product_name: str, boutique: Money, cheapest: PriceQuote | None
) -> dict[str, Any]:
    """Rating and verdict for Online Boutique's own price."""
    if cheapest is None:
        return {
            "rating": "no_comparison",
            "verdict": f"Online Boutique sells {product_name} for {boutique.format()}.",
        }
    rating = _rate(boutique, cheapest.price)
    gap = boutique - cheapest.price
    if rating == "good_deal":
        verdict = (
            f"Online Boutique's {boutique.format()} for {product_name} is the best price found; "
            f"the cheapest elsewhere is {cheapest.price.format()} at {cheapest.retailer}."
        )
    elif rating == "fair_price":
        verdict = (
            f"Online Boutique's {boutique.format()} is a fair price: {cheapest.retailer} sells "
            f"{product_name} for {cheapest.price.format()}, only {gap.format()} less."
        )
    else:
        verdict = (
            f"{cheapest.retailer} sells {product_name} for {cheapest.price.format()}, "
            f"{gap.format()} ({_percent(gap, boutique)}%) less than Online Boutique's "
            f"{boutique.format()}."
        )
    return {"rating": rating, "verdict": verdict}


def _reasons(
    offers: Sequence[PriceQuote], cheapest: PriceQuote | None, spread: Money | None
) -> list[str]:
    if cheapest is None:
        return ["No credible offer from another retailer is known."]
    reasons = [f"{len(offers)} credible offer(s) from other retailers were compared."]
    stock = {True: "in stock", False: "out of stock", None: "stock unknown"}[cheapest.in_stock]
    reasons.append(
        f"The cheapest elsewhere is {cheapest.price.format()} at {cheapest.retailer} ({stock})."
    )
    if spread is not None:
        reasons.append(f"Known prices differ by up to {spread.format()}.")
    reasons.append("Prices elsewhere come from the web and may have changed; check the page.")
    return reasons
