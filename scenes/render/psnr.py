"""How close two videos look: PSNR of the decoded pictures, time for time.

The videos are decoded with PyAV and compared at every moment of the
reference: whatever each one shows at a time is what is compared, so a video
that holds a picture as one long frame compares equal to one that repeats it
frame by frame. Pictures are compared in 8-bit YUV 4:2:0 (what the encoders
take), with the planes weighted by their sizes, as FFmpeg's ``psnr`` filter does
for its ``average``.

    report = compare_videos(Path("reference.mp4"), Path("candidate.mp4"))
    report.psnr, report.worst, report.worst_at

Identical pictures give ``math.inf``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.render.planes import plane_rows
from scenes.render.stream_end import stream_end_seconds

__all__ = ["VideoComparison", "compare_videos", "pictures", "psnr_of", "yuv_samples"]

PEAK = 255.0


@dataclass(frozen=True)
class VideoComparison:
    """The result of :func:`compare_videos` (PSNRs in dB)."""

    psnr: float  # over the whole reference: from the time-weighted mean squared error
    worst: float  # the lowest of any single picture pair
    worst_at: float  # seconds into the reference where the worst pair is shown
    duration: float  # of the reference, in seconds
    duration_difference: float  # candidate minus reference, in seconds
    reference_frames: int
    candidate_frames: int

    def __str__(self) -> str:
        return (
            f"PSNR {self.psnr:.2f} dB (worst {self.worst:.2f} dB at {self.worst_at:.2f} s), "
            f"{self.reference_frames} vs {self.candidate_frames} frames, "
            f"duration {self.duration:.3f} s ({self.duration_difference:+.3f} s)"
        )


def psnr_of(mse: float) -> float:
    """PSNR in dB of a mean squared error on 8-bit samples."""
    return math.inf if mse <= 0 else 10 * math.log10(PEAK**2 / mse)


def pictures(path: Path) -> Iterator[tuple[Fraction, Fraction, np.ndarray]]:
    """``(start, end, samples)`` of each picture of ``path``'s first video stream.

    Times are exact seconds from the first picture; ``samples`` are the Y, U and
    V planes of the picture in 8-bit 4:2:0, one after the other, as one array.
    The last picture ends where the stream ends.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"  # decode on every core
        tb = Fraction(stream.time_base)
        rate = stream.base_rate or stream.average_rate
        snap = _on_ticks(Fraction(rate)) if rate else (lambda t: t)
        end = stream_end_seconds(container, stream)
        end = None if end is None else snap(Fraction(end))
        container.seek(0)
        first, held = None, None
        for frame in container.decode(stream):
            at = snap(Fraction(frame.pts) * tb)
            first = at if first is None else first
            if held is not None:
                yield held[0] - first, at - first, held[1]
            held = (at, yuv_samples(frame))
        if held is None:
            raise ValueError(f"{path} has no pictures")
        if end is None or end <= held[0]:  # no packet durations: the last lasts one frame
            end = held[0] + 1 / Fraction(stream.base_rate or stream.average_rate or 1)
        yield held[0] - first, end - first, held[1]


def _on_ticks(rate: Fraction):
    """Times moved onto the frame-rate grid when within a quarter tick of it: a muxer's
    time base (manim's is 1/15360 s at 60 fps) leaves a picture's time a fraction of a
    millisecond off, and two videos would otherwise pair each picture with its
    neighbour for that sliver, a "worst" pair that nobody sees."""

    def snap(t: Fraction) -> Fraction:
        grid = Fraction(round(t * rate)) / rate
        return grid if abs(t - grid) * rate < Fraction(1, 4) else t

    return snap


def yuv_samples(frame: av.VideoFrame) -> np.ndarray:
    """A picture's Y, U and V samples (8-bit 4:2:0), one plane after the other."""
    if frame.format.name != "yuv420p":
        frame = frame.reformat(format="yuv420p")
    return np.concatenate([plane_rows(plane).ravel() for plane in frame.planes])


def compare_videos(reference: Path, candidate: Path) -> VideoComparison:
    """Compare what ``candidate`` shows with what ``reference`` shows, moment by moment."""
    ref, cand = _Cursor(pictures(Path(reference))), _Cursor(pictures(Path(candidate)))
    if ref.picture.shape != cand.picture.shape:
        raise ValueError(f"{candidate} is not the size of {reference}")
    weighted, total = 0.0, Fraction(0)
    worst, worst_at = math.inf, 0.0
    mse, pair = 0.0, None
    while ref.live and cand.live:
        if pair != (ref.version, cand.version):  # a repeated picture keeps its error
            mse, pair = _mse(ref.picture, cand.picture), (ref.version, cand.version)
        overlap = min(ref.end, cand.end) - max(ref.start, cand.start)
        if overlap > 0:
            weighted += mse * float(overlap)
            total += overlap
            if psnr_of(mse) < worst:
                worst, worst_at = psnr_of(mse), float(max(ref.start, cand.start))
        # Move on whichever picture ends first (both when they end together).
        ends = min(ref.end, cand.end)
        for cursor in (ref, cand):
            if cursor.end == ends:
                cursor.advance()
    ref.drain()
    cand.drain()
    return VideoComparison(
        psnr=psnr_of(weighted / float(total)) if total else -math.inf,
        worst=worst,
        worst_at=worst_at,
        duration=float(ref.end),
        duration_difference=float(cand.end - ref.end),
        reference_frames=ref.count,
        candidate_frames=cand.count,
    )


class _Cursor:
    """The current picture of a stream of :func:`pictures`, and how many were seen."""

    def __init__(self, stream: Iterator[tuple[Fraction, Fraction, np.ndarray]]) -> None:
        self.stream = stream
        self.start, self.end, self.picture = next(stream)
        self.count, self.live, self.version = 1, True, 0

    def advance(self) -> None:
        step = next(self.stream, None)
        if step is None:
            self.live = False
            return
        start, self.end, picture = step
        if not np.array_equal(picture, self.picture):
            self.version += 1  # a new picture, not a repeat of the one before
        self.start, self.picture = start, picture
        self.count += 1

    def drain(self) -> None:
        while self.live:
            self.advance()


def _mse(a: np.ndarray, b: np.ndarray) -> float:
    diff = a.astype(np.int16) - b.astype(np.int16)
    return float(np.mean(np.square(diff, dtype=np.int32)))
