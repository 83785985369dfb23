"""The offline planner's words: answers written from tool results, never invented.

Every product name, price and id in a reply comes from a tool result in the request. Small talk
(greetings, help, thanks, out of scope) is fixed text that says what CartMate can do.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cartmate.discovery.text import is_generic
from cartmate.models.offline.gifts import recipient_of, same_person
from cartmate.models.offline.reading import understand_once
from cartmate.models.offline.recall import verdict
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.shops import shop_word, words_of
from cartmate.models.offline.waiting_requests import condition_checks, verdict_sentence
from cartmate.models.offline.wording import join_and as _join
from cartmate.models.offline.wording import join_or
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.decide import YES_NO
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.lexicon import COLOURS, SHOPPING_NOUNS

__all__ = ["HELP_TEXT", "reply_from_outcomes", "small_talk"]

HELP_TEXT = (
    'I can search the catalog ("sunglasses under $25", "something for the kitchen"), '
    'tell you about a product, manage your cart ("add two mugs", "remove the watch", '
    '"show my cart"), show prices in another currency ("prices in euros"), compare prices '
    'with other shops and set price alerts ("tell me if the loafers drop below $80"), '
    "and learn your style from a photo."
)

_CART_TOOLS = frozenset(
    {"view_cart", "add_to_cart", "remove_from_cart", "set_cart_quantity", "empty_cart"}
)


#: Asking for an earlier order again ("the same as last time"): no order history here.
_PAST_ORDERS = re.compile(
    r"\b(same as (last time|before)|my usual|last order|re-?order|order again|past orders?)\b",
    re.IGNORECASE,
)
#: Words asking where a product sits in the shop.
_CATEGORY_WORDS = frozenset({"category", "categories", "department", "section", "aisle"})


def _pick(seed: str, options: Sequence[str]) -> str:
    """A stable choice, so the same conversation always reads the same."""
    return options[zlib.crc32(seed.encode()) % len(options)]


def small_talk(intent: Intent, view: RequestView) -> str:
    seed = view.user_text
    kind = intent.kind
    if kind == "greet":
        return (
            _pick(
                seed,
                [
                    "Hi! I'm CartMate, your shopping assistant. ",
                    "Hello! I'm CartMate. ",
                    "Hey there! CartMate here. ",
                ],
            )
            + "What are you looking for today? "
            + HELP_TEXT
        )
    if kind == "help":
        return HELP_TEXT
    if kind == "thanks":
        return _pick(seed, ["You're welcome!", "Happy to help!", "Any time!"]) + (
            " Anything else I can find for you?"
        )
    if kind == "goodbye":
        return "Goodbye! Your cart will be here when you come back."
    if kind == "affirm":
        return "Great! What would you like to do next?"
    if kind == "deny":
        return "No problem. Anything else I can help you find?"
    if kind == "chat":
        return _chat(seed)
    if kind == "out_of_scope":
        if _PAST_ORDERS.search(view.user_text):
            return (
                "I don't have your past orders, so I can't repeat one. Tell me what you'd like "
                "and I'll put it in your cart."
            )
        return declined(view.user_text) + " " + HELP_TEXT
    # asked back, never guessed: what the shopper wants is a question to them
    return "Sorry, I didn't understand that. What would you like me to do? " + HELP_TEXT


_ABOUT_ME = re.compile(r"\b(you|your|you're|yours)\b")
_FEELINGS = re.compile(r"\b(excited|thrilled|stoked|can'?t wait|cannot wait)\b")


def _chat(said: str) -> str:
    """Small talk answered briefly and warmly, then back to shopping: about the assistant
    ("how's your day going?"), the shopper's news ("so excited!") or a sigh ("decisions,
    decisions")."""
    text = said.lower()
    if _ABOUT_ME.search(text) and re.search(r"\b(job|work)\b", text):
        return ("I do! Helping people find things they'll love is the best part of it. What "
                "can I find for you?")  # fmt: skip
    if _ABOUT_ME.search(text):
        return _pick(said, [
            "I'm doing well, thanks for asking! I'm CartMate: helping you shop is what I do "
            "best. What can I find for you?",
            "All good here, thanks! I'm CartMate, your shopping assistant. What would you like "
            "to look at next?",
        ])  # fmt: skip
    if _FEELINGS.search(text):
        return "That sounds great! If you need anything for it, tell me what you're after."
    return "Take your time! Tell me when you'd like to look at something else."


#: What a shop assistant here cannot say or do, by what the shopper asked: said plainly,
#: never made up (no delivery dates, return windows, discounts or price changes).
_DECLINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(deliver\w*|arriv\w*|ship\w*|get here|in time|by (mon|tues|wednes|thurs|fri|"
                r"satur|sun)day)\b"),
     "I can't tell you delivery times or costs, or promise a delivery date."),
    (re.compile(r"\b(return\w*|refund\w*|send (it|them) back|exchange)\b"),
     "I can't tell you about returns or refunds."),
    (re.compile(r"\b(opening hours|open|shop in|store in|physical (shop|store))\b"),
     "I can't help with opening hours or shops: I only know this online shop's catalog."),
    (re.compile(r"\b(coupon|voucher|promo|discount|cheaper for me|yourself|for free|free of "
                r"charge|ignore|(set|change|lower) the .*price to)\b"),
     "I can't change prices or give discounts: the prices are the shop's."),
    (re.compile(r"\bprice match"), "I can't promise to match other shops' prices."),
    (re.compile(r"\b(paypal|apple pay|google pay|klarna|credit card|debit card|pay with|pay by|"
                r"payments?)\b"),
     "I can't tell you which payment methods the checkout takes."),
    (re.compile(r"\b(sale|black friday|cyber monday|loyalty|points|rewards)\b"),
     "I can't tell you about sales or loyalty schemes: I only know today's prices."),
    (re.compile(r"\b(wrap\w*|gift (message|note|receipt)|(card|note|message) (in|with))\b"),
     "I can't arrange gift wrapping or gift messages: the checkout handles those."),
    (re.compile(r"\b(phone number|email address|customer service|human|real person)\b"),
     "I can't put you in touch with the shop's staff: I'm the shop's assistant for products, "
     "your cart and prices."),
)  # fmt: skip


def declined(said: str) -> str:
    """What the assistant cannot help with in `said`, plainly."""
    text = said.lower()
    found = [answer for pattern, answer in _DECLINES if pattern.search(text)]
    return " ".join(dict.fromkeys(found)) or (
        "I can only help with shopping here, so I can't answer that."
    )


_READ_OUT_WHOLE = 8


def _products_sentence(products: list[dict[str, Any]], limit: int = 5) -> str:
    if len(products) <= _READ_OUT_WHOLE:
        limit = len(products)  # a short list is read out whole: no "and 1 more"
    shown = [f"{p['name']} ({p['display_price']})" for p in products[:limit]]
    more = len(products) - limit
    return _join(shown) + (f", and {more} more" if more > 0 else "")


def _cart_sentence(cart: dict[str, Any]) -> str:
    items = cart.get("items") or []
    if not items:
        return "Your cart is empty."
    count = cart.get("item_count", sum(i["quantity"] for i in items))
    lines = [f"{i['quantity']} × {i['name']}" for i in items]
    noun = "item" if count == 1 else "items"
    return f"Your cart has {count} {noun}: {_join(lines)}. Total: {cart['display_total']}."


def _error_sentence(result: dict[str, Any]) -> str:
    code = result.get("code")
    message = str(result.get("message") or "Something went wrong.")
    if code == "ambiguous_product":
        names = [c["name"] for c in result.get("candidates") or []]
        return f"Did you mean {' or '.join(names)}?" if names else message
    if code in ("unavailable", "timeout"):
        return message + " Please try again in a moment."
    return message


def _quoted_cart(r: dict[str, Any]) -> str:
    """ "with 2 more Bamboo Glass Jars your cart would come to €92.76 (it's €83.04 now)"."""
    said = []
    cart = r.get("cart") or {}
    left = {i["product_id"] for i in cart.get("items") or []}
    for change in r.get("changes") or []:
        n, product = int(change.get("change") or 0), change["product"]
        if n < 0 and product["id"] not in left:
            said.append(f"no {product['name']}")
        elif n:
            said.append(f"{abs(n)} {'more' if n > 0 else 'fewer'} of the {product['name']}")
    if not said:
        return f"That changes nothing: your cart comes to {r.get('display_current_total')}."
    held = _join([f"{i['quantity']} × {i['name']}" for i in cart.get("items") or []])
    return (
        f"With {_join(said)}, your cart would come to {cart.get('display_total')} "
        f"({held or 'nothing'}); it's {r.get('display_current_total')} now. "
        "I haven't changed anything."
    )


def budget_sentence(status: dict[str, Any]) -> str:
    """What the cart leaves of the budget, or how far over it goes (exact money)."""
    if status.get("display_over"):
        return (
            f"That's {status['display_over']} over your {status['display_budget']} budget "
            f"(the cart comes to {status['display_cart_total']})."
        )
    total = status.get("cart_total")
    if status.get("display_left") and total and not Money.from_dict(total).is_zero():
        return f"That leaves {status['display_left']} of your {status['display_budget']} budget."
    return ""


def _cart_action(outcome: ToolOutcome) -> str:
    r = outcome.response
    product = (r.get("product") or {}).get("name", "")
    return {
        "add_to_cart": f"Added {r.get('quantity', 1)} × {product} to your cart"
        + (f" (for {r['for_whom']})." if r.get("for_whom") else "."),
        "remove_from_cart": f"Removed {product} from your cart.",
        "set_cart_quantity": f"Updated {product} to {r.get('quantity')}.",
        "empty_cart": "Your cart is now empty.",
    }.get(outcome.name, "")


# Before a word, these make it a use or a place ("something for the beach", "to keep in my
# gym bag"), not the thing asked for.
_USE_WORDS = frozenset(
    "for in into on onto with under at to from by during around near beside inside like".split()
)
_QUANTIFIERS = frozenset({"a", "an", "any", "some"})
_SEEKING = frozenset({"look", "looking", "search", "searching", "hunting", "shopping", "after"})
_ASKING = frozenset("have sell stock carry got need want buy find".split())
# Nouns that make the word before them a modifier ("summer things", "kitchen stuff").
_KINDS = frozenset("things thing stuff items item products product gear clothes wear".split())
_TOKEN = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")


def _asked_as_thing(word: str, user_text: str) -> str | None:
    """How the shopper asked for `word` as a thing to buy ("a bag", "any bags", "snacks"),
    or None when they used it as a use, a place or a modifier ("for the beach", "in my gym
    bag", "summer things")."""
    tokens = _TOKEN.findall(user_text.lower())
    stem = word.lower()[: max(3, len(word) - 2)]
    for k, token in enumerate(tokens):
        if not token.startswith(stem) or not word.lower().startswith(token[: len(stem)]):
            continue
        if len(token) > len(word) + 2:
            continue  # a longer word that merely starts the same ("table" in "tablets")
        before = tokens[max(0, k - 3) : k]
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        uses = [i for i in range(max(0, k - 3), k) if tokens[i] in _USE_WORDS]
        if any(i == 0 or tokens[i - 1] not in _SEEKING for i in uses):
            continue  # "for the beach", but "looking for a bag" is asking for one
        if after.isalpha() and (after in _KINDS or not (is_generic(after) or after in _USE_WORDS)):
            continue  # a modifier: "beach days", "summer things", "gym bag" (for "gym")
        start = next((i for i in (-1, -2) if -i <= len(before) and before[i] in _QUANTIFIERS), 0)
        if not start and not _ASKING & set(before):
            continue  # "show me summer" is no request for a summer
        return " ".join([*(before[start:] if start else []), token])  # "a new shelf"
    return None


def _in_dollars_too(view: RequestView, product: dict[str, Any]) -> str:
    """ " ($24.99)" when the price is in a currency kept from an earlier question, not one
    this message asked for ("how much are they in euros?", then "and something to dry my
    hair - what does that cost?"): either reading is then answered."""
    code = (product.get("price") or {}).get("currency_code")
    chosen = view.state.get("chosen_currency") or view.state.get("display_currency") or "USD"
    if code in (None, chosen) or chosen != "USD" or _currencies_said(view.user_text):
        return ""
    known = [view.state.get("focus_product") or {}, *(view.state.get("recent_products") or [])]
    nanos = next(
        (k["price_usd_nanos"] for k in known
         if k.get("id") == product.get("id") and "price_usd_nanos" in k),
        None,
    )  # fmt: skip
    return f" ({Money.from_nanos('USD', int(nanos)).format()})" if nanos is not None else ""


def _currencies_said(text: str) -> bool:
    intent = understand_once(text, False, None)
    return any(i.currency for i in (intent, *intent.secondary))


#: an add asked for ("put something to wear in my cart") that a search answered
_ADD_SAID = re.compile(r"\b(add|put|throw|pop|stick)\b")


def _add_follows(view: RequestView) -> bool:
    """The message's own add comes after the search ("add the cheapest thing in
    accessories"): no question about it."""
    intent = understand_once(view.user_text, False, None)
    return any(i.kind == "add_to_cart" for i in (intent, *intent.secondary))


def _mentioning(r: dict[str, Any], products: list[dict[str, Any]], view: RequestView) -> str:
    """For "Do you have a bag?" when the products found only mention one: no, and which do."""
    for word in reversed(r.get("mentioned_only") or []):  # the head noun is said last
        asked = _asked_as_thing(word, view.user_text)
        if asked is None:
            continue
        article = asked.split()[0]
        pronoun = "one" if article in ("a", "an") else ("them" if asked.endswith("s") else "it")
        lead = f"Sorry, I don't have {asked} as such"
        if len(products) > 1:
            return f"{lead}; these only mention {pronoun}: {_products_sentence(products)}."
        product = products[0]
        stem = re.escape(word.lower()[: max(3, len(word) - 2)])
        sentence = next(
            (
                s.strip()
                for s in re.split(r"(?<=[.!?])\s+", product.get("description") or "")
                if re.search(rf"\b{stem}", s, re.I)
            ),
            "",
        )
        quoted = f': "{sentence}"' if sentence else "."
        return f"{lead}. {_products_sentence([product])} only mentions {pronoun}{quoted}"
    return ""


def _nothing_found(r: dict[str, Any]) -> str:
    """An empty search, saying which bound left nothing ("no sunglasses under $19.98")."""
    filters = r.get("filters") or {}
    bound = filters.get("max_price") or filters.get("min_price")
    currency = filters.get("price_currency")
    if bound and currency:
        try:
            said = Money.from_decimal(Decimal(str(bound)), currency).format()
        except (ArithmeticError, ValueError):
            said = f"{bound} {currency}"
        side = "under" if filters.get("max_price") else "over"
        what = r.get("query") or filters.get("category") or "products"
        if filters.get("max_price") and not Decimal(str(bound)):
            return "Nothing, I'm afraid: your cart already uses all of your budget."
        return f"I couldn't find any {what} {side} {said}."
    if filters.get("excluded"):  # "what else do you have": everything fitting was shown
        what = r.get("query") or filters.get("category")
        return (
            f"That's all I have{f' for {what}' if what else ''}: you've seen every match. "
            "Try other words, or ask what's in another category."
        )
    return "I couldn't find anything matching that. Try other words, or ask what's in a category."


def _one(outcome: ToolOutcome, view: RequestView) -> str:
    r = outcome.response
    if r.get("status") == "error":
        return _error_sentence(r)
    name = outcome.name
    if name == "search_products":
        products = r.get("products") or []
        if not products:
            return _nothing_found(r)
        count = len(products)
        if (
            (r.get("filters") or {}).get("among") == 1
            and r.get("styled") is not None
            and not (r.get("query"))
        ):
            # "would the watch suit me?": what the shopper's profile says of it
            product = products[0]
            if not r.get("styled"):
                return (
                    f"I don't know your style yet, so I can't say whether {product['name']} "
                    "suits you. Tell me what you like, or send a photo of an outfit."
                )
            why = product.get("why")
            if why and why.startswith("clashes"):
                return f"Probably not: {product['name']} {why}."
            if why:
                return f"Yes, {product['name']} {why}."
            return f"Your style profile says nothing for or against {product['name']}."
        if (r.get("filters") or {}).get("among"):  # "which would make a better gift?"
            category = r["filters"].get("category")
            if category and not r.get("relaxed") and not r["filters"].get("sort"):
                # "which of those are for the kitchen?": every one of them that is
                verb = "is" if len(products) == 1 else "are"
                listed = _products_sentence(products)
                return f"Of those, {listed} {verb} in the {category} category."
            colour = r.get("query") or ""
            if colour and set(colour.split()) <= COLOURS:  # "is there one in black?"
                if r.get("relaxed"):
                    return f"No, none of those is {colour}."
                found = f"of those, {_products_sentence(products[:1])} is {colour}."
                if view.user_text.lstrip().lower().startswith("which"):
                    return found[0].upper() + found[1:]  # "which one is black?": no "yes"
                return f"Yes: {found}"
            if r.get("relaxed"):
                two = r["filters"]["among"] == 2
                return (
                    f"{'Neither' if two else 'None of them'} says anything about "
                    f'"{r.get("query")}"; {"both" if two else "any of them"} would do.'
                )
            sort = (r.get("filters") or {}).get("sort")
            if sort in ("price_asc", "price_desc"):  # "the most expensive thing in my cart"
                two = r["filters"]["among"] == 2
                which = (
                    ("the cheaper" if two else "the cheapest")
                    if sort == "price_asc"
                    else ("the pricier" if two else "the most expensive")
                )
                other = ""
                if two and len(products) == 2 and all(p.get("price") for p in products):
                    # "which is cheaper, the hairdryer or the sunglasses?": both prices
                    first, second = (Money.from_dict(p["price"]) for p in products)
                    if first == second:
                        ask = " Which one should I add?" if _add_follows(view) else ""
                        return (f"{products[0]['name']} and {products[1]['name']} cost the "
                                f"same: {first.format()} each.{ask}")  # fmt: skip
                    other = f"; {products[1]['name']} is {second.format()}"
                    if "how much" in view.user_text.lower():  # "... and by how much?"
                        more = second > first
                        gap = (second - first) if more else (first - second)
                        other += f", {gap.format()} {'more' if more else 'less'}"
                return f"Of those, {which} is {_products_sentence(products[:1])}{other}."
            why = products[0].get("why")
            if why and not why.startswith("clashes"):  # "which of these is more me?"
                return f"Of those, {_products_sentence(products[:1])} is most you: it {why}."
            return f"Of those, {_products_sentence(products[:1])} fits that best."
        if r.get("relaxed"):
            return (
                f'Nothing matched "{r.get("query")}" exactly, but these fit your budget: '
                f"{_products_sentence(products)}."
            )
        if mentioning := _mentioning(r, products, view):
            return mentioning
        if r.get("unmatched"):  # "got any nike shoes": no Nike here; what there is
            missing = " or ".join(f'"{w}"' for w in r["unmatched"])
            return (
                f"Sorry, I don't have anything for {missing}. The closest I have: "
                f"{_products_sentence(products)}."
            )
        if count == 1:
            lead = _pick(view.user_text, ["I found one match", "One product fits", "Here's one"])
        else:
            lead = _pick(
                view.user_text,
                [
                    f"I found {count} products",
                    f"Here are {count} products",
                    f"{count} products match",
                ],
            )
        styled = next((p for p in products if p.get("why")), None)
        note = f" {styled['name']} {styled['why']}." if styled else ""
        filters = r.get("filters") or {}
        if filters.get("not_wanted") and filters.get("for_recipient"):
            note += " I've left out what you said they don't like."
        elif filters.get("not_wanted"):
            note += " I've left out the kinds of things you said you don't want."
        if _ADD_SAID.search(view.user_text.lower()) and (not _add_follows(view) or count > 1):
            # "put something to wear in my cart": a kind of thing, no product chosen yet;
            # "if there's anything under 10 dollars, add it" with several: which?
            note += " Shall I add it?" if count == 1 else " Which one should I add?"
        return f"{lead}: {_products_sentence(products)}.{note}"
    if name == "list_categories":
        cats = [f"{c['name']} ({c['count']})" for c in r.get("categories") or []]
        return f"The shop has these categories: {_join(cats)}."
    if name == "get_product_details":
        p = r["product"]
        availability = "It's available." if r.get("available", True) else "It's not available now."
        price = f"{p['display_price']}{_in_dollars_too(view, p)}"
        text = f"{p['name']} costs {price}. {p['description']} {availability}"
        if p.get("categories") and _CATEGORY_WORDS & set(view.user_text.lower().split()):
            # "what category is the candle holder in?"
            text += f" It's in {_join(p['categories'])}."
        return text
    if name == "suggest_complements":
        products = r.get("products") or []
        if not products:
            return "I don't have anything to suggest with that yet."
        target = _join(r.get("for") or []) or "your cart"
        return f"To go with {target}, you could try {_products_sentence(products)}."
    if name == "quote_cart":
        return _quoted_cart(r)
    if name in _CART_TOOLS:
        action = _cart_action(outcome)
        said = action if name == "empty_cart" else f"{action} {_cart_sentence(r.get('cart') or {})}"
        return f"{said} {budget_sentence(r.get('budget') or {})}".strip()
    if name == "suggest_bundle":
        products = r.get("products") or []
        if not products:
            return str(r.get("message") or "Nothing in the catalog fits that budget.")
        total, budget = (
            (r.get("total") or {}).get("display"),
            (r.get("budget") or {}).get("display"),
        )
        reasons = (r.get("coherence") or {}).get("reasons") or []
        text = f"Here's an outfit for {total} (budget {budget}): {_products_sentence(products)}."
        return f"{text} {reasons[0]}" if reasons else text
    if name == "check_cart_coherence":
        if not r.get("items"):
            return str(r.get("message") or "Your cart is empty.")
        score = round(float(r.get("score", 0)) * 100)
        parts = [f"Your cart scores {score}/100 for going together."]
        parts += [str(x) for x in (r.get("reasons") or [])[:2]]
        suggestions = r.get("suggestions") or []
        if suggestions:
            parts.append(f"To round it off: {_products_sentence(suggestions, 3)}.")
        return " ".join(parts)
    if name == "set_budget":
        if r.get("action") == "cleared":
            return "Okay, I'll stop keeping to a budget."
        said = f"Got it: a budget of {r['display_budget']}."
        if Money.from_dict(r["cart_total"]).is_zero():
            return said
        total = r["display_cart_total"]
        if r.get("display_over"):
            return f"{said} Your cart comes to {total}, {r['display_over']} over it."
        return f"{said} Your cart comes to {total}, which leaves {r['display_left']}."
    if name == "set_display_currency":
        if r.get("just_this_answer"):
            return f"Here it is in {r['currency']}."
        return f"Done: I'll show prices in {r['currency']} from now on."
    if name == "compare_prices":
        p = r["product"]
        text = f"Online Boutique sells {p['name']} for {p['display_price']}."
        offers = r.get("offers") or []
        if offers:
            listed = _join([
                f"{o['retailer']} ({o['display_price']}"
                + (", out of stock)" if o.get("in_stock") is False else ")")
                for o in offers[:5]
            ])  # fmt: skip
            verdict = (r.get("analysis") or {}).get("verdict", "")
            return f"{text} Other shops: {listed}. {verdict}".strip()
        return f"{text} {r.get('external_note', '')}".strip()
    if name == "analyse_deal":
        verdict = str(r.get("verdict", ""))
        product = (r.get("product") or {}).get("name", "")
        # "$75.00 is a good deal ..." says for what when the verdict does not
        return f"{product}: {verdict}" if product and product not in verdict else verdict
    if name == "create_price_alert":
        a = r["alert"]
        text = f"I'll let you know when {a['product_name']} is at or below {a['display_target']}"
        text += (
            f" (it's {r['display_current_price']} now)." if r.get("display_current_price") else "."
        )
        if r.get("already_met"):
            text += " It's already at that price, so now is a good time to buy."
        return text
    if name == "list_price_alerts":
        alerts = r.get("alerts") or []
        if not alerts:
            return "You have no price alerts."
        listed = _join([f"{a['product_name']} at or below {a['display_target']}" for a in alerts])
        closest = _closest_alert(alerts, view.user_text) or _how_far(alerts, view.user_text)
        return f"You have {len(alerts)} price alert{'s' if len(alerts) > 1 else ''}: {listed}." + (
            f" {closest}" if closest else ""
        )
    if name == "delete_price_alert":
        deleted = r.get("deleted") or []
        if not deleted:
            return "There was no alert to cancel."
        return f"Cancelled your alert{'s' if len(deleted) > 1 else ''} for {_join(deleted)}."
    if name in ("analyse_style_photo", "show_style_profile", "record_style_preferences"):
        verdict = _photo_verdict(r, view.user_text) if name == "analyse_style_photo" else None
        parts = [verdict, r.get("summary"), r.get("explanation")]
        return " ".join(p for p in parts if p)
    if name == "reset_style_profile":
        return (
            "Done: I've forgotten your style. "
            "Send me a photo or tell me what you like to start again."
        )
    return str(r.get("message") or "Done.")


_IS_IT_ME = re.compile(
    r"\b(my style|my kind of|suit me|suits me|is (this|it|that) me|would i like|my taste|"
    r"for me\?)",
    re.IGNORECASE,
)


def _photo_verdict(r: dict[str, Any], asked: str) -> str | None:
    """ "is this my style?" with a photo: yes or no from its main colours against what the
    shopper said they like and avoid (before the analysis itself)."""
    if not _IS_IT_ME.search(asked or ""):
        return None
    colours = [c.get("name") for a in r.get("analyses") or [] for c in a.get("colours") or []]
    main = [c for c in colours[:2] if c]
    profile = r.get("profile") or {}
    avoided = [c for c in main if c in (profile.get("dislikes") or [])]
    liked = [c for c in main if c in (profile.get("likes") or [])]
    if avoided:
        return f"Not really: it's mostly {avoided[0]}, and you avoid {avoided[0]}."
    if liked:
        return f"Yes: it's mostly {liked[0]}, which you like."
    return None


def _closest_alert(alerts: list[dict[str, Any]], asked: str) -> str | None:
    """ "which one is closest to its target?": the alert whose price today is the smallest
    share above its target (shares compare across currencies), with today's price."""
    if not re.search(r"\b(closest|nearest|close to|near to)\b", asked or "", re.IGNORECASE):
        return None
    known = [a for a in alerts if a.get("current_price") and a.get("above_target_by")]
    if not known:
        return None

    def share(a: dict[str, Any]) -> Decimal:
        target = Money.from_dict(a["target"]).to_decimal()
        gap = Money.from_dict(a["above_target_by"]).to_decimal()
        return gap / target if target else gap

    return _distance(min(known, key=share), "is closest:")


def _distance(alert: dict[str, Any], lead: str) -> str:
    """An alert's price today against its target: "Watch is closest: $109.99 now, $4.99
    above your $105.00" (or already there)."""
    now = Money.from_dict(alert["current_price"]).format()
    gap = Money.from_dict(alert["above_target_by"])
    target = Money.from_dict(alert["target"]).format()
    if gap.is_zero():
        return f"{alert['product_name']} is already there: {now} now, your target is {target}."
    return f"{alert['product_name']} {lead} {now} now, {gap.format()} above your {target}."


def _how_far(alerts: list[dict[str, Any]], asked: str) -> str | None:
    """ "how far is the watch from its target now?": that alert's price today against it."""
    if not re.search(r"\bhow far\b", asked or "", re.IGNORECASE):
        return None
    named = [a for a in alerts if a.get("current_price") and a.get("above_target_by")
             and name_matches(a["product_name"].split()[-1].lower(), asked.lower())]  # fmt: skip
    named = named or [a for a in alerts if a.get("current_price") and a.get("above_target_by")
                      and a["product_name"].lower() in asked.lower()]  # fmt: skip
    return _distance(named[0], "is") if len(named) == 1 else None


_NOT_THAT_ONE = re.compile(r"\bnot (that|this|the) one\b|\bwrong one\b")


def _which_instead(view: RequestView) -> list[str]:
    """ "no, not that one" right after an add took it out: which of the others shown, then?
    (asked, not guessed)."""
    if not _NOT_THAT_ONE.search(view.user_text.lower()):
        return []
    removed = {o.response["product"]["id"] for o in view.outcomes
               if o.name == "remove_from_cart" and o.response.get("status") == "ok"}  # fmt: skip
    if not removed or any(o.name == "add_to_cart" for o in view.outcomes):
        return []
    others = [p["name"] for p in view.state.get("recent_products") or []
              if p.get("id") not in removed and p.get("name")]  # fmt: skip
    if not others or len(others) > 5:
        return []
    return [f"Which one would you like instead: {join_or(others)}?"]


def reply_from_outcomes(view: RequestView, intent: Intent) -> str:
    """One answer covering every tool result of this turn, in order.

    Several cart changes in one turn ("add both") read as their actions followed by the cart
    once, as it stands after the last change.
    """
    sentences: list[str] = []
    cart_changes = [
        o for o in view.outcomes if o.name in _CART_TOOLS and o.response.get("status") == "ok"
    ]
    last_cart = cart_changes[-1] if cart_changes else None
    notes = {note for outcome in view.outcomes for note in _notes(outcome.response)}
    checks = condition_checks(view, intent)  # prices a request waited on: said once, first
    for i, outcome in enumerate(view.outcomes):
        if _settled_later(outcome, view.outcomes[i + 1 :]) or outcome in checks:
            continue  # "did you mean ...?" was answered by the product in focus
        if outcome in cart_changes and outcome is not last_cart:
            sentence = _cart_action(outcome)  # the cart itself is told once, after the last
        else:
            sentence = _one(outcome, view).strip()
        if sentence and sentence not in sentences:
            sentences.append(sentence)
    checked = verdict(view)  # "you said the jar was $5.49 - is that right?": yes or no first
    waited = verdict_sentence(view, intent)  # "The Mug is $8.99, under $10.00."
    sentences[:0] = (
        ([checked] if checked else [])
        + ([waited] if waited else [])
        + (
            _colour_answers(view, intent)
            + _unstated(view, intent)
            + _alert_answers(view, intent)
            + _in_cart_answers(view, intent)
            + _kinds_in_cart(view, intent)
            + _gift_answers(view, intent)
            + _category_subtotal(view, intent)
        )
    )
    sentences += _also_in_dollars(view, intent)
    sentences += _quoted_quantities(view, intent)
    sentences += _line_totals(view, intent)
    sentences += _which_instead(view)
    sentences += _budget_fits(view)
    sentences += _savings_elsewhere(view, intent)
    counted = _counted_comparison(view, intent)
    if counted:
        return counted
    sentences += _together(view, intent)
    gap = _price_gap(view, intent)
    if gap and _ASKS_PRICE.search(view.user_text.lower()):
        return " ".join(gap)  # "how much is the difference?": that, not both descriptions
    sentences += gap  # "what's the difference between the mug and the jar?": all of it
    budget = _budget_answer(view, intent)
    if budget:  # the verdict and the prices it adds up, not each product's description
        return " ".join(budget)
    sentences += sorted(notes)
    return " ".join(sentences) or "Done."


_SAVING = re.compile(r"\b(save|saved|saving|savings)\b")
_WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 0}


def _savings_elsewhere(view: RequestView, intent: Intent) -> list[str]:
    """ "how much would I save buying it there / on the watch at Acme / on the two pairs /
    in total buying both there?": our price less the shop's (the one named, else the
    cheapest in stock), times the count said, and the total over several products."""
    said = view.user_text.lower()
    if not _SAVING.search(said):
        return []
    compared = [o.response for o in view.outcomes
                if o.name == "compare_prices" and o.response.get("status") == "ok"
                and o.response.get("offers")]  # fmt: skip
    if not compared:
        return []
    count = (
        intent.quantity
        or next((r.quantity for r in intent.products if r.quantity), None)
        or next((n for w, n in _WORD_COUNTS.items() if re.search(rf"\b{w}\b", said) and n), 1)
    )
    words = words_of(said)
    sentences, total = [], None
    for r in compared:
        ours = Money.from_dict(r["product"]["price"])
        offers = [o for o in r["offers"] if o.get("in_stock") is not False]
        named = [o for o in offers if shop_word(o["retailer"]) in words]
        chosen = (
            named[0]
            if named
            else (
                min(offers, key=lambda o: Money.from_dict(o["price"]).total_nanos)
                if offers
                else None
            )
        )
        if chosen is None:
            continue
        theirs = Money.from_dict(chosen["price"])
        if theirs.currency_code != ours.currency_code:
            continue
        gap = (ours - theirs) * count
        what = f"{count} × {r['product']['name']}" if count > 1 else r["product"]["name"]
        if gap.is_negative():
            sentences.append(
                f"{chosen['retailer']} is dearer: {what} would cost {(-gap).format()} more there."
            )
        else:
            sentences.append(
                f"Buying {what} at {chosen['retailer']} would save you "
                f"{gap.format()} ({theirs.format()} instead of {ours.format()}"
                f"{' each' if count > 1 else ''})."
            )
        total = gap if total is None else total + gap
    if len(sentences) > 1 and total is not None and not total.is_negative():
        sentences.append(f"In total you'd save {total.format()}.")
    return sentences  # fmt: skip


def _budget_fits(view: RequestView) -> list[str]:
    """ "show me something for the kitchen" with $7.03 of a $50 budget left: which of the
    products shown fit in that (said only when some do not)."""
    found = [o.response for o in view.outcomes
             if o.name == "search_products" and o.response.get("status") == "ok"]  # fmt: skip
    status = (found[-1].get("budget") or {}) if found else {}
    products = found[-1].get("products") or [] if found else []
    if not status or not products:
        return []
    budget = status["display_budget"]
    if status.get("display_over"):
        return [f"Your cart is already {status['display_over']} over your {budget} budget."]
    fits = set(status.get("fits") or ())
    if "fits" not in status or all(p["id"] in fits for p in products):
        return []
    spent = Money.from_dict(status["cart_total"])
    room = (f"Within your {budget} budget" if spent.is_zero()
            else f"You have {status['display_left']} left of your {budget} budget")  # fmt: skip
    names = [p["name"] for p in products if p["id"] in fits]
    if not names:
        return [f"{room}: none of these fit."]
    verb = "fits" if len(names) == 1 else "fit"
    return [f"{room}: only {_join(names)} {verb}."]


#: Words that put a product on top of the cart in a budget question ("still fit", "as well").
_ON_TOP = re.compile(r"\b(still|as well|too|also|on top|squeeze in|in that|with what)\b")


def _budget_answer(view: RequestView, intent: Intent) -> list[str]:
    """ "can I afford the loafers and the watch with 200?": their total against the budget,
    exact money, when the budget is in the currency the prices were shown in."""
    if not intent.budget_check or intent.max_price is None:
        return []
    carts = [o.response["cart"] for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if intent.kind == "view_cart" and carts:
        # "how much of my 50 is left?": the cart's total against the budget
        spent = Money.from_dict(carts[-1]["total"])
        if (intent.max_price.currency or spent.currency_code) != spent.currency_code:
            return []
        budget = Money.from_decimal(intent.max_price.amount, spent.currency_code)
        if spent <= budget:
            return [f"Your cart comes to {spent.format()}, so {(budget - spent).format()} of "
                    f"your {budget.format()} is left."]  # fmt: skip
        return [f"Your cart comes to {spent.format()}, {(spent - budget).format()} over your "
                f"{budget.format()}."]  # fmt: skip
    products = [
        o.response["product"]
        for o in view.outcomes
        if o.name == "get_product_details" and o.response.get("status") == "ok"
    ]
    prices = [Money.from_dict(p["price"]) for p in products if p.get("price")]
    if not prices or len(prices) != len(products):
        return []
    currency = prices[0].currency_code
    if (intent.max_price.currency or currency) != currency:
        return []  # a budget in another currency: the prices above are in the shopper's
    budget = Money.from_decimal(intent.max_price.amount, currency)
    total = Money.sum(prices, currency)
    names = _join(
        [f"{p['name']} ({price.format()})" for p, price in zip(products, prices, strict=True)]
    )
    # On top of the cart: said so ("still", "as well"), or the budget is the one kept for
    # the whole shop ("I've got 50 bucks today" ... "now can I afford the hairdryer?")
    kept = any(
        Money.from_dict(o.response["budget"]["budget"]) == budget
        for o in view.outcomes
        if (o.response.get("budget") or {}).get("budget")
    )
    held = _held(view, currency) if kept or _ON_TOP.search(view.user_text.lower()) else None
    if held is not None and not held.is_zero():
        # "would the hairdryer still fit in that?": on top of what the cart holds
        together = held + total
        what = f"with {names} your cart would come to {together.format()}"
        if together <= budget:
            spare = (budget - together).format()
            return [f"Yes: {what}, within your {budget.format()}, with {spare} to spare."]
        over = (together - budget).format()
        return [f"No: {what}, {over} more than your {budget.format()}."]
    what = f"{names} come to {total.format()}" if len(products) > 1 else (
        f"{products[0]['name']} costs {total.format()}")  # fmt: skip
    if total <= budget:
        spare = budget - total
        left = f", with {spare.format()} to spare" if not spare.is_zero() else " exactly"
        return [f"Yes: {what}, within your {budget.format()}{left}."]
    return [f"No: {what}, {(total - budget).format()} more than your {budget.format()}."]


def _held(view: RequestView, currency: str) -> Money | None:
    """What the cart holds in `currency`: as the tools priced it against the budget, or in
    dollars from the state's cart lines."""
    for outcome in reversed(view.outcomes):
        total = (outcome.response.get("budget") or {}).get("cart_total")
        if total and total.get("currency_code") == currency:
            return Money.from_dict(total)
    held = view.cart_usd()
    return held if currency == "USD" else None


def _counted_comparison(view: RequestView, intent: Intent) -> str:
    """ "what's cheaper, 3 mugs or 5 jars?": the two amounts compared, not the unit prices
    (exact money, in the prices' own currency)."""
    counts = [(r.text, r.quantity) for r in intent.products if r.text and r.quantity]
    ranked = [
        o.response
        for o in view.outcomes
        if o.name == "search_products"
        and o.response.get("status") == "ok"
        and (o.response.get("filters") or {}).get("among")
    ]
    if len(counts) != 2 or not ranked:
        return ""
    products = ranked[-1].get("products") or []
    totals = []
    for text, quantity in counts:
        found = [p for p in products if p.get("price") and name_matches(text, p["name"])]
        if len(found) != 1:
            return ""
        totals.append((quantity, found[0]["name"], Money.from_dict(found[0]["price"]) * quantity))
    (qa, na, ta), (qb, nb, tb) = totals
    if ta.currency_code != tb.currency_code or na == nb:
        return ""
    said = f"{qa} × {na} come to {ta.format()} and {qb} × {nb} to {tb.format()}"
    if ta == tb:
        return f"{said}: the same."
    cheap, gap = (f"{qa} × {na}", tb - ta) if ta < tb else (f"{qb} × {nb}", ta - tb)
    return f"{said}: {cheap} is cheaper, by {gap.format()}."


_ASKS_PRICE = re.compile(r"\b(how much|price|cost|costs|cheaper|dearer|pricier)\b")


def _price_gap(view: RequestView, intent: Intent) -> list[str]:
    """ "how much more is the watch than the loafers?": the difference, exact money."""
    if not intent.price_gap:
        return []
    products = [
        o.response["product"]
        for o in view.outcomes
        if o.name == "get_product_details" and o.response.get("status") == "ok"
    ]
    if len(products) != 2 or not all(p.get("price") for p in products):
        return []
    counts = _counts_said(view.user_text, intent, products)
    priced = [
        ({**p, "name": f"{n} × {p['name']}" if n > 1 else p["name"]},
         Money.from_dict(p["price"]) * n)
        for p, n in zip(products, counts, strict=True)
    ]  # fmt: skip
    ratio = _ratio_asked(view.user_text)
    if ratio is not None and priced[0][1].currency_code == priced[1][1].currency_code:
        return [_ratio_answer(priced[0], priced[1], *ratio, view.user_text)]
    (dear, high), (cheap, low) = sorted(priced, key=lambda pair: -pair[1].total_nanos)
    if high.currency_code != low.currency_code:
        return []
    if high == low:
        return [f"{dear['name']} and {cheap['name']} cost the same."]
    if re.search(r"\bsav(e|ing)\b", view.user_text.lower()):
        return [f"You'd save {(high - low).format()} with {cheap['name']} "
                f"({low.format()} against {high.format()} for {dear['name']})."]  # fmt: skip
    verb = "cost" if "×" in dear["name"] else "costs"
    return [
        f"{dear['name']} {verb} {(high - low).format()} more than {cheap['name']} "
        f"({high.format()} against {low.format()})."
    ]


_RATIO = re.compile(
    r"\b(twice|double|triple|thrice|half|(\d+(?:\.\d+)?|two|three|four|five|ten) times)\b"
)
_RATIO_WORDS = {
    "twice": Decimal(2), "double": Decimal(2), "two": Decimal(2), "triple": Decimal(3),
    "thrice": Decimal(3), "three": Decimal(3), "four": Decimal(4), "five": Decimal(5),
    "ten": Decimal(10), "half": Decimal("0.5"),
}  # fmt: skip


def _ratio_asked(text: str) -> tuple[Decimal, str] | None:
    """ "is the watch more than twice the price of the loafers?": (2, "twice")."""
    found = _RATIO.search(text.lower())
    if found is None:
        return None
    word = found.group(1)
    number = found.group(2)
    if number is None:
        return _RATIO_WORDS[word], word
    factor = _RATIO_WORDS.get(number) or Decimal(number)
    return factor, word


def _ratio_answer(
    subject: tuple[dict[str, Any], Money],
    other: tuple[dict[str, Any], Money],
    factor: Decimal,
    said: str,
    question: str,
) -> str:
    """The first product named against `factor` times the second's price: yes or no (as
    asked: "more than", "less than", or just "twice the price"), with both prices, the
    multiple worked out and how many times as much it really is."""
    (first, price), (second, base) = subject, other
    scaled = base.scale(factor)
    times = (price.to_decimal() / base.to_decimal()).quantize(Decimal("0.01"))
    whose = second["name"] + ("'" if second["name"].endswith("s") else "'s")
    facts = f"{first['name']} is {price.format()}, and {said} {whose} {base.format()} is "
    facts += f"{scaled.format()}. {first['name']} costs {times} times as much as {second['name']}."
    if price == scaled:
        return f"Exactly: {facts}"
    more = re.search(r"\b(more|over|above|dearer|pricier)\b", question.lower()) is not None
    less = re.search(r"\b(less|under|below|cheaper)\b", question.lower()) is not None
    if price > scaled:
        verdict = "Yes" if more else "No" if less else "More than that"
    else:
        verdict = "No" if more else "Yes" if less else "Less than that"
    return f"{verdict}: {facts}"


_TOGETHER = re.compile(r"\b(together|combined|in total|altogether|for both|all in)\b")


def _together(view: RequestView, intent: Intent) -> list[str]:
    """ "how much are the loafers and the sunglasses together?": what they come to, exact
    money, after each price."""
    del intent  # the prices looked up say it (the message may start with a switch)
    if not _TOGETHER.search(view.user_text.lower()):
        return []
    looked = [o for o in view.outcomes if o.name == "get_product_details"]
    products = {o.response["product"]["id"]: o.response["product"]
                for o in looked if o.response.get("status") == "ok"}  # fmt: skip
    prices = [Money.from_dict(p["price"]) for p in products.values() if p.get("price")]
    if len(prices) < 2 or len({m.currency_code for m in prices}) != 1:
        return []
    total = prices[0]
    for price in prices[1:]:
        total = total + price
    return [f"Together they come to {total.format()}."]


def _counts_said(said_text: str, intent: Intent, products: list[dict[str, Any]]) -> list[int]:
    """How many of each product the shopper weighs ("3 jars instead of 3 mugs"); 1 when none
    is said. In a swap a count said for one holds for both ("3 jars instead of mugs")."""
    counts = []
    for product in products:
        said = [r.quantity for r in intent.products
                if r.text and r.quantity and name_matches(r.text, product["name"])]  # fmt: skip
        counts.append(said[0] if len(said) == 1 else None)
    known = [n for n in counts if n]
    swap = {"instead", "rather"} & set(re.findall(r"[a-z]+", said_text.lower()))
    return [n or (known[0] if swap and len(known) == 1 else 1) for n in counts]


#: Properties a shopper asks about that only a description could settle: the word asked,
#: the words that would settle it, and how to say it is not said.
#: What a description says when it gives a measure: centimetres, inches, "10 cm tall".
_MEASURES = (" cm", " mm", "inch", " in)", "tall", "wide", "diameter", "dimension", " oz",
             " l ")  # fmt: skip
#: (the start of a word of the question, as a pattern; what a description says when it
#: answers it; what it doesn't say when it doesn't)
_PROPERTIES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("waterproof", ("waterproof", "water-resistant", "water resistant"), "whether it's waterproof"),
    ("water resistant", ("waterproof", "water-resistant", "water resistant"),
     "whether it's water resistant"),
    ("size", ("size", "sizes", "small", "medium", "large", "eu ", "uk ", "us "),
     "which sizes it comes in"),
    ("dishwasher", ("dishwasher",), "whether it's dishwasher safe"),
    ("microwave", ("microwave",), "whether it's microwave safe"),
    ("warranty", ("warranty", "guarantee"), "anything about a warranty"),
    ("battery", ("battery", "batteries"), "anything about a battery"),
    ("vegan", ("vegan",), "whether it's vegan"),
    ("polari", ("polaris", "polariz"), "whether the lenses are polarised"),
    ("organic", ("organic",), "whether it's organic"),
    ("handmade", ("handmade", "hand-made"), "whether it's handmade"),
    ("weigh", ("weigh", "weight", " g ", "kg", "grams"), "how much it weighs"),
    ("heavy", ("weigh", "weight", " g ", "kg", "grams", "lightweight"), "how much it weighs"),
    # "how big is it?", "what are its dimensions?": a measure, not a size to pick
    ("how big", _MEASURES, "how big it is"), ("how large", _MEASURES, "how big it is"),
    ("how tall", _MEASURES, "how tall it is"), ("how wide", _MEASURES, "how wide it is"),
    ("dimension", _MEASURES, "its dimensions"),
    # "how much does the mug hold?": a capacity
    (r"hold\b", ("oz", " l ", " l)", "litre", "liter", " ml", "holds", "holding", "capacity"),
     "how much it holds"),
    ("capacity", ("oz", " l ", " l)", "litre", "liter", " ml", "holds", "holding", "capacity"),
     "how much it holds"),
)  # fmt: skip


_SINGULAR_NOUNS = frozenset(w.rstrip("s") for w in SHOPPING_NOUNS)


def _gift_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "what did I pick for dad?": the cart's lines for that person, before the cart."""
    person = recipient_of(view, intent)
    carts = [o.response.get("cart") or {} for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if intent.kind != "view_cart" or not person or not carts:
        return []
    lines = [
        f"{i['quantity']} × {i['name']} ({i.get('display_line_total')})"
        for i in carts[-1].get("items") or []
        if i.get("for_whom") and same_person(i["for_whom"], person)
    ]
    if not lines:
        return [f"You haven't picked anything for {person} yet."]
    return [f"For {person} you picked {_join(lines)}."]


_BEFORE_THE_CHANGE = re.compile(
    r"\bbefore (?:i|you|we) (?:changed|change|updated|set|lowered|raised|reduced)|before the change"
)


_HOW_MANY_KINDS = re.compile(
    r"\bhow many (different|distinct|separate) (products|things|items)\b"
    r"|\bhow many (kinds|types|sorts) of\b|\bhow many (products|lines)\b"
)


_BOTH_CURRENCIES = re.compile(r"\b(total|owe|come to|cost)\b.*\band in\b|\bin dollars and in\b")


def _also_in_dollars(view: RequestView, intent: Intent) -> list[str]:
    """ "what's my total now, and in yen?", "in dollars and in euros?": the total in yen (this
    answer's currency) and in the shopper's own dollars, worked out from the catalog's dollar
    prices of the cart's lines (only while the shopper never switched currency for good)."""
    shown = view.state.get("display_currency") or "USD"
    switched = (view.state.get("currencies") or {}).get("before")
    if intent.kind != "view_cart" or shown == "USD" or switched:
        return []
    if not _BOTH_CURRENCIES.search(view.user_text.lower()):
        return []
    if not any(o.name == "view_cart" and o.response.get("status") == "ok" for o in view.outcomes):
        return []
    usd = view.cart_usd()
    return [f"In US dollars that's {usd.format()}."] if usd is not None else []


def _kinds_in_cart(view: RequestView, intent: Intent) -> list[str]:
    """ "how many different products are in my cart?": the lines, not the pieces."""
    carts = [o.response.get("cart") or {} for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if (
        intent.kind != "view_cart"
        or not carts
        or not _HOW_MANY_KINDS.search(view.user_text.lower())
    ):
        return []
    items = carts[-1].get("items") or []
    pieces = sum(int(i["quantity"]) for i in items)
    kinds = f"{len(items)} different product{'s' if len(items) != 1 else ''}"
    return [f"You have {kinds} in your cart ({pieces} item{'s' if pieces != 1 else ''} in all)."]


def _in_cart_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "is the watch in my cart?", "do I have any mugs?": yes or no for each product named,
    before the cart itself."""
    # only products asked about: "keep it under 100 dollars total" names none
    named = [r.text for r in intent.products
             if r.text and {w.rstrip("s") for w in r.text.split()} & _SINGULAR_NOUNS]  # fmt: skip
    carts = [o.response.get("cart") for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if intent.kind != "view_cart" or not named or not carts or carts[-1] is None:
        return []
    items = carts[-1].get("items") or []
    if _BEFORE_THE_CHANGE.search(view.user_text.lower()):
        # "how many mugs did I have before I changed it?": the count before the last change
        changes = [c for c in view.state.get("quantity_changes") or []
                   if any(name_matches(t, c["name"]) for t in named)]  # fmt: skip
        if changes:
            c = changes[-1]
            return [f"You had {c['before']} × {c['name']} before you changed it to {c['after']}."]
    answers = []
    for text in named:
        words = [w.rstrip("s") for w in text.lower().split()]
        lines = [i for i in items if all(w in i["name"].lower() for w in words)]
        if lines:
            held = [f"{i['quantity']} × {i['name']}" for i in lines]
            counted = "how many" in view.user_text.lower()  # a count asked: no "yes"
            answers.append(f"{'You' if counted else 'Yes, you'} have {_join(held)}.")
        else:
            answers.append(f"No, there's no {text} in your cart.")
    return answers


_COMES_WITH = re.compile(r"\b(?:come|comes|came) with (?:an? |any |the |some )?([a-z ]+?)\??$")


def _unstated(view: RequestView, intent: Intent) -> list[str]:
    """ "is the watch waterproof?", "what sizes do they come in?": when the description does
    not say, say so plainly before reading it out (never guess)."""
    if intent.kind != "product_info":
        return []
    asked = view.user_text.lower()
    answers = []
    for o in view.outcomes:
        if o.name != "get_product_details" or o.response.get("status") != "ok":
            continue
        product = o.response["product"]
        text = f" {product['name']} {product['description']} ".lower()
        extra = _COMES_WITH.search(asked)
        if extra and not any(w in text for w in ("comes with", "included", "includes", "set of")):
            # "does the candle holder come with candles?": a candle is mentioned, not included
            answers.append(
                f"The description of {product['name']} doesn't say it comes with {extra.group(1)}."
            )
            continue
        for word, settling, what in _PROPERTIES:
            # a word of the question, not of a name ("hold" is not in "candle holder")
            if re.search(r"\b" + word, asked) and not any(w in text for w in settling):
                answers.append(f"The description of {product['name']} doesn't say {what}.")
                break
        else:
            answers += _from_the_description(view.user_text, product)
    return answers


#: Words of a yes/no question that say nothing about the product itself.
_QUESTION_WORDS = frozenset(
    "is are does do can could would will has have it its they them their i me my you your we "
    "a an the this that these those of for to in on at with and or but be it's just really "
    "actually also still so then ok okay please pls use using put go work take get something "
    "thing one ones out up any some much many very good ok".split()
)  # fmt: skip


def _from_the_description(question: str, product: dict[str, Any]) -> list[str]:
    """ "is the jar airtight?", "is it real gold?", "would it work for an evening out?": the
    sentence of the description that speaks of what was asked, quoted; when none does, that
    the description doesn't mention it (never a yes or a no of our own)."""
    words = re.findall(r"[a-z]+", question.lower())
    if not words or words[0] not in YES_NO or "?" not in question:
        return []
    named = set(re.findall(r"[a-z]+", product["name"].lower()))
    asked = [w for w in words[1:] if w not in _QUESTION_WORDS and w.rstrip("s") not in named
             and w not in named]  # fmt: skip
    if not asked:
        return []
    sentences = [x.strip() for x in re.split(r"(?<=[.!?])\s+", product["description"]) if x]
    for sentence in sentences:
        said = set(re.findall(r"[a-z]+", sentence.lower()))
        if any(_same_word(w, x) for w in asked for x in said):
            return [f"On that, the description of {product['name']} says: \u201c{sentence}\u201d"]
    return [f"The description of {product['name']} doesn't mention {_join(asked)}."]


def _same_word(a: str, b: str) -> bool:
    """Roughly the same word: "evening" / "evenings", "grind" / "grinding" (a shared start
    of five letters, or the whole word when shorter)."""
    if len(a) < 5 or len(b) < 5:
        return a == b or a.rstrip("s") == b.rstrip("s")
    return a[:5] == b[:5]


def _colour_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "got them in gold?", "the mug in white?": yes or no first, from the description (the
    catalog has one colour per product, no variants)."""
    if intent.kind != "product_info" or not intent.colours:
        return []
    if re.search(r"\b(real|solid|genuine|pure|actual)\s+\w+", view.user_text.lower()):
        return []  # "is it real gold?" asks what it is made of: the description answers
    answers = []
    for o in view.outcomes:
        if o.name != "get_product_details" or o.response.get("status") != "ok":
            continue
        product = o.response["product"]
        words = re.findall(r"[a-z]+", f"{product['name']} {product['description']}".lower())
        name = product["name"]
        many = name.endswith("s") and not name.endswith("ss")  # "Sunglasses", "Loafers"
        has = [c for c in intent.colours if c in words]
        either = len(intent.colours) > 1 and " or " in f" {view.user_text.lower()} "
        if has and either:
            # "is the candle holder silver or gold": which, not yes
            missing = [c for c in intent.colours if c not in has]
            rather = f", not {_join(missing).replace(' and ', ' or ')}" if missing else ""
            answers.append(f"{name} {'are' if many else 'is'} {_join(has)}{rather}.")
            continue
        if has:
            answers.append(f"Yes, {name} {'are' if many else 'is'} {_join(has)}.")
            continue
        own = list(dict.fromkeys(w for w in words if w in COLOURS))
        asked = _join(list(intent.colours)).replace(" and ", " or ")
        what = f" {'They are' if many else 'It is'} {_join(own)}." if own else ""
        answers.append(f"No, {name} {'do' if many else 'does'} not come in {asked}.{what}")
    return answers


def _alert_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "do I have an alert on the loafers?": yes or no for each product named, first."""
    named = [
        r.text
        for r in intent.products
        if r.text and any(w in SHOPPING_NOUNS or w.rstrip("s") in SHOPPING_NOUNS
                          for w in r.text.split())  # a product, not "my cart's empty"
    ]  # fmt: skip
    if intent.kind != "list_alerts" or not named:
        return []
    listed = [o.response for o in view.outcomes if o.name == "list_price_alerts"]
    if not listed or listed[-1].get("status") != "ok":
        return []
    alerts = listed[-1].get("alerts") or []
    answers = []
    for text in named:
        found = [a for a in alerts if name_matches(text, a["product_name"])]
        if found:
            targets = _join([a["display_target"] for a in found])
            answers.append(f"Yes, you have an alert on {found[0]['product_name']} at {targets}.")
        else:
            answers.append(f"No, you have no alert on the {text}.")
    return answers


def _category_subtotal(view: RequestView, intent: Intent) -> list[str]:
    """ "how much are just the kitchen things?": the cart's lines in that category and what
    they come to (exact money, in the cart's currency)."""
    if intent.kind != "view_cart" or not intent.category or intent.products:
        return []
    carts = [o.response.get("cart") or {} for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if not carts:
        return []
    lines = [i for i in carts[-1].get("items") or []
             if intent.category in (i.get("categories") or []) and i.get("line_total")]  # fmt: skip
    if not lines:
        return [f"There are no {intent.category} things in your cart."]
    totals = [Money.from_dict(i["line_total"]) for i in lines]
    subtotal = Money.sum(totals, totals[0].currency_code)
    held = _join([f"{i['quantity']} × {i['name']}" for i in lines])
    return [f"The {intent.category} things in your cart come to {subtotal.format()}: {held}."]


def _line_totals(view: RequestView, intent: Intent) -> list[str]:
    """ "how much are the jars coming to?": the named lines of the cart, with their totals."""
    named = [r.text for r in intent.products if r.text]
    if intent.kind != "view_cart" or not named:
        return []
    carts = [o.response.get("cart") or {} for o in view.outcomes if o.name == "view_cart"]
    items = carts[-1].get("items") or [] if carts else []
    return [
        f"{item['quantity']} × {item['name']} come"
        f"{'s' if item['quantity'] == 1 else ''} to {item['display_line_total']}."
        for item in items
        if item.get("display_line_total") and any(name_matches(t, item["name"]) for t in named)
    ]


def _quoted_quantities(view: RequestView, intent: Intent) -> list[str]:
    """ "how much would 3 mugs be in euros?": the details say one mug's price, this what
    three come to (exact money, in the price's own currency)."""
    if intent.kind != "product_info":
        return []
    details = [
        o.response["product"]
        for o in view.outcomes
        if o.name == "get_product_details" and o.response.get("status") == "ok"
    ]
    asked = [p.quantity for p in intent.products]
    if len(asked) == 1 and intent.products[0].all_recent:
        asked = asked * len(details)  # "how much would two of each cost?"
    if len(details) != len(asked):
        return []
    sentences = []
    totals = []
    for product, quantity in zip(details, asked, strict=True):
        if not product.get("price"):
            return sentences
        totals.append(Money.from_dict(product["price"]) * (quantity or 1))
        if quantity and quantity > 1:
            sentences.append(f"{quantity} × {product['name']} come to {totals[-1].format()}.")
    if sentences and len(totals) > 1 and len({m.currency_code for m in totals}) == 1:
        total = totals[0]
        for line in totals[1:]:
            total = total + line
        sentences.append(f"Altogether that's {total.format()}.")
    return sentences


def _settled_later(outcome: ToolOutcome, later: list[ToolOutcome]) -> bool:
    """An ambiguous mention that a later call of the same tool settled on a candidate."""
    if outcome.response.get("code") != "ambiguous_product":
        return False
    candidates = {c.get("id") for c in outcome.response.get("candidates") or []}
    return any(
        o.name == outcome.name
        and o.response.get("status") == "ok"
        and o.args.get("product") in candidates
        for o in later
    )


def _notes(result: dict[str, Any]) -> list[str]:
    """Caveats a tool attached to its data (prices in USD while currency is down, ...)."""
    found = [str(p["currency_note"]) for p in result.get("products") or [] if "currency_note" in p]
    if isinstance(result.get("product"), dict) and "currency_note" in result["product"]:
        found.append(str(result["product"]["currency_note"]))
    if isinstance(result.get("cart"), dict) and "currency_note" in result["cart"]:
        found.append(str(result["cart"]["currency_note"]))
    if result.get("catalog_stale"):
        found.append("The catalog service is down, so these come from my last copy of it.")
    return found
