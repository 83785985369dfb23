"""Taking back the last change: "undo that", "put them all back", "on second thought, keep
it", "never mind the alert".

The tools keep one record per turn that wrote (`state.CHANGES`: cart lines from/to, alerts
made and cancelled), so the last change is known however much was said since ("what's my
total?" in between), and taking it back is exact: a line set from 1 to 3 goes back to 1, not
out; a removed line of 2 comes back as 2; an alert moved from £15 to £16 is at £15 again. An
undo is a change too: a second "undo" (or "never mind, I do want it") redoes.

Only a message that says nothing else is read this way: "undo that and add a mug" is left to
the planner.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from cartmate.models.offline.request_view import RequestView
from cartmate.planner import Intent, PriceLimit, ProductRef

__all__ = ["NOTHING_TO_UNDO", "last_change", "said_undo", "undo_request", "undone_intent"]

NOTHING_TO_UNDO = "There's nothing to undo: I haven't changed your cart or your price alerts yet."

_UNDO = re.compile(
    r"\b(undo|revert)\b|\bscratch (that|the) last( one| change| thing| bit)?\b"
    r"|\btake (that|the last change) back\b"
)
_PUT_BACK = re.compile(
    r"\bput (it|them|that|those|everything|it all|them all|all of them|all that|all those)"
    r" (all )?back\b|\bput back (everything|all of them|them all)\b"
)
_KEEP = re.compile(
    r"\bkeep (it|them|that|those)\b|\bi (do|still|really) (want|need) (it|them|that|those)\b"
)
_ALERT = re.compile(r"\b(never ?mind|nvm|forget( about)?|scratch|skip) (the|that|this) alert\b")
_CANCEL_IT = re.compile(r"\b(cancel|delete|remove|drop|scrap)( it| that| this)?( please)?\b")
#: Words that may stand around an undo without asking anything else.
_FILLER = frozenset(
    "a actually after again ah all alright and anyway bad but can change changed changes "
    "could dear did do doh eh er go hmm hm i i'll i'm it it's just last let's me mind my "
    "mistake my never no nope now oh ok okay on one oops please pls plz really second "
    "silly so sorry that that's the then thing think this thought thoughts too much ugh "
    "uh um wait whoops would yeah yes you".split()
)
_WRITES = frozenset(
    {"add_to_cart", "remove_from_cart", "set_cart_quantity", "empty_cart",
     "create_price_alert", "delete_price_alert"}
)  # fmt: skip


def last_change(view: RequestView) -> dict[str, Any] | None:
    """The change before this turn's: when this agent already wrote this turn (the undo
    itself), its record is the newest, and the one it took back comes before."""
    records = [r for r in view.state.get("changes") or [] if isinstance(r, dict)]
    if any(o.name in _WRITES for o in view.outcomes):
        records = records[:-1]
    return records[-1] if records else None


def _only(text: str, pattern: re.Pattern[str]) -> bool:
    """The message says this and nothing else (filler words aside)."""
    rest = pattern.sub(" ", text)
    words = re.findall(r"[a-z']+", rest)
    return all(w in _FILLER for w in words)


def said_undo(text: str) -> bool:
    """ "undo that", "scratch that last one": a plain undo, whatever it then took back."""
    text = text.lower().replace("\u2019", "'")
    return _UNDO.search(text) is not None and _only(text, _UNDO)


def _taken_out(record: dict[str, Any] | None) -> bool:
    lines = (record or {}).get("lines") or []
    return bool(lines) and all(int(x["after"]) < int(x["before"]) for x in lines)


def undo_request(view: RequestView) -> tuple[str, dict[str, Any] | None] | None:
    """("undo", the record or None when nothing was changed), ("ask", the record) when "put
    it back" could mean several lines, ("alert", the record's alerts made), or None when the
    message is not a plain undo."""
    text = view.user_text.lower().replace("\u2019", "'")
    record = last_change(view)
    if said_undo(text):
        return "undo", record
    if _PUT_BACK.search(text) and _only(text, _PUT_BACK) and _taken_out(record):
        assert record is not None
        single = re.search(r"\bput (it|that) back\b", text) is not None
        return ("ask" if single and len(record["lines"]) > 1 else "undo"), record
    if _KEEP.search(text) and _only(text, _KEEP) and _taken_out(record):
        return "undo", record
    if (
        _ALERT.search(text)
        and _only(_CANCEL_IT.sub(" ", text), _ALERT)
        and record
        and record.get("alerts_made")
    ):  # ("never mind the alert, cancel it" says no more)
        return "alert", {"alerts_made": record["alerts_made"]}
    return None


def undone_intent(record: dict[str, Any]) -> Intent | None:
    """The requests that take a change record back, as one intent (the rest secondary)."""
    adds: list[ProductRef] = []
    removes: list[ProductRef] = []
    requests: list[Intent] = []
    for line in record.get("lines") or []:
        before, after = int(line["before"]), int(line["after"])
        if before == 0:
            removes.append(ProductRef(text=line["id"]))
        elif after == 0:
            adds.append(ProductRef(text=line["id"], quantity=before))
        else:
            ref = ProductRef(text=line["id"], quantity=before)
            requests.append(Intent(kind="set_quantity", products=(ref,), quantity=before))
    if adds:
        requests.insert(0, Intent(kind="add_to_cart", products=tuple(adds)))
    if removes:
        requests.insert(0, Intent(kind="remove_from_cart", products=tuple(removes)))
    for alert in record.get("alerts_made") or []:
        requests.append(Intent(kind="delete_alert", alert_ref=ProductRef(text=alert["id"])))
    for alert in record.get("alerts_cancelled") or []:
        target = alert["target"]
        amount = Decimal(int(target.get("units", 0))) + Decimal(int(target.get("nanos", 0))) / (
            Decimal(10) ** 9
        )
        requests.append(
            Intent(
                kind="create_alert",
                products=(ProductRef(text=alert["product_id"]),),
                max_price=PriceLimit(amount.normalize(), target["currency_code"]),
            )
        )
    if not requests:
        return None
    return replace(requests[0], secondary=tuple(requests[1:]))
