"""Part 12: the recap. Four formulas, each beside a small picture, each built from the last.

The road map of part 1 comes back as a row: surprise (its curve), entropy (the
average of surprise over reality), cross-entropy (the average of the model's
surprise) and KL divergence (cross-entropy minus entropy, a stacked bar). It
ends on the gap itself: reality and model side by side, and the KL read-out
named for what it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    AverageStrip,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    RoadMap,
    SceneParams,
    StackedBar,
    SurprisePlot,
    Txt,
    format_value,
    information_stations,
    tinted,
    unit_word,
)


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


def _stack_labels(stack: StackedBar, size: str) -> VGroup:
    """Names beside a stacked bar: H(p) and KL on the right, H(p,q) left of its bracket."""
    entropy = Formula("H(p)", size, "entropy").next_to(stack.entropy_segment, RIGHT, buff=0.15)
    kl = Formula('"KL"', size, "kl").next_to(stack.kl_segment, RIGHT, buff=0.15)
    # A thin KL segment must not push its name into H(p)'s.
    kl.set_y(max(kl.get_y(), entropy.get_top()[1] + 0.08 + kl.height / 2))
    cross = Formula("H(p,q)", size, "cross_entropy").next_to(stack.bracket, LEFT, buff=0.12)
    return VGroup(entropy, kl, cross)


class Recap(ExplainerScene):
    Params = RecapParams
    hook = "How far is a model from reality?"
    takeaway = (
        "Cross-entropy is no abstract formula: it measures, in surprise, "
        "how far a model is from reality."
    )

    GROUND = -1.45  # where the pictures stand
    READOUT_Y = -2.35

    def body(self) -> None:
        params: RecapParams = self.params
        unit = self.unit
        p, q = params.reality, params.model
        word = lambda v: unit_word(unit, v)  # noqa: E731
        p_ex = p.probability(params.example)
        s_ex = float(it.surprisal(p_ex, unit=unit))
        h = float(it.entropy(p, unit=unit))
        ce = float(it.cross_entropy(p, q, unit=unit))
        kl = float(it.kl_divergence(p, q, unit=unit))

        road = RoadMap(
            information_stations(unit),
            direction="row",
            name_size="label",
            formula_size="label",
            arrow_labels=[
                f"average over {tinted('$p$', 'p')}",
                f"surprise under {tinted('$q$', 'q')}",
                f"minus {tinted('$H(p)$', 'entropy')}",
            ],
            widths=[2.5, 2.5, 2.7, 3.4],
            spacing=0.6,
        )
        road.move_to([0, 3.6 - road.height / 2, 0])
        self.road = road
        xs = [s.get_x() for s in road.stations]

        # One vertical scale (per unit of information) for every bar picture.
        heights = np.concatenate(
            [
                it.surprisal(p.probs[p.probs > 0], unit=unit),
                it.surprisal(q.probs[p.probs > 0], unit=unit),
            ]
        )
        unit_height = min(0.6, 2.1 / max(float(heights.max()), ce))

        def readout_below(r: Readout, x: float) -> Readout:
            return r.move_to([x, self.READOUT_Y, 0])

        # -- surprise ---------------------------------------------------------------
        y_max = max(4, int(np.ceil(s_ex + 0.5)))
        plot = SurprisePlot(
            unit=unit,
            y_max=y_max,
            width=1.6,
            height=1.8,
            x_ticks=(0.5, 1),
            y_ticks=(y_max // 2, y_max),
        )
        plot.shift(np.array([xs[0] - plot.get_x(), self.GROUND - plot.c2p(0, 0)[1], 0]))
        mark = plot.mark(p_ex, s_ex)
        s_readout = readout_below(
            Readout(
                f'S("{params.example}")', s_ex, unit=unit, key="S", color="surprise", size="small"
            ),
            xs[0],
        )
        with self.beat(
            "surprise",
            f"Surprise: log one over p. {params.example.capitalize()}, at "
            f"{format_value(p_ex, 2)}, carries {format_value(s_ex)} {word(s_ex)}.",
        ):
            self.play(FadeIn(road, lag_ratio=0.05), run_time=1.0)
            self.play(road.highlight(0))
            self.play(Create(plot.axes), FadeIn(plot.tick_labels, plot.x_label, plot.y_label))
            self.play(Create(plot.curve), run_time=0.8)
            self.play(FadeIn(mark), FadeIn(s_readout, shift=0.15 * UP), run_time=0.6)

        # -- entropy: the average of surprise over reality -------------------------------
        strip_p = AverageStrip(p, unit=unit, width=2.2, unit_height=unit_height)
        strip_p.remove(strip_p.labels)  # four names do not fit under a thumbnail
        strip_p.shift(np.array([xs[1], self.GROUND, 0]) - strip_p.baseline.get_center())
        line_p = strip_p.average_line()
        h_readout = readout_below(
            Readout("H(p)", h, unit=unit, key="H", color="entropy", size="small"), xs[1]
        )
        with self.beat(
            "entropy",
            f"Average it over reality p: entropy, {format_value(h)} {word(h)}.",
        ):
            self.play(road.highlight(1))
            self.play(FadeIn(strip_p.baseline), TransformFromCopy(mark[-1], strip_p.blocks))
            self.play(Create(line_p), FadeIn(h_readout, shift=0.15 * UP), run_time=0.7)

        # -- cross-entropy: the model's surprise, averaged over reality --------------------
        strip_q = AverageStrip(p, q, unit=unit, width=2.2, unit_height=unit_height)
        strip_q.remove(strip_q.labels)
        strip_q.shift(np.array([xs[2], self.GROUND, 0]) - strip_q.baseline.get_center())
        line_q = strip_q.average_line()
        ce_readout = readout_below(
            Readout("H(p,q)", ce, unit=unit, key="CE", color="cross_entropy", size="small"), xs[2]
        )
        with self.beat(
            "cross-entropy",
            f"Average the model's surprise, log one over q, instead: cross-entropy, "
            f"{format_value(ce)} {word(ce)}.",
        ):
            self.play(road.highlight(2))
            self.play(
                FadeIn(strip_q.baseline),
                TransformFromCopy(strip_p.blocks, strip_q.blocks),
                run_time=1.2,
            )
            self.play(Create(line_q), FadeIn(ce_readout, shift=0.15 * UP), run_time=0.7)

        # -- KL: cross-entropy minus entropy -----------------------------------------------
        stack = StackedBar(
            p, q, unit=unit, unit_height=unit_height, width=0.9, key="stack", readouts=False
        )
        stack.shift(np.array([xs[3], self.GROUND, 0]) - stack.base)
        stack.merge()
        kl_readout = readout_below(
            Readout('"KL"(p || q)', kl, unit=unit, key="KL", color="kl", size="small"), xs[3]
        )
        with self.beat(
            "kl-divergence",
            f"Subtract the entropy: {format_value(kl)} {word(kl)} of KL divergence, "
            "the wrong model's extra cost.",
        ):
            self.play(road.highlight(3))
            self.play(
                FadeIn(stack.baseline),
                TransformFromCopy(line_q, stack.bar),
                run_time=1.0,
            )
            names = _stack_labels(stack, "small")
            self.play(stack.split(), Create(stack.bracket), FadeIn(names), run_time=0.8)
            self.play(FadeIn(kl_readout, shift=0.15 * UP), run_time=0.6)

        # -- the gap: reality and model side by side ---------------------------------------
        p_bars = DistributionBars(
            p, role="p", key="p", height=4.4, bar_width=0.55, spacing=0.3, label_size="small"
        )
        q_bars = DistributionBars(
            q, role="q", key="q", height=4.4, bar_width=0.55, spacing=0.3, label_size="small"
        )
        for bars, x in ((p_bars, -4.4), (q_bars, 4.4)):
            bars.shift(np.array([x, -1.3, 0]) - bars.baseline.get_center())
        titles = VGroup(
            Txt(f"reality {tinted('$p$', 'p')}", "label", "muted"),
            Txt(f"model {tinted('$q$', 'q')}", "label", "muted"),
        )
        for title, bars in zip(titles, (p_bars, q_bars), strict=True):
            title.move_to([bars.get_x(), 2.3, 0])
        big = StackedBar(
            p, q, unit=unit, unit_height=min(1.1, 2.6 / ce), width=1.0, key="gap", readouts=False
        )
        big.shift(np.array([0.0, -1.3, 0]) - big.base)
        gap_readout = Readout(
            '"the gap" = "KL"(p || q)', kl, unit=unit, key="gap", color="kl", size="label"
        )
        gap_readout.next_to(big.baseline, DOWN, buff=0.45)
        big_names = _stack_labels(big, "label")
        with self.beat(
            "gap",
            f"That {format_value(kl)} {word(kl)} is the gap between model and reality; "
            "training works to close it.",
        ):
            others = [m for m in self.mobjects if m not in (stack, kl_readout, names)]
            self.play(*(FadeOut(m) for m in others), run_time=0.7)
            self.play(
                ReplacementTransform(stack, big),
                ReplacementTransform(names, big_names),
                ReplacementTransform(kl_readout, gap_readout),
                run_time=1.0,
            )
            self.play(
                FadeIn(p_bars, shift=0.3 * RIGHT),
                FadeIn(q_bars, shift=0.3 * LEFT),
                FadeIn(titles),
                run_time=0.9,
            )
            self.play(
                Indicate(big.kl_segment, color=self.theme.color.highlight),
                Circumscribe(gap_readout, color=self.theme.color.kl),
                run_time=1.2,
            )
