"""Captions burned into the picture, for platforms that drop caption tracks.

Each cue is typeset once by Typst, in the theme's font and colours on a
translucent panel of the background colour, and drawn into every frame while
the cue is on, centred in the bottom band of the frame. The scenes leave that
band calm: at the end of every section of every part, no text reaches lower
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


def painter(
    captions: WebVTT, width: int, height: int
) -> Callable[[np.ndarray, Fraction], np.ndarray]:
    """A paint function for :func:`scenes.lecture.media.concat`: the cue on at each
    frame's time, drawn in the bottom band."""
    theme = current_theme().name
    cues = sorted(
        (c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text) for c in captions
    )
    starts = [start for start, _, _ in cues]
    _, bottom = band_rows(height)

    def paint(pixels: np.ndarray, at: Fraction) -> np.ndarray:
        ms = at * 1000
        i = bisect.bisect_right(starts, ms) - 1
        if i < 0 or not ms < cues[i][1]:
            return pixels
        overlay = caption_image(cues[i][2], width, height, theme)
        h, w = overlay.shape[:2]
        top, left = max(0, bottom - h), max(0, (width - w) // 2)
        h, w = bottom - top, min(w, width - left)
        alpha = overlay[-h:, :w, 3:4] / 255.0
        region = pixels[top:bottom, left : left + w]
        blended = region * (1 - alpha) + overlay[-h:, :w, :3] * alpha
        pixels[top:bottom, left : left + w] = np.rint(blended).astype(np.uint8)
        return pixels

    return paint
