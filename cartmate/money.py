"""Exact money: Online Boutique's `Money` (units + nanos) with integer arithmetic.

Never a float. Amounts are held as whole units and nanos (10^-9) under Online Boutique's sign
rule (units and nanos never have opposite signs, |nanos| <= 999,999,999), converted through
`Decimal` only where a rate is involved, and formatted per currency with Babel's CLDR data
(`$19.99`, `€17.68`, `¥2,527`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any

from babel.numbers import format_currency, get_currency_precision

__all__ = ["NANOS_PER_UNIT", "Money", "MoneyError", "RateTable"]

NANOS_PER_UNIT = 1_000_000_000
_MAX_NANOS = NANOS_PER_UNIT - 1
_NANO = Decimal("1e-9")


class MoneyError(ValueError):
    """An invalid amount, or arithmetic across two currencies."""


def _split(total_nanos: int) -> tuple[int, int]:
    """Total nanos -> (units, nanos) with the sign rule (truncation toward zero)."""
    sign = -1 if total_nanos < 0 else 1
    units, nanos = divmod(abs(total_nanos), NANOS_PER_UNIT)
    return sign * units, sign * nanos


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency, valid under Online Boutique's rules."""

    currency_code: str
    units: int
    nanos: int

    def __post_init__(self) -> None:
        if not (
            len(self.currency_code) == 3
            and self.currency_code.isalpha()
            and self.currency_code.isupper()
        ):
            raise MoneyError(f"currency code must be 3 upper-case letters: {self.currency_code!r}")
        if not -_MAX_NANOS <= self.nanos <= _MAX_NANOS:
            raise MoneyError(f"nanos out of range: {self.nanos}")
        if (self.units > 0 and self.nanos < 0) or (self.units < 0 and self.nanos > 0):
            raise MoneyError(f"units and nanos have opposite signs: {self.units}, {self.nanos}")

    # ------------------------------------------------------------------ construction

    @classmethod
    def zero(cls, currency_code: str) -> Money:
        return cls(currency_code, 0, 0)

    @classmethod
    def normalized(cls, currency_code: str, units: int, nanos: int) -> Money:
        """Any units/nanos pair (signs mixed, nanos overflowing) carried into a valid Money."""
        return cls.from_nanos(currency_code, units * NANOS_PER_UNIT + nanos)

    @classmethod
    def from_nanos(cls, currency_code: str, total_nanos: int) -> Money:
        units, nanos = _split(total_nanos)
        return cls(currency_code, units, nanos)

    @classmethod
    def from_decimal(
        cls, amount: Decimal | int | str, currency_code: str, rounding: str = ROUND_HALF_EVEN
    ) -> Money:
        """From a decimal amount, rounded to whole nanos (half-even unless told otherwise)."""
        value = Decimal(amount)
        if not value.is_finite():
            raise MoneyError(f"not a finite amount: {amount!r}")
        with localcontext() as ctx:
            ctx.prec = 60
            total = int((value / _NANO).quantize(Decimal(1), rounding=rounding))
        return cls.from_nanos(currency_code, total)

    @classmethod
    def from_proto(cls, message: Any) -> Money:
        """From a `hipstershop.Money` protobuf (any object with the three fields)."""
        return cls(message.currency_code, int(message.units), int(message.nanos))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Money:
        """From `{"currency_code", "units", "nanos"}` (or Online Boutique's camelCase JSON)."""
        code = data.get("currency_code", data.get("currencyCode"))
        if not isinstance(code, str):
            raise MoneyError("currency_code missing")
        return cls(code, int(data.get("units", 0)), int(data.get("nanos", 0)))

    # ------------------------------------------------------------------ views

    @property
    def total_nanos(self) -> int:
        return self.units * NANOS_PER_UNIT + self.nanos

    def to_decimal(self) -> Decimal:
        return Decimal(self.total_nanos).scaleb(-9)

    def to_dict(self) -> dict[str, Any]:
        """The wire shape of the chat protocol and Online Boutique's proto."""
        return {"currency_code": self.currency_code, "units": self.units, "nanos": self.nanos}

    def is_zero(self) -> bool:
        return self.units == 0 and self.nanos == 0

    def is_negative(self) -> bool:
        return self.total_nanos < 0

    # ------------------------------------------------------------------ arithmetic

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"expected Money, got {type(other).__name__}")
        if other.currency_code != self.currency_code:
            raise MoneyError(f"currency mismatch: {self.currency_code} and {other.currency_code}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money.from_nanos(self.currency_code, self.total_nanos + other.total_nanos)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money.from_nanos(self.currency_code, self.total_nanos - other.total_nanos)

    def __neg__(self) -> Money:
        return Money(self.currency_code, -self.units, -self.nanos)

    def __mul__(self, factor: int) -> Money:
        """Multiply by a whole number (a quantity): exact."""
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money.from_nanos(self.currency_code, self.total_nanos * factor)

    __rmul__ = __mul__

    def scale(self, factor: Decimal, rounding: str = ROUND_HALF_EVEN) -> Money:
        """Multiply by a decimal factor (a discount, a rate), rounded to whole nanos."""
        with localcontext() as ctx:
            ctx.prec = 60
            return Money.from_decimal(
                self.to_decimal() * Decimal(factor), self.currency_code, rounding
            )

    def _cmp(self, other: Money) -> int:
        self._same(other)
        return (self.total_nanos > other.total_nanos) - (self.total_nanos < other.total_nanos)

    def __lt__(self, other: Money) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Money) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Money) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Money) -> bool:
        return self._cmp(other) >= 0

    @staticmethod
    def sum(amounts: list[Money], currency_code: str) -> Money:
        """The sum of several amounts (zero in `currency_code` for none)."""
        total = Money.zero(currency_code)
        for amount in amounts:
            total = total + amount
        return total

    # ------------------------------------------------------------------ display

    def format(self, locale: str = "en_US") -> str:
        """`$19.99`, `€17.68`, `¥2,527`: the currency's symbol and its usual decimals.

        Rounded half-even to the currency's minor unit for display only; the amount itself
        is never rounded.
        """
        return _formatted(self.units, self.nanos, self.currency_code, locale)

    def __str__(self) -> str:
        return self.format()


@functools.lru_cache(maxsize=4096)
def _formatted(units: int, nanos: int, currency_code: str, locale: str) -> str:
    # Babel parses the locale's pattern on every call (~0.15 ms); the same prices and totals
    # are shown again and again (catalog prices, the cart on each turn).
    digits = get_currency_precision(currency_code)
    amount = Money(currency_code, units, nanos).to_decimal()
    shown = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    return format_currency(shown, currency_code, locale=locale, currency_digits=True)


class RateTable:
    """Online Boutique's EUR-based rate table (`currency_conversion.json`), exactly.

    Converting goes through EUR as the real CurrencyService does: FROM -> EUR rounded half-even
    to whole nanos, then EUR -> TO truncated to whole nanos. The real service does the same
    steps in floating point; here every step is exact, so results are reproducible.
    """

    def __init__(self, rates: Mapping[str, Decimal | str]) -> None:
        parsed = {code: Decimal(str(rate)) for code, rate in rates.items()}
        if parsed.get("EUR") != Decimal(1):
            raise MoneyError("a rate table must be EUR-based (EUR = 1.0)")
        for code, rate in parsed.items():
            if not rate.is_finite() or rate <= 0:
                raise MoneyError(f"rate for {code} must be positive: {rate}")
        self._rates = parsed

    @property
    def codes(self) -> list[str]:
        return sorted(self._rates)

    def supports(self, code: str) -> bool:
        return code in self._rates

    def rate(self, code: str) -> Decimal:
        try:
            return self._rates[code]
        except KeyError:
            raise MoneyError(f"unsupported currency: {code!r}") from None

    def convert(self, amount: Money, to_code: str) -> Money:
        """`amount` in `to_code`; raises MoneyError for a code the table does not hold."""
        from_rate, to_rate = self.rate(amount.currency_code), self.rate(to_code)
        if amount.currency_code == to_code:
            return amount
        with localcontext() as ctx:
            ctx.prec = 60
            euros = Money.from_decimal(amount.to_decimal() / from_rate, "EUR", ROUND_HALF_EVEN)
            return Money.from_decimal(euros.to_decimal() * to_rate, to_code, ROUND_DOWN)
