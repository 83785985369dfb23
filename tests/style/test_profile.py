"""The style profile: learning with decay, statements that win, exact money, explanations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from cartmate.money import Money
from cartmate.style.analysis import AestheticScore, ColourShare, StyleAnalysis
from cartmate.style.profile import HALF_LIFE, MoneyAmount, PriceBand, StyleProfile

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def analysis(
    colours: dict[str, float],
    aesthetics: dict[str, float] | None = None,
    patterns: tuple[str, ...] = ("solid",),
    items: tuple[str, ...] = (),
) -> StyleAnalysis:
    return StyleAnalysis(
        colours=[ColourShare(name=n, hex="#000000", share=s) for n, s in colours.items()],
        aesthetics=[
            AestheticScore(name=n, confidence=c)  # type: ignore[arg-type]
            for n, c in (aesthetics or {}).items()
        ],
        patterns=list(patterns),
        items=list(items),
        summary="test",
    )


def test_an_empty_profile_says_so_honestly() -> None:
    profile = StyleProfile(user_id="u1")
    assert profile.is_empty()
    assert profile.explain() == (
        "I don't know your style yet — send me a photo or tell me what you like."
    )
    assert profile.leading_aesthetics() == []
    assert profile.updated_at is None
    with pytest.raises(ValidationError):
        StyleProfile(user_id="")


def test_learning_from_photos_accumulates_weighted_signals() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(
        analysis({"black": 0.7, "silver": 0.3}, {"minimalist": 0.8, "edgy": 0.4}), T0
    )
    profile.learn_from_analysis(
        analysis({"black": 0.5, "camel": 0.5}, {"classic": 0.6}, items=("loafers",)),
        T0,
        weight=2.0,
    )
    assert profile.images_analysed == 2
    assert profile.colours == pytest.approx({"black": 1.7, "silver": 0.3, "camel": 1.0})
    assert profile.aesthetics == pytest.approx({"minimalist": 0.8, "edgy": 0.4, "classic": 1.2})
    assert profile.patterns == pytest.approx({"solid": 3.0})
    assert profile.categories == pytest.approx({"loafers": 2.0})
    assert profile.updated_at == T0
    leading = profile.leading_aesthetics()
    assert [name for name, _ in leading] == ["classic", "minimalist", "edgy"]
    assert sum(c for _, c in leading) == pytest.approx(1.0, abs=0.01)
    assert all(0 <= c <= 1 for _, c in leading)
    assert profile.leading_aesthetics(1) == [("classic", 0.5)]
    with pytest.raises(ValueError):
        profile.learn_from_analysis(analysis({"red": 1.0}), T0, weight=0)


def test_older_signals_decay_by_the_half_life() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(analysis({"red": 1.0}, {"sporty": 1.0}), T0)
    profile.learn_from_analysis(analysis({"navy": 1.0}, {"classic": 1.0}), T0 + HALF_LIFE)
    assert profile.colours == pytest.approx({"red": 0.5, "navy": 1.0})
    assert profile.aesthetics == pytest.approx({"sporty": 0.5, "classic": 1.0})
    profile.learn_from_cart_item(["clothing"], [], T0 + 3 * HALF_LIFE)
    assert profile.colours == pytest.approx({"red": 0.125, "navy": 0.25})
    # Long-forgotten signals are dropped entirely, keeping the record small.
    profile.learn_from_cart_item(["clothing"], [], T0 + 20 * HALF_LIFE)
    assert profile.colours == {}
    assert profile.updated_at == T0 + 20 * HALF_LIFE


def test_evidence_arriving_out_of_order_never_moves_the_clock_back() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(analysis({"red": 1.0}), T0)
    profile.learn_from_analysis(analysis({"red": 1.0}), T0 - timedelta(days=5))
    assert profile.colours == pytest.approx({"red": 2.0})
    assert profile.updated_at == T0
    naive = StyleProfile(user_id="u2")
    naive.learn_from_analysis(analysis({"red": 1.0}), datetime(2025, 3, 1, 12, 0))
    assert naive.updated_at == T0  # naive times are taken as UTC


def test_a_dislike_removes_the_colour_and_keeps_it_out() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(analysis({"yellow": 0.6, "navy": 0.4}), T0)
    profile.record_statement(dislikes=["Yellow"])
    assert "yellow" not in profile.colours
    assert profile.dislikes == ["yellow"]
    profile.learn_from_analysis(analysis({"yellow": 1.0}), T0)
    profile.learn_from_cart_item(["clothing"], ["yellow"], T0)
    assert "yellow" not in profile.colours
    # Changing one's mind: a like cancels the dislike and counts at once.
    profile.record_statement(likes=["yellow"])
    assert profile.dislikes == []
    assert profile.likes == ["yellow"]
    assert profile.colours["yellow"] == pytest.approx(1.0)


def test_statements_understand_synonyms_and_route_to_the_right_signal() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_cart_item(["Footwear"], [], T0)
    profile.record_statement(
        likes=["Minimal", "stripes", "footwear", "linen"], dislikes=["gray", "boho"], now=T0
    )
    assert profile.aesthetics == {"minimalist": 1.0}
    assert profile.patterns == {"striped": 1.0}
    assert profile.categories == {"footwear": 2.0}
    assert profile.likes == ["minimalist", "striped", "footwear", "linen"]
    assert profile.dislikes == ["grey", "bohemian"]
    profile.record_statement(likes=["  ", "grey"])
    assert profile.dislikes == ["bohemian"]
    assert profile.colours == {"grey": 1.0}


def test_cart_items_teach_categories_colours_and_an_exact_price_band() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_cart_item(["Accessories"], ["Gold"], T0, price=Money("USD", 89, 990000000))
    profile.learn_from_cart_item(["accessories"], [], T0, price=Money("USD", 19, 990000000))
    profile.learn_from_cart_item(["kitchen"], [], T0, price=Money("EUR", 5, 0))  # not comparable
    assert profile.categories == {"accessories": 2.0, "kitchen": 1.0}
    assert profile.colours == {"gold": 0.5}
    band = profile.price_band
    assert band is not None and band.min is not None and band.max is not None
    assert band.min.to_money() == Money("USD", 19, 990000000)
    assert band.max.to_money() == Money("USD", 89, 990000000)
    assert band.model_dump() == {
        "min": {"currency_code": "USD", "units": 19, "nanos": 990000000},
        "max": {"currency_code": "USD", "units": 89, "nanos": 990000000},
    }


def test_price_bands_are_validated() -> None:
    profile = StyleProfile(user_id="u1")
    profile.set_price_band(None, Money("USD", 50, 0))
    assert profile.price_band == PriceBand(max=MoneyAmount(currency_code="USD", units=50))
    with pytest.raises(ValueError):
        profile.set_price_band(Money("USD", 60, 0), Money("USD", 50, 0))
    with pytest.raises(ValueError):
        profile.set_price_band(Money("USD", 10, 0), Money("EUR", 50, 0))
    with pytest.raises(ValidationError):
        MoneyAmount(currency_code="USD", units=1, nanos=-5)  # opposite signs
    with pytest.raises(ValidationError):
        MoneyAmount(currency_code="usd", units=1)
    profile.set_price_band(None, None)
    assert profile.price_band is None


def test_signals_and_word_lists_stay_bounded() -> None:
    profile = StyleProfile(user_id="u1")
    for i in range(100):
        profile.learn_from_cart_item([f"category {i}"], [], T0)
        profile.record_statement(likes=[f"thing {i}"])
    assert len(profile.categories) == 40
    assert len(profile.likes) == 50
    assert profile.likes[-1] == "thing 99"


def test_explain_reads_like_a_person_wrote_it() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(
        analysis({"black": 0.6, "grey": 0.25, "silver": 0.15}, {"minimalist": 0.8, "classic": 0.4}),
        T0,
    )
    profile.record_statement(dislikes=["yellow"])
    text = profile.explain()
    assert text == (
        "You lean minimalist (0.67) and classic: mostly black, grey and silver, "
        "usually solid; you avoid yellow."
    )
    profile.record_statement(likes=["linen"])
    profile.learn_from_cart_item(["clothing"], [], T0, price=Money("USD", 25, 0))
    assert profile.explain().endswith(
        "You like linen, you shop mostly clothing and you spend around $25.00."
    )
    profile.learn_from_cart_item(["clothing"], [], T0, price=Money("USD", 80, 0))
    assert profile.explain().endswith("you spend $25.00–$80.00.")
    only_dislikes = StyleProfile(user_id="u2")
    only_dislikes.record_statement(dislikes=["orange"])
    assert only_dislikes.explain() == ("You avoid orange.")


def test_a_profile_round_trips_through_json() -> None:
    profile = StyleProfile(user_id="u1")
    profile.learn_from_analysis(analysis({"navy": 1.0}, {"preppy": 0.7}), T0)
    profile.learn_from_cart_item(["clothing"], ["white"], T0, price=Money("USD", 30, 500000000))
    profile.record_statement(likes=["stripes"], dislikes=["pink"])
    again = StyleProfile.model_validate_json(profile.model_dump_json())
    assert again == profile
    assert again.updated_at == T0


def test_a_disliked_trait_is_named_as_the_clash() -> None:
    from cartmate.boutique.models import Product
    from cartmate.money import Money
    from cartmate.style.affinity import product_affinity

    profile = StyleProfile(user_id="u1")
    profile.record_statement(["black"], ["gold"])
    watch = Product(
        "W", "Watch", "A slim watch with a gold-tone case", "", Money("USD", 109, 990_000_000),
        ("accessories",),
    )  # fmt: skip
    fit = product_affinity(profile, watch)
    assert fit.score < 0 and fit.clashes == ("gold",)
    assert fit.why_for("your") == "clashes with your dislike of gold"


def test_a_taste_for_a_finish_covers_its_words() -> None:
    from cartmate.boutique.models import Product
    from cartmate.money import Money
    from cartmate.style.affinity import product_affinity

    profile = StyleProfile(user_id="u1")
    profile.record_statement([], ["shiny"])
    mug = Product("M", "Mug", "A glossy black ceramic mug", "", Money("USD", 8, 990_000_000))
    jar = Product("J", "Jar", "A clear glass jar with a bamboo lid", "", Money("USD", 5, 0))
    assert product_affinity(profile, mug).clashes == ("glossy",)
    assert product_affinity(profile, jar).score == 0


def test_a_never_is_a_dislike_until_liked_or_forgotten() -> None:
    profile = StyleProfile(user_id="u")
    profile.never_show(["Gold"])
    assert (profile.dislikes, profile.never) == (["gold"], ["gold"])
    profile.record_statement(likes=["gold"])  # liked after all: no longer kept out
    assert (profile.dislikes, profile.never) == ([], [])
    profile.never_show(["black"])
    profile.forget(["black"])
    assert profile.never == [] and profile.dislikes == []
    restored = StyleProfile.model_validate_json(StyleProfile(user_id="u").model_dump_json())
    assert restored.never == []  # stored profiles from before have none


def test_a_like_forgotten_takes_its_boost_back_but_not_what_photos_taught() -> None:
    profile = StyleProfile(user_id="u")
    profile.record_statement(likes=["brown"])
    assert profile.colours.get("brown")
    profile.forget(["brown"])  # "I meant black, not brown"
    assert "brown" not in profile.likes and "brown" not in profile.colours
    photo = StyleProfile(user_id="u", colours={"navy": 2.0})
    photo.record_statement(likes=["navy"])
    photo.forget(["navy"])
    assert photo.colours["navy"] == 2.0  # the photos' weight stays
