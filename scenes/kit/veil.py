"""A veil of fog over something we cannot see clearly, that thins as evidence arrives.

Put a :class:`Veil` in front of a picture (the true distribution's bars, say)
to say "this is there, but hidden". Its *density* runs from 1 (only a faint
hint of what is behind shows) to 0 (gone): :meth:`thin_to` animates it, so a
stream of evidence can clear the fog gradually, and :meth:`lift` takes it away.
:meth:`drift` stirs the wisps, so fog that is only waiting still moves.
"""

from __future__ import annotations

import numpy as np
from manim import (
    RIGHT,
    UP,
    Animation,
    Ellipse,
    FadeOut,
    RoundedRectangle,
    VGroup,
    Wait,
    linear,
    smooth,
)

from scenes.kit.text import Txt
from scenes.theme import current_theme

__all__ = ["Veil"]

# Opacity of each layer at density 1.
_BASE = 0.86  # the backdrop-coloured body that hides what is behind
_EDGE = 0.055  # each soft edge ring of mist
_MIST = 0.16  # each drifting wisp


class Veil(VGroup):
    """A soft-edged bank of fog, ``width`` by ``height``, optionally with a ``mark`` (``"?"``).

    The body is the background colour (it hides), the mist on top is the theme's
    ``mist`` colour (it reads as fog), its edge fades out over a few rings, and a few
    wisps placed from ``seed`` give it texture. ``mark`` is text (as :class:`Txt`
    takes it) in palette role ``role``, centred (``None`` for no mark); it is :attr:`mark`,
    so a scene can fade it on its own.
    """

    def __init__(
        self,
        width: float,
        height: float,
        *,
        mark: str | None = "?",
        role: str = "p",
        seed: int = 0,
        density: float = 1.0,
    ):
        super().__init__()
        theme = current_theme()
        self.body = RoundedRectangle(
            width=width,
            height=height,
            corner_radius=min(0.5, height / 4),
            fill_color=theme.color.background,
            stroke_width=0,
        )
        rings = 9
        self.edge = VGroup(
            *(
                RoundedRectangle(
                    width=width - 0.09 * k,
                    height=height - 0.09 * k,
                    corner_radius=max(min(0.5, height / 4) - 0.045 * k, 0.05),
                    fill_color=theme.color.mist,
                    stroke_width=0,
                )
                for k in range(rings)
            )
        )
        rng = np.random.default_rng(seed)
        self.wisps = VGroup()
        for _ in range(7):
            w = rng.uniform(0.25, 0.55) * width
            h = rng.uniform(0.12, 0.25) * height
            cx = rng.uniform(-0.5, 0.5) * (width - w)
            cy = rng.uniform(-0.5, 0.5) * (height - h)
            self.wisps.add(
                Ellipse(width=w, height=h, fill_color=theme.color.wisp, stroke_width=0).move_to(
                    [cx, cy, 0]
                )
            )
        self.add(self.body, self.edge, self.wisps)
        self.mark = None
        if mark is not None:
            self.mark = Txt(mark, "title", role)
            self.mark.scale(1.6)
            self.add(self.mark)
        self.density = density
        self.set_density(density)

    def set_density(self, density: float) -> Veil:
        """How thick the fog is: 1 hides all but a hint, 0 is clear air."""
        d = float(np.clip(density, 0, 1))
        self.density = d
        self.body.set_fill(opacity=_BASE * d)
        self.edge.set_fill(opacity=_EDGE * d)
        self.wisps.set_fill(opacity=_MIST * d * 0.5)
        if self.mark is not None and self.mark in self.submobjects:
            self.mark.set_fill(opacity=d)
        return self

    def thin_to(self, density: float, **kwargs) -> Animation:
        """Animate the fog to ``density`` (lower is clearer)."""
        return _Thin(self, density, **kwargs)

    def clear_mark(self, **kwargs) -> Animation:
        """Fade the mark away (and drop it from the veil when done).

        Fading it inside the veil, rather than with ``FadeOut``, keeps the veil
        one piece in the scene, so it keeps its place in the drawing order.
        """
        if self.mark is None:
            return Wait(0)
        mark, self.mark = self.mark, None
        return _Vanish(self, mark, **kwargs)

    def drift(self, reach: float = 0.08, **kwargs) -> Animation:
        """Stir the fog: each wisp drifts sideways (neighbours in opposite directions) by
        up to ``reach`` times the veil's width and back, ending where it started."""
        return _Drift(self, reach * self.body.width, **kwargs)

    def lift(self, **kwargs) -> Animation:
        """Take the fog away, drifting up as it clears."""
        kwargs.setdefault("shift", 0.3 * UP)
        return FadeOut(self, **kwargs)


class _Vanish(Animation):
    def __init__(self, veil: Veil, mark, **kwargs):
        self.mark = mark
        self.opacity = mark.get_fill_opacity()
        self.center = mark.get_center()
        self.size = mark.width
        super().__init__(veil, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self.mark.set_fill(opacity=self.opacity * (1 - a))
        self.mark.scale_to_fit_width(self.size * (1 - 0.4 * a)).move_to(self.center)

    def finish(self) -> None:
        super().finish()
        self.mobject.remove(self.mark)


class _Thin(Animation):
    def __init__(self, veil: Veil, target: float, rate_func=smooth, **kwargs):
        self.start = veil.density
        self.target = float(np.clip(target, 0, 1))
        super().__init__(veil, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self.mobject.set_density(self.start + (self.target - self.start) * a)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_density(self.target)  # exactly, whatever the rate function ends on


class _Drift(Animation):
    def __init__(self, veil: Veil, reach: float, rate_func=linear, **kwargs):
        self.starts = [wisp.get_center() for wisp in veil.wisps]
        self.reach = reach
        super().__init__(veil, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        # Out and back along a sine: the last frame is the first, so the veil can hold on.
        offset = self.reach * np.sin(np.pi * self.rate_func(alpha))
        for k, (wisp, start) in enumerate(zip(self.mobject.wisps, self.starts, strict=True)):
            wisp.move_to(start + (offset if k % 2 else -offset) * RIGHT)
