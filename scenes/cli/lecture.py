"""`explainer lecture --out DIR`: render the scenes and build the offline lecture kit."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from scenes.cli._common import (
    EXIT_INTERRUPTED,
    PlainProgress,
    SystemLibrariesMissing,
    check_voices,
    media_option,
    params_options,
    quality_option,
    render_options,
    resolve_params,
    select_entries,
    theme_option,
    user_errors,
)
from scenes.registry import SceneEntry
from scenes.render.layout import quality_named
from scenes.render.runner import RenderInterrupted, default_jobs, render_scenes

# 720p30: text and formulas stay sharp on a projector, files stay small (about
# 1 MB a minute), and rendering plus the webm encode take a fraction of `high`.
LECTURE_QUALITY = "medium"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@click.command("lecture")
@click.argument("scenes", nargs=-1, metavar="[SCENE | FILE.py [CLASS]...]...")
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the kit into (new, empty, or an earlier kit, which is replaced).",
)
@quality_option(default=LECTURE_QUALITY)
@render_options
@click.option("--no-webm", is_flag=True, help="Skip the WebM copies (faster; MP4 only).")
@click.option(
    "--handout",
    is_flag=True,
    help="Also write PDF handouts (A4): each section's last frame, narration and key "
    "formulas, per scene and for the whole explainer.",
)
@click.option(
    "--burn-captions",
    is_flag=True,
    help="Also write MP4 copies with the captions drawn into the picture, for platforms "
    "that drop caption tracks (re-encodes every video: slower).",
)
@params_options
@theme_option()
@media_option()
@click.pass_context
def lecture(
    ctx: click.Context,
    scenes: tuple[str, ...],
    out: Path,
    quality: str,
    jobs: int | None,
    force: bool,
    no_webm: bool,
    handout: bool,
    burn_captions: bool,
    assignments: tuple[str, ...],
    params_file: str | None,
    voice: str | None,
    theme: str,
    media_dir: str,
) -> None:
    """Build the lecture kit: one folder that plays offline, from disk or any web server.

    Renders the SCENEs (every scene when none is named; scenes already rendered
    at this quality are reused), then writes into OUT: each scene as MP4 and WebM
    with its sections as chapter markers, a poster, captions (.srt and .vtt), a
    chapters track and a transcript; the full explainer as one MP4 with one
    chapter marker per scene and its captions shifted to match; and index.html,
    with chapter lists, transcripts, key formulas, downloads, embed code and a
    presenter mode that pauses at the end of each section (with a notes window
    and auto-advance). --handout adds PDF handouts, --burn-captions MP4 copies with
    the captions in the picture. With --set/--params the
    scenes show your numbers (videos, captions and transcripts alike); with --theme
    light the videos, formulas and page are light.
    """
    entries = select_entries(scenes)
    overrides = resolve_params(entries, assignments, params_file, voice)
    check_voices(entries, overrides)
    theme = theme.lower()
    try:
        from scenes.theme import theme_used
    except (ImportError, OSError) as error:  # manim cannot load: say what to do
        raise SystemLibrariesMissing(str(error)) from None
    with theme_used(theme):  # the page, its formula images and cards are drawn in this process
        extras = {"webm": not no_webm, "handout": handout, "burn_captions": burn_captions}
        _lecture(ctx, entries, out, quality, jobs, force, extras, media_dir, theme, overrides)


def _lecture(
    ctx: click.Context,
    entries: list[SceneEntry],
    out: Path,
    quality: str,
    jobs: int | None,
    force: bool,
    extras: dict[str, bool],
    media_dir: str,
    theme: str,
    overrides: dict[str, dict],
) -> None:
    from scenes.lecture.build import build_kit

    def make(renders, notes, say):
        return build_kit(renders, out, notes=notes, progress=say, **extras)

    run = render_then(ctx, entries, quality, jobs, force, media_dir, theme, overrides, make, out)
    kit = run.made
    click.echo(
        f"Lecture kit: {kit.index}\n"
        f"  {len(kit.scenes)} scene(s)"
        + (f", {run.missing} not written yet and left out" if run.missing else "")
        + f"; {_megabytes(folder_size(kit.out))} on disk\n"
        f"  {run.times('kit')}\n"
        f"  Open {kit.index} in a browser, or copy the folder to any web server."
    )


@dataclass
class Run:
    """What :func:`render_then` made, and how long each half took."""

    made: Any
    missing: int  # scenes left out because they are not written yet
    render_seconds: float
    build_seconds: float

    def times(self, what: str) -> str:
        total = self.render_seconds + self.build_seconds
        return (
            f"render {self.render_seconds:.1f} s, {what} {self.build_seconds:.1f} s, "
            f"total {total:.1f} s"
        )


def render_then(
    ctx: click.Context,
    entries: list[SceneEntry],
    quality: str,
    jobs: int | None,
    force: bool,
    media_dir: str,
    theme: str,
    overrides: dict[str, dict],
    make: Callable[[list, dict, Callable[[str], None]], Any],
    out: Path,
    what: str = "the kit",
) -> Run:
    """Render ``entries`` (reusing what is up to date), read their notes, then
    ``make(renders, notes, say)`` ``what`` goes into ``out``; errors and Ctrl-C get one line."""
    from scenes.lecture.build import KitError, SceneRender
    from scenes.lecture.handout import HandoutError
    from scenes.lecture.notes import gather_notes
    from scenes.render.scene_info import cache_root

    quality = quality.lower()
    jobs = jobs or default_jobs()
    err = Console(stderr=True)

    started = time.perf_counter()
    err.print(
        f"Rendering {len(entries)} scene(s) at {quality} ({quality_named(quality).label}) "
        f"into {media_dir}/{quality}/",
        highlight=False,
    )
    try:
        with user_errors():
            report = render_scenes(
                entries,
                quality=quality,
                fmt="mp4",
                media_dir=media_dir,
                jobs=jobs,
                force=force,
                overrides=overrides,
                theme=theme,
                on_update=PlainProgress(err).update,
            )
    except (RenderInterrupted, KeyboardInterrupt):  # the latter: before any worker started
        err.print(f"[yellow]Interrupted[/yellow] while rendering; {what}: nothing written.")
        ctx.exit(EXIT_INTERRUPTED)
    rendered = time.perf_counter()

    missing = [r for r in report.failed if r.source_missing]
    broken = [r for r in report.failed if not r.source_missing]
    if broken:
        for r in broken:
            err.print(f"[red]✗ {r.stem}[/red]: {r.message}", highlight=False)
        raise click.ClickException(
            f"{len(broken)} scene(s) failed to render; {what}: nothing built: "
            + ", ".join(r.stem for r in broken)
        )
    for r in missing:
        err.print(f"[yellow]skipped[/yellow]  {r.stem}: {r.message}", highlight=False)
    renders = [
        SceneRender(r.entry, r.outputs.video, r.outputs.captions, r.outputs.sections_index)
        for r in report.results
        if r.finished
    ]
    say = lambda message: err.print(f"      kit  {message}", highlight=False)  # noqa: E731

    keys = {r.entry: r.source_key for r in report.results if r.finished}
    try:
        notes = gather_notes(
            [r.entry for r in renders],
            key=keys.get,
            cache=cache_root() / "lecture-notes",
            progress=say,
            overrides=overrides,
        )
        made = make(renders, notes, say)
    except (KitError, HandoutError) as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        err.print(
            f"[yellow]Interrupted[/yellow] while building {what}; {out} is incomplete "
            "(the renders are kept: run the same command again to finish it).",
            highlight=False,
            soft_wrap=True,  # one line: the folder's path stays whole
        )
        ctx.exit(EXIT_INTERRUPTED)
    return Run(made, len(missing), rendered - started, time.perf_counter() - rendered)
