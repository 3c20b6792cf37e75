"""A lecturer's folder for the project tests: empty, and the working directory.

Loaded for every test by ``tests/conftest.py``. Whatever a test imports from the
folder's scenes package, and the folders it puts on ``sys.path``, are forgotten after
it, so every test starts from a blank folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes import registry


@pytest.fixture(scope="session")
def project_cache(tmp_path_factory) -> Path:
    """One cache folder (formulas, scene info) for every project test."""
    return tmp_path_factory.mktemp("project-cache")


def _forget(package: str) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] == package]:
        del sys.modules[name]


@pytest.fixture
def course(tmp_path, monkeypatch, project_cache) -> Path:
    """An empty folder ``course`` in ``tmp_path``, made the working directory."""
    folder = tmp_path / "course"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(project_cache))
    monkeypatch.delenv("EXPLAINER_THEME", raising=False)
    _forget("course_scenes")
    registry.refresh()
    yield folder
    _forget("course_scenes")
    registry.refresh()


def run(*args: str):
    """``explainer ARGS`` in this process; click's Result."""
    from scenes.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)
