"""ProductCatalogService over a `Catalog`, answering exactly as the real Go service does."""

from __future__ import annotations

import logging

import grpc

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique.catalog_data import Catalog, Product

__all__ = ["FULL_NAME", "ProductCatalogService", "product_to_proto"]

logger = logging.getLogger(__name__)

FULL_NAME = demo_pb2.DESCRIPTOR.services_by_name["ProductCatalogService"].full_name


def product_to_proto(product: Product) -> demo_pb2.Product:
    price = product.price_usd
    return demo_pb2.Product(
        id=product.id,
        name=product.name,
        description=product.description,
        picture=product.picture,
        price_usd=demo_pb2.Money(
            currency_code=price.currency_code, units=price.units, nanos=price.nanos
        ),
        categories=list(product.categories),
    )


class ProductCatalogService(demo_pb2_grpc.ProductCatalogServiceServicer):
    """List, get and search a fixed catalog (loaded once; the real one also reads it once)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        # Built once: every ListProducts answers the same messages.
        self._messages = {product.id: product_to_proto(product) for product in catalog.products}

    async def ListProducts(  # noqa: N802 - gRPC method name
        self, request: demo_pb2.Empty, context: grpc.aio.ServicerContext
    ) -> demo_pb2.ListProductsResponse:
        return demo_pb2.ListProductsResponse(products=list(self._messages.values()))

    async def GetProduct(  # noqa: N802
        self, request: demo_pb2.GetProductRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.Product:
        message = self._messages.get(request.id)
        if message is None:
            # The real service's exact status and message.
            await context.abort(grpc.StatusCode.NOT_FOUND, f"no product with ID {request.id}")
        return message

    async def SearchProducts(  # noqa: N802
        self, request: demo_pb2.SearchProductsRequest, context: grpc.aio.ServicerContext
    ) -> demo_pb2.SearchProductsResponse:
        found = self._catalog.search(request.query)
        logger.debug("search %r: %d results", request.query, len(found))
        return demo_pb2.SearchProductsResponse(
            results=[self._messages[product.id] for product in found]
        )
