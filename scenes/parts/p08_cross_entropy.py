"""Part 8: cross-entropy, the average surprise of a model on reality's outcomes.

Draws from reality p fall into their bins; each costs the surprise the model q
gives it, log 1/q. The running mean of those surprises settles on H(p, q) =
sum p log 1/q. Then a coin's model gets a slider: the cross-entropy, traced as
q(heads) moves, is lowest exactly at q = p, where it touches its floor H(p)
(Gibbs' inequality); the shaded gap above the floor is what a wrong model costs,
the KL divergence of part 10. The curve, its floor and the gap are the kit's
CrossEntropyCurve, which parts 10 and 11 continue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from infotheory.units import log_factor
from scenes.kit import (
    CrossEntropyCurve,
    CurvePlot,
    DistributionBars,
    DrawsParams,
    ExplainerScene,
    Formula,
    Readout,
    SampleStream,
    Scatter,
    Txt,
    fit_bars,
    format_value,
    log_symbol,
    log_words,
    resolve_color,
    room_below_banner,
    surprise_readout,
    tinted,
    unit_word,
)
from scenes.kit.checks import is_number
from scenes.kit.pacing import play_in_turn
from scenes.theme import current_theme

# The coin's cross-entropy curve is drawn for models q(heads) in this range.
Q_RANGE = (0.05, 0.95)
STREAM_HEIGHT = 4.0  # the height of a bin holding every draw (frequency 1)
CHART_WIDTH = 5.6  # the bins fit this width (most of the left half), however many outcomes
CHART_SLOT = 1.4  # the widest slot (bin and gap) one outcome gets
WRITE_AFTER = 0.6  # the share of the first line before log 1/q is written, as it is said
FORMULA_TIME = 1.5  # the cross-entropy's formula builds after its name is said
FIRST_DRAW = 0.6  # seconds for each of the first draws to fall
WRONG_BY = 0.3  # how far the takeaway's wrong guess strays from p
SWEEP_TIME = 4.0  # at least this long for the slider to trace the whole curve
AXIS_ROOM = 1.1  # around a plot's axes: its tick labels and axis labels
RING_RADIUS = 0.2  # the ring round a cost's point on the surprise curve
COIN_CHART = dict(height=2.0, bar_width=0.55, spacing=0.3, label_size="small")


@dataclass(frozen=True)
class CrossEntropyParams(DrawsParams):
    """Example values for part 8: draws from reality, each scored by the model, and a
    coin whose model moves on a slider."""

    coin_heads: float = 0.7  # the true coin's chance of heads, for the model slider
    sweep_from: float = 0.15  # the model's chance of heads when the slider starts

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            it.rigged_coin(self.coin_heads)
        except (TypeError, ValueError) as error:
            raise ValueError(f"coin_heads: {error}") from None
        if not 0.1 <= self.coin_heads <= 0.9:
            raise ValueError(
                f"coin_heads must be from 0.1 to 0.9, so its minimum shows on the curve, "
                f"not {self.coin_heads!r}"
            )
        if not is_number(self.sweep_from) or not (Q_RANGE[0] <= self.sweep_from <= Q_RANGE[1]):
            raise ValueError(
                f"sweep_from must be from {Q_RANGE[0]} to {Q_RANGE[1]}, not {self.sweep_from!r}"
            )
        if abs(self.sweep_from - self.coin_heads) < 0.1:
            raise ValueError(
                "sweep_from must start the slider at least 0.1 away from coin_heads, "
                f"not {self.sweep_from!r}"
            )


class Draws:
    """The left half: the bins draws fall into, standing in the model's outlines (what q
    expects), their counts, and each outcome's cost under the model, log 1/q, with its
    formula under the row."""

    def __init__(self, scene: CrossEntropy):
        params: CrossEntropyParams = scene.params
        unit, space, left = scene.unit, scene.theme.space, scene.stage.left
        world = params.world
        outcomes = list(world.outcomes)
        self.run = params.run(unit)
        self.surprise = np.asarray(it.surprisal(world.model.probs, unit=unit), dtype=float)
        size = "small" if len(outcomes) > 4 else "label"
        bar_width, spacing = fit_bars(
            len(outcomes), CHART_WIDTH, max_slot=CHART_SLOT, bar_share=0.7
        )

        def geometry(height: float) -> dict:
            return dict(height=height, bar_width=bar_width, spacing=spacing, label_size=size)

        # The rows under the bins do not depend on the bins' height: measure them once.
        probe = self._rows(
            SampleStream(outcomes, [0], counts="below", **geometry(1.0)), self.surprise, unit
        )
        below = -VGroup(*probe).get_bottom()[1]
        # Shares stay near p: room for the tallest share or outline, under the spout and
        # the running total at the top of the band.
        total = Txt("0 draws", size)
        base = left.bottom + below
        spout = left.top - total.height - space.m
        tallest = min(1.0, max(float(np.max(world.p)), float(np.max(world.q))) + 0.1)
        height = (spout - space.l - base) / tallest

        self.stream = stream = SampleStream(
            outcomes, self.run.samples, role="p", key="count", counts="below", **geometry(height)
        )
        self.model = DistributionBars(
            world.model, role="q", key="q", show_values=False, **geometry(height)
        )
        self.model.bars.set_fill(opacity=0).set_stroke(resolve_color("q"), width=4)
        # In front of the data: a bin that outgrows what q expects shows q's line across it.
        self.model.bars.set_z_index(1)
        self.costs, self.formula = self._rows(stream, self.surprise, unit)
        # A box that steps to the cost of the latest draw (a pointer, never a recolour).
        self.pointer = SurroundingRectangle(
            self.costs[0], color=scene.theme.color.highlight, buff=space.xs
        )
        column = VGroup(stream, self.model.bars, self.costs, self.formula, self.pointer)
        column.shift([left.center[0], base, 0])
        stream.spout.move_to([left.center[0], spout, 0])
        stream.total.move_to([left.center[0], left.top - total.height / 2, 0])
        # The total grows from its left end: keep it centred over the bins.
        stream.total.add_updater(lambda m: m.set_x(stream.baseline.get_x()))

    @staticmethod
    def _rows(stream: SampleStream, surprise: np.ndarray, unit: str) -> tuple[VGroup, Formula]:
        """The costs under the counts, and their formula under them (for ``stream`` at
        its place)."""
        space = current_theme().space
        size = stream.labels[0].font_size
        costs = VGroup(
            *(
                surprise_readout(name, s, key="S", decimals=2, size=size)
                for name, s in zip(stream.outcomes, surprise, strict=True)
            )
        )
        row = stream.count_readouts.get_bottom()[1] - space.m
        for i, cost in enumerate(costs):
            cost.move_to([stream.bin_x(i), row, 0], aligned_edge=UP)
        formula = Formula(
            f"{{{{ {log_symbol(unit)} 1/{{{{ q(x) : q }}}} : surprise }}}}", size="body"
        ).next_to(costs, DOWN, buff=space.s)
        return costs, formula

    def point_at_last(self, pointer: Mobject) -> None:
        """Updater: the pointer frames the cost of the latest draw."""
        if self.stream.last is not None:
            pointer.move_to(self.costs[self.stream.last])


class BitsPlots:
    """The right half: one pair of axes in bits, first under the surprise curve log 1/q
    with each outcome's cost on it, then (the x-axis turned from q to draws n) under each
    draw's cost and their running mean."""

    def __init__(self, scene: CrossEntropy, draws: Draws):
        unit, right, space = scene.unit, scene.stage.right, scene.theme.space
        run, world = draws.run, scene.params.world
        y_max = float(np.ceil(np.max(draws.surprise[world.true.probs > 0]) + 0.4))
        y_ticks = tuple(range(1, int(y_max) + 1))
        readouts_room = 2 * Txt("H", "label").height + 3 * space.m
        size = dict(width=right.width - AXIS_ROOM, height=right.height - AXIS_ROOM - readouts_room)
        q, s = it.surprise_curve(
            p_min=float(np.exp(-y_max * log_factor(unit))), p_max=1.0, unit=unit
        )
        self.surprise = CurvePlot(
            q,
            s,
            x_range=(0, 1),
            y_range=(0, y_max),
            x_ticks=(0.25, 0.5, 0.75, 1),
            y_ticks=y_ticks,
            x_label="q(x)",
            y_label=f'"{unit_word(unit)}"',
            role="surprise",
            **size,
        )
        self.surprise.x_label.set_color(resolve_color("q"))
        n_all = len(run.samples)
        x_max = float(np.log10(n_all))
        self.mean = CurvePlot(
            np.log10(np.arange(1, n_all + 1)),
            run.running_mean,
            x_range=(0, x_max),
            y_range=(0, y_max),
            x_ticks=[k for k in range(0, 5) if k <= x_max],
            y_ticks=y_ticks,
            x_label="n",
            y_label=f'"{unit_word(unit)}"',
            role="cross_entropy",
            tick_format=lambda v: f"{10**v:.0f}",
            y_tick_format=lambda v: f"{v:g}",
            **size,
        )
        self.mean.remove(self.mean.curve)
        for plot in (self.surprise, self.mean):
            right.place(plot, align=DOWN)
            plot.shift(self.surprise.axes.get_origin() - plot.axes.get_origin())
        # Each outcome's cost as a point on the curve, named beside it (outcomes the model
        # gives the same chance share a point and a name).
        self.marks = VGroup(
            *(
                Dot(self.surprise.c2p(qi, si), radius=0.08, color=resolve_color("surprise"))
                for qi, si in zip(world.model.probs, draws.surprise, strict=True)
            )
        )
        self.names = VGroup()
        self.named_by: list[Mobject | None] = []  # the name an outcome brings in, if any
        points: dict[float, list[str]] = {}
        for name, qi in zip(world.outcomes, world.model.probs, strict=True):
            points.setdefault(float(qi), []).append(name)
        for name, qi, dot in zip(world.outcomes, world.model.probs, self.marks, strict=True):
            group = points[float(qi)]
            if group[0] != name:
                self.named_by.append(None)
                continue
            label = Txt(", ".join(group), "small", "muted").next_to(dot, RIGHT, buff=space.xs)
            self.names.add(label)
            self.named_by.append(label)
        # Top to bottom, a name that would touch the one above steps down under it.
        placed: list[Mobject] = []
        for label in sorted(self.names, key=lambda m: -m.get_y()):
            for above in placed:
                if _touch(label, above):
                    label.next_to(above, DOWN, buff=space.xs).align_to(label, LEFT)
            placed.append(label)
        self.q_axis = VGroup(
            self.surprise.ticks[:4], self.surprise.tick_labels[:4], self.surprise.x_label
        )
        n_ticks = len([k for k in range(0, 5) if k <= x_max])
        self.n_axis = VGroup(
            self.mean.ticks[:n_ticks], self.mean.tick_labels[:n_ticks], self.mean.x_label
        )
        # What both share: the axes lines, the bits ticks and their label.
        self.bits_axis = VGroup(
            self.surprise.axes,
            self.surprise.ticks[4:],
            self.surprise.tick_labels[4:],
            self.surprise.y_label,
        )


class CrossEntropy(ExplainerScene):
    Params = CrossEntropyParams
    hook = "How surprised is a model, on average, by reality?"
    takeaway = "Cross-entropy scores a model on reality; any wrong model scores worse."

    def body(self) -> None:
        self.score()
        self.average()
        self.slider()
        self.minimum()

    @cached_property
    def draws(self) -> Draws:
        return Draws(self)

    @cached_property
    def plots(self) -> BitsPlots:
        return BitsPlots(self, self.draws)

    # -- reality's draws, scored by the model ---------------------------------------

    def prelude(self) -> None:
        """Reality's outcomes, the bins its draws will fall into, in the model's outlines."""
        d = self.draws
        self.play(Wait(), run_time=0.6)  # the title makes way first: the bins stand under it
        self.play(
            Create(d.stream.baseline),
            FadeIn(d.stream.labels, lag_ratio=0.2),
            Create(d.model.bars, lag_ratio=0.2),
            run_time=1.4,
        )

    def score(self) -> None:
        d, plots, color = self.draws, self.plots, self.theme.color
        header = Txt(f"Draws from {tinted('$p$', 'p')}, scored by {tinted('$q$', 'q')}", "heading")
        self.stage.header.place(header)
        self.header = header
        cheap, dear = int(np.argmin(d.surprise)), int(np.argmax(d.surprise))
        splot = plots.surprise
        with self.beat("score"):
            line = self.say(
                f"Each draw from reality costs the model its surprise, "
                f"{log_words(self.unit)} of one over q."
            )
            # The formula is written as its words are heard, at the end of the sentence.
            play_in_turn(
                self,
                WRITE_AFTER * line.duration,
                AnimationGroup(
                    FadeIn(header, shift=0.2 * DOWN),
                    Create(plots.bits_axis[0]),
                    FadeIn(plots.bits_axis[1:], plots.q_axis),
                ),
                Create(splot.curve),
                LaggedStart(
                    *(
                        AnimationGroup(
                            FadeIn(mark, scale=0.5),
                            TransformFromCopy(mark, cost),
                            *([FadeIn(name)] if name is not None else []),
                        )
                        for mark, name, cost in zip(
                            plots.marks, plots.named_by, d.costs, strict=True
                        )
                    ),
                    lag_ratio=0.3,
                ),
            )
            self.show("formula_written", self.time)
            self.play(Write(d.formula), run_time=(1 - WRITE_AFTER) * line.duration)
            line = self.say("What q expects costs little; what it thinks rare costs a lot.")
            # One pointer on the costs and one ring on the curve go from the cheapest
            # outcome to the dearest; the box stays to follow the draws of the next beat.
            ring = Circle(radius=RING_RADIUS, color=color.highlight).move_to(plots.marks[cheap])
            d.pointer.move_to(d.costs[cheap])
            play_in_turn(
                self,
                line.duration,
                (Create(d.pointer), Create(ring)),
                (
                    d.pointer.animate.move_to(d.costs[dear]),
                    ring.animate.move_to(plots.marks[dear]),
                ),
            )
            self.ring = ring
            # Which cost the box ends on, and which point the ring: read from the picture.
            self.show("boxed", _nearest(d.pointer, d.costs).key)
            self.show("ringed", _nearest(ring, plots.marks).get_center())
            self.show("cheap", d.costs[cheap].key)
            self.show("dear", d.costs[dear].key)

    def average(self) -> None:
        params: CrossEntropyParams = self.params
        d, plots, unit = self.draws, self.plots, self.unit
        space, color = self.theme.space, self.theme.color
        stream, run, plot = d.stream, d.run, plots.mean
        n_all, first = params.num_samples, params.first_draws
        n_axis = np.log10(np.arange(1, n_all + 1))
        dot_points = np.asarray(plot.axes.c2p(n_axis, run.surprises)).T
        mean_points = np.asarray(plot.axes.c2p(n_axis, run.running_mean)).T
        first_dots = Scatter(0.06, "surprise")
        cloud = Scatter(0.03, "surprise", opacity=0.4)
        first_dots.add_updater(lambda m: m.set_centres(dot_points[: min(stream.count, first)]))
        cloud.add_updater(lambda m: m.set_centres(dot_points[first : stream.count]))
        curve = VMobject(stroke_color=color.cross_entropy, stroke_width=6)

        def draw_mean(mob: VMobject) -> None:
            if stream.count >= 2:
                mob.set_points_as_corners(mean_points[: stream.count])

        curve.add_updater(draw_mean)
        target, mean = run.target, float(run.running_mean[-1])
        running = Readout(
            '"mean so far"',
            mean,
            unit=unit,
            key="running_mean",
            color="cross_entropy",
            size="label",
        )
        running.track(lambda: float(run.running_mean[max(stream.count - 1, 0)]))
        exact = Readout(
            "H(p, q)", target, unit=unit, key="cross_entropy", color="cross_entropy", size="label"
        )
        readouts = VGroup(exact, running).arrange(DOWN, aligned_edge=LEFT, buff=space.s)
        readouts.next_to(plot.axes, UP, buff=space.m).align_to(plot.axes, RIGHT)
        limit = DashedLine(
            plot.c2p(0, target), plot.c2p(plot.x_range[1], target), color=color.cross_entropy
        )
        formula = Formula(
            "{{ H(p, q) : cross_entropy }} = sum_x {{ p(x) : p }} "
            f"{{{{ {log_symbol(unit)} 1/{{{{ q(x) : q }}}} : surprise }}}}",
            size="body",
        )
        self.stage.header.place(formula)
        carried = formula.part("surprise")
        rest = VGroup(
            *(m for m in formula.family_members_with_points() if m not in carried.get_family())
        )
        pointer = d.pointer
        with self.beat("average"):
            line = self.say("Draw after draw, we keep the running mean of what they cost.")
            self.add(stream, first_dots, cloud, curve)
            pointer.add_updater(d.point_at_last)
            # The same bits axis: its x-axis turns from q to the number of draws.
            self.play(
                FadeOut(plots.surprise.curve, plots.marks, plots.names, plots.q_axis, self.ring),
                FadeIn(stream.total),
                run_time=line.duration / 4,
            )
            self.play(FadeIn(plots.n_axis), run_time=line.duration / 4)
            # The first draws fall one by one, at a pace to follow, even past the sentence;
            # the mean shows once there is a draw to average.
            self.play(
                stream.pour(first, run_time=FIRST_DRAW * first, flight=FIRST_DRAW),
                Succession(Wait(FIRST_DRAW), FadeIn(running, run_time=FIRST_DRAW / 2)),
            )
            pointer.clear_updaters()
            line = self.say(
                f"After {n_all} draws the mean settles near {format_value(target)} "
                f"{unit_word(unit, target)}: the cross-entropy."
            )
            # The limit, then its formula: each surprise under q, weighed by how often p
            # brings it.
            play_in_turn(
                self,
                line.duration + FORMULA_TIME,
                (FadeOut(pointer), stream.pour(n_all - first, run_time=3.5, flight=0.45)),
                (Create(limit), FadeIn(exact, shift=DOWN / 8)),
                FadeOut(self.header, shift=0.3 * UP),
                (TransformFromCopy(d.formula, carried), FadeIn(rest)),
                Indicate(formula.part("p"), color=color.p),
            )
            running.untrack()
        for mob in (first_dots, cloud, curve, stream.total):
            mob.clear_updaters()
        self.first_picture = VGroup(
            stream,
            d.model.bars,
            d.costs,
            d.formula,
            plots.bits_axis,
            plots.n_axis,
            first_dots,
            cloud,
            curve,
            limit,
            readouts,
            formula,
        )

    # -- a coin's model on a slider ----------------------------------------------------

    def slider(self) -> None:
        params: CrossEntropyParams = self.params
        unit, space = self.unit, self.theme.space
        t = params.coin_heads
        coin = it.rigged_coin(t)
        # The whole picture stays under the takeaway's banner, which ends the scene over it.
        room = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula())
        thirds = room.split(3, gutter=space.l)
        curve = CrossEntropyCurve.for_coin(
            t,
            q_range=Q_RANGE,
            unit=unit,
            # Less a gutter, so the axis name "q(heads)" keeps off the frame's edge.
            width=thirds[1].width + thirds[2].width - AXIS_ROOM - space.l,
            height=room.height - AXIS_ROOM,
            key="coin",
        )
        curve.move_to([(thirds[1].left + thirds[2].right) / 2, room.center[1], 0])
        curve.shift((room.bottom - curve.plot.get_bottom()[1]) * UP)
        tracker = curve.add_slider(params.sweep_from)
        curve.trace()
        reality = DistributionBars(coin, role="p", key="coin_p", **COIN_CHART)
        model = DistributionBars(
            it.rigged_coin(params.sweep_from), role="q", key="coin_q", **COIN_CHART
        )
        model.add_updater(lambda m: m.set_probs(it.rigged_coin(tracker.get_value())))
        charts = VGroup(reality, model).arrange(RIGHT, buff=space.l, aligned_edge=DOWN)
        # The coin's bars stand level with the plot's axis, in the first third.
        charts.set_x(thirds[0].center[0])
        charts.shift((curve.plot.axes.get_bottom()[1] - reality.base_y) * UP)
        heads = VGroup(Txt("reality, $p$", "label", "p"), Txt("model, $q$", "label", "q"))
        # Over the tallest bar a coin can have (probability 1) and its read-out.
        head_y = reality.base_y + COIN_CHART["height"] + space.l
        for head, chart in zip(heads, charts, strict=True):
            head.move_to([chart.baseline.get_x(), head_y, 0])
        # The read-outs over the coin's bars, out of the curve's way: the slider's, and the
        # floor's (green, as its line), whatever room the floor leaves in the plot.
        column = VGroup(*curve.readouts, curve.floor_readout)
        column.arrange(DOWN, aligned_edge=LEFT, buff=space.s)
        thirds[0].place(column, align=UP)
        title = Txt("A coin's model on a slider", "heading")
        self.stage.header.place(title)
        self.curve, self.model_chart = curve, model
        with self.beat("slider"):
            line = self.say(
                f"Now a coin that lands heads with probability {format_value(t, 2)}, "
                "and a model of it."
            )
            # The draws slide away; the coin, its model and their plot slide in.
            play_in_turn(
                self,
                line.duration,
                (
                    FadeOut(self.first_picture, shift=4 * LEFT),
                    FadeIn(title, shift=0.2 * DOWN),
                    FadeIn(reality, heads[0], shift=2 * LEFT),
                ),
                (
                    FadeIn(model, heads[1], shift=LEFT),
                    Create(curve.plot.axes),
                    FadeIn(curve.plot.ticks, curve.plot.tick_labels),
                    FadeIn(curve.plot.x_label, curve.plot.y_label),
                    # Apart: the banner at the end fades what it covers, group by group.
                    FadeIn(curve.slider),
                    FadeIn(curve.readouts),
                ),
            )
            line = self.say("Slide the model's chance of heads, and trace the cross-entropy.")
            self.add(curve.curve)
            # One sweep down to the low end, one across to the high end: the whole curve.
            play_in_turn(
                self,
                max(line.duration, SWEEP_TIME),
                curve.slide_to(Q_RANGE[0], rate_func=smooth),
                curve.slide_to(Q_RANGE[1], rate_func=smooth, run_time=3),
            )

    def minimum(self) -> None:
        curve, unit, color = self.curve, self.unit, self.theme.color
        best, lowest = curve.minimum
        with self.beat("minimum"):
            line = self.say(
                f"It is lowest where q matches p, at {format_value(best, 2)}: the coin's "
                f"entropy, {format_value(lowest)} {unit_word(unit, lowest)}."
            )
            play_in_turn(
                self,
                line.duration,
                curve.slide_to(best, rate_func=smooth),
                curve.show_floor(),
                # Made when its turn comes: a Flash draws where the dot is then.
                lambda: Flash(curve.plot.dot, color=color.highlight),
            )
            curve.stop_tracing()
            self.model_chart.clear_updaters()
            line = self.say(
                "Any other guess sits above that floor: the shaded gap is the price of a "
                "wrong model."
            )
            play_in_turn(
                self, line.duration, curve.shade_gap(), FadeIn(curve.inequality, shift=UP / 8)
            )

    def finale(self) -> None:
        """While the takeaway is said, a wrong guess: the model slides off p and the
        gap above the floor opens under the dot, then closes as it slides back."""
        curve, params = self.curve, self.params
        best = curve.minimum[0]
        away = best - WRONG_BY if best - WRONG_BY >= Q_RANGE[0] else best + WRONG_BY
        marker = curve.gap_marker()
        tracker = curve.tracker
        self.model_chart.add_updater(lambda m: m.set_probs(it.rigged_coin(tracker.get_value())))
        self.add(marker)
        self.play(curve.slide_to(away), run_time=1.5)
        self.play(curve.slide_to(best), run_time=1.5)
        self.model_chart.clear_updaters()
        self.remove(marker)
        del params


def _nearest(mob: Mobject, among: VGroup) -> Mobject:
    """The member of ``among`` whose centre is closest to ``mob``'s."""
    return min(among, key=lambda m: float(np.linalg.norm(m.get_center() - mob.get_center())))


def _touch(a: Mobject, b: Mobject) -> bool:
    """Whether the boxes of ``a`` and ``b`` meet."""
    return bool(
        a.get_left()[0] < b.get_right()[0]
        and b.get_left()[0] < a.get_right()[0]
        and a.get_bottom()[1] < b.get_top()[1]
        and b.get_bottom()[1] < a.get_top()[1]
    )
