"""Charts take a distribution as given: validated, never normalised, one label per outcome."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.kit.bars import DistributionBars
from scenes.kit.odds import ChanceStrip


def test_labels_default_to_the_distributions_outcomes_then_to_numbers():
    assert DistributionBars(it.fair_coin()).outcomes == ["heads", "tails"]
    assert ChanceStrip([0.5, 0.25, 0.25]).outcomes == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: DistributionBars([0.5, 0.5], ["a", "b", "c"]), "3 labels for 2 probabilities"),
        (lambda: ChanceStrip([0.5, 0.5], ["a"]), "1 outcomes for 2 probabilities"),
    ],
)
def test_a_label_count_that_does_not_match_is_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("chart", [DistributionBars, ChanceStrip])
def test_weights_that_do_not_sum_to_one_are_refused_not_normalised(chart):
    with pytest.raises(ValueError, match="normalize"):
        chart(np.array([2.0, 1.0, 1.0]))
