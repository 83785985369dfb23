"""What the planner reads in a household's shopping (gifts per person, exchanges) and in talk
about the cart itself (questions answered from it, lines named by place or history)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.planner import ConversationContext, Intent, PriceLimit, ShownEarlier, understand


def _requests(intent: Intent) -> list[Intent]:
    return [intent, *intent.secondary]


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("A watch for my dad and two mugs for my flatmates, please.",
         [("watch", "dad", None), ("mugs", "flatmates", 2)]),
        ("A mug for my brother, the candle holder for my grandma, and the loafers for me.",
         [("mug", "brother", None), ("candle holder", "grandma", None), ("loafers", None, None)]),
        # a piece with no one said is for the person said next
        ("the watch for my dad, the shakers and the jar for my sister",
         [("watch", "dad", None), ("shakers", "sister", None), ("jar", "sister", None)]),
        # "one each" belongs to the piece before it, and the request after it stays
        ("Two tank tops for the kids, one each, and the hairdryer for my wife.",
         [("tank tops", "kids", 2), ("hairdryer", "wife", None)]),
        # an errand said first is no search
        ("I'm sorting out presents. Sunglasses for my dad and a mug for my mum.",
         [("sunglasses", "dad", None), ("mug", "mum", None)]),
    ],
)  # fmt: skip
def test_one_add_per_person_said(
    text: str, given: list[tuple[str, str | None, int | None]]
) -> None:
    adds = _requests(understand(text))
    assert [(i.kind, i.products[0].text, i.recipient) for i in adds] == [
        ("add_to_cart", name, person) for name, person, _ in given
    ]
    assert [i.products[0].quantity for i in adds] == [count for *_, count in given]


def test_the_same_for_one_person_as_for_another() -> None:
    for text in ("The same for my mum as for my dad.", "get my mum the same as dad"):
        intent = understand(text)
        assert (intent.kind, intent.recipient) == ("add_to_cart", "mum"), text
        [copied] = intent.products
        assert copied.shown == ShownEarlier(which="gifted", text="dad"), text


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("How much am I spending on the kids?", "kids"),
        ("how much are dad's presents?", "dad"),
        ("What am I getting my grandma?", "grandma"),
        ("what's my dad getting?", "dad"),
        ("How much are the presents for dad and my cousin?", "dad and cousin"),
        ("How much is that for my brother and my uncle together?", "brother and uncle"),
    ],
)
def test_what_the_cart_holds_for_someone(text: str, recipient: str) -> None:
    intent = understand(text)
    assert (intent.kind, intent.recipient, intent.products) == ("view_cart", recipient, ())


def test_and_on_someone_else_after_that_question() -> None:
    after = ConversationContext(last_intent="view_cart")
    for text in ("And on my wife?", "what about my wife?"):
        intent = understand(text, context=after)
        assert (intent.kind, intent.recipient) == ("view_cart", "wife"), text
    assert understand("Add another one for my sister too.", context=after).kind == "add_to_cart"


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Instead of two mugs I'll have two jars.", "mugs", "jars"),
        ("Replace the hairdryer with the watch, it's too pricey.", "hairdryer", "watch"),
        ("Make my dad's present the sunglasses instead.", "present", "sunglasses"),
        ("Trade one of the candle holders for a mug.", "candle holders", "mug"),
        ("Swap the loafers for the sunglasses, summer's nearly over anyway.", "loafers",
         "sunglasses"),
    ],
)  # fmt: skip
def test_exchanges(text: str, out: str, back: str) -> None:
    removal = understand(text)
    [added] = removal.secondary
    assert removal.kind == "remove_from_cart" and removal.products[0].text == out
    assert added.kind == "add_to_cart" and added.products[0].text == back


def test_what_an_exchange_counts_and_who_it_is_for() -> None:
    traded = understand("Trade one of the candle holders for a mug.")
    assert traded.products[0].quantity == 1  # one of the line, not all of it
    swapped = understand("swap the mugs for two jars for them")
    [added] = swapped.secondary
    assert (added.products[0].text, added.recipient) == ("jars", "them")
    assert len(added.products) == 1  # "them" is who, not a product


@pytest.mark.parametrize(
    "text",
    ["And how many jars did I put in?", "is the candle holder still there?",
     "are the mugs still in?", "Have I got more mugs or more jars?"],
)  # fmt: skip
def test_questions_of_the_cart(text: str) -> None:
    assert understand(text).kind == "view_cart"


def test_filters_asked_of_the_cart() -> None:
    black = understand("Anything black in there?")
    assert (black.kind, black.colours, black.products) == ("view_cart", ("black",), ())
    cheap = understand("Anything in my cart under 10 dollars?")
    assert cheap.kind == "view_cart"
    assert cheap.max_price == PriceLimit(Decimal("10"), "USD")
    # a request to put something in it is a search
    assert understand("put something black in my cart").kind == "search"


def test_a_saving_supposed() -> None:
    intent = understand("How much would I save if I dropped the loafers?")
    assert intent.kind == "view_cart"
    [(ref, change)] = intent.what_if
    assert ref.text == "loafers" and change < 0
    one = understand("And if I dropped only one pair?")
    assert [(r.anaphora, n) for r, n in one.what_if] == [(True, -1)]


@pytest.mark.parametrize(
    ("text", "which", "ordinal", "named"),
    [
        ("The first line - make it two.", "cart", 1, None),
        ("Remove the top item.", "cart", 1, None),
        ("Make the bottom line three.", "cart", -1, None),
        ("Take out the second thing in my cart.", "cart", 2, None),
        ("Remove whatever I added first.", "added", 1, None),
        ("The thing I added before the mugs - I don't need it any more.", "added", -1, "mugs"),
    ],
)
def test_cart_lines_by_place_and_history(
    text: str, which: str, ordinal: int, named: str | None
) -> None:
    [ref] = understand(text).products
    assert ref.shown == ShownEarlier(which=which, text=named, ordinal=ordinal)  # type: ignore[arg-type]


def test_put_in_my_cart_is_where_not_which() -> None:
    [ref] = understand("chuck the 2nd one in my cart pls").products
    assert ref.ordinal == 2 and ref.shown is None


def test_can_go_is_a_removal() -> None:
    assert understand("the mug can go").kind == "remove_from_cart"
    everything = understand("Everything except the first item can go.")
    assert everything.kind == "empty_cart" and everything.excluded
    assert understand("what can go with it?").kind == "complements"


def test_the_cheapest_line_has_an_order() -> None:
    intent = understand("Change the cheapest line to three.")
    assert (intent.kind, intent.sort, intent.quantity) == ("set_quantity", "price_asc", 3)


def test_longer_lists_taken_out_and_what_is_left() -> None:
    out = understand("Take the watch and the loafers out.")
    assert out.kind == "remove_from_cart"
    assert [r.text for r in out.products] == ["watch", "loafers"]
    doubled = understand("Double everything that's left.")
    assert doubled.kind == "set_quantity" and doubled.factor == 2
    assert [r.all_recent for r in doubled.products] == [True]
