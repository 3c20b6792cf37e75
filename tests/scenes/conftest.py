"""Fixtures for scene tests: play scenes once per session, without drawing frames."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from scenes.dryrun import dry_run
from scenes.kit.base import ExplainerScene, SceneParams


@pytest.fixture(scope="session")
def typst_cache(tmp_path_factory) -> object:
    return tmp_path_factory.mktemp("typst")


@pytest.fixture(scope="session")
def play(typst_cache, tmp_path_factory):
    """``play(SceneClass, params=None, theme=None, until=None)``: the scene after a dry
    run with the layout check on, at the end of every beat and halfway through every
    animation.

    Runs are cached per (class, params, theme), so many tests can look at one run. Each
    run keeps the last frame of every beat in ``scene.still_dir`` (480p; drawing them
    costs little next to the run), for the pinned pictures and to tell variants apart.
    A run ``until`` a condition (see :func:`scenes.dryrun.dry_run`) stops early and is
    not cached.
    """
    cache: dict[tuple[type, SceneParams | None, str | None], ExplainerScene] = {}
    numbers = itertools.count(1)  # every run gets a stills folder of its own
    stills = tmp_path_factory.mktemp("stills")

    def _play(
        scene_class: type[ExplainerScene],
        params: SceneParams | None = None,
        theme: str | None = None,
        until: Callable[[ExplainerScene], bool] | None = None,
    ):
        params = scene_class.Params() if params is None else params  # one run for defaults
        key = (scene_class, params, theme)
        if key in cache and until is None:
            return cache[key]
        folder = stills / f"{next(numbers):03d}-{scene_class.__name__}"
        scene = dry_run(
            scene_class,
            params,
            layout="error",
            midway=True,
            theme=theme,
            cache_dir=typst_cache,
            env={"EXPLAINER_STILLS": str(folder)},
            until=until,
        )
        if until is None:
            cache[key] = scene
        return scene

    return _play


def _scene_of(item) -> str | None:
    """The scene an item plays (its part number or an extra's slug): its ``entry`` or
    ``part`` parameter, else the part or extra its module is named after."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    if "entry" in params:
        return str(params["entry"].part or params["entry"].slug)
    if "part" in params:
        return str(params["part"])
    module = item.module.__name__.rpartition(".")[2]
    if part := re.match(r"test_p(\d+)_", module):
        return str(int(part[1]))
    if extra := re.match(r"test_x_(\w+)$", module):
        return extra[1].replace("_", "-")
    return None


def pytest_collection_modifyitems(config, items):
    """Keep the tests of one scene on one worker (``--dist loadgroup``, set in pyproject):
    each worker plays its scenes once, instead of every worker playing every scene."""
    for item in items:
        if item.path.parent != Path(__file__).parent or item.get_closest_marker("xdist_group"):
            continue
        if (scene := _scene_of(item)) is not None:
            item.add_marker(pytest.mark.xdist_group(f"scene-{scene}"))
