"""Curves for plotting, as plain float64 ndarrays (``x`` first, ``y`` second)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from infotheory.measures import binary_entropy, cross_entropy, surprisal
from infotheory.units import Unit
from infotheory.validation import as_distribution, check_int, check_real

__all__ = [
    "RunningAverage",
    "binary_entropy_curve",
    "coin_cross_entropy_curve",
    "running_average_surprise",
    "surprise_curve",
]

Curve = tuple[NDArray[np.float64], NDArray[np.float64]]


def surprise_curve(
    p_min: float = 1 / 64, p_max: float = 1.0, num: int = 400, unit: Unit = "bits"
) -> Curve:
    """``(p, s)`` with ``p = linspace(p_min, p_max, num)`` and ``s = log(1/p)``; both ``(num,)``.

    Needs ``0 < p_min < p_max <= 1``; ``s`` decreases strictly and is exactly 0 at ``p = 1``.
    """
    hi = check_real(p_max, "p_max", low=0.0, high=1.0, low_open=True)
    lo = check_real(p_min, "p_min", low=0.0, high=hi, low_open=True, high_open=True)
    p = np.linspace(lo, hi, check_int(num, "num", 2))
    return p, np.asarray(surprisal(p, unit))


def binary_entropy_curve(num: int = 401, unit: Unit = "bits") -> Curve:
    """``(x, h)`` with ``x = k/(num-1)`` for ``k = 0 … num-1`` and ``h = H(x, 1-x)``; ``(num,)``.

    ``x`` spans ``[0, 1]`` inclusive; for odd ``num`` the middle point is exactly 0.5, where
    ``h`` peaks (1 bit).
    """
    x = np.arange(check_int(num, "num", 2)) / (num - 1)
    return x, np.asarray(binary_entropy(x, unit))


def coin_cross_entropy_curve(
    true_heads: float,
    q_min: float = 0.02,
    q_max: float = 0.98,
    num: int = 401,
    unit: Unit = "bits",
) -> Curve:
    """``(q, ce)``: cross-entropy ``H(p, Bernoulli(q))`` of coin models against the true coin.

    ``ce(q) = t log(1/q) + (1-t) log(1/(1-q))`` with ``t = true_heads``; both ``(num,)``.
    ``q = linspace(q_min, q_max, num)``, except that when ``q_min < t < q_max`` the interior
    grid point nearest ``t`` is replaced by ``t`` itself (so the length stays ``num`` and the
    endpoints stay put). The minimum then sits exactly on the grid, at ``q = t``, and equals
    ``H(p)``. Needs ``0 <= q_min < q_max <= 1`` and ``num >= 3``.
    """
    t = check_real(true_heads, "true_heads", low=0.0, high=1.0)
    hi = check_real(q_max, "q_max", low=0.0, high=1.0)
    lo = check_real(q_min, "q_min", low=0.0, high=hi, high_open=True)
    q = np.linspace(lo, hi, check_int(num, "num", 3))
    if lo < t < hi:
        q[1 + int(np.argmin(np.abs(q[1:-1] - t)))] = t
    models = np.stack([q, 1.0 - q], axis=-1)
    return q, np.asarray(cross_entropy(np.array([t, 1.0 - t]), models, unit))


@dataclass(frozen=True, eq=False)
class RunningAverage:
    """Sampled surprise converging to cross-entropy (law of large numbers).

    ``samples``: ``(N,)`` outcome indices drawn from ``p``; ``surprises``: ``(N,)`` surprisal
    ``log(1/q[sample])``; ``running_mean``: ``(N,)`` mean of the first ``k+1`` surprises;
    ``target``: ``H(p, q)``, the limit of ``running_mean``.
    """

    samples: NDArray[np.intp]
    surprises: NDArray[np.float64]
    running_mean: NDArray[np.float64]
    target: float


def running_average_surprise(
    p: ArrayLike,
    q: ArrayLike,
    num_samples: int = 500,
    seed: int | np.random.Generator | None = 0,
    unit: Unit = "bits",
) -> RunningAverage:
    """Draw ``num_samples`` outcomes from ``p`` and average the model ``q``'s surprise at them.

    ``running_mean[k] = (1/(k+1)) Σ_{j<=k} log(1/q[x_j])`` with ``x_j ~ p`` → ``H(p, q)``.
    Sampling is inverse-CDF with ``np.random.default_rng(seed).random``, so a given seed
    always gives the same samples. ``p`` and ``q`` are 1-D distributions over the same
    outcomes (a :class:`~infotheory.Distribution` works too).
    """
    a = as_distribution(p, "p")
    b = as_distribution(q, "q")
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(
            f"p and q must be single 1-D distributions, got shapes {a.shape} and {b.shape}"
        )
    target = float(cross_entropy(a, b, unit))  # checks the outcome counts and the unit
    n = check_int(num_samples, "num_samples", 1)
    cdf = np.cumsum(a)
    cdf /= cdf[-1]
    # side="right": zero-probability outcomes (flat steps of the CDF) are never drawn.
    samples = np.searchsorted(cdf, np.random.default_rng(seed).random(n), side="right")
    surprises = np.asarray(surprisal(b[samples], unit))
    running_mean = np.cumsum(surprises) / np.arange(1, n + 1)
    for arr in (samples, surprises, running_mean):
        arr.flags.writeable = False
    return RunningAverage(samples, surprises, running_mean, target)
