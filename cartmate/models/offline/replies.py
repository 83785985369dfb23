"""The offline planner's words: answers written from tool results, never invented.

Every product name, price and id in a reply comes from a tool result in the request: each
result is said by `tool_sentences`, and answers worked out from several (`money_answers`,
`product_answers`) come before or after them. Small talk (greetings, help, thanks, out of
scope) is fixed text that says what CartMate can do (`small_talk`).
"""

from __future__ import annotations

import re
from typing import Any

from cartmate.models.offline.claims_checked import claim_sentence
from cartmate.models.offline.money_answers import (
    ASKS_PRICE,
    budget_answer,
    budget_fits,
    counted_comparison,
    price_gap,
    savings_elsewhere,
    together,
)
from cartmate.models.offline.product_answers import (
    alert_answers,
    also_in_dollars,
    category_subtotal,
    colour_answers,
    filtered_cart,
    gift_answers,
    in_cart_answers,
    kinds_in_cart,
    line_totals,
    quoted_quantities,
    unstated,
    weighed_in_cart,
)
from cartmate.models.offline.recall import verdict
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.tool_sentences import CART_TOOLS, cart_action, tool_sentence
from cartmate.models.offline.waiting_requests import condition_checks, verdict_sentence
from cartmate.models.offline.wording import join_or
from cartmate.planner import Intent

__all__ = ["reply_from_outcomes"]


_NOT_THAT_ONE = re.compile(r"\bnot (that|this|the) one\b|\bwrong one\b")


def _which_instead(view: RequestView) -> list[str]:
    """ "no, not that one" right after an add took it out: which of the others shown, then?
    (asked, not guessed)."""
    if not _NOT_THAT_ONE.search(view.user_text.lower()):
        return []
    removed = {o.response["product"]["id"] for o in view.outcomes
               if o.name == "remove_from_cart" and o.response.get("status") == "ok"}  # fmt: skip
    if not removed or any(o.name == "add_to_cart" for o in view.outcomes):
        return []
    others = [p["name"] for p in view.state.get("recent_products") or []
              if p.get("id") not in removed and p.get("name")]  # fmt: skip
    if not others or len(others) > 5:
        return []
    return [f"Which one would you like instead: {join_or(others)}?"]


def reply_from_outcomes(view: RequestView, intent: Intent) -> str:
    """One answer covering every tool result of this turn, in order.

    Several cart changes in one turn ("add both") read as their actions followed by the cart
    once, as it stands after the last change.
    """
    sentences: list[str] = []
    cart_changes = [
        o for o in view.outcomes if o.name in CART_TOOLS and o.response.get("status") == "ok"
    ]
    last_cart = cart_changes[-1] if cart_changes else None
    notes = {note for outcome in view.outcomes for note in _notes(outcome.response)}
    checks = condition_checks(view, intent)  # prices a request waited on: said once, first
    for i, outcome in enumerate(view.outcomes):
        if _settled_later(outcome, view.outcomes[i + 1 :]) or outcome in checks:
            continue  # "did you mean ...?" was answered by the product in focus
        if outcome in cart_changes and outcome is not last_cart:
            sentence = cart_action(outcome)  # the cart itself is told once, after the last
        else:
            sentence = tool_sentence(outcome, view).strip()
        if sentence and sentence not in sentences:
            sentences.append(sentence)
    checked = verdict(view)  # "you said the jar was $5.49 - is that right?": yes or no first
    waited = verdict_sentence(view, intent)  # "The Mug is $8.99, under $10.00."
    checked = checked or claim_sentence(view, intent)  # "that's 17.98, right?": yes, or not
    sentences[:0] = (
        ([checked] if checked else [])
        + ([waited] if waited else [])
        + (
            colour_answers(view, intent)
            + unstated(view, intent)
            + alert_answers(view, intent)
            + in_cart_answers(view, intent)
            + filtered_cart(view, intent)
            + weighed_in_cart(view, intent)
            + kinds_in_cart(view, intent)
            + gift_answers(view, intent)
            + category_subtotal(view, intent)
        )
    )
    sentences += also_in_dollars(view, intent)
    sentences += quoted_quantities(view, intent)
    sentences += line_totals(view, intent)
    sentences += _which_instead(view)
    sentences += budget_fits(view)
    sentences += savings_elsewhere(view, intent)
    counted = counted_comparison(view, intent)
    if counted:
        return counted
    sentences += together(view, intent)
    gap = price_gap(view, intent)
    if gap and ASKS_PRICE.search(view.user_text.lower()):
        return " ".join(gap)  # "how much is the difference?": that, not both descriptions
    sentences += gap  # "what's the difference between the mug and the jar?": all of it
    budget = budget_answer(view, intent)
    if budget:  # the verdict and the prices it adds up, not each product's description
        return " ".join(budget)
    sentences += sorted(notes)
    return " ".join(sentences) or "Done."


def _settled_later(outcome: ToolOutcome, later: list[ToolOutcome]) -> bool:
    """An ambiguous mention that a later call of the same tool settled on a candidate."""
    if outcome.response.get("code") != "ambiguous_product":
        return False
    candidates = {c.get("id") for c in outcome.response.get("candidates") or []}
    return any(
        o.name == outcome.name
        and o.response.get("status") == "ok"
        and o.args.get("product") in candidates
        for o in later
    )


def _notes(result: dict[str, Any]) -> list[str]:
    """Caveats a tool attached to its data (prices in USD while currency is down, ...)."""
    found = [str(p["currency_note"]) for p in result.get("products") or [] if "currency_note" in p]
    if isinstance(result.get("product"), dict) and "currency_note" in result["product"]:
        found.append(str(result["product"]["currency_note"]))
    if isinstance(result.get("cart"), dict) and "currency_note" in result["cart"]:
        found.append(str(result["cart"]["currency_note"]))
    if result.get("catalog_stale"):
        found.append("The catalog service is down, so these come from my last copy of it.")
    return found
