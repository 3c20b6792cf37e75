"""Frames to look at: the middle and the last frame of every section of rendered scenes.

    .venv/bin/python tests/tools/section_frames.py media/high/09-asymmetry.mp4 [more.mp4 ...]
        --out /tmp/frames [--sections verdict,takeaway]

For each video it reads the sections index beside it (``<video>.sections.json``) and
writes ``<out>/<stem>/<NN>-<section>.mid.png`` and ``.end.png``: the frames a reviewer
looks at. A developer tool, not part of the package.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import av


def section_frames(video: Path, out: Path, only: set[str] | None = None) -> list[Path]:
    sections = json.loads(Path(f"{video}.sections.json").read_text(encoding="utf-8"))
    # By time, not by frame number: a held picture is written as one long frame, so the
    # video's frame rate varies and frame n is not at n / fps.
    wanted: list[tuple[float, Path]] = []
    for section in sections:
        if only and section["name"] not in only:
            continue
        start, end = float(section["start"]), float(section["end"])
        name = f"{section['index']:02d}-{section['name']}"
        wanted.append(((start + end) / 2, out / f"{name}.mid.png"))
        wanted.append((end - 1e-3, out / f"{name}.end.png"))  # on screen as it ends
    wanted.sort(key=lambda pair: pair[0])
    out.mkdir(parents=True, exist_ok=True)
    shown, pending = None, list(wanted)
    with av.open(str(video)) as container:
        for frame in container.decode(container.streams.video[0]):
            starts = float(frame.pts * frame.time_base)
            # The frame on screen at a time is the last one that started by then.
            while pending and shown is not None and starts > pending[0][0]:
                shown.to_image().save(pending.pop(0)[1])
            if not pending:
                break
            shown = frame
        for _, path in pending:  # times past the last frame's start: the last frame
            shown.to_image().save(path)
    return sorted(path for _, path in wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("videos", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--sections", default="", help="comma-separated section names")
    args = parser.parse_args()
    only = set(args.sections.split(",")) if args.sections else None
    for video in args.videos:
        stem = video.name.split(".")[0]
        for path in section_frames(video, args.out / stem, only):
            print(path)


if __name__ == "__main__":
    main()
