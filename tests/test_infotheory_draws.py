"""Measures of n independent draws: hand-worked values, additivity against the product table
built for small cases, properties, and every error."""

import math
from functools import reduce

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

TOL = 1e-12


def product_table(p, n: int) -> np.ndarray:
    """The joint table of n independent draws from p, flattened: len(p)**n entries."""
    return reduce(np.multiply.outer, [np.asarray(p, dtype=float)] * n, np.ones(())).ravel()


# Hand-worked values, in bits:
#   a fair coin carries 1 bit a flip, so 10 flips carry 10 bits;
#   a 12-character password over 94 printable characters: 12 log2 94 = 12 × 6.5546 = 78.655;
#   4 digits of a PIN: 4 log2 10 = 13.288;
#   the rigged coin (0.9, 0.1) scored by a fair model costs 1 bit a flip, and its KL from the
#   fair coin is 1 - h(0.1) = 1 - 0.469 = 0.531 bits a flip, so 3 flips cost 1.593.
def test_hand_worked_values():
    assert it.entropy_of_draws(it.fair_coin(), 10) == 10.0
    assert it.entropy_of_draws(it.uniform(94), 12) == pytest.approx(78.655, abs=5e-4)
    assert it.entropy_of_draws(it.uniform(10), 4) == pytest.approx(13.288, abs=5e-4)
    assert it.cross_entropy_of_draws(it.rigged_coin(0.9), it.fair_coin(), 3) == 3.0
    assert it.kl_divergence_of_draws(it.rigged_coin(0.9), it.fair_coin(), 3) == pytest.approx(
        1.593, abs=5e-4
    )


def test_other_units():
    assert it.entropy_of_draws(it.uniform(10), 4, unit=10) == pytest.approx(4.0, abs=TOL)
    assert it.entropy_of_draws(it.fair_coin(), 3, unit="nats") == pytest.approx(
        3 * math.log(2), abs=TOL
    )


SMALL = [
    (it.fair_coin(), it.rigged_coin(0.9)),
    (it.thick_coin(0.1), [0.2, 0.5, 0.3]),
    ([0.5, 0.25, 0.25, 0.0], [0.1, 0.2, 0.3, 0.4]),
    ([1.0], [1.0]),
]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
@pytest.mark.parametrize(("p", "q"), SMALL, ids=["coins", "thick", "zeros", "certain"])
def test_additivity_against_the_product_table(p, q, n):
    joint_p, joint_q = product_table(p, n), product_table(q, n)
    assert len(joint_p) == len(p) ** n
    assert it.entropy_of_draws(p, n) == pytest.approx(it.entropy(joint_p), rel=TOL, abs=TOL)
    assert it.cross_entropy_of_draws(p, q, n) == pytest.approx(
        it.cross_entropy(joint_p, joint_q), rel=TOL, abs=TOL
    )
    assert it.kl_divergence_of_draws(p, q, n) == pytest.approx(
        it.kl_divergence(joint_p, joint_q), rel=1e-10, abs=TOL
    )


weights = st.one_of(st.just(0.0), st.floats(0.0, 1.0), st.integers(1, 10).map(float))


@st.composite
def pairs(draw):
    """Two distributions over the same 1 to 4 outcomes; q is positive where p is."""
    k = draw(st.integers(1, 4))
    p = draw(st.lists(weights, min_size=k, max_size=k))
    if not any(p):
        p[0] = 1.0
    q = [
        b if a == 0 else max(b, 1e-3)
        for a, b in zip(p, draw(st.lists(weights, min_size=k, max_size=k)), strict=True)
    ]
    return it.normalize(p), it.normalize(q)


@given(pairs(), st.integers(0, 4))
def test_every_measure_adds_up_over_draws_like_the_table(pq, n):
    p, q = pq
    joint_p, joint_q = product_table(p, n), product_table(q, n)
    assert math.isclose(it.entropy_of_draws(p, n), it.entropy(joint_p), rel_tol=1e-11, abs_tol=TOL)
    assert math.isclose(
        it.cross_entropy_of_draws(p, q, n),
        it.cross_entropy(joint_p, joint_q),
        rel_tol=1e-11,
        abs_tol=TOL,
    )
    assert math.isclose(
        it.kl_divergence_of_draws(p, q, n),
        it.kl_divergence(joint_p, joint_q),
        rel_tol=1e-9,
        abs_tol=1e-11,
    )


@given(pairs(), st.integers(0, 50), st.integers(0, 50))
def test_draws_add_and_keep_gibbs_inequality(pq, n, m):
    p, q = pq
    for measure, args in (
        (it.entropy_of_draws, (p,)),
        (it.cross_entropy_of_draws, (p, q)),
        (it.kl_divergence_of_draws, (p, q)),
    ):
        together = measure(*args, n + m)
        assert math.isclose(
            together, measure(*args, n) + measure(*args, m), rel_tol=TOL, abs_tol=TOL
        )
    h = it.entropy_of_draws(p, n)
    ce = it.cross_entropy_of_draws(p, q, n)
    assert it.kl_divergence_of_draws(p, q, n) >= 0.0
    assert ce >= h - TOL * max(1.0, h)


def test_no_draws_carry_nothing_even_where_one_draw_is_infinite():
    assert it.entropy_of_draws(it.fair_coin(), 0) == 0.0
    assert it.cross_entropy_of_draws([0.5, 0.5], [1.0, 0.0], 0) == 0.0
    assert it.kl_divergence_of_draws([0.5, 0.5], [1.0, 0.0], 0) == 0.0
    assert it.kl_divergence_of_draws([0.5, 0.5], [1.0, 0.0], 2) == math.inf


def test_batches_follow_the_axis():
    batch = np.array([[0.5, 0.5], [1.0, 0.0], [0.9, 0.1]])
    np.testing.assert_allclose(it.entropy_of_draws(batch, 3), 3 * it.entropy(batch), rtol=TOL)
    np.testing.assert_allclose(
        it.entropy_of_draws(batch.T, 3, axis=0), 3 * it.entropy(batch), rtol=TOL
    )
    np.testing.assert_array_equal(it.entropy_of_draws(batch, 0), np.zeros(3))


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (-1, ValueError, "n=-1 must be at least 0"),
        (2.0, TypeError, r"n must be an int, got 2\.0"),
        (True, TypeError, "n must be an int, got True"),
        ("3", TypeError, "n must be an int"),
    ],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda n: it.entropy_of_draws(it.fair_coin(), n),
        lambda n: it.cross_entropy_of_draws(it.fair_coin(), it.fair_coin(), n),
        lambda n: it.kl_divergence_of_draws(it.fair_coin(), it.fair_coin(), n),
    ],
    ids=["entropy", "cross_entropy", "kl_divergence"],
)
def test_bad_counts_name_n(call, n, error, message):
    with pytest.raises(error, match=message):
        call(n)


def test_bad_distributions_are_refused_as_everywhere():
    with pytest.raises(ValueError, match=r"^p sums to 0\.9"):
        it.entropy_of_draws([0.5, 0.4], 3)
    with pytest.raises(ValueError, match=r"^q\[1\] = -0\.1 is negative"):
        it.kl_divergence_of_draws([0.5, 0.5], [1.1, -0.1], 3)
    with pytest.raises(ValueError, match="p has 2 outcomes but q has 3"):
        it.cross_entropy_of_draws([0.5, 0.5], [0.2, 0.3, 0.5], 3)
