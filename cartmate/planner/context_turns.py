"""Clauses read in the light of the previous turn, before the rule table (`decide.RULES`).

A clause with no cue of its own ("the mug too", "3", "what about in euros?", "never mind")
takes its kind from what was asked or done just before (`ConversationContext.last_intent`):
a follow-up of the last request, a count for it, a change taken back, a currency for it.
"""

from __future__ import annotations

from cartmate.planner import lexicon
from cartmate.planner.analysis import Clause
from cartmate.planner.clause_predicates import (
    ASKING,
    FOLLOW_CUES,
    GIFT_IDEAS,
    QUANTITY_AFTER,
    all_in_cart,
    asks_what_is_left,
    currency_alone,
    has_quantity,
    has_reference,
    has_text,
    in_names,
    ordered,
    said_price,
    same_again,
)
from cartmate.planner.common_words import COMMON_WORDS
from cartmate.planner.intents import CART_CHANGES, ConversationContext, IntentKind
from cartmate.planner.recipients import recipient_in
from cartmate.planner.text import agreed_to

_RECIPIENTS = lexicon.PEOPLE | frozenset({"her", "him", "them", "me", "us", "everyone"})
_FOLLOWABLE = frozenset({"add_to_cart", "remove_from_cart", "product_info", "compare_prices",
                         "deal_analysis", "create_alert", "complements",
                         "list_alerts"})  # fmt: skip
_COUNT_OF_IT = frozenset("ok okay yes yeah so then of those them these it that one ones please pls "
                         "x".split())  # fmt: skip
_SHOWN_AGAIN = frozenset({"view_cart", "product_info"})
_THAT_ONE_PLEASE = frozenset(
    {"that", "this", "one", "please", "okay", "ok", "yes", "then", "!", ".", ",", "both", "the",
     "them", "of", "those", "hmm", "first", "second", "third", "fourth", "last", "1", "2", "3", "4"}
)  # fmt: skip

_TAKE_BACK = (["never mind"], ["nevermind"], ["scratch that"], ["forget"])

_DONT = frozenset({"actually", "no", "do", "not", "then", "wait", "oh", "hmm", "nah"})


def change_taken_back(c: Clause, ctx: ConversationContext) -> IntentKind | None:
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
    if last in QUANTITY_AFTER and not named and len(c.refs.free_numbers) == 1:
        return None if c.money.currency else "set_quantity"
    # "thats a lot, nvm the watch" with the cart just shown: out it goes
    in_cart = all_in_cart(c, ctx) or (last in CART_CHANGES and not ctx.cart_product_names)
    if named and last in _CART_SHOWN and c.matched("DENY") in _TAKE_BACK and in_cart:
        return "remove_from_cart"
    return None


#: What a question asks about a product ("sunglasses frame colour", "mug size?").
ATTRIBUTES = frozenset(
    "colour color colours colors material materials made capacity frame strap lens lenses "
    "fabric finish".split()
)


def follow_up(c: Clause, ctx: ConversationContext) -> IntentKind | None:
    """An elliptical follow-up takes the previous request's kind ("the mug too" after an add).

    Only a clause with no cue of its own (a "yes" or "also" is allowed) that names a product,
    a reference or a number; a bare number after a cart change is a new quantity.
    """
    last = ctx.last_intent
    if last is None or any(m.signal not in FOLLOW_CUES for m in c.cues):
        return None
    if last in CART_CHANGES and c.tokens and c.tokens[0].text in ASKING:
        return None  # "is the watch waterproof?" after an add asks about it, adds nothing
    if c.words & GIFT_IDEAS and not has_reference(c, ctx):
        return None  # "birthday presents for my two nephews": ideas wanted, not another add
    if c.words & ATTRIBUTES and not c.money.price and not c.money.max_price:
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
        and in_names(c, ctx.alert_product_names)
        and "?" not in c.words
    ):
        return "create_alert"  # "zero euros for the shakers, actually": that alert's target
    if c.refs.free_numbers and not c.refs.products and last in QUANTITY_AFTER:
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
        if not all_in_cart(c, ctx):
            return "add_to_cart"  # "one fewer", then "and a couple of mugs": not in the cart
    if named and last == "set_quantity":
        return "add_to_cart"  # "make it five", then "and a bamboo jar": another line
    if last == "view_cart" and c.has("FOLLOW") and all_in_cart(c, ctx):
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


def counted_too(c: Clause, ctx: ConversationContext) -> bool:
    """ "1 jar too", "2 mugs as well": a count of a product said as one more thing, no cue
    or question, while the shopper has a cart."""
    return (
        bool(ctx.cart_product_names)
        and bool(c.words & {"too", "also"} or "as well" in " ".join(t.text for t in c.tokens))
        and "?" not in c.words
        and all(m.signal in FOLLOW_CUES for m in c.cues)
        and any(p.quantity and p.text for p in c.refs.products)
        and has_text(c, ctx)
    )


def agreed_in_passing(c: Clause, ctx: ConversationContext) -> bool:
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
        and all(m.signal in FOLLOW_CUES for m in c.cues)
    )


def taste_meant(c: Clause) -> bool:
    """ "I meant black, not brown", "sorry, I meant silver, not gold - gold is fine": style
    words only, said as what was meant (what "not" takes back is out of the clause by now:
    `analysis`'s exclusions)."""
    words = c.content_words
    return (
        c.has("MEANT")
        and any(w in lexicon.STYLE_WORDS for w in words)
        and all(w in lexicon.STYLE_WORDS or w in {"fine", "okay", "ok"} for w in words)
    )


def said_no(c: Clause) -> bool:
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
        or in_names(c, names)
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


def one_more(c: Clause) -> bool:
    """ "another one", "and another", "another mug": said with no verb, one more of it."""
    return all(m.signal in FOLLOW_CUES for m in c.cues) and any(
        t.raw.lower() in {"another", "a second"} for t in c.tokens
    )


def not_that_one(c: Clause, ctx: ConversationContext) -> bool:
    """ "not the first one", "no wait, not the mug", right after an add: that one was a
    mistake, so it comes out (never added again because a product was named)."""
    return (
        ctx.last_intent in QUANTITY_AFTER
        and bool(c.words & {"not", "no"})  # "actually no candle holder"
        and bool(c.refs.products)
        and all(m.signal in FOLLOW_CUES | {"DENY"} for m in c.cues)
    )


def that_in_currency(c: Clause, ctx: ConversationContext) -> bool:
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


def kind_from_context(c: Clause, ctx: ConversationContext) -> IntentKind | None:
    """Requests that only make sense after the previous one.

    "list them again" repeats a listing; "put the mug back" after a removal adds it again
    (elsewhere it is a removal: back on the shelf); "ok the jar then" or "ok, the top one"
    after looking at products is a choice: it goes in the cart.
    """
    last = ctx.last_intent
    asks_nothing_else = all(m.signal in {"FOLLOW", "AFFORD"} for m in c.cues)
    if (
        last == "view_cart"
        and asks_nothing_else
        and not has_text(c, ctx)
        and recipient_in(c.tokens)
    ):
        return "view_cart"  # "how much am I spending on the kids?" - "and on my wife?"
    if last == "add_to_cart" and same_again(c, ctx):
        return "add_to_cart"  # "same for her sister", "same again for my cousin"
    if last == "create_alert" and "same" in c.words and has_text(c, ctx) and "?" not in c.words:
        return "create_alert"  # "same for the watch pls": that alert on the watch too
    if last in _SHOWN_AGAIN and c.has("MEANT") and currency_alone(c, ctx):
        return last  # "sorry, I meant pounds" after a price in euros: that again, in pounds
    if last == "create_alert" and c.has("MEANT") and said_price(c, ctx) and not has_text(c, ctx):
        return "create_alert"  # "sorry, I meant 40 pounds" after an alert: that alert, changed
    if last in QUANTITY_AFTER and c.has("MEANT_OTHER"):
        return "remove_from_cart"  # then the other one goes in: see understanding._per_swap
    if last in QUANTITY_AFTER and c.has("MEANT") and has_text(c, ctx):
        if has_quantity(c, ctx) and all_in_cart(c, ctx):
            return "set_quantity"  # "sorry, I wanted 2 jars" with the jar just added: two
        if last == "add_to_cart" and not ctx.cart_product_names:
            return "add_to_cart"  # the add was not done ("which black one?"): just that
        return "remove_from_cart"  # "I meant loafers": the one just added out, loafers in
    if last == "create_alert" and c.has("MEANT") and has_quantity(c, ctx) and not has_text(c, ctx):
        return "create_alert"  # "no wait, I said that wrong, make it ninety": the alert's target
    if (
        (last in QUANTITY_AFTER or ctx.cart_product_names)
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
        and all(m.signal in FOLLOW_CUES for m in c.cues)
    ):
        return "add_to_cart"
    return None
