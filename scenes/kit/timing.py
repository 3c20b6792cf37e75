"""Waiting for the voice in whole frames.

A render advances the scene's clock one frame at a time, and a still ``wait`` writes
``int(duration · fps)`` frames, so ``wait(0.01)`` at 15 fps does not move it at all; a
line said right after such a wait starts a fraction of a frame before the voice is free,
and the narrator refuses it. :func:`until_voice_free` waits
until the voice is free, rounded *up* to whole frames, so the next ``say()`` is always
placed after the previous line (dry runs, whose clock is exact, wait the same time).
"""

from __future__ import annotations

import math

from manim import config

__all__ = ["until_voice_free"]


def until_voice_free(scene) -> None:
    """Hold the picture until ``scene``'s narrator is free, in whole frames."""
    remaining = scene.narrator.free_at - scene.time
    if remaining > 1e-9:
        frame = 1 / config.frame_rate
        # A hundredth of a frame over, so int(duration · fps) cannot round a frame away.
        scene.wait((math.ceil(remaining / frame - 1e-6) + 0.01) * frame)
