"""Ghost bars: a distribution drawn as dashed outlines over another one's bar chart.

Put reality's outlines over a model's filled bars and the gap between them is
the model's error, visible outcome by outcome; morph the model's bars and they
visibly fill the outlines when the model becomes right::

    chart = DistributionBars(q, role="q")
    ghost = GhostBars(chart, p).attach() # p's heights, p's colour, dashed; moves with the chart
    self.play(Create(ghost))
    self.play(chart.morph_to(p))         # the bars grow into the outlines
"""

from __future__ import annotations

from manim import DashedVMobject, VGroup, VMobject
from numpy.typing import ArrayLike

import infotheory as it
from scenes.kit.bars import DistributionBars
from scenes.kit.text import resolve_color
from scenes.theme import current_theme

__all__ = ["GhostBars"]


class GhostBars(VGroup):
    """Dashed outlines (left, top and right sides) of ``dist`` over ``chart``'s bar slots.

    ``dist`` is a distribution over the chart's outcomes (validated, never
    normalised), drawn at the chart's scale in palette role ``role`` (``"p"``
    by default: reality's outline over a model's bars). The outlines are built
    where the chart stands now; :meth:`attach` makes them part of the chart so
    they follow it. :meth:`set_probs` redraws them for another distribution.
    """

    def __init__(
        self,
        chart: DistributionBars,
        dist: ArrayLike,
        *,
        role: str = "p",
        stroke_width: float | None = None,
        dash_length: float = 0.09,
    ):
        super().__init__()
        self.chart = chart
        self.role = role
        self.dash_length = dash_length
        self.stroke = stroke_width if stroke_width is not None else current_theme().stroke
        self.set_probs(dist)

    def attach(self) -> GhostBars:
        """Join the chart, above its bars but beneath its value read-outs (numbers stay legible)."""
        chart = self.chart
        if self in chart.submobjects:
            return self
        if chart.values in chart.submobjects:
            chart.submobjects.insert(chart.submobjects.index(chart.values), self)
        else:
            chart.add(self)
        return self

    def set_probs(self, dist: ArrayLike) -> GhostBars:
        """Outline another distribution over the same outcomes."""
        probs = it.as_distribution(dist, name="probabilities")
        if len(probs) != len(self.chart.bars):
            raise ValueError(
                f"{len(probs)} probabilities for a chart of {len(self.chart.bars)} outcomes"
            )
        self.probs = probs
        color = resolve_color(self.role)
        base = self.chart.base_y
        half = self.chart.bar_width / 2
        outlines = []
        for bar, p in zip(self.chart.bars, probs, strict=True):
            x = bar.get_center()[0]
            top = base + p * self.chart.unit_height
            path = VMobject(stroke_color=color, stroke_width=self.stroke)
            path.set_points_as_corners(
                [[x - half, base, 0], [x - half, top, 0], [x + half, top, 0], [x + half, base, 0]]
            )
            length = 2 * (top - base) + 2 * half
            dashes = max(int(length / (2 * self.dash_length)), 2)
            outlines.append(DashedVMobject(path, num_dashes=dashes, dashed_ratio=0.55))
        self.remove(*self.submobjects)
        self.add(*outlines)
        return self
