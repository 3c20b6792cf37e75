"""Softmax fit: convergence, the CE = H + KL bookkeeping, and the scipy cross-check."""

import math

import numpy as np
import pytest

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

TARGET = np.array([0.6, 0.25, 0.1, 0.05])


def test_fit_shapes_and_start():
    fit = it.fit_softmax(TARGET, steps=7)
    assert fit.logits.shape == fit.q.shape == (8, 4)
    assert fit.cross_entropy.shape == fit.kl.shape == (8,)
    assert type(fit.entropy) is float
    np.testing.assert_array_equal(fit.logits[0], np.zeros(4))
    np.testing.assert_allclose(fit.q[0], np.full(4, 0.25))  # uniform model
    assert fit.cross_entropy[0] == pytest.approx(2.0, rel=1e-15, abs=0)  # log2 4 bits
    np.testing.assert_array_equal(fit.target, TARGET)
    np.testing.assert_allclose(fit.q, it.softmax(fit.logits), rtol=1e-15)


def test_zero_steps():
    fit = it.fit_softmax(TARGET, steps=0)
    assert fit.logits.shape == (1, 4)
    assert fit.cross_entropy.shape == (1,)


def test_each_step_is_a_gradient_step():
    lr = 0.3
    fit = it.fit_softmax(TARGET, learning_rate=lr, steps=5)
    for k in range(5):
        np.testing.assert_allclose(
            fit.logits[k + 1], fit.logits[k] - lr * (fit.q[k] - TARGET), rtol=1e-15
        )


def test_fit_converges_to_the_target():
    fit = it.fit_softmax(TARGET, learning_rate=2.0, steps=2000)
    assert fit.kl[-1] < 1e-6
    assert fit.kl[0] > 0.3
    np.testing.assert_allclose(fit.q[-1], TARGET, atol=1e-3)
    assert fit.cross_entropy[-1] == pytest.approx(it.entropy(TARGET), rel=1e-6, abs=0)
    # Gradient descent with a step below 2/L (L <= 1 here) never increases the loss.
    assert np.all(np.diff(fit.cross_entropy) <= 1e-15)


@pytest.mark.parametrize(
    ("target", "logits0", "unit"),
    [
        (TARGET, None, "bits"),
        (TARGET, [3.0, -2.0, 0.5, 10.0], "nats"),
        (np.array([0.7, 0.3, 0.0]), None, "bits"),
        (it.fair_die(6), np.arange(6.0), 10),
    ],
)
def test_cross_entropy_minus_kl_is_entropy_at_every_step(target, logits0, unit):
    fit = it.fit_softmax(target, logits0, learning_rate=0.8, steps=300, unit=unit)
    assert fit.entropy == pytest.approx(it.entropy(target, unit), rel=1e-15, abs=0)
    np.testing.assert_allclose(fit.cross_entropy - fit.kl, fit.entropy, rtol=0, atol=1e-12)
    assert np.all(fit.kl >= 0)


def test_zeros_in_the_target_are_only_approached():
    fit = it.fit_softmax([0.7, 0.3, 0.0], steps=2000, learning_rate=1.0)
    assert np.all(fit.q[:, 2] > 0)
    assert np.all(np.diff(fit.q[:, 2]) < 0)
    assert fit.kl[-1] < 1e-2 * fit.kl[0]


def test_agrees_with_scipy_optimum():
    best = it.optimal_model(TARGET)
    np.testing.assert_allclose(best.q, TARGET, atol=1e-9)
    assert best.cross_entropy == pytest.approx(it.entropy(TARGET), rel=1e-12, abs=0)
    fit = it.fit_softmax(TARGET, learning_rate=2.0, steps=2000)
    np.testing.assert_allclose(fit.q[-1], best.q, atol=1e-3)
    assert fit.cross_entropy[-1] == pytest.approx(best.cross_entropy, rel=1e-6, abs=0)
    q, ce = best  # unpacks like a tuple
    assert q is best.q
    assert ce == best.cross_entropy


@pytest.mark.parametrize("seed", range(5))
def test_optimal_model_on_random_targets(seed):
    rng = np.random.default_rng(seed)
    target = rng.dirichlet(np.ones(rng.integers(2, 12)))
    best = it.optimal_model(target, unit="nats")
    np.testing.assert_allclose(best.q, target, atol=1e-9)
    assert best.cross_entropy == pytest.approx(it.entropy(target, "nats"), rel=1e-12, abs=0)


def test_optimal_model_with_a_zero_in_the_target():
    best = it.optimal_model([0.7, 0.3, 0.0])
    assert best.q[2] < 1e-9
    np.testing.assert_allclose(best.q[:2], [0.7, 0.3], atol=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"learning_rate": 0.0}, ValueError, r"learning_rate=0\.0 is outside \(0, inf\)"),
        ({"learning_rate": -1}, ValueError, "learning_rate=-1 is outside"),
        ({"learning_rate": math.inf}, ValueError, "learning_rate=inf is not finite"),
        ({"learning_rate": math.nan}, ValueError, "learning_rate=nan is not finite"),
        ({"learning_rate": "0.5"}, TypeError, "learning_rate must be a real number"),
        ({"steps": -1}, ValueError, "steps=-1 must be at least 0"),
        ({"steps": 1.5}, TypeError, "steps must be an int"),
        ({"steps": True}, TypeError, "steps must be an int"),
        ({"logits0": [0.0, 0.0]}, ValueError, r"logits0 must have shape \(4,\).*\(2,\)"),
        ({"logits0": [0.0, math.nan, 0, 0]}, ValueError, r"logits0\[1\] = nan"),
        ({"logits0": "zeros"}, TypeError, "logits0 must be an array of real numbers"),
        ({"target": [0.5, 0.6]}, ValueError, "target sums to 1.1.*normalize"),
        ({"target": [[0.5, 0.5]]}, ValueError, "target must be a single 1-D distribution"),
        ({"target": [-0.5, 1.5]}, ValueError, r"target\[0\] = -0\.5 is negative"),
    ],
)
def test_fit_errors(kwargs, error, message):
    kwargs = {"target": TARGET} | kwargs
    with pytest.raises(error, match=message):
        it.fit_softmax(**kwargs)


def test_optimal_model_errors():
    with pytest.raises(ValueError, match="target sums to"):
        it.optimal_model([0.5, 0.6])
    with pytest.raises(ValueError, match="target must be a single 1-D distribution"):
        it.optimal_model(np.full((2, 2), 0.5))


# ---------------------------------------------------------------------------- softmax
def test_softmax():
    q = it.softmax([1.0, 2.0, 3.0])
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(q, e / e.sum(), rtol=1e-15)
    np.testing.assert_allclose(it.softmax([1000.0, 1000.0]), [0.5, 0.5])  # no overflow
    np.testing.assert_allclose(it.softmax([-1000.0, 0.0]), [0.0, 1.0])
    np.testing.assert_allclose(it.softmax(np.array([1.0, 2.0]) + 500), it.softmax([1.0, 2.0]))
    z = np.random.default_rng(0).normal(size=(3, 5))
    np.testing.assert_allclose(it.softmax(z, axis=0), it.softmax(z.T).T)
    np.testing.assert_allclose(it.softmax(z).sum(axis=-1), 1.0, rtol=1e-15)


@pytest.mark.parametrize(
    ("logits", "error", "message"),
    [
        ([0.0, math.inf], ValueError, r"logits\[1\] = inf; logits must be finite"),
        ([[0.0], [math.nan]], ValueError, r"logits\[1, 0\] = nan"),
        ([], ValueError, "logits must be a non-empty array"),
        (1.0, ValueError, "logits must be a non-empty array"),
        ([True], TypeError, "logits must contain real numbers"),
    ],
)
def test_softmax_errors(logits, error, message):
    with pytest.raises(error, match=message):
        it.softmax(logits)
