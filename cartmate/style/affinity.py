"""How well a product fits a shopper's style profile, and why, in words.

A first, text-based version: a product's traits are its categories and the colour and material
words of its name and description; the affinity is the profile's normalised weight on each
trait (likes count fully, dislikes subtract). Discovery adds it to relevance, so a search
still answers the words first and the style decides among close matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cartmate.boutique.models import Product
from cartmate.style.analysis import COLOURS
from cartmate.style.profile import StyleProfile

__all__ = ["Affinity", "product_affinity", "product_traits"]

_MATERIALS = (
    "leather",
    "suede",
    "ceramic",
    "bamboo",
    "glass",
    "metal",
    "steel",
    "cotton",
    "wood",
    "wooden",
    "gold",
    "silver",
    "acrylic",
    "linen",
    "wool",
)
_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in (*COLOURS, *_MATERIALS)) + r")\b")


@dataclass(frozen=True)
class Affinity:
    score: float  # about -1 (dislikes) to 1 (everything it is, the shopper likes)
    reasons: tuple[str, ...]

    @property
    def why(self) -> str | None:
        if self.score <= 0 or not self.reasons:
            return None
        return "matches your taste for " + ", ".join(self.reasons[:3])


def product_traits(product: Product) -> tuple[set[str], set[str]]:
    """(colour and material words, categories) of a product, from its text."""
    words = set(_WORDS.findall(f"{product.name} {product.description}".lower()))
    return words, {c.lower() for c in product.categories}


def _normalised(signal: dict[str, float]) -> dict[str, float]:
    top = max(signal.values(), default=0.0)
    return {k: v / top for k, v in signal.items()} if top > 0 else {}


def product_affinity(profile: StyleProfile, product: Product) -> Affinity:
    """How much the shopper's profile likes what the product is made of and looks like."""
    if profile.is_empty():
        return Affinity(0.0, ())
    words, categories = product_traits(product)
    colours = _normalised(profile.colours)
    kinds = _normalised(profile.categories)
    liked = {w.lower() for w in profile.likes}
    disliked = {w.lower() for w in profile.dislikes}
    score, reasons = 0.0, []
    for word in sorted(words):
        if word in disliked:
            score -= 1.0
            continue
        weight = max(colours.get(word, 0.0), 1.0 if word in liked else 0.0)
        if weight > 0:
            score += 0.5 * weight
            reasons.append(word)
    for category in sorted(categories):
        weight = max(kinds.get(category, 0.0), 1.0 if category in liked else 0.0)
        if weight > 0:
            score += 0.5 * weight
            reasons.append(category)
    return Affinity(max(-1.0, min(1.0, score)), tuple(reasons))
