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
    wanted: dict[int, Path] = {}
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate)
        for section in sections:
            if only and section["name"] not in only:
                continue
            first = round(float(section["start"]) * fps)
            last = round(float(section["end"]) * fps) - 1
            name = f"{section['index']:02d}-{section['name']}"
            wanted[(first + last) // 2] = out / f"{name}.mid.png"
            wanted[last] = out / f"{name}.end.png"
        out.mkdir(parents=True, exist_ok=True)
        for index, frame in enumerate(container.decode(stream)):
            if index in wanted:
                frame.to_image().save(wanted[index])
            if index >= max(wanted, default=-1):
                break
    return sorted(wanted.values())


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
