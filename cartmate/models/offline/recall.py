"""The shopper talking about the assistant's own answers and actions.

"did you add it?", "did that go through?", "how many mugs did you put in?", "what did you
just change?", "just the names please", "say that again in pounds", "that's not what I asked -
I meant in pounds", "you said the jar was $5.49 - is that right?", "I thought the mug was
cheaper than the jar?", "why is my total so high?", "which one did you recommend?", "why that
one?", "what else did you find?", "I'll take the one you recommended".

Most are put back into the words the planner already reads ("is the mug in my cart?", "how
much is the jar?", the previous message again with the currency said); what was just done is
told from the turn's change record (`state.CHANGES`), and the names shown from the state.
Checking what the shopper says against the facts (a price they quote, which one they thought
cheaper) is left to `verdict`, from the turn's tool results.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.undo import last_change
from cartmate.models.offline.wording import join_and
from cartmate.money import Money
from cartmate.planner.money_phrases import currency_at
from cartmate.planner.text import normalise, tokenise

__all__ = ["recalled_message", "told_from_state", "verdict"]

_WHAT_DONE = re.compile(
    r"\bwhat (did|have) you (just |actually )?(add|added|change|changed|do|done|put|set|"
    r"remove|removed|take out|took out|update|updated)\b"
)
_WENT_THROUGH = re.compile(
    r"\b(did (you|that|it) (really |actually )?(add|put|go through|work|save|set|happen)|"
    r"has (it|that) (been added|gone through|worked)|is it (in|on) (my|the) (cart|basket))\b"
)
_HOW_MANY_PUT = re.compile(
    r"\bhow many ((?:[a-z&]+ ){1,4})(did|have) you (just )?(put|add|added|get|got)\b"
)
_NAMES_ONLY = re.compile(r"^\W*(just|only)( give me)? the names\b|\bnames only\b")
_AGAIN = re.compile(
    r"\b(say|tell me) (that|it) again\b|\brepeat (that|it)\b|\bcome again\b|"
    r"\bwhich was which\b|\bnot what i asked\b"
)
_RECOMMENDED = re.compile(
    r"\b(which|what) (one )?(did|do) you (recommend|suggest|pick|choose)\b|"
    r"\bthe one you (recommended|suggested|picked|chose|mentioned)\b|\bwhy (that|this) one\b"
)
_FOUND_ELSE = re.compile(r"\bwhat else (did|have) you (find|found|got|show)\b")
_PRICE_SAID = re.compile(
    r"\b(?:you said|are you sure|is it really|i was told|is) (?:that )?(?:the )?([a-z& ]+?) "
    r"(?:was|is|costs?|were|are) ([$€£¥]?\s?\d[\d,]*(?:\.\d+)?)"
)
_THOUGHT_CHEAPER = re.compile(
    r"\bi (?:thought|think|was sure) (?:the )?([a-z& ]+?) (?:was|were|is|are) "
    r"(cheaper|pricier|more expensive|dearer|less expensive) than (?:the )?([a-z& ]+?)\b\W*$"
)
#: "what's the most expensive line?", "the cheapest line in my cart"
_LINE_ASKED = re.compile(
    r"\b(most expensive|priciest|dearest|biggest|largest|cheapest|smallest) line\b"
)
#: "the two things I added together", "both things I put in together"
_ADDED_TOGETHER = re.compile(
    r"\b(both|two|three|2|3) (?:things|products|items|ones) (?:i|we) (?:added|put in|got|"
    r"bought) (?:together|at once|at the same time)\b"
)
#: A change to the line named that way ("change the cheapest line to three"): no question
_CHANGES_IT = re.compile(r"\b(make|set|change|remove|take|drop|double|halve|delete|add|put)\b")
_TOO_HIGH = re.compile(r"\bwhy is (my|the) (total|cart|bill) so (high|much|big|expensive)\b")


def _said(view: RequestView) -> str:
    return view.user_text.lower().replace("\u2019", "'")


def _again(before: str, said: str) -> str:
    """The previous message, asked in the currency said now ("say that again in pounds")."""
    code = _currency_said(said)
    return f"{before.rstrip(' ?.!')}{code}?" if code else before


def _currency_said(text: str) -> str:
    """ " in GBP" when the message names a currency, else ""."""
    tokens = tokenise(normalise(text))
    for i in range(len(tokens)):
        found = currency_at(tokens, i)
        if found is not None:
            return f" in {found[0]}"
    return ""


def _added_together(view: RequestView, said: str) -> str | None:
    """ "how much are the two things I added together?": the latest turn that put in that
    many new lines (the change records keep the last few turns), asked about by name."""
    found = _ADDED_TOGETHER.search(said)
    if found is None:
        return None
    n = {"both": 2, "two": 2, "2": 2, "three": 3, "3": 3}[found.group(1)]
    for record in reversed([r for r in view.state.get("changes") or [] if isinstance(r, dict)]):
        new = [line for line in record.get("lines") or [] if int(line.get("before") or 0) == 0
               and int(line.get("after") or 0) > 0 and line.get("name")]  # fmt: skip
        if len(new) == n:
            return f"how much are the {join_and([line['name'] for line in new])}?"
    return None


def recalled_message(view: RequestView) -> str | None:
    """The shopper's words put as the planner reads them, when they talk about what the
    assistant said or did; None otherwise."""
    said = _said(view)
    together = _added_together(view, said)
    if together is not None:
        return together
    focus = (view.state.get("focus_product") or {}).get("name")
    many = _HOW_MANY_PUT.search(said)
    if many:
        return f"how many {many.group(1).strip()} do I have in my cart?"
    if _WENT_THROUGH.search(said):
        record = last_change(view) or {}
        if record.get("alerts_made") or record.get("alerts_cancelled"):
            return "what alerts do I have?"
        names = [line["name"] for line in record.get("lines") or [] if line.get("name")]
        named = names[-1] if names else focus
        return f"is the {named} in my cart?" if named else "show me my cart"
    if _AGAIN.search(said) and view.history_texts:
        # "say that again in pounds", "that's not what I asked - I meant in pounds": the
        # previous request again, in the currency said now
        return _again(view.history_texts[-1], said)
    line = None if _CHANGES_IT.search(said) else _LINE_ASKED.search(said)
    if _TOO_HIGH.search(said) or line:
        return "show me my cart"
    if _FOUND_ELSE.search(said):
        return "show me something else"  # the last search again, without what it showed
    price = _PRICE_SAID.search(said)
    if price and re.search(r"\b(right|sure|correct|true|really)\b", said):
        return f"how much is the {price.group(1).strip()}?"
    thought = _THOUGHT_CHEAPER.search(said)
    if thought:
        return f"which is cheaper, the {thought.group(1)} or the {thought.group(3)}?"
    recommended = _RECOMMENDED.search(said)
    if recommended and focus:
        if re.search(r"\b(take|get|buy|add|have)\b", said):
            return f"add the {focus}"  # "I'll take the one you recommended"
        return f"tell me about the {focus}"
    return None


def told_from_state(view: RequestView) -> str | None:
    """Answers that need no tool: what was just done, the names just shown."""
    said = _said(view)
    if _WHAT_DONE.search(said):
        return _what_was_done(view)
    recent = [p for p in view.state.get("recent_products") or [] if p.get("name")]
    if _NAMES_ONLY.search(said) and recent:
        return join_and([p["name"] for p in recent]) + "."
    return None


def _what_was_done(view: RequestView) -> str:
    record = last_change(view)
    if not record:
        return "I haven't changed anything yet: your cart and your price alerts are as they were."
    done: list[str] = []
    for line in record.get("lines") or []:
        name, before, after = (
            line.get("name") or line["id"],
            int(line["before"]),
            int(line["after"]),
        )
        if before == 0:
            done.append(f"added {after} × {name} to your cart")
        elif after == 0:
            done.append(f"took {name} out of your cart")
        elif after > before:
            done.append(f"added {after - before} more {name}, so you have {after}")
        else:
            done.append(f"changed {name} from {before} to {after}")
    for alert in record.get("alerts_made") or []:
        target = next((a.get("target") for a in view.state.get("alerts") or []
                       if a.get("id") == alert.get("id")), None)  # fmt: skip
        at = f" at {Money.from_dict(target).format()}" if target else ""
        done.append(f"set a price alert for {alert['product_name']}{at}")
    for alert in record.get("alerts_cancelled") or []:
        done.append(f"cancelled your alert for {alert['product_name']}")
    return f"I just {join_and(done)}." if done else "I haven't changed anything yet."


def verdict(view: RequestView) -> str | None:
    """ "you said the jar was $5.49 - is that right?": yes or no, from the price looked up;
    "I thought the mug was cheaper than the jar?": yes or no, from the two ranked; "why is my
    total so high?": the line that makes most of it."""
    said = _said(view)
    price = _PRICE_SAID.search(said)
    if price and re.search(r"\b(right|sure|correct|true|really)\b", said):
        looked = [
            o.response.get("product")
            for o in view.outcomes
            if o.name == "get_product_details" and o.response.get("status") == "ok"
        ]
        found = looked[-1] if looked else None
        stated = _amount(price.group(2))
        if found and found.get("price") and stated is not None:
            real = Money.from_dict(found["price"])
            same = real.to_decimal() == stated
            return ("Yes, that's right: " if same else "No: ") + (
                f"{found['name']} is {real.format()}."
            )
    thought = _THOUGHT_CHEAPER.search(said)
    if thought:
        ranked = [
            o.response
            for o in view.outcomes
            if o.name == "search_products" and o.response.get("status") == "ok"
        ]
        products = (ranked[-1].get("products") if ranked else None) or []
        if len(products) >= 2:
            cheaper_asked = thought.group(2) in {"cheaper", "less expensive"}
            first = products[0]["name"].lower()
            named = thought.group(1).strip().rstrip("s")
            right = (named in first) == cheaper_asked
            return "Yes, you're right." if right else "No, it's the other way round."
    line = None if _CHANGES_IT.search(said) else _LINE_ASKED.search(said)
    if _TOO_HIGH.search(said) or line:
        carts = [o.response.get("cart") for o in view.outcomes
                 if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
        items = (carts[-1] or {}).get("items") if carts else None
        if items:
            least = line is not None and line.group(1) in {"cheapest", "smallest"}
            pick = min if least else max
            top = pick(items, key=lambda i: Money.from_dict(i["line_total"]).total_nanos)
            total = carts[-1]["display_total"]
            if line is not None:  # "what's the most expensive line?": that line, its total
                return (f"The {line.group(1)} line is {top['quantity']} × {top['name']} at "
                        f"{top['display_line_total']} (your total is {total}).")  # fmt: skip
            return (f"Most of it is {top['quantity']} × {top['name']} at "
                    f"{top['display_line_total']} of your {total}.")  # fmt: skip
    return None


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[^\d.]", "", text))
    except InvalidOperation:
        return None
