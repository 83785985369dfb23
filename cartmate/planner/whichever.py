""" "Whichever is cheaper" said as "the cheaper of": "add whichever is cheaper, the candle
holder or the tank top" is "add the cheaper of the candle holder and the tank top"; "take out
whichever of the tank top and the candle holder costs more" is "take out the pricier of the
tank top and the candle holder". Read word by word, "whichever" looks like a product's name.

Rules, on the prepared tokens:
- "whichever [one] is|costs [the] <comparison>[,|:] <X> or|and <Y>";
- "whichever [one] of <X> and|or <Y> is|costs [the] <comparison>".
<comparison> is "cheaper", "cheapest", "less", "lower" or "more expensive", "dearer",
"pricier", "more"; <X> and <Y> are a few words each.
"""

from __future__ import annotations

from cartmate.planner.text import Token

__all__ = ["whichever_said_plainly"]

_CHEAPER = frozenset({"cheaper", "cheapest", "less", "lower", "least"})
_DEARER = frozenset({"dearer", "dearest", "pricier", "priciest", "more", "most", "higher"})
_AFTER_COMPARISON = frozenset({"expensive", "money", "pricey"})
_VERBS = frozenset({"is", "costs", "cost", "are"})
_ENDS = frozenset({".", "!", "?", ",", ";", "please", "then", "and", "too"})


def whichever_said_plainly(tokens: list[Token]) -> list[Token]:
    """The message with "whichever ..." said as "the cheaper / pricier of X and Y"."""
    words = [t.text for t in tokens]
    if "whichever" not in words:
        return tokens
    i = words.index("whichever")
    j = i + 1 + (words[i + 1 : i + 2] in (["one"], ["1"]))  # "whichever one"
    found = _comparison_first(words, j) or _products_first(words, j)
    if found is None:
        return tokens
    end, comparison, first, second = found
    raw = tokens[i].raw
    said = ["the", comparison, "of", *first, "and", *second]
    return [*tokens[:i], *(Token(w, raw) for w in said), *tokens[end:]]


def _comparison_at(words: list[str], j: int) -> tuple[int, str] | None:
    """(where the comparison ends, "cheaper" or "pricier") at `j`."""
    if j < len(words) and words[j] == "the":
        j += 1
    if j >= len(words):
        return None
    word = words[j]
    if word in _CHEAPER:
        return j + 1 + (words[j + 1 : j + 2] == ["expensive"]), "cheaper"
    if word in _DEARER:
        after = j + 1 < len(words) and words[j + 1] in _AFTER_COMPARISON  # "more expensive"
        return j + 1 + after, "pricier"
    return None


def _comparison_first(words: list[str], j: int) -> tuple[int, str, list[str], list[str]] | None:
    """ "is cheaper, the candle holder or the tank top"."""
    if j >= len(words) or words[j] not in _VERBS:
        return None
    compared = _comparison_at(words, j + 1)
    if compared is None:
        return None
    k, comparison = compared
    while k < len(words) and words[k] in {",", ":", "-"}:
        k += 1
    pair = _pair_at(words, k)
    if pair is None:
        return None
    end, first, second = pair
    return end, comparison, first, second


def _products_first(words: list[str], j: int) -> tuple[int, str, list[str], list[str]] | None:
    """ "of the tank top and the candle holder costs more"."""
    if j >= len(words) or words[j] != "of":
        return None
    pair = _pair_at(words, j + 1, stop=_VERBS)
    if pair is None:
        return None
    k, first, second = pair
    if k >= len(words) or words[k] not in _VERBS:
        return None
    compared = _comparison_at(words, k + 1)
    if compared is None:
        return None
    end, comparison = compared
    return end, comparison, first, second


def _pair_at(
    words: list[str], k: int, stop: frozenset[str] = _ENDS
) -> tuple[int, list[str], list[str]] | None:
    """Two mentions joined by "or" / "and" at `k`, up to `stop` (a few words each)."""
    joint = next((n for n in range(k + 1, min(len(words), k + 6)) if words[n] in {"or", "and"}),
                 None)  # fmt: skip
    if joint is None:
        return None
    end = joint + 1
    while end < len(words) and words[end] not in stop and end - joint <= 4:
        end += 1
    first, second = words[k:joint], words[joint + 1 : end]
    if not first or not second or any(w in _ENDS for w in first):
        return None
    return end, first, second
