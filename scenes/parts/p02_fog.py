"""Part 2: thinking in probabilities.

A blob in thick fog that a person, a tree, a lamp or a deer would all fit: their faint
outlines lie over it. The mind does not settle on one reading; it holds a model, q, a
weight for each, drawn as bars that add up to exactly one. As the fog thins the shape
sharpens, weight pours from the readings that fit less into the one that fits, each
outline fades or firms with its weight, and the total stays one on every frame.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    DistributionBars,
    ExplainerScene,
    Readout,
    Region,
    SceneParams,
    Txt,
    alternatives,
    format_value,
    room_below_banner,
    tinted,
)
from scenes.kit.flow import WeightFlow
from scenes.kit.fog import SILHOUETTES, FoggedShape, silhouette
from scenes.kit.outlines import CandidateOutlines

# The fog's look: how blurred the shape is and how dense the fog in the thickest fog
# (thin enough that the blob reads, thick enough that it could be anything).
BLUR = 0.6
FOG_PEAK = 0.42
# How much a pulse swells what it points at (never recolouring it).
PULSE = 1.15
# How strongly every outline shows while the eye weighs them all at once.
FAINT = 0.4
# How tall the shape in the fog stands, and each reading's picture in its slot (screen units).
SHAPE_HEIGHT, ICON_HEIGHT = 3.6, 1.3
# How much taller than the frame the fog bank is: the shape stands low (under the banner's
# reach) and the fog is centred on it, so it must still cover the top of the frame.
FOG_OVERHANG = 2.2
BAR_WIDTH, BAR_GAP = 1.0, 0.55
# The readings' names and weights: the body size, to read at 480p.
CHART_TEXT = "body"


def outline_opacity(weight: float) -> float:
    """How strongly a reading's outline shows over the fog: it firms up with its weight
    (a square-root-like curve, so a small weight is faint but not gone; never quite
    solid, so the shape under it shows)."""
    return 0.8 * float(weight) ** 0.6


@dataclass(frozen=True)
class FogParams(SceneParams):
    """Example values for part 2.

    ``stages[k]`` is the mind's distribution over ``interpretations`` when the fog
    has thickness ``fog_levels[k]`` (1 = thick, 0 = gone); ``truth`` is the shape
    actually standing in the fog.
    """

    interpretations: tuple[str, ...] = ("person", "tree", "lamp", "deer")
    stages: tuple[tuple[float, ...], ...] = (
        (0.30, 0.30, 0.25, 0.15),
        (0.45, 0.25, 0.20, 0.10),
        (0.75, 0.10, 0.10, 0.05),
        (0.94, 0.03, 0.02, 0.01),
    )
    fog_levels: tuple[float, ...] = (1.0, 0.75, 0.45, 0.0)
    truth: str = "person"

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 2 <= len(self.interpretations) <= 5:
            raise ValueError(
                f"interpretations must list 2 to 5 readings, not {len(self.interpretations)}"
            )
        if not 2 <= len(self.stages) <= 5:
            raise ValueError(f"stages must hold 2 to 5 distributions, not {len(self.stages)}")
        for k, stage in enumerate(self.stages):
            try:
                # Validated, never normalised: a stage that does not sum to 1 is refused.
                it.categorical(self.interpretations, stage)
            except (ValueError, TypeError) as error:
                raise ValueError(f"stages[{k}]: {error}") from error
        if len(self.fog_levels) != len(self.stages):
            raise ValueError(
                f"fog_levels has {len(self.fog_levels)} entries but stages has "
                f"{len(self.stages)}: one fog thickness per stage"
            )
        for k, level in enumerate(self.fog_levels):
            if isinstance(level, bool) or not 0.0 <= level <= 1.0:
                raise ValueError(f"fog_levels[{k}] = {level!r} is not a thickness in [0, 1]")
        if any(b > a for a, b in itertools.pairwise(self.fog_levels)):
            raise ValueError(f"fog_levels must never rise (the fog clears): {self.fog_levels}")
        if self.truth not in SILHOUETTES:
            raise ValueError(
                f"truth = {self.truth!r} is not a shape we can draw; "
                f"shapes: {', '.join(SILHOUETTES)}"
            )
        if self.truth not in self.interpretations:
            raise ValueError(f"truth = {self.truth!r} is not among the interpretations")
        last = it.categorical(self.interpretations, self.stages[-1])
        if max(last.outcomes, key=last.probability) != self.truth:
            raise ValueError(
                f"stages[-1] is the clear view, so it must give truth = {self.truth!r} "
                "the largest weight"
            )


class Fog(ExplainerScene):
    Params = FogParams
    hook = "What do you see in the fog?"
    takeaway = (
        "A mind in doubt holds a distribution over readings: "
        "evidence moves the weights, and they always add up to one."
    )

    def setup(self) -> None:
        super().setup()
        params: FogParams = self.params
        self.stages = [it.categorical(params.interpretations, s) for s in params.stages]
        # The readings we can draw lie over the fog as outlines.
        self.drawn = [name for name in params.interpretations if name in SILHOUETTES]

    # -- the storyboard -------------------------------------------------------------------

    def prelude(self) -> None:
        params: FogParams = self.params
        left = self.stage.left
        # What stands in the fog is reality, so it wears reality's colour.
        self.fog = FoggedShape(
            params.truth,
            level=params.fog_levels[0],
            height=SHAPE_HEIGHT,
            role="p",
            fog_width=left.width + 3.2,
            fog_height=config.frame_height + FOG_OVERHANG,
            fade=2.4,
            candidates=self.drawn,
            blur=BLUR,
            fog_peak=FOG_PEAK,
        )
        # Its picture (with room for the blur) ends under the takeaway's banner, so the clear
        # shape stays in the last picture.
        top = np.array([left.center[0], self.room().top, 0.0])
        self.fog.shift(top - self.fog.silhouette.get_top())
        self.play(self.fog.appear(), run_time=1.6)
        self.show("fog", self.fog)

    def body(self) -> None:
        self.readings()
        self.weights()
        last = len(self.stages) - 1
        for k in range(1, last):
            self.thinning(k)
        self.clear_air()

    def room(self) -> Region:
        """The stage under the takeaway's banner: the last picture stays inside it."""
        return room_below_banner(self.stage, self.takeaway)

    def weight_chart(self, height: float) -> DistributionBars:
        """The mind's weights, q, with ``height`` screen units for a weight of one."""
        return DistributionBars(
            self.stages[0],
            role="q",
            key="belief",
            height=height,
            bar_width=BAR_WIDTH,
            spacing=BAR_GAP,
            decimals=2,
            value_side="bottom",
            label_size=CHART_TEXT,
        )

    def total_readout(self) -> Readout:
        """What the weights add up to (it follows the bars)."""
        return Readout(
            '"total"', float(np.sum(self.stages[0].probs)), unit=None, decimals=2, key="total"
        )

    def readings(self) -> None:
        """Each reading the eye could make lies over the blob as an outline, and takes its
        place on the right, where its weight will stand."""
        space, right = self.theme.space, self.stage.right
        # The weights stand as tall as the stage allows: the total sits on the stage's floor,
        # the tallest weight ever shown ends just under the banner.
        probe = self.weight_chart(1.0)
        below = probe.base_y - probe.values.get_bottom()[1]  # names and weights hang below
        depth = below + space.m + self.total_readout().height
        base_y = right.bottom + depth
        tallest = max(float(np.max(s.probs)) for s in self.stages)
        self.chart = self.weight_chart((self.room().top - base_y) / tallest)
        self.chart.shift(
            (right.center[0] - self.chart.baseline.get_x()) * RIGHT
            + (base_y - self.chart.base_y) * UP
        )
        self.outlines = CandidateOutlines(self.fog, self.drawn, role="q", strength=0.0)
        self.icons = {}
        for name in self.drawn:
            i = self.chart.outcomes.index(name)
            icon = silhouette(name, height=ICON_HEIGHT, role="muted")
            icon.next_to(self.chart.baseline, UP, buff=space.xs).match_x(self.chart.bars[i])
            self.icons[name] = icon
        self.heading = Txt("what is it?", "heading", "muted")
        right.place(self.heading, align=UP)
        names = self.chart.labels
        with self.beat(
            "fog",
            f"A shape in thick fog: {alternatives(self.params.interpretations)}? "
            "Any of them could fit.",
        ) as record:
            line = record.lines[0]
            self.add(self.outlines)
            self.play(FadeIn(self.heading), FadeIn(self.chart.baseline), run_time=0.6)
            steps = []
            for i, name in enumerate(self.chart.outcomes):
                parts = [FadeIn(names[i], shift=self.theme.space.xs * UP)]
                if name in self.icons:
                    parts += [
                        self.outlines.strengths_to({name: 1.0}),
                        FadeIn(self.icons[name], shift=self.theme.space.s * UP),
                    ]
                steps.append(AnimationGroup(*parts))
            self.play(LaggedStart(*steps, lag_ratio=0.7), run_time=max(line.duration - 1.4, 2.0))
            # All at once, faint: the eye weighs them together.
            self.play(
                self.outlines.strengths_to({name: FAINT for name in self.drawn}), run_time=0.8
            )

    def weights(self) -> None:
        chart, space = self.chart, self.theme.space
        heading = Txt(f"the mind's model, {tinted('$q$', 'q')}", "heading")
        self.stage.right.place(heading, align=UP)
        total = self.total_readout()
        total.track(lambda: float(np.sum(chart.probs)))
        total.next_to(chart.values, DOWN, buff=space.m).match_x(chart.baseline)
        self.total = total
        # Each reading's picture sinks into the baseline as its weight rises from it.
        grow = [
            AnimationGroup(
                *(
                    [FadeOut(self.icons[name], shift=space.m * DOWN, scale=0.5)]
                    if name in self.icons
                    else []
                ),
                GrowFromEdge(chart.bars[i], DOWN),
            )
            for i, name in enumerate(chart.outcomes)
        ]
        with self.beat(
            "guesses",
            "The mind keeps them all, each with a weight: its model of what stands there, q.",
        ) as record:
            self.play(ReplacementTransform(self.heading, heading), run_time=0.8)
            self.heading = heading
            self.play(
                LaggedStart(*grow, lag_ratio=0.25),
                FadeIn(chart.values, shift=self.theme.space.xs * UP),
                *self.outlines_to(self.stages[0]),
                run_time=max(record.lines[0].end - self.time, 1.6),
            )
            self.add(chart)
            self.show("chart", chart)
            line = self.say("The weights add up to one.")
            self.play(FadeIn(total, shift=self.theme.space.xs * UP), run_time=0.6)
            self.point_at_total(run_time=max(line.end - self.time, 0.8))
            self.show_outlines()

    def show_outlines(self) -> None:
        """Note how strongly each outline shows now, for the tests."""
        on_screen = any(m is self.outlines for m in self.get_mobject_family_members())
        self.show(
            "outlines",
            {name: self.outlines.strengths[name] if on_screen else 0.0 for name in self.drawn},
        )

    def outlines_to(self, dist) -> list[Animation]:
        """Each outline firms up or fades to match its reading's weight in ``dist``."""
        return [
            self.outlines.strengths_to(
                {name: outline_opacity(dist.probability(name)) for name in self.drawn}
            )
        ]

    def flow_to(self, k: int, run_time: float) -> None:
        """Thin the fog to stage ``k`` while weight pours between the bars."""
        ceiling = self.heading.get_bottom()[1] - self.theme.space.m
        self.play(
            WeightFlow(self.chart, self.stages[k], ceiling=ceiling),
            self.fog.clear_to(self.params.fog_levels[k]),
            *self.outlines_to(self.stages[k]),
            run_time=run_time,
        )

    def thinning(self, k: int) -> None:
        dist = self.stages[k]
        leader = max(dist.outcomes, key=dist.probability)
        value = format_value(dist.probability(leader), 2)
        lines = [
            f"The fog thins, and weight pours into the {leader}: {value} now.",
            f"Thinner still: the {leader} takes {value}, and the total is still one.",
        ]
        with self.beat(f"thinning-{k}", lines[(k - 1) % len(lines)]) as record:
            self.flow_to(k, run_time=max(record.lines[0].duration, 2.5))
            self.show_outlines()

    def clear_air(self) -> None:
        k = len(self.stages) - 1
        dist = self.stages[k]
        truth = self.params.truth
        value = format_value(dist.probability(truth), 2)
        others = {name: 0.0 for name in self.drawn if name != truth}
        with self.beat("clear", f"Clear air: a {truth}, at {value}.") as record:
            self.flow_to(k, run_time=max(record.lines[0].duration, 2.5))
            line = self.say(
                "Keeping every reading, then moving the weight, is how a mind copes with doubt."
            )
            self.play(self.outlines.strengths_to(others), run_time=1.2)
            # The fog has gone: only the shape is left of it (under its outline).
            self.remove(self.fog, self.outlines)
            self.add(self.fog.silhouette, self.outlines)
            self.point_at_total(run_time=max(line.end - self.time, 0.8))
            self.show_outlines()

    def finale(self) -> None:
        """While the takeaway is said: the weights over the readings, the clear shape's
        weight that the evidence moved, then the total of one."""
        winner = self.chart.bars[self.chart.outcomes.index(self.params.truth)]
        left = max(self.narrator.free_at - self.time, 3.0)
        self.play(
            Circumscribe(
                VGroup(self.chart.bars, self.chart.labels), color=self.theme.color.highlight
            ),
            run_time=left / 3,
        )
        self.play(
            winner.animate(rate_func=there_and_back).stretch(PULSE, 0),
            run_time=left / 3,
        )
        self.point_at_total(run_time=left / 3)

    def point_at_total(self, *also: Animation, run_time: float) -> None:
        """A box glows round the total and goes again (the read-out itself is left alone:
        it keeps adding up the bars)."""
        box = SurroundingRectangle(
            self.total, color=self.theme.color.highlight, buff=self.theme.space.xs
        ).set_stroke(opacity=0)
        self.add(box)
        self.play(
            box.animate(rate_func=there_and_back).set_stroke(opacity=1), *also, run_time=run_time
        )
        self.remove(box)
