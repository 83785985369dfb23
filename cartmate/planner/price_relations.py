"""Searches asked for relative to a product's price, or to an amount.

"Something like the mug but cheaper", "anything in the same price range as the
sunglasses?", "a bit more expensive than the tank top", "what's the next cheapest thing after
the mug?", "the one just above it in price", "anything between the mug and the sunglasses in
price?", "something that costs about the same as two mugs", "what's closest in price to 20
dollars?", "anything under half the watch's price?", "anything cheaper than everything in my
cart?". Each is a `search` whose `relative` says how it stands to the product(s) named
(`products`, "it" for the one talked about) or to the amount (`price`):

- "cheaper": under the product's price (`divisor`: under that part of it: "half");
- "near": about that price (`factor`: of that many: "two mugs"); `limit` 1 asks for the
  closest one only;
- "above" / "below": the next one up or down in price (`limit` 1), or a bit dearer (no limit);
- "between": priced between the two products named.

The agent that searches works the bounds out from the prices the conversation has shown.
"""

from __future__ import annotations

import re

from cartmate.planner.intents import Intent, ProductRef
from cartmate.planner.lexicon import UNITS
from cartmate.planner.money_phrases import extract_money
from cartmate.planner.text import tokenise

__all__ = ["price_relation", "price_relation_at"]

_THE = r"(?:the |that |those |these |your |my )?"
#: a product mentioned in a relation: a few words, or "it" / "them"
_X = r"(?P<x>[a-z][a-z&' ]{0,30}?)"
_Y = r"(?P<y>[a-z][a-z&' ]{0,30}?)"
_X2 = r"(?P<x2>[a-z][a-z&' ]{0,30}?)"
_Y2 = r"(?P<y2>[a-z][a-z&' ]{0,30}?)"
_END = (
    r"(?=\s*(?:[?.!,]|$| in price| price| and | please| then| going| for me| in my| in the|"
    r" to my| into my| to the))"
)
#: words of an amount ("between twenty and forty dollars" is a price range, not two products)
_AMOUNT_WORDS = re.compile(
    r"\d|\b(?:dollars?|bucks?|euros?|pounds?|quid|yen|cents?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred)\b"
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("like_cheaper", re.compile(rf"\blike {_THE}{_X} but (?:a bit |a little )?(?:cheaper|less)")),
    (
        "same_range",
        re.compile(rf"\b(?:the )?same price (?:range|bracket|level) as {_THE}{_X}{_END}"),
    ),
    (
        "about_times",
        re.compile(
            r"\babout the same as (?P<n>two|three|four|[234]) (?P<x>[a-z][a-z ]{0,20}?)" + _END
        ),
    ),
    (
        "closest_amount",
        re.compile(
            r"\bclosest in price to (?P<amount>(?:[$€£¥]\s?)?\d[\d.,]*(?: ?[a-z]+)?)" + _END
        ),
    ),
    ("closest_to", re.compile(rf"\bclosest in price to {_THE}{_X}{_END}")),
    (
        "bit_more",
        re.compile(
            rf"\b(?:a bit|a little|slightly|bit) (?:more expensive|pricier|dearer) than "
            rf"{_THE}{_X}{_END}"
        ),
    ),
    (
        "next_up",
        re.compile(
            rf"\bnext (?:cheapest|one up|thing up|dearest)(?: thing| one)? "
            rf"(?:after|above|up from) {_THE}{_X}{_END}"
        ),
    ),
    (
        # "next cheapest?" with nothing named: the next one up from the one talked about
        "next_bare",
        re.compile(
            r"\b(?:the )?next (?:cheapest|cheaper|one up|thing up)(?: thing| one)?"
            r"(?: in price)?(?=\s*(?:[?.!,]|$|please|pls|then))"
        ),
    ),
    ("just_above", re.compile(rf"\b(?:just|right|next) above {_THE}{_X}{_END}")),
    ("just_below", re.compile(rf"\b(?:just|right|next) below {_THE}{_X}{_END}")),
    (
        "between",
        re.compile(
            rf"\b(?:anything|something|what|priced|costs?|costing|one) (?:is |that is |priced )?"
            rf"between {_THE}{_X} and {_THE}{_Y}(?= in price| price|\s*[?.!]|$)|"
            rf"\bbetween {_THE}{_X2} and {_THE}{_Y2} in price"
        ),
    ),
    (
        "half_of",
        re.compile(
            rf"\bunder half (?:of )?{_THE}(?P<x>[a-z][a-z ]{{0,20}}?)(?:'s|s)? (?:price|cost)\b|"
            rf"\bunder half (?:of )?(?P<it>its|their) price\b"
        ),
    ),
    (
        "cheaper_than_cart",
        re.compile(r"\bcheaper than (?:everything|anything|all) in (?:my|the) (?:cart|basket)\b"),
    ),
)


def price_relation(text: str) -> Intent | None:
    """The search a message asks for relative to a price, or None (see the module
    docstring)."""
    found = price_relation_at(text)
    return found[0] if found else None


def price_relation_at(text: str) -> tuple[Intent, int] | None:
    """The search a message asks for relative to a price and where in the message its words
    start ("add it, and the one just below it in price": what comes before is another
    request), or None."""
    said = text.lower().replace("’", "'")
    for name, pattern in _RULES:
        found = pattern.search(said)
        if found is None:
            continue
        intent = _intent(name, found)
        if intent is not None:
            return intent, found.start()
    return None


def _ref(words: str | None) -> ProductRef:
    """The product a relation names; "it", "them", "that one" are the one talked about."""
    said = (words or "").strip()
    said = re.sub(r"^(?:one|ones)\b|\b(?:one|ones|thing|things)$", "", said).strip()
    if said in {"", "it", "them", "that", "those", "this", "these", "they"}:
        return ProductRef(anaphora=True)
    return ProductRef(text=said)


def _intent(name: str, found: re.Match[str]) -> Intent | None:
    groups = found.groupdict()
    x = _ref(groups.get("x"))
    if name == "like_cheaper":
        return Intent(kind="search", relative="cheaper", products=(x,))
    if name == "same_range":
        return Intent(kind="search", relative="near", products=(x,))
    if name == "about_times":
        said = groups["n"]
        count = int(said) if said.isdigit() else UNITS.get(said, 1)
        return Intent(kind="search", relative="near", products=(x,), factor=count)
    if name == "closest_amount":
        money = extract_money(tokenise(groups["amount"]))
        bound = money.price or money.max_price or money.min_price
        if bound is None:
            return None
        return Intent(kind="search", relative="near", price=bound, limit=1)
    if name == "closest_to":
        return Intent(kind="search", relative="near", products=(x,), limit=1)
    if name == "bit_more":
        return Intent(kind="search", relative="above", products=(x,))
    if name in {"next_up", "next_bare", "just_above"}:  # no product named: "it"
        return Intent(kind="search", relative="above", products=(x,), limit=1)
    if name == "just_below":
        return Intent(kind="search", relative="below", products=(x,), limit=1)
    if name == "between":
        first, second = (groups.get("x"), groups.get("y")) if groups.get("x") else (
            groups.get("x2"), groups.get("y2"))  # fmt: skip
        if _AMOUNT_WORDS.search(f"{first} {second}"):
            return None  # "anything between twenty and forty dollars?": a price range
        return Intent(kind="search", relative="between", products=(_ref(first), _ref(second)))
    if name == "half_of":
        ref = ProductRef(anaphora=True) if groups.get("it") else x
        return Intent(kind="search", relative="cheaper", products=(ref,), divisor=2)
    if name == "cheaper_than_cart":
        return Intent(kind="search", relative="cheaper", about_cart=True)
    return None
