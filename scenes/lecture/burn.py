"""Captions burned into the picture, for platforms that drop caption tracks.

Each cue is typeset once by Typst, in the theme's font and colours on a
translucent panel of the background colour, and drawn into every frame while
the cue is on, centred in the bottom band of the frame. The scenes leave that
band calm: at the end of every section of every scene, no text reaches lower
than 0.79 units above the frame's bottom edge, nothing at all lower than 0.78
(of 8), so a panel no taller than :data:`BAND` covers none of the scenes' own
text. The letters are the theme's ``small`` size, the size of the scenes' own
small labels, which the layout check keeps legible at 480p; a cue of the usual
length fits on one line.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache

import numpy as np
from av import VideoFrame
from PIL import Image
from webvtt import WebVTT

from scenes.theme import current_theme

__all__ = ["BAND", "EDGE", "band_rows", "caption_image", "painter"]

FRAME_HEIGHT = 8.0  # manim units, whatever the resolution
BAND = 0.75  # units at the bottom of the frame that the scenes leave empty
EDGE = 0.12  # units between the panel and the frame's bottom edge
# Typst sets text at 10 pt and manim scales 1 pt to font_size / 960 units (scenes.kit.text).
_PT_PER_FONT_SIZE_UNIT = 1 / 960

_SOURCE = """
#set page(width: auto, height: auto, margin: 0pt, fill: none)
#set text(font: "{font}", size: 10pt, fill: rgb("{text}"))
#set par(justify: false, leading: 0.45em)
#let widest = {widest}pt
#let panel(body, ..args) = box(
  fill: rgb("{panel}"), inset: (x: 0.6em, y: 0.3em), radius: 0.25em, ..args, body)
#context {{
  let cue = panel(sys.inputs.cue)
  if measure(cue).width <= widest {{ cue }} else {{
    panel(width: widest, align(center, sys.inputs.cue))
  }}
}}
"""


def _units_per_pixel(height: int) -> float:
    return FRAME_HEIGHT / height


def band_rows(height: int) -> tuple[int, int]:
    """The rows (first, end) of a ``height``-pixel frame the captions may draw on."""
    per = _units_per_pixel(height)
    return height - round(BAND / per), height - round(EDGE / per)


@lru_cache(maxsize=512)
def caption_image(text: str, width: int, height: int, theme_name: str) -> np.ndarray:
    """The cue ``text`` as RGBA pixels, sized for a ``width`` x ``height`` frame."""
    import typst

    theme = current_theme()
    if theme.name != theme_name:
        raise ValueError(f"captions asked in theme {theme_name!r} while {theme.name!r} is on")
    per = _units_per_pixel(height)
    font_size = theme.size.small
    pt = font_size * _PT_PER_FONT_SIZE_UNIT  # units per pt
    widest = (width * per - 2 * theme.margin) / pt
    c = theme.color
    source = _SOURCE.format(
        font=theme.font,
        text=c.text.to_hex(),
        panel=c.background.to_hex() + "D9",  # 85 % opaque: the picture shows through a little
        widest=f"{widest:.1f}",
    )
    png = typst.compile(
        source.encode(), format="png", ppi=72 * pt / per, sys_inputs={"cue": " ".join(text.split())}
    )
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGBA"))


@lru_cache(maxsize=512)
def _planes(text: str, width: int, height: int, theme_name: str) -> tuple[np.ndarray, ...]:
    """The cue in the video's own colour space (yuv420p), ready to blend: the luma and
    its opacity, and the chroma weighted by opacity with its opacity, at half size."""
    rgba = caption_image(text, width, height, theme_name)
    h, w = rgba.shape[:2]
    rgba = np.pad(rgba, ((0, h % 2), (0, w % 2), (0, 0)))  # even, for the half-size chroma
    yuv = VideoFrame.from_ndarray(np.ascontiguousarray(rgba[..., :3]), format="rgb24")
    yuv = yuv.reformat(format="yuv444p").to_ndarray(channel_last=True).astype(np.float32)
    alpha = rgba[..., 3:4].astype(np.float32) / 255

    def half(a: np.ndarray) -> np.ndarray:
        return a.reshape(a.shape[0] // 2, 2, a.shape[1] // 2, 2, -1).mean(axis=(1, 3))

    return yuv[..., 0:1] * alpha, alpha, half(yuv[..., 1:] * alpha), half(alpha)


def painter(
    captions: WebVTT, width: int, height: int
) -> Callable[[VideoFrame, Fraction], VideoFrame]:
    """A paint function for :func:`scenes.lecture.media.concat`: the cue on at each
    frame's time, drawn in the bottom band. It blends in the frame's own yuv420p
    planes, so a frame is never converted to RGB and back."""
    theme = current_theme().name
    cues = sorted(
        (c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text) for c in captions
    )
    starts = [start for start, _, _ in cues]
    _, bottom = band_rows(height)
    bottom -= bottom % 2

    def paint(frame: VideoFrame, at: Fraction) -> VideoFrame:
        ms = at * 1000
        i = bisect.bisect_right(starts, ms) - 1
        if i < 0 or not ms < cues[i][1]:
            return frame  # no cue on: the frame as it is
        luma, alpha, chroma, chroma_alpha = _planes(cues[i][2], width, height, theme)
        h, w = luma.shape[:2]
        top, left = bottom - h, (width - w) // 2 // 2 * 2
        pixels = frame.to_ndarray()  # yuv420p: the luma rows, then U and V at half size
        y = pixels[:height, :, None]
        u = pixels[height : height * 5 // 4].reshape(height // 2, width // 2, 1)
        v = pixels[height * 5 // 4 :].reshape(height // 2, width // 2, 1)
        _blend(y, top, left, luma, alpha)
        _blend(u, top // 2, left // 2, chroma[..., 0:1], chroma_alpha)
        _blend(v, top // 2, left // 2, chroma[..., 1:2], chroma_alpha)
        return VideoFrame.from_ndarray(pixels, format="yuv420p")

    return paint


def _blend(plane: np.ndarray, top: int, left: int, weighted: np.ndarray, alpha: np.ndarray) -> None:
    """Put ``weighted`` (values times opacity) over ``plane`` at (top, left), in place."""
    h, w = alpha.shape[:2]
    region = plane[top : top + h, left : left + w]
    region[:] = np.rint(region * (1 - alpha) + weighted).astype(np.uint8)
