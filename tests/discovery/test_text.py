"""Text normalisation, stemming, typo matching and the synonym tables."""

from __future__ import annotations

import pytest

from cartmate.discovery.synonyms import (
    ATTRIBUTES,
    COMPOUNDS,
    CONCEPTS,
    lookup_attribute,
    lookup_concept,
)
from cartmate.discovery.text import (
    STOP_WORDS,
    content_stems,
    fuzzy_matches,
    is_generic,
    normalize,
    stem,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salt & Pepper", "salt and pepper"),
        ("  Crème Brûlée!! ", "creme brulee"),
        ("Men's T-Shirt", "mens t shirt"),
        ("SUNGLASSES", "sunglasses"),
        ("1.7 l / 57 oz", "1 7 l 57 oz"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_tokenize_keeps_stop_words() -> None:
    assert tokenize("Something for the Kitchen") == ["something", "for", "the", "kitchen"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("glasses", "glass"),
        ("glass", "glass"),
        ("sunglasses", "sunglass"),
        ("shakers", "shaker"),
        ("tops", "top"),
        ("loafers", "loafer"),
        ("jars", "jar"),
        ("mugs", "mug"),
        ("accessories", "accessory"),
        ("accessory", "accessory"),
        ("watches", "watch"),
        ("boxes", "box"),
        ("shoes", "shoe"),
        ("dress", "dress"),
        ("cactus", "cactus"),
        ("lenses", "lens"),
        ("lens", "lens"),
        ("cookie", "cooky"),
        ("cookies", "cooky"),
        ("styling", "styling"),  # no -ing stripping
        ("bus", "bus"),
        ("57", "57"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_stems_drop_generic_words() -> None:
    assert content_stems("Show me something for the kitchen") == ["kitchen"]
    assert content_stems("I want to find some mugs please") == ["mug"]
    assert content_stems("a t-shirt") == ["shirt"]  # stray letters go too
    for generic in ["something", "for", "the", "some", "show", "me", "find", "i", "want"]:
        assert generic in STOP_WORDS
    assert {"need", "looking"} <= STOP_WORDS
    assert not {"top", "set", "pair", "light", "watch", "cup"} & STOP_WORDS
    assert content_stems("2 mugs under $20") == ["mug"]  # numbers and price talk too
    assert [is_generic(t) for t in ["57", "l", "under", "mug", "57oz"]] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_fuzzy_matches() -> None:
    vocabulary = ["sunglass", "loafer", "hairdryer", "watch", "hair", "each", "glass"]
    assert fuzzy_matches("sunglase", vocabulary) == [("sunglass", 0.875)]
    assert fuzzy_matches("loafr", vocabulary)[0][0] == "loafer"
    assert fuzzy_matches("hairdrier", vocabulary)[0][0] == "hairdryer"
    assert fuzzy_matches("wach", vocabulary) == [("watch", 0.8)]
    assert fuzzy_matches("chair", vocabulary) == []  # first letters differ
    assert fuzzy_matches("gls", vocabulary) == []  # too short
    assert fuzzy_matches("glass", vocabulary) == []  # exact matches are the caller's
    assert fuzzy_matches("xyzzy", vocabulary) == []


def test_fuzzy_matches_order_is_deterministic() -> None:
    # Best similarity first, ties alphabetical, whatever the vocabulary's order.
    vocabulary = ["walt", "wallet", "walets", "walnut"]
    found = fuzzy_matches("walet", vocabulary)
    assert [choice for choice, _ in found] == ["walets", "wallet", "walt"]
    assert [score for _, score in found] == pytest.approx([5 / 6, 5 / 6, 0.8])
    assert fuzzy_matches("walet", list(reversed(vocabulary))) == found
    assert fuzzy_matches("walet", vocabulary, limit=1) == found[:1]


def test_concept_lookup_exact_spelling_first() -> None:
    assert lookup_concept(("glasses",)).label == "sunglasses"  # type: ignore[union-attr]
    assert lookup_concept(("glass",)) is None  # a material, not eyewear
    assert lookup_attribute(("glass",)) == ("glass",)
    assert lookup_attribute(("glasses",)) is None
    assert lookup_concept(("hair", "dryer")).label == "hairdryer"  # type: ignore[union-attr]
    assert lookup_concept(("hair", "dryers")).label == "hairdryer"  # type: ignore[union-attr]
    assert lookup_concept(("candles",)).label == "candle holder"  # type: ignore[union-attr]
    assert lookup_concept(("shoe",)).label == "loafers"  # type: ignore[union-attr]
    assert lookup_concept(("timepiece",)).terms == ("watch",)  # type: ignore[union-attr]
    assert lookup_concept(("xyzzy",)) is None


def test_attribute_lookup() -> None:
    assert lookup_attribute(("gray",)) == ("gray", "grey")
    assert lookup_attribute(("blue",)) == ("blue", "navy")
    assert lookup_attribute(("navy",)) == ("navy",)  # one-way on purpose
    assert lookup_attribute(("leather",)) == ("leather",)


def test_tables_are_normalised_data() -> None:
    for concept in CONCEPTS:
        assert concept.words and (concept.terms or concept.categories), concept.label
        for word in concept.words:
            assert tokenize(word), word
    for word, matches in ATTRIBUTES.items():
        assert word == normalize(word) and word in matches
    for compound, parts in COMPOUNDS.items():
        assert compound == "".join(parts)
