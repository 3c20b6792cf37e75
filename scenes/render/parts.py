"""A unit's output (a *part*) and the join of a scene's parts into the files of a whole render.

A unit of a split or cluster render (:mod:`scenes.render.units`) leaves in one folder
the clips of the beats it drew, a manifest (``part.json``) and, if it drew the scene's
first beat, the captions and the narration track: every unit plays the whole scene, so
each knows every line, but one copy is enough (the others do not even master the track).
A folder is all a part is, so it can travel as bytes or through a shared folder
(:mod:`scenes.render.cluster`).

:func:`join_parts` checks that the parts agree (the same beats, the same length: a
scene that played differently in two processes is refused, not published), orders the
clips by beat and publishes them as one render (:func:`scenes.render.publish.publish`):
the video is the clips joined by copying packets, the narration is muxed into it and
into each clip, exactly as a whole render does.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.render.atomic import write_text_atomic
from scenes.render.publish import Finished, publish
from scenes.render.units import Chunk

if TYPE_CHECKING:
    from scenes.render.worker import Job

__all__ = ["MANIFEST", "Part", "PartsDisagreeError", "join_parts", "read_part", "write_part"]

MANIFEST = "part.json"
CAPTIONS = "captions.srt"
TRACK = "narration.wav"
# Timings agree to well under a sample (48 kHz): the clock is the same sum in every unit.
TOLERANCE = 1e-6


class PartsDisagreeError(RuntimeError):
    """The units of one scene played it differently: their parts cannot be joined."""


@dataclass(frozen=True)
class Part:
    folder: Path
    manifest: dict[str, Any]

    @property
    def chunk(self) -> Chunk:
        return Chunk(**self.manifest["chunk"])

    def file(self, name: str | None) -> Path | None:
        return self.folder / name if name else None


def write_part(job: Job, finished: Finished, beats: Sequence[str], folder: Path) -> Path:
    """Move what a unit rendered into ``folder`` as a part; the manifest is written last."""
    folder.mkdir(parents=True, exist_ok=True)
    chunk = job.chunk or Chunk(0, 1)
    first = 0 in chunk  # the unit that draws the first beat keeps what one copy is enough of
    sections = []
    for section in finished.sections:
        source = Path(section["video"])
        os.replace(source, folder / source.name)
        sections.append({**section, "video": source.name, "beat": beats.index(section["name"])})
    captions = track = video = None
    if first and finished.captions is not None:
        captions = CAPTIONS
        shutil.move(finished.captions, folder / captions)
    if first and finished.track is not None:
        track = TRACK
        shutil.move(finished.track, folder / track)
    if job.chunk is None and job.fmt == "gif" and finished.video is not None:
        # A GIF's palette is made over the whole scene: its clips cannot be joined by copying.
        video = finished.video.name
        shutil.move(finished.video, folder / video)
    manifest = {
        "stem": job.stem,
        "source_key": job.source_key,
        "chunk": asdict(chunk),
        "beats": list(beats),
        "lines": finished.lines,
        "sections": sections,
        "captions": captions,
        "track": track,
        "video": video,
        "voice": finished.voice,
        "duration": finished.duration,
        "render_seconds": finished.render_seconds,
        "frame_cost": finished.extra.get("frame_cost"),
    }
    write_text_atomic(folder / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    return folder


def read_part(folder: Path) -> Part:
    return Part(Path(folder), json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8")))


def _check(parts: Sequence[Part], stem: str) -> None:
    first = parts[0].manifest
    count = len(parts)
    if sorted(p.chunk.index for p in parts) != list(range(count)) or any(
        p.chunk.count != count for p in parts
    ):
        labels = [p.chunk.label for p in parts]
        raise PartsDisagreeError(f"{stem}: parts {labels} are not 1..{count} of {count}")
    for part in parts[1:]:
        other = part.manifest
        if other["beats"] != first["beats"]:
            raise PartsDisagreeError(
                f"{stem}: unit {part.chunk.label} played beats {other['beats']}, "
                f"unit 1/{count} {first['beats']}"
            )
        if abs(other["duration"] - first["duration"]) > TOLERANCE:
            raise PartsDisagreeError(
                f"{stem}: unit {part.chunk.label} lasted {other['duration']:.6f} s, "
                f"unit 1/{count} {first['duration']:.6f} s"
            )
    drawn = [s["beat"] for p in parts for s in p.manifest["sections"]]
    strays = [s["beat"] for p in parts for s in p.manifest["sections"] if s["beat"] not in p.chunk]
    if strays or sorted(drawn) != list(range(len(first["beats"]))):  # each beat once
        raise PartsDisagreeError(
            f"{stem}: the units drew beats {sorted(drawn)} of {first['beats']}"
        )


def _total_cost(parts: Sequence[Part]) -> dict | None:
    """The units' frame costs added up: the scene's, as a whole render records it."""
    costs = [p.manifest.get("frame_cost") for p in parts]
    if any(cost is None for cost in costs):
        return None
    return {key: round(sum(cost[key] for cost in costs), 3) for key in costs[0]}


def join_parts(job: Job, parts: Sequence[Part], staging: Path, render_seconds: float) -> dict:
    """Publish ``parts`` (every unit of ``job``'s scene) as one render; the key file's record.

    ``render_seconds`` is the scene's wall time, from its first unit's start. The caller
    holds the scene's lock.
    """
    parts = sorted(parts, key=lambda p: p.chunk.index)
    _check(parts, job.stem)
    head = next(p for p in parts if 0 in p.chunk)  # it kept the captions and the track
    sections = sorted(
        ({**s, "video": str(p.folder / s["video"])} for p in parts for s in p.manifest["sections"]),
        key=lambda s: s["beat"],
    )
    finished = Finished(
        sections=[{k: v for k, v in s.items() if k != "beat"} for s in sections],
        lines=head.manifest["lines"],
        captions=head.file(head.manifest["captions"]),
        track=head.file(head.manifest["track"]),
        voice=head.manifest["voice"],
        duration=float(head.manifest["duration"]),
        render_seconds=render_seconds,
        video=head.file(head.manifest.get("video")),
        extra={
            "frame_cost": _total_cost(parts),
            **({"units": len(parts)} if len(parts) > 1 else {}),
        },
    )
    return publish(job, finished, staging)
