"""Fitting a softmax model ``q = softmax(θ)`` to a target distribution by cross-entropy.

The loss ``L(θ) = H(p, softmax θ) = logsumexp(θ) - Σ p_i θ_i`` (nats, for ``Σ p = 1``) has
gradient ``softmax(θ) - p``; its minimiser is ``q = p`` (Gibbs' inequality), where
``L = H(p)`` and ``KL(p‖q) = 0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import logsumexp

from infotheory.measures import cross_entropy, entropy, kl_divergence
from infotheory.units import Unit, log_factor
from infotheory.validation import (
    as_distribution,
    as_float_array,
    check_axis,
    check_int,
    check_real,
)

__all__ = ["FitTrajectory", "OptimalModel", "fit_softmax", "optimal_model", "softmax"]


def _softmax(z: NDArray[np.float64], axis: int = -1) -> NDArray[np.float64]:
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    e /= np.add.reduce(e, axis=axis, keepdims=True)
    return e


def _as_logits(logits: ArrayLike, name: str) -> NDArray[np.float64]:
    z = as_float_array(logits, name)
    if z.ndim == 0 or z.size == 0:
        raise ValueError(f"{name} must be a non-empty array, got shape {z.shape}")
    finite = np.isfinite(z)
    if not finite.all():
        index = np.unravel_index(int(np.argmax(~finite)), z.shape)
        where = ", ".join(str(int(i)) for i in index)
        raise ValueError(f"{name}[{where}] = {float(z[index])!r}; logits must be finite")
    return z


def softmax(logits: ArrayLike, axis: int = -1) -> NDArray[np.float64]:
    """``softmax(θ)_i = exp(θ_i) / Σ_j exp(θ_j)`` along ``axis``, computed as ``exp(θ - max θ)``.

    Stable for large logits; the logits must be finite.
    """
    z = _as_logits(logits, "logits")
    ax = check_axis(axis, z.ndim, "logits")
    assert ax is not None
    return _softmax(z, ax)


def _as_target(target: ArrayLike) -> NDArray[np.float64]:
    t = as_distribution(target, "target")
    if t.ndim != 1:
        raise ValueError(f"target must be a single 1-D distribution, got shape {t.shape}")
    return t


@dataclass(frozen=True, eq=False)
class FitTrajectory:
    """Every gradient-descent iterate ``k = 0 … steps`` of :func:`fit_softmax`.

    ``logits``, ``q``: ``(steps+1, n)``; ``cross_entropy`` ``H(p, q_k)`` and ``kl``
    ``KL(p‖q_k)``: ``(steps+1,)``; ``entropy`` ``H(p)``; ``target`` ``p``: ``(n,)``. At every
    step ``cross_entropy - kl == entropy`` (up to rounding, where finite).
    """

    logits: NDArray[np.float64]
    q: NDArray[np.float64]
    cross_entropy: NDArray[np.float64]
    kl: NDArray[np.float64]
    entropy: float
    target: NDArray[np.float64]


def fit_softmax(
    target: ArrayLike,
    logits0: ArrayLike | None = None,
    learning_rate: float = 0.5,
    steps: int = 200,
    unit: Unit = "bits",
) -> FitTrajectory:
    """Fit ``q = softmax(θ)`` to ``target`` by plain gradient descent on the cross-entropy.

    ``θ_{k+1} = θ_k - learning_rate · (softmax(θ_k) - p)``: the gradient of the loss in nats
    (so ``learning_rate`` does not depend on ``unit``; results are reported in ``unit``).
    ``logits0`` defaults to zeros, the uniform model. If ``target`` has zeros the optimum is
    at infinite logits; GD only approaches it (``KL`` then decays roughly like ``1/k``).
    """
    log_factor(unit)  # fail fast on a bad unit
    t = _as_target(target)
    n = t.shape[0]
    if logits0 is None:
        theta = np.zeros(n)
    else:
        theta = _as_logits(logits0, "logits0")
        if theta.shape != (n,):
            raise ValueError(f"logits0 must have shape ({n},) to match target, got {theta.shape}")
    lr = check_real(learning_rate, "learning_rate", low=0.0, low_open=True)
    steps = check_int(steps, "steps", 0)

    logits = np.empty((steps + 1, n))
    q = np.empty((steps + 1, n))
    logits[0] = theta
    for k in range(steps + 1):
        q[k] = _softmax(logits[k])
        if k < steps:
            logits[k + 1] = logits[k] - lr * (q[k] - t)
    ce = np.asarray(cross_entropy(t, q, unit))
    kl = np.asarray(kl_divergence(t, q, unit))
    t = t.copy()  # never freeze the caller's array
    for arr in (logits, q, ce, kl, t):
        arr.flags.writeable = False
    return FitTrajectory(logits, q, ce, kl, float(entropy(t, unit)), t)


class OptimalModel(NamedTuple):
    """The best softmax model found by :func:`optimal_model`: ``q`` and ``H(p, q)``."""

    q: NDArray[np.float64]
    cross_entropy: float


def optimal_model(target: ArrayLike, unit: Unit = "bits") -> OptimalModel:
    """Minimise ``H(p, softmax θ)`` over ``θ`` with ``scipy.optimize.minimize``.

    ``L(θ) = m · logsumexp(θ) - p·θ`` (nats, ``m = Σp ≈ 1``), with the analytic gradient
    ``m · q - p`` and Hessian ``m · (diag q - q qᵀ)``, ``q = softmax θ`` ("trust-exact").
    The answer is ``q ≈ p`` with ``H(p, q) ≈ H(p)``; it exists to cross-check
    :func:`fit_softmax`. Zeros in ``p`` are approached (``q_i`` tiny), never reached.
    """
    log_factor(unit)
    t = _as_target(target)
    mass = float(t.sum())

    def loss(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        lse = float(logsumexp(theta))
        return mass * lse - float(t @ theta), mass * np.exp(theta - lse) - t

    def hessian(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        q = _softmax(theta)
        return mass * (np.diag(q) - np.outer(q, q))

    from scipy.optimize import minimize  # lazily: importing it costs 0.1 s

    result = minimize(
        loss,
        np.zeros_like(t),
        jac=True,
        hess=hessian,
        method="trust-exact",
        options={"gtol": 1e-12, "maxiter": 1000},
    )
    q = _softmax(result.x)
    return OptimalModel(q, float(cross_entropy(t, q, unit)))
