"""Part 11 shows the fit's own numbers: the loss falls to H(p) while KL falls to zero."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes.kit import format_value
from scenes.parts.p11_training import Training, TrainingParams

# The default fit must end this close to the data (bits): KL below a thousandth of a bit.
FINAL_KL_TOLERANCE = 1e-3


def _descend(target, logits, rate: float, steps: int, log=np.log2) -> list[dict[str, float]]:
    """Gradient descent on the cross-entropy, written out here rather than taken from
    infotheory: q = softmax(θ), θ ← θ − rate·(q − p). Loss, KL and H at every step."""
    p, theta = np.asarray(target, float), np.asarray(logits, float)
    entropy = float(-(p * log(p)).sum())
    steps_seen = []
    for _ in range(steps + 1):
        q = np.exp(theta - theta.max())
        q /= q.sum()
        loss = float(-(p * log(q)).sum())
        steps_seen.append({"loss": loss, "KL": float((p * log(p / q)).sum()), "H": entropy})
        theta = theta - rate * (q - p)
    return steps_seen


def _check_steps(scene, params: TrainingParams, log=np.log2) -> None:
    worked = _descend(params.target, params.initial_logits, params.learning_rate, params.steps, log)
    assert sorted(scene.step_readouts) == list(params.show_steps)
    for k, shown in scene.step_readouts.items():
        for key, expected in worked[k].items():
            assert shown[key].value == pytest.approx(expected, rel=1e-9, abs=1e-12), (k, key)
            assert shown[key].text == format_value(expected), (k, key)
        assert shown["loss"].label == "H(p, q_theta)"
        assert shown["KL"].label == '"KL"(p || q_theta)'
        assert shown["H"].label == "H(p)"


def test_every_shown_step_reads_gradient_descent_worked_here(play):
    _check_steps(play(Training), TrainingParams())


def test_cross_entropy_minus_kl_is_the_entropy_at_every_shown_step(play):
    scene = play(Training)
    p = np.array(TrainingParams().target)
    entropy = float(-(p * np.log2(p)).sum())
    kls = []
    for k, shown in scene.step_readouts.items():
        loss, kl = shown["loss"].value, shown["KL"].value
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
    params = TrainingParams()
    last = _descend(params.target, params.initial_logits, params.learning_rate, params.steps)[-1]
    record = scene.beat_record("same")
    shown = {k: record.shown[f"stack.{k}"] for k in ("H", "KL", "CE")}
    assert shown["H"].text == format_value(last["H"]) == "2.098"
    assert shown["CE"].text == format_value(last["loss"])
    assert shown["KL"].value == pytest.approx(last["KL"], rel=1e-6, abs=1e-15)
    # The bar as drawn: its two segments add up to the whole, the first as tall as H.
    e_height, kl_height, total = scene.stack.segment_heights()
    assert abs(e_height + kl_height - total) / scene.stack.unit_height < 1e-9
    assert e_height / scene.stack.unit_height == pytest.approx(last["H"], rel=1e-9)
    assert total / scene.stack.unit_height == pytest.approx(last["loss"], rel=1e-9)


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
    _check_steps(scene, params, log=np.log)
    h = -(0.2 * math.log(0.2) + 0.3 * math.log(0.3) + 0.5 * math.log(0.5))
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
