"""Trace context travels on every Online Boutique call made through the clients."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from cartmate.boutique.clients import open_boutique_clients
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.store.redis_client import RedisConnection
from tests.boutique.conftest import FAST


class _RecordingCatalog(demo_pb2_grpc.ProductCatalogServiceServicer):
    """Answers ListProducts with nothing and keeps the metadata each call carried."""

    def __init__(self) -> None:
        self.metadata: list[dict[str, str]] = []

    async def ListProducts(self, request, context):  # noqa: N802 (gRPC method name)
        self.metadata.append({k: v for k, v in context.invocation_metadata()})
        return demo_pb2.ListProductsResponse()


@pytest.fixture
async def recording_catalog() -> AsyncIterator[tuple[str, _RecordingCatalog]]:
    servicer = _RecordingCatalog()
    server = grpc.aio.server()
    demo_pb2_grpc.add_ProductCatalogServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield f"127.0.0.1:{port}", servicer
    await server.stop(grace=None)


async def test_calls_carry_the_callers_traceparent(
    redis: RedisConnection, recording_catalog: tuple[str, _RecordingCatalog]
) -> None:
    addr, servicer = recording_catalog
    addresses = {
        **dict.fromkeys(("cart", "currency", "recommendation"), "127.0.0.1:1"),
        "catalog": addr,
    }
    tracer = TracerProvider().get_tracer("test")
    async with open_boutique_clients(addresses, redis, FAST) as clients:
        with tracer.start_as_current_span("turn") as span:
            await clients.catalog.list_products()
    trace_id = trace.format_trace_id(span.get_span_context().trace_id)
    (metadata,) = servicer.metadata
    version, sent_trace_id, _parent, _flags = metadata["traceparent"].split("-")
    assert version == "00" and sent_trace_id == trace_id
