"""Video files through PyAV: probe, remux with chapter markers, join, webm, posters.

Chapters go into the containers with PyAV's ``Container.set_chapters`` (PyAV 15
and later), before the first packet is written: the mp4 muxer turns them into a
QuickTime chapter track plus a Nero ``chpl`` list (what QuickTime, VLC, mpv and
``ffprobe`` read), the webm muxer into Matroska chapters. Every mp4 is written
with ``+faststart`` so a static server can start playing before it has sent the
whole file.

Joining remuxes the scenes' H.264 packets without decoding when the scenes share
their encoding (same size, rate, pixel format and codec headers, as renders at
one quality do), and re-encodes otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from scenes.lecture.chapters import Chapter, av_chapters
from scenes.lecture.timing import to_ms
from scenes.render.atomic import partial_file

__all__ = [
    "MediaError",
    "VideoInfo",
    "can_remux",
    "concat",
    "encode_webm",
    "poster",
    "probe",
    "read_chapters",
    "remux",
]

MP4_OPTIONS = {"movflags": "+faststart"}
# VP9 at constant quality: flat colours and text compress well. The realtime
# deadline encodes ~20x faster than "good" at a similar size for this material.
WEBM_CRF = 38
WEBM_OPTIONS = {"deadline": "realtime", "cpu-used": "6", "row-mt": "1", "b": "0"}
X264_OPTIONS = {"preset": "veryfast", "crf": "20"}


class MediaError(RuntimeError):
    """A video could not be read or joined."""


@dataclass(frozen=True)
class VideoInfo:
    """What the kit needs to know about a video stream."""

    width: int
    height: int
    fps: Fraction  # nominal; frames need not all last 1/fps (see ``frame_times``)
    frame_times: tuple[Fraction, ...]  # when each frame is shown, from the first, in order
    duration: Fraction  # exact: the end of the last frame, from the packets
    codec: str
    pix_fmt: str | None
    time_base: Fraction
    extradata: bytes | None

    @property
    def frames(self) -> int:
        return len(self.frame_times)

    @property
    def duration_ms(self) -> int:
        return to_ms(self.duration)


def probe(path: Path) -> VideoInfo:
    """Read the video stream's packets (no decoding) for its exact frame times and length."""
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as err:
        raise MediaError(f"cannot open {path}: {err}") from err
    with container:
        if not container.streams.video:
            raise MediaError(f"{path} has no video stream")
        stream = container.streams.video[0]
        pts, end, lengths = [], None, []
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            pts.append(packet.pts)
            lengths.append(packet.duration or 0)
            stop = packet.pts + (packet.duration or 0)
            end = stop if end is None else max(end, stop)
        if not pts:
            raise MediaError(f"{path} has no frames")
        pts.sort()
        if all(lengths):
            # A sample lasts until the next one is decoded, so with reordered frames a
            # long-held picture's length can sit on a later packet: their sum is exact.
            end = pts[0] + sum(lengths)
        tb = Fraction(stream.time_base)
        ctx = stream.codec_context
        return VideoInfo(
            width=ctx.width,
            height=ctx.height,
            fps=Fraction(stream.base_rate or stream.guessed_rate or stream.average_rate or 0),
            frame_times=tuple((p - pts[0]) * tb for p in pts),
            duration=(end - pts[0]) * tb,
            codec=ctx.name,
            pix_fmt=ctx.pix_fmt,
            time_base=tb,
            extradata=bytes(ctx.extradata) if ctx.extradata else None,
        )


@contextmanager
def _output(dst: Path, fmt: str, options: dict[str, str] | None = None) -> Iterator:
    """An output container written beside ``dst`` and moved there only when complete."""
    with (
        partial_file(dst) as partial,
        av.open(str(partial), "w", format=fmt, options=options or {}) as out,
    ):
        yield out


def _label(out, title: str | None, chapters: Sequence[Chapter]) -> None:
    if title:
        out.metadata["title"] = title
    if chapters:
        out.set_chapters(av_chapters(chapters))


def remux(
    src: Path,
    dst: Path,
    chapters: Sequence[Chapter] = (),
    title: str | None = None,
    info: VideoInfo | None = None,
) -> Path:
    """Copy ``src``'s video into an mp4 with chapter markers and a title, untouched.

    ``info`` is ``src``'s :func:`probe`, when the caller has it already.
    """
    concat([src], dst, chapters, title, infos=None if info is None else [info])
    return dst


def can_remux(infos: Sequence[VideoInfo]) -> bool:
    """Whether the videos' packets can follow one another in one stream as they are."""
    first = infos[0]
    same = ("codec", "width", "height", "fps", "pix_fmt", "time_base", "extradata")
    return first.codec == "h264" and all(
        getattr(i, k) == getattr(first, k) for i in infos[1:] for k in same
    )


def concat(
    srcs: Sequence[Path],
    dst: Path,
    chapters: Sequence[Chapter] = (),
    title: str | None = None,
    infos: Sequence[VideoInfo] | None = None,
) -> list[VideoInfo]:
    """Join ``srcs`` end to end into the mp4 ``dst``; return each source's :class:`VideoInfo`.

    Each source starts exactly where the one before ends (its exact duration,
    as :func:`probe` measures it), which is where the chapters and the shifted
    captions put it. ``infos`` are the sources' probes, when the caller has them.
    """
    if not srcs:
        raise MediaError("nothing to join")
    if infos is None:
        infos = [probe(Path(s)) for s in srcs]
    elif len(infos) != len(srcs):
        raise ValueError(f"{len(infos)} probes for {len(srcs)} videos")
    infos = list(infos)
    if len({i.fps for i in infos}) != 1:
        raise MediaError(
            f"cannot join videos at different frame rates: {[str(i.fps) for i in infos]}"
        )
    if can_remux(infos):
        _concat_packets(srcs, infos, dst, chapters, title)
    else:
        _concat_reencode(srcs, infos, dst, chapters, title)
    return infos


def _concat_packets(srcs, infos, dst, chapters, title) -> None:
    tb = infos[0].time_base
    with _output(dst, "mp4", MP4_OPTIONS) as out:
        ostream = None
        start = Fraction(0)  # where the current source begins, in seconds
        last_dts = None
        for src, info in zip(srcs, infos, strict=True):
            with av.open(str(src)) as inp:
                istream = inp.streams.video[0]
                if ostream is None:
                    ostream = out.add_stream_from_template(istream)
                    _label(out, title, chapters)
                first = None
                for packet in inp.demux(istream):
                    if packet.pts is None or packet.dts is None:
                        continue
                    if first is None:
                        first = packet.pts
                    shift = start / tb - first
                    if shift.denominator != 1:
                        raise MediaError(f"{src}: a join point falls between time-base ticks")
                    packet.pts += int(shift)
                    packet.dts += int(shift)
                    if last_dts is not None and packet.dts <= last_dts:
                        raise MediaError(f"{src}: decoding times overlap the previous video")
                    last_dts = packet.dts
                    packet.stream = ostream
                    out.mux(packet)
            start += info.duration


def _concat_reencode(srcs, infos, dst, chapters, title) -> None:
    first = infos[0]
    tb = first.time_base
    with _output(dst, "mp4", MP4_OPTIONS) as out:
        ostream = out.add_stream("libx264", rate=first.fps)
        ostream.width, ostream.height, ostream.pix_fmt = first.width, first.height, "yuv420p"
        ostream.codec_context.time_base = tb
        ostream.options = dict(X264_OPTIONS)
        _label(out, title, chapters)
        timed = _TimedEncoder(out, ostream)
        start = Fraction(0)
        for src, info in zip(srcs, infos, strict=True):
            with av.open(str(src)) as inp:
                for frame, (at, length) in zip(_frames(inp), _showings(info), strict=False):
                    frame = frame.reformat(width=first.width, height=first.height, format="yuv420p")
                    frame.pts, frame.time_base = round((start + at) / tb), tb
                    timed.encode(frame, round(length / tb))
            start += info.duration
        timed.finish()


def _showings(info: VideoInfo) -> Iterator[tuple[Fraction, Fraction]]:
    """When each frame of a probed video is shown, and for how long (in seconds)."""
    ends = [*info.frame_times[1:], info.duration]
    yield from ((at, end - at) for at, end in zip(info.frame_times, ends, strict=True))


class _TimedEncoder:
    """Encodes frames into ``out`` with each packet as long as its frame is shown.

    Scene videos hold a picture as one long frame; left to itself the muxer
    would make a last frame one tick long and cut the video's end short.
    """

    def __init__(self, out, stream) -> None:
        self.out, self.stream = out, stream
        self.lengths: dict[int, int] = {}  # pts -> ticks, of frames not yet out of the encoder

    def encode(self, frame, ticks: int) -> None:
        self.lengths[frame.pts] = ticks
        self._mux(self.stream.encode(frame))

    def finish(self) -> None:
        self._mux(self.stream.encode(None))

    def _mux(self, packets) -> None:
        for packet in packets:
            packet.duration = self.lengths.pop(packet.pts, packet.duration)
            self.out.mux(packet)


def _frames(container) -> Iterator:
    """The decoded frames of the first video stream, in presentation order."""
    yield from container.decode(container.streams.video[0])


def encode_webm(
    src: Path,
    dst: Path,
    chapters: Sequence[Chapter] = (),
    title: str | None = None,
    crf: int = WEBM_CRF,
    info: VideoInfo | None = None,
) -> None:
    """Re-encode ``src`` as VP9 in WebM, frame for frame and time for time, with chapters.

    ``info`` is ``src``'s :func:`probe`, when the caller has it already.
    """
    info = info or probe(src)
    with av.open(str(src)) as inp, _output(dst, "webm") as out:
        istream = inp.streams.video[0]
        ostream = out.add_stream("libvpx-vp9", rate=istream.base_rate or istream.average_rate)
        ostream.width, ostream.height = istream.codec_context.width, istream.codec_context.height
        ostream.pix_fmt = "yuv420p"
        ostream.codec_context.time_base = istream.time_base  # keeps every frame's own time
        ostream.options = {**WEBM_OPTIONS, "crf": str(crf), "threads": str(os.cpu_count() or 1)}
        _label(out, title, chapters)
        timed = _TimedEncoder(out, ostream)
        tb = info.time_base
        for frame, (_, length) in zip(inp.decode(istream), _showings(info), strict=False):
            timed.encode(frame.reformat(format="yuv420p"), round(length / tb))
        timed.finish()


def poster(src: Path, frame_index: int, dst: Path) -> Path:
    """Save the ``frame_index``-th frame (from 0, in showing order) as a PNG."""
    chosen = None
    with av.open(str(src)) as inp:
        for index, frame in enumerate(_frames(inp)):
            chosen = frame
            if index >= frame_index:
                break
        if chosen is None:
            raise MediaError(f"{src} has no frames")
        image = chosen.to_image()
    with partial_file(dst) as partial:
        image.save(partial, format="PNG", optimize=True)
    return dst


def read_chapters(path: Path) -> list[Chapter]:
    """The chapter markers stored in a container, in milliseconds."""
    with av.open(str(path)) as container:
        return [
            Chapter(
                to_ms(c["start"] * c["time_base"]),
                to_ms(c["end"] * c["time_base"]),
                c["metadata"].get("title", ""),
            )
            for c in container.chapters()
        ]
