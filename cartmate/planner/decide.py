"""Deciding a clause's intent kind: an ordered table of rules, the first that applies wins.

Why this order:
- First, a clause with no cue of its own ("the mug too", "what about the loafers?", "3")
  follows the previous request (`ConversationContext.last_intent`), when it is known.
- (A message with an image is `analyse_style` before any rule: see `understanding.py`.)
- Alerts before cart verbs ("remove the loafers alert", "add an alert").
- Style reset/show before cart emptying ("clear my style").
- Price comparison and deals before adding ("where can I buy it cheaper", "should I buy it").
- Likes/dislikes only when they name something and no cart verb is present.
- Set-quantity only with a number ("change to pounds" is a currency, "change the mug to 4"
  is a quantity); "just one mug" is an add when the known cart has no mug.
- Complements before adds ("add something that goes with it").
- A currency said in passing belongs to the request ("the watch in yen" is product info);
  said alone it is a switch ("in euros please").
- Out-of-scope only without a shopping request ("do you have board games" is a search);
  shop services the tools do not cover (delivery, returns, order tracking) are out of scope.
- Social kinds (help, bye, no, thanks, yes, hi) only when nothing else applies.
- Last, a bare mention: a reference or a recent/definite product is product info, a mention
  with a count is an add, shopping words are a search; anything else is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause
from cartmate.planner.common_words import COMMON_WORDS
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.intents import CART_CHANGES, ConversationContext, IntentKind, ProductRef
from cartmate.planner.recipients import recipient_in
from cartmate.planner.text import agreed_to

__all__ = ["SOCIAL_ORDER", "asks_what_is_left", "decide", "generic_ref", "sounds_like_a_product"]

Predicate = Callable[[Clause, ConversationContext], bool]

#: Social signals and their kinds, most telling first ("hi, what can you do?" is help).
SOCIAL_ORDER: tuple[tuple[str, IntentKind], ...] = (
    ("HELP", "help"), ("BYE", "goodbye"), ("DENY", "deny"), ("THANKS", "thanks"),
    ("CHAT", "chat"), ("AFFIRM", "affirm"), ("GREET", "greet"),
)  # fmt: skip
_MATHS = frozenset({"+", "*", "/", "x", "^", "=", "times", "plus", "minus", "divided"})
_PRICE_WORDS = frozenset({"price", "prices", "cheaper", "elsewhere", "stores"})


def generic_ref(ref: ProductRef) -> bool:
    """A mention made only of generic words ("stuff", "items") or of days and times ("by
    Friday") names no product."""
    generic = lexicon.QUERY_GENERIC | lexicon.TIME_WORDS
    return bool(ref.text) and all(w in generic for w in (ref.text or "").split())


# --- Predicates ------------------------------------------------------------------------------


def sig(*signals: str) -> Predicate:
    """Any of the cue signals was found."""
    return lambda c, _: c.has(*signals)


def all_of(*predicates: Predicate) -> Predicate:
    return lambda c, ctx: all(p(c, ctx) for p in predicates)


def not_(predicate: Predicate) -> Predicate:
    return lambda c, ctx: not predicate(c, ctx)


def has_text(c: Clause, _: ConversationContext) -> bool:
    """A product mention (not just "stuff") was said."""
    return any(p.text and not generic_ref(p) for p in c.refs.products)


def has_reference(c: Clause, _: ConversationContext) -> bool:
    """An ordinal, pronoun, "all of them" or "the other one" was said."""
    return any(p.ordinal or p.anaphora or p.all_recent or p.other for p in c.refs.products)


def has_quantity(c: Clause, _: ConversationContext) -> bool:
    return bool(c.refs.free_numbers) or any(p.quantity for p in c.refs.products)


def generic_mention(c: Clause, _: ConversationContext) -> bool:
    """The mentions are only category, colour or generic words ("the kitchen category")."""
    known = lexicon.CATEGORY_WORDS.keys() | lexicon.QUERY_GENERIC | lexicon.COLOURS
    return all(w in known for w in c.content_words)


def specific_text(c: Clause, ctx: ConversationContext) -> bool:
    return has_text(c, ctx) and not generic_mention(c, ctx)


def filters(c: Clause, _: ConversationContext) -> bool:
    """Search filters were said: a price bound, category, colour or sort order."""
    m = c.money
    return bool(m.max_price or m.min_price or c.category or c.colours or c.sort)


def style_target(c: Clause, _: ConversationContext) -> bool:
    """ "I don't want yellow": every mention word is a style attribute."""
    words = c.content_words
    return bool(words) and all(w in lexicon.STYLE_WORDS for w in words)


def says_taste(c: Clause, _: ConversationContext) -> bool:
    return bool(c.likes or c.dislikes or c.refs.pronoun or c.refs.mentions)


def shopping_words(c: Clause, _: ConversationContext) -> bool:
    known = lexicon.SHOPPING_NOUNS | lexicon.COLOURS | lexicon.CATEGORY_WORDS.keys()
    return any(w in known or w.rstrip("s") in known for w in c.content_words)


def _in_names(c: Clause, names: tuple[str, ...]) -> bool:
    return any(name_matches(m, n) for m in c.refs.mentions for n in names)


def recently_shown(c: Clause, ctx: ConversationContext) -> bool:
    names = (*ctx.recent_product_names, *filter(None, [ctx.focus_product_name]))
    return has_text(c, ctx) and _in_names(c, names)


def definite(c: Clause, _: ConversationContext) -> bool:
    return c.refs.definite


_GIFT_IDEAS = frozenset(
    {"gift", "gifts", "present", "presents", "ideas", "idea", "things", "stuff", "bits"}
)
_RECIPIENTS = lexicon.PEOPLE | frozenset({"her", "him", "them", "me", "us", "everyone"})


def wants_specific(c: Clause, ctx: ConversationContext) -> bool:
    """'I want the mug / two of those / the second one' (an add), not 'I want a watch'."""
    if c.has("SEARCH", "INFO") or {"see", "look", "browse"} & c.words:
        return False
    if c.words & _GIFT_IDEAS and not has_reference(c, ctx):
        return False  # "I need gifts for my 3 nieces": ideas wanted, nothing to add yet
    return has_reference(c, ctx) or has_quantity(c, ctx) or c.refs.definite


def price_of_more(c: Clause, _: ConversationContext) -> bool:
    """ "how much would 4 more of them cost?", "what would 2 more mugs come to?": the price
    asked before the count ("one more please, how much is that?" adds, then asks)."""
    more = [m.start for m in c.cues if m.signal == "INCREASE"]
    asked = [m.start for m in c.cues if m.signal in {"INFO", "COMES_TO"}]
    return bool(more and asked) and min(asked) < min(more)


_BUDGET_SAYING = frozenset({"budget", "spend", "spending", "max", "maximum", "limit"})
_HAVING = frozenset({"got", "have"})
_NOT_A_BUDGET = ("AFFORD", "SEARCH", "INFO", "INFO_WEAK", "ADD", "REMOVE", "ALERT_CREATE",
                 "ALERT_WORD", "DEAL", "COMPARE", "CART_TO", "SETQ", "RECOMMEND")  # fmt: skip


def budget_said(c: Clause, _: ConversationContext) -> bool:
    """ "I've got 50 dollars to spend today", "my budget is 40 euros", "100 bucks max": an
    amount the shopper has to spend, said as a statement (a question about it is AFFORD)."""
    if (c.money.max_price or c.money.price) is None or "?" in c.words or c.has(*_NOT_A_BUDGET):
        return False
    if any(p.text for p in c.refs.products):
        return False  # "the watch is 100 max": about a product
    return bool(c.words & _BUDGET_SAYING or (c.words & _HAVING and "i" in c.words))


def after_the_cart(c: Clause, ctx: ConversationContext) -> bool:
    """The last request changed or showed the cart, and the clause says "that", not "it"
    (the product): the cart is what "that" is now."""
    shown = ctx.last_intent in {"add_to_cart", "set_quantity", "remove_from_cart", "view_cart"}
    return shown and not c.words & {"it", "them", "they", "what", "which", "anything"}


def after_an_add(_: Clause, ctx: ConversationContext) -> bool:
    return ctx.last_intent in {"add_to_cart", "set_quantity"}


def ordered(c: Clause, ctx: ConversationContext) -> bool:
    """'A mug and a candle holder for my sister, please', 'I'd like the mug and a jar': the
    products asked for as an order, with no verb for it (not a question, nor gift ideas)."""
    if c.has("INFO", "INFO_WEAK", "SEARCH", "RECOMMEND", "COMPLEMENT") or "?" in c.words:
        return False
    named = [p for p in c.refs.products if p.text and not generic_ref(p)]
    # "just a tank top then": the category word is the product's own, no filter
    own = {lexicon.CATEGORY_WORDS.get(w) for p in named for w in (p.text or "").split()}
    said = filters(c, ctx) and not (
        c.category in own and not (c.colours or c.sort or c.money.max_price or c.money.min_price)
    )
    if c.tokens and c.tokens[0].text in ASKING or c.words & _GIFT_IDEAS or said:
        return False
    if not named or not specific_text(c, ctx):
        return False
    nouns = lexicon.SHOPPING_NOUNS
    if not all({w for w in (p.text or "").split() for w in (w, w.rstrip("s"))} & nouns
               for p in named):  # fmt: skip
        return False  # "my brother's stag weekend" is no product asked for
    # "a mug, please" or "the watch please" orders one; "sunglasses please" may be to look
    counted = c.words & {"a", "an", "the", "one"} or has_quantity(c, ctx) or len(named) > 1
    politely = bool(c.words & {"please", "pls", "plz"})
    # "the mug for the coworker.": a pick for someone is an order
    for_someone = recipient_in(c.tokens) is not None and "?" not in c.words
    return bool(counted) and (
        politely or for_someone or (len(named) > 1 and c.has("WANT")) or _settled_on(c, ctx, named)
    )


def _settled_on(c: Clause, ctx: ConversationContext, named: list[ProductRef]) -> bool:
    """ "ok just a mug for now then", "only the jar then": the shopper settles on that, one
    not in the cart yet (with it in the cart, "just the mug then" keeps only the mug)."""
    in_cart = {w.rstrip("s") for name in ctx.cart_product_names for w in name.lower().split()}
    return (
        bool(c.words & {"just", "only"})
        and bool(c.words & {"then", "now", "instead"})
        and not any({w.rstrip("s") for w in (p.text or "").split()} & in_cart for p in named)
    )


YES_NO = frozenset({"is", "are", "does", "do", "can", "could", "would", "will", "has", "have"})
_BROWSING = frozenset({"see", "show", "got", "there", "any", "anything", "something", "sell"})


def yes_no_about_a_product(c: Clause, ctx: ConversationContext) -> bool:
    """ "is the bamboo jar airtight?", "is it real gold?", "would it work for an evening
    out?", "do the shakers grind?": a question about a product named or in focus, with no
    request of another kind in it."""
    words = [t.text for t in c.tokens]
    return (
        bool(words)
        and words[0] in YES_NO
        and "?" in words
        and not c.category  # "is possible to see kitchen things?": browsing
        and not c.words & _BROWSING
        and all(m.signal in {"INFO", "INFO_WEAK", "AFFIRM", "GREET"} for m in c.cues)
        and (
            specific_text(c, ctx)
            or (
                bool(c.words & {"it", "they", "them"})
                and (ctx.focus_product_name is not None or ctx.last_intent is not None)
            )
        )
    )


def price_after_the_name(c: Clause, ctx: ConversationContext) -> bool:
    """ "mug price?", "hairdryer cost": a product, then the price word, and nothing else."""
    words = [t.text for t in c.tokens if t.text not in {"?", ".", "!", ","}]
    return (
        not c.cues
        and len(words) >= 2
        and words[-1] in {"price", "prices", "cost", "costs"}
        and specific_text(c, ctx)
    )


_BUDGET_STATED = frozenset({"budget", "limit", "spend", "spending"})


def budget_stated(c: Clause, ctx: ConversationContext) -> bool:
    """ "I've got 40 quid to spend, that's my limit", "my budget is 50 dollars", said with
    things in the cart and no product named: how the cart stands against it."""
    said = c.money.max_price or c.money.price
    return bool(
        said is not None
        and ctx.cart_product_names
        and c.words & _BUDGET_STATED
        and not specific_text(c, ctx)
        and not c.has("ADD", "REMOVE", "SEARCH", "ALERT_CREATE", "DEAL")
    )


def within_what_is_left(c: Clause, _: ConversationContext) -> bool:
    """A question for what the rest of the budget still buys, no product named."""
    words = [t.text for t in c.tokens]
    asks = bool(words) and words[0] in {"what", "anything", "which", "is"} and "?" in words
    still = "still" in words and bool(c.words & {"afford", "get", "buy"})
    left = "left" in words and bool(c.words & {"get", "buy", "afford"})
    named = c.words & (lexicon.SHOPPING_NOUNS - lexicon.QUERY_GENERIC)
    return asks and (still or left) and not named and not c.money.max_price


_OTHER_SHOPS = frozenset({"elsewhere", "shops", "stores", "retailers", "websites", "sites"})


def at_other_shops(c: Clause, _: ConversationContext) -> bool:
    """Other shops are named ("at other shops", "elsewhere"): what to compare against."""
    return bool(c.words & _OTHER_SHOPS)


def either_or(c: Clause, _: ConversationContext) -> bool:
    """ "the glass is dark or clear?", "the watch, is gold or silver colour?": a question
    about the product named first, worded the way a statement is."""
    words = [t.text for t in c.tokens]
    if "?" not in words or "or" not in words:
        return False
    verb = next((i for i, w in enumerate(words) if w in {"is", "are"}), None)
    if verb is None or verb > words.index("or"):
        return False
    subject = {w for w in words[:verb] if w.isalpha()}
    return bool(subject & lexicon.SHOPPING_NOUNS)


_WHAT_IT_COSTS = frozenset("much cost costs total come comes coming add".split())
_KIND_NOUNS = frozenset("things thing stuff bits bobs items products".split())


def cart_category(c: Clause, ctx: ConversationContext) -> bool:
    """ "how much are just the kitchen things?", "what do the kitchen bits come to?" with
    things in the cart: a category's lines of the cart, not the category's products."""
    return bool(
        c.category
        # "just the kitchen things" is part of something: the cart, even when the thread
        # is read without it
        and (ctx.cart_product_names or c.words & {"just", "only"})
        and generic_mention(c, ctx)
        and c.words & _WHAT_IT_COSTS
        and c.words & _KIND_NOUNS  # "the hairdryer" names a product, not "the hair things"
    )


def same_again(c: Clause, ctx: ConversationContext) -> bool:
    """ "same for her sister", "same again for my cousin", "my son wants the same as his
    sister": what was just added, again (no product named, nothing asked)."""
    if "same" not in c.words or has_text(c, ctx) or "?" in c.words or c.has("INFO", "SEARCH"):
        return False
    return bool(c.words & {"for", "again", "as", "too"}) or c.has("WANT")


def added_instead(c: Clause, _: ConversationContext) -> bool:
    """ "add one of those instead": an add (of something else), not a new count."""
    return c.matched("SETQ") == ["instead"] and c.has("ADD")


def only_means_add(c: Clause, ctx: ConversationContext) -> bool:
    """'just one mug' when the mug is not in the cart (the cart is known): an add."""
    said = c.matched("SETQ")
    only = len(said) == 1 and said[0].startswith(("only", "just", "i only", "i just"))
    if not (only and ctx.cart_product_names):
        return False
    if has_text(c, ctx):
        return not _in_names(c, ctx.cart_product_names)
    # "and the 2nd one, just one": a product just shown that the cart does not hold
    return any(name not in ctx.cart_product_names for name in _pointed_at(c, ctx))


def _pointed_at(c: Clause, ctx: ConversationContext) -> list[str]:
    """Names of the products just shown that the clause's ordinals point at."""
    shown = ctx.recent_product_names
    return [shown[p.ordinal - 1 if p.ordinal > 0 else p.ordinal]
            for p in c.refs.products
            if p.ordinal and not p.text and abs(p.ordinal) <= len(shown)]  # fmt: skip


def the_one_for_an_alert(c: Clause, ctx: ConversationContext) -> bool:
    """ "the one for the sunglasses": a product's alert, when it has one and is not in the
    cart."""
    words = [t.text for t in c.tokens]
    said = any(words[i : i + 2] == ["one", "for"] for i in range(len(words) - 1))
    return (
        said
        and bool(ctx.alert_product_names)
        and _in_names(c, ctx.alert_product_names)
        and not _in_names(c, ctx.cart_product_names)
    )


def alert_product(c: Clause, ctx: ConversationContext) -> bool:
    """'cancel it' / 'cancel the loafers' means an alert when that product has one; right
    after talking about alerts, so does any removal ("scrap the one for the watch")."""
    verbs = c.matched("REMOVE")
    about_alerts = ctx.last_intent in {"list_alerts", "create_alert", "delete_alert"}
    if not ctx.alert_product_names or not (verbs == ["cancel"] or (verbs and about_alerts)):
        return False
    if has_text(c, ctx):
        words = [t.raw for t in c.tokens if t.text not in {".", "!", ","}]
        # "delete the candle holder one" right after alerts: its alert, even if it is in the
        # cart too (a cart line is not "the candle holder one")
        its_one = about_alerts and words[-1:] == ["one"] and len(words) > 2
        return _in_names(c, ctx.alert_product_names) and (
            its_one or not _in_names(c, ctx.cart_product_names)
        )
    if ctx.last_intent == "list_alerts" and any(p.ordinal for p in c.refs.products):
        return True  # "delete the first one" of the alerts just listed
    return ctx.focus_product_name in ctx.alert_product_names or not ctx.cart_product_names


def currency_alone(c: Clause, ctx: ConversationContext) -> bool:
    """A currency said without a product, category, cart or price question: switch to it."""
    if c.money.currency is None or specific_text(c, ctx):
        return False
    asked_more = c.has("INFO", "VIEW_CART", "CART", "SORT_ASC", "SORT_DESC", "SORT_BY")
    return not (c.category or asked_more or c.money.max_price or c.money.min_price)


def currency_word(c: Clause, _: ConversationContext) -> bool:
    return bool(c.words & {"currency", "currencies"})


def arithmetic(c: Clause, _: ConversationContext) -> bool:
    """'what is 2+2', '12 times 7': maths, not shopping."""
    t = c.tokens
    return any(t[i].is_number and t[i + 2].is_number and t[i + 1].text in _MATHS
               and i not in c.money.used for i in range(len(t) - 2))  # fmt: skip


def two_products_no_price(c: Clause, _: ConversationContext) -> bool:
    """ "compare the mug and the jar": products side by side, not prices elsewhere."""
    return len([p for p in c.refs.products if p.text]) >= 2 and not c.words & _PRICE_WORDS


def anything_within(c: Clause, _: ConversationContext) -> bool:
    """ "anything else I can get for under 6 dollars?": browsing within a budget."""
    bound = c.money.max_price is not None or c.money.min_price is not None
    return bound and bool(c.words & {"anything", "something", "what", "whatever"})


def something_of_a_kind(c: Clause, ctx: ConversationContext) -> bool:
    """ "put something to wear in my cart", "add something for the kitchen": no product
    chosen yet, only a kind of thing (shown to choose from, nothing added)."""
    return (
        bool(c.words & {"something", "anything"})
        and not specific_text(c, ctx)
        and not any(p.anaphora or p.ordinal or p.all_recent or p.other for p in c.refs.products)
    )


def said_price(c: Clause, _: ConversationContext) -> bool:
    return c.money.price is not None or c.money.max_price is not None


def alert_change(c: Clause, ctx: ConversationContext) -> bool:
    """ "change the hairdryer one to 18" right after alerts: a new target for that alert (a
    product with an alert and not in the cart), never 18 in the cart."""
    said = c.refs.free_numbers or c.money.price is not None or c.money.max_price is not None
    words = c.tokens
    x_one_to = any(
        words[i].raw == "one" and words[i + 1].text == "to" and words[i - 1].is_word
        for i in range(1, len(words) - 1)
    )
    if x_one_to and said and has_text(c, ctx) and _in_names(c, ctx.alert_product_names):
        return True  # "the watch one to 95 instead", whatever came before: the watch's alert
    x_one_n = any(
        words[i].raw == "one" and words[i + 1].is_number and words[i - 1].is_word
        for i in range(1, len(words) - 1)
    )
    if (
        x_one_n
        and ctx.last_intent in {"list_alerts", "create_alert", "delete_alert"}
        and has_text(c, ctx)
        and _in_names(c, ctx.alert_product_names)
    ):
        return True  # "make the tank top one 14 instead" right after alerts: its alert
    if ctx.last_intent not in {"list_alerts", "create_alert", "delete_alert"}:
        return False
    if not (c.has("SETQ") and said):
        return False
    if has_text(c, ctx):
        named = _in_names(c, ctx.alert_product_names)
    else:
        # "fine, make it 15 quid then" right after an alert on the product in focus was set
        # (or refused): that alert, a new target
        named = (
            len(ctx.alert_product_names) == 1
            or ctx.focus_product_name in ctx.alert_product_names
            or ctx.last_intent == "create_alert"
        )
    return named and not (has_text(c, ctx) and _in_names(c, ctx.cart_product_names))


def alert_details(c: Clause, ctx: ConversationContext) -> bool:
    m = c.money
    return m.max_price is not None or m.price is not None or has_text(c, ctx)


def asks_what_is_left(c: Clause) -> bool:
    """ "what's left?", "which ones are remaining?": of what was last worked on (the alerts
    after an alert was cancelled), not necessarily the cart."""
    return any(m.split()[-1] in {"left", "remaining"} for m in c.matched("VIEW_CART"))


def asks(c: Clause, _: ConversationContext) -> bool:
    """A question or browsing cue: "in my cart" is then where to look, not where to put."""
    return c.has("INFO", "INFO_WEAK", "VIEW_CART", "SEARCH", "COMPLEMENT", "RECOMMEND")


def browsing(c: Clause, _: ConversationContext) -> bool:
    """A search cue other than a bare "anything"/"any" ("show me", "do you have")."""
    return any(m not in {"anything", "something", "any"} for m in c.matched("SEARCH"))


def a_remark(c: Clause, _: ConversationContext) -> bool:
    """ "that seems a lot", "fifteen sounds optimistic": an opinion, with no cue of a request."""
    return bool(c.words & {"seems", "seem", "sounds"}) and not c.cues


def in_a_cart(_: Clause, ctx: ConversationContext) -> bool:
    return bool(ctx.cart_product_names)


def for_me(c: Clause, _: ConversationContext) -> bool:
    """ "... for me", "... for myself": the shopper's own picks."""
    words = [t.text for t in c.tokens]
    return any(words[i : i + 2] in (["for", "me"], ["for", "myself"]) for i in range(len(words)))


def nothing_to_complete(c: Clause, ctx: ConversationContext) -> bool:
    """ "what should I get?" with no product in focus, none referred to and an empty cart:
    nothing for suggestions to go with, so it asks for picks."""
    return (
        ctx.focus_product_name is None
        and not ctx.cart_product_names
        and not c.refs.products
        and not c.has("CART", "CART_TO")
    )


def searched_shopping(c: Clause, ctx: ConversationContext) -> bool:
    return c.has("SEARCH") and shopping_words(c, ctx)


# --- Rules -----------------------------------------------------------------------------------

Rule = tuple[Predicate, IntentKind, float]

# ("do I have an alert on the loafers?", then "and the watch?": the alerts again)
_FOLLOWABLE = frozenset({"add_to_cart", "remove_from_cart", "product_info", "compare_prices",
                         "deal_analysis", "create_alert", "complements",
                         "list_alerts"})  # fmt: skip
_QUANTITY_AFTER = frozenset({"add_to_cart", "set_quantity"})
_COUNT_OF_IT = frozenset("ok okay yes yeah so then of those them these it that one ones please pls "
                         "x".split())  # fmt: skip
_FOLLOW_CUES = frozenset({"AFFIRM", "FOLLOW"})
#: A clause that starts with these asks a question.
ASKING = frozenset("is are does do did can could will would has have what which how why where "
                   "who".split())  # fmt: skip
_SHOWN_AGAIN = frozenset({"view_cart", "product_info"})


def colour_of_named(c: Clause, ctx: ConversationContext) -> bool:
    """ "the mug in white": one product named with "the", and a colour for it; "do you have
    it in white?": the one talked about."""
    named = [p for p in c.refs.products if p.text and not set(p.text.split()) <= lexicon.COLOURS]
    if c.colours and not named and ctx.focus_product_name and _IT_IN.search(_words(c)):
        return True
    return bool(c.colours) and definite(c, ctx) and len(named) == 1 and specific_text(c, ctx)


#: "do you have it in white?", "does that come in red?", "got them in blue?"
_IT_IN = re.compile(r"\b(it|that|this|them|those|these|one) (?:come )?in\b")


def _words(c: Clause) -> str:
    return " ".join(t.text for t in c.tokens)


def asks_its_colour(c: Clause, ctx: ConversationContext) -> bool:
    """ "is the top black?", "are the loafers brown too": a yes or no about one product's
    colour, not a search for black things."""
    named = [p for p in c.refs.products if p.text and not set(p.text.split()) <= lexicon.COLOURS]
    talked_of = (*ctx.recent_product_names, *ctx.cart_product_names,
                 *filter(None, [ctx.focus_product_name]))  # fmt: skip
    return (
        bool(c.tokens)
        and c.tokens[0].text in {"is", "are", "does", "do"}
        and bool(c.colours)
        and definite(c, ctx)
        and len(named) == 1
        and (specific_text(c, ctx) or _in_names(c, talked_of))  # "the top": the tank top
        and c.money.max_price is None
        and c.money.min_price is None
    )


def _the_cheaper_one(c: Clause, ctx: ConversationContext) -> bool:
    """ "the cheaper one" with two or more products just shown, and nothing else asked."""
    words = [t.text for t in c.tokens]
    wanted = [["the", w, "one"] for w in ("cheaper", "pricier", "dearer")]
    return (
        len(ctx.recent_product_names) > 1
        and all(m.signal in {"SORT_ASC", "SORT_DESC"} for m in c.cues)
        and any(words[i : i + 3] in wanted for i in range(len(words) - 2))
    )


_CHOSEN = frozenset({"please", "pls", "plz", "then", "take", "go", "buy", "get"})


def _the_cheaper_one_chosen(c: Clause, ctx: ConversationContext) -> bool:
    """ "fine, the cheaper one it is", "cheaper one pls", "ok the cheaper one then" after two
    or more were shown: that one is chosen (an add), not asked about."""
    words = [t.text for t in c.tokens]
    chose = bool(c.words & _CHOSEN) or any(words[i : i + 2] == ["it", "is"]
                                           for i in range(len(words) - 1))  # fmt: skip
    return (
        # two or more shown; none known when a past message is read again without them
        len(ctx.recent_product_names) != 1
        and "?" not in words
        and c.has("SORT_ASC", "SORT_DESC")
        and all(m.signal in {"SORT_ASC", "SORT_DESC", "AFFIRM", "WANT"} for m in c.cues)
        and bool(c.words & {"one", "ones"})
        and not has_text(c, ctx)
        and chose
    )


def _picks_counted(c: Clause, ctx: ConversationContext) -> bool:
    """ "the cheapest of those, three please" after a list: a count of the one picked."""
    words = [t.text for t in c.tokens]
    of_shown = any(words[i : i + 2] in (["of", "those"], ["of", "them"], ["of", "these"])
                   for i in range(len(words) - 1))  # fmt: skip
    return (
        len(ctx.recent_product_names) > 1
        and bool(c.cues)
        and any(m.signal in {"SORT_ASC", "SORT_DESC"} for m in c.cues)
        and all(m.signal in {"SORT_ASC", "SORT_DESC", "AFFIRM"} for m in c.cues)
        and (of_shown or ctx.last_intent in {"search", "complements"})
        and len(c.refs.free_numbers) + sum(1 for p in c.refs.products if p.quantity) == 1
        and not has_text(c, ctx)
        and not (c.money.max_price or c.money.min_price)
    )


def asks_colour_of_it(c: Clause, ctx: ConversationContext) -> bool:
    words = [t.text for t in c.tokens if t.text != "?"]
    return (
        len(words) >= 3
        and words[0] in {"is", "are"}
        and words[1] in {"it", "they", "this", "these", "those", "that"}
        and bool(c.colours)
        and all(not r.text or r.text in lexicon.COLOURS for r in c.refs.products)
        and (ctx.focus_product_name is not None or len(ctx.recent_product_names) == 1)
    )


def left_over(c: Clause, _: ConversationContext) -> bool:
    return bool(c.words & {"left", "remaining"})


def asks_fit(c: Clause, _: ConversationContext) -> bool:
    """ "is the hairdryer ok to take travelling?": whether it suits a use (the "take" in it
    is no add)."""
    return (
        bool(c.tokens)
        and c.tokens[0].text in {"is", "are"}
        and any(m.signal == "INFO" and c.tokens[m.end - 1].text in {"for", "to"} for m in c.cues)
    )


def in_cart_or_unnamed(c: Clause, ctx: ConversationContext) -> bool:
    """The clause names no product, or only products in the cart."""
    return not has_text(c, ctx) or _all_in_cart(c, ctx)


RULES: tuple[Rule, ...] = (
    # "when would they arrive?", "any coupon?", "change the price yourself": not ours to say
    # ("change the hairdryer alert price to 18" is the shopper's own alert)
    (all_of(sig("NOT_OURS"), not_(sig("ALERT_WORD", "ALERT_CREATE", "ALERT_LIST"))),
     "out_of_scope", 0.95),
    # "can you recommend a good pizza place near me?": not the shop ("place" is no add here)
    (all_of(sig("OOS"), not_(shopping_words), not_(sig("ALERT_CREATE", "ALERT_WORD"))),
     "out_of_scope", 0.9),
    (sig("ANALYSE"), "analyse_style", 0.9),
    # "how much of my 50 is left?": what the cart leaves of the budget
    (all_of(sig("AFFORD"), not_(has_text), left_over), "view_cart", 0.9),
    # "three mugs then." - "is that within my 30 pounds?": the cart against it
    (all_of(sig("AFFORD"), not_(has_text), after_the_cart), "view_cart", 0.9),
    (sig("AFFORD"), "product_info", 0.9),  # "can I afford the watch?", "how much more?"
    (asks_fit, "product_info", 0.9),  # "is the hairdryer ok to take travelling?"
    (asks_colour_of_it, "product_info", 0.9),  # "are they black?" about what was shown
    # "drop the watch alert to 90 dollars": the alert's new target, not a cancellation
    (all_of(sig("ALERT_CANCEL"), sig("TO_COUNT"), said_price), "create_alert", 0.9),
    # "move the cheaper one down by 5" with alerts set: that alert's target, 5 lower
    (all_of(sig("ALERT_SHIFT"), lambda _, ctx: bool(ctx.alert_product_names)), "create_alert",
     0.9),
    (sig("ALERT_CANCEL"), "delete_alert", 1.0),
    (sig("BUDGET_CLEAR"), "set_budget", 1.0),
    # "I've got 50 dollars to spend today", "my budget is 40 euros": kept to from now on
    (budget_said, "set_budget", 0.95),
    # "I've got 40 quid to spend, that's my limit" with a cart: the cart against it
    (budget_stated, "view_cart", 0.8),
    # "what can I still afford?", "anything I can still get for that?": within what is left
    (within_what_is_left, "search", 0.9),
    # "can you check if the mug is cheaper at other shops?": a comparison, not an alert
    (all_of(sig("COMPARE"), at_other_shops), "compare_prices", 1.0),
    # "which shop was that?", "the cheapest place to get the loafers?", "buying it there"
    (all_of(sig("AT_THAT_SHOP"), not_(sig("ALERT_CREATE", "ALERT_WORD"))), "compare_prices",
     1.0),
    (sig("ALERT_CREATE"), "create_alert", 1.0),
    (sig("ALERT_LIST"), "list_alerts", 1.0),
    (all_of(sig("ALERT_WORD"), alert_details), "create_alert", 0.8),
    (sig("ALERT_WORD"), "list_alerts", 0.8),
    (sig("FORGET_TASTE"), "style_statement", 1.0),
    (sig("RESET_STYLE"), "reset_style", 1.0),
    # "which suits me better, the loafers or the tank top?": those two, by the profile
    (all_of(sig("SUITS", "STYLE_PICK"), two_products_no_price), "product_info", 0.9),
    (sig("STYLE_PICK"), "search", 0.9),
    (sig("REJECT_SHOWN"), "search", 0.9),  # "none of these work for me": something else
    # "forget the loafers, they're too pricey": the price is the reason for the removal
    (all_of(sig("REMOVE"), sig("DEAL", "TOO_DEAR"), has_text), "remove_from_cart", 0.9),
    (sig("TOO_DEAR"), "search", 0.9),  # "that's too pricey for me": cheaper ones
    # "how much would 4 more of them cost?": a price asked, nothing added
    (all_of(price_of_more, not_(sig("ADD"))), "product_info", 0.9),
    # "how much are the jars coming to?" with jars in the cart: that line of the cart
    (all_of(sig("COMES_TO"), in_cart_or_unnamed), "view_cart", 0.9),
    # "how much are just the kitchen things?" with a cart: those lines' subtotal
    (all_of(sig("INFO", "INFO_WEAK", "COMES_TO", "VIEW_CART"), cart_category), "view_cart", 0.9),
    (sig("COMES_TO"), "product_info", 0.8),  # "what would 3 watches come to?"
    (sig("WHICH_PRICE"), "product_info", 0.9),  # "which one is cheaper?": that one
    (sig("PRICE_GAP"), "product_info", 0.9),  # "how much more is it than the loafers?"
    (sig("WHICH_BETTER"), "search", 0.9),  # "which would make a better gift?": among those
    (sig("SHOW_STYLE"), "show_style", 1.0),
    # "which accessories would suit me?" asks for picks; "does it suit me?" about the style
    (all_of(sig("SUITS"), shopping_words, not_(specific_text), not_(has_reference)), "search",
     0.9),
    # "would the watch suit me?": that product judged by the profile
    (all_of(sig("SUITS"), specific_text), "product_info", 0.85),
    (sig("SUITS"), "show_style", 0.8),
    (sig("SERVICE"), "out_of_scope", 0.9),
    (all_of(sig("EMPTY"), not_(has_text)), "empty_cart", 1.0),
    (sig("EMPTY"), "remove_from_cart", 0.9),
    (all_of(sig("COMPARE"), two_products_no_price), "product_info", 0.8),
    (all_of(sig("DEAL"), said_price), "deal_analysis", 1.0),  # "saw it for 75, good deal?"
    (sig("COMPARE"), "compare_prices", 1.0),
    (sig("DEAL"), "deal_analysis", 1.0),
    (all_of(sig("LIKE", "DISLIKE"), not_(sig("ADD", "REMOVE", "WANT")), not_(browsing),
            says_taste),
     "style_statement", 1.0),
    (all_of(sig("DONT_WANT"), style_target), "style_statement", 0.9),
    (all_of(sig("SWAP"), has_text), "remove_from_cart", 0.9),  # then an add: see understanding
    (alert_change, "create_alert", 0.8),  # "change the hairdryer one to 18"
    (sig("MULTIPLY", "HALVE"), "set_quantity", 0.9),  # "double the mugs", "half that"
    (sig("COUNT_BEFORE"), "set_quantity", 0.9),  # "go back to that many": the count before
    # "drop the candle holders to one": the line's new count
    (all_of(sig("REMOVE", "DECREASE"), sig("TO_COUNT"), has_quantity), "set_quantity", 1.0),
    # "drop anything over 50 dollars" with a cart: those lines out, not a search
    (all_of(sig("REMOVE"), anything_within, not_(has_text), in_a_cart), "remove_from_cart", 0.9),
    (all_of(anything_within, not_(has_text)), "search", 0.9),  # "anything under 6 dollars?"
    (sig("INCREASE"), "add_to_cart", 1.0),
    (sig("DECREASE"), "remove_from_cart", 1.0),
    (all_of(sig("SETQ"), has_quantity, only_means_add), "add_to_cart", 0.8),
    (all_of(sig("SETQ"), has_quantity, not_(added_instead)), "set_quantity", 1.0),
    (all_of(sig("REMOVE"), alert_product), "delete_alert", 0.7),
    # "I no longer need the one for the sunglasses" with an alert on them: that alert
    (all_of(sig("REMOVE", "DONT_WANT"), the_one_for_an_alert), "delete_alert", 0.8),
    (sig("REMOVE", "DONT_WANT"), "remove_from_cart", 1.0),
    (all_of(sig("CART_FROM"), not_(sig("ADD", "WANT"))), "remove_from_cart", 0.8),
    (sig("COMPLEMENT"), "complements", 1.0),
    (all_of(sig("ADD"), something_of_a_kind), "search", 0.9),
    (sig("ADD"), "add_to_cart", 1.0),
    (all_of(sig("INFO"), sig("CART", "CART_TO"), not_(has_text)), "view_cart", 0.9),
    (all_of(sig("INFO_WEAK"), sig("CART", "CART_TO")), "view_cart", 0.9),
    (all_of(sig("CART_TO"), has_text, not_(asks)), "add_to_cart", 0.9),
    (all_of(sig("CART_TO"), has_reference, not_(asks)), "add_to_cart", 0.9),
    (all_of(sig("WANT"), wants_specific), "add_to_cart", 0.85),
    (ordered, "add_to_cart", 0.8),
    # "and the same number of mugs" right after an add: that many of them too
    (all_of(sig("SAME_COUNT"), specific_text, not_(asks), after_an_add), "add_to_cart", 0.85),
    (price_after_the_name, "product_info", 0.8),  # "muggs price?", "hairdryer cost?"
    (yes_no_about_a_product, "product_info", 0.8),  # "is the jar airtight?", "is it real gold?"
    (currency_alone, "set_currency", 1.0),
    (currency_word, "set_currency", 0.8),
    (all_of(sig("RECOMMEND"), sig("CART", "CART_TO")), "complements", 0.9),
    (sig("VIEW_CART", "CART", "CART_TO"), "view_cart", 1.0),
    (arithmetic, "out_of_scope", 0.9),
    (all_of(sig("OOS"), not_(searched_shopping)), "out_of_scope", 1.0),
    (all_of(sig("CATEGORIES"), not_(filters), not_(specific_text)), "list_categories", 1.0),
    (sig("ALL_PRODUCTS"), "search", 1.0),
    (all_of(sig("INFO"), not_(all_of(has_text, generic_mention, not_(definite)))),
     "product_info", 1.0),
    # "do they come in gold?": a colour asked of what was just shown, not a search for gold;
    # "do you have the mug in white?": of the product named
    (all_of(sig("INFO"), has_reference, generic_mention), "product_info", 0.9),
    (all_of(sig("SEARCH"), colour_of_named), "product_info", 0.9),
    (asks_its_colour, "product_info", 0.9),
    (either_or, "product_info", 0.9),  # "the glass is dark or clear?"
    (all_of(sig("SEARCH", "INFO_WEAK", "FOLLOW", "WANT"), has_reference, not_(has_text),
            not_(filters)),
     "product_info", 0.9),
    # "and the loafers?" asks about them; "and something to keep the sun off?" is a search
    (all_of(sig("INFO_WEAK", "FOLLOW"), specific_text, not_(filters), not_(sig("SEARCH"))),
     "product_info", 0.8),
    (all_of(sig("RECOMMEND"), has_text), "search", 0.9),
    (all_of(sig("RECOMMEND"), filters), "search", 0.9),
    (all_of(sig("RECOMMEND"), nothing_to_complete), "search", 0.9),  # picks for the shopper
    # "might you suggest a few things for me?": picks for the shopper, not what goes with
    (all_of(sig("RECOMMEND"), for_me, not_(specific_text)), "search", 0.9),
    (sig("RECOMMEND"), "complements", 0.9),
    (sig("SEARCH", "SORT_ASC", "SORT_DESC", "SORT_BY", "CATEGORIES", "WANT"), "search", 1.0),
    (filters, "search", 0.85),
    *((sig(signal), kind, 1.0) for signal, kind in SOCIAL_ORDER),
    (all_of(has_reference, has_quantity), "add_to_cart", 0.6),
    (all_of(has_reference, not_(has_text)), "product_info", 0.6),
    # "2 of the mugs" after mugs were shown: an order line, not a question about them
    (a_remark, "chat", 0.5),  # "fifteen seems rather optimistic": no order of fifteen
    (all_of(has_text, has_quantity), "add_to_cart", 0.6),
    (recently_shown, "product_info", 0.6),
    (all_of(has_text, definite), "product_info", 0.6),
    # "sunglasses frame colour", "mug size?": a question about that product, not a search
    (all_of(has_text, lambda c, _: bool(c.words & _ATTRIBUTES)), "product_info", 0.7),
    (all_of(has_text, shopping_words), "search", 0.7),
)  # fmt: skip


_THAT_ONE_PLEASE = frozenset(
    {"that", "this", "one", "please", "okay", "ok", "yes", "then", "!", ".", ",", "both", "the",
     "them", "of", "those", "hmm", "first", "second", "third", "fourth", "last", "1", "2", "3", "4"}
)  # fmt: skip
_TAKE_BACK = (["never mind"], ["nevermind"], ["scratch that"], ["forget"])
_DONT = frozenset({"actually", "no", "do", "not", "then", "wait", "oh", "hmm", "nah"})


def _change_taken_back(c: Clause, ctx: ConversationContext) -> IntentKind | None:
    """Right after an add: "wait no, 1" is that line at one; "nvm the jar" takes the jar
    (in the cart) back out. "no, the jar" is left to the swap rules (the jar instead)."""
    last = ctx.last_intent
    if any(m.signal != "DENY" for m in c.cues):
        return None
    named = [p for p in c.refs.products if p.text]
    if last == "add_to_cart" and not named and c.words <= _DONT and "not" in c.words:
        return "remove_from_cart"  # "actually dont" right after "ok add it": taken back
    if not c.has("DENY"):
        return None
    if last in _QUANTITY_AFTER and not named and len(c.refs.free_numbers) == 1:
        return None if c.money.currency else "set_quantity"
    # "thats a lot, nvm the watch" with the cart just shown: out it goes
    in_cart = _all_in_cart(c, ctx) or (last in CART_CHANGES and not ctx.cart_product_names)
    if named and last in _CART_SHOWN and c.matched("DENY") in _TAKE_BACK and in_cart:
        return "remove_from_cart"
    return None


#: What a question asks about a product ("sunglasses frame colour", "mug size?").
_ATTRIBUTES = frozenset(
    "colour color colours colors material materials made capacity frame strap lens lenses "
    "fabric finish".split()
)


def _follow_up(c: Clause, ctx: ConversationContext) -> IntentKind | None:
    """An elliptical follow-up takes the previous request's kind ("the mug too" after an add).

    Only a clause with no cue of its own (a "yes" or "also" is allowed) that names a product,
    a reference or a number; a bare number after a cart change is a new quantity.
    """
    last = ctx.last_intent
    if last is None or any(m.signal not in _FOLLOW_CUES for m in c.cues):
        return None
    if last in CART_CHANGES and c.tokens and c.tokens[0].text in ASKING:
        return None  # "is the watch waterproof?" after an add asks about it, adds nothing
    if c.words & _GIFT_IDEAS and not has_reference(c, ctx):
        return None  # "birthday presents for my two nephews": ideas wanted, not another add
    if c.words & _ATTRIBUTES and not c.money.price and not c.money.max_price:
        return None  # "sunglasses frame colour" after an alert: a question about them
    if last in CART_CHANGES and "?" in c.words and has_text(c, ctx):
        # "the glass is dark or clear?", "the watch, is gold or silver colour?" after an add:
        # a question about it, however it is worded, never another add
        return None
    if last in _CART_SHOWN and "?" in c.words and c.money.currency and not has_text(c, ctx):
        return "view_cart"  # "and the whole lot in pounds?" after an add: the cart, in pounds
    # "in euros?", "in eur" (typed without the question mark) right after a price: that price
    # in euros; "switch to euros" or "euros from now on" change the display currency instead
    asked_in = [t.text for t in c.tokens[:1]] == ["in"]
    if (
        last in _SHOWN_AGAIN
        and c.has("DENY")
        and currency_alone(c, ctx)
        and not c.words & {"now", "switch", "always", "default", "everything", "good"}
    ):
        return last  # "what's that in euros?", then "no, in pounds": that again, in pounds
    if (
        last in _SHOWN_AGAIN
        and (c.has("FOLLOW", "AFFIRM") or "then" in c.words or asked_in)
        and currency_alone(c, ctx)
    ):
        # "and in pounds?" (or just "in euros?") after the cart or a product: that again, in
        # pounds; "ok, kroner then" after a currency it could not show
        return last
    if (
        last == "create_alert"
        and (c.money.price or c.money.max_price)
        and not any(p.text for p in c.refs.products)
    ):
        return "create_alert"  # "what about a million yen, then?": that alert, another target
    if (
        last in {"list_alerts", "delete_alert"}
        and (c.money.price or c.money.max_price)
        and has_text(c, ctx)
        and _in_names(c, ctx.alert_product_names)
        and "?" not in c.words
    ):
        return "create_alert"  # "zero euros for the shakers, actually": that alert's target
    if c.refs.free_numbers and not c.refs.products and last in _QUANTITY_AFTER:
        return "set_quantity"
    if (
        c.refs.free_numbers
        and not c.refs.products
        and last in {"search", "product_info"}
        and ctx.focus_product_name is not None
        and len(c.words - {"please", "pls", "x", "pair", "pairs", "set", "sets"}) <= 1
    ):
        return "add_to_cart"  # "mugs" shows the mug; "2": two of it
    if (
        last == "product_info"
        and ctx.focus_product_name is not None
        and any(p.quantity for p in c.refs.products)
        and all(p.anaphora and not p.text for p in c.refs.products)
        and {w for w in c.words if not w.isdigit()} <= _COUNT_OF_IT
    ):
        return "add_to_cart"  # "how much is a mug?", "ok 3 of those pls": three of it
    named = has_reference(c, ctx) or (has_text(c, ctx) and sounds_like_a_product(c, ctx))
    ordering = bool(ctx.cart_product_names) or bool(c.words & {"please", "pls", "plz"})
    if (
        last == "product_info"
        and named
        and (not c.has("FOLLOW") or ordering)
        and all(t.text != "?" for t in c.tokens)
        and c.tokens[0].text not in ASKING
        and any(p.quantity and p.text for p in c.refs.products)
    ):
        # "how much is the mug?", then "two mugs please": an order; with a cart being
        # filled, "and one of the glass jars, please" too
        return "add_to_cart"
    if (
        last == "product_info"
        and ctx.cart_product_names
        and c.has("FOLLOW")
        and all(t.text != "?" for t in c.tokens)
        and [t.text for t in c.tokens if t.text not in {"and", ".", "!", ","}][:1]
        in (["a"], ["an"])
        and has_text(c, ctx)
    ):
        return "add_to_cart"  # jars in the cart, a question about them, then "and a mug."
    if named and any(t.multiplier for t in c.tokens) and all(t.text != "?" for t in c.tokens):
        return "add_to_cart"  # "shades x2" after a price question: an order line, two of them
    if (
        last == "create_alert"
        and named
        and c.words & {"a", "an", "some"}
        and not (c.money.max_price or c.money.price or c.money.min_price)
    ):
        return "add_to_cart"  # "also a mug pls" after an alert: a mug, not an alert on one
    if last == "remove_from_cart" and named and has_text(c, ctx) and ctx.cart_product_names:
        if not _all_in_cart(c, ctx):
            return "add_to_cart"  # "one fewer", then "and a couple of mugs": not in the cart
    if named and last == "set_quantity":
        return "add_to_cart"  # "make it five", then "and a bamboo jar": another line
    if last == "view_cart" and c.has("FOLLOW") and _all_in_cart(c, ctx):
        return "view_cart"  # "how many mugs do I have?", then "and jars?": the cart again
    if named and last != "add_to_cart" and ordered(c, ctx):
        return "add_to_cart"  # "ok just a mug for now then" after alerts: an order, no alert
    words = [t.text for t in c.tokens]
    said_is = any(words[i : i + 2] in (["that", "is"], ["it", "is"], ["this", "is"])
                  or (words[i] in lexicon.PEOPLE and words[i + 1] in {"is", "are", "was"})
                  for i in range(len(words) - 1))  # fmt: skip
    if said_is and not c.words & {"want", "take", "one", "ones"}:
        # "haha nice, that's a lot of coffee" after an add, "it's a present for my dad": a
        # remark, no request
        return None
    if (
        last == "create_alert"
        and named
        and "?" in c.words
        and c.money.currency
        and not (c.money.price or c.money.max_price or c.money.min_price)
    ):
        return "product_info"  # "loafers in eur?" after their alert: their price, in euros
    return last if named and last in _FOLLOWABLE else None


def _counted_too(c: Clause, ctx: ConversationContext) -> bool:
    """ "1 jar too", "2 mugs as well": a count of a product said as one more thing, no cue
    or question, while the shopper has a cart."""
    return (
        bool(ctx.cart_product_names)
        and bool(c.words & {"too", "also"} or "as well" in " ".join(t.text for t in c.tokens))
        and "?" not in c.words
        and all(m.signal in _FOLLOW_CUES for m in c.cues)
        and any(p.quantity and p.text for p in c.refs.products)
        and has_text(c, ctx)
    )


def _agreed_to(c: Clause, ctx: ConversationContext) -> bool:
    """ "fine, tea lights it is": agreed to in passing, not a question or a request ("3 mugs
    it is", "the mug it is" and "euros it is" choose what they name)."""
    words = [t.text for t in c.tokens]
    known = {w.rstrip("s") for n in (*ctx.recent_product_names, *ctx.cart_product_names)
             for w in n.lower().split()}  # fmt: skip
    return (
        agreed_to(words)
        and not any(t.is_number for t in c.tokens)
        and not c.money.currency
        and not any(
            {w.rstrip("s") for w in (p.text or "").split()} & known for p in c.refs.products
        )  # fmt: skip
        and words[0] not in ASKING
        and not {"what", "where", "how", "which", "who", "why"} & set(words)
        and all(m.signal in _FOLLOW_CUES for m in c.cues)
    )


def _taste_meant(c: Clause) -> bool:
    """ "I meant black, not brown", "sorry, I meant silver, not gold - gold is fine": style
    words only, said as what was meant (what "not" takes back is out of the clause by now:
    `analysis`'s exclusions)."""
    words = c.content_words
    return (
        c.has("MEANT")
        and any(w in lexicon.STYLE_WORDS for w in words)
        and all(w in lexicon.STYLE_WORDS or w in {"fine", "okay", "ok"} for w in words)
    )


def _said_no(c: Clause) -> bool:
    """The clause starts with "no" or "not" ("no gold pls", "not silver either")."""
    return [t.text for t in c.tokens[:1]] in (["no"], ["not"])


def sounds_like_a_product(c: Clause, ctx: ConversationContext) -> bool:
    """A shopping word, a colour or category, a product named before, or a word the planner
    does not know (a name it cannot check); not "sorry, cat on my keyboard"."""
    known = lexicon.SHOPPING_NOUNS | lexicon.COLOURS | lexicon.CATEGORY_WORDS.keys()
    names = (*ctx.recent_product_names, *ctx.cart_product_names,
             *filter(None, [ctx.focus_product_name]))  # fmt: skip
    words = c.content_words
    if any(_keyboard_run(w) for w in words):
        return False  # "asdfgh sorry cat on my keyboard"
    return (
        any(w in known or w.rstrip("s") in known for w in words)
        or _in_names(c, names)
        # a name it cannot check has three letters at least: "x" or "xx" alone is a slip
        or any(not _common(w) and len(w) > 2 for w in words)
    )


def _common(word: str) -> bool:
    """An everyday English word, or a form of one ("changed", "ordering", "mugs")."""
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e"}
    return any(s in COMMON_WORDS for s in stems if len(s) > 2)


def _keyboard_run(word: str) -> bool:
    """ "asdfgh", "qwerty": keys in a row, typed by a cat or a thumb."""
    return len(word) >= 4 and any(word in row for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm"))


def _all_in_cart(c: Clause, ctx: ConversationContext) -> bool:
    """Every product the clause names is one of the cart's lines ("jars": Bamboo Glass Jar)."""
    named = [p.text for p in c.refs.products if p.text]
    return bool(named) and all(
        any(name_matches(text, line) for line in ctx.cart_product_names) for text in named
    )


def _one_more(c: Clause) -> bool:
    """ "another one", "and another", "another mug": said with no verb, one more of it."""
    return all(m.signal in _FOLLOW_CUES for m in c.cues) and any(
        t.raw.lower() in {"another", "a second"} for t in c.tokens
    )


def _not_that_one(c: Clause, ctx: ConversationContext) -> bool:
    """ "not the first one", "no wait, not the mug", right after an add: that one was a
    mistake, so it comes out (never added again because a product was named)."""
    return (
        ctx.last_intent in _QUANTITY_AFTER
        and bool(c.words & {"not", "no"})  # "actually no candle holder"
        and bool(c.refs.products)
        and all(m.signal in _FOLLOW_CUES | {"DENY"} for m in c.cues)
    )


def _that_in_currency(c: Clause, ctx: ConversationContext) -> bool:
    """ "what's that in euros?", "how much is it in yen": the product in focus, priced (or
    the cart, when it was what the last answer showed)."""
    return (
        c.money.currency is not None
        # something to be "that": a product in focus, or the cart just shown or changed
        and (ctx.focus_product_name is not None or ctx.last_intent in _CART_SHOWN)
        and c.refs.pronoun
        and not has_text(c, ctx)
        and not c.has("VIEW_CART", "CART", "CART_TO", "ADD", "REMOVE", "SETQ", "ALERT_CREATE")
        and c.money.max_price is None
        and c.money.min_price is None
    )


_REPEATABLE = frozenset({"list_alerts", "view_cart", "show_style", "list_categories"})
_HOW_MUCH_NOW = frozenset({"how", "much", "now", "then", "so", "?", "altogether"})
_CART_SHOWN = CART_CHANGES | {"view_cart"}


def _context_turn(c: Clause, ctx: ConversationContext) -> IntentKind | None:
    """Requests that only make sense after the previous one.

    "list them again" repeats a listing; "put the mug back" after a removal adds it again
    (elsewhere it is a removal: back on the shelf); "ok the jar then" or "ok, the top one"
    after looking at products is a choice: it goes in the cart.
    """
    last = ctx.last_intent
    if last == "add_to_cart" and same_again(c, ctx):
        return "add_to_cart"  # "same for her sister", "same again for my cousin"
    if last == "create_alert" and "same" in c.words and has_text(c, ctx) and "?" not in c.words:
        return "create_alert"  # "same for the watch pls": that alert on the watch too
    if last in _SHOWN_AGAIN and c.has("MEANT") and currency_alone(c, ctx):
        return last  # "sorry, I meant pounds" after a price in euros: that again, in pounds
    if last == "create_alert" and c.has("MEANT") and said_price(c, ctx) and not has_text(c, ctx):
        return "create_alert"  # "sorry, I meant 40 pounds" after an alert: that alert, changed
    if last in _QUANTITY_AFTER and c.has("MEANT_OTHER"):
        return "remove_from_cart"  # then the other one goes in: see understanding._per_swap
    if last in _QUANTITY_AFTER and c.has("MEANT") and has_text(c, ctx):
        if has_quantity(c, ctx) and _all_in_cart(c, ctx):
            return "set_quantity"  # "sorry, I wanted 2 jars" with the jar just added: two
        if last == "add_to_cart" and not ctx.cart_product_names:
            return "add_to_cart"  # the add was not done ("which black one?"): just that
        return "remove_from_cart"  # "I meant loafers": the one just added out, loafers in
    if last == "create_alert" and c.has("MEANT") and has_quantity(c, ctx) and not has_text(c, ctx):
        return "create_alert"  # "no wait, I said that wrong, make it ninety": the alert's target
    if (
        (last in _QUANTITY_AFTER or ctx.cart_product_names)
        and c.has("MEANT")
        and has_quantity(c, ctx)
        and not has_text(c, ctx)
    ):
        # "no, I said three not two" (also after an aside): the line in focus, three
        return "set_quantity"
    named_listing = c.has("ALERT_LIST", "ALERT_WORD", "VIEW_CART", "CART", "SHOW_STYLE")
    if (
        "again" in c.words
        and not named_listing
        and not has_text(c, ctx)
        and c.words & {"list", "show", "see"}
    ):
        # "list them again": the listing of what was last worked on
        if last in {"list_alerts", "create_alert", "delete_alert"}:
            return "list_alerts"
        if last in {"view_cart", "add_to_cart", "remove_from_cart", "set_quantity"}:
            return "view_cart"
    words = [t.text for t in c.tokens]
    if (
        last == "create_alert"
        and (c.money.price or c.money.max_price)
        and not has_text(c, ctx)
        and all(m.signal == "FOLLOW" for m in c.cues)
        and "?" not in words
    ):
        return "create_alert"  # "then 5 dollars", "negative 5 dollars" after an alert: a target
    if (
        last in {"list_alerts", "create_alert", "delete_alert"}
        and any(words[i] in {"one", "1"} and words[i + 1] == "for" for i in range(len(words) - 1))
        and has_text(c, ctx)
        and (c.money.price or c.money.max_price or c.refs.free_numbers)
    ):
        return "create_alert"  # "and set one for the sunglasses at 15": another alert
    if (
        last in {"list_alerts", "create_alert", "delete_alert"}
        and asks_what_is_left(c)
        and not c.has("CART")
    ):
        return "list_alerts"  # "delete the loafers alert", then "and what's left?"
    if last in _REPEATABLE and "again" in c.words and not has_text(c, ctx) and not named_listing:
        return last  # "total again?"; but "what alert did I set again?" lists the alerts
    if (
        last in CART_CHANGES
        and {"how", "much"} <= c.words
        and (c.words & {"that", "everything", "all"} or c.words <= _HOW_MUCH_NOW)
        and not has_text(c, ctx)
        and c.money.currency is None
    ):
        # "how much is that?", "how much rn" right after changing the cart: its total
        return "view_cart"
    if last in {"remove_from_cart", "empty_cart"} and c.matched("REMOVE") in (
        ["put back"],
        ["undo"],
    ):
        return "add_to_cart"  # "put the mug back", "oops, undo", "put it all back": again
    taken_back = c.matched("DENY") in (["never mind"], ["nevermind"], ["scratch that"]) or (
        c.matched("REMOVE") == ["undo"]
    )
    bare = all(p.anaphora and not p.text and not p.quantity for p in c.refs.products)
    if taken_back and bare and len(c.cues) == 1:
        # right after a change, "oh nvm" / "scratch that" / "undo" takes it back
        if last == "add_to_cart":
            return "remove_from_cart"
        if last == "create_alert":
            return "delete_alert"
    said = [t for t in c.tokens if t.text not in {"?", ".", "!", "please"}]
    words = [t.text for t in said]
    # a person by name: "for Leo" (capitalised, not opening the message)
    named = bool(said) and said[-1].raw[:1].isupper() and said[-1].is_word and len(said) > 1
    if (
        last in {"search", "complements"}
        and not c.cues
        and has_text(c, ctx)
        and len(words) >= 3
        and words[-2] == "for"
        and (words[-1] in _RECIPIENTS or named)
    ):
        # gift ideas shown, then "the mug for her", "the sunglasses for Leo and the candle
        # holder for Max": those, one for each
        return "add_to_cart"
    if (
        words[:1] in (["just"], ["only"])
        and not c.cues
        and not ctx.cart_product_names
        and last in _CART_SHOWN | {"empty_cart"}
        and has_text(c, ctx)
    ):
        return "add_to_cart"  # the cart just emptied, "ok then just the mug please": that
    # "ok the jar then"; "ok, the top one please", "yes, the second one": agreeing to one of
    # the products just offered is taking it
    # ("ok, one of each please": all of them)
    # ("great, 3 of that one please": a count of the one shown)
    if (
        last in {"product_info", "search", "complements"}
        and c.words <= _THAT_ONE_PLEASE
        and "?" not in c.words
        and (
            c.words & {"please", "okay", "ok"}
            or c.tokens[-1].text == "."
            or c.words - {".", "!"} in ({"both"}, {"both", "of", "them"}, {"both", "of", "those"})
        )
        and (c.words & {"that", "this", "both", "those"} or any(p.ordinal for p in c.refs.products))
    ):
        # "that one pls", "ok that one.", "both, please.", "the second of those, please."
        # after a list or products looked at: taking it (or them)
        return "add_to_cart"
    picked = c.has("AFFIRM") and any(p.ordinal is not None or p.all_recent
                                     or (p.anaphora and p.quantity)
                                     for p in c.refs.products)  # fmt: skip
    chose = bool(words) and (words[-1] == "then" or picked)
    if (
        chose
        and last in {"product_info", "search", "complements"}
        and (has_text(c, ctx) or has_reference(c, ctx))
        and all(m.signal in _FOLLOW_CUES for m in c.cues)
    ):
        return "add_to_cart"
    return None


def decide(c: Clause, ctx: ConversationContext) -> tuple[IntentKind, float]:
    """The clause's intent kind and a confidence (rules and order in the module docstring)."""
    if _agreed_to(c, ctx):
        return "affirm", 0.8  # "fine, tea lights it is": agreed, nothing asked
    if ctx.last_intent == "style_statement" and _taste_meant(c):
        # "I love brown", then "no no, I meant black, not brown": the taste corrected (its
        # side, like or dislike, is the earlier statement's: `intent_in_context`)
        return "style_statement", 0.8
    if (
        ctx.last_intent == "create_alert"
        and c.has("MEANT", "DENY")
        and currency_alone(c, ctx)
        and not c.money.price
    ):
        return "create_alert", 0.8  # "sorry, I meant euros not pounds": that alert, in euros
    context_turn = _context_turn(c, ctx)
    if context_turn:
        return context_turn, 0.7
    if _one_more(c):
        return "add_to_cart", 0.7
    if _not_that_one(c, ctx):
        return "remove_from_cart", 0.7
    if _that_in_currency(c, ctx):
        # Right after the cart was shown or changed (its total was the last answer), "that"
        # is the cart; otherwise the product in focus.
        # "the last one you showed, what's that in yen?": that = the one pointed at
        pointed = any(p.ordinal is not None for p in c.refs.products)
        cart_last = ctx.last_intent == "view_cart" or ctx.last_intent in CART_CHANGES
        return ("view_cart" if cart_last and not pointed else "product_info"), 0.8
    if (
        [t.text for t in c.tokens[:1]] == ["actually"]
        and ctx.last_intent in _QUANTITY_AFTER
        and not c.cues
        and has_quantity(c, ctx)
        and _all_in_cart(c, ctx)
    ):
        return "set_quantity", 0.8  # "actually 2 jars" right after a jar went in: two
    corrected = _change_taken_back(c, ctx)
    if corrected:
        return corrected, 0.8
    if (
        ctx.last_intent == "style_statement"
        and _said_no(c)
        and style_target(c, ctx)
        and all(m.signal in _FOLLOW_CUES | {"DENY"} for m in c.cues)
    ):
        return "style_statement", 0.8  # "i like black", then "no gold pls": a dislike
    follow = _follow_up(c, ctx)
    if follow:
        return follow, 0.7
    if _counted_too(c, ctx):
        return "add_to_cart", 0.8  # "1 jar too" with a cart being filled: one more line
    if c.has("MEANT") and has_quantity(c, ctx) and _all_in_cart(c, ctx):
        return "set_quantity", 0.8  # "sorry, I wanted 2 jars" with a jar in the cart
    if _picks_counted(c, ctx) or _the_cheaper_one_chosen(c, ctx):
        return "add_to_cart", 0.8
    if _the_cheaper_one(c, ctx):
        return "product_info", 0.8  # "the cheaper one" of the products just shown
    if (
        c.has("SORT_ASC", "SORT_DESC")
        and c.has("CART", "CART_TO", "VIEW_CART")
        # "put two of the cheapest one in my cart": an add; "double the cheaper of the two
        # things in my cart", "take the dearest thing out of my cart": a change of that line
        and not c.has("ADD", "MULTIPLY", "HALVE", "REMOVE", "INCREASE", "DECREASE")
        and not specific_text(c, ctx)
    ):
        if c.has("COMPARE") and at_other_shops(c, ctx):
            return "compare_prices", 0.9  # "is anything in my cart cheaper at other shops?"
        return "search", 0.8  # "the cheapest thing in my cart": of the cart's lines
    for applies, kind, confidence in RULES:
        if applies(c, ctx):
            return kind, confidence
    return "unknown", 0.3 if c.refs.mentions else 0.1
