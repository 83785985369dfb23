"""Trace context across A2A: the caller's `traceparent` continues in the agent's server span,
and from there through the agent's gRPC calls into Online Boutique.

The whole chain needs the process-wide TracerProvider (the gRPC interceptors and ADK use the
global one), so it runs in a fresh interpreter; the server span alone is checked in-process
with a private provider.
"""

from __future__ import annotations

import httpx
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from cartmate.telemetry import instrument_httpx
from tests.a2a.conftest import serve_agent
from tests.tracing_helpers import run_traced


async def test_the_server_span_continues_the_callers_trace(
    settings: Settings, services: AgentServices
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        async with (
            serve_agent("cart_manager", settings, services, tracer_provider=provider) as served,
            instrument_httpx(httpx.AsyncClient(), tracer_provider=provider) as http,
        ):
            with provider.get_tracer("tests").start_as_current_span("turn"):
                assert (await http.get(f"{served.url}/healthz")).status_code == 200
            assert (await http.get(f"{served.url}/healthz")).status_code == 200  # no parent
        spans = exporter.get_finished_spans()
        turn = next(s for s in spans if s.name == "turn")
        client = next(s for s in spans if s.kind is trace.SpanKind.CLIENT)
        servers = [s for s in spans if s.kind is trace.SpanKind.SERVER]
        assert [s.name for s in servers] == ["A2A GET /healthz"] * 2
        assert servers[0].context.trace_id == turn.context.trace_id
        assert servers[0].parent is not None and servers[0].parent.span_id == client.context.span_id
        assert servers[0].attributes["http.response.status_code"] == 200
        assert servers[1].parent is None or servers[1].parent.trace_id != turn.context.trace_id
    finally:
        provider.shutdown()


_SCRIPT = """
import asyncio, json, sys
import httpx, uvicorn
from opentelemetry import trace
from cartmate.telemetry import instrument_httpx
from tests.tracing_helpers import boutique_settings, record_spans, span_rows

exporter = record_spans("a2a-trace-test")

from a2a.client import ClientConfig, create_client
from cartmate.a2a.server import build_a2a_app
from cartmate.agent_runtime.services import open_agent_services
from tests.a2a.conftest import collect, outcome, send_request, user_message
from tests.helpers import free_port

REDIS_URL, PREFIX = sys.argv[1], sys.argv[2]


async def main():
    async with boutique_settings(REDIS_URL, PREFIX) as (_, settings):
        async with open_agent_services(settings) as services:
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            app = build_a2a_app("cart_manager", settings, services, url=url)
            server = uvicorn.Server(uvicorn.Config(
                app, host="127.0.0.1", port=port, lifespan="on", log_level="warning",
                log_config=None,
            ))
            task = asyncio.create_task(server.serve())
            while not server.started:
                await asyncio.sleep(0.01)
            try:
                async with instrument_httpx(httpx.AsyncClient(timeout=30)) as http:
                    client = await create_client(url, client_config=ClientConfig(httpx_client=http))
                    with trace.get_tracer("test").start_as_current_span("orchestrator turn"):
                        message = user_message("add a mug", user_id="traced-shopper")
                        result = outcome(await collect(client, send_request(message)))
                    await client.close()
            finally:
                server.should_exit = True
                await task
    assert result.state == "TASK_STATE_COMPLETED", result
    print(json.dumps(span_rows(exporter)))


asyncio.run(main())
"""


def test_one_trace_from_the_caller_through_the_agent_into_online_boutique(
    redis_url: str, key_prefix: str
) -> None:
    spans = run_traced(_SCRIPT, redis_url, key_prefix, timeout_s=120)
    by_id = {s["span_id"]: s for s in spans}
    turn = next(s for s in spans if s["name"] == "orchestrator turn")
    trace_id = turn["trace_id"]

    def ancestors(span: dict) -> list[str]:
        names = []
        while span["parent"] in by_id:
            span = by_id[span["parent"]]
            names.append(span["name"])
        return names

    # The A2A request: the caller's httpx CLIENT span, the agent's SERVER span under it.
    server = [s for s in spans if s["name"] == "A2A POST /" and s["trace_id"] == trace_id]
    assert server, [s["name"] for s in spans]
    assert by_id[server[0]["parent"]]["kind"] == "CLIENT"
    assert "orchestrator turn" in ancestors(server[0])
    # The agent's gRPC call to the cart service, and the embedded cart service's server span.
    add_item = [s for s in spans if s["name"] == "/hipstershop.CartService/AddItem"]
    assert {s["kind"] for s in add_item} == {"CLIENT", "SERVER"}, add_item
    assert {s["trace_id"] for s in add_item} == {trace_id}
    grpc_server = next(s for s in add_item if s["kind"] == "SERVER")
    assert "A2A POST /" in ancestors(grpc_server)
