"""The handout: a PDF per scene and one for them all, written by Typst.

For each section of a scene: its last frame (the picture fully drawn), its
narration and the key formulas that first appear in it, typeset as Typst maths.
A4, page numbers in the footer. The document is ``templates/handout.typ``; the
kit hands it its content as JSON, with image paths inside the kit's folder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from scenes.lecture.notes import plain_formula
from scenes.lecture.timing import clock
from scenes.render.atomic import partial_file

if TYPE_CHECKING:
    from scenes.lecture.build import SceneKit

__all__ = ["HandoutError", "handout_data", "write_handout"]

TEMPLATE = files("scenes.lecture") / "templates" / "handout.typ"


class HandoutError(RuntimeError):
    """Typst could not write the handout."""


def _scene(kit: SceneKit) -> dict:
    sections = []
    for i, (chapter, still) in enumerate(zip(kit.chapters, kit.stills, strict=True)):
        name = kit.sections[i].name
        sections.append(
            {
                "title": chapter.title,
                "time": f"{clock(chapter.start_ms)}–{clock(chapter.end_ms)}",
                "still": "/" + still,
                "narration": kit.description(chapter, i),
                "formulas": [
                    plain_formula(f.expression) for f in kit.notes.formulas if f.beat == name
                ],
            }
        )
    return {
        "heading": kit.heading,
        "hook": kit.notes.hook,  # the takeaway is the last section's narration already
        "sections": sections,
    }


def handout_data(title: str, kits: Sequence[SceneKit]) -> dict:
    """What the handout shows, for the template: a title and each scene's sections."""
    return {"title": title, "scenes": [_scene(k) for k in kits]}


def write_handout(title: str, kits: Sequence[SceneKit], root: Path, dst: Path) -> Path:
    """Typeset ``kits`` into the PDF ``dst``; their stills are found under ``root`` (the kit)."""
    import typst

    data = json.dumps(handout_data(title, kits), ensure_ascii=False)
    try:
        pdf = typst.compile(
            TEMPLATE.read_bytes(), root=str(root), format="pdf", sys_inputs={"handout": data}
        )
    except typst.TypstError as error:
        raise HandoutError(f"Typst could not write {dst.name}: {error}") from error
    with partial_file(dst) as partial:
        Path(partial).write_bytes(pdf)
    return dst
