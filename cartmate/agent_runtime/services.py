"""What the agents' tools work with: Redis, the Online Boutique clients and the stores.

Tools never open connections themselves. They hold a `ServiceProvider` and ask it for the
process's `AgentServices` when they run. The gateway, A2A servers and tests open the services
in their lifespan and hand them over (`StaticServices`); `root_agent` modules, which `adk web`
imports before any event loop runs, use `LazyServices`, which opens everything on first use in
the running loop (gRPC aio channels and Redis pools belong to one loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from cartmate.boutique.clients import BoutiqueClients, ClientOptions, open_boutique_clients
from cartmate.boutique.models import Product
from cartmate.config import Settings
from cartmate.discovery.ranking import ProductIndex
from cartmate.pricing.perplexity import PerplexityClient, open_perplexity
from cartmate.store.price_alerts import PriceAlertStore
from cartmate.store.redis_client import RedisConnection, open_redis
from cartmate.store.style_profiles import StyleProfileStore

__all__ = [
    "AgentServices",
    "LazyServices",
    "ServiceProvider",
    "StaticServices",
    "boutique_addresses",
    "open_agent_services",
]

log = logging.getLogger(__name__)


@dataclass
class AgentServices:
    """Everything a tool may use, opened once per process."""

    settings: Settings
    redis: RedisConnection
    boutique: BoutiqueClients
    profiles: StyleProfileStore
    alerts: PriceAlertStore
    perplexity: PerplexityClient | None = None  # None without PERPLEXITY_API_KEY
    _index: ProductIndex | None = field(default=None, repr=False)
    _indexed: tuple[Product, ...] | None = field(default=None, repr=False)

    async def catalog_index(self) -> ProductIndex:
        """The ranking index of the current catalog, rebuilt when the catalog changes."""
        products = await self.boutique.catalog.list_products()
        if self._index is None or products is not self._indexed:
            self._index, self._indexed = ProductIndex(products), products
        return self._index


class ServiceProvider(Protocol):
    async def get(self) -> AgentServices: ...


class StaticServices:
    """Hands out services somebody else opened (and will close)."""

    def __init__(self, services: AgentServices) -> None:
        self._services = services

    async def get(self) -> AgentServices:
        return self._services


def boutique_addresses(settings: Settings) -> dict[str, str]:
    """Each Online Boutique service's address: configured, or the embedded default port."""
    return {
        name: settings.service_addr(name)
        or f"{settings.boutique_host}:{settings.embedded_port(name)}"
        for name in ("catalog", "cart", "currency", "recommendation")
    }


@contextlib.asynccontextmanager
async def open_agent_services(
    settings: Settings, redis_url: str | None = None
) -> AsyncIterator[AgentServices]:
    """Open Redis and the Online Boutique clients for this process; close them on exit."""
    url = redis_url or settings.redis_url
    if url is None:
        raise ValueError("open_agent_services needs a Redis URL (REDIS_URL)")
    async with (
        open_redis(
            url,
            settings.redis_prefix,
            max_connections=settings.redis_max_connections,
            timeout_s=settings.redis_timeout_s,
        ) as redis,
        open_boutique_clients(
            boutique_addresses(settings), redis, ClientOptions.from_settings(settings)
        ) as boutique,
        open_perplexity(settings, redis) as perplexity,
    ):
        yield AgentServices(
            settings=settings,
            redis=redis,
            boutique=boutique,
            profiles=StyleProfileStore(redis),
            alerts=PriceAlertStore(redis),
            perplexity=perplexity,
        )


class LazyServices:
    """Opens the services on first use in the running event loop (for `adk web`/`adk run`).

    Settings come from the environment. Without REDIS_URL an embedded Valkey is started in
    CARTMATE_VALKEY_DATA_DIR, the same data `cartmate up` uses.
    """

    def __init__(self) -> None:
        self._opened: dict[asyncio.AbstractEventLoop, AgentServices] = {}
        self._stacks: dict[asyncio.AbstractEventLoop, contextlib.AsyncExitStack] = {}
        self._lock: asyncio.Lock | None = None

    async def get(self) -> AgentServices:
        loop = asyncio.get_running_loop()
        if loop in self._opened:
            return self._opened[loop]
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if loop not in self._opened:
                self._opened[loop] = await self._open(loop)
        return self._opened[loop]

    async def _open(self, loop: asyncio.AbstractEventLoop) -> AgentServices:
        from cartmate.config import load_settings
        from cartmate.store.embedded_valkey import running_valkey_url, start_valkey

        settings = load_settings()
        stack = contextlib.AsyncExitStack()
        # REDIS_URL, else the embedded Valkey `cartmate up` runs, else one of our own.
        url = settings.redis_url or running_valkey_url(settings.valkey_data_dir)
        if url is None:
            server = start_valkey(settings.valkey_data_dir, settings.valkey_port)
            stack.callback(server.stop)
            url = server.connection_url
        services = await stack.enter_async_context(open_agent_services(settings, url))
        self._stacks[loop] = stack
        log.info("agent services opened lazily", extra={"boutique": boutique_addresses(settings)})
        return services

    async def aclose(self) -> None:
        loop = asyncio.get_running_loop()
        stack = self._stacks.pop(loop, None)
        self._opened.pop(loop, None)
        if stack is not None:
            await stack.aclose()


DEFAULT_PROVIDER = LazyServices()
