"""Planning units: how many chunks a scene splits into, which beats each draws, and the
checks that refuse to join parts that disagree."""

from __future__ import annotations

import json

import pytest

from scenes.render.parts import PartsDisagreeError, _check, read_part
from scenes.render.units import Chunk, chunks_per_scene, longest_first, split_setting


def test_a_chunk_draws_every_count_th_beat_from_its_index():
    second = Chunk(1, 3)
    assert [beat for beat in range(8) if beat in second] == [1, 4, 7]
    assert second.label == "2/3"
    assert all(sum(beat in c for c in Chunk.all_of(3)) == 1 for beat in range(10))
    with pytest.raises(ValueError, match="chunk 3 of 3 does not exist"):
        Chunk(3, 3)


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
    manifest = {"chunk": [index, count], "beats": beats, "sections": sections, "duration": duration}
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
    with pytest.raises(PartsDisagreeError, match="are not"):
        _check([one], "s")
