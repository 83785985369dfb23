"""How well a product fits a shopper's style profile, and why, in words.

A product's traits are its categories and the colour and material words of its name and
description and, when its photo was analysed (`cartmate.style.catalog_traits`), the photo's
palette colours and aesthetics. The affinity is the profile's normalised weight on each trait
(likes count fully, dislikes subtract; a photo aesthetic counts by its confidence). Discovery
adds it to relevance, so a search still answers the words first and the style decides among
close matches.

The reason reads "matches your black, minimalist palette" for the look (colours and
aesthetics; two or more neutrals say "neutral") and "your taste for leather, kitchen" for
materials, categories and other liked words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cartmate.boutique.models import Product
from cartmate.style.analysis import AESTHETICS, COLOURS
from cartmate.style.profile import StyleProfile

if TYPE_CHECKING:
    from cartmate.style.catalog_traits import ProductTraits

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
# How a surface looks, said in many words: a taste for one ("nothing shiny") is a taste for
# all of its kind ("glossy", "polished", "metallic sparkle", "chrome-finish").
_FINISHES: dict[str, frozenset[str]] = {
    "shiny": frozenset({"shiny", "glossy", "polished", "metallic", "sparkle", "sparkly",
                        "chrome", "gloss", "shimmer", "glitter"}),
    "matte": frozenset({"matte", "matt"}),
}  # fmt: skip
_FINISH_WORDS = {w for words in _FINISHES.values() for w in words}
_WORDS = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in (*COLOURS, *_MATERIALS, *_FINISH_WORDS)) + r")\b"
)


NEUTRALS = frozenset(
    {"black", "charcoal", "grey", "silver", "white", "ivory", "beige", "taupe", "navy"}
)
"""Colours that go with anything (also used by the coherence rules)."""


@dataclass(frozen=True)
class Affinity:
    """How much a shopper's profile likes a product, and the traits that made it so."""

    score: float  # about -1 (dislikes) to 1 (everything it is, the shopper likes)
    reasons: tuple[str, ...]
    clashes: tuple[str, ...] = ()  # what it is that the shopper said they dislike
    # In a category the shopper said they don't want ("no more kitchen stuff"): left out of
    # browsing, where a disliked colour only sinks to the end
    ruled_out: bool = False

    @property
    def why(self) -> str | None:
        """A short phrase for the shopper, or None when the product is not a style fit."""
        return self.why_for("your")

    def why_for(self, whose: str) -> str | None:
        """`why`, about `whose` taste ("your", or "their" for a gift's recipient); for a
        product below neutral, what it has that the taste rules out."""
        if self.score < 0 and self.clashes:
            return f"clashes with {whose} dislike of {', '.join(self.clashes[:3])}"
        if self.score <= 0 or not self.reasons:
            return None
        look = [r for r in self.reasons if r in COLOURS or r in AESTHETICS]
        taste = [r for r in self.reasons if r not in look]
        neutral = [c for c in look if c in NEUTRALS]
        if len(neutral) >= 2:  # "black, white, grey" says less than "neutral"
            look = ["neutral", *(w for w in look if w not in NEUTRALS)]
        parts = [f"{whose} {', '.join(look[:3])} palette"] if look else []
        if taste:
            parts.append(f"{whose} taste for " + ", ".join(taste[:3]))
        return "matches " + " and ".join(parts)


def product_traits(product: Product) -> tuple[set[str], set[str]]:
    """(colour and material words, categories) of a product, from its text."""
    words = set(_WORDS.findall(f"{product.name} {product.description}".lower()))
    return words, {c.lower() for c in product.categories}


def _normalised(signal: dict[str, float]) -> dict[str, float]:
    top = max(signal.values(), default=0.0)
    return {k: v / top for k, v in signal.items()} if top > 0 else {}


def _said_words(phrases: list[str]) -> set[str]:
    """Liked or disliked phrases and their words: "black leather accessories" also means
    black, leather and accessories (each matched against a product's own words)."""
    words = set()
    for phrase in phrases:
        lowered = phrase.lower()
        words.add(lowered)
        words.update(w for w in lowered.split() if len(w) > 2)
    for finish, kin in _FINISHES.items():
        if words & kin:  # "shiny", "sparkly stuff": every word for that finish
            words |= kin | {finish}
    return words


def product_affinity(
    profile: StyleProfile, product: Product, traits: ProductTraits | None = None
) -> Affinity:
    """How much the shopper's profile likes what the product is made of and looks like.

    Args:
        profile: The shopper's style profile.
        product: The product.
        traits: Its catalog traits (photo colours and aesthetics); None uses its text only.
    """
    if profile.is_empty():
        return Affinity(0.0, ())
    words, categories = product_traits(product)
    looks: dict[str, float] = {}
    if traits is not None:
        words |= set(traits.colours)
        looks = traits.aesthetics
    colours = _normalised(profile.colours)
    kinds = _normalised(profile.categories)
    liked = _said_words(profile.likes)
    disliked = _said_words(profile.dislikes)
    score, reasons, clashes = 0.0, [], []
    for word in sorted(words):
        if word in disliked:
            score -= 1.0
            clashes.append(word)
            continue
        weight = max(colours.get(word, 0.0), 1.0 if word in liked else 0.0)
        if weight > 0:
            score += 0.5 * weight
            reasons.append(word)
    styles = _normalised(profile.aesthetics)
    for name, confidence in sorted(looks.items(), key=lambda kv: (-kv[1], kv[0])):
        if name in disliked:
            score -= confidence
            clashes.append(name)
            continue
        weight = max(styles.get(name, 0.0), 1.0 if name in liked else 0.0) * confidence
        if weight >= 0.2:  # a faint aesthetic is noise, not a reason
            score += 0.5 * weight
            reasons.append(name)
    if categories & {d.lower() for d in profile.dislikes}:
        # "no more kitchen stuff" (a whole category, not a word of "black leather
        # accessories"): ruled out, whatever else it has going for it
        return Affinity(-1.0, (), ruled_out=True)
    for category in sorted(categories):
        weight = max(kinds.get(category, 0.0), 1.0 if category in liked else 0.0)
        if weight > 0:
            score += 0.5 * weight
            reasons.append(category)
    return Affinity(max(-1.0, min(1.0, score)), tuple(reasons), tuple(clashes))
