"""Part 5: surprise is log(1/p).

The curve, a dot sweeping p with its surprise read out live, then three facts:
a certain event is worth nothing, halving p adds one bit, and the surprises of
independent events add because the log of a product is a sum.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from manim import *

import infotheory as it
from scenes.kit import (
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    SurprisePlot,
    format_value,
    log_symbol,
    unit_word,
)
from scenes.kit.checks import whole_number


@dataclass(frozen=True)
class SurpriseFormulaParams(SceneParams):
    """Example values for part 5."""

    halvings: int = 3  # how many times the sweep halves p, starting from 1
    die_faces: int = 6  # the second independent event is a die showing its top face

    def __post_init__(self) -> None:
        super().__post_init__()
        whole_number("halvings", self.halvings, 1, 5)
        it.fair_die(self.die_faces)  # validates the number of faces


class SurpriseFormula(ExplainerScene):
    Params = SurpriseFormulaParams
    hook = "Can we put a number on surprise?"
    takeaway = (
        "Surprise is log 1/p: nothing for a sure thing, one more bit each time the odds halve."
    )

    def body(self) -> None:
        unit, log = self.unit, log_symbol(self.unit)
        surprise = lambda p: float(it.surprisal(p, unit=unit))  # noqa: E731

        ps = [0.5**k for k in range(self.params.halvings + 1)]
        # Independent events: a fair coin shows heads and a fair die shows its top face.
        coin = it.fair_coin()
        die = it.fair_die(self.params.die_faces)
        face = die.outcomes[-1]
        p_a, p_b = coin.probability("heads"), die.probability(face)
        s_a, s_b, s_ab = surprise(p_a), surprise(p_b), surprise(p_a * p_b)

        formula = Formula(f"{{{{ S(p) : surprise }}}} = {log} 1/{{{{ p : p }}}}")
        formula.to_corner(UL, buff=0.8)
        # Tall enough for every surprise the dot visits, whatever the die and the unit.
        y_max = max(6, math.ceil(max(surprise(ps[-1]), s_ab)))
        plot = SurprisePlot(unit=unit, y_max=y_max, width=6.4, height=4.6)
        plot.to_edge(RIGHT, buff=0.8).shift(0.2 * DOWN)
        self.plot = plot

        with self.beat(
            "curve",
            "Measure surprise as the logarithm of one over p. "
            "Rare events, with small p, sit high on the curve; common ones sit low.",
        ):
            self.play(Write(formula), run_time=1.2)
            self.play(Create(plot.axes), FadeIn(plot.tick_labels, plot.x_label, plot.y_label))
            self.play(Create(plot.curve), run_time=2)
            plot.add_surprise_tracker(0.5, x_label="p")
            self.play(FadeIn(plot.dot, plot.drops, plot.readout))
            self.play(plot.track_to(0.08), run_time=2)
            self.play(plot.track_to(0.9), run_time=2)

        with self.beat(
            "certain",
            f"A certain event, with p equal to one, carries no surprise at all: "
            f"{format_value(surprise(1.0), 0)} {unit_word(unit)}.",
        ):
            self.play(plot.track_to(1.0), run_time=1.2)
            self.play(Indicate(plot.readout, color=self.theme.color.highlight))

        step = surprise(0.5)
        with self.beat(
            "halving",
            f"Halve the probability and the surprise grows by exactly "
            f"{format_value(step, 3 if unit != 'bits' else 0)} {unit_word(unit, step)}: "
            + ", ".join(
                f"one in {round(1 / p)} gives {format_value(surprise(p), 3)}" for p in ps[1:]
            )
            + ".",
        ):
            table = VGroup()
            rises = VGroup()
            for before, after in itertools.pairwise(ps):
                self.play(plot.track_to(after), run_time=1.0)
                rise = Line(
                    plot.c2p(after, surprise(before)),
                    plot.c2p(after, surprise(after)),
                    color=self.theme.color.highlight,
                    stroke_width=6,
                )
                row = Readout(
                    f"S(1/{round(1 / after)})",
                    surprise(after),
                    unit=unit,
                    size="label",
                    color="surprise",
                    key=f"S[1/{round(1 / after)}]",
                )
                if table:
                    row.next_to(table[-1], DOWN, aligned_edge=LEFT, buff=0.3)
                else:
                    row.next_to(formula, DOWN, buff=0.7).align_to(formula, LEFT)
                rises.add(rise)
                table.add(row)
                self.play(Create(rise), TransformFromCopy(plot.readout[1], row), run_time=0.8)

        product = Formula(
            f"{log} 1/({{{{ p_A : p }}}} {{{{ p_B : p_1 }}}}) = "
            f"{{{{ {log} 1/p_A : surprise }}}} + {{{{ {log} 1/p_B : surprise_1 }}}}",
            size="body",
        )
        product.next_to(formula, DOWN, buff=0.6).align_to(formula, LEFT)
        rows = VGroup(
            Readout('S("heads")', s_a, unit=unit, key="S[heads]", color="surprise", size="label"),
            Readout(
                f'S("{face}")', s_b, unit=unit, key=f"S[{face}]", color="surprise", size="label"
            ),
            Readout(
                f'S("heads and {face}")',
                s_ab,
                unit=unit,
                key="S[both]",
                color="highlight",
                size="label",
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.next_to(product, DOWN, buff=0.5).align_to(product, LEFT)
        with self.beat(
            "independent",
            f"For independent events the probabilities multiply, so the surprises add. "
            f"Heads and a {face} together: {format_value(s_a)} plus {format_value(s_b)} "
            f"is {format_value(s_ab)} {unit_word(unit, s_ab)}.",
        ):
            self.play(FadeOut(table), FadeOut(rises))
            self.play(Write(product), run_time=1.5)
            self.play(plot.track_to(p_a), FadeIn(rows[0], shift=0.2 * RIGHT))
            self.play(plot.track_to(p_b), FadeIn(rows[1], shift=0.2 * RIGHT))
            self.play(plot.track_to(p_a * p_b), FadeIn(rows[2], shift=0.2 * RIGHT))
            self.play(Circumscribe(rows[2], color=self.theme.color.highlight))
