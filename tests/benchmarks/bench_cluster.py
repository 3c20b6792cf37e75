"""Benchmark: one scene split across the cores, a batch on a Dask cluster, and the inputs
of the scaling table (``cluster_scaling.md`` beside this file).

Run with ``make bench`` (or ``python tests/benchmarks/bench_cluster.py``); never by pytest.

(a) One scene, cold (fresh media and cache folders), ``explainer render SCENE --split``
    against the same scene whole (``--split off``), at ``--quality`` (high by default),
    whole and split alternating ``--repeats`` times. Bar: split at least 1.6x faster.
    Also printed: the CPU time of each (the split's overhead: a second process, the
    beats it plays without drawing, the client's join).
(b) A 16-unit batch (``--batch-scenes``, 8 scenes, in both themes, low quality, not
    split), cold, on ``--cluster local:2`` against the same batch through the local
    runner (``--jobs 2``), alternating. Bar: the cluster at most 10 % slower. Also
    printed: the CPU time of each (Dask's own share). ``--skip a`` runs only this.
(c) ``--scaling``: the inputs of the scaling table, measured, and the table written to
    ``cluster_scaling.md``: every scene's unit time at low (from (b)'s local run), one
    scene at ``--scaling-quality`` (4k) against low, Dask's overhead per task and its
    transfer rate on ``local:2``, and the client's join time per second of video (from
    (a)). See ``cluster_model.py`` for the model.

The machine may be shared: the load average is printed before and after, and only the
ratios of runs made one after another mean anything. Exits with status 1 if a bar is
missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_model import INPUTS, Inputs, write_table
from report import table

from scenes.registry import all_entries, find
from scenes.render.layout import QUALITIES, scene_outputs
from scenes.render.worker import read_key_file

REPO = Path(__file__).resolve().parents[2]
SPLIT_BAR = 1.6
CLUSTER_BAR = 1.10
HERE = Path(__file__).resolve().parent


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the command and every process it waited for
    returncode: int
    stderr: str


def explainer(args: list[str], cache: Path) -> Run:
    """``explainer ARGS`` with its own cache folder (cold when the folder is new)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "scenes", *args],
        cwd=REPO,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), "EXPLAINER_SPLIT": "auto"},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stderr[-3000:])
    return Run(wall, cpu, done.returncode, done.stderr)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def records(media: Path, quality: str, stems: list[str]) -> dict[str, dict]:
    found = {}
    for stem in stems:
        record = read_key_file(scene_outputs(media, quality, stem))
        if record:
            found[stem] = record
    return found


def bench_split(scene: str, quality: str, repeats: int, tmp: Path) -> dict:
    """(a): the same scene whole and split, cold, alternating."""
    stem = find(scene).stem
    runs: dict[str, list[Run]] = {"whole": [], "split": []}
    joins = []
    for attempt in range(repeats):
        for mode, split in (("whole", "off"), ("split", "all")):
            folder = tmp / f"a-{mode}-{attempt}"
            print(f"(a) {stem} at {quality}, {mode}, run {attempt + 1} ...", flush=True)
            media = folder / "media"
            run = explainer(
                ["render", scene, "-q", quality, "--split", split, "--media-dir", str(media)],
                folder / "cache",
            )
            runs[mode].append(run)
            record = records(media, quality, [stem]).get(stem, {})
            if mode == "split" and record:
                joins.append(record["publish_seconds"] / record["duration"])
            shutil.rmtree(folder, ignore_errors=True)
    whole = min(r.wall for r in runs["whole"])
    split = min(r.wall for r in runs["split"])
    return {
        "scene": stem,
        "whole": whole,
        "split": split,
        "speedup": whole / split,
        "cpu_whole": min(r.cpu for r in runs["whole"]),
        "cpu_split": min(r.cpu for r in runs["split"]),
        "join_per_video_second": min(joins) if joins else None,
        "ok": all(r.returncode == 0 for rs in runs.values() for r in rs),
    }


def bench_batch(scenes: list[str], repeats: int, tmp: Path) -> dict:
    """(b): 16 units, cold, through the local runner and on local:2, alternating."""
    stems = [find(s).stem for s in scenes]
    batch = ["render", *scenes, "-q", "low", "--theme", "dark,light", "--split", "off"]
    runs: dict[str, list[Run]] = {"local": [], "cluster": []}
    unit_times: dict[str, float] = {}
    durations: dict[str, float] = {}
    for attempt in range(repeats):
        for mode, extra in (("local", ["--jobs", "2"]), ("cluster", ["--cluster", "local:2"])):
            folder = tmp / f"b-{mode}-{attempt}"
            print(f"(b) {2 * len(scenes)} units, {mode}, run {attempt + 1} ...", flush=True)
            media = folder / "media"
            runs[mode].append(explainer([*batch, *extra, "--media-dir", str(media)], folder / "c"))
            if mode == "local":
                for stem, record in records(media, "low", stems).items():
                    unit_times[stem] = min(unit_times.get(stem, 1e9), record["render_seconds"])
                    durations[stem] = record["duration"]
            shutil.rmtree(folder, ignore_errors=True)
    local = min(r.wall for r in runs["local"])
    cluster = min(r.wall for r in runs["cluster"])
    return {
        "units": 2 * len(scenes),
        "local": local,
        "cluster": cluster,
        "ratio": cluster / local,
        "cpu_local": min(r.cpu for r in runs["local"]),
        "cpu_cluster": min(r.cpu for r in runs["cluster"]),
        "unit_times_low": unit_times,
        "durations": durations,
        "ok": all(r.returncode == 0 for rs in runs.values() for r in rs),
    }


def unit_times(scenes: list[str], tmp: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Each scene's unit time and length at low, whole, two at a time (as in (b))."""
    folder = tmp / "c-rest"
    media = folder / "media"
    print(f"(c) {len(scenes)} more scenes at low ...", flush=True)
    args = ["render", *scenes, "-q", "low", "--split", "off", "--jobs", "2"]
    explainer([*args, "--media-dir", str(media)], folder / "cache")
    found = records(media, "low", [find(s).stem for s in scenes])
    shutil.rmtree(folder, ignore_errors=True)
    return (
        {stem: r["render_seconds"] for stem, r in found.items()},
        {stem: r["duration"] for stem, r in found.items()},
    )


def bench_dask(tmp: Path) -> dict:
    """Dask's own cost on local:2: seconds per no-op task, and bytes moved per second."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.submit(_noop, 0).result()  # warm
        count = 400
        start = time.perf_counter()
        client.gather([client.submit(_noop, i, pure=False) for i in range(count)])
        per_task = (time.perf_counter() - start) / count
        size = 64 << 20
        start = time.perf_counter()
        for i in range(4):
            client.submit(_payload, size, i, pure=False).result()
        rate = 4 * size / (time.perf_counter() - start)
    return {"per_task": per_task, "bytes_per_second": rate}


def _noop(i: int) -> int:
    return i


def _payload(size: int, seed: int) -> bytes:
    return bytes([seed % 256]) * size


def bench_resolution(scene: str, quality: str, tmp: Path) -> dict:
    """One scene, whole, at ``quality`` and at low: the factor between their unit times,
    and the bytes a unit sends back per second of video."""
    stem = find(scene).stem
    found = {}
    for q in ("low", quality):
        folder = tmp / f"c-{q}"
        print(f"(c) {stem} at {q}, whole ...", flush=True)
        media = folder / "media"
        run = explainer(
            ["render", scene, "-q", q, "--split", "off", "--media-dir", str(media)],
            folder / "cache",
        )
        record = records(media, q, [stem]).get(stem, {})
        out = scene_outputs(media, q, stem)
        size = sum(p.stat().st_size for p in out.sections_dir.iterdir()) + out.video.stat().st_size
        found[q] = (record.get("render_seconds", run.wall), record.get("duration", 1.0), size)
        shutil.rmtree(folder, ignore_errors=True)
    (low, _, _), (high, duration, size) = found["low"], found[quality]
    return {"factor": high / low, "bytes_per_video_second": size / duration}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="6", help="the scene of (a)")
    parser.add_argument("--quality", default="high", choices=list(QUALITIES), help="for (a)")
    parser.add_argument("--batch-scenes", default="1,2,3,4,5,6,7,8", help="the 8 scenes of (b)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: a, b")
    parser.add_argument("--scaling", action="store_true", help="measure (c), write the table")
    parser.add_argument(
        "--scaling-quality", default="4k", choices=list(QUALITIES), help="measured in (c)"
    )
    parser.add_argument("--table-quality", default="4k", choices=list(QUALITIES))
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    print(f"load average before: {load()} (1, 5, 15 min) on {os.cpu_count()} cores")
    failures, rows, found = [], [], {}
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        tmp = Path(tmp)
        if "a" not in skip:
            a = found["a"] = bench_split(args.scene, args.quality, args.repeats, tmp)
            ok = a["ok"] and a["speedup"] >= SPLIT_BAR
            failures += [] if ok else ["(a)"]
            rows.append(
                [
                    f"(a) {a['scene']} at {args.quality}: whole / split",
                    f"{a['whole']:.1f} s / {a['split']:.1f} s",
                    f"{a['speedup']:.2f}x",
                    f">= {SPLIT_BAR}x",
                    "ok" if ok else "MISSED",
                ]
            )
            rows.append(
                [
                    "    CPU split / whole",
                    f"{a['cpu_split']:.1f} s / {a['cpu_whole']:.1f} s",
                    f"{a['cpu_split'] / a['cpu_whole']:.2f}x",
                    "",
                    "",
                ]
            )
        if "b" not in skip:
            scenes = [s for s in args.batch_scenes.split(",") if s]
            b = found["b"] = bench_batch(scenes, args.repeats, tmp)
            ok = b["ok"] and b["ratio"] <= CLUSTER_BAR
            failures += [] if ok else ["(b)"]
            rows.append(
                [
                    f"(b) {b['units']} units: local:2 / local runner",
                    f"{b['cluster']:.1f} s / {b['local']:.1f} s",
                    f"{b['ratio']:.2f}x",
                    f"<= {CLUSTER_BAR:.2f}x",
                    "ok" if ok else "MISSED",
                ]
            )
            rows.append(
                [
                    "    CPU local:2 / local runner",
                    f"{b['cpu_cluster']:.1f} s / {b['cpu_local']:.1f} s",
                    f"{b['cpu_cluster'] / b['cpu_local']:.2f}x",
                    "",
                    "",
                ]
            )
        if args.scaling:
            # Without (a), its two inputs come from the last table's (cluster_scaling.json).
            saved = json.loads(INPUTS.read_text(encoding="utf-8")) if INPUTS.exists() else {}
            a = found.get("a")
            if a is None and not saved:
                print("--scaling without (a) needs tests/benchmarks/cluster_scaling.json")
                return 2
            overhead = a["cpu_split"] / a["cpu_whole"] - 1 if a else saved["split_cpu_overhead"]
            join = (a["join_per_video_second"] or 0.0) if a else saved["join_per_video_second"]
            b = found.get("b", {"unit_times_low": {}, "durations": {}})
            times, durations = dict(b["unit_times_low"]), dict(b["durations"])
            rest = [e.slug for e in all_entries() if e.stem not in times]
            more_times, more_durations = unit_times(rest, tmp)
            times.update(more_times)
            durations.update(more_durations)
            dask = bench_dask(tmp)
            res = bench_resolution(args.scene, args.scaling_quality, tmp)
            inputs = Inputs(
                unit_times_low=times,
                quality=args.scaling_quality,
                factor=res["factor"],
                per_task=dask["per_task"],
                bytes_per_second=dask["bytes_per_second"],
                bytes_per_video_second=res["bytes_per_video_second"],
                join_per_video_second=join,
                split_cpu_overhead=overhead,
                video_seconds=durations,
                load=load(),
            )
            path = write_table(inputs, HERE / "cluster_scaling.md", args.table_quality)
            print(f"\nscaling table written to {path}:\n")
            print(path.read_text())
    print(table(rows, ["measure", "times", "ratio", "bar", ""]))
    print(f"load average after: {load()}")
    if failures:
        print(f"\nmissed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
