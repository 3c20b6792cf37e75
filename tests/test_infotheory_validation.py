"""Every validation error: the message names the argument, the fault and where it is."""

import math

import numpy as np
import pytest

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

GOOD = [0.2, 0.3, 0.5]

# Distribution-valued arguments: (call with the bad value in its slot, argument name).
DISTRIBUTION_SLOTS = {
    "as_distribution": (lambda v: it.as_distribution(v), "p"),
    "entropy": (lambda v: it.entropy(v), "p"),
    "cross_entropy.p": (lambda v: it.cross_entropy(v, GOOD), "p"),
    "cross_entropy.q": (lambda v: it.cross_entropy(GOOD, v), "q"),
    "kl_divergence.p": (lambda v: it.kl_divergence(v, GOOD), "p"),
    "kl_divergence.q": (lambda v: it.kl_divergence(GOOD, v), "q"),
    "running_average.p": (lambda v: it.running_average_surprise(v, GOOD), "p"),
    "running_average.q": (lambda v: it.running_average_surprise(GOOD, v), "q"),
    "fit_softmax": (lambda v: it.fit_softmax(v), "target"),
    "optimal_model": (lambda v: it.optimal_model(v), "target"),
    "Distribution": (lambda v: it.categorical(["a", "b", "c"], v), "probs"),
}
ELEMENTWISE_SLOTS = {
    "as_probability": (lambda v: it.as_probability(v), "p"),
    "surprisal": (lambda v: it.surprisal(v), "p"),
    "binary_entropy": (lambda v: it.binary_entropy(v), "x"),
}
ALL_SLOTS = (
    DISTRIBUTION_SLOTS
    | ELEMENTWISE_SLOTS
    | {
        "normalize": (lambda v: it.normalize(v), "weights"),
    }
)


def slots(table):
    return pytest.mark.parametrize(("call", "name"), table.values(), ids=table.keys())


@slots(ALL_SLOTS)
@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ([0.5, -0.1, 0.6], r"\[1\] = -0\.1 is negative"),
        ([0.5, math.nan, 0.5], r"\[1\] is NaN"),
        ([math.inf, 0.0, 0.0], r"\[0\] is inf \(must be finite\)"),
        ([0.5, 0.5, -math.inf], r"\[2\] is -inf \(must be finite\)"),
    ],
    ids=["negative", "nan", "inf", "-inf"],
)
def test_bad_entries_are_located(call, name, value, fault):
    with pytest.raises(ValueError, match=rf"^{name}{fault}"):
        call(value)


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ([[0.5, 0.5, 0.0], [0.5, -0.1, 0.6]], r"p\[1, 1\] = -0\.1 is negative"),
        ([[0.5, 0.5, 0.0], [math.nan, 0.5, 0.5]], r"p\[1, 0\] is NaN"),
        ([[[1.0], [math.inf]]], r"p\[0, 1, 0\] is inf"),
    ],
)
def test_bad_entries_in_batches_give_the_full_index(value, where):
    with pytest.raises(ValueError, match=where):
        it.entropy(value)


@slots(ELEMENTWISE_SLOTS)
def test_elementwise_probabilities_above_one(call, name):
    with pytest.raises(ValueError, match=rf"^{name}\[2\] = 1\.5 is greater than 1"):
        call([0.0, 1.0, 1.5])
    with pytest.raises(ValueError, match=rf"^{name} = 1\.0000001 is greater than 1"):
        call(1.0000001)
    with pytest.raises(ValueError, match=rf"^{name} = -0\.5 is negative"):
        call(-0.5)


@slots(DISTRIBUTION_SLOTS)
def test_bad_sum_gives_the_sum_and_points_to_normalize(call, name):
    with pytest.raises(
        ValueError, match=rf"^{name} sums to 0\.9, not 1 \(atol=1e-09\).*infotheory\.normalize\(\)"
    ):
        call([0.2, 0.3, 0.4])
    with pytest.raises(ValueError, match=rf"^{name} sums to 1\.000001"):
        call([0.2, 0.3, 0.500001])


def test_bad_sum_in_a_batch_names_the_row():
    p = [[0.5, 0.5], [0.5, 0.4], [0.3, 0.3]]
    with pytest.raises(ValueError, match=r"p\[1, :\] sums to 0\.9.*normalize"):
        it.entropy(p)
    with pytest.raises(ValueError, match=r"p\[:, 1\] sums to 0\.9.*normalize"):
        it.entropy(np.transpose(p), axis=0)
    with pytest.raises(ValueError, match=r"q\[1, :\] sums to 0\.9"):
        it.kl_divergence([0.5, 0.5], p)
    with pytest.raises(ValueError, match=r"p \(all entries, axis=None\) sums to 2\.0"):
        it.entropy([[0.5, 0.5], [0.5, 0.5]], axis=None)


@slots(ALL_SLOTS)
@pytest.mark.parametrize("empty", [[], np.empty((0, 3)), np.empty((3, 0))], ids=str)
def test_empty_input(call, name, empty):
    with pytest.raises(ValueError, match=rf"^{name} is empty"):
        call(empty)


def test_scalars_are_not_distributions():
    with pytest.raises(ValueError, match="p must be an array of outcome probabilities"):
        it.entropy(1.0)
    with pytest.raises(ValueError, match="q must be an array of outcome probabilities"):
        it.cross_entropy([1.0], 1.0)


@pytest.mark.parametrize("f", [it.cross_entropy, it.kl_divergence])
def test_outcome_count_mismatch_names_both_shapes(f):
    with pytest.raises(ValueError, match=r"p has 2 outcomes but q has 3.*\(2,\).*\(3,\)"):
        f([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match=r"p has 3 outcomes but q has 2.*\(4, 3\).*\(2,\)"):
        f(np.full((4, 3), 1 / 3), [0.5, 0.5])
    # A single-outcome distribution is not broadcast across outcomes.
    with pytest.raises(ValueError, match="p has 1 outcomes but q has 2"):
        f([1.0], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"batch axes of p.shape=\(2, 2\) and q.shape=\(3, 2\)"):
        f(np.full((2, 2), 0.5), np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match=r"same shape with axis=None.*\(2, 2\).*\(4,\)"):
        f(np.full((2, 2), 0.25), np.full(4, 0.25), axis=None)
    with pytest.raises(ValueError, match="use a negative axis"):
        f([0.5, 0.5], np.full((3, 2), 0.5), axis=0)


def test_axis_errors():
    with pytest.raises(np.exceptions.AxisError, match="axis=1 is out of range for p"):
        it.entropy(GOOD, axis=1)
    with pytest.raises(ValueError, match="axis=-3 is out of range"):
        it.kl_divergence(GOOD, GOOD, axis=-3)
    with pytest.raises(TypeError, match="axis must be an int or None"):
        it.entropy(GOOD, axis="0")
    with pytest.raises(TypeError, match="axis must be an int or None"):
        it.entropy(GOOD, axis=True)


@slots(ALL_SLOTS)
@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("abc", "got str"),
        (None, "got NoneType"),
        (np.array([0.5, 0.5], dtype=object), "got Python objects"),
        ([0.5, None], "got Python objects"),
        ([0.5 + 0j, 0.5], "got complex numbers"),
        ([True, False], "got booleans"),
        (np.array(["0.5", "0.5"]), "got strings"),
    ],
    ids=["str", "None", "object", "None-entry", "complex", "bool", "str-array"],
)
def test_non_numeric_input_is_a_type_error(call, name, value, what):
    with pytest.raises(TypeError, match=rf"^{name} must .*{what}"):
        call(value)


def test_ragged_input():
    with pytest.raises(ValueError, match="p must be a rectangular array"):
        it.entropy([[0.5, 0.5], [1.0]])


@pytest.mark.parametrize("atol", [-1e-9, math.nan, math.inf, "1e-9", True])
def test_bad_atol(atol):
    with pytest.raises((ValueError, TypeError), match="atol"):
        it.entropy(GOOD, atol=atol)
    with pytest.raises((ValueError, TypeError), match="atol"):
        it.as_distribution(GOOD, atol=atol)


def test_as_distribution_returns_float64_and_accepts_what_it_should():
    assert it.as_distribution([1, 0]).dtype == np.float64
    out = it.as_distribution(it.fair_die())
    assert out.dtype == np.float64
    assert out.shape == (6,)
    np.testing.assert_array_equal(it.as_distribution(np.eye(3), axis=0), np.eye(3))
    np.testing.assert_array_equal(it.as_distribution(np.eye(2) / 2, axis=None), np.eye(2) / 2)
    np.testing.assert_array_equal(it.as_probability(0.3), np.array(0.3))
    named = it.as_distribution([0.5, 0.5], name="model")
    assert named.tolist() == [0.5, 0.5]
    with pytest.raises(ValueError, match=r"^model\[0\] = -1\.0 is negative"):
        it.as_distribution([-1.0, 2.0], name="model")


# ---------------------------------------------------------------------------- normalize
def test_normalize_values():
    np.testing.assert_allclose(it.normalize([1, 3]), [0.25, 0.75], rtol=1e-15)
    np.testing.assert_allclose(it.normalize([[1, 1], [0, 2]]), [[0.5, 0.5], [0, 1]])
    np.testing.assert_allclose(it.normalize([[1, 0], [3, 2]], axis=0), [[0.25, 0], [0.75, 1]])
    np.testing.assert_allclose(it.normalize([[1, 1], [1, 1]], axis=None), np.full((2, 2), 0.25))
    np.testing.assert_allclose(it.normalize([1e308, 1e308, 0]), [0.5, 0.5, 0])  # no overflow
    np.testing.assert_allclose(it.normalize([5e-324, 1.5e-323]), [0.25, 0.75])  # subnormal
    np.testing.assert_allclose(it.normalize(it.fair_coin()), [0.5, 0.5])


def test_normalize_returns_a_new_array():
    w = np.array([1.0, 1.0])
    out = it.normalize(w)
    assert out is not w
    np.testing.assert_array_equal(w, [1.0, 1.0])


def test_normalize_errors():
    with pytest.raises(ValueError, match=r"^weights is all zeros"):
        it.normalize([0, 0, 0])
    with pytest.raises(ValueError, match=r"^weights\[1, :\] is all zeros"):
        it.normalize([[1, 0], [0, 0]])
    with pytest.raises(ValueError, match=r"^weights\[:, 1\] is all zeros"):
        it.normalize([[1, 0], [1, 0]], axis=0)
    with pytest.raises(ValueError, match=r"^weights is all zeros"):
        it.normalize([[0, 0], [0, 0]], axis=None)
    with pytest.raises(ValueError, match=r"^weights\[1, 0\] = -1\.0 is negative"):
        it.normalize([[1, 2], [-1, 2]])
    with pytest.raises(ValueError, match=r"weights must be an array of outcome probabilities"):
        it.normalize(3.0)


def float32_softmax(n: int, seed: int) -> np.ndarray:
    """A model's output as ML code makes it: exp and its sum in float32."""
    z = np.random.default_rng(seed).normal(scale=3.0, size=n).astype(np.float32)
    e = np.exp(z - z.max())
    return e / np.cumsum(e)[-1]  # a running float32 sum, like a simple kernel's


@pytest.mark.parametrize("n", [2, 10, 1000, 50_000])
def test_a_float32_softmax_is_accepted(n):
    p = float32_softmax(n, seed=n)
    assert p.dtype == np.float32
    assert abs(p.astype(np.float64).sum() - 1.0) > it.DEFAULT_ATOL  # float64 would refuse it
    uniform = np.full(n, 1 / n, dtype=np.float32)
    assert it.entropy(p) <= math.log2(n)
    assert it.kl_divergence(p, uniform) >= 0.0
    assert it.cross_entropy(uniform, p) > 0.0
    assert it.as_distribution(p).dtype == np.float64
    assert np.array_equal(it.as_distribution(np.stack([p, p])), np.stack([p, p]).astype(float))


def test_float32_everywhere_a_distribution_goes():
    p = float32_softmax(4, seed=1)
    assert abs(p.astype(np.float64).sum() - 1.0) > it.DEFAULT_ATOL
    labels = ["a", "b", "c", "d"]
    assert it.categorical(labels, p).probs.dtype == np.float64
    assert it.joint_entropy(it.independent_joint(p, p).astype(np.float32)) > 0
    assert it.entropy_of_draws(p, 3) == pytest.approx(3 * it.entropy(p), rel=1e-12)


@pytest.mark.parametrize("off", [1e-4, -1e-3])
def test_a_float32_vector_off_by_a_real_amount_is_refused(off):
    p = np.array([0.25, 0.25, 0.25, 0.25 + off], dtype=np.float32)
    with pytest.raises(
        ValueError,
        match=r"^p sums to .* not 1 \(tolerance 1\.9e-06 = 8 ε √n for 4 float32 "
        r"outcomes; float64 input is held to atol=1e-09\)",
    ):
        it.entropy(p)
    with pytest.raises(ValueError, match=r"^q sums to .*float32"):
        it.kl_divergence([0.25] * 4, p)


def test_float64_stays_strict():
    p = float32_softmax(10, seed=3).astype(np.float64)  # the same numbers, claimed as float64
    with pytest.raises(ValueError, match=r"^p sums to .*\(atol=1e-09\)"):
        it.entropy(p)


def test_the_tolerance_scales_with_precision_and_length():
    eps32 = float(np.finfo(np.float32).eps)
    assert it.sum_tolerance(1e-9, np.float64, 10**6) == 1e-9
    assert it.sum_tolerance(1e-9, np.int64, 10) == 1e-9
    assert it.sum_tolerance(1e-9, np.float32, 10) == pytest.approx(8 * eps32 * math.sqrt(10))
    assert it.sum_tolerance(1e-9, np.float32, 400) == pytest.approx(8 * eps32 * 20)
    assert it.sum_tolerance(1e-3, np.float32, 10) == 1e-3  # a looser atol still wins
    assert it.sum_tolerance(1e-9, np.float16, 4) > it.sum_tolerance(1e-9, np.float32, 4)
