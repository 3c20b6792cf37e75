"""Text helpers: a read-out that counts to a value ends exactly on it and reads back what it
drew; spoken lists."""

from __future__ import annotations

import numpy as np
import pytest
from manim import RIGHT, Dot, Transform, TransformFromCopy, VGroup, there_and_back

from scenes.kit.base import BeatRecord
from scenes.kit.text import NumberText, Reading, Readout, read_readouts


def _played(readout: Readout, target: float, **kwargs) -> float:
    animation = readout.animate_to(target, **kwargs)
    animation.begin()
    animation.interpolate(0.5)
    animation.finish()
    return readout.value


def test_counting_ends_on_the_target_not_a_float_step_away():
    # start + (target - start) * 1.0 misses 0.45 from 0.1 in floating point.
    assert 0.1 + (0.45 - 0.1) * 1.0 != 0.45
    assert _played(Readout(None, 0.1, unit=None), 0.45) == 0.45


def test_counting_ends_on_the_target_whatever_the_rate_function():
    assert _played(Readout(None, 0.25, unit=None), 1.5, rate_func=there_and_back) == 1.5


def test_counting_to_infinity_jumps_at_the_end():
    readout = Readout(None, 2.0, unit=None)
    animation = readout.animate_to(float("inf"))
    animation.begin()
    animation.interpolate(0.5)
    assert readout.value == 2.0
    animation.finish()
    assert readout.value == float("inf")


def test_alternatives_are_spoken_with_commas_and_a_final_or():
    from scenes.kit.text import alternatives

    assert alternatives(("sun", "cloud", "rain", "snow")) == "sun, cloud, rain or snow"
    assert alternatives(["heads", "tails"]) == "heads or tails"
    assert alternatives(["edge"]) == "edge"


# -- reading back what a read-out drew ----------------------------------------------------


def test_a_readout_reads_back_its_label_number_and_unit():
    readout = Readout("H(p, q)", 1.736965594166206, unit="bits", key="H")
    assert readout.read() == Reading("H(p, q)", "1.737", "bits", 1.736965594166206)
    assert str(readout.read()) == "H(p, q) = 1.737 bits"
    readout.set_value(1.0)
    assert readout.read() == Reading("H(p, q)", "1.000", "bit", 1.0)
    assert str(Readout(None, 0.5, unit=None, decimals=2).read()) == "0.50"
    # Colour groups read as their maths.
    kl = Readout('{{ "KL" : kl }}({{ p : p }} || {{ q : q }})', 0.25, key="KL")
    assert str(kl.read()) == '"KL"(p || q) = 0.250 bits'


def test_the_outline_drawn_is_that_of_the_rounded_text():
    # 190/400 draws "0.48": the very outline drawn for 0.48, not the one for 0.47.
    drawn, rounded, below = (NumberText(v, decimals=2) for v in (190 / 400, 0.48, 0.47))
    assert drawn.drawn_text == "0.48"
    assert np.allclose(drawn.points, rounded.points)
    assert drawn.points.shape != below.points.shape or not np.allclose(drawn.points, below.points)


def test_a_number_moved_or_scaled_still_reads_but_a_morphed_one_is_refused():
    number = NumberText(1.5)
    number.shift(2 * RIGHT).scale(1.7)
    assert number.drawn_text == "1.500"
    other = NumberText(2.25).next_to(number, RIGHT)
    morph = Transform(number, other)
    morph.begin()
    morph.finish()
    with pytest.raises(ValueError, match=r"no longer shows '1\.500'"):
        number.drawn_text  # noqa: B018 (the read is the test)


def test_counting_reads_the_target_and_its_unit_word():
    readout = Readout("S(p)", 3.0, unit="bits")
    _played(readout, 1.0)
    assert readout.read() == Reading("S(p)", "1.000", "bit", 1.0)


def test_a_beat_records_each_keyed_readout_as_drawn():
    inner = Readout("H(p)", 0.5, key="H")
    group = VGroup(VGroup(inner), Readout("x", 2.0, key=None), Readout(None, 0.25, key="p"))
    readings = read_readouts([group])
    assert readings == {"H": inner.read(), "p": Reading(None, "0.250", "bits", 0.25)}
    record = BeatRecord("b", 0.0, readings=readings)
    assert record.readouts == {"H": (0.5, "0.500"), "p": (0.25, "0.250")}


def test_a_number_grown_from_a_copy_of_something_else_still_reads():
    # TransformFromCopy(dot, number) ends on the number's own outline, cut into as many
    # curves as the dot had: the same picture, other points.
    number = NumberText(0.92, decimals=2).shift(RIGHT)
    dot = Dot(radius=0.5).shift(3 * RIGHT)
    for _ in range(3):  # the dot's many curves split the glyphs' curves
        dot.insert_n_curves(40)
    grow = TransformFromCopy(dot, number)
    grow.begin()
    grow.finish()
    assert len(number.points) != len(NumberText(0.92, decimals=2).points)
    assert number.drawn_text == "0.92"
    # A copy of another number morphed onto it is a different outline: refused.
    onto = Transform(number, NumberText(0.93, decimals=2).move_to(number))
    onto.begin()
    onto.finish()
    with pytest.raises(ValueError, match=r"no longer shows '0\.92'"):
        number.drawn_text  # noqa: B018 (the read is the test)
