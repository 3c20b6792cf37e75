"""Part 11: training minimises cross-entropy, which is minimising KL.

The data are pictures of shapes drawn in five greys; counting their pixels by shade
gives p, the data's mix of greys. The model, q = softmax(θ), has one knob per shade
and draws every pixel on its own. Gradient descent on the cross-entropy
(``it.fit_softmax``) turns the knobs: the model's bars fill the data's outlines, the
loss falls to a floor at H(p), and the stacked bar riding under the loss drains its KL
from the first step to the last, its entropy never moving. Trained, the model's own
pictures have the data's mix of greys and no shapes: it knows only the mix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from manim import *

import infotheory as it
from scenes.kit import (
    CrossEntropyCurve,
    DistributionBars,
    ExplainerScene,
    Formula,
    GhostBars,
    Knobs,
    PixelSamples,
    Readout,
    Region,
    SceneParams,
    StackedBar,
    Txt,
    current_theme,
    extent,
    fit_bars,
    format_value,
    nice_ticks,
    pulse,
    room_below_banner,
    shape_pictures,
    tinted,
    unit_word,
)
from scenes.kit.checks import is_number, whole_number
from scenes.kit.pixel_samples import shade
from scenes.kit.shapes import SHAPES

CLEARANCE = 0.6  # nothing comes nearer the frame's edge than this: 80 px at 1080p
PIXEL_MAX = 0.17  # the largest a pixel of the pictures is drawn
SIDE = 10  # pixels along a picture's side
RIDER = 0.22  # the width of the stacked bar riding under the loss
KNOB = 0.22  # a knob's radius
READOUT_SIZE = "label"  # the loss's read-outs, and its axes' tick labels
PICTURES_SHARE = 0.56  # the share of the left half's height the pictures get beside the loss
PRELUDE_WIDTH = 0.75  # the share of the stage's width the data's pictures fill at first


@dataclass(frozen=True)
class TrainingParams(SceneParams):
    """Example values for part 11."""

    # The shades, darkest first, and the data's mix of them: the pictures of `shapes` are
    # drawn with exactly these shares of their pixels.
    outcomes: tuple[str, ...] = ("black", "dark", "grey", "light", "white")
    target: tuple[float, ...] = (0.4, 0.25, 0.15, 0.12, 0.08)
    shapes: tuple[str, ...] = ("ring", "cross", "square")
    # The untrained model's logits θ: it starts out believing light pixels are common.
    initial_logits: tuple[float, ...] = (-1.0, -0.5, 0.0, 0.5, 1.0)
    learning_rate: float = 0.5
    steps: int = 20
    early: int = 4  # the steps run while the first sentence of training is said
    seed: int = 3  # which pictures the model draws

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            target = it.categorical(self.outcomes, self.target)
        except (TypeError, ValueError) as error:
            raise ValueError(f"target: {error}") from None
        if not 2 <= len(target) <= 8:
            raise ValueError(f"target needs 2 to 8 shades, not {len(target)}")
        if not self.shapes or any(name not in SHAPES for name in self.shapes):
            raise ValueError(f"shapes must name one to four of {', '.join(SHAPES)}")
        if len(self.shapes) > 4:
            raise ValueError(f"shapes must name one to four pictures, not {len(self.shapes)}")
        pixels = self.pixels
        counts = np.asarray(self.target) * pixels
        if not np.allclose(counts, np.round(counts), atol=1e-6):
            raise ValueError(
                f"target: each share must be a whole number of the {pixels} pixels of the "
                f"data pictures (a multiple of 1/{pixels}), not {self.target!r}"
            )
        logits = np.asarray(self.initial_logits, dtype=float)
        if logits.shape != (len(target),) or not np.all(np.isfinite(logits)):
            raise ValueError(
                f"initial_logits must be {len(target)} finite numbers, one per outcome, "
                f"not {self.initial_logits!r}"
            )
        if not is_number(self.learning_rate) or not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be a positive number, not {self.learning_rate!r}")
        whole_number("steps", self.steps, 2, 200)
        whole_number("early", self.early, 1, self.steps - 1)
        whole_number("seed", self.seed, 0)

    @property
    def pixels(self) -> int:
        """How many pixels the data pictures have in all."""
        return len(self.shapes) * SIDE * SIDE

    @property
    def p(self) -> it.Distribution:
        return it.categorical(self.outcomes, self.target)

    def data(self) -> np.ndarray:
        """The data pictures' shade indices, ``(len(shapes), SIDE, SIDE)``: exactly the
        target's share of pixels in each shade."""
        counts = np.round(np.asarray(self.target) * self.pixels).astype(int)
        return shape_pictures(self.shapes, counts, SIDE, SIDE)

    def trajectory(self) -> it.FitTrajectory:
        return it.fit_softmax(
            self.target,
            self.initial_logits,
            learning_rate=self.learning_rate,
            steps=self.steps,
            unit=self.unit,
        )


class Training(ExplainerScene):
    Params = TrainingParams
    hook = "How does a model learn from data?"
    takeaway = "Minimising cross-entropy is minimising KL: the data's entropy stays."

    def body(self) -> None:
        self.data()
        self.model()
        self.train()
        self.generate()

    # -- what the scene shows ------------------------------------------------------------

    @cached_property
    def traj(self) -> it.FitTrajectory:
        return self.params.trajectory()

    @cached_property
    def regions(self) -> tuple[Region, Region]:
        """The pictures and the model's bars on the left, the loss on the right, all under
        the takeaway's banner and 80 px off the frame's edges."""
        space, main = self.theme.space, self.stage.main
        inset = CLEARANCE - self.theme.margin
        top = room_below_banner(self.stage, self.takeaway_line(), self.takeaway_formula()).top
        inside = Region("inside", main.left + inset, main.right - inset, main.bottom, top)
        return tuple(inside.split(2, gutter=space.xl))

    @cached_property
    def big(self) -> _Bench:
        """The pictures and the bars alone on stage: pictures left, bars right, large."""
        space, main = self.theme.space, self.stage.main
        inset = CLEARANCE - self.theme.margin
        stage = Region(
            "stage", main.left + inset, main.right - inset, main.bottom, main.top - inset
        )
        # The pictures get the larger share: their pixels are the point.
        split = stage.left + (stage.width - space.xl) * 0.56
        left = Region("pictures", stage.left, split, stage.bottom, stage.top)
        right = Region("bars", split + space.xl, stage.right, stage.bottom, stage.top)
        return _Bench(self.params, self.traj, left, right, knob=KNOB * 1.4)

    @cached_property
    def home(self) -> _Bench:
        """The pictures over the bars in the left half, making room for the loss."""
        left, _ = self.regions
        gutter = self.theme.space.l
        split = left.top - (left.height - gutter) * PICTURES_SHARE
        pictures = Region("pictures", left.left, left.right, split, left.top)
        bars = Region("bars", left.left, left.right, left.bottom, split - gutter)
        return _Bench(self.params, self.traj, pictures, bars, knob=KNOB)

    @cached_property
    def loss(self) -> _LossCurve:
        _, right = self.regions
        return _LossCurve(self.traj, right, unit=self.unit)

    @cached_property
    def heading(self) -> VGroup:
        """The loss split in the header band while it trains, H(p, q_θ) = H(p) + KL, in
        three pieces (the banner covers it at the end, where the takeaway says it)."""
        pieces = VGroup(
            Formula("{{ H : cross_entropy }}({{ p : p }}, {{ q_theta : q }}) =", "formula"),
            Formula("{{ H : entropy }}({{ p : p }}) +", "formula"),
            Formula('{{ "KL" : kl }}({{ p : p }} || {{ q_theta : q }})', "formula"),
        ).arrange(RIGHT, buff=self.theme.space.s)
        header = self.stage.header
        top = min(header.top, config.frame_height / 2 - CLEARANCE)
        return pieces.move_to([header.center[0], top - pieces.height / 2, 0])

    @property
    def bench(self) -> _Bench:
        """The bench on stage now: the big one until training makes room for the loss."""
        return self.home if getattr(self, "moved_home", False) else self.big

    # -- the step everything follows -------------------------------------------------------

    def follow_step(self, step: ValueTracker) -> list[Mobject]:
        """Make the knobs, the bars, the model's pictures, the loss's trace, dot and rider,
        and the read-outs show the model at ``step`` (a fractional step is the straight mix
        of its two neighbours; the read-outs show the nearest whole step). Returns what
        follows, to stop it later with ``clear_updaters``."""
        bench, loss = self.home, self.loss
        t = step.get_value
        return [
            bench.knobs.add_updater(lambda m: m.set_values(loss.logits_at(t()))),
            bench.chart.add_updater(lambda m: m.set_probs(loss.model_at(t()))),
            bench.model.add_updater(lambda m: m.set_distribution(loss.model_at(t()))),
            loss.add_updater(lambda m: m.set_step(t())),
        ]

    def run_steps(self, start: float, end: float, run_time: float) -> None:
        """Train (or untrain) from step ``start`` to ``end`` over ``run_time`` seconds."""
        step = ValueTracker(start)
        followers = self.follow_step(step)
        self.play(step.animate.set_value(end), run_time=run_time, rate_func=linear)
        for mob in followers:
            mob.clear_updaters()
        self.remove(step)

    # -- beats ---------------------------------------------------------------------------

    def prelude(self) -> None:
        # The data alone first, large in the middle of the stage; the data beat brings it
        # to its place beside the bars as it starts to count.
        bench = self.big
        first = VGroup(bench.data, bench.names[0])
        self.data_home = first.get_center()
        first.set_y(VGroup(bench.data, bench.model).get_y())
        self.data_place = first.copy()
        main = self.stage.main
        first.scale(PRELUDE_WIDTH * main.width / first.width)
        main.place(first)
        self.play(FadeIn(bench.data, lag_ratio=0.3), FadeIn(bench.names[0]), run_time=1.4)

    def data(self) -> None:
        p, bench = self.params.p, self.big
        chart = bench.chart
        n = len(p)
        with self.beat("data"):
            said = self.say(
                "The data: pictures of shapes. Count their pixels by shade, and that is p, "
                "the data's mix of greys."
            )
            share = said.duration / 6
            self.play(
                Transform(VGroup(bench.data, bench.names[0]), self.data_place),
                Create(chart.baseline),
                run_time=share,
            )
            # Every pixel of every picture flies into its shade's bin, where they stack up
            # as squares; each stack settles into a column exactly as tall as its share of p.
            sources, stacks, shades = self.pixel_piles(bench)
            columns = VGroup(
                *(
                    Rectangle(
                        width=chart.bar_width,
                        height=max(p.probs[i] * chart.unit_height, 1e-3),
                        fill_color=shade(i, n),
                        fill_opacity=1,
                        stroke_color=self.theme.color.faint,
                        stroke_width=2,
                    ).move_to(chart.bars[i], aligned_edge=DOWN)
                    for i in range(n)
                )
            )
            self.play(
                LaggedStart(
                    *(
                        Transform(square, target, path_arc=-PI / 4)
                        for square, target in zip(sources, stacks, strict=True)
                    ),
                    lag_ratio=1 / len(sources) * 4,
                ),
                run_time=3 * share,
            )
            piles = [
                VGroup(*(sq for sq, i in zip(sources, shades, strict=True) if i == k))
                for k in range(n)
            ]
            self.play(
                *(
                    ReplacementTransform(pile, column)
                    for pile, column in zip(piles, columns, strict=True)
                ),
                run_time=share,
            )
            self.play(FadeOut(columns), Create(bench.ghost), run_time=share)
            self.show("counts", np.bincount(bench.data.indices.ravel(), minlength=n))

    def pixel_piles(self, bench: _Bench) -> tuple[VGroup, VGroup, list[int]]:
        """Each data pixel as a square where it is (``sources``), and where it lands in its
        shade's bin (``stacks``): rows of squares, bottom up, about as tall as the shade's
        share of the bar of probability 1; and each pixel's shade."""
        pictures, chart = bench.data, bench.chart
        n = len(self.params.outcomes)
        pixel = pictures.pixel
        total = pictures.indices.size
        # ``across`` to a row, each row ``across / total`` of probability tall: a shade's
        # pile of count_i pixels stands exactly p_i high (cells nearly square).
        across = max(1, round(math.sqrt(chart.bar_width * total / chart.unit_height)))
        width, height = chart.bar_width / across, chart.unit_height * across / total
        sources, stacks, shades = VGroup(), VGroup(), []
        landed = [0] * n
        for picture, grid in zip(pictures.pictures, pictures.indices, strict=True):
            corner = picture[1].get_corner(UL)
            for (r, c), i in np.ndenumerate(grid):
                colour = shade(int(i), n)
                square = Square(pixel, fill_color=colour, fill_opacity=1, stroke_width=0)
                offset = np.array([(c + 0.5) * pixel, -(r + 0.5) * pixel, 0.0])
                sources.add(square.move_to(corner + offset))
                row, col = divmod(landed[i], across)
                landed[i] += 1
                bar = chart.bars[int(i)]
                spot = [
                    bar.get_left()[0] + (col + 0.5) * width,
                    chart.base_y + (row + 0.5) * height,
                    0,
                ]
                cell = Rectangle(width=width, height=height, stroke_width=0)
                stacks.add(cell.set_fill(colour, opacity=1).move_to(spot))
                shades.append(int(i))
        return sources, stacks, shades

    def model(self) -> None:
        traj, params, bench = self.traj, self.params, self.big
        favourite = params.outcomes[int(np.argmax(traj.q[0]))]
        with self.beat("model"):
            said = self.say(
                "The model turns a knob per shade into its own mix, q, and draws each pixel "
                f"on its own. Untrained, it bets on {favourite}."
            )
            third = said.duration / 3
            self.play(FadeIn(bench.knobs, lag_ratio=0.2), run_time=third)
            self.play(
                bench.knobs.turn_to(traj.logits[0]),
                GrowFromEdge(bench.chart.bars, DOWN),
                run_time=third,
            )
            # One piece from here on; the data's outlines stay drawn over the model's bars.
            self.add(bench.chart)
            self.play(
                VGroup(bench.data, bench.names[0]).animate.move_to(self.data_home),
                FadeIn(bench.model, lag_ratio=0.3),
                FadeIn(bench.names[1]),
                run_time=third,
            )

    def train(self) -> None:
        traj, params, unit, loss = self.traj, self.params, self.unit, self.loss
        big, home = self.big, self.home
        with self.beat("train"):
            said = self.say(
                "Gradient descent turns the knobs, step by step, downhill on the cross-entropy."
            )
            # The bench makes room for the loss: the same pictures, bars and knobs, smaller.
            move = min(1.4, said.duration / 3)
            home.knobs.set_values(traj.logits[0])
            self.play(
                *(
                    ReplacementTransform(a, b)
                    for a, b in zip(big.parts(), home.parts(), strict=True)
                ),
                loss.appear(),
                FadeIn(self.heading, shift=DOWN / 4),
                run_time=move,
            )
            self.moved_home = True
            self.add(loss)  # one piece from here on, so that it follows the steps
            self.run_steps(0, params.early, said.duration - move)
            self.record_step(params.early)
            said = self.say(
                f"The loss falls to a floor, H of p, {format_value(traj.entropy)} "
                f"{unit_word(unit, traj.entropy)}, while KL drains from "
                f"{format_value(float(traj.kl[0]))} {unit_word(unit, float(traj.kl[0]))} "
                "to almost nothing."
            )
            floor = min(1.2, said.duration / 4)
            _, entropy, kl = self.heading
            self.play(loss.show_floor(), pulse(entropy), run_time=floor)
            self.run_steps(params.early, params.steps, said.duration - 2 * floor)
            self.play(loss.brace_drained(), pulse(kl), run_time=floor)
            self.record_step(params.steps)
            self.show("extent", extent(self.mobjects))

    def record_step(self, k: int) -> None:
        """Note what the read-outs show at whole step ``k`` (for the tests)."""
        shown = {key: (r.value, r.shown) for key, r in self.loss.readouts_by_name().items()}
        self.show(f"step {k}", shown)

    def generate(self) -> None:
        pictures, data = self.home.model, self.home.data
        with self.beat("generate"):
            said = self.say(
                "Trained, its pictures have the data's greys but no shapes: it knows only "
                "how often each grey appears."
            )
            # Fresh draws, again and again: never a shape. Then the data's, for comparison.
            fresh = 3
            for k in range(fresh):
                pictures.reseed(self.params.seed + 1 + k)
                self.play(
                    Circumscribe(
                        data if k == fresh - 1 else pictures, color=self.theme.color.highlight
                    ),
                    run_time=said.duration / fresh,
                )
            levels = len(self.traj.target)
            self.show("model_mix", np.bincount(pictures.indices.ravel(), minlength=levels))

    def finale(self) -> None:
        """While the takeaway is said, the model is untrained and trained once more."""
        said = max(self.narrator.free_at - self.time, 2.0)
        steps = self.params.steps
        self.run_steps(steps, 0, said * 0.35)
        self.run_steps(0, steps, said * 0.65)


class _Bench(VGroup):
    """The data's pictures over the model's (each row named), in ``pictures``; the model's
    bars under the data's dashed outlines, a knob under each bar, in ``bars``."""

    def __init__(
        self,
        params: TrainingParams,
        traj: it.FitTrajectory,
        pictures: Region,
        bars: Region,
        *,
        knob: float,
    ):
        super().__init__()
        space = current_theme().space
        count, n = len(params.shapes), len(params.outcomes)
        self.names = VGroup(
            Txt(f"data {tinted('$p$', 'p')}", "label", "muted"),
            Txt(f"model {tinted('$q_theta$', 'q')}", "label", "muted"),
        )
        name_width = max(name.width for name in self.names) + space.m
        across = (pictures.width - name_width - (count - 1) * space.m) / (count * SIDE)
        down = (pictures.height - space.m) / (2 * SIDE)
        pixel = min(across, down, PIXEL_MAX)

        def row(**kwargs) -> PixelSamples:
            return PixelSamples(
                count=count, rows=SIDE, cols=SIDE, pixel=pixel, gap=space.m, **kwargs
            )

        self.data = row(dist=params.p).paint(params.data())
        self.model = row(dist=traj.q[0], seed=params.seed)
        rows = VGroup(self.data, self.model).arrange(DOWN, buff=space.m)
        for name, pictures_row in zip(self.names, rows, strict=True):
            name.next_to(pictures_row, LEFT, buff=space.m).align_to(pictures_row, UP)
        pictures.place(VGroup(self.names, rows))

        bar_width, spacing = fit_bars(n, bars.width * 0.75, max_slot=1.1, bar_share=0.62)
        tallest = float(max(np.max(traj.q), np.max(traj.target)))
        room = bars.height - 2 * knob - space.s - space.xs
        self.chart = DistributionBars(
            traj.q[0],
            params.outcomes,
            role="q",
            key="q",
            height=room / tallest,
            bar_width=bar_width,
            spacing=spacing,
            show_values=False,
        )
        self.chart.remove(self.chart.labels)  # the knobs under the bars wear their shades
        self.chart.shift(
            [bars.center[0] - self.chart.baseline.get_x(), bars.top - room - self.chart.base_y, 0]
        )
        # The data's outlines join the chart over its bars.
        self.ghost = GhostBars(self.chart, params.p).attach()
        self.knobs = Knobs(
            traj.logits[0] * 0,  # every knob straight up until the model is set
            radius=knob,
            colors=[shade(i, n) for i in range(n)],
        ).place_under(list(self.chart.bars), buff=space.s)
        self.add(self.names, self.data, self.model, self.chart, self.knobs)

    def parts(self) -> list[Mobject]:
        """Every part, in an order two benches share (for transforms)."""
        return [*self.names, self.data, self.model, self.chart, self.knobs]


class _LossCurve(VGroup):
    """The loss against training steps, traced as training goes: part 8's curve (the
    kit's :class:`CrossEntropyCurve` with a model per step) over its floor H(p), the gap
    traced under it shaded, and a stacked bar (H(p) below, KL above) riding under the
    current step, with the read-outs in the corner the loss leaves free."""

    def __init__(self, traj: it.FitTrajectory, region: Region, *, unit: str):
        super().__init__()
        theme = current_theme()
        space = theme.space
        self.traj, self.unit = traj, unit
        self.steps = len(traj.cross_entropy) - 1
        values = np.asarray(traj.cross_entropy, dtype=float)
        probe_y = Txt("3", READOUT_SIZE)
        self.ce = CrossEntropyCurve(
            traj.target,
            traj.q,
            np.arange(self.steps + 1),
            unit=unit,
            key="loss",
            x_label='"step"',
            # Two steps of axis past the last: room for the rider at the end of training.
            x_range=(0, self.steps + 2),
            x_ticks=nice_ticks(self.steps, 3, whole=True),
            # Room above the loss's start for the read-outs in the corner.
            y_max=math.ceil(float(values[0]) + 0.5),
            width=region.width - probe_y.width - 3 * space.m - Txt("step", "label").width,
            height=region.height - 2 * (probe_y.height + space.m) - space.m,
            readout_size=READOUT_SIZE,
            tick_size=READOUT_SIZE,
        )
        region.place(self.ce)
        self.plot, self.floor, self.floor_readout = (
            self.ce.plot,
            self.ce.floor,
            self.ce.floor_readout,
        )
        self.entropy = self.ce.entropy
        # The model is q_θ: the y-axis names it.
        label = Formula("{{ H(p, q_theta) : cross_entropy }}", "label")
        self.plot.y_label.become(label.move_to(self.plot.y_label, aligned_edge=LEFT))
        self.grid_points = self.ce.screen_points()
        # Traced as the steps go, not drawn whole: the curve and the gap under it.
        self.curve, self.gap = self.ce.curve, self.ce.gap
        self.rider = StackedBar(
            traj.target,
            traj.q[0],
            unit=unit,
            unit_height=self.point(0, 1)[1] - self.point(0, 0)[1],
            width=RIDER,
            readouts=False,
            side="left",
        )
        self.dot = Dot(radius=0.08, color=theme.color.highlight)
        self.loss_readout = Readout(
            "H(p, q_theta)",
            values[0],
            unit=unit,
            key="loss",
            color="cross_entropy",
            size=READOUT_SIZE,
        )
        self.kl_readout = Readout(
            '"KL"(p || q_theta)', traj.kl[0], unit=unit, key="KL", color="kl", size=READOUT_SIZE
        )
        # In the top right corner, where the loss never goes once it has started to fall;
        # H(p) joins them when the floor is drawn.
        column = VGroup(self.loss_readout, self.kl_readout, self.floor_readout).arrange(
            DOWN, aligned_edge=LEFT, buff=space.s
        )
        column.move_to(self.plot.axes.get_corner(UR), aligned_edge=UR)
        self.readouts = VGroup(self.loss_readout, self.kl_readout)
        self.set_step(0.0)
        self.add(self.plot, self.gap, self.curve, self.rider, self.dot, self.readouts)

    # -- the numbers ----------------------------------------------------------------

    def _between(self, x: float) -> tuple[int, float]:
        x = float(np.clip(x, 0, self.steps))
        k = min(math.floor(x), self.steps - 1)
        return k, x - k

    def model_at(self, x: float) -> np.ndarray:
        """The model at step ``x``: a whole step's, or the straight mix of its neighbours."""
        return self.ce.model_at(x)

    def logits_at(self, x: float) -> np.ndarray:
        k, t = self._between(x)
        theta = self.traj.logits
        return (1 - t) * theta[k] + t * theta[k + 1]

    def cross_entropy(self, x: float) -> float:
        return self.ce.cross_entropy(x)

    def point(self, x: float, y: float) -> np.ndarray:
        return self.ce.point(x, y)

    def readouts_by_name(self) -> dict[str, Readout]:
        """The loss, its KL and the floor, by name."""
        return {"loss": self.loss_readout, "KL": self.kl_readout, "H": self.floor_readout}

    # -- the picture at a step --------------------------------------------------------

    def set_step(self, x: float) -> _LossCurve:
        """Show training at step ``x``: the curve and the gap traced so far, the dot,
        the rider under it, the read-outs at the nearest whole step."""
        x = float(np.clip(x, 0, self.steps))
        k, _ = self._between(x)
        here = self.point(x, self.cross_entropy(x))
        traced = np.vstack([self.grid_points[: k + 1], here[None, :]])
        if len(traced) >= 2:
            self.curve.set_points_as_corners(traced)
        floor_y = self.point(0, self.entropy)[1]
        under = np.column_stack(
            [traced[::-1, 0], np.full(len(traced), floor_y), np.zeros(len(traced))]
        )
        self.gap.set_points_as_corners([*traced, *under, traced[0]])
        self.dot.move_to(here)
        self.rider.set_model(self.model_at(x))
        ground = self.point(0, 0)[1]
        self.rider.shift([here[0] + RIDER / 2 - self.rider.base[0], ground - self.rider.base[1], 0])
        whole = round(x)
        self.loss_readout.set_value(float(self.traj.cross_entropy[whole]))
        self.kl_readout.set_value(float(self.traj.kl[whole]))
        return self

    # -- animations ----------------------------------------------------------------------

    def appear(self) -> Animation:
        plot = self.plot
        return AnimationGroup(
            Create(plot.axes),
            FadeIn(plot.ticks, plot.tick_labels, plot.x_label, plot.y_label),
            FadeIn(self.rider, self.dot, self.readouts),
        )

    def show_floor(self) -> Animation:
        return self.ce.show_floor()

    def brace_drained(self) -> Animation:
        """A brace at step 0 from the floor up to the start of the loss: the KL drained."""
        start = self.point(0, float(self.traj.cross_entropy[0]))
        low = self.point(0, self.entropy)
        self.drained = BraceBetweenPoints(
            low, start, direction=RIGHT, color=current_theme().color.kl
        )
        return GrowFromCenter(self.drained)
