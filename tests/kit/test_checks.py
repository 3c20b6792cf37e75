"""Parameter checks refuse what is not a whole number in range, and say so."""

from __future__ import annotations

import pytest

from scenes.kit.checks import whole_number


def test_accepts_whole_numbers_in_range():
    assert whole_number("steps", 1, 1, 10) == 1
    assert whole_number("steps", 10, 1, 10) == 10
    assert whole_number("seed", 10**9, 0) == 10**9


@pytest.mark.parametrize(
    ("value", "low", "high", "span"),
    [
        (0, 1, 10, "from 1 to 10"),
        (11, 1, 10, "from 1 to 10"),
        (-1, 0, None, ">= 0"),
        (2.0, 1, 10, "from 1 to 10"),
        (True, 0, None, ">= 0"),
        ("3", 1, 10, "from 1 to 10"),
    ],
)
def test_refuses_with_the_name_the_range_and_the_value(value, low, high, span):
    with pytest.raises(ValueError) as error:
        whole_number("steps", value, low, high)
    assert str(error.value) == f"steps must be a whole number {span}, not {value!r}"
