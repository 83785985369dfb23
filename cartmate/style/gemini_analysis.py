"""Photo analysis by Gemini, with the offline analyser as the fallback.

When the style profiler runs on Gemini (`settings.model_name_for("style_profiler")` names a
`gemini-*` model, or `CARTMATE_STYLE_GEMINI_MODEL` is set), a photo is sent to Gemini in one
multimodal `generate_content` call with a JSON `response_schema`, and the answer becomes the
same `StyleAnalysis` the offline analyser produces (`source="gemini"`). Gemini recognises what
pixels cannot measure: items, materials, silhouettes and occasions.

Retries on 408/429/5xx are google-genai's own (`HttpRetryOptions`, the same settings as the
agents' model). Anything that still fails (quota exhausted after retries, a timeout, no
credentials, an answer that does not fit the schema) falls back to the offline analyser with a
logged warning: a shopper's photo is always analysed.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from typing import Literal

from google import genai
from google.genai import types
from PIL import Image
from pydantic import BaseModel, Field

from cartmate.config import Settings
from cartmate.models.selection import client_kwargs_for
from cartmate.style.analysis import AESTHETICS, AestheticScore, ColourShare, StyleAnalysis
from cartmate.style.analysis import analyse_image as analyse_offline
from cartmate.style.pixels import COLOURS
from cartmate.style.profile import normalise_word

__all__ = ["GeminiStyle", "analyse_photo", "analyse_with_gemini", "gemini_style_model"]

log = logging.getLogger(__name__)

_RETRYABLE_STATUS = [408, 429, 500, 502, 503, 504]
_HEX = re.compile(r"^#[0-9a-f]{6}$")

PROMPT = (
    "You are a fashion stylist. Describe the style of this photo as JSON matching the schema. "
    "items: garments, shoes and accessories you can see (lower case, singular, e.g. 'blazer'). "
    "colours: the main colours of the clothing and objects (not the background), largest "
    f"first, each with a name from this list where possible: {', '.join(COLOURS)}; a hex "
    "'#rrggbb' and its share of the subject (shares sum to about 1). patterns: solid, "
    "textured, patterned or striped. materials: e.g. leather, denim, wool. silhouettes: e.g. "
    "fitted, oversized, boxy, elongated. formality: casual, smart-casual or formal. occasions: "
    "e.g. work, weekend, evening. aesthetics: up to three of "
    f"{', '.join(AESTHETICS)} with a confidence 0..1. brightness, contrast and saturation of "
    "the photo, each 0..1. summary: one friendly sentence."
)


class _Colour(BaseModel):
    name: str
    hex: str
    share: float


class _Aesthetic(BaseModel):
    name: str
    confidence: float


class GeminiStyle(BaseModel):
    """The response schema Gemini fills in (kept simple: enums and bounds are checked after)."""

    items: list[str] = Field(default_factory=list)
    colours: list[_Colour] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    materials: list[str] = Field(default_factory=list)
    silhouettes: list[str] = Field(default_factory=list)
    formality: Literal["casual", "smart-casual", "formal"] | None = None
    occasions: list[str] = Field(default_factory=list)
    aesthetics: list[_Aesthetic] = Field(default_factory=list)
    brightness: float = 0.0
    contrast: float = 0.0
    saturation: float = 0.0
    summary: str = ""


def gemini_style_model(settings: Settings) -> str | None:
    """The Gemini model photos go to, or None when the style profiler is not on Gemini."""
    if settings.style_gemini_model:
        return settings.style_gemini_model
    name = settings.model_name_for("style_profiler")
    return name if name.startswith("gemini") else None


def _client(settings: Settings) -> genai.Client:
    return genai.Client(
        **client_kwargs_for(settings),
        http_options=types.HttpOptions(
            base_url=settings.gemini_base_url,
            timeout=int(settings.style_gemini_timeout_s * 1000),  # milliseconds
            retry_options=types.HttpRetryOptions(
                attempts=settings.model_retries + 1,
                initial_delay=settings.model_retry_initial_delay_s,
                max_delay=20.0,
                exp_base=2.0,
                jitter=1.0,
                http_status_codes=_RETRYABLE_STATUS,
            ),
        ),
    )


def _jpeg(image: Image.Image) -> bytes:
    # Re-encode the normalised image: small, upright, no EXIF (no location leaves the server).
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def _clip(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


def _words(values: list[str]) -> list[str]:
    """Normalised, non-empty words."""
    return [normalise_word(v) for v in values if v.strip()]


def _to_analysis(answer: GeminiStyle) -> StyleAnalysis:
    """Gemini's answer in our vocabulary; raises ValidationError/ValueError when unusable."""
    total = sum(max(0.0, c.share) for c in answer.colours) or 1.0
    merged: dict[str, ColourShare] = {}
    for c in answer.colours:
        name = normalise_word(c.name)
        share = max(0.0, c.share) / total  # Gemini's shares rarely sum to exactly 1
        if name in merged:
            share += merged[name].share
        hex_ = merged[name].hex if name in merged else c.hex.strip().lower()
        if not _HEX.match(hex_):
            hex_ = COLOURS.get(name, hex_)  # a known name still gets its colour
        merged[name] = ColourShare(name=name, hex=hex_, share=_clip(share))
    aesthetics = sorted(
        (
            AestheticScore(name=normalise_word(a.name), confidence=_clip(a.confidence))  # type: ignore[arg-type]
            for a in answer.aesthetics
            if normalise_word(a.name) in AESTHETICS  # an aesthetic we do not know is dropped
        ),
        key=lambda a: -a.confidence,
    )[:3]
    if not merged and not answer.items:
        raise ValueError("Gemini described neither colours nor items")
    return StyleAnalysis(
        items=_words(answer.items),
        colours=sorted(merged.values(), key=lambda c: -c.share),
        patterns=_words(answer.patterns) or ["solid"],
        materials=_words(answer.materials),
        silhouettes=_words(answer.silhouettes),
        formality=answer.formality,
        occasions=_words(answer.occasions),
        aesthetics=aesthetics,
        brightness=_clip(answer.brightness),
        contrast=_clip(answer.contrast),
        saturation=_clip(answer.saturation),
        source="gemini",
        summary=answer.summary.strip()[:500],
    )


async def analyse_with_gemini(image: Image.Image, settings: Settings, model: str) -> StyleAnalysis:
    """One `generate_content` call; raises on any failure (callers fall back).

    Args:
        image: The normalised photo (`load_image`'s output).
        settings: Credentials, base URL, retries and timeout.
        model: The Gemini model name.

    Raises:
        google.genai.errors.APIError: Gemini refused or failed after its retries.
        pydantic.ValidationError, ValueError: The answer does not fit the schema.
    """
    data = await asyncio.to_thread(_jpeg, image)
    client = _client(settings)
    try:
        response = await client.aio.models.generate_content(
            model=model,
            contents=[types.Part.from_bytes(data=data, mime_type="image/jpeg"), PROMPT],
            config=types.GenerateContentConfig(
                response_mime_type="application/json",
                response_schema=GeminiStyle,
                temperature=0.0,
            ),
        )
    finally:
        await client.aio.aclose()
    if not response.text:
        raise ValueError("Gemini returned no text")
    return _to_analysis(GeminiStyle.model_validate_json(response.text))


async def analyse_photo(image: Image.Image, settings: Settings) -> StyleAnalysis:
    """Gemini when configured, otherwise (or when Gemini fails) the offline analyser.

    Args:
        image: The normalised photo (`load_image`'s output).
        settings: Decides whether Gemini is used, and how to reach it.
    """
    model = gemini_style_model(settings)
    if model is not None:
        try:
            return await analyse_with_gemini(image, settings, model)
        except ValueError as exc:  # pydantic's ValidationError included
            log.warning("Gemini's style analysis was unusable; analysing offline: %s", exc)
        except Exception as exc:  # quota, network, credentials: a photo is still analysed
            log.warning(
                "Gemini style analysis failed; analysing offline: %s: %s", type(exc).__name__, exc
            )
    # Clustering is CPU work: keep it off the event loop.
    return await asyncio.to_thread(analyse_offline, image)
