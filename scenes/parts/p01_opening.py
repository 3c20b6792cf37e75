"""Part 1: living with uncertainty, and the road of the video.

A die tumbles and lands on faces nobody could call in advance; what we *can*
know is its distribution, drawn as bars. Then the road map of the explainer
lights up station by station: surprise, entropy, cross-entropy, KL divergence.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import *

import infotheory as it
from scenes.kit import (
    Die,
    DistributionBars,
    ExplainerScene,
    SceneParams,
    Txt,
    format_value,
)
from scenes.kit.checks import whole_number
from scenes.kit.roadmap import RoadMap, information_stations


@dataclass(frozen=True)
class OpeningParams(SceneParams):
    """Example values for part 1."""

    rolls: tuple[int, ...] = (5, 2, 6)  # the faces the die lands on, one roll each
    die_faces: int = 6  # the fair die's number of faces (the die prop draws pips up to 6)

    def __post_init__(self) -> None:
        super().__post_init__()
        whole_number("die_faces", self.die_faces, 2, 6)
        faces = it.fair_die(self.die_faces).outcomes
        if not isinstance(self.rolls, tuple) or not 2 <= len(self.rolls) <= 4:
            raise ValueError(f"rolls must be a tuple of 2 to 4 faces, not {self.rolls!r}")
        for i, face in enumerate(self.rolls):
            if isinstance(face, bool) or str(face) not in faces:
                raise ValueError(
                    f"rolls[{i}] = {face!r} is not a face of a die (1 to {self.die_faces})"
                )


def _spoken_list(items: list[str]) -> str:
    """'5, then 2, then 6'."""
    return ", then ".join(items)


class Opening(ExplainerScene):
    Params = OpeningParams
    hook = "How do brains and machines cope with uncertainty?"
    takeaway = (
        "Uncertainty is a distribution; four numbers measure it and the cost of a wrong model."
    )

    def body(self) -> None:
        params: OpeningParams = self.params
        die_dist = it.fair_die(params.die_faces)
        p_face = die_dist.probability(die_dist.outcomes[0])

        # -- a die nobody can call ---------------------------------------------------
        die = Die(1, size=1.7).move_to(0.8 * UP)
        chip_size = 0.65
        chips = VGroup(*(Die(face, size=chip_size) for face in params.rolls))
        unknown = VGroup(
            DashedVMobject(
                RoundedRectangle(
                    width=chip_size,
                    height=chip_size,
                    corner_radius=chip_size / 6,
                    color=self.theme.color.highlight,
                    stroke_width=2.5,
                ),
                num_dashes=16,
            ),
            Txt("?", "heading", "highlight"),
        )
        row = VGroup(*chips, unknown).arrange(RIGHT, buff=0.3).move_to(1.6 * DOWN)
        with self.beat(
            "roll",
            f"Roll a die: {_spoken_list([str(r) for r in params.rolls])}. "
            f"No one can call the next face.",
        ):
            self.play(FadeIn(die, scale=0.8), run_time=0.5)
            for face, chip in zip(params.rolls, chips, strict=True):
                self.play(die.roll_to(face, tumbles=5), run_time=0.7)
                self.play(TransformFromCopy(die, chip), run_time=0.4)
            self.play(FadeIn(unknown, scale=1.3), run_time=0.4)
            self.play(
                Indicate(unknown, color=self.theme.color.highlight, scale_factor=1.25), run_time=0.8
            )

        # -- what we can know: the odds ------------------------------------------------
        bars = DistributionBars(
            die_dist, role="p", key="p", height=9.0, bar_width=0.75, spacing=0.45, decimals=3
        )
        bars.move_to(2.4 * RIGHT + 0.2 * DOWN)
        caption = Txt("the same chance for every face", "label", "muted")
        caption.next_to(bars, UP, buff=0.5)
        with self.beat(
            "odds",
            f"We can't know the face, only the odds: {format_value(p_face)} each. "
            f"Brains and machines hold uncertainty as a distribution.",
        ):
            self.play(
                FadeOut(row, shift=0.3 * DOWN),
                die.animate.move_to([-4.6, bars.bars.get_center()[1], 0]),
                run_time=0.7,
            )
            arrow = Arrow(
                die.get_right(),
                [bars.get_left()[0], die.get_center()[1], 0],
                buff=0.3,
                color=self.theme.color.muted,
                stroke_width=3,
            )
            self.play(GrowArrow(arrow), FadeIn(bars.baseline, bars.labels), run_time=0.6)
            self.play(
                LaggedStart(
                    *(GrowFromEdge(b, DOWN) for b in bars.bars), lag_ratio=0.12, run_time=1.1
                ),
            )
            self.play(FadeIn(bars.values, shift=0.15 * UP), FadeIn(caption), run_time=0.6)
            self.add(bars)

        # -- the road ahead ------------------------------------------------------------
        road = RoadMap(information_stations(self.unit), direction="column")
        road.move_to(0.15 * UP)
        self.road = road
        with self.beat(
            "surprise",
            "Four measures grow from a distribution. First, surprise: the log of one over p.",
        ):
            self.play(FadeOut(VGroup(die, bars, caption, arrow), shift=0.4 * UP), run_time=0.7)
            self.play(FadeIn(road, lag_ratio=0.1), run_time=1.2)
            self.play(road.advance())

        with self.beat("entropy", "Entropy: the surprise you expect, on average."):
            self.play(road.advance())

        with self.beat(
            "cross-entropy",
            "Cross-entropy: the average surprise when reality is p but you bet on a model q.",
        ):
            self.play(road.advance())

        with self.beat(
            "kl-divergence",
            "KL divergence: the extra surprise a wrong model costs, cross-entropy minus entropy.",
        ):
            self.play(road.advance())
