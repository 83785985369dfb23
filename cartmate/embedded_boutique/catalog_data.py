"""The embedded Online Boutique's data: the product catalog and the currency rate table.

Both files use Online Boutique's own formats (`products.json`, `currency_conversion.json`), so
any file the real services read can be served here, and ours can be given to the real ones.
Everything is validated when loaded: a bad file fails at start-up with a `BoutiqueDataError`
naming the file and the offending entry, never on some later call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cartmate.money import Money, MoneyError, RateTable

__all__ = [
    "DEFAULT_CATALOG_FILE",
    "DEFAULT_CURRENCY_FILE",
    "BoutiqueDataError",
    "Catalog",
    "CurrencyTable",
    "Price",
    "Product",
    "load_catalog",
    "load_currency_table",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CATALOG_FILE = DATA_DIR / "products.json"
DEFAULT_CURRENCY_FILE = DATA_DIR / "currency_conversion.json"

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


class BoutiqueDataError(ValueError):
    """A catalog or rate-table file that cannot be read or does not validate."""


# ---------------------------------------------------------------------------- products


class Price(BaseModel):
    """`priceUsd` of products.json: an Online Boutique `Money` in its JSON spelling."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    currency_code: str = Field(alias="currencyCode")
    units: int = 0
    nanos: int = 0

    @model_validator(mode="after")
    def _valid_money(self) -> Price:
        # The same rules the rest of CartMate applies (code shape, nanos range, sign rule).
        try:
            self.to_money()
        except MoneyError as exc:
            raise ValueError(str(exc)) from None
        return self

    def to_money(self) -> Money:
        return Money(self.currency_code, self.units, self.nanos)


class Product(BaseModel):
    """One entry of products.json (camelCase keys as Online Boutique writes them)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    picture: str = ""
    price_usd: Price = Field(alias="priceUsd")
    categories: tuple[str, ...] = ()


class _ProductsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    products: list[Product]

    @model_validator(mode="after")
    def _unique_ids(self) -> _ProductsFile:
        seen: set[str] = set()
        for product in self.products:
            if product.id in seen:
                raise ValueError(f"duplicate product id {product.id!r}")
            seen.add(product.id)
        return self


class Catalog:
    """The products in file order, looked up and searched the way the real service does."""

    def __init__(self, products: Iterable[Product], source: str = "<memory>") -> None:
        self.products: tuple[Product, ...] = tuple(products)
        self.source = source
        self._by_id = {product.id: product for product in self.products}
        if len(self._by_id) != len(self.products):
            raise BoutiqueDataError(f"product catalog {source}: duplicate product ids")

    def __len__(self) -> int:
        return len(self.products)

    def get(self, product_id: str) -> Product | None:
        return self._by_id.get(product_id)

    def ids(self) -> list[str]:
        return [product.id for product in self.products]

    def search(self, query: str) -> list[Product]:
        """Case-insensitive substring match on name and description; categories are not
        searched (as in the real service). An empty query matches everything."""
        needle = query.lower()
        return [
            product
            for product in self.products
            if needle in product.name.lower() or needle in product.description.lower()
        ]


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate an Online Boutique products.json (None: the bundled catalog)."""
    path = Path(path) if path is not None else DEFAULT_CATALOG_FILE
    data = _read_json(path, "product catalog")
    try:
        parsed = _ProductsFile.model_validate(data)
    except ValidationError as exc:
        raise BoutiqueDataError(_describe(exc, f"invalid product catalog {path}", data)) from None
    return Catalog(parsed.products, source=str(path))


# ---------------------------------------------------------------------------- currencies


@dataclass(frozen=True)
class CurrencyTable:
    """A rate table plus its codes in file order (the order GetSupportedCurrencies lists)."""

    codes: tuple[str, ...]
    rates: RateTable


def load_currency_table(path: Path | None = None) -> CurrencyTable:
    """Read and validate an EUR-based currency_conversion.json (None: the bundled table)."""
    path = Path(path) if path is not None else DEFAULT_CURRENCY_FILE
    # Numbers are parsed as Decimal so a rate written unquoted loses no digits.
    data = _read_json(path, "currency table", parse_float=Decimal, parse_int=Decimal)
    if not isinstance(data, dict) or not data:
        raise BoutiqueDataError(
            f"invalid currency table {path}: expected a JSON object of code -> rate"
        )
    rates: dict[str, Decimal] = {}
    for code, value in data.items():
        if not _CURRENCY_CODE.match(code):
            raise BoutiqueDataError(
                f"invalid currency table {path}: {code!r} is not a 3-letter upper-case code"
            )
        try:
            if not isinstance(value, str | Decimal):  # true, null, lists, objects
                raise InvalidOperation
            rates[code] = Decimal(value)
        except InvalidOperation:
            raise BoutiqueDataError(
                f"invalid currency table {path}: rate of {code} is not a number: {value!r}"
            ) from None
    try:
        table = RateTable(rates)
    except MoneyError as exc:
        raise BoutiqueDataError(f"invalid currency table {path}: {exc}") from None
    return CurrencyTable(codes=tuple(rates), rates=table)


# ---------------------------------------------------------------------------- helpers


def _read_json(path: Path, what: str, **loads_kwargs: Any) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BoutiqueDataError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BoutiqueDataError(f"cannot read {what} {path}: not UTF-8 text") from None
    try:
        return json.loads(text, **loads_kwargs)
    except json.JSONDecodeError as exc:
        raise BoutiqueDataError(
            f"invalid {what} {path}: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def _describe(exc: ValidationError, headline: str, data: Any) -> str:
    """A pydantic error as `headline:` plus one line per problem, e.g.
    `products[3] (id 'L9ECAV7KIM').priceUsd.nanos: ...`."""
    lines = [headline + ":"]
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        where = ""
        for position, part in enumerate(loc):
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else part)
            if position == 1 and loc[0] == "products" and isinstance(part, int):
                where += _product_hint(data, part)
        lines.append(f"  {where or '(top level)'}: {error['msg']}")
    return "\n".join(lines)


def _product_hint(data: Any, index: int) -> str:
    """` (id 'X')` for products[index] when the raw entry has a string id."""
    try:
        product_id = data["products"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return ""
    return f" (id {product_id!r})" if isinstance(product_id, str) else ""
