"""Named, labelled distributions: coins, dice and friends.

A :class:`Distribution` is validated on construction and converts to a probability array
(``np.asarray(d)``), so it can be passed to every measure directly::

    entropy(fair_coin())                     # 1.0
    cross_entropy(fair_coin(), rigged_coin())
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from infotheory.validation import as_distribution, check_int, check_real

__all__ = [
    "Distribution",
    "categorical",
    "fair_coin",
    "fair_die",
    "rigged_coin",
    "thick_coin",
    "uniform",
]


def _labels(outcomes: Iterable[str]) -> tuple[str, ...]:
    if isinstance(outcomes, str | bytes):
        raise TypeError(
            f"outcomes must be a sequence of labels, not the single string {outcomes!r}"
        )
    if not isinstance(outcomes, Iterable):
        raise TypeError(
            f"outcomes must be a sequence of string labels such as ('sun', 'rain'), "
            f"got {outcomes!r} ({type(outcomes).__name__})"
        )
    labels = tuple(outcomes)
    for i, label in enumerate(labels):
        if not isinstance(label, str):
            raise TypeError(f"outcomes[{i}] = {label!r} is not a string label")
    if not labels:
        raise ValueError("outcomes is empty; a distribution needs at least one outcome")
    if len(set(labels)) != len(labels):
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        raise ValueError(f"outcomes must be unique, repeated: {', '.join(map(repr, repeated))}")
    return labels


@dataclass(frozen=True, eq=False, repr=False)
class Distribution:
    """A finite distribution: ``probs[i]`` is the probability of ``outcomes[i]``.

    Validated on construction (unique string labels, one per probability, ``probs >= 0`` and
    ``Σ probs = 1``). ``probs`` is stored as a read-only float64 copy.
    """

    outcomes: tuple[str, ...]
    probs: NDArray[np.float64]

    def __post_init__(self) -> None:
        outcomes = _labels(self.outcomes)
        probs = as_distribution(self.probs, name="probs")
        if probs.ndim != 1:
            raise ValueError(f"probs must be 1-D, got shape {probs.shape}")
        if len(outcomes) != probs.shape[0]:
            raise ValueError(
                f"outcomes has {len(outcomes)} labels but probs has {probs.shape[0]} entries"
            )
        probs = probs.copy()
        probs.flags.writeable = False
        object.__setattr__(self, "outcomes", outcomes)
        object.__setattr__(self, "probs", probs)

    def __array__(self, dtype: DTypeLike = None, copy: bool | None = None) -> NDArray[Any]:
        probs = self.probs if dtype is None else self.probs.astype(dtype, copy=False)
        return probs.copy() if copy else probs

    def __len__(self) -> int:
        return len(self.outcomes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Distribution):
            return NotImplemented
        return self.outcomes == other.outcomes and np.array_equal(self.probs, other.probs)

    def __hash__(self) -> int:
        return hash((self.outcomes, self.probs.tobytes()))

    def __repr__(self) -> str:
        return f"Distribution({self.as_dict()!r})"

    def as_dict(self) -> dict[str, float]:
        """``{outcome: probability}`` in outcome order."""
        return dict(zip(self.outcomes, self.probs.tolist(), strict=True))

    def probability(self, outcome: str) -> float:
        """The probability of ``outcome``; ``KeyError`` listing the outcomes if unknown."""
        try:
            return float(self.probs[self.outcomes.index(outcome)])
        except ValueError:
            raise KeyError(
                f"unknown outcome {outcome!r}; outcomes are: {', '.join(self.outcomes)}"
            ) from None


def categorical(outcomes: Sequence[str], probs: ArrayLike) -> Distribution:
    """``Distribution(outcomes, probs)``: any labelled distribution."""
    return Distribution(_labels(outcomes), probs)  # validated once, in its own dtype


def uniform(outcomes: Sequence[str] | int) -> Distribution:
    """Every outcome equally likely: ``p_i = 1/n``.

    ``outcomes`` is a sequence of labels (``uniform(["a", "b", "c"])``) or a count ``n >= 1``
    (``uniform(94)``: outcomes ``"1" … "94"``, like :func:`fair_die`).
    """
    if isinstance(outcomes, Integral) and not isinstance(outcomes, bool):
        n = check_int(outcomes, "outcomes", 1)
        outcomes = [str(k) for k in range(1, n + 1)]
    elif not isinstance(outcomes, Iterable):
        raise TypeError(
            "outcomes must be a sequence of labels or a count of outcomes (an int >= 1), "
            f"got {outcomes!r} ({type(outcomes).__name__})"
        )
    labels = _labels(outcomes)
    return Distribution(labels, np.full(len(labels), 1.0 / len(labels)))


def fair_coin() -> Distribution:
    """heads, tails: ``(1/2, 1/2)``; ``H = 1`` bit."""
    return Distribution(("heads", "tails"), np.array([0.5, 0.5]))


def rigged_coin(heads: float = 0.9) -> Distribution:
    """heads, tails: ``(heads, 1 - heads)``, with ``heads`` in ``[0, 1]``."""
    h = check_real(heads, "heads", low=0.0, high=1.0, meaning="the probability of heads")
    return Distribution(("heads", "tails"), np.array([h, 1.0 - h]))


def thick_coin(edge: float = 0.1) -> Distribution:
    """heads, tails, edge: ``((1-edge)/2, (1-edge)/2, edge)``, with ``edge`` in ``[0, 1)``.

    A coin thick enough to land on its edge; ``edge = 0.1`` gives ``H ≈ 1.369`` bits.
    """
    e = check_real(
        edge, "edge", low=0.0, high=1.0, high_open=True, meaning="the probability of the edge"
    )
    side = (1.0 - e) / 2.0
    return Distribution(("heads", "tails", "edge"), np.array([side, side, e]))


def fair_die(faces: int = 6) -> Distribution:
    """Outcomes ``"1" … "faces"``, each ``1/faces``; ``faces`` an int ``>= 2``."""
    return uniform(check_int(faces, "faces", 2))
