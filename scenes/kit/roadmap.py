"""The road of the explainer: surprise → entropy → cross-entropy → KL divergence.

A :class:`RoadMap` is a chain of *stations*, each a name and a formula coloured
by role, joined by arrows. It starts dimmed (what is still to come) and lights
up one station at a time::

    road = RoadMap(information_stations(unit), direction="column")
    self.play(FadeIn(road))
    self.play(road.highlight(0))   # surprise lights up, a frame goes round it
    self.play(road.advance())      # the arrow and entropy light up, the frame moves

``direction="column"`` stacks the stations top to bottom with a marker dot and
an arrow between consecutive markers (a contents page);
``direction="row"`` lines them up left to right, the name above the formula,
with arcs over the gaps that can carry a label saying how each station is built
from the one before (the recap, part 12). Stations already visited stay lit;
the current one wears the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    ArcBetweenPoints,
    Arrow,
    Circle,
    Create,
    Mobject,
    RoundedRectangle,
    Transform,
    VGroup,
)

from scenes.kit.text import Formula, Txt, log_symbol, resolve_color
from scenes.theme import current_theme

__all__ = ["RoadMap", "Station", "information_stations"]

# Opacity of what has not been reached yet: visible as a promise, clearly not "on".
DIM = 0.28


@dataclass(frozen=True)
class Station:
    """One stop on the road: a name (plain text, `$maths$` allowed), a formula and its role."""

    name: str
    formula: str
    role: str


def information_stations(unit: str = "bits") -> list[Station]:
    """The four measures of the explainer, with the logarithm of ``unit``."""
    log = log_symbol(unit)
    return [
        Station("Surprise", f"{{{{ S(p) : surprise }}}} = {log} 1/{{{{ p : p }}}}", "surprise"),
        Station(
            "Entropy",
            f"{{{{ H(p) : entropy }}}} = sum {{{{ p : p }}}} {log} 1/{{{{ p : p_1 }}}}",
            "entropy",
        ),
        Station(
            "Cross-entropy",
            f"{{{{ H(p,q) : cross_entropy }}}} = sum {{{{ p : p }}}} {log} 1/{{{{ q : q }}}}",
            "cross_entropy",
        ),
        Station(
            "KL divergence",
            '{{ "KL"(p || q) : kl }} = {{ H(p,q) : cross_entropy }} - {{ H(p) : entropy }}',
            "kl",
        ),
    ]


def _arrow_opacity(arrow: Mobject, opacity: float) -> Mobject:
    """Fade an arrow as a line with a solid tip (its curve is never filled)."""
    for part in arrow.family_members_with_points():
        part.set_stroke(opacity=opacity)
        part.set_fill(opacity=opacity if part is not arrow else 0)
    return arrow


class StationMob(VGroup):
    """A station on screen: ``marker`` (column layout only), ``name`` and ``formula``."""

    def __init__(
        self,
        station: Station,
        *,
        direction: str,
        name_size: str | float,
        formula_size: str | float,
        name_width: float,
    ):
        super().__init__()
        self.station = station
        self.name = Txt(station.name, name_size, station.role)
        self.formula = Formula(station.formula, formula_size)
        color = resolve_color(station.role)
        self.marker = Circle(
            radius=0.13, stroke_color=color, stroke_width=3, fill_color=color, fill_opacity=0
        )
        if direction == "column":
            self.name.next_to(self.marker, RIGHT, buff=0.4)
            self.formula.next_to(self.marker, RIGHT, buff=0.4 + name_width + 0.5)
            self.add(self.marker, self.name, self.formula)
        else:
            self.formula.next_to(self.name, DOWN, buff=0.3)
            self.add(self.name, self.formula)


class RoadMap(VGroup):
    """Stations joined by arrows, lit one at a time; see the module docs.

    ``stations``       the :class:`Station` list (e.g. :func:`information_stations`).
    ``direction``      ``"column"`` or ``"row"``.
    ``arrow_labels``   one text per gap, as :class:`Txt` takes it (``None`` for no
                       label), row layout only: how the next station is built from this one.
    ``spacing``        distance between neighbouring stations (column: marker to
                       marker; row: formula edge to formula edge). ``None`` picks one.
    ``widths``         row layout only: the width each station occupies (at least its
                       formula's), so a picture can sit under it.

    ``stations`` (a VGroup of the station mobjects), ``arrows`` and ``labels``
    are exposed for placing things beside them. Everything starts dimmed.
    """

    def __init__(
        self,
        stations: Sequence[Station],
        *,
        direction: str = "column",
        name_size: str | float = "body",
        formula_size: str | float = "formula",
        arrow_labels: Sequence[str | None] | None = None,
        label_size: str | float = "small",
        spacing: float | None = None,
        widths: Sequence[float] | None = None,
    ):
        super().__init__()
        if direction not in ("column", "row"):
            raise ValueError(f"direction must be 'column' or 'row', not {direction!r}")
        if len(stations) < 2:
            raise ValueError("a road needs at least two stations")
        if arrow_labels is not None and len(arrow_labels) != len(stations) - 1:
            raise ValueError(
                f"{len(arrow_labels)} arrow labels for {len(stations) - 1} gaps between stations"
            )
        if arrow_labels is not None and direction == "column":
            raise ValueError("arrow labels are drawn in the row layout only")
        if widths is not None and len(widths) != len(stations):
            raise ValueError(f"{len(widths)} widths for {len(stations)} stations")
        self.theme = current_theme()
        self.direction = direction
        names = [Txt(s.name, name_size) for s in stations]
        name_width = max(n.width for n in names)
        self.stations = VGroup(
            *(
                StationMob(
                    s,
                    direction=direction,
                    name_size=name_size,
                    formula_size=formula_size,
                    name_width=name_width,
                )
                for s in stations
            )
        )
        if direction == "column":
            self._arrange_column(spacing)
        else:
            self._arrange_row(spacing, widths)
        self.arrows = VGroup(*(self._arrow(i) for i in range(len(stations) - 1)))
        self.labels = VGroup()
        for i, text in enumerate(arrow_labels or []):
            if text:
                label = Txt(text, label_size, "muted").next_to(self.arrows[i], UP, buff=0.12)
                label.gap_index = i
                self.labels.add(label)
        self.add(self.arrows, self.labels, self.stations)
        self.current: int | None = None
        self.frame: RoundedRectangle | None = None
        self.unlight()

    # -- layout --------------------------------------------------------------------

    def _arrange_column(self, spacing: float | None) -> None:
        pitch = spacing or max(s.height for s in self.stations) + 0.45
        for i, s in enumerate(self.stations):
            s.shift(s.marker.get_center() * -1 + np.array([0.0, -i * pitch, 0.0]))
        self.stations.move_to(np.zeros(3))

    def _arrange_row(self, spacing: float | None, widths: Sequence[float] | None) -> None:
        gap = 0.9 if spacing is None else spacing
        slots = [
            max(s.width, w) for s, w in zip(self.stations, widths or [0.0] * len(self), strict=True)
        ]
        x = 0.0
        for s, w in zip(self.stations, slots, strict=True):
            s.move_to([x + w / 2, 0, 0]).align_to(np.zeros(3), UP)
            x += w + gap
        self.stations.move_to(np.zeros(3))

    def __len__(self) -> int:
        return len(self.stations)

    def _arrow(self, i: int) -> Mobject:
        a, b = self.stations[i], self.stations[i + 1]
        color = resolve_color(b.station.role)
        if self.direction == "column":
            return Arrow(
                a.marker.get_bottom(),
                b.marker.get_top(),
                buff=0.1,
                color=color,
                stroke_width=3,
                max_tip_length_to_length_ratio=0.3,
            )
        # Clear of the frame that goes round a lit station (0.175 above its name).
        start = a.name.get_top() + 0.28 * UP
        end = b.name.get_top() + 0.28 * UP
        arc = ArcBetweenPoints(start, end, angle=-0.9, color=color, stroke_width=3)
        arc.add_tip(tip_length=0.18, tip_width=0.18)
        return arc

    # -- states ----------------------------------------------------------------------

    def unlight(self) -> RoadMap:
        """Everything back to the unreached state (no animation)."""
        for s in self.stations:
            s.name.set_opacity(DIM)
            s.formula.set_opacity(DIM)
            s.marker.set_stroke(opacity=DIM).set_fill(opacity=0)
        for arrow in self.arrows:
            _arrow_opacity(arrow, DIM)
        self.labels.set_opacity(DIM)
        self.current = None
        return self

    def light(self, upto: int) -> RoadMap:
        """Stations ``0..upto`` lit, with the frame on ``upto`` (no animation)."""
        for i in range(upto + 1):
            self._lit_state(i)
        frame = self._frame_around(upto)
        if self.frame is None:
            self.frame = frame
            self.add(frame)
        else:
            self.frame.become(frame)
        self.current = upto
        return self

    def _lit_state(self, i: int) -> None:
        s = self.stations[i]
        s.name.set_opacity(1)
        s.formula.set_opacity(1)
        s.marker.set_stroke(opacity=1).set_fill(opacity=1)
        if i > 0:
            _arrow_opacity(self.arrows[i - 1], 1.0)
            for label in self.labels:
                if label.gap_index == i - 1:
                    label.set_opacity(1)

    def _frame_around(self, i: int) -> RoundedRectangle:
        s = self.stations[i]
        content = VGroup(s.name, s.formula) if self.direction == "column" else s
        frame = RoundedRectangle(
            width=content.width + 0.5,
            height=content.height + 0.35,
            corner_radius=0.15,
            stroke_color=resolve_color(s.station.role),
            stroke_width=2.5,
            fill_color=self.theme.color.panel,
            fill_opacity=0.6,
        ).move_to(content)
        frame.set_z_index(-1)
        return frame

    # -- animations ------------------------------------------------------------------

    def highlight(self, i: int, **kwargs) -> Animation:
        """Light station ``i`` (and the arrow into it) and move the frame onto it."""
        if not 0 <= i < len(self):
            raise IndexError(f"station {i} of a road with {len(self)} stations")
        s = self.stations[i]
        parts = [s.name.animate.set_opacity(1), s.formula.animate.set_opacity(1)]
        if self.direction == "column":
            parts.append(s.marker.animate.set_stroke(opacity=1).set_fill(opacity=1))
        if i > 0:
            arrow = self.arrows[i - 1]
            parts.append(Transform(arrow, _arrow_opacity(arrow.copy(), 1.0)))
            parts += [
                label.animate.set_opacity(1) for label in self.labels if label.gap_index == i - 1
            ]
        frame = self._frame_around(i)
        if self.frame is None:
            self.frame = frame
            self.add(frame)
            parts.append(Create(frame))
        else:
            # The same frame glides to its new station: one object, followed by the eye.
            parts.append(Transform(self.frame, frame))
        self.current = i
        kwargs.setdefault("run_time", 1.0)
        return AnimationGroup(*parts, **kwargs)

    def advance(self, **kwargs) -> Animation:
        """Highlight the next station (the first, if none is lit yet)."""
        return self.highlight(0 if self.current is None else self.current + 1, **kwargs)

    def station(self, i: int) -> StationMob:
        """Station ``i`` as drawn: its marker, name and formula."""
        return self.stations[i]
