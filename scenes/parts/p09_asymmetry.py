"""Part 9: cross-entropy is not symmetric.

Two coins, two wrong beliefs, side by side. (a) A fair coin believed rigged:
every tail, half of all flips, is an outcome the model calls rare, and costs
log 1/q(tails) bits. (b) A rigged coin believed fair: every flip costs exactly
one bit. Each case is an AverageStrip (widths p, heights log 1/q) levelled to
its cross-entropy; swapping p and q changes the number, and the painful case
is the model that calls a common outcome rare.

The source thread pins the extreme surprise on the second case (a rigged coin
believed fair); the maths says it is the first, and so does this scene (and
its test reads both cross-entropies back to check the direction).
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
    SceneParams,
    Txt,
    format_value,
    unit_word,
)

PANEL_X = 3.45  # the two cases sit at -PANEL_X and +PANEL_X
STRIP_WIDTH = 3.2
STRIP_BASE = -2.45
CHART_BASE = 1.3


@dataclass(frozen=True)
class AsymmetryParams(SceneParams):
    """Example values for part 9."""

    rigged_heads: float = 0.9  # the rigged coin's chance of heads (tails is the rare side)

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            it.rigged_coin(self.rigged_heads)
        except (TypeError, ValueError) as error:
            raise ValueError(f"rigged_heads: {error}") from None
        if not 0.6 <= self.rigged_heads <= 0.98:
            raise ValueError(
                "rigged_heads must be from 0.6 to 0.98 (clearly rigged, tails still possible), "
                f"not {self.rigged_heads!r}"
            )


@dataclass(frozen=True)
class Case:
    key: str  # "a" or "b"
    title: str
    p: it.Distribution
    q: it.Distribution


class Asymmetry(ExplainerScene):
    Params = AsymmetryParams
    hook = "Does it matter which way round a model is wrong?"
    takeaway = (
        "Cross-entropy is not symmetric: the costly mistake is calling a common outcome rare."
    )

    def body(self) -> None:
        params: AsymmetryParams = self.params
        unit, color = self.unit, self.theme.color
        fair, rigged = it.fair_coin(), it.rigged_coin(params.rigged_heads)
        cases = (
            Case("a", "Fair coin, believed rigged", fair, rigged),
            Case("b", "Rigged coin, believed fair", rigged, fair),
        )
        # One scale for both strips, so their levels compare directly.
        tallest = max(float(np.max(it.surprisal(c.q.probs, unit=unit))) for c in cases)
        unit_height = min(0.75, 2.45 / tallest)

        panels = []
        for case, x in zip(cases, (-PANEL_X, PANEL_X), strict=True):
            head = Txt(case.title, "body").move_to([x, 3.2, 0])
            geometry = dict(height=1.0, bar_width=0.5, spacing=0.35, label_size="small")
            p_bars = DistributionBars(case.p, role="p", key=f"{case.key}.p", **geometry)
            q_bars = DistributionBars(case.q, role="q", key=f"{case.key}.q", **geometry)
            for bars, dx in ((p_bars, -1.25), (q_bars, 1.25)):
                bars.shift([x + dx - bars.baseline.get_x(), CHART_BASE - bars.base_y, 0])
            captions = VGroup(
                Txt("reality, $p$", "small", "p").next_to(p_bars.labels, DOWN, buff=0.15),
                Txt("model, $q$", "small", "q").next_to(q_bars.labels, DOWN, buff=0.15),
            )
            captions.set_y(min(c.get_y() for c in captions))
            strip = AverageStrip(
                case.p,
                case.q,
                unit=unit,
                width=STRIP_WIDTH,
                unit_height=unit_height,
                label_size="small",
            )
            strip.shift([x - 1.35 - strip.baseline.get_x(), STRIP_BASE - strip.baseline.get_y(), 0])
            costs = strip.block_readouts(key=f"{case.key}.surprise")
            level = strip.level_target().set_fill(opacity=0.28).set_z_index(-1)
            line = strip.average_line()
            readout = Readout(
                "H(p, q)",
                strip.average,
                unit=unit,
                key=f"{case.key}.cross_entropy",
                color="cross_entropy",
                size="label",
            )
            readout.next_to(line, RIGHT, buff=0.25)
            panels.append(
                dict(
                    head=head,
                    p=p_bars,
                    q=q_bars,
                    captions=captions,
                    strip=strip,
                    costs=costs,
                    level=level,
                    line=line,
                    readout=readout,
                )
            )

        a, b = panels
        tails = fair.outcomes.index("tails")
        s_tail = float(it.surprisal(rigged.probability("tails"), unit=unit))
        h_a, h_b = a["strip"].average, b["strip"].average
        q_heads = format_value(params.rigged_heads, 2)

        with self.beat(
            "believed-rigged",
            f"First, a fair coin we believe lands heads with probability {q_heads}. "
            f"Half the flips are tails, and the model charges {format_value(s_tail, 2)} "
            f"{unit_word(unit, s_tail)} for each: {format_value(h_a)} on average.",
        ):
            self.show_case(a)

        with self.beat(
            "believed-fair",
            f"Now swap them: a rigged coin that we believe is fair. Every flip costs "
            f"{format_value(float(b['strip'].heights[0]), 2)} "
            f"{unit_word(unit, float(b['strip'].heights[0]))} under that model, "
            f"so the average is {format_value(h_b)} {unit_word(unit, h_b)}.",
        ):
            self.show_case(b)

        # The verdict names both cases by what is true and what is believed.
        verdict_a = Readout(
            'H("fair", "rigged")', h_a, unit=unit, key="verdict.a", color="cross_entropy"
        )
        verdict_b = Readout(
            'H("rigged", "fair")', h_b, unit=unit, key="verdict.b", color="cross_entropy"
        )
        greater = Formula(">", size="heading", color="highlight")
        verdict = VGroup(verdict_a, greater, verdict_b).arrange(RIGHT, buff=0.45)
        verdict.move_to([0, 1.55, 0])
        charts = VGroup(*(VGroup(panel["p"], panel["q"], panel["captions"]) for panel in panels))
        with self.beat(
            "verdict",
            f"Swap belief and reality and the cost changes: {format_value(h_a)} against "
            f"{format_value(h_b)}. The first case hurts more: a model that calls a common "
            "outcome rare pays heavily every time it happens.",
        ):
            self.play(FadeOut(charts, shift=0.2 * UP), run_time=0.8)
            self.play(
                TransformFromCopy(a["readout"], verdict_a),
                TransformFromCopy(b["readout"], verdict_b),
                run_time=1.4,
            )
            self.play(FadeIn(greater, scale=0.6))
            self.play(
                Indicate(a["strip"].blocks[tails], color=color.highlight, scale_factor=1.05),
                Indicate(a["costs"][tails], color=color.highlight),
                run_time=1.4,
            )
            self.play(Circumscribe(verdict_a, color=color.highlight))

    def show_case(self, panel: dict) -> None:
        strip: AverageStrip = panel["strip"]
        self.play(FadeIn(panel["head"], shift=0.2 * DOWN))
        self.play(
            *(FadeIn(VGroup(c.baseline, c.labels)) for c in (panel["p"], panel["q"])),
            GrowFromEdge(panel["p"].bars, DOWN),
            GrowFromEdge(panel["q"].bars, DOWN),
            FadeIn(panel["p"].values, panel["q"].values, panel["captions"]),
        )
        self.play(Create(strip.baseline), FadeIn(strip.labels))
        self.play(
            LaggedStart(*(GrowFromEdge(block, DOWN) for block in strip.blocks), lag_ratio=0.4),
            LaggedStart(*(FadeIn(c, shift=0.1 * UP) for c in panel["costs"]), lag_ratio=0.4),
            run_time=1.4,
        )
        self.play(TransformFromCopy(strip.blocks, panel["level"]), run_time=1.4)
        self.play(Create(panel["line"]), FadeIn(panel["readout"], shift=0.1 * LEFT))
