"""Frames that know which rows were drawn on: every pixel drawn lies in a marked row, an old
frame comes back as exactly its start picture, and one still held is never drawn on."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    Camera,
    Circle,
    DashedLine,
    Dot,
    ImageMobject,
    LineJointType,
    PMobject,
    Polygon,
    Square,
    VGroup,
    tempconfig,
)

from scenes.kit.camera import ExplainerCamera
from scenes.kit.conversion import changed_rows
from scenes.kit.drawn_frames import DrawnFrame, FramePool, rows_to_compare
from scenes.kit.text import Formula

BACKGROUND = "#0E1117"


def _start(seed: int = 0, shape=(40, 24, 4)) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)


def test_a_released_frame_comes_back_as_its_start_picture_restoring_only_what_was_drawn():
    pool, start = FramePool(), _start()
    frame = pool.frame(start)
    assert np.array_equal(frame, start) and not frame.drawn.any()
    frame[5:9] = 0
    frame.mark(5, 9)
    memory = frame.__array_interface__["data"][0]
    del frame  # the encoder let go of it
    again = pool.frame(start)
    assert again.__array_interface__["data"][0] == memory  # the same array, used again
    assert np.array_equal(again, start)
    assert not again.drawn.any()


def test_only_the_marked_rows_are_restored():
    """What proves the restore is partial: an unmarked change survives it (the camera
    never makes one; a stale pixel there would be the camera's fault, not the pool's)."""
    pool, start = FramePool(), _start()
    frame = pool.frame(start)
    frame[5:9] = 0
    frame[30] = 1  # drawn, not marked
    frame.mark(5, 9)
    del frame
    again = pool.frame(start)
    assert np.array_equal(again[:30], start[:30]) and not np.array_equal(again[30], start[30])


def test_a_frame_begun_from_another_picture_or_drawn_anywhere_is_restored_whole():
    pool, first, second = FramePool(), _start(1), _start(2)
    frame = pool.frame(first)
    del frame
    assert np.array_equal(pool.frame(second), second)  # another start picture
    frame = pool.frame(second)
    frame[:] = 3
    frame.mark_all()
    del frame
    assert np.array_equal(pool.frame(second), second)


def test_a_frame_someone_still_holds_is_never_drawn_on():
    pool, start = FramePool(), _start()
    held = [pool.frame(start) for _ in range(3)]
    for frame in held:
        frame[:] = 9
    pictures = [frame.copy() for frame in held]
    fresh = pool.frame(start)
    assert all(fresh is not frame for frame in held)
    assert np.array_equal(fresh, start)
    assert all(np.array_equal(a, b) for a, b in zip(held, pictures, strict=True))


def test_a_one_colour_start_is_filled_in():
    pool = FramePool()
    start = np.zeros((10, 6, 4), dtype=np.uint8)
    start[...] = (1, 2, 3, 255)
    word = start.view(np.uint32).flat[0]
    assert np.array_equal(pool.frame(start, word), start)


def test_views_and_results_of_a_frame_know_nothing_of_what_was_drawn():
    frame = FramePool().frame(_start())
    assert frame.drawn is not None
    assert frame[2:4].drawn is None and (frame + 1).drawn is None


def test_frames_from_one_start_are_compared_only_where_either_was_drawn():
    pool, start = FramePool(), _start()
    a, b = pool.frame(start), pool.frame(start)
    assert rows_to_compare(a, b) == (0, 0)
    a.mark(3, 5)
    b.mark(20, 22.5)
    assert rows_to_compare(a, b) == (3, 23)
    assert rows_to_compare(a, pool.frame(_start(1))) == (0, 40)  # another start
    assert rows_to_compare(a, start) == (0, 40)  # a plain array
    b.mark_all()
    assert rows_to_compare(a, b) == (0, 40)


def test_changed_rows_looks_only_within_the_rows_given():
    before = _start()
    after = before.copy()
    after[2] ^= 1
    after[30] ^= 1
    assert changed_rows(after, before) == (2, 31)
    assert changed_rows(after, before, (10, 40)) == (30, 31)
    assert changed_rows(after, before, (0, 0)) is None


def _picture() -> np.ndarray:
    y, x = np.mgrid[0:48, 0:80] / 8.0
    rgba = np.full((48, 80, 4), 255, dtype=np.uint8)
    rgba[..., 0] = 127 + 100 * np.sin(x) * np.cos(y)
    return rgba


def _cases() -> dict:
    """What a frame draws, each on its own: glyphs, curves, a dashed line, a thick mitred
    corner (its spike runs furthest past the path), an image, a rotated image."""
    cloud = PMobject()
    cloud.add_points(np.array([[0.0, 3.0, 0.0], [1.0, -3.5, 0.0]]))
    return {
        "formula": lambda: Formula("H(p) = sum_x p(x) log_2 1 / p(x)").shift((0, 2.5, 0)),
        "circle": lambda: Circle(radius=0.8).shift((3, -2, 0)),
        "dashed": lambda: DashedLine((-4, -2, 0), (4, 2.2, 0)),
        # A corner of 14°, its spike about eight half-widths above the apex (past ten
        # Cairo cuts it off).
        "mitred": lambda: Polygon(
            (-0.25, -1, 0), (0, 1, 0), (0.25, -1, 0), joint_type=LineJointType.MITER
        ).set_stroke(width=60),
        "image": lambda: ImageMobject(_picture()).scale_to_fit_height(1.5).shift((-3, 1, 0)),
        "rotated": lambda: ImageMobject(_picture()).scale_to_fit_height(1.5).rotate(0.5),
        "cloud": lambda: cloud,
    }


@pytest.mark.parametrize("case", list(_cases()))
def test_every_pixel_drawn_lies_in_a_row_marked_drawn(case):
    """Drawn on the static picture, then again (the second time through kept masks)."""
    with tempconfig({"quality": "low_quality"}):
        camera = ExplainerCamera(background_color=BACKGROUND)
        camera.reset()
        camera.capture_mobjects([Square(side_length=1).shift((5, 3, 0))])  # what stays
        still = camera.pixel_array
        mob = _cases()[case]()
        for _ in range(3):  # first sight, a kept path, kept masks
            camera.set_frame_to_background(still)
            camera.capture_mobjects([mob])
            frame = camera.pixel_array
            assert isinstance(frame, DrawnFrame) and frame.start is still
            changed = np.flatnonzero((frame != still).any(axis=(1, 2)))
            assert changed.size, "nothing was drawn"
            if frame.drawn is not None:
                assert frame.drawn[changed].all(), f"unmarked rows {changed[~frame.drawn[changed]]}"
        if case in ("rotated", "cloud"):
            assert frame.drawn is None  # drawn by manim, unbounded here
        else:
            assert frame.drawn is not None and frame.drawn.mean() < 0.8


def test_frames_drawn_into_old_arrays_are_manims_frames():
    """Shapes moving over a static picture, each frame let go of once compared with the
    next, as the encoder does: the arrays come round again, and no frame keeps anything
    of an earlier one."""
    steps = 12
    with tempconfig({"quality": "low_quality"}):
        ours = ExplainerCamera(background_color=BACKGROUND)
        manims = Camera(background_color=BACKGROUND)
        pictures = {}
        for name, camera in (("ours", ours), ("manim", manims)):
            camera.background_color = BACKGROUND
            camera.reset()
            camera.capture_mobjects([Square(side_length=2).shift((-4, 2, 0))])
            still = camera.pixel_array.copy() if camera is manims else camera.pixel_array
            moving = VGroup(Formula("D(p || q)"), Dot(radius=0.3).shift((0, -1, 0)))
            frames, last, arrays = [], None, set()
            for step in range(steps):
                moving.move_to((3 * np.cos(step), 2.5 * np.sin(2 * step), 0))
                camera.set_frame_to_background(still)
                camera.capture_mobjects([moving])
                frame = camera.pixel_array
                arrays.add(frame.__array_interface__["data"][0])
                if last is not None and isinstance(frame, DrawnFrame):
                    # What the encoder scans finds the same rows as a whole scan.
                    rows = changed_rows(frame, last, rows_to_compare(frame, last))
                    assert rows == changed_rows(np.asarray(frame), np.asarray(last))
                frames.append(frame.copy())
                last = frame
            pictures[name] = (frames, len(arrays))
        (mine, reused), (theirs, _) = pictures["ours"], pictures["manim"]
        assert reused < steps / 2  # the arrays came round again
        for step, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            difference = np.abs(a.astype(int) - b.astype(int)).max(axis=2)
            assert difference.max() <= 1, f"step {step}: differs by {difference.max()} levels"
            assert (difference > 0).mean() < 0.002, f"step {step}"
