"""Part 11 shows the fit's own numbers: the loss falls to H(p) while KL falls to zero."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.kit import format_value
from scenes.parts.p11_training import Training, TrainingParams

# The default fit must end this close to the data (bits): KL below a thousandth of a bit.
FINAL_KL_TOLERANCE = 1e-3


def test_every_shown_step_reads_the_trajectory(play):
    params = TrainingParams()
    scene = play(Training)
    traj = it.fit_softmax(
        params.target,
        params.initial_logits,
        learning_rate=params.learning_rate,
        steps=params.steps,
    )
    assert sorted(scene.step_readouts) == list(params.show_steps)
    for k, shown in scene.step_readouts.items():
        assert shown["loss"] == (traj.cross_entropy[k], format_value(traj.cross_entropy[k])), k
        assert shown["KL"] == (traj.kl[k], format_value(traj.kl[k])), k
        assert shown["H"] == (it.entropy(params.target), format_value(traj.entropy)), k


def test_cross_entropy_minus_kl_is_the_entropy_at_every_shown_step(play):
    params = TrainingParams()
    scene = play(Training)
    entropy = it.entropy(params.target)
    kls = []
    for k, shown in scene.step_readouts.items():
        loss, kl = shown["loss"][0], shown["KL"][0]
        assert loss - kl == pytest.approx(entropy, abs=1e-12), k
        kls.append(kl)
    assert kls == sorted(kls, reverse=True), "KL falls at every shown step"


def test_final_kl_is_below_the_stated_tolerance(play):
    record = play(Training).beat_record("train")
    value, text = record.readouts["KL"]
    assert value < FINAL_KL_TOLERANCE
    assert text == "0.000"
    assert f"KL falls to {text}" in record.narration
    assert record.readouts["loss"][0] - record.readouts["H"][0] < FINAL_KL_TOLERANCE


def test_stacked_bar_keeps_entropy_fixed_and_adds_up(play):
    scene = play(Training)
    record = scene.beat_record("same")
    h, kl, ce = (record.readouts[f"stack.{k}"][0] for k in ("H", "KL", "CE"))
    assert h == pytest.approx(scene.trajectory.entropy, abs=1e-15)
    assert kl == pytest.approx(scene.trajectory.kl[-1], rel=1e-9, abs=1e-15)
    assert ce == pytest.approx(scene.trajectory.cross_entropy[-1], rel=1e-12)
    e_height, kl_height, total = scene.stack.segment_heights()
    assert abs(e_height + kl_height - total) / scene.stack.unit_height < 1e-9
    assert e_height / scene.stack.unit_height == pytest.approx(h, rel=1e-9)


def test_samples_move_toward_the_data_mix(play):
    scene = play(Training)
    data_row, model_row = scene.samples
    n = len(scene.trajectory.target)

    def mix(indices):
        return np.bincount(indices.ravel(), minlength=n) / indices.size

    p = scene.trajectory.target
    start = model_row.draws(scene.trajectory.q[0])
    assert np.array_equal(model_row.indices, model_row.draws(scene.trajectory.q[-1]))
    assert np.array_equal(data_row.indices, data_row.draws(p))
    gap_start = np.abs(mix(start) - p).sum()
    gap_end = np.abs(mix(model_row.indices) - p).sum()
    assert gap_end < gap_start / 2


def test_parameters_change_what_is_shown_and_said(play):
    params = TrainingParams(
        outcomes=("black", "grey", "white"),
        target=(0.2, 0.3, 0.5),
        initial_logits=(1.0, 0.0, -1.0),
        learning_rate=0.8,
        steps=40,
        show_steps=(0, 5, 40),
        unit="nats",
    )
    scene = play(Training, params)
    traj = params.trajectory()
    assert sorted(scene.step_readouts) == [0, 5, 40]
    assert scene.step_readouts[5]["loss"][0] == traj.cross_entropy[5]
    h = it.entropy(params.target, unit="nats")
    assert scene.step_readouts[40]["H"][0] == pytest.approx(h, abs=1e-15)
    assert f"H(p) = {format_value(h)} nats" in scene.beat_record("train").narration
    assert "betting on black; the data favour white" in scene.beat_record("model").narration
    default = play(Training)
    assert scene.beat_record("same").narration != default.beat_record("same").narration


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"target": (0.5, 0.2, 0.1, 0.1, 0.05)}, "target"),
        ({"initial_logits": (0.0, 1.0)}, "initial_logits"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"steps": 0, "show_steps": (0,)}, "steps"),
        ({"show_steps": (0, 10, 5, 60)}, "show_steps"),
        ({"show_steps": (0, 10, 50)}, "show_steps"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_parameters_are_refused_by_name(bad, field):
    with pytest.raises(ValueError, match=field):
        TrainingParams(**bad)
