"""`explainer new`: the scene lands in the lecturer's project, plays, is found, lints, and
its own test passes; nothing is ever written into the package."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scenes import registry
from scenes.registry import SceneEntry
from tests.fixtures_project import run

REPO = Path(__file__).resolve().parents[1]


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


def _package_files() -> set[Path]:
    return {p for p in (REPO / "scenes").rglob("*") if "__pycache__" not in p.parts}


def test_new_in_an_empty_folder_makes_a_project_whose_scene_plays_and_lints(course):
    from scenes.dryrun import dry_run

    before = _package_files()
    result = run("new", "weather-odds", "--title", "Weather odds")
    assert result.exit_code == 0, result.output
    scene_file = course / "course_scenes" / "weather_odds.py"
    assert f"Created {course / 'explainer.toml'}" in result.output
    assert f"Wrote {scene_file}" in result.output
    assert "explainer render weather-odds" in result.output
    assert (course / "course_scenes" / "__init__.py").is_file()
    config = tomllib.loads((course / "explainer.toml").read_text())
    assert config["scenes"] == "course_scenes"
    assert _package_files() == before  # nothing went into the package

    entry = registry.find("weather-odds")
    assert entry == SceneEntry(
        None,
        "weather-odds",
        "course_scenes.weather_odds",
        "WeatherOdds",
        "Weather odds",
        folder=str(course),
    )
    assert entry.path == str(scene_file)
    assert registry.find("x-weather-odds") == entry
    assert registry.all_entries()[-1] == entry  # after the parts and the extras
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


def test_a_second_scene_joins_the_same_project_even_from_a_subfolder(course, monkeypatch):
    assert run("new", "weather-odds").exit_code == 0
    notes = course / "notes"
    notes.mkdir()
    monkeypatch.chdir(notes)
    result = run("new", "dice-odds")
    assert result.exit_code == 0, result.output
    assert "Created" not in result.output
    assert (course / "course_scenes" / "dice_odds.py").is_file()
    assert not (notes / "explainer.toml").exists()
    assert [e.slug for e in registry.project_entries()] == ["dice-odds", "weather-odds"]


def test_a_project_that_names_a_tests_folder_gets_a_test_that_passes(course):
    (course / "explainer.toml").write_text('scenes = "lessons"\ntests = "tests"\n')
    (course / "tests").mkdir()
    result = run("new", "weather-odds")
    assert result.exit_code == 0, result.output
    test_file = course / "tests" / "test_x_weather_odds.py"
    assert f"Wrote {test_file}" in result.output
    assert f"pytest {course / 'tests'} -k weather_odds" in result.output  # generic ones too
    assert (course / "lessons" / "weather_odds.py").is_file()
    assert "from lessons.weather_odds import WeatherOdds" in test_file.read_text()
    # The test imports the project's package, which isort cannot place as it would scenes.
    lint = _ruff(test_file, "tests/scenes/test_x_weather_odds.py", "--extend-ignore", "I001")
    assert lint.returncode == 0, lint.stdout

    conftest = (REPO / "tests" / "scenes" / "conftest.py").read_text()
    (course / "tests" / "conftest.py").write_text(conftest)
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        cwd=course,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(course), str(REPO)])},
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout


def test_the_explainer_repository_is_a_project_whose_scenes_are_the_extras():
    from scenes.project import find_project

    project = find_project(REPO / "scenes" / "kit")
    assert project.config == REPO / "pyproject.toml"
    assert project.scenes_dir == registry.EXTRAS_DIR
    assert project.package == registry.EXTRAS_PACKAGE
    assert project.tests_dir == REPO / "tests" / "scenes"


def test_new_never_overwrites(course):
    assert run("new", "weather-odds").exit_code == 0
    scene_file = course / "course_scenes" / "weather_odds.py"
    scene_file.write_text("# my edits\n")
    again = run("new", "weather-odds")
    assert again.exit_code == 1
    assert "already exists; nothing was written" in again.output
    assert scene_file.read_text() == "# my edits\n"


def test_new_refuses_a_folder_with_an_explainer_toml_it_cannot_use(course):
    (course / "explainer.toml").write_text('scenes = "json"\n')
    result = run("new", "weather-odds")
    assert result.exit_code == 1
    assert "would hide the package 'json'" in result.output
    assert sorted(p.name for p in course.iterdir()) == ["explainer.toml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad Slug"], "is not a slug: use lower-case letters"),
        (["9-lives"], "starting with a letter"),
        (["double--hyphen"], "is not a slug"),
        (["entropy"], "'entropy' is taken by part 6"),
        (["recap"], "taken by part 12"),
        (["mutual-information"], "taken by the extra scenes/extras/mutual_information.py"),
        (["class"], "is a Python keyword"),
        (["a" * 41], "keep it to 40"),
        (["fine-slug", "--title", "x" * 41], "fits the title card on one line"),
        (["fine-slug", "--title", "   "], "the title is empty"),
    ],
)
def test_bad_slugs_and_titles_are_refused_before_writing(course, args, message):
    result = run("new", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert list(course.iterdir()) == []  # not even the project


def test_a_slug_used_by_a_project_scene_is_taken(course):
    assert run("new", "weather-odds").exit_code == 0
    folder = course / "course_scenes"
    (folder / "weather_odds.py").rename(folder / "renamed.py")  # class WeatherOdds stays
    registry.refresh()
    result = run("new", "weather-odds")
    assert result.exit_code == 2
    assert "taken by the extra" in result.output and "renamed.py" in result.output


def test_discovery_reads_titles_without_importing_manim(tmp_path):
    course = tmp_path / "course"
    (course / "course_scenes").mkdir(parents=True)
    (course / "explainer.toml").write_text("")
    (course / "course_scenes" / "my_topic.py").write_text(
        'TITLE = "My topic"\n\nclass MyTopic(ExplainerScene):\n    pass\n'
    )
    code = (
        "import sys; from scenes import registry; "
        "print([(e.slug, e.class_name, e.title) for e in registry.all_entries()]); "
        "assert 'manim' not in sys.modules, 'manim was imported'"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=course, env=env
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.rstrip().endswith("('my-topic', 'MyTopic', 'My topic')]")
    assert "('mutual-information', 'MutualInformation', 'Mutual information')" in found.stdout


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
