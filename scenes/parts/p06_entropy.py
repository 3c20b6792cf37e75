"""Part 6: entropy is average surprise.

A fair coin against a thick coin that can land on its edge. Each outcome's
probability and surprise as bars; then each bar turns into a block p wide and
log 1/p tall, so the blocks' total area is Σ p log 1/p, added up term by term;
pouring the blocks level gives a bar whose height is the entropy. Then the
binary-entropy curve, which peaks at the fair coin, and a last look at how the
number of outcomes and their spread set the entropy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    AverageStrip,
    Coin,
    CurvePlot,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    Txt,
    format_value,
    log_symbol,
    nice_ticks,
    unit_word,
)
from scenes.kit.checks import is_number

_NAMES = ("fair", "thick")


@dataclass(frozen=True)
class ThickCoinParams:
    """The coin that can land on its edge: heads and tails share what the edge leaves."""

    edge: float = 0.1  # probability of landing on the edge

    def __post_init__(self) -> None:
        # Past these bounds a block or its label gets too thin or too tall to read.
        if not is_number(self.edge) or not 0.02 <= self.edge <= 0.6:
            raise ValueError(
                f"thick_coin.edge must be a probability from 0.02 to 0.6, not {self.edge!r}"
            )


@dataclass(frozen=True)
class EntropyParams(SceneParams):
    """Example values for part 6."""

    thick_coin: ThickCoinParams = field(default_factory=ThickCoinParams)
    # The last beat: uniform distributions over this many outcomes ...
    outcome_counts: tuple[int, ...] = (2, 3, 4, 6)
    # ... against peaked ones over the same outcomes, the favourite taking this share.
    peak: float = 0.7

    def __post_init__(self) -> None:
        super().__post_init__()
        counts = self.outcome_counts
        if (
            not isinstance(counts, tuple)
            or not 2 <= len(counts) <= 4
            or not all(isinstance(n, int) and 2 <= n <= 6 for n in counts)
            or list(counts) != sorted(set(counts))
        ):
            raise ValueError(
                "outcome_counts must be 2 to 4 increasing whole numbers from 2 to 6, "
                f"not {counts!r}"
            )
        if not is_number(self.peak) or not 1 / min(counts) < self.peak < 1:
            raise ValueError(
                f"peak must be above 1/{min(counts)} (the uniform share) and below 1, "
                f"not {self.peak!r}"
            )


def peaked(n: int, peak: float) -> it.Distribution:
    """``n`` outcomes, the first taking ``peak`` and the rest sharing what is left evenly."""
    rest = np.full(n - 1, (1.0 - peak) / (n - 1))
    return it.categorical([str(k) for k in range(1, n + 1)], np.concatenate([[peak], rest]))


class Entropy(ExplainerScene):
    Params = EntropyParams
    hook = "How uncertain is a coin toss, on average?"
    takeaway = "Entropy is average surprise: Σ p log 1/p."

    def body(self) -> None:
        params: EntropyParams = self.params
        unit, log = self.unit, log_symbol(self.unit)
        theme = self.theme
        dists = {"fair": it.fair_coin(), "thick": it.thick_coin(edge=params.thick_coin.edge)}
        entropy = {name: float(it.entropy(d, unit=unit)) for name, d in dists.items()}
        surprise = {name: np.asarray(it.surprisal(d.probs, unit=unit)) for name, d in dists.items()}
        self.entropies = entropy

        centers = {"fair": -3.4, "thick": 3.4}
        base_y = -1.5
        strip_width = 5.0
        # One scale for both pictures, so heights compare across the two coins.
        unit_height = min(1.0, 2.8 / max(float(s.max()) for s in surprise.values()))

        # -- the two coins: probability and surprise of each outcome --------------------
        titles = {}
        for name, words, thickness in (("fair", "fair coin", 0.12), ("thick", "thick coin", 0.35)):
            icon = Coin("heads", radius=0.3, thickness=thickness)
            titles[name] = VGroup(icon, Txt(words, "body")).arrange(RIGHT, buff=0.2)
            titles[name].move_to([centers[name], 2.25, 0])
        charts, overlays = {}, {}
        for name, d in dists.items():
            chart = DistributionBars(
                d, key=f"p.{name}", height=4.2, bar_width=1.0, spacing=0.45, decimals=2
            )
            chart.shift([centers[name], base_y - chart.base_y, 0])
            charts[name] = chart
            overlays[name] = chart.surprises(unit=unit, decimals=3, key=f"S.{name}")
        legend = VGroup(
            Txt("probability $p$", "body", "p"),
            Txt(f"surprise ${log} 1/p$", "body", "surprise"),
        ).arrange(RIGHT, buff=1.0)
        legend.move_to([0, 3.2, 0])
        edge_p = dists["thick"].probability("edge")
        s_edge = float(it.surprisal(edge_p, unit=unit))
        with self.beat(
            "coins",
            f"Each side of the fair coin: {format_value(surprise['fair'][0])} "
            f"{unit_word(unit, surprise['fair'][0])} of surprise. The thick coin's rare edge, "
            f"p = {format_value(edge_p, 2)}: {format_value(s_edge)} {unit_word(unit, s_edge)}.",
        ):
            self.play(
                *(FadeIn(t, shift=0.2 * DOWN) for t in titles.values()),
                *(Create(c.baseline) for c in charts.values()),
                run_time=0.8,
            )
            # The thick coin shows what the fair one cannot do: it lands on its edge.
            self.play(titles["thick"][0].flip_to("edge", turns=3), run_time=1.0)
            self.play(
                *(GrowFromEdge(bar, DOWN) for c in charts.values() for bar in c.bars),
                *(FadeIn(c.labels) for c in charts.values()),
                *(FadeIn(c.values, shift=0.1 * UP) for c in charts.values()),
                FadeIn(legend),
                run_time=1.0,
            )
            self.play(
                LaggedStart(
                    *(FadeIn(r, shift=0.15 * UP) for o in overlays.values() for r in o),
                    lag_ratio=0.15,
                ),
                run_time=1.4,
            )

        # -- each bar becomes a block p wide and log 1/p tall; add the areas -----------
        formula = Formula(
            f"{{{{ H(p) : entropy }}}} = sum_x {{{{ p(x) : p }}}} "
            f"{{{{ {log} 1/p(x) : surprise }}}}",
            "body",
        ).move_to([0, 3.2, 0])
        strips, heights, terms, results = {}, {}, {}, {}
        for name, d in dists.items():
            strip = AverageStrip(d, unit=unit, width=strip_width, unit_height=unit_height)
            strip.shift([centers[name], base_y - strip.baseline.get_center()[1], 0])
            strips[name] = strip
            heights[name] = strip.block_readouts(decimals=3, key=f"S.{name}")
            # One small formula per outcome, "p · log 1/p", with the plus sign before it.
            pieces = []
            for i, (p, s) in enumerate(zip(d.probs, surprise[name], strict=True)):
                term = Formula(
                    f"{{{{ {format_value(p, 2)} : p }}}} dot "
                    f"{{{{ {format_value(s)} : surprise }}}}",
                    "label",
                )
                pieces.append(VGroup(Formula("+", "label"), term) if i else VGroup(term))
            terms[name] = VGroup(*pieces)
            for piece in pieces:
                piece.arrange(RIGHT, buff=0.15)
            terms[name].arrange(RIGHT, buff=0.15).move_to([centers[name], base_y - 1.05, 0])
            results[name] = Readout(
                "H", entropy[name], unit=unit, key=f"H.{name}", color="entropy", size="body"
            )
        self.strips, self.terms = strips, terms
        with self.beat(
            "area",
            "Entropy weighs each surprise by its chance: "
            "blocks p wide and log 1/p tall. Add up their areas.",
        ):
            self.play(ReplacementTransform(legend, formula), run_time=0.8)
            self.play(
                *(
                    ReplacementTransform(bar, block)
                    for name in _NAMES
                    for bar, block in zip(charts[name].bars, strips[name].blocks, strict=True)
                ),
                *(ReplacementTransform(charts[n].baseline, strips[n].baseline) for n in _NAMES),
                *(ReplacementTransform(charts[n].labels, strips[n].labels) for n in _NAMES),
                *(ReplacementTransform(overlays[n], heights[n]) for n in _NAMES),
                *(FadeOut(charts[n].values) for n in _NAMES),
                run_time=1.4,
            )
            self.play(
                *(
                    LaggedStart(
                        *(
                            AnimationGroup(
                                Indicate(block, color=theme.color.highlight, scale_factor=1.0),
                                FadeIn(term, shift=0.1 * UP),
                            )
                            for block, term in zip(strips[name].blocks, terms[name], strict=True)
                        ),
                        lag_ratio=0.5,
                    )
                    for name in _NAMES
                ),
                run_time=2.4,
            )

        # -- pour each strip level: its height is the entropy ---------------------------
        self.levelled = {}
        more = entropy["thick"] > entropy["fair"]
        fair_line = DashedLine(
            [strips["fair"].baseline.get_left()[0], base_y + entropy["fair"] * unit_height, 0],
            [strips["thick"].baseline.get_right()[0], base_y + entropy["fair"] * unit_height, 0],
            color=theme.color.muted,
            stroke_width=2,
        )
        pours = {name: strips[name].pour() for name in _NAMES}
        for name in _NAMES:
            self.levelled[name] = strips[name].levelled
            results[name].next_to(self.levelled[name], UP, buff=0.25)
        e_fair, e_thick = entropy["fair"], entropy["thick"]
        with self.beat(
            "level",
            f"Pour the blocks level and the height is the entropy: {format_value(e_thick)} "
            f"{unit_word(unit, e_thick)} against {format_value(e_fair)}. "
            + f"The edge {'adds' if more else 'removes'} uncertainty.",
        ):
            # The read-outs count up from zero while the blocks pour, area kept, into one bar.
            for n in _NAMES:
                results[n].set_value(0.0).set_z_index(2)  # above the blocks as they pour
            self.play(
                *(FadeOut(heights[n]) for n in _NAMES),
                *(FadeIn(results[n]) for n in _NAMES),
                run_time=0.5,
            )
            self.play(
                *pours.values(),
                *(results[n].animate_to(entropy[n]) for n in _NAMES),
                run_time=2.4,
            )
            self.play(Create(fair_line), run_time=0.8)
            self.play(Indicate(results["thick"], color=theme.color.highlight), run_time=0.9)

        # -- two outcomes: the binary-entropy curve ---------------------------------------
        x, h = it.binary_entropy_curve(unit=unit)
        top = float(h.max())
        peak_x = float(x[int(np.argmax(h))])
        plot = CurvePlot(
            x,
            h,
            x_range=(0, 1),
            y_range=(0, _ceil_to(top * 1.1, 0.25)),
            x_ticks=(0.25, 0.5, 0.75, 1),
            y_ticks=nice_ticks(top),
            x_label='p("heads")',
            y_label="H",
            role="entropy",
            width=6.6,
            height=4.2,
        )
        plot.move_to([-1.6, -0.1, 0])

        def binary(v: float) -> float:
            return float(it.binary_entropy(v, unit=unit))

        tracker = plot.add_tracker(
            binary, 0.1, label="H", key="binary", unit=unit, role="entropy", x_label="p"
        )
        plot.readout.next_to(plot.axes, RIGHT, buff=0.9).shift(0.8 * UP)
        peak_mark = plot.mark(peak_x, top)
        peak_note = Txt("fair coin", "label", "highlight").next_to(
            plot.c2p(peak_x, top), UP, buff=0.2
        )
        self.peak = (peak_x, top)
        with self.beat(
            "curve",
            f"With two sides, entropy peaks at {format_value(top)} {unit_word(unit, top)} "
            f"when p = {format_value(peak_x, 1)}: the fair coin is the hardest to predict.",
        ):
            self.play(
                *(FadeOut(m) for m in self.mobjects),
                run_time=0.6,
            )
            self.play(
                Create(plot.axes),
                FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label),
                run_time=0.8,
            )
            self.play(Create(plot.curve), FadeIn(plot.dot, plot.drops, plot.readout), run_time=1.2)
            self.play(tracker.animate.set_value(0.98), run_time=1.6)
            self.play(tracker.animate.set_value(peak_x), run_time=1.0)
            self.play(FadeIn(peak_mark), FadeIn(peak_note, shift=0.1 * DOWN), run_time=0.6)
        tracker_group = VGroup(plot.dot, plot.drops, plot.readout)

        # -- more outcomes, more spread ------------------------------------------------------
        counts = params.outcome_counts
        xs = (np.arange(len(counts)) - (len(counts) - 1) / 2) * 3.4
        minis, even_readouts, peaked_readouts, peaked_dists, peaked_h = [], [], [], [], []
        for n, cx in zip(counts, xs, strict=True):
            even = it.uniform([str(k) for k in range(1, n + 1)])
            bar_width = min(0.7, 2.5 / n - 0.1)
            mini = DistributionBars(
                even,
                key=f"p.n{n}",
                height=3.4,
                bar_width=bar_width,
                spacing=0.1,
                show_values=False,
            )
            mini.shift([cx, -0.6 - mini.base_y, 0])
            minis.append(mini)
            r_even = Readout(
                f"{log} {n}",
                float(it.entropy(even, unit=unit)),
                unit=unit,
                key=f"H.uniform{n}",
                color="entropy",
                size="label",
            )
            r_even.move_to([cx, -1.75, 0])
            even_readouts.append(r_even)
            spiky = peaked(n, params.peak)
            peaked_dists.append(spiky)
            peaked_h.append(float(it.entropy(spiky, unit=unit)))
            r_peak = Readout(
                "H",
                peaked_h[-1],
                unit=unit,
                key=f"H.peaked{n}",
                color="entropy",
                size="label",
            )
            r_peak.move_to([cx, -2.35, 0])
            peaked_readouts.append(r_peak)
        heading = Formula(
            f'"even odds over" n "outcomes:" quad {{{{ H : entropy }}}} = {log} n', "body"
        ).move_to([0, 3.0, 0])
        heading_peaked = Formula(
            f'"one outcome takes" {{{{ {format_value(params.peak, 2)} : p }}}} "of the odds:" quad '
            f"{{{{ H : entropy }}}} < {log} n",
            "body",
        ).move_to(heading)
        # Thin outlines keep the even bars in view once the odds pile onto one outcome.
        ghosts = VGroup(
            *(
                m.bars.copy().set_fill(opacity=0).set_stroke(theme.color.muted, width=1.5)
                for m in minis
            )
        )
        listing = ", ".join(format_value(r.value) for r in even_readouts[:-1])
        last = even_readouts[-1].value
        with self.beat(
            "spread",
            f"Even odds over n outcomes give log n: {listing} and {format_value(last)} "
            f"{unit_word(unit, last)}. Favour one outcome and the entropy drops.",
        ):
            self.play(
                FadeOut(VGroup(plot, tracker_group, peak_mark, peak_note)),
                FadeIn(heading),
                run_time=0.7,
            )
            self.play(
                LaggedStart(
                    *(
                        AnimationGroup(FadeIn(m, shift=0.2 * UP), FadeIn(r))
                        for m, r in zip(minis, even_readouts, strict=True)
                    ),
                    lag_ratio=0.3,
                ),
                run_time=1.6,
            )
            # A second read-out starts at the even value and counts down as the odds pile up.
            for even_r, peak_r in zip(even_readouts, peaked_readouts, strict=True):
                peak_r.set_value(even_r.value)
            self.add(ghosts)
            self.play(
                FadeOut(heading, shift=0.3 * UP),
                FadeIn(heading_peaked, shift=0.3 * UP),
                *(r.animate.set_opacity(0.5) for r in even_readouts),
                *(FadeIn(r, shift=0.2 * DOWN) for r in peaked_readouts),
                run_time=0.8,
            )
            self.play(
                *(m.morph_to(d) for m, d in zip(minis, peaked_dists, strict=True)),
                *(r.animate_to(h) for r, h in zip(peaked_readouts, peaked_h, strict=True)),
                run_time=2.0,
            )


def _ceil_to(value: float, step: float) -> float:
    return float(np.ceil(value / step) * step)
