"""The requests of one message read together: a remark that only reacts, a price said in
passing, "it" meaning the product an earlier request named ("cancel the loafers alert, I'll
just buy them now"), "the second one. add it", and the same add said twice."""

from __future__ import annotations

from dataclasses import replace

from cartmate.planner import lexicon
from cartmate.planner.analysis import analyse_clause
from cartmate.planner.context_turns import sounds_like_a_product
from cartmate.planner.intent_slots import is_bare_ref
from cartmate.planner.intents import (
    CART_CHANGES,
    ConversationContext,
    Intent,
    ProductRef,
)
from cartmate.planner.text import Token

__all__ = ["is_an_order", "it_said_before", "names_one_shown", "only_names", "refined"]


def is_an_order(tokens: list[Token]) -> bool:
    """ "shakers and a jar pls": products asked for, politely or several at once; what
    follows ("then tell me the total") is a request of its own."""
    c = analyse_clause(tokens)
    return (
        bool(c.words & {"please", "pls", "plz"}) or len([p for p in c.refs.products if p.text]) > 1
    )


def only_names(tokens: list[Token], ctx: ConversationContext) -> bool:
    c = analyse_clause(tokens)
    return (
        all(m.signal == "FOLLOW" for m in c.cues)  # "what about the hairdryer, does it ..."
        and not any(t.is_number for t in tokens)
        and bool(c.refs.products)
        and all(p.text and not p.anaphora for p in c.refs.products)
        and sounds_like_a_product(c, ctx)  # not "changed my mind, clear the lot"
    )


def _price_remark(intent: Intent) -> bool:
    """ "nah too much", "too pricey": a view of the price of what was just shown, no more."""
    return (
        intent.kind == "deal_analysis"
        and intent.price is None
        and all(p.anaphora and not p.text for p in intent.products)
    )


def _pointing(intent: Intent, then: Intent, *, sorted_too: bool = False) -> bool:
    """ "that one then, add it" (or, `sorted_too`, "the cheaper one, add 2"): the reference
    the change that follows acts on."""
    bare = (intent.kind == "product_info" and (intent.sort is not None) == sorted_too
            and not intent.colours
            and all(p.anaphora and not p.text for p in intent.products))  # fmt: skip
    return bare and all(p.anaphora and not p.text for p in then.products)


def _reaction(intent: Intent) -> bool:
    """ "love it", "hate it": a feeling about what was shown, with no taste named."""
    return (
        intent.kind == "style_statement"
        and not intent.likes
        and not intent.dislikes
        and all(p.anaphora and not p.text for p in intent.products)
    )


def refined(intents: list[Intent]) -> list[Intent]:
    """Folds a request that only adds details into the one before it.

    "a watch for my husband... budget is around $100" is one search for a watch under $100;
    "track the hairdryer, tell me if it hits 20" is one alert at 20.
    """
    out: list[Intent] = []
    for intent in intents:
        prev = out[-1] if out else None
        if (
            prev
            and prev.kind == intent.kind == "search"
            and intent.relative in {"cheaper", "pricier"}
            and prev.query is None
            and prev.category is None
            and not prev.products
            and prev.max_price is None
            and prev.min_price is None
        ):
            # "hmm it's pricey. anything cheaper in accessories?": the remark is the reason
            out[-1] = intent
            continue
        if (
            prev
            and prev.kind == intent.kind == "delete_alert"
            and intent.alert_ref is not None
            and intent.alert_ref.anaphora
            and not intent.alert_ref.text
        ):
            continue  # "I don't need the alert anymore, delete it": one cancellation
        if (
            prev
            and prev.kind == intent.kind == "search"
            and intent.excluded
            and prev.query is None
            and prev.category is None
            and not prev.excluded
        ):
            out[-1] = intent  # "what have you got? anything but kitchen stuff": one search
            continue
        if (
            prev
            and prev.kind == "style_statement"
            and prev.forget
            and intent.kind == "remove_from_cart"
            and all(p.anaphora and not p.text for p in intent.products)
        ):
            continue  # "I don't mind beige after all - forget that too": the taste, no line
        if prev and intent.kind in CART_CHANGES and _pointing(prev, intent, sorted_too=True):
            # "the cheaper one, add 2": the add acts on the cheaper of those shown
            out[-1] = replace(intent, sort=prev.sort)
            continue
        if (
            prev
            and intent.kind in CART_CHANGES
            and (_price_remark(prev) or _reaction(prev) or _pointing(prev, intent))
        ):
            # "nah too much. add the cheaper one", "love it, add the first two": the remark
            # is the reason for the change, not a request of its own
            out[-1] = intent
            continue
        if (
            prev
            and (intent.kind == "create_alert" or intent.kind in CART_CHANGES)
            and prev.kind == "search"
            and prev.relative == "cheaper"
            and prev.query is None
            and prev.category is None
        ):
            # "bit pricey. tell me when it's under 90 dollars": the price is why they wait;
            # "that's more than I wanted. take two mugs off": why the cart changes
            out[-1] = intent
            continue
        if (
            prev
            and prev.kind == intent.kind == "create_alert"
            and prev.max_price is None
            and prev.drop_percent is None
            and (intent.max_price is not None or intent.drop_percent is not None)
            and all(p.anaphora and not p.text for p in intent.products)
        ):
            # "track the hairdryer, tell me if it hits 20" (or "drops 10%"): one alert
            out[-1] = replace(prev, max_price=intent.max_price, drop_percent=intent.drop_percent)
            continue
        budget = prev and (prev.max_price if _budget_only(prev) else
                           prev.price if prev.kind == "unknown" else None)  # fmt: skip
        if prev and intent.budget_check and intent.max_price is None and budget:
            # "I've only got 100 dollars. is that enough for the watch?": that budget
            out[-1] = replace(intent, max_price=budget)
            continue
        if prev and intent.kind == "search" and _budget_only(prev):
            # "my budget is 50 dollars, show me kitchen stuff": one search, within it
            out[-1] = replace(
                intent,
                max_price=intent.max_price or prev.max_price,
                min_price=intent.min_price or prev.min_price,
            )
            continue
        if (
            prev
            and prev.kind == intent.kind == "search"
            and prev.relative == "cheaper"
            and prev.query is None
            and (intent.max_price or intent.min_price)
        ):
            # "hmm bit pricey, anything under 15 dollars?": the budget says how much cheaper
            out[-1] = intent
            continue
        if prev and prev.kind == intent.kind == "search" and intent.query is None:
            out[-1] = replace(
                prev,
                max_price=prev.max_price or intent.max_price,
                min_price=prev.min_price or intent.min_price,
                sort=prev.sort or intent.sort,
                category=prev.category or intent.category,
                colours=tuple(dict.fromkeys(prev.colours + intent.colours)),
            )
        else:
            out.append(intent)
    if len(out) > 1 and any(i.kind in CART_CHANGES for i in out):
        # "over budget, I want to stay under 50. lose the shakers": the budget is the reason
        # for the cart change, not a search of its own
        out = [i for i in out if not _budget_only(i)] or out
    return out


def it_said_before(intents: list[Intent]) -> list[Intent]:
    """ "cancel the loafers alert, I'll just buy them now": a request that only says "them"
    acts on the one product an earlier request of the message named."""
    out: list[Intent] = []
    named: str | None = None
    for intent in intents:
        refs = intent.products
        bare = (
            len(refs) == 1
            and refs[0].anaphora
            and not (refs[0].text or refs[0].ordinal or refs[0].all_recent or refs[0].other)
        )
        if (
            bare
            and intent.kind == "add_to_cart"
            and refs[0].quantity is None
            and out
            and out[-1].kind == "add_to_cart"
            and all(r.anaphora and not r.text for r in out[-1].products)
        ):
            continue  # "I'll just buy one pair now. Please add them.": that add, said again
        taken_out = bool(out) and out[-1].kind == "remove_from_cart" and intent.kind in {
            "add_to_cart", "set_quantity"}  # fmt: skip
        if (
            named
            and intent.kind in CART_CHANGES
            and intent.replaces is None  # "swap the mug for that": that is not the mug
            and not taken_out  # "take the mugs out and add one of those": not the mugs
            and len(refs) == 1
            and refs[0].anaphora
            and not (refs[0].text or refs[0].ordinal or refs[0].all_recent or refs[0].other)
        ):
            if (
                intent.kind == "add_to_cart"
                and refs[0].quantity is None
                and out
                and out[-1].kind == "add_to_cart"
                and [r.text for r in out[-1].products] == [named]
            ):
                # "I'll go with the loafers then. Please add a pair.": that add, said again
                continue
            intent = replace(intent, products=(replace(refs[0], text=named, anaphora=False),))
        if (
            intent.kind == "add_to_cart"
            and out
            and out[-1].kind == "add_to_cart"
            and intent.products
            and intent.products == out[-1].products
            and all(r.text and r.quantity is None for r in intent.products)
        ):
            continue  # "I'll just buy the hairdryer now. Please add it": one add, said twice
        bare = [r for r in intent.products if is_bare_ref(r)]
        if named and intent.kind == "product_info" and len(bare) == 1 == len(refs):
            # "I love the watch, how much is it?": it = the watch
            intent = replace(intent, products=(ProductRef(text=named),))
        if named and intent.kind == "product_info" and len(bare) == 1 and len(refs) > 1:
            # "which category is the watch in, and is it cheaper than the loafers?": it = the
            # watch, weighed against the loafers
            at = intent.products.index(bare[0])
            products = list(intent.products)
            products[at] = ProductRef(text=named)
            intent = replace(intent, products=tuple(products))
        said = [r.text for r in intent.products if r.text]
        if intent.alert_ref is not None and intent.alert_ref.text:
            said.append(intent.alert_ref.text)
        if intent.kind == "style_statement" and not intent.dislikes:
            # a liking of one thing, not of a style: "I love the watch" (not "I love black")
            said += [w for w in intent.likes if w.split()[-1] not in lexicon.STYLE_WORDS]
        named = said[-1] if len(said) == 1 else (None if said else named)
        out.append(intent)
    return _pointed_then_it(out)


def _pointed_then_it(intents: list[Intent]) -> list[Intent]:
    """ "the second one. add it": "it" is the one pointed at just before (the look at it is
    then the add alone)."""
    out: list[Intent] = []
    for intent in intents:
        refs = intent.products
        before = out[-1] if out else None
        pointed = before.products if before is not None else ()
        if (
            before is not None
            and before.kind in {"product_info", "search", "unknown"}
            and len(pointed) == 1
            and pointed[0].ordinal is not None
            and not pointed[0].text
            and intent.kind in CART_CHANGES
            and len(refs) == 1
            and is_bare_ref(refs[0])
        ):
            out[-1] = replace(intent, products=(replace(pointed[0], quantity=refs[0].quantity),))
            continue
        out.append(intent)
    return out


def names_one_shown(intent: Intent, ctx: ConversationContext) -> bool:
    """A remark that names one of the products just shown ("the candle holders would be nice
    on the tables"), not something else ("tea lights it is")."""
    named = [r.text for r in intent.products if r.text]
    if len(named) != 1:
        return False
    # word for word (no synonyms: "tea lights" are not the candle holder they go in)
    said = {w.rstrip("s") for w in named[0].split()}
    return any(said <= {w.rstrip("s") for w in n.lower().split()} for n in ctx.recent_product_names)


def _budget_only(intent: Intent) -> bool:
    return (
        intent.kind == "search"
        and intent.query is None
        and intent.category is None
        and not intent.colours
        and intent.sort is None
        and (intent.max_price is not None or intent.min_price is not None)
    )
