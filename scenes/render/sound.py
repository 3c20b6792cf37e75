"""Put the narration into a video: the picture copied as it is, the sound encoded once.

manim adds a scene's sound to its main video only, and in the codec it prefers
(Vorbis in WebM, PCM in MOV). The renderer instead muxes the mastered narration
track itself, with one rule for every file it publishes: AAC in MP4 and MOV, Opus
in WebM, mono at 48 kHz, exactly as long as the picture. Section clips get their
own slice of the track, so each plays with its words.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.voice.speech import SAMPLE_RATE

__all__ = ["AUDIO_CODECS", "ENCODER_OPTIONS", "audio_codec", "mux_audio", "video_duration"]

AUDIO_CODECS = {"mp4": ("aac", 96_000), "mov": ("aac", 96_000), "webm": ("libopus", 64_000)}
# FFmpeg's AAC encoder with its default "twoloop" coder overshoots by up to 5 dB where
# speech starts right at the beginning of a stream (measured on our clips: +3.2 dBTP
# from a −1.8 dBTP track); the "fast" coder keeps peaks where they were.
ENCODER_OPTIONS = {"aac": {"aac_coder": "fast"}}


def audio_codec(path: Path) -> tuple[str, int] | None:
    """The codec and bit rate narration takes in ``path``'s container (``None``: no sound,
    as in GIF)."""
    return AUDIO_CODECS.get(path.suffix.lstrip(".").lower())


def video_duration(path: Path) -> float:
    """Seconds of picture in ``path``: the end of its last frame."""
    from scenes.render.stream_end import stream_end_seconds

    with av.open(str(path)) as container:
        end = stream_end_seconds(container, container.streams.video[0])
    return float(end) if end is not None else 0.0


def mux_audio(video: Path, samples: np.ndarray, dst: Path) -> Path:
    """Write ``dst``: ``video``'s picture (packets copied, never re-encoded) with
    ``samples`` (mono float at :data:`SAMPLE_RATE`) as its sound, padded with silence
    or cut to the picture's length. Any sound ``video`` had is replaced."""
    codec = audio_codec(dst)
    if codec is None:
        raise ValueError(f"{dst.name}: this format carries no sound")
    name, bit_rate = codec
    length = round(video_duration(video) * SAMPLE_RATE)
    pcm = np.zeros(length, dtype=np.float32)
    pcm[: min(length, len(samples))] = np.asarray(samples, dtype=np.float32)[:length]
    with av.open(str(video)) as source, av.open(str(dst), "w") as out:
        picture_in = source.streams.video[0]
        picture = out.add_stream_from_template(picture_in)
        sound = out.add_stream(name, rate=SAMPLE_RATE, layout="mono")
        sound.bit_rate = bit_rate
        sound.options = dict(ENCODER_OPTIONS.get(name, {}))
        sound.codec_context.open()  # fixes frame_size, which the encoder dictates
        for packet in source.demux(picture_in):
            if packet.dts is None:
                continue  # the flushing packet demux ends with
            packet.stream = picture
            out.mux(packet)
        step = sound.codec_context.frame_size or 1024
        for at in range(0, length, step):
            frame = av.AudioFrame.from_ndarray(
                pcm[at : at + step].reshape(1, -1), format="flt", layout="mono"
            )
            frame.sample_rate = SAMPLE_RATE
            frame.pts = at
            frame.time_base = Fraction(1, SAMPLE_RATE)
            out.mux(sound.encode(frame))
        out.mux(sound.encode(None))
    return dst
