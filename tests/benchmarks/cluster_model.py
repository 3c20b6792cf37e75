"""The scaling table on paper: a department's batch on 1 to 64 Dask workers, from measured inputs.

``bench_cluster.py --scaling`` measures the :class:`Inputs` and calls :func:`write_table`;
this module only computes. The batch is every scene in 4 parameter variants × 2 themes
at one quality (4K): 104 scene renders. The model:

- a scene's unit time at 4K is its measured unit time at low × the measured 4K/low
  factor of one scene (every variant and theme costs what the default does);
- a scene split ``k`` ways costs ``(1 + o·(k-1))`` times its whole time in CPU, ``o``
  the measured overhead of a second unit (its start-up, the beats it plays without
  drawing, the join), shared evenly by its ``k`` units;
- ``W`` workers, one unit each at a time, take the units longest first (as the runner
  submits them): the makespan is that list schedule's;
- the scheduler handles units one after another at the measured cost per task;
- workers that cannot reach the media folder send every unit's files back: the client
  receives them (at the measured Dask transfer rate, capped at a 1 Gbit/s network) and
  joins and publishes every scene, one after another; workers that share the media
  folder with the client publish whole scenes themselves and leave split scenes' parts
  in place, so the client only joins the split scenes;
- the wall time is the largest of the three, plus the last unit's trip back and join.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "cluster_scaling.json"
TABLE = HERE / "cluster_scaling.md"
# Pixels drawn per second of video: what a unit's time and files grow with.
PIXELS = {"low": 854 * 480 * 15, "medium": 1280 * 720 * 30, "high": 1920 * 1080 * 60}
PIXELS["4k"] = 3840 * 2160 * 60

VARIANTS = 4 * 2  # parameter files × themes
WORKERS = (1, 4, 16, 64, 256)  # 256: where splitting takes over
NETWORK = 1e9 / 8  # bytes per second of a 1 Gbit/s link: the cap on the measured rate


@dataclass
class Inputs:
    unit_times_low: dict[str, float]  # each scene's render seconds at low, one unit
    quality: str
    factor: float  # unit time at ``quality`` / at low, measured on one scene
    per_task: float  # Dask's seconds per task (submit, schedule, run, result)
    bytes_per_second: float  # Dask's transfer rate, worker to client
    bytes_per_video_second: float  # a unit's files (video and clips) at ``quality``
    join_per_video_second: float  # the client's join and publish, per second of video
    split_cpu_overhead: float  # o: the CPU a second unit adds, as a share of the whole
    video_seconds: dict[str, float] = field(default_factory=dict)
    load: str = ""

    def at(self, target: str) -> Inputs:
        """The inputs for ``target`` quality: measured at another one, the unit time and the
        files grow with the pixels (an assumption the table states)."""
        if target == self.quality:
            return self
        ratio = PIXELS[target] / PIXELS[self.quality]
        return Inputs(
            **{
                **asdict(self),
                "quality": target,
                "factor": self.factor * ratio,
                "bytes_per_video_second": self.bytes_per_video_second * ratio,
            }
        )


@dataclass
class Row:
    workers: int
    chunks: int
    units: int
    makespan: float
    longest: float
    scheduler: float
    client: float  # files sent back
    wall: float
    bottleneck: str
    client_shared: float  # a shared media folder
    wall_shared: float


def list_schedule(times: list[float], workers: int) -> float:
    """The makespan of ``times`` taken longest first by ``workers`` workers."""
    free = [0.0] * workers
    for t in sorted(times, reverse=True):
        heapq.heappush(free, heapq.heappop(free) + t)
    return max(free)


def estimate(inputs: Inputs, workers: int, chunks: int) -> Row:
    scenes = {s: t * inputs.factor for s, t in inputs.unit_times_low.items()}
    units, seconds = [], 0.0
    for scene, whole in scenes.items():
        cpu = whole * (1 + inputs.split_cpu_overhead * (chunks - 1))
        units += [cpu / chunks] * (chunks * VARIANTS)
        seconds += inputs.video_seconds.get(scene, 45.0) * VARIANTS
    makespan = list_schedule(units, workers)
    scheduler = len(units) * inputs.per_task
    rate = min(inputs.bytes_per_second, NETWORK)
    client = seconds * (inputs.bytes_per_video_second / rate + inputs.join_per_video_second)
    last = max(inputs.video_seconds.values() or [45.0])
    tail = last * (inputs.bytes_per_video_second / rate + inputs.join_per_video_second)
    joined = 1.0 if chunks > 1 else 0.0  # with a shared folder, only split scenes are joined
    client_shared = joined * seconds * inputs.join_per_video_second
    tail_shared = joined * last * inputs.join_per_video_second
    terms = {
        "work / workers": sum(units) / workers,
        "longest unit": max(units),
        "scheduler": scheduler,
        "client (transfer + join)": client,
    }
    bottleneck = max(terms, key=terms.get)
    wall = max(makespan, scheduler, client) + tail
    wall_shared = max(makespan, scheduler, client_shared) + tail_shared
    longest = max(units)
    return Row(
        workers,
        chunks,
        len(units),
        makespan,
        longest,
        scheduler,
        client,
        wall,
        bottleneck,
        client_shared,
        wall_shared,
    )


def rows(inputs: Inputs) -> list[Row]:
    found = []
    scenes = len(inputs.unit_times_low) * VARIANTS
    for workers in WORKERS:
        auto = max(1, math.ceil(workers / scenes)) if scenes < workers else 1
        found.append(estimate(inputs, workers, auto))
        best = min((estimate(inputs, workers, k) for k in (1, 2, 3, 4, 6, 8)), key=lambda r: r.wall)
        if best.chunks != auto:
            found.append(best)
    return found


def _time(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.1f} s"


def write_table(measured: Inputs, path: Path = TABLE, target: str = "4k") -> Path:
    """The table for ``target`` quality into ``path``, and the measured inputs beside it
    (``cluster_scaling.json``: ``python cluster_model.py`` writes the table again)."""
    INPUTS.write_text(json.dumps(asdict(measured), indent=2) + "\n", encoding="utf-8")
    inputs = measured.at(target)
    scenes = len(inputs.unit_times_low)
    scaled = (
        f" The {measured.quality}/low factor ({measured.factor:.1f}×) and the files were "
        f"measured at {measured.quality} and scaled to {target} by the pixels per second "
        f"({PIXELS[target] / PIXELS[measured.quality]:.0f}×): a 4K render on this shared "
        "machine would have taken most of an hour."
        if measured.quality != target
        else ""
    )
    lines = [
        "# Scaling on paper: 4 variants × 2 themes × "
        f"{scenes} scenes at {inputs.quality} on a Dask cluster",
        "",
        "Written by `python tests/benchmarks/bench_cluster.py --scaling` (see",
        "`cluster_model.py` for the model) on "
        + time.strftime("%Y-%m-%d")
        + f", load average {inputs.load} on a shared 2-core machine."
        + scaled,
        "",
        "## Measured inputs",
        "",
        "| input | value |",
        "| --- | --- |",
        f"| unit time at low, per scene (whole, 2 at a time, cold) | "
        f"{min(inputs.unit_times_low.values()):.1f} s to "
        f"{max(inputs.unit_times_low.values()):.1f} s, "
        f"{sum(inputs.unit_times_low.values()):.0f} s in all |",
        f"| {inputs.quality} / low unit time (one scene) | {inputs.factor:.1f}× |",
        f"| CPU a second unit adds to a split scene | {100 * inputs.split_cpu_overhead:.0f} % |",
        f"| Dask: seconds per task (local:2, round trip) | {1000 * inputs.per_task:.1f} ms |",
        f"| Dask: transfer to the client (local:2) | {inputs.bytes_per_second / 1e6:.0f} MB/s "
        f"(capped at {NETWORK / 1e6:.0f} MB/s, a 1 Gbit/s link) |",
        f"| a unit's files at {inputs.quality}, per second of video | "
        f"{inputs.bytes_per_video_second / 1e6:.2f} MB |",
        f"| the client's join and publish, per second of video | "
        f"{1000 * inputs.join_per_video_second:.0f} ms |",
        "",
        "## Expected wall time",
        "",
        "| workers | chunks per scene | units | wall | longest unit | scheduler | client |"
        " bottleneck | client, shared folder | wall, shared folder |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for r in rows(inputs):
        lines.append(
            f"| {r.workers} | {r.chunks} | {r.units} | {_time(r.wall)} | {_time(r.longest)} | "
            f"{_time(r.scheduler)} | {_time(r.client)} | {r.bottleneck} | "
            f"{_time(r.client_shared)} | {_time(r.wall_shared)} |"
        )
    lines += [
        "",
        "The first row of each worker count is the automatic policy (split only when there "
        "are fewer scenes than workers); a second row is the best fixed split, when it is "
        f"better. With {scenes * VARIANTS} scene renders, up to 64 workers are kept busy "
        "without splitting; the wall time falls with the workers until the longest scenes "
        "and the client's serial share (receiving every file, joining, publishing) are what "
        "is left. Workers that share the media folder with the client (the last two "
        "columns) publish whole scenes themselves: the client then only joins split "
        "scenes, and nothing travels back. The unit times are wall times of units that "
        "shared this machine's two cores with many other processes: on dedicated cores "
        "every time above is several times shorter, the rows keep their proportions.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "4k"
    saved = Inputs(**json.loads(INPUTS.read_text(encoding="utf-8")))
    print(write_table(saved, TABLE, target).read_text())
