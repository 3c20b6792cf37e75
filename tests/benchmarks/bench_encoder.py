"""Benchmark: x264 settings for the scene videos, at equal pictures: size, time and PSNR.

Run with ``python tests/benchmarks/bench_encoder.py [--scene 9] [--quality high]``;
never by pytest.

1. Renders one scene once and records every picture it sends to the encoder,
   converted, with how many ticks it lasts and where each partial movie starts.
2. Encodes that record with each setting in the table, the way the renderer
   does: a keyframe at each partial movie, and a partial movie that shows one
   picture throughout as a few frames, the last one lasting the rest (see
   ``scenes/kit/frames.py``); ``every frame`` rows repeat every held frame as
   manim does. CPU seconds are the encoding process's, x264's threads included.
3. Compares each result with a lossless encode of the same record (PSNR of the
   decoded pictures, time for time: ``scenes/render/psnr.py``).

``--pairs`` also runs two encodes at once for each thread count, as
``explainer render --jobs 2`` does on two cores, and reports their wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import table

from scenes.kit.frames import HOLD_LEAD_FRAMES
from scenes.render.layout import ENCODER_OPTIONS
from scenes.render.planes import plane_rows
from scenes.render.psnr import compare_videos

REPO = Path(__file__).resolve().parents[2]

MBTREE_B1 = {"x264-params": "mbtree=1:rc-lookahead=10:bframes=1"}
CABAC_MBTREE = {"x264-params": "cabac=1:mbtree=1:rc-lookahead=10"}
# The renderer's own setting, less the thread count each row sets.
CHOSEN = {k: v for k, v in ENCODER_OPTIONS["mp4"].items() if k != "threads"}


def _chosen_with(params: str) -> dict[str, str]:
    """The renderer's setting with more x264 parameters."""
    return {**CHOSEN, "x264-params": f"{CHOSEN['x264-params']}:{params}"}


# (label, x264 options, holds as one frame?, threads)
SETTINGS: list[tuple[str, dict[str, str], bool, int]] = [
    ("medium (manim's default), every frame", {"preset": "medium"}, False, 1),
    ("veryfast (before), every frame", {"preset": "veryfast"}, False, 1),
    ("veryfast", {"preset": "veryfast"}, True, 1),
    ("ultrafast", {"preset": "ultrafast"}, True, 1),
    ("superfast", {"preset": "superfast"}, True, 1),
    ("superfast + mbtree (the renderer's)", CHOSEN, True, 1),
    ("superfast + mbtree, bframes=1", {"preset": "superfast", **MBTREE_B1}, True, 1),
    ("superfast + mbtree, bframes=0", _chosen_with("bframes=0"), True, 1),
    ("superfast + mbtree, aq-mode=0", _chosen_with("aq-mode=0"), True, 1),
    ("superfast + mbtree, no deblocking", _chosen_with("no-deblock=1"), True, 1),
    ("superfast + mbtree, subme=0", _chosen_with("subme=0"), True, 1),
    ("veryfast me=dia subme=1", {"preset": "veryfast", "x264-params": "me=dia:subme=1"}, True, 1),
    ("ultrafast + cabac + mbtree", {"preset": "ultrafast", **CABAC_MBTREE}, True, 1),
    ("faster", {"preset": "faster"}, True, 1),
    ("veryfast tune=animation", {"preset": "veryfast", "tune": "animation"}, True, 1),
    ("superfast tune=animation", {"preset": "superfast", "tune": "animation"}, True, 1),
    ("veryfast, 2 threads", {"preset": "veryfast"}, True, 2),
    ("veryfast, auto threads", {"preset": "veryfast"}, True, 0),
]
LOSSLESS = {"preset": "ultrafast", "qp": "0"}


@dataclass
class Record:
    """A scene's pictures, as the encoder receives them."""

    raw: Path  # the converted pictures, one after another (yuv420p)
    runs: list[tuple[int, int]]  # (ticks, partial movie) of each picture
    width: int
    height: int
    fps: int

    @property
    def picture_bytes(self) -> int:
        return self.width * self.height * 3 // 2

    def save(self, path: Path) -> None:
        fields = {k: v for k, v in vars(self).items() if k != "raw"}
        path.write_text(json.dumps({**fields, "raw": str(self.raw)}))

    @classmethod
    def load(cls, path: Path) -> Record:
        data = json.loads(path.read_text())
        data["raw"] = Path(data["raw"])
        data["runs"] = [tuple(r) for r in data["runs"]]
        return cls(**data)


def record(scene: str, quality: str, folder: Path) -> Record:
    """Render ``scene`` and keep what each of its encoders was given (in this process)."""
    from manim import tempconfig

    from scenes.kit import frames
    from scenes.kit.camera import ExplainerCamera
    from scenes.registry import find
    from scenes.render.layout import quality_named

    raw = open(folder / "pictures.yuv", "wb")  # noqa: SIM115 (closed below)
    runs: list[tuple[int, int]] = []
    segment = [0]

    class Recording(frames.HoldingEncoder):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            segment[0] += 1
            self._segment = segment[0]

        def write_frame(self, pixels, *, repeat: int = 1) -> None:
            same = self._last is not None and np.array_equal(pixels, self._last)
            super().write_frame(pixels, repeat=repeat)
            if same:
                runs[-1] = (runs[-1][0] + repeat, self._segment)
                return
            for plane in self._pending.planes:
                raw.write(plane_rows(plane).tobytes())
            runs.append((repeat, self._segment))

    class Writer(frames.HoldingFileWriter):
        def _create_segment_encoder(self, target):
            return Recording(target=target, spec=self.video_encoder)

    entry = find(scene)
    settings = quality_named(quality)
    config = {
        "quality": settings.manim_name,
        "media_dir": str(folder / "media"),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "max_inflight_encoders": 1,  # one encoder at a time: the record stays in order
        "video_encoder_options": {"preset": "ultrafast"},
    }
    with tempconfig(config):
        renderer = frames.ExplainerRenderer(camera_class=ExplainerCamera, file_writer_class=Writer)
        entry.load()(renderer=renderer).render()
    raw.close()
    return Record(Path(raw.name), runs, settings.width, settings.height, settings.fps)


def encode(rec: Record, target: Path, options: dict[str, str], holds: bool, threads: int) -> float:
    """Encode ``rec`` into ``target``; return the CPU seconds the encoding took."""
    tick = Fraction(1, rec.fps)
    segments: dict[int, int] = {}
    for _, seg in rec.runs:
        segments[seg] = segments.get(seg, 0) + 1
    with av.open(str(target), "w", format="mp4") as out, open(rec.raw, "rb") as raw:
        stream = out.add_stream("libx264", rate=rec.fps, options=options)
        stream.width, stream.height, stream.pix_fmt = rec.width, rec.height, "yuv420p"
        stream.codec_context.thread_count = threads
        picture = av.VideoFrame(rec.width, rec.height, "yuv420p")
        planes = [plane_rows(p) for p in picture.planes]
        durations: dict[int, int] = {}
        pts, cpu, previous = 0, 0.0, None

        def send(duration: int, kind: av.video.frame.PictureType) -> None:
            nonlocal pts
            picture.pts, picture.time_base, picture.pict_type = pts, tick, kind
            durations[pts] = duration
            pts += duration
            for packet in stream.encode(picture):
                packet.duration = durations.pop(packet.pts, 1)
                out.mux(packet)

        PT = av.video.frame.PictureType
        for ticks, seg in rec.runs:
            data = np.frombuffer(raw.read(rec.picture_bytes), np.uint8)
            offset = 0
            for plane in planes:
                size = plane.shape[0] * plane.shape[1]
                plane[:] = data[offset : offset + size].reshape(plane.shape)
                offset += size
            started = time.process_time()
            first = PT.I if seg != previous else PT.NONE
            previous = seg
            if holds and segments[seg] == 1 and ticks > HOLD_LEAD_FRAMES:
                lengths = [1] * HOLD_LEAD_FRAMES + [ticks - HOLD_LEAD_FRAMES]
                for index, length in enumerate(lengths):
                    send(length, first if index == 0 else PT.P)
            else:
                for index in range(ticks):
                    send(1, first if index == 0 else PT.NONE)
            cpu += time.process_time() - started
        started = time.process_time()
        for packet in stream.encode(None):
            packet.duration = durations.pop(packet.pts, 1)
            out.mux(packet)
        cpu += time.process_time() - started
    return cpu


def run_one(args: argparse.Namespace) -> int:
    """``--one``: a single encode in this process; prints JSON (for --pairs)."""
    rec = Record.load(Path(args.record))
    options, holds, threads = json.loads(args.one)
    started = time.perf_counter()
    cpu = encode(rec, Path(args.target), options, holds, threads)
    print(json.dumps({"cpu": cpu, "wall": time.perf_counter() - started}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="9")
    parser.add_argument("--quality", default="high")
    parser.add_argument("--pairs", action="store_true", help="two encodes at once per thread count")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--record", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return run_one(args)

    with tempfile.TemporaryDirectory(prefix="bench-encoder-") as tmp:
        tmp = Path(tmp)
        print(f"recording scene {args.scene} at {args.quality} ...", flush=True)
        rec = record(args.scene, args.quality, tmp)
        rec.save(tmp / "record.json")
        ticks = sum(t for t, _ in rec.runs)
        print(f"{len(rec.runs)} pictures over {ticks} frames ({ticks / rec.fps:.1f} s)")
        reference = tmp / "lossless.mp4"
        encode(rec, reference, LOSSLESS, holds=False, threads=0)
        rows = []
        for label, options, holds, threads in SETTINGS:
            target = tmp / "candidate.mp4"
            started = time.perf_counter()
            cpu = encode(rec, target, options, holds, threads)
            wall = time.perf_counter() - started
            match = compare_videos(reference, target)
            rows.append(
                [
                    label,
                    f"{target.stat().st_size / 1e6:.3f}",
                    f"{cpu:.1f}",
                    f"{wall:.1f}",
                    f"{match.psnr:.2f}",
                    f"{match.worst:.2f}",
                    str(match.candidate_frames),
                ]
            )
            print(rows[-1], flush=True)
        header = ["x264 setting", "MB", "CPU s", "wall s", "PSNR dB", "worst dB", "frames"]
        print(table(rows, header))
        if args.pairs:
            pair_rows = []
            for threads in (1, 2, 0):
                one = json.dumps([CHOSEN, True, threads])
                command = [sys.executable, __file__, "--record", str(tmp / "record.json")]
                started = time.perf_counter()
                procs = [
                    subprocess.Popen(
                        [*command, "--one", one, "--target", str(tmp / f"pair{i}.mp4")],
                        stdout=subprocess.PIPE,
                        text=True,
                        cwd=REPO,
                        env={**os.environ, "PYTHONPATH": str(REPO)},
                    )
                    for i in range(2)
                ]
                results = [json.loads(p.communicate()[0]) for p in procs]
                wall = time.perf_counter() - started
                cpu = sum(r["cpu"] for r in results)
                label = {0: "auto"}.get(threads, str(threads))
                pair_rows.append([label, f"{wall:.1f}", f"{cpu:.1f}"])
            print("\ntwo encodes at once with the chosen setting (as --jobs 2 on two cores)")
            print(table(pair_rows, ["threads each", "wall s", "CPU s (both)"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
