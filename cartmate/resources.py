"""Resource monitoring: process gauges and alert thresholds, for the gateway and agent servers.

`ResourceMonitor` samples, every CARTMATE_RESOURCE_CHECK_INTERVAL_S, what a process can run
out of (read from /proc, Linux): resident memory, open file descriptors and, among them,
sockets, event-loop lag (how late a timer fires), and Redis pool connections in use. Each is
an OpenTelemetry observable gauge:

| Instrument | Unit | Alert (setting) |
| --- | --- | --- |
| `cartmate.process.memory.rss` | By | `rss` (CARTMATE_ALERT_RSS_MB) |
| `cartmate.process.open_fds` | 1 | `open_fds` (CARTMATE_ALERT_OPEN_FDS) |
| `cartmate.process.sockets.open` | 1 | `open_sockets` (CARTMATE_ALERT_OPEN_SOCKETS) |
| `cartmate.process.event_loop.lag` | s | `loop_lag` (CARTMATE_ALERT_LOOP_LAG_MS) |
| `cartmate.redis.pool.in_use` | 1 | `redis_pool_in_use` (CARTMATE_ALERT_REDIS_POOL_IN_USE) |

A value above its threshold raises the alert: one structured warning (`resource alert`, with
`alert`, `value`, `threshold`), one increment of `cartmate.alerts` (by `alert`), and the alert
is listed by `/readyz` until `CLEAR_AFTER` samples in a row are back at or under the
threshold (so a loop stalling every other second does not flap), which logs one `resource
alert cleared`. A threshold of 0 turns its alert off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import resource
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import asdict, dataclass, field

from opentelemetry import metrics
from redis.asyncio import ConnectionPool

from cartmate.config import Settings
from cartmate.telemetry import get_meter

__all__ = ["Alert", "ResourceMonitor", "Sample", "Thresholds", "read_sample"]

log = logging.getLogger(__name__)

_PAGE = os.sysconf("SC_PAGE_SIZE")
_MB = 1024 * 1024


@dataclass(frozen=True)
class Thresholds:
    """Alert thresholds; 0 turns an alert off."""

    rss_mb: float = 0.0
    open_fds: int = 0
    open_sockets: int = 0
    loop_lag_ms: float = 0.0
    redis_pool_in_use: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        """The configured thresholds, the derived defaults filled in."""
        fds = settings.alert_open_fds
        if fds is None:  # 80 % of the soft limit on open files
            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
            fds = int(soft * 0.8) if soft > 0 else 0
        pool = settings.alert_redis_pool_in_use
        if pool is None:
            pool = max(1, int(settings.redis_max_connections * 0.8))
        return cls(
            rss_mb=settings.alert_rss_mb,
            open_fds=fds,
            open_sockets=settings.alert_open_sockets,
            loop_lag_ms=settings.alert_loop_lag_ms,
            redis_pool_in_use=pool,
        )


@dataclass(frozen=True)
class Sample:
    """One reading of the process's resources."""

    rss_bytes: int
    open_fds: int
    open_sockets: int
    loop_lag_s: float
    redis_pool_in_use: int | None

    def values(self) -> dict[str, float]:
        """Alert name -> value, in the threshold's unit."""
        found = {
            "rss": self.rss_bytes / _MB,
            "open_fds": float(self.open_fds),
            "open_sockets": float(self.open_sockets),
            "loop_lag": self.loop_lag_s * 1000,
        }
        if self.redis_pool_in_use is not None:
            found["redis_pool_in_use"] = float(self.redis_pool_in_use)
        return found


@dataclass(frozen=True)
class Alert:
    """An alert in effect."""

    name: str
    value: float
    threshold: float
    since: float  # Unix time it was raised


def _limits(thresholds: Thresholds) -> dict[str, float]:
    return {
        "rss": thresholds.rss_mb,
        "open_fds": thresholds.open_fds,
        "open_sockets": thresholds.open_sockets,
        "loop_lag": thresholds.loop_lag_ms,
        "redis_pool_in_use": thresholds.redis_pool_in_use,
    }


def _fds() -> tuple[int, int]:
    """Open file descriptors, and how many of them are sockets."""
    fds = sockets = 0
    for name in os.listdir("/proc/self/fd"):
        fds += 1
        with contextlib.suppress(OSError):  # closed since the listing
            sockets += os.readlink(f"/proc/self/fd/{name}").startswith("socket:")
    return fds, sockets


def _pool_in_use(pool: ConnectionPool) -> int:
    # redis-py's public count, as (number, attributes) pairs for idle and used connections.
    return sum(n for n, attrs in pool.get_connection_count() if "used" in attrs.values())


def read_sample(loop_lag_s: float, pool: ConnectionPool | None = None) -> Sample:
    """Read /proc now (blocking: a few hundred microseconds, more with many sockets)."""
    with open("/proc/self/statm") as statm:
        rss = int(statm.read().split()[1]) * _PAGE
    fds, sockets = _fds()
    in_use = _pool_in_use(pool) if pool is not None else None
    return Sample(rss, fds, sockets, loop_lag_s, in_use)


CLEAR_AFTER = 3  # samples in a row at or under its threshold that clear an alert


@dataclass(eq=False)
class ResourceMonitor:
    """Samples resources periodically and raises and clears alerts (see the module doc).

    `thresholds` may be replaced while running; the next sample is judged by the new ones.
    """

    thresholds: Thresholds
    pool: ConnectionPool | None = None
    interval_s: float = 5.0
    meter: metrics.Meter | None = None
    last: Sample | None = None
    active: dict[str, Alert] = field(default_factory=dict)
    clear_after: int = CLEAR_AFTER
    _calm: dict[str, int] = field(default_factory=dict)  # alert -> samples in a row under it

    def __post_init__(self) -> None:
        meter = self.meter or get_meter("cartmate.resources")
        self._alerts = meter.create_counter("cartmate.alerts", description="Alerts raised")
        gauges: Iterable[tuple[str, str, str, str]] = (
            ("cartmate.process.memory.rss", "By", "rss_bytes", "Resident memory"),
            ("cartmate.process.open_fds", "1", "open_fds", "Open file descriptors"),
            ("cartmate.process.sockets.open", "1", "open_sockets", "Open sockets"),
            ("cartmate.process.event_loop.lag", "s", "loop_lag_s", "Event-loop lag"),
            ("cartmate.redis.pool.in_use", "1", "redis_pool_in_use", "Redis connections in use"),
        )
        for name, unit, attr, description in gauges:
            meter.create_observable_gauge(
                name, callbacks=[self._observer(attr)], unit=unit, description=description
            )

    def _observer(self, attr: str) -> metrics.CallbackT:
        def observe(_: metrics.CallbackOptions) -> Iterable[metrics.Observation]:
            value = getattr(self.last, attr, None)  # nothing before the first sample
            return [] if value is None else [metrics.Observation(value)]

        return observe

    def check(self, sample: Sample) -> None:
        """Judge one sample: raise new alerts, clear recovered ones."""
        self.last = sample
        limits = _limits(self.thresholds)
        for name, value in sample.values().items():
            limit = limits[name]
            over = limit > 0 and value > limit
            self._calm[name] = 0 if over else self._calm.get(name, 0) + 1
            if over and name not in self.active:
                self.active[name] = Alert(name, round(value, 3), limit, time.time())
                self._alerts.add(1, {"alert": name})
                log.warning(
                    "resource alert",
                    extra={"alert": name, "value": round(value, 3), "threshold": limit},
                )
            elif name in self.active and self._calm[name] >= self.clear_after:
                del self.active[name]
                log.warning(
                    "resource alert cleared",
                    extra={"alert": name, "value": round(value, 3), "threshold": limit},
                )

    def report(self) -> list[dict[str, object]]:
        """The active alerts, for health endpoints."""
        return [asdict(alert) for alert in self.active.values()]

    async def run(self) -> None:
        """Sample forever; the lag is how late each interval's timer fired."""
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.interval_s)
            lag = max(0.0, loop.time() - before - self.interval_s)
            try:
                self.check(await asyncio.to_thread(read_sample, lag, self.pool))
            except OSError:  # no /proc (not Linux): nothing to watch
                log.warning("resource monitoring unavailable", exc_info=True)
                return

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[ResourceMonitor]:
        """Run the monitor for the duration of the block."""
        task = asyncio.create_task(self.run(), name="resource-monitor")
        try:
            yield self
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @classmethod
    def for_settings(
        cls, settings: Settings, pool: ConnectionPool | None = None
    ) -> ResourceMonitor:
        """A monitor with the configured thresholds and interval."""
        return cls(
            Thresholds.from_settings(settings),
            pool=pool,
            interval_s=settings.resource_check_interval_s,
        )
