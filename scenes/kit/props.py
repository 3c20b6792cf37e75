"""Physical props: a coin that flips or stands on its edge, and a die that rolls."""

from __future__ import annotations

import numpy as np
from manim import (
    PI,
    UP,
    Animation,
    Circle,
    Dot,
    Line,
    RoundedRectangle,
    VGroup,
    there_and_back,
)

from scenes.kit.text import Txt
from scenes.theme import current_theme

__all__ = ["Coin", "Die"]

_FACE_LETTER = {"heads": "H", "tails": "T"}


class Coin(VGroup):
    """A coin seen from above (``"heads"``/``"tails"``) or standing on its ``"edge"``.

    ``thickness`` is the rim's width relative to the radius: a thin coin by
    default, a thick one for the coin that can land on its edge.
    :meth:`flip_to` spins it to a face; :meth:`land_on` shows any outcome,
    the edge included.
    """

    def __init__(self, side: str = "heads", *, radius: float = 0.6, thickness: float = 0.12):
        super().__init__()
        if side not in ("heads", "tails", "edge"):
            raise ValueError(f"a coin lands on heads, tails or edge, not {side!r}")
        self.radius = radius
        self.thickness = thickness
        self.side = side
        self.add(*self._drawing(side))

    def _drawing(self, side: str) -> list:
        theme = current_theme()
        metal = theme.color.object
        if side == "edge":
            # Side view: a short wide band with ridges, standing upright.
            w, h = 2 * self.radius * self.thickness * 1.6, 2 * self.radius
            band = RoundedRectangle(
                width=w,
                height=h,
                corner_radius=w / 3,
                fill_color=metal,
                fill_opacity=1,
                stroke_color=theme.color.background,
                stroke_width=2,
            )
            ridges = VGroup(
                *(
                    Line(
                        [-w / 2 + 0.04, y, 0],
                        [w / 2 - 0.04, y, 0],
                        color=theme.color.background,
                        stroke_width=1.5,
                    )
                    for y in np.linspace(-h / 2 + 0.12, h / 2 - 0.12, 9)
                )
            )
            return [band, ridges]
        rim = Circle(
            radius=self.radius,
            fill_color=metal,
            fill_opacity=1,
            stroke_color=theme.color.background,
            stroke_width=2,
        )
        inner = Circle(
            radius=self.radius * 0.8,
            stroke_color=theme.color.background,
            stroke_width=2.5,
            stroke_opacity=0.6,
        )
        letter = Txt(_FACE_LETTER[side], self.radius * 80, theme.color.background)
        letter.move_to(rim)
        return [rim, inner, letter]

    def land_on(self, side: str) -> Coin:
        """Show ``side`` at once (``"heads"``, ``"tails"`` or ``"edge"``)."""
        if side not in ("heads", "tails", "edge"):
            raise ValueError(f"a coin lands on heads, tails or edge, not {side!r}")
        center = self.get_center()
        self.side = side
        self.submobjects = list(self._drawing(side))
        self.move_to(center)
        return self

    def flip_to(self, side: str, turns: int = 3, **kwargs) -> Animation:
        """Spin the coin ``turns`` half-turns and land on ``side``."""
        return _Flip(self, side, turns, **kwargs)


class _Redraw(Animation):
    """An animation that redraws its prop with fresh parts on every frame.

    The Cairo renderer lists the prop's parts once, just after :meth:`begin`,
    and draws that list on every frame. Fresh parts are drawn through the prop
    itself, but the listed ones, once swapped out, would stay on screen as a
    ghost of the first frame: they are made invisible as soon as they are
    replaced.
    """

    def begin(self) -> None:
        super().begin()
        self._listed = list(self.mobject.submobjects)

    def _hide_replaced(self) -> None:
        listed = getattr(self, "_listed", None)
        if not listed:
            return
        current = set(self.mobject.submobjects)
        for part in listed:
            if part not in current:
                for m in part.get_family():
                    m.set_fill(opacity=0)
                    m.set_stroke(opacity=0)
        self._listed = []


class _Flip(_Redraw):
    """Spin about the vertical axis: width |cos θ|, the face swapping when edge-on."""

    def __init__(self, coin: Coin, side: str, turns: int, run_time: float = 1.2, **kwargs):
        if side not in ("heads", "tails", "edge"):
            raise ValueError(f"a coin lands on heads, tails or edge, not {side!r}")
        self.start_side = "heads" if coin.side == "edge" else coin.side
        self.end_side = side
        # An odd number of half-turns shows the other face at the end.
        turns = max(1, turns)
        if side != "edge" and (turns % 2 == 1) != (side != self.start_side):
            turns += 1
        self.turns = turns
        self.center = coin.get_center().copy()
        super().__init__(coin, run_time=run_time, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        coin: Coin = self.mobject
        theta = alpha * self.turns * PI
        flipped = int((theta + PI / 2) // PI) % 2 == 1
        other = "tails" if self.start_side == "heads" else "heads"
        if self.end_side == "edge" and alpha > 0.85:
            coin.land_on("edge")
        else:
            coin.land_on(other if flipped else self.start_side)
            coin.stretch(max(abs(np.cos(theta)), 0.04), 0)
        coin.move_to(self.center + 0.6 * there_and_back(alpha) * UP)
        self._hide_replaced()

    def finish(self) -> None:
        super().finish()  # also resumes the coin's own updaters
        self.mobject.land_on(self.end_side)
        self.mobject.move_to(self.center)


_PIPS = {
    1: [(0, 0)],
    2: [(-1, 1), (1, -1)],
    3: [(-1, 1), (0, 0), (1, -1)],
    4: [(-1, 1), (1, 1), (-1, -1), (1, -1)],
    5: [(-1, 1), (1, 1), (0, 0), (-1, -1), (1, -1)],
    6: [(-1, 1), (1, 1), (-1, 0), (1, 0), (-1, -1), (1, -1)],
}


class Die(VGroup):
    """A six-sided die showing ``value``; :meth:`roll_to` tumbles it to another face."""

    def __init__(self, value: int = 1, *, size: float = 1.1):
        super().__init__()
        self.size = size
        self.value = value
        self.add(*self._drawing(value))

    def _drawing(self, value: int) -> list:
        if value not in _PIPS:
            raise ValueError(f"a die shows 1 to 6, not {value!r}")
        theme = current_theme()
        body = RoundedRectangle(
            width=self.size,
            height=self.size,
            corner_radius=self.size / 6,
            fill_color=theme.color.text,
            fill_opacity=1,
            stroke_color=theme.color.muted,
            stroke_width=2,
        )
        step = self.size * 0.27
        pips = VGroup(
            *(
                Dot([x * step, y * step, 0], radius=self.size * 0.08, color=theme.color.background)
                for x, y in _PIPS[value]
            )
        )
        return [body, pips]

    def show(self, value: int) -> Die:
        """Show ``value`` at once."""
        center = self.get_center()
        self.value = value
        self.submobjects = list(self._drawing(value))
        self.move_to(center)
        return self

    def roll_to(self, value: int, tumbles: int = 4, **kwargs) -> Animation:
        """Tumble through ``tumbles`` random faces and land on ``value``."""
        if value not in _PIPS:
            raise ValueError(f"a die shows 1 to 6, not {value!r}")
        return _Roll(self, value, tumbles, **kwargs)


class _Roll(_Redraw):
    def __init__(self, die: Die, value: int, tumbles: int, run_time: float = 1.0, **kwargs):
        rng = np.random.default_rng(value * 7919 + tumbles)
        self.faces = [int(f) for f in rng.integers(1, 7, size=max(tumbles - 1, 0))] + [value]
        self.center = die.get_center().copy()
        super().__init__(die, run_time=run_time, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        die: Die = self.mobject
        k = min(int(alpha * len(self.faces)), len(self.faces) - 1)
        die.show(self.faces[k]).move_to(self.center)
        die.rotate((1 - alpha) * 2 * PI * 0.75)
        die.shift(0.4 * there_and_back(alpha) * UP)
        self._hide_replaced()

    def finish(self) -> None:
        super().finish()  # also resumes the die's own updaters
        self.mobject.show(self.faces[-1]).move_to(self.center)
