"""Formulas parse through a copy of their own, so processes can share a Typst cache."""

from __future__ import annotations

from manim import SVGMobject

import scenes.kit.text  # noqa: F401  (applies the private copy)

SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect x="1" y="1" width="8" height="8" fill="#fff"/></svg>'
)


def test_an_svg_parses_while_another_process_holds_manims_shared_copy_name(tmp_path):
    svg = tmp_path / "formula.svg"
    svg.write_text(SQUARE)
    # Where manim writes its modified copy, for every process alike: taken here, as
    # another process drawing the same formula would have it.
    (tmp_path / "formula_.svg").mkdir()
    mob = SVGMobject(str(svg))
    assert len(mob.family_members_with_points()) == 1
    # The private copy is gone again; the other process's is untouched.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["formula.svg", "formula_.svg"]
