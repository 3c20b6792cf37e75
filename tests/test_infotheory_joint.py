"""Joint and conditional entropy, mutual information: hand-derived values, identities, errors."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

TOL = 1e-12


def h(x: float) -> float:
    """Binary entropy in bits, written out by hand (not infotheory's)."""
    return -x * math.log2(x) - (1 - x) * math.log2(1 - x)


# Reference tables and their values in bits, derived by hand:
#
# correlated coins, agreement 0.8: [[0.4, 0.1], [0.1, 0.4]]. Both coins are fair, so
#   H(X) = H(Y) = 1; H(X, Y) = 2 * 0.4 log 1/0.4 + 2 * 0.1 log 1/0.1 = 1 + h(0.2);
#   given X, Y agrees with probability 0.8, so H(Y | X) = h(0.2); I = 1 - h(0.2).
# a lopsided table [[0.5, 0.25], [0, 0.25]]: p(x) = (0.75, 0.25), p(y) = (0.5, 0.5);
#   H(X, Y) = 0.5 * 1 + 0.25 * 2 + 0.25 * 2 = 1.5; H(X | Y) = 0.5 (Y = first column leaves
#   X certain, Y = second column leaves a fair coin); H(Y | X) = 1.5 - h(0.25);
#   I = H(X) - H(X | Y) = h(0.25) - 0.5.
# a copied fair coin [[0.5, 0], [0, 0.5]]: H(X, Y) = 1, H(Y | X) = 0, I = 1.
REFERENCE = [
    ([[0.4, 0.1], [0.1, 0.4]], 1 + h(0.2), h(0.2), h(0.2), 1 - h(0.2)),
    ([[0.5, 0.25], [0.0, 0.25]], 1.5, 1.5 - h(0.25), 0.5, h(0.25) - 0.5),
    ([[0.5, 0.0], [0.0, 0.5]], 1.0, 0.0, 0.0, 1.0),
]


@pytest.mark.parametrize(("pxy", "joint", "y_given_x", "x_given_y", "info"), REFERENCE)
def test_reference_values_in_bits(pxy, joint, y_given_x, x_given_y, info):
    assert it.joint_entropy(pxy) == pytest.approx(joint, abs=TOL)
    assert it.conditional_entropy(pxy) == pytest.approx(y_given_x, abs=TOL)
    assert it.conditional_entropy(pxy, given="y") == pytest.approx(x_given_y, abs=TOL)
    assert it.mutual_information(pxy) == pytest.approx(info, abs=TOL)
    for value in (it.joint_entropy(pxy), it.mutual_information(pxy)):
        assert type(value) is float


def test_correlated_coins_and_marginals():
    pxy = it.correlated_coins(0.8)
    np.testing.assert_allclose(pxy, [[0.4, 0.1], [0.1, 0.4]], rtol=0, atol=1e-15)
    px, py = it.marginals(pxy)
    np.testing.assert_allclose(px, [0.5, 0.5])
    np.testing.assert_allclose(py, [0.5, 0.5])
    px, py = it.marginals([[0.5, 0.25], [0.0, 0.25]])
    np.testing.assert_allclose(px, [0.75, 0.25])
    np.testing.assert_allclose(py, [0.5, 0.5])


def test_units_scale_like_the_other_measures():
    pxy = it.correlated_coins(0.9)
    for f in (it.joint_entropy, it.conditional_entropy, it.mutual_information):
        assert f(pxy, unit="nats") == pytest.approx(f(pxy) * math.log(2), rel=1e-12)
        assert f(pxy, unit=10) == pytest.approx(f(pxy) * math.log10(2), rel=1e-12)


def test_independent_coins_share_nothing_and_copies_share_everything():
    assert it.mutual_information(it.correlated_coins(0.5)) == 0.0
    assert it.mutual_information(it.independent_joint([0.3, 0.7], [0.2, 0.5, 0.3])) == (
        pytest.approx(0.0, abs=TOL)
    )
    # Y a copy of X: the joint is diagonal and I(X; Y) = H(X).
    px = [0.2, 0.3, 0.5]
    assert it.mutual_information(np.diag(px)) == pytest.approx(it.entropy(px), abs=TOL)
    assert it.mutual_information(it.correlated_coins(1.0)) == pytest.approx(1.0, abs=TOL)
    assert it.mutual_information(it.correlated_coins(0.0)) == pytest.approx(1.0, abs=TOL)


def test_nearly_independent_keeps_precision():
    # I ≈ ε²/(2 ln 2) for agreement 1/2 + ε/2: the difference H(X)+H(Y)-H(X,Y) would
    # be lost to cancellation, the direct sum is not.
    eps = 1e-6
    info = it.mutual_information(it.correlated_coins(0.5 + eps / 2))
    assert info == pytest.approx(eps**2 / (2 * math.log(2)), rel=1e-4)


def test_tiny_probabilities_do_not_underflow_to_infinity():
    # p(x) p(y) = 1e-570 would underflow to 0 and make the term infinite.
    pxy = [[0.0, 1.0 - 1e-285], [1e-285, 0.0]]
    px, _ = it.marginals(pxy)
    assert it.mutual_information(pxy) == pytest.approx(it.entropy(px), abs=1e-300)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: it.joint_entropy([0.5, 0.5]), ValueError, r"pxy must be a 2-D table.*\(2,\)"),
        (lambda: it.mutual_information(np.full((2, 2, 2), 1 / 8)), ValueError, r"2-D table"),
        (
            lambda: it.joint_entropy([[0.5, -0.1], [0.3, 0.3]]),
            ValueError,
            r"^pxy\[0, 1\] = -0\.1 is negative",
        ),
        (
            lambda: it.mutual_information([[0.5, 0.5], [0.5, 0.5]]),
            ValueError,
            r"^pxy \(all entries, axis=None\) sums to 2\.0, not 1.*infotheory\.normalize",
        ),
        (
            lambda: it.conditional_entropy([[0.5, math.nan], [0.25, 0.25]]),
            ValueError,
            r"^pxy\[0, 1\] is NaN",
        ),
        (lambda: it.joint_entropy([[True, False]]), TypeError, "booleans"),
        (lambda: it.joint_entropy(np.zeros((0, 2))), ValueError, "empty"),
        (
            lambda: it.conditional_entropy(it.correlated_coins(), given="z"),
            ValueError,
            r"given='z' must be 'x'",
        ),
        (lambda: it.mutual_information(it.correlated_coins(), unit="bytes"), ValueError, "unit"),
        (lambda: it.independent_joint([0.5, 0.6], [1.0]), ValueError, r"^px sums to"),
        (lambda: it.independent_joint([0.5, 0.5], [[1.0]]), ValueError, r"py must be 1-D"),
        (
            lambda: it.correlated_coins(1.2),
            ValueError,
            r"agreement=1\.2 is outside \[0, 1\]; agreement is the probability",
        ),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


# -- properties ----------------------------------------------------------------------

weights = st.one_of(
    st.just(0.0),
    st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=1, max_value=10).map(float),
)


@st.composite
def tables(draw):
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    w = draw(st.lists(weights, min_size=rows * cols, max_size=rows * cols))
    if not any(w):
        w[draw(st.integers(0, rows * cols - 1))] = 1.0
    return it.normalize(np.reshape(w, (rows, cols)), axis=None)


def close(a, b, tol=1e-9):
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


@given(tables())
def test_mutual_information_is_the_overlap_of_the_entropies(pxy):
    px, py = it.marginals(pxy)
    hx, hy, hxy = it.entropy(px), it.entropy(py), it.joint_entropy(pxy)
    info = it.mutual_information(pxy)
    assert info >= 0.0
    assert close(info, hx + hy - hxy)
    assert info <= min(hx, hy) + 1e-9
    assert close(info, it.mutual_information(pxy.T))  # symmetric


@given(tables())
def test_chain_rule_and_conditioning_never_adds_uncertainty(pxy):
    px, py = it.marginals(pxy)
    hxy = it.joint_entropy(pxy)
    y_given_x = it.conditional_entropy(pxy)
    x_given_y = it.conditional_entropy(pxy, given="y")
    assert close(hxy, it.entropy(px) + y_given_x)
    assert close(hxy, it.entropy(py) + x_given_y)
    assert 0.0 <= y_given_x <= it.entropy(py) + 1e-9
    assert close(it.mutual_information(pxy), it.entropy(py) - y_given_x)
    assert max(it.entropy(px), it.entropy(py)) - 1e-9 <= hxy


@given(tables())
def test_the_product_of_the_marginals_is_independent(pxy):
    px, py = it.marginals(pxy)
    product = it.independent_joint(px, py)
    assert it.mutual_information(product) <= 1e-12
    assert close(it.joint_entropy(product), it.entropy(px) + it.entropy(py))


@given(st.floats(min_value=0.0, max_value=1.0))
def test_correlated_coins_carry_one_minus_h_of_the_disagreement(agreement):
    info = it.mutual_information(it.correlated_coins(agreement))
    assert close(info, 1.0 - it.binary_entropy(1.0 - agreement))


# -- conditional distributions ------------------------------------------------------------


def test_conditional_rows_and_columns_by_hand():
    # [[0.5, 0.25], [0, 0.25]]: given X = first, Y is (2/3, 1/3); given X = second, Y is
    # certainly the second; given Y = first, X is certainly the first.
    pxy = [[0.5, 0.25], [0.0, 0.25]]
    assert it.conditional(pxy, 0) == pytest.approx([2 / 3, 1 / 3], abs=TOL)
    assert it.conditional(pxy, 1) == pytest.approx([0.0, 1.0], abs=TOL)
    assert it.conditional(pxy, 0, given="y") == pytest.approx([1.0, 0.0], abs=TOL)
    assert it.conditional(pxy, -1, given="y") == pytest.approx([0.5, 0.5], abs=TOL)


def test_conditional_entropy_is_the_average_entropy_of_the_conditionals():
    pxy = np.array([[0.3, 0.1, 0.05], [0.05, 0.2, 0.3]])
    px, _ = it.marginals(pxy)
    average = sum(px[i] * it.entropy(it.conditional(pxy, i)) for i in range(2))
    assert average == pytest.approx(it.conditional_entropy(pxy), abs=TOL)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"index": 1}, r"p\(X = x_1\) = 0: an outcome that never happens"),
        ({"index": 2}, "index 2 is outside the 2 values of X"),
        ({"index": 0.5}, "index must be a whole number"),
        ({"index": True}, "index must be a whole number"),
        ({"index": 0, "given": "z"}, "given='z' must be 'x'"),
    ],
)
def test_conditional_refuses_what_has_no_conditional(kwargs, message):
    with pytest.raises(ValueError, match=message):
        it.conditional([[0.5, 0.5], [0.0, 0.0]], **kwargs)
