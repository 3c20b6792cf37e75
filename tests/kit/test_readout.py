"""Text helpers: a read-out that counts to a value ends exactly on it; spoken lists."""

from __future__ import annotations

from manim import there_and_back

from scenes.kit.text import Readout


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
