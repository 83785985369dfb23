"""Catalog categories: naming them from shopper words, and which ones go together.

Categories are compared by key (normalised, stemmed, stop words dropped), so "Kitchen",
"kitchen" and "tops"/"top" meet; results are always given as the catalog spells them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache

from cartmate.boutique.models import Product
from cartmate.discovery.synonyms import (
    COMPLEMENTARY_CATEGORIES,
    lookup_concept,
    max_phrase_length,
    single_word_keys,
)
from cartmate.discovery.text import content_stems, fuzzy_matches, is_generic, stem, tokenize

__all__ = ["CategoryMatcher", "category_key", "pairing"]

CategoryKey = tuple[str, ...]


@lru_cache(maxsize=4096)  # catalogs have few categories, compared very often
def category_key(category: str) -> CategoryKey:
    """The comparison key of a category name ("Tops" -> ("top",))."""
    return tuple(content_stems(category)) or tuple(tokenize(category))


class CategoryMatcher:
    """Finds the catalog category a shopper's words name.

    Args:
        categories: The catalog's categories (duplicates and case variants allowed; the
            first spelling of each key is the one returned).
        known_stems: Stems of the index vocabulary: known words are never typo-corrected.
    """

    def __init__(self, categories: Iterable[str], known_stems: Collection[str]) -> None:
        self._by_key: dict[CategoryKey, str] = {}
        for category in categories:
            self._by_key.setdefault(category_key(category), category)
        self._known = known_stems
        self._longest = max([len(key) for key in self._by_key] + [max_phrase_length()])
        self._single = sorted(key[0] for key in self._by_key if len(key) == 1)

    def canonical(self, category: str) -> str | None:
        """The catalog's spelling of a category given by (any-case) name, or None."""
        return self._by_key.get(category_key(category))

    def match(self, text: str) -> str | None:
        """The first category named in `text`, read left to right.

        A category named outright wins ("decor" -> "decor", "tops" -> "tops"); then synonyms
        ("kitchenware" -> "kitchen", "shoes" -> "footwear"); then typos ("kitchn").

        Args:
            text: Free text ("kitchen stuff").

        Returns:
            The category as the catalog spells it, or None.
        """
        tokens = tokenize(text)
        i = 0
        while i < len(tokens):
            used = 1
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                run = tuple(tokens[i : i + n])
                key = tuple(stem(t) for t in run if not is_generic(t))
                if key and key in self._by_key:
                    return self._by_key[key]
                concept = lookup_concept(run)
                if concept is not None:
                    found = self._first_present(concept.categories)
                    if found is not None:
                        return found
                    used = n  # a product word ("watch"): consumed, no category
                    break
            i += used
        return self._fuzzy(tokens)

    def _first_present(self, categories: Iterable[str]) -> str | None:
        for category in categories:
            found = self.canonical(category)
            if found is not None:
                return found
        return None

    def _fuzzy(self, tokens: list[str]) -> str | None:
        for token in tokens:
            if is_generic(token) or stem(token) in self._known:
                continue
            for choice, _ in fuzzy_matches(stem(token), self._single, limit=1):
                return self._by_key[(choice,)]
            for key, _ in fuzzy_matches(token, single_word_keys()):
                concept = lookup_concept((key,))
                found = self._first_present(concept.categories) if concept else None
                if found is not None:
                    return found
        return None


def _pair_weights() -> dict[tuple[CategoryKey, CategoryKey], float]:
    weights = {(category_key(a), category_key(b)): w for a, b, w in COMPLEMENTARY_CATEGORIES}
    for a, b, w in COMPLEMENTARY_CATEGORIES:  # listed pairs apply both ways
        weights.setdefault((category_key(b), category_key(a)), w)
    return weights


_PAIRS = _pair_weights()


def pairing(source: Product, candidate: Product) -> tuple[float, str]:
    """How well `candidate` goes with `source`: the best weight over their category pairs.

    Returns:
        `(weight, explanation)`, `(0.0, "")` when no pair of categories goes together.
    """
    best, note = 0.0, ""
    for a in source.categories:
        for b in candidate.categories:
            weight = _PAIRS.get((category_key(a), category_key(b)), 0.0)
            if weight > best:
                best, note = weight, f"goes with {source.name} ({a} → {b})"
    return best, note
