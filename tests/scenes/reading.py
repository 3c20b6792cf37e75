"""Reading a read-out's label: the quantity it names, worked out by hand from the odds.

A test reads each read-out as drawn (label, number, unit), works out the quantity its
label names with plain numpy, and compares: a swapped label or a wrong number fails.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["worked_out"]

_NAMES = r"(\w+)"


def _entropy(p, q, log) -> float:
    p, q = np.asarray(p, float), np.asarray(q, float)
    seen = p > 0  # 0 log 0 = 0
    return float(-(p[seen] * log(q[seen])).sum())


def worked_out(
    label: str,
    dists: Mapping[str, Sequence[float]],
    *,
    log=np.log2,
    outcomes: Sequence[str] = (),
) -> float:
    """The value ``label`` names: ``H(p)``, ``H(p, q)``, ``"KL"(p || q)`` or ``S("rain")``
    (the surprise of an outcome under ``p``), for distributions named in ``dists``.
    A leading ``"name" =`` (``"the gap" = "KL"(p || q)``) is read past."""
    label = re.sub(r'^"[^"]*" = ', "", label)
    if m := re.fullmatch(rf"H\({_NAMES}\)", label):
        return _entropy(dists[m[1]], dists[m[1]], log)
    if m := re.fullmatch(rf"H\({_NAMES}, ?{_NAMES}\)", label):
        return _entropy(dists[m[1]], dists[m[2]], log)
    if m := re.fullmatch(rf'"KL"\({_NAMES} \|\| {_NAMES}\)', label):
        return _entropy(dists[m[1]], dists[m[2]], log) - _entropy(dists[m[1]], dists[m[1]], log)
    if m := re.fullmatch(r'S\("(\w+)"\)', label):
        return float(-log(dists["p"][list(outcomes).index(m[1])]))
    raise ValueError(f"cannot read the label {label!r}")
