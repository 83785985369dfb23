"""Opening the Online Boutique clients: one long-lived channel per service, closed on exit."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import grpc

from cartmate.boutique._rpc import CircuitBreaker, RpcPolicy, ServiceCaller
from cartmate.boutique.cart import CartClient
from cartmate.boutique.catalog import CatalogClient
from cartmate.boutique.currency import CurrencyClient
from cartmate.boutique.health import check_health
from cartmate.boutique.pb import demo_pb2_grpc
from cartmate.boutique.recommendation import RecommendationClient
from cartmate.config import Settings
from cartmate.store.redis_client import RedisConnection
from cartmate.telemetry import grpc_client_interceptors

__all__ = ["SERVICES", "BoutiqueClients", "ClientOptions", "open_boutique_clients"]

SERVICES = ("catalog", "cart", "currency", "recommendation")

# Reconnect quickly after a service restarts (gRPC's default first backoff is 1 s) and
# notice dead peers with keepalives. Retries are ours (_rpc.py), so gRPC's own are off.
CHANNEL_OPTIONS: tuple[tuple[str, Any], ...] = (
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 2000),
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.enable_retries", 0),
)


@dataclass(frozen=True)
class ClientOptions:
    """Deadlines, retries, breaker and cache settings shared by the clients."""

    policy: RpcPolicy = RpcPolicy()
    breaker_failures: int = 5
    breaker_reset_s: float = 5.0
    catalog_ttl_s: float = 60.0
    cart_lock_timeout_s: float = 5.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ClientOptions:
        return cls(
            policy=RpcPolicy(
                timeout_s=settings.rpc_timeout_s,
                retries=settings.rpc_retries,
                backoff_base_s=settings.rpc_backoff_base_s,
                backoff_max_s=settings.rpc_backoff_max_s,
            ),
            breaker_failures=settings.breaker_failures,
            breaker_reset_s=settings.breaker_reset_s,
            catalog_ttl_s=settings.catalog_ttl_s,
            cart_lock_timeout_s=settings.cart_lock_timeout_s,
        )


@dataclass(frozen=True)
class BoutiqueClients:
    """The four service clients plus their channels (for health checks)."""

    catalog: CatalogClient
    cart: CartClient
    currency: CurrencyClient
    recommendation: RecommendationClient
    channels: Mapping[str, grpc.aio.Channel]
    breakers: Mapping[str, CircuitBreaker]

    async def health(self, timeout_s: float = 1.0) -> dict[str, str]:
        """grpc.health.v1 status of each service: SERVING, NOT_SERVING or UNAVAILABLE."""
        names = list(self.channels)
        results = await asyncio.gather(
            *(check_health(self.channels[name], timeout_s) for name in names)
        )
        return dict(zip(names, results, strict=True))


@contextlib.asynccontextmanager
async def open_boutique_clients(
    addresses: Mapping[str, str],
    redis: RedisConnection,
    options: ClientOptions | None = None,
    interceptors: Sequence[grpc.aio.ClientInterceptor] | None = None,
) -> AsyncIterator[BoutiqueClients]:
    """Open one channel per service (`addresses`: service name -> "host:port").

    `interceptors` default to OpenTelemetry's: a client span per call and `traceparent` in
    its metadata.
    """
    options = options or ClientOptions()
    if interceptors is None:
        interceptors = grpc_client_interceptors()
    missing = [name for name in SERVICES if name not in addresses]
    if missing:
        raise ValueError(f"no address for {', '.join(missing)}")
    async with contextlib.AsyncExitStack() as stack:
        channels: dict[str, grpc.aio.Channel] = {}
        for name in SERVICES:
            channel = grpc.aio.insecure_channel(
                addresses[name], options=CHANNEL_OPTIONS, interceptors=interceptors
            )
            stack.push_async_callback(channel.close)
            channels[name] = channel
        breakers = {
            name: CircuitBreaker(name, options.breaker_failures, options.breaker_reset_s)
            for name in SERVICES
        }
        callers = {name: ServiceCaller(name, options.policy, breakers[name]) for name in SERVICES}
        yield BoutiqueClients(
            catalog=CatalogClient(
                demo_pb2_grpc.ProductCatalogServiceStub(channels["catalog"]),
                callers["catalog"],
                ttl_s=options.catalog_ttl_s,
            ),
            cart=CartClient(
                demo_pb2_grpc.CartServiceStub(channels["cart"]),
                callers["cart"],
                redis,
                lock_timeout_s=options.cart_lock_timeout_s,
            ),
            currency=CurrencyClient(
                demo_pb2_grpc.CurrencyServiceStub(channels["currency"]), callers["currency"]
            ),
            recommendation=RecommendationClient(
                demo_pb2_grpc.RecommendationServiceStub(channels["recommendation"]),
                callers["recommendation"],
            ),
            channels=channels,
            breakers=breakers,
        )
