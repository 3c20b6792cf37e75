"""Checks for scene parameters, with one wording for every scene.

A scene's ``Params.__post_init__`` calls these so a bad value is refused with a
message that names the field, the allowed range and the value it got.
"""

from __future__ import annotations

__all__ = ["is_number", "whole_number"]


def whole_number(name: str, value: object, low: int, high: int | None = None) -> int:
    """Return ``value`` if it is a whole number in ``[low, high]``; else name ``name`` in an error.

    ``True`` and ``False`` are refused: a flag is not a count.
    """
    ok = (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )
    if not ok:
        span = f"from {low} to {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be a whole number {span}, not {value!r}")
    return value


def is_number(value: object) -> bool:
    """Whether ``value`` is an int or float: ``True`` and ``False`` are not numbers here.

    Range checks follow it, and NaN fails every comparison, so it is refused too.
    """
    return isinstance(value, int | float) and not isinstance(value, bool)
