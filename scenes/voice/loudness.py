"""Every scene equally loud: −16 LUFS integrated, true peak at most −1 dBTP.

Loudness is measured as ITU-R BS.1770 says (``pyloudnorm``). True peak is the peak of
the signal oversampled four times, as BS.1770 Annex 2 describes, so peaks that fall
between samples (and would clip after AAC or Opus decoding) count too. Gain brings a
track to the target loudness; where that would push a peak over the ceiling, a
look-ahead limiter takes the peak down smoothly instead of clipping it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PEAK_CEILING_DBTP", "TARGET_LUFS", "integrated_loudness", "master", "true_peak_db"]

TARGET_LUFS = -16.0
PEAK_CEILING_DBTP = -1.0
# The limiter aims a little under the ceiling: lossy codecs move peaks by a few tenths.
_LIMIT_DBTP = PEAK_CEILING_DBTP - 0.8
_LOOKAHEAD_S = 0.003


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS (``-inf`` for silence)."""
    import pyloudnorm

    samples = np.asarray(samples, dtype=np.float64)
    if samples.size < rate * 0.4 or not np.any(samples):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def _oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Each sample's true-peak magnitude: the largest of its four oversampled values."""
    from scipy.signal import resample_poly  # lazily: scipy.signal costs 0.3 s to import

    over = np.abs(resample_poly(samples, 4, 1))
    return over[: 4 * len(samples)].reshape(len(samples), 4).max(axis=1)


def true_peak_db(samples: np.ndarray) -> float:
    """True peak in dBTP (``-inf`` for silence)."""
    if not np.any(samples):
        return float("-inf")
    return float(20 * np.log10(_oversampled_peaks(np.asarray(samples, np.float64)).max()))


def _limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Lower the gain around every true peak above ``ceiling_db``, never raising it.

    The needed gain is taken as the minimum over a short window and then averaged over
    the same window: the average of minima over a window never exceeds the value at its
    centre, so every peak ends at or under the ceiling, without clicks.
    """
    from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_db / 20)
    window = max(3, int(rate * _LOOKAHEAD_S) | 1)
    peaks = maximum_filter1d(_oversampled_peaks(samples), window)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    gain = uniform_filter1d(minimum_filter1d(needed, window), window)
    return samples * gain


def master(samples: np.ndarray, rate: int, target: float = TARGET_LUFS) -> np.ndarray:
    """``samples`` at ``target`` LUFS with true peaks under the ceiling (silence stays silent)."""
    out = np.asarray(samples, dtype=np.float64)
    if not np.isfinite(integrated_loudness(out, rate)):
        return out.astype(np.float32)
    # Gain and limiting pull against each other a little; three rounds settle within 0.1 LU.
    for _ in range(3):
        out = out * 10 ** ((target - integrated_loudness(out, rate)) / 20)
        out = _limit(out, rate, _LIMIT_DBTP)
    return out.astype(np.float32)
