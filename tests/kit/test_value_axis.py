"""ValueAxis: one readable scale for blocks and bars of bits."""

from __future__ import annotations

import pytest

from scenes.kit.value_axis import ValueAxis


def test_ticks_are_round_and_stand_at_their_values():
    axis = ValueAxis(3.32, unit_height=1.1, unit="bits")
    assert [t.text for t in axis.tick_labels] == ["1", "2", "3"]
    for mark, value in zip(axis.marks, (1, 2, 3), strict=True):
        assert mark.get_y() - axis.origin[1] == pytest.approx(value * 1.1)
    assert axis.label.text == "bits"
    assert axis.y_of(2.585) - axis.y_of(0) == pytest.approx(2.585 * 1.1)


def test_the_axis_stands_on_a_baseline_and_names_its_unit():
    axis = ValueAxis(2.3, unit_height=1.0, unit="nats").stand_on(-1.5)
    assert axis.origin[1] == pytest.approx(-1.5)
    assert axis.label.text == "nats"
    assert [t.text for t in ValueAxis(1.0, 2.0, None, ticks=(0.5, 1)).tick_labels] == ["0.5", "1"]


@pytest.mark.parametrize(("top", "height"), [(0, 1.0), (2.0, 0), (-1, 1.0)])
def test_a_scale_without_size_is_refused(top, height):
    with pytest.raises(ValueError, match="positive"):
        ValueAxis(top, height)
