"""Surprisal, entropy, cross-entropy and KL divergence, plus the binary entropy function.

All reductions run over ``axis`` (default ``-1``); leading axes are a batch and give an
ndarray of results, a single distribution gives a Python ``float``. ``axis=None`` treats the
whole array as one joint distribution. Results are in ``unit`` (see :mod:`infotheory.units`).

Shapes of ``p`` and ``q``: the number of outcomes along ``axis`` must be equal; batch axes
broadcast with numpy rules (e.g. one true ``p`` of shape ``(n,)`` against models ``q`` of shape
``(m, n)``). With arrays of different rank, ``axis`` counts in the broadcast shape, so use a
negative axis. With ``axis=None`` the shapes must be identical.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import entr, rel_entr, xlog1py, xlogy

from infotheory.units import Unit, log_factor
from infotheory.validation import (
    DEFAULT_ATOL,
    as_distribution,
    as_float64,
    as_probability,
    check_axis,
    check_real,
    check_shape,
    check_values,
    real_array,
)

__all__ = [
    "binary_entropy",
    "cross_entropy",
    "entropy",
    "kl_divergence",
    "surprisal",
]

Result = float | NDArray[np.float64]


def _result(x: NDArray[np.float64] | np.float64) -> Result:
    """A 0-d result as a Python float, anything else as an ndarray."""
    return float(x) if np.ndim(x) == 0 else x


def _pair(
    p: ArrayLike, q: ArrayLike, axis: int | None, atol: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], int | None]:
    """Validate ``p`` and ``q`` as distributions with matching outcomes; return the axis.

    The returned axis is negative (counted from the end) so it is valid for both arrays and
    for their broadcast.
    """
    atol = check_real(atol, "atol", low=0.0)
    raw_a, raw_b = real_array(p, "p"), real_array(q, "q")
    a, b = as_float64(raw_a), as_float64(raw_b)
    if axis is None:
        check_shape(a, "p", None)
        check_shape(b, "q", None)
        if a.shape != b.shape:
            raise ValueError(
                "p and q must have the same shape with axis=None (one joint distribution "
                f"each), got p.shape={a.shape} and q.shape={b.shape}"
            )
        check_values(a, "p", None, atol, raw_a.dtype)
        check_values(b, "q", None, atol, raw_b.dtype)
        return a, b, None
    ndim = max(a.ndim, b.ndim)
    # Scalars and empty input first: their messages are clearer than a shape mismatch.
    check_shape(a, "p", -1)
    check_shape(b, "q", -1)
    outcome_axis = check_axis(axis, ndim, "p and q")
    assert outcome_axis is not None
    ax = outcome_axis - ndim  # negative: the same axis in p, q and their broadcast
    for name, arr in (("p", a), ("q", b)):
        if -ax > arr.ndim:
            raise ValueError(
                f"axis={axis} counts in the broadcast shape of p {a.shape} and q {b.shape}, "
                f"and {name} has no such axis; use a negative axis"
            )
    if a.shape[ax] != b.shape[ax]:
        raise ValueError(
            f"p has {a.shape[ax]} outcomes but q has {b.shape[ax]} along axis={axis} "
            f"(p.shape={a.shape}, q.shape={b.shape}); they must describe the same outcomes"
        )
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"the batch axes of p.shape={a.shape} and q.shape={b.shape} do not broadcast"
        ) from None
    check_values(a, "p", ax, atol, raw_a.dtype)
    check_values(b, "q", ax, atol, raw_b.dtype)
    return a, b, ax


def surprisal(p: ArrayLike, unit: Unit = "bits") -> Result:
    """Surprisal (self-information) ``s(p) = log(1/p)``, elementwise; ``s(0) = inf``, ``s(1) = 0``.

    ``p`` holds probabilities in ``[0, 1]``. A scalar gives a float, an array an ndarray.
    """
    factor = log_factor(unit)
    a = as_probability(p, "p")
    with np.errstate(divide="ignore"):
        s = 0.0 - np.log(a)  # 0.0 - x turns log(1) = 0 into +0.0, never -0.0
    return _result(s / factor)


def entropy(
    p: ArrayLike, unit: Unit = "bits", axis: int | None = -1, *, atol: float = DEFAULT_ATOL
) -> Result:
    """Shannon entropy ``H(p) = Σ_i p_i log(1/p_i)``, with ``0 log(1/0) = 0``.

    ``0 <= H(p) <= log n`` for ``n`` outcomes; uniform ``p`` attains the maximum.
    """
    factor = log_factor(unit)
    a = as_distribution(p, "p", axis, atol)
    return _result(np.add.reduce(entr(a), axis=axis) / factor)


def cross_entropy(
    p: ArrayLike,
    q: ArrayLike,
    unit: Unit = "bits",
    axis: int | None = -1,
    *,
    atol: float = DEFAULT_ATOL,
) -> Result:
    """Cross-entropy ``H(p, q) = Σ_i p_i log(1/q_i)``: the mean surprise of model ``q`` on ``p``.

    Outcomes with ``p_i = 0`` contribute 0 even when ``q_i = 0``; ``p_i > 0`` with ``q_i = 0``
    gives ``inf``. ``H(p, q) = H(p) + KL(p‖q) >= H(p)``.
    """
    factor = log_factor(unit)
    a, b, ax = _pair(p, q, axis, atol)
    ce = 0.0 - np.add.reduce(xlogy(a, b), axis=ax)  # 0.0 - x: never -0.0
    return _result(ce / factor)


def kl_divergence(
    p: ArrayLike,
    q: ArrayLike,
    unit: Unit = "bits",
    axis: int | None = -1,
    *,
    atol: float = DEFAULT_ATOL,
) -> Result:
    """Kullback–Leibler divergence ``KL(p‖q) = Σ_i p_i log(p_i / q_i)``.

    Summed directly from ``rel_entr`` terms, not as ``H(p, q) - H(p)``, which cancels
    catastrophically when ``q ≈ p`` (scipy >= 1.14's ``rel_entr`` uses ``log1p`` there and
    does not overflow for tiny ``q``). ``KL(p‖p) = 0.0`` exactly; ``p_i > 0`` with ``q_i = 0``
    gives ``inf``. The exact value is ``>= 0`` (Gibbs' inequality); a rounding-level negative
    sum (or one from ``q`` summing to a hair over 1 within ``atol``) is clamped to 0.
    """
    factor = log_factor(unit)
    a, b, ax = _pair(p, q, axis, atol)
    kl = np.maximum(np.add.reduce(rel_entr(a, b), axis=ax), 0.0)
    return _result(kl / factor)


def binary_entropy(x: ArrayLike, unit: Unit = "bits") -> Result:
    """Binary entropy ``h(x) = x log(1/x) + (1-x) log(1/(1-x))``, elementwise.

    ``h(0) = h(1) = 0.0`` (never ``-0.0``), ``h(1/2) = 1`` bit. Uses ``log1p`` for the
    ``1 - x`` term so small ``x`` keeps full precision.
    """
    factor = log_factor(unit)
    a = as_probability(x, "x")
    h = entr(a) - xlog1py(1.0 - a, -a)
    return _result((h + 0.0) / factor)  # + 0.0 turns the -0.0 at x = 1 into 0.0
