"""Words of other languages mixed into English, said in English."""

from __future__ import annotations

import pytest

from cartmate.planner import understand
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.other_languages import said_in_english


def english(text: str) -> str:
    return " ".join(t.text for t in said_in_english(prepare_tokens(text)))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("hola! dos mugs por favor", "hi ! 2 mugs please"),
        ("et en euros?", "and in euros ?"),
        ("Hallo! Bitte zwei jars and drei mugs", "hi ! please 2 jars and 3 mugs"),
        ("salut! combien for the sunglasses?", "hi ! how much for the sunglasses ?"),
        ("la taza, dos", "the mug , 2"),
        ("ok, due please", "okay , 2 please"),
        # English words that other languages share stay English alone
        ("the bill is due today", "the bill is due today"),
        ("add the mug et cetera", "add the mug et cetera"),
    ],
)  # fmt: skip
def test_said_in_english(text: str, said: str) -> None:
    assert english(text) == said


def test_read_as_the_request_it_is() -> None:
    intent = understand("oi! três candle holders, por favor")
    assert intent.kind == "add_to_cart" and intent.quantity == 3
