"""RecommendationService client."""

from __future__ import annotations

from collections.abc import Iterable

from cartmate.boutique._rpc import ServiceCaller
from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc

__all__ = ["RecommendationClient"]


class RecommendationClient:
    """Product ids Online Boutique recommends next to some products (up to 5, random)."""

    def __init__(
        self, stub: demo_pb2_grpc.RecommendationServiceStub, caller: ServiceCaller
    ) -> None:
        self._stub = stub
        self._caller = caller

    async def list_recommendations(self, user_id: str, product_ids: Iterable[str]) -> list[str]:
        request = demo_pb2.ListRecommendationsRequest(
            user_id=user_id, product_ids=list(product_ids)
        )
        response = await self._caller.call(
            "ListRecommendations", self._stub.ListRecommendations, request, idempotent=True
        )
        return list(response.product_ids)
