"""Part 9: cross-entropy is not symmetric.

Two coins, two wrong beliefs. (a) A fair coin believed rigged: every tail, half of
all flips, is an outcome the model calls rare, and costs log 1/q(tails). (b) Swap
belief and reality, and a rigged coin is believed fair: every flip costs one bit.
Each case is an AverageStrip (widths p, heights log 1/q) levelled to its
cross-entropy, standing on its own floor H(p), the coin's entropy, with the model's
extra cost above that floor, KL(p‖q). Comparing the extras is the fair comparison:
the model that calls a common outcome rare pays more on both counts. The verdict
shows it as a picture of its own: the two extra costs lift off their floors and stand
side by side on one baseline, each over the name of its case.

The source thread pins the extreme surprise on the second case (a rigged coin
believed fair); the maths says it is the first, and so does this scene (its test
reads both cases back from the screen to check the direction).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    AverageStrip,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    Region,
    SceneParams,
    Txt,
    format_value,
    pulse,
    room_below_banner,
    unit_word,
)
from scenes.kit.pacing import play_in_turn

CLEARANCE = 0.6  # nothing comes nearer the frame's edge than this: 80 px at 1080p
SIZE = "label"  # the type size of the coins' and the strips' labels and values
READOUT_SIZE = "label"  # the three read-outs of each case
NAME_SIZE = "body"  # the names of the two cases under their extra costs at the verdict
VERDICT_SIZE = "heading"  # the two extra costs compared at the verdict
CHART = dict(height=1.1, bar_width=0.5, spacing=0.34, label_size=SIZE)
WIDE_STRIP = 6.0  # the first case alone, across the frame
SIDE_STRIP = 2.4  # each case in its half (narrower if its read-outs need the room)
EXTRA_BAR = 0.26  # the width of the bar that shows the model's extra cost
VERDICT_BAR = 0.7  # the extra costs' width once they stand side by side at the verdict
SWAP_TIME = 4.5  # at least this long for the first case to make room and the coins to swap
PRELUDE_SCALE = 1.4  # the two coins, large, before the first case takes them
# The rigged coin's chance of heads. Below 0.7 the verdict's two extra costs differ only
# in the fourth decimal (0.029 against 0.029 at 0.6): a comparison the viewer can't see.
RIGGED_RANGE = (0.7, 0.98)


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
        if not RIGGED_RANGE[0] <= self.rigged_heads <= RIGGED_RANGE[1]:
            raise ValueError(
                f"rigged_heads must be from {RIGGED_RANGE[0]} to {RIGGED_RANGE[1]} (rigged "
                "enough that the two extra costs differ on screen, tails still possible), "
                f"not {self.rigged_heads!r}"
            )


@dataclass(frozen=True)
class Case:
    key: str  # "a" or "b": the keys of its read-outs
    title: str
    p: it.Distribution  # reality
    q: it.Distribution  # the belief


@dataclass(frozen=True)
class _Scale:
    """What both cases share: spacing, bits to height, room for labels, heading height."""

    space: object
    unit_height: float
    label_room: float
    heading_y: float


class CasePicture:
    """One case on screen, built inside ``region``: reality's and the belief's bars in a
    column at the region's outer side, the strip of surprises levelled to the
    cross-entropy beside it, its floor H(p) and the extra cost above the floor on the
    strip's inner side, and the three read-outs next to that. ``inward`` is ``RIGHT`` for
    the left half (and the first case alone), ``LEFT`` for the right half, its mirror
    image: the two cases' extra costs and read-outs face each other across the middle,
    where the verdict compares them. ``units`` writes the unit after each read-out (the
    first case alone has the room; side by side the verdict names it)."""

    def __init__(
        self,
        case: Case,
        region: Region,
        *,
        unit: str,
        strip_width: float,
        scale: _Scale,
        inward: np.ndarray = RIGHT,
        units: bool = True,
    ):
        space = scale.space
        key, out = case.key, float(np.sign(inward[0]))
        self.case = case
        self.p_chart = DistributionBars(case.p, role="p", key=f"{key}.p", **CHART)
        self.q_chart = DistributionBars(case.q, role="q", key=f"{key}.q", **CHART)
        self.captions = VGroup(Txt("reality, $p$", SIZE, "p"), Txt("belief, $q$", SIZE, "q"))

        def readout(label: str, value: float, name: str, color: str) -> Readout:
            # Each number from infotheory on its own (the strip only places them).
            return Readout(
                label,
                value,
                unit=unit if units else None,
                key=f"{key}.{name}",
                color=color,
                size=READOUT_SIZE,
            )

        self.cross_entropy = readout(
            "H(p, q)", it.cross_entropy(case.p, case.q, unit=unit), "cross_entropy", "cross_entropy"
        )
        self.extra_readout = readout(
            '"extra"', it.kl_divergence(case.p, case.q, unit=unit), "extra", "kl"
        )
        self.entropy = readout("H(p)", it.entropy(case.p, unit=unit), "entropy", "entropy")
        self.readouts = VGroup(self.cross_entropy, self.extra_readout, self.entropy)

        # The column of bars: reality on top, the belief under it, each over its caption.
        top = region.top
        for chart, caption in zip((self.p_chart, self.q_chart), self.captions, strict=True):
            # Room for the tallest bar a coin can have (probability 1) and its read-out.
            chart.shift((top - space.m - CHART["height"] - chart.base_y) * UP)
            caption.next_to(chart.labels, DOWN, buff=space.xs).set_x(chart.baseline.get_x())
            top = caption.get_bottom()[1] - space.m
        column = VGroup(self.p_chart, self.q_chart, self.captions)
        if out > 0:
            column.shift((region.left - column.get_left()[0]) * RIGHT)
            inner = column.get_right()[0]
        else:
            column.shift((region.right - column.get_right()[0]) * RIGHT)
            inner = column.get_left()[0]

        # The strip stands on the region's floor beside the column, as wide as asked if
        # the extra bar and the read-outs still fit beside it (its baseline overhangs by
        # a tenth on each side).
        room = region.width - column.width - 2 * space.m - EXTRA_BAR - self.readouts.width - 0.2
        self.strip = strip = AverageStrip(
            case.p,
            case.q,
            unit=unit,
            width=min(strip_width, room),
            unit_height=scale.unit_height,
            label_size=SIZE,
        )
        near = strip.baseline.get_left()[0] if out > 0 else strip.baseline.get_right()[0]
        strip.shift(
            [
                inner + out * space.m - near,
                region.bottom + scale.label_room - strip.baseline.get_y(),
                0,
            ]
        )
        self.costs = strip.block_readouts(key=f"{key}.surprise", size=SIZE)
        self.level = strip.level_target().set_fill(opacity=0.25).set_z_index(-1)
        self.average = strip.average_line()
        self.floor = strip.floor_line()
        self.extra = strip.extra_bar(width=EXTRA_BAR)
        if out < 0:  # on the strip's inner side, which is its left in the right half
            self.extra.set_x(strip.baseline.get_left()[0] - EXTRA_BAR / 2)

        # Read-outs beside the extra bar, each level with what it names, nudged apart.
        edge = self.extra.get_right()[0] if out > 0 else self.extra.get_left()[0]
        x = edge + out * space.m
        y_floor, y_level = strip.height_of(strip.floor), strip.height_of(strip.average)
        gap = self.cross_entropy.height + space.s
        middle = (y_floor + y_level) / 2
        for readout, y in zip(
            self.readouts,
            (max(y_level, middle + gap), middle, min(y_floor, middle - gap)),
            strict=True,
        ):
            readout.move_to([x, y, 0], aligned_edge=LEFT if out > 0 else RIGHT)

        self.heading = Txt(case.title, "body")
        self.heading.move_to([region.center[0], scale.heading_y, 0])

    @property
    def charts(self) -> VGroup:
        return VGroup(self.p_chart, self.q_chart, self.captions)

    @property
    def result(self) -> VGroup:
        """What the strip shows once levelled: average, floor, extra, and their read-outs."""
        return VGroup(self.level, self.average, self.floor, self.extra, self.readouts)

    def pieces(self) -> list[Mobject]:
        """Every piece, in an order two pictures of one case share (for transforms)."""
        return [self.p_chart, self.q_chart, self.captions, self.strip, self.costs, self.result]


class Asymmetry(ExplainerScene):
    Params = AsymmetryParams
    hook = "Does it matter which way round a model is wrong?"
    takeaway = "Cross-entropy is not symmetric: mistaking common for rare costs most."

    def body(self) -> None:
        self.first_case()
        self.swap()
        self.verdict()

    # -- the two cases and their layout ----------------------------------------------

    @cached_property
    def cases(self) -> tuple[Case, Case]:
        fair, rigged = it.fair_coin(), it.rigged_coin(self.params.rigged_heads)
        return (
            Case("a", "Fair coin, believed rigged", fair, rigged),
            Case("b", "Rigged coin, believed fair", rigged, fair),
        )

    @cached_property
    def a(self) -> CasePicture:
        """The first case, spread across the frame while it is alone."""
        return self.picture(self.cases[0], self.wide_region(), WIDE_STRIP)

    @cached_property
    def scale(self) -> _Scale:
        """One scale for both strips (their heights compare directly), sized so the
        tallest surprise and its read-out stay under the takeaway banner."""
        theme, main = self.theme, self.stage.main
        tallest = max(
            float(np.max(it.surprisal(c.q.probs, unit=self.unit)[c.p.probs > 0]))
            for c in self.cases
        )
        probe = Txt("0.15", SIZE)  # a block's read-out, the tallest text over a block
        label_room = Txt("heads", SIZE).height + theme.space.s + theme.space.xs
        room = self.top - main.bottom - label_room - probe.height - theme.space.s
        return _Scale(
            space=theme.space,
            unit_height=room / tallest,
            label_room=label_room,
            heading_y=self.stage.header.center[1],
        )

    @cached_property
    def top(self) -> float:
        """The pictures stay under this height: the takeaway banner covers what is above."""
        return room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula()).top

    @property
    def edge(self) -> float:
        """How far from the middle anything may reach, sideways."""
        return config.frame_width / 2 - CLEARANCE

    def halves(self) -> tuple[Region, Region]:
        """The two halves under the banner, kept the clearance off the frame's sides."""
        bottom, gutter = self.stage.main.bottom, self.theme.space.l
        return (
            Region("case a", -self.edge, -gutter / 2, bottom, self.top),
            Region("case b", gutter / 2, self.edge, bottom, self.top),
        )

    def wide_region(self) -> Region:
        """The first case alone: its pieces spread across the frame, centred."""
        bottom = self.stage.main.bottom
        whole = Region("case a alone", -self.edge, self.edge, bottom, self.top)
        probe = self.picture(self.cases[0], whole, WIDE_STRIP)
        margin = (whole.width - VGroup(*probe.pieces()).width) / 2
        return Region("case a alone", -self.edge + margin, self.edge - margin, bottom, self.top)

    def picture(
        self,
        case: Case,
        region: Region,
        strip_width: float,
        inward: np.ndarray = RIGHT,
        units: bool = True,
    ) -> CasePicture:
        return CasePicture(
            case,
            region,
            unit=self.unit,
            strip_width=strip_width,
            scale=self.scale,
            inward=inward,
            units=units,
        )

    # -- beats ---------------------------------------------------------------------

    def prelude(self) -> None:
        # The two coins first stand large in the middle; the first case then takes them.
        a = self.a
        pairs = [
            VGroup(chart, caption) for chart, caption in zip(a.charts[:2], a.captions, strict=True)
        ]
        self.homes = [pair.get_center() for pair in pairs]
        row = VGroup(*(pair.copy().scale(PRELUDE_SCALE) for pair in pairs))
        self.stage.main.place(row.arrange(RIGHT, buff=self.theme.space.xl, aligned_edge=DOWN))
        for pair, spot in zip(pairs, row, strict=True):
            pair.scale(PRELUDE_SCALE).move_to(spot)
        self.play(
            LaggedStart(
                *(
                    AnimationGroup(
                        Create(chart.baseline),
                        FadeIn(chart.labels),
                        GrowFromEdge(chart.bars, DOWN),
                        FadeIn(chart.values, shift=0.1 * UP),
                        FadeIn(caption),
                    )
                    for chart, caption in zip(a.charts[:2], a.captions, strict=True)
                ),
                lag_ratio=0.5,
            ),
            run_time=1.6,
        )
        self.prelude_pairs = pairs

    def first_case(self) -> None:
        a, unit, color = self.a, self.unit, self.theme.color
        strip = a.strip
        tails = a.case.p.outcomes.index("tails")
        s_tail = float(strip.heights[tails])
        with self.beat("believed-rigged"):
            line = self.say(
                "A fair coin, believed to land heads with probability "
                f"{format_value(self.params.rigged_heads, 2)}."
            )
            play_in_turn(
                self,
                line.duration,
                AnimationGroup(
                    FadeIn(a.heading, shift=0.2 * DOWN),
                    *(
                        pair.animate.scale(1 / PRELUDE_SCALE).move_to(home)
                        for pair, home in zip(self.prelude_pairs, self.homes, strict=True)
                    ),
                ),
                # Made when its turn comes, round the chart where it has moved to.
                lambda: Circumscribe(
                    VGroup(a.q_chart.bars[0], a.q_chart.values[0]), color=color.highlight
                ),
            )
            line = self.say(
                f"Every tail costs this model {format_value(s_tail, 2)} "
                f"{unit_word(unit, s_tail)}: {format_value(strip.average)} on average."
            )
            play_in_turn(
                self,
                line.duration,
                AnimationGroup(Create(strip.baseline), FadeIn(strip.labels)),
                LaggedStart(
                    *(
                        AnimationGroup(GrowFromEdge(block, DOWN), FadeIn(cost, shift=UP / 8))
                        for block, cost in zip(strip.blocks, a.costs, strict=True)
                    ),
                    lag_ratio=0.6,
                ),
                TransformFromCopy(strip.blocks, a.level),
                AnimationGroup(Create(a.average), FadeIn(a.cross_entropy, shift=LEFT / 8)),
            )
            self.floor_and_extra(a, "Its floor, its entropy, is")
            self.show("extent", _extent(self.mobjects))

    def floor_and_extra(self, picture: CasePicture, floor: str) -> None:
        """Say and draw the floor H(p) and the model's extra cost above it."""
        strip, unit = picture.strip, self.unit
        line = self.say(
            f"{floor} {format_value(strip.floor)} {unit_word(unit, strip.floor)}; "
            f"the model adds {format_value(strip.extra)}."
        )
        play_in_turn(
            self,
            line.duration,
            AnimationGroup(Create(picture.floor), FadeIn(picture.entropy, shift=LEFT / 8)),
            AnimationGroup(
                GrowFromEdge(picture.extra, DOWN),
                FadeIn(picture.extra_readout, shift=LEFT / 8),
            ),
        )

    def swap(self) -> None:
        unit = self.unit
        left, right = self.halves()
        a = self.picture(self.cases[0], left, SIDE_STRIP, units=False)
        b = self.picture(self.cases[1], right, SIDE_STRIP, inward=LEFT, units=False)
        wide = self.a
        # b starts as a copy of a's coins in the right half, the mirror image of a.
        start = self.picture(self.cases[0], right, SIDE_STRIP, inward=LEFT, units=False)
        park = (start.p_chart.width + self.theme.space.l) * LEFT
        # Side by side the read-outs go without their unit (the verdict names it): the
        # units leave on their own, so each label and number morphs into its own kind.
        units = VGroup(*(r.unit_text for r in wide.readouts if r.unit_text is not None))
        for readout in wide.readouts:
            readout.remove(readout.unit_text)
        with self.beat("believed-fair"):
            line = self.say("Now swap belief and reality: a rigged coin, believed fair.")
            play_in_turn(
                self,
                max(line.duration, SWAP_TIME),
                # The first case makes room: into the left half, its strip narrowed.
                AnimationGroup(
                    *(
                        Transform(old, new)
                        for old, new in zip(wide.pieces(), a.pieces(), strict=True)
                    ),
                    Transform(wide.heading, a.heading),
                    FadeOut(units),
                ),
                (FadeIn(start.charts, shift=LEFT / 2), FadeIn(b.heading, shift=0.2 * DOWN)),
                # The two coins trade places, through the empty room beside them: the fair
                # one steps aside, the rigged one rises to reality's place, and the fair
                # one comes round into the belief's. The captions name the places: they
                # stand aside while the coins pass through, and name them again after.
                (start.p_chart.animate.shift(park), FadeOut(start.captions)),
                ReplacementTransform(start.q_chart, b.p_chart),
                ReplacementTransform(start.p_chart, b.q_chart, path_arc=PI / 2),
                FadeIn(b.captions),
            )
            strip = b.strip
            cost = float(strip.heights[0])
            line = self.say(
                f"Every flip costs {format_value(cost, 2)} {unit_word(unit, cost)}: "
                f"{format_value(strip.average)} on average."
            )
            play_in_turn(
                self,
                line.duration,
                # The same strip as before, which reshapes: widths the new p, heights
                # log 1/(new q).
                FadeIn(start.strip, shift=LEFT / 2),
                ReplacementTransform(start.strip, strip),
                FadeIn(b.costs, shift=UP / 8),
                TransformFromCopy(strip.blocks, b.level),
                AnimationGroup(Create(b.average), FadeIn(b.cross_entropy, shift=RIGHT / 8)),
            )
            self.floor_and_extra(b, "Its floor is lower,")
        self.b = b  # the first case's pieces now stand where the left half's picture put them

    def comparison(self) -> VGroup:
        """The verdict's picture, in the middle above both cases' read-outs: the two extra
        costs side by side on one baseline, on the strips' scale, each under its number
        and over the name of its case, with "more than" between them."""
        a, b, space, color = self.a, self.b, self.theme.space, self.theme.color
        numbers = VGroup(
            *(
                Readout(
                    None,
                    it.kl_divergence(case.p, case.q, unit=self.unit),
                    unit=self.unit,
                    key=f"verdict.{case.key}",
                    color="kl",
                    size=VERDICT_SIZE,
                )
                for case in self.cases
            )
        ).arrange(RIGHT, buff=space.xl)
        bars = VGroup(
            *(
                Rectangle(
                    width=VERDICT_BAR,
                    height=picture.extra.height,
                    fill_color=color.kl,
                    fill_opacity=0.9,
                    stroke_width=0,
                )
                for picture in (a, b)
            )
        )
        names = VGroup(*(Txt(_belief(case), NAME_SIZE, "muted") for case in self.cases))
        # Bars on a common baseline, each number over its bar and its name under it.
        for bar, number, name in zip(bars, numbers, names, strict=True):
            bar.move_to([number.get_x(), 0, 0], aligned_edge=DOWN)
            number.next_to(bar, UP, buff=space.xs)
            name.next_to([number.get_x(), 0, 0], DOWN, buff=space.xs)
        base_y = 0.0
        baseline = Line(
            [bars[0].get_left()[0] - space.m, base_y, 0],
            [bars[1].get_right()[0] + space.m, base_y, 0],
            color=color.muted,
            stroke_width=2,
        )
        more = Formula(">", size="heading", color="text")
        more.move_to([baseline.get_x(), base_y + min(bar.height for bar in bars) / 2, 0])
        group = VGroup(baseline, bars, numbers, names, more)
        # In the gap between the first case's strip and the second case's coins, up
        # against the banner's edge (the takeaway is shown over the picture, not over it),
        # above both cases' read-outs.
        gap_left = a.strip.get_right()[0] + space.m
        gap_right = b.p_chart.get_left()[0] - space.m
        group.move_to([(gap_left + gap_right) / 2, self.top, 0], aligned_edge=UP)
        # How far it stays above the read-outs (the tests want room there).
        self.show(
            "verdict_clear", group.get_bottom()[1] - VGroup(a.readouts, b.readouts).get_top()[1]
        )
        return group

    def verdict(self) -> None:
        a, b, color = self.a, self.b, self.theme.color
        tails = a.case.p.outcomes.index("tails")
        s_tail = float(a.strip.heights[tails])
        with self.beat("verdict"):
            baseline, bars, numbers, names, more = self.comparison()
            line = self.say(
                "Above each floor, the first model still adds more: "
                f"{format_value(a.strip.extra)} against {format_value(b.strip.extra)}."
            )
            # The two extra costs lift off their floors and meet in the middle on one
            # baseline; their numbers follow them up; "more than" and the names of the
            # cases land as the two numbers are said.
            play_in_turn(
                self,
                line.duration,
                (
                    Create(baseline),
                    TransformFromCopy(a.extra, bars[0]),
                    TransformFromCopy(b.extra, bars[1]),
                ),
                (
                    *(
                        TransformFromCopy(picture.extra_readout.number, number.number)
                        for picture, number in zip((a, b), numbers, strict=True)
                    ),
                    *(FadeIn(number.unit_text) for number in numbers),
                ),
                # The names come once the numbers have flown past where they stand.
                (FadeIn(more, scale=0.5), FadeIn(names, shift=UP / 8)),
            )
            self.show("verdict", (names, numbers))
            self.add(*numbers)  # whole, where their pieces have landed
            self.costlier = VGroup(bars[0], numbers[0])  # the finale points at it again
            self.show("compared", bars)
            # The tails block flashes as "pays heavily" is heard: the sentence opens with it.
            line = self.say(
                "It pays heavily: a common outcome, called rare, costs "
                f"{format_value(s_tail, 2)} {unit_word(self.unit, s_tail)} every time."
            )
            self.show("flash_at", self.time)
            block, cost = a.strip.blocks[tails], a.costs[tails]
            # The outline stays: the verdict ends pointing at the block that costs most.
            # Snug: the neighbouring block's read-out stands close by.
            outline = SurroundingRectangle(
                VGroup(block, cost), color=color.highlight, buff=self.theme.space.xs / 2
            )
            self.play(
                Indicate(block, color=block.get_fill_color(), scale_factor=1.06),
                Indicate(cost, color=cost.number.get_fill_color(), scale_factor=1.3),
                Create(outline),
                run_time=min(1.5, line.duration),
            )
            self.show("outlined", VGroup(block, cost))
            self.show("extent", _extent(self.mobjects))
        self.outline = outline

    def finale(self) -> None:
        """While the takeaway is said, the costly block pulses in its own colour, then
        the larger of the two extra costs: mistaking common for rare costs most."""
        a = self.a
        tails = a.case.p.outcomes.index("tails")
        block = a.strip.blocks[tails]
        said = max(self.narrator.free_at - self.time, 2.0)
        play_in_turn(
            self,
            said,
            (pulse(block, 1.05), pulse(self.outline, 1.05)),
            pulse(self.costlier),
        )


def _belief(case: Case) -> str:
    """The short name of a case at the verdict: what the model believed."""
    return case.title.split(", ")[1]


def _extent(mobjects) -> tuple[float, float, float, float]:
    """Left, right, bottom and top of everything drawn (for the clearance test)."""
    points = np.concatenate([m.get_all_points() for m in mobjects if m.get_all_points().size])
    return (
        float(points[:, 0].min()),
        float(points[:, 0].max()),
        float(points[:, 1].min()),
        float(points[:, 1].max()),
    )
