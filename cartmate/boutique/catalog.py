"""ProductCatalogService client: the catalog, cached for a short time, and typed products."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from cartmate.boutique._rpc import ServiceCaller
from cartmate.boutique.models import Product
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.errors import NotFoundError, UnavailableError

__all__ = ["CatalogClient"]


class CatalogClient:
    """Lists, gets and searches products. ListProducts is cached for `ttl_s` seconds; when the
    service is down after that, the last good catalog is served (`stale` says so)."""

    def __init__(
        self,
        stub: demo_pb2_grpc.ProductCatalogServiceStub,
        caller: ServiceCaller,
        ttl_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stub = stub
        self._caller = caller
        self._ttl_s = ttl_s
        self._clock = clock
        self._cached: tuple[Product, ...] | None = None
        self._by_id: dict[str, Product] = {}
        self._fetched_at = 0.0
        self._last_good: tuple[Product, ...] | None = None  # kept past the TTL for outages
        self.stale = False  # True while answering from the last good catalog
        self._refresh_lock = asyncio.Lock()  # concurrent misses share one ListProducts

    def _fresh(self) -> bool:
        return self._cached is not None and self._clock() - self._fetched_at < self._ttl_s

    async def list_products(self) -> tuple[Product, ...]:
        """Every product in the catalog, in the catalog's order."""
        if self._fresh():
            assert self._cached is not None
            return self._cached
        async with self._refresh_lock:
            if not self._fresh():
                try:
                    response = await self._caller.call(
                        "ListProducts", self._stub.ListProducts, demo_pb2.Empty(), idempotent=True
                    )
                except UnavailableError:
                    if self._last_good is None:
                        raise
                    # The catalog is down: serve the last catalog we had, and say so.
                    self.stale = True
                    return self._last_good
                products = tuple(Product.from_proto(p) for p in response.products)
                self._cached, self._fetched_at = products, self._clock()
                self._last_good, self.stale = products, False
                self._by_id = {p.id: p for p in products}
        assert self._cached is not None
        return self._cached

    def invalidate(self, *, forget_last_good: bool = False) -> None:
        """Drop the cached catalog (the next call fetches it again); optionally also the
        last good copy kept for outages."""
        self._cached = None
        if forget_last_good:
            self._last_good = None

    async def get_product(self, product_id: str) -> Product:
        """One product; raises NotFoundError for an id the catalog does not have."""
        if self._fresh() and product_id in self._by_id:
            return self._by_id[product_id]
        if not product_id or len(product_id) > 128:
            raise NotFoundError(f"No product with id {product_id!r}.", product_id=product_id)
        try:
            response = await self._caller.call(
                "GetProduct",
                self._stub.GetProduct,
                demo_pb2.GetProductRequest(id=product_id),
                idempotent=True,
            )
        except NotFoundError:
            raise NotFoundError(
                f"No product with id {product_id!r}.", product_id=product_id
            ) from None
        return Product.from_proto(response)

    async def search_products(self, query: str) -> tuple[Product, ...]:
        """The catalog service's own search (substring of name or description)."""
        response = await self._caller.call(
            "SearchProducts",
            self._stub.SearchProducts,
            demo_pb2.SearchProductsRequest(query=query),
            idempotent=True,
        )
        return tuple(Product.from_proto(p) for p in response.results)
