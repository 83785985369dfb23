"""One tool result said as a sentence: a search's products, a product's details, the cart
after a change, an alert, a comparison with other shops, a photo read, an error the shopper
can act on. `replies.reply_from_outcomes` joins them into the turn's answer."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

from cartmate.discovery.synonyms import lookup_concept
from cartmate.discovery.text import is_generic
from cartmate.models.offline.list_sentences import LIST_TOOLS, list_sentence
from cartmate.models.offline.reading import ADD_SAID, understand_once
from cartmate.models.offline.request_view import RequestView, ToolOutcome
from cartmate.models.offline.wording import join_and as _join
from cartmate.models.offline.wording import pick
from cartmate.money import Money
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.lexicon import COLOURS

__all__ = ["CART_TOOLS", "cart_action", "tool_sentence"]

#: The cart tools: each result ends with the cart as it stands.
CART_TOOLS = frozenset(
    {"view_cart", "add_to_cart", "remove_from_cart", "set_cart_quantity", "empty_cart"}
)
#: "how much will all that cost?" said with a list: what it comes to
_COST_WORDS = re.compile(r"\b(?:how much|cost|costs|come to|comes to|total)\b")
#: Words asking where a product sits in the shop.
_CATEGORY_WORDS = frozenset({"category", "categories", "department", "section", "aisle"})


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
    saved = ""
    if cart.get("total") and r.get("current_total"):
        # "how much would I save if I dropped the loafers?": the difference, said outright
        gap = Money.from_dict(r["current_total"]) - Money.from_dict(cart["total"])
        if gap.total_nanos > 0:
            saved = f" You'd save {gap.format()}."
    return (
        f"With {_join(said)}, your cart would come to {cart.get('display_total')} "
        f"({held or 'nothing'}); it's {r.get('display_current_total')} now.{saved} "
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


def cart_action(outcome: ToolOutcome) -> str:
    r = outcome.response
    product = (r.get("product") or {}).get("name", "")
    return {
        "add_to_cart": f"Added {r.get('quantity', 1)} × {product} to your cart"
        + (f" (for {r['for_whom']})." if r.get("for_whom") else "."),
        "remove_from_cart": (
            f"Took {r['removed']} × {product} out of your cart"
            if r.get("removed")
            else f"Removed {product} from your cart"
        )
        + (f" (for {r['for_whom']})." if r.get("for_whom") else "."),
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


#: Words a product asked for by may carry that name nothing of it ("the", "one", "pair")
_NAMING_ONLY = frozenset(
    "the a an one ones pair pairs set sets of your my that this those these it them thing "
    "things item items product products".split()
)


def _not_its_words(said: str, product: dict[str, Any]) -> str:
    """The words a product was asked for by ("scented candles", "spare bamboo lid") when
    some of them (a kind, a variant) are nowhere in its name or description: what was asked
    for is not what was found. Empty for an id, a plain name, or words it has (a typo too)."""
    words = re.findall(r"[a-z]+", said.lower())
    if not words or said == product.get("id"):
        return ""
    own = set(re.findall(r"[a-z]+", f"{product.get('name', '')} {product.get('description', '')}"
                         .lower()))  # fmt: skip
    own |= {w.rstrip("s") for w in own}
    missing = [
        w for w in words
        if w not in _NAMING_ONLY and w not in own and w.rstrip("s") not in own
        and not difflib.get_close_matches(w, own, n=1, cutoff=0.8)
        and not is_generic(w)
        and not _a_word_for(w, str(product.get("name", "")))
    ]  # fmt: skip
    return said if missing else ""


def _picked_later(outcome: ToolOutcome, view: RequestView) -> bool:
    """A search whose one product picked by price was then looked at this turn."""
    found = {p.get("id") for p in outcome.response.get("products") or []}
    later = view.outcomes[view.outcomes.index(outcome) + 1 :]
    return len(found) > 1 and any(
        o.name == "get_product_details" and o.args.get("product") in found for o in later
    )


def _a_word_for(word: str, name: str) -> bool:
    """ "shades" for the Sunglasses, "cup" for the Mug: a shopper's word for what it is."""
    concept = lookup_concept((word,))
    return concept is not None and any(t.split()[0] in name.lower() for t in concept.terms)


def tool_sentence(outcome: ToolOutcome, view: RequestView) -> str:
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
        if _picked_later(outcome, view):
            return ""  # "the next one up from the mug": the one picked is told of next
        if mentioning := _mentioning(r, products, view):
            return mentioning
        if r.get("unmatched") and set(r["unmatched"]) <= COLOURS and products:
            # "do you have a red mug?": no red one; the colours the one there is comes in
            first = products[0]
            has = [w for w in re.findall(r"[a-z]+", str(first.get("description", "")).lower())
                   if w in COLOURS]  # fmt: skip
            colours = _join(list(dict.fromkeys(has)))
            said = f" It comes in {colours}." if colours else ""
            return (f"Sorry, there's no {' or '.join(r['unmatched'])} one. The closest I have: "
                    f"{_products_sentence(products)}.{said}")  # fmt: skip
        if r.get("unmatched"):  # "got any nike shoes": no Nike here; what there is
            missing = " or ".join(f'"{w}"' for w in r["unmatched"])
            return (
                f"Sorry, I don't have anything for {missing}. The closest I have: "
                f"{_products_sentence(products)}."
            )
        if count == 1:
            lead = pick(view.user_text, ["I found one match", "One product fits", "Here's one"])
        else:
            lead = pick(
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
        if ADD_SAID.search(view.user_text.lower()) and (not _add_follows(view) or count > 1):
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
        later = view.outcomes[view.outcomes.index(outcome) + 1 :]
        relation = understand_once(view.user_text, False, None).relative
        if relation and any(o.name == "search_products" for o in later):
            # "between the mug and the sunglasses": their prices, what lies between next
            return f"{p['name']} is {price}."
        text = f"{p['name']} costs {price}. {p['description']} {availability}"
        lacking = _not_its_words(str(outcome.args.get("product") or ""), p)
        if lacking:  # "scented candles" found the Candle Holder: no such thing is sold
            text = f"Sorry, I don't have {lacking} as such; the closest is {p['name']}. {text}"
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
    if name in LIST_TOOLS:
        before = view.outcomes[: view.outcomes.index(outcome)]
        if name == "note_shopping_list" and any(o.name == "add_to_cart" for o in before):
            # "Weekly list: mugs x2, one jar": the adds said it all; the list is kept too
            return "I've kept that as your list, so you can check the cart against it later."
        cost_asked = understand_once(view.user_text, False, None).kind == "price_list" or (
            name == "note_shopping_list" and bool(_COST_WORDS.search(view.user_text.lower()))
        )
        return list_sentence(name, r, _cart_sentence(r.get("cart") or {}), cost_asked=cost_asked)
    if name in CART_TOOLS:
        action = cart_action(outcome)
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
