"""Tiny sample pictures: every pixel an independent draw from a distribution over shades.

::

    ┌────────┐ ┌────────┐ ┌────────┐
    │▓░█▒ ▓█░│ │█▒▓ ░██▒│ │▒█░▓█ ▒▓│    outcome i of n is the grey i / (n - 1):
    │ ...    │ │ ...    │ │ ...    │    0 black, 1 white
    └────────┘ └────────┘ └────────┘

The honest picture of a model that knows only how often each shade occurs: it
gets the *mix* of greys right, never the shapes. Draws come from
:func:`infotheory.running_average_surprise` (inverse-CDF sampling with a fixed
seed), so the same seed under two distributions uses the same random numbers:
morphing the distribution changes each pixel only as far as its own draw moves,
and the pictures settle instead of flickering.

Pixel colours are the data (a grey level), not a palette role; the frame
around each picture is the theme's ``faint`` colour so black and white pixels
stay visible on either theme.
"""

from __future__ import annotations

import numpy as np
from manim import RIGHT, UL, Animation, ManimColor, Rectangle, VGroup, VMobject, smooth
from numpy.typing import ArrayLike

import infotheory as it
from scenes.theme import current_theme

__all__ = ["PixelSamples", "shade"]


def shade(index: int, levels: int) -> ManimColor:
    """The grey of outcome ``index`` out of ``levels`` shades: 0 is black, the last is white."""
    if levels < 2 or not 0 <= index < levels:
        raise ValueError(f"shade {index} of {levels}: need 0 <= index < levels and levels >= 2")
    v = index / (levels - 1)
    return ManimColor.from_rgb((v, v, v))


class PixelSamples(VGroup):
    """``count`` pictures of ``rows × cols`` pixels, each pixel drawn from ``dist``.

    ``dist`` is a distribution over ``n >= 2`` shades, darkest first (an
    :class:`infotheory.Distribution` or a probability vector). ``pixel`` is a
    pixel's side in screen units. ``seed`` fixes the draws; :meth:`set_distribution`
    redraws with the same random numbers and :meth:`morph_to` animates there;
    :meth:`reseed` draws afresh. ``indices`` holds the current draws, shape
    ``(count, rows, cols)``; :meth:`paint` shows any such array instead (pictures
    that are not draws, such as the data of :func:`~scenes.kit.shapes.shape_pictures`).

    Each picture is one layer per shade (all of that shade's pixels in a single
    shape) inside a frame, so hundreds of pixels stay cheap to copy and draw.
    """

    def __init__(
        self,
        dist: ArrayLike,
        *,
        count: int = 4,
        rows: int = 8,
        cols: int = 8,
        pixel: float = 0.14,
        gap: float = 0.3,
        seed: int = 0,
    ):
        super().__init__()
        if count < 1 or rows < 1 or cols < 1:
            raise ValueError("count, rows and cols must be at least 1")
        self.shape = (count, rows, cols)
        self.seed = seed
        self.pixel = pixel
        levels = len(it.as_distribution(dist, name="dist"))
        if levels < 2:
            raise ValueError("a distribution over shades needs at least two shades")
        theme = current_theme()
        self.pictures = VGroup()
        for _ in range(count):
            frame = Rectangle(
                width=cols * pixel, height=rows * pixel, stroke_color=theme.color.faint
            ).set_stroke(width=2)
            frame.move_to([(cols - 1) * pixel / 2, -(rows - 1) * pixel / 2, 0])
            layers = VGroup(
                *(
                    VMobject(fill_color=shade(i, levels), fill_opacity=1, stroke_width=0)
                    for i in range(levels)
                )
            )
            self.pictures.add(VGroup(layers, frame))
        self.pictures.arrange(RIGHT, buff=gap)
        self.add(self.pictures)
        self.set_distribution(dist)

    def draws(self, dist: ArrayLike) -> np.ndarray:
        """The shade index of every pixel under ``dist``, shape ``(count, rows, cols)``."""
        probs = it.as_distribution(dist, name="dist")
        n = int(np.prod(self.shape))
        samples = it.running_average_surprise(probs, probs, num_samples=n, seed=self.seed).samples
        return np.asarray(samples).reshape(self.shape)

    def set_distribution(self, dist: ArrayLike) -> PixelSamples:
        """Redraw every pixel from ``dist`` (same seed, same random numbers)."""
        probs = it.as_distribution(dist, name="dist")
        layers0 = self.pictures[0][0]
        if len(probs) != len(layers0):
            raise ValueError(f"{len(probs)} shades for pictures drawn in {len(layers0)}")
        self.probs = probs
        return self.paint(self.draws(probs))

    def paint(self, indices: np.ndarray) -> PixelSamples:
        """Show the shade indices ``indices`` (shape ``(count, rows, cols)``, darkest 0):
        draws of :meth:`draws`, or any pictures in the same shades (data, say)."""
        indices = np.asarray(indices)
        levels = len(self.pictures[0][0])
        if indices.shape != self.shape:
            raise ValueError(f"indices must have shape {self.shape}, not {indices.shape}")
        if not np.issubdtype(indices.dtype, np.integer) or not (
            indices.size == 0 or (indices.min() >= 0 and indices.max() < levels)
        ):
            raise ValueError(f"indices must be whole numbers from 0 to {levels - 1}")
        self.indices = indices
        h = self.pixel / 2
        for picture, grid in zip(self.pictures, self.indices, strict=True):
            layers, frame = picture
            # Pixel centres, row 0 at the top, from the frame's top-left corner.
            corner = frame.get_corner(UL)
            for level, layer in enumerate(layers):
                r, c = np.nonzero(grid == level)
                centres = corner + np.stack(
                    [(c + 0.5) * self.pixel, -(r + 0.5) * self.pixel, np.zeros(len(r))], axis=1
                )
                layer.set_points(_squares(centres, h))
        return self

    def reseed(self, seed: int) -> PixelSamples:
        """Draw every pixel again from the same distribution with other random numbers."""
        self.seed = seed
        return self.set_distribution(self.probs)

    def morph_to(self, dist: ArrayLike, **kwargs) -> Animation:
        """Animate to ``dist`` along the straight path; pixels switch shade as their draw moves."""
        target = it.as_distribution(dist, name="dist")
        return _MorphSamples(self, target, **kwargs)


def _squares(centres: np.ndarray, half: float) -> np.ndarray:
    """Closed square outlines (straight cubic Béziers) around ``centres``, as one point array."""
    if len(centres) == 0:
        return np.zeros((0, 3))
    corners = np.array([[-1, -1, 0], [1, -1, 0], [1, 1, 0], [-1, 1, 0], [-1, -1, 0]]) * half
    starts, ends = corners[:-1], corners[1:]
    # Each edge a cubic with handles at thirds: 4 edges x 4 points per square.
    edge = np.stack([starts, (2 * starts + ends) / 3, (starts + 2 * ends) / 3, ends], axis=1)
    outline = edge.reshape(-1, 3)
    return (centres[:, None, :] + outline[None, :, :]).reshape(-1, 3)


class _MorphSamples(Animation):
    def __init__(self, samples: PixelSamples, target: np.ndarray, rate_func=smooth, **kwargs):
        self.origin = samples.probs.copy()
        self.target = target
        super().__init__(samples, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        self.mobject.set_distribution((1 - alpha) * self.origin + alpha * self.target)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_distribution(self.target)
