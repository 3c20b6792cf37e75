"""A veil's fog stirs while it waits, and ends where it started."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.veil import Veil


def test_drift_moves_the_wisps_sideways_and_back():
    veil = Veil(4.0, 2.0, seed=3)
    start = np.array([w.get_center() for w in veil.wisps])
    drift = veil.drift(reach=0.1, run_time=2)
    drift.begin()
    drift.interpolate(0.5)
    moved = np.array([w.get_center() for w in veil.wisps]) - start
    # Halfway, each wisp is out by the full reach (0.1 of the veil's 4 units), neighbours
    # in opposite directions, never up or down.
    np.testing.assert_allclose(np.abs(moved[:, 0]), 0.4, atol=1e-9)
    signs = np.sign(moved[:, 0])
    assert np.all(signs[1:] == -signs[:-1])
    np.testing.assert_allclose(moved[:, 1], 0, atol=1e-12)
    drift.finish()
    np.testing.assert_allclose([w.get_center() for w in veil.wisps], start, atol=1e-9)
    assert veil.density == pytest.approx(1.0)  # stirring does not thin the fog
