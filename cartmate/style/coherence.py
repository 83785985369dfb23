"""Does a set of products make a coherent outfit? A score 0..1 with reasons, by fixed rules.

Each product is a `Piece`: the product and its catalog traits (`catalog_traits`). Its colours
are its photo palette plus the colour words of its text; its look is its photo's leading
aesthetic (confidence >= 0.45) and formality.

**Outfit slots.** Categories name a slot: clothing/tops/shirts/dresses/trousers/... ->
`clothing`; footwear/shoes -> `footwear`; accessories/jewellery/bags/... -> `accessories`.
Products in no slot (kitchen, beauty) are not outfit pieces. A bundle holds at most one
clothing piece, one pair of footwear and two accessories (`SLOT_CAPACITY`).

**Clashes** (each subtracts its penalty from a harmony of 1.0, floored at 0):

- colours: two pieces in a clashing pair of accent colours, 0.2 per pair of pieces
  (`CLASHING_COLOURS`: red-pink, red-orange, orange-pink, orange-purple, red-purple,
  burgundy-orange); neutrals (`NEUTRALS`, plus brown, tan, camel, khaki and gold, which
  read as neutral in an outfit) go with everything;
- too many accents: more than three distinct accent colours across the set, 0.1 per extra;
- aesthetics: two pieces whose looks clash, 0.2 per pair (`CLASHING_AESTHETICS`:
  minimalist-streetwear, minimalist-bohemian, classic-streetwear, romantic-edgy,
  preppy-edgy, sporty-romantic, sporty-classic);
- formality: a formal piece with a casual one, 0.2 once.

**Completeness** = outfit slots covered / 3. Missing pieces are reported ("add footwear").

**Score** = 0.6 completeness + 0.4 harmony when the set holds any outfit piece, else harmony.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from cartmate.boutique.models import Product
from cartmate.style.affinity import NEUTRALS
from cartmate.style.catalog_traits import ProductTraits

__all__ = [
    "CLASHING_AESTHETICS",
    "CLASHING_COLOURS",
    "OUTFIT_NEUTRALS",
    "SLOTS",
    "SLOT_CAPACITY",
    "Coherence",
    "Piece",
    "clash_penalty",
    "coherence",
    "slot_of",
]

SLOTS = ("clothing", "footwear", "accessories")
SLOT_CAPACITY = {"clothing": 1, "footwear": 1, "accessories": 2}
_SLOT_CATEGORIES = {
    "clothing": {"clothing", "tops", "top", "shirts", "dresses", "trousers", "pants", "skirts",
                 "jackets", "outerwear", "knitwear", "jeans", "bottoms"},
    "footwear": {"footwear", "shoes", "boots", "sneakers", "sandals"},
    "accessories": {"accessories", "jewelry", "jewellery", "bags", "hats", "belts", "eyewear",
                    "watches", "scarves"},
}  # fmt: skip
OUTFIT_NEUTRALS = NEUTRALS | {"brown", "tan", "camel", "khaki", "gold"}
CLASHING_COLOURS = frozenset(
    frozenset(pair)
    for pair in [("red", "pink"), ("red", "orange"), ("orange", "pink"), ("orange", "purple"),
                 ("red", "purple"), ("burgundy", "orange")]
)  # fmt: skip
CLASHING_AESTHETICS = frozenset(
    frozenset(pair)
    for pair in [("minimalist", "streetwear"), ("minimalist", "bohemian"),
                 ("classic", "streetwear"), ("romantic", "edgy"), ("preppy", "edgy"),
                 ("sporty", "romantic"), ("sporty", "classic")]
)  # fmt: skip
_CLASH, _EXTRA_ACCENT, _FORMALITY = 0.2, 0.1, 0.2
_MAX_ACCENTS = 3
_MISSING = {
    "clothing": "add a piece of clothing to wear with it",
    "footwear": "add footwear to complete the outfit",
    "accessories": "add an accessory to finish the look",
}


@dataclass(frozen=True)
class Piece:
    """A product with its traits, as the coherence rules see it."""

    product: Product
    traits: ProductTraits

    @property
    def slot(self) -> str | None:
        """The outfit slot the product fills, or None."""
        return slot_of(self.product)


@dataclass(frozen=True)
class Coherence:
    """The verdict on a set of pieces."""

    score: float
    harmony: float
    completeness: float | None  # None: no outfit pieces at all
    reasons: tuple[str, ...] = ()  # what clashes (and what works)
    missing: tuple[str, ...] = ()  # slots an outfit still lacks
    advice: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """JSON-able."""
        return {
            "score": self.score,
            "harmony": self.harmony,
            "completeness": self.completeness,
            "reasons": list(self.reasons),
            "missing": list(self.missing),
            "advice": list(self.advice),
        }


def slot_of(product: Product) -> str | None:
    """The outfit slot a product's categories name (first slot wins), or None."""
    categories = {c.lower() for c in product.categories}
    return next((s for s in SLOTS if categories & _SLOT_CATEGORIES[s]), None)


def _accents(piece: Piece) -> set[str]:
    return {c for c in piece.traits.colour_names() if c not in OUTFIT_NEUTRALS}


def clash_penalty(a: Piece, b: Piece) -> tuple[float, list[str]]:
    """The penalty and reasons for one pair of pieces (colours and aesthetics)."""
    penalty, reasons = 0.0, []
    for x in sorted(_accents(a)):
        for y in sorted(_accents(b)):
            if frozenset((x, y)) in CLASHING_COLOURS:
                penalty += _CLASH
                reasons.append(f"{a.product.name}'s {x} clashes with {b.product.name}'s {y}")
    la, lb = a.traits.leading_aesthetic(), b.traits.leading_aesthetic()
    if la and lb and frozenset((la, lb)) in CLASHING_AESTHETICS:
        penalty += _CLASH
        reasons.append(f"{a.product.name} is {la} but {b.product.name} is {lb}")
    return penalty, reasons


def coherence(pieces: Sequence[Piece]) -> Coherence:
    """Score a set of products as an outfit by the rules in the module docstring.

    Args:
        pieces: The products (a cart's lines or a bundle); duplicates count once.

    Returns:
        The score (0..1), harmony, completeness, clash reasons and missing slots.
    """
    unique = list({p.product.id: p for p in pieces}.values())
    penalty, reasons = 0.0, []
    for a, b in combinations(unique, 2):
        pair_penalty, pair_reasons = clash_penalty(a, b)
        penalty += pair_penalty
        reasons += pair_reasons
    accents = sorted({c for p in unique for c in _accents(p)})
    if len(accents) > _MAX_ACCENTS:
        penalty += _EXTRA_ACCENT * (len(accents) - _MAX_ACCENTS)
        reasons.append(f"too many accent colours ({', '.join(accents)})")
    formality = {p.traits.formality for p in unique}
    if {"formal", "casual"} <= formality:
        penalty += _FORMALITY
        reasons.append("mixes formal and casual pieces")
    harmony = round(max(0.0, 1.0 - penalty), 6)
    slots = {p.slot for p in unique} - {None}
    if not slots:
        return Coherence(score=harmony, harmony=harmony, completeness=None, reasons=tuple(reasons))
    completeness = round(len(slots) / len(SLOTS), 6)
    missing = tuple(s for s in SLOTS if s not in slots)
    if not reasons:
        shared = sorted(set.intersection(*(set(p.traits.colour_names()) for p in unique)))
        reasons.append(
            f"the colours work together ({', '.join(shared)} throughout)"
            if shared and len(unique) > 1
            else "nothing clashes"
        )
    return Coherence(
        score=round(0.6 * completeness + 0.4 * harmony, 6),
        harmony=harmony,
        completeness=completeness,
        reasons=tuple(reasons),
        missing=missing,
        advice=tuple(_MISSING[s] for s in missing),
    )
