"""The shopper's latest message read in its conversation: the intent understood once per
message, the context earlier messages give it, and the currency a thread of follow-ups keeps."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.undo import said_undo
from cartmate.planner import CART_CHANGES, ConversationContext, Intent, understand
from cartmate.planner.intents import SOCIAL_KINDS

__all__ = [
    "ADD_SAID",
    "GOING_ON",
    "THREAD",
    "context_before",
    "context_of",
    "currency_just_asked",
    "passing_currency",
    "previous_kind",
    "thread_currency",
    "understand_once",
]


@functools.lru_cache(maxsize=2048)
def understand_once(text: str, has_image: bool, context: ConversationContext | None) -> Intent:
    """`understand`, remembered: one turn asks the same question of up to three model calls
    (orchestrator, specialist, its answer), and the previous message again for follow-ups.
    Safe because it is pure and its Intent is frozen."""
    return understand(text, has_image=has_image, context=context)


THREAD = 4  # earlier messages read to follow a thread of follow-ups

#: an add asked for in so many words ("put something to wear in my cart")
ADD_SAID = re.compile(r"\b(add|put|throw|pop|stick)\b")


_PASSING = frozenset({"thanks", "affirm"})  # said in passing: no request of their own


def context_before(view: RequestView) -> ConversationContext | None:
    """What the previous message was read against: the kind of the request before it (from
    the tools its turn ran) and the alerts, or None when nothing ran before it."""
    if len(view.history_tools) < 2:
        return None
    kinds = [_TOOL_KINDS[name] for name in view.history_tools[-2] if name in _TOOL_KINDS]
    alerts = tuple(a["product_name"] for a in view.state.get("alerts") or [])
    return ConversationContext(last_intent=kinds[-1] if kinds else None,  # type: ignore[arg-type]
                               alert_product_names=alerts)  # fmt: skip


def previous_kind(view: RequestView) -> str | None:
    """What the shopper asked for last time, for follow-ups such as "the jar too" or "3".

    Each of the last few messages is read in the light of the one before it, so a chain of
    follow-ups keeps its thread: "the hairdryer in yen?", "and in francs?", "what about
    pounds?".
    """
    kind: str | None = None
    # The thread and the alerts (they change seldom), not today's products and cart (they
    # change every turn): each message's reading is then remembered (`understand_once`) across
    # model calls and turns.
    alerts = tuple(a["product_name"] for a in view.state.get("alerts") or [])
    texts = view.history_texts[-THREAD:]
    tools = view.history_tools[-THREAD:] if view.history_tools else [()] * len(texts)
    for text, called in zip(texts, tools, strict=False):  # oldest first, each after the last
        if said_undo(text):  # what it took back says what it was; nothing, and it was nothing
            kind = _done_instead("unknown", called) if called else kind
            continue
        before = ConversationContext(last_intent=kind, alert_product_names=alerts)  # type: ignore[arg-type]
        said = _done_instead(_last_request(understand_once(text, False, before)), called)
        # "thanks!" or "haha nice" between two requests keeps the thread: "what's left?"
        # after cancelling an alert and a thanks is still about the alerts
        kind = kind if said in _PASSING and kind is not None else said
    return kind


# What each tool's call says the shopper asked for.
_TOOL_KINDS = {
    "add_to_cart": "add_to_cart", "remove_from_cart": "remove_from_cart",
    "set_cart_quantity": "set_quantity", "empty_cart": "empty_cart", "view_cart": "view_cart",
    "quote_cart": "view_cart", "search_products": "search", "get_product_details": "product_info",
    "suggest_complements": "complements", "list_categories": "list_categories",
    "compare_prices": "compare_prices", "analyse_deal": "deal_analysis",
    "create_price_alert": "create_alert", "list_price_alerts": "list_alerts",
    "delete_price_alert": "delete_alert", "record_style_preferences": "style_statement",
    "show_style_profile": "show_style", "reset_style_profile": "reset_style",
    "set_budget": "set_budget",
    "analyse_style_photo": "analyse_style",
    "note_shopping_list": "note_list", "compare_with_list": "check_list",
    "match_cart_to_list": "match_list", "cross_off_list": "cross_off_list",
    "set_list_quantity": "list_quantity",
}  # fmt: skip


def _done_instead(said: str, called: tuple[str, ...]) -> str:
    """A message's kind as its turn shows it: read again without that turn's cart and
    products, "nvm the candle holder" is a "no" and "3 pls" nothing, but the removal or the
    add that ran says what it was. The reading stands when it asked for no change."""
    kinds = [_TOOL_KINDS[name] for name in called if name in _TOOL_KINDS]
    changes = [k for k in kinds if k in CART_CHANGES or k == "empty_cart"]
    alerts = [k for k in kinds if k in {"create_alert", "delete_alert"}]
    done = (changes or alerts or kinds or [None])[-1]
    if done is None or said == done:
        return said
    if said in SOCIAL_KINDS or said == "unknown" or (changes and said not in CART_CHANGES):
        return done
    if said == "compare_prices" and "compare_prices" not in kinds:
        return done  # "compare the two in euros" weighed them side by side, not other shops
    if alerts and not changes and said not in {"create_alert", "delete_alert"}:
        # "cancel the loafers one" read again once that alert is gone reads as a removal,
        # "the one in euros" (which alert to cancel) as a currency: the turn changed alerts
        return done
    return said


def _last_request(intent: Intent) -> str:
    """A message's last request: after "swap the mug for the jar", an add. A look at the
    cart after a change ("add 2 n show my cart") only shows it: the change is what "wait no,
    1" corrects."""
    kinds = [intent.kind, *(i.kind for i in intent.secondary)]
    if len(kinds) > 1 and kinds[-1] == "view_cart" and kinds[-2] in CART_CHANGES:
        return kinds[-2]
    return kinds[-1]


def context_of(view: RequestView) -> ConversationContext:
    return replace(_state_context(view), last_intent=previous_kind(view))  # type: ignore[arg-type]


def _state_context(view: RequestView) -> ConversationContext:
    """What the conversation state says (products shown, cart, alerts), without the past
    request."""
    state = view.state
    return ConversationContext(
        recent_product_names=tuple(p["name"] for p in state.get("recent_products") or []),
        focus_product_name=(state.get("focus_product") or {}).get("name"),
        cart_product_names=tuple(line["name"] for line in state.get("cart") or []),
        display_currency=state.get("display_currency"),
        alert_product_names=tuple(a["product_name"] for a in state.get("alerts") or []),
        asked_about_names=tuple(a["name"] for a in state.get("asked_about") or []),
        list_product_names=tuple(
            x["name"] for x in (state.get("shopping_list") or {}).get("items") or []
        ),
    )


GOING_ON = ("and ", "what about ", "how about ", "also ", "plus ")


def passing_currency(intent: Intent) -> str | None:
    """The currency a later price question of the message asks in, when no request of it
    switches the display currency."""
    requests = (intent, *intent.secondary)
    if any(x.kind == "set_currency" for x in requests):
        return None
    return next(
        (x.currency for x in intent.secondary
         if x.currency and x.kind in {"product_info", "view_cart"}),
        None,
    )  # fmt: skip


def thread_currency(view: RequestView, intent: Intent) -> str | None:
    """The currency a thread of price questions was asked in: "and 4 bamboo jars?" right
    after "how much would 3 mugs be in euros?" is in euros too (just that answer)."""
    if intent.kind not in {"product_info", "view_cart"} or intent.secondary:
        return None
    text = view.user_text
    if re.search(r"\bi (meant|mean)\b", text.lower()) and view.history_texts:
        # "what's my total in euros?", then "sorry, I meant the hairdryer alone": in euros
        said = understand_once(view.history_texts[-1], False, None)
        if said.currency and said.kind in {"product_info", "view_cart"}:
            return said.currency
    if "now" in text.lower().replace("?", " ").split():
        return None  # "and what's in the cart now?": as it stands, in the display currency
    if "?" not in text and not text.strip().lower().startswith(("what about", "how about")):
        return None  # "and one last look at the cart.": no price question going on
    for earlier in reversed(view.history_texts[-THREAD:]):
        if not text.strip().lower().startswith(GOING_ON):
            return None  # a message of its own: the thread ends here
        said = understand_once(earlier, False, None)
        if said.kind == "set_currency":
            return None  # the display currency changed: that is the currency now
        if said.currency:
            return said.currency if said.kind == intent.kind else None
        text = earlier
    return None


def currency_just_asked(view: RequestView) -> str | None:
    """The currency the shopper's last message asked a price in ("how much is the hairdryer
    in quid?"): a price said next without one ("saw one for a tenner") is in it too."""
    if not view.history_texts:
        return None
    said = understand_once(view.history_texts[-1], False, None)
    if said.kind in {"product_info", "view_cart"} and said.currency:
        return said.currency
    return None
