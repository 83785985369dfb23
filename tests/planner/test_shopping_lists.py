"""The shopper's own shopping list: given in many shapes, then acted on (`shopping_lists`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.planner import ConversationContext, understand

WITH_LIST = ConversationContext(
    list_product_names=("Mug", "Bamboo Glass Jar"), cart_product_names=("Mug",)
)


def listed(text: str) -> list[tuple[str | None, int | None]]:
    intent = understand(text)
    assert intent.kind == "note_list", intent
    return [(r.text, r.quantity) for r in intent.products]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Here is my list: three candle holders, a watch and 2 hair dryers. Got them all?",
         [("candle holders", 3), ("watch", None), ("hairdryers", 2)]),
        ("shopping list -\n* 2x tank top\n* sunglases\n* jar x4\nwhat do i still need?",
         [("tank top", 2), ("sunglasses", None), ("jar", 4)]),
        ("the list for gran's birthday: candle holder, mug. compare that with my basket pls",
         [("candle holder", None), ("mug", None)]),
        ("so a watch, two pairs of loafers and the shakers, that's the list. anything missing?",
         [("watch", None), ("loafers", 2), ("shakers", None)]),
        ("my weekly list reads: 5 jars, one mug - which of those have i got?",
         [("jars", 5), ("mug", 1)]),
    ],
)  # fmt: skip
def test_a_list_given_in_many_shapes(text: str, items: list[tuple[str, int | None]]) -> None:
    assert listed(text) == items


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("what's still missing?", "check_list"),
        ("anything there that isn't on it?", "check_list"),
        ("does my cart have everything on my list?", "check_list"),
        ("throw in the rest", "fill_list"),
        ("put in whatever's missing please", "fill_list"),
        ("can you make my basket match the list", "match_list"),
        ("make the cart look like my list", "match_list"),
    ],
)  # fmt: skip
def test_requests_about_a_list_once_given(text: str, kind: str) -> None:
    assert understand(text, context=WITH_LIST).kind == kind


def test_a_list_with_nothing_asked_of_it_is_an_order_and_kept() -> None:
    order = understand("Grocery list: 4 jars, a mug and the salt and pepper shakers")
    assert order.kind == "add_to_cart"
    assert [(r.text, r.quantity) for r in order.products][:2] == [("jars", 4), ("mug", None)]
    (kept,) = order.secondary
    assert kept.kind == "note_list" and [r.text for r in kept.products][:2] == ["jars", "mug"]


def test_without_a_list_what_is_missing_is_no_list_question() -> None:
    # "what's missing?" with no list given is the outfit's question, not the list's
    assert understand("what's still missing?").kind != "check_list"
    assert understand("add whatever's missing").kind != "fill_list"


def test_crossing_off_names_the_product_or_its_price() -> None:
    named = understand("scratch the bamboo jar off the list", context=WITH_LIST)
    assert named.kind == "cross_off_list" and named.products[0].text == "bamboo jar"
    priced = understand("take the $18.99 one off my list", context=WITH_LIST)
    assert priced.kind == "cross_off_list" and priced.products[0].anaphora
    assert priced.price is not None and priced.price.amount == Decimal("18.99")


def test_the_list_says_a_count_sets_that_line() -> None:
    named = understand("there's 2 jars in there but the list says 5, sort it out")
    assert named.kind == "set_quantity" and named.quantity == 5
    assert named.products[0].text == "jars" and named.held is None
    unnamed = understand("i have one in my cart but my list says two")
    assert unnamed.kind == "set_quantity" and unnamed.quantity == 2 and unnamed.held == 1


def test_more_requests_beside_a_list_request() -> None:
    both = understand("add the rest, then take out the watch", context=WITH_LIST)
    assert both.kind == "fill_list"
    assert [(i.kind, i.products[0].text) for i in both.secondary] == [("remove_from_cart", "watch")]
    kept = understand("match my list but leave the mugs alone", context=WITH_LIST)
    assert kept.kind == "match_list" and [r.text for r in kept.excluded] == ["mugs"]
    one = understand("the mugs too, as many as the list says", context=WITH_LIST)
    assert one.kind == "match_list" and [r.text for r in one.products] == ["mugs"]


def test_adding_one_thing_from_the_list_is_an_add_among_its_products() -> None:
    intent = understand("just add the kitchen one from my list", context=WITH_LIST)
    assert intent.kind == "add_to_cart"
