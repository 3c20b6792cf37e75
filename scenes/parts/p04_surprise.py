"""Part 4: surprise, intuitively.

Three lucky calls, each rarer than the last: heads on a fair coin, a face on a die,
the same face on two dice. Three rows, laid out from the first frame: each shows the
call, its odds as the lit share of a strip of all chances, and its surprise. The coin
call sets the unit (one bit is the surprise of a correct call on a fair coin); the
die call beats two coin calls in a row; the double is two die calls, so its bits add.
Last, the bits are laid on one ruler: :func:`bits_board`, the picture part 5 opens
on and turns into the y-axis of the surprise curve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from manim import *

import infotheory as it
from scenes.kit import (
    ChanceStrip,
    Coin,
    Die,
    ExplainerScene,
    Formula,
    QuantityBar,
    Readout,
    Region,
    Ruler,
    SceneParams,
    SpeechBubble,
    Stage,
    Txt,
    current_theme,
    format_value,
    room_below_banner,
    unit_word,
)
from scenes.kit.checks import whole_number
from scenes.kit.text import size_of
from scenes.theme import Theme

# The die prop draws pips for faces 1 to 6.
_MAX_FACES = 6
CALLS = ("coin", "die", "double")
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three"}

# Sizes of the pieces (manim units), and of the columns they stand in.
COIN_RADIUS = 0.5
DIE_SIZE = 0.9
PAIR_DIE_SIZE = 0.72
STRIP_HEIGHT = 0.45
BAR_THICKNESS = 0.5
BUBBLE_COLUMN = 2.6  # the callers' bubbles
PROP_COLUMN = 1.7  # the coin, the die, the pair of dice
SURPRISE_COLUMN = 2.45  # each call's surprise, before the ruler
THROW_TIME = 1.4  # seconds a coin spins or a die tumbles
RULER_BAND = 0.75  # under the board's rows: the ruler and its tick labels
BOARD_PROP_SCALE = 0.72  # the props are a little smaller on the board
DOUBLE_ROW = 1.35  # the double's row on the board, in rows: room for its brace and sum
# Every bubble, chance, surprise and heading: the body size, to read at 480p.
TEXT = "body"


@dataclass(frozen=True)
class SurpriseParams(SceneParams):
    """Example values for part 4."""

    coin_call: str = "heads"  # what the caller predicts for the coin
    die_faces: int = 6  # the fair die's number of faces
    die_call: int = 4  # the face predicted for one die
    double_face: int = 6  # the face predicted for both of two dice (the rarest call)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.coin_call not in it.fair_coin().outcomes:
            raise ValueError(f"coin_call must be 'heads' or 'tails', not {self.coin_call!r}")
        # At least four faces keeps the die call a clear bit rarer than the coin call.
        whole_number("die_faces", self.die_faces, 4, _MAX_FACES)
        for name in ("die_call", "double_face"):
            face = getattr(self, name)
            if not isinstance(face, int) or not 1 <= face <= self.die_faces:
                raise ValueError(
                    f"{name} must be a face of the die, 1 to {self.die_faces}, not {face!r}"
                )


@dataclass(frozen=True)
class Calls:
    """The three calls' numbers, all from infotheory: each call's distribution, the
    outcome called, its probability ``p`` and its surprise ``s`` in the scene's unit."""

    dist: dict[str, it.Distribution]
    hit: dict[str, str]
    p: dict[str, float]
    s: dict[str, float]
    p_face: float  # one die showing the double's face
    s_bits: dict[str, float]  # the surprises in bits, for "more than two bits"

    @classmethod
    def of(cls, params: SurpriseParams) -> Calls:
        die = it.fair_die(params.die_faces)
        # Two independent dice: every pair, with the product of the two probabilities.
        pairs = [f"{a},{b}" for a in die.outcomes for b in die.outcomes]
        double = it.categorical(pairs, it.independent_joint(die.probs, die.probs).ravel())
        twin = str(params.double_face)
        dist = {"coin": it.fair_coin(), "die": die, "double": double}
        hit = {"coin": params.coin_call, "die": str(params.die_call), "double": f"{twin},{twin}"}
        p = {name: dist[name].probability(hit[name]) for name in CALLS}
        s = {name: float(it.surprisal(p[name], unit=params.unit)) for name in CALLS}
        s_bits = {name: float(it.surprisal(p[name])) for name in CALLS}
        return cls(dist, hit, p, s, die.probability(twin), s_bits)

    @property
    def top(self) -> int:
        """The ruler's last whole unit: past the rarest call."""
        return math.ceil(max(self.s.values()) - 1e-9)


def fraction(p: float) -> Fraction:
    return Fraction(p).limit_denominator(10_000)


def maths_fraction(p: float) -> str:
    """A probability as Typst maths for an inline fraction: ``1 slash 6``."""
    f = fraction(p)
    return f"{f.numerator} slash {f.denominator}"


def odds(p: float, word: str = "time") -> str:
    """Odds for narration: ``1 time in 6``, ``1 chance in 36``; ``/`` gives ``1/6``."""
    f = fraction(p)
    return (
        f"{f.numerator}/{f.denominator}"
        if word == "/"
        else f"{f.numerator} {word} in {f.denominator}"
    )


def make_prop(name: str, params: SurpriseParams, landed: bool) -> VMobject:
    """The call's prop: showing the face called when ``landed``, another one before."""
    if name == "coin":
        other = "tails" if params.coin_call == "heads" else "heads"
        return Coin(params.coin_call if landed else other, radius=COIN_RADIUS)
    if name == "die":
        face = params.die_call
        return Die(face if landed else (1 if face != 1 else 2), size=DIE_SIZE)
    face = params.double_face
    faces = (face, face) if landed else ((1, 2) if face > 2 else (3, 4))
    return VGroup(*(Die(f, size=PAIR_DIE_SIZE) for f in faces)).arrange(
        RIGHT, buff=current_theme().space.xs
    )


@dataclass(frozen=True)
class Layout:
    """Where things stand while the calls are made: three rows over the whole stage,
    reserved from the first frame; in each row the caller's bubble, the prop, the strip
    of chances and the call's surprise, left to right."""

    rows: dict[str, Region]
    bubbles: Region  # a column spanning the rows
    props: Region
    strips: Region
    surprises: Region
    header: Region

    @classmethod
    def of(cls, stage: Stage, theme: Theme) -> Layout:
        main, space = stage.main, theme.space
        x = main.left

        def column(name: str, width: float, gap: float) -> Region:
            nonlocal x
            region = Region(name, x, x + width, main.bottom, main.top)
            x += width + gap
            return region

        bubbles = column("bubbles", BUBBLE_COLUMN, space.m)
        props = column("props", PROP_COLUMN, space.l)
        surprises = Region(
            "surprises", main.right - SURPRISE_COLUMN, main.right, main.bottom, main.top
        )
        strips = Region("strips", x, surprises.left - space.l, main.bottom, main.top)
        rows = dict(zip(CALLS, main.split(3, direction=DOWN), strict=True))
        return cls(rows, bubbles, props, strips, surprises, stage.header)

    def cell(self, name: str, column: Region) -> Region:
        """Where row ``name`` crosses ``column``."""
        row = self.rows[name]
        return Region(f"{column.name}[{name}]", column.left, column.right, row.bottom, row.top)


@dataclass
class BitsBoard:
    """The last picture of part 4: each call's prop with its chance ``p`` under it, and
    its surprise as a bar on one ruler, the double's bar two die calls end to end.
    Part 5 rebuilds it (:func:`bits_board`) and turns the ruler into its y-axis."""

    props: dict[str, VMobject]
    chances: dict[str, Readout]
    bars: dict[str, QuantityBar]
    ruler: Ruler
    grid: VGroup

    def copy(self) -> BitsBoard:
        """A copy to keep as a record (the original moves on in part 5)."""
        return BitsBoard(
            {n: m.copy() for n, m in self.props.items()},
            {n: m.copy() for n, m in self.chances.items()},
            {n: m.copy() for n, m in self.bars.items()},
            self.ruler.copy(),
            self.grid.copy(),
        )

    def shown_bar(self, name: str) -> VGroup:
        """What the board shows of a call's bar: its blocks with their values, and for
        the double, the brace over both and their sum."""
        bar = self.bars[name]
        parts = [bar.zero, bar.blocks, bar.values]
        if name == "double":
            parts += [bar.brace, bar.total_readout]
        return VGroup(*parts)

    def group(self) -> VGroup:
        return VGroup(
            self.grid,
            self.ruler,
            *(self.shown_bar(n) for n in CALLS),
            *self.props.values(),
            *self.chances.values(),
        )


def chance_readout(name: str, p: float, size: str = "small") -> Readout:
    """A call's probability as the board shows it: ``p = 0.500``, in p's colour."""
    return Readout("p", p, unit=None, key=f"p[{name}]", color="p", size=size)


def _larger(size: str, least: str) -> str:
    """The larger of two type-scale roles."""
    return max(size, least, key=size_of)


def bits_board(
    params: SurpriseParams, stage: Stage, theme: Theme, text_size: str = TEXT
) -> BitsBoard:
    """Part 4's last picture for ``params`` on ``stage``: everything under the takeaway
    banner, the ruler along the bottom, a row per call above it. ``text_size`` is the type
    size of its chances, values and ticks (the ruler's title is at least a label)."""
    calls, space = Calls.of(params), theme.space
    room = room_below_banner(stage, Surprise.takeaway)
    sizes = {"label_size": text_size, "title_size": _larger(text_size, "label")}
    title_width = Ruler(1, unit=params.unit, **sizes).title.width
    zero_x = room.left + max(title_width, PROP_COLUMN) + space.m
    # The arrowhead past the last tick still ends inside the stage.
    unit_length = (room.right - zero_x - space.m - space.l) / calls.top
    ruler = Ruler(calls.top, unit=params.unit, unit_length=unit_length, **sizes)
    ruler.shift([zero_x, room.bottom + RULER_BAND - space.m, 0] - ruler.zero)
    rows = Region("rows", room.left, room.right, room.bottom + RULER_BAND, room.top)
    grid = ruler.gridlines(rows.top - ruler.zero[1])
    # The double's row is taller: its brace and sum stand over its bar.
    row_height = rows.height / (len(CALLS) - 1 + DOUBLE_ROW)
    props, chances, bars = {}, {}, {}
    for i, name in enumerate(CALLS):
        centre = rows.top - (i + 0.5) * row_height - (DOUBLE_ROW - 1) * row_height * (i == 2)
        prop = make_prop(name, params, landed=True).scale(BOARD_PROP_SCALE)
        chance = chance_readout(name, calls.p[name], text_size)
        VGroup(prop, chance).arrange(DOWN, buff=space.xs).move_to(
            [(room.left + zero_x - space.m) / 2, centre, 0]
        )
        props[name], chances[name] = prop, chance
        double = name == "double"
        bar = QuantityBar(
            [calls.s["die"]] * 2 if double else [calls.s[name]],
            total=calls.s[name],
            unit=params.unit,
            unit_length=unit_length,
            thickness=BAR_THICKNESS,
            role="surprise",
            key=f"bar[{name}]",
            decimals=3,
            size=text_size,
            total_size=_larger(text_size, "label"),
        )
        # Level with its prop; the double's brace and sum go over it.
        bar.shift([zero_x, prop.get_center()[1], 0] - bar.origin)
        bars[name] = bar
    return BitsBoard(props, chances, bars, ruler, grid)


class Surprise(ExplainerScene):
    Params = SurpriseParams
    hook = "Why is a lucky call on a die more impressive than one on a coin?"
    takeaway = "The rarer the event, the bigger the surprise."

    def setup(self) -> None:
        super().setup()
        self.calls = Calls.of(self.params)
        self.layout = Layout.of(self.stage, self.theme)
        self.props: dict[str, VMobject] = {}
        self.strips: dict[str, ChanceStrip] = {}
        self.spent: list[Mobject] = []  # bubbles and checks, gone once the ruler comes
        self.chances: dict[str, Readout] = {}
        self.surprises: dict[str, VMobject] = {}

    # -- the storyboard ----------------------------------------------------------------

    def prelude(self) -> None:
        """Three rows from the first frame: each prop, and its strip of chances unlit."""
        space, layout = self.theme.space, self.layout
        self.headers = VGroup(
            Txt("chance the call comes true", TEXT, "p"),
            Txt("surprise", TEXT, "surprise"),
        )
        for header, column in zip(self.headers, (layout.strips, layout.surprises), strict=True):
            header.move_to([column.center[0], layout.header.center[1], 0])
        for name in CALLS:
            prop = make_prop(name, self.params, landed=False)
            layout.cell(name, layout.props).place(prop)
            strip = ChanceStrip(
                self.calls.dist[name], width=layout.strips.width, height=STRIP_HEIGHT
            )
            cell = layout.cell(name, layout.strips)
            strip.move_to([cell.center[0], cell.center[1] - space.s, 0])
            self.props[name], self.strips[name] = prop, strip
        self.play(Wait(), run_time=0.6)  # the title makes way first
        self.play(
            LaggedStart(
                *(
                    AnimationGroup(FadeIn(self.props[n], shift=0.2 * UP), FadeIn(self.strips[n]))
                    for n in CALLS
                ),
                lag_ratio=0.35,
            ),
            FadeIn(self.headers),
            run_time=1.6,
        )
        self.show("props", dict(self.props))
        self.show("strips", dict(self.strips))

    def body(self) -> None:
        self.coin()
        self.die()
        self.double()
        self.ruler()

    # -- the beats ---------------------------------------------------------------------

    def coin(self) -> None:
        params, calls, unit = self.params, self.calls, self.unit
        s = calls.s["coin"]
        in_unit = f", {format_value(s)} {unit_word(unit, s)}" if unit != "bits" else ""
        with self.beat("coin"):
            self.make_call(
                "coin", f"She calls {params.coin_call}, and the fair coin lands {params.coin_call}."
            )
            self.light("coin", f"Luck alone does that {odds(calls.p['coin'])}.")
            line = self.say(
                f"That surprise is our unit{in_unit}: one bit, a right call on a fair coin."
            )
            self.show_surprise("coin", line.duration)

    def die(self) -> None:
        params, calls, unit = self.params, self.calls, self.unit
        face = params.die_call
        calls_in_a_row = math.floor(calls.s_bits["die"] + 1e-9)
        exact = abs(calls.s_bits["die"] - calls_in_a_row) < 1e-9
        word = _NUMBER_WORDS[calls_in_a_row]
        s = calls.s["die"]
        if exact:
            compare = f"as rare as {word} right coin calls in a row"
            worth = f"So it is worth {word} bits: {format_value(s)} {unit_word(unit, s)}."
        else:
            compare = f"rarer than {word} right coin calls in a row"
            worth = f"So it is worth more than {word} bits: {format_value(s)} {unit_word(unit, s)}."
        with self.beat("die"):
            self.make_call("die", f"Now she calls a {face}, and the die shows a {face}.")
            self.light("die", f"Luck does that only {odds(calls.p['die'])}: {compare}.")
            line = self.say(worth)
            self.show_surprise("die", line.duration)

    def double(self) -> None:
        params, calls, unit = self.params, self.calls, self.unit
        twin, one = params.double_face, odds(calls.p_face, "/")
        s = calls.s["double"]
        with self.beat("double"):
            self.make_call(
                "double",
                f"Two {twin}s on two dice: {one} × {one}, {odds(calls.p['double'], 'chance')}.",
                light=True,
            )
            total = f"{format_value(s)} {unit_word(unit, s)}"
            line = self.say(f"Two die calls at once, so the {unit} add up: {total}.")
            self.add_up(line.duration)

    def ruler(self) -> None:
        board = bits_board(self.params, self.stage, self.theme)
        unit = self.unit
        with self.beat("ruler"):
            line = self.say(f"Now lay the {unit} out on one ruler.")
            self.to_board(board, line.duration)
            line = self.say("The rarer the call, the further along it reaches.")
            self.play(
                LaggedStart(*(self.bar_in(n, board.bars[n]) for n in CALLS), lag_ratio=0.75),
                run_time=max(line.duration, 3.0),
            )
            self.add(*(board.shown_bar(n) for n in CALLS))
            self.board = board
            self.show("board", board.copy())

    def finale(self) -> None:
        """While the takeaway is said, point at the calls from the likeliest to the rarest:
        each chance, then how far its bits reach."""
        board, highlight = self.board, self.theme.color.highlight
        self.play(
            LaggedStart(
                *(
                    Circumscribe(VGroup(board.chances[n], board.bars[n].blocks), color=highlight)
                    for n in CALLS
                ),
                lag_ratio=0.6,
            ),
            run_time=max(self.narrator.free_at - self.time, 2.0),
        )

    # -- what the beats do ---------------------------------------------------------------

    def make_call(self, name: str, sentence: str, light: bool = False) -> None:
        """Say ``sentence`` while the call is made: the bubble, the throw, the check mark
        (and with ``light``, the strip lights up too)."""
        params, layout, space = self.params, self.layout, self.theme.space
        prop = self.props[name]
        words = {
            "coin": f"I call {params.coin_call}",
            "die": f"I call a {params.die_call}",
            "double": f"I call two {params.double_face}s",
        }[name]
        bubble = SpeechBubble(words, TEXT)
        layout.cell(name, layout.bubbles).fit(bubble, align=RIGHT)
        check = Formula("checkmark", "body", "good").next_to(prop, RIGHT, buff=space.xs)
        self.spent += [bubble, check]
        line = self.say(sentence)
        # The throw plays on its own: a prop redraws itself while it tumbles, and lands
        # only when its animation finishes.
        self.play(FadeIn(bubble, scale=0.85), run_time=0.6)
        self.play(self.throw(name))
        rest = max(line.duration - 0.6 - THROW_TIME, 0.6 + 1.0 * light)
        if light:
            self.play(Succession(FadeIn(check, scale=1.6), *self.light_steps(name)), run_time=rest)
        else:
            self.play(FadeIn(check, scale=1.6), run_time=rest)

    def throw(self, name: str) -> Animation:
        params, prop = self.params, self.props[name]
        if name == "coin":
            return prop.flip_to(params.coin_call, turns=5, run_time=THROW_TIME)
        if name == "die":
            return prop.roll_to(params.die_call, tumbles=6, run_time=THROW_TIME)
        return AnimationGroup(
            prop[0].roll_to(params.double_face, tumbles=6, run_time=THROW_TIME),
            prop[1].roll_to(params.double_face, tumbles=7, run_time=THROW_TIME),
        )

    def light_steps(self, name: str) -> list[Animation]:
        """The call's cell lights up in its strip and the probability appears over it."""
        calls, space = self.calls, self.theme.space
        strip = self.strips[name]
        p = calls.p[name]
        if name == "double":
            one, twin = maths_fraction(calls.p_face), self.params.double_face
            label = f'p("{twin}, {twin}") = {one} dot {one} = {maths_fraction(p)}'
        else:
            label = f'p("{calls.hit[name]}") = {maths_fraction(p)}'
        chance = Readout(label, p, unit=None, key=f"p[{name}]", color="p", size=TEXT)
        chance.next_to(strip, UP, buff=space.s).align_to(strip, LEFT)
        self.chances[name] = chance
        lighting = strip.light(calls.hit[name], run_time=0.7)
        self.show(f"lit[{name}]", strip.probability())  # the share lit, from the strip
        self.show(f"chance[{name}]", chance)
        return [lighting, FadeIn(chance, shift=0.15 * UP)]

    def light(self, name: str, sentence: str) -> None:
        line = self.say(sentence)
        self.play(Succession(*self.light_steps(name)), run_time=max(line.duration, 1.4))

    def show_surprise(self, name: str, duration: float) -> None:
        """The call's surprise appears in its row's surprise column."""
        value = self.calls.s[name]
        readout = Readout(
            None, value, unit=self.unit, key=f"S[{name}]", color="surprise", size=TEXT
        )
        self.layout.cell(name, self.layout.surprises).place(readout)
        self.surprises[name] = readout
        self.play(
            Succession(
                FadeIn(readout, shift=0.2 * LEFT, run_time=0.7),
                Circumscribe(readout, color=self.theme.color.highlight, run_time=1.2),
            ),
            run_time=max(duration, 1.9),
        )

    def add_up(self, duration: float) -> None:
        """Two copies of the die's surprise slide down into the double's row and add up."""
        calls, space, unit = self.calls, self.theme.space, self.unit
        die = self.surprises["die"]
        parts = VGroup(
            Readout(
                None, calls.s["die"], unit=None, key="S[double][0]", color="surprise", size=TEXT
            ),
            Txt("+", TEXT),
            Readout(
                None, calls.s["die"], unit=None, key="S[double][1]", color="surprise", size=TEXT
            ),
        ).arrange(RIGHT, buff=space.s)
        total = VGroup(
            Txt("=", TEXT),
            Readout(
                None, calls.s["double"], unit=unit, key="S[double]", color="surprise", size=TEXT
            ),
        ).arrange(RIGHT, buff=space.s)
        sum_ = VGroup(parts, total).arrange(DOWN, buff=space.s, aligned_edge=RIGHT)
        self.layout.cell("double", self.layout.surprises).place(sum_)
        self.play(
            Succession(
                AnimationGroup(
                    TransformFromCopy(die.number, parts[0]),
                    TransformFromCopy(die.number, parts[2]),
                    FadeIn(parts[1]),
                    run_time=1.2,
                ),
                FadeIn(total, shift=0.15 * DOWN, run_time=0.7),
            ),
            run_time=max(duration, 1.9),
        )
        self.surprises["double"] = sum_

    def bar_in(self, name: str, bar: QuantityBar) -> Animation:
        """A call's bar grows along the ruler and its surprise moves into it: the double's
        two die calls into its two blocks, and their sum over the brace."""
        surprise = self.surprises[name]
        grow = [Create(bar.zero), *(GrowFromEdge(b, LEFT) for b in bar.blocks)]
        if name != "double":
            return AnimationGroup(
                *grow,
                ReplacementTransform(surprise.number, bar.values[0]),
                FadeOut(surprise.unit_text),
            )
        parts, total = surprise
        return AnimationGroup(
            *grow,
            GrowFromCenter(bar.brace),
            ReplacementTransform(parts[0], bar.values[0]),
            ReplacementTransform(parts[2], bar.values[1]),
            FadeOut(parts[1], total[0]),
            ReplacementTransform(total[1], bar.total_readout),
        )

    def to_board(self, board: BitsBoard, duration: float) -> None:
        """Bubbles, checks and strips make way; the props and their chances move to the
        board's column and the ruler grows under the rows."""
        leaving = [*self.spent, *self.strips.values(), self.headers]
        moves = []
        for name in CALLS:
            moves.append(
                self.props[name].animate.scale(BOARD_PROP_SCALE).move_to(board.props[name])
            )
            moves.append(ReplacementTransform(self.chances[name], board.chances[name]))
        self.play(
            *(FadeOut(m, shift=0.3 * LEFT) for m in leaving),
            *moves,
            GrowArrow(board.ruler.line),
            FadeIn(board.ruler.ticks, board.ruler.tick_labels, board.ruler.title),
            Create(board.grid),
            run_time=max(duration, 1.6),
        )
        # The board's own props stand where the moving ones landed.
        for name in CALLS:
            self.remove(self.props[name])
            self.add(board.props[name])
        self.add(board.ruler, board.grid)
