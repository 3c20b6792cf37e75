"""Part 7: models and reality.

Reality's odds p stand behind fog: only the outcomes' names show. Our model q
stands beside them, in plain view. Draws from reality fall one by one into a
histogram in front of the fog until the data have traced p; then the fog lifts
and p's outlines close around the data. Finally the model's bars slide onto
reality's axis: where q misses p is what the rest of the video measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

from scenes.kit import (
    DistributionBars,
    DrawsParams,
    ExplainerScene,
    Readout,
    SampleStream,
    Txt,
    Veil,
    alternatives,
    fit_bars,
    format_value,
    room_below_banner,
    tinted,
)
from scenes.kit.pacing import play_in_turn

CHART_WIDTH = 5.6  # the bars of one chart fit in this width (most of a half), however many outcomes
CHART_SLOT = 1.4  # the widest slot (bar and gap) a chart gives one outcome
MERGED_WIDTH = 8.4  # the model laid over reality, centred
FIRST_DRAW = 0.6  # seconds for each of the first draws to fall
FOG_MARGIN = 0.4  # the fog reaches this far past the bars it hides
GAP_SWELL = 16  # a gap's stroke width at the height of its pulse (7 at rest)
FOG_STIR = 0.15  # how far (a share of its width) the waiting fog's wisps drift


@dataclass(frozen=True)
class ModelsParams(DrawsParams):
    """Example values for part 7: reality and a model, and the draws that reveal reality."""


class Models(ExplainerScene):
    Params = ModelsParams
    hook = "What if the true odds are never shown to us?"
    takeaway = "We only ever hold a model of reality; data show where the two part ways."

    def takeaway_formula(self) -> str:
        return '"model" {{ q : q }} != "reality" {{ p : p }}'

    def body(self) -> None:
        self.hidden()
        self.model()
        self.draws()
        self.reveal()
        self.gap()

    # -- what the scene draws --------------------------------------------------------

    @cached_property
    def geometry(self) -> dict:
        """Bars of both charts and the histogram share one scale: a bar of probability 1
        is ``height`` tall, tall enough for the tallest bar, short enough for the spout
        and the running total over the histogram."""
        params, space, main = self.params, self.theme.space, self.stage.main
        outcomes = params.world.outcomes
        bar_width, spacing = fit_bars(
            len(outcomes), CHART_WIDTH, max_slot=CHART_SLOT, bar_share=0.7
        )
        size = "label" if len(outcomes) <= 4 else "small"
        probe = SampleStream(
            outcomes, [0], counts="below", bar_width=bar_width, spacing=spacing, label_size=size
        )
        below = -probe.count_readouts.get_bottom()[1] + space.s
        self.base_y = main.bottom + below
        total = Txt("400 draws", size)
        spout = main.top - total.height - space.m
        tallest = min(1.0, max(float(np.max(params.world.p)), float(np.max(params.world.q))) + 0.1)
        height = (spout - space.l - self.base_y) / tallest
        return dict(height=height, bar_width=bar_width, spacing=spacing, label_size=size)

    @cached_property
    def truth(self) -> DistributionBars:
        """Reality's chart in the left half: only its axis shows until the fog lifts."""
        p = self.params.world.true
        chart = DistributionBars(p, role="p", key="p", **self.geometry)
        chart.bars.set_fill(opacity=0).set_stroke(self.theme.color.p, width=5)
        chart.shift([self.stage.left.center[0], self.base_y - chart.base_y, 0])
        return chart

    @cached_property
    def veil(self) -> Veil:
        """Fog over everything reality's bars could be: as tall as a bar of probability 1."""
        axis = self.truth.baseline
        veil = Veil(
            axis.width + FOG_MARGIN,
            self.geometry["height"] * min(1.0, float(np.max(self.params.world.p)) + 0.15),
            role="p",
            seed=self.params.seed,
        )
        return veil.next_to(axis, UP, buff=self.theme.space.xs)

    # -- beats ---------------------------------------------------------------------

    @cached_property
    def room_to_spare(self) -> np.ndarray:
        """Reality stands in the middle until the model arrives, then moves by this much
        to the left half, making room."""
        return (self.stage.left.center[0] - self.stage.main.center[0]) * RIGHT

    def prelude(self) -> None:
        # Alone on the stage, reality (its axis, its fog) stands in the middle.
        VGroup(self.truth, self.veil).shift(-self.room_to_spare)
        self.play(Wait(), run_time=0.6)  # the title makes way first
        self.play(Create(self.truth.baseline), FadeIn(self.veil, scale=1.05), run_time=1.0)

    def hidden(self) -> None:
        outcomes = list(self.params.world.outcomes)
        heading = Txt("Reality, $p$", "heading", "p")
        heading.move_to([self.stage.main.center[0], self.stage.header.center[1], 0])
        self.reality_heading = heading
        with self.beat("hidden"):
            line = self.say(f"Reality has its own odds, p, for {alternatives(outcomes)}.")
            self.play(
                FadeIn(heading, shift=0.2 * DOWN),
                LaggedStart(*(FadeIn(label, shift=UP / 8) for label in self.truth.labels)),
                run_time=line.duration,
            )
            line = self.say("We never see them, only what actually happens.")
            self.play(
                self.veil.drift(reach=FOG_STIR, run_time=line.duration),
                Indicate(self.veil.mark, color=self.theme.color.p, run_time=line.duration / 2),
            )
            self.show("truth drawn", self.truth_drawn())

    def model(self) -> None:
        q = self.params.world.model
        chart = DistributionBars(q, role="q", key="q", **self.geometry)
        chart.shift([self.stage.right.center[0], self.base_y - chart.base_y, 0])
        heading = Txt("Our model, $q$", "heading", "q")
        heading.move_to([self.stage.right.center[0], self.stage.header.center[1], 0])
        top = int(np.argmax(q.probs))
        self.model_chart, self.model_heading = chart, heading
        truth = self.truth
        # What of reality is not on screen yet moves with it, unseen.
        VGroup(truth.bars, truth.values).shift(self.room_to_spare)
        shown = VGroup(truth.baseline, truth.labels, self.veil, self.reality_heading)
        with self.beat("model"):
            line = self.say("What we hold instead is a model, q: our best guess.")
            play_in_turn(
                self,
                line.duration,
                # Reality makes room for the model beside it.
                AnimationGroup(*(m.animate.shift(self.room_to_spare) for m in shown)),
                AnimationGroup(
                    FadeIn(heading, shift=0.2 * DOWN),
                    Create(chart.baseline),
                    FadeIn(chart.labels),
                ),
                AnimationGroup(GrowFromEdge(chart.bars, DOWN), FadeIn(chart.values)),
            )
            line = self.say(
                f"Ours bets most on {q.outcomes[top]}, at {format_value(q.probs[top], 2)}."
            )
            self.play(
                Circumscribe(
                    VGroup(chart.bars[top], chart.values[top]),
                    color=self.theme.color.highlight,
                    fade_in=True,
                    fade_out=True,
                ),
                self.veil.drift(reach=FOG_STIR),
                run_time=line.duration,
            )
            self.show("truth drawn", self.truth_drawn())

    def draws(self) -> None:
        params: ModelsParams = self.params
        space = self.theme.space
        # The histogram stands in front of the fog, on reality's axis; its counts sit
        # under the outcome names, out of the falling draws' way.
        stream = SampleStream(
            params.world.outcomes,
            params.run(self.unit).samples,
            role="p",
            key="count",
            axis=False,
            counts="below",
            **self.geometry,
        )
        stream.shift([self.truth.baseline.get_x(), self.base_y - stream.base_y, 0])
        stream.set_z_index(2)
        x = self.truth.baseline.get_x()
        stream.total.move_to([x, self.stage.main.top - stream.total.height / 2, 0])
        stream.spout.next_to(stream.total, DOWN, buff=space.m)
        # The total grows from its left end: keep it centred over the bins.
        stream.total.add_updater(lambda m: m.set_x(x))
        self.stream = stream
        first = params.first_draws
        with self.beat("draws"):
            line = self.say("Reality answers one draw at a time.")
            self.add(stream)
            self.play(
                self.veil.clear_mark(),
                FadeIn(stream.total),
                FadeIn(stream.count_readouts),
                run_time=min(0.6, line.duration),
            )
            # The first draws fall one by one, at a pace to follow.
            self.play(stream.pour(first, run_time=FIRST_DRAW * first, flight=FIRST_DRAW))
            line = self.say("A few draws are a rough sketch; hundreds trace the shape in the fog.")
            self.play(
                stream.pour(params.num_samples - first, run_time=line.duration, flight=0.5),
                self.veil.thin_to(0.5, run_time=line.duration),
            )
            self.show("truth drawn", self.truth_drawn())
            # Where the counter and the counts stand now (later beats move them).
            self.show("total x", stream.total.get_x())
            self.show("bins x", stream.bars.get_x())
            self.show("counts top", stream.count_readouts.get_top()[1])
            self.show("labels bottom", self.truth.labels.get_bottom()[1])
        stream.total.clear_updaters()

    def reveal(self) -> None:
        params: ModelsParams = self.params
        truth, stream, color = self.truth, self.stream, self.theme.color
        p = params.world.true
        top = int(np.argmax(p.probs))
        count = int(stream.counts[top])
        n = params.num_samples
        name = p.outcomes[top]
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')  # a Typst string in maths
        share = Readout(
            f'"{quoted}:" {count} \\/ {n}',
            count / n,
            unit=None,
            decimals=2,
            key="share",
            color="p",  # the data's estimate of p(sun): p's colour, as the counts
        )
        share.move_to(stream.total)
        for value, bar, sample_bar in zip(truth.values, truth.bars, stream.bars, strict=True):
            # Over both the true bar and the data's bar, whichever is taller.
            top_y = max(bar.get_top()[1], sample_bar.get_top()[1])
            value.next_to([bar.get_x(), top_y, 0], UP, buff=self.theme.space.xs)
        truth.bars.set_z_index(3)
        truth.values.set_z_index(4)
        with self.beat("reveal"):
            line = self.say(f"After {n} draws the fog lifts: the data have traced p.")
            play_in_turn(
                self,
                line.duration,
                (self.veil.lift(), stream.bars.animate.set_fill(opacity=0.45)),
                AnimationGroup(Create(truth.bars), FadeIn(truth.values, shift=UP / 8)),
            )
            line = self.say(
                f"{name.capitalize()} came up {count} times, a share of "
                f"{format_value(count / n, 2)}, against a true {format_value(p.probs[top], 2)}."
            )
            # The counter rolls up and away before the share rolls in to its place.
            play_in_turn(
                self,
                line.duration,
                FadeOut(stream.total, shift=UP / 4),
                AnimationGroup(
                    FadeIn(share, shift=UP / 4),
                    Circumscribe(
                        VGroup(stream.bars[top], stream.count_readouts[top]),
                        color=color.highlight,
                        fade_in=True,
                        fade_out=True,
                    ),
                    run_time=2,
                ),
                Circumscribe(
                    truth.values[top],
                    color=color.highlight,
                    fade_in=True,
                    fade_out=True,
                    run_time=2,
                ),
            )
            self.show("truth drawn", self.truth_drawn())
            self.show("share", share)
        self.share = share

    def gap(self) -> None:
        params: ModelsParams = self.params
        space, color = self.theme.space, self.theme.color
        p, q = params.world.true, params.world.model
        truth, model, stream = self.truth, self.model_chart, self.stream
        room = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula())
        bar_width, spacing = fit_bars(len(p.outcomes), MERGED_WIDTH, max_slot=2.3, bar_share=0.7)

        # One axis, centred, under a row of q's odds and a row of p's, the bars between.
        row_height = Txt("0.50", "label").height + space.m
        row_q = room.top - row_height / 2
        row_p = row_q - row_height
        base = room.bottom + truth.labels.height + space.s
        tallest = max(float(np.max(p.probs)), float(np.max(q.probs)))
        height = (row_p - row_height / 2 - space.s - base) / tallest
        target = DistributionBars(
            p,
            bar_width=bar_width,
            spacing=spacing,
            height=height,
            label_size=self.geometry["label_size"],
        )
        target.shift([room.center[0], base - target.base_y, 0])
        xs = [bar.get_x() for bar in target.bars]
        solid = target.bars.copy().set_fill(color.p, opacity=0.85).set_stroke(width=0)
        outlines = VGroup(
            *(
                Rectangle(
                    width=bar_width,
                    height=max(qi * height, 1e-3),
                    stroke_color=color.q,
                    stroke_width=5,
                    fill_opacity=0,
                ).move_to([x, base + qi * height / 2, 0])
                for x, qi in zip(xs, q.probs, strict=True)
            )
        ).set_z_index(4)
        heads = VGroup(Txt("model, $q$", "label", "q"), Txt("reality, $p$", "label", "p"))
        for head, y in zip(heads, (row_q, row_p), strict=True):
            head.move_to([xs[0] - bar_width / 2 - space.m, y, 0], aligned_edge=RIGHT)
        gaps = VGroup(
            *(
                Line(
                    [x + bar_width / 2 + space.xs, base + pi * height, 0],
                    [x + bar_width / 2 + space.xs, base + qi * height, 0],
                    color=color.highlight,
                    stroke_width=7,
                )
                for x, pi, qi in zip(xs, p.probs, q.probs, strict=True)
                if abs(pi - qi) > 1e-9
            )
        )
        title = Txt(f"Where {tinted('$q$', 'q')} misses {tinted('$p$', 'p')}", "heading")
        self.stage.header.place(title)
        worst = int(np.argmax(np.abs(p.probs - q.probs)))
        with self.beat("gap"):
            line = self.say(
                f"Lay the model over reality: it gives {p.outcomes[worst]} "
                f"{format_value(q.probs[worst], 2)} where the truth is "
                f"{format_value(p.probs[worst], 2)}."
            )
            step = line.duration / 5
            # The data have done their part, and the two headings make way for one.
            self.play(
                FadeOut(stream.count_readouts, self.share, model.labels),
                FadeOut(self.reality_heading, self.model_heading, shift=UP / 4),
                FadeIn(title, shift=DOWN / 4),
                run_time=step,
            )
            # The data's bars become p's own and the model's bars outlines, at the merged
            # chart's scale but where they stand, the axes stepping down with them ...
            solid_here = standing_at(solid, truth.bars)
            outlines_here = standing_at(outlines, model.bars)
            drop = (base - self.base_y) * UP
            self.play(
                ReplacementTransform(model.bars, outlines_here),
                ReplacementTransform(stream.bars, solid_here),
                FadeOut(truth.bars),
                *(m.animate.shift(drop) for m in (truth.baseline, model.baseline, truth.labels)),
                *(
                    value.animate.next_to(bar, UP, buff=space.xs)
                    for value, bar in (
                        *zip(model.values, outlines_here, strict=True),
                        *zip(truth.values, solid_here, strict=True),
                    )
                ),
                run_time=step,
            )
            # ... each chart's odds rise straight up into their row, clear of every bar ...
            self.play(
                *(value.animate.set_y(row_q) for value in model.values),
                *(value.animate.set_y(row_p) for value in truth.values),
                run_time=step / 2,
            )
            # ... then everything slides to the middle under its row: q's outlines land on
            # reality's axis, over p's bars.
            self.play(
                ReplacementTransform(outlines_here, outlines),
                Transform(model.baseline, target.baseline.copy()),
                ReplacementTransform(solid_here, solid),
                Transform(truth.baseline, target.baseline),
                *(
                    label.animate.move_to([x, target_label.get_y(), 0])
                    for label, target_label, x in zip(truth.labels, target.labels, xs, strict=True)
                ),
                *(value.animate.set_x(x) for value, x in zip(model.values, xs, strict=True)),
                *(value.animate.set_x(x) for value, x in zip(truth.values, xs, strict=True)),
                run_time=2 * step,
            )
            # The rows are named once they are in place (the p row slid past the names' spot).
            self.play(FadeIn(heads, shift=RIGHT / 8), run_time=step / 2)
            self.remove(model.baseline)  # it lies exactly on reality's axis now
            line = self.say("What that gap costs comes next.")
            play_in_turn(
                self,
                line.duration,
                Create(gaps, lag_ratio=0.3),
                Circumscribe(
                    VGroup(solid[worst], outlines[worst]),
                    color=color.highlight,
                    fade_in=True,
                    fade_out=True,
                ),
            )
            self.show("solid", solid)
            self.show("outlines", outlines)
        self.gaps = gaps

    def truth_drawn(self) -> bool:
        """Whether any of reality's true bars is on screen."""
        drawn = {id(m) for m in self.get_mobject_family_members()}
        return any(id(bar) in drawn for bar in self.truth.bars)

    def finale(self) -> None:
        """While the takeaway is said, the gaps swell one after another, over the whole line."""
        self.play(
            Succession(
                *(
                    g.animate(rate_func=there_and_back).set_stroke(width=GAP_SWELL)
                    for g in self.gaps
                )
            ),
            run_time=max(self.narrator.free_at - self.time, 2.0),
        )


def standing_at(bars: VGroup, where: VGroup) -> VGroup:
    """Copies of ``bars`` (standing on their axis) moved under ``where``'s bars, as wide."""
    moved = bars.copy()
    for bar, spot in zip(moved, where, strict=True):
        bar.stretch_to_fit_width(spot.width)
        bar.set_x(spot.get_x())
    return moved
