"""Cart tool calls whose quantities come from the conversation: removals, swaps, undone and
put-back counts, 'one each', 'as many as', and quotes of what a change would cost."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from cartmate.models.offline.decisions import CallTools, Decision, Reply, ToolCall
from cartmate.models.offline.reading import previous_kind
from cartmate.models.offline.request_view import RequestView
from cartmate.models.offline.targets import Target, UnresolvedError, cart_line, targets_of
from cartmate.money import Money
from cartmate.planner import Intent
from cartmate.planner.analysis import prepare_tokens
from cartmate.planner.lexicon import PAIR_NOUNS, PEOPLE

__all__ = [
    "as_many_as",
    "as_many_as_last_added",
    "count_before",
    "lines_by_price",
    "lines_of_category",
    "make_supposed",
    "one_each",
    "one_of_a_line",
    "put_back_count",
    "quote_change",
    "removal_call",
    "swapped_count",
    "undone_count",
    "which_product",
]


#: "everything black", "all the ceramic stuff", "anything in leather": every line so described
_EVERY = re.compile(r"\b(every\w*|any\w*|all|stuff|things|ones)\b")


def lines_of_category(view: RequestView, intent: Intent) -> list[str]:
    """The ids of the cart lines in the category a removal or a change names ("all the
    kitchen stuff", "double the kitchen stuff"), when its only mention is that category; or
    of every line whose colour and material words hold those said ("take out everything
    black": the tank top, the hairdryer and the mugs, not the jar)."""
    named = [r.text.lower() for r in intent.products if r.text]
    lines = list(view.state.get("cart") or [])
    if intent.category and named in ([], [intent.category]):
        return [line["id"] for line in lines if intent.category in (line.get("categories") or [])]
    words = set(intent.colours) | {
        w for w in named if any(w in (line.get("traits") or []) for line in lines)
    }
    if not named or set(named) - words or not _EVERY.search(view.user_text.lower()):
        return []
    return [line["id"] for line in lines if words <= set(line.get("traits") or [])]


def lines_by_price(view: RequestView, intent: Intent) -> list[str] | None:
    """The ids of the cart lines whose unit price is over `min_price` / under `max_price`
    ("take out everything over 50 dollars"), for "everything"/"anything"; None when the
    removal names products, or the bound is in a currency other than USD (the lines' prices
    are kept in USD; converting is the currency service's job)."""
    bounds = [b for b in (intent.min_price, intent.max_price) if b is not None]
    lines = list(view.state.get("cart") or [])
    if (
        not bounds
        or not all(r.all_recent or (r.anaphora and not r.text) for r in intent.products)
        or any((b.currency or view.state.get("display_currency") or "USD") != "USD" for b in bounds)
        or not all("price_usd_nanos" in line for line in lines)
    ):
        return None
    low = Money.from_decimal(intent.min_price.amount, "USD") if intent.min_price else None
    high = Money.from_decimal(intent.max_price.amount, "USD") if intent.max_price else None
    return [
        line["id"]
        for line in lines
        if (low is None or line["price_usd_nanos"] > low.total_nanos)
        and (high is None or line["price_usd_nanos"] < high.total_nanos)
    ]


def one_of_a_line(view: RequestView, intent: Intent) -> ToolCall | None:
    """ "take the second watch back out" with two watches in the cart: one of them (the
    position counts the watches, not a list shown)."""
    if intent.kind != "remove_from_cart" or len(intent.products) != 1:
        return None
    ref = intent.products[0]
    if not ref.text or ref.ordinal is None or ref.ordinal < 2:
        return None
    line = cart_line(view, ref.text)
    if line is None or int(line["quantity"]) < ref.ordinal:
        return None
    return removal_call(view, Target(line["id"]), 1)


def removal_call(view: RequestView, target: Target, quantity: int | None) -> ToolCall:
    """ "remove one mug" lowers the line when the cart holds more; otherwise it goes."""
    line = cart_line(view, target.product)
    if quantity and line and line["quantity"] > quantity:
        return ToolCall(
            "set_cart_quantity", {"product": line["id"], "quantity": line["quantity"] - quantity}
        )
    if quantity and line is None:  # a line the state does not know: the tool takes that many
        return ToolCall("remove_from_cart", {"product": target.product, "quantity": quantity})
    return ToolCall("remove_from_cart", {"product": target.product})


def swapped_count(view: RequestView, intent: Intent) -> int | None:
    """How many come in for the line a swap takes out ("swap the mugs for bamboo jars, same
    number" with four mugs: four jars), when the shopper says so or names the new product in
    the plural; None otherwise (one comes in)."""
    if intent.replaces is None:
        return None
    plural = any(r.text and _plural(r.text) for r in intent.products)
    if not (intent.same_count or plural):
        return None
    try:
        [out] = targets_of(view, replace(intent, products=(intent.replaces,), secondary=()))
    except (UnresolvedError, ValueError):
        return None
    line = cart_line(view, out.product)
    return int(line["quantity"]) if line else None


def undone_count(view: RequestView, intent: Intent, targets: list[Target]) -> int | None:
    """ "undo that" right after "and 2 more mugs": the two just added come out, not the
    line."""
    focus = view.state.get("focus_product") or {}
    said = view.user_text.lower()
    if (
        not any(w in said for w in ("undo", "never mind", "nvm", "nevermind", "scratch that"))
        or previous_kind(view) != "add_to_cart"
        or [t.product for t in targets] != [focus.get("id")]
        or not focus.get("added_quantity")
    ):
        return None
    return int(focus["added_quantity"])


_COUNT_BEFORE = re.compile(
    r"\bback to (?:that many|that number|the old number|how many i had|what i had)\b"
    r"|\b(?:change|set|switch|turn) (?:it|that|them|the quantity|the number) back\b"
)


def count_before(view: RequestView, products: list[str]) -> dict[str, Any] | None:
    """ "go back to that many", "change it back": the last line whose count was set (of the
    product meant, when one is), back to its count before."""
    if not _COUNT_BEFORE.search(view.user_text.lower()):
        return None
    held = {line["id"]: line.get("quantity") for line in view.state.get("cart") or []}
    changes = [c for c in view.state.get("quantity_changes") or []
               if held.get(c["id"]) == c["after"]]  # fmt: skip
    meant = [c for c in changes if c["id"] in products] or changes
    if not meant:
        return None
    return {"product": meant[-1]["id"], "quantity": meant[-1]["before"]}


def put_back_count(view: RequestView, intent: Intent, product: str) -> int | None:
    """ "put them back" right after a removal: as many as were taken out."""
    focus = view.state.get("focus_product") or {}
    if (
        focus.get("id") != product
        or not focus.get("removed_quantity")
        or previous_kind(view) != "remove_from_cart"
        or any(r.text for r in intent.products)
    ):
        return None
    return int(focus["removed_quantity"])


def one_each(view: RequestView, intent: Intent) -> int | None:
    """ "one each" after "stocking fillers for my 3 nieces": as many as the people named
    in the last few messages."""
    words = view.user_text.lower().split()
    if "each" not in words or (intent.quantity or 1) != 1:
        return None
    for text in reversed(view.history_texts[-3:]):
        tokens = prepare_tokens(text)
        for number, word in zip(tokens, tokens[1:], strict=False):
            if number.value is not None and number.value > 1 and word.text in PEOPLE:
                return int(number.value)
    return None


def _plural(mention: str) -> bool:
    """ "bamboo jars", not "bamboo jar", "sunglasses" or "glass" ."""
    last = mention.split()[-1] if mention.split() else ""
    return last.endswith("s") and not last.endswith("ss") and last not in PAIR_NOUNS


def as_many_as(view: RequestView, intent: Intent, products: list[str]) -> Decision:
    """ "add as many mugs as there are jars" (3 jars: 3 mugs in), "make the mugs as many as
    the jars" (the mugs' line at 3); a product not in the cart yet comes in that many."""
    counted = cart_line(view, intent.as_many_as or "")
    if counted is None:
        return Reply(f"There are no {intent.as_many_as} in your cart to count.")
    count = int(counted["quantity"])
    calls = []
    for product in products:
        line = cart_line(view, product)
        if intent.kind == "set_quantity" and line is not None:
            calls.append(ToolCall("set_cart_quantity", {"product": line["id"], "quantity": count}))
        else:
            calls.append(ToolCall("add_to_cart", {"product": product, "quantity": count}))
    return CallTools(tuple(calls))


def as_many_as_last_added(added: list[dict[str, Any]], products: list[str]) -> Decision:
    """ "and the same number of mugs" right after 7 jars went in: 7 mugs; after lines of
    different counts, which count is asked."""
    counts = dict.fromkeys(int(line["quantity"]) for line in added)
    if len(counts) > 1:
        said = " or ".join(f"{line['quantity']} (as many as the {line['name']})" for line in added)
        return Reply(f"How many: {said}?")
    [count] = counts
    return CallTools(
        tuple(ToolCall("add_to_cart", {"product": p, "quantity": count}) for p in products)
    )


def quote_change(view: RequestView, intent: Intent, said: str | None = None) -> Decision:
    """ "what would it come to with two more jars?": the cart priced with the changes the
    shopper supposes (each cart line for "one more of each"; "it" the product in focus)."""
    lines = list(view.state.get("cart") or [])
    focus = (view.state.get("focus_product") or {}).get("id")
    priced = [p for p in view.state.get("recent_products") or [] if "price_usd_nanos" in p]
    said = (said or view.user_text).lower()
    # "if I take two of the shakers" with one in the cart: two in all, not two more
    in_all = re.search(r"\b(take|get|buy|have)\b", said) and not re.search(
        r"\b(more|another|extra|additional|else)\b", said
    )
    products: list[str] = []
    changes: list[int] = []
    for ref, change in intent.what_if:
        if ref.all_recent:
            named = [line["id"] for line in lines]
        elif ref.text:
            line = cart_line(view, ref.text)
            named = [line["id"] if line else ref.text]
        elif intent.sort and priced:  # "two of the cheaper one": of those just weighed
            pick = min if intent.sort == "price_asc" else max
            named = [pick(priced, key=lambda p: p["price_usd_nanos"])["id"]]
        else:
            named = [focus] if focus else [line["id"] for line in lines][-1:]
        if not named:
            return Reply(which_product(view))
        for product in named:
            held = next((int(x["quantity"]) for x in lines if x["id"] == product), 0)
            products.append(product)
            changes.append(change - held if in_all and change > 0 and held else change)
    return CallTools((ToolCall("quote_cart", {"products": products, "changes": changes}),))


def make_supposed(view: RequestView, intent: Intent) -> Decision:
    """ "do it" after a quote: the changes it supposed, made (more added, fewer set, none
    taken out)."""
    asked = view.history_texts[-1] if view.history_texts else None  # the quote's words
    quoted = quote_change(view, replace(intent, kind="view_cart"), asked)
    if not isinstance(quoted, CallTools):
        return quoted
    [call] = quoted.calls
    calls = []
    for product, change in zip(call.args["products"], call.args["changes"], strict=True):
        line = cart_line(view, product)
        held = int(line["quantity"]) if line else 0
        if change > 0:
            calls.append(ToolCall("add_to_cart", {"product": product, "quantity": change}))
        elif held + change > 0:
            calls.append(
                ToolCall("set_cart_quantity", {"product": product, "quantity": held + change})
            )
        elif line is not None:
            calls.append(ToolCall("remove_from_cart", {"product": product}))
    return CallTools(tuple(calls)) if calls else CallTools((ToolCall("view_cart", {}),))


def which_product(view: RequestView) -> str:
    recent = [p["name"] for p in view.state.get("recent_products") or []]
    if recent:
        listed = ", ".join(f"{i}. {name}" for i, name in enumerate(recent, 1))
        return f"Which product do you mean? Recently we looked at: {listed}."
    return 'Which product do you mean? You can name it, for example "the watch".'
