"""Distributions as pictures: bars of probability, and strips whose area is entropy."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Animation,
    Line,
    ManimColor,
    Rectangle,
    VGroup,
    smooth,
)

import infotheory as it
from scenes.kit.baseline import align_baselines
from scenes.kit.layout import keep_clear
from scenes.kit.text import Readout, Txt, resolve_color
from scenes.theme import current_theme

__all__ = ["AverageStrip", "DistributionBars"]


def probs_and_labels(
    dist, labels: Sequence[str] | None, name: str = "labels"
) -> tuple[np.ndarray, list[str]]:
    """A chart's validated probabilities (never normalised) and one label per outcome:
    ``labels``, else the distribution's own outcome names, else 1, 2, 3, ...

    ``name`` is the caller's argument for the labels, for the error message.
    """
    probs = it.as_distribution(dist, name="probabilities")
    if labels is None:
        labels = list(getattr(dist, "outcomes", [str(i + 1) for i in range(len(probs))]))
    if len(labels) != len(probs):
        raise ValueError(f"{len(labels)} {name} for {len(probs)} probabilities")
    return probs, list(labels)


def fit_bars(n: int, width: float, *, max_slot: float, bar_share: float) -> tuple[float, float]:
    """``(bar_width, spacing)`` for ``n`` bars in ``width``: each bar and its gap take a
    slot of ``width / n``, at most ``max_slot``, the bar ``bar_share`` of it."""
    slot = min(max_slot, width / n)
    return bar_share * slot, (1 - bar_share) * slot


def bar_axis(
    outcomes: Sequence[str],
    role: str,
    *,
    bar_width: float,
    spacing: float,
    label_size: str | float = "label",
) -> tuple[Line, VGroup, VGroup]:
    """The parts every bar chart shares: a baseline along ``y = 0``, one bar per
    outcome (height 1, centred on the origin as a row) and the outcomes' names below,
    on one text baseline. Charts set the bars' heights themselves."""
    color = resolve_color(role)
    n = len(outcomes)
    xs = (np.arange(n) - (n - 1) / 2) * (bar_width + spacing)
    baseline = Line(
        [xs[0] - bar_width / 2 - 0.15, 0, 0],
        [xs[-1] + bar_width / 2 + 0.15, 0, 0],
        color=current_theme().color.muted,
        stroke_width=2,
    )
    bars = VGroup(
        *(
            Rectangle(
                width=bar_width, height=1, fill_color=color, fill_opacity=0.85, stroke_width=0
            ).move_to([x, 0.5, 0])
            for x in xs
        )
    )
    return baseline, keep_clear(bars), outcome_labels(outcomes, xs, label_size)


def outcome_labels(names: Sequence[str], xs: Sequence[float], size: str | float) -> VGroup:
    """Each outcome's name centred under ``x`` on the line ``y = 0``, all on one text
    baseline ("tree" and "person" sit on one line, as type does)."""
    labels = VGroup(
        *(
            Txt(name, size, "muted").next_to([x, 0, 0], DOWN, buff=0.2)
            for name, x in zip(names, xs, strict=True)
        )
    )
    align_baselines(labels)
    return labels


def surprise_readout(
    outcome: str, value: float, *, key: str, decimals: int, size: str | float = "label"
) -> Readout:
    """An outcome's surprise as a bare number in the surprise colour, keyed ``key[outcome]``."""
    return Readout(
        None,
        float(value),
        unit=None,
        decimals=decimals,
        key=f"{key}[{outcome}]",
        color="surprise",
        size=size,
    )


class DistributionBars(VGroup):
    """A bar per outcome: height is probability, with the outcome below and p above.

    ``dist`` is an :class:`infotheory.Distribution` or any valid probability
    vector (it is validated, never normalised). ``role`` is the palette role of
    the bars (``"p"`` for reality, ``"q"`` for a model). ``height`` is the height
    of a bar of probability 1. Read-outs are keyed ``"{key}[{outcome}]"``.

    :meth:`morph_to` animates to another distribution (every frame in between
    is a distribution too); :meth:`surprises` labels each bar with its surprise.

    ``value_side="bottom"`` puts the probabilities in a row under the outcomes' names
    instead of on the bars, so the space above the bars stays free (for weight flowing
    from bar to bar, say: :class:`~scenes.kit.flow.WeightFlow`).
    """

    def __init__(
        self,
        dist,
        labels: Sequence[str] | None = None,
        *,
        role: str = "p",
        key: str = "p",
        height: float = 3.0,
        bar_width: float = 0.8,
        spacing: float = 0.35,
        decimals: int = 2,
        show_values: bool = True,
        label_size: str | float = "label",
        value_side: str = "top",
    ):
        super().__init__()
        if value_side not in ("top", "bottom"):
            raise ValueError(f"value_side must be 'top' or 'bottom', not {value_side!r}")
        self.value_side = value_side
        self.probs, self.outcomes = probs_and_labels(dist, labels)
        self.role = role
        self.key = key
        self.unit_height = height
        self.bar_width = bar_width
        self.baseline, self.bars, self.labels = bar_axis(
            self.outcomes, role, bar_width=bar_width, spacing=spacing, label_size=label_size
        )
        self.values = VGroup(
            *(
                Readout(
                    None,
                    p,
                    unit=None,
                    decimals=decimals,
                    key=f"{key}[{name}]",
                    color=role,
                    size=label_size,
                )
                for name, p in zip(self.outcomes, self.probs, strict=True)
            )
        )
        self.add(self.baseline, self.bars, self.labels)
        if show_values:
            self.add(self.values)
        self._set_heights(self.probs)

    # -- geometry --------------------------------------------------------------

    @property
    def base_y(self) -> float:
        """The screen ``y`` of the baseline the bars stand on."""
        return self.baseline.get_center()[1]

    def bar_top(self, i: int) -> np.ndarray:
        """The top centre of bar ``i``."""
        return self.bars[i].get_top()

    def _set_heights(self, probs: np.ndarray) -> None:
        base = self.base_y
        for bar, value, p in zip(self.bars, self.values, probs, strict=True):
            height = max(p * self.unit_height, 1e-3)
            bar.stretch_to_fit_height(height)
            bar.move_to([bar.get_center()[0], base + height / 2, 0])
            value.set_value(p)
            if self.value_side == "top":
                value.next_to(bar, UP, buff=0.12)
        if self.value_side == "bottom":
            # One row under the names, whatever their descenders.
            top = self.labels.get_bottom()[1] - 0.15
            for value, label in zip(self.values, self.labels, strict=True):
                value.move_to([label.get_x(), top, 0], aligned_edge=UP)

    def set_probs(self, dist) -> DistributionBars:
        """Jump to another distribution over the same outcomes."""
        probs, _ = probs_and_labels(dist, self.outcomes)
        self.probs = probs
        self._set_heights(probs)
        return self

    def morph_to(self, dist, **kwargs) -> Animation:
        """Animate the bars (and their read-outs) to another distribution."""
        target, _ = probs_and_labels(dist, self.outcomes)
        return _MorphBars(self, target, **kwargs)

    def recolor(self, role: str) -> DistributionBars:
        """Switch the bars and read-outs to another palette role (p to q, say)."""
        self.role = role
        color = resolve_color(role)
        self.bars.set_fill(color)
        for v in self.values:
            v.number.set_color(color)
            v._color = color
        return self

    # -- overlays ----------------------------------------------------------------

    def surprises(
        self,
        *,
        unit: str = "bits",
        decimals: int = 2,
        key: str = "surprise",
        size: str | float = "label",
    ) -> VGroup:
        """Each outcome's surprise, log 1/p, as a read-out above its bar.

        Not added to the chart: place and animate it yourself (it starts above
        the probability read-outs). Keyed ``"{key}[{outcome}]"``.
        """
        values = it.surprisal(self.probs, unit=unit)
        group = VGroup()
        for i, (name, s) in enumerate(zip(self.outcomes, values, strict=True)):
            r = surprise_readout(name, s, key=key, decimals=decimals, size=size)
            anchor = self.values[i] if self.values in self.submobjects else self.bars[i]
            r.next_to(anchor, UP, buff=0.15)
            group.add(r)
        return group


class _MorphBars(Animation):
    def __init__(self, chart: DistributionBars, target: np.ndarray, rate_func=smooth, **kwargs):
        self.start_probs = chart.probs.copy()
        self.target = target
        super().__init__(chart, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        # A mixture of two distributions is a distribution: the bars always sum to 1.
        alpha = self.rate_func(alpha)  # Animation hands over raw time, not eased time
        probs = (1 - alpha) * self.start_probs + alpha * self.target
        self.mobject.probs = probs
        self.mobject._set_heights(probs)

    def finish(self) -> None:
        super().finish()
        self.mobject.probs = self.target.copy()
        self.mobject._set_heights(self.target)


class AverageStrip(VGroup):
    """Average surprise as an area: one block per outcome, side by side.

    Block *i* is ``p_i`` wide and ``log 1/q_i`` tall (``q = p`` for entropy), so
    the total area over a strip of width one is the average surprise:
    H(p) when ``q`` is ``p``, the cross-entropy H(p, q) otherwise.
    :meth:`level` animates the blocks into one bar of the same area, whose
    height *is* the average. ``width`` is the strip's width on screen and
    ``unit_height`` the height of one bit. With a model, :meth:`floor_line` marks
    ``H(p)`` (no model averages less) and :meth:`extra_bar` the model's extra cost
    above it, ``KL(p‖q)``. :meth:`morph_to` (or :meth:`set_probs`) reshapes the
    blocks for other probabilities, :attr:`average` following.
    """

    def __init__(
        self,
        p,
        q=None,
        *,
        unit: str = "bits",
        width: float = 6.0,
        unit_height: float = 1.0,
        labels: Sequence[str] | None = None,
        role: str = "surprise",
        average_role: str | None = None,
        label_size: str | float = "label",
        overhang: float = 0.1,
    ):
        super().__init__()
        self.p, self.outcomes = probs_and_labels(p, labels)
        self.q = self.p if q is None else probs_and_labels(q, self.outcomes)[0]
        self.is_entropy = q is None
        self.unit = unit
        self.heights, self.average = self._measure(self.p, self.q)
        self.strip_width = width
        self.unit_height = unit_height
        self.average_role = average_role or ("entropy" if q is None else "cross_entropy")
        color = resolve_color(role)
        theme = current_theme()

        self.blocks = VGroup()
        x = -width / 2
        for pi, h in zip(self.p, self.heights, strict=True):
            w = pi * width
            block = Rectangle(
                width=max(w, 1e-3),
                height=max(h * unit_height, 1e-3),
                fill_color=color,
                fill_opacity=0.75,
                stroke_color=theme.color.background,
                stroke_width=2,
            )
            block.move_to([x + w / 2, block.height / 2, 0])
            self.blocks.add(keep_clear(block))
            x += w
        # The baseline runs ``overhang`` past the blocks on each side (0: exactly under them).
        self.baseline = Line(
            [-width / 2 - overhang, 0, 0],
            [width / 2 + overhang, 0, 0],
            color=theme.color.muted,
            stroke_width=2,
        )
        # An impossible outcome has no block, so no label: labels[k] names blocks[labelled[k]].
        self.labelled = [i for i, pi in enumerate(self.p) if pi > 0]
        self.labels = outcome_labels(
            [self.outcomes[i] for i in self.labelled],
            [self.blocks[i].get_x() for i in self.labelled],
            label_size,
        )
        self.add(self.baseline, self.blocks, self.labels)

    def _measure(self, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, float]:
        """Each block's height (the surprise of q) and the average, from infotheory."""
        heights = np.asarray(it.surprisal(q, unit=self.unit), dtype=float)
        if not np.all(np.isfinite(heights[p > 0])):
            raise ValueError(
                "the model gives probability 0 to an outcome that happens: "
                "its surprise is infinite and the strip cannot be drawn"
            )
        average = (
            it.entropy(p, unit=self.unit)
            if self.is_entropy
            else it.cross_entropy(p, q, unit=self.unit)
        )
        return heights, float(average)

    def set_probs(self, p, q=None) -> AverageStrip:
        """Jump to other probabilities over the same outcomes: blocks, labels and
        :attr:`average` follow (an entropy strip takes ``q = p``; a cross-entropy strip
        keeps its model unless ``q`` is given). No outcome may drop to 0 here."""
        p = probs_and_labels(p, self.outcomes)[0]
        if self.is_entropy:
            q = p
        q = self.q if q is None else probs_and_labels(q, self.outcomes)[0]
        if not np.array_equal(p > 0, self.p > 0):
            raise ValueError(
                "set_probs cannot make an outcome possible or impossible "
                "(its block and label would have to appear or vanish)"
            )
        self.heights, self.average = self._measure(p, q)
        self.p, self.q = p, q
        x = self.baseline.get_left()[0] + (self.baseline.width - self.strip_width) / 2
        y = self.baseline.get_center()[1]
        for block, pi, h in zip(self.blocks, p, self.heights, strict=True):
            w = pi * self.strip_width
            block.stretch_to_fit_width(max(w, 1e-3))
            block.stretch_to_fit_height(max(h * self.unit_height, 1e-3))
            block.move_to([x + w / 2, y + block.height / 2, 0])
            x += w
        for label, i in zip(self.labels, self.labelled, strict=True):
            label.set_x(self.blocks[i].get_x())
        return self

    def morph_to(self, p, q=None, **kwargs) -> Animation:
        """Animate to other probabilities (every frame a distribution): the blocks
        reshape, their labels follow and :attr:`average` is the maths of each frame."""
        return _MorphStrip(self, p, q, **kwargs)

    def level_target(self, recolor: bool = True) -> Rectangle:
        """The single bar, as wide as the strip, whose area equals the blocks': in the
        average's colour, or with ``recolor=False`` in the blocks' own.

        Not kept clear of text (a faint copy can be a backdrop behind the numbers);
        :meth:`level` and :meth:`pour` mark the bar they leave as a bar."""
        bar = Rectangle(
            width=self.strip_width,
            height=self.average * self.unit_height,
            fill_color=resolve_color(self.average_role)
            if recolor
            else self.blocks[0].get_fill_color(),
            fill_opacity=0.75,
            stroke_width=0,
        )
        bar.next_to(self.baseline, UP, buff=0).align_to(self.blocks, LEFT)
        return bar

    def level(self, **kwargs) -> Animation:
        """Pour the blocks into one bar of the same area: its height is the average."""
        from manim import ReplacementTransform

        return ReplacementTransform(self.blocks, keep_clear(self.level_target()), **kwargs)

    def pour(self, recolor: bool = True, **kwargs) -> Animation:
        """Like :meth:`level`, but showing that area is kept: each block first flattens
        into a layer as wide as the strip (so ``p_i log 1/q_i`` tall), the layers stack
        up to the average, then merge into the levelled bar in the average's colour
        (``recolor=False``: in the blocks' colour, so no frame mixes the two; mark the
        level with :meth:`average_line`).

        The bar left on screen is :attr:`levelled`.
        """
        from manim import AnimationGroup, FadeIn, FadeOut, Succession, Transform

        target = keep_clear(self.level_target(recolor))
        left = target.get_left()[0]
        y = self.baseline.get_center()[1]
        layers = VGroup()
        for block, pi, h in zip(self.blocks, self.p, self.heights, strict=True):
            thickness = pi * h * self.unit_height if pi > 0 else 0.0
            layer = block.copy().stretch_to_fit_width(self.strip_width)
            layer.stretch_to_fit_height(max(thickness, 1e-3))
            layer.move_to([left + self.strip_width / 2, y + thickness / 2, 0])
            layers.add(layer)
            y += thickness
        self.levelled = target
        # The stacked layers fill exactly the bar's outline: a cross-fade only recolours
        # (or, in one colour, only melts the seams between the layers).
        return Succession(
            Transform(self.blocks, layers),
            AnimationGroup(FadeOut(self.blocks), FadeIn(target)),
            **kwargs,
        )

    def average_line(self, color: str | ManimColor | None = None) -> Line:
        """A dashed line at the height of the average, across the strip."""
        from manim import DashedLine

        y = self.baseline.get_center()[1] + self.average * self.unit_height
        return DashedLine(
            [self.baseline.get_left()[0], y, 0],
            [self.baseline.get_right()[0], y, 0],
            color=resolve_color(color or self.average_role),
            stroke_width=3,
        )

    @property
    def floor(self) -> float:
        """``H(p)``: the lowest average any model can reach on these outcomes."""
        return float(it.entropy(self.p, unit=self.unit))

    @property
    def extra(self) -> float:
        """``KL(p‖q)``: how far the model's average stands above the floor (0 without a model)."""
        return float(it.kl_divergence(self.p, self.q, unit=self.unit))

    def height_of(self, value: float) -> float:
        """The screen ``y`` of ``value`` (in the strip's unit) measured up from the
        baseline: where a line at that level goes (``line.set_y(strip.height_of(v))``)."""
        return self.baseline.get_center()[1] + value * self.unit_height

    def floor_line(self) -> Line:
        """A solid line in the entropy colour at ``H(p)`` across the strip: the floor."""
        y = self.height_of(self.floor)
        return Line(
            [self.baseline.get_left()[0], y, 0],
            [self.baseline.get_right()[0], y, 0],
            color=resolve_color("entropy"),
            stroke_width=4,
        )

    def extra_bar(self, width: float = 0.16) -> Rectangle:
        """A thin bar in the KL colour against the strip's right side, from the floor
        ``H(p)`` up by ``KL(p‖q)`` (computed on its own, never a difference of read-outs):
        the model's extra cost. Its top meets the average line."""
        bottom = self.height_of(self.floor)
        height = max(self.extra * self.unit_height, 1e-3)
        bar = Rectangle(
            width=width,
            height=height,
            fill_color=resolve_color("kl"),
            fill_opacity=0.9,
            stroke_width=0,
        )
        return bar.move_to([self.baseline.get_right()[0] + width / 2, bottom + height / 2, 0])

    def block_readouts(
        self, decimals: int = 2, key: str = "surprise", size: str | float = "label"
    ) -> VGroup:
        """Each block's height (its surprise), as a read-out above it (type size ``size``)."""
        group = VGroup()
        for name, block, h, pi in zip(
            self.outcomes, self.blocks, self.heights, self.p, strict=True
        ):
            if pi == 0:
                continue
            r = surprise_readout(name, h, key=key, decimals=decimals, size=size)
            r.next_to(block, UP, buff=0.12)
            group.add(r)
        return group


class _MorphStrip(Animation):
    def __init__(self, strip: AverageStrip, p, q=None, rate_func=smooth, **kwargs):
        self.start = (strip.p.copy(), strip.q.copy())
        target_p = probs_and_labels(p, strip.outcomes)[0]
        target_q = (
            target_p
            if strip.is_entropy
            else (strip.q if q is None else probs_and_labels(q, strip.outcomes)[0])
        )
        self.target = (target_p, target_q)
        super().__init__(strip, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        # A mixture of two distributions is a distribution: every frame is one.
        alpha = self.rate_func(alpha)
        (p0, q0), (p1, q1) = self.start, self.target
        self.mobject.set_probs((1 - alpha) * p0 + alpha * p1, (1 - alpha) * q0 + alpha * q1)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_probs(*self.target)
