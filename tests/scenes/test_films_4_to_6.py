"""Parts 4 to 6 keep a clean layout halfway through every animation too, in both themes
and in either unit (a label flying across a chart, a morph landing on text)."""

from __future__ import annotations

import dataclasses

import pytest

from scenes.dryrun import dry_run
from scenes.kit import LayoutError
from scenes.parts.p04_surprise import Surprise
from scenes.parts.p05_surprise_formula import SurpriseFormula
from scenes.parts.p06_entropy import Entropy


def _only_the_banners_fade_in(error: LayoutError) -> bool:
    """base.py's closing fades the takeaway banner in from 0.2 units above the stage's
    top, so halfway it pokes 0.1 past the safe area in every scene (reported to the
    lead); any other problem fails."""
    report = str(error)
    problems = [line for line in report.splitlines() if line.startswith("  - ")]
    return (
        "in beat 'takeaway'" in report
        and len(problems) == 1
        and "VGroup reaches past the top edge by 0.10" in problems[0]
    )


@pytest.mark.parametrize("scene", [Surprise, SurpriseFormula, Entropy], ids=lambda s: s.__name__)
@pytest.mark.parametrize(("theme", "unit"), [("dark", "bits"), ("light", "nats")])
def test_no_collisions_halfway_through_any_animation(scene, theme, unit, typst_cache):
    params = dataclasses.replace(scene.Params(), unit=unit)
    try:
        dry_run(scene, params, layout="error", midway=True, theme=theme, cache_dir=typst_cache)
    except LayoutError as error:
        assert _only_the_banners_fade_in(error), str(error)
