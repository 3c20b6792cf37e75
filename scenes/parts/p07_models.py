"""Part 7: models and reality.

Reality's odds p stand behind fog; our model q stands beside them, in plain
view. Draws from reality fall one by one into a histogram that slowly clears
the fog, until the data have traced p. Laid over each other, q and p disagree:
that gap is what the rest of the video measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

from scenes.kit import (
    DistributionBars,
    DrawsParams,
    ExplainerScene,
    SampleStream,
    Txt,
    Veil,
    alternatives,
    fit_bars,
    format_value,
    keep_clear,
    tinted,
)

# Chart geometry shared by reality's bars, the model's bars and the histogram.
UNIT_HEIGHT = 4.2  # height of a bar of probability 1 (one draw's histogram reaches it)
BASE_Y = -1.8
SIDE_X = 3.5
HEAD_Y = 3.2
CHART_WIDTH = 4.6  # the bars of one chart fit in this width, however many outcomes


@dataclass(frozen=True)
class ModelsParams(DrawsParams):
    """Example values for part 7: reality and a model, and the draws that reveal reality."""


class Models(ExplainerScene):
    Params = ModelsParams
    hook = "What if the true odds are never shown to us?"
    takeaway = "We only ever hold a model q of reality p; data show where the two part ways."

    def body(self) -> None:
        params: ModelsParams = self.params
        p, q = params.world.true, params.world.model
        outcomes = list(p.outcomes)
        draws = params.run(self.unit).samples
        # 0.8 wide with 0.35 between up to four outcomes, narrower beyond.
        bar_width, spacing = fit_bars(
            len(outcomes), CHART_WIDTH, max_slot=1.15, bar_share=0.8 / 1.15
        )
        label_size = "label" if len(outcomes) <= 4 else "small"
        geometry = dict(height=UNIT_HEIGHT, bar_width=bar_width, spacing=spacing)
        color = self.theme.color

        # Reality: the true bars, drawn as outlines, behind a veil of fog.
        truth = DistributionBars(p, role="p", key="p", label_size=label_size, **geometry)
        truth.bars.set_fill(opacity=0).set_stroke(color.p, width=4)
        truth.shift([0, BASE_Y - truth.base_y, 0])
        truth.remove(truth.values)
        veil_height = float(np.max(p.probs)) * UNIT_HEIGHT + 0.8
        veil = Veil(truth.baseline.width + 0.4, veil_height, role="p", seed=params.seed)
        veil.move_to(truth.baseline.get_center(), aligned_edge=DOWN).shift(0.05 * UP)
        reality_head = Txt("Reality, $p$", "heading", "p").move_to([0, HEAD_Y, 0])
        # Layers, back to front: the true bars, the fog, the histogram of draws.
        truth.set_z_index(0)
        veil.set_z_index(1)

        with self.beat(
            "hidden",
            f"Reality has its own odds, p, for {alternatives(outcomes)}. "
            "We never see them, only what actually happens.",
        ):
            self.play(FadeIn(reality_head, shift=0.2 * DOWN))
            self.play(Create(truth.baseline), FadeIn(truth.labels), FadeIn(truth.bars))
            self.play(FadeIn(veil, scale=1.05), run_time=1.2)

        # The model: plain to see, in the model's colour.
        model = DistributionBars(q, role="q", key="q", label_size=label_size, **geometry)
        model.shift([SIDE_X, BASE_Y - model.base_y, 0])
        model_head = Txt("Our model, $q$", "heading", "q").move_to([SIDE_X, HEAD_Y, 0])
        top_q = int(np.argmax(q.probs))
        with self.beat(
            "model",
            f"What we hold instead is a model, q: our best guess. "
            f"Ours bets most on {outcomes[top_q]}, at {format_value(q.probs[top_q], 2)}.",
        ):
            # Move the pieces one by one: a new group would re-stack them over later layers.
            self.play(*(m.animate.shift(SIDE_X * LEFT) for m in (reality_head, truth, veil)))
            self.play(
                FadeIn(model_head, shift=0.2 * DOWN),
                Create(model.baseline),
                FadeIn(model.labels),
                GrowFromEdge(model.bars, DOWN),
                run_time=1.2,
            )
            self.play(FadeIn(model.values, shift=0.1 * UP))

        # Draws from reality fall out of the fog into a histogram standing in front of it.
        stream = SampleStream(
            outcomes, draws, role="p", key="count", axis=False, clear_of=p.probs, **geometry
        )
        stream.shift([-SIDE_X, BASE_Y - stream.base_y, 0])
        stream.set_z_index(2)
        spout_y = BASE_Y + UNIT_HEIGHT + 0.35
        stream.spout.move_to([-SIDE_X, spout_y, 0])
        stream.total.align_to(truth.baseline, RIGHT).set_y(spout_y)
        rest = params.num_samples - params.first_draws
        with self.beat(
            "draws",
            "Reality answers one draw at a time. A few draws are a rough sketch; "
            "hundreds trace the shape in the fog.",
        ):
            self.add(stream)
            self.play(veil.clear_mark(), FadeIn(stream.total), run_time=0.6)
            self.play(
                stream.pour(params.first_draws, run_time=0.6 * params.first_draws, flight=0.55)
            )
            self.play(stream.pour(rest, run_time=3.6, flight=0.5), veil.thin_to(0.45, run_time=3.6))

        counts = stream.counts
        top_p = int(np.argmax(p.probs))
        share = counts[top_p] / params.num_samples
        with self.beat(
            "reveal",
            f"After {params.num_samples} draws, {outcomes[top_p]} came up {counts[top_p]} "
            f"times: a share of {format_value(share, 2)}, against a true "
            f"{format_value(p.probs[top_p], 2)}. The data have traced p.",
        ):
            self.play(
                veil.lift(),
                FadeOut(stream.count_readouts),
                stream.bars.animate.set_fill(opacity=0.45),
                run_time=1.0,
            )
            truth.add(truth.values)
            truth.set_z_index(3)
            truth.values.set_z_index(5)  # numbers stay on top of every bar
            truth.set_probs(p)  # places the read-outs over the bars, wherever the chart moved
            for value, bar, sample_bar in zip(truth.values, truth.bars, stream.bars, strict=True):
                top = max(bar.get_top()[1], sample_bar.get_top()[1])
                value.next_to([bar.get_x(), top, 0], UP, buff=0.12)
            self.play(Create(truth.bars), FadeIn(truth.values, shift=0.1 * UP), run_time=1.2)

        # Lay the model over reality, larger and centred: reality solid, the model as
        # outlines, and both sets of odds in a small table under the outcomes.
        gap_i = int(np.argmax(np.abs(p.probs - q.probs)))
        scale, base = 1.25, BASE_Y + 0.85
        step = (bar_width + spacing) * scale
        xs = (np.arange(len(outcomes)) - (len(outcomes) - 1) / 2) * step
        width, unit = bar_width * scale, UNIT_HEIGHT * scale

        def column(x: float, prob: float, **style) -> Rectangle:
            h = max(prob * unit, 1e-3)
            return Rectangle(width=width, height=h, **style).move_to([x, base + h / 2, 0])

        solid = keep_clear(
            VGroup(
                *(
                    column(x, pi, fill_color=color.p, fill_opacity=0.85, stroke_width=0)
                    for x, pi in zip(xs, p.probs, strict=True)
                )
            )
        )
        outlines = VGroup(
            *(
                column(
                    x, qi, stroke_color=color.q, stroke_width=5, fill_color=color.q, fill_opacity=0
                )
                for x, qi in zip(xs, q.probs, strict=True)
            )
        )
        axis = Line(
            [xs[0] - width / 2 - 0.2, base, 0], [xs[-1] + width / 2 + 0.2, base, 0]
        ).match_style(truth.baseline)
        label_targets = [
            label.copy().next_to([x, base, 0], DOWN, buff=0.2)
            for label, x in zip(truth.labels, xs, strict=True)
        ]
        row_y = label_targets[0].get_y() - 0.75
        p_head = Txt("reality, $p$", "label", "p")
        q_head = Txt("model, $q$", "label", "q")
        heads = VGroup(p_head, q_head).arrange(DOWN, aligned_edge=RIGHT, buff=0.3)
        heads.shift([xs[0] - width / 2 - 0.3 - heads.get_right()[0], row_y - p_head.get_y(), 0])
        title = Txt(f"Where {tinted('$q$', 'q')} misses {tinted('$p$', 'p')}", "heading")
        title.move_to([0, HEAD_Y, 0])
        gaps = VGroup(
            *(
                Line(
                    [x + width / 2 + 0.14, base + pi * unit, 0],
                    [x + width / 2 + 0.14, base + qi * unit, 0],
                    color=color.highlight,
                    stroke_width=7,
                )
                for x, pi, qi in zip(xs, p.probs, q.probs, strict=True)
                if abs(pi - qi) > 1e-9
            )
        )
        with self.beat(
            "gap",
            f"Lay the model over reality: it gives {outcomes[gap_i]} "
            f"{format_value(q.probs[gap_i], 2)} where the truth is "
            f"{format_value(p.probs[gap_i], 2)}. What that gap costs comes next.",
        ):
            self.play(
                FadeOut(stream),
                ReplacementTransform(VGroup(reality_head, model_head), title),
                truth.bars.animate.set_fill(color.p, opacity=0.85).set_stroke(width=0),
            )
            self.play(
                Transform(truth.bars, solid),
                Transform(truth.baseline, axis),
                *(
                    Transform(label, target)
                    for label, target in zip(truth.labels, label_targets, strict=True)
                ),
                *(v.animate.move_to([x, row_y, 0]) for v, x in zip(truth.values, xs, strict=True)),
                FadeIn(heads[0]),
                run_time=1.2,
            )
            # The model's bars become outlines, then lie over reality's bars.
            self.play(
                model.bars.animate.set_fill(opacity=0).set_stroke(color.q, width=5),
                run_time=0.6,
            )
            model.bars.set_z_index(4)
            self.play(
                ReplacementTransform(model.bars, outlines.set_z_index(4)),
                FadeOut(model.baseline, model.labels),
                *(
                    v.animate.move_to([x, q_head.get_y(), 0])
                    for v, x in zip(model.values, xs, strict=True)
                ),
                FadeIn(heads[1]),
                run_time=1.4,
            )
            self.play(Create(gaps), run_time=0.8)
            self.play(
                Indicate(outlines[gap_i], color=color.highlight),
                Indicate(VGroup(truth.values[gap_i], model.values[gap_i])),
            )
