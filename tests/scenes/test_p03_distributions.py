"""Part 3: the image's dimension and the count of possible images are computed from Params."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.kit.pixels import face_pixels
from scenes.parts.p03_distributions import Distributions, DistributionsParams, digits_of_power


def test_reference_image_is_a_point_in_10000_dimensions(play):
    scene = play(Distributions)
    unroll = scene.beat_record("unroll")
    assert unroll.readouts["dimensions"] == (10000, "10000")
    assert "becomes 10,000 numbers" in unroll.narration
    count = scene.beat_record("count")
    # The brief's reference: 10,000 · log10(256) ≈ 24,082.4, so 24,083 digits.
    assert count.readouts["digits"] == (24083, "24083")
    value, shown = count.readouts["log10"]
    assert value == pytest.approx(10000 * math.log10(256), rel=1e-12)
    assert shown == "24082.4"
    assert "a number with 24,083 digits" in count.narration


def test_numbers_follow_the_parameters(play):
    scene = play(Distributions, DistributionsParams(side=28, levels=16, seed=3))
    unroll = scene.beat_record("unroll")
    assert unroll.readouts["dimensions"] == (784, "784")
    assert "becomes 784 numbers" in unroll.narration
    digits = scene.beat_record("count").readouts["digits"][0]
    assert digits == math.floor(784 * math.log10(16)) + 1 == len(str(16**784))
    assert "from 0 for black to 15 for white" in scene.beat_record("pixels").narration
    assert scene.picture.values.shape == (28, 28)


def test_the_picture_is_the_real_array_and_the_zoom_shows_its_values(play):
    params = DistributionsParams()
    scene = play(Distributions)
    values = face_pixels(params.side, params.levels, params.seed)
    np.testing.assert_array_equal(scene.picture.values, values)
    # Drawn pixel for pixel: the image holds side × side pixels, none averaged away.
    assert scene.picture.image.pixel_array.shape[:2] == (params.side, params.side)
    row, col, blowup = scene.zoomed
    n = params.zoom
    assert blowup.values_shown == values[row : row + n, col : col + n].ravel().tolist()
    assert [c[1].text for c in blowup] == [str(v) for v in blowup.values_shown]


def test_coin_and_die_bars_are_infotheorys(play):
    record = play(Distributions).beat_record("coin-and-die")
    assert record.readouts["coin[heads]"][0] == it.fair_coin().probability("heads")
    assert record.readouts["die[6]"] == (1 / 6, "0.17")


@pytest.mark.parametrize(("base", "exponent"), [(10, 1), (10, 7), (2, 10), (256, 3), (3, 40)])
def test_digit_count_is_exact_even_at_powers_of_ten(base, exponent):
    assert digits_of_power(base, exponent) == len(str(base**exponent))


def test_face_pixels_are_deterministic_and_in_range():
    a, b = face_pixels(40, 64, 5), face_pixels(40, 64, 5)
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0 and a.max() <= 63
    assert not np.array_equal(a, face_pixels(40, 64, 6))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"side": 4}, "side"),
        ({"levels": 1}, "levels"),
        ({"seed": -1}, "seed"),
        ({"zoom": 9}, "zoom"),
        ({"side": 8.5}, "side"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        DistributionsParams(**bad)
