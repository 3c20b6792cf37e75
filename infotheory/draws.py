"""Many independent draws at once: entropy, cross-entropy and KL divergence of ``n`` draws.

``n`` independent draws from ``p`` are one outcome of the product distribution
``pⁿ = p ⊗ p ⊗ … ⊗ p``, whose table has ``len(p)ⁿ`` entries: a 12-character password over
94 printable characters is one of 94¹² ≈ 4.8 × 10²³ outcomes, a table no computer holds.
These functions never build it. For independent draws the measures add up, one draw at a
time::

    H(pⁿ)        = n H(p)
    H(pⁿ, qⁿ)    = n H(p, q)
    KL(pⁿ ‖ qⁿ)  = n KL(p ‖ q)

    entropy_of_draws(uniform(94), 12)      # 78.66 bits: 12 × log2 94
    cross_entropy_of_draws(fair_coin(), rigged_coin(0.9), 10)

The tests check each identity against the product table built for small cases. ``p`` and
``q`` are validated like every other distribution (batches along ``axis`` included); ``n`` is
a whole number ``>= 0``, and zero draws carry no information (0, even where one draw's
cross-entropy or KL is infinite).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from infotheory.measures import Result, cross_entropy, entropy, kl_divergence
from infotheory.units import Unit
from infotheory.validation import DEFAULT_ATOL, check_int

__all__ = ["cross_entropy_of_draws", "entropy_of_draws", "kl_divergence_of_draws"]


def _draws(n: object) -> int:
    return check_int(n, "n", 0)


def _times(n: int, one_draw: Result) -> Result:
    """``n`` times the measure of one draw; 0 for no draws (never ``0 × inf = nan``)."""
    one = np.asarray(one_draw)
    total = np.zeros_like(one) if n == 0 else n * one
    return float(total) if np.ndim(total) == 0 else total


def entropy_of_draws(
    p: ArrayLike,
    n: int,
    unit: Unit = "bits",
    axis: int | None = -1,
    *,
    atol: float = DEFAULT_ATOL,
) -> Result:
    """Entropy of ``n`` independent draws from ``p``: ``H(pⁿ) = n H(p)``.

    The uncertainty of the whole sequence, e.g. of a password of ``n`` characters each
    drawn from ``p``: ``entropy_of_draws(uniform(94), 12)`` is ``12 log2 94`` bits.
    """
    n = _draws(n)
    return _times(n, entropy(p, unit, axis, atol=atol))


def cross_entropy_of_draws(
    p: ArrayLike,
    q: ArrayLike,
    n: int,
    unit: Unit = "bits",
    axis: int | None = -1,
    *,
    atol: float = DEFAULT_ATOL,
) -> Result:
    """Cross-entropy of ``n`` independent draws: ``H(pⁿ, qⁿ) = n H(p, q)``.

    The mean surprise of model ``q`` over a whole sequence of ``n`` draws from ``p``.
    """
    n = _draws(n)
    return _times(n, cross_entropy(p, q, unit, axis, atol=atol))


def kl_divergence_of_draws(
    p: ArrayLike,
    q: ArrayLike,
    n: int,
    unit: Unit = "bits",
    axis: int | None = -1,
    *,
    atol: float = DEFAULT_ATOL,
) -> Result:
    """KL divergence of ``n`` independent draws: ``KL(pⁿ ‖ qⁿ) = n KL(p ‖ q)``.

    The extra surprise of model ``q`` over a sequence of ``n`` draws: it grows with every
    draw, which is why a wrong model is found out given enough data.
    """
    n = _draws(n)
    return _times(n, kl_divergence(p, q, unit, axis, atol=atol))
