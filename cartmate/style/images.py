"""Validate and normalise a shopper's uploaded photo before anything looks at its pixels.

The bytes decide the format (JPEG, PNG or WebP, sniffed from their magic numbers), never the
claimed MIME type: a phone may label a PNG screenshot `image/jpeg`, which is fine, but a GIF,
a PDF or random bytes are refused. Size is checked twice: the byte count before parsing, and
the pixel count from the header before decoding, so a small file that would inflate into
gigabytes (a decompression bomb) is refused without being decoded.

What comes out is small and uniform: upright (EXIF orientation applied), RGB (transparency
flattened onto white), and at most `target_side` pixels on its longest side.
"""

from __future__ import annotations

import io
import struct
import warnings
from typing import ClassVar

import numpy as np
from PIL import Image, ImageOps

from cartmate.errors import BadRequestError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PIXELS",
    "DEFAULT_TARGET_SIDE",
    "SUPPORTED_FORMATS",
    "ImageError",
    "load_image",
    "sniff_format",
]

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_TARGET_SIDE = 512

SUPPORTED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP")
"""Pillow's names for the formats we accept."""

_WHITE = (255, 255, 255)


class ImageError(BadRequestError):
    """An uploaded image we cannot use; `details["reason"]` says why in one stable word.

    Reasons: `empty`, `too_large`, `unsupported_format`, `too_many_pixels`, `corrupt`.
    """

    code: ClassVar[str] = "bad_image"


def sniff_format(data: bytes) -> str | None:
    """The Pillow format name our magic numbers say `data` is, or None if not one we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def load_image(
    data: bytes,
    mime_type: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    target_side: int = DEFAULT_TARGET_SIDE,
) -> Image.Image:
    """Check an uploaded photo and return it upright, RGB and at most `target_side` px long.

    Args:
        data: The file's bytes, exactly as uploaded.
        mime_type: What the client claimed. Informational only: the bytes decide the format,
            and a mismatch between the two is accepted.
        max_bytes: Largest accepted upload.
        max_pixels: Largest accepted width x height, checked from the header before decoding.
        target_side: The longest side of the returned image (smaller images are not enlarged).

    Returns:
        A fully loaded RGB `PIL.Image.Image`, detached from `data`.

    Raises:
        ImageError: The bytes are empty, too large, not a JPEG/PNG/WebP, too many pixels,
            or truncated/corrupt.
    """
    del mime_type  # deliberately unused: clients mislabel photos, the bytes are the truth
    if target_side < 1:
        raise ValueError("target_side must be at least 1")
    if not data:
        raise ImageError("The image is empty.", reason="empty")
    if len(data) > max_bytes:
        raise ImageError(
            f"The image is too large ({len(data) // 1024} KiB); the limit is "
            f"{max_bytes // 1024} KiB.",
            reason="too_large",
        )
    fmt = sniff_format(data)
    if fmt is None:
        raise ImageError("That file is not a JPEG, PNG or WebP image.", reason="unsupported_format")
    try:
        # Pillow only warns about a bomb it will still decode; we refuse it instead.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _decode(data, fmt, max_pixels, target_side)
    except ImageError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_many_pixels(max_pixels) from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError) as exc:
        # Truncated data, broken chunks, bad headers: Pillow reports them all these ways.
        raise ImageError(
            "The image is damaged or incomplete; please send it again.", reason="corrupt"
        ) from exc


def _decode(data: bytes, fmt: str, max_pixels: int, target_side: int) -> Image.Image:
    with Image.open(io.BytesIO(data), formats=[fmt]) as img:
        width, height = img.size  # from the header: nothing decoded yet
        if width < 1 or height < 1:
            raise ImageError("The image has no pixels.", reason="corrupt")
        if width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        if fmt == "JPEG":
            # Let libjpeg scale down while decoding (DCT scaling), keeping >= target_side.
            img.draft("RGB", (target_side, target_side))
        img.load()  # decode now, inside our error handling (truncation surfaces here)
        upright = _upright(img)
    rgb = _to_rgb(upright)
    rgb.thumbnail((target_side, target_side), Image.Resampling.LANCZOS)
    return rgb


def _upright(img: Image.Image) -> Image.Image:
    """Apply the EXIF orientation; a photo with broken EXIF is used as stored, not refused."""
    try:
        turned = ImageOps.exif_transpose(img)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error):
        return img.copy()
    return turned if turned is not None else img.copy()


def _to_rgb(img: Image.Image) -> Image.Image:
    """RGB, with any transparency composited onto white (a product photo's usual backdrop)."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        # Pillow clips high-bit-depth greys when converting; scale them into 8 bits instead.
        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if img.mode.startswith("I;16") or arr.max() > 255 else 255.0
        img = Image.fromarray(np.clip(arr / top * 255.0, 0, 255).astype(np.uint8), "L")
    has_alpha = img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        backdrop = Image.new("RGBA", rgba.size, (*_WHITE, 255))
        return Image.alpha_composite(backdrop, rgba).convert("RGB")
    return img.convert("RGB")


def _too_many_pixels(max_pixels: int) -> ImageError:
    return ImageError(
        f"The image has too many pixels; the limit is {max_pixels / 1e6:g} megapixels.",
        reason="too_many_pixels",
    )
