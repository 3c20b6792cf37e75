"""Part 11: structured data whose grey histogram is p, a model fitted by gradient descent
on the cross-entropy, the loss falling to H(p) while KL drains, checked against a fit and
measures worked out here with numpy alone."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes.parts.p11_training import CLEARANCE, Training, TrainingParams

P = np.array([0.4, 0.25, 0.15, 0.12, 0.08])
THETA0 = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])


def by_hand(p: np.ndarray, theta: np.ndarray, lr: float, steps: int):
    """Gradient descent on H(p, softmax θ), written out: θ ← θ - lr (softmax θ - p)."""
    out = []
    for _ in range(steps + 1):
        q = np.exp(theta - theta.max())
        q /= q.sum()
        ce = float(-(p * np.log2(q)).sum())
        kl = float((p * np.log2(p / q)).sum())
        out.append((theta.copy(), q, ce, kl))
        theta = theta - lr * (q - p)
    return out


FIT = by_hand(P, THETA0, 0.5, 20)
H = float(-(P * np.log2(P)).sum())  # 2.0979 bits


def test_the_data_pictures_hold_exactly_the_mix_p(play):
    record = play(Training).beat_record("data")
    # 3 pictures of 10 × 10 = 300 pixels: 0.4, 0.25, 0.15, 0.12, 0.08 of them.
    assert list(record.shown["counts"]) == [120, 75, 45, 36, 24]


def _neighbour_change(pictures: np.ndarray) -> float:
    """How much a pixel's shade differs from its right-hand neighbour's, on average."""
    return float(np.abs(np.diff(pictures, axis=2)).mean())


def test_the_data_have_shapes_the_models_pictures_do_not(play):
    scene = play(Training)
    data, model = scene.home.data.indices, scene.home.model.indices
    # Same mix of greys at the end of training, but only the data are smooth shapes:
    # neighbouring pixels in a shape are alike, in independent draws they are not.
    assert _neighbour_change(data) < 0.6 * _neighbour_change(model)
    mix = scene.beat_record("generate").shown["model_mix"] / model.size
    assert np.abs(mix - P).sum() < 0.25


@pytest.mark.parametrize("k", [4, 20])
def test_the_read_outs_at_a_step_are_the_fit_worked_by_hand(play, k):
    shown = play(Training).beat_record("train").shown[f"step {k}"]
    _, _, ce, kl = FIT[k]
    assert shown["loss"][0] == pytest.approx(ce, abs=1e-12)
    assert shown["KL"][0] == pytest.approx(kl, abs=1e-12)
    assert shown["loss"][1] == f"{ce:.3f}" and shown["KL"][1] == f"{kl:.3f}"
    assert shown["loss"][0] - shown["KL"][0] == pytest.approx(H, abs=1e-12)


def test_the_narration_gives_the_floor_and_the_kl_that_drains(play):
    record = play(Training).beat_record("train")
    assert f"H of p, {H:.3f} bits" in record.narration  # 2.098
    assert "KL drains from 1.122 bits" in record.narration  # FIT[0]'s KL
    assert FIT[0][3] == pytest.approx(1.122, abs=5e-4)
    assert record.shown["step 20"]["H"] == (pytest.approx(H, abs=1e-12), "2.098")


def test_the_header_splits_the_loss_and_points_at_its_terms(play):
    """While it trains, the header reads H(p, q_θ) = H(p) + KL(p ‖ q_θ), each term in its
    own colour (the floor's pulse and the drained KL's point at them)."""
    from manim import config

    from scenes.theme import current_theme

    scene = play(Training)
    ce, entropy, kl = scene.heading
    color = current_theme().color
    assert ce.get_right()[0] < entropy.get_left()[0] < kl.get_left()[0]
    assert ce.part("cross_entropy")[0].get_fill_color() == color.cross_entropy
    assert entropy.part("entropy")[0].get_fill_color() == color.entropy
    assert kl.part("kl")[0].get_fill_color() == color.kl
    for piece in (ce, kl):
        assert piece.part("q")[0].get_fill_color() == color.q
    assert scene.heading.get_top()[1] <= config.frame_height / 2 - CLEARANCE + 1e-9


def test_the_rider_stands_on_the_floor_with_the_kl_left_on_top(play):
    scene = play(Training)
    loss = scene.loss
    per_bit = loss.plot.c2p(0, 1)[1] - loss.plot.c2p(0, 0)[1]
    entropy, kl, total = (h / per_bit for h in loss.rider.segment_heights())
    assert entropy == pytest.approx(H, abs=1e-9)  # the floor never moves
    assert kl == pytest.approx(FIT[20][3], abs=1e-6)
    assert total == pytest.approx(FIT[20][2], abs=1e-9)
    # It rides at the last step, under the dot on the curve.
    assert loss.rider.base[0] - loss.plot.c2p(20, 0)[0] == pytest.approx(0.11, abs=1e-6)


def test_the_axis_ends_where_the_curve_still_moves(play):
    loss = play(Training).loss
    assert loss.plot.x_range[1] <= 20 + 2
    # Over the last third of the steps the loss still falls by more than 0.03 bits.
    assert FIT[13][2] - FIT[20][2] > 0.03


def test_the_data_outlines_are_drawn_over_the_models_bars(play):
    chart = play(Training).home.chart
    members = chart.submobjects
    ghost = next(m for m in members if type(m).__name__ == "GhostBars")
    assert members.index(ghost) > members.index(chart.bars)


def test_the_knobs_show_theta(play):
    scene = play(Training)
    theta, _, _, _ = FIT[20]
    assert scene.home.knobs.values == pytest.approx(theta, abs=1e-9)


def test_nothing_comes_within_80_pixels_of_the_frame_edge(play):
    from manim import config

    left, right, bottom, top = play(Training).beat_record("train").shown["extent"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    nearest = min(left + half_w, half_w - right, bottom + half_h, half_h - top)
    assert nearest >= CLEARANCE - 1e-9


def test_parameters_change_what_is_shown_and_said(play):
    params = TrainingParams(
        outcomes=("black", "grey", "white"),
        target=(0.5, 0.3, 0.2),
        shapes=("disc", "diamond"),
        initial_logits=(0.0, 0.0, 1.0),
        learning_rate=0.8,
        steps=12,
        early=3,
        unit="nats",
    )
    scene = play(Training, params)
    fit = by_hand(np.array(params.target), np.array(params.initial_logits), 0.8, 12)
    shown = scene.beat_record("train").shown["step 12"]
    assert shown["loss"][0] == pytest.approx(fit[12][2] * math.log(2), abs=1e-12)
    assert list(scene.beat_record("data").shown["counts"]) == [100, 60, 40]
    assert "bets on white" in scene.beat_record("model").narration
    narration = scene.beat_record("train").narration
    assert f"KL drains from {fit[0][3] * math.log(2):.3f} nats" in narration
    assert "bits" not in narration


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"target": (0.5, 0.2, 0.1, 0.1, 0.05)}, "target"),
        ({"target": (0.401, 0.249, 0.15, 0.12, 0.08)}, "target"),  # not whole pixels
        ({"shapes": ("ring", "blob")}, "shapes"),
        ({"initial_logits": (0.0, 1.0)}, "initial_logits"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"steps": 1}, "steps"),
        ({"early": 20}, "early"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_parameters_are_refused_by_name(bad, field):
    with pytest.raises(ValueError, match=field):
        TrainingParams(**bad)


def test_every_word_and_number_reads_at_480p(typst_cache):
    """Nothing on screen at the end of the scene's own beats is set smaller than the
    label size (the small size is hard to read at 480p)."""
    from scenes.theme import current_theme
    from tests.scenes.readable import own_beats, smallest_text

    scene = own_beats(Training, typst_cache)
    size, which = smallest_text(scene.mobjects)
    assert size >= current_theme().size.label - 1e-6, which
