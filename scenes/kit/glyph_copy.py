"""Copies of typeset text share the SVG outline each glyph was parsed from.

Manim keeps, on every glyph of a Typst (or SVG) mobject, the parsed svgelements
path it was built from (``VMobjectFromSVGPath.path_obj``), but reads it only
while building the glyph's points. ``Mobject.copy()`` deep-copies it all the
same, and copies are everywhere: every ``Transform`` and fade copies its
mobject (and target) when it begins, the SVG cache copies every formula it
hands out. Copying those parsed paths was about nine tenths of a dry run's
time. Nothing changes a path once its glyph is built, so copies share it; the
points, colours and everything drawn are still copied as before.
"""

from __future__ import annotations

from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

__all__ = ["share_parsed_paths"]


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict) -> VMobjectFromSVGPath:
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo[id(path)] = path  # deepcopy reuses what the memo already holds
    return super(VMobjectFromSVGPath, self).__deepcopy__(memo)


def share_parsed_paths() -> None:
    """Make copies of SVG glyphs share their parsed path (idempotent)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path
