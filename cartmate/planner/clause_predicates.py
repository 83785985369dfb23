"""Tests on a clause that the intent rules are built from (`decide.RULES`).

Each predicate takes the clause and the conversation so far and says one thing about them:
"names a product", "asks about the cart", "states a budget". They are small and combinable
(`all_of`, `not_`, `sig`) so a rule reads as the condition a person would state.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.intents import ConversationContext, IntentKind, ProductRef
from cartmate.planner.recipients import GIFT_NOUNS, recipient_in, recipients_in

Predicate = Callable[[Clause, ConversationContext], bool]

_MATHS = frozenset({"+", "*", "/", "x", "^", "=", "times", "plus", "minus", "divided"})

_PRICE_WORDS = frozenset({"price", "prices", "cheaper", "elsewhere", "stores"})


def generic_ref(ref: ProductRef) -> bool:
    """A mention made only of generic words ("stuff", "items") or of days and times ("by
    Friday") names no product."""
    generic = lexicon.QUERY_GENERIC | lexicon.TIME_WORDS
    return bool(ref.text) and all(w in generic for w in (ref.text or "").split())


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


def in_names(c: Clause, names: tuple[str, ...]) -> bool:
    return any(name_matches(m, n) for m in c.refs.mentions for n in names)


def recently_shown(c: Clause, ctx: ConversationContext) -> bool:
    names = (*ctx.recent_product_names, *filter(None, [ctx.focus_product_name]))
    return has_text(c, ctx) and in_names(c, names)


def definite(c: Clause, _: ConversationContext) -> bool:
    return c.refs.definite


GIFT_IDEAS = frozenset(
    {"gift", "gifts", "present", "presents", "ideas", "idea", "things", "stuff", "bits"}
)


def wants_specific(c: Clause, ctx: ConversationContext) -> bool:
    """'I want the mug / two of those / the second one' (an add), not 'I want a watch'."""
    if c.has("SEARCH", "INFO") or {"see", "look", "browse"} & c.words:
        return False
    if c.words & GIFT_IDEAS and not has_reference(c, ctx):
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


_SPENDING = frozenset({"spending", "spend", "spent", "paying", "costing"})


def spent_on_someone(c: Clause, _: ConversationContext) -> bool:
    """ "How much am I spending on the kids?", "how much are dad's presents?", "what's my
    sister getting?": what the cart holds for someone (a person said, no product)."""
    if recipient_in(c.tokens) is None:
        return False
    how_much = {"how", "much"} <= c.words
    several = len(recipients_in(c.tokens)) > 1  # "for my brother and my uncle together"
    if how_much and (c.words & _SPENDING or c.words & GIFT_NOUNS or several):
        return not any(p.text and p.text not in GIFT_NOUNS for p in c.refs.products)
    return "getting" in c.words and bool(c.words & {"what", "what's", "whats"})


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
    if c.tokens and c.tokens[0].text in ASKING or c.words & GIFT_IDEAS or said:
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
    # "Loafers for my dad, please.": who it is for and "please" make it an order too
    counted = counted or (for_someone and politely)
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


_EXISTS = (("is", "there"), ("are", "there"), ("do", "you", "have"), ("have", "you", "got"))


def exists_that_suits(c: Clause, _: ConversationContext) -> bool:
    """ "is there a hairdryer that's good for travel?": whether the shop has one that fits,
    a search (not a question about one product); the "good for" is in its relative clause."""
    words = [t.text for t in c.tokens]
    if not any(tuple(words[: len(e)]) == e for e in _EXISTS):
        return False
    info = next((m.start for m in c.cues if m.signal == "INFO"), None)
    return info is not None and any(w in {"that", "which"} for w in words[2:info])


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
        return not in_names(c, ctx.cart_product_names)
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
        and in_names(c, ctx.alert_product_names)
        and not in_names(c, ctx.cart_product_names)
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
        return in_names(c, ctx.alert_product_names) and (
            its_one or not in_names(c, ctx.cart_product_names)
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
    if x_one_to and said and has_text(c, ctx) and in_names(c, ctx.alert_product_names):
        return True  # "the watch one to 95 instead", whatever came before: the watch's alert
    x_one_n = any(
        words[i].raw == "one" and words[i + 1].is_number and words[i - 1].is_word
        for i in range(1, len(words) - 1)
    )
    if (
        x_one_n
        and ctx.last_intent in {"list_alerts", "create_alert", "delete_alert"}
        and has_text(c, ctx)
        and in_names(c, ctx.alert_product_names)
    ):
        return True  # "make the tank top one 14 instead" right after alerts: its alert
    if ctx.last_intent not in {"list_alerts", "create_alert", "delete_alert"}:
        return False
    if not (c.has("SETQ") and said):
        return False
    if has_text(c, ctx):
        named = in_names(c, ctx.alert_product_names)
    else:
        # "fine, make it 15 quid then" right after an alert on the product in focus was set
        # (or refused): that alert, a new target
        named = (
            len(ctx.alert_product_names) == 1
            or ctx.focus_product_name in ctx.alert_product_names
            or ctx.last_intent == "create_alert"
        )
    return named and not (has_text(c, ctx) and in_names(c, ctx.cart_product_names))


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


Rule = tuple[Predicate, IntentKind, float]

# ("do I have an alert on the loafers?", then "and the watch?": the alerts again)

QUANTITY_AFTER = frozenset({"add_to_cart", "set_quantity"})


FOLLOW_CUES = frozenset({"AFFIRM", "FOLLOW"})

#: A clause that starts with these asks a question.
ASKING = frozenset("is are does do did can could will would has have what which how why where "
                   "who".split())  # fmt: skip


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
        and (specific_text(c, ctx) or in_names(c, talked_of))  # "the top": the tank top
        and c.money.max_price is None
        and c.money.min_price is None
    )


def the_cheaper_one(c: Clause, ctx: ConversationContext) -> bool:
    """ "the cheaper one" with two or more products just shown, and nothing else asked."""
    words = [t.text for t in c.tokens]
    wanted = [["the", w, "one"] for w in ("cheaper", "pricier", "dearer")]
    return (
        len(ctx.recent_product_names) > 1
        and all(m.signal in {"SORT_ASC", "SORT_DESC"} for m in c.cues)
        and any(words[i : i + 3] in wanted for i in range(len(words) - 2))
    )


_CHOSEN = frozenset({"please", "pls", "plz", "then", "take", "go", "buy", "get"})


def the_cheaper_one_chosen(c: Clause, ctx: ConversationContext) -> bool:
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


def picks_counted(c: Clause, ctx: ConversationContext) -> bool:
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
        and not exists_that_suits(c, _)  # "is there a hairdryer that's good for travel?"
    )


def in_cart_or_unnamed(c: Clause, ctx: ConversationContext) -> bool:
    """The clause names no product, or only products in the cart."""
    return not has_text(c, ctx) or all_in_cart(c, ctx)


def all_in_cart(c: Clause, ctx: ConversationContext) -> bool:
    """Every product the clause names is one of the cart's lines ("jars": Bamboo Glass Jar)."""
    named = [p.text for p in c.refs.products if p.text]
    return bool(named) and all(
        any(name_matches(text, line) for line in ctx.cart_product_names) for text in named
    )
