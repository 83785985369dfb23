"""Session state the agents keep between turns, under fixed keys.

Tools write it (through `tool_context.state`); instruction providers render it into each
agent's instruction so a model, Gemini or the offline planner, can resolve "the second one",
"it" or "that alert" and knows the shopper's display currency.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from cartmate.boutique.models import Product

__all__ = [
    "ADDED_ORDER",
    "ALERTS",
    "ANSWER_CURRENCY",
    "ASKED_ABOUT",
    "BUDGET",
    "CART_LINES",
    "CHANGES",
    "COMPARED",
    "CURRENCIES",
    "DEFAULT_CURRENCY",
    "DISPLAY_CURRENCY",
    "FOCUS_PRODUCT",
    "LAST_SEARCH",
    "QUANTITY_CHANGES",
    "RECENT_PRODUCTS",
    "REMOVED",
    "SEQ",
    "SHOWN_LISTS",
    "WEIGHED",
    "display_currency",
    "remember_alerts",
    "remember_asked_about",
    "remember_cart",
    "remember_change",
    "remember_comparison",
    "remember_currency",
    "remember_focus",
    "remember_products",
    "remember_quantity_change",
    "remember_removed",
    "remember_weighed",
    "STATE_CLOSE",
    "STATE_OPEN",
    "render_state_block",
    "snapshot",
]

DISPLAY_CURRENCY = "display_currency"  # ISO code every price is shown in
# A currency asked in passing ("how much is that in euros?"): this turn's prices only. ADK
# keeps `temp:` keys for the invocation and never stores them, so the next turn is back in
# the display currency without anyone clearing it.
ANSWER_CURRENCY = "temp:answer_currency"
BUDGET = "budget"  # {"currency_code", "units", "nanos"}: the shopper's stated limit
RECENT_PRODUCTS = "recent_products"  # [{"id", "name", "price_usd_nanos"}] as last shown
FOCUS_PRODUCT = (
    "focus_product"  # {"id", "name", "price_usd_nanos"[, "removed_quantity" | "added_quantity"]}
)
# [{"id", "name", "quantity", "price_usd_nanos", "categories", "traits"}]: traits are the
# colour and material words of the product's text
CART_LINES = "cart_lines"
ALERTS = "recent_alerts"  # [{"id", "product_id", "product_name", "target"}] as last listed/created
EMPTIED = "emptied_cart"  # [{"id", "name", "quantity"}]: what emptying the cart took out
LAST_SEARCH = "last_search"  # {"query", "category"}: what "cheaper ones" searches again
# [{"id", "name", "seq"}]: products asked about one at a time, in the order first asked ("the first
# thing I asked about")
ASKED_ABOUT = "asked_about"
# {"turn": invocation id, "lines": [{"id", "name", "quantity"}]}: what the shopper's last
# turn with adds put in the cart ("same again for my cousin" adds it all again)
LAST_ADDED = "last_added"
# [{"about": what was searched ("kitchen"), "items": [{"id", "name", "categories",
# "price_usd_nanos"}]}], oldest first: the lists shown lately (and the conversation's first),
# so "the very first thing you showed me", "the one you showed before that", "the last one
# from that kitchen list" and "the cheapest of the kitchen stuff from earlier" outlive the
# latest list
SHOWN_LISTS = "shown_lists"
# [product id]: the products the shopper added, in the order first added ("the first thing I
# added"); the cart service keeps its own order
ADDED_ORDER = "added_order"
# {product id: person}: cart lines added as gifts ("the loafers for my dad"), so the cart can
# be read back by who each line is for and gifts teach nothing of the shopper's style
GIFTS = "gifts"
# [{"turn", "id", "name", "price", "offers": [{"retailer", "price", "in_stock"}]}], oldest first,
# prices as exact Money in the currency compared in: the products compared with other shops,
# so "which shop was that?", "buying it there" and "when yours drops to Acme's price" know
# the offers after the comparison's turn
COMPARED = "compared"
_MAX_COMPARED = 4
# [{"id", "name", "quantity"}], oldest first: the lines taken out of the cart lately, so "put
# back what I took out earlier" finds it after other talk (as many as there were)
REMOVED = "removed_lines"
_MAX_REMOVED = 5
# {"asked": [codes, in the order first asked, in passing or for good], "before": the display
# currency before the latest switch for good}: "the first currency I asked about", "go back
# to the same currency as before"
CURRENCIES = "currencies"
_MAX_CURRENCIES = 8
# [{"id", "name", "before", "after"}], oldest first: the cart lines whose count was set lately,
# so "how many mugs did I have before I changed it?" and "go back to that many" know it
QUANTITY_CHANGES = "quantity_changes"
_MAX_CHANGES = 5
# [[id, ...]], oldest first (the conversation's first kept): products weighed against each
# other, in the order the shopper named them ("which is cheaper, the sunglasses or the
# hairdryer?"), so "the second of the two you compared (at the start)" finds it later
WEIGHED = "weighed"
_MAX_WEIGHED = 4
# [{"turn", "lines": [{"id", "name", "before", "after"}], "alerts_made": [{"id", "product_id",
# "product_name"}], "alerts_cancelled": [{"product_id", "product_name", "target"}]}], oldest
# first, one record per turn that wrote: what "undo that", "put them all back" or "never
# mind the alert" takes back (an undo is a change too, so a second undo redoes)
CHANGES = "changes"
_MAX_CHANGE_RECORDS = 3
# {"items": [{"id", "name", "quantity", "price_usd_nanos"}], "not_carried": [words]}: the
# shopper's own shopping list ("here's my list: 2 mugs, a jar, the sunglasses"), so "what's
# missing from my cart?", "add whatever's missing" and "make my cart match my list" compare
# the cart with it
SHOPPING_LIST = "shopping_list"
# A counter stamped (`seq`) on the lists shown and the products asked about, so the order of
# the two is known: "the one I asked about just before the mugs"
SEQ = "seq"
_MAX_ASKED = 12
_MAX_LISTS = 8

DEFAULT_CURRENCY = "USD"
_MAX_RECENT = 20


def display_currency(state: Mapping[str, Any]) -> str:
    """The currency to show prices in now: this answer's, else the shopper's chosen one."""
    value = state.get(ANSWER_CURRENCY) or state.get(DISPLAY_CURRENCY)
    return value if isinstance(value, str) and value else DEFAULT_CURRENCY


def _ref(product: Product) -> dict[str, Any]:
    # The USD price (in nanos) lets a model pick "the cheapest one" among recent results.
    return {
        "id": product.id,
        "name": product.name,
        "price_usd_nanos": product.price_usd.total_nanos,
    }


def remember_products(
    state: MutableMapping[str, Any],
    products: Iterable[Product],
    *,
    new_topic: bool = False,
    about: str = "",
) -> None:
    """The products just shown become "those"; a single one also becomes "it".

    `new_topic` (a search the shopper asked for) also lets go of an earlier "it": after
    "show me everything", "add 3 of them" is a question, not the product talked about three
    turns ago, even when that product is among the results ("show me black stuff", then
    "that one pls": which one?). Suggestions for a product keep it as "it".

    The list is also kept among the lists shown lately (`SHOWN_LISTS`), with `about`, what
    the shopper searched for.
    """
    shown = list(products)[:_MAX_RECENT]
    refs = [_ref(p) for p in shown]
    if not refs:
        return
    state[RECENT_PRODUCTS] = refs
    _remember_list(state, shown, about)
    focus = state.get(FOCUS_PRODUCT)
    if len(refs) == 1:
        state[FOCUS_PRODUCT] = _focus_ref(shown[0])
    elif new_topic and focus:
        state[FOCUS_PRODUCT] = None


def _remember_list(state: MutableMapping[str, Any], shown: list[Product], about: str) -> None:
    lists = [entry for entry in state.get(SHOWN_LISTS) or [] if isinstance(entry, dict)]
    items = [
        {"id": p.id, "name": p.name, "categories": list(p.categories),
         "price_usd_nanos": p.price_usd.total_nanos}
        for p in shown
    ]  # fmt: skip
    if lists and [i["id"] for i in lists[-1].get("items") or []] == [i["id"] for i in items]:
        lists = lists[:-1]  # the same list again ("sort those by price") is one list
    kept = [*lists, {"about": about, "items": items, "seq": _stamp(state)}]
    if len(kept) > _MAX_LISTS:  # the conversation's first list stays: "the very first thing"
        kept = [kept[0], *kept[len(kept) - _MAX_LISTS + 1 :]]
    state[SHOWN_LISTS] = kept


def remember_focus(
    state: MutableMapping[str, Any],
    product: Product,
    *,
    removed_quantity: int | None = None,
    added_quantity: int | None = None,
) -> None:
    """The product talked about last ("it"); after a removal, how many went (so "put them
    back" puts back as many); after an add, how many came (so "undo that" takes as many
    out)."""
    focus = _focus_ref(product)
    if removed_quantity:
        focus["removed_quantity"] = removed_quantity
    if added_quantity:
        focus["added_quantity"] = added_quantity
    state[FOCUS_PRODUCT] = focus


def remember_added(
    state: MutableMapping[str, Any], product: Product, quantity: int, turn: str
) -> None:
    """One more line the shopper's current turn added; a new turn starts the list again."""
    last = state.get(LAST_ADDED)
    same_turn = isinstance(last, dict) and last.get("turn") == turn
    lines = list(last.get("lines") or []) if same_turn else []
    recent = [p.get("id") for p in state.get(RECENT_PRODUCTS) or []]
    # Several products named and added together ("a mug and a bamboo jar please") become
    # "them"; products picked from the list shown leave it as it was ("and the third one").
    ours = [line["id"] for line in lines] == recent
    picked = product.id in recent and not ours
    lines.append({**_ref(product), "quantity": quantity, "picked": picked})
    state[LAST_ADDED] = {"turn": turn, "lines": lines}
    order = list(state.get(ADDED_ORDER) or [])
    if product.id not in order:  # an add of more of it keeps its place
        state[ADDED_ORDER] = [*order, product.id][-_MAX_RECENT:]
    if len(lines) > 1 and not any(line.get("picked") for line in lines):
        state[RECENT_PRODUCTS] = [
            {k: line[k] for k in ("id", "name", "price_usd_nanos") if k in line} for line in lines
        ]


_ALERTED = "temp:cartmate_alerted"  # this turn's alerted products (ADK drops `temp:` keys)


def remember_alerted(state: MutableMapping[str, Any], product: Product, turn: str) -> None:
    """A product given an alert this turn; several ("the candle holder or the tank top")
    become "both" / "them" for the next request ("put both in my cart")."""
    last = state.get(_ALERTED)
    refs = list(last["refs"]) if isinstance(last, dict) and last.get("turn") == turn else []
    if product.id not in [r["id"] for r in refs]:
        refs.append(_ref(product))
    state[_ALERTED] = {"turn": turn, "refs": refs}
    if len(refs) > 1:
        state[RECENT_PRODUCTS] = refs


def remember_asked_about(state: MutableMapping[str, Any], product: Product) -> None:
    """One more product the shopper asked about; a product asked about again keeps its
    place (the order is of first asks), the oldest go past `_MAX_ASKED`."""
    asked = [a for a in state.get(ASKED_ABOUT) or [] if isinstance(a, dict)]
    if any(a.get("id") == product.id for a in asked):
        return
    entry = {"id": product.id, "name": product.name, "seq": _stamp(state)}
    state[ASKED_ABOUT] = [*asked, entry][-_MAX_ASKED:]


def _stamp(state: MutableMapping[str, Any]) -> int:
    """The next number of the conversation's counter (see `SEQ`)."""
    state[SEQ] = int(state.get(SEQ) or 0) + 1
    return int(state[SEQ])


def _focus_ref(product: Product) -> dict[str, Any]:
    # Its categories say where "cheaper alternatives" to it are.
    return {**_ref(product), "categories": list(product.categories)}


def remember_cart(
    state: MutableMapping[str, Any], lines: Iterable[Mapping[str, Any]], *, shown: bool = False
) -> None:
    """Keep the cart's lines; when the cart was just shown, its lines become "those" too."""
    state[CART_LINES] = [
        {
            "id": line["product_id"],
            "name": line["name"],
            "quantity": line["quantity"],
            **(
                {"price_usd_nanos": line["unit_price_usd_nanos"]}
                if line.get("unit_price_usd_nanos") is not None
                else {}
            ),
            **({"categories": list(line["categories"])} if line.get("categories") else {}),
            **({"traits": list(line["traits"])} if line.get("traits") else {}),
        }
        for line in lines
    ]
    if shown and state[CART_LINES]:
        state[RECENT_PRODUCTS] = [{"id": c["id"], "name": c["name"]} for c in state[CART_LINES]]


def remember_alerts(state: MutableMapping[str, Any], alerts: Iterable[Mapping[str, Any]]) -> None:
    """The shopper's alerts as last listed or changed, with their targets ("cancel the one in
    dollars", "move the cheaper one down by 5")."""
    state[ALERTS] = [
        {"id": a["id"], "product_id": a["product_id"], "product_name": a["product_name"],
         **({"target": a["target"]} if a.get("target") else {}),
         **({"price_usd_nanos": a["price_usd_nanos"]} if "price_usd_nanos" in a else {})}
        for a in alerts
    ]  # fmt: skip


def remember_removed(
    state: MutableMapping[str, Any], product: Product, quantity: int | None
) -> None:
    """A line taken out of the cart (and how many it held, when known)."""
    kept = [line for line in state.get(REMOVED) or [] if line.get("id") != product.id]
    line = {"id": product.id, "name": product.name, "quantity": quantity}
    state[REMOVED] = [*kept, line][-_MAX_REMOVED:]


def remember_change(
    state: MutableMapping[str, Any],
    turn: str,
    *,
    line: Mapping[str, Any] | None = None,
    alert_made: Mapping[str, Any] | None = None,
    alert_cancelled: Mapping[str, Any] | None = None,
) -> None:
    """One write of the shopper's current turn, joined to the turn's record: a cart line's
    count from `before` to `after` (the first `before` of the turn is kept), an alert made or
    an alert cancelled (with its target, so it can be made again)."""
    records = [dict(r) for r in state.get(CHANGES) or [] if isinstance(r, Mapping)]
    if not records or records[-1].get("turn") != turn:
        records.append({"turn": turn})
    record = records[-1]
    if line is not None:
        lines = [dict(x) for x in record.get("lines") or []]
        same = next((x for x in lines if x.get("id") == line["id"]), None)
        if same is None:
            lines.append(dict(line))
        else:
            same["after"] = line["after"]
        record["lines"] = [x for x in lines if x.get("before") != x.get("after")]
    if alert_made is not None:
        record["alerts_made"] = [*(record.get("alerts_made") or []), dict(alert_made)]
    if alert_cancelled is not None:
        record["alerts_cancelled"] = [
            *(record.get("alerts_cancelled") or []),
            dict(alert_cancelled),
        ]
    state[CHANGES] = records[-_MAX_CHANGE_RECORDS:]


def remember_weighed(state: MutableMapping[str, Any], ids: list[str]) -> None:
    """Products weighed against each other in one turn (the same set again is one entry)."""
    kept = [w for w in state.get(WEIGHED) or [] if sorted(w) != sorted(ids)]
    kept.append(list(ids))
    if len(kept) > _MAX_WEIGHED:  # the first stays: "the two you compared at the start"
        kept = [kept[0], *kept[len(kept) - _MAX_WEIGHED + 1 :]]
    state[WEIGHED] = kept


def remember_quantity_change(
    state: MutableMapping[str, Any], product: Product, before: int, after: int
) -> None:
    """A cart line's count set from `before` to `after`."""
    kept = [c for c in state.get(QUANTITY_CHANGES) or [] if c.get("id") != product.id]
    change = {"id": product.id, "name": product.name, "before": before, "after": after}
    state[QUANTITY_CHANGES] = [*kept, change][-_MAX_CHANGES:]


def remember_currency(state: MutableMapping[str, Any], code: str, *, for_good: bool) -> None:
    """A currency the shopper asked for; switched to for good, the one it replaced."""
    kept = dict(state.get(CURRENCIES) or {})
    asked = list(kept.get("asked") or [])
    if code not in asked and len(asked) < _MAX_CURRENCIES:  # the first ones asked are kept
        asked.append(code)
    kept["asked"] = asked
    current = state.get(DISPLAY_CURRENCY) or DEFAULT_CURRENCY
    if for_good and code != current:
        kept["before"] = current
    state[CURRENCIES] = kept


def remember_comparison(
    state: MutableMapping[str, Any], comparison: Mapping[str, Any], turn: str
) -> None:
    """A comparison with other shops (compare_prices' result) in the shopper's `turn`
    (invocation id): the product, our price and the offers found (retailer names are
    cleaned web text), newest last; the same product compared again replaces its entry."""
    product = comparison["product"]
    entry = {
        "turn": turn,
        "id": product["id"],
        "name": product["name"],
        "price": product["price"],
        "offers": [
            {"retailer": o["retailer"], "price": o["price"], "in_stock": o.get("in_stock")}
            for o in comparison.get("offers") or []
        ],
    }
    kept = [c for c in state.get(COMPARED) or [] if c.get("id") != product["id"]]
    state[COMPARED] = [*kept, entry][-_MAX_COMPARED:]


STATE_OPEN, STATE_CLOSE = "<cartmate_state>", "</cartmate_state>"


def render_state_block(state: Mapping[str, Any]) -> str:
    """The state as instruction text, between tags a model (or the planner) can find."""
    body = json.dumps(dict(state), ensure_ascii=False, sort_keys=True)
    return f"{STATE_OPEN}\n{body}\n{STATE_CLOSE}"


def snapshot(state: Mapping[str, Any]) -> dict[str, Any]:
    """The part of the state a model needs, as one JSON-able object."""
    return {
        "display_currency": display_currency(state),
        # this answer's currency is one asked in passing: the shopper's own stays this one
        **(
            {"chosen_currency": state.get(DISPLAY_CURRENCY) or DEFAULT_CURRENCY}
            if state.get(ANSWER_CURRENCY)
            else {}
        ),  # fmt: skip
        "budget": state.get(BUDGET),
        "recent_products": list(state.get(RECENT_PRODUCTS) or []),
        "focus_product": state.get(FOCUS_PRODUCT),
        "last_search": state.get(LAST_SEARCH),
        "cart": list(state.get(CART_LINES) or []),
        "alerts": list(state.get(ALERTS) or []),
        **({"emptied_cart": state[EMPTIED]} if state.get(EMPTIED) else {}),
        **({"asked_about": state[ASKED_ABOUT]} if state.get(ASKED_ABOUT) else {}),
        **({"last_added": state[LAST_ADDED]} if state.get(LAST_ADDED) else {}),
        **({"shown_lists": state[SHOWN_LISTS]} if state.get(SHOWN_LISTS) else {}),
        **({"added_order": state[ADDED_ORDER]} if state.get(ADDED_ORDER) else {}),
        **({"gifts": state[GIFTS]} if state.get(GIFTS) else {}),
        **({"compared": state[COMPARED]} if state.get(COMPARED) else {}),
        **({"removed_lines": state[REMOVED]} if state.get(REMOVED) else {}),
        **({"currencies": state[CURRENCIES]} if state.get(CURRENCIES) else {}),
        **({"quantity_changes": state[QUANTITY_CHANGES]} if state.get(QUANTITY_CHANGES) else {}),
        **({"weighed": state[WEIGHED]} if state.get(WEIGHED) else {}),
        **({"seq": state[SEQ]} if state.get(SEQ) else {}),
        **({"changes": state[CHANGES]} if state.get(CHANGES) else {}),
        **({"shopping_list": state[SHOPPING_LIST]} if state.get(SHOPPING_LIST) else {}),
    }
