"""Typed results at the Online Boutique boundary: no raw protobufs leave `cartmate.boutique`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cartmate.boutique.pb import demo_pb2
from cartmate.money import Money

__all__ = ["Cart", "CartItem", "Product", "money_to_proto"]


@dataclass(frozen=True, slots=True)
class Product:
    """A catalog product; `price_usd` is the catalog's own price."""

    id: str
    name: str
    description: str
    picture: str
    price_usd: Money
    categories: tuple[str, ...] = ()

    @classmethod
    def from_proto(cls, message: demo_pb2.Product) -> Product:
        return cls(
            id=message.id,
            name=message.name,
            description=message.description,
            picture=message.picture,
            price_usd=Money.from_proto(message.price_usd),
            categories=tuple(message.categories),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "picture": self.picture,
            "categories": list(self.categories),
            "price_usd": self.price_usd.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class CartItem:
    product_id: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Cart:
    """A user's Online Boutique cart: product ids and quantities, one line per product."""

    user_id: str
    items: tuple[CartItem, ...] = field(default_factory=tuple)

    @classmethod
    def from_proto(cls, message: demo_pb2.Cart, user_id: str) -> Cart:
        # The real CartService may list one product on several lines; merge them.
        quantities: dict[str, int] = {}
        for item in message.items:
            quantities[item.product_id] = quantities.get(item.product_id, 0) + item.quantity
        items = tuple(CartItem(pid, qty) for pid, qty in quantities.items() if qty > 0)
        return cls(user_id=message.user_id or user_id, items=items)

    def quantity_of(self, product_id: str) -> int:
        return next((i.quantity for i in self.items if i.product_id == product_id), 0)

    @property
    def total_quantity(self) -> int:
        return sum(item.quantity for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "items": [{"product_id": i.product_id, "quantity": i.quantity} for i in self.items],
        }


def money_to_proto(money: Money) -> demo_pb2.Money:
    return demo_pb2.Money(currency_code=money.currency_code, units=money.units, nanos=money.nanos)
