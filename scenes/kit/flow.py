"""Probability that visibly moves: weight poured from the bars that lose it into those that gain it.

A change of belief, from one distribution to another over the same outcomes, is a
transfer: what some outcomes lose, others gain. :func:`transport_plan` says who gives how
much to whom, and :class:`WeightFlow` shows it on a :class:`~scenes.kit.bars.DistributionBars`
chart: a slice lifts off the top of each losing bar, arcs over and lands on top of a
gaining bar, one after another. The chart's read-outs count each slice out of its bar and
into the other as it travels, so they add up to exactly the same total on every frame::

    chart = DistributionBars(before, role="q", value_side="bottom")  # room above the bars
    self.play(WeightFlow(chart, after), run_time=2.5)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Animation, Rectangle, VGroup, smooth
from numpy.typing import ArrayLike

from scenes.kit.bars import DistributionBars, probs_and_labels

__all__ = ["WeightFlow", "transport_plan"]


def transport_plan(start: ArrayLike, end: ArrayLike) -> list[tuple[int, int, float]]:
    """How weight moves from ``start`` to ``end`` (two distributions over the same outcomes):
    ``(giver, taker, amount)`` triples, each giver's loss shared among the takers in
    proportion to what they gain. Largest gifts first; nothing moves between equal entries.
    """
    p0 = np.asarray(start, dtype=float)
    p1 = np.asarray(end, dtype=float)
    if p0.shape != p1.shape:
        raise ValueError(f"the two distributions differ in length: {p0.size} and {p1.size}")
    change = p1 - p0
    gain = np.where(change > 0, change, 0.0)
    total = gain.sum()
    if total <= 1e-12:
        return []
    plan = [
        (int(i), int(j), float(-change[i] * gain[j] / total))
        for i in np.flatnonzero(change < 0)
        for j in np.flatnonzero(gain)
    ]
    return sorted((move for move in plan if move[2] > 1e-12), key=lambda m: -m[2])


class WeightFlow(Animation):
    """Weight pours from bar to bar of ``chart`` until it shows ``target``.

    Each move of :func:`transport_plan` is a slice of its losing bar (as wide as the bar,
    as tall as the amount), which lifts off, arcs ``clearance`` units above the higher of
    its two ends and lands on the gaining bar; slices leave one after another, ``lag`` of a
    flight apart. Read-outs and ``chart.probs`` follow each slice's progress, so they always
    sum to the same total. At the end the chart shows ``target`` exactly (as
    :meth:`~scenes.kit.bars.DistributionBars.set_probs` draws it).

    ``ceiling`` (a screen ``y``) keeps the slices' tops below it, for a heading above the
    chart. Use a chart with ``value_side="bottom"`` so no read-out sits in the slices' way.
    """

    def __init__(
        self,
        chart: DistributionBars,
        target: ArrayLike | Sequence[float],
        *,
        clearance: float = 0.3,
        lag: float = 0.35,
        ceiling: float | None = None,
        rate_func=smooth,
        **kwargs,
    ):
        self.chart = chart
        self.start = chart.probs.copy()
        self.target, _ = probs_and_labels(target, chart.outcomes, name="outcomes")
        self.plan = transport_plan(self.start, self.target)
        self.clearance, self.lag, self.ceiling = clearance, lag, ceiling
        self.slices = VGroup()
        # The slices join the chart while they fly, so the chart (already on screen) is
        # what the scene redraws.
        super().__init__(chart, rate_func=rate_func, **kwargs)

    # -- geometry ------------------------------------------------------------------

    def _slice_paths(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Where each slice starts (on top of what its giver keeps) and lands."""
        chart, h = self.chart, self.chart.unit_height
        base = chart.base_y
        top = self.start.copy()  # the first slice to leave a giver is its top one
        landed = self.start.copy()  # a taker's slices land on top of what it had
        paths = []
        for i, j, amount in self.plan:
            x_i, x_j = chart.bars[i].get_x(), chart.bars[j].get_x()
            start = np.array([x_i, base + (top[i] - amount / 2) * h, 0.0])
            top[i] -= amount
            end = np.array([x_j, base + (landed[j] + amount / 2) * h, 0.0])
            landed[j] += amount
            paths.append((start, end))
        return paths

    def _window(self, k: int) -> tuple[float, float]:
        """The part of the animation (0 to 1) during which slice ``k`` is in flight."""
        n = len(self.plan)
        flight = 1.0 / (1.0 + self.lag * (n - 1))
        start = k * self.lag * flight
        return start, start + flight

    # -- Animation -----------------------------------------------------------------

    def begin(self) -> None:
        chart, h = self.chart, self.chart.unit_height
        self.paths = self._slice_paths()
        color = chart.bars[0].get_fill_color()
        opacity = chart.bars[0].get_fill_opacity()
        for (i, _, amount), (start, _) in zip(self.plan, self.paths, strict=True):
            piece = Rectangle(
                width=chart.bars[i].width,
                height=max(amount * h, 1e-3),
                fill_color=color,
                fill_opacity=0,
                stroke_width=0,
            ).move_to(start)
            piece.opacity = opacity
            self.slices.add(piece)
        chart.add(self.slices)
        super().begin()

    def _draw_bars(self, heights: np.ndarray, values: np.ndarray) -> None:
        chart = self.chart
        base = chart.base_y
        for bar, height in zip(chart.bars, heights, strict=True):
            tall = max(height * chart.unit_height, 1e-3)
            bar.stretch_to_fit_height(tall)
            bar.move_to([bar.get_x(), base + tall / 2, 0])
        for readout, value in zip(chart.values, values, strict=True):
            readout.set_value(value)
        chart.probs = np.asarray(values, dtype=float)

    def interpolate_mobject(self, alpha: float) -> None:
        values = self.start.copy()
        # A slice is part of its giver's bar until it leaves and of its taker's once it has
        # landed, so no two shapes ever meet edge to edge (no seam); in between it flies.
        heights = self.start.copy()
        for k, ((i, j, amount), (start, end)) in enumerate(zip(self.plan, self.paths, strict=True)):
            lo, hi = self._window(k)
            progress = float(np.clip((alpha - lo) / (hi - lo), 0.0, 1.0))
            t = self.rate_func(progress)
            values[i] -= amount * t
            values[j] += amount * t
            piece = self.slices[k]
            flying = 0.0 < progress < 1.0
            if progress > 0.0:
                heights[i] -= amount
            if progress >= 1.0:
                heights[j] += amount
            piece.set_fill(opacity=piece.opacity if flying else 0.0)
            piece.move_to(self._point(start, end, t, piece.height))
        self._draw_bars(heights, values)

    def _point(self, start: np.ndarray, end: np.ndarray, t: float, height: float) -> np.ndarray:
        """A slice's centre at ``t`` along its arc: straight across, and up over a hump whose
        top is ``clearance`` above the higher end (never above the ceiling)."""
        y0, y1 = start[1], end[1]
        peak = max(y0, y1) + self.clearance + height
        if self.ceiling is not None:
            peak = max(min(peak, self.ceiling - height / 2), y0, y1)
        # The parabola through both ends whose highest point is the peak.
        r0, r1 = np.sqrt(peak - y0), np.sqrt(peak - y1)
        if r0 + r1 < 1e-9:
            y = y0
        else:
            top = r0 / (r0 + r1)
            y = peak - (r0 + r1) ** 2 * (t - top) ** 2
        x = start[0] + (end[0] - start[0]) * t
        return np.array([x, y, 0.0])

    def finish(self) -> None:
        super().finish()
        self.chart.remove(self.slices)
        self.chart.set_probs(self.target)
