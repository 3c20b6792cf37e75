"""A private Typst folder per process, seeded from and returned to the shared cache.

manim writes each compiled formula into ``config.tex_dir`` with a plain write and
re-uses any file of the right name it finds there, so two processes sharing one
folder can read each other's half-written SVG. Each render process therefore
gets its own folder: it starts with hard links to every complete SVG of the
shared cache (free, and safe, since published files are never rewritten in
place) and, when the process is done, its new SVGs join the cache by rename.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager, suppress
from pathlib import Path

from scenes.render.atomic import publish_file

__all__ = ["private_typst_dir", "publish_new", "seed"]

_TAIL = 64


def _complete(path: Path) -> bool:
    """Whether an SVG ends with its closing tag (a concurrent plain write may not)."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - _TAIL))
            return b"</svg>" in handle.read()
    except OSError:
        return False


def seed(private: Path, shared: Path) -> set[str]:
    """Link every complete SVG of ``shared`` into ``private``; the names linked."""
    private.mkdir(parents=True, exist_ok=True)
    linked: set[str] = set()
    if not shared.is_dir():
        return linked
    for svg in shared.glob("*.svg"):
        if not _complete(svg):
            continue
        target = private / svg.name
        try:
            os.link(svg, target)
        except FileExistsError:
            pass
        except OSError:
            try:
                shutil.copyfile(svg, target)
            except OSError:
                continue
        linked.add(svg.name)
    return linked


def publish_new(private: Path, shared: Path, known: set[str]) -> int:
    """Move the SVGs compiled in ``private`` (not in ``known``) into ``shared``; the
    private folder is not to be used after this."""
    published = 0
    with suppress(OSError):
        shared.mkdir(parents=True, exist_ok=True)
    for svg in private.glob("*.svg"):
        if svg.name in known or (shared / svg.name).exists() or not _complete(svg):
            continue
        try:
            # Moved, not copied: the private folder is thrown away after the run.
            publish_file(svg, shared / svg.name)
            published += 1
        except OSError:
            continue
    return published


@contextmanager
def private_typst_dir(private: Path, shared: Path):
    """A Typst folder for this process alone; new formulas reach ``shared`` afterwards."""
    known = seed(private, shared)
    try:
        yield private
    finally:
        publish_new(private, shared, known)
