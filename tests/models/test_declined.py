"""What the offline model says it cannot help with: plain, never an invented policy."""

from __future__ import annotations

import re

from cartmate.models.offline.small_talk import declined


def test_each_topic_is_declined_in_its_own_sentence() -> None:
    assert "delivery" in declined("when would they arrive?")
    assert "returns" in declined("can I send them back?")
    assert "prices" in declined("set the watch price to 1 dollar")
    assert "payment" in declined("can I pay with paypal?")
    both = declined("any coupon, and will it get here by Friday?")
    assert "discounts" in both and "delivery" in both
    assert declined("who won the football?") == (
        "I can only help with shopping here, so I can't answer that."
    )


def test_no_amount_date_or_window_is_made_up() -> None:
    for said in ("how long is delivery?", "what's your returns window?", "any discount codes?"):
        assert not re.search(r"\d", declined(said)), said
