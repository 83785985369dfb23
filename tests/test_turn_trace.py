"""One turn, one trace: from the gateway's turn span through the orchestrator, the A2A call,
the specialist and its gRPC calls into Online Boutique.

ADK, the gRPC interceptors and the httpx instrumentation use the process-wide
TracerProvider, so everything runs in a fresh interpreter (as tests/a2a/test_tracing.py
does): the embedded Online Boutique, the cart manager served over A2A by uvicorn, and the
gateway with CARTMATE_DELEGATION=a2a served by uvicorn, all sharing one in-memory exporter.
A chat client speaks to the gateway over a real WebSocket.
"""

from __future__ import annotations

from typing import Any

from tests.tracing_helpers import run_traced

_SCRIPT = """
import asyncio, json, sys
from tests.tracing_helpers import boutique_settings, record_spans, span_rows

exporter = record_spans("turn-trace-test")

from cartmate.agent_runtime.services import open_agent_services
from cartmate.gateway.app import create_app
from tests.a2a.conftest import serve_agent
from tests.gateway.conftest import Client
from tests.servers import serve

REDIS_URL, PREFIX = sys.argv[1], sys.argv[2]


async def main():
    async with boutique_settings(REDIS_URL, PREFIX, delegation="a2a") as (_, settings):
        async with open_agent_services(settings) as services, serve_agent(
            "cart_manager", settings, services, register=True
        ):
            async with serve(create_app(settings), lifespan="on") as url:
                client = await Client.connect(url)
                await client.recv()
                frames = await client.turn("add two mugs to my cart", wait_s=60)
                await client.close()
        # Both servers have stopped: every span of the turn has ended.
    print(json.dumps({"frames": frames, "spans": span_rows(exporter)}))


asyncio.run(main())
"""

# What a delegated turn must contain, by (kind, name): the gateway's turn, the orchestrator
# and its model, the hand-over to the remote cart manager, the HTTP call carrying
# `traceparent`, the cart manager's server span, its agent, model and tool, and the gRPC call
# on both sides.
_EXPECTED = {
    ("INTERNAL", "gateway turn"),
    ("INTERNAL", "invoke_agent orchestrator"),
    ("INTERNAL", "generate_content offline"),
    ("INTERNAL", "invoke_agent cart_manager"),
    ("CLIENT", "POST"),
    ("SERVER", "A2A POST /"),
    ("INTERNAL", "execute_tool add_to_cart"),
    ("CLIENT", "/hipstershop.CartService/AddItem"),
    ("SERVER", "/hipstershop.CartService/AddItem"),
}


def _run(redis_url: str, key_prefix: str) -> dict[str, Any]:
    result: dict[str, Any] = run_traced(_SCRIPT, redis_url, key_prefix, timeout_s=300)
    return result


def test_a_delegated_turn_is_one_trace_rooted_at_the_gateway_turn(
    redis_url: str, key_prefix: str
) -> None:
    result = _run(redis_url, key_prefix)
    frames = result["frames"]
    assert frames[-1] == {**frames[-1], "type": "turn_end", "status": "ok"}, frames
    assert ("cart_manager", "started") in {
        (f["agent"], f["status"]) for f in frames if f["type"] == "delegation"
    }
    # Money crossed A2A as protobuf Struct doubles; the shopper still gets exact integers.
    [answer] = [f for f in frames if f["type"] == "message"]
    cart = answer["data"]["cart"]
    assert cart["item_count"] == 2 and type(cart["item_count"]) is int
    for money in [cart["total"], *(line["line_total"] for line in cart["items"])]:
        assert type(money["units"]) is int and type(money["nanos"]) is int, money

    spans = result["spans"]
    [turn] = [s for s in spans if s["name"] == "gateway turn"]
    assert turn["parent"] is None  # the root
    in_trace = [s for s in spans if s["trace_id"] == turn["trace_id"]]
    by_id = {s["span_id"]: s for s in in_trace}

    # The tree: every span of the trace reaches the turn through spans of the same trace.
    for span in in_trace:
        walked = span
        while walked is not turn:
            assert walked["parent"] in by_id, (span["name"], "has a parent outside the trace")
            assert walked["parent_trace"] == turn["trace_id"]
            walked = by_id[walked["parent"]]
    present = {(s["kind"], s["name"]) for s in in_trace}
    assert _EXPECTED <= present, sorted(_EXPECTED - present)

    # Nothing the turn did escaped into another trace.
    def of_the_turn(span: dict[str, Any]) -> bool:
        name = span["name"]
        return (
            name.startswith(("invoke_", "generate_content", "execute_tool", "A2A POST"))
            or name.startswith("/hipstershop.CartService/")
            or (span["kind"] == "CLIENT" and name == "POST")
        )

    strays = [s["name"] for s in spans if of_the_turn(s) and s["trace_id"] != turn["trace_id"]]
    assert strays == []
    # The A2A hop: the specialist's server span is a child of the gateway's HTTP client span.
    [server] = [s for s in in_trace if s["name"] == "A2A POST /"]
    assert by_id[server["parent"]]["kind"] == "CLIENT"
