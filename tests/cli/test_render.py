"""`explainer render`: real renders of tiny scenes, incremental skips and every error path."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from cli_checks import assert_complete, leftovers, outputs

pytestmark = pytest.mark.slow


def test_renders_video_captions_and_sections_into_the_layout(tiny, cli):
    result = cli("render", "tiny-one", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 0, result.output
    out = outputs(tiny.media, "01-tiny-one")
    assert_complete(out)
    assert "rendered" in result.stdout
    assert not outputs(tiny.media, "02-tiny-two").video.exists()


def test_second_run_renders_nothing_and_an_edit_re_renders_only_that_scene(tiny, cli):
    args = ("render", "--quality", "low", "--jobs", "2", "--media-dir", str(tiny.media))
    first = cli(*args)
    assert first.exit_code == 0, first.output
    one, two = outputs(tiny.media, "01-tiny-one"), outputs(tiny.media, "02-tiny-two")
    assert_complete(one)
    assert_complete(two)
    stamps = {p: p.stat().st_mtime_ns for p in (one.video, two.video)}

    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert again.stdout.count("up to date") == 2
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps

    source = tiny.source("tiny_two")
    source.write_text(source.read_text() + "\n# an edit\n")
    edited = cli(*args)
    assert edited.exit_code == 0, edited.output
    assert one.video.stat().st_mtime_ns == stamps[one.video]
    assert two.video.stat().st_mtime_ns != stamps[two.video]
    assert_complete(two)

    forced = cli(*args[:-2], "--force", "--media-dir", str(tiny.media), "tiny-one")
    assert forced.exit_code == 0, forced.output
    assert one.video.stat().st_mtime_ns != stamps[one.video]


def test_scenes_are_picked_by_part_slug_or_class_name(tiny):
    from scenes.cli._common import select_entries

    one, two = tiny.entries
    assert select_entries(["1", "tiny-two", "TinyOne", "01"]) == [one, two]
    assert select_entries([]) == [one, two]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "nope"], "valid scenes: 1 tiny-one (TinyOne), 2 tiny-two (TinyTwo)"),
        (["render", "1", "--quality", "ultra"], "'ultra' is not one of 'low', 'medium'"),
        (["render", "1", "--format", "avi"], "'avi' is not one of 'mp4', 'webm', 'gif', 'mov'"),
        (["render", "1", "--jobs", "0"], "0 is not in the range x>=1"),
    ],
)
def test_user_mistakes_exit_2_with_a_message(tiny, cli, args, message):
    result = cli(*args, "--media-dir", str(tiny.media))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_unwritable_media_folder_is_a_clear_error(tiny, cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = cli("render", "1", "--quality", "low", "--media-dir", str(blocker / "media"))
    assert result.exit_code == 1
    assert f"cannot write to {blocker / 'media'}" in result.stderr
    assert "--media-dir" in result.stderr
    assert "Traceback" not in result.output


def test_missing_system_libraries_point_to_doctor(tiny, cli, tmp_path, monkeypatch):
    fake = tmp_path / "fake-site" / "manim"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        'raise ImportError("libcairo.so.2: cannot open shared object file")\n'
    )
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    result = cli("render", "1", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 1
    assert "libcairo.so.2" in result.stderr
    assert "explainer doctor" in result.stderr
    assert "Traceback" not in result.output


def test_missing_system_libraries_start_no_more_workers(tiny, cli, tmp_path, monkeypatch):
    fake = tmp_path / "fake-site" / "manim"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("libpango-1.0.so.0: not found")\n')
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    args = ("render", "1", "2", "--jobs", "1", "--quality", "low")
    result = cli(*args, "--media-dir", str(tiny.media))
    assert result.exit_code == 1 and "libpango" in result.stderr
    # One worker found the libraries missing; the other scene never started one.
    lines = result.stderr.splitlines()
    assert sum("rendering" in line for line in lines) == 1
    assert sum("cancelled" in line for line in lines) == 1


def test_a_scene_not_written_yet_fails_without_a_worker(tiny, cli, monkeypatch):
    from scenes import registry
    from scenes.registry import SceneEntry

    ghost = SceneEntry(3, "ghost", "tiny_ghost_missing", "Ghost", "Not yet")
    monkeypatch.setattr(registry, "SCENES", (*tiny.entries, ghost))
    result = cli("render", "ghost", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 1
    assert "not written yet" in result.stderr
    assert "1 of 1 scenes failed: 03-ghost" in result.stderr


def test_a_failing_scene_reports_its_error_and_keeps_its_log(tiny, cli, monkeypatch):
    monkeypatch.setenv("TINY_FAIL", "1")
    result = cli("render", "tiny-one", "--quality", "low", "--media-dir", str(tiny.media))
    assert result.exit_code == 1
    assert "RuntimeError: the tiny scene was told to fail" in result.stderr
    log = tiny.media / ".explainer" / "logs" / "low-01-tiny-one.log"
    assert "Traceback" in log.read_text()  # the details are in the log, not on screen
    assert "Traceback" not in result.output
    assert not outputs(tiny.media, "01-tiny-one").video.exists()
    assert leftovers(tiny.media) == []


def test_render_scenes_is_the_api_the_lecture_kit_uses(tiny):
    from scenes.render import render_scenes
    from scenes.render.worker import up_to_date

    seen = []
    report = render_scenes(
        [tiny.entries[0]],
        quality="low",
        fmt="webm",
        media_dir=tiny.media,
        on_update=lambda result: seen.append(result.status),
    )
    assert report.ok
    video = report.videos()["01-tiny-one"]
    assert video == tiny.media / "low" / "01-tiny-one.webm"
    webm = report.results[0].outputs
    assert_complete(webm)
    assert json.loads(webm.sections_index.read_text())[0]["video"].endswith("01-opening.webm")
    assert seen[0] == "queued" and seen[-1] == "rendered" and "rendering" in seen

    # A second format at the same quality keeps the first one's files intact.
    mp4 = render_scenes([tiny.entries[0]], quality="low", media_dir=tiny.media)
    assert mp4.ok
    for out in (webm, mp4.results[0].outputs):
        assert_complete(out)
        key = json.loads(out.key_file.read_text())["key"]
        assert up_to_date(out, key)


def test_key_covers_the_modules_a_scene_imports(tiny):
    from scenes.render.keys import source_files, source_key

    helper = tiny.folder / "tiny_helper.py"
    helper.write_text("SIZE = 1\n")
    source = tiny.source("tiny_one")
    source.write_text(
        source.read_text()
        + textwrap.dedent("""
        import tiny_helper  # noqa
    """)
    )
    files = {p.name for p in source_files("tiny_one")}
    assert {"tiny_one.py", "tiny_helper.py", "base.py", "theme.py"} <= files
    before = source_key("tiny_one", "TinyOne")
    helper.write_text("SIZE = 2\n")
    assert source_key("tiny_one", "TinyOne") != before
    assert source_key("tiny_one", "TinyOne", {"unit": "nats"}) != source_key("tiny_one", "TinyOne")
    assert source_key("tiny_one", "TinyOne", theme="light") != source_key("tiny_one", "TinyOne")
    assert os.path.exists(tiny.source("tiny_two"))


def test_a_scene_file_renders_as_with_manim_without_being_registered(tiny, cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    sketch = drafts / "square_sketch.py"
    template = Path(__file__).with_name("tiny_scene.py.txt").read_text()
    sketch.write_text(template.replace("CLASS_NAME", "SquareSketch"))
    args = ("--quality", "low", "--media-dir", str(tiny.media))
    result = cli("render", str(sketch), *args)
    assert result.exit_code == 0, result.output
    assert_complete(outputs(tiny.media, "x-square-sketch"))
    assert not outputs(tiny.media, "01-tiny-one").video.exists()

    still = cli("still", str(sketch), "SquareSketch", "--section", "glow", *args)
    assert still.exit_code == 0, still.output
    assert still.stdout.split() == [str(outputs(tiny.media, "x-square-sketch").still(3, "glow"))]
