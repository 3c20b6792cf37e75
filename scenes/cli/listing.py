"""`explainer list`: the scenes, in order, with their number of sections, at once.

Nothing is played unless asked: the numbers come from what is already known of the
scene's current sources (:func:`scenes.render.scene_info.known_info`: the catalogue
shipped with the package, and what renders, stills and earlier counts remembered).
A scene changed since shows ``?`` until ``--count``, a render or a still plays it.
"""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from scenes import registry
from scenes.cli._common import SystemLibrariesMissing
from scenes.params import chosen_theme
from scenes.registry import SceneEntry
from scenes.render.keys import SourceMissingError, source_key, sources_digest
from scenes.render.runner import SystemLibrariesError
from scenes.render.scene_info import SceneInfo, known_info
from scenes.render.stills import scene_info

UNKNOWN = "?"


def _known(entry: SceneEntry) -> SceneInfo | str | None:
    """What is known of ``entry`` without playing it, or why it cannot be known."""
    try:
        sources = sources_digest(entry.module)
    except SourceMissingError:
        return "[dim]not written yet[/dim]"
    except (OSError, SyntaxError, ValueError) as error:
        return f"[red]cannot read: {type(error).__name__}[/red]"
    key = source_key(entry.module, entry.class_name, {}, chosen_theme(), sources=sources)
    return known_info(key, entry.stem, sources)


@click.command("list")
@click.option(
    "--count",
    is_flag=True,
    help="Play the scenes whose sections are not known yet (a few seconds each) to count "
    "them; remembered after.",
)
def list_scenes(count: bool) -> None:
    """List the scenes: part, slug, title and number of sections.

    The built-in scenes, then the project's (the scenes folder named by the
    explainer.toml found from here upwards). Instant: nothing is played unless
    --count is given; a scene whose sections are not known yet shows ?.
    """
    console = Console(stderr=True)
    project = registry.project()
    table = Table(title="Scenes of the explainer")
    table.add_column("Part", justify="right")
    table.add_column("Slug")
    table.add_column("Title")
    table.add_column("Sections", justify="right")
    uncounted = 0
    for entry in registry.all_entries():
        known = _known(entry)
        if known is None and count:
            with console.status(f"Counting the sections of {entry.stem}…"):
                known = _count(entry)
        if isinstance(known, SceneInfo):
            sections = str(len(known.beats))
        elif known is None:
            sections = UNKNOWN
            uncounted += 1
        else:
            sections = known
        kind = "project" if entry.folder is not None else "extra"
        part = str(entry.part) if entry.part is not None else kind
        table.add_row(part, entry.slug, entry.title, sections)
    if registry.project_entries():
        table.caption = f"project scenes: {project.scenes_dir}"
    Console().print(table)
    if uncounted:
        console.print(
            f"{UNKNOWN}: not counted yet for the scene as it is now; `explainer list --count` "
            "plays those scenes to count them (so does rendering them).",
            highlight=False,
            soft_wrap=True,
        )


def _count(entry: SceneEntry) -> SceneInfo | str:
    try:
        return scene_info(entry)
    except SystemLibrariesError as error:
        raise SystemLibrariesMissing(str(error)) from None
    except Exception as error:
        return f"[red]fails: {type(error).__name__}[/red]"
