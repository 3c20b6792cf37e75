"""Part 10: KL divergence is cross-entropy minus entropy.

Part 8's picture comes back: the cross-entropy of a coin's model against q(heads), over
its floor H(p), the gap between them shaded. At the model's q(heads) the cross-entropy
stands as a bar that splits in two: the entropy of reality (surprise no model can
remove) and the KL divergence (the surprise the wrong model adds). Take the floor away
and the curve is KL itself against q(heads): zero exactly where the model is reality,
above zero everywhere else, whichever way the model errs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    CrossEntropyCurve,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    Region,
    SceneParams,
    StackedBar,
    Txt,
    current_theme,
    extent,
    format_value,
    room_below_banner,
    unit_word,
)
from scenes.kit.pacing import play_in_turn

CLEARANCE = 0.6  # nothing comes nearer the frame's edge than this: 80 px at 1080p
Q_RANGE = (0.05, 0.95)  # the models on the curve, by q(heads)
BAR = 0.16  # the width of the bar standing at the model's q(heads)
LABEL_SIZE = "label"  # the charts' labels and values, and the curve's tick labels
READOUT_SIZE = "body"  # the column of read-outs, and the curve's own labels
# Each quantity in its colour, p and q in theirs.
CE_LABEL = "{{ H : cross_entropy }}({{ p : p }}, {{ q : q }})"
H_LABEL = "{{ H : entropy }}({{ p : p }})"
KL_LABEL = '{{ "KL" : kl }}({{ p : p }} || {{ q : q }})'


def _distribution(outcomes, probs, field: str) -> it.Distribution:
    """The labelled distribution in ``field``, or a ValueError that names the field."""
    try:
        dist = it.categorical(outcomes, probs)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{field}: {error}") from None
    if len(dist) != 2:
        raise ValueError(
            f"{field} must be a coin (two outcomes): its KL is drawn against q of the first, "
            f"not {len(dist)} outcomes"
        )
    return dist


@dataclass(frozen=True)
class KLDivergenceParams(SceneParams):
    """Example values for part 10: a coin (reality) and a model of it."""

    outcomes: tuple[str, ...] = ("heads", "tails")
    reality: tuple[float, ...] = (0.5, 0.5)  # p: a fair coin
    model: tuple[float, ...] = (0.9, 0.1)  # q: a model that thinks the coin is rigged

    def __post_init__(self) -> None:
        super().__post_init__()
        p = _distribution(self.outcomes, self.reality, "reality")
        q = _distribution(self.outcomes, self.model, "model")
        lo, hi = Q_RANGE
        for name, dist in (("reality", p), ("model", q)):
            if not lo <= dist.probs[0] <= hi:
                raise ValueError(
                    f"{name} must give {self.outcomes[0]} a chance from {lo} to {hi} "
                    f"(the curve's range), not {dist.probs[0]!r}"
                )
        if abs(q.probs[0] - p.probs[0]) < 0.1:
            raise ValueError(
                "model must differ from reality by at least 0.1 on the first outcome, or "
                "there is no divergence to see"
            )

    @property
    def p(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.reality)

    @property
    def q(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.model)


def coin(heads: float) -> np.ndarray:
    return np.array([heads, 1.0 - heads])


class KLDivergence(ExplainerScene):
    Params = KLDivergenceParams
    hook = "What is cross-entropy made of?"
    takeaway = "KL is a wrong model's extra surprise: never negative, zero only at q = p."

    def body(self) -> None:
        self.split()
        self.kl_curve()
        self.match()
        self.never_negative()

    # -- the pictures ------------------------------------------------------------------

    @cached_property
    def regions(self) -> tuple[Region, Region, Region]:
        """As in part 8: the read-outs, then reality and the model, on the left, the curve
        on the right; all under the takeaway's banner, 80 px and more off the frame's
        edges. Returns the curve's, the charts' and the read-outs' regions."""
        space, main = self.theme.space, self.stage.main
        inset = CLEARANCE - self.theme.margin + space.s  # room to spare
        top = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula()).top
        inside = Region("inside", main.left + inset, main.right - inset, main.bottom, top)
        split = inside.left + inside.width * 0.4
        left = Region("left", inside.left, split, inside.bottom, inside.top)
        curve = Region("curve", split + space.l, inside.right, inside.bottom, inside.top)
        readouts, charts = left.split(2, gutter=space.m, direction=DOWN)
        return curve, charts, readouts

    @cached_property
    def curve(self) -> _Curve:
        left, _, _ = self.regions
        return _Curve(self.params.p, float(self.params.q.probs[0]), left, unit=self.unit)

    @cached_property
    def charts(self) -> VGroup:
        """Reality's bars and the model's, side by side, each named above."""
        params, space = self.params, self.theme.space
        _, region, _ = self.regions
        probe = Txt("heads", LABEL_SIZE)
        height = region.height - 3 * probe.height - 3 * space.s
        charts = VGroup(
            *(
                DistributionBars(
                    dist,
                    role=role,
                    key=role,
                    height=height,
                    bar_width=0.6,
                    spacing=0.36,
                    label_size=LABEL_SIZE,
                )
                for dist, role in ((params.p, "p"), (params.q, "q"))
            )
        ).arrange(RIGHT, buff=space.xl, aligned_edge=DOWN)
        names = VGroup(
            Txt("reality, $p$", READOUT_SIZE, "p"),
            Txt("model, $q$", READOUT_SIZE, "q"),
        )
        for name, chart in zip(names, charts, strict=True):
            name.move_to([chart.baseline.get_x(), region.top - name.height / 2, 0])
        charts.shift(
            (names.get_bottom()[1] - space.s - height - probe.height - space.s - charts[0].base_y)
            * UP
        )
        group = VGroup(charts, names)
        group.set_x(region.center[0])
        return group

    @cached_property
    def heading(self) -> VGroup:
        """H(p, q) = H(p) + KL(p‖q) in the header band, in three pieces, one per sentence."""
        space = self.theme.space
        pieces = VGroup(
            Formula(f"{CE_LABEL} =", "formula"),
            Formula(f"{H_LABEL} +", "formula"),
            Formula(KL_LABEL, "formula"),
        ).arrange(RIGHT, buff=space.s)
        # In the header band, kept the clearance off the frame's top.
        top = min(self.stage.header.top, config.frame_height / 2 - CLEARANCE)
        return pieces.move_to([self.stage.header.center[0], top - pieces.height / 2, 0])

    @cached_property
    def readouts(self) -> VGroup:
        """q(heads), then H(p, q) = H(p) + KL(p‖q) as a column of read-outs."""
        params, unit, space = self.params, self.unit, self.theme.space
        _, _, region = self.regions
        p, q = params.p, params.q
        q_heads = Readout(
            f'q("{params.outcomes[0]}")',
            q.probs[0],
            unit=None,
            key="x",
            color="q",
            size=READOUT_SIZE,
        )
        ce = Readout(
            CE_LABEL,
            float(it.cross_entropy(p, q, unit=unit)),
            unit=unit,
            key="stack.CE",
            color="cross_entropy",
            size=READOUT_SIZE,
        )
        h = Readout(
            H_LABEL,
            float(it.entropy(p, unit=unit)),
            unit=unit,
            key="stack.H",
            color="entropy",
            size=READOUT_SIZE,
        )
        kl = Readout(
            KL_LABEL,
            float(it.kl_divergence(p, q, unit=unit)),
            unit=unit,
            key="stack.KL",
            color="kl",
            size=READOUT_SIZE,
        )
        column = VGroup(q_heads, ce, h, kl).arrange(DOWN, aligned_edge=LEFT, buff=space.s)
        return region.place(column, align=UL)

    # -- beats ---------------------------------------------------------------------------

    def prelude(self) -> None:
        """Part 8's picture: the curve on its floor, the gap shaded, the model on it."""
        curve = self.curve
        # Alone, it stands in the middle of the frame; the split moves it to its side.
        self.aside = (curve.get_x() - self.stage.main.center[0]) * RIGHT
        curve.shift(-self.aside)
        curve.moved_by(-self.aside)
        play_in_turn(self, 1.6, *curve.appear())
        self.add(curve, curve.dot)  # one piece from here on

    def split(self) -> None:
        params, unit, curve = self.params, self.unit, self.curve
        q_heads, ce, h, kl = self.readouts
        charts, names = self.charts
        stack = curve.stack
        values = {name: r.value for name, r in zip(("CE", "H", "KL"), (ce, h, kl), strict=True)}
        with self.beat("split"):
            coin_words = "A fair coin" if np.isclose(params.p.probs[0], 0.5) else "A coin"
            said = self.say(
                f"{coin_words}, and a model that bets {format_value(params.q.probs[0], 2)} on "
                f"{params.outcomes[0]}: its cross-entropy, {format_value(values['CE'])} "
                f"{unit_word(unit, values['CE'])}, splits in two."
            )
            heading = self.heading
            half = said.duration / 2
            # The curve makes room for reality and the model, which come in beside it.
            self.play(VGroup(curve, curve.dot).animate.shift(self.aside), run_time=half / 2)
            curve.moved_by(self.aside, dot=False)
            self.play(
                FadeIn(charts, shift=UP / 8), FadeIn(names), FadeIn(q_heads), run_time=half / 2
            )
            self.play(
                GrowFromEdge(stack.bar, DOWN),
                FadeIn(ce, shift=LEFT / 8),
                FadeIn(heading[0], shift=DOWN / 8),
                run_time=half,
            )
            said = self.say(
                f"Entropy, {format_value(values['H'])} {unit_word(unit, values['H'])}, "
                "that no model can remove,"
            )
            self.play(
                stack.entropy_segment.animate.set_fill(self.theme.color.entropy),
                Indicate(curve.floor, color=self.theme.color.entropy, scale_factor=1.02),
                FadeIn(h, shift=LEFT / 8),
                FadeIn(heading[1], shift=DOWN / 8),
                run_time=said.duration,
            )
            said = self.say(
                f"plus KL divergence, {format_value(values['KL'])} "
                f"{unit_word(unit, values['KL'])}, the surprise the wrong model adds."
            )
            self.play(
                stack.kl_segment.animate.set_fill(self.theme.color.kl),
                FadeIn(kl, shift=LEFT / 8),
                FadeIn(heading[2], shift=DOWN / 8),
                run_time=said.duration,
            )
            self.add(stack)
            self.show("heights", stack.segment_heights())
            self.show("unit_height", curve.unit_height)
            self.show("extent", extent(self.mobjects))

    def kl_curve(self) -> None:
        curve = self.curve
        with self.beat("kl-curve"):
            said = self.say(
                "Take away the floor that every model pays: what is left is KL, for every "
                "model on the curve."
            )
            old = curve.plot.y_label
            label = Formula(KL_LABEL, READOUT_SIZE).move_to(old, aligned_edge=LEFT)
            curve.plot.remove(old)  # the axis is renamed: it now reads KL
            curve.ce.remove(curve.floor)  # it comes down onto the axis, and goes
            self.play(
                curve.drop_floor(),
                FadeOut(curve.floor),
                # The new name comes down from above, clear of the ticks under it.
                FadeOut(old, shift=DOWN / 4),
                FadeIn(label, shift=DOWN / 4),
                run_time=said.duration,
            )
            self.show("kl_points", curve.kl_points())
        self.kl_label = label

    def match(self) -> None:
        params, unit, curve = self.params, self.unit, self.curve
        p = params.p
        kl_pp = float(it.kl_divergence(p, p, unit=unit))  # exactly 0: the same terms
        with self.beat("match"):
            said = self.say(
                "Slide the model toward reality: KL shrinks, and at q equal to p it is "
                f"exactly {format_value(kl_pp)}."
            )
            self.slide(p.probs[0], said.duration)
            self.show("x", curve.tracker.get_value())

    def never_negative(self) -> None:
        params, curve = self.params, self.curve
        floor = Formula(f"{KL_LABEL} >= 0", size=READOUT_SIZE)
        with self.beat("never-negative"):
            said = self.say(
                "Move the model anywhere else and KL grows: the curve touches zero only at "
                "q equal to p, so KL is never negative."
            )
            touch = curve.point(params.p.probs[0], 0)
            floor.next_to(touch, UP, buff=self.theme.space.xl)
            # Pointing down at the one place the curve touches zero (a ring would sit on
            # the axis's tick label).
            arrow = Arrow(
                floor.get_bottom(),
                touch,
                buff=self.theme.space.s,
                color=self.theme.color.highlight,
                stroke_width=4,
            )
            # Over the whole curve and back to reality: nowhere below zero.
            sweep = (*Q_RANGE, float(params.p.probs[0]))
            for x in sweep:
                self.slide(x, said.duration * 0.75 / len(sweep))
            self.play(FadeIn(floor), GrowArrow(arrow), run_time=said.duration * 0.25)
            self.show("lowest", curve.minimum())
            self.show("extent", extent(self.mobjects))

    def slide(self, x: float, run_time: float) -> None:
        """Move the model to q(heads) = ``x``: the slider, its bar, the model's chart and
        the read-outs follow."""
        curve, (q_heads, ce, _h, kl) = self.curve, self.readouts
        chart = self.charts[0][1]
        p, unit = self.params.p, self.unit
        t = curve.tracker
        followers = [
            chart.add_updater(lambda m: m.set_probs(coin(t.get_value()))),
            q_heads.track(t.get_value),
            ce.track(lambda: float(it.cross_entropy(p, coin(t.get_value()), unit=unit))),
            kl.track(lambda: float(it.kl_divergence(p, coin(t.get_value()), unit=unit))),
        ]
        self.play(curve.slide_to(x), run_time=run_time)
        for mob in followers:
            mob.clear_updaters()

    def finale(self) -> None:
        """While the takeaway is said, the model runs back to where it started."""
        said = max(self.narrator.free_at - self.time, 2.0)
        self.slide(self.params.q.probs[0], said)


class _Curve(VGroup):
    """Part 8's curve (the kit's :class:`CrossEntropyCurve` for a coin: cross-entropy
    against q(heads) over the floor H(p), the gap shaded), with the model on it: a dot
    and a stacked bar (H(p) below, KL above) standing at the model's q(heads).
    :meth:`drop_floor` brings curve, gap and floor down by H(p): the curve is then KL."""

    def __init__(self, p: it.Distribution, model_heads: float, region: Region, *, unit: str):
        super().__init__()
        theme = current_theme()
        space = theme.space
        self.p, self.unit = p, unit
        probe = Txt("0.75", LABEL_SIZE)
        name = f'q("{p.outcomes[0]}")'
        heads = float(p.probs[0])
        top = float(np.max(it.coin_cross_entropy_curve(heads, *Q_RANGE, unit=unit)[1]))
        self.ce = CrossEntropyCurve.for_coin(
            heads,
            q_range=Q_RANGE,
            unit=unit,
            key="curve",
            x_label=name,
            y_max=float(np.ceil(2 * top + 0.4) / 2),  # a half unit over the top
            width=region.width - probe.width - 3 * space.m - Txt("q(heads)", READOUT_SIZE).width,
            height=region.height - 2 * (probe.height + space.m) - space.s,
            tick_size=LABEL_SIZE,
            label_size=READOUT_SIZE,
        )
        # The read-out of H(p) and the inequality are said here by the read-outs column.
        self.ce.remove(self.ce.floor_readout, self.ce.inequality)
        region.place(self.ce)
        self.plot, self.curve, self.floor, self.gap = (
            self.ce.plot,
            self.ce.curve,
            self.ce.floor,
            self.ce.gap,
        )
        self.entropy = self.ce.entropy
        self.unit_height = float(self.point(0, 1)[1] - self.point(0, 0)[1])
        self.lowered = 0.0  # how far the curve has come down (0, then H(p))
        self.homes = [m.get_center() for m in (self.curve, self.gap, self.floor)]
        self.tracker = ValueTracker(model_heads)  # the slider: the model's q(heads)
        self.dot = Dot(radius=0.08, color=theme.color.highlight)
        self.stack = StackedBar(
            p,
            coin(model_heads),
            unit=unit,
            unit_height=self.unit_height,
            width=BAR,
            readouts=False,
        )
        self.stack.remove(self.stack.bracket, self.stack.baseline)
        self.stack.merge()
        self._redraw()
        self.add(self.ce)

    # -- numbers ------------------------------------------------------------------------

    def cross_entropy(self, x: float) -> float:
        return self.ce.cross_entropy(x)

    def point(self, x: float, y: float) -> np.ndarray:
        return self.ce.point(x, y)

    def kl_points(self) -> np.ndarray:
        """The curve as drawn, read back in data units: ``(q, height)`` rows."""
        origin = self.point(0, 0)
        x1 = self.point(1, 0)[0] - origin[0]
        # A curve of corners: every fourth point starts a segment, the last ends the curve.
        pts = np.vstack([self.curve.points[0::4], self.curve.points[-1:]])
        return np.column_stack(
            [(pts[:, 0] - origin[0]) / x1, (pts[:, 1] - origin[1]) / self.unit_height]
        )

    def minimum(self) -> tuple[float, float]:
        """The lowest point of the curve as drawn, in data units."""
        pts = self.kl_points()
        low = int(np.argmin(pts[:, 1]))
        return float(pts[low, 0]), float(pts[low, 1])

    # -- the picture ------------------------------------------------------------------

    def _redraw(self) -> None:
        """Curve, gap and floor lowered by ``self.lowered``; the dot and its bar."""
        down = self.lowered * self.unit_height * DOWN
        for mob, home in zip((self.curve, self.gap, self.floor), self.homes, strict=True):
            mob.move_to(home + down)
        x = self.tracker.get_value()
        here = self.point(x, self.cross_entropy(x) - self.lowered)
        self.dot.move_to(here)
        self.stack.set_model(coin(x))
        # The bar stands on the floor's old place, lowered with the curve.
        ground = self.point(0, -self.lowered)[1]
        self.stack.shift([here[0] - self.stack.base[0], ground - self.stack.base[1], 0])
        if self.lowered > 0:
            # What has sunk below the axis is cut off: only KL is left standing.
            axis = self.point(0, 0)[1]
            segment = self.stack.entropy_segment
            left, right = segment.get_left()[0], segment.get_right()[0]
            top = max(segment.get_top()[1], axis)
            corners = [[left, axis, 0], [right, axis, 0], [right, top, 0], [left, top, 0]]
            segment.set_points_as_corners([*corners, corners[0]])

    def moved_by(self, offset: np.ndarray, *, dot: bool = True) -> None:
        """Bring along what the picture places itself by, after it has been shifted by
        ``offset``: the homes of curve, gap and floor, the bar and (unless it moved with
        the picture) the dot."""
        self.homes = [home + offset for home in self.homes]
        self.stack.shift(offset)
        if dot:
            self.dot.shift(offset)

    def appear(self) -> tuple[tuple[Animation, ...], ...]:
        """The steps that draw part 8's picture, in turn: axes, curve and floor, the gap
        rising to the curve with the model's dot on it."""
        plot = self.plot
        return (
            (Create(plot.axes), FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label)),
            (Create(self.curve), Create(self.floor)),
            (self.ce.shade_gap(), FadeIn(self.dot, scale=0.5)),
        )

    def slide_to(self, x: float) -> Animation:
        return _Slide(self, float(x))

    def drop_floor(self) -> Animation:
        """Everything comes down by H(p): the floor onto the axis, the curve onto KL."""
        return _Lower(self, self.entropy)


class _Slide(Animation):
    def __init__(self, curve: _Curve, target: float, rate_func=smooth, **kwargs):
        self.target = target
        super().__init__(curve, rate_func=rate_func, **kwargs)

    def begin(self) -> None:
        self.start = self.mobject.tracker.get_value()
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        self.mobject.tracker.set_value(self.start + alpha * (self.target - self.start))
        self.mobject._redraw()

    def finish(self) -> None:
        super().finish()
        self.mobject.tracker.set_value(self.target)
        self.mobject._redraw()


class _Lower(Animation):
    def __init__(self, curve: _Curve, by: float, rate_func=smooth, **kwargs):
        self.by = by
        super().__init__(curve, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        self.mobject.lowered = self.rate_func(alpha) * self.by
        self.mobject._redraw()
