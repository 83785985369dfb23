"""Amounts as models pass them: decimal strings ("25", "19.99"), made exact Money."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from cartmate.errors import BadRequestError
from cartmate.money import Money, MoneyError

__all__ = ["parse_amount"]


def parse_amount(text: str | None, currency: str, field: str) -> Money | None:
    """An exact non-negative amount from text, None when empty; BadRequestError otherwise."""
    if text is None or str(text).strip() == "":
        return None
    cleaned = str(text).strip().replace(",", "").lstrip("$€£¥")
    try:
        value = Decimal(cleaned)
        if not value.is_finite() or value < 0:
            raise InvalidOperation
        return Money.from_decimal(value, currency)
    except (InvalidOperation, MoneyError):
        raise BadRequestError(f"{field} must be a positive number, got {text!r}.") from None
