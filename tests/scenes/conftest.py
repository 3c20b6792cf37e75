"""Fixtures for scene tests: play scenes once per session, without drawing frames."""

from __future__ import annotations

import pytest

from scenes.dryrun import dry_run
from scenes.kit.base import ExplainerScene, SceneParams


@pytest.fixture(scope="session")
def typst_cache(tmp_path_factory) -> object:
    return tmp_path_factory.mktemp("typst")


@pytest.fixture(scope="session")
def play(typst_cache):
    """``play(SceneClass, params=None)``: the scene after a dry run with the layout check on.

    Runs are cached per (class, params), so many tests can look at one run.
    """
    cache: dict[tuple[type, SceneParams | None], ExplainerScene] = {}

    def _play(scene_class: type[ExplainerScene], params: SceneParams | None = None):
        key = (scene_class, params)
        if key not in cache:
            cache[key] = dry_run(scene_class, params, layout="error", cache_dir=typst_cache)
        return cache[key]

    return _play
