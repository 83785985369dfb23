"""The intent a message carries once the conversation is taken into account: a currency or
an earlier question recalled, a comparison's nth result, a deal asked again, an alert or a
'which one?' answered, a budget kept."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from cartmate.models.offline.answered_questions import (
    chosen_instead,
    count_answered,
    which_answered,
    whose_answered,
)
from cartmate.models.offline.budget_thread import (
    after_budget_check,
    budget_raised,
    budget_thread,
    open_within_budget,
    within_what_is_left,
)
from cartmate.models.offline.reading import (
    ADD_SAID,
    context_before,
    context_of,
    previous_kind,
    understand_once,
)
from cartmate.models.offline.recall import recalled_message
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.retailer_offers import compared_offers
from cartmate.models.offline.shown_lists import describes_list
from cartmate.models.offline.undo import undo_request, undone_intent
from cartmate.money import Money
from cartmate.planner import Intent, PriceLimit, ProductRef
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.lexicon import UNITS
from cartmate.planner.recipients import recipient_in
from cartmate.planner.service_conditions import without_service_condition

__all__ = ["intent_of", "recipient_said", "request_of"]

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
        before = understand_once(view.history_texts[-1], False, None)
        if before.kind == "deal_analysis":
            return before
    return intent


def _alert_answered(view: RequestView, intent: Intent) -> Intent:
    """ "the one in euros" / "the watch one" answering "which alert?" (asked of "cancel that
    alert", nothing ran): that alert cancelled."""
    if not view.history_texts or not view.history_tools or view.history_tools[-1]:
        return intent
    if len(view.user_text.split()) > 6:  # too long to be just naming one; checked first,
        return intent  # as it saves reading the question again
    asked = understand_once(view.history_texts[-1], False, context_before(view))
    if asked.kind != "delete_alert":
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
        or compared_offers(view)  # offers from other shops were just found: theirs, "there"
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
        return understand_once(recalled, bool(view.images), context_of(view))
    said = _compared_nth(view, _asked_before(view, _currency_recalled(view)))
    intent = _deal_again(view, understand_once(said, bool(view.images), context_of(view)))
    intent = _the_two_weighed(view, _alert_answered(view, intent))
    intent = _taste_corrected(view, intent)
    if intent.kind == "set_budget" and intent.secondary and "set_budget" not in view.tools:
        # "100 bucks max. can I afford the watch?" handed over: the budget is set, the
        # question is this agent's
        intent = replace(intent.secondary[0], secondary=intent.secondary[1:])
    instead = chosen_instead(view, intent) or _anyway_after_declined(view, intent)
    if instead is not None:
        return instead
    answered = (
        count_answered(view, intent) or which_answered(view, intent) or whose_answered(view, intent)
    )
    if answered is not None:  # "the mug" answering "which product do you mean?"
        if answered.recipient is None:  # "the mug - can you gift wrap it for him?"
            answered = replace(answered, recipient=recipient_said(view))
        return answered
    intent = _the_cheaper_one_too(view, intent)
    retried = _retried_smaller(view, intent)
    if retried is not None:  # "then just one pair if that stays under 50"
        return retried
    offered = _add_offered(view, intent)
    if offered is not None:  # "put something to wear in my cart" showed some: "that one, two"
        return offered
    if intent.kind == "search" and (intent.budget_check or open_within_budget(view, intent)):
        return within_what_is_left(view, replace(intent, budget_check=True))
    if intent.budget_check or (intent.kind == "product_info" and after_budget_check(view)):
        return budget_thread(view, intent)
    if intent.kind == "create_alert" and "same" in view.user_text.lower().split():
        return _same_alert(view, intent)
    if budget_raised(view, intent):
        # "good news, I got paid - make it 80": the budget, not a cart line
        kept = Money.from_dict(view.state["budget"])
        amount = Decimal(intent.quantity or 0)
        return Intent(kind="set_budget", price=PriceLimit(amount, kept.currency_code))
    bare_add = intent.kind == "add_to_cart" and all(
        r.anaphora and not r.text and r.quantity is None for r in intent.products
    )  # "okay, add them" after a quote: what it supposed
    if (intent.kind == "affirm" or bare_add) and view.history_texts:
        supposed = understand_once(view.history_texts[-1], False, None)
        if supposed.kind == "view_cart" and supposed.what_if:
            # "do it" after "what would it come to with one less tank top?": that change
            return replace(supposed, kind="set_quantity", currency=None, secondary=(), claim=None)
    return intent


def _the_cheaper_one_too(view: RequestView, intent: Intent) -> Intent:
    """ "ok two mugs please", then "and the cheaper one too": an add of the cheaper of the
    products last listed, not a search for cheaper ones."""
    said = view.user_text.lower()
    counted = _COUNT_OF_THE_CHEAPEST.match(said)
    if counted is not None and intent.kind == "search" and intent.sort and not intent.query:
        # "add the dearest of those", then "and two of the cheapest": of that list too
        if previous_kind(view) == "add_to_cart":
            said = counted.group(1)
            count = int(said) if said.isdigit() else UNITS.get(said, 2)  # "a couple": 2
            return Intent(kind="add_to_cart", sort=intent.sort, quantity=count,
                          products=(ProductRef(anaphora=True, quantity=count),))  # fmt: skip
    if (
        intent.kind != "search"
        or intent.relative not in {"cheaper", "pricier"}
        or not re.search(r"\bone\b", said)
        or not re.search(r"\b(too|as well|also)\b", said)
        or previous_kind(view) != "add_to_cart"
    ):
        return intent
    sort = "price_asc" if intent.relative == "cheaper" else "price_desc"
    return Intent(kind="add_to_cart", products=(ProductRef(anaphora=True),), sort=sort)


#: "and two of the cheapest", "plus 3 of the priciest too"
_COUNT_OF_THE_CHEAPEST = re.compile(
    r"^\s*(?:and|also|plus)?\s*(\d+|one|two|three|four|five|a couple) of the "
    r"(?:cheapest|cheaper|dearest|dearer|priciest|pricier|most expensive|least expensive)\b"
)


def _retried_smaller(view: RequestView, intent: Intent) -> Intent | None:
    """The last request waited on a price and was not done ("put two sunglasses in unless
    that takes me past 50"): "then just one pair (if that stays under 50)" is that request
    with the new count."""
    bare = intent.products and all(r.anaphora and not r.text for r in intent.products)
    count = intent.quantity or next((r.quantity for r in intent.products if r.quantity), None)
    if (
        intent.kind not in {"set_quantity", "add_to_cart"}
        or not bare
        or count is None
        or not view.history_texts
        or set((view.history_tools or [()])[-1]) - {"quote_cart", "set_display_currency"}
    ):
        return None
    earlier = understand_once(view.history_texts[-1], False, context_before(view))
    if earlier.condition is None or earlier.kind != "add_to_cart" or len(earlier.products) != 1:
        return None
    product = replace(earlier.products[0], quantity=count)
    return replace(earlier, products=(product,), quantity=count, condition=intent.condition)


#: a request of its own ("show me mugs"), not the answer to "which one should I add?"
_ASKS_OF_ITS_OWN = re.compile(
    r"\b(show|find|see|search|look|looking|got|sell|what|which|how|any|remove|delete)\b"
)


def _add_offered(view: RequestView, intent: Intent) -> Intent | None:
    """The last message asked to add "something" of a kind, which a search answered with
    what there is ("Shall I add it?"): "a sleeveless top - two of them", "the tank top",
    "yes please" is the add of that."""
    if (
        intent.kind not in {"search", "product_info", "affirm"}
        or not view.history_texts
        or "search_products" not in (view.history_tools or [()])[-1]
        or len(view.user_text.split()) > 8
        or "?" in view.user_text
        or _ASKS_OF_ITS_OWN.search(view.user_text.lower())
        or not ADD_SAID.search(view.history_texts[-1].lower())
    ):
        return None
    earlier = understand_once(view.history_texts[-1], False, context_before(view))
    if earlier.kind != "search" or any(i.kind == "add_to_cart" for i in earlier.secondary):
        return None  # "add the cheapest thing you sell": found, then added already
    added = understand_once(f"add {view.user_text}", False, context_of(view))
    return added if added.kind == "add_to_cart" else None


#: "I meant black, not brown", "no, black - not brown": the word taken back
_NOT_THAT_TASTE = re.compile(r"\bnot (?:the )?([a-z]+)\b")


def _taste_corrected(view: RequestView, intent: Intent) -> Intent:
    """ "I love brown", then "no no, I meant black, not brown": black liked instead (the
    taste said before keeps its side, like or dislike; the word taken back is forgotten)."""
    if intent.kind != "style_statement" or not view.history_texts:
        return intent
    said = view.user_text.lower()
    gone = _NOT_THAT_TASTE.search(said)
    if gone is None or not re.search(r"\b(meant|mean|no|sorry)\b", said):
        return intent
    before = understand_once(view.history_texts[-1], False, None)
    if before.kind != "style_statement":
        return intent
    taken = gone.group(1)
    meant = [w for w in (*intent.likes, *intent.dislikes) if w != taken]
    if not meant or taken not in (*before.likes, *before.dislikes):
        return intent
    liked = taken in before.likes
    return replace(
        intent,
        likes=tuple(meant) if liked else (),
        dislikes=() if liked else tuple(meant),
        forget=(taken,),
    )


def _same_alert(view: RequestView, intent: Intent) -> Intent:
    """ "same for the watch pls" right after an alert: the same target (a price or a drop)
    on the product named now."""
    if intent.max_price or intent.drop_percent or not view.history_texts:
        return intent
    before = understand_once(view.history_texts[-1], False, None)
    earlier = request_of(before, "create_alert")
    if earlier is None:
        return intent
    return replace(intent, max_price=earlier.max_price, drop_percent=earlier.drop_percent)


def recipient_said(view: RequestView) -> str | None:
    """Who the whole message says it is for ("the mug - can you gift wrap it for him?"),
    when the request it answers was read from an earlier message."""
    return recipient_in(prepare_tokens(view.user_text))


def request_of(intent: Intent, kind: str) -> Intent | None:
    """The message's first request of `kind`, the primary one or a later one."""
    return next((x for x in (intent, *intent.secondary) if x.kind == kind), None)


_ANYWAY = re.compile(r"\b(?:anyway|anyhow|regardless|all the same)\b")


def _anyway_after_declined(view: RequestView, intent: Intent) -> Intent | None:
    """ "oh well, add it anyway" right after "do you gift wrap? if so add the candle holder
    for my mum" was declined (what it hung on is not known here): that request, without its
    condition."""
    if (
        intent.kind != "add_to_cart"
        or any(r.text for r in intent.products)
        or not view.history_texts
        or not _ANYWAY.search(view.user_text.lower())
    ):
        return None
    request = without_service_condition(view.history_texts[-1])
    return None if request is None else understand_once(request, False, context_of(view))
