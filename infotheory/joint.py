"""Two variables at once: joint and conditional entropy, and mutual information.

A joint distribution of ``X`` and ``Y`` is a 2-D table ``pxy`` whose entry ``[i, j]`` is
``p(X = x_i, Y = y_j)``: rows are ``X``, columns are ``Y``, and the whole table sums to 1.
It is validated like every other distribution (never renormalised)::

    pxy = correlated_coins(agreement=0.8)    # [[0.4, 0.1], [0.1, 0.4]]
    joint_entropy(pxy)                       # H(X, Y) ≈ 1.722 bits
    conditional_entropy(pxy)                 # H(Y | X) ≈ 0.722 bits
    mutual_information(pxy)                  # I(X; Y) ≈ 0.278 bits

Identities these satisfy (and the tests check): ``H(X, Y) = H(X) + H(Y | X)``,
``I(X; Y) = H(X) + H(Y) - H(X, Y) = H(Y) - H(Y | X)``, ``0 <= I(X; Y) <= min(H(X), H(Y))``,
``I = 0`` exactly when ``X`` and ``Y`` are independent (``pxy = p(x) p(y)``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import entr, rel_entr, xlogy

from infotheory.units import Unit, log_factor
from infotheory.validation import DEFAULT_ATOL, as_distribution, check_real

__all__ = [
    "conditional",
    "conditional_entropy",
    "correlated_coins",
    "independent_joint",
    "joint_entropy",
    "marginals",
    "mutual_information",
]


def _table(pxy: ArrayLike, atol: float) -> NDArray[np.float64]:
    """``pxy`` as a validated 2-D joint table (the whole table sums to 1)."""
    atol = check_real(atol, "atol", low=0.0)
    a = as_distribution(pxy, "pxy", axis=None, atol=atol)
    if a.ndim != 2:
        raise ValueError(
            f"pxy must be a 2-D table of joint probabilities p(x, y) (rows x, columns y), "
            f"got shape {a.shape}"
        )
    return a


def _given(given: str) -> int:
    """The axis to sum over to get the marginal of the conditioning variable."""
    if given == "x":
        return 1
    if given == "y":
        return 0
    raise ValueError(f"given={given!r} must be 'x' (for H(Y | X)) or 'y' (for H(X | Y))")


def marginals(
    pxy: ArrayLike, *, atol: float = DEFAULT_ATOL
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The marginals ``(p(x), p(y))`` of a joint table: its row sums and its column sums."""
    a = _table(pxy, atol)
    return np.add.reduce(a, axis=1), np.add.reduce(a, axis=0)


def conditional(
    pxy: ArrayLike, index: int, *, given: str = "x", atol: float = DEFAULT_ATOL
) -> NDArray[np.float64]:
    """One conditional distribution of a joint table: ``p(Y | X = x_index)`` (row ``index``
    divided by its sum, ``p(x_index)``), or with ``given="y"`` ``p(X | Y = y_index)``
    (column ``index`` over ``p(y_index)``).

    An outcome that never happens has no conditional: its ``p(x) = 0`` is a
    ``ValueError``, as is an ``index`` outside the table.
    """
    a = _table(pxy, atol)
    axis = _given(given)  # the axis summed for the conditioning variable's marginal
    count = a.shape[1 - axis]
    if isinstance(index, bool) or not isinstance(index, int | np.integer):
        raise ValueError(f"index must be a whole number, not {index!r}")
    if not -count <= index < count:
        raise ValueError(f"index {index} is outside the {count} values of {given.upper()}")
    line = a[index] if given == "x" else a[:, index]
    total = np.add.reduce(line)
    if total <= 0:
        raise ValueError(
            f"p({given.upper()} = {given}_{index}) = 0: an outcome that never happens "
            "has no conditional distribution"
        )
    return line / total


def joint_entropy(pxy: ArrayLike, unit: Unit = "bits", *, atol: float = DEFAULT_ATOL) -> float:
    """Joint entropy ``H(X, Y) = Σ_xy p(x, y) log 1/p(x, y)``: the entropy of the pair.

    ``max(H(X), H(Y)) <= H(X, Y) <= H(X) + H(Y)``.
    """
    factor = log_factor(unit)
    a = _table(pxy, atol)
    return float(np.add.reduce(entr(a), axis=None) / factor)


def conditional_entropy(
    pxy: ArrayLike, unit: Unit = "bits", *, given: str = "x", atol: float = DEFAULT_ATOL
) -> float:
    """Conditional entropy: what is left uncertain about one variable once the other is known.

    ``given="x"`` (default) gives ``H(Y | X) = Σ_xy p(x, y) log p(x)/p(x, y)``; ``given="y"``
    gives ``H(X | Y)``. Summed term by term, not as ``H(X, Y) - H(X)``, so a nearly
    deterministic relation does not cancel catastrophically; ``0 <= H(Y | X) <= H(Y)``
    (a rounding-level negative sum is clamped to 0).
    """
    factor = log_factor(unit)
    a = _table(pxy, atol)
    marginal = np.add.reduce(a, axis=_given(given), keepdims=True)
    # p(x, y) log p(x) - p(x, y) log p(x, y); terms with p(x, y) = 0 contribute 0.
    total = np.add.reduce(xlogy(a, marginal) - xlogy(a, a), axis=None)
    return float(max(total, 0.0) / factor)


def mutual_information(pxy: ArrayLike, unit: Unit = "bits", *, atol: float = DEFAULT_ATOL) -> float:
    """Mutual information ``I(X; Y) = Σ_xy p(x, y) log p(x, y) / (p(x) p(y))``.

    What knowing one variable tells about the other: the KL divergence of the joint from
    the product of its marginals, summed as ``Σ_x p(x) KL(p(y | x) ‖ p(y))`` from
    ``rel_entr`` terms (accurate near independence and for tiny probabilities).
    Symmetric, ``>= 0`` (a rounding-level negative sum is clamped to 0), ``0`` for
    independent variables and ``H(X)`` when ``Y`` is a copy of ``X``.
    """
    factor = log_factor(unit)
    a = _table(pxy, atol)
    px = np.add.reduce(a, axis=1, keepdims=True)
    py = np.add.reduce(a, axis=0, keepdims=True)
    # Σ_x p(x) KL(p(y | x) ‖ p(y)): the same sum, but p(x) p(y) is never formed, so tiny
    # probabilities cannot underflow to 0 and turn a finite term infinite.
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = np.where(px > 0, a / px, 0.0)
    total = np.add.reduce(px * rel_entr(rows, py), axis=None)
    return float(max(total, 0.0) / factor)


def independent_joint(
    px: ArrayLike, py: ArrayLike, *, atol: float = DEFAULT_ATOL
) -> NDArray[np.float64]:
    """The joint table of independent ``X`` and ``Y``: ``p(x, y) = p(x) p(y)`` (an outer product).

    ``px`` and ``py`` are 1-D distributions (validated, never normalised).
    """
    atol = check_real(atol, "atol", low=0.0)
    a = as_distribution(px, "px", atol=atol)
    b = as_distribution(py, "py", atol=atol)
    for name, arr in (("px", a), ("py", b)):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be 1-D (one distribution), got shape {arr.shape}")
    return np.outer(a, b)


def correlated_coins(agreement: float = 0.8) -> NDArray[np.float64]:
    """Two fair coins whose faces agree with probability ``agreement``, as a 2 × 2 table.

    Rows are the first coin (heads, tails), columns the second:
    ``[[a/2, (1-a)/2], [(1-a)/2, a/2]]``. ``agreement = 1/2`` makes them independent
    (``I = 0``), ``1`` (or ``0``) makes one a copy (or the mirror) of the other (``I = 1`` bit).
    """
    a = check_real(
        agreement,
        "agreement",
        low=0.0,
        high=1.0,
        meaning="the probability that the two coins show the same face",
    )
    return np.array([[a / 2, (1 - a) / 2], [(1 - a) / 2, a / 2]])
