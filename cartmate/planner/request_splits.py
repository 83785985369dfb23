"""One clause that holds several requests, as separate intents: an alert per product ("tell
me when the sunglasses go under 15 and the watch under 90"), a swap (a removal, then an add),
a count per product, an add per person it is for ("a watch for my dad and two mugs for my
flatmates"), "the cheaper of X and Y" (weighed first, then the add), "the cheapest
thing in accessories" (found first), "show me my alerts and my cart"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause, analyse_clause
from cartmate.planner.clause_predicates import asks_what_is_left, generic_ref
from cartmate.planner.intent_slots import build_intent, trimmed_ref
from cartmate.planner.intents import (
    Intent,
    ProductRef,
)
from cartmate.planner.recipients import PRONOUNS, recipient_in
from cartmate.planner.text import Token, phrase_at, phrase_table

__all__ = ["split_requests", "with_exclusions"]


def _per_alert(intent: Intent, c: Clause) -> list[Intent]:
    """ "remove the watch alert and the mug alert": one delete_alert per alert named."""
    refs = [p for p in c.refs.products if p.text or p.ordinal is not None]
    if intent.kind != "delete_alert" or len(refs) < 2:
        return [intent]  # "the one for the watch": one alert, the watch's
    return [replace(intent, alert_ref=ref) for ref in refs]


#: Words that start a list of exceptions ("everything except the watch").
_EXCEPT = (("except", "for"), ("except",), ("excluding",), ("besides",), ("apart", "from"),
           ("other", "than"), ("but", "not"), ("save", "for"), ("minus",),
           ("without",))  # fmt: skip
_EXCEPT_TABLE = phrase_table((phrase, ()) for phrase in _EXCEPT)
#: "but" only excludes right after an "all" word ("everything but the mug").
_ALL_WORDS = frozenset({"everything", "all", "them", "both", "those", "these", "lot", "cart",
                        "basket", "else", "anything"})  # fmt: skip


_SUPERLATIVES = frozenset(
    {"cheapest", "priciest", "dearest", "cheaper", "pricier", "dearer", "expensive"}
)
#: What a product is rather than which product: "except black", "anything but kitchen stuff".
_TRAIT_WORDS = (
    lexicon.STYLE_WORDS | lexicon.CATEGORY_WORDS.keys() | lexicon.QUERY_GENERIC
    | {"colour", "color", "coloured", "colored", "stuff", "things", "ones", "products"}
)  # fmt: skip
_ASKS_WHAT = frozenset({"what", "do", "you", "have", "got", "show", "me", "any", "else"})


def _exclusion_at(words: Sequence[str], i: int) -> int:
    """Length of an exception phrase starting at word i, else 0."""
    if words[i] == "but" and i > 0 and words[i - 1] in _ALL_WORDS:
        return 1
    phrase = phrase_at(_EXCEPT_TABLE, words, i) if i > 0 else None
    return len(phrase[0]) if phrase is not None else 0


_SOFT_CUES = frozenset({"FOLLOW", "AFFIRM", "DENY"})  # no request of their own


def with_exclusions(tokens: list[Token]) -> tuple[Clause, tuple[ProductRef, ...]]:
    """The clause without its "except ..." tail, and the products that tail names.

    Only when the rest asks for everything ("all of them", "everything", the whole cart);
    otherwise "except"/"but" are ordinary words and the clause is analysed whole.
    """
    for i in range(1, len(tokens)):
        if tokens[i].text == "not" and tokens[i - 1].text in {",", "but", "and"}:
            # "remove the mug, not the jar", "add the mug but not the jar": what not to do
            # needs nothing done; the request is the part before it.
            head = analyse_clause(tokens[: i - 1])
            if head.has("SEARCH", "RECOMMEND") or (head.category and not head.refs.pronoun):
                # "show me accessories, not the watch": a search that leaves it out
                tail = analyse_clause(tokens[i + 1 :]).refs.products
                if tail and all(p.text for p in tail):
                    return head, tail
            if head.refs.products and any(m.signal not in _SOFT_CUES for m in head.cues):
                return head, ()
    words = [t.text for t in tokens]
    for i in range(len(tokens)):
        n = _exclusion_at(words, i)
        if not n:
            continue
        head = analyse_clause(tokens[:i])
        # "other things for the kitchen except the mug and the jar": a search leaves them out
        tail_words = {t.text for t in tokens[i + n :]} - {"a", "an", "the", ".", "?", "!", ","}
        traits = bool(tail_words) and tail_words <= _TRAIT_WORDS  # "except black", "but kitchen"
        generic = {t.text for t in tokens[:i]} - {".", ",", "?", "!"}
        searched = (
            head.has("SEARCH", "RECOMMEND")
            and (head.category or head.words & lexicon.QUERY_GENERIC or traits)
        ) or (traits and bool(generic) and generic <= lexicon.QUERY_GENERIC | _ASKS_WHAT)
        # "which is the cheapest one that isn't a mug?", "add the cheapest one except the mug"
        ranked = head.has("WHICH_PRICE") or bool(head.words & _SUPERLATIVES)
        if not (
            any(p.all_recent for p in head.refs.products) or head.has("EMPTY") or searched or ranked
        ):
            continue  # "except" in an ordinary request: no need to read the tail
        tail = analyse_clause(tokens[i + n :]).refs.products
        if tail:
            return head, tail
    return analyse_clause(tokens), ()


def _per_swap(intent: Intent, c: Clause) -> list[Intent]:
    """ "swap the mug for the watch", and the correction "not the mug, the jar" (after an
    add): the first product comes out, the others go in. "No, I meant the other one": the
    one in focus comes out, the other one shown goes in; "I meant loafers" likewise."""
    no_the_other = (  # "no, the other one" right after an add: the same as "I meant ..."
        len(intent.products) == 1
        and intent.products[0].other
        and not intent.products[0].text
        and bool(c.words & {"no", "nope", "nah", "wrong"})
    )
    if intent.kind == "remove_from_cart" and (c.has("MEANT_OTHER") or no_the_other):
        added = replace(
            build_intent(c, "add_to_cart", intent.confidence, False),
            products=(ProductRef(other=True),),
            quantity=None,
        )
        return [replace(intent, products=(ProductRef(anaphora=True),), quantity=None), added]
    named = tuple(r for r in intent.products if r.text)
    if intent.kind == "remove_from_cart" and c.has("MEANT") and named:
        # "sorry, I meant loafers" after an add: the product just added comes out, loafers
        # go in (the policy keeps the cart as it is when they are the same product)
        added = replace(build_intent(c, "add_to_cart", intent.confidence, False), products=named)
        return [replace(intent, products=(ProductRef(anaphora=True),), quantity=None), added]
    refs = intent.products
    words = [t.text for t in c.tokens]
    if c.has("SWAP") and len(refs) == 1 and refs[0].text:
        # "swap the mug for that": the one just shown goes in
        at = next((i for i, w in enumerate(words) if w in {"for", "with"}), None)
        if at is not None and set(words[at + 1 :]) & {"that", "this", "it", "that one"}:
            refs = (*refs, ProductRef(anaphora=True))
    corrected = (
        "not" in c.words
        and not c.words & {"or", "nor"}
        and not c.has("REMOVE", "DONT_WANT", "EMPTY")
    ) or ("rather" in c.words and c.has("REMOVE"))  # "take the jar out, I'd rather have X"
    if intent.kind != "remove_from_cart" or not (c.has("SWAP") or corrected) or len(refs) < 2:
        return [intent]
    added = replace(build_intent(c, "add_to_cart", intent.confidence, False), products=refs[1:])
    if len(words) > 1 and words[-2] == "for":
        # "swap the mugs for two jars for them": who the jars are for, not a product
        who = words[-1]
        if who in PRONOUNS or who in lexicon.PEOPLE:
            named_in = [r for r in refs[1:] if not (r.anaphora and not r.text)]
            refs = (refs[0], *named_in) if named_in else refs
            added = replace(added, products=refs[1:], recipient=who)
    counts = [r.quantity for r in refs[1:] if r.quantity]
    added = replace(
        added,
        quantity=counts[0] if len(counts) == 1 else None,
        replaces=refs[0],
        same_count=c.has("SAME_COUNT"),
    )
    return [replace(intent, products=refs[:1], quantity=None), added]


def _per_target(intent: Intent, c: Clause) -> list[Intent]:
    """ "the sunglasses under 15 and the watch under 90": one alert per product and price.

    The clause is cut at "and"/","; when at least two pieces each name a product and a price,
    each piece is its own alert (with the same or its own currency).
    """
    if intent.kind != "create_alert" or len(intent.products) < 2:
        return [intent]
    pieces: list[list[Token]] = [[]]
    for i, token in enumerate(c.tokens):
        if token.text in {"and", ",", "&"} and i not in c.money.used:
            pieces.append([])
        else:
            pieces[-1].append(token)
    alerts: list[Intent] = []
    for piece in pieces:
        part = analyse_clause(piece)
        target = part.money.max_price or part.money.price
        products = tuple(trimmed_ref(p) for p in part.refs.products if not generic_ref(p))
        if target is None or not products:
            continue
        if target.currency is None and alerts and alerts[-1].max_price:
            # "under 15 bucks and the watch under 90": the currency said once holds for both
            target = replace(target, currency=alerts[-1].max_price.currency)
        alerts.append(replace(intent, products=products, max_price=target, price=None))
    return alerts if len(alerts) >= 2 else [intent]


#: "for me", "for myself": the shopper's own, said against another's in the same list
_FOR_SELF = re.compile(r"\bfor (?:me|myself|us|ourselves)\b")


def _per_recipient(intent: Intent, c: Clause) -> list[Intent]:
    """ "a watch for my dad and two mugs for my flatmates": one add per person it is for.

    The clause is cut at "and"/","; a piece that names no product ("one each") stays with the
    one before it. Only when the pieces name at least two people (the shopper counting as one
    when "for me" is said) is each its own add; a piece with no one said is for the person
    said next ("the shakers and the jar for my sister"), or last.
    """
    if intent.kind != "add_to_cart" or len(intent.products) < 2 or not intent.recipient:
        return [intent]
    pieces: list[list[Token]] = [[]]
    for i, token in enumerate(c.tokens):
        if token.text in {"and", ",", "&"} and i not in c.money.used and pieces[-1]:
            pieces.append([])
        else:
            pieces[-1].append(token)
    parts: list[tuple[Clause, str | None]] = []
    for piece in pieces:
        part = analyse_clause(piece)
        said = " ".join(t.text for t in piece)
        person = recipient_in(piece) or ("me" if _FOR_SELF.search(said) else None)
        if not [p for p in part.refs.products if not generic_ref(p)] and parts:
            before, who = parts[-1]  # "one each": of the piece before
            parts[-1] = (analyse_clause([*before.tokens, *piece]), who or person)
        else:
            parts.append((part, person))
    people = {who for _, who in parts} - {None}
    if len(parts) < 2 or len(people) < 2:
        return [intent]
    adds: list[Intent] = []
    for at, (part, who) in enumerate(parts):
        who = (
            who
            or next((w for _, w in parts[at + 1 :] if w), None)
            or next((w for _, w in reversed(parts[:at]) if w), None)
        )
        add = build_intent(part, "add_to_cart", intent.confidence, False)
        if not add.products:
            return [intent]
        adds.append(replace(add, recipient=None if who == "me" else who))
    return adds


def split_requests(intent: Intent, c: Clause) -> list[Intent]:
    """One clause that holds several requests, as separate intents."""
    intent = _count_of_them(intent)
    return [
        i
        for part in _per_alert(intent, c)
        for swapped in _per_swap(part, c)
        for targeted in _per_target(swapped, c)
        for given in _per_recipient(targeted, c)
        for named in _the_cheaper_of_named(given)
        for i in _the_cheapest_of_a_kind(named, _WHOLE_SHOP.search(_said(c)) is not None)
    ] + _both_listings(intent, c)


def _said(c: Clause) -> str:
    return " ".join(t.text for t in c.tokens)


#: "the cheapest thing you sell", "the most expensive item in the shop": of every product
_WHOLE_SHOP = re.compile(
    r"\b(?:you (?:sell|have|stock|carry|got)|in the (?:shop|store|catalog|catalogue)|overall|"
    r"of (?:them )?all|in the whole)\b"
)


def _count_of_them(intent: Intent) -> Intent:
    """ "add the cheaper of the mug and the jar, two of them", "add the cheaper one, three of
    them": the count is of the one chosen, not another product ("them")."""
    refs = intent.products
    last = refs[-1] if refs else None
    if (
        intent.kind != "add_to_cart"
        or intent.sort is None
        or len(refs) < 2
        or last is None
        or not (last.anaphora and not last.text and last.ordinal is None and last.quantity)
        or any(r.quantity for r in refs[:-1])
    ):
        return intent
    kept = refs[:-1]
    if len(kept) == 1:  # "the cheaper one, three of them": three of that one
        kept = (replace(kept[0], quantity=last.quantity),)
    return replace(intent, products=kept, quantity=last.quantity)


def _the_cheapest_of_a_kind(intent: Intent, whole_shop: bool) -> list[Intent]:
    """ "add the cheapest thing in accessories", "add the most expensive kitchen item", "add
    the cheapest thing you sell, two of them": that one found first (a search in price order,
    its first result), then the add acts on it."""
    refs = intent.products
    kind_only = len(refs) == 1 and (
        (refs[0].text and intent.category
         and lexicon.CATEGORY_WORDS.get(refs[0].text.split()[0]) == intent.category)
        or (whole_shop and refs[0].anaphora and not refs[0].text and refs[0].ordinal is None)
    )  # fmt: skip
    if intent.kind != "add_to_cart" or intent.sort is None or not kind_only:
        return [intent]
    quantity = intent.quantity or refs[0].quantity
    find = Intent(kind="search", category=intent.category, sort=intent.sort, limit=1,
                  confidence=intent.confidence)  # fmt: skip
    chosen = replace(intent, products=(ProductRef(anaphora=True, quantity=quantity),),
                     quantity=quantity, sort=None, category=None)  # fmt: skip
    return [find, chosen]


def _the_cheaper_of_named(intent: Intent) -> list[Intent]:
    """ "add the cheaper of the jar and the shakers": which one is cheaper first (the
    products weighed by price), then the add acts on that one."""
    named = [p for p in intent.products if p.text and p.ordinal is None and not p.all_recent]
    if (
        intent.kind != "add_to_cart"
        or intent.sort is None
        or len(named) < 2
        or len(named) != len(intent.products)
    ):
        return [intent]
    quantity = intent.quantity or next((p.quantity for p in named if p.quantity), None)
    weigh = Intent(
        kind="product_info", products=tuple(named), sort=intent.sort,
        confidence=intent.confidence,
    )  # fmt: skip
    chosen = replace(
        intent,
        products=(ProductRef(anaphora=True, quantity=quantity),),
        quantity=quantity,
        sort=None,
    )
    return [weigh, chosen]


def _both_listings(intent: Intent, c: Clause) -> list[Intent]:
    """ "show me my alerts and my cart": the cart too (one clause, two listings)."""
    left = asks_what_is_left(c)
    if intent.kind == "list_alerts" and (c.has("CART") or (c.has("VIEW_CART") and not left)):
        return [Intent(kind="view_cart", confidence=intent.confidence)]
    if intent.kind == "view_cart" and c.has("ALERT_LIST", "ALERT_WORD"):
        return [Intent(kind="list_alerts", confidence=intent.confidence)]
    return []
