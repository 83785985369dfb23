"""Number words to numbers: "twenty five" -> 25, "a dozen" -> 12, "half a dozen" -> 6.

Rules:
- Cardinals up to the millions: "one" .. "nineteen", tens ("twenty" .. "ninety") optionally
  followed by a unit ("twenty five", "twenty-five"), "hundred"/"thousand"/"million" scales
  ("a hundred and fifty", "two thousand", "a million"), "dozen" as a scale ("two dozen" ->
  24, "3 dozen" -> 36).
- Vague amounts: "a couple (of)" -> 2, "a pair of candle holders" -> 2 (but "a pair of
  loafers" is one product: no number), "a few" -> 3, "several" -> 3, "a single" -> 1,
  "another" -> 1 ("add another mug"), "half a dozen" -> 6, "a second" -> 1 ("a second
  pair", not the second product shown; "wait a second" stays words).
- "one" is a pronoun, not 1, after a determiner, ordinal or adjective ("this one", "the
  second one", "the black one"); it stays the word "one" for `references.py`.
Each number becomes a single token whose text is its digits, so cue patterns can use `#`.
"""

from __future__ import annotations

from decimal import Decimal

from cartmate.planner.lexicon import (
    COLOURS,
    ONE_PRONOUN_AFTER,
    ORDINALS,
    SCALES,
    TENS,
    UNITS,
    VAGUE_NUMBERS,
)
from cartmate.planner.text import Token

__all__ = ["merge_numbers"]


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].text if 0 <= i < len(tokens) else ""


def _cardinal(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Parses a run of number words (or digits + scale) from i -> (value, tokens used)."""
    total, current, j, last = 0, 0, i, ""
    while j < len(tokens):
        w = tokens[j].text
        if w in UNITS and last in {"", "tens", "scale"} and not (last == "tens" and UNITS[w] > 9):
            current += UNITS[w]
            last = "unit"
        elif w in TENS and last in {"", "scale"}:
            current += TENS[w]
            last = "tens"
        elif tokens[j].is_number and not tokens[j].multiplier and j == i:
            current = int(tokens[j].value or 0)
            last = "unit"
        elif w in SCALES and (
            last in {"unit", "tens"} or (last == "scale" and SCALES[w] >= 1000 and current > 0)
        ):  # ("three hundred thousand": a scale of a scale)
            scale = SCALES[w]
            if scale >= 1000:  # "two million three hundred thousand": each part is added
                total, current = total + current * scale, 0
            else:
                current *= scale
            last = "scale"
        elif not (w == "and" and last == "scale" and _word(tokens, j + 1) in UNITS | TENS):
            break  # (an "and" between a scale and a number, "a hundred and fifty", is read on)
        j += 1
    used = j - i
    if used == 0 or (used == 1 and tokens[i].is_number):
        return None
    return total + current, used


def _vague(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """'a couple', 'a few', 'half a dozen', 'a dozen', 'a hundred', 'several', 'another'."""
    w, nxt = _word(tokens, i), _word(tokens, i + 1)
    if w == "half" and nxt in {"a", "an"} and _word(tokens, i + 2) == "dozen":
        return 6, 3
    if w == "half" and nxt == "dozen":
        return 6, 2
    if w in {"a", "an"} and nxt in {"hundred", "thousand", "million"}:
        rest = _cardinal([Token("one", "one"), *tokens[i + 1 :]], 0)
        return rest  # the stand-in "one" takes the place of "a"
    if w in {"a", "an"} and nxt in VAGUE_NUMBERS and nxt != "another":
        if nxt == "few" and _word(tokens, i + 2) in {"more", "days", "weeks", "minutes"}:
            return (3, 2) if _word(tokens, i + 2) == "more" else None
        return VAGUE_NUMBERS[nxt], 2
    if w == "another" and nxt in _PLACES:
        return None  # "cheaper at another shop": somewhere else, not one more
    if w in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[w], 1
    if w in {"a", "one"} and nxt == "pair" and _word(tokens, i + 2) == "of":
        # "a pair of candle holders" is two of them; "a pair of loafers" is one product, and
        # no number at all (as "some loafers").
        # ("a pair of those shades": the noun within the next few words)
        pair_noun = any(_word(tokens, j) in _SOLD_AS_PAIRS for j in range(i + 3, i + 6))
        return None if pair_noun else (2, 3)
    if (
        w in {"a", "an"}
        and nxt == "second"
        and _word(tokens, i - 1) not in _A_SECOND_OF_TIME_AFTER
        and _word(tokens, i + 2) not in {"ago", "later", "before", "after"}
    ):
        return 1, 2  # "a second pair", "put a second one in": another, not the 2nd shown
    return None


#: Things whose one item is already "a pair": "a pair of sunglasses" is one of them.
_SOLD_AS_PAIRS = frozenset(
    "sunglasses glasses shades specs spectacles loafers shoes boots sneakers trainers sandals "
    "heels slippers socks jeans trousers pants shorts leggings gloves earrings earbuds "
    "headphones shakers scissors tongs chopsticks".split()
)

#: Where else a product is sold: "another shop" is not one more of anything.
_PLACES = frozenset(
    "shop shops store stores site sites website websites retailer retailers seller sellers "
    "place places vendor vendors merchant merchants brand brands".split()
)

#: "wait a second", "give me a second", "just a second": time, not another one.
_A_SECOND_OF_TIME_AFTER = frozenset(
    {"wait", "just", "hold", "hang", "me", "for", "in", "take", "one", "half", "within"}
)


def _is_pronoun_one(tokens: list[Token], i: int) -> bool:
    prev = _word(tokens, i - 1)
    if prev in ONE_PRONOUN_AFTER or prev in COLOURS or prev in ORDINALS:
        return True
    if i > 0 and tokens[i - 1].ordinal is not None:
        return True
    # "which one", "one of them" is a number; "one" right before "?" after a noun is a pronoun
    return _word(tokens, i + 1) in {"ones"}


#: Words after which "none" is a quantity of zero.
_NONE_AS_ZERO_AFTER = frozenset({"to", "it", "them", "want", "need", "take", "with"})


def merge_numbers(tokens: list[Token]) -> list[Token]:
    """Replaces number words with number tokens (rules in the module docstring).

    Args:
        tokens: Tokens from `text.tokenise`.

    Returns:
        New tokens, each number a single token with `value` set.
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.text == "one" and _is_pronoun_one(tokens, i):
            out.append(token)
            i += 1
            continue
        if token.text == "none" and _word(tokens, i - 1) in _NONE_AS_ZERO_AFTER:
            # "set the mug to none", "make it none", "I want none of the candles": a count of
            # zero; elsewhere ("none of these fit") "none" stays a word
            out.append(Token("0", token.raw, Decimal(0)))
            i += 1
            continue
        parsed = _vague(tokens, i) or _cardinal(tokens, i)
        if parsed is None:
            out.append(token)
            i += 1
            continue
        value, used = parsed
        raw = " ".join(t.raw for t in tokens[i : i + used])
        fuzzy = next((t.corrected_from for t in tokens[i : i + used] if t.corrected_from), None)
        out.append(Token(str(value), raw, Decimal(value), corrected_from=fuzzy))
        i += used
    return out
