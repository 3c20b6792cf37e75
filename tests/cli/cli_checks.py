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


def audio_seconds(path: Path) -> float | None:
    """Seconds of sound in ``path`` (``None`` when it has no audio stream)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / stream.codec_context.sample_rate


def assert_complete(out: SceneOutputs, voiced: bool = True) -> None:
    """The video plays, with its narration as long as the picture (unless ``voiced`` is
    false: then silent), the captions and sections sit beside it, each clip with its
    own sound, and nothing is left half-done."""
    media = [out.video]
    captions = out.captions.read_text(encoding="utf-8")
    assert "A square." in captions and "It glows." in captions
    sections = json.loads(out.sections_index.read_text(encoding="utf-8"))
    assert [s["name"] for s in sections] == BEATS
    assert [line["text"] for s in sections for line in s["lines"]] == [
        "Tiny.",
        "A square.",
        "It glows.",
        "Done.",
    ]
    for index, section in enumerate(sections, start=1):
        clip = out.folder / section["video"]
        assert clip == out.clip(index, section["name"])
        media.append(clip)
    for path in media:
        seconds = video_seconds(path)
        assert seconds > 0
        sound = audio_seconds(path)
        if voiced:
            assert sound is not None, f"{path.name} has no sound"
            assert abs(sound - seconds) < 0.07, f"{path.name}: {sound} s of sound, {seconds} s"
        else:
            assert sound is None, f"{path.name} should be silent"
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
        # A forked worker shows its fork server's command line.
        ours = b"scenes._worker" in cmdline or b"scenes._zygote" in cmdline
        if ours and str(media).encode() in cmdline and state != "Z":
            pids.append(int(proc.name))
    return pids


def pictures(path: Path) -> list:
    """Every picture of ``path``'s video, as its Y, U and V planes in one array."""
    import numpy as np

    with av.open(str(path)) as container:
        return [
            np.concatenate([np.frombuffer(plane, np.uint8) for plane in frame.planes])
            for frame in container.decode(video=0)
        ]


def worst_psnr(reference: Path, candidate: Path) -> float:
    """The lowest PSNR (dB) of any frame of ``candidate`` against the same frame of
    ``reference``; both must have as many frames."""
    import math

    import numpy as np

    ours, theirs = pictures(reference), pictures(candidate)
    assert len(ours) == len(theirs), f"{len(theirs)} frames, not {len(ours)}: {candidate.name}"
    worst = math.inf
    for a, b in zip(ours, theirs, strict=True):
        mse = float(np.mean((a.astype(np.float64) - b) ** 2))
        worst = min(worst, math.inf if mse == 0 else 10 * math.log10(255**2 / mse))
    return worst


def sound(path: Path):
    """The decoded samples of ``path``'s narration (``None`` when it is silent)."""
    import numpy as np

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        return np.concatenate([f.to_ndarray().ravel() for f in container.decode(audio=0)])


def descendants(ancestor: int, marker: bytes) -> list[int]:
    """Live processes with ``marker`` in their command line that descend from ``ancestor``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in cmdline and ancestor in ancestry(int(proc.name)):
            found.append(int(proc.name))
    return found


def render_workers(ancestor: int) -> list[int]:
    """Live render workers under ``ancestor``: started as ``scenes._worker``, or forked by
    the run's fork server (they show its command line; the server itself is none)."""
    forked = descendants(ancestor, b"scenes._zygote")
    return descendants(ancestor, b"scenes._worker") + [
        pid for pid in forked if ancestry(pid)[:1] != [ancestor]
    ]


def ancestry(pid: int) -> list[int]:
    """``pid``'s parent, grandparent, ... up to the first process."""
    chain = []
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        chain.append(pid)
    return chain


def picture_length(path: Path) -> float:
    """Seconds of picture: the summed lengths of the video's packets (manim's join can
    leave the last timestamps a few ticks off the frame grid; the lengths stay exact)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        ticks = sum(p.duration or 0 for p in container.demux(stream) if p.size)
        return float(ticks * stream.time_base)
