"""Posters and section counts from a fast-forward run: no frame is drawn but the last of a beat.

:func:`fast_forward` plays a scene the way a render does, with the renderer
skipping animations (each animation jumps to its end state), and with
``EXPLAINER_STILLS`` set the kit draws the last frame of every beat as a PNG.
The posters match the rendered video's frames; no video is encoded.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scenes.params import chosen_theme, params_for, variant_suffix
from scenes.registry import SceneEntry
from scenes.render.atomic import exclusive_lock, publish_dir, publish_file, remove_leftovers
from scenes.render.keys import SourceMissingError, module_file, source_key
from scenes.render.layout import DEFAULT_QUALITY, control_dir, scene_outputs
from scenes.render.runner import SystemLibrariesError, check_writable
from scenes.render.scene_info import (
    SceneInfo,
    cache_root,
    load_info,
    save_info,
    typst_cache_dir,
)
from scenes.render.typst_cache import private_typst_dir
from scenes.render.workdir import run_folder

__all__ = ["UnknownSectionError", "fast_forward", "render_stills", "scene_info"]


class UnknownSectionError(LookupError):
    """A section name the scene does not have; the message lists the ones it has."""


def import_manim() -> None:
    """Import manim, or say which system libraries are missing."""
    try:
        import manim  # noqa: F401
    except (ImportError, OSError) as error:
        raise SystemLibrariesError(str(error)) from error


def fast_forward(
    entry: SceneEntry,
    *,
    quality: str = "low",
    stills_dir: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    scratch: Path | None = None,
    theme: str | None = None,
) -> Any:
    """Play ``entry``'s scene without encoding video; return the played scene.

    With ``stills_dir`` the last frame of every beat is saved there as
    ``NN-beat.png`` at ``quality``'s resolution. ``theme`` (a name in
    :data:`scenes.theme.THEMES`) is used for this run only.
    """
    import_manim()
    from scenes.dryrun import dry_run

    scene_class = entry.load()
    params = params_for(scene_class, overrides)
    if scratch is None:
        # Beside the shared Typst cache, so seeding the private folder is by hard links.
        scratch = cache_root() / "scratch"
        scratch.mkdir(parents=True, exist_ok=True)
    stills = str(stills_dir) if stills_dir is not None else None
    with (
        tempfile.TemporaryDirectory(dir=scratch) as work,
        private_typst_dir(Path(work) / "tex", typst_cache_dir()) as tex_dir,
    ):
        return dry_run(
            scene_class,
            params,
            layout=None,
            cache_dir=tex_dir,
            theme=theme,
            quality=quality,
            env={"EXPLAINER_STILLS": stills},
        )


def scene_info(entry: SceneEntry, *, theme: str | None = None) -> SceneInfo:
    """The scene's beats and length: from the cache, or from a fast-forward run."""
    theme = chosen_theme(theme)
    key = source_key(entry.module, entry.class_name, {}, theme)
    info = load_info(key)
    if info is None:
        scene = fast_forward(entry)
        info = SceneInfo.played(scene.beats)
        save_info(key, info)
    return info


def render_stills(
    entry: SceneEntry,
    *,
    quality: str = DEFAULT_QUALITY,
    media_dir: str | Path = "media",
    section: str = "all",
    overrides: Mapping[str, Any] | None = None,
    theme: str | None = None,
) -> list[Path]:
    """Write the poster of one section (or ``"all"``) of ``entry``; the PNGs written.

    Posters go to ``media/<quality>/<stem>.stills/NN-beat.png``, the stem carrying
    the variant and theme like the video's (``06-entropy~theme=light``).
    """
    if module_file(entry.module) is None:
        raise SourceMissingError(f"no source file for module {entry.module!r}")
    theme = chosen_theme(theme)
    media_dir = Path(media_dir).absolute()
    stem = entry.stem + variant_suffix(overrides or {}, theme=theme)
    outputs = scene_outputs(media_dir, quality, stem)
    check_writable(outputs.folder)
    check_writable(control_dir(media_dir))
    with run_folder(media_dir) as work:
        staged = work / outputs.stills_dir.name
        scene = fast_forward(
            entry,
            quality=quality,
            stills_dir=staged,
            overrides=overrides,
            scratch=work,
            theme=theme,
        )
        names = [b.name for b in scene.beats]
        if section != "all" and section not in names:
            raise UnknownSectionError(
                f"{entry.stem} has no section {section!r}; its sections are: {', '.join(names)}"
            )
        with exclusive_lock(outputs.lock_file):
            # What an interrupted earlier publication left behind.
            remove_leftovers(outputs.folder, [outputs.stills_dir.name])
            remove_leftovers(outputs.stills_dir, ["*"])
            if section == "all":
                publish_dir(staged, outputs.stills_dir)
                written = [outputs.still(i, n) for i, n in enumerate(names, start=1)]
            else:
                index = names.index(section) + 1
                final = outputs.still(index, section)
                publish_file(staged / final.name, final)
                written = [final]
    if not overrides:
        key = source_key(entry.module, entry.class_name, {}, theme)
        save_info(key, SceneInfo.played(scene.beats))
    return written
