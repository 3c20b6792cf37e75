"""What size the words on screen are: the scene tests' check that a picture reads at 480p."""

from __future__ import annotations

from manim import Mobject
from manim.mobject.text.typst_mobject import Typst

from scenes.kit.text import NumberText


def smallest_text(mobjects: list[Mobject]) -> tuple[float, str]:
    """The smallest font size among the words and numbers in ``mobjects`` (and which)."""
    sizes = []
    for mob in mobjects:
        for part in mob.get_family():
            if isinstance(part, Typst | NumberText) and part.has_points():
                sizes.append((float(part.font_size), repr(part)))
    if not sizes:
        raise AssertionError("no text on screen")
    return min(sizes)
