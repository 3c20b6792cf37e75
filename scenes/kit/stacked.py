"""Cross-entropy as a stacked bar: the entropy of the data, plus the model's extra surprise.

::

    ┏ ┌────┐  H(p, q) = 1.737 bits      top of the bar
    ┃ │ KL │  KL(p‖q) = 0.737 bits      middle of the KL segment
    ┃ ├────┤
    ┃ │ H  │  H(p) = 1.000 bit          middle of the entropy segment
    ┗ └────┘
     ──────

The lower segment is ``H(p)`` (entropy colour), the upper one ``KL(p‖q)`` (kl
colour), and a bracket in the cross-entropy colour spans ``H(p, q)``. All three
numbers come from :mod:`infotheory` separately (``it.entropy``,
``it.kl_divergence``, ``it.cross_entropy``: KL is never a difference of
read-outs), so the picture *shows* the identity ``H(p) + KL(p‖q) = H(p, q)``
rather than assuming it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Animation,
    AnimationGroup,
    Line,
    Polygon,
    VGroup,
    VMobject,
    smooth,
)
from numpy.typing import ArrayLike

import infotheory as it
from scenes.kit.layout import keep_clear
from scenes.kit.text import Readout, resolve_color
from scenes.theme import current_theme

__all__ = ["StackedBar"]


class StackedBar(VGroup):
    """``H(p)`` with ``KL(p‖q)`` stacked on top; together they are ``H(p, q)``.

    ``p`` is reality and ``q`` the model: :class:`infotheory.Distribution` objects
    or probability vectors over the same outcomes (validated, never normalised).
    The model must give every outcome that can happen a non-zero probability, or
    KL is infinite and there is no bar to draw.

    Layout: the bar (``width`` wide, ``unit_height`` tall per unit of
    information) stands on a short baseline; read-outs sit on ``side``
    (``"right"`` or ``"left"``), top to bottom ``H(p, q)``, ``KL(p‖q)``,
    ``H(p)``, each level with the segment it names and nudged apart when
    segments get thin; a bracket on the other side spans the total.
    ``readouts=False`` draws the bar alone.

    Read-outs are keyed ``"{key}.H"``, ``"{key}.KL"`` and ``"{key}.CE"``.
    ``names=("q", "p")`` relabels the roles (``KL(q‖p)`` for the swapped pair);
    a name may be Typst maths (``"q_theta"``).

    Change the model with :meth:`set_model` (a jump), :meth:`model_to` (an
    animation along the straight path between the two models, every frame a
    true distribution with its own exact KL) or :meth:`follow` (an updater);
    :meth:`to` also moves ``p``. :meth:`merge` paints the bar as one
    cross-entropy bar and :meth:`split` animates it into its two parts.
    """

    def __init__(
        self,
        p: ArrayLike,
        q: ArrayLike,
        *,
        unit: str = "bits",
        unit_height: float = 1.0,
        width: float = 1.0,
        key: str = "stack",
        names: tuple[str, str] = ("p", "q"),
        decimals: int = 3,
        readouts: bool = True,
        side: str = "right",
        size: str | float = "label",
    ):
        super().__init__()
        if unit_height <= 0 or width <= 0:
            raise ValueError("unit_height and width must be positive")
        if side not in ("left", "right"):
            raise ValueError(f"side must be 'left' or 'right', not {side!r}")
        self.side = side
        theme = current_theme()
        self.unit = unit
        self.unit_height = float(unit_height)
        self.bar_width = float(width)
        self.key = key
        self.names = names
        self.gap = theme.gap

        self.baseline = Line(
            [-width / 2 - 0.2, 0, 0],
            [width / 2 + 0.2, 0, 0],
            color=theme.color.muted,
            stroke_width=2,
        )
        self.entropy_segment = self._segment("entropy")
        self.kl_segment = self._segment("kl")
        self.bracket = VMobject(color=resolve_color("cross_entropy"), stroke_width=theme.stroke)
        self.bracket.set_points_as_corners([[0, 0, 0], [0, 1, 0]])
        self.add(self.baseline, self.entropy_segment, self.kl_segment, self.bracket)

        a, b = names
        self.cross_readout = self._readout(f"H({a}, {b})", "CE", "cross_entropy", decimals, size)
        self.kl_readout = self._readout(f'"KL"({a} || {b})', "KL", "kl", decimals, size)
        self.entropy_readout = self._readout(f"H({a})", "H", "entropy", decimals, size)
        self.readouts = VGroup(self.cross_readout, self.kl_readout, self.entropy_readout)
        if readouts:
            self.add(self.readouts)
        self.set_distributions(p, q)

    # -- construction helpers ------------------------------------------------------

    @staticmethod
    def _segment(role: str) -> Polygon:
        square = Polygon(
            [0, 0, 0],
            [1, 0, 0],
            [1, 1, 0],
            [0, 1, 0],
            fill_color=resolve_color(role),
            fill_opacity=0.85,
            stroke_width=0,
        )
        return keep_clear(square)

    def _readout(self, label: str, suffix: str, role: str, decimals: int, size) -> Readout:
        return Readout(
            label,
            0.0,
            unit=self.unit,
            decimals=decimals,
            key=f"{self.key}.{suffix}",
            color=role,
            label_color=role,
            size=size,
        )

    # -- values --------------------------------------------------------------------

    @property
    def values(self) -> tuple[float, float, float]:
        """``(H(p), KL(p‖q), H(p, q))`` as computed by :mod:`infotheory`."""
        return self.entropy, self.kl, self.cross_entropy

    def set_distributions(self, p: ArrayLike, q: ArrayLike) -> StackedBar:
        """Show reality ``p`` and model ``q`` (a jump, no animation)."""
        p = it.as_distribution(p, name="p")
        q = it.as_distribution(q, name="q")
        kl = float(it.kl_divergence(p, q, unit=self.unit))
        if not np.isfinite(kl):
            raise ValueError(
                "the model gives probability 0 to an outcome that happens: "
                "KL is infinite and the bar cannot be drawn"
            )
        self.p, self.q = p, q
        self.entropy = float(it.entropy(p, unit=self.unit))
        self.kl = kl
        self.cross_entropy = float(it.cross_entropy(p, q, unit=self.unit))
        self._redraw()
        return self

    def set_model(self, q: ArrayLike) -> StackedBar:
        """Keep reality, show another model ``q``."""
        return self.set_distributions(self.p, q)

    # -- geometry ------------------------------------------------------------------

    @property
    def base(self) -> np.ndarray:
        """The bottom centre of the bar (follows the group when it moves)."""
        return self.baseline.get_center()

    def level(self, value: float) -> float:
        """The screen ``y`` of ``value`` units above the baseline."""
        return float(self.base[1] + value * self.unit_height)

    def _redraw(self) -> None:
        x0, y0 = self.base[0], self.base[1]
        half = self.bar_width / 2
        y_h = y0 + self.entropy * self.unit_height
        y_kl = y_h + self.kl * self.unit_height
        for seg, lo, hi in ((self.entropy_segment, y0, y_h), (self.kl_segment, y_h, y_kl)):
            corners = [
                [x0 - half, lo, 0],
                [x0 + half, lo, 0],
                [x0 + half, hi, 0],
                [x0 - half, hi, 0],
            ]
            seg.set_points_as_corners([*corners, corners[0]])
        # The bracket spans the cross-entropy as infotheory computes it, not the sum
        # of the segments: the two agreeing on screen is the identity, shown.
        y_ce = y0 + self.cross_entropy * self.unit_height
        # The bracket stands on the side away from the read-outs, ticks toward the bar.
        away = -1 if self.side == "right" else 1
        xb, tick = x0 + away * (half + 0.18), -away * 0.1
        self.bracket.set_points_as_corners(
            [[xb + tick, y0, 0], [xb, y0, 0], [xb, y_ce, 0], [xb + tick, y_ce, 0]]
        )
        self._place_readouts(y0, y_h, y_kl, y_ce)

    def _place_readouts(self, y0: float, y_h: float, y_kl: float, y_ce: float) -> None:
        entropy_r, kl_r, cross_r = self.entropy_readout, self.kl_readout, self.cross_readout
        entropy_r.set_value(self.entropy)
        kl_r.set_value(self.kl)
        cross_r.set_value(self.cross_entropy)
        step = max(r.height for r in self.readouts) + 0.22  # one line plus a gap
        # Each read-out beside the middle of what it names, pushed up to keep clear.
        y_entropy = (y0 + y_h) / 2
        y_div = max((y_h + y_kl) / 2, y_entropy + step)
        y_cross = max(y_ce, y_div + step)
        toward = 1 if self.side == "right" else -1
        x = self.base[0] + toward * (self.bar_width / 2 + self.gap)
        edge = LEFT if self.side == "right" else RIGHT
        for r, y in ((entropy_r, y_entropy), (kl_r, y_div), (cross_r, y_cross)):
            r.move_to([x, y, 0], aligned_edge=edge)

    # -- pictures and motion -------------------------------------------------------

    def segment_heights(self) -> tuple[float, float, float]:
        """On-screen heights of the entropy segment, the KL segment and the bracket."""

        def span(mob: VMobject) -> float:
            ys = mob.points[:, 1]
            return float(ys.max() - ys.min())

        return span(self.entropy_segment), span(self.kl_segment), span(self.bracket)

    def merge(self) -> StackedBar:
        """Paint both segments in the cross-entropy colour: one bar, until :meth:`split`."""
        for segment in self.bar:
            segment.set_fill(resolve_color("cross_entropy"))
        return self

    def split(self, **kwargs) -> Animation:
        """Repaint a merged bar: entropy below, KL above. The cross-entropy comes apart."""
        return AnimationGroup(
            self.entropy_segment.animate.set_fill(resolve_color("entropy")),
            self.kl_segment.animate.set_fill(resolve_color("kl")),
            **kwargs,
        )

    @property
    def bar(self) -> VGroup:
        """The two segments, entropy below and KL above."""
        return VGroup(self.entropy_segment, self.kl_segment)

    def model_to(self, q: ArrayLike, **kwargs) -> Animation:
        """Animate to model ``q``: the KL segment grows or shrinks, ``H(p)`` stays put."""
        return self.to(q=q, **kwargs)

    def to(self, *, p: ArrayLike | None = None, q: ArrayLike | None = None, **kwargs) -> Animation:
        """Animate reality and/or the model along straight paths (mixtures stay distributions)."""
        p1 = self.p if p is None else it.as_distribution(p, name="p")
        q1 = self.q if q is None else it.as_distribution(q, name="q")
        return _StackTo(self, p1, q1, **kwargs)

    def follow(self, q_of: Callable[[], ArrayLike]) -> StackedBar:
        """Show the model ``q_of()`` on every frame (until :meth:`unfollow`)."""
        self.add_updater(lambda m: m.set_model(q_of()))
        return self

    def unfollow(self) -> StackedBar:
        """Stop following the model set by :meth:`follow`."""
        self.clear_updaters()
        return self


class _StackTo(Animation):
    def __init__(self, stack: StackedBar, p: np.ndarray, q: np.ndarray, rate_func=smooth, **kwargs):
        self.origin = (stack.p.copy(), stack.q.copy())
        self.target = (p, q)
        super().__init__(stack, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        (p0, q0), (p1, q1) = self.origin, self.target
        self.mobject.set_distributions((1 - alpha) * p0 + alpha * p1, (1 - alpha) * q0 + alpha * q1)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_distributions(*self.target)
