"""A shape seen through fog: soft and ambiguous when the fog is thick, crisp when it lifts.

The silhouette is drawn from a signed distance field (circles and capsules), so
blurring it is exact and cheap: a pixel's opacity falls off smoothly with its
distance to the outline, over a width that grows with the fog. The fog is a
smooth noise texture, seeded so every render is the same, in the theme's muted
colour. Both are raster images recomputed from one number, the fog ``level``
(1 = thick, 0 = gone), so :meth:`FoggedShape.clear_to` animates them smoothly.

::

    fog = FoggedShape("person", level=1.0).move_to(3.5 * LEFT)
    self.play(fog.appear())
    self.play(fog.clear_to(0.4), run_time=2)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import RESAMPLING_ALGORITHMS, Animation, Group, ImageMobject, config, smooth
from scipy.ndimage import gaussian_filter

from scenes.kit.layout import allow_offscreen
from scenes.kit.raster import raster, show_pixels
from scenes.kit.text import resolve_color

__all__ = ["SILHOUETTES", "FoggedShape", "silhouette"]

# Pixels per manim unit of the raster layers (1080p is 135 px/unit; the fog is smooth).
_SHAPE_PPU = 120
_FOG_PPU = 40

Field = Callable[[np.ndarray, np.ndarray], np.ndarray]


# -- signed distance fields (negative inside), in the shape's own units ------------------


def _circle(cx: float, cy: float, r: float) -> Field:
    return lambda x, y: np.hypot(x - cx, y - cy) - r


def _capsule(ax: float, ay: float, bx: float, by: float, r: float) -> Field:
    def field(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        px, py, dx, dy = x - ax, y - ay, bx - ax, by - ay
        t = np.clip((px * dx + py * dy) / (dx * dx + dy * dy), 0.0, 1.0)
        return np.hypot(px - t * dx, py - t * dy) - r

    return field


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Field:
    # Not an exact distance, but close enough near the outline for soft edges.
    scale = min(rx, ry)
    return lambda x, y: (np.hypot((x - cx) / rx, (y - cy) / ry) - 1.0) * scale


def _box(cx: float, cy: float, hx: float, hy: float, r: float) -> Field:
    def field(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        qx = np.abs(x - cx) - (hx - r)
        qy = np.abs(y - cy) - (hy - r)
        outside = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0))
        return outside + np.minimum(np.maximum(qx, qy), 0) - r

    return field


def _union(*fields: Field) -> Field:
    return lambda x, y: np.minimum.reduce([f(x, y) for f in fields])


# Every silhouette fits in x ∈ [-1.3, 1.3], y ∈ [-1.7, 1.7] (units at height 3.4).
SILHOUETTES: dict[str, Field] = {
    "person": _union(
        _circle(0.0, 1.3, 0.3),
        _box(0.0, 0.45, 0.36, 0.5, 0.16),
        _capsule(-0.42, 0.82, -0.52, -0.1, 0.1),
        _capsule(0.42, 0.82, 0.52, -0.1, 0.1),
        _capsule(-0.17, 0.0, -0.2, -1.55, 0.13),
        _capsule(0.17, 0.0, 0.2, -1.55, 0.13),
    ),
    "tree": _union(
        _capsule(0.0, -1.6, 0.0, 0.2, 0.16),
        _circle(0.0, 0.75, 0.7),
        _circle(-0.5, 0.45, 0.5),
        _circle(0.5, 0.5, 0.5),
        _circle(0.05, 1.25, 0.45),
    ),
    "lamp": _union(
        _capsule(0.0, -1.6, 0.0, 1.2, 0.07),
        _box(0.0, -1.55, 0.22, 0.1, 0.04),
        _capsule(0.0, 1.2, 0.35, 1.45, 0.06),
        _box(0.5, 1.35, 0.24, 0.16, 0.06),
    ),
    "deer": _union(
        _ellipse(0.1, 0.05, 0.8, 0.34),
        _capsule(-0.5, 0.2, -0.8, 0.95, 0.14),
        _capsule(-0.82, 1.0, -1.17, 0.86, 0.12),
        _capsule(-0.5, -0.1, -0.55, -1.4, 0.07),
        _capsule(-0.3, -0.1, -0.35, -1.4, 0.07),
        _capsule(0.5, -0.1, 0.55, -1.4, 0.07),
        _capsule(0.7, -0.1, 0.75, -1.4, 0.07),
        _capsule(-0.75, 1.1, -0.6, 1.6, 0.04),
        _capsule(-0.68, 1.35, -0.45, 1.5, 0.035),
        _capsule(-0.88, 1.1, -1.05, 1.6, 0.04),
        _capsule(-0.98, 1.35, -1.2, 1.48, 0.035),
        _capsule(0.88, 0.2, 0.98, 0.38, 0.06),
    ),
}


def _smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _rgba(color, alpha: np.ndarray) -> np.ndarray:
    rgb = (np.array(resolve_color(color).to_rgb()) * 255).astype(np.uint8)
    out = np.empty((*alpha.shape, 4), dtype=np.uint8)
    out[..., :3] = rgb
    out[..., 3] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
    return out


def _sample(shape: str, height: float, pad: float) -> np.ndarray:
    """The distance field of ``shape`` scaled to ``height``, on a pixel grid with ``pad``."""
    scale = height / 3.4
    w, h = 2.8 * scale + 2 * pad, 3.6 * scale + 2 * pad
    nx, ny = int(w * _SHAPE_PPU), int(h * _SHAPE_PPU)
    xs = (np.arange(nx) + 0.5) / _SHAPE_PPU - w / 2
    ys = h / 2 - (np.arange(ny) + 0.5) / _SHAPE_PPU
    gx, gy = np.meshgrid(xs, ys)
    return SILHOUETTES[shape](gx / scale, gy / scale) * scale


def silhouette(shape: str, height: float = 0.7, role: str = "muted") -> ImageMobject:
    """The crisp silhouette of ``shape`` (no fog), e.g. as an icon beside a label.

    The image is trimmed to the shape, so it sits in a layout by its visible edges.
    """
    if shape not in SILHOUETTES:
        raise ValueError(f"unknown shape {shape!r}; shapes are: {', '.join(SILHOUETTES)}")
    distance = _sample(shape, height, pad=0.0)
    alpha = np.clip(0.5 - distance * _SHAPE_PPU / 1.5, 0.0, 1.0)
    rows = np.flatnonzero(alpha.max(axis=1) > 0)
    cols = np.flatnonzero(alpha.max(axis=0) > 0)
    alpha = alpha[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    return raster(_rgba(role, alpha), height=alpha.shape[0] / _SHAPE_PPU)


class FoggedShape(Group):
    """A silhouette behind a bank of fog; :meth:`clear_to` thins the fog and sharpens it.

    ``shape``       one of :data:`SILHOUETTES` ("person", "tree", "lamp", "deer").
    ``level``       fog thickness, 1 (thick: a vague blob) to 0 (gone: a crisp shape).
    ``height``      the silhouette's height in manim units.
    ``role``        the silhouette's palette role; the fog is ``fog_role``.
    ``fog_width``/``fog_height``  the fog bank's size (the full frame by default). Its
                    right edge fades out over ``fade`` units, so what stands to its
                    right (bars, read-outs) stays on a clear background.
    ``seed``        the fog's noise pattern.
    ``candidates``  shapes the eye could take it for (``shape`` among them, say). In
                    thick fog the silhouette is then their average, an ambiguous blob any
                    of them fits, turning into ``shape`` as the fog clears; :meth:`outline`
                    draws each candidate's outline over it. ``None``: ``shape`` throughout.
    ``blur``        how far (in units of a 3.4-high shape) the outline is blurred in the
                    thickest fog; ``fog_peak`` the fog's opacity there.

    The fog bank is centred on the silhouette when built; it may reach past the
    frame (it is exempt from the frame check), the silhouette may not.
    """

    def __init__(
        self,
        shape: str = "person",
        *,
        level: float = 1.0,
        height: float = 3.4,
        role: str = "object",
        fog_role: str = "mist",
        fog_width: float | None = None,
        fog_height: float | None = None,
        fade: float = 2.0,
        seed: int = 2,
        candidates: Sequence[str] | None = None,
        blur: float = 1.3,
        fog_peak: float = 0.62,
    ):
        super().__init__()
        for name in (shape, *(candidates or ())):
            if name not in SILHOUETTES:
                raise ValueError(f"unknown shape {name!r}; shapes are: {', '.join(SILHOUETTES)}")
        if not blur > 0 or not 0 <= fog_peak <= 1:
            raise ValueError(
                f"blur must be positive and fog_peak in [0, 1], not {blur}, {fog_peak}"
            )
        self.blur, self.fog_peak = float(blur), float(fog_peak)
        self.shape_height = height
        self.shape = shape
        self.role, self.fog_role = role, fog_role
        self.level = float(np.clip(level, 0.0, 1.0))
        scale = height / 3.4
        self.unit = scale

        # The silhouette's distance field, sampled once on its pixel grid (in units),
        # with room around it for the widest blur.
        pad = self.softness(1.0)
        self._distance = _sample(shape, height, pad=pad)
        # The ambiguous blob: the candidates' mean distance, inside where it is negative.
        self.candidates = tuple(candidates or ())
        self._blob = (
            np.mean([_sample(name, height, pad=pad) for name in self.candidates], axis=0)
            if self.candidates
            else None
        )
        self._pad = pad
        ny, nx = self._distance.shape
        self.silhouette = raster(
            np.zeros((ny, nx, 4), dtype=np.uint8), width=nx / _SHAPE_PPU, height=ny / _SHAPE_PPU
        )

        # The fog: multi-scale smooth noise, wider than the bank so it can drift.
        fw = fog_width or config.frame_width
        fh = fog_height or config.frame_height
        fx, fy = int(fw * _FOG_PPU), int(fh * _FOG_PPU)
        rng = np.random.default_rng(seed)
        drift = int(1.5 * _FOG_PPU)
        noise = sum(
            gaussian_filter(rng.standard_normal((fy, fx + drift)), sigma, mode="wrap") * weight
            for sigma, weight in ((6, 0.2), (14, 0.5), (30, 1.0))
        )
        noise = (noise - noise.min()) / np.ptp(noise)
        self._noise, self._drift = noise, drift
        # Denser towards the middle of the bank, fading out at its right edge.
        x_units = (np.arange(fx) + 0.5) / _FOG_PPU - fw / 2
        self._mask = 1.0 - _smoothstep(fw / 2 - fade, fw / 2, x_units)[None, :]
        self.fog = allow_offscreen(
            raster(np.zeros((fy, fx, 4), dtype=np.uint8), width=fw, height=fh)
        )
        # The noise is smooth, so bilinear scaling looks the same as bicubic at half the cost
        # (the fog covers the frame: at 1080p its resize was the largest cost of the scene).
        self.fog.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        self.fog.move_to(self.silhouette)

        self.add(self.silhouette, self.fog)
        self.visibility = 1.0
        self.set_level(self.level)

    # -- drawing -----------------------------------------------------------------------

    def softness(self, level: float | None = None) -> float:
        """How wide (units) the silhouette's edge is blurred at ``level``."""
        level = self.level if level is None else level
        return (1.5 / _SHAPE_PPU + self.blur * level**1.15) * self.unit

    def fog_opacity(self, level: float | None = None) -> float:
        """The fog's peak opacity at ``level``."""
        level = self.level if level is None else level
        return self.fog_peak * level

    def set_level(self, level: float) -> FoggedShape:
        """Draw the fog at thickness ``level`` (no animation)."""
        self.level = float(np.clip(level, 0.0, 1.0))
        soft = self.softness()
        # Opacity 1/2 on the outline, fading over `soft` either side; the shape also
        # loses contrast in thick fog, which the fog layer in front then veils.
        distance = self._distance
        if self._blob is not None:
            distance = self.level * self._blob + (1.0 - self.level) * self._distance
        alpha = np.clip(0.5 - distance / (2 * soft), 0.0, 1.0)
        # While the bank rolls in (visibility < 1) the fog leads and the shape follows.
        alpha *= (1.0 - 0.3 * self.level) * self.visibility**2
        show_pixels(self.silhouette, _rgba(self.role, alpha))

        shift = round(self._drift * (1.0 - self.level))
        view = self._noise[:, shift : shift + self._mask.shape[1]]
        density = np.clip(0.45 + 0.8 * view, 0.0, 1.0) * self._mask
        fog_alpha = self.fog_opacity() * density * self.visibility
        show_pixels(self.fog, _rgba(self.fog_role, fog_alpha))
        return self

    def outline_alpha(self, shape: str, width: float = 0.035) -> np.ndarray:
        """The opacity (0 to 1) of ``shape``'s crisp outline, ``width`` units thick, on the
        silhouette's pixel grid: where the outline would lie over this fog's shape."""
        if shape not in SILHOUETTES:
            raise ValueError(f"unknown shape {shape!r}; shapes are: {', '.join(SILHOUETTES)}")
        distance = _sample(shape, self.shape_height, pad=self._pad)
        return np.clip(1.0 - (np.abs(distance) - width / 2) * _SHAPE_PPU, 0.0, 1.0)

    def outline(self, shape: str, role: str = "q", width: float = 0.035) -> ImageMobject:
        """The crisp outline of ``shape`` (``width`` units thick), drawn where it would
        stand in this fog: over the silhouette, on the same grid. Not added. (Several at
        once: :class:`~scenes.kit.outlines.CandidateOutlines`, one picture for all.)"""
        alpha = self.outline_alpha(shape, width)
        image = raster(
            _rgba(role, alpha), width=self.silhouette.width, height=self.silhouette.height
        )
        return image.move_to(self.silhouette)

    def appear(self, **kwargs) -> Animation:
        """Roll the fog bank in at its level, the vague shape surfacing inside it."""
        return _Appear(self, **kwargs)

    def clear_to(self, level: float, **kwargs) -> Animation:
        """Thin (or thicken) the fog to ``level``: the shape sharpens as it goes."""
        return _ClearFog(self, level, **kwargs)


class _Appear(Animation):
    def __init__(self, fog: FoggedShape, rate_func=smooth, **kwargs):
        fog.visibility = 0.0
        fog.set_level(fog.level)
        kwargs.setdefault("run_time", 1.5)
        super().__init__(fog, rate_func=rate_func, introducer=True, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        self.mobject.visibility = self.rate_func(alpha)
        self.mobject.set_level(self.mobject.level)

    def finish(self) -> None:
        super().finish()
        self.mobject.visibility = 1.0
        self.mobject.set_level(self.mobject.level)


class _ClearFog(Animation):
    def __init__(self, fog: FoggedShape, target: float, rate_func=smooth, **kwargs):
        self.start_level = fog.level
        self.target = float(np.clip(target, 0.0, 1.0))
        kwargs.setdefault("run_time", 2.0)
        super().__init__(fog, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        self.mobject.set_level(self.start_level + (self.target - self.start_level) * t)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_level(self.target)
