"""The explainer's scenes, in order: the single source of truth.

The command line, the tests and the lecture kit all read :data:`SCENES`. A part's
number is its place in the thread; its ``slug`` names its output files
(``05-surprise-formula.mp4``). Extra scenes on neighbouring topics go in
:data:`EXTRAS`, outside the numbered twelve.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scenes.kit.base import ExplainerScene

__all__ = ["EXTRAS", "SCENES", "SceneEntry", "UnknownSceneError", "entry_for", "find"]


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

EXTRAS: tuple[SceneEntry, ...] = ()


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
