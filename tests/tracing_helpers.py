"""Whole-chain tracing tests: a script run in a fresh interpreter (ADK, the gRPC interceptors
and httpx use the process-wide TracerProvider) records every span in memory and prints them.

The script imports this module, calls `record_spans` before importing what traces, serves the
embedded Online Boutique with `boutique_settings` and prints `span_rows` as its last line;
the test runs it with `run_traced`.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cartmate.config import Settings
from cartmate.embedded_boutique.server import serve_boutique
from cartmate.store.redis_client import RedisConnection, open_redis
from cartmate.telemetry import setup_telemetry
from tests.agents.conftest import offline_settings
from tests.helpers import cartmate_env

__all__ = ["boutique_settings", "record_spans", "run_traced", "span_rows"]

REPO_ROOT = Path(__file__).resolve().parent.parent


def record_spans(service_name: str) -> InMemorySpanExporter:
    """Install the global telemetry with an in-memory exporter: every span the script makes."""
    exporter = InMemorySpanExporter()
    setup_telemetry(service_name, None, extra_span_processors=[SimpleSpanProcessor(exporter)])
    return exporter


@contextlib.asynccontextmanager
async def boutique_settings(
    redis_url: str, prefix: str, **overrides: Any
) -> AsyncIterator[tuple[RedisConnection, Settings]]:
    """Redis and the embedded boutique, and offline-model Settings on them; keys deleted after."""
    async with (
        open_redis(redis_url, prefix) as redis,
        serve_boutique(
            redis, catalog_port=0, cart_port=0, currency_port=0, recommendation_port=0
        ) as addresses,
    ):
        settings = offline_settings(addresses, redis_url, prefix, **overrides)
        yield redis, settings
        keys = [k async for k in redis.client.scan_iter(match=prefix + "*", count=500)]
        if keys:
            await redis.client.delete(*keys)


def span_rows(exporter: InMemorySpanExporter) -> list[dict[str, Any]]:
    """The finished spans as JSON-able rows, for the script to print to the test."""
    return [
        {
            "name": s.name,
            "kind": s.kind.name,
            "trace_id": s.context.trace_id,
            "span_id": s.context.span_id,
            "parent": s.parent.span_id if s.parent else None,
            "parent_trace": s.parent.trace_id if s.parent else None,
        }
        for s in exporter.get_finished_spans()
    ]


def run_traced(script: str, redis_url: str, key_prefix: str, timeout_s: float) -> Any:
    """Run `script` in a fresh interpreter (providers are process-wide); its last line's JSON."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), redis_url, key_prefix],
        cwd=REPO_ROOT,
        env=cartmate_env(),
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
