"""A shopper's query as clauses of weighted alternatives, ready for scoring.

Each meaningful word or phrase of the query becomes one `Clause`. A clause lists the ways it
can match (`Alternative`s): the literal word, what a synonym means in catalog terms, typo
corrections. A product scores, per clause, its best alternative only, so a word with five
synonyms counts once, not five times.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cartmate.discovery.synonyms import (
    Concept,
    lookup_attribute,
    lookup_concept,
    max_phrase_length,
    single_word_keys,
)
from cartmate.discovery.text import content_stems, fuzzy_matches, is_generic, stem, tokenize

__all__ = [
    "ALL_FIELDS",
    "CATEGORY_FIELD",
    "DESCRIPTION",
    "NAME",
    "TEXT_FIELDS",
    "Alternative",
    "Clause",
    "Vocabulary",
    "parse_query",
]

# Field positions in the index.
NAME, CATEGORIES, DESCRIPTION = 0, 1, 2
ALL_FIELDS = (NAME, CATEGORIES, DESCRIPTION)
TEXT_FIELDS = (NAME, DESCRIPTION)
CATEGORY_FIELD = (CATEGORIES,)

#: Weight of the literal word when it is also a synonym: the synonym says what the shopper
#: means ("cup" -> mug), the literal word still counts but less (a candle holder's "cup").
LITERAL_WITH_CONCEPT = 0.6
#: Typo corrections count for this much times their similarity (0.8-1.0).
FUZZY_WEIGHT = 0.9

_MAX_PHRASE = max_phrase_length()
_CONCEPT_KEYS = single_word_keys()


@dataclass(frozen=True)
class Alternative:
    """One way a clause can match: stems searched in some fields (score = their mean).

    Attributes:
        stems: Index stems; a product's score is the mean of their scores.
        fields: Field positions searched (`NAME`, `CATEGORIES`, `DESCRIPTION`).
        weight: Multiplier for this way of matching.
        note: Explanation shown when this alternative decides the match.
    """

    stems: tuple[str, ...]
    fields: tuple[int, ...]
    weight: float
    note: str


@dataclass(frozen=True)
class Clause:
    """One meaningful word or phrase of a query and the ways it can match."""

    words: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Vocabulary:
    """What the index knows: its stems, typo candidates, and a readable form of each stem."""

    stems: frozenset[str]
    fuzzy_choices: tuple[str, ...]
    surface: Mapping[str, str]


def parse_query(text: str, vocab: Vocabulary) -> list[Clause]:
    """The clauses of a query, in query order; empty when only generic words remain.

    Multi-word synonyms ("hair dryer") are matched first, longest first; generic tokens
    (stop words, numbers, stray letters) are dropped; unknown words of 4+ letters get typo
    corrections from the index's vocabulary and the synonym table. An unknown word with no
    correction still yields a clause (matching nothing), so "xyzzy" finds nothing rather
    than everything.

    Args:
        text: The shopper's words.
        vocab: The index vocabulary.

    Returns:
        The clauses, without duplicates.
    """
    tokens = tokenize(text)
    clauses: list[Clause] = []
    i = 0
    while i < len(tokens):
        clause, used = _clause_at(tokens, i, vocab)
        i += used
        if clause is not None and clause not in clauses:
            clauses.append(clause)
    return clauses


def _clause_at(tokens: list[str], i: int, vocab: Vocabulary) -> tuple[Clause | None, int]:
    for n in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
        run = tuple(tokens[i : i + n])
        if n == 1 and is_generic(run[0]):
            return None, 1
        words = " ".join(run)
        concept = lookup_concept(run)
        if concept is not None:
            return _concept_clause(words, concept, vocab), n
        matches = lookup_attribute(run)
        if matches is not None:
            return _attribute_clause(words, matches, vocab), n
    return _literal_clause(tokens[i], vocab), 1


def _concept_alternatives(
    words: str, concept: Concept, factor: float, how: str
) -> list[Alternative]:
    alternatives = [
        Alternative(
            tuple(content_stems(term)), ALL_FIELDS, factor, f"{words} {how} {concept.label}"
        )
        for term in concept.terms
    ]
    alternatives += [
        Alternative(
            tuple(content_stems(cat)), CATEGORY_FIELD, factor, f"{words} {how} category {cat}"
        )
        for cat in concept.categories
    ]
    return alternatives


def _concept_clause(words: str, concept: Concept, vocab: Vocabulary) -> Clause:
    alternatives = _concept_alternatives(words, concept, 1.0, "→")
    literal = tuple(content_stems(words))
    if literal and all(s in vocab.stems for s in literal):
        alternatives.append(Alternative(literal, ALL_FIELDS, LITERAL_WITH_CONCEPT, words))
    return Clause(words, tuple(alternatives))


def _attribute_clause(words: str, matches: tuple[str, ...], vocab: Vocabulary) -> Clause:
    alternatives = tuple(
        Alternative((stem(m),), TEXT_FIELDS, 1.0, words if m == words else f"{words} → {m}")
        for m in matches
        if stem(m) in vocab.stems
    )
    # Kept even when nothing in the catalog has the colour: the query stays meaningful.
    return Clause(words, alternatives)


def _literal_clause(token: str, vocab: Vocabulary) -> Clause:
    stemmed = stem(token)
    if stemmed in vocab.stems:  # exact matches always win: no typo guessing
        return Clause(token, (Alternative((stemmed,), ALL_FIELDS, 1.0, token),))
    alternatives: list[Alternative] = [
        Alternative(
            (choice,),
            ALL_FIELDS,
            FUZZY_WEIGHT * similarity,
            f"{token} ~ {vocab.surface.get(choice, choice)}",
        )
        for choice, similarity in fuzzy_matches(stemmed, vocab.fuzzy_choices)
    ]
    for key, similarity in fuzzy_matches(token, _CONCEPT_KEYS):
        concept = lookup_concept((key,))
        how = f"~ {key} →"
        if concept is not None:
            alternatives += _concept_alternatives(token, concept, FUZZY_WEIGHT * similarity, how)
        else:
            alternatives += [
                Alternative(
                    (stem(m),), TEXT_FIELDS, FUZZY_WEIGHT * similarity, f"{token} {how} {m}"
                )
                for m in lookup_attribute((key,)) or ()
            ]
    if not alternatives:
        alternatives.append(Alternative((stemmed,), ALL_FIELDS, 1.0, token))
    return Clause(token, tuple(alternatives))
