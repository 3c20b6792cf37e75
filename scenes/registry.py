"""The explainer's scenes, in order: the single source of truth.

The command line, the tests and the lecture kit all read :data:`SCENES`. A part's
number is its place in the thread; its ``slug`` names its output files
(``05-surprise-formula.mp4``). Extra scenes on neighbouring topics are the modules
of ``scenes/extras/`` (``explainer new SLUG`` writes one): :data:`EXTRAS` lists them
after the numbered twelve, by file name, so the explainer's order is untouched. Each
is found without importing it (no manim): its slug is the file name with ``-`` for
``_``, its title the module's ``TITLE`` constant, its class the one that subclasses
``ExplainerScene``; its outputs are named ``x-<slug>``.
"""

from __future__ import annotations

import ast
import importlib
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scenes.kit.base import ExplainerScene

__all__ = [
    "EXTRAS",
    "EXTRAS_DIR",
    "EXTRAS_PACKAGE",
    "SCENES",
    "SceneEntry",
    "UnknownSceneError",
    "class_name_for",
    "discover_extras",
    "entry_for",
    "find",
    "refresh_extras",
]


@dataclass(frozen=True)
class SceneEntry:
    part: int | None  # None for extras
    slug: str
    module: str
    class_name: str
    title: str

    @property
    def stem(self) -> str:
        """The file name stem of this scene's outputs: ``05-surprise-formula``."""
        return f"{self.part:02d}-{self.slug}" if self.part is not None else f"x-{self.slug}"

    def load(self) -> type[ExplainerScene]:
        """Import the scene class (this imports manim)."""
        return getattr(importlib.import_module(self.module), self.class_name)

    @property
    def path(self) -> str:
        """The scene's source file, for ``manim <path> <Class>``."""
        return self.module.replace(".", "/") + ".py"


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


def _read_extra(path: Path) -> tuple[str | None, str | None]:
    """``(TITLE, scene class name)`` from an extra's source, without importing it."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return None, None  # the render reports the error; the registry still lists it
    title = class_name = None
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "TITLE" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            title = node.value.value
        elif isinstance(node, ast.ClassDef) and class_name is None:
            bases = {getattr(b, "id", None) or getattr(b, "attr", None) for b in node.bases}
            if "ExplainerScene" in bases:
                class_name = node.name
    return title, class_name


def discover_extras(
    folder: Path | None = None, package: str | None = EXTRAS_PACKAGE
) -> tuple[SceneEntry, ...]:
    """The extra scenes in ``folder`` (``scenes/extras/``), sorted by file name.

    Files whose names start with ``_`` and names that are not slugs written with
    ``_`` (``mutual_information.py``) are skipped. ``package`` is the dotted package
    the folder is imported as (``None``: the folder itself is on ``sys.path``).
    """
    folder = EXTRAS_DIR if folder is None else Path(folder)
    entries = []
    for path in sorted(folder.glob("*.py")):
        slug = path.stem.replace("_", "-")
        if path.name.startswith("_") or not is_slug(slug):
            continue
        title, class_name = _read_extra(path)
        module = f"{package}.{path.stem}" if package else path.stem
        entries.append(
            SceneEntry(
                None,
                slug,
                module,
                class_name or class_name_for(slug),
                title or default_title(slug),
            )
        )
    return tuple(entries)


EXTRAS: tuple[SceneEntry, ...] = discover_extras()


def refresh_extras() -> tuple[SceneEntry, ...]:
    """Look in the extras folder again (after ``explainer new``); returns the new list."""
    global EXTRAS
    EXTRAS = discover_extras(EXTRAS_DIR, EXTRAS_PACKAGE)
    return EXTRAS


class UnknownSceneError(LookupError):
    """No scene matches what the user typed."""


def all_entries() -> tuple[SceneEntry, ...]:
    return SCENES + EXTRAS


def find(key: str | int) -> SceneEntry:
    """A scene by part number (``5``, ``"05"``), slug or class name (case-insensitive)."""
    text = str(key).strip()
    for entry in all_entries():
        if text.isdigit() and entry.part == int(text):
            return entry
        if text.lower() in (entry.slug, entry.class_name.lower(), entry.stem):
            return entry
    valid = ", ".join(f"{e.part or '-'} {e.slug} ({e.class_name})" for e in all_entries())
    raise UnknownSceneError(f"no scene {text!r}; valid scenes: {valid}")


def entry_for(cls: type) -> SceneEntry | None:
    """The entry of a scene class, or of the class it was derived from.

    Matched by class name: plain ``manim path Class`` imports the file under a
    module name of its own choosing.
    """
    for klass in cls.__mro__:
        for entry in all_entries():
            if klass.__name__ == entry.class_name:
                return entry
    return None
