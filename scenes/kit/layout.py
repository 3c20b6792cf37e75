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

from scenes.kit.text import NumberText, Readout, Txt
from scenes.theme import Theme, current_theme

__all__ = [
    "LayoutError",
    "LayoutProblem",
    "allow_offscreen",
    "allow_overlap",
    "extent",
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
    kind: str  # "offscreen" | "overlap" | "on-bar" | "too-small"
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
    if isinstance(mob, Readout):
        label = mob.label.expression.removesuffix(" = 0") if mob.label is not None else None
        return f"Readout({label!r}, {mob.number.text})" if label else f"Readout({mob.number.text})"
    text = getattr(mob, "text", None) if isinstance(mob, Txt) else None
    text = text or getattr(mob, "markup", None) or getattr(mob, "expression", None)
    if text is None and isinstance(mob, DecimalNumber | NumberText):
        text = getattr(mob, "text", None) or f"{mob.get_value()}"
    if text is None:
        text = getattr(mob, "typst_code", None) or getattr(mob, "text", None)
    name = type(mob).__name__
    return f"{name}({text!r})" if text is not None else name


def _walk(
    mobjects: Iterable[Mobject], flag: str, passing: frozenset[int] = frozenset()
) -> Iterable[tuple[Mobject, bool]]:
    """Yield every mobject in the families, with whether ``flag`` is set on it or an
    ancestor, or it or an ancestor is one of ``passing`` (ids)."""
    stack = [(m, False) for m in mobjects]
    while stack:
        mob, exempt = stack.pop()
        exempt = exempt or getattr(mob, flag, False) or id(mob) in passing
        yield mob, exempt
        stack.extend((sub, exempt) for sub in mob.submobjects)


def text_mobjects(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """The outermost text or maths mobjects in the families, visible ones only, in the order
    they were added (so problems are reported in scene order)."""
    found: list[Mobject] = []
    seen: set[int] = set()
    stack = list(reversed(mobjects))
    while stack:
        mob = stack.pop()
        # One mobject can sit in several groups (an animation's group holds what it moves,
        # which the scene may hold too): it is still one text, met once.
        if id(mob) in seen:
            continue
        seen.add(id(mob))
        if isinstance(mob, _TEXT_TYPES):
            if any(_is_visible(m) for m in mob.get_family()):
                found.append(mob)
            continue  # a text's glyphs are part of it, not separate texts
        stack.extend(reversed(mob.submobjects))
    return found


def _box(mob: Mobject) -> tuple[np.ndarray, np.ndarray]:
    points = np.concatenate(
        [m.points for m in mob.get_family() if m.has_points() and _is_visible(m)] or [mob.points]
    )
    return points.min(axis=0), points.max(axis=0)


def _overlap_groups(
    mobjects: Iterable[Mobject], passing: Iterable[Mobject] = ()
) -> Callable[[Mobject, Mobject], bool]:
    """Whether two mobjects may overlap: they lie in one :func:`allow_overlap` group
    (free to overlap each other, not anything else), or one of them is ``passing``
    (on its way out)."""
    group: dict[int, int] = {}
    for mob, flagged in _walk(mobjects, "layout_overlap_ok"):
        if flagged and id(mob) not in group:  # parents come first: the outermost group wins
            group.update((id(m), id(mob)) for m in mob.get_family())
    leaving = {id(m) for mob in passing for m in mob.get_family()}

    def together(a: Mobject, b: Mobject) -> bool:
        if id(a) in leaving or id(b) in leaving:
            return True
        return id(a) in group and group[id(a)] == group.get(id(b))

    return together


def _overlap(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Whether two bounding boxes overlap by more than the tolerance, in x and in y. Either
    may be a stack of boxes (``lo`` and ``hi`` of shape ``(n, 3)``): one answer per box."""
    (alo, ahi), (blo, bhi) = a, b
    inside = np.minimum(ahi, bhi) - np.maximum(alo, blo)
    return (inside[..., :2] > OVERLAP_TOLERANCE).all(axis=-1)


def _texts_on_bars(
    mobjects: Sequence[Mobject],
    texts: Sequence[Mobject],
    boxes: dict[int, tuple[np.ndarray, np.ndarray]],
    together: Callable[[Mobject, Mobject], bool],
) -> Iterable[tuple[Mobject, Mobject]]:
    """Each text lying on a shape marked :func:`keep_clear`, with the first shape it lies
    on in each marked group (a chart's bars are one thing to report)."""
    in_text = {id(m) for t in texts for m in t.get_family()}
    marked: dict[int, list[Mobject]] = {}
    stack = [(m, None) for m in mobjects]
    while stack:
        mob, root = stack.pop()
        if id(mob) in in_text:
            continue
        if root is None and getattr(mob, "layout_keep_clear", False):
            root = mob
        if root is not None and not mob.submobjects and _is_visible(mob):
            marked.setdefault(id(root), []).append(mob)
        stack.extend((sub, root) for sub in mob.submobjects)
    # Each leaf's box once, as arrays: every text is then checked against a group at once.
    groups = []
    for leaves in marked.values():
        stacked = np.array([_box(leaf) for leaf in leaves])
        groups.append((leaves, (stacked[:, 0], stacked[:, 1])))
    for text in texts:
        for leaves, leaf_boxes in groups:
            on = np.flatnonzero(_overlap(boxes[id(text)], leaf_boxes))
            if (
                leaf := next((leaves[i] for i in on if not together(text, leaves[i])), None)
            ) is not None:
                yield text, leaf


def extent(mobjects: Iterable[Mobject]) -> tuple[float, float, float, float]:
    """``(left, right, bottom, top)`` of everything visible among ``mobjects`` and their
    families: how near a picture comes to the frame's edges (e.g. a test of a clearance)."""
    points = [
        m.points for mob in mobjects for m in mob.get_family() if m.has_points() and _is_visible(m)
    ]
    if not points:
        raise ValueError("nothing visible to measure")
    every = np.concatenate(points)
    lo, hi = every.min(axis=0), every.max(axis=0)
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def _font_size(mob: Mobject) -> float | None:
    try:
        return float(mob.font_size)
    except (AttributeError, ZeroDivisionError, ValueError):
        return None


def layout_problems(
    mobjects: Sequence[Mobject],
    theme: Theme | None = None,
    *,
    passing: Iterable[Mobject] = (),
) -> list[LayoutProblem]:
    """Everything wrong with the layout of ``mobjects`` (a scene's ``mobjects``).

    ``passing`` are mobjects on their way out (fading away mid-animation): they may
    cross the frame's edge or other text without counting.
    """
    theme = theme or current_theme()
    problems: list[LayoutProblem] = []
    passing = tuple(passing)
    passing_ids = frozenset(id(m) for m in passing)

    half_w = config.frame_width / 2 - theme.margin
    half_h = config.frame_height / 2 - theme.margin
    # Leaves (a text's glyphs, a chart's bars) are measured, and reported once for the
    # text or top-level mobject they belong to, with its worst distance past each edge.
    owners = _readout_owners(mobjects)
    offscreen: dict[int, tuple[Mobject, dict[str, float]]] = {}
    for mob, exempt in _walk(mobjects, "layout_offscreen_ok", passing_ids):
        if exempt or mob.submobjects or not _is_visible(mob):
            continue
        lo, hi = mob.points.min(axis=0), mob.points.max(axis=0)
        past = {
            "left": -half_w - lo[0],
            "right": hi[0] - half_w,
            "bottom": -half_h - lo[1],
            "top": hi[1] - half_h,
        }
        past = {edge: d for edge, d in past.items() if d > 1e-3}
        if past:
            named = _outermost_named(mob, mobjects)
            named = owners.get(id(named), named)  # a read-out is one thing to the viewer
            worst = offscreen.setdefault(id(named), (named, {}))[1]
            for edge, d in past.items():
                worst[edge] = max(worst.get(edge, 0.0), d)
    for named, worst in offscreen.values():
        edges = " and ".join(
            f"the {edge} edge by {d:.2f}" for edge, d in sorted(worst.items(), key=lambda e: -e[1])
        )
        problems.append(
            LayoutProblem(
                "offscreen",
                f"{_describe(named)} reaches past {edges} units "
                f"(the safe area ends {theme.margin} inside the frame)",
            )
        )

    texts = text_mobjects(mobjects)
    together = _overlap_groups(mobjects, passing)
    boxes = {id(t): _box(t) for t in texts}
    reported: set[frozenset[int]] = set()
    for a, b in itertools.combinations(texts, 2):
        if together(a, b):
            continue
        if not _overlap(boxes[id(a)], boxes[id(b)]):
            continue
        # A read-out's label, number and unit are one thing to the viewer: one line for it.
        owner_a, owner_b = owners.get(id(a), a), owners.get(id(b), b)
        if owner_a is not owner_b:
            a, b = owner_a, owner_b
        pair = frozenset((id(a), id(b)))
        if pair not in reported:
            reported.add(pair)
            problems.append(LayoutProblem("overlap", f"{_describe(a)} overlaps {_describe(b)}"))
    for text, bar in _texts_on_bars(mobjects, texts, boxes, together):
        text = owners.get(id(text), text)
        top = _root_of(bar, mobjects)
        pair = frozenset((id(text), id(top)))
        if pair not in reported:
            reported.add(pair)
            where = _describe(bar) + (f" of {_describe(top)}" if top is not bar else "")
            problems.append(LayoutProblem("on-bar", f"{_describe(text)} lies on {where}"))

    minimum = theme.size.minimum
    # Texts too small at one size in one component (a scaled chart's labels) are one line.
    small: dict[tuple[int, float], tuple[Mobject, list[Mobject]]] = {}
    for t in texts:
        size = _font_size(t)
        if size is not None and size < minimum - SIZE_TOLERANCE:
            owner = owners.get(id(t), t)
            root = _root_of(owner, mobjects)
            found = small.setdefault((id(root), round(size, 1)), (root, []))[1]
            if not any(owner is f for f in found):
                found.append(owner)
    for (_, size), (root, found) in small.items():
        what = _describe(found[0])
        if len(found) > 1:
            named = [_describe(f) for f in found[:3]] + (["..."] if len(found) > 3 else [])
            what = f"{len(found)} texts in {_describe(root)} ({', '.join(named)})"
        verb = "have" if len(found) > 1 else "has"
        problems.append(
            LayoutProblem(
                "too-small", f"{what} {verb} font size {size:.1f}, below the minimum {minimum}"
            )
        )
    return problems


def _root_of(mob: Mobject, roots: Sequence[Mobject]) -> Mobject:
    """The top-level mobject (one of the scene's) that ``mob`` belongs to."""
    for root in roots:
        if any(mob is m for m in root.get_family()):
            return root
    return mob


def _readout_owners(mobjects: Sequence[Mobject]) -> dict[int, Readout]:
    """The outermost :class:`Readout` each text of a read-out belongs to, by the text's id."""
    owners: dict[int, Readout] = {}
    stack = list(mobjects)
    while stack:
        mob = stack.pop()
        if isinstance(mob, Readout):
            for part in text_mobjects([mob]):
                owners.setdefault(id(part), mob)
            continue
        stack.extend(mob.submobjects)
    return owners


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
