"""Burned-in captions: drawn in the bottom band while a cue is on, nowhere else, never."""

from __future__ import annotations

import av
import numpy as np
import pytest
from webvtt import Caption, WebVTT
from webvtt.models import Timestamp

from scenes.lecture import burn, media
from scenes.lecture.timing import to_ms
from tests.lecture.conftest import decode_sound

SIZE = (854, 480)  # 480p: the size the captions must read at
CUES = [(200, 700, "A cue of narration, H(p) = 1.737 bits."), (1200, 1600, "Another one.")]


def _frames(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24").astype(np.int16) for f in container.decode(video=0)]


@pytest.fixture(scope="module")
def burned(tmp_path_factory, clip_writer):
    folder = tmp_path_factory.mktemp("burn")
    clip = clip_writer(folder / "a.mp4", [30, 30], fps=30, size=SIZE, hz=440)
    captions = WebVTT(
        captions=[
            Caption(str(Timestamp.from_seconds(a / 1000)), str(Timestamp.from_seconds(b / 1000)), t)
            for a, b, t in CUES
        ]
    )
    info = media.probe(clip)
    out = folder / "a.captioned.mp4"
    media.concat([clip], out, infos=[info], paint=burn.painter(captions, *SIZE))
    return clip, out, info


def test_captions_change_the_band_only_while_a_cue_is_on(burned):
    clip, out, info = burned
    before, after = _frames(clip), _frames(out)
    assert len(before) == len(after) == info.frames
    top, bottom = burn.band_rows(SIZE[1])
    for frame, (a, b) in enumerate(zip(before, after, strict=True)):
        ms = to_ms(info.frame_times[frame])
        on = any(start <= ms < end for start, end, _ in CUES)
        band = np.abs(a[top:bottom] - b[top:bottom]).mean(axis=2)
        outside = np.abs(a[:top] - b[:top]).mean(), np.abs(a[bottom:] - b[bottom:]).mean()
        # Re-encoding leaves a little noise; letters change pixels by far more.
        assert max(outside) < 3, f"frame {frame} changed outside the caption band"
        assert bool(band.max() > 100) == on, f"frame {frame} at {ms} ms: cue on = {on}"
        if on:  # the panel stays clear of the sides of the frame
            changed = np.nonzero(band.max(axis=0) > 30)[0]
            assert changed.min() > 0 and changed.max() < SIZE[0] - 1


def test_band_sits_in_the_bottom_tenth_clear_of_the_edge():
    top, bottom = burn.band_rows(480)
    assert 480 * 0.9 <= top < bottom < 480 - 5


def test_a_cue_reads_at_480p_on_one_line():
    image = burn.caption_image(CUES[0][2], *SIZE, "dark")
    height, width = image.shape[:2]
    top, bottom = burn.band_rows(480)
    assert height <= bottom - top  # one line: it fits the band
    assert height >= 16  # letters of about 15 px: the scenes' own small labels at 480p
    assert width < SIZE[0]


def test_the_burned_copy_keeps_time_and_sound(burned):
    _, out, info = burned
    copy = media.probe(out)
    assert copy.frame_times == info.frame_times
    samples, rate = decode_sound(out)
    assert len(samples) / rate == pytest.approx(float(info.duration), abs=1 / 30)
