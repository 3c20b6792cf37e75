"""The explainer's scenes, in order: the single source of truth.

The command line, the tests and the lecture kit all read this module. A part's
number is its place in the thread; its ``slug`` names its output files
(``05-surprise-formula.mp4``). After the numbered twelve (:data:`SCENES`) come

- the extras on neighbouring topics, the modules of ``scenes/extras/``
  (:data:`EXTRAS`), by file name, so the explainer's order is untouched;
- the scenes of the lecturer's project (:mod:`scenes.project`: the folder named by
  the ``explainer.toml`` found from the working directory), by file name.

Each is found without importing it (no manim): its slug is the file name with
``-`` for ``_``, its title the module's ``TITLE`` constant, its class the one that
subclasses ``ExplainerScene``; its outputs are named ``x-<slug>``.
:func:`file_entries` makes entries for a scene file named on the command line
(``explainer render my_scene.py``), registered or not.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import keyword
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scenes.project import Project, ProjectError, find_project

if TYPE_CHECKING:
    from scenes.kit.base import ExplainerScene

__all__ = [
    "EXTRAS",
    "EXTRAS_DIR",
    "EXTRAS_PACKAGE",
    "SCENES",
    "SceneEntry",
    "UnknownSceneError",
    "all_entries",
    "class_name_for",
    "classes_in",
    "discover_extras",
    "entry_for",
    "file_entries",
    "find",
    "project",
    "project_entries",
    "refresh",
]


@dataclass(frozen=True)
class SceneEntry:
    part: int | None  # None for extras and a project's scenes
    slug: str
    module: str
    class_name: str
    title: str
    # The folder ``module`` is imported from, for scenes outside this package (a
    # project's, or a file named on the command line); None: importable as it is.
    folder: str | None = None

    @property
    def stem(self) -> str:
        """The file name stem of this scene's outputs: ``05-surprise-formula``."""
        return f"{self.part:02d}-{self.slug}" if self.part is not None else f"x-{self.slug}"

    def load(self) -> type[ExplainerScene]:
        """Import the scene class (this imports manim)."""
        if self.folder is not None and self.folder not in sys.path:
            sys.path.append(self.folder)  # appended: installed packages keep their names
        return getattr(importlib.import_module(self.module), self.class_name)

    @property
    def path(self) -> str:
        """The scene's source file, for ``manim <path> <Class>``: relative to the project
        for the built-in scenes, absolute for the others."""
        relative = self.module.replace(".", "/") + ".py"
        return str(Path(self.folder, relative)) if self.folder is not None else relative

    def answers_to(self, key: str | int) -> bool:
        """Whether ``key`` names this scene: its part number (``5``, ``"05"``), slug,
        stem or class name (case-insensitive)."""
        text = str(key).strip()
        if text.isdigit():
            return self.part == int(text)
        return text.lower() in (self.slug, self.class_name.lower(), self.stem)


def _part(part: int, slug: str, class_name: str, title: str) -> SceneEntry:
    module = f"scenes.parts.p{part:02d}_{slug.replace('-', '_')}"
    return SceneEntry(part, slug, module, class_name, title)


SCENES: tuple[SceneEntry, ...] = (
    _part(1, "opening", "Opening", "Living with uncertainty"),
    _part(2, "fog", "Fog", "Thinking in probabilities"),
    _part(3, "distributions", "Distributions", "Distributions everywhere"),
    _part(4, "surprise", "Surprise", "Surprise"),
    _part(5, "surprise-formula", "SurpriseFormula", "Measuring surprise"),
    _part(6, "entropy", "Entropy", "Entropy is average surprise"),
    _part(7, "models", "Models", "Models and reality"),
    _part(8, "cross-entropy", "CrossEntropy", "Cross-entropy"),
    _part(9, "asymmetry", "Asymmetry", "Cross-entropy is not symmetric"),
    _part(10, "kl-divergence", "KLDivergence", "KL divergence"),
    _part(11, "training", "Training", "Training minimises cross-entropy"),
    _part(12, "recap", "Recap", "The gap between model and reality"),
)

EXTRAS_DIR = Path(__file__).resolve().with_name("extras")
EXTRAS_PACKAGE = "scenes.extras"
_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """Whether ``text`` names an extra: lower-case words of letters and digits joined by
    single hyphens, starting with a letter, whose module name is not a Python keyword."""
    return bool(_SLUG.match(text)) and not keyword.iskeyword(text.replace("-", "_"))


def default_title(slug: str) -> str:
    """The title of an extra that gives none: ``mutual-information`` → ``Mutual information``."""
    return slug.replace("-", " ").capitalize()


def class_name_for(slug: str) -> str:
    """The scene class an extra's slug suggests: ``mutual-information`` → ``MutualInformation``."""
    return "".join(part.capitalize() for part in slug.split("-"))


def slug_for_class(class_name: str) -> str:
    """The slug of a scene known only by its class: ``KLDivergence`` → ``kl-divergence``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", class_name)
    return re.sub(r"-+", "-", words.replace("_", "-")).strip("-").lower()


@dataclass(frozen=True)
class _SceneFile:
    title: str | None  # the module's TITLE constant
    scenes: tuple[str, ...]  # its scene classes, in order
    classes: tuple[str, ...]  # every class it defines


def _read_scene_file(path: Path, known: Sequence[str] = ()) -> _SceneFile:
    """What a scene file defines, read without importing it.

    A scene class is one whose base is ``ExplainerScene``, a scene class defined above
    it, or one of the ``known`` scene classes (``class MyEntropy(Entropy)``).
    """
    tree = ast.parse(path.read_bytes(), filename=str(path))
    title = None
    scenes: list[str] = []
    classes: list[str] = []
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "TITLE" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            title = node.value.value
        elif isinstance(node, ast.ClassDef):
            classes.append(node.name)
            bases = {getattr(b, "id", None) or getattr(b, "attr", None) for b in node.bases}
            if bases & {"ExplainerScene", *scenes, *known}:
                scenes.append(node.name)
    return _SceneFile(title, tuple(scenes), tuple(classes))


def discover_extras(
    folder: Path | None = None,
    package: str | None = EXTRAS_PACKAGE,
    *,
    path_entry: str | None = None,
) -> tuple[SceneEntry, ...]:
    """The extra scenes in ``folder`` (``scenes/extras/``), sorted by file name.

    Files whose names start with ``_`` and names that are not slugs written with
    ``_`` (``mutual_information.py``) are skipped. ``package`` is the dotted package
    the folder is imported as (``None``: the folder itself is on ``sys.path``);
    ``path_entry`` the folder to import it from, if it is not importable as it is.
    """
    folder = EXTRAS_DIR if folder is None else Path(folder)
    entries = []
    for path in sorted(folder.glob("*.py")):
        slug = path.stem.replace("_", "-")
        if path.name.startswith("_") or not is_slug(slug):
            continue
        try:
            found = _read_scene_file(path)
        except (OSError, SyntaxError, ValueError):
            found = _SceneFile(None, (), ())  # the render reports the error; still listed
        module = f"{package}.{path.stem}" if package else path.stem
        entries.append(
            SceneEntry(
                None,
                slug,
                module,
                found.scenes[0] if found.scenes else class_name_for(slug),
                found.title or default_title(slug),
                folder=path_entry,
            )
        )
    return tuple(entries)


EXTRAS: tuple[SceneEntry, ...] = discover_extras()

# The project of each working directory seen, and its scenes (see project()).
_projects: dict[Path, tuple[Project | None, tuple[SceneEntry, ...]]] = {}


def _current() -> tuple[Project | None, tuple[SceneEntry, ...]]:
    cwd = Path.cwd()
    if cwd not in _projects:
        found = find_project(cwd)
        entries: tuple[SceneEntry, ...] = ()
        # The explainer's own repository names scenes/extras: those are EXTRAS already.
        if found is not None and found.scenes_dir.resolve() != EXTRAS_DIR:
            found.make_importable()
            if found.scenes_dir.is_dir():
                entries = discover_extras(
                    found.scenes_dir, found.package, path_entry=str(found.root)
                )
            for entry in entries:
                _refuse_clash(entry, SCENES + EXTRAS + entries, Path(entry.path))
        _projects[cwd] = (found, entries)
    return _projects[cwd]


def project() -> Project | None:
    """The lecturer's project of the working directory (:mod:`scenes.project`), if any.

    Raises :class:`~scenes.project.ProjectError` for a configuration that cannot be used.
    """
    return _current()[0]


def project_entries() -> tuple[SceneEntry, ...]:
    """The scenes of the working directory's project, by file name."""
    return _current()[1]


def refresh() -> None:
    """Look for extras and the project's scenes again (after ``explainer new``)."""
    global EXTRAS
    EXTRAS = discover_extras(EXTRAS_DIR, EXTRAS_PACKAGE)
    _projects.clear()
    importlib.invalidate_caches()  # new files in folders Python has already looked in


def _refuse_clash(entry: SceneEntry, others: Sequence[SceneEntry], source: Path) -> None:
    """A scene outside the package must not take a name (slug, stem, class) already in use."""
    for other in others:
        if other is entry or other == entry:
            continue
        if other.answers_to(entry.slug) or other.class_name == entry.class_name:
            taken = f"part {other.part}" if other.part else f"the extra {other.path}"
            raise ProjectError(
                f"{source}: the scene {entry.class_name} ({entry.slug}) has the name of "
                f"{taken} ({other.title!r}); rename the file or the class"
            )


class UnknownSceneError(LookupError):
    """No scene matches what the user typed."""


def all_entries() -> tuple[SceneEntry, ...]:
    """The twelve parts, the extras, then the project's scenes."""
    return SCENES + EXTRAS + project_entries()


def find(key: str | int) -> SceneEntry:
    """A scene by part number (``5``, ``"05"``), slug, stem or class name (case-insensitive)."""
    for entry in all_entries():
        if entry.answers_to(key):
            return entry
    valid = ", ".join(f"{e.part or '-'} {e.slug} ({e.class_name})" for e in all_entries())
    raise UnknownSceneError(f"no scene {str(key).strip()!r}; valid scenes: {valid}")


def _source_of(entry: SceneEntry) -> Path:
    base = Path(entry.folder) if entry.folder is not None else Path(__file__).parents[1]
    return (base / entry.path).resolve()


def classes_in(path: str | Path) -> tuple[str, ...]:
    """The names of the classes a Python file defines (none if it cannot be read)."""
    try:
        return _read_scene_file(Path(path)).classes
    except (OSError, SyntaxError, ValueError):
        return ()


def file_entries(path: str | Path, class_names: Sequence[str] = ()) -> list[SceneEntry]:
    """The scenes of a Python file named on the command line, as ``manim FILE [CLASS]...``.

    A registered scene's file gives its registered entries. Any other file is imported
    as a module from its folder (from the top of its package, if it is in one); its
    scenes are the classes derived from ``ExplainerScene``: ``class_names`` picks
    some, and none picks the only one. Each is named by its class (``MyScene`` →
    ``x-my-scene``) and titled by the module's ``TITLE``. Raises
    :class:`UnknownSceneError` saying what is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise UnknownSceneError(f"no scene file {str(path)!r}")
    if path.suffix != ".py":
        raise UnknownSceneError(f"{path} is not a Python file")
    resolved = path.resolve()
    registered = [e for e in all_entries() if _source_of(e) == resolved]
    try:
        found = _read_scene_file(path, known=[e.class_name for e in all_entries()])
    except (OSError, SyntaxError, ValueError) as error:
        raise UnknownSceneError(f"cannot read {path}: {error}") from None
    listing = ", ".join(found.scenes) or "none"
    for name in class_names:
        if name not in found.classes:
            raise UnknownSceneError(f"{path} has no class {name!r}; its scenes: {listing}")
    if registered:
        return [e for e in registered if not class_names or e.class_name in class_names]
    if not class_names and not found.scenes:
        raise UnknownSceneError(
            f"{path} has no scene derived from ExplainerScene (the kit's base scene); "
            "a plain manim Scene renders with `manim`"
        )
    if not class_names and len(found.scenes) > 1:
        raise UnknownSceneError(f"{path} has several scenes ({listing}); name the ones to render")
    module, folder = _module_for_file(resolved)
    entries = []
    for name in class_names or found.scenes:
        slug = slug_for_class(name)
        entry = SceneEntry(
            None, slug, module, name, found.title or default_title(slug), folder=str(folder)
        )
        try:
            _refuse_clash(entry, all_entries(), path)
        except ProjectError as error:
            raise UnknownSceneError(str(error)) from None
        entries.append(entry)
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    return entries


def _module_for_file(path: Path) -> tuple[str, Path]:
    """``(module name, folder to import it from)`` for a source file: the top of its
    package, as ``python -m`` and pytest would see it."""
    parts = [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    module = ".".join(parts)
    if not all(p.isidentifier() and not keyword.iskeyword(p) for p in parts):
        raise UnknownSceneError(
            f"{path} cannot be imported as {module!r}: rename it (and its folders) with "
            "letters, digits and _ only"
        )
    top = folder / parts[0]
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        places = [Path(p) for p in (spec.submodule_search_locations or [])]
        if spec.origin not in (None, "namespace"):
            places.append(Path(spec.origin).with_suffix(""))
        if not any(p.resolve() == top.resolve() for p in places):
            where = spec.origin or places[0]
            raise UnknownSceneError(
                f"{path} would be imported as {module!r}, but Python imports {parts[0]!r} "
                f"from {where}; rename the file"
            )
    return module, folder


def entry_for(cls: type) -> SceneEntry | None:
    """The entry of a scene class, or of the class it was derived from.

    Matched by class name: plain ``manim path Class`` imports the file under a
    module name of its own choosing. A scene that is not registered (a file
    rendered by name) is titled by its module's ``TITLE``, if it has one.
    """
    entries = all_entries()
    for klass in cls.__mro__:
        for entry in entries:
            if klass.__name__ == entry.class_name:
                return entry
        if klass is cls:
            title = getattr(sys.modules.get(cls.__module__), "TITLE", None)
            if isinstance(title, str):
                slug = slug_for_class(cls.__name__)
                return SceneEntry(None, slug, cls.__module__, cls.__name__, title)
    return None
