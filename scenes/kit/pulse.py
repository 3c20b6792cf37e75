"""A highlight that never recolours: the mobject swells briefly and settles back.

The palette gives each quantity one colour, so pointing at a quantity must not change it
(``Indicate(color=...)`` would). ``self.play(pulse(readout))`` draws the eye to it in its
own colours; several pulses played together point at several things at once.
"""

from __future__ import annotations

from manim import Animation, Mobject, there_and_back

__all__ = ["pulse"]


def pulse(mob: Mobject, factor: float = 1.15) -> Animation:
    """``mob`` grows by ``factor`` about its centre and shrinks back, colours untouched."""
    if not factor > 0:
        raise ValueError(f"factor must be a positive number, not {factor!r}")
    return mob.animate(rate_func=there_and_back).scale(factor)
