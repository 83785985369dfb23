"""Which products a cart request is about: references to what was shown, added, in the cart
or a gift, resolved against the state, or an error when the shopper must be asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cartmate.discovery.synonyms import lookup_concept
from cartmate.discovery.text import tokenize
from cartmate.models.offline.reading import previous_kind, understand_once
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.shown_lists import removed_line, shown_earlier
from cartmate.money import Money
from cartmate.planner import CART_CHANGES, Intent, ProductRef
from cartmate.planner.fuzzy import name_matches
from cartmate.planner.head_counts import people_served
from cartmate.planner.lexicon import CATEGORY_WORDS, COLOURS
from cartmate.planner.recipients import GIFT_NOUNS

__all__ = [
    "CART_SHOWN",
    "IN_CART",
    "Target",
    "UnresolvedError",
    "cart_line",
    "excluded_ids",
    "meant_what_was_added",
    "narrow_to",
    "same_again_counts",
    "targets_of",
]


class UnresolvedError(Exception):
    """A reference the state cannot resolve ("the third one" after two results); `among`
    names the products it could be, when the state narrows it to those."""

    def __init__(self, reference: str, among: tuple[str, ...] = ()) -> None:
        super().__init__(reference)
        self.among = among


@dataclass(frozen=True)
class Target:
    """A product argument for a tool (an id from the state, or the shopper's words)."""

    product: str
    quantity: int | None = None


def narrow_to(recent: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Recent products whose name contains every word of `text` ("the black one", "the
    mugs": a plural names the product too)."""
    words = [w for w in text.lower().split() if w not in ("one", "ones", "the", "a")]

    def has(name: str, word: str) -> bool:
        return word in name or (word.endswith("s") and word[:-1] in name)

    return [p for p in recent if words and all(has(p["name"].lower(), w) for w in words)]


#: Cart changes that take products out: "the priciest one" is of the cart's lines.
_OUT_OF_CART = frozenset({"remove_from_cart", "set_quantity"})


def _the_one_of_that_colour(view: RequestView, text: str, focus: str | None) -> bool:
    """Whether "the black one" is the product in focus, which the shopper's previous
    question ("which one is black?") singled out among those shown."""
    if focus is None or not view.history_texts or not set(text.split()) <= COLOURS:
        return False
    if narrow_to(list(view.state.get("recent_products") or []), text):
        return False  # a name says it ("the black mug")
    asked = understand_once(view.history_texts[-1], False, None)
    return bool(set(text.split()) & set(asked.colours))


def same_again_counts(view: RequestView, added: list[dict[str, Any]]) -> list[int]:
    """How many of each line "the same" adds again: as many as last time, or, when the last
    add shared one product out among people ("one for me and one for my flatmate": 2 for 2
    people), each person's share for each one named now ("the same for my brother": 1)."""
    counts = [int(line["quantity"]) for line in added]
    if len(added) != 1 or not view.history_texts:
        return counts
    before, now = people_served(view.history_texts[-1]), people_served(view.user_text)
    if before > 1 and now >= 1 and counts[0] % before == 0:
        return [counts[0] // before * now]
    return counts


def _last_added(
    view: RequestView, intent: Intent, focus: str | None, lines: list[dict[str, Any]]
) -> bool:
    """Whether "the last one" of a cart change is the product the shopper just added."""
    return (
        intent.kind in _OUT_OF_CART
        and focus is not None
        and any(line.get("id") == focus for line in lines)
        and previous_kind(view) == "add_to_cart"
    )


#: "the two cheapest things", "the 3 most expensive": several lines by price
_THE_N_CHEAPEST = re.compile(
    r"\bthe (\d+|two|three|four|five) (?:cheapest|priciest|dearest|most expensive|least "
    r"expensive)\b"
    # "add the cheapest two of those": the count after the order
    r"|\bthe (?:cheapest|priciest|dearest|most expensive|least expensive) (\d+|two|three|four|"
    r"five)\b"
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
#: "those two", "all three", "both of them": a count said for "them"
_THOSE_N = re.compile(r"\b(?:those|these|them|the|all) (two|three|four|five)\b|\bboth\b")
#: "the one that's 18.99", "the one for $5.49", "the 8.99 one": a product named by its price
_BY_PRICE = re.compile(
    r"\bthe (?:one|ones) (?:that'?s|that is|which is|for|at|costing|priced at) \$?(\d+\.\d\d)\b"
    r"|\bthe \$?(\d+\.\d\d) ones?\b"
)


def _priced_one(view: RequestView, recent: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The products shown at the price the shopper named them by (in dollars, as shown when
    no other currency is chosen); None when no price names the product."""
    said = _BY_PRICE.search(view.user_text.lower())
    if said is None or (view.state.get("display_currency") or "USD") != "USD":
        return None
    nanos = Money.from_decimal(Decimal(said.group(1) or said.group(2)), "USD").total_nanos
    return [p for p in recent if p.get("price_usd_nanos") == nanos]


def targets_of(view: RequestView, intent: Intent) -> list[Target]:
    """Tool arguments for the intent's product references, resolved against the state."""
    recent: list[dict[str, Any]] = list(view.state.get("recent_products") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    picked = _priced_pick(view, intent)
    if picked is not None:  # "take out the pricier of the tank top and the candle holder"
        return [picked]
    found: list[Target] = []
    for ref in intent.products:
        lines = list(view.state.get("cart") or [])
        if ref.shown is not None:  # "the first thing you showed me", "... from before"
            shown = shown_earlier(view.state, ref.shown, focus, intent.sort)
            if shown is None and ref.shown.which == "cart" and ref.shown.ordinal == 0:
                # "the middle one" of an even number of lines: one of the two in the middle
                half = len(lines) // 2
                raise UnresolvedError(
                    "the middle one", tuple(line["name"] for line in lines[half - 1 : half + 1])
                )
            if shown is None:
                raise UnresolvedError(ref.shown.text or "that")
            count = ref.quantity
            if ref.shown.which == "removed" and count is None:  # as many as were taken out
                count = (removed_line(view.state) or {}).get("quantity")
            found.append(Target(shown, count))
            continue
        among = lines if intent.kind in _OUT_OF_CART and len(lines) > 1 else recent
        if among is recent and len(recent) < 2 and intent.sort and not _listed_alone(view):
            # "two mugs please" after a list, then "and the cheaper one too": of that list
            among = _last_list(view) or recent
        if intent.sort and among and (ref.anaphora or ref.ordinal is None) and not ref.text:
            # "add the cheapest one": pick among what was just shown; "take the priciest
            # one out": among the cart's lines, the whole line ("one" names it, no count);
            # "... that isn't a mug": among the others
            left_out = excluded_ids(view, intent)
            priced = [p for p in among if "price_usd_nanos" in p and p["id"] not in left_out]
            several = _THE_N_CHEAPEST.search(view.user_text.lower())
            said = (several.group(1) or several.group(2)) if several else None
            n = int(_COUNTS.get(said, said)) if said else 1
            if priced and n > 1:
                # "remove the two cheapest things": two lines, whole; "add the cheapest two
                # of those": two products of the list, one of each
                ranked = sorted(priced, key=lambda p: p["price_usd_nanos"],
                                reverse=intent.sort != "price_asc")  # fmt: skip
                count = None if among is lines else 1
                found += [Target(p["id"], count) for p in ranked[:n]]
                continue
            if priced:
                pick = min if intent.sort == "price_asc" else max
                chosen = pick(priced, key=lambda p: p["price_usd_nanos"])
                tied = [p for p in priced if p["price_usd_nanos"] == chosen["price_usd_nanos"]]
                if len(tied) > 1 and intent.kind in CART_CHANGES:
                    # "I'll take the cheaper one" of two at the same price: which?
                    raise UnresolvedError("same price", tuple(p["name"] for p in tied))
                count = None if among is lines and ref.quantity == 1 else ref.quantity
                found.append(Target(chosen["id"], count))
                continue
        if ref.other:  # "the other one": of those shown, not the one in focus
            others = [p for p in recent if p["id"] != focus]
            named = [r.text for r in intent.products if r.text]
            said = [p for p in recent if any(name_matches(t, p["name"]) for t in named)]
            if said:  # "how much more are the sunglasses?": than the other, not them
                others = [p for p in recent if p not in said] or others
            if intent.price_gap and not others and focus:
                others = [{"id": focus}]  # "how much more is the mug?" than the one in focus
            if not others and focus:
                others = _other_of_pair(view, focus)
            if len(others) != 1:
                raise UnresolvedError("the other one")
            found.append(Target(others[0]["id"], ref.quantity))
            continue
        if ref.all_recent:
            group = _all_of(view, intent, recent)
            if not group:
                raise UnresolvedError("all")
            said = _THOSE_N.search(view.user_text.lower())
            n = _COUNTS.get(said.group(1), 2) if said else None
            added = (view.state.get("last_added") or {}).get("lines") or []
            if n is not None and n != len(group) and len(added) == n:
                group = added  # "put in the sunglasses and a candle holder" - "those two"
            if n is not None and n != len(group) and intent.kind in CART_CHANGES:
                # "take those two back out" with three lines in view: which two? Asked,
                # never more (or fewer) taken than were said
                raise UnresolvedError("those", tuple(p.get("name", p["id"]) for p in group))
            found += [Target(p["id"], ref.quantity) for p in group]
        elif ref.ordinal is not None and intent.sort and not ref.text:
            # "the 2nd cheapest": that place in price order, whatever order they were shown in
            ranked = sorted((p for p in recent if "price_usd_nanos" in p),
                            key=lambda p: p["price_usd_nanos"],
                            reverse=intent.sort == "price_desc")  # fmt: skip
            position = ref.ordinal - 1 if ref.ordinal > 0 else len(ranked) + ref.ordinal
            if not 0 <= position < len(ranked):
                raise UnresolvedError(str(ref.ordinal))
            found.append(Target(ranked[position]["id"], ref.quantity))
        elif ref.ordinal == -1 and _last_added(view, intent, focus, lines):
            # "put 2 mugs, a tank top and the shakers in", then "remove the last one": the
            # last one put in (the one in focus), not the last one shown before
            found.append(Target(focus, ref.quantity))
        elif ref.ordinal is not None:
            position = ref.ordinal - 1 if ref.ordinal > 0 else len(recent) + ref.ordinal
            if not 0 <= position < len(recent):
                raise UnresolvedError(str(ref.ordinal))
            found.append(Target(recent[position]["id"], ref.quantity))
        elif ref.text and _the_one_of_that_colour(view, ref.text, focus):
            # "which one is black?" singled the mug out: "2 of the black one" is the mug
            found.append(Target(str(focus), ref.quantity))
        elif ref.text and (kin := _one_of_category(view, recent, intent, ref.text)):
            if len(kin) > 1:  # "add the kitchen one" after the shakers and the jar: which?
                raise UnresolvedError(ref.text, tuple(p["name"] for p in kin))
            found.append(Target(kin[0]["id"], ref.quantity))
        elif ref.text and ref.anaphora:
            narrowed = narrow_to(recent, ref.text)
            found.append(
                Target(narrowed[0]["id"] if len(narrowed) == 1 else ref.text, ref.quantity)
            )
        elif ref.text and (held := _the_gift(view, intent, ref.text)):
            found.append(Target(held, ref.quantity))
        elif ref.text and (part := _part_of_focus(view, intent, ref.text)):
            found.append(Target(part, ref.quantity))
        elif ref.text:
            found.append(Target(ref.text, ref.quantity))
        elif ref.anaphora and (priced := _priced_one(view, recent)) is not None:
            # "I'll take the one that's 18.99": of those shown, the one at that price
            if len(priced) != 1:
                raise UnresolvedError("the one at that price")
            found.append(Target(priced[0]["id"], ref.quantity))
        elif ref.anaphora:
            if intent.kind == "create_alert" and any(r.text for r in intent.products):
                continue  # "track the hairdryer, ping me once it's 15% cheaper": it = that
            shown = _shown_for_swap(recent, intent.replaces)
            held = [line["id"] for line in lines]
            if shown is not None:  # "swap the mug for that": the one just shown, not the mug
                found.append(Target(shown, ref.quantity))
            elif intent.kind in _OUT_OF_CART and len(held) == 1 and focus not in held:
                # "make it one pair" when the one line left is not the product last talked
                # about (that one was just taken out): the line left
                found.append(Target(held[0], ref.quantity))
            elif focus:
                found.append(Target(focus, ref.quantity))
            elif len(recent) == 1:
                found.append(Target(recent[0]["id"], ref.quantity))
            else:
                raise UnresolvedError("it")
    unique: dict[str, Target] = {}
    for target in found:  # the same product twice is one
        unique.setdefault(target.product, target)
    left_out = excluded_ids(view, intent)
    return [t for t in unique.values() if t.product not in left_out]


def _last_list(view: RequestView) -> list[dict[str, Any]]:
    """The items of the newest list shown with more than one product."""
    for entry in reversed(view.state.get("shown_lists") or []):
        items = list(entry.get("items") or []) if isinstance(entry, dict) else []
        if len(items) > 1:
            return items
    return []


def _listed_alone(view: RequestView) -> bool:
    """Whether the newest list shown is the one product in view: "sunglasses under $30" found
    only one, so "add the cheapest one" is that one, not the cheapest of a list before it."""
    lists = [e for e in view.state.get("shown_lists") or [] if isinstance(e, dict)]
    recent = [p.get("id") for p in view.state.get("recent_products") or []]
    return bool(lists) and [i.get("id") for i in lists[-1].get("items") or []] == recent != []


def _priced_pick(view: RequestView, intent: Intent) -> Target | None:
    """The cheaper (or pricier) of two or more cart lines named in a change ("take out the
    pricier of the tank top and the candle holder"); equal prices are asked about."""
    named = [r for r in intent.products if r.text and r.ordinal is None]
    if intent.kind not in _OUT_OF_CART or intent.sort is None or len(named) < 2:
        return None
    lines = [cart_line(view, r.text or "") for r in named]
    if any(line is None or "price_usd_nanos" not in line for line in lines):
        return None
    priced = sorted((line for line in lines if line is not None),
                    key=lambda line: int(line["price_usd_nanos"]))  # fmt: skip
    pick = priced[0] if intent.sort == "price_asc" else priced[-1]
    tied = [line for line in priced if line["price_usd_nanos"] == pick["price_usd_nanos"]]
    if len(tied) > 1:
        raise UnresolvedError("same price", tuple(line["name"] for line in tied))
    return Target(pick["id"], None)


def _one_of_category(
    view: RequestView, recent: list[dict[str, Any]], intent: Intent, text: str
) -> list[dict[str, Any]]:
    """Recent products in the category "the kitchen one" names (their categories from the
    lists shown, the cart and the product in focus); none unless one product of it is said."""
    category = intent.category
    said = view.user_text.lower()
    if CATEGORY_WORDS.get(text.lower(), text.lower()) != category:
        return []  # "the jar" answering "which kitchen thing?" names a product, no category
    one = re.escape(text.lower())
    # "the kitchen one", "that accessory" (a singular category word stands for one product)
    if not category or not re.search(
        rf"\b(?:the|that) {one} (?:one|thing|item|product)\b"
        + (rf"|\b(?:the|that) {one}\b(?! stuff| things)" if not one.endswith("s") else ""),
        said,
    ):
        return []
    known: dict[str, list[str]] = {}
    sources = [item for entry in view.state.get("shown_lists") or [] if isinstance(entry, dict)
               for item in entry.get("items") or []]  # fmt: skip
    sources += [*(view.state.get("cart") or []), view.state.get("focus_product") or {}]
    for item in sources:
        if item.get("id") and item.get("categories"):
            known[item["id"]] = list(item["categories"])
    return [p for p in recent if category in known.get(p["id"], [])]


def _shown_for_swap(recent: list[dict[str, Any]], replaced: ProductRef | None) -> str | None:
    """In "swap the mug for that", the one product just shown that is not the mug."""
    if replaced is None or not replaced.text:
        return None
    named = {p["id"] for p in narrow_to(recent, replaced.text)}
    others = [p for p in recent if p["id"] not in named]
    return others[0]["id"] if len(others) == 1 else None


def _part_of_focus(view: RequestView, intent: Intent, text: str) -> str | None:
    """ "the glass is dark or clear?" about the sunglasses just added: a question about a
    part of the product in focus, its name holding the word inside a longer one ("glass" in
    "Sunglasses"), is about that product (the id), not another that the word names."""
    focus = view.state.get("focus_product") or {}
    name = str(focus.get("name") or "").lower()
    words = text.lower().split()
    if intent.kind != "product_info" or len(words) != 1 or not name or words[0] in name.split():
        return None
    inside = len(words[0]) >= 3 and any(words[0] in w and w != words[0] for w in name.split())
    return str(focus["id"]) if inside else None


#: What a product bought for someone is called when the cart holds it.
_GIFT_WORDS = GIFT_NOUNS | {"thing", "item"}


def _the_gift(view: RequestView, intent: Intent, text: str) -> str | None:
    """ "make it just one of the gift": in a change to the cart, a word for what was bought
    means the cart's one line (or the product in focus, when the cart holds it)."""
    if intent.kind not in {"set_quantity", "remove_from_cart"} or text not in _GIFT_WORDS:
        return None
    lines = list(view.state.get("cart") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    if len(lines) == 1:
        return str(lines[0]["id"])
    return focus if any(line["id"] == focus for line in lines) else None


CART_SHOWN = CART_CHANGES | {"view_cart"}


IN_CART = ("my cart", "my basket", "my trolley", "the cart", "the basket")


def _all_of(
    view: RequestView, intent: Intent, recent: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What "each"/"everything"/"all of them" means: the products just shown, or, for a cart
    change right after another ("one more of each", "just one of everything"), the cart's
    lines; so after the cart was shown or priced ("okay, one more of each then")."""
    cart = list(view.state.get("cart") or [])
    after_cart_change = intent.kind in CART_CHANGES and previous_kind(view) in CART_SHOWN
    return cart if cart and (after_cart_change or not recent) else recent


def excluded_ids(view: RequestView, intent: Intent) -> set[str]:
    """Ids of the products an "except ..." names, among those shown and those in the cart."""
    if not intent.excluded:
        return set()
    recent = list(view.state.get("recent_products") or [])
    known = recent + list(view.state.get("cart") or [])
    ids: set[str] = set()
    for ref in intent.excluded:
        if ref.ordinal is not None and 0 < abs(ref.ordinal) <= len(recent):
            ids.add(recent[ref.ordinal - 1 if ref.ordinal > 0 else ref.ordinal]["id"])
        elif ref.text:
            ids.update(p["id"] for p in narrow_to(known, ref.text))
    return ids


def meant_what_was_added(view: RequestView, intent: Intent) -> bool:
    """A correction ("I meant loafers": the product in focus out, the named one in) that
    names the product in focus: nothing to change."""
    focus = view.state.get("focus_product") or {}
    if (
        intent.kind != "remove_from_cart"
        or not focus.get("name")
        or "view_cart" not in view.tools
        or [r.anaphora for r in intent.products] != [True]
        or len(intent.secondary) != 1
        or intent.secondary[0].kind != "add_to_cart"
    ):
        return False
    named = [r.text for r in intent.secondary[0].products]
    return len(named) == 1 and bool(named[0]) and bool(narrow_to([focus], named[0] or ""))


def cart_line(view: RequestView, product: str) -> dict[str, Any] | None:
    """The cart line a product id or name ("the mugs") means, if the cart holds it."""
    lines = list(view.state.get("cart") or [])
    by_id = [line for line in lines if line["id"] == product]
    named = by_id or narrow_to(lines, product)
    if not named and (term := _catalog_term(product)):
        named = narrow_to(lines, term)  # "one less of the sleeveless tops": the tank tops
    return named[0] if len(named) == 1 else None


def _catalog_term(said: str) -> str | None:
    """The catalog's word for what the shopper's words name ("sleeveless tops" -> "tank
    top", "the shades" -> "sunglasses"), when every word that names a thing names one."""
    tokens = tuple(tokenize(said))
    whole = lookup_concept(tokens)
    concepts = {whole} if whole else {c for t in tokens if (c := lookup_concept((t,)))}
    terms = {c.terms[0] for c in concepts if c.terms}
    return terms.pop() if len(terms) == 1 and len(concepts) == 1 else None


def _other_of_pair(view: RequestView, focus: str) -> list[dict[str, Any]]:
    """ "what was the other one called?" once only the one chosen is in view: the other of
    the latest pair shown with it ("the cheaper of the two accessories", then this)."""
    for shown in reversed(view.state.get("shown_lists") or []):
        items = shown.get("items") or []
        if len(items) == 2 and focus in {i["id"] for i in items}:
            return [i for i in items if i["id"] != focus]
    return []
