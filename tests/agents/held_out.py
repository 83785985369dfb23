"""What the held-out conversation tests share: catalog ids, reading a turn's results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cartmate.agent_runtime.services import AgentServices
from cartmate.money import Money
from tests.agents.conftest import Turn

SUNGLASSES, TANK_TOP, WATCH, LOAFERS = "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM"
HAIRDRYER, CANDLE_HOLDER, SHAKERS = "2ZYFJ3GM2N", "0PUK6V6EV0", "LS4PSXUNUM"
JAR, MUG = "9SIQT8TOJO", "6E92ZMYYFZ"
#: Catalog name -> id.
ID = {
    "Sunglasses": SUNGLASSES, "Tank Top": TANK_TOP, "Watch": WATCH, "Loafers": LOAFERS,
    "Hairdryer": HAIRDRYER, "Candle Holder": CANDLE_HOLDER, "Salt & Pepper Shakers": SHAKERS,
    "Bamboo Glass Jar": JAR, "Mug": MUG,
}  # fmt: skip
#: Catalog prices in US dollars.
PRICE = {
    SUNGLASSES: Decimal("19.99"), TANK_TOP: Decimal("18.99"), WATCH: Decimal("109.99"),
    LOAFERS: Decimal("89.99"), HAIRDRYER: Decimal("24.99"), CANDLE_HOLDER: Decimal("18.99"),
    SHAKERS: Decimal("18.49"), JAR: Decimal("5.49"), MUG: Decimal("8.99"),
}  # fmt: skip
#: Everything whose description says it is black.
BLACK = {"Sunglasses", "Tank Top", "Hairdryer", "Mug"}
KITCHEN = {"Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug"}
_CART_WRITES = {"add_to_cart", "remove_from_cart", "set_cart_quantity", "empty_cart"}
#: Everything that changes what CartMate keeps about the shopper.
WRITES = _CART_WRITES | {
    "create_price_alert", "delete_price_alert", "record_style_preferences", "reset_style_profile",
}  # fmt: skip


def said_no(turn: Turn, negative: tuple[str, ...]) -> bool:
    """The answer declines or says there is none, by the set's own `negative` words."""
    return any(w in turn.text.lower() for w in negative)


async def cart_of(services: AgentServices, user: str = "shopper") -> dict[str, int]:
    """The shopper's cart in Online Boutique: product id -> quantity."""
    cart = await services.boutique.cart.get_cart(user)
    return {item.product_id: item.quantity for item in cart.items}


async def alerts_of(services: AgentServices, user: str = "shopper") -> set[tuple[str, str, int]]:
    """The shopper's active alerts: (product name, currency, whole units of the target)."""
    return {
        (a.product_name, a.target.currency_code, a.target.units)
        for a in await services.alerts.list(user)
    }


def tools_of(turn: Turn) -> list[str]:
    return [name for _, name, _ in turn.tool_calls]


def changes_cart(turn: Turn) -> bool:
    """The turn called a tool that writes the cart."""
    return bool(_CART_WRITES & set(tools_of(turn)))


def writes_of(turn: Turn) -> set[str]:
    """The tools the turn called that change what CartMate keeps about the shopper."""
    return WRITES & set(tools_of(turn))


def usd_total(cart: dict[str, int]) -> str:
    """What `cart` (product id -> quantity) costs as the shopper reads it, e.g. `$166.96`."""
    return f"${sum(PRICE[p] * q for p, q in cart.items()):,.2f}"


def result_of(turn: Turn, tool: str) -> dict[str, Any]:
    """The tool's (last) result, failing plainly when it did not run or failed."""
    assert tool in tools_of(turn), (
        f"{tool} did not run; tools: {tools_of(turn)}, text: {turn.text!r}"
    )
    result = turn.result(tool)
    assert result["status"] == "ok", result
    return result


def names_of(turn: Turn, tool: str = "search_products") -> list[str]:
    """The names of the products the tool returned."""
    return [p["name"] for p in result_of(turn, tool)["products"]]


def assert_alert(turn: Turn, product: str, currency: str, units: int) -> dict[str, Any]:
    """The turn made a price alert for `product` at `units` whole `currency`; returns it."""
    alert = result_of(turn, "create_price_alert")["alert"]
    assert alert["product_name"] == product
    assert alert["target"]["currency_code"] == currency and alert["target"]["units"] == units
    return alert


def assert_tastes(turn: Turn, like: str, dislike: str) -> None:
    """The style profiler recorded `like` among the likes and `dislike` among the dislikes."""
    assert turn.transfers == ["style_profiler"]
    (call,) = turn.calls("record_style_preferences")
    assert like in call.get("likes", []) and dislike in call.get("dislikes", [])


def shown(turn: Turn) -> tuple[str, dict[str, Any]]:
    """The last tool of the turn that showed products: its name and (ok) result."""
    for name, result in reversed(turn.tool_results):
        if result.get("status") == "ok" and result.get("products"):
            return name, result
    raise AssertionError(f"no products shown; tools: {tools_of(turn)}, text: {turn.text!r}")


def shown_names(turn: Turn) -> list[str]:
    """The names of the products the turn's last product-showing tool returned."""
    return [p["name"] for p in shown(turn)[1]["products"]]


def tastes_said(turn: Turn) -> tuple[list[str], list[str]]:
    """Every like and every dislike the turn recorded (in one call or several)."""
    calls = turn.calls("record_style_preferences")
    likes = [w.lower() for c in calls for w in c.get("likes") or []]
    dislikes = [w.lower() for c in calls for w in c.get("dislikes") or []]
    return likes, dislikes


def understood(turn: Turn) -> bool:
    """The turn got a real answer, not a "didn't understand"."""
    text = turn.text.lower()
    return bool(text.strip()) and "didn't understand" not in text and "not understand" not in text


def viewed(turn: Turn) -> dict[str, int]:
    """The cart view_cart showed this turn: product id -> quantity."""
    items = result_of(turn, "view_cart")["cart"]["items"]
    return {i["product_id"]: i["quantity"] for i in items}


def switched_to(turn: Turn, code: str | None = None) -> bool:
    """The display currency was set in this turn (to `code`, when given)."""
    return any(
        name == "set_display_currency"
        and r.get("status") == "ok"
        and (code is None or r.get("currency") == code)
        for name, r in turn.tool_results
    )


def in_passing(turn: Turn) -> bool:
    """Every display-currency switch this turn was for this answer only."""
    return all(c.get("just_this_answer") for c in turn.calls("set_display_currency"))


def wrote_nothing(turn: Turn) -> bool:
    """No tool that changes what CartMate keeps succeeded this turn (a refused one may run)."""
    return not any(r.get("status") == "ok" for name, r in turn.tool_results if name in WRITES)


def assert_asked(turn: Turn) -> None:
    """The assistant asked back instead of guessing: a question, nothing written."""
    assert wrote_nothing(turn), turn.tool_results
    assert "?" in turn.text, turn.text


def listed_alerts(turn: Turn) -> list[str]:
    """The product names list_price_alerts showed this turn, sorted."""
    return sorted(a["product_name"] for a in result_of(turn, "list_price_alerts")["alerts"])


def switched_for_good(turn: Turn, code: str) -> bool:
    """The display currency was set to `code` from now on (not for one answer)."""
    calls = [
        c for c in turn.calls("set_display_currency") if str(c.get("currency")).upper() == code
    ]
    return switched_to(turn, code) and not any(c.get("just_this_answer") for c in calls)


async def assert_final_cart(
    turn: Turn,
    services: AgentServices,
    cart: dict[str, int],
    alerts: set[tuple[str, str, int]] | None = None,
) -> None:
    """The last check: the cart shown and its total, nothing written, the alerts kept."""
    assert viewed(turn) == cart, turn.tool_results
    assert usd_total(cart) in turn.text, turn.text
    assert not writes_of(turn), turn.tool_calls
    assert await cart_of(services) == cart
    assert await alerts_of(services) == (alerts or set())


async def in_currency(services: AgentServices, usd: Decimal, code: str) -> Money:
    """`usd` dollars as the shop's currency service converts them to `code`."""
    return await services.boutique.currency.convert(Money.from_decimal(usd, "USD"), code)


async def costs_in(services: AgentServices, cart: dict[str, int], code: str) -> list[Money]:
    """What `cart` costs in `code` as an answer may compute it: the total converted, its lines
    converted and added up, or its unit prices converted, multiplied and added up."""
    total = await in_currency(services, sum(PRICE[p] * q for p, q in cart.items()), code)
    lines = [await in_currency(services, PRICE[p] * q, code) for p, q in cart.items()]
    units = [(await in_currency(services, PRICE[p], code)) * q for p, q in cart.items()]
    return [total, Money.sum(lines, code), Money.sum(units, code)]


async def amounts_in(services: AgentServices, cart: dict[str, int], code: str) -> set[str]:
    """What the cart costs in `code` as the answer may show it (`costs_in`, formatted)."""
    return {amount.format() for amount in await costs_in(services, cart, code)}


#: Other marks an amount may carry besides Money.format's prefix ("CA$22.61" as "22.61 CAD",
#: "CHF110.53" as "Fr. 110.53", "R$75.47" as "75.47 reais")
_OTHER_MARKS = {
    "CA$": ("C$", "CAD", "Canadian"),
    "CHF": ("CHF", "Fr."),
    "R$": ("R$", "BRL", "reais"),
}


def says_amount(text: str, formatted: str) -> bool:
    """`formatted` ("€15.90", "CA$22.61") is in the text, or its number with another mark of
    its currency (`_OTHER_MARKS`)."""
    if formatted in text:
        return True
    for prefix, marks in _OTHER_MARKS.items():
        if formatted.startswith(prefix):
            number = formatted.removeprefix(prefix)
            return number in text and any(m in text for m in marks)
    return False


async def assert_says_price(
    turn: Turn, services: AgentServices, cart: dict[str, int], code: str, passing: bool = True
) -> None:
    """The answer states what `cart` (or one product) costs in `code`; asked in passing (the
    display currency not changed for good) unless `passing` is False; nothing written."""
    candidates = await amounts_in(services, cart, code)
    assert any(says_amount(turn.text, c) for c in candidates), (candidates, turn.text)
    if passing:
        assert in_passing(turn), turn.tool_calls
    assert not writes_of(turn), turn.tool_calls


async def assert_nothing_changed(
    services: AgentServices, cart: dict[str, int], alerts: set[tuple[str, str, int]] | None = None
) -> None:
    """The shopper's cart and alerts are as they were (`alerts` None: there are none)."""
    assert await cart_of(services) == cart
    assert await alerts_of(services) == (alerts or set())
