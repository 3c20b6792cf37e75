"""Part 3: distributions beyond dice and coins.

A coin and a die are distributions over a handful of outcomes. A grayscale
image is an outcome too: zoom in and every pixel is a number; read its rows one
after another and the picture is a single point in a space with one dimension
per pixel. Counting the possible images gives a number with tens of thousands
of digits, all computed from the image's side, its grey levels and a seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    Coin,
    Die,
    DistributionBars,
    ExplainerScene,
    Formula,
    Readout,
    SceneParams,
    Txt,
)
from scenes.kit.baseline import align_baselines
from scenes.kit.checks import whole_number
from scenes.kit.pixels import PixelImage, face_pixels


def digits_of_power(base: int, exponent: int) -> int:
    """How many decimal digits ``base ** exponent`` has (``base >= 2``, ``exponent >= 1``).

    ``exponent · log10(base)`` is ``exponent`` times the entropy, in base-10 units,
    of a uniform choice among ``base`` levels (from :mod:`infotheory`); the count
    is then checked exactly with integers, so a power of ten is not off by one.
    """
    per_symbol = it.entropy(np.full(base, 1.0 / base), unit=10)
    digits = math.floor(exponent * per_symbol) + 1
    value = base**exponent
    while value >= 10**digits:
        digits += 1
    while digits > 1 and value < 10 ** (digits - 1):
        digits -= 1
    return digits


@dataclass(frozen=True)
class DistributionsParams(SceneParams):
    """Example values for part 3."""

    side: int = 100  # the image is side × side pixels
    levels: int = 256  # grey levels per pixel (0 black … levels-1 white)
    seed: int = 7  # the face pattern and its texture
    zoom: int = 4  # the zoomed block is zoom × zoom pixels
    die_faces: int = 6  # the fair die beside the coin (the die prop draws pips up to 6)

    def __post_init__(self) -> None:
        super().__post_init__()
        for name, low, high in (
            ("side", 8, 200),
            ("levels", 2, 4096),
            ("zoom", 2, 5),
            ("die_faces", 2, 6),
        ):
            whole_number(name, getattr(self, name), low, high)
        whole_number("seed", self.seed, 0)
        if self.zoom > self.side:
            raise ValueError(f"zoom = {self.zoom} is larger than the image side = {self.side}")

    @property
    def dimensions(self) -> int:
        return self.side * self.side


def _busiest_block(values: np.ndarray, n: int) -> tuple[int, int]:
    """Top-left corner of the n × n block with the widest spread of values (an edge)."""
    best, where = -1.0, (0, 0)
    step = max(1, n // 2)
    for r in range(0, values.shape[0] - n + 1, step):
        for c in range(0, values.shape[1] - n + 1, step):
            block = values[r : r + n, c : c + n]
            spread = float(block.max() - block.min())
            if spread > best:
                best, where = spread, (r, c)
    return where


class Distributions(ExplainerScene):
    Params = DistributionsParams
    hook = "How big can a distribution get?"
    takeaway = (
        "An image is a single point in a space with one dimension per pixel; "
        "models learn distributions over such spaces."
    )

    def body(self) -> None:
        params: DistributionsParams = self.params
        side, levels, dims = params.side, params.levels, params.dimensions
        coin, die = it.fair_coin(), it.fair_die(params.die_faces)

        # -- a coin and a die: a handful of bars -------------------------------------
        left, right = -3.6, 3.1
        coin_bars = DistributionBars(coin, role="p", key="coin", height=3.6, bar_width=0.85)
        die_bars = DistributionBars(
            die, role="p", key="die", height=3.6, bar_width=0.6, spacing=0.32
        )
        for bars, x in ((coin_bars, left), (die_bars, right)):
            bars.shift(np.array([x, -1.1, 0]) - bars.baseline.get_center())
        coin_prop = Coin("heads", radius=0.55).move_to([left, 1.9, 0])
        die_prop = Die(min(5, len(die)), size=1.1).move_to([right, 1.9, 0])
        counts = VGroup(
            Txt(f"{len(coin)} outcomes", "label", "muted").next_to(coin_bars, DOWN, buff=0.35),
            Txt(f"{len(die)} outcomes", "label", "muted").next_to(die_bars, DOWN, buff=0.35),
        )
        align_baselines(counts)
        with self.beat(
            "coin-and-die",
            f"A coin spreads its probability over {len(coin)} outcomes, a die over "
            f"{len(die)}: a handful of bars.",
        ):
            self.play(FadeIn(coin_prop, scale=0.8), FadeIn(die_prop, scale=0.8), run_time=0.6)
            self.play(coin_prop.flip_to("tails"), die_prop.roll_to(2), run_time=1.0)
            for bars in (coin_bars, die_bars):
                self.play(
                    FadeIn(bars.baseline, bars.labels),
                    LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars.bars), lag_ratio=0.1),
                    FadeIn(bars.values),
                    run_time=0.9,
                )
                self.add(bars)
            self.play(FadeIn(counts, shift=0.15 * UP), run_time=0.5)

        # -- an image: one outcome of a far bigger distribution -----------------------
        values = face_pixels(side, levels, params.seed)
        picture = PixelImage(values, levels=levels, width=4.6).move_to(0.25 * UP)
        self.picture = picture
        size_text = Txt(f"{side} × {side} pixels, {levels} grey levels", "label", "muted").next_to(
            picture, DOWN, buff=0.3
        )
        with self.beat(
            "image",
            f"In machine learning an outcome can be a whole image: "
            f"{side} by {side} pixels, in shades of grey.",
        ):
            small = VGroup(coin_prop, die_prop, coin_bars, die_bars, counts)
            self.play(FadeOut(small, shift=0.5 * UP), run_time=0.7)
            self.play(FadeIn(picture, scale=0.9), run_time=1.0)
            self.play(FadeIn(size_text, shift=0.15 * UP), run_time=0.5)

        # -- zoom: every pixel is a number ----------------------------------------------
        n = params.zoom
        row, col = _busiest_block(values, n)
        cell = min(0.8, 3.2 / n)
        with self.beat(
            "pixels",
            f"Zoom in and each pixel is just a number: its brightness, from 0 for black "
            f"to {levels - 1} for white.",
        ):
            self.play(
                Group(picture, size_text).animate.move_to([-3.5, 0.15, 0]),
                run_time=0.8,
            )
            marker = picture.block_marker(row, col, n)
            blowup = picture.magnify(row, col, n, cell=cell).move_to([2.6, 0.5, 0])
            self.zoomed = (row, col, blowup)
            lines = picture.zoom_lines(marker, blowup)
            scale_text = Txt(f"0 = black, {levels - 1} = white", "label", "muted").next_to(
                blowup, DOWN, buff=0.35
            )
            self.play(Create(marker), run_time=0.4)
            self.play(
                Create(lines),
                TransformFromCopy(marker, VGroup(*(c[0] for c in blowup))),
                run_time=0.9,
            )
            self.play(
                LaggedStart(*(FadeIn(c[1]) for c in blowup), lag_ratio=0.05),
                FadeIn(scale_text),
                run_time=0.8,
            )
            self.add(blowup)

        # -- unroll: the image as one long vector ---------------------------------------
        column = picture.column(height=6.1, width=0.35).move_to([0.1, 0.1, 0])
        first = Formula("x_1", "label", "muted").next_to(column.get_corner(UR), RIGHT, buff=0.2)
        last = Formula(f"x_({dims})", "label", "muted").next_to(
            column.get_corner(DR), RIGHT, buff=0.2
        )
        first.align_to(column, UP)
        last.align_to(column, DOWN)
        dims_readout = Readout(
            f'"dimensions" = {side}^2', dims, unit=None, decimals=0, key="dimensions"
        )
        dims_readout.move_to([4.0, 1.7, 0])
        with self.beat(
            "unroll",
            f"Read the rows one after another and the image becomes {dims:,} numbers: "
            f"one point in a space of {dims:,} dimensions.",
        ):
            self.play(FadeOut(VGroup(blowup, lines, marker, scale_text)), run_time=0.5)
            unrolling = picture.unroll(column, single_rows=6, run_time=4.0)
            unrolling.start(self)
            self.play(unrolling.animation)
            unrolling.finish(self)
            self.play(FadeIn(first), FadeIn(last), FadeIn(dims_readout, shift=0.2 * LEFT))

        # -- how many images? ---------------------------------------------------------
        log10 = dims * it.entropy(np.full(levels, 1.0 / levels), unit=10)
        digits = digits_of_power(levels, dims)
        count = Formula(f'"possible images" = {levels}^({dims})', "body")
        log_readout = Readout(
            f"log_(10) {levels}^({dims})", log10, unit=None, decimals=1, key="log10"
        )
        digits_readout = Readout(
            '"digits"', digits, unit=None, decimals=0, key="digits", color="highlight"
        )
        facts = VGroup(count, log_readout, digits_readout).arrange(
            DOWN, aligned_edge=LEFT, buff=0.45
        )
        facts.next_to(dims_readout, DOWN, buff=0.7).align_to(dims_readout, LEFT)
        with self.beat(
            "count",
            f"How many such images are there? {levels} to the power {dims:,}: "
            f"a number with {digits:,} digits.",
        ):
            self.play(Write(count), run_time=1.0)
            self.play(FadeIn(log_readout, shift=0.15 * UP), run_time=0.6)
            self.play(FadeIn(digits_readout, shift=0.15 * UP), run_time=0.6)
            self.play(Circumscribe(digits_readout, color=self.theme.color.highlight))
