"""Planning units: how many chunks a scene splits into, which beats each draws, and the
checks that refuse to join parts that disagree."""

from __future__ import annotations

import json

import pytest

from scenes.render.parts import Part, PartsDisagreeError, _check, read_part
from scenes.render.units import Chunk, balanced, chunks_per_scene, longest_first, split_setting


def test_a_chunk_draws_every_count_th_beat_from_its_index():
    second = Chunk(1, 3)
    assert [beat for beat in range(8) if beat in second] == [1, 4, 7]
    assert second.label == "2/3"
    assert all(sum(beat in c for c in Chunk.all_of(3)) == 1 for beat in range(10))
    with pytest.raises(ValueError, match="chunk 3 of 3 does not exist"):
        Chunk(3, 3)


def test_beats_of_known_lengths_are_dealt_so_that_the_units_draw_alike():
    # Scene 6's sections (seconds): every other one would give 25.2 s against 22.4 s.
    lengths = [4.7, 8.6, 13.3, 9.3, 7.3, 4.5]
    owners = balanced(lengths, 2)
    assert owners == (1, 1, 0, 1, 0, 0)
    loads = [sum(x for x, o in zip(lengths, owners, strict=True) if o == u) for u in (0, 1)]
    assert loads == pytest.approx([25.1, 22.6])
    # Every unit draws a beat, even beside a long one; beats past the plan go round.
    assert balanced([30.0, 1.0, 1.0], 3) == (0, 1, 2)
    units = Chunk.all_of(2, owners)
    assert [[beat for beat in range(8) if beat in u] for u in units] == [[2, 4, 5, 6], [0, 1, 3, 7]]
    with pytest.raises(ValueError, match="dealt to units"):
        Chunk(0, 2, (0, 2))


@pytest.mark.parametrize(
    ("scenes", "workers", "split", "chunks"),
    [
        (1, 2, None, 2),  # auto: fewer scenes than workers
        (3, 16, None, 6),
        (13, 2, None, 1),  # auto: enough scenes to keep every worker busy
        (13, 2, True, 2),  # --split alone: as many as workers
        (1, 8, False, 1),
        (2, 2, 5, 5),
    ],
)
def test_how_many_chunks_a_scene_splits_into(scenes, workers, split, chunks):
    assert chunks_per_scene(scenes, workers, split) == chunks


def test_split_settings_from_the_command_line():
    settings = [split_setting(v) for v in (None, "auto", "off", "all", "3")]
    assert settings == [None, None, False, True, 3]
    for bad in ("0", "many"):
        with pytest.raises(ValueError, match="split"):
            split_setting(bad)


def test_longest_units_go_first_and_unknown_lengths_before_them():
    assert longest_first(["a", "b", "c", "d"], [10.0, None, 30.0, 20.0]) == ["b", "c", "d", "a"]


def _part(folder, index, count, beats, drawn, duration=5.0):
    folder.mkdir()
    sections = [{"name": beats[b], "video": f"{b}.mp4", "beat": b} for b in drawn]
    chunk = {"index": index, "count": count}
    manifest = {"chunk": chunk, "beats": beats, "sections": sections, "duration": duration}
    (folder / "part.json").write_text(json.dumps(manifest))
    return read_part(folder)


def test_parts_that_played_the_scene_differently_are_refused(tmp_path):
    beats = ["opening", "square", "takeaway"]
    one = _part(tmp_path / "1", 0, 2, beats, [0, 2])
    _check([one, _part(tmp_path / "2", 1, 2, beats, [1])], "s")  # agree: no error
    with pytest.raises(PartsDisagreeError, match=r"lasted 5\.066667 s"):
        _check([one, _part(tmp_path / "3", 1, 2, beats, [1], duration=5 + 1 / 15)], "s")
    with pytest.raises(PartsDisagreeError, match="played beats"):
        _check([one, _part(tmp_path / "4", 1, 2, ["opening", "circle", "takeaway"], [1])], "s")
    with pytest.raises(PartsDisagreeError, match="drew beats"):
        _check([one, _part(tmp_path / "5", 1, 2, beats, [1, 2])], "s")
    with pytest.raises(PartsDisagreeError, match="drew beats"):  # one was never drawn
        _check(
            [_part(tmp_path / "6", 0, 2, beats, [0]), _part(tmp_path / "7", 1, 2, beats, [1])], "s"
        )
    with pytest.raises(PartsDisagreeError, match="are not"):
        _check([one], "s")


def test_a_split_is_dealt_by_the_lengths_an_earlier_render_recorded(tmp_path):
    """The plan reaches the units whole: through the job's JSON and the part's manifest."""
    from dataclasses import asdict, replace

    from scenes.registry import SceneEntry
    from scenes.render.layout import scene_outputs
    from scenes.render.runner import SceneResult, _plan, _Scene
    from scenes.render.scene_info import SceneInfo
    from scenes.render.worker import Job

    entry = SceneEntry(1, "tiny-one", "tiny_one", "TinyOne", "Tiny one")
    result = SceneResult(entry, scene_outputs(tmp_path, "low", entry.stem, "mp4"))
    job = Job("tiny_one", "TinyOne", entry.stem, "low", "mp4", str(tmp_path), "", "", "k", "s")
    played = SceneInfo(("opening", "square", "glow", "takeaway"), 10.0, (2.0, 5.0, 1.0, 2.0))
    units = _plan([_Scene(result, job, played)], workers=2, split=True)
    assert [u.chunk for u in units] == Chunk.all_of(2, (1, 0, 1, 1))
    # Unknown lengths: every other beat.
    unknown = replace(played, lengths=None)
    assert [u.chunk for u in _plan([_Scene(result, job, unknown)], 2, True)] == Chunk.all_of(2)

    sent = Job.from_json(replace(job, chunk=units[1].chunk).to_json())
    assert sent.chunk == units[1].chunk and [b for b in range(4) if b in sent.chunk] == [0, 2, 3]
    manifest = json.loads(json.dumps({"chunk": asdict(sent.chunk)}))  # as write_part keeps it
    assert Part(tmp_path, manifest).chunk == sent.chunk
