"""A lecturer's project: a folder of the course's own scenes and default parameters.

A project is the folder holding ``explainer.toml`` (or a ``pyproject.toml`` with a
``[tool.explainer]`` table), found from the working directory upwards as git finds
its repository. ``explainer new SLUG`` creates one in the working directory when
there is none, and writes its scenes there, never into the installed package::

    scenes = "course_scenes"     # the folder of the course's scenes, a Python package

    [params.all]                 # default parameters, as in a --params file
    unit = "nats"

The scenes folder is imported as a package whose name is its path (``course_scenes``,
or ``scenes.extras`` for the explainer's own repository), from the project folder, so
its name must not be one that Python already imports from elsewhere. Nothing here
imports manim.
"""

from __future__ import annotations

import importlib.util
import keyword
import site
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_SCENES_DIR",
    "Project",
    "ProjectError",
    "create_project",
    "find_project",
    "is_installed",
    "load_project",
]

CONFIG_NAME = "explainer.toml"
DEFAULT_SCENES_DIR = "course_scenes"
KEYS = ("scenes", "tests", "params")

CONFIG_TEMPLATE = """\
# An explainer project: this course's own scenes and its default parameters.
# Every `explainer` command run in this folder (or below it) lists, renders and
# builds lectures from these scenes beside the built-in ones; `explainer new SLUG`
# writes new scenes into the folder named here.

# The folder of the course's scenes: a Python package, so letters, digits and _.
scenes = "__SCENES__"

# Default parameters for every render in this project, as in a --params file:
# [params.all] for every scene that has the key, [params.SLUG] or [params."6"] for
# one scene. --params FILE and --set KEY=VALUE override them.
[params.all]
# unit = "nats"
"""


_INSTALLED = tuple(
    Path(p).resolve() for p in {sys.prefix, sys.base_prefix, *site.getsitepackages()}
)


def is_installed(path: Path) -> bool:
    """Whether ``path`` lies in an installed environment (a venv, site-packages), which
    holds libraries rather than anyone's own sources."""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(p) for p in _INSTALLED)


class ProjectError(ValueError):
    """The project's configuration cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class Project:
    root: Path  # the folder holding the configuration
    config: Path  # explainer.toml, or pyproject.toml with [tool.explainer]
    scenes_dir: Path
    package: str  # the scenes folder's import name, from ``root``
    tests_dir: Path | None = None  # where `explainer new` also writes a test, if set
    params: dict[str, dict[str, Any]] = field(default_factory=dict)  # {scene key: overrides}

    def make_importable(self) -> None:
        """Let Python import the scenes package (appended: installed packages keep their names)."""
        if str(self.root) not in sys.path:
            sys.path.append(str(self.root))


def _table(config: Path) -> dict[str, Any] | None:
    """The explainer settings in ``config``, or ``None`` if it holds none."""
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProjectError(f"{config}: {error}") from None
    except OSError as error:
        raise ProjectError(f"{config}: {error.strerror or error}") from None
    if config.name == "pyproject.toml":
        table = data.get("tool", {}).get("explainer")
        return table if isinstance(table, dict) else None
    return data


def find_project(start: Path | None = None) -> Project | None:
    """The project holding ``start`` (the working directory), or ``None``."""
    here = Path.cwd() if start is None else Path(start)
    for folder in (here.absolute(), *here.absolute().parents):
        config = folder / CONFIG_NAME
        if config.is_file():
            return load_project(config)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return load_project(pyproject)
    return None


def load_project(config: Path) -> Project:
    """The project configured by ``config``; :class:`ProjectError` naming any fault."""
    config = Path(config).absolute()
    table = _table(config)
    if table is None:
        raise ProjectError(f"{config} has no [tool.explainer] table")
    where = config.name if config.name == CONFIG_NAME else f"{config.name} [tool.explainer]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ProjectError(
            f"{config}: unknown key {unknown[0]!r} in {where}; the keys are: {', '.join(KEYS)}"
        )
    root = config.parent
    scenes = table.get("scenes", DEFAULT_SCENES_DIR)
    scenes_dir, package = _package_folder(config, root, scenes)
    tests = table.get("tests")
    if tests is not None and not isinstance(tests, str):
        raise ProjectError(f"{config}: tests must be a folder name, not {tests!r}")
    params = table.get("params", {})
    if not isinstance(params, dict) or not all(isinstance(t, dict) for t in params.values()):
        raise ProjectError(
            f"{config}: params must hold one table per scene, like [params.all] or [params.entropy]"
        )
    from scenes.params import flatten_tables

    return Project(
        root=root,
        config=config,
        scenes_dir=scenes_dir,
        package=package,
        tests_dir=root / tests if tests is not None else None,
        params=flatten_tables(params),
    )


def _package_folder(config: Path, root: Path, scenes: Any) -> tuple[Path, str]:
    """The scenes folder and its import name; refuses names that are not importable
    from the project folder, or that would hide a package Python finds elsewhere."""
    if not isinstance(scenes, str) or not scenes.strip():
        raise ProjectError(f"{config}: scenes must name a folder, not {scenes!r}")
    parts = Path(scenes).parts
    if Path(scenes).is_absolute() or not all(p.isidentifier() for p in parts):
        raise ProjectError(
            f"{config}: scenes = {scenes!r} must be a folder inside the project whose name "
            "is a Python name (letters, digits and _, e.g. course_scenes)"
        )
    if any(keyword.iskeyword(p) for p in parts):
        raise ProjectError(f"{config}: scenes = {scenes!r} uses a Python keyword")
    top = root / parts[0]
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        spec = None
    origins = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    if spec is not None and spec.origin not in (None, "namespace"):
        origins.append(Path(spec.origin).parent)
    if origins and not any(o.resolve() == top.resolve() for o in origins):
        raise ProjectError(
            f"{config}: scenes = {scenes!r} would hide the package {parts[0]!r} that Python "
            f"imports from {origins[0]}; name the folder otherwise (e.g. {DEFAULT_SCENES_DIR})"
        )
    return root.joinpath(*parts), ".".join(parts)


def create_project(folder: Path, scenes: str = DEFAULT_SCENES_DIR) -> Project:
    """Write ``explainer.toml`` and an empty scenes package into ``folder``; the project."""
    folder = Path(folder).absolute()
    config = folder / CONFIG_NAME
    with config.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(CONFIG_TEMPLATE.replace("__SCENES__", scenes))
    project = load_project(config)
    project.scenes_dir.mkdir(parents=True, exist_ok=True)
    init = project.scenes_dir / "__init__.py"
    if not init.exists():
        init.write_text('"""This course\'s own scenes: `explainer new SLUG` adds one."""\n')
    return project
