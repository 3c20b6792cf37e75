"""Curves: shapes, exact landmarks (0 at p = 1, peak at 1/2, minimum at the truth), sampling."""

import math

import numpy as np
import pytest

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")


# ---------------------------------------------------------------------------- surprise
def test_surprise_curve_defaults():
    p, s = it.surprise_curve()
    assert p.shape == s.shape == (400,)
    assert p[0] == 1 / 64
    assert p[-1] == 1.0
    assert s[0] == pytest.approx(6.0, rel=1e-15, abs=0)
    assert s[-1] == 0.0
    assert not np.signbit(s[-1])
    assert np.all(np.diff(p) > 0)
    assert np.all(np.diff(s) < 0)  # strictly decreasing
    np.testing.assert_allclose(s, -np.log2(p), rtol=1e-15, atol=0)


def test_surprise_curve_options():
    p, s = it.surprise_curve(0.1, 0.5, num=5, unit="nats")
    np.testing.assert_allclose(p, [0.1, 0.2, 0.3, 0.4, 0.5])
    np.testing.assert_allclose(s, -np.log(p), rtol=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"p_min": 0.0}, ValueError, r"p_min=0\.0 is outside \(0, 1\)"),
        ({"p_min": 0.5, "p_max": 0.5}, ValueError, r"p_min=0\.5 is outside \(0, 0\.5\)"),
        ({"p_max": 1.5}, ValueError, r"p_max=1\.5 is outside \(0, 1\]"),
        ({"num": 1}, ValueError, "num=1 must be at least 2"),
        ({"num": 10.0}, TypeError, "num must be an int"),
    ],
)
def test_surprise_curve_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        it.surprise_curve(**kwargs)


# ---------------------------------------------------------------------------- binary entropy
@pytest.mark.parametrize("num", [3, 101, 401, 1001])
def test_binary_entropy_curve_peaks_exactly_at_one_half(num):
    x, h = it.binary_entropy_curve(num)
    assert x.shape == h.shape == (num,)
    assert (x[0], x[-1]) == (0.0, 1.0)
    assert h[0] == h[-1] == 0.0
    assert not np.signbit(h).any()
    peak = int(np.argmax(h))
    assert peak == num // 2
    assert x[peak] == 0.5
    assert h[peak] == pytest.approx(1.0, rel=1e-15, abs=0)
    np.testing.assert_allclose(h, h[::-1], rtol=1e-13, atol=1e-16)  # symmetric grid


def test_binary_entropy_curve_even_num_and_units():
    x, h = it.binary_entropy_curve(4, unit="nats")
    np.testing.assert_allclose(x, [0, 1 / 3, 2 / 3, 1])
    np.testing.assert_allclose(h, it.binary_entropy(x, "nats"))
    assert h.max() < math.log(2)
    with pytest.raises(ValueError, match="num=1 must be at least 2"):
        it.binary_entropy_curve(1)


# ---------------------------------------------------------------------------- coin CE
@pytest.mark.parametrize("true_heads", [0.5, 0.3, 0.9, 0.123456789, 0.02, 0.98, 0.021, 0.979])
def test_coin_cross_entropy_minimum_is_the_entropy_at_the_truth(true_heads):
    q, ce = it.coin_cross_entropy_curve(true_heads)
    assert q.shape == ce.shape == (401,)
    assert (q[0], q[-1]) == (0.02, 0.98)
    assert np.all(np.diff(q) > 0)
    best = int(np.argmin(ce))
    assert q[best] == true_heads
    assert ce[best] == pytest.approx(it.binary_entropy(true_heads), rel=1e-12, abs=0)
    assert ce[best] == pytest.approx(it.entropy([true_heads, 1 - true_heads]), rel=1e-14, abs=0)
    expected = -true_heads * np.log2(q) - (1 - true_heads) * np.log2(1 - q)
    np.testing.assert_allclose(ce, expected, rtol=1e-13)


@pytest.mark.parametrize(("true_heads", "end"), [(0.01, 0), (0.0, 0), (0.99, -1), (1.0, -1)])
def test_coin_cross_entropy_truth_outside_the_range(true_heads, end):
    q, ce = it.coin_cross_entropy_curve(true_heads)
    np.testing.assert_allclose(q, np.linspace(0.02, 0.98, 401))  # grid untouched
    assert int(np.argmin(ce)) == range(len(q))[end]


def test_coin_cross_entropy_options():
    q, ce = it.coin_cross_entropy_curve(0.25, q_min=0.0, q_max=1.0, num=5, unit="nats")
    np.testing.assert_array_equal(q, [0.0, 0.25, 0.5, 0.75, 1.0])
    assert ce[0] == ce[-1] == math.inf
    assert ce[1] == pytest.approx(it.entropy([0.25, 0.75], "nats"), rel=1e-15, abs=0)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((1.5,), {}, ValueError, r"true_heads=1\.5 is outside \[0, 1\]"),
        (("0.5",), {}, TypeError, "true_heads must be a real number"),
        ((0.5,), {"q_min": 0.6, "q_max": 0.6}, ValueError, r"q_min=0\.6 is outside"),
        ((0.5,), {"q_max": 1.2}, ValueError, r"q_max=1\.2 is outside"),
        ((0.5,), {"num": 2}, ValueError, "num=2 must be at least 3"),
    ],
)
def test_coin_cross_entropy_errors(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        it.coin_cross_entropy_curve(*args, **kwargs)


# ---------------------------------------------------------------------------- running average
def test_running_average_shapes_and_consistency():
    p, q = [0.5, 0.25, 0.25, 0.0], [0.25, 0.25, 0.25, 0.25]
    r = it.running_average_surprise(p, q, num_samples=300, seed=3)
    assert r.samples.shape == r.surprises.shape == r.running_mean.shape == (300,)
    assert np.issubdtype(r.samples.dtype, np.integer)
    assert set(np.unique(r.samples)) <= {0, 1, 2}  # the impossible outcome is never drawn
    np.testing.assert_allclose(r.surprises, it.surprisal(np.asarray(q)[r.samples]))
    np.testing.assert_allclose(r.running_mean, np.cumsum(r.surprises) / np.arange(1, 301))
    assert r.target == it.cross_entropy(p, q)
    assert type(r.target) is float


def test_running_average_converges_to_cross_entropy():
    p, q = [0.5, 0.5], [0.9, 0.1]
    r = it.running_average_surprise(p, q, num_samples=200_000, seed=1)
    assert r.target == pytest.approx(1.736965594166206, rel=1e-12, abs=0)
    errors = np.abs(r.running_mean - r.target)
    assert errors[-1] < 0.02
    assert errors[-1000:].max() < 0.03
    freq = np.bincount(r.samples, minlength=2) / len(r.samples)
    np.testing.assert_allclose(freq, p, atol=0.01)


def test_running_average_is_deterministic_per_seed():
    p, q = it.thick_coin(), it.fair_die(3)
    a = it.running_average_surprise(p, q, seed=7)
    b = it.running_average_surprise(p, q, seed=7)
    c = it.running_average_surprise(p, q, seed=8)
    np.testing.assert_array_equal(a.samples, b.samples)
    np.testing.assert_array_equal(a.running_mean, b.running_mean)
    assert not np.array_equal(a.samples, c.samples)
    assert len(a.samples) == 500


def test_running_average_with_an_impossible_model_outcome_is_infinite():
    r = it.running_average_surprise([0.5, 0.5], [1.0, 0.0], num_samples=100)
    assert r.target == math.inf
    assert r.running_mean[-1] == math.inf


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (([0.5, 0.5], [1.0]), {}, ValueError, "p has 2 outcomes but q has 1"),
        (([[0.5, 0.5]], [0.5, 0.5]), {}, ValueError, "single 1-D distributions"),
        (([0.5, 0.5], [0.5, 0.5]), {"num_samples": 0}, ValueError, "num_samples=0"),
        (([0.5, 0.5], [0.5, 0.5]), {"num_samples": 1.5}, TypeError, "num_samples must be"),
        (([0.5, 0.6], [0.5, 0.5]), {}, ValueError, "p sums to 1.1"),
    ],
)
def test_running_average_errors(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        it.running_average_surprise(*args, **kwargs)
