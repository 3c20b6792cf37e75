"""Formulas typeset and parsed safely when processes share one Typst cache.

Dry runs (notes, stills, the lecture kit), render workers and the test suite's
workers all typeset into the same cache folder, keyed by a hash of the source. Manim
(0.22) is not safe there in two places, and both have failed in the test suite:

- **Typesetting.** Manim returns ``<hash>.svg`` as soon as it exists, and writes it in
  place. A second process typesetting the same formula could find the file created but
  still empty, and fail to parse it (``ParseError: no element found``); a writer killed
  mid-write left that empty file for every later run. Here each process compiles its
  own copy of the source and renames the finished SVG into place, so ``<hash>.svg`` is
  whole or absent.
- **Parsing.** Manim parses each SVG through a modified copy it writes beside it,
  named ``<hash>_.svg``, and deletes after parsing. Two processes parsing the same
  formula wrote over and deleted each other's copy (FileNotFoundError). Here the copy
  is named for the process and thread that writes it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from xml.etree import ElementTree

import svgelements as se
from manim import config, logger
from manim.constants import RIGHT
from manim.mobject.svg.svg_mobject import SVGMobject
from manim.mobject.text import typst_mobject
from manim.utils import typst_file_writing as manims
from manim.utils.typst_file_writing import TYPST_COMPILATION_FONT_SIZE, TYPST_TEMPLATE

from scenes.render.atomic import partial_file

__all__ = ["share_typst_cache_safely", "typst_to_svg_file"]


def _private(path: Path) -> str:
    return f"{path.stem}_{os.getpid()}_{threading.get_ident()}{path.suffix}"


def typst_to_svg_file(
    typst_code: str,
    preamble: str = "",
    text_size: float = TYPST_COMPILATION_FONT_SIZE,
    font_paths: list[str | Path] | None = None,
) -> Path:
    """Manim's ``typst_to_svg_file`` (0.22): the same cache names, published by rename."""
    source = TYPST_TEMPLATE.format(text_size=text_size, preamble=preamble, body=typst_code)
    folder = config.get_dir("tex_dir")
    content_hash = manims._typst_hash(source)
    typ_file, svg_file = folder / f"{content_hash}.typ", folder / f"{content_hash}.svg"
    if svg_file.exists():
        return svg_file
    import typst  # only on a cache miss: every formula drawn asks for its file

    folder.mkdir(parents=True, exist_ok=True)
    logger.info("Compiling Typst source %(path)s ...", {"path": f"{typ_file}"})
    # The source beside the cache (so relative imports resolve), under a private name.
    private_typ = typ_file.with_name(_private(typ_file))
    try:
        private_typ.write_text(source, encoding="utf-8")
        svg = typst.compile(str(private_typ), format="svg", font_paths=font_paths or [])
        with partial_file(svg_file) as partial:
            partial.write_bytes(svg)
        os.replace(private_typ, typ_file)  # kept, as manim keeps it, for reading
    finally:
        private_typ.unlink(missing_ok=True)
    return svg_file


def _generate_mobject(self: SVGMobject) -> SVGMobject:
    # Manim's SVGMobject.generate_mobject (0.22), with the copy's name made private.
    file_path = self.get_file_path()
    new_tree = self.modify_xml_tree(ElementTree.parse(file_path))
    modified_file_path = file_path.with_name(_private(file_path))
    new_tree.write(modified_file_path)
    try:
        svg = se.SVG.parse(modified_file_path)
    finally:
        modified_file_path.unlink(missing_ok=True)
    mobjects, mobject_dict = self.get_mobjects_from(svg)
    self.add(*mobjects)
    self.id_to_vgroup_dict = mobject_dict
    self.flip(RIGHT)  # Flip y
    return self


def share_typst_cache_safely() -> None:
    """Make every Typst mobject typeset, and every SVG mobject parse, safely (idempotent)."""
    typst_mobject.typst_to_svg_file = typst_to_svg_file
    SVGMobject.generate_mobject = _generate_mobject
