"""`--set`, `--params` and `--theme` on the real scenes, with no rendering.

The runner's launch of the prepared scenes (``_run``) is replaced by a recorder, so
these tests see exactly the jobs ``explainer render`` would start: their output
stems, parameters, theme (the one each worker is given) and keys. Every error must
stop the command before that.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import scenes.cli.still as still_cli
from scenes.cli import main
from scenes.registry import find
from scenes.render import runner
from scenes.render.keys import source_key


@pytest.fixture
def jobs(monkeypatch):
    """The jobs each render would start, instead of starting them."""
    started = []

    def record(scenes, *args, **kwargs):
        started.extend((scene.job, scene.job.theme) for scene in scenes)

    monkeypatch.setattr(runner, "_run", record)
    monkeypatch.delenv("EXPLAINER_THEME", raising=False)
    return started


def explainer(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def render(tmp_path, *args: str):
    return explainer("render", *args, "--quality", "low", "--media-dir", str(tmp_path / "media"))


def test_a_set_variant_renders_under_its_own_name_and_key(jobs, tmp_path):
    assert render(tmp_path, "6").exit_code == 0
    result = render(tmp_path, "6", "--set", "thick_coin.edge=0.2")
    assert result.exit_code == 0, result.output
    (default, _), (variant, theme) = jobs
    assert default.stem == "06-entropy" and default.overrides == {}
    assert variant.stem == "06-entropy~thick_coin.edge=0.2"
    assert variant.overrides == {"thick_coin.edge": 0.2}
    assert theme == "dark"
    # The parameters are part of the incremental key: the variant never reuses the default.
    assert variant.source_key != default.source_key
    assert variant.key != default.key
    entry = find(6)
    assert variant.source_key == source_key(
        entry.module, entry.class_name, {"thick_coin.edge": 0.2}, "dark"
    )


def test_the_light_theme_has_its_own_name_key_and_worker_theme(jobs, tmp_path):
    result = render(tmp_path, "6", "--theme", "light", "--set", "thick_coin.edge=0.2")
    assert result.exit_code == 0, result.output
    ((job, theme),) = jobs
    assert job.stem == "06-entropy~thick_coin.edge=0.2~theme=light"
    assert theme == "light"  # the workers get EXPLAINER_THEME=light
    entry = find(6)
    assert job.source_key == source_key(
        entry.module, entry.class_name, {"thick_coin.edge": 0.2}, "light"
    )


def test_the_theme_can_come_from_the_environment(jobs, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_THEME", "light")
    assert render(tmp_path, "5").exit_code == 0
    ((job, theme),) = jobs
    assert (job.stem, theme) == ("05-surprise-formula~theme=light", "light")


def test_a_params_file_gives_each_scene_its_tables(jobs, tmp_path):
    course = tmp_path / "my-course.toml"
    course.write_text(
        '[all]\nunit = "nats"\n\n[entropy]\nthick_coin.edge = 0.2\n\n["10"]\nreality = [0.6, 0.4]\n'
    )
    result = render(tmp_path, "6", "10", "9", "--params", str(course), "--set", "unit=bits")
    assert result.exit_code == 0, result.output
    got = {job.stem.partition("~")[0]: job.overrides for job, _ in jobs}
    assert got == {
        "06-entropy": {"unit": "bits", "thick_coin.edge": 0.2},
        "10-kl-divergence": {"unit": "bits", "reality": [0.6, 0.4]},
        "09-asymmetry": {"unit": "bits"},  # --set wins over the file's [all]
    }


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (
            ["6", "--set", "thick_coin.egde=0.2"],
            "--set",
            "06-entropy: EntropyParams has no parameter 'thick_coin.egde'; "
            "valid keys: unit (str), voice (str), speaking_rate (float), thick_coin.edge (float)",
        ),
        (
            ["10", "--set", "reality=[0.5, 0.6]"],
            "--set",
            "reality: probs sums to 1.1, not 1 (atol=1e-09); use infotheory.normalize()",
        ),
        (
            ["9", "--set", "rigged_heads=1.5"],
            "--set",
            "rigged_heads: heads=1.5 is outside [0, 1]; heads is the probability of heads",
        ),
        (["6", "--set", "thick_coin.edge=0.9"], "--set", "from 0.02 to 0.6, not 0.9"),
        (["11", "--set", "steps=2.5"], "--set", "steps must be a whole number, not 2.5"),
        (["6", "--set", "thick_coin.edge"], "--set", "--set expects KEY=VALUE"),
        (["--set", "seed=3"], "--set", "--params file's [all] table"),
        (["6", "--theme", "sepia"], "'--theme'", "'sepia' is not one of 'dark', 'light'"),
    ],
)
def test_bad_values_stop_before_any_rendering(jobs, tmp_path, args, option, message):
    result = render(tmp_path, *args)
    assert result.exit_code == 2
    assert f"Invalid value for {option}" in result.stderr
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert jobs == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[entropy]\nthick_coin.edge = = 0.2\n", "(at line 2, column 19)"),
        ("[entrpy]\nthick_coin.edge = 0.2\n", "[entrpy]: no scene 'entrpy'; valid scenes: 1"),
        ('unit = "nats"\n', "'unit' must be a table like [entropy]"),
        ("[entropy]\nthick_coin.edge = 2\n", "thick_coin.edge must be a probability"),
    ],
)
def test_bad_parameter_files_stop_before_any_rendering(jobs, tmp_path, text, message):
    course = tmp_path / "course.toml"
    course.write_text(text)
    result = render(tmp_path, "6", "--params", str(course))
    assert result.exit_code == 2
    assert "Invalid value for --params" in result.stderr
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert jobs == []


def test_a_missing_parameter_file_is_named(jobs, tmp_path):
    result = render(tmp_path, "6", "--params", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2
    assert "nope.toml' does not exist" in result.stderr


def test_still_takes_the_same_options(tmp_path, monkeypatch):
    calls = []

    def fake_stills(entry, **kwargs):
        calls.append((entry.stem, kwargs))
        return [tmp_path / "poster.png"]

    monkeypatch.setattr(still_cli, "render_stills", fake_stills)
    result = explainer(
        "still", "6", "--set", "thick_coin.edge=0.2", "--theme", "light", "--quality", "low"
    )
    assert result.exit_code == 0, result.output
    ((stem, kwargs),) = calls
    assert stem == "06-entropy"
    assert kwargs["overrides"] == {"thick_coin.edge": 0.2}
    assert kwargs["theme"] == "light"

    bad = explainer("still", "6", "--set", "thick_coin.edge=7")
    assert bad.exit_code == 2 and "thick_coin.edge must be a probability" in bad.stderr
    assert len(calls) == 1


def test_the_cli_knows_every_theme_without_importing_manim():
    from scenes.cli._common import THEMES
    from scenes.theme import THEMES as DEFINED

    assert tuple(DEFINED) == THEMES
