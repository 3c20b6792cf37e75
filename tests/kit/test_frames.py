"""Held frames are written almost for free, and the pictures are the ones manim writes.

Each test compares with manim's own encoder (or renderer), decoding both with
PyAV: the same pictures at the same times, in every format.
"""

from __future__ import annotations

import io
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from manim import Circle, Create, FadeIn, Square, ValueTracker, tempconfig
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.kit.base import ExplainerScene
from scenes.kit.frames import HOLD_LEAD_FRAMES, FrameCost, HoldingEncoder, frame_cost
from scenes.lecture.media import concat, encode_webm, probe
from scenes.render.layout import ENCODER_OPTIONS
from scenes.render.psnr import compare_videos, pictures, yuv_samples

FPS = 15
SIZE = (160, 96)


def _spec(fps: int = FPS) -> VideoEncoderSpec:
    return VideoEncoderSpec(
        container_format="mp4",
        codec="libx264",
        pixel_format="yuv420p",
        width=SIZE[0],
        height=SIZE[1],
        frame_rate=Fraction(fps),
        options=tuple(ENCODER_OPTIONS["mp4"].items()),  # the renderer's own x264 settings
    )


def _picture(seed: int) -> np.ndarray:
    """A smooth RGBA picture (noise would only measure the encoder)."""
    y, x = np.mgrid[0 : SIZE[1], 0 : SIZE[0]] / 9.0
    phase = np.random.default_rng(seed).random(3) * 6
    rgba = np.full((SIZE[1], SIZE[0], 4), 255, dtype=np.uint8)
    for channel in range(3):
        rgba[..., channel] = 127 + 100 * np.sin(x + phase[channel]) * np.cos(0.7 * y)
    return rgba


def _write(encoder: VideoSegmentEncoder, frames: list[tuple[np.ndarray, int]]) -> Path:
    for pixels, repeat in frames:
        encoder.write_frame(pixels, repeat=repeat)
    encoder.finish()
    return encoder.target


def _both(tmp_path: Path, frames: list[tuple[np.ndarray, int]], **kwargs) -> tuple[Path, Path]:
    """The segment written by manim's encoder and by ours."""
    manims = _write(VideoSegmentEncoder(target=tmp_path / "manim.mp4", spec=_spec()), frames)
    ours = _write(HoldingEncoder(target=tmp_path / "ours.mp4", spec=_spec(), **kwargs), frames)
    return manims, ours


def test_a_wait_is_a_few_frames_lasting_exactly_as_long(tmp_path):
    cost = FrameCost()
    manims, ours = _both(tmp_path, [(_picture(1), 40)], cost=cost)
    assert probe(ours).frames == HOLD_LEAD_FRAMES + 1
    assert probe(ours).duration == probe(manims).duration == Fraction(40, FPS)
    match = compare_videos(manims, ours)
    assert match.duration_difference == 0
    assert match.worst >= 45
    assert (cost.frames, cost.held) == (40, 39)


def test_a_short_wait_keeps_its_frames(tmp_path):
    _, ours = _both(tmp_path, [(_picture(1), 3)])
    assert probe(ours).frames == 3
    assert probe(ours).duration == Fraction(3, FPS)


def test_moving_pictures_keep_one_frame_per_tick(tmp_path):
    a, b, c = _picture(1), _picture(2), _picture(3)
    cost = FrameCost()
    # Equal frames inside an animation: converted once, still one frame each.
    manims, ours = _both(
        tmp_path, [(a, 1), (a.copy(), 1), (b, 1), (c, 3), (c.copy(), 1)], cost=cost
    )
    info = probe(ours)
    assert info.frames == 7
    assert info.frame_times == probe(manims).frame_times
    assert compare_videos(manims, ours).worst >= 45
    assert (cost.frames, cost.held) == (7, 4)


def test_without_short_holds_every_tick_is_a_frame(tmp_path):
    _, ours = _both(tmp_path, [(_picture(1), 40)], short_holds=False)
    assert probe(ours).frames == 40


def test_a_failed_segment_leaves_no_file(tmp_path):
    encoder = HoldingEncoder(target=tmp_path / "ours.mp4", spec=_spec())
    encoder.write_frame(_picture(1), repeat=5)
    with pytest.raises(ValueError, match="shape"):
        encoder.write_frame(np.zeros((4, 4, 4), np.uint8))
    encoder.abort()  # what manim's encode job does after a failure
    assert not (tmp_path / "ours.mp4").exists()


# -- whole scenes, in every format ----------------------------------------------------


def _tone(path: Path, seconds: float = 1.0, rate: int = 22050) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    samples = (8000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


class Holds(ExplainerScene):
    """Animations, waits (frozen and with an updater) and a sound, in three sections."""

    hook = "Holds."
    takeaway = "A scene that ends on a held picture, long enough to read."  # ends on a wait
    tone: Path | None = None

    def body(self):
        with self.beat("shapes", "A square, then a circle."):
            square = Square(side_length=2)
            self.play(Create(square), run_time=0.4)
            if self.tone is not None:
                self.add_sound(str(self.tone))
            self.wait(0.8)
            self.play(FadeIn(Circle().next_to(square)), run_time=0.3)
        with self.beat("tracker", "A wait that updates."):
            tracker = ValueTracker(0)
            square.add_updater(lambda m: m.set_fill(opacity=min(tracker.get_value(), 1)))
            self.wait(0.5)  # not frozen: an updater runs, and draws the same picture


def _render(folder: Path, fmt: str, renderer: str, tone: Path | None):
    media = folder / f"{renderer}-{fmt}"
    settings = {
        "media_dir": str(media),
        "pixel_width": SIZE[0] * 2,
        "pixel_height": SIZE[1] * 2,
        "frame_rate": FPS,
        "format": fmt,
        "save_sections": True,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
        "output_file": "holds",
    }
    with pytest.MonkeyPatch.context() as mp, tempconfig(settings):
        mp.setenv("EXPLAINER_RENDERER", renderer)
        mp.setenv("EXPLAINER_LAYOUT", "off")
        mp.setattr(Holds, "tone", tone)
        scene = Holds()
        scene.render()
    return scene, Path(scene.output_plan.primary_artifact)


FORMATS = ("mp4", "webm", "mov", "gif")


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> dict[str, tuple]:
    """The scene in each format, rendered by manim as it ships and by us."""
    folder = tmp_path_factory.mktemp("holds")
    tone = _tone(folder / "tone.wav")
    return {
        (fmt, renderer): _render(folder, fmt, renderer, tone)
        for fmt in FORMATS
        for renderer in ("manim", "explainer")
    }


def _seek_picture(path: Path, at: Fraction) -> np.ndarray:
    """The picture shown at ``at`` seconds, found by seeking (as a player does)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        tb = Fraction(stream.time_base)
        container.seek(int(at / tb), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if frame.pts * tb > at:
                break
            shown = yuv_samples(frame)
        return shown


def test_the_reference_is_manims_own_render(renders):
    assert frame_cost(renders["mp4", "manim"][0]) is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_scene_looks_and_sounds_the_same_in_every_format(renders, fmt):
    reference = renders[fmt, "manim"][1]
    scene, ours = renders[fmt, "explainer"]
    length = probe(reference).duration
    cost = frame_cost(scene)
    assert cost.frames == round(length * FPS) and cost.held > cost.frames / 4
    match = compare_videos(reference, ours)
    assert abs(match.duration_difference) < 1 / FPS
    # Long frames in H.264 mp4 and mov only; GIF and WebM keep one frame per tick.
    assert (match.candidate_frames < cost.frames) == (fmt in ("mp4", "mov"))
    assert match.psnr >= 45 and match.worst >= 40, str(match)
    if fmt != "gif":
        with av.open(str(ours)) as container:
            assert container.streams.audio, "the sound was lost"
    # Seeking lands on the picture shown at that time, inside holds too.
    for at in (Fraction(1, 3), length / 2, length - Fraction(1, 5)):
        expected = next(p for start, end, p in pictures(ours) if start <= at < end)
        assert np.array_equal(_seek_picture(ours, at), expected), at


def test_sections_and_joins_keep_exact_times(renders, tmp_path):
    """The lecture kit's probes and joins work on the held-frame videos."""
    scene, video = renders["mp4", "explainer"]
    info = probe(video)
    clips = [probe(c) for c in sorted(Path(scene.output_plan.sections_dir).glob("*.mp4"))]
    assert len(clips) == 4
    # manim's joins may shorten a frame by a few ticks of the 1/15360 s time base.
    assert abs(sum(c.duration for c in clips) - info.duration) < Fraction(10, 15360)
    assert sum(c.frames for c in clips) == info.frames < frame_cost(scene).frames
    joined = tmp_path / "joined.mp4"
    concat([video, video], joined)  # packets copied
    assert probe(joined).duration == 2 * info.duration
    # Re-encoded (a WebM source cannot be copied into the mp4): the final hold stays whole.
    webm = renders["webm", "explainer"][1]
    concat([video, webm], joined)
    assert abs(probe(joined).duration - info.duration - probe(webm).duration) < Fraction(1, 1000)
    encode_webm(video, tmp_path / "copy.webm")
    copy = compare_videos(video, tmp_path / "copy.webm")
    assert abs(copy.duration_difference) < 1e-3 and copy.candidate_frames == info.frames


def test_psnr_finds_the_picture_that_differs(tmp_path):
    a, b, c = _picture(1), _picture(2), _picture(3)
    original = _write(
        VideoSegmentEncoder(target=tmp_path / "a.mp4", spec=_spec()), [(a, 10), (b, 5), (c, 10)]
    )
    again = _write(
        VideoSegmentEncoder(target=tmp_path / "b.mp4", spec=_spec()), [(a, 10), (b, 5), (c, 10)]
    )
    changed = _write(
        VideoSegmentEncoder(target=tmp_path / "c.mp4", spec=_spec()), [(a, 10), (c, 5), (c, 10)]
    )
    assert compare_videos(original, again).psnr == float("inf")
    match = compare_videos(original, changed)
    assert match.worst < match.psnr < 45
    # b and c differ while shown, from frame 10 to 15; which of those five pictures the
    # encoder served worst is its own business.
    assert 10 / FPS - 1e-9 <= match.worst_at < 15 / FPS


def _join_like_manim(parts: list[Path], target: Path) -> Path:
    """Partial movies joined as manim joins them: the concat demuxer, decoding times redone."""
    manifest = "".join(f"file 'file:{p.as_posix()}'\n" for p in parts).encode()
    with (
        av.open(io.BytesIO(manifest), format="concat", options={"safe": "0"}) as joined,
        av.open(str(target), "w") as out,
    ):
        source = joined.streams.video[0]
        stream = out.add_stream_from_template(template=source)
        for packet in joined.demux(source):
            if packet.dts is None:
                continue
            packet.dts, packet.stream = None, stream
            out.mux(packet)
    return target


def test_a_long_hold_before_a_short_ending_keeps_the_length(tmp_path):
    # The decoding times the join redoes give the hold's length to a frame of the
    # animation after it; the video still ends when that animation does.
    hold = HoldingEncoder(target=tmp_path / "hold.mp4", spec=_spec())
    moving = HoldingEncoder(target=tmp_path / "moving.mp4", spec=_spec())
    parts = [_write(hold, [(_picture(1), 60)])]
    parts.append(_write(moving, [(_picture(seed), 1) for seed in range(2, 8)]))
    joined = _join_like_manim(parts, tmp_path / "joined.mp4")
    info = probe(joined)
    assert (info.frames, info.duration) == (HOLD_LEAD_FRAMES + 1 + 6, Fraction(66, FPS))


def test_joined_clips_last_exactly_as_long_as_their_pictures(tmp_path):
    """Manim's concat join offset each clip by its length in microseconds, a fraction
    of a tick off; the kit's join offsets by the exact end, so holds (long frames,
    reordered) and moving pictures add up to the frame grid."""
    from scenes.render.join import join_videos

    clips = []
    for index, frames in enumerate([[(_picture(1), 1), (_picture(2), 30)], [(_picture(3), 7)]]):
        encoder = HoldingEncoder(target=tmp_path / f"clip{index}.mp4", spec=_spec())
        clips.append(_write(encoder, frames))
    joined = join_videos(clips, tmp_path / "joined.mp4")
    assert probe(joined).duration == sum(probe(c).duration for c in clips) == Fraction(38, FPS)
    assert probe(joined).frames == sum(probe(c).frames for c in clips)


def _write_early(path: Path, pictures: list[np.ndarray], early: Fraction) -> Path:
    """One frame per picture, each after the first ``early`` seconds before its tick,
    as a fine muxer time base leaves manim's own videos."""
    with av.open(str(path), "w") as out:
        # Lossless, on one thread: x264's rate control sees the timestamps, so lossy
        # encodes of the same pictures at other times differ a little, now and then.
        stream = out.add_stream("libx264", rate=FPS, options={"preset": "ultrafast", "qp": "0"})
        stream.codec_context.thread_count = 1
        stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
        stream.codec_context.time_base = Fraction(1, FPS * 512)
        for index, rgba in enumerate(pictures):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgba[..., :3]), "rgb24")
            at = Fraction(index, FPS) - (early if index else 0)
            frame.pts, frame.time_base = round(at * FPS * 512), stream.codec_context.time_base
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return path


def test_psnr_pairs_pictures_a_sliver_off_their_ticks_with_their_own_tick(tmp_path):
    pictures = [_picture(seed) for seed in range(12)]
    exact = _write_early(tmp_path / "exact.mp4", pictures, Fraction(0))
    early = _write_early(tmp_path / "early.mp4", pictures, Fraction(1, 3072))
    match = compare_videos(exact, early)
    assert match.worst == float("inf"), str(match)  # the same pictures, tick for tick
    late_by_a_frame = _write_early(tmp_path / "late.mp4", pictures, Fraction(-1, FPS))
    assert compare_videos(exact, late_by_a_frame).worst < 45  # a real shift still shows
