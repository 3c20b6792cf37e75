"""Sound in the kit's videos: each scene's audio fitted to its picture, joined, encoded.

A scene's audio track need not last exactly as long as its picture (manim ends
the track at the last sound, and AAC pads its last packet), so every output
re-encodes the sound: each scene's audio is decoded, cut or padded with silence
to the scene's exact video duration, and placed at the sample where the scene
starts. Joined scenes therefore stay in sync across every boundary, and a scene
with no audio (a silent render) contributes silence. Videos that have no audio
at all give outputs with no audio stream.

Packets of the picture and the sound are written in time order
(:func:`interleave`), so a player streaming the file reads both as it goes.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.render.sound import AUDIO_CODECS, ENCODER_OPTIONS
from scenes.voice.speech import SAMPLE_RATE

__all__ = ["RATE", "AudioInfo", "audio_info", "fitted_track", "interleave"]

# The renderer's rate, codecs and encoder settings for narration (scenes.render.sound):
# the kit's copies sound as the renders do. One rate for every output also lets
# scenes join whatever rate each was rendered at.
RATE = SAMPLE_RATE


@dataclass(frozen=True)
class AudioInfo:
    """A video's audio stream, as far as the kit needs to know it."""

    codec: str
    sample_rate: int
    layout: str  # "mono", "stereo", ...
    channels: int


def audio_info(container) -> AudioInfo | None:
    """The first audio stream of an open container, or None when it has none."""
    if not container.streams.audio:
        return None
    ctx = container.streams.audio[0].codec_context
    return AudioInfo(ctx.name, ctx.sample_rate, ctx.layout.name, ctx.layout.nb_channels)


@dataclass(frozen=True)
class Source:
    """One scene's part of an audio track: where its audio is, and how long its picture lasts."""

    path: Path
    duration: Fraction  # exact length of the picture, in seconds
    start: Fraction  # when the picture's first frame is shown, in the file's time
    audio: AudioInfo | None  # None: the scene is silent


def fitted_track(out, container_format: str, sources: Sequence[Source]) -> Iterator | None:
    """Add an audio stream to ``out`` and return its packets, or None if no source has sound.

    Each source's audio fills exactly its picture's duration, from the sample
    where that picture starts in the joined video.
    """
    heard = [s.audio for s in sources if s.audio is not None]
    if not heard:
        return None
    layout = max(heard, key=lambda a: a.channels).layout  # mono and stereo join as stereo
    codec, bit_rate = AUDIO_CODECS[container_format]
    stream = out.add_stream(codec, rate=RATE, layout=layout)
    stream.bit_rate = bit_rate
    stream.options = dict(ENCODER_OPTIONS.get(codec, {}))
    return _encoded(stream, _fitted_samples(sources, layout))


def _fitted_samples(sources: Sequence[Source], layout: str) -> Iterator[np.ndarray]:
    """Blocks of planar float samples (channels x n) at :data:`RATE`, every source fitted."""
    channels = av.AudioLayout(layout).nb_channels
    end, written = Fraction(0), 0
    for source in sources:
        end += source.duration
        # Each scene ends on the sample nearest its exact end: no drift along the join.
        need = round(end * RATE) - written
        got = 0
        if source.audio is not None:
            for block in _decoded(source, layout):
                block = block[:, : need - got]
                got += block.shape[1]
                yield block
                if got == need:
                    break
        if got < need:
            yield np.zeros((channels, need - got), dtype=np.float32)
        written += need


def _decoded(source: Source, layout: str) -> Iterator[np.ndarray]:
    """``source``'s audio from its picture's first frame on, as planar float at :data:`RATE`."""
    resampler = av.AudioResampler(format="fltp", layout=layout, rate=RATE)
    channels = av.AudioLayout(layout).nb_channels
    skip = None  # samples heard before the picture starts, to drop
    with av.open(str(source.path)) as container:
        stream = container.streams.audio[0]
        for frame in _frames_then_flush(container.decode(stream)):
            if skip is None and frame is not None:
                first = Fraction(frame.pts or 0) * frame.time_base
                skip = round((source.start - first) * RATE)
                if skip < 0:  # the sound starts after the picture: silence until it does
                    yield np.zeros((channels, -skip), dtype=np.float32)
                    skip = 0
            for out in resampler.resample(frame):
                block = out.to_ndarray().astype(np.float32, copy=False)
                if skip:
                    cut = min(skip, block.shape[1])
                    block, skip = block[:, cut:], skip - cut
                if block.shape[1]:
                    yield block


def _frames_then_flush(frames: Iterable) -> Iterator:
    yield from frames
    yield None  # flushes the resampler


def _encoded(stream, blocks: Iterator[np.ndarray]) -> Iterator:
    """Encode sample blocks into ``stream``'s packets (PyAV re-chunks to the codec's frames)."""
    layout = stream.codec_context.layout.name
    at = 0
    for block in blocks:
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(block), format="fltp", layout=layout
        )
        frame.sample_rate, frame.time_base, frame.pts = RATE, Fraction(1, RATE), at
        at += block.shape[1]
        yield from stream.encode(frame)
    yield from stream.encode(None)


def _when(packet) -> Fraction:
    ticks = packet.dts if packet.dts is not None else packet.pts
    return Fraction(ticks or 0) * packet.time_base


def interleave(*tracks: Iterator | None) -> Iterator:
    """The packets of several streams merged in time order (each track is in order)."""
    return heapq.merge(*(t for t in tracks if t is not None), key=_when)
