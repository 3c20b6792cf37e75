"""Named distributions: values, the Distribution type, and constructor errors."""

import dataclasses
import math

import numpy as np
import pytest

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")


def test_fair_coin():
    d = it.fair_coin()
    assert d.outcomes == ("heads", "tails")
    np.testing.assert_array_equal(d.probs, [0.5, 0.5])
    assert it.entropy(d) == pytest.approx(1.0, rel=1e-12, abs=0)


@pytest.mark.parametrize("edge", [0.0, 0.1, 0.5, 0.999])
def test_thick_coin(edge):
    d = it.thick_coin(edge)
    assert d.outcomes == ("heads", "tails", "edge")
    np.testing.assert_allclose(d.probs, [(1 - edge) / 2, (1 - edge) / 2, edge], rtol=1e-15)
    assert d.probability("heads") == d.probability("tails")


def test_thick_coin_default_is_the_reference_coin():
    np.testing.assert_allclose(it.thick_coin().probs, [0.45, 0.45, 0.1], rtol=1e-15)
    assert it.entropy(it.thick_coin()) == pytest.approx(1.3689955935892812, rel=1e-12, abs=0)


@pytest.mark.parametrize("heads", [0.0, 0.25, 0.9, 1.0])
def test_rigged_coin(heads):
    d = it.rigged_coin(heads)
    assert d.outcomes == ("heads", "tails")
    np.testing.assert_allclose(d.probs, [heads, 1 - heads], rtol=1e-15)
    assert it.entropy(d) == pytest.approx(it.binary_entropy(heads), rel=1e-12, abs=1e-15)


def test_rigged_coin_default():
    assert it.rigged_coin().as_dict() == pytest.approx({"heads": 0.9, "tails": 0.1})
    assert it.entropy(it.rigged_coin()) == pytest.approx(0.46899559358928117, rel=1e-12, abs=0)


@pytest.mark.parametrize("faces", [2, 6, 20, np.int64(8)])
def test_fair_die(faces):
    d = it.fair_die(faces)
    assert d.outcomes == tuple(str(k) for k in range(1, faces + 1))
    np.testing.assert_allclose(d.probs, np.full(faces, 1 / faces), rtol=1e-15)
    assert it.entropy(d) == pytest.approx(math.log2(faces), rel=1e-12, abs=0)


def test_fair_die_default_has_six_faces():
    assert len(it.fair_die()) == 6


def test_uniform_and_categorical():
    u = it.uniform(["rock", "paper", "scissors"])
    np.testing.assert_allclose(u.probs, [1 / 3] * 3, rtol=1e-15)
    c = it.categorical(("a", "b", "c"), [0.2, 0.3, 0.5])
    assert c.as_dict() == {"a": 0.2, "b": 0.3, "c": 0.5}
    assert c.probability("c") == 0.5
    assert type(c.probability("c")) is float
    assert c == it.Distribution(("a", "b", "c"), np.array([0.2, 0.3, 0.5]))
    assert c != it.categorical(("a", "b", "c"), [0.3, 0.2, 0.5])
    assert c != it.categorical(("x", "b", "c"), [0.2, 0.3, 0.5])
    assert hash(c) == hash(it.categorical(["a", "b", "c"], [0.2, 0.3, 0.5]))
    assert repr(c) == "Distribution({'a': 0.2, 'b': 0.3, 'c': 0.5})"


def test_uniform_takes_a_count_of_outcomes():
    ten = it.uniform(10)
    assert ten.outcomes == tuple(str(k) for k in range(1, 11))
    assert ten.as_dict()["7"] == 0.1
    assert it.uniform(np.int64(3)) == it.uniform(["1", "2", "3"])
    assert it.uniform(1).as_dict() == {"1": 1.0}
    assert it.fair_die(6) == it.uniform(6)


def test_distribution_is_immutable_and_owns_its_probs():
    source = np.array([0.5, 0.5])
    d = it.categorical(["a", "b"], source)
    source[0] = 0.9
    assert d.probs[0] == 0.5
    with pytest.raises(ValueError, match="read-only"):
        d.probs[0] = 0.1
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.outcomes = ("x", "y")  # type: ignore[misc]
    assert np.asarray(d).flags.writeable is False
    copied = np.array(d)
    assert copied.flags.writeable
    assert np.asarray(d, dtype=np.float32).dtype == np.float32


def test_probability_of_unknown_outcome():
    with pytest.raises(KeyError, match="unknown outcome 'edge'; outcomes are: heads, tails"):
        it.fair_coin().probability("edge")


COIN, DIE = it.rigged_coin(0.7), it.fair_die(4)
EVERY_FUNCTION = {
    "as_distribution": lambda: it.as_distribution(COIN),
    "as_probability": lambda: it.as_probability(COIN),
    "normalize": lambda: it.normalize(COIN),
    "surprisal": lambda: it.surprisal(COIN),
    "binary_entropy": lambda: it.binary_entropy(COIN),
    "entropy": lambda: it.entropy(COIN),
    "entropy-none": lambda: it.entropy(COIN, axis=None),
    "cross_entropy": lambda: it.cross_entropy(COIN, it.fair_coin()),
    "kl_divergence": lambda: it.kl_divergence(COIN, it.fair_coin()),
    "running_average_surprise": lambda: it.running_average_surprise(DIE, DIE, 50).target,
    "fit_softmax": lambda: it.fit_softmax(DIE, steps=3).cross_entropy,
    "optimal_model": lambda: it.optimal_model(DIE).q,
}
SAME_WITH_ARRAYS = {
    "as_distribution": lambda: it.as_distribution(COIN.probs),
    "as_probability": lambda: it.as_probability(COIN.probs),
    "normalize": lambda: it.normalize(COIN.probs),
    "surprisal": lambda: it.surprisal(COIN.probs),
    "binary_entropy": lambda: it.binary_entropy(COIN.probs),
    "entropy": lambda: it.entropy(COIN.probs),
    "entropy-none": lambda: it.entropy(COIN.probs, axis=None),
    "cross_entropy": lambda: it.cross_entropy(COIN.probs, [0.5, 0.5]),
    "kl_divergence": lambda: it.kl_divergence(COIN.probs, [0.5, 0.5]),
    "running_average_surprise": lambda: (
        it.running_average_surprise(DIE.probs, DIE.probs, 50).target
    ),
    "fit_softmax": lambda: it.fit_softmax(DIE.probs, steps=3).cross_entropy,
    "optimal_model": lambda: it.optimal_model(DIE.probs).q,
}


@pytest.mark.parametrize("name", EVERY_FUNCTION)
def test_distribution_works_with_every_function(name):
    np.testing.assert_array_equal(EVERY_FUNCTION[name](), SAME_WITH_ARRAYS[name]())


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: it.thick_coin(1.0), ValueError, r"edge=1\.0 is outside \[0, 1\); edge is"),
        (lambda: it.thick_coin(-0.1), ValueError, r"edge=-0\.1 is outside \[0, 1\)"),
        (lambda: it.thick_coin(math.nan), ValueError, "edge=nan is not finite"),
        (lambda: it.thick_coin("0.1"), TypeError, "edge must be a real number"),
        (lambda: it.thick_coin(True), TypeError, "edge must be a real number"),
        (lambda: it.rigged_coin(1.1), ValueError, r"heads=1\.1 is outside \[0, 1\]"),
        (lambda: it.rigged_coin(-0.01), ValueError, r"heads=-0\.01 is outside \[0, 1\]"),
        (lambda: it.rigged_coin(None), TypeError, "heads must be a real number"),
        (lambda: it.fair_die(1), ValueError, "faces=1 must be at least 2"),
        (lambda: it.fair_die(0), ValueError, "faces=0 must be at least 2"),
        (lambda: it.fair_die(6.0), TypeError, "faces must be an int"),
        (lambda: it.fair_die(True), TypeError, "faces must be an int"),
        (lambda: it.fair_die("6"), TypeError, "faces must be an int"),
        (lambda: it.uniform([]), ValueError, "outcomes is empty"),
        (lambda: it.uniform(0), ValueError, "outcomes=0 must be at least 1"),
        (lambda: it.uniform(-3), ValueError, "outcomes=-3 must be at least 1"),
        (lambda: it.uniform(10.0), TypeError, r"outcomes must be .* a count .*got 10\.0 \(float\)"),
        (lambda: it.uniform(True), TypeError, r"outcomes must be .* a count .*got True \(bool\)"),
        (lambda: it.uniform(None), TypeError, r"outcomes must be a sequence of labels or a count"),
        (
            lambda: it.categorical(3, [0.5, 0.5]),
            TypeError,
            r"outcomes must be a sequence of string",
        ),
        (lambda: it.uniform("abc"), TypeError, "not the single string 'abc'"),
        (lambda: it.uniform(["a", 2]), TypeError, r"outcomes\[1\] = 2 is not a string"),
        (lambda: it.uniform(["a", "b", "a"]), ValueError, "outcomes must be unique.*'a'"),
        (
            lambda: it.categorical(["a", "b"], [0.2, 0.3, 0.5]),
            ValueError,
            "outcomes has 2 labels but probs has 3 entries",
        ),
        (lambda: it.categorical(["a", "b"], [0.2, 0.3]), ValueError, "probs sums to 0.5"),
        (
            lambda: it.categorical(["a", "b"], [[0.5, 0.5]]),
            ValueError,
            r"probs must be 1-D, got shape \(1, 2\)",
        ),
        (lambda: it.categorical(["a"], [-1.0]), ValueError, r"probs\[0\] = -1\.0 is negative"),
    ],
)
def test_constructor_errors(make, error, message):
    with pytest.raises(error, match=message):
        make()
