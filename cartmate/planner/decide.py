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

from cartmate.planner.analysis import Clause
from cartmate.planner.clause_predicates import (
    FOLLOW_CUES,
    QUANTITY_AFTER,
    Rule,
    a_remark,
    added_instead,
    after_an_add,
    after_the_cart,
    alert_change,
    alert_details,
    alert_product,
    all_in_cart,
    all_of,
    anything_within,
    arithmetic,
    asks,
    asks_colour_of_it,
    asks_fit,
    asks_its_colour,
    at_other_shops,
    browsing,
    budget_said,
    budget_stated,
    cart_category,
    colour_of_named,
    currency_alone,
    currency_word,
    definite,
    either_or,
    exists_that_suits,
    filters,
    for_me,
    generic_mention,
    has_quantity,
    has_reference,
    has_text,
    in_a_cart,
    in_cart_or_unnamed,
    left_over,
    not_,
    nothing_to_complete,
    only_means_add,
    ordered,
    picks_counted,
    price_after_the_name,
    price_of_more,
    recently_shown,
    said_price,
    says_taste,
    searched_shopping,
    shopping_words,
    sig,
    something_of_a_kind,
    specific_text,
    spent_on_someone,
    style_target,
    the_cheaper_one,
    the_cheaper_one_chosen,
    the_one_for_an_alert,
    two_products_no_price,
    wants_specific,
    within_what_is_left,
    yes_no_about_a_product,
)
from cartmate.planner.context_turns import (
    ATTRIBUTES,
    agreed_in_passing,
    change_taken_back,
    counted_too,
    follow_up,
    kind_from_context,
    not_that_one,
    one_more,
    said_no,
    taste_meant,
    that_in_currency,
)
from cartmate.planner.intents import CART_CHANGES, ConversationContext, IntentKind

__all__ = ["SOCIAL_ORDER", "decide"]


#: Social signals and their kinds, most telling first ("hi, what can you do?" is help).
SOCIAL_ORDER: tuple[tuple[str, IntentKind], ...] = (
    ("HELP", "help"), ("BYE", "goodbye"), ("DENY", "deny"), ("THANKS", "thanks"),
    ("CHAT", "chat"), ("AFFIRM", "affirm"), ("GREET", "greet"),
)  # fmt: skip


# --- Predicates ------------------------------------------------------------------------------


# --- Rules -----------------------------------------------------------------------------------


RULES: tuple[Rule, ...] = (
    # "when would they arrive?", "any coupon?", "change the price yourself": not ours to say
    # ("change the hairdryer alert price to 18" is the shopper's own alert)
    (all_of(sig("NOT_OURS"), not_(sig("ALERT_WORD", "ALERT_CREATE", "ALERT_LIST"))),
     "out_of_scope", 0.95),
    # "can you recommend a good pizza place near me?": not the shop ("place" is no add here)
    (all_of(sig("OOS"), not_(shopping_words), not_(sig("ALERT_CREATE", "ALERT_WORD"))),
     "out_of_scope", 0.9),
    (sig("ANALYSE"), "analyse_style", 0.9),
    # "how much am I spending on the kids?", "how much are dad's presents?": the cart, by who
    (spent_on_someone, "view_cart", 0.9),
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
    (exists_that_suits, "search", 0.9),
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
    (all_of(has_text, lambda c, _: bool(c.words & ATTRIBUTES)), "product_info", 0.7),
    (all_of(has_text, shopping_words), "search", 0.7),
)  # fmt: skip


def decide(c: Clause, ctx: ConversationContext) -> tuple[IntentKind, float]:
    """The clause's intent kind and a confidence (rules and order in the module docstring)."""
    if agreed_in_passing(c, ctx):
        return "affirm", 0.8  # "fine, tea lights it is": agreed, nothing asked
    if ctx.last_intent == "style_statement" and taste_meant(c):
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
    context_turn = kind_from_context(c, ctx)
    if context_turn:
        return context_turn, 0.7
    if one_more(c):
        return "add_to_cart", 0.7
    if not_that_one(c, ctx):
        return "remove_from_cart", 0.7
    if that_in_currency(c, ctx):
        # Right after the cart was shown or changed (its total was the last answer), "that"
        # is the cart; otherwise the product in focus.
        # "the last one you showed, what's that in yen?": that = the one pointed at
        pointed = any(p.ordinal is not None for p in c.refs.products)
        cart_last = ctx.last_intent == "view_cart" or ctx.last_intent in CART_CHANGES
        return ("view_cart" if cart_last and not pointed else "product_info"), 0.8
    if (
        [t.text for t in c.tokens[:1]] == ["actually"]
        and ctx.last_intent in QUANTITY_AFTER
        and not c.cues
        and has_quantity(c, ctx)
        and all_in_cart(c, ctx)
    ):
        return "set_quantity", 0.8  # "actually 2 jars" right after a jar went in: two
    corrected = change_taken_back(c, ctx)
    if corrected:
        return corrected, 0.8
    if (
        ctx.last_intent == "style_statement"
        and said_no(c)
        and style_target(c, ctx)
        and all(m.signal in FOLLOW_CUES | {"DENY"} for m in c.cues)
    ):
        return "style_statement", 0.8  # "i like black", then "no gold pls": a dislike
    follow = follow_up(c, ctx)
    if follow:
        return follow, 0.7
    if counted_too(c, ctx):
        return "add_to_cart", 0.8  # "1 jar too" with a cart being filled: one more line
    if c.has("MEANT") and has_quantity(c, ctx) and all_in_cart(c, ctx):
        return "set_quantity", 0.8  # "sorry, I wanted 2 jars" with a jar in the cart
    if picks_counted(c, ctx) or the_cheaper_one_chosen(c, ctx):
        return "add_to_cart", 0.8
    if the_cheaper_one(c, ctx):
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
