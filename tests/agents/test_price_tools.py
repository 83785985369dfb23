"""Price comparison tools: own price when comparison is not configured, deals, alerts."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from cartmate.agent_runtime.services import AgentServices, StaticServices
from cartmate.agents.price_comparison.tools import PriceTools
from cartmate.money import Money
from tests.agents.conftest import tool_context


async def test_compare_without_perplexity_says_so(provider: StaticServices) -> None:
    result = await PriceTools(provider).compare_prices("watch", tool_context())
    assert result["product"]["display_price"] == "$109.99"
    assert result["external"] == "not_configured" and result["offers"] == []
    assert "isn't configured" in result["external_note"]


async def test_deal_analysis_is_exact(provider: StaticServices) -> None:
    tools = PriceTools(provider)
    cheaper = await tools.analyse_deal("watch", tool_context(), offered_price="99.99")
    assert cheaper["difference"] == {"currency_code": "USD", "units": -10, "nanos": 0}
    assert "good deal" in cheaper["verdict"]
    dearer = await tools.analyse_deal("watch", tool_context(), offered_price="120")
    assert "not a deal" in dearer["verdict"] and dearer["percent"] == "9.1"


async def test_alerts_create_list_delete(provider: StaticServices) -> None:
    tools, ctx = PriceTools(provider), tool_context()
    created = await tools.create_price_alert("loafers", ctx, target_price="80")
    assert created["alert"]["display_target"] == "$80.00" and created["already_met"] is False
    met = await tools.create_price_alert("mug", ctx, target_price="10")
    assert met["already_met"] is True
    listed = await tools.list_price_alerts(ctx)
    assert {a["product_name"] for a in listed["alerts"]} == {"Loafers", "Mug"}
    assert len(ctx.state["recent_alerts"]) == 2
    deleted = await tools.delete_price_alert("loafers", ctx)
    assert deleted["deleted"] == ["Loafers"] and deleted["remaining"] == 1
    everything = await tools.delete_price_alert("all", ctx)
    assert everything["deleted"] == ["Mug"]


async def test_alerts_are_private(provider: StaticServices) -> None:
    tools = PriceTools(provider)
    mine = await tools.create_price_alert("watch", tool_context("alice"), target_price="100")
    theirs = await tools.list_price_alerts(tool_context("bob"))
    assert theirs["alerts"] == []
    attempt = await tools.delete_price_alert(mine["alert"]["id"], tool_context("bob"))
    assert attempt["status"] == "error"  # not bob's: it resolves as an unknown product
    assert len((await tools.list_price_alerts(tool_context("alice")))["alerts"]) == 1


async def test_alert_in_another_currency_and_bad_targets(provider: StaticServices) -> None:
    tools, ctx = PriceTools(provider), tool_context()
    euro = await tools.create_price_alert("watch", ctx, target_price="90", price_currency="EUR")
    assert euro["alert"]["target"]["currency_code"] == "EUR"
    assert euro["display_current_price"].startswith("€")
    assert (await tools.create_price_alert("watch", ctx, target_price="0"))["code"] == "bad_request"
    assert (await tools.create_price_alert("watch", ctx, target_price="-5"))[
        "code"
    ] == "bad_request"


async def test_alert_at_a_drop_in_percent_from_todays_price(provider: StaticServices) -> None:
    tools, ctx = PriceTools(provider), tool_context()
    created = await tools.create_price_alert("watch", ctx, drop_percent="20")
    today = Money.from_dict(created["current_price"])
    expected = (today.to_decimal() * Decimal("0.8")).quantize(Decimal("0.01"), ROUND_DOWN)
    assert Money.from_dict(created["alert"]["target"]).to_decimal() == expected
    assert created["already_met"] is False
    euro = await tools.create_price_alert("watch", ctx, drop_percent="12.5", price_currency="EUR")
    assert euro["alert"]["target"]["currency_code"] == "EUR"
    for bad in ("0", "100", "150", "lots"):
        refused = await tools.create_price_alert("watch", ctx, drop_percent=bad)
        assert refused["code"] == "bad_request", bad
    both = await tools.create_price_alert("watch", ctx, target_price="80", drop_percent="10")
    neither = await tools.create_price_alert("watch", ctx)
    assert both["code"] == neither["code"] == "bad_request"


async def test_alert_at_a_drop_by_an_amount_from_todays_price(
    provider: StaticServices, services: AgentServices
) -> None:
    tools, ctx = PriceTools(provider), tool_context("drop-by")
    loafers = await tools.create_price_alert("loafers", ctx, drop_amount="10")
    assert loafers["alert"]["display_target"] == "$79.99"  # $89.99 less $10
    today = Money.from_dict((await tools.create_price_alert(
        "watch", ctx, drop_amount="20", price_currency="EUR"))["current_price"])  # fmt: skip
    alerts = {a.product_name: a.target for a in await services.alerts.list("drop-by")}
    assert alerts["Watch"] == today - Money.from_decimal(Decimal("20"), "EUR")
    too_far = await tools.create_price_alert("jar", ctx, drop_amount="10")
    assert too_far["code"] == "bad_request" and "can't drop by $10.00" in too_far["message"]
    both = await tools.create_price_alert("watch", ctx, drop_amount="5", drop_percent="5")
    assert both["code"] == "bad_request"


async def test_listed_alerts_say_how_far_above_their_target_each_price_is(
    provider: StaticServices,
) -> None:
    tools, ctx = PriceTools(provider), tool_context("distance")
    await tools.create_price_alert("loafers", ctx, target_price="80")  # $89.99 today
    await tools.create_price_alert("mug", ctx, target_price="10")  # $8.99: already there
    await tools.create_price_alert("watch", ctx, target_price="90", price_currency="EUR")
    by_name = {a["product_name"]: a for a in (await tools.list_price_alerts(ctx))["alerts"]}
    loafers, mug, watch = by_name["Loafers"], by_name["Mug"], by_name["Watch"]
    assert Money.from_dict(loafers["current_price"]).format() == "$89.99"
    assert Money.from_dict(loafers["above_target_by"]).format() == "$9.99"  # exact money
    assert Money.from_dict(mug["above_target_by"]).is_zero()  # met: never negative
    assert watch["current_price"]["currency_code"] == "EUR"  # in the alert's own currency
    euro_gap = Money.from_dict(watch["current_price"]) - Money.from_dict(watch["target"])
    assert Money.from_dict(watch["above_target_by"]) == euro_gap


async def test_a_target_far_above_todays_price_is_no_alert(provider: StaticServices) -> None:
    tools, ctx = PriceTools(provider), tool_context()
    million = await tools.create_price_alert(
        "watch", ctx, target_price="1000000", price_currency="JPY"
    )
    assert million["code"] == "bad_request" and "already" in million["message"]
    assert (await tools.list_price_alerts(ctx))["alerts"] == []
    met = await tools.create_price_alert("mug", ctx, target_price="10")  # $8.99: made, and met
    assert met["already_met"] is True


async def test_alert_changes_are_recorded_for_undo(provider: StaticServices) -> None:
    tools = PriceTools(provider)
    first = tool_context(state={})
    made = await tools.create_price_alert("sunglasses", first, target_price="15")
    moved_turn = tool_context(state=first.state)
    moved_turn.invocation_id = "e-next-turn"
    moved = await tools.create_price_alert(
        "sunglasses", moved_turn, target_price="16", replace=True
    )
    [before, after] = moved_turn.state["changes"]
    assert before["alerts_made"] == [
        {"id": made["alert"]["id"], "product_id": "OLJCESPC7Z", "product_name": "Sunglasses"}
    ]
    assert after["alerts_made"][0]["id"] == moved["alert"]["id"]
    assert [a["target"]["units"] for a in after["alerts_cancelled"]] == [15]  # made again by undo


async def test_an_alert_target_moved_by_an_amount(provider: StaticServices) -> None:
    tools, ctx = PriceTools(provider), tool_context()
    await tools.create_price_alert("hairdryer", ctx, target_price="16", price_currency="EUR")
    down = await tools.create_price_alert("hairdryer", ctx, target_change="-5")
    assert down["alert"]["target"] == {"currency_code": "EUR", "units": 11, "nanos": 0}
    [alert] = (await tools.list_price_alerts(ctx))["alerts"]  # moved, not a second alert
    assert alert["id"] == down["alert"]["id"]
    assert ctx.state["recent_alerts"][0]["price_usd_nanos"] == 24_990_000_000  # for "cheaper"
    too_far = await tools.create_price_alert("hairdryer", ctx, target_change="-20")
    assert too_far["code"] == "bad_request"
    none = await tools.create_price_alert("watch", ctx, target_change="-5")
    assert none["code"] == "not_found"
