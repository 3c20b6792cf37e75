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
    # Frames are picked by their time, not their index: a still stretch may be written as
    # one long frame, so the frame count does not follow the clock.
    wanted: dict[Path, float] = {}
    for section in sections:
        if only and section["name"] not in only:
            continue
        start, end = float(section["start"]), float(section["end"])
        name = f"{section['index']:02d}-{section['name']}"
        wanted[out / f"{name}.mid.png"] = (start + end) / 2
        wanted[out / f"{name}.end.png"] = end
    out.mkdir(parents=True, exist_ok=True)
    shown: dict[Path, object] = {}  # the frame on screen at each wanted time
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            # A frame is on screen from its time until the next frame's; the section's end
            # is the instant the next section starts, so it belongs to the frame before.
            for path, at in wanted.items():
                if frame.time < at - 1e-6:
                    shown[path] = frame
            if all(frame.time >= at - 1e-6 for at in wanted.values()):
                break
        for path, frame in shown.items():
            frame.to_image().save(path)
    return sorted(shown)


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
