"""Part 2: an ambiguous shape, the mind's weights (a model, q) that add up to 1 at every
beat and on every frame of the pouring, and outlines that firm up with their weights."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.kit import DistributionBars, room_below_banner
from scenes.kit.flow import WeightFlow, transport_plan
from scenes.kit.fog import FoggedShape
from scenes.parts.p02_fog import Fog, FogParams
from scenes.theme import current_theme
from tests.scenes.readable import small_labels

BAR_BEATS = ["guesses", "thinning-1", "thinning-2", "clear"]


def _weights(record, labels):
    return np.array([record.readouts[f"belief[{name}]"][0] for name in labels])


def test_names_weights_and_total_read_at_480p(play):
    scene = play(Fog)
    room = room_below_banner(scene.stage, scene.takeaway)
    assert small_labels(scene, below=room.top) == []


def test_the_clear_shape_and_its_outline_stay_in_the_last_picture(play):
    """The takeaway's banner fades what it covers: the shape and its outline stay clear."""
    scene = play(Fog)
    room = room_below_banner(scene.stage, scene.takeaway)
    on_screen = scene.get_mobject_family_members()
    assert any(m is scene.fog.silhouette for m in on_screen)
    assert any(m is scene.outlines for m in on_screen)
    assert scene.fog.silhouette.get_top()[1] <= room.top + 1e-9


def test_weights_are_each_stage_and_sum_to_one_at_every_beat_end(play):
    params = FogParams()
    scene = play(Fog)
    assert [b.name for b in scene.beats] == ["opening", "fog", *BAR_BEATS, "takeaway"]
    hand = [
        ["0.30", "0.30", "0.25", "0.15"],
        ["0.45", "0.25", "0.20", "0.10"],
        ["0.75", "0.10", "0.10", "0.05"],
        ["0.94", "0.03", "0.02", "0.01"],
    ]
    for name, stage, shown in zip(BAR_BEATS, params.stages, hand, strict=True):
        record = scene.beat_record(name)
        np.testing.assert_array_equal(_weights(record, params.interpretations), stage)
        assert [record.readouts[f"belief[{n}]"][1] for n in params.interpretations] == shown
        total, text = record.readouts["total"]
        assert total == pytest.approx(1.0, abs=1e-9)
        assert text == "1.00"


def test_the_narration_says_the_leading_weight_as_shown(play):
    scene = play(Fog)
    assert "weight pours into the person: 0.45 now" in scene.beat_record("thinning-1").narration
    assert "the person takes 0.75" in scene.beat_record("thinning-2").narration
    assert scene.beat_record("clear").narration.startswith("Clear air: a person, at 0.94.")
    assert "model of what stands there, q" in scene.beat_record("guesses").narration


def test_the_weights_are_the_models_colour_and_the_shape_realitys(play):
    """The mind's weights are a model, so they are q's orange; what stands there is p's blue."""
    scene = play(Fog)
    theme = current_theme()
    assert scene.shown("chart").bars[0].get_fill_color().to_hex() == theme.color.q.to_hex()
    shape = scene.shown("fog").silhouette.pixel_array
    drawn = shape[shape[..., 3] > 200][:, :3]
    np.testing.assert_array_equal(drawn[0], (np.array(theme.color.p.to_rgb()) * 255).astype(int))


def test_outlines_firm_up_with_their_weights_and_the_wrong_ones_leave(play):
    params = FogParams()
    scene = play(Fog)
    for name, stage in zip(BAR_BEATS[:-1], params.stages[:-1], strict=True):
        strength = scene.beat_record(name).shown["outlines"]
        order = sorted(params.interpretations, key=lambda n: strength[n])
        weights = dict(zip(params.interpretations, stage, strict=True))
        # Stronger outline, larger weight (ties in weight may come in either order).
        assert [weights[n] for n in order] == sorted(weights.values())
    last = scene.beat_record("clear").shown["outlines"]
    assert last["person"] > 0.5
    assert last["tree"] == last["lamp"] == last["deer"] == 0.0


def test_the_thick_fog_shows_a_blob_several_readings_fit():
    """In thick fog the shape is the readings' average, not the truth; clear, it is the truth."""

    def mask(fog):
        alpha = fog.silhouette.pixel_array[..., 3].astype(float)
        return alpha > 0.5 * alpha.max()

    def iou(a, b):
        return (a & b).sum() / (a | b).sum()

    readings = ("person", "tree", "lamp", "deer")
    blob = mask(FoggedShape("person", level=1.0, candidates=readings, blur=0.3))
    crisp = {n: mask(FoggedShape(n, level=0.0, blur=0.3)) for n in readings}
    assert iou(blob, crisp["person"]) < 0.8  # not simply the person, blurred
    assert sum(iou(blob, crisp[n]) > 0.45 for n in readings) >= 2  # two readings fit it well
    cleared = mask(FoggedShape("person", level=0.0, candidates=readings, blur=0.3))
    assert iou(cleared, crisp["person"]) > 0.99
    with pytest.raises(ValueError, match="dragon"):
        FoggedShape("person", candidates=("person", "dragon"))


def test_transport_plan_moves_what_the_losers_lose_to_the_winners():
    # Worked by hand: the person gains 0.15, the tree, lamp and deer give 0.05 each.
    plan = transport_plan([0.30, 0.30, 0.25, 0.15], [0.45, 0.25, 0.20, 0.10])
    assert sorted((i, j) for i, j, _ in plan) == [(1, 0), (2, 0), (3, 0)]
    assert [m for _, _, m in plan] == pytest.approx([0.05, 0.05, 0.05])
    # Two winners share a loser's loss in proportion to their gains (0.1 and 0.3 of 0.4).
    plan = transport_plan([0.6, 0.2, 0.2], [0.2, 0.3, 0.5])
    assert {(i, j): m for i, j, m in plan} == pytest.approx({(0, 2): 0.3, (0, 1): 0.1})
    assert transport_plan([0.5, 0.5], [0.5, 0.5]) == []
    with pytest.raises(ValueError, match="length"):
        transport_plan([0.5, 0.5], [1.0])


@pytest.mark.parametrize("k", [1, 2, 3])
def test_every_frame_of_the_pouring_adds_up_to_one_and_stands_on_the_baseline(k):
    params = FogParams()
    chart = DistributionBars(
        params.stages[k - 1], params.interpretations, role="q", height=3.0, value_side="bottom"
    )
    ceiling = chart.base_y + 3.2
    flow = WeightFlow(chart, params.stages[k], ceiling=ceiling)
    flow.begin()
    base = chart.base_y
    for alpha in np.linspace(0, 1, 23):
        flow.interpolate(alpha)
        assert chart.probs.sum() == pytest.approx(1.0, abs=1e-12)
        assert sum(v.value for v in chart.values) == pytest.approx(1.0, abs=1e-12)
        # What is on the bars plus what is in the air is all the weight there is.
        flying = [s for s in flow.slices if s.get_fill_opacity() > 0]
        on_bars = sum(b.height for b in chart.bars) + sum(s.height for s in flying)
        assert on_bars == pytest.approx(3.0, abs=1e-6)
        for bar in chart.bars:
            assert bar.get_bottom()[1] == pytest.approx(base, abs=1e-9)  # never dips below
        for piece in flying:
            assert piece.get_top()[1] <= ceiling + 1e-9
    flow.finish()
    np.testing.assert_array_equal(chart.probs, params.stages[k])
    assert chart.values[0].shown == f"{params.stages[k][0]:.2f}"
    assert len(flow.slices) == 0 or flow.slices not in chart.submobjects


def test_a_stage_that_does_not_sum_to_one_is_refused_with_infotheorys_message():
    labels = FogParams().interpretations
    bad = (0.5, 0.3, 0.1, 0.05)  # sums to 0.95
    with pytest.raises(ValueError) as maths:
        it.categorical(labels, bad)
    with pytest.raises(ValueError) as refused:
        FogParams(stages=((0.25, 0.25, 0.25, 0.25), bad), fog_levels=(1.0, 0.0))
    assert "stages[1]" in str(refused.value)
    assert str(maths.value) in str(refused.value)


def test_parameters_change_the_bars_and_the_narration(play):
    params = FogParams(
        stages=((0.4, 0.3, 0.2, 0.1), (0.1, 0.7, 0.1, 0.1)),
        fog_levels=(0.9, 0.0),
        truth="tree",
    )
    scene = play(Fog, params)
    assert [b.name for b in scene.beats] == ["opening", "fog", "guesses", "clear", "takeaway"]
    clear = scene.beat_record("clear")
    assert clear.readouts["belief[tree]"] == (0.7, "0.70")
    assert clear.narration.startswith("Clear air: a tree, at 0.70.")
    assert clear.readouts["total"][1] == "1.00"


def test_fog_clears_and_the_shape_sharpens():
    fog = FoggedShape("person", level=1.0)
    thick_soft, thick_fog = fog.softness(), fog.fog.pixel_array[..., 3].max()
    animation = fog.clear_to(0.4)
    animation.begin()
    animation.finish()
    assert fog.level == pytest.approx(0.4)
    assert fog.softness() < thick_soft
    assert fog.fog.pixel_array[..., 3].max() < thick_fog
    fog.set_level(0.0)
    assert fog.fog.pixel_array[..., 3].max() == 0
    with pytest.raises(ValueError, match="shape"):
        FoggedShape("dragon")


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"fog_levels": (1.0, 0.5)}, "fog_levels"),
        ({"fog_levels": (0.2, 0.5, 0.3, 0.0)}, "fog_levels"),
        ({"truth": "dragon"}, "truth"),
        ({"truth": "deer"}, "truth"),  # the clear view favours the person
        ({"interpretations": ("person",)}, "interpretations"),
        ({"stages": ((0.3, 0.3, 0.2, 0.2, 0.0),) * 4}, "stages"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        FogParams(**bad)
