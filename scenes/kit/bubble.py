"""A speech bubble: words in a rounded box whose tail points at what they are about.

The outline is one closed path, a rounded rectangle with the tail built into its
side, so its edge is as smooth as the rectangle's everywhere. (Gluing a tail on with
a boolean union leaves a ragged seam that shows at 1080p.)
"""

from __future__ import annotations

import numpy as np
from manim import RIGHT, ManimColor, Polygon, VGroup

from scenes.kit.text import Txt
from scenes.theme import current_theme

__all__ = ["SpeechBubble"]


class SpeechBubble(VGroup):
    """``text`` (plain, as :class:`Txt` takes it) in a bubble whose tail leaves its
    ``tail`` side (``RIGHT`` or ``LEFT``) and points that way.

    ``size`` is the text's type-scale role; the box keeps ``theme.space.s`` of
    padding around the words. The outline is filled with the panel colour and stroked
    in ``muted``. Parts: :attr:`outline` and :attr:`words`; :attr:`tip` is the point
    the tail ends at (place the bubble with ``bubble.point_to(target)``).
    """

    def __init__(
        self,
        text: str,
        size: str | float = "body",
        *,
        tail: np.ndarray = RIGHT,
        color: str | ManimColor | None = None,
    ):
        super().__init__()
        side = float(np.sign(tail[0]))
        if side == 0 or abs(tail[1]) > 1e-9:
            raise ValueError("a speech bubble's tail points LEFT or RIGHT")
        theme = current_theme()
        self.words = Txt(text, size, color)
        pad = theme.space.s
        w, h = self.words.width + 2 * pad, self.words.height + 2 * pad
        corner = min(h / 2.5, 0.24)
        half_base, length = min(h / 4, 0.14), min(h * 0.6, 0.32)
        x = side * w / 2
        # Anticlockwise for a tail on the right; the mirror image is a tail on the left.
        corners = [
            (-x, -h / 2),
            (x, -h / 2),
            (x, -half_base),
            (x + side * length, 0.0),
            (x, half_base),
            (x, h / 2),
            (-x, h / 2),
        ]
        radii = [corner, corner, 0.04, 0.03, 0.04, corner, corner]
        self.outline = Polygon(*(np.array([cx, cy, 0.0]) for cx, cy in corners))
        self.outline.round_corners(radii, components_per_rounded_corner=4)
        self.outline.set_fill(theme.color.panel, opacity=1)
        self.outline.set_stroke(theme.color.muted, width=2)
        self.outline.move_to(self.words.get_center() + side * length / 2 * RIGHT)
        self.add(self.outline, self.words)
        self.side = side

    @property
    def tip(self) -> np.ndarray:
        """Where the tail ends: the outline's furthest point on the tail's side (the tail
        leaves the box at mid-height)."""
        return self.outline.get_critical_point(self.side * RIGHT)

    def point_to(self, target: np.ndarray, gap: float | None = None) -> SpeechBubble:
        """Move the bubble so its tail ends ``gap`` (default ``theme.space.s``) short of
        ``target``, on the tail's side; returns the bubble."""
        gap = current_theme().space.s if gap is None else gap
        end = np.asarray(target, dtype=float) - self.side * gap * RIGHT
        return self.shift(end - self.tip)
