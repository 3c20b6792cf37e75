"""What a render depends on, as one hash: a scene re-renders only when this changes.

The key covers the scene's source file and every module it imports from this
package or from the scene's own folder (a lecturer's project), directly or through
others (found by reading ``import`` statements, without importing anything), the
whole ``infotheory`` package, the parameter overrides, the voice (engine, model and
versions), the versions of manim, Typst and PyAV, the quality, the format and the
theme. :func:`sources_digest` is the part that depends on sources alone, the same on
every machine.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import sys
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from scenes.project import is_installed
from scenes.render.layout import ENCODER_OPTIONS

__all__ = [
    "SourceMissingError",
    "StaleSourcesError",
    "check_sources",
    "module_file",
    "render_key",
    "source_files",
    "source_key",
    "sources_digest",
    "voice_identity",
]

# Bump when the renderer changes what it writes, so old outputs are re-rendered.
LAYOUT_VERSION = "explainer-render-2"  # 2: narration in videos and clips
ALWAYS_HASHED = ("infotheory",)
VERSIONED = ("manim", "typst", "av")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
# This package's own sources are hashed wherever they are, installed or not.
OWN_PACKAGES = tuple(PROJECT_ROOT / top for top in ("scenes", "infotheory"))


class SourceMissingError(LookupError):
    """A scene's module has no source file (it has not been written yet)."""


class StaleSourcesError(RuntimeError):
    """A worker's sources of a scene are not the ones the client keyed its render with."""


def _package_root(top: str) -> Path | None:
    """The folder that holds top-level module or package ``top``, without importing it.

    This project's own packages are looked up in the project first: under pytest,
    ``tests/scenes/`` would otherwise be found in place of ``scenes``.
    """
    return _package_root_on(top, tuple(sys.path))


@cache
def _package_root_on(top: str, path: tuple[str, ...]) -> Path | None:
    """:func:`_package_root` for one ``sys.path`` (a project's folder may join it later)."""
    if (PROJECT_ROOT / top / "__init__.py").is_file() or (PROJECT_ROOT / f"{top}.py").is_file():
        return PROJECT_ROOT
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin in (None, "built-in", "frozen"):
        return None
    origin = Path(spec.origin)
    return origin.parent.parent if origin.name == "__init__.py" else origin.parent


def module_file(dotted: str) -> Path | None:
    """The source file of module ``dotted`` (a package's ``__init__.py``), or ``None``."""
    top = dotted.partition(".")[0]
    root = _package_root(top)
    if root is None:
        return None
    base = root.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, module: str) -> frozenset[str]:
    """The modules ``path`` (the source of ``module``) imports, as dotted names."""
    stat = path.stat()
    return _imports_of(path, module, stat.st_mtime_ns, stat.st_size)


@cache
def _imports_of(path: Path, module: str, mtime_ns: int, size: int) -> frozenset[str]:
    """:func:`_imports` for one version of the file: the scenes share most of their imports,
    and parsing is most of the time a key takes."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base_parts = parts[: len(parts) - node.level + 1] if node.level > 1 else parts
                base = ".".join(p for p in base_parts if p)
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            # `from pkg import sub` may name a submodule.
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
    return frozenset(name for name in found if name)


def _is_project_file(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether ``path`` is source of this package or of the scene's own folder, not a library."""
    resolved = path.resolve()
    if any(resolved.is_relative_to(own) for own in OWN_PACKAGES):
        return True
    if is_installed(resolved):
        return False
    return any(resolved.is_relative_to(root) for root in roots)


def source_files(module: str) -> list[Path]:
    """The source of ``module`` and of every module of this project it imports.

    "This project" is the ``scenes`` and ``infotheory`` packages, wherever they are
    installed, and the folder the scene module itself was found in (a lecturer's
    project: its own helper modules count); other installed libraries are left out
    (their versions are part of the key instead).
    """
    start = module_file(module)
    if start is None:
        raise SourceMissingError(f"no source file for module {module!r}")
    depth = module.count(".") + (1 if start.name == "__init__.py" else 0)
    roots = (PROJECT_ROOT.resolve(), start.resolve().parents[depth])
    seen: dict[str, Path] = {module: start}
    skipped: set[str] = set()
    queue = [module]
    while queue:
        current = queue.pop()
        for name in _imports(seen[current], current):
            if name in seen or name in skipped:
                continue
            path = module_file(name)
            if path is None or not _is_project_file(path, roots):
                skipped.add(name)
                continue
            seen[name] = path
            queue.append(name)
    return sorted(set(seen.values()))


@cache
def _package_digest(top: str) -> str:
    root = _package_root(top)
    digest = hashlib.sha256()
    if root is not None:
        for path in sorted((root / top).rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def voice_identity(overrides: Mapping[str, Any] | None) -> str:
    """What shapes the narration a render would have: engine, model, versions (or that
    the voice is missing, which the render itself reports)."""
    from scenes.voice.engines import DEFAULT_VOICE, VoiceUnavailable, engine_named

    name = (overrides or {}).get("voice", DEFAULT_VOICE)
    try:
        return engine_named(name).identity()
    except (VoiceUnavailable, ValueError):
        return f"{name}:missing"


@cache
def _versions() -> tuple[tuple[str, str], ...]:
    found = []
    for name in VERSIONED:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "missing"))
    return tuple(found)


def sources_digest(module: str) -> str:
    """The hash of the sources a scene module shows: its file, the modules of this
    project it imports and the whole ``infotheory`` package (names relative to their
    package, so the same on every machine)."""
    digest = hashlib.sha256()
    for path in source_files(module):
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    for top in ALWAYS_HASHED:
        digest.update(_package_digest(top).encode())
    return digest.hexdigest()


def source_key(
    module: str,
    class_name: str,
    overrides: Mapping[str, Any] | None = None,
    theme: str = "dark",
    *,
    sources: str | None = None,
) -> str:
    """The hash of what a scene shows, whatever the quality and format.

    ``sources`` is the module's :func:`sources_digest`, if the caller has it already.
    """
    digest = hashlib.sha256()
    digest.update(f"{LAYOUT_VERSION}\0{module}\0{class_name}\0{theme}\0".encode())
    digest.update(json.dumps(dict(overrides or {}), sort_keys=True, default=repr).encode())
    digest.update(f"\0voice={voice_identity(overrides)}".encode())
    for name, version in _versions():
        digest.update(f"\0{name}={version}".encode())
    digest.update((sources or sources_digest(module)).encode())
    return digest.hexdigest()


def render_key(source: str, quality: str, fmt: str) -> str:
    """The hash of one rendered video: what it shows, at what quality, in what format."""
    encoder = json.dumps(ENCODER_OPTIONS.get(fmt, {}), sort_keys=True)
    return hashlib.sha256(f"{source}\0{quality}\0{fmt}\0{encoder}".encode()).hexdigest()


def check_sources(
    module: str,
    class_name: str,
    overrides: Mapping[str, Any] | None,
    theme: str,
    expected: str,
) -> None:
    """Refuse to render a scene whose sources here give another :func:`source_key` than
    ``expected`` (the client's): this machine would render stale or newer scenes."""
    try:
        here = source_key(module, class_name, overrides, theme)
    except SourceMissingError:
        here = "missing"
    if here != expected:
        import socket

        raise StaleSourcesError(
            f"the worker on {socket.gethostname()} has other sources for {module}.{class_name} "
            f"than this client (source key {here[:12]}, not {expected[:12]}): install the "
            "same version of the explainer, its voices and the scene files on every worker"
        )
