"""PyAV: exact durations, chapter markers written and read back, joins, webm, posters, sound."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np
import pytest

from scenes.lecture import media
from scenes.lecture.chapters import Chapter, scene_chapters
from scenes.lecture.timing import offsets_ms, to_ms
from tests.lecture.conftest import decode_sound, pitch


def test_probe_measures_the_exact_length(clip_writer, tmp_path):
    clip = clip_writer(tmp_path / "a.mp4", [20, 11], fps=30)
    info = media.probe(clip)
    assert (info.frames, info.fps, info.duration) == (31, 30, Fraction(31, 30))
    assert info.duration_ms == 1033


def test_probe_reads_every_frames_own_time(clip_writer, tmp_path):
    clip = clip_writer(tmp_path / "a.mp4", [4], fps=15, short=[1])
    info = media.probe(clip)
    assert info.frame_times == (
        0,
        Fraction(1024, 15360),
        Fraction(2043, 15360),
        Fraction(3067, 15360),
    )
    assert info.frame_times[-1] < info.duration <= info.frame_times[-1] + Fraction(1, 15)
    assert info.fps == 15


def test_webm_keeps_every_frames_time(clip_writer, tmp_path):
    clip = clip_writer(tmp_path / "a.mp4", [6], fps=15, short=[2])
    media.encode_webm(clip, tmp_path / "a.webm")
    mp4, webm = media.probe(clip), media.probe(tmp_path / "a.webm")
    assert [to_ms(t) for t in webm.frame_times] == [to_ms(t) for t in mp4.frame_times]


def test_probe_refuses_a_file_that_is_not_a_video(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_text("not a video")
    with pytest.raises(media.MediaError, match="cannot open"):
        media.probe(bad)


def test_remux_writes_chapters_and_keeps_every_packet(clip_writer, tmp_path):
    clip = clip_writer(tmp_path / "a.mp4", [15, 15], fps=30)
    chapters = [Chapter(0, 500, "First"), Chapter(500, 1000, "Second — é")]
    out = media.remux(clip, tmp_path / "out.mp4", chapters, "A title")
    assert media.read_chapters(out) == chapters
    with av.open(str(out)) as c:
        assert c.metadata["title"] == "A title"
    assert media.probe(out).frames == 30
    assert media.probe(out).duration == Fraction(1)
    # +faststart: the index comes before the media data, for streaming from a server.
    data = out.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")


def test_joined_video_has_one_marker_per_scene_at_the_right_times(clip_writer, tmp_path):
    clips = [
        clip_writer(tmp_path / "a.mp4", [31], fps=60),
        clip_writer(tmp_path / "b.mp4", [29], fps=60),
        clip_writer(tmp_path / "c.mp4", [61], fps=60),
    ]
    durations = [media.probe(c).duration for c in clips]
    chapters = scene_chapters(durations, ["One", "Two", "Three"])
    out = tmp_path / "full.mp4"
    media.concat(clips, out, chapters, "Full")
    back = media.read_chapters(out)
    assert [c.title for c in back] == ["One", "Two", "Three"]
    assert [c.start_ms for c in back] == offsets_ms(durations) == [0, 517, 1000]
    joined = media.probe(out)
    assert joined.frames == 121
    assert joined.duration == Fraction(121, 60)


def test_join_re_encodes_scenes_that_cannot_be_remuxed(clip_writer, tmp_path):
    assert media.can_remux([media.probe(clip_writer(tmp_path / "x.mp4", [5]))] * 2)
    a = clip_writer(tmp_path / "a.mp4", [10], size=(160, 96))
    b = clip_writer(tmp_path / "b.mp4", [12], size=(128, 72))
    assert not media.can_remux([media.probe(a), media.probe(b)])
    chapters = scene_chapters([Fraction(10, 30), Fraction(12, 30)], ["A", "B"])
    media.concat([a, b], tmp_path / "full.mp4", chapters)
    joined = media.probe(tmp_path / "full.mp4")
    assert (joined.width, joined.height, joined.frames) == (160, 96, 22)
    assert [c.start_ms for c in media.read_chapters(tmp_path / "full.mp4")] == [0, 333]


def test_join_refuses_different_frame_rates(clip_writer, tmp_path):
    a = clip_writer(tmp_path / "a.mp4", [5], fps=30)
    b = clip_writer(tmp_path / "b.mp4", [5], fps=15)
    with pytest.raises(media.MediaError, match="frame rates"):
        media.concat([a, b], tmp_path / "full.mp4")


def test_webm_is_vp9_frame_for_frame_with_the_chapters(clip_writer, tmp_path):
    clip = clip_writer(tmp_path / "a.mp4", [9, 6], fps=15)
    chapters = [Chapter(0, 600, "One"), Chapter(600, 1000, "Two")]
    media.encode_webm(clip, tmp_path / "a.webm", chapters, "Title")
    info = media.probe(tmp_path / "a.webm")
    assert (info.codec, info.frames) == ("vp9", 15)
    assert media.read_chapters(tmp_path / "a.webm") == chapters


def test_poster_is_the_frame_on_screen_at_that_time(clip_writer, tmp_path):
    from PIL import Image

    clip = clip_writer(tmp_path / "a.mp4", [10, 10], fps=10)
    media.poster(clip, 9, tmp_path / "p.png")  # the last frame of section 1
    with Image.open(tmp_path / "p.png") as image:
        red, green, _ = image.convert("RGB").getpixel((80, 80))
    assert red > 150 > green  # section 1 is red, section 2 green


# -- sound -------------------------------------------------------------------------

FRAME_30 = 1 / 30


def _sound_seconds(path) -> float:
    samples, rate = decode_sound(path)
    return len(samples) / rate


@pytest.mark.parametrize("sound_seconds", [1.0, 0.55, 1.4], ids=["exact", "short", "long"])
def test_remux_and_webm_keep_the_sound_as_long_as_the_picture(clip_writer, tmp_path, sound_seconds):
    clip = clip_writer(tmp_path / "a.mp4", [30], fps=30, hz=440, sound_seconds=sound_seconds)
    info = media.probe(clip)
    assert info.audio is not None and info.audio.codec == "aac"
    outputs = {
        "aac": media.remux(clip, tmp_path / "out.mp4", info=info),
        "opus": tmp_path / "out.webm",
    }
    media.encode_webm(clip, outputs["opus"], info=info)
    for codec, out in outputs.items():
        assert media.probe(out).audio.codec == codec
        assert _sound_seconds(out) == pytest.approx(float(info.duration), abs=FRAME_30)
        samples, rate = decode_sound(out)
        heard = min(sound_seconds, 1.0)
        assert pitch(samples[int(0.1 * rate) : int((heard - 0.1) * rate)], rate) == pytest.approx(
            440, abs=3
        )
        if sound_seconds < 1:  # padded with silence after the tone ends
            assert np.abs(samples[int((heard + 0.05) * rate) :]).max() < 0.01  # tone: 0.4


def test_joined_sound_changes_scene_exactly_at_the_picture_boundary(clip_writer, tmp_path):
    # The first scene's sound runs past its picture, the second's stops short:
    # the join must cut the first and pad the second to stay in sync.
    a = clip_writer(tmp_path / "a.mp4", [23], fps=30, hz=440, sound_seconds=1.3)
    b = clip_writer(tmp_path / "b.mp4", [31], fps=30, hz=880, sound_seconds=0.6)
    out = tmp_path / "full.mp4"
    infos = media.concat([a, b], out)
    boundary = float(infos[0].duration)
    joined = media.probe(out)
    assert joined.audio is not None
    assert _sound_seconds(out) == pytest.approx(float(joined.duration), abs=FRAME_30)
    samples, rate = decode_sound(out)

    def heard(t0, t1):
        return pitch(samples[round(t0 * rate) : round(t1 * rate)], rate)

    assert heard(boundary - 0.12, boundary - 0.01) == pytest.approx(440, abs=5)
    assert heard(boundary + 0.01, boundary + 0.12) == pytest.approx(880, abs=5)
    assert heard(boundary + 0.65, boundary + 0.95) == 0.0  # the second scene's padding


def test_a_silent_scene_joins_as_silence_and_silent_videos_stay_silent(clip_writer, tmp_path):
    quiet = clip_writer(tmp_path / "quiet.mp4", [15], fps=30)
    loud = clip_writer(tmp_path / "loud.mp4", [15], fps=30, hz=660)
    assert media.probe(quiet).audio is None
    media.concat([quiet, loud], tmp_path / "mixed.mp4")
    samples, rate = decode_sound(tmp_path / "mixed.mp4")
    assert len(samples) / rate == pytest.approx(1.0, abs=FRAME_30)
    assert np.abs(samples[: int(0.45 * rate)]).max() < 0.01
    assert pitch(samples[int(0.55 * rate) : int(0.95 * rate)], rate) == pytest.approx(660, abs=5)
    # No sound anywhere: the outputs have no audio stream, and no error.
    media.remux(quiet, tmp_path / "q.mp4")
    media.encode_webm(quiet, tmp_path / "q.webm")
    media.concat([quiet, quiet], tmp_path / "qq.mp4")
    for name in ("q.mp4", "q.webm", "qq.mp4"):
        with av.open(str(tmp_path / name)) as container:
            assert not container.streams.audio, name


def test_re_encoded_join_keeps_the_sound_in_step(clip_writer, tmp_path):
    a = clip_writer(tmp_path / "a.mp4", [10], size=(160, 96), hz=440)
    b = clip_writer(tmp_path / "b.mp4", [12], size=(128, 72), hz=880)
    media.concat([a, b], tmp_path / "full.mp4")
    samples, rate = decode_sound(tmp_path / "full.mp4")
    assert len(samples) / rate == pytest.approx(22 / 30, abs=FRAME_30)
    assert pitch(samples[round(0.2 * rate) : round(0.32 * rate)], rate) == pytest.approx(440, abs=6)
    assert pitch(samples[round(0.35 * rate) : round(0.6 * rate)], rate) == pytest.approx(880, abs=6)
