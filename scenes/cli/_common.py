"""What the commands share: picking scenes, the common options, and user-facing errors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import click

from scenes import registry
from scenes.registry import SceneEntry, UnknownSceneError
from scenes.render.layout import DEFAULT_FORMAT, DEFAULT_QUALITY, FORMATS, QUALITIES, Quality
from scenes.render.runner import OutputNotWritableError, SystemLibrariesError

__all__ = [
    "DOCTOR_HINT",
    "SystemLibrariesMissing",
    "UnknownScene",
    "format_option",
    "media_option",
    "quality_option",
    "select_entries",
    "user_errors",
]

DOCTOR_HINT = "Run `explainer doctor` to see what is missing and the command that installs it."


class UnknownScene(click.BadParameter):
    """A scene name, number or class that is not in the registry (lists the valid ones)."""


class SystemLibrariesMissing(click.ClickException):
    """manim cannot load (Cairo, Pango or PyAV is missing or broken)."""

    def __init__(self, detail: str):
        super().__init__(f"manim cannot be loaded: {detail}\n{DOCTOR_HINT}")


def select_entries(keys: Sequence[str]) -> list[SceneEntry]:
    """The scenes named by part number, slug or class name; every scene when none is named."""
    if not keys:
        return list(registry.all_entries())
    chosen: list[SceneEntry] = []
    for key in keys:
        try:
            entry = registry.find(key)
        except UnknownSceneError as error:
            raise UnknownScene(str(error), param_hint="SCENE") from None
        if entry not in chosen:
            chosen.append(entry)
    return chosen


def _quality_help() -> str:
    return ", ".join(f"{q.name} = {q.label}" for q in QUALITIES.values())


def quality_option(default: str = DEFAULT_QUALITY):
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


def media_option():
    return click.option(
        "--media-dir",
        type=click.Path(file_okay=False, path_type=str),
        default="media",
        show_default=True,
        envvar="EXPLAINER_MEDIA_DIR",
        help="Folder the quality folders go in (env EXPLAINER_MEDIA_DIR).",
    )


def quality_of(name: str) -> Quality:
    return QUALITIES[name.lower()]


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
