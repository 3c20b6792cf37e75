"""`explainer render [SCENE ...]`: render scenes in parallel, skipping those up to date."""

from __future__ import annotations

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from scenes.cli._common import (
    EXIT_INTERRUPTED,
    PlainProgress,
    check_voices,
    format_option,
    media_option,
    params_options,
    quality_option,
    render_options,
    resolve_params,
    select_entries,
    theme_option,
    user_errors,
)
from scenes.render.layout import quality_named
from scenes.render.runner import (
    RenderInterrupted,
    RenderReport,
    SceneResult,
    default_jobs,
    log_tail,
    render_scenes,
)


class _LiveProgress:
    """One bar per scene (seconds of video drawn) and one for the whole run."""

    def __init__(self, console: Console):
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", justify="left"),
            BarColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.overall = self.progress.add_task("[bold]all scenes", total=0, status="")
        self.tasks: dict[str, TaskID] = {}
        self.results: dict[str, SceneResult] = {}

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()

    def update(self, result: SceneResult) -> None:
        if result.stem not in self.tasks:
            if result.status == "up to date":
                self.progress.console.print(f"[dim]up to date[/dim]  {result.stem}")
                return
            self.tasks[result.stem] = self.progress.add_task(
                result.stem, total=result.expected_duration, status="queued"
            )
            self.progress.update(self.overall, total=len(self.tasks))
        self.results[result.stem] = result
        task = self.tasks[result.stem]
        if result.finished:
            self.progress.update(task, total=1, completed=1, status=result.status)
        elif result.status == "rendering":
            total = result.expected_duration
            shown = f"{result.progress:5.1f} s" + (f" / {total:.1f} s" if total else "")
            beat = f"  beat {result.sections}" if result.sections else ""
            self.progress.update(task, completed=result.progress, status=f"{shown}{beat}")
        else:
            self.progress.update(task, status=result.status)
        done = sum(r.fraction or 0.0 for r in self.results.values())
        finished = sum(r.finished for r in self.results.values())
        self.progress.update(
            self.overall, completed=done, status=f"{finished}/{len(self.tasks)} done"
        )


def _summary(report: RenderReport) -> Table:
    table = Table(title=f"{report.quality} ({report.fmt}) in {report.media_dir}")
    for name, justify in (
        ("Scene", "left"),
        ("Status", "left"),
        ("Video s", "right"),
        ("Render s", "right"),
        ("× real time", "right"),
    ):
        table.add_column(name, justify=justify)
    for r in report.results:
        rtf = (
            f"{r.render_seconds / r.duration:.2f}"
            if r.status == "rendered" and r.duration and r.render_seconds
            else ""
        )
        style = {"failed": "red", "cancelled": "yellow", "rendered": "green"}.get(r.status, "")
        table.add_row(
            r.stem,
            f"[{style}]{r.status}[/{style}]" if style else r.status,
            f"{r.duration:.1f}" if r.duration else "",
            f"{r.render_seconds:.1f}" if r.status == "rendered" and r.render_seconds else "",
            rtf,
        )
    return table


@click.command("render")
@click.argument("scenes", nargs=-1, metavar="[SCENE | FILE.py [CLASS]...]...")
@quality_option()
@format_option()
@render_options
@params_options
@theme_option()
@media_option()
@click.pass_context
def render(
    ctx: click.Context,
    scenes: tuple[str, ...],
    quality: str,
    fmt: str,
    jobs: int | None,
    force: bool,
    assignments: tuple[str, ...],
    params_file: str | None,
    voice: str | None,
    theme: str,
    media_dir: str,
) -> None:
    """Render SCENEs (part number, slug or class name), or every scene when none is named.

    A scene file renders as with manim: `explainer render my_scene.py [CLASS]...`
    takes the named classes derived from ExplainerScene (or the file's only one),
    registered or not; its outputs are named x-<class in kebab case>.

    Outputs go to MEDIA_DIR/QUALITY/NN-slug.FORMAT, with the captions (.srt), the
    sections index (.FORMAT.sections.json) and one clip per section
    (NN-slug.sections/) beside the video. A variant's stem records its parameters
    and theme (NN-slug~thick_coin.edge=0.2~theme=light). Scenes whose sources,
    parameters, theme, quality and format have not changed since their last render
    are skipped.
    """
    entries = select_entries(scenes)
    overrides = resolve_params(entries, assignments, params_file, voice)
    check_voices(entries, overrides)
    theme = theme.lower()
    quality = quality.lower()
    fmt = fmt.lower()
    jobs = jobs or default_jobs()
    err = Console(stderr=True)
    out = Console()
    q = quality_named(quality)
    err.print(
        f"Rendering {len(entries)} scene{'s' if len(entries) != 1 else ''} at {quality} "
        f"({q.label}, {fmt}), {jobs} at a time, into {media_dir}/{quality}/",
        highlight=False,
    )
    view = _LiveProgress(err) if err.is_terminal else PlainProgress(err)
    try:
        with user_errors(), view:
            report = render_scenes(
                entries,
                quality=quality,
                fmt=fmt,
                media_dir=media_dir,
                jobs=jobs,
                force=force,
                overrides=overrides,
                theme=theme,
                on_update=view.update,
            )
    except RenderInterrupted as stop:
        _say_interrupted(err, stop.report)
        ctx.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:  # before any worker started
        err.print("\n[yellow]Interrupted[/yellow] before any scene started.")
        ctx.exit(EXIT_INTERRUPTED)
    out.print(_summary(report))
    failed = report.failed
    for r in failed:
        err.print(f"[red]✗ {r.stem}[/red]: {r.message}", highlight=False)
        tail = log_tail(r.log)
        if tail and not r.source_missing:
            err.print(f"[dim]{tail}[/dim]", highlight=False)
        if r.log:
            err.print(f"  full log: {r.log}", highlight=False)
    if failed:
        raise click.ClickException(
            f"{len(failed)} of {len(report.results)} scenes failed: "
            + ", ".join(r.stem for r in failed)
        )


def _say_interrupted(err: Console, report: RenderReport) -> None:
    finished = [r.stem for r in report.results if r.finished]
    unfinished = [r.stem for r in report.results if not r.finished]
    err.print("\n[yellow]Interrupted.[/yellow] Every worker has been stopped.", highlight=False)
    err.print(f"Finished: {', '.join(finished) or 'none'}", highlight=False)
    err.print(f"Not finished: {', '.join(unfinished) or 'none'}", highlight=False)
