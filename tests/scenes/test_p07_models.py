"""Part 7: reality's odds stay hidden until the draws have traced them; the model's odds
are in plain view; laid on one axis, the two disagree where the scene says they do."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.dryrun import dry_run
from scenes.kit.samples import RealityAndModel
from scenes.parts.p07_models import Models, ModelsParams
from scenes.theme import DARK

VARIANT = ModelsParams(
    world=RealityAndModel(outcomes=("A", "B", "C"), p=(0.6, 0.3, 0.1), q=(0.3, 0.4, 0.3)),
    num_samples=120,
    first_draws=3,
    seed=3,
)
BOTH = pytest.mark.parametrize("params", [ModelsParams(), VARIANT], ids=["default", "variant"])


def _draws(params: ModelsParams) -> np.ndarray:
    world = params.world
    run = it.running_average_surprise(world.true, world.model, params.num_samples, params.seed)
    return np.bincount(run.samples, minlength=len(world.outcomes))


@pytest.fixture(scope="module")
def default(play):
    return play(Models)


def test_reality_s_odds_stay_hidden_until_the_fog_lifts(default):
    """No p read-out and no true bar on screen before the reveal; both after it."""
    for beat in ("hidden", "model", "draws"):
        record = default.beat_record(beat)
        assert not any(key.startswith("p[") for key in record.readouts), beat
        assert record.shown["truth drawn"] is False, beat
    reveal = default.beat_record("reveal")
    assert reveal.shown["truth drawn"] is True
    shown = [reveal.readouts[f"p[{o}]"][1] for o in ("sun", "cloud", "rain", "snow")]
    assert shown == ["0.50", "0.25", "0.15", "0.10"]
    assert default.veil not in default.mobjects  # lifted


@BOTH
def test_model_and_reality_show_their_odds(play, params):
    scene = play(Models, params)
    world = params.world
    model = scene.beat_record("model").readouts
    reveal = scene.beat_record("reveal").readouts
    for name, q, p in zip(world.outcomes, world.model.probs, world.true.probs, strict=True):
        assert model[f"q[{name}]"] == (q, f"{q:.2f}")
        assert reveal[f"p[{name}]"] == (p, f"{p:.2f}")


@BOTH
def test_histogram_counts_the_seeded_draws(play, params):
    scene = play(Models, params)
    shown = scene.beat_record("draws").readouts
    counts = _draws(params)
    for name, count in zip(params.world.outcomes, counts, strict=True):
        assert shown[f"count[{name}]"] == (count, str(count))
    assert shown["count.n"] == (params.num_samples, str(params.num_samples))


def test_the_share_is_rounded_half_up_as_written(default):
    """190 of 400 draws were sun: 0.475, shown and said as 0.48, as a viewer who divides
    gets (the float 0.475 is a hair under, and f"{0.475:.2f}" gives 0.47)."""
    record = default.beat_record("reveal")
    assert _draws(ModelsParams())[0] == 190
    assert record.readouts["share"] == (0.475, "0.48")
    assert "Sun came up 190 times, a share of 0.48, against a true 0.50." in record.narration


def test_the_share_is_an_estimate_of_p_in_p_s_colour(default):
    share = default.beat_record("reveal").shown["share"]
    assert share.number.get_color() == DARK.color.p


def test_the_share_is_the_count_over_the_draws(default):
    value, _ = default.beat_record("reveal").readouts["share"]
    assert value == 190 / 400


def test_every_outcome_label_keeps_one_baseline_in_the_merged_chart(default):
    # None of sun, cloud, rain, snow reaches under the baseline: their bottoms are on it,
    # though "cloud" rises higher than "sun".
    labels = default.truth.labels
    bottoms = [label.get_bottom()[1] for label in labels]
    assert max(bottoms) - min(bottoms) < 1e-3
    assert labels[1].get_top()[1] - labels[0].get_top()[1] > 0.03


def test_the_model_lands_on_reality_s_axis_as_outlines(default):
    """After the gap beat the model's bars are outlines standing on reality's axis, one
    per outcome, each as tall as q says on reality's scale."""
    record = default.beat_record("gap")
    solid, outlines = record.shown["solid"], record.shown["outlines"]
    base = default.truth.baseline.get_y()
    q, p = ModelsParams().world.model.probs, ModelsParams().world.true.probs
    scale = solid[0].height / p[0]
    for bar, outline, qi in zip(solid, outlines, q, strict=True):
        assert outline.get_bottom()[1] == pytest.approx(base, abs=1e-6)
        assert outline.get_x() == pytest.approx(bar.get_x())
        assert outline.height == pytest.approx(qi * scale)
        assert outline.get_fill_opacity() == 0
        assert outline.get_stroke_color() == DARK.color.q


def test_the_draw_counter_is_centred_over_the_bins(default):
    shown = default.beat_record("draws").shown
    assert shown["total x"] == pytest.approx(shown["bins x"], abs=1e-6)
    # The counts sit under the outcome names, out of the falling draws' way.
    assert shown["counts top"] < shown["labels bottom"]


def test_the_takeaway_colours_p_and_q(default):
    formula = default.takeaway_formula()
    assert "{{ q : q }}" in formula and "{{ p : p }}" in formula


def test_parameters_change_what_is_shown_and_said(play):
    default, variant = play(Models, ModelsParams()), play(Models, VARIANT)
    for beat in ("hidden", "model", "reveal", "gap"):
        assert default.beat_record(beat).narration != variant.beat_record(beat).narration
    assert "A, B or C" in variant.beat_record("hidden").narration
    # The biggest gap in the variant is A: the model gives 0.30 where the truth is 0.60.
    assert "gives A 0.30 where the truth is 0.60" in variant.beat_record("gap").narration
    assert "count[sun]" not in variant.beat_record("draws").readouts


def test_the_variant_lays_out_halfway_through_every_animation(typst_cache):
    """Another world and sample, in the light theme: checked mid-animation too (the
    defaults are checked with every scene)."""
    dry_run(Models, VARIANT, layout="error", midway=True, theme="light", cache_dir=typst_cache)


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
