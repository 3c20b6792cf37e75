"""A stub voice: a tone as long as the sentence is wide, so timing tests need no model."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest

from scenes.voice import engines
from scenes.voice.engines import Engine

STUB_RATE = 16_000  # not the mixing rate, so resampling is exercised too
SECONDS_PER_CHARACTER = 0.05


class StubVoice(Engine):
    name = "stub"
    calls: ClassVar[list[str]] = []

    def identity(self) -> str:
        return "stub:1"

    def synthesize(self, sentence: str, rate: float) -> tuple[np.ndarray, int]:
        StubVoice.calls.append(sentence)
        n = int(SECONDS_PER_CHARACTER * len(sentence) / rate * STUB_RATE)
        t = np.arange(n) / STUB_RATE
        return (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), STUB_RATE


@pytest.fixture
def stub_voice(monkeypatch, tmp_path):
    """Register the stub as voice ``stub``, with its own empty cache folder."""
    monkeypatch.setitem(engines.ENGINES, "stub", StubVoice)
    monkeypatch.setattr("scenes.kit.base.voice_cache_dir", lambda: tmp_path / "voice")
    StubVoice.calls = []
    return StubVoice
