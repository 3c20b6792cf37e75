"""Where a video stream stops showing its last picture, from its packets' times.

A scene video holds a picture as one long showing (:mod:`scenes.kit.frames`). In MP4
and MOV a sample lasts until the next one is *decoded* (the lengths are in decode
order), so with reordered (B-)frames a hold's length sits on another packet than the
one it shows: the latest ``pts + duration`` then overshoots by as much as the hold,
while the sum of the lengths is exact. Other containers (WebM) keep each picture's own
length, rounded to their clock (milliseconds), so there the sum drifts and the latest
end is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

__all__ = ["stream_end", "stream_end_seconds"]


def stream_end(packets: Iterable[tuple[int, int | None]], decode_order: bool) -> int | None:
    """The tick at which the last picture ends, from each packet's ``(pts, duration)``
    in the stream's time base; ``decode_order``: the lengths run in decode order (MP4).
    ``None`` for no packets."""
    pts, lengths = [], []
    for at, length in packets:
        pts.append(at)
        lengths.append(length or 0)
    if not pts:
        return None
    if decode_order and all(lengths):
        return min(pts) + sum(lengths)
    return max(at + length for at, length in zip(pts, lengths, strict=True))


def lengths_in_decode_order(container) -> bool:
    """Whether ``container`` (an open PyAV container) is ISO media (MP4, MOV)."""
    return "mp4" in container.format.name.split(",")  # the demuxer of MP4, MOV and kin


def stream_end_seconds(container, stream) -> Fraction | None:
    """:func:`stream_end` of ``stream`` in an open PyAV ``container``, in seconds."""
    end = stream_end(
        (
            (packet.pts, packet.duration)
            for packet in container.demux(stream)
            if packet.pts is not None
        ),
        decode_order=lengths_in_decode_order(container),
    )
    return None if end is None else end * Fraction(stream.time_base)
