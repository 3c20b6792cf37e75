"""Fixtures for scene tests: play scenes once per session, without drawing frames."""

from __future__ import annotations

import pytest

from scenes.dryrun import dry_run
from scenes.kit.base import ExplainerScene, SceneParams


@pytest.fixture(scope="session")
def typst_cache(tmp_path_factory) -> object:
    return tmp_path_factory.mktemp("typst")


@pytest.fixture(scope="session")
def play(typst_cache, tmp_path_factory):
    """``play(SceneClass, params=None)``: the scene after a dry run with the layout check on.

    Runs are cached per (class, params), so many tests can look at one run. Each run
    keeps the last frame of every beat in ``scene.still_dir`` (480p; drawing them costs
    little next to the run), for the pinned pictures and to tell variants apart.
    """
    cache: dict[tuple[type, SceneParams | None], ExplainerScene] = {}
    stills = tmp_path_factory.mktemp("stills")

    def _play(scene_class: type[ExplainerScene], params: SceneParams | None = None):
        key = (scene_class, params)
        if key not in cache:
            folder = stills / f"{len(cache):03d}-{scene_class.__name__}"
            cache[key] = dry_run(
                scene_class,
                params,
                layout="error",
                cache_dir=typst_cache,
                env={"EXPLAINER_STILLS": str(folder)},
            )
        return cache[key]

    return _play
