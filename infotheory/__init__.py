"""Information-theory numerics for the explainer videos: pure numpy + scipy, never manim.

Surprisal, entropy, cross-entropy and KL divergence with strict validation, the same for
``n`` independent draws (without building the ``len(p)ⁿ`` table), joint and conditional
entropy and mutual information of two variables, named distributions, curves for plotting
and a softmax gradient-descent fit. Results are in bits by default
(``unit="nats"`` or any log base also work).
"""

from infotheory.curves import (
    RunningAverage,
    binary_entropy_curve,
    coin_cross_entropy_curve,
    running_average_surprise,
    surprise_curve,
)
from infotheory.distributions import (
    Distribution,
    categorical,
    fair_coin,
    fair_die,
    rigged_coin,
    thick_coin,
    uniform,
)
from infotheory.draws import cross_entropy_of_draws, entropy_of_draws, kl_divergence_of_draws
from infotheory.fit import FitTrajectory, OptimalModel, fit_softmax, optimal_model, softmax
from infotheory.joint import (
    conditional,
    conditional_entropy,
    correlated_coins,
    independent_joint,
    joint_entropy,
    marginals,
    mutual_information,
)
from infotheory.measures import (
    binary_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    surprisal,
)
from infotheory.units import Unit, log_factor
from infotheory.validation import (
    DEFAULT_ATOL,
    as_distribution,
    as_probability,
    normalize,
    sum_tolerance,
)

__all__ = [
    "DEFAULT_ATOL",
    "Distribution",
    "FitTrajectory",
    "OptimalModel",
    "RunningAverage",
    "Unit",
    "as_distribution",
    "as_probability",
    "binary_entropy",
    "binary_entropy_curve",
    "categorical",
    "coin_cross_entropy_curve",
    "conditional",
    "conditional_entropy",
    "correlated_coins",
    "cross_entropy",
    "cross_entropy_of_draws",
    "entropy",
    "entropy_of_draws",
    "fair_coin",
    "fair_die",
    "fit_softmax",
    "independent_joint",
    "joint_entropy",
    "kl_divergence",
    "kl_divergence_of_draws",
    "log_factor",
    "marginals",
    "mutual_information",
    "normalize",
    "optimal_model",
    "rigged_coin",
    "running_average_surprise",
    "softmax",
    "sum_tolerance",
    "surprisal",
    "surprise_curve",
    "thick_coin",
    "uniform",
]
