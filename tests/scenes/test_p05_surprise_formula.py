"""Part 5 shows the surprise of the values it claims, and follows its parameters."""

from __future__ import annotations

import itertools

import pytest

import infotheory as it
from scenes.parts.p05_surprise_formula import SurpriseFormula, SurpriseFormulaParams


def test_certain_event_reads_zero_bits(play):
    shown = play(SurpriseFormula).beat_record("certain").readouts["surprise"]
    assert shown == (0.0, "0.000")


def test_each_halving_adds_exactly_one_bit(play):
    readouts = play(SurpriseFormula).beat_record("halving").readouts
    values = [readouts[f"S[1/{2**k}]"][0] for k in (1, 2, 3)]
    assert values == [it.surprisal(0.5**k) for k in (1, 2, 3)]
    assert [b - a for a, b in itertools.pairwise(values)] == [1.0, 1.0]


def test_independent_surprises_add(play):
    readouts = play(SurpriseFormula).beat_record("independent").readouts
    both = readouts["S[both]"][0]
    assert both == pytest.approx(readouts["S[heads]"][0] + readouts["S[6]"][0], abs=1e-12)
    assert both == pytest.approx(it.surprisal(1 / 12))
    assert readouts["S[both]"][1] == "3.585"


def test_parameters_change_what_is_shown_and_said(play):
    scene = play(SurpriseFormula, SurpriseFormulaParams(die_faces=4, halvings=2))
    record = scene.beat_record("independent")
    assert record.readouts["S[4]"] == (2.0, "2.000")
    assert "3.000 bits" in record.narration
    assert "S[1/8]" not in scene.beat_record("halving").readouts


def test_nats_on_request(play):
    scene = play(SurpriseFormula, SurpriseFormulaParams(unit="nats"))
    value, shown = scene.beat_record("halving").readouts["S[1/2]"]
    assert value == pytest.approx(it.surprisal(0.5, unit="nats"))
    assert shown == "0.693"


@pytest.mark.parametrize("bad", [{"halvings": 0}, {"die_faces": 1}, {"unit": "bytes"}])
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValueError):
        SurpriseFormulaParams(**bad)


@pytest.mark.parametrize(
    "params",
    [SurpriseFormulaParams(die_faces=100), SurpriseFormulaParams(unit="nats", halvings=5)],
    ids=["many-faces", "nats"],
)
def test_the_plot_holds_every_surprise_the_dot_visits(play, params):
    scene = play(SurpriseFormula, params)
    plot = scene.plot
    top = plot.axes.y_range[1]
    both = scene.beat_record("independent").readouts["S[both]"][0]
    assert both <= top
    dot_y = plot.dot.get_center()[1]  # the dot ends on "heads and the top face"
    assert plot.c2p(0, 0)[1] < dot_y <= plot.c2p(0, top)[1] + 1e-9
    # The curve itself climbs to the top of the plot, in any unit.
    assert plot.curve.get_top()[1] == pytest.approx(plot.c2p(0, top)[1], abs=1e-6)
