"""Money: exact arithmetic under Online Boutique's sign and carry rules (property-based)."""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartmate.money import NANOS_PER_UNIT, Money, MoneyError, RateTable

RATES = json.loads(
    (
        Path(__file__).parent.parent / "cartmate/embedded_boutique/data/currency_conversion.json"
    ).read_text()
)
CODES = sorted(RATES)

nanos_totals = st.integers(min_value=-(10**12) * NANOS_PER_UNIT, max_value=10**12 * NANOS_PER_UNIT)


def money(code: str = "USD") -> st.SearchStrategy[Money]:
    return nanos_totals.map(lambda total: Money.from_nanos(code, total))


def valid(m: Money) -> bool:
    same_sign = not ((m.units > 0 and m.nanos < 0) or (m.units < 0 and m.nanos > 0))
    return same_sign and -999_999_999 <= m.nanos <= 999_999_999


@given(money(), money())
def test_addition_is_exact_and_normalised(a: Money, b: Money) -> None:
    total = a + b
    assert valid(total)
    assert total.to_decimal() == a.to_decimal() + b.to_decimal()
    assert total == b + a


@given(money(), money())
def test_subtraction_inverts_addition(a: Money, b: Money) -> None:
    assert (a + b) - b == a
    assert valid(a - b)


@given(money(), st.integers(min_value=-10_000, max_value=10_000))
def test_multiplication_by_quantity_is_exact(a: Money, n: int) -> None:
    product = a * n
    assert valid(product)
    assert product.to_decimal() == a.to_decimal() * n
    assert n * a == product


@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=-(10**12), max_value=10**12),
)
def test_normalisation_carries_any_pair(units: int, nanos: int) -> None:
    m = Money.normalized("EUR", units, nanos)
    assert valid(m)
    assert m.total_nanos == units * NANOS_PER_UNIT + nanos


@given(money())
def test_decimal_and_dict_round_trip(a: Money) -> None:
    assert Money.from_decimal(a.to_decimal(), a.currency_code) == a
    assert Money.from_dict(a.to_dict()) == a
    assert (-a).total_nanos == -a.total_nanos
    assert a.__neg__().__neg__() == a


@given(money(), st.sampled_from(CODES), st.sampled_from(CODES))
def test_conversion_matches_the_rate_table_exactly(a: Money, src: str, dst: str) -> None:
    amount = Money.from_nanos(src, a.total_nanos)
    table = RateTable(RATES)
    converted = table.convert(amount, dst)
    assert converted.currency_code == dst
    assert valid(converted)
    if src == dst:
        assert converted == amount
        return
    # Independent computation: FROM -> EUR half-even to nanos, EUR -> TO truncated to nanos.
    nano = Decimal("1e-9")
    euros = (amount.to_decimal() / Decimal(RATES[src])).quantize(nano, ROUND_HALF_EVEN)
    expected = (euros * Decimal(RATES[dst])).quantize(nano, ROUND_DOWN)
    assert converted.to_decimal() == expected


@given(money("EUR"))
def test_conversion_preserves_sign(a: Money) -> None:
    converted = RateTable(RATES).convert(a, "USD")
    assert (converted.total_nanos > 0) <= (a.total_nanos > 0)
    assert (converted.total_nanos < 0) <= (a.total_nanos < 0)


def test_invalid_amounts_are_refused() -> None:
    with pytest.raises(MoneyError):
        Money("USD", 1, -5)
    with pytest.raises(MoneyError):
        Money("USD", -1, 5)
    with pytest.raises(MoneyError):
        Money("USD", 0, 1_000_000_000)
    with pytest.raises(MoneyError):
        Money("usd", 1, 0)
    with pytest.raises(MoneyError):
        Money.from_decimal("NaN", "USD")


def test_mixing_currencies_is_refused() -> None:
    with pytest.raises(MoneyError):
        Money("USD", 1, 0) + Money("EUR", 1, 0)
    with pytest.raises(MoneyError):
        RateTable(RATES).convert(Money("USD", 1, 0), "XYZ")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Money("USD", 19, 990_000_000), "$19.99"),
        (Money("EUR", 17, 680_000_000), "€17.68"),
        (Money("JPY", 2527, 0), "¥2,527"),
        (Money("GBP", 1234, 500_000_000), "£1,234.50"),
        (Money("USD", -1, -750_000_000), "-$1.75"),
        (Money("USD", 0, 5_000_000), "$0.00"),  # display rounds half-even; the amount does not
    ],
)
def test_formatting_per_currency(amount: Money, shown: str) -> None:
    assert amount.format() == shown


def test_the_demo_price_converts_like_the_real_service() -> None:
    table = RateTable(RATES)
    sunglasses = Money("USD", 19, 990_000_000)
    assert table.convert(sunglasses, "EUR") == Money("EUR", 17, 682_441_398)
    assert table.convert(sunglasses, "JPY").format() == "¥2,235"
