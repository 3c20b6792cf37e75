"""The kit's mobject copy is manim's copy: the same values, shared where manim's copy
shares, new where manim's copy is new."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from manim import (
    LEFT,
    RIGHT,
    DashedLine,
    Line,
    Mobject,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
)

import infotheory as it
from scenes.kit import DistributionBars, Formula, Readout, Txt
from scenes.kit.mobject_copy import MANIMS_DEEPCOPY


def _manims_copy(mob: Mobject) -> Mobject:
    ours = Mobject.__deepcopy__
    Mobject.__deepcopy__ = MANIMS_DEEPCOPY
    try:
        return copy.deepcopy(mob)
    finally:
        Mobject.__deepcopy__ = ours


def _walk(original, reference, ours, pairs: dict[int, int], path: str = "copy") -> None:
    """Compare ``ours`` with ``reference`` (two copies of ``original``) node by node."""
    assert type(ours) is type(reference), path
    # What manim's copy shares with the original, ours shares; what it copies, ours copies.
    assert (ours is original) == (reference is original), f"{path}: shared differently"
    # One object met twice in manim's copy is one object met twice in ours.
    assert pairs.setdefault(id(reference), id(ours)) == id(ours), f"{path}: sharing differs"
    if reference is original and not isinstance(original, np.ndarray):
        return
    if isinstance(reference, np.ndarray):
        assert reference.dtype == ours.dtype and reference.shape == ours.shape, path
        assert np.array_equal(reference, ours, equal_nan=reference.dtype.kind == "f"), path
        assert reference.flags.c_contiguous == ours.flags.c_contiguous, path
    elif isinstance(reference, list | tuple):
        assert len(reference) == len(ours), path
        for i, (o, r, c) in enumerate(zip(original, reference, ours, strict=True)):
            _walk(o, r, c, pairs, f"{path}[{i}]")
    elif isinstance(reference, dict):
        assert list(reference) == list(ours), path
        for key in reference:
            _walk(original[key], reference[key], ours[key], pairs, f"{path}[{key!r}]")
    elif hasattr(reference, "__dict__") and not callable(reference):
        assert list(vars(reference)) == list(vars(ours)), path
        for name, value in vars(reference).items():
            if name == "original_id":  # the id of the original: equal
                assert value == vars(ours)[name] == str(id(original)), path
                continue
            _walk(vars(original)[name], value, vars(ours)[name], pairs, f"{path}.{name}")
    else:
        assert ours == reference, path


def _samples() -> dict[str, Mobject]:
    words = Txt("Apples and pears")
    bars = DistributionBars(it.thick_coin(edge=0.1), role="p", key="p", height=2.0)
    shared = VGroup(words, SurroundingRectangle(words))
    shared.add(words)  # one mobject in the family twice
    tracker = ValueTracker(0.25)
    reading = Readout("H(p)", 1.5, key="H", color="entropy")
    reading.add_updater(lambda m: m)  # the same function, in the copy's list of its own
    twin = Line(LEFT, RIGHT)
    twin.twin_points = twin.points  # one array under two names
    twin.by_column = np.asfortranarray(twin.points)  # kept in its memory order
    return {
        "text": words,
        "formula": Formula("{{ H(p) : entropy }} = sum_x {{ p(x) : p }} log_2 1/p(x)"),
        "chart": bars,
        "shared": shared,
        "tracker": tracker,
        "readout": reading,
        "twin arrays": twin,
        "dashes": DashedLine(LEFT, RIGHT),
    }


# Named here, built in the test: collection (in every xdist worker) draws nothing.
SAMPLES = ["text", "formula", "chart", "shared", "tracker", "readout", "twin arrays", "dashes"]


def test_every_sample_is_named():
    assert list(_samples()) == SAMPLES


@pytest.mark.parametrize("name", SAMPLES)
def test_a_copy_is_manims_copy(name):
    original = _samples()[name]
    _walk(original, _manims_copy(original), original.copy(), {})


def test_a_copy_moves_and_recolours_without_its_original():
    words = Txt("Apples")
    before, colour = words.get_all_points().copy(), words[0].get_fill_color()
    moved = words.copy().shift([1, 0, 0]).set_color("#ff0000")
    assert np.array_equal(words.get_all_points(), before)
    assert words[0].get_fill_color() == colour != moved[0].get_fill_color()
