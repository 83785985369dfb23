"""Changes to the cart a price question only supposes: "what would it come to with two more
jars?", "how much with one less tank top?", "what's my total if I add a watch?", "how much
without the mugs?". They are taken out of the message (the rest is the question about the
cart) and returned as (product, change) pairs; nothing is changed in the cart.
"""

from __future__ import annotations

from cartmate.planner.analysis import analyse_clause
from cartmate.planner.intents import ProductRef
from cartmate.planner.text import Token

__all__ = ["WITHOUT", "supposed_changes"]

#: The change that takes a whole line out ("without the mugs"): lines never go below zero.
WITHOUT = -999

_MORE = frozenset({"more", "extra", "additional"})
_HOW_THEY_COME = frozenset({"pair", "pairs", "one", "ones", "set", "sets"})
_LESS = frozenset({"less", "fewer"})
_ADDING = frozenset("add added get got buy bought take took had grab grabbed".split())
_REMOVING = frozenset("remove removed drop dropped lose lost ditch ditched skip skipped".split())
_ASKING = frozenset({"would", "if", "how", "what", "whats", "much"})
#: Other sums a supposition leads to, answered elsewhere: a saving ("if I got 3 jars instead
#: of mugs how much would I save?"), what a budget leaves ("if I add the sunglasses too, how
#: much more would I need?").
_OTHER_SUMS = frozenset(
    "instead save saving savings afford budget need left difference spend spent".split()
)
#: Where the product's words end: "with two more jars in euros", "... and one less mug".
_STOPS = frozenset({"in", "and", "then", "please", "would", "will", "come", "be", "cost"})


def supposed_changes(tokens: list[Token]) -> tuple[list[Token], tuple[tuple[ProductRef, int], ...]]:
    """The message without its supposed changes, and those changes; unchanged when it asks
    nothing ("add the mug with two more jars" is no question)."""
    words = [t.text for t in tokens]
    others = _OTHER_SUMS & set(words)
    # "how much would I save if I dropped the loafers?": the saving is the quote's difference
    # (with "instead" it is a swap weighed, answered elsewhere)
    saving_only = others <= {"save", "saving", "savings"} and "instead" not in words
    if not (_ASKING & set(words) or "?" in words) or (others and not saving_only):
        return tokens, ()
    changes: list[tuple[ProductRef, int]] = []
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        found = _change_at(tokens, i)
        if found is None:
            kept.append(tokens[i])
            i += 1
            continue
        end, ref, change = found
        changes.append((ref, change))
        i = end
        while i < len(tokens) and words[i] == "and" and (more := _change_at(tokens, i + 1)):
            end, ref, change = more  # "with two more jars and one less mug"
            changes.append((ref, change))
            i = end
    if not changes:
        return tokens, ()
    return kept, tuple(changes)


def _change_at(tokens: list[Token], i: int) -> tuple[int, ProductRef, int] | None:
    """(end, product, change) of a supposed change starting at token i."""
    words = [t.text for t in tokens]
    w = words[i] if i < len(words) else ""
    j, sign = i + 1, 0
    if w == "with" or (w == "and" and i > 0):
        count, j = _count_at(tokens, j)
        if j < len(words) and words[j] in _MORE:
            sign, j = 1, j + 1
        elif j < len(words) and words[j] in _LESS:
            sign, j = -1, j + 1
        elif w == "with" and words[i + 1 : i + 2] == ["another"]:
            sign, count, j = 1, 1, i + 2
        else:
            return None
    elif w == "without":
        count, sign = -WITHOUT, -1
    elif (
        tokens[i].value is not None
        and tokens[i].value > 0
        and i > 0
        and words[i - 1] in {"would", "will", "do", "does"}
        and words[i + 1 : i + 2]
        and words[i + 1] in _MORE
        and {"come", "total"} & set(words[i + 2 :])  # the cart's sum, not their price
    ):
        count, sign, j = int(tokens[i].value), 1, i + 2  # "what would two more jars come to?"
    elif w == "if" and words[j : j + 1] in (["i"], ["we"]):
        j += 1
        if j < len(words) and words[j] in {"were", "was"}:
            j += 1
        verb = words[j] if j < len(words) else ""
        if verb in _ADDING:
            sign = 1
        elif verb in _REMOVING or (verb in {"take", "took"} and "out" in words[j:]):
            sign = -1
        else:
            return None
        j += 1 + (j + 1 < len(words) and words[j + 1] in {"only", "just"})  # "only one pair"
        count, j = _count_at(tokens, j)
        if sign < 0 and count == 1 and not _counted(tokens, j - 1):
            count = -WITHOUT  # "if I removed the mugs": the whole line
        if j < len(words) and words[j] in _MORE:
            j += 1
    else:
        return None
    if j < len(words) and words[j] == "of":
        j += 1
    end = j
    while end < len(words) and tokens[end].is_word and words[end] not in _STOPS:
        end += 1
    if end < len(words) and words[end] == "out":
        end += 1
    said = [t for t in tokens[j:end] if t.text != "out"]
    if said and said[-1].text in {"each", "everything", "all", "both"}:
        ref = ProductRef(all_recent=True)
    elif said and said[0].text in {"it", "that", "them", "those", "this"}:
        ref = ProductRef(anaphora=True)
    elif said and {t.text for t in said} <= _HOW_THEY_COME:
        ref = ProductRef(anaphora=True)  # "if I dropped only one pair?": of the one in focus
    elif said:
        products = analyse_clause(said).refs.products
        if not products:
            return None
        ref = products[0]
    else:
        ref = ProductRef(anaphora=True)  # "with one more": the one in focus
    return end, ref, sign * count


def _count_at(tokens: list[Token], i: int) -> tuple[int, int]:
    """(count, next index): "two" -> 2, "a"/"an"/"another" -> 1; 1 when none is said."""
    if i < len(tokens) and tokens[i].value is not None and tokens[i].value > 0:
        return int(tokens[i].value), i + 1
    if i < len(tokens) and tokens[i].text in {"a", "an", "another", "the", "my"}:
        return 1, i + 1
    return 1, i


def _counted(tokens: list[Token], i: int) -> bool:
    return 0 <= i < len(tokens) and tokens[i].value is not None
