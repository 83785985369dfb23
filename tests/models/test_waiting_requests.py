"""A request that waits on a price: the quote asked for, and the verdict from its answer or
from the state's catalog prices."""

from __future__ import annotations

from typing import Any

from cartmate.models.offline.decisions import CallTools, Reply, ToolCall
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.waiting_requests import (
    checked_first,
    settled_condition,
    verdict_sentence,
)
from cartmate.planner import understand

MUG = {"id": "M", "name": "Mug", "price_usd_nanos": 8_990_000_000}
JAR = {"id": "J", "name": "Bamboo Glass Jar", "price_usd_nanos": 5_490_000_000}
WATCH = {"id": "W", "name": "Watch", "price_usd_nanos": 109_990_000_000}


def money(code: str, units: int, nanos: int = 0) -> dict[str, Any]:
    return {"currency_code": code, "units": units, "nanos": nanos}


def view(text: str, agent: str, tools: set[str], outcomes: list[ToolOutcome] | None = None,
         **state: Any) -> RequestView:  # fmt: skip
    return RequestView(
        agent_name=agent, user_text=text, images=[], outcomes=outcomes or [],
        tools=frozenset(tools), transfer_targets=frozenset(), state=state,
    )  # fmt: skip


def quote(changes: list[tuple[dict[str, Any], int]], items: list[tuple[str, dict[str, Any]]],
          now: dict[str, Any], after: dict[str, Any]) -> ToolOutcome:  # fmt: skip
    response = {
        "status": "ok", "action": "quoted", "current_total": now,
        "changes": [{"product": {"id": p["id"], "name": p["name"]}, "change": n}
                    for p, n in changes],
        "cart": {"currency": after["currency_code"], "total": after,
                 "items": [{"product_id": pid, "unit_price": price} for pid, price in items]},
    }  # fmt: skip
    return ToolOutcome("quote_cart", {}, response)


def test_the_cart_manager_asks_the_cart_service_first() -> None:
    text = "Add the mug if it's less than 10 bucks."
    first = checked_first(view(text, "cart_manager", {"quote_cart"}), understand(text))
    assert first == CallTools((ToolCall("quote_cart", {"products": ["mug"], "changes": [1]}),))
    took = "Put two sunglasses in unless that takes me past 50 dollars."
    after = checked_first(view(took, "cart_manager", {"quote_cart"}), understand(took))
    assert isinstance(after, CallTools)
    assert after.calls[0].args == {"products": ["sunglasses"], "changes": [2]}


def test_the_quote_settles_it_and_says_why() -> None:
    text = "Add the mug if it's less than 10 bucks."
    intent = understand(text)
    cheap = quote([(MUG, 1)], [("M", money("USD", 8, 990_000_000))], money("USD", 0),
                  money("USD", 8, 990_000_000))  # fmt: skip
    done = view(text, "cart_manager", {"quote_cart"}, [cheap])
    assert settled_condition(done, intent) == (True, "Mug is $8.99, under $10.00")
    dear = quote([(MUG, 1)], [("M", money("USD", 12))], money("USD", 0), money("USD", 12))
    refused = view(text, "cart_manager", {"quote_cart"}, [dear])
    assert verdict_sentence(refused, intent) == (
        "Mug is $12.00, over $10.00, so I haven't added anything."
    )


def test_unless_and_one_price_against_another() -> None:
    text = "If the jar costs more than the mug, skip it, otherwise add one."
    intent = understand(text)
    prices = quote([(JAR, 1), (MUG, 1)],
                   [("J", money("USD", 5, 490_000_000)), ("M", money("USD", 8, 990_000_000))],
                   money("USD", 0), money("USD", 14, 480_000_000))  # fmt: skip
    settled = settled_condition(view(text, "cart_manager", {"quote_cart"}, [prices]), intent)
    assert settled == (True, "Bamboo Glass Jar is $5.49 and Mug is $8.99")


def test_without_a_quote_the_state_prices_in_dollars() -> None:
    text = "If the watch costs more than the mug, set an alert for it at 90 dollars."
    intent = understand(text)
    state = {"recent_products": [WATCH, MUG]}
    assert checked_first(view(text, "price_comparison", set(), **state), intent) is None
    cheaper = "If the mug costs more than the watch, set an alert for it at 5 dollars."
    refused = checked_first(view(cheaper, "price_comparison", set(), **state), understand(cheaper))
    assert refused == Reply("Mug is $8.99 and Watch is $109.99, so I haven't set the alert.")
