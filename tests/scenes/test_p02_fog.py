"""Part 2: the mind's weights are the stages' distributions, and they add up to 1 at every beat."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.kit import DistributionBars, format_value
from scenes.kit.fog import FoggedShape
from scenes.parts.p02_fog import Fog, FogParams

BAR_BEATS = ["guesses", "thinning-1", "thinning-2", "clear"]


def _weights(record, labels):
    return np.array([record.readouts[f"belief[{name}]"][0] for name in labels])


def test_weights_sum_to_one_at_every_beat_end(play):
    params = FogParams()
    scene = play(Fog)
    assert [b.name for b in scene.beats] == ["opening", "fog", *BAR_BEATS, "takeaway"]
    for name, stage in zip(BAR_BEATS, params.stages, strict=True):
        record = scene.beat_record(name)
        weights = _weights(record, params.interpretations)
        # Each beat ends on its stage, exactly as infotheory validated it ...
        expected = it.categorical(params.interpretations, stage).probs
        np.testing.assert_array_equal(weights, expected)
        # ... and the computed total read-out says what the bars add up to.
        total, shown = record.readouts["total"]
        assert total == pytest.approx(weights.sum(), abs=1e-12)
        assert total == pytest.approx(1.0, abs=1e-9)
        assert shown == "1.00"


def test_weights_sum_to_one_in_the_middle_of_every_morph():
    params = FogParams()
    bars = DistributionBars(params.stages[0], params.interpretations, role="q", key="belief")
    for target in params.stages[1:]:
        morph = bars.morph_to(target)
        morph.begin()
        for alpha in (0.1, 0.37, 0.5, 0.83):
            morph.interpolate(alpha)
            assert bars.probs.sum() == pytest.approx(1.0, abs=1e-12)
            shown = sum(v.value for v in bars.values)
            assert shown == pytest.approx(1.0, abs=1e-12)
        morph.finish()


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
    assert f"Clear air: tree, at {format_value(0.7, 2)}" in clear.narration
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
