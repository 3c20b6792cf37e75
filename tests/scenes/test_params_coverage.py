"""Every example value the issue names is a parameter, so `--set` can change it."""

from __future__ import annotations

import pytest

import infotheory as it
from scenes.params import field_paths
from scenes.parts.p01_opening import Opening, OpeningParams
from scenes.parts.p03_distributions import Distributions, DistributionsParams
from scenes.registry import find

# (scene, dotted parameter path): the thick coin's edge, the rigged coins' bias, the dice's
# faces, reality and model of parts 7-12, the fit's learning rate and steps, seeds, unit.
EXPECTED = [
    (1, "die_faces"),
    (1, "rolls"),
    (2, "stages"),
    (3, "die_faces"),
    (3, "seed"),
    (4, "die_faces"),
    (5, "die_faces"),
    (6, "thick_coin.edge"),
    (7, "world.p"),
    (7, "world.q"),
    (7, "seed"),
    (8, "world.p"),
    (8, "world.q"),
    (8, "coin_heads"),
    (9, "rigged_heads"),
    (10, "reality"),
    (10, "model"),
    (11, "target"),
    (11, "initial_logits"),
    (11, "learning_rate"),
    (11, "steps"),
    (12, "p"),
    (12, "q"),
]


@pytest.mark.parametrize(("part", "path"), EXPECTED, ids=lambda x: str(x))
def test_example_values_are_parameters(part, path):
    params = find(part).load().Params
    assert path in field_paths(params)
    assert "unit" in field_paths(params)


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
