"""Extra scene `password-bits`: how many bits a random password holds.

A password of ``n`` characters, each drawn on its own and uniformly from an alphabet of
``N``, is one of ``Nⁿ`` equally likely strings. Its entropy is ``n log2 N`` bits: ``n``
blocks of ``log2 N``, which is what the kit's :class:`QuantityBar` draws. The total is
infotheory's ``entropy_of_draws`` (never the ``Nⁿ`` table), so the blocks filling the
brace is the additivity of independent draws, shown. A smaller alphabet shrinks every
block at once.

Built by `explainer new password-bits`, then written from the kit alone (QuantityBar,
Formula, Readout) and infotheory (``uniform``, ``entropy``, ``entropy_of_draws``); the
guide walks through it beat by beat.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    ChanceStrip,
    ExplainerScene,
    Formula,
    QuantityBar,
    Readout,
    SceneParams,
    Txt,
    format_value,
    log_symbol,
    log_words,
    unit_word,
)
from scenes.kit.checks import whole_number

TITLE = "How many bits is a password?"  # read by the registry without importing this file

# The alphabets a password may be drawn from, and how the narration names them.
PRINTABLE = string.digits + string.ascii_letters + string.punctuation  # the 94 of ASCII
ALPHABETS = {
    "digits": (string.digits, "digits"),
    "lower": (string.ascii_lowercase, "lower-case letters"),
    "letters": (string.ascii_letters, "letters"),
    "alphanumeric": (string.ascii_letters + string.digits, "letters and digits"),
    "printable": (
        string.ascii_letters + string.digits + string.punctuation,
        "printable characters",
    ),
}


@dataclass(frozen=True)
class PasswordBitsParams(SceneParams):
    """The example: a password's length, its alphabet, and a smaller alphabet to compare.

    ``--set length=8 --set alphabet=alphanumeric --set smaller=digits``.
    """

    length: int = 12  # characters
    alphabet: str = "printable"
    smaller: str = "lower"  # the alphabet of the last beat: fewer bits a character
    seed: int = 7  # which example password is shown

    def __post_init__(self) -> None:
        super().__post_init__()
        whole_number("length", self.length, 4, 12)
        for name in ("alphabet", "smaller"):
            value = getattr(self, name)
            if value not in ALPHABETS:
                raise ValueError(f"{name} must be one of {', '.join(ALPHABETS)}, not {value!r}")
        if len(self.characters(self.smaller)) >= len(self.characters(self.alphabet)):
            raise ValueError(
                f"smaller ({self.smaller}) must have fewer characters than "
                f"alphabet ({self.alphabet})"
            )
        whole_number("seed", self.seed, 0)

    def characters(self, alphabet: str) -> it.Distribution:
        """One character drawn uniformly from ``alphabet``."""
        return it.uniform(list(ALPHABETS[alphabet][0]))

    def example(self, alphabet: str) -> list[str]:
        """A password drawn from ``alphabet``, the same positions of the same seed."""
        rng = np.random.default_rng(self.seed)
        return [str(c) for c in rng.choice(list(ALPHABETS[alphabet][0]), size=self.length)]


class PasswordBits(ExplainerScene):
    Params = PasswordBitsParams
    hook = "How hard is a random password to guess?"
    takeaway = "A random password holds its length times the bits of one character."

    def body(self) -> None:
        params: PasswordBitsParams = self.params
        unit, log, n = self.unit, log_symbol(self.unit), params.length
        rich, poor = params.characters(params.alphabet), params.characters(params.smaller)
        per_char, total = it.entropy(rich, unit=unit), it.entropy_of_draws(rich, n, unit=unit)
        fewer, fewer_total = it.entropy(poor, unit=unit), it.entropy_of_draws(poor, n, unit=unit)

        # One scale for both rows, so their lengths compare: the first fills 9 units.
        scale = 9.0 / total
        bar = self._row(params.example(params.alphabet), per_char, total, scale, "password")
        bar.shift(LEFT_END - bar.origin + 0.5 * UP)
        name = self._name(len(rich), params.alphabet).next_to(bar.blocks, RIGHT, buff=0.4)
        one = Formula(f"{{{{ H_1 : entropy }}}} = {log} {len(rich)}")
        per = Readout(
            "H_1",
            per_char,
            unit=unit,
            key="char",
            color="entropy",
            label_color="entropy",
            decimals=2,
        )
        VGroup(one, per).arrange(RIGHT, buff=1.2).move_to(2.9 * UP)
        # The alphabet as a strip of equal chances; the first character's cell is drawn.
        first = params.example(params.alphabet)[0]
        strip = ChanceStrip(rich, width=bar.blocks.width, height=0.35, role="p")
        strip.shift(LEFT_END - strip.get_left() + 1.7 * DOWN)
        chance = Readout(
            "p",
            rich.probability(first),
            unit=None,
            key="p",
            color="p",
            label_color="p",
            size="label",
        ).next_to(strip, RIGHT, buff=0.4)
        with self.beat(
            "one",
            f"One character, drawn at random from {len(rich)} {ALPHABETS[params.alphabet][1]}, "
            f"carries the {log_words(unit)} of {len(rich)}: "
            f"{format_value(per_char, 2)} {unit_word(unit)}.",
        ):
            self.play(FadeIn(strip), FadeIn(name))
            self.play(strip.light(first), FadeIn(chance))
            self.play(Write(one), Create(bar.zero))
            self.play(TransformFromCopy(strip.cell(first), bar.blocks[0]), FadeIn(bar.labels[0]))
            self.play(FadeIn(per, shift=0.2 * UP))

        every = Formula(f"{{{{ H : entropy }}}} = {n} times {log} {len(rich)}").move_to(one)
        with self.beat(
            "all",
            f"Each of the {n} characters is drawn on its own, so their bits add up: "
            f"{format_value(total, 2)} {unit_word(unit, total)} in all.",
        ):
            self.play(
                bar.grow(1),
                strip.light(*params.example(params.alphabet)[1:], lag_ratio=0.5),
                run_time=2.0,
            )
            self.play(TransformMatchingShapes(one, every), bar.show_total())
            self.add(bar)

        # The smaller alphabet starts as a copy of the first row and shrinks: same length,
        # fewer bits in every character.
        small = self._row(params.example(params.smaller), per_char, total, scale, "fewer")
        small.shift(LEFT_END - small.origin + 1.9 * DOWN)
        small_name = self._name(len(poor), params.smaller)
        small_name.next_to(small.blocks, RIGHT, buff=0.4)
        fewer_formula = Formula(f"{{{{ H : entropy }}}} = {n} times {log} {len(poor)}")
        fewer_formula.move_to(every)
        with self.beat(
            "alphabet",
            f"From {ALPHABETS[params.smaller][1]} alone, each character carries only "
            f"{format_value(fewer, 2)} {unit_word(unit)}: {format_value(fewer_total, 2)} "
            f"in all, for the same {n} characters.",
        ):
            self.play(FadeOut(strip), FadeOut(chance), run_time=0.6)
            self.play(
                TransformFromCopy(bar.blocks, small.blocks),
                TransformFromCopy(bar.brace, small.brace),
                TransformFromCopy(bar.total_readout, small.total_readout),
                FadeIn(small.zero),
            )
            small_name.next_to(small.blocks, RIGHT, buff=0.4)
            self.add(small)
            self.remove(small.labels)
            self.play(
                small.to([fewer] * n, total=fewer_total),
                per.animate_to(fewer),
                TransformMatchingShapes(every, fewer_formula),
                UpdateFromFunc(small_name, lambda m: m.next_to(small.blocks, RIGHT, buff=0.4)),
                run_time=2.0,
            )
            self.play(FadeIn(small.labels), FadeIn(small_name))

    def _row(
        self, example: list[str], per_char: float, total: float, scale: float, key: str
    ) -> QuantityBar:
        """A password as a row of blocks, one per character, labelled with the example."""
        return QuantityBar(
            [per_char] * len(example),
            labels=example,
            total=total,
            total_label="H",
            unit=self.unit,
            values=False,
            unit_length=scale,
            thickness=0.75,
            size="label",
            key=key,
        )

    @staticmethod
    def _name(size: int, alphabet: str) -> Txt:
        """The alphabet beside its row: "94 printable" over "characters"."""
        first, _, rest = ALPHABETS[alphabet][1].partition(" ")
        return Txt(f"{size} {first}\n{rest}" if rest else f"{size} {first}", "label", "muted")


LEFT_END = np.array([-6.0, 0.0, 0.0])  # where both rows start
