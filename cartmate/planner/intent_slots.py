"""One clause's request as an `Intent`: its kind (decided by `decide`) and its slots, the
products mentioned (with counts, ordinals, "it", "all of them", "the other one"), the
quantity, price bounds and currency, query, category, colours, sort order, tastes, and what
is relative to what was shown ("any cheaper ones?")."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Literal

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause
from cartmate.planner.clause_predicates import (
    YES_NO,
    either_or,
    generic_ref,
    same_again,
    within_what_is_left,
)
from cartmate.planner.intents import (
    ConversationContext,
    Intent,
    IntentKind,
    PriceLimit,
    ProductRef,
)
from cartmate.planner.recipients import GIFT_NOUNS, recipient_in, recipients_in

__all__ = ["is_bare_ref", "build_intent", "trimmed_ref"]
#: Kinds that act on products: with no product said, they act on "it" (the focus).
_NEEDS_PRODUCT = frozenset({"add_to_cart", "remove_from_cart", "set_quantity", "product_info",
                            "compare_prices", "deal_analysis", "create_alert"})  # fmt: skip
#: Kinds whose `products` are filled in.
_CARRY_PRODUCTS = _NEEDS_PRODUCT | {"complements", "style_statement", "show_style", "affirm",
                                    "deny", "view_cart", "list_alerts"}  # fmt: skip
#: Kinds whose `quantity` is filled in.
_COUNTED = frozenset({"add_to_cart", "remove_from_cart", "set_quantity"})
_NOUNS = lexicon.SHOPPING_NOUNS - lexicon.QUERY_GENERIC
_ATTRIBUTES = lexicon.STYLE_WORDS | lexicon.CATEGORY_WORDS.keys()
_PLURAL_ALERTS = frozenset({"alerts", "notifications", "reminders"})
#: Kinds that can leave products out ("everything except the watch").
#: Words that make an amount said about the cart a budget ("keep it under 60 total").
_BUDGET_SAID = frozenset({"budget", "keep", "total", "spend", "limit"})


_GIFTS = frozenset({"gift", "gifts", "present", "presents", "pressie", "pressies"})
_LOOKS = lexicon.COLOURS | lexicon.STYLE_WORDS  # what a taste is, not what a product is
#: Someone other than the shopper whose taste a search may be for.
_SOMEONE = lexicon.PEOPLE - {"myself"} | frozenset({"he", "she", "him", "his", "her", "hers"})


def _query(c: Clause) -> str | None:
    words = [w for w in c.content_words if w not in lexicon.QUERY_GENERIC]
    if any(w in lexicon.SHOPPING_NOUNS and w not in _GIFTS for w in words):
        # "a birthday present for my dad, he loves gold watches": the watches are the search
        words = [w for w in words if w not in lexicon.OCCASIONS | _GIFTS]
    elif set(words) & _GIFTS and set(words) <= lexicon.OCCASIONS | _GIFTS:
        # "a gift for my dad", "birthday presents under 25": any product can be a present,
        # so everything (within the budget) is shown, not what a description calls a present
        words = []
    return " ".join(words) or None


#: The start of a question about what the product talked about is ("are those glass?").
_IS_THAT = [
    [verb, pronoun] for verb in ("is", "are") for pronoun in ("this", "that", "these", "those")
]


def _attribute(ref: ProductRef) -> bool:
    """A mention made only of attributes or categories ("cotton", "black leather", "shoes")."""
    words = (ref.text or "").split()
    return bool(words) and all(w in _ATTRIBUTES for w in words)


def trimmed_ref(ref: ProductRef) -> ProductRef:
    """Drops words after the last shopping noun: "watch waterproof" -> "watch". A generic
    noun at either end goes first: "the hair drying thing" is "hair drying" (a description)."""
    words = (ref.text or "").split()
    if len(words) > 1 and lexicon.QUERY_GENERIC & {words[0], words[-1]}:
        while len(words) > 1 and words[-1] in lexicon.QUERY_GENERIC:
            words.pop()
        while len(words) > 1 and words[0] in lexicon.QUERY_GENERIC:
            words.pop(0)  # "the thing you drink coffee from"
        return replace(ref, text=" ".join(words))
    nouns = [i for i, w in enumerate(words) if w in _NOUNS or w.rstrip("s") in _NOUNS]
    if not nouns or nouns[-1] == len(words) - 1:
        return ref
    return replace(ref, text=" ".join(words[: nouns[-1] + 1]))


def _products(c: Clause, kind: IntentKind, quantity: int | None) -> tuple[ProductRef, ...]:
    """The products a kind acts on; an action that names none acts on "it" (the focus)."""
    if kind not in _CARRY_PRODUCTS:
        return ()
    products = tuple(trimmed_ref(p) for p in c.refs.products if not generic_ref(p))
    if any(p.text and p.text.split()[-1] in lexicon.PLACE_NOUNS for p in products):
        # "saw them for 80 at a market stall": where, not what
        kept = tuple(
            p for p in products if not (p.text and p.text.split()[-1] in lexicon.PLACE_NOUNS)
        )
        products = kept or products
    words = [t.text for t in c.tokens]
    if kind == "product_info" and words[:1] and words[0] in YES_NO and "?" in words:
        if c.words & {"it", "they", "them"} and not any(p.ordinal for p in c.refs.products):
            # "is it real gold?", "can I keep coffee in it?": what is asked about it is no
            # product of its own; "do the shakers grind, or do they just shake?": they are
            # the shakers named with "the"
            named = tuple(p for p in products if p.text and _determined(words, p.text))
            return named[:1] or (ProductRef(anaphora=True),)
        # "are the shakers glass?": what it is asked to be is no part of its name
        products = tuple(_without_asked_material(p) for p in products)
    of_those = any(words[i : i + 2] in (["of", "those"], ["of", "them"], ["of", "these"])
                   for i in range(len(words) - 1))  # fmt: skip
    if of_those and any(p.ordinal for p in products):
        # "the second of those": that one, "those" is the list it is counted in
        products = tuple(p for p in products if not (p.anaphora and not p.text and not p.ordinal))
    named = [p for p in products if p.text]
    back = [p for p in products if p.anaphora and not p.text and p.ordinal is None]
    if kind == "product_info" and len(named) > 1:
        # "is the hairdryer ok for travel?": what it is for is no second product
        kept = tuple(p for p in products if not (p.text and _purpose(c, p.text)))
        products, named = kept, [p for p in kept if p.text]
    if back and named and kind in _COUNTED and not c.has("SWAP"):
        # "double it, they are for the office": who or what it is for is no product; "add
        # it, it's a present for my dad": nor is what it is said to be
        said_of_it = {p.text for p in named if _purpose(c, p.text) or _said_to_be(c, p.text)}
        kept = tuple(p for p in products if p.text not in said_of_it)
        products, named = kept, [p for p in kept if p.text]
    everyone = _for_all(c) if kind == "add_to_cart" and len(named) == 1 else None
    if everyone is not None:
        # "the sunglasses for all three": one each, three of them
        return (replace(named[0], quantity=everyone),)
    more = _more_of_the_same(c) if kind == "add_to_cart" and len(named) == 1 else None
    if more is not None:
        # "a mug for me and another one for my flatmate": two mugs
        return (replace(named[0], quantity=(named[0].quantity or 1) + more),)
    if len(named) == 1 and back and products[0] is named[0]:
        if any(p.quantity for p in back):
            # "mugs for the office, like six of them": "them" is the mugs just named
            count = next(p.quantity for p in back if p.quantity)
            products = (replace(named[0], quantity=named[0].quantity or count),)
        elif (
            c.words & {"they", "them", "it", "that", "this", "those", "these", "ones", "yours"}
            and "one" not in c.words
            and not c.has("PRICE_GAP")  # "how much more is it than the loafers?": both
            and not c.has("SWAP")  # "swap the watch for those": those are what was shown
        ):
            # "the loafers, are they available?": they = the loafers; "remove the watch,
            # that's too pricey": that = the watch
            products = (named[0],)
    if kind == "product_info" and any(m.startswith(("does", "do ")) for m in c.matched("INFO")):
        # "does it have more than one heat setting?": what it has is asked, no product;
        # "what about the hairdryer, does it have ...?": the hairdryer, named before
        named_first = [p for p in products if p.text][:1] if len(named) > 1 else []
        products, named = tuple(named_first) or (ProductRef(anaphora=True),), named_first
    if (
        kind == "product_info"
        and len(products) == 1
        and _attribute(products[0])
        and [t.text for t in c.tokens[:2]] in _IS_THAT
    ):
        # "are those glass?", "is that leather?": a material or colour asked of the product
        # talked about ("those" is the product, not a determiner of "glass")
        products, named = (ProductRef(anaphora=True),), []
    pointed = [p for p in products if p.ordinal is not None and not p.text]
    if len(pointed) == 1 and not named and back and products[0] is pointed[0]:
        # "the second one looks nice, how much is it in pounds?": it = the second one
        if c.words & {"they", "them", "it", "that", "this"} and not c.has("PRICE_GAP"):
            products = (pointed[0],)
    if any((p.text and not _attribute(p)) or (p.anaphora and not p.text) for p in products):
        # ... or "got them in gold?": "them" is the product, gold what is asked of it
        # "is the tank top made of cotton?", "what accessories go with it?"
        products = tuple(p for p in products if not _attribute(p))
    if kind == "product_info" and len(products) > 1 and either_or(c, ConversationContext()):
        products = products[:1]  # "the glass is dark or clear?": the glass; the rest is asked
    if kind in {"style_statement", "show_style"}:
        products = tuple(p for p in products if not p.text)  # "I love it", "does it suit me"
    if kind == "view_cart" and c.category:
        # "how much is the kitchen stuff in my cart": the category's lines, no product
        known = lexicon.CATEGORY_WORDS.keys() | lexicon.QUERY_GENERIC
        products = tuple(p for p in products if not set((p.text or "x").split()) <= known)
    if products:
        return products
    if kind in _NEEDS_PRODUCT and not c.has("CART"):
        return (ProductRef(anaphora=True, quantity=None if kind == "set_quantity" else quantity),)
    if kind == "style_statement" and c.refs.pronoun:
        return (ProductRef(anaphora=True),)
    return ()


def _for_all(c: Clause) -> int | None:
    """ "for all three", "for the 3 of them": how many people one each goes to."""
    t = c.tokens
    for i in range(len(t) - 2):
        if t[i].text == "for" and t[i + 1].text in {"all", "the"} and t[i + 2].is_number:
            return int(t[i + 2].value or 0) or None
    return None


def _purpose(c: Clause, mention: str) -> bool:
    """ "... for the office", "ok to take travelling": the mention is said right after "for"
    (and a determiner) or "to take"/"to use"."""
    words, said = [t.text for t in c.tokens], mention.split()
    for i in range(len(words) - len(said) + 1):
        if words[i : i + len(said)] == said:
            j = i - 1
            while j >= 0 and words[j] in {"the", "my", "our", "a", "an", "her", "his", "their"}:
                j -= 1
            if j >= 0 and words[j] == "for":
                return True
            if j >= 1 and words[j] in {"take", "bring", "use", "wear"} and words[j - 1] == "to":
                return True  # "ok to take travelling?": what it is for
    return False


_MATERIALS = frozenset(
    "glass metal steel wood wooden bamboo leather suede plastic ceramic cotton silk wool "
    "acrylic real solid genuine".split()
)  # fmt: skip


def _without_asked_material(ref: ProductRef) -> ProductRef:
    said = (ref.text or "").split()
    if len(said) > 1 and (said[-1] in _MATERIALS or said[-1] in lexicon.COLOURS):
        return replace(ref, text=" ".join(said[:-1]))
    return ref


def _determined(words: list[str], mention: str) -> bool:
    """The mention comes after "the", "this", "my"... ("the salt and pepper shakers")."""
    first = mention.split()[0]
    return any(
        w.split()[:1] == [first] and i and words[i - 1] in _DETERMINERS for i, w in enumerate(words)
    )


_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "my", "your", "our"})


def _said_to_be(c: Clause, mention: str) -> bool:
    """The mention follows "it is a" / "they are" / "that's a": what "it" is, not a product
    to act on ("add it, it's a present for my dad")."""
    words, said = [t.text for t in c.tokens], mention.split()
    for i in range(2, len(words) - len(said) + 1):
        if words[i : i + len(said)] == said:
            j = i - 1 - (words[i - 1] in {"a", "an", "the", "my", "our"})
            if j >= 1 and words[j] in {"is", "are"} and words[j - 1] in _SUBJECTS:
                return True
    return False


_SUBJECTS = frozenset({"it", "that", "this", "they", "those", "these"})


#: What may follow the count of "and another one for my flatmate" (no product of its own).
_MORE_WORDS = frozenset({"one", "ones", "more", "of", "them", "those", "it", "too", "as", "well"})


def _more_of_the_same(c: Clause) -> int | None:
    """The count in "..., and another one (for my flatmate)", "plus 2 more", "and one for
    me": more of the one product the clause named, said after it with none of its own."""
    t = c.tokens
    for i in range(1, len(t) - 1):
        if t[i].text not in {"and", "plus", "+", "&"} or t[i + 1].value is None:
            continue
        rest = t[i + 2 :]
        if "for" in (r.text for r in rest):  # "for my flatmate": who it is for
            rest = rest[: [r.text for r in rest].index("for")]
        if all(r.text in _MORE_WORDS or not r.is_word for r in rest) and (
            rest or any(r.text == "for" for r in t[i + 2 :])
        ):
            return int(t[i + 1].value)
    return None


def _quantity(c: Clause, kind: IntentKind) -> int | None:
    times = [t.value for t in c.tokens if t.multiplier and t.value]
    if times and kind == "add_to_cart" and len(c.refs.products) <= 1:
        return int(times[-1])  # "ad that 1 x3": that one, three times
    free, refs = c.refs.free_numbers, [p.quantity for p in c.refs.products if p.quantity]
    if kind == "set_quantity":
        said = _said_not_other(c)
        return said if said is not None else free[-1] if free else (refs[-1] if refs else None)
    if len(refs) == 1 and not free:
        return refs[0]
    return free[0] if free and not refs else None


def _said_not_other(c: Clause) -> int | None:
    """ "3 not 2", "three, not two": the number before "not" is the one meant."""
    t = c.tokens
    for i in range(len(t) - 2):
        after = t[i + 2] if t[i + 1].text == "not" else None
        if after is None and t[i + 1].text == "," and i + 3 < len(t) and t[i + 2].text == "not":
            after = t[i + 3]
        if t[i].value is not None and after is not None and after.value is not None:
            return int(t[i].value)
    return None


def _alert_ref(c: Clause) -> ProductRef:
    products = [p for p in c.refs.products if p.text] or list(c.refs.products)
    if products:  # "the one for the watch": the watch's
        return products[0]
    if c.refs.free_numbers:  # "delete alert 2"
        return ProductRef(ordinal=c.refs.free_numbers[0])
    plural = bool(c.words & _PLURAL_ALERTS) or "all" in c.words or "every" in c.words
    return ProductRef(all_recent=True) if plural else ProductRef(anaphora=True)


#: "something else", "other options", "show me different ones": not what was just shown.
_OTHER_WORDS = frozenset({"else", "other", "others", "different", "alternatives", "alternative"})


def _only_the_category(intent: Intent) -> bool:
    """The search's words are only its category's ("accessories")."""
    words = (intent.query or "").split()
    return (
        intent.category is not None
        and bool(words)
        and all(lexicon.CATEGORY_WORDS.get(w) == intent.category for w in words)
    )


def _relative(c: Clause) -> Literal["cheaper", "pricier", "other"] | None:
    """ "any cheaper ones?", "something less expensive", "a pricier option", "something
    else": a comparison with nothing to compare with but what was just shown."""
    words = [t.text for t in c.tokens]
    pairs = set(zip(words, words[1:], strict=False))
    if "cheaper" in words or ("less", "expensive") in pairs or ("more", "affordable") in pairs:
        return "cheaper"
    if {"pricier", "fancier"} & set(words) or ("more", "expensive") in pairs:
        return "pricier"
    if _OTHER_WORDS & set(words):
        return "other"
    return None


_ONE_THING = frozenset({"thing", "one", "item", "product", "gift", "present"}) | frozenset(
    # "your cheapest accessory", "the priciest top": a category's singular names one product
    w for w in lexicon.CATEGORY_WORDS if w + "s" in lexicon.CATEGORY_WORDS or (
        w.endswith("y") and w[:-1] + "ies" in lexicon.CATEGORY_WORDS)
)  # fmt: skip
_A_LIST = frozenset({"things", "ones", "items", "products", "stuff", "first", "gifts", "some"})


#: Words around a new price bound said alone: "and over 50?", "what about under 20 euros?".
_NEW_BOUND_ONLY = frozenset({"and", "or", "what", "how", "about", "?", ".", "then", "ones"})


def _one_asked_for(c: Clause) -> bool:
    """ "the cheapest thing you've got", "your priciest item": one product, not a list."""
    return bool(c.words & _ONE_THING) and not c.words & _A_LIST


#: Requests that may be for someone else ("add the loafers for my dad").
_FOR_SOMEONE = frozenset({"add_to_cart", "remove_from_cart", "set_quantity", "view_cart"})


def build_intent(c: Clause, kind: IntentKind, confidence: float, image: bool) -> Intent:
    """The `Intent` of one clause, with the slots its kind uses."""
    quantity = _quantity(c, kind) if kind in _COUNTED else None
    if quantity == 0 and (kind == "set_quantity" or (kind == "add_to_cart" and not c.has("ADD"))):
        # "set the jar to zero", "I want none of the candles": take it out. An explicit
        # "add 0 mugs" stays an add of zero, which the cart refuses: never a silent removal.
        kind, quantity = "remove_from_cart", None
    money = c.money
    max_price = money.max_price
    if kind in {"search", "create_alert", "set_budget"} and max_price is None:
        max_price = money.price  # a bare amount is a budget / a target
    confidence = max(0.5, confidence - 0.05 * c.fuzzy_count) if confidence >= 0.5 else confidence
    intent = Intent(
        kind=kind,
        same_again=kind == "add_to_cart" and same_again(c, ConversationContext()),
        same_count=kind == "add_to_cart" and c.has("SAME_COUNT"),
        recipient=recipient_in(c.tokens) if kind in _FOR_SOMEONE else None,
        products=_products(c, kind, quantity),
        quantity=quantity,
        query=_query(c) if kind in {"search", "unknown", "analyse_style"} else None,
        category=c.category,
        colours=c.colours,
        max_price=max_price,
        min_price=money.min_price,
        price=money.price,
        sort=c.sort,
        currency=money.currency,
        likes=c.likes if kind == "style_statement" else (),
        dislikes=c.dislikes if kind == "style_statement" else (),
        about_cart=(
            c.has("CART", "CART_TO")
            or (c.has("VIEW_CART") and kind == "compare_prices")  # "is anything in my cart ..."
        )
        and kind in {"complements", "compare_prices", "deal_analysis"},
        has_image=image,
        confidence=round(confidence, 2),
    )
    if kind == "view_cart" and intent.recipient:
        # "how much are dad's presents?": his lines, not a product called "presents"; "the
        # presents for dad and my cousin": both theirs ("dad and cousin")
        kept = tuple(p for p in intent.products if p.text not in GIFT_NOUNS and p.text)
        intent = replace(intent, products=kept, recipient=" and ".join(recipients_in(c.tokens)))
    if kind in {"remove_from_cart", "set_quantity"} and intent.sort and not intent.products:
        # "take the dearest thing out of my cart": that one of the cart's lines
        intent = replace(intent, products=(ProductRef(anaphora=True),))
    than = [trimmed_ref(p) for p in c.refs.products if p.text and not generic_ref(p)]
    than = than if "than" in c.words else []
    words = [t.text for t in c.tokens]
    asks_if = bool(words) and words[0] in YES_NO
    if kind == "search" and than and _relative(c) in {"cheaper", "pricier"} and asks_if:
        # "is the watch cheaper than the loafers?", "is it cheaper than the loafers?": the two
        # weighed by price, not a search
        subject = than[:-1] or [ProductRef(anaphora=True)]
        cheap = _relative(c) == "cheaper"
        intent = replace(intent, kind="product_info", products=(subject[0], than[-1]),
                         sort="price_asc" if cheap else "price_desc", query=None,
                         category=None)  # fmt: skip
    elif kind == "search" and than and _relative(c) in {"cheaper", "pricier"}:
        # "u got anything cheaper than the shakers": below the shakers' price, not shakers
        intent = replace(intent, relative=_relative(c), products=tuple(than[:1]), query=None,
                         sort=None)  # fmt: skip
    elif kind == "search" and c.has("REJECT_SHOWN"):
        intent = replace(intent, relative="other", query=None, products=())
    elif kind == "product_info" and c.has("WHICH_PRICE"):
        # "which one is cheaper?": the cheapest (or dearest) of those shown, or of those named
        cheap = bool(c.words & {"cheaper", "cheapest", "less", "least"})
        intent = replace(intent, sort="price_asc" if cheap else "price_desc")
    elif kind == "search" and c.has("TOO_DEAR"):
        intent = replace(intent, relative="cheaper", query=None, products=(), sort=None)
    elif (
        kind == "search"
        and (intent.query is None or _only_the_category(intent))
        and not (intent.max_price or intent.min_price)
    ):
        relative = _relative(c)
        if relative is not None:  # "anything cheaper in accessories?": the category stays
            intent = replace(intent, query=None)
        if relative is None and intent.sort and c.words & {"ones", "those", "them", "these"}:
            relative = "narrow"  # "sort those by price, highest first": the same list
        intent = replace(intent, relative=relative)
    elif kind == "search" and intent.query is None and c.words & {"ones", "those", "them", "only"}:
        intent = replace(intent, relative="narrow")  # "just the ones between 10 and 20"
    elif (
        kind == "search"
        and intent.query is None
        and intent.category is None
        and not intent.products
        and [t.text for t in c.tokens[:1]] in (["and"], ["or"], ["what"], ["how"])
        and c.words <= _NEW_BOUND_ONLY | {c.tokens[i].text for i in c.money.used}
    ):
        intent = replace(intent, relative="narrow")  # "and over 50?": the last search, over 50
    if kind == "search" and intent.sort and _one_asked_for(c):
        intent = replace(intent, limit=1)  # "what's the cheapest thing you've got?"
    if kind in {"product_info", "view_cart"} and c.has("AFFORD"):
        # "can I afford the loafers and the watch with 200 dollars?": the budget to check
        said = money.price or money.max_price
        if said is None and c.refs.free_numbers:  # "would 100 cover the loafers?"
            said = PriceLimit(Decimal(c.refs.free_numbers[0]))
        intent = replace(intent, max_price=said, budget_check=True)
    if kind == "search" and within_what_is_left(c, ConversationContext()):
        intent = replace(intent, budget_check=True, query=None)  # within what is left
    if kind == "view_cart" and not intent.budget_check and c.words & _BUDGET_SAID:
        # "I'm trying to keep it under 60 dollars total. Am I?": the cart against it
        said = money.max_price or money.price
        if said is not None:
            intent = replace(intent, max_price=said, budget_check=True)
    if kind == "product_info" and c.has("PRICE_GAP"):
        intent = replace(intent, price_gap=True)
        named = [p for p in intent.products if p.text]
        if not named:
            # "how much is the difference?" after two were compared: those two
            intent = replace(intent, products=(ProductRef(ordinal=1), ProductRef(ordinal=2)))
        elif len(named) == 1 and len(intent.products) == 1:
            # "how much more is the mug?", "how much would I save going for the loafers?":
            # against the other one just talked about
            intent = replace(intent, products=(named[0], ProductRef(other=True)))
    if kind == "search" and (c.likes or c.dislikes) and c.words & _SOMEONE:
        # "a gift for my brother, he's into black and hates silver": his taste ranks this
        # search (never recorded as the shopper's); the words are no product to look for
        tastes = {w for t in (*c.likes, *c.dislikes) for w in t.split()}
        nouns = lexicon.SHOPPING_NOUNS - _LOOKS
        kept = [w for w in (intent.query or "").split() if w not in tastes or w in nouns]
        intent = replace(intent, likes=c.likes, dislikes=c.dislikes, query=" ".join(kept) or None)
    if (
        (kind == "search" and c.has("STYLE_PICK", "SUITS"))
        or (kind == "product_info" and c.has("SUITS", "STYLE_PICK"))  # "would the watch suit me?"
        or (kind == "search" and c.has("RECOMMEND") and "me" in c.words)
    ):
        intent = replace(intent, for_shopper=True)  # "what would you recommend for me?"
    if kind == "search" and c.has("WHICH_BETTER"):
        intent = replace(intent, among_shown=True, limit=1)  # the best fit of those shown
    elif kind == "search" and c.has("STYLE_PICK") and "which" in c.words and not c.category:
        # "which of these is more me?": the best fit, by the profile, of those just shown
        intent = replace(intent, among_shown=True, limit=1, query=None)
    negative = [t.value for t in c.tokens if t.value is not None and t.value < 0]
    if kind in _COUNTED and negative:
        intent = replace(intent, quantity=int(negative[0]))  # "add -2 jars": refused, not 2
    if kind == "product_info" and c.has("INCREASE") and len(c.refs.free_numbers) == 1:
        # "how much would 4 more of them cost?": the price of that many
        count = int(c.refs.free_numbers[0])
        intent = replace(
            intent,
            products=tuple(replace(p, quantity=p.quantity or count) for p in intent.products),
        )
    if kind == "set_quantity" and c.has("HALVE"):
        intent = replace(intent, divisor=2, quantity=None)
    if kind == "set_quantity" and c.has("MULTIPLY"):
        factor = 3 if "triple" in c.words else 4 if "quadruple" in c.words else 2
        intent = replace(intent, factor=factor, quantity=None)
    if kind == "delete_alert":
        intent = replace(intent, alert_ref=_alert_ref(c), products=(), quantity=None)
    if kind == "create_alert":
        # "15% cheaper" is the target, not "the cheapest one" of what was shown
        intent = replace(intent, sort=None, quantity=None)
        if intent.max_price is None and money.percent is None and c.refs.free_numbers:
            # "change the hairdryer one to 18": a bare number is the new target
            amount = Decimal(c.refs.free_numbers[-1])
            intent = replace(intent, max_price=PriceLimit(amount))
        words = [t.text for t in c.tokens]
        made = any(w in {"make", "change", "move", "bump", "drop", "lower", "raise"}
                   and "alert" in words[i + 1 : i + 5] for i, w in enumerate(words))  # fmt: skip
        if c.has("SETQ", "MEANT") or made:
            # "change it to", "I meant 40", "make that watch alert 95 dollars": the alert is
            # replaced
            intent = replace(intent, replace_alert=True)
        if intent.max_price is None and money.percent is not None:
            intent = replace(intent, drop_percent=money.percent)
        shift = _target_shift(c, intent)
        if shift is not None:  # "move the cheaper one down by 5": from its target, not today's
            intent = replace(intent, target_change=shift, replace_alert=True, max_price=None,
                             drop_amount=None, drop_percent=None, price=None)  # fmt: skip
            if c.words & {"cheaper", "cheapest"}:  # "the cheaper one": of the alerted products
                intent = replace(intent, sort="price_asc")
            elif c.words & {"dearer", "pricier", "priciest", "expensive"}:
                intent = replace(intent, sort="price_desc")
        if intent.max_price is not None and money.percent is None and _by_an_amount(c):
            # "if the loafers drop by 10 dollars", "when it's 20 euros cheaper": below today's
            intent = replace(intent, drop_amount=intent.max_price, max_price=None, price=None)
    if kind == "style_statement" and c.has("FORGET_TASTE"):
        # "forget what I said about gold, I'm fine with it now": gold taken back, no more
        # "..., I like silver now": what comes after the next cue is a new taste, kept
        start = max(m.end for m in c.cues if m.signal == "FORGET_TASTE")
        stop = min((m.start for m in c.cues if m.start >= start), default=len(c.tokens))
        gone = [t.text for t in c.tokens[start:stop] if t.text in lexicon.STYLE_WORDS]
        return replace(
            intent,
            likes=tuple(w for w in intent.likes if w not in gone) if stop < len(c.tokens) else (),
            dislikes=(
                tuple(w for w in intent.dislikes if w not in gone) if stop < len(c.tokens) else ()
            ),
            forget=tuple(dict.fromkeys(gone)),
        )
    if kind == "style_statement" and not (intent.likes or intent.dislikes) and c.refs.mentions:
        # the taste words were not after a like/dislike cue: take the mentions
        if c.has("DISLIKE", "DONT_WANT") or [t.text for t in c.tokens[:1]] in (["no"], ["not"]):
            intent = replace(intent, dislikes=c.refs.mentions)  # also "no gold pls"
        else:
            intent = replace(intent, likes=c.refs.mentions)
    if kind == "deal_analysis" and intent.price is None and c.refs.free_numbers:
        # "is 109 a fair price?": a bare number here is a price, not a quantity
        intent = replace(intent, price=PriceLimit(Decimal(c.refs.free_numbers[0])), quantity=None)
    return intent


_LOWER = frozenset({"cheaper", "less", "off", "lower", "down"})


def _target_shift(c: Clause, intent: Intent) -> PriceLimit | None:
    """ "move the cheaper one down by 5" -> -5, "raise the watch alert by 10 dollars" -> +10
    (the amount said after "by", signed by the direction)."""
    if not c.has("ALERT_SHIFT"):
        return None
    said = intent.max_price or intent.price or intent.drop_amount
    if said is None and c.refs.free_numbers:
        said = PriceLimit(Decimal(c.refs.free_numbers[-1]))
    if said is None:
        return None
    up = bool(c.words & {"up", "raise", "increase", "bump"}) and "down" not in c.words
    return PriceLimit(said.amount if up else -said.amount, said.currency)


def _by_an_amount(c: Clause) -> bool:
    """An amount said as a drop ("drop by 10 dollars", "10 dollars cheaper"), not a price."""
    words = [t.text for t in c.tokens]
    amount = [i for i, t in enumerate(c.tokens) if t.is_number]
    if not amount:
        return False
    first, last = amount[0], amount[-1]
    before = words[max(0, first - 2) : first]
    after = words[last + 1 : last + 4]
    return "by" in before or bool(_LOWER & set(after))


def is_bare_ref(ref: ProductRef) -> bool:
    return ref.anaphora and not ref.text and ref.ordinal is None and not ref.all_recent
