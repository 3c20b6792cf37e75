"""A lecturer's first steps with an installed (not editable) explainer, in an empty folder.

The package is built into a wheel and installed with pip into a fresh virtual
environment. Its dependencies are this environment's (a path file points there, so
the test needs no network); the explainer itself comes only from the wheel, which
the test checks. ``.ci/fresh-install`` does the same with a full ``pip install`` of
the wheel and its dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "scenes", "infotheory")

pytestmark = pytest.mark.slow


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the explainer installed from its wheel; its ``bin`` folder."""
    work = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    source = work / "source"  # a copy: building writes build/ and *.egg-info beside it
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", dist, source], work, env)
    (wheel,) = dist.glob("infotheory_explainer-*.whl")

    venv = work / "venv"
    _run([sys.executable, "-m", "venv", venv], work, env)
    python = venv / "bin" / "python"
    site = _run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], work, env
    )
    # The dependencies: this environment's, after the venv's own packages.
    (Path(site.stdout.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"])
    fresh_pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*fresh_pip, "install", "--no-deps", "--no-index", wheel], work, env)
    return venv / "bin"


def test_a_new_scene_renders_into_a_lecture_from_an_installed_package(
    installed, tmp_path, project_cache
):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {"XDG_CACHE_HOME": str(project_cache), "NO_COLOR": "1", "COLUMNS": "200"}
    course = tmp_path / "my-course"
    course.mkdir()
    explainer = installed / "explainer"

    where = _run([installed / "python", "-c", "import scenes; print(scenes.__file__)"], course, env)
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(installed.parent), "the explainer must come from the wheel"
    extras_before = sorted(p.name for p in (package / "extras").iterdir())

    made = _run([explainer, "new", "weather-odds", "--title", "Weather odds"], course, env)
    assert "Created" in made.stdout
    assert (course / "explainer.toml").is_file()
    assert (course / "course_scenes" / "weather_odds.py").is_file()
    assert sorted(p.name for p in (package / "extras").iterdir()) == extras_before

    listing = _run([explainer, "list"], course, env).stdout
    rows = {
        cells[1]: cells
        for line in listing.splitlines()
        if len(cells := [c.strip() for c in line.strip("│ ").split("│")]) == 4
    }
    assert rows["weather-odds"][0] == "project"
    assert rows["entropy"][3].isdigit()  # the catalogue ships with the package

    lecture = [explainer, "lecture", "weather-odds", "-q", "low", "--no-webm", "--out", "site"]
    _run(lecture, course, env)
    page = (course / "site" / "index.html").read_text(encoding="utf-8")
    assert "Weather odds" in page
    assert (course / "site" / "scenes" / "x-weather-odds.mp4").stat().st_size > 0
    key = json.loads((course / "media" / "low" / ".x-weather-odds.mp4.key").read_text())
    assert key["scene"] == "course_scenes.weather_odds.WeatherOdds"
