"""Deal analysis: exact savings, spread, ratings and verdicts."""

from __future__ import annotations

from decimal import Decimal

from cartmate.money import Money
from cartmate.pricing.comparison import analyse_deal
from cartmate.pricing.offers import PriceQuote

OURS = Money("USD", 109, 990_000_000)


def offer(retailer: str, units: int, nanos: int = 0, in_stock: bool | None = True) -> PriceQuote:
    return PriceQuote(
        retailer=retailer,
        url=f"https://{retailer.lower()}.example/watch",
        price=Money("USD", units, nanos),
        product_name="Watch",
        in_stock=in_stock,
        source="perplexity",
    )


def test_without_offers_there_is_nothing_to_compare() -> None:
    deal = analyse_deal("Watch", OURS)
    assert deal.rating == "no_comparison" and deal.cheapest_offer is None
    assert deal.verdict == "Online Boutique sells Watch for $109.99."


def test_cheaper_elsewhere() -> None:
    deal = analyse_deal("Watch", OURS, [offer("Acme", 120), offer("Beta", 99, 490_000_000)])
    assert deal.cheapest_offer is not None and deal.cheapest_offer.retailer == "Beta"
    assert deal.savings == Money("USD", 10, 500_000_000)
    assert deal.savings_percent == Decimal("9.5")
    assert deal.spread == Money("USD", 20, 510_000_000)
    assert deal.rating == "not_a_deal" and deal.verdict.startswith("Beta sells Watch for $99.49")
    assert deal.reasons[:2] == [
        "2 credible offer(s) from other retailers were compared.",
        "The cheapest elsewhere is $99.49 at Beta (in stock).",
    ]


def test_ours_is_best_or_fair() -> None:
    best = analyse_deal("Watch", OURS, [offer("Acme", 120)])
    assert best.rating == "good_deal" and "best price found" in best.verdict
    assert best.savings == Money("USD", -10, -10_000_000)
    fair = analyse_deal("Watch", OURS, [offer("Acme", 107)])
    assert fair.rating == "fair_price" and "only $2.99 less" in fair.verdict


def test_an_offered_price_against_everything_known() -> None:
    good = analyse_deal("Watch", OURS, [offer("Acme", 105)], Money("USD", 99, 0))
    assert good.rating == "good_deal"
    assert "the cheapest found elsewhere is Acme at $105.00" in good.verdict
    # an offer out of stock is no price to pay: not the cheapest, nor a saving
    gone = analyse_deal("Watch", OURS, [offer("Gone", 80, in_stock=False), offer("Acme", 105)])
    assert gone.cheapest_offer is not None and gone.cheapest_offer.retailer == "Acme"
    assert good.difference == Money("USD", -10, -990_000_000) and good.percent == Decimal("-10.0")
    beaten = analyse_deal("Watch", OURS, [offer("Acme", 90)], Money("USD", 99, 0))
    assert beaten.rating == "not_a_deal" and "But Acme sells it for $90.00" in beaten.verdict
    dearer = analyse_deal("Watch", OURS, [], Money("USD", 120, 0))
    assert dearer.rating == "not_a_deal" and dearer.percent == Decimal("9.1")
    shown = dearer.to_dict()
    assert shown["difference"] == {"currency_code": "USD", "units": 10, "nanos": 10_000_000}
