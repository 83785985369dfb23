"""Price phrases and currency mentions.

Rules:
- An *amount* is a number with a currency next to it: "$25", "25$", "USD 25", "25 usd",
  "30 euros", "20 bucks", "3000 yen", "C$40". Weak currency words ("won", "real", "rand")
  count only after a number or after "in"/"to"/"into".
- A comparator before an amount or a bare number sets a bound: "under/below/less than/at most/
  up to/no more than/max/< $25" -> max; "over/above/more than/at least/min/> 20" -> min.
  "nothing over £50" flips it (a maximum).
  After an amount: "$30 max", "20 or less" -> max; "$50+", "50 and up" -> min.
  "drops/falls/goes to $80" -> max (an alert target). "up to 6" after a quantity verb
  ("bump the mugs up to 6") is a quantity, not a price.
- Ranges: "between $50 and $150", "from 20 to 50 euros", "$20-$50", "20 to 50 dollars" (a
  range without "between"/"from" needs a currency on one side). A currency said on one side
  applies to both.
- A bare amount with no comparator is `price` ("is $109 a fair price?"), as is a bare
  number after "at", "around", "hit" or "reach" ("a good buy at 109.99", "if it hits 12.50").
- A currency said without an amount ("in euros", "€ please", "switch to jpy") is `currency`;
  when several, the one after "to"/"into"/"in" wins. Failing that, a word after "in"/"to"/
  "into" that the planner does not know is passed through upper-cased when a currency cue
  word is in the clause ("prices in bitcoin"), when it is all the clause says ("in XYZ"), or
  when it was typed as three capitals ("in XYZ please").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from cartmate.planner import lexicon
from cartmate.planner.fuzzy import known_words
from cartmate.planner.intents import PriceLimit
from cartmate.planner.text import Token

__all__ = ["MoneySlots", "currency_at", "extract_money"]

_TO_WORDS = frozenset({"in", "to", "into"})
_QUANTITY_VERBS = frozenset({"bump", "increase", "raise", "change", "update", "set", "make"})
#: "take the mugs down to 2", "cut it back to 1": a line's count, unless a currency is said.
_COUNT_DOWN_VERBS = frozenset({"take", "bring", "cut", "reduce", "lower", "knock", "drop"})
_NEGATIONS = frozenset({"nothing", "none", "never", "nowt"})
_NOT_UNKNOWN = (
    lexicon.FILLERS
    | lexicon.SHOPPING_NOUNS
    | lexicon.COLOURS
    | lexicon.STYLE_WORDS
    | lexicon.NOT_CURRENCY
    | frozenset(lexicon.CATEGORY_WORDS)
    | lexicon.QUERY_GENERIC
)


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    value: Decimal
    currency: str | None

    def limit(self, currency: str | None = None) -> PriceLimit:
        return PriceLimit(self.value, self.currency or currency)


@dataclass(frozen=True)
class MoneySlots:
    """What `extract_money` found. `used` are the token indices it consumed."""

    max_price: PriceLimit | None = None
    min_price: PriceLimit | None = None
    price: PriceLimit | None = None
    currency: str | None = None
    percent: Decimal | None = None  # "drops 20%", "10 percent off": a relative change
    used: frozenset[int] = frozenset()


def _text(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


#: Words in a currency name, longest first ("plain old us dollars" is four).
_NAME_LENGTHS = tuple(range(max(len(n.split()) for n in lexicon.CURRENCY_NAMES), 0, -1))
#: The words a currency name starts with: elsewhere no name is looked up (most positions).
_NAME_STARTS = frozenset(n.split()[0] for n in lexicon.CURRENCY_NAMES)


def currency_at(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """The currency named at token i -> (ISO code, tokens used), or None."""
    if not 0 <= i < len(tokens):
        return None
    word = tokens[i].text
    if word in lexicon.CURRENCY_SYMBOLS:
        return lexicon.CURRENCY_SYMBOLS[word], 1
    if word in _NAME_STARTS:
        for n in _NAME_LENGTHS:
            phrase = " ".join(t.text for t in tokens[i : i + n])
            if i + n <= len(tokens) and phrase in lexicon.CURRENCY_NAMES:
                return lexicon.CURRENCY_NAMES[phrase], n
    if word in lexicon.CURRENCY_CODES:
        return word.upper(), 1
    if (
        word in lexicon.WEAK_CURRENCY_WORDS
        and (_text(tokens, i - 1) in _TO_WORDS or (i > 0 and tokens[i - 1].is_number))
        and (word in _WEAK_NOUNS or _ends_phrase(tokens, i + 1))
    ):
        return lexicon.WEAK_CURRENCY_WORDS[word], 1
    return None


#: Weak currency words that are nouns; the others are a country's adjective, a currency
#: only when nothing follows ("in Canadian?", not "in Japanese style").
_WEAK_NOUNS = frozenset({"won", "real", "rand", "try"})
_AFTER_A_CURRENCY = frozenset({"please", "pls", "then", "instead", "now", "too", "thanks"})


def _ends_phrase(tokens: Sequence[Token], i: int) -> bool:
    return i >= len(tokens) or tokens[i].is_boundary or tokens[i].text in _AFTER_A_CURRENCY


def _is_amount_number(token: Token) -> bool:
    return token.is_number and not token.multiplier


def _find_amounts(tokens: Sequence[Token]) -> list[_Amount]:
    amounts: list[_Amount] = []
    i = 0
    while i < len(tokens):
        prefix = currency_at(tokens, i)
        if prefix and i + prefix[1] < len(tokens) and _is_amount_number(tokens[i + prefix[1]]):
            j = i + prefix[1]
            end = j + 1
            again = currency_at(tokens, end)  # "$25 dollars"
            if again and again[0] == prefix[0]:
                end += again[1]
            amounts.append(_Amount(i, end, tokens[j].value or Decimal(0), prefix[0]))
            i = end
            continue
        if _is_amount_number(tokens[i]):
            suffix = currency_at(tokens, i + 1)
            if suffix:
                end = i + 1 + suffix[1]
                amounts.append(_Amount(i, end, tokens[i].value or Decimal(0), suffix[0]))
                i = end
                continue
        i += 1
    return amounts


@cache
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases)


def _phrase_at(tokens: Sequence[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first phrase found at i (0 if none)."""
    if i >= len(tokens) or tokens[i].text not in _first_words(phrases):
        return 0  # most positions start no phrase: skip building a tuple per phrase
    for phrase in phrases:
        if tuple(t.text for t in tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _value_at(tokens: Sequence[Token], i: int, amounts: dict[int, _Amount]) -> _Amount | None:
    """An amount or a bare number starting at i (after allowed fillers)."""
    while _text(tokens, i) in lexicon.AMOUNT_FILLERS and i + 1 < len(tokens):
        i += 1
    if i in amounts:
        return amounts[i]
    if 0 <= i < len(tokens) and _is_amount_number(tokens[i]):
        if _text(tokens, i + 1) in lexicon.SHOPPING_NOUNS:
            return None  # "more than 2 mugs" is a count
        return _Amount(i, i + 1, tokens[i].value or Decimal(0), None)
    return None


def extract_money(tokens: Sequence[Token]) -> MoneySlots:
    """Finds price bounds, a bare price and a currency (rules in the module docstring).

    Args:
        tokens: One clause's tokens, numbers already merged.

    Returns:
        The slots found and the token indices they used.
    """
    amounts = {a.start: a for a in _find_amounts(tokens)}
    used: set[int] = set()
    percent, percent_used = _percent(tokens)
    used.update(percent_used)
    amounts = {start: a for start, a in amounts.items() if start not in used}
    lo: PriceLimit | None = None
    hi: PriceLimit | None = None

    def take(start: int, end: int) -> None:
        used.update(range(start, end))

    quantity_verb = any(t.text in _QUANTITY_VERBS for t in tokens)
    count_down_verb = any(t.text in _COUNT_DOWN_VERBS for t in tokens) and not any(
        t.text in {"alert", "price", "cost", "costs"} for t in tokens
    )
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        # Ranges: "between A and B", "from A to B", "A - B", "A to B dollars".
        opener = 1 if word in {"between", "from"} else 0
        first = _value_at(tokens, i + opener, amounts)
        if first and _text(tokens, first.end) in {"and", "to", "-"}:
            second = _value_at(tokens, first.end + 1, amounts)
            if second and (opener or first.currency or second.currency):
                currency = first.currency or second.currency
                lo, hi = first.limit(currency), second.limit(currency)
                take(i, second.end)
                i = second.end
                continue
        n_max = _phrase_at(tokens, i, lexicon.MAX_COMPARATORS)
        if word == "to" and _text(tokens, i - 1) in lexicon.DROP_VERBS:
            n_max = 1
            counted = _value_at(tokens, i + 1, amounts)
            if count_down_verb and counted and not counted.currency:
                n_max = 0
        if word == "up" and quantity_verb:
            n_max = 0  # "bump the mugs up to 6" is a quantity
        n_min = 0 if n_max else _phrase_at(tokens, i, lexicon.MIN_COMPARATORS)
        target = _value_at(tokens, i + (n_max or n_min), amounts) if n_max or n_min else None
        if target:
            if _text(tokens, i - 1) in _NEGATIONS:  # "nothing over £50" is a maximum
                n_max, n_min = n_min, n_max
            if n_max:
                hi = target.limit()
            else:
                lo = target.limit()
            take(i, target.end)
            i = target.end
            continue
        if i in amounts:
            amount = amounts[i]
            # "25 dollars each at most": a price per item, bounded all the same
            each = 1 if _text(tokens, amount.end) in {"each", "apiece"} else 0
            n_hi = _phrase_at(tokens, amount.end + each, lexicon.MAX_SUFFIXES)
            n_lo = 0 if n_hi else _phrase_at(tokens, amount.end + each, lexicon.MIN_SUFFIXES)
            if n_hi or n_lo:
                hi, lo = (amount.limit(), lo) if n_hi else (hi, amount.limit())
                take(i, amount.end + each + n_hi + n_lo)
                i = amount.end + each + n_hi + n_lo
                continue
        i += 1

    bare = [a for a in amounts.values() if a.start not in used]
    if not bare:
        bare = _priced_at(tokens, used)
    for a in bare:
        take(a.start, a.end)
    currency, currency_used = _free_currency(tokens, used)
    used.update(currency_used)
    return MoneySlots(
        max_price=hi,
        min_price=lo,
        price=bare[0].limit() if bare else None,
        currency=currency,
        percent=percent,
        used=frozenset(used),
    )


#: Words that make the number before them a percentage ("20%", "20 percent", "20 per cent").
_PERCENT_WORDS = (("%",), ("percent",), ("pct",), ("per", "cent"))


def _percent(tokens: Sequence[Token]) -> tuple[Decimal | None, set[int]]:
    """The first percentage between 0 and 100 said ("drops 20%", "by 10 percent"), and the
    tokens it used (a "by" before it too), so the number is no price and "percent" no product.
    """
    for i, token in enumerate(tokens):
        if not token.is_number or token.value is None:
            continue
        n = _phrase_at(tokens, i + 1, _PERCENT_WORDS)
        if not n or not Decimal(0) < token.value < Decimal(100):
            continue
        start = i - 1 if _text(tokens, i - 1) == "by" else i
        return token.value, set(range(start, i + 1 + n))
    return None, set()


#: Words after which a bare number is a price: "at 109.99", "a gift around 50", "if they hit
#: 12.50" (an alert's target).
_PRICE_LEADS = frozenset(
    {
        "at",
        "around",
        "about",
        "roughly",
        "approximately",
        "approx",
        "circa",
        "hit",
        "hits",
        "hitting",
        "reach",
        "reaches",
        "reaching",
    }
)


def _priced_at(tokens: Sequence[Token], used: set[int]) -> list[_Amount]:
    """ "a good buy at 109.99", "a gift for my dad around 50": a bare number after "at",
    "around", "about"..."""
    for i in range(1, len(tokens)):
        token = tokens[i]
        if tokens[i - 1].text in _PRICE_LEADS and _is_amount_number(token) and i not in used:
            if _text(tokens, i + 1) not in lexicon.SHOPPING_NOUNS | {"of", "once", "a"}:
                lead = i - 1 if tokens[i - 1].text != "at" else i  # "around" is no query word
                return [_Amount(lead, i + 1, token.value or Decimal(0), None)]
    return []


#: Words that may come with a currency said on its own: "and in bitcoin then, please?".
_AROUND_A_CURRENCY = frozenset({"please", "pls", "and", "then", "what", "how", "about", "ok"})


def _free_currency(tokens: Sequence[Token], used: set[int]) -> tuple[str | None, set[int]]:
    """A currency named outside any amount, else an unknown one passed through raw."""
    found: list[tuple[int, str, int]] = []
    i = 0
    while i < len(tokens):
        hit = None if i in used else currency_at(tokens, i)
        if hit:
            found.append((i, hit[0], hit[1]))
            i += hit[1]
        else:
            i += 1
    if found:
        after_to = [f for f in found if _text(tokens, f[0] - 1) in _TO_WORDS]
        i, code, n = (after_to or found)[-1]
        return code, set(range(i, i + n))
    words = [t.text for t in tokens if not t.is_boundary]
    has_cue = any(w in lexicon.CURRENCY_CUE_WORDS for w in words)
    for i, token in enumerate(tokens):
        if i in used or _text(tokens, i - 1) not in _TO_WORDS or not token.is_word:
            continue
        if token.text in _NOT_UNKNOWN or token.text in known_words() or len(token.text) < 2:
            continue
        typed_code = len(token.raw) == 3 and token.raw.isupper() and token.raw.isalpha()
        said = [w for w in words if w not in _AROUND_A_CURRENCY]
        alone = said == [tokens[i - 1].text, token.text]  # "in XYZ", "and in bitcoin?"
        if has_cue or typed_code or alone:
            return token.raw.upper(), {i}
    return None, set()
