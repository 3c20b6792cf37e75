"""CandidateOutlines: every reading's outline in one picture, each as strong as asked."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.fog import FoggedShape
from scenes.kit.outlines import CandidateOutlines


@pytest.fixture(scope="module")
def fog():
    return FoggedShape("person", level=1.0, height=2.0, candidates=("person", "tree"), blur=0.3)


def test_each_outline_shows_at_its_own_strength(fog):
    outlines = CandidateOutlines(fog, ("person", "tree"), strength=0.0)
    assert outlines.pixel_array[..., 3].max() == 0
    outlines.set_strengths({"person": 1.0})
    person = fog.outline_alpha("person") == 1.0
    tree_only = (fog.outline_alpha("tree") == 1.0) & (fog.outline_alpha("person") == 0)
    assert np.all(outlines.pixel_array[..., 3][person] == 255)
    assert np.all(outlines.pixel_array[..., 3][tree_only] == 0)
    outlines.set_strengths({"tree": 0.5})
    assert np.all(outlines.pixel_array[..., 3][tree_only] == 128)
    # Drawn where the fog's shape is: the same box as the silhouette.
    assert outlines.get_center() == pytest.approx(fog.silhouette.get_center())
    assert outlines.width == pytest.approx(fog.silhouette.width)


def test_strengths_animate_and_land_exactly(fog):
    outlines = CandidateOutlines(fog, ("person", "tree"), strength=0.2)
    animation = outlines.strengths_to({"person": 1.0, "tree": 0.0})
    animation.begin()
    animation.interpolate(0.5)
    assert 0.2 < outlines.strengths["person"] < 1.0
    assert 0.0 < outlines.strengths["tree"] < 0.2
    animation.finish()
    assert outlines.strengths == {"person": 1.0, "tree": 0.0}


def test_an_unknown_reading_is_refused(fog):
    with pytest.raises(ValueError, match="dragon"):
        CandidateOutlines(fog, ("person",)).set_strengths({"dragon": 1.0})
    with pytest.raises(ValueError, match="at least one"):
        CandidateOutlines(fog, ())


def test_an_outline_lies_on_the_edge_of_its_own_shape():
    """The truth's outline traces the clear silhouette: along it the shape is half in, half out."""
    clear = FoggedShape("person", level=0.0, height=3.0, candidates=("person", "deer"), blur=0.3)
    on_line = clear.outline_alpha("person") == 1.0
    shape = clear.silhouette.pixel_array[..., 3].astype(float) / 255
    assert 0.3 < shape[on_line].mean() < 0.7
    assert shape[clear.outline_alpha("deer") == 1.0].mean() < shape[on_line].mean()
