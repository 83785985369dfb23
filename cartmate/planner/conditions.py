"""Requests that wait on a price: "If the watch is under 100 dollars, add it.", "Add the mug
if it's less than 10 bucks.", "Put two sunglasses in unless that takes me past 50 dollars.",
"If the jar costs more than the mug, skip it, otherwise add one.", "If my total is over 100,
take out the loafers.".

The message is split into the request and what it waits on (`Condition`); the request is
then understood like any other message and carries the condition, which the agent that acts
checks against the shop's own prices before doing anything.

Rules:
- "if / only if / unless / provided (that) / as long as / so long as" before the request
  ("If C, A") or after it ("A if C", "A unless C"); "unless" does the request only when the
  comparison does not hold.
- The condition says how things stand now ("is", "costs", "comes to", "takes me past"), never
  how a price moves ("if it drops below 80" is a price alert's, left to the alert rules), and
  weighs a price: "under / below / less than / cheaper than / lower than" or "over / above /
  more than / past / dearer than / pricier than / more expensive than".
- "if there's anything under 6 dollars": whichever product is (`about` "any").
- What is weighed: the cart's total ("my total", "the cart", "I'm over 100 in total"), the
  total once the request is done ("that takes me past 50", "that stays under 50"), or a
  product's unit price ("the watch", "it", "they ... each"), against an amount or another
  product's price ("the jar costs more than the mug").
- "skip it, otherwise add one": the request is the one after "otherwise", done only when the
  comparison does NOT hold.
"""

from __future__ import annotations

import re

from cartmate.planner.analysis import analyse_clause, prepare_tokens
from cartmate.planner.intents import Condition, ProductRef

__all__ = ["condition_said"]

_MARKER = r"(?P<marker>(?:only )?(?:if|unless|provided(?: that)?|as long as|so long as))"
#: "If C, A" / "Only if C, then A" (the request after the first comma, ";" or "then")
_FIRST = re.compile(
    rf"^(?P<lead>[^\w]*(?:(?:and|so|ok|okay|now|then|but|well|right),?\s+)?){_MARKER}\s+"
    r"(?P<cond>[^,;]+?)\s*(?:,|;|\bthen\b)\s*(?P<act>.+)$",
    re.I | re.S,
)
#: "A if C", "A - but only if C", "A unless C"
_AFTER = re.compile(rf"^(?P<act>.+?)[\s,;-]*\b(?:but\s+)?{_MARKER}\s+(?P<cond>.+)$", re.I | re.S)
_OTHERWISE = re.compile(r"[,;.]?\s*\b(?:otherwise|else|if not)\b,?\s*(?P<other>.+)$", re.I | re.S)
#: what a clause before "if" asks that is not a request waiting on it ("tell me if ...")
_ASKS_IF = re.compile(
    r"\b(tell me|let me know|lmk|know|see|check|ask|wonder|what|even|notify me|alert me|"
    r"ping me|email me|text me|message me|warn me|remind me|me)\s*$",
    re.I,
)
_STANDS = re.compile(
    r"\b(is|are|costs?|comes? to|takes?|puts?|brings?|pushes?|stays?|keeps?|leaves?|am|"
    r"i'?m|it'?s|they'?re|that'?s|would|was)\b",
    re.I,
)
_MOVES = re.compile(
    r"\b(drops?|dropped|falls?|goes|go|gets?|reach(?:es)?|hits?|dips?|becomes?|ever)\b", re.I
)
#: "there's anything", "you have something", "there are any": some product, whichever
_ANY = re.compile(
    r"^(?:there(?:'s| is| are)|you(?:'ve got| have| sell| got)) (?:any(?:thing|one)?|something)\b",
    re.I,
)
_BELOW = frozenset({"under", "below", "less", "cheaper", "lower", "within", "most"})
_ABOVE = frozenset({"over", "above", "more", "past", "beyond", "dearer", "pricier", "expensive",
                    "higher", "exceeds", "exceed"})  # fmt: skip
_TOTAL = frozenset({"total", "cart", "bill", "altogether", "basket", "spend", "spent"})
_AFTER_VERBS = frozenset({
    "takes", "take", "puts", "put", "brings", "bring", "pushes", "push", "stays", "stay", "keeps",
    "keep", "leaves", "leave", "would", "gets",
})  # fmt: skip
_SKIP = re.compile(r"^\s*(?:just |then )?(?:skip|forget|leave|don'?t|do not|never mind|no)\b", re.I)
_TRAILING = re.compile(r"[\s,.!?]*(?:\b(?:right now|now|today|please|thanks|each|apiece)\b"
                       r"[\s,.!?]*)*$", re.I)  # fmt: skip


def condition_said(text: str) -> tuple[str, Condition] | None:
    """The request's own words and what it waits on, when the message makes a request wait
    on a price; None otherwise (rules in the module docstring)."""
    found = _FIRST.match(text)
    if found is not None:
        action, other = found.group("lead") + found.group("act"), None
        otherwise = _OTHERWISE.search(found.group("act"))
        if otherwise is not None:
            action = found.group("lead") + found.group("act")[: otherwise.start()]
            other = otherwise.group("other")
    else:
        found = _AFTER.match(text)
        if found is None or _ASKS_IF.search(found.group("act")):
            return None
        action, other = found.group("act"), None
    said = _TRAILING.sub("", found.group("cond"))
    condition = _condition(said)
    if condition is None:
        return None
    unless = found.group("marker").lower() == "unless"
    if _SKIP.match(action) and other:  # "skip it, otherwise add one": add one unless ...
        action, unless = other, not unless
    if unless:
        condition = Condition(condition.about, condition.below, condition.product,
                              condition.amount, condition.than, unless=True)  # fmt: skip
    return action.strip(" ,;-"), condition


def _condition(said: str) -> Condition | None:
    """What "the watch is under 100 dollars", "my total is over 100", "that takes me past 50
    dollars" or "the jar costs more than the mug" weighs, or None when it weighs no price."""
    if _MOVES.search(said) or not (_STANDS.search(said) or _ANY.match(said)):
        return None
    tokens = prepare_tokens(said)
    words = [t.text for t in tokens]
    if not (set(words) & (_BELOW | _ABOVE)):
        return None
    clause = analyse_clause(tokens)
    money = clause.money
    amount = money.max_price or money.min_price or money.price
    if money.max_price is not None:
        below = True
    elif money.min_price is not None:
        below = False
    else:
        first = next((w for w in words if w in _BELOW | _ABOVE), None)
        below = first in _BELOW
    if _ANY.match(said):  # "if there's anything under 6 dollars, add it": whatever is
        return Condition("any", below, amount=amount) if amount is not None else None
    if len(words) > 1 and words[0] in {"that", "this", "it", "which"} and words[1] in _AFTER_VERBS:
        return Condition("after", below, amount=amount) if amount is not None else None
    if set(words) & _TOTAL or words[:2] == ["i", "am"]:
        return Condition("total", below, amount=amount) if amount is not None else None
    refs = [r for r in clause.refs.products if r.text or r.anaphora]
    subject = _subject(refs[0]) if refs else None
    if amount is not None:
        return Condition("price", below, product=subject, amount=amount)
    than = next((r for r in refs[1:] if r.text), None)
    if than is None:
        return None
    return Condition("price", below, product=subject, than=ProductRef(text=than.text))


def _subject(ref: ProductRef) -> ProductRef | None:
    """The product whose price is weighed; None for "it" / "they" (the request's own)."""
    return ProductRef(text=ref.text) if ref.text else None
