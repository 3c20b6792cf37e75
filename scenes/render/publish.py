"""Publishing a finished render: clips with their narration, the sections index, the
captions and the video, each into the media folder by rename, the key file last.

A whole render publishes from its worker (:mod:`scenes.render.worker`); a render split
into units is joined and published by the client (:mod:`scenes.render.parts`). Both
describe what they made as a :class:`Finished` and end here, so the files are the same
either way. The caller holds the scene's lock.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.render.atomic import publish_file, write_text_atomic
from scenes.render.join import join_videos
from scenes.render.layout import SceneOutputs, clip_extension

if TYPE_CHECKING:
    import numpy as np

    from scenes.render.worker import Job

__all__ = ["Finished", "publish"]


@dataclass
class Finished:
    """What a render made in its work folder: everything publishing needs."""

    # manim's sections index, one entry per beat in order, each with "video" the clip's path
    sections: list[dict[str, Any]]
    lines: dict[str, list[dict[str, Any]]]  # each beat's narration (Utterance.as_dict)
    captions: Path | None
    track: Path | None  # the mastered narration (a WAV at SAMPLE_RATE); None: silent
    voice: str
    duration: float  # seconds of video, by the scene's clock
    render_seconds: float
    video: Path | None = None  # the whole picture; None: joined from the clips
    extra: dict[str, Any] = field(default_factory=dict)  # more fields for the key file


def _stage_sections(
    finished: Finished, track: np.ndarray | None, outputs: SceneOutputs, staging: Path
) -> tuple[Path, Path, list[dict[str, Any]]]:
    """Clips renamed to ``NN-beat.ext`` in a staging folder, each with its slice of the
    narration, and the rewritten index with every beat's lines."""
    from scenes.render.sound import audio_codec, mux_audio
    from scenes.voice.speech import SAMPLE_RATE

    clips = staging / outputs.sections_dir.name
    clips.mkdir(parents=True, exist_ok=True)
    entries = []
    start = 0.0
    for index, section in enumerate(finished.sections, start=1):
        entry = dict(section)
        final = outputs.clip(index, entry["name"])
        source = Path(entry["video"])
        if track is not None and audio_codec(final) is not None:
            first = round(start * SAMPLE_RATE)
            mux_audio(source, track[first:], clips / final.name)
        else:
            os.replace(source, clips / final.name)
        duration = float(entry["duration"])
        entry.update(
            video=f"{outputs.sections_dir.name}/{final.name}",
            index=index,
            start=round(start, 6),
            end=round(start + duration, 6),
            lines=finished.lines.get(entry["name"], []),
        )
        entries.append(entry)
        start += duration
    index_file = staging / outputs.sections_index.name
    index_file.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return clips, index_file, entries


def publish(job: Job, finished: Finished, staging: Path) -> dict[str, Any]:
    """Stage ``finished`` in ``staging``, move it into the media folder and write the key
    file last; returns the key file's record."""
    from scenes.render.sound import audio_codec, mux_audio
    from scenes.voice.speech import read_wav

    started = time.perf_counter()
    outputs = job.outputs
    staging.mkdir(parents=True, exist_ok=True)
    track = read_wav(finished.track)[0] if finished.track is not None else None
    video = finished.video
    if video is None:  # a split render: its clips, in order, are the whole picture
        clips = [Path(section["video"]) for section in finished.sections]
        video = join_videos(clips, staging / f"joined.{job.fmt}")
    clips, index_file, entries = _stage_sections(finished, track, outputs, staging)
    if track is not None and audio_codec(video) is not None:
        video = mux_audio(video, track, staging / f"voiced.{job.fmt}")

    outputs.key_file.unlink(missing_ok=True)  # from here on, the old outputs are stale
    files = []
    # Clip by clip: other formats' clips share the folder and stay.
    new_clips = sorted(clips.iterdir())
    for clip in new_clips:
        publish_file(clip, outputs.sections_dir / clip.name)
        files.append(f"{outputs.sections_dir.name}/{clip.name}")
    kept = {clip.name for clip in new_clips}
    for old in outputs.sections_dir.glob(f"*.{clip_extension(job.fmt)}"):
        if old.name not in kept:
            old.unlink(missing_ok=True)  # a beat that is no longer in the scene
    publish_file(index_file, outputs.sections_index)
    files.append(outputs.sections_index.name)
    if finished.captions is not None and finished.captions.exists():
        publish_file(finished.captions, outputs.captions)
        files.append(outputs.captions.name)
    publish_file(video, outputs.video)
    files.append(outputs.video.name)

    record = {
        "key": job.key,
        "source_key": job.source_key,
        "scene": f"{job.module}.{job.class_name}",
        "quality": job.quality,
        "format": job.fmt,
        "files": files,
        "beats": [e["name"] for e in entries],
        "lengths": [round(e["end"] - e["start"], 6) for e in entries],
        "voice": finished.voice,
        "duration": round(finished.duration, 6),
        "render_seconds": round(finished.render_seconds, 3),
        # Joining clips and muxing the narration: the client's share of a split render.
        "publish_seconds": round(time.perf_counter() - started, 3),
        **finished.extra,
        "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    write_text_atomic(outputs.key_file, json.dumps(record, indent=2) + "\n")
    return record
