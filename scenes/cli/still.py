"""`explainer still SCENE`: PNG posters, the last frame of a section, without encoding video."""

from __future__ import annotations

import traceback
from pathlib import Path

import click
from rich.console import Console

from scenes.cli._common import (
    media_option,
    params_options,
    quality_option,
    resolve_params,
    select_entries,
    theme_option,
    user_errors,
)
from scenes.render.keys import SourceMissingError, module_file
from scenes.render.stills import UnknownSectionError, render_stills


@click.command("still")
@click.argument("scene", nargs=-1, required=True, metavar="SCENE")
@click.option(
    "-s",
    "--section",
    default="all",
    show_default=True,
    metavar="NAME|all",
    help="The section whose last frame to save, or all of them.",
)
@quality_option()
@params_options
@theme_option()
@media_option()
def still(
    scene: tuple[str, ...],
    section: str,
    quality: str,
    assignments: tuple[str, ...],
    params_file: str | None,
    voice: str | None,
    theme: str,
    media_dir: str,
) -> None:
    """Save the last frame of a section of SCENE as a PNG poster.

    SCENE is a part number, slug or class name, or a scene file (my_scene.py,
    then its class if it has several). Posters go to
    MEDIA_DIR/QUALITY/NN-slug.stills/NN-section.png (the stem carries a variant's
    parameters and theme, as the video's does).
    """
    entries = select_entries(scene)
    if len(entries) != 1:
        raise click.BadParameter(
            f"still takes one scene, not {len(entries)}: " + ", ".join(e.stem for e in entries),
            param_hint="SCENE",
        )
    (entry,) = entries
    overrides = resolve_params([entry], assignments, params_file, voice).get(entry.slug, {})
    err = Console(stderr=True)
    try:
        with user_errors(), err.status(f"Playing {entry.stem} to the end of each section…"):
            written = render_stills(
                entry,
                quality=quality.lower(),
                media_dir=media_dir,
                section=section,
                overrides=overrides,
                theme=theme.lower(),
            )
    except UnknownSectionError as error:
        raise click.BadParameter(str(error), param_hint="--section") from None
    except SourceMissingError:
        raise click.ClickException(f"{entry.stem} is not written yet: {entry.path}") from None
    except click.ClickException:
        raise
    except Exception as error:
        where = where_it_broke(error, module_file(entry.module))
        err.print(where, style="dim", markup=False, highlight=False, soft_wrap=True)
        raise click.ClickException(
            f"{entry.stem} failed to play: {type(error).__name__}: {error}"
        ) from None
    for path in written:
        click.echo(str(path))


def where_it_broke(error: BaseException, source: Path | None) -> str:
    """The traceback from the scene file's deepest line on: the line of the author's
    code that failed and what it called, not manim's frames above it."""
    frames = traceback.extract_tb(error.__traceback__)
    source = source.resolve() if source else None
    own = [i for i, f in enumerate(frames) if Path(f.filename).resolve() == source]
    start = own[-1] if own else max(len(frames) - 3, 0)
    return "".join(traceback.format_list(frames[start:])).rstrip()
