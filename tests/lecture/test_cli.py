"""`explainer lecture`: renders through the render API, then builds the kit (both faked here)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import scenes.cli.lecture as cli
import scenes.lecture.build as build
import scenes.lecture.notes as notes_module
from scenes.cli import main
from scenes.registry import find
from scenes.render.layout import scene_outputs
from scenes.render.runner import RenderReport, SceneResult


@pytest.fixture
def fake_render(renders, tmp_path, monkeypatch, fake_formula_renderer, fake_card_renderer):
    """render_scenes that "renders" the synthetic scenes into the real layout."""
    scene_renders, notes = renders
    media = tmp_path / "media"
    calls = {}

    def render_scenes(
        entries, *, quality, fmt, media_dir, jobs, force, on_update, overrides=None, theme=None
    ):
        calls.update(quality=quality, fmt=fmt, force=force, overrides=overrides, theme=theme)
        report = RenderReport(quality, fmt, media_dir)
        by_stem = {r.entry.stem: r for r in scene_renders}
        for entry in entries:
            result = SceneResult(entry, scene_outputs(media, quality, entry.stem, fmt))
            if entry.stem in by_stem:
                render = by_stem[entry.stem]
                out = result.outputs
                out.folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(render.video, out.video)
                shutil.copyfile(render.captions, out.captions)
                shutil.copyfile(render.sections, out.sections_index)
                result.status, result.source_key = "rendered", f"key-{entry.stem}"
            elif entry.part == 3:
                result.status, result.message = "failed", "Typst could not compile a formula"
            else:
                result.status, result.cause = "failed", "no source"
                result.message = f"not written yet: {entry.path}"
            on_update(result)
            report.results.append(result)
        return report

    monkeypatch.setattr(cli, "render_scenes", render_scenes)

    def gather_notes(entries, **kw):
        calls["note_keys"] = {e.stem: kw["key"](e) for e in entries}
        return {e.stem: notes[e.stem] for e in entries}

    monkeypatch.setattr(notes_module, "gather_notes", gather_notes)
    monkeypatch.setattr(build, "_default_formula", fake_formula_renderer)
    monkeypatch.setattr(build, "_default_card", fake_card_renderer)
    return calls


def test_lecture_builds_the_kit_and_leaves_out_unwritten_scenes(fake_render, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli.lecture, ["1", "2", "4", "--out", str(out), "--no-webm"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    # The notes are cached under the source keys the render computed, not recomputed.
    assert fake_render.pop("note_keys") == {
        "01-opening": "key-01-opening",
        "02-fog": "key-02-fog",
    }
    assert fake_render == {
        "quality": "medium",
        "fmt": "mp4",
        "force": False,
        "overrides": {},
        "theme": "dark",
    }
    assert "Lecture kit:" in result.output and "1 not written yet and left out" in result.output
    assert "04-surprise: not written yet" in result.output
    assert (out / "index.html").exists()
    assert sorted(p.name for p in (out / "scenes").glob("*.mp4")) == [
        "01-opening.mp4",
        "02-fog.mp4",
    ]


def test_lecture_adds_handouts_and_burned_captions_when_asked(fake_render, tmp_path):
    out = tmp_path / "site"
    args = ["1", "2", "--out", str(out), "--no-webm", "--handout", "--burn-captions"]
    result = CliRunner().invoke(cli.lecture, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "handouts").iterdir()) == [
        "01-opening.pdf",
        "02-fog.pdf",
        f"{build.FULL_NAME}.pdf",
    ]
    assert sorted(p.name for p in out.rglob("*.captioned.mp4")) == [
        "01-opening.captioned.mp4",
        "02-fog.captioned.mp4",
        f"{build.FULL_NAME}.captioned.mp4",
    ]
    assert not list(out.rglob("*.webm"))


def test_handout_writes_only_the_pdfs_and_leaves_other_files_alone(fake_render, tmp_path):
    from scenes.cli.handout import handout

    out = tmp_path / "pdfs"
    out.mkdir()
    (out / "syllabus.pdf").write_text("mine")
    result = CliRunner().invoke(handout, ["2", "1", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "01-opening.pdf",
        "02-fog.pdf",
        f"{build.FULL_NAME}.pdf",
        "syllabus.pdf",
    ]
    assert (out / "syllabus.pdf").read_text() == "mine"
    assert f"  {out / '01-opening.pdf'}\n" in result.output
    assert main.get_command(None, "handout") is handout


def test_lecture_stops_when_a_scene_fails_to_render(fake_render, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli.lecture, ["1", "3", "--out", str(out)])
    assert result.exit_code == 1
    assert "03-distributions: Typst could not compile a formula" in result.output
    assert "the kit: nothing built" in result.output
    assert not out.exists()


def test_ctrl_c_while_building_exits_130_and_says_the_kit_is_incomplete(
    fake_render, tmp_path, monkeypatch
):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "build_kit", interrupted)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli.lecture, ["1", "--out", str(out), "--no-webm"])
    assert result.exit_code == 130
    assert f"Interrupted while building the kit; {out} is incomplete" in result.output
    assert "Traceback" not in result.output


def test_lecture_refuses_a_folder_that_is_not_a_kit(fake_render, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "thesis.pdf").write_text("precious")
    result = CliRunner().invoke(cli.lecture, ["1", "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "holds no lecture kit" in result.output
    assert (tmp_path / "site" / "thesis.pdf").read_text() == "precious"


def test_lecture_is_a_command_of_explainer():
    assert main.get_command(None, "lecture") is cli.lecture
    assert find(1).stem == "01-opening"


def test_lecture_passes_parameters_and_theme_and_draws_its_page_in_that_theme(
    fake_render, tmp_path
):
    from scenes.theme import LIGHT, current_theme

    before = current_theme()
    out = tmp_path / "site"
    args = ["1", "2", "--out", str(out), "--no-webm", "--set", "unit=nats", "--theme", "light"]
    result = CliRunner().invoke(cli.lecture, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert fake_render["overrides"] == {"opening": {"unit": "nats"}, "fog": {"unit": "nats"}}
    assert fake_render["theme"] == "light"
    page = (out / "index.html").read_text()
    assert f"--bg: {LIGHT.color.background.to_hex()};" in page
    assert current_theme() is before  # the switch does not outlive the command


def test_lecture_refuses_bad_parameters_before_rendering(fake_render, tmp_path):
    args = ["1", "--out", str(tmp_path / "site"), "--set", "rolls=[9, 9]"]
    result = CliRunner().invoke(cli.lecture, args)
    assert result.exit_code == 2
    assert "01-opening: OpeningParams: rolls[0] = 9 is not a face" in result.output
    assert fake_render == {}  # nothing was rendered
    assert "Traceback" not in result.output
