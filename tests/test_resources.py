"""Resource monitoring: real /proc readings, alerts that fire once and clear once, and the
gateway's /readyz listing them while a deliberately blocked event loop lags."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time

import httpx
import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from cartmate.config import Settings
from cartmate.gateway.app import create_app
from cartmate.resources import CLEAR_AFTER, ResourceMonitor, Thresholds, read_sample
from cartmate.store.redis_client import RedisConnection
from tests.agents.conftest import settings
from tests.metric_helpers import metric_points
from tests.servers import serve

__all__ = ["settings"]  # the fixture: the embedded Online Boutique on real Redis

_DEADLINE_S = 30.0


def _alert_logs(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [
        (r.getMessage(), getattr(r, "alert", ""))
        for r in caplog.records
        if r.name == "cartmate.resources" and r.getMessage().startswith("resource alert")
    ]


async def test_a_sample_reads_this_process(redis: RedisConnection) -> None:
    async with Borrowed(redis):
        sample = read_sample(0.0, redis.pool)
    assert sample.rss_bytes > 1024 * 1024
    assert sample.open_fds >= sample.open_sockets >= 1  # the Redis connection at least
    assert sample.redis_pool_in_use == 1


class Borrowed:
    """Holds one pool connection for the block."""

    def __init__(self, redis: RedisConnection) -> None:
        self.redis = redis

    async def __aenter__(self) -> None:
        self.connection = await self.redis.pool.get_connection()

    async def __aexit__(self, *exc: object) -> None:
        await self.redis.pool.release(self.connection)


async def test_an_alert_fires_once_and_clears_once(
    redis: RedisConnection, caplog: pytest.LogCaptureFixture
) -> None:
    reader = InMemoryMetricReader()
    meters = MeterProvider(metric_readers=[reader])
    monitor = ResourceMonitor(
        Thresholds(rss_mb=1, open_fds=100_000), pool=redis.pool, meter=meters.get_meter("t")
    )
    caplog.set_level(logging.WARNING, logger="cartmate.resources")
    monitor.check(read_sample(0.0, redis.pool))
    monitor.check(read_sample(0.0, redis.pool))  # still over: no second warning
    assert [a["name"] for a in monitor.report()] == ["rss"]
    [alert] = monitor.report()
    assert alert["threshold"] == 1 and float(str(alert["value"])) > 1
    points = metric_points(reader)
    assert [(p.attributes["alert"], p.value) for p in points["cartmate.alerts"]] == [("rss", 1)]
    assert points["cartmate.process.memory.rss"][0].value > 1024 * 1024
    assert points["cartmate.process.open_fds"][0].value >= 1
    assert "cartmate.redis.pool.in_use" in points and "cartmate.process.sockets.open" in points

    monitor.thresholds = dataclasses.replace(monitor.thresholds, rss_mb=1_000_000)
    for _ in range(CLEAR_AFTER - 1):  # one good sample does not clear it (no flapping)
        monitor.check(read_sample(0.0, redis.pool))
    assert [a["name"] for a in monitor.report()] == ["rss"]
    monitor.check(read_sample(0.0, redis.pool))
    assert monitor.report() == []
    assert _alert_logs(caplog) == [("resource alert", "rss"), ("resource alert cleared", "rss")]
    record = next(r for r in caplog.records if r.getMessage() == "resource alert")
    assert record.threshold == 1 and record.levelno == logging.WARNING  # type: ignore[attr-defined]
    points = metric_points(reader)
    meters.shutdown()
    assert [(p.attributes["alert"], p.value) for p in points["cartmate.alerts"]] == [("rss", 1)]


def test_thresholds_come_from_settings() -> None:
    thresholds = Thresholds.from_settings(
        Settings(alert_rss_mb=512, alert_loop_lag_ms=0, redis_max_connections=100)
    )
    assert thresholds.rss_mb == 512 and thresholds.loop_lag_ms == 0  # 0: off
    assert thresholds.redis_pool_in_use == 80  # 80 % of the pool by default
    assert thresholds.open_fds > 0


async def _alerts(http: httpx.AsyncClient) -> list[str]:
    ready = await http.get("/readyz")
    assert ready.status_code == 200, ready.text  # degraded, still ready
    body = ready.json()
    assert body["status"] == "ready" and body["degraded"] == bool(body["alerts"])
    return [alert["name"] for alert in body["alerts"]]


async def test_the_gateway_reports_a_lagging_loop_until_the_threshold_is_raised(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="cartmate.resources")
    lagging = settings.model_copy(
        update={"alert_loop_lag_ms": 1.0, "resource_check_interval_s": 0.05}
    )
    app = create_app(lagging)
    async with serve(app, lifespan="on") as url, httpx.AsyncClient(base_url=url) as http:
        deadline = time.monotonic() + _DEADLINE_S
        while "loop_lag" not in await _alerts(http):
            assert time.monotonic() < deadline, "no loop-lag alert"
            time.sleep(0.2)  # noqa: ASYNC251 - deliberately blocks the event loop
            # let the monitor sample it (the alert then stays for CLEAR_AFTER samples)
            await asyncio.sleep(0.02)
        monitor: ResourceMonitor = app.state.resources
        monitor.thresholds = dataclasses.replace(monitor.thresholds, loop_lag_ms=60_000)
        while "loop_lag" in await _alerts(http):
            assert time.monotonic() < deadline + _DEADLINE_S, "the alert did not clear"
            await asyncio.sleep(0.1)
    assert ("resource alert", "loop_lag") in _alert_logs(caplog)
    assert ("resource alert cleared", "loop_lag") in _alert_logs(caplog)
