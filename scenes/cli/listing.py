"""`explainer list`: the scenes, in order, with their section counts."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from scenes import registry
from scenes.cli._common import SystemLibrariesMissing
from scenes.render.keys import SourceMissingError
from scenes.render.runner import SystemLibrariesError
from scenes.render.stills import scene_info


@click.command("list")
@click.option(
    "--sections/--no-sections",
    default=True,
    show_default=True,
    help="Count each scene's sections (a fast-forward run per scene, remembered after).",
)
def list_scenes(sections: bool) -> None:
    """List the scenes: part, slug, title and number of sections."""
    console = Console(stderr=True)
    table = Table(title="Scenes of the explainer")
    table.add_column("Part", justify="right")
    table.add_column("Slug")
    table.add_column("Title")
    table.add_column("Sections", justify="right")
    missing_libraries: str | None = None
    for entry in registry.all_entries():
        count = ""
        if sections and missing_libraries is None:
            with console.status(f"Counting the sections of {entry.stem}…"):
                try:
                    count = str(len(scene_info(entry).beats))
                except SourceMissingError:
                    count = "[dim]not written yet[/dim]"
                except SystemLibrariesError as error:
                    missing_libraries = str(error)
                except Exception as error:
                    count = f"[red]fails: {type(error).__name__}[/red]"
        part = f"{entry.part}" if entry.part is not None else "extra"
        table.add_row(part, entry.slug, entry.title, count)
    Console().print(table)
    if missing_libraries is not None:
        raise SystemLibrariesMissing(missing_libraries)
