"""Cross-entropy against a model's knob, standing on its floor H(p), with the gap shaded.

::

    H(p, q)
      │╲                         ╱
      │ ╲▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒╱       ▒ the gap: KL(p‖q), the extra cost of the model
      │  ╲▒▒ H(p,q) ≥ H(p) ▒▒╱
      │- - ╲_ _ _ _ _ _ _ _╱ - - -     - the floor: H(p), no model does better
      │ H(p) = 0.881 bits
      └──────────────────────────── q(heads)

A family of models ``q_x`` (one per ``x``: a coin's chance of heads, a training step)
scored on reality ``p``: the curve is ``H(p, q_x)``, every point computed by
:func:`infotheory.cross_entropy`; the floor is ``H(p)`` (:func:`infotheory.entropy`);
the shaded gap between them is, at every ``x``, ``KL(p‖q_x)``
(:func:`infotheory.kl_divergence` gives its height at the slider). Gibbs' inequality is
the picture: the curve never dips below its floor, and touches it only where the model
is reality.

Part 8 slides a coin's model along the curve (:meth:`CrossEntropyCurve.for_coin`);
part 10 reads the gap as KL (the curve minus its floor, :meth:`gap_marker`); part 11's
loss is the same curve over training steps (``x`` = step, ``models`` = the model at
each step).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Create,
    DashedLine,
    FadeIn,
    Line,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    smooth,
)
from numpy.typing import ArrayLike

import infotheory as it
from scenes.kit.plots import CurvePlot, nice_ticks
from scenes.kit.text import Formula, Readout, resolve_color
from scenes.theme import current_theme

__all__ = ["CrossEntropyCurve"]

GAP_OPACITY = 0.22  # the shaded gap: there, without hiding the grid of the plot


class CrossEntropyCurve(VGroup):
    """``H(p, q_x)`` against ``x`` on axes, over the floor ``H(p)``, the gap between shaded.

    ``p`` is reality (a distribution); ``models`` holds one model per value of ``x``
    (an ``(n, k)`` array, or a list of distributions over the same ``k`` outcomes);
    ``x`` increases strictly. Every model must give each outcome that can happen some
    chance, or its cross-entropy is infinite and there is no curve to draw.

    Parts, each a mobject to animate on its own (nothing is shown until the scene
    plays it):

    - :attr:`plot`: a :class:`~scenes.kit.plots.CurvePlot` (axes, ticks, axis labels);
      ``x_label`` (Typst maths) in palette role ``x_role``, ``y_label`` in the
      cross-entropy colour;
    - :attr:`curve`: the cross-entropy curve (``cross_entropy`` role);
    - :attr:`floor` and :attr:`floor_readout`: a dashed line at ``H(p)`` and its
      read-out ``H(p) = ...`` (``entropy`` role, keyed ``"{key}.H"``) under its left end;
    - :attr:`gap`: the region between the curve and the floor (``kl`` role, faint);
    - :attr:`inequality`: ``H(p, q) >= H(p)``, placed in the widest free stretch above
      the curve, low down, next to what it describes.

    :meth:`add_slider` puts a dot on the curve with read-outs of ``x`` and of
    ``H(p, q_x)`` (keyed ``"{key}.x"`` and ``key``), computed exactly for the model at
    the slider (between grid points, the straight mix of the two neighbouring models:
    for a coin's ``q(heads)`` that is exactly the coin at ``x``). :meth:`slide_to`
    moves it; :meth:`trace` makes the curve appear only where the slider has been.
    :meth:`show_floor` and :meth:`shade_gap` animate the floor and the gap in;
    :meth:`gap_marker` is a KL-coloured segment from the floor up to the curve at the
    slider. The numbers: :attr:`values` (the curve), :attr:`entropy` (the floor),
    :meth:`cross_entropy`, :meth:`kl` and :attr:`minimum`. ``readout_size``,
    ``tick_size`` and ``label_size`` are the type sizes of the read-outs, the tick labels
    and the axis labels.
    """

    def __init__(
        self,
        p: ArrayLike,
        models: ArrayLike,
        x: ArrayLike,
        *,
        unit: str = "bits",
        key: str = "ce",
        x_label: str = "x",
        x_role: str = "muted",
        x_range: Sequence[float] | None = None,
        x_ticks: Sequence[float] = (),
        y_max: float | None = None,
        width: float = 6.5,
        height: float = 4.2,
        tick_format: Callable[[float], str] | None = None,
        readout_size: str | float = "label",
        tick_size: str | float = "small",
        label_size: str | float = "label",
    ):
        super().__init__()
        self.p = it.as_distribution(p, name="p")
        if self.p.ndim != 1:
            raise ValueError(f"p must be one distribution (1-D), not shape {self.p.shape}")
        self.x = np.asarray(x, dtype=float)
        if self.x.ndim != 1 or self.x.size < 2:
            raise ValueError("x must be a 1-D sequence of at least two values")
        if not np.all(np.isfinite(self.x)) or np.any(np.diff(self.x) <= 0):
            raise ValueError("x must be finite and strictly increasing")
        self.models = it.as_distribution(models, name="models", axis=-1)
        if self.models.ndim != 2 or self.models.shape != (self.x.size, self.p.size):
            raise ValueError(
                f"models must hold one model over {self.p.size} outcomes per value of x "
                f"({self.x.size}), not shape {self.models.shape}"
            )
        self.unit = unit
        self.key = key
        self.values = np.asarray(it.cross_entropy(self.p, self.models, unit=unit), dtype=float)
        if not np.all(np.isfinite(self.values)):
            bad = self.x[~np.isfinite(self.values)][0]
            raise ValueError(
                f"the model at x = {bad:g} gives an outcome that happens no chance: "
                "its cross-entropy is infinite"
            )
        self.entropy = float(it.entropy(self.p, unit=unit))
        best = int(np.argmin(self.values))
        self.minimum = (float(self.x[best]), float(self.values[best]))

        lo, hi = x_range if x_range is not None else (float(self.x[0]), float(self.x[-1]))
        top = float(np.max(self.values))
        y_max = float(np.ceil(top + 0.3)) if y_max is None else float(y_max)
        if y_max <= top:
            raise ValueError(f"y_max must be above the curve's top ({top:.3f}), not {y_max!r}")
        self.plot = CurvePlot(
            self.x,
            self.values,
            x_range=(lo, hi),
            y_range=(0, y_max),
            x_ticks=x_ticks,
            y_ticks=nice_ticks(y_max, 5, whole=True),
            x_label=x_label,
            y_label="{{ H(p, q) : cross_entropy }}",
            role="cross_entropy",
            width=width,
            height=height,
            tick_size=tick_size,
            label_size=label_size,
            **({"tick_format": tick_format} if tick_format is not None else {}),
        )
        self.plot.x_label.set_color(resolve_color(x_role))
        self.plot.remove(self.plot.curve)  # drawn here through every grid point instead
        self.x_role = x_role
        self.readout_size = readout_size
        points = self.screen_points()
        self.curve = VMobject(stroke_color=resolve_color("cross_entropy"), stroke_width=5)
        self.curve.set_points_as_corners(points)

        theme = current_theme()
        floor_y = self.plot.c2p(lo, self.entropy)[1]
        self.floor = DashedLine(
            self.plot.c2p(lo, self.entropy),
            self.plot.c2p(hi, self.entropy),
            color=theme.color.entropy,
            stroke_width=3,
        )
        self.floor_readout = Readout(
            "H(p)",
            self.entropy,
            unit=unit,
            key=f"{key}.H",
            color="entropy",
            size=readout_size,
        )
        self._place_floor_readout()

        floor_points = np.column_stack(
            [points[::-1, 0], np.full(len(points), floor_y), np.zeros(len(points))]
        )
        self.gap = VMobject(fill_color=theme.color.kl, fill_opacity=GAP_OPACITY, stroke_width=0)
        self.gap.set_points_as_corners([*points, *floor_points, points[0]])
        self.gap.set_z_index(-1)  # under the curve, the floor and the axes

        self.inequality = Formula(
            "{{ H(p, q) : cross_entropy }} >= {{ H(p) : entropy }}", size=readout_size
        )
        self._place_above_curve(self.inequality)

        self.add(self.plot, self.gap, self.floor, self.curve, self.floor_readout, self.inequality)
        self.tracker: ValueTracker | None = None
        self.readouts: VGroup | None = None
        self._seen: list[float] | None = None  # the stretch traced so far, while tracing

    @classmethod
    def for_coin(
        cls,
        true_heads: float,
        *,
        q_range: tuple[float, float] = (0.05, 0.95),
        num: int = 361,
        unit: str = "bits",
        key: str = "coin",
        **kwargs,
    ) -> CrossEntropyCurve:
        """The coin's curve: models ``q = (q, 1 - q)`` for ``q(heads)`` across ``q_range``,
        against the true coin ``(true_heads, 1 - true_heads)``. The grid holds
        ``true_heads`` itself (:func:`infotheory.coin_cross_entropy_curve`), so the curve's
        lowest point is exactly on the floor. The axis runs from 0 to 1, labelled
        ``q(heads)`` in the model's colour."""
        q, _ = it.coin_cross_entropy_curve(
            true_heads, q_min=q_range[0], q_max=q_range[1], num=num, unit=unit
        )
        kwargs.setdefault("x_label", 'q("heads")')
        kwargs.setdefault("x_role", "q")
        kwargs.setdefault("x_range", (0, 1))
        kwargs.setdefault("x_ticks", (0.25, 0.5, 0.75, 1))
        return cls(
            it.rigged_coin(true_heads),
            np.column_stack([q, 1.0 - q]),
            q,
            unit=unit,
            key=key,
            **kwargs,
        )

    # -- the numbers ----------------------------------------------------------------

    def model_at(self, x: float) -> np.ndarray:
        """The model at ``x``: a grid model, or the straight mix of its two neighbours."""
        x = float(np.clip(x, self.x[0], self.x[-1]))
        i = int(np.clip(np.searchsorted(self.x, x, side="right") - 1, 0, self.x.size - 2))
        t = (x - self.x[i]) / (self.x[i + 1] - self.x[i])
        if t <= 0:
            return self.models[i]
        if t >= 1:
            return self.models[i + 1]
        return (1 - t) * self.models[i] + t * self.models[i + 1]

    def cross_entropy(self, x: float) -> float:
        """``H(p, q_x)`` for the model at ``x``."""
        return float(it.cross_entropy(self.p, self.model_at(x), unit=self.unit))

    def kl(self, x: float) -> float:
        """``KL(p‖q_x)``: the height of the gap at ``x``."""
        return float(it.kl_divergence(self.p, self.model_at(x), unit=self.unit))

    def point(self, x: float, y: float) -> np.ndarray:
        """The screen point of ``(x, y)`` on these axes."""
        return self.plot.c2p(x, y)

    def screen_points(self) -> np.ndarray:
        """The curve's grid points where the axes are now, ``(n, 3)``."""
        return np.asarray(self.plot.c2p(self.x, self.values)).T

    # -- the slider -------------------------------------------------------------------

    def add_slider(self, x0: float, *, x_name: str | None = None) -> ValueTracker:
        """A dot on the curve at ``x0`` with drop lines and read-outs: ``x_name = x``
        (in the ``x_role`` colour; ``x_name`` defaults to the axis label) and
        ``H(p, q) = ...``. The read-outs (:attr:`readouts`) stand in a row over the axes'
        right end, outside them, where neither the curve nor a drop line can cross them
        (leave that much room above the plot). Returns the tracker."""
        tracker = self.plot.add_tracker(
            self.cross_entropy,
            x0,
            label="H(p, q)",
            key=self.key,
            unit=self.unit,
            role="cross_entropy",
            x_label=x_name or self.plot.x_label.expression,
            x_role=self.x_role,
            readout_size=self.readout_size,
        )
        space = current_theme().space
        self.readouts = self.plot.readout
        self.readouts.arrange(RIGHT, buff=space.l, aligned_edge=DOWN)
        # Over the axes and their y label, right-aligned: clear of everything the plot draws.
        self.readouts.next_to(VGroup(self.plot.axes, self.plot.y_label), UP, buff=space.s)
        self.readouts.align_to(self.plot.axes, RIGHT)
        self.tracker = tracker
        return tracker

    @property
    def slider(self) -> VGroup:
        """The slider's dot and drop lines (read-outs apart)."""
        self._need_slider()
        return VGroup(self.plot.drops, self.plot.dot)

    def slide_to(self, x: float, **kwargs) -> Animation:
        """Move the slider to ``x`` (a traced curve grows as it goes)."""
        self._need_slider()
        return _Slide(self, float(x), **kwargs)

    def trace(self) -> CrossEntropyCurve:
        """From now on the curve shows only where the slider has been (call before the
        curve is shown); :meth:`stop_tracing` keeps what was traced."""
        self._need_slider()
        start = self.tracker.get_value()
        self._seen = [start, start]
        self._redraw_traced()
        return self

    def stop_tracing(self) -> CrossEntropyCurve:
        """Stop drawing the curve behind the slider; what is drawn stays."""
        self._seen = None
        return self

    def _slid(self, x: float) -> None:
        """The slider is at ``x``: widen and redraw the traced stretch."""
        self.tracker.set_value(x)
        if self._seen is not None:
            self._seen = [min(self._seen[0], x), max(self._seen[1], x)]
            self._redraw_traced()

    def _redraw_traced(self) -> None:
        lo, hi = self._seen
        keep = (self.x >= lo - 1e-12) & (self.x <= hi + 1e-12)
        if np.count_nonzero(keep) >= 2:
            self.curve.set_points_as_corners(self.screen_points()[keep])
        else:
            self.curve.clear_points()

    def gap_marker(self) -> Line:
        """A segment in the KL colour from the floor up to the curve at the slider,
        following it: the gap, ``KL(p‖q)``, at the model being tried."""
        self._need_slider()
        color = resolve_color("kl")

        def ends() -> tuple[np.ndarray, np.ndarray]:
            x = self.tracker.get_value()
            return self.point(x, self.entropy), self.point(x, self.cross_entropy(x))

        def follow(marker: Line) -> None:
            low, high = ends()
            # At the minimum the gap closes: keep a sliver, a line needs two distinct ends.
            marker.put_start_and_end_on(low, np.maximum(high, low + 1e-4 * UP))

        marker = Line(*ends(), color=color, stroke_width=7)
        marker.add_updater(follow)
        follow(marker)
        return marker

    # -- animations -------------------------------------------------------------------

    def show_floor(self, **kwargs) -> Animation:
        """Draw the floor ``H(p)`` and bring in its read-out."""
        return AnimationGroup(Create(self.floor), FadeIn(self.floor_readout), **kwargs)

    def shade_gap(self, **kwargs) -> Animation:
        """The gap rises from the floor up to the curve."""
        target = self.gap.copy()
        self.gap.stretch(1e-3, 1, about_point=self.floor.get_start())
        return Transform(self.gap, target, **kwargs)

    # -- layout -----------------------------------------------------------------------

    def _need_slider(self) -> None:
        if self.tracker is None:
            raise RuntimeError("add_slider() first: the curve has no slider yet")

    def _place_floor_readout(self) -> None:
        """Under the floor's left end if there is room above the x-axis; otherwise just
        over the floor at the end where the curve stands higher (inside the gap, under
        the curve), or, if the curve comes down too close there, past the floor's end."""
        space = current_theme().space
        readout, floor = self.floor_readout, self.floor
        room = floor.get_y() - self.plot.axes.get_bottom()[1]
        if room >= readout.height + 2 * space.s:
            readout.next_to(floor.get_start(), DOWN, buff=space.s)
            readout.align_to(floor, LEFT).shift(space.s * RIGHT)
            return
        high_left = self.values[0] >= self.values[-1]
        end = floor.get_start() if high_left else floor.get_end()
        readout.next_to(end, UP, buff=space.s)
        readout.align_to(floor, LEFT if high_left else RIGHT)
        readout.shift(space.s * (RIGHT if high_left else LEFT))
        points = self.screen_points()
        over = (points[:, 0] >= readout.get_left()[0]) & (points[:, 0] <= readout.get_right()[0])
        if np.any(points[over, 1] < readout.get_top()[1] + space.s):
            # No room by the floor: past its end, outside the axes (a scene may move it).
            readout.next_to(floor.get_end(), RIGHT, buff=space.s)

    def _place_above_curve(self, mob: VMobject) -> None:
        """Put ``mob`` over the widest stretch of x where the curve runs below it, as low
        as that leaves it clear of the curve (a margin on every side)."""
        margin = current_theme().space.s
        points = self.screen_points()
        xs, ys = points[:, 0], points[:, 1]
        top = self.plot.axes.get_top()[1]
        bottom = self.plot.c2p(self.x[0], self.entropy)[1] + margin
        for y in np.arange(bottom, top - mob.height, 0.05):
            clear = ys < y - margin
            best, run, start = None, 0, 0
            for i, ok in enumerate([*clear, False]):
                if ok and run == 0:
                    start = i
                run = run + 1 if ok else 0
                if not ok and i > 0 and clear[i - 1]:
                    left, right = xs[start] + margin, xs[i - 1] - margin
                    if best is None or right - left > best[1] - best[0]:
                        best = (left, right)
            if best is not None and best[1] - best[0] >= mob.width:
                mob.move_to([(best[0] + best[1]) / 2, y + mob.height / 2, 0])
                return
        mob.next_to(self.plot.axes, np.array([0, 1, 0]))


class _Slide(Animation):
    """The slider moving to ``target``, telling its curve where it is on every frame (so a
    traced curve grows with it, in a render and in a run without pictures alike)."""

    def __init__(self, curve: CrossEntropyCurve, target: float, rate_func=smooth, **kwargs):
        self.curve = curve
        self.target = target
        super().__init__(curve.tracker, rate_func=rate_func, **kwargs)

    def begin(self) -> None:
        self.start = self.curve.tracker.get_value()
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self.curve._slid(self.start + (self.target - self.start) * a)

    def finish(self) -> None:
        super().finish()
        self.curve._slid(self.target)  # exactly, whatever the rate function ends on
