"""The PDF handouts, read back with pypdf: A4, numbered pages, one entry per section with
its picture, narration and key formula."""

from __future__ import annotations

import re
import unicodedata

import pytest

pypdf = pytest.importorskip(
    "pypdf", reason="pypdf reads the handouts back: pip install -e '.[dev]'"
)

A4_POINTS = (595.28, 841.89)


def _read(path):
    reader = pypdf.PdfReader(str(path))
    # Typst's maths uses the Unicode maths letters (𝐻): NFKC reads them as plain ones.
    text = "\n".join(unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages)
    return reader, text


def test_each_scene_handout_has_one_entry_per_section(kit):
    for scene in kit.scenes:
        reader, text = _read(kit.out / scene.files["handout"])
        assert reader.metadata.title == f"{scene.heading} — Information theory, animated"
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (width, height) == pytest.approx(A4_POINTS, abs=0.5)
        entries = re.findall(r"^(\d+)\. (.+)$", text, flags=re.M)
        assert entries == [(str(i), c.title) for i, c in enumerate(scene.chapters, start=1)]
        flat = " ".join(text.split())
        for beat in scene.notes.beats:
            assert beat.narration in flat
        # Each section's last frame, once.
        assert sum(len(page.images) for page in reader.pages) == len(scene.chapters)
        pages = len(reader.pages)
        assert [f"Page {n} of {pages}" in text for n in range(1, pages + 1)] == [True] * pages
        # The key formula, typeset as maths in the section where it first appears.
        assert "H(p) = ∑" in flat


def test_the_whole_handout_holds_every_part_in_order(kit):
    reader, text = _read(kit.out / kit.full.files["handout"])
    headings = [s.heading for s in kit.scenes]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    sections = sum(len(s.chapters) for s in kit.scenes)
    assert sum(len(page.images) for page in reader.pages) == sections
    assert len(reader.pages) >= len(kit.scenes)  # each scene starts a page


def test_narration_is_set_as_text_never_read_as_typst(kit, tmp_path):
    """Narration with Typst's markup characters comes out as written."""
    import dataclasses

    from scenes.lecture.handout import write_handout
    from scenes.lecture.notes import BeatNote

    scene = kit.scenes[0]
    tricky = "Costs #1 *or* $2, _maybe_ <tag> @ref [x] \\ `code` // not a comment"
    beats = (BeatNote(scene.sections[0].name, tricky, 0.0, 0.8), *scene.notes.beats[1:])
    odd = dataclasses.replace(scene, notes=dataclasses.replace(scene.notes, beats=beats))
    _, text = _read(write_handout("Odd", [odd], kit.out, tmp_path / "odd.pdf"))
    assert tricky in " ".join(text.split())
