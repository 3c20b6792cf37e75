"""scenes/GUIDE.md matches the code: its excerpts, pictures, options, roles and examples."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes.cli import main
from scenes.scaffold import SCENE_TEMPLATE, _fill, _literal

REPO = Path(__file__).resolve().parents[1]
GUIDE = (REPO / "scenes" / "GUIDE.md").read_text(encoding="utf-8")
PICTURES = REPO / "scenes" / "guide"


def test_excerpts_marked_from_the_template_are_in_it_verbatim():
    scaffolded = _fill(
        SCENE_TEMPLATE,
        {
            "__SLUG__": "my-topic",
            "__CLASS__": "MyTopic",
            "__MODULE__": "scenes.extras.my_topic",
            "__TITLE_LITERAL__": _literal("My topic"),
        },
    )
    excerpts = re.findall(r"<!-- from the template -->\n```python\n(.*?)```", GUIDE, re.S)
    assert len(excerpts) >= 3
    for excerpt in excerpts:
        assert excerpt in scaffolded


def test_every_picture_is_shown_and_exists_and_is_small():
    linked = set(re.findall(r"\]\(guide/([\w-]+\.png)\)", GUIDE))
    on_disk = {p.name for p in PICTURES.glob("*.png")}
    assert linked == on_disk
    for name in on_disk:
        assert (PICTURES / name).stat().st_size < 40_000, f"{name} is not a small crop"


def test_the_pictures_script_draws_exactly_the_pictures():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pictures", PICTURES / "make_pictures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {f"{name}.png" for name in module.PICTURES} == {p.name for p in PICTURES.glob("*.png")}


def test_every_component_named_is_in_the_kit():
    import scenes.kit as kit

    named = set(re.findall(r"\*\*`(\w+)\(", GUIDE)) | set(re.findall(r"and\s+`([A-Z]\w+)\(", GUIDE))
    named -= {"silhouette"}  # from scenes.kit.fog, as the guide says
    assert {"DistributionBars", "StackedBar", "Veil", "RoadMap", "Coin", "Die"} <= named
    missing = sorted(n for n in named if not hasattr(kit, n))
    assert not missing


def test_every_palette_role_is_in_the_table():
    from scenes.theme import Palette

    table = GUIDE[GUIDE.index("| Role | Meaning") : GUIDE.index("Sizes, largest first")]
    assert set(re.findall(r"`(\w+)`", table)) == set(Palette.__dataclass_fields__)


def test_every_size_role_is_listed():
    from scenes.theme import TypeScale

    line = GUIDE[GUIDE.index("Sizes, largest first") :].split("\n\n")[0]
    assert set(re.findall(r"`(\w+)`", line)) == set(TypeScale.__dataclass_fields__)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("new", ["--title", "--no-test"]),
        ("render", ["--set", "--params", "--theme", "--quality"]),
        ("still", ["--set", "--params", "--theme", "--section", "--quality"]),
        ("lecture", ["--set", "--params", "--theme"]),
    ],
)
def test_the_options_it_names_exist(command, options):
    help_text = CliRunner().invoke(main, [command, "--help"]).output
    for option in options:
        assert option in help_text


def test_the_parameter_file_example_is_valid_for_its_scenes():
    from scenes.params import resolve_overrides
    from scenes.registry import find

    example = re.search(r"```toml\n(.*?)```", GUIDE, re.S).group(1)
    example = "\n".join(line.strip() for line in example.splitlines())
    tables = tomllib.loads(example)
    entries = [find(key) for key in tables if key != "all"]
    course = REPO / "tests" / ".guide-example.toml"
    try:
        course.write_text(example)
        resolved = resolve_overrides(entries, params_file=course)
    finally:
        course.unlink(missing_ok=True)
    assert resolved["entropy"] == {"unit": "nats", "thick_coin.edge": 0.2}
    assert resolved["mutual-information"]["joint"] == [[0.45, 0.05], [0.05, 0.45]]
