"""Manim's renderer and segment encoder, with holds nearly free and a record of the costs.

Manim draws each frame with Cairo as RGBA, then (in a thread per partial movie)
converts it to the encoder's YUV and encodes it. About half of an explainer's
frames are holds, mostly the ``wait`` that ends each beat, and manim converts
and encodes every held frame again. :class:`HoldingEncoder` instead

- converts each picture once, and only where it changed: a frame equal to the
  one before reuses the converted picture, and a frame that differs in a band
  of rows has only that band converted again (:mod:`scenes.kit.conversion`,
  the same picture). The band is looked for only in the rows the camera drew
  on (:mod:`scenes.kit.drawn_frames`). The scaler reads manim's frame where it lies
  (``VideoFrame.from_numpy_buffer``: no copy, about 12 % less time than copying
  into an aligned frame first), single-threaded (the render workers keep both
  cores busy);
- writes a partial movie that shows one picture throughout (a wait) as a few
  frames, the last one lasting the rest of the wait: x264 encodes a dozen
  frames instead of every tick. Players show every picture at the same time
  for the same time; the stream keeps its time base of one tick, animations
  keep one frame per tick, and only H.264 in mp4 and mov gets these long
  frames (see :class:`HoldingEncoder`).

:class:`ExplainerRenderer` writes through it and times the drawing, so a
render's :class:`FrameCost` tells where the time went. ``ExplainerScene``
uses it unless ``EXPLAINER_RENDERER=manim``.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
from av.video.frame import PictureType
from manim import config
from manim.constants import RendererType
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.kit.camera import ExplainerCamera
from scenes.kit.conversion import RowConverter, changed_rows
from scenes.kit.drawn_frames import rows_to_compare

__all__ = [
    "ExplainerRenderer",
    "FrameCost",
    "HoldingEncoder",
    "HoldingFileWriter",
    "frame_cost",
    "renderer_for",
]

# One-tick frames a hold starts with before its long frame: x264's lookahead
# (rc-lookahead is 10 frames, see layout.ENCODER_OPTIONS) then sees the hold as it
# would with every frame there.
HOLD_LEAD_FRAMES = 12


@dataclass
class FrameCost:
    """Where a render's time went: CPU seconds of each stage, and the frames written.

    ``draw`` is Cairo drawing in the scene's thread; ``convert`` (RGBA to the
    encoder's format) and ``encode`` run in the encoders' threads, alongside
    (x264 runs in the encoder's thread with the one thread ``layout.ENCODER_OPTIONS``
    gives it). ``held`` frames were equal to the frame before them.
    """

    draw: float = 0.0
    convert: float = 0.0
    encode: float = 0.0
    frames: int = 0
    held: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


class HoldingEncoder(VideoSegmentEncoder):
    """A partial movie's encoder that converts each picture once and writes a wait in few frames.

    ``short_holds`` is for H.264 in mp4 or mov only: manim re-times a GIF's
    frames one tick apart (a long frame would be cut short), and reads each
    section's frame rate back from the file, which WebM's muxer does not
    always leave it. Without it every tick is a frame, as manim writes them.
    ``cost`` (with ``lock``, shared by the encoder threads) collects the costs.
    """

    def __init__(
        self,
        *,
        target: Path,
        spec: Any,
        cost: FrameCost | None = None,
        lock: threading.Lock | None = None,
        short_holds: bool = True,
    ) -> None:
        super().__init__(target=target, spec=spec)
        self._cost = cost if cost is not None else FrameCost()
        self._lock = lock or threading.Lock()
        self._short_holds = short_holds
        self._tick = Fraction(spec.frame_rate.denominator, spec.frame_rate.numerator)
        self._converter = RowConverter(spec.pixel_format)
        self._last: np.ndarray | None = None  # the RGBA frame last written
        # The converted picture not yet encoded, and for how many ticks it shows:
        # a segment that never changes picture is written as a hold in finish().
        self._pending: av.VideoFrame | None = None
        self._pending_ticks = 0
        self._changed = False
        self._lengths: dict[int, int] = {}  # pts -> ticks, of frames still in the encoder

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        """Show ``pixels`` for ``repeat`` ticks; convert it only if it differs from the last."""
        self._validate_frame(pixels, repeat)
        started = time.thread_time()
        rows = None
        if self._last is not None:
            rows = changed_rows(pixels, self._last, rows_to_compare(pixels, self._last))
        if self._last is not None and rows is None:
            self._pending_ticks += repeat
            self._record(convert=time.thread_time() - started, frames=repeat, held=repeat)
            return
        picture = self._converter.convert(pixels, rows)
        converted = time.thread_time()
        if self._pending is not None:
            self._changed = True
            self._send_every_tick()
        self._pending, self._pending_ticks, self._last = picture, repeat, pixels
        self._record(
            convert=converted - started,
            encode=time.thread_time() - converted,
            frames=repeat,
            held=repeat - 1,
        )

    def finish(self) -> None:
        """Encode what is pending, drain the encoder and close the file.

        On failure the file stays open: manim's job then calls :meth:`abort`,
        which closes and removes it.
        """
        if self._closed:
            return
        started = time.thread_time()
        try:
            if self._pending is not None:
                hold = self._short_holds and not self._changed
                if hold and self._pending_ticks > HOLD_LEAD_FRAMES:
                    self._send_hold()
                else:
                    self._send_every_tick()
            self._mux(self._stream.encode(None))
            self._closed = True
            self._container.close()
        except BaseException as error:
            raise self._operation_error("finish", error) from error
        finally:
            self._record(encode=time.thread_time() - started)

    def _send_hold(self) -> None:
        """The segment's one picture as a few frames, the last one lasting the rest of the hold.

        The first frames give x264's lookahead the hold's future, so it spends
        on the picture what it would with every frame there (mb-tree raises the
        quality of a picture that stays). All but the first are P-frames, so
        the long frame is last in decoding order too: an mp4 sample lasts until
        the next one is decoded, and the last one as long as its packet says.
        """
        picture, ticks = self._pending, self._pending_ticks
        lengths = [1] * HOLD_LEAD_FRAMES + [ticks - HOLD_LEAD_FRAMES]
        for index, length in enumerate(lengths):
            picture.pict_type = PictureType.P if index else PictureType.NONE
            self._send(picture, length)
        self._pending = None

    def _send_every_tick(self) -> None:
        """The pending picture once for each of its ticks, as manim writes it."""
        for _ in range(self._pending_ticks):
            self._send(self._pending, 1)
        self._pending = None

    def _send(self, picture: av.VideoFrame, ticks: int) -> None:
        picture.pts, picture.time_base = self._next_pts, self._tick
        self._lengths[self._next_pts] = ticks
        self._next_pts += ticks
        try:
            self._mux(self._stream.encode(picture))
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    def _mux(self, packets: list[av.Packet]) -> None:
        for packet in packets:
            # Each packet as long as its frame shows; muxers otherwise guess from the next one.
            packet.duration = self._lengths.pop(packet.pts, packet.duration)
            self._container.mux(packet)

    def _record(self, **costs: float) -> None:
        with self._lock:
            for name, value in costs.items():
                setattr(self._cost, name, getattr(self._cost, name) + value)


class HoldingFileWriter(SceneFileWriter):
    """Manim's file writer with :class:`HoldingEncoder` for every partial movie.

    ``cost`` adds up the costs of the whole scene.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.cost = FrameCost()
        self._cost_lock = threading.Lock()

    def combine_files(
        self,
        input_files: list[str],
        output_file: Path,
        create_gif: bool = False,
        includes_sound: bool = False,
    ) -> None:
        # Manim joins with FFmpeg's concat demuxer, a fraction of a tick off per file;
        # join_videos is exact (and the same join a split render's clips get).
        if create_gif or includes_sound:
            super().combine_files(input_files, output_file, create_gif, includes_sound)
            return
        from scenes.render.join import join_videos

        output_file.parent.mkdir(parents=True, exist_ok=True)
        join_videos([Path(f) for f in input_files], output_file)

    def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            return super()._create_segment_encoder(target)  # raises manim's own error
        return HoldingEncoder(
            target=target,
            spec=self.video_encoder,
            cost=self.cost,
            lock=self._cost_lock,
            short_holds=self.video_encoder.codec == "libx264" and not self.output_spec.is_gif,
        )


class ExplainerRenderer(CairoRenderer):
    """Manim's Cairo renderer writing through :class:`HoldingFileWriter`, timing its drawing."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("file_writer_class", HoldingFileWriter)
        super().__init__(**kwargs)

    def get_frame(self) -> np.ndarray:
        # The explainer's camera draws each frame into an array no one else holds: it is done.
        if isinstance(self.camera, ExplainerCamera):
            return self.camera.pixel_array
        return super().get_frame()

    def update_frame(self, *args: Any, **kwargs: Any) -> None:
        started = time.thread_time()
        super().update_frame(*args, **kwargs)
        cost = getattr(getattr(self, "file_writer", None), "cost", None)
        if cost is not None:
            cost.draw += time.thread_time() - started


def renderer_for(camera_class: type, skip_animations: bool = False) -> ExplainerRenderer | None:
    """The renderer a scene draws with: ours, or ``None`` to let manim build its own.

    Manim's own is used with its OpenGL renderer, and when ``EXPLAINER_RENDERER=manim``
    asks for it (to compare with manim as it ships, or to rule our encoder out).
    """
    choice = os.environ.get("EXPLAINER_RENDERER", "explainer")
    if choice not in ("explainer", "manim"):
        raise ValueError(f"EXPLAINER_RENDERER must be explainer or manim, not {choice!r}")
    if choice == "manim" or config.renderer != RendererType.CAIRO:
        return None
    return ExplainerRenderer(camera_class=camera_class, skip_animations=skip_animations)


def frame_cost(scene: Any) -> FrameCost | None:
    """The :class:`FrameCost` of a rendered scene, if our renderer drew it."""
    return getattr(getattr(scene.renderer, "file_writer", None), "cost", None)
