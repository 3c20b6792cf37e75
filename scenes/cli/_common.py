"""What the commands share: picking scenes, the common options, and user-facing errors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from scenes import registry
from scenes.registry import SceneEntry, UnknownSceneError
from scenes.render.cluster import ClusterUnavailableError
from scenes.render.layout import DEFAULT_FORMAT, DEFAULT_QUALITY, FORMATS, QUALITIES
from scenes.render.runner import OutputNotWritableError, SceneResult, SystemLibrariesError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "DOCTOR_HINT",
    "THEMES",
    "PlainProgress",
    "SystemLibrariesMissing",
    "UnknownScene",
    "check_voices",
    "cluster_options",
    "format_option",
    "media_option",
    "params_options",
    "quality_option",
    "resolve_params",
    "scene_label",
    "select_entries",
    "theme_option",
    "user_errors",
]

# The names of scenes.theme.THEMES, listed here because importing that module loads
# manim (tests/test_cli_params.py checks the two agree).
THEMES = ("dark", "light")

DOCTOR_HINT = "Run `explainer doctor` to see what is missing and the command that installs it."


def scene_label(result: SceneResult, with_quality: bool = False) -> str:
    """How progress names a scene: its stem, after its quality in a batch of several."""
    return f"{result.quality}/{result.stem}" if with_quality else result.stem


class PlainProgress:
    """Without a terminal: one line per scene as it starts and ends."""

    def __init__(self, console: Console, with_quality: bool = False):
        self.console = console
        self.with_quality = with_quality
        self.said: dict[tuple[str, str], str] = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def update(self, result: SceneResult) -> None:
        if self.said.get((result.quality, result.stem)) == result.status:
            return
        self.said[(result.quality, result.stem)] = result.status
        if result.status != "queued":
            label = scene_label(result, self.with_quality)
            units = f"  ({result.units} units)" if result.units > 1 else ""
            self.console.print(f"{result.status:>10}  {label}{units}", highlight=False)


class UnknownScene(click.BadParameter):
    """A scene name, number or class that is not in the registry (lists the valid ones)."""


class SystemLibrariesMissing(click.ClickException):
    """manim cannot load (Cairo, Pango or PyAV is missing or broken)."""

    def __init__(self, detail: str):
        super().__init__(f"manim cannot be loaded: {detail}\n{DOCTOR_HINT}")


def select_entries(keys: Sequence[str]) -> list[SceneEntry]:
    """The scenes named by part number, slug or class name, or by a scene file
    (``my_scene.py``, followed by the names of the classes to take from it, as with
    ``manim``); every scene when none is named."""
    if not keys:
        return list(registry.all_entries())
    chosen: list[SceneEntry] = []
    tokens = list(keys)
    try:
        while tokens:
            key = tokens.pop(0)
            if key.endswith(".py"):
                classes = registry.classes_in(key)
                names = []
                while tokens and tokens[0] in classes:
                    names.append(tokens.pop(0))
                found = registry.file_entries(key, names)
            else:
                found = [registry.find(key)]
            chosen += [entry for entry in found if entry not in chosen]
    except UnknownSceneError as error:
        raise UnknownScene(str(error), param_hint="SCENE") from None
    return chosen


def _quality_help() -> str:
    return ", ".join(f"{q.name} = {q.label}" for q in QUALITIES.values())


def _list_of(choices: Sequence[str], what: str):
    """A click callback: a comma-separated list of ``choices`` (any case), as a tuple."""

    def parse(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
        bad = [name for name in names if name not in choices] or ([] if names else [value])
        if bad:
            # Worded as click's own Choice says it, with the batch's comma added.
            raise click.BadParameter(
                f"{bad[0]!r} is not one of {', '.join(map(repr, choices))} "
                f"(or several {what}s, comma-separated)."
            )
        return names

    return parse


def quality_option(default: str = DEFAULT_QUALITY, batch: bool = False):
    """``-q/--quality``; with ``batch``, a comma-separated list (a tuple of names)."""
    if batch:
        return click.option(
            "-q",
            "--quality",
            "qualities",
            default=default,
            show_default=True,
            callback=_list_of(list(QUALITIES), "quality"),
            help=f"Resolution and frame rate: {_quality_help()}. Several, comma-separated "
            "(low,high), render each.",
        )
    return click.option(
        "-q",
        "--quality",
        type=click.Choice(list(QUALITIES), case_sensitive=False),
        default=default,
        show_default=True,
        help=f"Resolution and frame rate: {_quality_help()}.",
    )


def format_option():
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(FORMATS), case_sensitive=False),
        default=DEFAULT_FORMAT,
        show_default=True,
        help="Video container.",
    )


# The exit code of a run stopped by Ctrl-C or SIGTERM, as shells report it.
EXIT_INTERRUPTED = 130


def render_options(f):
    """``--jobs N`` and ``--force``: how the scenes of a command get rendered."""
    f = click.option("--force", is_flag=True, help="Render even the scenes that are up to date.")(f)
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Units (scenes, or parts of a split scene) rendered at once, each in its own "
        "process; a cluster has its own workers.  [default: number of cores]",
    )(f)


def media_option():
    return click.option(
        "--media-dir",
        type=click.Path(file_okay=False, path_type=str),
        default="media",
        show_default=True,
        envvar="EXPLAINER_MEDIA_DIR",
        help="Folder the quality folders go in (env EXPLAINER_MEDIA_DIR).",
    )


def params_options(f=None, *, batch: bool = False):
    """``--set KEY=VALUE`` (repeatable), ``--params FILE`` and ``--voice``: parameter
    overrides (``--voice NAME`` is ``--set voice=NAME`` for every scene). With ``batch``,
    ``--params`` may be given several times (``params_files``, a tuple), one variant each."""
    if f is None:
        return lambda g: params_options(g, batch=batch)
    from scenes.voice.engines import ENGINES

    f = click.option(
        "--voice",
        type=click.Choice(list(ENGINES), case_sensitive=False),
        default=None,
        envvar="EXPLAINER_VOICE",
        help="Narrator: piper (a neural voice, the default), espeak (robotic, tiny) or none "
        "(silent, captions timed by reading speed). Same as --set voice=NAME; "
        "--set speaking_rate=1.1 speaks faster (env EXPLAINER_VOICE).",
    )(f)
    f = click.option(
        "--params",
        "params_files" if batch else "params_file",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        multiple=batch,
        metavar="FILE",
        help="A TOML file of parameters: one [table] per scene (slug or part number), "
        "and [all] for every scene that has the key."
        + (" Repeat it to render each file's variant (a course each)." if batch else ""),
    )(f)
    return click.option(
        "--set",
        "assignments",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a parameter of the named scenes, e.g. --set thick_coin.edge=0.2 "
        "(repeatable; VALUE is TOML: 0.2, [0.5, 0.5], nats). Variants get their own "
        "file names (~key=value), so the default render is never overwritten.",
    )(f)


def theme_option(batch: bool = False):
    """``--theme``; with ``batch``, a comma-separated list (a tuple of names)."""
    help = (
        "Colour theme: light for bright rooms and print. Other themes than dark add "
        "~theme=NAME to the file names (env EXPLAINER_THEME)."
    )
    if batch:
        return click.option(
            "--theme",
            "themes",
            default="dark",
            show_default=True,
            envvar="EXPLAINER_THEME",
            callback=_list_of(THEMES, "theme"),
            help=help + " Several, comma-separated (dark,light), render each.",
        )
    return click.option(
        "--theme",
        type=click.Choice(THEMES, case_sensitive=False),
        default="dark",
        show_default=True,
        envvar="EXPLAINER_THEME",
        help=help,
    )


def cluster_options(f):
    """``--split``, ``--cluster`` and ``--exchange``: where and in how many units to render."""
    f = click.option(
        "--exchange",
        metavar="URL",
        default=None,
        envvar="EXPLAINER_EXCHANGE",
        help="With --cluster: a folder (or fsspec URL) that the workers and this machine "
        "share; rendered parts come back through it instead of through the scheduler, "
        "from workers that cannot reach the media folder (env EXPLAINER_EXCHANGE).",
    )(f)
    f = click.option(
        "--cluster",
        metavar="ADDRESS",
        default=None,
        envvar="EXPLAINER_CLUSTER",
        help="Render on a Dask cluster: a scheduler's address (tcp://HOST:8786), or local:N "
        "to start N worker processes here. Every worker needs the same version of the "
        "explainer (env EXPLAINER_CLUSTER).",
    )(f)
    return click.option(
        "--split",
        metavar="[N|all|off]",
        is_flag=False,
        flag_value="all",
        default="auto",
        show_default=True,
        envvar="EXPLAINER_SPLIT",
        help="Render each scene as N units of its beats, each in its own process, joined "
        "into the same files: --split alone uses every worker, off never splits, auto "
        "splits only when there are fewer scenes than workers (env EXPLAINER_SPLIT).",
    )(f)


def resolve_params(
    entries: Sequence[SceneEntry],
    assignments: Sequence[str],
    params_file: str | None,
    voice: str | None = None,
) -> dict[str, dict]:
    """Each scene's validated overrides (see :func:`scenes.params.resolve_overrides`):
    the project's default parameters, then ``--params``, then ``--set``, with ``voice``
    (from ``--voice``) set for every scene.

    A bad key, value or file is a usage error (exit 2) that names the scene, before
    anything is rendered.
    """
    from scenes.params import ParamsError, resolve_overrides

    project = registry.project()
    if voice is not None:
        assignments = (*assignments, f"voice={voice.lower()}")
    try:
        return resolve_overrides(
            entries,
            tuple(assignments),
            params_file,
            defaults=project.params if project is not None else None,
            defaults_source=str(project.config) if project is not None else "",
        )
    except ParamsError as error:
        hint = error.source or ("--params" if params_file is not None else "--set")
        raise click.BadParameter(str(error), param_hint=hint) from None


def check_voices(entries: Sequence[SceneEntry], overrides: dict[str, dict]) -> None:
    """Stop with one line naming the install command when a scene's voice is missing."""
    from scenes.voice.engines import DEFAULT_VOICE, VoiceUnavailable, engine_named

    voices = {overrides.get(entry.slug, {}).get("voice", DEFAULT_VOICE) for entry in entries}
    for name in sorted(voices):
        try:
            engine_named(name).check()
        except VoiceUnavailable as error:
            raise click.ClickException(str(error)) from None


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the renderer's environment errors into one-line messages, exit code 1."""
    try:
        yield
    except OutputNotWritableError as error:
        raise click.ClickException(
            f"{error}. Choose another folder with --media-dir, or fix its permissions."
        ) from None
    except SystemLibrariesError as error:
        raise SystemLibrariesMissing(str(error)) from None
    except ClusterUnavailableError as error:
        raise click.ClickException(str(error)) from None
