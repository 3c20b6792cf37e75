"""Part 11: training minimises cross-entropy, which is minimising KL.

A softmax model of how often each shade of grey appears in pictures is fitted to
the data by gradient descent on the cross-entropy (``it.fit_softmax``). Its bars
fill the data's outlines while the loss falls to a floor at H(p) and KL falls to
zero. Replayed on the stacked bar, the entropy part never moves: every bit the
loss sheds is KL. A closing nod to generative models: samples from the fitted
model get the data's mix of greys (and, honestly, nothing more).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    CurvePlot,
    DistributionBars,
    ExplainerScene,
    Formula,
    GhostBars,
    PixelSamples,
    Readout,
    SceneParams,
    Shown,
    StackedBar,
    Txt,
    allow_offscreen,
    fit_bars,
    format_value,
    read_readouts,
    unit_word,
)
from scenes.kit.checks import is_number, whole_number
from scenes.kit.dashes import DashedSegment
from scenes.kit.pixel_samples import shade


@dataclass(frozen=True)
class TrainingParams(SceneParams):
    """Example values for part 11."""

    # The data: how often each shade of grey appears in pictures, darkest first.
    outcomes: tuple[str, ...] = ("black", "dark", "grey", "light", "white")
    target: tuple[float, ...] = (0.4, 0.25, 0.15, 0.12, 0.08)
    # The untrained model's logits θ: it starts out believing light pixels are common.
    initial_logits: tuple[float, ...] = (-1.0, -0.5, 0.0, 0.5, 1.0)
    learning_rate: float = 0.5
    steps: int = 60
    show_steps: tuple[int, ...] = (0, 3, 8, 15, 30, 60)  # the iterates the video stops at
    seed: int = 3  # which sample pictures are drawn

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            target = it.categorical(self.outcomes, self.target)
        except (TypeError, ValueError) as error:
            raise ValueError(f"target: {error}") from None
        if len(target) < 2:
            raise ValueError("target needs at least two outcomes (shades)")
        logits = np.asarray(self.initial_logits, dtype=float)
        if logits.shape != (len(target),) or not np.all(np.isfinite(logits)):
            raise ValueError(
                f"initial_logits must be {len(target)} finite numbers, one per outcome, "
                f"not {self.initial_logits!r}"
            )
        if not is_number(self.learning_rate) or not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be a positive number, not {self.learning_rate!r}")
        whole_number("steps", self.steps, 1, 1000)
        shown = self.show_steps
        if (
            len(shown) < 2
            or any(not isinstance(k, int) for k in shown)
            or shown[0] != 0
            or shown[-1] != self.steps
            or any(b <= a for a, b in itertools.pairwise(shown))
        ):
            raise ValueError(
                f"show_steps must rise strictly from 0 to steps ({self.steps}), not {shown!r}"
            )
        whole_number("seed", self.seed, 0)

    @property
    def p(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.target)

    def trajectory(self) -> it.FitTrajectory:
        return it.fit_softmax(
            self.target,
            self.initial_logits,
            learning_rate=self.learning_rate,
            steps=self.steps,
            unit=self.unit,
        )


def _nice_ticks(top: float, count: int = 4) -> list[float]:
    """About ``count`` round tick values in (0, top]."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10)), key=lambda s: abs(s - raw))
    return [k * step for k in range(1, int(top / step + 1e-9) + 1)]


class Training(ExplainerScene):
    Params = TrainingParams
    hook = "How does a model learn from data?"
    takeaway = (
        "Training on cross-entropy pulls the model onto the data: the entropy stays, KL goes."
    )

    GROUND = -2.45  # the chart's baseline and the plot's x-axis

    def body(self) -> None:
        params, unit = self.params, self.unit
        word = lambda v: unit_word(unit, v)  # noqa: E731
        p = params.p
        traj = params.trajectory()
        shown = params.show_steps
        names = p.outcomes
        n = len(names)
        self.trajectory = traj
        self.step_readouts: dict[int, dict[str, Shown]] = {}

        # -- the data and the untrained model ------------------------------------------
        headline = Formula('{{ q_theta : q }} = "softmax"(theta)').to_edge(UP, buff=0.55)
        tallest = float(max(np.max(traj.q), np.max(p.probs)))
        bar_width, spacing = fit_bars(n, 5.5, max_slot=0.98, bar_share=0.7)
        chart = DistributionBars(
            traj.q[0],
            names,
            role="q",
            key="q",
            height=min(6.0, 3.6 / tallest),
            bar_width=bar_width,
            spacing=spacing,
            show_values=False,
            label_size="small",
        )
        # Beside the loss plot later: left of x = -0.75, inside the frame's margin.
        chart_x = min(-3.85, -0.75 - chart.width / 2)
        chart.shift([chart_x - chart.baseline.get_x(), self.GROUND - chart.base_y, 0])
        swatches = VGroup(
            *(
                Square(0.22, fill_color=shade(i, n), fill_opacity=1).set_stroke(
                    self.theme.color.faint, 2
                )
                for i in range(n)
            )
        )
        for swatch, label in zip(swatches, chart.labels, strict=True):
            swatch.next_to(label, DOWN, buff=0.12)
        row_y = min(swatch.get_y() for swatch in swatches)
        for swatch in swatches:
            swatch.set_y(row_y)  # one row, whatever the labels' shapes
        legend = VGroup(
            Txt("data $p$ (dashed)", "label", "p"),
            Txt("model $q_theta$", "label", "q"),
        ).arrange(RIGHT, buff=0.6)
        legend.next_to(chart, UP, buff=0.45)
        legend.set_y(self.GROUND + tallest * chart.unit_height + 0.55)
        # Alone on stage first, centred; it steps aside when the loss curve arrives.
        data_group = VGroup(chart, swatches, legend)
        aside = data_group.get_x()
        data_group.set_x(0)
        ghost = GhostBars(chart, p)

        favourite_q = names[int(np.argmax(traj.q[0]))]
        favourite_p = names[int(np.argmax(p.probs))]
        with self.beat(
            "model",
            f"Dashed: how often each grey appears in real pictures. The model, "
            f"q = softmax(θ), starts out betting on {favourite_q}; the data favour {favourite_p}.",
        ):
            self.play(FadeIn(chart.baseline), FadeIn(chart.labels), FadeIn(swatches))
            self.play(Create(ghost), FadeIn(legend[0]), run_time=1.0)
            self.play(
                Write(headline),
                GrowFromEdge(chart.bars, DOWN),
                FadeIn(legend[1]),
                run_time=1.2,
            )
            ghost.attach()

        # -- gradient descent, with the loss curve ----------------------------------------
        y_top = math.ceil(float(traj.cross_entropy[0]) * 2 + 0.5) / 2
        plot = CurvePlot(
            np.arange(params.steps + 1),
            traj.cross_entropy,
            x_range=(0, params.steps),
            y_range=(0, y_top),
            x_ticks=_nice_ticks(params.steps),
            y_ticks=_nice_ticks(y_top, 3),
            x_label='"step"',
            y_label="H(p, q_theta)",
            role="cross_entropy",
            width=5.2,
            height=3.7,
        )
        plot.shift([3.25 - plot.axes.get_center()[0], self.GROUND - plot.c2p(0, 0)[1], 0])
        # A ValueTracker keeps its value as a point (x = step): not a thing on screen.
        step = allow_offscreen(ValueTracker(0))
        full = plot.curve
        plot.remove(full)

        def along(values: np.ndarray) -> float:
            """``values`` at the (fractional) step the tracker is on: exact at whole steps."""
            t = step.get_value()
            k = math.floor(t)
            if k >= params.steps:
                return float(values[-1])
            frac = t - k
            return (
                float(values[k])
                if frac == 0
                else float((1 - frac) * values[k] + frac * values[k + 1])
            )

        drawn = always_redraw(
            lambda: full.copy().pointwise_become_partial(full, 0, step.get_value() / params.steps)
        )
        dot = always_redraw(
            lambda: Dot(
                plot.c2p(step.get_value(), along(traj.cross_entropy)),
                radius=0.08,
                color=self.theme.color.highlight,
            )
        )
        floor_y = plot.c2p(0, traj.entropy)[1]
        floor = DashedLine(
            [plot.c2p(0, 0)[0], floor_y, 0],
            [plot.c2p(params.steps, 0)[0], floor_y, 0],
            color=self.theme.color.entropy,
            stroke_width=3,
        )
        entropy_readout = Readout(
            "H(p)",
            traj.entropy,
            unit=unit,
            key="H",
            color="entropy",
            label_color="entropy",
            size="small",
        ).next_to(floor, DOWN, buff=0.15)
        entropy_readout.align_to(floor, RIGHT)
        loss_readout = Readout(
            "H(p, q_theta)",
            traj.cross_entropy[0],
            unit=unit,
            key="loss",
            color="cross_entropy",
            label_color="cross_entropy",
            size="label",
        )
        kl_readout = Readout(
            '"KL"(p || q_theta)',
            traj.kl[0],
            unit=unit,
            key="KL",
            color="kl",
            label_color="kl",
            size="label",
        )
        readouts = VGroup(loss_readout, kl_readout).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        readouts.next_to(plot.axes, UP, buff=0.35).align_to(plot.axes, RIGHT)
        loss_headline = Formula('"loss" = {{ H(p, q_theta) : cross_entropy }}').move_to(headline)

        def record_step(k: int) -> None:
            shown_now = read_readouts(self.mobjects)
            self.step_readouts[k] = {key: shown_now[key] for key in ("loss", "KL", "H")}

        final = params.steps
        with self.beat(
            "train",
            f"Gradient descent lowers the cross-entropy step by step. The loss sinks to a "
            f"floor at H(p) = {format_value(traj.entropy)} {word(traj.entropy)}, and KL "
            f"falls to {format_value(traj.kl[final])}.",
        ):
            self.play(
                TransformMatchingShapes(headline, loss_headline),
                data_group.animate.set_x(aside),
                Create(plot.axes),
                FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label),
                run_time=1.0,
            )
            # The read-outs follow the dot: trajectory values, exact at every whole step.
            loss_readout.track(lambda: along(traj.cross_entropy))
            kl_readout.track(lambda: along(traj.kl))
            self.add(drawn, dot)
            self.play(
                Create(floor),
                FadeIn(entropy_readout),
                FadeIn(readouts),
                run_time=0.8,
            )
            record_step(0)
            for k in shown[1:]:
                self.play(
                    step.animate.set_value(k),
                    chart.morph_to(traj.q[k]),
                    run_time=0.9 if k < shown[-1] else 1.2,
                    rate_func=smooth,
                )
                record_step(k)

        # -- the same thing, seen on the stacked bar --------------------------------------
        stack = StackedBar(
            p,
            traj.q[0],
            unit=unit,
            unit_height=plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1],  # the plot's scale
            width=0.8,
            key="stack",
            names=("p", "q_theta"),
            side="left",
        )
        # Right beside the plot, on its scale and its x-axis: the bar's top is the curve's height.
        stack.shift([plot.c2p(0, 0)[0] - 1.45, self.GROUND, 0] - stack.base)
        self.stack = stack

        def level_ends() -> tuple[np.ndarray, np.ndarray]:
            """From the bar's top to the dot: the loss, level on both."""
            return (
                np.array(
                    [stack.kl_segment.get_top()[0] + 0.55, stack.level(stack.cross_entropy), 0]
                ),
                np.asarray(plot.c2p(step.get_value(), along(traj.cross_entropy))),
            )

        # Moved in place every frame (a redrawn DashedLine rebuilds every dash).
        level = DashedSegment(
            *level_ends(), color=self.theme.color.faint, stroke_width=2, dash_length=0.06
        )
        level.add_updater(lambda m: m.put_ends(*level_ends()))
        same_headline = Formula(
            "{{ H(p, q_theta) : cross_entropy }} = {{ H(p) : entropy }} "
            '+ {{ "KL"(p || q_theta) : kl }}'
        ).move_to(headline)
        shed = float(traj.cross_entropy[0] - traj.cross_entropy[final])
        with self.beat(
            "same",
            f"H(p) does not depend on θ, so all {format_value(shed)} {word(shed)} the loss "
            "sheds come out of KL: minimising cross-entropy is minimising KL.",
        ):
            self.remove(drawn)
            self.add(full)
            loss_readout.untrack()
            kl_readout.untrack()
            self.play(
                FadeOut(chart),
                FadeOut(swatches),
                FadeOut(legend),
                FadeOut(readouts),
                TransformMatchingShapes(loss_headline, same_headline),
                step.animate.set_value(0),
                run_time=1.0,
            )
            self.play(FadeIn(stack, shift=0.2 * UP), run_time=0.8)
            self.add(level)
            for k in shown[1:]:
                self.play(
                    step.animate.set_value(k),
                    stack.model_to(traj.q[k]),
                    run_time=0.7,
                    rate_func=smooth,
                )
            self.play(Indicate(stack.entropy_readout, color=self.theme.color.highlight))

        # -- a nod to generative models --------------------------------------------------
        data_row = PixelSamples(p, count=4, pixel=0.2, gap=0.35, seed=params.seed + 1)
        model_row = PixelSamples(traj.q[0], count=4, pixel=0.2, gap=0.35, seed=params.seed)
        rows = VGroup(data_row, model_row).arrange(DOWN, buff=0.6).move_to([0.8, 0.25, 0])
        self.samples = (data_row, model_row)
        sample_headline = Formula('"each pixel" ~ {{ q_theta : q }}').move_to(headline)
        row_labels = VGroup(
            Txt("data $p$", "label", "p").next_to(data_row, LEFT, buff=0.5),
            Txt("model $q_theta$", "label", "q").next_to(model_row, LEFT, buff=0.5),
        )
        row_labels[1].align_to(row_labels[0], LEFT)
        step_readout = Readout(
            '"step"', 0, unit=None, decimals=0, key="step", color="highlight", size="label"
        ).next_to(model_row, DOWN, buff=0.35)
        note = Txt(
            "each pixel drawn on its own: right mix of greys, no shapes", "small", "muted"
        ).next_to(step_readout, DOWN, buff=0.25)
        with self.beat(
            "generate",
            "Generative models learn distributions over whole images this way. Ours knows only "
            "shades: noise, in the data's mix of greys.",
        ):
            self.play(
                FadeOut(stack),
                FadeOut(plot.axes, plot.ticks, plot.tick_labels, plot.x_label, plot.y_label),
                FadeOut(full, dot, level, floor, entropy_readout),
                TransformMatchingShapes(same_headline, sample_headline),
                run_time=0.8,
            )
            self.play(FadeIn(rows), FadeIn(row_labels), FadeIn(step_readout), run_time=0.8)
            for k in shown[1:]:
                self.play(
                    model_row.morph_to(traj.q[k]),
                    step_readout.animate_to(k),
                    run_time=0.5,
                )
            self.play(FadeIn(note, shift=0.1 * UP), run_time=0.6)
