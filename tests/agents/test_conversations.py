"""Whole conversations through the orchestrator with the offline model, streamed as the gateway
streams them: tool trajectories, transfers, state across turns and the resulting cart."""

from __future__ import annotations

import pytest

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.config import Settings
from tests.agents.conftest import Conversation, ConversationFactory, Turn, png_bytes
from tests.agents.held_out import JAR

SUNGLASSES, MUG, WATCH, LOAFERS = "OLJCESPC7Z", "6E92ZMYYFZ", "1YMWWN1N4O", "L9ECAV7KIM"


def assert_streamed(turn: Turn) -> None:
    """Partials concatenate to the final text (and there is one)."""
    assert turn.text
    assert turn.partial_text == turn.text


async def _cart(services: AgentServices, user: str = "shopper") -> dict[str, int]:
    cart = await services.boutique.cart.get_cart(user)
    return {item.product_id: item.quantity for item in cart.items}


async def test_greeting_is_answered_by_the_orchestrator(shopper: Conversation) -> None:
    turn = await shopper.say("hi there!")
    assert turn.transfers == [] and turn.tool_calls == []
    assert_streamed(turn)
    assert "CartMate" in turn.text


async def test_search_then_add_by_reference(shopper: Conversation, services: AgentServices) -> None:
    search = await shopper.say("something for the kitchen")
    assert search.transfers == ["product_discovery"]
    assert [name for _, name, _ in search.tool_calls] == ["search_products"]
    assert_streamed(search)
    assert "Mug" in search.text
    shown = [p["id"] for p in search.result("search_products")["products"]]

    add = await shopper.say("add two of the second one")
    assert add.transfers == ["cart_manager"]
    assert add.calls("add_to_cart") == [{"product": shown[1], "quantity": 2}]
    assert_streamed(add)
    assert await _cart(services) == {shown[1]: 2}


async def test_the_cheapest_one_of_a_search_that_found_one_is_that_one(
    shopper: Conversation, services: AgentServices
) -> None:
    # A kitchen list first, then a search that finds only the sunglasses: "the cheapest one"
    # is the one just found, not the cheapest of the kitchen list before it.
    await shopper.say("something for the kitchen")
    search = await shopper.say("show me sunglasses under 30 dollars")
    assert [p["id"] for p in search.result("search_products")["products"]] == [SUNGLASSES]

    add = await shopper.say("add the cheapest one")
    assert add.calls("add_to_cart") == [{"product": SUNGLASSES, "quantity": 1}]
    assert await _cart(services) == {SUNGLASSES: 1}


@pytest.mark.parametrize(
    ("message", "asked", "quoted"),
    [
        ("Do you have a bag?", "a bag", "gym bag"),
        ("I'm looking for a new shelf", "a new shelf", "bedside shelf"),
        ("have you got any bags", "any bags", "gym bag"),
    ],
)
async def test_a_thing_a_product_only_mentions_is_not_offered_as_that_thing(
    shopper: Conversation, message: str, asked: str, quoted: str
) -> None:
    # The Hairdryer packs into a gym bag and the candle holder stands on a shelf: neither is one.
    turn = await shopper.say(message)
    assert turn.result("search_products")["mentioned_only"], turn.tool_results
    assert f"I don't have {asked} as such" in turn.text
    assert quoted in turn.text  # the description's own sentence says why it came up


@pytest.mark.parametrize(
    ("message", "product"),
    [
        ("something for the beach", "Sunglasses"),  # a use: the sunglasses are for beach days
        ("show me summer things", "Sunglasses"),
        ("I need something to keep in my gym bag", "Hairdryer"),
        ("do you have anything black?", "Mug"),  # a colour
    ],
)
async def test_a_use_or_a_colour_a_description_mentions_still_finds_the_product(
    shopper: Conversation, message: str, product: str
) -> None:
    turn = await shopper.say(message)
    assert "as such" not in turn.text
    assert product in turn.text


async def test_add_by_name_change_quantity_remove_and_view(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("I'll take the mug")
    await shopper.say("add the sunglases")  # a typo
    assert await _cart(services) == {MUG: 1, SUNGLASSES: 1}
    changed = await shopper.say("change the mug to 4")
    assert changed.calls("set_cart_quantity") == [{"product": "mug", "quantity": 4}]
    removed = await shopper.say("remove the sunglasses")
    assert removed.calls("remove_from_cart")
    view = await shopper.say("show my cart")
    assert view.calls("view_cart") == [{}]
    assert await _cart(services) == {MUG: 4}
    assert "4 × Mug" in view.text and "$35.96" in view.text


async def test_a_count_said_for_them_is_never_exceeded(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("Add a mug.")
    await shopper.say("Put in the sunglasses and a candle holder.")
    # "those two": the two just put in, not the whole cart
    await shopper.say("Take those two back out.")
    assert await _cart(services) == {MUG: 1}
    await shopper.say("Add the sunglasses and a bamboo jar.")
    await shopper.say("And one more mug.")
    # three lines in view, one just added: which two? Nothing is taken out until it is said
    asked = await shopper.say("Remove both of them.")
    assert not asked.calls("remove_from_cart") and "?" in asked.text, asked.text
    assert await _cart(services) == {MUG: 2, SUNGLASSES: 1, JAR: 1}


async def test_currency_preference_converts_every_price(shopper: Conversation) -> None:
    turn = await shopper.say("show prices in euros")
    assert turn.calls("set_display_currency") == [{"currency": "EUR"}]
    assert "EUR" in turn.text
    assert (await shopper.state())["display_currency"] == "EUR"
    search = await shopper.say("tell me about the watch")
    product = search.result("get_product_details")["product"]
    assert product["price"]["currency_code"] == "EUR" and "€" in search.text


async def test_unknown_currency_is_refused_plainly(shopper: Conversation) -> None:
    turn = await shopper.say("prices in bitcoin please")
    assert turn.result("set_display_currency")["code"] == "unknown_currency"
    assert "can't show prices" in turn.text


async def test_price_alert_flow(shopper: Conversation) -> None:
    created = await shopper.say("tell me if the loafers drop below $80")
    assert created.transfers == ["price_comparison"]
    assert created.calls("create_price_alert") == [
        {"product": "loafers", "target_price": "80", "price_currency": "USD"}
    ]
    listed = await shopper.say("my alerts")
    assert "Loafers" in listed.text
    cancelled = await shopper.say("cancel that alert")
    assert cancelled.calls("delete_price_alert")
    assert "Cancelled" in cancelled.text


async def test_everything_but_swaps_and_several_alerts(
    shopper: Conversation, services: AgentServices
) -> None:
    search = await shopper.say("something for the kitchen")
    shown = [p["id"] for p in search.result("search_products")["products"]]
    names = [p["name"] for p in search.result("search_products")["products"]]
    assert len(shown) >= 3 and MUG in shown

    await shopper.say("add all of them except the mug")
    assert await _cart(services) == {p: 1 for p in shown if p != MUG}

    swap = await shopper.say(f"swap the {names[shown.index(shown[-1])].lower()} for the watch")
    assert [name for _, name, _ in swap.tool_calls] == ["remove_from_cart", "add_to_cart"]
    assert await _cart(services) == {**{p: 1 for p in shown[:-1] if p != MUG}, WATCH: 1}

    kept = await shopper.say("remove everything but the watch")
    assert await _cart(services) == {WATCH: 1}
    assert "add_to_cart" not in {name for _, name, _ in kept.tool_calls}

    alerts = await shopper.say("tell me when the loafers go under 80 bucks and the watch under 90")
    assert alerts.calls("create_price_alert") == [
        {"product": "loafers", "target_price": "80", "price_currency": "USD"},
        {"product": "watch", "target_price": "90", "price_currency": "USD"},
    ]


async def test_cheaper_ones_search_again_below_what_was_shown(shopper: Conversation) -> None:
    await shopper.say("something for the kitchen")
    await shopper.say("tell me about the shakers")  # $18.49
    cheaper = await shopper.say("any cheaper ones?")
    assert cheaper.calls("search_products") == [
        {
            "query": "kitchen",
            "category": "kitchen",
            "sort": "price_asc",
            "max_price": "18.48",
            "price_currency": "USD",
        }
    ]
    names = [p["name"] for p in cheaper.result("search_products")["products"]]
    assert names == ["Bamboo Glass Jar", "Mug"]
    cheapest = await shopper.say("anything even cheaper?")  # below the cheapest just shown
    assert cheapest.calls("search_products")[0]["max_price"] == "5.48"
    assert "couldn't find any kitchen under $5.48" in cheapest.text


async def test_something_else_searches_again_without_what_was_shown(
    shopper: Conversation,
) -> None:
    first = await shopper.say("sunglasses or a watch")
    shown = {p["id"] for p in first.result("search_products")["products"]}
    assert shown
    other = await shopper.say("show me something else")
    (call,) = other.calls("search_products")
    assert set(call["exclude"]) == shown
    result = other.result("search_products")
    assert not shown & {p["id"] for p in result["products"]}
    assert result["filters"]["excluded"] == len(shown)


async def test_when_everything_was_shown_the_shopper_hears_so_and_keeps_the_list(
    shopper: Conversation,
) -> None:
    first = await shopper.say("something for the kitchen")
    names = [p["name"] for p in first.result("search_products")["products"]]
    assert len(names) == 3  # the whole kitchen category
    more = await shopper.say("hmm, what else do you have?")
    assert more.result("search_products")["products"] == []
    assert "all I have for kitchen" in more.text
    rejected = await shopper.say("I don't like any of these")
    assert rejected.calls("search_products")[0]["exclude"]  # not a taste with nothing in it
    # The empty searches did not wipe what was shown: "the second one" is still the jar.
    added = await shopper.say("ok, add the second one")
    assert added.result("add_to_cart")["product"]["name"] == names[1]


async def test_one_more_and_one_less_change_the_line_in_focus(shopper: Conversation) -> None:
    await shopper.say("add 2 mugs")
    more = await shopper.say("one more")
    assert more.calls("add_to_cart") == [{"product": "6E92ZMYYFZ", "quantity": 1}]
    less = await shopper.say("take one off")
    assert less.calls("set_cart_quantity") == [{"product": "6E92ZMYYFZ", "quantity": 2}]
    again = await shopper.say("another one please")  # after a removal: still one more
    assert again.calls("add_to_cart") == [{"product": "6E92ZMYYFZ", "quantity": 1}]
    fewer = await shopper.say("one less")
    assert fewer.calls("set_cart_quantity") == [{"product": "6E92ZMYYFZ", "quantity": 2}]


async def test_a_correction_after_an_add_takes_the_wrong_one_out(shopper: Conversation) -> None:
    await shopper.say("something for the kitchen")
    await shopper.say("add the first two")
    oops = await shopper.say("no wait, not the first one")
    assert oops.calls("remove_from_cart") and not oops.calls("add_to_cart")
    await shopper.say("add the mug")
    swap = await shopper.say("not the mug, the candle holder")
    assert swap.result("remove_from_cart")["product"]["name"] == "Mug"  # by name or by id
    assert [c["product"] for c in swap.calls("add_to_cart")] == ["candle holder"]
    cart = await shopper.say("show my cart")
    names = {line["name"] for line in cart.result("view_cart")["cart"]["items"]}
    assert names == {"Bamboo Glass Jar", "Candle Holder"}


async def test_too_pricey_for_me_shows_cheaper_ones_within_the_budget_said(
    shopper: Conversation,
) -> None:
    await shopper.say("how much is the hairdryer in aussie dollars")
    cheaper = await shopper.say("that's too pricey for me, anything under 30 AUD?")
    assert not cheaper.calls("analyse_deal")
    (call,) = cheaper.calls("search_products")
    assert call["max_price"] == "30" and call["price_currency"] == "AUD"
    assert call["sort"] == "price_asc"
    assert "Hairdryer" not in [p["name"] for p in cheaper.result("search_products")["products"]]


async def test_details_of_one_shown_product_keep_the_list_to_count_in(
    shopper: Conversation,
) -> None:
    await shopper.say("something for the kitchen")
    await shopper.say("tell me about the first one")
    second = await shopper.say("what about the second one?")
    assert second.result("get_product_details")["product"]["name"] == "Bamboo Glass Jar"
    added = await shopper.say("add the third one")
    assert added.result("add_to_cart")["product"]["name"] == "Mug"


async def test_which_one_is_cheaper_names_the_cheaper_of_those_shown(
    shopper: Conversation,
) -> None:
    await shopper.say("got any sunglases or watchs?")
    # ranked among those shown: the answer names it, and the other's price
    cheaper = await shopper.say("which one is cheaper")
    assert cheaper.result("search_products")["products"][0]["name"] == "Sunglasses"
    assert "Sunglasses ($19.99)" in cheaper.text and "$109.99" in cheaper.text, cheaper.text
    dearer = await shopper.say("which is more expensive")
    assert dearer.result("search_products")["products"][0]["name"] == "Watch"
    second = await shopper.say("ok add the sunglasses, and put a second pair in too")
    assert [c["quantity"] for c in second.calls("add_to_cart")] == [1, 1]  # the same product


async def test_and_in_pounds_shows_the_cart_again_in_pounds(shopper: Conversation) -> None:
    await shopper.say("add 2 mugs")
    await shopper.say("what's in my basket")
    again = await shopper.say("ok and what about in pounds")
    assert again.calls("set_display_currency") == [{"currency": "GBP", "just_this_answer": True}]
    assert again.calls("view_cart") == [{}]
    assert "£" in again.text


async def test_style_picks_and_checking_the_last_change(shopper: Conversation) -> None:
    await shopper.say("I love black leather accessories")
    picks = await shopper.say("recommend something that fits my style")
    assert picks.transfers == ["product_discovery"]
    assert picks.calls("search_products") == [{"for_shopper": True}]  # dislikes left out
    assert picks.result("search_products")["styled"] is True
    await shopper.say("add the first one")
    check = await shopper.say("did that work?")
    [looked] = check.calls("view_cart")  # the cart, for the product just added
    assert looked.get("product") in (None, picks.result("search_products")["products"][0]["id"])
    assert "Yes, you have 1 ×" in check.text and "1 item" in check.text, check.text


async def test_comparison_without_perplexity_still_gives_our_price(shopper: Conversation) -> None:
    turn = await shopper.say("is the watch cheaper elsewhere?")
    assert turn.calls("compare_prices") == [{"product": "watch"}]
    assert "$109.99" in turn.text and "isn't configured" in turn.text


async def test_out_of_scope_and_gibberish(shopper: Conversation) -> None:
    weather = await shopper.say("what's the weather tomorrow?")
    assert weather.transfers == [] and "shopping" in weather.text
    nonsense = await shopper.say("asdf qwerty zxcv")
    assert "didn't understand" in nonsense.text


async def test_empty_cart(shopper: Conversation, services: AgentServices) -> None:
    await shopper.say("add 3 mugs")
    assert await _cart(services) == {MUG: 3}
    turn = await shopper.say("empty my cart")
    assert turn.calls("empty_cart") == [{}]
    assert await _cart(services) == {}


async def test_a_photo_goes_to_the_style_profiler(shopper: Conversation) -> None:
    turn = await shopper.say(
        "what do you think of this?", images=[(png_bytes((20, 20, 20)), "image/png")]
    )
    assert turn.transfers == ["style_profiler"]
    assert [name for _, name, _ in turn.tool_calls] == ["analyse_style_photo"]
    assert "black" in turn.text.lower()
    profile = await shopper.say("what's my style?")
    assert profile.result("show_style_profile")["profile"]["images_analysed"] == 1


async def test_a_photo_without_words(shopper: Conversation) -> None:
    turn = await shopper.say("", images=[(png_bytes((230, 230, 240)), "image/png")])
    assert turn.transfers == ["style_profiler"]
    assert len(turn.calls("analyse_style_photo")) == 1
    assert_streamed(turn)


@pytest.mark.parametrize(
    ("builder", "utterance", "tool"),
    [
        ("product_discovery", "shades", "search_products"),
        ("cart_manager", "add two mugs", "add_to_cart"),
        ("price_comparison", "my alerts", "list_price_alerts"),
        ("style_profiler", "what's my style?", "show_style_profile"),
    ],
)
async def test_each_specialist_runs_on_its_own(
    converse: ConversationFactory,
    provider: StaticServices,
    settings: Settings,
    services: AgentServices,
    builder: str,
    utterance: str,
    tool: str,
) -> None:
    import importlib

    module = importlib.import_module(f"cartmate.agents.{builder}.agent")
    agent = getattr(module, f"build_{builder}_agent")(provider, settings)
    conversation = await converse(agent, user_id="solo")
    turn = await conversation.say(utterance)
    assert [name for _, name, _ in turn.tool_calls] == [tool]
    assert turn.transfers == []
    assert_streamed(turn)
    if builder == "cart_manager":
        assert await _cart(services, "solo") == {MUG: 2}


async def test_a_household_list_then_the_same_again_for_someone_else(
    shopper: Conversation, services: AgentServices
) -> None:
    listed = await shopper.say("Weekly list: mugs x2, one bamboo jar and the salt and pepper.")
    assert [c["quantity"] for c in listed.calls("add_to_cart")] == [2, 1, 1]
    first = await _cart(services)
    assert sorted(first.values()) == [1, 1, 2]

    again = await shopper.say("same again for my mum's place")
    assert [c["quantity"] for c in again.calls("add_to_cart")] == [2, 1, 1]
    assert await _cart(services) == {pid: 2 * n for pid, n in first.items()}

    counted = await shopper.say("and a pair of sunglasses for each of the twins")
    assert [c["quantity"] for c in counted.calls("add_to_cart")] == [2]


async def test_what_one_categorys_lines_of_the_cart_come_to(shopper: Conversation) -> None:
    await shopper.say("add 2 mugs, a bamboo jar and the hairdryer")
    kitchen = await shopper.say("how much are just the kitchen things?")
    assert kitchen.calls("view_cart") == [{}]
    # 2 x $8.99 + $5.49: the hairdryer is not a kitchen thing
    assert "The kitchen things in your cart come to $23.47" in kitchen.text
    assert "no kitchen" not in kitchen.text


async def test_one_more_after_adding_several_is_asked_about_then_added(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("A mug and a candle holder for my sister, please.")
    first = await _cart(services)
    which = await shopper.say("And one for my brother too.")
    assert not which.calls("add_to_cart"), which.tool_calls  # one of which? asked, not guessed
    assert "Mug" in which.text and "Candle Holder" in which.text and "?" in which.text
    assert await _cart(services) == first

    mug = await shopper.say("The mug, he's not really a candles person.")
    assert [c["quantity"] for c in mug.calls("add_to_cart")] == [1]
    assert not mug.calls("remove_from_cart")
    assert sum((await _cart(services)).values()) == 3


async def test_a_budget_said_once_then_what_it_still_buys_and_the_same_alert_again(
    shopper: Conversation,
) -> None:
    await shopper.say("I've got 60 dollars for the whole shop. add 2 mugs and the shakers")
    afford = await shopper.say("what can I still afford?")
    # $60 - (2 x $8.99 + $18.49) = $23.53
    assert afford.calls("search_products")[-1]["max_price"] == "23.53"
    await shopper.say("tell me when the loafers are 10% cheaper")
    watch = await shopper.say("same for the watch pls")
    assert watch.calls("create_price_alert") == [{"product": "watch", "drop_percent": "10"}]


async def test_the_cheaper_of_two_named_is_added_and_a_counted_saving_is_told(
    shopper: Conversation, services: AgentServices
) -> None:
    cheaper = await shopper.say("add the cheaper of the jar and the shakers")
    assert cheaper.calls("search_products") == [{"among": ["jar", "shakers"], "sort": "price_asc"}]
    assert await _cart(services) == {"9SIQT8TOJO": 1}  # the jar, $5.49 against $18.49
    save = await shopper.say("if I got 3 jars instead of mugs how much would I save?")
    assert not save.calls("add_to_cart") and not save.calls("remove_from_cart")
    assert "You'd save $10.50" in save.text  # 3 x ($8.99 - $5.49)
    more = await shopper.say("how much more are 2 watches than the loafers?")
    assert "$129.99 more" in more.text  # 2 x $109.99 - $89.99


async def test_counts_from_another_line_and_a_category_doubled(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add 3 jars")
    mugs = await shopper.say("add as many mugs as there are jars")
    assert mugs.calls("add_to_cart") == [{"product": "mugs", "quantity": 3}]
    await shopper.say("and the shakers")
    doubled = await shopper.say("double the kitchen stuff")
    assert sorted(c["quantity"] for c in doubled.calls("set_cart_quantity")) == [2, 6, 6]
    assert await _cart(services) == {"9SIQT8TOJO": 6, "6E92ZMYYFZ": 6, "LS4PSXUNUM": 2}


async def test_a_phone_shopper_takes_back_corrects_and_swaps(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add 2 sunglases n show my cart")
    await shopper.say("wait no, 1")
    assert await _cart(services) == {"OLJCESPC7Z": 1}
    await shopper.say("shakers + a jar pls")
    await shopper.say("nvm the jar")
    assert await _cart(services) == {"OLJCESPC7Z": 1, "LS4PSXUNUM": 1}
    cheaper = await shopper.say("u got anything cheaper than the shakers")
    # below the shakers' $18.49, among kitchen things: the jar and the mug
    assert cheaper.calls("search_products")[-1]["max_price"] == "18.48"
    which = await shopper.say("swap the shakers for that")
    assert not which.tool_calls and "?" in which.text  # two shown: which? nothing out yet
    await shopper.say("the jar")
    assert await _cart(services) == {"OLJCESPC7Z": 1, "9SIQT8TOJO": 1}


async def test_references_to_lists_shown_earlier_and_to_the_first_line_added(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("got any tops?")
    await shopper.say("what about shoes?")
    await shopper.say("add the last one you showed")  # the loafers
    await shopper.say("and the one you showed before that too")  # the tank top
    assert await _cart(services) == {"L9ECAV7KIM": 1, "66VCHSJNUP": 1}
    await shopper.say("show me kitchen stuff")
    await shopper.say("how much is the watch in euros?")
    await shopper.say("add the last one from that kitchen list too")
    kitchen = [p["id"] for p in (await shopper.state())["shown_lists"][-2]["items"]]
    assert (await _cart(services))[kitchen[-1]] == 1
    await shopper.say("the first thing I added, make it three")
    assert (await _cart(services))["L9ECAV7KIM"] == 3
    first = await shopper.say("add two of the first thing you showed me")
    assert first.calls("add_to_cart") == [{"product": "66VCHSJNUP", "quantity": 2}]


async def test_what_the_conversation_did_long_ago_is_pointed_back_to(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("how much is the candle holder?")
    await shopper.say("show me mugs")
    await shopper.say("add four of them and a tank top")
    await shopper.say("make it two mugs instead of four")
    before = await shopper.say("how many mugs did I have before I changed it?")
    assert "You had 4 × Mug" in before.text and not before.calls("set_cart_quantity")
    await shopper.say("go back to that many")
    assert await _cart(services) == {"6E92ZMYYFZ": 4, "66VCHSJNUP": 1}
    asked = await shopper.say("add the one I asked about just before the mugs")
    assert asked.calls("add_to_cart") == [{"product": "candle holder", "quantity": 1}]
    await shopper.say("remove the tank top")
    await shopper.say("prices in euros from now on")
    await shopper.say("what's the watch in yen?")
    await shopper.say("now pounds please")
    same = await shopper.say("go back to the same currency as before")
    assert same.calls("set_display_currency") == [{"currency": "EUR"}]
    first = await shopper.say("what's my total in the first currency I asked about?")
    assert "€" in first.text
    await shopper.say("put back what I took out earlier")
    assert await _cart(services) == {"6E92ZMYYFZ": 4, "0PUK6V6EV0": 1, "66VCHSJNUP": 1}


async def test_alerts_pointed_at_by_currency_by_exception_and_asked_about_when_unclear(
    shopper: Conversation, services: AgentServices
) -> None:
    async def alerts() -> set[tuple[str, str, int]]:
        kept = await services.alerts.list("shopper")
        return {(a.product_name, a.target.currency_code, a.target.units) for a in kept}

    await shopper.say("Alert me for the watch at 90 and the loafers at 75.")
    which = await shopper.say("Hmm, make it 60.")
    assert not which.tool_calls and "?" in which.text  # two just made: which?
    await shopper.say("the loafers")
    assert await alerts() == {("Watch", "USD", 90), ("Loafers", "USD", 60)}
    await shopper.say("and tell me if the sunglasses drop under 12 pounds")
    await shopper.say("add two mugs")
    asked = await shopper.say("Cancel that alert.")  # three, none in the talk: which?
    assert not asked.calls("delete_price_alert") and "?" in asked.text
    await shopper.say("Cancel the one in pounds.")
    assert await alerts() == {("Watch", "USD", 90), ("Loafers", "USD", 60)}
    await shopper.say("add the watch")
    await shopper.say("The watch one to 95 instead.")  # the alert, not 95 watches
    assert await alerts() == {("Watch", "USD", 95), ("Loafers", "USD", 60)}
    assert await _cart(services) == {"6E92ZMYYFZ": 2, "1YMWWN1N4O": 1}
    await shopper.say("Drop all of them except the watch.")
    assert await alerts() == {("Watch", "USD", 95)}
    assert await _cart(services) == {"6E92ZMYYFZ": 2, "1YMWWN1N4O": 1}
    await shopper.say("Alert me when the candle holder or the tank top drops to 15 dollars.")
    await shopper.say("Put both in my cart as well.")
    assert (await _cart(services)).keys() >= {"0PUK6V6EV0", "66VCHSJNUP"}
    zero = await shopper.say("alert me if the hairdryer drops to 0 dollars")
    assert "more than zero" in zero.text
    negative = await shopper.say("Then negative 5 dollars.")
    assert negative.calls("create_price_alert") and "positive" in negative.text


async def test_questions_answered_from_the_description_and_several_requests_at_once(
    shopper: Conversation, services: AgentServices
) -> None:
    airtight = await shopper.say("Is the bamboo glass jar airtight?")
    assert "airtight natural bamboo lid" in airtight.text  # the description's own sentence
    waterproof = await shopper.say("is the watch waterproof?")
    assert "doesn't say" in waterproof.text and not waterproof.text.lower().startswith("yes")
    gold = await shopper.say("Is it real gold?")
    assert "gold-tone" in gold.text and not gold.text.lower().startswith("yes")
    both = await shopper.say(
        "add the tank top and the sunglasses, and what's the hairdryer in euros?"
    )
    assert "€22.11" in both.text  # the hairdryer's $24.99, for this turn
    assert all(c.get("just_this_answer") for c in both.calls("set_display_currency"))
    together = await shopper.say("how much are the loafers and the sunglasses together?")
    assert "Together they come to $109.98" in together.text
    assert await _cart(services) == {"66VCHSJNUP": 1, "OLJCESPC7Z": 1}


async def test_make_it_two_after_two_products_is_asked_then_answered(
    shopper: Conversation, services: AgentServices
) -> None:
    await shopper.say("add a mug and a candle holder")
    which = await shopper.say("Make it two.")
    assert not which.tool_calls and "Mug" in which.text and "Candle Holder" in which.text
    await shopper.say("the mug")
    assert await _cart(services) == {"6E92ZMYYFZ": 2, "0PUK6V6EV0": 1}
    francs = await shopper.say("What's the total in Swiss francs?")
    assert "CHF" in francs.text
    last = await shopper.say("And one last look at the cart.")
    assert "$36.97" in last.text  # back in dollars: no price question going on


async def test_picks_by_the_profile_leave_out_a_disliked_finish(shopper: Conversation) -> None:
    await shopper.say("I love earthy tones and nothing shiny")
    weighed = await shopper.say("The loafers or the hairdryer, which is more me?")
    assert "Loafers" in weighed.text and "most you" in weighed.text
    await shopper.say("show me kitchen stuff")
    which = await shopper.say("Which of these is more me?")
    # the mug is glossy and the shakers chrome-finished: the jar
    assert which.calls("search_products")[-1]["for_shopper"] is True
    assert "Bamboo Glass Jar" in which.text
    suits = await shopper.say("would the mug suit me?")
    assert "Probably not" in suits.text and "glossy" in suits.text
