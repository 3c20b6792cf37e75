"""What a scene's beats are and how long they run, remembered per source key.

Counting sections takes a dry run (seconds per scene), so ``explainer list``
and the progress bars read the answer from a small cache that every dry run
and every render fills in, or, for a built-in scene with its default parameters,
from the catalogue shipped with the package (:mod:`scenes.catalogue`). A changed
scene has a new source key and digest, so stale entries are simply never read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scenes.render.atomic import write_text_atomic

__all__ = [
    "SceneInfo",
    "cache_root",
    "known_info",
    "load_info",
    "save_info",
    "save_rendered",
    "voice_cache_dir",
]


def cache_root(xdg_cache_home: Path | None = None) -> Path:
    """The explainer's cache folder, under ``$XDG_CACHE_HOME`` (or under
    ``xdg_cache_home``, for a process that will be given that one)."""
    base = xdg_cache_home or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "infotheory-explainer"


def typst_cache_dir() -> Path:
    """Where compiled formulas are cached between runs: inside :func:`cache_root`."""
    return cache_root() / "typst"


def voice_cache_dir(xdg_cache_home: Path | None = None) -> Path:
    """Where synthesised sentences are cached between runs: inside :func:`cache_root`."""
    return cache_root(xdg_cache_home) / "voice"


@dataclass(frozen=True)
class SceneInfo:
    beats: tuple[str, ...]
    duration: float  # seconds of video
    lengths: tuple[float, ...] | None = None  # seconds of each beat, if recorded

    def __post_init__(self) -> None:
        if self.lengths is not None and len(self.lengths) != len(self.beats):
            object.__setattr__(self, "lengths", None)  # not this scene's: unknown

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> SceneInfo:
        """Of a JSON record with ``beats``, ``duration`` and, if known, ``lengths``: the
        cache's own, a render's key file, the catalogue's."""
        lengths = record.get("lengths")
        return cls(
            tuple(record["beats"]),
            float(record["duration"]),
            tuple(map(float, lengths)) if lengths else None,
        )

    @classmethod
    def played(cls, beats: Sequence[Any]) -> SceneInfo:
        """Of a played scene's beat records (each with a ``name``, ``start`` and ``end``)."""
        return cls(
            tuple(beat.name for beat in beats),
            float(beats[-1].end),
            tuple(round(beat.end - beat.start, 6) for beat in beats),
        )


def _path(source_key: str) -> Path:
    return cache_root() / "scene-info" / f"{source_key[:32]}.json"


def load_info(source_key: str) -> SceneInfo | None:
    try:
        return SceneInfo.from_record(json.loads(_path(source_key).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_info(source_key: str, info: SceneInfo) -> None:
    with suppress(OSError):  # a cache that cannot be written only costs time
        write_text_atomic(_path(source_key), json.dumps(asdict(info)))


def save_rendered(source_key: str, record: dict[str, Any]) -> None:
    """Remember what a render's key file ``record`` says of the scene's beats."""
    save_info(source_key, SceneInfo.from_record(record))


def known_info(source_key: str, stem: str, sources: str) -> SceneInfo | None:
    """What is known of a scene without playing it: the cache's record of
    ``source_key``, else the catalogue's of ``stem`` if made from these ``sources``
    (a :func:`~scenes.render.keys.sources_digest`). Only for default parameters:
    the catalogue knows nothing of variants."""
    from scenes.catalogue import recorded_info

    return load_info(source_key) or recorded_info(stem, sources)
