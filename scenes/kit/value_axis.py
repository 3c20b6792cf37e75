"""A vertical axis for a quantity in a unit: round ticks, the unit named on top.

Charts that stand blocks or bars of bits (or nats) on a baseline need one scale the
viewer can read; this is it. ``value = 0`` sits at the axis's bottom end, and
:meth:`ValueAxis.y_of` gives the screen height of any value, so whatever stands beside
the axis is drawn at the same scale::

    axis = ValueAxis(top=3.4, unit_height=1.0, unit="bits")
    axis.next_to(strip.baseline.get_left(), LEFT, buff=0.3, aligned_edge=DOWN)
    axis.y_of(2.585)   # the screen y of 2.585 bits
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import LEFT, UP, Line, VGroup

from scenes.kit.plots import nice_ticks
from scenes.kit.text import Txt, unit_word
from scenes.theme import current_theme

__all__ = ["ValueAxis"]

# Length of a tick mark, in manim units.
TICK = 0.1


class ValueAxis(VGroup):
    """A vertical axis from 0 to ``top`` (in the unit), ``unit_height`` screen units per unit.

    ``ticks`` lists the values to mark (default: :func:`~scenes.kit.plots.nice_ticks` of
    ``top``, at most ``count`` of them); ``unit`` names the axis on top (``"bits"`` shows
    "bits"; ``None`` shows nothing). Parts: ``line``, ``marks``, ``tick_labels``, ``label``.
    """

    def __init__(
        self,
        top: float,
        unit_height: float,
        unit: str | None = "bits",
        *,
        ticks: Sequence[float] | None = None,
        count: int = 4,
        size: str | float = "small",
    ):
        super().__init__()
        if not top > 0 or not unit_height > 0:
            raise ValueError(
                f"an axis needs a positive top and unit_height, not {top}, {unit_height}"
            )
        theme = current_theme()
        self.unit_height = float(unit_height)
        ticks = nice_ticks(top, count) if ticks is None else tuple(ticks)
        self.line = Line(
            [0, 0, 0], [0, top * unit_height, 0], color=theme.color.muted, stroke_width=2
        )
        self.marks = VGroup()
        self.tick_labels = VGroup()
        for value in ticks:
            y = value * unit_height
            self.marks.add(Line([0, y, 0], [-TICK, y, 0], color=theme.color.muted, stroke_width=2))
            self.tick_labels.add(
                Txt(f"{value:g}", size, "muted").next_to([-TICK, y, 0], LEFT, buff=theme.space.xs)
            )
        self.label = VGroup()
        if unit is not None:
            self.label = Txt(unit_word(unit), size, "muted").next_to(
                self.line, UP, buff=theme.space.s
            )
        self.add(self.line, self.marks, self.tick_labels, self.label)

    @property
    def origin(self):
        """The screen point of value 0 (the bottom of the line; follows the axis)."""
        return self.line.get_start()

    def y_of(self, value: float) -> float:
        """The screen ``y`` of ``value`` on this axis."""
        return float(self.origin[1] + value * self.unit_height)

    def stand_on(self, baseline_y: float) -> ValueAxis:
        """Move the axis up or down so value 0 sits at ``baseline_y``; returns it."""
        return self.shift((baseline_y - self.origin[1]) * UP)
