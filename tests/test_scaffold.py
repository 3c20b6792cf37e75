"""`explainer new`: the scaffolded scene plays, is found, lints, and its own test passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes import registry, scaffold
from scenes.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def extras(tmp_path, monkeypatch):
    """An empty extras package ``tmp_extras`` and a tests folder, both in ``tmp_path``."""
    folder = tmp_path / "tmp_extras"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    tests = tmp_path / "tests" / "scenes"
    tests.mkdir(parents=True)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "EXTRAS_DIR", folder)
    monkeypatch.setattr(registry, "EXTRAS_PACKAGE", "tmp_extras")
    monkeypatch.setattr(registry, "EXTRAS", ())
    monkeypatch.setattr(scaffold, "PROJECT_ROOT", tmp_path)
    for name in [m for m in sys.modules if m.startswith("tmp_extras")]:
        monkeypatch.delitem(sys.modules, name)
    return folder


def new(*args: str):
    return CliRunner().invoke(main, ["new", *args], catch_exceptions=False)


def _ruff(path: Path, as_path: str, *extra: str) -> subprocess.CompletedProcess:
    """ruff with the project's settings, as if the file were at ``as_path`` in the repo."""
    ruff = Path(sys.executable).with_name("ruff")
    return subprocess.run(
        [str(ruff), "check", "--stdin-filename", as_path, *extra, "-"],
        input=path.read_text(),
        capture_output=True,
        text=True,
        cwd=REPO,
    )


def test_new_scene_is_registered_plays_cleanly_and_lints(extras, tmp_path):
    from scenes.dryrun import dry_run

    result = new("weather-odds", "--title", "Weather odds")
    assert result.exit_code == 0, result.output
    scene_file = extras / "weather_odds.py"
    test_file = tmp_path / "tests" / "scenes" / "test_x_weather_odds.py"
    assert f"Wrote {scene_file}" in result.output
    assert "explainer render weather-odds" in result.output

    entry = registry.find("weather-odds")
    assert entry == registry.SceneEntry(
        None, "weather-odds", "tmp_extras.weather_odds", "WeatherOdds", "Weather odds"
    )
    assert registry.find("x-weather-odds") == entry
    assert registry.SCENES[-1].part == 12  # the twelve keep their order

    scene = dry_run(entry.load(), layout="error")
    names = [b.name for b in scene.beats]
    assert names == ["opening", "odds", "surprise", "entropy", "takeaway"]
    assert all(not b.problems for b in scene.beats)
    assert 20 <= scene.beats[-1].end <= 60
    assert scene.beat_record("opening").narration == type(scene).hook
    assert "H" in scene.beat_record("entropy").readouts

    lint = _ruff(scene_file, "scenes/extras/weather_odds.py")
    assert lint.returncode == 0, lint.stdout
    # The test imports tmp_extras, which isort cannot place as it would scenes.extras.
    lint = _ruff(test_file, "tests/scenes/test_x_weather_odds.py", "--extend-ignore", "I001")
    assert lint.returncode == 0, lint.stdout


def test_the_scaffolded_test_passes(extras, tmp_path):
    assert new("weather-odds").exit_code == 0
    tests = tmp_path / "tests" / "scenes"
    (tests / "conftest.py").write_text((REPO / "tests" / "scenes" / "conftest.py").read_text())
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


def test_new_never_overwrites(extras):
    assert new("weather-odds").exit_code == 0
    scene_file = extras / "weather_odds.py"
    scene_file.write_text("# my edits\n")
    again = new("weather-odds")
    assert again.exit_code == 1
    assert "already exists; nothing was written" in again.output
    assert scene_file.read_text() == "# my edits\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad Slug"], "is not a slug: use lower-case letters"),
        (["9-lives"], "starting with a letter"),
        (["double--hyphen"], "is not a slug"),
        (["entropy"], "'entropy' is taken by part 6"),
        (["recap"], "taken by part 12"),
        (["class"], "is a Python keyword"),
        (["a" * 41], "keep it to 40"),
        (["fine-slug", "--title", "x" * 41], "fits the title card on one line"),
        (["fine-slug", "--title", "   "], "the title is empty"),
    ],
)
def test_bad_slugs_and_titles_are_refused_before_writing(extras, args, message):
    result = new(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in extras.iterdir()) == ["__init__.py"]


def test_a_slug_used_by_an_extra_is_taken(extras):
    assert new("weather-odds").exit_code == 0
    (extras / "weather_odds.py").rename(extras / "renamed.py")  # class WeatherOdds stays
    (extras.parent / "tests" / "scenes" / "test_x_weather_odds.py").unlink()
    registry.refresh_extras()
    result = new("weather-odds")
    assert result.exit_code == 2
    assert "taken by the extra" in result.output


def test_discovery_reads_titles_without_importing_manim():
    code = (
        "import sys; from scenes import registry; "
        "assert 'manim' not in sys.modules, 'manim was imported'; "
        "print([(e.slug, e.class_name, e.title) for e in registry.EXTRAS])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr


def test_discovery_skips_private_files_and_survives_broken_ones(tmp_path):
    (tmp_path / "_helpers.py").write_text("X = 1\n")
    (tmp_path / "broken.py").write_text("def (:\n")
    (tmp_path / "titled.py").write_text(
        'TITLE = "A title"\n\nclass Other:\n    pass\n\nclass Titled(ExplainerScene):\n    pass\n'
    )
    found = registry.discover_extras(tmp_path, "pkg")
    assert [(e.slug, e.module, e.class_name, e.title) for e in found] == [
        ("broken", "pkg.broken", "Broken", "Broken"),
        ("titled", "pkg.titled", "Titled", "A title"),
    ]
    assert all(e.part is None and e.stem == f"x-{e.slug}" for e in found)
