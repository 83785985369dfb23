"""Answers about products and the cart the tools' results hold but no single result says: a
gift and who it is for, what the cart holds of a kind, a product's colour or material from its
description, what a description does not say, alert targets, a category's subtotal, line
totals and supposed counts."""

from __future__ import annotations

import re
from typing import Any

from cartmate.models.offline.gifts import meant_by, recipient_of
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.wording import join_and as _join
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.clause_predicates import YES_NO
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.lexicon import COLOURS, SHOPPING_NOUNS

__all__ = [
    "alert_answers",
    "also_in_dollars",
    "category_subtotal",
    "colour_answers",
    "gift_answers",
    "in_cart_answers",
    "kinds_in_cart",
    "line_totals",
    "quoted_quantities",
    "unstated",
]


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


def gift_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "what did I pick for dad?": the cart's lines for that person, before the cart."""
    person = recipient_of(view, intent)
    carts = [o.response.get("cart") or {} for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if intent.kind != "view_cart" or not person or not carts:
        return []
    theirs = [  # (line, how many of it are theirs)
        (i, sum(n for who, n in i["gifts"].items() if meant_by(person, who)))
        for i in carts[-1].get("items") or []
        if any(meant_by(person, who) for who in i.get("gifts") or {})
    ]
    if not theirs:
        return [f"You haven't picked anything for {person} yet."]
    costs = [Money.from_dict(i["unit_price"]) * n for i, n in theirs if i.get("unit_price")]
    lines = [
        f"{n} × {i['name']} ({(Money.from_dict(i['unit_price']) * n).format()})"
        if i.get("unit_price") else f"{n} × {i['name']}"
        for i, n in theirs
    ]  # fmt: skip
    said = f"For {person} you picked {_join(lines)}"
    if len(costs) == len(theirs) and len(costs) > 1:  # "how much am I spending on the kids?"
        said += f": {Money.sum(costs, costs[0].currency_code).format()} in all"
    return [said + "."]


_BEFORE_THE_CHANGE = re.compile(
    r"\bbefore (?:i|you|we) (?:changed|change|updated|set|lowered|raised|reduced)|before the change"
)


_HOW_MANY_KINDS = re.compile(
    r"\bhow many (different|distinct|separate) (products|things|items)\b"
    r"|\bhow many (kinds|types|sorts) of\b|\bhow many (products|lines)\b"
)


_BOTH_CURRENCIES = re.compile(r"\b(total|owe|come to|cost)\b.*\band in\b|\bin dollars and in\b")


def also_in_dollars(view: RequestView, intent: Intent) -> list[str]:
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


def kinds_in_cart(view: RequestView, intent: Intent) -> list[str]:
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


def in_cart_answers(view: RequestView, intent: Intent) -> list[str]:
    """ "is the watch in my cart?", "do I have any mugs?": yes or no for each product named,
    before the cart itself."""
    # only products asked about: "keep it under 100 dollars total" names none
    named = [r.text for r in intent.products
             if r.text and {w.rstrip("s") for w in r.text.split()} & _SINGULAR_NOUNS]  # fmt: skip
    carts = [o.response.get("cart") for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    if intent.kind != "view_cart" or not named or not carts or carts[-1] is None:
        return []
    if weighed_in_cart(view, intent):
        return []  # "more mugs or more jars?": the two weighed say it
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


def weighed_in_cart(view: RequestView, intent: Intent) -> list[str]:
    """ "have I got more mugs or more jars?", "which is cheaper in my cart, the tank top or
    the candle holder?": two of the cart's lines weighed by count or by price."""
    carts = [o.response.get("cart") for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    named = [r.text for r in intent.products if r.text]
    said = view.user_text.lower()
    by_count = re.search(r"\bmore\b.*\bor\b", said) is not None
    if intent.kind != "view_cart" or len(named) != 2 or not carts or not carts[-1]:
        return []
    if not (by_count or intent.sort):
        return []
    items = carts[-1].get("items") or []
    found = []
    for text in named:
        words = [w.rstrip("s") for w in text.lower().split()]
        line = next((i for i in items if all(w in i["name"].lower() for w in words)), None)
        if line is None:
            return []  # "No, there's no ... in your cart" says it
        found.append(line)
    a, b = found
    if by_count:
        if a["quantity"] == b["quantity"]:
            return [f"The same number: {a['quantity']} of each."]
        more, fewer = (a, b) if a["quantity"] > b["quantity"] else (b, a)
        return [
            f"More {more['name']}: {more['quantity']}, against {fewer['quantity']} × "
            f"{fewer['name']}."
        ]
    if not (a.get("unit_price") and b.get("unit_price")):
        return []
    pa, pb = Money.from_dict(a["unit_price"]), Money.from_dict(b["unit_price"])
    if pa == pb:
        return [f"Neither: the {a['name']} and the {b['name']} cost the same "
                f"({a['display_unit_price']} each)."]  # fmt: skip
    cheap = intent.sort == "price_asc"
    first, second = (a, b) if (pa < pb) == cheap else (b, a)
    word = "cheaper" if cheap else "dearer"
    return [f"The {first['name']} is {word} ({first['display_unit_price']}, against "
            f"{second['display_unit_price']} for the {second['name']})."]  # fmt: skip


def filtered_cart(view: RequestView, intent: Intent) -> list[str]:
    """ "anything black in my cart?", "anything in my cart under 10 dollars?": the cart's
    lines of that colour (by the traits kept with each line) or within that price, before
    the cart itself."""
    carts = [o.response.get("cart") for o in view.outcomes
             if o.name == "view_cart" and o.response.get("status") == "ok"]  # fmt: skip
    bounds = (intent.max_price, intent.min_price)
    if intent.kind != "view_cart" or not carts or not carts[-1]:
        return []
    if not (intent.colours or any(bounds)):
        return []
    traits = {line["id"]: set(line.get("traits") or []) for line in view.state.get("cart") or []}
    items = list(carts[-1].get("items") or [])
    said = []
    if intent.colours:
        items = [i for i in items if traits.get(i["product_id"], set()) & set(intent.colours)]
        said.append(" or ".join(intent.colours))
    for limit, below in ((intent.max_price, True), (intent.min_price, False)):
        if limit is None:
            continue
        code = limit.currency or carts[-1].get("currency_code") or "USD"
        wanted = Money.from_decimal(limit.amount, code)
        priced = []
        for i in items:
            unit = i.get("unit_price") and Money.from_dict(i["unit_price"])
            if not unit or unit.currency_code != code:
                if code != "USD" or "unit_price_usd_nanos" not in i:
                    return []  # not comparable here: the cart alone answers
                unit = Money.from_nanos("USD", int(i["unit_price_usd_nanos"]))
            if (unit < wanted) if below else (unit > wanted):
                priced.append(i)
        items = priced
        said.append(f"{'under' if below else 'over'} {wanted.format()}")
    what = " and ".join(said)
    if not items:
        return [f"No, nothing in your cart is {what}."]
    lines = [f"{i['quantity']} × {i['name']} ({i.get('display_unit_price')} each)" for i in items]
    one = len(items) == 1 and int(items[0].get("quantity") or 1) == 1
    return [f"Yes: {_join(lines)} {'is' if one else 'are'} {what}."]


_COMES_WITH = re.compile(r"\b(?:come|comes|came) with (?:an? |any |the |some )?([a-z ]+?)\??$")


def unstated(view: RequestView, intent: Intent) -> list[str]:
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


def colour_answers(view: RequestView, intent: Intent) -> list[str]:
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


def alert_answers(view: RequestView, intent: Intent) -> list[str]:
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


def category_subtotal(view: RequestView, intent: Intent) -> list[str]:
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


def line_totals(view: RequestView, intent: Intent) -> list[str]:
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


def quoted_quantities(view: RequestView, intent: Intent) -> list[str]:
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
