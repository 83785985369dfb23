"""A fourth held-out table: the batch was written in full before it was first run.

Every row is what a careful human would expect from a shopper's message, typed the way real
shoppers type (typos, slang, lowercase, no punctuation, several requests at once, references
to earlier results). Only the slots a careful human would be sure of are asserted.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cartmate.planner import ConversationContext
from tests.planner.test_understanding import ALL, IT, Case, O, T, case, check, eur, money, usd

#: Three products were just shown after a search; two lines are in the cart.
SHOWN = ConversationContext(
    recent_product_names=("Loafers", "Sunglasses", "Watch"),
    focus_product_name="Loafers",
    cart_product_names=("Mug", "Watch"),
    last_intent="search",
)

#: Two products were just shown.
TWO = ConversationContext(
    recent_product_names=("Mug", "Bamboo Glass Jar"),
    focus_product_name="Mug",
    last_intent="search",
)

#: The shopper just looked at a cart holding two lines.
CART = ConversationContext(
    recent_product_names=("Watch", "Sunglasses"),
    cart_product_names=("Watch", "Sunglasses"),
    last_intent="view_cart",
)

#: The shopper just added the watch.
AFTER_ADD = ConversationContext(
    recent_product_names=("Watch", "Sunglasses", "Tank Top"),
    focus_product_name="Watch",
    cart_product_names=("Watch",),
    last_intent="add_to_cart",
)

#: The cart holds mugs, a watch and a candle holder.
FULL_CART = ConversationContext(
    cart_product_names=("Mug", "Watch", "Candle Holder"),
    recent_product_names=("Mug", "Watch", "Candle Holder"),
    last_intent="view_cart",
)

UNSEEN_4: list[Case] = [
    # social
    case("heyyy", "greet"),
    case("ty so much!!", "thanks"),
    case("ok im done for today, cya", "goodbye"),
    case("nah not really", "deny"),
    # search
    case("looking for a watch under 40 quid", "search", query="watch", max_price=money(40, "GBP")),
    case("any sunnies less than €25?", "search", max_price=eur(25)),
    case(
        "i need smth for my kitchen between 10 and 20 dollars",
        "search",
        category="kitchen",
        min_price=usd(10),
        max_price=usd(20),
    ),
    case("cheapest shoes u got", "search", category="footwear", sort="price_asc"),
    case(
        "show me white or gold decor stuff",
        "search",
        colours=("white", "gold"),
        category="decor",
    ),
    case("what have you got over 100 CAD", "search", min_price=money(100, "CAD")),
    case("birthday gift for my mum around 30 euros", "search", max_price=eur(30)),
    case("any cheaper ones?", "search", SHOWN, relative="cheaper"),
    case("got anything else?", "search", SHOWN, relative="other"),
    case(
        "serch for candel holders under 15 bucks",
        "search",
        query="candle holders",
        max_price=usd(15),
    ),
    case("hi, do you have any tank tops in black?", "search", colours=("black",)),
    case("yo what are the cheapest hair products", "search", category="hair", sort="price_asc"),
    # product info
    case("whats the 2nd one like", "product_info", SHOWN, products=(O(2),)),
    case("how big is the candle holder", "product_info", products=(T("candle holder"),)),
    case(
        "how much is the tank top in pounds",
        "product_info",
        products=(T("tank top"),),
        currency="GBP",
    ),
    # add to cart
    case("chuck the 2nd one in my cart pls", "add_to_cart", SHOWN, products=(O(2),)),
    case("ill take both of them", "add_to_cart", TWO, products=(ALL,)),
    case("add the cheaper one", "add_to_cart", TWO, products=(IT(),), sort="price_asc"),
    case(
        "can i get three tank tops and a couple of mugs",
        "add_to_cart",
        products=(T("tank tops", 3), T("mugs", 2)),
    ),
    case("add that one to my basket", "add_to_cart", SHOWN, products=(IT(),)),
    case("and the sunglasses too", "add_to_cart", AFTER_ADD, products=(T("sunglasses"),)),
    case("add the watcj to my cart", "add_to_cart", products=(T("watch"),)),
    case(
        "add everything except the watch",
        "add_to_cart",
        SHOWN,
        products=(ALL,),
        excluded=(T("watch"),),
    ),
    case(
        "add the sunglasses and set an alert for the watch at $90",
        "add_to_cart",
        products=(T("sunglasses"),),
        secondary=("create_alert",),
    ),
    # cart changes
    case("bump the mugs up to 5", "set_quantity", FULL_CART, products=(T("mugs"),), quantity=5),
    case("actually make it 2 watches", "set_quantity", AFTER_ADD, quantity=2),
    case("ditch the watch", "remove_from_cart", FULL_CART, products=(T("watch"),)),
    case("remove both of them", "remove_from_cart", CART, products=(ALL,)),
    case(
        "take one mug out",
        "remove_from_cart",
        FULL_CART,
        products=(T("mug", 1),),
        quantity=1,
    ),
    case(
        "swap the watch for the sunglasses",
        "remove_from_cart",
        FULL_CART,
        products=(T("watch"),),
        secondary=("add_to_cart",),
    ),
    case("whats my total rn", "view_cart"),
    case("empty the trolley pls", "empty_cart"),
    # currency
    case("can u show everything in swiss francs instead", "set_currency", currency="CHF"),
    case("switch to aussie dollars", "set_currency", currency="AUD"),
    # prices, deals, alerts
    case(
        "is the hairdryer cheaper on amazon",
        "compare_prices",
        products=(T("hairdryer"),),
    ),
    case(
        "is 60 euros a good price for the loafers",
        "deal_analysis",
        products=(T("loafers"),),
        price=eur(60),
    ),
    case("is it too pricey?", "deal_analysis", SHOWN, products=(IT(),)),
    case(
        "ping me if the loafers drop below 80",
        "create_alert",
        products=(T("loafers"),),
        max_price=money(80),
    ),
    case(
        "let me know when the watch drops 20%",
        "create_alert",
        products=(T("watch"),),
        drop_percent=Decimal("20"),
    ),
    case("which alerts do i have", "list_alerts"),
    case("cancel the alert on the loafers", "delete_alert", alert_ref=T("loafers")),
    # style and complements
    case("i'm not into bright colours", "style_statement", dislikes=("bright colours",)),
    case("what would go with the loafers", "complements", products=(T("loafers"),)),
    # out of scope, nonsense
    case("whats the weather like in london", "out_of_scope"),
    case("can you help me with my maths homework", "out_of_scope"),
    case("asdfgh jkl", "unknown"),
]


@pytest.mark.parametrize("row", UNSEEN_4, ids=str)
def test_unseen_4(row: Case) -> None:
    check(row)


def test_unseen_4_table_size() -> None:
    assert len(UNSEEN_4) == 50
