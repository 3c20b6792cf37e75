"""The base scene: beats with narration, one opening and one closing for every scene.

A scene is a sequence of *beats*. Each beat is a named section (so
``--save_sections`` cuts the video there) and carries one narration line, written
once: it becomes the beat's captions in the ``.srt``, the transcript in the
lecture kit and the text the tests check. When a beat ends, the scene

- holds the picture until the narration has had time to be read,
- runs the layout check (:mod:`scenes.kit.layout`),
- records what the beat showed (each keyed read-out's label, number and unit, as
  drawn) for the tests.

A new scene subclasses :class:`ExplainerScene`, sets ``hook`` and ``takeaway``
and writes :meth:`~ExplainerScene.body`::

    class MyScene(ExplainerScene):
        hook = "What is a bit?"
        takeaway = "One bit halves the possibilities."

        def body(self):
            with self.beat("coin", "A fair coin has two equally likely sides."):
                self.play(FadeIn(Coin()))
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Line,
    Scene,
    VGroup,
    Write,
    logger,
)
from manim.utils.iterables import list_update

from infotheory.units import log_factor
from scenes.kit.camera import ExplainerCamera
from scenes.kit.captions import reading_time, split_cues, time_cues
from scenes.kit.cards import title_card
from scenes.kit.layout import LayoutError, LayoutProblem, layout_problems
from scenes.kit.text import Shown, Txt, read_readouts
from scenes.theme import Theme, current_theme

__all__ = [
    "BeatRecord",
    "ExplainerScene",
    "SceneParams",
]

# Pause after the narration has been read, so a beat never cuts mid-thought.
BEAT_BREATH = 0.6


@dataclass(frozen=True)
class SceneParams:
    """The example values a scene shows. Scenes subclass this with their own fields.

    Every field has a default, so ``Params()`` is the explainer as published.
    """

    unit: str = "bits"

    def __post_init__(self) -> None:
        log_factor(self.unit)  # raises a ValueError that names a bad unit


@dataclass
class BeatRecord:
    """What one beat said and showed: the tests read these.

    ``shown`` maps each keyed read-out on screen at the end of the beat to what it
    showed (label, number and unit as drawn, see :class:`~scenes.kit.text.Shown`).
    """

    name: str
    narration: str
    start: float
    end: float = 0.0
    shown: dict[str, Shown] = field(default_factory=dict)
    problems: list[LayoutProblem] = field(default_factory=list)

    @property
    def readouts(self) -> dict[str, tuple[float, str]]:
        """Each read-out's ``(value, drawn text)``: the short form of :attr:`shown`."""
        return {key: (s.value, s.text) for key, s in self.shown.items()}


def _layout_mode() -> str:
    mode = os.environ.get("EXPLAINER_LAYOUT", "warn")
    if mode not in ("error", "warn", "off"):
        raise ValueError(f"EXPLAINER_LAYOUT must be error, warn or off, not {mode!r}")
    return mode


class ExplainerScene(Scene):
    """A scene of the explainer: opening, the scene's beats, closing.

    Class attributes a scene sets:

    ``Params``   its :class:`SceneParams` subclass (the example values).
    ``hook``     one line spoken over the title card.
    ``takeaway`` one line left on screen at the end.
    """

    Params: ClassVar[type[SceneParams]] = SceneParams
    hook: ClassVar[str] = ""
    takeaway: ClassVar[str] = ""

    params: SceneParams
    theme: Theme

    # -- lifecycle -----------------------------------------------------------

    def __init__(self, *args, camera_class: type = ExplainerCamera, **kwargs) -> None:
        # The faster camera draws the same frames; see scenes/kit/camera.py.
        super().__init__(*args, camera_class=camera_class, **kwargs)

    def setup(self) -> None:
        self.theme = current_theme()
        self.camera.background_color = self.theme.color.background
        if getattr(self, "params", None) is None:
            self.params = self.Params()
        elif not isinstance(self.params, self.Params):
            raise TypeError(
                f"{type(self).__name__}.params must be a {self.Params.__name__}, "
                f"not {type(self.params).__name__}"
            )
        self.beats: list[BeatRecord] = []
        self._beat: BeatRecord | None = None
        self._leaving: VGroup | None = None
        self.layout_mode = _layout_mode()
        # EXPLAINER_STILLS=<dir> saves the last frame of every beat there.
        stills = os.environ.get("EXPLAINER_STILLS")
        self.still_dir: Path | None = Path(stills) if stills else None

    def construct(self) -> None:
        self.opening()
        self.body()
        self.closing()

    def body(self) -> None:
        """The scene's own beats. Subclasses write this."""
        raise NotImplementedError(f"{type(self).__name__} must define body()")

    @property
    def unit(self) -> str:
        """The information unit the scene shows (bits unless asked otherwise)."""
        return self.params.unit

    # -- beats ---------------------------------------------------------------

    @contextmanager
    def beat(self, name: str, narration: str) -> Iterator[BeatRecord]:
        """One named section with its narration line. Use as ``with self.beat(...):``."""
        if self._beat is not None:
            raise RuntimeError(f"beat {name!r} started inside beat {self._beat.name!r}")
        if not narration.strip():
            raise ValueError(f"beat {name!r} needs a narration line")
        if any(b.name == name for b in self.beats):
            raise ValueError(f"{type(self).__name__} has two beats named {name!r}")
        self.next_section(name)
        record = BeatRecord(name, " ".join(narration.split()), start=self.time)
        self._beat = record
        if self._leaving is not None:
            self.play(FadeOut(self._leaving, shift=0.4 * UP), run_time=0.6)
            self._leaving = None
        try:
            yield record
            spent = self.time - record.start
            needed = reading_time(record.narration) + BEAT_BREATH
            if spent < needed:
                self.wait(needed - spent)
        finally:
            self._beat = None
        record.end = self.time
        for cue, start, end in time_cues(split_cues(record.narration), record.start, record.end):
            self.add_subcaption(cue, duration=end - start, offset=start - self.time)
        record.shown = read_readouts(self.mobjects)
        self._check_layout(record)
        self.beats.append(record)
        if self.still_dir is not None:
            self.save_still(self.still_dir / f"{len(self.beats):02d}-{record.name}.png")

    def save_still(self, path: Path) -> Path:
        """Draw the current frame (even when animations are skipped) and save it as a PNG."""
        # Straight to the camera, as the renderer would with no static frame: a dry
        # run's renderer draws nothing while it skips (scenes/dryrun.py).
        self.camera.reset()
        self.camera.capture_mobjects(list_update(self.mobjects, self.foreground_mobjects))
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.part")
        self.camera.get_image().save(partial, format="PNG")
        partial.replace(path)  # never a half-written poster at the final path
        return path

    def beat_record(self, name: str) -> BeatRecord:
        """The record of the finished beat called ``name``."""
        for record in self.beats:
            if record.name == name:
                return record
        raise KeyError(
            f"{type(self).__name__} has no beat {name!r}; beats: {[b.name for b in self.beats]}"
        )

    def _check_layout(self, record: BeatRecord) -> None:
        if self.layout_mode == "off":
            return
        record.problems = layout_problems(self.mobjects, self.theme)
        if not record.problems:
            return
        report = f"{type(self).__name__}, end of beat {record.name!r}:\n" + "\n".join(
            f"  - {p}" for p in record.problems
        )
        if self.layout_mode == "error":
            raise LayoutError(report)
        logger.warning("Layout: %s", report)

    # -- opening and closing: the same for every scene ------------------------

    @property
    def entry(self):
        """This scene's line in the registry (part, slug, title), if it is listed."""
        from scenes.registry import entry_for

        return entry_for(type(self))

    def opening(self) -> None:
        """Title card: the part number, the title and the hook."""
        from scenes.registry import SCENES

        entry = self.entry
        title = entry.title if entry else type(self).__name__
        kicker = f"Part {entry.part} of {len(SCENES)}" if entry and entry.part else "Extra"
        card = title_card(kicker, title, self.hook or None)
        with self.beat("opening", self.hook or title):
            self.play(FadeIn(card[0], shift=0.2 * DOWN), Write(card[1]), run_time=1.2)
            self.play(Create(card[2]), *(FadeIn(m, shift=0.1 * UP) for m in card[3:]), run_time=0.8)
        # The card leaves at the start of the first beat, so every section ends on a picture.
        self._leaving = card

    def closing(self) -> None:
        """Clear the stage and leave the takeaway on screen, with what comes next."""
        # Mirrors the title card: small kicker, the line itself, a rule, then what is next.
        kicker = Txt("KEY IDEA", "label", "muted")
        takeaway = Txt(self.takeaway or "", "heading", width=11, align="center")
        card = VGroup(kicker, takeaway).arrange(DOWN, buff=0.35)
        rule = Line(LEFT, RIGHT, color=self.theme.color.highlight, stroke_width=2)
        rule.scale_to_fit_width(min(takeaway.width, 4.0)).next_to(card, DOWN, buff=0.35)
        card.add(rule)
        following = self._next_title()
        if following:
            card.add(Txt(f"Next: {following}", "label", "muted").next_to(rule, DOWN, buff=0.5))
        card.move_to(ORIGIN)
        with self.beat("takeaway", self.takeaway or "That is the idea."):
            if self.mobjects:
                self.play(*(FadeOut(m) for m in self.mobjects), run_time=0.8)
            self.play(FadeIn(card[:2], shift=0.2 * UP), run_time=1.0)
            self.play(Create(rule), *(FadeIn(m) for m in card[3:]), run_time=0.6)

    def _next_title(self) -> str | None:
        from scenes.registry import SCENES

        entry = self.entry
        if entry is None or entry.part is None or entry.part >= len(SCENES):
            return None
        return SCENES[entry.part].title
