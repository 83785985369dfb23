"""OpenTelemetry for CartMate: global providers, gRPC interceptors, traced httpx clients.

`setup_telemetry` installs the process-wide TracerProvider and MeterProvider once. Spans are
always created (so trace ids reach the logs and outgoing calls carry `traceparent`), but they
are exported only when an OTLP endpoint is configured::

    telemetry = setup_telemetry("cartmate", settings.otel_exporter_otlp_endpoint)
    channel = grpc.aio.insecure_channel(addr, interceptors=grpc_client_interceptors())
    http = instrument_httpx(httpx.AsyncClient())
    ...
    shutdown_telemetry()

The interceptors and `instrument_httpx` use the global provider by default and look it up
lazily, so channels and clients made before `setup_telemetry` are traced too. Tests pass
their own `tracer_provider` instead of touching the process-wide one.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
from opentelemetry import metrics, trace
from opentelemetry.instrumentation.grpc import aio_client_interceptors, aio_server_interceptor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    MetricExporter,
    MetricReader,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_OFF,
    ParentBased,
    Sampler,
    SamplingResult,
    _get_from_env_or_default,  # the SDK's own reading of OTEL_TRACES_SAMPLER(_ARG)
)

__all__ = [
    "A2A_SDK_TRACING_VAR",
    "GrpcClientMetrics",
    "SampledWhenExported",
    "Telemetry",
    "default_a2a_sdk_tracing",
    "get_meter",
    "get_telemetry",
    "get_tracer",
    "grpc_client_interceptors",
    "grpc_server_interceptors",
    "instrument_httpx",
    "setup_telemetry",
    "shutdown_telemetry",
    "untraced",
]

_log = logging.getLogger(__name__)

_lock = threading.Lock()
_telemetry: Telemetry | None = None


@dataclass(eq=False)
class Telemetry:
    """The process's telemetry setup, as `setup_telemetry` made it.

    Attributes:
        service_name: The `service.name` resource attribute.
        otlp_endpoint: Where spans and metrics are exported; None means nowhere.
        tracer_provider: The SDK TracerProvider (the global one, unless another library had
            already installed a non-SDK provider).
        meter_provider: The SDK MeterProvider.
        span_processors: The processors this module added, exporters first.
        metric_readers: The metric readers this module added.
        exporters: The OTLP exporters behind them.
    """

    service_name: str
    otlp_endpoint: str | None
    tracer_provider: TracerProvider
    meter_provider: MeterProvider
    span_processors: list[SpanProcessor] = field(default_factory=list)
    metric_readers: list[MetricReader] = field(default_factory=list)
    exporters: list[SpanExporter | MetricExporter] = field(default_factory=list, repr=False)
    _shut_down: bool = field(default=False, init=False, repr=False)

    def add_span_processor(self, processor: SpanProcessor) -> None:
        """Adds a span processor (tests: `SimpleSpanProcessor(InMemorySpanExporter())`).

        Args:
            processor: Receives every span started from now on.
        """
        self.tracer_provider.add_span_processor(processor)
        self.span_processors.append(processor)

    def shutdown(self, timeout_s: float = 5.0) -> bool:
        """Flushes and stops the providers; see `shutdown_telemetry`.

        Args:
            timeout_s: The longest to wait for the last export.

        Returns:
            True when everything was flushed in time (or already shut down).
        """
        if self._shut_down:
            return True
        self._shut_down = True

        def stop() -> None:
            # TracerProvider.shutdown lets each BatchSpanProcessor export what it holds.
            self.tracer_provider.shutdown()
            self.meter_provider.shutdown(timeout_millis=timeout_s * 1000)

        # TracerProvider.shutdown takes no timeout and the OTLP exporter retries for up to
        # OTEL_EXPORTER_OTLP_TIMEOUT (10 s), so an unreachable collector is bounded here.
        worker = threading.Thread(target=stop, name="telemetry-shutdown", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if not worker.is_alive():
            return True
        # Still retrying against an unreachable collector: shutting the exporters down
        # interrupts their backoff, so the export in flight fails fast and the worker ends.
        _log.warning("telemetry export took longer than %.1fs; dropping what is left", timeout_s)
        for exporter in self.exporters:
            exporter.shutdown()
        worker.join(1.0)
        return False


def setup_telemetry(
    service_name: str,
    otlp_endpoint: str | None = None,
    *,
    extra_span_processors: Sequence[SpanProcessor] = (),
    metric_export_interval_s: float | None = None,
) -> Telemetry:
    """Installs the global TracerProvider and MeterProvider, once per process.

    A second call returns the first call's `Telemetry` unchanged except that its
    `extra_span_processors` are added (so a test can attach an in-memory exporter).

    Args:
        service_name: The `service.name` resource attribute.
        otlp_endpoint: An OTLP/gRPC collector (OTEL_EXPORTER_OTLP_ENDPOINT), e.g.
            `http://otel-collector:4317`. `http://` means plaintext, `https://` TLS; without a
            scheme the exporter follows OTEL_EXPORTER_OTLP_INSECURE (default: TLS). None or ""
            adds no exporter: spans are still created, but nothing leaves the process.
        extra_span_processors: Further span processors to add.
        metric_export_interval_s: How often metrics are exported; None uses the SDK's default
            (OTEL_METRIC_EXPORT_INTERVAL, 60 s).

    Returns:
        The process's Telemetry.
    """
    global _telemetry
    with _lock:
        if _telemetry is not None:
            if (service_name, otlp_endpoint or None) != (
                _telemetry.service_name,
                _telemetry.otlp_endpoint,
            ):
                _log.debug("setup_telemetry called again with other settings; keeping the first")
            for processor in extra_span_processors:
                _telemetry.add_span_processor(processor)
            return _telemetry
        _telemetry = _build(
            service_name, otlp_endpoint or None, extra_span_processors, metric_export_interval_s
        )
        atexit.register(shutdown_telemetry)
        return _telemetry


def _build(
    service_name: str,
    otlp_endpoint: str | None,
    extra_span_processors: Sequence[SpanProcessor],
    metric_export_interval_s: float | None,
) -> Telemetry:
    """Makes the providers and installs them globally (unless someone else already did)."""
    resource = Resource.create({SERVICE_NAME: service_name})
    span_processors: list[SpanProcessor] = []
    metric_readers: list[MetricReader] = []
    exporters: list[SpanExporter | MetricExporter] = []
    if otlp_endpoint:
        # Imported here: the exporters pull in protobuf stubs the no-export case never needs.
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        span_exporter = OTLPSpanExporter(endpoint=otlp_endpoint)
        metric_exporter = OTLPMetricExporter(endpoint=otlp_endpoint)
        exporters += [span_exporter, metric_exporter]
        span_processors.append(BatchSpanProcessor(span_exporter))
        interval_ms = None if metric_export_interval_s is None else metric_export_interval_s * 1000
        metric_readers.append(
            PeriodicExportingMetricReader(metric_exporter, export_interval_millis=interval_ms)
        )
    span_processors.extend(extra_span_processors)

    tracer_provider = _install_tracer_provider(resource)
    for processor in span_processors:
        tracer_provider.add_span_processor(processor)
    meter_provider = _install_meter_provider(resource, metric_readers)
    return Telemetry(
        service_name=service_name,
        otlp_endpoint=otlp_endpoint,
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        span_processors=span_processors,
        metric_readers=metric_readers,
        exporters=exporters,
    )


def _install_tracer_provider(resource: Resource) -> TracerProvider:
    """The global SDK TracerProvider: a new one, or the one another library installed."""
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        # Someone (ADK's own setup, say) got there first; the global can't be replaced, so
        # add to theirs rather than keep a provider nothing uses.
        _log.warning("a TracerProvider is already installed; adding CartMate's processors to it")
        return current
    # Our atexit hook (bounded in time) shuts it down instead of the SDK's (unbounded).
    provider = TracerProvider(resource=resource, sampler=_sampler(), shutdown_on_exit=False)
    if isinstance(current, trace.ProxyTracerProvider):
        trace.set_tracer_provider(provider)
    else:
        _log.warning("a non-SDK TracerProvider is installed; CartMate's spans stay local")
    return provider


def _sampler() -> Sampler:
    """OTEL_TRACES_SAMPLER when the operator set it; otherwise `SampledWhenExported`."""
    if os.environ.get("OTEL_TRACES_SAMPLER"):
        return _get_from_env_or_default()
    return SampledWhenExported(_get_from_env_or_default(), spans_exported)


class SampledWhenExported(Sampler):
    """Records spans only while something receives them.

    With no exporter (and no test processor) a recorded span is built, filled with
    attributes (ADK turns whole model requests into them) and dropped at its end: about
    3 % of each process's CPU in a turn. Unrecorded, a span still gets a trace id and span id,
    so logs and outgoing `traceparent` headers carry them as before; what changes is the
    header's sampled flag, which then says the truth (nothing of this process was kept). A
    sampled parent from another process is still followed, so a trace started by a caller
    that exports goes on through this process and past it.
    """

    _unexported = ParentBased(ALWAYS_OFF)

    def __init__(self, exported: Sampler, has_receivers: Callable[[], bool]) -> None:
        self._exported = exported
        self._has_receivers = has_receivers

    def should_sample(self, *args: Any, **kwargs: Any) -> SamplingResult:
        sampler = self._exported if self._has_receivers() else self._unexported
        return sampler.should_sample(*args, **kwargs)

    def get_description(self) -> str:
        return f"SampledWhenExported{{{self._exported.get_description()}}}"


@contextlib.contextmanager
def untraced() -> Iterator[None]:
    """Runs the block under an unsampled parent span, so the parent-based samplers (the
    default, `SampledWhenExported`) record none of its spans: work a process does for itself
    (a warm-up), which no caller asked for and no trace should show."""
    parent = trace.NonRecordingSpan(
        trace.SpanContext(
            trace_id=random.getrandbits(128) or 1,
            span_id=random.getrandbits(64) or 1,
            is_remote=False,
            trace_flags=trace.TraceFlags(trace.TraceFlags.DEFAULT),
        )
    )
    with trace.use_span(parent, end_on_exit=False):
        yield


def _install_meter_provider(resource: Resource, readers: list[MetricReader]) -> MeterProvider:
    """The global SDK MeterProvider, new unless one is already installed."""
    current = metrics.get_meter_provider()
    if isinstance(current, MeterProvider):
        # Readers can only be given to a MeterProvider's constructor.
        if readers:
            _log.warning("a MeterProvider is already installed; CartMate's metrics go to it")
        return current
    provider = MeterProvider(resource=resource, metric_readers=readers, shutdown_on_exit=False)
    metrics.set_meter_provider(provider)
    return provider


def get_telemetry() -> Telemetry | None:
    """The Telemetry `setup_telemetry` made, or None before it was called.

    Returns:
        The process's Telemetry, if any.
    """
    return _telemetry


def spans_exported() -> bool:
    """Whether a span started now can leave the process (some processor receives it).

    False for CartMate's own provider with no exporter or test processor, and when no SDK
    provider is installed; True for a provider another library installed (it may export).
    Lets callers skip telemetry work whose only reader would be an exporter.
    """
    current = trace.get_tracer_provider()
    if not isinstance(current, TracerProvider):
        return False
    telemetry = _telemetry
    if telemetry is None or telemetry.tracer_provider is not current:
        return True
    return bool(telemetry.span_processors)


def shutdown_telemetry(timeout_s: float = 5.0) -> bool:
    """Exports what is still buffered and stops the providers. Safe to call more than once.

    The global providers stay installed (OpenTelemetry cannot uninstall them), so spans
    started afterwards are created but dropped.

    Args:
        timeout_s: The longest to wait, e.g. for an unreachable collector.

    Returns:
        True when everything was flushed in time, or there was nothing to shut down.
    """
    with _lock:
        telemetry = _telemetry
    return True if telemetry is None else telemetry.shutdown(timeout_s)


def get_tracer(name: str) -> trace.Tracer:
    """A tracer from the global provider (a no-op one until `setup_telemetry` runs).

    Args:
        name: The instrumenting module, usually `__name__`.

    Returns:
        The tracer.
    """
    return trace.get_tracer(name)


def get_meter(name: str) -> metrics.Meter:
    """A meter from the global provider (a no-op one until `setup_telemetry` runs).

    Args:
        name: The instrumenting module, usually `__name__`.

    Returns:
        The meter.
    """
    return metrics.get_meter(name)


def grpc_client_interceptors(
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> list[grpc.aio.ClientInterceptor]:
    """Interceptors for `grpc.aio.insecure_channel(addr, interceptors=...)`.

    Each call gets a CLIENT span named after the method (`/hipstershop.CartService/GetCart`)
    and carries the W3C trace context (`traceparent`) in its metadata. Each unary call (all
    Online Boutique methods are) is also measured: `cartmate.grpc.client.duration` (s) and,
    unless it ended OK, `cartmate.grpc.client.errors`, both by `service`, `method` and `code`.

    Args:
        tracer_provider: The provider to use; None uses the global one.
        meter_provider: For the metrics; None uses the global one.

    Returns:
        The metrics interceptor, then one tracing interceptor per call shape.
    """
    # Outermost first: the measured time includes the span's own small overhead.
    return [
        GrpcClientMetrics(meter_provider),
        *aio_client_interceptors(tracer_provider=tracer_provider),
    ]


class GrpcClientMetrics(grpc.aio.UnaryUnaryClientInterceptor):
    """Latency and failures of unary gRPC calls, by service, method and status code."""

    def __init__(self, meter_provider: metrics.MeterProvider | None = None) -> None:
        meter = metrics.get_meter(__name__, meter_provider=meter_provider)
        self.duration = meter.create_histogram(
            "cartmate.grpc.client.duration", unit="s", description="gRPC client call latency"
        )
        self.errors = meter.create_counter(
            "cartmate.grpc.client.errors", description="gRPC client calls not ending OK"
        )

    async def intercept_unary_unary(
        self,
        continuation: Callable[[grpc.aio.ClientCallDetails, object], object],
        client_call_details: grpc.aio.ClientCallDetails,
        request: object,
    ) -> object:
        started = time.perf_counter()
        method = client_call_details.method
        path = method.decode() if isinstance(method, bytes) else str(method)
        service, _, name = path.lstrip("/").rpartition("/")
        code = "UNKNOWN"
        try:
            call = await continuation(client_call_details, request)  # type: ignore[misc]
            code = (await call.code()).name  # waits for the call to end, without raising
            return call
        except asyncio.CancelledError:
            code = "CANCELLED"
            raise
        finally:
            labels = {"service": service.rpartition(".")[2], "method": name, "code": code}
            self.duration.record(time.perf_counter() - started, labels)
            if code != "OK":
                self.errors.add(1, labels)


def grpc_server_interceptors(
    tracer_provider: trace.TracerProvider | None = None,
) -> list[grpc.aio.ServerInterceptor]:
    """Interceptors for `grpc.aio.server(interceptors=...)`.

    Each call gets a SERVER span that continues the caller's trace (from `traceparent`), so
    the servicer's logs carry the caller's trace id.

    Args:
        tracer_provider: The provider to use; None uses the global one.

    Returns:
        The interceptors.
    """
    return [aio_server_interceptor(tracer_provider=tracer_provider)]


def instrument_httpx(
    client: httpx.AsyncClient,
    tracer_provider: trace.TracerProvider | None = None,
) -> httpx.AsyncClient:
    """Traces a client's requests: a CLIENT span each, with `traceparent` in the headers.

    Instrumenting the same client twice is harmless (the second time is ignored).

    Args:
        client: The client; its transport is wrapped in place.
        tracer_provider: The provider to use; None uses the global one.

    Returns:
        The same client, for `client = instrument_httpx(httpx.AsyncClient(...))`.
    """
    if not getattr(client, "_is_instrumented_by_opentelemetry", False):
        # instrument_client only logs a warning on a second call; skip it quietly instead.
        HTTPXClientInstrumentor.instrument_client(client, tracer_provider=tracer_provider)
    return client


A2A_SDK_TRACING_VAR = "OTEL_INSTRUMENTATION_A2A_SDK_ENABLED"


def default_a2a_sdk_tracing(otlp_endpoint: str | None) -> bool:
    """Turn a2a-sdk's own tracing wrappers off unless spans are exported; True if now off.

    a2a-sdk wraps its request handler, event queues and task store methods in spans, about a
    fifth of an A2A server's CPU, that nobody sees without an exporter (CartMate's own server
    span and `traceparent` propagation do not depend on them). The SDK reads
    OTEL_INSTRUMENTATION_A2A_SDK_ENABLED once, when first imported, so call this before
    anything imports `a2a`. An explicit value in the environment always wins; children
    started afterwards inherit the default.
    """
    if otlp_endpoint or A2A_SDK_TRACING_VAR in os.environ:
        off = os.environ.get(A2A_SDK_TRACING_VAR, "true").lower() != "true"
        if off:
            _unwrap_a2a_sdk_tracing()
        return off
    if "a2a.utils.telemetry" in sys.modules:
        _log.debug("a2a-sdk already imported: its tracing stays as it is")
        return False
    os.environ[A2A_SDK_TRACING_VAR] = "false"
    _unwrap_a2a_sdk_tracing()
    return True


def _unwrap_a2a_sdk_tracing() -> None:
    """With a2a-sdk's tracing off, make its decorators leave functions as they are.

    Switched off, a2a-sdk still wraps every decorated method (request handler, event queues,
    task manager, transports: about a hundred calls a delegated turn) in a wrapper that logs
    at debug level and drives a no-op span: 2-3 % of a specialist's CPU for nothing. The
    decorators are applied when those modules are imported, so swapping them here, before
    that, leaves the methods unwrapped. Upstream, `trace_function` should return `func`
    itself when tracing is disabled; until then this is the whole fix.
    """
    import a2a.utils.telemetry as a2a_telemetry

    if a2a_telemetry.otel_enabled and a2a_telemetry.otel_installed:
        return  # the SDK was imported with tracing on: leave it be

    def trace_function(func: Any = None, **_: Any) -> Any:
        return func if func is not None else (lambda f: f)

    def trace_class(*_: Any, **__: Any) -> Any:
        return lambda cls: cls

    a2a_telemetry.trace_function = trace_function  # type: ignore[assignment]
    a2a_telemetry.trace_class = trace_class  # type: ignore[assignment]
