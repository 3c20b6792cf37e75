"""Shared checks for the scene tests: are the words on screen large enough to read at 480p?"""

from __future__ import annotations

from collections.abc import Sequence

from manim import Mobject
from manim.mobject.text.typst_mobject import Typst

from scenes.kit.layout import text_mobjects
from scenes.kit.text import NumberText
from scenes.theme import current_theme

# Font sizes are measured from glyph heights, so allow a hair under the size asked for.
TOLERANCE = 0.5


def small_labels(
    scene, below: float, size: str = "body", props: Sequence[Mobject] = ()
) -> list[tuple[str, float]]:
    """The texts on screen whose top lies below ``below`` (under the takeaway's banner) and
    whose font size is under the theme's ``size`` role, as ``(text, font size)``. Letters
    drawn on ``props`` (a coin's H) are part of the picture, not labels."""
    least = getattr(current_theme().size, size)
    on_props = {id(m) for prop in props for m in prop.get_family()}
    texts = [
        t for t in text_mobjects(scene.mobjects) if t.get_top()[1] < below and id(t) not in on_props
    ]
    assert texts, "no text under the banner to measure"
    return [
        (str(getattr(t, "text", t)), float(t.font_size))
        for t in texts
        if t.font_size < least - TOLERANCE
    ]


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


def own_beats(scene_class: type, typst_cache):
    """``scene_class`` played without drawing, up to the end of its own beats (the
    closing takeaway left out): what its words must be readable in."""
    from scenes.dryrun import dry_run

    without_closing = type(scene_class.__name__, (scene_class,), {"closing": lambda self: None})
    return dry_run(without_closing, cache_dir=typst_cache)
