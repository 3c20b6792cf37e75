"""Reality, one outcome at a time: draws that drop into bins and pile up as a histogram.

::

              •            <- the spout: each draw appears here ...
            •   ·
          ▮       ·        ... and falls into its outcome's bin
          ▮   ▮   ▮   ▮
         ─────────────────
          sun cloud rain snow

A :class:`SampleStream` is handed the draws themselves (outcome indices, e.g.
``it.running_average_surprise(p, q, n, seed).samples``), never probabilities:
the histogram it builds is what the data say. Bar heights are the observed
frequencies ``count / n``, on the same scale as a
:class:`~scenes.kit.bars.DistributionBars` with the same ``height``,
``bar_width`` and ``spacing``, so a histogram can stand in front of the true
bars and be compared with them. Counts above the bars and the number of draws
``n`` are :class:`~scenes.kit.text.Readout` s, so tests read back what is shown.

:class:`RealityAndModel` is the matching parameter block: the outcomes, the true
distribution ``p`` and the model ``q``, validated by :mod:`infotheory`; a scene that
pours draws from it takes its parameters from :class:`DrawsParams`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from manim import (
    LEFT,
    UP,
    Animation,
    Circle,
    ManimColor,
    VectorizedPoint,
    VGroup,
    VMobject,
    linear,
)

import infotheory as it
from scenes.kit.bars import bar_axis
from scenes.kit.base import SceneParams
from scenes.kit.checks import whole_number
from scenes.kit.text import Readout, resolve_color

__all__ = ["DrawsParams", "RealityAndModel", "SampleStream", "Scatter"]


@dataclass(frozen=True)
class RealityAndModel:
    """Outcomes with their true odds ``p`` and a model's odds ``q`` (a nested Params block).

    Both are checked by :func:`infotheory.categorical`; the model must give every
    outcome that can happen some chance (or its surprise there is infinite), and
    there are 2 to 6 short outcome names so a chart of them fits the frame.
    """

    outcomes: tuple[str, ...] = ("sun", "cloud", "rain", "snow")
    p: tuple[float, ...] = (0.5, 0.25, 0.15, 0.1)
    q: tuple[float, ...] = (0.2, 0.4, 0.3, 0.1)

    def __post_init__(self) -> None:
        if not 2 <= len(self.outcomes) <= 6:
            raise ValueError(f"outcomes must name 2 to 6 outcomes, not {len(self.outcomes)}")
        for name in self.outcomes:
            if not isinstance(name, str) or not 1 <= len(name) <= 6:
                raise ValueError(f"outcomes must be names of 1 to 6 characters, not {name!r}")
        for name, role in (("p", "the true distribution"), ("q", "the model")):
            try:
                it.categorical(self.outcomes, getattr(self, name))
            except (TypeError, ValueError) as error:
                raise ValueError(f"{name} ({role}) is not a distribution: {error}") from None
        p, q = np.asarray(self.p, dtype=float), np.asarray(self.q, dtype=float)
        if np.any((p > 0) & (q <= 0)):
            bad = [o for o, a, b in zip(self.outcomes, p, q, strict=True) if a > 0 and b <= 0]
            raise ValueError(
                f"q (the model) gives {', '.join(bad)} no chance although it happens: "
                "its surprise would be infinite"
            )

    @property
    def true(self) -> it.Distribution:
        """Reality, ``p``, as a validated distribution."""
        return it.categorical(self.outcomes, self.p)

    @property
    def model(self) -> it.Distribution:
        """The model, ``q``, as a validated distribution."""
        return it.categorical(self.outcomes, self.q)


@dataclass(frozen=True)
class DrawsParams(SceneParams):
    """Parameters of a scene that pours seeded draws from reality (parts 7 and 8).

    The same seed gives the same draws in every such scene.
    """

    world: RealityAndModel = field(default_factory=RealityAndModel)
    num_samples: int = 400  # draws from reality in all
    first_draws: int = 5  # the first draws fall one at a time
    seed: int = 7  # seeds the draws

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.world, RealityAndModel):
            raise ValueError(f"world must be a RealityAndModel, not {self.world!r}")
        whole_number("num_samples", self.num_samples, 50, 5000)
        whole_number("first_draws", self.first_draws, 1, 10)
        whole_number("seed", self.seed, 0)

    def run(self, unit: str) -> it.RunningAverage:
        """The seeded draws from reality, each scored by the model: the same for every
        scene with the same world, number of draws and seed."""
        world = self.world
        return it.running_average_surprise(
            world.true, world.model, self.num_samples, seed=self.seed, unit=unit
        )


class SampleStream(VGroup):
    """Draws falling one by one into their bins, piling up as a histogram of frequencies.

    ``outcomes`` names the bins; ``samples`` is the sequence of draws as outcome
    indices (all of them, in order; none is shown until poured). ``role`` colours
    the tokens and bars (``"p"``: they come from reality). Geometry matches
    :class:`~scenes.kit.bars.DistributionBars`: ``height`` is the height of a bar
    of frequency 1, the baseline runs along ``y = 0`` before the group is moved,
    and the spout the draws fall from sits ``drop_height`` above the centre.

    Read-outs: the count above each bar, keyed ``"{key}[{outcome}]"``, and the
    number of draws so far in :attr:`total` (``400 draws``, keyed ``"{key}.n"``),
    level with the spout at the right end of the bins; move it where it suits
    (it is part of the group, so it updates on screen while draws pour).
    ``axis=False`` leaves out the baseline and outcome labels, to stand the
    histogram on another chart's axis; ``clear_of`` gives that chart's bar
    heights (as frequencies), so each count sits above both bars, not across one.
    ``counts="below"`` puts the counts in a row under the outcome labels instead,
    on one baseline, out of the falling draws' way (a token landing on a bar
    would otherwise cross the count above it).

    :meth:`pour` animates the next draws; :meth:`show` jumps to a number of
    draws. :attr:`count` (draws so far) and :attr:`last` (index of the latest
    draw) let updaters elsewhere follow the stream.
    """

    def __init__(
        self,
        outcomes: Sequence[str],
        samples: Sequence[int] | np.ndarray,
        *,
        role: str = "p",
        key: str = "count",
        height: float = 3.0,
        bar_width: float = 0.8,
        spacing: float = 0.35,
        drop_height: float = 4.0,
        token_radius: float = 0.07,
        axis: bool = True,
        show_counts: bool = True,
        label_size: str | float = "label",
        clear_of: Sequence[float] | np.ndarray | None = None,
        counts: str = "above",
    ):
        super().__init__()
        if counts not in ("above", "below"):
            raise ValueError(f'counts must be "above" or "below" the bars, not {counts!r}')
        self.counts_at = counts
        self.outcomes = [str(o) for o in outcomes]
        self.samples = np.asarray(samples, dtype=int)
        n = len(self.outcomes)
        if self.samples.ndim != 1 or self.samples.size == 0:
            raise ValueError("samples must be a non-empty 1-D sequence of outcome indices")
        if self.samples.min() < 0 or self.samples.max() >= n:
            raise ValueError(f"samples must be outcome indices from 0 to {n - 1}")
        self.clear_of = np.zeros(n) if clear_of is None else np.asarray(clear_of, dtype=float)
        if self.clear_of.shape != (n,):
            raise ValueError(
                f"clear_of must give one height per outcome ({n}), got {len(self.clear_of)}"
            )
        self.role = role
        self.key = key
        self.unit_height = height
        self.token_radius = token_radius
        self.count = 0
        self.last: int | None = None
        self.counts = np.zeros(n, dtype=int)
        self.baseline, self.bars, self.labels = bar_axis(
            self.outcomes, role, bar_width=bar_width, spacing=spacing, label_size=label_size
        )
        self.count_readouts = VGroup(
            *(
                Readout(
                    None, 0, unit=None, decimals=0, key=f"{key}[{name}]", color=role, size="small"
                )
                for name in self.outcomes
            )
        )
        # The row under the labels (the base is at 0 here), as far under them as they are
        # under the bars.
        label_gap = -self.labels.get_top()[1]
        self.counts_row_y = self.labels.get_bottom()[1] - label_gap
        self.total = Readout(None, 0, unit="draws", decimals=0, key=f"{key}.n", size=label_size)
        self.spout = VectorizedPoint([0, drop_height, 0])
        self.tokens = Scatter(token_radius, role)
        self.add(self.spout, self.bars)
        if axis:
            self.add(self.baseline, self.labels)
        if show_counts:
            self.add(self.count_readouts)
        self.add(self.total, self.tokens)
        self.show(0)
        self.total.next_to([self.baseline.get_right()[0], drop_height, 0], LEFT, buff=0)

    # -- geometry ------------------------------------------------------------------

    @property
    def base_y(self) -> float:
        """The screen ``y`` the histogram's bars stand on."""
        return self.bars[0].get_bottom()[1]

    def bin_x(self, i: int) -> float:
        """The x position of outcome ``i``'s bin."""
        return self.bars[i].get_center()[0]

    def frequencies(self) -> np.ndarray:
        """What the histogram shows: each outcome's share of the draws so far."""
        return self.counts / max(self.count, 1)

    # -- state -----------------------------------------------------------------------

    def show(self, n: int) -> SampleStream:
        """Jump to the histogram of the first ``n`` draws."""
        n = int(np.clip(n, 0, len(self.samples)))
        self.count = n
        self.last = int(self.samples[n - 1]) if n else None
        self.counts = np.bincount(self.samples[:n], minlength=len(self.outcomes))
        base = self.base_y
        for bar, readout, f, c, floor in zip(
            self.bars,
            self.count_readouts,
            self.frequencies(),
            self.counts,
            self.clear_of,
            strict=True,
        ):
            h = max(f * self.unit_height, 1e-3)
            bar.stretch_to_fit_height(h)
            bar.move_to([bar.get_center()[0], base + h / 2, 0])
            bar.set_fill(opacity=0.85 if c else 0)
            readout.set_value(c)
            if self.counts_at == "below":
                row = self.counts_row_y + base  # the row was measured with the base at 0
                readout.move_to([bar.get_x(), row, 0], aligned_edge=UP)
            else:
                top = base + max(f, floor) * self.unit_height
                readout.next_to([bar.get_x(), top, 0], UP, buff=0.1)
        self.total.set_value(n)
        return self

    def pour(self, k: int, *, run_time: float = 2.0, flight: float = 0.5, **kwargs) -> Animation:
        """Animate the next ``k`` draws falling, one after another, into their bins.

        Each token takes ``flight`` seconds from the spout to the top of its bar;
        the draws leave at even intervals so the last lands at ``run_time``. A
        few draws fall one by one, hundreds pour like rain.
        """
        return _Pour(self, k, run_time=run_time, flight=flight, **kwargs)


class Scatter(VMobject):
    """Many equal dots drawn as one shape: cheap to move, copy and draw by the hundred.

    :meth:`set_centres` puts a dot at each of the given points (an ``(n, 3)`` or
    ``(n, 2)`` array; none for an empty array), so a stream of tokens or a cloud
    of data points is one mobject rather than hundreds.
    """

    def __init__(self, radius: float = 0.05, color: str | ManimColor = "p", opacity: float = 1.0):
        super().__init__(fill_color=resolve_color(color), fill_opacity=opacity, stroke_width=0)
        self.radius = radius
        self._template = Circle(radius=radius, num_components=9).points.copy()
        self._template -= self._template.mean(axis=0)

    def set_centres(self, centres) -> Scatter:
        """Move the dots to ``centres`` (one row of x, y[, z] per dot), as one shape."""
        centres = np.asarray(centres, dtype=float)
        if centres.size == 0:
            self.clear_points()
            return self
        centres = centres.reshape(len(centres), -1)
        if centres.shape[1] == 2:
            centres = np.column_stack([centres, np.zeros(len(centres))])
        points = (self._template[None, :, :] + centres[:, None, :]).reshape(-1, 3)
        self.set_points(points)
        return self


class _Pour(Animation):
    def __init__(self, stream: SampleStream, k: int, *, run_time: float, flight: float, **kwargs):
        self.first = stream.count
        self.k = int(np.clip(k, 0, len(stream.samples) - stream.count))
        self.flight = min(flight, run_time)
        self.span = run_time
        self.gap = (run_time - self.flight) / max(self.k - 1, 1)
        self.bins = stream.samples[self.first : self.first + self.k]
        stream.tokens.set_centres([])
        kwargs.setdefault("rate_func", linear)
        super().__init__(stream, run_time=run_time, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        stream: SampleStream = self.mobject
        now = self.rate_func(alpha) * self.span
        progress = np.clip((now - self.gap * np.arange(self.k)) / max(self.flight, 1e-6), 0, 1)
        landed = self.first + int(np.count_nonzero(progress >= 1))
        if landed != stream.count:  # redraw the histogram only when a draw lands
            stream.show(landed)
        flying = (progress > 0) & (progress < 1)
        u = progress[flying]
        bins = self.bins[flying]
        source = stream.spout.get_center()
        xs = np.array([stream.bin_x(i) for i in range(len(stream.outcomes))])
        tops = np.array(
            [
                bar.get_top()[1] if count else stream.base_y
                for bar, count in zip(stream.bars, stream.counts, strict=True)
            ]
        )
        land_x, land_y = xs[bins], tops[bins] + stream.token_radius
        # Out of the spout sideways at an even pace, falling faster and faster.
        x = source[0] + (land_x - source[0]) * u
        y = source[1] + (land_y - source[1]) * u * u
        stream.tokens.set_centres(np.column_stack([x, y, np.zeros_like(x)]))

    def finish(self) -> None:
        super().finish()
        stream: SampleStream = self.mobject
        stream.show(self.first + self.k)
        stream.tokens.set_centres([])
