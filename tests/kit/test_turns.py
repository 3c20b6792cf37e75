"""SaysInTurn: a line waits whole frames for the voice, so it never starts a frame early."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
from manim import tempconfig

from scenes.kit import SaysInTurn


class Renderer:
    """Stands in for a scene in a render: time moves by whole frames."""

    def __init__(self, free_at: float):
        self.time = 0.0
        self.narrator = SimpleNamespace(free_at=free_at)
        self.waited: list[int] = []

    def wait(self, duration: float) -> None:
        frames = math.floor(duration * 30 + 1e-6)  # what a render of ``duration`` plays
        self.waited.append(frames)
        self.time += frames / 30

    def say(self, text: str, *, spoken: str | None = None):
        if self.time < self.narrator.free_at - 1e-9:
            raise RuntimeError("talks over the line before")
        return (text, self.time)


class Scene(SaysInTurn, Renderer):
    pass


@pytest.mark.parametrize("free_at", [0.31, 0.3, 1.0 / 3, 0.0])
def test_the_line_starts_once_the_voice_is_free(free_at):
    with tempconfig({"frame_rate": 30}):
        scene = Scene(free_at)
        _, start = scene.say("next")
    assert start >= free_at - 1e-9
    assert start - free_at < 1 / 30 + 1e-9  # at most one frame late


def test_a_plain_scene_would_start_a_fraction_of_a_frame_early():
    with pytest.raises(RuntimeError):
        scene = Renderer(0.31)
        scene.wait(0.31)
        scene.say("next")
