"""Curves on axes, with a tracker dot and a live read-out.

The curve's points come from an :mod:`infotheory` curve function, and the
tracker's height and read-out from the exact function it samples, so what the
dot says is the maths, not an interpolation of the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Animation,
    Axes,
    DashedLine,
    Dot,
    Line,
    ManimColor,
    ValueTracker,
    VGroup,
    VMobject,
)

import infotheory as it
from infotheory.units import log_factor
from scenes.kit.dashes import DashedSegment
from scenes.kit.text import Formula, Readout, Txt, format_value, resolve_color
from scenes.theme import current_theme

__all__ = ["CurvePlot", "SurprisePlot", "nice_ticks"]


def _tick_text(value: float) -> str:
    return f"{value:g}"


def nice_ticks(top: float, count: int = 4, whole: bool = False) -> tuple[float, ...]:
    """Round tick values in ``(0, top]``: the finest step of 1, 2, 2.5 or 5 times a power
    of ten that gives at most ``count`` ticks (``whole``: whole-number steps only)."""
    if not top > 0:
        raise ValueError(f"ticks need a positive top, not {top!r}")
    magnitude = 10 ** math.floor(math.log10(top / count))
    steps = [m * magnitude * scale for scale in (1, 10) for m in (1, 2, 2.5, 5)]
    if whole:
        steps = [max(1.0, round(step)) for step in steps]
    step = min(s for s in steps if int(top / s + 1e-9) <= count)
    return tuple(float(round(k * step, 10)) for k in range(1, int(top / step + 1e-9) + 1))


class CurvePlot(VGroup):
    """Axes with a curve drawn from arrays ``x, y``.

    ``x_label``/``y_label`` are Typst maths. Tick values are listed explicitly
    (``x_ticks``, ``y_ticks``) so labels never crowd; ``tick_format`` prints them
    (``y_tick_format``, if given, prints the y ticks), ``label_gap`` from the axis.
    ``tick_size`` and ``label_size`` are the type sizes of the tick labels and of the
    axis labels. The curve is in palette role ``role``. Call :meth:`add_tracker` to get a dot that
    follows the exact function ``f`` with a live read-out.
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        *,
        x_range: Sequence[float],
        y_range: Sequence[float],
        x_ticks: Sequence[float] = (),
        y_ticks: Sequence[float] = (),
        x_label: str = "x",
        y_label: str = "y",
        role: str = "surprise",
        width: float = 6.5,
        height: float = 4.0,
        tick_format: Callable[[float], str] = _tick_text,
        y_tick_format: Callable[[float], str] | None = None,
        label_gap: float = 0.15,
        tick_size: str | float = "small",
        label_size: str | float = "label",
    ):
        super().__init__()
        theme = current_theme()
        self.axes = Axes(
            x_range=[x_range[0], x_range[1], 1],
            y_range=[y_range[0], y_range[1], 1],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={
                "color": theme.color.muted,
                "stroke_width": 2,
                "include_ticks": False,
            },
        )
        self.tick_labels = VGroup()
        self.ticks = VGroup()
        for v in x_ticks:
            p = self.axes.c2p(v, y_range[0])
            self.ticks.add(Line(p, p + 0.1 * DOWN, color=theme.color.muted, stroke_width=2))
            self.tick_labels.add(
                Txt(tick_format(v), tick_size, "muted").next_to(p, DOWN, buff=label_gap)
            )
        for v in y_ticks:
            p = self.axes.c2p(x_range[0], v)
            self.ticks.add(Line(p, p + 0.1 * LEFT, color=theme.color.muted, stroke_width=2))
            label = (y_tick_format or tick_format)(v)
            self.tick_labels.add(Txt(label, tick_size, "muted").next_to(p, LEFT, buff=label_gap))
        self.x_label = Formula(x_label, label_size, "muted").next_to(
            self.axes.x_axis.get_right(), RIGHT, buff=0.2
        )
        self.y_label = Formula(y_label, label_size, "muted").next_to(
            self.axes.y_axis.get_top(), UP, buff=0.2
        )
        self.curve = self.plot_points(x, y, role)
        self.add(self.axes, self.ticks, self.tick_labels, self.x_label, self.y_label, self.curve)
        self.x_range, self.y_range = tuple(x_range), tuple(y_range)

    def c2p(self, x: float, y: float) -> np.ndarray:
        """The screen point of the plot coordinates (``x``, ``y``)."""
        return self.axes.c2p(x, y)

    def plot_points(
        self, x: np.ndarray, y: np.ndarray, role: str = "surprise", stroke_width: float = 5
    ) -> VMobject:
        """A smooth curve through ``(x, y)`` (points outside the y-range are clipped off)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        keep = np.isfinite(y)
        points = [self.axes.c2p(a, b) for a, b in zip(x[keep], y[keep], strict=True)]
        curve = VMobject(color=resolve_color(role), stroke_width=stroke_width)
        curve.set_points_smoothly(points)
        return curve

    def add_tracker(
        self,
        f: Callable[[float], float],
        x0: float,
        *,
        label: str,
        key: str,
        unit: str | None = "bits",
        role: str = "surprise",
        decimals: int = 3,
        readout_corner: np.ndarray = UR,
        x_label: str | None = None,
        x_role: str = "highlight",
        snap: bool = False,
        readout_size: str | float = "body",
    ) -> ValueTracker:
        """A dot at ``(x, f(x))`` driven by the returned tracker, with drop lines and a read-out.

        ``label`` is the read-out's Typst maths (``"S(p)"``); the read-out is
        keyed ``key`` and sits in ``readout_corner`` of the axes. With
        ``x_label`` (``"p"``) a second read-out above it shows ``x`` itself,
        keyed ``key + ".x"``, in palette role ``x_role`` (``"q"`` when ``x`` is a
        model's probability). ``readout_size`` is the read-outs' type size.

        ``snap=True`` keeps the two read-outs agreeing in every frame: while the dot
        moves, the value shown is ``f`` of ``x`` as the x read-out prints it (so a frame
        never shows ``p = 0.125`` beside ``2.996``); at a stop of :meth:`track_to`, and
        at ``x0``, both show the exact values.
        """
        theme = current_theme()
        tracker = ValueTracker(x0)
        color = resolve_color(role)
        self._stops = [float(x0)]

        def shown_x() -> float:
            x = tracker.get_value()
            if not snap or any(abs(x - stop) <= 1e-9 for stop in self._stops):
                return x
            return float(format_value(x, decimals))  # as the x read-out prints it

        def point() -> np.ndarray:
            return self.c2p(tracker.get_value(), f(tracker.get_value()))

        dot = Dot(point(), radius=0.09, color=theme.color.highlight)
        dot.add_updater(lambda d: d.move_to(point()))

        def drop_ends() -> list[tuple[np.ndarray, np.ndarray]]:
            x = tracker.get_value()
            return [
                (self.c2p(x, self.y_range[0]), point()),
                (self.c2p(self.x_range[0], f(x)), point()),
            ]

        def follow(group: VGroup) -> None:
            for line, ends in zip(group, drop_ends(), strict=True):
                line.put_ends(*ends)

        # Moved in place every frame: always_redraw of two DashedLines was half the render.
        down, across = drop_ends()
        drops = VGroup(
            DashedSegment(*down, color=theme.color.muted, stroke_width=2),
            DashedSegment(*across, color=color, stroke_width=2),
        )
        drops.add_updater(follow)
        readout = Readout(
            label, f(x0), unit=unit, decimals=decimals, key=key, color=role, size=readout_size
        )
        readout.track(lambda: f(shown_x()))
        if x_label is not None:
            x_readout = Readout(
                x_label,
                x0,
                unit=None,
                decimals=decimals,
                key=f"{key}.x",
                color=x_role,
                size=readout_size,
            )
            x_readout.track(tracker.get_value)
            readout = VGroup(x_readout, readout).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        readout.move_to(self.axes.get_corner(readout_corner), aligned_edge=readout_corner)
        self.tracker, self.dot, self.drops, self.readout = tracker, dot, drops, readout
        self.add(drops, dot, readout)
        return tracker

    def track_to(self, x: float, **kwargs) -> Animation:
        """Move the tracker dot to ``x`` (a stop: the read-outs land on its exact values)."""
        self._stops.append(float(x))
        return self.tracker.animate(**kwargs).set_value(x)

    def mark(self, x: float, y: float, color: str | ManimColor = "highlight") -> VGroup:
        """A fixed dot with dashed lines down and across to the axes (not added)."""
        c = resolve_color(color)
        p = self.c2p(x, y)
        return VGroup(
            DashedLine(self.c2p(x, self.y_range[0]), p, color=c, stroke_width=2),
            DashedLine(self.c2p(self.x_range[0], y), p, color=c, stroke_width=2),
            Dot(p, radius=0.07, color=c),
        )


class SurprisePlot(CurvePlot):
    """The surprise curve S(p) = log 1/p for p in (0, 1], in the scene's unit.

    The curve starts at ``p_min``; by default where it reaches the top of the plot,
    ``S(p_min) = y_max``, whatever the unit. The y ticks are whole numbers, at most
    eight of them. ``x_end`` past 1 runs the p axis on beyond the last tick, which keeps
    the axis label clear of a dot at ``p = 1``.
    """

    def __init__(
        self,
        *,
        unit: str = "bits",
        p_min: float | None = None,
        y_max: float = 6.0,
        width: float = 6.5,
        height: float = 4.0,
        x_end: float = 1.0,
        **kwargs,
    ):
        if x_end < 1.0:
            raise ValueError(f"x_end must be at least 1 (p runs to 1), not {x_end!r}")
        if p_min is None:
            p_min = math.exp(-y_max * log_factor(unit))
        p, s = it.surprise_curve(p_min=p_min, p_max=1.0, num=400, unit=unit)
        keep = s <= y_max * (1 + 1e-12)  # the top point, whatever the rounding of p_min
        self.unit = unit
        super().__init__(
            p[keep],
            s[keep],
            x_range=(0, x_end),
            y_range=(0, y_max),
            x_ticks=kwargs.pop("x_ticks", (0.25, 0.5, 0.75, 1)),
            y_ticks=kwargs.pop("y_ticks", nice_ticks(y_max, 8, whole=True)),
            x_label="p",
            y_label="S(p)",
            role="surprise",
            width=width,
            height=height,
            **kwargs,
        )

    def surprise(self, p: float) -> float:
        """The surprise of probability ``p`` in the plot's unit (infotheory's ``surprisal``)."""
        return float(it.surprisal(p, unit=self.unit))

    def add_surprise_tracker(self, p0: float = 0.5, **kwargs) -> ValueTracker:
        """A dot on the curve at ``p0`` with a live ``S(p) = ... bits`` read-out."""
        kwargs.setdefault("label", "S(p)")
        kwargs.setdefault("key", "surprise")
        return self.add_tracker(self.surprise, p0, unit=self.unit, **kwargs)
