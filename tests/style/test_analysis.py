"""The offline analyser on synthetic images and on Online Boutique's real product photos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cartmate.style.analysis import AESTHETICS, StyleAnalysis, analyse_image
from cartmate.style.images import load_image
from cartmate.style.pixels import COLOURS, kmeans, lab_to_srgb, nearest_colour, srgb_to_lab

PHOTOS = Path("/work/shared/reference/online-boutique/img")

DARK = {"black", "charcoal", "grey", "navy"}
EARTH = {"beige", "tan", "camel", "brown", "taupe", "khaki", "gold"}
YELLOWISH = {"yellow", "mustard", "gold", "camel", "orange"}
METAL_GREY = {"grey", "silver", "charcoal", "white"}


def stripes(width: int, first: tuple[int, ...], second: tuple[int, ...], *, horizontal=False):
    """A 512 px square of alternating stripes."""
    band = (np.arange(512) // width) % 2 == 1
    mask = np.broadcast_to(band[:, None] if horizontal else band[None, :], (512, 512))
    return Image.fromarray(np.where(mask[..., None], second, first).astype(np.uint8))


def on_white(colour: tuple[int, int, int], box=(150, 100, 350, 400)) -> Image.Image:
    img = Image.new("RGB", (512, 512), (245, 245, 245))
    img.paste(colour, box)
    return img


def share_of(analysis: StyleAnalysis, names: set[str]) -> float:
    return sum(c.share for c in analysis.colours if c.name in names)


def aesthetic_names(analysis: StyleAnalysis) -> list[str]:
    return [a.name for a in analysis.aesthetics]


def assert_well_formed(a: StyleAnalysis) -> None:
    assert a.source == "offline"
    assert 1 <= len(a.colours) <= 6
    assert sum(c.share for c in a.colours) == pytest.approx(1.0, abs=0.01)
    assert [c.share for c in a.colours] == sorted((c.share for c in a.colours), reverse=True)
    assert len({c.name for c in a.colours}) == len(a.colours)  # same names merged
    assert all(c.name in COLOURS for c in a.colours)
    assert len(a.aesthetics) == 3
    assert all(0 <= s.confidence <= 1 and s.name in AESTHETICS for s in a.aesthetics)
    confidences = [s.confidence for s in a.aesthetics]
    assert confidences == sorted(confidences, reverse=True)
    assert a.formality in ("casual", "smart-casual", "formal")
    assert a.occasions
    assert a.patterns and a.patterns[0] in ("solid", "textured", "patterned")
    assert a.summary.startswith("Mostly ") and a.summary.endswith(".")
    assert a.items == [] and a.materials == []


# ---------------------------------------------------------------------- colour science


def test_lab_conversion_matches_reference_values() -> None:
    lab = srgb_to_lab(np.array([[255, 255, 255], [0, 0, 0], [255, 0, 0], [0, 0, 255]]))
    assert lab[0] == pytest.approx([100, 0, 0], abs=0.05)
    assert lab[1] == pytest.approx([0, 0, 0], abs=0.05)
    assert lab[2] == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    assert lab[3] == pytest.approx([32.30, 79.19, -107.86], abs=0.05)
    rgb = np.random.default_rng(3).integers(0, 256, (200, 3))
    assert lab_to_srgb(srgb_to_lab(rgb)) == pytest.approx(rgb, abs=0.01)


def test_every_named_colour_names_itself() -> None:
    for name, hexcode in COLOURS.items():
        rgb = np.array(list(bytes.fromhex(hexcode[1:])))
        assert nearest_colour(srgb_to_lab(rgb)) == name


def test_kmeans_is_deterministic_and_finds_separated_groups() -> None:
    rng = np.random.default_rng(0)
    points = np.concatenate([rng.normal(c, 1.0, (300, 3)) for c in (0, 20, 40)])
    c1, l1 = kmeans(points, 3)
    c2, l2 = kmeans(points, 3)
    assert np.array_equal(c1, c2) and np.array_equal(l1, l2)
    assert sorted(np.round(c1[:, 0] / 20).astype(int)) == [0, 1, 2]


# ---------------------------------------------------------------------- synthetic images


def test_a_solid_red_square_is_red_solid_and_smooth() -> None:
    a = analyse_image(Image.new("RGB", (300, 300), (200, 20, 30)))
    assert_well_formed(a)
    assert [c.name for c in a.colours] == ["red"]
    assert a.colours[0].share == 1.0
    assert a.patterns == ["solid"]
    assert a.contrast < 0.02
    assert a.saturation > 0.6
    assert a.aesthetics[0].name == "sporty"
    assert a.formality == "casual"


def test_black_and_white_stripes_are_patterned_striped_and_high_contrast() -> None:
    for width, horizontal in [(8, False), (24, True), (64, False)]:
        a = analyse_image(stripes(width, (0, 0, 0), (255, 255, 255), horizontal=horizontal))
        assert_well_formed(a)
        assert {c.name for c in a.colours} == {"black", "white"}
        assert all(c.share == pytest.approx(0.5, abs=0.06) for c in a.colours)
        assert a.patterns == ["patterned", "striped"]
        assert a.contrast > 0.9
        assert a.background is None  # a busy border is not a backdrop
        assert {"edgy", "streetwear"} & set(aesthetic_names(a))


def test_an_object_on_a_plain_backdrop_is_measured_without_the_backdrop() -> None:
    a = analyse_image(on_white((200, 20, 30)))
    assert a.background == "white"
    assert [c.name for c in a.colours] == ["red"]
    assert a.silhouettes == ["boxy"]
    disc = np.full((512, 512, 3), 245, dtype=np.uint8)
    yy, xx = np.mgrid[:512, :512]
    disc[(yy - 256) ** 2 + (xx - 256) ** 2 < 150**2] = (120, 80, 40)
    b = analyse_image(Image.fromarray(disc))
    assert [c.name for c in b.colours] == ["brown"]
    assert b.silhouettes == ["rounded"]


def test_a_polka_dot_print_is_not_mistaken_for_objects_on_a_backdrop() -> None:
    dots = np.full((512, 512, 3), (31, 42, 68), dtype=np.uint8)
    yy, xx = np.mgrid[:512, :512]
    dots[(yy % 40 - 20) ** 2 + (xx % 40 - 20) ** 2 < 64] = 255
    a = analyse_image(Image.fromarray(dots))
    assert a.background is None
    assert [c.name for c in a.colours] == ["navy", "white"]
    assert "patterned" in a.patterns


def test_rules_for_preppy_romantic_and_formal() -> None:
    red_navy_white = np.array([[200, 16, 46], [31, 42, 68], [250, 250, 250]], dtype=np.uint8)
    rows = red_navy_white[np.arange(512) // 24 % 3]  # horizontal stripes, one row each
    preppy = analyse_image(Image.fromarray(np.repeat(rows[:, None, :], 512, axis=1)))
    assert preppy.aesthetics[0].name == "preppy"
    assert "brunch" in preppy.occasions
    blush = analyse_image(Image.new("RGB", (200, 200), (239, 195, 192)))
    assert blush.aesthetics[0].name == "romantic"
    assert "date night" in blush.occasions
    navy = analyse_image(Image.new("RGB", (200, 200), (31, 42, 68)))
    assert navy.formality == "formal"
    assert navy.aesthetics[0].name == "classic"


def test_fine_texture_without_bold_edges_is_textured() -> None:
    rng = np.random.default_rng(1)
    grey = np.clip(120 + rng.normal(0, 25, (512, 512, 1)), 0, 255).repeat(3, 2)
    a = analyse_image(Image.fromarray(grey.astype(np.uint8)))
    assert a.patterns == ["textured"]
    assert [c.name for c in a.colours] == ["grey"]


def test_odd_inputs_are_handled() -> None:
    tiny = analyse_image(Image.new("RGB", (1, 1), (10, 200, 10)))
    assert [c.name for c in tiny.colours] == ["green"]
    grey = analyse_image(Image.new("L", (40, 40), 128))
    assert [c.name for c in grey.colours] == ["grey"]
    clear = analyse_image(Image.new("RGBA", (40, 40), (255, 255, 255, 0)))
    assert_well_formed(clear)


def test_analysis_is_deterministic_and_serialisable() -> None:
    img = stripes(16, (31, 42, 68), (250, 250, 250), horizontal=True)
    a, b = analyse_image(img), analyse_image(img)
    assert a == b
    assert StyleAnalysis.model_validate_json(a.model_dump_json()) == a


# ---------------------------------------------------------------------- product photos


@pytest.fixture(scope="module")
def photos() -> dict[str, StyleAnalysis]:
    if not PHOTOS.is_dir():
        pytest.skip(f"{PHOTOS} is not available")
    return {
        path.stem: analyse_image(load_image(path.read_bytes(), "image/jpeg"))
        for path in sorted(PHOTOS.glob("*.jpg"))
    }


def test_every_photo_gives_a_well_formed_analysis(photos: dict[str, StyleAnalysis]) -> None:
    assert len(photos) >= 9
    for name, a in photos.items():
        assert_well_formed(a)
        assert a.background == "white", name  # all shot on a pale backdrop


def test_dark_products_read_as_dark(photos: dict[str, StyleAnalysis]) -> None:
    # Black sunglasses, a black knit tank top, a black hair dryer.
    for name in ("sunglasses", "tank-top", "hairdryer"):
        a = photos[name]
        assert a.colours[0].name in DARK, name
        assert share_of(a, DARK) >= 0.6, name
        assert a.saturation < 0.1, name
    assert share_of(photos["tank-top"], {"black", "charcoal"}) >= 0.9
    assert photos["tank-top"].brightness == min(p.brightness for p in photos.values())


def test_beige_and_wooden_products_read_as_earth_tones(photos: dict[str, StyleAnalysis]) -> None:
    # Sand suede loafers, a gold mesh watch, a bamboo lid: no dark colour leads.
    for name in ("loafers", "watch", "bamboo-glass-jar"):
        a = photos[name]
        assert a.colours[0].name in EARTH, name
        assert share_of(a, EARTH) >= 0.7, name
        assert share_of(a, DARK) < 0.2, name
    assert photos["bamboo-glass-jar"].colours[0].name in {"camel", "tan", "brown"}
    assert "bohemian" in aesthetic_names(photos["loafers"])


def test_the_black_mug_with_a_yellow_inside_has_both(photos: dict[str, StyleAnalysis]) -> None:
    mug = photos["mug"]
    assert mug.colours[0].name == "black"
    assert share_of(mug, YELLOWISH) >= 0.2
    assert mug.contrast > 0.5


def test_metal_products_read_as_grey_and_silver(photos: dict[str, StyleAnalysis]) -> None:
    for name in ("candle-holder", "salt-and-pepper-shakers"):
        a = photos[name]
        assert a.colours[0].name in METAL_GREY, name
        assert share_of(a, METAL_GREY) >= 0.9, name
        assert a.saturation < 0.06, name
        assert a.aesthetics[0].name == "minimalist", name


def test_texture_matches_what_a_person_sees(photos: dict[str, StyleAnalysis]) -> None:
    for name in ("tank-top", "loafers", "candle-holder"):  # knit, perforated suede, hammered
        assert photos[name].patterns == ["textured"], name
    for name in ("mug", "sunglasses", "hairdryer"):  # glossy and smooth
        assert photos[name].patterns == ["solid"], name


def test_different_photos_give_different_results(photos: dict[str, StyleAnalysis]) -> None:
    palettes = {tuple(a.colour_names()) for a in photos.values()}
    summaries = {a.summary for a in photos.values()}
    assert len(palettes) == len(photos)
    assert len(summaries) == len(photos)
    assert photos["tank-top"].colours[0].name != photos["loafers"].colours[0].name
    assert photos["watch"].aesthetics[0].name != photos["sunglasses"].aesthetics[0].name
