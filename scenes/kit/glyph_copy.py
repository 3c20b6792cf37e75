"""Typeset text, copied: copies share each glyph's parsed outline, and a formula the
SVG cache serves keeps its strokes' weight.

**Copies share the parsed outline.** Manim keeps, on every glyph of a Typst (or SVG)
mobject, the parsed svgelements path it was built from
(``VMobjectFromSVGPath.path_obj``), but reads it only while building the glyph's
points. ``Mobject.copy()`` deep-copies it all the same, and copies are everywhere:
every ``Transform`` and fade copies its mobject (and target) when it begins, the SVG
cache copies every formula it hands out. Copying those parsed paths was about nine
tenths of a dry run's time. Nothing changes a path once its glyph is built, so copies
share it; the points, colours and everything drawn are still copied as before.

**Strokes keep their weight on a cache hit.** Typst draws fraction bars and rules as
strokes, which manim rescales with the formula; but it lists the strokes to rescale
only while parsing the SVG, and a formula that comes from the SVG cache (the same
source typeset earlier in the process) has no list, so its bars kept the weight of
the cached copy. A picture then depended on what the process had typeset before
(and a pinned picture on which tests shared the process).
"""

from __future__ import annotations

from manim import Typst
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

__all__ = ["rescale_cached_strokes", "share_parsed_paths"]


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict) -> VMobjectFromSVGPath:
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo[id(path)] = path  # deepcopy reuses what the memo already holds
    return super(VMobjectFromSVGPath, self).__deepcopy__(memo)


def share_parsed_paths() -> None:
    """Make copies of SVG glyphs share their parsed path (idempotent)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path


def rescale_cached_strokes(mob: Typst) -> None:
    """Give a Typst mobject built from the SVG cache its list of strokes back, and set
    their weight for its size, as a freshly parsed one has."""
    if mob._stroke_width_tracked_submobjects:
        return  # parsed afresh: manim listed them
    # The cached copy's glyphs still carry what the parse noted about each stroke.
    mob._stroke_width_tracked_submobjects = [
        m for m in mob.get_family() if hasattr(m, "_typst_source_stroke_width")
    ]
    mob._refresh_svg_stroke_widths()
