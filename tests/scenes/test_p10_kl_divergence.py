"""Part 10 shows KL as infotheory computes it, and the stacked bar adds up on screen."""

from __future__ import annotations

import pytest

import infotheory as it
from scenes.kit import format_value
from scenes.parts.p10_kl_divergence import KLDivergence, KLDivergenceParams
from tests.scenes.reading import worked_out

# Reference values from the brief: the fair coin against the 0.9/0.1 model, in bits.
KL_FAIR_RIGGED = 0.7369655941662061
KL_RIGGED_FAIR = 0.5310044064107188


def _shown(record, key):
    value, text = record.readouts[key]
    return value, text


def test_kl_in_both_directions_matches_the_reference_values(play):
    record = play(KLDivergence).beat_record("asymmetry")
    forward, forward_text = _shown(record, "stack.KL")
    backward, backward_text = _shown(record, "swapped.KL")
    assert forward == pytest.approx(KL_FAIR_RIGGED, rel=1e-12)
    assert backward == pytest.approx(KL_RIGGED_FAIR, rel=1e-12)
    assert (forward_text, backward_text) == ("0.737", "0.531")
    assert forward != backward
    assert "0.737 bits one way, 0.531 the other" in record.narration


@pytest.mark.parametrize("beat", ["split", "asymmetry"])
def test_each_readout_shows_what_its_label_names(play, beat):
    """Read label and number as drawn; work out the quantity the label names by hand."""
    coins = {"p": [0.5, 0.5], "q": [0.9, 0.1]}
    shown = play(KLDivergence).beat_record(beat).shown
    labelled = {key: s for key, s in shown.items() if s.label is not None}
    assert len(labelled) == {"split": 3, "asymmetry": 6}[beat]
    for key, s in labelled.items():
        assert s.text == format_value(worked_out(s.label, coins)), (key, str(s))
    if beat == "asymmetry":
        assert shown["swapped.KL"].label == '"KL"(q || p)'


def test_split_readouts_are_infotheory_values_computed_separately(play):
    params = KLDivergenceParams()
    record = play(KLDivergence).beat_record("split")
    expected = {
        "stack.H": it.entropy(params.p),
        "stack.KL": it.kl_divergence(params.p, params.q),  # directly, not CE - H
        "stack.CE": it.cross_entropy(params.p, params.q),
        "q[heads]": 0.9,
        "p[tails]": 0.5,
    }
    for key, value in expected.items():
        shown, text = record.readouts[key]
        assert shown == value, key
        assert text == format_value(value, len(text.split(".")[1])), key


def test_stack_segments_add_up_geometrically():
    """Kit-level: for several pairs the segment heights sum to the bracket (H(p, q))."""
    from scenes.kit.stacked import StackedBar

    pairs = [
        (it.fair_coin(), it.rigged_coin(0.9)),
        (it.rigged_coin(0.9), it.fair_coin()),
        (it.thick_coin(0.1), [0.2, 0.3, 0.5]),
        ([0.7, 0.2, 0.1, 0.0], [0.25, 0.25, 0.25, 0.25]),
    ]
    for p, q in pairs:
        bar = StackedBar(p, q, unit_height=1.7, readouts=False)
        bar.shift([2.0, -1.0, 0])
        h, kl, ce = bar.segment_heights()
        assert abs(h + kl - ce) / bar.unit_height < 1e-9
        assert ce / bar.unit_height == pytest.approx(it.cross_entropy(p, q), rel=1e-12)
        assert kl / bar.unit_height == pytest.approx(it.kl_divergence(p, q), rel=1e-9, abs=1e-12)


def test_scene_stacks_add_up_geometrically(play):
    scene = play(KLDivergence)
    for stack in (scene.stack, scene.swapped):
        h, kl, ce = stack.segment_heights()
        assert abs(h + kl - ce) / stack.unit_height < 1e-9
        assert ce / stack.unit_height == pytest.approx(stack.cross_entropy, rel=1e-12)


def test_kl_reads_exactly_zero_when_the_model_matches_reality(play):
    record = play(KLDivergence).beat_record("match")
    assert record.readouts["stack.KL"] == (0.0, "0.000")
    assert record.readouts["q[heads]"][0] == record.readouts["p[heads]"][0]
    assert record.readouts["stack.CE"][0] == record.readouts["stack.H"][0]
    assert "exactly 0.000 bits" in record.narration


def test_pushing_past_reality_makes_kl_positive_again(play):
    params = KLDivergenceParams()
    record = play(KLDivergence).beat_record("never-negative")
    value, text = record.readouts["stack.KL"]
    assert value == it.kl_divergence(params.p, params.q_beyond) > 0
    assert text == format_value(value) != "0.000"
    assert format_value(value) in record.narration


def test_parameters_change_what_is_shown_and_said(play):
    params = KLDivergenceParams(model=(0.75, 0.25), overshoot=0.5, unit="nats")
    scene = play(KLDivergence, params)
    split = scene.beat_record("split")
    kl = it.kl_divergence(params.p, params.q, unit="nats")
    assert split.readouts["stack.KL"] == (kl, format_value(kl))
    assert split.readouts["q[heads]"][0] == 0.75
    assert f"{format_value(kl)} nats" in split.narration
    back = it.kl_divergence(params.q, params.p, unit="nats")
    assert scene.beat_record("asymmetry").readouts["swapped.KL"] == (back, format_value(back))
    default = play(KLDivergence).beat_record("split")
    assert split.narration != default.narration


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"reality": (0.5, 0.6)}, "reality"),
        ({"model": (1.0, 0.0)}, "model"),
        ({"model": (0.5, 0.5)}, "model"),
        ({"overshoot": 0.0}, "overshoot"),
        ({"reality": (0.2, 0.8), "model": (0.8, 0.2), "overshoot": 0.5}, "overshoot"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused_by_name(bad, field):
    with pytest.raises(ValueError, match=field):
        KLDivergenceParams(**bad)
