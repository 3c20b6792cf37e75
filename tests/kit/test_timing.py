"""Waiting for the voice in whole frames: the next line never starts before the voice is free."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from manim import config, tempconfig

from scenes.kit.timing import until_voice_free


class Clock:
    """A render's clock: a still wait writes int(duration · fps) frames, as manim does."""

    def __init__(self, time: float, free_at: float):
        self.time = time
        self.narrator = SimpleNamespace(free_at=free_at)

    def wait(self, duration: float) -> None:
        frames = int(duration * config.frame_rate)
        self.time += frames / config.frame_rate


@pytest.mark.parametrize("remaining", [0.004, 0.01, 0.05, 1 / 15, 0.5, 1.3333])
def test_the_clock_reaches_the_free_voice(remaining):
    with tempconfig({"frame_rate": 15}):
        scene = Clock(10.0, 10.0 + remaining)
        naive = Clock(10.0, 10.0 + remaining)
        naive.wait(remaining)
        until_voice_free(scene)
        assert scene.time >= scene.narrator.free_at - 1e-12
        assert scene.time - scene.narrator.free_at < 1 / 15 + 1e-9  # at most a frame more
        if remaining < 1 / 15:
            assert naive.time < naive.narrator.free_at  # what the plain wait got wrong


def test_a_free_voice_waits_for_nothing():
    scene = Clock(3.0, 2.0)
    until_voice_free(scene)
    assert scene.time == 3.0
