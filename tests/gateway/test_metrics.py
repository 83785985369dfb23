"""The gateway's metrics: turns, latency, time to first partial, sockets, tools, errors."""

from __future__ import annotations

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from cartmate.gateway.metrics import GatewayMetrics
from tests.gateway.conftest import Client
from tests.metric_helpers import metric_points
from tests.servers import serve


async def test_a_turn_is_measured(settings: Settings) -> None:
    reader = InMemoryMetricReader()
    provider = MeterProvider(metric_readers=[reader])
    app = create_app(settings)
    async with serve(app, lifespan="on") as url:
        app.state.gateway.metrics = GatewayMetrics(provider.get_meter("test"))
        client = await Client.connect(url)
        await client.recv()
        await client.turn("add two mugs to my cart")
        await client.send("not json")
        await client.recv()
        points = metric_points(reader)
        assert points["cartmate.gateway.sockets.open"][0].value == 1
        await client.close()
    provider.shutdown()
    turns = points["cartmate.gateway.turns"]
    assert [(p.attributes["status"], p.value) for p in turns] == [("ok", 1)]
    assert points["cartmate.gateway.turn.duration"][0].count == 1
    assert points["cartmate.gateway.turn.first_partial"][0].count == 1
    tools = {
        (p.attributes["tool"], p.attributes["status"])
        for p in points["cartmate.gateway.tool_calls"]
    }
    assert ("add_to_cart", "completed") in tools
    agents = {p.attributes["agent"] for p in points["cartmate.gateway.delegations"]}
    assert agents == {"cart_manager"}
    assert {p.attributes["code"] for p in points.get("cartmate.gateway.errors", [])} == {
        "bad_request"
    }
