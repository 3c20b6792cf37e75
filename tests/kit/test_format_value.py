"""Read-outs round the number as written, half up, the way a viewer checks it by hand."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.kit.text import format_value

decimals = st.integers(min_value=0, max_value=6)


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (190 / 400, 2, "0.48"),  # the float is 0.47499999999999998, a viewer divides to 0.475
        (2.675, 2, "2.68"),  # f"{2.675:.2f}" gives 2.67
        (1.005, 2, "1.01"),
        (0.125, 2, "0.13"),  # exact in binary; half up, not half to even
        (2.5, 0, "3"),
        (1.736965594166206, 3, "1.737"),
        (1.0, 3, "1.000"),
        (-1.005, 2, "-1.01"),  # a tie goes away from zero on both sides
        (-0.0004, 3, "0.000"),  # no minus sign on a zero
        (-0.0, 2, "0.00"),
        (24082.39965, 1, "24082.4"),
        (1e20, 1, "100000000000000000000.0"),
        (math.inf, 3, "∞"),
    ],
)
def test_worked_examples(value, places, shown):
    assert format_value(value, places) == shown


def test_nan_is_refused_by_name():
    with pytest.raises(ValueError, match="NaN"):
        format_value(math.nan)


@given(
    whole=st.integers(min_value=0, max_value=10**9),
    places=decimals,
    negative=st.booleans(),
)
def test_a_written_tie_rounds_up_in_size(whole, places, negative):
    """The digits of ``whole`` then a 5 one place past the last shown: ``whole + 1`` shows."""
    sign = "-" if negative else ""
    written = Decimal(f"{sign}{whole}5").scaleb(-(places + 1))
    up = Decimal(f"{sign}{whole + 1}").scaleb(-places)
    assert format_value(float(written), places) == f"{up:f}"


@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    places=decimals,
)
def test_the_shown_number_is_the_nearest_step_ties_away_from_zero(value, places):
    shown = format_value(value, places)
    pattern = r"-?\d+" + (rf"\.\d{{{places}}}" if places else "")
    assert re.fullmatch(pattern, shown), shown
    written, step = Decimal(repr(value)), Decimal(1).scaleb(-places)
    error = Decimal(shown) - written
    assert abs(error) <= step / 2
    if abs(error) == step / 2:  # a tie: the shown number is the larger in size
        assert abs(Decimal(shown)) > abs(written)
    if shown.startswith("-"):
        assert Decimal(shown) != 0
