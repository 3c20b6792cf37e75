"""Videos joined end to end, their packets copied (never re-encoded), each clip starting
exactly where the one before stops showing its last picture.

FFmpeg's concat demuxer, which manim joins its partial movies with, offsets each file
by its duration in microseconds: at 15 or 60 frames a second that is a fraction of a
tick off, and the error piles up over the clips (a joined scene came out a few ticks
shorter or longer than its frames, differently for a whole and a split render of the
same scene). Here each clip is offset by its exact end in its own ticks
(:mod:`scenes.render.stream_end`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import av

from scenes.render.stream_end import lengths_in_decode_order, stream_end

__all__ = ["join_videos"]


def join_videos(clips: Sequence[Path], dst: Path) -> Path:
    """``clips`` (same codec, size and time base) end to end in ``dst``."""
    if not clips:
        raise ValueError("nothing to join: no clips")
    with av.open(str(dst), "w") as out:
        picture = None
        offset = 0
        for clip in clips:
            with av.open(str(clip)) as source:
                stream = source.streams.video[0]
                if picture is None:
                    picture = out.add_stream_from_template(stream)
                    time_base = stream.time_base
                elif stream.time_base != time_base:
                    raise ValueError(
                        f"{Path(clip).name}: time base {stream.time_base}, not {time_base}"
                    )
                packets = [p for p in source.demux(stream) if p.dts is not None and p.size]
                if not packets:
                    continue
                start = min(p.pts for p in packets)
                end = stream_end(
                    ((p.pts, p.duration) for p in packets),
                    decode_order=lengths_in_decode_order(source),
                )
                for packet in packets:
                    packet.pts += offset - start
                    # Clips restart their decoding clocks: let libav count them on.
                    packet.dts = None
                    packet.stream = picture
                    out.mux(packet)
                offset += end - start
    return dst
