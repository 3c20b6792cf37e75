"""Lines of narration into timed sentences of sound, cached on disk.

A scene says a *line* (one or more sentences). Each sentence is synthesised on its
own, so its start and end in the video are known exactly and its caption can sit on
it. Audio is cached by a hash of everything that shapes it (the spoken text, the
engine's identity, the rate, the sample rate and this module's format), one WAV per
sentence, written through a temporary file and renamed: parallel renders share the
cache and never read a half-written file.
"""

from __future__ import annotations

import hashlib
import re
import wave
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np

from scenes.render.atomic import exclusive_lock, partial_file
from scenes.voice.engines import Engine, VoiceError
from scenes.voice.spoken import spoken_form, unspeakable

__all__ = [
    "READING_RATE",
    "SAMPLE_RATE",
    "SENTENCE_PAUSE",
    "Sentence",
    "Voice",
    "read_wav",
    "reading_time",
    "sentences_of",
    "write_wav",
]

SAMPLE_RATE = 48_000  # what every track is mixed and encoded at (AAC and Opus take it)
SENTENCE_PAUSE = 0.3  # seconds of quiet after each sentence, as a speaker breathes
CACHE_FORMAT = "speech-1"  # bump when the cached audio changes meaning
# Without a voice, a sentence lasts as long as a viewer needs to read it: characters
# per second a viewer comfortably reads (subtitle guidelines: 15-17).
READING_RATE = 15.0
_SILENCE_DB = -45.0  # trimmed from both ends of a synthesised sentence (below its peak)
_EDGE = 0.04  # seconds of the quiet kept at each end, so onsets are not clipped


def reading_time(text: str) -> float:
    """Seconds a viewer needs to read ``text`` as captions."""
    return len(text) / READING_RATE


@dataclass(frozen=True)
class Sentence:
    """One sentence: as captioned, as spoken, and its sound (``None`` without a voice)."""

    text: str
    spoken: str
    duration: float  # seconds of speech, without the pause after it
    audio: np.ndarray | None = None  # float32 at SAMPLE_RATE

    @property
    def span(self) -> float:
        """Seconds the sentence takes in the film, pause included."""
        return self.duration + SENTENCE_PAUSE


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def sentences_of(text: str) -> list[str]:
    """``text`` cut into sentences (after ``.``, ``!`` or ``?`` and a space)."""
    joined = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(joined) if s] if joined else []


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """16-bit mono WAV, written whole or not at all."""
    pcm = np.clip(np.round(np.asarray(samples) * 32767), -32768, 32767).astype("<i2")
    with partial_file(path) as partial, wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit mono WAV as float32 samples and its rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono audio")
        frames = wav.readframes(wav.getnframes())
        return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, wav.getframerate()


def _trimmed(samples: np.ndarray, rate: int) -> np.ndarray:
    """Without the quiet an engine leaves before and after the words."""
    loud = np.flatnonzero(np.abs(samples) > np.abs(samples).max() * 10 ** (_SILENCE_DB / 20))
    if loud.size == 0:
        return samples[:0]
    edge = int(_EDGE * rate)
    return samples[max(0, loud[0] - edge) : loud[-1] + edge + 1]


def _resampled(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return samples.astype(np.float32)
    from scipy.signal import resample_poly  # lazily: scipy.signal costs 0.3 s to import

    common = gcd(SAMPLE_RATE, rate)
    out = resample_poly(samples, SAMPLE_RATE // common, rate // common)
    return np.clip(out, -1.0, 1.0).astype(np.float32)


class Voice:
    """An engine at a speaking rate, with a cache: says lines as timed sentences."""

    def __init__(self, engine: Engine, rate: float = 1.0, cache_dir: Path | None = None):
        if not 0.5 <= rate <= 2.0:
            raise ValueError(f"speaking rate must be from 0.5 to 2.0, not {rate!r}")
        self.engine = engine
        self.rate = rate
        self.cache_dir = cache_dir
        self._identity = engine.identity() if engine.has_sound else "none"

    @property
    def has_sound(self) -> bool:
        return self.engine.has_sound

    def line(self, text: str, spoken: str | None = None) -> list[Sentence]:
        """``text`` as timed sentences; ``spoken`` replaces the automatic spoken form
        (:func:`~scenes.voice.spoken.spoken_form`) and must have as many sentences."""
        written = sentences_of(text)
        if not written:
            raise ValueError("a narration line needs words")
        said = sentences_of(spoken) if spoken is not None else [spoken_form(s) for s in written]
        if len(said) != len(written):
            raise ValueError(
                f"the spoken form has {len(said)} sentences where the text has "
                f"{len(written)}: {spoken!r} for {text!r}"
            )
        for sentence in said:
            if unspeakable(sentence):
                raise ValueError(
                    f"narration {sentence!r} still holds {' '.join(unspeakable(sentence))!r}, "
                    "which a voice would read badly; give the line a spoken= form"
                )
        return [self._sentence(w, s) for w, s in zip(written, said, strict=True)]

    def _sentence(self, text: str, spoken: str) -> Sentence:
        if not self.has_sound:
            return Sentence(text, spoken, reading_time(text))
        audio = self._cached(spoken)
        return Sentence(text, spoken, len(audio) / SAMPLE_RATE, audio)

    def cache_file(self, spoken: str) -> Path | None:
        """Where the sound of the sentence ``spoken`` is cached (``None``: no cache)."""
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(
            f"{CACHE_FORMAT}\0{self._identity}\0{self.rate!r}\0{SAMPLE_RATE}\0{spoken}".encode()
        ).hexdigest()
        return self.cache_dir / f"{key[:40]}.wav"

    def _cached(self, spoken: str) -> np.ndarray:
        path = self.cache_file(spoken)
        if path is None:
            return self._synthesized(spoken)
        cached = _read_cached(path)
        if cached is not None:
            return cached
        # Piper draws random noise: two syntheses of a sentence differ in length. One
        # process at a time synthesises a sentence; the others sharing the cache (the
        # units of a split render) wait and read the same sound, so they time the
        # scene alike, and the work is done once.
        path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(path.with_suffix(".lock")):
            cached = _read_cached(path)
            if cached is not None:
                return cached
            write_wav(path, self._synthesized(spoken))
            return read_wav(path)[0]  # what later runs will read: identical timing

    def _synthesized(self, spoken: str) -> np.ndarray:
        samples, rate = self.engine.synthesize(spoken, self.rate)
        audio = _resampled(_trimmed(np.asarray(samples, dtype=np.float32), rate), rate)
        if audio.size == 0:
            raise VoiceError(f"voice {self.engine.name!r} said nothing for {spoken!r}")
        return audio


def _read_cached(path: Path) -> np.ndarray | None:
    """A cached sentence's sound; ``None`` if there is none (an unreadable entry is made
    again)."""
    if not path.exists():
        return None
    try:
        return read_wav(path)[0]
    except (OSError, ValueError, EOFError, wave.Error):
        return None
