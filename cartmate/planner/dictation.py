"""What speech-to-text makes of a spoken order, put back: homophones and spoken cents.

Dictated messages come without punctuation and with the dictation engine's homophones: "add
to of them" (two), "make that for of them" (four), "and uh to black mugs", "what's there
price", "let me know when it drops to like twenty two fifty" ($22.50). Rules, on the prepared
tokens (lower case, number words as digits):

- "won", "to"/"too" and "for" are 1, 2 and 4 when they stand where a count does: before "of them" /
  "of those" / "of the", or before a shopping noun (a colour or another word of the product
  may come first, "to black mugs", "for bamboo jars"), right after a word that starts an
  order ("add", "and", "make that", "get", a filler such as "uh"). "add to cart", "something
  for the kitchen" and "look for black mugs" are left alone;
- "there" before "price", "prices", "cost" or "colour" is "their";
- an amount said as two numbers after a price word ("drops to like 22 50", "under 19 99") is
  one amount with cents (22.50, 19.99), and so is "15 pounds 50" (£15.50).
"""

from __future__ import annotations

from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.text import Token

__all__ = ["as_dictated"]

_HOMOPHONES = {"won": 1, "to": 2, "too": 2, "for": 4}
#: Words after which a count starts an order: "add to of them", "and uh to black mugs".
_ORDER_STARTS = frozenset({"add", "and", "get", "want", "need", "take", "buy", "uh", "um",
                           "erm", "so", "okay", "ok", "just", "only", "also", "plus",
                           "please"})  # fmt: skip
_MAKE_THAT = (("make", "that"), ("make", "it"))
_OF_WHAT = frozenset({"them", "those", "these", "the", "em"})
_NOUNS = lexicon.SHOPPING_NOUNS - {"cart", "basket", "trolley", "bag"}
_BEFORE_NOUN = lexicon.COLOURS | frozenset({"bamboo", "glass", "salt", "tank", "hair", "candle"})
#: Currency words an amount's cents may follow: "15 pounds 50", "twenty euros fifty".
_UNITS = frozenset({"pounds", "pound", "quid", "dollars", "dollar", "bucks", "euros", "euro"})
_THEIR_BEFORE = frozenset({"price", "prices", "cost", "costs", "colour", "color", "colours"})
_PRICE_WORDS = frozenset({"to", "below", "under", "at", "like", "around", "about", "is",
                          "hits", "drops", "over", "above", "than", "$"})  # fmt: skip


def as_dictated(tokens: list[Token]) -> list[Token]:
    """The tokens with dictation's homophones and spoken cents put back (module docstring)."""
    # Each change below starts at a homophone, at "there" or at a number
    if not any(t.is_number or t.text in _HOMOPHONES or t.text == "there" for t in tokens):
        return tokens
    out: list[Token] = []
    for i, token in enumerate(tokens):
        word = token.text
        if word in _HOMOPHONES and _a_count_here(tokens, i):
            count = _HOMOPHONES[word]
            out.append(Token(str(count), token.raw, value=Decimal(count)))
            continue
        if word == "there" and i + 1 < len(tokens) and tokens[i + 1].text in _THEIR_BEFORE:
            out.append(Token("their", token.raw))
            continue
        if (
            len(out) >= 2
            and out[-1].text in _UNITS
            and out[-2].is_number
            and out[-2].value is not None
            and out[-2].value == out[-2].value.to_integral()
            and token.is_number
            and token.value is not None
            and len(token.text) == 2
            and 10 <= token.value <= 99
        ):
            # "15 pounds 50": £15.50 (the currency word stays after the amount)
            amount = out[-2].value + token.value / 100
            out[-2] = Token(str(amount), f"{out[-2].raw} {token.raw}", value=amount)
            continue
        cents = _cents_after(tokens, i)
        if cents is not None and out and out[-1].is_number and out[-1].value is not None:
            whole = out[-1]
            amount = whole.value + cents
            out[-1] = Token(str(amount), f"{whole.raw} {token.raw}", value=amount)
            continue
        out.append(token)
    return out


def _a_count_here(tokens: list[Token], i: int) -> bool:
    before = [t.text for t in tokens[:i]]
    after = [t.text for t in tokens[i + 1 : i + 4]]
    started = not before or before[-1] in _ORDER_STARTS or tuple(before[-2:]) in _MAKE_THAT
    if not started or not after:
        return False
    if after[0] == "of" and len(after) > 1 and after[1] in _OF_WHAT:
        return True  # "add to of them"
    if after[0] in {"pair", "pairs"}:
        return True  # "take won pair of the sunglasses out"
    k = 0
    while k < len(after) and after[k] in _BEFORE_NOUN:
        k += 1  # "to black mugs", "for bamboo jars"
    noun = after[k] if k < len(after) else ""
    return noun in _NOUNS or noun.rstrip("s") in _NOUNS


def _cents_after(tokens: list[Token], i: int) -> Decimal | None:
    """The cents of "22 50" at the second number, when a price word comes just before."""
    if i < 2 or not tokens[i].is_number or not tokens[i - 1].is_number:
        return None
    whole, cents = tokens[i - 1].value, tokens[i].value
    if whole is None or cents is None or whole != whole.to_integral() or not 0 < whole < 10_000:
        return None
    if cents != cents.to_integral() or not 10 <= cents <= 99 or len(tokens[i].text) != 2:
        return None
    if tokens[i - 2].text not in _PRICE_WORDS:
        return None
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if following in _NOUNS or following.rstrip("s") in _NOUNS:
        return None  # "under 20 30 mugs" is no price
    return cents / 100
