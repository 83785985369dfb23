"""How many people a message names as who things are for ("for me, my partner and our two
kids": 4), so a product said once can be counted per person and "the same for my brother"
can be one person's share."""

from __future__ import annotations

from cartmate.planner import lexicon
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.text import Token

__all__ = ["people_counted", "people_served"]

#: People words that are a count themselves ("for each of the twins": two).
_GROUP_SIZES = {"twins": 2, "twin": 2, "triplets": 3, "quads": 4, "quadruplets": 4}
_ONESELF = frozenset({"me", "myself"})
_PLURAL_PEOPLE = frozenset({"children", "people", "grandparents", "parents"})
_FOR_WHOM_OWNERS = frozenset({"my", "our", "the", "his", "her", "their", "your"})


def people_counted(tokens: list[Token], i: int) -> tuple[int | None, int]:
    """From i, the people a list names ("me, my partner and our two kids": 4) and where it
    ends; None when a group's size is not said ("my kids") or it names nobody."""
    total, groups, j = 0, 0, i
    while j < len(tokens):
        k = j
        while k < len(tokens) and tokens[k].text in _FOR_WHOM_OWNERS:
            k += 1
        count = tokens[k].value if k < len(tokens) and tokens[k].is_number else None
        if count is not None:
            k += 1
        word = tokens[k].text if k < len(tokens) else ""
        if word in _ONESELF and count is None and k == j:
            size: int | None = 1
        elif word in _GROUP_SIZES and count is None:
            size = _GROUP_SIZES[word]
        elif word in lexicon.PEOPLE and word not in _ONESELF:
            plural = word.endswith("s") or word in _PLURAL_PEOPLE
            size = int(count) if count is not None else (None if plural else 1)
        else:
            break
        if size is None:
            return None, k + 1
        total, groups, j = total + size, groups + 1, k + 1
        if j < len(tokens) and tokens[j].text in {",", "and", "&", "plus"}:
            if j + 1 < len(tokens) and tokens[j + 1].text == "and":
                j += 1  # ", and"
            j += 1
    return (total if groups else None), j


def people_served(text: str) -> int:
    """How many people the message says things are for, all "for ..." phrases together
    ("one mug for me and one for my flatmate": 2); 0 when it names nobody or a group whose
    size is not said ("for the kids")."""
    tokens = prepare_tokens(text)
    total = 0
    for i, token in enumerate(tokens):
        if token.text == "for":
            count, end = people_counted(tokens, i + 1)
            if count is None and end > i + 1:
                return 0  # "for the kids": how many is not said
            total += count or 0
    return total
