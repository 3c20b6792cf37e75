"""The queue's order: units by expected render time (length times the scene's recorded
render seconds per video second), and every render recording those figures."""

from __future__ import annotations

import json

import pytest

from scenes.render.costs import expected_costs, factors, record_factors, save_factors


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A shipped table, and an empty user cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "render-costs.json"
    path.write_text(json.dumps({"factors": {"high": {"02-fog": 1.3, "01-opening": 0.6}}}))
    return path


def test_a_costly_scene_is_expected_to_take_longer_than_a_longer_cheap_one(shipped):
    costs = expected_costs(
        [("high", "01-opening", 50.0), ("high", "02-fog", 40.0), ("high", "new", 30.0)],
        shipped,
    )
    assert costs == pytest.approx([30.0, 52.0, 30.0 * 0.95])  # unknown: the mean factor
    # Unknown lengths stay unknown; a quality nobody measured orders by length.
    assert expected_costs([("high", "02-fog", None), ("low", "02-fog", 8.0)], shipped) == [
        None,
        pytest.approx(8.0),
    ]


def test_this_machines_own_figures_win_over_the_shipped_ones(shipped):
    save_factors(record_factors([("high", "02-fog", 40.0, 20.0), ("low", "02-fog", 40.0, 4.0)]))
    assert factors("high", shipped) == {"02-fog": 0.5, "01-opening": 0.6}
    assert factors("low", shipped) == {"02-fog": 0.1}
    # A broken cache file is ignored, never an error.
    (shipped.parent / "cache" / "infotheory-explainer" / "render-costs.json").write_text("{")
    assert factors("high", shipped) == {"02-fog": 1.3, "01-opening": 0.6}


def test_the_plan_starts_the_costliest_scene_first(tmp_path, monkeypatch):
    from scenes.registry import SceneEntry
    from scenes.render import costs
    from scenes.render.layout import scene_outputs
    from scenes.render.runner import SceneResult, _plan, _Scene
    from scenes.render.worker import Job

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    table = tmp_path / "render-costs.json"
    table.write_text(json.dumps({"factors": {"low": {"01-long": 0.5, "02-costly": 2.0}}}))
    monkeypatch.setattr(costs, "SHIPPED", table)
    scenes = []
    for part, slug, seconds in ((1, "long", 50.0), (2, "costly", 30.0)):
        entry = SceneEntry(part, slug, slug, slug.title(), slug)
        result = SceneResult(entry, scene_outputs(tmp_path, "low", entry.stem, "mp4"))
        result.expected_duration = seconds
        job = Job(slug, slug.title(), entry.stem, "low", "mp4", str(tmp_path), "", "", "k", "s")
        scenes.append(_Scene(result, job))
    assert [u.name for u in _plan(scenes, workers=2, split=False)] == [
        "low-02-costly",
        "low-01-long",
    ]
    table.write_text("{}")  # no figures: the longest first, as before
    assert [u.name for u in _plan(scenes, workers=2, split=False)] == [
        "low-01-long",
        "low-02-costly",
    ]


def test_a_render_records_its_scenes_figures(tiny):
    from scenes.render import render_scenes

    report = render_scenes([tiny.entries[0]], quality="low", media_dir=tiny.media, force=True)
    result = report.results[0]
    assert result.status == "rendered" and result.duration > 0
    assert factors("low")["01-tiny-one"] == round(result.render_seconds / result.duration, 3)
