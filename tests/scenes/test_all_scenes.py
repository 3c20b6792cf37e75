"""Every registered scene plays through, passes the layout check and captions every beat."""

from __future__ import annotations

import pytest

from scenes.kit.base import ExplainerScene
from scenes.registry import EXTRAS, SCENES, find

ENTRIES = SCENES + EXTRAS


def scene_id(entry) -> str:
    """``x_my_topic``: the module's name, so ``pytest -k my_topic`` runs these tests too."""
    return entry.stem.replace("-", "_")


def test_registry_lists_the_twelve_parts_in_order():
    assert [e.part for e in SCENES] == list(range(1, 13))
    slugs = [e.slug for e in ENTRIES]
    assert len(set(slugs)) == len(slugs)
    names = [e.class_name for e in ENTRIES]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("entry", ENTRIES, ids=scene_id)
def test_entry_loads_an_explainer_scene(entry):
    cls = entry.load()
    assert issubclass(cls, ExplainerScene)
    assert find(entry.slug) is entry
    assert cls.hook, "every scene needs a hook"
    # A takeaway is a fixed line, or computed by takeaway_line() (with the unit, say).
    computed = cls.takeaway_line is not ExplainerScene.takeaway_line
    assert cls.takeaway or computed, "every scene needs a takeaway line (or takeaway_line())"


@pytest.mark.parametrize("entry", ENTRIES, ids=scene_id)
def test_scene_plays_with_clean_layout_and_captions(entry, play):
    scene = play(entry.load())
    names = [b.name for b in scene.beats]
    assert names[0] == "opening" and names[-1] == "takeaway"
    assert len(names) >= 4, "a scene has at least two beats of its own"
    cues = scene.renderer.file_writer.subcaptions
    for record in scene.beats:
        assert not record.problems
        inside = [
            c for c in cues if record.start - 1e-6 <= c.start.total_seconds() < record.end - 1e-6
        ]
        assert inside, f"beat {record.name!r} has no caption"
        assert " ".join(c.content for c in inside) == record.narration
    duration = scene.beats[-1].end
    assert 20 <= duration <= 60, f"{entry.stem} lasts {duration:.1f} s"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.stem)
def test_narration_is_timed_by_the_voice_and_speakable(entry, play):
    """Lines never overlap, beats outlast their words, every cue sits on its sentence,
    and nothing sent to a voice holds symbols or formula syntax."""
    from scenes.voice.spoken import unspeakable

    scene = play(entry.load())
    free = 0.0
    spans = []
    for beat in scene.beats:
        for line in beat.lines:
            assert line.start >= free - 1e-6, f"{beat.name}: a line talks over the one before"
            free = line.free
            for sentence, start in zip(line.sentences, line.starts, strict=True):
                assert not unspeakable(sentence.spoken), (beat.name, sentence.spoken)
                spans.append((start, start + sentence.duration))
        assert beat.end >= beat.lines[-1].end - 1e-6, f"{beat.name} ends before its words"
    for cue in scene.renderer.file_writer.subcaptions:
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        assert len(cue.content) <= 84
        assert any(a - 1e-6 <= start < end <= b + 1e-6 for a, b in spans), cue.content
