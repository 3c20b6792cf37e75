"""Part 12: the recap. The four measures on one scale of bits, each built from the last.

The road map of part 1 comes back as a row, and under each station stands its picture,
all on one baseline and one bits axis whose grid runs under the whole row:

- surprise, the curve log 1/p, with the example outcome's dot on it;
- entropy, blocks p wide and log 1/p tall (the example's block rises to the dot's height),
  averaged to H(p);
- cross-entropy, the same widths with the model's heights log 1/q, averaged to H(p, q);
- KL divergence, the stacked bar: H(p) below, the rest of H(p, q) above it.

Then the gap itself: the plot makes way for the model's bars under reality's outlines,
and as the model moves onto reality the cross-entropy blocks take entropy's shape, the
average drops onto the floor and the KL segment shrinks to nothing: what training does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from infotheory.units import log_factor
from scenes.kit import (
    AverageStrip,
    CurvePlot,
    DistributionBars,
    ExplainerScene,
    GhostBars,
    Readout,
    Region,
    RoadMap,
    SceneParams,
    StackedBar,
    Txt,
    extent,
    fit_bars,
    format_value,
    information_stations,
    nice_ticks,
    tinted,
    unit_word,
)
from scenes.kit.dashes import DashedSegment
from scenes.kit.pacing import play_in_turn
from scenes.kit.text import size_of

CLEARANCE = 0.6  # nothing comes nearer the frame's edge than this: 80 px at 1080p
STRIP_WIDTH = 2.0  # each strip of blocks, and the plot's p axis
STACK_WIDTH = 0.7
LABEL_SIZE = "label"  # the smallest words on screen: names, ticks, legend, road formulas


@dataclass(frozen=True)
class RecapParams(SceneParams):
    """Example values for part 12: the weather of parts 7 and 8, reality ``p`` and model ``q``."""

    outcomes: tuple[str, ...] = ("sun", "cloud", "rain", "snow")
    p: tuple[float, ...] = (0.5, 0.25, 0.15, 0.1)  # reality
    q: tuple[float, ...] = (0.2, 0.4, 0.3, 0.1)  # the model
    example: str = "rain"  # the outcome whose surprise is the first example

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 2 <= len(self.outcomes) <= 5:
            raise ValueError(f"outcomes must name 2 to 5 outcomes, not {len(self.outcomes)}")
        for name, role in (("p", "reality"), ("q", "the model")):
            try:
                it.categorical(self.outcomes, getattr(self, name))
            except (TypeError, ValueError) as error:
                raise ValueError(f"{name} ({role}) is not a distribution: {error}") from None
        if not np.isfinite(it.kl_divergence(self.p, self.q)):
            raise ValueError(
                "q gives probability 0 to an outcome that p says can happen: "
                "the gap would be infinite"
            )
        if np.array_equal(np.asarray(self.p), np.asarray(self.q)):
            raise ValueError("q must differ from p, or there is no gap to show")
        if self.example not in self.outcomes:
            raise ValueError(
                f"example = {self.example!r} is not one of the outcomes {self.outcomes}"
            )
        if self.reality.probability(self.example) == 0:
            raise ValueError(f"example = {self.example!r} never happens under p; pick another")

    @property
    def reality(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.p)

    @property
    def model(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.q)


@dataclass(frozen=True)
class _Values:
    """The recap's numbers, each from infotheory."""

    p_example: float
    surprise: float
    entropy: float
    cross_entropy: float
    kl: float


class Recap(ExplainerScene):
    Params = RecapParams
    hook = "How far is a model from reality?"
    takeaway = (
        "KL divergence is the gap between model and reality; "
        "cross-entropy is what training minimises."
    )

    def takeaway_formula(self) -> str:
        return (
            "{{ H : cross_entropy }}({{ p : p }}, {{ q : q }}) = "
            "{{ H : entropy }}({{ p : p_1 }}) + "
            '{{ "KL" : kl }}({{ p : p_2 }} || {{ q : q_1 }})'
        )

    def body(self) -> None:
        self.surprise()
        self.entropy()
        self.cross_entropy()
        self.kl_divergence()
        self.gap()

    # -- the numbers and the layout ----------------------------------------------------

    @cached_property
    def values(self) -> _Values:
        params, unit = self.params, self.unit
        p, q = params.reality, params.model
        p_example = p.probability(params.example)
        return _Values(
            p_example=p_example,
            surprise=float(it.surprisal(p_example, unit=unit)),
            entropy=float(it.entropy(p, unit=unit)),
            cross_entropy=float(it.cross_entropy(p, q, unit=unit)),
            kl=float(it.kl_divergence(p, q, unit=unit)),
        )

    @cached_property
    def road(self) -> RoadMap:
        space = self.theme.space
        road = RoadMap(
            information_stations(self.unit),
            direction="row",
            name_size="label",
            formula_size=LABEL_SIZE,
            arrow_labels=[
                f"average over {tinted('$p$', 'p')}",
                f"surprise under {tinted('$q$', 'q')}",
                f"minus {tinted('$H(p)$', 'entropy')}",
            ],
            widths=[STRIP_WIDTH + space.s] * 4,
            spacing=space.m,
        )
        road.move_to([0, config.frame_height / 2 - CLEARANCE - road.height / 2, 0])
        return road

    @cached_property
    def top_bits(self) -> float:
        """The top of the bits axis: above every surprise a block or the dot will show."""
        params, unit = self.params, self.unit
        heights = it.surprisal(
            np.concatenate([params.reality.probs, params.model.probs]), unit=unit
        )
        return float(np.max(heights)) * 1.08

    @cached_property
    def readout_y(self) -> float:
        """The row of read-outs under the pictures, just above the caption band."""
        probe = Readout("H(p)", 1.0, unit=None, size="label")
        return self.stage.caption_band.top + self.theme.space.s + probe.height / 2

    @cached_property
    def plot(self) -> CurvePlot:
        """The surprise curve, whose y-axis is the bits axis of the whole row."""
        space, unit = self.theme.space, self.unit
        road_bottom = self.road.get_bottom()[1]
        # The x ticks' labels and the read-outs' row lie below the baseline.
        probe_tick = Txt("0.5", LABEL_SIZE)
        baseline = self.readout_y + probe_tick.height + 2 * space.m + space.s
        axis_label = Txt(unit_word(unit), "label")
        height = road_bottom - space.m - axis_label.height - space.s - baseline
        # The curve starts where it reaches the top of the axis.
        p_min = float(np.exp(-self.top_bits * log_factor(unit)))
        x, y = it.surprise_curve(p_min=p_min, p_max=1.0, num=400, unit=unit)
        plot = CurvePlot(
            x,
            y,
            x_range=(0, 1),
            y_range=(0, self.top_bits),
            x_ticks=(0.5, 1),
            y_ticks=nice_ticks(self.top_bits, 4, whole=True),
            x_label="p",
            y_label=f'"{unit_word(unit)}"',
            role="surprise",
            width=STRIP_WIDTH,
            height=height,
            tick_size=LABEL_SIZE,
        )
        x0 = self.road.stations[0].get_center()[0]
        plot.shift([x0 - plot.axes.get_center()[0], baseline - plot.c2p(0, 0)[1], 0])
        return plot

    @property
    def unit_height(self) -> float:
        return float(self.plot.c2p(0, 1)[1] - self.plot.c2p(0, 0)[1])

    @property
    def baseline_y(self) -> float:
        return float(self.plot.c2p(0, 0)[1])

    def station_x(self, i: int) -> float:
        return float(self.road.stations[i].get_center()[0])

    def strip(self, q=None, i: int = 1) -> AverageStrip:
        """An average strip under station ``i`` on the row's baseline and scale."""
        params = self.params
        strip = AverageStrip(
            params.reality,
            q,
            unit=self.unit,
            width=STRIP_WIDTH,
            unit_height=self.unit_height,
        )
        strip.remove(strip.labels)  # the blocks are too narrow for names; the example gets one
        strip.shift([self.station_x(i), self.baseline_y, 0] - strip.baseline.get_center())
        return strip

    def readout(self, label: str, value: float, key: str, role: str, i: int) -> Readout:
        # No unit after each: the row's one axis names it, and four units crowd the row.
        r = Readout(label, value, unit=None, key=key, color=role, size="label")
        return r.move_to([self.station_x(i), self.readout_y, 0])

    @cached_property
    def grid(self) -> VGroup:
        """Faint lines at the bits axis's ticks, under the whole row: one scale for all."""
        plot = self.plot
        right = self.station_x(3) + STRIP_WIDTH / 2
        lines = VGroup(
            *(
                Line(
                    plot.c2p(0, v),
                    [right, plot.c2p(0, v)[1], 0],
                    color=self.theme.color.faint,
                    stroke_width=1.5,
                )
                for v in nice_ticks(self.top_bits, 4, whole=True)
            )
        )
        return lines.set_z_index(-2)

    def level_guide(self, value: float, start: float, end: float, role: str) -> DashedSegment:
        y = self.baseline_y + value * self.unit_height
        return DashedSegment(
            [start, y, 0], [end, y, 0], color=self.theme.color[role], stroke_width=2
        ).set_z_index(-1)

    # -- beats ---------------------------------------------------------------------------

    def prelude(self) -> None:
        # The road of part 1, and the one bits axis every picture will stand on.
        plot = self.plot
        n_x = 2  # x ticks first, then y ticks (CurvePlot's order)
        self.play(
            FadeIn(self.road, lag_ratio=0.05),
            Create(plot.axes.y_axis),
            FadeIn(plot.ticks[n_x:], plot.tick_labels[n_x:], plot.y_label),
            LaggedStart(*(Create(line) for line in self.grid), lag_ratio=0.2),
            run_time=1.6,
        )

    def surprise(self) -> None:
        params, v, plot = self.params, self.values, self.plot
        mark = plot.mark(v.p_example, v.surprise)
        self.mark = mark
        s_readout = self.readout(f'S("{params.example}")', v.surprise, "S", "surprise", 0)
        with self.beat("surprise"):
            line = self.say(
                f"Surprise is log one over p: {params.example}, at "
                f"{format_value(v.p_example, 2)}, carries {format_value(v.surprise)} "
                f"{unit_word(self.unit, v.surprise)}."
            )
            self.play(
                Succession(
                    AnimationGroup(
                        self.road.highlight(0),
                        Create(plot.axes.x_axis),
                        FadeIn(plot.ticks[:2], plot.tick_labels[:2], plot.x_label),
                    ),
                    Create(plot.curve),
                    AnimationGroup(Create(mark), FadeIn(s_readout, shift=UP / 8)),
                ),
                run_time=line.duration,
            )
            self.show("mark", mark)
            self.show("plot", plot)

    def entropy(self) -> None:
        params, v = self.params, self.values
        strip = self.strip()
        k = params.outcomes.index(params.example)
        block = strip.blocks[k]
        name = Txt(params.example, LABEL_SIZE, "muted").next_to(
            block, DOWN, buff=self.theme.space.s
        )
        # The example's dot and its block: the same surprise, at the same height.
        guide = self.level_guide(
            v.surprise, self.mark[-1].get_center()[0], block.get_right()[0], "surprise"
        )
        line = strip.average_line()
        h_readout = self.readout("H(p)", v.entropy, "H", "entropy", 1)
        with self.beat("entropy"):
            said = self.say(
                f"Average it over reality, each outcome weighed by its chance: entropy, "
                f"{format_value(v.entropy)} {unit_word(self.unit, v.entropy)}."
            )
            others = [b for i, b in enumerate(strip.blocks) if i != k]
            self.play(
                Succession(
                    AnimationGroup(self.road.highlight(1), Create(strip.baseline)),
                    AnimationGroup(Create(guide), GrowFromEdge(block, DOWN), FadeIn(name)),
                    LaggedStart(*(GrowFromEdge(b, DOWN) for b in others), lag_ratio=0.3),
                    AnimationGroup(Create(line), FadeIn(h_readout, shift=UP / 8)),
                ),
                run_time=said.duration,
            )
            self.show("strip", strip)
            self.show("guide", guide)
        self.strip_p, self.line_p, self.example_guide = strip, line, guide

    def cross_entropy(self) -> None:
        params, v = self.params, self.values
        strip = self.strip(params.model, 2)
        line = strip.average_line()
        ce_readout = self.readout(
            "{{ H : cross_entropy }}({{ p : p }}, {{ q : q }})",
            v.cross_entropy,
            "CE",
            "cross_entropy",
            2,
        )
        with self.beat("cross-entropy"):
            said = self.say(
                "Use the model's surprise, log one over q, instead: "
                f"cross-entropy, {format_value(v.cross_entropy)} "
                f"{unit_word(self.unit, v.cross_entropy)}."
            )
            play_in_turn(
                self,
                said.duration,
                (self.road.highlight(2), Create(strip.baseline)),
                TransformFromCopy(self.strip_p.blocks, strip.blocks),
                (Create(line), FadeIn(ce_readout, shift=UP / 8)),
            )
            self.add(strip)  # one piece from here on
        self.strip_q, self.line_q, self.ce_readout = strip, line, ce_readout

    def kl_divergence(self) -> None:
        params, v = self.params, self.values
        stack = StackedBar(
            params.reality,
            params.model,
            unit=self.unit,
            unit_height=self.unit_height,
            width=STACK_WIDTH,
            key="stack",
            readouts=False,
        )
        stack.shift([self.station_x(3), self.baseline_y, 0] - stack.base)
        stack.merge()
        # The two averages, carried across to the bar on the row's one scale.
        start = self.strip_p.baseline.get_right()[0]
        end = stack.base[0] - STACK_WIDTH / 2
        floor = self.level_guide(v.entropy, start, end, "entropy")
        top = self.level_guide(
            v.cross_entropy, self.strip_q.baseline.get_right()[0], end, "cross_entropy"
        )
        kl_readout = self.readout(
            '{{ "KL" : kl }}({{ p : p }} || {{ q : q }})', v.kl, "KL", "kl", 3
        )
        with self.beat("kl-divergence"):
            said = self.say(
                f"Take away the entropy and {format_value(v.kl)} "
                f"{unit_word(self.unit, v.kl)} are left: the KL divergence, "
                "the wrong model's extra cost."
            )
            self.play(
                Succession(
                    AnimationGroup(
                        self.road.highlight(3),
                        Create(stack.baseline),
                        Create(top),
                        TransformFromCopy(self.line_q, stack.bar),
                        Create(stack.bracket),
                    ),
                    AnimationGroup(Create(floor), stack.split()),
                    FadeIn(kl_readout, shift=UP / 8),
                ),
                run_time=said.duration,
            )
            self.add(stack)  # one piece from here on (its parts were animated in one by one)
            self.show("stack", stack)
            self.show("heights", stack.segment_heights())
            self.show("extent", extent(self.mobjects))
        self.stack, self.kl_readout, self.top_guide = stack, kl_readout, top

    def gap(self) -> None:
        params, v, space = self.params, self.values, self.theme.space
        p = params.reality
        stack, road = self.stack, self.road
        # Where the road was: the model's bars under reality's dashed outlines on the left,
        # the KL station's formula, grown, on the right.
        band = Region(
            "above the row",
            self.stage.main.left + CLEARANCE - self.theme.margin,
            self.stage.main.right - CLEARANCE + self.theme.margin,
            self.plot.get_top()[1] + space.m,
            road.get_top()[1],
        )
        left, right = band.split(2, gutter=space.l)
        chart = self.model_chart(left)
        ghost = GhostBars(chart, p).attach()
        legend = VGroup(
            Txt(f"model {tinted('$q$', 'q')}", LABEL_SIZE, "muted"),
            Txt(f"reality {tinted('$p$', 'p')}, dashed", LABEL_SIZE, "muted"),
        ).arrange(DOWN, buff=space.xs, aligned_edge=LEFT)
        legend.next_to(chart.bars, RIGHT, buff=space.m).align_to(chart.bars, UP)
        station = road.stations[3].formula
        heading = station.copy()
        heading_target = station.copy().scale(self.theme.size.formula / size_of(LABEL_SIZE))
        right.place(heading_target)

        with self.beat("gap"):
            said = self.say(
                f"Those {format_value(v.kl)} {unit_word(self.unit, v.kl)} are the gap "
                "between model and reality."
            )
            self.add(heading)
            self.play(
                Succession(
                    AnimationGroup(
                        FadeOut(road, shift=UP / 4),
                        Transform(heading, heading_target),
                        Create(chart.baseline),
                        FadeIn(chart.labels),
                        GrowFromEdge(chart.bars, DOWN),
                        FadeIn(legend),
                    ),
                    Create(ghost),
                    Circumscribe(
                        VGroup(stack.kl_segment, self.kl_readout),
                        color=self.theme.color.highlight,
                    ),
                ),
                run_time=said.duration,
            )
            self.add(chart)
            said = self.say(
                "Training works to close it: as the model moves onto reality, "
                "the gap shrinks to nothing."
            )
            self.slide_model(0.0, 1.0, said.duration, chart)
            self.show("chart", chart)
            self.show("stack", stack)
            self.show("extent", extent(self.mobjects))

    def slide_model(
        self, start: float, end: float, run_time: float, chart: DistributionBars | None = None
    ) -> None:
        """Move the model along the straight path from q (0) to p (1), ``start`` to ``end``:
        the cross-entropy blocks, their average, the stacked bar, its guide, the read-outs
        and the model's ``chart`` all show the model of every frame."""
        p, q, unit = self.params.reality, self.params.model, self.unit
        mix = ValueTracker(start)

        def model() -> np.ndarray:
            t = mix.get_value()
            return (1 - t) * q.probs + t * p.probs

        def cross_entropy() -> float:
            return float(it.cross_entropy(p, model(), unit=unit))

        guide = self.top_guide
        ends = (guide.get_left()[0], guide.get_right()[0])

        def lower_guide(mob: DashedSegment) -> None:
            y = self.stack.level(cross_entropy())
            mob.put_ends([ends[0], y, 0], [ends[1], y, 0])

        followers = [self.strip_q, self.line_q, self.stack, guide]
        # Reshaped in place: rebuilding the strip every frame was a quarter of the render.
        self.strip_q.add_updater(lambda m: m.set_probs(p, model()))
        self.line_q.add_updater(lambda m: m.set_y(self.strip_q.height_of(cross_entropy())))
        self.stack.follow(model)
        guide.add_updater(lower_guide)
        if chart is not None:
            chart.add_updater(lambda m: m.set_probs(model()))
            followers.append(chart)
        self.ce_readout.track(cross_entropy)
        self.kl_readout.track(lambda: float(it.kl_divergence(p, model(), unit=unit)))
        self.play(mix.animate.set_value(end), run_time=run_time, rate_func=smooth)
        for mob in followers:
            mob.clear_updaters()
        self.ce_readout.untrack()
        self.kl_readout.untrack()

    def model_chart(self, region: Region) -> DistributionBars:
        """The model's bars, sized to ``region`` with room for their names and a legend."""
        params, space = self.params, self.theme.space
        p, q = params.reality, params.model
        n = len(p)
        bar_width, spacing = fit_bars(n, region.width / 2, max_slot=0.8, bar_share=0.6)
        probe = Txt("cloud", LABEL_SIZE)
        tallest = float(max(np.max(p.probs), np.max(q.probs)))
        height = (region.height - probe.height - space.s - space.xs) / tallest
        chart = DistributionBars(
            q,
            role="q",
            key="q",
            height=height,
            bar_width=bar_width,
            spacing=spacing,
            show_values=False,
            label_size=LABEL_SIZE,
        )
        chart.shift([region.left - chart.get_left()[0], region.bottom - chart.get_bottom()[1], 0])
        return chart

    def finale(self) -> None:
        """While the takeaway is said the gap opens once more (KL is the gap), then training
        closes it again (cross-entropy, minimised, comes down onto its floor)."""
        said = max(self.narrator.free_at - self.time, 2.0)
        self.slide_model(1.0, 0.0, said * 0.45)
        self.slide_model(0.0, 1.0, said * 0.55)
