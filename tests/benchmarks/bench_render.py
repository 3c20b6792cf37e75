"""Benchmark: `explainer render` against plain manim and against itself before, with a profile.

Run with ``make bench`` (or ``python tests/benchmarks/bench_render.py``); never by pytest.

(a) ``explainer render --jobs 2`` over every scene that loads, cold (empty media and
    cache folders), against plain sequential ``manim render -a`` over the same scene
    files at the same quality, with manim's own renderer (``EXPLAINER_RENDERER=manim``:
    manim as it ships). Bar: at least 2.5x faster. The explainer's time is the mean of
    its cold run before manim's and one more after it, so a machine that slows down or
    speeds up during the benchmark moves both sides alike. Both start with the same
    sentences already synthesised (a low-quality render first fills a voice cache that every run
    copies): the bar is about the cost of frames, and speech costs both sides alike
    (``bench_voice.py`` measures it). Without this, one side could find the user's own
    voice cache warm and the other pay ~14 s of Piper a scene.
(b) The same ``explainer render`` again with nothing changed (warm) against the
    cold run. Bar: at most 5 % of the cold time.
(c) The real-time factor (render seconds / video seconds) of each scene and of the
    whole explainer, from cold ``explainer render --jobs 2`` runs at each quality in
    ``--rtf-qualities``. A scene's own figure is its worker's time (it shared the
    cores with another worker); the whole is the run's wall time over the total
    video length. Goal: at most 1.0 at high (1080p60) for the whole explainer.
(d) Unless ``--no-reference``: ``explainer render`` once more, cold (but with (a)'s
    synthesised sentences, so both renders keep one timing), with manim's own
    renderer (the reference: what the explainer rendered before its held frames
    were made cheap). Per scene, the decoded pictures of the two renders are compared
    (``scenes/render/psnr.py``). Bars: PSNR at least 45 dB in every scene, and the
    videos at most 10 % larger in total.

``--save-costs`` writes (c)'s per-scene figures to ``scenes/render-costs.json``: a first
run (like the cold runs here) starts the scenes that cost most per second first.

Per scene it prints where the render's CPU time went (from the key files): Cairo
drawing, RGBA-to-YUV conversion, encoding, and the share of frames that were holds.

Scenes that do not load yet are skipped and listed. Everything runs in a temporary
folder. Exits with status 1 if a bar is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import table

from scenes.registry import SceneEntry, all_entries, find
from scenes.render.costs import SHIPPED, record_factors, save_factors
from scenes.render.layout import QUALITIES, scene_outputs
from scenes.render.psnr import compare_videos
from scenes.render.scene_info import voice_cache_dir
from scenes.render.worker import read_key_file

REPO = Path(__file__).resolve().parents[2]
SPEEDUP_BAR = 2.5
WARM_BAR = 0.05
PSNR_BAR = 45.0
SIZE_BAR = 1.10
# Renders with manim's own renderer, as it ships (see scenes/kit/frames.py).
MANIMS_OWN = {"EXPLAINER_RENDERER": "manim"}
RTF_GOAL = 1.0
SAVED_BY = (
    "tests/benchmarks/bench_render.py --save-costs (render seconds per video second; "
    "only the queue's order reads them)"
)
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


def explainer(
    entries: list[SceneEntry],
    quality: str,
    media: Path,
    cache: Path,
    jobs: int,
    env: dict[str, str] | None = None,
) -> Run:
    command = [sys.executable, "-m", "scenes", "render", "--quality", quality]
    command += ["--jobs", str(jobs), "--media-dir", str(media)]
    command += [e.slug for e in entries]
    return timed(command, env={"XDG_CACHE_HOME": str(cache), **(env or {})})


def plain_manim(
    entries: list[SceneEntry], quality: str, media: Path, cache: Path
) -> dict[str, Run]:
    """``manim render -a`` over each scene file in turn, as a user would without us."""
    runs = {}
    for entry in entries:
        command = [sys.executable, "-m", "manim", "render", "-a", "-q", MANIM_FLAG[quality]]
        command += ["--media_dir", str(media), "--progress_bar", "none", entry.path]
        runs[entry.stem] = timed(command, env={**MANIMS_OWN, "XDG_CACHE_HOME": str(cache)})
    return runs


def synthesise_voice(entries: list[SceneEntry], tmp: Path, jobs: int) -> Path:
    """A cache folder holding every sentence of ``entries``, from a render at low quality."""
    seed = tmp / "voice-seed"
    run = explainer(entries, "low", tmp / "voice-media", seed, jobs)
    if run.returncode != 0:
        print(run.stderr[-2000:])
    shutil.rmtree(tmp / "voice-media", ignore_errors=True)
    return voice_cache_dir(seed)


def cold_cache(folder: Path, voice: Path) -> Path:
    """A new cache folder with nothing in it but the sentences in ``voice``."""
    if voice.is_dir():
        shutil.copytree(voice, voice_cache_dir(folder))
    return folder


def per_scene(entries: list[SceneEntry], quality: str, media: Path) -> dict[str, tuple]:
    """``{stem: (video seconds, render seconds)}`` from the key files of a run."""
    kept = records(entries, quality, media)
    return {stem: (r["duration"], r["render_seconds"]) for stem, r in kept.items()}


def records(entries: list[SceneEntry], quality: str, media: Path) -> dict[str, dict]:
    """``{stem: key file}`` of the scenes a run rendered."""
    found = {}
    for entry in entries:
        record = read_key_file(scene_outputs(media, quality, entry.stem)) or {}
        if "duration" in record:
            found[entry.stem] = record
    return found


def compare_renders(entries, quality: str, ours: Path, reference: Path) -> dict[str, tuple]:
    """``{stem: (comparison, our bytes, reference bytes)}`` of the scenes both runs rendered."""
    found = {}
    for entry in entries:
        a = scene_outputs(ours, quality, entry.stem).video
        b = scene_outputs(reference, quality, entry.stem).video
        if a.exists() and b.exists():
            found[entry.stem] = (compare_videos(b, a), a.stat().st_size, b.stat().st_size)
    return found


def profile_rows(entries, quality: str, kept: dict[str, dict], reference: dict) -> list[list[str]]:
    rows = []
    for entry in entries:
        record = kept.get(entry.stem)
        if record is None:
            continue
        cost = record.get("frame_cost") or {}
        before = reference.get(entry.stem, {}).get("render_seconds")
        frames = cost.get("frames") or 0
        rows.append(
            [
                entry.stem,
                f"{record['duration']:.1f}",
                f"{record['render_seconds']:.1f}",
                f"{before:.1f}" if before else "",
                f"{cost.get('draw', 0):.1f}",
                f"{cost.get('convert', 0):.1f}",
                f"{cost.get('encode', 0):.1f}",
                f"{100 * cost.get('held', 0) / frames:.0f} %" if frames else "",
            ]
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="low", choices=list(QUALITIES), help="for (a), (b)")
    parser.add_argument(
        "--rtf-qualities", default="low,high", help="comma-separated qualities for (c)"
    )
    parser.add_argument("--scenes", default="", help="comma-separated scenes (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-manim", action="store_true", help="skip the baseline (a)")
    parser.add_argument("--no-reference", action="store_true", help="skip (d)")
    parser.add_argument(
        "--save-costs",
        action="store_true",
        help="write (c)'s figures to scenes/render-costs.json, the queue's order of a first run",
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR and keep every render there (to look at)"
    )
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
    kept = Path(args.keep) if args.keep else None
    if kept:
        kept.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.nullcontext(kept)
        if kept
        else tempfile.TemporaryDirectory(prefix="bench-render-") as tmp
    ):
        tmp = Path(tmp)
        results: dict[str, dict] = {}
        rtf_qualities = [q for q in args.rtf_qualities.split(",") if q]
        qualities = list(dict.fromkeys([args.quality, *rtf_qualities]))
        print("synthesising every sentence once, for every run ...", flush=True)
        voice = synthesise_voice(entries, tmp, args.jobs)
        for quality in qualities:
            media = tmp / f"media-{quality}"
            cache = cold_cache(tmp / f"cache-{quality}", voice)
            print(f"[{quality}] explainer render --jobs {args.jobs}, cold ...", flush=True)
            cold = explainer(entries, quality, media, cache, args.jobs)
            if cold.returncode != 0:
                print(cold.stderr[-2000:])
            scenes = per_scene(entries, quality, media)
            results[quality] = {"cold": cold, "scenes": scenes}
            if quality == args.quality:
                print(f"[{quality}] explainer render --jobs {args.jobs}, warm ...", flush=True)
                results[quality]["warm"] = explainer(entries, quality, media, cache, args.jobs)
                results[quality]["records"] = records(entries, quality, media)
                if not args.no_reference:
                    # Cold formulas, but the same sentences: Piper's timing varies from one
                    # synthesis to the next, and a scene's timing follows its voice, so
                    # fresh speech would shift every picture the comparison lines up.
                    ref_media = tmp / "reference"
                    ref_cache = cold_cache(tmp / "cache-reference", voice)
                    print(f"[{quality}] reference: manim's own renderer, cold ...", flush=True)
                    ref = explainer(entries, quality, ref_media, ref_cache, args.jobs, MANIMS_OWN)
                    if ref.returncode != 0:
                        print(ref.stderr[-2000:])
                    results[quality]["reference"] = ref
                    results[quality]["reference_records"] = records(entries, quality, ref_media)
                    print(f"[{quality}] comparing the pictures of the two renders ...", flush=True)
                    results[quality]["matches"] = compare_renders(
                        entries, quality, media, ref_media
                    )
                    if not kept:
                        shutil.rmtree(ref_media, ignore_errors=True)
            if not kept:
                shutil.rmtree(media, ignore_errors=True)

        ab = results[args.quality]
        rendered = [e for e in entries if e.stem in ab["scenes"]]
        print()
        rows = []
        if not args.skip_manim and rendered:
            print(f"[{args.quality}] plain manim render -a, one file after another ...", flush=True)
            manim_cache = cold_cache(tmp / "cache-manim", voice)
            manim = plain_manim(rendered, args.quality, tmp / "manim", manim_cache)
            manim_wall = sum(r.wall for r in manim.values())
            bad = [s for s, r in manim.items() if r.returncode != 0]
            if bad:
                print(f"plain manim failed on: {', '.join(bad)}")
            # The explainer once more, cold, after manim: these machines drift by a tenth
            # in half an hour, and a drift shifts the mean of a run before manim's and one
            # after it as it shifts manim's own (A-B-A).
            print(f"[{args.quality}] explainer render --jobs {args.jobs}, cold again ...")
            again = explainer(
                rendered,
                args.quality,
                tmp / "media-again",
                cold_cache(tmp / "cache-again", voice),
                args.jobs,
            )
            if again.returncode != 0:
                print(again.stderr[-2000:])
            ours = (ab["cold"].wall + again.wall) / 2
            speedup = manim_wall / ours
            ok = speedup >= SPEEDUP_BAR
            failures += [] if ok else ["(a)"]
            rows.append(
                [
                    "(a) speed-up vs manim -a",
                    f"{manim_wall:.1f} s / {ours:.1f} s",
                    f"{speedup:.2f}x",
                    f">= {SPEEDUP_BAR}x",
                    "ok" if ok else "MISSED",
                ]
            )
            rows.append(
                [
                    "    explainer before / after manim",
                    f"{ab['cold'].wall:.1f} s / {again.wall:.1f} s",
                    f"{manim_wall / ab['cold'].wall:.2f}x / {manim_wall / again.wall:.2f}x",
                    "",
                    "",
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
        if "reference" in ab:
            before = ab["reference"].wall
            rows.append(
                [
                    "before / after (explainer)",
                    f"{before:.1f} s / {ab['cold'].wall:.1f} s",
                    f"{before / ab['cold'].wall:.2f}x",
                    "",
                    "",
                ]
            )
            matches = ab["matches"]
            if matches:
                worst_stem, worst = min(matches.items(), key=lambda kv: kv[1][0].psnr)
                ok = worst[0].psnr >= PSNR_BAR
                failures += [] if ok else ["(d) PSNR"]
                rows.append(
                    [
                        "(d) PSNR vs reference, lowest",
                        worst_stem,
                        f"{worst[0].psnr:.2f} dB",
                        f">= {PSNR_BAR:.0f} dB",
                        "ok" if ok else "MISSED",
                    ]
                )
                ours = sum(m[1] for m in matches.values())
                theirs = sum(m[2] for m in matches.values())
                ok = ours <= SIZE_BAR * theirs
                failures += [] if ok else ["(d) size"]
                rows.append(
                    [
                        "(d) video bytes vs reference",
                        f"{ours / 1e6:.1f} MB / {theirs / 1e6:.1f} MB",
                        f"{100 * (ours / theirs - 1):+.1f} %",
                        f"<= +{100 * (SIZE_BAR - 1):.0f} %",
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
        if args.save_costs:
            measured = [
                (quality, stem, duration, seconds)
                for quality in rtf_qualities
                for stem, (duration, seconds) in results[quality]["scenes"].items()
            ]
            save_factors(record_factors(measured), SHIPPED, note=SAVED_BY)
            print(f"wrote the figures to {SHIPPED}")

        print(
            f"\n[{args.quality}] where the time went, per scene (CPU seconds of the worker's "
            "threads; conversion and encoding run beside the drawing)"
        )
        profile = profile_rows(
            entries, args.quality, ab.get("records", {}), ab.get("reference_records", {})
        )
        header = ["scene", "video s", "render s", "before s", "draw", "convert", "encode"]
        print(table(profile, [*header, "holds"]))
        if ab.get("matches"):
            print(f"\n[{args.quality}] pictures and sizes against the reference render")
            match_rows = [
                [
                    stem,
                    f"{m.psnr:.2f}",
                    f"{m.worst:.2f}",
                    f"{m.worst_at:.2f}",
                    f"{m.duration_difference:+.3f}",
                    f"{ours / 1e6:.2f}",
                    f"{theirs / 1e6:.2f}",
                    f"{100 * (ours / theirs - 1):+.1f} %",
                ]
                for stem, (m, ours, theirs) in ab["matches"].items()
            ]
            header = ["scene", "PSNR dB", "worst dB", "at s", "length s", "MB", "MB before", "size"]
            print(table(match_rows, header))
    if failures:
        print(f"\nmissed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
