"""Raster pictures in a vector scene: arrays of pixels shown as manim images.

:func:`raster` turns an RGBA (or grey) array into an ``ImageMobject`` of a given
size, :func:`show_pixels` swaps its pixels in place (so an animation can redraw
a picture every frame) and :func:`gray_to_rgba` maps grey levels to pixels.

Importing this module also repairs manim 0.22's Cairo camera for Pillow >= 12:
the camera builds its blank canvas with ``Image.fromarray(np.zeros((h, w)),
mode="RGBA")``, which newer Pillow refuses ("Invalid mode for data type"), so
no ``ImageMobject`` could be drawn at all. The repair gives manim's camera
module (only) an ``Image`` whose ``fromarray`` builds that same transparent
canvas with ``Image.new``; every other call is passed through unchanged, and
nothing is patched when the installed Pillow does not need it.
"""

from __future__ import annotations

import numpy as np
from manim import RESAMPLING_ALGORITHMS, ImageMobject
from PIL import Image

__all__ = ["gray_to_rgba", "raster", "show_pixels"]


def _pillow_refuses_blank_canvas() -> bool:
    try:
        Image.fromarray(np.zeros((1, 1)), mode="RGBA")
    except ValueError:
        return True
    return False


class _CameraImage:
    """``PIL.Image`` for manim's camera module, with the blank-canvas call repaired."""

    def __getattr__(self, name: str):
        return getattr(Image, name)

    @staticmethod
    def fromarray(obj, mode: str | None = None):
        if (
            mode == "RGBA"
            and isinstance(obj, np.ndarray)
            and obj.ndim == 2
            and obj.dtype.kind == "f"
            and not obj.any()
        ):
            return Image.new("RGBA", (obj.shape[1], obj.shape[0]))
        return Image.fromarray(obj) if mode is None else Image.fromarray(obj, mode=mode)


def _repair_camera() -> None:
    import manim.camera.camera as camera_module

    if _pillow_refuses_blank_canvas() and not isinstance(camera_module.Image, _CameraImage):
        camera_module.Image = _CameraImage()


_repair_camera()


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
