"""The narration track of a scene: lines placed in time, captions on the speech, one mix.

The scene says an :class:`Utterance` at the current time; the narrator keeps every line
with its sentences, answers when the voice will be free again, turns each sentence
into caption cues that sit on its sound, and at the end mixes all sentences into one
track at the scene's length, mastered to the loudness target.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scenes.kit.captions import split_cues, time_cues
from scenes.voice.loudness import PEAK_CEILING_DBTP, TARGET_LUFS, master
from scenes.voice.speech import SAMPLE_RATE, Sentence, Voice, write_wav

__all__ = ["Narrator", "Utterance"]

# Bump when the mix or the mastering changes what a cached track holds.
TRACK_FORMAT = "track-1"


@dataclass
class Utterance:
    """One narration line as placed in the film: its sentences and when each is heard."""

    sentences: list[Sentence]
    start: float  # seconds into the scene
    starts: list[float] = field(default_factory=list)  # each sentence's start

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def spoken(self) -> str:
        return " ".join(s.spoken for s in self.sentences)

    @property
    def end(self) -> float:
        """When the last word has been said."""
        return self.starts[-1] + self.sentences[-1].duration

    @property
    def free(self) -> float:
        """When the voice may start its next line (the last sentence's pause included)."""
        return self.starts[-1] + self.sentences[-1].span

    @property
    def duration(self) -> float:
        return self.end - self.start

    def cues(self) -> list[tuple[str, float, float]]:
        """Caption cues (text, start, end): each sentence's cues share its own speech."""
        timed: list[tuple[str, float, float]] = []
        for sentence, start in zip(self.sentences, self.starts, strict=True):
            timed += time_cues(split_cues(sentence.text), start, start + sentence.duration)
        return timed

    def __enter__(self) -> Utterance:
        # `with self.say(text) as line:` groups the animations that go with the line;
        # the next line (or the end of the beat) waits for the voice by itself.
        return self

    def __exit__(self, *exc) -> None:
        return None

    def as_dict(self, offset: float = 0.0) -> dict:
        """For the sections index: text, spoken form, start and end from ``offset``."""
        return {
            "text": self.text,
            "spoken": self.spoken,
            "start": round(self.start - offset, 3),
            "end": round(self.end - offset, 3),
        }


class Narrator:
    """Places a scene's lines in time and mixes them into its soundtrack."""

    def __init__(self, voice: Voice):
        self.voice = voice
        self.lines: list[Utterance] = []

    @property
    def free_at(self) -> float:
        """When the voice has finished its last line (0 before the first)."""
        return self.lines[-1].free if self.lines else 0.0

    @property
    def has_sound(self) -> bool:
        return self.voice.has_sound

    def place(self, text: str, start: float, spoken: str | None = None) -> Utterance:
        """Say ``text`` from ``start``; the voice must be free by then."""
        if start < self.free_at - 1e-6:  # a millionth of a second: float noise, not overlap
            raise RuntimeError(
                f"line {text!r} at {start:.2f} s would talk over the one before "
                f"(free at {self.free_at:.2f} s)"
            )
        sentences = self.voice.line(text, spoken)
        starts, t = [], start
        for sentence in sentences:
            starts.append(t)
            t += sentence.span
        line = Utterance(sentences, start, starts)
        self.lines.append(line)
        return line

    def mix(self, duration: float) -> np.ndarray:
        """Every sentence at its place in a track ``duration`` seconds long, mastered."""
        track = np.zeros(round(duration * SAMPLE_RATE), dtype=np.float64)
        for line in self.lines:
            for sentence, start in zip(line.sentences, line.starts, strict=True):
                if sentence.audio is None:
                    continue
                at = round(start * SAMPLE_RATE)
                piece = sentence.audio[: max(0, len(track) - at)]
                track[at : at + len(piece)] += piece
        return master(track, SAMPLE_RATE)

    def write_track(self, path: Path, duration: float) -> Path | None:
        """The mastered track as a WAV at ``path``; ``None`` (nothing written) without sound.

        Mastering a scene's track takes seconds, so the mastered track is cached beside
        the sentences, by what went into it: a re-render that places the same sounds at
        the same times takes it from there.
        """
        if not self.has_sound or not self.lines:
            return None
        cached = self._track_cache_file(duration)
        if cached is not None and cached.exists():
            try:
                shutil.copyfile(cached, path)
                return path
            except OSError:
                pass  # unreadable: master it again
        write_wav(path, self.mix(duration))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f".{cached.name}.{os.getpid()}.part")
            shutil.copyfile(path, partial)
            os.replace(partial, cached)  # whole or not at all, for parallel renders
        return path

    def _track_cache_file(self, duration: float) -> Path | None:
        """Where the mastered track of these lines at this length is cached."""
        if self.voice.cache_dir is None:
            return None
        key = hashlib.sha256(
            f"{TRACK_FORMAT}\0{TARGET_LUFS}\0{PEAK_CEILING_DBTP}\0{SAMPLE_RATE}\0"
            f"{round(duration * SAMPLE_RATE)}".encode()
        )
        for line in self.lines:
            for sentence, start in zip(line.sentences, line.starts, strict=True):
                key.update(f"\0{round(start * SAMPLE_RATE)}\0".encode())
                if sentence.audio is not None:
                    key.update(np.ascontiguousarray(sentence.audio).tobytes())
        return self.voice.cache_dir / "tracks" / f"{key.hexdigest()[:40]}.wav"
