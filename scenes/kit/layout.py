"""The layout check: what a careful viewer would notice, caught by code.

At the end of every section the base scene asks :func:`layout_problems` whether

- anything visible reaches past the frame minus the theme's safe margin,
- two pieces of text or maths overlap, or text lies on a bar (a shape marked
  with :func:`keep_clear`: bars, blocks, segments),
- any text is smaller than the theme's minimum legible size (480p).

Mobjects that are meant to bleed off the frame (a full-screen fog, a
background) are exempted with :func:`allow_offscreen`; a group whose texts sit
on one another by design (a label inside a box is fine anyway; text on text never
is) is marked with :func:`allow_overlap`, which frees them only from each other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DecimalNumber,
    MathTex,
    Mobject,
    Tex,
    Text,
    Typst,
    ValueTracker,
    VMobject,
    config,
)

from scenes.kit.text import NumberText
from scenes.theme import Theme, current_theme

__all__ = [
    "LayoutError",
    "LayoutProblem",
    "allow_offscreen",
    "allow_overlap",
    "keep_clear",
    "layout_problems",
    "text_mobjects",
]

_TEXT_TYPES = (Typst, Text, MathTex, Tex, DecimalNumber, NumberText)
# Bounding boxes may touch by this much (manim units) before they "overlap".
OVERLAP_TOLERANCE = 0.02
SIZE_TOLERANCE = 0.5


class LayoutError(AssertionError):
    """A section ended with something off-frame, overlapping or too small."""


@dataclass(frozen=True)
class LayoutProblem:
    kind: str  # "offscreen" | "overlap" | "too-small"
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def allow_offscreen(mob: Mobject) -> Mobject:
    """Exempt ``mob`` (and its family) from the frame check; returns it."""
    mob.layout_offscreen_ok = True
    return mob


def allow_overlap(mob: Mobject) -> Mobject:
    """Let the text (and bars) in ``mob`` overlap one another; returns it. Anything else
    landing on them is still reported."""
    mob.layout_overlap_ok = True
    return mob


def keep_clear(mob: Mobject) -> Mobject:
    """Mark ``mob`` (and its family) as a bar that no text may lie on; returns it."""
    mob.layout_keep_clear = True
    return mob


def _is_visible(mob: Mobject) -> bool:
    if not mob.has_points() or isinstance(mob, ValueTracker):
        return False
    if isinstance(mob, VMobject):
        fill = mob.get_fill_opacity() if mob.get_fill_opacities().size else 0
        stroke = (
            mob.get_stroke_opacity() * mob.get_stroke_width()
            if mob.get_stroke_opacities().size
            else 0
        )
        return fill > 0.05 or stroke > 0.05
    return True


def _describe(mob: Mobject) -> str:
    text = getattr(mob, "markup", None) or getattr(mob, "expression", None)
    if text is None and isinstance(mob, DecimalNumber | NumberText):
        text = getattr(mob, "text", None) or f"{mob.get_value()}"
    if text is None:
        text = getattr(mob, "typst_code", None) or getattr(mob, "text", None)
    name = type(mob).__name__
    return f"{name}({text!r})" if text is not None else name


def _walk(mobjects: Iterable[Mobject], flag: str) -> Iterable[tuple[Mobject, bool]]:
    """Yield every mobject in the families, with whether ``flag`` is set on it or an ancestor."""
    stack = [(m, False) for m in mobjects]
    while stack:
        mob, exempt = stack.pop()
        exempt = exempt or getattr(mob, flag, False)
        yield mob, exempt
        stack.extend((sub, exempt) for sub in mob.submobjects)


def text_mobjects(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """The outermost text or maths mobjects in the families, visible ones only."""
    found: list[Mobject] = []
    stack = list(mobjects)
    while stack:
        mob = stack.pop()
        if isinstance(mob, _TEXT_TYPES):
            if any(_is_visible(m) for m in mob.get_family()):
                found.append(mob)
            continue  # a text's glyphs are part of it, not separate texts
        stack.extend(mob.submobjects)
    return found


def _box(mob: Mobject) -> tuple[np.ndarray, np.ndarray]:
    points = np.concatenate(
        [m.points for m in mob.get_family() if m.has_points() and _is_visible(m)] or [mob.points]
    )
    return points.min(axis=0), points.max(axis=0)


def _overlap_groups(mobjects: Iterable[Mobject]) -> Callable[[Mobject, Mobject], bool]:
    """Whether two mobjects lie in one :func:`allow_overlap` group (free to overlap each
    other, not anything else)."""
    group: dict[int, int] = {}
    for mob, flagged in _walk(mobjects, "layout_overlap_ok"):
        if flagged and id(mob) not in group:  # parents come first: the outermost group wins
            group.update((id(m), id(mob)) for m in mob.get_family())

    def together(a: Mobject, b: Mobject) -> bool:
        return id(a) in group and group[id(a)] == group.get(id(b))

    return together


def _overlap(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> bool:
    """Whether two bounding boxes overlap by more than the tolerance, in x and in y."""
    (alo, ahi), (blo, bhi) = a, b
    return bool((np.minimum(ahi, bhi)[:2] - np.maximum(alo, blo)[:2] > OVERLAP_TOLERANCE).all())


def _font_size(mob: Mobject) -> float | None:
    try:
        return float(mob.font_size)
    except (AttributeError, ZeroDivisionError, ValueError):
        return None


def layout_problems(mobjects: Sequence[Mobject], theme: Theme | None = None) -> list[LayoutProblem]:
    """Everything wrong with the layout of ``mobjects`` (a scene's ``mobjects``)."""
    theme = theme or current_theme()
    problems: list[LayoutProblem] = []

    half_w = config.frame_width / 2 - theme.margin
    half_h = config.frame_height / 2 - theme.margin
    for mob, exempt in _walk(mobjects, "layout_offscreen_ok"):
        if exempt or mob.submobjects or not _is_visible(mob):
            continue
        lo, hi = mob.points.min(axis=0), mob.points.max(axis=0)
        over = max(-half_w - lo[0], hi[0] - half_w, -half_h - lo[1], hi[1] - half_h)
        if over > 1e-3:
            problems.append(
                LayoutProblem(
                    "offscreen",
                    f"{_describe(_outermost_named(mob, mobjects))} reaches {over:.2f} units "
                    f"past the safe area (margin {theme.margin})",
                )
            )

    texts = text_mobjects(mobjects)
    together = _overlap_groups(mobjects)
    boxes = {id(t): _box(t) for t in texts}
    for a, b in itertools.combinations(texts, 2):
        if together(a, b):
            continue
        if _overlap(boxes[id(a)], boxes[id(b)]):
            problems.append(LayoutProblem("overlap", f"{_describe(a)} overlaps {_describe(b)}"))
    in_text = {id(m) for t in texts for m in t.get_family()}
    bars = [
        m
        for m, clear in _walk(mobjects, "layout_keep_clear")
        if clear and id(m) not in in_text and _is_visible(m)
    ]
    for t in texts:
        for bar in bars:
            if not together(t, bar) and _overlap(boxes[id(t)], _box(bar)):
                message = f"{_describe(t)} lies on {_describe(bar)}"
                problems.append(LayoutProblem("overlap", message))

    minimum = theme.size.minimum
    for t in texts:
        size = _font_size(t)
        if size is not None and size < minimum - SIZE_TOLERANCE:
            problems.append(
                LayoutProblem(
                    "too-small",
                    f"{_describe(t)} has font size {size:.1f}, below the minimum {minimum}",
                )
            )
    # One problem per offending mobject is enough to act on.
    return list(dict.fromkeys(problems))


def _outermost_named(leaf: Mobject, roots: Sequence[Mobject]) -> Mobject:
    """The text or top-level mobject a stray leaf belongs to, for a readable message."""
    for root in roots:
        family = root.get_family()
        if any(leaf is m for m in family):
            for t in text_mobjects([root]):
                if any(leaf is m for m in t.get_family()):
                    return t
            return root
    return leaf
