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
    cluster_options,
    format_option,
    media_option,
    params_options,
    quality_option,
    render_options,
    resolve_params,
    scene_label,
    select_entries,
    theme_option,
    user_errors,
)
from scenes.render.layout import quality_named
from scenes.render.runner import (
    ClusterLostError,
    RenderInterrupted,
    RenderReport,
    SceneResult,
    Variant,
    default_jobs,
    log_tail,
    render_batch,
)
from scenes.render.units import split_setting


class _LiveProgress:
    """One bar per scene (seconds of video drawn, by all its units) and one for the run."""

    def __init__(self, console: Console, with_quality: bool = False):
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", justify="left"),
            BarColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.overall = self.progress.add_task("[bold]all scenes", total=0, status="")
        self.with_quality = with_quality
        self.tasks: dict[tuple[str, str], TaskID] = {}
        self.results: dict[tuple[str, str], SceneResult] = {}

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()

    def update(self, result: SceneResult) -> None:
        key = (result.quality, result.stem)
        label = scene_label(result, self.with_quality)
        if key not in self.tasks:
            if result.status == "up to date":
                self.progress.console.print(f"[dim]up to date[/dim]  {label}", highlight=False)
                return
            self.tasks[key] = self.progress.add_task(
                label, total=result.expected_duration, status="queued"
            )
            self.progress.update(self.overall, total=len(self.tasks))
        self.results[key] = result
        task = self.tasks[key]
        if result.finished:
            self.progress.update(task, total=1, completed=1, status=result.status)
        elif result.status == "rendering":
            total = result.expected_duration
            shown = f"{result.progress:5.1f} s" + (f" / {total:.1f} s" if total else "")
            if result.units > 1:
                where = f"  units done {result.units_done}/{result.units}"
            else:
                where = f"  beat {result.sections}" if result.sections else ""
            self.progress.update(task, completed=result.progress, status=f"{shown}{where}")
        else:
            self.progress.update(task, status=result.status)
        done = sum(r.fraction or 0.0 for r in self.results.values())
        finished = sum(r.finished for r in self.results.values())
        self.progress.update(
            self.overall, completed=done, status=f"{finished}/{len(self.tasks)} done"
        )


def _summary(report: RenderReport) -> Table:
    qualities = report.qualities
    table = Table(title=f"{', '.join(qualities)} ({report.fmt}) in {report.media_dir}")
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
        status = f"{r.status} ({r.units} units)" if r.units > 1 and r.finished else r.status
        table.add_row(
            scene_label(r, len(qualities) > 1),
            f"[{style}]{status}[/{style}]" if style else status,
            f"{r.duration:.1f}" if r.duration else "",
            f"{r.render_seconds:.1f}" if r.status == "rendered" and r.render_seconds else "",
            rtf,
        )
    return table


@click.command("render")
@click.argument("scenes", nargs=-1, metavar="[SCENE | FILE.py [CLASS]...]...")
@quality_option(batch=True)
@format_option()
@render_options
@cluster_options
@params_options(batch=True)
@theme_option(batch=True)
@media_option()
@click.pass_context
def render(
    ctx: click.Context,
    scenes: tuple[str, ...],
    qualities: tuple[str, ...],
    fmt: str,
    jobs: int | None,
    force: bool,
    split: str,
    cluster: str | None,
    exchange: str | None,
    assignments: tuple[str, ...],
    params_files: tuple[str, ...],
    voice: str | None,
    themes: tuple[str, ...],
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

    A batch renders every scene in every combination of the --params files, themes
    and qualities given (--params a.toml --params b.toml --theme dark,light -q low,high),
    all in one queue.
    """
    entries = select_entries(scenes)
    try:
        split_setting(split)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--split") from None
    variants = []
    for params_file in params_files or (None,):
        overrides = resolve_params(entries, assignments, params_file, voice)
        check_voices(entries, overrides)
        variants += [Variant(q, t, overrides) for q in qualities for t in themes]
    fmt = fmt.lower()
    jobs = jobs or default_jobs()
    err = Console(stderr=True)
    out = Console()
    count = len(variants)
    sizes = ", ".join(f"{q} = {quality_named(q).label}" for q in qualities)
    where = f"on the Dask cluster {cluster}" if cluster else f"{jobs} at a time"
    err.print(
        f"Rendering {len(entries)} scene{'s' if len(entries) != 1 else ''}"
        + (f" in {count} variants" if count > 1 else "")
        + f" at {sizes} ({fmt}), {where}, into {media_dir}/",
        highlight=False,
    )
    several = len(qualities) > 1
    view = _LiveProgress(err, several) if err.is_terminal else PlainProgress(err, several)
    try:
        with user_errors(), view:
            report = render_batch(
                entries,
                variants,
                fmt=fmt,
                media_dir=media_dir,
                jobs=jobs,
                force=force,
                on_update=view.update,
                split=split,
                cluster=cluster,
                exchange=exchange,
            )
    except RenderInterrupted as stop:
        _say_interrupted(err, stop.report)
        ctx.exit(EXIT_INTERRUPTED)
    except ClusterLostError as lost:
        _say_finished(err, lost.report)
        raise click.ClickException(str(lost)) from None
    except KeyboardInterrupt:  # before any worker started
        err.print("\n[yellow]Interrupted[/yellow] before any scene started.")
        ctx.exit(EXIT_INTERRUPTED)
    out.print(_summary(report))
    failed = report.failed
    for r in failed:
        err.print(f"[red]✗ {scene_label(r, several)}[/red]: {r.message}", highlight=False)
        tail = log_tail(r.log)
        if tail and not r.source_missing:
            err.print(f"[dim]{tail}[/dim]", highlight=False)
        if r.log:
            err.print(f"  full log: {r.log}", highlight=False)
    if failed:
        raise click.ClickException(
            f"{len(failed)} of {len(report.results)} scenes failed: "
            + ", ".join(scene_label(r, several) for r in failed)
        )


def _say_interrupted(err: Console, report: RenderReport) -> None:
    err.print("\n[yellow]Interrupted.[/yellow] Every worker has been stopped.", highlight=False)
    _say_finished(err, report)


def _say_finished(err: Console, report: RenderReport) -> None:
    several = len(report.qualities) > 1
    finished = [scene_label(r, several) for r in report.results if r.finished]
    unfinished = [scene_label(r, several) for r in report.results if not r.finished]
    err.print(f"Finished: {', '.join(finished) or 'none'}", highlight=False)
    err.print(f"Not finished: {', '.join(unfinished) or 'none'}", highlight=False)
