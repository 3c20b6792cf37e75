"""Part 3: a picture zoomed to hard pixels and their numbers, the space of pictures growing
from a plane to a cube to 10,000 axes, the count of pictures, and a distribution that puts
its probability on the faces, all computed from Params and checked against hand values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from manim import DL, UR

import infotheory as it
from scenes.kit import room_below_banner
from scenes.kit.pixel_space import PixelSpace
from scenes.kit.pixel_zoom import PixelZoom
from scenes.kit.pixels import PixelImage, face_pixels
from scenes.parts.p03_distributions import (
    BANNER_BOTTOM,
    Distributions,
    DistributionsParams,
    digits_of_power,
)
from scenes.theme import current_theme
from tests.scenes.readable import small_labels

BEATS = [
    "opening",
    "coin-and-die",
    "image",
    "pixels",
    "space",
    "count",
    "distribution",
    "takeaway",
]


def test_beats_tell_the_story_in_order(play):
    assert [b.name for b in play(Distributions).beats] == BEATS


def test_coin_and_die_show_their_chances_to_three_places_as_everywhere(play):
    record = play(Distributions).beat_record("coin-and-die")
    assert [record.readouts[f"coin[{s}]"][1] for s in ("heads", "tails")] == ["0.500"] * 2
    assert [record.readouts[f"die[{f}]"][1] for f in "123456"] == ["0.167"] * 6
    assert record.readouts["die[6]"][0] == it.fair_die(6).probability("6")


def test_reference_picture_is_a_point_in_10000_dimensions(play):
    scene = play(Distributions)
    space = scene.beat_record("space")
    assert space.readouts["dimensions"] == (10000, "10000")
    assert "one point in a space of 10,000 dimensions" in space.narration
    count = scene.beat_record("count")
    # 10,000 · log10(256) = 24,082.4, so 256^10000 has 24,083 digits.
    assert count.readouts["digits"] == (24083, "24083")
    value, shown = count.readouts["log10"]
    assert value == pytest.approx(10000 * math.log10(256), rel=1e-12)
    assert shown == "24082.4"
    assert "256 to the power 10,000 of them: a number with 24,083 digits" in (count.narration)


def test_the_zoom_ends_on_the_blocks_real_values(play):
    params = DistributionsParams()
    scene = play(Distributions)
    values = face_pixels(params.side, params.levels, params.seed)
    np.testing.assert_array_equal(scene.shown("picture").values, values)
    row, col, cells = scene.beat_record("pixels").shown["zoomed"]
    n = params.zoom
    block = values[row : row + n, col : col + n].ravel().tolist()
    assert cells.values_shown == block
    assert [c[1].text for c in cells] == [str(v) for v in block]
    assert "from 0 for black to 255 for white" in scene.beat_record("pixels").narration


def test_the_zoom_view_is_hard_pixels_at_every_step():
    """Each screen pixel of the view is one image pixel's grey, never a blend of two."""
    values = face_pixels(40, 256, 3)
    picture = PixelImage(values, levels=256, width=3.0)
    zoom = PixelZoom(picture, size=3.0)
    greys = set(np.unique(values).tolist())
    animation = zoom.zoom_to(10, 12, 4)
    animation.begin()
    for alpha in (0.0, 0.3, 0.6, 0.9):
        animation.interpolate(alpha)
        shown = zoom.view.pixel_array[..., 0]
        assert set(np.unique(shown).tolist()) <= greys
    animation.finish()
    assert zoom.window == (10.0, 12.0, 4.0)
    # Four image pixels across: the view is four runs of one grey per row.
    row = zoom.view.pixel_array[zoom.resolution // 2, :, 0]
    runs = 1 + np.count_nonzero(np.diff(row.astype(int)))
    assert runs <= 4
    # The middle row of the view is the third image row of the block (row 12).
    assert [int(v) for v in np.unique(row)] == sorted(set(values[12, 12:16].tolist()))
    assert [c[1].text for c in zoom.cells()] == [str(v) for v in values[10:14, 12:16].ravel()]
    with pytest.raises(ValueError, match="inside"):
        zoom.zoom_to(38, 0, 4)


def test_the_space_grows_from_a_plane_to_a_cube_to_many_axes():
    space = PixelSpace((0, 255, 51), levels=256, size=3.0, fan=20)
    space.plane()
    top = space.point(255, 0, 0) - space.origin
    assert top == pytest.approx(np.array([3.0, 0, 0]))
    # On the plane the point is at (x1, x2) = (0, 255): straight above the corner.
    assert space.dot.get_center() == pytest.approx(space.origin + np.array([0, 3.0, 0]))
    assert space.coordinates.expression == "(0, 255)"
    animation = space.cube()
    animation.begin()
    animation.finish()
    # The third value slants the point back: 51/255 of the slanted, foreshortened axis.
    back = space.point(0, 0, 51) - space.origin
    assert space.dot.get_center() == pytest.approx(space.origin + np.array([0, 3.0, 0]) + back)
    # The label on screen has become the three coordinates, beside the moved point.
    assert space.far_coordinates.expression == "(0, 255, 51)"
    assert space.coordinates.get_center() == pytest.approx(space.far_coordinates.get_center())
    assert space.coordinates.width == pytest.approx(space.far_coordinates.width)
    space.many()
    assert len(space.fan) == 20
    with pytest.raises(ValueError, match="three pixel values"):
        PixelSpace((1, 2), levels=256)


def test_the_last_picture_and_the_pixel_numbers_read_at_480p(play):
    scene = play(Distributions)
    assert small_labels(scene, below=BANNER_BOTTOM) == []
    # The count stays in the last picture, clear of the banner (which fades what it covers).
    assert {"log10", "digits"} <= set(scene.beat_record("takeaway").readouts)
    assert scene.facts.get_top()[1] <= room_below_banner(scene.stage, scene.takeaway).top + 1e-9
    _, _, cells = scene.beat_record("pixels").shown["zoomed"]
    body = current_theme().size.body
    assert all(cell[1].font_size == pytest.approx(body, abs=0.5) for cell in cells)


def test_the_spaces_names_and_end_values_keep_apart_at_any_size():
    """At the body size the names x1, x2 and the end values 255 stand clear of each other."""
    space = PixelSpace((100, 112, 127), levels=256, size=3.4, label_size="body", tick_size="body")
    space.plane()
    body = current_theme().size.body
    assert space.names[0].font_size == pytest.approx(body, abs=0.5)
    assert space.ends[0].font_size == pytest.approx(body, abs=0.5)

    gap = current_theme().space.xs / 2  # touching glyphs read as one label

    def apart(a, b) -> bool:
        (al, ab), (ar, at) = a.get_corner(DL)[:2], a.get_corner(UR)[:2]
        (bl, bb), (br, bt) = b.get_corner(DL)[:2], b.get_corner(UR)[:2]
        return max(bl - ar, al - br, bb - at, ab - bt) >= gap

    for name, end in zip(space.names[:2], space.ends[:2], strict=True):
        assert apart(name, end), (name, end)


def test_the_space_shows_the_pictures_own_first_pixels(play):
    params = DistributionsParams()
    scene = play(Distributions)
    values = face_pixels(params.side, params.levels, params.seed)
    row, col, _ = scene.beat_record("pixels").shown["zoomed"]
    space = scene.shown("space")
    assert space.values == [int(v) for v in values[row, col : col + 3]]


def test_the_distribution_piles_its_probability_on_the_faces(play):
    scene = play(Distributions)
    slots, dist, chart = scene.beat_record("distribution").shown["row"]
    assert slots == ["noise", "noise", "gap", "face", "face", "face", "gap", "noise", "noise"]
    faces = [k for k, kind in enumerate(slots) if kind == "face"]
    assert sum(dist.probs[k] for k in faces) == pytest.approx(1.0)
    assert all(dist.probs[k] == 0 for k, kind in enumerate(slots) if kind != "face")
    heights = [chart.bars[k].height for k in faces]
    assert heights == pytest.approx([heights[0]] * 3)  # a third each, on one scale
    assert max(b.height for k, b in enumerate(chart.bars) if k not in faces) < 0.01


def test_numbers_follow_the_parameters(play):
    scene = play(Distributions, DistributionsParams(side=28, levels=16, seed=3, faces=2))
    space = scene.beat_record("space")
    assert space.readouts["dimensions"] == (784, "784")
    assert "a space of 784 dimensions" in space.narration
    digits = scene.beat_record("count").readouts["digits"][0]
    assert digits == math.floor(784 * math.log10(16)) + 1 == len(str(16**784))
    assert "from 0 for black to 15 for white" in scene.beat_record("pixels").narration
    assert scene.shown("picture").values.shape == (28, 28)
    slots = scene.beat_record("distribution").shown["row"][0]
    assert slots.count("face") == 2


@pytest.mark.parametrize(("base", "exponent"), [(10, 1), (10, 7), (2, 10), (256, 3), (3, 40)])
def test_digit_count_is_exact_even_at_powers_of_ten(base, exponent):
    assert digits_of_power(base, exponent) == len(str(base**exponent))


def test_face_pixels_are_deterministic_and_in_range():
    a, b = face_pixels(40, 64, 5), face_pixels(40, 64, 5)
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0 and a.max() <= 63
    assert not np.array_equal(a, face_pixels(40, 64, 6))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"side": 4}, "side"),
        ({"levels": 1}, "levels"),
        ({"seed": -1}, "seed"),
        ({"zoom": 9}, "zoom"),
        ({"zoom": 2}, "zoom"),
        ({"faces": 0}, "faces"),
        ({"side": 8.5}, "side"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        DistributionsParams(**bad)
