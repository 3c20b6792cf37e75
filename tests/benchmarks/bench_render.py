"""Benchmark: `explainer render` against plain manim, warm against cold, and real-time factors.

Run with ``make bench`` (or ``python tests/benchmarks/bench_render.py``); never by pytest.

(a) ``explainer render --jobs 2`` over every scene that loads, cold (empty media and
    cache folders), against plain sequential ``manim render -a`` over the same scene
    files at the same quality. Bar: at least 1.4x faster.
(b) The same ``explainer render`` again with nothing changed (warm) against the
    cold run. Bar: at most 5 % of the cold time.
(c) The real-time factor (render seconds / video seconds) of each scene and of the
    whole explainer, from cold ``explainer render --jobs 2`` runs at each quality in
    ``--rtf-qualities``. A scene's own figure is its worker's time (it shared the
    cores with another worker); the whole is the run's wall time over the total
    video length. Goal: at most 1.0 at high (1080p60) for the whole explainer.

Scenes that do not load yet are skipped and listed. Everything runs in a temporary
folder. Exits with status 1 if bar (a) or (b) is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scenes.registry import SceneEntry, all_entries, find
from scenes.render.layout import QUALITIES, scene_outputs
from scenes.render.worker import read_key_file

REPO = Path(__file__).resolve().parents[2]
SPEEDUP_BAR = 1.4
WARM_BAR = 0.05
RTF_GOAL = 1.0
MANIM_FLAG = {"low": "l", "medium": "m", "high": "h", "4k": "k"}


@dataclass
class Run:
    wall: float
    returncode: int
    stderr: str


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    return Run(time.perf_counter() - start, done.returncode, done.stderr)


def loadable(entries: list[SceneEntry]) -> tuple[list[SceneEntry], dict[str, str]]:
    """The scenes whose class imports, and why the others were skipped."""
    ok, skipped = [], {}
    for entry in entries:
        try:
            entry.load()
            ok.append(entry)
        except Exception as error:
            skipped[entry.stem] = f"{type(error).__name__}: {error}".splitlines()[0][:70]
    return ok, skipped


def explainer(entries: list[SceneEntry], quality: str, media: Path, cache: Path, jobs: int) -> Run:
    command = [sys.executable, "-m", "scenes", "render", "--quality", quality]
    command += ["--jobs", str(jobs), "--media-dir", str(media)]
    command += [e.slug for e in entries]
    return timed(command, env={"XDG_CACHE_HOME": str(cache)})


def plain_manim(entries: list[SceneEntry], quality: str, media: Path) -> dict[str, Run]:
    """``manim render -a`` over each scene file in turn, as a user would without us."""
    runs = {}
    for entry in entries:
        command = [sys.executable, "-m", "manim", "render", "-a", "-q", MANIM_FLAG[quality]]
        command += ["--media_dir", str(media), "--progress_bar", "none", entry.path]
        runs[entry.stem] = timed(command)
    return runs


def per_scene(entries: list[SceneEntry], quality: str, media: Path) -> dict[str, tuple]:
    """``{stem: (video seconds, render seconds)}`` from the key files of a run."""
    found = {}
    for entry in entries:
        record = read_key_file(scene_outputs(media, quality, entry.stem)) or {}
        if "duration" in record:
            found[entry.stem] = (record["duration"], record["render_seconds"])
    return found


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="low", choices=list(QUALITIES), help="for (a), (b)")
    parser.add_argument(
        "--rtf-qualities", default="low,high", help="comma-separated qualities for (c)"
    )
    parser.add_argument("--scenes", default="", help="comma-separated scenes (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-manim", action="store_true", help="skip the baseline (a)")
    args = parser.parse_args()

    wanted = [find(k) for k in args.scenes.split(",") if k] or list(all_entries())
    entries, skipped = loadable(wanted)
    for stem, why in skipped.items():
        print(f"skipped {stem}: {why}")
    if not entries:
        print("no scene loads: nothing to benchmark")
        return 1
    print(f"scenes: {', '.join(e.stem for e in entries)}")
    failures = []
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        tmp = Path(tmp)
        results: dict[str, dict] = {}
        rtf_qualities = [q for q in args.rtf_qualities.split(",") if q]
        qualities = list(dict.fromkeys([args.quality, *rtf_qualities]))
        for quality in qualities:
            media, cache = tmp / f"media-{quality}", tmp / f"cache-{quality}"
            print(f"[{quality}] explainer render --jobs {args.jobs}, cold ...", flush=True)
            cold = explainer(entries, quality, media, cache, args.jobs)
            if cold.returncode != 0:
                print(cold.stderr[-2000:])
            scenes = per_scene(entries, quality, media)
            results[quality] = {"cold": cold, "scenes": scenes}
            if quality == args.quality:
                print(f"[{quality}] explainer render --jobs {args.jobs}, warm ...", flush=True)
                results[quality]["warm"] = explainer(entries, quality, media, cache, args.jobs)
            shutil.rmtree(media, ignore_errors=True)

        ab = results[args.quality]
        rendered = [e for e in entries if e.stem in ab["scenes"]]
        print()
        rows = []
        if not args.skip_manim and rendered:
            print(f"[{args.quality}] plain manim render -a, one file after another ...", flush=True)
            manim = plain_manim(rendered, args.quality, tmp / "manim")
            manim_wall = sum(r.wall for r in manim.values())
            bad = [s for s, r in manim.items() if r.returncode != 0]
            if bad:
                print(f"plain manim failed on: {', '.join(bad)}")
            speedup = manim_wall / ab["cold"].wall
            ok = speedup >= SPEEDUP_BAR
            failures += [] if ok else ["(a)"]
            rows.append(
                [
                    "(a) speed-up vs manim -a",
                    f"{manim_wall:.1f} s / {ab['cold'].wall:.1f} s",
                    f"{speedup:.2f}x",
                    f">= {SPEEDUP_BAR}x",
                    "ok" if ok else "MISSED",
                ]
            )
        warm_ratio = ab["warm"].wall / ab["cold"].wall
        ok = warm_ratio <= WARM_BAR
        failures += [] if ok else ["(b)"]
        rows.append(
            [
                "(b) warm / cold",
                f"{ab['warm'].wall:.2f} s / {ab['cold'].wall:.1f} s",
                f"{100 * warm_ratio:.1f} %",
                f"<= {100 * WARM_BAR:.0f} %",
                "ok" if ok else "MISSED",
            ]
        )
        for quality in rtf_qualities:
            got = results[quality]
            video = sum(d for d, _ in got["scenes"].values())
            if not video:
                continue
            rtf = got["cold"].wall / video
            goal = quality == "high"
            rows.append(
                [
                    f"(c) real-time factor, {quality}",
                    f"{got['cold'].wall:.1f} s / {video:.1f} s video",
                    f"{rtf:.2f}",
                    f"<= {RTF_GOAL}" if goal else "",
                    ("ok" if rtf <= RTF_GOAL else "goal missed") if goal else "",
                ]
            )
        print(table(rows, ["measure", "times", "result", "bar", ""]))

        print("\n(c) per scene: render seconds / video seconds (each worker shared 2 cores)")
        rtf_rows = []
        for entry in entries:
            row = [entry.stem]
            for quality in rtf_qualities:
                duration, seconds = results[quality]["scenes"].get(entry.stem, (None, None))
                row.append(f"{seconds / duration:.2f}" if duration else "failed")
            rtf_rows.append(row)
        print(table(rtf_rows, ["scene", *(f"RTF {q}" for q in rtf_qualities)]))
    if failures:
        print(f"\nmissed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
