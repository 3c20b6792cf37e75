"""Part 6: entropy is average surprise.

It opens on part 5's last picture, the surprise curve, and turns its heights into
blocks: the coin's one-bit bar at p = 1/2 widens into the fair coin's two blocks, each
p wide and log 1/p tall. A thick coin that can land on its edge gets its blocks from
the curve too. The blocks' total area is the sum of p log 1/p; poured level, its
height is the entropy (1 bit against 1.369). A slider on the fair coin's chance of
heads reshapes its blocks while the level traces the binary-entropy curve, highest
at even odds; last, even odds over more outcomes give log n, and favouring one
outcome lowers the level.
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
    ExplainerScene,
    Formula,
    Readout,
    Region,
    SceneParams,
    Txt,
    current_theme,
    format_value,
    log_symbol,
    nice_ticks,
    room_below_banner,
    unit_word,
)
from scenes.kit.checks import is_number
from scenes.parts.p05_surprise_formula import (
    FormulaPicture,
    Layout,
    SurpriseFormulaParams,
    formula_picture,
)

COINS = ("fair", "thick")
COIN_ICON_RADIUS = 0.28
THICK_RIM = 0.35  # the thick coin's rim, as a share of its radius
KNOB_SIZE = 0.22  # the slider's knob under the fair coin's strip
LEVEL_STROKE = 6  # the entropy's level line over a strip
SPREAD_READOUT_GAP = 0.12  # between a mini strip's two read-outs


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
    # The slider visits these chances of heads, then comes back to the fair coin.
    heads_stops: tuple[float, ...] = (0.15, 0.85)
    # The last beat: uniform distributions over this many outcomes ...
    outcome_counts: tuple[int, ...] = (2, 3, 4, 6)
    # ... against peaked ones over the same outcomes, the favourite taking this share.
    peak: float = 0.7

    def __post_init__(self) -> None:
        super().__post_init__()
        stops = self.heads_stops
        if (
            not isinstance(stops, tuple)
            or not 1 <= len(stops) <= 3
            or not all(is_number(x) and 0.1 <= x <= 0.9 for x in stops)
        ):
            raise ValueError(
                f"heads_stops must be 1 to 3 chances of heads from 0.1 to 0.9, not {stops!r}"
            )
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


def coin_flip(p_heads: float) -> it.Distribution:
    return it.categorical(["heads", "tails"], [p_heads, 1.0 - p_heads])


@dataclass
class CoinStrip:
    """One coin's picture: its blocks on a baseline (an :class:`AverageStrip`), the
    outcomes under them, braces giving each block's width p, each block's height (its
    surprise) over it, the sum of p times surprise under it all, and a title."""

    name: str
    strip: AverageStrip
    heights: VGroup  # read-outs over the blocks
    braces: VGroup  # one brace per block, with p under it
    terms: VGroup  # [the sum's terms, one per block; "= its value" under them]
    title: VGroup  # [coin icon, words]
    level: Readout  # the entropy over the levelled bar

    def pieces_below(self) -> VGroup:
        return VGroup(self.strip.labels, self.braces, self.terms)


def coin_strip(name: str, dist, width: float, unit_height: float, unit: str) -> CoinStrip:
    """Built with the strip's baseline starting at the origin."""
    theme = current_theme()
    space = theme.space
    strip = AverageStrip(dist, unit=unit, width=width, unit_height=unit_height, overhang=0)
    strip.shift(-strip.baseline.get_left())
    heights = strip.block_readouts(decimals=3, key=f"S.{name}")
    braces = VGroup()
    for outcome, block, p in zip(strip.outcomes, strip.blocks, strip.p, strict=True):
        inset = min(space.xs / 2, block.width / 8)
        span = Line(block.get_corner(DL) + inset * RIGHT, block.get_corner(DR) + inset * LEFT)
        brace = Brace(span, DOWN, buff=0).set_color(theme.color.muted)
        value = Readout(
            None, p, unit=None, decimals=2, key=f"p.{name}[{outcome}]", color="p", size="small"
        )
        value.next_to(brace, DOWN, buff=space.xs)
        braces.add(VGroup(brace, value))
    braces.next_to(strip.labels, DOWN, buff=space.s)
    entropy = float(strip.average)
    surprise = it.surprisal(strip.p, unit=unit)
    # One small formula per block, "p · surprise", with the plus sign before it.
    pieces = VGroup()
    for i, (p, s) in enumerate(zip(strip.p, surprise, strict=True)):
        term = Formula(
            f"{{{{ {format_value(p, 2)} : p }}}} dot {{{{ {format_value(s)} : surprise }}}}",
            "label",
        )
        piece = VGroup(Formula("+", "label"), term) if i else VGroup(term)
        pieces.add(piece.arrange(RIGHT, buff=space.s))
    pieces.arrange(RIGHT, buff=space.s)
    equals = Formula("=", "label")
    total = Readout(None, entropy, unit=unit, key=f"sum.{name}", color="entropy", size="label")
    result = VGroup(equals, total).arrange(RIGHT, buff=space.s)
    total.align_to(equals, DOWN)
    terms = VGroup(pieces, result).arrange(DOWN, buff=space.s)
    terms.next_to(braces, DOWN, buff=space.m).set_x(strip.baseline.get_center()[0])
    words = {"fair": "fair coin", "thick": "thick coin"}[name]
    icon = Coin("heads", radius=COIN_ICON_RADIUS, thickness=THICK_RIM if name == "thick" else 0.12)
    title = VGroup(icon, Txt(words, "body")).arrange(RIGHT, buff=space.s)
    level = Readout("H", entropy, unit=unit, key=f"H.{name}", color="entropy", size="body")
    return CoinStrip(name, strip, heights, braces, terms, title, level)


class Entropy(ExplainerScene):
    Params = EntropyParams
    hook = "How uncertain is a coin toss, on average?"
    takeaway = "Entropy is average surprise: each surprise weighed by its chance."

    def takeaway_formula(self) -> str:
        log = log_symbol(self.unit)
        return (
            f"{{{{ H(p) : entropy }}}} = sum_x {{{{ p(x) : p }}}} {{{{ {log} 1/p(x) : surprise }}}}"
        )

    def setup(self) -> None:
        super().setup()
        params: EntropyParams = self.params
        self.dists = {"fair": it.fair_coin(), "thick": it.thick_coin(edge=params.thick_coin.edge)}
        self.entropy = {n: float(it.entropy(d, unit=self.unit)) for n, d in self.dists.items()}
        self.picture: FormulaPicture = formula_picture(
            SurpriseFormulaParams(unit=self.unit), self.stage, self.theme
        )
        plot = self.picture.plot
        # Part 5's two columns: the fair coin takes the formulas' place, left of the
        # curve, so it never crosses the curve's labels; the thick coin gets the curve's.
        layout = Layout.of(self.stage)
        self.columns = {"fair": layout.ledger, "thick": layout.plot}
        # On the curve a chance of 1 spans its p axis; off it, a coin's strip fills the
        # narrower column, less a margin for the braces of narrow blocks.
        self.p_width = plot.c2p(1, 0)[0] - plot.c2p(0, 0)[0]
        self.strip_width = layout.ledger.width - 2 * self.theme.space.s
        self.baseline, self.unit_height = self.strip_scale()
        self.coins = {
            n: coin_strip(n, d, self.strip_width, self.unit_height, self.unit)
            for n, d in self.dists.items()
        }

    def strip_scale(self) -> tuple[float, float]:
        """The coins' baseline (room under it for outcomes, braces and sums) and the
        height of one unit, so the tallest block the scene draws, the slider's
        included, fits under the titles."""
        main, space, unit = self.stage.main, self.theme.space, self.unit
        probe = coin_strip("thick", self.dists["thick"], self.strip_width, 1.0, unit)
        below = probe.strip.baseline.get_y() - probe.pieces_below().get_bottom()[1]
        baseline = main.bottom + below + space.s
        top = main.top - space.s - probe.title.height - space.m - probe.heights[0].height - space.s
        slider = [min(self.params.heads_stops), 1 - max(self.params.heads_stops)]
        tallest = max(
            float(np.max(it.surprisal(self.dists["thick"].probs, unit=unit))),
            float(np.max(it.surprisal(slider, unit=unit))),
        )
        return baseline, (top - baseline) / tallest

    # -- the storyboard ----------------------------------------------------------------

    def prelude(self) -> None:
        """Part 5's last picture; its coin bar at p = 1/2 widens into the fair coin's blocks."""
        picture, plot = self.picture, self.picture.plot
        self.play(Wait(), run_time=0.6)  # the title makes way first
        self.play(FadeIn(picture.group()), run_time=1.0)
        self.show("carried", picture.boxes())
        fair_strip = self.on_plot("fair")
        bar = picture.stacks["coin"].blocks[0]
        leaving = [
            *picture.ledger.rows.values(),
            picture.stacks["die"].blocks,
            picture.stacks["both"].blocks,
            picture.icons["die"],
            plot.drops,
            plot.dot,
            plot.readout,
        ]
        self.play(
            *(FadeOut(m, shift=0.3 * LEFT) for m in leaving),
            ReplacementTransform(bar, fair_strip.blocks[0]),
            TransformFromCopy(bar, fair_strip.blocks[1]),
            run_time=1.6,
        )
        self.fair_on_plot = fair_strip
        self.show("fair on the curve", fair_strip.copy())

    def body(self) -> None:
        self.coins_beat()
        self.level()
        self.binary()
        self.spread()

    # -- the beats ---------------------------------------------------------------------

    def coins_beat(self) -> None:
        fair, thick = self.coins["fair"], self.coins["thick"]
        picture, plot = self.picture, self.picture.plot
        edge_p = self.dists["thick"].probability("edge")
        for coin in (fair, thick):
            self.place(coin, self.columns[coin.name], self.baseline)
        with self.beat("coins"):
            line = self.say("Each outcome gets a block: p wide, its surprise tall.")
            self.play(
                Succession(
                    AnimationGroup(
                        ReplacementTransform(self.fair_on_plot.blocks, fair.strip.blocks),
                        FadeIn(fair.strip.baseline, fair.strip.labels),
                        ReplacementTransform(picture.icons["coin"], fair.title[0]),
                        FadeIn(fair.title[1]),
                        run_time=1.4,
                    ),
                    AnimationGroup(
                        LaggedStart(*(GrowFromCenter(b) for b in fair.braces), lag_ratio=0.4),
                        FadeIn(fair.heights, shift=0.1 * UP),
                        run_time=1.2,
                    ),
                ),
                run_time=max(line.duration, 2.6),
            )
            line = self.say(
                f"A thick coin can also land on its edge, with p = {format_value(edge_p, 2)}."
            )
            on_plot = self.on_plot("thick")
            self.show("thick on the curve", on_plot.copy())
            marks = self.heights_from_curve(on_plot)
            plot_parts = [plot.axes, plot.ticks, plot.tick_labels, plot.x_label, plot.y_label]
            self.play(
                Succession(
                    AnimationGroup(FadeIn(thick.title), FadeIn(marks), run_time=0.8),
                    AnimationGroup(
                        thick.title[0].flip_to("edge", turns=3, run_time=1.2),
                        LaggedStart(
                            *(GrowFromEdge(b, DOWN) for b in on_plot.blocks), lag_ratio=0.3
                        ),
                        run_time=1.2,
                    ),
                    AnimationGroup(
                        ReplacementTransform(on_plot.blocks, thick.strip.blocks),
                        *(FadeOut(m) for m in (*plot_parts, plot.curve, marks)),
                        FadeIn(thick.strip.baseline, thick.strip.labels),
                        run_time=1.3,
                    ),
                    AnimationGroup(
                        LaggedStart(*(GrowFromCenter(b) for b in thick.braces), lag_ratio=0.3),
                        FadeIn(thick.heights, shift=0.1 * UP),
                        run_time=1.2,
                    ),
                ),
                run_time=max(line.duration, 4.5),
            )

    def level(self) -> None:
        coins, entropy, unit = self.coins, self.entropy, self.unit
        fair, thick = coins["fair"], coins["thick"]
        self.formula = self.stage.header.fit(Formula(self.takeaway_formula(), "body"))
        with self.beat("level"):
            line = self.say("Entropy weighs each surprise by its chance: add up the blocks' areas.")
            self.play(
                Write(self.formula),
                *(
                    LaggedStart(
                        *(
                            AnimationGroup(
                                Circumscribe(
                                    block,
                                    color=self.theme.color.highlight,
                                    fade_in=True,
                                    fade_out=True,
                                ),
                                FadeIn(term, shift=0.1 * UP),
                            )
                            for block, term in zip(c.strip.blocks, c.terms[0], strict=True)
                        ),
                        lag_ratio=0.6,
                    )
                    for c in (fair, thick)
                ),
                run_time=max(line.duration, 2.4),
            )
            line = self.say("Pour the blocks level.")
            # The area stays surprise's colour; entropy is the level it reaches.
            pours = [c.strip.pour(recolor=False) for c in (fair, thick)]
            self.show("pour", (line, self.time))
            self.play(
                *pours,
                *(FadeOut(c.heights) for c in (fair, thick)),
                run_time=max(line.duration, 2.0),
            )
            levels = {c.name: self.level_line(c.strip) for c in (fair, thick)}
            for c in (fair, thick):
                c.level.next_to(c.strip.levelled, UP, buff=self.theme.space.s)
            fair_line = DashedLine(
                fair.strip.levelled.get_corner(UR),
                [thick.strip.baseline.get_right()[0], fair.strip.levelled.get_top()[1], 0],
                color=self.theme.color.muted,
                stroke_width=2,
            )
            h_fair, h_thick = entropy["fair"], entropy["thick"]
            edge = "adds" if h_thick > h_fair else "removes"
            for c, words in (
                (
                    fair,
                    f"The fair coin levels at {format_value(h_fair)} {unit_word(unit, h_fair)}.",
                ),
                (thick, f"The thick coin at {format_value(h_thick)}: its edge {edge} uncertainty."),
            ):
                line = self.say(words)
                self.show(f"level {c.name}", (line, c.level))
                self.show(f"sum {c.name}", c.terms)
                extra = [Create(fair_line)] if c is thick else []
                self.play(
                    Create(levels[c.name]),
                    FadeIn(c.level, shift=0.15 * UP),
                    FadeIn(c.terms[1:], shift=0.15 * LEFT),
                    *extra,
                    run_time=max(line.duration, 1.2),
                )
            self.fair_line, self.levels = fair_line, levels
            self.show("levelled", {c.name: c.strip.levelled for c in (fair, thick)})

    def binary(self) -> None:
        params: EntropyParams = self.params
        fair, thick, unit = self.coins["fair"], self.coins["thick"], self.unit
        space = self.theme.space
        x, h = it.binary_entropy_curve(unit=unit)
        peak_x, peak = float(x[int(np.argmax(h))]), float(h.max())
        # The fair coin steps down to a lower baseline, so the curve beside it stands tall.
        baseline = self.stage.main.bottom + space.xl
        plot = self.binary_plot(x, h, baseline)
        live = coin_strip("fair", coin_flip(0.5), self.strip_width, self.unit_height, unit).strip
        start = fair.strip.baseline.get_left()
        live.shift([start[0], baseline, 0] - live.baseline.get_left())
        level = self.level_line(live)
        knob = Triangle(fill_opacity=1, stroke_width=0).set_fill(self.theme.color.p)
        knob.scale_to_fit_height(KNOB_SIZE).next_to(live.baseline.get_center(), DOWN, buff=0)
        tracker = plot.add_tracker(
            lambda v: float(it.binary_entropy(v, unit=unit)),
            0.5,
            label="H",
            key="binary",
            unit=unit,
            role="entropy",
            x_label='p("heads")',
            x_role="p",
            snap=True,
        )
        plot.readout.next_to(plot.axes, UP, buff=space.m).align_to(plot.axes, RIGHT)
        trace = TracedPath(
            plot.dot.get_center, stroke_color=self.theme.color.entropy, stroke_width=5
        )
        base = live.baseline
        thick_parts = VGroup(
            thick.strip,
            thick.strip.levelled,
            thick.braces,
            thick.terms,
            thick.title,
            thick.level,
            self.levels["thick"],
            self.fair_line,
        )
        with self.beat("binary"):
            line = self.say(
                "Back to two sides: slide the chance of heads, and the level traces a curve."
            )
            self.play(
                FadeOut(thick_parts, shift=RIGHT),
                FadeOut(self.formula, shift=0.3 * UP),
                FadeOut(fair.braces, fair.terms, fair.level, fair.strip.labels),
                ReplacementTransform(fair.strip.levelled, live.blocks),
                ReplacementTransform(fair.strip.baseline, live.baseline),
                FadeIn(live.labels, knob),
                ReplacementTransform(self.levels["fair"], level),
                Create(plot.axes),
                FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label),
                FadeIn(plot.dot, plot.drops, plot.readout),
                run_time=1.2,
            )
            self.remove(live.blocks, live.baseline, live.labels)
            self.add(live, trace)

            # The blocks follow the slider, and the level and the knob follow the blocks.
            def follow(strip: AverageStrip) -> None:
                strip.set_probs(coin_flip(tracker.get_value()))
                level.set_y(base.get_y() + strip.average * self.unit_height)
                knob.set_x(base.get_left()[0] + tracker.get_value() * self.strip_width)

            live.add_updater(follow)
            stops = params.heads_stops
            slide = max(line.duration - 1.2, 1.5 * len(stops)) / len(stops)
            for stop in stops:
                self.play(plot.track_to(stop), run_time=slide)
                self.show(
                    f"slider at {stop}", (live.copy(), level.get_y(), *self.dot_readouts(plot))
                )
            line = self.say(
                f"It peaks at even odds, {format_value(peak)} {unit_word(unit, peak)}: "
                "a fair coin is the hardest to call."
            )
            mark = plot.mark(peak_x, peak)
            self.play(
                Succession(
                    plot.track_to(peak_x, run_time=1.4),
                    AnimationGroup(FadeIn(plot.curve), FadeIn(mark), run_time=1.0),
                ),
                run_time=max(line.duration, 2.4),
            )
            live.clear_updaters()
            self.remove(trace)
            self.live, self.slider_level, self.knob = live, level, knob
            self.binary_parts = VGroup(plot, mark)
            self.show("peak", (peak_x, peak))

    def spread(self) -> None:
        params: EntropyParams = self.params
        unit, space, log = self.unit, self.theme.space, log_symbol(self.unit)
        counts = params.outcome_counts
        even = [it.uniform([str(k) for k in range(1, n + 1)]) for n in counts]
        spiky = [peaked(n, params.peak) for n in counts]
        # The last picture stays whole under the takeaway banner.
        room = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula())
        # Inset from the frame's sides: the last strip's blocks never graze the edge.
        inner = Region("minis", room.left + space.l, room.right - space.l, room.bottom, room.top)
        columns = inner.split(len(counts), gutter=space.xl)
        readouts = []
        for n, dist in zip(counts, even, strict=True):
            h = float(it.entropy(dist, unit=unit))
            r_even = Readout(
                f"{log} {n}", h, unit=unit, key=f"H.uniform{n}", color="entropy", size="label"
            )
            r_peak = Readout("H", h, unit=unit, key=f"H.peaked{n}", color="entropy", size="label")
            readouts.append(VGroup(r_even, r_peak).arrange(DOWN, buff=space.xs, aligned_edge=LEFT))
        under = max(r.height for r in readouts) + space.m
        # One scale for every mini strip: the tallest block of any, peaked or even, fits.
        tallest = max(float(np.max(it.surprisal(d.probs, unit=unit))) for d in (*even, *spiky))
        unit_height = (room.height - under - space.s) / tallest
        minis, lines = [], []
        for dist, column, pair in zip(even, columns, readouts, strict=True):
            mini = AverageStrip(
                dist, unit=unit, width=column.width, unit_height=unit_height, overhang=0
            )
            mini.remove(mini.labels)  # too narrow to name; their widths say enough
            mini.shift([column.center[0], room.bottom + under, 0] - mini.baseline.get_center())
            pair.next_to(mini.baseline, DOWN, buff=space.m)
            minis.append(mini)
            lines.append(self.level_line(mini))
        evens = VGroup(*(pair[0] for pair in readouts))
        peaks = VGroup(*(pair[1] for pair in readouts))
        heading = Formula(
            f'"even odds over" n "outcomes:" quad {{{{ H : entropy }}}} = {log} n', "body"
        )
        heading_peaked = Formula(
            f'"one outcome takes" {{{{ {format_value(params.peak, 2)} : p }}}} "of the odds:" '
            f"quad {{{{ H : entropy }}}} < {log} n",
            "body",
        )
        # The heading names the beat at the top; the banner takes its place at the end.
        for h in (heading, heading_peaked):
            self.stage.header.place(h)
        first = minis[0]
        fair = self.coins["fair"]
        with self.beat("spread"):
            line = self.say("With even odds over n outcomes, the blocks stand level at log n.")
            carried = (
                [ReplacementTransform(self.live.blocks, first.blocks)]
                if counts[0] == 2
                else [FadeOut(self.live.blocks), GrowFromEdge(first.blocks, DOWN)]
            )
            self.play(
                Succession(
                    AnimationGroup(
                        *carried,
                        ReplacementTransform(self.live.baseline, first.baseline),
                        ReplacementTransform(self.slider_level, lines[0]),
                        FadeOut(self.live.labels, self.knob, fair.title),
                        FadeOut(self.binary_parts, shift=RIGHT),
                        FadeIn(heading, shift=0.2 * DOWN),
                        FadeIn(evens[0]),
                        run_time=1.2,
                    ),
                    LaggedStart(
                        *(
                            AnimationGroup(
                                FadeIn(mini.baseline),
                                GrowFromEdge(mini.blocks, DOWN),
                                Create(level),
                                FadeIn(r),
                            )
                            for mini, level, r in zip(minis[1:], lines[1:], evens[1:], strict=True)
                        ),
                        lag_ratio=0.7,
                        run_time=2.0,
                    ),
                ),
                run_time=max(line.duration, 3.2),
            )
            even_line = line
            line = self.say("Favour one outcome, and the level drops.")
            self.show("spread", (even_line, line, self.time))
            self.play(
                FadeOut(heading, shift=0.2 * UP),
                FadeIn(heading_peaked, shift=0.2 * UP),
                *(FadeIn(r, shift=0.1 * DOWN) for r in peaks),
                *(r.animate.set_opacity(0.5) for r in evens),
                run_time=0.6,
            )
            # Each level and read-out follows its strip's average, frame by frame.
            for mini, level, r in zip(minis, lines, peaks, strict=True):
                level.add_updater(
                    lambda m, s=mini: m.set_y(s.baseline.get_y() + s.average * unit_height)
                )
                r.track(lambda s=mini: s.average)
            self.play(
                *(m.morph_to(d) for m, d in zip(minis, spiky, strict=True)),
                run_time=max(line.duration - 0.6, 1.6),
            )
            for level, r in zip(lines, peaks, strict=True):
                level.clear_updaters()
                r.untrack()
            self.spread_levels = lines
            self.show("minis", minis)

    def finale(self) -> None:
        """While the takeaway is said, each strip's level swells in turn: its average."""
        self.play(
            LaggedStart(
                *(
                    level.animate(rate_func=there_and_back).set_stroke(width=2 * LEVEL_STROKE)
                    for level in self.spread_levels
                ),
                lag_ratio=0.5,
            ),
            run_time=max(self.narrator.free_at - self.time, 2.0),
        )

    # -- helpers -----------------------------------------------------------------------

    @staticmethod
    def level_line(strip: AverageStrip) -> VMobject:
        """The entropy's level over a strip, bold enough to read at 480p."""
        return strip.average_line().set_stroke(width=LEVEL_STROKE)

    @staticmethod
    def dot_readouts(plot: CurvePlot) -> tuple[tuple[float, str], tuple[float, str]]:
        """What the slider's read-outs say now: (value, as shown) for p(heads) and for H."""
        return tuple((r.value, r.shown) for r in plot.readout)

    def heights_from_curve(self, strip: AverageStrip) -> VGroup:
        """For each block of ``strip`` (drawn on the curve's axes): a dot on the curve at
        its p, a drop to the p axis, and a dashed line carrying the curve's height across
        to the block's top."""
        plot, theme = self.picture.plot, self.theme
        marks = VGroup()
        for block, p in zip(strip.blocks, strip.p, strict=True):
            point = plot.c2p(p, plot.surprise(p))
            ends = (block.get_corner(UL), block.get_corner(UR))
            far = max(ends, key=lambda end: abs(end[0] - point[0]))
            marks.add(
                DashedLine(plot.c2p(p, 0), point, color=theme.color.muted, stroke_width=2),
                DashedLine(point, far, color=theme.color.surprise, stroke_width=2),
                Dot(point, radius=0.07, color=theme.color.highlight).set_z_index(2),
            )
        return marks

    def on_plot(self, name: str) -> AverageStrip:
        """A coin's blocks drawn on the surprise curve's axes: p along, log 1/p up."""
        plot = self.picture.plot
        unit_height = plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1]
        strip = AverageStrip(
            self.dists[name],
            unit=self.unit,
            width=self.p_width,
            unit_height=unit_height,
            overhang=0,
        )
        return strip.shift(plot.c2p(0, 0) - strip.baseline.get_left())

    def place(self, coin: CoinStrip, column: Region, baseline: float) -> None:
        """Centre a coin's strip in its column, its baseline at ``baseline``, its title on top."""
        group = VGroup(coin.strip, coin.heights, coin.braces, coin.terms)
        shift = np.array(
            [
                column.center[0] - coin.strip.baseline.get_center()[0],
                baseline - coin.strip.baseline.get_y(),
                0,
            ]
        )
        group.shift(shift)
        # A gap under the header band, where the entropy's formula comes in over the titles.
        top = self.stage.main.top - self.theme.space.s
        coin.title.move_to([column.center[0], top - coin.title.height / 2, 0])

    def binary_plot(self, x: np.ndarray, h: np.ndarray, baseline: float) -> CurvePlot:
        """The binary-entropy curve's axes in the thick coin's column, on the strip's ``baseline``
        and up to under its read-out (the curve itself is traced by the slider first)."""
        top = float(h.max())
        column, space = self.columns["thick"], self.theme.space
        plot = CurvePlot(
            x,
            h,
            x_range=(0, 1),
            y_range=(0, top * 1.15),
            x_ticks=(0.25, 0.5, 0.75, 1),
            y_ticks=nice_ticks(top),
            x_label='p("heads")',
            y_label="H",
            role="entropy",
            # Room either side for the tick labels and for the axis name, off the edge.
            width=column.width - 2 * space.xl - space.l,
            height=column.top - baseline - space.xl,
        )
        drawn = VGroup(plot.axes, plot.tick_labels, plot.x_label, plot.y_label)
        plot.shift([column.center[0] - drawn.get_center()[0], baseline - plot.c2p(0, 0)[1], 0])
        return plot
