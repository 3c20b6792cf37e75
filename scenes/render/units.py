"""Units of rendering work: a whole scene, or one chunk of its beats.

A scene split ``count`` ways renders as ``count`` units; each draws some of its beats
and plays the others without drawing them (:mod:`scenes.kit.partial`). When an earlier
render (or the catalogue) recorded how long each beat lasts, the beats are dealt so
that every unit draws about as many seconds (:func:`balanced`); otherwise unit
``index`` draws the beats ``index, index + count, index + 2·count, …``, a share of long
and short beats without knowing in advance how many beats the scene has. The client
joins the units' clips into the files a whole render makes (:mod:`scenes.render.parts`).

:func:`plan_units` decides how many ways each scene is split and orders the units
longest first, so the longest ones are never left for the end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["Chunk", "balanced", "chunks_per_scene", "longest_first", "split_setting"]

T = TypeVar("T")


@dataclass(frozen=True)
class Chunk:
    """Unit ``index`` of a scene split ``count`` ways: which beats it draws.

    ``owners``, when the beats were dealt by their lengths, names the unit that draws
    each beat; beats past its end (every beat, without it) go round in turn.
    """

    index: int
    count: int
    owners: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise ValueError(f"chunk {self.index} of {self.count} does not exist")
        if self.owners is not None:
            object.__setattr__(self, "owners", tuple(self.owners))  # a list, from JSON
            if any(not 0 <= owner < self.count for owner in self.owners):
                raise ValueError(f"beats dealt to units {self.owners} of {self.count}")

    def __contains__(self, beat: object) -> bool:
        if not isinstance(beat, int):
            return False
        if self.owners is not None and beat < len(self.owners):
            return self.owners[beat] == self.index
        return beat % self.count == self.index

    @property
    def label(self) -> str:
        """``2/4``: the second of four, as progress shows it."""
        return f"{self.index + 1}/{self.count}"

    @classmethod
    def all_of(cls, count: int, owners: Sequence[int] | None = None) -> list[Chunk]:
        dealt = tuple(owners) if owners is not None else None
        return [cls(index, count, dealt) for index in range(count)]


def balanced(lengths: Sequence[float], count: int) -> tuple[int, ...]:
    """Which of ``count`` units draws each beat of ``lengths`` (seconds), so that the
    units draw about as many seconds each: the longest beat first, each to the unit with
    the fewest seconds so far (then the fewest beats, then the first)."""
    loads = [0.0] * count
    sizes = [0] * count
    owners = [0] * len(lengths)
    for beat in sorted(range(len(lengths)), key=lambda b: (-lengths[b], b)):
        unit = min(range(count), key=lambda u: (loads[u], sizes[u], u))
        owners[beat] = unit
        loads[unit] += lengths[beat]
        sizes[unit] += 1
    return tuple(owners)


def split_setting(text: str | None) -> bool | int | None:
    """``--split`` or ``$EXPLAINER_SPLIT`` as :func:`chunks_per_scene` takes it: ``auto``
    (or nothing) is ``None``, ``off`` ``False``, ``all`` ``True``, a number that many
    chunks."""
    value = (text or "auto").strip().lower()
    named = {"auto": None, "off": False, "no": False, "all": True, "on": True}
    if value in named:
        return named[value]
    try:
        count = int(value)
    except ValueError:
        raise ValueError(
            f"split must be auto, off, all or a number of chunks, not {text!r}"
        ) from None
    if count < 1:
        raise ValueError(f"a scene splits into at least 1 chunk, not {count}")
    return count


def chunks_per_scene(scenes: int, workers: int, split: bool | int | None) -> int:
    """How many units each of ``scenes`` scenes renders as.

    ``split`` is ``False`` (never split), a number of chunks, ``True`` (as many as there
    are workers) or ``None``, the automatic policy: split only when there are fewer
    scenes than workers, into just enough chunks to give every worker a unit.
    """
    if split is False or scenes == 0:
        return 1
    if split is True:
        return max(1, workers)
    if split is None:
        return max(1, math.ceil(workers / scenes)) if scenes < workers else 1
    if split < 1:
        raise ValueError(f"a scene splits into at least 1 chunk, not {split}")
    return split


def longest_first(items: Sequence[T], seconds: Sequence[float | None]) -> list[T]:
    """``items`` ordered by expected length, longest first; unknown lengths go first
    (a scene never rendered may be the longest), in their given order."""
    order = sorted(
        range(len(items)),
        key=lambda i: (seconds[i] is not None, -(seconds[i] or 0.0), i),
    )
    return [items[i] for i in order]
