"""The road map (the recap's chain of measures) lights one station at a time."""

from __future__ import annotations

import pytest

from scenes.kit.roadmap import DIM, RoadMap, information_stations


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
