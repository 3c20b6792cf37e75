"""Every beat of every scene ends on its pinned picture (tests/pins/<scene>/<NN-beat>.png).

The pictures come from the dry runs the other scene tests make anyway. A change that
moves pixels fails here and writes, for each changed beat, pinned | now | difference
side by side under the test's output folder. If the change is deliberate, re-pin:
``make pins``.
"""

from __future__ import annotations

import shutil

import pytest

from scenes.registry import EXTRAS, SCENES
from tests.scenes.pictures import PINS, REPIN, compare, load_pin, pin_picture, save_diff, save_pin
from tests.scenes.test_all_scenes import scene_id

ENTRIES = SCENES + EXTRAS
REPIN_HINT = "If the change is deliberate, re-pin with `make pins`."


@pytest.fixture(scope="session")
def diff_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pin-diffs")


@pytest.mark.parametrize("entry", ENTRIES, ids=scene_id)
def test_every_beat_ends_on_its_pinned_picture(entry, play, diff_dir):
    scene = play(entry.load())
    stills = sorted(scene.still_dir.glob("*.png"))
    assert [s.stem for s in stills] == [f"{i:02d}-{b.name}" for i, b in enumerate(scene.beats, 1)]
    pins = PINS / entry.stem
    if REPIN:
        shutil.rmtree(pins, ignore_errors=True)
        for still in stills:
            save_pin(pin_picture(still), pins / still.name)
        return
    pinned = sorted(p.name for p in pins.glob("*.png"))
    assert pinned == [s.name for s in stills], (
        f"{entry.stem}: the beats are {[s.stem for s in stills]}, the pins {pinned}. {REPIN_HINT}"
    )
    changed = []
    for still in stills:
        now, before = pin_picture(still), load_pin(pins / still.name)
        difference = compare(now, before)
        if not difference.ok:
            diff = save_diff(now, before, diff_dir / entry.stem / still.name)
            changed.append(f"  {still.stem}: {difference}; see {diff}")
    assert not changed, f"{entry.stem} looks different:\n" + "\n".join(changed) + f"\n{REPIN_HINT}"


def test_every_pinned_scene_is_a_scene():
    stems = {e.stem for e in ENTRIES}
    strays = sorted(p for p in PINS.iterdir() if p.name not in stems) if PINS.is_dir() else []
    if REPIN:
        for stray in strays:
            shutil.rmtree(stray)
        return
    assert not strays, f"pins for scenes that do not exist: {strays}. {REPIN_HINT}"
