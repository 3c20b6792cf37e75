"""Raster pictures in a vector scene: arrays of pixels shown as manim images.

:func:`raster` turns an RGBA (or grey) array into an ``ImageMobject`` of a given
size, :func:`show_pixels` swaps its pixels in place (so an animation can redraw
a picture every frame) and :func:`gray_to_rgba` maps grey levels to pixels.
"""

from __future__ import annotations

import numpy as np
from manim import RESAMPLING_ALGORITHMS, ImageMobject

__all__ = ["gray_to_rgba", "raster", "show_pixels"]


def gray_to_rgba(gray: np.ndarray, levels: int = 256, alpha: float = 1.0) -> np.ndarray:
    """Grey levels ``0 .. levels-1`` (black to white) as an RGBA uint8 array."""
    gray = np.asarray(gray)
    value = np.round(gray.astype(float) * 255.0 / max(levels - 1, 1)).astype(np.uint8)
    out = np.empty((*gray.shape, 4), dtype=np.uint8)
    out[..., :3] = value[..., None]
    out[..., 3] = round(255 * alpha)
    return out


def show_pixels(image: ImageMobject, rgba: np.ndarray) -> ImageMobject:
    """Replace ``image``'s pixels with ``rgba`` (same role as a redraw; keeps its place)."""
    image.pixel_array = np.ascontiguousarray(rgba, dtype=np.uint8)
    image.orig_alpha_pixel_array = image.pixel_array[..., 3].copy()
    return image


def raster(
    rgba: np.ndarray,
    *,
    width: float | None = None,
    height: float | None = None,
    crisp: bool = False,
) -> ImageMobject:
    """An image of the pixel array ``rgba`` (rows top to bottom), ``width``/``height`` units.

    With ``crisp`` the pixels stay sharp squares when enlarged (a pixel grid, not a photo).
    """
    image = ImageMobject(np.ascontiguousarray(rgba, dtype=np.uint8))
    if crisp:
        image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
    if width is not None:
        image.stretch_to_fit_width(width)
    if height is not None:
        image.stretch_to_fit_height(height)
    if width is not None and height is None:
        image.stretch_to_fit_height(width * rgba.shape[0] / rgba.shape[1])
    if height is not None and width is None:
        image.stretch_to_fit_width(height * rgba.shape[1] / rgba.shape[0])
    return image
