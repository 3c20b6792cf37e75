"""A dashed straight line that can move every frame for the price of a few numpy operations.

Manim's ``DashedLine`` builds one mobject per dash, and redrawing one with
``always_redraw`` deep-copies them all on every frame: for a plot's tracker that
was half of a 1080p60 render. :class:`DashedSegment` draws the same dashes (same
count, lengths and gaps as ``DashedLine``) as the subpaths of a single mobject,
and :meth:`DashedSegment.put_ends` moves them by rewriting its points in place.
"""

from __future__ import annotations

import numpy as np
from manim import DEFAULT_DASH_LENGTH, VMobject

__all__ = ["DashedSegment", "dash_points"]

_THIRDS = np.array([0.0, 1 / 3, 2 / 3, 1.0])


def dash_points(
    start: np.ndarray,
    end: np.ndarray,
    dash_length: float = DEFAULT_DASH_LENGTH,
    dashed_ratio: float = 0.5,
) -> np.ndarray:
    """Bezier points of the dashes ``DashedLine(start, end)`` draws: four per dash."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    length = float(np.linalg.norm(end - start))
    n = max(2, int(np.ceil((length / dash_length) * dashed_ratio)))
    dash = dashed_ratio / n
    gap = (1 - dashed_ratio) / (n - 1)
    starts = np.arange(n) * (dash + gap)
    # Each dash is a straight cubic with its handles at the thirds, as manim's lines are.
    t = (starts[:, None] + dash * _THIRDS[None, :]).reshape(-1, 1)
    return start + t * (end - start)


class DashedSegment(VMobject):
    """A straight dashed line from ``start`` to ``end``; looks like ``DashedLine``."""

    def __init__(
        self,
        start: np.ndarray,
        end: np.ndarray,
        *,
        dash_length: float = DEFAULT_DASH_LENGTH,
        dashed_ratio: float = 0.5,
        **kwargs,
    ):
        kwargs.setdefault("fill_opacity", 0)
        super().__init__(**kwargs)
        self.dash_length = dash_length
        self.dashed_ratio = dashed_ratio
        self.put_ends(start, end)

    def put_ends(self, start: np.ndarray, end: np.ndarray) -> DashedSegment:
        """Move the line to run from ``start`` to ``end`` (the dashes are re-spaced)."""
        self.set_points(dash_points(start, end, self.dash_length, self.dashed_ratio))
        return self
