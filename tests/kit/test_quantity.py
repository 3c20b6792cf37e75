"""QuantityBar: blocks as long as their values, a brace as long as the total, keyed read-outs."""

from __future__ import annotations

import math

import pytest
from manim import DOWN, LEFT, RIGHT, GrowFromEdge

import infotheory as it
from scenes.kit import QuantityBar, layout_problems, readouts_in
from scenes.kit.text import Readout

DIGIT = math.log2(10)  # bits in one decimal digit, by hand: 3.3219...


def pin(**kwargs) -> QuantityBar:
    return QuantityBar(
        [it.entropy(it.uniform(10))] * 4,
        labels=list("7309"),
        total=it.entropy_of_draws(it.uniform(10), 4),
        unit_length=0.5,
        **kwargs,
    )


def test_blocks_are_as_long_as_their_values_end_to_end():
    bar = QuantityBar([1.0, 2.0, 0.5], unit_length=0.8)
    assert [b.width for b in bar.blocks] == pytest.approx([0.8, 1.6, 0.4], abs=1e-9)
    for left, right in zip(bar.blocks[:-1], bar.blocks[1:], strict=True):
        assert left.get_right()[0] == pytest.approx(right.get_left()[0], abs=1e-9)
    assert bar.blocks[0].get_left()[0] == pytest.approx(bar.origin[0], abs=1e-9)
    assert {round(b.height, 9) for b in bar.blocks} == {0.8}  # the default thickness


def test_the_brace_spans_the_total_given():
    bar = pin()
    assert bar.brace.width == pytest.approx(4 * DIGIT * 0.5, abs=0.02)
    assert bar.brace.get_bottom()[1] > bar.blocks.get_top()[1]  # over the row
    shorter = QuantityBar([1.0, 1.0], total=1.5, unit_length=1.0)  # a total that disagrees shows
    assert shorter.brace.width == pytest.approx(1.5, abs=0.02)


def test_read_outs_show_infotheorys_values_keyed():
    shown = {k: (r.value, r.shown) for k, r in readouts_in([pin()]).items()}
    assert shown["Q.total"] == (pytest.approx(4 * DIGIT, abs=1e-12), "13.29")
    for i in range(4):
        assert shown[f"Q[{i}]"] == (pytest.approx(DIGIT, abs=1e-12), "3.32")


def test_the_sum_is_the_total_when_none_is_given():
    bar = QuantityBar([0.25, 0.5], unit=None, key="x", decimals=3)
    assert readouts_in([bar])["x.total"].shown == "0.750"


def test_length_scales_the_whole_bar():
    bar = QuantityBar([3.0, 1.0], length=4.0)
    assert bar.blocks.width == pytest.approx(4.0, abs=1e-9)
    assert bar.unit_length == 1.0


def test_labels_under_a_row_and_left_of_a_stack():
    row = pin()
    for label, block in zip(row.labels, row.blocks, strict=True):
        assert label.get_x() == pytest.approx(block.get_x(), abs=1e-6)
        assert label.get_top()[1] < block.get_bottom()[1]
    stack = QuantityBar([1.0, 0.72], labels=["$H(X)$", "$H(Y | X)$"], direction="up")
    for label, block in zip(stack.labels, stack.blocks, strict=True):
        assert label.get_right()[0] < block.get_left()[0]
        assert label.get_y() == pytest.approx(block.get_y(), abs=1e-6)
    assert stack.blocks[1].get_bottom()[1] == pytest.approx(stack.blocks[0].get_top()[1])
    assert stack.brace.get_left()[0] > stack.blocks.get_right()[0]  # right of the stack


def test_it_lays_out_cleanly():
    assert layout_problems([pin()]) == []
    assert layout_problems([QuantityBar([1.0, 0.72], labels=["a", "b"], direction="up")]) == []


def test_to_ends_exactly_on_the_new_values():
    bar = pin()
    target = [it.entropy(it.uniform(26))] * 4
    animation = bar.to(target, total=it.entropy_of_draws(it.uniform(26), 4))
    animation.begin()
    animation.interpolate(0.5)
    middle = bar.segments[0]
    assert DIGIT < middle < math.log2(26)
    animation.finish()
    assert bar.segments == target
    assert readouts_in([bar])["Q.total"].value == it.entropy_of_draws(it.uniform(26), 4)
    assert bar.blocks[0].width == pytest.approx(math.log2(26) * 0.5, abs=1e-9)


def test_grow_brings_in_the_blocks_asked_for():
    bar = pin()
    first, rest = bar.grow(0, 1), bar.grow(1)
    grown = lambda group: [  # noqa: E731
        a.mobject for a in _leaves(group) if isinstance(a, GrowFromEdge)
    ]
    assert grown(first) == [bar.blocks[0]]
    assert grown(rest) == list(bar.blocks[1:])
    faded = [a.mobject for a in _leaves(rest) if isinstance(a.mobject, Readout)]
    assert faded == list(bar.values[1:])


def _leaves(animation):
    inner = getattr(animation, "animations", None)
    if inner is None:
        return [animation]
    return [leaf for a in inner for leaf in _leaves(a)]


def test_it_moves_as_one_piece():
    bar = pin()
    before = bar.origin.copy()
    bar.shift(2 * LEFT + DOWN)
    bar.set_segments([1.0] * 4, total=4.0)
    assert bar.origin == pytest.approx(before + 2 * LEFT + DOWN)
    assert bar.blocks[0].get_left()[0] == pytest.approx(bar.origin[0])
    assert bar.blocks[-1].get_right()[0] == pytest.approx((bar.origin + 2.0 * RIGHT)[0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"segments": []}, "segments is empty"),
        ({"segments": [1.0, -0.5]}, r"segments\[1\] = -0\.5; every part must be finite"),
        ({"segments": [math.nan]}, r"segments\[0\] = nan"),
        ({"segments": [1.0], "total": math.inf}, r"total\[0\] = inf"),
        ({"segments": [1.0, 2.0], "labels": ["a"]}, "1 labels for 2 segments"),
        ({"segments": [1.0, 2.0], "role": ["p"]}, "1 roles for 2 segments"),
        ({"segments": [1.0], "length": 3, "unit_length": 1}, "length or unit_length"),
        ({"segments": [1.0], "direction": "down"}, "direction must be 'right' or 'up'"),
        ({"segments": [1.0], "thickness": 0}, "thickness must be positive"),
    ],
)
def test_bad_input_is_refused_by_name(kwargs, message):
    segments = kwargs.pop("segments")
    with pytest.raises(ValueError, match=message):
        QuantityBar(segments, **kwargs)


def test_changing_the_number_of_blocks_is_refused():
    with pytest.raises(ValueError, match="3 segments for a bar of 4 blocks"):
        pin().to([1.0, 1.0, 1.0])
