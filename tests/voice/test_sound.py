"""Muxing narration into videos: the picture copied, the sound in the container's codec,
as long as the picture."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.render.sound import mux_audio, video_duration
from scenes.voice.speech import SAMPLE_RATE

FPS = 15


def _video(path: Path, codec: str, frames: int = 30) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(frames):
            pixels = np.full((48, 64, 3), (i * 8) % 256, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def _tone(seconds: float, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def _read(path: Path) -> tuple[str, str, int, np.ndarray, int]:
    with av.open(str(path)) as container:
        video_packets = sum(1 for p in container.demux(container.streams.video[0]) if p.size)
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        name, layout = stream.codec_context.name, stream.codec_context.layout.name
        rate = stream.codec_context.sample_rate
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])
    return name, layout, rate, samples, video_packets


@pytest.mark.parametrize(
    ("suffix", "video_codec", "audio_codec"),
    [("mp4", "libx264", "aac"), ("mov", "libx264", "aac"), ("webm", "libvpx-vp9", "opus")],
)
def test_sound_is_encoded_for_the_container_and_fits_the_picture(
    tmp_path, suffix, video_codec, audio_codec
):
    source = _video(tmp_path / f"in.{suffix}", video_codec)
    seconds = video_duration(source)
    assert seconds == pytest.approx(30 / FPS, abs=0.002)  # WebM counts in milliseconds
    for length in (0.5, 5.0):  # shorter: padded with silence; longer: cut
        dst = mux_audio(source, _tone(length), tmp_path / f"out-{length}.{suffix}")
        name, layout, rate, samples, frames = _read(dst)
        assert (name, layout, rate, frames) == (audio_codec, "mono", SAMPLE_RATE, 30)
        assert len(samples) / SAMPLE_RATE == pytest.approx(seconds, abs=1 / FPS)
        loud = np.flatnonzero(np.abs(samples) > 0.05)
        assert loud[-1] / SAMPLE_RATE == pytest.approx(min(length, seconds), abs=0.05)


def test_a_gif_carries_no_sound(tmp_path):
    with pytest.raises(ValueError, match="carries no sound"):
        mux_audio(tmp_path / "in.mp4", _tone(1.0), tmp_path / "out.gif")


def _reordered_hold(path: Path) -> Path:
    """An MP4 laid out as a scene's wait comes out of x264: pictures at ticks 0, 1 and 2,
    the one at 2 held until tick 40, then 40, 41 and 42, with the pictures decoded
    out of order. Its packets are copied from a plain encoding and given those times
    (nothing here decodes them)."""
    source = _video(path.with_name("plain.mp4"), "libx264", frames=6)
    timing = [(0, -2), (1, -1), (2, 0), (40, 1), (42, 2), (41, 40)]  # (pts, dts), decode order
    with av.open(str(source)) as src, av.open(str(path), "w") as out:
        stream = out.add_stream_from_template(src.streams.video[0])
        packets = [p for p in src.demux(src.streams.video[0]) if p.dts is not None]
        for packet, (pts, dts) in zip(packets, timing, strict=True):
            packet.pts, packet.dts, packet.duration = pts, dts, 1
            packet.time_base = Fraction(1, FPS)
            packet.stream = stream
            out.mux(packet)
    return path


def test_a_hold_among_reordered_pictures_ends_where_the_pictures_end(tmp_path):
    """MP4 hangs a hold's length on whichever picture is decoded next: the sound must
    still stop with the last picture, not a hold's length after it."""
    video = _reordered_hold(tmp_path / "held.mp4")
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        ends = [p.pts + p.duration for p in container.demux(stream) if p.pts is not None]
        assert max(ends) * stream.time_base > Fraction(43, FPS)  # the trap is there
    assert video_duration(video) == pytest.approx(43 / FPS, abs=1e-9)
    voiced = mux_audio(video, _tone(10.0), tmp_path / "voiced.mp4")
    assert len(_read(voiced)[3]) / SAMPLE_RATE == pytest.approx(43 / FPS, abs=1 / FPS)
