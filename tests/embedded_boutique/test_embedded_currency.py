"""CurrencyService: exact conversions through EUR, and the real one's zero-on-unknown quirk."""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext

import grpc
import pytest

from cartmate.boutique.pb import demo_pb2
from cartmate.embedded_boutique.catalog_data import DEFAULT_CURRENCY_FILE

RATES: dict[str, str] = json.loads(DEFAULT_CURRENCY_FILE.read_text(encoding="utf-8"))
NANO = Decimal("1e-9")


def _expected(units: int, nanos: int, source: str, target: str) -> tuple[int, int]:
    """Computed here, independently of cartmate.money: FROM -> EUR rounded half-even to
    nanos, EUR -> TO truncated toward zero to nanos."""
    with localcontext() as ctx:
        ctx.prec = 50
        amount = Decimal(units) + Decimal(nanos) * NANO
        euros = (amount / Decimal(RATES[source])).quantize(NANO, rounding=ROUND_HALF_EVEN)
        result = (euros * Decimal(RATES[target])).quantize(NANO, rounding=ROUND_DOWN)
        whole = int(result)  # toward zero, so units and nanos share the sign
        return whole, int((result - whole) / NANO)


def _request(code: str, units: int, nanos: int, to_code: str) -> demo_pb2.CurrencyConversionRequest:
    money = demo_pb2.Money(currency_code=code, units=units, nanos=nanos)
    return demo_pb2.CurrencyConversionRequest(**{"from": money}, to_code=to_code)


async def test_supported_currencies_are_the_tables_codes_in_file_order(currency_stub) -> None:
    response = await currency_stub.GetSupportedCurrencies(demo_pb2.Empty())
    assert list(response.currency_codes) == list(RATES)
    assert len(response.currency_codes) == 33


@pytest.mark.parametrize(
    ("units", "nanos", "source", "target"),
    [
        (19, 990_000_000, "USD", "EUR"),
        (19, 990_000_000, "USD", "JPY"),
        (19, 990_000_000, "USD", "GBP"),
        (109, 990_000_000, "USD", "IDR"),
        (100, 0, "EUR", "USD"),
        (2527, 0, "JPY", "CHF"),
        (-5, -500_000_000, "USD", "EUR"),
        (0, 1, "USD", "KRW"),
    ],
)
async def test_convert_is_exact_against_the_rate_table(
    currency_stub, units: int, nanos: int, source: str, target: str
) -> None:
    result = await currency_stub.Convert(_request(source, units, nanos, target))
    assert result.currency_code == target
    assert (result.units, result.nanos) == _expected(units, nanos, source, target)


async def test_usd_to_eur_known_value(currency_stub) -> None:
    result = await currency_stub.Convert(_request("USD", 19, 990_000_000, "EUR"))
    # 19.99 / 1.1305 = 17.68244139761167...
    assert (result.currency_code, result.units, result.nanos) == ("EUR", 17, 682_441_398)


@pytest.mark.parametrize(
    ("source", "target"),
    [("USD", "XYZ"), ("USD", "eur"), ("ABC", "EUR"), ("usd", "EUR"), ("", "EUR"), ("USD", "")],
)
async def test_unknown_or_lower_case_code_returns_zero_with_ok(
    currency_stub, source: str, target: str
) -> None:
    result = await currency_stub.Convert(_request(source, 19, 990_000_000, target))
    assert (result.currency_code, result.units, result.nanos) == (target, 0, 0)


@pytest.mark.parametrize(
    ("units", "nanos"),
    [(1, -5), (-1, 5), (0, 1_000_000_000), (0, -1_000_000_000)],
)
async def test_invalid_money_is_invalid_argument(currency_stub, units: int, nanos: int) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await currency_stub.Convert(_request("USD", units, nanos, "EUR"))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_result_too_large_for_int64_is_invalid_argument(currency_stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await currency_stub.Convert(_request("USD", 2**63 - 1, 0, "IDR"))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
