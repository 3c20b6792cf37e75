"""A lecturer's project: its configuration, its scenes beside the built-in ones, scene files
named on the command line, default parameters, and the render key of a project scene."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest

from scenes import registry
from scenes.cli._common import UnknownScene, resolve_params, select_entries
from scenes.project import ProjectError, find_project
from scenes.registry import UnknownSceneError
from scenes.render.layout import scene_outputs
from tests.fixtures_project import run

REPO = Path(__file__).resolve().parents[1]
TINY = (REPO / "tests" / "cli" / "tiny_scene.py.txt").read_text()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def tiny_project(course: Path) -> Path:
    """A project whose one scene draws a square sized by a helper module of the project."""
    write(course / "explainer.toml", 'scenes = "course_scenes"\n')
    write(course / "course_scenes" / "__init__.py", "")
    write(course / "course_scenes" / "_shapes.py", "SIDE = 2\n")
    write(course / "course_data.py", "NAME = 'data'\n")
    scene = TINY.replace("CLASS_NAME", "TinySquare").replace(
        "square = Square(side_length=2)",
        "square = Square(side_length=SIDE)",
    )
    scene = scene.replace(
        "from scenes.kit.base import ExplainerScene\n",
        "import course_data  # noqa: F401\nfrom course_scenes._shapes import SIDE\n"
        "from scenes.kit.base import ExplainerScene\n\nTITLE = 'A tiny square'\n",
    )
    return write(course / "course_scenes" / "tiny_square.py", scene)


# -- the configuration -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("scenes = [", "explainer.toml: Invalid value"),  # TOML's own message, with the file
        ('scenes = "course_scenes"\nmedia = "out"\n', "unknown key 'media'"),
        ('scenes = "my scenes"\n', "must be a folder inside the project whose name"),
        ('scenes = "/abs/olute"\n', "must be a folder inside the project"),
        ('scenes = "scenes"\n', "would hide the package 'scenes'"),
        ('scenes = "json"\n', "would hide the package 'json'"),
        ("tests = 3\n", "tests must be a folder name"),
        ("params = 3\n", "params must hold one table per scene"),
    ],
)
def test_a_configuration_that_cannot_be_used_is_a_one_line_error(course, config, message):
    (course / "explainer.toml").write_text(config)
    result = run("list")
    assert result.exit_code == 1
    assert message in result.output
    assert str(course / "explainer.toml") in result.output
    assert "Traceback" not in result.output


def test_the_project_is_found_upwards_and_a_bare_pyproject_is_not_one(course):
    (course / "pyproject.toml").write_text('[project]\nname = "not-a-course"\n')
    assert find_project(course) is None
    (course / "explainer.toml").write_text('scenes = "lessons"\n')
    deep = course / "a" / "b"
    deep.mkdir(parents=True)
    project = find_project(deep)
    assert (project.root, project.scenes_dir, project.package) == (
        course,
        course / "lessons",
        "lessons",
    )


def test_a_project_scene_may_not_take_a_built_in_name(course):
    write(course / "explainer.toml", "")
    write(course / "course_scenes" / "entropy.py", "class Mine(ExplainerScene):\n    pass\n")
    result = run("list")
    assert result.exit_code == 1
    assert "the scene Mine (entropy) has the name of part 6" in result.output
    with pytest.raises(ProjectError):
        registry.all_entries()


# -- scene files named on the command line -------------------------------------------


def test_a_registered_file_is_its_registered_scene(course):
    tiny_project(course)
    (part5,) = select_entries([str(REPO / "scenes" / "parts" / "p05_surprise_formula.py")])
    assert part5 == registry.find(5)
    (mine,) = select_entries(["course_scenes/tiny_square.py"])
    assert mine == registry.find("tiny-square")
    assert mine.folder == str(course) and mine.title == "A tiny square"


def test_an_unregistered_file_is_named_by_its_class_and_titled_by_its_module(course):
    write(
        course / "drafts" / "odds_and_ends.py",
        """\
        TITLE = "Odds and ends"

        class Helper:
            pass

        class MyEntropy(Entropy):  # derived from part 6's scene
            pass

        class KLSketch(MyEntropy):
            pass
        """,
    )
    path = "drafts/odds_and_ends.py"
    with pytest.raises(UnknownScene, match=r"several scenes \(MyEntropy, KLSketch\)"):
        select_entries([path])
    first, part5, second = select_entries([path, "KLSketch", "5", path, "MyEntropy"])
    assert part5 == registry.find(5)
    assert (first.slug, first.stem, first.class_name, first.title) == (
        "kl-sketch",
        "x-kl-sketch",
        "KLSketch",
        "Odds and ends",
    )
    assert (second.module, second.folder) == ("odds_and_ends", str(course / "drafts"))
    assert str(course / "drafts") in sys.path  # importable for the key and the load


@pytest.mark.parametrize(
    ("name", "text", "args", "message"),
    [
        ("plain.py", "class Plain(Scene):\n    pass\n", [], "a plain manim Scene renders with"),
        ("one.py", "class One(ExplainerScene):\n    pass\n", ["Two"], "no scene 'Two'"),
        ("random.py", "class R(ExplainerScene):\n    pass\n", [], "Python imports 'random'"),
        ("mine.py", "class Entropy(ExplainerScene):\n    pass\n", [], "has the name of part 6"),
        ("bad-name.py", "class Bad(ExplainerScene):\n    pass\n", [], "cannot be imported as"),
        ("broken.py", "class (:\n", [], "cannot read"),
    ],
)
def test_a_file_that_cannot_be_rendered_says_why(course, name, text, args, message):
    write(course / name, text)
    with pytest.raises(UnknownScene, match=message.replace("(", r"\(")):
        select_entries([name, *args])


def test_a_missing_file_is_named(course):
    with pytest.raises(UnknownSceneError, match=r"no scene file 'nowhere\.py'"):
        registry.file_entries("nowhere.py")


# -- default parameters --------------------------------------------------------------


def test_project_defaults_come_first_then_params_then_set(course, tmp_path):
    write(
        course / "explainer.toml",
        """\
        [params.all]
        unit = "nats"

        [params.entropy]
        thick_coin.edge = 0.2
        """,
    )
    entries = select_entries(["6", "5"])
    assert resolve_params(entries, (), None) == {
        "entropy": {"unit": "nats", "thick_coin.edge": 0.2},
        "surprise-formula": {"unit": "nats"},
    }
    override = write(tmp_path / "mine.toml", '["6"]\nthick_coin.edge = 0.3\n')
    assert resolve_params(entries, ("unit=bits",), str(override)) == {
        "entropy": {"unit": "bits", "thick_coin.edge": 0.3},
        "surprise-formula": {"unit": "bits"},
    }


def test_a_bad_default_is_refused_before_rendering_and_names_the_file(course):
    write(course / "explainer.toml", "[params.entropy]\nthick_coin.edge = 1.5\n")
    result = run("render", "6", "--quality", "low", "--media-dir", str(course / "media"))
    assert result.exit_code == 2
    assert str(course / "explainer.toml") in result.output
    assert "06-entropy" in result.output and "edge" in result.output
    assert not (course / "media").exists()


# -- the render key and a real render of a project scene ------------------------------


def test_the_key_of_a_project_scene_covers_its_own_modules(course):
    from scenes.render.keys import source_files, sources_digest

    tiny_project(course)
    entry = registry.find("tiny-square")
    files = set(source_files(entry.module))
    assert {
        course / "course_scenes" / "tiny_square.py",
        course / "course_scenes" / "_shapes.py",
        course / "course_data.py",
        REPO / "scenes" / "kit" / "base.py",
    } <= files
    before = sources_digest(entry.module)
    write(course / "course_data.py", "NAME = 'other data'\n")
    assert sources_digest(entry.module) != before


def test_installed_libraries_are_left_out_of_the_key_but_this_package_never(course, monkeypatch):
    """As in a non-editable install: the package's own modules sit among installed ones."""
    import scenes.project as project_module
    from scenes.render.keys import source_files

    tiny_project(course)
    registry.find("tiny-square")  # the project's folder joins sys.path
    venv = course / ".venv"
    write(venv / "helper_lib.py", "X = 1\n")
    scene = course / "course_scenes" / "tiny_square.py"
    scene.write_text("import helper_lib  # noqa: F401\n" + scene.read_text())
    sys.path.insert(0, str(venv))  # the fixture restores sys.path
    installed = (*project_module._INSTALLED, venv.resolve(), REPO.resolve())
    monkeypatch.setattr(project_module, "_INSTALLED", installed)
    files = {
        p.relative_to(REPO) if p.is_relative_to(REPO) else p
        for p in source_files("course_scenes.tiny_square")
    }
    assert venv / "helper_lib.py" not in files  # a library: its version is its identity
    assert Path("scenes/kit/base.py") in files
    assert any(p.parts[0] == "infotheory" for p in files if not p.is_absolute())


@pytest.mark.slow
def test_a_project_scene_renders_and_re_renders_when_its_helper_changes(course):
    tiny_project(course)
    media = course / "media"
    args = ("render", "tiny-square", "--quality", "low", "--media-dir", str(media))
    first = run(*args)
    assert first.exit_code == 0, first.output
    out = scene_outputs(media, "low", "x-tiny-square", "mp4")
    assert json.loads(out.key_file.read_text())["scene"] == "course_scenes.tiny_square.TinySquare"
    assert out.video.stat().st_size > 0

    assert "up to date" in run(*args).stdout
    write(course / "course_scenes" / "_shapes.py", "SIDE = 3\n")
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert "rendered" in again.stdout and "up to date" not in again.stdout


def test_an_unregistered_scene_is_titled_by_its_module(course):
    write(course / "sketch.py", TINY.replace("CLASS_NAME", "Sketch") + "\nTITLE = 'My sketch'\n")
    (entry,) = select_entries(["sketch.py"])
    titled = registry.entry_for(entry.load())  # what the title card shows
    assert (titled.title, titled.stem) == ("My sketch", entry.stem) == (entry.title, "x-sketch")
    write(course / "untitled.py", TINY.replace("CLASS_NAME", "Untitled"))
    (untitled,) = select_entries(["untitled.py"])
    assert untitled.title == "Untitled"
    assert registry.entry_for(untitled.load()) is None  # the title card shows the class name


def test_the_readme_example_configuration_works(course):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "scenes =" in b]
    (course / "explainer.toml").write_text(example)
    assert run("new", "weather-odds").exit_code == 0
    assert resolve_params(select_entries(["weather-odds"]), (), None) == {
        "weather-odds": {"unit": "nats", "probs": [0.5, 0.3, 0.2]}
    }
