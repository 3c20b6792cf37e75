"""`explainer handout --out DIR`: the PDF handouts alone, without the rest of the kit."""

from __future__ import annotations

from pathlib import Path

import click

from scenes.cli._common import (
    SystemLibrariesMissing,
    check_voices,
    media_option,
    params_options,
    quality_option,
    render_options,
    resolve_params,
    select_entries,
    theme_option,
)
from scenes.cli.lecture import LECTURE_QUALITY, render_then


@click.command("handout")
@click.argument("scenes", nargs=-1, metavar="[SCENE]...")
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the PDFs into (created if needed; other files are left alone).",
)
@quality_option(default=LECTURE_QUALITY)
@render_options
@params_options
@theme_option()
@media_option()
@click.pass_context
def handout(
    ctx: click.Context,
    scenes: tuple[str, ...],
    out: Path,
    quality: str,
    jobs: int | None,
    force: bool,
    assignments: tuple[str, ...],
    params_file: str | None,
    voice: str | None,
    theme: str,
    media_dir: str,
) -> None:
    """Write PDF handouts: for each section its last frame, its narration and its key
    formulas, on A4 with page numbers.

    Renders the SCENEs (every scene when none is named; renders already up to date
    are reused, the same ones `explainer lecture` uses), then writes into OUT one PDF
    per scene (NN-slug.pdf) and one for the whole explainer. --theme light prints
    with less ink. `explainer lecture --handout` puts the same PDFs in the kit.
    """
    from scenes.lecture.build import build_handouts

    entries = select_entries(scenes)
    # The voice times the scenes, so it picks the renders (the ones `lecture` made).
    overrides = resolve_params(entries, assignments, params_file, voice)
    check_voices(entries, overrides)
    theme = theme.lower()
    try:
        from scenes.theme import theme_used
    except (ImportError, OSError) as error:  # manim cannot load: say what to do
        raise SystemLibrariesMissing(str(error)) from None

    def make(renders, notes, say):
        return build_handouts(renders, out, notes, progress=say)

    with theme_used(theme):
        run = render_then(
            ctx, entries, quality, jobs, force, media_dir, theme, overrides, make, out, "handouts"
        )
    left_out = f" ({run.missing} not written yet and left out)" if run.missing else ""
    click.echo(
        f"Handouts{left_out}:\n"
        + "".join(f"  {path}\n" for path in run.made)
        + f"  {run.times('handouts')}"
    )
