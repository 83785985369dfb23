"""The offline planner's decisions: from the shopper's intent to the next step of one agent.

Given what the agent sees (`RequestView`) the planner either
- calls this agent's tools (`CallTools`),
- hands the request to the specialist that owns it (`Transfer`), or
- answers in words (`Reply`): after its tools ran, for greetings and help, to ask which
  product is meant, or when nothing fits.
Which agent owns an intent is a fixed table (`OWNER`); which tool serves it depends on the
tools the agent was actually offered, as it would for a real model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from cartmate.models.offline.gifts import gift_lines, recipient_of
from cartmate.models.offline.outfits import occasion_in, outfit_request
from cartmate.models.offline.recall import recalled_message, told_from_state
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.shops import shop_word, words_of
from cartmate.models.offline.shown_lists import describes_list, removed_line, shown_earlier
from cartmate.models.offline.undo import (
    NOTHING_TO_UNDO,
    said_undo,
    undo_request,
    undone_intent,
)
from cartmate.models.offline.wording import join_or as _join_or
from cartmate.money import Money
from cartmate.planner import (
    CART_CHANGES,
    ConversationContext,
    Intent,
    PriceLimit,
    ProductRef,
    understand,
)
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.head_counts import people_served
from cartmate.planner.intents import SOCIAL_KINDS
from cartmate.planner.lexicon import CATEGORY_WORDS, COLOURS, PAIR_NOUNS, PEOPLE, STYLE_WORDS
from cartmate.planner.money_phrases import extract_money
from cartmate.planner.recipients import GIFT_NOUNS, GIFT_WORDS, people_named, recipient_in

__all__ = [
    "OWNER",
    "SPECIALIST_NAMES",
    "TOOL_NOTES",
    "CallTools",
    "Decision",
    "Reply",
    "Transfer",
    "decide",
    "follow_up",
    "intent_of",
]

# Which specialist owns each intent; the orchestrator answers the rest itself.
OWNER: dict[str, str] = {
    "search": "product_discovery",
    "product_info": "product_discovery",
    "list_categories": "product_discovery",
    "complements": "product_discovery",
    "add_to_cart": "cart_manager",
    "remove_from_cart": "cart_manager",
    "set_quantity": "cart_manager",
    "view_cart": "cart_manager",
    "empty_cart": "cart_manager",
    "compare_prices": "price_comparison",
    "deal_analysis": "price_comparison",
    "create_alert": "price_comparison",
    "list_alerts": "price_comparison",
    "delete_alert": "price_comparison",
    "analyse_style": "style_profiler",
    "show_style": "style_profiler",
    "reset_style": "style_profiler",
    "style_statement": "style_profiler",
}


# How progress notes and apologies name the specialists.
SPECIALIST_NAMES = {
    "product_discovery": "the product finder",
    "cart_manager": "the cart manager",
    "style_profiler": "the style profiler",
    "price_comparison": "the price specialist",
}

# Progress notes for tool calls, as a person would say them.
TOOL_NOTES = {
    "search_products": "Searching the catalog",
    "get_product_details": "Looking up the product",
    "list_categories": "Listing the categories",
    "suggest_complements": "Finding things that go together",
    "view_cart": "Opening your cart",
    "add_to_cart": "Adding to your cart",
    "remove_from_cart": "Removing from your cart",
    "set_cart_quantity": "Changing the quantity",
    "empty_cart": "Emptying your cart",
    "set_display_currency": "Switching the currency",
    "set_budget": "Noting your budget",
    "compare_prices": "Comparing prices",
    "analyse_deal": "Weighing up the deal",
    "create_price_alert": "Setting up the price alert",
    "list_price_alerts": "Checking your alerts",
    "delete_price_alert": "Cancelling the alert",
    "analyse_style_photo": "Looking at your photo",
    "show_style_profile": "Reading your style profile",
    "reset_style_profile": "Resetting your style profile",
    "record_style_preferences": "Noting your preferences",
    "suggest_bundle": "Putting an outfit together",
    "check_cart_coherence": "Checking how your cart goes together",
}


@dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class CallTools:
    calls: tuple[ToolCall, ...]
    note: str = ""  # a short progress note (streamed as a thought)


@dataclass(frozen=True)
class Transfer:
    agent: str
    note: str = ""


@dataclass(frozen=True)
class Reply:
    text: str
    data: dict[str, Any] = field(default_factory=dict)


Decision = CallTools | Transfer | Reply


@functools.lru_cache(maxsize=2048)
def _understand(text: str, has_image: bool, context: ConversationContext | None) -> Intent:
    """`understand`, remembered: one turn asks the same question of up to three model calls
    (orchestrator, specialist, its answer), and the previous message again for follow-ups.
    Safe because it is pure and its Intent is frozen."""
    return understand(text, has_image=has_image, context=context)


_THREAD = 4  # earlier messages read to follow a thread of follow-ups
_PASSING = frozenset({"thanks", "affirm"})  # said in passing: no request of their own


def _context_before(view: RequestView) -> ConversationContext | None:
    """What the previous message was read against: the kind of the request before it (from
    the tools its turn ran) and the alerts, or None when nothing ran before it."""
    if len(view.history_tools) < 2:
        return None
    kinds = [_TOOL_KINDS[name] for name in view.history_tools[-2] if name in _TOOL_KINDS]
    alerts = tuple(a["product_name"] for a in view.state.get("alerts") or [])
    return ConversationContext(last_intent=kinds[-1] if kinds else None,  # type: ignore[arg-type]
                               alert_product_names=alerts)  # fmt: skip


def _previous_kind(view: RequestView) -> str | None:
    """What the shopper asked for last time, for follow-ups such as "the jar too" or "3".

    Each of the last few messages is read in the light of the one before it, so a chain of
    follow-ups keeps its thread: "the hairdryer in yen?", "and in francs?", "what about
    pounds?".
    """
    kind: str | None = None
    # The thread and the alerts (they change seldom), not today's products and cart (they
    # change every turn): each message's reading is then remembered (`_understand`) across
    # model calls and turns.
    alerts = tuple(a["product_name"] for a in view.state.get("alerts") or [])
    texts = view.history_texts[-_THREAD:]
    tools = view.history_tools[-_THREAD:] if view.history_tools else [()] * len(texts)
    for text, called in zip(texts, tools, strict=False):  # oldest first, each after the last
        if said_undo(text):  # what it took back says what it was; nothing, and it was nothing
            kind = _done_instead("unknown", called) if called else kind
            continue
        before = ConversationContext(last_intent=kind, alert_product_names=alerts)  # type: ignore[arg-type]
        said = _done_instead(_last_request(_understand(text, False, before)), called)
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


def _context(view: RequestView) -> ConversationContext:
    return replace(_state_context(view), last_intent=_previous_kind(view))  # type: ignore[arg-type]


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
    )


#: "the same currency as before", "the previous currency", "the first currency I asked about"
_RECALLED_CURRENCY = re.compile(
    r"\b(?:the )?(?:(same|previous|last|old|other|first|original)) currency"
    r"(?: (?:as|i had|i used|i was using|i asked (?:about|for)|we had|we used)(?: before| earlier"
    r"| previously)?| from before| before)?\b"
)


def _currency_recalled(view: RequestView) -> str:
    """The shopper's words with a currency they point back to named ("go back to the same
    currency as before" -> "go back to EUR"), from the currencies the state keeps."""
    text = view.user_text
    found = _RECALLED_CURRENCY.search(text.lower())
    kept = view.state.get("currencies") or {}
    if found is None:
        return text
    code = (kept.get("asked") or [None])[0] if found.group(1) in {"first", "original"} else (
        kept.get("before"))  # fmt: skip
    if not code:
        return text
    return f"{text[: found.start()]}{code}{text[found.end() :]}"


#: "the one I asked about (just) before the mugs": what comes after "before"
_ASKED_BEFORE = re.compile(
    r"\bthe (?:one|thing|product|item)(?: that)? (?:i|we) (?:asked|enquired|inquired|looked) "
    r"(?:about |at )?(?:just |right )?before (?:the |that |those )?([a-z ]+?)(?=[?.!,;]|$| and )"
)


def _asked_before(view: RequestView, text: str) -> str:
    """The words with "the one I asked about just before the mugs" named: the last product
    asked about before the mugs (a list of them or a question about one) first came up."""
    found = _ASKED_BEFORE.search(text.lower())
    if found is None:
        return text
    said = found.group(1).split()
    seqs = [e["seq"] for e in view.state.get("shown_lists") or []
            if e.get("seq") and any(
                describes_list(w, e.get("about") or "", e.get("items") or []) for w in said
            )]  # fmt: skip
    seqs += [a["seq"] for a in view.state.get("asked_about") or []
             if a.get("seq") and any(name_matches(w, a["name"]) for w in said)]  # fmt: skip
    if not seqs:
        return text
    earlier = [a for a in view.state.get("asked_about") or []
               if a.get("seq") and a["seq"] < min(seqs)]  # fmt: skip
    if not earlier:
        return text
    return f"{text[: found.start()]}the {earlier[-1]['name']}{text[found.end() :]}"


_COMPARED_NTH = re.compile(
    r"\bthe (first|second|third|last) (?:thing |one |product )?(?:that )?(?:i|we|you) "
    r"(?:compared|checked)(?: with other shops| elsewhere)?\b"
)
_NTH = {"first": 0, "second": 1, "third": 2, "last": -1}


def _compared_nth(view: RequestView, text: str) -> str:
    """The words with "the first thing I compared" named: that product of those compared
    with other shops, in the order compared."""
    found = _COMPARED_NTH.search(text.lower())
    compared = view.state.get("compared") or []
    if found is None or not compared:
        return text
    n = _NTH[found.group(1)]
    if n >= len(compared):
        return text
    return f"{text[: found.start()]}the {compared[n]['name']}{text[found.end() :]}"


_THAN_OURS = re.compile(r"\bhow much (?:less|more|cheaper|dearer)\b.*\bthan (?:yours|ours|you)\b")


def _deal_again(view: RequestView, intent: Intent) -> Intent:
    """ "how much less than yours is that?" right after a price was judged: the same
    judgement again (its answer gives the difference), not two products compared."""
    if (
        intent.price_gap
        and view.history_texts
        and view.history_tools
        and "analyse_deal" in view.history_tools[-1]
        and _THAN_OURS.search(view.user_text.lower())
    ):
        before = _understand(view.history_texts[-1], False, None)
        if before.kind == "deal_analysis":
            return before
    return intent


def _alert_answered(view: RequestView, intent: Intent) -> Intent:
    """ "the one in euros" / "the watch one" answering "which alert?" (asked of "cancel that
    alert", nothing ran): that alert cancelled."""
    if not view.history_texts or not view.history_tools or view.history_tools[-1]:
        return intent
    asked = _understand(view.history_texts[-1], False, _context_before(view))
    if asked.kind != "delete_alert" or len(view.user_text.split()) > 6:
        return intent
    alerts = view.state.get("alerts") or []
    named = [a for a in alerts for r in intent.products
             if r.text and name_matches(r.text, a["product_name"])]  # fmt: skip
    if named:
        return replace(asked, alert_ref=ProductRef(text=named[0]["product_name"]))
    if intent.currency and intent.kind in {"set_currency", "product_info", "unknown"}:
        return replace(asked, currency=intent.currency, alert_ref=ProductRef(anaphora=True))
    return intent


_THE_TWO = re.compile(r"\b(the two|both|them|these|those|the pair)\b")
_SHOPS = re.compile(
    r"\b(shops?|stores?|retailers?|elsewhere|online|other|sites?|websites?|amazon|market)\b"
)


def _the_two_weighed(view: RequestView, intent: Intent) -> Intent:
    """ "compare the two (in euros)" right after two products were weighed: those two side
    by side (both prices and the gap), not other shops' prices for one of them."""
    said = view.user_text.lower()
    if (
        intent.kind != "compare_prices"
        or any(r.text for r in intent.products)
        or not _THE_TWO.search(said)
        or not re.search(r"\bcompare\b", said)
        or _SHOPS.search(said)
        or _compared(view)  # offers from other shops were just found: theirs, "there"
    ):
        return intent
    weighed = [w for w in view.state.get("weighed") or [] if isinstance(w, list)]
    recent = [p["id"] for p in view.state.get("recent_products") or []]
    pair = weighed[-1] if weighed and len(weighed[-1]) == 2 else recent
    if len(pair) != 2:
        return intent
    return replace(
        intent,
        kind="product_info",
        products=tuple(ProductRef(text=i) for i in pair),
        price_gap=True,
    )


def intent_of(view: RequestView) -> Intent:
    undo = undo_request(view)
    if undo is not None and undo[0] in {"undo", "alert"} and undo[1]:
        undone = undone_intent(undo[1])
        if undone is not None:  # "undo that": the last change, taken back exactly
            return undone
    recalled = recalled_message(view)
    if recalled is not None:  # "did you add it?": "is the mug in my cart?"
        return _understand(recalled, bool(view.images), _context(view))
    said = _compared_nth(view, _asked_before(view, _currency_recalled(view)))
    intent = _deal_again(view, _understand(said, bool(view.images), _context(view)))
    intent = _the_two_weighed(view, _alert_answered(view, intent))
    if intent.kind == "set_budget" and intent.secondary and "set_budget" not in view.tools:
        # "100 bucks max. can I afford the watch?" handed over: the budget is set, the
        # question is this agent's
        intent = replace(intent.secondary[0], secondary=intent.secondary[1:])
    instead = _chosen_instead(view, intent)
    if instead is not None:
        return instead
    answered = _which_answered(view, intent) or _whose_answered(view, intent)
    if answered is not None:  # "the mug" answering "which product do you mean?"
        if answered.recipient is None:  # "the mug - can you gift wrap it for him?"
            answered = replace(answered, recipient=_recipient_said(view))
        return answered
    if intent.kind == "search" and (intent.budget_check or _open_within_budget(view, intent)):
        return _within_what_is_left(view, replace(intent, budget_check=True))
    if intent.budget_check or (intent.kind == "product_info" and _after_budget_check(view)):
        return _budget_thread(view, intent)
    if intent.kind == "create_alert" and "same" in view.user_text.lower().split():
        return _same_alert(view, intent)
    if _budget_raised(view, intent):
        # "good news, I got paid - make it 80": the budget, not a cart line
        kept = Money.from_dict(view.state["budget"])
        amount = Decimal(intent.quantity or 0)
        return Intent(kind="set_budget", price=PriceLimit(amount, kept.currency_code))
    bare_add = intent.kind == "add_to_cart" and all(
        r.anaphora and not r.text and r.quantity is None for r in intent.products
    )  # "okay, add them" after a quote: what it supposed
    if (intent.kind == "affirm" or bare_add) and view.history_texts:
        supposed = _understand(view.history_texts[-1], False, None)
        if supposed.kind == "view_cart" and supposed.what_if:
            # "do it" after "what would it come to with one less tank top?": that change
            return replace(supposed, kind="set_quantity", currency=None, secondary=())
    return intent


_BUDGET_TALK = frozenset({"paid", "budget", "limit", "spend", "afford"})
_CAN_GET = frozenset({"get", "buy", "afford", "have"})


def _open_within_budget(view: RequestView, intent: Intent) -> bool:
    """ "what can I get?" with a budget kept and no bound of its own: within what is left."""
    if not view.state.get("budget") or intent.max_price is not None or intent.relative:
        return False
    words = set(view.user_text.lower().replace("?", " ").split())
    return "can" in words and bool(words & _CAN_GET)


def _budget_raised(view: RequestView, intent: Intent) -> bool:
    """ "make it 80" about the budget: one is kept, no product is named, and the message
    talks money ("I got paid") or the budget was what was just set."""
    if not view.state.get("budget") or intent.kind != "set_quantity" or not intent.quantity:
        return False
    if any(r.text for r in intent.products):
        return False
    words = set(view.user_text.lower().replace(",", " ").replace("-", " ").split())
    return bool(words & _BUDGET_TALK) or _previous_kind(view) == "set_budget"


def _within_what_is_left(view: RequestView, intent: Intent) -> Intent:
    """ "what can I still afford?": a search up to what the budget said earlier leaves after
    the cart (in dollars, from the catalog prices of the cart's lines)."""
    budget = _stated_budget(view)
    display = view.state.get("display_currency") or "USD"
    held = view.cart_usd()
    if budget is not None and held is not None and held.is_zero():
        return replace(intent, max_price=budget)  # nothing in the cart: all of it, as said
    if budget is None or held is None or (budget.currency or display) != "USD":
        return intent
    left = Money.from_decimal(budget.amount, "USD") - held
    if left.total_nanos <= 0:
        return replace(intent, max_price=PriceLimit(Decimal(0), "USD"))
    cents = left.to_decimal().quantize(Decimal("0.01"))  # catalog prices are whole cents
    return replace(intent, max_price=PriceLimit(cents, "USD"))


def _same_alert(view: RequestView, intent: Intent) -> Intent:
    """ "same for the watch pls" right after an alert: the same target (a price or a drop)
    on the product named now."""
    if intent.max_price or intent.drop_percent or not view.history_texts:
        return intent
    before = _understand(view.history_texts[-1], False, None)
    earlier = _request_of(before, "create_alert")
    if earlier is None:
        return intent
    return replace(intent, max_price=earlier.max_price, drop_percent=earlier.drop_percent)


def _after_budget_check(view: RequestView) -> bool:
    """The previous message checked a budget ("and the loafers on their own?" goes on)."""
    if not view.history_texts:
        return False
    said = _understand(view.history_texts[-1], False, None)
    return any(i.budget_check for i in (said, *said.secondary))


def _budget_thread(view: RequestView, intent: Intent) -> Intent:
    """A budget check that goes on from earlier ones: "how much more would I need?" (their
    budget and products), "and if I add the sunglasses too?" (those as well), "and the
    loafers on their own?" (the budget, these products)."""
    budget, before = intent.max_price, ()
    for text in reversed(view.history_texts[-_THREAD:]):
        said = _understand(text, False, None)
        earlier = next((i for i in (said, *said.secondary) if i.budget_check), None)
        if earlier is None:
            break  # the thread of budget questions ends here
        before = before or tuple(r for r in earlier.products if r.text)
        budget = budget or earlier.max_price
        if budget and before:
            break
    budget = budget or _stated_budget(view)
    named = tuple(r for r in intent.products if r.text)
    words = set(view.user_text.lower().split())
    if named and words & {"too", "also", "add", "plus"}:
        products = before + named  # "and if I add the sunglasses too"
    else:
        products = named or before
    # "how much of my 40 quid is left?": the answer in the budget's currency
    currency = intent.currency or (budget.currency if budget is not None else None)
    return replace(
        intent, budget_check=True, max_price=budget, products=products, currency=currency
    )


#: Words that make an amount said earlier the shopper's budget ("keep it under 100 total").
_BUDGET_WORDS = frozenset({"budget", "total", "keep", "spend", "spending", "got", "max"})
_BUDGET_LOOKBACK = 8


def _stated_budget(view: RequestView) -> PriceLimit | None:
    """The budget the shopper set (`set_budget`, kept in the state), else the one stated
    earlier in the conversation ("I want to keep it under 100 dollars total"), the latest
    one, when no budget question since carried it."""
    kept = view.state.get("budget")
    if isinstance(kept, dict) and kept:
        money = Money.from_dict(kept)
        return PriceLimit(money.to_decimal(), money.currency_code)
    for text in reversed(view.history_texts[-_BUDGET_LOOKBACK:]):
        budget = _budget_in(text)
        if budget is not None:
            return budget
    return None


@functools.lru_cache(maxsize=2048)
def _budget_in(text: str) -> PriceLimit | None:
    """The budget one message states, if any; remembered, as each later turn of the
    conversation reads the same earlier messages again."""
    if not set(text.lower().replace(",", " ").split()) & _BUDGET_WORDS:
        return None
    said = extract_money(prepare_tokens(text))
    return said.max_price or said.price  # "I've got 60 dollars for the whole shop"


class _UnresolvedError(Exception):
    """A reference the state cannot resolve ("the third one" after two results)."""


@dataclass(frozen=True)
class _Target:
    """A product argument for a tool (an id from the state, or the shopper's words)."""

    product: str
    quantity: int | None = None


def _narrow(recent: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Recent products whose name contains every word of `text` ("the black one", "the
    mugs": a plural names the product too)."""
    words = [w for w in text.lower().split() if w not in ("one", "ones", "the", "a")]

    def has(name: str, word: str) -> bool:
        return word in name or (word.endswith("s") and word[:-1] in name)

    return [p for p in recent if words and all(has(p["name"].lower(), w) for w in words)]


#: Cart changes that take products out: "the priciest one" is of the cart's lines.
_OUT_OF_CART = frozenset({"remove_from_cart", "set_quantity"})


def _the_one_of_that_colour(view: RequestView, text: str, focus: str | None) -> bool:
    """Whether "the black one" is the product in focus, which the shopper's previous
    question ("which one is black?") singled out among those shown."""
    if focus is None or not view.history_texts or not set(text.split()) <= COLOURS:
        return False
    if _narrow(list(view.state.get("recent_products") or []), text):
        return False  # a name says it ("the black mug")
    asked = _understand(view.history_texts[-1], False, None)
    return bool(set(text.split()) & set(asked.colours))


def _another_of_several(view: RequestView, intent: Intent, added: list[dict[str, Any]]) -> bool:
    """ "one for my brother too" right after an add of several products names none of them:
    asked, not guessed. Not when another agent already served this message: "add the cheaper
    of the jar and the shakers" has the product finder pick one, and the add is of that."""
    return (
        not view.served
        and _another_of_several_said(intent)
        and len({line["id"] for line in added}) > 1
        and _previous_kind(view) == "add_to_cart"
    )


def _another_of_several_said(intent: Intent) -> bool:
    """An add of "one more" of no product named ("and one for my brother too")."""
    bare = [r for r in intent.products if r.anaphora and not r.text and r.ordinal is None]
    # "a couple more of the cheaper one" says which
    which = intent.sort or intent.relative or intent.same_again
    return len(bare) == 1 and len(intent.products) == 1 and not which


def _answered_which(
    view: RequestView, intent: Intent, added: list[dict[str, Any]]
) -> tuple[str, str] | None:
    """After "another of which: Mug or Candle Holder?" (or "take one out of which?"), the one
    the shopper names (its id) and what was asked of it (an add or a removal), whatever else
    they say about the other ("he's not really a candles person")."""
    if intent.kind not in CART_CHANGES or not view.history_texts or len(added) < 2:
        return None
    if len(view.history_tools) > 1 and "add_to_cart" not in view.history_tools[-2]:
        return None  # the question followed a removal ("put it back: which?"), not the adds
    after_add = ConversationContext(last_intent="add_to_cart")
    asked = _understand(view.history_texts[-1], False, after_add)
    if asked.kind not in {"add_to_cart", "remove_from_cart"}:
        return None
    if not _another_of_several_said(asked):
        return None
    said = [r.text for i in (intent, *intent.secondary) for r in i.products if r.text]
    named = [line for line in added if any(_narrow([line], text) for text in said[:1])]
    return (named[0]["id"], asked.kind) if len(named) == 1 else None


def _chosen_instead(view: RequestView, intent: Intent) -> Intent | None:
    """ "no, not that one" took the add back out and asked which instead; "the shakers": an
    add of that one."""
    named = [r for r in intent.products if r.text]
    if (
        intent.kind not in {"add_to_cart", "remove_from_cart", "product_info", "search", "unknown"}
        or len(named) != 1
        or intent.secondary
        or len(view.user_text.split()) > 6
        or not view.history_texts
        or not view.history_tools
        or "remove_from_cart" not in view.history_tools[-1]
        or "add_to_cart" in view.history_tools[-1]
        or not re.search(
            r"\bnot (that|this|the) one\b|\bwrong one\b", view.history_texts[-1].lower()
        )
    ):
        return None
    return Intent(kind="add_to_cart", products=(replace(named[0], quantity=None),))


def _which_answered(view: RequestView, intent: Intent) -> Intent | None:
    """The shopper's last message was asked about ("which product do you mean?", nothing
    changed) and this one names a product: the earlier request, on that product. "swap the
    shakers for that", then "the jar": the shakers out, the jar in; "make it three", then
    "the mug": three mugs; "alert me if it drops to 15", then "the candle holder": that alert."""
    named = [r for r in intent.products if r.text]
    by_price = (  # "the cheaper one": of those it could have been
        not named
        and intent.sort is not None
        and len(intent.products) == 1
        and intent.products[0].anaphora
    )
    if (
        intent.kind
        not in CART_CHANGES | {"product_info", "search", "unknown", "chat", "create_alert"}
        or intent.secondary
        or (len(named) != 1 and not by_price)
        or len(intent.products) != 1
        or len(view.user_text.split()) > 6
        or not view.history_texts
        or (view.history_tools and view.history_tools[-1])
        or said_undo(view.history_texts[-1])  # "undo that" with nothing to undo asked nothing
    ):
        return None
    # read as it was meant then: "make it 60" right after alerts were made is an alert's
    asked = _understand(view.history_texts[-1], False, _context_before(view))
    earlier = view.history_texts[-1].lower()
    if _ONE_OF.search(earlier) and _TAKE_OUT.search(earlier) and asked.kind in CART_CHANGES:
        # "remove one of them, I only need one": which one? "the mug": its line comes out
        asked = replace(asked, kind="remove_from_cart", quantity=None, secondary=(),
                        products=(ProductRef(anaphora=True),))  # fmt: skip
    if asked.kind not in CART_CHANGES | {"create_alert"}:
        return None
    requests = [asked, *asked.secondary]
    for n, request in enumerate(requests):
        bare = [r for r in request.products if r.anaphora and not r.text and r.ordinal is None]
        if len(bare) == 1 and len(request.products) == 1 and by_price:
            requests[n] = replace(request, sort=intent.sort)
            return replace(requests[0], secondary=tuple(requests[1:]))
        if len(bare) == 1 and len(request.products) == 1 and not request.as_many_as:
            count = bare[0].quantity or named[0].quantity
            requests[n] = replace(request, products=(replace(named[0], quantity=count),))
            return replace(requests[0], secondary=tuple(requests[1:]))
    return None


def _recipient_said(view: RequestView) -> str | None:
    """Who the whole message says it is for ("the mug - can you gift wrap it for him?"),
    when the request it answers was read from an earlier message."""
    return recipient_in(prepare_tokens(view.user_text))


def _request_of(intent: Intent, kind: str) -> Intent | None:
    """The message's first request of `kind`, the primary one or a later one."""
    return next((x for x in (intent, *intent.secondary) if x.kind == kind), None)


def _whose_answered(view: RequestView, intent: Intent) -> Intent | None:
    """ "my sister's" answering "which gift?" (asked about "take the gift out", nothing
    changed): the earlier request, on that person's gift."""
    named = people_named([view.user_text])
    if (
        len(named) != 1
        or intent.kind not in {"unknown", "chat", "product_info", "search", *CART_CHANGES}
        or len(view.user_text.split()) > 5
        or not view.history_texts
        or (view.history_tools and view.history_tools[-1])
    ):
        return None
    asked = _understand(view.history_texts[-1], False, None)
    refs = (*asked.products, asked.replaces)
    if asked.kind not in CART_CHANGES or not any(r is not None and _gift_ref(r) for r in refs):
        return None
    return replace(asked, recipient=named[0])


def _same_again_counts(view: RequestView, added: list[dict[str, Any]]) -> list[int]:
    """How many of each line "the same" adds again: as many as last time, or, when the last
    add shared one product out among people ("one for me and one for my flatmate": 2 for 2
    people), each person's share for each one named now ("the same for my brother": 1)."""
    counts = [int(line["quantity"]) for line in added]
    if len(added) != 1 or not view.history_texts:
        return counts
    before, now = people_served(view.history_texts[-1]), people_served(view.user_text)
    if before > 1 and now >= 1 and counts[0] % before == 0:
        return [counts[0] // before * now]
    return counts


def _last_added(
    view: RequestView, intent: Intent, focus: str | None, lines: list[dict[str, Any]]
) -> bool:
    """Whether "the last one" of a cart change is the product the shopper just added."""
    return (
        intent.kind in _OUT_OF_CART
        and focus is not None
        and any(line.get("id") == focus for line in lines)
        and _previous_kind(view) == "add_to_cart"
    )


def _targets(view: RequestView, intent: Intent) -> list[_Target]:
    """Tool arguments for the intent's product references, resolved against the state."""
    recent: list[dict[str, Any]] = list(view.state.get("recent_products") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    found: list[_Target] = []
    for ref in intent.products:
        lines = list(view.state.get("cart") or [])
        if ref.shown is not None:  # "the first thing you showed me", "... from before"
            shown = shown_earlier(view.state, ref.shown, focus, intent.sort)
            if shown is None:
                raise _UnresolvedError(ref.shown.text or "that")
            count = ref.quantity
            if ref.shown.which == "removed" and count is None:  # as many as were taken out
                count = (removed_line(view.state) or {}).get("quantity")
            found.append(_Target(shown, count))
            continue
        among = lines if intent.kind in _OUT_OF_CART and len(lines) > 1 else recent
        if intent.sort and among and (ref.anaphora or ref.ordinal is None) and not ref.text:
            # "add the cheapest one": pick among what was just shown; "take the priciest
            # one out": among the cart's lines, the whole line ("one" names it, no count);
            # "... that isn't a mug": among the others
            left_out = _excluded_ids(view, intent)
            priced = [p for p in among if "price_usd_nanos" in p and p["id"] not in left_out]
            if priced:
                pick = min if intent.sort == "price_asc" else max
                chosen = pick(priced, key=lambda p: p["price_usd_nanos"])
                tied = [p for p in priced if p["price_usd_nanos"] == chosen["price_usd_nanos"]]
                if len(tied) > 1 and intent.kind in CART_CHANGES:
                    # "I'll take the cheaper one" of two at the same price: which?
                    raise _UnresolvedError("the cheaper one")
                count = None if among is lines and ref.quantity == 1 else ref.quantity
                found.append(_Target(chosen["id"], count))
                continue
        if ref.other:  # "the other one": of those shown, not the one in focus
            others = [p for p in recent if p["id"] != focus]
            named = [r.text for r in intent.products if r.text]
            said = [p for p in recent if any(name_matches(t, p["name"]) for t in named)]
            if said:  # "how much more are the sunglasses?": than the other, not them
                others = [p for p in recent if p not in said] or others
            if intent.price_gap and not others and focus:
                others = [{"id": focus}]  # "how much more is the mug?" than the one in focus
            if len(others) != 1:
                raise _UnresolvedError("the other one")
            found.append(_Target(others[0]["id"], ref.quantity))
            continue
        if ref.all_recent:
            group = _all_of(view, intent, recent)
            if not group:
                raise _UnresolvedError("all")
            found += [_Target(p["id"], ref.quantity) for p in group]
        elif ref.ordinal is not None and intent.sort and not ref.text:
            # "the 2nd cheapest": that place in price order, whatever order they were shown in
            ranked = sorted((p for p in recent if "price_usd_nanos" in p),
                            key=lambda p: p["price_usd_nanos"],
                            reverse=intent.sort == "price_desc")  # fmt: skip
            position = ref.ordinal - 1 if ref.ordinal > 0 else len(ranked) + ref.ordinal
            if not 0 <= position < len(ranked):
                raise _UnresolvedError(str(ref.ordinal))
            found.append(_Target(ranked[position]["id"], ref.quantity))
        elif ref.ordinal == -1 and _last_added(view, intent, focus, lines):
            # "put 2 mugs, a tank top and the shakers in", then "remove the last one": the
            # last one put in (the one in focus), not the last one shown before
            found.append(_Target(focus, ref.quantity))
        elif ref.ordinal is not None:
            position = ref.ordinal - 1 if ref.ordinal > 0 else len(recent) + ref.ordinal
            if not 0 <= position < len(recent):
                raise _UnresolvedError(str(ref.ordinal))
            found.append(_Target(recent[position]["id"], ref.quantity))
        elif ref.text and _the_one_of_that_colour(view, ref.text, focus):
            # "which one is black?" singled the mug out: "2 of the black one" is the mug
            found.append(_Target(str(focus), ref.quantity))
        elif ref.text and ref.anaphora:
            narrowed = _narrow(recent, ref.text)
            found.append(
                _Target(narrowed[0]["id"] if len(narrowed) == 1 else ref.text, ref.quantity)
            )
        elif ref.text and (held := _the_gift(view, intent, ref.text)):
            found.append(_Target(held, ref.quantity))
        elif ref.text and (part := _part_of_focus(view, intent, ref.text)):
            found.append(_Target(part, ref.quantity))
        elif ref.text:
            found.append(_Target(ref.text, ref.quantity))
        elif ref.anaphora:
            if intent.kind == "create_alert" and any(r.text for r in intent.products):
                continue  # "track the hairdryer, ping me once it's 15% cheaper": it = that
            shown = _shown_for_swap(recent, intent.replaces)
            if shown is not None:  # "swap the mug for that": the one just shown, not the mug
                found.append(_Target(shown, ref.quantity))
            elif focus:
                found.append(_Target(focus, ref.quantity))
            elif len(recent) == 1:
                found.append(_Target(recent[0]["id"], ref.quantity))
            else:
                raise _UnresolvedError("it")
    unique: dict[str, _Target] = {}
    for target in found:  # the same product twice is one
        unique.setdefault(target.product, target)
    left_out = _excluded_ids(view, intent)
    return [t for t in unique.values() if t.product not in left_out]


def _shown_for_swap(recent: list[dict[str, Any]], replaced: ProductRef | None) -> str | None:
    """In "swap the mug for that", the one product just shown that is not the mug."""
    if replaced is None or not replaced.text:
        return None
    named = {p["id"] for p in _narrow(recent, replaced.text)}
    others = [p for p in recent if p["id"] not in named]
    return others[0]["id"] if len(others) == 1 else None


def _part_of_focus(view: RequestView, intent: Intent, text: str) -> str | None:
    """ "the glass is dark or clear?" about the sunglasses just added: a question about a
    part of the product in focus, its name holding the word inside a longer one ("glass" in
    "Sunglasses"), is about that product (the id), not another that the word names."""
    focus = view.state.get("focus_product") or {}
    name = str(focus.get("name") or "").lower()
    words = text.lower().split()
    if intent.kind != "product_info" or len(words) != 1 or not name or words[0] in name.split():
        return None
    inside = len(words[0]) >= 3 and any(words[0] in w and w != words[0] for w in name.split())
    return str(focus["id"]) if inside else None


#: What a product bought for someone is called when the cart holds it.
_GIFT_WORDS = GIFT_NOUNS | {"thing", "item"}


def _the_gift(view: RequestView, intent: Intent, text: str) -> str | None:
    """ "make it just one of the gift": in a change to the cart, a word for what was bought
    means the cart's one line (or the product in focus, when the cart holds it)."""
    if intent.kind not in {"set_quantity", "remove_from_cart"} or text not in _GIFT_WORDS:
        return None
    lines = list(view.state.get("cart") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    if len(lines) == 1:
        return str(lines[0]["id"])
    return focus if any(line["id"] == focus for line in lines) else None


_LOOKS = frozenset({"get_product_details", "view_cart", "list_price_alerts", "search_products"})
_CART_SHOWN = CART_CHANGES | {"view_cart"}
_IN_CART = ("my cart", "my basket", "my trolley", "the cart", "the basket")


def _all_of(
    view: RequestView, intent: Intent, recent: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What "each"/"everything"/"all of them" means: the products just shown, or, for a cart
    change right after another ("one more of each", "just one of everything"), the cart's
    lines; so after the cart was shown or priced ("okay, one more of each then")."""
    cart = list(view.state.get("cart") or [])
    after_cart_change = intent.kind in CART_CHANGES and _previous_kind(view) in _CART_SHOWN
    return cart if cart and (after_cart_change or not recent) else recent


def _excluded_ids(view: RequestView, intent: Intent) -> set[str]:
    """Ids of the products an "except ..." names, among those shown and those in the cart."""
    if not intent.excluded:
        return set()
    recent = list(view.state.get("recent_products") or [])
    known = recent + list(view.state.get("cart") or [])
    ids: set[str] = set()
    for ref in intent.excluded:
        if ref.ordinal is not None and 0 < abs(ref.ordinal) <= len(recent):
            ids.add(recent[ref.ordinal - 1 if ref.ordinal > 0 else ref.ordinal]["id"])
        elif ref.text:
            ids.update(p["id"] for p in _narrow(known, ref.text))
    return ids


_TRAITS = STYLE_WORDS | CATEGORY_WORDS.keys()
_TRAIT_FILLER = frozenset({"stuff", "things", "ones", "products", "items", "colour", "color"})


def _trait(ref: ProductRef) -> str | None:
    """ "black", "kitchen stuff", "accessories": what a product is, not which one."""
    words = (ref.text or "").split()
    kept = [w for w in words if w not in _TRAIT_FILLER]
    return " ".join(kept) if kept and all(w in _TRAITS for w in kept) else None


def _traits_left_out(intent: Intent) -> list[str]:
    """ "something under 20 that isn't black", "anything but kitchen stuff": the colours,
    materials and categories a search leaves out (`search_products(without=...)`)."""
    return [t for r in intent.excluded if (t := _trait(r)) is not None]


def _left_out_of_search(view: RequestView, intent: Intent) -> list[str]:
    known = list(view.state.get("recent_products") or []) + list(view.state.get("cart") or [])
    named = [r.text for r in intent.excluded
             if r.text and not _narrow(known, r.text) and _trait(r) is None]  # fmt: skip
    seen: set[str] = set()
    if intent.query and re.search(r"\bother\b", view.user_text.lower()):
        # "what other black things are there?": not the ones already shown or talked about
        focus = (view.state.get("focus_product") or {}).get("id")
        seen = {p["id"] for p in view.state.get("recent_products") or [] if "id" in p}
        seen |= {focus} if focus else set()
    return sorted(_excluded_ids(view, intent) | seen) + named


def _price_args(intent: Intent) -> dict[str, Any]:
    args: dict[str, Any] = {}
    currency = None
    if intent.max_price is not None:
        args["max_price"] = str(intent.max_price.amount)
        currency = intent.max_price.currency
    if intent.min_price is not None:
        args["min_price"] = str(intent.min_price.amount)
        currency = currency or intent.min_price.currency
    if currency:
        args["price_currency"] = currency
    return args


def _for_someone(view: RequestView, intent: Intent) -> Decision:
    """The calls for `intent`, with who it is for: adds marked as that person's gift, and a
    gift named by its person ("swap my sister's gift", "take the gift out") that line."""
    person = recipient_of(view, intent)
    kind = intent.kind
    gifts = gift_lines(view, person)
    by_person = [r for r in (*intent.products, intent.replaces) if r is not None and _gift_ref(r)]
    gift_said = any(set((r.text or "").split()) & GIFT_NOUNS for r in by_person)
    whose = by_person and (person or gift_said) and kind in _GIFT_CHANGES
    if whose and len(gifts) > 1:
        return Reply(f"Which gift: {_gifts_said(view, gifts)}?")
    if whose and gifts:
        # "swap my sister's gift for the jar": that line (none marked: "the gift" is as said)
        line = ProductRef(text=gifts[0]["id"])
        if intent.replaces is not None and _gift_ref(intent.replaces):
            intent = replace(intent, replaces=line)
        intent = replace(intent, products=tuple(line if _gift_ref(r) else r
                                                for r in intent.products))  # fmt: skip
    decision = _specialist_calls(view, intent)
    if person and kind == "add_to_cart" and isinstance(decision, CallTools):
        decision = CallTools(
            tuple(
                ToolCall(c.name, {**c.args, "for_whom": person}) if c.name == "add_to_cart" else c
                for c in decision.calls
            ),
            decision.note,
        )
    return decision


_GIFT_CHANGES = frozenset({"remove_from_cart", "set_quantity", "add_to_cart"})


def _gift_ref(ref: ProductRef) -> bool:
    """ "the gift", "my sister's present": a line named by who it is for."""
    return bool(ref.text) and set((ref.text or "").split()) <= GIFT_WORDS


def _gifts_said(view: RequestView, lines: list[dict[str, Any]]) -> str:
    gifts = view.state.get("gifts") or {}
    return " or ".join(f"the {line['name']} (for {gifts[line['id']]})" for line in lines)


#: A dislike said as an instruction, not a taste ("I hate black" only ranks black last).
_NEVER = re.compile(
    r"\b(never|ever|under no circumstances|(do not|don'?t) want (anything|any)|nothing)\b"
)


def _specialist_calls(view: RequestView, intent: Intent) -> Decision:
    kind = intent.kind
    offered = view.tools

    def call(name: str, **args: Any) -> CallTools:
        return CallTools((ToolCall(name, {k: v for k, v in args.items() if v is not None}),))

    if kind == "search" and "search_products" in offered:
        if intent.relative == "other":
            return _other_search(view, intent)
        if intent.relative == "narrow":  # the last search again: new limits or a new order
            last = view.state.get("last_search") or {}
            limits = _price_args(intent) or {
                k: last.get(k) for k in ("max_price", "min_price", "price_currency")
            }
            return call(
                "search_products",
                query=last.get("query") or None,
                category=intent.category or last.get("category"),
                sort=intent.sort or last.get("sort"),
                **limits,
            )
        if intent.relative:
            return _relative_search(view, intent)
        lines = [line["id"] for line in view.state.get("cart") or []]
        said = view.user_text.lower()
        in_cart = (
            intent.about_cart
            or any(w in said for w in _IN_CART)
            or ("in there" in said and _previous_kind(view) in _CART_SHOWN)
        )
        if intent.sort and in_cart and len(lines) > 1:
            # "what's the most expensive thing in there?" right after the cart: of its lines
            return call("search_products", among=lines, sort=intent.sort, limit=1)
        recent = [p["id"] for p in view.state.get("recent_products") or []]
        said = view.user_text.lower()
        if (
            intent.colours
            and len(recent) > 1
            and (intent.query or "") in ("", " ".join(intent.colours))
            and (
                any(
                    w in said
                    for w in (
                        " one in ",
                        " ones in ",
                        "any in ",
                        "them in ",
                        "those in ",
                        "these in ",
                    )
                )  # fmt: skip
                or said.lstrip().startswith("which ")
            )
        ):
            # "is there one in black?", "which one is black?" after a list: which of those
            return call("search_products", query=" ".join(intent.colours), among=recent, limit=1)
        weighed = _weighed(view)
        if intent.among_shown and len(weighed) > 1:
            # "which would make a better gift?": the best fit of the products being weighed
            return call("search_products", query=intent.query or None, among=weighed, limit=1,
                        for_shopper=intent.for_shopper or None)  # fmt: skip
        return call(
            "search_products",
            query=intent.query or None,
            category=intent.category,
            sort=intent.sort,
            limit=intent.limit,
            for_shopper=intent.for_shopper or None,
            recipient_likes=list(intent.likes) or None,
            recipient_dislikes=list(intent.dislikes) or None,
            # "other kitchen things, not the mug, not the jar": those shown or in the cart by
            # id, others by name
            exclude=_left_out_of_search(view, intent) or None,
            without=_traits_left_out(intent) or None,
            **_price_args(intent),
        )
    if kind == "list_categories" and "list_categories" in offered:
        return call("list_categories")
    if kind == "view_cart" and intent.what_if and "quote_cart" in offered:
        return _quote(view, intent)
    if kind == "set_quantity" and intent.what_if and "set_cart_quantity" in offered:
        return _make_supposed(view, intent)
    if kind == "view_cart" and "view_cart" in offered:
        named = [r.text for r in intent.products if r.text]
        line = _cart_line(view, named[0]) if len(named) == 1 and not intent.category else None
        if line is not None:  # "how many mugs do I have?": the mugs are talked about now
            return call("view_cart", product=line["id"])
        return call("view_cart")
    if kind == "empty_cart" and "empty_cart" in offered:
        if intent.excluded:  # "remove everything but the mug"
            keep = _excluded_ids(view, intent)
            lines = [line for line in view.state.get("cart") or [] if line["id"] not in keep]
            if not lines:
                return call("view_cart")
            return CallTools(
                tuple(ToolCall("remove_from_cart", {"product": line["id"]}) for line in lines)
            )
        return call("empty_cart")
    if kind == "list_alerts" and "list_price_alerts" in offered:
        return call("list_price_alerts")
    if kind == "show_style" and "show_style_profile" in offered:
        return call("show_style_profile")
    if kind == "reset_style" and "reset_style_profile" in offered:
        return call("reset_style_profile")
    if kind == "analyse_style" and "analyse_style_photo" in offered:
        return call("analyse_style_photo", note=view.user_text or None)
    if kind == "style_statement" and "record_style_preferences" in offered:
        # "never show me gold things", "nothing black, ever": never shown
        never = _NEVER.search(view.user_text.lower()) and list(intent.dislikes)
        return call(
            "record_style_preferences",
            likes=list(intent.likes),
            dislikes=list(intent.dislikes),
            forget=list(intent.forget) or None,
            never=never or None,
        )
    if kind == "delete_alert" and "delete_price_alert" in offered:
        return _delete_alert(view, intent)

    emptied = view.state.get("emptied_cart") or []
    if (
        kind == "add_to_cart"
        and emptied
        and _previous_kind(view) == "empty_cart"
        and not any(r.text for r in intent.products)
    ):
        # "nooo, put it all back": every line the emptying took out, as many as there were
        return CallTools(
            tuple(
                ToolCall("add_to_cart", {"product": line["id"], "quantity": line["quantity"]})
                for line in emptied
            )
        )
    added = (view.state.get("last_added") or {}).get("lines") or []
    if kind == "add_to_cart" and intent.same_again and added:
        # "same again for my cousin": every line the last add put in, as many of each
        return CallTools(
            tuple(
                ToolCall("add_to_cart", {"product": line["id"], "quantity": quantity})
                for line, quantity in zip(added, _same_again_counts(view, added), strict=True)
            )
        )
    if kind in CART_CHANGES and _another_of_several(view, intent, added):
        # "and one for my brother too" after a mug and a candle holder: one of which? So is
        # "delete one" after two mugs and two jars, and "make it two"
        names = " or ".join(dict.fromkeys(line["name"] for line in added))
        if kind == "add_to_cart":
            return Reply(f"Another of which: {names}?")
        if kind == "set_quantity" and intent.quantity is not None:
            return Reply(f"Which should be {intent.quantity}: {names}?")
        return Reply(f"Take one out of which: {names}?")
    one_of_line = _one_of_a_line(view, intent)
    if one_of_line is not None:
        return CallTools((one_of_line,))
    cart_lines = [line["id"] for line in view.state.get("cart") or []]
    if kind == "compare_prices" and intent.about_cart and not intent.products[1:] and cart_lines:
        # "is anything in my cart cheaper at other shops?": each of its lines
        if not any(p.text for p in intent.products):
            return CallTools(tuple(ToolCall("compare_prices", {"product": i}) for i in cart_lines))
    if kind == "product_info" and intent.sort and "search_products" in offered:
        left_out = _excluded_ids(view, intent)  # "the cheapest one that isn't a mug"
        shown = [p["id"] for p in view.state.get("recent_products") or []
                 if "id" in p and p["id"] not in left_out]  # fmt: skip
        if (
            1 < len(shown) <= 10
            and all(r.anaphora and not r.text and r.ordinal is None for r in intent.products)
            and re.search(r"\bwhich\b", view.user_text.lower())
        ):
            # "which of the two is cheaper?", "which of those is the cheapest?": ranked among
            # those shown, so the answer names it with the others' prices
            return call("search_products", among=shown, sort=intent.sort)
    try:
        targets = _targets(view, intent)
    except _UnresolvedError:
        return Reply(_which_product(view))
    products = [t.product for t in targets]

    if kind == "complements" and "suggest_complements" in offered:
        first = None if intent.about_cart or not products else products[0]
        return call("suggest_complements", product=first)
    if not products:
        return Reply(_which_product(view))
    if intent.as_many_as and kind in {"add_to_cart", "set_quantity"}:
        return _as_many_as(view, intent, products)
    if kind == "add_to_cart" and intent.same_count and intent.replaces is None and added:
        return _as_many_as_last_added(added, products)
    if kind == "product_info" and "get_product_details" in offered:
        if intent.for_shopper and len(products) > 1 and "search_products" in offered:
            # "which suits me better, the loafers or the tank top?": ranked by the profile
            return call("search_products", among=products, for_shopper=True, limit=1)
        if intent.for_shopper and "search_products" in offered:
            # "would the watch suit me?": the watch, with what the profile says of it
            return call("search_products", among=products, for_shopper=True)
        if intent.sort and len(products) > 1 and "search_products" in offered:
            # "which is cheaper, the hair dryer or the shades?": ranked among them, and the
            # answer is then "that one"
            # (both come back, the answer first, so both prices can be told)
            return call("search_products", among=products, sort=intent.sort)
        return CallTools(tuple(ToolCall("get_product_details", {"product": p}) for p in products))
    if kind == "add_to_cart" and "add_to_cart" in offered:
        if intent.quantity is not None and intent.quantity <= 0:
            # "add 0 mugs", "add -2 jars": neither one mug nor a silent removal
            said = "zero" if intent.quantity == 0 else "less than nothing"
            return Reply(
                f"That's {said}, so I haven't added anything. To take something out of your "
                'cart, say "remove" and what.'
            )
        # "add 2 mugs and a jar": counts said per product apply to that product only.
        per_product = len(targets) > 1 and any(t.quantity for t in targets)
        swapped = _swapped_count(view, intent) if len(targets) == 1 else None
        if swapped is None and len(targets) == 1:
            swapped = _put_back_count(view, intent, targets[0].product)
        each = _one_each(view, intent) if len(targets) == 1 else None
        return CallTools(
            tuple(
                ToolCall(
                    "add_to_cart",
                    {
                        "product": t.product,
                        "quantity": each
                        or t.quantity
                        or (1 if per_product else intent.quantity)
                        or swapped
                        or 1,
                    },
                )
                for t in targets
            )
        )
    if kind == "remove_from_cart" and "remove_from_cart" in offered:
        kinds = _lines_of_category(view, intent)
        if kinds:  # "remove all the kitchen stuff": every line of that category
            return CallTools(tuple(ToolCall("remove_from_cart", {"product": i}) for i in kinds))
        priced = _lines_by_price(view, intent)
        if priced is not None:  # "take out everything that costs over 50 dollars"
            if not priced:
                return Reply("Nothing in your cart is in that price range, so nothing changed.")
            return CallTools(tuple(ToolCall("remove_from_cart", {"product": i}) for i in priced))
        count = intent.quantity or _undone_count(view, intent, targets)
        return CallTools(tuple(_removal(view, t, count) for t in targets))
    if (
        kind == "set_quantity"
        and "set_cart_quantity" in offered
        and (intent.factor or intent.divisor)
    ):
        # "double the mugs": the cart line times the factor; "half that": divided (at least 1);
        # "double the kitchen stuff": every line of that category
        kinds = _lines_of_category(view, intent)
        if kinds:
            targets = [_Target(i) for i in kinds]
        calls = []
        for t in targets:
            line = _cart_line(view, t.product)
            if line is None:
                return Reply(f"There is no {t.product} in your cart to change.")
            quantity = max(1, line["quantity"] * (intent.factor or 1) // (intent.divisor or 1))
            calls.append(
                ToolCall("set_cart_quantity", {"product": line["id"], "quantity": quantity})
            )
        return CallTools(tuple(calls))
    if kind == "set_quantity" and "set_cart_quantity" in offered:
        before = _count_before(view, products) if intent.quantity is None else None
        if before is not None:  # "go back to that many": the line as it was before its change
            return CallTools((ToolCall("set_cart_quantity", before),))
        if intent.quantity is None:
            return Reply("How many would you like?")
        return CallTools(
            tuple(
                ToolCall("set_cart_quantity", {"product": p, "quantity": intent.quantity})
                for p in products
            )
        )
    if kind == "compare_prices" and "compare_prices" in offered:
        # "how much would I save on the watch at Acme?": Acme is a shop, not a product
        products = [p for p in products if not _a_retailer(view, p)] or products
        return CallTools(tuple(ToolCall("compare_prices", {"product": p}) for p in products))
    if kind == "deal_analysis" and "analyse_deal" in offered:
        args: dict[str, Any] = {"product": products[0]}
        said = intent.price or intent.max_price
        if said is not None:
            args["offered_price"] = str(said.amount)
            currency = said.currency or _currency_just_asked(view)
            if currency:
                args["price_currency"] = currency
        return CallTools((ToolCall("analyse_deal", args),))
    if kind == "create_alert" and "create_price_alert" in offered and intent.target_change:
        return _moved_alert(view, intent, products)
    if kind == "create_alert" and "create_price_alert" in offered:
        if intent.replace_alert and intent.currency and not any(r.text for r in intent.products):
            # "make the euro one 70": the alert set in euros
            alerts = view.state.get("alerts") or []
            in_code = [
                a for a in alerts if (a.get("target") or {}).get("currency_code") == intent.currency
            ]
            if len(in_code) > 1:
                return Reply(f"Which one: {_join_or([a['product_name'] for a in in_code])}?")
            if in_code:
                products = [in_code[0]["product_id"]]
        target: dict[str, Any]
        if intent.max_price is not None:
            target = {"target_price": str(intent.max_price.amount)}
            if intent.max_price.currency:
                target["price_currency"] = intent.max_price.currency
        elif intent.drop_percent is not None:  # "when it drops 20%": from today's price
            target = {"drop_percent": str(intent.drop_percent)}
        elif intent.drop_amount is not None:  # "if it drops by 10 dollars": from today's
            target = {"drop_amount": str(intent.drop_amount.amount)}
            if intent.drop_amount.currency:
                target["price_currency"] = intent.drop_amount.currency
        elif (together := _compared_together(view, intent)) is not None:
            return Reply(f"Which one: {together}?")  # "... to the cheapest price you found"
        elif (offer := _offer_price(view, products)) is not None:
            target = offer  # "when yours drops to Acme's price": that shop's price
            found_for = offer.pop("product")
            products = [p for p in products if not _a_retailer(view, p)] or [found_for]
        else:
            return Reply("At what price should I alert you?")
        if intent.replace_alert:  # "change the hairdryer one to 18"
            target["replace"] = True
            made = _alerts_made_last(view)
            if len(made) > 1 and not any(r.text for r in intent.products) and not intent.currency:
                # "make it 60" right after two alerts were made in one message: which?
                return Reply(f"Which alert should change: {_join_or(made)}?")
        # "tell me when the mug or the jar drop below 10": one alert per product
        return CallTools(
            tuple(ToolCall("create_price_alert", {"product": p, **target}) for p in products)
        )
    return Reply("")  # not this agent's job: the caller falls back to a plain answer


_CENT = Decimal("0.01")
#: "the cheapest price you found", "the best offer": the lowest offer still in stock
_LOWEST_OFFER = re.compile(r"\b(cheapest|lowest|best)\b.*\b(price|offer|deal|one|found)\b")
#: "their price", "what they charge": the shop the comparison found cheapest
_THAT_SHOP = re.compile(r"\b(their|that shop'?s?|that store'?s?|there|they charge|that price)\b")


def _price_words(view: RequestView) -> str:
    """The words that say which shop's price: this message's, or after "which one?" (no tool
    ran) the message that was asked about ("... the cheapest price you found", "the loafers")."""
    said = view.user_text.lower()
    if _LOWEST_OFFER.search(said) or _THAT_SHOP.search(said) or not view.history_texts:
        return said
    if view.history_tools and view.history_tools[-1]:
        return said
    return f"{said} {view.history_texts[-1].lower()}"


def _compared(view: RequestView) -> list[dict[str, Any]]:
    return [c for c in view.state.get("compared") or [] if c.get("offers")]


def _compared_together(view: RequestView, intent: Intent) -> str | None:
    """ "tell me if yours drops to the cheapest price you found" after the watch and the
    loafers were compared in one turn: which of them (None when it names one, or one was
    compared)."""
    said = view.user_text.lower()
    if any(r.text and not _a_retailer(view, r.text) for r in intent.products) or not (
        _LOWEST_OFFER.search(said) or _THAT_SHOP.search(said) or _retailer_said(view)
    ):
        return None
    compared = _compared(view)
    last = [c for c in compared if c.get("turn") == compared[-1].get("turn")]
    if len(last) < 2:
        return None
    return " or ".join(f"the {c['name']}" for c in last)


def _a_retailer(view: RequestView, mention: str) -> bool:
    """The mention is a shop from a comparison ("acme" in "Acme's price"), not a product."""
    first = shop_word(mention)
    return any(
        first == shop_word(o["retailer"])
        for c in _compared(view) for o in c["offers"]
    )  # fmt: skip


def _retailer_said(view: RequestView, text: str | None = None) -> list[dict[str, Any]]:
    """The offers of the shops the message names ("Acme's price"), by their first word."""
    said = words_of(text or view.user_text)
    return [
        o for c in _compared(view) for o in c["offers"]
        if shop_word(o["retailer"]) in said
    ]  # fmt: skip


def _offer_price(view: RequestView, products: list[str]) -> dict[str, Any] | None:
    """An alert's target as another shop's price from the comparison of that product: the
    shop named ("Acme's price"), or the lowest offer in stock ("the cheapest price you
    found", "their price")."""
    products = [p for p in products if not _a_retailer(view, p)]  # "Acme's price": no product
    if not products and _retailer_said(view):
        # "tell me if yours drops to what Acme charges": the product Acme was found selling
        products = [c["id"] for c in _compared(view)
                    if any(o in c["offers"] for o in _retailer_said(view))][-1:]  # fmt: skip
    if len(products) != 1:
        return None
    entry = next(
        (c for c in reversed(_compared(view))
         if products[0] == c["id"] or name_matches(products[0], c["name"])),
        None,
    )  # fmt: skip
    if entry is None:
        return None
    said = _price_words(view)
    named = [o for o in _retailer_said(view, said) if o in entry["offers"]]
    buyable = [o for o in entry["offers"] if o.get("in_stock") is not False]
    if named:
        chosen = named[0]
    elif buyable and (_LOWEST_OFFER.search(said) or _THAT_SHOP.search(said)):
        chosen = min(buyable, key=lambda o: Money.from_dict(o["price"]).total_nanos)
    else:
        return None
    price = Money.from_dict(chosen["price"])
    cents = price.to_decimal().quantize(_CENT)
    return {"target_price": str(cents), "price_currency": price.currency_code,
            "product": entry["id"]}  # fmt: skip


def _other_search(view: RequestView, intent: Intent) -> Decision:
    """ "show me something else": the last search again, without the products it showed."""
    last = view.state.get("last_search") or {}
    shown = [p["id"] for p in view.state.get("recent_products") or [] if "id" in p]
    args: dict[str, Any] = {
        "query": last.get("query") or None,
        "category": intent.category or last.get("category"),
        "exclude": shown or None,
    }
    if _price_args(intent):  # "what else do you have under 20?": anything not in the cart
        held = [line["id"] for line in view.state.get("cart") or []]
        args = {"category": intent.category, "exclude": held or None, **_price_args(intent)}
    return CallTools(
        (ToolCall("search_products", {k: v for k, v in args.items() if v is not None}),)
    )


def _weighed(view: RequestView) -> list[str]:
    """The products a "which is better ..." question is about: those the shopper named in the
    message before ("the difference between the candle holder and the shakers"), else those
    just shown."""
    if view.history_texts:
        before = _understand(view.history_texts[-1], False, ConversationContext())
        named = [r.text for i in (before, *before.secondary) for r in i.products if r.text]
        if len(named) > 1:
            return named
    return [p["id"] for p in view.state.get("recent_products") or []]


def _relative_search(view: RequestView, intent: Intent) -> Decision:
    """ "any cheaper ones?": the last search again, below (or above) what was shown.

    The bound is the focus product's price, else the cheapest (or dearest) one shown, in USD
    nanos as the state keeps it; one cent off so the product itself is not shown again.
    """
    focus = view.state.get("focus_product") or {}
    recent = [p for p in view.state.get("recent_products") or [] if "price_usd_nanos" in p]
    prices = (
        [focus["price_usd_nanos"]]
        if "price_usd_nanos" in focus
        else [p["price_usd_nanos"] for p in recent]
    )
    last = view.state.get("last_search") or {}
    category = intent.category or last.get("category")
    named = _priced_as_said(view, intent)
    if named is not None:
        # "anything cheaper than the shakers": below the shakers, among things of their kind
        prices, last = [named["price_usd_nanos"]], {}
        category = intent.category or next(iter(named.get("categories") or []), None)
    args: dict[str, Any] = {
        "query": last.get("query") or None,
        "category": category,
        "sort": "price_asc" if intent.relative == "cheaper" else "price_desc",
    }
    if intent.max_price is not None and intent.relative == "cheaper":
        # "too pricey for me, anything under 30 AUD?": the shopper's own budget is the bound
        args.update(_price_args(intent))
    elif prices:
        cent = 10_000_000
        bound = min(prices) - cent if intent.relative == "cheaper" else max(prices) + cent
        key = "max_price" if intent.relative == "cheaper" else "min_price"
        args[key] = str(Money.from_nanos("USD", max(bound, 0)).to_decimal().quantize(_CENT))
        args["price_currency"] = "USD"
    args = {k: v for k, v in args.items() if v is not None}
    return CallTools((ToolCall("search_products", args),))


def _priced_as_said(view: RequestView, intent: Intent) -> dict[str, Any] | None:
    """The product a comparison names ("cheaper than the shakers"), with its price, from the
    cart or the products shown; None when none is named or its price is not known here."""
    said = next((r.text for r in intent.products if r.text), None)
    if said is None:
        return None
    known = [*(view.state.get("cart") or []), *(view.state.get("recent_products") or [])]
    focus = view.state.get("focus_product")
    known += [focus] if focus else []
    found = {p["id"]: p for p in _narrow(known, said) if "price_usd_nanos" in p}
    return next(iter(found.values())) if len(found) == 1 else None


def _lines_of_category(view: RequestView, intent: Intent) -> list[str]:
    """The ids of the cart lines in the category a removal or a change names ("all the
    kitchen stuff", "double the kitchen stuff"), when its only mention is that category."""
    named = [r.text for r in intent.products if r.text]
    if not intent.category or named not in ([], [intent.category]):
        return []
    return [
        line["id"]
        for line in view.state.get("cart") or []
        if intent.category in (line.get("categories") or [])
    ]


def _lines_by_price(view: RequestView, intent: Intent) -> list[str] | None:
    """The ids of the cart lines whose unit price is over `min_price` / under `max_price`
    ("take out everything over 50 dollars"), for "everything"/"anything"; None when the
    removal names products, or the bound is in a currency other than USD (the lines' prices
    are kept in USD; converting is the currency service's job)."""
    bounds = [b for b in (intent.min_price, intent.max_price) if b is not None]
    lines = list(view.state.get("cart") or [])
    if (
        not bounds
        or not all(r.all_recent or (r.anaphora and not r.text) for r in intent.products)
        or any((b.currency or view.state.get("display_currency") or "USD") != "USD" for b in bounds)
        or not all("price_usd_nanos" in line for line in lines)
    ):
        return None
    low = Money.from_decimal(intent.min_price.amount, "USD") if intent.min_price else None
    high = Money.from_decimal(intent.max_price.amount, "USD") if intent.max_price else None
    return [
        line["id"]
        for line in lines
        if (low is None or line["price_usd_nanos"] > low.total_nanos)
        and (high is None or line["price_usd_nanos"] < high.total_nanos)
    ]


def _one_of_a_line(view: RequestView, intent: Intent) -> ToolCall | None:
    """ "take the second watch back out" with two watches in the cart: one of them (the
    position counts the watches, not a list shown)."""
    if intent.kind != "remove_from_cart" or len(intent.products) != 1:
        return None
    ref = intent.products[0]
    if not ref.text or ref.ordinal is None or ref.ordinal < 2:
        return None
    line = _cart_line(view, ref.text)
    if line is None or int(line["quantity"]) < ref.ordinal:
        return None
    return _removal(view, _Target(line["id"]), 1)


def _removal(view: RequestView, target: _Target, quantity: int | None) -> ToolCall:
    """ "remove one mug" lowers the line when the cart holds more; otherwise it goes."""
    line = _cart_line(view, target.product)
    if quantity and line and line["quantity"] > quantity:
        return ToolCall(
            "set_cart_quantity", {"product": line["id"], "quantity": line["quantity"] - quantity}
        )
    return ToolCall("remove_from_cart", {"product": target.product})


def _meant_what_was_added(view: RequestView, intent: Intent) -> bool:
    """A correction ("I meant loafers": the product in focus out, the named one in) that
    names the product in focus: nothing to change."""
    focus = view.state.get("focus_product") or {}
    if (
        intent.kind != "remove_from_cart"
        or not focus.get("name")
        or "view_cart" not in view.tools
        or [r.anaphora for r in intent.products] != [True]
        or len(intent.secondary) != 1
        or intent.secondary[0].kind != "add_to_cart"
    ):
        return False
    named = [r.text for r in intent.secondary[0].products]
    return len(named) == 1 and bool(named[0]) and bool(_narrow([focus], named[0] or ""))


def _swapped_count(view: RequestView, intent: Intent) -> int | None:
    """How many come in for the line a swap takes out ("swap the mugs for bamboo jars, same
    number" with four mugs: four jars), when the shopper says so or names the new product in
    the plural; None otherwise (one comes in)."""
    if intent.replaces is None:
        return None
    plural = any(r.text and _plural(r.text) for r in intent.products)
    if not (intent.same_count or plural):
        return None
    try:
        [out] = _targets(view, replace(intent, products=(intent.replaces,), secondary=()))
    except (_UnresolvedError, ValueError):
        return None
    line = _cart_line(view, out.product)
    return int(line["quantity"]) if line else None


def _undone_count(view: RequestView, intent: Intent, targets: list[_Target]) -> int | None:
    """ "undo that" right after "and 2 more mugs": the two just added come out, not the
    line."""
    focus = view.state.get("focus_product") or {}
    said = view.user_text.lower()
    if (
        not any(w in said for w in ("undo", "never mind", "nvm", "nevermind", "scratch that"))
        or _previous_kind(view) != "add_to_cart"
        or [t.product for t in targets] != [focus.get("id")]
        or not focus.get("added_quantity")
    ):
        return None
    return int(focus["added_quantity"])


_COUNT_BEFORE = re.compile(
    r"\bback to (?:that many|that number|the old number|how many i had|what i had)\b"
    r"|\b(?:change|set|switch|turn) (?:it|that|them|the quantity|the number) back\b"
)


def _count_before(view: RequestView, products: list[str]) -> dict[str, Any] | None:
    """ "go back to that many", "change it back": the last line whose count was set (of the
    product meant, when one is), back to its count before."""
    if not _COUNT_BEFORE.search(view.user_text.lower()):
        return None
    held = {line["id"]: line.get("quantity") for line in view.state.get("cart") or []}
    changes = [c for c in view.state.get("quantity_changes") or []
               if held.get(c["id"]) == c["after"]]  # fmt: skip
    meant = [c for c in changes if c["id"] in products] or changes
    if not meant:
        return None
    return {"product": meant[-1]["id"], "quantity": meant[-1]["before"]}


def _put_back_count(view: RequestView, intent: Intent, product: str) -> int | None:
    """ "put them back" right after a removal: as many as were taken out."""
    focus = view.state.get("focus_product") or {}
    if (
        focus.get("id") != product
        or not focus.get("removed_quantity")
        or _previous_kind(view) != "remove_from_cart"
        or any(r.text for r in intent.products)
    ):
        return None
    return int(focus["removed_quantity"])


def _one_each(view: RequestView, intent: Intent) -> int | None:
    """ "one each" after "stocking fillers for my 3 nieces": as many as the people named
    in the last few messages."""
    words = view.user_text.lower().split()
    if "each" not in words or (intent.quantity or 1) != 1:
        return None
    for text in reversed(view.history_texts[-3:]):
        tokens = prepare_tokens(text)
        for number, word in zip(tokens, tokens[1:], strict=False):
            if number.value is not None and number.value > 1 and word.text in PEOPLE:
                return int(number.value)
    return None


def _plural(mention: str) -> bool:
    """ "bamboo jars", not "bamboo jar", "sunglasses" or "glass" ."""
    last = mention.split()[-1] if mention.split() else ""
    return last.endswith("s") and not last.endswith("ss") and last not in PAIR_NOUNS


def _as_many_as(view: RequestView, intent: Intent, products: list[str]) -> Decision:
    """ "add as many mugs as there are jars" (3 jars: 3 mugs in), "make the mugs as many as
    the jars" (the mugs' line at 3); a product not in the cart yet comes in that many."""
    counted = _cart_line(view, intent.as_many_as or "")
    if counted is None:
        return Reply(f"There are no {intent.as_many_as} in your cart to count.")
    count = int(counted["quantity"])
    calls = []
    for product in products:
        line = _cart_line(view, product)
        if intent.kind == "set_quantity" and line is not None:
            calls.append(ToolCall("set_cart_quantity", {"product": line["id"], "quantity": count}))
        else:
            calls.append(ToolCall("add_to_cart", {"product": product, "quantity": count}))
    return CallTools(tuple(calls))


def _as_many_as_last_added(added: list[dict[str, Any]], products: list[str]) -> Decision:
    """ "and the same number of mugs" right after 7 jars went in: 7 mugs; after lines of
    different counts, which count is asked."""
    counts = dict.fromkeys(int(line["quantity"]) for line in added)
    if len(counts) > 1:
        said = " or ".join(f"{line['quantity']} (as many as the {line['name']})" for line in added)
        return Reply(f"How many: {said}?")
    [count] = counts
    return CallTools(
        tuple(ToolCall("add_to_cart", {"product": p, "quantity": count}) for p in products)
    )


def _quote(view: RequestView, intent: Intent, said: str | None = None) -> Decision:
    """ "what would it come to with two more jars?": the cart priced with the changes the
    shopper supposes (each cart line for "one more of each"; "it" the product in focus)."""
    lines = list(view.state.get("cart") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    priced = [p for p in view.state.get("recent_products") or [] if "price_usd_nanos" in p]
    said = (said or view.user_text).lower()
    # "if I take two of the shakers" with one in the cart: two in all, not two more
    in_all = re.search(r"\b(take|get|buy|have)\b", said) and not re.search(
        r"\b(more|another|extra|additional|else)\b", said
    )
    products: list[str] = []
    changes: list[int] = []
    for ref, change in intent.what_if:
        if ref.all_recent:
            named = [line["id"] for line in lines]
        elif ref.text:
            line = _cart_line(view, ref.text)
            named = [line["id"] if line else ref.text]
        elif intent.sort and priced:  # "two of the cheaper one": of those just weighed
            pick = min if intent.sort == "price_asc" else max
            named = [pick(priced, key=lambda p: p["price_usd_nanos"])["id"]]
        else:
            named = [focus] if focus else [line["id"] for line in lines][-1:]
        if not named:
            return Reply(_which_product(view))
        for product in named:
            held = next((int(x["quantity"]) for x in lines if x["id"] == product), 0)
            products.append(product)
            changes.append(change - held if in_all and change > 0 and held else change)
    return CallTools((ToolCall("quote_cart", {"products": products, "changes": changes}),))


def _make_supposed(view: RequestView, intent: Intent) -> Decision:
    """ "do it" after a quote: the changes it supposed, made (more added, fewer set, none
    taken out)."""
    asked = view.history_texts[-1] if view.history_texts else None  # the quote's words
    quoted = _quote(view, replace(intent, kind="view_cart"), asked)
    if not isinstance(quoted, CallTools):
        return quoted
    [call] = quoted.calls
    calls = []
    for product, change in zip(call.args["products"], call.args["changes"], strict=True):
        line = _cart_line(view, product)
        held = int(line["quantity"]) if line else 0
        if change > 0:
            calls.append(ToolCall("add_to_cart", {"product": product, "quantity": change}))
        elif held + change > 0:
            calls.append(
                ToolCall("set_cart_quantity", {"product": product, "quantity": held + change})
            )
        elif line is not None:
            calls.append(ToolCall("remove_from_cart", {"product": product}))
    return CallTools(tuple(calls)) if calls else CallTools((ToolCall("view_cart", {}),))


def _cart_line(view: RequestView, product: str) -> dict[str, Any] | None:
    """The cart line a product id or name ("the mugs") means, if the cart holds it."""
    lines = list(view.state.get("cart") or [])
    by_id = [line for line in lines if line["id"] == product]
    named = by_id or _narrow(lines, product)
    return named[0] if len(named) == 1 else None


def _delete_alert(view: RequestView, intent: Intent) -> Decision:
    ref = intent.alert_ref
    alerts = view.state.get("alerts") or []
    if ref is not None and ref.all_recent:
        kept = [a for a in alerts if any(x.text and name_matches(x.text, a["product_name"])
                                         for x in intent.excluded)]  # fmt: skip
        if kept:  # "drop all of them except the watch": the others, one by one
            gone = [a for a in alerts if a not in kept]
            return CallTools(
                tuple(ToolCall("delete_price_alert", {"alert": a["id"]}) for a in gone)
            )
        return CallTools((ToolCall("delete_price_alert", {"alert": "all"}),))
    if ref is not None and ref.text:
        return CallTools((ToolCall("delete_price_alert", {"alert": ref.text}),))
    if intent.currency and alerts:  # "cancel the one in dollars": the alert set in dollars
        in_code = [a for a in alerts
                   if (a.get("target") or {}).get("currency_code") == intent.currency]  # fmt: skip
        if len(in_code) == 1:
            return CallTools((ToolCall("delete_price_alert", {"alert": in_code[0]["id"]}),))
        if in_code:
            return Reply(f"Which one: {_join_or([a['product_name'] for a in in_code])}?")
    if ref is not None and ref.anaphora and len(alerts) > 1 and not _alert_in_talk(view):
        # "cancel that alert" with several and none just made, listed or talked about
        return Reply(f"Which alert: {_join_or([a['product_name'] for a in alerts])}?")
    if len(alerts) == 1 or (ref is not None and ref.anaphora and alerts):
        focus = (view.state.get("focus_product") or {}).get("id")
        about = [a for a in alerts if a["product_id"] == focus] or alerts
        return CallTools((ToolCall("delete_price_alert", {"alert": about[-1]["id"]}),))
    if ref is not None and ref.ordinal is not None and 0 < ref.ordinal <= len(alerts):
        return CallTools(
            (ToolCall("delete_price_alert", {"alert": alerts[ref.ordinal - 1]["id"]}),)
        )
    return CallTools((ToolCall("list_price_alerts", {}),), note="Checking which alert you mean")


def _moved_alert(view: RequestView, intent: Intent, products: list[str]) -> Decision:
    """ "move the cheaper one down by 5", "raise the watch alert by 10": which alert (named,
    the cheaper or dearer product of those alerted, the one in a currency said, the one in
    focus or the only one), its target moved by the amount."""
    change = intent.target_change
    assert change is not None
    alerts = [a for a in view.state.get("alerts") or [] if a.get("product_id")]
    focus = (view.state.get("focus_product") or {}).get("id")
    if any(r.text for r in intent.products):
        chosen = products[:1]
    elif intent.sort and all("price_usd_nanos" in a for a in alerts) and len(alerts) > 1:
        pick = min if intent.sort == "price_asc" else max
        chosen = [pick(alerts, key=lambda a: a["price_usd_nanos"])["product_id"]]
    elif intent.currency and (
        in_code := [
            a for a in alerts if (a.get("target") or {}).get("currency_code") == intent.currency
        ]  # fmt: skip
    ):
        chosen = [in_code[0]["product_id"]] if len(in_code) == 1 else []
    elif len({a["product_id"] for a in alerts}) == 1:
        chosen = [alerts[0]["product_id"]]
    elif focus in {a["product_id"] for a in alerts}:
        chosen = [str(focus)]
    else:
        chosen = []
    if not chosen:
        names = [a["product_name"] for a in alerts]
        return Reply(f"Which alert should move: {_join_or(names)}?" if names else
                     "You have no price alerts to change yet.")  # fmt: skip
    args = {"product": chosen[0], "target_change": str(change.amount)}
    if change.currency:
        args["price_currency"] = change.currency
    return CallTools((ToolCall("create_price_alert", args),))


def _alerts_made_last(view: RequestView) -> list[str]:
    """The products of the alerts the shopper's previous message made (newest in the state)."""
    last = view.history_tools[-1] if view.history_tools else ()
    made = sum(1 for name in last if name == "create_price_alert")
    alerts = view.state.get("alerts") or []
    return [a["product_name"] for a in alerts[-made:]] if made else []


def _alert_in_talk(view: RequestView) -> bool:
    """An alert was just made, changed or listed, or the product in focus has one: what
    "that alert" means."""
    focus = (view.state.get("focus_product") or {}).get("id")
    last = view.history_tools[-1] if view.history_tools else ()
    return bool(
        {"create_price_alert", "list_price_alerts", "delete_price_alert"} & set(last)
        or any(a["product_id"] == focus for a in view.state.get("alerts") or [])
    )


def _which_product(view: RequestView) -> str:
    recent = [p["name"] for p in view.state.get("recent_products") or []]
    if recent:
        listed = ", ".join(f"{i}. {name}" for i, name in enumerate(recent, 1))
        return f"Which product do you mean? Recently we looked at: {listed}."
    return 'Which product do you mean? You can name it, for example "the watch".'


def _outfit_decision(view: RequestView, intent: Intent) -> Decision | None:
    """Bundles and coherence checks ("an outfit under $150", "does my cart go together?")."""
    request = outfit_request(view.user_text)
    if request is None or view.images:
        return None
    owner = "product_discovery" if request == "bundle" else "cart_manager"
    if view.transfer_targets:
        if owner in view.transfer_targets:
            return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
        return None
    if request == "coherence" and "check_cart_coherence" in view.tools:
        return CallTools((ToolCall("check_cart_coherence", {}),))
    if request == "bundle" and "suggest_bundle" in view.tools:
        budget = intent.max_price or intent.price
        if budget is None:
            # "I've got 100 euros. can you put together an outfit for the weekend?": the
            # budget said in another sentence of the message
            said = extract_money(prepare_tokens(view.user_text))
            budget = said.max_price or said.price
        if budget is None:
            return Reply('What\'s your budget for the outfit? For example "under $150".')
        args: dict[str, Any] = {"budget": str(budget.amount)}
        if budget.currency:
            args["price_currency"] = budget.currency
        occasion = occasion_in(view.user_text)
        if occasion:
            args["occasion"] = occasion
        return CallTools((ToolCall("suggest_bundle", args),))
    return None


_ONE_OF = re.compile(r"\b(one|either) of (them|those|these|the two|both|the pair)\b")
_TAKE_OUT = re.compile(r"\b(remove|drop|delete|get rid|ditch|take\b.*\bout)\b")


def _one_of_several(view: RequestView, intent: Intent) -> Decision | None:
    """ "I'll take one of them" after two were weighed, "remove one of them, I only need
    one" with two lines: which one? (nothing changed until it is said)."""
    if (
        intent.kind not in CART_CHANGES
        or any(r.text for r in intent.products)
        or not _ONE_OF.search(view.user_text.lower())
    ):
        return None
    recent = list(view.state.get("recent_products") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    if intent.kind == "add_to_cart":
        if focus is not None:
            return None  # "add one of those too" after a look at the hairdryer: one of it
    else:
        held = {line["id"]: line.get("quantity") for line in view.state.get("cart") or []}
        recent = [p for p in recent if p.get("id") in held]
        if focus is not None and any(held[p["id"]] != 1 for p in recent):
            return None  # "3 mugs", then "remove one of them": one mug fewer
    if len(recent) < 2:
        return None
    return Reply(f"Which one: {_join_or([p['name'] for p in recent])}?")


def decide(view: RequestView, intent: Intent) -> Decision:
    """The next step for this agent, before any of its tools ran this turn."""
    told = told_from_state(view)
    if told is not None:  # "what did you just change?", "just the names please"
        return Reply(told)
    which = _one_of_several(view, intent)
    if which is not None:
        return which
    undo = undo_request(view)
    if undo is not None and (undo[1] is None or undone_intent(undo[1]) is None):
        return Reply(NOTHING_TO_UNDO)  # "undo that" with nothing changed yet
    if undo is not None and undo[0] == "ask":  # "put it back" after two lines went
        names = [line["name"] or line["id"] for line in undo[1]["lines"]]
        return Reply(f"Which one should I put back: {_join_or(names)}?")
    outfit = _outfit_decision(view, intent)
    if outfit is not None:
        return outfit
    owner = OWNER.get(intent.kind)
    if view.transfer_targets:  # the orchestrator (or any agent with specialists below it)
        budget = _request_of(intent, "set_budget")
        if budget is not None and "set_budget" in view.tools:
            # "I've got 20 dollars. What can I get?": kept to first, then the search
            said = budget.max_price or budget.price
            args = {"amount": str(said.amount), "currency": said.currency} if said else {}
            return CallTools((ToolCall("set_budget", {k: v for k, v in args.items() if v}),))
        switch = _request_of(intent, "set_currency")
        if (
            switch is not None
            and "set_display_currency" in view.tools
            and (switch is intent or switch.currency != view.state.get("display_currency"))
        ):
            # "what do you have for the kitchen? and show me prices in euros from now on":
            # the switch first, so the answer is already in euros
            return CallTools(
                (ToolCall("set_display_currency", {"currency": switch.currency or ""}),)
            )
        # "would the sunglasses work? how much are they in euros": a currency said in a later
        # request for the same specialist counts too
        # "add the tank top, and what's the hairdryer in euros?": a price asked in passing by
        # a later request for another specialist counts for the turn too (the cart's total
        # then comes in euros as well), unless the message changes the display currency
        asked = (
            intent.currency
            or next(
                (x.currency for x in intent.secondary if x.currency and OWNER.get(x.kind) == owner),
                None,
            )
            or _passing_currency(intent)
            or _thread_currency(view, intent)
        )
        if (
            owner is not None
            and asked
            and asked != view.state.get("display_currency")
            and "set_display_currency" in view.tools
        ):
            # "what's my total in euros?": this answer in euros first, then hand over; the
            # shopper's display currency stays (only "switch to euros" changes it).
            return CallTools(
                (ToolCall("set_display_currency", {"currency": asked, "just_this_answer": True}),)
            )
        if owner is not None:
            if owner in view.transfer_targets:
                return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
            return Reply(
                f"Sorry, {SPECIALIST_NAMES[owner]} is not available right now. "
                "Please try again in a moment."
            )
        return Reply("")  # greetings, help, out of scope: answered by replies.small_talk
    # A specialist serves its own requests: in "back to usd and add one to my cart" the
    # orchestrator switched the currency and handed over the add.
    mine = [x for x in (intent, *intent.secondary) if OWNER.get(x.kind) == view.agent_name]
    if mine and mine[0] is not intent:
        intent = replace(mine[0], secondary=tuple(mine[1:]))
        owner = view.agent_name
    if owner is None and intent.kind != "set_currency":
        return Reply("")
    if _meant_what_was_added(view, intent):
        # "add the loaders" added the loafers; "sorry, I meant loafers": already right
        return CallTools((ToolCall("view_cart", {}),))
    added = (view.state.get("last_added") or {}).get("lines") or []
    answered = _answered_which(view, intent, added)
    if answered is not None:
        # "The mug, he's not really a candles person." after "another of which?": one mug,
        # and nothing else the message says about the other; after "take one out of which?",
        # one mug fewer
        chosen, asked = answered
        if asked == "add_to_cart":
            said = intent.recipient or _recipient_said(view)
            person = recipient_of(view, replace(intent, recipient=said))
            gift = {"for_whom": person} if person else {}
            return CallTools((ToolCall("add_to_cart", {"product": chosen, "quantity": 1, **gift}),))
        return CallTools((_removal(view, _Target(chosen, None), 1),))
    decision = _for_someone(view, intent)
    # "add the mug and show my cart": later requests this agent also serves join the calls.
    for extra in intent.secondary:
        if not isinstance(decision, CallTools) or OWNER.get(extra.kind) != owner:
            break
        named = [c.args["product"] for c in decision.calls if "product" in c.args]
        if (
            named
            and extra.products
            and extra.replaces is None  # "swap the mug for that": that is not the mug
            and all(r.anaphora and not r.text and r.ordinal is None for r in extra.products)
        ):
            # "add the sunglasses, and put a second pair in too": "it" is what came before
            extra = replace(
                extra, products=tuple(replace(r, text=named[-1]) for r in extra.products)
            )
        more = _for_someone(view, extra)
        if extra.replaces is not None and not isinstance(more, CallTools):
            return more  # "swap the shakers for that" with two shown: which? Nothing out yet
        if isinstance(more, CallTools):
            # "would the sunglasses work? how much are they?": one look is enough (a second
            # add of the same product is a second add)
            new = tuple(c for c in more.calls if c.name not in _LOOKS or c not in decision.calls)
            decision = CallTools(decision.calls + new, decision.note)
    return decision


_GOING_ON = ("and ", "what about ", "how about ", "also ", "plus ")


def _passing_currency(intent: Intent) -> str | None:
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


def _thread_currency(view: RequestView, intent: Intent) -> str | None:
    """The currency a thread of price questions was asked in: "and 4 bamboo jars?" right
    after "how much would 3 mugs be in euros?" is in euros too (just that answer)."""
    if intent.kind not in {"product_info", "view_cart"} or intent.secondary:
        return None
    text = view.user_text
    if "now" in text.lower().replace("?", " ").split():
        return None  # "and what's in the cart now?": as it stands, in the display currency
    if "?" not in text and not text.strip().lower().startswith(("what about", "how about")):
        return None  # "and one last look at the cart.": no price question going on
    for earlier in reversed(view.history_texts[-_THREAD:]):
        if not text.strip().lower().startswith(_GOING_ON):
            return None  # a message of its own: the thread ends here
        said = _understand(earlier, False, None)
        if said.kind == "set_currency":
            return None  # the display currency changed: that is the currency now
        if said.currency:
            return said.currency if said.kind == intent.kind else None
        text = earlier
    return None


def _currency_just_asked(view: RequestView) -> str | None:
    """The currency the shopper's last message asked a price in ("how much is the hairdryer
    in quid?"): a price said next without one ("saw one for a tenner") is in it too."""
    if not view.history_texts:
        return None
    said = _understand(view.history_texts[-1], False, None)
    if said.kind in {"product_info", "view_cart"} and said.currency:
        return said.currency
    return None


def follow_up(view: RequestView, intent: Intent) -> Decision | None:
    """After this agent's own tools ran: hand over if the request still needs a specialist,
    or settle an ambiguous mention with the product in focus."""
    settled = _settled_by_focus(view)
    if settled is not None:
        return settled
    pending = _pending_peer(view, intent)
    if pending is not None:
        # "add the watch and tell me if the loafers drop under 80": the add is done here,
        # the alert is the price specialist's
        return Transfer(pending, note=f"Asking {SPECIALIST_NAMES[pending]}.")
    wider = _alternatives_in_category(view, intent)
    if wider is not None:
        return wider
    # "back to usd and add one to my cart": after the switch, the request that needs a
    # specialist
    owner = OWNER.get(intent.kind) or next(
        (OWNER[x.kind] for x in intent.secondary if x.kind in OWNER), None
    )
    if (
        any(o.name == "set_budget" for o in view.outcomes)
        and not any(o.name == "set_display_currency" for o in view.outcomes)
        and "set_display_currency" in view.tools
    ):
        switch = _request_of(intent, "set_currency")
        if switch is not None and switch.currency != view.state.get("display_currency"):
            # "my budget is 40 euros, and show me prices in euros": the switch too
            return CallTools(
                (ToolCall("set_display_currency", {"currency": switch.currency or ""}),)
            )
    # after the orchestrator's own settings (currency, budget), the request they came with
    switched = [o for o in view.outcomes if o.name in {"set_display_currency", "set_budget"}]
    if (
        owner in view.transfer_targets
        and switched
        and len(switched) == len(view.outcomes)
        and switched[-1].response.get("status") == "ok"
    ):
        return Transfer(owner, note=f"Asking {SPECIALIST_NAMES[owner]}.")
    return None


def _pending_peer(view: RequestView, intent: Intent) -> str | None:
    """The specialist that owns a request of this message no agent has served yet, when this
    specialist may hand over to it (a peer; the orchestrator hands over on its own)."""
    if not view.peers or not view.outcomes or outfit_request(view.user_text):
        return None  # (outfits are routed by their words, whatever the request's kind)
    # The first request was this agent's (it was handed the turn for it, and its tools ran);
    # read again after them it may look like another's: "cancel all of them" once the alerts
    # are gone reads as a removal from the cart. Only the later requests go on to peers.
    cancelled = [name for o in view.outcomes if o.name == "delete_price_alert"
                 for name in o.response.get("deleted") or []]  # fmt: skip
    for request in intent.secondary:
        owner = OWNER.get(request.kind)
        if (
            request.kind == "remove_from_cart"
            and cancelled
            and all(
                (r.anaphora and not r.text)
                or (r.text and any(name_matches(r.text, n) for n in cancelled))
                for r in request.products
            )  # fmt: skip
        ):
            # "delete the candle holder one", "never mind the alert, cancel it": its alert
            # went; the cart line stays
            continue
        if owner and owner != view.agent_name and owner not in view.served and owner in view.peers:
            return owner
    return None


def _alternatives_in_category(view: RequestView, intent: Intent) -> Decision | None:
    """ "too expensive, any cheaper alternatives?" about the watch, when no cheaper watch
    exists: cheaper products of the watch's category instead (with a budget said, or no
    product in focus, anything within the budget). Once per turn."""
    if intent.relative != "cheaper" or len(view.outcomes) != 1:
        return None
    (last,) = view.outcomes
    categories = (view.state.get("focus_product") or {}).get("categories") or []
    if (
        last.name != "search_products"
        or last.response.get("status") != "ok"
        or last.response.get("products")
        or not last.args.get("query")
        or not (categories or last.args.get("max_price"))
    ):
        return None
    args = {k: v for k, v in last.args.items() if k not in {"query", "category"}}
    if intent.max_price is not None or not categories:
        # "hmm bit pricey, anything under 15 dollars?" after housewarming ideas, none of them
        # that cheap: whatever fits the budget the shopper said
        return CallTools((ToolCall("search_products", args),))
    return CallTools((ToolCall("search_products", {**args, "category": categories[0]}),))


def _settled_by_focus(view: RequestView) -> Decision | None:
    """ "what's the strap like?" with the watch in focus: "strap" could be the tank top's or
    the watch's, and the product being talked about is one of them, so it is that one; else
    the one product just shown among them. Only once per turn, and only when the call that
    failed named no product of its own."""
    if not view.outcomes:
        return None
    last = view.outcomes[-1]
    if last.response.get("code") != "ambiguous_product":
        return None
    candidates = {c.get("id") for c in last.response.get("candidates") or []}
    held = {line["id"] for line in view.state.get("cart") or []}
    if last.name in {"remove_from_cart", "set_cart_quantity"} and len(candidates & held) > 1:
        return None  # "take the black one out" with two black lines: which? (asked)
    focus = (view.state.get("focus_product") or {}).get("id")
    # "I'll take the black one" after the mug and the candle holder were shown: of the
    # black products, the one shown
    shown = [p["id"] for p in view.state.get("recent_products") or [] if p["id"] in candidates]
    chosen = focus if focus in candidates else shown[0] if len(shown) == 1 else None
    if chosen is None or any(o.args.get("product") == chosen for o in view.outcomes):
        return None
    return CallTools((ToolCall(last.name, {**last.args, "product": chosen}),))
