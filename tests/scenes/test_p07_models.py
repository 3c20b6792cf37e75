"""Part 7 shows the model's odds, the true draws' histogram and reality's odds as computed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

import infotheory as it
from scenes.kit.samples import RealityAndModel
from scenes.parts.p07_models import Models, ModelsParams

VARIANT = ModelsParams(
    world=RealityAndModel(outcomes=("A", "B", "C"), p=(0.6, 0.3, 0.1), q=(0.3, 0.4, 0.3)),
    num_samples=120,
    first_draws=3,
    seed=3,
)


def _draws(params: ModelsParams) -> np.ndarray:
    world = params.world
    run = it.running_average_surprise(world.true, world.model, params.num_samples, params.seed)
    return np.bincount(run.samples, minlength=len(world.outcomes))


@pytest.mark.parametrize("params", [ModelsParams(), VARIANT], ids=["default", "variant"])
def test_model_and_reality_show_their_odds(play, params):
    scene = play(Models, params)
    world = params.world
    model = scene.beat_record("model").readouts
    reveal = scene.beat_record("reveal").readouts
    for name, q, p in zip(world.outcomes, world.model.probs, world.true.probs, strict=True):
        assert model[f"q[{name}]"] == (q, f"{q:.2f}")
        assert reveal[f"p[{name}]"] == (p, f"{p:.2f}")


@pytest.mark.parametrize("params", [ModelsParams(), VARIANT], ids=["default", "variant"])
def test_histogram_counts_the_seeded_draws(play, params):
    scene = play(Models, params)
    shown = scene.beat_record("draws").readouts
    counts = _draws(params)
    for name, count in zip(params.world.outcomes, counts, strict=True):
        assert shown[f"count[{name}]"] == (count, str(count))
    assert shown["count.n"] == (params.num_samples, str(params.num_samples))
    assert counts.sum() == params.num_samples


def test_reveal_narration_quotes_the_data(play):
    params = ModelsParams()
    record = play(Models, params).beat_record("reveal")
    top = int(np.argmax(params.world.true.probs))
    count = _draws(params)[top]
    assert f"came up {count} times" in record.narration
    share = Decimal(int(count)) / params.num_samples  # exact: 190 / 400 = 0.475
    assert f"a share of {share.quantize(Decimal('0.01'), ROUND_HALF_UP)}" in record.narration
    # As a viewer who divides would say it: 0.48, not the float's 0.47.
    assert count == 190 and "190 times: a share of 0.48," in record.narration


def test_parameters_change_what_is_shown_and_said(play):
    default, variant = play(Models, ModelsParams()), play(Models, VARIANT)
    for beat in ("hidden", "model", "reveal", "gap"):
        assert default.beat_record(beat).narration != variant.beat_record(beat).narration
    assert "A, B or C" in variant.beat_record("hidden").narration
    # The biggest gap in the variant is A: the model gives 0.30 where the truth is 0.60.
    assert "gives A 0.30 where the truth is 0.60" in variant.beat_record("gap").narration
    assert "count[sun]" not in variant.beat_record("draws").readouts


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"world": (0.5, 0.5)}, "world"),
        ({"num_samples": 10}, "num_samples"),
        ({"first_draws": 0}, "first_draws"),
        ({"seed": -1}, "seed"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        ModelsParams(**bad)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"p": (0.5, 0.5, 0.5, 0.1)}, r"^p \(the true distribution\)"),
        ({"q": (0.2, 0.4, 0.3, -0.1)}, r"^q \(the model\)"),
        ({"q": (0.6, 0.4, 0.0, 0.0)}, r"^q \(the model\) gives rain, snow no chance"),
        ({"outcomes": ("a", "b"), "p": (0.5, 0.5), "q": (0.5,)}, r"^q \(the model\)"),
        ({"outcomes": tuple("abcdefg"), "p": (1 / 7,) * 7, "q": (1 / 7,) * 7}, "outcomes"),
        ({"outcomes": ("sunshine", "b"), "p": (0.5, 0.5), "q": (0.5, 0.5)}, "outcomes"),
    ],
)
def test_bad_worlds_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        RealityAndModel(**bad)
