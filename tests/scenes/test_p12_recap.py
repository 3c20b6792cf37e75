"""Part 12: each formula's numeric example is infotheory's value, and the gap is KL(p‖q)."""

from __future__ import annotations

import pytest

import infotheory as it
from scenes.kit import format_value
from scenes.parts.p12_recap import Recap, RecapParams
from tests.scenes.reading import worked_out

STATIONS = ["surprise", "entropy", "cross-entropy", "kl-divergence"]


def _expected(params: RecapParams) -> dict[str, float]:
    p, q, unit = params.reality, params.model, params.unit
    return {
        "S": it.surprisal(p.probability(params.example), unit=unit),
        "H": it.entropy(p, unit=unit),
        "CE": it.cross_entropy(p, q, unit=unit),
        "KL": it.kl_divergence(p, q, unit=unit),
    }


def test_beats_walk_the_road_then_end_on_the_gap(play):
    scene = play(Recap)
    assert [b.name for b in scene.beats] == ["opening", *STATIONS, "gap", "takeaway"]
    assert scene.road.current == len(STATIONS) - 1


def test_each_formulas_example_is_the_infotheory_value(play):
    scene = play(Recap)
    expected = _expected(RecapParams())
    for beat, key in zip(STATIONS, ["S", "H", "CE", "KL"], strict=True):
        value, shown = scene.beat_record(beat).readouts[key]
        assert value == expected[key], key
        assert shown == format_value(expected[key]), key
        assert f"{shown} bits" in scene.beat_record(beat).narration, key
    # Each later beat still shows the earlier examples: the row is a summary.
    assert set(scene.beat_record("kl-divergence").readouts) >= {"S", "H", "CE", "KL"}


def test_each_formulas_example_shows_what_its_label_names(play):
    """Read label and number as drawn; work out the quantity the label names by hand."""
    odds = {"p": [0.5, 0.25, 0.15, 0.1], "q": [0.2, 0.4, 0.3, 0.1]}
    outcomes = ("sun", "cloud", "rain", "snow")
    scene = play(Recap)
    for beat, key in zip([*STATIONS, "gap"], ["S", "H", "CE", "KL", "gap"], strict=True):
        shown = scene.beat_record(beat).shown[key]
        expected = worked_out(shown.label, odds, outcomes=outcomes)
        assert shown.text == format_value(expected), (beat, str(shown))
    assert str(scene.beat_record("gap").shown["gap"]) == '"the gap" = "KL"(p || q) = 0.341 bits'


def test_kl_is_cross_entropy_minus_entropy_and_is_the_gap(play):
    record = play(Recap).beat_record("gap")
    params = RecapParams()
    h, ce = it.entropy(params.p), it.cross_entropy(params.p, params.q)
    gap, shown = record.readouts["gap"]
    assert gap == pytest.approx(ce - h, abs=1e-12)
    assert gap == it.kl_divergence(params.p, params.q)
    assert shown == "0.341"
    assert f"That {shown} bits is the gap" in record.narration
    for name, p_i, q_i in zip(params.outcomes, params.p, params.q, strict=True):
        assert record.readouts[f"p[{name}]"][0] == p_i
        assert record.readouts[f"q[{name}]"][0] == q_i


def test_parameters_change_the_numbers_and_the_narration(play):
    params = RecapParams(q=(0.4, 0.3, 0.2, 0.1), example="snow", unit="nats")
    scene = play(Recap, params)
    expected = _expected(params)
    for beat, key in zip(STATIONS, ["S", "H", "CE", "KL"], strict=True):
        value, shown = scene.beat_record(beat).readouts[key]
        assert value == pytest.approx(expected[key], rel=1e-12)
        assert f"{shown} nats" in scene.beat_record(beat).narration
    assert scene.beat_record("surprise").narration.startswith("Surprise: log one over p. Snow")
    assert "ln" in scene.road.stations[0].formula.expression
    assert scene.beat_record("gap").readouts["gap"][0] == pytest.approx(expected["KL"])


def test_a_p_that_does_not_sum_to_one_is_refused_with_infotheorys_message():
    outcomes = RecapParams().outcomes
    bad = (0.5, 0.25, 0.15, 0.2)
    with pytest.raises(ValueError) as maths:
        it.categorical(outcomes, bad)
    with pytest.raises(ValueError, match="p") as refused:
        RecapParams(p=bad)
    assert str(maths.value) in str(refused.value)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"q": (0.5, 0.5, 0.0, 0.0)}, "q"),  # the model rules out what happens
        ({"q": (0.5, 0.25, 0.15, 0.1)}, "q"),  # no gap at all
        ({"example": "fog"}, "example"),
        ({"p": (0.5, 0.5, 0.0, 0.0), "example": "rain"}, "example"),
        ({"outcomes": ("a",), "p": (1.0,), "q": (1.0,), "example": "a"}, "outcomes"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        RecapParams(**bad)
