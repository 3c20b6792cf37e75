"""Part 10: KL divergence is cross-entropy minus entropy.

A stacked bar splits the cross-entropy of a model into the entropy of reality
(surprise no model can remove) and the KL divergence (the surprise the model
adds). Swapping the roles changes the split: KL is not symmetric. Sliding the
model onto reality shrinks the KL part to nothing; pushing it past reality grows
it again: KL is never negative and zero only when q = p.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    DistributionBars,
    ExplainerScene,
    Formula,
    GhostBars,
    SceneParams,
    StackedBar,
    Txt,
    fit_bars,
    format_value,
    tinted,
    unit_word,
)
from scenes.kit.checks import is_number


def _distribution(outcomes, probs, field: str) -> it.Distribution:
    """The labelled distribution in ``field``, or a ValueError that names the field."""
    try:
        dist = it.categorical(outcomes, probs)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{field}: {error}") from None
    if np.any(dist.probs <= 0):
        raise ValueError(
            f"{field} must give every outcome a probability above 0, "
            f"so KL is finite in both directions, not {tuple(probs)!r}"
        )
    return dist


@dataclass(frozen=True)
class KLDivergenceParams(SceneParams):
    """Example values for part 10."""

    outcomes: tuple[str, ...] = ("heads", "tails")
    reality: tuple[float, ...] = (0.5, 0.5)  # p: a fair coin
    model: tuple[float, ...] = (0.9, 0.1)  # q: a model that thinks the coin is rigged
    # How far past reality the model is pushed to show KL growing again, as a
    # fraction of the way it came: p + overshoot * (p - q).
    overshoot: float = 0.75

    def __post_init__(self) -> None:
        super().__post_init__()
        p = _distribution(self.outcomes, self.reality, "reality")
        q = _distribution(self.outcomes, self.model, "model")
        if np.array_equal(p.probs, q.probs):
            raise ValueError("model must differ from reality, or there is no divergence to show")
        if not is_number(self.overshoot) or not 0 < self.overshoot <= 1:
            raise ValueError(f"overshoot must be a number in (0, 1], not {self.overshoot!r}")
        beyond = p.probs + self.overshoot * (p.probs - q.probs)
        if np.any(beyond <= 0):
            raise ValueError(
                f"overshoot {self.overshoot!r} pushes the model past probability 0; "
                "choose a smaller overshoot"
            )

    @property
    def p(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.reality)

    @property
    def q(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.model)

    @property
    def q_beyond(self) -> it.Distribution:
        """The model pushed past reality, on the far side from where it started."""
        p, q = self.p.probs, self.q.probs
        return it.categorical(self.outcomes, it.normalize(p + self.overshoot * (p - q)))


class KLDivergence(ExplainerScene):
    Params = KLDivergenceParams
    hook = "What is cross-entropy made of?"
    takeaway = (
        "KL is the extra surprise of a wrong model: "
        "never negative, and zero only for the right one."
    )

    # Layout: everything stands on one ground line.
    GROUND = -2.55
    STACK_X = 1.7
    CHARTS_X = -3.75  # where the two charts centre, if they fit
    CHARTS_WIDTH = 5.6  # both charts' bars, the gap between them aside
    MAX_BAR = 4.2  # the tallest stack, in screen units
    CHART_HEIGHT = 2.8  # a bar of probability 1, in screen units

    def body(self) -> None:
        params, unit = self.params, self.unit
        p, q, q_beyond = params.p, params.q, params.q_beyond
        kl_pq = float(it.kl_divergence(p, q, unit=unit))
        kl_qp = float(it.kl_divergence(q, p, unit=unit))
        h_p = float(it.entropy(p, unit=unit))
        tallest = max(
            float(it.cross_entropy(p, q, unit=unit)),
            float(it.cross_entropy(q, p, unit=unit)),
            float(it.cross_entropy(p, q_beyond, unit=unit)),
        )
        unit_height = min(2.4, self.MAX_BAR / tallest)
        word = lambda v: unit_word(unit, v)  # noqa: E731

        headline = Formula(
            '{{ H(p, q) : cross_entropy }} = {{ H(p) : entropy }} + {{ "KL"(p || q) : kl }}'
        ).to_edge(UP, buff=0.6)

        # Reality and model, side by side on the ground line.
        p_chart = self._chart(p, "p")
        q_chart = self._chart(q, "q")
        charts = VGroup(p_chart, q_chart).arrange(RIGHT, buff=0.9, aligned_edge=DOWN)
        left_edge = -config.frame_width / 2 + self.theme.margin + 0.05
        charts.move_to([max(self.CHARTS_X, left_edge + charts.width / 2), 0, 0])
        charts.shift((self.GROUND - p_chart.baseline.get_y()) * UP)
        # Titles clear the tallest bar (and its value) the charts will ever show.
        tallest_p = max(np.max(d.probs) for d in (p, q, q_beyond))
        title_y = self.GROUND + tallest_p * self.CHART_HEIGHT + p_chart.values[0].height + 0.5
        titles = VGroup(
            Txt("reality $p$", "label", "p").move_to(
                [p_chart.get_x(), title_y, 0], aligned_edge=DOWN
            ),
            Txt("model $q$", "label", "q").move_to(
                [q_chart.get_x(), title_y, 0], aligned_edge=DOWN
            ),
        )

        stack = StackedBar(p, q, unit=unit, unit_height=unit_height, width=1.0, key="stack")
        stack.shift([self.STACK_X, self.GROUND, 0] - stack.base)
        stack.merge()
        self.stack = stack  # for the tests: the bar's geometry

        with self.beat(
            "split",
            f"Cross-entropy splits in two: entropy, {format_value(h_p)} {word(h_p)} that no "
            f"model can remove, plus KL divergence, {format_value(kl_pq)} {word(kl_pq)} of "
            "surprise the model alone adds.",
        ):
            self.play(
                FadeIn(p_chart, shift=0.2 * UP),
                FadeIn(q_chart, shift=0.2 * UP),
                FadeIn(titles),
                run_time=1.0,
            )
            self.play(
                FadeIn(stack.baseline),
                GrowFromEdge(stack.bar, DOWN),
                Create(stack.bracket),
                FadeIn(stack.cross_readout, shift=0.2 * LEFT),
                run_time=1.2,
            )
            self.add(stack)
            self.play(
                stack.split(),
                FadeIn(stack.entropy_readout, shift=0.2 * LEFT),
                FadeIn(stack.kl_readout, shift=0.2 * LEFT),
                run_time=1.4,
            )
            self.play(
                TransformFromCopy(stack.cross_readout.label, headline.part("cross_entropy")),
                TransformFromCopy(stack.entropy_readout.label, headline.part("entropy")),
                TransformFromCopy(stack.kl_readout.label, headline.part("kl")),
                run_time=1.2,
            )
            self.add(headline)

        # The same pair with the roles swapped: q is reality, p the model.
        swapped = StackedBar(
            q, p, unit=unit, unit_height=unit_height, width=1.0, key="swapped", names=("q", "p")
        )
        left_x, right_x = -4.7, 1.9
        swapped.shift([right_x, self.GROUND, 0] - swapped.base)
        self.swapped = swapped
        captions = VGroup(
            Txt(f"{tinted('$q$', 'q')} models {tinted('$p$', 'p')}", "label", "muted"),
            Txt(f"{tinted('$p$', 'p')} models {tinted('$q$', 'q')}", "label", "muted"),
        )
        asymmetry = Formula('{{ "KL"(p || q) : kl }} != {{ "KL"(q || p) : kl_1 }}').move_to(
            headline
        )
        with self.beat(
            "asymmetry",
            f"Swap the roles and the split changes: {format_value(kl_pq)} {word(kl_pq)} one "
            f"way, {format_value(kl_qp)} the other. KL is not symmetric, so it is no distance.",
        ):
            self.play(
                FadeOut(charts),
                FadeOut(titles),
                stack.animate.shift((left_x - self.STACK_X) * RIGHT),
                TransformMatchingShapes(headline, asymmetry),
                run_time=1.2,
            )
            captions[0].next_to(stack.base, DOWN, buff=0.3)
            captions[1].next_to(swapped.base, DOWN, buff=0.3)
            self.play(
                FadeIn(captions[0]),
                FadeIn(swapped.baseline),
                GrowFromEdge(swapped.bar, DOWN),
                Create(swapped.bracket),
                FadeIn(swapped.readouts, shift=0.2 * LEFT),
                FadeIn(captions[1]),
                run_time=1.4,
            )
            self.add(swapped)
            self.play(
                Indicate(stack.kl_readout, color=self.theme.color.highlight),
                Indicate(swapped.kl_readout, color=self.theme.color.highlight),
                run_time=1.2,
            )

        ghost = GhostBars(q_chart, p)
        closer = Formula(
            '{{ "KL"(p || q) : kl }} = 0 quad "only when" quad {{ q : q }} = {{ p : p }}'
        )
        closer.move_to(headline)
        kl_pp = float(it.kl_divergence(p, p, unit=unit))  # exactly 0: same terms, no rounding
        with self.beat(
            "match",
            f"Slide the model toward reality: entropy stays put, KL shrinks, and at q = p it "
            f"is exactly {format_value(kl_pp)} {word(kl_pp)}.",
        ):
            self.play(FadeOut(swapped), FadeOut(captions), run_time=0.6)
            self.play(
                stack.animate.shift((self.STACK_X - left_x) * RIGHT),
                FadeIn(charts),
                FadeIn(titles),
                TransformMatchingShapes(asymmetry, closer),
                run_time=1.0,
            )
            ghost.attach()
            self.play(Create(ghost), run_time=0.6)
            self.play(q_chart.morph_to(p), stack.model_to(p), run_time=2.5)
            self.play(Indicate(stack.kl_readout, color=self.theme.color.highlight))

        never = Formula('{{ "KL"(p || q) : kl }} >= 0').move_to(headline)
        kl_beyond = float(it.kl_divergence(p, q_beyond, unit=unit))
        with self.beat(
            "never-negative",
            f"Push past reality and KL grows again, to {format_value(kl_beyond)} "
            f"{word(kl_beyond)}. Whichever way the model errs, KL is never negative.",
        ):
            self.play(TransformMatchingShapes(closer, never), run_time=0.8)
            self.play(q_chart.morph_to(q_beyond), stack.model_to(q_beyond), run_time=2.4)
            self.play(Indicate(stack.kl_readout, color=self.theme.color.highlight))

    def _chart(self, dist: it.Distribution, role: str) -> DistributionBars:
        # Two charts share the left of the frame: more outcomes, narrower slots.
        bar_width, spacing = fit_bars(
            len(dist), self.CHARTS_WIDTH / 2, max_slot=1.35, bar_share=0.6
        )
        return DistributionBars(
            dist,
            role=role,
            key=role,
            height=self.CHART_HEIGHT,
            bar_width=bar_width,
            spacing=spacing,
            label_size="label" if bar_width + spacing >= 1.0 else "small",
        )
