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


def section(title: str) -> str:
    start = GUIDE.index(f"## {title}")
    return GUIDE[start : GUIDE.index("\n## ", start + 1)]


def test_every_typst_example_in_the_maths_table_compiles():
    from manim import tempconfig

    from scenes.dryrun import typst_settings
    from scenes.kit import Formula

    table = GUIDE[GUIDE.index("<!-- typst table -->") :].split("\n\n")[0]
    # A table cell ends at a pipe; `\|` is a pipe inside a cell (GitHub's rule).
    rows = [re.split(r"(?<!\\)\|", line) for line in table.splitlines() if line.startswith("| ")]
    examples = [
        code.replace("\\|", "|") for row in rows[1:] for code in re.findall(r"`([^`]+)`", row[3])
    ]
    assert {"sum_x p(x)", '"KL"(p || q)', "q_theta", "1/p(x)"} <= set(examples)
    with tempconfig(typst_settings()):
        for code in examples:
            assert Formula(code).has_points() or Formula(code).submobjects, code


def test_the_worked_layout_error_is_what_the_check_reports():
    from manim import RIGHT

    import infotheory as it
    from scenes.kit import DistributionBars, Readout, layout_problems

    code = re.search(r"<!-- layout example -->\n```python\n(.*?)```", GUIDE, re.S).group(1)
    report = re.search(r"<!-- its report -->\n```text\n(.*?)```", GUIDE, re.S).group(1)
    names = {"it": it, "RIGHT": RIGHT, "DistributionBars": DistributionBars, "Readout": Readout}
    exec(code, names)
    problems = layout_problems([names["bars"], names["readout"]])
    assert [f"  - {p}" for p in problems] == report.splitlines()[1:]


def test_the_frame_and_safe_area_are_as_described():
    from manim import config

    from scenes.theme import current_theme

    page = section("2. The Manim you need")
    assert "14.2 units wide and 8 high" in page
    assert round(config.frame_width, 1) == 14.2 and config.frame_height == 8
    margin = current_theme().margin
    assert f"±{config.frame_width / 2 - margin:.2f}" in page
    assert f"±{config.frame_height / 2 - margin:.2f}" in page


def test_the_stage_bands_are_the_stages():
    from scenes.kit import Stage

    table = re.search(r"<!-- stage bands -->\n(.*?)\n\n", GUIDE, re.S).group(1)
    rows = {
        re.search(r"`self\.stage\.(\w+)`", row).group(1): [
            float(n.replace("−", "-")) for n in re.findall(r"−?\d+\.\d+", row)
        ]
        for row in table.splitlines()[2:]
    }
    stage = Stage.for_theme()
    for name, numbers in rows.items():
        regions = [stage.left, stage.right] if name == "left" else [getattr(stage, name)]
        expected = [edge for r in regions for edge in (r.left, r.right)]
        expected += [regions[0].bottom, regions[0].top]
        assert numbers == pytest.approx(expected, abs=0.005), name


def test_the_30_minute_path_uses_commands_that_exist():
    path = section("The 30-minute path")
    script = re.search(r"```sh\n(.*?)```", path, re.S).group(1)
    commands = [line for line in script.splitlines() if line.startswith(".venv/bin/explainer ")]
    assert len(commands) >= 3
    for line in commands:
        words = line.split()
        help_text = CliRunner().invoke(main, [words[1], "--help"]).output
        for option in (w for w in words if w.startswith("--")):
            assert option in help_text, f"{option} is not an option of {words[1]}"
    slug = commands[0].split()[2]
    module = slug.replace("-", "_")
    assert f"-k {module}" in script  # the test ids are module names, so this runs all of them
