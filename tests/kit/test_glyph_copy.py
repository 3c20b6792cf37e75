"""Typeset text copies cheaply and draws the same whether or not manim's SVG cache served it."""

from __future__ import annotations

import numpy as np
from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP, VMobjectFromSVGPath

from scenes.kit.text import Formula, Txt

FRACTION = "{{ S(p) : surprise }} = log_2 1/{{ p : p }}"


def _strokes(mob) -> list[float]:
    return [float(m.get_stroke_width()) for m in mob.get_family() if m.get_stroke_width() > 0]


def test_a_formula_from_the_cache_draws_its_fraction_bar_at_its_own_weight():
    SVG_HASH_TO_MOB_MAP.clear()
    fresh = Formula(FRACTION, 30)
    SVG_HASH_TO_MOB_MAP.clear()
    Formula(FRACTION, 20)  # typeset first at another size: the next one is a cache hit
    cached = Formula(FRACTION, 30)
    assert _strokes(fresh), "the fraction bar is a stroke"
    assert np.allclose(_strokes(cached), _strokes(fresh))
    assert np.allclose(cached.points, fresh.points)
    # And the weight follows the size, as for text typeset afresh.
    assert np.allclose(_strokes(cached.copy().scale(2)), 2 * np.array(_strokes(fresh)))


def test_copies_share_the_parsed_outline_but_not_the_points():
    words = Txt("Apples")
    copy = words.copy()
    glyphs = [m for m in words.get_family() if isinstance(m, VMobjectFromSVGPath)]
    copied = [m for m in copy.get_family() if isinstance(m, VMobjectFromSVGPath)]
    assert glyphs and all(a.path_obj is b.path_obj for a, b in zip(glyphs, copied, strict=True))
    before = glyphs[0].points.copy()
    copy.shift([1, 0, 0])
    assert np.array_equal(glyphs[0].points, before)  # moving the copy leaves the original
    assert np.allclose(copied[0].points - [1, 0, 0], before)
