"""Part 8: cross-entropy, the average surprise of a model on reality's outcomes.

Draws from reality p fall into their bins; each costs the surprise the model q
gives it, log 1/q. The running mean of those surprises settles on H(p, q) =
sum p log 1/q. Then a coin's model gets a slider: the cross-entropy, traced as
q moves, is lowest exactly at q = p, where it equals H(p) (Gibbs' inequality).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
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
    surprise_readout,
    tinted,
    unit_word,
)
from scenes.kit.checks import is_number

# The coin's cross-entropy curve is drawn for models q in this range.
Q_RANGE = (0.05, 0.95)


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


class CrossEntropy(ExplainerScene):
    Params = CrossEntropyParams
    hook = "How surprised is a model, on average, by reality?"
    takeaway = "Cross-entropy scores a model on reality, and any wrong model scores worse."

    def body(self) -> None:
        self.draws_and_average()
        self.coin_slider()

    # -- reality's draws, scored by the model -------------------------------------

    def draws_and_average(self) -> None:
        params: CrossEntropyParams = self.params
        unit, log, color = self.unit, log_symbol(self.unit), self.theme.color
        p, q = params.world.true, params.world.model
        outcomes = list(p.outcomes)
        run = params.run(unit)
        surprise = np.asarray(it.surprisal(q.probs, unit=unit), dtype=float)
        n_all = params.num_samples

        # Left: the draws fall into bins, each bin labelled with its surprise under q.
        # Bins narrow to fit up to six outcomes.
        bar_width, spacing = fit_bars(len(outcomes), 4.4, max_slot=1.0, bar_share=0.7)
        stream = SampleStream(
            outcomes,
            run.samples,
            role="p",
            height=2.8,
            bar_width=bar_width,
            spacing=spacing,
            label_size="label" if len(outcomes) <= 4 else "small",
            drop_height=2.95,
            key="count",
        )
        stream.shift([-3.75, -0.95 - stream.base_y, 0])
        stream.total.align_to(stream.baseline, RIGHT)
        label_y = min(label.get_bottom()[1] for label in stream.labels)
        costs = VGroup(
            *(
                surprise_readout(
                    name, s, key="S", decimals=2, size="label" if len(outcomes) <= 4 else "small"
                ).move_to([stream.bin_x(i), label_y - 0.35, 0])
                for i, (name, s) in enumerate(zip(outcomes, surprise, strict=True))
            )
        )
        costs_caption = Txt(
            f"surprise under {tinted('$q$', 'q')}, in {unit_word(unit)}",
            "small",
            "muted",
        ).next_to(costs, DOWN, buff=0.25)
        header = Txt(
            f"Draws from {tinted('$p$', 'p')}, scored by {tinted('$q$', 'q')}", "heading"
        ).move_to([-3.75, 3.15, 0])

        # Right: each draw's surprise as a dot, and their running mean, over draws n (log scale).
        y_max = float(np.ceil(np.max(surprise[p.probs > 0]) + 0.4))
        x_max = float(np.log10(n_all))
        decades = [k for k in range(0, 5) if k <= x_max]
        n_axis = np.log10(np.arange(1, n_all + 1))
        plot = CurvePlot(
            n_axis,
            run.running_mean,
            x_range=(0, x_max),
            y_range=(0, y_max),
            x_ticks=decades,
            y_ticks=tuple(range(1, int(y_max) + 1)),
            x_label="n",
            y_label=f'"{unit_word(unit)}"',
            role="cross_entropy",
            width=5.4,
            height=3.7,
            tick_format=lambda v: f"{10**v:.0f}",
            y_tick_format=lambda v: f"{v:g}",
        )
        plot.remove(plot.curve)
        plot.move_to([3.4, -0.35, 0])
        # Every draw's surprise as a dot (the first few larger), and the running mean,
        # precomputed as screen points so the updaters only pick how many to show.
        dot_points = np.asarray(plot.axes.c2p(n_axis, run.surprises)).T
        mean_points = np.asarray(plot.axes.c2p(n_axis, run.running_mean)).T
        first_dots = Scatter(0.06, "surprise")
        cloud = Scatter(0.03, "surprise", opacity=0.4)
        first_dots.add_updater(
            lambda m: m.set_centres(dot_points[: min(stream.count, params.first_draws)])
        )
        cloud.add_updater(lambda m: m.set_centres(dot_points[params.first_draws : stream.count]))
        curve = VMobject(stroke_color=color.cross_entropy, stroke_width=6)

        def draw_mean(mob: VMobject) -> None:
            if stream.count >= 2:
                mob.set_points_as_corners(mean_points[: stream.count])

        curve.add_updater(draw_mean)
        dots = VGroup(cloud, first_dots)

        def light_bin(group: VGroup) -> None:
            for i, readout in enumerate(group):
                lit = stream.last == i
                readout.number.set_fill(color.highlight if lit else color.surprise)

        with self.beat(
            "score",
            "Score each draw by the model's surprise, log of one over q: "
            "what q expects costs little, what it thinks rare costs a lot.",
        ):
            self.play(FadeIn(header, shift=0.2 * DOWN))
            self.play(
                Create(stream.baseline),
                FadeIn(stream.labels),
                LaggedStart(*(FadeIn(c, shift=0.15 * UP) for c in costs), lag_ratio=0.15),
                FadeIn(costs_caption),
            )
            self.play(
                Create(plot.axes), FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label)
            )
            self.add(stream, dots, curve)
            costs.add_updater(light_bin)
            self.play(FadeIn(stream.total), run_time=0.4)
            self.play(
                stream.pour(params.first_draws, run_time=0.8 * params.first_draws, flight=0.6)
            )
            costs.remove_updater(light_bin)

        target = run.target
        mean = float(run.running_mean[-1])
        formula = Formula(
            f"{{{{ H(p, q) : cross_entropy }}}} = sum_x {{{{ p(x) : p }}}} "
            f"{{{{ {log} 1/{{{{ q(x) : q }}}} : surprise }}}}"
        ).move_to([-3.2, 3.05, 0])
        average = Readout(
            '"mean so far"',
            mean,
            unit=unit,
            key="running_mean",
            color="cross_entropy",
            size="label",
        )
        average.track(lambda: float(run.running_mean[max(stream.count - 1, 0)]))
        exact = Readout(
            "H(p, q)", target, unit=unit, key="cross_entropy", color="cross_entropy", size="label"
        )
        readouts = VGroup(exact, average).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        readouts.next_to(plot.axes, UP, buff=0.25).align_to(plot.axes, RIGHT)
        line = DashedLine(
            plot.c2p(0, target),
            plot.c2p(x_max, target),
            color=color.cross_entropy,
            stroke_width=3,
        )
        with self.beat(
            "average",
            f"The running mean settles: after {n_all} draws it reads {format_value(mean)}, "
            f"near {format_value(target)} {unit_word(unit, target)}. "
            "That limit is the cross-entropy.",
        ):
            for c in costs:
                c.number.set_fill(color.surprise)
            self.play(FadeIn(average, shift=0.1 * DOWN), run_time=0.5)
            self.play(stream.pour(n_all - params.first_draws, run_time=3.5, flight=0.45))
            average.untrack()
            self.play(Create(line), FadeIn(exact, shift=0.1 * DOWN))
            self.play(ReplacementTransform(header, formula), run_time=1.2)
            self.play(
                Indicate(formula.part("p"), color=color.p),
                Indicate(formula.part("surprise"), color=color.surprise),
            )
        for mob in (first_dots, cloud, curve):
            mob.clear_updaters()
        self._leaving = VGroup(
            stream, costs, costs_caption, plot, dots, curve, line, readouts, formula
        )

    # -- a coin's model on a slider --------------------------------------------------

    def coin_slider(self) -> None:
        params: CrossEntropyParams = self.params
        unit, color = self.unit, self.theme.color
        coin = it.rigged_coin(params.coin_heads)
        t = params.coin_heads
        qs, ce = it.coin_cross_entropy_curve(t, q_min=Q_RANGE[0], q_max=Q_RANGE[1], unit=unit)
        h = it.entropy(coin, unit=unit)

        def cross_entropy(x: float) -> float:
            return float(it.cross_entropy(coin, [x, 1.0 - x], unit=unit))

        y_max = float(np.ceil(np.max(ce) + 0.3))
        plot = CurvePlot(
            qs,
            ce,
            x_range=(0, 1),
            y_range=(0, y_max),
            x_ticks=(0.25, 0.5, 0.75, 1),
            y_ticks=tuple(range(1, int(y_max) + 1)),
            x_label="q",
            y_label="H(p, q)",
            role="cross_entropy",
            width=6.0,
            height=4.4,
        )
        plot.move_to([2.9, -0.2, 0])
        plot.remove(plot.curve)
        tracker = plot.add_tracker(
            cross_entropy,
            params.sweep_from,
            label="H(p, q)",
            key="coin",
            unit=unit,
            role="cross_entropy",
            x_label="q",
        )
        # The curve appears where the slider has been: traced, not pre-drawn.
        seen = [params.sweep_from, params.sweep_from]

        curve_points = np.asarray(plot.axes.c2p(qs, ce)).T

        def trace(mob: VMobject) -> None:
            x = tracker.get_value()
            seen[0], seen[1] = min(seen[0], x), max(seen[1], x)
            keep = (qs >= seen[0] - 1e-12) & (qs <= seen[1] + 1e-12)
            if np.count_nonzero(keep) >= 2:
                mob.set_points_as_corners(curve_points[keep])

        traced = VMobject(stroke_color=color.cross_entropy, stroke_width=5)
        traced.add_updater(trace)

        geometry = dict(height=2.4, bar_width=0.6, spacing=0.3, label_size="small")
        reality = DistributionBars(coin, role="p", key="coin_p", **geometry)
        model = DistributionBars(
            it.rigged_coin(params.sweep_from), role="q", key="coin_q", **geometry
        )
        model.add_updater(lambda m: m.set_probs(it.rigged_coin(tracker.get_value())))
        charts = VGroup(reality, model).arrange(RIGHT, buff=0.8, aligned_edge=DOWN)
        charts.move_to([-4.3, -0.6, 0])
        # Above the tallest bar either chart can show (probability 1) and its read-out.
        head_y = reality.base_y + 2.4 + 0.75
        heads = VGroup(
            Txt("reality, $p$", "label", "p").move_to([reality.get_x(), head_y, 0]),
            Txt("model, $q$", "label", "q").move_to([model.get_x(), head_y, 0]),
        )
        title = Txt("A coin's model on a slider", "heading").move_to([0, 3.15, 0])

        with self.beat(
            "slider",
            f"A coin lands heads with probability {format_value(t, 2)}. "
            "Slide the model's guess q and trace the cross-entropy it earns.",
        ):
            self.play(FadeIn(title, shift=0.2 * DOWN), FadeIn(charts), FadeIn(heads))
            self.play(
                Create(plot.axes), FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label)
            )
            self.add(traced)
            self.play(FadeIn(plot.dot, plot.drops, plot.readout))
            self.play(plot.track_to(Q_RANGE[1]), run_time=2.2, rate_func=smooth)
            self.play(plot.track_to(Q_RANGE[0]), run_time=2.2, rate_func=smooth)

        best = int(np.argmin(ce))
        level = DashedLine(plot.c2p(0, h), plot.c2p(1, h), color=color.entropy, stroke_width=3)
        level_label = Readout("H(p)", h, unit=unit, key="entropy", color="entropy", size="label")
        level_label.next_to(plot.c2p(0, h), DR, buff=0.12).shift(0.1 * RIGHT)
        lowest = Txt("lowest at $q = p$", "small", "highlight")
        lowest.next_to(plot.c2p(float(qs[best]), h / 2), RIGHT, buff=0.15)
        gibbs = Formula("{{ H(p, q) : cross_entropy }} >= {{ H(p) : entropy }}", size="body")
        gibbs.next_to(charts, DOWN, buff=0.9)
        with self.beat(
            "minimum",
            f"It is lowest exactly at q = {format_value(qs[best], 2)}, where it equals the "
            f"coin's entropy, {format_value(ce[best])} {unit_word(unit, ce[best])}. "
            "Any other guess adds surprise.",
        ):
            self.play(plot.track_to(float(qs[best])), run_time=1.6)
            traced.clear_updaters()
            model.clear_updaters()
            self.play(Create(level), FadeIn(level_label, shift=0.1 * UP))
            self.play(Flash(plot.dot, color=color.highlight), FadeIn(lowest, shift=0.1 * UP))
            self.play(Write(gibbs))
