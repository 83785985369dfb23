"""Shopper vocabulary -> catalog vocabulary: concepts, attributes, compounds, category pairings.

Pure data plus small lookups built from it at import. To teach discovery a new word, add it
to the `words` of a `Concept` (or a new `Concept`), to `ATTRIBUTES`, or to `COMPOUNDS`.
Keys are written as a shopper would type them; they are normalised with
`cartmate.discovery.text.tokenize`, so "T-shirt", "t shirt" and "t-shirt" are one key, and
multi-word keys ("hair dryer", "living room") are matched as phrases before single words.

A concept names what the shopper means in catalog terms: `terms` are words or phrases
searched in product names and descriptions (e.g. "sunglasses"), `categories` are catalog
categories the concept stands for (searched in the categories field only, and used by
`ProductIndex.match_category`). Categories absent from a catalog are simply never matched.
"""

from __future__ import annotations

from dataclasses import dataclass

from cartmate.discovery.text import stem, tokenize

__all__ = [
    "ATTRIBUTES",
    "COMPLEMENTARY_CATEGORIES",
    "COMPOUNDS",
    "CONCEPTS",
    "Concept",
    "lookup_attribute",
    "lookup_concept",
    "max_phrase_length",
    "single_word_keys",
]


@dataclass(frozen=True)
class Concept:
    """What a group of shopper words means in catalog vocabulary.

    Attributes:
        label: A short name shown in explanations ("shades -> sunglasses").
        words: Shopper words and phrases that evoke the concept.
        terms: Catalog words or phrases to search in names and descriptions.
        categories: Catalog categories the concept stands for, most specific first.
    """

    label: str
    words: tuple[str, ...]
    terms: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


CONCEPTS: tuple[Concept, ...] = (
    # ---- products (the Online Boutique catalog's vocabulary)
    Concept(
        "sunglasses",
        ("shades", "eyewear", "aviators", "glasses", "sunnies", "sun glasses"),
        terms=("sunglasses",),
    ),
    Concept(
        "watch",
        ("timepiece", "timepieces", "wristwatch", "wristwatches", "wrist watch"),
        terms=("watch",),
    ),
    Concept(
        "loafers",
        ("shoes", "footwear", "moccasins", "slip ons", "slip on", "slipons", "slip-on"),
        terms=("loafers",),
        categories=("footwear",),
    ),
    Concept(
        "tank top",
        ("shirt", "tee", "t-shirt", "tshirt", "top", "sleeveless", "vest", "camisole", "cami"),
        terms=("tank top",),
        categories=("tops", "clothing"),
    ),
    Concept(
        "hairdryer",
        ("blow dryer", "hair dryer", "blowdryer", "hair drier", "blow drier", "hairdrier"),
        terms=("hairdryer",),
    ),
    Concept("mug", ("cup", "coffee", "tea", "teacup", "coffee cup"), terms=("mug",)),
    Concept(
        "candle holder",
        ("candle", "candlestick", "candlesticks", "tealight", "tea light", "votive"),
        terms=("candle holder",),
    ),
    Concept(
        "salt & pepper shakers",
        ("seasoning", "spice", "salt", "pepper", "condiment", "salt and pepper", "grinder"),
        terms=("salt & pepper shakers",),
    ),
    Concept("jar", ("storage", "container", "canister", "pantry"), terms=("jar",)),
    # ---- categories
    Concept(
        "kitchen",
        ("kitchen", "kitchenware", "cooking", "cookware", "dining", "cook", "utensil"),
        categories=("kitchen",),
    ),
    Concept(
        "home",
        ("home", "house", "household", "homeware", "living room", "interior"),
        categories=("home", "decor"),
    ),
    Concept(
        "decor",
        ("decor", "decoration", "decorative", "ornament", "home decor"),
        categories=("decor", "home"),
    ),
    Concept(
        "beauty", ("beauty", "grooming", "cosmetics", "styling"), categories=("beauty", "hair")
    ),
    Concept("hair", ("hair", "haircare"), categories=("hair", "beauty")),
    Concept("accessories", ("accessories", "accessory"), categories=("accessories",)),
    Concept(
        "clothing",
        ("clothes", "clothing", "apparel", "outfit", "wear", "garment", "wardrobe"),
        categories=("clothing",),
    ),
)

#: Colour and material words, matched against names and descriptions only. Each key lists
#: the words it matches; the relation is one-way on purpose ("blue" finds navy, "navy" does
#: not find every blue thing).
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    # colours
    "black": ("black",),
    "white": ("white",),
    "grey": ("grey", "gray"),
    "gray": ("gray", "grey"),
    "silver": ("silver",),
    "gold": ("gold", "golden"),
    "golden": ("golden", "gold"),
    "brown": ("brown", "tan"),
    "tan": ("tan",),
    "beige": ("beige",),
    "navy": ("navy",),
    "blue": ("blue", "navy"),
    "red": ("red",),
    "green": ("green",),
    "yellow": ("yellow", "mustard"),
    "mustard": ("mustard",),
    "orange": ("orange",),
    "pink": ("pink",),
    "purple": ("purple",),
    "cream": ("cream",),
    "natural": ("natural", "wood", "wooden"),
    "wood": ("wood", "wooden", "natural"),
    "wooden": ("wooden", "wood", "natural"),
    "clear": ("clear", "transparent"),
    "transparent": ("transparent", "clear"),
    # materials
    "leather": ("leather",),
    "suede": ("suede",),
    "ceramic": ("ceramic",),
    "bamboo": ("bamboo",),
    "glass": ("glass",),
    "metal": ("metal",),
    "cotton": ("cotton",),
    "steel": ("steel", "stainless"),
    "stainless": ("stainless", "steel"),
    "acrylic": ("acrylic",),
    "copper": ("copper",),
    "chrome": ("chrome",),
}

#: Closed compounds split into parts that are also indexed (at reduced weight), so "glass"
#: reaches "Sunglasses" and "dryer" reaches "Hairdryer", a little below a whole-word match.
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "sunglasses": ("sun", "glasses"),
    "hairdryer": ("hair", "dryer"),
    "wristwatch": ("wrist", "watch"),
    "tealight": ("tea", "light"),
    "teacup": ("tea", "cup"),
    "candlestick": ("candle", "stick"),
}

#: Which categories go well with which, and how strongly (1.0 = best). Pairs apply both ways
#: unless the reverse pair is listed too; a category may pair with itself ("kitchen").
COMPLEMENTARY_CATEGORIES: tuple[tuple[str, str, float], ...] = (
    ("footwear", "clothing", 1.0),
    ("footwear", "tops", 0.9),
    ("footwear", "accessories", 0.8),
    ("accessories", "clothing", 0.9),
    ("accessories", "tops", 0.85),
    ("hair", "accessories", 0.6),
    ("beauty", "accessories", 0.6),
    ("kitchen", "kitchen", 1.0),
    ("kitchen", "home", 0.7),
    ("kitchen", "decor", 0.7),
)


def _key(words: str) -> tuple[str, ...]:
    return tuple(tokenize(words))


def _build_concepts() -> tuple[dict[tuple[str, ...], Concept], dict[tuple[str, ...], Concept]]:
    surface: dict[tuple[str, ...], Concept] = {}
    stemmed: dict[tuple[str, ...], Concept] = {}
    for concept in CONCEPTS:
        for word in concept.words:
            key = _key(word)
            if key in surface and surface[key] is not concept:
                raise ValueError(f"synonym {word!r} belongs to two concepts")
            surface[key] = concept
            stemmed.setdefault(tuple(stem(t) for t in key), concept)
    return surface, stemmed


_CONCEPT_SURFACE, _CONCEPT_STEMMED = _build_concepts()
_ATTRIBUTE_SURFACE = {_key(word): word for word in ATTRIBUTES}
_ATTRIBUTE_STEMMED = {tuple(stem(t) for t in key): word for key, word in _ATTRIBUTE_SURFACE.items()}


def lookup_concept(tokens: tuple[str, ...]) -> Concept | None:
    """The concept a run of normalised tokens names, by exact spelling first, then by stem.

    Exact spelling wins so "glasses" (eyewear) is not taken for "glass" (a material).
    """
    found = _CONCEPT_SURFACE.get(tokens)
    if found is None and tokens not in _ATTRIBUTE_SURFACE:
        found = _CONCEPT_STEMMED.get(tuple(stem(t) for t in tokens))
    return found


def lookup_attribute(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words a colour/material run of tokens matches, or None if it is not one."""
    word = _ATTRIBUTE_SURFACE.get(tokens)
    if word is None and tokens not in _CONCEPT_SURFACE:
        word = _ATTRIBUTE_STEMMED.get(tuple(stem(t) for t in tokens))
    return None if word is None else ATTRIBUTES[word]


_ALL_KEYS = (*_CONCEPT_SURFACE, *_ATTRIBUTE_SURFACE)
_SINGLE_WORD_KEYS = tuple(sorted({key[0] for key in _ALL_KEYS if len(key) == 1}))


def max_phrase_length() -> int:
    """The longest concept or attribute key, in tokens (how far phrase matching looks)."""
    return max(len(key) for key in _ALL_KEYS)


def single_word_keys() -> tuple[str, ...]:
    """One-token concept and attribute keys (typo matching tries them), sorted."""
    return _SINGLE_WORD_KEYS
