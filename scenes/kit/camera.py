"""Manim's Cairo camera, with a fast path for images that are only moved and scaled.

Manim draws every ``ImageMobject`` with a full perspective warp into a
frame-sized canvas, then composites that whole canvas: at 1080p a full-screen
fog layer cost about 60 ms a frame, most of a scene's render time. An image that
is neither rotated nor skewed needs only a resize and a composite of the pixels
it covers, which gives the same picture for a fraction of the work. Anything
else goes through manim's own code.
"""

from __future__ import annotations

import numpy as np
from manim import Camera
from PIL import Image

__all__ = ["ExplainerCamera", "picture_of"]


class ExplainerCamera(Camera):
    """A Cairo camera that resizes, rather than warps, axis-aligned images."""

    def display_image_mobject(self, image_mobject, pixel_array: np.ndarray) -> None:
        # Corners in pixel coordinates, in manim's order: UL, UR, DL, DR.
        ul, ur, dl, dr = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        aligned = (
            abs(ul[1] - ur[1]) < 0.5
            and abs(ul[0] - dl[0]) < 0.5
            and ur[0] > ul[0]
            and dl[1] > ul[1]
        )
        if not aligned:
            super().display_image_mobject(image_mobject, pixel_array)
            return
        # The same integer placement manim uses: truncated corners, then their box.
        corners = np.array([ul, ur, dl, dr]).astype(np.int64)
        left, top = corners.min(axis=0)
        right, bottom = corners.max(axis=0)
        width, height = right - left, bottom - top
        if width < 1 or height < 1:
            return
        # Only the part inside the frame is drawn.
        x0, y0 = max(left, 0), max(top, 0)
        x1, y1 = min(right, self.pixel_width), min(bottom, self.pixel_height)
        if x0 >= x1 or y0 >= y1:
            return
        picture = Image.fromarray(image_mobject.get_pixel_array(), mode="RGBA").resize(
            (int(width), int(height)), resample=image_mobject.resampling_algorithm
        )
        picture = picture.crop((x0 - left, y0 - top, x1 - left, y1 - top))
        region = Image.fromarray(np.ascontiguousarray(pixel_array[y0:y1, x0:x1]), mode="RGBA")
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(region, picture))


def picture_of(mob, *, pixels_per_unit: float, pad: float = 0.3) -> Image.Image:
    """``mob`` drawn alone on the theme's background, cropped to it with ``pad`` units around.

    For pictures outside a scene: the guide's component pictures, the lecture
    kit's formula images.
    """
    from scenes.theme import current_theme

    mob.move_to(np.zeros(3))
    width, height = mob.width + 2 * pad, mob.height + 2 * pad
    camera = ExplainerCamera(
        pixel_width=round(width * pixels_per_unit),
        pixel_height=round(height * pixels_per_unit),
        frame_width=width,
        frame_height=height,
        background_color=current_theme().color.background,
        background_opacity=1,
    )
    camera.capture_mobjects([mob])
    return camera.get_image().convert("RGB")
