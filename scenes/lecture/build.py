"""The lecture kit folder, from rendered scenes.

:func:`build_kit` takes what the renderer produced for each scene (its mp4,
manim's ``.srt`` of subcaptions and the sections JSON of ``--save_sections``) and
writes::

    DIR/index.html                       the page (works from file:// and any server)
    DIR/notes.html                       presenter mode's notes window
    DIR/assets/lecture.css, lecture.js, notes.js  their only style sheet and scripts
    DIR/scenes/NN-slug.mp4 / .webm       each scene, with its sections as chapters
    DIR/scenes/NN-slug.png               its poster (the title card)
    DIR/scenes/NN-slug.sections/KK-name.png  the last frame of each section
    DIR/scenes/NN-slug.srt / .vtt        its captions
    DIR/scenes/NN-slug.chapters.vtt      its sections as a WebVTT chapters track
    DIR/scenes/NN-slug.captioned.mp4     with ``burn_captions=True``: the captions in the picture
    DIR/scenes/NN-slug.txt               its narration sentence by sentence, timed by the voice
    DIR/formulas/NN-slug-K.png           its key formulas
    DIR/full/<name>.mp4 (+ .srt .vtt .chapters.vtt .txt .png)
                                         every scene joined, one chapter per scene
    DIR/handouts/NN-slug.pdf, <name>.pdf with ``handout=True``: each scene's sections
                                         on A4 (last frame, narration, key formulas),
                                         and every part's in one

The folder is rebuilt from scratch on every run; a folder that is not empty and
was not written by this function is never touched.
"""

from __future__ import annotations

import shutil
import tempfile
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from webvtt import WebVTT

from scenes.lecture import captions as cap
from scenes.lecture import media
from scenes.lecture.chapters import (
    Chapter,
    Section,
    chapters_between,
    chapters_vtt,
    read_sections_json,
    scene_bounds,
    scene_chapters,
    section_bounds,
    section_chapters,
    section_title,
)
from scenes.lecture.notes import SceneNotes
from scenes.lecture.timing import clock, offsets_ms, to_ms
from scenes.lecture.transcript import Block, Line, by_section, lines_from_cues, transcript
from scenes.registry import SCENES, SceneEntry
from scenes.render.atomic import partial_file

__all__ = [
    "FULL_NAME",
    "KIT_TITLE",
    "MARKER",
    "FullKit",
    "Kit",
    "KitError",
    "SceneKit",
    "SceneRender",
    "build_handouts",
    "build_kit",
    "scene_kit",
]

KIT_TITLE = "Information theory, animated"
FULL_NAME = "information-theory-animated"
MARKER = ".explainer-lecture-kit"
MANAGED = ("index.html", "notes.html", "assets", "scenes", "full", "formulas", "handouts", MARKER)


class KitError(RuntimeError):
    """The kit cannot be built from what was given."""


@dataclass(frozen=True)
class SceneRender:
    """One rendered scene, as the renderer hands it over."""

    entry: SceneEntry
    video: Path  # the scene's mp4
    captions: Path | None = None  # manim's .srt of the subcaptions
    sections: Path | None = None  # manim's sections JSON (--save_sections)


@dataclass
class SceneKit:
    """What the kit holds for one scene: the page is written from these."""

    entry: SceneEntry
    notes: SceneNotes
    info: media.VideoInfo
    sections: list[Section]
    bounds: list[Fraction]  # exact start of each section, then the end of the video
    chapters: list[Chapter]
    captions: WebVTT
    chapter_track: WebVTT
    lines: list[list[Line]] = field(default_factory=list)  # each section's sentences
    stills: list[str] = field(default_factory=list)  # each section's last frame, in the kit
    files: dict[str, str] = field(default_factory=dict)  # kind -> path in the kit
    formulas: list[tuple[str, str]] = field(default_factory=list)  # (plain text, png path)

    @property
    def heading(self) -> str:
        part = self.entry.part
        return f"Part {part}: {self.entry.title}" if part is not None else self.entry.title

    def description(self, chapter: Chapter, index: int) -> str:
        """A chapter's narration (its beat's line), for the page's chapter list."""
        name = self.sections[index].name if index < len(self.sections) else None
        beat = self.notes.beat(name) if name else None
        return beat.narration if beat else ""


@dataclass
class FullKit:
    """The joined explainer: one chapter per scene, and the scenes' sections within."""

    title: str
    duration_ms: int
    chapters: list[Chapter]
    sections: list[list[Chapter]]  # per scene, in the full video's time
    captions: WebVTT
    chapter_track: WebVTT
    fps: Fraction
    width: int
    height: int
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Kit:
    out: Path
    scenes: list[SceneKit]
    full: FullKit | None

    @property
    def index(self) -> Path:
        return self.out / "index.html"


NotesFor = Callable[[SceneEntry], SceneNotes]


def _default_notes(entry: SceneEntry) -> SceneNotes:
    from scenes.lecture.notes import collect_notes

    return collect_notes(entry)


def _default_formula(expression: str, dst: Path) -> Path:
    from scenes.lecture.notes import render_formula

    return render_formula(expression, dst)


def _default_card(kicker: str, title: str, subtitle: str, dst: Path, w: int, h: int) -> Path:
    from scenes.lecture.notes import render_card

    return render_card(kicker, title, subtitle, dst, w, h)


CardMaker = Callable[[str, str, str, Path, int, int], Path]


def prepare_out(out: Path) -> None:
    """Empty ``out`` of a previous kit; refuse a folder that holds anything else."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise KitError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise KitError(
                f"{out} is not empty and holds no lecture kit; give an empty or new folder"
            )
        for name in MANAGED:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by `explainer lecture`; rebuilt from scratch each run.\n")


def _sections_for(render: SceneRender, notes: SceneNotes, info: media.VideoInfo) -> list[Section]:
    """The scene's sections in frames: from manim's JSON, else from the dry run's beats."""
    if render.sections is not None and Path(render.sections).exists():
        sections = read_sections_json(render.sections)
        if sum(s.frames for s in sections) == info.frames:
            return sections
    if notes.beats:
        # The first frame shown at or after each beat's start (within half a frame).
        slack = 1 / (2 * info.fps) if info.fps else Fraction(0)
        starts = [bisect_left(info.frame_times, Fraction(b.start) - slack) for b in notes.beats]
        starts[0] = 0
        ends = [*starts[1:], info.frames]
        return [
            Section(b.name, max(0, e - a))
            for b, a, e in zip(notes.beats, starts, ends, strict=True)
        ]
    return [Section(render.entry.slug, info.frames)]


def _captions_for(render: SceneRender, notes: SceneNotes, info: media.VideoInfo) -> WebVTT:
    """manim's subcaptions, clamped to the video; one cue per beat if there are none."""
    if render.captions is not None and Path(render.captions).exists():
        return cap.clamp(cap.read_srt(render.captions), info.duration_ms)
    from webvtt import Caption
    from webvtt.models import Timestamp

    cues = [
        Caption(
            str(Timestamp.from_seconds(to_ms(Fraction(b.start)) / 1000)),
            str(Timestamp.from_seconds(to_ms(Fraction(b.end)) / 1000)),
            b.narration,
        )
        for b in notes.beats
    ]
    return cap.clamp(WebVTT(captions=cues), info.duration_ms)


def _scene_blocks(kit: SceneKit, offset_ms: int = 0, chapters=None) -> list[Block]:
    """The scene's sections as transcript blocks, placed ``offset_ms`` into a longer video."""
    return [
        Block(c.start_ms, c.title, lines, offset_ms)
        for c, lines in zip(chapters or kit.chapters, kit.lines, strict=True)
    ]


def scene_kit(render: SceneRender, notes: SceneNotes) -> SceneKit:
    """What the kit knows of one rendered scene (its video probed; no file written)."""
    entry = render.entry
    info = media.probe(render.video)
    sections = _sections_for(render, notes, info)
    titles = {b.name: _beat_title(b.name, entry) for b in notes.beats}
    bounds = section_bounds(sections, info.frame_times, info.duration)
    chapters = section_chapters(sections, bounds, titles)
    captions = _captions_for(render, notes, info)
    kit = SceneKit(entry, notes, info, sections, bounds, chapters, captions, chapters_vtt(chapters))
    # The voice's own sentences when the render recorded them, else the captions'.
    spoken = [line for s in sections for line in s.lines] or lines_from_cues(captions)
    kit.lines = by_section(spoken, bounds, info.fps)
    return kit


def _save_stills(kit: SceneKit, video: Path, out: Path, poster: str | None = None) -> None:
    """Each section's last frame, fully drawn, under ``out`` (and the first as ``poster``)."""
    stem, sections = kit.entry.stem, kit.sections
    ends = [sum(s.frames for s in sections[: k + 1]) - 1 for k in range(len(sections))]
    kit.stills = [f"scenes/{stem}.sections/{k:02d}-{s.name}.png" for k, s in enumerate(sections, 1)]
    wanted = {out / path: end for path, end in zip(kit.stills, ends, strict=True)}
    media.save_frames(video, {**wanted, **({out / poster: ends[0]} if poster else {})})


def _build_scene(
    render: SceneRender,
    notes: SceneNotes,
    out: Path,
    *,
    webm: bool,
    burn_captions: bool,
    formula: Callable[[str, Path], Path],
) -> SceneKit:
    kit = scene_kit(render, notes)
    entry, info, chapters, captions = kit.entry, kit.info, kit.chapters, kit.captions
    folder, stem = out / "scenes", entry.stem
    folder.mkdir(parents=True, exist_ok=True)
    title = f"{kit.heading} — {KIT_TITLE}"

    media.remux(render.video, folder / f"{stem}.mp4", chapters, title, info=info)
    kit.files["mp4"] = f"scenes/{stem}.mp4"
    if webm:
        media.encode_webm(render.video, folder / f"{stem}.webm", chapters, title, info=info)
        kit.files["webm"] = f"scenes/{stem}.webm"
    if burn_captions:
        kit.files["captioned"] = _burned(render.video, info, captions, chapters, title, out, stem)
    # The notes window shows the next section's last frame, the handout every one. The
    # poster is the first of them, the title card.
    kit.files["poster"] = f"scenes/{stem}.png"
    _save_stills(kit, render.video, out, kit.files["poster"])
    cap.write_pair(captions, folder / stem)
    kit.files["srt"], kit.files["vtt"] = f"scenes/{stem}.srt", f"scenes/{stem}.vtt"
    kit.chapter_track.save(str(folder / f"{stem}.chapters.vtt"))
    kit.files["chapters"] = f"scenes/{stem}.chapters.vtt"
    (folder / f"{stem}.txt").write_text(
        transcript(kit.heading, info.duration_ms, _scene_blocks(kit)), encoding="utf-8"
    )
    kit.files["transcript"] = f"scenes/{stem}.txt"
    for k, note in enumerate(notes.formulas, start=1):
        path = f"formulas/{stem}-{k}.png"
        formula(note.expression, out / path)
        kit.formulas.append((note.text, path))
    return kit


def _burned(src, info, captions, chapters, title, out: Path, stem: str, folder="scenes") -> str:
    """A copy of ``src`` with ``captions`` drawn into the picture; its path in the kit."""
    from scenes.lecture.burn import painter

    path = f"{folder}/{stem}.captioned.mp4"
    paint = painter(captions, info.width, info.height)
    media.concat([src], out / path, chapters, title, infos=[info], paint=paint)
    return path


def _beat_title(name: str, entry: SceneEntry) -> str:
    """A beat's chapter title; the opening names the scene."""
    if name == "opening":
        return f"Opening: {entry.title}"
    return section_title(name)


def _build_full(
    renders: Sequence[SceneRender],
    kits: Sequence[SceneKit],
    out: Path,
    card: CardMaker,
    burn_captions: bool = False,
) -> FullKit:
    durations = [k.info.duration for k in kits]
    starts_exact = scene_bounds(durations)
    starts = offsets_ms(durations)
    total_ms = to_ms(starts_exact[-1])
    ends = [*starts[1:], total_ms]
    chapters = scene_chapters(durations, [k.heading for k in kits])
    # Every section of every scene, placed in the full video's time from exact times.
    nested = [
        chapters_between([start + b for b in k.bounds], [c.title for c in k.chapters])
        for k, start in zip(kits, starts_exact, strict=False)
    ]
    captions = cap.join(
        (k.captions, start, end) for k, start, end in zip(kits, starts, ends, strict=True)
    )
    full = FullKit(
        KIT_TITLE,
        total_ms,
        chapters,
        nested,
        captions,
        chapters_vtt(chapters),
        kits[0].info.fps,
        kits[0].info.width,
        kits[0].info.height,
    )
    folder = out / "full"
    folder.mkdir(parents=True, exist_ok=True)
    media.concat(
        [r.video for r in renders],
        folder / f"{FULL_NAME}.mp4",
        chapters,
        KIT_TITLE,
        infos=[k.info for k in kits],
    )
    full.files["mp4"] = f"full/{FULL_NAME}.mp4"
    if burn_captions:
        video = out / full.files["mp4"]
        full.files["captioned"] = _burned(
            video, media.probe(video), captions, chapters, KIT_TITLE, out, FULL_NAME, "full"
        )
    parts = f"{len(kits)} part{'s' if len(kits) != 1 else ''}"
    card(
        "The full explainer",
        KIT_TITLE,
        f"{parts} · {clock(total_ms)}",
        folder / f"{FULL_NAME}.png",
        full.width,
        full.height,
    )
    full.files["poster"] = f"full/{FULL_NAME}.png"
    cap.write_pair(captions, folder / FULL_NAME)
    full.files["srt"], full.files["vtt"] = f"full/{FULL_NAME}.srt", f"full/{FULL_NAME}.vtt"
    full.chapter_track.save(str(folder / f"{FULL_NAME}.chapters.vtt"))
    full.files["chapters"] = f"full/{FULL_NAME}.chapters.vtt"
    blocks = []
    for k, start, sections in zip(kits, starts, nested, strict=True):
        blocks += [Block(start, k.heading.upper()), *_scene_blocks(k, start, sections)]
    (folder / f"{FULL_NAME}.txt").write_text(
        transcript(KIT_TITLE, total_ms, blocks), encoding="utf-8"
    )
    full.files["transcript"] = f"full/{FULL_NAME}.txt"
    return full


def _write_handouts(kits: Sequence[SceneKit], full: FullKit | None, out: Path) -> None:
    for k, path in _handouts(kits, out, "handouts"):
        (full.files if k is None else k.files)["handout"] = path


def _handouts(
    kits: Sequence[SceneKit], root: Path, folder: str
) -> list[tuple[SceneKit | None, str]]:
    """A handout per scene and, when there are parts, one of them all (``None``), written
    into ``root / folder`` with the stills found under ``root``; their paths under ``root``."""
    from scenes.lecture.handout import write_handout

    written: list[tuple[SceneKit | None, str]] = []
    for k in kits:
        path = f"{folder}/{k.entry.stem}.pdf"
        write_handout(f"{k.heading} — {KIT_TITLE}", [k], root, root / path)
        written.append((k, path))
    parts = [k for k in kits if k.entry.part is not None]
    if parts:
        path = f"{folder}/{FULL_NAME}.pdf"
        write_handout(KIT_TITLE, parts, root, root / path)
        written.append((None, path))
    return written


def build_handouts(
    renders: Sequence[SceneRender],
    out: Path,
    notes: Mapping[str, SceneNotes],
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write only the handouts of ``renders`` into ``out``: ``NN-slug.pdf`` per scene and
    ``<name>.pdf`` for the parts together. Other files in ``out`` are left alone."""
    if not renders:
        raise KitError("no rendered scenes to write handouts from")
    say = progress or (lambda _msg: None)
    renders = _in_order(renders)
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="explainer-handout-") as scratch:
        kits = []
        for render in renders:
            say(f"{render.entry.stem}: the last frame of each section")
            kit = scene_kit(render, notes[render.entry.stem])
            _save_stills(kit, render.video, Path(scratch))
            kits.append(kit)
        say("writing the handouts (PDF)")
        written = _handouts(kits, Path(scratch), "pdf")
        paths = []
        for _, name in written:
            dst = out / Path(name).name
            with partial_file(dst) as partial:
                shutil.copyfile(Path(scratch) / name, partial)
            paths.append(dst)
    return paths


def _in_order(renders: Sequence[SceneRender]) -> list[SceneRender]:
    """``renders`` in the explainer's order (extras, not in the registry, last)."""
    order = {e.stem: i for i, e in enumerate(SCENES)}
    return sorted(renders, key=lambda r: order.get(r.entry.stem, len(order)))


def build_kit(
    renders: Sequence[SceneRender],
    out: Path,
    *,
    notes: Mapping[str, SceneNotes] | NotesFor | None = None,
    formula: Callable[[str, Path], Path] | None = None,
    card: CardMaker | None = None,
    webm: bool = True,
    handout: bool = False,
    burn_captions: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Kit:
    """Write the lecture kit for ``renders`` (in explainer order) into ``out``.

    ``notes`` gives each scene's narration and formulas, by stem or as a
    function of the entry; by default each scene is dry-run. ``formula`` draws
    a formula into a PNG and ``card`` the full video's title card (by default
    with manim, in the theme's colours and font). ``handout`` adds the PDF handouts,
    ``burn_captions`` copies of the videos with the captions in the picture.
    """
    from scenes.lecture.page import write_page

    if not renders:
        raise KitError("no rendered scenes to build a lecture kit from")
    renders = _in_order(renders)
    say = progress or (lambda _msg: None)
    out = Path(out)
    prepare_out(out)
    kits = []
    for render in renders:
        if isinstance(notes, Mapping):
            scene_notes = notes[render.entry.stem]
        else:
            say(f"{render.entry.stem}: reading narration and formulas")
            scene_notes = (notes or _default_notes)(render.entry)
        made = ["video", "webm" if webm else "", "captions burned in" if burn_captions else ""]
        made += ["poster", "captions", "chapters", "transcript"]
        say(f"{render.entry.stem}: {', '.join(m for m in made if m)}")
        kits.append(
            _build_scene(
                render,
                scene_notes,
                out,
                webm=webm,
                burn_captions=burn_captions,
                formula=formula or _default_formula,
            )
        )
    # The full explainer joins the numbered parts; extras have their own videos only.
    parts = [(r, k) for r, k in zip(renders, kits, strict=True) if k.entry.part is not None]
    full = None
    if parts:
        say(f"joining {len(parts)} part(s) into the full explainer")
        full = _build_full(
            [r for r, _ in parts],
            [k for _, k in parts],
            out,
            card or _default_card,
            burn_captions,
        )
    if handout:
        say("writing the handouts (PDF)")
        _write_handouts(kits, full, out)
    kit = Kit(out, kits, full)
    write_page(kit)
    return kit
