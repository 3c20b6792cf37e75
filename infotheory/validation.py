"""Strict, cheap input validation. Nothing is ever renormalised silently.

Every error names the argument, the fault and where it is (``p[1, 0]``). The checks cost two
reductions per array (one ``min``, one ``sum``): a NaN or ``-inf`` makes the minimum fail, a
``+inf`` makes the sum fail, and only then is the offending entry located.

Booleans are rejected with ``TypeError`` (``[True, False]`` is far more often a bug than a
distribution); so are strings, ``None``, object and complex arrays.

The tolerance on a sum is ``atol`` (``1e-9``) for float64 and integer input. Input stored at a
lower precision (a float32 softmax from a model, float16) cannot sum to 1 that closely: its
tolerance widens to ``8 ε √n`` (``ε`` the machine epsilon of its dtype, ``n`` the outcomes
summed), about ``3e-6`` for ten float32 outcomes, see :func:`sum_tolerance`.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

__all__ = [
    "DEFAULT_ATOL",
    "as_distribution",
    "as_float64",
    "as_float_array",
    "as_probability",
    "check_axis",
    "check_int",
    "check_real",
    "check_shape",
    "check_values",
    "normalize",
    "real_array",
    "sum_tolerance",
]

DEFAULT_ATOL = 1e-9
"""Default tolerance on ``|sum(p) - 1|`` for float64 input (see :func:`sum_tolerance`)."""

# Rounding errors of a sum of n terms grow like √n ε; sequential float32 sums of softmax
# outputs reach about 3.3 √n ε at a million outcomes, so 8 leaves room without letting a
# vector that is off by a real amount (1e-4 for ten outcomes) through.
_ROUNDING_FACTOR = 8.0

_NORMALIZE_HINT = "use infotheory.normalize() to turn non-negative weights into a distribution"
_KINDS = {
    "b": "booleans (convert with .astype(float) if you mean 0/1)",
    "c": "complex numbers",
    "U": "strings",
    "S": "bytes",
    "O": "Python objects",
}


# ---------------------------------------------------------------------------- conversion
def as_float_array(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """``x`` as a float64 ndarray (no copy when it already is one).

    Integers are converted; anything non-numeric raises ``TypeError`` naming ``name``.
    """
    return as_float64(real_array(x, name))


def as_float64(a: np.ndarray) -> NDArray[np.float64]:
    """A real ndarray as float64 (no copy when it already is one)."""
    return a if a.dtype == np.float64 else a.astype(np.float64)


def real_array(x: ArrayLike, name: str) -> np.ndarray:
    """``x`` as an ndarray of real numbers in its own dtype (float32 stays float32)."""
    if x is None or isinstance(x, str | bytes):
        raise TypeError(f"{name} must be an array of real numbers, got {type(x).__name__}")
    try:
        a = np.asarray(x)
    except ValueError as exc:  # ragged nesting
        raise ValueError(f"{name} must be a rectangular array of numbers: {exc}") from None
    kind = a.dtype.kind
    if kind in "fiu":
        return a
    what = _KINDS.get(kind, f"dtype {a.dtype}")
    raise TypeError(f"{name} must contain real numbers, got {what}")


# ---------------------------------------------------------------------------- locating faults
def _where(name: str, index: tuple[int | str, ...]) -> str:
    return f"{name}[{', '.join(map(str, index))}]" if index else name


def _first(mask: NDArray[np.bool_]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(int(np.argmax(mask)), mask.shape))


def _row(index: tuple[int, ...], axis: int) -> tuple[int | str, ...]:
    """A keepdims index with ``:`` along the reduced axis, e.g. ``(1, ':')``."""
    return tuple(":" if k == axis else i for k, i in enumerate(index))


def _fault(value: float) -> str:
    if math.isnan(value):
        return "is NaN"
    if math.isinf(value):
        return f"is {value!r} (must be finite)"
    if value < 0:
        return f"= {value!r} is negative"
    return f"= {value!r} is greater than 1"


def _bad_entry(a: NDArray[np.float64], name: str, mask: NDArray[np.bool_], what: str) -> str:
    index = _first(mask)
    return f"{_where(name, index)} {_fault(float(a[index]))}; {what}"


# ---------------------------------------------------------------------------- scalars
def check_real(
    value: object,
    name: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
    meaning: str = "",
) -> float:
    """A finite real ``value`` in the interval ``[low, high]`` (ends optionally open), as float.

    ``meaning`` (e.g. "the probability of heads") is appended to the error message.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name}={value!r} is not finite")
    if (v <= low if low_open else v < low) or (v >= high if high_open else v > high):
        left = "(" if low_open or low == -math.inf else "["
        right = ")" if high_open or high == math.inf else "]"
        interval = f"{left}{low:g}, {high:g}{right}"
        why = f"; {name} is {meaning}" if meaning else ""
        raise ValueError(f"{name}={value!r} is outside {interval}{why}")
    return v


def check_int(value: object, name: str, minimum: int) -> int:
    """An integer ``value >= minimum`` (bools rejected), as int."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"{name}={value!r} must be at least {minimum}")
    return int(value)


def check_axis(axis: int | None, ndim: int, name: str) -> int | None:
    """``axis`` as a non-negative index into ``ndim`` dimensions (``None`` stays ``None``)."""
    if axis is None:
        return None
    if isinstance(axis, bool) or not isinstance(axis, Integral):
        raise TypeError(f"axis must be an int or None, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(
            f"axis={axis} is out of range for {name} with {ndim} dimension(s)"
        )
    return int(axis) % ndim


# ---------------------------------------------------------------------------- distributions
def check_shape(a: NDArray[np.float64], name: str, axis: int | None) -> int | None:
    """Reject scalars and empty arrays; return the normalised ``axis``."""
    if a.ndim == 0:
        raise ValueError(
            f"{name} must be an array of outcome probabilities, got the scalar {a.item()!r}"
        )
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape}); it needs at least one outcome")
    return check_axis(axis, a.ndim, name)


def sum_tolerance(atol: float, dtype: DTypeLike, n: int) -> float:
    """The tolerance on ``|Σ p - 1|`` for ``n`` outcomes stored as ``dtype``.

    ``atol`` for float64 and integer input; for a float type coarser than float64 (float32,
    float16) at least ``8 ε √n``, where ``ε`` is that type's machine epsilon: the rounding a
    softmax or a sum in that precision cannot avoid (float32, ten outcomes: ``3.0e-6``).
    """
    dtype = np.dtype(dtype)
    if dtype.kind != "f" or dtype.itemsize >= 8:
        return atol
    return max(atol, _ROUNDING_FACTOR * float(np.finfo(dtype).eps) * math.sqrt(n))


def check_values(
    a: NDArray[np.float64],
    name: str,
    axis: int | None,
    atol: float,
    dtype: DTypeLike = np.float64,
) -> None:
    """Entries finite and ``>= 0``; every sum along ``axis`` within tolerance of 1.

    The tolerance is :func:`sum_tolerance` of ``atol`` for ``a``'s values as they were given
    (``dtype``, before conversion to float64) and the number of outcomes in a sum.
    """
    if not np.minimum.reduce(a, axis=None) >= 0:  # False for NaN and -inf as well
        raise ValueError(_bad_entry(a, name, ~(a >= 0), "probabilities must be in [0, 1]"))
    n = a.size if axis is None else a.shape[axis]
    tol = sum_tolerance(atol, dtype, n)
    sums = np.add.reduce(a, axis=axis)
    if not np.max(np.abs(sums - 1.0)) <= tol:
        raise ValueError(_bad_sum(a, name, axis, tol, _tolerance_note(atol, tol, dtype, n)))


def _tolerance_note(atol: float, tol: float, dtype: DTypeLike, n: int) -> str:
    """How the tolerance was chosen, when it is not simply ``atol``."""
    if tol == atol:
        return f"atol={atol:g}"
    return (
        f"tolerance {tol:.2g} = 8 ε √n for {n} {np.dtype(dtype).name} outcomes; "
        f"float64 input is held to atol={atol:g}"
    )


def _bad_sum(a: NDArray[np.float64], name: str, axis: int | None, atol: float, note: str) -> str:
    finite = np.isfinite(a)
    if not finite.all():
        return _bad_entry(a, name, ~finite, "probabilities must be in [0, 1]")
    sums = np.add.reduce(a, axis=axis, keepdims=True)
    if axis is None:
        where = name if a.ndim == 1 else f"{name} (all entries, axis=None)"
        total = float(sums.item())
    else:
        index = _first(~(np.abs(sums - 1.0) <= atol))
        where = name if a.ndim == 1 else _where(name, _row(index, axis % a.ndim))
        total = float(sums[index])
    return f"{where} sums to {total!r}, not 1 ({note}); {_NORMALIZE_HINT}"


def as_distribution(
    p: ArrayLike,
    name: str = "p",
    axis: int | None = -1,
    atol: float = DEFAULT_ATOL,
) -> NDArray[np.float64]:
    """``p`` as a float64 array of distributions along ``axis``: ``p >= 0``, ``|Σ p - 1| <= atol``.

    Leading axes are a batch; ``axis=None`` makes the whole array one joint distribution.
    Returns ``p`` itself when it is already a float64 ndarray (no copy). Raises ``TypeError``
    for non-numeric input and ``ValueError`` (naming ``name``, the fault and its index) for
    scalars, empty input, NaN, inf, negative entries and sums off 1. Input in a coarser float
    type than float64 (a float32 softmax) gets a tolerance scaled to its precision and
    length (:func:`sum_tolerance`); the result is float64 either way.
    """
    atol = check_real(atol, "atol", low=0.0)
    raw = real_array(p, name)
    a = as_float64(raw)
    axis = check_shape(a, name, axis)
    check_values(a, name, axis, atol, raw.dtype)
    return a


def as_probability(p: ArrayLike, name: str = "p") -> NDArray[np.float64]:
    """``p`` as a float64 array of elementwise probabilities, each finite and in ``[0, 1]``.

    Scalars are allowed (a 0-d array is returned). Raises ``TypeError`` for non-numeric input
    and ``ValueError`` naming ``name``, the fault and its index otherwise.
    """
    a = as_float_array(p, name)
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape})")
    if not (np.minimum.reduce(a, axis=None) >= 0 and np.maximum.reduce(a, axis=None) <= 1):
        bad = ~((a >= 0) & (a <= 1))
        raise ValueError(_bad_entry(a, name, bad, "probabilities must be in [0, 1]"))
    return a


def normalize(weights: ArrayLike, axis: int | None = -1) -> NDArray[np.float64]:
    """Rescale non-negative weights into distributions along ``axis``: ``w / Σ w``.

    Weights are first divided by their maximum, so huge or subnormal weights neither overflow
    nor lose precision. ``axis=None`` normalises the whole array as one joint distribution.
    Raises ``ValueError`` for negative, NaN or inf weights and for an all-zero slice (naming
    where), ``TypeError`` for non-numeric input. Always returns a new array.
    """
    w = as_float_array(weights, "weights")
    axis = check_shape(w, "weights", axis)
    what = "weights must be non-negative and finite"
    if not np.minimum.reduce(w, axis=None) >= 0:
        raise ValueError(_bad_entry(w, "weights", ~(w >= 0), what))
    peak = np.maximum.reduce(w, axis=axis, keepdims=True)
    if not np.isfinite(peak).all():
        raise ValueError(_bad_entry(w, "weights", np.isinf(w), what))
    if not np.minimum.reduce(peak, axis=None) > 0:
        if axis is None or w.ndim == 1:
            where = "weights"
        else:
            where = _where("weights", _row(_first(~(peak > 0)), axis))
        raise ValueError(f"{where} is all zeros; at least one weight must be positive")
    scaled = w / peak
    scaled /= np.add.reduce(scaled, axis=axis, keepdims=True)
    return scaled
