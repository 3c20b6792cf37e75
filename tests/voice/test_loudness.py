"""Mastering: −16 LUFS integrated, true peak at most −1 dBTP, measured independently."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from scenes.voice.loudness import PEAK_CEILING_DBTP, TARGET_LUFS, master, true_peak_db

RATE = 48_000


def _speechlike(seconds: float, level: float, seed: int = 0) -> np.ndarray:
    """Bursts of filtered noise with gaps, like syllables and pauses."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = rng.normal(0, 1, n)
    envelope = (np.sin(np.linspace(0, seconds * 2 * np.pi * 3, n)) > 0.2).astype(float)
    smooth = np.convolve(noise, np.ones(8) / 8, mode="same")
    return (level * smooth * envelope).astype(np.float32)


@pytest.mark.parametrize("level", [0.01, 0.2, 0.9])
def test_master_reaches_the_target_loudness_under_the_peak_ceiling(level):
    out = master(_speechlike(6.0, level), RATE)
    assert pyloudnorm.Meter(RATE).integrated_loudness(out.astype(np.float64)) == pytest.approx(
        TARGET_LUFS, abs=0.5
    )
    assert true_peak_db(out) <= PEAK_CEILING_DBTP


def test_a_lone_spike_is_limited_not_clipped():
    signal = _speechlike(6.0, 0.05)
    signal[RATE * 3] = 1.0  # one click far above the speech
    out = master(signal, RATE)
    assert true_peak_db(out) <= PEAK_CEILING_DBTP
    assert np.abs(out).max() < 1.0


def test_true_peak_sees_peaks_between_samples():
    # A sine at a quarter of the sample rate, sampled off its crests: every sample
    # is at 0.707, the waveform between them reaches 1.0 (0 dBTP).
    t = np.arange(RATE) / RATE
    wave = np.sin(2 * np.pi * (RATE / 4) * t + np.pi / 4).astype(np.float32)
    assert np.abs(wave).max() == pytest.approx(0.7071, abs=1e-3)
    assert true_peak_db(wave) == pytest.approx(0.0, abs=0.3)


def test_silence_stays_silent():
    assert not np.any(master(np.zeros(RATE * 2, dtype=np.float32), RATE))
