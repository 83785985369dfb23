"""Figures a shopper works out and says, split from the request they come with.

"Add 2 mugs at 8.99 each, that's 17.98 right?", "so 3 jars would be 16.47?", "so my total is
34.45 now?", "is my total 45 or 46 now?", "in euros that's about 180, right?", "take the
watch out - that leaves exactly 89.99, doesn't it?", "add 3 more mugs, that's another
24.97". The message without the figure is understood as usual (a bare "so 3 jars" becomes
"how much would 3 jars come to?", "so my total" becomes "what's my total?"); the figure
rides along as the intent's `Claim`, and the answer confirms it or gives the right one.

Rules:
- the claim ends the message (or comes before ", add ..."): a verb of result ("that's", "is",
  "would be", "comes to", "I'm at", "I'd be at", "I'm down to", "brings me to", "leaves",
  "I'd pay", "saves me", "makes") then an amount, optionally "X or Y", then "right?",
  "yes?", "correct?", "isn't it?", "doesn't it?" or just "?";
- "about", "roughly", "around", "over", "under", "nearly" make it approximate;
- a claim needs a question mark, a tag ("right", "yes") or a request beside it: "the mug is
  8.99" said flatly is no claim (it may be a price alert's target or a deal question).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from cartmate.planner.intents import Claim
from cartmate.planner.lexicon import UNITS

__all__ = ["claim_said"]

_NUMBER = r"(?:[$€£¥]\s?)?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:dollars|bucks|euros|pounds|quid|yen))?"
_VERBS = (
    r"(?:that'?s|that is|thats|which is|which makes|that makes|making|that'?d be|that would be|"
    r"it'?s|it is|is|are|would be|will be|should be|comes? to|come to|i'?m at|i am at|"
    r"i'?d be at|i would be at|i'?m down to|i am down to|brings me to|leaves(?: me)?(?: with)?|"
    r"i'?m left with|i am left with|i'?d pay|i would pay|saves? me|i save|i'?d save|"
    r"i would save|makes|=|equals)"
)
_TAGS = r"(?:right|yes|yeah|correct|isn'?t it|is it|doesn'?t it|no|ok|okay|yep)"
_CLAIM = re.compile(
    rf"(?P<lead>^|[,;.\-–—:]\s*|\s)(?:so\s+|and\s+)?(?P<subject>(?:(?:my |the )?total|altogether|"
    rf"in total|together(?: they)?|it|they|that|this|the lot|all that)\s+)?{_VERBS}\s+"
    rf"(?P<approx>(?:another|just|exactly|about|roughly|around|approximately|nearly|over|under|"
    rf"only|still)\s+)?(?P<a>{_NUMBER})(?:\s+or\s+(?P<b>{_NUMBER}))?"
    rf"(?P<rest>(?:\s+(?:exactly|in total|total|altogether|now|then|each))?\s*,?\s*(?:{_TAGS})?"
    rf"\s*(?:\?+|$|\.(?!\d)|!|(?=,\s*(?:add|put|take|remove|and|so)\b)))",
    re.I,
)
#: "is my total 45 or 46 now?", "is that 32.94 or 33.94?": a figure asked with its guesses
_ASKED = re.compile(
    rf"(?P<lead>^|[,;.\-–—:]\s*|\s)(?:so\s+)?(?:is|are)\s+(?P<subject>(?:my |the )?total|it|that|"
    rf"this|they|the lot)\s+(?P<approx>(?:about|roughly|around|over|under)\s+)?(?P<a>{_NUMBER})"
    rf"(?:\s+or\s+(?P<b>{_NUMBER}))?(?P<rest>(?:\s+(?:now|then|exactly))?\s*\?+)",
    re.I,
)
#: verbs that claim a figure even without a question ("add 3 mugs, that's 24.97.")
_STRONG = re.compile(
    r"^(?:that'?s|that is|thats|which is|which makes|that makes|making|that'?d be|"
    r"that would be|comes? to|come to|brings me to|saves? me|=|equals)\b"
)
#: "109.99 plus 37.98 plus 26.97", "5.49 times five", "24.99 minus 17.98"
_SUM = re.compile(
    r"(?P<expr>\d[\d,]*(?:\.\d{1,2})?(?:\s*(?:plus|\+|minus|-|times|x|\*)\s*"
    r"(?:\d[\d,]*(?:\.\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten))+)",
    re.I,
)
_APPROX = frozenset({"about", "roughly", "around", "approximately", "nearly", "over", "under"})
_CURRENCY = {"$": "USD", "dollars": "USD", "bucks": "USD", "€": "EUR", "euros": "EUR",
             "£": "GBP", "pounds": "GBP", "quid": "GBP", "¥": "JPY", "yen": "JPY"}  # fmt: skip
#: what is left of a message that only asked about a figure
_ONLY_TOTAL = re.compile(r"^\W*(?:so\s+)?(?:my |the )?(?:total|cart|altogether|in total)\W*$")
#: "so five things at 18.99", "let me check:": the whole cart is what is added up
_ALL_OF_IT = re.compile(r"\b(?:things|items|everything|all of it|let me check|check)\b")
_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|a dozen|half a dozen"
_IN_A_CURRENCY = re.compile(r"^\W*(?:so\s+|and\s+)?in ([a-z]+(?: [a-z]+)?)\W*$")
#: what an amount after "is" may be instead of a worked-out figure: a budget, a target
_NOT_WORKED_OUT = re.compile(
    r"\b(?:budget|limit|spend|spending|afford|max|maximum|target|alert|saw|seen|found|elsewhere|"
    r"at (?:another|other) (?:shop|store)|cheaper at)\b"
)
_LEADING_SO = re.compile(r"^\W*so\s+", re.I)
_NOTHING_LEFT = re.compile(r"^\W*(?:so|ok|okay|and|then|right|hmm|let me check)?\W*$")


def claim_said(text: str) -> tuple[str, Claim] | None:
    """(the message without the claim, the claim), or None when it makes none."""
    said = text.lower().replace("’", "'")
    found = None
    for match in (*_CLAIM.finditer(said), *_ASKED.finditer(said)):
        if found is None or match.start() > found.start():
            found = match
    if found is None:
        return None
    tagged = "?" in found.group("rest") or re.search(_TAGS, found.group("rest"))
    verb = said[found.start() : found.start("a")].strip(" ,;-–—:").removeprefix("so ")
    verb = verb.removeprefix("and ").strip()
    before = text[: found.start()].strip(" ,;-–—:")
    after = text[found.end() :].strip(" ,")
    if not tagged and not ((before and _STRONG.match(verb)) or (before and after)):
        return None  # "the mug is 8.99" said flatly: no figure worked out
    if _NOT_WORKED_OUT.search(before.lower()):
        return None  # "my budget ... is 65 dollars": a budget said, not a sum to check
    amounts = [_amount(found.group("a"))]
    if found.group("b"):
        amounts.append(_amount(found.group("b")))
    if any(a is None for a in amounts):
        return None
    approximate = (found.group("approx") or "").strip() in _APPROX
    currency = _currency(found.group("a"))
    summed = _SUM.search(before.lower())
    worked = _worked_out(summed.group("expr")) if summed else None
    if summed is not None:  # "5.49 times five is 27.45?": the sum worked out too
        before = (before[: summed.start()] + before[summed.end() :]).strip(" ,;-–—:")
    claim = Claim(tuple(a for a in amounts if a is not None), currency, approximate, worked)
    request = " ".join(part for part in (before, after) if part)
    subject = (found.group("subject") or "").strip()
    return _as_request(request, subject), claim


def _as_request(request: str, subject: str) -> str:
    """The request the figure is about, when the words before it ask nothing of their own:
    "so my total" -> "what's my total?", "so 3 jars" -> "how much would 3 jars come to?"."""
    said = request.lower()
    currency = _IN_A_CURRENCY.match(said)
    if currency is not None:  # "in euros that's about 180, right?": that, in euros
        return f"what's that in {currency.group(1)}?"
    if said.startswith("if ") and "?" not in said:
        # "if I take one mug out I save 8.99?": what it would come to, supposing that
        return f"{request.rstrip(' ,.')}, what would it come to?"
    if _NOTHING_LEFT.match(said) or _ONLY_TOTAL.match(said) or _ALL_OF_IT.search(said):
        if subject in {"they", "together they", "together"}:
            return "how much are both together?"
        return "what's my total?"
    if re.match(rf"^\W*(?:so\s+)?(?:\d+|{_COUNT_WORDS})\s+[a-z]", said) and not re.search(
        r"\b(add|put|take|remove|get|buy|want|order)\b", said
    ):
        asked = _LEADING_SO.sub("", request).strip()
        return f"how much would {asked} come to?"
    return request


def _worked_out(expression: str) -> Decimal | None:
    """The value of "109.99 plus 37.98 plus 26.97", "5.49 times five", "24.99 minus 17.98"
    (left to right, as said)."""
    parts = re.findall(r"\d[\d,]*(?:\.\d{1,2})?|plus|\+|minus|-|times|x|\*|[a-z]+",
                       expression.lower())  # fmt: skip
    value: Decimal | None = None
    operator = "+"
    for part in parts:
        if part in {"plus", "+"}:
            operator = "+"
        elif part in {"minus", "-"}:
            operator = "-"
        elif part in {"times", "x", "*"}:
            operator = "*"
        else:
            number = Decimal(UNITS[part]) if part in UNITS else _amount(part)
            if number is None:
                return None
            if value is None:
                value = number
            elif operator == "+":
                value += number
            elif operator == "-":
                value -= number
            else:
                value *= number
    return value


def _amount(said: str) -> Decimal | None:
    digits = re.sub(r"[^\d.]", "", said.replace(",", ""))
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _currency(said: str) -> str | None:
    for word, code in _CURRENCY.items():
        if word in said:
            return code
    return None
