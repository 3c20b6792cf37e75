"""Part 3: distributions beyond dice and coins.

A coin and a die spread their probability over a handful of outcomes. A grey picture is an
outcome too: zoom in until its pixels are hard squares and each is a number. Two pixels
make a point on a plane, three a point in a cube, and the whole picture one point in a
space with an axis per pixel, among more possible pictures than a number with tens of
thousands of digits. A distribution over pictures gives each a probability: the noise that
fills almost all of the space gets none, and the faces, a tiny region, get it all.
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
    PixelImage,
    Readout,
    SceneParams,
    Txt,
    room_below_banner,
)
from scenes.kit.baseline import align_baselines
from scenes.kit.checks import whole_number
from scenes.kit.pixel_space import FAN, PixelSpace
from scenes.kit.pixel_zoom import PixelZoom
from scenes.kit.pixels import face_pixels
from scenes.kit.raster import gray_to_rgba, raster
from scenes.kit.samples import Scatter

# How tall (screen units) a bar of probability 1 is, for the coin and the die alike.
CHANCE_HEIGHT = 4.4
# The takeaway's banner reaches this far down the frame: the last picture stays below it.
BANNER_BOTTOM = 1.7
# The picture and its magnifier, side by side (screen units).
PICTURE_WIDTH = 5.0
# The coin and the die (screen units) and their bars.
COIN_RADIUS, DIE_SIZE = 0.7, 1.4
COIN_BAR, DIE_BAR, DIE_GAP = 1.2, 0.7, 0.3
# The space of pictures: its axes' length and how many other pictures crowd into it.
SPACE_SIZE, CROWD, CROWD_DOT = 3.4, 480, 0.03
# How much a pulse swells what it points at (never recolouring it).
PULSE = 1.15
# The grey scale under the magnifier: its height (screen units).
GREY_SCALE = 0.22
# Thumbnails in the row of pictures (screen units), and how many noise pictures flank the faces.
THUMB = 1.1
# A picture of the row starts as a speck this size (of its own) at its point of the space.
SEED_SCALE = 0.06
NOISE_EACH_SIDE = 2
# Every label, value and count: the body size, to read at 480p.
CHART_TEXT = "body"
# How large the picture stands beside the space of pictures (of its full width).
THUMB_SCALE = 0.55


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
    seed: int = 7  # the face pattern and its texture (the other faces and noise follow it)
    zoom: int = 4  # the zoomed block is zoom × zoom pixels
    die_faces: int = 6  # the fair die beside the coin (the die prop draws pips up to 6)
    faces: int = 3  # face pictures in the row of possible pictures

    def __post_init__(self) -> None:
        super().__post_init__()
        for name, low, high in (
            ("side", 8, 200),
            ("levels", 2, 4096),
            ("zoom", 3, 5),
            ("die_faces", 2, 6),
            ("faces", 1, 4),
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


def other_face(params: DistributionsParams, k: int) -> np.ndarray:
    """Another face for the row: its own seed, lit a little differently and set off-centre,
    so the faces read as different pictures of one kind."""
    face = face_pixels(params.side, params.levels, params.seed + k).astype(float)
    light = 0.8 + 0.3 * ((k * 5) % 3) / 2
    shift = (k % 2 * 2 - 1) * max(1, params.side // 16)
    face = np.roll(face * light, shift, axis=1)
    return np.clip(np.round(face), 0, params.levels - 1).astype(np.int64)


def thousands(n: int) -> str:
    """``10,000`` as narration and captions write it."""
    return f"{n:,}"


class Distributions(ExplainerScene):
    Params = DistributionsParams
    hook = "How big can a distribution get?"
    takeaway = (
        "A picture is one point in a space with an axis per pixel; "
        "a distribution says where pictures lie."
    )

    def setup(self) -> None:
        super().setup()
        params: DistributionsParams = self.params
        self.coin, self.die = it.fair_coin(), it.fair_die(params.die_faces)
        self.values = face_pixels(params.side, params.levels, params.seed)
        self.block = _busiest_block(self.values, params.zoom)

    # -- the storyboard -------------------------------------------------------------------

    def prelude(self) -> None:
        left, right, space = self.stage.left, self.stage.right, self.theme.space
        self.coin_prop = Coin("heads", radius=COIN_RADIUS)
        self.die_prop = Die(min(5, len(self.die)), size=DIE_SIZE)
        for prop, region in ((self.coin_prop, left), (self.die_prop, right)):
            region.place(prop, align=UP).shift(space.m * DOWN)
        self.play(FadeIn(self.coin_prop, scale=0.8), FadeIn(self.die_prop, scale=0.8), run_time=0.6)
        self.play(self.coin_prop.flip_to("tails"), self.die_prop.roll_to(2), run_time=1.0)

    def body(self) -> None:
        self.handful()
        self.picture_outcome()
        self.pixel_numbers()
        self.pixel_space()
        self.count()
        self.distribution()

    def handful(self) -> None:
        left, space = self.stage.left, self.theme.space
        coin_bars = DistributionBars(
            self.coin,
            role="p",
            key="coin",
            height=CHANCE_HEIGHT,
            bar_width=COIN_BAR,
            decimals=3,
            label_size=CHART_TEXT,
        )
        die_bars = DistributionBars(
            self.die,
            role="p",
            key="die",
            height=CHANCE_HEIGHT,
            bar_width=DIE_BAR,
            spacing=DIE_GAP,
            decimals=3,
            label_size=CHART_TEXT,
        )
        counts = VGroup()
        pairs = ((coin_bars, self.coin_prop), (die_bars, self.die_prop))
        for bars, prop in pairs:
            n = len(bars.outcomes)
            bars.shift(
                [prop.get_x() - bars.baseline.get_x(), left.bottom + space.xl - bars.base_y, 0]
            )
            counts.add(Txt(f"{n} outcomes", CHART_TEXT, "muted").next_to(bars, DOWN, buff=space.m))
        align_baselines(counts)
        self.handful_group = VGroup(self.coin_prop, self.die_prop, coin_bars, die_bars, counts)
        with self.beat(
            "coin-and-die",
            f"A coin spreads its probability over {len(self.coin)} outcomes, "
            f"a die over {len(self.die)}.",
        ) as record:
            # Each chart grows while its half of the sentence is said.
            each = max((record.lines[0].duration - 0.4) / 2, 1.0)
            for bars, count in zip((coin_bars, die_bars), counts, strict=True):
                self.play(
                    FadeIn(bars.baseline, bars.labels),
                    LaggedStart(*(GrowFromEdge(b, DOWN) for b in bars.bars), lag_ratio=0.15),
                    FadeIn(bars.values, shift=self.theme.space.xs * UP),
                    FadeIn(count, shift=self.theme.space.xs * UP),
                    run_time=each,
                )
                self.add(bars)

    def picture_outcome(self) -> None:
        params: DistributionsParams = self.params
        left, right, space = self.stage.left, self.stage.right, self.theme.space
        self.picture = PixelImage(self.values, levels=params.levels, width=PICTURE_WIDTH)
        left.place(self.picture).shift(space.m * UP)
        size_text = Txt(
            f"{params.side} × {params.side} pixels, {params.levels} grey levels",
            CHART_TEXT,
            "muted",
        ).next_to(self.picture, DOWN, buff=space.m)
        self.zoom = PixelZoom(self.picture, size=PICTURE_WIDTH).move_to(self.picture.image)
        zoom_place = right.place(self.zoom.copy()).match_y(self.picture).get_center()
        row, col = self.block
        # The first stretch of the zoom: far enough that the pixels show as squares.
        halfway = max(params.zoom * 3, params.side // 8)
        mid_row = int(np.clip(row - (halfway - params.zoom) // 2, 0, params.side - halfway))
        mid_col = int(np.clip(col - (halfway - params.zoom) // 2, 0, params.side - halfway))
        self.marker = self.zoom.marker()
        with self.beat(
            "image",
            f"A picture can be an outcome too: {params.side} by {params.side} pixels, "
            "in shades of grey.",
        ) as record:
            self.play(FadeOut(self.handful_group, shift=self.theme.space.l * UP), run_time=0.6)
            self.play(FadeIn(self.picture, scale=0.9), FadeIn(size_text), run_time=0.8)
            # A magnifier slides out of the picture, a box on the picture saying where it looks.
            self.add(self.zoom)
            self.play(self.zoom.animate.move_to(zoom_place), Create(self.marker), run_time=0.8)
            self.play(
                self.zoom.zoom_to(mid_row, mid_col, halfway),
                run_time=max(record.lines[0].end - self.time, 1.5),
            )
            self.show("picture", self.picture)
        self.size_text = size_text

    def pixel_numbers(self) -> None:
        params: DistributionsParams = self.params
        space = self.theme.space
        row, col = self.block
        n = params.zoom
        strip = raster(
            gray_to_rgba(np.arange(params.levels)[None, :], params.levels),
            width=PICTURE_WIDTH * 0.7,
            height=GREY_SCALE,
        )
        strip.next_to(self.zoom, DOWN, buff=space.m)
        ends = VGroup(
            Txt("0", CHART_TEXT, "muted").next_to(strip, LEFT, buff=space.s),
            Txt(str(params.levels - 1), CHART_TEXT, "muted").next_to(strip, RIGHT, buff=space.s),
        )
        scale = Group(strip, ends)
        with self.beat(
            "pixels",
            f"Look closely and each pixel is a number, from 0 for black to "
            f"{params.levels - 1} for white.",
        ) as record:
            self.play(self.zoom.zoom_to(row, col, n), run_time=1.6)
            # The squares take over from the view, exactly where its pixels were.
            cells = self.zoom.cells(label_size=CHART_TEXT)
            for cell in cells:
                cell[1].set_fill(opacity=0)
            self.add(cells)
            self.remove(self.zoom.view)
            self.play(
                LaggedStart(*(c[1].animate.set_fill(opacity=1) for c in cells), lag_ratio=0.06),
                FadeIn(scale, shift=self.theme.space.xs * UP),
                run_time=max(record.lines[0].end - self.time, 1.2),
            )
            self.show("zoomed", (row, col, cells))
        self.cells, self.scale_bar = cells, scale

    def pixel_space(self) -> None:
        params: DistributionsParams = self.params
        left, right, space = self.stage.left, self.stage.right, self.theme.space
        firsts = [int(v) for v in self.values[self.block[0], self.block[1] : self.block[1] + 3]]
        self.space = PixelSpace(
            firsts,
            levels=params.levels,
            size=SPACE_SIZE,
            label_size=CHART_TEXT,
            tick_size=CHART_TEXT,
        ).centre_in(right)
        # The left column: the picture, small, over the pixels being placed.
        thumb_target = self.picture.copy().scale(THUMB_SCALE)
        left.place(thumb_target, align=UP)
        self.thumb_target = thumb_target
        chosen = [self.cells[k] for k in range(3)]
        row_of = VGroup(*(c.copy() for c in chosen)).arrange(RIGHT, buff=0)
        row_of.next_to(thumb_target, DOWN, buff=space.l)
        dims = params.dimensions
        dims_readout = Readout(
            f'"dimensions" = {params.side}^2', dims, unit=None, decimals=0, key="dimensions"
        )
        dims_readout.next_to(row_of, DOWN, buff=space.l).match_x(thumb_target)
        rest = [c for k, c in enumerate(self.cells) if k >= 3]
        with self.beat("space", "Two pixels make a point on a plane.") as record:
            self.marker.clear_updaters()
            self.play(
                FadeOut(
                    VGroup(*rest), self.scale_bar, self.zoom.frame, self.marker, self.size_text
                ),
                Transform(self.picture, thumb_target),
                *(Transform(c, t) for c, t in zip(chosen, row_of, strict=True)),
                run_time=0.9,
            )
            self.add(self.space)
            self.play(
                chosen[2].animate.set_opacity(0.25),
                self.space.plane(),
                run_time=max(record.lines[0].end - self.time, 1.5),
            )
            line = self.say("Three make a point in a cube.")
            self.play(
                chosen[2].animate.set_opacity(1),
                self.space.cube(),
                run_time=max(line.end - self.time, 1.5),
            )
            line = self.say(
                f"The whole picture is one point in a space of {thousands(dims)} dimensions."
            )
            self.play(self.space.many(), run_time=1.6)
            self.space.settle()
            self.show("space", self.space)
            self.play(
                FadeIn(dims_readout, shift=self.theme.space.xs * UP),
                Indicate(self.space.dot, scale_factor=1.8, color=self.theme.color.highlight),
                run_time=max(line.end - self.time, 0.8),
            )
        self.row_of, self.dims_readout = VGroup(*chosen), dims_readout

    def count(self) -> None:
        params: DistributionsParams = self.params
        space = self.theme.space
        levels, dims = params.levels, params.dimensions
        log10 = dims * it.entropy(np.full(levels, 1.0 / levels), unit=10)
        digits = digits_of_power(levels, dims)
        total = Txt(f"${levels}^({dims})$ pictures", "body")
        log_readout = Readout(
            f"log_(10) {levels}^({dims})", log10, unit=None, decimals=1, key="log10"
        )
        digits_readout = Readout('"digits"', digits, unit=None, decimals=0, key="digits")
        facts = VGroup(total, log_readout, digits_readout).arrange(DOWN, buff=space.m)
        facts.next_to(self.thumb_target, DOWN, buff=space.l)
        cloud = self.picture_cloud()
        with self.beat(
            "count",
            f"There are {levels} to the power {thousands(dims)} of them: "
            f"a number with {thousands(digits)} digits.",
        ) as record:
            self.play(
                FadeOut(self.row_of, self.dims_readout, shift=self.theme.space.s * DOWN),
                Write(total),
                run_time=1.0,
            )
            self.remove(self.cells)  # all faded by now
            # Every other picture is another point of the space: they crowd in for as long
            # as the count is said, the digits landing with its last words.
            self.play(
                FadeIn(log_readout, shift=self.theme.space.xs * UP),
                UpdateFromAlphaFunc(cloud, cloud.fill_to),
                run_time=max(record.lines[0].end - self.time - 1.4, 1.4),
            )
            self.play(FadeIn(digits_readout, shift=self.theme.space.xs * UP), run_time=0.6)
            self.play(
                digits_readout.animate(rate_func=there_and_back).scale(PULSE),
                run_time=max(record.lines[0].end - self.time, 0.8),
            )
        self.facts, self.cloud = facts, cloud

    def picture_cloud(self) -> Scatter:
        """Other pictures as faint points scattered through the drawn space (seeded), clear
        of the labels; ``fill_to(cloud, alpha)`` shows the first ``alpha`` of them."""
        space = self.space
        rng = np.random.default_rng(self.params.seed)
        count = CROWD
        angles = rng.uniform(*FAN, count)
        radii = space.size * np.sqrt(rng.uniform(0.02, 1.0, count))
        points = space.origin + radii[:, None] * np.column_stack(
            [np.cos(angles), np.sin(angles), np.zeros(count)]
        )
        margin = self.theme.space.s
        keep = np.ones(count, dtype=bool)
        for label in (*space.names, space.coordinates, space.dot):
            low, high = label.get_corner(DL) - margin, label.get_corner(UR) + margin
            keep &= ~np.all((points[:, :2] > low[:2]) & (points[:, :2] < high[:2]), axis=1)
        points = points[keep]
        self.crowd = points  # where the other pictures stand in the space
        cloud = Scatter(radius=CROWD_DOT, color="muted", opacity=0.75)

        def fill_to(mob: Scatter, alpha: float) -> None:
            mob.set_centres(points[: max(1, round(alpha * len(points)))])

        cloud.fill_to = fill_to
        fill_to(cloud, 0.0)
        return cloud

    def distribution(self) -> None:
        params: DistributionsParams = self.params
        space, main = self.theme.space, self.stage.main
        rng = np.random.default_rng(params.seed)
        faces = [self.values] + [other_face(params, k) for k in range(1, params.faces)]
        noise = [
            rng.integers(0, params.levels, size=(params.side, params.side))
            for _ in range(2 * NOISE_EACH_SIDE)
        ]
        # The row: noise, a gap that stands for far more noise, the faces, a gap, noise.
        slots = (
            ["noise"] * NOISE_EACH_SIDE
            + ["gap"]
            + ["face"] * params.faces
            + ["gap"]
            + ["noise"] * NOISE_EACH_SIDE
        )
        names = [f"{kind}{k}" for k, kind in enumerate(slots)]
        shares = [1.0 / params.faces if kind == "face" else 0.0 for kind in slots]
        dist = it.categorical(names, shares)
        # The faces' bars reach up to just under the banner.
        chart = DistributionBars(
            dist,
            role="p",
            key="pictures",
            height=1.0,
            bar_width=THUMB,
            spacing=space.m,
            show_values=False,
        )
        chart.remove(chart.labels)
        thumbs, noise_iter, face_iter = Group(), iter(noise), iter(faces)
        for k, kind in enumerate(slots):
            x = chart.bars[k].get_x()
            if kind == "gap":
                mark = Txt("…", "heading", "muted")
            else:
                values = next(face_iter) if kind == "face" else next(noise_iter)
                mark = PixelImage(values, levels=params.levels, width=THUMB)
            mark.move_to([x, 0, 0])
            thumbs.add(mark)
        thumbs.next_to(chart.baseline, DOWN, buff=space.s)
        for mark, bar in zip(thumbs, chart.bars, strict=True):
            mark.match_x(bar)
        face_slots = [k for k, kind in enumerate(slots) if kind == "face"]
        groups = [
            (range(0, face_slots[0]), "noise"),
            (face_slots, "faces: a tiny region"),
            (range(face_slots[-1] + 1, len(slots)), "noise"),
        ]
        braces = VGroup()
        for members, text in groups:
            brace = Brace(
                Group(*(thumbs[k] for k in members)),
                DOWN,
                buff=space.xs,
                color=self.theme.color.muted,
            )
            braces.add(brace, Txt(text, CHART_TEXT, "muted").next_to(brace, DOWN, buff=space.xs))
        row = Group(chart, thumbs, braces)
        row.move_to([main.center[0], 0, 0]).align_to([0, main.bottom + space.s, 0], DOWN)
        tallest = max(shares)
        chart.unit_height = (BANNER_BOTTOM - space.s - chart.base_y) / tallest
        chart.set_probs(dist)
        picture_slot = thumbs[face_slots[0]]
        # What we counted stands over the noise on the left; the name of the bars on the right.
        left_noise = Group(*(thumbs[k] for k in groups[0][0]))
        right_noise = Group(*(thumbs[k] for k in groups[2][0]))
        # Closer lines, so the facts fit between the row and the takeaway's banner.
        facts_target = self.facts.copy().arrange(DOWN, buff=space.s)
        facts_target.next_to(chart.baseline, UP, buff=space.m).match_x(left_noise)
        room = room_below_banner(self.stage, self.takeaway)
        if facts_target.get_top()[1] > room.top:  # a long count: shrink to fit, never crowd
            facts_target.scale(
                (room.top - facts_target.get_bottom()[1]) / facts_target.height,
                about_edge=DOWN,
            )
        label = Formula('{{ p : p }}("picture")', "heading")
        label.next_to(right_noise, UP, buff=space.xl).match_x(right_noise)
        # Each picture of the row grows out of a point of the space: the faces from points
        # beside our picture's, the noise from anywhere in the crowd.
        near = np.argsort(np.linalg.norm(self.crowd - self.space.dot.get_center(), axis=1))
        spread = np.random.default_rng(params.seed + 1).permutation(len(self.crowd))
        sources = iter(self.crowd[near[: params.faces]])
        far = iter(self.crowd[spread])
        pictures, gaps = [], []
        for k, mark in enumerate(thumbs):
            if mark is picture_slot:
                continue
            if slots[k] == "gap":
                gaps.append(mark)
                continue
            place = mark.copy()
            mark.scale(SEED_SCALE).move_to(next(sources) if slots[k] == "face" else next(far))
            pictures.append((mark, place))
        with self.beat(
            "distribution", "A distribution gives each picture a probability."
        ) as record:
            self.play(
                FadeOut(self.space),
                Transform(self.facts, facts_target),
                Transform(self.picture, picture_slot),
                run_time=1.0,
            )
            self.play(
                FadeIn(chart.baseline),
                FadeIn(label),
                FadeOut(self.cloud),
                LaggedStart(*(Transform(m, place) for m, place in pictures), lag_ratio=0.1),
                FadeIn(*gaps),
                run_time=max(record.lines[0].end - self.time, 1.4),
            )
            line = self.say(
                "Almost all are noise; the faces fill a tiny region, "
                "where the probability piles up."
            )
            self.play(
                LaggedStart(
                    *(FadeIn(b, shift=self.theme.space.xs * DOWN) for b in braces), lag_ratio=0.2
                ),
                run_time=1.0,
            )
            self.play(
                LaggedStart(
                    *(GrowFromEdge(chart.bars[k], DOWN) for k in face_slots), lag_ratio=0.2
                ),
                run_time=max(line.end - self.time - 0.2, 1.2),
            )
            self.add(chart)
            self.show("row", (slots, dist, chart))
        self.focus = VGroup(*(chart.bars[k] for k in face_slots))

    def finale(self) -> None:
        """While the takeaway is said: our picture (one point), the count of all pictures
        (one axis per pixel), then where the distribution puts its probability."""
        mark = self.theme.color.highlight
        self.play(
            LaggedStart(
                Circumscribe(self.picture, color=mark),
                Circumscribe(self.facts, color=mark),
                Circumscribe(self.focus, color=mark),
                lag_ratio=0.8,
            ),
            run_time=max(self.narrator.free_at - self.time, 2.0),
        )
