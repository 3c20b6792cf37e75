"""Fixtures for the command-line tests: two tiny scenes in a temporary folder.

The registry is patched to list only the tiny scenes, so these tests never
depend on which real scenes exist. Each tiny scene is a module of its own in
``tmp_path``, so a test can edit one source and see only that scene re-render.
Subprocess tests run ``drive.py``, which patches the registry the same way and
then runs the real ``explainer`` command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes import registry
from scenes.registry import SceneEntry

TEMPLATE = Path(__file__).with_name("tiny_scene.py.txt").read_text()
NAMES = {"tiny_one": "TinyOne", "tiny_two": "TinyTwo"}
REPO = Path(__file__).resolve().parents[2]


@dataclass
class TinyScenes:
    folder: Path
    entries: tuple[SceneEntry, ...]
    media: Path

    def source(self, module: str) -> Path:
        return self.folder / f"{module}.py"

    def drive(self, *args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
        """Start ``explainer ARGS`` (with the tiny registry) as a real process."""
        return subprocess.Popen(
            [sys.executable, str(self.folder / "drive.py"), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=self.folder,
            **kwargs,
        )


def _entries() -> tuple[SceneEntry, ...]:
    return (
        SceneEntry(1, "tiny-one", "tiny_one", "TinyOne", "Tiny one"),
        SceneEntry(2, "tiny-two", "tiny_two", "TinyTwo", "Tiny two"),
    )


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One cache folder (Typst formulas, scene info) for the whole session."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture
def tiny(tmp_path, monkeypatch, shared_cache) -> TinyScenes:
    folder = tmp_path / "scenes-src"
    folder.mkdir()
    for module, class_name in NAMES.items():
        (folder / f"{module}.py").write_text(TEMPLATE.replace("CLASS_NAME", class_name))
        monkeypatch.delitem(sys.modules, module, raising=False)
    entries = _entries()
    (folder / "drive.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(folder)!r})
            from scenes import registry
            from scenes.registry import SceneEntry
            registry.SCENES = {entries!r}
            registry.EXTRAS = ()
            from scenes.cli import main
            # Guarded: a LocalCluster's worker processes import this module again.
            if __name__ == "__main__":
                main(prog_name="explainer")
            """
        )
    )
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(registry, "SCENES", entries)
    monkeypatch.setattr(registry, "EXTRAS", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    # One process a scene, as before splitting existed: test_split.py and test_cluster.py
    # split on purpose, the other tests would only spend twice the CPU.
    monkeypatch.setenv("EXPLAINER_SPLIT", "off")
    for name in (
        "TINY_SLOW",
        "TINY_SLOW_TinyOne",
        "TINY_SLOW_TinyTwo",
        "EXPLAINER_CLUSTER",
        "TINY_FAIL",
        "TINY_VOICE_FAIL",
        "EXPLAINER_THEME",
        "EXPLAINER_MEDIA_DIR",
        "EXPLAINER_VOICE",
    ):
        monkeypatch.delenv(name, raising=False)
    return TinyScenes(folder, entries, tmp_path / "media")


@pytest.fixture
def cli():
    """Invoke ``explainer`` in-process; returns click's Result."""
    from scenes.cli import main

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke
