"""What each scene costs to render per second of its video, to start the costliest first.

The queue starts the longest units first, so that none is left for the end while the
other workers idle. A scene's video length is a poor guide to its cost: at 1080p60
part 2 (fog over full-screen images) takes 1.3 s to render a second of video, the
password extra 0.5 s. Started last, a costly scene kept one core idle for the last
ten seconds of a whole render.

So every render records, per quality, each rendered scene's real-time factor (render
seconds per video second) in the user's cache, and the queue expects a unit to cost
its length times that factor. A scene this machine has not rendered at that quality
takes the factor shipped with the package (``scenes/render-costs.json``, written by
``tests/benchmarks/bench_render.py --save-costs``); a scene neither knows takes the mean
of the factors known. Factors are only ever a guide to the order: a wrong one costs
time, never a wrong picture.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path

from scenes.render.atomic import write_text_atomic
from scenes.render.scene_info import cache_root

__all__ = ["SHIPPED", "expected_costs", "factors", "record_factors", "save_factors"]

SHIPPED = Path(__file__).resolve().parents[1] / "render-costs.json"

# (quality, stem, video seconds, render seconds) of one rendered scene.
Measured = tuple[str, str, float, float]


def _cache_file() -> Path:
    return cache_root() / "render-costs.json"


def _read(path: Path) -> dict[str, dict[str, float]]:
    """``{quality: {stem: factor}}`` from ``path``; empty if missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["factors"]
        return {
            str(quality): {str(stem): float(f) for stem, f in table.items() if float(f) > 0}
            for quality, table in data.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def factors(quality: str, shipped: Path | None = None) -> dict[str, float]:
    """Each scene stem's render seconds per video second at ``quality``: this machine's
    own where it has rendered the scene, else the shipped figure (of :data:`SHIPPED`
    unless ``shipped`` names another table)."""
    table = _read(shipped or SHIPPED).get(quality, {})
    return {**table, **_read(_cache_file()).get(quality, {})}


def expected_costs(
    units: Iterable[tuple[str, str, float | None]], shipped: Path | None = None
) -> list[float | None]:
    """For each ``(quality, stem, video seconds)``: the render seconds to expect, or
    ``None`` where the length is unknown. A stem with no factor takes the mean of those
    known at its quality (1.0 if none is)."""
    units = list(units)
    known: dict[str, tuple[dict[str, float], float]] = {}  # quality -> (factors, mean)
    for quality in {q for q, _, _ in units}:
        table = factors(quality, shipped)
        known[quality] = (table, sum(table.values()) / len(table) if table else 1.0)
    costs: list[float | None] = []
    for quality, stem, seconds in units:
        table, mean = known[quality]
        costs.append(None if seconds is None else seconds * table.get(stem, mean))
    return costs


def record_factors(measured: Iterable[Measured]) -> dict[str, dict[str, float]]:
    """``{quality: {stem: factor}}`` of the scenes in ``measured`` that have a length."""
    table: dict[str, dict[str, float]] = {}
    for quality, stem, video, render in measured:
        if video > 0 and render > 0:
            table.setdefault(quality, {})[stem] = round(render / video, 3)
    return table


def save_factors(
    new: Mapping[str, Mapping[str, float]], path: Path | None = None, note: str = ""
) -> None:
    """Merge ``new`` into the factors kept at ``path`` (the user's cache by default).
    A cache that cannot be written only costs time, so errors pass."""
    path = path or _cache_file()
    if not any(new.values()):
        return
    kept = _read(path)
    for quality, table in new.items():
        kept.setdefault(quality, {}).update(table)
    record = {"factors": {q: dict(sorted(t.items())) for q, t in sorted(kept.items())}}
    if note:
        record = {"written by": note, **record}
    with suppress(OSError):
        write_text_atomic(path, json.dumps(record, indent=1) + "\n")
