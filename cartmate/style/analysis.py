"""An offline style analyser: what a photo's pixels say about colour, texture and style.

Everything is measured with numpy (`cartmate.style.pixels`) on a small copy of the photo
(longest side 256 px):

1. **Backdrop.** When the border is one plain colour surrounding one to a few objects (a
   product shot), pixels of that colour connected to the border are the backdrop and are left
   out of every measure below; otherwise the whole frame is the subject.
2. **Palette.** k-means (k = 6, or fewer distinct colours; k-means++ seeded with 0, so
   deterministic) in CIELAB, computed here from sRGB -> linear RGB -> XYZ (D65) -> Lab. Each
   centre is named by the nearest of `COLOURS` in Lab (a dark greyish cluster with the hue of a
   larger, lighter one takes its name: that is shadow), clusters with the same name merge, and
   clusters under 3 % are dropped.
3. **Light.** brightness = mean L / 100; contrast = std of L / 50 (50 is the largest possible);
   saturation = mean chroma / 100, clipped to 1 (a vivid red is about 0.85).
4. **Texture.** Inside the subject away from its outline: `fine` is the share of pixels
   differing from their 3x3 mean by > 2 L units, `bold` the share whose Lab gradient exceeds
   20 per pixel, `coherence` how much the lightness gradients share one orientation
   (structure tensor, 0..1).
   bold >= 0.08, or bold >= 0.05 with coherence >= 0.8, is "patterned" ("striped" as well when
   coherence >= 0.8); otherwise fine >= 0.38 is "textured"; otherwise "solid".
5. **Silhouette** (only with a backdrop), from the subject's principal axes: "elongated" when
   its long extent is >= 2.2x its short one; "boxy" when it fills >= 85 % of its oriented box,
   "rounded" at 65-85 % and not elongated, "open" (frames, straps) under 45 %.

Colour groups: neutral = black, charcoal, grey, silver, white, ivory, beige, taupe; classic =
navy, camel, brown, burgundy, beige, tan, charcoal, ivory, white; earthy = brown, tan, camel,
khaki, olive, rust, mustard, taupe, beige; bright = red, orange, yellow, blue, green, pink,
purple, teal, coral; pastel = blush, pink, lavender, light blue, mint; preppy = navy, white,
red, green, light blue, burgundy, khaki. A saturated accent is a colour with chroma >= 35
holding <= 35 %; a warm hue is >= 30 % of colours with b* > 10 and a* > -5.

Aesthetic rules (each clipped to 0..1, top three kept; `s(X)` is the palette share in group X,
[condition] is 1 or 0):

============  ===========================================================================
minimalist    0.4 s(neutral) + 0.3 (1 - sat/0.35) + 0.3 (1 - fine/0.5);
              x0.8 with over 3 colours, x0.5 when patterned
classic       0.45 s(classic) + 0.3 [navy/camel/brown/burgundy/beige/tan >= 10 %]
              + 0.25 (1 - |contrast - 0.35| / 0.35)
edgy          0.45 s(black, charcoal) + 0.35 contrast + 0.2 [a saturated accent]
streetwear    0.35 contrast + 0.35 s(bright) + 0.3 [patterned] , x0.5 without black or white
bohemian      0.55 s(earthy) + 0.3 fine/0.5 + 0.15 [warm hue]
sporty        0.6 s(bright) + 0.4 (sat - 0.2) / 0.4
romantic      0.7 s(pastel) + 0.3 [brightness >= 0.6 and contrast <= 0.3]
preppy        0.5 (distinct preppy colours >= 8 % - 1) / 2 + 0.3 s(preppy) + 0.2 [striped]
============  ===========================================================================

Formality (first rule that matches): leading aesthetic sporty, streetwear or bohemian ->
casual; saturation >= 0.45 or patterned -> casual; solid, saturation < 0.25 and s(black,
charcoal, navy, burgundy) >= 0.5 -> formal; otherwise smart-casual.

Occasions: formal -> evening, work; smart-casual -> work, dinner; casual -> weekend,
everyday; then per aesthetic among the top three scoring >= 0.4: sporty -> active, bohemian ->
festival, romantic -> date night, preppy -> brunch, edgy -> night out.

The summary names the top three colours, the look and the aesthetics scoring >= 0.35.

Items and materials need recognition, not measurement: they stay empty offline.
"""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np
from PIL import Image
from pydantic import BaseModel, Field

from cartmate.style.pixels import (
    COLOURS,
    PaletteColour,
    nearest_colour,
    outline,
    palette,
    srgb_to_lab,
    subject_mask,
    texture,
    to_hex,
)

__all__ = [
    "AESTHETICS",
    "COLOURS",
    "COLOUR_FAMILIES",
    "AestheticScore",
    "ColourShare",
    "StyleAnalysis",
    "analyse_image",
]

Aesthetic = Literal[
    "minimalist", "classic", "streetwear", "bohemian", "sporty", "romantic", "edgy", "preppy"
]
AESTHETICS: tuple[str, ...] = get_args(Aesthetic)

_NEUTRAL = {"black", "charcoal", "grey", "silver", "white", "ivory", "beige", "taupe"}
_CLASSIC = {"navy", "camel", "brown", "burgundy", "beige", "tan", "charcoal", "ivory", "white"}
_CLASSIC_KEYS = {"navy", "camel", "brown", "burgundy", "beige", "tan"}
_EARTHY = {"brown", "tan", "camel", "khaki", "olive", "rust", "mustard", "taupe", "beige"}
_BRIGHT = {"red", "orange", "yellow", "blue", "green", "pink", "purple", "teal", "coral"}
_PASTEL = {"blush", "pink", "lavender", "light blue", "mint"}
_PREPPY = {"navy", "white", "red", "green", "light blue", "burgundy", "khaki"}
_DARK_FORMAL = {"black", "charcoal", "navy", "burgundy"}

#: Colour families a shopper names instead of colours ("I only wear earth tones").
COLOUR_FAMILIES: dict[str, frozenset[str]] = {
    "earthy": frozenset(_EARTHY), "neutral": frozenset(_NEUTRAL),
    "bright": frozenset(_BRIGHT), "pastel": frozenset(_PASTEL),
    "dark": frozenset(_DARK_FORMAL),
}  # fmt: skip

_SIDE = 256  # analysis resolution: enough for texture, small enough to be fast


class ColourShare(BaseModel):
    """One colour of the palette: its name, a representative hex and its share of the subject."""

    name: str
    hex: str = Field(pattern=r"^#[0-9a-f]{6}$")
    share: float = Field(ge=0.0, le=1.0)


class AestheticScore(BaseModel):
    """How strongly a photo reads as one aesthetic (0..1)."""

    name: Aesthetic
    confidence: float = Field(ge=0.0, le=1.0)


class StyleAnalysis(BaseModel):
    """What one photo says about style, offline (pixels) or from Gemini."""

    items: list[str] = Field(default_factory=list)
    colours: list[ColourShare] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    materials: list[str] = Field(default_factory=list)
    silhouettes: list[str] = Field(default_factory=list)
    formality: Literal["casual", "smart-casual", "formal"] | None = None
    occasions: list[str] = Field(default_factory=list)
    aesthetics: list[AestheticScore] = Field(default_factory=list)
    brightness: float = Field(0.0, ge=0.0, le=1.0)
    contrast: float = Field(0.0, ge=0.0, le=1.0)
    saturation: float = Field(0.0, ge=0.0, le=1.0)
    source: Literal["offline", "gemini"] = "offline"
    summary: str = ""
    background: str | None = None
    """The named colour of a plain backdrop left out of the palette, if one was found."""

    def colour_names(self) -> list[str]:
        """The palette's names, largest share first."""
        return [c.name for c in self.colours]


# ---------------------------------------------------------------------- rules


def _clip(v: float) -> float:
    return float(min(1.0, max(0.0, v)))


def _silhouettes(subject: np.ndarray) -> list[str]:
    elongation, fill = outline(subject)
    words = ["elongated"] if elongation >= 2.2 else []
    if fill >= 0.85:
        words.append("boxy")
    elif fill >= 0.65 and elongation < 1.5:
        words.append("rounded")
    elif fill < 0.45:
        words.append("open")
    return words


def _aesthetics(
    colours: list[PaletteColour],
    sat: float,
    contrast: float,
    brightness: float,
    fine: float,
    patterns: list[str],
) -> list[AestheticScore]:
    def s(group: set[str]) -> float:
        return sum(c.share for c in colours if c.name in group)

    present = {c.name for c in colours if c.share >= 0.08}
    accent = any(np.hypot(*c.lab[1:]) >= 35 and c.share <= 0.35 for c in colours)
    warm = sum(c.share for c in colours if c.lab[2] > 10 and c.lab[1] > -5) >= 0.3
    patterned = "patterned" in patterns
    scores = {
        "minimalist": (
            0.4 * s(_NEUTRAL) + 0.3 * _clip(1 - sat / 0.35) + 0.3 * _clip(1 - fine / 0.5)
        )
        * (0.8 if len(colours) > 3 else 1.0)
        * (0.5 if patterned else 1.0),
        "classic": 0.45 * s(_CLASSIC)
        + 0.3 * bool(_CLASSIC_KEYS & {c.name for c in colours if c.share >= 0.1})
        + 0.25 * _clip(1 - abs(contrast - 0.35) / 0.35),
        "edgy": 0.45 * s({"black", "charcoal"}) + 0.35 * contrast + 0.2 * accent,
        "streetwear": (0.35 * contrast + 0.35 * s(_BRIGHT) + 0.3 * patterned)
        * (1.0 if present & {"black", "white"} else 0.5),
        "bohemian": 0.55 * s(_EARTHY) + 0.3 * _clip(fine / 0.5) + 0.15 * warm,
        "sporty": 0.6 * s(_BRIGHT) + 0.4 * _clip((sat - 0.2) / 0.4),
        "romantic": 0.7 * s(_PASTEL) + 0.3 * (brightness >= 0.6 and contrast <= 0.3),
        "preppy": 0.5 * _clip((len(present & _PREPPY) - 1) / 2)
        + 0.3 * s(_PREPPY)
        + 0.2 * ("striped" in patterns),
    }
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return [AestheticScore(name=n, confidence=round(_clip(v), 3)) for n, v in ranked]  # type: ignore[arg-type]


def _formality(
    colours: list[PaletteColour],
    aesthetics: list[AestheticScore],
    sat: float,
    patterns: list[str],
) -> Literal["casual", "smart-casual", "formal"]:
    if aesthetics and aesthetics[0].name in ("sporty", "streetwear", "bohemian"):
        return "casual"
    if sat >= 0.45 or "patterned" in patterns:
        return "casual"
    dark = sum(c.share for c in colours if c.name in _DARK_FORMAL)
    if patterns == ["solid"] and sat < 0.25 and dark >= 0.5:
        return "formal"
    return "smart-casual"


_OCCASIONS = {"formal": ["evening", "work"], "smart-casual": ["work", "dinner"],
              "casual": ["weekend", "everyday"]}  # fmt: skip
_AESTHETIC_OCCASION = {"sporty": "active", "bohemian": "festival", "romantic": "date night",
                       "preppy": "brunch", "edgy": "night out"}  # fmt: skip
_LOOK = {"solid": "a clean, solid look", "textured": "a textured look",
         "patterned": "a bold, patterned look", "striped": "a striped look"}  # fmt: skip


def _summary(colours: list[str], patterns: list[str], aesthetics: list[AestheticScore]) -> str:
    names = colours[:3]
    tone = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    look = _LOOK["striped" if "striped" in patterns else patterns[0]]
    styles = [a.name for a in aesthetics if a.confidence >= 0.35][:2] or [aesthetics[0].name]
    return f"Mostly {tone} with {look}: {', '.join(styles)}."


def analyse_image(image: Image.Image) -> StyleAnalysis:
    """Measure a photo's palette, light and texture and apply the style rules above.

    Args:
        image: Any Pillow image (normally `load_image`'s output); it is not modified.

    Returns:
        A `StyleAnalysis` with `source="offline"`.
    """
    small = image.convert("RGB")
    small.thumbnail((_SIDE, _SIDE), Image.Resampling.LANCZOS)
    if min(small.size) < 16:  # gradients and erosion need some room: enlarge tiny images
        scale = 16 / min(small.size)
        size = (max(16, round(small.width * scale)), max(16, round(small.height * scale)))
        small = small.resize(size, Image.Resampling.NEAREST)
    lab = srgb_to_lab(np.asarray(small))
    subject, backdrop = subject_mask(lab)
    pixels = lab[subject]
    named = palette(pixels)
    lum = pixels[:, 0]
    brightness = _clip(lum.mean() / 100)
    contrast = _clip(lum.std() / 50)
    sat = _clip(np.hypot(pixels[:, 1], pixels[:, 2]).mean() / 100)
    tex = texture(lab, subject)
    if tex.bold >= 0.08 or (tex.bold >= 0.05 and tex.coherence >= 0.8):
        patterns = ["patterned", "striped"] if tex.coherence >= 0.8 else ["patterned"]
    else:
        patterns = ["textured"] if tex.fine >= 0.38 else ["solid"]
    aesthetics = _aesthetics(named, sat, contrast, brightness, tex.fine, patterns)
    formality = _formality(named, aesthetics, sat, patterns)
    occasions = list(_OCCASIONS[formality])
    for a in aesthetics:
        extra = _AESTHETIC_OCCASION.get(a.name)
        if a.confidence >= 0.4 and extra and extra not in occasions:
            occasions.append(extra)
    colours = [ColourShare(name=c.name, hex=to_hex(c.lab), share=round(c.share, 3)) for c in named]
    return StyleAnalysis(
        colours=colours,
        patterns=patterns,
        silhouettes=_silhouettes(subject) if backdrop is not None else [],
        formality=formality,
        occasions=occasions,
        aesthetics=aesthetics,
        brightness=round(brightness, 3),
        contrast=round(contrast, 3),
        saturation=round(sat, 3),
        summary=_summary([c.name for c in colours], patterns, aesthetics),
        background=nearest_colour(backdrop) if backdrop is not None else None,
    )
