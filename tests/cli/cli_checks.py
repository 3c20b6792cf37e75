"""Assertions on rendered files, shared by the command-line tests."""

from __future__ import annotations

import json
import time
from pathlib import Path

import av

from scenes.render.layout import SceneOutputs, scene_outputs

BEATS = ["opening", "square", "glow", "takeaway"]


def outputs(media: Path, stem: str, quality: str = "low", fmt: str = "mp4") -> SceneOutputs:
    return scene_outputs(media, quality, stem, fmt)


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return frames / float(stream.average_rate)


def assert_complete(out: SceneOutputs) -> None:
    """The video plays, the captions and sections sit beside it, nothing is left half-done."""
    assert video_seconds(out.video) > 0
    captions = out.captions.read_text(encoding="utf-8")
    assert "A square." in captions and "It glows." in captions
    sections = json.loads(out.sections_index.read_text(encoding="utf-8"))
    assert [s["name"] for s in sections] == BEATS
    for index, section in enumerate(sections, start=1):
        clip = out.folder / section["video"]
        assert clip == out.clip(index, section["name"])
        assert video_seconds(clip) > 0
    assert json.loads(out.key_file.read_text())["beats"] == BEATS
    assert leftovers(out.folder.parent) == []


def leftovers(media: Path) -> list[Path]:
    """Temporary files, aside folders and run folders that a finished run should not leave."""
    found = [*media.rglob(".*.part"), *media.rglob(".*.old")]
    work = media / ".explainer" / "work"
    if work.is_dir():
        found += list(work.iterdir())
    return found


def wait_for(predicate, timeout: float = 30.0, every: float = 0.05):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")


def workers_for(media: Path) -> list[int]:
    """Process ids of live render workers writing into ``media``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if b"scenes._worker" in cmdline and str(media).encode() in cmdline and state != "Z":
            pids.append(int(proc.name))
    return pids
