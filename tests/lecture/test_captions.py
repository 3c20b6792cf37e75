"""Caption and chapter conversion: exact shifts when scenes are joined, cues inside the video."""

from __future__ import annotations

import itertools
import json
import urllib.parse
from fractions import Fraction

import pytest
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st
from webvtt import Caption, WebVTT
from webvtt.models import Timestamp

from scenes.lecture import captions as cap
from scenes.lecture.chapters import (
    Section,
    chapters_vtt,
    read_sections_json,
    scene_chapters,
    section_bounds,
    section_chapters,
    section_title,
)
from scenes.lecture.timing import clock, offsets_ms, to_ms
from scenes.lecture.transcript import Line, by_section, lines_from_cues, lines_from_json


def ts(ms: int) -> str:
    return str(Timestamp.from_seconds(ms / 1000))


def track(*spans: tuple[int, int]) -> WebVTT:
    return WebVTT(captions=[Caption(ts(a), ts(b), f"cue {i}") for i, (a, b) in enumerate(spans)])


# -- timing ------------------------------------------------------------------------


def test_to_ms_rounds_half_up_once():
    assert to_ms(Fraction(1, 60)) == 17
    assert to_ms(Fraction(1, 2000)) == 1
    assert to_ms(Fraction(636, 15)) == 42400


def test_offsets_are_exact_running_sums_rounded_once():
    # 100 clips of 1/60 s: rounding each would drift by 100 * 0.33 ms.
    durations = [Fraction(1, 60)] * 100
    offsets = offsets_ms(durations)
    assert offsets[60] == 1000
    assert offsets[-1] == to_ms(Fraction(99, 60)) == 1650


def test_clock():
    assert clock(0) == "0:00"
    assert clock(65_999) == "1:05"
    assert clock(3_723_000) == "1:02:03"


# -- captions ----------------------------------------------------------------------


def test_srt_and_vtt_hold_the_same_cues(tmp_path):
    captions = track((0, 1500), (1500, 2733))
    srt, vtt = cap.write_pair(captions, tmp_path / "scene")
    assert srt.read_text().startswith("1\n00:00:00,000 --> 00:00:01,500\ncue 0")
    from_srt, from_vtt = webvtt.from_srt(str(srt)), webvtt.read(str(vtt))
    assert cap.cue_times_ms(from_srt) == cap.cue_times_ms(from_vtt) == [(0, 1500), (1500, 2733)]
    assert [c.text for c in from_srt] == [c.text for c in from_vtt] == ["cue 0", "cue 1"]


def test_clamp_cuts_the_last_cue_at_the_end_and_drops_cues_after_it():
    clamped = cap.clamp(track((0, 1000), (1000, 2010), (2000, 2500)), 2000)
    assert cap.cue_times_ms(clamped) == [(0, 1000), (1000, 2000)]


def test_clamp_leaves_the_original_alone():
    original = track((0, 3000))
    cap.clamp(original, 1000)
    assert cap.cue_times_ms(original) == [(0, 3000)]


def test_join_shifts_each_part_by_its_offset_exactly():
    a, b = track((0, 700), (700, 1017)), track((0, 400), (400, 983))
    durations = [Fraction(61, 60), Fraction(59, 60)]  # offsets fall between milliseconds
    starts = offsets_ms(durations)
    end = to_ms(sum(durations))
    joined = cap.join([(a, starts[0], starts[1]), (b, starts[1], end)])
    assert starts == [0, 1017]
    assert cap.cue_times_ms(joined) == [(0, 700), (700, 1017), (1017, 1417), (1417, 2000)]
    assert [c.text for c in joined] == ["cue 0", "cue 1", "cue 0", "cue 1"]


def test_join_keeps_a_cue_inside_its_own_scene():
    # A cue that runs past its scene's end (rounding) must not overlap the next scene.
    joined = cap.join([(track((0, 1018)), 0, 1017), (track((0, 500)), 1017, 1517)])
    assert cap.cue_times_ms(joined) == [(0, 1017), (1017, 1517)]


@st.composite
def scenes_with_cues(draw):
    fps = draw(st.sampled_from([15, 24, 30, 60]))
    frames = draw(st.lists(st.integers(1, 900), min_size=1, max_size=12))
    parts = []
    for n in frames:
        duration_ms = to_ms(Fraction(n, fps))
        bounds = sorted(
            set(draw(st.lists(st.integers(0, duration_ms + 40), min_size=2, max_size=8)))
        )
        spans = list(itertools.pairwise(bounds))
        parts.append((Fraction(n, fps), spans))
    return parts


@settings(max_examples=300, deadline=None)
@given(scenes_with_cues())
def test_joined_cues_are_shifted_exactly_and_lie_within_the_video(parts):
    durations = [d for d, _ in parts]
    starts = offsets_ms(durations)
    total = to_ms(sum(durations, Fraction(0)))
    ends = [*starts[1:], total]
    scene_tracks = [cap.clamp(track(*spans), to_ms(d)) for d, spans in parts]
    joined = cap.join(zip(scene_tracks, starts, ends, strict=True))
    expected = []
    for scene, start, end in zip(scene_tracks, starts, ends, strict=True):
        for a, b in cap.cue_times_ms(scene):
            if start + a < end:
                expected.append((start + a, min(start + b, end)))
    assert cap.cue_times_ms(joined) == expected
    for a, b in cap.cue_times_ms(joined):
        assert 0 <= a < b <= total


def test_data_uri_carries_the_whole_track():
    captions = track((0, 1000))
    uri = cap.data_uri(captions)
    assert uri.startswith("data:text/vtt;charset=utf-8,")
    assert urllib.parse.unquote(uri.split(",", 1)[1]) == captions.content


# -- chapters ----------------------------------------------------------------------


def test_section_chapters_run_back_to_back_to_the_last_frame():
    sections = [Section("opening", 41), Section("kl-gap", 147), Section("takeaway", 93)]
    times = [Fraction(i, 15) for i in range(281)]
    bounds = section_bounds(sections, times, Fraction(281, 15))
    chapters = section_chapters(sections, bounds, {"opening": "Opening: KL"})
    assert [(c.start_ms, c.end_ms) for c in chapters] == [(0, 2733), (2733, 12533), (12533, 18733)]
    assert [c.title for c in chapters] == ["Opening: KL", "Kl gap", "Takeaway"]


def test_sections_start_at_their_first_frame_even_when_frames_are_uneven():
    # One frame 5 ticks short, as where manim joins partial movies: every later
    # frame, and so every later section, starts 5/15360 s earlier than k/15.
    times = [Fraction(1024 * i - (5 if i > 2 else 0), 15360) for i in range(6)]
    sections = [Section("a", 2), Section("b", 2), Section("c", 2)]
    bounds = section_bounds(sections, times, Fraction(1024 * 6 - 5, 15360))
    assert bounds == [0, Fraction(2048, 15360), Fraction(4091, 15360), Fraction(6139, 15360)]
    with pytest.raises(ValueError, match="7 frames but the video has 6"):
        section_bounds([*sections, Section("d", 1)], times, Fraction(1))


def test_scene_chapters_start_where_the_joined_captions_are_shifted_to():
    durations = [Fraction(61, 60), Fraction(59, 60), Fraction(1, 3)]
    chapters = scene_chapters(durations, ["a", "b", "c"])
    assert [c.start_ms for c in chapters] == offsets_ms(durations)
    assert chapters[-1].end_ms == to_ms(sum(durations))


def test_chapters_track_reads_back(tmp_path):
    chapters = scene_chapters([Fraction(3, 2), Fraction(5, 4)], ["Part 1: One", "Part 2: Two"])
    chapters_vtt(chapters).save(str(tmp_path / "c.vtt"))
    back = webvtt.read(str(tmp_path / "c.vtt"))
    assert [(c.identifier, c.text) for c in back] == [
        ("chapter-1", "Part 1: One"),
        ("chapter-2", "Part 2: Two"),
    ]
    assert cap.cue_times_ms(back) == [(0, 1500), (1500, 2750)]


def test_section_title():
    assert section_title("kl-gap") == "Kl gap"
    assert section_title("two_words") == "Two words"


def test_sections_json(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        '[{"name": "a", "nb_frames": "3", "avg_frame_rate": "15/1"},'
        ' {"name": "b", "nb_frames": "4", "avg_frame_rate": "455680/30377"}]'
    )
    assert read_sections_json(path) == [Section("a", 3), Section("b", 4)]
    path.write_text("[]")
    with pytest.raises(ValueError, match="no sections"):
        read_sections_json(path)


# -- transcript --------------------------------------------------------------------


def test_cues_that_split_a_sentence_join_again():
    captions = WebVTT(
        captions=[
            Caption(ts(0), ts(1200), "A long sentence, split"),
            Caption(ts(1200), ts(2000), "in two cues."),
            Caption(ts(2100), ts(3000), "Short one!"),
            Caption(ts(3000), ts(3500), "No full stop"),
        ]
    )
    assert [(x.text, x.start, x.end) for x in lines_from_cues(captions)] == [
        ("A long sentence, split in two cues.", 0.0, 2.0),
        ("Short one!", 2.1, 3.0),
        ("No full stop", 3.0, 3.5),
    ]


def test_lines_belong_to_the_section_they_start_in():
    lines = [Line(t, t, start, start + 0.2) for t, start in (("a", 0), ("b", 0.99), ("c", 1.5))]
    bounds = [Fraction(0), Fraction(1), Fraction(2)]
    # "b" starts within half a frame (1/60 s) of the second section: it is that section's.
    assert [[x.text for x in s] for s in by_section(lines, bounds, Fraction(30))] == [
        ["a"],
        ["b", "c"],
    ]


def test_a_recorded_line_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        lines_from_json([{"text": "x", "spoken": "x", "start": 2, "end": 1}])
    assert lines_from_json([{"text": "x", "start": 0, "end": 1}])[0].spoken == "x"


def test_sections_json_carries_the_lines(tmp_path):
    path = tmp_path / "s.json"
    line = {"text": "H(p) = 1 bit.", "spoken": "H of p is one bit.", "start": 0.5, "end": 1.5}
    path.write_text(json.dumps([{"name": "a", "nb_frames": "3", "lines": [line]}]))
    assert read_sections_json(path) == [Section("a", 3, (Line(**line),))]
