"""Extra scene `mutual-information`: every number is infotheory's and follows the parameters."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.dryrun import dry_run
from scenes.extras.mutual_information import MutualInformation, MutualInformationParams
from scenes.params import ParamsError, apply_overrides, parse_assignments
from scenes.registry import EXTRAS, find

DEFAULT = np.array([[0.4, 0.1], [0.1, 0.4]])
TIGHTER = MutualInformationParams(joint=((0.45, 0.05), (0.05, 0.45)), unit="nats")


def h(x: float) -> float:
    return -x * math.log2(x) - (1 - x) * math.log2(1 - x)


def test_it_is_an_extra_after_the_twelve():
    entry = find("mutual-information")
    assert entry in EXTRAS and entry.part is None
    assert entry.stem == "x-mutual-information"
    assert entry.title == "Mutual information"


def test_reference_values_derived_by_hand(play):
    # Two fair coins that agree 4 times in 5: H(X) = H(Y) = 1, H(Y|X) = h(0.2),
    # H(X,Y) = 1 + h(0.2), I = 1 - h(0.2).
    scene = play(MutualInformation)
    shared = scene.beat_record("shared").readouts
    assert shared["H(X)+H(Y)"][1] == "2.000"
    assert shared["H(X,Y)"] == (pytest.approx(1 + h(0.2), abs=1e-12), "1.722")
    assert shared["I"] == (pytest.approx(1 - h(0.2), abs=1e-12), "0.278")
    knowing = scene.beat_record("knowing").readouts
    assert knowing["H(Y|X)"] == (pytest.approx(h(0.2), abs=1e-12), "0.722")


def test_every_number_shown_is_infotheorys(play):
    scene = play(MutualInformation)
    px, py = it.marginals(DEFAULT)
    pairs = scene.beat_record("pairs").readouts
    assert pairs["same"] == (0.8, "0.80")
    for i, name in enumerate(("HH", "HT", "TH", "TT")):
        assert pairs[f"joint[{name}]"] == (DEFAULT.ravel()[i], f"{DEFAULT.ravel()[i]:.2f}")
    alone = scene.beat_record("alone").readouts
    assert alone["H(X)"][0] == it.entropy(px) and alone["H(Y)"][0] == it.entropy(py)
    assert [alone["X[heads]"][0], alone["X[tails]"][0]] == list(px)
    assert [alone["Y[heads]"][0], alone["Y[tails]"][0]] == list(py)
    shared = scene.beat_record("shared").readouts
    assert shared["H(X,Y)"][0] == it.joint_entropy(DEFAULT)
    assert shared["I"][0] == it.mutual_information(DEFAULT)
    knowing = scene.beat_record("knowing").readouts
    assert knowing["H(Y|X)"][0] == it.conditional_entropy(DEFAULT)


def test_the_bar_shows_the_identities_it_claims():
    # The stacked bar draws entropy + KL under a cross-entropy bracket, with the joint
    # as reality and the product of the marginals as the model: those three are
    # H(X, Y), I(X; Y) and H(X) + H(Y).
    product = it.independent_joint(*it.marginals(DEFAULT)).ravel()
    joint = DEFAULT.ravel()
    px, py = it.marginals(DEFAULT)
    assert it.entropy(joint) == pytest.approx(it.joint_entropy(DEFAULT), abs=1e-15)
    assert it.kl_divergence(joint, product) == pytest.approx(
        it.mutual_information(DEFAULT), abs=1e-15
    )
    assert it.cross_entropy(joint, product) == pytest.approx(
        it.entropy(px) + it.entropy(py), abs=1e-15
    )


def test_independent_coins_share_nothing(play):
    record = play(MutualInformation).beat_record("independent")
    assert record.readouts["I"] == (0.0, "0.000")
    assert record.readouts["H(X,Y)"][1] == record.readouts["H(X)+H(Y)"][1] == "2.000"
    assert record.readouts["H(Y|X)"][1] == "1.000"
    assert [record.readouts[f"joint[{n}]"][1] for n in ("HH", "HT", "TH", "TT")] == ["0.25"] * 4
    # The coins' agreement follows the table: independent fair coins match half the time.
    assert record.readouts["same"] == (0.5, "0.50")
    assert "chance 0.50" in record.narration


def test_the_narration_speaks_the_numbers_shown(play):
    scene = play(MutualInformation)
    for beat, key in (("together", "H(X,Y)"), ("shared", "I"), ("knowing", "H(Y|X)")):
        record = scene.beat_record(beat)
        assert record.readouts[key][1] in record.narration
    assert "0.80" in scene.beat_record("pairs").narration


def test_changed_parameters_change_the_numbers_and_the_narration(play):
    default, changed = play(MutualInformation), play(MutualInformation, TIGHTER)
    info = it.mutual_information(TIGHTER.joint, unit="nats")
    record = changed.beat_record("shared")
    assert record.readouts["I"] == (info, f"{info:.3f}")
    assert f"{info:.3f} nats" in record.narration
    assert record.narration != default.beat_record("shared").narration
    assert "0.90" in changed.beat_record("pairs").narration
    assert all(not b.problems for b in changed.beats)


def test_set_reaches_the_nested_table():
    params = apply_overrides(
        MutualInformationParams(), parse_assignments(["joint=[[0.5, 0], [0, 0.5]]"])
    )
    assert params.joint == ((0.5, 0.0), (0.0, 0.5))


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("joint=[[0.5, 0.5], [0.5, 0.5]]", r"joint: pxy \(all entries, axis=None\) sums to 2\.0"),
        ("joint=[[0.6, -0.1], [0.1, 0.4]]", r"joint: pxy\[0, 1\] = -0\.1 is negative"),
        ("joint=[[0.5, 0.5]]", "joint takes 2 values, not 1"),
        ("flips=9", "flips must be a whole number from 1 to 6"),
        ("seed=-1", "seed must be a whole number >= 0"),
        ("unit=bytes", "unit"),
    ],
)
def test_invalid_parameters_are_refused_with_the_reason(assignment, message):
    with pytest.raises(ParamsError, match=message):
        apply_overrides(MutualInformationParams(), parse_assignments([assignment]))


def test_direct_construction_checks_the_shape():
    with pytest.raises(ValueError, match="joint must be a 2 × 2 table"):
        MutualInformationParams(joint=((0.25, 0.25, 0.0), (0.25, 0.25, 0.0)))


def test_it_plays_cleanly_in_the_light_theme():
    scene = dry_run(MutualInformation, layout="error", theme="light")
    assert scene.camera.background_color == scene.theme.color.background
    assert scene.theme.name == "light"
    assert all(not b.problems for b in scene.beats)
