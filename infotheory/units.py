"""Units of information: ``"bits"`` (log base 2), ``"nats"`` (base e) or any base b > 0, b != 1.

Every measure is computed in nats and divided by ``log_factor(unit) = ln(b)``:
``H_b = H_nats / ln b``.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Literal, TypeAlias

__all__ = ["Unit", "log_factor"]

Unit: TypeAlias = Literal["bits", "nats"] | float
"""``"bits"``, ``"nats"`` or a positive real log base other than 1 (e.g. ``10``, ``2.0``)."""

_NAMED: dict[str, float] = {"bits": math.log(2.0), "nats": 1.0}
_CHOICES = '"bits", "nats", or a positive real log base other than 1 (e.g. 10 or 2.0)'


def log_factor(unit: Unit) -> float:
    """The divisor ``ln(b)`` that converts nats into ``unit`` (``ln 2`` for bits, 1 for nats).

    Raises ``ValueError`` naming ``unit``, what is wrong and the valid choices. Every invalid
    unit raises ``ValueError``, whatever its type (booleans included: ``True`` is not a base).
    """
    if isinstance(unit, str):
        factor = _NAMED.get(unit)
        if factor is None:
            raise ValueError(f"unit={unit!r} is not a known unit name; valid units: {_CHOICES}")
        return factor
    if isinstance(unit, bool) or not isinstance(unit, Real):
        raise ValueError(
            f"unit={unit!r} is neither a unit name nor a real number; valid units: {_CHOICES}"
        )
    base = float(unit)
    if not math.isfinite(base):
        problem = "is not finite"
    elif base <= 0:
        problem = "is not positive"
    elif base == 1:
        problem = "is 1, and log base 1 is undefined"
    else:
        return math.log(base)
    raise ValueError(f"unit={unit!r} {problem}; valid units: {_CHOICES}")
