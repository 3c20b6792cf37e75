"""What a scene says and shows, from a dry run: narration, beats and key formulas.

The transcript, the chapter descriptions and the page's "key formulas" all come
from the scene itself, played without drawing (:func:`scenes.dryrun.dry_run`).
Key formulas are the :class:`~scenes.kit.text.Formula` mobjects the scene puts on
screen that state a relation (an ``=``, ``<``, ``≈``...), caught as they are
added, leaving out the labels of read-outs (``S(1/2) = 1.000 bits``) and of axes
(``p``). Each is drawn once more on its own, in the theme's colours, as a PNG.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scenes.params import params_for
from scenes.registry import SceneEntry
from scenes.render.atomic import write_text_atomic

__all__ = [
    "BeatNote",
    "FormulaNote",
    "SceneNotes",
    "collect_notes",
    "gather_notes",
    "is_key_formula",
    "plain_formula",
    "readable_formula",
    "render_card",
    "render_formula",
]

# Part of the cache key: bump when what a dry run collects changes.
NOTES_VERSION = "notes-2"
# An innermost colour group: {{ body : label }} with no group inside the body.
_GROUP = re.compile(r"\{\{\s*((?:(?!\{\{|\}\}).)*?)\s*:\s*[A-Za-z_]\w*\s*\}\}")
_RELATION = re.compile(r"[=<>≠≤≥≈]|\b(approx|prop|eq)\b")
# Typst maths as text a screen reader (or a person) reads well.
_WORDS = {
    "quad": " ",
    "sum": "Σ",
    "prod": "Π",
    "approx": "≈",
    "infinity": "∞",
    "dot": "·",
    "times": "×",
    **{
        name: chr(code)
        for name, code in (
            ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4),
            ("epsilon", 0x3B5), ("theta", 0x3B8), ("lambda", 0x3BB), ("mu", 0x3BC),
            ("pi", 0x3C0), ("sigma", 0x3C3), ("phi", 0x3C6),
        )
    },
}  # fmt: skip
_SYMBOLS = (("!=", "≠"), (">=", "≥"), ("<=", "≤"), ("||", "‖"), ("->", "→"), ("=>", "⇒"))
_SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class BeatNote:
    name: str
    narration: str
    start: float
    end: float


@dataclass(frozen=True)
class FormulaNote:
    expression: str  # Typst maths in the kit's group syntax
    beat: str | None  # the beat during which it first appeared

    @property
    def text(self) -> str:
        """The formula as readable text, for alt text: ``S(p) = log₂ 1/p``."""
        return readable_formula(self.expression)


@dataclass(frozen=True)
class SceneNotes:
    title: str
    hook: str
    takeaway: str
    beats: tuple[BeatNote, ...]
    formulas: tuple[FormulaNote, ...]

    def beat(self, name: str) -> BeatNote | None:
        return next((b for b in self.beats if b.name == name), None)


def plain_formula(expression: str) -> str:
    """``{{ S(p) : surprise }} = log_2 1/{{ p : p }}`` as the Typst ``S(p) = log_2 1/p``."""
    while True:
        stripped = _GROUP.sub(r"\1", expression)
        if stripped == expression:
            return " ".join(stripped.split())
        expression = stripped


def readable_formula(expression: str) -> str:
    """A formula as text: quotes, ``quad``, Greek names and digit subscripts made plain.

    ``"KL"(p || q) >= 0 quad "only when" quad q = p`` reads
    ``KL(p ‖ q) ≥ 0 only when q = p``.
    """
    text = plain_formula(expression)
    text = re.sub(r'"([^"]*)"', r"\1", text)
    for typed, symbol in _SYMBOLS:
        text = text.replace(typed, symbol)
    text = re.sub(
        r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", lambda m: _WORDS.get(m.group(), m.group()), text
    )
    text = re.sub(r"_(\d+)", lambda m: m.group(1).translate(_SUBSCRIPT_DIGITS), text)
    text = re.sub(r"\^\((\w+)\)", r"^\1", text)
    return " ".join(text.split())


def is_key_formula(expression: str) -> bool:
    """Whether a formula states something: a relation with something on either side.

    ``H(p) = 1`` and ``KL(p || q) >= 0`` do; ``p`` (an axis label) and a lone
    ``>`` (half of a comparison being built) do not.
    """
    text = plain_formula(expression)
    match = _RELATION.search(text)
    return bool(
        match and re.search(r"\w", text[: match.start()]) and re.search(r"\w", text[match.end() :])
    )


def _formulas_in(mobject) -> list:
    """The Formulas in ``mobject``'s family, outside read-outs."""
    from scenes.kit.text import Formula, Readout

    if isinstance(mobject, Readout):
        return []
    found = [mobject] if isinstance(mobject, Formula) else []
    for sub in mobject.submobjects:
        found.extend(_formulas_in(sub))
    return found


def _collecting(cls: type) -> type:
    """``cls`` with an ``add`` that notes every key formula put on screen, in order."""

    def add(self, *mobjects):
        seen = self.__dict__.setdefault("_lecture_formulas", {})
        beat = getattr(self, "_beat", None)
        for mobject in mobjects:
            for formula in _formulas_in(mobject):
                expression = formula.expression
                if expression not in seen and is_key_formula(expression):
                    seen[expression] = beat.name if beat is not None else None
        return super(collector, self).add(*mobjects)

    collector = type(cls.__name__, (cls,), {"add": add, "__module__": cls.__module__})
    return collector


def collect_notes(entry: SceneEntry, overrides: Mapping[str, Any] | None = None) -> SceneNotes:
    """Dry-run ``entry``'s scene (with parameter ``overrides``, dotted paths) and return
    its narration, beats and formulas."""
    from scenes.dryrun import dry_run

    cls = entry.load()
    params = params_for(cls, overrides) if overrides else None  # None: the scene's defaults
    scene = dry_run(_collecting(cls), params, layout="off")
    formulas = getattr(scene, "_lecture_formulas", {})
    return SceneNotes(
        title=entry.title,
        hook=cls.hook,
        takeaway=cls.takeaway,
        beats=tuple(BeatNote(b.name, b.narration, b.start, b.end) for b in scene.beats),
        formulas=tuple(FormulaNote(e, beat) for e, beat in formulas.items()),
    )


def _to_json(notes: SceneNotes) -> str:
    return json.dumps(asdict(notes), ensure_ascii=False)


def _from_json(text: str) -> SceneNotes:
    data = json.loads(text)
    return SceneNotes(
        title=data["title"],
        hook=data["hook"],
        takeaway=data["takeaway"],
        beats=tuple(BeatNote(**b) for b in data["beats"]),
        formulas=tuple(FormulaNote(**f) for f in data["formulas"]),
    )


def gather_notes(
    entries: Iterable[SceneEntry],
    *,
    key: Callable[[SceneEntry], str | None] | None = None,
    cache: Path | None = None,
    progress: Callable[[str], None] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, SceneNotes]:
    """Every entry's notes by stem, from ``cache`` when ``key(entry)`` was seen before.

    A dry run costs seconds per scene; the key (the scene's source hash) changes
    whenever anything the scene depends on does, so a cached answer is never stale.
    ``overrides`` maps a slug to that scene's parameter overrides (the key must
    cover them too).
    """
    overrides = overrides or {}
    found: dict[str, SceneNotes] = {}
    for entry in entries:
        name = key(entry) if key is not None and cache is not None else None
        path = cache / f"{NOTES_VERSION}-{name[:32]}.json" if name else None
        if path is not None and path.exists():
            try:
                found[entry.stem] = _from_json(path.read_text(encoding="utf-8"))
                continue
            except (OSError, ValueError, KeyError, TypeError):
                pass
        if progress:
            progress(f"{entry.stem}: dry run for the narration and formulas")
        scene_overrides = overrides.get(entry.slug)
        found[entry.stem] = notes = collect_notes(entry, scene_overrides)
        if path is not None:
            with suppress(OSError):  # a cache that cannot be written only costs time
                write_text_atomic(path, _to_json(notes))
    return found


def render_formula(expression: str, dst: Path, pixels_per_unit: int = 160) -> Path:
    """Draw ``expression`` as a Formula on the theme's background into a PNG at ``dst``."""
    from manim import tempconfig

    from scenes.dryrun import typst_settings
    from scenes.kit.camera import picture_of
    from scenes.kit.text import Formula

    with tempconfig(typst_settings()):
        image = picture_of(Formula(expression), pixels_per_unit=pixels_per_unit)
    dst.parent.mkdir(parents=True, exist_ok=True)
    image.save(dst, format="PNG", optimize=True)
    return dst


def render_card(kicker: str, title: str, subtitle: str, dst: Path, width: int, height: int) -> Path:
    """A title card like the scenes' own, ``width`` x ``height`` pixels, as a PNG."""
    from manim import tempconfig
    from manim.camera.camera import Camera

    from scenes.dryrun import typst_settings
    from scenes.kit.cards import title_card
    from scenes.theme import current_theme

    theme = current_theme()
    frame_height = 8.0
    frame_width = frame_height * width / height
    with tempconfig(typst_settings()):
        whole = title_card(kicker, title, subtitle)
        camera = Camera(
            pixel_width=width,
            pixel_height=height,
            frame_width=frame_width,
            frame_height=frame_height,
            background_color=theme.color.background,
            background_opacity=1,
        )
        camera.capture_mobjects(whole.get_family())
        image = camera.get_image().convert("RGB")
    dst.parent.mkdir(parents=True, exist_ok=True)
    image.save(dst, format="PNG", optimize=True)
    return dst
