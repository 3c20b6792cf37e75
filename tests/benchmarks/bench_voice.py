"""Benchmark: what the narrator costs a render. Run with ``make bench``; never by pytest.

Every run renders the same scenes at one quality with ``explainer render --jobs N``,
one after another so they share the machine's state:

(a) ``--voice none``, cold (an empty cache folder);
(b) the voice (``piper`` unless ``--voice``), cold (another empty cache folder): every
    formula is compiled and every sentence synthesised, as in (a) plus the voice;
(c) ``--voice none --force``, with (a)'s warm cache;
(d) the voice ``--force``, with (b)'s warm cache: the audio comes from the cache.

Bars: (b) at most 15 % slower than (a); (d) at most 3 % slower than (c) (cached audio
costs only the mixing and muxing). Also prints each scene's narrated length and the
total. Exits with status 1 if a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenes.registry import all_entries, find
from scenes.render.layout import QUALITIES, scene_outputs
from scenes.render.worker import read_key_file

REPO = Path(__file__).resolve().parents[2]
COLD_BAR = 1.15
WARM_BAR = 1.03


def render(slugs, quality, media, cache, voice, jobs, force=False) -> float:
    command = [sys.executable, "-m", "scenes", "render", "-q", quality, "--jobs", str(jobs)]
    command += ["--media-dir", str(media), "--voice", voice, *slugs]
    command += ["--force"] if force else []
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"render failed ({voice}):\n{done.stderr[-2000:]}")
    return wall


def narrated(entries, quality, media, voice) -> dict[str, tuple[float, float]]:
    """``{stem: (video seconds, seconds of speech)}`` from the renders' sections indexes."""
    found = {}
    for entry in entries:
        stem = f"{entry.stem}~voice={voice}"
        outputs = scene_outputs(media, quality, stem, "mp4")
        record = read_key_file(outputs) or {}
        sections = json.loads(outputs.sections_index.read_text(encoding="utf-8"))
        speech = sum(line["end"] - line["start"] for s in sections for line in s["lines"])
        found[entry.stem] = (record.get("duration", 0.0), speech)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="low", choices=list(QUALITIES))
    parser.add_argument("--voice", default="piper")
    parser.add_argument("--scenes", default="", help="comma-separated scenes (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    entries = [find(k) for k in args.scenes.split(",") if k] or list(all_entries())
    slugs = [e.slug for e in entries]
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as tmp:
        tmp = Path(tmp)
        silent, voiced = tmp / "cache-none", tmp / "cache-voice"
        print(f"[{args.quality}] {len(slugs)} scenes, --jobs {args.jobs}", flush=True)
        a = render(slugs, args.quality, tmp / "none", silent, "none", args.jobs)
        b = render(slugs, args.quality, tmp / "voice", voiced, args.voice, args.jobs)
        c = render(slugs, args.quality, tmp / "none", silent, "none", args.jobs, force=True)
        d = render(slugs, args.quality, tmp / "voice", voiced, args.voice, args.jobs, force=True)
        lengths = narrated(entries, args.quality, tmp / "voice", args.voice)
    rows = [
        ("(b)/(a) cold, voice vs none", b, a, COLD_BAR),
        ("(d)/(c) cached voice vs none", d, c, WARM_BAR),
    ]
    failed = False
    for name, voiced, silent, bar in rows:
        ratio = voiced / silent
        failed |= ratio > bar
        verdict = "ok" if ratio <= bar else "MISSED"
        times = f"{voiced:7.1f} s / {silent:7.1f} s"
        print(f"{name:32s} {times} = {ratio:.3f}  (bar <= {bar})  {verdict}")
    print("\nscene                     video s   speech s")
    for stem, (video, speech) in lengths.items():
        print(f"{stem:24s} {video:9.1f} {speech:10.1f}")
    total_video = sum(v for v, _ in lengths.values())
    total_speech = sum(s for _, s in lengths.values())
    print(f"{'total':24s} {total_video:9.1f} {total_speech:10.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
