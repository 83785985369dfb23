"""The planner's language understanding: a shopper's message -> an `Intent`.

Pipeline (pure, synchronous, deterministic):

1. Prepare tokens (`analysis.prepare_tokens`): normalise, tokenise, expand contractions,
   correct typos of known words, join compounds, turn number words into numbers.
2. Split into clauses at sentence ends and connectors ("..., then ...", "and" + a verb).
3. Per clause (`analysis.analyse_clause`): price phrases and currencies first (so "cheaper
   than $30" is a bound, not a comparison cue), then cue phrases in priority order, then
   product references, likes/dislikes, category, colours and sort order.
4. Decide the clause's intent with the ordered rules of `_decide` (first match wins).
5. Build the `Intent` with the slots that kind uses. Clauses that are only social ("hi",
   "thanks") are dropped when another clause asks for something; the first request is the
   result and the others are its `secondary` intents.

"what do you sell?" is `list_categories`; "show me everything" is a `search` with no query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause, analyse_clause, prepare_tokens, split_clauses
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.intents import (
    SOCIAL_KINDS,
    ConversationContext,
    Intent,
    IntentKind,
    PriceLimit,
    ProductRef,
)

__all__ = ["is_agent_context_message", "understand"]

_CONTEXT_RE = re.compile(r"^\s*(\[[^\]]*\]\s*)?for\s+context\s*:", re.IGNORECASE)
#: Kinds that act on products: with no product said, they act on "it" (the focus).
_NEEDS_PRODUCT = frozenset(
    {
        "add_to_cart",
        "remove_from_cart",
        "set_quantity",
        "product_info",
        "compare_prices",
        "deal_analysis",
        "create_alert",
    }
)
_SOCIAL_ORDER: tuple[tuple[str, IntentKind], ...] = (
    ("HELP", "help"),
    ("BYE", "goodbye"),
    ("DENY", "deny"),
    ("THANKS", "thanks"),
    ("AFFIRM", "affirm"),
    ("GREET", "greet"),
)
#: Kinds whose `products` are filled in.
_CARRY_PRODUCTS = _NEEDS_PRODUCT | {"complements", "style_statement", "show_style"}
#: Kinds whose `quantity` is filled in.
_COUNTED = frozenset({"add_to_cart", "remove_from_cart", "set_quantity"})
_MATHS = frozenset({"+", "*", "/", "x", "^", "=", "times", "plus", "minus", "divided"})
_PLURAL_ALERTS = frozenset({"alerts", "notifications", "reminders"})


def is_agent_context_message(text: str) -> bool:
    """Whether a "user" message is another agent's turn that ADK relayed after a transfer.

    ADK shows other agents' turns to the next agent as user messages starting with
    "For context:"; they are not the shopper's words and must not be understood as such.
    """
    return bool(_CONTEXT_RE.match(text or ""))


def _mention_is_generic(c: Clause) -> bool:
    """True when the mentions are only category/generic words ("the kitchen category")."""
    words = c.content_words
    return all(
        w in lexicon.CATEGORY_WORDS or w in lexicon.QUERY_GENERIC or w in lexicon.COLOURS
        for w in words
    )


def _has_text(c: Clause) -> bool:
    return any(p.text for p in c.refs.products)


def _has_reference(c: Clause) -> bool:
    return any(p.ordinal or p.anaphora or p.all_recent for p in c.refs.products)


def _has_quantity(c: Clause) -> bool:
    return bool(c.refs.free_numbers) or any(p.quantity for p in c.refs.products)


def _style_target(c: Clause) -> bool:
    """ "I don't want yellow": every mention word is a style attribute."""
    words = c.content_words
    return bool(words) and all(w in lexicon.STYLE_WORDS for w in words)


def _shopping_words(c: Clause) -> bool:
    known = lexicon.SHOPPING_NOUNS | lexicon.COLOURS | set(lexicon.CATEGORY_WORDS)
    return any(w in known or w.rstrip("s") in known for w in c.content_words)


def _in_names(c: Clause, names: tuple[str, ...]) -> bool:
    return any(name_matches(m, n) for m in c.refs.mentions for n in names)


def _decide(c: Clause, image: bool, ctx: ConversationContext) -> tuple[IntentKind, float]:
    """The clause's intent kind and a confidence. Ordered rules; the first that applies wins.

    Alerts before cart verbs ("remove the loafers alert"); style reset/show before cart
    emptying ("clear my style"); price comparison and deals before adding ("where can I buy
    it cheaper"); set-quantity only with a number ("change to pounds" is a currency);
    complements before adds ("add something that goes with it"); the currency before
    browsing, unless a product, category or cart is named ("the watch in yen" is product
    info in yen); out-of-scope only without a shopping request; social kinds last.
    """
    has, money = c.has, c.money
    rules: list[tuple[Callable[[], bool], IntentKind, float]] = [
        (lambda: image, "analyse_style", 1.0),
        (lambda: has("ANALYSE"), "analyse_style", 0.9),
        (lambda: has("ALERT_CANCEL"), "delete_alert", 1.0),
        (lambda: has("ALERT_CREATE"), "create_alert", 1.0),
        (lambda: has("ALERT_LIST"), "list_alerts", 1.0),
        (
            lambda: (
                has("ALERT_WORD")
                and (money.max_price is not None or money.price is not None or _has_text(c))
            ),
            "create_alert",
            0.8,
        ),
        (lambda: has("ALERT_WORD"), "list_alerts", 0.8),
        (lambda: has("RESET_STYLE"), "reset_style", 1.0),
        (lambda: has("SHOW_STYLE"), "show_style", 1.0),
        (lambda: has("SUITS"), "show_style", 0.8),
        (lambda: has("EMPTY") and not _has_text(c), "empty_cart", 1.0),
        (lambda: has("EMPTY"), "remove_from_cart", 0.9),
        (
            lambda: (
                has("COMPARE")
                and len([p for p in c.refs.products if p.text]) >= 2
                and not c.words & {"price", "prices", "cheaper", "elsewhere", "stores"}
            ),
            "product_info",
            0.8,
        ),
        (lambda: has("COMPARE"), "compare_prices", 1.0),
        (lambda: has("DEAL"), "deal_analysis", 1.0),
        (
            lambda: has("LIKE", "DISLIKE") and not has("ADD", "REMOVE", "WANT", "SEARCH"),
            "style_statement",
            1.0,
        ),
        (lambda: has("DONT_WANT") and _style_target(c), "style_statement", 0.9),
        (lambda: has("INCREASE"), "add_to_cart", 1.0),
        (lambda: has("DECREASE"), "remove_from_cart", 1.0),
        (lambda: has("SETQ") and _has_quantity(c) and _only_means_add(c, ctx), "add_to_cart", 0.8),
        (lambda: has("SETQ") and _has_quantity(c), "set_quantity", 1.0),
        (
            lambda: has("REMOVE") and c.matched("REMOVE") == ["cancel"] and _is_alert_ref(c, ctx),
            "delete_alert",
            0.7,
        ),
        (lambda: has("REMOVE", "DONT_WANT"), "remove_from_cart", 1.0),
        (lambda: has("CART_FROM") and not has("ADD", "WANT"), "remove_from_cart", 0.8),
        (lambda: has("COMPLEMENT"), "complements", 1.0),
        (lambda: has("ADD", "CART_TO"), "add_to_cart", 1.0),
        (lambda: has("WANT") and _wants_specific(c), "add_to_cart", 0.85),
        (lambda: money.currency is not None and _currency_request(c), "set_currency", 1.0),
        (lambda: "currency" in c.words or "currencies" in c.words, "set_currency", 0.8),
        (lambda: has("RECOMMEND") and has("CART", "CART_TO"), "complements", 0.9),
        (lambda: has("VIEW_CART", "CART"), "view_cart", 1.0),
        (lambda: _arithmetic(c), "out_of_scope", 0.9),
        (lambda: has("OOS") and not (has("SEARCH") and _shopping_words(c)), "out_of_scope", 1.0),
        (lambda: has("CATEGORIES") and not _searchable(c), "list_categories", 1.0),
        (lambda: has("ALL_PRODUCTS"), "search", 1.0),
        (
            lambda: has("INFO") and not (_mention_is_generic(c) and _has_text(c)),
            "product_info",
            1.0,
        ),
        (
            lambda: has("SEARCH", "INFO_WEAK", "WANT") and _has_reference(c) and not _has_text(c),
            "product_info",
            0.9,
        ),
        (
            lambda: (
                has("INFO_WEAK")
                and _has_text(c)
                and not _searchable_filters(c)
                and not _mention_is_generic(c)
            ),
            "product_info",
            0.8,
        ),
        (lambda: has("RECOMMEND") and (_has_text(c) or _searchable_filters(c)), "search", 0.9),
        (lambda: has("RECOMMEND"), "complements", 0.9),
        (lambda: has("SEARCH", "SORT_ASC", "SORT_DESC", "CATEGORIES", "WANT"), "search", 1.0),
        (lambda: _searchable_filters(c), "search", 0.85),
    ]
    rules += [(lambda s=signal: has(s), kind, 1.0) for signal, kind in _SOCIAL_ORDER]
    rules += [
        (lambda: _has_reference(c) and not _has_text(c), "product_info", 0.6),
        (
            lambda: (
                _has_text(c)
                and (
                    _in_names(
                        c, (*ctx.recent_product_names, *filter(None, [ctx.focus_product_name]))
                    )
                )
            ),
            "product_info",
            0.6,
        ),
        (lambda: _has_text(c) and _has_quantity(c), "add_to_cart", 0.6),
        (lambda: _has_text(c) and c.refs.definite, "product_info", 0.6),
        (lambda: _has_text(c) and _shopping_words(c), "search", 0.7),
    ]
    for applies, kind, confidence in rules:
        if applies():
            return kind, confidence
    return "unknown", 0.3 if c.refs.mentions else 0.1


def _arithmetic(c: Clause) -> bool:
    """'what is 2+2', '12 times 7': maths, not shopping."""
    t = c.tokens
    return any(
        t[i].is_number and t[i + 2].is_number and t[i + 1].text in _MATHS and i not in c.money.used
        for i in range(len(t) - 2)
    )


def _searchable_filters(c: Clause) -> bool:
    m = c.money
    return bool(m.max_price or m.min_price or c.category or c.colours or c.sort)


def _searchable(c: Clause) -> bool:
    return _searchable_filters(c) or (_has_text(c) and not _mention_is_generic(c))


def _wants_specific(c: Clause) -> bool:
    """'I want the mug / two of those / the second one' (an add), not 'I want a watch'."""
    if c.has("SEARCH") or {"see", "look", "browse"} & c.words:
        return False
    return _has_reference(c) or _has_quantity(c) or c.refs.definite


def _only_means_add(c: Clause, ctx: ConversationContext) -> bool:
    """'just one mug' when the mug is not in the cart (the cart is known): an add."""
    only = (
        any(m.startswith(("only", "just")) for m in c.matched("SETQ"))
        and len(c.matched("SETQ")) == 1
    )
    return (
        only
        and bool(ctx.cart_product_names)
        and _has_text(c)
        and not _in_names(c, ctx.cart_product_names)
    )


def _is_alert_ref(c: Clause, ctx: ConversationContext) -> bool:
    """'cancel it' / 'cancel the loafers' means an alert when that product has one."""
    if not ctx.alert_product_names:
        return False
    if _has_text(c):
        return _in_names(c, ctx.alert_product_names) and not _in_names(c, ctx.cart_product_names)
    return ctx.focus_product_name in ctx.alert_product_names or not ctx.cart_product_names


def _currency_request(c: Clause) -> bool:
    """A currency said without a product, category, cart or price question: switch to it."""
    if _has_text(c) and not _mention_is_generic(c):
        return False
    return not (
        c.category
        or c.has("INFO", "VIEW_CART", "CART", "SORT_ASC", "SORT_DESC")
        or c.money.max_price
        or c.money.min_price
    )


def _query(c: Clause) -> str | None:
    words = [w for w in c.content_words if w not in lexicon.QUERY_GENERIC]
    return " ".join(words) or None


def _products(c: Clause, kind: IntentKind, quantity: int | None) -> tuple[ProductRef, ...]:
    products = tuple(p for p in c.refs.products if not _generic_ref(p))
    if kind not in _CARRY_PRODUCTS:
        return ()
    if kind in {"style_statement", "show_style"}:
        products = tuple(p for p in products if not p.text)
    if (
        not products
        and kind in _NEEDS_PRODUCT
        and not c.has("CART")
        or (not products and kind == "style_statement" and c.refs.pronoun)
    ):
        return (ProductRef(anaphora=True, quantity=quantity if kind != "set_quantity" else None),)
    return products


def _quantity(c: Clause, kind: IntentKind) -> int | None:
    free, refs = c.refs.free_numbers, [p.quantity for p in c.refs.products if p.quantity]
    if kind == "set_quantity":
        return free[-1] if free else (refs[-1] if refs else None)
    if len(refs) == 1 and not free:
        return refs[0]
    return free[0] if free and not refs else None


def _generic_ref(ref: ProductRef) -> bool:
    """A mention made only of generic words ("stuff", "items") names no product."""
    return bool(ref.text) and all(w in lexicon.QUERY_GENERIC for w in (ref.text or "").split())


def _alert_ref(c: Clause) -> ProductRef:
    products = c.refs.products
    if products:
        return products[0]
    if c.refs.free_numbers:  # "delete alert 2"
        return ProductRef(ordinal=c.refs.free_numbers[0])
    plural = bool(c.words & _PLURAL_ALERTS) or "all" in c.words or "every" in c.words
    return ProductRef(all_recent=True) if plural else ProductRef(anaphora=True)


def _build(c: Clause, kind: IntentKind, confidence: float, image: bool) -> Intent:
    quantity = _quantity(c, kind) if kind in _COUNTED else None
    money = c.money
    max_price = money.max_price
    if kind in {"search", "create_alert"} and max_price is None:
        max_price = money.price  # a bare amount is a budget / a target
    confidence = max(0.5, confidence - 0.05 * c.fuzzy_count) if confidence >= 0.5 else confidence
    intent = Intent(
        kind=kind,
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
        about_cart=c.has("CART", "CART_TO")
        and kind in {"complements", "compare_prices", "deal_analysis"},
        has_image=image,
        confidence=round(confidence, 2),
    )
    if kind == "delete_alert":
        intent = replace(intent, alert_ref=_alert_ref(c), products=(), quantity=None)
    if kind == "style_statement" and not (intent.likes or intent.dislikes) and c.refs.mentions:
        target = intent.dislikes if c.has("DISLIKE", "DONT_WANT") else intent.likes
        fields = {"dislikes" if target is intent.dislikes else "likes": c.refs.mentions}
        intent = replace(intent, **fields)
    if kind == "deal_analysis" and intent.price is None and c.refs.free_numbers:
        # "is 109 a fair price?": a bare number here is a price, not a quantity
        intent = replace(intent, price=PriceLimit(Decimal(c.refs.free_numbers[0])), quantity=None)
    return intent


def understand(
    text: str, *, has_image: bool = False, context: ConversationContext | None = None
) -> Intent:
    """Understands one shopper message.

    Args:
        text: The shopper's own words (skip `is_agent_context_message` messages).
        has_image: Whether the message carried an image (then the intent is
            `analyse_style`, whatever the words; the words become its `query`).
        context: What is known about the conversation, used only to disambiguate.

    Returns:
        The first request in the message, with any further ones in `secondary`.
    """
    ctx = context or ConversationContext()
    tokens = prepare_tokens(text or "")
    corrections = tuple((t.corrected_from, t.text) for t in tokens if t.corrected_from)
    clauses = [analyse_clause(ts) for ts in split_clauses(tokens)]
    if has_image:
        merged = analyse_clause([t for ts in split_clauses(tokens) for t in ts])
        return replace(_build(merged, "analyse_style", 1.0, True), corrections=corrections)
    intents = [_build(c, *_decide(c, False, ctx), False) for c in clauses]
    if not intents:
        return Intent(kind="unknown", confidence=0.0)
    requests = [i for i in intents if i.kind not in SOCIAL_KINDS]
    if requests:
        known = [i for i in requests if i.kind != "unknown"] or requests
        primary, rest = known[0], tuple(i for i in known[1:])
    else:
        order = [kind for _, kind in _SOCIAL_ORDER]
        primary = min(intents, key=lambda i: order.index(i.kind))
        rest = ()
    return replace(primary, secondary=rest, corrections=corrections)
