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

from collections.abc import Callable

from manim import Animation
from manim.animation.animation import prepare_animation

__all__ = ["play_in_turn"]


# A step: an animation, a tuple of them played together, or a function that makes one.
Step = Animation | tuple | Callable[[], Animation | tuple]


def play_in_turn(scene, duration: float, *steps: Step) -> None:
    """Play ``steps`` one after another over ``duration`` seconds.

    A step is an animation (or ``.animate`` builder); a tuple of them, played together
    as one ``play`` (so a ``FadeOut`` among them counts as leaving for the layout check,
    which it would not inside an ``AnimationGroup``); or a function of no arguments that
    returns either, called when its turn comes, for an animation that measures where
    things are when it is made (``Flash``, ``Circumscribe``) of something an earlier
    step moves. Each step keeps its share of the steps' run times: 1 s by default, so
    equal shares unless a step sets its own ``run_time``; a tuple counts as its longest,
    a function as 1 s.
    """
    if not steps:
        raise ValueError("play_in_turn needs at least one step")
    if not duration > 0:
        raise ValueError(f"play_in_turn needs a positive duration, not {duration!r}")
    built = [None if _is_late(step) else _group(step) for step in steps]
    lengths = [1.0 if group is None else max(a.run_time for a in group) for group in built]
    scale = duration / sum(lengths)
    for step, group, length in zip(steps, built, lengths, strict=True):
        if group is None:
            group = _group(step())
            # A step made late fills the share a step of 1 s has, however long it is.
            factor = length / max(a.run_time for a in group)
        else:
            factor = 1.0
        # Played together, each keeps its own share of the step, as in an AnimationGroup.
        for animation in group:
            animation.run_time *= scale * factor
        scene.play(*group)


def _is_late(step) -> bool:
    """A function to call at its turn (not an animation, nor an ``.animate`` builder,
    which is callable too)."""
    return callable(step) and not isinstance(step, Animation) and not hasattr(step, "build")


def _group(step) -> list[Animation]:
    animations = [prepare_animation(a) for a in (step if isinstance(step, tuple) else (step,))]
    if not animations:
        raise ValueError("play_in_turn: a step holds no animation")
    return animations
