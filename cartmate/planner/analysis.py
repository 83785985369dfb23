"""One clause, analysed: tokens, price phrases, cue signals, references and attributes.

`understanding.py` splits a message into clauses and decides each clause's intent from this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from cartmate.planner import lexicon
from cartmate.planner.fuzzy import correct_tokens
from cartmate.planner.intents import SortOrder
from cartmate.planner.matching import CueMatch, find_cues
from cartmate.planner.money_phrases import MoneySlots, extract_money
from cartmate.planner.numbers import merge_numbers
from cartmate.planner.references import References, extract_references
from cartmate.planner.tastes import extract_tastes
from cartmate.planner.text import (
    Token,
    merge_compounds,
    normalise,
    phrase_at,
    phrase_table,
    tokenise,
)

__all__ = ["Clause", "analyse_clause", "prepare_tokens", "split_clauses"]


def prepare_tokens(text: str) -> list[Token]:
    """normalise -> tokenise -> correct typos -> join compounds -> merge number words."""
    return merge_numbers(merge_compounds(correct_tokens(tokenise(normalise(text)))))


_CLOSING = frozenset({"please", "pls", "plz", "thanks", "thx", "ty"})
_COMPARE_SEPARATORS = frozenset({"with", "to", "against", "vs", "versus"})
_QUESTION_WORDS = frozenset({"what", "how", "is", "are", "can", "could", "do", "does"})


_CONNECTORS = phrase_table((connector, ()) for connector in lexicon.CLAUSE_CONNECTORS)


def _starts_clause(tokens: Sequence[Token], words: Sequence[str], i: int) -> int:
    """Length of a clause connector at i ("and then", "then", "and" + verb), else 0."""
    connector = phrase_at(_CONNECTORS, words, i)
    if connector is not None:
        return len(connector[0])
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if tokens[i].text in {"and", "but"} and nxt in lexicon.CLAUSE_VERBS:
        return 1  # "... and show my cart", "... but keep the alerts"
    # ", show my cart": a comma before an imperative verb (not a question word)
    if tokens[i].text == "," and nxt in lexicon.CLAUSE_VERBS - _QUESTION_WORDS:
        return 1
    # "cancel the loafers alert, I'll just buy them now": a comma before "I will" + a verb
    after = [t.text for t in tokens[i + 1 : i + 5]]
    if (
        tokens[i].text == ","
        and after[:2] == ["i", "will"]
        and (set(after[2:4]) & lexicon.CLAUSE_VERBS)
    ):
        return 1
    return 0


#: the short price questions a message can end with ("..., how much is it?", "... how much?")
_PRICE_QUESTIONS = frozenset(
    {
        ("how", "much", "?"),
        ("how", "much", "is", "it", "?"),
        ("how", "much", "are", "they", "?"),
        ("how", "much", "does", "it", "cost", "?"),
        ("how", "much", "do", "they", "cost", "?"),
        ("what", "does", "it", "cost", "?"),
        ("what", "do", "they", "cost", "?"),
    }
)


def _price_question_from(tokens: Sequence[Token], i: int) -> bool:
    """Whether the message ends at i with a short question of what "it" costs."""
    return tuple(t.text for t in tokens[i:]) in _PRICE_QUESTIONS


def split_clauses(tokens: Sequence[Token]) -> list[list[Token]]:
    """Splits at sentence ends and connectors ("add the mug and show my cart")."""
    words = [t.text for t in tokens]
    clauses: list[list[Token]] = []
    current: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if current and _price_question_from(tokens, i) and analyse_clause(current).has("LIKE"):
            clauses.append(current)  # "love the watch how much?": what it costs is asked apart
            current = []
        skip = 0 if token.is_boundary else _starts_clause(tokens, words, i)
        if skip and all(t.is_boundary or t.text in _CLOSING for t in tokens[i + skip :]):
            skip = 0  # "ok the jar then", "in yen then please": a closing "then" connects nothing
        if token.is_boundary or (skip and current):
            if current:
                if token.text == "?":  # kept: "and a mug?" asks, "and a mug." orders
                    current.append(token)
                clauses.append(current)
            current = []
            i += max(skip, 1)
            continue
        current.append(token)
        i += 1
    if current:
        clauses.append(current)
    return clauses


@dataclass(frozen=True)
class Clause:
    """Everything found in one clause.

    Attributes:
        tokens: The clause's tokens.
        money: Price bounds, bare price and currency.
        cues: Cue phrases found, in priority order.
        refs: Product references and free numbers.
        likes: Likes said (style statements).
        dislikes: Dislikes said.
        category: The first category word's category.
        colours: Colour words said.
        sort: Sort order asked for.
        words: The clause's token texts, for simple checks.
    """

    tokens: tuple[Token, ...]
    money: MoneySlots
    cues: tuple[CueMatch, ...]
    refs: References
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    category: str | None = None
    colours: tuple[str, ...] = ()
    sort: SortOrder | None = None
    words: frozenset[str] = field(default_factory=frozenset)

    def has(self, *signals: str) -> bool:
        """Whether any of the signals was found."""
        return not self.signals.isdisjoint(signals)

    @cached_property
    def signals(self) -> frozenset[str]:
        """The signals of the cues found (asked about by every rule of `decide`)."""
        return frozenset(c.signal for c in self.cues)

    def matched(self, signal: str) -> list[str]:
        """The words each match of a signal used ("take out", "cancel")."""
        return [
            " ".join(self.tokens[i].text for i in sorted(c.used))
            for c in self.cues
            if c.signal == signal
        ]

    @property
    def fuzzy_count(self) -> int:
        """How many tokens were typo-corrected."""
        return sum(1 for t in self.tokens if t.corrected_from)

    @property
    def content_words(self) -> list[str]:
        """Words of all product mentions."""
        return [w for m in self.refs.mentions for w in m.split()]


def _colours(tokens: Sequence[Token], taken: frozenset[int]) -> tuple[str, ...]:
    words = [t.text if i not in taken else "" for i, t in enumerate(tokens)]
    found: list[str] = []
    for i, w in enumerate(words):
        pair = tuple(words[i : i + 2])
        if pair in lexicon.MULTIWORD_COLOURS:
            found.append(" ".join(pair))
        elif (w in lexicon.COLOURS or w == "black and white") and not (
            found and found[-1].endswith(" " + w)
        ):
            found.append(w)
    return tuple(dict.fromkeys(found))


_DOMAIN = (lexicon.SHOPPING_NOUNS | lexicon.COLOURS | lexicon.STYLE_WORDS
           | lexicon.CATEGORY_WORDS.keys() | lexicon.ORDINALS.keys())  # fmt: skip


def _keep_useful_corrections(tokens: Sequence[Token], used: frozenset[int]) -> list[Token]:
    """Undoes a typo correction to a cue word that no cue phrase used.

    A correction is kept when it made a cue phrase match or names a product, colour or
    category; otherwise the word goes back to what was typed (it was probably not a typo).
    """
    out = list(tokens)
    for i, t in enumerate(tokens):
        if t.corrected_from and i not in used and t.is_word and t.text not in _DOMAIN:
            out[i] = Token(t.corrected_from, t.raw)
    return out


def analyse_clause(tokens: Sequence[Token]) -> Clause:
    """Runs price, cue, reference, taste and attribute extraction on one clause.

    Remembered (it is pure, and a Clause is frozen): reading one message analyses a third of
    its clauses twice (a story left out, then the request; a clause, then its "except" tail),
    and a turn reads the shopper's message in more than one model call."""
    return _analysed(tuple(tokens))


@lru_cache(maxsize=2048)
def _analysed(tokens: tuple[Token, ...]) -> Clause:
    money = extract_money(tokens)
    cues = find_cues(tokens, money.used)
    taken = money.used | frozenset(i for c in cues for i in c.used)
    tokens = _keep_useful_corrections(tokens, taken)
    # "compare the sunglasses with the watch": two products
    separators = _COMPARE_SEPARATORS if any(c.signal == "COMPARE" for c in cues) else frozenset()
    refs = extract_references(tokens, taken, separators)
    likes, dislikes = extract_tastes(tokens, cues, taken)
    signals = {c.signal for c in cues}
    sort: SortOrder | None = None
    if "SORT_ASC" in signals or "SORT_DESC" in signals:
        first = min(
            (c for c in cues if c.signal in {"SORT_ASC", "SORT_DESC"}), key=lambda c: c.start
        )
        sort = "price_asc" if first.signal == "SORT_ASC" else "price_desc"
    elif "SORT_BY" in signals:  # "sort those by price": cheapest first; "..., highest first"
        sort = "price_asc"
    else:  # "make the cheapest line three": the line's cue holds the order too
        said = {tokens[i].text for c in cues if c.signal == "VIEW_CART" for i in c.used}
        if said & {"cheapest", "smallest"}:
            sort = "price_asc"
        elif said & {"priciest", "dearest", "biggest", "largest", "expensive"}:
            sort = "price_desc"
    # a category word counts in a mention or unused, not inside a cue or an ordinal ("top one")
    loose = (frozenset(range(len(tokens))) - taken - refs.used) | refs.mention_tokens
    words = [tokens[i].text for i in sorted(loose)]
    category = next((lexicon.CATEGORY_WORDS[w] for w in words if w in lexicon.CATEGORY_WORDS), None)
    return Clause(
        tokens=tuple(tokens),
        money=money,
        cues=tuple(cues),
        refs=refs,
        likes=likes,
        dislikes=dislikes,
        category=category,
        colours=_colours(tokens, taken),
        sort=sort,
        words=frozenset(t.text for t in tokens),
    )
