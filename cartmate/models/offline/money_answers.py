"""Answers worked out from prices the tools returned: savings at another shop, a budget's
verdict, what several would cost, the gap or ratio between two prices, a comparison
counted ("is it more than twice the mug?")."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.shops import shop_word, words_of
from cartmate.models.offline.wording import join_and as _join
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.fuzzy import name_matches

__all__ = [
    "ASKS_PRICE",
    "budget_answer",
    "budget_fits",
    "counted_comparison",
    "price_gap",
    "savings_elsewhere",
    "together",
]


_SAVING = re.compile(r"\b(save|saved|saving|savings)\b")
_WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 0}


def savings_elsewhere(view: RequestView, intent: Intent) -> list[str]:
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


def budget_fits(view: RequestView) -> list[str]:
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


def budget_answer(view: RequestView, intent: Intent) -> list[str]:
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


def counted_comparison(view: RequestView, intent: Intent) -> str:
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


ASKS_PRICE = re.compile(r"\b(how much|price|cost|costs|cheaper|dearer|pricier)\b")


def price_gap(view: RequestView, intent: Intent) -> list[str]:
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


def together(view: RequestView, intent: Intent) -> list[str]:
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
