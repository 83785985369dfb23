"""RecommendationService: up to 5 random catalog products the shopper is not looking at.

The real service asks the catalog service for every product on each call. Ours takes any
async source of product ids: the in-process `Catalog` when both run in one process
(`catalog_product_ids`), or a catalog service over gRPC (`RemoteCatalogProductIds`), which
works against the real Online Boutique catalog as well.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable, Sequence

import grpc

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.catalog_data import Catalog

__all__ = [
    "FULL_NAME",
    "MAX_RECOMMENDATIONS",
    "ProductIdSource",
    "RecommendationService",
    "RemoteCatalogProductIds",
    "catalog_product_ids",
]

logger = logging.getLogger(__name__)

FULL_NAME = demo_pb2.DESCRIPTOR.services_by_name["RecommendationService"].full_name
MAX_RECOMMENDATIONS = 5  # the real service's fixed limit

ProductIdSource = Callable[[], Awaitable[Sequence[str]]]


def catalog_product_ids(catalog: Catalog) -> ProductIdSource:
    """The ids of an in-process catalog."""

    async def product_ids() -> Sequence[str]:
        return catalog.ids()

    return product_ids


class RemoteCatalogProductIds:
    """The ids a ProductCatalogService at `address` lists; call `close()` when done.

    The channel is opened on first use so it belongs to the running event loop.
    """

    def __init__(self, address: str, *, timeout_s: float = 2.0) -> None:
        self.address = address
        self._timeout_s = timeout_s
        self._channel: grpc.aio.Channel | None = None
        self._stub: demo_pb2_grpc.ProductCatalogServiceStub | None = None

    async def __call__(self) -> Sequence[str]:
        if self._stub is None:
            self._channel = grpc.aio.insecure_channel(self.address)
            self._stub = demo_pb2_grpc.ProductCatalogServiceStub(self._channel)
        response = await self._stub.ListProducts(demo_pb2.Empty(), timeout=self._timeout_s)
        return [product.id for product in response.products]

    async def close(self) -> None:
        if self._channel is not None:
            await self._channel.close()
            self._channel = self._stub = None


class RecommendationService(demo_pb2_grpc.RecommendationServiceServicer):
    """ListRecommendations over a source of product ids."""

    def __init__(
        self,
        product_ids: ProductIdSource,
        *,
        limit: int = MAX_RECOMMENDATIONS,
        rng: random.Random | None = None,
    ) -> None:
        self._product_ids = product_ids
        self._limit = limit
        self._rng = rng or random.Random()  # injectable for reproducible tests

    async def ListRecommendations(  # noqa: N802 - gRPC method name
        self, request: demo_pb2.ListRecommendationsRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.ListRecommendationsResponse:
        try:
            all_ids = await self._product_ids()
        except grpc.aio.AioRpcError as exc:
            logger.warning("recommendations: catalog failed: %s", exc.code().name)
            await context.abort(
                grpc.StatusCode.UNAVAILABLE, f"product catalog unavailable: {exc.code().name}"
            )
        excluded = set(request.product_ids)
        # dict.fromkeys: drop duplicates, keep the catalog's order before sampling.
        candidates = [pid for pid in dict.fromkeys(all_ids) if pid not in excluded]
        chosen = self._rng.sample(candidates, min(self._limit, len(candidates)))
        return demo_pb2.ListRecommendationsResponse(product_ids=chosen)
