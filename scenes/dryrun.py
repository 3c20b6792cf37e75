"""Play a scene without drawing a frame: for tests, section counts and transcripts.

A dry run executes ``construct()`` with animations skipped, so every beat, read-out
and layout check happens exactly as in a render, in a fraction of the time.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from manim import tempconfig

from scenes.kit.base import ExplainerScene, SceneParams
from scenes.render.scene_info import typst_cache_dir

__all__ = ["dry_run", "typst_cache_dir", "typst_settings"]


def typst_settings(cache_dir: Path | None = None) -> dict[str, str]:
    """Manim settings for drawing outside a render: formulas compile into ``cache_dir``
    (by default the shared cache)."""
    cache = cache_dir or typst_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    return {"tex_dir": str(cache), "media_dir": str(cache.parent), "verbosity": "WARNING"}


@contextmanager
def _layout(mode: str | None):
    if mode is None:
        yield
        return
    before = os.environ.get("EXPLAINER_LAYOUT")
    os.environ["EXPLAINER_LAYOUT"] = mode
    try:
        yield
    finally:
        if before is None:
            del os.environ["EXPLAINER_LAYOUT"]
        else:
            os.environ["EXPLAINER_LAYOUT"] = before


def dry_run(
    scene_class: type[ExplainerScene],
    params: SceneParams | None = None,
    *,
    layout: str | None = "error",
    cache_dir: Path | None = None,
    theme: str | None = None,
) -> ExplainerScene:
    """Play ``scene_class`` at low resolution with animations skipped; return the scene.

    The returned scene's ``beats`` hold each section's narration, timing,
    read-outs and layout problems. ``layout="error"`` (the default) raises
    :class:`~scenes.kit.layout.LayoutError` at the first section that breaks
    the layout rules. ``theme`` (``"light"``) builds the scene in that theme,
    for this run only.
    """
    from scenes.theme import theme_used

    with theme_used(theme):
        return _play(scene_class, params, layout, cache_dir)


def _play(
    scene_class: type[ExplainerScene],
    params: SceneParams | None,
    layout: str | None,
    cache_dir: Path | None,
) -> ExplainerScene:
    settings = {
        **typst_settings(cache_dir),
        "quality": "low_quality",
        "dry_run": True,
        "skip_animations": True,
        "disable_caching": True,
        "progress_bar": "none",
    }
    with tempconfig(settings), _layout(layout):
        # Manim 0.22 reads skipping from the constructor, not from the config.
        scene = scene_class(skip_animations=True)
        if params is not None:
            scene.params = params
        scene.render()
    return scene
