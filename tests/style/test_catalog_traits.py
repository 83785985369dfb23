"""Product traits per catalog version: text, product photos, the Redis cache, and affinity."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cartmate.agent_runtime.services import AgentServices
from cartmate.style.affinity import product_affinity
from cartmate.style.catalog_traits import catalog_hash, catalog_traits, derive_traits, text_traits
from cartmate.style.profile import StyleProfile
from tests.agents.conftest import with_settings
from tests.style.test_bundles import demo_products

PHOTOS = Path("/work/shared/reference/online-boutique/img")


def with_photos(services: AgentServices) -> AgentServices:
    return with_settings(services, product_image_dir=PHOTOS)


def test_the_hash_follows_the_product_list() -> None:
    products = demo_products()
    assert catalog_hash(products) == catalog_hash(list(products))
    assert catalog_hash(products) != catalog_hash(products[1:])
    assert catalog_hash(products) != catalog_hash(products, "dir:/photos")


def test_text_traits_without_photos() -> None:
    traits = derive_traits(demo_products(), {"L9ECAV7KIM": b"not a photo"}, "h")
    loafers = traits.products["L9ECAV7KIM"]
    assert not loafers.from_photo and {"beige", "suede", "white"} <= set(loafers.words)
    assert loafers.colour_names() == ["beige", "white"]


async def test_traits_are_derived_once_and_cached_in_redis(services: AgentServices) -> None:
    first = await catalog_traits(services)
    key = services.redis.keys.key("style", "traits", first.catalog_hash)
    assert await services.redis.client.exists(key)
    assert await catalog_traits(services) is first  # memoised for this catalog
    assert first.of(demo_products()[0]) == text_traits(demo_products()[0])


@pytest.mark.skipif(not PHOTOS.exists(), reason="reference photos not present")
async def test_photos_add_colours_and_aesthetics_that_affinity_uses(
    services: AgentServices,
) -> None:
    traits = await catalog_traits(with_photos(services))
    assert all(t.from_photo for t in traits.products.values())
    tank = traits.products["66VCHSJNUP"]
    assert "black" in tank.colours and tank.aesthetics
    profile = StyleProfile(user_id="u")
    leading = max(tank.aesthetics, key=tank.aesthetics.__getitem__)
    profile.record_statement(likes=[leading, "black"], now=datetime.now(UTC))
    (product,) = [p for p in demo_products() if p.id == "66VCHSJNUP"]
    with_photo = product_affinity(profile, product, tank)
    assert leading in with_photo.reasons and with_photo.why
    assert "palette" in with_photo.why
    assert with_photo.score > product_affinity(profile, product).score
