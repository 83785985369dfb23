"""Product references: mentions, ordinals, pronouns, "all of them", and quantities.

Works on the tokens no cue phrase or price phrase used. Rules:
- *All*: "all of them/those/these", "both", "all three", "those two", "everything", "the
  lot", "each of them", and "all" when no product word follows ("all my alerts").
- *Ordinals*: "first".."twelfth", "2nd", "last"/"final" (-1), "second to last"/"second
  last"/"penultimate" (-2), "number 2"/"#2"/"item 2"/"option 2"; a following "one", "item",
  "result"... belongs to it. "last time", "first time" are not ordinals. "the first two" /
  "the last three" are several ordinals.
- *Anaphora*: "it", "them", "they", "this one", "that", "those", "the same". "this/that/
  these/those" before a product word are determiners ("that watch" is the mention "watch");
  "that" after "something/anything/one" starts a relative clause and refers to nothing.
- *Quantities*: a number right before a mention or reference ("two mugs", "2 of those",
  "three of the second one", skipping "of", "the", "more", "extra"), or "x3"/"3x" next to a
  mention, belongs to it; other numbers are free (e.g. the new quantity in "make it 3").
- *Mentions*: the remaining content words, split into several mentions by "and", "or", ",",
  "plus", by cue phrases between them and by numbers; filler words are dropped. A mention
  followed by "one"/"ones" ("the black one") is also anaphoric; one right after an ordinal
  ("the second mug") shares its reference (text and ordinal both set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cartmate.planner import lexicon
from cartmate.planner.intents import ProductRef
from cartmate.planner.text import Token

__all__ = ["References", "extract_references"]

_PRONOUNS = frozenset(
    {"it", "them", "they", "those", "these", "this", "that", "em", "one", "ones", "same", "yours"}
)
_DETERMINERS = frozenset({"this", "that", "these", "those"})
_RELATIVE_AFTER = frozenset(
    {
        "something",
        "anything",
        "one",
        "items",
        "stuff",
        "things",
        "products",
        "everything",
        "thing",
        "item",
        "product",
    }
)
# determiners here are free only when they are determiners ("two of those mugs")
#: "one pair", "two sets": how a count of a product comes, said without the product
_HOW_THEY_COME = frozenset({"pair", "pairs", "set", "sets", "pack", "packs"})
_QUANTITY_SKIP = frozenset({"of", "the", "more", "extra", "additional", "x", "those", "these",
                            "my", "your", "this", "that",
                            # "2 pairs of sunglasses", "3 sets of shakers": how they come
                            "pair", "pairs", "set", "sets", "pack", "packs", "piece", "pieces",
                            "units"})  # fmt: skip
_ALL_FOLLOWERS = frozenset({"of", "them", "those", "these", "it", "em"})
_NOT_ORDINAL_AFTER = frozenset(
    {"time", "week", "night", "year", "month", "day", "minute", "chance", "resort", "call"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "my", "your"})


@dataclass(frozen=True)
class References:
    """What `extract_references` found.

    Attributes:
        products: The references, in the order said.
        free_numbers: Numbers not attached to a reference (e.g. "make it 3" -> (3,)).
        mentions: The content mentions' texts, in order (queries, likes).
        pronoun: Whether any anaphoric word was said.
        definite: Whether a mention was introduced by "the"/"this"/"my"... ("the mug").
        used: Token indices used by references (mention words included).
        mention_tokens: Token indices of the mention words.
    """

    products: tuple[ProductRef, ...] = ()
    free_numbers: tuple[int, ...] = ()
    mentions: tuple[str, ...] = ()
    pronoun: bool = False
    definite: bool = False
    used: frozenset[int] = frozenset()
    mention_tokens: frozenset[int] = frozenset()


class _Scanner:
    """Holds one clause's tokens and which are still free."""

    def __init__(
        self, tokens: Sequence[Token], taken: frozenset[int], separators: frozenset[str]
    ) -> None:
        self.tokens = tokens
        self.taken = set(taken)
        self.separators = lexicon.LIST_SEPARATORS | separators
        self.items: list[tuple[int, ProductRef]] = []  # (position, ref)
        self.ends: dict[int, int] = {}  # ordinal reference position -> index after it

    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and i not in self.taken

    def is_content(self, i: int) -> bool:
        t = self.tokens[i] if 0 <= i < len(self.tokens) else None
        return bool(
            t
            and self.free(i)
            and t.is_word
            and t.text not in lexicon.FILLERS
            and t.text not in _PRONOUNS
            and t.text not in lexicon.ORDINALS
            and t.text not in self.separators
        )

    def next_meaningful(self, i: int) -> int:
        """Index of the next token after i that is not a filler word (may be taken)."""
        j = i + 1
        while j < len(self.tokens) and self.free(j) and self.word(j) in lexicon.FILLERS:
            j += 1
        return j

    def use(self, start: int, n: int, ref: ProductRef) -> None:
        self.taken.update(range(start, start + n))
        self.items.append((start, ref))


#: "the whole look": everything just shown.
_WHOLE = frozenset({"look", "lot", "set", "outfit", "thing", "bundle", "collection", "list"})


def _scan_all(s: _Scanner) -> None:
    for i, token in enumerate(s.tokens):
        if not s.free(i):
            continue
        w, nxt = token.text, s.word(i + 1)
        n = 0
        if w == "all" and nxt == "of" and s.word(i + 2) in _ALL_FOLLOWERS:
            n = 3
        elif w == "all" and (s.tokens[i + 1].is_number if i + 1 < len(s.tokens) else False):
            n = 2
        elif (
            w in {"all", "both"}
            and nxt in _ALL_FOLLOWERS - {"of"}
            or (w in {"them", "those", "these"} and nxt in {"both", "all"})
        ):
            n = 2
        elif w == "both" and nxt == "of" and s.word(i + 2) in _ALL_FOLLOWERS:
            n = 3
        elif (
            w in {"those", "these", "them"} and i + 1 < len(s.tokens) and s.tokens[i + 1].is_number
        ):
            n = 2
        elif w in {"both", "everything"} or (w == "the" and nxt == "lot"):
            n = 2 if w == "the" else 1
        elif w == "the" and nxt == "whole" and s.word(i + 2) in _WHOLE:
            n = 3  # "add the whole look"
        elif w == "each" and nxt == "of":
            n = 3 if s.word(i + 2) in _ALL_FOLLOWERS else 0
        elif w == "each" and s.word(i - 1) == "of":  # "one of each"
            n = 1
        elif w == "all" and s.word(i - 1) != "at" and not s.is_content(s.next_meaningful(i)):
            n = 1
        if n and all(s.free(j) for j in range(i, i + n)):
            s.use(i, n, ProductRef(all_recent=True))


def _ordinal_at(s: _Scanner, i: int) -> tuple[int, int] | None:
    """(position, tokens used) for an ordinal phrase at i."""
    token, w, nxt = s.tokens[i], s.word(i), s.word(i + 1)
    if token.ordinal is not None:
        return token.ordinal, 1
    if w in {"second", "next"} and nxt == "to" and s.word(i + 2) == "last":
        return -2, 3
    if w == "second" and nxt == "last":
        return -2, 2
    if w in lexicon.ORDINALS and nxt not in _NOT_ORDINAL_AFTER:
        return lexicon.ORDINALS[w], 1
    if w in lexicon.POSITION_WORDS and i + 1 < len(s.tokens) and s.tokens[i + 1].is_number:
        value = s.tokens[i + 1].value
        if value is not None and value == value.to_integral() and 0 < value < 100:
            return int(value), 2
    if w == "top" and i + 1 < len(s.tokens) and s.tokens[i + 1].is_number:
        return 0, 2  # "top 3 cheapest": a list length, not a product
    if w == "top" and nxt in lexicon.ORDINAL_NOUNS and s.word(i - 1) not in {"tank", "crop"}:
        return 1, 1  # "the top one" is the first; "the tank top one" is the tank top's
    return None


def _leading_run(s: _Scanner, i: int) -> list[int] | None:
    """ "the first two" -> [1, 2], "the last three" -> [-3, -2, -1]; else None."""
    if s.word(i) not in {"first", "last"} or i + 1 >= len(s.tokens):
        return None
    value = s.tokens[i + 1].value
    if value is None or value != value.to_integral() or not 2 <= value <= 10:
        return None
    if s.tokens[i + 1].multiplier:
        return None  # "the 1st x2": two of the first, not the first two
    if not s.free(i + 1) or s.word(i + 2) in _NOT_ORDINAL_AFTER:
        return None
    if s.is_content(i + 2) and s.word(i + 2) not in lexicon.ORDINAL_NOUNS:
        return None  # "the first 2 mugs": a count of a product, not two positions
    count = int(value)
    return list(range(1, count + 1)) if s.word(i) == "first" else list(range(-count, 0))


def _scan_ordinals(s: _Scanner) -> None:
    for i in range(len(s.tokens)):
        if not s.free(i):
            continue
        run = _leading_run(s, i)
        if run:  # several positions at once, each its own reference
            n = 3 if s.word(i + 2) in lexicon.ORDINAL_NOUNS and s.free(i + 2) else 2
            s.use(i, n, ProductRef(ordinal=run[0]))
            s.items += [(i, ProductRef(ordinal=position)) for position in run[1:]]
            s.ends[i] = i + n
            continue
        found = _ordinal_at(s, i)
        if found:
            position, n = found
            if s.word(i + n) in lexicon.ORDINAL_NOUNS and s.free(i + n):
                n += 1
            if position == 0:
                s.taken.update(range(i, i + n))
                continue
            s.use(i, n, ProductRef(ordinal=position))
            s.ends[i] = i + n


#: What may follow "the other" when it stands for a product: "and on the other at 100".
_AFTER_THE_OTHER = frozenset({"at", "for", "too", "as", "please", "pls", "then", "also", "to"})


def _scan_pronouns(s: _Scanner) -> None:
    for i, token in enumerate(s.tokens):
        w = token.text
        if (
            w == "other"
            and s.word(i - 1) == "the"
            and s.free(i - 1)
            and s.free(i)
            and (i + 1 >= len(s.tokens) or s.tokens[i + 1].is_boundary
                 or s.word(i + 1) in _AFTER_THE_OTHER)
        ):  # fmt: skip
            s.use(i - 1, 2, ProductRef(other=True))  # "the other at 100": the other product
            continue
        if not s.free(i) or w not in _PRONOUNS:
            continue
        if w == "one" and s.word(i - 1) == "other" and s.word(i - 2) == "the" and s.free(i - 1):
            s.use(i - 1, 2, ProductRef(other=True))  # "the other one": of two, not "it"
            continue
        if w in {"one", "ones"} and i > 0 and s.is_content(i - 1):
            continue  # "the black one": handled with the mention
        if w in _DETERMINERS and s.is_content(i + 1):
            continue  # "that watch": a determiner
        if w == "that" and (s.word(i - 1) in _RELATIVE_AFTER or s.is_content(i - 1)):
            continue  # "something that goes with...", "a watch that matches"
        if (
            w == "same"
            and s.word(i - 1) != "the"
            and s.word(i + 1) not in {"again", "one", "thing"}
        ):
            continue
        n = 2 if s.word(i + 1) in {"one", "ones"} and s.free(i + 1) else 1
        s.use(i, n, ProductRef(anaphora=True))


def _segments(s: _Scanner) -> list[list[int]]:
    """Runs of content words, split by separators, used tokens and numbers."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, token in enumerate(s.tokens):
        if s.is_content(i):
            current.append(i)
        elif (
            not s.free(i)
            or token.is_number
            or not token.is_word
            or token.text in s.separators
            or token.text in _PRONOUNS
        ):
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _attach_quantities(s: _Scanner, runs: list[list[int]]) -> tuple[dict[int, int], list[int]]:
    """Maps each reference's start index to its quantity; returns also the free numbers."""
    starts = {run[0] for run in runs} | {pos for pos, _ in s.items}
    attached: dict[int, int] = {}
    free: list[int] = []
    for i, token in enumerate(s.tokens):
        if not token.is_number or not s.free(i) or token.value is None:
            continue
        if token.value == 0:  # "set it to zero": only ever a new quantity
            free.append(0)
            s.taken.add(i)
            continue
        if token.value != token.value.to_integral() or not 0 < token.value < 10_000:
            continue
        if s.word(i - 1) in {"the", "those", "these"} and s.word(i - 2) in {"of", "between"}:
            s.taken.add(i)  # "the cheaper of the two": how many were compared, no quantity
            continue
        if s.word(i + 1) in lexicon.PEOPLE and s.word(i - 1) in {"my", "our", "his", "her"}:
            s.taken.add(i)  # "presents for my two nephews": who, not how many to buy
            continue
        quantity = int(token.value)
        j = i + 1
        while j < len(s.tokens) and s.word(j) in _QUANTITY_SKIP and s.free(j):
            j += 1
        before = [run[0] for run in runs if run[-1] == i - 1]
        if s.word(i + 1) in _HOW_THEY_COME and j not in starts and runs:
            # "add one pair here anyway, and the shakers": a count of the product in focus
            # beside another product named (alone, "two pairs please" is the count)
            s.items.append((i, ProductRef(anaphora=True)))
            attached[i] = quantity
        elif j in starts and j not in attached:
            attached[j] = quantity
        elif token.multiplier and before:
            attached[before[0]] = quantity
        else:
            free.append(quantity)
        s.taken.add(i)
    return attached, free


def extract_references(
    tokens: Sequence[Token], taken: frozenset[int], separators: frozenset[str] = frozenset()
) -> References:
    """Finds the product references in one clause (rules in the module docstring).

    Args:
        tokens: The clause's tokens.
        taken: Indices used by cue and price phrases.
        separators: Extra words that separate mentions here ("with" when comparing).

    Returns:
        The references, free numbers and mentions.
    """
    s = _Scanner(tokens, taken, separators)
    _scan_all(s)
    _scan_ordinals(s)
    _scan_pronouns(s)
    pronoun = any(ref.anaphora for _, ref in s.items)
    runs = _segments(s)
    quantities, free = _attach_quantities(s, runs)
    items = [(pos, replace(ref, quantity=quantities.get(pos))) for pos, ref in s.items]
    mentions: list[str] = []
    definite = False
    for run in runs:
        text = " ".join(tokens[i].text for i in run)
        one_after = s.word(run[-1] + 1) in {"one", "ones"}
        ordinal = next((p for p, end in s.ends.items() if end == run[0]), None)
        if ordinal is not None:  # "the second mug": one reference with both
            index = next(k for k, (p, _) in enumerate(items) if p == ordinal)
            items[index] = (ordinal, replace(items[index][1], text=text))
        else:
            ref = ProductRef(text=text, anaphora=one_after, quantity=quantities.get(run[0]))
            items.append((run[0], ref))
        mentions.append(text)
        definite = definite or s.word(run[0] - 1) in _DEFINITE
        s.taken.update(run)
    items.sort(key=lambda item: item[0])
    return References(
        products=tuple(ref for _, ref in items),
        free_numbers=tuple(free),
        mentions=tuple(mentions),
        pronoun=pronoun,
        definite=definite,
        used=frozenset(s.taken - set(taken)),
        mention_tokens=frozenset(i for run in runs for i in run),
    )
