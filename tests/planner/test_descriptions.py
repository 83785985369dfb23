"""Things described by what they are for, said by their names; "whichever" said plainly."""

from __future__ import annotations

import pytest

from cartmate.planner.descriptions import described_things_named
from cartmate.planner.text import tokenise
from cartmate.planner.whichever import whichever_said_plainly


def said(rewrite, text: str) -> str:  # type: ignore[no-untyped-def]
    return " ".join(t.text for t in rewrite(tokenise(text)))


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("do you have the thing you put salt in?", "do you have the salt shakers ?"),
        ("i need something to keep my pasta in", "i need any jars"),
        ("how much is the thing to dry your hair", "how much is the hairdryer"),
        ("add a thing for my coffee too", "add a mug too"),
        ("something for the sun on my eyes?", "any sunglasses ?"),
        ("add the time thing", "add the watch"),
        ("take the coffee things out", "take the mugs out"),
        ("got shoes without laces?", "got slip on shoes ?"),
        ("put something to wear in my cart", "put something clothing in my cart"),
        # left as said: no thing named, or a verb the object does not go with
        ("something to keep my hair tidy", "something to keep my hair tidy"),
        ("the thing for my mum", "the thing for my mum"),
    ],
)  # fmt: skip
def test_descriptions_said_by_name(text: str, plain: str) -> None:
    assert said(described_things_named, text) == plain


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("add whichever is cheaper, the candle holder or the tank top",
         "add the cheaper of the candle holder and the tank top"),
        ("take out whichever of the tank top and the candle holder costs more",
         "take out the pricier of the tank top and the candle holder"),
        ("get whichever is more expensive, the watch or the loafers please",
         "get the pricier of the watch and the loafers please"),
        ("whichever you like", "whichever you like"),
    ],
)  # fmt: skip
def test_whichever_said_plainly(text: str, plain: str) -> None:
    assert said(whichever_said_plainly, text) == plain
