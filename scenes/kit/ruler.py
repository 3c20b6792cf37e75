"""A ruler for a quantity in a unit: a number line from 0 with a tick at every whole unit.

::

    surprise in bits  |----|----|----|----|----|----|-->
                      0    1    2    3    4    5    6

Things measured against it line up with its ticks: :meth:`Ruler.point_at` gives the
point ``value`` units along, :meth:`Ruler.gridlines` draws faint lines up from the
ticks so bars drawn above the ruler (a :class:`~scenes.kit.quantity.QuantityBar` with
the same ``unit_length``) can be read against it.
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, ORIGIN, RIGHT, UP, Arrow, Line, VGroup

from scenes.kit.baseline import align_baselines
from scenes.kit.plots import nice_ticks
from scenes.kit.text import Txt, unit_word
from scenes.theme import current_theme

__all__ = ["Ruler"]


class Ruler(VGroup):
    """A horizontal number line from 0 to ``top`` units of ``unit``, built with its zero at
    the origin.

    ``unit_length`` is the screen length of one unit. Ticks sit at 0 and at the kit's
    whole-number :func:`~scenes.kit.plots.nice_ticks` up to ``top``, their labels below on
    one baseline, in the neutral ``muted`` role. The line runs a little past ``top`` and
    ends in an arrowhead. ``title`` (default ``"<quantity> in <unit>"``) stands left of
    the zero, in palette role ``role``. ``label_size`` and ``title_size`` are the type sizes
    of the tick labels and the title.

    Parts: :attr:`line`, :attr:`ticks`, :attr:`tick_labels`, :attr:`title`;
    :attr:`tick_values` are the values ticked.
    """

    def __init__(
        self,
        top: float,
        *,
        unit: str = "bits",
        unit_length: float = 1.0,
        quantity: str = "surprise",
        title: str | None = None,
        role: str = "surprise",
        max_ticks: int = 8,
        label_size: str | float = "small",
        title_size: str | float = "label",
    ):
        super().__init__()
        if not top > 0:
            raise ValueError(f"a ruler needs a positive top, not {top!r}")
        if not unit_length > 0:
            raise ValueError(f"unit_length must be positive, not {unit_length!r}")
        theme = current_theme()
        self.top = float(top)
        self.unit = unit
        self.unit_length = float(unit_length)
        self.tick_values = (0.0, *nice_ticks(self.top, max_ticks, whole=True))
        tick_half = theme.space.xs / 2 + 0.03
        end = self.top * self.unit_length + theme.space.m
        self.line = Arrow(
            ORIGIN,
            end * RIGHT,
            buff=0,
            color=theme.color.muted,
            stroke_width=2.5,
            tip_length=0.2,
            max_tip_length_to_length_ratio=1.0,
            max_stroke_width_to_length_ratio=100,
        )
        self.ticks = VGroup(
            *(
                Line(
                    self.x_of(v) * RIGHT + tick_half * UP,
                    self.x_of(v) * RIGHT - tick_half * UP,
                    color=theme.color.muted,
                    stroke_width=2,
                )
                for v in self.tick_values
            )
        )
        self.tick_labels = VGroup(
            *(
                Txt(f"{v:g}", label_size, "muted").next_to(tick, -UP, buff=theme.space.xs)
                for v, tick in zip(self.tick_values, self.ticks, strict=True)
            )
        )
        align_baselines(self.tick_labels)
        self.title = Txt(title or f"{quantity} in {unit_word(unit)}", title_size, role)
        self.title.next_to(self.line.get_start(), LEFT, buff=theme.space.m)
        self.add(self.line, self.ticks, self.tick_labels, self.title)

    def x_of(self, value: float) -> float:
        """The distance along the line, from zero, of ``value``."""
        return float(value) * self.unit_length

    @property
    def zero(self) -> np.ndarray:
        """The point of 0 (follows the ruler when it moves)."""
        return self.ticks[0].get_center()

    def point_at(self, value: float) -> np.ndarray:
        """The point on the line ``value`` units from zero."""
        return self.zero + self.x_of(value) * RIGHT

    def gridlines(self, height: float) -> VGroup:
        """Faint lines ``height`` tall rising from every tick but zero (not added)."""
        theme = current_theme()
        return VGroup(
            *(
                Line(self.point_at(v), self.point_at(v) + height * UP, stroke_width=1.5).set_color(
                    theme.color.faint
                )
                for v in self.tick_values[1:]
            )
        )
