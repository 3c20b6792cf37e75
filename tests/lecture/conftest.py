"""Fixtures for the lecture-kit tests: synthetic renders (no manim) and one kit built from them.

:func:`make_render` writes what a manim render leaves behind for one scene (an
H.264 mp4 with B-frames and, when asked, an AAC tone as its narration, a ``.srt``
of subcaptions, a sections JSON in manim's format) with a flat colour per
section, in a second or less.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from webvtt import Caption, WebVTT
from webvtt.models import Timestamp

from scenes.lecture.build import SceneRender, build_kit
from scenes.lecture.notes import BeatNote, FormulaNote, SceneNotes
from scenes.registry import SceneEntry, find

COLOURS = [(200, 60, 60), (60, 160, 90), (60, 90, 200), (220, 200, 60), (150, 80, 190)]


TICKS = 15360  # manim's mp4 time base is 1/15360 s at 15, 30 and 60 fps
TONE_RATE = 44_100  # not the kit's 48 kHz: the kit resamples


def tone(hz: float, seconds: float, rate: int = TONE_RATE) -> np.ndarray:
    """A sine at ``hz``, as float32 samples."""
    t = np.arange(round(seconds * rate)) / rate
    return (0.4 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def _add_tone(out, hz: float, seconds: float):
    """An AAC mono stream holding a tone; returns its packets (encoded eagerly: they are few)."""
    stream = out.add_stream("aac", rate=TONE_RATE, layout="mono")
    samples = tone(hz, seconds)
    frame = av.AudioFrame.from_ndarray(samples[None, :], format="fltp", layout="mono")
    frame.sample_rate, frame.pts, frame.time_base = TONE_RATE, 0, Fraction(1, TONE_RATE)
    return [*stream.encode(frame), *stream.encode(None)]


def write_clip(
    path: Path,
    frames_per_section: Sequence[int],
    fps: int = 30,
    size=(160, 96),
    short: Sequence[int] = (),
    hz: float | None = None,
    sound_seconds: float | None = None,
) -> Path:
    """An mp4 whose sections are flat colours, ``frames_per_section`` frames each.

    Frames last 1/fps, except those whose index is in ``short``, which are 5
    ticks shorter, as where manim joins its partial movies. With ``hz``, the
    clip also has a tone of that pitch lasting ``sound_seconds`` (by default as
    long as the picture), muxed after the picture as manim muxes its sound.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    step = TICKS // fps
    with av.open(str(path), "w") as out:
        sound = []
        if hz is not None:
            seconds = sum(frames_per_section) / fps if sound_seconds is None else sound_seconds
            sound = _add_tone(out, hz, seconds)
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.time_base = Fraction(1, TICKS)
        stream.options = {"preset": "ultrafast", "bf": "2"}
        index, total, pts = 0, max(1, sum(frames_per_section)), 0
        for k, count in enumerate(frames_per_section):
            colour = np.array(COLOURS[k % len(COLOURS)], dtype=np.uint8)
            for _ in range(count):
                pixels = np.empty((height, width, 3), dtype=np.uint8)
                pixels[:] = colour
                pixels[: height // 8, : max(1, width * index // total)] = 255  # progress
                frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
                frame.pts, frame.time_base = pts, Fraction(1, TICKS)
                pts += step - (5 if index in short else 0)
                index += 1
                out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
        out.mux(sound)
    return path


def decode_sound(path: Path) -> tuple[np.ndarray, int]:
    """A video's sound as mono float samples from its start, and their rate."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        blocks = [
            f.to_ndarray().reshape(-1, f.samples).mean(axis=0) for f in container.decode(stream)
        ]
        return np.concatenate(blocks), stream.codec_context.sample_rate


def pitch(samples: np.ndarray, rate: int) -> float:
    """The strongest frequency in ``samples`` (Hz); 0 for silence."""
    if not np.any(np.abs(samples) > 0.01):  # the tones are 0.4 high; codecs leave a faint tail
        return 0.0
    window = samples * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(window, n=8 * len(samples)))
    return float(np.argmax(spectrum) * rate / (8 * len(samples)))


def _ts(seconds: Fraction) -> str:
    return str(Timestamp.from_seconds(round(seconds * 1000) / 1000))


def make_render(
    folder: Path,
    entry: SceneEntry,
    sections: Sequence[tuple[str, int]],
    fps: int = 30,
    size=(160, 96),
    short: Sequence[int] = (),
    hz: float | None = None,
) -> tuple[SceneRender, SceneNotes]:
    """A scene render like manim's, and the notes a dry run would give for it."""
    stem = entry.stem
    video = write_clip(folder / f"{stem}.mp4", [n for _, n in sections], fps, size, short, hz)
    beats, cues, t = [], [], Fraction(0)
    for name, frames in sections:
        end = t + Fraction(frames, fps)
        line = f"{entry.title}, section {name}. A line of narration."
        beats.append(BeatNote(name, line, float(t), float(end)))
        # Two cues per section, as manim splits a long narration line.
        middle = (t + end) / 2
        cues += [
            Caption(_ts(t), _ts(middle), f"{entry.title}, section {name}."),
            Caption(_ts(middle), _ts(end), "A line of narration."),
        ]
        t = end
    srt = folder / f"{stem}.srt"
    WebVTT(captions=cues).save_as_srt(str(srt))
    listing = [
        {
            "name": name,
            "type": "default.normal",
            "video": f"{stem}_{i:04d}_{name}.mp4",
            "width": size[0],
            "height": size[1],
            "nb_frames": str(frames),
            "duration": f"{frames / fps:.6f}",
            "avg_frame_rate": f"{fps}/1",
            "codec_name": "h264",
            "pix_fmt": "yuv420p",
        }
        for i, (name, frames) in enumerate(sections)
    ]
    section_json = folder / "sections" / f"{stem}.json"
    section_json.parent.mkdir(parents=True, exist_ok=True)
    section_json.write_text(json.dumps(listing, indent=4))
    notes = SceneNotes(
        title=entry.title,
        hook=f"What is {entry.title.lower()}?",
        takeaway=f"{entry.title} in one line.",
        beats=tuple(beats),
        formulas=(FormulaNote("{{ H(p) : entropy }} = sum_x p(x) log_2 1/p(x)", sections[0][0]),),
    )
    return SceneRender(entry, video, srt, section_json), notes


def fake_card(kicker: str, title: str, subtitle: str, dst: Path, width: int, height: int) -> Path:
    """Stands in for the manim title card."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), (14, 17, 23)).save(dst)
    return dst


def fake_formula(expression: str, dst: Path) -> Path:
    """Stands in for the manim formula renderer: a small PNG."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (240, 60), (14, 17, 23)).save(dst)
    return dst


# Two scenes at 30 fps; the first section of scene 1 is short so presenter mode
# reaches its first pause quickly. Scene 2 has a frame a few ticks short in its
# first section, as manim's renders do, so its second section starts off the
# 1/30 s grid.
SCENE_SECTIONS = {
    1: [("opening", 24), ("idea", 30), ("takeaway", 18)],
    2: [("opening", 21), ("example", 27)],
}
SHORT_FRAMES = {2: [10]}
# Each scene speaks in its own pitch, so a boundary in the full video can be heard.
TONES = {1: 440.0, 2: 660.0}


@pytest.fixture(scope="session")
def renders(tmp_path_factory):
    folder = tmp_path_factory.mktemp("renders")
    made = [
        make_render(
            folder, find(part), sections, short=SHORT_FRAMES.get(part, ()), hz=TONES.get(part)
        )
        for part, sections in SCENE_SECTIONS.items()
    ]
    return [r for r, _ in made], {r.entry.stem: n for r, n in made}


@pytest.fixture(scope="session")
def kit(renders, tmp_path_factory):
    scene_renders, notes = renders
    out = tmp_path_factory.mktemp("kit") / "site"
    return build_kit(
        scene_renders,
        out,
        notes=notes,
        formula=fake_formula,
        card=fake_card,
        handout=True,
        burn_captions=True,
    )


@pytest.fixture(scope="session")
def clip_writer():
    """``write_clip(path, frames_per_section, fps=30, size=(160, 96))``."""
    return write_clip


@pytest.fixture(scope="session")
def render_maker():
    """``make_render(folder, entry, [(section, frames), ...], fps=30)``."""
    return make_render


@pytest.fixture(scope="session")
def fake_formula_renderer():
    return fake_formula


@pytest.fixture(scope="session")
def fake_card_renderer():
    return fake_card
