"""A model's parameters as knobs: one dial per number, its pointer turned by the value.

::

     ◔   ◑   ◕   ◐   ●      θ = (-1, -0.5, 0, 0.5, 1): 0 points straight up,
                            positive turns clockwise, ``per_unit`` radians a unit

Training *turns the knobs*: :meth:`Knobs.turn_to` animates every pointer to new values
(a gradient step, or a whole fit). Each dial can be filled with a colour of its own (the
shade a logit stands for, say); the pointer is drawn in the text colour with a dark
outline so it reads on any fill.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    ORIGIN,
    PI,
    RIGHT,
    UP,
    Animation,
    Circle,
    Dot,
    Line,
    ManimColor,
    VGroup,
    smooth,
)
from numpy.typing import ArrayLike

from scenes.kit.text import resolve_color
from scenes.theme import current_theme

__all__ = ["Knobs"]


class Knobs(VGroup):
    """A row of dials showing ``values``, ``spacing`` apart (centre to centre).

    ``colors`` fills each dial (palette roles or colours; default the panel colour);
    ``per_unit`` is the pointer's turn for a value of 1 (radians, clockwise from up), so
    values of a few units stay within a turn. Parts: :attr:`dials` (each a VGroup of a
    disc, a pointer and a hub). :meth:`set_values` jumps, :meth:`turn_to` animates,
    :meth:`place_under` lines the dials up under other mobjects (a chart's bars).
    """

    def __init__(
        self,
        values: ArrayLike,
        *,
        radius: float = 0.2,
        spacing: float = 0.6,
        colors: Sequence[str | ManimColor] | None = None,
        per_unit: float = PI / 3,
    ):
        super().__init__()
        self.values = self._check(values)
        if colors is not None and len(colors) != len(self.values):
            raise ValueError(f"{len(colors)} colours for {len(self.values)} knobs")
        if not radius > 0 or not spacing > 0:
            raise ValueError("radius and spacing must be positive")
        theme = current_theme()
        self.radius = radius
        self.per_unit = per_unit
        self.dials = VGroup()
        for i in range(len(self.values)):
            fill = resolve_color(colors[i]) if colors is not None else theme.color.panel
            disc = Circle(
                radius=radius,
                fill_color=fill,
                fill_opacity=1,
                stroke_color=theme.color.muted,
                stroke_width=2,
            )
            pointer = Line(ORIGIN, UP * radius * 0.85, stroke_width=5)
            pointer.set_stroke(theme.color.text)
            # A dark rim under the pointer keeps it visible on a white or pale dial.
            rim = pointer.copy().set_stroke(theme.color.background, width=9)
            hub = Dot(radius=radius * 0.14, color=theme.color.text)
            self.dials.add(VGroup(disc, rim, pointer, hub).shift(i * spacing * RIGHT))
        self.add(self.dials)
        self.set_values(self.values)

    @staticmethod
    def _check(values: ArrayLike) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        if v.ndim != 1 or v.size == 0 or not np.all(np.isfinite(v)):
            raise ValueError(f"values must be one or more finite numbers, not {values!r}")
        return v

    def set_values(self, values: ArrayLike) -> Knobs:
        """Point every dial at its new value (a jump)."""
        values = self._check(values)
        if values.shape != (len(self.dials),):
            raise ValueError(f"{values.size} values for {len(self.dials)} knobs")
        self.values = values
        for dial, value in zip(self.dials, values, strict=True):
            disc, rim, pointer, _ = dial
            centre = disc.get_center()
            angle = -value * self.per_unit  # clockwise for positive values
            tip = centre + self.radius * 0.85 * np.array([-np.sin(angle), np.cos(angle), 0.0])
            pointer.put_start_and_end_on(centre, tip)
            rim.put_start_and_end_on(centre, tip)
        return self

    def turn_to(self, values: ArrayLike, **kwargs) -> Animation:
        """Turn every pointer to ``values`` along the straight path between the two."""
        return _TurnKnobs(self, self._check(values), **kwargs)

    def place_under(self, mobjects: Sequence, buff: float | None = None) -> Knobs:
        """Put dial ``i`` under ``mobjects[i]`` (same x), all on one row below the lowest."""
        if len(mobjects) != len(self.dials):
            raise ValueError(f"{len(mobjects)} places for {len(self.dials)} knobs")
        gap = current_theme().space.s if buff is None else buff
        low = min(m.get_bottom()[1] for m in mobjects)
        for dial, mob in zip(self.dials, mobjects, strict=True):
            dial.move_to([mob.get_x(), low - gap - self.radius, 0])
        return self


class _TurnKnobs(Animation):
    def __init__(self, knobs: Knobs, target: np.ndarray, rate_func=smooth, **kwargs):
        self.start = knobs.values.copy()
        self.target = target
        super().__init__(knobs, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        self.mobject.set_values((1 - alpha) * self.start + alpha * self.target)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_values(self.target)
