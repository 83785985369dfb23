"""Uploaded images: only real JPEG/PNG/WebP, bounded in bytes and pixels, upright, RGB, small."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from cartmate.errors import BadRequestError, to_payload
from cartmate.style.images import ImageError, load_image, sniff_format


def encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **params)
    return buf.getvalue()


def noise(size: tuple[int, int], seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header claiming a size, followed by a few bytes of pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def reason(exc: pytest.ExceptionInfo[ImageError]) -> str:
    return exc.value.details["reason"]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepts_the_three_formats(fmt: str) -> None:
    img = load_image(encode(Image.new("RGB", (64, 48), (200, 30, 30)), fmt))
    assert img.mode == "RGB"
    assert img.size == (64, 48)
    r, g, b = img.getpixel((32, 24))
    assert r > 150 and g < 80 and b < 80


def test_the_bytes_decide_the_format_not_the_claimed_mime_type() -> None:
    png = encode(Image.new("RGB", (10, 10), "blue"), "PNG")
    assert sniff_format(png) == "PNG"
    assert load_image(png, "image/jpeg").size == (10, 10)


@pytest.mark.parametrize(
    "data",
    [
        encode(Image.new("RGB", (10, 10)), "GIF"),
        encode(Image.new("RGB", (10, 10)), "BMP"),
        encode(Image.new("RGB", (10, 10)), "TIFF"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"hello, this is not an image",
        b"RIFF\x00\x00\x00\x00WAVEfmt ",
    ],
    ids=["gif", "bmp", "tiff", "pdf", "text", "wav"],
)
def test_refuses_other_formats_even_when_labelled_as_images(data: bytes) -> None:
    with pytest.raises(ImageError) as exc:
        load_image(data, "image/png")
    assert reason(exc) == "unsupported_format"


def test_refuses_empty_and_too_large_uploads() -> None:
    with pytest.raises(ImageError) as exc:
        load_image(b"")
    assert reason(exc) == "empty"
    data = encode(noise((200, 200)), "PNG")
    with pytest.raises(ImageError) as exc:
        load_image(data, max_bytes=len(data) - 1)
    assert reason(exc) == "too_large"
    assert load_image(data, max_bytes=len(data)).size == (200, 200)


def test_pixel_count_is_checked_from_the_header_before_decoding() -> None:
    # 64 Mpx claimed, 64 bytes of data: had it been decoded first, this would be "corrupt".
    # (64 Mpx is under Pillow's own bomb limit: this is our check, not Pillow's.)
    assert 8_000 * 8_000 < Image.MAX_IMAGE_PIXELS
    with pytest.raises(ImageError) as exc:
        load_image(png_claiming(8_000, 8_000))
    assert reason(exc) == "too_many_pixels"
    with pytest.raises(ImageError) as exc:  # the same lie, small enough to be decoded
        load_image(png_claiming(500, 500))
    assert reason(exc) == "corrupt"
    with pytest.raises(ImageError) as exc:
        load_image(png_claiming(500, 500), max_pixels=249_999)
    assert reason(exc) == "too_many_pixels"
    with pytest.raises(ImageError) as exc:  # far beyond Pillow's limit too
        load_image(png_claiming(60_000, 60_000))
    assert reason(exc) == "too_many_pixels"
    with pytest.raises(ImageError) as exc:
        load_image(encode(Image.new("RGB", (100, 100)), "PNG"), max_pixels=9_999)
    assert reason(exc) == "too_many_pixels"


@pytest.mark.parametrize("side", [40, 100], ids=["bomb-warning", "bomb-error"])
def test_pillows_decompression_bomb_checks_become_our_error(
    side: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 40x40 is over Pillow's (patched) limit, so a warning; 100x100 is over twice it: an error.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    with pytest.raises(ImageError) as exc:
        load_image(encode(Image.new("RGB", (side, side)), "PNG"))
    assert reason(exc) == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_refuses_truncated_files(fmt: str) -> None:
    data = encode(noise((256, 256)), fmt)
    with pytest.raises(ImageError) as exc:
        load_image(data[: len(data) // 2])
    assert reason(exc) == "corrupt"


def test_refuses_a_damaged_header() -> None:
    with pytest.raises(ImageError) as exc:
        load_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert reason(exc) == "corrupt"


def test_applies_exif_orientation() -> None:
    img = Image.new("RGB", (80, 40), (255, 0, 0))
    img.paste((0, 0, 255), (40, 0, 80, 40))  # left red, right blue
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    upright = load_image(encode(img, "JPEG", exif=exif, quality=95))
    assert upright.size == (40, 80)
    top, bottom = upright.getpixel((20, 5)), upright.getpixel((20, 75))
    assert top[0] > 200 and top[2] < 60  # the left edge is now at the top
    assert bottom[2] > 200 and bottom[0] < 60


def test_flattens_transparency_onto_white() -> None:
    rgba = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    rgba.paste((200, 0, 0, 255), (0, 0, 10, 20))
    img = load_image(encode(rgba, "PNG"))
    assert img.mode == "RGB"
    assert img.getpixel((15, 10)) == (255, 255, 255)
    assert img.getpixel((5, 10)) == (200, 0, 0)
    half = load_image(encode(Image.new("LA", (4, 4), (0, 128)), "PNG"))
    assert 120 <= half.getpixel((1, 1))[0] <= 135  # black at 50 % over white is mid grey
    palette = Image.new("P", (4, 4), 0)
    palette.putpalette([10, 20, 30] * 256)
    assert load_image(encode(palette, "PNG", transparency=0)).getpixel((0, 0)) == (255,) * 3
    webp = load_image(encode(rgba, "WEBP", lossless=True))
    assert webp.getpixel((15, 10)) == (255, 255, 255)


def test_converts_other_modes_to_rgb() -> None:
    grey16 = Image.fromarray(np.full((8, 8), 32768, dtype=np.uint16))
    img = load_image(encode(grey16, "PNG"))
    assert img.mode == "RGB"
    assert 120 <= img.getpixel((0, 0))[0] <= 135  # mid grey, not clipped to white
    cmyk = load_image(encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG"))
    r, g, b = cmyk.getpixel((4, 4))
    assert cmyk.mode == "RGB" and r > 200 and g < 60 and b < 60


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_downsizes_to_the_target_side_keeping_the_aspect_ratio(fmt: str) -> None:
    assert load_image(encode(noise((2000, 1000)), fmt)).size == (512, 256)
    assert load_image(encode(noise((300, 900)), fmt), target_side=300).size == (100, 300)
    assert load_image(encode(noise((100, 50)), fmt)).size == (100, 50)  # never enlarged


def test_image_error_is_a_bad_request_with_its_own_code() -> None:
    with pytest.raises(BadRequestError) as exc:
        load_image(b"GIF89a")
    payload = to_payload(exc.value)
    assert payload["code"] == "bad_image"
    assert payload["retryable"] is False
    assert "JPEG, PNG or WebP" in payload["message"]
