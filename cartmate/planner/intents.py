"""The planner's data model: what a shopper's message means, as plain frozen data.

`understand()` (in `understanding.py`) returns one `Intent`; a message with several requests
("add the mug and show my cart") returns the first as the `Intent` and the rest in
`Intent.secondary`. Products are *mentions* (`ProductRef.text`) or references to earlier
results (ordinal, anaphora, all); a catalog-aware tool resolves them, never this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = [
    "SOCIAL_KINDS",
    "ConversationContext",
    "Intent",
    "IntentKind",
    "PriceLimit",
    "ProductRef",
    "ShownEarlier",
    "SortOrder",
]

IntentKind = Literal[
    "greet",
    "help",
    "thanks",
    "goodbye",
    "affirm",  # "yes please", "ok go ahead": answers the assistant's last question
    "deny",  # "no", "nope", "never mind"
    "chat",  # "how's your day going?", "so excited!": small talk, nothing to look up
    "search",
    "product_info",
    "list_categories",
    "complements",
    "add_to_cart",
    "remove_from_cart",
    "set_quantity",
    "view_cart",
    "set_budget",  # "I've got 50 dollars to spend", "forget the budget" (no amount)
    "empty_cart",
    "set_currency",
    "compare_prices",
    "deal_analysis",
    "create_alert",
    "list_alerts",
    "delete_alert",
    "analyse_style",
    "show_style",
    "reset_style",
    "style_statement",
    "note_list",  # "here's my list: 2 mugs, a jar": the shopper's own list (`shopping_lists`)
    "check_list",  # "what's missing from my cart?" with a list given
    "fill_list",  # "add whatever's missing"
    "match_list",  # "make my cart match my list"
    "cross_off_list",  # "cross the jar off my list": the list changes, not the cart
    "list_quantity",  # "make it 4 mugs on the list": the list's count, not the cart's
    "price_list",  # "how much would my whole list cost?"
    "out_of_scope",
    "unknown",
]

SortOrder = Literal["price_asc", "price_desc"]

#: Kinds that carry no request of their own; dropped when a message also asks for something.
SOCIAL_KINDS: frozenset[str] = frozenset(
    {"greet", "help", "thanks", "goodbye", "affirm", "deny", "chat"}
)
#: Kinds that change the cart.
CART_CHANGES: frozenset[str] = frozenset(
    {"add_to_cart", "remove_from_cart", "set_quantity", "empty_cart"}
)


@dataclass(frozen=True)
class PriceLimit:
    """An amount the shopper said, e.g. "under 25 dollars" -> `PriceLimit(Decimal("25"), "USD")`.

    Attributes:
        amount: The exact amount as said ("fifty" -> 50, "19.99" -> 19.99).
        currency: ISO 4217 code when a currency was said ("€30" -> "EUR", "3000 yen" -> "JPY",
            "20 bucks" -> "USD"); None for a bare number ("under 25").
    """

    amount: Decimal
    currency: str | None = None


@dataclass(frozen=True)
class ProductRef:
    """One product the shopper refers to. Exactly how is left to a catalog-aware resolver.

    Attributes:
        text: A mention to resolve against the catalog, as said but with typos of known
            shopping words corrected ("salt and pepper shakers", "sunglasses", "black one").
        ordinal: 1-based position in the most recent list ("the second one" -> 2); negative
            counts from the end ("the last one" -> -1, "second to last" -> -2).
        anaphora: "it", "that", "those", "this one", "the same": the focus product or recent
            results. Also set, with no text, when an action names no product at all ("add two",
            "make it 3", "is this a good deal?"). With text ("the black one") it narrows the
            recent results by that text.
        all_recent: "all of them", "both", "all three", "everything" (in an action).
        quantity: A count said for this product alone ("2 mugs and a jar" -> 2 on the mug).
        other: "the other one": the recent result that is not the one in focus.
        shown: A product of a list shown earlier than the latest one (see `ShownEarlier`).
    """

    text: str | None = None
    ordinal: int | None = None
    anaphora: bool = False
    all_recent: bool = False
    quantity: int | None = None
    other: bool = False
    shown: ShownEarlier | None = None


@dataclass(frozen=True)
class ShownEarlier:
    """Which product of the lists shown lately a reference means.

    Attributes:
        which: "first": of the first list kept ("the first thing you showed me"); "before":
            of the list before the latest ("the one you showed before that"); "earlier": of
            any list kept, the one `text` describes ("that watch from earlier", "the kitchen
            one from before", "the other accessory you showed me"); "list": of the latest
            list `text` describes ("the last one from that kitchen list"); "added": of the
            cart's lines in the order they were first added ("the first thing I added");
            "removed": the last line taken out of the cart ("put back what I took out
            earlier"); "alerted": the product of the shopper's one alert ("the thing I set
            an alert on"); "weighed": of products weighed against each other, in the order
            named (`text` "start": the conversation's first such, else the latest: "the
            second of the two you compared at the start"); "anchor": the product the latest
            search was measured from by price ("add it, and the one just below it in price":
            "it" before the search); "gifted": what the cart holds for the person `text`
            names ("the same for my mum as for my dad": dad's); "cart": the cart's line at
            `ordinal` as listed (0: the middle one: "the top line", "the second thing in my
            cart").
        text: What describes the product or the list, as said ("kitchen", "watch").
        ordinal: The position in that list (1-based; -1 the last); None when not said.
        other: "the other accessory you showed me": not the one in focus, nor in the cart.
    """

    which: Literal[
        "first",
        "before",
        "earlier",
        "list",
        "added",
        "removed",
        "alerted",
        "weighed",
        "anchor",
        "gifted",
        "cart",
    ]
    text: str | None = None
    ordinal: int | None = None
    other: bool = False


@dataclass(frozen=True)
class Condition:
    """What a request waits on: "if the watch is under 100 dollars", "unless that takes me
    past 50", "if the jar costs more than the mug", "if my total is over 100".

    Attributes:
        about: "price" (a product's unit price), "total" (the cart's total now), "after"
            (the cart's total once the request is done) or "any" (some product's price:
            "if there's anything under 6 dollars, add it").
        product: Whose price, for "price"; None is the request's own product ("if it's under
            20").
        below: True for "under / less than / cheaper than", False for "over / more than".
        amount: The amount it is weighed against, or None when it is another product's price.
        than: That other product ("if the jar costs more than the mug").
        unless: The request is done when the comparison does NOT hold ("unless", "skip it,
            otherwise").
    """

    about: Literal["price", "total", "after", "any"]
    below: bool
    product: ProductRef | None = None
    amount: PriceLimit | None = None
    than: ProductRef | None = None
    unless: bool = False


@dataclass(frozen=True)
class Claim:
    """A figure the shopper works out and says ("add 2 mugs, that's 17.98 right?", "is my total
    45 or 46?", "in euros that's about 180?"), checked against what the tools return.

    Attributes:
        amounts: The amount said, or the alternatives ("45 or 46").
        currency: ISO code when said with the amount; None for a bare number.
        approximate: "about", "roughly", "around", "over", "under": near enough will do.
        worked_out: The value of the sum said with it ("5.49 times five is 27.45?").
    """

    amounts: tuple[Decimal, ...]
    currency: str | None = None
    approximate: bool = False
    worked_out: Decimal | None = None


@dataclass(frozen=True)
class Intent:
    """What one request in a shopper's message asks for, with its slots.

    Attributes:
        kind: The request kind (see `IntentKind`).
        products: Products acted on or asked about, in the order mentioned.
        quantity: "two of those" -> 2, "a dozen" -> 12, "3x" -> 3; for `set_quantity` the new
            quantity ("make it 3"); for `remove_from_cart` how many to take out (None = all).
            None when not said (callers default to 1 for adds).
        factor: For `set_quantity`, the line times this instead of a quantity ("double the
            mugs" -> 2, "triple it" -> 3).
        divisor: For `set_quantity`, the line divided by this ("too many, half that" -> 2).
        limit: For `search`, how many to show when one is asked for ("what's the cheapest
            thing you've got?" -> 1); None for a list.
        for_shopper: For `search`, picks for the shopper themselves ("what would you
            recommend for me?", "anything that suits my style"): what they said they
            dislike is left out, not only ranked last.
        budget_check: For `product_info`, whether the products fit the budget in
            `max_price` ("can I afford the loafers and the watch with 200?", "is 100 enough
            for the watch?"): their total against it.
        among_shown: For `search`, rank only the products just shown ("which would make a
            better housewarming gift?" after two were compared).
        price_gap: For `product_info` of two products, the answer says how much more one
            costs ("how much more is it than the loafers?").
        replaces: For `add_to_cart` in a swap ("swap the mugs for jars"): the product going
            out. With no count said, as many come in as the cart held of it when the shopper
            says so (`same_count`: "same number") or names the new product in the plural.
        same_count: See `replaces`.
        list_side: For a comparison with the shopper's list, what was asked about:
            "missing" (what the cart lacks) or "extra" (what it holds beyond the list); those
            become "them" ("add one of them", "get rid of those").
        held: For `set_quantity` with no product named, how many the shopper says the line
            meant holds now ("I've got 1 in there but my list says 3"): the cart lines
            holding that many are the ones it can be.
        as_many_as: For `add_to_cart` and `set_quantity`, the cart line whose count is the
            quantity ("add as many mugs as there are jars", "make the mugs as many as the
            jars": the jars' count), as said.
        what_if: For `view_cart`, changes the question only supposes, (product, how many more
            or, negative, fewer; `what_if.WITHOUT` for the whole line): "what would it come
            to with two more jars?". Nothing is changed.
        recipient: Who a cart request is for, as said ("dad", "her": see
            `planner.recipients`): an add for someone else teaches nothing of the shopper's
            style; a removal or a look at the cart means that person's lines ("swap my
            sister's gift", "what did I pick for dad?").
        same_again: For `add_to_cart`, the shopper's last add again, every line of it ("same
            again for my cousin", "same for her sister").
        replace_alert: For `create_alert`, a change of the shopper's alert on the product
            ("change the hairdryer one to 18"): the old one goes.
        query: Search text with filler removed ("something for the kitchen" -> "kitchen");
            None means everything. For `unknown` the cleaned text, for a last-chance search.
        category: A known category when a category word was said ("shoes" -> "footwear").
        colours: Colour words said ("black shoes" -> ("black",)).
        max_price: Upper price bound ("under/below/at most/up to $25"). For `create_alert`
            the target price ("tell me if it drops below $80"); for `search` also a bare
            budget ("a gift for $30").
        drop_percent: For `create_alert`, a drop relative to today's price instead of a
            target ("tell me when the watch drops 20%", "falls by 10 percent").
        drop_amount: For `create_alert`, a drop by an amount below today's price instead
            of a target ("tell me if the loafers drop by 10 dollars", "20 euros cheaper").
        target_change: For `create_alert`, an existing alert's target moved by a signed
            amount ("move the cheaper one down by 5" -> -5, "raise the watch one by 10" -> 10),
            in that alert's currency unless one is said.
        min_price: Lower price bound ("over/above/at least").
        price: A bare amount said without a comparator ("is $109 a fair price?").
        sort: "cheapest" -> "price_asc", "most expensive" -> "price_desc". On actions it
            picks among recent results ("add the cheapest one").
        currency: For `set_currency` the target (ISO, upper-case); an unrecognised currency
            word is passed through upper-cased ("bitcoin" -> "BITCOIN") for the tool to refuse.
            On other kinds, a display currency asked for in passing ("the watch in yen").
        alert_ref: For `delete_alert`, which alert ("that alert" -> anaphora, "the loafers
            alert" -> text, "all my alerts" -> all_recent).
        likes: `style_statement` likes ("I love earthy tones and leather"); for `search`, the
            taste of someone else the search is for ("a gift for my brother, he's into
            black"), which ranks it and is never recorded.
        dislikes: `style_statement` dislikes ("no more stripes", "I prefer gold over silver");
            for `search`, what that someone else dislikes.
        forget: `style_statement` words whose like or dislike is taken back ("forget what I
            said about gold").
        relative: "cheaper" or "pricier" than what was just shown ("any cheaper ones?"), or
            "other" ("show me something else": the last search without what it showed),
            when no product or bound was said; "narrow" for new bounds on the last search
            ("just the ones between 10 and 20 dollars").
        about_cart: The request is about the cart as a whole ("what matches my cart?").
        has_image: The message carried an image.
        confidence: 0..1; 1 for clear cue phrases, lower for guesses, fuzzy-corrected cues
            and fallbacks. `unknown` is always below 0.5.
        excluded: Products left out of an "all" request ("add everything except the watch",
            "remove everything but the mug"); resolved like `products`.
        secondary: Further requests in the same message, in order.
        condition: What the request waits on ("add the mug if it's under 10 bucks"), checked
            against the shop's prices before anything is done.
        claim: A figure the shopper worked out ("that's 17.98, right?"), confirmed or
            corrected in the answer.
        corrections: Typos corrected, as (typed, corrected) pairs; for logs, not compared.
    """

    kind: IntentKind
    products: tuple[ProductRef, ...] = ()
    quantity: int | None = None
    factor: int | None = None
    divisor: int | None = None
    limit: int | None = None
    among_shown: bool = False
    for_shopper: bool = False
    price_gap: bool = False
    budget_check: bool = False
    replaces: ProductRef | None = None
    same_count: bool = False
    held: int | None = None
    list_side: str | None = None
    as_many_as: str | None = None
    what_if: tuple[tuple[ProductRef, int], ...] = ()
    recipient: str | None = None
    same_again: bool = False
    replace_alert: bool = False
    query: str | None = None
    category: str | None = None
    colours: tuple[str, ...] = ()
    max_price: PriceLimit | None = None
    min_price: PriceLimit | None = None
    drop_percent: Decimal | None = None
    drop_amount: PriceLimit | None = None
    target_change: PriceLimit | None = None
    price: PriceLimit | None = None
    sort: SortOrder | None = None
    currency: str | None = None
    alert_ref: ProductRef | None = None
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    forget: tuple[str, ...] = ()
    relative: (
        Literal[
            "cheaper", "pricier", "other", "narrow", "closest", "near", "above", "below", "between"
        ]
        | None
    ) = None
    about_cart: bool = False
    has_image: bool = False
    confidence: float = 1.0
    excluded: tuple[ProductRef, ...] = ()
    secondary: tuple[Intent, ...] = ()
    condition: Condition | None = None
    claim: Claim | None = None
    corrections: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def product(self) -> ProductRef | None:
        """The first product reference, if any."""
        return self.products[0] if self.products else None


@dataclass(frozen=True)
class ConversationContext:
    """What the caller knows about the conversation; used only to disambiguate.

    Attributes:
        recent_product_names: Names of the products shown most recently, in order.
        focus_product_name: The product talked about last ("it").
        cart_product_names: Names of the products in the cart.
        display_currency: The shopper's current display currency.
        alert_product_names: Names of products with an active price alert.
        last_intent: The kind of the shopper's previous request, for elliptical follow-ups:
            after an add, "the mug too" is an add and "3" a new quantity.
        asked_about_names: Products the shopper asked about one at a time, in the order
            first asked ("the first thing I asked about").
        list_product_names: The products on the shopper's own shopping list, once given
            ("what's missing?" then compares the cart with it).
    """

    recent_product_names: tuple[str, ...] = ()
    focus_product_name: str | None = None
    cart_product_names: tuple[str, ...] = ()
    display_currency: str | None = None
    alert_product_names: tuple[str, ...] = ()
    last_intent: IntentKind | None = None
    asked_about_names: tuple[str, ...] = ()
    list_product_names: tuple[str, ...] = ()
