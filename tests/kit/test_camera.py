"""The fast image path draws what manim's own camera draws."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Camera, ImageMobject, tempconfig

from scenes.kit.camera import ExplainerCamera


def _picture(seed: int = 0) -> np.ndarray:
    """A smooth, partly transparent picture, like the fog and silhouettes scenes draw.

    (Resampling filters differ at hard pixel edges, so noise would measure the
    filters, not the placement.)
    """
    y, x = np.mgrid[0:72, 0:120] / 12.0
    phase = np.random.default_rng(seed).random(3) * 6
    rgba = np.empty((72, 120, 4), dtype=np.uint8)
    for channel in range(3):
        rgba[..., channel] = 127 + 100 * np.sin(x + phase[channel]) * np.cos(0.7 * y)
    rgba[..., 3] = np.linspace(40, 255, 120).astype(np.uint8)
    return rgba


def _draw(camera_class, image: ImageMobject) -> np.ndarray:
    camera = camera_class()
    camera.background_color = "#0E1117"
    camera.reset()
    camera.capture_mobjects([image])
    return camera.pixel_array.astype(int)


@pytest.mark.parametrize(
    ("height", "shift"),
    [(2.0, (0, 0, 0)), (3.3, (-2.7, 1.1, 0)), (5.0, (6.5, -3.0, 0))],  # the last runs off-frame
    ids=["centred", "moved-and-scaled", "half-off-frame"],
)
def test_axis_aligned_images_match_manim(height, shift):
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_picture()).scale_to_fit_height(height).shift(shift)
        ours, manims = _draw(ExplainerCamera, image), _draw(Camera, image)
    difference = np.abs(ours - manims)
    assert ours.any()
    # Resampling details differ by a level or two at most, and only here and there.
    assert difference.mean() < 0.2
    assert np.percentile(difference, 99.9) <= 4


def test_rotated_images_still_take_manims_path():
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_picture(1)).scale_to_fit_height(2).rotate(0.4)
        assert np.array_equal(_draw(ExplainerCamera, image), _draw(Camera, image))
