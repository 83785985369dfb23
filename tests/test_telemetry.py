"""Telemetry over real loopback connections: gRPC and HTTP calls carry W3C trace context.

In-process tests give the interceptors and httpx their own TracerProvider with an in-memory
exporter, so the process-wide providers stay untouched. What needs the global providers
(`setup_telemetry` itself) runs in a fresh interpreter.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
import uvicorn
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.store.redis_client import open_redis
from cartmate.telemetry import grpc_client_interceptors, grpc_server_interceptors, instrument_httpx
from tests.metric_helpers import metric_points

REPO_ROOT = Path(__file__).resolve().parent.parent
GET_CURRENCIES = "/hipstershop.CurrencyService/GetSupportedCurrencies"


# --- Fixtures -------------------------------------------------------------------------------


@dataclass
class Traced:
    """A private TracerProvider and the spans it finished."""

    provider: TracerProvider
    exporter: InMemorySpanExporter

    @property
    def tracer(self) -> trace.Tracer:
        """A tracer of this provider."""
        return self.provider.get_tracer("tests")

    def spans(self, kind: trace.SpanKind, name: str | None = None) -> list[ReadableSpan]:
        """Finished spans of this kind (and name)."""
        return [
            s
            for s in self.exporter.get_finished_spans()
            if s.kind is kind and name in (None, s.name)
        ]


@pytest.fixture
def traced() -> Iterator[Traced]:
    """A TracerProvider of the test's own, recording into memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(shutdown_on_exit=False)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield Traced(provider, exporter)
    provider.shutdown()


@dataclass
class Currency(demo_pb2_grpc.CurrencyServiceServicer):
    """A tiny CurrencyService that remembers what each call carried."""

    metadata: list[dict[str, str]] = field(default_factory=list)
    span_contexts: list[trace.SpanContext] = field(default_factory=list)

    def _record(self, context: grpc.aio.ServicerContext) -> None:
        self.metadata.append({m.key: m.value for m in context.invocation_metadata() or ()})
        self.span_contexts.append(trace.get_current_span().get_span_context())

    async def GetSupportedCurrencies(  # noqa: N802 - the generated servicer's name
        self, request: demo_pb2.Empty, context: grpc.aio.ServicerContext
    ) -> demo_pb2.GetSupportedCurrenciesResponse:
        """Records the call; supports EUR and USD."""
        self._record(context)
        return demo_pb2.GetSupportedCurrenciesResponse(currency_codes=["EUR", "USD"])

    async def Convert(  # noqa: N802 - the generated servicer's name
        self, request: demo_pb2.CurrencyConversionRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Money:
        """Records the call; rejects every conversion."""
        self._record(context)
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "unsupported currency")
        raise AssertionError("abort returned")  # abort always raises


@dataclass
class CurrencyServer:
    """A running CurrencyService on loopback."""

    servicer: Currency
    address: str


async def _serve(interceptors: list[grpc.aio.ServerInterceptor]) -> AsyncIterator[CurrencyServer]:
    """Runs a Currency servicer on 127.0.0.1 (any free port) until the test ends."""
    server = grpc.aio.server(interceptors=interceptors)
    servicer = Currency()
    demo_pb2_grpc.add_CurrencyServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield CurrencyServer(servicer, f"127.0.0.1:{port}")
    finally:
        await server.stop(None)


@pytest.fixture
async def currency_server() -> AsyncIterator[CurrencyServer]:
    """A CurrencyService without tracing of its own."""
    async for server in _serve([]):
        yield server


@pytest.fixture
async def traced_currency_server(traced: Traced) -> AsyncIterator[CurrencyServer]:
    """A CurrencyService with the server interceptors, on the test's provider."""
    async for server in _serve(grpc_server_interceptors(traced.provider)):
        yield server


def _parse_traceparent(value: str) -> tuple[str, str]:
    """The trace id and parent span id of a W3C traceparent header."""
    version, trace_id, span_id, flags = value.split("-")
    assert version == "00"
    assert int(flags, 16) & 1  # sampled (SDK 1.44 also sets 0x02, "random trace id")
    return trace_id, span_id


# --- gRPC -----------------------------------------------------------------------------------


async def test_grpc_client_sends_traceparent_and_records_a_client_span(
    currency_server: CurrencyServer, traced: Traced
) -> None:
    interceptors = grpc_client_interceptors(traced.provider)
    async with grpc.aio.insecure_channel(currency_server.address, interceptors=interceptors) as ch:
        stub = demo_pb2_grpc.CurrencyServiceStub(ch)
        with traced.tracer.start_as_current_span("turn") as turn:
            reply = await stub.GetSupportedCurrencies(
                demo_pb2.Empty(), metadata=(("x-request-id", "req-1"),), timeout=5
            )
    assert list(reply.currency_codes) == ["EUR", "USD"]

    [metadata] = currency_server.servicer.metadata
    assert metadata["x-request-id"] == "req-1"  # the caller's own metadata survives
    trace_id, parent_span_id = _parse_traceparent(metadata["traceparent"])
    assert trace_id == trace.format_trace_id(turn.get_span_context().trace_id)

    [client_span] = traced.spans(trace.SpanKind.CLIENT, GET_CURRENCIES)
    assert client_span.kind is trace.SpanKind.CLIENT
    assert client_span.end_time is not None
    assert client_span.parent is not None
    assert client_span.parent.span_id == turn.get_span_context().span_id
    # The server is told the client span is its parent.
    assert parent_span_id == trace.format_span_id(client_span.context.span_id)
    assert client_span.attributes is not None
    assert client_span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.OK.value[0]


async def test_grpc_client_span_of_a_failed_call_ends_with_an_error(
    currency_server: CurrencyServer, traced: Traced
) -> None:
    interceptors = grpc_client_interceptors(traced.provider)
    async with grpc.aio.insecure_channel(currency_server.address, interceptors=interceptors) as ch:
        stub = demo_pb2_grpc.CurrencyServiceStub(ch)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await stub.Convert(demo_pb2.CurrencyConversionRequest(to_code="XXX"), timeout=5)
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "traceparent" in currency_server.servicer.metadata[0]

    [span] = traced.spans(trace.SpanKind.CLIENT, "/hipstershop.CurrencyService/Convert")
    assert span.end_time is not None
    assert span.status.status_code is trace.StatusCode.ERROR
    assert span.attributes is not None
    assert span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]


async def test_grpc_client_calls_are_measured_by_method_and_code(
    currency_server: CurrencyServer, traced: Traced
) -> None:
    reader = InMemoryMetricReader()
    meters = MeterProvider(metric_readers=[reader])
    interceptors = grpc_client_interceptors(traced.provider, meters)
    async with grpc.aio.insecure_channel(currency_server.address, interceptors=interceptors) as ch:
        stub = demo_pb2_grpc.CurrencyServiceStub(ch)
        await stub.GetSupportedCurrencies(demo_pb2.Empty(), timeout=5)
        await stub.GetSupportedCurrencies(demo_pb2.Empty(), timeout=5)
        with pytest.raises(grpc.aio.AioRpcError):
            await stub.Convert(demo_pb2.CurrencyConversionRequest(to_code="XXX"), timeout=5)
    # A server that is not there: UNAVAILABLE, counted like any other failure.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{closed.getsockname()[1]}"
    async with grpc.aio.insecure_channel(address, interceptors=interceptors) as ch:
        with pytest.raises(grpc.aio.AioRpcError):
            await demo_pb2_grpc.CurrencyServiceStub(ch).GetSupportedCurrencies(
                demo_pb2.Empty(), timeout=5
            )
    points = metric_points(reader)
    meters.shutdown()
    durations = {
        (p.attributes["service"], p.attributes["method"], p.attributes["code"]): p.count
        for p in points["cartmate.grpc.client.duration"]
    }
    assert durations == {
        ("CurrencyService", "GetSupportedCurrencies", "OK"): 2,
        ("CurrencyService", "Convert", "INVALID_ARGUMENT"): 1,
        ("CurrencyService", "GetSupportedCurrencies", "UNAVAILABLE"): 1,
    }
    errors = {
        (p.attributes["method"], p.attributes["code"]): p.value
        for p in points["cartmate.grpc.client.errors"]
    }
    assert errors == {
        ("Convert", "INVALID_ARGUMENT"): 1,
        ("GetSupportedCurrencies", "UNAVAILABLE"): 1,
    }
    # Tracing is unchanged: one CLIENT span per call.
    assert len(traced.spans(trace.SpanKind.CLIENT)) == 4


# --- Redis ----------------------------------------------------------------------------------


def _by(points: list[Any], *keys: str) -> dict[tuple[str, ...], int]:
    """Counter values by the given attributes."""
    return {tuple(str(p.attributes[k]) for k in keys): p.value for p in points}


async def test_redis_failures_are_counted_by_command_and_error(
    redis_url: str, key_prefix: str
) -> None:
    reader = InMemoryMetricReader()
    meters = MeterProvider(metric_readers=[reader])
    key = key_prefix + "counted"
    async with open_redis(
        redis_url, key_prefix, max_connections=1, meter=meters.get_meter("t")
    ) as conn:
        client = conn.client
        await client.set(key, "a string")
        with pytest.raises(ResponseError):
            await client.execute_command("NO-SUCH-COMMAND")
        with pytest.raises(ResponseError):
            async with client.pipeline(transaction=True) as pipe:
                await pipe.lpush(key, "x").execute()  # WRONGTYPE inside MULTI
        # The first call of a script meets NOSCRIPT; redis-py loads it: not an error.
        assert await client.register_script("return 7")() == 7
        assert metric_points(reader).get("cartmate.redis.connection_errors") is None
        # The server drops our only connection; the next command reconnects and succeeds.
        async with Redis.from_url(redis_url) as admin:
            await admin.execute_command("CLIENT", "KILL", "ID", await client.client_id())
        assert await client.get(key) == "a string"
        await client.delete(key)
    points = metric_points(reader)
    meters.shutdown()
    assert _by(points["cartmate.redis.errors"], "command", "error") == {
        ("NO-SUCH-COMMAND", "ResponseError"): 1,
        ("MULTI", "ResponseError"): 1,
    }
    assert _by(points["cartmate.redis.connection_errors"], "command", "error") == {
        ("GET", "ConnectionError"): 1
    }


async def test_an_unreachable_redis_counts_each_attempt_and_the_failed_command() -> None:
    reader = InMemoryMetricReader()
    meters = MeterProvider(metric_readers=[reader])
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{closed.getsockname()[1]}/0"
    async with open_redis(url, check=False, timeout_s=1.0, meter=meters.get_meter("t")) as conn:
        with pytest.raises(RedisConnectionError):
            await conn.client.get("anything")
    points = metric_points(reader)
    meters.shutdown()
    assert _by(points["cartmate.redis.errors"], "command", "error") == {
        ("GET", "ConnectionError"): 1
    }
    attempts = _by(points["cartmate.redis.connection_errors"], "command", "error")
    assert list(attempts) == [("GET", "ConnectionError")]
    assert attempts[("GET", "ConnectionError")] >= 4  # the try and 3 retries


async def test_grpc_server_continues_the_callers_trace(
    traced_currency_server: CurrencyServer, traced: Traced
) -> None:
    interceptors = grpc_client_interceptors(traced.provider)
    address = traced_currency_server.address
    async with grpc.aio.insecure_channel(address, interceptors=interceptors) as ch:
        stub = demo_pb2_grpc.CurrencyServiceStub(ch)
        with traced.tracer.start_as_current_span("turn") as turn:
            await stub.GetSupportedCurrencies(demo_pb2.Empty(), timeout=5)

    [client_span] = traced.spans(trace.SpanKind.CLIENT, GET_CURRENCIES)
    [server_span] = traced.spans(trace.SpanKind.SERVER, GET_CURRENCIES)
    [seen] = traced_currency_server.servicer.span_contexts
    assert seen.trace_id == turn.get_span_context().trace_id
    assert seen.span_id == server_span.context.span_id  # the servicer runs inside it
    assert server_span.parent is not None
    assert server_span.parent.span_id == client_span.context.span_id
    assert server_span.parent.is_remote


async def test_grpc_calls_without_an_active_span_still_work(
    currency_server: CurrencyServer,
) -> None:
    # No provider installed anywhere: the interceptors fall back to the global no-op one.
    async with grpc.aio.insecure_channel(
        currency_server.address, interceptors=grpc_client_interceptors()
    ) as ch:
        reply = await demo_pb2_grpc.CurrencyServiceStub(ch).GetSupportedCurrencies(
            demo_pb2.Empty(), timeout=5
        )
    assert list(reply.currency_codes) == ["EUR", "USD"]


# --- HTTP -----------------------------------------------------------------------------------


async def _echo_headers(request: Request) -> JSONResponse:
    """Returns the request's headers."""
    return JSONResponse(dict(request.headers))


@pytest.fixture
async def http_server() -> AsyncIterator[str]:
    """A uvicorn server in this event loop on 127.0.0.1 (any free port); yields its URL."""
    app = Starlette(routes=[Route("/headers", _echo_headers)])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, lifespan="off", ws="none", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        # uvicorn has no "started" event to wait on, only this flag.
        async with asyncio.timeout(10):
            while not server.started:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def test_httpx_client_sends_traceparent(http_server: str, traced: Traced) -> None:
    async with httpx.AsyncClient(base_url=http_server, timeout=5) as client:
        assert instrument_httpx(client, traced.provider) is client
        instrument_httpx(client, traced.provider)  # a second time is a no-op
        with traced.tracer.start_as_current_span("turn") as turn:
            response = await client.get("/headers")
    response.raise_for_status()
    headers: dict[str, Any] = response.json()

    trace_id, parent_span_id = _parse_traceparent(headers["traceparent"])
    assert trace_id == trace.format_trace_id(turn.get_span_context().trace_id)
    [client_span] = traced.spans(trace.SpanKind.CLIENT)
    assert parent_span_id == trace.format_span_id(client_span.context.span_id)
    assert client_span.parent is not None
    assert client_span.parent.span_id == turn.get_span_context().span_id


async def test_uninstrumented_httpx_client_sends_no_traceparent(
    http_server: str, traced: Traced
) -> None:
    async with httpx.AsyncClient(base_url=http_server, timeout=5) as client:
        with traced.tracer.start_as_current_span("turn"):
            response = await client.get("/headers")
    assert "traceparent" not in response.json()


# --- Global providers (fresh interpreter) ---------------------------------------------------


def _run_python(script: str, **extra_env: str) -> dict[str, Any]:
    """Runs a script in a fresh interpreter; returns the JSON it prints last."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")} | extra_env
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(script)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_setup_telemetry_without_endpoint_installs_providers_without_exporters() -> None:
    result = _run_python(
        """
        import json
        from opentelemetry import metrics, trace
        from cartmate.telemetry import get_tracer, setup_telemetry, shutdown_telemetry

        t = setup_telemetry("cartmate-test", None)
        again = setup_telemetry("cartmate-test", None)
        with get_tracer("x").start_as_current_span("s") as span:
            # Nothing receives spans: a span keeps its ids for logs and headers, unrecorded.
            valid_span = span.get_span_context().is_valid and not span.is_recording()
        resource = t.tracer_provider.resource.attributes
        print(json.dumps({
            "same": again is t,
            "global_tracer": trace.get_tracer_provider() is t.tracer_provider,
            "global_meter": metrics.get_meter_provider() is t.meter_provider,
            "span_processors": [type(p).__name__ for p in
                                t.tracer_provider._active_span_processor._span_processors],
            "metric_readers": [type(r).__name__ for r in
                               t.meter_provider._metric_readers],
            "own": [t.span_processors, t.metric_readers, t.exporters],
            "valid_span": valid_span,
            "service_name": resource["service.name"],
            "shutdown": shutdown_telemetry(),
        }))
        """
    )
    assert result == {
        "same": True,
        "global_tracer": True,
        "global_meter": True,
        "span_processors": [],
        "metric_readers": [],
        "own": [[], [], []],
        "valid_span": True,
        "service_name": "cartmate-test",
        "shutdown": True,
    }


def test_setup_telemetry_with_endpoint_adds_otlp_exporters() -> None:
    # Nothing listens on the endpoint; no span is made, so nothing waits for an export.
    result = _run_python(
        """
        import json, time
        from cartmate.telemetry import setup_telemetry, shutdown_telemetry

        t = setup_telemetry("cartmate-test", "http://127.0.0.1:4317")
        again = setup_telemetry("other", None)
        [processor] = t.tracer_provider._active_span_processor._span_processors
        [reader] = t.meter_provider._metric_readers
        span_exporter = processor.span_exporter
        started = time.monotonic()
        flushed = shutdown_telemetry(timeout_s=5)
        print(json.dumps({
            "same": again is t,
            "processor": type(processor).__name__,
            "span_exporter": type(span_exporter).__module__ + "." + type(span_exporter).__name__,
            "endpoint": span_exporter._endpoint,
            "insecure": span_exporter._insecure,
            "reader": type(reader).__name__,
            "metric_exporter": type(reader._exporter).__name__,
            "listed": [t.span_processors == [processor], t.metric_readers == [reader]],
            "flushed": flushed,
            "quick": time.monotonic() - started < 4,
        }))
        """
    )
    assert result == {
        "same": True,
        "processor": "BatchSpanProcessor",
        "span_exporter": "opentelemetry.exporter.otlp.proto.grpc.trace_exporter.OTLPSpanExporter",
        "endpoint": "127.0.0.1:4317",
        "insecure": True,
        "reader": "PeriodicExportingMetricReader",
        "metric_exporter": "OTLPMetricExporter",
        "listed": [True, True],
        "flushed": True,
        "quick": True,
    }


def test_global_setup_traces_grpc_calls_end_to_end_and_logs_carry_the_trace_id() -> None:
    # Interceptors made before setup_telemetry still use the provider it installs; extra span
    # processors given to a second call are added; the servicer's log line has the trace id.
    result = _run_python(
        """
        import asyncio, io, json, logging
        import grpc
        from opentelemetry import trace
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
        from cartmate.logs import configure_logging, log_context
        from cartmate.telemetry import (
            get_tracer, grpc_client_interceptors, grpc_server_interceptors, setup_telemetry)

        client_interceptors = grpc_client_interceptors()
        server_interceptors = grpc_server_interceptors()
        setup_telemetry("cartmate-test", None)
        memory = InMemorySpanExporter()
        setup_telemetry("cartmate-test", None, extra_span_processors=[SimpleSpanProcessor(memory)])
        out = io.StringIO()
        configure_logging("INFO", "json", out)

        class Currency(demo_pb2_grpc.CurrencyServiceServicer):
            async def GetSupportedCurrencies(self, request, context):
                logging.getLogger("cartmate.currency").info("listing currencies")
                return demo_pb2.GetSupportedCurrenciesResponse(currency_codes=["EUR"])

        async def main():
            server = grpc.aio.server(interceptors=server_interceptors)
            demo_pb2_grpc.add_CurrencyServiceServicer_to_server(Currency(), server)
            port = server.add_insecure_port("127.0.0.1:0")
            await server.start()
            try:
                async with grpc.aio.insecure_channel(
                    f"127.0.0.1:{port}", interceptors=client_interceptors
                ) as channel:
                    stub = demo_pb2_grpc.CurrencyServiceStub(channel)
                    with log_context(session_id="s-1"):
                        with get_tracer("test").start_as_current_span("turn") as turn:
                            await stub.GetSupportedCurrencies(demo_pb2.Empty(), timeout=5)
                            logging.getLogger("cartmate.turn").info("turn done")
                return turn.get_span_context().trace_id
            finally:
                await server.stop(None)

        trace_id = trace.format_trace_id(asyncio.run(main()))
        spans = memory.get_finished_spans()
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        print(json.dumps({
            "kinds": sorted(s.kind.name for s in spans),
            "one_trace": {trace.format_trace_id(s.context.trace_id) for s in spans} == {trace_id},
            "log_trace_ids": [line.get("trace_id") == trace_id for line in lines],
            "log_sessions": [line.get("session_id") for line in lines],
        }))
        """
    )
    assert result == {
        "kinds": ["CLIENT", "INTERNAL", "SERVER"],
        "one_trace": True,
        "log_trace_ids": [True, True],
        # The servicer's task was not started inside log_context: only the trace links it.
        "log_sessions": [None, "s-1"],
    }


def test_spans_count_as_exported_only_once_something_receives_them() -> None:
    # What the runner's lean ADK telemetry keys on: no SDK provider, ours without exporters,
    # ours with a processor.
    result = _run_python(
        """
        import json
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from cartmate.telemetry import setup_telemetry, spans_exported

        seen = [spans_exported()]
        t = setup_telemetry("cartmate-test", None)
        seen.append(spans_exported())
        t.add_span_processor(SimpleSpanProcessor(InMemorySpanExporter()))
        seen.append(spans_exported())
        print(json.dumps(seen))
        """
    )
    assert result == [False, False, True]


_SAMPLING = """
    import json
    from opentelemetry.propagate import extract, inject
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from cartmate.telemetry import get_tracer, setup_telemetry

    def seen(parent=None):
        headers = {}
        with get_tracer("x").start_as_current_span("s", context=parent) as span:
            inject(headers)
            recording = span.is_recording()
        return {"valid": span.get_span_context().is_valid, "recording": recording,
                "header_sampled": int(headers["traceparent"][-2:], 16) & 1 == 1}

    t = setup_telemetry("cartmate-test", None)
    caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    out = {"alone": seen(), "sampled_caller": seen(extract({"traceparent": caller}))}
    memory = InMemorySpanExporter()
    t.add_span_processor(SimpleSpanProcessor(memory))
    out["received"] = seen()
    out["kept"] = len(memory.get_finished_spans())
    print(json.dumps(out))
"""


def test_spans_are_recorded_only_while_something_receives_them() -> None:
    result = _run_python(_SAMPLING)
    recorded = {"valid": True, "recording": True, "header_sampled": True}
    assert result == {
        # Ids for logs and traceparent, nothing recorded, and the header says so.
        "alone": {"valid": True, "recording": False, "header_sampled": False},
        # A caller that samples is followed, so its trace goes on past this process.
        "sampled_caller": recorded,
        "received": recorded,
        "kept": 1,
    }


def test_an_operators_sampler_setting_is_used_as_given() -> None:
    result = _run_python(_SAMPLING, OTEL_TRACES_SAMPLER="always_on")
    assert result["alone"] == {"valid": True, "recording": True, "header_sampled": True}


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"OTEL_SEMCONV_STABILITY_OPT_IN": "gen_ai_latest_experimental"},
        {"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "SPAN_AND_EVENT"},
        {"ADK_EXPERIMENTAL_TELEMETRY": "true", "ADK_TELEMETRY_IGNORE_RUN_CONFIG": "1"},
        {"ADK_CAPTURE_MESSAGE_CONTENT_IN_SPANS": "false"},
    ],
)
@pytest.mark.parametrize("fields", [{}, {"genai_semconv_stability_opt_in": "stable"}])
def test_the_runners_telemetry_config_answers_as_adks(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], fields: dict[str, Any]
) -> None:
    """ResolvedTelemetryConfig only reads its private attributes faster: same answers."""
    from google.adk.telemetry import TelemetryConfig

    from cartmate.agent_runtime.history import ResolvedTelemetryConfig

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    adks, ours = TelemetryConfig(**fields), ResolvedTelemetryConfig(**fields)
    answers = [
        "should_use_experimental_genai_semconv",
        "resolved_content_capturing_mode",
        "content_capturing_mode_value",
        "should_add_content_to_logs",
        "should_add_content_to_experimental_spans",
        "should_add_content_to_legacy_spans",
        "should_emit_experimental_telemetry",
    ]
    assert [getattr(ours, a) for a in answers] == [getattr(adks, a) for a in answers]
    for feature in ("x", "tool_io"):
        assert ours._experimental_feature_enabled(feature) == adks._experimental_feature_enabled(
            feature
        )
    with pytest.raises(AttributeError):
        ours.no_such_attribute  # noqa: B018


_A2A_SDK_WRAPPING = """
    import json, os
    from cartmate.telemetry import default_a2a_sdk_tracing

    off = default_a2a_sdk_tracing(os.environ.get("ENDPOINT") or None)
    from a2a.client.transports.jsonrpc import JsonRpcTransport
    from a2a.server.routes.jsonrpc_dispatcher import JsonRpcDispatcher
    from a2a.server.events.event_queue_v2 import EventQueueSource
    from a2a.server.tasks.task_manager import append_artifact_to_task

    methods = [JsonRpcDispatcher.handle_requests, EventQueueSource.enqueue_event,
               JsonRpcTransport.send_message_streaming, append_artifact_to_task]
    print(json.dumps({"off": off,
                      "wrapped": [hasattr(m, "__wrapped__") for m in methods],
                      "env": os.environ.get("OTEL_INSTRUMENTATION_A2A_SDK_ENABLED")}))
"""


def test_a2a_sdk_methods_are_left_unwrapped_while_nothing_exports_spans() -> None:
    result = _run_python(_A2A_SDK_WRAPPING, ENDPOINT="")
    assert result == {"off": True, "wrapped": [False, False, False, False], "env": "false"}


def test_a2a_sdk_methods_are_traced_when_spans_are_exported() -> None:
    result = _run_python(_A2A_SDK_WRAPPING, ENDPOINT="http://127.0.0.1:4318")
    assert result == {"off": False, "wrapped": [True, True, True, True], "env": None}


def test_a2a_sdk_tracing_switched_off_explicitly_also_leaves_methods_unwrapped() -> None:
    result = _run_python(
        _A2A_SDK_WRAPPING,
        ENDPOINT="http://127.0.0.1:4318",
        OTEL_INSTRUMENTATION_A2A_SDK_ENABLED="false",
    )
    assert result == {"off": True, "wrapped": [False, False, False, False], "env": "false"}
