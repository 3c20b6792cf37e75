"""Processes can share a Typst cache: a formula's SVG appears whole or not at all, and
each process parses it through a copy of its own."""

from __future__ import annotations

import errno
import uuid
from pathlib import Path

import pytest
from manim import SVGMobject, tempconfig
from manim.mobject.text import typst_mobject
from manim.utils import typst_file_writing

import scenes.kit.text  # noqa: F401  (makes the cache safe to share)
from scenes.kit.typst_cache import typst_to_svg_file

SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect x="1" y="1" width="8" height="8" fill="#fff"/></svg>'
)


def _fresh_formula() -> str:
    return f"$H(p) = sum_x p(x) log_2 1/p(x)$ // {uuid.uuid4().hex}"


def test_formulas_typeset_through_the_safe_cache():
    assert typst_mobject.typst_to_svg_file is typst_to_svg_file


def test_a_formula_typesets_as_manim_typesets_it(tmp_path):
    formula = _fresh_formula()
    with tempconfig({"tex_dir": str(tmp_path / "ours")}):
        ours = typst_to_svg_file(formula, preamble="#set text(fill: red)")
    with tempconfig({"tex_dir": str(tmp_path / "manims")}):
        manims = typst_file_writing.typst_to_svg_file(formula, preamble="#set text(fill: red)")
    assert ours.name == manims.name  # the same cache, so caches filled before still serve
    assert ours.read_bytes() == manims.read_bytes()
    assert (ours.with_suffix(".typ")).read_text() == (manims.with_suffix(".typ")).read_text()
    assert sorted(p.name for p in ours.parent.iterdir()) == [ours.name, f"{ours.stem}.typ"]


def test_a_write_cut_short_leaves_no_svg_where_a_finished_one_is_expected(tmp_path, monkeypatch):
    """As when the disk fills or the process is killed: another process must not find
    half an SVG under the formula's name, and the next run typesets it again."""
    real_write_bytes = Path.write_bytes

    def half_then_full_disk(path: Path, data: bytes) -> int:
        real_write_bytes(path, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    formula = _fresh_formula()
    with tempconfig({"tex_dir": str(tmp_path)}):
        monkeypatch.setattr(Path, "write_bytes", half_then_full_disk)
        with pytest.raises(OSError, match="No space"):
            typst_mobject.typst_to_svg_file(formula)
        monkeypatch.undo()
        assert list(tmp_path.iterdir()) == []  # no half SVG, no private leftovers
        svg = typst_mobject.typst_to_svg_file(formula)
        mob = SVGMobject(str(svg))
    assert len(mob.family_members_with_points()) > 10


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
