"""One turn, one trace: from the gateway's turn span through the orchestrator, the A2A call,
the specialist and its gRPC calls into Online Boutique.

ADK, the gRPC interceptors and the httpx instrumentation use the process-wide
TracerProvider, so everything runs in a fresh interpreter (as tests/a2a/test_tracing.py
does): the embedded Online Boutique, the cart manager served over A2A by uvicorn, and the
gateway with CARTMATE_DELEGATION=a2a served by uvicorn, all sharing one in-memory exporter.
A chat client speaks to the gateway over a real WebSocket.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.helpers import cartmate_env

REPO_ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import asyncio, json, sys
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from cartmate.telemetry import setup_telemetry

exporter = InMemorySpanExporter()
setup_telemetry("turn-trace-test", None, extra_span_processors=[SimpleSpanProcessor(exporter)])

from cartmate.agent_runtime.services import open_agent_services
from cartmate.config import Settings
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.gateway.app import create_app
from cartmate.store.redis_client import open_redis
from tests.a2a.conftest import serve_agent
from tests.gateway.conftest import Client
from tests.servers import serve

REDIS_URL, PREFIX = sys.argv[1], sys.argv[2]


async def main():
    async with open_redis(REDIS_URL, PREFIX) as redis, serve_boutique(
        redis, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
    ) as addresses:
        settings = Settings(
            product_catalog_service_addr=addresses.catalog,
            cart_service_addr=addresses.cart,
            currency_service_addr=addresses.currency,
            recommendation_service_addr=addresses.recommendation,
            redis_url=REDIS_URL,
            redis_prefix=PREFIX,
            model="offline",
            delegation="a2a",
        )
        async with open_agent_services(settings) as services, serve_agent(
            "cart_manager", settings, services, register=True
        ):
            async with serve(create_app(settings), lifespan="on") as url:
                client = await Client.connect(url)
                await client.recv()
                frames = await client.turn("add two mugs to my cart", wait_s=60)
                await client.close()
        # Both servers have stopped: every span of the turn has ended.
        keys = [k async for k in redis.client.scan_iter(match=PREFIX + "*", count=500)]
        if keys:
            await redis.client.delete(*keys)
    print(json.dumps({
        "frames": frames,
        "spans": [
            {
                "name": s.name,
                "kind": s.kind.name,
                "trace_id": s.context.trace_id,
                "span_id": s.context.span_id,
                "parent": s.parent.span_id if s.parent else None,
                "parent_trace": s.parent.trace_id if s.parent else None,
            }
            for s in exporter.get_finished_spans()
        ],
    }))


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
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_SCRIPT), redis_url, key_prefix],
        cwd=REPO_ROOT,
        env=cartmate_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
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
