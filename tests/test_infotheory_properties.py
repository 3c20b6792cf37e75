"""Property tests (hypothesis). Example counts come from the profile in conftest.py (ci: 1000).

Distributions are drawn as normalised weight vectors of 1-12 outcomes, often with exact zeros
and with weights spanning many orders of magnitude.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

MAX_OUTCOMES = 12
TOL = 1e-12

weights = st.one_of(
    st.just(0.0),
    st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=1, max_value=10).map(float),
)


@st.composite
def distributions(draw, size=None):
    n = draw(st.integers(1, MAX_OUTCOMES)) if size is None else size
    w = draw(st.lists(weights, min_size=n, max_size=n))
    if not any(w):
        w[draw(st.integers(0, n - 1))] = 1.0
    return it.normalize(w)


sizes = st.integers(1, MAX_OUTCOMES)
pairs = sizes.flatmap(lambda n: st.tuples(distributions(n), distributions(n)))


def close(a, b):
    return math.isclose(a, b, rel_tol=TOL, abs_tol=TOL)


@given(distributions())
def test_entropy_is_between_zero_and_log_n(p):
    n = len(p)
    h = it.entropy(p)
    uniform = it.entropy(np.full(n, 1 / n))
    assert close(uniform, math.log2(n))
    assert 0.0 <= h <= uniform + TOL
    assert not np.signbit(h)


@given(pairs)
def test_gibbs_and_pinsker(pq):
    p, q = pq
    h, ce, kl = it.entropy(p), it.cross_entropy(p, q), it.kl_divergence(p, q)
    assert ce >= h - TOL * max(1.0, h)
    assert kl >= 0.0
    # Pinsker: KL(p‖q) >= ½‖p - q‖₁² nats, so KL = 0 only if q = p ...
    l1 = np.abs(p - q).sum()
    assert it.kl_divergence(p, q, "nats") >= 0.5 * l1**2 - TOL
    # ... and q = p gives exactly 0.
    assert it.kl_divergence(p, p) == 0.0
    assert close(it.cross_entropy(p, p), h)


@given(pairs)
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    ce, h, kl = it.cross_entropy(p, q), it.entropy(p), it.kl_divergence(p, q)
    if math.isfinite(ce):
        assert math.isclose(ce, h + kl, rel_tol=TOL, abs_tol=TOL)
    else:
        assert kl == math.inf
        assert np.any((p > 0) & (q == 0))


@given(distributions(), distributions())
def test_entropy_is_additive_over_independent_products(p, q):
    joint = np.outer(p, q)
    assert close(it.entropy(joint, axis=None), it.entropy(p) + it.entropy(q))


@given(st.floats(min_value=0.0, max_value=1.0))
def test_binary_entropy_is_symmetric_about_one_half(x):
    h = it.binary_entropy(x)
    assert 0.0 <= h <= 1.0
    assert not np.signbit(h)
    assert math.isclose(h, it.binary_entropy(1.0 - x), rel_tol=TOL, abs_tol=1e-14)
    assert math.isclose(h, it.entropy([x, 1.0 - x]), rel_tol=1e-9, abs_tol=1e-14)


@given(
    st.tuples(sizes, st.integers(1, 5)).flatmap(
        lambda nk: st.lists(
            st.tuples(distributions(nk[0]), distributions(nk[0])), min_size=nk[1], max_size=nk[1]
        )
    )
)
def test_batched_results_equal_row_by_row(rows):
    p = np.array([r[0] for r in rows])
    q = np.array([r[1] for r in rows])
    for f, args in [
        (it.entropy, (p,)),
        (it.cross_entropy, (p, q)),
        (it.kl_divergence, (p, q)),
    ]:
        batched = f(*args)
        one_by_one = [f(*(a[i] for a in args)) for i in range(len(rows))]
        assert isinstance(batched, np.ndarray)
        np.testing.assert_allclose(batched, one_by_one, rtol=1e-14, atol=0)
        np.testing.assert_allclose(f(*(a.T for a in args), axis=0), batched, rtol=TOL, atol=TOL)


@given(pairs.flatmap(lambda pq: st.tuples(st.just(pq), st.permutations(range(len(pq[0]))))))
def test_invariant_under_permuting_outcomes(pq_perm):
    (p, q), perm = pq_perm
    perm = list(perm)
    assert close(it.entropy(p[perm]), it.entropy(p))
    for f in (it.cross_entropy, it.kl_divergence):
        a, b = f(p[perm], q[perm]), f(p, q)
        assert a == b or close(a, b)


@given(st.lists(st.one_of(st.just(0.0), st.floats(0.0, 1e300)), min_size=1, max_size=12))
def test_normalize_gives_a_distribution_that_keeps_the_order(w):
    w = np.array(w)
    if not w.any():
        w[0] = 1.0
    p = it.normalize(w)
    assert it.as_distribution(p) is p
    assert np.all(p[w == 0] == 0)
    order = np.argsort(w, kind="stable")
    assert np.all(np.diff(p[order]) >= 0)


@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=1.0))
def test_surprisal_is_decreasing_and_inverts(a, b):
    lo, hi = min(a, b), max(a, b)
    assert it.surprisal(lo) >= it.surprisal(hi) >= 0.0
    if lo > 1e-300:
        assert math.isclose(2.0 ** -it.surprisal(lo), lo, rel_tol=1e-12)
