"""Part 1 shows the die's true odds, rolls what its parameters say, and lights the road in order."""

from __future__ import annotations

import pytest
from manim import VGroup

import infotheory as it
from scenes.kit import format_value
from scenes.kit.roadmap import DIM, RoadMap, information_stations
from scenes.parts.p01_opening import Opening, OpeningParams

ROAD = ["surprise", "entropy", "cross-entropy", "kl-divergence"]


def test_beats_roll_then_odds_then_the_four_stations(play):
    names = [b.name for b in play(Opening).beats]
    assert names == ["opening", "roll", "odds", *ROAD, "takeaway"]


def test_odds_are_the_fair_die_from_infotheory(play):
    record = play(Opening).beat_record("odds")
    die = it.fair_die(6)
    for face in die.outcomes:
        value, shown = record.readouts[f"p[{face}]"]
        assert value == die.probability(face)
        assert shown == format_value(die.probability(face))
    assert f"only the odds: {format_value(1 / 6)} each" in record.narration


def test_every_station_is_lit_by_the_end_and_in_order(play):
    scene = play(Opening)
    road = scene.road
    assert road.current == len(ROAD) - 1
    for station in road.stations:
        assert station.formula.get_fill_opacity() == pytest.approx(1.0)
    # The frame ends on the last station: KL divergence.
    kl = road.stations[-1]
    lit = VGroup(kl.name, kl.formula)
    assert road.frame.get_center() == pytest.approx(lit.get_center(), abs=1e-6)
    assert road.frame.width > lit.width


def test_rolls_and_unit_follow_the_parameters(play):
    scene = play(Opening, OpeningParams(rolls=(1, 3), unit="nats"))
    assert scene.beat_record("roll").narration.startswith("Roll a die: 1, then 3.")
    formulas = [s.formula.expression for s in scene.road.stations]
    assert "ln" in formulas[0] and "log_2" not in " ".join(formulas)
    default = play(Opening)
    assert default.beat_record("roll").narration.startswith("Roll a die: 5, then 2, then 6.")
    assert "log_2" in default.road.stations[0].formula.expression


def test_road_map_lights_one_station_at_a_time():
    road = RoadMap(information_stations("bits"), direction="row", arrow_labels=["a", None, "c"])
    assert all(s.formula.get_fill_opacity() == pytest.approx(DIM) for s in road.stations)
    for step in range(len(road)):
        animation = road.advance()
        animation.begin()
        animation.finish()
        lit = [s.formula.get_fill_opacity() == pytest.approx(1.0) for s in road.stations]
        assert lit == [i <= step for i in range(len(road))]
        assert road.current == step
    with pytest.raises(IndexError):
        road.highlight(len(road))


def test_road_map_refuses_a_bad_layout():
    stations = information_stations()
    with pytest.raises(ValueError, match="direction"):
        RoadMap(stations, direction="diagonal")
    with pytest.raises(ValueError, match="arrow labels"):
        RoadMap(stations, direction="row", arrow_labels=["only one"])
    with pytest.raises(ValueError, match="at least two"):
        RoadMap(stations[:1])


@pytest.mark.parametrize(
    ("bad", "field"),
    [({"rolls": (7, 1)}, "rolls"), ({"rolls": (2,)}, "rolls"), ({"unit": "bytes"}, "unit")],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        OpeningParams(**bad)
