"""Lines said in turn in a render, where time moves a frame at a time.

:meth:`ExplainerScene.say <scenes.kit.base.ExplainerScene.say>` waits until the voice
is free before placing the next line. In a dry run the clock moves by exact durations;
in a render it moves by whole frames, so that wait can end a fraction of a frame
short and the narrator refuses the line as talking over the one before. A scene that
says several lines in one beat mixes in :class:`SaysInTurn`, which first holds the
picture for whole frames until the voice is free.
"""

from __future__ import annotations

import math

from manim import config

__all__ = ["SaysInTurn"]


class SaysInTurn:
    """Mixin for an :class:`~scenes.kit.base.ExplainerScene`: ``say`` waits whole frames
    for the voice, so a line never starts a fraction of a frame early."""

    def say(self, text: str, *, spoken: str | None = None):
        gap = self.narrator.free_at - self.time
        if gap > 1e-9:
            frame = 1 / config.frame_rate
            self.wait(math.ceil(gap / frame - 1e-9) * frame)
        return super().say(text, spoken=spoken)
