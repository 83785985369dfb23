"""Offers from the web, made exact and credible: `PriceQuote`s for the comparison table.

Everything here handles untrusted web text. It is only ever *data*: text is stripped of
control and markup characters and cut short, URLs are checked (http/https, a host, no
credentials) and shown, never fetched, and nothing from a page reaches a model as an
instruction. Prices are parsed into `Decimal` and then `Money`, never floats.

A row is dropped when it is implausible: no or zero price, an unknown currency, no usable URL,
a title that does not share the product's key words (another product), or a price far from
Online Boutique's (an accessory, a bundle, a typo). One row is kept per retailer (its
cheapest credible offer, in-stock offers first).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol

from cartmate.errors import CartMateError
from cartmate.money import Money, MoneyError
from cartmate.pricing.perplexity import SearchHit
from cartmate.pricing.untrusted import (
    clean_text,
    clean_url,
    host_of,
    parse_availability,
    parse_currency,
    parse_price,
)

__all__ = [
    "OFFER_SCHEMA",
    "Candidate",
    "Converter",
    "PriceQuote",
    "check_offer_answer",
    "clean_text",
    "clean_url",
    "normalise",
    "offers_from_answer",
    "offers_from_snippets",
    "parse_price",
    "sources_from",
    "title_matches",
]

log = logging.getLogger(__name__)

Source = Literal["online_boutique", "perplexity", "search"]

_MAX_RETAILER = 60
_MAX_TITLE = 150
_MAX_DATE = 32
_MAX_ROWS = 40  # rows read from one answer; the rest are ignored
# Offers outside [reference * MIN, reference * MAX] are not the same product (or a typo).
_MIN_RATIO = Decimal("0.2")
_MAX_RATIO = Decimal("5")

OFFER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "offers": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "retailer": {"type": "string"},
                    "product_title": {"type": "string"},
                    "price": {"type": "string", "description": "decimal amount, e.g. 99.95"},
                    "currency": {"type": "string", "description": "ISO 4217 code"},
                    "url": {"type": "string"},
                    "availability": {
                        "type": "string",
                        "enum": ["in_stock", "out_of_stock", "unknown"],
                    },
                    "date": {"type": "string", "description": "when the price was seen"},
                },
                "required": ["retailer", "product_title", "price", "currency", "url"],
            },
        }
    },
    "required": ["offers"],
}
"""The structured output asked of Perplexity: one row per offer; prices as decimal strings."""


class Converter(Protocol):
    """Converts exactly, as `CurrencyClient.convert` does."""

    def convert(self, amount: Money, to_code: str) -> Awaitable[Money]: ...


@dataclass(frozen=True)
class Candidate:
    """A cleaned web row, not yet converted or judged."""

    retailer: str
    title: str
    amount: Decimal
    currency: str
    url: str
    in_stock: bool | None
    date: str | None
    source: Source


@dataclass(frozen=True)
class PriceQuote:
    """One row of a comparison table, in the shopper's currency."""

    retailer: str
    url: str | None
    price: Money
    product_name: str
    in_stock: bool | None
    source: Source
    original_price: Money | None = None  # as the retailer showed it, when converted
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The tool-result shape: exact Money, a display price and data fields only."""
        shown: dict[str, Any] = {
            "retailer": self.retailer,
            "url": self.url,
            "price": self.price.to_dict(),
            "display_price": self.price.format(),
            "product_name": self.product_name,
            "in_stock": self.in_stock,
            "source": self.source,
        }
        if self.original_price is not None:
            shown["original_display_price"] = self.original_price.format()
        if self.date:
            shown["date"] = self.date
        return shown


# ---------------------------------------------------------------------------- rows


def check_offer_answer(data: Any) -> None:
    """Raise ValueError unless the answer has the schema's top level (`offers`: a list)."""
    if not isinstance(data, dict) or not isinstance(data.get("offers"), list):
        raise ValueError("expected an object with an 'offers' list")


def offers_from_answer(data: Any) -> list[Candidate]:
    """The usable rows of a structured answer; a row breaking the schema is skipped alone."""
    check_offer_answer(data)
    found = []
    for row in data["offers"][:_MAX_ROWS]:
        candidate = _candidate(row) if isinstance(row, dict) else None
        if candidate is not None:
            found.append(candidate)
    return found


def _candidate(row: dict[str, Any]) -> Candidate | None:
    url = clean_url(row.get("url"))
    amount = parse_price(row.get("price"))
    currency = parse_currency(row.get("currency"))
    title = clean_text(row.get("product_title"), _MAX_TITLE)
    if url is None or amount is None or currency is None or not title:
        return None
    return Candidate(
        retailer=clean_text(row.get("retailer"), _MAX_RETAILER) or host_of(url),
        title=title,
        amount=amount,
        currency=currency,
        url=url,
        in_stock=parse_availability(row.get("availability")),
        date=clean_text(row.get("date"), _MAX_DATE) or None,
        source="perplexity",
    )


_SNIPPET_PRICE = re.compile(
    r"(?P<cur>US\$|C\$|[$€£¥]|\b(?:USD|EUR|GBP|JPY|CAD)\b)\s?(?P<amt>\d[\d,]*(?:\.\d{1,2})?)"
)


def offers_from_snippets(hits: Iterable[SearchHit]) -> list[Candidate]:
    """A fallback: the first price written in each search result's title or snippet."""
    found = []
    for hit in hits:
        url = clean_url(hit.url)
        match = _SNIPPET_PRICE.search(f"{hit.title} {hit.snippet}")
        if url is None or match is None:
            continue
        amount, currency = parse_price(match["amt"]), parse_currency(match["cur"])
        title = clean_text(hit.title, _MAX_TITLE)
        if amount is None or currency is None or not title:
            continue
        found.append(
            Candidate(
                retailer=host_of(url),
                title=title,
                amount=amount,
                currency=currency,
                url=url,
                in_stock=None,
                date=clean_text(hit.date, _MAX_DATE) or None,
                source="search",
            )
        )
    return found


def sources_from(hits: Iterable[SearchHit], limit: int = 10) -> list[dict[str, str]]:
    """The pages the answer drew on, as {title, url} (cleaned, deduplicated)."""
    seen: set[str] = set()
    sources = []
    for hit in hits:
        url = clean_url(hit.url)
        if url is None or url in seen:
            continue
        seen.add(url)
        sources.append({"title": clean_text(hit.title, _MAX_TITLE) or host_of(url), "url": url})
        if len(sources) >= limit:
            break
    return sources


# ---------------------------------------------------------------------------- judging

_STOP_WORDS = frozenset({"the", "and", "for", "with", "from", "set"})


def _words(text: str) -> set[str]:
    # A crude singular so "Shakers" matches "shaker" and "Loafers" matches "loafer".
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return {t[:-1] if len(t) > 3 and t.endswith("s") and t[-2] != "s" else t for t in tokens}


def title_matches(title: str, product_name: str) -> bool:
    """Whether an offer's title holds every key word of the product's name."""
    keys = {w for w in _words(product_name) if len(w) >= 3 and w not in _STOP_WORDS}
    keys = keys or _words(product_name)
    return bool(keys) and keys <= _words(title)


async def normalise(
    candidates: Sequence[Candidate],
    product_name: str,
    currency: str,
    converter: Converter,
    reference: Money,
    limit: int = 8,
) -> list[PriceQuote]:
    """Credible offers in `currency`, one per retailer, cheapest first.

    Args:
        candidates: Cleaned rows from the structured answer or search snippets.
        product_name: Online Boutique's name for the product (titles must match it).
        currency: The shopper's currency.
        converter: Exact conversion (the CurrencyService).
        reference: Online Boutique's price in `currency`, to drop implausible prices.
        limit: At most this many offers.
    """
    low, high = reference.scale(_MIN_RATIO), reference.scale(_MAX_RATIO)
    quotes: list[PriceQuote] = []
    for row in candidates:
        if not title_matches(row.title, product_name):
            continue
        try:
            shown = Money.from_decimal(row.amount, row.currency)
            price = await converter.convert(shown, currency)
        except (CartMateError, MoneyError):
            continue  # a currency the service does not know, or it is down: skip the row
        if not low <= price <= high:
            continue
        quotes.append(
            PriceQuote(
                retailer=row.retailer,
                url=row.url,
                price=price,
                product_name=row.title,
                in_stock=row.in_stock,
                source=row.source,
                original_price=shown if shown.currency_code != currency else None,
                date=row.date,
            )
        )
    # Per retailer (its host), the cheapest offer, preferring ones not known out of stock.
    best: dict[str, PriceQuote] = {}
    for quote in sorted(quotes, key=lambda q: (q.in_stock is False, q.price.total_nanos)):
        best.setdefault(host_of(quote.url or "") or quote.retailer.lower(), quote)
    return sorted(best.values(), key=lambda q: q.price.total_nanos)[:limit]
