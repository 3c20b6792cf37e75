"""Every example value the issue names is a parameter that the scene uses: `--set` it, and
what the video shows or says changes.

Each case changes one field (a few need a partner, named in the case) and plays the
scene against the same parameters without that change; the two runs must differ in
their narration, their read-outs or the last frame of some beat. The changed run stops
at the first beat that differs: what comes after cannot undo the difference. A scene in
nats is played in the light theme, the run the layout test of tests/scenes/
test_variants_and_themes.py makes anyway: its pictures differ by the theme, so only its
words and read-outs count.
"""

from __future__ import annotations

import pytest

import infotheory as it
from scenes.params import field_paths, params_for, parse_assignments
from scenes.parts.p01_opening import Opening, OpeningParams
from scenes.parts.p03_distributions import Distributions, DistributionsParams
from scenes.registry import EXTRAS, SCENES, find

# Parts 2, 3 and 7 show chances and counts but no information, so they take `unit` (a
# parameter file's [all] table may set it for every scene) and show nothing in it.
NO_UNIT = {2, 3, 7}
# Part 2's stages with the first belief changed, the others as they are.
FOG_STAGES = (
    "stages=[[0.4,0.3,0.2,0.1],[0.45,0.25,0.2,0.1],[0.75,0.1,0.1,0.05],[0.94,0.03,0.02,0.01]]"
)
# (part, field, `--set` assignments it is changed from, the change). A change that needs
# a partner to stay valid names it: part 1's rolls must fit a 4-sided die, part 4's double
# a 5-sided one.
CASES = [
    (1, "die_faces", ["rolls=[3,1,4]"], ["die_faces=4"]),
    (1, "rolls", [], ["rolls=[1,3,2]"]),
    (2, "stages", [], [FOG_STAGES]),
    (3, "die_faces", [], ["die_faces=4"]),
    (3, "seed", [], ["seed=8"]),
    (4, "die_faces", ["double_face=3"], ["die_faces=5"]),
    (5, "die_faces", [], ["die_faces=4"]),
    (6, "thick_coin.edge", [], ["thick_coin.edge=0.2"]),
    (7, "world.p", [], ["world.p=[0.4,0.3,0.2,0.1]"]),
    (7, "world.q", [], ["world.q=[0.25,0.25,0.25,0.25]"]),
    (7, "seed", [], ["seed=8"]),
    (8, "world.p", [], ["world.p=[0.4,0.3,0.2,0.1]"]),
    (8, "world.q", [], ["world.q=[0.25,0.25,0.25,0.25]"]),
    (8, "coin_heads", [], ["coin_heads=0.6"]),
    (9, "rigged_heads", [], ["rigged_heads=0.8"]),
    (10, "reality", [], ["reality=[0.6,0.4]"]),
    (10, "model", [], ["model=[0.8,0.2]"]),
    (11, "target", [], ["target=[0.3,0.3,0.2,0.12,0.08]"]),
    (11, "initial_logits", [], ["initial_logits=[1,0.5,0,-0.5,-1]"]),
    (11, "learning_rate", [], ["learning_rate=0.3"]),
    (11, "steps", [], ["steps=30"]),
    (12, "p", [], ["p=[0.4,0.3,0.2,0.1]"]),
    (12, "q", [], ["q=[0.25,0.25,0.25,0.25]"]),
    *(
        (e.part or e.slug, "unit", [], ["unit=nats"])
        for e in SCENES + EXTRAS
        if e.part not in NO_UNIT
    ),
]


def seen(scene, beat: int, pictures: bool = True) -> tuple:
    """What a viewer gets from beat ``beat`` (0-based) of a run: its words, its read-outs
    and, unless told not to, its last picture."""
    record = scene.beats[beat]
    shown = (record.narration, {key: str(r) for key, r in record.readings.items()})
    if pictures:
        (still,) = scene.still_dir.glob(f"{beat + 1:02d}-*.png")
        shown += (still.read_bytes(),)
    return shown


def differs_at(was, now, beat: int, pictures: bool = True) -> bool:
    """Whether beat ``beat`` of run ``now`` shows or says something other than the same
    beat of run ``was`` (or ``was`` has no such beat)."""
    return beat >= len(was.beats) or seen(was, beat, pictures) != seen(now, beat, pictures)


@pytest.mark.parametrize(
    ("part", "path", "base", "change"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_changing_an_example_value_changes_what_is_shown_or_said(play, part, path, base, change):
    scene_class = find(part).load()
    assert path in field_paths(scene_class.Params)
    before = params_for(scene_class, parse_assignments(base))
    after = params_for(scene_class, parse_assignments(base + change))
    assert after != before
    was = play(scene_class, before)
    if path == "unit":  # the layout test's run, whole (see above): words and read-outs
        now = play(scene_class, after, "light")
        changed = any(differs_at(was, now, b, pictures=False) for b in range(len(now.beats)))
    else:
        now = play(scene_class, after, until=lambda run: differs_at(was, run, len(run.beats) - 1))
        changed = differs_at(was, now, len(now.beats) - 1)
    assert changed or len(now.beats) != len(was.beats), (
        f"part {part}: {path} changed, but nothing shown or said did"
    )


def test_part_1s_die_follows_its_faces(play):
    params = OpeningParams(die_faces=4, rolls=(3, 1, 4))
    record = play(Opening, params).beat_record("odds")
    shown = {k: v for k, v in record.readouts.items() if k.startswith("p[")}
    assert sorted(shown) == ["p[1]", "p[2]", "p[3]", "p[4]"]
    assert all(v == (it.fair_die(4).probability("1"), "0.250") for v in shown.values())
    assert "0.250 each" in record.narration
    assert "0.167" in play(Opening).beat_record("odds").narration


def test_part_3s_die_follows_its_faces(play):
    record = play(Distributions, DistributionsParams(die_faces=4)).beat_record("coin-and-die")
    assert "a die over 4" in record.narration
    assert sorted(k for k in record.readouts if k.startswith("die[")) == [
        f"die[{k}]" for k in "1234"
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: OpeningParams(die_faces=7), "die_faces must be a whole number from 2 to 6"),
        (lambda: OpeningParams(die_faces=4), r"rolls\[0\] = 5 is not a face of a die \(1 to 4\)"),
        (lambda: DistributionsParams(die_faces=1), "die_faces must be a whole number from 2 to 6"),
    ],
)
def test_bad_die_faces_name_the_field(make, message):
    with pytest.raises(ValueError, match=message):
        make()
