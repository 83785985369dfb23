"""Serve the embedded Online Boutique: one grpc.aio server per service, like the real ones.

Each service listens on its own port (the real defaults, recommendation on 8090 because the
gateway has 8080) with the standard gRPC health service, so a client cannot tell it from
Online Boutique and a test can stop or restart one service alone. `serve_boutique` is the
async context manager tests and the CLI use; `run_boutique` serves from `Settings` until
cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio

from cartmate.boutique.pb import demo_pb2_grpc
from cartmate.config import Settings
from cartmate.embedded_boutique import (
    cart_service,
    catalog_service,
    currency_service,
    recommendation_service,
)
from cartmate.embedded_boutique.catalog_data import (
    Catalog,
    CurrencyTable,
    load_catalog,
    load_currency_table,
)
from cartmate.store.redis_client import RedisConnection
from cartmate.telemetry import grpc_server_interceptors

__all__ = [
    "SERVICE_NAMES",
    "BoutiqueAddresses",
    "embedded_services",
    "run_boutique",
    "serve_boutique",
]

logger = logging.getLogger(__name__)

SERVICE_NAMES = ("catalog", "cart", "currency", "recommendation")

# SO_REUSEPORT off: a port already taken fails loudly instead of silently sharing it.
_SERVER_OPTIONS = [("grpc.so_reuseport", 0)]


@dataclass(frozen=True)
class BoutiqueAddresses:
    """`host:port` of each embedded service; None for a service not started."""

    catalog: str | None = None
    cart: str | None = None
    currency: str | None = None
    recommendation: str | None = None

    def served(self) -> dict[str, str]:
        """Service name -> address, for the services that were started."""
        return {name: addr for name, addr in asdict(self).items() if addr is not None}


@dataclass
class _Running:
    name: str
    server: grpc.aio.Server
    health: health_aio.HealthServicer


def embedded_services(settings: Settings) -> tuple[str, ...]:
    """The services to embed: those whose `*_SERVICE_ADDR` is unset."""
    return tuple(name for name in SERVICE_NAMES if settings.service_addr(name) is None)


@contextlib.asynccontextmanager
async def serve_boutique(
    redis: RedisConnection | None,
    *,
    host: str = "127.0.0.1",
    catalog_port: int = 3550,
    cart_port: int = 7070,
    currency_port: int = 7000,
    recommendation_port: int = 8090,
    catalog_file: Path | None = None,
    currency_file: Path | None = None,
    services: Iterable[str] = SERVICE_NAMES,
    catalog_addr: str | None = None,
    grace_s: float = 1.0,
) -> AsyncIterator[BoutiqueAddresses]:
    """Start one grpc.aio server per service (each on its own port, port 0 = ephemeral) and
    stop them on exit.

    Data files are loaded and validated before anything listens (BoutiqueDataError on bad
    data). `redis` is needed only for the cart. The recommendation service reads product ids
    from the catalog service at `catalog_addr` when given, else from the catalog in-process.
    """
    wanted = set(services)
    unknown = wanted - set(SERVICE_NAMES)
    if unknown:
        raise ValueError(f"unknown boutique services {sorted(unknown)}; known: {SERVICE_NAMES}")
    if "cart" in wanted and redis is None:
        raise ValueError("the embedded cart service needs a Redis connection")

    catalog = None
    if "catalog" in wanted or ("recommendation" in wanted and catalog_addr is None):
        catalog = load_catalog(catalog_file)
    currencies = load_currency_table(currency_file) if "currency" in wanted else None
    remote_ids = None  # opened lazily, closed on exit
    if "recommendation" in wanted and catalog_addr is not None:
        remote_ids = recommendation_service.RemoteCatalogProductIds(catalog_addr)

    ports = {
        "catalog": catalog_port,
        "cart": cart_port,
        "currency": currency_port,
        "recommendation": recommendation_port,
    }
    running: list[_Running] = []
    addresses: dict[str, str] = {}
    try:
        for name in SERVICE_NAMES:
            if name not in wanted:
                continue
            server = grpc.aio.server(
                options=_SERVER_OPTIONS, interceptors=grpc_server_interceptors()
            )
            full_name = _add_servicer(name, server, catalog, redis, currencies, remote_ids)
            health = health_aio.HealthServicer()
            health_pb2_grpc.add_HealthServicer_to_server(health, server)
            running.append(_Running(name, server, health))
            addresses[name] = await _start(name, server, health, full_name, host, ports[name])
        logger.info(
            "embedded Online Boutique serving: %s",
            ", ".join(f"{name} {addr}" for name, addr in addresses.items()),
        )
        yield BoutiqueAddresses(**addresses)
    finally:
        await _stop_all(running, grace_s)
        if remote_ids is not None:
            await remote_ids.close()


async def run_boutique(
    settings: Settings,
    redis: RedisConnection | None,
    *,
    services: Iterable[str] = SERVICE_NAMES,
    on_ready: Callable[[BoutiqueAddresses], None] | None = None,
) -> None:
    """Serve the embedded boutique from `settings` until cancelled.

    When the catalog is not among `services` but PRODUCT_CATALOG_SERVICE_ADDR is set, the
    recommendation service reads that catalog, as the real one does.
    """
    wanted = tuple(services)
    catalog_addr = None if "catalog" in wanted else settings.product_catalog_service_addr
    async with serve_boutique(
        redis,
        host=settings.boutique_host,
        catalog_port=settings.catalog_port,
        cart_port=settings.cart_port,
        currency_port=settings.currency_port,
        recommendation_port=settings.recommendation_port,
        catalog_file=settings.catalog_file,
        currency_file=settings.currency_file,
        services=wanted,
        catalog_addr=catalog_addr,
    ) as addresses:
        if on_ready is not None:
            on_ready(addresses)
        await asyncio.Event().wait()  # until cancelled; the context manager then stops all


def _add_servicer(
    name: str,
    server: grpc.aio.Server,
    catalog: Catalog | None,
    redis: RedisConnection | None,
    currencies: CurrencyTable | None,
    remote_ids: recommendation_service.RemoteCatalogProductIds | None,
) -> str:
    """Register service `name` on `server`; return its full gRPC name (for health)."""
    if name == "catalog":
        assert catalog is not None
        servicer = catalog_service.ProductCatalogService(catalog)
        demo_pb2_grpc.add_ProductCatalogServiceServicer_to_server(servicer, server)
        return catalog_service.FULL_NAME
    if name == "cart":
        assert redis is not None
        demo_pb2_grpc.add_CartServiceServicer_to_server(cart_service.CartService(redis), server)
        return cart_service.FULL_NAME
    if name == "currency":
        assert currencies is not None
        servicer = currency_service.CurrencyService(currencies)
        demo_pb2_grpc.add_CurrencyServiceServicer_to_server(servicer, server)
        return currency_service.FULL_NAME
    # recommendation: a remote catalog when one was named, else the one in this process
    source: recommendation_service.ProductIdSource
    if remote_ids is not None:
        source = remote_ids
    else:
        assert catalog is not None
        source = recommendation_service.catalog_product_ids(catalog)
    servicer = recommendation_service.RecommendationService(source)
    demo_pb2_grpc.add_RecommendationServiceServicer_to_server(servicer, server)
    return recommendation_service.FULL_NAME


async def _start(
    name: str,
    server: grpc.aio.Server,
    health: health_aio.HealthServicer,
    full_name: str,
    host: str,
    port: int,
) -> str:
    """Bind, start, mark SERVING for "" and the service's full name; return `host:port`."""
    bind_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    try:
        bound = server.add_insecure_port(f"{bind_host}:{port}")
    except RuntimeError as exc:  # grpcio's "Failed to bind": port taken or bad host
        raise OSError(
            f"embedded {name} service cannot listen on {bind_host}:{port}: {exc}"
        ) from exc
    if bound == 0:  # older grpcio reports a failed bind this way
        raise OSError(f"embedded {name} service cannot listen on {bind_host}:{port}")
    await server.start()
    for service in ("", full_name):
        await health.set(service, health_pb2.HealthCheckResponse.SERVING)
    logger.debug("embedded %s service on %s:%d", name, bind_host, bound)
    return f"{bind_host}:{bound}"


async def _stop_all(running: list[_Running], grace_s: float) -> None:
    """Report NOT_SERVING, then stop every server, letting in-flight calls finish."""

    async def stop(item: _Running) -> None:
        await item.health.enter_graceful_shutdown()
        await item.server.stop(grace_s)
        logger.debug("embedded %s service stopped", item.name)

    await asyncio.gather(*(stop(item) for item in running))
