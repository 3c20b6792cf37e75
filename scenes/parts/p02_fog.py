"""Part 2: thinking in probabilities.

A vague shape in thick fog. The mind does not settle on one reading: it keeps
several, each with a weight, drawn as bars. As the fog clears in stages the
shape sharpens and the weights move, and a computed read-out shows that they
add up to exactly one at every moment.
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
    SceneParams,
    Txt,
    alternatives,
    format_value,
)
from scenes.kit.fog import SILHOUETTES, FoggedShape, silhouette


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

    def body(self) -> None:
        params: FogParams = self.params
        stages = [it.categorical(params.interpretations, s) for s in params.stages]

        # What stands in the fog is reality, so it wears the reality colour.
        fog = FoggedShape(
            params.truth,
            level=params.fog_levels[0],
            height=3.6,
            role="p",
            fog_width=9.6,
            fog_height=config.frame_height + 1.0,
            fade=2.4,
        )
        fog.shift(np.array([-3.7, 0.15, 0]) - fog.silhouette.get_center())

        # The mind's readings: a model of what is out there, so they wear the model colour.
        bars = DistributionBars(
            stages[0],
            role="q",
            key="belief",
            height=3.0,
            bar_width=0.8,
            spacing=0.65,
            decimals=2,
        )
        bars.shift(np.array([3.75, -0.55, 0]) - bars.baseline.get_center())
        # The readings: first asked as a row of candidates, then weighed under the bars.
        small, big = 0.55, 1.1
        named = [
            (name, label)
            for name, label in zip(params.interpretations, bars.labels, strict=True)
            if name in SILHOUETTES
        ]
        icons = Group(*(silhouette(name, height=big, role="muted") for name, _ in named))
        for icon, (_, label) in zip(icons, named, strict=True):
            icon.move_to([label.get_x(), 0.75, 0])
        icons_of = {name: [] for name in params.interpretations}
        for icon, (name, _) in zip(icons, named, strict=True):
            icons_of[name].append(icon)
        icon_targets = [
            [label.get_x(), bars.labels.get_bottom()[1] - 0.2 - small / 2, 0] for _, label in named
        ]
        asked = VGroup(*(label.copy() for label in bars.labels))
        asked.shift((icons.get_bottom()[1] - 0.3 - asked.get_top()[1]) * UP)
        question = Txt("what is it?", "label", "muted")
        heading = Txt("what the mind holds", "label", "muted")
        for title in (question, heading):
            title.move_to([bars.get_center()[0], 3.1, 0])
        total = Readout('"total"', float(np.sum(bars.probs)), unit=None, decimals=2, key="total")
        total.move_to([bars.get_center()[0], icon_targets[0][1] - small / 2 - 0.55, 0])
        total.track(lambda: float(np.sum(bars.probs)))

        with self.beat(
            "fog",
            f"A shape in thick fog: {alternatives(params.interpretations)}? The eye can't decide.",
        ):
            self.play(fog.appear(), run_time=1.5)
            self.play(
                FadeIn(question),
                LaggedStart(
                    *(
                        FadeIn(Group(label, *icons_of[name]), shift=0.2 * UP)
                        for name, label in zip(params.interpretations, asked, strict=True)
                    ),
                    lag_ratio=0.25,
                ),
                fog.clear_to(min(1.0, params.fog_levels[0] + 0.08)),
                run_time=1.4,
            )
            self.play(fog.clear_to(params.fog_levels[0]), run_time=1.0)

        with self.beat(
            "guesses",
            "So the mind keeps every reading at once, each with a weight. "
            "The weights add up to exactly one.",
        ):
            self.play(
                ReplacementTransform(question, heading),
                ReplacementTransform(asked, bars.labels),
                *(
                    icon.animate.scale(small / big).move_to(target)
                    for icon, target in zip(icons, icon_targets, strict=True)
                ),
                FadeIn(bars.baseline),
                run_time=0.9,
            )
            self.play(
                LaggedStart(
                    *(GrowFromEdge(b, DOWN) for b in bars.bars), lag_ratio=0.15, run_time=1.2
                ),
                FadeIn(bars.values, lag_ratio=0.15, run_time=1.2),
            )
            self.add(bars)
            self.play(FadeIn(total, shift=0.2 * UP), run_time=0.6)
            self.play(Circumscribe(total, color=self.theme.color.highlight), run_time=1.0)

        middle = [
            "The fog thins and weight flows to {leader}: {value} now. The total is still one.",
            "Thinner still: {leader} at {value}, the rest shrinking, the sum unchanged.",
        ]
        last = len(stages) - 1
        for k in range(1, len(stages)):
            dist = stages[k]
            leader = max(dist.outcomes, key=dist.probability)
            value = format_value(dist.probability(leader), 2)
            if k == last:
                name = "clear"
                line = (
                    f"Clear air: {leader}, at {value}. Weighing readings, then updating "
                    "them, is how minds handle ambiguity."
                )
            else:
                name = f"thinning-{k}"
                line = middle[(k - 1) % len(middle)].format(leader=leader, value=value)
            with self.beat(name, line):
                self.play(
                    fog.clear_to(params.fog_levels[k]),
                    bars.morph_to(dist),
                    run_time=2.2,
                )
                winner = bars.bars[dist.outcomes.index(leader)]
                self.play(Indicate(winner, color=self.theme.color.highlight, scale_factor=1.06))
