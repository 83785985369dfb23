"""Price-alert changes read from the conversation: deleting the alert talked about, moving a
target, and which alerts the last turn made."""

from __future__ import annotations

import re
from typing import Any

from cartmate.models.offline.decisions import CallTools, Decision, Reply, ToolCall
from cartmate.models.offline.reading import GOING_ON, previous_kind, understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.retailer_offers import CENT
from cartmate.models.offline.targets import narrow_to
from cartmate.models.offline.wording import join_or as _join_or
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.fuzzy import name_matches

__all__ = [
    "alert_in_currency",
    "alert_moved_to",
    "alerts_made_last",
    "delete_alert",
    "moved_alert",
    "two_in_play",
]


def delete_alert(view: RequestView, intent: Intent) -> Decision:
    ref = intent.alert_ref
    alerts = view.state.get("alerts") or []
    if ref is not None and ref.all_recent:
        kept = [a for a in alerts if any(x.text and name_matches(x.text, a["product_name"])
                                         for x in intent.excluded)]  # fmt: skip
        if kept:  # "drop all of them except the watch": the others, one by one
            gone = [a for a in alerts if a not in kept]
            return CallTools(
                tuple(ToolCall("delete_price_alert", {"alert": a["id"]}) for a in gone)
            )
        return CallTools((ToolCall("delete_price_alert", {"alert": "all"}),))
    if ref is not None and ref.text:
        return CallTools((ToolCall("delete_price_alert", {"alert": ref.text}),))
    if intent.currency and alerts:  # "cancel the one in dollars": the alert set in dollars
        in_code = [a for a in alerts
                   if (a.get("target") or {}).get("currency_code") == intent.currency]  # fmt: skip
        if len(in_code) == 1:
            return CallTools((ToolCall("delete_price_alert", {"alert": in_code[0]["id"]}),))
        if in_code:
            return Reply(f"Which one: {_join_or([a['product_name'] for a in in_code])}?")
    if ref is not None and ref.anaphora and len(alerts) > 1 and not _alert_in_talk(view):
        # "cancel that alert" with several and none just made, listed or talked about
        return Reply(f"Which alert: {_join_or([a['product_name'] for a in alerts])}?")
    if len(alerts) == 1 or (ref is not None and ref.anaphora and alerts):
        focus = (view.state.get("focus_product") or {}).get("id")
        about = [a for a in alerts if a["product_id"] == focus] or alerts
        return CallTools((ToolCall("delete_price_alert", {"alert": about[-1]["id"]}),))
    if ref is not None and ref.ordinal is not None and 0 < ref.ordinal <= len(alerts):
        return CallTools(
            (ToolCall("delete_price_alert", {"alert": alerts[ref.ordinal - 1]["id"]}),)
        )
    return CallTools((ToolCall("list_price_alerts", {}),), note="Checking which alert you mean")


def moved_alert(view: RequestView, intent: Intent, products: list[str]) -> Decision:
    """ "move the cheaper one down by 5", "raise the watch alert by 10": which alert (named,
    the cheaper or dearer product of those alerted, the one in a currency said, the one in
    focus or the only one), its target moved by the amount."""
    change = intent.target_change
    assert change is not None
    alerts = [a for a in view.state.get("alerts") or [] if a.get("product_id")]
    focus = (view.state.get("focus_product") or {}).get("id")
    if any(r.text for r in intent.products):
        chosen = products[:1]
    elif intent.sort and all("price_usd_nanos" in a for a in alerts) and len(alerts) > 1:
        pick = min if intent.sort == "price_asc" else max
        chosen = [pick(alerts, key=lambda a: a["price_usd_nanos"])["product_id"]]
    elif intent.currency and (
        in_code := [
            a for a in alerts if (a.get("target") or {}).get("currency_code") == intent.currency
        ]  # fmt: skip
    ):
        chosen = [in_code[0]["product_id"]] if len(in_code) == 1 else []
    elif len({a["product_id"] for a in alerts}) == 1:
        chosen = [alerts[0]["product_id"]]
    elif focus in {a["product_id"] for a in alerts}:
        chosen = [str(focus)]
    else:
        chosen = []
    if not chosen:
        names = [a["product_name"] for a in alerts]
        return Reply(f"Which alert should move: {_join_or(names)}?" if names else
                     "You have no price alerts to change yet.")  # fmt: skip
    args = {"product": chosen[0], "target_change": str(change.amount)}
    if change.currency:
        args["price_currency"] = change.currency
    return CallTools((ToolCall("create_price_alert", args),))


def alerts_made_last(view: RequestView) -> list[str]:
    """The products of the alerts the shopper's previous message made (newest in the state)."""
    last = view.history_tools[-1] if view.history_tools else ()
    made = sum(1 for name in last if name == "create_price_alert")
    alerts = view.state.get("alerts") or []
    return [a["product_name"] for a in alerts[-made:]] if made else []


def _alert_in_talk(view: RequestView) -> bool:
    """An alert was just made, changed or listed, or the product in focus has one: what
    "that alert" means."""
    focus = (view.state.get("focus_product") or {}).get("id")
    last = view.history_tools[-1] if view.history_tools else ()
    return bool(
        {"create_price_alert", "list_price_alerts", "delete_price_alert"} & set(last)
        or any(a["product_id"] == focus for a in view.state.get("alerts") or [])
    )


def two_in_play(view: RequestView, intent: Intent) -> list[str]:
    """The products an alert with no product named could be for, when the last turn weighed
    several: "compare the hairdryer and the sunglasses", or "how much candle holder" then "n
    tank top". Empty when the alert's product is clear (named, or one product talked about)."""
    if any(r.text or r.ordinal is not None for r in intent.products) or intent.replace_alert:
        return []
    if not view.history_texts or previous_kind(view) not in {"product_info", "search"}:
        return []
    last = view.history_texts[-1]
    said = understand_once(last, False, None)
    named = [r.text for i in (said, *said.secondary) for r in i.products if r.text]
    recent = view.state.get("recent_products") or []
    if len(named) > 1:
        found = [narrow_to(recent, text) for text in named]
        return [f[0]["name"] if len(f) == 1 else text for f, text in zip(found, named, strict=True)]
    going_on = last.strip().lower().startswith((*GOING_ON, "n ", "& "))
    focus = view.state.get("focus_product") or {}
    if going_on and previous_kind(view) == "product_info" and focus and len(view.history_texts) > 1:
        # the product asked about just now, and the one the message before asked about
        before = understand_once(view.history_texts[-2], False, None)
        if before.kind != "product_info":
            return []  # "the watch alert at 100", then "and the loafers in pounds?": no pair
        texts = [r.text for r in before.products if r.text]
        asked = [a for a in view.state.get("asked_about") or [] if isinstance(a, dict)]
        earlier = narrow_to(asked, texts[0]) if len(texts) == 1 else []
        if len(earlier) == 1 and earlier[0]["id"] != focus.get("id"):
            return [earlier[0]["name"], focus["name"]]
    return []


def alert_in_currency(view: RequestView, intent: Intent) -> dict[str, Any] | None:
    """ "sorry, I meant euros not pounds" right after an alert was made: its target, the same
    amount in the currency meant (the alert replaced); None otherwise."""
    made = alerts_made_last(view)
    if intent.currency is None or len(made) != 1:
        return None
    alert = next(
        a for a in reversed(view.state.get("alerts") or []) if a["product_name"] == made[0]
    )
    target = alert.get("target") or {}
    if target.get("currency_code") == intent.currency:
        return None
    amount = Money.from_dict(target).to_decimal().quantize(CENT)
    return {"target_price": str(amount), "price_currency": intent.currency, "replace": True}


#: "move the alert to the watch", "put that alert on the watch instead"
_TO_ANOTHER = re.compile(
    r"\b(?:move|switch|put|change|transfer)\b.*\balert\b.*\b(?:to|on|onto|for)\b(?! \d)"
)


def alert_moved_to(view: RequestView, intent: Intent, products: list[str]) -> Decision | None:
    """ "I asked about the watch, not the loafers! Move the alert to the watch.": the alert
    just made (or the only one) goes to the product named, at the same target; None when the
    message moves no alert to another product."""
    if len(products) != 1 or not any(r.text for r in intent.products):
        return None
    if not _TO_ANOTHER.search(view.user_text.lower()):
        return None
    alerts = [a for a in view.state.get("alerts") or [] if a.get("product_id")]
    made = alerts_made_last(view)
    source = [a for a in alerts if a["product_name"] in made] if made else alerts
    if len(source) != 1:
        return None
    old = source[0]
    target = old.get("target") or {}
    amount = Money.from_dict(target).to_decimal().quantize(CENT)
    create = {"product": products[0], "target_price": str(amount),
              "price_currency": target.get("currency_code")}  # fmt: skip
    return CallTools(
        (
            ToolCall("create_price_alert", create),
            ToolCall("delete_price_alert", {"alert": old["id"]}),
        )
    )
