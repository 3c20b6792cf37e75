"""Extra scene `mutual-information`: what two correlated coins share.

Two coins flipped together mostly show the same face. Their joint odds are a 2 × 2 grid
(rows: the first coin X, columns: the second coin Y); summing a row gives X's odds
alone, summing a column Y's. Alone, the second coin carries H(Y) bits of surprise.
Knowing the first coin changes its odds: a row of the grid, rescaled, is
p(Y | X = x). What is left on average is H(Y | X); what knowing X took away is the
mutual information, so H(Y) splits into H(Y | X) + I(X; Y) on one scale. Made
independent, the rows give the same odds as the column sums and I falls to zero.

Built by `explainer new mutual-information`, then written from the kit and
:mod:`infotheory` alone (``marginals``, ``conditional``, ``conditional_entropy``,
``mutual_information``, ``independent_joint``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    Coin,
    DistributionBars,
    ExplainerScene,
    Formula,
    JointGrid,
    QuantityBar,
    Readout,
    Region,
    SceneParams,
    Txt,
    extent,
    format_value,
    unit_word,
)
from scenes.kit.cards import takeaway_banner
from scenes.kit.checks import whole_number
from scenes.kit.pacing import play_in_turn

TITLE = "Mutual information"  # read by the registry without importing this file

SIDES = ("heads", "tails")
CLEARANCE = 0.6  # nothing comes nearer the frame's edge than this: 80 px at 1080p
CELL = 1.1  # a cell of the joint grid
COIN = 0.36  # a coin's radius
BAR = 0.6  # the thickness of the bar of H(Y)
PRELUDE = 1.35  # the coins and the grid, large, before they make room
LABEL_SIZE = "label"  # the grid's values and names, and the conditional charts' labels


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
            px, py = it.marginals(self.joint)  # infotheory's validation names the bad entry
        except (TypeError, ValueError) as error:
            raise ValueError(f"joint: {error}") from None
        if np.any(px <= 0) or np.any(py <= 0):
            raise ValueError(
                "joint must give each face of each coin a chance above 0 (the scene shows "
                f"the second coin's odds after each face of the first), not {self.joint!r}"
            )
        whole_number("flips", self.flips, 1, 6)
        whole_number("seed", self.seed, 0)

    @property
    def table(self) -> np.ndarray:
        return np.asarray(self.joint, dtype=float)

    @property
    def independent(self) -> np.ndarray:
        """The same two coins, made independent: the product of their marginals."""
        return it.independent_joint(*it.marginals(self.table))


@dataclass(frozen=True)
class _Measures:
    """What the scene says about a joint table, each from infotheory."""

    h_y: float  # H(Y): the second coin alone
    h_y_x: float  # H(Y | X): what is left of it once the first is known
    info: float  # I(X; Y): what knowing the first takes away

    @classmethod
    def of(cls, table: np.ndarray, unit: str) -> _Measures:
        _, py = it.marginals(table)
        return cls(
            h_y=float(it.entropy(py, unit=unit)),
            h_y_x=float(it.conditional_entropy(table, unit=unit)),
            info=float(it.mutual_information(table, unit=unit)),
        )


class MutualInformation(ExplainerScene):
    Params = MutualInformationParams
    hook = "When one coin tells you about another, how much does it tell?"
    takeaway = "Mutual information is what two variables share: zero only if independent."

    def body(self) -> None:
        self.pairs()
        self.alone()
        self.knowing()
        self.independent()

    # -- the pictures ------------------------------------------------------------------

    @cached_property
    def regions(self) -> tuple[Region, Region]:
        """The coins and their grid on the left, what knowing one coin does on the right."""
        space, main = self.theme.space, self.stage.main
        inset = CLEARANCE - self.theme.margin
        # The takeaway's banner will cover the top of the frame: the picture stays under it.
        # (An extra's banner has no "Next" line, so it is lower than room_below_banner's.)
        banner = takeaway_banner(self.takeaway_line(), self.takeaway_formula())
        top = self.stage.safe.top - banner.height - space.s
        edge = Region("inside", main.left + inset, main.right - inset, main.bottom, top)
        # The grid with its margins, and coin X (and its name) left of it.
        name = self.coins[0][1]
        width = VGroup(self.grid, self.grid.margins).width + 2 * COIN + space.m
        width += name.width + space.s
        left = Region("coins", edge.left, edge.left + width, edge.bottom, edge.top)
        right = Region("knowing", left.right + space.l, edge.right, edge.bottom, edge.top)
        return left, right

    @cached_property
    def grid(self) -> JointGrid:
        return JointGrid(
            self.params.table, SIDES, SIDES, cell=CELL, key="joint", label_size=LABEL_SIZE
        )

    @cached_property
    def coins(self) -> VGroup:
        """Coin X left of the rows, coin Y above the columns, each with its name."""
        x, y = Coin("heads", radius=COIN), Coin("heads", radius=COIN)
        names = VGroup(Formula("X", "label", "muted"), Formula("Y", "label", "muted"))
        return VGroup(VGroup(x, names[0]), VGroup(y, names[1]))

    def layout(self) -> None:
        """Place the grid (with room for its margins) and the coins in the left region."""
        space = self.theme.space
        left, _ = self.regions
        grid = self.grid
        whole = VGroup(grid, grid.margins)
        whole.move_to(
            [left.right - whole.width / 2, left.top - 2 * COIN - space.s - whole.height / 2, 0]
        )
        self.place_coins()

    def place_coins(self) -> None:
        """Coin X left of the grid's rows, coin Y above its columns, wherever the grid is."""
        space, grid = self.theme.space, self.grid
        (coin_x, name_x), (coin_y, name_y) = self.coins
        rows = VGroup(*grid.cells)
        coin_x.next_to(grid.row_labels, LEFT, buff=space.m).set_y(rows.get_y())
        name_x.next_to(coin_x, LEFT, buff=space.s)  # beside: a flip lifts the coin
        coin_y.next_to(grid.col_labels, UP, buff=space.s).set_x(rows.get_x())
        name_y.next_to(coin_y, LEFT, buff=space.s)

    @cached_property
    def measures(self) -> _Measures:
        return _Measures.of(self.params.table, self.unit)

    def conditional_chart(self, i: int, region: Region) -> tuple[DistributionBars, Formula]:
        """p(Y | X = side i) as bars, titled, in ``region``."""
        space = self.theme.space
        title = Formula(f'p(Y | X = "{SIDES[i]}")', "label", "muted")
        probe = Txt("heads", LABEL_SIZE)  # an outcome's name under the bars, and a value above
        height = region.height - title.height - 2 * (probe.height + space.s) - space.s
        chart = DistributionBars(
            it.conditional(self.params.table, i),
            SIDES,
            role="p",
            key=f"Y|{SIDES[i]}",
            height=height,
            bar_width=0.6,
            spacing=0.4,
            label_size=LABEL_SIZE,
        )
        # Room for a bar of probability 1 and its value, under the title.
        room = chart.unit_height + chart.values[0].height + space.s
        chart.shift(
            [
                region.center[0] - chart.baseline.get_x(),
                region.top - title.height - space.s - room - chart.base_y,
                0,
            ]
        )
        title.move_to([chart.baseline.get_x(), region.top - title.height / 2, 0])
        return chart, title

    # -- beats ---------------------------------------------------------------------------

    def prelude(self) -> None:
        self.layout()
        grid = self.grid
        # The grid (and its coins) first stand large in the middle; they make room later.
        # Coins keep their size: a coin is redrawn at its own radius when it flips.
        self.home = (grid.get_center(), [coin.get_center() for coin in self.coins])
        grid.scale(PRELUDE)
        self.place_coins()
        VGroup(grid, self.coins).move_to(self.stage.main.center)
        frames = VGroup(*(c.frame for row in grid.cells for c in row))
        self.play(
            FadeIn(self.coins, scale=0.8),
            Create(frames),
            FadeIn(grid.row_labels, grid.col_labels),
            run_time=1.2,
        )

    def pairs(self) -> None:
        params, grid = self.params, self.grid
        (coin_x, _), (coin_y, _) = self.coins
        table = params.table
        same = float(np.trace(table))
        draws = np.random.default_rng(params.seed).choice(4, size=params.flips, p=table.ravel())
        flips = []
        for k in draws:
            i, j = divmod(int(k), 2)
            flips.append(
                Succession(
                    AnimationGroup(coin_x.flip_to(SIDES[i]), coin_y.flip_to(SIDES[j])),
                    Circumscribe(grid.cells[i][j], color=self.theme.color.highlight),
                )
            )
        squares = [c.square for row in grid.cells for c in row]
        values = [c.value for row in grid.cells for c in row]
        diagonal = VGroup(grid.cells[0][0], grid.cells[1][1])
        with self.beat("pairs"):
            line = self.say(
                "Flip two coins together: they show the same face with probability "
                f"{format_value(same, 2)}."
            )
            self.play(
                Succession(
                    *flips,
                    AnimationGroup(
                        *(GrowFromCenter(s) for s in squares),
                        *(FadeIn(v, shift=UP / 8) for v in values),
                    ),
                    *(Circumscribe(c, color=self.theme.color.highlight) for c in diagonal),
                ),
                run_time=line.duration,
            )
            self.add(grid)
            self.show("same", same)

    def alone(self) -> None:
        grid, m, unit = self.grid, self.measures, self.unit
        _, right = self.regions
        bar = QuantityBar(
            [m.h_y, 0.0],
            total=m.h_y,
            total_label="H(Y)",
            unit=unit,
            unit_length=self.unit_length,
            thickness=BAR,
            decimals=3,
            role=["entropy", "entropy"],
            key="HY",
            values=False,
        )
        bar.blocks[1].set_fill(self.theme.color.kl)  # I(X; Y): empty until it splits off
        bar.move_to([right.center[0], 0, 0])
        bar.shift((self.bar_y - bar.origin[1]) * UP)
        bar.align_to([right.left, 0, 0], LEFT)
        self.bar = bar
        with self.beat("alone"):
            said = self.say(
                "Each row sums to the first coin's odds, each column to the second's: "
                f"alone, it carries {format_value(m.h_y)} {unit_word(unit, m.h_y)}."
            )
            move = min(0.9, said.duration / 4)
            grid_home, coin_homes = self.home
            self.play(
                grid.animate.scale(1 / PRELUDE).move_to(grid_home),
                *(
                    coin.animate.move_to(home)
                    for coin, home in zip(self.coins, coin_homes, strict=True)
                ),
                run_time=move,
            )
            play_in_turn(
                self,
                said.duration - move,
                grid.collapse_rows(),
                grid.collapse_cols(),
                (
                    Create(bar.zero),
                    # Copies of Y's margin pour into the bar (TransformFromCopy would
                    # reshape the bar's block into two, the copies' count).
                    ReplacementTransform(
                        VGroup(*(c.square.copy() for c in grid.y_margin)), bar.blocks[0]
                    ),
                ),
                bar.show_total(),
            )
            grid.add(grid.margins)
            self.add(grid, bar)

    @property
    def unit_length(self) -> float:
        """Screen length of one unit of information: H(Y) spans the right region."""
        _, right = self.regions
        h_y = float(it.entropy(it.marginals(self.params.table)[1], unit=self.unit))
        return (right.width - self.theme.space.s) / max(h_y, 1e-9)

    @property
    def bar_y(self) -> float:
        """The split bar's centre line: low in the right region, above its read-outs."""
        space = self.theme.space
        probe = Readout("I(X; Y)", 0.0, unit=self.unit, size="label")
        return self.stage.main.bottom + space.s + probe.height + space.m + BAR / 2

    def knowing(self) -> None:
        params, grid, m, unit, space = (
            self.params,
            self.grid,
            self.measures,
            self.unit,
            self.theme.space,
        )
        (coin_x, _), _ = self.coins
        _, right = self.regions
        halves = Region(
            "charts", right.left, right.right, self.bar.get_top()[1] + space.l, right.top
        ).split(2, gutter=space.m)
        charts = [self.conditional_chart(i, halves[i]) for i in range(2)]
        highlight = SurroundingRectangle(
            VGroup(grid.cells[0], grid.row_labels[0]),
            color=self.theme.color.highlight,
            buff=space.xs,
        )
        bar = self.bar
        left_over = Readout(
            "H(Y | X)", m.h_y_x, unit=None, key="H(Y|X)", color="entropy", size="label"
        )
        shared = Readout("I(X; Y)", m.info, unit=None, key="I", color="kl", size="label")

        # Under the bar, one at each end: what is left, and what was shared (in the unit
        # the brace over the bar names; with theirs too they would crowd each other).
        left_over.next_to(bar.blocks, DOWN, buff=space.m).align_to(bar.blocks, LEFT)
        shared.next_to(bar.blocks, DOWN, buff=space.m).align_to(bar.blocks, RIGHT)
        self.readouts = (left_over, shared)

        def show_row(i: int) -> Animation:
            chart, title = charts[i]
            row = grid.cells[i]
            return Succession(
                coin_x.flip_to(SIDES[i]),
                Create(highlight)
                if i == 0
                else Transform(
                    highlight,
                    SurroundingRectangle(
                        VGroup(row, grid.row_labels[i]),
                        color=self.theme.color.highlight,
                        buff=space.xs,
                    ),
                ),
                AnimationGroup(
                    Create(chart.baseline),
                    FadeIn(chart.labels),
                    FadeIn(title),
                    # Over the top, clear of the margin's values on the way.
                    ReplacementTransform(
                        VGroup(*(c.square.copy() for c in row)), chart.bars, path_arc=-PI / 3
                    ),
                ),
                FadeIn(chart.values, shift=UP / 8),
            )

        odds = [it.conditional(params.table, i) for i in range(2)]
        equal = (
            abs(float(it.entropy(odds[0], unit=unit)) - float(it.entropy(odds[1], unit=unit)))
            < 1e-9
        )
        with self.beat("knowing"):
            said = self.say(
                "If the first coin shows heads, its row, scaled up, gives the second's odds."
            )
            self.play(show_row(0), run_time=said.duration)
            faces = [(coin_x.side, highlight.get_center().copy())]
            said = self.say("After tails, the other row.")
            self.play(show_row(1), run_time=said.duration)
            faces.append((coin_x.side, highlight.get_center().copy()))
            self.show("faces", faces)
            for chart, _ in charts:
                self.add(chart)
            said = self.say(
                f"{'Either way' if equal else 'On average'}, the second coin keeps only "
                f"{format_value(m.h_y_x)} of its {format_value(m.h_y)} "
                f"{unit_word(unit, m.h_y)}: the {format_value(m.info)} it loses is the "
                "mutual information."
            )
            self.play(
                Succession(
                    AnimationGroup(
                        bar.to([m.h_y_x, m.info], total=m.h_y),
                        FadeOut(highlight),
                    ),
                    FadeIn(left_over, shift=UP / 8),
                    FadeIn(shared, shift=UP / 8),
                ),
                run_time=said.duration,
            )
            self.show("odds", [chart.probs.copy() for chart, _ in charts])
            self.show("readout_gap", shared.get_left()[0] - left_over.get_right()[0])
            self.show("bar", (bar.unit_length, [b.width for b in bar.blocks], bar.total))
            self.show("extent", extent(self.mobjects))
        self.charts = [chart for chart, _ in charts]

    def independent(self) -> None:
        params, unit = self.params, self.unit
        free = params.independent
        after = _Measures.of(free, unit)
        with self.beat("independent"):
            said = self.say(
                f"Made independent, every pair has chance {format_value(float(free[0, 0]), 2)}: "
                "the first coin tells nothing, and the mutual information falls to "
                f"{format_value(after.info)}."
            )
            self.move_table(params.table, free, said.duration)
            self.show("bar", (self.bar.unit_length, [b.width for b in self.bar.blocks]))

    def move_table(self, start: np.ndarray, end: np.ndarray, run_time: float) -> None:
        """Every picture follows the joint table along the straight path from ``start``
        to ``end``: grid, margins, both conditional charts, the split bar, the read-outs."""
        unit, bar = self.unit, self.bar
        left_over, shared = self.readouts
        mix = ValueTracker(0.0)

        def table() -> np.ndarray:
            t = mix.get_value()
            return (1 - t) * start + t * end

        def follow(_: Mobject) -> None:
            now = table()
            m = _Measures.of(now, unit)
            self.grid.set_table(now)
            for i, chart in enumerate(self.charts):
                chart.set_probs(it.conditional(now, i))
            bar.set_segments([m.h_y_x, m.info], total=m.h_y)
            left_over.set_value(m.h_y_x)
            shared.set_value(m.info)

        # The pictures carry the updaters: manim redraws, frame by frame, only what is
        # animated or updating, and a tracker's own updater sleeps through its own
        # animation (the pictures then stood still and jumped at the end).
        pictures = [self.grid, *self.charts, bar, left_over, shared]
        redraw = [lambda _: follow(mix)] + [lambda _: None] * (len(pictures) - 1)
        for picture, updater in zip(pictures, redraw, strict=True):
            picture.add_updater(updater)
        self.add(mix)
        self.play(mix.animate.set_value(1.0), run_time=run_time, rate_func=smooth)
        for picture, updater in zip(pictures, redraw, strict=True):
            picture.remove_updater(updater)
        follow(mix)
        self.remove(mix)

    def finale(self) -> None:
        """While the takeaway is said, the coins are made to agree again: I comes back."""
        said = max(self.narrator.free_at - self.time, 2.0)
        self.move_table(self.params.independent, self.params.table, said)
