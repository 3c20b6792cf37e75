"""The catalogue of the built-in scenes and the README's contact sheet: up to date with the
scenes' sources, used only while it is, and rebuilt by one command that works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from scenes import catalogue, registry
from scenes.registry import SceneEntry
from scenes.render.keys import sources_digest
from tests.fixtures_project import run

REPO = Path(__file__).resolve().parents[1]
TINY = (REPO / "tests" / "cli" / "tiny_scene.py.txt").read_text()
BUILT_IN = registry.SCENES + registry.EXTRAS


def test_the_catalogue_and_the_contact_sheet_are_up_to_date():
    record = json.loads(catalogue.CATALOGUE.read_text(encoding="utf-8"))
    scenes = record["scenes"]
    stale = [
        e.stem
        for e in BUILT_IN
        if scenes.get(e.stem, {}).get("sources") != sources_digest(e.module)
    ]
    gone = sorted(set(scenes) - {e.stem for e in BUILT_IN})
    assert not stale and not gone, (
        f"the contact sheet and scenes/catalogue.json are stale for {', '.join(stale + gone)}: "
        f"run `{catalogue.COMMAND}` and commit both files"
    )
    assert record["sheet"]["sha256"] == catalogue.file_digest(catalogue.SHEET), (
        f"scenes/contact-sheet.png is not the one the catalogue records: run `{catalogue.COMMAND}`"
    )
    assert catalogue.SHEET.stat().st_size < 250_000  # small enough to sit in the README


def test_the_readme_shows_the_sheet_and_names_the_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("## Quick start")]
    assert "](scenes/contact-sheet.png)" in head
    assert catalogue.COMMAND in readme


def _row(stdout: str, slug: str) -> list[str]:
    rows = [[cell.strip() for cell in line.strip("│ ").split("│")] for line in stdout.splitlines()]
    (row,) = [cells for cells in rows if len(cells) > 1 and cells[1] == slug]
    return row


def test_listing_uses_the_catalogue_only_for_the_sources_it_was_made_from(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))  # nothing remembered
    entry = registry.find(5)
    record = {"sources": sources_digest(entry.module), "beats": ["a", "b", "c"], "duration": 61.5}
    monkeypatch.setattr(catalogue, "_records", lambda: {entry.stem: record})
    assert _row(run("list").stdout, entry.slug)[3] == "3"

    record["sources"] = "made from other sources"
    listing = run("list")
    assert _row(listing.stdout, entry.slug)[3] == "?"
    assert "--count" in listing.stderr


def test_the_shipped_catalogue_counts_every_built_in_scene(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    scenes = json.loads(catalogue.CATALOGUE.read_text(encoding="utf-8"))["scenes"]
    listing = run("list").stdout
    for entry in BUILT_IN:
        assert _row(listing, entry.slug)[3] == str(len(scenes[entry.stem]["beats"]))


@pytest.mark.slow
def test_building_writes_the_sheet_and_the_record(tmp_path, monkeypatch):
    folder = tmp_path / "src"
    folder.mkdir()
    for module, class_name in (("tiny_sheet_one", "TinySheetOne"), ("tiny_sheet_two", "Two")):
        (folder / f"{module}.py").write_text(TINY.replace("CLASS_NAME", class_name))
    monkeypatch.syspath_prepend(str(folder))
    entries = [
        SceneEntry(1, "tiny-one", "tiny_sheet_one", "TinySheetOne", "Tiny one"),
        SceneEntry(None, "two", "tiny_sheet_two", "Two", "Two"),
    ]
    sheet, record_file = tmp_path / "out" / "sheet.png", tmp_path / "out" / "catalogue.json"
    said = []
    record = catalogue.build(entries, sheet=sheet, catalogue=record_file, progress=said.append)

    assert json.loads(record_file.read_text()) == record
    assert record["sheet"] == {"file": "sheet.png", "sha256": catalogue.file_digest(sheet)}
    for entry in entries:
        scene = record["scenes"][entry.stem]
        assert scene["sources"] == sources_digest(entry.module)
        assert scene["beats"] == ["opening", "square", "glow", "takeaway"]
        assert scene["poster"] == "glow"
        assert 1 < scene["duration"] < 10
    assert len(said) == 3 and "01-tiny-one: 4 sections" in said[0]

    with Image.open(sheet) as image:
        width, height = image.size
        pixels = image.convert("RGB")
        # Two tiles side by side, each a 16:9 poster with its title below.
        tile = catalogue.TILE_WIDTH * catalogue.PIXELS_PER_UNIT
        assert 2 * tile < width < 2.5 * tile
        assert tile * 9 / 16 < height < tile * 0.9
        background = pixels.getpixel((2, 2))
        # The glowing square sits in the middle of each poster.
        pad = 0.35 * catalogue.PIXELS_PER_UNIT
        for left in (pad, width - pad - tile):
            centre = (round(left + tile / 2), round(pad + tile * 9 / 32))
            assert pixels.getpixel(centre) != background
