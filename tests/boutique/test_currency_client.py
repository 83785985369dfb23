"""CurrencyClient against the embedded CurrencyService: checked codes, exact conversions."""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest

from cartmate.boutique.clients import BoutiqueClients, open_boutique_clients
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.errors import UnknownCurrencyError
from cartmate.money import Money
from cartmate.store.redis_client import RedisConnection
from tests.boutique.conftest import FAST

RATES = json.loads(
    (
        Path(__file__).parents[2] / "cartmate/embedded_boutique/data/currency_conversion.json"
    ).read_text()
)


def _expected(amount: Money, to_code: str) -> Money:
    """FROM -> EUR rounded half-even to nanos, EUR -> TO truncated: computed independently."""
    nano = Decimal("1e-9")
    euros = (amount.to_decimal() / Decimal(RATES[amount.currency_code])).quantize(
        nano, ROUND_HALF_EVEN
    )
    return Money.from_decimal((euros * Decimal(RATES[to_code])).quantize(nano, ROUND_DOWN), to_code)


async def test_supported_currencies_are_the_rate_table(clients: BoutiqueClients) -> None:
    assert await clients.currency.supported_currencies() == frozenset(RATES)


@pytest.mark.parametrize("to_code", ["EUR", "JPY", "GBP", "CAD", "TRY", "IDR", "USD"])
@pytest.mark.parametrize(
    "amount",
    [Money("USD", 19, 990_000_000), Money("USD", 5, 490_000_000), Money("EUR", 1234, 5)],
)
async def test_conversions_match_the_rate_table_exactly(
    clients: BoutiqueClients, amount: Money, to_code: str
) -> None:
    converted = await clients.currency.convert(amount, to_code)
    assert converted == (amount if amount.currency_code == to_code else _expected(amount, to_code))


async def test_lower_case_codes_are_accepted(clients: BoutiqueClients) -> None:
    converted = await clients.currency.convert(Money("USD", 10, 0), "eur")
    assert converted.currency_code == "EUR"


@pytest.mark.parametrize("code", ["XYZ", "BTC", "", "EURO"])
async def test_unknown_currency_is_a_clear_error(clients: BoutiqueClients, code: str) -> None:
    with pytest.raises(UnknownCurrencyError) as caught:
        await clients.currency.convert(Money("USD", 10, 0), code)
    assert caught.value.code == "unknown_currency"
    assert "Supported" in caught.value.message and "EUR" in caught.value.message


async def test_many_amounts_convert_in_order(clients: BoutiqueClients) -> None:
    amounts = [Money("USD", n, 0) for n in range(1, 6)]
    converted = await clients.currency.convert_many(amounts, "GBP")
    assert converted == [_expected(a, "GBP") for a in amounts]


async def test_learned_answers_survive_a_currency_outage(redis: RedisConnection) -> None:
    others = dict.fromkeys(("catalog", "cart", "recommendation"), "127.0.0.1:1")
    server = serve_boutique(redis, services=("currency",), currency_port=0)
    addresses = await server.__aenter__()
    try:
        assert addresses.currency is not None
        async with open_boutique_clients(
            {**others, "currency": addresses.currency}, redis, FAST
        ) as clients:
            price = Money("USD", 109, 990_000_000)
            first = await clients.currency.convert(price, "EUR")
            await server.__aexit__(None, None, None)
            server = None
            assert await clients.currency.convert(price, "EUR") == first
            with pytest.raises(UnknownCurrencyError):  # the supported list is cached too
                await clients.currency.convert(price, "XYZ")
    finally:
        if server is not None:
            await server.__aexit__(None, None, None)
