"""Overrides from the command line reach the numbers and captions; the light theme re-skins.

The overrides go through the same path as ``explainer render --set/--params``
(:func:`scenes.params.resolve_overrides`), then a dry run shows what the video would.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image

import infotheory as it
from scenes.dryrun import dry_run
from scenes.params import apply_overrides, resolve_overrides
from scenes.parts.p06_entropy import Entropy
from scenes.parts.p10_kl_divergence import KLDivergence
from scenes.registry import EXTRAS, SCENES, find
from scenes.theme import DARK, LIGHT, current_theme, use_theme


def captions(scene, beat: str) -> str:
    """The caption text that falls inside ``beat``, as the .srt would hold it."""
    record = scene.beat_record(beat)
    cues = scene.renderer.file_writer.subcaptions
    return " ".join(
        c.content
        for c in cues
        if record.start - 1e-6 <= c.start.total_seconds() < record.end - 1e-6
    )


def params_from_cli(key, assignments=(), params_file=None):
    entry = find(key)
    overrides = resolve_overrides([entry], assignments, params_file)[entry.slug]
    return apply_overrides(entry.load().Params(), overrides)


# Marked with the scene they play, to share its worker's runs (see conftest.py).
@pytest.mark.xdist_group("scene-6")
def test_set_changes_the_shown_numbers_and_the_captions(play):
    default = play(Entropy)
    changed = play(Entropy, params_from_cli(6, ["thick_coin.edge=0.2"]))
    expected = it.entropy(it.thick_coin(edge=0.2))
    value, shown = changed.beat_record("level").readouts["H.thick"]
    assert (value, shown) == (expected, "1.522")
    assert default.beat_record("level").readouts["H.thick"][1] == "1.369"
    assert changed.beat_record("coins").readouts["p.thick[edge]"][1] == "0.20"
    assert "1.522" in captions(changed, "level") and "1.369" not in captions(changed, "level")
    assert "1.369" in captions(default, "level")


@pytest.mark.xdist_group("scene-10")
def test_a_params_file_changes_the_numbers_and_the_captions(play, tmp_path):
    course = tmp_path / "course.toml"
    course.write_text('["10"]\nreality = [0.6, 0.4]\n\n[all]\nunit = "nats"\n')
    params = params_from_cli("kl-divergence", params_file=course)
    assert (params.reality, params.unit) == ((0.6, 0.4), "nats")
    default, changed = play(KLDivergence), play(KLDivergence, params)
    kl = it.kl_divergence([0.6, 0.4], [0.9, 0.1], unit="nats")
    h = it.entropy([0.6, 0.4], unit="nats")
    readouts = changed.beat_record("split").readouts
    assert readouts["stack.KL"] == (kl, f"{kl:.3f}")
    assert readouts["stack.H"] == (h, f"{h:.3f}")
    assert readouts["p[heads]"][1] == "0.60"
    spoken = captions(changed, "split")
    assert f"{h:.3f} nats" in spoken and f"{kl:.3f} nats" in spoken
    assert captions(default, "split") != spoken


# -- the light theme ------------------------------------------------------------------


def test_components_take_their_colours_from_the_current_theme():
    from scenes.kit import DistributionBars, Txt

    assert current_theme() is DARK
    try:
        use_theme("light")
        bars = DistributionBars(it.fair_coin(), role="p")
        label = Txt("heads", "label", "muted")
    finally:
        use_theme(DARK)
    assert bars.bars[0].get_fill_color() == LIGHT.color.p
    assert bars.baseline.get_color() == LIGHT.color.muted
    assert label.get_color() == LIGHT.color.muted
    assert LIGHT.color.p != DARK.color.p


def _near(image: np.ndarray, rgb: tuple[int, int, int], tol: int = 8) -> int:
    return int(np.all(np.abs(image[..., :3].astype(int) - rgb) <= tol, axis=-1).sum())


def _blend(color, opacity: float, over) -> tuple[int, int, int]:
    fg, bg = np.array(color.to_rgb()), np.array(over.to_rgb())
    return tuple(round(float(255 * v)) for v in opacity * fg + (1 - opacity) * bg)


@pytest.fixture(scope="module")
def light_entropy(tmp_path_factory):
    stills = tmp_path_factory.mktemp("light-stills")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EXPLAINER_STILLS", str(stills))
        # Its own formula cache: the shared one may be written by another process at once.
        typst = tmp_path_factory.mktemp("light-typst")
        scene = dry_run(Entropy, layout="error", theme="light", cache_dir=typst)
    return scene, stills


@pytest.mark.xdist_group("scene-6")
def test_a_scene_built_light_is_light_and_passes_the_layout_check(light_entropy):
    scene, stills = light_entropy
    assert current_theme() is DARK  # the switch lasted for that run only
    assert scene.theme is LIGHT
    assert scene.camera.background_color == LIGHT.color.background
    assert all(not b.problems for b in scene.beats)
    with Image.open(stills / "02-coins.png") as still:
        pixels = np.asarray(still.convert("RGB"))
    white = tuple(int(255 * v) for v in LIGHT.color.background.to_rgb())
    assert tuple(pixels[5, 5]) == white
    assert _near(pixels, white) > 0.6 * pixels.shape[0] * pixels.shape[1]
    # The blocks are the light palette's surprise (at the blocks' 0.75 opacity), never the
    # dark one's.
    block = _blend(LIGHT.color.surprise, 0.75, LIGHT.color.background)
    assert _near(pixels, block) > 2000
    assert _near(pixels, _blend(DARK.color.surprise, 0.75, LIGHT.color.background)) == 0
    assert _near(pixels, tuple(int(255 * v) for v in DARK.color.background.to_rgb())) == 0


@pytest.mark.xdist_group("scene-9")
def test_the_lecture_transcript_follows_the_overrides(tmp_path):
    from scenes.lecture.notes import collect_notes

    notes = collect_notes(find(9), {"rigged_heads": 0.8})
    said = " ".join(b.narration for b in notes.beats)
    cross = it.cross_entropy(it.fair_coin(), it.rigged_coin(0.8))
    assert f"{cross:.3f}" in said  # 1.322, where the default says 1.737
    assert "1.737" not in said


@pytest.mark.parametrize("entry", SCENES + EXTRAS, ids=lambda e: e.stem.replace("-", "_"))
def test_every_scene_lays_out_mid_animation_in_the_light_theme_and_in_nats(entry, play):
    """The other theme and the other unit, checked halfway through every animation and
    at the end of every beat (``play`` checks the default run, dark and in bits, the same
    way): other widths of numbers and words, the same rules. (The run is also the one
    tests/scenes/test_params_coverage.py compares to show that the unit is used.)"""
    scene_class = entry.load()
    params = scene_class.Params()
    if "unit" in {f.name for f in dataclasses.fields(params)}:
        params = dataclasses.replace(params, unit="nats")
    scene = play(scene_class, params, theme="light")
    assert scene.theme.name == "light"
