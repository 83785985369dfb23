"""What each catalog product looks like, derived once per catalog version and kept in Redis.

A product's traits come from its text (colour and material words of its name and
description, its categories) and, where its photo can be read, from the offline analyser
(the photo's palette, aesthetics, formality and occasions). Photos are optional: the
embedded catalog's pictures are URL paths (`/static/img/products/mug.jpg`), so they are read
from `CARTMATE_PRODUCT_IMAGE_DIR` (a folder holding `mug.jpg`, or `<product name>.jpg` with
the name lower-cased and hyphenated) or fetched from `CARTMATE_PRODUCT_IMAGE_BASE_URL` +
picture path; a product whose photo is missing or unreadable keeps its text traits.

A catalog version is a hash of the product list (and of where photos come from, so adding
photos derives again). The traits are stored at `<prefix>style:traits:<hash>` for
`CARTMATE_STYLE_TRAITS_TTL_S` and memoised in-process per catalog, so a search costs nothing
once a version has been seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import httpx
from pydantic import BaseModel, Field, ValidationError

from cartmate.boutique.models import Product
from cartmate.config import Settings
from cartmate.errors import CartMateError
from cartmate.style.affinity import product_traits
from cartmate.style.analysis import analyse_image
from cartmate.style.images import load_image
from cartmate.style.pixels import COLOURS

if TYPE_CHECKING:  # the services import the style store: no import cycle at run time
    from cartmate.agent_runtime.services import AgentServices

__all__ = [
    "CatalogTraits",
    "ProductTraits",
    "catalog_hash",
    "catalog_traits",
    "derive_traits",
    "read_photos",
    "text_traits",
]

log = logging.getLogger(__name__)

_VERSION = "1"  # bump when derivation changes: old cache entries are then never read
_MIN_PHOTO_SHARE = 0.12  # a palette colour this large is one the product "is"
_MAX_FETCHED = 500  # photos fetched over HTTP per catalog version (large catalogs: text only)
_FETCH_CONCURRENCY = 8
_MEMO_SIZE = 8


class ProductTraits(BaseModel):
    """What one product is and looks like."""

    words: list[str] = Field(default_factory=list)  # colour and material words in its text
    categories: list[str] = Field(default_factory=list)
    colours: list[str] = Field(default_factory=list)  # from its photo, largest first
    aesthetics: dict[str, float] = Field(default_factory=dict)  # from its photo
    formality: str | None = None
    occasions: list[str] = Field(default_factory=list)
    from_photo: bool = False

    def colour_names(self) -> list[str]:
        """Every colour the product shows: photo palette first, then colour words."""
        return list(dict.fromkeys([*self.colours, *(w for w in self.words if w in COLOURS)]))

    def leading_aesthetic(self, minimum: float = 0.45) -> str | None:
        """The photo's strongest aesthetic when it is clear enough, else None."""
        if not self.aesthetics:
            return None
        name, confidence = max(self.aesthetics.items(), key=lambda kv: (kv[1], kv[0]))
        return name if confidence >= minimum else None


class CatalogTraits(BaseModel):
    """Traits of every product of one catalog version."""

    catalog_hash: str
    products: dict[str, ProductTraits] = Field(default_factory=dict)

    def of(self, product: Product) -> ProductTraits:
        """A product's traits (text-only when the product is not in this version)."""
        return self.products.get(product.id) or text_traits(product)


def catalog_hash(products: Sequence[Product], source: str = "") -> str:
    """A short stable hash of the product list (order included) and the photo source."""
    digest = hashlib.sha256(f"{_VERSION}|{source}|".encode())
    for p in products:
        record = [p.id, p.name, p.description, p.picture, list(p.categories)]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:24]


def text_traits(product: Product) -> ProductTraits:
    """Traits from the product's words only."""
    words, categories = product_traits(product)
    return ProductTraits(words=sorted(words), categories=sorted(categories))


def _photo_traits(product: Product, data: bytes) -> ProductTraits:
    analysis = analyse_image(load_image(data, target_side=256))
    base = text_traits(product)
    return base.model_copy(
        update={
            "colours": [c.name for c in analysis.colours if c.share >= _MIN_PHOTO_SHARE],
            "aesthetics": {a.name: a.confidence for a in analysis.aesthetics},
            "formality": analysis.formality,
            "occasions": list(analysis.occasions),
            "from_photo": True,
        }
    )


def derive_traits(
    products: Sequence[Product], photos: Mapping[str, bytes], digest: str
) -> CatalogTraits:
    """Every product's traits (CPU work: run it in a thread).

    Args:
        products: The catalog.
        photos: Photo bytes by product id (any subset; unreadable ones are skipped).
        digest: The catalog version (`catalog_hash`).
    """
    traits: dict[str, ProductTraits] = {}
    for product in products:
        data = photos.get(product.id)
        if data:
            try:
                traits[product.id] = _photo_traits(product, data)
                continue
            except CartMateError:  # an unreadable photo: the text still says something
                log.warning("product photo unreadable", extra={"product_id": product.id})
        traits[product.id] = text_traits(product)
    return CatalogTraits(catalog_hash=digest, products=traits)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", "and")).strip("-")


def _photo_file(directory: Path, product: Product) -> Path | None:
    names = [Path(product.picture).name, f"{_slug(product.name)}.jpg"]
    for name in names:
        if name and (directory / name).is_file():
            return directory / name
    return None


def _photo_source(settings: Settings) -> str:
    if settings.product_image_dir is not None:
        return f"dir:{settings.product_image_dir}"
    return f"url:{settings.product_image_base_url}" if settings.product_image_base_url else ""


async def read_photos(settings: Settings, products: Sequence[Product]) -> dict[str, bytes]:
    """Product photos by id from the configured folder or URL base (missing ones left out)."""
    directory = settings.product_image_dir
    if directory is not None:

        def read() -> dict[str, bytes]:
            found = {p.id: _photo_file(directory, p) for p in products}
            return {pid: path.read_bytes() for pid, path in found.items() if path is not None}

        return await asyncio.to_thread(read)
    base = settings.product_image_base_url
    if not base:
        return {}
    gate = asyncio.Semaphore(_FETCH_CONCURRENCY)
    photos: dict[str, bytes] = {}
    async with httpx.AsyncClient(timeout=5.0, follow_redirects=True) as client:

        async def fetch(product: Product) -> None:
            # A photo that cannot be fetched leaves that product with its text traits.
            async with gate:
                with contextlib.suppress(httpx.HTTPError):
                    response = await client.get(urljoin(base, product.picture))
                    if response.status_code == 200:
                        photos[product.id] = response.content

        await asyncio.gather(*(fetch(p) for p in products[:_MAX_FETCHED] if p.picture))
    return photos


_memo: dict[str, tuple[tuple[Product, ...], CatalogTraits]] = {}


async def catalog_traits(services: AgentServices) -> CatalogTraits:
    """The current catalog's traits: memoised, else from Redis, else derived and stored.

    Never fails: without Redis the traits are derived and only memoised.
    """
    products = (await services.catalog_index()).products
    source = _photo_source(services.settings)
    memo_key = f"{services.redis.keys.prefix}|{source}"
    seen = _memo.get(memo_key)
    if seen is not None and seen[0] is products:
        return seen[1]
    digest = catalog_hash(products, source)
    if seen is not None and seen[1].catalog_hash == digest:
        _memo[memo_key] = (products, seen[1])
        return seen[1]
    key = services.redis.keys.key("style", "traits", digest)
    traits: CatalogTraits | None = None
    try:
        raw = await services.redis.client.get(key)
        if raw is not None:
            traits = CatalogTraits.model_validate_json(raw)
    except ValidationError:
        log.warning("cached catalog traits unreadable; deriving again")
    except Exception as exc:  # Redis down: derive without the cache
        log.warning("catalog traits cache unavailable: %s", exc)
    if traits is None:
        photos = await read_photos(services.settings, products)
        traits = await asyncio.to_thread(derive_traits, products, photos, digest)
        try:
            await services.redis.client.set(
                key, traits.model_dump_json(), ex=services.settings.style_traits_ttl_s
            )
        except Exception as exc:
            log.warning("catalog traits not cached: %s", exc)
    if len(_memo) >= _MEMO_SIZE and memo_key not in _memo:
        _memo.pop(next(iter(_memo)))
    _memo[memo_key] = (products, traits)
    return traits
