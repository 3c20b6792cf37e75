"""Part 5: surprise is log(1/p).

It opens on part 4's last picture: the bits of three lucky calls on one ruler. Two
dice show the rule a measure of surprise must follow: chances multiply, so surprises
should add. Only a logarithm turns products into sums; the ruler swings up to become
the y-axis of the curve log 1/p, each call's bar standing at its p. Then the curve's
facts: a sure thing is worth nothing, each halving of the chance adds one bit, and a
coin's heads with a die's face is the die's bits plus the coin's one. Part 6 opens on
the last picture (:func:`formula_picture`) and turns the curve's heights into blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    ExplainerScene,
    Formula,
    QuantityBar,
    Region,
    SceneParams,
    Stage,
    SurprisePlot,
    current_theme,
    format_value,
    log_symbol,
    log_words,
    room_below_banner,
    unit_word,
)
from scenes.kit.checks import whole_number
from scenes.parts.p04_surprise import SurpriseParams, bits_board, maths_fraction, odds
from scenes.theme import Theme

STACK_WIDTH = 0.2  # a call's bar, standing at its p
ICON_SCALE = 0.95  # part 4's props beside their bars (the coin's H stays legible)
X_END = 1.08  # the p axis runs on past 1, so its label keeps clear of a dot at p = 1
PLOT_GAP = 0.5  # between the plot's axes and the edges of its half: tick labels, axis names
DOT_MOVE = 1.2  # seconds the dot takes between two stops
MAX_HALVINGS = 4  # a fifth halving's bar would stand on the y-axis
LEDGER_SHARE = 0.36  # of the stage's width: the formulas are narrow, the curve gets the rest


@dataclass(frozen=True)
class SurpriseFormulaParams(SceneParams):
    """Example values for part 5."""

    halvings: int = 3  # how many times the chance halves, starting from 1
    die_faces: int = 6  # the die of part 4; heads and its top face make the independent pair

    def __post_init__(self) -> None:
        super().__post_init__()
        whole_number("halvings", self.halvings, 1, MAX_HALVINGS)
        # Part 4's picture opens the scene, and its die prop has 4 to 6 faces.
        whole_number("die_faces", self.die_faces, 4, 6)


def board_params(params: SurpriseFormulaParams) -> SurpriseParams:
    """Part 4's parameters for the picture this scene opens on: its die, in our unit."""
    default = SurpriseParams()
    faces = params.die_faces
    return SurpriseParams(
        unit=params.unit,
        die_faces=faces,
        die_call=min(default.die_call, faces),
        double_face=min(default.double_face, faces),
    )


@dataclass(frozen=True)
class Numbers:
    """Every chance and surprise the scene shows, from infotheory."""

    unit: str
    p: dict[str, float]  # "coin", "die", "double" (part 4's calls) and "both" (coin and die)
    s: dict[str, float]
    halved: list[float]  # 1/2, 1/4, ...: the chances the halving visits
    face: str  # the die's face that goes with heads

    @classmethod
    def of(cls, params: SurpriseFormulaParams) -> Numbers:
        coin, die = it.fair_coin(), it.fair_die(params.die_faces)
        face = die.outcomes[-1]
        heads = coin.probability("heads")
        p_die = die.probability(face)
        # Independent events: the joint chance is the product of the two.
        joint = it.independent_joint(coin.probs, die.probs)
        p_both = float(joint[coin.outcomes.index("heads"), die.outcomes.index(face)])
        p = {"coin": heads, "die": p_die, "double": p_die * p_die, "both": p_both}
        s = {name: float(it.surprisal(v, unit=params.unit)) for name, v in p.items()}
        halved = [heads**k for k in range(1, params.halvings + 1)]
        return cls(params.unit, p, s, halved, face)

    def surprise(self, p: float) -> float:
        return float(it.surprisal(p, unit=self.unit))

    @property
    def top(self) -> int:
        """The plot's top: the largest surprise shown, rounded up (part 4's ruler too)."""
        shown = [*self.s.values(), self.surprise(self.halved[-1])]
        return math.ceil(max(shown) - 1e-9)


@dataclass(frozen=True)
class Layout:
    """Under the takeaway banner: the formulas on the left, the curve on the right."""

    ledger: Region
    plot: Region

    @classmethod
    def of(cls, stage: Stage) -> Layout:
        room = room_below_banner(stage, SurpriseFormula.takeaway)
        split = room.left + LEDGER_SHARE * room.width
        gutter = current_theme().space.l
        return cls(
            Region("ledger", room.left, split, room.bottom, room.top),
            Region("plot", split + gutter, room.right, room.bottom, room.top),
        )


def surprise_plot(numbers: Numbers, layout: Layout) -> SurprisePlot:
    region = layout.plot
    plot = SurprisePlot(
        unit=numbers.unit,
        y_max=numbers.top,
        width=region.width - 2 * PLOT_GAP,
        height=region.height - 2 * PLOT_GAP,
        x_end=X_END,
        label_gap=current_theme().space.s,  # clear of the dot when it sits on the axis at p = 1
    )
    region.fit(plot)
    return plot


def stack(plot: SurprisePlot, p: float, segments: list[float], key: str) -> QuantityBar:
    """A bar standing on the p axis at ``p``: its blocks (surprises) end on the curve."""
    unit_length = plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1]
    bar = QuantityBar(
        segments,
        total=plot.surprise(p),
        unit=plot.unit,
        direction="up",
        unit_length=unit_length,
        thickness=STACK_WIDTH,
        role="surprise",
        key=key,
        values=False,
    )
    return bar.shift(plot.c2p(p, 0) - bar.origin)


def icon(name: str, board_props: dict[str, VMobject], plot: SurprisePlot, p: float) -> VMobject:
    """Part 4's prop for call ``name``, small, up and right of its bar's top."""
    small = board_props[name].copy().scale(ICON_SCALE)
    return small.next_to(plot.c2p(p, plot.surprise(p)), UR, buff=current_theme().space.xs)


@dataclass(frozen=True)
class Ledger:
    """The formulas on the left, one row per fact, laid out once so rows never shift."""

    rows: dict[str, Formula]

    @classmethod
    def of(cls, numbers: Numbers, layout: Layout, theme: Theme) -> Ledger:
        log, s, p = log_symbol(numbers.unit), numbers.s, numbers.p
        step = numbers.surprise(0.5)
        plus = format_value(step, 0) if numbers.unit == "bits" else format_value(step)
        rows = {
            "headline": Formula(f"{{{{ S(p) : surprise }}}} = {log} 1/{{{{ p : p }}}}"),
            "law": Formula(
                "{{ S : surprise }}({{ p_A p_B : p }}) = "
                "{{ S : surprise_1 }}({{ p_A : p_1 }}) + {{ S : surprise_2 }}({{ p_B : p_2 }})",
                "body",
            ),
            "certain": Formula("{{ S : surprise }}({{ 1 : p }}) = 0", "body"),
            "halving": Formula(
                "{{ S : surprise }}({{ p slash 2 : p }}) = "
                f"{{{{ S : surprise_1 }}}}({{{{ p : p_1 }}}}) + {plus}",
                "body",
            ),
            "product": Formula(
                f"{{{{ p_A p_B : p }}}} = {{{{ {maths_fraction(p['coin'])} dot "
                f"{maths_fraction(p['die'])} = {maths_fraction(p['both'])} : p_1 }}}}",
                "body",
            ),
            "sum": Formula(
                f"{{{{ {format_value(s['die'])} + {format_value(s['coin'])} = "
                f"{format_value(s['both'])} : surprise }}}}",
                "body",
            ),
        }
        column = VGroup(*rows.values()).arrange(DOWN, buff=theme.space.m, aligned_edge=LEFT)
        rows["headline"].shift(theme.space.s * UP)  # the rule, a little apart from its facts
        layout.ledger.fit(column)
        return cls(rows)


def multiply_formulas(numbers: Numbers, stage: Stage, theme: Theme) -> VGroup:
    """Over part 4's picture: the two dice's chances multiply, their surprises add."""
    one, s = maths_fraction(numbers.p["die"]), format_value(numbers.s["die"])
    pair = VGroup(
        Formula(f"{{{{ {one} dot {one} = {maths_fraction(numbers.p['double'])} : p }}}}", "body"),
        Formula(f"{{{{ {s} + {s} = {format_value(numbers.s['double'])} : surprise }}}}", "body"),
    ).arrange(RIGHT, buff=theme.space.xl)
    return stage.header.place(pair)


@dataclass
class FormulaPicture:
    """Part 5's last picture: the ledger, the curve with the coin's, the die's and the
    pair's bars, their icons, and the dot on the pair. Part 6 rebuilds it."""

    ledger: Ledger
    plot: SurprisePlot
    stacks: dict[str, QuantityBar]
    icons: dict[str, VMobject]

    def boxes(self) -> dict[str, np.ndarray]:
        """Where each piece stands (its bounding box's corners): a record of the picture."""
        pieces = {
            **{f"row {name}": row for name, row in self.ledger.rows.items()},
            **{f"stack {name}": bar.blocks for name, bar in self.stacks.items()},
            **{f"icon {name}": icon for name, icon in self.icons.items()},
            "axes": self.plot.axes,
            "curve": self.plot.curve,
            "dot": self.plot.dot,
        }
        return {name: np.array([m.get_corner(DL), m.get_corner(UR)]) for name, m in pieces.items()}

    def group(self) -> VGroup:
        plot = self.plot
        return VGroup(
            *self.ledger.rows.values(),
            plot.axes,
            plot.ticks,
            plot.tick_labels,
            plot.x_label,
            plot.y_label,
            plot.curve,
            *(bar.blocks for bar in self.stacks.values()),
            *self.icons.values(),
            plot.drops,
            plot.dot,
            plot.readout,
        )


def add_tracker(plot: SurprisePlot, p: float):
    """The dot on the curve with its p and S(p) read-outs, which always agree; the dot
    and its drop lines stay in front of the bars and the curve."""
    tracker = plot.add_surprise_tracker(p, x_label="p", x_role="p", snap=True)
    plot.dot.set_z_index(2)
    plot.drops.set_z_index(1)
    return tracker


def formula_picture(params: SurpriseFormulaParams, stage: Stage, theme: Theme) -> FormulaPicture:
    """Part 5's last picture for ``params`` on ``stage``."""
    numbers, layout = Numbers.of(params), Layout.of(stage)
    board = bits_board(board_params(params), stage, theme)
    plot = surprise_plot(numbers, layout)
    p, s = numbers.p, numbers.s
    stacks = {
        "coin": stack(plot, p["coin"], [s["coin"]], "stack[coin]"),
        "die": stack(plot, p["die"], [s["die"]], "stack[die]"),
        "both": stack(plot, p["both"], [s["die"], s["coin"]], "stack[both]"),
    }
    icons = {name: icon(name, board.props, plot, p[name]) for name in ("coin", "die")}
    add_tracker(plot, p["both"])
    return FormulaPicture(Ledger.of(numbers, layout, theme), plot, stacks, icons)


class SurpriseFormula(ExplainerScene):
    Params = SurpriseFormulaParams
    hook = "When chances multiply, surprises should add. Which measure does that?"
    takeaway = "Surprise is the log of one over the chance: chances multiply, surprises add."

    def setup(self) -> None:
        super().setup()
        self.numbers = Numbers.of(self.params)
        self.layout = Layout.of(self.stage)
        self.board = bits_board(board_params(self.params), self.stage, self.theme)
        self.plot = surprise_plot(self.numbers, self.layout)
        self.ledger = Ledger.of(self.numbers, self.layout, self.theme)
        self.stacks: dict[str, QuantityBar] = {}
        self.icons: dict[str, VMobject] = {}

    # -- the storyboard ----------------------------------------------------------------

    def prelude(self) -> None:
        """Part 4's last picture: three calls' bits on one ruler."""
        self.play(Wait(), run_time=0.6)  # the title makes way first
        self.play(FadeIn(self.board.group()), run_time=1.0)
        self.show("board", self.board.copy())

    def body(self) -> None:
        self.multiply()
        self.certain()
        self.halving()
        self.independent()

    # -- the beats ---------------------------------------------------------------------

    def multiply(self) -> None:
        numbers, unit = self.numbers, self.unit
        board, s_double = self.board, numbers.s["double"]
        two = format_value(s_double)
        formulas = multiply_formulas(numbers, self.stage, self.theme)
        with self.beat("multiply"):
            line = self.say(
                f"For two dice, the chances multiply: {odds(numbers.p['double'], 'chance')}."
            )
            self.play(
                Write(formulas[0]),
                *(
                    Circumscribe(
                        board.chances[n],
                        color=self.theme.color.highlight,
                        fade_in=True,
                        fade_out=True,
                    )
                    for n in ("die", "double")
                ),
                run_time=max(line.duration, 1.5),
            )
            line = self.say(f"But the surprises add: {two} {unit_word(unit, s_double)}.")
            self.play(
                Write(formulas[1]),
                Circumscribe(
                    board.shown_bar("double"),
                    color=self.theme.color.highlight,
                    fade_in=True,
                    fade_out=True,
                ),
                run_time=max(line.duration, 1.5),
            )
            line = self.say(
                f"Only a logarithm turns products into sums: surprise is the "
                f"{log_words(unit)} of one over p."
            )
            self.swing(formulas, line.duration)
            self.show("formulas", formulas)
            self.show("stacks", dict(self.stacks))

    def certain(self) -> None:
        plot, unit = self.plot, self.unit
        zero = format_value(self.numbers.surprise(1.0), 0)
        with self.beat("certain"):
            line = self.say(f"A sure thing, p = 1, carries no surprise: {zero} {unit_word(unit)}.")
            # The dot slides down the curve from the rarest call to the sure thing.
            add_tracker(plot, self.numbers.p["double"])
            self.play(
                Succession(
                    FadeIn(plot.dot, plot.drops, plot.readout, run_time=0.5),
                    plot.track_to(1.0, run_time=2.0),
                    FadeIn(self.ledger.rows["certain"], shift=0.2 * RIGHT, run_time=0.7),
                ),
                run_time=max(line.duration, 3.2),
            )
            self.show("certain", self.dot_readouts())
            self.show("dot at 1", plot.dot.copy().clear_updaters())

    def halving(self) -> None:
        numbers, plot, unit = self.numbers, self.plot, self.unit
        step = numbers.surprise(0.5)
        one_bit = "one bit" if unit == "bits" else f"one bit, {format_value(step)} {unit}"
        with self.beat("halving"):
            line = self.say(f"Each halving of the chance adds exactly {one_bit}.")
            crowd = [self.stacks.pop("die").blocks, self.stacks.pop("double").blocks]
            self.resting_die = self.icons.pop("die")  # back with the pair of events
            crowd += [self.resting_die, self.icons.pop("double")]
            self.play(
                *(FadeOut(m) for m in crowd),
                FadeIn(self.ledger.rows["halving"], shift=0.2 * RIGHT),
                run_time=max(line.duration, 1.2),
            )
            previous = None
            for k, p in enumerate(numbers.halved, start=1):
                s = numbers.surprise(p)
                line = self.say(
                    f"1 in {round(1 / p)}: {format_value(s, 0 if unit == 'bits' else 3)} "
                    f"{unit_word(unit, s)}."
                )
                if previous is None:
                    bar = self.stacks["coin"]  # one halving: the coin's own bit
                    moves = [
                        Circumscribe(
                            bar.blocks,
                            color=self.theme.color.highlight,
                            fade_in=True,
                            fade_out=True,
                        )
                    ]
                else:
                    bar = stack(plot, p, [step] * k, f"stack[1/{round(1 / p)}]")
                    moves = [
                        TransformFromCopy(previous.blocks, bar.blocks[:-1]),
                        GrowFromEdge(bar.blocks[-1], DOWN),
                    ]
                    self.stacks[f"1/{round(1 / p)}"] = bar
                self.play(
                    Succession(plot.track_to(p, run_time=0.7), AnimationGroup(*moves)),
                    run_time=max(line.duration, 1.5),
                )
                self.add(bar.blocks)
                previous = bar
                self.show(f"dot at 1/{round(1 / p)}", self.dot_readouts())
                self.show(f"stack at 1/{round(1 / p)}", bar)

    def independent(self) -> None:
        numbers, plot, unit = self.numbers, self.plot, self.unit
        p, s = numbers.p, numbers.s
        face = numbers.face
        coin, die = self.stacks["coin"], stack(plot, p["die"], [s["die"]], "stack[die]")
        both = stack(plot, p["both"], [s["die"], s["coin"]], "stack[both]")
        die_icon = self.resting_die
        halved = [self.stacks.pop(k).blocks for k in list(self.stacks) if k.startswith("1/")]
        with self.beat("independent"):
            line = self.say(
                f"Heads and a {face} together: 1/2 × 1/{round(1 / p['die'])} = "
                f"1/{round(1 / p['both'])}."
            )
            # The dot moves briskly and rests on exact values while the words go on.
            self.play(
                *(FadeOut(h) for h in halved),
                FadeIn(die.blocks, die_icon),
                plot.track_to(p["die"]),
                run_time=DOT_MOVE,
            )
            self.play(
                Write(self.ledger.rows["product"]),
                run_time=max(line.duration - DOT_MOVE, 1.0),
            )
            self.show("dot with the product", self.dot_readouts())
            line = self.say(
                f"Halving the die's chance adds the coin's bit: "
                f"{format_value(s['both'])} {unit_word(unit, s['both'])}."
            )
            self.play(
                TransformFromCopy(die.blocks, both.blocks[:1]),
                TransformFromCopy(coin.blocks, both.blocks[1:]),
                plot.track_to(p["both"]),
                run_time=1.6,
            )
            self.play(
                Write(self.ledger.rows["sum"]),
                run_time=max(line.duration - 1.6, 0.8),
            )
            self.add(both.blocks)
            self.stacks.update(die=die, both=both)
            self.icons["die"] = die_icon
            self.show(
                "picture", FormulaPicture(self.ledger, plot, dict(self.stacks), dict(self.icons))
            )

    def finale(self) -> None:
        """While the takeaway is said, one pointer follows it: under the rule, then round
        the chances that multiply, then round the surprises that add and their bar."""
        rows, color, gap = self.ledger.rows, self.theme.color.highlight, self.theme.space.xs
        headline = rows["headline"]

        def box(mob: Mobject) -> SurroundingRectangle:
            return SurroundingRectangle(mob, color=color, buff=gap)

        pointer = Underline(headline, color=color, buff=gap)
        total = max(self.narrator.free_at - self.time, 3.0)
        self.play(Create(pointer), run_time=0.4 * total)
        self.play(Transform(pointer, box(rows["product"])), run_time=0.3 * total)
        self.play(
            Transform(pointer, box(rows["sum"])),
            Create(box(self.stacks["both"].blocks)),
            run_time=0.3 * total,
        )

    def dot_readouts(self) -> tuple[tuple[float, str], tuple[float, str]]:
        """What the dot's read-outs say now: (value, as shown) for p and for S(p)."""
        p_readout, s_readout = self.plot.readout
        return (p_readout.value, p_readout.shown), (s_readout.value, s_readout.shown)

    # -- the swing: part 4's ruler becomes the y-axis -----------------------------------

    def swing(self, formulas: VGroup, duration: float) -> None:
        """The ruler swings up into the y-axis of the curve log 1/p, each call's bar
        standing at its p with its prop beside it; then the curve through their tops."""
        board, plot, numbers = self.board, self.plot, self.numbers
        p, s = numbers.p, numbers.s
        self.stacks = {
            "coin": stack(plot, p["coin"], [s["coin"]], "stack[coin]"),
            "die": stack(plot, p["die"], [s["die"]], "stack[die]"),
            "double": stack(plot, p["double"], [s["die"]] * 2, "stack[double]"),
        }
        self.icons = {
            name: icon(name, board.props, plot, p[name]) for name in ("coin", "die", "double")
        }
        ruler = board.ruler
        y_ticks = plot.ticks[len(plot.ticks) - len(ruler.ticks) + 1 :]
        y_labels = plot.tick_labels[len(plot.tick_labels) - len(ruler.tick_labels) + 1 :]
        x_parts = VGroup(
            plot.axes.x_axis,
            plot.ticks[: len(plot.ticks) - len(y_ticks)],
            plot.tick_labels[: len(plot.tick_labels) - len(y_labels)],
            plot.x_label,
        )
        leaving = [board.grid, ruler.ticks[0], ruler.tick_labels[0], *board.chances.values()]
        for name in ("coin", "die", "double"):
            bar = board.shown_bar(name)
            leaving += [m for m in bar if m is not board.bars[name].blocks]
        law = self.ledger.rows["law"]
        swing = AnimationGroup(
            ReplacementTransform(ruler.line, plot.axes.y_axis),
            ReplacementTransform(ruler.ticks[1:], y_ticks),
            ReplacementTransform(ruler.tick_labels[1:], y_labels),
            FadeTransform(ruler.title, plot.y_label),
            *(
                ReplacementTransform(board.bars[n].blocks, self.stacks[n].blocks)
                for n in self.stacks
            ),
            *(ReplacementTransform(board.props[n], self.icons[n]) for n in self.icons),
            *(FadeOut(m) for m in leaving),
            FadeIn(x_parts),
            FadeTransform(formulas, law),
            run_time=2.2,
        )
        self.play(
            Succession(
                swing,
                AnimationGroup(
                    Create(plot.curve, run_time=1.6),
                    Write(self.ledger.rows["headline"], run_time=1.6),
                ),
            ),
            run_time=max(duration, 3.8),
        )
