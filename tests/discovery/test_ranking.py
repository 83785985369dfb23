"""ProductIndex.search and ProductIndex.resolve over the bundled Online Boutique catalog."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from cartmate.boutique.models import Product
from cartmate.discovery import ProductIndex, ScoredProduct
from cartmate.discovery.ranking import RESOLVE_CLOSENESS

SUNGLASSES, TANK_TOP, WATCH, LOAFERS = "Sunglasses", "Tank Top", "Watch", "Loafers"
HAIRDRYER, CANDLE_HOLDER = "Hairdryer", "Candle Holder"
SHAKERS, JAR, MUG = "Salt & Pepper Shakers", "Bamboo Glass Jar", "Mug"
KITCHEN = [SHAKERS, JAR, MUG]  # in catalog order


def names(results: list[ScoredProduct]) -> list[str]:
    return [r.product.name for r in results]


# ---------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("shades", SUNGLASSES),
        ("sunglasses", SUNGLASSES),
        ("aviators", SUNGLASSES),
        ("glasses", SUNGLASSES),
        ("timepiece", WATCH),
        ("wristwatch", WATCH),
        ("watches", WATCH),
        ("shoes", LOAFERS),
        ("footwear", LOAFERS),
        ("slip-ons", LOAFERS),
        ("moccasins", LOAFERS),
        ("hair dryer", HAIRDRYER),
        ("blow dryer", HAIRDRYER),
        ("blowdryer", HAIRDRYER),
        ("coffee", MUG),
        ("cup", MUG),
        ("tea", MUG),
        ("candle", CANDLE_HOLDER),
        ("candles", CANDLE_HOLDER),
        ("tea light", CANDLE_HOLDER),
        ("top", TANK_TOP),
        ("shirt", TANK_TOP),
        ("t-shirt", TANK_TOP),
        ("sleeveless vest", TANK_TOP),
        ("clothes", TANK_TOP),
        ("seasoning", SHAKERS),
        ("salt and pepper", SHAKERS),
        ("storage", JAR),
        ("pantry container", JAR),
        ("living room", CANDLE_HOLDER),
        ("decor", CANDLE_HOLDER),
        ("grooming", HAIRDRYER),
        # typos
        ("sunglases", SUNGLASSES),
        ("loafrs", LOAFERS),
        ("hairdrier", HAIRDRYER),
        ("timepeice", WATCH),
        ("wach", WATCH),
        # case, accents and punctuation do not matter
        ("SÜNGLASSES!!", SUNGLASSES),
        ("SALT & PEPPER", SHAKERS),
    ],
)
def test_search_ranks_the_meant_product_first(
    any_index: ProductIndex, query: str, first: str
) -> None:
    assert names(any_index.search(query))[0] == first


@pytest.mark.parametrize(
    "query",
    ["something for the kitchen", "kitchen", "Kitchen stuff", "kitchen things under $20"],
)
def test_kitchen_queries_find_exactly_the_kitchen_products(
    any_index: ProductIndex, query: str
) -> None:
    results = any_index.search(query)
    assert names(results) == KITCHEN  # equal scores keep catalog order
    assert all(r.product.categories == ("kitchen",) for r in results)


def test_accessories_are_the_sunglasses_and_the_watch(any_index: ProductIndex) -> None:
    assert names(any_index.search("accessories")) == [SUNGLASSES, WATCH]
    assert names(any_index.search("accessory")) == [SUNGLASSES, WATCH]


@pytest.mark.parametrize(
    "word",
    ["black", "beige", "white", "silver", "gold", "yellow", "grey", "ceramic", "bamboo"]
    + ["metal", "steel", "clear", "suede", "copper"],
)
def test_colour_and_material_words_find_the_products_whose_text_mentions_them(
    index: ProductIndex, products: list[Product], word: str
) -> None:
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    expected = {p.name for p in products if pattern.search(p.description + " " + p.name)}
    assert expected, f"the bundled catalog no longer mentions {word!r}"
    assert set(names(index.search(word))) == expected


def test_colour_spelling_variants_are_equivalent(index: ProductIndex) -> None:
    assert names(index.search("gray")) == names(index.search("grey")) == [SUNGLASSES]
    assert index.search("gray")[0].matched == ("gray → grey",)


def test_leather_finds_the_products_described_as_leather(products: list[Product]) -> None:
    assert ProductIndex(products).search("leather") == []  # nothing in the catalog is
    belt = replace(products[0], id="BELT1", name="Belt", description="A brown leather belt.")
    wallet = replace(products[0], id="WAL1", name="Wallet", description="Soft leather, 6 cards.")
    index = ProductIndex([*products, belt, wallet])
    assert names(index.search("leather")) == ["Belt", "Wallet"]
    assert names(index.search("brown leather")) == ["Belt", "Wallet"]


def test_several_words_add_up(index: ProductIndex) -> None:
    results = index.search("black coffee mug")
    assert names(results)[0] == MUG
    assert set(results[0].matched) == {"black", "coffee → mug", "mug"}
    assert {SUNGLASSES, HAIRDRYER, TANK_TOP} <= set(names(results))  # black, ranked lower


def test_a_precise_search_keeps_the_products_matching_every_word(index: ProductIndex) -> None:
    assert names(index.search("black coffee mug", precise=True)) == [MUG]
    # No product is both: each word still finds its own.
    assert set(names(index.search("mug sunglasses", precise=True))) == {MUG, SUNGLASSES}
    assert names(index.search("black", precise=True)) == names(index.search("black"))


def test_glass_finds_the_jar_then_the_sunglasses(index: ProductIndex) -> None:
    assert names(index.search("glass")) == [JAR, SUNGLASSES]


@pytest.mark.parametrize("query", ["xyzzy", "leather boots", "a hat", "chair"])
def test_nothing_matches_gives_nothing(index: ProductIndex, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize(
    "query", ["", "   ", "show me something", "I want to find some", "anything under $20"]
)
def test_empty_or_generic_queries_list_the_catalog_in_order(
    index: ProductIndex, products: list[Product], query: str
) -> None:
    results = index.search(query)
    assert [r.product for r in results] == products
    assert all(r.score == 0.0 and r.matched == () for r in results)


def test_explanations_name_the_synonym_or_the_typo(index: ProductIndex) -> None:
    assert index.search("shades")[0].matched == ("shades → sunglasses",)
    assert index.search("sunglases")[0].matched == ("sunglases ~ sunglasses",)
    assert index.search("kitchen")[0].matched == ("kitchen → category kitchen",)
    assert index.search("beige")[0].matched == ("beige",)


def test_scores_are_positive_and_sorted(index: ProductIndex) -> None:
    for query in ["black", "coffee", "tea", "glass", "kitchen decor", "summer shades"]:
        scores = [r.score for r in index.search(query)]
        assert scores and all(s > 0 for s in scores)
        assert scores == sorted(scores, reverse=True)


def test_search_is_deterministic(products: list[Product]) -> None:
    queries = ["black", "something for the kitchen", "glass", "tea", "sunglases"]
    first = [ProductIndex(products).search(q) for q in queries]
    assert [ProductIndex(products).search(q) for q in queries] == first


def test_category_filter(index: ProductIndex) -> None:
    assert names(index.search(category="kitchen")) == KITCHEN
    assert names(index.search(category="KITCHENWARE")) == KITCHEN
    assert names(index.search(category="shoes")) == [LOAFERS]
    assert names(index.search("black", category="Kitchen")) == [MUG]
    assert names(index.search("black", category="accessories")) == [SUNGLASSES]
    assert index.search("coffee", category="footwear") == []
    assert index.search(category="toys") == []
    assert index.search("mug", category="toys") == []
    assert len(index.search(category="  ")) == 9  # blank: no filter


def test_limit(index: ProductIndex) -> None:
    assert names(index.search(limit=2)) == [SUNGLASSES, TANK_TOP]
    assert names(index.search("black", limit=1)) == names(index.search("black"))[:1]
    assert index.search("black", limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        index.search("black", limit=-1)


# ---------------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("watch", WATCH),
        ("the watch", WATCH),
        ("the watch please", WATCH),
        ("salt and pepper", SHAKERS),
        ("Salt & Pepper Shakers", SHAKERS),
        ("the shakers", SHAKERS),
        ("sunglases", SUNGLASSES),
        ("shades", SUNGLASSES),
        ("the glasses", SUNGLASSES),
        ("candle", CANDLE_HOLDER),
        ("tank", TANK_TOP),
        ("the mug please", MUG),
        ("2 mugs", MUG),
        ("coffee cup", MUG),
        ("loafrs", LOAFERS),
        ("bamboo jar", JAR),
        ("hair dryer", HAIRDRYER),
        # "glass": the jar only. "Sunglasses" contains "glass" but as part of a compound,
        # which counts about half, below RESOLVE_CLOSENESS of the jar's whole-word match.
        ("glass", JAR),
    ],
)
def test_resolve_clear_mentions(any_index: ProductIndex, mention: str, expected: str) -> None:
    results = any_index.resolve(mention)
    assert names(results) == [expected]
    assert results[0].score == 1.0


@pytest.mark.parametrize("mention", ["OLJCESPC7Z", "oljcespc7z", " OLJCESPC7Z ", "add OLJCESPC7Z"])
def test_resolve_by_id(index: ProductIndex, mention: str) -> None:
    assert index.resolve(mention) == [
        ScoredProduct(index.products[0], 1.0, ("id",)),
    ]


def test_resolve_by_exact_name_beats_everything(products: list[Product]) -> None:
    set_ = replace(products[8], id="MUGSET", name="Mug Set", description="Two mugs.")
    index = ProductIndex([*products, set_])
    assert names(index.resolve("the Mug")) == [MUG]
    assert names(index.resolve("mug set")) == ["Mug Set"]


def test_resolve_ambiguous_mentions_return_the_close_candidates(index: ProductIndex) -> None:
    kitchen = index.resolve("kitchen")
    assert names(kitchen) == KITCHEN
    assert [r.score for r in kitchen] == [1.0, 1.0, 1.0]
    black = index.resolve("black")
    assert len(black) >= 2 and black[0].score == 1.0
    assert all(RESOLVE_CLOSENESS <= r.score <= 1.0 for r in black)


@pytest.mark.parametrize("mention", ["", "   ", "xyzzy", "please", "the one"])
def test_resolve_nothing(index: ProductIndex, mention: str) -> None:
    assert index.resolve(mention) == []


def test_a_typo_of_a_description_word_is_no_reference(index: ProductIndex) -> None:
    # "along" is one letter from the Tank Top's "alone": a search may show it, but it is not
    # a way to name the product ("put it in the cart along with 2 mugs" added a Tank Top).
    assert index.resolve("along") == []
    assert names(index.resolve("sunglases")) == ["Sunglasses"]  # a misspelt name still is


def test_products_and_duplicate_ids(products: list[Product]) -> None:
    assert ProductIndex(products).products == tuple(products)
    assert ProductIndex([]).search("mug") == [] and ProductIndex([]).resolve("mug") == []
    twin = replace(products[0], id=products[0].id.lower())
    with pytest.raises(ValueError, match="duplicate product id"):
        ProductIndex([*products, twin])


@pytest.mark.parametrize(
    ("query", "unmatched"),
    [
        ("nike shoes", ["nike"]),  # a brand the shop lacks, before what it has
        ("gucci sunglasses", ["gucci"]),
        ("black shoes", []),  # both words match something
        ("something to keep the sun out of my eyes", []),  # a description's stray words
        ("xyzzy", []),  # nothing matches at all: the answer says that instead
    ],
)
def test_unmatched_words_before_matched_ones_are_reported(
    index: ProductIndex, query: str, unmatched: list[str]
) -> None:
    assert index.unmatched(query) == unmatched


@pytest.mark.parametrize(
    ("query", "mentioned"),
    [
        ("bag", ["bag"]),  # the Hairdryer packs into a gym bag; it is no bag
        ("gym bag", ["gym", "bag"]),
        ("blazer", ["blazer"]),  # the Tank Top layers under one
        ("table", ["table"]),  # the shakers and the candle holder stand on one
        ("snacks", ["snacks"]),  # the jar keeps them
        ("black", []),  # a colour describes the product, wherever it is said
        ("aviators", []),  # the description's opening phrase says what it is
        ("crop top", []),
        ("shirt", []),  # a synonym of the Tank Top's name
        ("hair dryer", []),
        ("kitchen", []),  # a category
        ("xyzzy", []),  # nothing found
    ],
)
def test_words_the_products_found_only_mention_are_reported(
    index: ProductIndex, query: str, mentioned: list[str]
) -> None:
    found = [r.product.id for r in index.search(query, precise=True)]
    assert index.mentioned_only(query, found) == mentioned


def test_a_word_one_found_product_is_named_by_is_not_only_mentioned(index: ProductIndex) -> None:
    mug, jar = (index.resolve(name)[0].product.id for name in (MUG, JAR))
    assert index.mentioned_only("coffee", [jar]) == ["coffee"]  # the jar keeps coffee
    assert index.mentioned_only("coffee", [mug, jar]) == []  # a coffee mug is coffee's
    assert index.mentioned_only("bag", []) == []
    assert index.mentioned_only("bag", ["NO-SUCH-ID"]) == []
