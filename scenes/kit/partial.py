"""Drawing only some beats of a scene: the others are played, not drawn, as a render plays them.

A scene split across processes (:mod:`scenes.render.units`) draws in each process the
beats of one chunk and skips the others. Manim's skipping is made for previews: a
skipped animation jumps to its end in one step and moves the clock by its run time.
Two things then differ from a render, and a beat drawn after skipped ones would not
match the same beat of the whole render:

- the clock: a render moves it in whole frames (an animation of run time ``T`` writes
  ``len(arange(0, T, 1/fps))`` frames, a still wait ``int(T * fps)``), so a line said
  after a skipped beat would start a fraction of a frame early and a wait for the
  voice could hold a frame more or less;
- updaters: a skipped animation calls them once, with ``dt = T``; a render once a
  frame. Time-based updaters then integrate differently, and an updater that remembers
  what it saw (a curve traced behind a moving dot) misses the path.

:class:`PartialRender` keeps the render's clock for every skipped animation and, while
any updater is live, plays skipped animations frame by frame without drawing them.
"""

from __future__ import annotations

from collections.abc import Container

import numpy as np
from manim import Scene, config

__all__ = ["PartialRender"]


class PartialRender(Scene):
    """A scene that can draw some of its beats and play the others exactly as a render would.

    ``drawn_beats`` (the renderer sets it) holds the indices, from 0, of the beats to
    draw; ``None`` draws them all, and skipping is then manim's own (dry runs, stills).
    """

    drawn_beats: Container[int] | None = None

    def beat_is_drawn(self, index: int) -> bool:
        return self.drawn_beats is None or index in self.drawn_beats

    @property
    def _exact_skipping(self) -> bool:
        return self.drawn_beats is not None and self.renderer.skip_animations

    def play(self, *animations, **kwargs) -> None:
        self._play_started_at = self.renderer.time
        super().play(*animations, **kwargs)
        if self._exact_skipping and self.is_current_animation_frozen_frame():
            # A still wait writes int(T / dt) frames at once (CairoRenderer.freeze_current_frame).
            dt = 1 / self.camera.frame_rate
            self.renderer.time = self._play_started_at + int(self.duration / dt) * dt

    def play_internal(self, skip_rendering: bool = False) -> None:
        if not self._exact_skipping:
            super().play_internal(skip_rendering)
            return
        start = self._play_started_at
        times = np.arange(0, self.duration, 1 / config.frame_rate)
        if self._updaters_live():
            frames = self._step_without_drawing(start, times)
        else:
            # Nothing depends on the path: manim's jump to the end gives the same state.
            super().play_internal(skip_rendering=True)
            frames = len(times)
        clock = start
        for _ in range(frames):  # the sum a render makes, frame by frame, to the last bit
            clock += 1 / self.camera.frame_rate
        self.renderer.time = clock

    def _updaters_live(self) -> bool:
        return bool(
            self.always_update_mobjects
            or self.updaters
            or self.stop_condition is not None
            or any(mob.updaters for mob in self.get_mobject_family_members())
        )

    def _step_without_drawing(self, start: float, times: np.ndarray) -> int:
        """Scene.play_internal without the drawing: every frame's update, at every frame's
        clock (updaters may read the scene's time). Returns the frames a render would write."""
        dt = 1 / self.camera.frame_rate
        self.renderer.time = start
        frames = 0
        for t in times:
            self.update_to_time(t)
            self.renderer.time += dt
            frames += 1
            if self.stop_condition is not None and self.stop_condition():
                break
        for animation in self.animations:
            animation.finish()
            animation.clean_up_from_scene(self)
        self.update_mobjects(0)
        self.renderer.static_image = None
        return frames
