"""The kit folder built from synthetic renders: files, timings, the full video, the page."""

from __future__ import annotations

import dataclasses
import json
import re
from fractions import Fraction
from html.parser import HTMLParser

import pytest
import webvtt

from scenes.lecture import captions as cap
from scenes.lecture import media
from scenes.lecture.build import FULL_NAME, KitError, build_kit, prepare_out
from scenes.lecture.timing import clock, offsets_ms, to_ms
from tests.lecture.conftest import TONES, decode_sound, pitch

KINDS = ("mp4", "webm", "captioned", "poster", "srt", "vtt", "chapters", "transcript", "handout")


def test_every_scene_has_all_its_files(kit):
    for scene in kit.scenes:
        assert set(scene.files) == set(KINDS)
        for path in scene.files.values():
            assert (kit.out / path).stat().st_size > 0, path
        assert [(kit.out / p).exists() for _, p in scene.formulas] == [True]


def test_scene_files_carry_the_sections_as_chapters(kit):
    scene = kit.scenes[0]
    titles = ["Opening: Living with uncertainty", "Idea", "Takeaway"]
    assert [c.title for c in scene.chapters] == titles
    assert [(c.start_ms, c.end_ms) for c in scene.chapters] == [(0, 800), (800, 1800), (1800, 2400)]
    for kind in ("mp4", "webm"):
        assert media.read_chapters(kit.out / scene.files[kind]) == scene.chapters
    track = webvtt.read(str(kit.out / scene.files["chapters"]))
    assert [c.text for c in track] == titles


def test_sections_start_at_their_first_frames_own_time(kit):
    scene = kit.scenes[1]  # a frame of its opening is 5 ticks short
    assert scene.bounds[1] == scene.info.frame_times[21] == Fraction(21 * 512 - 5, 15360)
    assert scene.chapters[1].start_ms == to_ms(scene.bounds[1]) == 700
    assert scene.info.duration == Fraction(48 * 512 - 5, 15360)


def test_scene_captions_match_the_render_and_lie_within_the_video(kit, renders):
    for scene, render in zip(kit.scenes, renders[0], strict=True):
        original = cap.cue_times_ms(webvtt.from_srt(str(render.captions)))
        for kind in ("srt", "vtt"):
            path = str(kit.out / scene.files[kind])
            written = webvtt.from_srt(path) if kind == "srt" else webvtt.read(path)
            assert cap.cue_times_ms(written) == original
            assert all(0 <= a < b <= scene.info.duration_ms for a, b in original)


def test_full_video_chapter_markers_read_back_with_pyav(kit, renders):
    durations = [media.probe(r.video).duration for r in renders[0]]
    full = kit.out / "full" / f"{FULL_NAME}.mp4"
    markers = media.read_chapters(full)
    assert len(markers) == len(kit.scenes) == 2
    assert [m.start_ms for m in markers] == offsets_ms(durations) == [0, 2400]
    assert markers[-1].end_ms == to_ms(sum(durations)) == 4000  # 3999.67 ms
    assert [m.title for m in markers] == [
        "Part 1: Living with uncertainty",
        "Part 2: Thinking in probabilities",
    ]
    assert media.probe(full).duration == sum(durations, Fraction(0))


def test_every_video_of_the_kit_speaks_for_as_long_as_it_shows(kit):
    videos = [kit.out / s.files[k] for s in kit.scenes for k in ("mp4", "webm", "captioned")]
    videos += [kit.out / kit.full.files[k] for k in ("mp4", "captioned")]
    for path in videos:
        info = media.probe(path)
        assert info.audio is not None, path
        samples, rate = decode_sound(path)
        assert len(samples) / rate == pytest.approx(float(info.duration), abs=1 / float(info.fps))


def test_captioned_copies_show_the_same_time_and_chapters(kit):
    for files in [s.files for s in kit.scenes] + [kit.full.files]:
        original, copy = kit.out / files["mp4"], kit.out / files["captioned"]
        assert media.probe(copy).frame_times == media.probe(original).frame_times
        assert media.read_chapters(copy) == media.read_chapters(original)
    assert "Video, MP4 with the captions burned into the picture" in kit.index.read_text()


def test_full_video_changes_voice_where_the_next_scene_starts(kit):
    samples, rate = decode_sound(kit.out / kit.full.files["mp4"])
    boundary = kit.full.chapters[1].start
    before = samples[round((boundary - 0.1) * rate) : round((boundary - 0.01) * rate)]
    after = samples[round((boundary + 0.01) * rate) : round((boundary + 0.1) * rate)]
    assert (pitch(before, rate), pitch(after, rate)) == pytest.approx((TONES[1], TONES[2]), abs=6)


def test_full_captions_are_the_scenes_captions_shifted_exactly(kit):
    path = kit.out / "full" / f"{FULL_NAME}.vtt"
    joined = cap.cue_times_ms(webvtt.read(str(path)))
    starts = [c.start_ms for c in kit.full.chapters]
    expected = [
        (start + a, start + b)
        for scene, start in zip(kit.scenes, starts, strict=True)
        for a, b in cap.cue_times_ms(scene.captions)
    ]
    assert joined == expected
    srt = cap.cue_times_ms(webvtt.from_srt(str(path.with_suffix(".srt"))))
    assert srt == joined
    assert all(0 <= a < b <= kit.full.duration_ms for a, b in joined)


def test_full_sections_are_placed_in_the_full_video(kit):
    start = Fraction(0)
    for scene, sections in zip(kit.scenes, kit.full.sections, strict=True):
        assert [s.start_ms for s in sections] == [to_ms(start + b) for b in scene.bounds[:-1]]
        assert [s.title for s in sections] == [c.title for c in scene.chapters]
        start += scene.info.duration


def test_transcripts_time_each_sentence_from_the_captions(kit):
    text = (kit.out / kit.scenes[1].files["transcript"]).read_text()
    assert text.startswith("Part 2: Thinking in probabilities\nLength 0:01\n")
    # Each section under its start, then its sentences (cue by cue here) with their times.
    assert (
        "[0:00] Example\n"
        "   0:00  Thinking in probabilities, section example.\n"
        "   0:01  A line of narration.\n"
    ) in text
    full = (kit.out / kit.full.files["transcript"]).read_text()
    assert full.index("PART 1: LIVING") < full.index("PART 2: THINKING")
    # Scene 2's sentences are shifted by where it starts in the full video (2.4 s).
    assert (
        "[0:02] Opening: Thinking in probabilities\n"
        "   0:02  Thinking in probabilities, section opening.\n"
    ) in full


def test_transcript_times_the_lines_the_voice_recorded(
    renders, tmp_path, fake_formula_renderer, fake_card_renderer
):
    scene_renders, notes = renders
    render = scene_renders[1]
    index = json.loads(render.sections.read_text())
    index[1]["lines"] = [
        {"text": "H(p) = 1 bit.", "spoken": "H of p is one bit.", "start": 0.71, "end": 1.2},
        {"text": "Done.", "spoken": "Done.", "start": 1.25, "end": 1.5},
    ]
    index[0]["lines"] = [{"text": "Hello.", "spoken": "Hello.", "start": 0.0, "end": 0.5}]
    voiced = tmp_path / "voiced.json"
    voiced.write_text(json.dumps(index))
    kit = build_kit(
        [dataclasses.replace(render, sections=voiced)],
        tmp_path / "site",
        notes=notes,
        formula=fake_formula_renderer,
        card=fake_card_renderer,
        webm=False,
    )
    scene = kit.scenes[0]
    assert [[line.spoken for line in s] for s in scene.lines] == [
        ["Hello."],
        ["H of p is one bit.", "Done."],
    ]
    text = (kit.out / scene.files["transcript"]).read_text()
    # Written as captioned, timed as spoken; the captions' own cues are not used.
    assert "[0:00] Example\n   0:00  H(p) = 1 bit.\n   0:01  Done.\n" in text
    assert "A line of narration" not in text


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_page_has_players_tracks_and_only_local_resources(kit):
    html = kit.index.read_text()
    parser = _Tags()
    parser.feed(html)
    videos = [a for t, a in parser.tags if t == "video"]
    assert len(videos) == 3  # the full explainer and two scenes
    assert all("controls" in v and v["poster"].endswith(".png") for v in videos)
    tracks = [a for t, a in parser.tags if t == "track"]
    captions = [t for t in tracks if t["kind"] == "captions"]
    assert len(captions) == 3
    assert all(t["srclang"] == "en" and "default" in t for t in captions)
    assert len([t for t in tracks if t["kind"] == "chapters"]) == 3
    for tag, attrs in parser.tags:
        for name in ("src", "href", "poster"):
            url = attrs.get(name)
            if url is None or url.startswith(("data:", "#")):
                continue
            assert not re.match(r"[a-z]+:", url), f"<{tag} {name}={url}> leaves the folder"
            assert (kit.out / url).exists(), url
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_presenter_steps_through_every_section_even_in_the_full_video(kit):
    parser = _Tags()
    parser.feed(kit.index.read_text())
    players = [a for t, a in parser.tags if t == "div" and "data-player" in a]
    steps = [json.loads(p["data-chapters"]) for p in players]
    assert [len(s) for s in steps] == [5, 3, 2]  # the full video, then scenes 1 and 2
    assert [s["title"] for s in steps[0][2:4]] == [
        "Living with uncertainty: Takeaway",
        "Opening: Thinking in probabilities",
    ]
    assert steps[0][3]["start"] == kit.full.chapters[1].start
    # Each step carries the notes window's content: its narration and its last frame.
    scene = kit.scenes[1]
    assert [(x["notes"], x["poster"]) for x in steps[2]] == [
        (b.narration, still) for b, still in zip(scene.notes.beats, scene.stills, strict=True)
    ]
    assert steps[0][3]["poster"] == scene.stills[0]
    for step in steps[0]:
        assert (kit.out / step["poster"]).stat().st_size > 0


def test_section_stills_are_each_sections_last_frame(kit):
    from PIL import Image

    from tests.lecture.conftest import COLOURS

    for scene in kit.scenes:
        for k, still in enumerate(scene.stills):
            with Image.open(kit.out / still) as image:
                pixel = image.convert("RGB").getpixel((80, 80))
            assert pixel == pytest.approx(COLOURS[k], abs=12), still


def test_notes_window_page_uses_only_the_kits_files(kit):
    parser = _Tags()
    parser.feed((kit.out / "notes.html").read_text())
    local = [a.get("src") or a.get("href") for t, a in parser.tags if t in ("script", "link")]
    assert sorted(local) == ["assets/lecture.css", "assets/notes.js", "data:,"]
    assert all((kit.out / url).exists() for url in local if not url.startswith("data:"))


def test_page_transcript_seeks_to_each_sentence(kit):
    parser = _Tags()
    parser.feed(kit.index.read_text())
    scene = kit.scenes[0]
    vid = f"video-{scene.entry.stem}"
    seeks = [
        float(a["data-seek"])
        for t, a in parser.tags
        if t == "button" and a.get("class") == "seek line" and a["data-video"] == vid
    ]
    lines = [line for section in scene.lines for line in section]
    assert len(lines) == 2 * len(scene.chapters)  # two sentences a section, as captioned
    assert seeks == [pytest.approx(line.start, abs=0.0005) for line in lines]


def test_page_labels_its_controls(kit):
    parser = _Tags()
    parser.feed(kit.index.read_text())
    for tag, attrs in parser.tags:
        if tag == "video":
            assert attrs.get("aria-label")
        if tag == "img":
            assert attrs.get("alt")
        if tag == "textarea":
            assert any(t == "label" and a.get("for") == attrs["id"] for t, a in parser.tags)
    assert '<html lang="en">' in kit.index.read_text()


def test_embed_snippet_points_at_the_vtt_files(kit):
    html = kit.index.read_text()
    stem = kit.scenes[0].entry.stem
    assert f'src="scenes/{stem}.vtt" srclang="en" label="English" default' in html.replace(
        "&quot;", '"'
    )


def test_a_folder_that_is_not_a_kit_is_never_emptied(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(KitError, match="not empty"):
        prepare_out(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_rebuilding_replaces_the_previous_kit(
    renders, tmp_path, fake_formula_renderer, fake_card_renderer
):
    scene_renders, notes = renders
    fakes = {"formula": fake_formula_renderer, "card": fake_card_renderer, "webm": False}
    out = tmp_path / "site"
    build_kit(scene_renders, out, notes=notes, **fakes)
    (out / "scenes" / "stale.mp4").write_text("left over")
    kit = build_kit(scene_renders[:1], out, notes=notes, **fakes)
    assert not (out / "scenes" / "stale.mp4").exists()
    assert sorted(p.name for p in (out / "scenes").iterdir() if p.suffix == ".mp4") == [
        "01-opening.mp4"
    ]
    assert "webm" not in kit.scenes[0].files
    assert "<source" in kit.index.read_text() and ".webm" not in kit.index.read_text()


def test_no_scenes_is_an_error(tmp_path):
    with pytest.raises(KitError, match="no rendered scenes"):
        build_kit([], tmp_path / "site")


def test_extras_get_their_own_videos_but_stay_out_of_the_full_explainer(
    renders, tmp_path, render_maker, fake_formula_renderer, fake_card_renderer
):
    from scenes.registry import SceneEntry

    scene_renders, notes = renders
    bonus = SceneEntry(None, "bonus", "scenes.parts.nowhere", "Bonus", "A bonus scene")
    render, bonus_notes = render_maker(tmp_path / "renders", bonus, [("opening", 9), ("x", 9)])
    fakes = {"formula": fake_formula_renderer, "card": fake_card_renderer, "webm": False}
    kit = build_kit(
        [render, scene_renders[0]],
        tmp_path / "site",
        notes={**notes, bonus.stem: bonus_notes},
        **fakes,
    )
    assert [k.entry.stem for k in kit.scenes] == ["01-opening", "x-bonus"]
    assert [c.title for c in kit.full.chapters] == ["Part 1: Living with uncertainty"]
    assert (tmp_path / "site" / "scenes" / "x-bonus.mp4").exists()
    assert ">A bonus scene <span" in kit.index.read_text()
    # The summary counts every scene, the extra included: it is not the full video's length.
    total_ms = sum(k.info.duration_ms for k in kit.scenes)
    assert total_ms > kit.full.duration_ms
    assert f"2 scenes, {clock(total_ms)} in all" in kit.index.read_text()
