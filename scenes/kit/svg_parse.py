"""Formulas parsed through a copy of their own: safe when processes share a Typst cache.

Manim parses each formula's SVG through a modified copy it writes beside it, named
``<hash>_.svg``, and deletes after parsing. Dry runs (notes, stills, the lecture kit)
typeset into the shared cache folder, so two processes drawing the same formula at
once wrote over and deleted each other's copy: one of them failed with
FileNotFoundError (seen in the test suite, where workers share the cache). Here the
copy is named for the process and thread that writes it.
"""

from __future__ import annotations

import os
import threading
from xml.etree import ElementTree

import svgelements as se
from manim.constants import RIGHT
from manim.mobject.svg.svg_mobject import SVGMobject

__all__ = ["parse_through_private_copy"]


def _generate_mobject(self: SVGMobject) -> SVGMobject:
    # Manim's SVGMobject.generate_mobject (0.22), with the copy's name made private.
    file_path = self.get_file_path()
    new_tree = self.modify_xml_tree(ElementTree.parse(file_path))
    private = f"{file_path.stem}_{os.getpid()}_{threading.get_ident()}{file_path.suffix}"
    modified_file_path = file_path.with_name(private)
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


def parse_through_private_copy() -> None:
    """Make every SVG mobject parse through a copy only its process sees (idempotent)."""
    SVGMobject.generate_mobject = _generate_mobject
