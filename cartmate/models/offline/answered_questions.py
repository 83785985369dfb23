"""Answers to the assistant's own questions ('which one?', 'who is it for?') and requests
about one of several products, read as the request they complete."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from cartmate.models.offline.decisions import Decision, Reply
from cartmate.models.offline.gifts import gift_lines, names_a_gift
from cartmate.models.offline.reading import context_before, previous_kind, understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.targets import cart_line, narrow_to
from cartmate.models.offline.undo import said_undo
from cartmate.models.offline.wording import join_or as _join_or
from cartmate.planner import CART_CHANGES, ConversationContext, Intent, ProductRef
from cartmate.planner.lexicon import CATEGORY_WORDS
from cartmate.planner.recipients import people_named

__all__ = [
    "another_of_several",
    "several_just_asked_about",
    "answered_which",
    "chosen_instead",
    "count_answered",
    "one_of_several",
    "which_answered",
    "whose_answered",
]


def another_of_several(view: RequestView, intent: Intent, added: list[dict[str, Any]]) -> bool:
    """ "one for my brother too" right after an add of several products names none of them:
    asked, not guessed. Not when another agent already served this message: "add the cheaper
    of the jar and the shakers" has the product finder pick one, and the add is of that."""
    return (
        not view.served
        and _another_of_several_said(intent)
        and len({line["id"] for line in added}) > 1
        # "make it three" with the total asked in between: still which one?
        and (
            previous_kind(view) == "add_to_cart"
            or (
                intent.kind == "set_quantity"
                and _total_asked_since(view)
                and len(_held(view) & {line["id"] for line in added}) > 1
            )
        )  # fmt: skip
    )


def several_just_asked_about(view: RequestView, intent: Intent) -> list[dict[str, Any]]:
    """The cart lines the shopper's last question named, when it named several and this
    change says none of them: "make it two" after "is the watch still in my cart? and the
    sunglasses?", "drop one of them" after "which is cheaper, the tank top or the candle
    holder?" (asked, not guessed)."""
    bare = [r for r in intent.products if r.anaphora and not r.text and r.ordinal is None]
    if (
        intent.kind not in CART_CHANGES
        or intent.kind == "add_to_cart"  # "another one" after a look is the last added
        or len(bare) != 1
        or len(intent.products) != 1
        or intent.sort
        or previous_kind(view) != "view_cart"
        or not view.history_texts
        or view.served
    ):
        return []
    asked = understand_once(view.history_texts[-1], False, None)
    lines = [cart_line(view, r.text) for r in asked.products if r.text]
    held = list({line["id"]: line for line in lines if line is not None}.values())
    return held if len(held) > 1 else []


def _held(view: RequestView) -> set[str]:
    return {line["id"] for line in view.state.get("cart") or []}


def _total_asked_since(view: RequestView) -> bool:
    """The message before was a look at the whole cart ("what does that come to?"), which
    singles no product out ("how many mugs do I have?" does)."""
    if previous_kind(view) != "view_cart" or not view.history_texts:
        return False
    asked = understand_once(view.history_texts[-1], False, None)
    return not any(r.text for r in asked.products)


def _another_of_several_said(intent: Intent) -> bool:
    """An add of "one more" of no product named ("and one for my brother too")."""
    bare = [r for r in intent.products
            if r.anaphora and not r.text and r.ordinal is None and r.shown is None]  # fmt: skip
    # "a couple more of the cheaper one" says which
    which = intent.sort or intent.relative or intent.same_again
    return len(bare) == 1 and len(intent.products) == 1 and not which


def answered_which(
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
    asked = understand_once(view.history_texts[-1], False, after_add)
    if asked.kind not in {"add_to_cart", "remove_from_cart"}:
        return None
    if not _another_of_several_said(asked):
        return None
    said = [r.text for i in (intent, *intent.secondary) for r in i.products if r.text]
    named = [line for line in added if any(narrow_to([line], text) for text in said[:1])]
    return (named[0]["id"], asked.kind) if len(named) == 1 else None


def chosen_instead(view: RequestView, intent: Intent) -> Intent | None:
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


_NO_VERB = re.compile(r"(?!)")
#: A verb that says the opposite change: the message is a new request, not the answer.
_VERB_AGAINST = {
    "remove_from_cart": re.compile(r"\badd\b"),
    "add_to_cart": re.compile(r"\b(remove|rm|delete|take\b.*\bout)\b"),
}


def which_answered(view: RequestView, intent: Intent) -> Intent | None:
    """The shopper's last message was asked about ("which product do you mean?", nothing
    changed) and this one names a product: the earlier request, on that product. "swap the
    shakers for that", then "the jar": the shakers out, the jar in; "make it three", then
    "the mug": three mugs; "alert me if it drops to 15", then "the candle holder": that alert.
    "The one made of bamboo" names the one of those offered whose name says it."""
    if intent.kind == "search" and intent.query and not intent.products and not intent.sort:
        # "the tank top": read alone as its category asked about, it names the product
        intent = replace(intent, products=(ProductRef(text=intent.query),))
    named = [r for r in intent.products if r.text] or _described(view, intent)
    by_price = (  # "the cheaper one", "just the cheapest": of those it could have been
        not named
        and intent.sort is not None
        and (
            (len(intent.products) == 1 and intent.products[0].anaphora)
            or (intent.kind == "search" and not intent.products and not intent.query)
        )
    )
    if (
        intent.kind
        not in CART_CHANGES | {"product_info", "search", "unknown", "chat", "create_alert"}
        or intent.secondary
        or (len(named) != 1 and not by_price)
        or (len(intent.products) != 1 and not by_price)
        or len(view.user_text.split()) > 6
        or not view.history_texts
        or (view.history_tools and view.history_tools[-1])
        or said_undo(view.history_texts[-1])  # "undo that" with nothing to undo asked nothing
    ):
        return None
    # read as it was meant then: "make it 60" right after alerts were made is an alert's
    asked = understand_once(view.history_texts[-1], False, context_before(view))
    earlier = view.history_texts[-1].lower()
    if _ONE_OF.search(earlier) and _TAKE_OUT.search(earlier) and asked.kind in CART_CHANGES:
        # "remove one of them, I only need one": which one? "the mug": its line comes out
        asked = replace(asked, kind="remove_from_cart", quantity=None, secondary=(),
                        products=(ProductRef(anaphora=True),))  # fmt: skip
    if asked.kind not in CART_CHANGES | {"create_alert", "cross_off_list", "list_quantity"}:
        return None
    if asked.kind == "create_alert" and re.search(r"\bone of (those|them|these)\b", earlier):
        asked = replace(asked, replace_alert=True)  # "one of those should be 14": a change
    if _VERB_AGAINST.get(asked.kind, _NO_VERB).search(view.user_text.lower()):
        return None  # "take one out of which?", then "add 3 mugs": a request of its own
    requests = [asked, *asked.secondary]
    for n, request in enumerate(requests):
        # "add the kitchen one" asked which kitchen one: its category stood for the product
        bare = [r for r in request.products if r.ordinal is None and (
            (r.anaphora and not r.text)
            or (r.text and CATEGORY_WORDS.get(r.text, r.text) == request.category))]  # fmt: skip
        if len(bare) == 1 and len(request.products) == 1 and by_price:
            requests[n] = replace(request, sort=intent.sort)
            return replace(requests[0], secondary=_still_pending(requests[1:]))
        if len(bare) == 1 and len(request.products) == 1 and not request.as_many_as:
            count = bare[0].quantity or named[0].quantity
            requests[n] = replace(request, products=(replace(named[0], quantity=count),))
            return replace(requests[0], secondary=_still_pending(requests[1:]))
    return None


def _still_pending(requests: list[Intent]) -> tuple[Intent, ...]:
    """What of the earlier message is still to do once "which?" is answered: its changes;
    its questions were answered then ("add the one that's 18.99 - is shipping free?")."""
    return tuple(r for r in requests if r.kind in CART_CHANGES | {"create_alert"})


#: "round it down", "round up": the lower or the higher of the two counts offered
_ROUNDED = re.compile(r"\bround(?:ed)?(?: it| that| them)? (down|up)\b")


def count_answered(view: RequestView, intent: Intent) -> Intent | None:
    """ "halve the mugs" with three asked "1 or 2?" (nothing changed); "make it one", "2",
    "round down": that line set to the count said, not whatever "it" was before."""
    rounded = _ROUNDED.search(view.user_text.lower())
    bare = all(r.anaphora and not r.text for r in intent.products)
    counted = intent.kind == "set_quantity" and intent.quantity is not None and bare
    if (
        not (counted or rounded)
        or intent.secondary
        or len(view.user_text.split()) > 6
        or not view.history_texts
        or (view.history_tools and view.history_tools[-1])
    ):
        return None
    asked = understand_once(view.history_texts[-1], False, context_before(view))
    named = [r for r in asked.products if r.text]
    if asked.kind != "set_quantity" or not (asked.divisor or asked.factor) or len(named) != 1:
        return None
    line = cart_line(view, named[0].text or "")
    if line is None:
        return None
    quantity = intent.quantity
    if rounded is not None:  # the two offered: the whole divided, and one more
        low = max(1, line["quantity"] * (asked.factor or 1) // (asked.divisor or 1))
        quantity = low if rounded.group(1) == "down" else low + 1
    return Intent(kind="set_quantity", products=(ProductRef(text=line["id"]),), quantity=quantity)


def whose_answered(view: RequestView, intent: Intent) -> Intent | None:
    """ "my sister's" answering "which gift?" (asked about "take the gift out", nothing
    changed): the earlier request, on that person's gift."""
    # "My sister's - she already has some.": the answer is the first part; why comes after
    # ("Sorry - my sister's present.": past the courtesy, the part naming someone)
    parts = [p for p in re.split(r"\s[-–—]\s|[,.;!]", view.user_text) if p.strip()] or [""]
    answer = next((p for p in parts if people_named([p])), parts[0])
    named = people_named([answer])
    if (
        len(named) != 1
        or intent.kind not in {"unknown", "chat", "product_info", "search", *CART_CHANGES}
        or len(answer.split()) > 5
        or not view.history_texts
        or (view.history_tools and view.history_tools[-1])
    ):
        return None
    asked = understand_once(view.history_texts[-1], False, None)
    refs = (*asked.products, asked.replaces)
    if asked.kind not in CART_CHANGES:
        return None
    if not any(r is not None and names_a_gift(r) for r in refs):
        # "swap it for the candle holder" asked about (which "it"?): "my sister's present"
        if not any(r is not None and r.anaphora and not r.text for r in asked.products):
            return None
        if not gift_lines(view, named[0]):
            return None  # "two sunglasses, for me and my husband": who they are for
        gift = ProductRef(text="gift")
        asked = replace(asked, products=tuple(
            gift if r.anaphora and not r.text else r for r in asked.products))  # fmt: skip
    # what goes in in a swap is theirs too
    later = tuple(
        replace(x, recipient=named[0]) if x.replaces is not None and x.recipient is None else x
        for x in asked.secondary
    )
    return replace(asked, recipient=named[0], secondary=later)


_ONE_OF = re.compile(r"\b(one|either) of (them|those|these|the two|both|the pair)\b")


_TAKE_OUT = re.compile(r"\b(remove|drop|delete|get rid|ditch|take\b.*\bout)\b")


def one_of_several(view: RequestView, intent: Intent) -> Decision | None:
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


#: "the one made of bamboo", "the ones in glass", "the one with the bamboo lid"
_THE_ONE_MADE = re.compile(
    r"\bthe ones? (?:made (?:of|from|out of)|in|with)(?: an?| the)? ([a-z][a-z ]*?)\s*(?:[,.!?-]|"
    r"\bplease\b|\bpls\b|\bthen\b|$)"
)


def _described(view: RequestView, intent: Intent) -> list[ProductRef]:
    """The one product offered whose name holds what the shopper described it by."""
    said = _THE_ONE_MADE.search(view.user_text.lower())
    if said is None or any(r.text for r in intent.products):
        return []
    found = narrow_to(list(view.state.get("recent_products") or []), said.group(1))
    return [ProductRef(text=found[0]["name"])] if len(found) == 1 else []
