"""Units: bits, nats and arbitrary log bases, and the errors for anything else."""

import math

import numpy as np
import pytest

import infotheory as it

pytestmark = pytest.mark.filterwarnings("error")

P = [0.45, 0.45, 0.1]
Q = [0.2, 0.5, 0.3]


@pytest.mark.parametrize(
    ("unit", "factor"),
    [
        ("bits", math.log(2)),
        ("nats", 1.0),
        (2, math.log(2)),
        (2.0, math.log(2)),
        (10, math.log(10)),
        (math.e, 1.0),
        (0.5, math.log(0.5)),
        (np.float64(3.0), math.log(3)),
        (np.int64(16), math.log(16)),
    ],
)
def test_log_factor(unit, factor):
    assert it.log_factor(unit) == pytest.approx(factor, rel=1e-15, abs=0)


@pytest.mark.parametrize(
    ("unit", "fault"),
    [
        ("bytes", "not a known unit name"),
        ("Bits", "not a known unit name"),
        ("", "not a known unit name"),
        (0, "not positive"),
        (-2, "not positive"),
        (1, "is 1"),
        (1.0, "is 1"),
        (math.nan, "not finite"),
        (math.inf, "not finite"),
        (True, "neither a unit name nor a real number"),
        (None, "neither a unit name nor a real number"),
        (2j, "neither a unit name nor a real number"),
        ([2], "neither a unit name nor a real number"),
    ],
)
def test_invalid_unit(unit, fault):
    with pytest.raises(ValueError, match=rf"unit=.*{fault}.*valid units: \"bits\", \"nats\""):
        it.log_factor(unit)


INVALID_UNIT_CALLS = {
    "surprisal": lambda u: it.surprisal(0.5, u),
    "entropy": lambda u: it.entropy(P, u),
    "cross_entropy": lambda u: it.cross_entropy(P, Q, u),
    "kl_divergence": lambda u: it.kl_divergence(P, Q, u),
    "binary_entropy": lambda u: it.binary_entropy(0.3, u),
    "surprise_curve": lambda u: it.surprise_curve(unit=u),
    "binary_entropy_curve": lambda u: it.binary_entropy_curve(unit=u),
    "coin_cross_entropy_curve": lambda u: it.coin_cross_entropy_curve(0.3, unit=u),
    "running_average_surprise": lambda u: it.running_average_surprise(P, Q, unit=u),
    "fit_softmax": lambda u: it.fit_softmax(P, unit=u),
    "optimal_model": lambda u: it.optimal_model(P, unit=u),
}


@pytest.mark.parametrize("call", INVALID_UNIT_CALLS.values(), ids=INVALID_UNIT_CALLS.keys())
@pytest.mark.parametrize("unit", ["bytes", 1, -2, True])
def test_every_function_rejects_invalid_units(call, unit):
    with pytest.raises(ValueError, match="unit="):
        call(unit)


@pytest.mark.parametrize("base", [math.e, 3, 10, 0.5, 2.0])
def test_units_scale_by_log_of_base(base):
    rng = np.random.default_rng(7)
    p = it.normalize(rng.random((4, 9)))
    q = it.normalize(rng.random((4, 9)))
    to_base = math.log(2) / math.log(base)  # bits -> base-b units
    for f, args in [
        (it.entropy, (p,)),
        (it.cross_entropy, (p, q)),
        (it.kl_divergence, (p, q)),
        (it.surprisal, (p,)),
        (it.binary_entropy, (p,)),
    ]:
        bits = f(*args)
        np.testing.assert_allclose(f(*args, unit=base), bits * to_base, rtol=1e-13)
        np.testing.assert_allclose(f(*args, unit="nats"), bits * math.log(2), rtol=1e-13)


def test_base_two_is_bits():
    assert it.entropy(P, 2) == pytest.approx(it.entropy(P), rel=1e-15, abs=0)
    assert it.entropy(P, "nats") == pytest.approx(it.entropy(P, math.e), rel=1e-15, abs=0)
