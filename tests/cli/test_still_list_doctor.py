"""`explainer still`, `list` and `doctor`, with their error paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_checks import BEATS, outputs
from PIL import Image

REPO = Path(__file__).resolve().parents[2]


def test_still_writes_the_last_frame_of_every_section(tiny, cli):
    result = cli("still", "tiny-one", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 0, result.output
    out = outputs(tiny.media, "01-tiny-one")
    expected = [out.still(i, name) for i, name in enumerate(BEATS, start=1)]
    assert result.stdout.split() == [str(p) for p in expected]
    for path in expected:
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (854, 480)
    assert not out.video.exists()  # no video was encoded


def test_still_of_one_section(tiny, cli):
    result = cli(
        "still", "2", "--section", "glow", "--quality", "low", "--media-dir", str(tiny.media)
    )
    assert result.exit_code == 0, result.output
    out = outputs(tiny.media, "02-tiny-two")
    assert result.stdout.split() == [str(out.still(3, "glow"))]
    assert sorted(p.name for p in out.stills_dir.iterdir()) == ["03-glow.png"]


def test_stills_clear_what_an_interrupted_publication_left(tiny, cli):
    out = outputs(tiny.media, "02-tiny-two")
    out.stills_dir.mkdir(parents=True)
    aside = out.folder / f".{out.stills_dir.name}.dead.old"
    half = out.stills_dir / ".03-glow.png.dead.part"
    aside.mkdir()
    half.write_bytes(b"half a PNG")
    result = cli(
        "still", "2", "--section", "glow", "--quality", "low", "--media-dir", str(tiny.media)
    )
    assert result.exit_code == 0, result.output
    assert not aside.exists() and not half.exists()
    assert out.still(3, "glow").exists()


def test_still_of_an_unknown_section_lists_the_sections(tiny, cli):
    result = cli("still", "1", "--section", "nope", "--media-dir", str(tiny.media))
    assert result.exit_code == 2
    assert "its sections are: opening, square, glow, takeaway" in result.stderr
    assert "Traceback" not in result.output


def test_a_scene_that_fails_shows_the_line_of_its_own_code(tiny, cli, monkeypatch):
    monkeypatch.setenv("TINY_FAIL", "1")
    result = cli("still", "tiny-one", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 1
    assert "failed to play: RuntimeError: the tiny scene was told to fail" in result.stderr
    # Where, in the author's file: its line, not manim's frames above it.
    where = result.stderr[: result.stderr.index("Error:")]
    assert f'File "{tiny.folder / "tiny_one.py"}"' in where and ", in body" in where
    assert 'raise RuntimeError("the tiny scene was told to fail")' in where
    assert "manim" not in where


def test_still_of_an_unknown_scene_lists_the_scenes(tiny, cli):
    result = cli("still", "nope", "--media-dir", str(tiny.media))
    assert result.exit_code == 2
    assert "valid scenes: 1 tiny-one (TinyOne)" in result.stderr


def test_still_needs_a_scene(tiny, cli):
    result = cli("still", "--media-dir", str(tiny.media))
    assert result.exit_code == 2
    assert "Missing argument 'SCENE'" in result.stderr


def _rows(stdout: str) -> list[list[str]]:
    rows = [line for line in stdout.splitlines() if "tiny-" in line]
    return [[c.strip() for c in row.strip("│ ").split("│")] for row in rows]


def test_list_counts_only_when_asked_and_remembers_the_count(tiny, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    first = cli("list")
    assert first.exit_code == 0, first.output
    assert _rows(first.stdout) == [
        ["1", "tiny-one", "Tiny one", "?"],
        ["2", "tiny-two", "Tiny two", "?"],
    ]
    assert "`explainer list --count` plays those scenes" in first.stderr

    counted = cli("list", "--count")
    assert counted.exit_code == 0, counted.output
    assert _rows(counted.stdout) == [
        ["1", "tiny-one", "Tiny one", str(len(BEATS))],
        ["2", "tiny-two", "Tiny two", str(len(BEATS))],
    ]
    assert "--count" not in counted.stderr

    remembered = cli("list")
    assert _rows(remembered.stdout) == _rows(counted.stdout)
    # An edited scene is not listed with its old count.
    source = tiny.source("tiny_two")
    source.write_text(source.read_text() + "\n# an edit\n")
    edited = _rows(cli("list").stdout)
    assert edited[0] == _rows(counted.stdout)[0] and edited[1][3] == "?"


def test_list_marks_scenes_not_written_yet(tiny, cli, monkeypatch):
    from scenes import registry
    from scenes.registry import SceneEntry

    ghost = SceneEntry(3, "ghost", "tiny_ghost_missing", "Ghost", "Not yet")
    monkeypatch.setattr(registry, "SCENES", (*tiny.entries, ghost))
    for args in (["list"], ["list", "--count"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert "not written yet" in result.stdout


def test_list_needs_manim_only_to_count(tiny, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    monkeypatch.setitem(sys.modules, "manim", None)
    assert cli("list").exit_code == 0
    result = cli("list", "--count")
    assert result.exit_code == 1
    assert "explainer doctor" in result.stderr
    assert "Traceback" not in result.output


def test_listing_plays_nothing_and_imports_no_manim():
    code = (
        "import sys; from scenes.cli import main; "
        "main(['list'], standalone_mode=False); "
        "assert 'manim' not in sys.modules, 'listing imported manim'"
    )
    listing = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert listing.returncode == 0, listing.stderr
    assert "mutual-information" in listing.stdout


def test_doctor_passes_here(cli, tmp_path):
    result = cli("doctor", "--media-dir", str(tmp_path / "media"))
    assert result.exit_code == 0, result.output
    for name in ("Python", "Cairo", "Pango", "manim", "Typst", "PyAV", "codec mp4", "Fonts"):
        assert name in result.stdout
    assert "MISSING" not in result.stdout


@pytest.mark.parametrize(
    ("module", "fix"),
    [
        ("cairo", "sudo apt-get install --no-install-recommends libcairo2-dev pkg-config"),
        ("manimpango", "sudo apt-get install --no-install-recommends libpango1.0-dev"),
        ("typst", "-m pip install 'typst>=0.14'"),
        ("av", "-m pip install --force-reinstall av"),
    ],
)
def test_doctor_names_what_is_missing_and_the_fix(cli, tmp_path, monkeypatch, module, fix):
    monkeypatch.setitem(sys.modules, module, None)
    result = cli("doctor", "--media-dir", str(tmp_path / "media"))
    assert result.exit_code == 1
    assert "MISSING: " in result.stdout
    assert fix in result.stdout
    assert "required check(s) failed" in result.stderr


def test_doctor_flags_a_missing_codec_and_font(cli, tmp_path, monkeypatch):
    from scenes.cli import doctor

    monkeypatch.setitem(doctor.ENCODERS, "webm", "no-such-encoder")
    monkeypatch.setattr(doctor, "_theme_fonts", lambda: ("No Such Font",))
    result = cli("doctor", "--media-dir", str(tmp_path / "media"))
    assert result.exit_code == 1
    assert "MISSING (optional): codec webm" in result.stdout
    assert "MISSING: Fonts: Typst cannot find the theme's font(s): No Such Font" in result.stdout


def test_doctor_flags_an_unwritable_media_folder(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli("doctor", "--media-dir", str(blocker / "media"))
    assert result.exit_code == 1
    assert "MISSING: Media folder" in result.stdout


def test_the_cache_folder_matches_the_dry_run_cache():
    from scenes.dryrun import typst_cache_dir
    from scenes.render.scene_info import cache_root

    assert typst_cache_dir().parent == cache_root()
