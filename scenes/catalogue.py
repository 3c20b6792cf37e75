"""The catalogue of the built-in scenes: the README's contact sheet, and what `explainer list`
shows without playing a scene.

``make contact-sheet`` (``python -m scenes.catalogue``) plays every built-in scene once
without encoding video, as ``explainer still`` does, and writes two files:

- ``scenes/contact-sheet.png``: one poster per scene (the last frame of its last
  section before the takeaway), titled, in a grid;
- ``scenes/catalogue.json``: for each scene the digest of its sources
  (:func:`scenes.render.keys.sources_digest`), its sections and its length (the whole
  scene's and each section's) as a run without a voice times it (lines by reading
  speed: what progress bars expect before a first render, and what a split render
  deals its sections by); and the sheet's own hash.

A record is used only while its scene's sources are the ones it was made from, so a
changed scene is never listed with old numbers. ``tests/test_catalogue.py`` fails
when the record (and so the sheet) is stale, and names the command.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from scenes.registry import SceneEntry
from scenes.render.scene_info import SceneInfo

__all__ = [
    "CATALOGUE",
    "SHEET",
    "build",
    "contact_sheet",
    "poster_beat",
    "recorded_info",
]

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE / "catalogue.json"
SHEET = HERE / "contact-sheet.png"
COMMAND = "make contact-sheet"
COLUMNS = 4
TILE_WIDTH = 4.0  # manim units; a 480p frame is 14.2 units wide
PIXELS_PER_UNIT = 90  # 360-pixel tiles: the sheet stays small, the posters recognisable


@cache
def _records(path: Path = CATALOGUE) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["scenes"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def recorded_info(stem: str, sources: str) -> SceneInfo | None:
    """The catalogue's sections and length of the scene ``stem``, if it was recorded
    from these very ``sources`` (a :func:`~scenes.render.keys.sources_digest`)."""
    record = _records().get(stem)
    if not record or record.get("sources") != sources:
        return None
    return SceneInfo.from_record(record)


def poster_beat(beats: Sequence[str]) -> str:
    """The section whose last frame stands for the scene: the fullest picture, just
    before the takeaway card clears the stage."""
    shown = [b for b in beats if b not in ("opening", "takeaway")]
    return shown[-1] if shown else beats[-1]


def label(entry: SceneEntry) -> str:
    return f"{entry.part} · {entry.title}" if entry.part is not None else f"Extra · {entry.title}"


def contact_sheet(tiles: Sequence[tuple[str, Path]], columns: int = COLUMNS):
    """A grid of ``(label, poster)`` tiles, drawn in the current theme; a PIL image."""
    from manim import DOWN, LEFT, UL, Group, ImageMobject, Rectangle, tempconfig

    from scenes.dryrun import typst_settings
    from scenes.kit import Txt
    from scenes.kit.camera import picture_of
    from scenes.theme import current_theme

    theme = current_theme()
    cells = []
    with tempconfig(typst_settings()):
        for text, poster in tiles:
            image = ImageMobject(str(poster)).scale_to_fit_width(TILE_WIDTH)
            frame = Rectangle(width=image.width, height=image.height, stroke_width=1.5)
            frame.set_stroke(theme.color.muted).move_to(image)
            caption = Txt(text, "small", "text")  # plain text, shown as written
            if caption.width > image.width:  # the longest titles
                caption.scale_to_fit_width(image.width)
            caption.next_to(image, DOWN, buff=0.15).align_to(image, LEFT)
            cells.append(Group(image, frame, caption))
        grid = Group(*cells).arrange_in_grid(cols=columns, buff=(0.35, 0.45), aligned_edge=UL)
        return picture_of(grid, pixels_per_unit=PIXELS_PER_UNIT, pad=0.35)


def _save_png(image, path: Path) -> None:
    from PIL import Image

    from scenes.render.atomic import partial_file

    # An adaptive palette keeps the file small; the scenes' flat colours survive it.
    small = image.quantize(colors=192, method=Image.Quantize.MEDIANCUT)
    with partial_file(path) as part:
        small.save(part, format="PNG", optimize=True)


def build(
    entries: Sequence[SceneEntry] | None = None,
    *,
    sheet: Path = SHEET,
    catalogue: Path = CATALOGUE,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Play ``entries`` (every built-in scene), write the sheet and the catalogue; the record."""
    from scenes import registry
    from scenes.render.keys import sources_digest
    from scenes.render.stills import fast_forward

    entries = list(entries if entries is not None else registry.SCENES + registry.EXTRAS)
    scenes: dict[str, Any] = {}
    tiles = []
    with tempfile.TemporaryDirectory(prefix="contact-sheet-") as work:
        for entry in entries:
            started = time.perf_counter()
            stills = Path(work) / entry.stem
            digest = sources_digest(entry.module)  # before playing: what is shown is this
            scene = fast_forward(entry, quality="low", stills_dir=stills, theme="dark")
            beats = [b.name for b in scene.beats]
            poster = poster_beat(beats)
            tiles.append((label(entry), stills / f"{beats.index(poster) + 1:02d}-{poster}.png"))
            info = SceneInfo.played(scene.beats)
            scenes[entry.stem] = {
                "sources": digest,
                "beats": beats,
                "duration": round(info.duration, 3),
                "lengths": [round(length, 3) for length in info.lengths or ()],
                "poster": poster,
            }
            progress(f"{entry.stem}: {len(beats)} sections ({time.perf_counter() - started:.1f} s)")
        from scenes.theme import theme_used

        with theme_used("dark"):
            _save_png(contact_sheet(tiles), sheet)
    record = {
        "written by": f"{COMMAND} (python -m scenes.catalogue)",
        "sheet": {"file": sheet.name, "sha256": file_digest(sheet)},
        "scenes": scenes,
    }
    from scenes.render.atomic import write_text_atomic

    write_text_atomic(catalogue, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    _records.cache_clear()
    progress(f"wrote {sheet} ({sheet.stat().st_size / 1e3:.0f} kB) and {catalogue}")
    return record


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    from scenes.render.stills import import_manim

    del argv  # no options: the sheet always shows every built-in scene
    import_manim()
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
