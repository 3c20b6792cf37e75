"""room_below_banner: the picture left under the takeaway banner is never covered by it."""

from __future__ import annotations

import pytest
from manim import UP

from scenes.kit import Stage, room_below_banner
from scenes.kit.cards import takeaway_banner


@pytest.mark.parametrize("formula", [None, "{{ S(p) : surprise }} = log_2 1/{{ p : p }}"])
def test_the_room_ends_under_the_banner(formula):
    stage = Stage.for_theme()
    line = "The rarer the event, the bigger the surprise."
    room = room_below_banner(stage, line, formula)
    banner = stage.header.place(takeaway_banner(line, formula, "Measuring surprise"), align=UP)
    assert room.top < banner.get_bottom()[1]
    assert room.bottom == stage.main.bottom and room.left == stage.main.left
    # A formula makes the banner taller, so the room shorter.
    if formula:
        assert room.top < room_below_banner(stage, line).top
