"""Parameter checks refuse what is not a whole number in range, and say so."""

from __future__ import annotations

import importlib

import pytest

from scenes.kit.checks import is_number, whole_number


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


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ("scenes.parts.p06_entropy:ThickCoinParams", "edge"),
        ("scenes.parts.p06_entropy:EntropyParams", "peak"),
        ("scenes.parts.p08_cross_entropy:CrossEntropyParams", "sweep_from"),
        ("scenes.parts.p11_training:TrainingParams", "learning_rate"),
    ],
)
def test_a_flag_is_not_a_number_for_any_scene_parameter(params, field, value):
    module, name = params.split(":")
    cls = getattr(importlib.import_module(module), name)
    with pytest.raises(ValueError, match=field):
        cls(**{field: value})


def test_is_number_refuses_flags_and_text():
    assert is_number(1) and is_number(0.5)
    assert not is_number(True) and not is_number("0.5") and not is_number(None)
