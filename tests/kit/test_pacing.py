"""play_in_turn plays steps one after another over a sentence, each in its own play, so
nothing appears before its turn."""

from __future__ import annotations

import pytest
from manim import Circle, FadeIn, Indicate, Square, Succession

from scenes.kit.pacing import play_in_turn


class _Recorder:
    """Stands in for a scene: records what each play holds, how long it runs, and what
    was on screen when it started."""

    def __init__(self):
        self.plays: list[tuple[list, float, list]] = []
        self.mobjects: list = []

    def play(self, *animations):
        on_screen = list(self.mobjects)
        for animation in animations:
            self.mobjects.append(animation.mobject)
            animation.begin()  # and jump to the end, as a run without pictures does
            animation.finish()
        self.plays.append((list(animations), max(a.run_time for a in animations), on_screen))


def test_steps_share_the_duration_by_their_run_times():
    scene = _Recorder()
    first, second, third = FadeIn(Circle()), FadeIn(Square(), run_time=2), Indicate(Circle())
    play_in_turn(scene, 8.0, first, (second, third))
    assert [length for _, length, _ in scene.plays] == pytest.approx([8 / 3, 16 / 3])
    # Played together, the shorter keeps its share of the step.
    assert third.run_time == pytest.approx(8 / 3)
    assert [len(animations) for animations, _, _ in scene.plays] == [1, 2]


def test_a_later_step_s_mobject_is_not_there_while_an_earlier_one_plays():
    """What a Succession gets wrong: it adds a later Indicate's mobject at its start."""
    later = Square()
    scene = _Recorder()
    play_in_turn(scene, 2.0, FadeIn(Circle()), Indicate(later))
    assert later not in scene.plays[0][2] and later not in scene.plays[1][2]
    succession = Succession(FadeIn(Circle()), Indicate(later))
    assert later in succession.mobject.get_family()  # added with the whole group at once


@pytest.mark.parametrize(
    ("args", "message"),
    [((1.0,), "at least one step"), ((0.0, FadeIn(Circle())), "positive duration")],
)
def test_bad_calls_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        play_in_turn(_Recorder(), *args)


def test_a_late_step_is_made_when_its_turn_comes():
    """Flash and Circumscribe measure their mobject when made: a step given as a function
    is made after the steps before it have moved things."""
    scene = _Recorder()
    square = Square()
    made_at: list[float] = []

    def late():
        made_at.append(float(square.get_x()))
        return Indicate(square, run_time=3)

    play_in_turn(scene, 4.0, square.animate.shift([2.0, 0, 0]), late)
    assert made_at == [2.0]  # made after the square had moved
    assert [length for _, length, _ in scene.plays] == pytest.approx([2.0, 2.0])
