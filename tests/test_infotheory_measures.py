"""Measures: reference values, agreement with scipy, edge cases, shapes and KL precision."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.special
import scipy.stats

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

FAIR = [0.5, 0.5]
BIASED = [0.9, 0.1]

# The only hard-coded results: a reference table in bits.
REFERENCE = [
    (it.entropy, (FAIR,), 1.0),
    (it.entropy, ([0.45, 0.45, 0.1],), 1.3689955935892812),
    (it.entropy, (BIASED,), 0.46899559358928117),
    (it.cross_entropy, (FAIR, BIASED), 1.736965594166206),
    (it.cross_entropy, (BIASED, FAIR), 1.0),
    (it.kl_divergence, (FAIR, BIASED), 0.7369655941662061),
    (it.kl_divergence, (BIASED, FAIR), 0.5310044064107188),
]


@pytest.mark.parametrize(("f", "args", "expected"), REFERENCE)
def test_reference_values_in_bits(f, args, expected):
    result = f(*args)
    assert type(result) is float
    assert result == pytest.approx(expected, rel=1e-12, abs=0)


@pytest.mark.parametrize(("f", "args", "expected"), REFERENCE)
def test_reference_values_accept_arrays_and_distributions(f, args, expected):
    as_arrays = [np.array(a) for a in args]
    as_dists = [it.categorical([f"o{i}" for i in range(len(a))], a) for a in args]
    assert f(*as_arrays) == pytest.approx(expected, rel=1e-12, abs=0)
    assert f(*as_dists) == pytest.approx(expected, rel=1e-12, abs=0)


def random_distribution(rng, shape, zeros=0.0):
    w = rng.random(shape) ** 3
    w[rng.random(shape) < zeros] = 0.0
    w[..., 0] += 1e-3  # keep every row non-zero
    return it.normalize(w)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("n", [1, 2, 7, 50, 1000])
def test_agrees_with_scipy(seed, n):
    rng = np.random.default_rng(seed)
    p = random_distribution(rng, n, zeros=0.3)
    q = random_distribution(rng, n)  # no zeros: KL finite
    for base, unit in [(2, "bits"), (math.e, "nats"), (10, 10)]:
        h = scipy.stats.entropy(p, base=base)
        kl = scipy.stats.entropy(p, q, base=base)
        assert it.entropy(p, unit) == pytest.approx(h, rel=1e-12, abs=1e-15)
        assert it.kl_divergence(p, q, unit) == pytest.approx(kl, rel=1e-10, abs=1e-15)
        assert it.cross_entropy(p, q, unit) == pytest.approx(h + kl, rel=1e-12, abs=1e-15)
    nats = -scipy.special.xlogy(p, q).sum()
    assert it.cross_entropy(p, q, "nats") == pytest.approx(nats, rel=1e-12, abs=1e-15)


def test_batched_agrees_with_scipy_along_any_axis():
    rng = np.random.default_rng(3)
    p = random_distribution(rng, (5, 6, 7), zeros=0.2)
    q = random_distribution(rng, (5, 6, 7))
    np.testing.assert_allclose(it.entropy(p), scipy.stats.entropy(p, base=2, axis=-1))
    np.testing.assert_allclose(
        it.kl_divergence(p, q), scipy.stats.entropy(p, q, base=2, axis=-1), rtol=1e-10
    )
    p0 = np.moveaxis(p, -1, 0)
    q0 = np.moveaxis(q, -1, 0)
    np.testing.assert_allclose(it.entropy(p0, axis=0), it.entropy(p))
    np.testing.assert_allclose(it.cross_entropy(p0, q0, axis=0), it.cross_entropy(p, q))
    np.testing.assert_allclose(it.kl_divergence(p0, q0, axis=0), it.kl_divergence(p, q))


def test_scalar_and_batched_return_types():
    p = np.array([[0.5, 0.5], [0.9, 0.1], [1.0, 0.0]])
    assert type(it.entropy(p[0])) is float
    batched = it.entropy(p)
    assert isinstance(batched, np.ndarray)
    assert batched.shape == (3,)
    assert type(it.entropy(p / 3, axis=None)) is float
    assert isinstance(it.cross_entropy(p, p), np.ndarray)
    assert type(it.surprisal(0.5)) is float
    assert type(it.surprisal(np.float64(0.5))) is float
    assert isinstance(it.surprisal([0.5]), np.ndarray)
    assert type(it.binary_entropy(0.5)) is float
    assert isinstance(it.binary_entropy([0.5, 0.2]), np.ndarray)


def test_axis_none_is_one_joint_distribution():
    joint = np.outer([0.5, 0.5], [0.9, 0.1])
    assert it.entropy(joint, axis=None) == pytest.approx(1 + 0.46899559358928117, rel=1e-12, abs=0)
    model = np.full((2, 2), 0.25)
    assert it.cross_entropy(joint, model, axis=None) == pytest.approx(2.0, rel=1e-12, abs=0)
    assert it.kl_divergence(joint, model, axis=None) == pytest.approx(
        2.0 - it.entropy(joint, axis=None), rel=1e-12, abs=0
    )


def test_one_p_broadcasts_against_a_batch_of_models():
    rng = np.random.default_rng(5)
    p = random_distribution(rng, 6)
    qs = random_distribution(rng, (4, 6))
    for f in (it.cross_entropy, it.kl_divergence):
        expected = [f(p, q) for q in qs]
        np.testing.assert_allclose(f(p, qs), expected, rtol=1e-14)
        np.testing.assert_allclose(f(qs, p), [f(q, p) for q in qs], rtol=1e-14)
        np.testing.assert_allclose(f(p[None, :], qs[:, None, :]).shape, (4, 1))


def test_surprisal_values():
    assert it.surprisal(0.25) == 2.0
    assert it.surprisal(0.5, "nats") == pytest.approx(math.log(2), rel=1e-15, abs=0)
    one = it.surprisal(1.0)
    assert one == 0.0
    assert not np.signbit(one)
    p = np.array([1 / 64, 0.3, 1.0])
    np.testing.assert_allclose(it.surprisal(p), -np.log2(p), rtol=1e-15)


def test_surprisal_of_zero_is_inf_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert it.surprisal(0.0) == math.inf
        assert np.array_equal(it.surprisal([0.0, 1.0]), [math.inf, 0.0])


def test_binary_entropy_endpoints_are_positive_zero():
    h = it.binary_entropy(np.array([0.0, 1.0]))
    assert np.array_equal(h, [0.0, 0.0])
    assert not np.signbit(h).any()
    for x in (0, 1, 0.0, 1.0):
        assert not np.signbit(it.binary_entropy(x))
    assert it.binary_entropy(0.5) == pytest.approx(1.0, rel=1e-15, abs=0)
    assert it.binary_entropy(0.5, "nats") == pytest.approx(math.log(2), rel=1e-15, abs=0)


def test_binary_entropy_matches_entropy_of_the_coin():
    x = np.linspace(0, 1, 101)
    coins = np.stack([x, 1 - x], axis=-1)
    np.testing.assert_allclose(it.binary_entropy(x), it.entropy(coins), rtol=1e-13, atol=1e-16)


def test_binary_entropy_keeps_precision_for_tiny_x():
    # h(x) = x ln(1/x) + (1-x) ln(1/(1-x)) = x ln(1/x) + x - x²/2 - ... for small x.
    # Computing the second term as entr(1 - x) would lose it entirely (1 - 1e-20 == 1).
    for x in (1e-20, 1e-12, 1e-9):
        expected = x * math.log(1 / x) - (1 - x) * math.log1p(-x)
        assert it.binary_entropy(x, "nats") == pytest.approx(expected, rel=1e-14, abs=0)


def test_zero_probability_outcomes():
    assert it.entropy([1.0, 0.0, 0.0]) == 0.0
    assert not np.signbit(it.entropy([1.0, 0.0]))
    # 0·log(1/0) = 0: an impossible outcome costs nothing, even if the model rules it out.
    ce = it.cross_entropy([1.0, 0.0], [1.0, 0.0])
    assert ce == 0.0
    assert not np.signbit(ce)
    assert it.cross_entropy([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == 1.0
    assert it.kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == 1.0
    # A possible outcome the model calls impossible costs infinitely much.
    assert it.cross_entropy(FAIR, [1.0, 0.0]) == math.inf
    assert it.kl_divergence(FAIR, [1.0, 0.0]) == math.inf
    np.testing.assert_array_equal(it.kl_divergence(FAIR, [[1.0, 0.0], [0.5, 0.5]]), [math.inf, 0.0])


@pytest.mark.parametrize("seed", range(20))
def test_kl_of_p_with_itself_is_exactly_zero(seed):
    rng = np.random.default_rng(seed)
    p = random_distribution(rng, rng.integers(1, 200), zeros=0.3)
    kl = it.kl_divergence(p, p)
    assert kl == 0.0
    assert not np.signbit(kl)
    assert it.cross_entropy(p, p) == pytest.approx(it.entropy(p), rel=1e-14, abs=0)


@pytest.mark.parametrize("seed", range(20))
def test_kl_is_never_negative_for_nearly_equal_inputs(seed):
    rng = np.random.default_rng(seed)
    p = random_distribution(rng, 30)
    # q differs from p by an ulp or so per entry and sums to 1 within rounding either way.
    q = np.nextafter(p, np.where(rng.random(30) < 0.5, 0.0, 1.0))
    assert it.kl_divergence(p, q) >= 0.0
    assert it.kl_divergence(q, p) >= 0.0
    assert it.kl_divergence(p, q * (1 + 1e-12), atol=1e-9) >= 0.0  # q sums a hair over 1


def exact_kl_nats(p, q):
    """Σ p ln(p/q) of the given floats, to near full precision.

    Σ p ln(p/q) = Σ p (δ - ln(1+δ)) - Σ (q - p) with δ = q/p - 1 (exact rational),
    δ - ln(1+δ) = δ²/2 - δ³/3 + … summed from its series.
    """
    terms = []
    for pi, qi in zip(p.tolist(), q.tolist(), strict=True):
        d = float(Fraction(qi) / Fraction(pi) - 1)
        terms.append(pi * math.fsum((-1) ** k * d**k / k for k in range(2, 8)))
    drift = sum(map(Fraction, q.tolist())) - sum(map(Fraction, p.tolist()))
    return math.fsum(terms) - float(drift)


def test_kl_is_computed_directly_not_as_ce_minus_h():
    """q = p(1 + ε·noise): KL ≈ ε²/2 is tiny, CE and H are ~10 bits each.

    CE - H cancels catastrophically (rounding of ~1e-15 against a ~1e-15 answer); the
    direct sum of p log(p/q) terms keeps ~10 correct digits.
    """
    direct_errors, naive_errors = [], []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        p = rng.dirichlet(np.ones(1000))
        q = p * (1 + 1e-7 * rng.standard_normal(1000))
        q /= q.sum()
        exact = exact_kl_nats(p, q)
        assert 1e-16 < exact < 1e-13
        direct = it.kl_divergence(p, q, "nats")
        naive = it.cross_entropy(p, q, "nats") - it.entropy(p, "nats")
        assert direct > 0
        direct_errors.append(abs(direct - exact) / exact)
        naive_errors.append(abs(naive - exact) / exact)
    assert max(direct_errors) < 1e-8
    assert max(naive_errors) > 1e-2  # the subtraction is off in the second digit or worse


def test_inputs_are_not_modified_or_copied_needlessly():
    p = np.array([0.2, 0.3, 0.5])
    q = np.array([0.5, 0.3, 0.2])
    before = (p.copy(), q.copy())
    for f in (it.cross_entropy, it.kl_divergence):
        f(p, q)
    it.entropy(p)
    it.surprisal(p)
    it.binary_entropy(p)
    np.testing.assert_array_equal(p, before[0])
    np.testing.assert_array_equal(q, before[1])
    assert it.as_distribution(p) is p
    assert p.flags.writeable
    read_only = p.copy()
    read_only.flags.writeable = False
    assert it.entropy(read_only) == it.entropy(p)


def test_integer_and_float32_inputs():
    assert it.entropy([1, 0]) == 0.0
    assert it.cross_entropy([0, 1], [0, 1]) == 0.0
    f32 = np.array([0.25, 0.75], dtype=np.float32)
    assert it.as_distribution(f32).dtype == np.float64
    assert it.entropy(f32) == pytest.approx(it.entropy([0.25, 0.75]), rel=1e-15, abs=0)


def test_sum_tolerance_is_a_keyword():
    p = [0.5, 0.5 + 1e-7]
    with pytest.raises(ValueError, match="sums to"):
        it.entropy(p)
    assert it.entropy(p, atol=1e-6) == pytest.approx(1.0, rel=1e-6, abs=0)
    assert it.cross_entropy(p, p, atol=1e-6) == pytest.approx(1.0, rel=1e-6, abs=0)
    assert it.kl_divergence(p, p, atol=1e-6) == 0.0
    assert it.as_distribution(p, atol=1e-6) is not None


def test_kl_stays_finite_when_p_over_q_overflows():
    # p/q = 0.5/1e-310 overflows to inf, yet p log(p/q) ≈ 356 nats is finite.
    p, q = [0.5, 0.5], [1.0 - 1e-310, 1e-310]
    kl = it.kl_divergence(p, q, "nats")
    expected = 0.5 * math.log(0.5 / (1.0 - 1e-310)) + 0.5 * (math.log(0.5) - math.log(1e-310))
    assert kl == pytest.approx(expected, rel=1e-14, abs=0)
    assert kl == pytest.approx(
        it.cross_entropy(p, q, "nats") - it.entropy(p, "nats"), rel=1e-14, abs=0
    )
    batch = it.kl_divergence(p, [q, [1.0, 0.0], [0.5, 0.5]], "nats")
    np.testing.assert_array_equal(batch, [kl, math.inf, 0.0])
