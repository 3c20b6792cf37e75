"""The base scene: beats with narration, one opening and one closing for every scene.

A scene is a sequence of *beats*. Each beat is a named section (so
``--save_sections`` cuts the video there) and says one or more narration lines,
written once: the voice speaks them, they become the captions in the ``.srt``
(each cue on the sound of its sentence), the transcript in the lecture kit and
the text the tests check. The voice drives the timing: a line starts when it is
said and the animations after it play while it is heard; the next line waits for
the voice to finish, and so does the end of the beat, so the picture never runs
ahead of the words and the voice never talks over the next beat. When a beat
ends, the scene also

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
                self.play(FadeIn(Coin()))          # plays while the line is heard
            with self.beat("call"):
                self.say("Call it in the air.")    # one line ...
                self.play(FadeIn(bubble))
                with self.say("Heads: one bit of surprise.") as line:  # ... then the next
                    self.play(Indicate(coin), run_time=line.duration)

The voice is the scene's ``params.voice`` (``piper`` by default, ``espeak``, or
``none`` for captions timed by reading speed) at ``params.speaking_rate``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from manim import (
    DOWN,
    UP,
    Circumscribe,
    FadeIn,
    FadeOut,
    Mobject,
    Write,
    config,
    logger,
)
from manim.utils.exceptions import EndSceneEarlyException
from manim.utils.iterables import list_update

from infotheory.units import log_factor
from scenes.kit.camera import ExplainerCamera
from scenes.kit.cards import takeaway_banner, title_card
from scenes.kit.frames import renderer_for
from scenes.kit.layout import LayoutError, LayoutProblem, layout_problems
from scenes.kit.narration import Narrator, Utterance
from scenes.kit.partial import PartialRender
from scenes.kit.stage import Stage
from scenes.kit.text import Reading, plain_words, read_readouts
from scenes.render.scene_info import voice_cache_dir
from scenes.theme import Theme, current_theme
from scenes.voice.engines import DEFAULT_VOICE, ENGINES, engine_named
from scenes.voice.speech import Voice

__all__ = [
    "BeatRecord",
    "ExplainerScene",
    "SceneParams",
]

# Quiet after a beat's last sentence (on top of the sentence's own pause), so a
# beat never cuts mid-thought.
BEAT_BREATH = 0.3


@dataclass(frozen=True)
class SceneParams:
    """The example values a scene shows. Scenes subclass this with their own fields.

    Every field has a default, so ``Params()`` is the explainer as published.
    """

    unit: str = "bits"
    voice: str = DEFAULT_VOICE  # piper, espeak or none (captions only)
    speaking_rate: float = 1.0  # 1.0 is the voice's own pace

    def __post_init__(self) -> None:
        log_factor(self.unit)  # raises a ValueError that names a bad unit
        if self.voice not in ENGINES:
            raise ValueError(f"voice must be one of {', '.join(ENGINES)}, not {self.voice!r}")
        if not 0.5 <= self.speaking_rate <= 2.0:
            raise ValueError(f"speaking_rate must be from 0.5 to 2.0, not {self.speaking_rate!r}")


@dataclass
class BeatRecord:
    """What one beat said and showed: the tests read these.

    ``readings`` maps each keyed read-out on screen at the end of the beat to what it
    showed (label, number and unit as drawn, see :class:`~scenes.kit.text.Reading`);
    ``shown`` holds what the scene noted with :meth:`ExplainerScene.show`.
    """

    name: str
    start: float
    end: float = 0.0
    lines: list[Utterance] = field(default_factory=list)
    readings: dict[str, Reading] = field(default_factory=dict)
    problems: list[LayoutProblem] = field(default_factory=list)
    shown: dict[str, Any] = field(default_factory=dict)  # what the scene noted with show()

    @property
    def narration(self) -> str:
        """Everything the beat said, as written."""
        return " ".join(line.text for line in self.lines)

    @property
    def readouts(self) -> dict[str, tuple[float, str]]:
        """Each read-out's ``(value, drawn text)``: the short form of :attr:`readings`."""
        return {key: (r.value, r.text) for key, r in self.readings.items()}


def _layout_mode() -> str:
    mode = os.environ.get("EXPLAINER_LAYOUT", "warn")
    if mode not in ("error", "warn", "off"):
        raise ValueError(f"EXPLAINER_LAYOUT must be error, warn or off, not {mode!r}")
    return mode


def _midway_checks() -> bool:
    """``EXPLAINER_LAYOUT_MIDWAY=1``: in runs without pictures, also check the layout
    halfway through every animation, where transient collisions happen."""
    return os.environ.get("EXPLAINER_LAYOUT_MIDWAY", "0") == "1"


class _PlayStopped(EndSceneEarlyException):
    """Raised at the end of a beat when the scene's ``stop_after`` says the run has shown
    enough (a dry run that only needs the first beats; see :func:`scenes.dryrun.dry_run`).
    Manim ends the scene there as it does at a last animation asked for."""


class ExplainerScene(PartialRender):
    """A scene of the explainer: opening, the scene's beats, closing.

    Class attributes a scene sets:

    ``Params``   its :class:`SceneParams` subclass (the example values).
    ``hook``     one line spoken as the scene opens, over the title and then the
                 first picture (:meth:`prelude`).
    ``takeaway`` one line said at the end and shown in a banner over the live
                 picture (:meth:`takeaway_line` may compute it, e.g. with the unit;
                 :meth:`takeaway_formula` adds maths under it).

    Methods a scene may override: :meth:`body` (required), :meth:`prelude` (the first
    picture, drawn while the hook is said) and :meth:`finale` (what the picture does
    while the takeaway is said; by default the ``focus`` is circled).
    """

    Params: ClassVar[type[SceneParams]] = SceneParams
    hook: ClassVar[str] = ""
    takeaway: ClassVar[str] = ""
    # Plain `manim` runs let manim add the narration to the video; the explainer's
    # renderer turns this off and muxes the track into the video and every section
    # clip itself (scenes/render/sound.py).
    manim_adds_voice: ClassVar[bool] = True

    params: SceneParams
    theme: Theme
    # Asked at the end of every beat, given the scene; true stops the run there.
    stop_after: Callable[[ExplainerScene], bool] | None = None

    # -- lifecycle -----------------------------------------------------------

    def __init__(self, *args, camera_class: type = ExplainerCamera, **kwargs) -> None:
        # The faster camera draws the same frames; see scenes/kit/camera.py. The
        # renderer writes held frames almost for free; see scenes/kit/frames.py.
        if not args and kwargs.get("renderer") is None:
            kwargs["renderer"] = renderer_for(camera_class, kwargs.get("skip_animations", False))
        # A fixed seed: every render of a scene, whole or split, draws the same numbers.
        kwargs.setdefault("random_seed", config.seed if config.seed is not None else 0)
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
        self._leaving: Mobject | None = None
        self.stage = Stage.for_theme(self.theme)
        self.focus: Mobject | None = None  # what the takeaway points at (see finale)
        self.midway_checks = _midway_checks()
        engine = engine_named(self.params.voice)
        engine.check()  # a missing voice stops here, saying how to install it
        self.narrator = Narrator(
            Voice(engine, self.params.speaking_rate, cache_dir=voice_cache_dir())
        )
        self.voice_track: Path | None = None
        self.layout_mode = _layout_mode()
        # EXPLAINER_STILLS=<dir> saves the last frame of every beat there.
        stills = os.environ.get("EXPLAINER_STILLS")
        self.still_dir: Path | None = Path(stills) if stills else None

    def construct(self) -> None:
        self.opening()
        self.body()
        self.closing()
        self._attach_voice()

    def body(self) -> None:
        """The scene's own beats. Subclasses write this."""
        raise NotImplementedError(f"{type(self).__name__} must define body()")

    def prelude(self) -> None:
        """The first picture, drawn while the hook is said (the title card makes way for
        it in the first animation played here). Default: nothing."""

    def finale(self) -> None:
        """While the takeaway is said: by default, circle the ``focus`` the scene set."""
        if self.focus is not None:
            self.play(Circumscribe(self.focus, color=self.theme.color.highlight, run_time=1.5))

    def show(self, key: str, value: Any) -> Any:
        """Note what this beat shows (a mobject, a number, a layout fact) for the tests,
        which read it back as ``scene.beat_record(name).shown[key]``; returns ``value``."""
        if self._beat is None:
            raise RuntimeError("show() belongs inside a beat")
        self._beat.shown[key] = value
        return value

    def shown(self, key: str) -> Any:
        """The last value noted under ``key`` by :meth:`show`, in any beat."""
        for record in reversed(self.beats):
            if key in record.shown:
                return record.shown[key]
        raise KeyError(f"{type(self).__name__} showed nothing under {key!r}")

    def play(self, *animations, **kwargs) -> None:
        """manim's ``play``; what is making way (the title card) leaves with these animations."""
        if self._leaving is not None:
            leaving, self._leaving = self._leaving, None
            # Quickly, so the title is gone before the new picture is half drawn.
            animations = (*animations, FadeOut(leaving, shift=0.5 * UP, run_time=0.5))
        super().play(*animations, **kwargs)

    def play_internal(self, skip_rendering: bool = False) -> None:
        if self.midway_checks and self.renderer.skip_animations and self.animations:
            self.update_to_time(self.get_run_time(self.animations) / 2)
            self._check_midway()
        super().play_internal(skip_rendering)

    @property
    def unit(self) -> str:
        """The information unit the scene shows (bits unless asked otherwise)."""
        return self.params.unit

    # -- beats ---------------------------------------------------------------

    @contextmanager
    def beat(
        self, name: str, narration: str | None = None, *, spoken: str | None = None
    ) -> Iterator[BeatRecord]:
        """One named section. Use as ``with self.beat(name, narration):``.

        ``narration`` is said as the beat starts (``spoken`` gives its spoken form when
        the automatic one would not do); a beat may say more with :meth:`say`, and
        must say something. The beat ends when its animations have played and the
        voice has finished.
        """
        if self._beat is not None:
            raise RuntimeError(f"beat {name!r} started inside beat {self._beat.name!r}")
        if narration is not None and not narration.strip():
            raise ValueError(f"beat {name!r}: the narration line is empty")
        if any(b.name == name for b in self.beats):
            raise ValueError(f"{type(self).__name__} has two beats named {name!r}")
        # A render split across processes draws only some beats (scenes/kit/partial.py).
        self.next_section(name, skip_animations=not self.beat_is_drawn(len(self.beats)))
        record = BeatRecord(name, start=self.time)
        self._beat = record
        try:
            if narration is not None:
                self.say(narration, spoken=spoken)
            yield record
            if not record.lines:
                raise ValueError(
                    f"beat {name!r} said nothing: give it a narration line or call self.say()"
                )
            self.wait_for_voice(BEAT_BREATH)
        finally:
            self._beat = None
        record.end = self.time
        record.readings = read_readouts(self.mobjects)
        self._check_layout(record)
        self.beats.append(record)
        if self.still_dir is not None:
            self.save_still(self.still_dir / f"{len(self.beats):02d}-{record.name}.png")
        if self.stop_after is not None and self.stop_after(self):
            raise _PlayStopped(record.name)

    def say(self, text: str, *, spoken: str | None = None) -> Utterance:
        """Say ``text`` now, once the voice has finished its previous line.

        The animations played after this call run while the line is heard; use it as
        ``with self.say(text) as line:`` to group them, with ``line.duration`` as a
        ``run_time`` to fill the sentence. ``spoken`` replaces the automatic spoken
        form (:func:`scenes.voice.spoken.spoken_form`) sentence for sentence.
        """
        if self._beat is None:
            raise RuntimeError("say() belongs inside a beat: with self.beat(name): self.say(...)")
        plain_words(text, f"{type(self).__name__}, beat {self._beat.name!r}: the narration")
        self.wait_for_voice()
        line = self.narrator.place(text, self.time, spoken)
        for cue, start, end in line.cues():
            self.add_subcaption(cue, duration=end - start, offset=start - self.time)
        self._beat.lines.append(line)
        return line

    def wait_for_voice(self, breath: float = 0.0) -> None:
        """Hold the picture until the voice is free (plus ``breath`` seconds).

        A render's clock moves in whole frames and a still ``wait`` writes only
        ``int(duration * fps)`` of them, so the wait is rounded *up* to whole frames:
        otherwise the next line could start a fraction of a frame before the voice is
        free. (Dry runs, whose clock is exact, wait the same rounded time.)
        """
        frame = 1 / config.frame_rate
        frames = math.ceil((self.narrator.free_at + breath - self.time) / frame - 1e-6)
        if frames > 0:
            # A hundredth of a frame over, so int(duration * fps) cannot lose a frame.
            self.wait((frames + 0.01) * frame)

    def _attach_voice(self) -> None:
        """Mix the narration into one mastered track and add it to the video.

        Dry runs skip this: they draw no picture, so they make no sound either. Of the
        units of a split render, the one that draws the first beat makes the whole track
        (every line was placed); the join takes its track only.
        """
        if self.renderer.skip_animations and self.drawn_beats is None:
            return
        if not self.beat_is_drawn(0):
            return
        track = Path(config.media_dir) / "narration" / f"{type(self).__name__}.wav"
        self.voice_track = self.narrator.write_track(track, self.time)
        if self.voice_track is not None and self.manim_adds_voice:
            self.add_sound(str(self.voice_track), time_offset=-self.time)

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
        self._report(record.problems, f"end of beat {record.name!r}")

    def _check_midway(self) -> None:
        """The layout halfway through the animations being played. What is leaving (a
        fade-out, the title card) may cross anything on its way out."""
        if self.layout_mode == "off":
            return
        leaving = [a.mobject for a in self.animations if getattr(a, "remover", False)]
        # Sizes are skipped: anything growing in or shrinking away is small for a moment;
        # and so is text on a bar: bars growing or morphing pass under labels on their way.
        problems = [
            p
            for p in layout_problems(self.mobjects, self.theme, passing=leaving)
            if p.kind not in ("too-small", "on-bar")
        ]
        where = self._beat.name if self._beat is not None else "the scene"
        names = ", ".join(type(a).__name__ for a in self.animations)
        self._report(problems, f"halfway through {names} in beat {where!r}")

    def _report(self, problems: list[LayoutProblem], where: str) -> None:
        if not problems:
            return
        report = f"{type(self).__name__}, {where}:\n" + "\n".join(f"  - {p}" for p in problems)
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
        """The title, briefly, while the hook is said; then the first picture (:meth:`prelude`)."""
        from scenes.registry import SCENES

        entry = self.entry
        title = entry.title if entry else type(self).__name__
        kicker = f"Part {entry.part} of {len(SCENES)}" if entry and entry.part else "Extra"
        card = title_card(kicker, title)
        with self.beat("opening", self.hook or title):
            self.play(
                FadeIn(card[0], shift=0.2 * DOWN), Write(card[1]), FadeIn(card[2]), run_time=0.9
            )
            self.wait(0.6)
            # The card leaves with the prelude's first animation (or the first beat's).
            self._leaving = card
            self.prelude()

    def takeaway_line(self) -> str:
        """The takeaway as said and captioned (plain words; override to use the unit)."""
        return self.takeaway

    def takeaway_formula(self) -> str | None:
        """Typst maths shown under the takeaway line in the banner (``None``: none)."""
        return None

    def closing(self) -> None:
        """The takeaway in a banner over the live picture, and what comes next."""
        line = self.takeaway_line() or "That is the idea."
        banner = takeaway_banner(line, self.takeaway_formula(), self._next_title())
        self.stage.header.place(banner, align=UP)
        covered = [m for m in self.mobjects if _overlaps(m, banner)]
        with self.beat("takeaway", line):
            # It grows in place: sliding in from above would cross the frame's safe edge.
            self.play(FadeIn(banner, scale=0.96), *(FadeOut(m) for m in covered), run_time=0.8)
            self.finale()

    def _next_title(self) -> str | None:
        from scenes.registry import SCENES

        entry = self.entry
        if entry is None or entry.part is None or entry.part >= len(SCENES):
            return None
        return SCENES[entry.part].title


def _overlaps(a: Mobject, b: Mobject) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` intersect (in x and y, as manim's
    ``get_left`` and the like measure them: by the points defining the boundary)."""
    if not any(m.has_points() for m in a.get_family()):
        return False
    # One pass over each family, not one per edge: the closing meets every mobject.
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    return bool((alo[:2] < bhi[:2]).all() and (blo[:2] < ahi[:2]).all())


def _bounds(mob: Mobject) -> tuple[np.ndarray, np.ndarray]:
    points = mob.get_points_defining_boundary()
    return points.min(axis=0), points.max(axis=0)
