"""Animations one after another, paced to fill a spoken sentence.

``self.play(Succession(a, b, c), run_time=line.duration)`` looks like the way to play
steps in turn over a sentence, but a Succession adds the mobject of every step that is
not an introducer to the scene when it *starts*: the target of a later
``TransformFromCopy``, the part of a formula a later ``Indicate`` points at, shows up
before its turn. :func:`play_in_turn` plays the steps as separate ``play`` calls
instead, each taking its share of the time, so nothing appears early (and the layout
check sees what is leaving in each step as leaving)::

    line = self.say("Half the flips are tails, and each costs 3.32 bits.")
    play_in_turn(self, line.duration, Create(strip.baseline), GrowFromEdge(block, DOWN))
"""

from __future__ import annotations

from manim import Animation
from manim.animation.animation import prepare_animation

__all__ = ["play_in_turn"]


def play_in_turn(scene, duration: float, *steps) -> None:
    """Play ``steps`` one after another over ``duration`` seconds.

    A step is an animation (or ``.animate`` builder), or a tuple of them played together
    as one ``play`` (so a ``FadeOut`` among them counts as leaving for the layout check,
    which it would not inside an ``AnimationGroup``). Each step keeps its share of the
    steps' run times (1 s by default, so equal shares unless a step sets its own
    ``run_time``; a tuple counts as its longest).
    """
    if not steps:
        raise ValueError("play_in_turn needs at least one step")
    if not duration > 0:
        raise ValueError(f"play_in_turn needs a positive duration, not {duration!r}")
    groups: list[list[Animation]] = [
        [prepare_animation(a) for a in (step if isinstance(step, tuple) else (step,))]
        for step in steps
    ]
    if any(not group for group in groups):
        raise ValueError("play_in_turn: a step holds no animation")
    scale = duration / sum(max(a.run_time for a in group) for group in groups)
    for group in groups:
        # Played together, each keeps its own share of the step, as in an AnimationGroup.
        for animation in group:
            animation.run_time *= scale
        scene.play(*group)
