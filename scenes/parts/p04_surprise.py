"""Part 4: surprise, intuitively.

Three lucky calls, each rarer than the last: heads on a fair coin, a face on a
die, the same face on two dice. Each call's odds are drawn as its share of a
strip of all chances; then the calls line up on a surprise axis by rarity and,
as a teaser for part 5, are measured in bits.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    Coin,
    Die,
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    Txt,
    current_theme,
    escape,
    format_value,
    unit_word,
)
from scenes.kit.checks import whole_number
from scenes.kit.odds import ChanceStrip

# The die prop draws pips for faces 1 to 6.
_MAX_FACES = 6


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


def _fraction(p: float) -> str:
    """A probability as a Typst fraction ``1/6`` (for display next to its decimal)."""
    f = Fraction(p).limit_denominator(10_000)
    return f"{f.numerator} slash {f.denominator}"


def _odds(p: float, word: str = "time") -> str:
    """Odds for narration: ``1 time in 6``, ``1 chance in 36``, ``1/6``."""
    f = Fraction(p).limit_denominator(10_000)
    if word == "/":
        return f"{f.numerator}/{f.denominator}"
    return f"{f.numerator} {word} in {f.denominator}"


def _bubble(text: str) -> VGroup:
    """A speech bubble with ``text``, its tail pointing right at the throw."""
    theme = current_theme()
    words = Txt(escape(text), "body")
    body = RoundedRectangle(
        width=words.width + 0.6, height=words.height + 0.5, corner_radius=0.22
    ).move_to(words)
    # Listed anticlockwise, like the rectangle, so the union is one outline.
    tail = Polygon(
        body.get_right() + 0.16 * DOWN + 0.3 * LEFT,
        body.get_right() + 0.16 * DOWN,
        body.get_right() + 0.34 * RIGHT,
        body.get_right() + 0.16 * UP,
        body.get_right() + 0.16 * UP + 0.3 * LEFT,
    )
    outline = Union(body, tail)
    outline.set_fill(theme.color.panel, opacity=1).set_stroke(theme.color.muted, width=2)
    return VGroup(outline, words)


class Surprise(ExplainerScene):
    Params = SurpriseParams
    hook = "Why is a lucky call on a die more impressive than one on a coin?"
    takeaway = "The rarer the event, the bigger the surprise."

    def body(self) -> None:
        params: SurpriseParams = self.params
        unit = self.unit
        coin_dist = it.fair_coin()
        die_dist = it.fair_die(params.die_faces)
        # Two independent dice: every pair, with the product of the two probabilities.
        pairs = [f"{a},{b}" for a in die_dist.outcomes for b in die_dist.outcomes]
        double_dist = it.categorical(
            pairs, it.independent_joint(die_dist.probs, die_dist.probs).ravel()
        )

        face, twin = str(params.die_call), str(params.double_face)
        events = {
            "coin": (coin_dist, params.coin_call),
            "die": (die_dist, face),
            "double": (double_dist, f"{twin},{twin}"),
        }
        p = {name: dist.probability(hit) for name, (dist, hit) in events.items()}
        p_face = die_dist.probability(twin)
        s = {name: float(it.surprisal(prob, unit=unit)) for name, prob in p.items()}

        rows_y = {"coin": 2.0, "die": 0.0, "double": -2.0}
        bubble_right, prop_x, strip_left, strip_width = -3.45, -2.35, -0.75, 7.0

        header = Txt("chance the call comes true", "label", "muted")
        header.move_to([strip_left, 3.3, 0], aligned_edge=LEFT)

        def row_parts(name: str, text: str, label: str):
            y = rows_y[name]
            dist, hit = events[name]
            bubble = _bubble(text).move_to([bubble_right, y, 0], aligned_edge=RIGHT)
            strip = ChanceStrip(dist, width=strip_width, height=0.42)
            strip.move_to([strip_left, y - 0.28, 0], aligned_edge=LEFT)
            readout = Readout(label, p[name], unit=None, key=f"p[{name}]", color="p", size="label")
            readout.move_to([strip_left, y + 0.3, 0], aligned_edge=LEFT)
            check = Formula("checkmark", "body", "good")
            return bubble, strip, readout, check, hit

        # -- the coin -------------------------------------------------------------
        coin = Coin("tails" if params.coin_call == "heads" else "heads", radius=0.55)
        coin.move_to([prop_x, rows_y["coin"], 0])
        bubble, strip, readout, check, hit = row_parts(
            "coin",
            f"I call {params.coin_call}",
            f'P("{params.coin_call}") = {_fraction(p["coin"])}',
        )
        check.next_to(coin, RIGHT, buff=0.25)
        rows = {"coin": (bubble, coin, check, strip, readout)}
        with self.beat(
            "coin",
            f"She calls {params.coin_call}, flips a fair coin: {params.coin_call}. "
            f"Nice, but luck alone gets that right {_odds(p['coin'])}.",
        ):
            self.play(FadeIn(bubble, shift=0.2 * RIGHT), FadeIn(header), run_time=0.7)
            self.play(FadeIn(coin), run_time=0.3)
            self.play(coin.flip_to(params.coin_call, turns=5, run_time=1.4))
            self.play(FadeIn(check, scale=1.6), FadeIn(strip), run_time=0.6)
            self.play(strip.light(hit), FadeIn(readout, shift=0.15 * UP), run_time=0.8)

        # -- one die ----------------------------------------------------------------
        start = 1 if params.die_call != 1 else 2
        die = Die(start, size=1.0).move_to([prop_x, rows_y["die"], 0])
        bubble, strip, readout, check, hit = row_parts(
            "die", f"I call a {face}", f'P("{face}") = {_fraction(p["die"])}'
        )
        check.next_to(die, RIGHT, buff=0.25)
        rows["die"] = (bubble, die, check, strip, readout)
        with self.beat(
            "die",
            f"Now she calls a {face}, rolls a die, and up comes a {face}. "
            f"Luck manages that only {_odds(p['die'])}: more impressive.",
        ):
            self.play(FadeIn(bubble, shift=0.2 * RIGHT), FadeIn(die), run_time=0.7)
            self.play(die.roll_to(params.die_call, tumbles=6, run_time=1.3))
            self.play(FadeIn(check, scale=1.6), FadeIn(strip), run_time=0.6)
            self.play(strip.light(hit), FadeIn(readout, shift=0.15 * UP), run_time=0.8)

        # -- two dice, the same face ---------------------------------------------------
        start = 1 if params.double_face != 1 else 2
        dice = VGroup(Die(start, size=0.78), Die(start + 1, size=0.78)).arrange(RIGHT, buff=0.14)
        dice.move_to([prop_x, rows_y["double"], 0])
        bubble, strip, readout, check, hit = row_parts(
            "double",
            f"I call two {twin}s",
            f'P("{twin}, {twin}") = {_fraction(p_face)} times {_fraction(p_face)} '
            f"= {_fraction(p['double'])}",
        )
        check.next_to(dice, RIGHT, buff=0.2)
        rows["double"] = (bubble, dice, check, strip, readout)
        with self.beat(
            "double",
            f"Then two {twin}s on two dice: {_odds(p_face, '/')} times {_odds(p_face, '/')}, "
            f"just {_odds(p['double'], 'chance')}. Rarer still, so more surprising still.",
        ):
            self.play(FadeIn(bubble, shift=0.2 * RIGHT), FadeIn(dice), run_time=0.7)
            self.play(
                dice[0].roll_to(params.double_face, tumbles=6, run_time=1.3),
                dice[1].roll_to(params.double_face, tumbles=7, run_time=1.3),
            )
            self.play(FadeIn(check, scale=1.6), FadeIn(strip), run_time=0.6)
            self.play(strip.light(hit), FadeIn(readout, shift=0.15 * UP), run_time=0.8)

        # -- line them up by rarity --------------------------------------------------------
        theme = self.theme
        axis_y, left, right = -0.7, -6.2, 4.9
        axis = Arrow(
            [left, axis_y, 0],
            [right, axis_y, 0],
            buff=0,
            color=theme.color.muted,
            stroke_width=3,
            max_tip_length_to_length_ratio=0.025,
        )
        axis_title = Txt("more \\ surprising", "label", "surprise").next_to(axis, RIGHT, buff=0.2)
        order = sorted(events, key=lambda name: -p[name])  # likeliest first
        rank_x = dict(zip(order, np.linspace(-4.2, 3.6, len(order)), strict=True))
        props = {name: rows[name][1] for name in events}
        short = {
            name: Readout("P", p[name], unit=None, key=f"p[{name}]", color="p", size="label")
            for name in events
        }

        grow = 1.3
        tallest = max(prop.height for prop in props.values()) * grow
        p_row_y = axis_y + 0.2 + tallest + 0.45

        def place(name: str, x: float, factor: float = 1.0) -> None:
            """Target for the prop: standing on the axis at ``x``, its P read-out above."""
            prop = props[name]
            prop.generate_target()
            prop.target.scale(factor)
            prop.target.move_to([x, axis_y + 0.2 + prop.target.height / 2, 0])
            short[name].move_to([x, p_row_y, 0])

        for name in events:
            place(name, rank_x[name], grow)
        with self.beat(
            "order",
            "Now line the calls up by their odds: "
            "the rarer the call, the further along the surprise axis.",
        ):
            leaving = [m for name in events for m in (rows[name][0], rows[name][2], rows[name][3])]
            self.play(FadeOut(VGroup(*leaving, header), shift=0.3 * LEFT), run_time=0.7)
            self.play(GrowArrow(axis), FadeIn(axis_title, shift=0.2 * RIGHT), run_time=0.8)
            # Likeliest first, each call taking its place further along than the last.
            for name in order:
                self.play(
                    MoveToTarget(props[name]),
                    FadeTransform(rows[name][4], short[name]),
                    run_time=0.85,
                )
            runner = axis.copy().set_color(theme.color.surprise).set_stroke(width=6)
            self.play(ShowPassingFlash(runner, time_width=0.4), run_time=1.2)

        # -- the teaser: surprise in bits ---------------------------------------------------
        top = max(s.values())
        scale = (right - 0.9 - left - 0.3) / top  # the rarest call just clears the arrow tip
        x_of = lambda v: left + 0.3 + v * scale  # noqa: E731
        ticks = VGroup()
        for k in range(int(np.floor(top)) + 1):
            x = x_of(k)
            ticks.add(
                VGroup(
                    Line([x, axis_y - 0.1, 0], [x, axis_y + 0.1, 0], color=theme.color.muted),
                    Txt(str(k), "small", "muted").move_to([x, axis_y - 0.4, 0]),
                )
            )
        marks = VGroup()
        values = VGroup()
        for name in events:
            x = x_of(s[name])
            marks.add(Dot([x, axis_y, 0], radius=0.08, color=theme.color.surprise))
            r = Readout(None, s[name], unit=unit, key=f"S[{name}]", color="surprise", size="label")
            r.move_to([x, axis_y - 1.0, 0])
            values.add(r)
            place(name, x)
        # What the tests measure: where each call's mark and prop end up against the ticks.
        self.axis_ticks, self.props = ticks, props
        self.marks = dict(zip(events, marks, strict=True))
        new_title = Txt(f"surprise \\ in {unit_word(unit)}", "label", "surprise")
        new_title.move_to(axis_title, aligned_edge=LEFT)
        with self.beat(
            "bits",
            f"In {unit_word(unit)}: the coin call is worth {format_value(s['coin'])}, "
            f"the die call {format_value(s['die'])}, the double {format_value(s['double'])}. "
            "Next, where those numbers come from.",
        ):
            self.play(FadeIn(ticks), ReplacementTransform(axis_title, new_title), run_time=0.6)
            self.play(
                *(MoveToTarget(props[name]) for name in events),
                *(short[name].animate.move_to([x_of(s[name]), p_row_y, 0]) for name in events),
                run_time=1.2,
            )
            # In step with the narration, which reads the three values out in turn.
            self.play(
                LaggedStart(
                    *(
                        AnimationGroup(GrowFromCenter(m), FadeIn(v, shift=0.2 * DOWN))
                        for m, v in zip(marks, values, strict=True)
                    ),
                    lag_ratio=0.6,
                ),
                run_time=3.0,
            )
