"""Play a scene without drawing a frame: for tests, section counts and transcripts.

A dry run executes ``construct()`` with animations skipped, so every beat, read-out
and layout check happens exactly as in a render, in a fraction of the time.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer

from scenes.kit.base import ExplainerScene, SceneParams
from scenes.kit.camera import ExplainerCamera
from scenes.render.layout import quality_named
from scenes.render.scene_info import typst_cache_dir

__all__ = ["dry_run", "environment", "typst_cache_dir", "typst_settings"]


def typst_settings(cache_dir: Path | None = None) -> dict[str, str]:
    """Manim settings for drawing outside a render: formulas compile into ``cache_dir``
    (by default the shared cache)."""
    cache = cache_dir or typst_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    return {"tex_dir": str(cache), "media_dir": str(cache.parent), "verbosity": "WARNING"}


@contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set (a string) or unset (``None``) the environment ``values`` for the block, then
    put back what was there before."""
    before = {name: os.environ.get(name) for name in values}

    def put(settings: Mapping[str, str | None]) -> None:
        for name, value in settings.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    put(values)
    try:
        yield
    finally:
        put(before)


class _SkippingRenderer(CairoRenderer):
    """Manim's renderer without the drawing a dry run never shows: with animations
    skipped it still paints the still mobjects at every play and the picture at every
    wait. Stills are drawn on request (:meth:`ExplainerScene.save_still`)."""

    def update_frame(self, *args, **kwargs) -> None:
        if not self.skip_animations:
            super().update_frame(*args, **kwargs)


def dry_run(
    scene_class: type[ExplainerScene],
    params: SceneParams | None = None,
    *,
    layout: str | None = "error",
    cache_dir: Path | None = None,
    theme: str | None = None,
    quality: str = "low",
    env: Mapping[str, str | None] | None = None,
    voice: str | None = "none",
    midway: bool = False,
    until: Callable[[ExplainerScene], bool] | None = None,
) -> ExplainerScene:
    """Play ``scene_class`` with animations skipped; return the scene.

    The returned scene's ``beats`` hold each section's narration, timing,
    read-outs and layout problems. ``layout="error"`` (the default) raises
    :class:`~scenes.kit.layout.LayoutError` at the first section that breaks
    the layout rules (``None``: as ``$EXPLAINER_LAYOUT`` says). ``theme``
    (``"light"``) builds the scene in that theme, for this run only. ``quality``
    (``"low"``: 480p) is the resolution stills are drawn at; ``cache_dir`` is where
    formulas compile; ``env`` sets (or, with ``None``, unsets) environment variables
    for the run, such as ``EXPLAINER_STILLS``. ``voice`` is the voice whose timing
    the run follows: ``"none"`` (the default) times lines by reading speed and
    synthesises nothing, which is all a run without pictures needs; ``None`` keeps the
    voice the parameters name. ``midway=True`` also checks the layout halfway through
    every animation (transient collisions), with the same ``layout`` mode. ``until``
    stops the run at the end of the first beat after which ``until(scene)`` is true:
    the scene returned then holds the beats played so far.
    """
    from scenes.theme import theme_used

    settings = {
        **typst_settings(cache_dir),
        "quality": quality_named(quality).manim_name,
        "dry_run": True,
        "skip_animations": True,
        "disable_caching": True,
        "progress_bar": "none",
    }
    variables = {
        **(env or {}),
        **({"EXPLAINER_LAYOUT": layout} if layout is not None else {}),
        **({"EXPLAINER_LAYOUT_MIDWAY": "1"} if midway else {}),
    }
    with theme_used(theme), tempconfig(settings), environment(variables):
        # Manim 0.22 reads skipping from the constructor, not from the config.
        renderer = _SkippingRenderer(camera_class=ExplainerCamera, skip_animations=True)
        scene = scene_class(renderer=renderer, skip_animations=True)
        if voice is not None:
            params = dataclasses.replace(params or scene_class.Params(), voice=voice)
        if params is not None:
            scene.params = params
        scene.stop_after = until
        scene.render()
    return scene
