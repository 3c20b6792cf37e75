"""`explainer render --split`: one scene rendered as several units, joined into the same files."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import numpy as np
import pytest
from cli_checks import (
    BEATS,
    assert_complete,
    leftovers,
    outputs,
    picture_length,
    render_workers,
    sound,
    wait_for,
    workers_for,
    worst_psnr,
)

from scenes.render.scene_info import SceneInfo, load_info, save_info

pytestmark = pytest.mark.slow

MOTION = Path(__file__).with_name("motion_scene.py.txt").read_text()
PSNR_BAR = 40.0  # dB, every frame


def _render(tiny, media: Path, *extra: str, env=None):
    run = tiny.drive("render", *extra, "-q", "low", "--media-dir", str(media), env=env)
    stdout, stderr = run.communicate(timeout=240)
    assert run.returncode == 0, stderr
    return stdout


def _assert_same_render(whole, split) -> None:
    """The split render's files show and say what the whole render's do."""
    assert worst_psnr(whole.video, split.video) >= PSNR_BAR
    assert picture_length(split.video) == picture_length(whole.video)
    assert np.array_equal(sound(split.video), sound(whole.video))
    assert split.captions.read_text() == whole.captions.read_text()
    sections = json.loads(whole.sections_index.read_text())
    assert json.loads(split.sections_index.read_text()) == sections
    for section in sections:
        clip = section["video"]
        assert worst_psnr(whole.folder / clip, split.folder / clip) >= PSNR_BAR
        assert np.array_equal(sound(split.folder / clip), sound(whole.folder / clip))


def test_a_split_render_matches_the_whole_render(tiny, tmp_path, monkeypatch):
    """Two scenes, one with time-based updaters, a traced path and random draws, each
    rendered whole and in two units that draw alternate beats."""
    motion = tmp_path / "motion.py"
    motion.write_text(MOTION)
    scenes = ("tiny-one", str(motion))
    # A cold voice cache: the units race to synthesise every line (Piper's lengths vary
    # from one synthesis to the next) and must still time the scene alike.
    cold = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = _render(tiny, tmp_path / "split", *scenes, "--split", "2", env=cold)
    assert said.count("rendered (2 units)") == 2
    _render(tiny, tmp_path / "whole", *scenes, "--split", "off", env=cold)
    for stem in ("01-tiny-one", "x-tiny-motion"):
        whole, split = outputs(tmp_path / "whole", stem), outputs(tmp_path / "split", stem)
        _assert_same_render(whole, split)
        assert json.loads(split.key_file.read_text())["units"] == 2
    assert_complete(outputs(tmp_path / "split", "01-tiny-one"))

    # The renders recorded each beat's length; with the square recorded as the longest,
    # the next split deals it to the first unit, and the second draws the other beats,
    # the opening among them (so it keeps the captions and the track).
    whole = outputs(tmp_path / "whole", "01-tiny-one")
    record = json.loads(whole.key_file.read_text())
    assert len(record["lengths"]) == 4
    monkeypatch.setenv("XDG_CACHE_HOME", cold["XDG_CACHE_HOME"])
    assert load_info(record["source_key"]).lengths == tuple(record["lengths"])
    save_info(record["source_key"], SceneInfo(tuple(BEATS), 6.0, (1.0, 3.0, 1.0, 1.0)))
    _render(tiny, tmp_path / "dealt", "tiny-one", "--split", "2", env=cold)
    dealt = outputs(tmp_path / "dealt", "01-tiny-one")
    _assert_same_render(whole, dealt)
    assert_complete(dealt)


def test_interrupting_a_split_render_stops_its_units_and_publishes_nothing(tiny):
    run = tiny.drive(
        "render", "tiny-one", "-q", "low", "--split", "2", "--media-dir", str(tiny.media),
        env={"TINY_SLOW": "0.03"},
    )  # fmt: skip
    wait_for(lambda: len(render_workers(run.pid)) == 2 or run.poll() is not None)
    assert run.poll() is None, run.communicate()
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 130, stderr
    assert "Not finished: 01-tiny-one" in stderr
    assert not workers_for(tiny.media)
    out = outputs(tiny.media, "01-tiny-one")
    assert not out.video.exists() and not out.key_file.exists()
    assert leftovers(tiny.media) == []
