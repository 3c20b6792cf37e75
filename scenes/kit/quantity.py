"""A quantity in a unit as a bar of blocks: so many bits, and what each part contributes.

::

              H = 13.29 bits                           total, over a brace
    ⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞⏞
   │ 3.32  │ 3.32  │ 3.32  │ 3.32  │                   one block per part, its value inside
       7       3       0       9                       the parts' labels

A 4-digit PIN is 4 × log2 10 bits; a password of n characters from an alphabet of N is
n blocks of log2 N; ``H(X, Y)`` is ``H(X)`` then ``H(Y | X)``. Block *i* is
``segments[i]`` units long, so lengths compare across the bar, and the brace spans
``total`` as :mod:`infotheory` computes it (``it.entropy_of_draws``,
``it.joint_entropy``): the blocks filling the brace exactly is the identity, shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import (
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Brace,
    Create,
    FadeIn,
    GrowFromCenter,
    GrowFromEdge,
    LaggedStart,
    Line,
    Polygon,
    ReplacementTransform,
    VGroup,
    smooth,
)

from scenes.kit.baseline import align_baselines
from scenes.kit.text import Readout, Txt, resolve_color
from scenes.theme import current_theme

__all__ = ["QuantityBar"]

_AXES = {"right": (RIGHT, UP), "up": (UP, RIGHT)}  # (along the bar, across it)


def _values(segments: Sequence[float], name: str = "segments") -> list[float]:
    values = [float(v) for v in segments]
    if not values:
        raise ValueError(f"{name} is empty; a quantity bar needs at least one part")
    for i, v in enumerate(values):
        if not (math.isfinite(v) and v >= 0):
            raise ValueError(f"{name}[{i}] = {v!r}; every part must be finite and >= 0")
    return values


class QuantityBar(VGroup):
    """A quantity in ``unit`` (bits by default) as a bar of labelled blocks, with its total.

    ``segments`` are the parts' values (from :mod:`infotheory`), drawn end to end along
    ``direction`` (``"right"``: a row, ``"up"``: a stack), ``unit_length`` screen units
    per unit of information, or scaled so the total is ``length`` long (by default 6 for
    a row, 4 for a stack); the whole bar is built centred on the origin.
    ``labels`` names each block (plain text, as :class:`Txt` takes it: ``"7"``,
    ``"$H(X)$"``), under a row or left of a stack. ``total`` is the whole quantity,
    spanned by a brace with a read-out (``total_label`` is its Typst maths label, e.g.
    ``"H"``); pass infotheory's value so the picture checks the identity rather than
    assumes it; without it, the blocks' sum is shown. ``role`` colours the blocks (one
    palette role, or one per block).

    ``size`` is the type size of the blocks' values and labels, ``total_size`` that of the
    total's read-out.

    Read-outs are keyed ``"{key}[i]"`` (block *i*'s value, inside it; ``values=False``
    leaves them out) and ``"{key}.total"``.

    Motion: :meth:`grow` brings blocks in one after another (``grow(0, 1)`` the first,
    ``grow(1)`` the rest), :meth:`show_total` the brace and its read-out, :meth:`to`
    animates to other values (the same number of blocks), :meth:`set_segments` jumps,
    :meth:`relabel` turns the labels into others.
    Every part is in the group from the start, so after animating parts in, ``self.add``
    the bar once to keep it as one piece.
    """

    def __init__(
        self,
        segments: Sequence[float],
        *,
        labels: Sequence[str] | None = None,
        total: float | None = None,
        unit: str | None = "bits",
        direction: str = "right",
        length: float | None = None,
        unit_length: float | None = None,
        thickness: float = 0.8,
        role: str | Sequence[str] = "entropy",
        key: str = "Q",
        total_label: str | None = None,
        decimals: int = 2,
        values: bool = True,
        size: str | float = "small",
        total_size: str | float = "label",
    ):
        super().__init__()
        if direction not in _AXES:
            raise ValueError(f"direction must be 'right' or 'up', not {direction!r}")
        parts = _values(segments)
        if labels is not None and len(labels) != len(parts):
            raise ValueError(f"{len(labels)} labels for {len(parts)} segments")
        roles = [role] * len(parts) if isinstance(role, str) else list(role)
        if len(roles) != len(parts):
            raise ValueError(f"{len(roles)} roles for {len(parts)} segments")
        if length is not None and unit_length is not None:
            raise ValueError("give length or unit_length, not both")
        if thickness <= 0:
            raise ValueError(f"thickness must be positive, not {thickness!r}")
        theme = current_theme()
        self.along, self.across = _AXES[direction]
        self.direction = direction
        self.unit = unit
        self.key = key
        self.thickness = float(thickness)
        self.gap = theme.gap
        self.segments = parts
        self.total = math.fsum(parts) if total is None else _values([total], "total")[0]
        if unit_length is None:
            if length is None:
                length = 6.0 if direction == "right" else 4.0
            unit_length = length / max(self.total, *parts, 1e-12)
        if not unit_length > 0:
            raise ValueError(f"unit_length must be positive, not {unit_length!r}")
        self.unit_length = float(unit_length)

        # The zero mark: where the quantity starts (and the bar's anchor when it moves).
        half = self.thickness / 2 + 0.12
        self.zero = Line(-half * self.across, half * self.across, color=theme.color.muted)
        self.zero.set_stroke(width=2)
        self.blocks = VGroup(
            *(
                Polygon(
                    *([0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]),
                    fill_color=resolve_color(r),
                    fill_opacity=0.85,
                    stroke_color=theme.color.background,
                    stroke_width=2,
                )
                for r in roles
            )
        )
        self.values = VGroup(
            *(
                Readout(
                    None,
                    v,
                    unit=None,
                    decimals=decimals,
                    key=f"{key}[{i}]",
                    color=theme.color.background,
                    size=size,
                )
                for i, v in enumerate(parts)
            )
        )
        self.label_size = size
        self.labels = VGroup(*(Txt(text, size, "muted") for text in labels or ()))
        self.brace = Brace(Line(LEFT, RIGHT), direction=self.across)  # placed by _redraw
        self.brace.set_color(theme.color.muted)
        self.total_readout = Readout(
            total_label,
            self.total,
            unit=unit,
            decimals=decimals,
            key=f"{key}.total",
            color=roles[0] if len(set(roles)) == 1 else "text",
            label_color=roles[0] if len(set(roles)) == 1 else None,
            size=total_size,
        )
        self.add(self.zero, self.blocks, self.labels, self.brace, self.total_readout)
        if values:
            self.add(self.values)
        self._redraw()
        self.move_to(ORIGIN)

    # -- geometry ----------------------------------------------------------------------

    @property
    def origin(self) -> np.ndarray:
        """Where the quantity starts, on the bar's centre line (follows the group)."""
        return self.zero.get_center()

    def point_at(self, value: float) -> np.ndarray:
        """The point on the bar's centre line ``value`` units from the start."""
        return self.origin + value * self.unit_length * self.along

    def _redraw(self) -> None:
        half = self.thickness / 2 * self.across
        ends = np.concatenate([[0.0], np.cumsum(self.segments)])
        for block, start, end in zip(self.blocks, ends[:-1], ends[1:], strict=True):
            a, b = self.point_at(start), self.point_at(max(end, start + 1e-3 / self.unit_length))
            corners = [a - half, b - half, b + half, a + half]
            block.set_points_as_corners([*corners, corners[0]])
        for readout, block, value in zip(self.values, self.blocks, self.segments, strict=True):
            readout.set_value(value)
            readout.move_to(block)
        below = -self.across if self.direction == "right" else LEFT
        if len(self.labels):
            for label, block in zip(self.labels, self.blocks, strict=True):
                label.next_to(block, below, buff=0.15)
            if self.direction == "right":
                align_baselines(self.labels)
        # The brace spans the total as given, not the blocks' sum.
        span = Line(self.point_at(0.0) + half, self.point_at(self.total) + half)
        brace = Brace(span, direction=self.across, buff=0.1, color=self.brace.get_color())
        self.brace.become(brace)
        self.total_readout.set_value(self.total)
        self.total_readout.next_to(self.brace, self.across, buff=0.12)

    # -- values --------------------------------------------------------------------------

    def set_segments(self, segments: Sequence[float], total: float | None = None) -> QuantityBar:
        """Show other values (as many as before) and their total; a jump, no animation."""
        parts = _values(segments)
        if len(parts) != len(self.segments):
            raise ValueError(f"{len(parts)} segments for a bar of {len(self.segments)} blocks")
        self.segments = parts
        self.total = math.fsum(parts) if total is None else _values([total], "total")[0]
        self._redraw()
        return self

    # -- motion --------------------------------------------------------------------------

    def grow(self, start: int = 0, stop: int | None = None, **kwargs) -> AnimationGroup:
        """Blocks ``start`` to ``stop`` (default: the last) grow in turn, with their labels
        and values; from the first block, the zero mark comes first."""
        steps = []
        for i in range(len(self.blocks))[start:stop]:
            step = [GrowFromEdge(self.blocks[i], -self.along)]
            if len(self.labels):
                step.append(FadeIn(self.labels[i]))
            if self.values in self.submobjects:
                step.append(FadeIn(self.values[i]))
            steps.append(AnimationGroup(*step))
        lead = [Create(self.zero)] if start == 0 else []
        return AnimationGroup(*lead, LaggedStart(*steps, lag_ratio=0.5), lag_ratio=1.0, **kwargs)

    def show_total(self, **kwargs) -> AnimationGroup:
        """The brace opens over the whole bar and the total appears beside it."""
        return AnimationGroup(
            GrowFromCenter(self.brace),
            FadeIn(self.total_readout, shift=0.15 * self.across),
            lag_ratio=0.4,
            **kwargs,
        )

    def relabel(self, labels: Sequence[str], **kwargs) -> AnimationGroup:
        """Each block's label turns into a new one (as many as before), in place."""
        if len(labels) != len(self.labels):
            raise ValueError(f"{len(labels)} labels for a bar of {len(self.labels)} labels")
        old = list(self.labels)
        new = [Txt(text, self.label_size, "muted") for text in labels]
        self.labels.submobjects = new  # the bar holds the new labels from now on
        self._redraw()
        return AnimationGroup(
            *(ReplacementTransform(a, b) for a, b in zip(old, new, strict=True)), **kwargs
        )

    def to(self, segments: Sequence[float], total: float | None = None, **kwargs) -> Animation:
        """Animate to other values: blocks stretch, numbers count, the brace follows."""
        parts = _values(segments)
        if len(parts) != len(self.segments):
            raise ValueError(f"{len(parts)} segments for a bar of {len(self.segments)} blocks")
        return _QuantityTo(self, parts, math.fsum(parts) if total is None else total, **kwargs)


class _QuantityTo(Animation):
    def __init__(
        self, bar: QuantityBar, segments: list[float], total: float, rate_func=smooth, **kwargs
    ):
        self.origin = (np.array(bar.segments), bar.total)
        self.target = (np.array(segments), float(total))
        super().__init__(bar, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        (s0, t0), (s1, t1) = self.origin, self.target
        # (1 - a) x0 + a x1 is exactly x1 at a = 1: the bar ends on the target values.
        self.mobject.set_segments((1 - alpha) * s0 + alpha * s1, (1 - alpha) * t0 + alpha * t1)
