"""Video files through PyAV: probe, remux with chapter markers, join, webm, posters.

Chapters go into the containers with PyAV's ``Container.set_chapters`` (PyAV 15
and later), before the first packet is written: the mp4 muxer turns them into a
QuickTime chapter track plus a Nero ``chpl`` list (what QuickTime, VLC, mpv and
``ffprobe`` read), the webm muxer into Matroska chapters. Every mp4 is written
with ``+faststart`` so a static server can start playing before it has sent the
whole file.

Joining remuxes the scenes' H.264 packets without decoding when the scenes share
their encoding (same size, rate, pixel format and codec headers, as renders at
one quality do), and re-encodes otherwise. Sound is always re-encoded, each
scene's fitted to its picture (:mod:`scenes.lecture.audio`): AAC in mp4, Opus
in webm; a video with no sound gives an output with none.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from scenes.lecture import audio
from scenes.lecture.audio import AudioInfo
from scenes.lecture.chapters import Chapter, av_chapters
from scenes.lecture.timing import to_ms
from scenes.render.atomic import partial_file
from scenes.render.stream_end import lengths_in_decode_order, stream_end

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
    "save_frames",
]

MP4_OPTIONS = {"movflags": "+faststart"}
# VP9 at constant quality: flat colours and text compress well. The realtime
# deadline encodes ~20x faster than "good" at a similar size for this material.
WEBM_CRF = 38
WEBM_OPTIONS = {"deadline": "realtime", "cpu-used": "6", "row-mt": "1", "b": "0"}
X264_OPTIONS = {"preset": "veryfast", "crf": "20"}


# Draws on a frame: the frame and its time -> the frame drawn on (or the same frame).
Paint = Callable[[av.VideoFrame, Fraction], av.VideoFrame]


class MediaError(RuntimeError):
    """A video could not be read or joined."""


@dataclass(frozen=True)
class VideoInfo:
    """What the kit needs to know about a video: its picture, and whether it has sound."""

    width: int
    height: int
    fps: Fraction  # nominal; frames need not all last 1/fps (see ``frame_times``)
    frame_times: tuple[Fraction, ...]  # when each frame is shown, from the first, in order
    duration: Fraction  # exact: the end of the last frame, from the packets
    codec: str
    pix_fmt: str | None
    time_base: Fraction
    extradata: bytes | None
    start: Fraction = Fraction(0)  # when the first frame is shown, in the file's own time
    audio: AudioInfo | None = None  # None: a silent video

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
        packets = [(p.pts, p.duration) for p in container.demux(stream) if p.pts is not None]
        if not packets:
            raise MediaError(f"{path} has no frames")
        end = stream_end(packets, decode_order=lengths_in_decode_order(container))
        pts = sorted(at for at, _ in packets)
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
            start=pts[0] * tb,
            audio=audio.audio_info(container),
        )


def _sound_of(srcs: Sequence[Path], infos: Sequence[VideoInfo]) -> list[audio.Source]:
    return [
        audio.Source(Path(s), i.duration, i.start, i.audio)
        for s, i in zip(srcs, infos, strict=True)
    ]


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
    """Copy ``src``'s picture into an mp4 with chapter markers and a title, untouched;
    its sound is fitted to the picture's length.

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
    paint: Paint | None = None,
) -> list[VideoInfo]:
    """Join ``srcs`` end to end into the mp4 ``dst``; return each source's :class:`VideoInfo`.

    Each source starts exactly where the one before ends (its exact duration,
    as :func:`probe` measures it), which is where the chapters and the shifted
    captions put it; its sound starts there too and lasts as long as its picture.
    ``infos`` are the sources' probes, when the caller has them. ``paint`` may draw
    on each frame (given with its time in the joined video), which re-encodes the
    picture.
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
    with _output(dst, "mp4", MP4_OPTIONS) as out:
        if paint is None and can_remux(infos):
            video = _copied_picture(out, srcs, infos)
        else:
            video = _reencoded_picture(out, srcs, infos, paint)
        sound = audio.fitted_track(out, "mp4", _sound_of(srcs, infos))
        _label(out, title, chapters)
        for packet in audio.interleave(video, sound):
            out.mux(packet)
    return infos


def _copied_picture(out, srcs, infos) -> Iterator:
    """Add ``out``'s video stream; return the sources' packets, moved to follow one another."""
    with av.open(str(srcs[0])) as first:
        ostream = out.add_stream_from_template(first.streams.video[0])
    return _shifted_packets(ostream, srcs, infos)


def _shifted_packets(ostream, srcs, infos) -> Iterator:
    tb = infos[0].time_base
    start = Fraction(0)  # where the current source begins, in seconds
    last_dts = None
    for src, info in zip(srcs, infos, strict=True):
        with av.open(str(src)) as inp:
            istream = inp.streams.video[0]
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
                yield packet
        start += info.duration


def _reencoded_picture(out, srcs, infos, paint: Paint | None = None) -> Iterator:
    """Add an H.264 stream at the first source's size; return the sources' frames
    (painted on, if asked) encoded."""
    first = infos[0]
    ostream = out.add_stream("libx264", rate=first.fps)
    ostream.width, ostream.height, ostream.pix_fmt = first.width, first.height, "yuv420p"
    ostream.codec_context.time_base = first.time_base
    ostream.options = dict(X264_OPTIONS)
    return _reencoded_packets(ostream, srcs, infos, paint)


def _reencoded_packets(ostream, srcs, infos, paint: Paint | None) -> Iterator:
    first = infos[0]
    tb = first.time_base

    def frames() -> Iterator:  # (frame, ticks it is shown), the sources one after another
        start = Fraction(0)
        for src, info in zip(srcs, infos, strict=True):
            with av.open(str(src)) as inp:
                for frame, (at, length) in zip(_frames(inp), _showings(info), strict=False):
                    frame = frame.reformat(width=first.width, height=first.height, format="yuv420p")
                    if paint is not None:
                        frame = paint(frame, start + at).reformat(format="yuv420p")
                    frame.pts, frame.time_base = round((start + at) / tb), tb
                    yield frame, round(length / tb)
            start += info.duration

    return _timed_packets(ostream, frames())


def _showings(info: VideoInfo) -> Iterator[tuple[Fraction, Fraction]]:
    """When each frame of a probed video is shown, and for how long (in seconds)."""
    ends = [*info.frame_times[1:], info.duration]
    yield from ((at, end - at) for at, end in zip(info.frame_times, ends, strict=True))


def _timed_packets(ostream, frames: Iterable) -> Iterator:
    """``frames`` (each with the ticks it is shown) encoded, every packet as long as its
    frame is shown: scene videos hold a picture as one long frame, and left to itself
    the muxer would make a last frame one tick long and cut the video's end short."""
    lengths: dict[int, int] = {}  # pts -> ticks, of frames not yet out of the encoder

    def timed(packets):
        for packet in packets:
            packet.duration = lengths.pop(packet.pts, packet.duration)
            yield packet

    for frame, ticks in frames:
        lengths[frame.pts] = ticks
        yield from timed(ostream.encode(frame))
    yield from timed(ostream.encode(None))


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
    """Re-encode ``src`` as VP9 (and its sound as Opus) in WebM, frame for frame and
    time for time, with chapters. ``info`` is ``src``'s :func:`probe`, when the caller has it.
    """
    info = info or probe(src)
    with _output(dst, "webm") as out:
        ostream = out.add_stream("libvpx-vp9", rate=info.fps)
        ostream.width, ostream.height, ostream.pix_fmt = info.width, info.height, "yuv420p"
        ostream.codec_context.time_base = info.time_base  # keeps every frame's own time
        ostream.options = {**WEBM_OPTIONS, "crf": str(crf), "threads": str(os.cpu_count() or 1)}
        sound = audio.fitted_track(out, "webm", _sound_of([src], [info]))
        _label(out, title, chapters)
        for packet in audio.interleave(_vp9_packets(src, info, ostream), sound):
            out.mux(packet)


def _vp9_packets(src: Path, info: VideoInfo, ostream) -> Iterator:
    tb = info.time_base
    with av.open(str(src)) as inp:
        frames = (
            (frame.reformat(format="yuv420p"), round(length / tb))
            for frame, (_, length) in zip(_frames(inp), _showings(info), strict=False)
        )
        yield from _timed_packets(ostream, frames)


def poster(src: Path, frame_index: int, dst: Path) -> Path:
    """Save the ``frame_index``-th frame (from 0, in showing order) as a PNG."""
    save_frames(src, {dst: frame_index})
    return dst


def save_frames(src: Path, frames: Mapping[Path, int]) -> None:
    """Save each chosen frame (index from 0, in showing order) as a PNG, in one decoding pass.

    An index past the last frame saves the last frame.
    """
    wanted: dict[int, list[Path]] = {}
    for dst, index in frames.items():
        wanted.setdefault(max(0, index), []).append(Path(dst))
    last, chosen = max(wanted, default=-1), None
    with av.open(str(src)) as inp:
        for index, frame in enumerate(_frames(inp)):
            chosen = frame
            for dst in wanted.pop(index, ()):
                _save_png(frame.to_image(), dst)
            if index >= last:
                break
    if chosen is None:
        raise MediaError(f"{src} has no frames")
    for dsts in wanted.values():  # past the end: the last frame
        for dst in dsts:
            _save_png(chosen.to_image(), dst)


def _save_png(image, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    with partial_file(dst) as partial:
        image.save(partial, format="PNG")


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
