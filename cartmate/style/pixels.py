"""The numpy measurements behind the style analyser: colour space, palette, backdrop, texture.

Everything here is plain arithmetic on arrays, deterministic, and free of style opinions;
`cartmate.style.analysis` turns these numbers into words by documented rules.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = [
    "COLOURS",
    "PaletteColour",
    "Texture",
    "kmeans",
    "lab_to_srgb",
    "nearest_colour",
    "outline",
    "palette",
    "srgb_to_lab",
    "subject_mask",
    "texture",
    "to_hex",
]

COLOURS: dict[str, str] = {
    "black": "#0d0d0d", "charcoal": "#3b3b3d", "grey": "#808080", "silver": "#c0c0c4",
    "white": "#fafafa", "ivory": "#f6f1e0", "beige": "#d6c6a5", "tan": "#c8a27a",
    "camel": "#b8865b", "brown": "#6b4226", "taupe": "#8b7d70", "navy": "#1f2a44",
    "blue": "#2f5fc4", "light blue": "#a7c7e7", "teal": "#00807f", "green": "#2e8b57",
    "mint": "#aee5cc", "olive": "#6b7033", "khaki": "#b5a47a", "yellow": "#f2d81e",
    "mustard": "#d4a017", "gold": "#c9a94a", "orange": "#ef7d22", "rust": "#a9481c",
    "coral": "#f47c6a", "red": "#c8102e", "burgundy": "#7a1a30", "pink": "#e887b0",
    "blush": "#efc3c0", "purple": "#6a2c91", "lavender": "#c3b1e1",
}  # fmt: skip
"""Fashion colour names and a representative sRGB hex for each."""

# sRGB (D65) -> XYZ, and the D65 white point.
_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375],
     [0.2126729, 0.7151522, 0.0721750],
     [0.0193339, 0.1191920, 0.9503041]]
)  # fmt: skip
_WHITE_XYZ = np.array([0.95047, 1.0, 1.08883])
_EPS, _KAPPA = 216 / 24389, 24389 / 27
_MAX_K = 6
_MIN_SHARE = 0.03
_MAX_PIXELS = 20_000


class PaletteColour(NamedTuple):
    """One named colour of a palette: its name, mean Lab colour and share (0..1)."""

    name: str
    lab: np.ndarray
    share: float


class Texture(NamedTuple):
    """Texture measures inside the subject, each 0..1 (see `texture`)."""

    fine: float
    bold: float
    coherence: float


# ---------------------------------------------------------------------- colour space


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0..255, shape (..., 3)) to CIELAB (D65): L in 0..100, a and b roughly -128..127."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _RGB_TO_XYZ.T / _WHITE_XYZ
    f = np.where(xyz > _EPS, np.cbrt(xyz), (_KAPPA * xyz + 16) / 116)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def lab_to_srgb(lab: np.ndarray) -> np.ndarray:
    """CIELAB (D65) back to sRGB 0..255 (floats, clipped to the gamut)."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    xyz = np.where(f**3 > _EPS, f**3, (116 * f - 16) / _KAPPA) * _WHITE_XYZ
    linear = np.clip(xyz @ np.linalg.inv(_RGB_TO_XYZ).T, 0.0, 1.0)
    c = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return np.clip(c * 255.0, 0.0, 255.0)


def to_hex(lab: np.ndarray) -> str:
    """A Lab colour as `#rrggbb`."""
    return "#" + "".join(f"{round(float(v)):02x}" for v in lab_to_srgb(lab))


_NAMES = list(COLOURS)
_NAMED_LAB = srgb_to_lab(np.array([list(bytes.fromhex(h[1:])) for h in COLOURS.values()]))


def nearest_colour(lab: np.ndarray) -> str:
    """The name in `COLOURS` nearest to one Lab colour (Euclidean distance, CIE76)."""
    return _NAMES[int(np.argmin(np.linalg.norm(_NAMED_LAB - lab, axis=1)))]


# ---------------------------------------------------------------------- masks


def _box3(a: np.ndarray) -> np.ndarray:
    p = np.pad(a, 1, mode="edge")
    h, w = a.shape
    return sum(p[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3)) / 9.0


def _grow(mask: np.ndarray, within: np.ndarray) -> np.ndarray:
    """One step of 4-connected dilation of `mask`, kept inside `within`."""
    g = mask.copy()
    g[1:] |= mask[:-1]
    g[:-1] |= mask[1:]
    g[:, 1:] |= mask[:, :-1]
    g[:, :-1] |= mask[:, 1:]
    return g & within


def _erode(mask: np.ndarray, steps: int) -> np.ndarray:
    for _ in range(steps):
        mask = ~_grow(~mask, np.ones_like(mask))
        mask[[0, -1], :] = False
        mask[:, [0, -1]] = False
    return mask


def _largest_parts_share(mask: np.ndarray, n: int = 4) -> float:
    """Share of `mask` held by its `n` largest 4-connected parts (label propagation)."""
    small = mask[::2, ::2]  # half resolution: the answer barely changes, the loop is shorter
    labels = np.where(small, np.arange(small.size).reshape(small.shape), small.size)
    for _ in range(4 * sum(small.shape)):
        p = np.pad(labels, 1, constant_values=small.size)
        nxt = np.minimum.reduce([labels, p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]])
        nxt = np.where(small, nxt, small.size)
        if np.array_equal(nxt, labels):
            break
        labels = nxt
    _, counts = np.unique(labels[small], return_counts=True)
    return float(np.sort(counts)[::-1][:n].sum() / max(1, counts.sum()))


def subject_mask(lab: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Separate a product shot's subject from its plain backdrop.

    The border is a backdrop when 80 % of it lies within 10 (CIE76) of its median colour.
    Pixels near that colour, or soft neutral shadows of it, connected to the border are the
    backdrop. It is rejected (the whole frame is the subject) when under 2 % remains, or
    when what remains is many small parts (a print such as polka dots, not objects).

    Args:
        lab: An image in Lab, shape (h, w, 3).

    Returns:
        (subject mask, backdrop Lab colour), or (all True, None) without a backdrop.
    """
    everything = np.ones(lab.shape[:2], dtype=bool)
    border = np.concatenate([lab[0], lab[-1], lab[1:-1, 0], lab[1:-1, -1]])
    backdrop = np.median(border, axis=0)
    if np.mean(np.linalg.norm(border - backdrop, axis=1) < 10) < 0.8:
        return everything, None  # a busy border: the subject fills the frame
    close = np.linalg.norm(lab - backdrop, axis=2) < 12
    # A cast shadow is the backdrop's hue, darker, and soft: walk through it too, but not
    # across a sharp edge, which is where an object (even a grey one) begins.
    gy, gx = np.gradient(_box3(lab[..., 0]))
    shade = backdrop[0] - lab[..., 0]
    close |= (
        (np.linalg.norm(lab[..., 1:] - backdrop[1:], axis=2) < 5)
        & (shade > -8) & (shade < 35) & (np.hypot(gx, gy) < 2.0)
    )  # fmt: skip
    region = np.zeros_like(close)
    region[[0, -1], :] = close[[0, -1], :]
    region[:, [0, -1]] = close[:, [0, -1]]
    while True:  # flood fill from the border: a white button inside a shirt is not backdrop
        grown = _grow(region, close)
        if np.array_equal(grown, region):
            break
        region = grown
    subject = ~region
    if subject.mean() < 0.02 or _largest_parts_share(subject) < 0.7:
        return everything, None
    return subject, backdrop


# ---------------------------------------------------------------------- palette


def kmeans(x: np.ndarray, k: int, iters: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's k-means with k-means++ seeding from seed 0: the same input, the same answer.

    Args:
        x: Points, shape (n, d), n >= k.
        k: Number of clusters.
        iters: Most Lloyd iterations.

    Returns:
        (centres (k, d), label per point (n,)).
    """
    rng = np.random.default_rng(0)
    centres = [x[rng.integers(len(x))]]
    for _ in range(1, k):
        d2 = np.min(((x[:, None, :] - np.array(centres)[None]) ** 2).sum(-1), axis=1)
        centres.append(x[rng.choice(len(x), p=d2 / d2.sum())] if d2.sum() > 0 else x[0])
    c = np.array(centres)
    for _ in range(iters):
        labels = np.argmin(((x[:, None, :] - c[None]) ** 2).sum(-1), axis=1)
        new = np.array([x[labels == i].mean(0) if np.any(labels == i) else c[i] for i in range(k)])
        if np.allclose(new, c, atol=1e-3):
            break
        c = new
    return c, np.argmin(((x[:, None, :] - c[None]) ** 2).sum(-1), axis=1)


def _shade_of(i: int, centres: np.ndarray, shares: np.ndarray) -> str:
    """Centre i's name, or that of the larger, lighter colour it is the shadow of.

    A dark (L < 40), greyish (chroma 4..12) cluster within 30 degrees of hue of a larger,
    lighter cluster with chroma >= 8 is that material in shade (beige suede's creases, not
    charcoal). Near-greys (chroma < 4) have no hue to match, so black stays black.
    """
    lum, a, b = centres[i]
    if lum < 40 and 4 <= np.hypot(a, b) < 12:
        hue = np.degrees(np.arctan2(b, a))
        for j in np.argsort(-shares):
            lj, aj, bj = centres[j]
            dh = abs((np.degrees(np.arctan2(bj, aj)) - hue + 180) % 360 - 180)
            if shares[j] > shares[i] and lj > lum + 15 and np.hypot(aj, bj) >= 8 and dh <= 30:
                return nearest_colour(centres[j])
    return nearest_colour(centres[i])


def palette(pixels: np.ndarray) -> list[PaletteColour]:
    """The dominant named colours of some Lab pixels, largest share first.

    k-means with k = 6 (fewer when there are fewer distinct colours); each centre is named
    by `nearest_colour` (or after the colour it is the shadow of), clusters sharing a name
    merge, and colours under 3 % are dropped; shares are renormalised to sum to 1.

    Args:
        pixels: Lab colours, shape (n, 3), n >= 1.
    """
    if len(pixels) > _MAX_PIXELS:  # a regular stride keeps it deterministic
        pixels = pixels[:: len(pixels) // _MAX_PIXELS + 1]
    distinct = len(np.unique(np.round(pixels), axis=0))
    centres, labels = kmeans(pixels, min(_MAX_K, distinct))
    shares = np.bincount(labels, minlength=len(centres)) / len(labels)
    merged: dict[str, list] = {}  # name -> [sum of own centres x share, their weight, share]
    for i, (centre, share) in enumerate(zip(centres, shares, strict=True)):
        name = _shade_of(i, centres, shares)
        entry = merged.setdefault(name, [np.zeros(3), 0.0, 0.0])
        entry[2] += share
        if name == nearest_colour(centre):  # a shadow adds share, not its darker colour
            entry[0] = entry[0] + centre * share
            entry[1] += share
    kept = [(n, c / w, s) for n, (c, w, s) in merged.items() if s >= _MIN_SHARE and w > 0]
    total = sum(s for _, _, s in kept)
    ranked = sorted(kept, key=lambda t: -t[2])
    return [PaletteColour(n, c, float(s / total)) for n, c, s in ranked]


# ---------------------------------------------------------------------- texture and shape


def texture(lab: np.ndarray, subject: np.ndarray) -> Texture:
    """Texture inside the subject, away from its outline (which is an edge of its own).

    `fine`: share of pixels whose L differs from their 3x3 mean by > 2 (knit, grain, suede);
    `bold`: share whose Lab gradient exceeds 20 per pixel (prints, stripes, colour blocks);
    `coherence`: how much the lightness gradients share one orientation (structure tensor).
    """
    inner = _erode(subject, 3) if not subject.all() else _erode(subject, 1)
    if inner.sum() < 64:
        inner = subject
    lum = lab[..., 0]
    fine = float(np.mean(np.abs(lum - _box3(lum))[inner] > 2.0))
    gy, gx = np.gradient(lum)
    # Bold edges in full Lab, so red/green stripes of equal lightness count too.
    colour_edge = np.sqrt(sum(g**2 for ch in range(3) for g in np.gradient(lab[..., ch])))
    bold = float(np.mean(colour_edge[inner] > 20.0))
    jxx, jyy, jxy = (gx * gx)[inner].sum(), (gy * gy)[inner].sum(), (gx * gy)[inner].sum()
    trace = jxx + jyy
    coherence = float(np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / trace) if trace > 1e-9 else 0.0
    return Texture(fine, bold, min(1.0, coherence))


def outline(subject: np.ndarray) -> tuple[float, float]:
    """(elongation, fill) of a mask along its principal axes.

    Elongation is the long extent over the short one; fill is the mask's area over that
    oriented box's (a rectangle 1.0, an ellipse 0.79, a frame or strap far less).
    """
    ys, xs = np.nonzero(subject)
    if len(xs) < 3:
        return 1.0, 1.0
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    pts -= pts.mean(0)
    _, vecs = np.linalg.eigh(pts.T @ pts)
    extent = np.ptp(pts @ vecs, axis=0) + 1
    return float(extent.max() / extent.min()), float(len(pts) / extent.prod())
