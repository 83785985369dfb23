"""Ranking the whole catalog for a shopper: search, product resolution, categories, pairings.

`ProductIndex` holds a BM25-style index over three fields of each product, weighted
name > categories > description, and scores the clauses `parse_query` makes of a query
(synonyms, colours/materials, typo corrections). Everything is pure, synchronous and
deterministic: equal scores keep catalog order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cartmate.boutique.models import Product
from cartmate.discovery.categories import CategoryMatcher, category_key, pairing
from cartmate.discovery.query import (
    ALL_FIELDS,
    Clause,
    Vocabulary,
    parse_query,
)
from cartmate.discovery.synonyms import ATTRIBUTES, COMPOUNDS
from cartmate.discovery.text import MIN_FUZZY_LENGTH, content_stems, is_generic, stem, tokenize

__all__ = ["RESOLVE_CLOSENESS", "ProductIndex", "ScoredProduct"]

# Per-field weights (name, categories, description). Resolution is about naming ONE product,
# so there the name dominates and the description only breaks ties.
_SEARCH_WEIGHTS = (3.0, 2.0, 1.0)
_RESOLVE_WEIGHTS = (6.0, 1.0, 0.5)
# BM25 parameters: term saturation and per-field length normalisation.
_K1 = 1.2
_B = (0.5, 0.3, 0.75)
# A part of a closed compound ("glass" in "sunglasses") counts as a quarter occurrence:
# after BM25 saturation that is about half a whole-word match in a short name.
_COMPOUND_PART_TF = 0.25

#: `resolve` keeps candidates scoring at least this fraction of the best one.
RESOLVE_CLOSENESS = 0.75

_ID_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
# Where a description's opening noun phrase ("A matte black hair dryer") ends: what follows
# ("... compact enough to pack in a suitcase or gym bag") is about other things too.
_LEAD_END = re.compile(r"[,.;:!?]|\b(?:with|in|into|for|that|which|on|from|to|under|and a)\b", re.I)
_ATTRIBUTE_WORDS = frozenset(ATTRIBUTES)


@dataclass(frozen=True)
class ScoredProduct:
    """A product with its relevance and the reasons for it.

    Attributes:
        product: The catalog product.
        score: Relevance; comparable only within one result list.
        matched: Explanations, one per matching query word: "leather" (literal),
            "shades → sunglasses" (synonym), "kitchen → category kitchen",
            "sunglases ~ sunglasses" (typo), "goes with Loafers (footwear → clothing)";
            from `resolve`, "id" or "name" for an exact id or name.
    """

    product: Product
    score: float
    matched: tuple[str, ...] = ()


class ProductIndex:
    """A ranked, typo-tolerant view of a whole catalog.

    Args:
        products: The catalog, in the order ties should keep. Ids must be unique
            (case-insensitively, since ids are matched that way).

    Raises:
        ValueError: On a duplicate product id.
    """

    def __init__(self, products: Sequence[Product]) -> None:
        self._products = tuple(products)
        self._by_id: dict[str, int] = {}
        for i, product in enumerate(self._products):
            if self._by_id.setdefault(product.id.upper(), i) != i:
                raise ValueError(f"duplicate product id {product.id!r}")
        self._postings: dict[str, dict[int, list[float]]] = {}
        self._lengths: list[tuple[int, ...]] = []
        surface: dict[str, str] = {}
        for i, product in enumerate(self._products):
            fields = (product.name, " ".join(product.categories), product.description)
            self._lengths.append(
                tuple(self._add(i, f, text, surface) for f, text in enumerate(fields))
            )
        count = max(len(self._products), 1)
        # Averages of 0 (e.g. no product has categories) would divide by zero; 1 is neutral.
        self._avg = tuple(
            sum(lengths[f] for lengths in self._lengths) / count or 1.0 for f in ALL_FIELDS
        )
        self._vocab = Vocabulary(
            stems=frozenset(self._postings),
            fuzzy_choices=tuple(sorted(s for s in self._postings if len(s) >= MIN_FUZZY_LENGTH)),
            surface=surface,
        )
        self._categories = CategoryMatcher(
            (c for p in self._products for c in p.categories), self._vocab.stems
        )
        self._product_categories = [
            frozenset(map(category_key, p.categories)) for p in self._products
        ]
        self._name_keys = [tuple(content_stems(p.name)) for p in self._products]
        # What each product IS: its name, categories and the description's opening noun
        # phrase, with compound parts ("dryer" of "hairdryer").
        self._identity = [
            frozenset(
                stem(part)
                for text in (p.name, *p.categories, _LEAD_END.split(p.description, 1)[0])
                for token in tokenize(text)
                for part in (token, *COMPOUNDS.get(token, ()))
            )
            for p in self._products
        ]

    def _add(self, doc: int, field: int, text: str, surface: dict[str, str]) -> int:
        """Index one field of one product; returns its length in meaningful tokens."""
        tokens = [t for t in tokenize(text) if not is_generic(t)]
        for token in tokens:
            self._count(stem(token), doc, field, 1.0)
            surface.setdefault(stem(token), token)
            for part in COMPOUNDS.get(token, ()):
                self._count(stem(part), doc, field, _COMPOUND_PART_TF)
        return len(tokens)

    def _count(self, term: str, doc: int, field: int, amount: float) -> None:
        self._postings.setdefault(term, {}).setdefault(doc, [0.0, 0.0, 0.0])[field] += amount

    # ------------------------------------------------------------------ public API

    @property
    def products(self) -> tuple[Product, ...]:
        """The indexed products in catalog order."""
        return self._products

    def categories(self) -> list[str]:
        """The distinct categories of the catalog, sorted."""
        return sorted({c for p in self._products for c in p.categories})

    def search(
        self,
        query: str = "",
        *,
        category: str | None = None,
        limit: int | None = None,
        precise: bool = False,
    ) -> list[ScoredProduct]:
        """Rank the catalog for a shopper's query.

        Args:
            query: Free text ("something for the kitchen", "black shades"). Generic words are
                ignored; a query with none left lists every product in catalog order with
                score 0.
            category: Optional filter, case-insensitive, synonyms accepted ("kitchenware").
                A category the catalog lacks gives an empty list; blank means no filter.
            limit: The most results returned (None: all).
            precise: When some products match every meaningful word, only those ("black
                mug" is the mug, not everything black); otherwise any word counts.

        Returns:
            Products matching at least one meaningful query word, best first, ties in
            catalog order.

        Raises:
            ValueError: If `limit` is negative.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative: {limit}")
        allowed = range(len(self._products))
        if category is not None and category.strip():
            found = self.match_category(category)
            if found is None:
                return []
            key = category_key(found)
            allowed = [i for i in allowed if key in self._product_categories[i]]
        clauses = parse_query(query, self._vocab)
        if not clauses:
            results = [ScoredProduct(self._products[i], 0.0) for i in allowed]
        else:
            coverage: dict[int, int] = {}
            scored = self._score(clauses, _SEARCH_WEIGHTS, coverage)
            matched = [i for i in allowed if i in scored]
            every = [i for i in matched if coverage[i] == len(clauses)]
            if precise and len(clauses) > 1 and every:
                # "black mug": the black mug, not everything black. Words no product
                # matches together ("a summer outfit") still rank each product by any.
                matched = every
            results = [self._scored(i, *scored[i]) for i in matched]
            results.sort(key=lambda r: -r.score)  # stable: ties keep catalog order
        return results if limit is None else results[:limit]

    def unmatched(self, query: str) -> list[str]:
        """Words no product matches said right before words that do: a brand or kind the
        shop lacks ("nike" in "nike shoes"), so an answer can say so instead of passing the
        shoes off as Nike. A description's stray words ("the sun out of my eyes") are not."""
        clauses = parse_query(query, self._vocab)
        if len(clauses) < 2:
            return []  # one word: nothing before it to report, and no extra scoring
        hits = [bool(self._score([c], _SEARCH_WEIGHTS)) for c in clauses]
        return [c.words for c, hit, then in zip(clauses, hits, hits[1:], strict=False)
                if not hit and then]  # fmt: skip

    def mentioned_only(self, query: str, product_ids: Sequence[str]) -> list[str]:
        """Words of `query` that every given product matches only as something its
        description mentions, not as what it is: "bag" finds the Hairdryer ("compact enough
        to pack in a suitcase or gym bag") but the Hairdryer is no bag. Colours and materials
        never count (a black frame makes black sunglasses), nor a word a product matches
        through its name, categories, a synonym or a typo of them, or its description's
        opening noun phrase ("aviator" in "Aviator-style sunglasses").

        Args:
            query: The search words.
            product_ids: The products found for them (unknown ids are ignored).

        Returns:
            The words, as the query has them, in query order; empty if none or no products.
        """
        found = [i for pid in product_ids if (i := self._by_id.get(pid.upper())) is not None]
        if not found:
            return []
        words = []
        for clause in parse_query(query, self._vocab):
            if clause.words.lower() in _ATTRIBUTE_WORDS:
                continue
            if all(self._mentioned_only(clause, i) for i in found):
                words.append(clause.words)
        return words

    def _mentioned_only(self, clause: Clause, i: int) -> bool:
        matched = False
        for alternative in clause.alternatives:
            for term in alternative.stems:
                counts = self._postings.get(term, {}).get(i)
                if counts is None or not any(counts[f] for f in alternative.fields):
                    continue
                if term in self._identity[i]:
                    return False
                matched = True
        return matched

    def resolve(self, mention: str) -> list[ScoredProduct]:
        """The product(s) a shopper's reference to ONE product may mean, best first.

        An exact product id (case-insensitive, alone or within the mention) or the exact
        product name (ignoring case, punctuation and generic words) settles it: that product
        alone, score 1.0. Otherwise products are ranked by name first (synonyms and typos
        count) and only those scoring at least `RESOLVE_CLOSENESS` of the best are returned,
        with scores relative to the best (1.0). One result means a clear reference, several
        mean it is ambiguous. E.g. "glass" gives only Bamboo Glass Jar (the compound
        "Sunglasses" matches "glass" at half strength, below the cut), "glasses" only
        Sunglasses (a synonym for eyewear).

        Args:
            mention: What the shopper called the product ("the watch", "sunglases").

        Returns:
            The candidates, empty when nothing matches.
        """
        ids = [
            self._by_id.get(token.upper())
            for token in [mention.strip(), *_ID_TOKEN.findall(mention)]
        ]
        exact = list(dict.fromkeys(i for i in ids if i is not None))
        if exact:
            return [self._scored(i, 1.0, ("id",)) for i in exact]
        key = tuple(content_stems(mention))
        if key:
            named = [i for i, name_key in enumerate(self._name_keys) if name_key == key]
            if named:
                return [self._scored(i, 1.0, ("name",)) for i in named]
        clauses = parse_query(mention, self._vocab)
        scored = self._score(clauses, _RESOLVE_WEIGHTS) if clauses else {}
        # A reference must match at least half of what the shopper said: "vintage camera
        # lens" is not the sunglasses just because their description mentions lenses.
        needed = (len(clauses) + 1) // 2
        scored = {
            i: (score, notes)
            for i, (score, notes) in scored.items()
            if len(notes) >= needed and not self._only_typos_elsewhere(i, notes)
        }
        if not scored:
            return []
        best = max(score for score, _ in scored.values())
        results = [
            self._scored(i, score / best, notes)
            for i, (score, notes) in sorted(scored.items())
            if score >= RESOLVE_CLOSENESS * best
        ]
        results.sort(key=lambda r: -r.score)
        return results

    def match_category(self, text: str) -> str | None:
        """The catalog category a shopper's words name, if any.

        A category named outright wins ("decor" -> "decor", "tops" -> "tops"); then synonyms
        ("kitchenware" -> "kitchen", "shoes" -> "footwear"); then typos ("kitchn"). Words are
        read left to right and the first category found is returned.

        Args:
            text: Free text ("kitchen stuff").

        Returns:
            The category as the catalog spells it, or None.
        """
        return self._categories.match(text)

    def complements(self, product_ids: Sequence[str], limit: int = 3) -> list[ScoredProduct]:
        """Products that go well with the given ones (one product or a whole cart).

        Rule-based: `COMPLEMENTARY_CATEGORIES` pairs categories (footwear with clothing,
        kitchen with kitchen and home...). A candidate scores, for each given product, its
        best category pairing with it; scores add up over the given products. The given
        products are never returned; unknown ids are ignored; ties keep catalog order.

        Args:
            product_ids: Ids of the products to complement (case-insensitive).
            limit: The most results returned.

        Returns:
            Complementary products, best first (empty if nothing pairs).
        """
        given = list(
            dict.fromkeys(
                i for pid in product_ids if (i := self._by_id.get(pid.upper())) is not None
            )
        )
        if limit <= 0 or not given:
            return []
        results: list[ScoredProduct] = []
        for i, candidate in enumerate(self._products):
            if i in given:
                continue
            total, notes = 0.0, []
            for g in given:
                weight, note = pairing(self._products[g], candidate)
                if weight > 0:
                    total += weight
                    notes.append(note)
            if total > 0:
                results.append(self._scored(i, total, tuple(notes)))
        results.sort(key=lambda r: -r.score)
        return results[:limit]

    # ------------------------------------------------------------------ scoring

    def _only_typos_elsewhere(self, i: int, notes: list[str]) -> bool:
        """Every match is a typo correction to a word outside the product's name and
        categories: "along" is no reference to the Tank Top whose description says "alone"
        (a misspelt reference misspells the name: "sunglases")."""
        product = self._products[i]
        named = " ".join([product.name, *product.categories]).lower()
        corrected = [note.split(" ~ ", 1)[1] for note in notes if " ~ " in note]
        return len(corrected) == len(notes) and not any(word in named for word in corrected)

    def _scored(self, i: int, score: float, notes: tuple[str, ...] | list[str]) -> ScoredProduct:
        # Rounded so float noise never decides an order: near-ties fall back to catalog order.
        return ScoredProduct(self._products[i], round(score, 9), tuple(notes))

    def _score(
        self,
        clauses: list[Clause],
        weights: tuple[float, float, float],
        coverage: dict[int, int] | None = None,
    ) -> dict[int, tuple[float, list[str]]]:
        """Per product: the sum over clauses of its best alternative, and the explanations;
        with `coverage`, also how many clauses each product matched."""
        totals: dict[int, tuple[float, list[str]]] = {}
        for clause in clauses:
            best: dict[int, tuple[float, str]] = {}
            for alternative in clause.alternatives:
                per_stem = [
                    self._term_scores(s, alternative.fields, weights) for s in alternative.stems
                ]
                for doc in sorted({d for scores in per_stem for d in scores}):
                    score = (
                        alternative.weight * sum(s.get(doc, 0.0) for s in per_stem) / len(per_stem)
                    )
                    if score > best.get(doc, (0.0, ""))[0]:
                        best[doc] = (score, alternative.note)
            for doc, (score, note) in best.items():
                if coverage is not None:
                    coverage[doc] = coverage.get(doc, 0) + 1
                total, notes = totals.get(doc, (0.0, []))
                totals[doc] = (total + score, notes if note in notes else [*notes, note])
        return totals

    def _term_scores(
        self, term: str, fields: tuple[int, ...], weights: tuple[float, float, float]
    ) -> dict[int, float]:
        """BM25 per product for one stem, summed over the searched fields."""
        postings = self._postings.get(term)
        if not postings:
            return {}
        n, df = len(self._products), len(postings)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        scores: dict[int, float] = {}
        for doc, tfs in postings.items():
            score = 0.0
            for f in fields:
                if tfs[f]:
                    norm = 1 - _B[f] + _B[f] * self._lengths[doc][f] / self._avg[f]
                    score += weights[f] * tfs[f] * (_K1 + 1) / (tfs[f] + _K1 * norm)
            if score > 0:
                scores[doc] = idf * score
        return scores
