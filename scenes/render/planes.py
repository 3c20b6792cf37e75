"""A video frame's planes as numpy rows, for the code that reads or writes YUV pictures
(the encoder's row conversion, the PSNR comparison, the encoder benchmark)."""

from __future__ import annotations

import av
import numpy as np

__all__ = ["plane_rows"]


def plane_rows(plane: av.video.plane.VideoPlane) -> np.ndarray:
    """A video plane's samples as a (height, width) array over its own memory (each row
    of a plane is padded to ``line_size`` bytes)."""
    lines = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
    return lines[:, : plane.width]
