"""RecommendationService: up to 5 random catalog products, never the ones asked about."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest

from cartmate.boutique.pb import demo_pb2, demo_pb2_grpc
from cartmate.embedded_boutique import load_catalog, serve_boutique

CATALOG_IDS = load_catalog().ids()


async def _recommend(stub, *product_ids: str) -> list[str]:
    response = await stub.ListRecommendations(
        demo_pb2.ListRecommendationsRequest(user_id="u1", product_ids=product_ids)
    )
    return list(response.product_ids)


async def test_up_to_five_distinct_catalog_products(recommendation_stub) -> None:
    ids = await _recommend(recommendation_stub)
    assert len(ids) == 5
    assert len(set(ids)) == 5
    assert set(ids) <= set(CATALOG_IDS)


async def test_never_recommends_the_requested_products(recommendation_stub) -> None:
    asked = CATALOG_IDS[:2]
    for _ in range(20):
        ids = await _recommend(recommendation_stub, *asked)
        assert len(ids) == 5
        assert not set(ids) & set(asked)


async def test_fewer_than_five_left(recommendation_stub) -> None:
    ids = await _recommend(recommendation_stub, *CATALOG_IDS[:6])
    assert sorted(ids) == sorted(CATALOG_IDS[6:])
    assert await _recommend(recommendation_stub, *CATALOG_IDS) == []


async def test_unknown_requested_ids_are_ignored(recommendation_stub) -> None:
    ids = await _recommend(recommendation_stub, "NOT-A-PRODUCT")
    assert len(ids) == 5 and set(ids) <= set(CATALOG_IDS)


async def test_recommendations_are_random(recommendation_stub) -> None:
    seen = {tuple(await _recommend(recommendation_stub)) for _ in range(20)}
    assert len(seen) > 1  # 20 identical draws of 5 from 9: about (1/15120)^19


async def test_reads_a_catalog_service_by_address(tmp_path: Path) -> None:
    products = [
        {
            "id": pid,
            "name": f"Thing {pid}",
            "priceUsd": {"currencyCode": "USD", "units": 1},
        }
        for pid in ("R1", "R2", "R3")
    ]
    path = tmp_path / "products.json"
    path.write_text(json.dumps({"products": products}), encoding="utf-8")
    async with serve_boutique(
        None, catalog_port=0, catalog_file=path, services=("catalog",), grace_s=0
    ) as catalog:
        # The recommendation service alone, reading that remote catalog (not the bundled one).
        async with serve_boutique(
            None,
            recommendation_port=0,
            services=("recommendation",),
            catalog_addr=catalog.catalog,
            grace_s=0,
        ) as rec:
            assert rec.recommendation is not None and rec.catalog is None
            async with grpc.aio.insecure_channel(rec.recommendation) as channel:
                stub = demo_pb2_grpc.RecommendationServiceStub(channel)
                assert sorted(await _recommend(stub, "R2")) == ["R1", "R3"]


async def test_unreachable_catalog_is_unavailable() -> None:
    async with serve_boutique(None, catalog_port=0, services=("catalog",), grace_s=0) as gone:
        dead_address = gone.catalog  # nothing listens here once this block exits
    async with serve_boutique(
        None,
        recommendation_port=0,
        services=("recommendation",),
        catalog_addr=dead_address,
        grace_s=0,
    ) as rec:
        assert rec.recommendation is not None
        async with grpc.aio.insecure_channel(rec.recommendation) as channel:
            stub = demo_pb2_grpc.RecommendationServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await _recommend(stub)
            assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
