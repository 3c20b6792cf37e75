"""Parts 4 to 6 keep a clean layout halfway through every animation too (a label flying
across a chart, a morph landing on text), in either unit; themes change colours, never
geometry, so one of the two runs is light."""

from __future__ import annotations

import dataclasses

import pytest

from scenes.dryrun import dry_run
from scenes.parts.p04_surprise import Surprise
from scenes.parts.p05_surprise_formula import SurpriseFormula
from scenes.parts.p06_entropy import Entropy


@pytest.mark.parametrize("scene", [Surprise, SurpriseFormula, Entropy], ids=lambda s: s.__name__)
@pytest.mark.parametrize(("theme", "unit"), [("dark", "bits"), ("light", "nats")])
def test_layout_holds_halfway_through_every_animation(scene, theme, unit, typst_cache):
    params = dataclasses.replace(scene.Params(), unit=unit)
    dry_run(scene, params, layout="error", midway=True, theme=theme, cache_dir=typst_cache)
