"""Requests that hang on something about the shop's services the assistant cannot know.

"If shipping's free over $25, add another jar", "do you gift wrap? if so add the candle
holder", "if you take bitcoin I'll get the watch": whether the condition holds is the
checkout's or the shop's to say (delivery, payment, wrapping, discounts), so nothing is done
(`hangs_on_service`); "oh well, add it anyway" after such a decline is the request without
its condition (`without_service_condition`).
"""

from __future__ import annotations

import re

from cartmate.planner.analysis import analyse_clause, prepare_tokens

__all__ = ["hangs_on_service", "without_service_condition"]

#: "if so", "if you do": a request hanging on the answer to the question before it
_IF_SO = re.compile(
    r"\bif (?:so|yes|you do|you can|that'?s the case|it does|they do)\b", re.IGNORECASE
)
#: "if shipping's free over $25, ...": what a request hangs on, up to the request
_IF = re.compile(r"\bif\b(?P<cond>[^,.?!;]*?)(?=,|\bi'?ll\b|\bthen\b|\badd\b|$)", re.IGNORECASE)


#: "if you take bitcoin", "if you accept cards": how the checkout is paid
_PAYMENT = re.compile(r"\byou (?:take|accept)\b|\bpay (?:with|by|in)\b")


def hangs_on_service(text: str) -> bool:
    """Whether a request waits on something about the shop's services (delivery, payment,
    wrapping, discounts) that the assistant cannot know."""
    said = text.lower().replace("’", "'")
    if " if " not in f" {said} ":
        return False
    asked_before = said[: m.start()] if (m := _IF_SO.search(said)) else ""
    conditions = [found.group("cond") for found in _IF.finditer(said)]
    return any(
        _PAYMENT.search(words) or analyse_clause(prepare_tokens(words)).has("NOT_OURS", "SERVICE")
        for words in [asked_before, *conditions]
        if words.strip()
    )


def without_service_condition(text: str) -> str | None:
    """The request of a message that hangs on a service ("do you gift wrap? if so add the
    candle holder as a present for my mum" -> "add the candle holder as a present for my
    mum"), or None when it hangs on none."""
    if not hangs_on_service(text):
        return None
    said = text.replace("’", "'")
    low = said.lower()
    so = _IF_SO.search(low)
    if so is not None and said[so.end() :].strip(" ,.!"):
        # "do you gift wrap? if so add ...": the question before "if so" goes with it
        kept = re.split(r"(?<=[?.!])\s+", said[: so.start()].strip())
        return (" ".join(kept[:-1]) + " " + said[so.end() :]).strip(" ,.") or None
    # "if you take bitcoin I'll get the watch, add it if so": the conditions go
    return _IF.sub("", _IF_SO.sub("", said)).strip(" ,.") or None
