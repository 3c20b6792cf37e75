"""The readings a mind weighs, drawn over what it sees: one outline per candidate, each as
strong as its weight.

:class:`CandidateOutlines` lies over a :class:`~scenes.kit.fog.FoggedShape`: every candidate's
crisp outline, all in one picture (one image to draw, whatever the count), each at its own
strength from 0 (gone) to 1. :meth:`~CandidateOutlines.strengths_to` animates them, so an
outline firms up or fades while its reading gains or loses weight::

    outlines = CandidateOutlines(fog, ("person", "tree", "lamp", "deer"))
    self.play(FadeIn(outlines))
    self.play(outlines.strengths_to({"person": 0.9, "tree": 0.2, "lamp": 0.1, "deer": 0.1}))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import Animation, ImageMobject, smooth

from scenes.kit.fog import FoggedShape
from scenes.kit.raster import raster, show_pixels
from scenes.kit.text import resolve_color

__all__ = ["CandidateOutlines"]


class CandidateOutlines(ImageMobject):
    """The outlines of ``names`` over ``fog``'s shape in palette role ``role``, all at
    ``strength`` to begin with. ``strengths`` maps each name to its current strength."""

    def __init__(
        self,
        fog: FoggedShape,
        names: Sequence[str],
        *,
        role: str = "q",
        strength: float = 1.0,
        width: float = 0.035,
    ):
        if not names:
            raise ValueError("CandidateOutlines needs at least one candidate")
        self.names = list(names)
        # Outlines are thin: each is kept as its few lit pixels (flat indices and opacities),
        # so a redraw on every frame of an animation touches only those.
        alphas = [fog.outline_alpha(name, width) for name in self.names]
        self._shape = alphas[0].shape
        self._lit = []
        for alpha in alphas:
            flat = alpha.ravel()
            where = np.flatnonzero(flat)
            self._lit.append((where, flat[where].astype(np.float32)))
        self._rgb = (np.array(resolve_color(role).to_rgb()) * 255).astype(np.uint8)
        self.strengths = {name: float(strength) for name in self.names}
        picture = raster(self._pixels(), width=fog.silhouette.width, height=fog.silhouette.height)
        super().__init__(picture.pixel_array)
        self.stretch_to_fit_width(fog.silhouette.width).stretch_to_fit_height(fog.silhouette.height)
        self.move_to(fog.silhouette)

    def _pixels(self) -> np.ndarray:
        weights = np.clip([self.strengths[n] for n in self.names], 0.0, 1.0) * 255
        alpha = np.zeros(self._shape[0] * self._shape[1], dtype=np.float32)
        for (where, values), weight in zip(self._lit, weights, strict=True):
            alpha[where] = np.maximum(alpha[where], values * np.float32(weight))
        out = np.empty((*self._shape, 4), dtype=np.uint8)
        out[..., :3] = self._rgb
        out[..., 3] = (alpha + 0.5).reshape(self._shape)  # rounded: the cast truncates
        return out

    def set_strengths(self, strengths: Mapping[str, float]) -> CandidateOutlines:
        """Show each named outline at its strength (names left out keep theirs)."""
        unknown = set(strengths) - set(self.names)
        if unknown:
            raise ValueError(f"no outline for {sorted(unknown)}; outlines: {self.names}")
        self.strengths.update({name: float(v) for name, v in strengths.items()})
        show_pixels(self, self._pixels())
        return self

    def strengths_to(self, strengths: Mapping[str, float], **kwargs) -> Animation:
        """Animate the named outlines to their new strengths."""
        return _Strengths(self, dict(strengths), **kwargs)


class _Strengths(Animation):
    def __init__(self, outlines: CandidateOutlines, target: dict, rate_func=smooth, **kwargs):
        self.start = dict(outlines.strengths)
        self.target = target
        super().__init__(outlines, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        self.mobject.set_strengths(
            {n: self.start[n] + (v - self.start[n]) * t for n, v in self.target.items()}
        )

    def finish(self) -> None:
        super().finish()
        self.mobject.set_strengths(self.target)
