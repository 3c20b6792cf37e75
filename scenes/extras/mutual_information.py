"""Extra scene `mutual-information`: what two correlated coins share.

Two coins flipped together mostly agree. Each alone is a fair coin, one bit; the
pair carries less than two bits, because part of each coin's surprise is already
told by the other. The gap is the mutual information,
``I(X; Y) = H(X) + H(Y) - H(X, Y)``, and it is a KL divergence: the extra surprise
of treating the coins as independent. So the kit's :class:`StackedBar` (entropy
plus KL, bracketed by the cross-entropy) draws it with no new component: reality
``p`` is the joint distribution, the model ``q`` is the product of the marginals,
whose cross-entropy on the joint is exactly ``H(X) + H(Y)``.

Built by `explainer new mutual-information`, then written from the kit and
:mod:`infotheory` alone (``joint_entropy``, ``conditional_entropy``,
``mutual_information``, ``marginals``, ``independent_joint``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    Coin,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    StackedBar,
    align_baselines,
    format_value,
    unit_word,
)
from scenes.kit.checks import whole_number

TITLE = "Mutual information"  # read by the registry without importing this file

SIDES = ("heads", "tails")
PAIRS = ("HH", "HT", "TH", "TT")  # first coin's face, then the second's


@dataclass(frozen=True)
class MutualInformationParams(SceneParams):
    """The example: two coins' joint odds, and the flips shown at the start.

    ``joint[i][j]`` is the chance that the first coin shows side ``i`` and the second
    side ``j`` (heads first): ``--set joint=[[0.45,0.05],[0.05,0.45]]``.
    """

    joint: tuple[tuple[float, float], tuple[float, float]] = ((0.4, 0.1), (0.1, 0.4))
    flips: int = 3  # pairs of flips shown, drawn from the joint odds
    seed: int = 4  # which flips

    def __post_init__(self) -> None:
        super().__post_init__()
        if np.shape(self.joint) != (2, 2):
            raise ValueError(
                f"joint must be a 2 × 2 table (rows: first coin, columns: second coin), "
                f"not {self.joint!r}"
            )
        try:
            it.joint_entropy(self.joint)  # infotheory's validation names the bad entry
        except (TypeError, ValueError) as error:
            raise ValueError(f"joint: {error}") from None
        whole_number("flips", self.flips, 1, 6)
        whole_number("seed", self.seed, 0)

    @property
    def table(self) -> np.ndarray:
        return np.asarray(self.joint, dtype=float)

    @property
    def independent(self) -> np.ndarray:
        """The same two coins, made independent: the product of their marginals."""
        return it.independent_joint(*it.marginals(self.table))


class MutualInformation(ExplainerScene):
    Params = MutualInformationParams
    hook = "When one coin tells you about another, how much does it tell?"
    takeaway = "Mutual information is what two variables share: zero only when independent."

    def body(self) -> None:
        params: MutualInformationParams = self.params
        unit = self.unit
        pxy = params.table
        px, py = it.marginals(pxy)
        h_x, h_y = it.entropy(px, unit=unit), it.entropy(py, unit=unit)
        h_xy = it.joint_entropy(pxy, unit=unit)
        info = it.mutual_information(pxy, unit=unit)
        h_y_x = it.conditional_entropy(pxy, unit=unit, given="x")
        same = _same_face(pxy)
        word = lambda v: unit_word(unit, v)  # noqa: E731

        # -- two coins flipped together -------------------------------------------------
        left = -3.7
        coins = VGroup(Coin("heads", radius=0.5), Coin("heads", radius=0.5))
        coins.arrange(RIGHT, buff=0.9).move_to([left, 2.55, 0])
        names = VGroup(
            *(
                Formula(n, "label", "muted").next_to(c, LEFT, buff=0.25)
                for n, c in zip("XY", coins, strict=True)
            )
        )
        agree = Readout('P("same face")', same, unit=None, decimals=2, key="same", size="label")
        agree.next_to(coins, DOWN, buff=0.35)
        joint = DistributionBars(
            pxy.ravel(), PAIRS, role="p", key="joint", height=5.5, bar_width=0.75, spacing=0.35
        )
        joint.move_to([left, -1.2, 0])
        joint.shift((-2.3 - joint.base_y) * UP)
        # The pair takes the middle of the stage first, then makes room on the left.
        stage = VGroup(coins, names, agree, joint).shift(-left * RIGHT)
        draws = np.random.default_rng(params.seed).choice(4, size=params.flips, p=pxy.ravel())
        with self.beat(
            "pairs",
            f"Flip two coins together: they match with probability {format_value(same, 2)}. "
            "The pair has odds of its own.",
        ):
            self.play(FadeIn(coins, scale=0.8), FadeIn(names), run_time=0.6)
            for k in draws:
                self.play(
                    coins[0].flip_to(SIDES[k // 2]), coins[1].flip_to(SIDES[k % 2]), run_time=0.7
                )
            self.play(FadeIn(agree, shift=0.1 * DOWN), FadeIn(joint.baseline, joint.labels))
            self.play(LaggedStart(*(GrowFromEdge(b, DOWN) for b in joint.bars), lag_ratio=0.1))
            self.play(FadeIn(joint.values, shift=0.1 * UP), run_time=0.6)
            self.add(joint)

        # -- each coin alone -------------------------------------------------------------
        right = 3.7
        alone = VGroup()
        for i, (name, marginal) in enumerate((("X", px), ("Y", py))):
            bars = DistributionBars(
                marginal, SIDES, role="p", key=name, height=2.6, bar_width=0.6, spacing=0.3
            )
            bars.move_to([right + (i - 0.5) * 3.3, 0.4, 0])
            title = Formula(f'{name} "alone"', "label", "muted").next_to(bars, UP, buff=0.3)
            alone.add(VGroup(bars, title))
        align_baselines([label for group in alone for label in group[0].labels])
        h_alone = VGroup(
            Readout("H(X)", h_x, unit=unit, key="H(X)", color="entropy", size="label"),
            Readout("H(Y)", h_y, unit=unit, key="H(Y)", color="entropy", size="label"),
        )
        for readout, group in zip(h_alone, alone, strict=True):
            readout.next_to(group, DOWN, buff=0.45)
        low = min(r.get_y() for r in h_alone)
        for readout in h_alone:
            readout.set_y(low)
        with self.beat(
            "alone",
            f"Each coin alone sums a row or a column of those odds: {format_value(h_x)} and "
            f"{format_value(h_y)} {unit_word(unit)}.",
        ):
            self.play(stage.animate.shift(left * RIGHT), run_time=0.8)
            self.play(*(FadeIn(g[1]) for g in alone), *(FadeIn(g[0].baseline) for g in alone))
            # Each side of X gathers a row of the pairs, each side of Y a column.
            self.play(
                *(
                    TransformFromCopy(VGroup(joint.bars[a], joint.bars[b]), alone[i][0].bars[j])
                    for i, pairs in enumerate((((0, 1), (2, 3)), ((0, 2), (1, 3))))
                    for j, (a, b) in enumerate(pairs)
                ),
                run_time=1.4,
            )
            self.play(
                *(FadeIn(VGroup(g[0].labels, g[0].values)) for g in alone),
                FadeIn(h_alone, shift=0.1 * UP),
            )
            self.add(alone)

        # -- together: less than the sum ----------------------------------------------------
        free = params.independent  # the same coins made independent: their H(X) + H(Y)
        stack = StackedBar(pxy.ravel(), free.ravel(), unit=unit, unit_height=1.55, readouts=False)
        stack.shift([right - 1.6, -2.7, 0] - stack.base)
        stack.merge()
        total = Readout(
            "H(X) + H(Y)",
            h_x + h_y,
            unit=unit,
            key="H(X)+H(Y)",
            color="cross_entropy",
            label_color="cross_entropy",
            size="label",
        )
        pair = Readout(
            "H(X, Y)",
            h_xy,
            unit=unit,
            key="H(X,Y)",
            color="entropy",
            label_color="entropy",
            size="label",
        )
        shared = Readout(
            "I(X; Y)", info, unit=unit, key="I", color="kl", label_color="kl", size="label"
        )
        self._beside(stack, total, pair, shared)
        with self.beat(
            "together",
            f"Together they carry only {format_value(h_xy)} {word(h_xy)}, "
            f"not {format_value(h_x + h_y)}.",
        ):
            self.play(FadeOut(alone), run_time=0.6)
            self.play(FadeIn(stack.baseline), GrowFromEdge(stack.bar, DOWN), Create(stack.bracket))
            self.play(ReplacementTransform(h_alone, total))
            self.play(stack.split(), FadeIn(pair, shift=0.1 * LEFT))

        definition = Formula(
            "{{ I(X; Y) : kl }} = {{ H(X) + H(Y) : cross_entropy }} - {{ H(X, Y) : entropy }}",
            size="body",
        )
        definition.move_to([right, 2.9, 0])
        with self.beat(
            "shared",
            f"The gap is what they share, the mutual information: "
            f"{format_value(info)} {word(info)}.",
        ):
            self.play(Write(definition))
            self.play(FadeIn(shared, shift=0.1 * LEFT))
            self.play(Indicate(stack.kl_segment, color=self.theme.color.highlight))

        # -- knowing one coin ----------------------------------------------------------------
        given = Formula(
            "{{ I(X; Y) : kl }} = {{ H(Y) : entropy }} - {{ H(Y | X) : entropy_1 }}", size="body"
        )
        given.move_to(definition)
        left_over = Readout(
            "H(Y | X)", h_y_x, unit=unit, key="H(Y|X)", color="entropy", size="label"
        )
        left_over.next_to(given, DOWN, buff=0.35)
        heads_row = SurroundingRectangle(
            VGroup(joint.bars[:2], joint.labels[:2], joint.values[:2]),
            color=self.theme.color.highlight,
            buff=0.12,
        )
        known = Formula('X = "heads"', "label", "highlight").next_to(heads_row, UP, buff=0.15)
        with self.beat(
            "knowing",
            f"Know the first coin and the second keeps {format_value(h_y_x)} of its "
            f"{format_value(h_y)} {word(h_y)}: the same {format_value(info)} learned.",
        ):
            self.play(TransformMatchingShapes(definition, given), run_time=1.2)
            self.play(Create(heads_row), FadeIn(known), FadeIn(left_over, shift=0.1 * DOWN))

        # -- independent coins share nothing -------------------------------------------------
        h_free = it.joint_entropy(free, unit=unit)
        same_free = _same_face(free)
        info_free = it.mutual_information(free, unit=unit)
        with self.beat(
            "independent",
            f"Made independent, the coins match with chance {format_value(same_free, 2)} "
            f"and share nothing: {format_value(h_free)} {word(h_free)} "
            f"together, and I is {format_value(info_free)}.",
        ):
            self.play(FadeOut(heads_row), FadeOut(known), run_time=0.4)
            self.play(
                joint.morph_to(free.ravel()),
                stack.to(p=free.ravel()),
                UpdateFromFunc(
                    VGroup(pair, shared), lambda _: self._beside(stack, total, pair, shared)
                ),
                pair.animate_to(h_free),
                agree.animate_to(same_free),
                shared.animate_to(info_free),
                left_over.animate_to(it.conditional_entropy(free, unit=unit)),
                run_time=2.0,
            )
            self.play(Indicate(shared, color=self.theme.color.highlight))

    @staticmethod
    def _beside(stack: StackedBar, total: Readout, pair: Readout, shared: Readout) -> None:
        """H(X) + H(Y) over the bar (it spans the bracket); H(X, Y) and I(X; Y) to its
        right, each level with the segment it names and never closer than a line."""
        total.next_to(stack.bracket, UP, buff=0.3).align_to(stack.bracket, LEFT)
        x = stack.base[0] + stack.bar_width / 2 + 0.35
        step = max(r.height for r in (pair, shared)) + 0.2
        y_pair = stack.level(stack.entropy / 2)
        y_shared = max(stack.level(stack.entropy + stack.kl / 2), y_pair + step)
        # Never up against H(X) + H(Y) above the bar, even when I(X; Y) shrinks to 0.
        y_shared = min(y_shared, stack.level(stack.cross_entropy) - step / 2)
        for readout, y in ((pair, y_pair), (shared, y_shared)):
            readout.move_to([x, y, 0], aligned_edge=LEFT)


def _same_face(table: np.ndarray) -> float:
    """P(the two coins show the same face): the diagonal of their joint table."""
    return float(np.trace(table))
