"""`explainer doctor`: is everything a render needs installed? If not, the command that fixes it."""

from __future__ import annotations

import importlib
import importlib.metadata
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from scenes.cli._common import media_option
from scenes.render.runner import OutputNotWritableError, check_writable
from scenes.render.scene_info import cache_root

APT = "sudo apt-get install --no-install-recommends"
SYSTEM_PACKAGES = "libcairo2-dev libpango1.0-dev pkg-config"
DEFAULT_FONTS = ("New Computer Modern", "New Computer Modern Math")
# The encoder each output format needs (manim's defaults for opaque video).
ENCODERS = {"mp4": "libx264", "mov": "libx264", "webm": "libvpx-vp9", "gif": "gif"}


def _pip(*args: str) -> str:
    return f"{shlex.quote(sys.executable)} -m pip install {' '.join(args)}"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


class Missing(Exception):
    """A check failed: the message says what, ``fix`` how to repair it."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def _import(name: str, fix: str):
    try:
        return importlib.import_module(name)
    except (ImportError, OSError) as error:
        raise Missing(f"cannot import {name}: {error}", fix) from None


def check_python() -> str:
    version = sys.version_info
    if version < (3, 11):
        raise Missing(
            f"Python {version.major}.{version.minor} is too old (3.11 or newer needed)",
            "install Python 3.11 or newer, then run `make setup` again",
        )
    return f"{version.major}.{version.minor}.{version.micro} ({sys.executable})"


def check_cairo() -> str:
    cairo = _import(
        "cairo", f"{APT} libcairo2-dev pkg-config && {_pip('--force-reinstall', 'pycairo')}"
    )
    return f"Cairo {cairo.cairo_version_string()}, pycairo {cairo.version}"


def check_pango() -> str:
    pango = _import(
        "manimpango",
        f"{APT} libpango1.0-dev pkg-config && {_pip('--force-reinstall', 'manimpango')}",
    )
    return f"Pango {pango.pango_version()}, manimpango {pango.__version__}"


def check_manim() -> str:
    fix = f"{APT} {SYSTEM_PACKAGES} && {_pip('-e', shlex.quote('.[dev]'))}"
    manim = _import("manim", fix)
    version = manim.__version__
    if not version.startswith("0.22."):
        raise Missing(
            f"manim {version} is installed; the scenes need 0.22", _pip("'manim>=0.22,<0.23'")
        )
    return f"manim {version}"


def check_typst() -> str:
    typst = _import("typst", _pip("'typst>=0.14'"))
    try:
        svg = typst.compile(b"$S(p) = log_2 1/p$", format="svg")
    except Exception as error:
        raise Missing(
            f"typst cannot compile: {error}", _pip("--force-reinstall", "typst")
        ) from None
    if b"<svg" not in svg:
        raise Missing("typst compiled no SVG", _pip("--force-reinstall", "typst"))
    return f"typst {importlib.metadata.version('typst')}"


def check_pyav() -> str:
    av = _import("av", _pip("--force-reinstall", "av"))
    libavformat = ".".join(map(str, av.library_versions.get("libavformat", ())))
    return f"PyAV {av.__version__}, libavformat {libavformat}"


def _encoder_check(fmt: str) -> Callable[[], str]:
    def check() -> str:
        av = _import("av", _pip("--force-reinstall", "av"))
        encoder = ENCODERS[fmt]
        try:
            av.codec.Codec(encoder, "w")
        except Exception:
            raise Missing(
                f"this PyAV build has no {encoder} encoder (needed for --format {fmt})",
                _pip("--force-reinstall", "av") + "  # PyPI's wheels include it",
            ) from None
        return f"{encoder} encoder for --format {fmt}"

    check.__name__ = f"check_{fmt}"
    return check


def _voice_check(name: str) -> Callable[[], str]:
    def check() -> str:
        from scenes.voice.engines import VoiceError, VoiceUnavailable, engine_named

        engine = engine_named(name)
        try:
            engine.check()
            samples, rate = engine.synthesize("Ready.", 1.0)
        except VoiceUnavailable as error:
            message, _, fix = str(error).partition(": ")
            raise Missing(message, fix) from None
        except VoiceError as error:
            raise Missing(f"voice {name!r} failed: {error}", f"reinstall it: {error}") from None
        return f"{engine.identity()} (spoke {len(samples) / rate:.1f} s)"

    check.__name__ = f"check_voice_{name}"
    return check


def _audio_check(codec: str, formats: str) -> Callable[[], str]:
    def check() -> str:
        av = _import("av", _pip("--force-reinstall", "av"))
        try:
            av.codec.Codec(codec, "w")
        except Exception:
            raise Missing(
                f"this PyAV build has no {codec} encoder (narration in {formats})",
                _pip("--force-reinstall", "av") + "  # PyPI's wheels include it",
            ) from None
        return f"{codec} encoder for narration in {formats}"

    check.__name__ = f"check_audio_{codec}"
    return check


def _theme_fonts() -> tuple[str, ...]:
    try:
        from scenes.theme import current_theme

        theme = current_theme()
        return (theme.font, theme.math_font)
    except Exception:
        return DEFAULT_FONTS


def check_fonts() -> str:
    typst = _import("typst", _pip("'typst>=0.14'"))
    families = set(typst.Fonts().families())
    missing = [font for font in _theme_fonts() if font not in families]
    if missing:
        raise Missing(
            f"Typst cannot find the theme's font(s): {', '.join(missing)}",
            _pip("--force-reinstall", "typst") + "  # its wheel ships New Computer Modern",
        )
    return ", ".join(_theme_fonts())


def check_media(media_dir: str) -> Callable[[], str]:
    def check() -> str:
        try:
            check_writable(Path(media_dir))
        except OutputNotWritableError as error:
            raise Missing(str(error), "pass --media-dir with a folder you can write to") from None
        return f"{Path(media_dir).absolute()} is writable"

    return check


def check_cache() -> str:
    try:
        check_writable(cache_root())
    except OutputNotWritableError as error:
        raise Missing(
            f"{error} (formulas will be recompiled on every run)",
            "export XDG_CACHE_HOME=<a folder you can write to>",
        ) from None
    return f"{cache_root()} is writable"


def checks(media_dir: str) -> list[tuple[str, Callable[[], str], bool]]:
    """Every check: its name, its function and whether a render needs it."""
    return [
        ("Python", check_python, True),
        ("Cairo", check_cairo, True),
        ("Pango", check_pango, True),
        ("manim", check_manim, True),
        ("Typst", check_typst, True),
        ("PyAV", check_pyav, True),
        *((f"codec {fmt}", _encoder_check(fmt), fmt == "mp4") for fmt in ENCODERS),
        ("audio aac", _audio_check("aac", "mp4 and mov"), True),
        ("audio opus", _audio_check("libopus", "webm"), False),
        # piper is the default narrator; espeak and none are the alternatives.
        ("voice piper", _voice_check("piper"), True),
        ("voice espeak", _voice_check("espeak"), False),
        ("Fonts", check_fonts, True),
        ("Media folder", check_media(media_dir), True),
        ("Cache folder", check_cache, False),
    ]


def run_checks(media_dir: str) -> list[Check]:
    results = []
    for name, function, required in checks(media_dir):
        try:
            results.append(Check(name, True, function(), required=required))
        except Missing as problem:
            results.append(Check(name, False, str(problem), problem.fix, required))
    return results


@click.command("doctor")
@media_option()
def doctor(media_dir: str) -> None:
    """Check Python, manim, Cairo, Pango, Typst, PyAV and its codecs, the voices and the fonts.

    Exits with status 1 when something a render needs is missing, and prints the
    command that installs it.
    """
    results = run_checks(media_dir)
    table = Table(title="explainer doctor")
    table.add_column("Check")
    table.add_column("Status")
    table.add_column("Details")
    for check in results:
        if check.ok:
            status = "[green]OK[/green]"
        elif check.required:
            status = "[red]MISSING[/red]"
        else:
            status = "[yellow]MISSING (optional)[/yellow]"
        table.add_row(check.name, status, check.detail)
    Console().print(table)
    problems = [c for c in results if not c.ok]
    for check in problems:
        # Plain echo: the fix must stay one copyable line, never wrapped.
        label = "MISSING" if check.required else "MISSING (optional)"
        click.echo(f"{label}: {check.name}: {check.detail}")
        click.echo(f"  fix: {check.fix}")
    required = [c for c in problems if c.required]
    if required:
        raise click.ClickException(
            f"{len(required)} required check(s) failed: " + ", ".join(c.name for c in required)
        )
    click.echo("Everything a render needs is installed.")
