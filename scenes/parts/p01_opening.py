"""Part 1: living with uncertainty, and the four measures that grow out of it.

A die tumbles and lands on faces nobody could call; what we can know is its
distribution, p, drawn as bars that stay on screen. Out of those bars grow the
measures of the explainer, each on one scale of bits: a face's surprise (a block
log 1/p tall), entropy (the blocks, p wide, poured into their average), the
cross-entropy of a model q (blocks log 1/q tall, poured into theirs) and the KL
divergence (the part of that level above entropy).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    AverageStrip,
    Die,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    Region,
    SceneParams,
    format_value,
    unit_word,
)
from scenes.kit.checks import whole_number
from scenes.kit.text import log_symbol
from scenes.kit.value_axis import ValueAxis

# How tall (screen units) a bar of probability 1 is: one scale for p and q.
PROBABILITY_HEIGHT = 3.4
# Every label, tick and read-out on the stage: the body size, to read at 480p.
CHART_TEXT = "body"
# How tall (screen units) the largest surprise block stands.
TALLEST_BLOCK = 3.4
# The takeaway's banner reaches this far down the frame: the last picture stays below it.
BANNER_BOTTOM = 1.7
# How much larger the odds are drawn while they are alone on the stage.
ODDS_ZOOM = 1.6
# How much a pulse swells what it points at (never recolouring it).
PULSE = 1.15
BAND_PULSE = 1.06  # the wide KL band swells less, staying clear of its read-out
# How thick a bar lying on the floor is while it slides (screen units).
LYING = 0.06
# Sizes (screen units): the rolling die, the rolled faces, the die beside its odds, the bars.
DIE_SIZE, CHIP_SIZE, ICON_SIZE = 1.6, 0.9, 0.6
BAR_WIDTH, BAR_GAP = 0.62, 0.37
# The share of the stage's width the odds take (left); the bits chart takes the rest.
ODDS_SHARE = 0.52


@dataclass(frozen=True)
class OpeningParams(SceneParams):
    """Example values for part 1.

    ``model`` is q, a model of the die (one chance per face, every one above zero, or its
    surprise would be infinite). By default it expects the last face half the time and
    shares the rest evenly.
    """

    rolls: tuple[int, ...] = (5, 2, 6)  # the faces the die lands on, one roll each
    die_faces: int = 6  # the fair die's number of faces (the die prop draws pips up to 6)
    model: tuple[float, ...] | None = None

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
        if self.model is not None:
            try:
                q = it.categorical(faces, self.model)  # validated, never normalised
            except (TypeError, ValueError) as error:
                raise ValueError(f"model: {error}") from None
            if np.any(q.probs <= 0):
                raise ValueError(
                    "model: every face can come up, so the model must give each one a chance "
                    f"above 0 (a face at 0 would be infinitely surprising): {self.model}"
                )

    @property
    def die(self) -> it.Distribution:
        return it.fair_die(self.die_faces)

    @property
    def q(self) -> it.Distribution:
        faces = self.die.outcomes
        if self.model is not None:
            return it.categorical(faces, self.model)
        n = len(faces)
        return it.categorical(faces, [*([0.5 / (n - 1)] * (n - 1)), 0.5])


def odds_chart(dist: it.Distribution, role: str) -> DistributionBars:
    """The die's odds (``role="p"``) or a model's (``"q"``): one scale, one look."""
    return DistributionBars(
        dist,
        role=role,
        key=role,
        height=PROBABILITY_HEIGHT,
        bar_width=BAR_WIDTH,
        spacing=BAR_GAP,
        decimals=3,
        label_size=CHART_TEXT,
    )


def _spoken_list(items: list[str]) -> str:
    """'5, then 2, then 6'."""
    return ", then ".join(items)


# The measures as the explainer writes them: each measure's letter in its colour, p and q
# in theirs wherever they appear.
def surprise_formula(unit: str) -> str:
    return f"{{{{ S : surprise }}}}(x) = {log_symbol(unit)} 1/{{{{ p(x) : p }}}}"


def entropy_formula(unit: str) -> str:
    return (
        f"{{{{ H : entropy }}}}({{{{ p : p }}}}) = sum_x {{{{ p(x) : p_1 }}}} "
        f"{log_symbol(unit)} 1/{{{{ p(x) : p_2 }}}}"
    )


def cross_entropy_formula(unit: str) -> str:
    return (
        f"{{{{ H : cross_entropy }}}}({{{{ p : p }}}}, {{{{ q : q }}}}) = "
        f"sum_x {{{{ p(x) : p_1 }}}} {log_symbol(unit)} 1/{{{{ q(x) : q_1 }}}}"
    )


KL_FORMULA = (
    '{{ "KL" : kl }}({{ p : p }} || {{ q : q }}) = '
    "{{ H : cross_entropy }}({{ p : p_1 }}, {{ q : q_1 }}) - {{ H : entropy }}({{ p : p_2 }})"
)

# Read-out labels: the same colouring, at read-out size.
ENTROPY_LABEL = "{{ H : entropy }}({{ p : p }})"
CROSS_LABEL = "{{ H : cross_entropy }}({{ p : p }}, {{ q : q }})"
KL_LABEL = '{{ "KL" : kl }}({{ p : p }} || {{ q : q }})'


class Opening(ExplainerScene):
    Params = OpeningParams
    hook = "How do brains and machines cope with uncertainty?"
    takeaway = (
        "Uncertainty is a distribution: surprise scores an outcome, entropy the average, "
        "KL divergence a wrong model."
    )

    # -- the numbers, all from infotheory ------------------------------------------------

    def setup(self) -> None:
        super().setup()
        params: OpeningParams = self.params
        self.p, self.q = params.die, params.q
        self.face = str(params.rolls[-1])  # the face whose surprise we show
        self.p_face = self.p.probability(self.face)
        self.surprise = float(it.surprisal(self.p_face, unit=self.unit))
        self.entropy = float(it.entropy(self.p, unit=self.unit))
        self.cross_entropy = float(it.cross_entropy(self.p, self.q, unit=self.unit))
        self.kl = float(it.kl_divergence(self.p, self.q, unit=self.unit))
        self.tallest = float(np.max(it.surprisal(self.q.probs, unit=self.unit)))
        self.tallest = max(self.tallest, self.surprise)

    def columns(self) -> tuple[Region, Region]:
        """The odds' column (left) and the bits chart's (right), a gutter apart."""
        main, gutter = self.stage.main, self.theme.space.m
        split = main.left + ODDS_SHARE * main.width
        return (
            Region("odds", main.left, split - gutter / 2, main.bottom, main.top),
            Region("bits", split + gutter / 2, main.right, main.bottom, main.top),
        )

    def words(self, value: float) -> str:
        """A value as narration says it: '2.585 bits'."""
        return f"{format_value(value)} {unit_word(self.unit, value)}"

    # -- the storyboard -------------------------------------------------------------------

    def prelude(self) -> None:
        self.die = Die(1, size=DIE_SIZE)
        self.stage.left.place(self.die)
        self.play(Wait(0.4))  # the title makes way before the die comes in beside it
        self.play(FadeIn(self.die, scale=0.7), run_time=0.6)
        self.play(self.die.roll_to(4, tumbles=4), run_time=0.7)

    def body(self) -> None:
        self.roll()
        self.odds()
        self.surprise_of_a_face()
        self.average_surprise()
        self.model_surprise()
        self.extra_surprise()

    def roll(self) -> None:
        rolls = self.params.rolls
        space = self.theme.space
        chip = CHIP_SIZE
        chips = VGroup(*(Die(face, size=chip) for face in rolls))
        unknown = VGroup(
            DashedVMobject(
                RoundedRectangle(
                    width=chip,
                    height=chip,
                    corner_radius=chip / 6,
                    color=self.theme.color.muted,
                    stroke_width=2.5,
                ),
                num_dashes=18,
            ),
            Formula("?", "heading", "muted"),
        )
        row = VGroup(*chips, unknown).arrange(RIGHT, buff=space.m)
        self.stage.right.place(row).match_y(self.die)
        with self.beat(
            "roll",
            f"Roll a die: {_spoken_list([str(r) for r in rolls])}. Nobody can call the next face.",
        ):
            for face, piece in zip(rolls, chips, strict=True):
                self.play(self.die.roll_to(face, tumbles=5), run_time=0.6)
                self.play(TransformFromCopy(self.die, piece), run_time=0.4)
            # The next roll: the die tumbles on while the "?" waits for it.
            self.play(FadeIn(unknown, scale=1.3), self.die.roll_to(1, tumbles=8), run_time=1.0)
            self.play(unknown.animate(rate_func=there_and_back).scale(PULSE), run_time=0.5)
        self.rolled = VGroup(chips, unknown)

    def odds(self) -> None:
        space = self.theme.space
        chart = odds_chart(self.p, "p")
        mark = Formula("p", "heading", "p")
        icon = Die(self.die.value, size=ICON_SIZE)
        tag = VGroup(icon, mark).arrange(DOWN, buff=space.s)
        tag.next_to(chart.baseline, LEFT, buff=space.m).align_to(chart.baseline, DOWN)
        group = VGroup(tag, chart)
        # Alone on the stage, the odds are drawn large; they shrink aside for the measures.
        group.scale(ODDS_ZOOM)
        self.stage.main.place(group)
        self.p_chart, self.p_tag = chart, tag
        outline = SurroundingRectangle(
            group, buff=space.m, corner_radius=0.15, color=self.theme.color.p, stroke_width=2
        )
        with self.beat(
            "odds", f"We can only know the odds: {format_value(self.p_face)} each."
        ) as record:
            self.play(
                FadeOut(self.rolled, shift=self.theme.space.m * DOWN),
                ReplacementTransform(self.die, icon),
                FadeIn(chart.baseline, chart.labels),
                run_time=0.9,
            )
            self.play(
                LaggedStart(*(GrowFromEdge(b, DOWN) for b in chart.bars), lag_ratio=0.15),
                LaggedStart(
                    *(FadeIn(v, shift=self.theme.space.xs * UP) for v in chart.values),
                    lag_ratio=0.15,
                ),
                run_time=max(record.lines[0].end - self.time, 1.4),  # grown as the line ends
            )
            self.add(chart)
            line = self.say("That list, p, is a distribution.")
            self.play(Write(mark), Create(outline), run_time=min(line.duration, 1.5))
        self.odds_outline = outline

    # -- the bits scale on the right ------------------------------------------------------

    def level_readout(self, label: str, value: float, key: str, role: str) -> Readout:
        # The axis names the unit, so the read-outs beside it need not repeat it.
        return Readout(label, value, unit=None, key=key, color=role, size=CHART_TEXT)

    def bits_chart(self) -> None:
        """The axis, the two strips (surprises under p, then under q) and the level
        read-outs, placed so the read-outs end at the frame's right edge."""
        right, space = self.columns()[1], self.theme.space
        self.entropy_readout = self.level_readout(ENTROPY_LABEL, self.entropy, "H", "entropy")
        self.cross_readout = self.level_readout(
            CROSS_LABEL, self.cross_entropy, "H(p,q)", "cross_entropy"
        )
        self.kl_readout = self.level_readout(KL_LABEL, self.kl, "KL", "kl")
        readouts = (self.entropy_readout, self.cross_readout, self.kl_readout)
        baseline_y = right.bottom + space.l
        # The formula slot is the ceiling: the tallest formula, then a gap.
        ceiling = right.top - Formula(cross_entropy_formula(self.unit)).height - space.m
        top_gap = space.s + self.cross_readout.height / 2  # the read-out over H(p, q)
        self.unit_height = min(
            TALLEST_BLOCK / self.tallest,
            (ceiling - baseline_y - top_gap) / self.cross_entropy,
        )
        self.axis = ValueAxis(self.tallest, self.unit_height, self.unit, size=CHART_TEXT)
        strip_left = right.left + self.axis.width + space.s
        # The read-outs keep a gap from the frame's edge as from the strip.
        strip_right = right.right - max(r.width for r in readouts) - space.m - space.s
        width = strip_right - strip_left
        sizes = {"width": width, "unit_height": self.unit_height, "label_size": CHART_TEXT}
        self.strip = AverageStrip(self.p, unit=self.unit, **sizes)
        self.cross_strip = AverageStrip(self.p, self.q, unit=self.unit, **sizes)
        for strip in (self.strip, self.cross_strip):
            strip.shift(
                [strip_left - strip.baseline.get_left()[0], baseline_y - strip.baseline.get_y(), 0]
            )
        self.axis.stand_on(baseline_y)
        self.axis.shift((strip_left - space.s - self.axis.origin[0]) * RIGHT)
        # Each read-out beside the level it names, a line's height plus a gap apart.
        x = self.readout_x = strip_right + space.m
        step = max(r.height for r in readouts) + space.s
        y_h = self.axis.y_of(self.entropy / 2)
        y_kl = max(self.axis.y_of((self.entropy + self.cross_entropy) / 2), y_h + step)
        y_ce = max(self.axis.y_of(self.cross_entropy) + space.s, y_kl + step)
        self.entropy_y = y_h  # H(p) names the middle of its bar while there is one
        for readout, y in zip(readouts, (y_h, y_ce, y_kl), strict=True):
            readout.move_to([x, y, 0], aligned_edge=LEFT)

    def formula_slot(self, expression: str) -> Formula:
        """The measure being built, written over the chart (the slot's top is the stage's)."""
        formula = Formula(expression)
        region = self.columns()[1]
        formula.set_x((self.strip.baseline.get_left()[0] + region.right) / 2)
        if formula.get_right()[0] > region.right:  # a long one keeps to the stage
            formula.align_to([region.right, 0, 0], RIGHT)
        return formula.align_to([0, region.top, 0], UP)

    def next_formula(self, new: Formula) -> Animation:
        """The slot turns to the next measure: the old formula rolls up and out, then the new
        one rolls in (a glyph-by-glyph morph between unlike formulas garbles them midway)."""
        roll = self.theme.space.m * UP
        old, self.formula = self.formula, new
        return Succession(FadeOut(old, shift=roll), FadeIn(new, shift=roll))

    # -- the measures, grown out of the bars ----------------------------------------------

    def surprise_of_a_face(self) -> None:
        self.bits_chart()
        strip, chart = self.strip, self.p_chart
        i = self.p.outcomes.index(self.face)
        block = strip.blocks[i]
        # Named beside the block's top, in the column where the averages will stand.
        value = Readout(
            f"{{{{ S : surprise }}}}({self.face})",
            self.surprise,
            unit=None,
            key="S",
            color="surprise",
            size=CHART_TEXT,
        ).move_to([self.readout_x, self.axis.y_of(self.surprise), 0], aligned_edge=LEFT)
        self.formula = self.formula_slot(surprise_formula(self.unit))
        others = [k for k in range(len(self.p)) if k != i]
        p_group = VGroup(self.p_tag, self.p_chart)
        with self.beat(
            "surprise",
            "Surprise belongs to one outcome: the log of one over its chance, "
            f"{self.words(self.surprise)} for a {self.face}.",
        ) as record:
            self.play(
                p_group.animate.scale(1 / ODDS_ZOOM).move_to(self.columns()[0].center),
                FadeOut(self.odds_outline),
                run_time=0.8,
            )
            self.play(
                Create(self.axis.line),
                FadeIn(self.axis.marks, self.axis.tick_labels, self.axis.label),
                FadeIn(strip.baseline),
                Write(self.formula),
                run_time=0.9,
            )
            self.play(TransformFromCopy(chart.bars[i], block), run_time=1.0)
            self.play(
                FadeIn(value, shift=self.theme.space.xs * UP), FadeIn(strip.labels[i]), run_time=0.5
            )
            self.play(
                LaggedStart(
                    *(TransformFromCopy(chart.bars[k], strip.blocks[k]) for k in others),
                    lag_ratio=0.2,
                ),
                FadeIn(VGroup(*(strip.labels[k] for k in others))),
                run_time=1.4,
            )
            # "... for a 6": back to the face the line is about.
            self.play(
                Circumscribe(VGroup(block, value), color=self.theme.color.highlight),
                run_time=max(record.lines[0].end - self.time, 0.8),
            )
            self.show("surprise", value)
            self.show("axis", self.axis)
            self.show("blocks", [(b.width, b.height) for b in strip.blocks])
        self.surprise_value = value

    def average_surprise(self) -> None:
        new_formula = self.formula_slot(entropy_formula(self.unit))
        with self.beat(
            "entropy",
            f"Entropy is their average, weighted by chance: {self.words(self.entropy)}.",
        ):
            self.play(self.next_formula(new_formula), run_time=0.9)
            self.play(self.strip.pour(run_time=2.0), FadeOut(self.surprise_value))
            self.play(FadeIn(self.entropy_readout, shift=self.theme.space.xs * UP), run_time=0.6)
            self.show("entropy", self.entropy_readout)

    def model_chart(self) -> VGroup:
        """q's chart under p's, face under face; returns the group of both, placed."""
        space = self.theme.space
        self.q_chart = odds_chart(self.q, "q")
        mark = Formula("q", "heading", "q")
        mark.next_to(self.q_chart.baseline, LEFT, buff=space.m)
        mark.align_to(self.q_chart.baseline, DOWN)
        self.q_mark = mark
        q_group = VGroup(mark, self.q_chart)
        p_target = VGroup(self.p_tag, self.p_chart).copy()
        q_group.next_to(p_target, DOWN, buff=space.l)
        q_group.shift((p_target[1].get_x() - self.q_chart.get_x()) * RIGHT)
        mark.match_x(p_target[0])
        stack = VGroup(p_target, q_group)
        # Under the takeaway's banner, nothing: the stack fills the left half below it.
        left = self.columns()[0]
        stack.move_to([left.center[0], (left.bottom + BANNER_BOTTOM) / 2, 0])
        return stack

    def model_surprise(self) -> None:
        p_target, _ = self.model_chart()
        q_chart, cross = self.q_chart, self.cross_strip
        p_group = VGroup(self.p_tag, self.p_chart)
        floor = self.strip.average_line()
        floor.set_z_index(2)
        favourite = max(self.q.outcomes, key=self.q.probability)
        faces = range(len(self.q))
        new_formula = self.formula_slot(cross_entropy_formula(self.unit))
        with self.beat(
            "cross-entropy",
            f"A model, q, puts {format_value(self.q.probability(favourite))} on a {favourite}.",
        ):
            self.play(Transform(p_group, p_target), run_time=0.8)
            self.play(
                TransformFromCopy(self.p_chart.bars, q_chart.bars),
                FadeIn(q_chart.baseline, q_chart.labels, self.q_mark),
                run_time=1.2,
            )
            self.play(FadeIn(q_chart.values, shift=self.theme.space.xs * UP), run_time=0.5)
            self.add(q_chart)
            line = self.say(
                "Its average surprise on the real die, the cross-entropy: "
                f"{self.words(self.cross_entropy)}."
            )
            # Entropy's bar becomes a floor line, and its read-out rises to name the line.
            self.play(
                ReplacementTransform(self.strip.levelled, floor),
                self.entropy_readout.animate.set_y(self.axis.y_of(self.entropy)),
                self.next_formula(new_formula),
                run_time=0.9,
            )
            self.show("entropy readout y", float(self.entropy_readout.get_y()))
            # Copies of the model's bars lie down, slide along the floor to their places and
            # stand up as surprises: nothing tall sweeps across the labels on the way.
            copies = [q_chart.bars[k].copy() for k in faces]
            flat = [c.copy().stretch_to_fit_height(LYING).align_to(c, DOWN) for c in copies]
            self.add(*copies)
            self.play(*(Transform(c, f) for c, f in zip(copies, flat, strict=True)), run_time=0.4)
            self.play(
                LaggedStart(
                    *(
                        c.animate.shift(cross.blocks[k].get_bottom() - c.get_bottom())
                        for c, k in zip(copies, faces, strict=True)
                    ),
                    lag_ratio=0.1,
                ),
                run_time=0.8,
            )
            self.play(
                LaggedStart(
                    *(
                        ReplacementTransform(c, cross.blocks[k])
                        for c, k in zip(copies, faces, strict=True)
                    ),
                    lag_ratio=0.1,
                ),
                run_time=0.7,
            )
            self.show("model blocks", [(b.width, b.height) for b in cross.blocks])
            self.play(cross.pour(run_time=max(line.end - self.time - 0.6, 1.5)))
            self.play(FadeIn(self.cross_readout, shift=self.theme.space.xs * UP), run_time=0.6)
        self.floor = floor

    def extra_surprise(self) -> None:
        bar = self.cross_strip.levelled
        left, right = bar.get_left()[0], bar.get_right()[0]
        base, split, top = (self.axis.y_of(v) for v in (0.0, self.entropy, self.cross_entropy))

        def segment(lo: float, hi: float, role: str) -> Polygon:
            return Polygon(
                [left, lo, 0],
                [right, lo, 0],
                [right, hi, 0],
                [left, hi, 0],
                fill_color=self.theme.color[role],
                fill_opacity=0.75,
                stroke_width=0,
            )

        parts = VGroup(segment(base, split, "entropy"), segment(split, top, "kl"))
        new_formula = self.formula_slot(KL_FORMULA)
        with self.beat(
            "kl-divergence",
            f"The excess, {self.words(self.kl)}, is the KL divergence: the price of a wrong model.",
        ) as record:
            self.play(
                ReplacementTransform(bar, parts),
                FadeOut(self.floor),
                self.entropy_readout.animate.set_y(self.entropy_y),
                self.next_formula(new_formula),
                run_time=1.2,
            )
            self.play(FadeIn(self.kl_readout, shift=self.theme.space.xs * UP), run_time=0.8)
            # "... a wrong model": the model and what it costs, pointed at together.
            self.play(
                *(b.animate(rate_func=there_and_back).stretch(PULSE, 0) for b in self.q_chart.bars),
                self.q_mark.animate(rate_func=there_and_back).scale(PULSE),
                parts[1].animate(rate_func=there_and_back).stretch(BAND_PULSE, 0),
                run_time=max(record.lines[0].end - self.time, 1.0),
            )
            self.show("kl", self.kl_readout)
            self.show("segments", parts)
        self.focus = VGroup(parts[1], self.kl_readout)
        self.segments = parts

    def finale(self) -> None:
        """While the takeaway is said, point at what it names in turn: the distribution,
        the average (entropy's part of the level), then the wrong model and its price."""
        entropy_part, kl_part = self.segments
        mark = self.theme.color.highlight
        self.play(
            LaggedStart(
                Circumscribe(VGroup(self.p_tag, self.p_chart), color=mark),
                Circumscribe(VGroup(entropy_part, self.entropy_readout), color=mark),
                Circumscribe(VGroup(self.q_mark, self.q_chart), color=mark),
                Circumscribe(VGroup(kl_part, self.kl_readout), color=mark),
                lag_ratio=0.75,
            ),
            run_time=max(self.narrator.free_at - self.time, 2.0),
        )
