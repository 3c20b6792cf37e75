"""The camera's fast paths (images, kept shape paths and masks) draw what manim's own camera
draws."""

from __future__ import annotations

import numpy as np
import pytest
from manim import BLUE, RED, Camera, Circle, DashedLine, ImageMobject, VGroup, tempconfig

from scenes.kit import camera as camera_module
from scenes.kit.camera import ExplainerCamera
from scenes.kit.text import Formula


def _picture(seed: int = 0) -> np.ndarray:
    """A smooth, partly transparent picture, like the fog and silhouettes scenes draw.

    (Resampling filters differ at hard pixel edges, so noise would measure the
    filters, not the placement.)
    """
    y, x = np.mgrid[0:72, 0:120] / 12.0
    phase = np.random.default_rng(seed).random(3) * 6
    rgba = np.empty((72, 120, 4), dtype=np.uint8)
    for channel in range(3):
        rgba[..., channel] = 127 + 100 * np.sin(x + phase[channel]) * np.cos(0.7 * y)
    rgba[..., 3] = np.linspace(40, 255, 120).astype(np.uint8)
    return rgba


def _draw(camera_class, image: ImageMobject) -> np.ndarray:
    camera = camera_class()
    camera.background_color = "#0E1117"
    camera.reset()
    camera.capture_mobjects([image])
    return camera.pixel_array.astype(int)


@pytest.mark.parametrize(
    ("height", "shift"),
    [(2.0, (0, 0, 0)), (3.3, (-2.7, 1.1, 0)), (5.0, (6.5, -3.0, 0))],  # the last runs off-frame
    ids=["centred", "moved-and-scaled", "half-off-frame"],
)
def test_axis_aligned_images_match_manim(height, shift):
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_picture()).scale_to_fit_height(height).shift(shift)
        ours, manims = _draw(ExplainerCamera, image), _draw(Camera, image)
    difference = np.abs(ours - manims)
    assert ours.any()
    # Resampling details differ by a level or two at most, and only here and there.
    assert difference.mean() < 0.2
    assert np.percentile(difference, 99.9) <= 4


def test_rotated_images_still_take_manims_path():
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_picture(1)).scale_to_fit_height(2).rotate(0.4)
        assert np.array_equal(_draw(ExplainerCamera, image), _draw(Camera, image))


def _frames(camera, mob: VGroup, moves) -> list[np.ndarray]:
    """``mob`` drawn after each step of ``moves`` (functions of the group), on one camera."""
    pictures = []
    for move in moves:
        move(mob)
        camera.reset()
        camera.capture_mobjects([mob])
        pictures.append(camera.pixel_array.copy())
    return pictures


def _shapes() -> VGroup:
    """Glyphs, a curve and a dashed line: what animations redraw every frame."""
    return VGroup(
        Formula("H(p) = sum_x p(x) log_2 1 / p(x)"),
        Circle(radius=1.2).shift((2, -1, 0)),
        DashedLine((-4, -2, 0), (4, 2, 0)),
    )


def _assert_like_manims(ours: np.ndarray, theirs: np.ndarray, what: str) -> None:
    """The same picture: a shape painted through its mask may differ from Cairo's own
    fill by one level on a few edge pixels where the colour is opaque (the fill rounds
    its blend differently); anything stale or misplaced differs far more."""
    difference = np.abs(ours.astype(int) - theirs.astype(int)).max(axis=2)
    assert ours.any() and difference.max() <= 1, f"{what}: differs by {difference.max()} levels"
    share = (difference > 0).mean()
    assert share < 0.002, f"{what}: {share:.2%} of the pixels differ"


def _moved_and_restyled() -> list:
    return [
        lambda m: m,
        lambda m: m,  # unchanged: every path comes from what the camera kept
        lambda m: m,  # and every fill and stroke from a kept mask
        lambda m: m[0].set_fill(opacity=0.5),  # recoloured only: the same masks
        lambda m: m[1].shift((0.3, 0.2, 0)),  # one shape moved
        lambda m: m[0][0].stretch(1.4, 0),  # one glyph reshaped
        lambda m: m[1].set_stroke(width=12),  # a wider line: a new mask
        lambda m: m[2].set_stroke(opacity=0.4),
        lambda m: m,
    ]


def test_kept_paths_and_masks_draw_manims_pictures_still_moved_and_restyled():
    """Drawn again unchanged, the kept paths and masks give manim's camera's picture; a
    shape that moved, was reshaped, recoloured or restroked is never drawn stale."""
    moves = _moved_and_restyled()
    with tempconfig({"quality": "low_quality"}):
        ours = ExplainerCamera(background_color="#0E1117")
        manims = Camera(background_color="#0E1117")
        mine = _frames(ours, _shapes(), moves)
        theirs = _frames(manims, _shapes(), moves)
    assert len(ours._shapes) > 0
    assert sum(len(shape.masks) for shape in ours._shapes.values()) > 0
    assert np.array_equal(mine[0], theirs[0])  # first sight: drawn as manim draws it
    for step, (a, b) in enumerate(zip(mine, theirs, strict=True)):
        _assert_like_manims(a, b, f"step {step}")
    # The moves changed the pictures: the comparison above saw different frames.
    for step in range(3, len(moves) - 1):
        assert not np.array_equal(mine[step - 1], mine[step]), f"step {step} changed nothing"


def test_a_translucent_shape_through_its_mask_is_manims_to_the_byte():
    """Blending a translucent colour through the mask is Cairo's own arithmetic."""
    moves = [lambda m: m.set_fill(opacity=0.6).set_stroke(opacity=0.7)] + [lambda m: m] * 2
    with tempconfig({"quality": "low_quality"}):
        ours = ExplainerCamera(background_color="#0E1117")
        mine = _frames(ours, _shapes(), moves)
        theirs = _frames(Camera(background_color="#0E1117"), _shapes(), moves)
    assert sum(len(shape.masks) for shape in ours._shapes.values()) > 0
    for step, (a, b) in enumerate(zip(mine, theirs, strict=True)):
        assert np.array_equal(a, b), f"step {step} differs from manim's camera"


@pytest.mark.parametrize("case", ["too large", "gradient"])
def test_shapes_without_a_mask_are_drawn_as_manim_draws_them(case, monkeypatch):
    """A shape too large to keep a mask for, or filled with a gradient, takes manim's
    own path every time: the same bytes."""
    shapes = _shapes()
    if case == "too large":
        monkeypatch.setattr(camera_module, "MASK_MAX_PIXELS", 0)
    else:
        shapes = VGroup(Circle(radius=0.5).set_fill([RED, BLUE], opacity=1))  # small enough
    with tempconfig({"quality": "low_quality"}):
        ours = ExplainerCamera(background_color="#0E1117")
        mine = _frames(ours, shapes, [lambda m: m] * 3)
        theirs = _frames(Camera(background_color="#0E1117"), shapes, [lambda m: m] * 3)
    assert not [mask for s in ours._shapes.values() for mask in s.masks.values() if mask]
    for step, (a, b) in enumerate(zip(mine, theirs, strict=True)):
        assert a.any() and np.array_equal(a, b), f"step {step} differs from manim's camera"


def test_kept_paths_are_bounded(monkeypatch):
    monkeypatch.setattr(camera_module, "KEPT_PATHS", 5)
    with tempconfig({"quality": "low_quality"}):
        camera = ExplainerCamera()
        shapes = _shapes()
        _frames(camera, shapes, [lambda m: m.shift((0.01, 0, 0))] * 4)
    assert 0 < len(camera._shapes) <= 5


def test_kept_masks_are_bounded(monkeypatch):
    """Past the byte budget the camera starts a new collection of shapes and masks."""
    monkeypatch.setattr(camera_module, "KEPT_MASK_BYTES", 1)
    with tempconfig({"quality": "low_quality"}):
        camera = ExplainerCamera()
        shapes = _shapes()
        _frames(camera, shapes, [lambda m: m] * 3 + [lambda m: m.shift((0.01, 0, 0))])
    # Only the shapes kept since the collection began (the moved ones) are left.
    assert len(camera._shapes) == len([m for m in shapes.get_family() if m.has_points()])
    assert camera._mask_bytes == 0


def test_restyling_a_still_shape_every_frame_stays_within_the_mask_budget(monkeypatch):
    """A shape that stands still while its line widens every frame needs a new mask each
    frame but no new path: the budget must hold without a path to start a collection."""
    monkeypatch.setattr(camera_module, "KEPT_MASK_BYTES", 20_000)
    widen = [lambda m, w=w: m.set_stroke(width=2 + w) for w in range(40)]
    with tempconfig({"quality": "low_quality"}):
        camera = ExplainerCamera()
        _frames(camera, VGroup(Circle(radius=0.5)), [lambda m: m, *widen])
    assert camera._mask_bytes <= 20_000 + camera_module.MASK_MAX_PIXELS


def test_a_kept_image_is_redrawn_when_its_pixels_change_in_place():
    """An image drawn again unchanged comes from what the camera kept, the same pixels as
    a fresh camera's; once its pixels change (a fade writes into the same array), or it
    moves, it is resized again."""
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_picture(2)).scale_to_fit_height(3)
        kept = ExplainerCamera()
        kept.background_color = "#0E1117"

        def both() -> tuple[np.ndarray, np.ndarray]:
            kept.reset()
            kept.capture_mobjects([image])
            return kept.pixel_array.astype(int), _draw(ExplainerCamera, image)

        first, fresh = both()
        assert np.array_equal(first, fresh)
        again, fresh = both()
        assert np.array_equal(again, fresh) and len(kept._pictures) == 1
        image.pixel_array[..., 3] //= 2  # in place, as set_opacity does
        faded, fresh = both()
        assert np.array_equal(faded, fresh) and not np.array_equal(faded, first)
        image.shift((0.5, 0, 0))
        moved, fresh = both()
        assert np.array_equal(moved, fresh) and not np.array_equal(moved, faded)


def _one_colour_picture() -> np.ndarray:
    """Fog-like: one colour, its opacity rising smoothly from clear at the edges."""
    rgba = _picture(3)
    rgba[..., :3] = (96, 110, 128)
    y, x = np.mgrid[0:72, 0:120]
    bank = np.sin(np.pi * (x + 0.5) / 120) * np.sin(np.pi * (y + 0.5) / 72)
    rgba[..., 3] = (160 * bank * (0.7 + 0.3 * np.cos(x / 9.0))).astype(np.uint8)
    return rgba


def test_a_one_colour_image_resizes_only_its_opacity():
    """Resized, it keeps its colour exactly and its opacity is Pillow's own resize."""
    from PIL import Image

    source = _one_colour_picture()
    resized = np.asarray(camera_module._resized(source, (500, 300), Image.BILINEAR))
    pillows = np.asarray(Image.fromarray(source, "RGBA").resize((500, 300), Image.BILINEAR))
    assert np.array_equal(resized[..., 3], pillows[..., 3])
    assert (resized[..., :3] == (96, 110, 128)).all()


def test_a_one_colour_image_matches_manim():
    with tempconfig({"quality": "low_quality"}):
        image = ImageMobject(_one_colour_picture()).scale_to_fit_height(4).shift((1.2, -0.4, 0))
        ours, manims = _draw(ExplainerCamera, image), _draw(Camera, image)
    difference = np.abs(ours - manims)
    assert ours.any() and not np.array_equal(ours, _draw(Camera, ImageMobject(_picture())))
    assert difference.mean() < 0.2
    assert np.percentile(difference, 99.9) <= 4


def test_each_frame_is_drawn_into_a_new_array():
    """The renderer hands a frame to the encoder uncopied: drawing the next frame must
    leave it as it was, and the camera keeps no old frame alive."""
    from scenes.kit.frames import ExplainerRenderer

    with tempconfig({"quality": "low_quality"}):
        renderer = ExplainerRenderer(camera_class=ExplainerCamera)
        camera = renderer.camera
        camera.reset()
        camera.capture_mobjects([Circle(color="#FFAA00")])
        first = renderer.get_frame()
        assert first is camera.pixel_array  # handed over as it is
        drawn = first.copy()
        camera.reset()
        camera.capture_mobjects([Circle(color="#FFAA00").shift((2, 0, 0))])
        assert np.array_equal(first, drawn)
        assert not np.array_equal(camera.pixel_array, drawn)
        assert list(camera.pixel_array_to_cairo_context) == [id(camera.pixel_array)]


def _tree():
    """Shapes nested three deep, a group without points, a shape listed twice (in two
    groups), z-indices out of order, an image and a point cloud."""
    from manim import Dot, PMobject, Square

    shared = Circle()
    inner = VGroup(Square(), shared, VGroup(Dot(), Dot().set_z_index(2)))
    image = ImageMobject(_picture()).set_z_index(-1)
    cloud = PMobject()
    cloud.add_points(np.zeros((3, 3)))
    return [inner, VGroup(shared, Square().set_z_index(1)), image, VGroup(), cloud]


@pytest.mark.parametrize("use_z_index", [True, False])
def test_the_mobjects_to_draw_are_manims_in_manims_order(use_z_index):
    with tempconfig({"quality": "low_quality"}):
        ours, manims = ExplainerCamera(use_z_index=use_z_index), Camera(use_z_index=use_z_index)
        mobjects = _tree()
        listed = ours.get_mobjects_to_display(mobjects)
        assert listed == manims.get_mobjects_to_display(mobjects)
        assert len(listed) == 7  # each shape once, groups without points left out
        kinds = [ours.type_or_raise(m) for m in listed]
        assert kinds == [manims.type_or_raise(m) for m in listed]
        assert [ours.type_or_raise(m) for m in listed] == kinds  # remembered: the same


def test_a_mobject_manim_cannot_draw_is_still_refused():
    with tempconfig({"quality": "low_quality"}), pytest.raises(TypeError):
        ExplainerCamera().type_or_raise(object())


def test_a_one_colour_background_is_filled_in_as_manim_copies_it():
    with tempconfig({"quality": "low_quality"}):
        ours = ExplainerCamera(background_color="#123456", background_opacity=1)
        manims = Camera(background_color="#123456", background_opacity=1)
        for camera in (ours, manims):
            camera.reset()
            camera.capture_mobjects([Circle(color="#FFAA00")])
            camera.reset()
        assert np.array_equal(ours.pixel_array, manims.pixel_array)
        assert ours.pixel_array is not ours.background
        # A new background (another colour, or a picture) is seen at the next reset.
        for camera in (ours, manims):
            camera.set_background(np.tile(_picture(5), (7, 8, 1))[:480, :854])
            camera.reset()
        assert np.array_equal(ours.pixel_array, manims.pixel_array)
        for camera in (ours, manims):
            camera.background_color = "#654321"
            camera.init_background()
            camera.reset()
        assert np.array_equal(ours.pixel_array, manims.pixel_array)
